#include "protocol/lsp.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* {"line": L, "character": C}, as a jansson value (hovers and quick fixes
 * build their replies as trees; diagnostics are written as text below). */
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

static void write_position(cd_jsonw *w, cd_position p)
{
    cd_jsonw_lit(w, "{\"line\":");
    cd_jsonw_int(w, p.line);
    cd_jsonw_lit(w, ",\"character\":");
    cd_jsonw_int(w, p.character);
    cd_jsonw_lit(w, "}");
}

static void write_range(cd_jsonw *w, cd_position_cursor *c, size_t start, size_t end)
{
    cd_position a = cd_position_cursor_at(c, start);
    cd_position b = cd_position_cursor_at(c, end);
    cd_jsonw_lit(w, "{\"start\":");
    write_position(w, a);
    cd_jsonw_lit(w, ",\"end\":");
    write_position(w, b);
    cd_jsonw_lit(w, "}");
}

/* The fields of a Diagnostic that depend on its code only, from "code"
   to the opening of "message". */
static void write_code_fields(cd_jsonw *w, cd_code code)
{
    char href[256];
    snprintf(href, sizeof href, "%s%s.md", CD_DOCS_BASE_URL, cd_code_name(code));
    cd_jsonw_lit(w, ",\"code\":");
    cd_jsonw_cstring(w, cd_code_name(code));
    cd_jsonw_lit(w, ",\"codeDescription\":{\"href\":");
    cd_jsonw_cstring(w, href);
    cd_jsonw_lit(w, "},\"source\":\"copydesk\",\"message\":");
}

/* One Diagnostic, keys in the order clients have always seen. code_text
   is write_code_fields' text for f's code, or NULL to write it here.
   Findings are sorted by start, so `at` mostly counts on from the
   previous finding; related places are often elsewhere (a name's first
   mention) and get their own cursor rather than sending `at` back. */
static void write_diagnostic(cd_jsonw *w, const cd_lsp_view *v, const cd_finding *f,
                             const cd_jsonw *code_text, cd_position_cursor *at,
                             cd_position_cursor *rel)
{
    cd_jsonw_lit(w, "{\"range\":");
    write_range(w, at, f->start, f->end);
    cd_jsonw_lit(w, ",\"severity\":");
    cd_jsonw_int(w, f->severity);
    if (code_text)
        cd_jsonw_raw(w, cd_jsonw_text(code_text), code_text->len);
    else
        write_code_fields(w, f->code);
    cd_jsonw_cstring(w, f->message);
    if (f->n_related > 0) {
        cd_jsonw_lit(w, ",\"relatedInformation\":[");
        for (size_t i = 0; i < f->n_related; i++) {
            const cd_related *r = &f->related[i];
            if (i)
                cd_jsonw_lit(w, ",");
            cd_jsonw_lit(w, "{\"location\":{\"uri\":");
            cd_jsonw_cstring(w, v->uri);
            cd_jsonw_lit(w, ",\"range\":");
            write_range(w, rel, r->start, r->end);
            cd_jsonw_lit(w, "},\"message\":");
            cd_jsonw_cstring(w, r->message);
            cd_jsonw_lit(w, "}");
        }
        cd_jsonw_lit(w, "]");
    }
    cd_jsonw_lit(w, "}");
}

void cd_lsp_write_diagnostics(cd_jsonw *w, const cd_lsp_view *v, const cd_result *r)
{
    /* Each code's fields are written once per call and copied after. */
    cd_jsonw code_text[CD_CODE_COUNT] = {{0}};
    cd_position_cursor at, rel;
    cd_position_cursor_init(&at, v->ix, v->text, v->enc);
    cd_position_cursor_init(&rel, v->ix, v->text, v->enc);
    cd_jsonw_lit(w, "[");
    for (size_t i = 0; r && i < r->count; i++) {
        const cd_finding *f = &r->items[i];
        cd_jsonw *ct = NULL;
        if ((unsigned)f->code < CD_CODE_COUNT) {
            ct = &code_text[f->code];
            if (ct->len == 0)
                write_code_fields(ct, f->code);
            if (ct->failed)
                w->failed = true;
        }
        if (i)
            cd_jsonw_lit(w, ",");
        write_diagnostic(w, v, f, ct, &at, &rel);
    }
    cd_jsonw_lit(w, "]");
    for (int c = 0; c < CD_CODE_COUNT; c++)
        cd_jsonw_free(&code_text[c]);
}

json_t *cd_lsp_diagnostic(const cd_lsp_view *v, const cd_finding *f)
{
    /* Parsed back from the one writer, so a quick fix's diagnostic is the
       published one exactly. */
    cd_jsonw w = {0};
    cd_position_cursor at, rel;
    cd_position_cursor_init(&at, v->ix, v->text, v->enc);
    cd_position_cursor_init(&rel, v->ix, v->text, v->enc);
    write_diagnostic(&w, v, f, NULL, &at, &rel);
    json_t *d = w.failed ? NULL : json_loadb(cd_jsonw_text(&w), w.len, 0, NULL);
    cd_jsonw_free(&w);
    return d;
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
