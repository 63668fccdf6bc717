/* The date rules and the publication date, through cd_analyze: each rule
 * on its traps, as small inputs with the findings and dates expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copydesk/analysis.h"
#include "finding_queries.h"

static cd_date D(int y, int m, int d)
{
    cd_date r = {y, m, d};
    return r;
}

/* Analyses text with an optional --date (ISO) and house order. */
static cd_result *run_opts(const char *text, bool markdown, const char *date,
                           cd_date_order order)
{
    cd_options o;
    cd_options_init(&o);
    o.markdown = markdown;
    o.date_order = order;
    if (date) {
        assert_int_equal(cd_date_parse_iso(date, strlen(date), &o.pub_date), 0);
        o.pub_source = CD_PUB_ARGUMENT;
    }
    cd_result *r = cd_analyze(text, strlen(text), &o);
    assert_non_null(r);
    return r;
}

static cd_result *run(const char *text, const char *date)
{
    return run_opts(text, false, date, CD_ORDER_NONE);
}

/* Expects a date-relative finding over needle resolving to want (year 0:
 * a period, no single day). */
static const cd_finding *expect_rel(const cd_result *r, const char *text,
                                    const char *needle, int nth, cd_date want)
{
    const cd_finding *f = find_at(r, text, CD_DATE_RELATIVE, needle, nth);
    if (!f)
        fail_msg("no date-relative over '%s'", needle);
    if (cd_date_compare(f->date, want) != 0)
        fail_msg("'%s' resolved to %04d-%02d-%02d, want %04d-%02d-%02d",
                 needle, f->date.year, f->date.month, f->date.day, want.year,
                 want.month, want.day);
    assert_int_equal(f->severity, cd_code_default_severity(CD_DATE_RELATIVE));
    return f;
}

static void relative_days(void **state)
{
    (void)state;
    const char *t =
        "Kerry was to depart Washington late yesterday. The vote is today "
        "and the result comes tomorrow. Talks began two days ago, and a "
        "ceasefire took hold a week ago. The plan surfaced the day before "
        "yesterday. Ministers met last night and meet again tonight; the "
        "envoy spoke this morning.";
    cd_result *r = run(t, "2016-03-23");
    const cd_finding *f = expect_rel(r, t, "yesterday", 0, D(2016, 3, 22));
    assert_non_null(strstr(f->message, "Tuesday, March 22, 2016"));
    assert_non_null(strstr(f->message, "2016-03-23"));
    assert_non_null(strstr(f->message, "from --date"));
    assert_int_equal(f->n_related, 0); /* the date is not in the text */
    /* the range is the expression itself */
    size_t s, e;
    locate(t, "yesterday", 0, &s, &e);
    assert_int_equal(f->start, s);
    assert_int_equal(f->end, e);
    expect_rel(r, t, "today", 0, D(2016, 3, 23));
    expect_rel(r, t, "tomorrow", 0, D(2016, 3, 24));
    expect_rel(r, t, "two days ago", 0, D(2016, 3, 21));
    expect_rel(r, t, "a week ago", 0, D(2016, 3, 16));
    expect_rel(r, t, "day before yesterday", 0, D(2016, 3, 21));
    expect_rel(r, t, "last night", 0, D(2016, 3, 22));
    expect_rel(r, t, "tonight", 0, D(2016, 3, 23));
    expect_rel(r, t, "this morning", 0, D(2016, 3, 23));
    cd_result_free(r);
}

static void relative_periods(void **state)
{
    (void)state;
    const char *t = "Putin's surprise announcement last week of Russia's "
                    "withdrawal. A hearing is scheduled for next month. "
                    "Tickets sold out this weekend. Profits fell last year. "
                    "Sales rose earlier this week. It was the last week of "
                    "March. Work began 20 years ago.";
    cd_result *r = run(t, "2016-03-23");
    const cd_finding *f = expect_rel(r, t, "last week", 0, D(0, 0, 0));
    assert_non_null(strstr(f->message, "relative to the publication date"));
    assert_non_null(strstr(f->message, "Wednesday, March 23, 2016"));
    expect_rel(r, t, "next month", 0, D(0, 0, 0));
    expect_rel(r, t, "this weekend", 0, D(0, 0, 0));
    expect_rel(r, t, "last year", 0, D(0, 0, 0));
    expect_rel(r, t, "this week", 0, D(0, 0, 0));
    expect_rel(r, t, "20 years ago", 0, D(0, 0, 0));
    /* "the last week of March" names part of a month */
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "last week", 1));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "the last", 0));
    cd_result_free(r);
}

