/* Byte scanning shared by the rules' tokenizers (dates.c, quotes.c):
 * runs of ASCII letters and digits, the bulk of any text, eight bytes at a
 * time. Internal to analysis/. */
#ifndef COPYDESK_SCAN_H
#define COPYDESK_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline int cd_is_ascii_alnum(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26 ||
           (unsigned char)(c - '0') < 10;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CD_SWAR_ONES 0x0101010101010101ull
#define CD_SWAR_HIGH 0x8080808080808080ull

/* The high bit of each byte of x that lies strictly between lo and hi
 * (0 <= lo, hi <= 128), never for a byte with its own high bit set. No
 * carry or borrow crosses a byte: every lane stays within 0..255 (the
 * "hasbetween" idiom of the well-known bit-twiddling collections). */
static inline uint64_t cd_swar_between(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t low7 = x & (CD_SWAR_ONES * 127);
    return (CD_SWAR_ONES * (127 + hi) - low7) & ~x &
           (low7 + CD_SWAR_ONES * (127 - lo)) & CD_SWAR_HIGH;
}

/* End of the run of ASCII letters and digits starting at p[i] (i <= end).
 * Most words fit in one eight-byte step, so a word costs a predictable
 * branch rather than a mispredicted loop exit. */
static inline size_t cd_alnum_run(const unsigned char *p, size_t i,
                                  size_t end)
{
    while (end - i >= 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        uint64_t alnum =
            cd_swar_between(x | (CD_SWAR_ONES * 0x20), 'a' - 1, 'z' + 1) |
            cd_swar_between(x, '0' - 1, '9' + 1);
        uint64_t stop = ~alnum & CD_SWAR_HIGH;
        if (stop) /* little-endian: the lowest set bit is the first byte */
            return i + (size_t)__builtin_ctzll(stop) / 8;
        i += 8;
    }
    while (i < end && cd_is_ascii_alnum(p[i]))
        i++;
    return i;
}
#else
static inline size_t cd_alnum_run(const unsigned char *p, size_t i,
                                  size_t end)
{
    while (i < end && cd_is_ascii_alnum(p[i]))
        i++;
    return i;
}
#endif

#endif
