/* The four date rules of SPEC §2: date-relative, date-ambiguous-numeric,
 * date-weekday-mismatch, date-two-digit-year.
 *
 * One pass per paragraph over the prose buffer: a hand-written tokenizer
 * fills a reused token array (no allocation per word) and lists the few
 * tokens a rule can act on (candidate words, numbers), which are then
 * looked up in the small tables below (hashed once per process). Tense
 * detection for a bare weekday only looks at the tokens of its own
 * sentence, so the whole run is linear in the size of the text. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/datewords.h"
#include "analysis/grow.h"
#include "analysis/rules.h"
#include "analysis/scan.h"
#include "analysis/wordset.h"

/* ------------------------------------------------------------------ */
/* Word tables: one table each (DESIGN §5).                            */

typedef struct cd_word_val {
    const char *word; /* lower case */
    int value;
    bool abbrev;
} cd_word_val;

static const cd_word_val cd_weekdays[] = {
    {"sunday", 0, false},    {"monday", 1, false},   {"tuesday", 2, false},
    {"wednesday", 3, false}, {"thursday", 4, false}, {"friday", 5, false},
    {"saturday", 6, false},
    /* Abbreviations count only inside a written date ("Mon., March 21"). */
    {"sun", 0, true},  {"mon", 1, true},   {"tue", 2, true},  {"tues", 2, true},
    {"wed", 3, true},  {"thu", 4, true},   {"thur", 4, true}, {"thurs", 4, true},
    {"fri", 5, true},  {"sat", 6, true},
};

static const cd_word_val cd_months[] = {
    {"january", 1, false},  {"february", 2, false}, {"march", 3, false},
    {"april", 4, false},    {"may", 5, false},      {"june", 6, false},
    {"july", 7, false},     {"august", 8, false},   {"september", 9, false},
    {"october", 10, false}, {"november", 11, false}, {"december", 12, false},
    {"jan", 1, true},  {"feb", 2, true},  {"mar", 3, true},  {"apr", 4, true},
    {"jun", 6, true},  {"jul", 7, true},  {"aug", 8, true},  {"sep", 9, true},
    {"sept", 9, true}, {"oct", 10, true}, {"nov", 11, true}, {"dec", 12, true},
};

/* Single relative days: offset from the publication date. */
static const cd_word_val cd_relative_days[] = {
    {"yesterday", -1, false},
    {"today", 0, false},
    {"tonight", 0, false},
    {"tomorrow", 1, false},
};

/* Period nouns after last/next/this/past/coming. value: the day offset for
 * the ones that name a single day ("this morning" 0, "last night" -1), or
 * CD_NOT_A_DAY. */
#define CD_NOT_A_DAY 1000
typedef struct cd_period_unit {
    const char *word;
    int this_offset; /* after "this" */
    int last_offset; /* after "last" */
} cd_period_unit;

static const cd_period_unit cd_period_units[] = {
    {"week", CD_NOT_A_DAY, CD_NOT_A_DAY},
    {"weekend", CD_NOT_A_DAY, CD_NOT_A_DAY},
    {"month", CD_NOT_A_DAY, CD_NOT_A_DAY},
    {"year", CD_NOT_A_DAY, CD_NOT_A_DAY},
    {"morning", 0, CD_NOT_A_DAY},
    {"afternoon", 0, CD_NOT_A_DAY},
    {"evening", 0, -1},
    {"night", 0, -1},
};

/* Words before a period noun or a weekday that make it relative. */
enum { CD_MOD_LAST = 1, CD_MOD_NEXT, CD_MOD_THIS };
static const cd_word_val cd_modifiers[] = {
    {"last", CD_MOD_LAST, false}, {"past", CD_MOD_LAST, false},
    {"next", CD_MOD_NEXT, false}, {"coming", CD_MOD_NEXT, false},
    {"this", CD_MOD_THIS, false},
};

/* "N days ago": the count words (value: the count, 0 = inexact). */
static const cd_word_val cd_counts[] = {
    {"a", 1, false},         {"one", 1, false},       {"two", 2, false},
    {"three", 3, false},     {"four", 4, false},      {"five", 5, false},
    {"six", 6, false},       {"seven", 7, false},     {"eight", 8, false},
    {"nine", 9, false},      {"ten", 10, false},      {"eleven", 11, false},
    {"twelve", 12, false},   {"thirteen", 13, false}, {"fourteen", 14, false},
    {"fifteen", 15, false},  {"sixteen", 16, false},  {"seventeen", 17, false},
    {"eighteen", 18, false}, {"nineteen", 19, false}, {"twenty", 20, false},
    {"few", 0, false},       {"several", 0, false},   {"couple", 0, false},
};

/* "ago" units: days per unit, 0 = a period (months, years). */
static const cd_word_val cd_ago_units[] = {
    {"day", 1, false},   {"days", 1, false},   {"week", 7, false},
    {"weeks", 7, false}, {"month", 0, false},  {"months", 0, false},
    {"year", 0, false},  {"years", 0, false},
};

/* Words before a weekday that make it a name, a holiday or a habit, not a
 * date: "Good Friday", "Black Monday", "every Sunday", "a Tuesday". */
static const char *const cd_weekday_prefix_traps[] = {
    "good", "black", "cyber", "super", "ash", "palm", "easter", "holy",
    "maundy", "bloody", "blue", "shrove", "fat", "whit", "giving", "every",
    "each", "most",
};

/* Words before a weekday that make it generic unless it modifies a noun:
 * "on a Friday" but "a Friday news conference". */
static const char *const cd_weekday_generic_prefixes[] = {
    "a", "an", "any", "some", "one",
};

/* Capitalised words after a weekday that make it a title: "Sunday Times",
 * "Monday Night Football", "Saturday Night Live". */
static const char *const cd_weekday_title_traps[] = {
    "Times", "Telegraph", "Mirror", "Express", "Post", "Herald", "Independent",
    "Tribune", "Star", "Mail", "People", "Sport", "Observer", "Night",
    "Morning", "Business", "Review", "Magazine", "Edition",
};

/* Words around a capitalised Today/Tomorrow that make it a title:
 * "USA Today", "the Today programme", "NBC's Today show". */
static const char *const cd_today_title_next[] = {
    "show", "programme", "program", "newspaper", "Show", "Programme",
};

/* Tense cues for a bare weekday: a future cue sends it to the next such
 * day, a past cue to the most recent one. Scanned outward from the
 * weekday, nearest first. */
