#include "protocol/uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes path percent-encoded to w (room for 3 bytes per byte and a
   NUL). */
static void encode_path(char *w, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            *w++ = (char)*p;
        else
            w += sprintf(w, "%%%02X", *p);
    }
    *w = '\0';
}

char *cd_uri_encode_path(const char *path)
{
    char *out = malloc(strlen(path) * 3 + 1);
    if (out)
        encode_path(out, path);
    return out;
}

char *cd_uri_from_path(const char *path)
{
    char *uri = malloc(8 + strlen(path) * 3 + 1);
    if (uri)
        encode_path(uri + sprintf(uri, "file://"), path);
    return uri;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *cd_uri_to_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (*p != '/') { /* file://host/path: the host is ours */
        p = strchr(p, '/');
        if (!p)
            return NULL;
    }
    char *out = malloc(strlen(p) + 1), *w = out;
    if (!out)
        return NULL;
    for (; *p; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0 && (hi | lo)) {
            *w++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    return out;
}
