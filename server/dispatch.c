/* Routes JSON-RPC messages to handlers and chooses every JSON-RPC error
 * code the server sends (the one place that does). */
#include "server/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/lsp.h"
#include "protocol/uri.h"
#include "cd_version.h"

static void reply(cd_server *srv, json_t *id, json_t *result)
{
    cd_server_send_take(srv, cd_rpc_response_take(id, result));
}

static void reply_error(cd_server *srv, json_t *id, int code, const char *msg)
{
    cd_server_send_take(srv, cd_rpc_error(id, code, msg));
}

static bool is_markdown(const char *uri, const char *language_id)
{
    if (language_id && strcmp(language_id, "markdown") == 0)
        return true;
    if (language_id && strcmp(language_id, "plaintext") == 0)
        return false;
    const char *dot = strrchr(uri, '.');
    return dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0);
}

/* ---- settings ---- */

/* A settings object may arrive as {"copydesk": {...}} or as the section
 * itself ({"publicationDate": ...}). Returns a borrowed pointer. */
static const json_t *copydesk_section(const json_t *v)
{
    const json_t *inner = json_is_object(v) ? json_object_get(v, "copydesk") : NULL;
    return inner ? inner : v;
}

/* The client's settings: its section over initializationOptions. */
static void apply_settings(cd_server *srv, const json_t *section)
{
    cd_settings s;
    cd_settings_error err;
    json_t *merged = json_object();
    if (json_is_object(srv->init_settings))
        json_object_update(merged, srv->init_settings);
    if (json_is_object(section))
        json_object_update(merged, (json_t *)section);
    if (cd_settings_from_json(merged, CD_SETTINGS_CLIENT, &s, &err) != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "copydesk settings: %s (the default applies)", err.msg);
        fprintf(stderr, "copydesk: %s\n", msg);
        json_t *p = json_pack("{s:i,s:s}", "type", 1, "message", msg);
        cd_server_send_take(srv, cd_rpc_notification_take("window/showMessage", p));
    }
    json_decref(merged);
    cd_settings_destroy(&srv->settings);
    srv->settings = s;
    cd_documents_invalidate_all(srv);
}

static void config_timeout_cb(uv_timer_t *t)
{
    cd_server *srv = t->data;
    if (srv->config_request_id) {
        fprintf(stderr, "copydesk: no answer to workspace/configuration; using defaults\n");
        json_decref(srv->config_request_id);
        srv->config_request_id = NULL;
        cd_documents_kick_all(srv);
    }
}

/* Asks the client for the "copydesk" section. Analysis waits for the
 * answer (or 2 s) so the first diagnostics already use the right
 * publication date. */
static void request_configuration(cd_server *srv)
{
    if (!srv->client_configuration || srv->exiting)
        return;
    json_decref(srv->config_request_id);
    srv->config_request_id = json_sprintf("copydesk-config-%ld", ++srv->next_request_id);
    json_t *params = json_pack("{s:[{s:s}]}", "items", "section", "copydesk");
    cd_server_send_take(srv, cd_rpc_request_take(json_incref(srv->config_request_id),
                                                 "workspace/configuration", params));
    uv_timer_start(&srv->config_timer, config_timeout_cb, 2000, 0);
}

/* Asks the client to tell us when a copydesk.json changes on disk. */
static void register_watcher(cd_server *srv)
{
    if (!srv->watch_files)
        return;
    json_t *params = json_pack(
        "{s:[{s:s,s:s,s:{s:[{s:s}]}}]}", "registrations",
        "id", "copydesk-config-watch", "method", "workspace/didChangeWatchedFiles",
        "registerOptions", "watchers", "globPattern", "**/copydesk.json");
    json_t *id = json_sprintf("copydesk-register-%ld", ++srv->next_request_id);
    cd_server_send_take(srv, cd_rpc_request_take(id, "client/registerCapability", params));
}

