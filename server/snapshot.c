#include "server/snapshot.h"

#include <stdlib.h>
#include <string.h>

cd_snapshot *cd_snapshot_new_take(char *text, size_t len, long version,
                                  bool markdown)
{
    cd_snapshot *s = calloc(1, sizeof *s);
    if (!s) {
        free(text);
        return NULL;
    }
    s->ix = cd_line_index_new(text, len);
    if (!s->ix) {
        free(text);
        free(s);
        return NULL;
    }
    atomic_init(&s->refs, 1);
    s->text = text;
    s->len = len;
    s->version = version;
    s->markdown = markdown;
    return s;
}

cd_snapshot *cd_snapshot_retain(cd_snapshot *s)
{
    if (s)
        atomic_fetch_add(&s->refs, 1);
    return s;
}

void cd_snapshot_release(cd_snapshot *s)
{
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
        return;
    cd_line_index_free(s->ix);
    free(s->text);
    free(s);
}

char *cd_snapshot_splice(const cd_snapshot *s, cd_position start,
                         cd_position end, cd_encoding enc,
                         const char *repl, size_t repl_len, size_t *out_len)
{
    size_t a = cd_position_to_offset(s->ix, s->text, start, enc);
    size_t b = cd_position_to_offset(s->ix, s->text, end, enc);
    if (b < a) { /* a reversed range: treat as the range between them */
        size_t t = a;
        a = b;
        b = t;
    }
    size_t n = a + repl_len + (s->len - b);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    memcpy(out, s->text, a);
    memcpy(out + a, repl, repl_len);
    memcpy(out + a + repl_len, s->text + b, s->len - b);
    out[n] = '\0';
    *out_len = n;
    return out;
}
