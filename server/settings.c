#include "server/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cd_settings_init(cd_settings *s)
{
    memset(s, 0, sizeof *s);
    s->debounce_ms = CD_DEFAULT_DEBOUNCE_MS;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void cd_settings_destroy(cd_settings *s)
{
    free_list(s->names, s->n_names);
    free_list(s->verbs, s->n_verbs);
    cd_settings_init(s);
}

/* Appends copies of src[0..n) to *dst (skipping ones already there). */
static int add_list(char ***dst, size_t *dn, char *const *src, size_t n)
{
    if (n == 0)
        return 0;
    char **v = realloc(*dst, (*dn + n) * sizeof *v);
    if (!v)
        return -1;
    *dst = v;
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t k = 0; k < *dn && !dup; k++)
            dup = strcmp(v[k], src[i]) == 0;
        if (dup)
            continue;
        if (!(v[*dn] = strdup(src[i])))
            return -1;
        (*dn)++;
    }
    return 0;
}

int cd_settings_copy(cd_settings *dst, const cd_settings *src)
{
    *dst = *src;
    dst->names = dst->verbs = NULL;
    dst->n_names = dst->n_verbs = 0;
    if (add_list(&dst->names, &dst->n_names, src->names, src->n_names) != 0 ||
        add_list(&dst->verbs, &dst->n_verbs, src->verbs, src->n_verbs) != 0) {
        cd_settings_destroy(dst);
        return -1;
    }
    return 0;
}

static void fail(cd_settings_error *err, int *bad, const char *key, const char *subkey,
                 const char *fmt, const char *arg)
{
    if (!*bad && err) {
        snprintf(err->msg, sizeof err->msg, fmt, arg);
        snprintf(err->key, sizeof err->key, "%s", key);
        snprintf(err->subkey, sizeof err->subkey, "%s", subkey ? subkey : "");
    }
    *bad = 1;
}

/* A list of non-empty strings. */
static void read_list(const json_t *v, const char *key, char ***out, size_t *n,
                      cd_settings_error *err, int *bad)
{
    if (!json_is_array(v)) {
        fail(err, bad, key, NULL, "'%s' must be a list of strings", key);
        return;
    }
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
        const char *s = json_string_value(e);
        if (!s || !s[0]) {
            fail(err, bad, key, NULL, "'%s' must be a list of non-empty strings", key);
            continue;
        }
        char *one[1] = {(char *)s};
        add_list(out, n, one, 1);
    }
}

static const char *const known_keys[] = {
    "publicationDate", "rules", "names", "attributionVerbs", "dateOrder", "debounceMs", NULL,
};

int cd_settings_from_json(const json_t *sec, cd_settings_kind kind, cd_settings *out,
                          cd_settings_error *err)
{
    int bad = 0;
    cd_settings_init(out);
    if (err)
        memset(err, 0, sizeof *err);
    if (!sec || json_is_null(sec))
        return 0;
    if (!json_is_object(sec)) {
        fail(err, &bad, "", NULL, "%s", "settings must be a JSON object");
        return -1;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)sec, key, v) {
        bool known = false;
        for (size_t i = 0; known_keys[i] && !known; i++)
            known = strcmp(key, known_keys[i]) == 0;
        if (kind == CD_SETTINGS_FILE && (!known || strcmp(key, "debounceMs") == 0))
            fail(err, &bad, key, NULL,
                 strcmp(key, "debounceMs") == 0
                     ? "'%s' is an editor setting, not a copydesk.json key"
                     : "unknown key '%s' (known: publicationDate, rules, names, "
                       "attributionVerbs, dateOrder)",
                 key);
        if (json_is_null(v))
            continue;
        if (strcmp(key, "publicationDate") == 0) {
            const char *s = json_string_value(v);
            cd_date d = {0, 0, 0};
            if (!s || (s[0] && cd_date_parse_iso(s, strlen(s), &d) != 0))
                fail(err, &bad, key, NULL, "'%s' must be a calendar date YYYY-MM-DD", key);
            else if (kind == CD_SETTINGS_FILE)
                out->config_pub_date = d;
            else
                out->pub_date = d;
        } else if (strcmp(key, "debounceMs") == 0 && kind == CD_SETTINGS_CLIENT) {
            if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 60000)
                out->debounce_ms = (int)json_integer_value(v);
            else
                fail(err, &bad, key, NULL, "'%s' must be an integer from 0 to 60000", key);
        } else if (strcmp(key, "rules") == 0) {
            if (!json_is_object(v)) {
                fail(err, &bad, key, NULL, "'%s' must be an object: code -> severity or \"off\"", key);
                continue;
            }
            const char *code;
            json_t *val;
            json_object_foreach(v, code, val) {
                int c = cd_code_from_name(code);
                int sev = json_is_string(val) ? cd_severity_from_name(json_string_value(val)) : -1;
                if (c < 0)
                    fail(err, &bad, key, code, "unknown rule '%s'", code);
                else if (sev < 0)
                    fail(err, &bad, key, code,
                         "rule '%s' must be \"off\", \"error\", \"warning\", \"information\" or \"hint\"",
                         code);
                else
                    out->severity[c] = (cd_severity)sev;
            }
        } else if (strcmp(key, "names") == 0) {
            read_list(v, key, &out->names, &out->n_names, err, &bad);
        } else if (strcmp(key, "attributionVerbs") == 0) {
            read_list(v, key, &out->verbs, &out->n_verbs, err, &bad);
        } else if (strcmp(key, "dateOrder") == 0) {
            const char *s = json_string_value(v);
            if (s && !s[0])
                ; /* "" is "no house order", as an editor's empty field sends it */
            else if (s && strcmp(s, "MDY") == 0)
                out->date_order = CD_ORDER_MDY;
            else if (s && strcmp(s, "DMY") == 0)
                out->date_order = CD_ORDER_DMY;
            else
                fail(err, &bad, key, NULL, "'%s' must be \"MDY\" or \"DMY\"", key);
        }
    }
    return bad ? -1 : 0;
}

int cd_settings_merge(cd_settings *out, const cd_settings *base, const cd_settings *client)
{
    if (cd_settings_copy(out, base) != 0)
        return -1;
    out->pub_date = client->pub_date;
    out->debounce_ms = client->debounce_ms;
    for (int c = 0; c < CD_CODE_COUNT; c++)
        if (client->severity[c] != CD_SEV_DEFAULT)
            out->severity[c] = client->severity[c];
    if (client->date_order != CD_ORDER_NONE)
        out->date_order = client->date_order;
    if (add_list(&out->names, &out->n_names, client->names, client->n_names) != 0 ||
        add_list(&out->verbs, &out->n_verbs, client->verbs, client->n_verbs) != 0) {
        cd_settings_destroy(out);
        return -1;
    }
    return 0;
}

void cd_settings_to_options(const cd_settings *s, cd_options *opts)
{
    if (cd_date_known(s->pub_date)) {
        opts->pub_date = s->pub_date;
        opts->pub_source = CD_PUB_SETTING;
    }
    opts->config_pub_date = s->config_pub_date;
    memcpy(opts->severity, s->severity, sizeof opts->severity);
    opts->date_order = s->date_order;
    opts->known_names = (const char *const *)s->names;
    opts->n_known_names = s->n_names;
    opts->attribution_verbs = (const char *const *)s->verbs;
    opts->n_attribution_verbs = s->n_verbs;
}
