/* copydesk settings: the keys of SPEC §5, from the client's "copydesk"
 * section or from a copydesk.json file, parsed by one reader. */
#ifndef COPYDESK_SETTINGS_H
#define COPYDESK_SETTINGS_H

#include <jansson.h>
#include "copydesk/analysis.h"

#define CD_DEFAULT_DEBOUNCE_MS 150

typedef struct cd_settings {
    cd_date pub_date;                     /* client's publicationDate; year 0: not set */
    cd_date config_pub_date;              /* copydesk.json's publicationDate */
    int debounce_ms;                      /* client only */
    cd_severity severity[CD_CODE_COUNT];  /* CD_SEV_DEFAULT: rule default */
    cd_date_order date_order;
    char **names;                         /* owned strings and array */
    size_t n_names;
    char **verbs;                         /* owned: attributionVerbs */
    size_t n_verbs;
} cd_settings;

/* What went wrong, for a message and a position in the file. */
typedef struct cd_settings_error {
    char msg[200];
    char key[64];     /* top-level key at fault ("" for the whole value) */
    char subkey[64];  /* inside it (a rule's code), or "" */
} cd_settings_error;

typedef enum cd_settings_kind {
    CD_SETTINGS_CLIENT, /* editor settings: unknown keys ignored */
    CD_SETTINGS_FILE    /* copydesk.json: unknown keys are errors */
} cd_settings_kind;

/* _init/_destroy: caller-owned struct. */
void cd_settings_init(cd_settings *s);
void cd_settings_destroy(cd_settings *s);
/* Deep copy into a fresh *dst (caller destroys). Returns 0 or -1 (OOM). */
int cd_settings_copy(cd_settings *dst, const cd_settings *src);

/* Reads a settings object into a fresh *out (destroy it afterwards,
 * whatever the result). A bad value keeps that key's default and is
 * described in *err (the first problem only; err may be NULL). Returns 0
 * when everything was valid, -1 otherwise. */
int cd_settings_from_json(const json_t *section, cd_settings_kind kind,
                          cd_settings *out, cd_settings_error *err);

/* Layers: over *base (a copydesk.json), the client's keys that are set
 * win; names and verbs are the union. Result in a fresh *out. */
int cd_settings_merge(cd_settings *out, const cd_settings *base,
                      const cd_settings *client);

/* Fills analysis options from settings. The client's publicationDate is a
 * setting (CD_PUB_SETTING); a file's is the config fallback. Pointers in
 * opts borrow from s, which must outlive the analysis. */
void cd_settings_to_options(const cd_settings *s, cd_options *opts);

#endif
