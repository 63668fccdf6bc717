/* libFuzzer target: JSON-RPC classification of arbitrary bodies (after
 * the same UTF-8 repair the server does), and the replies built from
 * them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "copydesk/analysis.h"
#include "protocol/jsonrpc.h"
#include "protocol/jsonw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len;
    char *clean = cd_utf8_sanitize((const char *)data, size, &len);
    if (!clean)
        return 0;
    cd_msg m;
    cd_msg_parse(&m, clean, len);
    json_t *reply = m.kind == CD_MSG_INVALID
                        ? cd_rpc_error(m.id, m.error_code, m.error_msg)
                        : cd_rpc_response_take(m.id, json_null());
    /* Framed as the server writes every reply. */
    cd_jsonw w = {0};
    cd_jsonw_json(&w, reply);
    size_t n;
    cd_jsonw_frame(&w, &n);
    cd_jsonw_free(&w);
    json_decref(reply);
    cd_msg_clear(&m);
    free(clean);
    return 0;
}
