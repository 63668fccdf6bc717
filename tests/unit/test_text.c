/* The text model on realistic news copy: what is prose, where paragraphs
 * and sentences begin and end, and that byte offsets still point at the
 * right words after emoji, curly quotes and accented names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/text/text.h"

/* The prose of [a, b) with whitespace runs squashed to one space: what a
 * rule reading prose sees, ignoring how much markup was blanked. */
static const char *squash(const cd_doc *d, size_t a, size_t b)
{
    static char buf[8192];
    size_t o = 0;
    int space = 0;
    for (size_t k = a; k < b && o + 2 < sizeof buf; k++) {
        char c = d->prose[k];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && o)
            buf[o++] = ' ';
        space = 0;
        buf[o++] = c;
    }
    buf[o] = '\0';
    return buf;
}

static const char *para(const cd_doc *d, size_t i)
{
    assert_true(i < d->n_paras);
    return squash(d, d->paras[i].start, d->paras[i].end);
}

static const char *sent(const cd_doc *d, size_t i)
{
    assert_true(i < d->n_sents);
    return squash(d, d->sents[i].start, d->sents[i].end);
}

/* Sentence j of paragraph i. */
static const char *psent(const cd_doc *d, size_t i, size_t j)
{
    assert_true(i < d->n_paras);
    assert_true(j < d->paras[i].sent_count);
    return sent(d, d->paras[i].sent_first + j);
}

static size_t offset_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    assert_non_null(p);
    return (size_t)(p - text);
}

static void init(cd_doc *d, const char *text, bool markdown)
{
    assert_int_equal(cd_doc_init(d, text, strlen(text), markdown), 0);
    assert_int_equal(strlen(d->prose), d->len); /* same length, no NULs */
    /* Invariants every rule relies on. */
    for (size_t i = 0; i < d->n_paras; i++) {
        const cd_para *p = &d->paras[i];
        assert_true(p->start < p->end && p->end <= d->len);
        if (i)
            assert_true(d->paras[i - 1].end <= p->start);
        for (size_t k = p->sent_first; k < p->sent_first + p->sent_count; k++) {
            assert_int_equal(d->sents[k].para, i);
            assert_true(d->sents[k].start >= p->start);
            assert_true(d->sents[k].end <= p->end);
            assert_true(d->sents[k].start < d->sents[k].end);
        }
    }
    for (size_t k = 1; k < d->n_sents; k++)
        assert_true(d->sents[k - 1].end <= d->sents[k].start);
    for (size_t k = 0; k < d->len; k++)
        if (d->text[k] == '\n')
            assert_int_equal(d->prose[k], '\n');
}

/* ---- plain text ------------------------------------------------------- */

static void wire_copy_one_paragraph_per_line(void **state)
{
    (void)state;
    const char *t =
        "Secretary of State John Kerry is heading to Moscow for talks on "
        "Ukraine and Syria.\n"
        "Kerry was to depart Washington late yesterday after accompanying "
        "President Barack Obama to Cuba.\n"
        "More From This Section\n"
        "Russia on Monday warned the United States. The State Department, "
        "however, insisted that talks continue.\n"
        "\"For nearly two years, Russia has unjustly detained Savchenko,\" "
        "State Department spokesman John Kirby said.";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.n_paras, 5);
    assert_false(d.paras[0].heading);
    assert_true(d.paras[2].heading);
    assert_string_equal(para(&d, 2), "More From This Section");
    assert_int_equal(d.paras[3].sent_count, 2);
    assert_string_equal(psent(&d, 3, 1),
                        "The State Department, however, insisted that talks continue.");
    /* No trailing newline: the last paragraph runs to the end. */
    assert_int_equal(d.paras[4].end, strlen(t));
    assert_int_equal(d.paras[4].sent_count, 1);
    cd_doc_destroy(&d);
}