static void bare_weekdays_follow_the_tense(void **state)
{
    (void)state;
    /* 2016-03-23 is a Wednesday */
    const char *t =
        "Russia on Monday warned the United States that it will respond.\n"
        "The budget will take effect on Friday.\n"
        "A memorial will be held on Saturday at the institute.\n"
        "The trial is set to begin on Tuesday.\n"
        "The winner is due to take office on Thursday.\n"
        "On Sunday he will finally defend his title.\n"
        "She died on Sunday at her home.\n"
        "The offer will go ahead, an official said Tuesday.\n"
        "Markets stayed open on Wednesday.\n"
        "Russian markets to remain closed until Friday\n"
        "The money would be infused when they opened on Thursday.\n"
        "Shares fell last Wednesday and may rise next Wednesday.\n"
        "Markets were closed until Monday.\n"
        "At a news conference on Tuesday, the challenger kept it short.\n"
        "Voters go to the polls on Saturday.\n";
    cd_result *r = run(t, "2016-03-23");
    const cd_finding *f = expect_rel(r, t, "on Monday", 0, D(2016, 3, 21));
    assert_non_null(strstr(f->message, "Monday, March 21, 2016"));
    expect_rel(r, t, "on Friday", 0, D(2016, 3, 25));
    expect_rel(r, t, "on Saturday", 0, D(2016, 3, 26));
    expect_rel(r, t, "on Tuesday", 0, D(2016, 3, 29));
    expect_rel(r, t, "on Thursday", 0, D(2016, 3, 24));
    expect_rel(r, t, "On Sunday", 0, D(2016, 3, 27));
    expect_rel(r, t, "on Sunday", 0, D(2016, 3, 20));
    expect_rel(r, t, "Tuesday", 1, D(2016, 3, 22));
    expect_rel(r, t, "on Wednesday", 0, D(2016, 3, 23)); /* its own day */
    expect_rel(r, t, "Friday", 1, D(2016, 3, 25));
    expect_rel(r, t, "on Thursday", 1, D(2016, 3, 24));
    expect_rel(r, t, "last Wednesday", 0, D(2016, 3, 16));
    expect_rel(r, t, "next Wednesday", 0, D(2016, 3, 30));
    expect_rel(r, t, "until Monday", 0, D(2016, 3, 21));
    expect_rel(r, t, "on Tuesday", 1, D(2016, 3, 22));
    expect_rel(r, t, "on Saturday", 1, D(2016, 3, 26));
    cd_result_free(r);
}

static void weekday_ranges_include_on_and_modifiers(void **state)
{
    (void)state;
    const char *t = "The promoter said sales passed 9,000 last Friday. "
                    "Mr Kerry spoke on Monday.";
    cd_result *r = run(t, "2022-11-17");
    size_t s, e;
    const cd_finding *f = find_at(r, t, CD_DATE_RELATIVE, "last Friday", 0);
    assert_non_null(f);
    locate(t, "last Friday", 0, &s, &e);
    assert_int_equal(f->start, s);
    assert_int_equal(f->end, e);
    f = find_at(r, t, CD_DATE_RELATIVE, "on Monday", 0);
    assert_non_null(f);
    locate(t, "on Monday", 0, &s, &e);
    assert_int_equal(f->start, s);
    assert_int_equal(f->end, e);
    cd_result_free(r);
}

static void weekday_traps(void **state)
{
    (void)state;
    const char *t =
        "A wire transfer arrived on Friday, March 4, 2016, and another on "
        "Friday, 15 November 2019. Shoppers queued on Black Friday and "
        "churches filled on Good Friday. The Sunday Times reported it. "
        "He works every Monday. It happened on a Tuesday in May. "
        "Monday Night Football drew a crowd. "
        "In a Wednesday media event, Apple spoke. "
        "The vote came on Wednesday (March 20).";
    cd_result *r = run(t, "2019-11-20");
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Friday", 0));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Friday", 1));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Friday", 2));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Friday", 3));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Sunday", 0));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Monday", 0));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Tuesday", 0));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Monday", 1));
    assert_int_equal(count_code(r, CD_DATE_WEEKDAY_MISMATCH), 0);
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Wednesday", 1));
    /* a weekday modifying a noun is a date */
    expect_rel(r, t, "Wednesday", 0, D(2019, 11, 20));
    cd_result_free(r);
}

