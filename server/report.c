#include "server/report.h"

#include <stdlib.h>

cd_report *cd_report_new(const cd_lsp_view *v, long version, const cd_result *r)
{
    cd_report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return NULL;
    cd_jsonw *w = &rep->msg;
    /* Key order as the jansson envelope gave it (jsonrpc, method, params;
       uri, version, diagnostics). */
    cd_jsonw_lit(w, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
                    "\"params\":{\"uri\":");
    cd_jsonw_cstring(w, v->uri);
    cd_jsonw_lit(w, ",\"version\":");
    cd_jsonw_int(w, version);
    cd_jsonw_lit(w, ",\"diagnostics\":");
    rep->items_at = w->len;
    cd_lsp_write_diagnostics(w, v, r);
    rep->items_len = w->len - rep->items_at;
    cd_jsonw_lit(w, "}}");
    if (w->failed) {
        cd_report_free(rep);
        return NULL;
    }
    return rep;
}

void cd_report_free(cd_report *rep)
{
    if (!rep)
        return;
    cd_jsonw_free(&rep->msg);
    free(rep);
}

void cd_report_write_items(cd_jsonw *w, const cd_report *rep)
{
    cd_jsonw_raw(w, cd_jsonw_text(&rep->msg) + rep->items_at, rep->items_len);
}
