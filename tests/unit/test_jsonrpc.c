/* Unit tests for protocol/jsonrpc.c: classification of every kind of
 * message (and every way of being invalid), builders and framing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "protocol/jsonrpc.h"
#include "protocol/jsonw.h"

static cd_msg parse(const char *s)
{
    cd_msg m;
    cd_msg_parse(&m, s, strlen(s));
    return m;
}

/* Parses s, expects CD_MSG_INVALID with `code`, and checks the id that
   the error reply would carry: `id` is its compact JSON text. */
static void expect_invalid(const char *s, int code, const char *id)
{
    cd_msg m = parse(s);
    assert_int_equal(m.kind, CD_MSG_INVALID);
    assert_int_equal(m.error_code, code);
    assert_true(m.error_msg[0] != '\0');
    assert_non_null(m.id);
    char *idtext = json_dumps(m.id, JSON_ENCODE_ANY | JSON_COMPACT);
    assert_non_null(idtext);
    assert_string_equal(idtext, id);
    free(idtext);
    assert_null(m.method);
    cd_msg_clear(&m);
}

static void test_request(void **state)
{
    (void)state;
    cd_msg m = parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\","
                     "\"params\":{\"position\":{\"line\":0}}}");
    assert_int_equal(m.kind, CD_MSG_REQUEST);
    assert_string_equal(m.method, "textDocument/hover");
    assert_true(json_is_integer(m.id));
    assert_int_equal(json_integer_value(m.id), 1);
    assert_true(json_is_object(m.params));
    assert_null(m.result);
    assert_null(m.error);
    cd_msg_clear(&m);
    assert_null(m.root);

    /* String id, array params, no params, null id (discouraged, but a
       request). */
    m = parse("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"m\",\"params\":[1]}");
    assert_int_equal(m.kind, CD_MSG_REQUEST);
    assert_string_equal(json_string_value(m.id), "abc");
    assert_true(json_is_array(m.params));
    cd_msg_clear(&m);
    m = parse("{\"method\":\"shutdown\",\"jsonrpc\":\"2.0\",\"id\":2}");
    assert_int_equal(m.kind, CD_MSG_REQUEST);
    assert_null(m.params);
    cd_msg_clear(&m);
    m = parse("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}");
    assert_int_equal(m.kind, CD_MSG_REQUEST);
    assert_true(json_is_null(m.id));
    cd_msg_clear(&m);
}

static void test_notification(void **state)
{
    (void)state;
    cd_msg m = parse("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    assert_int_equal(m.kind, CD_MSG_NOTIFICATION);
    assert_string_equal(m.method, "initialized");
    assert_true(json_is_null(m.id));
    cd_msg_clear(&m);
    m = parse("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    assert_int_equal(m.kind, CD_MSG_NOTIFICATION);
    assert_null(m.params);
    cd_msg_clear(&m);
    /* Non-ASCII text survives. */
    m = parse("{\"jsonrpc\":\"2.0\",\"method\":\"t\",\"params\":{\"text\":\"Erdo\xc4\x9f" "an \xf0\x9f\x94\xb4\"}}");
    assert_int_equal(m.kind, CD_MSG_NOTIFICATION);
    assert_string_equal(json_string_value(json_object_get(m.params, "text")),
                        "Erdo\xc4\x9f" "an \xf0\x9f\x94\xb4");
    cd_msg_clear(&m);
}

static void test_response(void **state)
{
    (void)state;
    cd_msg m = parse("{\"jsonrpc\":\"2.0\",\"id\":\"copydesk-config-1\",\"result\":[{}]}");
    assert_int_equal(m.kind, CD_MSG_RESPONSE);
    assert_true(json_is_array(m.result));
    assert_null(m.error);
    assert_null(m.method);
    cd_msg_clear(&m);
    m = parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":null}");
    assert_int_equal(m.kind, CD_MSG_RESPONSE);
    assert_true(json_is_null(m.result));
    cd_msg_clear(&m);
    m = parse("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"no\"}}");
    assert_int_equal(m.kind, CD_MSG_RESPONSE);
    assert_null(m.result);
    assert_true(json_is_object(m.error));
    cd_msg_clear(&m);
}

static void test_parse_error(void **state)
{
    (void)state;
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":9001,\"method\":", CD_RPC_PARSE_ERROR, "null");
    expect_invalid("", CD_RPC_PARSE_ERROR, "null");
    expect_invalid("Content-Length: 5", CD_RPC_PARSE_ERROR, "null");
    expect_invalid("{\"a\":1} trailing", CD_RPC_PARSE_ERROR, "null");
    /* NUL in a string is refused (JSON_ALLOW_NUL off). */
    expect_invalid("{\"jsonrpc\":\"2.0\",\"method\":\"a\\u0000b\"}", CD_RPC_PARSE_ERROR, "null");
    /* Invalid UTF-8 is the caller's to replace; here it is a parse error,
       never a crash. */
    expect_invalid("{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}", CD_RPC_PARSE_ERROR, "null");
    /* A body cut short by a too-small Content-Length. */
    const char *hover = "{\"jsonrpc\":\"2.0\",\"id\":9101,\"method\":\"textDocument/hover\"}";
    cd_msg m;
    cd_msg_parse(&m, hover, strlen(hover) - 7);
    assert_int_equal(m.kind, CD_MSG_INVALID);
    assert_int_equal(m.error_code, CD_RPC_PARSE_ERROR);
    assert_null(m.root);
    assert_true(json_is_null(m.id));
    cd_msg_clear(&m);
    /* Not NUL-terminated: only len bytes are read. */
    const char buf[] = {'{', '}', 'x'};
    cd_msg_parse(&m, buf, 2);
    assert_int_equal(m.kind, CD_MSG_INVALID);
    assert_int_equal(m.error_code, CD_RPC_INVALID_REQUEST);
    cd_msg_clear(&m);
}

