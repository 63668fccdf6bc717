/* Calendar arithmetic: proleptic Gregorian, no time zones (DESIGN §5).
 * Day counts use the civil-from-days / days-from-civil algorithms (Howard
 * Hinnant's formulation), which are exact for every year without tables. */
#include "copydesk/date.h"

#include <stdio.h>

static const char *const cd_weekday_names[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday",
};

static const char *const cd_month_names[13] = {
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

bool cd_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int cd_date_days_in_month(int year, int month)
{
    static const int days[13] = {0, 31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && cd_date_is_leap(year))
        return 29;
    return days[month];
}

bool cd_date_known(cd_date d)
{
    return d.year != 0;
}

bool cd_date_valid(cd_date d)
{
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12)
        return false;
    return d.day >= 1 && d.day <= cd_date_days_in_month(d.year, d.month);
}

long cd_date_to_days(cd_date d)
{
    /* Shift the year so that it starts in March: the leap day is then the
       last day of the (shifted) year and month lengths follow a pattern. */
    long y = (long)d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                    /* 0..399 */
    long mp = (d.month + 9) % 12;                                /* Mar=0 */
    long doy = (153 * mp + 2) / 5 + d.day - 1;                   /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* 0..146096 */
    return era * 146097 + doe - 719468;
}

cd_date cd_date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    cd_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

cd_date cd_date_add_days(cd_date d, long n)
{
    return cd_date_from_days(cd_date_to_days(d) + n);
}

int cd_date_weekday(cd_date d)
{
    /* 1970-01-01 was a Thursday (4). */
    long w = (cd_date_to_days(d) + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int cd_date_compare(cd_date a, cd_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

static int cd_digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int cd_date_parse_iso(const char *s, size_t len, cd_date *out)
{
    if (!s || len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    cd_date d = {cd_digits(s, 4), cd_digits(s + 5, 2), cd_digits(s + 8, 2)};
    if (d.year < 0 || d.month < 0 || d.day < 0 || !cd_date_valid(d))
        return -1;
    if (out)
        *out = d;
    return 0;
}

void cd_date_format_iso(cd_date d, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return;
    snprintf(buf, cap, "%04d-%02d-%02d", d.year, d.month, d.day);
}

void cd_date_format_long(cd_date d, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return;
    if (!cd_date_valid(d)) {
        snprintf(buf, cap, "%04d-%02d-%02d", d.year, d.month, d.day);
        return;
    }
    snprintf(buf, cap, "%s, %s %d, %d", cd_weekday_names[cd_date_weekday(d)],
             cd_month_names[d.month], d.day, d.year);
}

const char *cd_weekday_name(int wd)
{
    if (wd < 0 || wd > 6)
        return "";
    return cd_weekday_names[wd];
}

const char *cd_month_name(int month)
{
    if (month < 1 || month > 12)
        return "";
    return cd_month_names[month];
}
