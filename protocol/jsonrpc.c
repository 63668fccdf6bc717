/* JSON-RPC 2.0 classification and message builders (see jsonrpc.h).
 *
 * Reference ownership follows jansson: cd_msg holds the one owned
 * reference (root); every other json_t in it is borrowed from root, or is
 * jansson's null singleton, which needs no reference. */
#include "protocol/jsonrpc.h"

#include "protocol/utf8seq.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void invalid(cd_msg *m, int code, const char *fmt, ...)
{
    m->kind = CD_MSG_INVALID;
    m->error_code = code;
    m->method = NULL;
    m->params = m->result = m->error = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->error_msg, sizeof m->error_msg, fmt, ap);
    va_end(ap);
}

/* JSON-RPC ids are strings, numbers or null. */
static bool valid_id(const json_t *id)
{
    return json_is_string(id) || json_is_number(id) || json_is_null(id);
}

void cd_msg_parse(cd_msg *m, const char *body, size_t len)
{
    memset(m, 0, sizeof *m);
    m->id = json_null();
    json_error_t jerr;
    /* DECODE_ANY: a top-level array or scalar is JSON, so it must be an
       invalid request (-32600), not a parse error. NUL inside strings
       stays rejected (JSON_ALLOW_NUL off): every string we hand on is a C
       string. */
    m->root = json_loadb(body, len, JSON_DECODE_ANY, &jerr);
    if (m->root == NULL) {
        invalid(m, CD_RPC_PARSE_ERROR, "parse error: %s (line %d, column %d)", jerr.text,
                jerr.line, jerr.column);
        return;
    }
    json_t *root = m->root;
    if (!json_is_object(root)) {
        invalid(m, CD_RPC_INVALID_REQUEST, "a JSON-RPC message must be an object");
        return;
    }
    /* Take the id first so that every later error can carry it. */
    json_t *id = json_object_get(root, "id");
    if (id != NULL) {
        if (!valid_id(id)) {
            invalid(m, CD_RPC_INVALID_REQUEST, "id must be a string, a number or null");
            return;
        }
        m->id = id;
    }
    json_t *version = json_object_get(root, "jsonrpc");
    if (!json_is_string(version) || strcmp(json_string_value(version), "2.0") != 0) {
        invalid(m, CD_RPC_INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
        return;
    }
    json_t *method = json_object_get(root, "method");
    if (method != NULL) {
        if (!json_is_string(method)) {
            invalid(m, CD_RPC_INVALID_REQUEST, "method must be a string");
            return;
        }
        json_t *params = json_object_get(root, "params");
        if (params != NULL && !json_is_object(params) && !json_is_array(params)) {
            invalid(m, CD_RPC_INVALID_REQUEST, "params must be an object or an array");
            return;
        }
        m->method = json_string_value(method);
        m->params = params;
        /* "id": null with a method is a (discouraged) request, not a
           notification: only an absent id makes a notification. */
        m->kind = id != NULL ? CD_MSG_REQUEST : CD_MSG_NOTIFICATION;
        return;
    }
    json_t *result = json_object_get(root, "result");
    json_t *error = json_object_get(root, "error");
    if (result == NULL && error == NULL) {
        invalid(m, CD_RPC_INVALID_REQUEST, "a message needs a method, a result or an error");
        return;
    }
    if (id == NULL) {
        invalid(m, CD_RPC_INVALID_REQUEST, "a response needs an id");
        return;
    }
    if (result != NULL && error != NULL) {
        invalid(m, CD_RPC_INVALID_REQUEST, "a response has either a result or an error");
        return;
    }
    if (error != NULL && !json_is_object(error)) {
        invalid(m, CD_RPC_INVALID_REQUEST, "a response error must be an object");
        return;
    }
    m->kind = CD_MSG_RESPONSE;
    m->result = result;
    m->error = error;
}

void cd_msg_clear(cd_msg *m)
{
    json_decref(m->root);
    memset(m, 0, sizeof *m);
    m->id = json_null();
}

/* {"jsonrpc":"2.0"}; NULL on OOM. */
static json_t *envelope(void)
{
    json_t *o = json_object();
    if (o != NULL && json_object_set_new(o, "jsonrpc", json_string("2.0")) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* A JSON string for text that may not be valid UTF-8 (an error message
   that quotes input, or one cut mid-character by snprintf): invalid bytes
   become '?', so an error reply can always be built. New reference, or
   NULL on OOM. */
static json_t *string_lossy(const char *s)
{
    if (s == NULL)
        s = "";
    size_t n = strlen(s);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && cd_utf8_seq_len(u + i, n - i) > 0)
        i += cd_utf8_seq_len(u + i, n - i);
    if (i == n)
        return json_stringn(s, n);
    char *copy = malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n + 1);
    while (i < n) {
        size_t len = cd_utf8_seq_len(u + i, n - i);
        if (len == 0) {
            copy[i] = '?';
            len = 1;
        }
        i += len;
    }
    json_t *j = json_stringn(copy, n);
    free(copy);
    return j;
}

json_t *cd_rpc_response_take(json_t *id, json_t *result)
{
    json_t *o = envelope();
    if (o == NULL) {
        json_decref(result);
        return NULL;
    }
    /* set_new steals its value even when it fails, so result is always
       consumed. */
    if (json_object_set(o, "id", id ? id : json_null()) != 0 ||
        json_object_set_new(o, "result", result ? result : json_null()) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *cd_rpc_error(json_t *id, int code, const char *message)
{
    json_t *o = envelope();
    json_t *err = json_object();
    if (o == NULL || err == NULL || json_object_set_new(err, "code", json_integer(code)) != 0 ||
        json_object_set_new(err, "message", string_lossy(message)) != 0 ||
        json_object_set(o, "id", id ? id : json_null()) != 0) {
        json_decref(o);
        json_decref(err);
        return NULL;
    }
    if (json_object_set_new(o, "error", err) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Adds "method" and, if given, "params" (stolen) to o (owned; released on
   failure). */
static json_t *with_method(json_t *o, const char *method, json_t *params)
{
    if (o == NULL || json_object_set_new(o, "method", string_lossy(method)) != 0) {
        json_decref(o);
        json_decref(params);
        return NULL;
    }
    if (params != NULL && json_object_set_new(o, "params", params) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *cd_rpc_notification_take(const char *method, json_t *params)
{
    return with_method(envelope(), method, params);
}

json_t *cd_rpc_request_take(json_t *id, const char *method, json_t *params)
{
    json_t *o = envelope();
    if (o == NULL || json_object_set_new(o, "id", id ? id : json_null()) != 0) {
        json_decref(o);
        json_decref(params);
        return NULL;
    }
    return with_method(o, method, params);
}
