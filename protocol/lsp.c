#include "protocol/lsp.h"

#include <string.h>

json_t *cd_lsp_range(const cd_lsp_view *v, size_t start, size_t end)
{
    cd_position a = cd_position_from_offset(v->ix, v->text, start, v->enc);
    cd_position b = cd_position_from_offset(v->ix, v->text, end, v->enc);
    return json_pack("{s:{s:I,s:I},s:{s:I,s:I}}",
                     "start", "line", (json_int_t)a.line, "character", (json_int_t)a.character,
                     "end", "line", (json_int_t)b.line, "character", (json_int_t)b.character);
}

json_t *cd_lsp_diagnostic(const cd_lsp_view *v, const cd_finding *f)
{
    char href[256];
    snprintf(href, sizeof href, "%s%s.md", CD_DOCS_BASE_URL, cd_code_name(f->code));
    json_t *d = json_object();
    json_object_set_new(d, "range", cd_lsp_range(v, f->start, f->end));
    json_object_set_new(d, "severity", json_integer(f->severity));
    json_object_set_new(d, "code", json_string(cd_code_name(f->code)));
    json_object_set_new(d, "codeDescription", json_pack("{s:s}", "href", href));
    json_object_set_new(d, "source", json_string("copydesk"));
    json_object_set_new(d, "message", json_string(f->message ? f->message : ""));
    if (f->n_related > 0) {
        json_t *rel = json_array();
        for (size_t i = 0; i < f->n_related; i++) {
            const cd_related *r = &f->related[i];
            json_array_append_new(rel, json_pack("{s:{s:s,s:o},s:s}",
                "location", "uri", v->uri ? v->uri : "",
                "range", cd_lsp_range(v, r->start, r->end),
                "message", r->message ? r->message : ""));
        }
        json_object_set_new(d, "relatedInformation", rel);
    }
    return d;
}

json_t *cd_lsp_diagnostics(const cd_lsp_view *v, const cd_result *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; r && i < r->count; i++)
        json_array_append_new(arr, cd_lsp_diagnostic(v, &r->items[i]));
    return arr;
}

int cd_lsp_parse_position(const json_t *obj, cd_position *out)
{
    if (!json_is_object(obj))
        return -1;
    json_t *l = json_object_get(obj, "line");
    json_t *c = json_object_get(obj, "character");
    if (!json_is_integer(l) || !json_is_integer(c))
        return -1;
    json_int_t li = json_integer_value(l), ci = json_integer_value(c);
    if (li < 0 || ci < 0)
        return -1;
    out->line = li > UINT32_MAX ? UINT32_MAX : (uint32_t)li;
    out->character = ci > UINT32_MAX ? UINT32_MAX : (uint32_t)ci;
    return 0;
}
