#include "server/snapshot.h"

#include <stdlib.h>
#include <string.h>

/* Takes text and ix (either may be NULL after a failed allocation). */
static cd_snapshot *snapshot_take(char *text, cd_line_index *ix, size_t len, long version,
                                  bool markdown)
{
    cd_snapshot *s = text && ix ? calloc(1, sizeof *s) : NULL;
    if (!s) {
        cd_line_index_free(ix);
        free(text);
        return NULL;
    }
    s->ix = ix;
    atomic_init(&s->refs, 1);
    s->text = text;
    s->len = len;
    s->version = version;
    s->markdown = markdown;
    return s;
}

cd_snapshot *cd_snapshot_new_take(char *text, size_t len, long version,
                                  bool markdown)
{
    cd_line_index *ix = text ? cd_line_index_new(text, len) : NULL;
    return snapshot_take(text, ix, len, version, markdown);
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

/* The byte range [*a, *b) a change's positions name. */
static void change_range(const cd_snapshot *s, cd_position start, cd_position end,
                         cd_encoding enc, size_t *a, size_t *b)
{
    *a = cd_position_to_offset(s->ix, s->text, start, enc);
    *b = cd_position_to_offset(s->ix, s->text, end, enc);
    if (*b < *a) { /* a reversed range: treat as the range between them */
        size_t t = *a;
        *a = *b;
        *b = t;
    }
}

static char *splice_text(const cd_snapshot *s, size_t a, size_t b, const char *repl,
                         size_t repl_len, size_t *out_len)
{
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

cd_snapshot *cd_snapshot_edit(const cd_snapshot *s, cd_position start,
                              cd_position end, cd_encoding enc,
                              const char *repl, size_t repl_len, long version)
{
    size_t a, b, len = 0;
    change_range(s, start, end, enc, &a, &b);
    char *text = splice_text(s, a, b, repl, repl_len, &len);
    cd_line_index *ix = text ? cd_line_index_splice(s->ix, a, b, repl, repl_len) : NULL;
    return snapshot_take(text, ix, len, version, s->markdown);
}
