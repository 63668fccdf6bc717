/* A set of words, each with flags: the word lists of the text model and
 * the rules, hashed so that looking a word up costs one hash and nearly
 * always one probe, where scanning a list cost a compare per entry.
 * Internal to analysis/.
 *
 * Open addressing with linear probing. The caller owns the slots (for a
 * built-in list, a static array filled once per process under
 * pthread_once, since check's --jobs threads analyse at once; never
 * written after that) and keeps them under half full. The words are
 * borrowed and must outlive the set. Words are compared byte for byte: a
 * caller that ignores case folds the word before looking it up. */
#ifndef COPYDESK_WORDSET_H
#define COPYDESK_WORDSET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct cd_wordset_slot {
    const char *w;  /* borrowed; NULL: an empty slot */
    uint32_t len;
    uint32_t flags; /* the union of the flags the word was added with */
} cd_wordset_slot;

typedef struct cd_wordset {
    cd_wordset_slot *slot; /* borrowed, zeroed before the first add */
    size_t mask;           /* the number of slots less one: a power of two */
} cd_wordset;

/* A number of slots that holds n words under half full: a power of two
 * above 2n (a constant expression, for static arrays). */
#define CD_WORDSET_SLOTS(n)                                               \
    ((n) < 8 ? 16 : (n) < 16 ? 32 : (n) < 32 ? 64 : (n) < 64 ? 128        \
     : (n) < 128 ? 256 : (n) < 256 ? 512 : 1024)

/* FNV-1a, a byte at a time, so that a caller can hash a word while it
 * folds it, or carry the hash of a prefix on to longer words. */
#define CD_WORD_HASH_INIT 2166136261u

static inline uint32_t cd_word_hash_byte(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
}

static inline uint32_t cd_word_hash_more(uint32_t h, const char *w, size_t n)
{
    for (size_t k = 0; k < n; k++)
        h = cd_word_hash_byte(h, (unsigned char)w[k]);
    return h;
}

/* The flags of w[0..n), whose hash is h (cd_word_hash_more from
 * CD_WORD_HASH_INIT); 0 when it is not in the set. */
static inline uint32_t cd_wordset_get_h(const cd_wordset *set, const char *w,
                                        size_t n, uint32_t h)
{
    for (size_t k = h & set->mask; set->slot[k].w; k = (k + 1) & set->mask) {
        const cd_wordset_slot *sl = &set->slot[k];
        if (sl->len != n)
            continue;
        /* Short words: a loop the compiler keeps inline, where memcmp
           with a variable length is a call. */
        size_t i = 0;
        while (i < n && sl->w[i] == w[i])
            i++;
        if (i == n)
            return sl->flags;
    }
    return 0;
}

static inline uint32_t cd_wordset_get(const cd_wordset *set, const char *w,
                                      size_t n)
{
    return cd_wordset_get_h(set, w, n,
                            cd_word_hash_more(CD_WORD_HASH_INIT, w, n));
}

/* Adds w[0..n) with flags, or adds flags to the word's when it is there. */
static inline void cd_wordset_add(cd_wordset *set, const char *w, size_t n,
                                  uint32_t flags)
{
    for (size_t k = cd_word_hash_more(CD_WORD_HASH_INIT, w, n) & set->mask;;
         k = (k + 1) & set->mask) {
        cd_wordset_slot *sl = &set->slot[k];
        if (!sl->w) {
            *sl = (cd_wordset_slot){w, (uint32_t)n, flags};
            return;
        }
        if (sl->len == n && memcmp(sl->w, w, n) == 0) {
            sl->flags |= flags;
            return;
        }
    }
}

#endif
