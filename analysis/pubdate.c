/* SPEC §4: the publication date relative dates resolve against, first
 * found: --date or the client setting; front matter "date:"; a dateline in
 * the first paragraph; copydesk.json's publicationDate. */
#include <string.h>

#include "analysis/datewords.h"
#include "analysis/rules.h"

/* How many paragraphs from the top may hold a date line of its own
 * (headline, date line, body: the Wikinews layout). */
#define CD_DATE_LINE_PARAS 3
/* A dateline's city part ("WASHINGTON, D.C.,", "Taipei, Taiwan,") is short. */
#define CD_DATELINE_LEAD_MAX 60

static bool cd_pd_is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* "date: 2019-06-12", "2019-06-12T10:00:00Z", "2019-06-12 10:00". */
static bool cd_pd_front_matter(const cd_doc *doc, cd_pubdate *out)
{
    size_t s, e;
    if (!cd_doc_front_matter(doc, "date", &s, &e) || e < s + 10)
        return false;
    cd_date d;
    if (cd_date_parse_iso(doc->text + s, 10, &d) != 0)
        return false;
    if (e > s + 10 && doc->text[s + 10] != 'T' && doc->text[s + 10] != ' ')
        return false;
    *out = (cd_pubdate){d, CD_PUB_FRONT_MATTER, s, e};
    return true;
}

/* A weekday name and its comma at p[i] ("Friday, "): returns the index
 * after it, or i when there is none. */
static size_t cd_pd_skip_weekday(const char *p, size_t end, size_t i)
{
    size_t j = i;
    while (j < end && ((p[j] >= 'a' && p[j] <= 'z') ||
                       (p[j] >= 'A' && p[j] <= 'Z')))
        j++;
    if (j == i || cd_dw_weekday(p + i, j - i, NULL) < 0)
        return i;
    if (j < end && p[j] == '.')
        j++;
    if (j < end && p[j] == ',')
        j++;
    while (j < end && cd_pd_is_space(p[j]))
        j++;
    return j;
}

/* A paragraph that is only a date: the Wikinews date line ("Friday, July
 * 21, 2017", "March 01, 2008"). */
static bool cd_pd_date_line(const cd_doc *doc, const cd_para *para,
                            cd_pubdate *out)
{
    const char *p = doc->prose;
    size_t i = cd_pd_skip_weekday(p, para->end, para->start);
    cd_date d;
    size_t e;
    if (!cd_dw_written_date(p, para->end, i, &d, &e) || d.year == 0 ||
        !cd_date_valid(d))
        return false;
    size_t k = e;
    while (k < para->end && (cd_pd_is_space(p[k]) || p[k] == '.'))
        k++;
    if (k != para->end)
        return false;
    *out = (cd_pubdate){d, CD_PUB_DATELINE, i, e};
    return true;
}

/* A dash after a dateline: em or en dash, "-" or "--". Returns the index
 * after it, or 0. */
static size_t cd_pd_dash(const char *p, size_t end, size_t i)
{
    if (i + 3 <= end && (unsigned char)p[i] == 0xE2 &&
        (unsigned char)p[i + 1] == 0x80 &&
        ((unsigned char)p[i + 2] == 0x94 || (unsigned char)p[i + 2] == 0x93))
        return i + 3;
    if (i < end && p[i] == '-')
        return i + 1 + (i + 1 < end && p[i + 1] == '-');
    return 0;
}

/* "MOSCOW, March 23, 2016 —", "CHICAGO, Oct. 6, 2021 (AP) —",
 * "March 23, 2016 (Reuters) -" at the start of the paragraph. */
static bool cd_pd_dateline(const cd_doc *doc, const cd_para *para,
                           cd_pubdate *out)
{
    const char *p = doc->prose;
    size_t a = para->start, b = para->end;
    size_t lim = a + CD_DATELINE_LEAD_MAX < b ? a + CD_DATELINE_LEAD_MAX : b;
    for (size_t i = a; i < lim; i++) {
        /* The city part may hold letters, spaces, periods, commas,
           apostrophes and hyphens; a dash or a digit ends the search. */
        unsigned char c = (unsigned char)p[i];
        if (c >= '0' && c <= '9')
            return false;
        if (i > a && (c == 0xE2 || p[i] == '(' ||
                      (p[i] == '-' && cd_pd_is_space(p[i - 1]))))
            return false;
        if (i > a && !cd_pd_is_space(p[i - 1]))
            continue; /* dates start at a word */
        cd_date d;
        size_t e;
        if (!cd_dw_written_date(p, b, i, &d, &e) || d.year == 0 ||
            !cd_date_valid(d))
            continue;
        /* what comes before must end with a comma: "MOSCOW, " */
        if (i > a) {
            size_t k = i;
            while (k > a && cd_pd_is_space(p[k - 1]))
                k--;
            if (k == a || p[k - 1] != ',')
                continue;
        }
        size_t j = e;
        while (j < b && cd_pd_is_space(p[j]))
            j++;
        if (j < b && p[j] == '(') { /* (AP), (Reuters) */
            size_t k = j + 1;
            while (k < b && k < j + 40 && p[k] != ')' && p[k] != '\n')
                k++;
            if (k >= b || p[k] != ')')
                continue;
            j = k + 1;
            while (j < b && cd_pd_is_space(p[j]))
                j++;
        }
        if (!cd_pd_dash(p, b, j))
            continue;
        *out = (cd_pubdate){d, CD_PUB_DATELINE, i, e};
        return true;
    }
    return false;
}

cd_pubdate cd_pubdate_find(const cd_doc *doc, const cd_options *opts)
{
    cd_pubdate none = {{0, 0, 0}, CD_PUB_NONE, 0, 0};
    cd_pubdate r = none;
    if (opts && cd_date_valid(opts->pub_date)) {
        cd_pub_source src = opts->pub_source == CD_PUB_SETTING
                                ? CD_PUB_SETTING
                                : CD_PUB_ARGUMENT;
        return (cd_pubdate){opts->pub_date, src, 0, 0};
    }
    if (doc && doc->prose) {
        if (cd_pd_front_matter(doc, &r))
            return r;
        bool body_seen = false;
        for (size_t i = 0; i < doc->n_paras && i < CD_DATE_LINE_PARAS; i++) {
            const cd_para *para = &doc->paras[i];
            if (para->end <= para->start || para->end > doc->len)
                continue;
            if (cd_pd_date_line(doc, para, &r))
                return r;
            if (para->heading || body_seen)
                continue;
            /* The first paragraph of body copy: its dateline or none. */
            body_seen = true;
            if (cd_pd_dateline(doc, para, &r))
                return r;
        }
    }
    if (opts && cd_date_valid(opts->config_pub_date))
        return (cd_pubdate){opts->config_pub_date, CD_PUB_CONFIG, 0, 0};
    return none;
}
