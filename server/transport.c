/* stdin -> framer -> dispatch; dispatch -> stdout.
 *
 * Editors give us a pipe; tests and shell users may give a regular file
 * (libuv cannot poll a file, so it is read through uv_fs_read) or a
 * terminal. Writes are blocking: responses are small, and a client that
 * stops reading has stopped being a client. */
#include "server/server.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void drain_framer(cd_server *srv)
{
    const char *body, *err;
    size_t len;
    for (;;) {
        cd_frame_status st = cd_framer_next(srv->framer, &body, &len, &err);
        if (st == CD_FRAME_NONE)
            break;
        if (st == CD_FRAME_ERROR) {
            fprintf(stderr, "copydesk: skipped a frame: %s\n", err);
            continue;
        }
        cd_dispatch_body(srv, body, len);
        if (srv->exiting)
            break;
    }
}

static void on_input(cd_server *srv, const char *data, size_t n)
{
    if (cd_framer_feed(srv->framer, data, n) != 0) {
        fprintf(stderr, "copydesk: out of memory reading input\n");
        cd_server_begin_exit(srv, 1);
        return;
    }
    drain_framer(srv);
}

static void on_eof(cd_server *srv)
{
    srv->reading = false;
    if (!srv->exiting) {
        /* The client went away without "exit": the exit-code rule says 1
           unless it had asked for shutdown. */
        cd_server_begin_exit(srv, srv->state == CD_STATE_SHUTDOWN ? 0 : 1);
    }
}

/* ---- stream (pipe or tty) ---- */

static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    cd_server *srv = h->data;
    buf->base = srv->in_buf;
    buf->len = sizeof srv->in_buf;
}

static void read_cb(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    cd_server *srv = s->data;
    if (n > 0)
        on_input(srv, buf->base, (size_t)n);
    else if (n < 0) {
        if (n != UV_EOF)
            fprintf(stderr, "copydesk: reading stdin: %s\n", uv_strerror((int)n));
        uv_read_stop(s);
        on_eof(srv);
    }
}

/* ---- regular file ---- */

static void file_read_cb(uv_fs_t *req)
{
    cd_server *srv = req->data;
    ssize_t n = req->result;
    uv_fs_req_cleanup(req);
    if (n > 0 && !srv->exiting) {
        on_input(srv, srv->in_buf, (size_t)n);
        if (!srv->exiting) {
            uv_buf_t b = uv_buf_init(srv->in_buf, sizeof srv->in_buf);
            if (uv_fs_read(srv->loop, &srv->in_read, 0, &b, 1, -1, file_read_cb) == 0)
                return;
        }
    }
    srv->reading = false;
    if (n < 0)
        fprintf(stderr, "copydesk: reading stdin: %s\n", uv_strerror((int)n));
    if (!srv->exiting)
        on_eof(srv);
}

int cd_transport_start(cd_server *srv)
{
    uv_handle_type t = uv_guess_handle(0);
    int rc;
    srv->in_read.data = srv;
    if (t == UV_FILE) {
        srv->in_is_stream = false;
        uv_buf_t b = uv_buf_init(srv->in_buf, sizeof srv->in_buf);
        rc = uv_fs_read(srv->loop, &srv->in_read, 0, &b, 1, -1, file_read_cb);
        if (rc == 0)
            srv->reading = true;
        return rc;
    }
    if (t == UV_TTY)
        rc = uv_tty_init(srv->loop, &srv->in.tty, 0, 1);
    else {
        rc = uv_pipe_init(srv->loop, &srv->in.pipe, 0);
        if (rc == 0 && (rc = uv_pipe_open(&srv->in.pipe, 0)) != 0)
            uv_close((uv_handle_t *)&srv->in.pipe, NULL);
    }
    if (rc != 0)
        return rc;
    srv->in_is_stream = true;
    srv->in.pipe.data = srv;
    rc = uv_read_start((uv_stream_t *)&srv->in.pipe, alloc_cb, read_cb);
    if (rc == 0)
        srv->reading = true;
    return rc;
}

void cd_transport_stop(cd_server *srv)
{
    if (srv->in_is_stream && !srv->in_closed) {
        srv->in_closed = true;
        uv_read_stop((uv_stream_t *)&srv->in.pipe);
        uv_close((uv_handle_t *)&srv->in.pipe, NULL);
    } else if (!srv->in_is_stream && srv->reading) {
        /* A file read in flight finishes on its own; its callback sees
           srv->exiting and stops. */
        uv_cancel((uv_req_t *)&srv->in_read);
    }
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
        } else if (w < 0 && errno == EINTR) {
            continue;
        } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            /* stdout shares a non-blocking file description with stdin
               (a terminal or socket): wait until it drains. */
            struct pollfd pfd = {.fd = fd, .events = POLLOUT};
            poll(&pfd, 1, 1000);
        } else {
            return; /* the client is gone; reading will see EOF */
        }
    }
}

cd_jsonw *cd_server_begin(cd_server *srv)
{
    cd_jsonw_clear(&srv->out);
    return &srv->out;
}

void cd_server_write(cd_server *srv, cd_jsonw *w)
{
    (void)srv;
    size_t len;
    const char *frame = cd_jsonw_frame(w, &len);
    if (!frame) {
        fprintf(stderr, "copydesk: out of memory writing a message\n");
        return;
    }
    write_all(STDOUT_FILENO, frame, len);
}

void cd_server_send(cd_server *srv, const json_t *msg)
{
    cd_jsonw *w = cd_server_begin(srv);
    cd_jsonw_json(w, msg);
    cd_server_write(srv, w);
}

void cd_server_send_take(cd_server *srv, json_t *msg)
{
    if (msg)
        cd_server_send(srv, msg);
    json_decref(msg);
}
