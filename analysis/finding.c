/* Findings storage. A cd_result owns every string and array it points to;
 * rules append with cd_result_push and never free anything themselves. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copydesk/finding.h"

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

cd_finding *cd_result_push(cd_result *r, cd_code code, cd_severity sev,
                           size_t start, size_t end, const char *fmt, ...)
{
    if (!r || (unsigned)code >= CD_CODE_COUNT)
        return NULL;
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        cd_finding *items = realloc(r->items, cap * sizeof *items);
        if (!items)
            return NULL;
        r->items = items;
        r->cap = cap;
    }

    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    if (!msg)
        return NULL;

    cd_finding *f = &r->items[r->count++];
    memset(f, 0, sizeof *f);
    f->code = code;
    /* A rule that passes DEFAULT (or OFF, which is analyze.c's business,
       not a rule's) still gets a reportable severity. */
    f->severity = (sev >= CD_SEV_ERROR && sev <= CD_SEV_HINT)
                      ? sev : cd_code_default_severity(code);
    f->start = start;
    f->end = end < start ? start : end;
    f->message = msg;
    f->weekday = -1; /* "none": 0 would read as Sunday */
    return f;
}

int cd_finding_add_related(cd_finding *f, size_t start, size_t end,
                           const char *message)
{
    if (!f)
        return -1;
    char *m = dup_str(message ? message : "");
    if (!m)
        return -1;
    /* Few related entries per finding: grow one at a time. */
    cd_related *rel = realloc(f->related, (f->n_related + 1) * sizeof *rel);
    if (!rel) {
        free(m);
        return -1;
    }
    f->related = rel;
    rel[f->n_related].start = start;
    rel[f->n_related].end = end < start ? start : end;
    rel[f->n_related].message = m;
    f->n_related++;
    return 0;
}

int cd_finding_set_evidence(cd_finding *f, const char *s)
{
    if (!f)
        return -1;
    char *e = NULL;
    if (s && !(e = dup_str(s)))
        return -1;
    free(f->evidence);
    f->evidence = e;
    return 0;
}

static int finding_cmp(const cd_finding *a, const cd_finding *b)
{
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    if (a->code != b->code)
        return a->code < b->code ? -1 : 1;
    return 0;
}

/* Bottom-up merge sort: stable, so equal keys keep the order the rules
 * emitted them in and output is deterministic (qsort is not stable). */
void cd_result_sort(cd_result *r)
{
    if (!r || r->count < 2)
        return;
    size_t n = r->count;
    cd_finding *tmp = malloc(n * sizeof *tmp);
    if (!tmp) {
        /* Out of memory: insertion sort is stable and needs no buffer. */
        for (size_t i = 1; i < n; i++) {
            cd_finding x = r->items[i];
            size_t j = i;
            while (j > 0 && finding_cmp(&r->items[j - 1], &x) > 0) {
                r->items[j] = r->items[j - 1];
                j--;
            }
            r->items[j] = x;
        }
        return;
    }
    cd_finding *src = r->items, *dst = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n;
            size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = finding_cmp(&src[j], &src[i]) < 0 ? src[j++]
                                                             : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        cd_finding *t = src;
        src = dst;
        dst = t;
    }
    if (src != r->items)
        memcpy(r->items, src, n * sizeof *src);
    free(tmp);
}

void cd_result_free(cd_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        cd_finding *f = &r->items[i];
        free(f->message);
        for (size_t k = 0; k < f->n_related; k++)
            free(f->related[k].message);
        free(f->related);
        free(f->evidence);
    }
    free(r->items);
    free(r->quotes);
    for (size_t i = 0; i < r->n_people; i++) {
        cd_person *p = &r->people[i];
        free(p->canonical);
        for (size_t k = 0; k < p->n_variants; k++)
            free(p->variants[k].spelling);
        free(p->variants);
        free(p->mentions);
    }
    free(r->people);
    free(r);
}