enum { CD_TENSE_NONE = 0, CD_TENSE_PAST, CD_TENSE_FUTURE, CD_TENSE_BE };
static const cd_word_val cd_tense_words[] = {
    /* future */
    {"will", CD_TENSE_FUTURE, false},     {"shall", CD_TENSE_FUTURE, false},
    {"would", CD_TENSE_FUTURE, false},    {"won't", CD_TENSE_FUTURE, false},
    {"could", CD_TENSE_FUTURE, false},    {"might", CD_TENSE_FUTURE, false},
    {"may", CD_TENSE_FUTURE, false},      {"due", CD_TENSE_FUTURE, false},
    {"expected", CD_TENSE_FUTURE, false}, {"scheduled", CD_TENSE_FUTURE, false},
    {"plans", CD_TENSE_FUTURE, false},    {"plan", CD_TENSE_FUTURE, false},
    {"planned", CD_TENSE_FUTURE, false},  {"intends", CD_TENSE_FUTURE, false},
    {"upcoming", CD_TENSE_FUTURE, false}, {"going", CD_TENSE_FUTURE, false},
    {"is", CD_TENSE_FUTURE, false},       {"are", CD_TENSE_FUTURE, false},
    {"am", CD_TENSE_FUTURE, false},       {"begins", CD_TENSE_FUTURE, false},
    {"starts", CD_TENSE_FUTURE, false},   {"opens", CD_TENSE_FUTURE, false},
    /* present tense of scheduling verbs: "voters go to the polls on
       Saturday", "the game kicks off on Sunday" */
    {"go", CD_TENSE_FUTURE, false},       {"goes", CD_TENSE_FUTURE, false},
    {"meets", CD_TENSE_FUTURE, false},    {"kicks", CD_TENSE_FUTURE, false},
    {"resumes", CD_TENSE_FUTURE, false},  {"arrives", CD_TENSE_FUTURE, false},
    {"leaves", CD_TENSE_FUTURE, false},   {"ends", CD_TENSE_FUTURE, false},
    {"takes", CD_TENSE_FUTURE, false},    {"heads", CD_TENSE_FUTURE, false},
    {"faces", CD_TENSE_FUTURE, false},    {"hosts", CD_TENSE_FUTURE, false},
    {"travels", CD_TENSE_FUTURE, false},  {"closes", CD_TENSE_FUTURE, false},
    /* neutral auxiliaries: keep looking ("will be held") */
    {"be", CD_TENSE_BE, false},           {"been", CD_TENSE_BE, false},
    {"being", CD_TENSE_BE, false},
    /* past */
    {"was", CD_TENSE_PAST, false},    {"were", CD_TENSE_PAST, false},
    {"had", CD_TENSE_PAST, false},    {"has", CD_TENSE_PAST, false},
    {"have", CD_TENSE_PAST, false},   {"did", CD_TENSE_PAST, false},
    {"said", CD_TENSE_PAST, false},   {"told", CD_TENSE_PAST, false},
    {"ago", CD_TENSE_PAST, false},    {"threw", CD_TENSE_PAST, false},
    {"met", CD_TENSE_PAST, false},    {"made", CD_TENSE_PAST, false},
    {"went", CD_TENSE_PAST, false},   {"took", CD_TENSE_PAST, false},
    {"gave", CD_TENSE_PAST, false},   {"came", CD_TENSE_PAST, false},
    {"saw", CD_TENSE_PAST, false},    {"won", CD_TENSE_PAST, false},
    {"lost", CD_TENSE_PAST, false},   {"began", CD_TENSE_PAST, false},
    {"fell", CD_TENSE_PAST, false},   {"rose", CD_TENSE_PAST, false},
    {"left", CD_TENSE_PAST, false},   {"held", CD_TENSE_PAST, false},
    {"sold", CD_TENSE_PAST, false},   {"bought", CD_TENSE_PAST, false},
    {"spoke", CD_TENSE_PAST, false},  {"wrote", CD_TENSE_PAST, false},
    {"ran", CD_TENSE_PAST, false},    {"sent", CD_TENSE_PAST, false},
    {"paid", CD_TENSE_PAST, false},   {"kept", CD_TENSE_PAST, false},
    {"found", CD_TENSE_PAST, false},  {"led", CD_TENSE_PAST, false},
    {"brought", CD_TENSE_PAST, false}, {"thought", CD_TENSE_PAST, false},
    {"struck", CD_TENSE_PAST, false}, {"chose", CD_TENSE_PAST, false},
    {"drove", CD_TENSE_PAST, false},  {"flew", CD_TENSE_PAST, false},
    {"grew", CD_TENSE_PAST, false},   {"knew", CD_TENSE_PAST, false},
    {"broke", CD_TENSE_PAST, false},  {"stood", CD_TENSE_PAST, false},
    {"shot", CD_TENSE_PAST, false},   {"spent", CD_TENSE_PAST, false},
    {"became", CD_TENSE_PAST, false}, {"got", CD_TENSE_PAST, false},
    {"fought", CD_TENSE_PAST, false}, {"caught", CD_TENSE_PAST, false},
    {"felt", CD_TENSE_PAST, false},   {"heard", CD_TENSE_PAST, false},
    {"meant", CD_TENSE_PAST, false},  {"sank", CD_TENSE_PAST, false},
    {"shook", CD_TENSE_PAST, false},  {"hit", CD_TENSE_PAST, false},
    {"put", CD_TENSE_PAST, false},    {"set", CD_TENSE_PAST, false},
    {"cut", CD_TENSE_PAST, false},    {"let", CD_TENSE_PAST, false},
    {"beat", CD_TENSE_PAST, false},   {"began", CD_TENSE_PAST, false},
    {"sat", CD_TENSE_PAST, false},    {"swore", CD_TENSE_PAST, false},
    {"wore", CD_TENSE_PAST, false},   {"woke", CD_TENSE_PAST, false},
    {"sought", CD_TENSE_PAST, false}, {"taught", CD_TENSE_PAST, false},
    {"did", CD_TENSE_PAST, false},    {"didn't", CD_TENSE_PAST, false},
    {"wasn't", CD_TENSE_PAST, false}, {"weren't", CD_TENSE_PAST, false},
    {"hadn't", CD_TENSE_PAST, false},
};

/* Auxiliaries before a participle: "will be held", "was arrested", "has
 * announced". The participle defers to them. */
static const char *const cd_aux_words[] = {
    "be", "been", "being", "is", "are", "am", "was", "were", "has", "have",
    "had", "get", "got",
};

/* Words ending in -ed that are not past tenses. */
static const char *const cd_not_past_ed[] = {
    "need", "feed", "seed", "speed", "breed", "bleed", "greed", "weed",
    "bed", "red", "shed", "wed", "hundred", "sacred", "naked", "wicked",
    "indeed", "proceed", "succeed", "exceed", "deed", "creed", "steed",
    "ragged", "rugged", "kindred", "aged", "beloved", "learned",
};

/* ------------------------------------------------------------------ */
/* Small helpers.                                                      */

#define CD_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool cd_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool cd_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool cd_is_alnum(unsigned char c)
{
    return cd_is_alpha(c) || cd_is_digit(c);
}

static int cd_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive equality of s[0..n) with a lower-case word. */
static bool cd_eq_lower(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n && word[i]; i++)
        if (cd_lower((unsigned char)s[i]) != (unsigned char)word[i])
            return false;
    return i == n && word[i] == '\0';
}

/* The tables searched for many words of a document (a weekday's tense is
 * read from every word around it) are each hashed once per process
 * (cd_tables_build), so a lookup costs one probe instead of a scan. A
 * word's flags in its set are 1 + the index of its first entry. */
typedef struct cd_word_index {
    const cd_word_val *tab;
    size_t count;
    cd_wordset set;
} cd_word_index;

