/* --format github: GitHub Actions workflow commands, one per finding:
 * ::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message */
#include "server/cli/cli.h"

/* Escapes per the workflow command syntax: data escapes % CR LF; property
 * values also escape ':' and ','. */
static void escaped(FILE *to, const char *s, bool property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': fputs("%25", to); break;
        case '\r': fputs("%0D", to); break;
        case '\n': fputs("%0A", to); break;
        case ':': fputs(property ? "%3A" : ":", to); break;
        case ',': fputs(property ? "%2C" : ",", to); break;
        default: fputc(*s, to);
        }
    }
}

void cd_format_github(FILE *to, const cd_checked *c)
{
    for (size_t i = 0; i < c->result->count; i++) {
        const cd_finding *f = &c->result->items[i];
        cd_position a = cd_position_from_offset(c->ix, c->text, f->start, CD_ENC_UTF8);
        cd_position b = cd_position_from_offset(c->ix, c->text, f->end, CD_ENC_UTF8);
        /* Columns in characters, 1-based, as GitHub shows them. */
        size_t ca = cd_chars_count(c->text + c->ix->starts[a.line], a.character) + 1;
        size_t cb = cd_chars_count(c->text + c->ix->starts[b.line], b.character) + 1;
        const char *cmd = f->severity == CD_SEV_ERROR     ? "error"
                          : f->severity == CD_SEV_WARNING ? "warning"
                                                          : "notice";
        fprintf(to, "::%s file=", cmd);
        escaped(to, c->path, true);
        fprintf(to, ",line=%u,col=%zu,endLine=%u,endColumn=%zu,title=", a.line + 1, ca,
                b.line + 1, cb);
        escaped(to, "copydesk ", true);
        escaped(to, cd_code_name(f->code), true);
        fputs("::", to);
        escaped(to, f->message, false);
        fprintf(to, " [%s]\n", cd_code_name(f->code));
    }
}
