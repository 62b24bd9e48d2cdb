/* ini: the line scanner shared by settings and templates (private to config/).
 * It walks the raw text the way iniparser 4.1 does, remembers the line of
 * every section and key, reports what iniparser accepts silently (duplicate
 * sections and keys, invalid UTF-8, keys outside a section) and explains the
 * lines iniparser rejects. It reads every value as iniparser 4.1 would, in
 * the same pass: iniparser's own load compared each new key with every key
 * before it (quadratic in a template's ~700 keys, the first frame's largest
 * cost); test_template compares the values with iniparser's. */
#ifndef SC_INI_H
#define SC_INI_H

#include <stddef.h>

#include "config/template.h"

struct ini_key {
	char name[64];
	int line;
	char *written;            /* the value as written after '=' (owned) */
	char *value;              /* as iniparser reads it (owned), NULL: none */
};

struct ini_sec {
	char name[128];           /* lower-cased, as iniparser keeps it */
	int line;
	struct ini_key *keys;     /* owned */
	int nkeys, cap;
};

struct ini_doc {
	const char *file;         /* name used in messages (not owned) */
	struct ini_sec *secs;     /* owned, in file order, duplicates dropped */
	int nsecs, cap;
	int read;                 /* 1: iniparser would read the file; 0: it refuses it */
	int *by_name;             /* secs indices in name order, once scanned (owned) */
};

/* Scan text (len bytes) and read its values. Every problem goes to rep.
 * Returns 0 when iniparser would read the file (doc->read), -1 when not.
 * Free with ini_free. */
int ini_parse(struct ini_doc *doc, const char *text, size_t len, const char *file,
	      struct cfg_report *rep);
void ini_free(struct ini_doc *doc);

/* The section with this (lower-case) name, or NULL. */
const struct ini_sec *ini_section(const struct ini_doc *doc, const char *name);

/* Value of sec:key from iniparser, or NULL when absent. *line gets the key's
 * line, or the section's line when the key is absent (line may be NULL). */
const char *ini_get(const struct ini_doc *doc, const char *sec, const char *key, int *line);

/* The value of sec:key as written in the file (quotes and any comment
 * included), or NULL when absent. */
const char *ini_written(const struct ini_doc *doc, const char *sec, const char *key);

/* Does an unquoted written value hold a comment (' #' or ' ;') that
 * iniparser cuts off? */
int ini_has_comment(const char *written);

/* Strict parsers for values; 0 ok, -1 not of that form. */
int ini_int(const char *v, int *out);
/* A decimal number written plainly with at most two decimals ("12",
 * "2.5", "12.25"; no sign, exponent, nan or inf), as whole hundredths. */
int ini_hundredths(const char *v, long *out);
int ini_bool(const char *v, int *out);   /* yes|no|true|false|1|0|on|off */

#endif
