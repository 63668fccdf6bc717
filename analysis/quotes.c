/* The quotes rule family: quote-unattributed, quote-unbalanced and
 * quote-anonymous-source (SPEC §2), plus cd_result.quotes, the record of
 * every recognised quotation that hovers answer from.
 *
 * One pass per paragraph over the prose copy:
 *   1. pair the quotation marks (a small stack per paragraph: double,
 *      single and guillemet families, so single-in-double and British
 *      double-in-single both nest), telling apostrophes and primes from
 *      quotation marks, and report a closing mark with no opener or an
 *      opener left open at the paragraph's end (unless the next paragraph
 *      opens with a mark: the multi-paragraph convention);
 *   2. attribute each top-level quotation: the words of its sentence(s)
 *      outside the quotation are tokenised once, and a speech verb (from
 *      the one table below) with its speaker, "according to", a colon
 *      introduction (in its sentence, ending the sentence before, or
 *      ending the paragraph before a quotation paragraph), the previous
 *      sentence of the paragraph, or an attributed multi-paragraph quote
 *      it continues, attributes it;
 *   3. the speaker phrase decides whether the source is unnamed; "he" or
 *      "the official" after a sentence that brought in a source who would
 *      not be named is that unnamed source.
 * Findings for unattributed and anonymous quotations are emitted at the
 * end, because a multi-paragraph quote can be attributed by a later
 * paragraph of the same quote.
 *
 * Precision comes first: in edited copy nearly every quote of four words
 * or more is attributed, so whenever a reading is uncertain (a speech verb
 * that might be a noun, a colon before the quote, a title-cased phrase)
 * the rule leans towards "attributed" or "not a quotation". */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rules.h"
#include "analysis/grow.h"
#include "analysis/scan.h"
#include "analysis/utf8.h"
#include "analysis/wordset.h"

/* ---- word tables (one place each) -------------------------------------- */

/* Speech verbs by base form. Inflections are derived:
 * +s/+es, +ed/+d, +ing, y->ies/ied, a doubled final consonant. Entries
 * marked NOUNY are everyday nouns in their bare and -s forms ("the
 * report", "posts"), so only their -ed and -ing forms count. */
enum { VERB = 0, NOUNY = 1 };
typedef struct speech_verb {
    const char *base;
    unsigned char flags;
} speech_verb;

static const speech_verb speech_verbs[] = {
    {"accuse", VERB}, {"acknowledge", VERB}, {"add", VERB}, {"admit", VERB},
    {"advise", VERB}, {"affirm", VERB}, {"agree", VERB}, {"allege", VERB},
    {"announce", VERB}, {"answer", NOUNY}, {"apologise", VERB},
    {"apologize", VERB}, {"appeal", NOUNY}, {"argue", VERB}, {"ask", VERB},
    {"assert", VERB}, {"assure", VERB}, {"attack", NOUNY}, {"beg", VERB},
    {"blame", VERB}, {"blast", NOUNY}, {"blog", NOUNY}, {"boast", VERB},
    {"brag", VERB}, {"call", NOUNY}, {"caution", NOUNY}, {"challenge", NOUNY},
    {"chant", NOUNY}, {"characterise", VERB}, {"characterize", VERB},
    {"charge", NOUNY}, {"cheer", NOUNY}, {"chuckle", VERB}, {"cite", VERB},
    {"claim", NOUNY}, {"clarify", VERB}, {"comment", NOUNY},
    {"complain", VERB}, {"concede", VERB}, {"conclude", VERB},
    {"concur", VERB}, {"condemn", VERB}, {"confess", VERB}, {"confirm", VERB},
    {"contend", VERB}, {"continue", VERB}, {"counter", NOUNY},
    {"criticise", VERB}, {"criticize", VERB}, {"declare", VERB},
    {"demand", NOUNY}, {"deny", VERB}, {"describe", VERB}, {"disagree", VERB},
    {"disclose", VERB}, {"dismiss", VERB}, {"dispute", NOUNY}, {"dub", VERB},
    {"echo", NOUNY}, {"elaborate", VERB}, {"email", NOUNY},
    {"emphasise", VERB}, {"emphasize", VERB}, {"enquire", VERB},
    {"enthuse", VERB}, {"estimate", NOUNY}, {"exclaim", VERB},
    {"explain", VERB}, {"forecast", NOUNY}, {"fume", NOUNY}, {"gloat", VERB},
    {"growl", NOUNY}, {"grumble", VERB}, {"gush", VERB}, {"hail", NOUNY},
    {"highlight", NOUNY}, {"hint", NOUNY}, {"implore", VERB},
    {"indicate", VERB}, {"inform", VERB}, {"inquire", VERB}, {"insist", VERB},
    {"interject", VERB}, {"invite", VERB}, {"joke", NOUNY}, {"label", NOUNY},
    {"lament", VERB}, {"laugh", NOUNY}, {"maintain", VERB}, {"marvel", NOUNY},
    {"mention", NOUNY}, {"murmur", VERB}, {"muse", VERB}, {"mutter", VERB},
    {"note", NOUNY}, {"notify", VERB}, {"object", NOUNY}, {"observe", VERB},
    {"opine", VERB}, {"plead", VERB}, {"pledge", NOUNY}, {"point", NOUNY},
    {"post", NOUNY}, {"praise", NOUNY}, {"predict", VERB}, {"proclaim", VERB},
    {"promise", NOUNY}, {"propose", VERB}, {"protest", NOUNY},
    {"publish", VERB}, {"query", NOUNY}, {"question", NOUNY}, {"quip", NOUNY},
    {"quote", NOUNY}, {"rave", NOUNY}, {"reaffirm", VERB}, {"reason", NOUNY},
    {"rebut", VERB}, {"recall", NOUNY}, {"recite", VERB}, {"recommend", VERB},
    {"recount", NOUNY}, {"reflect", VERB}, {"refute", VERB}, {"regret", VERB},
    {"reiterate", VERB}, {"reject", VERB}, {"remark", NOUNY},
    {"remind", VERB}, {"repeat", VERB}, {"reply", NOUNY}, {"report", NOUNY},
    {"request", NOUNY}, {"respond", VERB}, {"retort", NOUNY},
    {"reveal", VERB}, {"say", VERB}, {"scoff", VERB}, {"scream", NOUNY},
    {"shout", NOUNY}, {"sigh", NOUNY}, {"slam", NOUNY}, {"snap", NOUNY},
    {"sneer", VERB}, {"speak", VERB}, {"state", NOUNY}, {"stress", NOUNY},
    {"suggest", VERB}, {"summarise", VERB}, {"summarize", VERB},
    {"tease", VERB}, {"tell", VERB}, {"term", NOUNY}, {"testify", VERB},
    {"text", NOUNY}, {"thank", VERB}, {"threaten", VERB}, {"tweet", NOUNY},
    {"underline", VERB}, {"underscore", VERB}, {"urge", VERB}, {"vow", NOUNY},
    {"warn", VERB}, {"welcome", NOUNY}, {"whisper", NOUNY}, {"wonder", VERB},
    {"write", VERB}, {"yell", NOUNY},
};

/* Irregular past forms of the verbs above (and "read", whose past is its
 * base): signs, banners and statements "read" their words. */
static const char *const speech_irregular[] = {
    "said", "told", "wrote", "written", "spoke", "spoken", "swore", "sworn",
    "read", "reads", "reading", "sang", "sung", "quoth",
};

/* Forms accepted as verbs when capitalised (headlines in title case:
 * Obama Says ...); any other capitalised word is a name, never a verb. */
static const char *const speech_capitalised[] = {
    "says", "said", "tells", "told", "asks", "asked", "adds", "added",
    "writes", "wrote", "warns", "warned",
};

/* "in a statement", "in an interview", "in a post on X": the noun after
 * "in" + determiner that attributes on its own. */
static const char *const speech_nouns[] = {
    "statement", "statements", "interview", "interviews", "post", "tweet",
    "letter", "email", "e-mail", "speech", "message", "blog", "memoir",
    "release", "video", "broadcast", "podcast", "column", "op-ed", "essay",
    "testimony", "filing", "ruling", "opinion", "remarks", "comments",
    "address", "briefing", "announcement", "affidavit", "memo", "note",
};

/* Determiners and possessives allowed between "in" and a speech noun. */
static const char *const determiners[] = {
    "a", "an", "the", "his", "her", "their", "its", "our", "my", "your",
    "this", "that", "one",
};

/* Nouns that, heading a speaker phrase with no name, make the source
 * unnamed ("a senior official", "sources", "a person familiar with..."). A
 * title ("a spokesman for X", "the mayor") names a role the reader can
 * hold to account and is not on this list. */
static const char *const anon_nouns[] = {
    "official", "officials", "source", "sources", "aide", "aides",
    "insider", "insiders", "person", "people", "persons", "someone",
    "resident", "residents", "diplomat", "diplomats", "staffer", "staffers",
    "employee", "employees", "executive", "executives", "witness",
    "witnesses", "bystander", "bystanders", "onlooker", "onlookers",
    "neighbour", "neighbours", "neighbor", "neighbors", "insider",
};

/* Words after which the head of a speaker phrase is over: "a person |
 * familiar with the matter", "an official | at the ministry". */
static const char *const head_cut[] = {
    "with", "at", "for", "of", "in", "from", "on", "to", "familiar",
    "close", "who", "which", "that", "whose", "involved", "knowledgeable",
    "briefed", "speaking", "inside", "within", "near", "under", "by",
};

/* Words that may sit between a speaker and the verb ("Okafor also said",
 * "the company has repeatedly said"). */
static const char *const verb_fillers[] = {
    "also", "later", "has", "had", "have", "was", "were", "is", "are",
    "previously", "then", "once", "reportedly", "recently", "repeatedly",
    "again", "further", "simply", "publicly", "privately", "flatly",
    "quickly", "earlier", "would", "will", "could", "can", "may", "might",
    "did", "does", "do", "not", "never", "always", "often", "subsequently",
    "initially", "first", "finally", "just", "still", "only", "both",
    "since", "once", "angrily", "quietly", "told", "had",
};

static const char *const pronouns[] = {
    "he", "she", "they", "i", "we", "it", "you",
};

/* The words before a quotation that make it a title, a name or a term
 * rather than something said: "the film", "her book,", "so-called",
 * "known as", "titled". */
static const char *const term_cues[] = {
    "film", "films", "movie", "book", "novel", "song", "single", "album",
    "play", "poem", "show", "series", "episode", "documentary", "opera",
    "musical", "painting", "article", "essay", "column", "headline",
    "titled", "entitled", "called", "named", "dubbed", "nicknamed",
    "so-called", "slogan", "motto", "hashtag", "report", "study", "paper",
    "magazine", "newspaper", "programme", "program", "exhibition", "as",
    "term", "word", "words", "phrase", "label", "banner", "sign", "chant",
    "tagline", "track", "hit", "titles", "campaign", "sculpture", "game",
    "app", "website", "blog", "podcast", "brand", "logo", "motto",
};