/* Before configs are reloaded: clear what we said about the old ones (a
 * deleted or fixed file must not keep its error). */
static void clear_config_diagnostics(cd_server *srv)
{
    for (size_t i = 0; i < srv->configs.count; i++) {
        if (srv->configs.items[i]->valid)
            continue;
        char *uri = cd_uri_from_path(srv->configs.items[i]->path);
        if (!uri)
            continue;
        json_t *p = json_pack("{s:s,s:[]}", "uri", uri, "diagnostics");
        cd_server_send_take(srv, cd_rpc_notification_take("textDocument/publishDiagnostics", p));
        free(uri);
    }
}

static void on_response(cd_server *srv, cd_msg *m)
{
    if (cd_progress_on_response(srv, m))
        return;
    if (!srv->config_request_id || !json_equal(m->id, srv->config_request_id))
        return; /* an answer to nothing we are waiting for */
    json_decref(srv->config_request_id);
    srv->config_request_id = NULL;
    uv_timer_stop(&srv->config_timer);
    json_t *section = NULL;
    if (json_is_array(m->result) && json_array_size(m->result) > 0)
        section = json_array_get(m->result, 0);
    else if (m->error)
        fprintf(stderr, "copydesk: workspace/configuration failed; using defaults\n");
    apply_settings(srv, section);
}

/* ---- lifecycle ---- */

static void on_initialize(cd_server *srv, json_t *id, json_t *params)
{
    json_t *caps = json_object_get(params, "capabilities");
    json_t *encs = json_object_get(json_object_get(caps, "general"), "positionEncodings");
    size_t i;
    json_t *e;
    srv->enc = CD_ENC_UTF16;
    json_array_foreach(encs, i, e) {
        if (json_is_string(e) && strcmp(json_string_value(e), "utf-8") == 0)
            srv->enc = CD_ENC_UTF8;
    }
    json_t *ws = json_object_get(caps, "workspace");
    srv->client_configuration = json_is_true(json_object_get(ws, "configuration"));
    srv->watch_files = json_is_true(json_object_get(
        json_object_get(ws, "didChangeWatchedFiles"), "dynamicRegistration"));
    srv->diagnostic_refresh = json_is_true(json_object_get(
        json_object_get(ws, "diagnostics"), "refreshSupport"));
    srv->work_done_progress = json_is_true(json_object_get(
        json_object_get(caps, "window"), "workDoneProgress"));
    json_t *init = json_object_get(params, "initializationOptions");
    if (json_is_object(init)) {
        srv->init_settings = json_incref((json_t *)copydesk_section(init));
        apply_settings(srv, NULL);
    }
    srv->state = CD_STATE_RUNNING;
    json_t *result = json_pack(
        "{s:{s:s,s:{s:b,s:i},s:b,s:{s:[s]},s:{s:s,s:b,s:b,s:b}},s:{s:s,s:s}}",
        "capabilities",
        "positionEncoding", srv->enc == CD_ENC_UTF8 ? "utf-8" : "utf-16",
        "textDocumentSync", "openClose", 1, "change", 2,
        "hoverProvider", 1,
        "codeActionProvider", "codeActionKinds", "quickfix",
        "diagnosticProvider", "identifier", "copydesk",
        "interFileDependencies", 0, "workspaceDiagnostics", 1, "workDoneProgress", 1,
        "serverInfo", "name", "copydesk", "version", CD_VERSION);
    reply(srv, id, result);
}

/* ---- requests ---- */

/* Validates {textDocument:{uri}, position?}; returns the uri or NULL. */
static const char *doc_params(json_t *params, bool need_pos, cd_position *pos)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    if (!uri)
        return NULL;
    if (need_pos && cd_lsp_parse_position(json_object_get(params, "position"), pos) != 0)
        return NULL;
    return uri;
}

