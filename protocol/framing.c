/* Content-Length framing (see framing.h for the contract).
 *
 * The framer owns one byte buffer; buf[start..end) is unconsumed input.
 * cd_framer_next() only ever moves `start` forward, so a body pointer it
 * hands out stays valid until the next call; the buffer is compacted or
 * reallocated only inside cd_framer_feed().
 *
 * Header lines are validated as the bytes arrive (one pass over each byte,
 * the progress is kept in the framer), so feeding byte by byte costs the
 * same as feeding one chunk. Anything that does not look like a header
 * sends the framer into resync mode: it drops bytes until the next
 * "Content-Length:" (any case). That one rule covers garbage between
 * frames, the tail of a body whose Content-Length was too small, and a
 * rejected header. A rejected length is never waited for: waiting for (or
 * discarding) the body of "Content-Length: 99999999999999999999" would
 * stall the connection forever. */
#include "protocol/framing.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A header block longer than this is not a header block. Real clients send
 * well under 100 bytes; the bound keeps a garbage stream that happens to
 * look like a header name from being buffered without limit. */
#define MAX_HEADER ((size_t)8192)

/* Keep allocations modest once a multi-megabyte body has gone through. */
#define SHRINK_ABOVE ((size_t)1024 * 1024)
#define INITIAL_CAP ((size_t)4096)

static const char CL_NAME[] = "content-length"; /* compared case-insensitively */
#define CL_NAME_LEN (sizeof CL_NAME - 1)
#define CL_TOKEN_LEN (CL_NAME_LEN + 1) /* with the ':' */

enum state { ST_HEADER, ST_BODY, ST_RESYNC };

/* Where the scan of the current header line stands. */
enum line_state {
    LS_START, /* nothing of the line seen yet */
    LS_NAME,  /* inside the field name */
    LS_VALUE, /* after the ':' */
    LS_CR     /* a '\r' at line start: only "\n" may follow (blank line) */
};

enum cl_state { CL_NONE, CL_OK, CL_INVALID, CL_TOO_LARGE };

struct cd_framer {
    char *buf;     /* owned; cap bytes */
    size_t cap;
    size_t start;  /* first unconsumed byte */
    size_t end;    /* one past the last byte fed */
    enum state state;
    /* Header progress; offsets are relative to `start`, which stays at the
       block's first byte while the block is being read. */
    size_t line;   /* start of the current line */
    size_t scan;   /* bytes of the block already scanned */
    enum line_state ls;
    enum cl_state cl;
    size_t cl_value;
    size_t body_len; /* ST_BODY: bytes of body expected at start */
};

cd_framer *cd_framer_new(void)
{
    cd_framer *f = calloc(1, sizeof *f);
    return f; /* state ST_HEADER, empty buffer: all zero */
}

void cd_framer_free(cd_framer *f)
{
    if (f == NULL)
        return;
    free(f->buf);
    free(f);
}

int cd_framer_feed(cd_framer *f, const char *data, size_t len)
{
    if (len == 0)
        return 0;
    size_t live = f->end - f->start;
    if (live == 0) {
        /* Everything consumed: restart at the front, and give back the
           memory of an exceptionally large message. */
        f->start = f->end = 0;
        if (f->cap > SHRINK_ABOVE && len <= SHRINK_ABOVE) {
            free(f->buf);
            f->buf = NULL;
            f->cap = 0;
        }
    }
    if (f->cap - f->end < len) {
        if (f->start >= live && f->cap - live >= len) {
            /* At least half of the used part is dead: moving the live part
               down costs no more than the bytes already consumed, so
               compaction is amortised O(1) per byte. */
            memmove(f->buf, f->buf + f->start, live);
        } else {
            /* Grow geometrically, copying only the live bytes. */
            size_t need = live + len;
            if (need < live)
                return -1;
            size_t ncap = f->cap ? f->cap : INITIAL_CAP;
            while (ncap < need) {
                if (ncap > SIZE_MAX / 2)
                    return -1;
                ncap *= 2;
            }
            if (ncap < f->cap * 2 && f->cap <= SIZE_MAX / 2)
                ncap = f->cap * 2;
            char *nb = malloc(ncap);
            if (nb == NULL)
                return -1;
            if (live)
                memcpy(nb, f->buf + f->start, live);
            free(f->buf);
            f->buf = nb;
            f->cap = ncap;
        }
        f->start = 0;
        f->end = live;
    }
    memcpy(f->buf + f->end, data, len);
    f->end += len;
    return 0;
}

/* RFC 9110 token characters: what a header field name is made of. */
static bool is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

static bool ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != (unsigned char)b[i])
            return false;
    return true;
}

static void reset_header(cd_framer *f)
{
    f->line = 0;
    f->scan = 0;
    f->ls = LS_START;
    f->cl = CL_NONE;
    f->cl_value = 0;
}

/* Abandons the block at `start` and looks for the next "Content-Length:"
   after its first byte (so the same bytes cannot fail twice). */
static cd_frame_status fail(cd_framer *f, const char **err, const char *why)
{
    f->start += 1;
    f->state = ST_RESYNC;
    reset_header(f);
    *err = why;
    return CD_FRAME_ERROR;
}

/* Parses the Content-Length value in v[0..n): optional blanks around
   ASCII digits, nothing else. Sizes over CD_FRAME_MAX_BODY are never
   accumulated, so an absurd value cannot overflow. */
