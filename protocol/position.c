/* Byte offsets <-> LSP positions (see position.h).
 *
 * Characters are decoded strictly (Unicode Table 3-7: no overlongs, no
 * surrogates, nothing above U+10FFFF); anything else is one invalid byte
 * that counts as one unit in both encodings. Decoding is bounded by the
 * text's length, so a sequence cut by the end of the text is invalid bytes
 * rather than a read past the buffer. Every query walks one line at most:
 * the line comes from a binary search over the index. */
#include "protocol/position.h"
#include "protocol/utf8seq.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Length in bytes of the character at s[0..n) (n >= 1): a well-formed
   UTF-8 sequence, or 1 for an invalid byte. */
static size_t char_len(const unsigned char *s, size_t n)
{
    size_t len = cd_utf8_seq_len(s, n);
    return len ? len : 1;
}

/* Code units of a character of clen bytes (as returned by char_len). */
static size_t char_units(size_t clen, cd_encoding enc)
{
    if (enc == CD_ENC_UTF8)
        return clen;
    return clen == 4 ? 2 : 1; /* astral plane: a surrogate pair */
}

cd_line_index *cd_line_index_new(const char *text, size_t len)
{
    cd_line_index *ix = calloc(1, sizeof *ix);
    if (ix == NULL)
        return NULL;
    /* memchr rather than a byte loop: the server indexes the whole text
       on every change, and a 100,000-word text is 600 KB. */
    size_t n = 1;
    const char *end = text ? text + len : text;
    for (const char *p = text; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    ix->starts = malloc(n * sizeof *ix->starts);
    if (ix->starts == NULL) {
        free(ix);
        return NULL;
    }
    size_t k = 0;
    ix->starts[k++] = 0;
    for (const char *p = text; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        ix->starts[k++] = (size_t)(p - text) + 1;
    ix->n_lines = n;
    ix->text_len = len;
    return ix;
}

cd_line_index *cd_line_index_splice(const cd_line_index *old, size_t a, size_t b,
                                    const char *repl, size_t repl_len)
{
    /* A start s follows the '\n' at s - 1: it stays when that newline is
       before a (s <= a), goes when it was replaced (a < s <= b), and moves
       by the change in length when it is at or after b (s > b). */
    size_t keep = 0, tail = old->n_lines, added = 0;
    while (keep < old->n_lines && old->starts[keep] <= a)
        keep++;
    while (tail > keep && old->starts[tail - 1] > b)
        tail--;
    for (const char *p = repl, *end = repl + repl_len;
         p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        added++;
    cd_line_index *ix = calloc(1, sizeof *ix);
    if (ix == NULL)
        return NULL;
    ix->n_lines = keep + added + (old->n_lines - tail);
    ix->text_len = old->text_len - (b - a) + repl_len;
    ix->starts = malloc(ix->n_lines * sizeof *ix->starts);
    if (ix->starts == NULL) {
        free(ix);
        return NULL;
    }
    memcpy(ix->starts, old->starts, keep * sizeof *ix->starts);
    size_t k = keep;
    for (const char *p = repl, *end = repl + repl_len;
         p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        ix->starts[k++] = a + (size_t)(p - repl) + 1;
    for (size_t i = tail; i < old->n_lines; i++)
        ix->starts[k++] = old->starts[i] - b + a + repl_len;
    return ix;
}

void cd_line_index_free(cd_line_index *ix)
{
    if (ix == NULL)
        return;
    free(ix->starts);
    free(ix);
}

/* The line containing offset (offset <= text_len): the last start <= it. */
static size_t line_of(const cd_line_index *ix, size_t offset)
{
    size_t lo = 0, hi = ix->n_lines - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (ix->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* End of line `line`'s content: before its "\n" or "\r\n", or text_len. */
static size_t line_end(const cd_line_index *ix, const char *text, size_t line)
{
    if (line + 1 >= ix->n_lines)
        return ix->text_len;
    size_t e = ix->starts[line + 1] - 1; /* the '\n' */
    if (e > ix->starts[line] && text[e - 1] == '\r')
        e--;
    return e;
}

void cd_position_cursor_init(cd_position_cursor *c, const cd_line_index *ix,
                             const char *text, cd_encoding enc)
{
    c->ix = ix;
    c->text = text;
    c->enc = enc;
    c->line = 0;
    c->off = 0;
    c->units = 0;
}

cd_position cd_position_cursor_at(cd_position_cursor *c, size_t offset)
{
    const cd_line_index *ix = c->ix;
    if (offset > ix->text_len)
        offset = ix->text_len;
    bool same_line = offset >= c->off &&
                     (c->line + 1 >= ix->n_lines || offset < ix->starts[c->line + 1]);
    if (!same_line) {
        c->line = line_of(ix, offset);
        c->off = ix->starts[c->line];
        c->units = 0;
    }
    size_t e = line_end(ix, c->text, c->line);
    if (offset > e)
        offset = e; /* between "\r" and "\n": the line ending is one place */
    const unsigned char *t = (const unsigned char *)c->text;
    size_t p = c->off, units = c->units;
    /* ASCII is one unit per byte in both encodings: skip it eight bytes
       at a time (news copy is mostly ASCII). */
    for (uint64_t word; p + 8 <= offset; p += 8, units += 8) {
        memcpy(&word, t + p, 8);
        if (word & 0x8080808080808080ULL)
            break;
    }
    while (p < offset) {
        size_t clen = char_len(t + p, ix->text_len - p);
        if (p + clen > offset)
            break; /* offset inside this character: count up to its start */
        units += char_units(clen, c->enc);
        p += clen;
    }
    c->off = p;
    c->units = units;
    cd_position pos = {(uint32_t)c->line, (uint32_t)units};
    return pos;
}

cd_position cd_position_from_offset(const cd_line_index *ix, const char *text,
                                    size_t offset, cd_encoding enc)
{
    cd_position_cursor c;
    cd_position_cursor_init(&c, ix, text, enc);
    return cd_position_cursor_at(&c, offset);
}

size_t cd_position_to_offset(const cd_line_index *ix, const char *text,
                             cd_position pos, cd_encoding enc)
{
    if ((size_t)pos.line >= ix->n_lines)
        return ix->text_len;
    size_t s = ix->starts[pos.line];
    size_t e = line_end(ix, text, pos.line);
    const unsigned char *t = (const unsigned char *)text;
    size_t units = 0, want = pos.character;
    size_t p = s;
    while (p < e && units < want) {
        size_t clen = char_len(t + p, ix->text_len - p);
        size_t cu = char_units(clen, enc);
        if (units + cu > want)
            break; /* inside a surrogate pair (or a UTF-8 sequence) */
        units += cu;
        p += clen;
    }
    return p;
}

size_t cd_units_count(const char *text, size_t len, cd_encoding enc)
{
    if (enc == CD_ENC_UTF8)
        return len;
    const unsigned char *t = (const unsigned char *)text;
    size_t units = 0;
    for (size_t p = 0; p < len;) {
        size_t clen = char_len(t + p, len - p);
        units += char_units(clen, enc);
        p += clen;
    }
    return units;
}

size_t cd_chars_count(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t n = 0;
    for (size_t p = 0; p < len; n++)
        p += char_len(t + p, len - p);
    return n;
}