/* Small words a title may leave in lower case ("Gone with the Wind"). */
static const char *const title_small[] = {
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at",
    "to", "for", "by", "with", "from", "as", "vs", "via", "into", "over",
    "up", "de", "la", "le", "von", "van", "is",
};


/* Determiners that point back at someone already in the story ("the
 * official" after the official was named). */
static const char *const definite[] = {
    "the", "this", "that", "these", "those", "his", "her", "their",
    "its",
};

/* Verbs that take a speech noun: "issued a statement", "gave an
 * interview". */
static const char *const givers[] = {
    "gave", "give", "gives", "made", "make", "makes", "sent", "send",
    "sends", "put", "puts",
};

/* Where a speaker named after its verb ends: "said Bolden | to the crowd",
 * "said a spokesman | who...". */
static const char *const after_cut[] = {
    "who", "which", "that", "whose", "to", "at", "in", "on", "as",
};

/* Words by which a sentence calls its source anonymous ("on condition of
 * anonymity", "an unnamed official"). */
static const char *const marker_words[] = {
    "anonymity", "anonymously", "unnamed", "unidentified",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every table above is loaded into one hash (built once per process), so
 * a word is classified by a single probe whatever the tables hold. */
enum {
    WC_VERB = 1u << 0,     /* speech_verbs */
    WC_NOUNY = 1u << 1,    /* speech_verbs entries marked NOUNY */
    WC_OPTVERB = 1u << 2,  /* opts->attribution_verbs */
    WC_IRREG = 1u << 3,    /* speech_irregular */
    WC_CAPVERB = 1u << 4,  /* speech_capitalised (stored lower-cased) */
    WC_SNOUN = 1u << 5,    /* speech_nouns */
    WC_DET = 1u << 6,      /* determiners */
    WC_ANON = 1u << 7,     /* anon_nouns */
    WC_CUT = 1u << 8,      /* head_cut */
    WC_FILLER = 1u << 9,   /* verb_fillers */
    WC_PRON = 1u << 10,    /* pronouns */
    WC_TERM = 1u << 11,    /* term_cues */
    WC_SMALL = 1u << 12,   /* title_small */
    WC_DEF = 1u << 13,     /* definite */
    WC_GIVER = 1u << 14,   /* givers */
    WC_AFTERCUT = 1u << 15, /* after_cut */
    WC_MARKER = 1u << 16,  /* marker_words */
};

typedef struct word_class {
    const char *const *list;
    size_t count;
    uint32_t flag;
} word_class;

#define CLASS(list, flag) {list, sizeof(list) / sizeof((list)[0]), flag}
static const word_class word_classes[] = {
    CLASS(speech_irregular, WC_IRREG), CLASS(speech_capitalised, WC_CAPVERB),
    CLASS(speech_nouns, WC_SNOUN),     CLASS(determiners, WC_DET),
    CLASS(anon_nouns, WC_ANON),        CLASS(head_cut, WC_CUT),
    CLASS(verb_fillers, WC_FILLER),    CLASS(pronouns, WC_PRON),
    CLASS(term_cues, WC_TERM),         CLASS(title_small, WC_SMALL),
    CLASS(definite, WC_DEF),           CLASS(givers, WC_GIVER),
    CLASS(after_cut, WC_AFTERCUT),     CLASS(marker_words, WC_MARKER),
};


/* A quotation shorter than this (in words) is a quoted term, a scare
 * quote or a fragment, not a direct quotation (SPEC §2, DESIGN §5). */
#define MIN_QUOTE_WORDS 4
/* Bounds on the speaker phrase, so a run-on sentence costs nothing. */
#define MAX_SPEAKER_WORDS 8
#define MAX_APPOSITIVE_WORDS 20
#define MAX_WORD 32
#define MAX_STACK 8
#define NONE_POS SIZE_MAX

/* ---- character helpers -------------------------------------------------- */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}
static bool is_lower_ascii(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper_ascii(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_alnum_ascii(unsigned char c)
{
    return is_lower_ascii(c) || is_upper_ascii(c) || is_digit(c);
}

static bool cp_space(uint32_t cp)
{
    return (cp < 0x80 && is_space((unsigned char)cp)) || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}

/* Letters: ASCII, Latin-1 to Latin Extended-B, Greek, Cyrillic. Emoji,
 * dashes and quotation marks are not. */
static bool cp_letter(uint32_t cp)
{
    if (cp < 0x80)
        return is_lower_ascii((unsigned char)cp) ||
               is_upper_ascii((unsigned char)cp);
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x52F);
}

/* ASCII bytes that start a word (letters, digits, $ @ # &) and that
 * continue one (those and % _), for tokenise's fast path. */
enum { WA_START = 1, WA_CONT = 2 };
static const unsigned char word_ascii[256] = {
    CD_BYTES_LETTERS(WA_START | WA_CONT), CD_BYTES_DIGITS(WA_START | WA_CONT),
    ['$'] = WA_START | WA_CONT, ['@'] = WA_START | WA_CONT,
    ['#'] = WA_START | WA_CONT, ['&'] = WA_START | WA_CONT, ['%'] = WA_CONT,
    ['_'] = WA_CONT,
};

static bool cp_alnum(uint32_t cp)
{
    return cp_letter(cp) || (cp >= '0' && cp <= '9');
}

/* Upper case as far as names in news copy need it. */
static bool cp_upper(uint32_t cp)
{
    if (cp < 0x80)
        return is_upper_ascii((unsigned char)cp);
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F)
        return cp % 2 == 0; /* roughly: Latin Extended-A alternates */
    if (cp >= 0x391 && cp <= 0x3AB)
        return true;
    return cp >= 0x400 && cp <= 0x42F;
}

/* Opening context for a mark: nothing, space or an opening bracket, dash
 * or other opening mark before it. */
static bool opens_after(uint32_t before)
{
    return cp_space(before) || before == '(' || before == '[' ||
           before == '{' || before == 0x2014 || before == 0x2013 ||
           before == '/' || before == 0x201C || before == 0x2018 ||
           before == 0xAB || before == '"' || before == '\'' ||
           before == '-' || before == 0xFFFD;
}


/* ---- quotation marks ----------------------------------------------------- */

enum { FAM_DOUBLE = 0, FAM_SINGLE, FAM_GUILL };

/* What the mark at prose[i] is: a quotation mark's family, direction and
 * length, or nothing (letters, apostrophes, primes). */
typedef struct mark {
    int fam;        /* FAM_* */
    bool open;      /* opening (true) or closing */
    bool maybe;     /* a straight mark whose direction was inferred */
    size_t len;
} mark;

/* A top-level quotation of the paragraph being read. */
typedef struct qspan {
    size_t open, end;      /* first byte of the opening mark; end of the
                              closing mark, or the paragraph's end */
    size_t in_s, in_e;     /* the quoted words, marks excluded */
    bool closed;
    bool continues;        /* unclosed, and the next paragraph opens with
                              a mark: a multi-paragraph quote */
} qspan;

/* ---- tokens of a sentence outside its quotations ------------------------ */

enum { T_WORD, T_COMMA, T_COLON, T_STOP, T_QUOTE };
typedef struct tok {
    size_t s, e;
    unsigned char type;
    uint32_t wc;           /* T_WORD: its WC_* classes */
    size_t quote;          /* T_QUOTE: index into the paragraph's spans */
} tok;

typedef struct tokbuf {
    tok *t;
    size_t n, cap;
} tokbuf;

/* An attribution found for a quotation. */
typedef struct attrib {
    cd_attr_kind how;      /* NONE, SENTENCE, ACCORDING_TO, COLON,
                              PREVIOUS_SENTENCE, CONTINUATION, ANONYMOUS */
    size_t sp_s, sp_e;     /* speaker words; equal when none */
    size_t w_s, w_e;       /* attributing words */
    size_t ev_s, ev_e;     /* speaker and verb as written, for messages */
} attrib;

/* Facts about a quotation beyond cd_quote, parallel to the list. */
typedef struct qmeta {
    bool eligible;         /* a quotation for quote-unattributed: four
                              words or more, not a title, term or name */
    bool recorded;         /* goes into out->quotes */
    size_t ev_s, ev_e;     /* speaker and verb as written */
} qmeta;

/* A place in a token list that attributes: a speech verb, "according
 * (to)", or the "in" of "in a statement". */
typedef struct vref {
    size_t k, len;    /* its tokens */
    cd_attr_kind how;
    bool follows;     /* the speaker comes after it ("according to X") */
} vref;

typedef struct sentinfo {
    tokbuf tb;
    vref *v;
    size_t nv, vcap;
    bool marker;      /* the sentence calls its source anonymous */
} sentinfo;

/* The built-in tables are hashed once per process into BUILTIN_SIZE slots
 * (a power of two, about twice the distinct words: short probe runs, and
 * at 16 bytes a slot the whole table stays in the first-level cache). */
#define BUILTIN_SIZE 1024
/* The newsroom's own verbs (opts->attribution_verbs) are capped so that
 * the table entries and the verbs together stay under OPTION_CAP, the
 * bound the rule has always applied. */
#define OPTION_CAP 1024

typedef struct ctx {
    /* The newsroom's verbs of one run, in a word set of their own (most
       runs have none, and the built-in set is shared and never written):
       opt.slot (NULL when there are none) and opt_words, the verbs
       lower-cased (MAX_WORD bytes each), are owned. */
    cd_wordset opt;
    char *opt_words;
    const cd_doc *doc;
    const cd_options *opts;
    cd_result *out;
    const unsigned char *p; /* prose */
    size_t n;
    bool oom;

    qspan *spans;          /* the current paragraph's top-level quotations */
    size_t n_spans, spans_cap;

    sentinfo reg;          /* the current quotation's sentences */
    size_t reg_a, reg_b;   /* their sentence indices (cache key) */
    size_t reg_qtok;       /* moving pointers into reg for the next span */
    size_t reg_vptr;

    sentinfo prev;         /* an earlier sentence of the paragraph */
    size_t scan_next;      /* the next sentence attribute_earlier reads */
    attrib earlier;        /* the nearest earlier attribution, or NONE */

    sentinfo aux;          /* scratch: colon introductions, antecedents */
    bool colon_next;       /* the last paragraph ended in a colon that
                              introduces a speaker (colon_attr) */
    attrib colon_attr;
    bool anon_tail;        /* the last paragraph's last sentence brought in
                              an anonymous source */

    bool chain;            /* the last paragraph's quote continues */
    size_t chain_first;    /* its first part in quotes */
    attrib chain_attr;

    cd_quote *quotes;      /* every top-level quotation, text order */
    qmeta *meta;           /* parallel to quotes */
    size_t n_quotes, quotes_cap, meta_cap;
} ctx;

