/* utf8: validation, display width and cutting of UTF-8 text by terminal
 * columns. The one place that measures text: CJK characters take two
 * columns, combining marks none; a double-width character is never split. */
#ifndef SC_UTF8_H
#define SC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s (at most n bytes). Returns its length in
 * bytes (1..4), or 0 at the end, or -1 for an invalid sequence (then
 * *cp = 0xFFFD and the caller should skip one byte). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Is s (n bytes) valid UTF-8? On failure *bad gets the byte offset. */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* The one test for what no reader should get raw: C0 controls but those in
 * keep (e.g. "\t\n"; NULL: none), DEL, C1 controls and U+FFFE/U+FFFF. */
int utf8_is_control(uint32_t cp, const char *keep);

/* Does s hold control characters (other than those in `allow`, e.g. "\n")
 * or bytes that are not UTF-8? */
int utf8_has_control(const char *s, const char *allow);

/* The one filter for text from data on its way to a reader (a terminal, a
 * report): C0 controls but those in keep (e.g. "\t\n"), DEL, C1 controls
 * (U+0080-U+009F), U+FFFE/U+FFFF and bytes that are not UTF-8 become U+FFFD,
 * so nothing in a record can move a cursor, retitle a window or hide text.
 * Copies into out (size outsz), cut at a character boundary; returns out. */
char *utf8_clean(const char *s, const char *keep, char *out, size_t outsz);
/* The same, malloc'd (caller frees); NULL when out of memory. */
char *utf8_clean_dup(const char *s, const char *keep);

/* Display columns of one code point: 0, 1 or 2 (never negative). */
int utf8_cp_width(uint32_t cp);

/* Display columns of a NUL-terminated string as utf8_fit shows it (a
 * replaced byte or control, a tab or newline count 1). */
int utf8_width(const char *s);

/* Copy into out (size outsz) the longest prefix of s that fits in `cols`
 * columns, through utf8_clean's filter (tab and newline shown as a space).
 * With ellipsis set and s too wide, the prefix ends in "~" (one column,
 * unambiguous). Returns the columns used. */
int utf8_fit(const char *s, int cols, int ellipsis, char *out, size_t outsz);

/* Byte length of the prefix of s that fits in cols columns. */
size_t utf8_prefix_bytes(const char *s, int cols);

/* Append code point cp to the string in buf (size sz); -1 (nothing
 * added) when it does not fit. */
int utf8_put(char *buf, size_t sz, uint32_t cp);

/* Characters (code points) in s: a limit people can count. */
size_t utf8_chars(const char *s);

/* Byte offset of the start of the code point before offset `at`. */
size_t utf8_prev(const char *s, size_t at);

/* Copy src into dst of size bytes, cut at a character boundary when it is
 * too long (never half a character); returns the bytes copied. */
size_t utf8_copy(char *dst, size_t size, const char *src);
#define UTF8_COPY(dst, src) utf8_copy((dst), sizeof(dst), (src))

#endif
