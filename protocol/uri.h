/* file:// URIs <-> paths, as LSP clients write them. */
#ifndef COPYDESK_URI_H
#define COPYDESK_URI_H

/* The path percent-encoded outside the unreserved set and "/": a
 * relative path becomes a relative URI reference. Caller frees; NULL on
 * OOM. */
char *cd_uri_encode_path(const char *path);
/* "file://" + the absolute path, encoded as above. Caller frees; NULL on
 * OOM. */
char *cd_uri_from_path(const char *abs_path);
/* The percent-decoded path of a file:// URI (caller frees), or NULL for
 * another scheme. */
char *cd_uri_to_path(const char *uri);

#endif