#define CD_INDEX(name, tab)                                                \
    static cd_wordset_slot name##_slots[CD_WORDSET_SLOTS(CD_COUNT(tab))];  \
    static cd_word_index name = {tab, CD_COUNT(tab),                       \
                                 {name##_slots, CD_COUNT(name##_slots) - 1}}
CD_INDEX(cd_weekdays_ix, cd_weekdays);
CD_INDEX(cd_months_ix, cd_months);
CD_INDEX(cd_relative_days_ix, cd_relative_days);
CD_INDEX(cd_modifiers_ix, cd_modifiers);
CD_INDEX(cd_counts_ix, cd_counts);
CD_INDEX(cd_ago_units_ix, cd_ago_units);
CD_INDEX(cd_tense_words_ix, cd_tense_words);
_Static_assert(CD_COUNT(cd_tense_words) < CD_COUNT(cd_tense_words_ix_slots) / 2,
               "a word index must stay under half full");

static void cd_index_build(cd_word_index *ix)
{
    for (size_t i = 0; i < ix->count; i++) {
        const char *w = ix->tab[i].word;
        size_t n = strlen(w);
        if (!cd_wordset_get(&ix->set, w, n)) /* a repeated word: the first
                                                entry answers */
            cd_wordset_add(&ix->set, w, n, (uint32_t)i + 1);
    }
}

/* The longest word a lookup folds and searches for: longer than any
 * table's words. */
#define CD_LOOKUP_MAX 16

/* The flags of s[0..n) in any case in set, or 0. */
static uint32_t cd_lookup_flags(const cd_wordset *set, const char *s,
                                size_t n)
{
    if (n == 0 || n > CD_LOOKUP_MAX)
        return 0;
    char low[CD_LOOKUP_MAX];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)cd_lower((unsigned char)s[i]);
    return cd_wordset_get(set, low, n);
}

/* The first entry of the table that is s[0..n) in any case, or NULL. */
static const cd_word_val *cd_lookup(const cd_word_index *ix, const char *s,
                                    size_t n)
{
    uint32_t i1 = cd_lookup_flags(&ix->set, s, n);
    return i1 ? &ix->tab[i1 - 1] : NULL;
}

static bool cd_in_list(const char *const *list, size_t count, const char *s,
                       size_t n)
{
    if (n == 0)
        return false;
    int c0 = cd_lower((unsigned char)s[0]);
    for (size_t i = 0; i < count; i++)
        if (list[i][0] == c0 && cd_eq_lower(s, n, list[i]))
            return true;
    return false;
}

static bool cd_in_list_exact(const char *const *list, size_t count,
                             const char *s, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return true;
    return false;
}

static bool cd_is_upper_initial(const char *s)
{
    return *s >= 'A' && *s <= 'Z';
}

/* Spaces that may separate the words of a written date: space, tab,
 * no-break space. Never a line break. */
static size_t cd_skip_inline_space(const char *s, size_t len, size_t i)
{
    for (;;) {
        if (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        else if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
                 (unsigned char)s[i + 1] == 0xA0)
            i += 2;
        else
            return i;
    }
}

static size_t cd_word_end(const char *s, size_t len, size_t i)
{
    while (i < len && cd_is_alpha((unsigned char)s[i]))
        i++;
    return i;
}

/* ------------------------------------------------------------------ */
/* Candidate words.                                                    */

/* The words that can start a date expression: weekdays (capitalised
 * only, as cd_dw_weekday reads them), relative days, the modifiers,
 * "earlier", "later" and "ago". cd_relative_at does nothing with any
 * other word, so the tokenizer marks these (cd_toks.hot) and the rule
 * looks at no other. Their flags in cd_cand_set: how they may be
 * written (CD_F_*). Filled once per process from the tables above. */
enum { CD_F_ANY = 1, CD_F_CAPITALISED = 2 };
#define CD_CAND_WORDS                                                      \
    (CD_COUNT(cd_weekdays) + CD_COUNT(cd_relative_days) +                  \
     CD_COUNT(cd_modifiers) + 3)
static cd_wordset_slot cd_cand_slots[CD_WORDSET_SLOTS(CD_CAND_WORDS)];
static cd_wordset cd_cand_set = {cd_cand_slots, CD_COUNT(cd_cand_slots) - 1};

/* Before that lookup, one table test rules out nearly every word of a
 * document without hashing it: by first letter and length, the second
 * letters the candidates have ([0] written in any case, [1] capitalised
 * only), one bit per letter. */
#define CD_FILTER_MAXLEN 16
static uint32_t cd_filter[2][26][CD_FILTER_MAXLEN + 1];

static void cd_cand_add(const char *w, int how)
{
    size_t n = strlen(w);
    cd_wordset_add(&cd_cand_set, w, n, (uint32_t)how);
    if (n >= 2 && n <= CD_FILTER_MAXLEN && w[0] >= 'a' && w[0] <= 'z' &&
        w[1] >= 'a' && w[1] <= 'z')
        cd_filter[how == CD_F_ANY ? 0 : 1][w[0] - 'a'][n] |= 1u << (w[1] - 'a');
}

static void cd_cand_build(void)
{
    for (size_t i = 0; i < CD_COUNT(cd_weekdays); i++)
        cd_cand_add(cd_weekdays[i].word, CD_F_CAPITALISED);
    for (size_t i = 0; i < CD_COUNT(cd_relative_days); i++)
        cd_cand_add(cd_relative_days[i].word, CD_F_ANY);
    for (size_t i = 0; i < CD_COUNT(cd_modifiers); i++)
        cd_cand_add(cd_modifiers[i].word, CD_F_ANY);
    cd_cand_add("earlier", CD_F_ANY);
    cd_cand_add("later", CD_F_ANY);
    cd_cand_add("ago", CD_F_ANY);
}

/* The word indexes and the candidate words, built once per process. */
static pthread_once_t cd_tables_once = PTHREAD_ONCE_INIT;

static void cd_tables_build(void)
{
    cd_index_build(&cd_weekdays_ix);
    cd_index_build(&cd_months_ix);
    cd_index_build(&cd_relative_days_ix);
    cd_index_build(&cd_modifiers_ix);
    cd_index_build(&cd_counts_ix);
    cd_index_build(&cd_ago_units_ix);
    cd_index_build(&cd_tense_words_ix);
    cd_cand_build();
}

/* Is s[0..n) one of the candidate words, written as it may be? */
static inline bool cd_is_cand_word(const char *s, size_t n)
{
    if (n < 2 || n > CD_FILTER_MAXLEN)
        return false;
    unsigned char c = (unsigned char)s[0];
    /* | 0x20 folds an ASCII capital to its small letter and never turns
       any other byte into a letter. */
    unsigned second = ((unsigned char)s[1] | 0x20) - 'a';
    if (second >= 26)
        return false;
    bool capital = c >= 'A' && c <= 'Z';
    if (!capital && !(c >= 'a' && c <= 'z'))
        return false;
    uint32_t seconds = cd_filter[0][(c | 0x20) - 'a'][n];
    if (capital)
        seconds |= cd_filter[1][(c | 0x20) - 'a'][n];
    if (!(seconds >> second & 1))
        return false;
    uint32_t how = cd_lookup_flags(&cd_cand_set, s, n);
    return (how & CD_F_ANY) || (how && capital);
}

/* Length of s[0..n) without a trailing possessive 's or ’s. */
static size_t cd_base_len(const char *s, size_t n)
{
    if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
        return n - 2;
    if (n > 4 && memcmp(s + n - 4, "\xe2\x80\x99", 3) == 0 &&
        (s[n - 1] == 's' || s[n - 1] == 'S'))
        return n - 4;
    return n;
}

/* The word s[0..n), or its base without a possessive, is a candidate
 * word (cd_relative_at looks at both). */
static bool cd_candidate_word(const char *s, size_t n)
{
    if (cd_is_cand_word(s, n))
        return true;
    if ((s[n - 1] | 0x20) != 's')
        return false; /* no possessive: the base is the word */
    size_t bn = cd_base_len(s, n);
    return bn != n && cd_is_cand_word(s, bn);
}

/* ------------------------------------------------------------------ */
/* Shared with pubdate.c (analysis/datewords.h).                       */

int cd_dw_month(const char *s, size_t n, bool *abbrev)
{
    if (n == 0 || !cd_is_upper_initial(s))
        return 0;
    pthread_once(&cd_tables_once, cd_tables_build); /* pubdate.c calls too */
    const cd_word_val *w = cd_lookup(&cd_months_ix, s, n);
    if (!w)
        return 0;
    if (abbrev)
        *abbrev = w->abbrev;
    return w->value;
}

int cd_dw_weekday(const char *s, size_t n, bool *abbrev)
{
    if (n == 0 || !cd_is_upper_initial(s))
        return -1;
    pthread_once(&cd_tables_once, cd_tables_build);
    const cd_word_val *w = cd_lookup(&cd_weekdays_ix, s, n);
    if (!w)
        return -1;
    if (abbrev)
        *abbrev = w->abbrev;
    return w->value;
}

/* A day of the month at s[i]: 1-2 digits, an optional ordinal suffix, not
 * followed by another digit or letter. */
static bool cd_parse_day(const char *s, size_t len, size_t i, int *day,
                         size_t *end)
{
    size_t j = i;
    int v = 0;
    while (j < len && cd_is_digit((unsigned char)s[j]) && j - i < 3)
        v = v * 10 + (s[j++] - '0');
    if (j == i || j - i > 2 || v < 1 || v > 31)
        return false;
    if (j + 1 < len &&
        (cd_eq_lower(s + j, 2, "st") || cd_eq_lower(s + j, 2, "nd") ||
         cd_eq_lower(s + j, 2, "rd") || cd_eq_lower(s + j, 2, "th")) &&
        (j + 2 >= len || !cd_is_alnum((unsigned char)s[j + 2])))
        j += 2;
    if (j < len && cd_is_alnum((unsigned char)s[j]))
        return false;
    *day = v;
    *end = j;
    return true;
}

/* A month name at s[i] with its optional abbreviation period. */
static bool cd_parse_month(const char *s, size_t len, size_t i, int *month,
                           size_t *end)
{
    size_t e = cd_word_end(s, len, i);
    if (e == i || (e < len && cd_is_digit((unsigned char)s[e])))
        return false;
    bool abbrev = false;
    int m = cd_dw_month(s + i, e - i, &abbrev);
    if (!m)
        return false;
    if (abbrev && e < len && s[e] == '.')
        e++;
    *month = m;
    *end = e;
    return true;
}

/* A four-digit year at s[i], not followed by another digit or letter. */
static bool cd_parse_year(const char *s, size_t len, size_t i, int *year,
                          size_t *end)
{
    if (i + 4 > len)
        return false;
    int v = 0;
    for (size_t k = 0; k < 4; k++) {
        if (!cd_is_digit((unsigned char)s[i + k]))
            return false;
        v = v * 10 + (s[i + k] - '0');
    }
    if (i + 4 < len && cd_is_alnum((unsigned char)s[i + 4]))
        return false;
    if (v < 1000)
        return false;
    *year = v;
    *end = i + 4;
    return true;
}

bool cd_dw_written_date(const char *s, size_t len, size_t i, cd_date *d,
                        size_t *end)
{
    int month = 0, day = 0, year = 0;
    size_t j, e;
    if (i >= len)
        return false;
    if (cd_parse_month(s, len, i, &month, &e)) {
        /* Month Day[,] [Year] */
        j = cd_skip_inline_space(s, len, e);
        if (j == e && !(e > i && s[e - 1] == '.'))
            return false;
        if (!cd_parse_day(s, len, j, &day, &e))
            return false;
    } else if (cd_parse_day(s, len, i, &day, &e)) {
        /* Day [of] Month[,] [Year] */
        j = cd_skip_inline_space(s, len, e);
        if (j == e)
            return false;
        if (j + 2 < len && cd_eq_lower(s + j, 2, "of") &&
            (s[j + 2] == ' ' || s[j + 2] == '\t'))
            j = cd_skip_inline_space(s, len, j + 2);
        if (!cd_parse_month(s, len, j, &month, &e))
            return false;
    } else {
        return false;
    }
    size_t date_end = e;
    j = e;
    if (j < len && s[j] == ',')
        j++;
    j = cd_skip_inline_space(s, len, j);
    if (j > e && cd_parse_year(s, len, j, &year, &e))
        date_end = e;
    else
        year = 0;
    cd_date out = {year, month, day};
    /* Without a year, Feb 29 is possible. */
    cd_date check = {year ? year : 2000, month, day};
    if (!cd_date_valid(check))
        return false;
    *d = out;
    *end = date_end;
    return true;
}

/* ------------------------------------------------------------------ */
/* Tokens.                                                             */

enum { CD_TOK_WORD, CD_TOK_NUM, CD_TOK_PUNCT };
enum {
    CD_P_OTHER = 0,
    CD_P_COMMA,
    CD_P_CLAUSE, /* ; : dashes brackets: a clause boundary */
    CD_P_QUOTE,
    CD_P_STOP,   /* . ! ? */
};

typedef struct cd_tok {
    size_t s, e;
    unsigned char kind;
    unsigned char punct;
    unsigned int sent; /* sentence number inside the paragraph */
} cd_tok;

typedef struct cd_toks {
    cd_tok *v;
    size_t n, cap;
    /* Tokens are numbered by sentence as they are pushed: doc->sents
       (borrowed), the current sentence si, the paragraph's end s_last, and
       the number inside the paragraph. */
    const cd_sentence *sents;
    size_t si, s_last;
    unsigned int sent;
    /* Owned: the indices of the tokens a rule may act on, in order: the
       candidate words (cd_candidate_word), the numbers, and a year mark
       (cd_is_year_mark) just before a digit. Every other token is context
       only. */
    size_t *hot;
    size_t n_hot, hot_cap;
} cd_toks;

/* UTF-8 length of the sequence starting with byte c. */
static size_t cd_u8len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

/* Non-ASCII code points that are punctuation or symbols, not letters:
 * U+2000..U+206F (dashes, curly quotes, ellipsis), « », no-break space,
 * and everything from U+2070 up to U+2BFF plus 4-byte sequences (emoji). */
static bool cd_u8_is_letter(const unsigned char *p, size_t avail)
{
    size_t l = cd_u8len(p[0]);
    if (l > avail)
        return false;
    if (l == 2)
        return !(p[0] == 0xC2); /* C2 xx: Latin-1 punctuation and symbols */
    if (l == 3) {
        if (p[0] == 0xE2 || p[0] == 0xE3)
            return false;
        if (p[0] == 0xEF) /* specials, fullwidth forms: treat as symbols */
            return false;
        return true;
    }
    return false;
}

static bool cd_is_apostrophe_at(const char *s, size_t len, size_t i,
                                size_t *w)
{
    if (s[i] == '\'') {
        *w = 1;
        return true;
    }
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
        (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
        *w = 3;
        return true;
    }
    return false;
}

/* Called for every token of the document (cd_grow keeps the rare growth
 * out of line). */
static inline int cd_toks_push(cd_toks *t, size_t s, size_t e, int kind,
                               int punct, bool hot)
{
    if (cd_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v))
        return -1;
    while (t->si + 1 < t->s_last && s >= t->sents[t->si + 1].start) {
        t->si++;
        t->sent++;
    }
    t->v[t->n++] =
        (cd_tok){s, e, (unsigned char)kind, (unsigned char)punct, t->sent};
    if (hot) {
        if (cd_grow((void **)&t->hot, &t->hot_cap, t->n_hot + 1,
                    sizeof *t->hot))
            return -1;
        t->hot[t->n_hot++] = t->n - 1;
    }
    return 0;
}