static void parse_length(cd_framer *f, const char *v, size_t n)
{
    while (n > 0 && (*v == ' ' || *v == '\t')) {
        v++;
        n--;
    }
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    enum cl_state st = n > 0 ? CL_OK : CL_INVALID;
    size_t value = 0;
    for (size_t i = 0; i < n && st != CL_INVALID; i++) {
        if (v[i] < '0' || v[i] > '9') {
            st = CL_INVALID;
        } else if (st == CL_OK) {
            value = value * 10 + (size_t)(v[i] - '0');
            if (value > CD_FRAME_MAX_BODY)
                st = CL_TOO_LARGE;
        }
    }
    /* A repeated header must agree with the first one. */
    if (f->cl == CL_NONE || (f->cl == CL_OK && st == CL_OK && value == f->cl_value)) {
        f->cl = st;
        f->cl_value = value;
    } else if (f->cl == CL_OK || st == CL_INVALID) {
        f->cl = CL_INVALID;
    }
}

/* A complete header line [b, b+n) (without "\r\n"), already known to be
   "token:value". */
static void header_line(cd_framer *f, const char *b, size_t n)
{
    const char *colon = memchr(b, ':', n);
    size_t name_len = (size_t)(colon - b);
    if (name_len == CL_NAME_LEN && ieq(b, CL_NAME, CL_NAME_LEN))
        parse_length(f, colon + 1, n - name_len - 1);
    /* Other fields (Content-Type) are ignored. */
}

static cd_frame_status end_of_block(cd_framer *f, const char **err)
{
    if (f->cl == CL_NONE) {
        /* No length at all: the block may be the tail of an old body that
           runs into a real header ("...}Content-Length: 2"), so look for
           one from the next byte on. */
        return fail(f, err, "missing Content-Length");
    }
    if (f->cl != CL_OK) {
        /* A real but unusable header: drop the whole block, so a second
           (conflicting) Content-Length inside it is not taken instead. */
        f->start += f->scan;
        return fail(f, err, f->cl == CL_INVALID ? "invalid Content-Length" : "body too large");
    }
    f->start += f->scan + 1; /* past the blank line's '\n' */
    f->state = ST_BODY;
    f->body_len = f->cl_value;
    reset_header(f);
    return CD_FRAME_NONE; /* the caller loops: the body may be here already */
}

static cd_frame_status step_header(cd_framer *f, const char **err)
{
    if (f->scan == 0) {
        /* Blank lines between frames are harmless noise: skip them
           silently rather than report garbage. */
        while (f->start < f->end &&
               (f->buf[f->start] == '\r' || f->buf[f->start] == '\n'))
            f->start++;
    }
    const char *b = f->buf + f->start;
    size_t avail = f->end - f->start;
    for (; f->scan < avail; f->scan++) {
        if (f->scan >= MAX_HEADER)
            return fail(f, err, "header too long");
        unsigned char c = (unsigned char)b[f->scan];
        /* A bad first line means we were not looking at a header at all. */
        const char *bad = f->line == 0 ? "garbage before header" : "invalid header";
        switch (f->ls) {
        case LS_START:
            if (c == '\n')
                return end_of_block(f, err);
            if (c == '\r')
                f->ls = LS_CR;
            else if (is_tchar(c))
                f->ls = LS_NAME;
            else
                return fail(f, err, bad);
            break;
        case LS_NAME:
            if (c == ':')
                f->ls = LS_VALUE;
            else if (!is_tchar(c))
                return fail(f, err, bad);
            break;
        case LS_VALUE:
            if (c == '\n') {
                size_t n = f->scan - f->line;
                if (n > 0 && b[f->line + n - 1] == '\r')
                    n--;
                header_line(f, b + f->line, n);
                f->line = f->scan + 1;
                f->ls = LS_START;
            }
            break;
        case LS_CR:
            if (c != '\n')
                return fail(f, err, "invalid header");
            return end_of_block(f, err);
        }
    }
    return CD_FRAME_NONE;
}

/* Drops bytes up to the next "Content-Length:". The last few bytes are kept
   when no match is found, since they may be the start of one. */
static void step_resync(cd_framer *f)
{
    const char *b = f->buf;
    size_t i = f->start;
    for (; i + CL_TOKEN_LEN <= f->end; i++) {
        if (lower((unsigned char)b[i]) == 'c' && ieq(b + i, CL_NAME, CL_NAME_LEN) &&
            b[i + CL_NAME_LEN] == ':') {
            f->start = i;
            f->state = ST_HEADER;
            reset_header(f);
            return;
        }
    }
    f->start = i; /* end - i < CL_TOKEN_LEN bytes remain */
}

cd_frame_status cd_framer_next(cd_framer *f, const char **body, size_t *len,
                               const char **err)
{
    for (;;) {
        switch (f->state) {
        case ST_RESYNC:
            step_resync(f);
            if (f->state == ST_RESYNC)
                return CD_FRAME_NONE;
            break;
        case ST_HEADER: {
            cd_frame_status st = step_header(f, err);
            if (st != CD_FRAME_NONE)
                return st;
            if (f->state == ST_HEADER)
                return CD_FRAME_NONE;
            break;
        }
        case ST_BODY:
            if (f->end - f->start < f->body_len)
                return CD_FRAME_NONE;
            *body = f->buf + f->start;
            *len = f->body_len;
            f->start += f->body_len;
            f->state = ST_HEADER;
            return CD_FRAME_BODY;
        }
    }
}
