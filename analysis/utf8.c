/* UTF-8 validation and repair (RFC 3629 / Unicode §3.9).
 *
 * Strict: overlong forms, UTF-16 surrogates (U+D800..U+DFFF) and code
 * points above U+10FFFF are invalid. Repair follows the Unicode "maximal
 * subpart" practice, which is also what Python's errors="replace" does:
 * each maximal prefix of a well-formed sequence that is cut short, and each
 * byte that cannot start a sequence, becomes one U+FFFD. That keeps the
 * number of replacement characters predictable for clients that repair the
 * same bytes themselves. */
#include <stdlib.h>
#include <string.h>

#include "copydesk/analysis.h"

/* Examines the sequence at s[i] (i < len). Returns its length when it is a
 * well-formed character; otherwise stores the length of the maximal invalid
 * subpart (>= 1) in *bad and returns 0. */
static size_t utf8_step(const unsigned char *s, size_t len, size_t i,
                        size_t *bad)
{
    unsigned char b0 = s[i];
    if (b0 < 0x80)
        return 1;

    size_t need;              /* continuation bytes that must follow */
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        if (b0 == 0xE0)
            lo = 0xA0;        /* below: overlong */
        else if (b0 == 0xED)
            hi = 0x9F;        /* above: surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        if (b0 == 0xF0)
            lo = 0x90;        /* below: overlong */
        else if (b0 == 0xF4)
            hi = 0x8F;        /* above: > U+10FFFF */
    } else {
        *bad = 1;             /* 80..C1 (continuation, overlong lead), F5..FF */
        return 0;
    }

    size_t k = 1;
    for (; k <= need; k++) {
        if (i + k >= len) {
            *bad = k;         /* truncated at the end of input */
            return 0;
        }
        unsigned char c = s[i + k];
        unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (c < l || c > h) {
            *bad = k;         /* the valid prefix so far is one subpart */
            return 0;
        }
    }
    return need + 1;
}

bool cd_utf8_valid(const char *in, size_t len)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, bad;
    while (i < len) {
        /* ASCII fast path: most news copy is mostly ASCII. */
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_step(s, len, i, &bad);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

char *cd_utf8_sanitize(const char *in, size_t len, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)in;
    /* Pass 1: exact output size, so valid text costs one allocation of
       its own size rather than 3x. */
    size_t need = 0, i = 0, bad;
    bool repaired = false;
    while (i < len) {
        size_t n = s[i] < 0x80 ? 1 : utf8_step(s, len, i, &bad);
        if (n) {
            need += n;
            i += n;
        } else {
            need += 3;
            i += bad;
            repaired = true;
        }
    }
    char *out = malloc(need + 1);
    if (!out)
        return NULL;
    if (!repaired) {
        if (len)
            memcpy(out, in, len);
    } else {
        size_t o = 0;
        i = 0;
        while (i < len) {
            size_t n = s[i] < 0x80 ? 1 : utf8_step(s, len, i, &bad);
            if (n) {
                memcpy(out + o, s + i, n);
                o += n;
                i += n;
            } else {
                memcpy(out + o, "\xEF\xBF\xBD", 3);
                o += 3;
                i += bad;
            }
        }
    }
    out[need] = '\0';
    if (out_len)
        *out_len = need;
    return out;
}