/* Is the punctuation token s[0..w) a ' ‘ or ’, which right before a digit
 * may elide a year ('98)? The tokenizer marks such a token for
 * cd_number_at. */
static bool cd_is_year_mark(const unsigned char *s, size_t w)
{
    return (w == 1 && s[0] == '\'') ||
           (w == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
            (s[2] == 0x98 || s[2] == 0x99));
}

/* Byte classes for the tokenizer: one table test per byte. */
enum { CD_B_SPACE = 1, CD_B_ALPHA = 2, CD_B_DIGIT = 4 };
static const unsigned char cd_bclass[256] = {
    [' '] = CD_B_SPACE, ['\t'] = CD_B_SPACE, ['\n'] = CD_B_SPACE,
    ['\r'] = CD_B_SPACE, CD_BYTES_DIGITS(CD_B_DIGIT),
    CD_BYTES_LETTERS(CD_B_ALPHA),
};

/* Tokenizes p[a..b). Words keep inner apostrophes (people's, won't) and
 * non-ASCII letters; numbers keep inner . , : / before a digit (1.4,
 * 9,000, 17:00, 3/4/16). Runs of ASCII letters and digits, nearly all
 * of the text, are stepped over eight bytes at a time (cd_alnum_run); only
 * the bytes that end them take the slower checks. */