static void today_as_a_name(void **state)
{
    (void)state;
    const char *t = "USA Today reported the story, and the Today programme "
                    "covered it. Today the council meets. “Today we vote,” "
                    "she said. Leaders meet today.";
    cd_result *r = run(t, "2016-03-23");
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Today", 0));
    assert_null(find_at(r, t, CD_DATE_RELATIVE, "Today", 1));
    expect_rel(r, t, "Today", 2, D(2016, 3, 23));
    expect_rel(r, t, "Today", 3, D(2016, 3, 23));
    expect_rel(r, t, "today", 0, D(2016, 3, 23));
    cd_result_free(r);
}

static void no_publication_date(void **state)
{
    (void)state;
    const char *t = "Archaeologists said yesterday that the tiles were found "
                    "last week. The board will decide on Thursday.";
    cd_result *r = run(t, NULL);
    assert_int_equal(r->pub.source, CD_PUB_NONE);
    const cd_finding *f = expect_rel(r, t, "yesterday", 0, D(0, 0, 0));
    assert_non_null(strstr(f->message, "no publication date is known"));
    f = expect_rel(r, t, "last week", 0, D(0, 0, 0));
    assert_non_null(strstr(f->message, "no publication date is known"));
    expect_rel(r, t, "on Thursday", 0, D(0, 0, 0));
    cd_result_free(r);
}

static void weekday_mismatch(void **state)
{
    (void)state;
    const char *t =
        "A second payment came on Monday, March 22, 2016. The vessel was "
        "named on Tuesday, March 22, 2016. The close on Friday, 15 November "
        "2019 was flat. Records show Tuesday, 22 March 2016 and Mon., March "
        "21, 2016 and Tue., March 21, 2016. The heading said Wednesday, "
        "April 19.";
    cd_result *r = run(t, "2021-10-06");
    const cd_finding *f = find_at(r, t, CD_DATE_WEEKDAY_MISMATCH,
                                  "Monday, March 22, 2016", 0);
    assert_non_null(f);
    size_t s, e;
    locate(t, "Monday, March 22, 2016", 0, &s, &e);
    assert_int_equal(f->start, s);
    assert_int_equal(f->end, e);
    assert_int_equal(f->weekday, 2);
    assert_int_equal(cd_date_compare(f->date, D(2016, 3, 22)), 0);
    assert_int_equal(f->severity, CD_SEV_ERROR);
    assert_non_null(strstr(f->message, "March 22, 2016 was a Tuesday"));
    assert_non_null(find_at(r, t, CD_DATE_WEEKDAY_MISMATCH, "Tue., March 21", 0));
    assert_int_equal(count_code(r, CD_DATE_WEEKDAY_MISMATCH), 2);
    /* none of these weekdays is a relative date */
    assert_int_equal(count_code(r, CD_DATE_RELATIVE), 0);
    cd_result_free(r);
}

static void weekday_does_not_cross_a_line(void **state)
{
    (void)state;
    /* A headline ending in a weekday above a date line: no full date. */
    const char *t = "Russian markets to remain closed until Friday\n\n"
                    "September 18, 2008\n\nThe government acted.\n";
    cd_result *r = run(t, NULL);
    assert_int_equal(count_code(r, CD_DATE_WEEKDAY_MISMATCH), 0);
    assert_int_equal(r->pub.source, CD_PUB_DATELINE);
    assert_int_equal(cd_date_compare(r->pub.date, D(2008, 9, 18)), 0);
    expect_rel(r, t, "Friday", 0, D(2008, 9, 19));
    cd_result_free(r);
}

