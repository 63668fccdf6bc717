/* Open documents, their debounce timers and their analysis jobs.
 *
 * A change replaces the document's snapshot and restarts its timer; when
 * the timer fires, one job analyses the snapshot on the libuv pool. A job
 * whose snapshot is no longer current when it finishes is dropped: stale
 * results are never published (clangd and rust-analyzer do the same). */
#include "server/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/lsp.h"

struct cd_job {
    uv_work_t req;          /* req.data = this job */
    cd_document *doc;       /* outlives the job (see cd_documents_close) */
    cd_snapshot *snap;      /* owned reference */
    long gen;               /* settings generation the options came from */
    cd_settings settings;   /* owned copy: opts borrows names/verbs from it */
    cd_options opts;
    volatile int cancel;    /* set by the loop thread; polled by analysis */
    cd_encoding enc;
    cd_result *result;      /* produced by the worker; owned by the job */
    cd_report *report;      /* produced by the worker; owned by the job */
};

static void maybe_start(cd_document *doc);

cd_document *cd_documents_find(cd_server *srv, const char *uri)
{
    for (cd_document *d = srv->docs; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

bool cd_document_fresh(const cd_document *doc)
{
    return doc->done_snap && doc->done_snap == doc->snap &&
           doc->done_gen == doc->srv->settings_gen;
}

static void doc_free(cd_document *doc)
{
    cd_snapshot_release(doc->snap);
    cd_snapshot_release(doc->done_snap);
    cd_result_free(doc->done_result);
    cd_report_free(doc->done_report);
    free(doc->uri);
    free(doc);
}

static void job_free(cd_job *job)
{
    cd_settings_destroy(&job->settings);
    cd_snapshot_release(job->snap);
    cd_result_free(job->result);
    cd_report_free(job->report);
    free(job);
}

/* ---- analysis on the pool ---- */

static void work_cb(uv_work_t *req)
{
    cd_job *job = req->data;
    job->opts.cancel = &job->cancel;
    job->result = cd_analyze(job->snap->text, job->snap->len, &job->opts);
    if (!job->result || job->result->cancelled)
        return;
    /* The whole publish message is written here, so the loop thread's
       share of a change is writing bytes (doc->uri never changes after
       didOpen, so reading it here is safe). */
    cd_lsp_view v = {job->snap->text, job->snap->ix, job->enc, job->doc->uri};
    job->report = cd_report_new(&v, job->snap->version, job->result);
}

static void publish(cd_server *srv, cd_document *doc)
{
    cd_server_write(srv, &doc->done_report->msg);
}

/* A DocumentDiagnosticReport ({"kind":"full",...}) for doc's last results;
   fields after "items" (a workspace item's uri and version) are the
   caller's, so the object is left open. */
static void open_full_report(cd_jsonw *w, const cd_document *doc)
{
    char rid[48];
    snprintf(rid, sizeof rid, "%ld.%ld", doc->done_snap->version, doc->done_gen);
    cd_jsonw_lit(w, "{\"kind\":\"full\",\"resultId\":");
    cd_jsonw_cstring(w, rid);
    cd_jsonw_lit(w, ",\"items\":");
    cd_report_write_items(w, doc->done_report);
}

/* {"jsonrpc":"2.0","id":ID,"result": -- the caller writes the result and
   closes with "}". */
static cd_jsonw *begin_response(cd_server *srv, const json_t *id)
{
    cd_jsonw *w = cd_server_begin(srv);
    cd_jsonw_lit(w, "{\"jsonrpc\":\"2.0\",\"id\":");
    cd_jsonw_json(w, id);
    cd_jsonw_lit(w, ",\"result\":");
    return w;
}

/* Answers a textDocument/diagnostic pull for uri (doc NULL: not open). */
static void answer_document(cd_server *srv, const json_t *id, const cd_document *doc)
{
    cd_jsonw *w = begin_response(srv, id);
    if (doc)
        open_full_report(w, doc);
    else
        cd_jsonw_lit(w, "{\"kind\":\"full\",\"items\":[]");
    cd_jsonw_lit(w, "}}");
    cd_server_write(srv, w);
}

static bool all_fresh(cd_server *srv)
{
    for (cd_document *d = srv->docs; d; d = d->next)
        if (!cd_document_fresh(d))
            return false;
    return true;
}

void cd_documents_count(const cd_server *srv, size_t *fresh, size_t *total)
{
    *fresh = *total = 0;
    for (const cd_document *d = srv->docs; d; d = d->next) {
        ++*total;
        if (cd_document_fresh(d))
            ++*fresh;
    }
}

static void pull_free(cd_pull *p)
{
    json_decref(p->id);
    json_decref(p->token);
    json_decref(p->create_id);
    free(p->uri);
    free(p);
}

static void answer_workspace(cd_server *srv, const json_t *id)
{
    cd_jsonw *w = begin_response(srv, id);
    cd_jsonw_lit(w, "{\"items\":[");
    for (cd_document *d = srv->docs; d; d = d->next) {
        open_full_report(w, d);
        cd_jsonw_lit(w, ",\"uri\":");
        cd_jsonw_cstring(w, d->uri);
        cd_jsonw_lit(w, ",\"version\":");
        cd_jsonw_int(w, d->snap->version);
        cd_jsonw_lit(w, "}");
        if (d->next)
            cd_jsonw_lit(w, ",");
    }
    cd_jsonw_lit(w, "]}}");
    cd_server_write(srv, w);
}

/* Answers every queued pull whose documents are now fresh. */
static void answer_pulls(cd_server *srv)
{
    cd_pull **pp = &srv->pulls;
    while (*pp) {
        cd_pull *p = *pp;
        bool ready;
        cd_document *d = NULL;
        if (p->uri) {
            d = cd_documents_find(srv, p->uri);
            ready = !d || cd_document_fresh(d);
        } else {
            ready = all_fresh(srv);
        }
        if (!ready) {
            cd_progress_update(srv, p);
            pp = &p->next;
            continue;
        }
        *pp = p->next;
        cd_progress_end(srv, p);
        if (p->uri)
            answer_document(srv, p->id, d);
        else
            answer_workspace(srv, p->id);
        pull_free(p);
    }
}

/* Keeps a finished job's results when they are still current. */
static void store_results(cd_server *srv, cd_document *doc, cd_job *job, int status)
{
    bool current = job->snap == doc->snap && job->gen == srv->settings_gen;
    if (status != 0 || !current || !job->result || job->result->cancelled || !job->report)
        return;
    /* The previous results are released after publishing, not before:
       freeing a long document's findings is loop-thread work the editor
       need not wait for. */
    cd_snapshot *old_snap = doc->done_snap;
    cd_result *old_result = doc->done_result;
    cd_report *old_report = doc->done_report;
    doc->done_snap = cd_snapshot_retain(job->snap);
    doc->done_gen = job->gen;
    doc->done_result = job->result;
    doc->done_report = job->report;
    job->result = NULL;
    job->report = NULL;
    publish(srv, doc);
    answer_pulls(srv);
    cd_snapshot_release(old_snap);
    cd_result_free(old_result);
    cd_report_free(old_report);
}

static void after_work_cb(uv_work_t *req, int status)
{
    cd_job *job = req->data;
    cd_document *doc = job->doc;
    cd_server *srv = doc->srv;
    doc->job = NULL;
    if (doc->closed) {
        if (doc->timer_closed)
            doc_free(doc);
        job_free(job);
        return;
    }
    store_results(srv, doc, job, status);
    job_free(job);
    /* The text or settings moved on while we worked: go again, unless the
       debounce timer is still counting (it will start the job itself). */
    if (!uv_is_active((uv_handle_t *)&doc->timer))
        maybe_start(doc);
}

static cd_job *job_new(cd_document *doc)
{
    cd_server *srv = doc->srv;
    cd_job *job = calloc(1, sizeof *job);
    if (!job) {
        fprintf(stderr, "copydesk: out of memory starting an analysis\n");
        return NULL;
    }
    job->req.data = job;
    job->doc = doc;
    job->snap = cd_snapshot_retain(doc->snap);
    job->gen = srv->settings_gen;
    job->enc = srv->enc;
    cd_options_init(&job->opts);
    job->opts.markdown = doc->snap->markdown;
    if (cd_workspace_settings_for(srv, doc->uri, &job->settings) != 0)
        cd_settings_init(&job->settings);
    cd_settings_to_options(&job->settings, &job->opts);
    return job;
}

/* Before answering shutdown, pulls still waiting are answered from an
 * analysis run here, so a client that sends everything at once (a file
 * as stdin) gets every answer in order. */
void cd_documents_flush_pulls(cd_server *srv)
{
    /* Outer loop over documents: storing results answers (and frees)
       pulls, so the pull list is only read before each store. */
    for (cd_document *d = srv->docs; d; d = d->next) {
        bool wanted = false;
        for (cd_pull *p = srv->pulls; p && !wanted; p = p->next)
            wanted = !p->uri || strcmp(p->uri, d->uri) == 0;
        if (!wanted || cd_document_fresh(d))
            continue;
        cd_job *job = job_new(d);
        if (!job)
            continue;
        work_cb(&job->req);
        store_results(srv, d, job, 0);
        job_free(job);
    }
    answer_pulls(srv);
}

static void maybe_start(cd_document *doc)
{
    cd_server *srv = doc->srv;
    if (doc->closed || doc->job || srv->exiting || srv->config_request_id ||
        cd_document_fresh(doc))
        return;
    cd_job *job = job_new(doc);
    if (!job)
        return;
    if (uv_queue_work(srv->loop, &job->req, work_cb, after_work_cb) != 0) {
        job_free(job);
        return;
    }
    doc->job = job;
}

static void timer_cb(uv_timer_t *t)
{
    maybe_start(t->data);
}

/* Debounce: restart the timer; a running job on an older text is told to
 * stop at its next paragraph. The debounce is for keystrokes: an opened
 * document is analysed at once (delay 0; the timer still orders it after
 * the messages already read). */
static void schedule(cd_document *doc, uint64_t delay_ms)
{
    if (doc->job && doc->job->snap != doc->snap)
        doc->job->cancel = 1;
    uv_timer_start(&doc->timer, timer_cb, delay_ms, 0);
}

/* ---- text sync ---- */

void cd_documents_open(cd_server *srv, const char *uri, long version,
                       bool markdown, const char *text, size_t len)
{
    cd_document *doc = cd_documents_find(srv, uri);
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, text, len);
    copy[len] = '\0';
    cd_snapshot *snap = cd_snapshot_new_take(copy, len, version, markdown);
    if (!snap)
        return;
    if (doc) { /* reopened without a close: the client's text wins */
        cd_snapshot_release(doc->snap);
        doc->snap = snap;
        schedule(doc, 0);
        return;
    }
    doc = calloc(1, sizeof *doc);
    if (!doc || !(doc->uri = strdup(uri))) {
        free(doc);
        cd_snapshot_release(snap);
        return;
    }
    doc->srv = srv;
    doc->snap = snap;
    uv_timer_init(srv->loop, &doc->timer);
    doc->timer.data = doc;
    doc->next = srv->docs;
    srv->docs = doc;
    schedule(doc, 0);
}

int cd_documents_change(cd_server *srv, cd_document *doc, long version,
                        const json_t *changes, const char **err)
{
    size_t i;
    json_t *ch;
    /* Validate everything first, so a bad change leaves the text as it was. */
    json_array_foreach(changes, i, ch) {
        json_t *t = json_object_get(ch, "text");
        json_t *r = json_object_get(ch, "range");
        cd_position p;
        if (!json_is_string(t)) {
            *err = "contentChanges[].text must be a string";
            return -1;
        }
        if (r && (!json_is_object(r) ||
                  cd_lsp_parse_position(json_object_get(r, "start"), &p) != 0 ||
                  cd_lsp_parse_position(json_object_get(r, "end"), &p) != 0)) {
            *err = "contentChanges[].range must be an LSP Range";
            return -1;
        }
    }
    cd_snapshot *cur = cd_snapshot_retain(doc->snap);
    json_array_foreach(changes, i, ch) {
        json_t *t = json_object_get(ch, "text");
        json_t *r = json_object_get(ch, "range");
        const char *s = json_string_value(t);
        size_t n = json_string_length(t);
        cd_snapshot *next;
        if (r) {
            cd_position a, b;
            cd_lsp_parse_position(json_object_get(r, "start"), &a);
            cd_lsp_parse_position(json_object_get(r, "end"), &b);
            next = cd_snapshot_edit(cur, a, b, srv->enc, s, n, version);
        } else {
            char *out = malloc(n + 1);
            if (out) {
                memcpy(out, s, n);
                out[n] = '\0';
            }
            next = out ? cd_snapshot_new_take(out, n, version, cur->markdown) : NULL;
        }
        cd_snapshot_release(cur);
        if (!next) {
            *err = "out of memory";
            return -1;
        }
        cur = next;
    }
    cd_snapshot_release(doc->snap);
    doc->snap = cur;
    schedule(doc, (uint64_t)srv->settings.debounce_ms);
    return 0;
}

static void timer_closed_cb(uv_handle_t *h)
{
    cd_document *doc = h->data;
    doc->timer_closed = true;
    if (!doc->job)
        doc_free(doc);
}

static void unlink_doc(cd_server *srv, cd_document *doc)
{
    for (cd_document **pp = &srv->docs; *pp; pp = &(*pp)->next)
        if (*pp == doc) {
            *pp = doc->next;
            return;
        }
}

void cd_documents_close(cd_server *srv, cd_document *doc)
{
    unlink_doc(srv, doc);
    /* Closing removes the file's findings from the editor's problem list. */
    json_t *params = json_pack("{s:s,s:[]}", "uri", doc->uri, "diagnostics");
    cd_server_send_take(srv, cd_rpc_notification_take("textDocument/publishDiagnostics", params));
    doc->closed = true;
    if (doc->job) {
        doc->job->cancel = 1;
        uv_cancel((uv_req_t *)&doc->job->req);
    }
    uv_close((uv_handle_t *)&doc->timer, timer_closed_cb);
    answer_pulls(srv); /* a pull on a closed document gets an empty report */
}

void cd_documents_invalidate_all(cd_server *srv)
{
    srv->settings_gen++;
    /* Pull clients keep their last pulled results until told: ask them to
       pull again, or they would show findings from the old settings. */
    if (srv->diagnostic_refresh && srv->state == CD_STATE_RUNNING) {
        json_t *id = json_sprintf("copydesk-refresh-%ld", ++srv->next_request_id);
        cd_server_send_take(srv, cd_rpc_request_take(id, "workspace/diagnostic/refresh", NULL));
    }
    for (cd_document *d = srv->docs; d; d = d->next)
        if (d->job)
            d->job->cancel = 1;
    cd_documents_kick_all(srv);
}

void cd_documents_kick_all(cd_server *srv)
{
    for (cd_document *d = srv->docs; d; d = d->next)
        if (!uv_is_active((uv_handle_t *)&d->timer))
            maybe_start(d);
}

void cd_documents_pull(cd_server *srv, json_t *id, const char *uri, const json_t *token)
{
    cd_pull *p = calloc(1, sizeof *p);
    if (!p || (uri && !(p->uri = strdup(uri)))) {
        free(p);
        cd_server_send_take(srv, cd_rpc_error(id, CD_RPC_INTERNAL_ERROR, "out of memory"));
        return;
    }
    p->id = json_incref(id);
    p->next = srv->pulls;
    srv->pulls = p;
    if (!uri)
        cd_progress_start(srv, p, token);
    answer_pulls(srv);
}

void cd_documents_cancel_pull(cd_server *srv, const json_t *id)
{
    for (cd_pull **pp = &srv->pulls; *pp; pp = &(*pp)->next) {
        cd_pull *p = *pp;
        if (json_equal(p->id, (json_t *)id)) {
            *pp = p->next;
            cd_progress_end(srv, p);
            cd_server_send_take(srv, cd_rpc_error(p->id, CD_RPC_REQUEST_CANCELLED, "request cancelled"));
            pull_free(p);
            return;
        }
    }
}

void cd_documents_shutdown(cd_server *srv)
{
    while (srv->pulls) {
        cd_pull *p = srv->pulls;
        srv->pulls = p->next;
        pull_free(p);
    }
    while (srv->docs) {
        cd_document *d = srv->docs;
        srv->docs = d->next;
        d->closed = true;
        if (d->job) {
            d->job->cancel = 1;
            uv_cancel((uv_req_t *)&d->job->req);
        }
        uv_close((uv_handle_t *)&d->timer, timer_closed_cb);
    }
}