static void wikinews_layout_headline_dateline_body(void **state)
{
    (void)state;
    const char *t =
        "After visa snags, all-girl Afghan team honored for 'courageous "
        "achievement' at international robotics competition\n\n"
        "Friday, July 21, 2017\n\n"
        "A group of Afghan teenagers was awarded a silver medal in Washington "
        "D.C. The six-member team had been denied visas, drawing notice from "
        "critics of U.S. President Donald Trump's policies regarding travel "
        "to the U.S. The President later took action.\n\n"
        "Mohamed brought the clock to school on September 14, and a teacher\n"
        "thought it resembled a bomb.\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.n_paras, 4);
    assert_true(d.paras[0].heading); /* a long headline, first in the file */
    assert_true(d.paras[1].heading); /* the date line */
    assert_false(d.paras[2].heading);
    assert_false(d.paras[3].heading);
    assert_int_equal(d.paras[2].sent_count, 3);
    assert_string_equal(psent(&d, 2, 0),
        "A group of Afghan teenagers was awarded a silver medal in "
        "Washington D.C.");
    assert_string_equal(psent(&d, 2, 2), "The President later took action.");
    /* A wrapped line inside a block is not a paragraph break. */
    assert_int_equal(d.paras[3].sent_count, 1);
    cd_doc_destroy(&d);
}

/* A headline, a blank line, then wire copy with one paragraph per line:
 * the long lines were never hard-wrapped, so each is a paragraph. A block
 * of short lines is wrapped prose and stays one paragraph. */
static void long_lines_under_a_headline_stay_separate(void **state)
{
    (void)state;
    const char *t =
        "Kerry heads to Moscow\n"
        "\n"
        "Secretary of State John Kerry is heading to Moscow for talks on "
        "Ukraine and Syria as the attacks in Brussels underscored the urgency.\n"
        "More From This Section\n"
        "His visit was arranged following Putin's surprise announcement last "
        "week of Russia's partial military withdrawal from Syria.\n"
        "\n"
        "The mayor said the plan, which passed\n"
        "5-2, would take effect in July.\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.n_paras, 5);
    assert_true(d.paras[0].heading);
    assert_false(d.paras[1].heading);
    assert_true(d.paras[2].heading);
    assert_string_equal(para(&d, 2), "More From This Section");
    assert_string_equal(para(&d, 4),
                        "The mayor said the plan, which passed 5-2, would take "
                        "effect in July.");
    cd_doc_destroy(&d);
}

static void plain_text_comments_and_suppression_lines(void **state)
{
    (void)state;
    const char *t =
        "The vote was on Tuesday.\n\n"
        "# copydesk-disable-next-line date-relative\n"
        "It passed yesterday. <!-- check -->\n\n"
        "// copydesk-disable name-variant\n"
        "Okonkow said nothing.\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.n_paras, 3);
    assert_string_equal(para(&d, 1), "It passed yesterday.");
    assert_string_equal(para(&d, 2), "Okonkow said nothing.");
    assert_int_equal(d.n_comments, 3);
    size_t c0 = offset_of(t, "# copydesk");
    assert_int_equal(d.comments[0].start, c0);
    assert_int_equal(d.comments[0].end,
                     c0 + strlen("# copydesk-disable-next-line date-relative"));
    assert_int_equal(d.comments[1].start, offset_of(t, "<!--"));
    assert_int_equal(d.comments[1].end, offset_of(t, "-->") + 3);
    assert_int_equal(d.comments[2].start, offset_of(t, "// copy"));
    cd_doc_destroy(&d);
}

static void crlf_line_endings(void **state)
{
    (void)state;
    const char *t = "Headline Here\r\n\r\nHe left. She stayed.\r\n\r\n"
                    "Then it rained.\r\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.n_paras, 3);
    assert_true(d.paras[0].heading);
    assert_int_equal(d.paras[1].sent_count, 2);
    assert_int_equal(d.paras[1].end, offset_of(t, "stayed.") + 7);
    cd_doc_destroy(&d);
}

static void empty_and_blank_documents(void **state)
{
    (void)state;
    cd_doc d;
    assert_int_equal(cd_doc_init(&d, "", 0, true), 0);
    assert_int_equal(d.n_paras, 0);
    assert_int_equal(d.n_sents, 0);
    assert_int_equal(cd_doc_para_at(&d, 0), 0);
    cd_doc_destroy(&d);
    init(&d, " \n\n\t\n", false);
    assert_int_equal(d.n_paras, 0);
    cd_doc_destroy(&d);
    init(&d, "---\ndate: 2019-06-12\n---\n", true);
    assert_int_equal(d.n_paras, 0);
    cd_doc_destroy(&d);
}

/* ---- Markdown ---------------------------------------------------------- */

