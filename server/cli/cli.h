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
    CD_FORMAT_JSON
} cd_format;

/* Output formats (cli/output.c). begin/end bracket a run; file is called
 * once per checked file in output order. */
typedef struct cd_output {
    cd_format format;
    bool color;
    FILE *out;
    size_t files;            /* files written so far */
} cd_output;

void cd_output_begin(cd_output *o);
void cd_output_file(cd_output *o, const cd_checked *c);
void cd_output_end(cd_output *o);

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
