/* JSON text writer (see jsonw.h). Every append goes through reserve(),
 * which doubles the buffer; after a failed allocation the writer only
 * remembers that it failed, so callers check once at the end. */
#include "protocol/jsonw.h"
#include "protocol/utf8seq.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHRINK_ABOVE ((size_t)1024 * 1024)
#define INITIAL_CAP ((size_t)4096)

/* Room for n more bytes of text; false (and failed set) on OOM. */
static bool reserve(cd_jsonw *w, size_t n)
{
    if (w->failed)
        return false;
    if (w->cap - w->len >= n)
        return true;
    size_t cap = w->cap ? w->cap : INITIAL_CAP;
    while (cap - w->len < n) {
        if (cap > (SIZE_MAX - CD_JSONW_HEADROOM) / 2) {
            w->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *nb = realloc(w->buf, CD_JSONW_HEADROOM + cap);
    if (!nb) {
        w->failed = true;
        return false;
    }
    w->buf = nb;
    w->cap = cap;
    return true;
}

void cd_jsonw_free(cd_jsonw *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}

void cd_jsonw_clear(cd_jsonw *w)
{
    if (w->cap > SHRINK_ABOVE)
        cd_jsonw_free(w);
    w->len = 0;
    w->failed = false;
}

void cd_jsonw_raw(cd_jsonw *w, const char *s, size_t n)
{
    if (n == 0 || !reserve(w, n))
        return;
    memcpy(w->buf + CD_JSONW_HEADROOM + w->len, s, n);
    w->len += n;
}

void cd_jsonw_string(cd_jsonw *w, const char *s, size_t n)
{
    /* Worst case every byte becomes "\u00XX" (six) or U+FFFD (three). */
    if (n > (SIZE_MAX - 2) / 6 || !reserve(w, 6 * n + 2))
        return;
    char *o = w->buf + CD_JSONW_HEADROOM + w->len;
    const unsigned char *u = (const unsigned char *)s;
    static const char hex[] = "0123456789ABCDEF";
    *o++ = '"';
    size_t i = 0;
    while (i < n) {
        /* Runs of plain ASCII are the common case: copy them whole. */
        size_t run = i;
        while (run < n && u[run] >= 0x20 && u[run] < 0x80 && u[run] != '"' && u[run] != '\\')
            run++;
        memcpy(o, s + i, run - i);
        o += run - i;
        i = run;
        if (i >= n)
            break;
        unsigned char c = u[i];
        if (c >= 0x80) {
            size_t len = cd_utf8_seq_len(u + i, n - i);
            if (len == 0) {
                memcpy(o, "\xEF\xBF\xBD", 3);
                o += 3;
                i++;
            } else {
                memcpy(o, s + i, len);
                o += len;
                i += len;
            }
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
        i++;
    }
    *o++ = '"';
    w->len = (size_t)(o - (w->buf + CD_JSONW_HEADROOM));
}

void cd_jsonw_cstring(cd_jsonw *w, const char *s)
{
    cd_jsonw_string(w, s ? s : "", s ? strlen(s) : 0);
}

void cd_jsonw_int(cd_jsonw *w, long long v)
{
    /* By hand: snprintf's format parsing was a tenth of writing a long
       document's diagnostics (four positions each). */
    char tmp[24];
    char *e = tmp + sizeof tmp, *p = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    cd_jsonw_raw(w, p, (size_t)(e - p));
}

static int append_cb(const char *buffer, size_t size, void *data)
{
    cd_jsonw *w = data;
    cd_jsonw_raw(w, buffer, size);
    return w->failed ? -1 : 0;
}

void cd_jsonw_json(cd_jsonw *w, const json_t *v)
{
    /* Compact, UTF-8 kept as is (no JSON_ENSURE_ASCII): Content-Length
       counts bytes, so multi-byte characters are exactly what clients
       that count wrongly trip on, and the frame stays small. */
    if (!v || json_dump_callback(v, append_cb, w, JSON_COMPACT | JSON_ENCODE_ANY) != 0)
        w->failed = true;
}

const char *cd_jsonw_text(const cd_jsonw *w)
{
    return w->buf ? w->buf + CD_JSONW_HEADROOM : "";
}

const char *cd_jsonw_frame(cd_jsonw *w, size_t *len)
{
    if (w->failed || !w->buf)
        return NULL;
    char header[CD_JSONW_HEADROOM];
    int hn = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", w->len);
    if (hn < 0 || (size_t)hn >= sizeof header)
        return NULL;
    char *start = w->buf + CD_JSONW_HEADROOM - (size_t)hn;
    memcpy(start, header, (size_t)hn);
    *len = (size_t)hn + w->len;
    return start;
}
