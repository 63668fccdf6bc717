/* Content-Length framing of LSP base protocol messages.
 * The framer consumes what it can and keeps the rest, like Neovim's
 * msgpack_rpc unpacker: feed bytes in any split, pull whole bodies out. */
#ifndef COPYDESK_FRAMING_H
#define COPYDESK_FRAMING_H

#include <stddef.h>

/* Bodies larger than this are rejected (the header is skipped and the
 * framer resyncs on the next "Content-Length:") instead of allocated. */
#define CD_FRAME_MAX_BODY ((size_t)64 * 1024 * 1024)

typedef struct cd_framer cd_framer;

typedef enum cd_frame_status {
    CD_FRAME_NONE = 0, /* need more bytes */
    CD_FRAME_BODY,     /* *body and *len hold one message body */
    CD_FRAME_ERROR     /* a bad header was skipped; *err describes it */
} cd_frame_status;

/* _new/_free: heap framer; _free(NULL) is a no-op. */
cd_framer *cd_framer_new(void);
void cd_framer_free(cd_framer *f);

/* Appends bytes to the framer's buffer (copied). Returns 0 or -1 on OOM. */
int cd_framer_feed(cd_framer *f, const char *data, size_t len);

/* Extracts the next event. On CD_FRAME_BODY, *body points into the
 * framer's buffer and stays valid until the next call to any cd_framer_*
 * function; it is NOT NUL-terminated. On CD_FRAME_ERROR, *err is a static
 * string ("missing Content-Length", "invalid Content-Length", "body too
 * large", "invalid header", "header too long", "garbage before header")
 * for the log. Call repeatedly until CD_FRAME_NONE.
 *
 * Rules: headers end at "\r\n\r\n" (a bare "\n\n" is accepted too); header
 * names are case-insensitive; other headers (Content-Type) are ignored. A
 * header block with no or a non-numeric Content-Length is skipped (the
 * bytes up to and including its blank line are dropped). A Content-Length
 * over CD_FRAME_MAX_BODY is reported once and its body bytes are discarded
 * as they arrive. Garbage before a header (bytes not starting a header
 * line) is skipped up to the next "Content-Length:" so the framer resyncs. */
cd_frame_status cd_framer_next(cd_framer *f, const char **body, size_t *len,
                               const char **err);

#endif
