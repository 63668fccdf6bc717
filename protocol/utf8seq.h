/* The one test for a well-formed UTF-8 sequence that protocol/ uses:
 * positions count characters with it, the JSON writer and JSON-RPC error
 * replies replace what fails it. Unicode Table 3-7: no overlongs, no
 * surrogates, nothing above U+10FFFF; a sequence cut by the end of the
 * buffer fails. */
#ifndef COPYDESK_UTF8SEQ_H
#define COPYDESK_UTF8SEQ_H

#include <stddef.h>

/* Length of the well-formed sequence at s[0..n) (n >= 1), or 0. */
static inline size_t cd_utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80; /* below: overlong */
        hi = c == 0xED ? 0x9F : 0xBF; /* above: surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80; /* below: overlong */
        hi = c == 0xF4 ? 0x8F : 0xBF; /* above: > U+10FFFF */
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if (s[k] < 0x80 || s[k] > 0xBF)
            return 0;
    return len;
}

#endif