static void test_invalid_request(void **state)
{
    (void)state;
    /* JSON but not an object. */
    expect_invalid("[1,2,3]", CD_RPC_INVALID_REQUEST, "null");
    expect_invalid("42", CD_RPC_INVALID_REQUEST, "null");
    expect_invalid("\"x\"", CD_RPC_INVALID_REQUEST, "null");
    expect_invalid("null", CD_RPC_INVALID_REQUEST, "null");
    /* No method, no result. The id is kept for the error reply. */
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":9002}", CD_RPC_INVALID_REQUEST, "9002");
    /* jsonrpc missing, wrong or not a string. */
    expect_invalid("{\"jsonrpc\":\"1.0\",\"id\":9003,\"method\":\"textDocument/hover\"}",
                   CD_RPC_INVALID_REQUEST, "9003");
    expect_invalid("{\"id\":\"a\",\"method\":\"m\"}", CD_RPC_INVALID_REQUEST, "\"a\"");
    expect_invalid("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"m\"}", CD_RPC_INVALID_REQUEST, "1");
    /* Method not a string. */
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}", CD_RPC_INVALID_REQUEST, "5");
    expect_invalid("{\"jsonrpc\":\"2.0\",\"method\":null}", CD_RPC_INVALID_REQUEST, "null");
    /* Invalid ids: the reply carries null. */
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}", CD_RPC_INVALID_REQUEST, "null");
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}", CD_RPC_INVALID_REQUEST, "null");
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\"}", CD_RPC_INVALID_REQUEST, "null");
    /* Params neither object nor array. */
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"m\",\"params\":3}",
                   CD_RPC_INVALID_REQUEST, "6");
    expect_invalid("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":\"x\"}",
                   CD_RPC_INVALID_REQUEST, "null");
    expect_invalid("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":null}",
                   CD_RPC_INVALID_REQUEST, "null");
    /* Bad responses. */
    expect_invalid("{\"jsonrpc\":\"2.0\",\"result\":1}", CD_RPC_INVALID_REQUEST, "null");
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":1,\"error\":{}}",
                   CD_RPC_INVALID_REQUEST, "7");
    expect_invalid("{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":\"bad\"}", CD_RPC_INVALID_REQUEST, "8");
    /* A float id is a number: accepted and carried. */
    cd_msg m = parse("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}");
    assert_int_equal(m.kind, CD_MSG_REQUEST);
    assert_true(json_is_real(m.id));
    cd_msg_clear(&m);
}

static void test_clear_twice(void **state)
{
    (void)state;
    cd_msg m = parse("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}");
    cd_msg_clear(&m);
    cd_msg_clear(&m); /* clear leaves an empty message */
    assert_null(m.root);
}

/* Compact text of a built message. */
static char *dump(json_t *j)
{
    assert_non_null(j);
    char *s = json_dumps(j, JSON_COMPACT);
    assert_non_null(s);
    json_decref(j);
    return s;
}

