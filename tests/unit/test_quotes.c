/* The quotes rules through cd_analyze: each trap a copy editor knows, as a
 * small input with the findings (and quotation records) a user would see. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copydesk/analysis.h"
#include "finding_queries.h"

static cd_result *run_opts(const char *text, bool markdown,
                           const char *const *verbs, size_t n_verbs)
{
    cd_options o;
    cd_options_init(&o);
    o.markdown = markdown;
    o.attribution_verbs = verbs;
    o.n_attribution_verbs = n_verbs;
    cd_result *r = cd_analyze(text, strlen(text), &o);
    assert_non_null(r);
    return r;
}

static cd_result *run(const char *text)
{
    return run_opts(text, false, NULL, 0);
}

static size_t count_quotes(const cd_result *r)
{
    return count_code(r, CD_QUOTE_UNATTRIBUTED) +
           count_code(r, CD_QUOTE_UNBALANCED) +
           count_code(r, CD_QUOTE_ANONYMOUS_SOURCE);
}

/* The recorded quotation that starts at the first occurrence of needle. */
static const cd_quote *quote_at(const cd_result *r, const char *text,
                                const char *needle)
{
    size_t s, e;
    locate(text, needle, 0, &s, &e);
    for (size_t i = 0; i < r->n_quotes; i++)
        if (r->quotes[i].start == s)
            return &r->quotes[i];
    return NULL;
}

static void assert_span(const char *text, size_t s, size_t e,
                        const char *want)
{
    assert_int_equal(e - s, strlen(want));
    assert_memory_equal(text + s, want, strlen(want));
}

static void assert_speaker(const cd_result *r, const char *text,
                           const char *quote, cd_attr_kind how,
                           const char *speaker, const char *words)
{
    const cd_quote *q = quote_at(r, text, quote);
    assert_non_null(q);
    assert_int_equal(q->how, how);
    if (speaker)
        assert_span(text, q->speaker_start, q->speaker_end, speaker);
    if (words)
        assert_span(text, q->words_start, q->words_end, words);
}

/* ---- attribution forms: nothing to flag --------------------------------- */

static void test_said_after(void **state)
{
    (void)state;
    const char *t = "\"We balanced it without closing a single library "
                    "branch,\" Okafor said.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_int_equal(r->n_quotes, 1);
    assert_speaker(r, t, "\"We", CD_ATTR_SENTENCE, "Okafor", "said");
    /* The record covers the quotation with its marks. */
    assert_span(t, r->quotes[0].start, r->quotes[0].end,
                "\"We balanced it without closing a single library branch,\"");
    cd_result_free(r);
}

static void test_said_inverted(void **state)
{
    (void)state;
    const char *t = "\"She could make a room full of engineers care about "
                    "plankton,\" said Rafael Ortiz, who worked beside her.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"She", CD_ATTR_SENTENCE, "Rafael Ortiz", "said");
    cd_result_free(r);
}

static void test_colon_and_headline(void **state)
{
    (void)state;
    const char *t =
        "McAllister said: \"I asked for more time, and I was told no.\"\n\n"
        "Demir: 'It is far too early to call anything'\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"I asked", CD_ATTR_COLON, "McAllister", "said");
    assert_speaker(r, t, "'It is", CD_ATTR_COLON, "Demir", ":");
    cd_result_free(r);
}

static void test_headline_in_markdown_heading(void **state)
{
    (void)state;
    const char *t = "# Okoro: \xE2\x80\x98We wanted this one more than "
                    "anything\xE2\x80\x99\n\nThe match ended 3-1.\n";
    cd_result *r = run_opts(t, true, NULL, 0);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\xE2\x80\x98We", CD_ATTR_COLON, "Okoro", NULL);
    cd_result_free(r);
}

static void test_split_quote(void **state)
{
    (void)state;
    const char *t = "Finance Director Priya Raman defended the schedule. "
                    "\"We are not,\" Raman said, \"going to start a fiscal "
                    "year without a spending plan.\"\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"We are", CD_ATTR_SENTENCE, "Raman", "said");
    assert_speaker(r, t, "\"going", CD_ATTR_SENTENCE, "Raman", "said");
    cd_result_free(r);
}

