/* `check` output formats. Text is for people (compiler style); JSON is
 * the LSP Diagnostic shape so one parser serves both front doors. */
#include "server/cli/cli.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/lsp.h"
#include "protocol/uri.h"

/* file:// URI for relatedInformation locations. Caller frees. */
static char *path_to_uri(const char *path)
{
    char abs[PATH_MAX];
    if (strcmp(path, "-") == 0 || strcmp(path, "<stdin>") == 0)
        return strdup("untitled:stdin");
    if (!realpath(path, abs))
        snprintf(abs, sizeof abs, "%s", path);
    return cd_uri_from_path(abs);
}

static const char *sev_color(cd_severity s)
{
    switch (s) {
    case CD_SEV_ERROR: return "\033[1;31m";
    case CD_SEV_WARNING: return "\033[1;33m";
    case CD_SEV_INFORMATION: return "\033[1;36m";
    default: return "\033[1;34m";
    }
}

static void text_finding(cd_output *o, const cd_checked *c, const cd_finding *f)
{
    cd_position p = cd_position_from_offset(c->ix, c->text, f->start, CD_ENC_UTF8);
    size_t line_start = c->ix->starts[p.line];
    size_t line_end = line_start;
    while (line_end < c->len && c->text[line_end] != '\n')
        line_end++;
    if (line_end > line_start && c->text[line_end - 1] == '\r')
        line_end--;
    size_t col = cd_chars_count(c->text + line_start, f->start - line_start) + 1;
    const char *bold = o->color ? "\033[1m" : "", *reset = o->color ? "\033[0m" : "";
    fprintf(o->out, "%s%s:%u:%zu:%s %s%s:%s %s [%s]\n", bold, c->path, p.line + 1, col, reset,
            o->color ? sev_color(f->severity) : "", cd_severity_name(f->severity), reset,
            f->message ? f->message : "", cd_code_name(f->code));
    /* The source line, then a caret under the finding (tabs kept so the
       caret lines up in a terminal). */
    fprintf(o->out, "  %.*s\n  ", (int)(line_end - line_start), c->text + line_start);
    for (size_t i = line_start; i < f->start; i++) {
        unsigned char ch = (unsigned char)c->text[i];
        if (ch == '\t')
            fputc('\t', o->out);
        else if ((ch & 0xC0) != 0x80)
            fputc(' ', o->out);
    }
    size_t end = f->end < line_end ? f->end : line_end;
    fputs(o->color ? "\033[1;32m^" : "^", o->out);
    size_t width = end > f->start ? cd_chars_count(c->text + f->start, end - f->start) : 1;
    for (size_t i = 1; i < width; i++)
        fputc('~', o->out);
    fprintf(o->out, "%s\n", reset);
}

void cd_output_begin(cd_output *o)
{
    o->files = 0;
    if (o->format == CD_FORMAT_JSON)
        fputs("[", o->out);
}

void cd_output_file(cd_output *o, const cd_checked *c)
{
    if (o->format == CD_FORMAT_TEXT) {
        for (size_t i = 0; i < c->result->count; i++)
            text_finding(o, c, &c->result->items[i]);
    } else {
        char *uri = path_to_uri(c->path);
        cd_lsp_view v = {c->text, c->ix, CD_ENC_UTF16, uri};
        json_t *obj = json_pack("{s:s,s:o}", "path", c->path,
                                "diagnostics", cd_lsp_diagnostics(&v, c->result));
        char *s = json_dumps(obj, JSON_COMPACT);
        fprintf(o->out, "%s\n%s", o->files ? "," : "", s ? s : "{}");
        free(s);
        json_decref(obj);
        free(uri);
    }
    o->files++;
}

void cd_output_end(cd_output *o)
{
    if (o->format == CD_FORMAT_JSON)
        fputs(o->files ? "\n]\n" : "]\n", o->out);
    fflush(o->out);
}
