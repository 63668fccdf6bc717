/* Unit tests for protocol/framing.c: splits, batching, and the LSP
 * robustness battery (every bad input must be followed by a frame that
 * still comes out). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/framing.h"

/* What the framer produced, flattened for comparison: bodies in order and
   the number of errors. Owned by the test. */
typedef struct events {
    char *bodies[64];
    size_t lens[64];
    size_t n_bodies;
    size_t n_errors;
} events;

static void events_free(events *ev)
{
    for (size_t i = 0; i < ev->n_bodies; i++)
        free(ev->bodies[i]);
    memset(ev, 0, sizeof *ev);
}

static void drain(cd_framer *f, events *ev)
{
    for (;;) {
        const char *body = NULL, *err = NULL;
        size_t len = 0;
        cd_frame_status st = cd_framer_next(f, &body, &len, &err);
        if (st == CD_FRAME_NONE)
            return;
        if (st == CD_FRAME_ERROR) {
            assert_non_null(err);
            ev->n_errors++;
            continue;
        }
        assert_int_equal(st, CD_FRAME_BODY);
        assert_true(ev->n_bodies < 64);
        char *copy = malloc(len + 1);
        assert_non_null(copy);
        memcpy(copy, body, len);
        copy[len] = '\0';
        ev->bodies[ev->n_bodies] = copy;
        ev->lens[ev->n_bodies] = len;
        ev->n_bodies++;
    }
}

/* Feeds data in chunks of `step` bytes (0 = all at once), draining after
   every chunk as the server does. */
static void feed_split(cd_framer *f, const char *data, size_t len, size_t step, events *ev)
{
    if (step == 0)
        step = len ? len : 1;
    for (size_t i = 0; i < len; i += step) {
        size_t n = len - i < step ? len - i : step;
        assert_int_equal(cd_framer_feed(f, data + i, n), 0);
        drain(f, ev);
    }
    drain(f, ev);
}

static char *frame(const char *body)
{
    size_t n = strlen(body);
    char *out = malloc(n + 64);
    assert_non_null(out);
    snprintf(out, n + 64, "Content-Length: %zu\r\n\r\n%s", n, body);
    return out;
}

static const size_t STEPS[] = {0, 1, 2, 3, 7, 13};
#define N_STEPS (sizeof STEPS / sizeof STEPS[0])

static void test_new_free(void **state)
{
    (void)state;
    cd_framer_free(NULL);
    cd_framer *f = cd_framer_new();
    assert_non_null(f);
    events ev = {0};
    drain(f, &ev);
    assert_int_equal(ev.n_bodies, 0);
    assert_int_equal(cd_framer_feed(f, "", 0), 0);
    drain(f, &ev);
    assert_int_equal(ev.n_bodies + ev.n_errors, 0);
    cd_framer_free(f);
}

static void test_single_in_splits(void **state)
{
    (void)state;
    const char *body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}";
    char *msg = frame(body);
    for (size_t s = 0; s < N_STEPS; s++) {
        cd_framer *f = cd_framer_new();
        events ev = {0};
        feed_split(f, msg, strlen(msg), STEPS[s], &ev);
        assert_int_equal(ev.n_errors, 0);
        assert_int_equal(ev.n_bodies, 1);
        assert_string_equal(ev.bodies[0], body);
        events_free(&ev);
        cd_framer_free(f);
    }
    free(msg);
}

static void test_many_in_one_chunk(void **state)
{
    (void)state;
    const char *bodies[] = {"{\"a\":1}", "{}", "{\"b\":\"caf\xc3\xa9 \xf0\x9f\x94\xb4\"}",
                            "[1,2,3]", "{\"c\":null}"};
    size_t nb = sizeof bodies / sizeof bodies[0];
    char all[1024] = "";
    for (size_t i = 0; i < nb; i++) {
        char *m = frame(bodies[i]);
        strcat(all, m);
        free(m);
    }
    /* Extra headers, lower-case names and a bare "\n\n" are all accepted. */
    strcat(all, "content-type: application/vscode-jsonrpc; charset=utf-8\r\n"
                "CONTENT-LENGTH:2\r\n\r\n{}");
    strcat(all, "Content-Length:  3 \n\nabc");
    for (size_t s = 0; s < N_STEPS; s++) {
        cd_framer *f = cd_framer_new();
        events ev = {0};
        feed_split(f, all, strlen(all), STEPS[s], &ev);
        assert_int_equal(ev.n_errors, 0);
        assert_int_equal(ev.n_bodies, nb + 2);
        for (size_t i = 0; i < nb; i++)
            assert_string_equal(ev.bodies[i], bodies[i]);
        assert_string_equal(ev.bodies[nb], "{}");
        assert_string_equal(ev.bodies[nb + 1], "abc");
        events_free(&ev);
        cd_framer_free(f);
    }
}

