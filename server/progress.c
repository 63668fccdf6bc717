/* Work-done progress for workspace/diagnostic (LSP 3.17, "Work Done Progress").
 *
 * With the request's workDoneToken when the client sent one (progress
 * begins at once, even if the answer is ready: the client asked). Without
 * one, and only when the answer has to wait for analyses, with a token of
 * our own once the client has accepted window/workDoneProgress/create
 * (clients that support it say so in window.workDoneProgress); an error
 * answer means no progress for that token. A client that supports neither
 * gets no progress messages. "12/40 documents" counts open documents with
 * fresh results; "end" always comes before the pull's answer, while the
 * token is still valid. */
#include "server/server.h"

#include <stdio.h>

#define TITLE "Checking documents"

static void send_value(cd_server *srv, const cd_pull *p, json_t *value)
{
    json_t *params = json_pack("{s:O,s:o}", "token", p->token, "value", value);
    cd_server_send_take(srv, cd_rpc_notification_take("$/progress", params));
}

/* "3/40 documents" and its percentage; done never falls below what was
   last reported (a document edited meanwhile is not fresh again), since
   clients expect the percentage to keep rising. */
static size_t progress_now(cd_server *srv, const cd_pull *p, char *msg, size_t n,
                           json_int_t *pct)
{
    size_t done, total;
    cd_documents_count(srv, &done, &total);
    if (done < p->reported)
        done = p->reported;
    if (done > total)
        total = done;
    snprintf(msg, n, "%zu/%zu documents", done, total);
    *pct = total ? (json_int_t)(done * 100 / total) : 100;
    return done;
}

static void begin(cd_server *srv, cd_pull *p)
{
    char msg[64];
    json_int_t pct;
    p->reported = progress_now(srv, p, msg, sizeof msg, &pct);
    p->progress = CD_PROGRESS_ACTIVE;
    send_value(srv, p, json_pack("{s:s,s:s,s:b,s:s,s:I}", "kind", "begin", "title", TITLE,
                                 "cancellable", 0, "message", msg, "percentage", pct));
}

void cd_progress_start(cd_server *srv, cd_pull *p, const json_t *token)
{
    if (token) {
        p->token = json_incref((json_t *)token);
        begin(srv, p);
        return;
    }
    size_t done, total;
    cd_documents_count(srv, &done, &total);
    if (!srv->work_done_progress || done == total)
        return; /* nothing to wait for: a progress bar would only flash */
    long n = ++srv->next_request_id;
    p->token = json_sprintf("copydesk-progress-%ld", n);
    p->create_id = json_sprintf("copydesk-progress-create-%ld", n);
    p->progress = CD_PROGRESS_CREATING;
    json_t *params = json_pack("{s:O}", "token", p->token);
    cd_server_send_take(srv, cd_rpc_request_take(json_incref(p->create_id),
                                                 "window/workDoneProgress/create", params));
}

void cd_progress_update(cd_server *srv, cd_pull *p)
{
    if (p->progress != CD_PROGRESS_ACTIVE)
        return;
    char msg[64];
    json_int_t pct;
    size_t done = progress_now(srv, p, msg, sizeof msg, &pct);
    if (done <= p->reported)
        return;
    p->reported = done;
    send_value(srv, p, json_pack("{s:s,s:s,s:I}", "kind", "report", "message", msg,
                                 "percentage", pct));
}

void cd_progress_end(cd_server *srv, cd_pull *p)
{
    if (p->progress != CD_PROGRESS_ACTIVE)
        return;
    char msg[64];
    json_int_t pct;
    progress_now(srv, p, msg, sizeof msg, &pct);
    p->progress = CD_PROGRESS_NONE;
    send_value(srv, p, json_pack("{s:s,s:s}", "kind", "end", "message", msg));
}

bool cd_progress_on_response(cd_server *srv, const cd_msg *m)
{
    for (cd_pull *p = srv->pulls; p; p = p->next) {
        if (p->progress != CD_PROGRESS_CREATING || !json_equal(p->create_id, m->id))
            continue;
        if (m->error) {
            fprintf(stderr, "copydesk: the client refused a progress token; no progress shown\n");
            p->progress = CD_PROGRESS_NONE;
        } else {
            begin(srv, p);
        }
        return true;
    }
    /* An answer for a pull already answered (it never began) is dropped by
       the caller like any other unexpected response. */
    return false;
}
