/* copydesk.json: found from a file's folder upwards, parsed strictly,
 * errors placed at the key at fault. */
#ifndef COPYDESK_CONFIG_H
#define COPYDESK_CONFIG_H

#include <stdbool.h>
#include "server/settings.h"

typedef struct cd_config {
    char *path;            /* owned; the file read */
    cd_settings settings;  /* owned; the defaults where the file is bad */
    bool valid;
    int line, column;      /* 1-based position of the problem (!valid) */
    char msg[256];         /* the problem (!valid) */
} cd_config;

/* The nearest copydesk.json in dir or a parent folder: a malloc'd path
 * (caller frees) or NULL. */
char *cd_config_find(const char *dir);

/* Reads path into a fresh *cfg (call cd_config_destroy afterwards either
 * way). Returns 0 when valid, -1 when unreadable or invalid: then msg,
 * line and column say why and where, and the defaults apply. */
int cd_config_load(const char *path, cd_config *cfg);
void cd_config_destroy(cd_config *cfg);

/* Configs loaded so far, each read once. Entries are separately
 * allocated, so a pointer handed out stays valid until the cache is
 * cleared, however much it grows (check's workers keep theirs while
 * others load more). Not thread-safe: callers serialise. */
typedef struct cd_config_cache {
    cd_config **items;
    size_t count;
} cd_config_cache;

/* The config at path (a copydesk.json found or given), loading it on
 * first use; *loaded_now (may be NULL) tells whether this call read it.
 * NULL only when out of memory. */
const cd_config *cd_config_cache_get(cd_config_cache *cc, const char *path, bool *loaded_now);
/* The config for a file: the nearest copydesk.json in the file's folder
 * or a parent ("-" searches from the working folder); NULL when none. */
const cd_config *cd_config_cache_for_file(cd_config_cache *cc, const char *file,
                                          bool *loaded_now);
void cd_config_cache_clear(cd_config_cache *cc);

#endif
