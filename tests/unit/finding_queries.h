/* Queries the analysis unit tests share: where a needle sits in the test
 * text, and which findings a result holds there. Include after cmocka.h
 * and copydesk/analysis.h. */
#ifndef COPYDESK_TEST_FINDING_QUERIES_H
#define COPYDESK_TEST_FINDING_QUERIES_H

#include <string.h>

/* Byte range of the nth occurrence (0-based) of needle in text; fails the
 * test when there is none. */
static inline void locate(const char *text, const char *needle, int nth, size_t *s, size_t *e)
{
    const char *p = text - 1;
    for (int i = 0; i <= nth; i++) {
        p = strstr(p + 1, needle);
        assert_non_null(p);
    }
    *s = (size_t)(p - text);
    *e = *s + strlen(needle);
}

/* The finding of this code overlapping the nth occurrence of needle, or
 * NULL. */
static inline const cd_finding *find_at(const cd_result *r, const char *text, cd_code code,
                                        const char *needle, int nth)
{
    size_t s, e;
    locate(text, needle, nth, &s, &e);
    for (size_t i = 0; i < r->count; i++) {
        const cd_finding *f = &r->items[i];
        if (f->code == code && f->start < e && s < f->end)
            return f;
    }
    return NULL;
}

static inline size_t count_code(const cd_result *r, cd_code code)
{
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++)
        n += r->items[i].code == code;
    return n;
}

#endif
