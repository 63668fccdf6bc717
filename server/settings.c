#include "server/settings.h"

#include <stdio.h>
#include <string.h>

void cd_settings_init(cd_settings *s)
{
    memset(s, 0, sizeof *s);
    s->debounce_ms = CD_DEFAULT_DEBOUNCE_MS;
}

static void note(char *err, size_t cap, int *bad, const char *fmt, const char *key)
{
    if (!*bad && err && cap)
        snprintf(err, cap, fmt, key);
    *bad = 1;
}

int cd_settings_from_json(const json_t *sec, cd_settings *out, char *err,
                          size_t errcap)
{
    int bad = 0;
    cd_settings_init(out);
    if (err && errcap)
        err[0] = '\0';
    if (!sec || json_is_null(sec))
        return 0;
    if (!json_is_object(sec)) {
        note(err, errcap, &bad, "settings: '%s' must be an object", "copydesk");
        return -1;
    }
    json_t *v = json_object_get(sec, "publicationDate");
    if (v && !json_is_null(v)) {
        const char *s = json_string_value(v);
        if (!s || (s[0] && cd_date_parse_iso(s, strlen(s), &out->pub_date) != 0)) {
            out->pub_date = (cd_date){0, 0, 0};
            note(err, errcap, &bad, "settings: '%s' must be a date YYYY-MM-DD", "publicationDate");
        }
    }
    v = json_object_get(sec, "debounceMs");
    if (v && !json_is_null(v)) {
        if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 60000)
            out->debounce_ms = (int)json_integer_value(v);
        else
            note(err, errcap, &bad, "settings: '%s' must be an integer 0..60000", "debounceMs");
    }
    v = json_object_get(sec, "rules");
    if (v && !json_is_null(v)) {
        if (!json_is_object(v)) {
            note(err, errcap, &bad, "settings: '%s' must be an object", "rules");
        } else {
            const char *key;
            json_t *val;
            json_object_foreach(v, key, val) {
                int code = cd_code_from_name(key);
                int sev = json_is_string(val) ? cd_severity_from_name(json_string_value(val)) : -1;
                if (code < 0)
                    note(err, errcap, &bad, "settings: unknown rule '%s'", key);
                else if (sev < 0)
                    note(err, errcap, &bad, "settings: rule '%s' must be off, error, warning, information or hint", key);
                else
                    out->severity[code] = (cd_severity)sev;
            }
        }
    }
    v = json_object_get(sec, "dateOrder");
    if (v && !json_is_null(v)) {
        const char *s = json_string_value(v);
        if (s && strcmp(s, "MDY") == 0)
            out->date_order = CD_ORDER_MDY;
        else if (s && strcmp(s, "DMY") == 0)
            out->date_order = CD_ORDER_DMY;
        else
            note(err, errcap, &bad, "settings: '%s' must be \"MDY\" or \"DMY\"", "dateOrder");
    }
    return bad ? -1 : 0;
}

void cd_settings_to_options(const cd_settings *s, cd_options *opts)
{
    if (cd_date_known(s->pub_date)) {
        opts->pub_date = s->pub_date;
        opts->pub_source = CD_PUB_SETTING;
    }
    memcpy(opts->severity, s->severity, sizeof opts->severity);
    opts->date_order = s->date_order;
}
