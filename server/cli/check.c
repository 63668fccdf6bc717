/* `copydesk check [OPTIONS] PATH...` */
#include "server/cli/cli.h"

#include <errno.h>
#include <pthread.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/cli/runner.h"
#include "server/config.h"

static const char usage[] =
    "usage: copydesk check [OPTIONS] PATH...\n"
    "\n"
    "Lints news drafts: folders are walked for *.md, *.markdown and *.txt;\n"
    "'-' reads standard input.\n"
    "\n"
    "options:\n"
    "  --date YYYY-MM-DD   publication date (overrides the document's own)\n"
    "  --format FORMAT     text (default), json, sarif or github\n"
    "  --config FILE       copydesk.json to use (default: the nearest one in\n"
    "                      each file's folder or a parent folder)\n"
    "  --fail-on LEVEL     error|warning|information|hint (default warning):\n"
    "                      exit 1 when a finding is at or above LEVEL\n"
    "  --jobs N            files analysed in parallel (default: every core);\n"
    "                      the output is the same whatever N is\n"
    "  --files-from FILE   read paths one per line ('-' for stdin)\n"
    "  --no-color          plain text output even on a terminal\n"
    "  -h, --help          this help\n"
    "\n"
    "exit status: 0 nothing at or above --fail-on; 1 findings at or above it;\n"
    "2 usage error, unreadable file or invalid config.\n";

typedef struct check_args {
    cd_options opts;
    cd_output out;
    cd_severity fail_on;
    cd_paths paths;
} check_args;

/* Reads a whole stream into a malloc'd buffer. Returns NULL on error. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            break;
        }
    }
    *len = n;
    return buf;
}

static int read_input(const char *path, char **text, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return -1;
    char *raw = slurp(f, len);
    int err = errno;
    if (f != stdin)
        fclose(f);
    if (!raw) {
        errno = err ? err : EIO;
        return -1;
    }
    *text = cd_utf8_sanitize(raw, *len, len);
    free(raw);
    if (!*text) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* The config for path (--config, or the nearest copydesk.json), loaded
 * once per run. A bad one is described once, in *err_out (malloc'd), by
 * the file that loaded it. Callers hold the cache's lock. */
static const cd_config *config_for(cd_config_cache *cc, const char *explicit_path,
                                   const char *file, char **err_out)
{
    bool loaded_now;
    const cd_config *cfg = explicit_path ? cd_config_cache_get(cc, explicit_path, &loaded_now)
                                         : cd_config_cache_for_file(cc, file, &loaded_now);
    if (cfg && loaded_now && !cfg->valid &&
        asprintf(err_out, "copydesk: %s:%d:%d: invalid config: %s (the defaults apply)\n",
                 cfg->path, cfg->line, cfg->column, cfg->msg) < 0)
        *err_out = NULL;
    return cfg;
}

static int files_from(cd_paths *p, const char *list)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (!f) {
        fprintf(stderr, "copydesk: --files-from %s: %s\n", list, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            cd_paths_collect(p, line);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return 0;
}

/* Shared by the workers: the arguments, and the config cache behind a lock. */
typedef struct check_ctx {
    check_args *a;
    const char *config;      /* --config, or NULL to search per file */
    cd_config_cache configs;
    pthread_mutex_t lock;
    bool failed, error;      /* written by emit_one only (one thread) */
} check_ctx;

/* One file, on a worker thread: read, analyse, render into a buffer. */
static void check_one(size_t i, cd_run_item *item, void *vctx)
{
    check_ctx *cx = vctx;
    check_args *a = cx->a;
    const char *path = a->paths.items[i];
    char *text;
    size_t len;
    if (read_input(path, &text, &len) != 0) {
        if (asprintf(&item->err, "copydesk: %s: cannot read: %s\n", path, strerror(errno)) < 0)
            item->err = NULL;
        item->error = true;
        return;
    }
    cd_options o = a->opts;
    pthread_mutex_lock(&cx->lock);
    const cd_config *cfg = config_for(&cx->configs, cx->config, path, &item->err);
    pthread_mutex_unlock(&cx->lock);
    if (cfg) {
        /* cfg lives until the run ends: the cache only grows. */
        cd_settings_to_options(&cfg->settings, &o);
        o.pub_date = a->opts.pub_date; /* --date beats the file */
        o.pub_source = a->opts.pub_source;
        if (!cfg->valid)
            item->error = true;
    }
    o.markdown = strcmp(path, "-") == 0 ? strncmp(text, "---", 3) == 0 : cd_path_is_markdown(path);
    cd_result *r = cd_analyze(text, len, &o);
    cd_line_index *ix = cd_line_index_new(text, len);
    FILE *mem = r && ix ? open_memstream(&item->out, &item->out_len) : NULL;
    if (!mem) {
        free(item->err);
        if (asprintf(&item->err, "copydesk: %s: out of memory\n", path) < 0)
            item->err = NULL;
        item->error = true;
    } else {
        cd_checked c = {strcmp(path, "-") == 0 ? "<stdin>" : path, text, len, ix, r};
        cd_output_render(&a->out, mem, &c);
        fclose(mem);
        for (size_t k = 0; k < r->count; k++)
            if (r->items[k].severity <= a->fail_on)
                item->failed = true;
    }
    cd_line_index_free(ix);
    cd_result_free(r);
    free(text);
}

/* In input order, on the main thread. */
static void emit_one(size_t i, cd_run_item *item, void *vctx)
{
    (void)i;
    check_ctx *cx = vctx;
    if (item->err)
        fputs(item->err, stderr);
    if (item->out)
        cd_output_emit(&cx->a->out, item->out, item->out_len);
    cx->failed |= item->failed;
    cx->error |= item->error;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "copydesk check: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(try 'copydesk check --help')\n");
    return 2;
}

