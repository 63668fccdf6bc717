/* The shared text model: built once per analysis run, read by every rule.
 * Internal to analysis/ (not a public header). */
#ifndef COPYDESK_TEXT_H
#define COPYDESK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cd_para {
    size_t start, end;          /* bytes of the paragraph's prose, half-open,
                                   trimmed of surrounding whitespace and of
                                   block markup ("# ", "> ", "- ") */
    size_t sent_first, sent_count; /* its sentences in cd_doc.sents */
    bool heading;               /* Markdown ATX/setext heading; in plain
                                   text a single line ending with no
                                   sentence punctuation (. ? ! : , ; … —)
                                   of under 12 words (under 30 for the
                                   first paragraph: a headline) */
} cd_para;

/* Sentences end at . ? ! … (plus closing quotes and brackets) before
 * whitespace and a capital, digit or opening mark; not after titles and
 * common abbreviations (Mr. Sen. Jan. No.), nor after initials, U.S. and
 * the like unless a typical sentence opener follows ("...the U.S. The"),
 * nor inside a quotation that closes later in the same paragraph. */
typedef struct cd_sentence {
    size_t start, end;          /* bytes, half-open, trimmed */
    size_t para;                /* index into cd_doc.paras */
} cd_sentence;

/* A byte range, half-open. */
typedef struct cd_span {
    size_t start, end;
} cd_span;

typedef struct cd_doc {
    const char *text;   /* borrowed: the analysed text */
    size_t len;
    /* Owned: a copy of text of the same length in which every byte that is
       not prose is replaced by a space ('\n' kept): front matter, fenced and
       indented code, inline code, HTML comments, link and image URLs
       (the "(...)" of [text](url) and bare <http...> autolinks), and
       Markdown emphasis/heading/list/blockquote markup characters. Offsets
       into prose are offsets into text. NUL-terminated (prose[len]). */
    char *prose;
    cd_para *paras;     /* owned, n_paras entries, in text order */
    size_t n_paras;
    cd_sentence *sents; /* owned, n_sents entries, in text order */
    size_t n_sents;
    size_t fm_start, fm_end; /* YAML front matter block including its
                                "---" fences; 0,0 when there is none */
    bool markdown;
    /* Owned, n_comments entries in text order: every HTML comment
       "<!-- ... -->" (marks included; an unterminated one runs to the end
       of the text) outside code, and in plain text each line of its own
       that starts with "#" or "//" followed by "copydesk-". Their bytes are
       blanked in prose; suppression reads them here. */
    cd_span *comments;
    size_t n_comments;
} cd_doc;

/* _init/_destroy: caller-owned struct. Returns 0, or -1 on OOM (then the
 * doc is destroyed already). text must outlive the doc. */
int cd_doc_init(cd_doc *doc, const char *text, size_t len, bool markdown);
void cd_doc_destroy(cd_doc *doc);

/* Index of the paragraph containing byte offset, or n_paras when none. */
size_t cd_doc_para_at(const cd_doc *doc, size_t offset);

/* Index of the sentence containing byte offset, or n_sents when none. */
size_t cd_doc_sent_at(const cd_doc *doc, size_t offset);

/* Front matter lookup: finds "key:" at the start of a line inside the
 * front matter and returns its trimmed value span (quotes stripped) in
 * *start and *end. Returns true when found. */
bool cd_doc_front_matter(const cd_doc *doc, const char *key,
                         size_t *start, size_t *end);

#endif
