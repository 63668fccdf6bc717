/* Suppression comments silence exactly what they name, where they say. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "copydesk/analysis.h"

/* Lines (1-based) of the findings of code, as a string "3,9". */
static void lines_of(const char *text, bool markdown, cd_code code, char *out, size_t cap)
{
    cd_options o;
    cd_options_init(&o);
    o.markdown = markdown;
    cd_date_parse_iso("2016-03-23", 10, &o.pub_date);
    o.pub_source = CD_PUB_ARGUMENT;
    cd_result *r = cd_analyze(text, strlen(text), &o);
    out[0] = '\0';
    for (size_t i = 0; i < r->count; i++) {
        if (r->items[i].code != code)
            continue;
        int line = 1;
        for (size_t k = 0; k < r->items[i].start; k++)
            line += text[k] == '\n';
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s%d", n ? "," : "", line);
    }
    cd_result_free(r);
}

static void test_markdown_next_line(void **state)
{
    (void)state;
    char got[64];
    const char *md = "It rained yesterday.\n\n"
                     "<!-- copydesk-disable-next-line date-relative -->\n"
                     "It rained yesterday.\n\n"
                     "It rained yesterday.\n";
    lines_of(md, true, CD_DATE_RELATIVE, got, sizeof got);
    assert_string_equal(got, "1,6");
}

static void test_next_line_names_only_its_codes(void **state)
{
    (void)state;
    char got[64];
    const char *md = "<!-- copydesk-disable-next-line date-two-digit-year -->\n"
                     "It rained yesterday.\n";
    lines_of(md, true, CD_DATE_RELATIVE, got, sizeof got);
    assert_string_equal(got, "2");
}

static void test_markdown_region_all_codes(void **state)
{
    (void)state;
    char got[64];
    const char *md = "It rained yesterday.\n\n<!-- copydesk-disable -->\n\n"
                     "It rained today, 03/04/2016.\n\n<!-- copydesk-enable -->\n\n"
                     "It rained tomorrow, 03/04/2016.\n";
    lines_of(md, true, CD_DATE_RELATIVE, got, sizeof got);
    assert_string_equal(got, "1,9");
    lines_of(md, true, CD_DATE_AMBIGUOUS_NUMERIC, got, sizeof got);
    assert_string_equal(got, "9");
}

static void test_plain_text_hash_and_slashes(void **state)
{
    (void)state;
    char got[64];
    const char *txt = "It rained yesterday.\n"
                      "# copydesk-disable-next-line\n"
                      "It rained yesterday.\n"
                      "// copydesk-disable date-ambiguous-numeric, date-relative\n"
                      "Signed 03/04/2016 today.\n"
                      "// copydesk-enable date-relative\n"
                      "Signed 03/04/2016 today.\n";
    lines_of(txt, false, CD_DATE_RELATIVE, got, sizeof got);
    assert_string_equal(got, "1,7");
    lines_of(txt, false, CD_DATE_AMBIGUOUS_NUMERIC, got, sizeof got);
    assert_string_equal(got, "");
}

static void test_unknown_code_silences_nothing(void **state)
{
    (void)state;
    char got[64];
    const char *md = "<!-- copydesk-disable date-relatve -->\n\nIt rained yesterday.\n";
    lines_of(md, true, CD_DATE_RELATIVE, got, sizeof got);
    assert_string_equal(got, "3");
}

static void test_ordinary_comment_is_not_a_directive(void **state)
{
    (void)state;
    char got[64];
    const char *md = "<!-- note to editor: check this -->\nIt rained yesterday.\n";
    lines_of(md, true, CD_DATE_RELATIVE, got, sizeof got);
    assert_string_equal(got, "2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_next_line),
        cmocka_unit_test(test_next_line_names_only_its_codes),
        cmocka_unit_test(test_markdown_region_all_codes),
        cmocka_unit_test(test_plain_text_hash_and_slashes),
        cmocka_unit_test(test_unknown_code_silences_nothing),
        cmocka_unit_test(test_ordinary_comment_is_not_a_directive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
