/* textDocument/hover: explains what copydesk knows at a position, from
 * the last finished analysis of the current text (no second analysis):
 * a date's resolution and where the publication date came from, a
 * quotation's attribution, a person's spellings, and any finding there. */
#include "server/server.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/lsp.h"

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

__attribute__((format(printf, 2, 3)))
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap : 256);
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s)
            return;
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void section(sbuf *b)
{
    if (b->len)
        sb_printf(b, "\n\n---\n\n");
}

static unsigned line_of(const cd_snapshot *s, size_t off)
{
    return cd_position_from_offset(s->ix, s->text, off, CD_ENC_UTF8).line + 1;
}

static const char *source_words(cd_pub_source src)
{
    switch (src) {
    case CD_PUB_ARGUMENT: return "the --date argument";
    case CD_PUB_SETTING: return "the copydesk.publicationDate setting";
    case CD_PUB_FRONT_MATTER: return "the front matter";
    case CD_PUB_DATELINE: return "the dateline";
    case CD_PUB_CONFIG: return "copydesk.json";
    default: return "nowhere";
    }
}

static void hover_date(sbuf *b, const cd_snapshot *s, const cd_result *r, const cd_finding *f)
{
    char when[48], pub[48];
    const char *words = s->text + f->start;
    int wn = (int)(f->end - f->start);
    section(b);
    if (cd_date_known(f->date)) {
        cd_date_format_long(f->date, when, sizeof when);
        sb_printf(b, "**%.*s** is **%s**\n\n", wn, words, when);
    } else {
        sb_printf(b, "**%.*s** is relative to the publication date\n\n", wn, words);
    }
    if (cd_date_known(r->pub.date)) {
        cd_date_format_long(r->pub.date, pub, sizeof pub);
        sb_printf(b, "Resolved against the publication date %s, from %s", pub,
                  source_words(r->pub.source));
        if (r->pub.source == CD_PUB_FRONT_MATTER || r->pub.source == CD_PUB_DATELINE)
            sb_printf(b, " (line %u)", line_of(s, r->pub.start));
        sb_printf(b, ".");
    } else {
        sb_printf(b, "No publication date is known: set `copydesk.publicationDate`, add `date:` "
                     "to the front matter or a dateline, or write the calendar date.");
    }
}

static void hover_quote(sbuf *b, const cd_snapshot *s, const cd_quote *q)
{
    section(b);
    size_t qn = q->end - q->start;
    sb_printf(b, "**Quotation** (%zu characters)\n\n", qn);
    const char *how = NULL;
    switch (q->how) {
    case CD_ATTR_SENTENCE: how = "in its own sentence"; break;
    case CD_ATTR_ACCORDING_TO: how = "with \"according to\""; break;
    case CD_ATTR_COLON: how = "by the colon introduction"; break;
    case CD_ATTR_PREVIOUS_SENTENCE: how = "by the previous sentence"; break;
    case CD_ATTR_CONTINUATION: how = "as the continuation of an attributed quote"; break;
    case CD_ATTR_ANONYMOUS: how = "only to an unnamed source"; break;
    case CD_ATTR_NONE: break;
    }
    if (!how) {
        sb_printf(b, "No attribution found: name the speaker with a speech verb in its "
                     "sentence (\"…,\" Okonkwo said) or in the sentence before it.");
        return;
    }
    if (q->speaker_end > q->speaker_start)
        sb_printf(b, "Attributed to **%.*s**", (int)(q->speaker_end - q->speaker_start),
                  s->text + q->speaker_start);
    else
        sb_printf(b, "Attributed");
    if (q->words_end > q->words_start)
        sb_printf(b, " by \"%.*s\"", (int)(q->words_end - q->words_start),
                  s->text + q->words_start);
    sb_printf(b, " %s.", how);
}

static void hover_person(sbuf *b, const cd_snapshot *s, const cd_person *p)
{
    section(b);
    sb_printf(b, "**%s**", p->canonical ? p->canonical : "?");
    if (p->full_end > p->full_start)
        sb_printf(b, " — first full reference: \"%.*s\" (line %u)",
                  (int)(p->full_end - p->full_start), s->text + p->full_start,
                  line_of(s, p->full_start));
    else
        sb_printf(b, " — never introduced with a full name");
    sb_printf(b, "\n\n");
    for (size_t v = 0; v < p->n_variants; v++) {
        const cd_name_variant *nv = &p->variants[v];
        sb_printf(b, "- '%s' %zu× (first on line %u)%s\n", nv->spelling ? nv->spelling : "?",
                  nv->count, line_of(s, nv->first_start), v == 0 ? ", canonical" : "");
    }
}

/* Does [start, end) cover off? (an end counts, so a hover just after
 * the last letter still explains the word) */
static bool covers(size_t start, size_t end, size_t off)
{
    return off >= start && off <= end && end > start;
}

json_t *cd_hover_at(cd_server *srv, cd_document *doc, cd_position pos)
{
    if (!cd_document_fresh(doc) || !doc->done_result)
        return json_null();
    const cd_snapshot *s = doc->snap;
    const cd_result *r = doc->done_result;
    size_t off = cd_position_to_offset(s->ix, s->text, pos, srv->enc);
    sbuf b = {0};
    size_t start = SIZE_MAX, end = 0;
#define WIDEN(a, z) do { if ((a) < start) start = (a); if ((z) > end) end = (z); } while (0)

    for (size_t i = 0; i < r->count && r->items[i].start <= off; i++) {
        const cd_finding *f = &r->items[i];
        if (!covers(f->start, f->end, off))
            continue;
        WIDEN(f->start, f->end);
        if (f->code == CD_DATE_RELATIVE)
            hover_date(&b, s, r, f);
        else {
            section(&b);
            sb_printf(&b, "%s", f->message ? f->message : "");
        }
        sb_printf(&b, "\n\n`%s` (%s) · `copydesk explain %s`", cd_code_name(f->code),
                  cd_severity_name(f->severity), cd_code_name(f->code));
    }
    /* A name: the innermost explanation, so before the quote around it. */
    for (size_t p = 0; p < r->n_people; p++) {
        const cd_person *per = &r->people[p];
        for (size_t m = 0; m < per->n_mentions; m++)
            if (covers(per->mentions[m].start, per->mentions[m].end, off)) {
                WIDEN(per->mentions[m].start, per->mentions[m].end);
                hover_person(&b, s, per);
                m = per->n_mentions;
                p = r->n_people - 1;
            }
    }
    for (size_t q = 0; q < r->n_quotes; q++)
        if (covers(r->quotes[q].start, r->quotes[q].end, off)) {
            if (start == SIZE_MAX)
                WIDEN(r->quotes[q].start, r->quotes[q].end);
            hover_quote(&b, s, &r->quotes[q]);
            break;
        }
#undef WIDEN
    if (!b.len) {
        free(b.s);
        return json_null();
    }
    cd_lsp_view v = {s->text, s->ix, srv->enc, doc->uri};
    json_t *h = json_pack("{s:{s:s,s:s},s:o}", "contents", "kind", "markdown", "value", b.s,
                          "range", cd_lsp_range(&v, start, end));
    free(b.s);
    return h;
}
