/* The rule table: stable codes (SPEC §2), default severities and one-line
 * summaries. Everything here is static data; nothing allocates. */
#include <stddef.h>
#include <string.h>

#include "copydesk/finding.h"

typedef struct rule_info {
    const char *name;
    cd_severity severity;
    const char *summary;
} rule_info;

/* Indexed by cd_code; the order must match the enum in finding.h. */
static const rule_info rules[CD_CODE_COUNT] = {
    [CD_QUOTE_UNATTRIBUTED] = {"quote-unattributed", CD_SEV_WARNING,
        "A direct quotation with no speaker."},
    [CD_QUOTE_UNBALANCED] = {"quote-unbalanced", CD_SEV_WARNING,
        "An opening quotation mark with no closing mark, or a closing mark "
        "with no opener."},
    [CD_QUOTE_ANONYMOUS_SOURCE] = {"quote-anonymous-source",
        CD_SEV_INFORMATION,
        "A quotation attributed only to an unnamed source."},
    [CD_NAME_VARIANT] = {"name-variant", CD_SEV_WARNING,
        "A person's name spelled differently from its other mentions."},
    [CD_NAME_FIRST_REFERENCE] = {"name-first-reference", CD_SEV_INFORMATION,
        "A surname used alone before, or without, the person's full name."},
    [CD_DATE_RELATIVE] = {"date-relative", CD_SEV_INFORMATION,
        "A relative date the reader must resolve against the publication "
        "date."},
    [CD_DATE_AMBIGUOUS_NUMERIC] = {"date-ambiguous-numeric", CD_SEV_WARNING,
        "A numeric date that can be read as two different days."},
    [CD_DATE_WEEKDAY_MISMATCH] = {"date-weekday-mismatch", CD_SEV_ERROR,
        "A weekday that contradicts its date."},
    [CD_DATE_TWO_DIGIT_YEAR] = {"date-two-digit-year", CD_SEV_INFORMATION,
        "A year written with two digits."},
};

const char *cd_code_name(cd_code c)
{
    return (unsigned)c < CD_CODE_COUNT ? rules[c].name : "unknown";
}

int cd_code_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < CD_CODE_COUNT; i++)
        if (strcmp(rules[i].name, name) == 0)
            return i;
    return -1;
}

cd_severity cd_code_default_severity(cd_code c)
{
    return (unsigned)c < CD_CODE_COUNT ? rules[c].severity : CD_SEV_WARNING;
}

const char *cd_code_summary(cd_code c)
{
    return (unsigned)c < CD_CODE_COUNT ? rules[c].summary : "";
}

/* Generated from docs/rules/<code>.md at build time (scripts/embed-docs.py). */
const char *cd_rule_doc_by_name(const char *code);

const char *cd_code_doc(cd_code c)
{
    return (unsigned)c < CD_CODE_COUNT ? cd_rule_doc_by_name(rules[c].name) : NULL;
}

const char *cd_severity_name(cd_severity s)
{
    switch (s) {
    case CD_SEV_ERROR: return "error";
    case CD_SEV_WARNING: return "warning";
    case CD_SEV_INFORMATION: return "information";
    case CD_SEV_HINT: return "hint";
    case CD_SEV_OFF: return "off";
    case CD_SEV_DEFAULT: return "default";
    }
    return "unknown";
}

/* ASCII case-insensitive equality: config files written by hand say
   "Warning" as often as "warning". */
static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int cd_severity_from_name(const char *name)
{
    static const struct { const char *name; cd_severity sev; } names[] = {
        {"error", CD_SEV_ERROR},
        {"warning", CD_SEV_WARNING},
        {"information", CD_SEV_INFORMATION},
        {"info", CD_SEV_INFORMATION},
        {"hint", CD_SEV_HINT},
        {"off", CD_SEV_OFF},
    };
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ieq(names[i].name, name))
            return (int)names[i].sev;
    return -1;
}
