/* copydesk.json files as the server sees them: found from each document's
 * folder upwards, loaded once, reloaded when the client says one changed,
 * and reported as a diagnostic on the file itself when invalid. */
#include "server/server.h"

#include "protocol/uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Publishes the config file's own diagnostics: one error when invalid,
 * none when valid (clearing an earlier report). */
static void publish_config(cd_server *srv, const cd_config *cfg)
{
    char *uri = cd_uri_from_path(cfg->path);
    if (!uri)
        return;
    json_t *diags = json_array();
    if (!cfg->valid) {
        /* Position: jansson and our key search give 1-based line/column in
           characters; the file is JSON, almost always ASCII. */
        json_int_t line = cfg->line - 1, col = cfg->column - 1;
        json_array_append_new(diags, json_pack(
            "{s:{s:{s:I,s:I},s:{s:I,s:I}},s:i,s:s,s:s,s:s}",
            "range", "start", "line", line, "character", col,
            "end", "line", line, "character", col + 1,
            "severity", 1, "code", "config", "source", "copydesk",
            "message", cfg->msg));
    }
    json_t *params = json_pack("{s:s,s:o}", "uri", uri, "diagnostics", diags);
    cd_server_send_take(srv, cd_rpc_notification_take("textDocument/publishDiagnostics", params));
    free(uri);
}

const cd_config *cd_workspace_config_for(cd_server *srv, const char *doc_uri)
{
    char *path = cd_uri_to_path(doc_uri);
    if (!path)
        return NULL;
    bool loaded_now;
    const cd_config *cfg = cd_config_cache_for_file(&srv->configs, path, &loaded_now);
    free(path);
    if (cfg && loaded_now) {
        if (!cfg->valid)
            fprintf(stderr, "copydesk: %s:%d:%d: invalid config: %s (the defaults apply)\n",
                    cfg->path, cfg->line, cfg->column, cfg->msg);
        publish_config(srv, cfg);
    }
    return cfg;
}

void cd_workspace_forget_configs(cd_server *srv)
{
    cd_config_cache_clear(&srv->configs);
}

int cd_workspace_settings_for(cd_server *srv, const char *doc_uri, cd_settings *out)
{
    const cd_config *cfg = cd_workspace_config_for(srv, doc_uri);
    if (!cfg)
        return cd_settings_copy(out, &srv->settings);
    return cd_settings_merge(out, &cfg->settings, &srv->settings);
}
