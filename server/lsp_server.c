/* `copydesk lsp`: the server's life from the first byte to uv_loop_close. */
#include "server/server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cd_server_begin_exit(cd_server *srv, int code)
{
    if (srv->exiting)
        return;
    srv->exiting = true;
    srv->exit_code = code;
    cd_transport_stop(srv);
    cd_documents_shutdown(srv);
    uv_timer_stop(&srv->config_timer);
    if (!uv_is_closing((uv_handle_t *)&srv->config_timer))
        uv_close((uv_handle_t *)&srv->config_timer, NULL);
}

int cd_lsp_main(void)
{
    /* A client that dies mid-write must not kill us with SIGPIPE: the
       write fails and the read side sees EOF. */
    signal(SIGPIPE, SIG_IGN);

    cd_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        fprintf(stderr, "copydesk: out of memory\n");
        return 1;
    }
    uv_loop_t *loop = malloc(sizeof *loop);
    if (!loop || uv_loop_init(loop) != 0) {
        fprintf(stderr, "copydesk: cannot start the event loop\n");
        free(loop);
        free(srv);
        return 1;
    }
    srv->loop = loop;
    srv->framer = cd_framer_new();
    cd_settings_init(&srv->settings);
    uv_timer_init(loop, &srv->config_timer);
    srv->config_timer.data = srv;
    int rc = srv->framer ? cd_transport_start(srv) : UV_ENOMEM;
    if (rc != 0) {
        fprintf(stderr, "copydesk: cannot read stdin: %s\n", uv_strerror(rc));
        cd_server_begin_exit(srv, 1);
    }
    uv_run(loop, UV_RUN_DEFAULT);

    int code = srv->exiting ? srv->exit_code : 1;
    int closed = uv_loop_close(loop);
    if (closed != 0) {
        fprintf(stderr, "copydesk: event loop still busy at exit: %s\n", uv_strerror(closed));
        if (code == 0)
            code = 1;
    }
    free(loop);
    cd_framer_free(srv->framer);
    cd_jsonw_free(&srv->out);
    json_decref(srv->init_settings);
    cd_settings_destroy(&srv->settings);
    cd_workspace_forget_configs(srv);
    json_decref(srv->config_request_id);
    free(srv);
    return code;
}
