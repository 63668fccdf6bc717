/* `check` output: which format renders a file, and how the rendered
 * pieces are joined into one document in input order. */
#include "server/cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/uri.h"

char *cd_cli_path_uri(const char *path)
{
    char abs[PATH_MAX];
    if (strcmp(path, "-") == 0 || strcmp(path, "<stdin>") == 0)
        return strdup("untitled:stdin");
    if (!realpath(path, abs))
        snprintf(abs, sizeof abs, "%s", path);
    return cd_uri_from_path(abs);
}

int cd_format_from_name(const char *name)
{
    static const char *const names[] = {"text", "json", "sarif", "github"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

void cd_output_begin(cd_output *o)
{
    o->emitted = 0;
    if (o->format == CD_FORMAT_JSON)
        fputs("[", o->out);
    else if (o->format == CD_FORMAT_SARIF)
        cd_format_sarif_begin(o->out);
}

void cd_output_render(const cd_output *o, FILE *to, const cd_checked *c)
{
    switch (o->format) {
    case CD_FORMAT_TEXT: cd_format_text(to, c, o->color); break;
    case CD_FORMAT_JSON: cd_format_json(to, c); break;
    case CD_FORMAT_SARIF: cd_format_sarif_results(to, c); break;
    case CD_FORMAT_GITHUB: cd_format_github(to, c); break;
    }
}

void cd_output_emit(cd_output *o, const char *piece, size_t len)
{
    if (len == 0)
        return;
    /* JSON: one element per line; SARIF: results joined by commas. */
    if (o->format == CD_FORMAT_JSON)
        fputs(o->emitted ? ",\n" : "\n", o->out);
    else if (o->format == CD_FORMAT_SARIF && o->emitted)
        fputc(',', o->out);
    fwrite(piece, 1, len, o->out);
    o->emitted++;
}

void cd_output_end(cd_output *o, int exit_status)
{
    if (o->format == CD_FORMAT_JSON)
        fputs(o->emitted ? "\n]\n" : "]\n", o->out);
    else if (o->format == CD_FORMAT_SARIF)
        cd_format_sarif_end(o->out, exit_status);
    fflush(o->out);
}
