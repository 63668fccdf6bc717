/* The client's "copydesk" settings section. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "server/settings.h"

static int parse(const char *json, cd_settings *s, char *err, size_t cap)
{
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    int rc = cd_settings_from_json(v, s, err, cap);
    json_decref(v);
    return rc;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_all_keys),
        cmocka_unit_test(test_bad_values_keep_defaults_and_say_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