static int cd_tokenize(const char *p, size_t a, size_t b, cd_toks *t)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = a;
    t->n = t->n_hot = 0;
    while (i < b) {
        unsigned char c = u[i];
        unsigned char cls = cd_bclass[c];
        if (cls & CD_B_SPACE) {
            i++;
            continue;
        }
        size_t st = i, w;
        if ((cls & CD_B_ALPHA) ||
            (c >= 0x80 && cd_u8_is_letter(u + i, b - i))) {
            for (;;) {
                i = cd_alnum_run(u, i, b);
                if (i >= b)
                    break;
                unsigned char d = u[i];
                if (d >= 0x80 && cd_u8_is_letter(u + i, b - i))
                    i += cd_u8len(d);
                else if ((d == '\'' || d == 0xE2) && /* ' or ’ */
                         cd_is_apostrophe_at(p, b, i, &w) && i + w < b &&
                         (cd_bclass[u[i + w]] & CD_B_ALPHA))
                    i += w;
                else
                    break;
            }
            if (cd_toks_push(t, st, i, CD_TOK_WORD, 0,
                             cd_candidate_word(p + st, i - st)))
                return -1;
            continue;
        }
        if (cls & CD_B_DIGIT) {
            for (;;) {
                i = cd_alnum_run(u, i, b);
                if (i + 1 < b && (u[i] == '.' || u[i] == ',' || u[i] == ':' ||
                                  u[i] == '/') &&
                    (cd_bclass[u[i + 1]] & CD_B_DIGIT))
                    i++;
                else
                    break;
            }
            if (cd_toks_push(t, st, i, CD_TOK_NUM, 0, true))
                return -1;
            continue;
        }
        int punct = CD_P_OTHER;
        size_t l = cd_u8len(c);
        if (i + l > b)
            l = b - i;
        if (c == ',') {
            punct = CD_P_COMMA;
        } else if (c == ';' || c == ':' || c == '(' || c == ')' || c == '[' ||
                   c == ']') {
            punct = CD_P_CLAUSE;
        } else if (c == '-') {
            /* A spaced hyphen or "--" is a dash; "5-2" is not. */
            if (i + 1 < b && p[i + 1] == '-') {
                l = 2;
                punct = CD_P_CLAUSE;
            } else if ((i == a || p[i - 1] == ' ') &&
                       (i + 1 >= b || p[i + 1] == ' ')) {
                punct = CD_P_CLAUSE;
            }
        } else if (c == '.' || c == '!' || c == '?') {
            punct = CD_P_STOP;
        } else if (c == '"') {
            punct = CD_P_QUOTE;
        } else if (c == 0xE2 && l == 3 && (unsigned char)p[i + 1] == 0x80) {
            unsigned char d = (unsigned char)p[i + 2];
            if (d == 0x93 || d == 0x94) /* – — */
                punct = CD_P_CLAUSE;
            else if (d == 0x9C || d == 0x9D) /* “ ” */
                punct = CD_P_QUOTE;
        } else if (c == 0xC2 && l == 2 &&
                   ((unsigned char)p[i + 1] == 0xAB ||
                    (unsigned char)p[i + 1] == 0xBB)) {
            punct = CD_P_QUOTE;
        }
        bool year_mark = cd_is_year_mark(u + i, l) && i + l < b &&
                         (cd_bclass[u[i + l]] & CD_B_DIGIT);
        i += l;
        if (cd_toks_push(t, st, i, CD_TOK_PUNCT, punct, year_mark))
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Findings.                                                           */

typedef struct cd_ctx {
    const cd_doc *doc;
    const char *p; /* prose */
    const cd_options *opts;
    const cd_pubdate *pub;
    cd_result *out;
    cd_toks toks;
    size_t para;
    /* Message parts formatted once per run rather than once per finding
       (a long document has a thousand relative dates, nearly all against
       the same publication date and a handful of distinct days). */
    char pub_iso[48];          /* the publication date, when known */
    char pub_long[48];
    char related_msg[128];     /* cd_add_pub_related's message */
    struct {
        cd_date d;
        char s[48];
    } longs[8];                /* cd_date_format_long results */
    size_t n_longs, next_long;
} cd_ctx;

static const char *cd_pub_origin(cd_pub_source s)
{
    switch (s) {
    case CD_PUB_ARGUMENT: return "from --date";
    case CD_PUB_SETTING: return "from the copydesk.publicationDate setting";
    case CD_PUB_FRONT_MATTER: return "from the front matter";
    case CD_PUB_DATELINE: return "from the dateline";
    case CD_PUB_CONFIG: return "from copydesk.json";
    case CD_PUB_NONE: break;
    }
    return "";
}

static bool cd_pub_known(const cd_ctx *cx)
{
    return cx->pub && cx->pub->source != CD_PUB_NONE &&
           cd_date_valid(cx->pub->date);
}

/* relatedInformation: where the publication date came from, when that is
 * a place in this document. */
static void cd_add_pub_related(const cd_ctx *cx, cd_finding *f)
{
    if (!f || !cd_pub_known(cx))
        return;
    if (cx->pub->source != CD_PUB_FRONT_MATTER &&
        cx->pub->source != CD_PUB_DATELINE)
        return;
    if (cx->pub->end <= cx->pub->start)
        return;
    cd_finding_add_related(f, cx->pub->start, cx->pub->end, cx->related_msg);
}

/* Formats the per-run parts of the messages (see cd_ctx). */
static void cd_ctx_prepare(cd_ctx *cx)
{
    if (!cd_pub_known(cx))
        return;
    cd_date_format_iso(cx->pub->date, cx->pub_iso, sizeof cx->pub_iso);
    cd_date_format_long(cx->pub->date, cx->pub_long, sizeof cx->pub_long);
    snprintf(cx->related_msg, sizeof cx->related_msg,
             "publication date %s (%s)", cx->pub_iso,
             cd_pub_origin(cx->pub->source) + 5 /* skip "from " */);
}

/* cd_date_format_long(d), from a small cache of recent days. */
static const char *cd_long_date(cd_ctx *cx, cd_date d)
{
    for (size_t i = 0; i < cx->n_longs; i++)
        if (cd_date_compare(cx->longs[i].d, d) == 0)
            return cx->longs[i].s;
    size_t slot = cx->next_long;
    cx->next_long = (slot + 1) % CD_COUNT(cx->longs);
    if (cx->n_longs < CD_COUNT(cx->longs))
        cx->n_longs++;
    cx->longs[slot].d = d;
    cd_date_format_long(d, cx->longs[slot].s, sizeof cx->longs[slot].s);
    return cx->longs[slot].s;
}

/* A relative expression at [s, e). offset: days from the publication date,
 * or CD_NOT_A_DAY for a period. */
static void cd_report_relative(cd_ctx *cx, size_t s, size_t e, long offset)
{
    const char *txt = cx->doc->text + s;
    int n = (int)(e - s);
    cd_finding *f;
    cd_severity sev = cd_code_default_severity(CD_DATE_RELATIVE);
    if (!cd_pub_known(cx)) {
        f = cd_result_push(cx->out, CD_DATE_RELATIVE, sev, s, e,
                           "'%.*s' is a relative date and no publication date "
                           "is known: give the calendar date",
                           n, txt);
        return;
    }
    const char *origin = cd_pub_origin(cx->pub->source);
    if (offset == CD_NOT_A_DAY) {
        f = cd_result_push(cx->out, CD_DATE_RELATIVE, sev, s, e,
                           "'%.*s' is relative to the publication date (%s, "
                           "%s): name the dates",
                           n, txt, cx->pub_long, origin);
    } else {
        cd_date d = cd_date_add_days(cx->pub->date, offset);
        f = cd_result_push(cx->out, CD_DATE_RELATIVE, sev, s, e,
                           "'%.*s' is %s (publication date %s, %s)", n, txt,
                           cd_long_date(cx, d), cx->pub_iso, origin);
        if (f)
            f->date = d;
    }
    cd_add_pub_related(cx, f);
}

/* ------------------------------------------------------------------ */
/* Relative dates.                                                     */

static const char *cd_tok_text(const cd_ctx *cx, const cd_tok *t)
{
    return cx->p + t->s;
}

static size_t cd_tok_len(const cd_tok *t)
{
    return t->e - t->s;
}

static bool cd_tok_is(const cd_ctx *cx, const cd_tok *t, const char *lower)
{
    return t->kind == CD_TOK_WORD &&
           cd_eq_lower(cd_tok_text(cx, t), cd_tok_len(t), lower);
}

/* The previous / next word of the same sentence, with no punctuation in
 * between; NULL when there is none. */
static const cd_tok *cd_prev_word(const cd_ctx *cx, size_t k)
{
    if (k == 0)
        return NULL;
    const cd_tok *t = &cx->toks.v[k - 1];
    if (t->kind != CD_TOK_WORD || t->sent != cx->toks.v[k].sent)
        return NULL;
    return t;
}

static const cd_tok *cd_next_word(const cd_ctx *cx, size_t k)
{
    if (k + 1 >= cx->toks.n)
        return NULL;
    const cd_tok *t = &cx->toks.v[k + 1];
    if (t->kind != CD_TOK_WORD || t->sent != cx->toks.v[k].sent)
        return NULL;
    return t;
}

/* Past tense by form: a lower-case word ending in -ed, not one of the
 * listed non-verbs. */
static bool cd_looks_past(const char *s, size_t n)
{
    if (n < 4 || !(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    if (!(s[n - 2] == 'e' && s[n - 1] == 'd'))
        return false;
    return !cd_in_list(cd_not_past_ed, CD_COUNT(cd_not_past_ed), s, n);
}

/* The tense cue of word token k, CD_TENSE_NONE when it has none. A past
 * form right after a form of "be" is a participle ("will be held", "was
 * arrested"): it defers to the auxiliary, so it reports CD_TENSE_BE. */
static int cd_tense_of(const cd_ctx *cx, size_t k)
{
    const cd_tok *t = &cx->toks.v[k];
    if (t->kind != CD_TOK_WORD)
        return CD_TENSE_NONE;
    const char *s = cd_tok_text(cx, t);
    size_t n = cd_tok_len(t);
    /* "I'll", "she'll": future. */
    if ((n > 3 && memcmp(s + n - 3, "'ll", 3) == 0) ||
        (n > 5 && memcmp(s + n - 5, "\xe2\x80\x99ll", 5) == 0))
        return CD_TENSE_FUTURE;
    /* "to" + verb after is/are/was/set: "is to travel", "set to begin". */
    if (cd_eq_lower(s, n, "set") && k + 1 < cx->toks.n &&
        cd_tok_is(cx, &cx->toks.v[k + 1], "to"))
        return CD_TENSE_FUTURE;
    if ((cd_eq_lower(s, n, "was") || cd_eq_lower(s, n, "were")) &&
        k + 1 < cx->toks.n && cd_tok_is(cx, &cx->toks.v[k + 1], "to"))
        return CD_TENSE_FUTURE; /* future in the past: "was to depart" */
    const cd_word_val *w =
        cd_lookup(&cd_tense_words_ix, s, n);
    int tense = w ? w->value : CD_TENSE_NONE;
    if (tense == CD_TENSE_FUTURE && w->word[0] == 'm' && s[0] == 'M')
        tense = CD_TENSE_NONE; /* "May" the month */
    if (tense == CD_TENSE_NONE && cd_looks_past(s, n))
        tense = CD_TENSE_PAST;
    if (tense == CD_TENSE_PAST && k > 0) {
        /* participle after be/been/is/was (an adverb may sit between) */
        size_t j = k - 1;
        const cd_tok *q = &cx->toks.v[j];
        if (q->kind == CD_TOK_WORD && cd_tok_len(q) > 2 &&
            cd_eq_lower(cd_tok_text(cx, q) + cd_tok_len(q) - 2, 2, "ly") &&
            j > 0)
            q = &cx->toks.v[--j];
        if (q->kind == CD_TOK_WORD && q->sent == t->sent &&
            cd_in_list(cd_aux_words, CD_COUNT(cd_aux_words),
                       cd_tok_text(cx, q), cd_tok_len(q)))
            return CD_TENSE_BE;
    }
    return tense;
}

/* Subordinators that open a time clause. */
static const char *const cd_subordinators[] = {
    "when", "once", "after", "before", "until", "as",
};

/* The index of a subordinator at most three words before token j (its
 * subject in between: "when they opened", "once the market closed"), or
 * SIZE_MAX. */
static size_t cd_subordinator_before(const cd_ctx *cx, size_t j)
{
    const cd_tok *v = cx->toks.v;
    for (size_t d = 1; d <= 4 && d <= j; d++) {
        const cd_tok *t = &v[j - d];
        if (t->sent != v[j].sent || t->kind != CD_TOK_WORD)
            return SIZE_MAX;
        if (cd_in_list(cd_subordinators, CD_COUNT(cd_subordinators),
                       cd_tok_text(cx, t), cd_tok_len(t)))
            return j - d;
    }
    return SIZE_MAX;
}

/* Tense of the clause around the weekday tokens [k0, k1]: the nearest cue
 * before it within the clause, else the nearest after it; dflt when the
 * clause has none. */
static int cd_clause_tense(const cd_ctx *cx, size_t k0, size_t k1, int dflt)
{
    const cd_tok *v = cx->toks.v;
    unsigned int sent = v[k0].sent;
    int sub_past = CD_TENSE_NONE;
    for (size_t j = k0; j-- > 0;) {
        if (v[j].sent != sent)
            break;
        if (v[j].kind == CD_TOK_PUNCT && v[j].punct == CD_P_CLAUSE)
            break;
        int t = cd_tense_of(cx, j);
        if (t == CD_TENSE_FUTURE)
            return t;
        if (t == CD_TENSE_PAST) {
            /* "would be infused when they opened on Friday": a past verb
               in a when/once/after clause takes the main clause's tense;
               keep looking for a future cue before the subordinator. */
            size_t sub = cd_subordinator_before(cx, j);
            if (sub == SIZE_MAX)
                return t;
            sub_past = t;
            j = sub;
        }
    }
    if (sub_past != CD_TENSE_NONE)
        return sub_past;
    size_t j = k1 + 1;
    /* an introductory "On Saturday, ..." keeps its comma */
    if (j < cx->toks.n && v[j].sent == sent && v[j].kind == CD_TOK_PUNCT &&
        v[j].punct == CD_P_COMMA)
        j++;
    for (; j < cx->toks.n; j++) {
        if (v[j].sent != sent)
            break;
        if (v[j].kind == CD_TOK_PUNCT &&
            (v[j].punct == CD_P_CLAUSE || v[j].punct == CD_P_COMMA))
            break;
        int t = cd_tense_of(cx, j);
        if (t == CD_TENSE_PAST || t == CD_TENSE_FUTURE)
            return t;
    }
    return dflt;
}

/* Tense of "until <weekday>" (token k): past only with a past auxiliary
 * in the clause before it; -ed forms there are usually adjectives
 * ("markets closed until Friday"). */
static const char *const cd_past_auxiliaries[] = {
    "was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't",
};

static int cd_until_tense(const cd_ctx *cx, size_t k)
{
    const cd_tok *v = cx->toks.v;
    for (size_t j = k; j-- > 0;) {
        if (v[j].sent != v[k].sent ||
            (v[j].kind == CD_TOK_PUNCT && v[j].punct == CD_P_CLAUSE))
            break;
        if (v[j].kind == CD_TOK_WORD &&
            cd_in_list(cd_past_auxiliaries, CD_COUNT(cd_past_auxiliaries),
                       cd_tok_text(cx, &v[j]), cd_tok_len(&v[j])))
            return CD_TENSE_PAST;
    }
    return CD_TENSE_FUTURE;
}

/* Days from the publication date to the weekday wd: mod selects last/next,
 * otherwise the tense decides (the same weekday is the publication day). */
static long cd_weekday_offset(int pub_wd, int wd, int mod, int tense)
{
    int back = (pub_wd - wd + 7) % 7;  /* 0..6 days back */
    int fwd = (wd - pub_wd + 7) % 7;   /* 0..6 days ahead */
    if (mod == CD_MOD_LAST)
        return -(back ? back : 7);
    if (mod == CD_MOD_NEXT)
        return fwd ? fwd : 7;
    if (back == 0)
        return 0;
    return tense == CD_TENSE_FUTURE ? fwd : -back;
}

/* A weekday word (token k) followed by a written date: not relative; with
 * a year, checked. Returns the token index after the date, or 0 when no
 * date follows. */
static size_t cd_weekday_with_date(cd_ctx *cx, size_t k, int wd)
{
    const cd_tok *t = &cx->toks.v[k];
    const char *p = cx->p;
    size_t len = cx->doc->len, j = t->e;
    bool abbrev = false;
    cd_dw_weekday(p + t->s, t->e - t->s, &abbrev);
    if (abbrev && j < len && p[j] == '.')
        j++; /* "Mon., March 21": never a sentence's full stop */
    if (j < len && p[j] == ',')
        j++;
    size_t j2 = cd_skip_inline_space(p, len, j);
    if (j2 == j && !(j > t->e))
        return 0;
    cd_date d;
    size_t end;
    bool paren = false;
    if (j2 < len && p[j2] == '(' && j == t->e) {
        /* "Wednesday (March 23)": the date in brackets */
        paren = true;
        j2++;
    }
    if (!cd_dw_written_date(p, len, j2, &d, &end))
        return 0;
    size_t date_end = end;
    if (paren) {
        if (end >= len || p[end] != ')')
            return 0;
        end++;
    }
    if (d.year != 0 && cd_date_valid(d)) {
        int real = cd_date_weekday(d);
        if (real != wd) {
            bool past = !cd_pub_known(cx) ||
                        cd_date_compare(d, cx->pub->date) < 0;
            cd_finding *f = cd_result_push(
                cx->out, CD_DATE_WEEKDAY_MISMATCH,
                cd_code_default_severity(CD_DATE_WEEKDAY_MISMATCH), t->s, end,
                "'%.*s': %.*s %s a %s", (int)(end - t->s), cx->doc->text + t->s,
                (int)(date_end - j2), cx->doc->text + j2, past ? "was" : "is",
                cd_weekday_name(real));
            if (f) {
                f->date = d;
                f->weekday = real;
            }
        }
    }
    size_t n = k + 1;
    while (n < cx->toks.n && cx->toks.v[n].s < end)
        n++;
    return n;
}

/* Is the weekday before token k a title's first word? "Sunday Times",
 * "Monday Night Football", but "on Saturday Night as crowds gathered":
 * Night and Morning count only with another capitalised word after them. */
static bool cd_weekday_is_title(const cd_ctx *cx, size_t k)
{
    const cd_tok *t = &cx->toks.v[k];
    const char *s = cd_tok_text(cx, t);
    size_t n = cd_tok_len(t);
    if (cx->doc->paras[cx->para].heading)
        return false; /* title case: every word is capitalised */
    if (!cd_in_list_exact(cd_weekday_title_traps,
                          CD_COUNT(cd_weekday_title_traps), s, n))
        return false;
    if (cd_eq_lower(s, n, "night") || cd_eq_lower(s, n, "morning")) {
        const cd_tok *nx = cd_next_word(cx, k);
        return nx && cd_is_upper_initial(cd_tok_text(cx, nx));
    }
    return true;
}

/* Is the capitalised Today/Tomorrow/Yesterday at token k a title ("USA
 * Today", "the Today programme")? Mid-sentence capitals in body copy are
 * names; at a sentence start, after a quotation mark or a dash, or in a
 * heading they are ordinary words. */
static bool cd_day_word_is_title(const cd_ctx *cx, size_t k)
{
    const cd_tok *t = &cx->toks.v[k];
    if (!cd_is_upper_initial(cd_tok_text(cx, t)))
        return false;
    const cd_tok *nx = cd_next_word(cx, k);
    if (nx && cd_in_list_exact(cd_today_title_next,
                               CD_COUNT(cd_today_title_next),
                               cd_tok_text(cx, nx), cd_tok_len(nx)))
        return true;
    const cd_tok *pv = cd_prev_word(cx, k);
    if (!pv)
        return false;
    if (cd_tok_is(cx, pv, "usa"))
        return true;
    if (cx->doc->paras[cx->para].heading)
        return false;
    /* an all-capitals heading line or a run-in label is not a title */
    return true;
}

/* "the last week of March", "the last Friday of the month", "the last
 * year of his life": the modifier (token m) and noun (token u) name a part
 * of another period, not a date relative to publication. "of" must be
 * followed by a month, "the" or a number, or, after "the", by a possessive
 * determiner. "announcement last week of Russia's withdrawal" and "a profit
 * for the last year of US$2.7 billion" stay relative. */
static const char *const cd_part_of_determiners[] = {
    "his", "her", "its", "their", "our", "my", "your", "this", "that",
};

static bool cd_names_part_of(const cd_ctx *cx, size_t m, size_t u)
{
    const cd_tok *v = cx->toks.v;
    if (u + 2 >= cx->toks.n || !cd_tok_is(cx, &v[u + 1], "of") ||
        v[u + 1].sent != v[u].sent || v[u + 2].sent != v[u].sent)
        return false;
    const cd_tok *w = &v[u + 2];
    if (w->kind == CD_TOK_NUM || cd_tok_is(cx, w, "the") ||
        cd_dw_month(cd_tok_text(cx, w), cd_tok_len(w), NULL) != 0)
        return true;
    return m > 0 && cd_tok_is(cx, &v[m - 1], "the") &&
           v[m - 1].sent == v[m].sent &&
           cd_in_list(cd_part_of_determiners,
                      CD_COUNT(cd_part_of_determiners), cd_tok_text(cx, w),
                      cd_tok_len(w));
}

/* "a Friday", "any Monday": a generic day, unless the weekday modifies a
 * noun ("a Wednesday media event", "a Friday news conference"). */
static const char *const cd_generic_followers[] = {
    "night", "morning", "afternoon", "evening", "in", "of", "and", "or",
    "when", "that", "which", "who", "to", "at", "on", "for", "with", "as",
    "like", "but", "is", "was", "would", "will", "the", "a", "before",
    "after",
};

static bool cd_weekday_is_generic(const cd_ctx *cx, size_t k)
{
    const cd_tok *nx = cd_next_word(cx, k);
    if (!nx || !(cd_tok_text(cx, nx)[0] >= 'a' && cd_tok_text(cx, nx)[0] <= 'z'))
        return true;
    return cd_in_list(cd_generic_followers, CD_COUNT(cd_generic_followers),
                      cd_tok_text(cx, nx), cd_tok_len(nx));
}

/* Handles the word at token k, a candidate (cd_candidate_word); returns
 * the next token index to look at. */
static size_t cd_relative_at(cd_ctx *cx, size_t k)
{
    const cd_tok *v = cx->toks.v;
    const cd_tok *t = &v[k];
    const char *s = cd_tok_text(cx, t);
    size_t n = cd_tok_len(t);
    size_t bn = cd_base_len(s, n); /* without a possessive 's */
    bool abbrev = false;

    /* Weekdays. */
    int wd = cd_dw_weekday(s, bn, &abbrev);
    if (wd >= 0) {
        size_t after = cd_weekday_with_date(cx, k, wd);
        if (after)
            return after;
        if (abbrev)
            return k + 1;
        const cd_tok *pv = cd_prev_word(cx, k);
        const cd_tok *nx = cd_next_word(cx, k);
        if (pv && cd_in_list(cd_weekday_prefix_traps,
                             CD_COUNT(cd_weekday_prefix_traps),
                             cd_tok_text(cx, pv), cd_tok_len(pv)))
            return k + 1;
        if (pv && cd_in_list(cd_weekday_generic_prefixes,
                             CD_COUNT(cd_weekday_generic_prefixes),
                             cd_tok_text(cx, pv), cd_tok_len(pv)) &&
            cd_weekday_is_generic(cx, k))
            return k + 1;
        if (bn == n && nx && cd_weekday_is_title(cx, k + 1))
            return k + 1;
        int mod = 0;
        size_t start = t->s, k0 = k;
        const cd_word_val *m =
            pv ? cd_lookup(&cd_modifiers_ix, cd_tok_text(cx, pv),
                           cd_tok_len(pv))
               : NULL;
        if (m) {
            if (cd_names_part_of(cx, k - 1, k))
                return k + 1;
            mod = m->value;
            start = pv->s;
            k0 = k - 1;
            /* "this past Friday", "this coming Friday" */
            if (k >= 2 && mod != CD_MOD_THIS && cd_tok_is(cx, &v[k - 2], "this") &&
                v[k - 2].sent == t->sent) {
                start = v[k - 2].s;
                k0 = k - 2;
            }
        } else if (pv && (cd_tok_is(cx, pv, "on"))) {
            start = pv->s;
            k0 = k - 1;
        }
        long off = 0;
        if (cd_pub_known(cx)) {
            int tense;
            if (mod == CD_MOD_THIS) {
                tense = cd_clause_tense(cx, k0, k, CD_TENSE_FUTURE);
                mod = 0;
            } else if (pv && (cd_tok_is(cx, pv, "until") ||
                              cd_tok_is(cx, pv, "till"))) {
                /* "closed until Friday": a state that runs on from now,
                   unless a past auxiliary puts the clause in the past
                   ("was closed until Friday"). */
                tense = cd_until_tense(cx, k);
            } else {
                tense = cd_clause_tense(cx, k0, k, CD_TENSE_PAST);
            }
            off = cd_weekday_offset(cd_date_weekday(cx->pub->date), wd, mod,
                                    tense);
        }
        cd_report_relative(cx, start, t->e, off);
        return k + 1;
    }

    /* yesterday / today / tonight / tomorrow */
    const cd_word_val *rd =
        cd_lookup(&cd_relative_days_ix, s, bn);
    if (rd) {
        if (cd_day_word_is_title(cx, k))
            return k + 1;
        long off = rd->value;
        size_t start = t->s;
        /* "the day before yesterday", "the day after tomorrow" */
        if (k >= 2 && cd_tok_is(cx, &v[k - 2], "day") &&
            v[k - 2].sent == t->sent &&
            ((off == -1 && cd_tok_is(cx, &v[k - 1], "before")) ||
             (off == 1 && cd_tok_is(cx, &v[k - 1], "after")))) {
            off *= 2;
            start = v[k - 2].s;
            if (k >= 3 && cd_tok_is(cx, &v[k - 3], "the"))
                start = v[k - 3].s;
        }
        cd_report_relative(cx, start, t->e, off);
        return k + 1;
    }

    /* last/next/this/past/coming + week, month, year, weekend, ...;
       earlier/later this week. */
    bool early = cd_eq_lower(s, n, "earlier") || cd_eq_lower(s, n, "later");
    const cd_word_val *m =
        cd_lookup(&cd_modifiers_ix, s, n);
    if (m || early) {
        size_t j = k + 1;
        int mod = m ? m->value : 0;
        if (early) {
            if (!(j < cx->toks.n && cd_tok_is(cx, &v[j], "this")))
                return k + 1;
            mod = CD_MOD_THIS;
            j++;
        } else if (mod == CD_MOD_THIS && j < cx->toks.n &&
                   (cd_tok_is(cx, &v[j], "past") ||
                    cd_tok_is(cx, &v[j], "coming"))) {
            mod = cd_tok_is(cx, &v[j], "past") ? CD_MOD_LAST : CD_MOD_NEXT;
            j++;
        }
        if (j >= cx->toks.n || v[j].kind != CD_TOK_WORD ||
            v[j].sent != t->sent)
            return k + 1;
        const char *us = cd_tok_text(cx, &v[j]);
        size_t un = cd_base_len(us, cd_tok_len(&v[j])); /* "last year's" */
        const cd_period_unit *u = NULL;
        for (size_t i = 0; i < CD_COUNT(cd_period_units); i++)
            if (cd_eq_lower(us, un, cd_period_units[i].word))
                u = &cd_period_units[i];
        if (!u)
            return k + 1;
        if (cd_names_part_of(cx, k, j))
            return j + 1;
        long off = CD_NOT_A_DAY;
        if (mod == CD_MOD_THIS && !early)
            off = u->this_offset;
        else if (mod == CD_MOD_LAST && cd_eq_lower(s, n, "last"))
            off = u->last_offset;
        /* "the next morning" narrates; "next morning" of a story is not
           the publication day's: only "this/last" resolve to a day. */
        if (mod == CD_MOD_NEXT && u->this_offset != CD_NOT_A_DAY)
            return j + 1;
        if (early && u->this_offset != CD_NOT_A_DAY)
            off = 0; /* "earlier this morning" */
        cd_report_relative(cx, t->s, v[j].e, off);
        return j + 1;
    }

    /* N days ago */
    if (cd_eq_lower(s, n, "ago") && k >= 2) {
        const cd_tok *u = &v[k - 1], *c = &v[k - 2];
        if (u->kind != CD_TOK_WORD || u->sent != t->sent || c->sent != t->sent)
            return k + 1;
        const cd_word_val *uw =
            cd_lookup(&cd_ago_units_ix, cd_tok_text(cx, u), cd_tok_len(u));
        if (!uw)
            return k + 1;
        int count = -1;
        size_t start = c->s;
        if (c->kind == CD_TOK_NUM) {
            count = 0;
            for (size_t i = c->s; i < c->e; i++) {
                if (!cd_is_digit((unsigned char)cx->p[i]) || count > 1000) {
                    count = -1;
                    break;
                }
                count = count * 10 + (cx->p[i] - '0');
            }
        } else if (c->kind == CD_TOK_WORD) {
            const cd_word_val *cw = cd_lookup(&cd_counts_ix, cd_tok_text(cx, c),
                                              cd_tok_len(c));
            if (cw) {
                count = cw->value;
                /* "a few", "a couple of" */
                if (count == 0 && k >= 3 && cd_tok_is(cx, &v[k - 3], "a"))
                    start = v[k - 3].s;
            } else if (cd_tok_is(cx, c, "of") && k >= 4 &&
                       cd_tok_is(cx, &v[k - 3], "couple")) {
                count = 0;
                start = v[k - 3].s;
                if (cd_tok_is(cx, &v[k - 4], "a"))
                    start = v[k - 4].s;
            }
        }
        if (count < 0)
            return k + 1;
        long off = CD_NOT_A_DAY;
        if (count > 0 && uw->value > 0)
            off = -(long)count * uw->value;
        cd_report_relative(cx, start, t->e, off);
        return k + 1;
    }
    return k + 1;
}

/* ------------------------------------------------------------------ */
/* Numeric dates and two-digit years: a byte scan of the paragraph.    */

/* Century for a two-digit year: the one that puts it nearest the
 * publication year without going more than 20 years past it. */
static int cd_full_year(const cd_ctx *cx, int yy)
{
    int base = cd_pub_known(cx) ? cx->pub->date.year : 2000;
    int y = (base / 100) * 100 + yy;
    if (y > base + 20)
        y -= 100;
    else if (y < base - 80)
        y += 100;
    return y;
}

/* Words before a dotted number that make it a version: "version 1.2.16". */
static const char *const cd_version_words[] = {
    "version", "v", "release", "build", "update", "firmware", "ios",
    "android", "kernel", "python", "patch",
};

static bool cd_version_before(const cd_ctx *cx, size_t i, size_t a)
{
    const char *p = cx->p;
    if (i > a && (p[i - 1] == 'v' || p[i - 1] == 'V'))
        return true;
    size_t e = i;
    while (e > a && (p[e - 1] == ' ' || p[e - 1] == '\t'))
        e--;
    size_t s = e;
    while (s > a && cd_is_alpha((unsigned char)p[s - 1]))
        s--;
    return s < e &&
           cd_in_list(cd_version_words, CD_COUNT(cd_version_words), p + s,
                      e - s);
}

/* Reads 1..maxd digits at p[i]; returns the count of digits read (0 when
 * none) and the value. */
static size_t cd_read_num(const char *p, size_t b, size_t i, int maxd, int *v)
{
    size_t j = i;
    *v = 0;
    while (j < b && cd_is_digit((unsigned char)p[j]) && (int)(j - i) <= maxd) {
        *v = *v * 10 + (p[j] - '0');
        j++;
    }
    return j - i;
}

static size_t cd_numeric_at(cd_ctx *cx, size_t i, size_t a, size_t b)
{
    const char *p = cx->p;
    int v1, v2, v3;
    size_t n1 = cd_read_num(p, b, i, 4, &v1);
    size_t j = i + n1;
    if (n1 == 0)
        return i + 1;
    if (n1 > 2 || j >= b)
        return j; /* ISO 8601 (2016-03-04) and plain numbers */
    char sep = p[j];
    if (sep != '/' && sep != '.' && sep != '-')
        return j;
    size_t n2 = cd_read_num(p, b, j + 1, 2, &v2);
    if (n2 == 0 || n2 > 2 || j + 1 + n2 >= b || p[j + 1 + n2] != sep)
        return j + 1 + n2;
    size_t k = j + 1 + n2 + 1;
    size_t n3 = cd_read_num(p, b, k, 4, &v3);
    size_t end = k + n3;
    if (n3 != 2 && n3 != 4)
        return end > i ? end : i + 1;
    /* not part of a longer chain (1.2.3.4, 192.168.1.10, 1-2-3-4) or word */
    if (end < b && (cd_is_alnum((unsigned char)p[end]) ||
                    ((p[end] == '.' || p[end] == '/' || p[end] == '-' ||
                      p[end] == ':') &&
                     end + 1 < b && cd_is_digit((unsigned char)p[end + 1]))))
        return end;
    if (sep == '.' && cd_version_before(cx, i, a))
        return end;
    if (v1 < 1 || v2 < 1 || v1 > 31 || v2 > 31)
        return end;
    int year = n3 == 4 ? v3 : cd_full_year(cx, v3);
    cd_date md = {year, v1, v2}, dm = {year, v2, v1};
    bool md_ok = cd_date_valid(md), dm_ok = cd_date_valid(dm);
    if (!md_ok && !dm_ok)
        return end;
    const char *txt = cx->doc->text + i;
    int tn = (int)(end - i);
    if (md_ok && dm_ok && v1 != v2) {
        bool dmy_first = cx->opts->date_order == CD_ORDER_DMY;
        /* The two readings, "4 March 2016" (D/M) and "April 3, 2016"
           (M/D), the house order first; formatted in the message itself
           rather than through two snprintf buffers. */
        cd_severity sev = cd_code_default_severity(CD_DATE_AMBIGUOUS_NUMERIC);
        cd_finding *f =
            dmy_first
                ? cd_result_push(cx->out, CD_DATE_AMBIGUOUS_NUMERIC, sev, i,
                                 end, "'%.*s' can be read as %d %s %d or %s "
                                 "%d, %d", tn, txt, dm.day,
                                 cd_month_name(dm.month), dm.year,
                                 cd_month_name(md.month), md.day, md.year)
                : cd_result_push(cx->out, CD_DATE_AMBIGUOUS_NUMERIC, sev, i,
                                 end, "'%.*s' can be read as %s %d, %d or %d "
                                 "%s %d", tn, txt, cd_month_name(md.month),
                                 md.day, md.year, dm.day,
                                 cd_month_name(dm.month), dm.year);
        if (f) {
            f->date = dmy_first ? dm : md;
            f->date_alt = dmy_first ? md : dm;
        }
    }
    if (n3 == 2)
        cd_result_push(cx->out, CD_DATE_TWO_DIGIT_YEAR,
                       cd_code_default_severity(CD_DATE_TWO_DIGIT_YEAR), i,
                       end, "'%.*s' has a two-digit year: write the full year",
                       tn, txt);
    return end;
}

/* Words that may come capitalised before a two-digit year at the start
 * of a sentence or in a headline without making it a name. */
static const char *const cd_year_prepositions[] = {
    "in", "since", "of", "by", "from", "until", "to", "circa", "before",
    "after", "during", "summer", "spring", "autumn", "fall", "winter",
    "class",
};

/* Is the word just before p[i] (one space between) capitalised and not a
 * preposition? Then "’11" belongs to a name ("iLife '11"). */
static bool cd_name_before(const cd_ctx *cx, size_t i, size_t a)
{
    const char *p = cx->p;
    if (i == a || p[i - 1] != ' ')
        return false;
    size_t e = i - 1, s = e;
    while (s > a && (cd_is_alnum((unsigned char)p[s - 1])))
        s--;
    if (s == e)
        return false;
    bool has_upper = false;
    for (size_t j = s; j < e; j++)
        has_upper |= (p[j] >= 'A' && p[j] <= 'Z');
    return has_upper &&
           !cd_in_list(cd_year_prepositions, CD_COUNT(cd_year_prepositions),
                       p + s, e - s);
}

/* '98, ’98, ‘98 (not '90s, not 5'11", not a quoted '12 Angry Men'). */
static size_t cd_apostrophe_year_at(cd_ctx *cx, size_t i, size_t w, size_t a,
                                    size_t b)
{
    const char *p = cx->p;
    size_t d = i + w;
    if (d + 2 > b || !cd_is_digit((unsigned char)p[d]) ||
        !cd_is_digit((unsigned char)p[d + 1]))
        return i + w;
    size_t end = d + 2;
    if (end < b && (cd_is_alnum((unsigned char)p[end]) ||
                    (unsigned char)p[end] >= 0x80 ||
                    ((p[end] == '.' || p[end] == ',') && end + 1 < b &&
                     cd_is_digit((unsigned char)p[end + 1]))))
        return end; /* '90s, '98ers, '98.5 */
    if (i > a) {
        unsigned char c = (unsigned char)p[i - 1];
        if (cd_is_alnum(c))
            return end; /* 5'11 */
        if (cd_name_before(cx, i, a))
            return end; /* iLife '11, Euro '96, Woodstock '69: a name */
    }
    /* A closing single quote later in the sentence makes this an opening
       quotation mark: '12 Angry Men'. */
    size_t lim = end + 80 < b ? end + 80 : b;
    for (size_t j = end; j < lim; j++) {
        unsigned char c = (unsigned char)p[j];
        if (c == '.' || c == '!' || c == '?' || c == '\n')
            break;
        size_t ww;
        if (cd_is_apostrophe_at(p, b, j, &ww) && j > end &&
            cd_is_alnum((unsigned char)p[j - 1]) &&
            (j + ww >= b || !cd_is_alnum((unsigned char)p[j + ww])))
            return end;
    }
    cd_result_push(cx->out, CD_DATE_TWO_DIGIT_YEAR,
                   cd_code_default_severity(CD_DATE_TWO_DIGIT_YEAR), i, end,
                   "%.*s is a two-digit year: write the full year",
                   (int)(end - i), cx->doc->text + i);
    return end;
}

/* Numeric dates and apostrophe years, at a number token k (the tokenizer
 * keeps 3/4/16 and 05.06.2021 in one token) or at a quote mark just before
 * one. Returns the next token index. */
static size_t cd_number_at(cd_ctx *cx, size_t k, size_t a, size_t b)
{
    const char *p = cx->p;
    const cd_tok *t = &cx->toks.v[k];
    size_t end = t->e;
    if (t->kind == CD_TOK_NUM) {
        unsigned char prev = t->s > a ? (unsigned char)p[t->s - 1] : ' ';
        /* a digit run that continues a number or a word is no date */
        if (cd_is_alnum(prev) || prev == '.' || prev == '/' || prev == '-' ||
            prev == ':' || prev == ',' || prev == '$')
            return k + 1;
        end = cd_numeric_at(cx, t->s, a, b);
    } else {
        size_t w = t->e - t->s;
        if (!cd_is_year_mark((const unsigned char *)p + t->s, w) ||
            k + 1 >= cx->toks.n ||
            cx->toks.v[k + 1].kind != CD_TOK_NUM ||
            cx->toks.v[k + 1].s != t->e)
            return k + 1;
        end = cd_apostrophe_year_at(cx, t->s, w, a, b);
    }
    size_t n = k + 1;
    while (n < cx->toks.n && cx->toks.v[n].s < end)
        n++;
    return n;
}

/* ------------------------------------------------------------------ */

void cd_rule_dates(const cd_doc *doc, const cd_options *opts,
                   const cd_pubdate *pub, cd_result *out)
{
    if (!doc || !opts || !out || !doc->prose)
        return;
    pthread_once(&cd_tables_once, cd_tables_build);
    cd_ctx cx;
    memset(&cx, 0, sizeof cx);
    cx.doc = doc;
    cx.p = doc->prose;
    cx.opts = opts;
    cx.pub = pub;
    cx.out = out;
    cd_ctx_prepare(&cx);
    for (size_t pi = 0; pi < doc->n_paras; pi++) {
        if (cd_cancelled(opts)) {
            out->cancelled = 1;
            break;
        }
        const cd_para *para = &doc->paras[pi];
        if (para->end <= para->start || para->end > doc->len)
            continue;
        cx.para = pi;
        /* The tokens are numbered by sentence as they are pushed
           (doc->sents are in text order). */
        cx.toks.sents = doc->sents;
        if (para->sent_count && para->sent_first < doc->n_sents)
            cx.toks.si = para->sent_first;
        size_t s_last = para->sent_first + para->sent_count;
        cx.toks.s_last = s_last < doc->n_sents ? s_last : doc->n_sents;
        cx.toks.sent = 0;
        if (cd_tokenize(doc->prose, para->start, para->end, &cx.toks))
            break;
        /* Only the hot tokens can start a finding; each handler returns
           the token after what it took in (a written date, "N days ago"),
           and hot tokens inside that are passed over. */
        size_t next = 0;
        for (size_t h = 0; h < cx.toks.n_hot; h++) {
            size_t k = cx.toks.hot[h];
            if (k < next)
                continue;
            if (cx.toks.v[k].kind == CD_TOK_WORD)
                next = cd_relative_at(&cx, k);
            else
                next = cd_number_at(&cx, k, para->start, para->end);
        }
    }
    free(cx.toks.v);
    free(cx.toks.hot);
}