static void test_pronoun_and_told_reporters(void **state)
{
    (void)state;
    const char *t =
        "Raman said the draw was small. \"The fund stays above the level "
        "the auditors recommend,\" she added.\n\n"
        "Brandt objected to the cut. \"The fight over the pool is not "
        "finished,\" Brandt told reporters after the meeting.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"The fund", CD_ATTR_SENTENCE, "she", "added");
    assert_speaker(r, t, "\"The fight", CD_ATTR_SENTENCE, "Brandt", "told");
    cd_result_free(r);
}

static void test_previous_sentence(void **state)
{
    (void)state;
    const char *t = "\"He was a skinny kid who hit harder than anyone,\" "
                    "Johnston said. \"I knew inside five minutes.\"\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"I knew", CD_ATTR_PREVIOUS_SENTENCE, "Johnston",
                   "said");
    cd_result_free(r);
}

static void test_according_to(void **state)
{
    (void)state;
    const char *t = "According to Assistant U.S. Attorney Paul Whitfield, "
                    "\"The invoices described work that nobody ever did.\"\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"The", CD_ATTR_ACCORDING_TO,
                   "Assistant U.S. Attorney Paul Whitfield", "According to");
    cd_result_free(r);
}

static void test_statement_and_in_the_words_of(void **state)
{
    (void)state;
    const char *t =
        "Senator John Cornyn issued a statement about the decision. "
        "\"Like many Texans, I am disappointed with this decision.\"\n\n"
        "Her skin broke daily and, in the words of the prosecutor, \"Gloria "
        "spent a lot of her life crying.\"\n\n"
        "The Department of Agriculture notes, \"Ground-level ozone causes "
        "more damage to plants than anything else.\"\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"Like", CD_ATTR_PREVIOUS_SENTENCE, NULL, NULL);
    assert_speaker(r, t, "\"Gloria", CD_ATTR_ACCORDING_TO, "the prosecutor",
                   "in the words of");
    assert_speaker(r, t, "\"Ground", CD_ATTR_SENTENCE, NULL, "notes");
    cd_result_free(r);
}

static void test_unknown_verb_in_attribution_position(void **state)
{
    (void)state;
    const char *t = "\"We are rolling out the first delivery airplane,\" "
                    "enthused Scott Fancher, the project manager.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"We", CD_ATTR_SENTENCE, "Scott Fancher",
                   "enthused");
    cd_result_free(r);
}

static void test_attribution_verbs_option(void **state)
{
    (void)state;
    const char *t = "The mayor harrumphs \"We will not be moved on this "
                    "question at all.\"\n";
    cd_result *r = run(t);
    assert_int_equal(count_code(r, CD_QUOTE_UNATTRIBUTED), 1);
    cd_result_free(r);
    /* The setting gives base forms; the inflections are derived. */
    const char *const verbs[] = {"harrumph"};
    r = run_opts(t, false, verbs, 1);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"We", CD_ATTR_SENTENCE, "The mayor", "harrumphs");
    cd_result_free(r);
}

static void test_verb_inflections(void **state)
{
    (void)state;
    /* One quote per verb form, each with its own speaker: none flagged. */
    static const char *const forms[] = {
        "acknowledged", "admits", "argued", "asked", "cautioned", "conceded",
        "concluded", "confirmed", "declared", "denied", "emphasised",
        "emphasized", "explained", "insisted", "joked", "maintained",
        "noted", "pledged", "posted", "predicted", "recalled", "remarked",
        "replied", "responded", "stated", "stressed", "suggested",
        "testified", "tweeted", "urged", "vowed", "warned", "whispered",
        "wrote", "writes", "tells", "says", "added", "observed", "reported",
        "complained", "continued", "countered", "shouted", "laughed",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char t[256];
        snprintf(t, sizeof t, "\"We will keep every site open for years,\" "
                              "Marchand %s.\n", forms[i]);
        cd_result *r = run(t);
        if (count_quotes(r) != 0)
            fail_msg("'%s' was not taken for a speech verb", forms[i]);
        cd_result_free(r);
    }
}

/* ---- quote-unattributed ------------------------------------------------- */

static void test_unattributed_alone(void **state)
{
    (void)state;
    const char *t =
        "Council member Daniel McAllister said the city was spending money "
        "it had not yet raised.\n\n"
        "\"Nobody on this council has read all 400 pages of this "
        "document.\"\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 1);
    const cd_finding *f = find_at(r, t, CD_QUOTE_UNATTRIBUTED, "\"Nobody", 0);
    assert_non_null(f);
    /* The range is the quotation with its marks. */
    assert_span(t, f->start, f->end,
                "\"Nobody on this council has read all 400 pages of this "
                "document.\"");
    assert_non_null(strstr(f->message, "Nobody on this council"));
    assert_non_null(strstr(f->message, "no speaker"));
    assert_string_equal(f->evidence, "none");
    assert_speaker(r, t, "\"Nobody", CD_ATTR_NONE, NULL, NULL);
    cd_result_free(r);
}