/* Classifies the character at p[i] inside the paragraph [s, e). open_d,
 * open_s: whether a double or single quotation is currently open. */
static bool mark_at(const ctx *c, size_t s, size_t e, size_t i, bool open_d,
                    bool open_s, bool later_straight, mark *m)
{
    const unsigned char *p = c->p;
    unsigned char ch = p[i];
    size_t len = 1;
    uint32_t cp = ch;
    if (ch >= 0x80)
        cp = cd_u8_decode(p, c->n, i, &len);
    if (cp != '"' && cp != '\'' && cp != 0x201C && cp != 0x201D &&
        cp != 0x2018 && cp != 0x2019 && cp != 0xAB && cp != 0xBB)
        return false;
    uint32_t before = cd_u8_decode_before(p, c->n, s, i);
    size_t al = 0;
    uint32_t after = i + len < e ? cd_u8_decode(p, c->n, i + len, &al) : ' ';
    m->len = len;
    m->maybe = false;

    switch (cp) {
    case 0x201C: /* “ */
        m->fam = FAM_DOUBLE;
        m->open = true;
        return true;
    case 0x201D: /* ” */
        m->fam = FAM_DOUBLE;
        m->open = false;
        return true;
    case 0xAB:
        m->fam = FAM_GUILL;
        m->open = true;
        return true;
    case 0xBB:
        m->fam = FAM_GUILL;
        m->open = false;
        return true;
    case '"': {
        /* Inches: 5'10", or a number's mark when nothing is open. */
        if (before < 0x80 && is_digit((unsigned char)before)) {
            if (i >= s + 2 && p[i - 2] == '\'')
                return false;
            if (!open_d)
                return false;
        }
        m->fam = FAM_DOUBLE;
        m->maybe = true;
        bool b_open = opens_after(before);
        bool a_space = cp_space(after) || i + len >= e;
        if (b_open && a_space)
            m->open = !open_d; /* stranded between spaces */
        else
            m->open = b_open;
        /* Nothing to close and another straight mark to come: an opener
           on the wrong side of its space ('communities," For example'). */
        if (!m->open && !open_d && later_straight)
            m->open = true;
        return true;
    }
    case 0x2018: /* ‘ */
        /* ‘98 typed for ’98; a ‘ inside a word is an apostrophe. */
        if (after < 0x80 && is_digit((unsigned char)after))
            return false;
        if (cp_alnum(before))
            return false;
        m->fam = FAM_SINGLE;
        m->open = true;
        return true;
    default: /* ’ and straight ' */
        /* people’s, don't, rock ’n’ roll: between letters it is an
           apostrophe; '98, ’90s: before a digit it is an elided year; 5'10:
           a prime. */
        if (cp_alnum(before) && cp_alnum(after))
            return false;
        if (after < 0x80 && is_digit((unsigned char)after))
            return false;
        if (cp == '\'' && opens_after(before) && cp_letter(after)) {
            /* Maybe an opener, maybe 'til or 'em: a quotation only if a
               closer turns up; an unclosed straight single is dropped
               silently (pair_marks). */
            m->fam = FAM_SINGLE;
            m->open = true;
            m->maybe = true;
            return true;
        }
        /* A closing single only when one is open; otherwise a trailing
           apostrophe (the Smiths’ house, the players' union). */
        if (!open_s || opens_after(before))
            return false;
        m->fam = FAM_SINGLE;
        m->open = false;
        m->maybe = cp == '\'';
        return true;
    }
}

/* A closing mark, quoted in messages. */
static const char *mark_text(const ctx *c, size_t i, size_t len, char *buf)
{
    memcpy(buf, c->p + i, len);
    buf[len] = '\0';
    return buf;
}

/* Does the paragraph at index k open with a quotation mark? */
static bool para_opens_with_mark(const ctx *c, size_t k)
{
    if (k >= c->doc->n_paras)
        return false;
    const cd_para *pa = &c->doc->paras[k];
    size_t i = pa->start;
    while (i < pa->end && is_space(c->p[i]))
        i++;
    if (i >= pa->end)
        return false;
    size_t len;
    uint32_t cp = cd_u8_decode(c->p, c->n, i, &len);
    if (cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == '"')
        return true;
    if (cp == '\'' && i + 1 < pa->end) {
        uint32_t a = cd_u8_decode(c->p, c->n, i + 1, &len);
        return cp_letter(a);
    }
    return false;
}

static void add_span(ctx *c, size_t open, size_t olen, size_t close,
                     size_t clen, bool closed)
{
    if (cd_grow((void **)&c->spans, &c->spans_cap, c->n_spans + 1,
                sizeof *c->spans)) {
        c->oom = true;
        return;
    }
    qspan *q = &c->spans[c->n_spans++];
    q->open = open;
    q->in_s = open + olen;
    q->in_e = close;
    q->end = close + clen;
    q->closed = closed;
    q->continues = false;
}

static void report_unclosed(ctx *c, size_t open, size_t olen, size_t end,
                            bool before_next)
{
    char buf[8];
    cd_finding *f = cd_result_push(
        c->out, CD_QUOTE_UNBALANCED, CD_SEV_DEFAULT, open, end,
        before_next ? "Opening quotation mark %s is not closed before the "
                      "next opening mark"
                    : "Opening quotation mark %s is never closed in its "
                      "paragraph",
        mark_text(c, open, olen, buf));
    if (!f)
        c->oom = true;
}

/* Trims trailing whitespace from [s, e). */
static size_t trim_end(const unsigned char *p, size_t s, size_t e)
{
    while (e > s && is_space(p[e - 1]))
        e--;
    return e;
}

/* Words in [s, e): runs of non-space bytes holding a letter or digit. */
static size_t count_words(const unsigned char *p, size_t n, size_t s,
                          size_t e)
{
    size_t words = 0;
    bool in = false, has = false;
    for (size_t i = s; i < e;) {
        unsigned char ch = p[i];
        if (ch < 0x80) {
            /* ASCII, most of the text: no decoding, and no branch on
               where a word ends (it would be mispredicted at every one). */
            bool sp = is_space(ch);
            words += in & has & sp;
            in = !sp;
            has = (has | cd_is_ascii_alnum(ch)) & !sp;
            i++;
            continue;
        }
        size_t len = 1;
        uint32_t cp = cd_u8_decode(p, n, i, &len);
        if (cp_space(cp)) {
            if (in && has)
                words++;
            in = has = false;
        } else {
            in = true;
            has = has || cp_alnum(cp);
        }
        i += len;
    }
    if (in && has)
        words++;
    return words;
}

/* The bytes that can start a quotation mark: " ' and the lead bytes of
 * “ ” ‘ ’ « », and the eight-byte lanes that may hold one. */
static const unsigned char mark_lead[256] = {
    ['"'] = 1, ['\''] = 1, [0xE2] = 1, [0xC2] = 1,
};

static uint64_t mark_lanes(uint64_t x)
{
    return cd_swar_eq(x, '"') | cd_swar_eq(x, '\'') | cd_swar_high(x);
}

/* Pairs the marks of paragraph k into c->spans (top level only) and
 * reports quote-unbalanced. An unclosed straight single is taken for an
 * elision ('em, 'til) and dropped silently. */
static void pair_marks(ctx *c, size_t k)
{
    const cd_para *pa = &c->doc->paras[k];
    const unsigned char *p = c->p;
    size_t s = pa->start, e = pa->end;
    struct open_mark {
        size_t pos, len;
        int fam;
        bool maybe;
    } st[MAX_STACK];
    size_t depth = 0;
    c->n_spans = 0;
    /* the paragraph's last straight double mark */
    const unsigned char *dq = e > s ? memrchr(p + s, '"', e - s) : NULL;
    size_t last_dq = dq ? (size_t)(dq - p) : s;

    for (size_t i = s; i < e;) {
        /* Only these bytes can start a quotation mark: skip the rest,
           eight bytes at a time. */
        i = cd_scan_to(p, i, e, mark_lanes, mark_lead, 1);
        if (i >= e)
            break;
        bool open_d = false, open_s = false;
        for (size_t d = 0; d < depth; d++) {
            open_d = open_d || st[d].fam == FAM_DOUBLE;
            open_s = open_s || st[d].fam == FAM_SINGLE;
        }
        mark m;
        if (!mark_at(c, s, e, i, open_d, open_s, i < last_dq, &m)) {
            i++;
            continue;
        }
        /* A straight double in opening context while one is open: the
           earlier one was left unclosed. */
        if (m.fam == FAM_DOUBLE && m.maybe && m.open && open_d) {
            size_t d = depth;
            while (d > 0 && st[d - 1].fam != FAM_DOUBLE)
                d--;
            if (d > 0) {
                d--;
                if (d == 0) {
                    size_t stop = trim_end(p, st[0].pos, i);
                    report_unclosed(c, st[0].pos, st[0].len, stop, true);
                    add_span(c, st[0].pos, st[0].len, stop, 0, false);
                }
                depth = d;
            }
        }
        if (m.open) {
            if (depth < MAX_STACK) {
                st[depth].pos = i;
                st[depth].len = m.len;
                st[depth].fam = m.fam;
                st[depth].maybe = m.maybe;
                depth++;
            }
            i += m.len;
            continue;
        }
        /* A closer: pops to the innermost opener of its family. */
        size_t d = depth;
        while (d > 0 && st[d - 1].fam != m.fam)
            d--;
        if (d == 0) {
            /* No opener. A stray single is an apostrophe; a stray
               guillemet may be German style »...«; a double is reported. */
            if (m.fam == FAM_DOUBLE) {
                char buf[8];
                if (!cd_result_push(c->out, CD_QUOTE_UNBALANCED,
                                    CD_SEV_DEFAULT, i, i + m.len,
                                    "Closing quotation mark %s has no "
                                    "opening mark in its paragraph",
                                    mark_text(c, i, m.len, buf)))
                    c->oom = true;
            }
            i += m.len;
            continue;
        }
        d--;
        /* Top level, or inside nothing but straight singles that may be
           elisions ('em, 'til): a quotation of its own. Should such a
           single close after all, its span replaces the ones inside. */
        bool top = true;
        for (size_t u = 0; u < d && top; u++)
            top = st[u].fam == FAM_SINGLE && st[u].maybe;
        if (top) {
            while (c->n_spans > 0 && c->spans[c->n_spans - 1].open > st[d].pos)
                c->n_spans--;
            add_span(c, st[d].pos, st[d].len, i, m.len, true);
        }
        depth = d;
        i += m.len;
    }

    /* Left open at the paragraph's end: only the outermost matters (an
       inner one was part of it); straight singles that may be elisions
       ('til, 'em) are passed over silently. */
    size_t u = 0;
    while (u < depth && st[u].fam == FAM_SINGLE && st[u].maybe)
        u++;
    if (u < depth) {
        size_t pos = st[u].pos, olen = st[u].len;
        size_t stop = trim_end(p, pos, e);
        bool real = true;
        if (st[u].fam == FAM_SINGLE) {
            /* A curly ‘ left open is a quotation only when it starts one:
               a capital and four words; ‘til and ‘em are elisions. */
            size_t al;
            uint32_t a = pos + olen < e
                             ? cd_u8_decode(p, c->n, pos + olen, &al)
                             : ' ';
            real = cp_upper(a) &&
                   count_words(p, c->n, pos + olen, stop) >= MIN_QUOTE_WORDS;
        }
        if (real) {
            bool cont = para_opens_with_mark(c, k + 1);
            if (!cont)
                report_unclosed(c, pos, olen, stop, false);
            while (c->n_spans > 0 && c->spans[c->n_spans - 1].open > pos)
                c->n_spans--;
            add_span(c, pos, olen, stop, 0, false);
            if (!c->oom)
                c->spans[c->n_spans - 1].continues = cont;
        }
    }
}

