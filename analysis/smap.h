/* A string-keyed hash map giving each distinct key a dense id (0, 1, 2,
 * ... in insertion order), for the names rules (analysis/names.c).
 *
 * Open addressing with linear probing. A slot holds the key's head (its
 * first seven bytes and its length) and hash next to the id, so a probe
 * for a word of up to seven letters, most of them, touches one cache line
 * and no per-id array. Keys are copied into one growing buffer, each
 * NUL-terminated.
 *
 * The lookup is inline: the tokenizer calls it for every word of a
 * document, with the head and hash it computed while scanning. Ids do not
 * depend on the hash function, so nothing a rule reports does either. */
#ifndef COPYDESK_SMAP_H
#define COPYDESK_SMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "analysis/scan.h"

typedef struct cd_slot {
    uint64_t head; /* cd_key_head() */
    uint32_t hash; /* cd_key_hash() */
    uint32_t id1;  /* id + 1; 0 = empty */
} cd_slot;

/* Owns slots, off, klen and buf (cd_smap_free). A zeroed struct is an
 * empty map. */
typedef struct cd_smap {
    cd_slot *slots;
    size_t cap;      /* power of two */
    size_t *off;     /* per id: key offset in buf */
    uint32_t *klen;  /* per id: key length */
    size_t n, ncap;
    char *buf;
    size_t blen, bcap;
} cd_smap;

/* The first seven bytes of a key, zero-padded, and its length (capped at
 * 255) in the eighth: equal heads mean equal keys up to seven bytes. */
static inline uint64_t cd_key_head(const char *k, size_t n)
{
    uint64_t h = (uint64_t)(n < 255 ? n : 255) << 56;
    size_t m = n < 7 ? n : 7;
    for (size_t i = 0; i < m; i++) /* no variable-length memcpy call */
        h |= (uint64_t)(unsigned char)k[i] << (8 * i);
    return h;
}

/* cd_key_head(k, n) with one eight-byte load when the caller can read eight
 * bytes at k (k + 8 <= readable_end): the tokenizer's words lie inside a
 * NUL-terminated buffer, nearly always well before its end. */
static inline uint64_t cd_key_head_at(const char *k, size_t n,
                                      const char *readable_end)
{
    if (readable_end - k < 8)
        return cd_key_head(k, n);
    uint64_t w = cd_swar_load((const unsigned char *)k);
    size_t m = n < 7 ? n : 7;
    w &= ((uint64_t)1 << (8 * m)) - 1;
    return w | (uint64_t)(n < 255 ? n : 255) << 56;
}

/* A 64-bit mixer, one multiply: the first shift brings the high bytes
 * (the head's last letters and its length) down so that the product's
 * middle bits depend on every input bit; the second brings those bits
 * into the low ones that pick a slot. */
static inline uint64_t cd_smap_mix(uint64_t x)
{
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9u;
    x ^= x >> 32;
    return x;
}

/* The hash of key k (n bytes) whose head is head: the head, then the
 * bytes after it eight at a time. A word costs one or two mixes instead
 * of a multiply per byte. */
static inline uint32_t cd_key_hash(uint64_t head, const char *k, size_t n)
{
    uint64_t h = cd_smap_mix(head);
    for (size_t i = 7; i < n; i += 8) {
        uint64_t w = 0;
        size_t m = n - i < 8 ? n - i : 8;
        for (size_t b = 0; b < m; b++)
            w |= (uint64_t)(unsigned char)k[i + b] << (8 * b);
        h = cd_smap_mix(h ^ w);
    }
    return (uint32_t)h;
}

/* Keys are mostly short words: compare them inline rather than through
 * a library call. */
static inline bool cd_smap_key_eq(const char *a, const char *b, size_t n)
{
    if (n > 16)
        return memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* The id of key k (n bytes, with head and hash from cd_key_head and
 * cd_key_hash), or -1 when absent. Only the bytes after the head are read
 * from k, so a caller may pass text whose first byte differs from the key
 * (a capital) as long as the head is the key's. */
static inline long cd_smap_find(const cd_smap *m, const char *k, size_t n,
                             uint64_t head, uint32_t h)
{
    if (!m->cap)
        return -1;
    size_t i = h & (m->cap - 1);
    const cd_slot *sl;
    while ((sl = &m->slots[i])->id1 != 0) {
        if (sl->hash == h && sl->head == head) {
            uint32_t id = sl->id1 - 1;
            if (n <= 7 ||
                (m->klen[id] == n &&
                 cd_smap_key_eq(m->buf + m->off[id] + 7, k + 7, n - 7)))
                return id;
        }
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

/* The key of id (NUL-terminated) and its length. */
static inline const char *cd_smap_key(const cd_smap *m, uint32_t id,
                                   size_t *len)
{
    *len = m->klen[id];
    return m->buf + m->off[id];
}

/* Adds key k, which must be absent (cd_smap_find), with its head and hash.
 * Returns its id, or -1 when out of memory. */
long cd_smap_add(cd_smap *m, const char *k, size_t n, uint64_t head,
              uint32_t h);

/* Makes room for n keys in all (of eight bytes on average) without
 * growing the slot table, which would rehash every key, or the arrays.
 * Returns 0, or -1 when out of memory. */
int cd_smap_reserve(cd_smap *m, size_t n);

/* Finds key k; adds it when add is true. Returns the id, or -1 when
 * absent (or out of memory). */
long cd_smap_get(cd_smap *m, const char *k, size_t n, bool add);

/* Frees what m owns and leaves it empty. */
void cd_smap_free(cd_smap *m);

#endif
