/* textDocument/codeAction: quick fixes built from the last finished
 * analysis of the current text (SPEC §3). Diagnostics in the request's
 * context are matched by code and line, not by exact range: Neovim 0.7
 * rebuilds them from byte columns. */
#include "server/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/lsp.h"

typedef struct act_ctx {
    cd_server *srv;
    cd_document *doc;
    cd_lsp_view view;
    json_t *out;       /* the result array */
} act_ctx;

/* One TextEdit replacing bytes [start, end) with text. */
static json_t *edit(const act_ctx *a, size_t start, size_t end, const char *text)
{
    return json_pack("{s:o,s:s}", "range", cd_lsp_range(&a->view, start, end), "newText", text);
}

/* Adds a quickfix with the given edits (stolen) to the result. */
static void add(act_ctx *a, const char *title, const cd_finding *f, json_t *diag, json_t *edits,
                bool preferred)
{
    json_t *changes = json_object();
    json_object_set_new(changes, a->doc->uri, edits);
    json_t *act = json_pack("{s:s,s:s,s:{s:o}}", "title", title, "kind", "quickfix",
                            "edit", "changes", changes);
    json_object_set_new(act, "diagnostics",
                        json_pack("[O]", diag ? diag : json_null()));
    if (preferred)
        json_object_set_new(act, "isPreferred", json_true());
    (void)f;
    json_array_append_new(a->out, act);
}

static size_t line_start(const cd_snapshot *s, size_t off)
{
    while (off > 0 && s->text[off - 1] != '\n')
        off--;
    return off;
}

static void suppress_action(act_ctx *a, const cd_finding *f, json_t *diag)
{
    const cd_snapshot *s = a->doc->snap;
    size_t ls = line_start(s, f->start);
    const char *code = cd_code_name(f->code);
    char text[160], title[160];
    /* Keep the indentation of the line so a list item stays one. */
    size_t ind = ls;
    while (ind < s->len && (s->text[ind] == ' ' || s->text[ind] == '\t'))
        ind++;
    snprintf(text, sizeof text, s->markdown ? "%.*s<!-- copydesk-disable-next-line %s -->\n"
                                            : "%.*s# copydesk-disable-next-line %s\n",
             (int)(ind - ls), s->text + ls, code);
    snprintf(title, sizeof title, "Suppress %s on this line", code);
    add(a, title, f, diag, json_pack("[o]", edit(a, ls, ls, text)), false);
}

static void name_actions(act_ctx *a, const cd_finding *f, json_t *diag)
{
    if (!f->evidence)
        return;
    char title[256];
    snprintf(title, sizeof title, "Replace with '%s'", f->evidence);
    add(a, title, f, diag, json_pack("[o]", edit(a, f->start, f->end, f->evidence)), true);
    /* Every mention of this person spelled some other way. */
    const cd_result *r = a->doc->done_result;
    for (size_t p = 0; p < r->n_people; p++) {
        const cd_person *per = &r->people[p];
        bool mine = false;
        for (size_t m = 0; m < per->n_mentions && !mine; m++)
            mine = per->mentions[m].start == f->start;
        if (!mine)
            continue;
        json_t *edits = json_array();
        size_t canon = 0;
        for (size_t v = 0; v < per->n_variants; v++)
            if (per->variants[v].spelling && strcmp(per->variants[v].spelling, f->evidence) == 0)
                canon = v;
        for (size_t m = 0; m < per->n_mentions; m++) {
            const cd_span_pair *sp = &per->mentions[m];
            if (sp->variant != canon)
                json_array_append_new(edits, edit(a, sp->start, sp->end, f->evidence));
        }
        if (json_array_size(edits) > 1) {
            snprintf(title, sizeof title, "Replace every variant with '%s' (%zu places)",
                     f->evidence, json_array_size(edits));
            add(a, title, f, diag, edits, false);
        } else {
            json_decref(edits);
        }
        break;
    }
}

static void format_long_no_weekday(cd_date d, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s %d, %d", cd_month_name(d.month), d.day, d.year);
}