/* ---- words -------------------------------------------------------------- */

/* Copies the word [s, e) lower-cased into w (MAX_WORD bytes, NUL-
 * terminated) and hashes it (*hash, as cd_word_hash_more), with the hash
 * of each prefix in ph (ph[k]: of w[0..k)) unless ph is NULL. False when
 * it is too long or not plain ASCII letters and hyphens. */
static inline bool fold_word(const unsigned char *p, size_t s, size_t e,
                             char *w, uint32_t *ph, uint32_t *hash)
{
    size_t n = e - s;
    if (n == 0 || n >= MAX_WORD)
        return false;
    uint32_t h = CD_WORD_HASH_INIT;
    for (size_t k = 0; k < n; k++) {
        unsigned char ch = p[s + k];
        if (is_upper_ascii(ch))
            ch = (unsigned char)(ch - 'A' + 'a');
        else if (!is_lower_ascii(ch) && ch != '-')
            return false;
        if (ph)
            ph[k] = h;
        w[k] = (char)ch;
        h = cd_word_hash_byte(h, ch);
    }
    w[n] = '\0';
    *hash = h;
    return true;
}

static cd_wordset_slot builtin_slots[BUILTIN_SIZE];
static cd_wordset builtin = {builtin_slots, BUILTIN_SIZE - 1};
static size_t builtin_entries; /* list entries loaded, duplicates included */
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_add(const char *w, uint32_t flag)
{
    builtin_entries++;
    cd_wordset_add(&builtin, w, strlen(w), flag);
}

static void builtin_build(void)
{
    for (size_t k = 0; k < COUNT(speech_verbs); k++)
        builtin_add(speech_verbs[k].base,
                    WC_VERB | (speech_verbs[k].flags & NOUNY ? WC_NOUNY : 0));
    for (size_t k = 0; k < COUNT(word_classes); k++)
        for (size_t j = 0; j < word_classes[k].count; j++)
            builtin_add(word_classes[k].list[j], word_classes[k].flag);
}

/* The classes of the lower-case word w[0..n) whose hash is h (0 when it
 * is in no table). */
static uint32_t wclass(const ctx *c, const char *w, size_t n, uint32_t h)
{
    if (n == 0 || n >= MAX_WORD)
        return 0;
    uint32_t flags = cd_wordset_get_h(&builtin, w, n, h);
    if (c->opt.slot)
        flags |= cd_wordset_get_h(&c->opt, w, n, h);
    return flags;
}

/* Loads the newsroom's own verbs into c->opt (the built-in tables are
 * shared: see builtin_build). Returns false on OOM. Verbs beyond
 * OPTION_CAP less the built-in entries are ignored. */
static bool load_words(ctx *c)
{
    pthread_once(&builtin_once, builtin_build);
    size_t room = OPTION_CAP > builtin_entries ? OPTION_CAP - builtin_entries
                                               : 0;
    size_t want = c->opts->n_attribution_verbs < room
                      ? c->opts->n_attribution_verbs : room;
    if (want == 0)
        return true;
    size_t size = 16;
    while (size < 2 * want)
        size *= 2;
    c->opt.slot = calloc(size, sizeof *c->opt.slot);
    c->opt_words = malloc(want * MAX_WORD);
    if (!c->opt.slot || !c->opt_words) {
        free(c->opt.slot);
        free(c->opt_words);
        c->opt.slot = NULL;
        c->opt_words = NULL;
        return false;
    }
    c->opt.mask = size - 1;
    size_t used = 0;
    for (size_t k = 0; k < c->opts->n_attribution_verbs && used < want; k++) {
        const char *v = c->opts->attribution_verbs[k];
        char *w = c->opt_words + used * MAX_WORD;
        size_t n = v ? strlen(v) : 0;
        uint32_t h;
        if (!fold_word((const unsigned char *)v, 0, n, w, NULL, &h))
            continue;
        used++;
        cd_wordset_add(&c->opt, w, n, WC_OPTVERB);
    }
    return true;
}

static bool tok_has(const tok *t, uint32_t flag)
{
    return t->type == T_WORD && (t->wc & flag);
}

/* The token is the lower-case word[0..n), in any case. */
static bool tok_is(const ctx *c, const tok *t, const char *word, size_t n)
{
    if (t->type != T_WORD || t->e - t->s != n ||
        (c->p[t->s] | 0x20) != (unsigned char)word[0])
        return false;
    for (size_t k = 1; k < n; k++) {
        unsigned char ch = c->p[t->s + k];
        if (is_upper_ascii(ch))
            ch = (unsigned char)(ch - 'A' + 'a');
        if (ch != (unsigned char)word[k])
            return false;
    }
    return true;
}
/* tok_is with a string literal, its length known at compile time. */
#define tok_eq(c, t, lit) tok_is((c), (t), "" lit, sizeof(lit) - 1)

static bool tok_upper(const ctx *c, const tok *t)
{
    size_t len;
    return t->type == T_WORD && cp_upper(cd_u8_decode(c->p, c->n, t->s, &len));
}

enum { F_BASE, F_S, F_ED, F_ING };
/* Answers of the verb lookup: not a speech verb, a speech verb, or a
 * NOUNY entry in its bare or -s form (a verb only in context). */
enum { V_NO = 0, V_YES, V_NOUN };

/* What a word's classes say about it as a verb of the given form. */
static int verb_flags(uint32_t f, int form)
{
    if (f & WC_OPTVERB)
        return V_YES;
    if (!(f & WC_VERB))
        return V_NO;
    return !(f & WC_NOUNY) || form == F_ED || form == F_ING ? V_YES : V_NOUN;
}

/* A lower-cased word with the hash of each of its prefixes, so that a
 * base form made of a prefix and a short suffix costs only the suffix's
 * hashing. */
typedef struct lword {
    char w[MAX_WORD];
    size_t n;
    uint32_t ph[MAX_WORD]; /* ph[k]: hash of w[0..k) */
} lword;

/* Tries base = w[0..keep) + suffix[0..sl). */
static int try_base(const ctx *c, const lword *lw, size_t keep,
                    const char *suffix, size_t sl, int form)
{
    char b[MAX_WORD + 2];
    if (keep < 2 || keep + sl >= sizeof b)
        return V_NO;
    memcpy(b, lw->w, keep);
    memcpy(b + keep, suffix, sl);
    return verb_flags(wclass(c, b, keep + sl,
                               cd_word_hash_more(lw->ph[keep], suffix, sl)),
                      form);
}
#define TRY(c, lw, keep, lit, form) \
    try_base((c), (lw), (keep), "" lit, sizeof(lit) - 1, (form))

static bool ends(const lword *lw, const char *suf, size_t m)
{
    return lw->n > m && memcmp(lw->w + lw->n - m, suf, m) == 0;
}
#define ENDS(lw, lit) ends((lw), "" lit, sizeof(lit) - 1)

/* Is the word a speech verb in some inflection (V_YES, V_NOUN)? The
 * candidates are tried from the most to the least specific ending. */
static int speech_verb_word(const ctx *c, const tok *t)
{
    if (t->type != T_WORD)
        return V_NO;
    const unsigned char *p = c->p;
    if (is_upper_ascii(p[t->s]))
        return (t->wc & WC_CAPVERB) && t->e - t->s > 1 &&
                       is_lower_ascii(p[t->s + 1])
                   ? V_YES : V_NO;
    if (t->wc & WC_IRREG)
        return V_YES;
    /* The bare form's classes are the token's own (tokenise looked the
       word up); t->wc is 0 as well when the word is not plain letters. */
    int r;
    if ((r = verb_flags(t->wc, F_BASE)))
        return r;
    /* Every ending tried below leaves a base of two letters or more and
       ends in s, d or g: most words are ruled out here. */
    size_t n = t->e - t->s;
    unsigned char last = p[t->e - 1] | 0x20; /* any case */
    if (n < 3 || n >= MAX_WORD || (last != 's' && last != 'd' && last != 'g'))
        return V_NO;
    lword lw;
    uint32_t h;
    lw.n = n;
    if (!fold_word(p, t->s, t->e, lw.w, lw.ph, &h))
        return V_NO;
    if (ENDS(&lw, "ies") && (r = TRY(c, &lw, n - 3, "y", F_S)))
        return r;
    if (ENDS(&lw, "es") && (r = TRY(c, &lw, n - 2, "", F_S)))
        return r;
    if (ENDS(&lw, "s") && (r = TRY(c, &lw, n - 1, "", F_S)))
        return r;
    if (ENDS(&lw, "ied") && (r = TRY(c, &lw, n - 3, "y", F_ED)))
        return r;
    if (ENDS(&lw, "ed")) {
        if ((r = TRY(c, &lw, n - 1, "", F_ED)) ||
            (r = TRY(c, &lw, n - 2, "", F_ED)))
            return r;
        if (n > 4 && lw.w[n - 3] == lw.w[n - 4] &&
            (r = TRY(c, &lw, n - 3, "", F_ED)))
            return r;
    }
    if (ENDS(&lw, "ing")) {
        if ((r = TRY(c, &lw, n - 3, "", F_ING)) ||
            (r = TRY(c, &lw, n - 3, "e", F_ING)))
            return r;
        if (n > 5 && lw.w[n - 4] == lw.w[n - 5] &&
            (r = TRY(c, &lw, n - 4, "", F_ING)))
            return r;
        if (ENDS(&lw, "ying") && (r = TRY(c, &lw, n - 4, "ie", F_ING)))
            return r;
    }
    return V_NO;
}

