/* --format json: {"path", "diagnostics": [LSP Diagnostic]} per file, so
 * one parser serves both front doors. */
#include "server/cli/cli.h"

#include <jansson.h>
#include <stdlib.h>

#include "protocol/lsp.h"

void cd_format_json(FILE *to, const cd_checked *c)
{
    char *uri = cd_cli_path_uri(c->path);
    cd_lsp_view v = {c->text, c->ix, CD_ENC_UTF16, uri};
    json_t *obj = json_pack("{s:s,s:o}", "path", c->path,
                            "diagnostics", cd_lsp_diagnostics(&v, c->result));
    json_dumpf(obj, to, JSON_COMPACT);
    json_decref(obj);
    free(uri);
}
