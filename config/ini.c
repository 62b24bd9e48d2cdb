/* ini: the line scanner shared by settings and templates; it reads the
 * values as iniparser 4.1 does (ini.h). */
#include "ini.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

#define INI_LINE_MAX 1022 /* iniparser 4.1 refuses longer lines */

/* snprintf(dst, n, "%.*s", len, src) at a fraction of its cost: a
 * template makes over a thousand of these copies. */
static void copy_cut(char *dst, size_t n, const char *src, size_t len)
{
	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static struct ini_sec *sec_add(struct ini_doc *doc, const char *name, int line)
{
	if (doc->nsecs == doc->cap) {
		int cap = doc->cap ? doc->cap * 2 : 16;
		struct ini_sec *v = realloc(doc->secs, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		doc->secs = v;
		doc->cap = cap;
	}
	struct ini_sec *s = &doc->secs[doc->nsecs++];
	memset(s, 0, sizeof *s);
	copy_cut(s->name, sizeof s->name, name, strlen(name));
	s->line = line;
	return s;
}

static int key_add(struct ini_sec *s, const char *name, int line, const char *written)
{
	if (s->nkeys == s->cap) {
		int cap = s->cap ? s->cap * 2 : 8;
		struct ini_key *v = realloc(s->keys, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		s->keys = v;
		s->cap = cap;
	}
	struct ini_key *k = &s->keys[s->nkeys];
	copy_cut(k->name, sizeof k->name, name, strlen(name));
	k->line = line;
	k->value = NULL;
	if (!(k->written = strdup(written)))
		return -1;
	s->nkeys++;
	return 0;
}

/* The value iniparser 4.1 reads from a key's line, given what follows its
 * '=' (w, spaces stripped at both ends): its sscanf formats in turn, a
 * quoted value up to the next quote (kept as it is), an unquoted one up
 * to ';' or '#' (trimmed; "" or '' read as empty), nothing or a comment
 * as empty. */
static char *iniparser_value(const char *w)
{
	const char *v = w;
	size_t n;
	if ((*w == '"' || *w == '\'') && w[1] && w[1] != *w) {
		v = w + 1;
		n = strcspn(v, *w == '"' ? "\"" : "'");
	} else if (*w && *w != ';' && *w != '#') {
		n = strcspn(w, ";#");
		while (n > 0 && isspace((unsigned char)w[n - 1]))
			n--;
		if (n == 2 && (memcmp(w, "\"\"", 2) == 0 || memcmp(w, "''", 2) == 0))
			n = 0;
	} else {
		n = 0;
	}
	return strndup(v, n);
}

/* A template asks for hundreds of values: once the file is scanned its
 * sections are found by a binary search (a linear one while scanning). */
static const struct ini_doc *order_doc; /* for qsort's and bsearch's comparisons */

static int sec_order(const void *a, const void *b)
{
	return strcmp(order_doc->secs[*(const int *)a].name, order_doc->secs[*(const int *)b].name);
}

static int sec_find(const void *name, const void *b)
{
	return strcmp(name, order_doc->secs[*(const int *)b].name);
}

const struct ini_sec *ini_section(const struct ini_doc *doc, const char *name)
{
	if (doc->by_name) {
		order_doc = doc;
		const int *i = bsearch(name, doc->by_name, (size_t)doc->nsecs, sizeof *i, sec_find);
		return i ? &doc->secs[*i] : NULL;
	}
	for (int i = 0; i < doc->nsecs; i++)
		if (strcmp(doc->secs[i].name, name) == 0)
			return &doc->secs[i];
	return NULL;
}

static const struct ini_key *sec_key(const struct ini_sec *s, const char *name)
{
	for (int i = 0; i < s->nkeys; i++)
		if (strcmp(s->keys[i].name, name) == 0)
			return &s->keys[i];
	return NULL;
}

/* Strip spaces at both ends in place; returns the new start. */
static char *strip(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.-", *s))
			return 0;
	return 1;
}

/* Where the scan is: the section keys go to (NULL inside a bad or
 * duplicate one), the section iniparser puts values in (its name, and its
 * index in doc, -1 when doc has none by that name: iniparser merges a
 * repeated section), and whether iniparser would refuse the file. */
struct scan_at {
	struct ini_sec *cur;
	char ipname[INI_LINE_MAX + 1];
	int ip;
	int rejected;
};

/* A "[name]" line (l, n bytes) for the scan; returns the index of the
 * section named so in doc (new or repeated), -1 when none. */
static int scan_section(struct ini_doc *doc, const char *l, int no, struct scan_at *at,
			struct cfg_report *rep)
{
	const char *f = doc->file;
	char name[256];
	const char *end = strchr(l, ']');
	size_t k = (size_t)(end - l - 1);
	if (k >= sizeof name)
		k = sizeof name - 1;
	memcpy(name, l + 1, k);
	name[k] = '\0';
	char *nm = strip(name);
	lower(nm);
	at->cur = NULL;
	if (!name_ok(nm)) {
		cfg_report_add(rep, f, no, "invalid section name [%s] (letters, digits, '_', '.', '-')", nm);
		return -1;
	}
	const struct ini_sec *old = ini_section(doc, nm);
	if (old && strncmp(nm, "item.", 5) == 0) {
		for (char *c = nm + 5; *c; c++)
			*c = (char)toupper((unsigned char)*c);
		cfg_report_add(rep, f, no, "duplicate item id '%s' (first at line %d)", nm + 5, old->line);
		return (int)(old - doc->secs);
	}
	if (old) {
		cfg_report_add(rep, f, no, "duplicate section [%s] (first at line %d)", nm, old->line);
		return (int)(old - doc->secs);
	}
	at->cur = sec_add(doc, nm, no);
	return at->cur ? doc->nsecs - 1 : -1;
}

/* iniparser's section after a "[...]" line of n bytes: what its
 * "[%[^]]" reads, trimmed and in lower case; when that reads nothing
 * ("[]"), the section before cut to n - 1 bytes (by its strlwc). */
static void scan_ipsection(struct ini_doc *doc, const char *l, size_t n, int idx,
			   struct scan_at *at)
{
	size_t k = strcspn(l + 1, "]");
	if (k > 0) {
		char *v = at->ipname;
		copy_cut(v, sizeof at->ipname, l + 1, k);
		v = strip(v);
		lower(v);
		memmove(at->ipname, v, strlen(v) + 1);
	} else if (strlen(at->ipname) > n - 1) {
		at->ipname[n - 1] = '\0';
	}
	/* a name cut to fit in doc is not the one iniparser keeps */
	if (strlen(at->ipname) >= sizeof doc->secs->name)
		at->ip = -1;
	else if (idx >= 0 && strcmp(doc->secs[idx].name, at->ipname) == 0)
		at->ip = idx;
	else
		at->ip = ini_section(doc, at->ipname) ? (int)(ini_section(doc, at->ipname) - doc->secs) : -1;
}

/* One logical line (continuations joined), starting at line `no`. */
static void scan_line(struct ini_doc *doc, char *raw, int no, struct scan_at *at,
		      struct cfg_report *rep)
{
	char *l = strip(raw);
	const char *f = doc->file;

	if (!*l || *l == '#' || *l == ';')
		return;
	size_t n = strlen(l);
	if (*l == '[' && l[n - 1] == ']') {
		scan_ipsection(doc, l, n, scan_section(doc, l, no, at, rep), at);
		return;
	}
	char *eq = strchr(l, '=');
	if (!eq) {
		at->rejected = 1;
		if (*l == '[')
			cfg_report_add(rep, f, no, "section header must end with ']' and carry no comment (iniparser rejects this line)");
		else
			cfg_report_add(rep, f, no, "expected 'key = value', '[section]' or a comment (iniparser rejects this line)");
		return;
	}
	if (eq == l) {
		at->rejected = 1;
		cfg_report_add(rep, f, no, "no key before '=' (iniparser rejects this line)");
		return;
	}
	*eq = '\0';
	char *key = strip(l);
	char *val = strip(eq + 1);
	lower(key);
	if (!name_ok(key) || strlen(key) >= sizeof ((struct ini_key *)0)->name) {
		cfg_report_add(rep, f, no, "invalid key name '%s'", key);
		return;
	}
	if ((*val == '"' || *val == '\'') && !strchr(val + 1, *val))
		cfg_report_add(rep, f, no, "value of '%s' opens a quote but never closes it", key);
	if (*val && *val != '"' && *val != '\'') {
		/* "a;b" or "C#": iniparser would cut the value there silently */
		for (const char *c = val + 1; *c; c++)
			if ((*c == ';' || *c == '#') && !isspace((unsigned char)c[-1])) {
				cfg_report_add(rep, f, no, "'%c' in the value of '%s' starts a comment: "
					       "quote the value", *c, key);
				break;
			}
	}
	struct ini_key *old = at->cur ? (struct ini_key *)sec_key(at->cur, key) : NULL;
	if (old) {
		cfg_report_add(rep, f, no, "duplicate key '%s' in [%s] (first at line %d)", key,
			       at->cur->name, old->line);
		char *w = strdup(val); /* iniparser keeps the last value */
		if (w) {
			free(old->written);
			old->written = w;
		}
	} else if (at->cur) {
		key_add(at->cur, key, no, val);
	} else if (doc->nsecs == 0) {
		cfg_report_add(rep, f, no, "key '%s' outside any section", key);
	} /* else inside a bad or duplicate section: reported there */
	struct ini_key *k = at->ip >= 0 ? (struct ini_key *)sec_key(&doc->secs[at->ip], key) : NULL;
	if (k) { /* iniparser's reading, the last one of a key given twice */
		free(k->value);
		k->value = iniparser_value(val);
	}
}

/* A line iniparser does not read as we do (the file's last, when it is
 * one byte or continued past the end, which it never reads; the first
 * behind a byte-order mark, which it reads as part of a key): reported,
 * but it gives no value, leaves iniparser in its section and cannot make
 * it refuse the file. */
static void scan_unread(struct ini_doc *doc, char *line, int no, struct scan_at *at,
			struct cfg_report *rep)
{
	int ip = at->ip, rejected = at->rejected;
	char ipname[sizeof at->ipname];
	memcpy(ipname, at->ipname, sizeof ipname);
	at->ip = -1;
	scan_line(doc, line, no, at, rep);
	at->ip = ip;
	at->rejected = rejected;
	memcpy(at->ipname, ipname, sizeof ipname);
}

static int scan(struct ini_doc *doc, const char *text, size_t len, struct cfg_report *rep)
{
	char buf[4 * INI_LINE_MAX];
	size_t have = 0;
	int no = 0, first = 0, bom = 0;
	struct scan_at at = { .cur = NULL, .ip = -1 };
	const char *p = text, *end = text + len;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		cfg_report_add(rep, doc->file, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM");
		bom = 1;
		p += 3;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t bad;
		no++;
		if (!have)
			first = no;
		if (memchr(p, '\0', n))
			cfg_report_add(rep, doc->file, no, "NUL byte in the line");
		else if (!utf8_valid(p, n, &bad))
			cfg_report_add(rep, doc->file, no, "invalid UTF-8 (byte %zu of the line)", bad + 1);
		if (have + n > INI_LINE_MAX) {
			cfg_report_add(rep, doc->file, no,
				       "line longer than %d bytes (iniparser rejects it); shorten it",
				       INI_LINE_MAX);
			at.rejected = 1;
			have = 0;
		} else {
			int tiny = !nl && n == 1 && !have && !bom;
			memcpy(buf + have, p, n);
			have += n;
			buf[have] = '\0';
			while (have > 0 && isspace((unsigned char)buf[have - 1]))
				buf[--have] = '\0';
			if (have > 0 && buf[have - 1] == '\\') {
				have--; /* continued on the next line, as iniparser does */
			} else {
				/* with the mark, iniparser's first line is a key if it holds '=', else wrong */
				int wrong = bom && !strchr(buf, '=');
				if (bom || tiny)
					scan_unread(doc, buf, first, &at, rep);
				else
					scan_line(doc, buf, first, &at, rep);
				at.rejected |= wrong;
				bom = 0;
				have = 0;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (have) {
		buf[have] = '\0';
		scan_unread(doc, buf, first, &at, rep);
	}
	return at.rejected;
}

int ini_has_comment(const char *w)
{
	if (!*w || *w == '"' || *w == '\'')
		return 0; /* an empty value: w + 1 would be past its end */
	for (const char *c = w + 1; *c; c++)
		if ((*c == ';' || *c == '#') && isspace((unsigned char)c[-1]))
			return 1;
	return 0;
}

/* What the file means the value to be: a quoted value without its quotes,
 * an unquoted one up to its comment (a ';' or '#' that ends a value early
 * is reported by the scanner, and for texts by the template). */
static void value_meant(const char *w, char *out, size_t n)
{
	size_t len = strlen(w);
	if (len >= 2 && (*w == '"' || *w == '\'') && w[len - 1] == *w) {
		copy_cut(out, n, w + 1, len - 2);
		return;
	}
	copy_cut(out, n, w, len);
	out[strcspn(out, ";#")] = '\0';
	char *s = strip(out);
	memmove(out, s, strlen(s) + 1);
}

/* iniparser cuts some values without a word ("a "b" c" reads as "a "):
 * every value it read otherwise than written is a problem at its line. */
static void check_values(const struct ini_doc *doc, struct cfg_report *rep)
{
	for (int i = 0; i < doc->nsecs; i++)
		for (int k = 0; k < doc->secs[i].nkeys; k++) {
			const struct ini_key *key = &doc->secs[i].keys[k];
			const char *got = ini_get(doc, doc->secs[i].name, key->name, NULL);
			char meant[INI_LINE_MAX + 1];
			value_meant(key->written, meant, sizeof meant);
			if (got && strcmp(got, meant) != 0)
				cfg_report_add(rep, doc->file, key->line,
					       "iniparser reads '%s' as '%s': a value cannot hold an ASCII"
					       " double quote (write “” instead)", key->name, got);
		}
}

/* Index the scanned sections by name (a template asks for hundreds of
 * values). */
static void index_doc(struct ini_doc *doc)
{
	if (doc->nsecs && (doc->by_name = malloc(sizeof *doc->by_name * (size_t)doc->nsecs))) {
		for (int i = 0; i < doc->nsecs; i++)
			doc->by_name[i] = i;
		order_doc = doc;
		qsort(doc->by_name, (size_t)doc->nsecs, sizeof *doc->by_name, sec_order);
	}
}

int ini_parse(struct ini_doc *doc, const char *text, size_t len, const char *file,
	      struct cfg_report *rep)
{
	memset(doc, 0, sizeof *doc);
	doc->file = file;
	if (scan(doc, text, len, rep))
		return -1;
	doc->read = 1;
	index_doc(doc);
	check_values(doc, rep);
	return 0;
}

void ini_free(struct ini_doc *doc)
{
	for (int i = 0; i < doc->nsecs; i++) {
		for (int k = 0; k < doc->secs[i].nkeys; k++) {
			free(doc->secs[i].keys[k].written);
			free(doc->secs[i].keys[k].value);
		}
		free(doc->secs[i].keys);
	}
	free(doc->secs);
	free(doc->by_name);
	memset(doc, 0, sizeof *doc);
}

const char *ini_get(const struct ini_doc *doc, const char *sec, const char *key, int *line)
{
	const struct ini_sec *s = ini_section(doc, sec);
	const struct ini_key *k = s ? sec_key(s, key) : NULL;
	if (line)
		*line = k ? k->line : s ? s->line : 0;
	return k && doc->read ? k->value : NULL;
}

const char *ini_written(const struct ini_doc *doc, const char *sec, const char *key)
{
	const struct ini_sec *s = ini_section(doc, sec);
	const struct ini_key *k = s ? sec_key(s, key) : NULL;
	return k ? k->written : NULL;
}

int ini_int(const char *v, int *out)
{
	char *end;
	if (!v || !*v)
		return -1;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || *end || end == v || x < -1000000 || x > 1000000)
		return -1;
	*out = (int)x;
	return 0;
}

int ini_hundredths(const char *v, long *out)
{
	long whole = 0, frac = 0;
	int digits = 0, decimals = 0;
	if (!v)
		return -1;
	for (; *v >= '0' && *v <= '9' && digits < 9; v++, digits++)
		whole = whole * 10 + (*v - '0');
	if (!digits)
		return -1;
	if (*v == '.') {
		for (v++; *v >= '0' && *v <= '9' && decimals < 3; v++, decimals++)
			frac = frac * 10 + (*v - '0');
		if (!decimals || decimals > 2)
			return -1;
	}
	if (*v)
		return -1;
	*out = whole * 100 + (decimals == 1 ? frac * 10 : frac);
	return 0;
}

int ini_bool(const char *v, int *out)
{
	static const char *yes[] = { "yes", "true", "on", "1" }, *no[] = { "no", "false", "off", "0" };
	if (!v)
		return -1;
	for (int i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) { *out = 1; return 0; }
		if (strcasecmp(v, no[i]) == 0) { *out = 0; return 0; }
	}
	return -1;
}
