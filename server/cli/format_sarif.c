/* --format sarif: SARIF 2.1.0, one reportingDescriptor per code (with its
 * documentation), results with 1-based regions, and the run's exit
 * status in invocations. Written as a stream: header, results as files
 * finish, then the trailer once the exit status is known. */
#include "server/cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cd_version.h"
#include "protocol/lsp.h"
#include "protocol/uri.h"

static const char *level(cd_severity s)
{
    return s == CD_SEV_ERROR ? "error" : s == CD_SEV_WARNING ? "warning" : "note";
}

void cd_format_sarif_begin(FILE *to)
{
    json_t *rules = json_array();
    for (int c = 0; c < CD_CODE_COUNT; c++) {
        const char *name = cd_code_name((cd_code)c);
        const char *doc = cd_code_doc((cd_code)c);
        char href[256];
        snprintf(href, sizeof href, "%s%s.md", CD_DOCS_BASE_URL, name);
        json_array_append_new(rules, json_pack(
            "{s:s,s:s,s:{s:s},s:s,s:{s:s,s:s},s:{s:s}}",
            "id", name, "name", name,
            "shortDescription", "text", cd_code_summary((cd_code)c),
            "helpUri", href,
            "help", "text", doc ? doc : "", "markdown", doc ? doc : "",
            "defaultConfiguration", "level", level(cd_code_default_severity((cd_code)c))));
    }
    json_t *driver = json_pack("{s:s,s:s,s:s,s:o}", "name", "copydesk", "version", CD_VERSION,
                               "informationUri", CD_DOCS_BASE_URL, "rules", rules);
    char *d = json_dumps(driver, JSON_COMPACT);
    fprintf(to, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
                "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":%s},"
                "\"columnKind\":\"utf16CodeUnits\",\"results\":[",
            d ? d : "{}");
    free(d);
    json_decref(driver);
}

static json_t *region(const cd_checked *c, size_t start, size_t end)
{
    cd_position a = cd_position_from_offset(c->ix, c->text, start, CD_ENC_UTF16);
    cd_position b = cd_position_from_offset(c->ix, c->text, end, CD_ENC_UTF16);
    return json_pack("{s:I,s:I,s:I,s:I}", "startLine", (json_int_t)a.line + 1,
                     "startColumn", (json_int_t)a.character + 1, "endLine",
                     (json_int_t)b.line + 1, "endColumn", (json_int_t)b.character + 1);
}

/* artifactLocation.uri must be a URI reference, so the path is
 * percent-encoded (a space, a '%' or a ':' in its first segment would not
 * parse). An absolute path becomes a file:// URI of the path as given; a
 * relative one stays relative, for code scanning resolves it against the
 * checkout; stdin is "untitled:stdin", as in --format json. Caller frees;
 * NULL on OOM. */
static char *artifact_uri(const char *path)
{
    if (strcmp(path, "<stdin>") == 0)
        return cd_cli_path_uri(path);
    return path[0] == '/' ? cd_uri_from_path(path) : cd_uri_encode_path(path);
}

void cd_format_sarif_results(FILE *to, const cd_checked *c)
{
    char *uri = artifact_uri(c->path);
    if (!uri) {
        fprintf(stderr, "copydesk: out of memory writing %s\n", c->path);
        return;
    }
    for (size_t i = 0; i < c->result->count; i++) {
        const cd_finding *f = &c->result->items[i];
        json_t *loc = json_pack("{s:{s:{s:s},s:o}}", "physicalLocation", "artifactLocation",
                                "uri", uri, "region", region(c, f->start, f->end));
        json_t *res = json_pack("{s:s,s:i,s:s,s:{s:s},s:[o]}", "ruleId", cd_code_name(f->code),
                                "ruleIndex", (int)f->code, "level", level(f->severity),
                                "message", "text", f->message ? f->message : "",
                                "locations", loc);
        if (f->n_related) {
            json_t *rel = json_array();
            for (size_t k = 0; k < f->n_related; k++)
                json_array_append_new(rel, json_pack(
                    "{s:i,s:{s:{s:s},s:o},s:{s:s}}", "id", (int)k, "physicalLocation",
                    "artifactLocation", "uri", uri, "region",
                    region(c, f->related[k].start, f->related[k].end), "message", "text",
                    f->related[k].message ? f->related[k].message : ""));
            json_object_set_new(res, "relatedLocations", rel);
        }
        if (i)
            fputc(',', to);
        json_dumpf(res, to, JSON_COMPACT);
        json_decref(res);
    }
    free(uri);
}

void cd_format_sarif_end(FILE *to, int exit_status)
{
    fprintf(to, "],\"invocations\":[{\"executionSuccessful\":%s,\"exitCode\":%d}]}]}\n",
            exit_status == 2 ? "false" : "true", exit_status);
}
