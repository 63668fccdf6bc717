/* Incremental edits applied to snapshots, as an editor sends them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "server/snapshot.h"

static cd_snapshot *snap(const char *text)
{
    return cd_snapshot_new_take(strdup(text), strlen(text), 1, false);
}

/* The text after one edit (caller frees). The edited snapshot's shifted
   line index must be the one a fresh index of its text gives. */
static char *splice(const char *text, uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2,
                    const char *repl, cd_encoding enc)
{
    cd_snapshot *s = snap(text);
    cd_snapshot *e = cd_snapshot_edit(s, (cd_position){l1, c1}, (cd_position){l2, c2}, enc, repl,
                                      strlen(repl), 2);
    assert_non_null(e);
    assert_int_equal(e->len, strlen(e->text));
    cd_line_index *fresh = cd_line_index_new(e->text, e->len);
    assert_int_equal(e->ix->n_lines, fresh->n_lines);
    assert_int_equal(e->ix->text_len, fresh->text_len);
    assert_memory_equal(e->ix->starts, fresh->starts, fresh->n_lines * sizeof *fresh->starts);
    cd_line_index_free(fresh);
    char *out = strdup(e->text);
    cd_snapshot_release(e);
    cd_snapshot_release(s);
    return out;
}

static void test_insert_after_emoji_utf16(void **state)
{
    (void)state;
    /* 🔴 is two UTF-16 units: character 3 is after "🔴 " */
    char *out = splice("🔴 vote\n", 0, 3, 0, 3, "early ", CD_ENC_UTF16);
    assert_string_equal(out, "🔴 early vote\n");
    free(out);
}

static void test_insert_after_emoji_utf8(void **state)
{
    (void)state;
    char *out = splice("🔴 vote\n", 0, 5, 0, 5, "early ", CD_ENC_UTF8);
    assert_string_equal(out, "🔴 early vote\n");
    free(out);
}

static void test_replace_across_lines_with_crlf(void **state)
{
    (void)state;
    char *out = splice("One.\r\nTwo.\r\nThree.\r\n", 0, 4, 2, 6, "", CD_ENC_UTF16);
    assert_string_equal(out, "One.\r\n");
    free(out);
}

static void test_delete_curly_quote(void **state)
{
    (void)state;
    char *out = splice("“Yes,” she said.", 0, 0, 0, 1, "\"", CD_ENC_UTF16);
    assert_string_equal(out, "\"Yes,” she said.");
    free(out);
}

static void test_out_of_range_clamps_to_end(void **state)
{
    (void)state;
    char *out = splice("Short.\n", 99, 99, 120, 0, "More.\n", CD_ENC_UTF16);
    assert_string_equal(out, "Short.\nMore.\n");
    free(out);
    /* a character past the line's end appends at the end of that line */
    out = splice("ab\ncd\n", 0, 50, 0, 50, "!", CD_ENC_UTF16);
    assert_string_equal(out, "ab!\ncd\n");
    free(out);
}

static void test_reversed_range_is_normalised(void **state)
{
    (void)state;
    char *out = splice("abcdef", 0, 4, 0, 1, "X", CD_ENC_UTF16);
    assert_string_equal(out, "aXef");
    free(out);
}

static void test_refcount_keeps_text_alive(void **state)
{
    (void)state;
    cd_snapshot *s = snap("kept");
    cd_snapshot *t = cd_snapshot_retain(s);
    cd_snapshot_release(s);
    assert_string_equal(t->text, "kept");
    cd_snapshot_release(t);
    cd_snapshot_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_after_emoji_utf16),
        cmocka_unit_test(test_insert_after_emoji_utf8),
        cmocka_unit_test(test_replace_across_lines_with_crlf),
        cmocka_unit_test(test_delete_curly_quote),
        cmocka_unit_test(test_out_of_range_clamps_to_end),
        cmocka_unit_test(test_reversed_range_is_normalised),
        cmocka_unit_test(test_refcount_keeps_text_alive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