/* ---- tokenising --------------------------------------------------------- */

static bool push_tok(ctx *c, tokbuf *b, size_t s, size_t e, int type,
                     size_t quote)
{
    if (b->n == b->cap &&
        cd_grow((void **)&b->t, &b->cap, b->n + 1, sizeof *b->t)) {
        c->oom = true;
        return false;
    }
    b->t[b->n].s = s;
    b->t[b->n].e = e;
    b->t[b->n].type = (unsigned char)type;
    b->t[b->n].wc = 0;
    b->t[b->n].quote = quote;
    b->n++;
    return true;
}

/* The classes of the word p[s, e) in any case (0 when it is not plain
 * ASCII letters and hyphens). */
static uint32_t classify(const ctx *c, const unsigned char *p, size_t s,
                         size_t e)
{
    char w[MAX_WORD];
    uint32_t h;
    return fold_word(p, s, e, w, NULL, &h) ? wclass(c, w, e - s, h) : 0;
}

/* Index of the first span ending after pos. */
static size_t span_after(const ctx *c, size_t pos)
{
    size_t lo = 0, hi = c->n_spans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->spans[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Tokenises [s, e) of the current paragraph into b: words, commas,
 * colons, other stops, and each top-level quotation as one T_QUOTE. */
static void tokenise(ctx *c, tokbuf *b, size_t s, size_t e)
{
    const unsigned char *p = c->p;
    size_t qi = span_after(c, s);
    b->n = 0;
    size_t i = s;
    while (i < e && !c->oom) {
        if (qi < c->n_spans && c->spans[qi].open <= i) {
            push_tok(c, b, c->spans[qi].open, c->spans[qi].end, T_QUOTE, qi);
            i = c->spans[qi].end > i ? c->spans[qi].end : i + 1;
            qi++;
            continue;
        }
        if (p[i] == ' ') {
            i++; /* the commonest byte of all */
            continue;
        }
        size_t stop = qi < c->n_spans && c->spans[qi].open < e
                          ? c->spans[qi].open : e;
        size_t len = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : cd_u8_decode(p, c->n, i, &len);
        if (cp_space(cp)) {
            i += len;
            continue;
        }
        if (cp == ',') {
            push_tok(c, b, i, i + 1, T_COMMA, 0);
            i++;
            continue;
        }
        bool word_start = cp < 0x80 ? (word_ascii[cp] & WA_START)
                                    : cp_alnum(cp) || cp == 0xA3 ||
                                          cp == 0x20AC;
        if (!word_start) {
            if (cp == ':')
                push_tok(c, b, i, i + 1, T_COLON, 0);
            else if (cp == '.' || cp == ';' || cp == '!' || cp == '?' ||
                     cp == '(' || cp == ')' || cp == '[' || cp == ']' ||
                     cp == 0x2014 || cp == 0x2013 || cp == 0x2026 ||
                     cp == '-' || cp == '|' || cp == 0x201C ||
                     cp == 0x201D || cp == '"' || cp == 0xAB || cp == 0xBB)
                push_tok(c, b, i, i + len, T_STOP, 0);
            i += len; /* emoji, stray apostrophes, symbols: nothing */
            continue;
        }
        /* A word: letters and digits joined by - ' ’ . : / inside it
           (Jean-Pierre, O'Neill, people’s, U.S., 22:31, 5/6). */
        size_t ws = i;
        i += len;
        while (i < stop) {
            /* ASCII letters and digits first, eight bytes at a time: only
               the other characters need decoding and the joiner rules. */
            i = cd_alnum_run(p, i, stop);
            if (i >= stop)
                break;
            if (word_ascii[p[i]] & WA_CONT) {
                i++;
                continue;
            }
            size_t l2 = 1;
            uint32_t ch = p[i] < 0x80 ? p[i] : cd_u8_decode(p, c->n, i, &l2);
            if (cp_alnum(ch)) {
                i += l2;
                continue;
            }
            if (ch == '-' || ch == '\'' || ch == 0x2019 || ch == '.' ||
                ch == ':' || ch == '/') {
                size_t l3 = 0;
                uint32_t nx = i + l2 < stop
                                  ? cd_u8_decode(p, c->n, i + l2, &l3)
                                  : ' ';
                if (cp_alnum(nx)) {
                    i += l2;
                    continue;
                }
                /* Abbreviations keep their point: Mr. Sen. U.S. */
                if (ch == '.' && i - ws <= 3 && is_upper_ascii(p[ws])) {
                    i += l2;
                    break;
                }
            }
            break;
        }
        if (push_tok(c, b, ws, i, T_WORD, 0))
            b->t[b->n - 1].wc = classify(c, p, ws, i);
    }
}

/* ---- speakers ------------------------------------------------------------ */

/* Is the speaker phrase (word tokens [a, b)) an unnamed source? marker:
 * the sentence says the source is anonymous ("on condition of
 * anonymity"). */
static bool unnamed(const ctx *c, const tok *t, size_t a, size_t b,
                    bool marker)
{
    if (a >= b)
        return false;
    /* "one of them", "one of the people": a member of an unnamed group,
       unless a name follows ("one of the Kessler brothers"). */
    if (b - a >= 3 && tok_eq(c, &t[a], "one") && tok_eq(c, &t[a + 1], "of")) {
        for (size_t k = a + 2; k < b; k++)
            if (tok_upper(c, &t[k]))
                return false;
        return true;
    }
    size_t head_end = b;
    for (size_t k = a; k < b; k++) {
        if (k > a && tok_has(&t[k], WC_CUT)) {
            head_end = k;
            break;
        }
    }
    size_t anon = NONE_POS;
    bool name = false;
    for (size_t k = a; k < head_end; k++) {
        if (tok_has(&t[k], WC_PRON))
            return false;
        bool is_anon = tok_has(&t[k], WC_ANON);
        if (is_anon && anon == NONE_POS)
            anon = k;
        /* A capital that is not the phrase's first word or an unnamed
           noun is a name (Helen Carver, Northgate). */
        if (tok_upper(c, &t[k]) && !is_anon && k > a)
            name = true;
        if (tok_upper(c, &t[k]) && !is_anon && k == a &&
            !tok_has(&t[k], WC_DET))
            name = true;
    }
    if (anon != NONE_POS) {
        bool name_after = false;
        for (size_t k = anon + 1; k < head_end; k++)
            name_after = name_after || tok_upper(c, &t[k]);
        /* "the official" points back at someone the story named. */
        bool def = tok_has(&t[a], WC_DEF);
        if (!name_after && (!def || marker))
            return true;
    }
    return marker && !name;
}

/* Collects up to max word tokens backwards from index k (inclusive),
 * stopping at anything that is not a word. Returns the first index. */
static size_t words_back(const tok *t, size_t k, size_t max)
{
    size_t a = k + 1, got = 0;
    while (a > 0 && t[a - 1].type == T_WORD && got < max) {
        a--;
        got++;
    }
    return a;
}

static size_t words_fwd(const tok *t, size_t n, size_t k, size_t max)
{
    size_t b = k, got = 0;
    while (b < n && t[b].type == T_WORD && got < max) {
        b++;
        got++;
    }
    return b;
}

/* Every word of [a, b) starts with a capital: a name. */
static bool all_upper(const ctx *c, const tok *t, size_t a, size_t b)
{
    if (a >= b)
        return false;
    for (size_t k = a; k < b; k++)
        if (!tok_upper(c, &t[k]))
            return false;
    return true;
}

/* A participle ("adding that", "saying") takes its subject from the
 * clause before it, never from the words after it. */
static bool participle(const ctx *c, const tok *t)
{
    return t->e - t->s > 4 && memcmp(c->p + t->e - 3, "ing", 3) == 0;
}

/* Fills the speaker of the attributing words at tokens [v, v + vlen) (a
 * speech verb; "according to" or "in the words of", whose speaker
 * follows; the verb before "a statement"). how = the kind when named. */
static void speaker_of(const ctx *c, const tokbuf *b, const vref *vr,
                       bool marker, attrib *at)
{
    const tok *t = b->t;
    size_t n = b->n;
    size_t v = vr->k;
    size_t vend = v + vr->len;
    size_t sa = 0, sb = 0; /* speaker word tokens [sa, sb) */
    at->how = vr->how;
    if (vr->follows) {
        sa = vend;
        sb = words_fwd(t, n, sa, MAX_SPEAKER_WORDS + 2);
    } else {
        size_t k = v;
        while (k > 0 && t[k - 1].type == T_WORD &&
               tok_has(&t[k - 1], WC_FILLER))
            k--;
        if (k == 0 || t[k - 1].type == T_QUOTE || t[k - 1].type == T_STOP ||
            t[k - 1].type == T_COLON) {
            /* Nothing before: inverted ("...," said Rafael Ortiz). A
               participle ("adding that") has no speaker after it. */
            if (!participle(c, &t[v])) {
                sa = vend;
                sb = words_fwd(t, n, sa, MAX_SPEAKER_WORDS);
            }
        } else if (t[k - 1].type == T_WORD) {
            sb = k;
            sa = words_back(t, k - 1, MAX_SPEAKER_WORDS);
            /* "Ralph Crosby, EADS's North America CEO commented": the
               name opening the sentence, before an unclosed appositive. */
            if (!all_upper(c, t, sa, sb) && sa >= 2 &&
                t[sa - 1].type == T_COMMA && t[sa - 2].type == T_WORD) {
                size_t ns = sa - 1;
                while (ns > 0 && t[ns - 1].type == T_WORD &&
                       tok_upper(c, &t[ns - 1]))
                    ns--;
                if (ns < sa - 1 && (ns == 0 || t[ns - 1].type != T_WORD)) {
                    sb = sa - 1;
                    sa = ns;
                }
            }
        } else {
            /* A comma: an appositive or relative clause sits between the
               speaker and the verb ("Öztürk, a retired teacher, said"). */
            size_t ae = k - 1; /* the comma after the clause */
            size_t as = ae > 0 && t[ae - 1].type == T_WORD
                            ? words_back(t, ae - 1, MAX_APPOSITIVE_WORDS)
                            : ae;
            if (!all_upper(c, t, as, ae) && as > 1 &&
                t[as - 1].type == T_COMMA && t[as - 2].type == T_WORD) {
                sb = as - 1;
                sa = words_back(t, sb - 1, MAX_SPEAKER_WORDS);
            } else {
                /* The clause is the name ("a spokesman, John Smith,"),
                   or there is nothing before it. */
                sa = as;
                sb = ae;
            }
        }
    }
    if (vr->follows || sa > v) {
        /* After the verb the speaker ends at a relative clause or an
           indirect object: "said Bolden | to the crowd, which...". */
        for (size_t k = sa + 1; k < sb; k++)
            if (tok_has(&t[k], WC_AFTERCUT)) {
                sb = k;
                break;
            }
    }
    if (sa < sb) {
        at->sp_s = t[sa].s;
        at->sp_e = t[sb - 1].e;
    } else {
        at->sp_s = at->sp_e = t[v].s;
    }
    at->w_s = t[v].s;
    at->w_e = t[(vend <= n ? vend : n) - 1].e;
    at->ev_s = at->sp_s < at->w_s ? at->sp_s : at->w_s;
    at->ev_e = at->sp_e > at->w_e ? at->sp_e : at->w_e;
    if (unnamed(c, t, sa, sb, marker))
        at->how = CD_ATTR_ANONYMOUS;
}

/* ---- attributing words -------------------------------------------------- */

/* "in" + determiner + up to two words + a speech noun, at token k. */
static bool in_speech_noun(const ctx *c, const tok *t, size_t n, size_t k)
{
    if (!tok_eq(c, &t[k], "in") || k + 2 >= n ||
        !tok_has(&t[k + 1], WC_DET))
        return false;
    for (size_t j = k + 2; j < n && j <= k + 4 && t[j].type == T_WORD; j++)
        if (tok_has(&t[j], WC_SNOUN))
            return true;
    return false;
}

/* "issued a statement", "gave an interview", "posted a message": the
 * verb before a determiner and a speech noun at k. */
static bool verb_before_speech_noun(const ctx *c, const tok *t, size_t k)
{
    if (k < 2 || !tok_has(&t[k], WC_SNOUN) ||
        !tok_has(&t[k - 1], WC_DET) ||
        t[k - 2].type != T_WORD || !is_lower_ascii(c->p[t[k - 2].s]))
        return false;
    const tok *w = &t[k - 2];
    return (w->e - w->s > 3 && memcmp(c->p + w->e - 2, "ed", 2) == 0) ||
           tok_has(w, WC_GIVER);
}

/* A lower-case -ed word the table does not know, in the unmistakable
 * places of an attribution: right after a quotation and before its
 * speaker ('"...," enthused Scott Fancher'), or after a quotation and a
 * short speaker, ending the clause ('"...," the mayor fumed.'). */
static bool verb_by_position(const ctx *c, const tok *t, size_t n, size_t k)
{
    const tok *w = &t[k];
    if (w->e - w->s < 5 || !is_lower_ascii(c->p[w->s]) ||
        memcmp(c->p + w->e - 2, "ed", 2) != 0)
        return false;
    if (k > 0 && t[k - 1].type == T_QUOTE && k + 1 < n &&
        t[k + 1].type == T_WORD &&
        (tok_upper(c, &t[k + 1]) ||
         tok_has(&t[k + 1], WC_DET)))
        return true;
    if (k + 1 < n && t[k + 1].type == T_WORD)
        return false;
    size_t j = k;
    while (j > 0 && t[j - 1].type == T_WORD && k - j < 6)
        j--;
    return j < k && j > 0 && t[j - 1].type == T_QUOTE &&
           (tok_upper(c, &t[j]) ||
            tok_has(&t[j], WC_PRON) ||
            tok_has(&t[j], WC_DET));
}

/* A NOUNY verb in its bare or -s form is a verb here: after a pronoun or
 * a quotation ("He states", '"...," claims'), or before a comma, colon,
 * quotation or "that" ("The department notes, "...""). */
static bool verb_context(const ctx *c, const tok *t, size_t n, size_t k)
{
    if (k > 0 && (t[k - 1].type == T_QUOTE ||
                  tok_has(&t[k - 1], WC_PRON)))
        return true;
    return k + 1 < n && (t[k + 1].type == T_COMMA || t[k + 1].type == T_COLON ||
                         t[k + 1].type == T_QUOTE || tok_eq(c, &t[k + 1], "that"));
}

static void add_vref(ctx *c, sentinfo *si, size_t k, size_t len,
                     cd_attr_kind how, bool follows)
{
    if (cd_grow((void **)&si->v, &si->vcap, si->nv + 1, sizeof *si->v)) {
        c->oom = true;
        return;
    }
    si->v[si->nv].k = k;
    si->v[si->nv].len = len;
    si->v[si->nv].how = how;
    si->v[si->nv].follows = follows;
    si->nv++;
}

/* Collects the attributing words of si->tb into si->v (text order), and
 * whether the sentence calls its source anonymous. */
static void find_verbs(ctx *c, sentinfo *si)
{
    const tok *t = si->tb.t;
    size_t n = si->tb.n;
    si->nv = 0;
    si->marker = false;
    for (size_t k = 0; k < n && !c->oom; k++) {
        if (t[k].type != T_WORD)
            continue;
        if (tok_has(&t[k], WC_MARKER) ||
            (k + 1 < n && tok_eq(c, &t[k], "not") &&
             (tok_eq(c, &t[k + 1], "authorized") ||
              tok_eq(c, &t[k + 1], "authorised"))) ||
            (k + 1 < n && tok_eq(c, &t[k], "be") &&
             (tok_eq(c, &t[k + 1], "named") ||
              tok_eq(c, &t[k + 1], "identified"))))
            si->marker = true;
        if (tok_eq(c, &t[k], "according") && k + 1 < n &&
            tok_eq(c, &t[k + 1], "to")) {
            add_vref(c, si, k, 2, CD_ATTR_ACCORDING_TO, true);
            continue;
        }
        if (k + 3 < n && tok_eq(c, &t[k], "in") && tok_eq(c, &t[k + 1], "the") &&
            tok_eq(c, &t[k + 2], "words") && tok_eq(c, &t[k + 3], "of")) {
            add_vref(c, si, k, 4, CD_ATTR_ACCORDING_TO, true);
            continue;
        }
        int v = speech_verb_word(c, &t[k]);
        /* "she wrote in her memoir": the verb already attributes. */
        bool after_verb = si->nv > 0 && k - si->v[si->nv - 1].k <= 2;
        if (v == V_YES || (v == V_NOUN && verb_context(c, t, n, k)) ||
            (!after_verb && in_speech_noun(c, t, n, k)) ||
            verb_by_position(c, t, n, k))
            add_vref(c, si, k, 1, CD_ATTR_SENTENCE, false);
        else if (verb_before_speech_noun(c, t, k) &&
                 (si->nv == 0 || si->v[si->nv - 1].k != k - 2))
            add_vref(c, si, k - 2, 1, CD_ATTR_SENTENCE, false);
    }
}

/* ---- quotations: what counts ------------------------------------------- */

/* Title case: every word but the small ones starts with a capital or a
 * digit ("The Quiet Ocean", "Rocky II", "We Are the World"). */
static bool title_case(const ctx *c, size_t s, size_t e)
{
    const unsigned char *p = c->p;
    size_t words = 0;
    size_t i = s;
    while (i < e) {
        while (i < e && is_space(p[i]))
            i++;
        size_t ws = i;
        while (i < e && !is_space(p[i]))
            i++;
        /* the word's first letter or digit */
        size_t k = ws, len = 1;
        uint32_t cp = 0;
        while (k < i) {
            cp = cd_u8_decode(p, c->n, k, &len);
            if (cp_alnum(cp))
                break;
            k += len;
        }
        if (k >= i)
            continue;
        size_t we = k;
        while (we < i && (is_alnum_ascii(p[we]) || p[we] >= 0x80))
            we++;
        bool small = words > 0 && (classify(c, p, k, we) & WC_SMALL) &&
                     is_lower_ascii(p[k]);
        words++;
        if (!small && !cp_upper(cp) && !(cp >= '0' && cp <= '9'))
            return false;
    }
    return words >= 1;
}

/* The word just before pos (skipping spaces and one comma) is one of the
 * cues that make a quotation a title or a term ("the film", "book,",
 * "so-called", "known as"). */
static bool term_cue_before(const ctx *c, size_t lo, size_t pos)
{
    const unsigned char *p = c->p;
    size_t i = pos;
    while (i > lo && is_space(p[i - 1]))
        i--;
    if (i > lo && p[i - 1] == ',')
        i--;
    while (i > lo && is_space(p[i - 1]))
        i--;
    size_t e = i;
    while (i > lo && (is_alnum_ascii(p[i - 1]) || p[i - 1] == '-'))
        i--;
    return i < e && (classify(c, p, i, e) & WC_TERM);
}

/* A nickname inside a name: Marvin “The Hammer” Ellis, Tyson "Iron Mike"
 * Fury: a capitalised word right before and right after. */
static bool nickname(const ctx *c, size_t lo, size_t hi, const qspan *q)
{
    const unsigned char *p = c->p;
    if (!q->closed || q->open < lo + 2 || q->end + 1 >= hi)
        return false;
    if (p[q->open - 1] != ' ' || p[q->end] != ' ')
        return false;
    size_t i = q->open - 1;
    while (i > lo && (is_alnum_ascii(p[i - 1]) || p[i - 1] >= 0x80))
        i--;
    size_t len;
    return i < q->open - 1 && cp_upper(cd_u8_decode(p, c->n, i, &len)) &&
           cp_upper(cd_u8_decode(p, c->n, q->end + 1, &len));
}

/* A fragment woven into the writer's sentence starts in lower case
 * (making it "the thinnest smartphone on the planet"): its source is the
 * sentence's own subject or document, and a copy editor does not ask for a
 * speaker the way a full-sentence quotation needs one. */
static bool fragment(const ctx *c, const qspan *q)
{
    for (size_t i = q->in_s; i < q->in_e;) {
        size_t len;
        uint32_t cp = cd_u8_decode(c->p, c->n, i, &len);
        if (cp_alnum(cp))
            return cp_letter(cp) && !cp_upper(cp);
        i += len;
    }
    return true;
}

/* ---- attribution ----------------------------------------------------- */

/* Tokens of sentences [a, b] of the current paragraph, cached. */
static void region(ctx *c, sentinfo *reg, size_t a, size_t b, size_t lo,
                   size_t hi)
{
    if (c->reg_a == a && c->reg_b == b)
        return;
    c->reg_a = a;
    c->reg_b = b;
    c->reg_qtok = 0;
    c->reg_vptr = 0;
    tokenise(c, &reg->tb, lo, hi);
    find_verbs(c, reg);
}

static void copy_attr(attrib *dst, const attrib *src, cd_attr_kind how)
{
    *dst = *src;
    dst->how = src->how == CD_ATTR_ANONYMOUS ? CD_ATTR_ANONYMOUS : how;
}

/* The attribution of span j from its own sentences [sa, sb]: a colon
 * introduction, or the attributing words nearest it (after it first: the
 * '"...," X said' order of news copy). */
static void attribute(ctx *c, size_t j, size_t sa, size_t sb, attrib *at)
{
    const cd_doc *d = c->doc;
    const qspan *q = &c->spans[j];
    memset(at, 0, sizeof *at);
    at->how = CD_ATTR_NONE;
    at->sp_s = at->sp_e = at->w_s = at->w_e = at->ev_s = at->ev_e = q->open;
    size_t lo = d->sents[sa].start < q->open ? d->sents[sa].start : q->open;
    size_t hi = d->sents[sb].end > q->end ? d->sents[sb].end : q->end;
    sentinfo *reg = &c->reg;
    region(c, reg, sa, sb, lo, hi);
    if (c->oom)
        return;
    const tok *t = reg->tb.t;
    size_t n = reg->tb.n;
    while (c->reg_qtok < n &&
           !(t[c->reg_qtok].type == T_QUOTE && t[c->reg_qtok].quote == j))
        c->reg_qtok++;
    if (c->reg_qtok >= n) {
        c->reg_qtok = 0; /* not in this region after all: rescan next time */
        return;
    }
    size_t qt = c->reg_qtok;
    while (c->reg_vptr < reg->nv && reg->v[c->reg_vptr].k < qt)
        c->reg_vptr++;
    const vref *before = c->reg_vptr > 0 ? &reg->v[c->reg_vptr - 1] : NULL;
    const vref *after = c->reg_vptr < reg->nv ? &reg->v[c->reg_vptr] : NULL;

    /* An introduction: "X said: ...", headline "Demir: '...'", and the
       looser "Jobs left this farewell, ..." of a comma before the quote. */
    if (qt > 0 && (t[qt - 1].type == T_COLON || t[qt - 1].type == T_COMMA)) {
        if (before) {
            speaker_of(c, &reg->tb, before, reg->marker, at);
            if (at->how != CD_ATTR_ANONYMOUS && t[qt - 1].type == T_COLON)
                at->how = CD_ATTR_COLON;
            return;
        }
        size_t ce = qt - 1;
        size_t cs = ce > 0 && t[ce - 1].type == T_WORD
                        ? words_back(t, ce - 1, MAX_SPEAKER_WORDS) : ce;
        if (cs < ce) {
            at->how = unnamed(c, t, cs, ce, reg->marker) ? CD_ATTR_ANONYMOUS
                                                         : CD_ATTR_COLON;
            at->sp_s = t[cs].s;
            at->sp_e = t[ce - 1].e;
            at->w_s = t[ce].s;
            at->w_e = t[ce].e;
            at->ev_s = at->sp_s;
            at->ev_e = t[ce].e;
            return;
        }
    }
    const vref *use = after ? after : before;
    if (after && before && participle(c, &t[after->k]))
        use = before;
    if (use)
        speaker_of(c, &reg->tb, use, reg->marker, at);
}

/* The attribution carried by an earlier sentence of the paragraph (before
 * sentence s): the nearest one with attributing words, by its first. Each
 * sentence is read once per paragraph however many quotations ask. */
static void attribute_earlier(ctx *c, size_t s, attrib *at)
{
    while (c->scan_next < s && !c->oom) {
        const cd_sentence *se = &c->doc->sents[c->scan_next];
        tokenise(c, &c->prev.tb, se->start, se->end);
        find_verbs(c, &c->prev);
        if (c->prev.nv > 0) {
            memset(&c->earlier, 0, sizeof c->earlier);
            speaker_of(c, &c->prev.tb, &c->prev.v[0], c->prev.marker,
                       &c->earlier);
        }
        c->scan_next++;
    }
    if (c->earlier.how != CD_ATTR_NONE)
        copy_attr(at, &c->earlier, CD_ATTR_PREVIOUS_SENTENCE);
}

/* ---- recording and reporting ------------------------------------------- */

static void record(ctx *c, const qspan *q, const attrib *at, bool eligible,
                   bool recorded)
{
    if (cd_grow((void **)&c->quotes, &c->quotes_cap, c->n_quotes + 1,
                sizeof *c->quotes)) {
        c->oom = true;
        return;
    }
    if (cd_grow((void **)&c->meta, &c->meta_cap, c->n_quotes + 1,
                sizeof *c->meta)) {
        c->oom = true;
        return;
    }
    cd_quote *o = &c->quotes[c->n_quotes];
    o->start = q->open;
    o->end = q->end;
    o->how = at->how;
    o->speaker_start = at->sp_s;
    o->speaker_end = at->sp_e;
    o->words_start = at->w_s;
    o->words_end = at->w_e;
    c->meta[c->n_quotes].eligible = eligible;
    c->meta[c->n_quotes].recorded = recorded;
    c->meta[c->n_quotes].ev_s = at->ev_s;
    c->meta[c->n_quotes].ev_e = at->ev_e;
    c->n_quotes++;
}

/* prose[s, e) with whitespace squashed, at most max_words words and about
 * cap bytes (cut at a character boundary), "…" when cut. */
static void excerpt(const ctx *c, size_t s, size_t e, size_t max_words,
                    char *buf, size_t cap)
{
    const unsigned char *p = c->p;
    size_t o = 0, words = 0;
    bool space = false, cut = false;
    for (size_t i = s; i < e;) {
        if (is_space(p[i])) {
            space = true;
            i++;
            continue;
        }
        if (space && o) {
            if (++words >= max_words) {
                cut = true;
                break;
            }
            buf[o++] = ' ';
        }
        space = false;
        size_t len;
        cd_u8_decode(p, c->n, i, &len);
        if (o + len + 4 >= cap) {
            cut = true;
            break;
        }
        memcpy(buf + o, p + i, len);
        o += len;
        i += len;
    }
    if (cut) {
        while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == ','))
            o--;
        memcpy(buf + o, "\xE2\x80\xA6", 3);
        o += 3;
    }
    buf[o] = '\0';
}

