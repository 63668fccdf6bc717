/* Calendar dates: proleptic Gregorian, no time zones.
 * Pure value types; nothing here allocates. */
#ifndef COPYDESK_DATE_H
#define COPYDESK_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cd_date {
    int year;  /* 0 means "no date" */
    int month; /* 1..12 */
    int day;   /* 1..31 */
} cd_date;

/* true when y-m-d is a real calendar day (year 1..9999). */
bool cd_date_valid(cd_date d);
/* true when d.year != 0. */
bool cd_date_known(cd_date d);
int cd_date_days_in_month(int year, int month);
bool cd_date_is_leap(int year);
/* 0 = Sunday .. 6 = Saturday; d must be valid. */
int cd_date_weekday(cd_date d);
/* Days since 1970-01-01 (may be negative) and back. */
long cd_date_to_days(cd_date d);
cd_date cd_date_from_days(long days);
cd_date cd_date_add_days(cd_date d, long n);
/* Negative, zero or positive like strcmp. */
int cd_date_compare(cd_date a, cd_date b);

/* Parses exactly "YYYY-MM-DD" (len bytes, no trailing garbage) into *out.
 * Returns 0, or -1 when the text is not a valid calendar date. */
int cd_date_parse_iso(const char *s, size_t len, cd_date *out);

/* Writers: always NUL-terminate; buffers of 48 bytes always suffice. */
void cd_date_format_iso(cd_date d, char *buf, size_t cap);  /* 2016-03-22 */
void cd_date_format_long(cd_date d, char *buf, size_t cap); /* Tuesday, March 22, 2016 */

/* English names: index 0 = Sunday / 1 = January. Static strings. */
const char *cd_weekday_name(int wd);
const char *cd_month_name(int month);

#endif
