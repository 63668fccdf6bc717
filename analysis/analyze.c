/* The one entry point: builds the text model, finds the publication date,
 * runs every rule family, then applies the caller's severity overrides and
 * sorts. Pure and re-entrant: all state lives in the doc and the result of
 * this call. */
#include <stdlib.h>
#include <string.h>

#include "analysis/rules.h"
#include "analysis/text/text.h"
#include "copydesk/analysis.h"

void cd_options_init(cd_options *opts)
{
    memset(opts, 0, sizeof *opts);
}

/* Config overrides: OFF drops the finding, DEFAULT keeps the rule's own
 * severity, anything else replaces it. Compacts in place. */
static void apply_severity(cd_result *r, const cd_options *opts)
{
    size_t out = 0;
    for (size_t i = 0; i < r->count; i++) {
        cd_finding *f = &r->items[i];
        cd_severity s = (unsigned)f->code < CD_CODE_COUNT
                            ? opts->severity[f->code] : CD_SEV_DEFAULT;
        if (s == CD_SEV_OFF) {
            cd_finding_release(f);
            continue;
        }
        if (s >= CD_SEV_ERROR && s <= CD_SEV_HINT)
            f->severity = s;
        else if (f->severity < CD_SEV_ERROR || f->severity > CD_SEV_HINT)
            f->severity = cd_code_default_severity(f->code);
        r->items[out++] = *f;
    }
    r->count = out;
}

cd_result *cd_analyze(const char *text, size_t len, const cd_options *opts)
{
    cd_options defaults;
    if (!opts) {
        cd_options_init(&defaults);
        opts = &defaults;
    }
    cd_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (cd_cancelled(opts)) {
        r->cancelled = 1;
        return r;
    }

    cd_doc doc;
    if (cd_doc_init(&doc, text, len, opts->markdown) != 0) {
        free(r);
        return NULL;
    }
    r->pub = cd_pubdate_find(&doc, opts);

    /* Rule families, cheapest first; each polls cancellation between
       paragraphs, and we poll between families. */
    if (!cd_cancelled(opts))
        cd_rule_dates(&doc, opts, &r->pub, r);
    if (!cd_cancelled(opts))
        cd_rule_quotes(&doc, opts, r);
    if (!cd_cancelled(opts))
        cd_rule_names(&doc, opts, r);

    if (cd_cancelled(opts))
        r->cancelled = 1;
    apply_severity(r, opts);
    cd_result_sort(r);
    cd_suppress_apply(&doc, r);
    cd_doc_destroy(&doc);
    return r;
}