static void test_unattributed_after_scene_setting(void **state)
{
    (void)state;
    const char *t = "The walls of the gym are covered in faded fight "
                    "posters. \xE2\x80\x9CNobody gives you anything in this "
                    "sport. You take it.\xE2\x80\x9D\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 1);
    assert_non_null(find_at(r, t, CD_QUOTE_UNATTRIBUTED, "Nobody gives", 0));
    cd_result_free(r);
}

static void test_unattributed_after_emoji(void **state)
{
    (void)state;
    const char *t = "**22:31** \xF0\x9F\x94\xB4 \xE2\x80\x9CWe are watching "
                    "every ballot box in this city.\xE2\x80\x9D\n";
    cd_result *r = run_opts(t, true, NULL, 0);
    assert_int_equal(count_quotes(r), 1);
    assert_non_null(find_at(r, t, CD_QUOTE_UNATTRIBUTED, "We are watching", 0));
    cd_result_free(r);
}

static void test_speaker_in_earlier_paragraph_only(void **state)
{
    (void)state;
    const char *t = "\"We have done what we promised,\" Okafor said.\n\n"
                    "\"The budget will pass before the summer begins.\"\n";
    cd_result *r = run(t);
    assert_int_equal(count_code(r, CD_QUOTE_UNATTRIBUTED), 1);
    assert_non_null(find_at(r, t, CD_QUOTE_UNATTRIBUTED, "\"The budget", 0));
    cd_result_free(r);
}

static void test_not_quotations(void **state)
{
    (void)state;
    const char *t =
        "The city drew from its so-called \"rainy-day fund,\" again. Varga "
        "calls himself \xE2\x80\x9Cthe quiet storm,\xE2\x80\x9D a phrase on "
        "every shirt. She watched the film \"Casablanca\" every year. Her "
        "book, \"The Quiet Ocean of the North,\" sold well. Tyson \"Iron "
        "Mike\" Fury and Marvin \xE2\x80\x9CThe Hammer\xE2\x80\x9D Ellis "
        "met. The phone is \"the thinnest smartphone on the planet\" now. "
        "They sang \"We Are the World Tonight\" at the end.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    cd_result_free(r);
}

static void test_nested_single_in_double(void **state)
{
    (void)state;
    const char *t = "\"He told me 'never give up on this town,' and I never "
                    "did,\" Ortiz said.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_int_equal(r->n_quotes, 1);
    cd_result_free(r);
}

static void test_guillemets(void **state)
{
    (void)state;
    const char *t = "\xC2\xABWe will not leave this square tonight,\xC2\xBB "
                    "the organiser said.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\xC2\xAB", CD_ATTR_SENTENCE, "the organiser", "said");
    cd_result_free(r);
}

/* ---- quote-anonymous-source --------------------------------------------- */

static void test_anonymous_sources(void **state)
{
    (void)state;
    const char *t =
        "\"The government will not stand in the way of this deal,\" a "
        "senior official said, adding that jobs were safe.\n\n"
        "Two bidders looked. \"Nobody else came close on price,\" sources "
        "said.\n\n"
        "\"The government will ask the judge to reconsider,\" a person "
        "familiar with the matter said.\n\n"
        "Partners will be named next week, people familiar with the matter "
        "said. \"They have already shortlisted three firms,\" one of them "
        "said.\n";
    cd_result *r = run(t);
    assert_int_equal(count_code(r, CD_QUOTE_ANONYMOUS_SOURCE), 4);
    assert_int_equal(count_code(r, CD_QUOTE_UNATTRIBUTED), 0);
    const cd_finding *f =
        find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"The government will not", 0);
    assert_non_null(f);
    assert_non_null(strstr(f->message, "'a senior official said'"));
    assert_string_equal(f->evidence, "a senior official said");
    assert_speaker(r, t, "\"The government will not", CD_ATTR_ANONYMOUS,
                   "a senior official", "said");
    assert_non_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"Nobody", 0));
    assert_non_null(
        find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"The government will ask", 0));
    assert_non_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"They have", 0));
    cd_result_free(r);
}

