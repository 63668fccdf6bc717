/* UTF-8 validation and repair: what a client sending broken bytes sees.
 * Expected repairs match Python's bytes.decode("utf-8", "replace"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "copydesk/analysis.h"

#define FFFD "\xEF\xBF\xBD"

static void expect_repair(const char *in, size_t len, const char *want)
{
    size_t out_len = 12345;
    char *out = cd_utf8_sanitize(in, len, &out_len);
    assert_non_null(out);
    assert_int_equal(out_len, strlen(want));
    assert_memory_equal(out, want, out_len);
    assert_int_equal(out[out_len], '\0');
    assert_true(cd_utf8_valid(out, out_len));
    free(out);
}

static void valid_text_is_unchanged(void **state)
{
    (void)state;
    const char *s = "Erdo\xC4\x9F" "an said \xE2\x80\x9Cyes\xE2\x80\x9D "
                    "\xF0\x9F\x94\xB4 live";
    assert_true(cd_utf8_valid(s, strlen(s)));
    expect_repair(s, strlen(s), s);
    assert_true(cd_utf8_valid("", 0));
    expect_repair("", 0, "");
}

static void embedded_nul_is_valid(void **state)
{
    (void)state;
    const char s[] = {'a', '\0', 'b'};
    assert_true(cd_utf8_valid(s, 3));
    size_t n;
    char *out = cd_utf8_sanitize(s, 3, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(out, s, 3);
    free(out);
}

static void overlongs_are_rejected(void **state)
{
    (void)state;
    assert_false(cd_utf8_valid("\xC0\x80", 2));
    expect_repair("\xC0\x80", 2, FFFD FFFD);
    assert_false(cd_utf8_valid("\xE0\x80\x80", 3));
    expect_repair("\xE0\x80\x80", 3, FFFD FFFD FFFD);
    assert_false(cd_utf8_valid("\xF0\x80\x80\x80", 4));
    expect_repair("\xC1\xBF", 2, FFFD FFFD);
}

static void surrogates_and_beyond_unicode_are_rejected(void **state)
{
    (void)state;
    assert_false(cd_utf8_valid("\xED\xA0\x80", 3));
    expect_repair("\xED\xA0\x80", 3, FFFD FFFD FFFD);
    assert_true(cd_utf8_valid("\xED\x9F\xBF", 3)); /* U+D7FF */
    assert_false(cd_utf8_valid("\xF4\x90\x80\x80", 4));
    expect_repair("\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD);
    assert_true(cd_utf8_valid("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
    expect_repair("\xF5\x80", 2, FFFD FFFD);
    expect_repair("\xFF", 1, FFFD);
}

static void truncated_sequences_become_one_replacement(void **state)
{
    (void)state;
    /* A cut-off curly quote at the end of a buffer. */
    expect_repair("said \xE2\x80", 7, "said " FFFD);
    expect_repair("\xE2\x80" "A", 3, FFFD "A");
    /* A cut-off emoji (3 of 4 bytes) followed by text. */
    expect_repair("\xF0\x9F\x98x", 4, FFFD "x");
    expect_repair("\xF0\x9F\x98", 3, FFFD);
    expect_repair("\xE1\x80\xE1\x80\x80", 5, FFFD "\xE1\x80\x80");
    expect_repair("\xC2", 1, FFFD);
}

static void stray_bytes_in_prose(void **state)
{
    (void)state;
    /* Latin-1 "é" pasted into UTF-8 copy. */
    const char in[] = "Caf\xE9 owner said \xE2\x80\x9Cno\xE2\x80\x9D.";
    expect_repair(in, sizeof in - 1,
                  "Caf" FFFD " owner said \xE2\x80\x9Cno\xE2\x80\x9D.");
    assert_false(cd_utf8_valid(in, sizeof in - 1));
}

static void out_len_may_be_null(void **state)
{
    (void)state;
    char *out = cd_utf8_sanitize("\xFF" "a", 2, NULL);
    assert_string_equal(out, FFFD "a");
    free(out);
}

/* Any bytes in: valid UTF-8 out, and valid input passes through. */
static void random_bytes_always_repair_to_valid(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    char buf[64];
    for (int round = 0; round < 5000; round++) {
        size_t len = (size_t)(round % 64);
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            /* Bias towards the interesting high bytes. */
            buf[k] = (char)((seed >> 16) & 1 ? 0x80 | (seed >> 8) : seed >> 9);
        }
        size_t n;
        char *out = cd_utf8_sanitize(buf, len, &n);
        assert_non_null(out);
        assert_true(cd_utf8_valid(out, n));
        if (cd_utf8_valid(buf, len)) {
            assert_int_equal(n, len);
            assert_memory_equal(out, buf, len);
        } else {
            assert_non_null(memmem(out, n, FFFD, 3));
        }
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text_is_unchanged),
        cmocka_unit_test(embedded_nul_is_valid),
        cmocka_unit_test(overlongs_are_rejected),
        cmocka_unit_test(surrogates_and_beyond_unicode_are_rejected),
        cmocka_unit_test(truncated_sequences_become_one_replacement),
        cmocka_unit_test(stray_bytes_in_prose),
        cmocka_unit_test(out_len_may_be_null),
        cmocka_unit_test(random_bytes_always_repair_to_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