static void report(ctx *c)
{
    char ex[128], ev[128];
    for (size_t i = 0; i < c->n_quotes && !c->oom; i++) {
        const cd_quote *q = &c->quotes[i];
        const qmeta *m = &c->meta[i];
        if (!m->eligible)
            continue;
        cd_finding *f = NULL;
        if (q->how == CD_ATTR_NONE) {
            /* The words, without their marks. */
            size_t s = q->start, e = q->end;
            size_t len;
            cd_u8_decode(c->p, c->n, s, &len);
            s += len;
            size_t k = e;
            while (k > s && (c->p[k - 1] & 0xC0) == 0x80)
                k--;
            if (k > s) {
                uint32_t cp = cd_u8_decode(c->p, c->n, k - 1, &len);
                if (cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 ||
                    cp == 0xBB)
                    e = k - 1;
            }
            excerpt(c, s, e, 5, ex, sizeof ex);
            f = cd_result_push(c->out, CD_QUOTE_UNATTRIBUTED, CD_SEV_DEFAULT,
                               q->start, q->end,
                               "Quotation \"%s\" has no speaker: no "
                               "attribution in its sentence or the one before",
                               ex);
            if (f && cd_finding_set_evidence(f, "none"))
                c->oom = true;
        } else if (q->how == CD_ATTR_ANONYMOUS) {
            excerpt(c, m->ev_s, m->ev_e, 12, ev, sizeof ev);
            f = cd_result_push(c->out, CD_QUOTE_ANONYMOUS_SOURCE,
                               CD_SEV_DEFAULT, q->start, q->end,
                               "Quotation attributed only to an unnamed "
                               "source: '%s'", ev);
            if (f && cd_finding_set_evidence(f, ev))
                c->oom = true;
        } else {
            continue;
        }
        if (!f)
            c->oom = true;
    }
}