static void relative_actions(act_ctx *a, const cd_finding *f, json_t *diag)
{
    const cd_result *r = a->doc->done_result;
    if (!cd_date_known(f->date) || !cd_date_known(r->pub.date))
        return;
    long diff = cd_date_to_days(f->date) - cd_date_to_days(r->pub.date);
    const cd_snapshot *s = a->doc->snap;
    /* "on Monday" keeps its "on"; AP style writes a weekday within a
       week of publication and a full date beyond it. */
    bool has_on = f->end - f->start > 3 && strncmp(s->text + f->start, "on ", 3) == 0;
    char text[96], title[160];
    snprintf(text, sizeof text, "%s%s", has_on ? "on " : "", cd_weekday_name(cd_date_weekday(f->date)));
    bool same = strlen(text) == f->end - f->start &&
                strncmp(text, s->text + f->start, f->end - f->start) == 0;
    if (diff >= -6 && diff <= 6 && !same) { /* a bare weekday already is one */
        snprintf(title, sizeof title, "Replace with '%s'", text);
        add(a, title, f, diag, json_pack("[o]", edit(a, f->start, f->end, text)), true);
    }
    char date[48];
    format_long_no_weekday(f->date, date, sizeof date);
    snprintf(text, sizeof text, "%s%s", has_on ? "on " : "", date);
    snprintf(title, sizeof title, "Replace with '%s'", text);
    add(a, title, f, diag, json_pack("[o]", edit(a, f->start, f->end, text)), false);
}

/* The weekday named by the first word of s[0..n): full or abbreviated. */
static int written_weekday(const char *s, size_t n)
{
    for (int wd = 0; wd < 7; wd++) {
        const char *name = cd_weekday_name(wd);
        if (n >= 3 && strncmp(s, name, 3) == 0)
            return wd;
    }
    return -1;
}

static void mismatch_actions(act_ctx *a, const cd_finding *f, json_t *diag)
{
    if (!cd_date_known(f->date) || f->weekday < 0 || f->weekday > 6)
        return;
    const cd_snapshot *s = a->doc->snap;
    const char *p = s->text + f->start;
    size_t wlen = 0;
    while (f->start + wlen < f->end && ((p[wlen] >= 'A' && p[wlen] <= 'Z') ||
                                        (p[wlen] >= 'a' && p[wlen] <= 'z')))
        wlen++;
    int written = written_weekday(p, wlen);
    char title[160], text[64];
    if (wlen > 0) {
        const char *right = cd_weekday_name(f->weekday);
        bool abbrev = wlen < strlen(cd_weekday_name(written < 0 ? 0 : written));
        snprintf(text, sizeof text, "%.*s", abbrev ? (int)wlen : (int)strlen(right), right);
        snprintf(title, sizeof title, "Correct the weekday to '%s'", text);
        add(a, title, f, diag, json_pack("[o]", edit(a, f->start, f->start + wlen, text)), true);
    }
    if (written >= 0) {
        /* The nearest date that does fall on the written weekday. */
        int delta = written - f->weekday;
        if (delta > 3)
            delta -= 7;
        if (delta < -3)
            delta += 7;
        cd_date d = cd_date_add_days(f->date, delta);
        char full[64];
        snprintf(full, sizeof full, "%s, %s %d, %d", cd_weekday_name(written), cd_month_name(d.month),
                 d.day, d.year);
        snprintf(title, sizeof title, "Correct the date to '%s'", full);
        add(a, title, f, diag, json_pack("[o]", edit(a, f->start, f->end, full)), false);
    }
}

static void ambiguous_actions(act_ctx *a, const cd_finding *f, json_t *diag)
{
    cd_date readings[2] = {f->date, f->date_alt};
    for (int i = 0; i < 2; i++) {
        if (!cd_date_valid(readings[i]))
            continue;
        char text[48], title[96];
        format_long_no_weekday(readings[i], text, sizeof text);
        snprintf(title, sizeof title, "Rewrite as '%s'", text);
        add(a, title, f, diag, json_pack("[o]", edit(a, f->start, f->end, text)), false);
    }
}

/* Line of byte offset off in the current snapshot (0-based). */
static long line_of(const cd_document *doc, size_t off)
{
    return (long)cd_position_from_offset(doc->snap->ix, doc->snap->text, off, CD_ENC_UTF8).line;
}

