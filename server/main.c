/* One binary, two front doors: the language server and the linter. */
#include <stdio.h>
#include <string.h>

#include "cd_version.h"
#include "server/cli/cli.h"
#include "server/server.h"

static const char help[] =
    "copydesk " CD_VERSION " - a copy editor for news drafts, in your editor and in CI\n"
    "\n"
    "usage:\n"
    "  copydesk lsp                 language server on stdin/stdout (also --stdio)\n"
    "  copydesk check [OPTIONS] PATH...\n"
    "                               lint drafts (copydesk check --help)\n"
    "  copydesk explain CODE        what a rule flags, why, and how to silence it\n"
    "  copydesk --version           print the version\n"
    "  copydesk --help              this help\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(help, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "lsp") || !strcmp(cmd, "--stdio")) {
        for (int i = 2; i < argc; i++)
            if (strcmp(argv[i], "--stdio") != 0) {
                fprintf(stderr, "copydesk lsp: unknown argument '%s'\n", argv[i]);
                return 2;
            }
        return cd_lsp_main();
    }
    if (!strcmp(cmd, "check"))
        return cd_check_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain"))
        return cd_explain_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("copydesk %s\n", CD_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(help, stdout);
        return 0;
    }
    fprintf(stderr, "copydesk: unknown command '%s'\n\n%s", cmd, help);
    return 2;
}
