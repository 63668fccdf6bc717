/* `copydesk explain CODE`: the rule's documentation, built into the binary. */
#include <stdio.h>
#include <string.h>

#include "copydesk/finding.h"
#include "server/cli/cli.h"

static void list_codes(FILE *out)
{
    fprintf(out, "codes:\n");
    for (int c = 0; c < CD_CODE_COUNT; c++)
        fprintf(out, "  %-24s %-12s %s\n", cd_code_name((cd_code)c),
                cd_severity_name(cd_code_default_severity((cd_code)c)),
                cd_code_summary((cd_code)c));
}

int cd_explain_main(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("usage: copydesk explain CODE\n\n");
        list_codes(stdout);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: copydesk explain CODE\n\n");
        list_codes(stderr);
        return 2;
    }
    int c = cd_code_from_name(argv[1]);
    const char *doc = c >= 0 ? cd_code_doc((cd_code)c) : NULL;
    if (!doc) {
        fprintf(stderr, "copydesk explain: unknown code '%s'\n\n", argv[1]);
        list_codes(stderr);
        return 2;
    }
    fputs(doc, stdout);
    return 0;
}
