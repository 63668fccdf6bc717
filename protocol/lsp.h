/* Findings -> LSP JSON shapes (Diagnostic, Range, Hover). One converter
 * for both front doors: the server publishes these diagnostics and
 * `copydesk check --format json` prints them. */
#ifndef COPYDESK_LSP_H
#define COPYDESK_LSP_H

#include <jansson.h>
#include "copydesk/finding.h"
#include "protocol/jsonw.h"
#include "protocol/position.h"

/* Base of codeDescription.href; the rule's code is appended. */
#define CD_DOCS_BASE_URL "https://github.com/copydesk/copydesk/blob/main/docs/rules/"

/* A view of one analysed text, enough to turn byte offsets into LSP
 * positions. Everything is borrowed. */
typedef struct cd_lsp_view {
    const char *text;
    const cd_line_index *ix;
    cd_encoding enc;
    const char *uri; /* for relatedInformation locations */
} cd_lsp_view;

/* New reference: {"start":{...},"end":{...}} for bytes [start, end). */
json_t *cd_lsp_range(const cd_lsp_view *v, size_t start, size_t end);
/* Writes a JSON array of every finding of r as LSP Diagnostics, in r's
 * order (r NULL: an empty array). The text goes straight into w: no
 * jansson tree is built, and positions are counted in one forward pass. */
void cd_lsp_write_diagnostics(cd_jsonw *w, const cd_lsp_view *v, const cd_result *r);
/* New reference: the same Diagnostic for one finding, as a jansson value
 * (quick fixes carry it); NULL on OOM. */
json_t *cd_lsp_diagnostic(const cd_lsp_view *v, const cd_finding *f);

/* Parses an LSP Position object; returns 0, or -1 when it is not
 * {"line": uint, "character": uint}. */
int cd_lsp_parse_position(const json_t *obj, cd_position *out);

#endif