static void front_matter_is_not_prose(void **state)
{
    (void)state;
    const char *t =
        "---\n"
        "title: \"Riverton council: a $48 million budget\"\n"
        "date: 2019-06-12   # publication day\n"
        "author: 'Jo Ames'\n"
        "---\n"
        "\n"
        "RIVERTON \xE2\x80\x94 The council approved a budget on Tuesday.\n";
    cd_doc d;
    init(&d, t, true);
    assert_int_equal(d.fm_start, 0);
    assert_int_equal(d.fm_end, offset_of(t, "---\n\nRIV") + 3);
    for (size_t k = 0; k < d.fm_end; k++)
        assert_true(d.prose[k] == ' ' || d.prose[k] == '\n');
    assert_int_equal(d.n_paras, 1);
    assert_int_equal(d.paras[0].start, offset_of(t, "RIVERTON"));

    size_t s, e;
    assert_true(cd_doc_front_matter(&d, "date", &s, &e));
    assert_int_equal(e - s, 10);
    assert_memory_equal(t + s, "2019-06-12", 10);
    assert_true(cd_doc_front_matter(&d, "title", &s, &e));
    assert_memory_equal(t + s, "Riverton council: a $48 million budget", e - s);
    assert_true(cd_doc_front_matter(&d, "author", &s, &e));
    assert_memory_equal(t + s, "Jo Ames", e - s);
    assert_false(cd_doc_front_matter(&d, "dat", &s, &e));
    assert_false(cd_doc_front_matter(&d, "publisher", &s, &e));
    cd_doc_destroy(&d);

    /* No closing fence: not front matter, and "date:" is not looked up. */
    init(&d, "---\ndate: 2019-06-12\nThe end.\n", true);
    assert_false(cd_doc_front_matter(&d, "date", &s, &e));
    cd_doc_destroy(&d);
}

static void code_is_not_prose(void **state)
{
    (void)state;
    const char *t =
        "The invoice is dated `03/04/2016` in the `ledger` field.\n"
        "\n"
        "```js\n"
        "const said = \"yesterday\";\n"
        "```\n"
        "\n"
        "    indented code 3/4/16 \"quote\n"
        "\n"
        "~~~\n"
        "On Monday, Kerry said.\n"
        "~~~\n"
        "Unmatched ` backtick stays prose.\n";
    cd_doc d;
    init(&d, t, true);
    assert_int_equal(d.n_paras, 2);
    assert_string_equal(para(&d, 0), "The invoice is dated in the field.");
    assert_string_equal(para(&d, 1), "Unmatched ` backtick stays prose.");
    assert_null(strstr(d.prose, "yesterday"));
    assert_null(strstr(d.prose, "3/4/16"));
    assert_null(strstr(d.prose, "Kerry"));
    cd_doc_destroy(&d);

    /* After a list, an indented line continues the item (not code); after
       a heading ends the list, it is code again. */
    init(&d, "- Item one\n\n    more of item one\n\n# Notes\n\n"
             "    x = 3/4/16\n", true);
    assert_int_equal(d.n_paras, 3);
    assert_string_equal(para(&d, 1), "more of item one");
    assert_null(strstr(d.prose, "3/4/16"));
    cd_doc_destroy(&d);
}

static void links_keep_their_text_and_lose_their_urls(void **state)
{
    (void)state;
    const char *t =
        "Read [the court's opinion](https://example.com/2016/03/04/op.pdf "
        "\"Opinion\") and ![a chart of votes](chart_2016.png). Mail "
        "<https://example.com/a> or see https://example.com/2016/03/04/story.\n"
        "\n"
        "\"We came to [the] robotics section,\" she said [sic].\n";
    cd_doc d;
    init(&d, t, true);
    assert_string_equal(para(&d, 0),
        "Read the court's opinion and a chart of votes . Mail or see .");
    /* The link text is prose at its original offset. */
    size_t at = offset_of(t, "the court's");
    assert_memory_equal(d.prose + at, "the court's opinion", 19);
    assert_null(strstr(d.prose, "2016"));
    /* Brackets that are not links are prose. */
    assert_string_equal(para(&d, 1),
                        "\"We came to [the] robotics section,\" she said [sic].");
    cd_doc_destroy(&d);
}

