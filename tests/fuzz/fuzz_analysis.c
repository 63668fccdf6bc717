/* libFuzzer target: the analysis entry point on arbitrary text, as
 * Markdown and as plain text (the first byte picks), with a publication
 * date, and every finding's range checked against the text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "copydesk/analysis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    cd_options o;
    cd_options_init(&o);
    o.markdown = data[0] & 1;
    if (data[0] & 2) {
        o.pub_date = (cd_date){2016, 3, 23};
        o.pub_source = CD_PUB_ARGUMENT;
    }
    size_t len;
    char *text = cd_utf8_sanitize((const char *)data + 1, size - 1, &len);
    if (!text)
        return 0;
    cd_result *r = cd_analyze(text, len, &o);
    for (size_t i = 0; r && i < r->count; i++) {
        const cd_finding *f = &r->items[i];
        if (f->start > f->end || f->end > len || !f->message)
            abort();
        for (size_t k = 0; k < f->n_related; k++)
            if (f->related[k].start > f->related[k].end || f->related[k].end > len)
                abort();
    }
    for (size_t i = 0; r && i < r->n_quotes; i++)
        if (r->quotes[i].start > r->quotes[i].end || r->quotes[i].end > len)
            abort();
    cd_result_free(r);
    free(text);
    return 0;
}