static void ambiguous_numeric(void **state)
{
    (void)state;
    const char *t =
        "One invoice is dated 03/04/2016. Another carries 13/04/2016 and a "
        "ledger 2016-03-04. The deadline is 05.06.2021 or 5/6/2021, the "
        "permit 12/25/2019, the audit 5/5/2021. The vote failed 5-2 and the "
        "score was 3-1 at 17:00; half is 1/2. Upgrade to version 1.2.16 or "
        "call 555-12-34; the host is 192.168.1.10.";
    cd_result *r = run(t, NULL);
    const cd_finding *f =
        find_at(r, t, CD_DATE_AMBIGUOUS_NUMERIC, "03/04/2016", 0);
    assert_non_null(f);
    assert_int_equal(f->severity, CD_SEV_WARNING);
    assert_int_equal(cd_date_compare(f->date, D(2016, 3, 4)), 0);
    assert_int_equal(cd_date_compare(f->date_alt, D(2016, 4, 3)), 0);
    assert_string_equal(f->message,
                        "'03/04/2016' can be read as March 4, 2016 or "
                        "3 April 2016");
    assert_non_null(find_at(r, t, CD_DATE_AMBIGUOUS_NUMERIC, "05.06.2021", 0));
    assert_non_null(find_at(r, t, CD_DATE_AMBIGUOUS_NUMERIC, "5/6/2021", 0));
    assert_int_equal(count_code(r, CD_DATE_AMBIGUOUS_NUMERIC), 3);
    assert_int_equal(count_code(r, CD_DATE_TWO_DIGIT_YEAR), 0);
    cd_result_free(r);

    /* the house order comes first */
    r = run_opts(t, false, NULL, CD_ORDER_DMY);
    f = find_at(r, t, CD_DATE_AMBIGUOUS_NUMERIC, "03/04/2016", 0);
    assert_non_null(f);
    assert_int_equal(cd_date_compare(f->date, D(2016, 4, 3)), 0);
    assert_int_equal(cd_date_compare(f->date_alt, D(2016, 3, 4)), 0);
    assert_string_equal(f->message,
                        "'03/04/2016' can be read as 3 April 2016 or "
                        "March 4, 2016");
    cd_result_free(r);
}

static void two_digit_years(void **state)
{
    (void)state;
    const char *t =
        "He boxed there in ’98 and again in '99. A notebook entry dated "
        "3/4/16 mentions tiles. Nothing like the ’90s or '80s music, said "
        "the people’s choice, who is 5'11\" tall. Apple shipped iLife '11.";
    cd_result *r = run(t, "2016-03-23");
    assert_non_null(find_at(r, t, CD_DATE_TWO_DIGIT_YEAR, "’98", 0));
    assert_non_null(find_at(r, t, CD_DATE_TWO_DIGIT_YEAR, "'99", 0));
    assert_non_null(find_at(r, t, CD_DATE_TWO_DIGIT_YEAR, "3/4/16", 0));
    assert_non_null(find_at(r, t, CD_DATE_AMBIGUOUS_NUMERIC, "3/4/16", 0));
    assert_int_equal(count_code(r, CD_DATE_TWO_DIGIT_YEAR), 3);
    assert_int_equal(count_code(r, CD_DATE_AMBIGUOUS_NUMERIC), 1);
    const cd_finding *f =
        find_at(r, t, CD_DATE_AMBIGUOUS_NUMERIC, "3/4/16", 0);
    assert_int_equal(cd_date_compare(f->date, D(2016, 3, 4)), 0);
    cd_result_free(r);
}

