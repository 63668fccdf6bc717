#include "server/cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cd_paths_destroy(cd_paths *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

int cd_paths_add(cd_paths *p, const char *path)
{
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **n = realloc(p->items, cap * sizeof *n);
        if (!n)
            return -1;
        p->items = n;
        p->cap = cap;
    }
    if (!(p->items[p->count] = strdup(path)))
        return -1;
    p->count++;
    return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

bool cd_path_is_markdown(const char *path)
{
    return ends_with(path, ".md") || ends_with(path, ".markdown");
}

static bool is_draft(const char *name)
{
    return cd_path_is_markdown(name) || ends_with(name, ".txt");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(cd_paths *p, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "copydesk: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    cd_paths names = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            cd_paths_add(&names, e->d_name);
    closedir(d);
    qsort(names.items, names.count, sizeof *names.items, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < names.count; i++) {
        size_t n = strlen(dir) + strlen(names.items[i]) + 2;
        char *full = malloc(n);
        if (!full) {
            rc = -1;
            break;
        }
        snprintf(full, n, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", names.items[i]);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (walk(p, full) != 0)
                rc = -1;
        } else if (is_draft(names.items[i])) {
            cd_paths_add(p, full);
        }
        free(full);
    }
    cd_paths_destroy(&names);
    return rc;
}

int cd_paths_collect(cd_paths *p, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk(p, path);
    /* A named file is checked whatever its extension; whether it can be
       read is found out when it is read. */
    return cd_paths_add(p, path);
}
