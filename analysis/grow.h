/* Geometric growth for the arrays the text model and the rules append
 * to: amortised O(1) appends. Internal to analysis/. */
#ifndef COPYDESK_GROW_H
#define COPYDESK_GROW_H

#include <stddef.h>

/* Grows *arr (*cap items of elem bytes) to hold need items, doubling its
 * capacity. Returns 0, or -1 when out of memory (*arr and *cap are then
 * left as they were). Out of line (analysis/grow.c), so that the test
 * below is all an append inlines. */
int cd_grow_to(void **arr, size_t *cap, size_t need, size_t elem);

/* Makes room for need items in *arr. */
static inline int cd_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    return need <= *cap ? 0 : cd_grow_to(arr, cap, need, elem);
}

#endif