static void emphasis_markers_only_when_markup(void **state)
{
    (void)state;
    const char *t =
        "**21:40** \xE2\x80\x94 Voting ended *today* at __all__ 412 "
        "stations, _said_ the board.\n\n"
        "The file_name_v2 and 5 * 3 stay, as does 2*3*4 and a lone * star.\n";
    cd_doc d;
    init(&d, t, true);
    assert_string_equal(para(&d, 0),
        "21:40 \xE2\x80\x94 Voting ended today at all 412 stations, said "
        "the board.");
    assert_int_equal(d.paras[0].start, 2); /* after the "**" */
    assert_string_equal(para(&d, 1),
        "The file_name_v2 and 5 * 3 stay, as does 2*3*4 and a lone * star.");
    cd_doc_destroy(&d);
}

static void headings_lists_and_blockquotes(void **state)
{
    (void)state;
    const char *t =
        "# \xF0\x9F\x94\xB4 Live: Kuzeykent votes #\n"
        "Wednesday, April 19\n"
        "===================\n"
        "\n"
        "- First, the polls closed.\n"
        "- Then counting began\n"
        "  in every district.\n"
        "1. Turnout was 71 percent.\n"
        "\n"
        "> \"We are watching every box,\" Demir said.\n"
        "> He left.\n"
        "\n"
        "The count\n"
        "continued overnight.\n";
    cd_doc d;
    init(&d, t, true);
    assert_int_equal(d.n_paras, 7);
    assert_true(d.paras[0].heading);
    assert_string_equal(para(&d, 0), "\xF0\x9F\x94\xB4 Live: Kuzeykent votes");
    assert_true(d.paras[1].heading);
    assert_string_equal(para(&d, 1), "Wednesday, April 19");
    assert_string_equal(para(&d, 2), "First, the polls closed.");
    assert_false(d.paras[2].heading);
    assert_string_equal(para(&d, 3), "Then counting began in every district.");
    assert_string_equal(para(&d, 4), "Turnout was 71 percent.");
    assert_string_equal(para(&d, 5),
                        "\"We are watching every box,\" Demir said. He left.");
    assert_int_equal(d.paras[5].sent_count, 2);
    /* A soft line break joins lines and ends no sentence. */
    assert_string_equal(para(&d, 6), "The count continued overnight.");
    assert_int_equal(d.paras[6].sent_count, 1);
    cd_doc_destroy(&d);
}

static void html_comments_are_recorded_and_blanked(void **state)
{
    (void)state;
    const char *t =
        "<!-- copydesk-disable-next-line date-relative -->\n"
        "It happened yesterday.\n"
        "\n"
        "Text <!-- a comment\n"
        "over two lines --> goes on.\n"
        "\n"
        "Code `<!-- not a comment -->` here.\n";
    cd_doc d;
    init(&d, t, true);
    assert_int_equal(d.n_paras, 3);
    assert_string_equal(para(&d, 0), "It happened yesterday.");
    assert_string_equal(para(&d, 1), "Text goes on.");
    assert_int_equal(d.n_comments, 2);
    assert_int_equal(d.comments[0].start, 0);
    assert_int_equal(d.comments[0].end,
                     strlen("<!-- copydesk-disable-next-line date-relative -->"));
    assert_int_equal(d.comments[1].start, offset_of(t, "<!-- a"));
    assert_int_equal(d.comments[1].end, offset_of(t, "lines -->") + 9);
    cd_doc_destroy(&d);
}

/* ---- sentences ---------------------------------------------------------- */

static void abbreviations_and_initials_do_not_end_sentences(void **state)
{
    (void)state;
    const char *t =
        "Sen. Elizabeth Warren met Mr. Smith and Dr. Jones at 9 a.m. Tuesday "
        "in St. Louis. U.S. District Judge Marisol Ortega cited John F. "
        "Kennedy on Jan. 5, 2016. The case, No. 3, goes on. It moved to the "
        "U.S. The end came at 5 p.m. He left.\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.n_sents, 6);
    assert_string_equal(sent(&d, 0),
        "Sen. Elizabeth Warren met Mr. Smith and Dr. Jones at 9 a.m. Tuesday "
        "in St. Louis.");
    assert_string_equal(sent(&d, 1),
        "U.S. District Judge Marisol Ortega cited John F. Kennedy on Jan. 5, "
        "2016.");
    assert_string_equal(sent(&d, 2), "The case, No. 3, goes on.");
    assert_string_equal(sent(&d, 3), "It moved to the U.S.");
    assert_string_equal(sent(&d, 4), "The end came at 5 p.m.");
    assert_string_equal(sent(&d, 5), "He left.");
    cd_doc_destroy(&d);
}

