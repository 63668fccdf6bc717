/* libFuzzer target: the Content-Length framer fed arbitrary bytes in
 * arbitrary splits (the first byte picks the chunk size). */
#include <stddef.h>
#include <stdint.h>

#include "protocol/framing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t chunk = (size_t)data[0] % 17 + 1;
    data++;
    size--;
    cd_framer *f = cd_framer_new();
    if (!f)
        return 0;
    for (size_t at = 0; at < size; at += chunk) {
        size_t n = size - at < chunk ? size - at : chunk;
        cd_framer_feed(f, (const char *)data + at, n);
        const char *body, *err;
        size_t len;
        cd_frame_status st;
        while ((st = cd_framer_next(f, &body, &len, &err)) != CD_FRAME_NONE) {
            /* touch every byte of a body, so ASan sees a bad pointer */
            volatile char sink = 0;
            for (size_t i = 0; st == CD_FRAME_BODY && i < len; i++)
                sink ^= body[i];
            (void)sink;
        }
    }
    cd_framer_free(f);
    return 0;
}
