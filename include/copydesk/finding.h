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

/* A byte range plus the index of what it refers to (a variant). */
typedef struct cd_span_pair {
    size_t start, end;
    size_t variant;    /* index into cd_person.variants */
} cd_span_pair;

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

/* How a quotation is attributed (quotes rule). */
typedef enum cd_attr_kind {
    CD_ATTR_NONE = 0,          /* no attribution found */
    CD_ATTR_SENTENCE,          /* speaker + speech verb in its own sentence */
    CD_ATTR_ACCORDING_TO,      /* "according to X" */
    CD_ATTR_COLON,             /* "X said:" / headline "X: '...'" */
    CD_ATTR_PREVIOUS_SENTENCE, /* previous sentence of the same paragraph */
    CD_ATTR_CONTINUATION,      /* continues an attributed multi-paragraph quote */
    CD_ATTR_ANONYMOUS          /* only an unnamed source ("officials said") */
} cd_attr_kind;

/* Every direct quotation the quotes rule recognised, attributed or not:
 * hovers answer from these without a second analysis. */
typedef struct cd_quote {
    size_t start, end;                 /* the quotation including its marks */
    cd_attr_kind how;
    size_t speaker_start, speaker_end; /* the speaker words; equal when none */
    size_t words_start, words_end;     /* the attributing words ("said",
                                          "according to"); equal when none */
} cd_quote;

/* One spelling of a person's name and where it is used. */
typedef struct cd_name_variant {
    char *spelling;                    /* owned, as written (surname form) */
    size_t count;                      /* mentions with this spelling */
    size_t first_start, first_end;     /* its first mention */
} cd_name_variant;

/* A person the names rule clustered: canonical spelling, every variant,
 * the first full-name reference, and every mention. */
typedef struct cd_person {
    char *canonical;                   /* owned: majority spelling */
    size_t full_start, full_end;       /* first full-name mention; equal
                                          (0,0) when never introduced */
    cd_name_variant *variants;         /* owned; [0] is the canonical one */
    size_t n_variants;
    cd_span_pair *mentions;            /* owned: every mention, text order */
    size_t n_mentions;
} cd_person;

typedef struct cd_result {
    cd_finding *items; /* sorted by start, then end, then code */
    size_t count, cap;
    cd_pubdate pub;    /* the publication date the run used */
    int cancelled;     /* 1 when the run stopped early (results partial) */
    cd_quote *quotes;  /* owned, n_quotes entries in text order */
    size_t n_quotes;
    cd_person *people; /* owned, n_people entries (order of first mention) */
    size_t n_people;
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
/* The rule's documentation (docs/rules/<code>.md, built in), or NULL. */
const char *cd_code_doc(cd_code c);
const char *cd_severity_name(cd_severity s);    /* "warning" */
int cd_severity_from_name(const char *name);    /* -1 when unknown */

#endif
