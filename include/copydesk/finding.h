/* Findings: what analysis reports. Byte offsets into the analysed UTF-8
 * text (half-open). Everything a cd_result points to is owned by it and
 * freed by cd_result_free. */
#ifndef COPYDESK_FINDING_H
#define COPYDESK_FINDING_H

#include <stddef.h>
#include "copydesk/date.h"

typedef enum cd_code {
    CD_QUOTE_UNATTRIBUTED = 0,
    CD_QUOTE_UNBALANCED,
    CD_QUOTE_ANONYMOUS_SOURCE,
    CD_NAME_VARIANT,
    CD_NAME_FIRST_REFERENCE,
    CD_DATE_RELATIVE,
    CD_DATE_AMBIGUOUS_NUMERIC,
    CD_DATE_WEEKDAY_MISMATCH,
    CD_DATE_TWO_DIGIT_YEAR,
    CD_CODE_COUNT
} cd_code;

/* LSP DiagnosticSeverity values; CD_SEV_OFF disables a rule. */
typedef enum cd_severity {
    CD_SEV_DEFAULT = 0,
    CD_SEV_ERROR = 1,
    CD_SEV_WARNING = 2,
    CD_SEV_INFORMATION = 3,
    CD_SEV_HINT = 4,
    CD_SEV_OFF = 5
} cd_severity;

/* Where the publication date came from (SPEC §4), in priority order. */
typedef enum cd_pub_source {
    CD_PUB_NONE = 0,
    CD_PUB_ARGUMENT,     /* --date */
    CD_PUB_SETTING,      /* client setting copydesk.publicationDate */
    CD_PUB_FRONT_MATTER, /* YAML front matter date: */
    CD_PUB_DATELINE,     /* dateline in the first paragraph */
    CD_PUB_CONFIG        /* copydesk.json publicationDate */
} cd_pub_source;

typedef struct cd_pubdate {
    cd_date date;         /* year 0 when none is known */
    cd_pub_source source;
    size_t start, end;    /* bytes of the date's origin in the text, for
                             front matter and dateline; 0,0 otherwise */
} cd_pubdate;

/* Another place involved in a finding (SPEC §2 relatedInformation). */
typedef struct cd_related {
    size_t start, end;
    char *message; /* owned by the result */
} cd_related;

typedef struct cd_finding {
    cd_code code;
    cd_severity severity; /* never DEFAULT or OFF once reported */
    size_t start, end;    /* bytes, half-open */
    char *message;        /* owned by the result */
    cd_related *related;  /* owned by the result; n_related entries */
    size_t n_related;
    /* Structured evidence for hovers and quick fixes. */
    cd_date date;         /* date-relative: resolved date (year 0: none);
                             weekday-mismatch: the date as written;
                             ambiguous-numeric: first (house) reading */
    cd_date date_alt;     /* ambiguous-numeric: second reading */
    int weekday;          /* weekday-mismatch: the true weekday (0=Sun) */
    char *evidence;       /* free text: canonical spelling, speaker,
                             attribution words; owned, may be NULL */
} cd_finding;

typedef struct cd_result {
    cd_finding *items; /* sorted by start, then end, then code */
    size_t count, cap;
    cd_pubdate pub;    /* the publication date the run used */
    int cancelled;     /* 1 when the run stopped early (results partial) */
} cd_result;

/* Appends a finding; copies message (printf-style) into the result.
 * Returns the new finding (valid until the next push) or NULL on OOM. */
cd_finding *cd_result_push(cd_result *r, cd_code code, cd_severity sev,
                           size_t start, size_t end, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Adds relatedInformation to f (message copied). Returns 0 or -1. */
int cd_finding_add_related(cd_finding *f, size_t start, size_t end,
                           const char *message);
/* Sets f->evidence to a copy of s. */
int cd_finding_set_evidence(cd_finding *f, const char *s);
void cd_result_sort(cd_result *r);
/* Frees everything the result owns and the result itself; NULL is a no-op. */
void cd_result_free(cd_result *r);

/* The rule table (analysis/registry.c). Static strings. */
const char *cd_code_name(cd_code c);            /* "date-relative" */
int cd_code_from_name(const char *name);        /* -1 when unknown */
cd_severity cd_code_default_severity(cd_code c);
const char *cd_code_summary(cd_code c);         /* one line */
const char *cd_severity_name(cd_severity s);    /* "warning" */
int cd_severity_from_name(const char *name);    /* -1 when unknown */

#endif