/* ---- introductions and antecedents in other sentences ------------------ */

/* The speaker a sentence with a colon introduces ("X explained the smile
 * backstage:", "Castillo-Ybarra had a blunt message for owners: ..."): the
 * speaker of attributing words before the colon, or a name or pronoun
 * opening the sentence as the subject of a verb. Sentence sent of the
 * current paragraph. */
static bool colon_intro(ctx *c, size_t sent, attrib *at)
{
    const cd_sentence *se = &c->doc->sents[sent];
    sentinfo *si = &c->aux;
    tokenise(c, &si->tb, se->start, se->end);
    find_verbs(c, si);
    if (c->oom)
        return false;
    const tok *t = si->tb.t;
    size_t n = si->tb.n;
    size_t cpos = NONE_POS;
    for (size_t k = 0; k < n; k++) {
        if (t[k].type == T_QUOTE)
            return false; /* the colon introduced a quotation of its own */
        if (t[k].type == T_COLON && cpos == NONE_POS)
            cpos = k;
    }
    if (cpos == NONE_POS || cpos < 2)
        return false;
    memset(at, 0, sizeof *at);
    if (si->nv > 0 && si->v[0].k < cpos) {
        speaker_of(c, &si->tb, &si->v[0], si->marker, at);
        if (at->sp_s == at->sp_e) {
            at->how = CD_ATTR_NONE;
            return false;
        }
    } else {
        /* A name (or he, she) opening the sentence, then a verb. */
        size_t b = 0;
        if (tok_has(&t[0], WC_PRON)) {
            if (!tok_eq(c, &t[0], "he") && !tok_eq(c, &t[0], "she"))
                return false;
            b = 1;
        } else {
            if (tok_has(&t[0], WC_DET) || tok_has(&t[0], WC_SMALL))
                return false;
            while (b < cpos && t[b].type == T_WORD && tok_upper(c, &t[b]) &&
                   b < 4)
                b++;
        }
        if (b == 0 || b + 1 >= cpos || t[b].type != T_WORD ||
            tok_upper(c, &t[b]))
            return false;
        at->how = unnamed(c, t, 0, b, si->marker) ? CD_ATTR_ANONYMOUS
                                                  : CD_ATTR_COLON;
        at->sp_s = t[0].s;
        at->sp_e = t[b - 1].e;
        at->w_s = t[cpos].s;
        at->w_e = t[cpos].e;
        at->ev_s = at->sp_s;
        at->ev_e = at->w_e;
    }
    if (at->how != CD_ATTR_ANONYMOUS)
        at->how = CD_ATTR_COLON;
    return true;
}

/* Does sentence sent of the current paragraph bring in an anonymous
 * source ("An official, who spoke on condition of anonymity, said...")?
 * 1 yes, 0 it attributes to someone else, -1 neither. */
static int anon_antecedent(ctx *c, size_t sent)
{
    const cd_sentence *se = &c->doc->sents[sent];
    sentinfo *si = &c->aux;
    tokenise(c, &si->tb, se->start, se->end);
    find_verbs(c, si);
    if (c->oom)
        return -1;
    if (si->marker) {
        if (si->nv == 0)
            return 1;
        attrib a;
        memset(&a, 0, sizeof a);
        speaker_of(c, &si->tb, &si->v[0], true, &a);
        return a.how == CD_ATTR_ANONYMOUS ? 1 : 0;
    }
    return si->nv > 0 ? 0 : -1;
}

