/* The language server's state. Everything here lives on the loop thread;
 * the only thing a worker touches is its own cd_job (server/documents.c). */
#ifndef COPYDESK_SERVER_H
#define COPYDESK_SERVER_H

#include <jansson.h>
#include <stdbool.h>
#include <uv.h>

#include "copydesk/analysis.h"
#include "protocol/framing.h"
#include "protocol/jsonrpc.h"
#include "protocol/jsonw.h"
#include "protocol/position.h"
#include "server/config.h"
#include "server/report.h"
#include "server/settings.h"
#include "server/snapshot.h"

typedef struct cd_job cd_job;
typedef struct cd_server cd_server;

/* One open document. Owned by the server's list until didClose; then it
 * is freed once its timer is closed and its job (if any) has finished. */
typedef struct cd_document {
    cd_server *srv;
    char *uri;               /* owned */
    cd_snapshot *snap;       /* owned reference: the current text */
    uv_timer_t timer;        /* debounce; data = this document */
    bool timer_closed;
    bool closed;             /* didClose received */
    cd_job *job;             /* running analysis, or NULL */
    /* The last finished analysis: results for done_snap analysed with the
       settings of generation done_gen. Fresh when done_snap == snap and
       done_gen == srv->settings_gen. */
    cd_snapshot *done_snap;  /* owned reference or NULL */
    long done_gen;
    cd_result *done_result;  /* owned or NULL */
    cd_report *done_report;  /* owned or NULL: its diagnostics, serialised */
    struct cd_document *next;
} cd_document;

/* Work-done progress of a workspace pull (server/progress.c). */
typedef enum cd_progress_state {
    CD_PROGRESS_NONE = 0,    /* none for this pull */
    CD_PROGRESS_CREATING,    /* window/workDoneProgress/create unanswered */
    CD_PROGRESS_ACTIVE       /* begun: "end" is due before the answer */
} cd_progress_state;

/* A pull request waiting for fresh results. uri NULL: workspace pull. */
typedef struct cd_pull {
    json_t *id;              /* owned reference */
    char *uri;               /* owned or NULL */
    cd_progress_state progress;
    json_t *token;           /* owned reference or NULL: the progress token */
    json_t *create_id;       /* owned reference or NULL: our create request */
    size_t reported;         /* documents done at the last begin or report */
    struct cd_pull *next;
} cd_pull;

struct cd_server {
    uv_loop_t *loop;
    cd_framer *framer;       /* owned */
    cd_jsonw out;            /* owned: the outgoing message being written
                                (one at a time; reused, so a message costs
                                no allocation once the buffer has grown) */
    union {
        uv_pipe_t pipe;
        uv_tty_t tty;
    } in;                    /* stdin when it is a pipe or terminal */
    bool in_is_stream;
    uv_fs_t in_read;         /* stdin when it is a regular file */
    char in_buf[65536];
    bool reading;            /* stdin is being read */
    bool in_closed;

    enum { CD_STATE_NEW, CD_STATE_RUNNING, CD_STATE_SHUTDOWN } state;
    bool exiting;
    int exit_code;

    cd_encoding enc;
    bool client_configuration;   /* client answers workspace/configuration */
    json_t *config_request_id;   /* outstanding configuration request */
    long next_request_id;
    cd_settings settings;        /* owned: the client's settings */
    cd_config_cache configs;     /* owned: copydesk.json files loaded */
    bool watch_files;            /* client can register file watchers */
    bool diagnostic_refresh;     /* client takes workspace/diagnostic/refresh */
    bool work_done_progress;     /* client takes window/workDoneProgress/create */
    json_t *init_settings;       /* initializationOptions' copydesk section */
    long settings_gen;           /* bumped on every settings change */
    uv_timer_t config_timer;     /* gives up waiting for configuration */

    cd_document *docs;
    cd_pull *pulls;
};

/* transport.c: stdin reading and stdout writing. */
int cd_transport_start(cd_server *srv);
void cd_transport_stop(cd_server *srv);
/* Writes msg framed to stdout (blocking). Takes nothing: msg stays the
 * caller's. */
