#include "server/config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *cd_config_find(const char *dir)
{
    char buf[PATH_MAX];
    if (!realpath(dir, buf))
        return NULL;
    for (;;) {
        size_t n = strlen(buf);
        char cand[PATH_MAX + 16];
        snprintf(cand, sizeof cand, "%s%scopydesk.json", buf, n && buf[n - 1] == '/' ? "" : "/");
        if (access(cand, F_OK) == 0)
            return strdup(cand);
        char *slash = strrchr(buf, '/');
        if (!slash || n <= 1)
            return NULL;
        if (slash == buf)
            buf[1] = '\0'; /* up to "/" */
        else
            *slash = '\0';
    }
}

/* 1-based line and column (in characters) of byte offset off. */
static void locate(const char *text, size_t off, int *line, int *column)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

/* Offset of the object key "name" (quoted, followed by ':') at or after
 * from, or from when not found. Good enough to point at the key: JSON
 * keys are rarely repeated as string values followed by a colon. */
static size_t find_key(const char *text, size_t from, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = strchr(text + from, '"'); p; p = strchr(p + 1, '"')) {
        if (strncmp(p + 1, name, n) == 0 && p[n + 1] == '"') {
            const char *q = p + n + 2;
            while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
                q++;
            if (*q == ':')
                return (size_t)(p - text);
        }
    }
    return from;
}

int cd_config_load(const char *path, cd_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cd_settings_init(&cfg->settings);
    cfg->path = strdup(path);
    cfg->line = cfg->column = 1;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(cfg->msg, sizeof cfg->msg, "cannot read: %s", strerror(errno));
        return -1;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *n = realloc(text, cap);
            if (!n) {
                free(text);
                fclose(f);
                snprintf(cfg->msg, sizeof cfg->msg, "out of memory");
                return -1;
            }
            text = n;
        }
        size_t r = fread(text + len, 1, cap - len - 1, f);
        len += r;
        if (r == 0)
            break;
    }
    fclose(f);
    text[len] = '\0';

    json_error_t jerr;
    json_t *root = json_loadb(text, len, 0, &jerr);
    if (!root) {
        cfg->line = jerr.line > 0 ? jerr.line : 1;
        cfg->column = jerr.column > 0 ? jerr.column : 1;
        snprintf(cfg->msg, sizeof cfg->msg, "not valid JSON: %s", jerr.text);
        free(text);
        return -1;
    }
    cd_settings_error err;
    int rc = cd_settings_from_json(root, CD_SETTINGS_FILE, &cfg->settings, &err);
    json_decref(root);
    if (rc != 0) {
        size_t at = err.key[0] ? find_key(text, 0, err.key) : 0;
        if (err.subkey[0])
            at = find_key(text, at, err.subkey);
        locate(text, at, &cfg->line, &cfg->column);
        snprintf(cfg->msg, sizeof cfg->msg, "%s", err.msg);
        /* A config that is only partly valid applies nothing: the
           defaults hold until the file is fixed, as SPEC §5 says. */
        cd_settings_destroy(&cfg->settings);
        free(text);
        return -1;
    }
    cfg->valid = true;
    free(text);
    return 0;
}

void cd_config_destroy(cd_config *cfg)
{
    free(cfg->path);
    cd_settings_destroy(&cfg->settings);
    memset(cfg, 0, sizeof *cfg);
}

const cd_config *cd_config_cache_get(cd_config_cache *cc, const char *path, bool *loaded_now)
{
    if (loaded_now)
        *loaded_now = false;
    for (size_t i = 0; i < cc->count; i++)
        if (strcmp(cc->items[i]->path, path) == 0)
            return cc->items[i];
    cd_config **items = realloc(cc->items, (cc->count + 1) * sizeof *items);
    if (!items)
        return NULL;
    cc->items = items;
    cd_config *cfg = malloc(sizeof *cfg);
    if (!cfg)
        return NULL;
    cd_config_load(path, cfg); /* invalid: reported by the caller, defaults apply */
    if (!cfg->path) {          /* out of memory inside the loader */
        cd_config_destroy(cfg);
        free(cfg);
        return NULL;
    }
    cc->items[cc->count++] = cfg;
    if (loaded_now)
        *loaded_now = true;
    return cfg;
}

const cd_config *cd_config_cache_for_file(cd_config_cache *cc, const char *file,
                                          bool *loaded_now)
{
    if (loaded_now)
        *loaded_now = false;
    char *dir = strdup(strcmp(file, "-") == 0 ? "." : file);
    if (!dir)
        return NULL;
    if (strcmp(file, "-") != 0) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            strcpy(dir, ".");
        else
            slash[slash == dir ? 1 : 0] = '\0';
    }
    char *found = cd_config_find(dir);
    free(dir);
    if (!found)
        return NULL;
    const cd_config *cfg = cd_config_cache_get(cc, found, loaded_now);
    free(found);
    return cfg;
}

void cd_config_cache_clear(cd_config_cache *cc)
{
    for (size_t i = 0; i < cc->count; i++) {
        cd_config_destroy(cc->items[i]);
        free(cc->items[i]);
    }
    free(cc->items);
    cc->items = NULL;
    cc->count = 0;
}
