/* The rule table (codes and severities are stable interfaces: configs and
 * editor integrations name them), findings storage, and the overrides
 * cd_analyze applies on top of the rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "copydesk/analysis.h"
#include "copydesk/finding.h"
#include "finding_queries.h"

static void codes_match_the_spec(void **state)
{
    (void)state;
    static const struct { cd_code code; const char *name; cd_severity sev; }
    spec[] = {
        {CD_QUOTE_UNATTRIBUTED, "quote-unattributed", CD_SEV_WARNING},
        {CD_QUOTE_UNBALANCED, "quote-unbalanced", CD_SEV_WARNING},
        {CD_QUOTE_ANONYMOUS_SOURCE, "quote-anonymous-source",
         CD_SEV_INFORMATION},
        {CD_NAME_VARIANT, "name-variant", CD_SEV_WARNING},
        {CD_NAME_FIRST_REFERENCE, "name-first-reference", CD_SEV_INFORMATION},
        {CD_DATE_RELATIVE, "date-relative", CD_SEV_INFORMATION},
        {CD_DATE_AMBIGUOUS_NUMERIC, "date-ambiguous-numeric", CD_SEV_WARNING},
        {CD_DATE_WEEKDAY_MISMATCH, "date-weekday-mismatch", CD_SEV_ERROR},
        {CD_DATE_TWO_DIGIT_YEAR, "date-two-digit-year", CD_SEV_INFORMATION},
    };
    assert_int_equal(sizeof spec / sizeof spec[0], CD_CODE_COUNT);
    for (size_t i = 0; i < CD_CODE_COUNT; i++) {
        assert_string_equal(cd_code_name(spec[i].code), spec[i].name);
        assert_int_equal(cd_code_from_name(spec[i].name), spec[i].code);
        assert_int_equal(cd_code_default_severity(spec[i].code), spec[i].sev);
        const char *sum = cd_code_summary(spec[i].code);
        assert_non_null(sum);
        assert_true(strlen(sum) > 10);
        assert_null(strchr(sum, '\n'));
    }
}

static void unknown_codes_are_refused(void **state)
{
    (void)state;
    assert_int_equal(cd_code_from_name("date_relative"), -1);
    assert_int_equal(cd_code_from_name("Date-Relative"), -1);
    assert_int_equal(cd_code_from_name(""), -1);
    assert_int_equal(cd_code_from_name(NULL), -1);
}

static void severity_names(void **state)
{
    (void)state;
    assert_string_equal(cd_severity_name(CD_SEV_ERROR), "error");
    assert_string_equal(cd_severity_name(CD_SEV_WARNING), "warning");
    assert_string_equal(cd_severity_name(CD_SEV_INFORMATION), "information");
    assert_string_equal(cd_severity_name(CD_SEV_HINT), "hint");
    assert_int_equal(cd_severity_from_name("error"), CD_SEV_ERROR);
    assert_int_equal(cd_severity_from_name("warning"), CD_SEV_WARNING);
    assert_int_equal(cd_severity_from_name("information"), CD_SEV_INFORMATION);
    assert_int_equal(cd_severity_from_name("info"), CD_SEV_INFORMATION);
    assert_int_equal(cd_severity_from_name("hint"), CD_SEV_HINT);
    assert_int_equal(cd_severity_from_name("off"), CD_SEV_OFF);
    assert_int_equal(cd_severity_from_name("Warning"), CD_SEV_WARNING);
    assert_int_equal(cd_severity_from_name("fatal"), -1);
    assert_int_equal(cd_severity_from_name(""), -1);
}

static void push_formats_and_owns_messages(void **state)
{
    (void)state;
    cd_result *r = calloc(1, sizeof *r);
    char name[] = "Savchenco";
    cd_finding *f = cd_result_push(r, CD_NAME_VARIANT, CD_SEV_DEFAULT, 10, 19,
                                   "'%s' \xE2\x80\x94 elsewhere '%s' (%d\xC3\x97)",
                                   name, "Savchenko", 4);
    assert_non_null(f);
    name[0] = 'X'; /* the result keeps its own copy */
    assert_string_equal(f->message,
                        "'Savchenco' \xE2\x80\x94 elsewhere 'Savchenko' (4\xC3\x97)");
    assert_int_equal(f->severity, CD_SEV_WARNING); /* the rule default */
    assert_int_equal(cd_finding_add_related(f, 100, 109, "'Savchenko'"), 0);
    assert_int_equal(cd_finding_add_related(f, 200, 209, "'Savchenko'"), 0);
    assert_int_equal(f->n_related, 2);
    assert_int_equal(f->related[1].start, 200);
    assert_int_equal(cd_finding_set_evidence(f, "Savchenko"), 0);
    assert_int_equal(cd_finding_set_evidence(f, "Savchenko (4)"), 0);
    assert_string_equal(f->evidence, "Savchenko (4)");
    /* Many pushes: storage grows and earlier findings survive. */
    for (int i = 0; i < 1000; i++)
        assert_non_null(cd_result_push(r, CD_DATE_RELATIVE, CD_SEV_HINT,
                                       (size_t)i, (size_t)i + 1, "n%d", i));
    assert_int_equal(r->count, 1001);
    assert_string_equal(r->items[0].message, "'Savchenco' \xE2\x80\x94 elsewhere 'Savchenko' (4\xC3\x97)");
    assert_string_equal(r->items[1000].message, "n999");
    assert_int_equal(r->items[1000].severity, CD_SEV_HINT);
    cd_result_free(r);
    cd_result_free(NULL);
}