static void test_builders(void **state)
{
    (void)state;
    json_t *id = json_integer(12);
    char *s = dump(cd_rpc_response_take(id, json_pack("{s:i}", "a", 1)));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":{\"a\":1}}");
    free(s);
    /* The builder took its own reference: id is still ours. */
    assert_int_equal(json_integer_value(id), 12);

    s = dump(cd_rpc_response_take(NULL, NULL));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":null}");
    free(s);

    s = dump(cd_rpc_error(id, CD_RPC_METHOD_NOT_FOUND, "unknown method"));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"id\":12,\"error\":{\"code\":-32601,"
                           "\"message\":\"unknown method\"}}");
    free(s);
    json_decref(id);

    s = dump(cd_rpc_error(NULL, CD_RPC_PARSE_ERROR, NULL));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                           "\"message\":\"\"}}");
    free(s);
    /* A message with invalid UTF-8 still makes a reply. */
    s = dump(cd_rpc_error(json_null(), CD_RPC_PARSE_ERROR, "near '\xc3' x \xed\xa0\x80"));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                           "\"message\":\"near '?' x ???\"}}");
    free(s);

    s = dump(cd_rpc_notification_take("textDocument/publishDiagnostics",
                                      json_pack("{s:s}", "uri", "file:///a.md")));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
                           "\"params\":{\"uri\":\"file:///a.md\"}}");
    free(s);
    s = dump(cd_rpc_notification_take("exit", NULL));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    free(s);

    s = dump(cd_rpc_request_take(json_string("copydesk-config-1"), "workspace/configuration",
                                 json_pack("{s:[]}", "items")));
    assert_string_equal(s, "{\"jsonrpc\":\"2.0\",\"id\":\"copydesk-config-1\","
                           "\"method\":\"workspace/configuration\",\"params\":{\"items\":[]}}");
    free(s);
}

static void test_round_trip_error_id(void **state)
{
    (void)state;
    /* The dispatcher's path: an invalid request's id goes into the error. */
    cd_msg m = parse("{\"jsonrpc\":\"1.0\",\"id\":\"x-1\",\"method\":\"m\"}");
    assert_int_equal(m.kind, CD_MSG_INVALID);
    char *s = dump(cd_rpc_error(m.id, m.error_code, m.error_msg));
    cd_msg_clear(&m);
    json_t *back = json_loads(s, 0, NULL);
    free(s);
    assert_non_null(back);
    assert_string_equal(json_string_value(json_object_get(back, "id")), "x-1");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(back, "error"), "code")),
                     CD_RPC_INVALID_REQUEST);
    json_decref(back);
}

/* msg framed as the server writes it (cd_jsonw_json + cd_jsonw_frame),
   copied out NUL-terminated (caller frees); *len gets the frame's length. */
static char *frame(const json_t *msg, size_t *len)
{
    cd_jsonw w = {0};
    cd_jsonw_json(&w, msg);
    size_t n = 0;
    const char *f = cd_jsonw_frame(&w, &n);
    assert_non_null(f);
    char *out = malloc(n + 1);
    assert_non_null(out);
    memcpy(out, f, n);
    out[n] = '\0';
    cd_jsonw_free(&w);
    if (len)
        *len = n;
    return out;
}

static void test_frame(void **state)
{
    (void)state;
    json_t *msg = cd_rpc_notification_take(
        "window/logMessage",
        json_pack("{s:s}", "message", "Erdo\xc4\x9f" "an \xe2\x80\x9cquote\xe2\x80\x9d a/b"));
    assert_non_null(msg);
    size_t len = 0;
    char *out = frame(msg, &len);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    const char *sep = strstr(out, "\r\n\r\n");
    assert_non_null(sep);
    const char *body = sep + 4;
    size_t body_len = len - (size_t)(body - out);
    char want[64];
    snprintf(want, sizeof want, "Content-Length: %zu\r\n\r\n", body_len);
    assert_memory_equal(out, want, strlen(want));
    /* Compact, UTF-8 kept as bytes (not \u escapes). */
    assert_null(strstr(body, "\": "));
    assert_null(strstr(body, ", "));
    assert_non_null(strstr(body, "Erdo\xc4\x9f" "an"));
    assert_null(strstr(body, "\\u"));
    /* The body parses back to the same message. */
    cd_msg m;
    cd_msg_parse(&m, body, body_len);
    assert_int_equal(m.kind, CD_MSG_NOTIFICATION);
    assert_true(json_equal(m.root, msg));
    cd_msg_clear(&m);
    free(out);
    json_decref(msg);

    json_t *r = cd_rpc_response_take(NULL, json_true());
    out = frame(r, NULL);
    assert_non_null(out);
    assert_string_equal(out, "Content-Length: 41\r\n\r\n"
                             "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":true}");
    free(out);
    json_decref(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request),
        cmocka_unit_test(test_notification),
        cmocka_unit_test(test_response),
        cmocka_unit_test(test_parse_error),
        cmocka_unit_test(test_invalid_request),
        cmocka_unit_test(test_clear_twice),
        cmocka_unit_test(test_builders),
        cmocka_unit_test(test_round_trip_error_id),
        cmocka_unit_test(test_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
