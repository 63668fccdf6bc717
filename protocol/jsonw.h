/* JSON text written straight into one growing byte buffer, with room kept
 * in front for the Content-Length header.
 *
 * The server's hot messages (a document's diagnostics, and the pull
 * answers that repeat them) are written with this instead of being built
 * as jansson trees and dumped: a 100,000-word document's two thousand
 * diagnostics are one pass over the findings into one buffer, which the
 * loop thread then writes as is. The output is what jansson's compact
 * dump of the same values gives, byte for byte. */
#ifndef COPYDESK_JSONW_H
#define COPYDESK_JSONW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Bytes before the text, enough for "Content-Length: <20 digits>\r\n\r\n". */
#define CD_JSONW_HEADROOM ((size_t)48)

typedef struct cd_jsonw {
    char *buf;    /* owned: CD_JSONW_HEADROOM bytes, then the text */
    size_t len;   /* bytes of text */
    size_t cap;   /* bytes of text the buffer holds */
    bool failed;  /* an allocation failed: the text is incomplete */
} cd_jsonw;

/* A zeroed cd_jsonw is an empty writer; _free releases its buffer and
 * leaves it empty again. */
void cd_jsonw_free(cd_jsonw *w);
/* Empties the text and keeps the buffer for the next message (a buffer
 * grown past 1 MiB by one exceptional message is given back). */
void cd_jsonw_clear(cd_jsonw *w);

void cd_jsonw_raw(cd_jsonw *w, const char *s, size_t n);
#define cd_jsonw_lit(w, s) cd_jsonw_raw((w), "" s, sizeof(s) - 1)
/* A JSON string: '"', '\\' and control characters escaped as jansson
 * does, everything else as is. Bytes that are not UTF-8 (which jansson
 * refuses outright) are written as U+FFFD. */
void cd_jsonw_string(cd_jsonw *w, const char *s, size_t n);
void cd_jsonw_cstring(cd_jsonw *w, const char *s); /* NULL writes "" */
void cd_jsonw_int(cd_jsonw *w, long long v);
/* Any jansson value, compact (JSON_COMPACT | JSON_ENCODE_ANY). */
void cd_jsonw_json(cd_jsonw *w, const json_t *v);

/* The text so far (not NUL-terminated). */
const char *cd_jsonw_text(const cd_jsonw *w);
/* Puts the Content-Length header in front of the text and returns the
 * whole frame (header and body, *len bytes; borrowed from w, valid until
 * w changes), or NULL when an allocation failed on the way. */
const char *cd_jsonw_frame(cd_jsonw *w, size_t *len);

#endif