static void on_request(cd_server *srv, cd_msg *m)
{
    const char *method = m->method;
    json_t *id = m->id;
    if (strcmp(method, "initialize") == 0) {
        if (srv->state != CD_STATE_NEW)
            reply_error(srv, id, CD_RPC_INVALID_REQUEST, "initialize was already received");
        else if (m->params && !json_is_object(m->params))
            reply_error(srv, id, CD_RPC_INVALID_PARAMS, "initialize params must be an object");
        else
            on_initialize(srv, id, m->params);
        return;
    }
    if (srv->state == CD_STATE_NEW) {
        reply_error(srv, id, CD_RPC_SERVER_NOT_INITIALIZED, "the server is not initialized");
        return;
    }
    if (srv->state == CD_STATE_SHUTDOWN) {
        reply_error(srv, id, CD_RPC_INVALID_REQUEST, "the server is shutting down");
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        cd_documents_flush_pulls(srv);
        srv->state = CD_STATE_SHUTDOWN;
        reply(srv, id, json_null());
        return;
    }
    cd_position pos;
    if (strcmp(method, "textDocument/hover") == 0) {
        const char *uri = doc_params(m->params, true, &pos);
        if (!uri) {
            reply_error(srv, id, CD_RPC_INVALID_PARAMS, "hover needs textDocument.uri and position");
            return;
        }
        cd_document *doc = cd_documents_find(srv, uri);
        reply(srv, id, doc ? cd_hover_at(srv, doc, pos) : json_null());
        return;
    }
    if (strcmp(method, "textDocument/diagnostic") == 0) {
        const char *uri = doc_params(m->params, false, NULL);
        if (!uri)
            reply_error(srv, id, CD_RPC_INVALID_PARAMS, "textDocument/diagnostic needs textDocument.uri");
        else
            cd_documents_pull(srv, id, uri, NULL);
        return;
    }
    if (strcmp(method, "workspace/diagnostic") == 0) {
        /* A ProgressToken is an integer or a string; anything else is
           treated as no token. */
        json_t *token = json_object_get(m->params, "workDoneToken");
        if (!json_is_string(token) && !json_is_integer(token))
            token = NULL;
        cd_documents_pull(srv, id, NULL, token);
        return;
    }
    if (strcmp(method, "textDocument/codeAction") == 0) {
        const char *uri = doc_params(m->params, false, NULL);
        cd_document *doc = uri ? cd_documents_find(srv, uri) : NULL;
        if (!uri || !json_is_object(json_object_get(m->params, "range")))
            reply_error(srv, id, CD_RPC_INVALID_PARAMS, "codeAction needs textDocument.uri and range");
        else
            reply(srv, id, doc ? cd_actions_for(srv, doc, m->params) : json_array());
        return;
    }
    reply_error(srv, id, CD_RPC_METHOD_NOT_FOUND, "unknown method");
}

/* ---- notifications ---- */

