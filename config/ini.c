/* ini: line scanner + iniparser loading, shared by settings and templates. */
#include "ini.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <iniparser.h>

#include "core/utf8.h"

#define INI_LINE_MAX 1022 /* iniparser 4.1 refuses longer lines */

/* iniparser's messages are captured here instead of going to stderr. */
static char ini_msg[512];
static int ini_msg_line;

static int ini_capture(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!ini_msg[0]) {
		const char *p = strrchr(buf, '(');
		snprintf(ini_msg, sizeof ini_msg, "%s", buf);
		for (char *q = ini_msg; *q; q++)
			if (*q == '\n')
				*q = ' ';
		ini_msg_line = p ? atoi(p + 1) : 0;
	}
	return 0;
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
	snprintf(s->name, sizeof s->name, "%s", name);
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
	snprintf(k->name, sizeof k->name, "%s", name);
	k->line = line;
	k->value = NULL;
	if (!(k->written = strdup(written)))
		return -1;
	s->nkeys++;
	return 0;
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

/* One logical line (continuations joined), starting at line `no`. */
static void scan_line(struct ini_doc *doc, char *raw, int no, struct ini_sec **cur,
		      int *rejected, struct cfg_report *rep)
{
	char *l = strip(raw);
	const char *f = doc->file;

	if (!*l || *l == '#' || *l == ';')
		return;
	size_t n = strlen(l);
	if (*l == '[' && l[n - 1] == ']') {
		char name[256];
		char *end = strchr(l, ']');
		size_t k = (size_t)(end - l - 1);
		if (k >= sizeof name)
			k = sizeof name - 1;
		memcpy(name, l + 1, k);
		name[k] = '\0';
		char *nm = strip(name);
		lower(nm);
		*cur = NULL;
		if (!name_ok(nm)) {
			cfg_report_add(rep, f, no, "invalid section name [%s] (letters, digits, '_', '.', '-')", nm);
			return;
		}
		const struct ini_sec *old = ini_section(doc, nm);
		if (old && strncmp(nm, "item.", 5) == 0) {
			for (char *c = nm + 5; *c; c++)
				*c = (char)toupper((unsigned char)*c);
			cfg_report_add(rep, f, no, "duplicate item id '%s' (first at line %d)", nm + 5, old->line);
			return;
		}
		if (old) {
			cfg_report_add(rep, f, no, "duplicate section [%s] (first at line %d)", nm, old->line);
			return;
		}
		*cur = sec_add(doc, nm, no);
		return;
	}
	char *eq = strchr(l, '=');
	if (!eq) {
		*rejected = 1;
		if (*l == '[')
			cfg_report_add(rep, f, no, "section header must end with ']' and carry no comment (iniparser rejects this line)");
		else
			cfg_report_add(rep, f, no, "expected 'key = value', '[section]' or a comment (iniparser rejects this line)");
		return;
	}
	if (eq == l) {
		*rejected = 1;
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
	if (!*cur) {
		if (doc->nsecs == 0)
			cfg_report_add(rep, f, no, "key '%s' outside any section", key);
		return; /* inside a bad or duplicate section: reported there */
	}
	struct ini_key *old = (struct ini_key *)sec_key(*cur, key);
	if (old) {
		cfg_report_add(rep, f, no, "duplicate key '%s' in [%s] (first at line %d)", key,
			       (*cur)->name, old->line);
		char *w = strdup(val); /* iniparser keeps the last value */
		if (w) {
			free(old->written);
			old->written = w;
		}
		return;
	}
	key_add(*cur, key, no, val);
}

static void scan(struct ini_doc *doc, const char *text, size_t len, int *rejected,
		 struct cfg_report *rep)
{
	char buf[4 * INI_LINE_MAX];
	size_t have = 0;
	int no = 0, first = 0;
	struct ini_sec *cur = NULL;
	const char *p = text, *end = text + len;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		cfg_report_add(rep, doc->file, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM");
		*rejected = 1;
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
			*rejected = 1;
			have = 0;
		} else {
			memcpy(buf + have, p, n);
			have += n;
			buf[have] = '\0';
			while (have > 0 && isspace((unsigned char)buf[have - 1]))
				buf[--have] = '\0';
			if (have > 0 && buf[have - 1] == '\\') {
				have--; /* continued on the next line, as iniparser does */
			} else {
				scan_line(doc, buf, first, &cur, rejected, rep);
				have = 0;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (have) {
		buf[have] = '\0';
		scan_line(doc, buf, first, &cur, rejected, rep);
	}
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
		snprintf(out, n, "%.*s", (int)(len - 2), w + 1);
		return;
	}
	snprintf(out, n, "%s", w);
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

static const dictionary *order_dict;

static int slot_order(const void *a, const void *b)
{
	return strcmp(order_dict->key[*(const int *)a], order_dict->key[*(const int *)b]);
}

static int slot_find(const void *key, const void *b)
{
	return strcmp(key, order_dict->key[*(const int *)b]);
}

/* Index the scanned sections by name, and give every key iniparser's value
 * from one pass over its dictionary: iniparser_getstring compares with every
 * entry (a template's lookups were quadratic in its keys). */
static void index_doc(struct ini_doc *doc)
{
	const dictionary *d = doc->dict;
	int *slots = NULL, n = 0;

	if (doc->nsecs && (doc->by_name = malloc(sizeof *doc->by_name * (size_t)doc->nsecs))) {
		for (int i = 0; i < doc->nsecs; i++)
			doc->by_name[i] = i;
		order_doc = doc;
		qsort(doc->by_name, (size_t)doc->nsecs, sizeof *doc->by_name, sec_order);
	}
	if (d->n > 0 && (slots = malloc(sizeof *slots * (size_t)d->n))) {
		for (ssize_t i = 0; i < d->size && n < d->n; i++)
			if (d->key[i])
				slots[n++] = (int)i;
		order_dict = d;
		qsort(slots, (size_t)n, sizeof *slots, slot_order);
	}
	for (int i = 0; i < doc->nsecs; i++)
		for (int k = 0; k < doc->secs[i].nkeys; k++) {
			struct ini_key *key = &doc->secs[i].keys[k];
			char full[256];
			snprintf(full, sizeof full, "%s:%s", doc->secs[i].name, key->name);
			if (!slots) { /* no memory for the index: iniparser looks it up */
				key->value = iniparser_getstring(doc->dict, full, NULL);
				continue;
			}
			order_dict = d;
			const int *hit = bsearch(full, slots, (size_t)n, sizeof *slots, slot_find);
			key->value = hit ? d->val[*hit] : NULL;
		}
	free(slots);
}

int ini_parse(struct ini_doc *doc, const char *text, size_t len, const char *file,
	      struct cfg_report *rep)
{
	int rejected = 0;

	memset(doc, 0, sizeof *doc);
	doc->file = file;
	scan(doc, text, len, &rejected, rep);

	const char *dir = getenv("TMPDIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/stallcheck-ini-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		cfg_report_add(rep, file, 0, "cannot create a temporary file: %s", strerror(errno));
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			cfg_report_add(rep, file, 0, "cannot write a temporary file: %s", strerror(errno));
			close(fd);
			unlink(path);
			return -1;
		}
		off += (size_t)w;
	}
	close(fd);
	ini_msg[0] = '\0';
	ini_msg_line = 0;
	iniparser_set_error_callback(ini_capture);
	doc->dict = iniparser_load(path);
	unlink(path);
	if (!doc->dict) {
		if (!rejected) /* our scanner missed it: pass iniparser's word on */
			cfg_report_add(rep, file, ini_msg_line, "iniparser rejects the file: %s",
				       ini_msg[0] ? ini_msg : "unknown reason");
		return -1;
	}
	index_doc(doc);
	check_values(doc, rep);
	return 0;
}

void ini_free(struct ini_doc *doc)
{
	for (int i = 0; i < doc->nsecs; i++) {
		for (int k = 0; k < doc->secs[i].nkeys; k++)
			free(doc->secs[i].keys[k].written);
		free(doc->secs[i].keys);
	}
	free(doc->secs);
	free(doc->by_name);
	if (doc->dict)
		iniparser_freedict(doc->dict);
	memset(doc, 0, sizeof *doc);
}

const char *ini_get(const struct ini_doc *doc, const char *sec, const char *key, int *line)
{
	const struct ini_sec *s = ini_section(doc, sec);
	const struct ini_key *k = s ? sec_key(s, key) : NULL;
	if (line)
		*line = k ? k->line : s ? s->line : 0;
	return k && doc->dict ? k->value : NULL;
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
