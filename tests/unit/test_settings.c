/* The client's "copydesk" settings section. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "server/settings.h"

/* Parses client settings; err gets the message. s is destroyed first
 * when it holds earlier results (tests reuse one). */
static int parse_kind(const char *json, cd_settings_kind kind, cd_settings *s, char *err,
                      size_t cap)
{
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    cd_settings_error e;
    int rc = cd_settings_from_json(v, kind, s, &e);
    snprintf(err, cap, "%s", e.msg);
    json_decref(v);
    return rc;
}

static int parse(const char *json, cd_settings *s, char *err, size_t cap)
{
    return parse_kind(json, CD_SETTINGS_CLIENT, s, err, cap);
}

static void test_defaults(void **state)
{
    (void)state;
    cd_settings s;
    char err[200];
    assert_int_equal(parse("{}", &s, err, sizeof err), 0);
    assert_int_equal(s.debounce_ms, CD_DEFAULT_DEBOUNCE_MS);
    assert_false(cd_date_known(s.pub_date));
    assert_int_equal(parse("null", &s, err, sizeof err), 0);
}

static void test_all_keys(void **state)
{
    (void)state;
    cd_settings s;
    char err[200];
    assert_int_equal(parse("{\"publicationDate\":\"2016-03-23\",\"debounceMs\":0,"
                           "\"rules\":{\"date-relative\":\"off\",\"date-two-digit-year\":\"error\"},"
                           "\"dateOrder\":\"DMY\"}", &s, err, sizeof err), 0);
    assert_int_equal(s.pub_date.year, 2016);
    assert_int_equal(s.pub_date.day, 23);
    assert_int_equal(s.debounce_ms, 0);
    assert_int_equal(s.severity[CD_DATE_RELATIVE], CD_SEV_OFF);
    assert_int_equal(s.severity[CD_DATE_TWO_DIGIT_YEAR], CD_SEV_ERROR);
    assert_int_equal(s.date_order, CD_ORDER_DMY);
    cd_options o;
    cd_options_init(&o);
    cd_settings_to_options(&s, &o);
    assert_int_equal(o.pub_source, CD_PUB_SETTING);
    assert_int_equal(o.severity[CD_DATE_RELATIVE], CD_SEV_OFF);
}

static void test_bad_values_keep_defaults_and_say_why(void **state)
{
    (void)state;
    cd_settings s;
    char err[200];
    assert_int_equal(parse("{\"publicationDate\":\"2016-02-30\",\"debounceMs\":20}", &s, err,
                           sizeof err), -1);
    assert_false(cd_date_known(s.pub_date));
    assert_int_equal(s.debounce_ms, 20); /* the good key still applies */
    assert_non_null(strstr(err, "publicationDate"));
    assert_int_equal(parse("{\"debounceMs\":-5}", &s, err, sizeof err), -1);
    assert_int_equal(s.debounce_ms, CD_DEFAULT_DEBOUNCE_MS);
    assert_int_equal(parse("{\"rules\":{\"no-such-rule\":\"off\"}}", &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "no-such-rule"));
    assert_int_equal(parse("{\"dateOrder\":\"YMD\"}", &s, err, sizeof err), -1);
    assert_int_equal(s.date_order, CD_ORDER_NONE);
    assert_int_equal(parse("[1]", &s, err, sizeof err), -1);
}

static void test_file_is_strict_and_keeps_lists(void **state)
{
    (void)state;
    cd_settings s;
    char err[200];
    /* an editor may send keys of its own; a copydesk.json may not */
    assert_int_equal(parse("{\"somethingElse\":1}", &s, err, sizeof err), 0);
    assert_int_equal(parse_kind("{\"rulez\":{}}", CD_SETTINGS_FILE, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "rulez"));
    assert_int_equal(parse_kind("{\"debounceMs\":3}", CD_SETTINGS_FILE, &s, err, sizeof err), -1);
    assert_int_equal(parse_kind("{\"publicationDate\":\"2019-06-12\",\"names\":[\"Ana Ruiz\","
                                "\"Ana Ruiz\"],\"attributionVerbs\":[\"quip\"]}",
                                CD_SETTINGS_FILE, &s, err, sizeof err), 0);
    /* a file's date is the fallback, not the setting */
    assert_false(cd_date_known(s.pub_date));
    assert_int_equal(s.config_pub_date.month, 6);
    assert_int_equal(s.n_names, 1);
    assert_string_equal(s.verbs[0], "quip");
    cd_settings client, merged;
    assert_int_equal(parse("{\"names\":[\"Bo Li\"],\"rules\":{\"date-relative\":\"hint\"}}",
                           &client, err, sizeof err), 0);
    assert_int_equal(cd_settings_merge(&merged, &s, &client), 0);
    assert_int_equal(merged.n_names, 2);
    assert_int_equal(merged.severity[CD_DATE_RELATIVE], CD_SEV_HINT);
    assert_int_equal(merged.config_pub_date.day, 12);
    cd_settings_destroy(&merged);
    cd_settings_destroy(&client);
    cd_settings_destroy(&s);
    assert_int_equal(parse_kind("{\"names\":[3]}", CD_SETTINGS_FILE, &s, err, sizeof err), -1);
    cd_settings_destroy(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_all_keys),
        cmocka_unit_test(test_bad_values_keep_defaults_and_say_why),
        cmocka_unit_test(test_file_is_strict_and_keeps_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