static void sort_is_by_position_then_code_and_stable(void **state)
{
    (void)state;
    cd_result *r = calloc(1, sizeof *r);
    cd_result_push(r, CD_DATE_TWO_DIGIT_YEAR, 0, 50, 56, "b");
    cd_result_push(r, CD_DATE_RELATIVE, 0, 80, 89, "c");
    cd_result_push(r, CD_DATE_AMBIGUOUS_NUMERIC, 0, 50, 56, "a");
    cd_result_push(r, CD_DATE_RELATIVE, 0, 10, 30, "x2");
    cd_result_push(r, CD_DATE_RELATIVE, 0, 10, 20, "x1");
    cd_result_push(r, CD_DATE_RELATIVE, 0, 80, 89, "d"); /* same key as c */
    cd_result_sort(r);
    const char *want[] = {"x1", "x2", "a", "b", "c", "d"};
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(r->items[i].message, want[i]);
    cd_result_free(r);
}

static const char story[] =
    "MOSCOW, March 23, 2016 (AP) \xE2\x80\x94 Officials met yesterday.\n"
    "The ruling was dated 03/04/2016.\n";

static void analyze_applies_severity_overrides(void **state)
{
    (void)state;
    cd_options o;
    cd_options_init(&o);
    cd_result *r = cd_analyze(story, sizeof story - 1, &o);
    assert_non_null(r);
    assert_int_equal(r->cancelled, 0);
    size_t rel = count_code(r, CD_DATE_RELATIVE);
    size_t amb = count_code(r, CD_DATE_AMBIGUOUS_NUMERIC);
    assert_true(rel >= 1);
    assert_true(amb >= 1);
    for (size_t i = 0; i < r->count; i++) {
        assert_int_equal(r->items[i].severity,
                         cd_code_default_severity(r->items[i].code));
        if (i)
            assert_true(r->items[i - 1].start <= r->items[i].start);
    }
    cd_result_free(r);

    o.severity[CD_DATE_RELATIVE] = CD_SEV_OFF;
    o.severity[CD_DATE_AMBIGUOUS_NUMERIC] = CD_SEV_ERROR;
    r = cd_analyze(story, sizeof story - 1, &o);
    assert_int_equal(count_code(r, CD_DATE_RELATIVE), 0);
    assert_int_equal(count_code(r, CD_DATE_AMBIGUOUS_NUMERIC), amb);
    for (size_t i = 0; i < r->count; i++)
        if (r->items[i].code == CD_DATE_AMBIGUOUS_NUMERIC)
            assert_int_equal(r->items[i].severity, CD_SEV_ERROR);
    cd_result_free(r);
}

static void analyze_reports_cancellation(void **state)
{
    (void)state;
    volatile int cancel = 1;
    cd_options o;
    cd_options_init(&o);
    o.cancel = &cancel;
    cd_result *r = cd_analyze(story, sizeof story - 1, &o);
    assert_non_null(r);
    assert_int_equal(r->cancelled, 1);
    cd_result_free(r);
}

static void analyze_handles_empty_and_null_options(void **state)
{
    (void)state;
    cd_result *r = cd_analyze("", 0, NULL);
    assert_non_null(r);
    assert_int_equal(r->count, 0);
    cd_result_free(r);
    r = cd_analyze(NULL, 0, NULL);
    assert_non_null(r);
    cd_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_match_the_spec),
        cmocka_unit_test(unknown_codes_are_refused),
        cmocka_unit_test(severity_names),
        cmocka_unit_test(push_formats_and_owns_messages),
        cmocka_unit_test(sort_is_by_position_then_code_and_stable),
        cmocka_unit_test(analyze_applies_severity_overrides),
        cmocka_unit_test(analyze_reports_cancellation),
        cmocka_unit_test(analyze_handles_empty_and_null_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
