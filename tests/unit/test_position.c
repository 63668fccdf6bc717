/* Unit tests for protocol/position.c: UTF-16 and UTF-8 columns, CRLF,
 * invalid bytes, clamping and round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "protocol/position.h"

/* Test fixture: a text and its index (owned by the fixture). */
typedef struct doc {
    const char *text;
    size_t len;
    cd_line_index *ix;
} doc;

static doc doc_open(const char *text, size_t len)
{
    doc d = {text, len, cd_line_index_new(text, len)};
    assert_non_null(d.ix);
    return d;
}

static doc doc_str(const char *text)
{
    return doc_open(text, strlen(text));
}

static void doc_close(doc *d)
{
    cd_line_index_free(d->ix);
    d->ix = NULL;
}

static void expect_pos(const doc *d, size_t off, cd_encoding enc, uint32_t line, uint32_t ch)
{
    cd_position p = cd_position_from_offset(d->ix, d->text, off, enc);
    assert_int_equal(p.line, line);
    assert_int_equal(p.character, ch);
}

static void expect_off(const doc *d, uint32_t line, uint32_t ch, cd_encoding enc, size_t off)
{
    cd_position p = {line, ch};
    assert_int_equal(cd_position_to_offset(d->ix, d->text, p, enc), off);
}

/* True when offset `o` starts a character (strictly decoded) or is the
   end; used to pick round-trip offsets independently of position.c. */
static int is_boundary(const char *t, size_t len, size_t o)
{
    if (o == 0 || o >= len)
        return 1;
    /* Walk from the start with a simple decoder of the test's own. */
    size_t p = 0;
    while (p < o) {
        unsigned char c = (unsigned char)t[p];
        size_t n = 1;
        if (c >= 0xF0 && c <= 0xF4 && p + 3 < len && (t[p + 1] & 0xC0) == 0x80 &&
            (t[p + 2] & 0xC0) == 0x80 && (t[p + 3] & 0xC0) == 0x80)
            n = 4;
        else if (c >= 0xE0 && c <= 0xEF && p + 2 < len && (t[p + 1] & 0xC0) == 0x80 &&
                 (t[p + 2] & 0xC0) == 0x80)
            n = 3;
        else if (c >= 0xC2 && c <= 0xDF && p + 1 < len && (t[p + 1] & 0xC0) == 0x80)
            n = 2;
        p += n;
    }
    return p == o;
}

/* For every character boundary: offset -> position -> offset is the
   identity, except the '\n' of a "\r\n", which maps to its '\r'. */
static void round_trip_all(const char *text, size_t len)
{
    doc d = doc_open(text, len);
    for (int e = 0; e < 2; e++) {
        cd_encoding enc = e ? CD_ENC_UTF8 : CD_ENC_UTF16;
        for (size_t o = 0; o <= len; o++) {
            if (!is_boundary(text, len, o))
                continue;
            cd_position p = cd_position_from_offset(d.ix, text, o, enc);
            size_t back = cd_position_to_offset(d.ix, text, p, enc);
            if (o > 0 && o < len && text[o] == '\n' && text[o - 1] == '\r')
                assert_int_equal(back, o - 1);
            else
                assert_int_equal(back, o);
        }
    }
    doc_close(&d);
}

static void test_ascii_lines(void **state)
{
    (void)state;
    doc d = doc_str("ab\ncd\n\nefg");
    assert_int_equal(d.ix->n_lines, 4);
    assert_int_equal(d.ix->starts[0], 0);
    assert_int_equal(d.ix->starts[1], 3);
    assert_int_equal(d.ix->starts[2], 6);
    assert_int_equal(d.ix->starts[3], 7);
    expect_pos(&d, 0, CD_ENC_UTF16, 0, 0);
    expect_pos(&d, 2, CD_ENC_UTF16, 0, 2); /* the '\n' is the line's end */
    expect_pos(&d, 3, CD_ENC_UTF16, 1, 0);
    expect_pos(&d, 6, CD_ENC_UTF16, 2, 0);
    expect_pos(&d, 10, CD_ENC_UTF16, 3, 3);
    expect_off(&d, 1, 1, CD_ENC_UTF16, 4);
    expect_off(&d, 3, 3, CD_ENC_UTF8, 10);
    doc_close(&d);
}