static void publication_date_sources(void **state)
{
    (void)state;
    /* front matter, with a time */
    const char *md = "---\ntitle: x\ndate: 2019-06-12T10:00:00Z\n---\n\n"
                     "The council met yesterday.\n";
    cd_result *r = run_opts(md, true, NULL, CD_ORDER_NONE);
    assert_int_equal(r->pub.source, CD_PUB_FRONT_MATTER);
    assert_int_equal(cd_date_compare(r->pub.date, D(2019, 6, 12)), 0);
    size_t s, e;
    locate(md, "2019-06-12", 0, &s, &e);
    assert_int_equal(r->pub.start, s);
    const cd_finding *f = expect_rel(r, md, "yesterday", 0, D(2019, 6, 11));
    assert_non_null(strstr(f->message, "from the front matter"));
    assert_int_equal(f->n_related, 1);
    assert_int_equal(f->related[0].start, s);
    cd_result_free(r);

    /* --date beats the front matter */
    r = run_opts(md, true, "2020-01-01", CD_ORDER_NONE);
    assert_int_equal(r->pub.source, CD_PUB_ARGUMENT);
    expect_rel(r, md, "yesterday", 0, D(2019, 12, 31));
    cd_result_free(r);

    /* datelines */
    static const struct {
        const char *text, *date_text;
        cd_date want;
    } lines[] = {
        {"CHICAGO, Oct. 6, 2021 (AP) — A judge ruled on Tuesday.",
         "Oct. 6, 2021", {2021, 10, 6}},
        {"LONDON, Nov. 20, 2019 (Reuters) - Vallorin agreed today.",
         "Nov. 20, 2019", {2019, 11, 20}},
        {"MOSCOW, March 23, 2016 — Kerry arrived yesterday.",
         "March 23, 2016", {2016, 3, 23}},
        {"March 23, 2016 (Reuters) - Kerry arrived yesterday.",
         "March 23, 2016", {2016, 3, 23}},
        {"Apple sues Apple\n\nFriday, July 21, 2017\n\nIt ruled today.\n",
         "July 21, 2017", {2017, 7, 21}},
        {"Apple sues Apple\n\nMarch 01, 2008\n\nIt ruled today.\n",
         "March 01, 2008", {2008, 3, 1}},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        r = run(lines[i].text, NULL);
        assert_int_equal(r->pub.source, CD_PUB_DATELINE);
        assert_int_equal(cd_date_compare(r->pub.date, lines[i].want), 0);
        locate(lines[i].text, lines[i].date_text, 0, &s, &e);
        assert_int_equal(r->pub.start, s);
        assert_int_equal(r->pub.end, e);
        cd_result_free(r);
    }
    /* no dateline: a date later in the first paragraph does not count */
    const char *t = "The judge, who ruled on March 23, 2016 — a Wednesday — "
                    "left yesterday.";
    r = run(t, NULL);
    assert_int_equal(r->pub.source, CD_PUB_NONE);
    cd_result_free(r);

    /* the config date is the last resort; the setting names itself */
    cd_options o;
    cd_options_init(&o);
    o.config_pub_date = D(2016, 3, 23);
    t = "They met yesterday.";
    r = cd_analyze(t, strlen(t), &o);
    assert_int_equal(r->pub.source, CD_PUB_CONFIG);
    f = expect_rel(r, t, "yesterday", 0, D(2016, 3, 22));
    assert_non_null(strstr(f->message, "from copydesk.json"));
    cd_result_free(r);
    o.pub_date = D(2016, 3, 24);
    o.pub_source = CD_PUB_SETTING;
    r = cd_analyze(t, strlen(t), &o);
    assert_int_equal(r->pub.source, CD_PUB_SETTING);
    f = expect_rel(r, t, "yesterday", 0, D(2016, 3, 23));
    assert_non_null(
        strstr(f->message, "from the copydesk.publicationDate setting"));
    cd_result_free(r);
}

static void large_document_is_analysed_whole(void **state)
{
    (void)state;
    /* ~100,000 words, one long paragraph per 1,000 words. */
    const char *para = "The council said on Monday that it will meet again "
                       "tomorrow, and ministers met last week; the invoice "
                       "dated 03/04/2016 arrived in ’98. ";
    size_t plen = strlen(para), words = 0;
    for (const char *p = para; *p; p++)
        words += *p == ' ';
    size_t reps = 100000 / words + 1, len = 0;
    char *buf = malloc(reps * (plen + 2) + 1);
    assert_non_null(buf);
    for (size_t i = 0; i < reps; i++) {
        memcpy(buf + len, para, plen);
        len += plen;
        if (i % 50 == 49)
            buf[len++] = '\n', buf[len++] = '\n';
    }
    buf[len] = '\0';
    /* Speed is measured by the benchmark, not here: this checks that a
       book-length document is analysed whole, every paragraph included. */
    cd_result *r = run(buf, "2016-03-23");
    assert_true(count_code(r, CD_DATE_RELATIVE) >= 3 * reps);
    assert_int_equal(count_code(r, CD_DATE_AMBIGUOUS_NUMERIC), reps);
    cd_result_free(r);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relative_days),
        cmocka_unit_test(relative_periods),
        cmocka_unit_test(bare_weekdays_follow_the_tense),
        cmocka_unit_test(weekday_ranges_include_on_and_modifiers),
        cmocka_unit_test(weekday_traps),
        cmocka_unit_test(today_as_a_name),
        cmocka_unit_test(no_publication_date),
        cmocka_unit_test(weekday_mismatch),
        cmocka_unit_test(weekday_does_not_cross_a_line),
        cmocka_unit_test(ambiguous_numeric),
        cmocka_unit_test(two_digit_years),
        cmocka_unit_test(publication_date_sources),
        cmocka_unit_test(large_document_is_analysed_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
