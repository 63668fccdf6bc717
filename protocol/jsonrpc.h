/* JSON-RPC 2.0 message classification and replies (jansson only).
 * Error codes are chosen by the dispatcher (server/dispatch.c); this file
 * only builds and classifies. */
#ifndef COPYDESK_JSONRPC_H
#define COPYDESK_JSONRPC_H

#include <jansson.h>
#include <stddef.h>

enum {
    CD_RPC_PARSE_ERROR = -32700,
    CD_RPC_INVALID_REQUEST = -32600,
    CD_RPC_METHOD_NOT_FOUND = -32601,
    CD_RPC_INVALID_PARAMS = -32602,
    CD_RPC_INTERNAL_ERROR = -32603,
    CD_RPC_SERVER_NOT_INITIALIZED = -32002,
    CD_RPC_REQUEST_CANCELLED = -32800
};

typedef enum cd_msg_kind {
    CD_MSG_INVALID = 0,  /* not a valid JSON-RPC message; see error_code */
    CD_MSG_REQUEST,      /* method + id */
    CD_MSG_NOTIFICATION, /* method, no id */
    CD_MSG_RESPONSE      /* id + result or error (answer to our request) */
} cd_msg_kind;

typedef struct cd_msg {
    cd_msg_kind kind;
    json_t *root;        /* owned reference (NULL on parse error) */
    const char *method;  /* borrowed from root */
    json_t *id;          /* borrowed; JSON null when absent */
    json_t *params;      /* borrowed; may be NULL */
    json_t *result;      /* responses: borrowed, may be NULL */
    json_t *error;       /* responses: borrowed, may be NULL */
    int error_code;      /* for CD_MSG_INVALID: -32700 or -32600 */
    char error_msg[160]; /* for CD_MSG_INVALID: the reason */
} cd_msg;

/* Parses and classifies one body (must be valid UTF-8). Always fills *m;
 * call cd_msg_clear afterwards. */
void cd_msg_parse(cd_msg *m, const char *body, size_t len);
void cd_msg_clear(cd_msg *m);

/* Builders: return new references (caller owns). id may be NULL (-> null);
 * the builders take their own reference to id; *_take steal the argument. */
json_t *cd_rpc_response_take(json_t *id, json_t *result /* stolen; NULL -> null */);
json_t *cd_rpc_error(json_t *id, int code, const char *message);
json_t *cd_rpc_notification_take(const char *method, json_t *params /* stolen */);
json_t *cd_rpc_request_take(json_t *id /* stolen */, const char *method,
                            json_t *params /* stolen */);

#endif
