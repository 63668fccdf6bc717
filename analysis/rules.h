/* Rule families and helpers shared inside analysis/. Each rule reads the
 * text model and appends findings with the rule's default severity;
 * analyze.c applies severity overrides and sorts. */
#ifndef COPYDESK_RULES_H
#define COPYDESK_RULES_H

#include "copydesk/analysis.h"
#include "analysis/text/text.h"

/* SPEC §4: the publication date for this run, first found: opts->pub_date
 * (argument or setting), front matter "date:", a dateline in the first
 * paragraph, opts->config_pub_date. source CD_PUB_NONE when none. */
cd_pubdate cd_pubdate_find(const cd_doc *doc, const cd_options *opts);

/* date-relative, date-ambiguous-numeric, date-weekday-mismatch,
 * date-two-digit-year. */
void cd_rule_dates(const cd_doc *doc, const cd_options *opts,
                   const cd_pubdate *pub, cd_result *out);

/* quote-unattributed, quote-unbalanced, quote-anonymous-source; also
 * fills out->quotes with every recognised quotation (analysis/quotes.c). */
void cd_rule_quotes(const cd_doc *doc, const cd_options *opts, cd_result *out);

/* name-variant, name-first-reference; also fills out->people
 * (analysis/names.c). */
void cd_rule_names(const cd_doc *doc, const cd_options *opts, cd_result *out);

/* Frees what one finding owns, not the finding itself (analysis/finding.c):
 * for passes that drop findings from a result in place. */
void cd_finding_release(cd_finding *f);

/* Drops the findings that suppression comments silence (analysis/
 * suppress.c). r must be sorted. */
void cd_suppress_apply(const cd_doc *doc, cd_result *r);

/* True when the run should stop (opts->cancel set). */
static inline bool cd_cancelled(const cd_options *opts)
{
    return opts->cancel && *opts->cancel;
}

#endif