/* A colon closing the sentence (or the paragraph) before a quotation
 * introduces its speaker; the quote's continuation paragraphs share it. */
static void test_colon_introduction_across_sentences(void **state)
{
    (void)state;
    const char *t =
        "Mayor Ilse Brandt was blunt with landlords: fix the heating. "
        "\"Tenants will not spend another winter in coats and gloves.\"\n\n"
        "Later that evening, Brandt described the inspections to the "
        "council:\n\n"
        "\xE2\x80\x9CWe knocked on four hundred doors in a single week and "
        "found mould behind most of them.\n\n"
        "\xE2\x80\x9C" "Some families had been sleeping in the kitchen for "
        "warmth since October.\n\n"
        "\xE2\x80\x9C" "Every one of those landlords will hear from us by "
        "Friday.\xE2\x80\x9D\n\n"
        "Brandt left the chamber at ten:\n\n"
        "The council then voted on the budget. \"Nobody wants to pay more "
        "for the same roads.\"\n\n"
        "Rain had fallen all day. \"Nobody expected the river to rise this "
        "fast.\"\n";
    cd_result *r = run(t);
    assert_speaker(r, t, "\"Tenants", CD_ATTR_COLON, "Mayor Ilse Brandt",
                   NULL);
    assert_speaker(r, t, "\xE2\x80\x9CWe knocked", CD_ATTR_COLON, "Brandt",
                   NULL);
    assert_speaker(r, t, "\xE2\x80\x9C" "Some families",
                   CD_ATTR_CONTINUATION, "Brandt", NULL);
    assert_speaker(r, t, "\xE2\x80\x9C" "Every one", CD_ATTR_CONTINUATION,
                   "Brandt", NULL);
    assert_null(find_at(r, t, CD_QUOTE_UNATTRIBUTED, "\"Tenants", 0));
    /* The colon paragraph is not followed by a quotation paragraph, or
       there is no colon at all: still flagged. */
    assert_non_null(find_at(r, t, CD_QUOTE_UNATTRIBUTED, "\"Nobody wants", 0));
    assert_non_null(find_at(r, t, CD_QUOTE_UNATTRIBUTED, "\"Nobody expected", 0));
    assert_int_equal(count_code(r, CD_QUOTE_UNATTRIBUTED), 2);
    cd_result_free(r);
}

/* "he said", "the official said" point back at a source the paragraph
 * (or the sentence before) said would not be named. */
static void test_anonymous_source_referred_back(void **state)
{
    (void)state;
    const char *t =
        "A customs officer, who spoke on condition of anonymity because "
        "the inquiry is open, said the crates were relabelled. \"They "
        "changed the paperwork twice before the ship left,\" the officer "
        "said.\n\n"
        "A farmhand who declined to be named said the pumps failed in "
        "June. \"We have carried water by hand for six weeks,\" he said.\n\n"
        "One analyst asked not to be identified.\n\n"
        "\"The forecasts were wrong from the very first month,\" she "
        "said.\n\n"
        "An aide, who was not authorized to speak publicly, said talks "
        "had stalled. Minister Oduya disagreed. \"We are closer than "
        "anyone thinks right now,\" he said.\n\n"
        "Lena Park said the vote was close. \"We counted every ballot "
        "twice before midnight,\" she said.\n";
    cd_result *r = run(t);
    assert_non_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"They changed", 0));
    assert_non_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"We have carried", 0));
    assert_non_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"The forecasts", 0));
    /* A named speaker came in between, or nobody was anonymous. */
    assert_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"We are closer", 0));
    assert_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"We counted", 0));
    assert_int_equal(count_code(r, CD_QUOTE_ANONYMOUS_SOURCE), 3);
    assert_int_equal(count_code(r, CD_QUOTE_UNATTRIBUTED), 0);
    cd_result_free(r);
}

static void test_named_sources_are_not_anonymous(void **state)
{
    (void)state;
    const char *t =
        "\"We will keep every site open for three years,\" according to a "
        "letter Marchand sent to staff.\n\n"
        "\"The bridge will reopen before the winter,\" a spokesman for the "
        "ministry said.\n\n"
        "\"We were on the roof by midnight,\" one resident, Maria Lopez, "
        "said.\n\n"
        "\"It is a full price for a good business,\" Northgate chief "
        "executive Helen Carver told reporters.\n\n"
        "\"The plant stays open for at least a decade,\" White House "
        "officials said.\n";
    cd_result *r = run(t);
    assert_int_equal(count_code(r, CD_QUOTE_UNATTRIBUTED), 0);
    /* Only the last one is unnamed. */
    assert_int_equal(count_code(r, CD_QUOTE_ANONYMOUS_SOURCE), 1);
    assert_non_null(find_at(r, t, CD_QUOTE_ANONYMOUS_SOURCE, "\"The plant", 0));
    cd_result_free(r);
}

