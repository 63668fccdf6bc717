/* The command-line front door: `copydesk check` and friends. */
#ifndef COPYDESK_CLI_H
#define COPYDESK_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "copydesk/analysis.h"
#include "protocol/position.h"

/* One analysed file, handed to an output format. Borrowed pointers. */
typedef struct cd_checked {
    const char *path;        /* as given / found ("-" shown as "<stdin>") */
    const char *text;        /* sanitized UTF-8 */
    size_t len;
    const cd_line_index *ix;
    const cd_result *result;
} cd_checked;

typedef enum cd_format {
    CD_FORMAT_TEXT,
    CD_FORMAT_JSON,
    CD_FORMAT_SARIF,
    CD_FORMAT_GITHUB
} cd_format;

/* Output (cli/output.c). Rendering one file is pure and thread-safe (it
 * only reads o); emitting writes the rendered pieces in order with the
 * format's separators, then end closes the document. */
typedef struct cd_output {
    cd_format format;
    bool color;
    FILE *out;
    size_t emitted;          /* non-empty pieces written so far */
} cd_output;

void cd_output_begin(cd_output *o);
/* Renders c as one piece of the format into to. */
void cd_output_render(const cd_output *o, FILE *to, const cd_checked *c);
void cd_output_emit(cd_output *o, const char *piece, size_t len);
/* exit_status goes into SARIF's invocations. */
void cd_output_end(cd_output *o, int exit_status);
/* Parses "text" | "json" | "sarif" | "github"; -1 when unknown. */
int cd_format_from_name(const char *name);

/* The formats (cli/format_*.c), called by cd_output_render. */
void cd_format_text(FILE *to, const cd_checked *c, bool color);
void cd_format_json(FILE *to, const cd_checked *c);
void cd_format_sarif_results(FILE *to, const cd_checked *c);
void cd_format_sarif_begin(FILE *to);
void cd_format_sarif_end(FILE *to, int exit_status);
void cd_format_github(FILE *to, const cd_checked *c);

/* file:// URI (or "untitled:stdin") for a path as given. Caller frees. */
char *cd_cli_path_uri(const char *path);

/* A growable list of paths (cli/walk.c). Owns its strings. */
typedef struct cd_paths {
    char **items;
    size_t count, cap;
} cd_paths;

void cd_paths_destroy(cd_paths *p);
int cd_paths_add(cd_paths *p, const char *path);
/* Adds path: a file as is; a folder walked recursively for *.md,
 * *.markdown and *.txt in sorted order (hidden entries skipped). Returns
 * 0, or -1 with a message on stderr when path cannot be read. */
int cd_paths_collect(cd_paths *p, const char *path);
/* true for *.md and *.markdown */
bool cd_path_is_markdown(const char *path);

int cd_check_main(int argc, char **argv);
/* `copydesk explain CODE` (cli/explain.c); argv[0] is "explain". */
int cd_explain_main(int argc, char **argv);

#endif
