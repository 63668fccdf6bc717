/* --format text: compiler style, for people. */
#include "server/cli/cli.h"

static const char *sev_color(cd_severity s)
{
    switch (s) {
    case CD_SEV_ERROR: return "\033[1;31m";
    case CD_SEV_WARNING: return "\033[1;33m";
    case CD_SEV_INFORMATION: return "\033[1;36m";
    default: return "\033[1;34m";
    }
}

/* path:line:col: severity: message [code], the source line, a caret. */
static void finding(FILE *to, const cd_checked *c, const cd_finding *f, bool color)
{
    cd_position p = cd_position_from_offset(c->ix, c->text, f->start, CD_ENC_UTF8);
    size_t line_start = c->ix->starts[p.line];
    size_t line_end = line_start;
    while (line_end < c->len && c->text[line_end] != '\n')
        line_end++;
    if (line_end > line_start && c->text[line_end - 1] == '\r')
        line_end--;
    size_t col = cd_chars_count(c->text + line_start, f->start - line_start) + 1;
    const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
    fprintf(to, "%s%s:%u:%zu:%s %s%s:%s %s [%s]\n", bold, c->path, p.line + 1, col, reset,
            color ? sev_color(f->severity) : "", cd_severity_name(f->severity), reset,
            f->message ? f->message : "", cd_code_name(f->code));
    /* Tabs are kept so the caret lines up in a terminal. */
    fprintf(to, "  %.*s\n  ", (int)(line_end - line_start), c->text + line_start);
    for (size_t i = line_start; i < f->start; i++) {
        unsigned char ch = (unsigned char)c->text[i];
        if (ch == '\t')
            fputc('\t', to);
        else if ((ch & 0xC0) != 0x80)
            fputc(' ', to);
    }
    size_t end = f->end < line_end ? f->end : line_end;
    fputs(color ? "\033[1;32m^" : "^", to);
    size_t width = end > f->start ? cd_chars_count(c->text + f->start, end - f->start) : 1;
    for (size_t i = 1; i < width; i++)
        fputc('~', to);
    fprintf(to, "%s\n", reset);
}

void cd_format_text(FILE *to, const cd_checked *c, bool color)
{
    for (size_t i = 0; i < c->result->count; i++)
        finding(to, c, &c->result->items[i], color);
}
