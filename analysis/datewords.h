/* Date words shared by the date rules (dates.c) and the publication-date
 * finder (pubdate.c): the weekday and month tables live in dates.c, once.
 * Internal to analysis/. */
#ifndef COPYDESK_DATEWORDS_H
#define COPYDESK_DATEWORDS_H

#include <stdbool.h>
#include <stddef.h>
#include "copydesk/date.h"

/* The month named by s[0..n) ("March", "Oct", "Sept"; capitalised), 1..12,
 * or 0. *abbrev (may be NULL) tells whether it was an abbreviation. */
int cd_dw_month(const char *s, size_t n, bool *abbrev);
/* The weekday named by s[0..n) ("Monday", "Mon", "Tues"; capitalised),
 * 0 = Sunday .. 6, or -1. */
int cd_dw_weekday(const char *s, size_t n, bool *abbrev);

/* A written calendar date starting exactly at s[i] (s has len bytes):
 * "March 23, 2016", "Oct. 6, 2021", "23 March 2016", "22nd of March",
 * "April 19" (no year). Tokens are separated by spaces or tabs only, never
 * a line break. On success fills *d (year 0 when none is written) and *end
 * (just past the year, or past the day when there is no year) and returns
 * true. */
bool cd_dw_written_date(const char *s, size_t len, size_t i, cd_date *d,
                        size_t *end);

#endif
