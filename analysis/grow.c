/* The growth of the analysis' arrays (analysis/grow.h). */
#include <stdlib.h>

#include "analysis/grow.h"

int cd_grow_to(void **arr, size_t *cap, size_t need, size_t elem)
{
    size_t nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    void *na = realloc(*arr, nc * elem);
    if (!na)
        return -1;
    *arr = na;
    *cap = nc;
    return 0;
}
