/* The one entry point: UTF-8 text + options -> findings.
 * Pure: no I/O, no JSON, no threads of its own; safe to call from several
 * threads at once. */
#ifndef COPYDESK_ANALYSIS_H
#define COPYDESK_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include "copydesk/date.h"
#include "copydesk/finding.h"

typedef enum cd_date_order {
    CD_ORDER_NONE = 0, /* no house order: report both readings, M/D first */
    CD_ORDER_MDY,
    CD_ORDER_DMY
} cd_date_order;

typedef struct cd_options {
    bool markdown;             /* Markdown (.md) rather than plain text */
    /* Publication date given from outside the document: --date (source
       CD_PUB_ARGUMENT) or the client setting (CD_PUB_SETTING); beats the
       document's own. date.year == 0 when not given. */
    cd_date pub_date;
    cd_pub_source pub_source;
    cd_date config_pub_date;   /* copydesk.json, lowest priority */
    cd_severity severity[CD_CODE_COUNT]; /* CD_SEV_DEFAULT = rule default */
    cd_date_order date_order;
    /* Extra speech verbs (base forms, e.g. "quip"; inflections are
       derived) and canonical names the newsroom knows ("Volodymyr
       Zelensky"): a variant of one is flagged even when it appears once.
       Borrowed; may be NULL with a count of 0. */
    const char *const *attribution_verbs;
    size_t n_attribution_verbs;
    const char *const *known_names;
    size_t n_known_names;
    /* Polled between paragraphs; when it reads non-zero the run stops and
       the result has cancelled = 1. May be NULL. */
    const volatile int *cancel;
} cd_options;

/* Zeroes opts (all defaults). */
void cd_options_init(cd_options *opts);

/* Analyses text (len bytes, valid UTF-8: call cd_utf8_sanitize first on
 * untrusted input). Returns a new result owned by the caller
 * (cd_result_free), or NULL only when out of memory. */
cd_result *cd_analyze(const char *text, size_t len, const cd_options *opts);

/* Returns a newly malloc'd copy of in[0..len) where every invalid UTF-8
 * sequence is replaced by U+FFFD (EF BF BD), NUL-terminated; *out_len gets
 * its length. Returns NULL on OOM. Caller frees. */
char *cd_utf8_sanitize(const char *in, size_t len, size_t *out_len);
/* true when in[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool cd_utf8_valid(const char *in, size_t len);

#endif
