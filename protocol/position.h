/* Conversions between byte offsets in UTF-8 text and LSP positions
 * (line, character) in UTF-16 code units or UTF-8 bytes.
 * Lines end at "\n"; a "\r" before it belongs to the line ending (so a
 * character index never points between \r and \n). Invalid UTF-8 bytes
 * count as one code unit each in both encodings, so positions stay
 * consistent on text that was not sanitized. */
#ifndef COPYDESK_POSITION_H
#define COPYDESK_POSITION_H

#include <stddef.h>
#include <stdint.h>

typedef enum cd_encoding {
    CD_ENC_UTF16 = 0,
    CD_ENC_UTF8 = 1
} cd_encoding;

typedef struct cd_position {
    uint32_t line;
    uint32_t character;
} cd_position;

/* Line index: byte offset where each line starts. _new/_free; the index
 * borrows nothing (text may be freed afterwards, but it must be the same
 * text passed to the query functions). */
typedef struct cd_line_index {
    size_t *starts; /* starts[0] = 0; n_lines entries */
    size_t n_lines;
    size_t text_len;
} cd_line_index;

cd_line_index *cd_line_index_new(const char *text, size_t len);
void cd_line_index_free(cd_line_index *ix);
/* The index of a text made from old's by replacing bytes [a, b) with
 * repl (repl_len bytes; b >= a): old's line starts are kept or shifted,
 * only repl is scanned. Returns a new index, or NULL on OOM. */
cd_line_index *cd_line_index_splice(const cd_line_index *old, size_t a, size_t b,
                                    const char *repl, size_t repl_len);

/* Byte offset -> position. Offsets past the end clamp to the end; an
 * offset inside a multi-byte character counts up to that character's
 * start. */
cd_position cd_position_from_offset(const cd_line_index *ix, const char *text,
                                    size_t offset, cd_encoding enc);

/* Converts a run of offsets, each one counted on from where the last one
 * stopped when it is on the same line and not before it: a document's
 * findings, in order, cost one walk over their lines instead of one walk
 * from the line start per range. Any order gives the same positions as
 * cd_position_from_offset. Borrows ix and text. */
typedef struct cd_position_cursor {
    const cd_line_index *ix;
    const char *text;
    cd_encoding enc;
    size_t line;   /* line of off */
    size_t off;    /* a character boundary in that line reached by walking */
    size_t units;  /* code units from the line start to off */
} cd_position_cursor;

void cd_position_cursor_init(cd_position_cursor *c, const cd_line_index *ix,
                             const char *text, cd_encoding enc);
cd_position cd_position_cursor_at(cd_position_cursor *c, size_t offset);

/* Position -> byte offset. A line past the end clamps to the end of the
 * text; a character past the end of its line clamps to the line's end
 * (before "\r\n"); a character inside a surrogate pair maps to the start
 * of that character. */
size_t cd_position_to_offset(const cd_line_index *ix, const char *text,
                             cd_position pos, cd_encoding enc);

/* Counts code units of text[0..len) in enc (used for column numbers). */
size_t cd_units_count(const char *text, size_t len, cd_encoding enc);
/* Unicode scalar values (characters) in text[0..len): 1-based columns of
 * --format text. Invalid bytes count one each. */
size_t cd_chars_count(const char *text, size_t len);

#endif
