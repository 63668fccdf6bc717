#include "protocol/lsp.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* {"line": L, "character": C}. The converters below call jansson's
 * constructors directly rather than json_pack: a 100,000-word document
 * has two thousand diagnostics, and parsing a pack format for each of
 * their ranges cost as much as building them. Key order is the same. */
static json_t *position_new(cd_position p)
{
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer((json_int_t)p.line));
    json_object_set_new(o, "character", json_integer((json_int_t)p.character));
    return o;
}

json_t *cd_lsp_range(const cd_lsp_view *v, size_t start, size_t end)
{
    cd_position a = cd_position_from_offset(v->ix, v->text, start, v->enc);
    cd_position b = cd_position_from_offset(v->ix, v->text, end, v->enc);
    json_t *r = json_object();
    json_object_set_new(r, "start", position_new(a));
    json_object_set_new(r, "end", position_new(b));
    return r;
}

/* The parts of a Diagnostic that depend on its code only. */
typedef struct code_nodes {
    json_t *code;        /* "date-relative" */
    json_t *description; /* {"href": ".../date-relative.md"} */
} code_nodes;

static code_nodes code_nodes_new(cd_code c)
{
    char href[256];
    snprintf(href, sizeof href, "%s%s.md", CD_DOCS_BASE_URL, cd_code_name(c));
    code_nodes n;
    n.code = json_string(cd_code_name(c));
    n.description = json_object();
    json_object_set_new(n.description, "href", json_string(href));
    return n;
}

/* One Diagnostic; code, description and source are borrowed (a reference
 * is taken for the diagnostic). */
static json_t *diagnostic_new(const cd_lsp_view *v, const cd_finding *f,
                              const code_nodes *cn, json_t *source)
{
    json_t *d = json_object();
    json_object_set_new(d, "range", cd_lsp_range(v, f->start, f->end));
    json_object_set_new(d, "severity", json_integer(f->severity));
    json_object_set(d, "code", cn->code);
    json_object_set(d, "codeDescription", cn->description);
    json_object_set(d, "source", source);
    json_object_set_new(d, "message", json_string(f->message ? f->message : ""));
    if (f->n_related > 0) {
        json_t *rel = json_array();
        for (size_t i = 0; i < f->n_related; i++) {
            const cd_related *r = &f->related[i];
            json_t *loc = json_object();
            json_object_set_new(loc, "uri", json_string(v->uri ? v->uri : ""));
            json_object_set_new(loc, "range", cd_lsp_range(v, r->start, r->end));
            json_t *item = json_object();
            json_object_set_new(item, "location", loc);
            json_object_set_new(item, "message",
                                json_string(r->message ? r->message : ""));
            json_array_append_new(rel, item);
        }
        json_object_set_new(d, "relatedInformation", rel);
    }
    return d;
}

json_t *cd_lsp_diagnostic(const cd_lsp_view *v, const cd_finding *f)
{
    code_nodes cn = code_nodes_new(f->code);
    json_t *source = json_string("copydesk");
    json_t *d = diagnostic_new(v, f, &cn, source);
    json_decref(cn.code);
    json_decref(cn.description);
    json_decref(source);
    return d;
}

json_t *cd_lsp_diagnostics(const cd_lsp_view *v, const cd_result *r)
{
    /* Every diagnostic of one code shares its "code" and "codeDescription"
       values, and all share "source": jansson values are refcounted, the
       serialised JSON is the same, and a long document's array is built
       (and later freed, on the loop thread) with a quarter fewer nodes.
       Nothing edits a diagnostic once it is built. */
    code_nodes cn[CD_CODE_COUNT];
    bool have[CD_CODE_COUNT] = {false};
    json_t *source = json_string("copydesk");
    json_t *arr = json_array();
    for (size_t i = 0; r && i < r->count; i++) {
        const cd_finding *f = &r->items[i];
        if ((unsigned)f->code >= CD_CODE_COUNT) {
            json_array_append_new(arr, cd_lsp_diagnostic(v, f));
            continue;
        }
        if (!have[f->code]) {
            cn[f->code] = code_nodes_new(f->code);
            have[f->code] = true;
        }
        json_array_append_new(arr, diagnostic_new(v, f, &cn[f->code], source));
    }
    for (int c = 0; c < CD_CODE_COUNT; c++)
        if (have[c]) {
            json_decref(cn[c].code);
            json_decref(cn[c].description);
        }
    json_decref(source);
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
