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

/* Applies one LSP content change to s: replaces [start, end) (positions
 * in enc, clamped; a reversed range is the range between them) with repl
 * (valid UTF-8), as a new snapshot at version (one reference; markdown as
 * s). The text is copied once with repl in place, and s's line index is
 * shifted rather than rebuilt from the whole text. NULL on OOM. */
cd_snapshot *cd_snapshot_edit(const cd_snapshot *s, cd_position start,
                              cd_position end, cd_encoding enc,
                              const char *repl, size_t repl_len, long version);

#endif
