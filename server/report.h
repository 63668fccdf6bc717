/* A finished analysis's diagnostics as the client receives them,
 * serialised once, on the worker that ran the analysis: the
 * publishDiagnostics notification, whose Diagnostic array the pull
 * answers (textDocument/diagnostic, workspace/diagnostic) copy as bytes.
 * The loop thread only frames and writes. */
#ifndef COPYDESK_REPORT_H
#define COPYDESK_REPORT_H

#include "copydesk/finding.h"
#include "protocol/jsonw.h"
#include "protocol/lsp.h"

typedef struct cd_report {
    cd_jsonw msg;       /* owned: the notification's text */
    size_t items_at;    /* the Diagnostic array is msg's text */
    size_t items_len;   /*   [items_at, items_at + items_len) */
} cd_report;

/* The notification for v->uri at version, with r's findings. Returns a
 * new report (caller owns; cd_report_free), or NULL on OOM. */
cd_report *cd_report_new(const cd_lsp_view *v, long version, const cd_result *r);
void cd_report_free(cd_report *rep); /* NULL is a no-op */

/* Appends the report's Diagnostic array (JSON text) to w. */
void cd_report_write_items(cd_jsonw *w, const cd_report *rep);

#endif