static void quotes_stay_with_their_attribution(void **state)
{
    (void)state;
    const char *t =
        "\"It is over. We lost,\" she said. \"That was the promise.\" "
        "Then he left.\n\n"
        "\xE2\x80\x9CStop.\xE2\x80\x9D She left. Ortega wrote: \xE2\x80\x9CThe "
        "government has shown it. It has not shown more.\xE2\x80\x9D\n\n"
        "Brandt said she would return. \"I have signatures. Many of them.\n\n"
        "Why? Because. Really?! Yes\xE2\x80\xA6 He paused. (It was late.) "
        "Then she asked why? no one knew.\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.paras[0].sent_count, 3);
    assert_string_equal(psent(&d, 0, 0), "\"It is over. We lost,\" she said.");
    assert_string_equal(psent(&d, 0, 1), "\"That was the promise.\"");
    assert_string_equal(psent(&d, 0, 2), "Then he left.");

    assert_int_equal(d.paras[1].sent_count, 3);
    assert_string_equal(psent(&d, 1, 0), "\xE2\x80\x9CStop.\xE2\x80\x9D");
    assert_string_equal(psent(&d, 1, 2),
        "Ortega wrote: \xE2\x80\x9CThe government has shown it. It has not "
        "shown more.\xE2\x80\x9D");

    /* An opening quote that never closes in its paragraph (the multi-
       paragraph convention, or a typo) does not swallow the splits. */
    assert_int_equal(d.paras[2].sent_count, 3);
    assert_string_equal(psent(&d, 2, 2), "Many of them.");

    assert_int_equal(d.paras[3].sent_count, 7);
    assert_string_equal(psent(&d, 3, 2), "Really?!");
    assert_string_equal(psent(&d, 3, 3), "Yes\xE2\x80\xA6");
    assert_string_equal(psent(&d, 3, 4), "He paused.");
    assert_string_equal(psent(&d, 3, 5), "(It was late.)");
    /* "?" before a lower-case word ends nothing. */
    assert_string_equal(psent(&d, 3, 6), "Then she asked why? no one knew.");
    cd_doc_destroy(&d);
}

static void apostrophes_are_not_quotes(void **state)
{
    (void)state;
    const char *t =
        "Ellis boxed there in \xE2\x80\x99" "98. The Joneses\xE2\x80\x99 gym "
        "closed. People\xE2\x80\x99s choice. \xE2\x80\x98Rocky\xE2\x80\x99 won. "
        "He said 'no. Never.' Then he left. The '90s ended.\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(d.n_sents, 7);
    assert_string_equal(sent(&d, 0), "Ellis boxed there in \xE2\x80\x99" "98.");
    assert_string_equal(sent(&d, 1), "The Joneses\xE2\x80\x99 gym closed.");
    assert_string_equal(sent(&d, 3), "\xE2\x80\x98Rocky\xE2\x80\x99 won.");
    /* The single-quoted 'no. Never.' is one quotation: no break inside. */
    assert_string_equal(sent(&d, 4), "He said 'no. Never.'");
    assert_string_equal(sent(&d, 6), "The '90s ended.");
    cd_doc_destroy(&d);
}

static void offsets_survive_emoji_and_curly_quotes(void **state)
{
    (void)state;
    const char *t =
        "---\ndate: 2021-09-12\n---\n\n"
        "**22:31** \xF0\x9F\x94\xB4 \xE2\x80\x9CWe are watching.\xE2\x80\x9D "
        "Erdo\xC4\x9F" "an\xE2\x80\x99s party won. Y\xC4\xB1ld\xC4\xB1z "
        "leads.\n\n"
        "**23:47** \xE2\x80\x94 \xC3\x96zt\xC3\xBCrk said so.\n";
    cd_doc d;
    init(&d, t, true);
    assert_int_equal(d.n_paras, 2);
    size_t at = offset_of(t, "Erdo\xC4\x9F" "an");
    assert_memory_equal(d.prose + at, "Erdo\xC4\x9F" "an", 8);
    size_t s = cd_doc_sent_at(&d, at);
    assert_true(s < d.n_sents);
    assert_int_equal(d.sents[s].start, at);
    assert_string_equal(sent(&d, s), "Erdo\xC4\x9F" "an\xE2\x80\x99s party won.");
    /* A sentence may start with an accented capital (Y with dotless i is
       ASCII; Ö is not). */
    assert_string_equal(psent(&d, 0, 2), "Y\xC4\xB1ld\xC4\xB1z leads.");
    assert_int_equal(d.paras[1].sent_count, 1);
    size_t oz = offset_of(t, "\xC3\x96zt");
    assert_int_equal(cd_doc_para_at(&d, oz), 1);
    /* Every byte of prose is either the text's byte or a blank. */
    for (size_t k = 0; k < d.len; k++)
        assert_true(d.prose[k] == t[k] || d.prose[k] == ' ');
    cd_doc_destroy(&d);
}