static void test_empty_body(void **state)
{
    (void)state;
    const char *in = "Content-Length: 0\r\n\r\nContent-Length: 2\r\n\r\n{}";
    cd_framer *f = cd_framer_new();
    events ev = {0};
    feed_split(f, in, strlen(in), 0, &ev);
    assert_int_equal(ev.n_errors, 0);
    assert_int_equal(ev.n_bodies, 2);
    assert_int_equal(ev.lens[0], 0);
    assert_string_equal(ev.bodies[1], "{}");
    events_free(&ev);
    cd_framer_free(f);
}

/* The body pointer must point into the framer (no copy) and survive until
   the next call: check it against a second body taken afterwards. */
static void test_body_not_terminated(void **state)
{
    (void)state;
    const char *in = "Content-Length: 3\r\n\r\nabcContent-Length: 3\r\n\r\nxyz";
    cd_framer *f = cd_framer_new();
    assert_int_equal(cd_framer_feed(f, in, strlen(in)), 0);
    const char *b = NULL, *err = NULL;
    size_t n = 0;
    assert_int_equal(cd_framer_next(f, &b, &n, &err), CD_FRAME_BODY);
    assert_int_equal(n, 3);
    assert_memory_equal(b, "abc", 3);
    assert_int_equal(b[3], 'C'); /* not NUL-terminated: the next header follows */
    assert_int_equal(cd_framer_next(f, &b, &n, &err), CD_FRAME_BODY);
    assert_memory_equal(b, "xyz", 3);
    assert_int_equal(cd_framer_next(f, &b, &n, &err), CD_FRAME_NONE);
    cd_framer_free(f);
}

/* One bad input followed by two valid frames. `lost` frames of the valid
   ones may be eaten (a header without a body eats the next frame), the
   rest must come out, and at least `min_errors` errors are reported. */
static void check_bad(const char *bad, size_t bad_len, size_t lost, size_t min_errors,
                      size_t extra_bodies)
{
    const char *ok1 = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"probe/ping\"}";
    const char *ok2 = "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"probe/ping\"}";
    char *f1 = frame(ok1), *f2 = frame(ok2);
    size_t n = bad_len + strlen(f1) + strlen(f2);
    char *in = malloc(n + 1);
    assert_non_null(in);
    memcpy(in, bad, bad_len);
    strcpy(in + bad_len, f1);
    strcat(in + bad_len, f2);
    for (size_t s = 0; s < N_STEPS; s++) {
        cd_framer *f = cd_framer_new();
        events ev = {0};
        feed_split(f, in, n, STEPS[s], &ev);
        assert_true(ev.n_errors >= min_errors);
        assert_int_equal(ev.n_bodies, extra_bodies + 2 - lost);
        assert_string_equal(ev.bodies[ev.n_bodies - 1], ok2);
        if (lost == 0)
            assert_string_equal(ev.bodies[ev.n_bodies - 2], ok1);
        events_free(&ev);
        cd_framer_free(f);
    }
    free(in);
    free(f1);
    free(f2);
}

static const char HOVER[] =
    "{\"jsonrpc\":\"2.0\",\"id\":9101,\"method\":\"textDocument/hover\",\"params\":"
    "{\"textDocument\":{\"uri\":\"file:///x\"},\"position\":{\"line\":0,\"character\":0}}}";

static void test_nonnumeric_length(void **state)
{
    (void)state;
    /* The probe sends a bare body after the bad header: it is garbage. */
    char bad[512];
    snprintf(bad, sizeof bad, "Content-Length: abc\r\n\r\n%s", HOVER);
    check_bad(bad, strlen(bad), 0, 1, 0);
    check_bad("Content-Length: -5\r\n\r\n", 22, 0, 1, 0);
    check_bad("Content-Length: 5x\r\n\r\n", 22, 0, 1, 0);
    check_bad("Content-Length: \r\n\r\n", 20, 0, 1, 0);
    check_bad("Content-Length: 0x10\r\n\r\n", 24, 0, 1, 0);
}