void cd_server_send(cd_server *srv, const json_t *msg);
/* For a message written as text: srv->out, emptied. Write one message
 * into it and pass it to cd_server_write before sending anything else. */
cd_jsonw *cd_server_begin(cd_server *srv);
/* Frames w's text and writes it to stdout (blocking); w stays the
 * caller's. */
void cd_server_write(cd_server *srv, cd_jsonw *w);
/* Convenience: send and drop the caller's reference. */
void cd_server_send_take(cd_server *srv, json_t *msg);

/* dispatch.c: one decoded body from the framer. */
void cd_dispatch_body(cd_server *srv, const char *body, size_t len);
/* Starts an orderly exit: closes handles, cancels jobs. */
void cd_server_begin_exit(cd_server *srv, int code);

/* documents.c */
cd_document *cd_documents_find(cd_server *srv, const char *uri);
void cd_documents_open(cd_server *srv, const char *uri, long version,
                       bool markdown, const char *text, size_t len);
/* Returns 0, or -1 with *err set when the change could not be applied. */
int cd_documents_change(cd_server *srv, cd_document *doc, long version,
                        const json_t *changes, const char **err);
void cd_documents_close(cd_server *srv, cd_document *doc);
/* Re-analyses every open document (settings changed). */
void cd_documents_invalidate_all(cd_server *srv);
/* Starts analyses that are due (called when configuration arrives). */
void cd_documents_kick_all(cd_server *srv);
/* True when doc's last finished analysis covers its current text. */
bool cd_document_fresh(const cd_document *doc);
/* Pull diagnostics: answers now when fresh, else queues until fresh.
 * uri NULL: a workspace pull, with progress reported on token (the
 * request's workDoneToken, borrowed; NULL when it has none). */
void cd_documents_pull(cd_server *srv, json_t *id, const char *uri, const json_t *token);
/* Open documents, and how many of them have fresh results. */
void cd_documents_count(const cd_server *srv, size_t *fresh, size_t *total);
void cd_documents_cancel_pull(cd_server *srv, const json_t *id);
/* Answers every waiting pull now, analysing on this thread if needed. */
void cd_documents_flush_pulls(cd_server *srv);
/* Cancels jobs, closes timers and frees documents (exit). */
void cd_documents_shutdown(cd_server *srv);

/* progress.c: work-done progress of a workspace pull p (already queued).
 * _start when it arrives, _update while it waits, _end just before it is
 * answered (or cancelled). _on_response takes the client's answer to our
 * window/workDoneProgress/create; false when m answers something else. */
void cd_progress_start(cd_server *srv, cd_pull *p, const json_t *token);
void cd_progress_update(cd_server *srv, cd_pull *p);
void cd_progress_end(cd_server *srv, cd_pull *p);
bool cd_progress_on_response(cd_server *srv, const cd_msg *m);

/* hover.c: what copydesk knows at pos, from the last finished analysis;
 * new reference, JSON null outside any finding, quotation or name. */
json_t *cd_hover_at(cd_server *srv, cd_document *doc, cd_position pos);

/* actions.c: quick fixes for the findings the request covers; new
 * reference (an array, empty when the results are not fresh). */
json_t *cd_actions_for(cd_server *srv, cd_document *doc, const json_t *params);

/* workspace.c: copydesk.json for a document (loaded once, its own
 * diagnostics published); NULL when none applies. Borrowed until
 * cd_workspace_forget_configs. */
const cd_config *cd_workspace_config_for(cd_server *srv, const char *doc_uri);
void cd_workspace_forget_configs(cd_server *srv);
/* The effective settings for a document: its copydesk.json under the
 * client's settings, in a fresh *out (caller destroys). */
int cd_workspace_settings_for(cd_server *srv, const char *doc_uri, cd_settings *out);

/* lsp_server.c: runs the server on stdin/stdout; returns the exit code. */
int cd_lsp_main(void);

#endif