static void lookups_by_offset(void **state)
{
    (void)state;
    const char *t = "One. Two.\n\nThree.\n";
    cd_doc d;
    init(&d, t, false);
    assert_int_equal(cd_doc_para_at(&d, 0), 0);
    assert_int_equal(cd_doc_para_at(&d, 5), 0);
    assert_int_equal(cd_doc_para_at(&d, 10), d.n_paras); /* blank line */
    assert_int_equal(cd_doc_para_at(&d, offset_of(t, "Three")), 1);
    assert_int_equal(cd_doc_para_at(&d, strlen(t)), d.n_paras);
    assert_int_equal(cd_doc_sent_at(&d, offset_of(t, "Two")), 1);
    assert_int_equal(cd_doc_sent_at(&d, 4), d.n_sents); /* the space */
    cd_doc_destroy(&d);
}

/* Pathological inputs stay linear and never overrun: each is checked only
 * for sane structure (the test would take minutes if a scan were
 * quadratic). */
static void adversarial_inputs(void **state)
{
    (void)state;
    const char *units[] = {"`", "[a](", "<a ", "**x ", "\"A. ", "<!--",
                           "```\n", "> - 1. # ", "\xE2\x80\x9C", "http://"};
    size_t n = 200000;
    char *buf = malloc(n + 1);
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), k = 0;
        while (k + ul <= n) {
            memcpy(buf + k, units[u], ul);
            k += ul;
        }
        buf[k] = '\0';
        for (int md = 0; md < 2; md++) {
            cd_doc d;
            init(&d, buf, md);
            cd_doc_destroy(&d);
        }
    }
    free(buf);
}

static void large_document(void **state)
{
    (void)state;
    const char *para_text =
        "The council approved the budget on Tuesday. \"We balanced it,\" "
        "Okafor said. Mr. McAllister voted no.\n\n";
    size_t pl = strlen(para_text), reps = 100000 / 18;
    char *buf = malloc(pl * reps + 1);
    for (size_t k = 0; k < reps; k++)
        memcpy(buf + k * pl, para_text, pl);
    buf[pl * reps] = '\0';
    cd_doc d;
    init(&d, buf, true);
    assert_int_equal(d.n_paras, reps);
    assert_int_equal(d.n_sents, 3 * reps);
    cd_doc_destroy(&d);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wire_copy_one_paragraph_per_line),
        cmocka_unit_test(wikinews_layout_headline_dateline_body),
        cmocka_unit_test(long_lines_under_a_headline_stay_separate),
        cmocka_unit_test(plain_text_comments_and_suppression_lines),
        cmocka_unit_test(crlf_line_endings),
        cmocka_unit_test(empty_and_blank_documents),
        cmocka_unit_test(front_matter_is_not_prose),
        cmocka_unit_test(code_is_not_prose),
        cmocka_unit_test(links_keep_their_text_and_lose_their_urls),
        cmocka_unit_test(emphasis_markers_only_when_markup),
        cmocka_unit_test(headings_lists_and_blockquotes),
        cmocka_unit_test(html_comments_are_recorded_and_blanked),
        cmocka_unit_test(abbreviations_and_initials_do_not_end_sentences),
        cmocka_unit_test(quotes_stay_with_their_attribution),
        cmocka_unit_test(apostrophes_are_not_quotes),
        cmocka_unit_test(offsets_survive_emoji_and_curly_quotes),
        cmocka_unit_test(lookups_by_offset),
        cmocka_unit_test(adversarial_inputs),
        cmocka_unit_test(large_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
