/* Byte scanning shared by the text model and the rules. The bulk of any
 * text is ASCII letters, digits and spaces; a scanner that looks for
 * something else steps over them eight bytes at a time, a 64-bit word
 * taken as eight byte lanes ("SWAR"), instead of one mispredicted branch
 * per word. Internal to analysis/. */
#ifndef COPYDESK_SCAN_H
#define COPYDESK_SCAN_H

#include <stddef.h>
#include <stdint.h>

static inline int cd_is_ascii_alnum(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26 ||
           (unsigned char)(c - '0') < 10;
}

/* ---- byte tables ------------------------------------------------------- */

/* Designated initialisers that set every ASCII digit, or letter, of a
 * byte table to v: the tokenizers' tables list them once, here. */
#define CD_BYTES_DIGITS(v)                                                 \
    ['0'] = (v), ['1'] = (v), ['2'] = (v), ['3'] = (v), ['4'] = (v),       \
    ['5'] = (v), ['6'] = (v), ['7'] = (v), ['8'] = (v), ['9'] = (v)
#define CD_BYTES_LOWER(v)                                                  \
    ['a'] = (v), ['b'] = (v), ['c'] = (v), ['d'] = (v), ['e'] = (v),       \
    ['f'] = (v), ['g'] = (v), ['h'] = (v), ['i'] = (v), ['j'] = (v),       \
    ['k'] = (v), ['l'] = (v), ['m'] = (v), ['n'] = (v), ['o'] = (v),       \
    ['p'] = (v), ['q'] = (v), ['r'] = (v), ['s'] = (v), ['t'] = (v),       \
    ['u'] = (v), ['v'] = (v), ['w'] = (v), ['x'] = (v), ['y'] = (v),       \
    ['z'] = (v)
#define CD_BYTES_UPPER(v)                                                  \
    ['A'] = (v), ['B'] = (v), ['C'] = (v), ['D'] = (v), ['E'] = (v),       \
    ['F'] = (v), ['G'] = (v), ['H'] = (v), ['I'] = (v), ['J'] = (v),       \
    ['K'] = (v), ['L'] = (v), ['M'] = (v), ['N'] = (v), ['O'] = (v),       \
    ['P'] = (v), ['Q'] = (v), ['R'] = (v), ['S'] = (v), ['T'] = (v),       \
    ['U'] = (v), ['V'] = (v), ['W'] = (v), ['X'] = (v), ['Y'] = (v),       \
    ['Z'] = (v)
#define CD_BYTES_LETTERS(v) CD_BYTES_LOWER(v), CD_BYTES_UPPER(v)

/* ---- eight lanes ------------------------------------------------------- */

#define CD_SWAR_ONES 0x0101010101010101ull
#define CD_SWAR_HIGH 0x8080808080808080ull

/* p[0..8) with p[k] in lane k (bits 8k..8k+7) whatever the machine's byte
 * order; compilers turn this into one load. */
static inline uint64_t cd_swar_load(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
           (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

/* The high bit of each lane of x holding a byte strictly between lo and
 * hi (0 <= lo, hi <= 128), never of a lane whose own high bit is set. No
 * carry or borrow crosses a lane: every lane stays within 0..255 (the
 * "hasbetween" idiom of the well-known bit-twiddling collections). */
static inline uint64_t cd_swar_between(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t low7 = x & (CD_SWAR_ONES * 127);
    return (CD_SWAR_ONES * (127 + hi) - low7) & ~x &
           (low7 + CD_SWAR_ONES * (127 - lo)) & CD_SWAR_HIGH;
}

/* Lanes holding an ASCII byte in first..last, or equal to ASCII c (the
 * tests share their masking, so several of them cost little more than
 * one). */
static inline uint64_t cd_swar_range(uint64_t x, unsigned char first,
                                     unsigned char last)
{
    return cd_swar_between(x, first - 1u, last + 1u);
}

static inline uint64_t cd_swar_eq(uint64_t x, unsigned char c)
{
    return cd_swar_between(x, c - 1u, c + 1u);
}

/* Lanes holding a byte of 0x80 or above (UTF-8 lead and tail bytes). */
static inline uint64_t cd_swar_high(uint64_t x)
{
    return x & CD_SWAR_HIGH;
}

/* Lanes holding an ASCII letter or digit. */
static inline uint64_t cd_swar_alnum(uint64_t x)
{
    return cd_swar_range(x | (CD_SWAR_ONES * 0x20), 'a', 'z') |
           cd_swar_range(x, '0', '9');
}

/* The first lane whose high bit is set in lanes, or 8 when none is. */
static inline size_t cd_swar_first(uint64_t lanes)
{
    if (!lanes)
        return 8;
#if defined(__GNUC__)
    return (size_t)__builtin_ctzll(lanes) / 8;
#else
    size_t k = 0;
    while (!(lanes & 0x80))
        lanes >>= 8, k++;
    return k;
#endif
}

/* ---- runs and searches ------------------------------------------------- */

/* End of the run of ASCII letters and digits starting at p[i] (i <= end).
 * Most words fit in one eight-byte step. */
static inline size_t cd_alnum_run(const unsigned char *p, size_t i,
                                  size_t end)
{
    while (end - i >= 8) {
        size_t k = cd_swar_first(~cd_swar_alnum(cd_swar_load(p + i)) &
                                 CD_SWAR_HIGH);
        if (k < 8)
            return i + k;
        i += 8;
    }
    while (i < end && cd_is_ascii_alnum(p[i]))
        i++;
    return i;
}

/* The first i' >= i where table[p[i']] & mask is set, or end. lanes(x)
 * must flag at least every such byte of an eight-byte word (it may flag
 * more: the byte found is checked against the table before it is
 * returned). With lanes and table constant, the compiler inlines the
 * whole search into its caller. */
static inline size_t cd_scan_to(const unsigned char *p, size_t i, size_t end,
                                uint64_t (*lanes)(uint64_t),
                                const unsigned char *table, unsigned mask)
{
    while (end - i >= 8) {
        size_t k = cd_swar_first(lanes(cd_swar_load(p + i)));
        if (k == 8) {
            i += 8;
            continue;
        }
        i += k;
        if (table[p[i]] & mask)
            return i;
        i++;
    }
    while (i < end && !(table[p[i]] & mask))
        i++;
    return i;
}

#endif