static void test_emoji(void **state)
{
    (void)state;
    /* U+1F534 is 4 bytes, 2 UTF-16 units. */
    doc d = doc_str("a\xf0\x9f\x94\xb4" "b");
    expect_pos(&d, 1, CD_ENC_UTF16, 0, 1);
    expect_pos(&d, 5, CD_ENC_UTF16, 0, 3);
    expect_pos(&d, 5, CD_ENC_UTF8, 0, 5);
    expect_pos(&d, 6, CD_ENC_UTF16, 0, 4);
    /* An offset inside the emoji counts up to its start. */
    expect_pos(&d, 2, CD_ENC_UTF16, 0, 1);
    expect_pos(&d, 4, CD_ENC_UTF8, 0, 1);
    /* A character inside the surrogate pair maps to the emoji's start. */
    expect_off(&d, 0, 2, CD_ENC_UTF16, 1);
    expect_off(&d, 0, 3, CD_ENC_UTF16, 5);
    /* Inside the UTF-8 sequence, likewise. */
    expect_off(&d, 0, 3, CD_ENC_UTF8, 1);
    expect_off(&d, 0, 5, CD_ENC_UTF8, 5);
    assert_int_equal(cd_units_count(d.text, d.len, CD_ENC_UTF16), 4);
    assert_int_equal(cd_units_count(d.text, d.len, CD_ENC_UTF8), 6);
    assert_int_equal(cd_chars_count(d.text, d.len), 3);
    doc_close(&d);
    round_trip_all("a\xf0\x9f\x94\xb4" "b\n\xf0\x9f\x94\xb4", 11);
}

static void test_ballot_box_vs16(void **state)
{
    (void)state;
    /* U+1F5F3 (4 bytes, 2 units) + VS16 U+FE0F (3 bytes, 1 unit). */
    const char *t = "x \xf0\x9f\x97\xb3\xef\xb8\x8f vote";
    doc d = doc_str(t);
    expect_pos(&d, 9, CD_ENC_UTF16, 0, 5); /* the space after */
    expect_pos(&d, 9, CD_ENC_UTF8, 0, 9);
    expect_pos(&d, 6, CD_ENC_UTF16, 0, 4); /* between emoji and VS16 */
    expect_off(&d, 0, 4, CD_ENC_UTF16, 6);
    expect_off(&d, 0, 6, CD_ENC_UTF16, 10);
    assert_int_equal(cd_chars_count(t, strlen(t)), 9);
    doc_close(&d);
    round_trip_all(t, strlen(t));
}

static void test_combining_and_turkish(void **state)
{
    (void)state;
    /* "e" + U+0301, then Turkish g-breve, s-cedilla, dotted capital I:
       each scalar value is one UTF-16 unit. */
    const char *t = "Cafe\xcc\x81 \xc4\x9f\xc5\x9f\xc4\xb0 x";
    doc d = doc_str(t);
    expect_pos(&d, 6, CD_ENC_UTF16, 0, 5);  /* after the combining mark */
    expect_pos(&d, 5, CD_ENC_UTF16, 0, 4);  /* inside U+0301: its start */
    expect_pos(&d, 14, CD_ENC_UTF16, 0, 10); /* the 'x' */
    expect_pos(&d, 14, CD_ENC_UTF8, 0, 14);
    expect_off(&d, 0, 10, CD_ENC_UTF16, 14);
    assert_int_equal(cd_chars_count(t, strlen(t)), 11);
    assert_int_equal(cd_units_count(t, strlen(t), CD_ENC_UTF16), 11);
    doc_close(&d);
    round_trip_all(t, strlen(t));
}