/* Does context diagnostic d name finding f? By code and start line, as
 * Neovim 0.7 needs; *exact tells whether the whole range matches too. */
static bool names_finding(const act_ctx *a, const json_t *d, const cd_finding *f, long fl,
                          bool *exact)
{
    const char *code = json_string_value(json_object_get(d, "code"));
    json_t *range = json_object_get(d, "range");
    cd_position ds, de;
    if (!code || strcmp(code, cd_code_name(f->code)) != 0 ||
        cd_lsp_parse_position(json_object_get(range, "start"), &ds) != 0 ||
        (long)ds.line != fl)
        return false;
    cd_position fs = cd_position_from_offset(a->view.ix, a->view.text, f->start, a->view.enc);
    cd_position fe = cd_position_from_offset(a->view.ix, a->view.text, f->end, a->view.enc);
    *exact = cd_lsp_parse_position(json_object_get(range, "end"), &de) == 0 &&
             ds.character == fs.character && de.line == fe.line && de.character == fe.character;
    return true;
}

json_t *cd_actions_for(cd_server *srv, cd_document *doc, const json_t *params)
{
    json_t *out = json_array();
    if (!cd_document_fresh(doc) || !doc->done_result)
        return out; /* the client asks again after the next publish */
    act_ctx a = {srv, doc, {doc->snap->text, doc->snap->ix, srv->enc, doc->uri}, out};
    json_t *range = json_object_get(params, "range");
    cd_position rs = {0, 0}, re = {UINT32_MAX, UINT32_MAX};
    cd_lsp_parse_position(json_object_get(range, "start"), &rs);
    cd_lsp_parse_position(json_object_get(range, "end"), &re);
    json_t *ctx_diags = json_object_get(json_object_get(params, "context"), "diagnostics");
    const cd_result *r = doc->done_result;
    /* A context diagnostic whose range matches a finding exactly names
       only that finding; one that matches none exactly (byte columns)
       names every finding of its code on its line. */
    size_t n_ctx = json_array_size(ctx_diags);
    bool *ctx_exact = calloc(n_ctx ? n_ctx : 1, sizeof *ctx_exact);
    if (!ctx_exact)
        return out;
    for (size_t i = 0; i < r->count; i++) {
        long fl = line_of(doc, r->items[i].start);
        for (size_t k = 0; k < n_ctx; k++) {
            bool exact = false;
            if (names_finding(&a, json_array_get(ctx_diags, k), &r->items[i], fl, &exact) && exact)
                ctx_exact[k] = true;
        }
    }
    long last_sup_line = -1;
    unsigned last_sup_codes = 0; /* one suppression per code and line */
    for (size_t i = 0; i < r->count; i++) {
        const cd_finding *f = &r->items[i];
        long fl = line_of(doc, f->start);
        json_t *diag = NULL;
        if (n_ctx > 0) {
            for (size_t k = 0; k < n_ctx && !diag; k++) {
                json_t *d = json_array_get(ctx_diags, k);
                bool exact = false;
                if (names_finding(&a, d, f, fl, &exact) && (exact || !ctx_exact[k]))
                    diag = d;
            }
            if (!diag)
                continue;
        } else if (fl < (long)rs.line || fl > (long)re.line) {
            continue;
        }
        json_t *own = diag ? json_incref(diag) : cd_lsp_diagnostic(&a.view, f);
        switch (f->code) {
        case CD_NAME_VARIANT:
            name_actions(&a, f, own);
            break;
        case CD_DATE_RELATIVE:
            relative_actions(&a, f, own);
            break;
        case CD_DATE_WEEKDAY_MISMATCH:
            mismatch_actions(&a, f, own);
            break;
        case CD_DATE_AMBIGUOUS_NUMERIC:
            ambiguous_actions(&a, f, own);
            break;
        default:
            break;
        }
        if (fl != last_sup_line)
            last_sup_codes = 0;
        if (!(last_sup_codes & (1u << f->code)))
            suppress_action(&a, f, own);
        last_sup_line = fl;
        last_sup_codes |= 1u << f->code;
        json_decref(own);
    }
    free(ctx_exact);
    return out;
}
