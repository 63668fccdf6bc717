/* Findings storage. A cd_result owns every string and array it points to;
 * rules append with cd_result_push and never free anything themselves. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rules.h"

#include "copydesk/finding.h"

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

/* A message being built: a stack buffer that moves to the heap only for
 * the rare message longer than it. */
typedef struct msgbuf {
    char *p;
    size_t n, cap;
    bool failed;
    char local[256];
} msgbuf;

static void msg_put(msgbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap * 2;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *np = b->p == b->local ? malloc(cap) : realloc(b->p, cap);
        if (!np) {
            b->failed = true;
            return;
        }
        if (b->p == b->local)
            memcpy(np, b->local, b->n);
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* Formats the printf subset the rules use: %s, %.*s, %d, %zu and %%.
 * Findings are pushed thousands of times on a long document, and glibc's
 * vsnprintf (run twice: once to measure, once to write) cost more than
 * the date rules' own scanning; this writes each message once into a
 * stack buffer. Returns false on a conversion it does not know, and the
 * caller falls back to vsnprintf, so output never differs. */
static bool msg_format(msgbuf *b, const char *fmt, va_list ap)
{
    const char *lit = fmt;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%')
            continue;
        msg_put(b, lit, (size_t)(f - lit));
        f++;
        char num[24];
        if (f[0] == '%') {
            msg_put(b, "%", 1);
        } else if (f[0] == 's') {
            const char *s = va_arg(ap, const char *);
            msg_put(b, s, strlen(s));
        } else if (f[0] == '.' && f[1] == '*' && f[2] == 's') {
            int prec = va_arg(ap, int);
            const char *s = va_arg(ap, const char *);
            /* As printf: stops at a NUL; a negative precision is none. */
            size_t n = prec < 0 ? strlen(s) : strnlen(s, (size_t)prec);
            msg_put(b, s, n);
            f += 2;
        } else if (f[0] == 'd') {
            int v = va_arg(ap, int);
            unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                                         : (unsigned long long)v;
            size_t k = sizeof num;
            do
                num[--k] = (char)('0' + u % 10);
            while (u /= 10);
            if (v < 0)
                num[--k] = '-';
            msg_put(b, num + k, sizeof num - k);
        } else if (f[0] == 'z' && f[1] == 'u') {
            size_t u = va_arg(ap, size_t);
            size_t k = sizeof num;
            do
                num[--k] = (char)('0' + u % 10);
            while (u /= 10);
            msg_put(b, num + k, sizeof num - k);
            f++;
        } else {
            return false;
        }
        lit = f + 1;
    }
    msg_put(b, lit, strlen(lit));
    return true;
}

/* The message as a new malloc'd string, or NULL on OOM. */
static char *msg_new(const char *fmt, va_list ap)
{
    msgbuf b;
    b.p = b.local;
    b.n = 0;
    b.cap = sizeof b.local;
    b.failed = false;
    va_list ap2;
    va_copy(ap2, ap);
    bool ok = msg_format(&b, fmt, ap2);
    va_end(ap2);
    char *msg = NULL;
    if (ok && !b.failed) {
        if (b.p != b.local) {
            msg = b.p; /* already on the heap: terminate and keep it */
            msg[b.n] = '\0';
            return msg;
        }
        msg = malloc(b.n + 1);
        if (msg) {
            memcpy(msg, b.p, b.n);
            msg[b.n] = '\0';
        }
        return msg;
    }
    if (b.p != b.local)
        free(b.p);
    if (b.failed)
        return NULL;
    /* A conversion msg_format does not know: let the C library do it. */
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg) {
        va_copy(ap2, ap);
        vsnprintf(msg, (size_t)n + 1, fmt, ap2);
        va_end(ap2);
    }
    return msg;
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

    va_list ap;
    va_start(ap, fmt);
    char *msg = msg_new(fmt, ap);
    va_end(ap);
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

void cd_finding_release(cd_finding *f)
{
    free(f->message);
    for (size_t k = 0; k < f->n_related; k++)
        free(f->related[k].message);
    free(f->related);
    free(f->evidence);
}

void cd_result_free(cd_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        cd_finding_release(&r->items[i]);
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