/* Every cue find_verbs takes for an anonymous source (anonymity,
 * unnamed, not authorised, be identified...) contains one of these
 * stems. Each is found by a pair of letters uncommon in English, at
 * stem[at] and stem[at + 1]. */
static const struct anon_stem {
    const char *stem;
    size_t len, at;
} anon_stems[] = {
    {"anonym", 6, 4},     /* ym */
    {"named", 5, 1},      /* am */
    {"identified", 10, 5}, /* if */
    {"authori", 7, 0},    /* au */
};
/* Bit k set: the byte, in either case, is the first (pair_first) or the
 * second (pair_second) letter of anon_stems[k]'s pair. */
static const unsigned char pair_first[256] = {
    ['y'] = 1, ['Y'] = 1, ['a'] = 2 | 8, ['A'] = 2 | 8, ['i'] = 4, ['I'] = 4,
};
static const unsigned char pair_second[256] = {
    ['m'] = 1 | 2, ['M'] = 1 | 2, ['f'] = 4, ['F'] = 4, ['u'] = 8, ['U'] = 8,
};

/* Could the words p[s, e) call their source anonymous? Not without one
 * of the stems. Most paragraphs end in a sentence with none, and this
 * case-blind byte scan costs far less than tokenising it to find out. */
static bool may_mark_anonymous(const unsigned char *p, size_t s, size_t e)
{
    for (size_t i = s; i + 1 < e; i++) {
        unsigned pairs = pair_first[p[i]] & pair_second[p[i + 1]];
        for (size_t k = 0; pairs; k++, pairs >>= 1) {
            const struct anon_stem *st = &anon_stems[k];
            if (!(pairs & 1) || i - s < st->at ||
                e - (i - st->at) < st->len)
                continue;
            /* | 0x20 folds an ASCII capital to its small letter and never
               turns any other byte into a letter. */
            const unsigned char *w = p + i - st->at;
            size_t j = 0;
            while (j < st->len && (w[j] | 0x20) == (unsigned char)st->stem[j])
                j++;
            if (j == st->len)
                return true;
        }
    }
    return false;
}

/* may_mark_anonymous for the words tokenise would find in p[s, e) of the
 * current paragraph: quotations are one token each and none of their
 * words can be a cue, so only the text between them is read. */
static bool words_may_mark_anonymous(const ctx *c, size_t s, size_t e)
{
    size_t from = s;
    for (size_t q = span_after(c, s);
         q < c->n_spans && c->spans[q].open < e; q++) {
        if (c->spans[q].open > from &&
            may_mark_anonymous(c->p, from, c->spans[q].open))
            return true;
        if (c->spans[q].end > from)
            from = c->spans[q].end;
    }
    return from < e && may_mark_anonymous(c->p, from, e);
}

/* A speaker phrase that points back at someone already introduced: "he",
 * "she", or "the" and one or two lower-case words ("the official"). */
static bool back_reference(const ctx *c, size_t s, size_t e)
{
    char w[MAX_WORD];
    uint32_t h;
    size_t words = 0;
    bool first_def = false;
    for (size_t i = s; i < e;) {
        while (i < e && is_space(c->p[i]))
            i++;
        if (i >= e)
            break;
        size_t ws = i;
        while (i < e && !is_space(c->p[i]))
            i++;
        if (!fold_word(c->p, ws, i, w, NULL, &h))
            return false;
        words++;
        if (words == 1) {
            if (strcmp(w, "he") == 0 || strcmp(w, "she") == 0)
                first_def = false;
            else if (strcmp(w, "the") == 0)
                first_def = true;
            else
                return false;
        } else if (!first_def || is_upper_ascii(c->p[ws]) ||
                   (wclass(c, w, i - ws, h) & WC_PRON)) {
            return false;
        }
    }
    return first_def ? words >= 2 && words <= 3 : words == 1;
}

/* ---- the paragraph loop ------------------------------------------------- */

static void paragraph(ctx *c, size_t k)
{
    const cd_doc *d = c->doc;
    const cd_para *pa = &d->paras[k];
    bool chain_in = c->chain;
    c->chain = false;
    bool colon_in = c->colon_next;
    c->colon_next = false;
    bool anon_in = c->anon_tail;
    c->anon_tail = false;
    pair_marks(c, k);
    c->reg_a = c->reg_b = NONE_POS;
    size_t s0 = pa->sent_first, s1 = pa->sent_first + pa->sent_count;
    if (s1 <= s0 || s1 > d->n_sents)
        return;
    c->scan_next = s0;
    memset(&c->earlier, 0, sizeof c->earlier);
    size_t si = s0;
    size_t last_sent = NONE_POS;
    attrib last_attr;
    memset(&last_attr, 0, sizeof last_attr);
    size_t anon_next = s0;
    bool anon_state = false;

    for (size_t j = 0; j < c->n_spans && !c->oom; j++) {
        const qspan *q = &c->spans[j];
        while (si + 1 < s1 && d->sents[si + 1].start <= q->open)
            si++;
        size_t sa = si, sb = si;
        while (sb + 1 < s1 && d->sents[sb + 1].start < q->end)
            sb++;

        attrib at;
        attribute(c, j, sa, sb, &at);
        if (at.how == CD_ATTR_NONE && sa > s0)
            attribute_earlier(c, sa, &at);
        if (at.how == CD_ATTR_NONE && last_sent != NONE_POS)
            copy_attr(&at, &last_attr, CD_ATTR_PREVIOUS_SENTENCE);
        /* A colon ending the sentence before ("X had a message: ..."),
           or the paragraph before when this one opens with the quote. */
        if (at.how == CD_ATTR_NONE && sa > s0) {
            attrib ci;
            if (colon_intro(c, sa - 1, &ci))
                at = ci;
        }
        if (at.how == CD_ATTR_NONE && j == 0 && sa == s0 && colon_in &&
            !chain_in && para_opens_with_mark(c, k))
            at = c->colon_attr;
        /* "he said", "the official said" after a sentence that brought
           in a source who would not be named. */
        if (at.how != CD_ATTR_NONE && at.how != CD_ATTR_ANONYMOUS &&
            back_reference(c, at.sp_s, at.sp_e)) {
            bool anon = false;
            if (sa == s0) {
                anon = anon_in;
            } else {
                /* Each sentence is read once per paragraph. */
                for (; anon_next < sa && !c->oom; anon_next++) {
                    int r = anon_antecedent(c, anon_next);
                    if (r >= 0)
                        anon_state = r == 1;
                }
                anon = anon_state;
            }
            if (anon)
                at.how = CD_ATTR_ANONYMOUS;
        }

        /* The first quotation of a paragraph that continues a
           multi-paragraph quote shares its attribution, whichever
           paragraph carries it. */
        bool continuing = j == 0 && chain_in;
        if (continuing) {
            if (at.how == CD_ATTR_NONE && c->chain_attr.how != CD_ATTR_NONE) {
                copy_attr(&at, &c->chain_attr, CD_ATTR_CONTINUATION);
            } else if (at.how != CD_ATTR_NONE &&
                       c->chain_attr.how == CD_ATTR_NONE) {
                copy_attr(&c->chain_attr, &at, at.how);
                for (size_t i = c->chain_first; i < c->n_quotes; i++) {
                    cd_quote *o = &c->quotes[i];
                    o->how = at.how == CD_ATTR_ANONYMOUS ? CD_ATTR_ANONYMOUS
                                                         : CD_ATTR_CONTINUATION;
                    o->speaker_start = at.sp_s;
                    o->speaker_end = at.sp_e;
                    o->words_start = at.w_s;
                    o->words_end = at.w_e;
                    c->meta[i].ev_s = at.ev_s;
                    c->meta[i].ev_e = at.ev_e;
                    c->meta[i].recorded = true;
                }
            }
        }

        size_t words = count_words(c->p, c->n, q->in_s, q->in_e);
        bool term = !continuing &&
                    (term_cue_before(c, pa->start, q->open) ||
                     (words <= MIN_QUOTE_WORDS && nickname(c, pa->start,
                                                           pa->end, q)) ||
                     title_case(c, q->in_s, q->in_e));
        bool eligible = !term && words >= MIN_QUOTE_WORDS &&
                        !fragment(c, q);
        size_t idx = c->n_quotes;
        record(c, q, &at, eligible,
               !term && (eligible || at.how != CD_ATTR_NONE));

        if (at.how != CD_ATTR_NONE) {
            last_sent = sb;
            last_attr = at;
        }
        if (j + 1 == c->n_spans && q->continues) {
            if (!continuing) {
                c->chain_first = idx;
                c->chain_attr = at;
            }
            c->chain = true;
        }
    }
    if (c->oom)
        return;
    /* What this paragraph hands to the next: a closing colon that
       introduces a speaker, and an anonymous source just brought in. */
    size_t pe = trim_end(c->p, pa->start, pa->end);
    if (pe > pa->start && c->p[pe - 1] == ':' && !c->chain) {
        attrib ci;
        if (colon_intro(c, s1 - 1, &ci)) {
            c->colon_next = true;
            c->colon_attr = ci;
        }
    }
    const cd_sentence *tail = &d->sents[s1 - 1];
    c->anon_tail = words_may_mark_anonymous(c, tail->start, tail->end) &&
                   anon_antecedent(c, s1 - 1) == 1;
}

void cd_rule_quotes(const cd_doc *doc, const cd_options *opts, cd_result *out)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.opts = opts;
    c.out = out;
    c.p = (const unsigned char *)doc->prose;
    c.n = doc->len;
    if (!load_words(&c))
        return;

    for (size_t k = 0; k < doc->n_paras && !c.oom; k++) {
        if (cd_cancelled(opts))
            break;
        paragraph(&c, k);
    }
    if (!c.oom)
        report(&c);

    /* Hand the recognised quotations to the result. */
    size_t kept = 0;
    for (size_t i = 0; i < c.n_quotes; i++)
        if (c.meta[i].recorded)
            c.quotes[kept++] = c.quotes[i];
    if (kept && !out->quotes) {
        out->quotes = c.quotes;
        out->n_quotes = kept;
        c.quotes = NULL;
    }
    free(c.opt.slot);
    free(c.opt_words);
    free(c.quotes);
    free(c.meta);
    free(c.spans);
    free(c.reg.tb.t);
    free(c.reg.v);
    free(c.prev.tb.t);
    free(c.prev.v);
    free(c.aux.tb.t);
    free(c.aux.v);
}
