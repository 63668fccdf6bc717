/* Runs one task per file on N threads and hands the results back in
 * input order, never more than a bounded window ahead of the consumer
 * (so ten thousand drafts are never all in memory at once). */
#ifndef COPYDESK_RUNNER_H
#define COPYDESK_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

/* What one task produced. The runner frees out and err after emit. */
typedef struct cd_run_item {
    char *out;       /* rendered output (malloc'd) or NULL */
    size_t out_len;
    char *err;       /* a message for stderr (malloc'd) or NULL */
    bool failed;     /* findings at or above --fail-on */
    bool error;      /* unreadable file, out of memory: status 2 */
} cd_run_item;

/* work runs on a worker thread (must be thread-safe); emit runs on the
 * calling thread, in index order. jobs < 1 means one. progress, when
 * true, draws "N/total files" on stderr (a terminal). */
typedef void (*cd_run_work)(size_t index, cd_run_item *item, void *ctx);
typedef void (*cd_run_emit)(size_t index, cd_run_item *item, void *ctx);

void cd_run_ordered(size_t count, int jobs, cd_run_work work, cd_run_emit emit, void *ctx,
                    bool progress);

#endif
