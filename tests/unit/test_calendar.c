/* Calendar arithmetic: proleptic Gregorian, no time zones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "copydesk/date.h"

static cd_date D(int y, int m, int d)
{
    cd_date r = {y, m, d};
    return r;
}

static void leap_years(void **state)
{
    (void)state;
    assert_false(cd_date_is_leap(1900)); /* century, not /400 */
    assert_true(cd_date_is_leap(2000));  /* /400 */
    assert_true(cd_date_is_leap(2016));
    assert_true(cd_date_is_leap(2024));
    assert_false(cd_date_is_leap(2023));
    assert_false(cd_date_is_leap(2100));
}

static void month_ends(void **state)
{
    (void)state;
    assert_int_equal(cd_date_days_in_month(2016, 2), 29);
    assert_int_equal(cd_date_days_in_month(1900, 2), 28);
    assert_int_equal(cd_date_days_in_month(2000, 2), 29);
    assert_int_equal(cd_date_days_in_month(2023, 2), 28);
    assert_int_equal(cd_date_days_in_month(2021, 4), 30);
    assert_int_equal(cd_date_days_in_month(2021, 12), 31);
    assert_int_equal(cd_date_days_in_month(2021, 13), 0);
    assert_int_equal(cd_date_days_in_month(2021, 0), 0);
    assert_true(cd_date_valid(D(2016, 2, 29)));
    assert_false(cd_date_valid(D(1900, 2, 29)));
    assert_false(cd_date_valid(D(2021, 4, 31)));
    assert_false(cd_date_valid(D(2021, 1, 0)));
    assert_false(cd_date_valid(D(0, 1, 1)));
    assert_false(cd_date_valid(D(10000, 1, 1)));
    assert_true(cd_date_valid(D(1, 1, 1)));
    assert_true(cd_date_valid(D(9999, 12, 31)));
    assert_false(cd_date_known(D(0, 0, 0)));
    assert_true(cd_date_known(D(2016, 3, 22)));
}

static void weekdays_of_known_dates(void **state)
{
    (void)state;
    assert_int_equal(cd_date_weekday(D(2016, 3, 22)), 2); /* Tuesday */
    assert_int_equal(cd_date_weekday(D(2000, 2, 29)), 2); /* Tuesday */
    assert_int_equal(cd_date_weekday(D(1970, 1, 1)), 4);  /* Thursday */
    assert_int_equal(cd_date_weekday(D(2021, 10, 6)), 3); /* Wednesday */
    assert_int_equal(cd_date_weekday(D(2019, 11, 15)), 5); /* Friday */
    assert_int_equal(cd_date_weekday(D(1900, 1, 1)), 1);  /* Monday */
    assert_int_equal(cd_date_weekday(D(1, 1, 1)), 1);     /* Monday */
    assert_int_equal(cd_date_weekday(D(1969, 12, 31)), 3); /* Wednesday */
    assert_string_equal(cd_weekday_name(2), "Tuesday");
    assert_string_equal(cd_weekday_name(0), "Sunday");
    assert_string_equal(cd_month_name(3), "March");
    assert_string_equal(cd_month_name(12), "December");
    assert_string_equal(cd_month_name(13), "");
    assert_string_equal(cd_weekday_name(7), "");
}

static void day_counts_round_trip(void **state)
{
    (void)state;
    assert_int_equal(cd_date_to_days(D(1970, 1, 1)), 0);
    assert_int_equal(cd_date_to_days(D(1969, 12, 31)), -1);
    assert_int_equal(cd_date_to_days(D(2000, 3, 1)) -
                         cd_date_to_days(D(2000, 2, 28)),
                     2);
    /* every day of four centuries converts back to itself */
    long start = cd_date_to_days(D(1800, 1, 1));
    cd_date prev = cd_date_from_days(start - 1);
    for (long z = start; z < start + 146097 * 1 + 366; z++) {
        cd_date d = cd_date_from_days(z);
        assert_true(cd_date_valid(d));
        assert_int_equal(cd_date_to_days(d), z);
        assert_true(cd_date_compare(prev, d) < 0);
        prev = d;
    }
}

static void adding_days_crosses_months_and_years(void **state)
{
    (void)state;
    cd_date d = cd_date_add_days(D(2016, 3, 23), -1);
    assert_int_equal(cd_date_compare(d, D(2016, 3, 22)), 0);
    d = cd_date_add_days(D(2016, 2, 28), 1);
    assert_int_equal(cd_date_compare(d, D(2016, 2, 29)), 0);
    d = cd_date_add_days(D(2015, 2, 28), 1);
    assert_int_equal(cd_date_compare(d, D(2015, 3, 1)), 0);
    d = cd_date_add_days(D(2019, 12, 31), 1);
    assert_int_equal(cd_date_compare(d, D(2020, 1, 1)), 0);
    d = cd_date_add_days(D(2020, 1, 1), -1);
    assert_int_equal(cd_date_compare(d, D(2019, 12, 31)), 0);
    d = cd_date_add_days(D(2021, 9, 12), 5);
    assert_int_equal(cd_date_compare(d, D(2021, 9, 17)), 0);
    assert_true(cd_date_compare(D(2016, 3, 22), D(2016, 3, 23)) < 0);
    assert_true(cd_date_compare(D(2017, 1, 1), D(2016, 12, 31)) > 0);
}

static void iso_parsing(void **state)
{
    (void)state;
    cd_date d = {0, 0, 0};
    assert_int_equal(cd_date_parse_iso("2016-03-22", 10, &d), 0);
    assert_int_equal(cd_date_compare(d, D(2016, 3, 22)), 0);
    assert_int_equal(cd_date_parse_iso("2000-02-29", 10, &d), 0);
    static const char *const bad[] = {
        "1900-02-29", "2016-13-01", "2016-00-10", "2016-04-31",
        "2016-3-22",  "16-03-22",   "2016/03/22", "2016-03-2x",
        "0000-01-01", "2016-03-22T", " 2016-03-2", "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cd_date keep = D(1, 2, 3);
        assert_int_equal(cd_date_parse_iso(bad[i], strlen(bad[i]), &keep), -1);
        assert_int_equal(cd_date_compare(keep, D(1, 2, 3)), 0);
    }
    /* the length is exact: no trailing garbage, no short reads */
    assert_int_equal(cd_date_parse_iso("2016-03-22Z", 11, &d), -1);
    assert_int_equal(cd_date_parse_iso("2016-03-22", 9, &d), -1);
}

static void formatting(void **state)
{
    (void)state;
    char buf[48];
    cd_date_format_iso(D(2016, 3, 2), buf, sizeof buf);
    assert_string_equal(buf, "2016-03-02");
    cd_date_format_long(D(2016, 3, 22), buf, sizeof buf);
    assert_string_equal(buf, "Tuesday, March 22, 2016");
    cd_date_format_long(D(2000, 2, 29), buf, sizeof buf);
    assert_string_equal(buf, "Tuesday, February 29, 2000");
    char small[5];
    cd_date_format_long(D(2016, 3, 22), small, sizeof small);
    assert_string_equal(small, "Tues");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(leap_years),
        cmocka_unit_test(month_ends),
        cmocka_unit_test(weekdays_of_known_dates),
        cmocka_unit_test(day_counts_round_trip),
        cmocka_unit_test(adding_days_crosses_months_and_years),
        cmocka_unit_test(iso_parsing),
        cmocka_unit_test(formatting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
