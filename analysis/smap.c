/* The string map's growth, insertion and copying (analysis/smap.h). */
#include <stdlib.h>
#include <string.h>

#include "analysis/smap.h"

void cd_smap_free(cd_smap *m)
{
    free(m->slots);
    free(m->off);
    free(m->klen);
    free(m->buf);
    memset(m, 0, sizeof *m);
}

/* Moves the slots into a table of cap slots: each slot carries its key's
 * head and hash, so no key is read again. */
static int smap_rehash(cd_smap *m, size_t cap)
{
    cd_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t s = 0; s < m->cap; s++) {
        const cd_slot *sl = &m->slots[s];
        if (!sl->id1)
            continue;
        size_t i = sl->hash & (cap - 1);
        while (slots[i].id1)
            i = (i + 1) & (cap - 1);
        slots[i] = *sl;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

/* Grows the per-id arrays to hold ncap ids. */
static int smap_grow_ids(cd_smap *m, size_t ncap)
{
    size_t *off = realloc(m->off, ncap * sizeof *off);
    if (!off)
        return -1;
    m->off = off;
    uint32_t *kl = realloc(m->klen, ncap * sizeof *kl);
    if (!kl)
        return -1;
    m->klen = kl;
    m->ncap = ncap;
    return 0;
}

/* Grows the key buffer to hold bcap bytes. */
static int smap_grow_buf(cd_smap *m, size_t bcap)
{
    char *b = realloc(m->buf, bcap);
    if (!b)
        return -1;
    m->buf = b;
    m->bcap = bcap;
    return 0;
}

int cd_smap_reserve(cd_smap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 64;
    while (cap < n * 2)
        cap *= 2;
    if (cap != m->cap && smap_rehash(m, cap) != 0)
        return -1;
    if (n > m->ncap && smap_grow_ids(m, n) != 0)
        return -1;
    /* Eight bytes a key: a word and its terminating NUL. */
    if (n * 8 > m->bcap && smap_grow_buf(m, n * 8) != 0)
        return -1;
    return 0;
}

long cd_smap_add(cd_smap *m, const char *k, size_t n, uint64_t head,
                 uint32_t h)
{
    /* At most half full: probes stay short. */
    if ((m->n + 1) * 2 > m->cap &&
        smap_rehash(m, m->cap ? m->cap * 2 : 64) != 0)
        return -1;
    if (m->n == m->ncap && smap_grow_ids(m, m->ncap ? m->ncap * 2 : 64) != 0)
        return -1;
    if (m->blen + n + 1 > m->bcap) {
        size_t bc = m->bcap ? m->bcap : 1024;
        while (bc < m->blen + n + 1)
            bc *= 2;
        if (smap_grow_buf(m, bc) != 0)
            return -1;
    }
    memcpy(m->buf + m->blen, k, n);
    m->buf[m->blen + n] = '\0';
    uint32_t id = (uint32_t)m->n++;
    m->off[id] = m->blen;
    m->klen[id] = (uint32_t)n;
    m->blen += n + 1;
    size_t i = h & (m->cap - 1);
    while (m->slots[i].id1)
        i = (i + 1) & (m->cap - 1);
    m->slots[i].head = head;
    m->slots[i].hash = h;
    m->slots[i].id1 = id + 1;
    return id;
}

long cd_smap_get(cd_smap *m, const char *k, size_t n, bool add)
{
    uint64_t head = cd_key_head(k, n);
    uint32_t h = cd_key_hash(head, k, n);
    long id = cd_smap_find(m, k, n, head, h);
    if (id >= 0 || !add)
        return id;
    return cd_smap_add(m, k, n, head, h);
}
