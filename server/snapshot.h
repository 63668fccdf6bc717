/* Immutable, refcounted document snapshots. Every change makes a new one;
 * analysis jobs hold a reference, so the loop thread can move on while a
 * worker reads the old text. */
#ifndef COPYDESK_SNAPSHOT_H
#define COPYDESK_SNAPSHOT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "protocol/position.h"

typedef struct cd_snapshot {
    atomic_int refs;
    char *text;          /* owned; valid UTF-8, NUL-terminated */
    size_t len;
    long version;
    bool markdown;
    cd_line_index *ix;   /* owned; line starts of text */
} cd_snapshot;

/* Takes ownership of text (len bytes + NUL, already sanitized). Returns a
 * snapshot with one reference, or NULL on OOM (text is then freed). */
cd_snapshot *cd_snapshot_new_take(char *text, size_t len, long version,
                                  bool markdown);
cd_snapshot *cd_snapshot_retain(cd_snapshot *s);
/* Drops one reference; frees on the last. NULL is a no-op. */
void cd_snapshot_release(cd_snapshot *s);

/* Applies one LSP content change to s's text: replaces [start, end)
 * (positions in enc, clamped) with repl. Returns a newly malloc'd,
 * NUL-terminated text (caller owns) in *out, or NULL on OOM. repl must be
 * valid UTF-8. */
char *cd_snapshot_splice(const cd_snapshot *s, cd_position start,
                         cd_position end, cd_encoding enc,
                         const char *repl, size_t repl_len, size_t *out_len);

/* The same change as a new snapshot at version (one reference; markdown
 * as s): the text is copied once with repl in place, and s's line index
 * is shifted rather than rebuilt from the whole text. NULL on OOM. */
cd_snapshot *cd_snapshot_edit(const cd_snapshot *s, cd_position start,
                              cd_position end, cd_encoding enc,
                              const char *repl, size_t repl_len, long version);

#endif