/* ---- quote-unbalanced --------------------------------------------------- */

static void test_unclosed_quote(void **state)
{
    (void)state;
    const char *t = "Brandt said she would bring the pool back. \"I have "
                    "signatures from 600 families who use that pool.\n\n"
                    "Okafor said the state would pay.\n";
    cd_result *r = run(t);
    const cd_finding *f = find_at(r, t, CD_QUOTE_UNBALANCED, "\"I have", 0);
    assert_non_null(f);
    assert_span(t, f->start, f->end,
                "\"I have signatures from 600 families who use that pool.");
    assert_non_null(strstr(f->message, "never closed"));
    /* Still a quotation, attributed by the sentence before. */
    assert_int_equal(count_code(r, CD_QUOTE_UNATTRIBUTED), 0);
    assert_speaker(r, t, "\"I have", CD_ATTR_PREVIOUS_SENTENCE, "Brandt",
                   "said");
    cd_result_free(r);
}

static void test_multi_paragraph_quote(void **state)
{
    (void)state;
    const char *t =
        "In a 41-page opinion, Ortega wrote: \xE2\x80\x9CThe government has "
        "shown that the invoices were prepared. It has not shown more.\n\n"
        "\xE2\x80\x9C" "As to the remaining counts, the evidence is more than "
        "sufficient.\xE2\x80\x9D\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\xE2\x80\x9CThe", CD_ATTR_COLON, "Ortega", "wrote");
    assert_speaker(r, t, "\xE2\x80\x9C" "As", CD_ATTR_CONTINUATION, "Ortega",
                   "wrote");
    cd_result_free(r);
}

static void test_multi_paragraph_attributed_at_the_end(void **state)
{
    (void)state;
    const char *t = "\"We started with nothing but a truck and a loan.\n\n"
                    "\"Now we employ forty people in this valley,\" Reyes "
                    "said.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_speaker(r, t, "\"We started", CD_ATTR_CONTINUATION, "Reyes", NULL);
    cd_result_free(r);
}

static void test_closing_mark_without_opener(void **state)
{
    (void)state;
    const char *t = "Idris said the tiles would be cleaned. The biggest risk "
                    "now is rain, not looters.\xE2\x80\x9D\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 1);
    const cd_finding *f =
        find_at(r, t, CD_QUOTE_UNBALANCED, "looters.\xE2\x80\x9D", 0);
    assert_non_null(f);
    assert_span(t, f->start, f->end, "\xE2\x80\x9D");
    assert_non_null(strstr(f->message, "no opening mark"));
    cd_result_free(r);
}

static void test_apostrophes_and_primes(void **state)
{
    (void)state;
    const char *t =
        "He boxed in other people\xE2\x80\x99s hometowns and last fought "
        "there in \xE2\x80\x99" "98. The Smiths\xE2\x80\x99 house played rock "
        "\xE2\x80\x99n\xE2\x80\x99 roll. He stands 5'10\" tall and 6' 2\" "
        "in boots. They worked 'til dawn in the '90s with O'Neill's "
        "crew.\n";
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    cd_result_free(r);
}

static void test_elisions_do_not_hide_quotes(void **state)
{
    (void)state;
    /* 'em opens nothing, so the quotation after it is still found, and
       an unclosed one is still reported. */
    const char *t = "They'll get 'em next year. \"We will win the cup again "
                    "next season,\" he said.\n\n"
                    "They'll get 'em next year. \"We will win the cup again "
                    "next season, he said.\n";
    cd_result *r = run(t);
    assert_int_equal(r->n_quotes, 2);
    assert_int_equal(r->quotes[0].how, CD_ATTR_SENTENCE);
    assert_int_equal(count_code(r, CD_QUOTE_UNBALANCED), 1);
    size_t s, e;
    locate(t, "\"We", 1, &s, &e);
    assert_int_equal(r->quotes[1].start, s);
    cd_result_free(r);
}