static void test_curly_quotes(void **state)
{
    (void)state;
    /* \u201cHi,\u201d she said. A curly quote must not shift what follows. */
    const char *t = "\xe2\x80\x9cHi,\xe2\x80\x9d she said.";
    doc d = doc_str(t);
    size_t she = strlen("\xe2\x80\x9cHi,\xe2\x80\x9d ");
    expect_pos(&d, she, CD_ENC_UTF16, 0, 6);
    expect_pos(&d, she, CD_ENC_UTF8, 0, (uint32_t)she);
    expect_off(&d, 0, 6, CD_ENC_UTF16, she);
    doc_close(&d);
    round_trip_all(t, strlen(t));
}

static void test_crlf(void **state)
{
    (void)state;
    doc d = doc_str("ab\r\ncd\r\n");
    assert_int_equal(d.ix->n_lines, 3);
    expect_pos(&d, 2, CD_ENC_UTF16, 0, 2);
    expect_pos(&d, 3, CD_ENC_UTF16, 0, 2); /* between \r and \n: the line end */
    expect_pos(&d, 4, CD_ENC_UTF16, 1, 0);
    expect_pos(&d, 8, CD_ENC_UTF16, 2, 0);
    expect_off(&d, 0, 2, CD_ENC_UTF16, 2);
    expect_off(&d, 0, 3, CD_ENC_UTF16, 2); /* past the end: before "\r\n" */
    expect_off(&d, 0, 99, CD_ENC_UTF8, 2);
    expect_off(&d, 1, 2, CD_ENC_UTF16, 6);
    expect_off(&d, 2, 0, CD_ENC_UTF16, 8);
    doc_close(&d);
    round_trip_all("ab\r\ncd\r\n\r\n\xc4\x9f\r\n", 14);
    /* A lone '\r' is an ordinary character (lines end at "\n"). */
    doc e = doc_str("a\rb\n\r");
    assert_int_equal(e.ix->n_lines, 2);
    expect_pos(&e, 2, CD_ENC_UTF16, 0, 2);
    expect_pos(&e, 5, CD_ENC_UTF16, 1, 1);
    doc_close(&e);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* Lone continuation and lead bytes, a truncated 3-byte sequence, an
       overlong, a surrogate, and a sequence cut by the end of the text:
       one unit per byte in both encodings. */
    const char t[] = "a\xff\xfe" "b\xe2\x80" "c\xc0\xaf" "d\xed\xa0\x80" "e\xf0\x9f";
    size_t len = sizeof t - 1;
    doc d = doc_open(t, len);
    expect_pos(&d, 3, CD_ENC_UTF16, 0, 3);   /* 'b' */
    expect_pos(&d, 6, CD_ENC_UTF16, 0, 6);   /* 'c' */
    expect_pos(&d, 9, CD_ENC_UTF16, 0, 9);   /* 'd' */
    expect_pos(&d, 13, CD_ENC_UTF16, 0, 13); /* 'e' */
    expect_pos(&d, len, CD_ENC_UTF16, 0, (uint32_t)len);
    expect_pos(&d, len, CD_ENC_UTF8, 0, (uint32_t)len);
    expect_off(&d, 0, 6, CD_ENC_UTF16, 6);
    expect_off(&d, 0, 15, CD_ENC_UTF16, 15);
    assert_int_equal(cd_units_count(t, len, CD_ENC_UTF16), len);
    assert_int_equal(cd_chars_count(t, len), len);
    doc_close(&d);
    round_trip_all(t, len);
    /* A valid sequence cut by `len` is counted as its bytes. */
    assert_int_equal(cd_units_count("\xf0\x9f\x94\xb4", 2, CD_ENC_UTF16), 2);
    assert_int_equal(cd_chars_count("\xf0\x9f\x94\xb4", 2), 2);
}