int cd_check_main(int argc, char **argv)
{
    check_args a;
    memset(&a, 0, sizeof a);
    cd_options_init(&a.opts);
    a.out.format = CD_FORMAT_TEXT;
    a.out.out = stdout;
    a.out.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    a.fail_on = CD_SEV_WARNING;
    const char *config = NULL;
    int status = 0;
    bool paths_given = false;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cores > 0 && cores < 1024 ? (int)cores : 1;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = NULL;
        /* --opt VALUE and --opt=VALUE */
        const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        char name[32] = "";
        if (eq && (size_t)(eq - arg) < sizeof name) {
            memcpy(name, arg, (size_t)(eq - arg));
            name[eq - arg] = '\0';
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
        bool takes = !strcmp(name, "--date") || !strcmp(name, "--format") ||
                     !strcmp(name, "--config") || !strcmp(name, "--fail-on") ||
                     !strcmp(name, "--jobs") || !strcmp(name, "--files-from");
        if (takes && !val) {
            if (i + 1 >= argc) {
                cd_paths_destroy(&a.paths);
                return usage_error("%s needs a value", name);
            }
            val = argv[++i];
        }
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            fputs(usage, stdout);
            cd_paths_destroy(&a.paths);
            return 0;
        } else if (!strcmp(name, "--date")) {
            if (cd_date_parse_iso(val, strlen(val), &a.opts.pub_date) != 0) {
                cd_paths_destroy(&a.paths);
                return usage_error("--date '%s' is not a calendar date YYYY-MM-DD", val);
            }
            a.opts.pub_source = CD_PUB_ARGUMENT;
        } else if (!strcmp(name, "--format")) {
            int f = cd_format_from_name(val);
            if (f < 0) {
                cd_paths_destroy(&a.paths);
                return usage_error("--format '%s': expected text, json, sarif or github", val);
            }
            a.out.format = (cd_format)f;
        } else if (!strcmp(name, "--config")) {
            config = val;
        } else if (!strcmp(name, "--fail-on")) {
            int s = cd_severity_from_name(val);
            if (s < CD_SEV_ERROR || s > CD_SEV_HINT) {
                cd_paths_destroy(&a.paths);
                return usage_error("--fail-on '%s': expected error, warning, information or hint", val);
            }
            a.fail_on = (cd_severity)s;
        } else if (!strcmp(name, "--jobs")) {
            char *end;
            long n = strtol(val, &end, 10);
            if (*end || n < 1 || n > 1024) {
                cd_paths_destroy(&a.paths);
                return usage_error("--jobs '%s': expected a number from 1 to 1024", val);
            }
            jobs = (int)n;
        } else if (!strcmp(name, "--files-from")) {
            paths_given = true;
            if (files_from(&a.paths, val) != 0)
                status = 2;
        } else if (!strcmp(name, "--no-color")) {
            a.out.color = false;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            cd_paths_destroy(&a.paths);
            return usage_error("unknown option '%s'", arg);
        } else {
            paths_given = true;
            if (cd_paths_collect(&a.paths, arg) != 0)
                status = 2;
        }
    }
    if (!paths_given) {
        cd_paths_destroy(&a.paths);
        return usage_error("%s", "no PATH given");
    }
    check_ctx cx = {&a, config, {0}, PTHREAD_MUTEX_INITIALIZER, false, false};
    cd_output_begin(&a.out);
    cd_run_ordered(a.paths.count, jobs, check_one, emit_one, &cx,
                   a.paths.count > 1 && isatty(STDERR_FILENO));
    if (cx.error)
        status = 2;
    int exit_status = status == 2 ? 2 : cx.failed ? 1 : 0;
    cd_output_end(&a.out, exit_status);
    cd_config_cache_clear(&cx.configs);
    pthread_mutex_destroy(&cx.lock);
    cd_paths_destroy(&a.paths);
    return exit_status;
}
