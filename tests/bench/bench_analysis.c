/* Prints analysis speed for generated documents of 1,000, 10,000 and
 * 100,000 words built from the example articles (argv[1..]): median and
 * p99 per document over repeated runs, words per second, and the
 * 100k/10k ratio (linear growth gives ~10). Prints figures; never fails
 * on time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "copydesk/analysis.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Body text of the examples (front matter dropped), concatenated. */
static char *load_corpus(int argc, char **argv, size_t *len, size_t *words)
{
    size_t cap = 1 << 16, n = 0, w = 0;
    char *buf = malloc(cap);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f)
            continue;
        char line[8192];
        int fences = strstr(argv[i], ".md") ? 0 : 2;
        while (fgets(line, sizeof line, f)) {
            if (fences < 2) {
                if (strncmp(line, "---", 3) == 0)
                    fences++;
                continue;
            }
            size_t ln = strlen(line);
            if (n + ln + 2 > cap)
                buf = realloc(buf, cap *= 2);
            memcpy(buf + n, line, ln);
            n += ln;
            for (size_t k = 0; k < ln; k++)
                w += line[k] == ' ' || line[k] == '\n';
        }
        if (n && buf[n - 1] != '\n')
            buf[n++] = '\n';
        buf[n++] = '\n';
        fclose(f);
    }
    buf[n] = '\0';
    *len = n;
    *words = w;
    return buf;
}

/* Peak RSS (KiB) of `copydesk check --format json FILE`, measured from
 * this small process so the figure is copydesk's own (a child forked
 * from a big interpreter would carry the interpreter's pages). */
static long check_peak_rss(const char *exe, const char *path)
{
    fflush(stdout); /* or the child's exit would print our buffer again */
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        execl(exe, exe, "check", "--format", "json", "--date", "2016-03-23", path, (char *)NULL);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
        return -1;
    return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
    /* --check EXE: also measure the peak RSS of copydesk check. */
    const char *exe = NULL;
    if (argc > 2 && strcmp(argv[1], "--check") == 0) {
        exe = argv[2];
        argv += 2;
        argc -= 2;
    }
    size_t clen, cwords;
    char *corpus = load_corpus(argc, argv, &clen, &cwords);
    if (cwords == 0) {
        fprintf(stderr, "usage: bench_analysis ARTICLE...\n");
        return 2;
    }
    const size_t sizes[] = {1000, 5000, 10000, 100000};
    double medians[4] = {0};
    printf("%-8s %10s %10s %10s %14s\n", "words", "bytes", "median_ms", "p99_ms", "words_per_s");
    for (int s = 0; s < 4; s++) {
        size_t want = sizes[s], reps = want / cwords + 1;
        char *doc = malloc(reps * clen + 1);
        size_t len = 0;
        for (size_t r = 0; r < reps; r++) {
            memcpy(doc + len, corpus, clen);
            len += clen;
        }
        /* Trim to about the wanted number of words, at a paragraph end. */
        size_t w = 0, cut = len;
        for (size_t i = 0; i < len; i++) {
            w += doc[i] == ' ' || doc[i] == '\n';
            if (w >= want && doc[i] == '\n') {
                cut = i + 1;
                break;
            }
        }
        doc[cut] = '\0';
        int runs = want >= 100000 ? 30 : want >= 10000 ? 100 : 300;
        double *t = malloc(sizeof *t * (size_t)runs);
        cd_options o;
        cd_options_init(&o);
        o.markdown = true;
        cd_date_parse_iso("2016-03-23", 10, &o.pub_date);
        o.pub_source = CD_PUB_ARGUMENT;
        size_t findings = 0;
        for (int r = 0; r < runs; r++) {
            double t0 = now_ms();
            cd_result *res = cd_analyze(doc, cut, &o);
            t[r] = now_ms() - t0;
            findings = res->count;
            cd_result_free(res);
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_d);
        size_t k99 = (size_t)(runs * 0.99);
        double med = t[runs / 2], p99 = t[k99 < (size_t)runs ? k99 : (size_t)runs - 1];
        medians[s] = med;
        printf("%-8zu %10zu %10.3f %10.3f %14.0f   (%zu findings, %d runs, CPU time)\n", want, cut,
               med, p99, want / (med / 1e3), findings, runs);
        if (exe) {
            char tmp[] = "/tmp/copydesk-bench-XXXXXX.md";
            int fd = mkstemps(tmp, 3);
            if (fd >= 0 && write(fd, doc, cut) == (ssize_t)cut) {
                long kb = check_peak_rss(exe, tmp);
                printf("         copydesk check peak RSS on %zu words: %.1f MiB\n", want, kb / 1024.0);
            }
            if (fd >= 0) {
                close(fd);
                unlink(tmp);
            }
        }
        free(t);
        free(doc);
    }
    printf("ratio 100k/10k: %.1f (linear = 10)\n", medians[3] / medians[2]);
    free(corpus);
    return 0;
}