static void on_notification(cd_server *srv, cd_msg *m)
{
    const char *method = m->method;
    json_t *params = m->params;
    if (strcmp(method, "exit") == 0) {
        cd_server_begin_exit(srv, srv->state == CD_STATE_SHUTDOWN ? 0 : 1);
        return;
    }
    if (strcmp(method, "$/cancelRequest") == 0) {
        json_t *id = json_object_get(params, "id");
        if (id)
            cd_documents_cancel_pull(srv, id);
        return;
    }
    if (srv->state != CD_STATE_RUNNING)
        return; /* notifications before initialize (or after shutdown) are dropped */
    if (strcmp(method, "initialized") == 0) {
        register_watcher(srv);
        request_configuration(srv);
        return;
    }
    if (strcmp(method, "workspace/didChangeWatchedFiles") == 0) {
        /* A copydesk.json appeared, changed or went away: reload them all
           and re-analyse every open document. */
        json_t *changes = json_object_get(params, "changes");
        size_t i;
        json_t *ch;
        bool config = false;
        json_array_foreach(changes, i, ch) {
            const char *uri = json_string_value(json_object_get(ch, "uri"));
            size_t n = uri ? strlen(uri) : 0;
            if (n >= 13 && strcmp(uri + n - 13, "copydesk.json") == 0)
                config = true;
        }
        if (config) {
            clear_config_diagnostics(srv);
            cd_workspace_forget_configs(srv);
            cd_documents_invalidate_all(srv);
        }
        return;
    }
    if (strcmp(method, "textDocument/didOpen") == 0) {
        json_t *td = json_object_get(params, "textDocument");
        const char *uri = json_string_value(json_object_get(td, "uri"));
        json_t *text = json_object_get(td, "text");
        if (!uri || !json_is_string(text)) {
            fprintf(stderr, "copydesk: didOpen without textDocument.uri/text ignored\n");
            return;
        }
        json_t *ver = json_object_get(td, "version");
        cd_documents_open(srv, uri, json_is_integer(ver) ? (long)json_integer_value(ver) : 0,
                          is_markdown(uri, json_string_value(json_object_get(td, "languageId"))),
                          json_string_value(text), json_string_length(text));
        return;
    }
    if (strcmp(method, "textDocument/didChange") == 0) {
        json_t *td = json_object_get(params, "textDocument");
        const char *uri = json_string_value(json_object_get(td, "uri"));
        json_t *changes = json_object_get(params, "contentChanges");
        cd_document *doc = uri ? cd_documents_find(srv, uri) : NULL;
        const char *err = NULL;
        if (!doc || !json_is_array(changes)) {
            fprintf(stderr, "copydesk: didChange for %s ignored (%s)\n", uri ? uri : "(no uri)",
                    doc ? "no contentChanges" : "document not open");
            return;
        }
        json_t *ver = json_object_get(td, "version");
        long version = json_is_integer(ver) ? (long)json_integer_value(ver) : doc->snap->version + 1;
        if (cd_documents_change(srv, doc, version, changes, &err) != 0)
            fprintf(stderr, "copydesk: didChange for %s ignored: %s\n", uri, err);
        return;
    }
    if (strcmp(method, "textDocument/didClose") == 0) {
        const char *uri = doc_params(params, false, NULL);
        cd_document *doc = uri ? cd_documents_find(srv, uri) : NULL;
        if (doc)
            cd_documents_close(srv, doc);
        return;
    }
    if (strcmp(method, "workspace/didChangeConfiguration") == 0) {
        json_t *settings = json_object_get(params, "settings");
        const json_t *sec = copydesk_section(settings);
        if (json_is_object(sec) && json_object_size(sec) > 0)
            apply_settings(srv, sec);
        else
            request_configuration(srv); /* "settings changed, ask me" */
        return;
    }
    if (strncmp(method, "$/", 2) != 0)
        fprintf(stderr, "copydesk: notification %s ignored\n", method);
}

void cd_dispatch_body(cd_server *srv, const char *body, size_t len)
{
    cd_msg m;
    char *clean = NULL;
    if (!cd_utf8_valid(body, len)) {
        /* Invalid UTF-8 is replaced, never fatal: the document is analysed
           with U+FFFD where the bad bytes were. */
        clean = cd_utf8_sanitize(body, len, &len);
        if (!clean) {
            reply_error(srv, NULL, CD_RPC_INTERNAL_ERROR, "out of memory");
            return;
        }
        fprintf(stderr, "copydesk: message with invalid UTF-8; bytes replaced with U+FFFD\n");
        body = clean;
    }
    cd_msg_parse(&m, body, len);
    switch (m.kind) {
    case CD_MSG_INVALID:
        reply_error(srv, m.id, m.error_code, m.error_msg);
        break;
    case CD_MSG_REQUEST:
        on_request(srv, &m);
        break;
    case CD_MSG_NOTIFICATION:
        on_notification(srv, &m);
        break;
    case CD_MSG_RESPONSE:
        on_response(srv, &m);
        break;
    }
    cd_msg_clear(&m);
    free(clean);
}