static void test_clamping(void **state)
{
    (void)state;
    doc d = doc_str("one\ntwo\xf0\x9f\x94\xb4");
    expect_pos(&d, 1000, CD_ENC_UTF16, 1, 5); /* past the end: the end */
    expect_pos(&d, SIZE_MAX, CD_ENC_UTF8, 1, 7);
    expect_off(&d, 0, 99, CD_ENC_UTF16, 3);
    expect_off(&d, 0, UINT32_MAX, CD_ENC_UTF16, 3);
    expect_off(&d, 1, 99, CD_ENC_UTF16, d.len);
    expect_off(&d, 2, 0, CD_ENC_UTF16, d.len);
    expect_off(&d, 999999, 999999, CD_ENC_UTF16, d.len);
    expect_off(&d, UINT32_MAX, 0, CD_ENC_UTF8, d.len);
    doc_close(&d);
}

static void test_empty_and_trailing(void **state)
{
    (void)state;
    doc d = doc_open("", 0);
    assert_int_equal(d.ix->n_lines, 1);
    expect_pos(&d, 0, CD_ENC_UTF16, 0, 0);
    expect_pos(&d, 5, CD_ENC_UTF16, 0, 0);
    expect_off(&d, 0, 0, CD_ENC_UTF16, 0);
    expect_off(&d, 0, 5, CD_ENC_UTF16, 0);
    expect_off(&d, 3, 0, CD_ENC_UTF16, 0);
    assert_int_equal(cd_units_count("", 0, CD_ENC_UTF16), 0);
    assert_int_equal(cd_chars_count("", 0), 0);
    doc_close(&d);

    /* A trailing newline opens an empty last line. */
    doc e = doc_str("abc\n");
    assert_int_equal(e.ix->n_lines, 2);
    expect_pos(&e, 4, CD_ENC_UTF16, 1, 0);
    expect_off(&e, 1, 0, CD_ENC_UTF16, 4);
    expect_off(&e, 1, 9, CD_ENC_UTF16, 4);
    doc_close(&e);

    /* Without one, the last line ends at the text's end. */
    doc f = doc_str("abc\nde");
    expect_pos(&f, 6, CD_ENC_UTF16, 1, 2);
    expect_off(&f, 1, 9, CD_ENC_UTF16, 6);
    doc_close(&f);

    cd_line_index_free(NULL);
}

/* A book-length document: every query must walk one line only. This does
   not time anything; it checks the answers against a linear scan. */
static void test_large_document(void **state)
{
    (void)state;
    const char *para = "\xe2\x80\x9cWe will rebuild,\xe2\x80\x9d said Erdo\xc4\x9f" "an \xf0\x9f\x94\xb4 on Monday.\n";
    size_t plen = strlen(para);
    size_t reps = 12000; /* ~100,000 words */
    char *text = malloc(plen * reps);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * plen, para, plen);
    size_t len = plen * reps;
    doc d = doc_open(text, len);
    assert_int_equal(d.ix->n_lines, reps + 1);
    size_t units_line = cd_units_count(para, plen - 1, CD_ENC_UTF16);
    for (size_t i = 0; i < reps; i += 7) {
        size_t o = i * plen + plen - 1; /* each line's '\n' */
        expect_pos(&d, o, CD_ENC_UTF16, (uint32_t)i, (uint32_t)units_line);
        expect_off(&d, (uint32_t)i, (uint32_t)units_line, CD_ENC_UTF16, o);
        expect_pos(&d, i * plen + 3, CD_ENC_UTF8, (uint32_t)i, 3);
    }
    doc_close(&d);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_lines),
        cmocka_unit_test(test_emoji),
        cmocka_unit_test(test_ballot_box_vs16),
        cmocka_unit_test(test_combining_and_turkish),
        cmocka_unit_test(test_curly_quotes),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_clamping),
        cmocka_unit_test(test_empty_and_trailing),
        cmocka_unit_test(test_large_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
