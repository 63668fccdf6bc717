/* Client settings (the "copydesk" section) as the server uses them. */
#ifndef COPYDESK_SETTINGS_H
#define COPYDESK_SETTINGS_H

#include <jansson.h>
#include "copydesk/analysis.h"

#define CD_DEFAULT_DEBOUNCE_MS 150

typedef struct cd_settings {
    cd_date pub_date;                     /* year 0: not set */
    int debounce_ms;
    cd_severity severity[CD_CODE_COUNT];  /* CD_SEV_DEFAULT: rule default */
    cd_date_order date_order;
} cd_settings;

void cd_settings_init(cd_settings *s);

/* Reads a "copydesk" settings object (keys publicationDate, debounceMs,
 * rules, dateOrder; unknown keys are ignored for forward compatibility)
 * into a fresh copy of the defaults. A bad value keeps that key's
 * default and is described in err (the first problem only). Returns 0
 * when everything was valid, -1 otherwise; *out is usable either way. */
int cd_settings_from_json(const json_t *section, cd_settings *out,
                          char *err, size_t errcap);

/* Fills analysis options for one document from the settings. */
void cd_settings_to_options(const cd_settings *s, cd_options *opts);

#endif
