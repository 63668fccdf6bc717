/* --format json: {"path", "diagnostics": [LSP Diagnostic]} per file, so
 * one parser serves both front doors (the server writes its diagnostics
 * with the same cd_lsp_write_diagnostics). */
#include "server/cli/cli.h"

#include <stdlib.h>

#include "protocol/lsp.h"

void cd_format_json(FILE *to, const cd_checked *c)
{
    char *uri = cd_cli_path_uri(c->path);
    cd_lsp_view v = {c->text, c->ix, CD_ENC_UTF16, uri};
    cd_jsonw w = {0};
    cd_jsonw_lit(&w, "{\"path\":");
    cd_jsonw_cstring(&w, c->path);
    cd_jsonw_lit(&w, ",\"diagnostics\":");
    cd_lsp_write_diagnostics(&w, &v, c->result);
    cd_jsonw_lit(&w, "}");
    if (w.failed)
        fprintf(stderr, "copydesk: out of memory writing %s\n", c->path);
    else
        fwrite(cd_jsonw_text(&w), 1, w.len, to);
    cd_jsonw_free(&w);
    free(uri);
}