static void test_missing_length(void **state)
{
    (void)state;
    char bad[512];
    snprintf(bad, sizeof bad,
             "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s", HOVER);
    check_bad(bad, strlen(bad), 0, 1, 0);
}

static void test_length_too_small(void **state)
{
    (void)state;
    /* The cut body comes out (its JSON parse fails later), then the seven
       leftover bytes are skipped and the next header is found. */
    char bad[512];
    snprintf(bad, sizeof bad, "Content-Length: %zu\r\n\r\n%s", strlen(HOVER) - 7, HOVER);
    check_bad(bad, strlen(bad), 0, 1, 1);
    cd_framer *f = cd_framer_new();
    events ev = {0};
    feed_split(f, bad, strlen(bad), 0, &ev);
    assert_int_equal(ev.n_bodies, 1);
    assert_int_equal(ev.lens[0], strlen(HOVER) - 7);
    assert_memory_equal(ev.bodies[0], HOVER, strlen(HOVER) - 7);
    events_free(&ev);
    cd_framer_free(f);
}

static void test_header_without_body(void **state)
{
    (void)state;
    /* 60 bytes are taken from the next frame (which is lost, as the probe
       expects); the framer resyncs on the frame after it. */
    const char *bad = "Content-Length: 60\r\n\r\n";
    check_bad(bad, strlen(bad), 1, 1, 1);
}

static void test_huge_length(void **state)
{
    (void)state;
    /* Must be rejected at once: no allocation, no waiting for the body. */
    const char *bad = "Content-Length: 99999999999999999999\r\n\r\n";
    check_bad(bad, strlen(bad), 0, 1, 0);
    const char *bad2 = "Content-Length: 67108865\r\n\r\n"; /* MAX + 1 */
    check_bad(bad2, strlen(bad2), 0, 1, 0);
    const char *bad3 = "Content-Length: 184467440737095516170\r\n\r\n"; /* wraps 2^64 */
    check_bad(bad3, strlen(bad3), 0, 1, 0);

    cd_framer *f = cd_framer_new();
    assert_int_equal(cd_framer_feed(f, bad, strlen(bad)), 0);
    const char *b, *err = NULL;
    size_t n;
    assert_int_equal(cd_framer_next(f, &b, &n, &err), CD_FRAME_ERROR);
    assert_string_equal(err, "body too large");
    assert_int_equal(cd_framer_next(f, &b, &n, &err), CD_FRAME_NONE);
    cd_framer_free(f);
}

static void test_conflicting_lengths(void **state)
{
    (void)state;
    const char *bad = "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!";
    check_bad(bad, strlen(bad), 0, 1, 0);
    /* Repeating the same value is fine. */
    const char *ok = "Content-Length: 2\r\ncontent-length: 2\r\n\r\n{}";
    cd_framer *f = cd_framer_new();
    events ev = {0};
    feed_split(f, ok, strlen(ok), 1, &ev);
    assert_int_equal(ev.n_errors, 0);
    assert_int_equal(ev.n_bodies, 1);
    events_free(&ev);
    cd_framer_free(f);
}

static void test_garbage(void **state)
{
    (void)state;
    check_bad("}}}}}}}", 7, 0, 1, 0);
    check_bad("hello world\r\n\r\n", 15, 0, 1, 0);
    check_bad("Content-Length", 14, 0, 1, 0); /* a prefix of a header name */
    check_bad("\x00\xff\xfe", 3, 0, 1, 0);
    check_bad("abc: def\r\nno colon here\r\n\r\n", 27, 0, 1, 0);
    check_bad("Bad Name: 1\r\n\r\n", 15, 0, 1, 0);
    /* The valid frame hides after garbage with no newline before it. */
    check_bad("x\":0}}}", 7, 0, 1, 0);
    /* Blank lines between frames: skipped without an error. */
    check_bad("\r\n\r\n", 4, 0, 0, 0);
    /* A header name that never ends is bounded. */
    size_t n = 20000;
    char *junk = malloc(n);
    assert_non_null(junk);
    memset(junk, 'a', n);
    check_bad(junk, n, 0, 1, 0);
    free(junk);
}

