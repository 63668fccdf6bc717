/* Suppression comments (SPEC §2): the author's own "not this one".
 *
 *   <!-- copydesk-disable-next-line CODE... -->   the line after the comment
 *   <!-- copydesk-disable CODE... -->  ...  <!-- copydesk-enable CODE... -->
 *
 * and the same words after "#" or "//" on a line of their own in plain
 * text (the text model collects both kinds as doc->comments). No code
 * means every code. Unknown codes are ignored, so a typo silences nothing
 * rather than everything. */
#include <stdlib.h>
#include <string.h>

#include "analysis/rules.h"

typedef unsigned code_mask; /* bit i = cd_code i */
#define ALL_CODES ((code_mask)((1u << CD_CODE_COUNT) - 1))

enum directive { D_NONE, D_NEXT_LINE, D_DISABLE, D_ENABLE };

static bool word_is(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(p, w, n) == 0;
}

/* Reads the directive and its codes from one comment's bytes. */
static enum directive parse(const char *s, size_t n, code_mask *mask)
{
    const char *p = s, *end = s + n;
    /* the comment's own marks: "<!--" ... "-->", "#", "//" */
    while (p < end && (*p == '<' || *p == '!' || *p == '-' || *p == '#' || *p == '/' ||
                       *p == ' ' || *p == '\t'))
        p++;
    if (end - p >= 3 && memcmp(end - 3, "-->", 3) == 0)
        end -= 3;
    enum directive d = D_NONE;
    code_mask m = 0;
    bool named = false;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' || *p == '\r'))
            p++;
        const char *w = p;
        while (p < end && !(*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' || *p == '\r'))
            p++;
        size_t wn = (size_t)(p - w);
        if (wn == 0)
            break;
        if (d == D_NONE) {
            if (word_is(w, wn, "copydesk-disable-next-line"))
                d = D_NEXT_LINE;
            else if (word_is(w, wn, "copydesk-disable"))
                d = D_DISABLE;
            else if (word_is(w, wn, "copydesk-enable"))
                d = D_ENABLE;
            else
                return D_NONE; /* an ordinary comment */
            continue;
        }
        named = true;
        char code[64];
        if (wn < sizeof code) {
            memcpy(code, w, wn);
            code[wn] = '\0';
            int c = cd_code_from_name(code);
            if (c >= 0)
                m |= 1u << c;
        }
    }
    *mask = named ? m : ALL_CODES;
    return d;
}

/* Byte range [start, end] of the line after the one holding offset. */
static void next_line(const cd_doc *doc, size_t offset, size_t *start, size_t *end)
{
    const char *nl = memchr(doc->text + offset, '\n', doc->len - offset);
    size_t s = nl ? (size_t)(nl - doc->text) + 1 : doc->len;
    const char *nl2 = s < doc->len ? memchr(doc->text + s, '\n', doc->len - s) : NULL;
    *start = s;
    *end = nl2 ? (size_t)(nl2 - doc->text) : doc->len;
}

void cd_suppress_apply(const cd_doc *doc, cd_result *r)
{
    if (doc->n_comments == 0 || r->count == 0)
        return;
    /* Findings are sorted by start and comments are in text order, so one
       pass keeps the disabled set current. */
    code_mask disabled = 0;
    size_t ci = 0, out = 0;
    /* Pending next-line windows (few: kept in a small ring). */
    enum { MAXW = 64 };
    struct { size_t start, end; code_mask mask; } win[MAXW];
    size_t nwin = 0;
    for (size_t i = 0; i < r->count; i++) {
        cd_finding *f = &r->items[i];
        while (ci < doc->n_comments && doc->comments[ci].start <= f->start) {
            const cd_span *c = &doc->comments[ci++];
            code_mask m;
            switch (parse(doc->text + c->start, c->end - c->start, &m)) {
            case D_NEXT_LINE:
                if (nwin == MAXW) { /* drop the oldest window */
                    memmove(win, win + 1, (MAXW - 1) * sizeof win[0]);
                    nwin--;
                }
                next_line(doc, c->end > c->start ? c->end - 1 : c->end, &win[nwin].start,
                          &win[nwin].end);
                win[nwin++].mask = m;
                break;
            case D_DISABLE:
                disabled |= m;
                break;
            case D_ENABLE:
                disabled &= ~m;
                break;
            case D_NONE:
                break;
            }
        }
        code_mask bit = 1u << f->code;
        bool off = (disabled & bit) != 0;
        for (size_t w = 0; w < nwin && !off; w++)
            off = f->start >= win[w].start && f->start <= win[w].end && (win[w].mask & bit);
        if (off) {
            cd_finding_release(f);
            continue;
        }
        r->items[out++] = *f;
    }
    r->count = out;
}