static void test_opener_on_the_wrong_side_of_its_space(void **state)
{
    (void)state;
    /* A typo, but not an unbalanced quotation. */
    const char *t = "Burrows also said kits would be ready for schools,\" "
                    "For example, schools can run their own flag votes\".\n";
    cd_result *r = run(t);
    assert_int_equal(count_code(r, CD_QUOTE_UNBALANCED), 0);
    cd_result_free(r);
}

static void test_straight_marks_direction(void **state)
{
    (void)state;
    /* Straight marks whose direction comes from their neighbours. */
    const char *t = "(\"We are ready for the vote today,\" she said) and "
                    "then \"we left the hall together.\" Nobody stayed.\n";
    cd_result *r = run(t);
    assert_int_equal(count_code(r, CD_QUOTE_UNBALANCED), 0);
    cd_result_free(r);
}

/* ---- robustness --------------------------------------------------------- */

static void test_cancel_and_degenerate_input(void **state)
{
    (void)state;
    volatile int cancel = 1;
    cd_options o;
    cd_options_init(&o);
    o.cancel = &cancel;
    const char *t = "\"We are not going anywhere soon,\" she said.\n";
    cd_result *r = cd_analyze(t, strlen(t), &o);
    assert_non_null(r);
    assert_int_equal(r->cancelled, 1);
    cd_result_free(r);

    static const char *const odd[] = {
        "", "\"", "\xE2\x80\x9D", "\"\"\"\"", "'", "\xC2\xAB", ": \"", ",\"",
        "\xE2\x80\x9C\xE2\x80\x98\xE2\x80\x9C\xC2\xAB\"'",
        "\"a\" \"b\" \"c\" \"d\" \"e\"\n\n\"\n\n\"",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        r = run(odd[i]);
        cd_result_free(r);
    }
}

static void test_many_quotes_in_one_paragraph(void **state)
{
    (void)state;
    /* One long paragraph of quotations: every record is kept, in order. */
    size_t n = 2000;
    const char *unit = "\"We will keep the line open all night,\" she said. ";
    size_t ul = strlen(unit);
    char *t = malloc(n * ul + 1);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++)
        memcpy(t + i * ul, unit, ul);
    t[n * ul] = '\0';
    cd_result *r = run(t);
    assert_int_equal(count_quotes(r), 0);
    assert_int_equal(r->n_quotes, n);
    for (size_t i = 1; i < r->n_quotes; i++)
        assert_true(r->quotes[i - 1].end <= r->quotes[i].start);
    cd_result_free(r);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_said_after),
        cmocka_unit_test(test_said_inverted),
        cmocka_unit_test(test_colon_and_headline),
        cmocka_unit_test(test_headline_in_markdown_heading),
        cmocka_unit_test(test_split_quote),
        cmocka_unit_test(test_pronoun_and_told_reporters),
        cmocka_unit_test(test_previous_sentence),
        cmocka_unit_test(test_according_to),
        cmocka_unit_test(test_statement_and_in_the_words_of),
        cmocka_unit_test(test_unknown_verb_in_attribution_position),
        cmocka_unit_test(test_attribution_verbs_option),
        cmocka_unit_test(test_verb_inflections),
        cmocka_unit_test(test_unattributed_alone),
        cmocka_unit_test(test_unattributed_after_scene_setting),
        cmocka_unit_test(test_unattributed_after_emoji),
        cmocka_unit_test(test_speaker_in_earlier_paragraph_only),
        cmocka_unit_test(test_not_quotations),
        cmocka_unit_test(test_nested_single_in_double),
        cmocka_unit_test(test_guillemets),
        cmocka_unit_test(test_anonymous_sources),
        cmocka_unit_test(test_named_sources_are_not_anonymous),
        cmocka_unit_test(test_anonymous_source_referred_back),
        cmocka_unit_test(test_colon_introduction_across_sentences),
        cmocka_unit_test(test_unclosed_quote),
        cmocka_unit_test(test_multi_paragraph_quote),
        cmocka_unit_test(test_multi_paragraph_attributed_at_the_end),
        cmocka_unit_test(test_closing_mark_without_opener),
        cmocka_unit_test(test_apostrophes_and_primes),
        cmocka_unit_test(test_elisions_do_not_hide_quotes),
        cmocka_unit_test(test_opener_on_the_wrong_side_of_its_space),
        cmocka_unit_test(test_straight_marks_direction),
        cmocka_unit_test(test_cancel_and_degenerate_input),
        cmocka_unit_test(test_many_quotes_in_one_paragraph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