static void test_resync_inside_line(void **state)
{
    (void)state;
    /* Leftover bytes that look like a header line end in a real header:
       the real one must not be swallowed by the block. */
    const char *bad = "abc: de}Content-Length: 2\r\n\r\n{}";
    cd_framer *f = cd_framer_new();
    events ev = {0};
    feed_split(f, bad, strlen(bad), 0, &ev);
    /* "abc: de}Content-Length: 2" parses as one "abc" line, so the block
       has no length of its own; the resync finds the embedded header. */
    assert_int_equal(ev.n_errors, 1);
    assert_int_equal(ev.n_bodies, 1);
    assert_string_equal(ev.bodies[0], "{}");
    events_free(&ev);
    cd_framer_free(f);
}

/* A several-megabyte body fed in small chunks, then a small message:
   exercises growth, compaction and shrinking. */
static void test_large_bodies(void **state)
{
    (void)state;
    size_t big = 5u * 1024 * 1024;
    char *body = malloc(big);
    assert_non_null(body);
    for (size_t i = 0; i < big; i++)
        body[i] = (char)('a' + (i % 26));
    char hdr[64];
    int hn = snprintf(hdr, sizeof hdr, "Content-Length: %zu\r\n\r\n", big);
    cd_framer *f = cd_framer_new();
    for (int round = 0; round < 3; round++) {
        assert_int_equal(cd_framer_feed(f, hdr, (size_t)hn), 0);
        const char *b, *err;
        size_t n;
        size_t got = 0;
        for (size_t i = 0; i < big; i += 4096) {
            size_t k = big - i < 4096 ? big - i : 4096;
            assert_int_equal(cd_framer_feed(f, body + i, k), 0);
            cd_frame_status st;
            while ((st = cd_framer_next(f, &b, &n, &err)) != CD_FRAME_NONE) {
                assert_int_equal(st, CD_FRAME_BODY);
                assert_int_equal(n, big);
                assert_memory_equal(b, body, big);
                got++;
            }
        }
        assert_int_equal(got, 1);
        assert_int_equal(cd_framer_feed(f, "Content-Length: 2\r\n\r\n{}", 23), 0);
        assert_int_equal(cd_framer_next(f, &b, &n, &err), CD_FRAME_BODY);
        assert_memory_equal(b, "{}", 2);
        assert_int_equal(cd_framer_next(f, &b, &n, &err), CD_FRAME_NONE);
    }
    free(body);
    cd_framer_free(f);
}

/* Many small frames streamed through one framer with partial reads that
   never line up with frame boundaries. */
static void test_stream_many(void **state)
{
    (void)state;
    size_t count = 20000;
    size_t cap = count * 64;
    char *in = malloc(cap);
    assert_non_null(in);
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        char body[32];
        int bl = snprintf(body, sizeof body, "{\"id\":%zu}", i);
        n += (size_t)snprintf(in + n, cap - n, "Content-Length: %d\r\n\r\n%s", bl, body);
    }
    cd_framer *f = cd_framer_new();
    size_t seen = 0;
    for (size_t i = 0; i < n;) {
        size_t k = 1 + (i * 7919) % 4001;
        if (k > n - i)
            k = n - i;
        assert_int_equal(cd_framer_feed(f, in + i, k), 0);
        i += k;
        const char *b, *err;
        size_t bl;
        cd_frame_status st;
        while ((st = cd_framer_next(f, &b, &bl, &err)) != CD_FRAME_NONE) {
            assert_int_equal(st, CD_FRAME_BODY);
            char want[32];
            int wl = snprintf(want, sizeof want, "{\"id\":%zu}", seen);
            assert_int_equal(bl, (size_t)wl);
            assert_memory_equal(b, want, bl);
            seen++;
        }
    }
    assert_int_equal(seen, count);
    free(in);
    cd_framer_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_free),
        cmocka_unit_test(test_single_in_splits),
        cmocka_unit_test(test_many_in_one_chunk),
        cmocka_unit_test(test_empty_body),
        cmocka_unit_test(test_body_not_terminated),
        cmocka_unit_test(test_nonnumeric_length),
        cmocka_unit_test(test_missing_length),
        cmocka_unit_test(test_length_too_small),
        cmocka_unit_test(test_header_without_body),
        cmocka_unit_test(test_huge_length),
        cmocka_unit_test(test_conflicting_lengths),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_resync_inside_line),
        cmocka_unit_test(test_large_bodies),
        cmocka_unit_test(test_stream_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
