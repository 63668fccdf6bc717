/* The shared text model: prose mask, paragraphs and sentences.
 *
 * Built in three linear passes over the text:
 *   1. blocks: front matter, then line by line the Markdown block structure
 *      (fences, indented code, headings, lists, blockquotes, HTML comments)
 *      or the plain-text paragraph convention, blanking block markup in the
 *      prose copy and recording raw paragraph ranges;
 *   2. inline (per paragraph): inline code, autolinks and HTML tags, link
 *      destinations, emphasis markers, bare URLs;
 *   3. sentences (per paragraph), on the prose copy, so markup never ends
 *      or starts a sentence.
 * Offsets are bytes into the original text throughout; the prose copy has
 * the same length, so a rule can search prose and report against text.
 *
 * Conservative by design: when a construct is uncertain (an unmatched
 * backtick, a bracket with no link after it, an asterisk between spaces)
 * its characters stay prose. Quotation marks and apostrophes are never
 * blanked. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/grow.h"
#include "analysis/scan.h"
#include "analysis/text/text.h"
#include "analysis/utf8.h"
#include "analysis/wordset.h"

/* ---- small helpers ---------------------------------------------------- */

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_upper_ascii(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_alpha_ascii(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
static bool is_alnum_ascii(unsigned char c)
{
    return is_alpha_ascii(c) || is_digit(c);
}
static bool is_punct_ascii(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
           (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Byte classes, so the per-byte loops skip ordinary letters with one table
 * lookup (the model must stay well under a millisecond per 100 KB). */
enum { B_INLINE = 1, B_SENT = 2, B_QUOTE = 4 };
static const unsigned char byte_class[256] = {
    ['\\'] = B_INLINE, ['`'] = B_INLINE, ['<'] = B_INLINE, [':'] = B_INLINE,
    ['['] = B_INLINE, ['!'] = B_INLINE | B_SENT, [']'] = B_INLINE,
    ['*'] = B_INLINE, ['_'] = B_INLINE, ['~'] = B_INLINE,
    ['.'] = B_SENT, ['?'] = B_SENT, [0xE2] = B_SENT | B_QUOTE,
    ['"'] = B_QUOTE, ['\''] = B_QUOTE, [0xC2] = B_QUOTE,
};

/* Lanes of an eight-byte word that may hold a byte of those classes (a
 * few neighbours come along: "^" and ";" with B_INLINE), for cd_scan_to:
 * B_INLINE \ ` < : [ ! ] * _ ~ ... */
static uint64_t inline_lanes(uint64_t x)
{
    return cd_swar_range(x, '[', '`') | cd_swar_range(x, ':', '<') |
           cd_swar_eq(x, '!') | cd_swar_eq(x, '*') | cd_swar_eq(x, '~');
}

/* ... and B_SENT, B_QUOTE ! " ' . ? and UTF-8 lead bytes. */
static uint64_t sent_lanes(uint64_t x)
{
    return cd_swar_range(x, '!', '"') | cd_swar_eq(x, '\'') |
           cd_swar_eq(x, '.') | cd_swar_eq(x, '?') | cd_swar_high(x);
}

/* Uppercase letters beyond ASCII that news copy starts sentences with:
 * Latin-1, Latin Extended-A (Ö, Ş, İ, Ł...), Greek and Cyrillic capitals. */
static bool is_upper_cp(uint32_t cp)
{
    if (cp < 0x80)
        return is_upper_ascii((unsigned char)cp);
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x137)
        return cp % 2 == 0;
    if (cp >= 0x139 && cp <= 0x148)
        return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177)
        return cp % 2 == 0;
    if (cp == 0x178)
        return true;
    if (cp >= 0x179 && cp <= 0x17E)
        return cp % 2 == 1;
    if ((cp >= 0x386 && cp <= 0x38F) || (cp >= 0x391 && cp <= 0x3AB))
        return cp != 0x387;
    return cp >= 0x400 && cp <= 0x42F;
}

static bool is_ws_cp(uint32_t cp)
{
    return (cp < 0x80 && is_ws((unsigned char)cp)) || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}

/* Unicode punctuation as far as emphasis flanking needs it: ASCII
 * punctuation, Latin-1 punctuation and the General Punctuation block
 * (curly quotes, dashes, ellipsis). */
static bool is_punct_cp(uint32_t cp)
{
    if (cp < 0x80)
        return is_punct_ascii((unsigned char)cp);
    return (cp >= 0xA1 && cp <= 0xBF) || (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0x2030 && cp <= 0x205E);
}

/* Replaces non-prose bytes with spaces, keeping line breaks so that line
 * numbers computed on prose agree with the text. */
static void blank(char *p, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (p[k] != '\n' && p[k] != '\r')
            p[k] = ' ';
}

/* ---- builder ---------------------------------------------------------- */

typedef struct raw_para {
    size_t start, end;
    bool heading;
} raw_para;

typedef struct delim {
    size_t pos;       /* first byte of the still-unmatched part of the run */
    size_t len;       /* unmatched length */
    unsigned char ch; /* '*', '_' or '~' */
} delim;

#define MAX_DELIMS 64
#define MAX_BRACKETS 32
#define MAX_CODE_RUN 16

/* A possible sentence break: terminator at term, sentence ends at end
 * (after closing marks), the next one starts at next. */
typedef struct cand {
    size_t term, end, next;
} cand;

typedef struct builder {
    cd_doc *doc;
    const unsigned char *t; /* text */
    char *p;                /* prose */
    size_t n;
    size_t para_cap, sent_cap, com_cap;
    cd_span *quotes;        /* scratch: quoted intervals of one paragraph */
    size_t n_quotes, quote_cap;
    struct cand *cands;     /* scratch: candidate sentence breaks */
    size_t n_cands, cand_cap;
    bool oom;
} builder;

static void add_para(builder *b, size_t start, size_t end, bool heading)
{
    if (end <= start || b->oom)
        return;
    cd_doc *d = b->doc;
    if (cd_grow((void **)&d->paras, &b->para_cap, d->n_paras + 1,
                sizeof *d->paras)) {
        b->oom = true;
        return;
    }
    cd_para *pa = &d->paras[d->n_paras++];
    memset(pa, 0, sizeof *pa);
    pa->start = start;
    pa->end = end;
    pa->heading = heading;
}

static void add_comment(builder *b, size_t start, size_t end)
{
    cd_doc *d = b->doc;
    if (b->oom)
        return;
    /* A comment continued over several lines is recorded once. */
    if (d->n_comments && d->comments[d->n_comments - 1].end == start) {
        d->comments[d->n_comments - 1].end = end;
        return;
    }
    if (cd_grow((void **)&d->comments, &b->com_cap, d->n_comments + 1,
                sizeof *d->comments)) {
        b->oom = true;
        return;
    }
    d->comments[d->n_comments].start = start;
    d->comments[d->n_comments].end = end;
    d->n_comments++;
}

static void add_sent(builder *b, size_t start, size_t end, size_t para)
{
    if (end <= start || b->oom)
        return;
    cd_doc *d = b->doc;
    if (cd_grow((void **)&d->sents, &b->sent_cap, d->n_sents + 1,
                sizeof *d->sents)) {
        b->oom = true;
        return;
    }
    d->sents[d->n_sents].start = start;
    d->sents[d->n_sents].end = end;
    d->sents[d->n_sents].para = para;
    d->n_sents++;
}

static const unsigned char *find_seq(const unsigned char *s, size_t from,
                                     size_t to, const char *needle)
{
    size_t m = strlen(needle);
    if (to < from + m)
        return NULL;
    const unsigned char *hay = s + from;
    size_t hl = to - from;
    while (hl >= m) {
        const unsigned char *q = memchr(hay, needle[0], hl - m + 1);
        if (!q)
            return NULL;
        if (memcmp(q, needle, m) == 0)
            return q;
        hl -= (size_t)(q + 1 - hay);
        hay = q + 1;
    }
    return NULL;
}

/* ---- front matter ----------------------------------------------------- */

/* A "---" line (trailing blanks allowed) at [ls, le). */
static bool is_fence_line(const unsigned char *t, size_t ls, size_t le,
                          char c)
{
    if (le - ls < 3 || t[ls] != c || t[ls + 1] != c || t[ls + 2] != c)
        return false;
    for (size_t k = ls + 3; k < le; k++)
        if (!is_ws(t[k]))
            return false;
    return true;
}

static size_t line_end(const unsigned char *t, size_t n, size_t i)
{
    const unsigned char *q = memchr(t + i, '\n', n - i);
    return q ? (size_t)(q - t) : n;
}

/* YAML front matter: "---" on the first line, closed by "---" or "...".
 * Returns where the body starts. */
static size_t front_matter(builder *b, size_t body)
{
    const unsigned char *t = b->t;
    size_t n = b->n;
    size_t le = line_end(t, n, body);
    if (!is_fence_line(t, body, le, '-'))
        return body;
    for (size_t ls = le + 1; ls < n;) {
        size_t e = line_end(t, n, ls);
        if (is_fence_line(t, ls, e, '-') || is_fence_line(t, ls, e, '.')) {
            size_t stop = e;
            while (stop > ls && is_ws(t[stop - 1]))
                stop--;
            b->doc->fm_start = body;
            b->doc->fm_end = stop;
            blank(b->p, body, e);
            return e;
        }
        ls = e + 1;
    }
    return body; /* unclosed: not front matter */
}

/* ---- HTML comments (both modes) ---------------------------------------- */

/* Blanks HTML comments on the line [from, le). *in_comment carries an
 * unterminated comment across lines. A "<!--" after an odd number of
 * backticks on the line is taken to be inside inline code and left. */
static void line_comments(builder *b, size_t from, size_t le,
                          bool *in_comment)
{
    const unsigned char *t = b->t;
    size_t i = from;
    if (*in_comment) {
        const unsigned char *q = find_seq(t, i, le, "-->");
        size_t stop = q ? (size_t)(q - t) + 3 : le;
        blank(b->p, i, stop);
        add_comment(b, i, stop);
        if (!q) {
            /* Continue the span over the line break. */
            if (le < b->n)
                add_comment(b, le, le + 1);
            return;
        }
        *in_comment = false;
        i = stop;
    }
    if (i >= le || !memchr(t + i, '<', le - i))
        return; /* most lines hold no '<' at all */
    size_t ticks = 0;
    while (i < le) {
        if (t[i] == '`') {
            ticks++;
            i++;
            continue;
        }
        if (t[i] == '<' && ticks % 2 == 0 && le - i >= 4 &&
            memcmp(t + i, "<!--", 4) == 0) {
            const unsigned char *q = find_seq(t, i + 4, le, "-->");
            size_t stop = q ? (size_t)(q - t) + 3 : le;
            blank(b->p, i, stop);
            add_comment(b, i, stop);
            if (!q) {
                *in_comment = true;
                if (le < b->n)
                    add_comment(b, le, le + 1);
                return;
            }
            i = stop;
            continue;
        }
        i++;
    }
}

static bool prose_blank(const builder *b, size_t a, size_t e)
{
    for (size_t k = a; k < e; k++)
        if (!is_ws((unsigned char)b->p[k]))
            return false;
    return true;
}

/* ---- Markdown blocks -------------------------------------------------- */

typedef struct md_state {
    bool in_fence;
    unsigned char fence_ch;
    size_t fence_len;
    bool in_comment;
    bool para_open;
    size_t para_start, para_end;
    bool para_heading;
    bool para_list;
    int para_depth;   /* blockquote depth the paragraph started at */
    bool prev_blank;
    bool in_list;
} md_state;

static void md_close(builder *b, md_state *st)
{
    if (st->para_open)
        add_para(b, st->para_start, st->para_end, st->para_heading);
    st->para_open = false;
    st->para_heading = false;
    st->para_list = false;
}

static void md_open(md_state *st, size_t start, size_t end, int depth,
                    bool list)
{
    st->para_open = true;
    st->para_start = start;
    st->para_end = end;
    st->para_heading = false;
    st->para_list = list;
    st->para_depth = depth;
}

/* Trailing end of a line's content: before '\r' and blanks. */
static size_t trim_end(const unsigned char *t, size_t a, size_t e)
{
    while (e > a && is_ws(t[e - 1]))
        e--;
    return e;
}

/* Width of leading blanks from i (a tab reaches the next multiple of 4),
 * and the first non-blank position in *first. */
static size_t indent_of(const unsigned char *t, size_t i, size_t le,
                        size_t *first)
{
    size_t w = 0;
    while (i < le && (t[i] == ' ' || t[i] == '\t')) {
        w = t[i] == '\t' ? (w / 4 + 1) * 4 : w + 1;
        i++;
    }
    *first = i;
    return w;
}

/* Setext underline: a run of c ('=' at least 2, '-' at least 3), then
 * only blanks. */
static bool setext_line(const unsigned char *t, size_t a, size_t e,
                        unsigned char c)
{
    size_t k = a;
    while (k < e && t[k] == c)
        k++;
    if (k - a < (c == '=' ? 2u : 3u))
        return false;
    while (k < e && is_ws(t[k]))
        k++;
    return k == e;
}

/* Thematic break: three or more of c, blanks allowed between. */
static bool break_line(const unsigned char *t, size_t a, size_t e,
                       unsigned char c)
{
    size_t count = 0;
    for (size_t k = a; k < e; k++) {
        if (t[k] == c)
            count++;
        else if (t[k] != ' ' && t[k] != '\t')
            return false;
    }
    return count >= 3;
}

/* List marker at t[i]: returns the content start, or 0 when none.
 * *ordered_one reports an ordered marker numbered 1 (the only ordered
 * marker allowed to interrupt a paragraph, as in CommonMark). */
static size_t list_marker(const unsigned char *t, size_t i, size_t le,
                          bool *ordered, bool *ordered_one)
{
    size_t j = i;
    *ordered = false;
    *ordered_one = false;
    if (t[j] == '-' || t[j] == '*' || t[j] == '+') {
        j++;
    } else if (is_digit(t[j])) {
        size_t d = 0;
        while (j < le && is_digit(t[j]) && d < 10) {
            j++;
            d++;
        }
        if (d > 9 || j >= le || (t[j] != '.' && t[j] != ')'))
            return 0;
        *ordered = true;
        *ordered_one = d == 1 && t[i] == '1';
        j++;
    } else {
        return 0;
    }
    if (j < le && t[j] != ' ' && t[j] != '\t')
        return 0;
    while (j < le && (t[j] == ' ' || t[j] == '\t'))
        j++;
    if (j >= le || trim_end(t, j, le) == j)
        return 0; /* an empty item is not prose */
    return j;
}

static void md_blocks(builder *b, size_t body)
{
    const unsigned char *t = b->t;
    char *p = b->p;
    size_t n = b->n;
    md_state st;
    memset(&st, 0, sizeof st);
    st.prev_blank = true;

    for (size_t ls = body; ls < n;) {
        size_t le = line_end(t, n, ls);
        size_t next = le + 1;
        size_t i = ls;

        if (st.in_comment) {
            line_comments(b, i, le, &st.in_comment);
            if (st.in_comment || prose_blank(b, ls, le)) {
                md_close(b, &st);
                st.prev_blank = true;
                ls = next;
                continue;
            }
            /* Text after "-->" goes on as a line of its own. */
            while (i < le && p[i] == ' ')
                i++;
        }

        /* Blockquote markers, possibly nested ("> > "). */
        int depth = 0;
        for (;;) {
            size_t f;
            size_t w = indent_of(t, i, le, &f);
            if (w <= 3 && f < le && t[f] == '>') {
                p[f] = ' ';
                i = f + 1;
                depth++;
                continue;
            }
            break;
        }

        size_t first;
        size_t ind = indent_of(t, i, le, &first);
        size_t ce = trim_end(t, first, le);

        if (st.in_fence) {
            size_t k = first;
            while (k < ce && t[k] == st.fence_ch)
                k++;
            if (ind <= 3 && k - first >= st.fence_len && k == ce)
                st.in_fence = false;
            blank(p, ls, le);
            ls = next;
            continue;
        }

        /* Fenced code opens. */
        if (ind <= 3 && first + 3 <= ce &&
            (t[first] == '`' || t[first] == '~')) {
            unsigned char fc = t[first];
            size_t k = first;
            while (k < ce && t[k] == fc)
                k++;
            bool ok = k - first >= 3;
            if (ok && fc == '`' && memchr(t + k, '`', ce - k))
                ok = false; /* "```a``` b" is inline code, not a fence */
            if (ok) {
                md_close(b, &st);
                st.in_list = false;
                st.in_fence = true;
                st.fence_ch = fc;
                st.fence_len = k - first;
                st.prev_blank = false;
                blank(p, ls, le);
                ls = next;
                continue;
            }
        }

        /* Indented code: only after a boundary and outside lists, where
           an indented line continues the item instead. */
        if (ind >= 4 && first < ce && !st.para_open && st.prev_blank &&
            !st.in_list) {
            blank(p, ls, le);
            ls = next;
            continue;
        }

        line_comments(b, first, le, &st.in_comment);

        if (first >= ce || prose_blank(b, first, le)) {
            /* A blank line, or one holding only a comment: a boundary. */
            md_close(b, &st);
            st.prev_blank = true;
            ls = next;
            continue;
        }

        if (ind <= 3) {
            /* Setext underline: the open paragraph is a heading. */
            if (st.para_open && !st.para_list &&
                (setext_line(t, first, ce, '=') ||
                 setext_line(t, first, ce, '-'))) {
                st.para_heading = true;
                md_close(b, &st);
                blank(p, first, ce);
                st.prev_blank = false;
                ls = next;
                continue;
            }
            /* Thematic break. */
            if (break_line(t, first, ce, '-') ||
                break_line(t, first, ce, '*') ||
                break_line(t, first, ce, '_')) {
                md_close(b, &st);
                blank(p, first, ce);
                st.prev_blank = true;
                st.in_list = false;
                ls = next;
                continue;
            }
            /* ATX heading. */
            if (t[first] == '#') {
                size_t k = first;
                while (k < ce && t[k] == '#')
                    k++;
                if (k - first <= 6 && (k == ce || t[k] == ' ' || t[k] == '\t')) {
                    md_close(b, &st);
                    st.in_list = false;
                    blank(p, first, k);
                    size_t cs = k;
                    while (cs < ce && is_ws(t[cs]))
                        cs++;
                    size_t e = ce;
                    /* Closing sequence: "## Title ##". */
                    size_t h = e;
                    while (h > cs && t[h - 1] == '#')
                        h--;
                    if (h < e && (h == cs || t[h - 1] == ' ' || t[h - 1] == '\t')) {
                        blank(p, h, e);
                        e = trim_end(t, cs, h);
                    }
                    add_para(b, cs, e, true);
                    st.prev_blank = false;
                    ls = next;
                    continue;
                }
            }
            /* Link reference definition "[id]: url": not prose. */
            if (!st.para_open && t[first] == '[') {
                const unsigned char *q = memchr(t + first, ']', ce - first);
                if (q && (size_t)(q - t) + 1 < ce && q[1] == ':' &&
                    q > t + first + 1) {
                    blank(p, first, ce);
                    st.prev_blank = true;
                    ls = next;
                    continue;
                }
            }
        }

        /* List item: its own paragraph. Nested items may be indented
           further than three columns. */
        if (ind <= 3 || st.in_list) {
            bool ordered, one;
            size_t cs = list_marker(t, first, ce, &ordered, &one);
            bool interrupts = !st.para_open || st.para_list || !ordered || one;
            if (cs && interrupts) {
                md_close(b, &st);
                blank(p, first, cs);
                md_open(&st, cs, ce, depth, true);
                st.in_list = true;
                st.prev_blank = false;
                ls = next;
                continue;
            }
        }

        /* A paragraph line. */
        if (st.para_open && depth > st.para_depth)
            md_close(b, &st); /* a blockquote interrupts a paragraph */
        if (st.para_open) {
            st.para_end = ce; /* soft line break: same paragraph */
        } else {
            if (st.in_list && st.prev_blank && ind < 2)
                st.in_list = false;
            md_open(&st, first, ce, depth, false);
            st.para_list = false;
        }
        st.prev_blank = false;
        ls = next;
    }
    md_close(b, &st);
}

/* ---- plain-text blocks ------------------------------------------------ */

static bool suppression_line(const unsigned char *t, size_t first, size_t ce)
{
    size_t k = first;
    if (k < ce && t[k] == '#')
        k++;
    else if (k + 1 < ce && t[k] == '/' && t[k + 1] == '/')
        k += 2;
    else
        return false;
    while (k < ce && (t[k] == ' ' || t[k] == '\t'))
        k++;
    return ce - k >= 9 && memcmp(t + k, "copydesk-", 9) == 0;
}

static void plain_blocks(builder *b, size_t body)
{
    const unsigned char *t = b->t;
    size_t n = b->n;
    bool in_comment = false;

    /* Pass 1: comments and suppression lines; is there any blank line? */
    bool has_blank = false;
    for (size_t ls = body; ls < n;) {
        size_t le = line_end(t, n, ls);
        size_t first;
        indent_of(t, ls, le, &first);
        size_t ce = trim_end(t, first, le);
        bool was_comment = in_comment;
        if (!in_comment && suppression_line(t, first, ce)) {
            blank(b->p, first, ce);
            add_comment(b, first, ce);
        } else {
            line_comments(b, ls, le, &in_comment);
        }
        if (first >= ce && !was_comment && le < n)
            has_blank = true;
        ls = le + 1;
    }

    /* Pass 2: paragraphs. Blank lines separate them when the text has any;
       otherwise (one paragraph per line, as wire copy pasted from the web
       often comes) every line is a paragraph. A line of only markup
       (a comment) is a boundary either way. A block whose lines (other
       than its last) run past WRAP_MAX bytes was not hard-wrapped: it is
       a run of one-line paragraphs under a headline and a blank line, so
       each of its lines is a paragraph too. */
    enum { WRAP_MAX = 120 };
    for (size_t ls = body; ls < n;) {
        size_t le = line_end(t, n, ls);
        if (prose_blank(b, ls, le)) {
            ls = le + 1;
            continue;
        }
        /* The block: lines up to the next blank one. */
        bool per_line = !has_blank;
        size_t bs = ls, be = le;
        for (size_t l2 = ls; l2 < n;) {
            size_t e2 = line_end(t, n, l2);
            if (prose_blank(b, l2, e2))
                break;
            if (l2 != ls && be - bs > WRAP_MAX)
                per_line = true; /* the previous line was long */
            bs = l2;
            be = e2;
            l2 = e2 + 1;
        }
        size_t block_end = be;
        bool open = false;
        size_t ps = 0, pe = 0;
        for (size_t l2 = ls; l2 <= block_end && l2 < n;) {
            size_t e2 = line_end(t, n, l2);
            size_t first;
            indent_of(t, l2, e2, &first);
            size_t ce = trim_end(t, first, e2);
            if (open && !per_line) {
                pe = ce;
            } else {
                if (open)
                    add_para(b, ps, pe, false);
                open = true;
                ps = first;
                pe = ce;
            }
            l2 = e2 + 1;
        }
        if (open)
            add_para(b, ps, pe, false);
        ls = block_end + 1;
    }
}

/* ---- inline markup (Markdown) ------------------------------------------ */

/* Bare http(s) URLs, in both modes: a URL's digits and slashes are not
 * dates and its words are not names. Called at a ':' (rarer than 'h', so
 * the scan stays cheap); on success *from gets the URL's start and the
 * return value its end; 0 when there is none. */
static size_t bare_url(const unsigned char *t, size_t colon, size_t end,
                       size_t pstart, size_t *from)
{
    if (end - colon < 4 || t[colon + 1] != '/' || t[colon + 2] != '/')
        return 0;
    size_t i;
    if (colon >= pstart + 5 && memcmp(t + colon - 5, "https", 5) == 0)
        i = colon - 5;
    else if (colon >= pstart + 4 && memcmp(t + colon - 4, "http", 4) == 0)
        i = colon - 4;
    else
        return 0;
    if (i > pstart && (is_alnum_ascii(t[i - 1]) || t[i - 1] == '/'))
        return 0;
    size_t k = colon + 3;
    size_t open_paren = 0, close_paren = 0;
    while (k < end && t[k] > ' ' && t[k] < 0x80 && t[k] != '<' &&
           t[k] != '>' && t[k] != '"' && t[k] != '`') {
        if (t[k] == '(')
            open_paren++;
        else if (t[k] == ')')
            close_paren++;
        k++;
    }
    /* Trailing punctuation belongs to the sentence, not the URL. */
    while (k > colon + 3) {
        unsigned char c = t[k - 1];
        if (c == '.' || c == ',' || c == ':' || c == ';' || c == '!' ||
            c == '?' || c == '\'' || c == '*' || c == '_') {
            k--;
        } else if (c == ')' && close_paren > open_paren) {
            close_paren--;
            k--;
        } else {
            break;
        }
    }
    if (k <= colon + 3)
        return 0;
    *from = i;
    return k;
}

/* <scheme:...> or <user@host> autolinks, and HTML open/close tags.
 * Returns the end of the construct, or 0. */
static size_t angle_markup(const unsigned char *t, size_t i, size_t end)
{
    size_t lim = end - i > 2048 ? i + 2048 : end;
    size_t k = i + 1;
    if (k >= lim)
        return 0;
    /* URI autolink. */
    if (is_alpha_ascii(t[k])) {
        size_t s = k;
        while (k < lim && (is_alnum_ascii(t[k]) || t[k] == '+' ||
                           t[k] == '.' || t[k] == '-'))
            k++;
        if (k < lim && t[k] == ':' && k - s >= 2 && k - s <= 32) {
            k++;
            while (k < lim && t[k] > ' ' && t[k] != '<' && t[k] != '>')
                k++;
            if (k < lim && t[k] == '>')
                return k + 1;
            return 0;
        }
        /* Email autolink. */
        k = i + 1;
        bool at = false;
        while (k < lim && (is_alnum_ascii(t[k]) || strchr(".-_+@", t[k]))) {
            if (t[k] == '@')
                at = true;
            k++;
        }
        if (at && k < lim && t[k] == '>' && t[k - 1] != '@')
            return k + 1;
    }
    /* HTML tag. */
    k = i + 1;
    bool closing = false;
    if (k < lim && t[k] == '/') {
        closing = true;
        k++;
    }
    if (k >= lim || !is_alpha_ascii(t[k]))
        return 0;
    while (k < lim && (is_alnum_ascii(t[k]) || t[k] == '-'))
        k++;
    if (closing) {
        while (k < lim && is_ws(t[k]))
            k++;
        return k < lim && t[k] == '>' ? k + 1 : 0;
    }
    for (;;) {
        size_t ws = k;
        while (k < lim && is_ws(t[k]))
            k++;
        if (k >= lim)
            return 0;
        if (t[k] == '>')
            return k + 1;
        if (t[k] == '/' && k + 1 < lim && t[k + 1] == '>')
            return k + 2;
        if (k == ws)
            return 0; /* attributes must be separated by whitespace */
        if (!(is_alpha_ascii(t[k]) || t[k] == '_' || t[k] == ':'))
            return 0;
        while (k < lim && (is_alnum_ascii(t[k]) || strchr("_.:-", t[k])))
            k++;
        size_t save = k;
        while (k < lim && is_ws(t[k]))
            k++;
        if (k < lim && t[k] == '=') {
            k++;
            while (k < lim && is_ws(t[k]))
                k++;
            if (k >= lim)
                return 0;
            if (t[k] == '"' || t[k] == '\'') {
                unsigned char q = t[k++];
                while (k < lim && t[k] != q)
                    k++;
                if (k >= lim)
                    return 0;
                k++;
            } else {
                size_t s = k;
                while (k < lim && !is_ws(t[k]) && !strchr("\"'=<>`", t[k]))
                    k++;
                if (k == s)
                    return 0;
            }
        } else {
            k = save;
        }
    }
}

/* Link tail after "]": "(dest "title")" or "[ref]". Returns its end, or 0.
 * Bounded so a paragraph of unclosed "(" stays linear. */
static size_t link_tail(const unsigned char *t, size_t j, size_t end)
{
    size_t lim = end - j > 2048 ? j + 2048 : end;
    if (j >= lim)
        return 0;
    if (t[j] == '[') {
        size_t k = j + 1;
        while (k < lim && t[k] != ']' && t[k] != '[')
            k++;
        return k < lim && t[k] == ']' ? k + 1 : 0;
    }
    if (t[j] != '(')
        return 0;
    size_t k = j + 1;
    while (k < lim && is_ws(t[k]))
        k++;
    if (k < lim && t[k] == '<') {
        while (k < lim && t[k] != '>' && t[k] != '\n')
            k++;
        if (k >= lim || t[k] != '>')
            return 0;
        k++;
    } else {
        int depth = 0;
        while (k < lim && !is_ws(t[k]) && t[k] >= 0x20) {
            if (t[k] == '(')
                depth++;
            else if (t[k] == ')') {
                if (depth == 0)
                    break;
                depth--;
            }
            k++;
        }
    }
    while (k < lim && is_ws(t[k]))
        k++;
    if (k < lim && (t[k] == '"' || t[k] == '\'' || t[k] == '(')) {
        unsigned char q = t[k] == '(' ? ')' : t[k];
        k++;
        while (k < lim && t[k] != q)
            k++;
        if (k >= lim)
            return 0;
        k++;
        while (k < lim && is_ws(t[k]))
            k++;
    }
    return k < lim && t[k] == ')' ? k + 1 : 0;
}

static void flanking(const unsigned char *t, size_t n, size_t s, size_t e,
                     bool *left, bool *right)
{
    uint32_t before = cd_u8_decode_before(t, n, 0, s);
    size_t len;
    uint32_t after = e < n ? cd_u8_decode(t, n, e, &len) : ' ';
    bool ws_b = is_ws_cp(before), ws_a = is_ws_cp(after);
    bool pu_b = is_punct_cp(before), pu_a = is_punct_cp(after);
    *left = !ws_a && (!pu_a || ws_b || pu_b);
    *right = !ws_b && (!pu_b || ws_a || pu_a);
}

static void md_inline(builder *b, size_t start, size_t end)
{
    const unsigned char *t = b->t;
    char *p = b->p;
    size_t n = b->n;
    delim stack[MAX_DELIMS];
    size_t nd = 0;
    size_t brackets[MAX_BRACKETS];
    size_t nb = 0;
    /* no_closer[k]: no run of exactly k backticks starts at or after this
       offset (0: unknown), so unmatched backticks cost one scan each. */
    size_t no_closer[MAX_CODE_RUN + 1] = {0};

    size_t i = start;
    while (i < end) {
        i = cd_scan_to(t, i, end, inline_lanes, byte_class, B_INLINE);
        if (i >= end)
            break;
        unsigned char c = t[i];
        if (p[i] == ' ') {
            i++; /* already blanked (block markup) */
            continue;
        }
        if (c == '\\' && i + 1 < end) {
            if (is_punct_ascii(t[i + 1])) {
                p[i] = ' '; /* the escaped character stays prose */
                i += 2;
                continue;
            }
            if (t[i + 1] == '\n' || t[i + 1] == '\r') {
                p[i] = ' '; /* hard line break */
                i++;
                continue;
            }
        }
        if (c == '`') {
            size_t k = i;
            while (k < end && t[k] == '`')
                k++;
            size_t run = k - i;
            size_t found = 0;
            if (run <= MAX_CODE_RUN &&
                !(no_closer[run] && no_closer[run] <= k)) {
                size_t j = k;
                while (j < end) {
                    const unsigned char *q = memchr(t + j, '`', end - j);
                    if (!q)
                        break;
                    size_t s = (size_t)(q - t), e = s;
                    while (e < end && t[e] == '`')
                        e++;
                    if (e - s == run) {
                        found = e;
                        break;
                    }
                    j = e;
                }
                if (!found)
                    no_closer[run] = k;
            }
            if (found) {
                blank(p, i, found);
                i = found;
            } else {
                i = k; /* literal backticks */
            }
            continue;
        }
        if (c == '<') {
            size_t e = angle_markup(t, i, end);
            if (e) {
                blank(p, i, e);
                i = e;
                continue;
            }
            i++;
            continue;
        }
        if (c == ':') {
            size_t from, e = bare_url(t, i, end, start, &from);
            if (e) {
                blank(p, from, e);
                i = e;
                continue;
            }
            i++;
            continue;
        }
        if (c == '[' || (c == '!' && i + 1 < end && t[i + 1] == '[')) {
            size_t at = c == '!' ? i + 1 : i;
            if (nb < MAX_BRACKETS)
                brackets[nb++] = i;
            i = at + 1;
            continue;
        }
        if (c == ']') {
            if (nb > 0) {
                size_t o = brackets[--nb];
                size_t e = link_tail(t, i + 1, end);
                if (e) {
                    blank(p, o, t[o] == '!' ? o + 2 : o + 1);
                    blank(p, i, e);
                    i = e;
                    nb = 0; /* links do not nest */
                    continue;
                }
            }
            i++;
            continue;
        }
        if (c == '*' || c == '_' || c == '~') {
            size_t k = i;
            while (k < end && t[k] == c)
                k++;
            size_t run = k - i;
            if (c == '~' && run != 2) {
                i = k; /* "~5 percent": only "~~" is strikethrough */
                continue;
            }
            bool left, right;
            flanking(t, n, i, k, &left, &right);
            bool can_open, can_close;
            if (c == '_') {
                /* Intraword "_" (snake_case, file_name) is never markup. */
                uint32_t before = cd_u8_decode_before(t, n, 0, i);
                size_t len;
                uint32_t after = k < n ? cd_u8_decode(t, n, k, &len) : ' ';
                can_open = left && (!right || is_punct_cp(before));
                can_close = right && (!left || is_punct_cp(after));
            } else {
                /* Between two letters or digits ("2*3*4", "f*ck") an
                   asterisk is left as written: CommonMark would make it
                   emphasis, but in news copy it is almost always literal,
                   and a wrongly blanked character costs more than a
                   stray one. */
                uint32_t before = cd_u8_decode_before(t, n, 0, i);
                size_t len;
                uint32_t after = k < n ? cd_u8_decode(t, n, k, &len) : ' ';
                bool inword = !is_ws_cp(before) && !is_punct_cp(before) &&
                              !is_ws_cp(after) && !is_punct_cp(after);
                can_open = left && !inword;
                can_close = right && !inword;
            }
            size_t pos = i, len = run;
            if (can_close) {
                while (len > 0) {
                    size_t m = nd;
                    while (m > 0 && stack[m - 1].ch != c)
                        m--;
                    if (m == 0)
                        break;
                    delim *o = &stack[m - 1];
                    size_t use = o->len < len ? o->len : len;
                    if (c == '~' && (o->len != 2 || len != 2))
                        break;
                    /* The inner characters of the opener pair with the
                       first characters of the closer. */
                    blank(p, o->pos + o->len - use, o->pos + o->len);
                    blank(p, pos, pos + use);
                    o->len -= use;
                    pos += use;
                    len -= use;
                    nd = o->len ? m : m - 1;
                }
            }
            if (len > 0 && can_open && nd < MAX_DELIMS) {
                stack[nd].pos = pos;
                stack[nd].len = len;
                stack[nd].ch = c;
                nd++;
            }
            i = k;
            continue;
        }
        i++;
    }
}

/* Plain text: only bare URLs are markup-like enough to blank. */
static void plain_inline(builder *b, size_t start, size_t end)
{
    const unsigned char *t = b->t;
    for (size_t i = start; i < end;) {
        const unsigned char *q = memchr(t + i, ':', end - i);
        if (!q)
            break;
        i = (size_t)(q - t);
        size_t from, e = bare_url(t, i, end, start, &from);
        if (e) {
            blank(b->p, from, e);
            i = e;
        } else {
            i++;
        }
    }
}

/* ---- paragraphs: trim, headings --------------------------------------- */

/* Closing quotation marks and brackets that may follow sentence-final
 * punctuation. Returns their byte length at p[i], or 0. */
static size_t closer_at(const unsigned char *p, size_t n, size_t i)
{
    unsigned char c = p[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']')
        return 1;
    if (i + 1 < n && c == 0xC2 && p[i + 1] == 0xBB)
        return 2; /* » */
    if (i + 2 < n && c == 0xE2 && p[i + 1] == 0x80 &&
        (p[i + 2] == 0x9D || p[i + 2] == 0x99 || p[i + 2] == 0xBA))
        return 3; /* ” ’ › */
    return 0;
}

/* Steps back over closing marks ending at e; returns the new end. */
static size_t skip_closers_back(const unsigned char *p, size_t s, size_t e)
{
    while (e > s) {
        unsigned char c = p[e - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ')
            e--;
        else if (e - s >= 2 && c == 0xBB && p[e - 2] == 0xC2)
            e -= 2;
        else if (e - s >= 3 && p[e - 3] == 0xE2 && p[e - 2] == 0x80 &&
                 (c == 0x9D || c == 0x99 || c == 0xBA))
            e -= 3;
        else
            break;
    }
    return e;
}

/* Plain text has no heading syntax; a short line without sentence
 * punctuation ("More From This Section", a dateline-less headline, a
 * Wikinews date line) is one. The document's first paragraph may be a
 * longer headline. */
static bool plain_heading(const builder *b, size_t s, size_t e, bool first)
{
    const unsigned char *p = (const unsigned char *)b->p;
    size_t last = skip_closers_back(p, s, e);
    if (last > s) {
        unsigned char c = p[last - 1];
        if (c == '.' || c == '?' || c == '!' || c == ':' || c == ',' ||
            c == ';')
            return false;
        if (last - s >= 3 && p[last - 3] == 0xE2 && p[last - 2] == 0x80 &&
            (c == 0xA6 || c == 0x94 || c == 0x93))
            return false; /* … — –: the sentence goes on */
    }
    if (memchr(p + s, '\n', e - s))
        return false; /* a wrapped block is prose */
    size_t words = 0, limit = first ? 30 : 12;
    bool in_word = false;
    for (size_t k = s; k < e && words < limit; k++) {
        bool w = !is_ws(p[k]);
        if (w && !in_word)
            words++;
        in_word = w;
    }
    return words < limit;
}

static void finish_paras(builder *b)
{
    cd_doc *d = b->doc;
    const unsigned char *p = (const unsigned char *)b->p;
    size_t out = 0;
    for (size_t k = 0; k < d->n_paras; k++) {
        cd_para pa = d->paras[k];
        while (pa.start < pa.end && is_ws(p[pa.start]))
            pa.start++;
        while (pa.end > pa.start && is_ws(p[pa.end - 1]))
            pa.end--;
        if (pa.end <= pa.start)
            continue; /* only markup: an image, a lone link definition */
        if (!d->markdown)
            pa.heading = plain_heading(b, pa.start, pa.end, out == 0);
        d->paras[out++] = pa;
    }
    d->n_paras = out;
}

/* ---- quotations (for sentence splitting) ------------------------------- */

enum { Q_NONE = 0, Q_DOUBLE_OPEN, Q_DOUBLE_CLOSE, Q_DOUBLE_STRAIGHT,
       Q_SINGLE_OPEN, Q_SINGLE_CLOSE, Q_SINGLE_STRAIGHT,
       Q_GUILL_OPEN, Q_GUILL_CLOSE };

static int quote_at(const unsigned char *p, size_t n, size_t i, size_t *len)
{
    unsigned char c = p[i];
    *len = 1;
    if (c == '"')
        return Q_DOUBLE_STRAIGHT;
    if (c == '\'')
        return Q_SINGLE_STRAIGHT;
    if (c == 0xC2 && i + 1 < n) {
        *len = 2;
        if (p[i + 1] == 0xAB)
            return Q_GUILL_OPEN;
        if (p[i + 1] == 0xBB)
            return Q_GUILL_CLOSE;
    }
    if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80) {
        *len = 3;
        switch (p[i + 2]) {
        case 0x9C: return Q_DOUBLE_OPEN;
        case 0x9D: return Q_DOUBLE_CLOSE;
        case 0x98: return Q_SINGLE_OPEN;
        case 0x99: return Q_SINGLE_CLOSE;
        default: break;
        }
    }
    return Q_NONE;
}

static void add_quote(builder *b, size_t open, size_t close_end)
{
    if (cd_grow((void **)&b->quotes, &b->quote_cap, b->n_quotes + 1,
                sizeof *b->quotes)) {
        b->oom = true;
        return;
    }
    b->quotes[b->n_quotes].start = open;
    b->quotes[b->n_quotes].end = close_end;
    b->n_quotes++;
}

static int span_cmp(const void *a, const void *b)
{
    const cd_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

#define NO_POS SIZE_MAX

/* Quotation pairing state for one paragraph. */
typedef struct qstate {
    size_t dbl, sgl, gui; /* open mark positions, NO_POS when none */
} qstate;

/* Pairs the quotation mark at p[i], if there is one, recording each
 * closed pair in b->quotes; returns the mark's length, or 0. An opener with
 * no closer in the paragraph (a multi-paragraph quote, a typo) yields
 * nothing, so it can never stop a sentence from being split. '’' and a
 * straight "'" inside a word are apostrophes; a "'" before a digit is an
 * elided year ('98). */
static size_t quote_step(builder *b, qstate *qs, size_t s, size_t e,
                         size_t i)
{
    const unsigned char *p = (const unsigned char *)b->p;
    size_t n = b->n;
    size_t len;
    int q = quote_at(p, n, i, &len);
    if (q == Q_NONE)
        return 0;
    uint32_t before = i > s ? cd_u8_decode_before(p, n, 0, i) : ' ';
    size_t al;
    uint32_t after = i + len < e ? cd_u8_decode(p, n, i + len, &al) : ' ';
    bool b_open = is_ws_cp(before) || before == '(' || before == '[' ||
                  before == 0x2014 || before == 0x2013 ||
                  before == 0x201C || before == '"';
    bool a_word = !is_ws_cp(after) && !is_punct_cp(after);
    switch (q) {
    case Q_DOUBLE_OPEN:
        qs->dbl = i;
        break;
    case Q_DOUBLE_CLOSE:
    case Q_DOUBLE_STRAIGHT:
        /* A straight mark after a space and before a word opens, even
           when one is open already (that one went unclosed). */
        if (qs->dbl != NO_POS &&
            (q == Q_DOUBLE_CLOSE || !(b_open && a_word))) {
            add_quote(b, qs->dbl, i + len);
            if (qs->sgl != NO_POS && qs->sgl > qs->dbl)
                qs->sgl = NO_POS;
            qs->dbl = NO_POS;
        } else if (q == Q_DOUBLE_STRAIGHT) {
            qs->dbl = i;
        }
        break;
    case Q_GUILL_OPEN:
        qs->gui = i;
        break;
    case Q_GUILL_CLOSE:
        if (qs->gui != NO_POS)
            add_quote(b, qs->gui, i + len);
        qs->gui = NO_POS;
        break;
    default: /* single marks */
        if (qs->sgl != NO_POS && q != Q_SINGLE_OPEN && !is_ws_cp(before) &&
            !a_word) {
            add_quote(b, qs->sgl, i + len);
            qs->sgl = NO_POS;
        } else if (q != Q_SINGLE_CLOSE && b_open &&
                   (a_word || after == 0x2026) &&
                   !(after < 0x80 && is_digit((unsigned char)after))) {
            qs->sgl = i;
        }
        break;
    }
    return len;
}

/* Leaves the union of the recorded quoted intervals, sorted, in
 * b->quotes (a single quotation nested in a double one closes first). */
static void merge_quotes(builder *b)
{
    if (b->n_quotes < 2)
        return;
    qsort(b->quotes, b->n_quotes, sizeof *b->quotes, span_cmp);
    size_t out = 0;
    for (size_t k = 1; k < b->n_quotes; k++) {
        if (b->quotes[k].start < b->quotes[out].end) {
            if (b->quotes[k].end > b->quotes[out].end)
                b->quotes[out].end = b->quotes[k].end;
        } else {
            b->quotes[++out] = b->quotes[k];
        }
    }
    b->n_quotes = out + 1;
}

/* ---- sentences --------------------------------------------------------- */

/* Abbreviations after which a period never ends a sentence: titles and
 * words that always take a following noun or number. */
static const char *const always_abbr[] = {
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Sen", "Sens", "Rep", "Reps", "Gov",
    "Gen", "Col", "Lt", "Sgt", "Capt", "Cpt", "Cmdr", "Adm", "Maj", "Brig",
    "Prof", "Rev", "Hon", "St", "Ste", "Mt", "Ft", "Pres", "Atty", "Supt",
    "Det", "Insp", "Gens", "Cpl", "Pvt", "Msgr", "Fr", "Messrs", "Mmes",
    "vs", "v", "No", "Nos", "Vol", "Fig", "pp", "p", "e.g", "i.e", "cf",
    "approx", "ca", "Ald", "Assn", "Dept",
};

/* Abbreviations that also end sentences ("moved to the U.S. The next
 * year..."): split only when a typical sentence opener follows. Single
 * capitals (initials) and dotted acronyms are handled the same way. */
static const char *const maybe_abbr[] = {
    "U.S", "U.K", "U.N", "E.U", "D.C", "a.m", "p.m", "Jr", "Sr", "Inc",
    "Corp", "Co", "Ltd", "Bros", "etc", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ala", "Ariz",
    "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
    "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont",
    "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash",
    "Wis", "Wyo", "Ave", "Blvd", "Rd", "Hwy", "Mass", "Univ", "Dist",
};

static const char *const openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But",
    "And", "In", "On", "At", "This", "That", "These", "Those", "His",
    "Her", "Its", "Their", "Our", "My", "There", "When", "While", "After",
    "Before", "If", "As", "So", "Yet", "Or", "Now", "Then", "However",
    "Also", "For", "With", "What", "Why", "How", "Who", "Some", "Many",
    "Most", "All", "One", "Two", "Both", "Each", "Last", "Next", "Earlier",
    "Later", "Meanwhile", "According", "Since", "Although", "Officials",
    "Police", "By", "From", "Under", "No", "Not", "Still", "Instead",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The three lists above, hashed once per process: abbreviation() runs at
 * every full stop that may end a sentence, and scanning the lists there
 * cost more than all the rest of the sentence splitter. */
enum { W_ALWAYS = 1, W_MAYBE = 2, W_OPENER = 4 };
#define WSET_WORDS (COUNT(always_abbr) + COUNT(maybe_abbr) + COUNT(openers))
static cd_wordset_slot wset_slots[CD_WORDSET_SLOTS(WSET_WORDS)];
static cd_wordset wset = {wset_slots, COUNT(wset_slots) - 1};
static pthread_once_t wset_once = PTHREAD_ONCE_INIT;
_Static_assert(WSET_WORDS < COUNT(wset_slots) / 2,
               "the word set must stay under half full");

static void wset_add(const char *const *list, size_t count, unsigned flag)
{
    for (size_t i = 0; i < count; i++)
        cd_wordset_add(&wset, list[i], strlen(list[i]), flag);
}

static void wset_build(void)
{
    wset_add(always_abbr, COUNT(always_abbr), W_ALWAYS);
    wset_add(maybe_abbr, COUNT(maybe_abbr), W_MAYBE);
    wset_add(openers, COUNT(openers), W_OPENER);
}

/* The lists (W_*) that hold exactly w[0..len), case-sensitively. */
static unsigned word_lists(const unsigned char *w, size_t len)
{
    return cd_wordset_get(&wset, (const char *)w, len);
}

/* "U.S", "N.Y", "J.K": single letters joined by periods. */
static bool dotted_letters(const unsigned char *w, size_t len)
{
    if (len < 3)
        return false;
    for (size_t k = 0; k < len; k++) {
        if (k % 2 == 0 ? !is_alpha_ascii(w[k]) : w[k] != '.')
            return false;
    }
    return len % 2 == 1;
}

/* The period at p[dot] ends an abbreviation rather than a sentence. nx is
 * where the next sentence would start. */
static bool abbreviation(const unsigned char *p, size_t s, size_t dot,
                         size_t nx, size_t e)
{
    size_t w = dot;
    while (w > s && !is_ws(p[w - 1]) && p[w - 1] != '(' && p[w - 1] != '[' &&
           p[w - 1] != '"' && p[w - 1] < 0x80)
        w--;
    size_t len = dot - w;
    if (len == 0)
        return false;
    unsigned lists = word_lists(p + w, len);
    if (lists & W_ALWAYS)
        return true;
    bool maybe = (lists & W_MAYBE) || (len == 1 && is_upper_ascii(p[w])) ||
                 dotted_letters(p + w, len);
    if (!maybe)
        return false;
    if (is_digit(p[nx]))
        return true; /* "Jan. 5", "No. 3" */
    size_t k = nx;
    while (k < e && is_alpha_ascii(p[k]))
        k++;
    if (k == nx)
        return false; /* an opening quote: a new sentence */
    return !(word_lists(p + nx, k - nx) & W_OPENER);
}

/* Can a sentence start at p[i]? Capital, digit, or an opening mark. */
static bool sentence_start(const unsigned char *p, size_t n, size_t i)
{
    unsigned char c = p[i];
    if (is_upper_ascii(c) || is_digit(c) || c == '"' || c == '\'' ||
        c == '(' || c == '[')
        return true;
    if (c < 0x80)
        return false;
    size_t len;
    uint32_t cp = cd_u8_decode(p, n, i, &len);
    return is_upper_cp(cp) || cp == 0x201C || cp == 0x2018 || cp == 0xAB ||
           cp == 0xBF || cp == 0xA1;
}

static size_t terminator_at(const unsigned char *p, size_t n, size_t i)
{
    unsigned char c = p[i];
    if (c == '.' || c == '?' || c == '!')
        return 1;
    if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0xA6)
        return 3; /* … */
    return 0;
}

/* One pass over the paragraph pairs quotation marks and collects
 * candidate breaks (terminator, closing marks, whitespace, a capital);
 * candidates inside a quotation that closes later are then dropped, which
 * needs the whole paragraph's pairs first. */
static void split_sentences(builder *b, size_t para)
{
    const unsigned char *p = (const unsigned char *)b->p;
    size_t n = b->n;
    cd_para *pa = &b->doc->paras[para];
    size_t s = pa->start, e = pa->end;
    pa->sent_first = b->doc->n_sents;
    b->n_quotes = 0;
    b->n_cands = 0;
    qstate qs = {NO_POS, NO_POS, NO_POS};

    for (size_t i = s; i < e;) {
        i = cd_scan_to(p, i, e, sent_lanes, byte_class, B_SENT | B_QUOTE);
        if (i >= e)
            break;
        unsigned char cls = byte_class[p[i]] & (B_SENT | B_QUOTE);
        if (cls & B_QUOTE) {
            size_t ql = quote_step(b, &qs, s, e, i);
            if (ql) {
                i += ql;
                continue;
            }
        }
        size_t tl = (cls & B_SENT) ? terminator_at(p, n, i) : 0;
        if (!tl) {
            i++;
            continue;
        }
        size_t j = i, terms = 0;
        while (j < e && (tl = terminator_at(p, n, j)) != 0) {
            j += tl;
            terms++;
        }
        /* Closing marks stay with the sentence; they are scanned again
           from j so that quote pairing sees them. */
        size_t k = j, cl;
        while (k < e && (cl = closer_at(p, n, k)) != 0)
            k += cl;
        size_t m = k;
        while (m < e && is_ws(p[m]))
            m++;
        if (m > k && m < e && sentence_start(p, n, m) &&
            !(terms == 1 && p[i] == '.' && abbreviation(p, s, i, m, e))) {
            if (cd_grow((void **)&b->cands, &b->cand_cap, b->n_cands + 1,
                        sizeof *b->cands)) {
                b->oom = true;
                return;
            }
            b->cands[b->n_cands].term = i;
            b->cands[b->n_cands].end = k;
            b->cands[b->n_cands].next = m;
            b->n_cands++;
        }
        i = j;
    }

    merge_quotes(b);
    size_t qi = 0;
    for (size_t c = 0; c < b->n_cands; c++) {
        const cand *cd = &b->cands[c];
        while (qi < b->n_quotes && b->quotes[qi].end <= cd->end)
            qi++;
        /* Inside a quotation that closes later in the paragraph: the
           quotation and its attribution stay one sentence. */
        if (qi < b->n_quotes && b->quotes[qi].start < cd->term)
            continue;
        add_sent(b, s, cd->end, para);
        s = cd->next;
    }
    if (s < e)
        add_sent(b, s, e, para);
    pa->sent_count = b->doc->n_sents - pa->sent_first;
}

/* ---- public API -------------------------------------------------------- */

int cd_doc_init(cd_doc *doc, const char *text, size_t len, bool markdown)
{
    pthread_once(&wset_once, wset_build);
    memset(doc, 0, sizeof *doc);
    static const char empty[] = "";
    if (!text)
        text = empty, len = 0;
    doc->text = text;
    doc->len = len;
    doc->markdown = markdown;
    doc->prose = malloc(len + 1);
    if (!doc->prose)
        return -1;
    if (len)
        memcpy(doc->prose, text, len);
    doc->prose[len] = '\0';

    builder b;
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.t = (const unsigned char *)text;
    b.p = doc->prose;
    b.n = len;

    size_t body = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        blank(doc->prose, 0, 3); /* byte order mark */
        body = 3;
    }
    body = front_matter(&b, body);

    if (markdown)
        md_blocks(&b, body);
    else
        plain_blocks(&b, body);

    for (size_t k = 0; k < doc->n_paras && !b.oom; k++) {
        if (markdown)
            md_inline(&b, doc->paras[k].start, doc->paras[k].end);
        else
            plain_inline(&b, doc->paras[k].start, doc->paras[k].end);
    }
    if (!b.oom)
        finish_paras(&b);
    for (size_t k = 0; k < doc->n_paras && !b.oom; k++)
        split_sentences(&b, k);

    free(b.quotes);
    free(b.cands);
    if (b.oom) {
        cd_doc_destroy(doc);
        return -1;
    }
    return 0;
}

void cd_doc_destroy(cd_doc *doc)
{
    if (!doc)
        return;
    free(doc->prose);
    free(doc->paras);
    free(doc->sents);
    free(doc->comments);
    memset(doc, 0, sizeof *doc);
}

size_t cd_doc_para_at(const cd_doc *doc, size_t offset)
{
    size_t lo = 0, hi = doc->n_paras;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->paras[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < doc->n_paras && doc->paras[lo].start <= offset)
        return lo;
    return doc->n_paras;
}

size_t cd_doc_sent_at(const cd_doc *doc, size_t offset)
{
    size_t lo = 0, hi = doc->n_sents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->sents[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < doc->n_sents && doc->sents[lo].start <= offset)
        return lo;
    return doc->n_sents;
}

bool cd_doc_front_matter(const cd_doc *doc, const char *key, size_t *start,
                         size_t *end)
{
    if (doc->fm_end <= doc->fm_start || !key)
        return false;
    const unsigned char *t = (const unsigned char *)doc->text;
    size_t klen = strlen(key);
    size_t ls = line_end(t, doc->fm_end, doc->fm_start) + 1; /* after "---" */
    while (ls < doc->fm_end) {
        size_t le = line_end(t, doc->fm_end, ls);
        if (le - ls > klen && memcmp(t + ls, key, klen) == 0 &&
            t[ls + klen] == ':') {
            size_t vs = ls + klen + 1, ve = le;
            while (vs < ve && is_ws(t[vs]))
                vs++;
            if (vs < ve && (t[vs] == '"' || t[vs] == '\'')) {
                const unsigned char *q = memchr(t + vs + 1, t[vs], ve - vs - 1);
                if (q) {
                    *start = vs + 1;
                    *end = (size_t)(q - t);
                    return true;
                }
            }
            /* Unquoted: a " #" starts a YAML comment. */
            for (size_t k = vs; k + 1 < ve; k++)
                if (is_ws(t[k]) && t[k + 1] == '#') {
                    ve = k;
                    break;
                }
            ve = trim_end(t, vs, ve);
            *start = vs;
            *end = ve;
            return true;
        }
        ls = le + 1;
    }
    return false;
}
