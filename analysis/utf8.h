/* UTF-8 decoding for the text model and the rules, which read characters
 * one at a time where a byte is not ASCII. Internal to analysis/.
 *
 * The analysed text is valid UTF-8 (cd_utf8_sanitize, analysis/utf8.c,
 * repairs it first), so these do not validate; they only never read
 * outside s[0..n): a byte that cannot start a character, or a sequence cut
 * short, decodes as U+FFFD of length 1. */
#ifndef COPYDESK_UTF8_H
#define COPYDESK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The character at s[i] (i < n); *len gets its size in bytes. */
static inline uint32_t cd_u8_decode(const unsigned char *s, size_t n,
                                    size_t i, size_t *len)
{
    unsigned char c = s[i];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (k == 0 || i + k > n) {
        *len = 1;
        return 0xFFFD;
    }
    uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
    for (size_t j = 1; j < k; j++) {
        if ((s[i + j] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    *len = k;
    return cp;
}

/* The character ending just before s[i], found without stepping back
 * past s[lo]; ' ' when i <= lo. */
static inline uint32_t cd_u8_decode_before(const unsigned char *s, size_t n,
                                           size_t lo, size_t i)
{
    if (i <= lo)
        return ' ';
    size_t j = i - 1, len;
    while (j > lo && i - j < 4 && (s[j] & 0xC0) == 0x80)
        j--;
    uint32_t cp = cd_u8_decode(s, n, j, &len);
    return j + len == i ? cp : 0xFFFD;
}

#endif
