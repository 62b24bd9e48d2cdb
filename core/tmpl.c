/* tmpl: the template scheme of tmpl.h. A template is parsed once into a
 * flat list of nodes (text, value, block start); a block start knows where
 * its block ends, so rendering is one walk with a stack of value sets. */
#include "tmpl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "i18n.h"
#include "utf8.h"

enum { TN_TEXT, TN_VAR, TN_RAW, TN_BLOCK, TN_NOT };

struct tnode {
	int kind;
	const char *s;             /* TN_TEXT: the text; else the name (in t->names) */
	size_t len;
	int end;                   /* blocks: the node after the block */
};

struct tmpl {
	char *text;                /* the source; text nodes point into it */
	char *names;               /* the names, each NUL-terminated */
	struct tnode *n;
	int nn;
};

#define TMPL_DEPTH 16

/* ---------- values ---------- */

struct tval {
	char *name;
	char *text;                /* NULL: a list */
	struct tmpl_vars **items;
	int nitems;
};

struct tmpl_vars {
	struct tval *v;
	int n, cap;
	int *oom;                  /* shared by a set and its items */
	int own_oom;
};

struct tmpl_vars *tmpl_vars_new(void)
{
	struct tmpl_vars *v = calloc(1, sizeof *v);
	if (v)
		v->oom = &v->own_oom;
	return v;
}

void tmpl_vars_free(struct tmpl_vars *v)
{
	if (!v)
		return;
	for (int i = 0; i < v->n; i++) {
		for (int k = 0; k < v->v[i].nitems; k++)
			tmpl_vars_free(v->v[i].items[k]);
		free(v->v[i].items);
		free(v->v[i].name);
		free(v->v[i].text);
	}
	free(v->v);
	free(v);
}

/* The value called name in v, made (empty) when make is set. */
static struct tval *val(struct tmpl_vars *v, const char *name, size_t len, int make)
{
	for (int i = 0; i < v->n; i++)
		if (strlen(v->v[i].name) == len && !memcmp(v->v[i].name, name, len))
			return &v->v[i];
	if (!make || *v->oom)
		return NULL;
	if (v->n == v->cap) {
		int cap = v->cap ? v->cap * 2 : 16;
		struct tval *p = realloc(v->v, (size_t)cap * sizeof *p);
		if (!p)
			goto oom;
		v->v = p;
		v->cap = cap;
	}
	struct tval *t = &v->v[v->n];
	memset(t, 0, sizeof *t);
	if (!(t->name = strndup(name, len)))
		goto oom;
	v->n++;
	return t;
oom:
	*v->oom = 1;
	return NULL;
}

void tmpl_set(struct tmpl_vars *v, const char *name, const char *text)
{
	struct tval *t = val(v, name, strlen(name), 1);
	if (!t)
		return;
	char *s = strdup(text ? text : "");
	if (!s) {
		*v->oom = 1;
		return;
	}
	free(t->text);
	t->text = s;
}

void tmpl_setf(struct tmpl_vars *v, const char *name, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tmpl_set(v, name, buf);
}

void tmpl_list(struct tmpl_vars *v, const char *name)
{
	struct tval *t = val(v, name, strlen(name), 1);
	if (t) {
		free(t->text);
		t->text = NULL;
	}
}

struct tmpl_vars *tmpl_add(struct tmpl_vars *v, const char *name)
{
	tmpl_list(v, name);
	struct tval *t = val(v, name, strlen(name), 0);
	struct tmpl_vars *item = calloc(1, sizeof *item);
	struct tmpl_vars **p = t && item ? realloc(t->items, (size_t)(t->nitems + 1) * sizeof *p) : NULL;
	if (!p) {
		free(item);
		*v->oom = 1;
		return NULL;
	}
	item->oom = v->oom;
	t->items = p;
	t->items[t->nitems++] = item;
	return item;
}

/* ---------- parsing ---------- */

static int bad(struct sc_err *err, const char *file, const char *text, const char *at,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int bad(struct sc_err *err, const char *file, const char *text, const char *at,
	       const char *fmt, ...)
{
	int line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	char what[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, sc_tr(fmt), ap);
	va_end(ap);
	return sc_fail(err, SC_ERR_INVALID, "%s:%d: %s", file, line, what);
}

/* Is name (len bytes) in names; *raw when it is given as "&name" there. */
static int known(const char *const *names, const char *name, size_t len, int *raw)
{
	*raw = 0;
	if (!names)
		return 1;
	for (; *names; names++) {
		const char *k = *names;
		int r = k[0] == '&';
		if (strlen(k + r) == len && !memcmp(k + r, name, len)) {
			*raw = r;
			return 1;
		}
	}
	return 0;
}

static int push(struct tmpl *t, int *cap, int kind, const char *s, size_t len)
{
	if (t->nn == *cap) {
		int c = *cap ? *cap * 2 : 64;
		struct tnode *p = realloc(t->n, (size_t)c * sizeof *p);
		if (!p)
			return -1;
		t->n = p;
		*cap = c;
	}
	t->n[t->nn++] = (struct tnode){ kind, s, len, 0 };
	return 0;
}

/* A block tag or comment alone on its line: drop the line's indent (the
 * end of the text node before) and its newline (*after moves past it). */
static void standalone(struct tmpl *t, const char *text, const char *tag, const char **after)
{
	const char *b = tag;
	while (b > text && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	if (b > text && b[-1] != '\n')
		return;
	const char *e = *after;
	while (*e == ' ' || *e == '\t')
		e++;
	if (*e == '\r')
		e++;
	if (*e != '\n' && *e != '\0')
		return;
	if (t->nn && t->n[t->nn - 1].kind == TN_TEXT && t->n[t->nn - 1].s + t->n[t->nn - 1].len == tag)
		t->n[t->nn - 1].len -= (size_t)(tag - b);
	*after = *e ? e + 1 : e;
}

int tmpl_parse(const char *file, const char *text, size_t len, const char *const *names,
	       struct tmpl **out, struct sc_err *err)
{
	struct tmpl *t = calloc(1, sizeof *t);
	int cap = 0, open[TMPL_DEPTH], depth = 0, rc = SC_OK;
	const char *open_at[TMPL_DEPTH];
	*out = NULL;
	if (!t || !(t->text = malloc(len + 1)) || !(t->names = malloc(len + 1))) {
		tmpl_free(t);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	if (memchr(text, '\0', len)) {
		rc = sc_fail(err, SC_ERR_INVALID, "%s: not a text file (it holds a NUL byte)", file);
		goto fail;
	}
	char *nm = t->names;
	const char *src = t->text, *p = src;
	while (*p) {
		const char *tag = strstr(p, "{{");
		const char *stop = tag ? tag : p + strlen(p);
		if (stop > p && push(t, &cap, TN_TEXT, p, (size_t)(stop - p)))
			goto oom;
		if (!tag)
			break;
		int triple = tag[2] == '{';
		const char *b = tag + 2 + triple;
		char sigil = strchr("#^/!", *b) && !triple ? *b : 0;
		b += sigil != 0;
		const char *close = strstr(b, triple ? "}}}" : "}}");
		if (!close) {
			rc = bad(err, file, src, tag, "{{ is not closed");
			goto fail;
		}
		const char *after = close + 2 + triple;
		if (sigil == '!') {
			standalone(t, src, tag, &after);
			p = after;
			continue;
		}
		while (*b == ' ')
			b++;
		const char *e = close;
		while (e > b && e[-1] == ' ')
			e--;
		size_t n = (size_t)(e - b);
		if (!n || strspn(b, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") < n) {
			rc = bad(err, file, src, tag, "bad placeholder {{%.*s}} (names are letters, digits, _ and .)",
				 (int)(close - b > 60 ? 60 : close - b), b);
			goto fail;
		}
		int raw;
		if (!known(names, b, n, &raw)) {
			rc = bad(err, file, src, tag, "unknown placeholder {{%.*s}}", (int)n, b);
			goto fail;
		}
		if (!sigil && raw != triple) {
			if (raw)
				rc = bad(err, file, src, tag, "{{%.*s}} is HTML the program makes: write it {{{…}}}",
					 (int)n, b);
			else
				rc = bad(err, file, src, tag, "{{{%.*s}}} is text: write it {{…}} so it is escaped",
					 (int)n, b);
			goto fail;
		}
		memcpy(nm, b, n);
		nm[n] = '\0';
		if (sigil == '/') {
			if (!depth || strcmp(t->n[open[depth - 1]].s, nm)) {
				rc = bad(err, file, src, tag, "{{/%.*s}} closes no open block", (int)n, b);
				goto fail;
			}
			standalone(t, src, tag, &after);
			t->n[open[--depth]].end = t->nn;
		} else {
			if (sigil) {
				if (depth == TMPL_DEPTH) {
					rc = bad(err, file, src, tag, "blocks nested too deep at {{%.*s}}", (int)n, b);
					goto fail;
				}
				open_at[depth] = tag;
				standalone(t, src, tag, &after);
				open[depth++] = t->nn;
			}
			if (push(t, &cap, sigil == '#' ? TN_BLOCK : sigil == '^' ? TN_NOT : triple ? TN_RAW : TN_VAR,
				 nm, n))
				goto oom;
		}
		nm += n + 1;
		p = after;
	}
	if (depth) {
		const struct tnode *o = &t->n[open[depth - 1]];
		rc = bad(err, file, src, open_at[depth - 1], "block {{#%.*s}} is not closed", (int)o->len, o->s);
		goto fail;
	}
	*out = t;
	return SC_OK;
oom:
	rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
fail:
	tmpl_free(t);
	return rc;
}

int tmpl_load(const char *path, const char *const *names, struct tmpl **out, struct sc_err *err)
{
	size_t len;
	*out = NULL;
	char *buf = fs_read_small(path, &len, err); /* capped: a page template is a few KiB */
	if (!buf)
		return err ? err->code : SC_ERR_IO;
	int rc = tmpl_parse(path, buf, len, names, out, err);
	free(buf);
	return rc;
}

void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	free(t->text);
	free(t->names);
	free(t->n);
	free(t);
}

int tmpl_find(const char *const *dirs, const char *name, char *path, size_t sz, struct sc_err *err)
{
	char looked[900] = "";
	size_t at = 0;
	for (int i = 0; dirs && dirs[i]; i++) {
		snprintf(path, sz, "%s/report/%s", dirs[i], name);
		if (fs_exists(path))
			return SC_OK;
		if (at < sizeof looked)
			at += (size_t)snprintf(looked + at, sizeof looked - at, " %s", path);
	}
	return sc_fail(err, SC_ERR_NOTFOUND, "template report/%s not found; looked in:%s", name,
		       at ? looked : " (nowhere)");
}

int tmpl_open(const char *const *dirs, const char *name, const char *const *names, struct tmpl **out,
	      struct sc_err *err)
{
	char path[1200];
	*out = NULL;
	int rc = tmpl_find(dirs, name, path, sizeof path, err);
	return rc ? rc : tmpl_load(path, names, out, err);
}

int tmpl_check_pair(const char *const *dirs, const char *stem, const char *const *names,
		    struct sc_err *err)
{
	static const char *const ext[] = { ".html", ".css" };
	for (int i = 0; i < 2; i++) {
		char file[64];
		struct tmpl *t;
		snprintf(file, sizeof file, "%s%s", stem, ext[i]);
		int rc = tmpl_open(dirs, file, names, &t, err);
		if (rc)
			return rc;
		tmpl_free(t);
	}
	return SC_OK;
}

/* ---------- rendering ---------- */

struct tout {
	char *s;
	size_t len, cap;
	int oom;
};

static void put(struct tout *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		char *p = realloc(o->s, cap);
		if (!p) {
			o->oom = 1;
			return;
		}
		o->s = p;
		o->cap = cap;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* A text is escaped in pieces of TMPL_ESC_PIECE bytes or a few less, each
 * cut before a character's first byte and cleaned on the stack (a replaced
 * byte grows to 3): no allocation, so no text is ever left out. */
#define TMPL_ESC_PIECE 256

void tmpl_esc(const char *raw, void (*out)(void *ctx, const char *s, size_t n), void *ctx)
{
	char piece[TMPL_ESC_PIECE + 1], clean[3 * TMPL_ESC_PIECE + 1];
	size_t left = strlen(raw);
	while (left) {
		size_t k = left < TMPL_ESC_PIECE ? left : TMPL_ESC_PIECE;
		/* back to a lead byte (a UTF-8 character is at most 4 bytes) */
		for (int back = 0; k < left && back < 3 && ((unsigned char)raw[k] & 0xC0) == 0x80; back++)
			k--;
		memcpy(piece, raw, k);
		piece[k] = '\0';
		raw += k;
		left -= k;
		utf8_clean(piece, "\n", clean, sizeof clean);
		const char *s = clean, *run = s;
		for (; *s; s++) {
			const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
				: *s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : *s == '\n' ? "<br/>" : NULL;
			if (rep) {
				out(ctx, run, (size_t)(s - run));
				out(ctx, rep, strlen(rep));
				run = s + 1;
			}
		}
		out(ctx, run, (size_t)(s - run));
	}
}

static void put_cb(void *o, const char *s, size_t n)
{
	put(o, s, n);
}

/* name in the innermost set that has it */
static struct tval *lookup(struct tmpl_vars *const *stack, int depth, const struct tnode *n)
{
	for (int i = depth - 1; i >= 0; i--) {
		struct tval *v = val(stack[i], n->s, n->len, 0);
		if (v)
			return v;
	}
	return NULL;
}

static int truthy(const struct tval *v)
{
	return v && (v->text ? v->text[0] != '\0' : v->nitems > 0);
}

static void render(const struct tmpl *t, int from, int to, struct tmpl_vars **stack, int depth,
		   struct tout *o)
{
	for (int i = from; i < to;) {
		const struct tnode *n = &t->n[i];
		struct tval *v = n->kind == TN_TEXT ? NULL : lookup(stack, depth, n);
		switch (n->kind) {
		case TN_TEXT: put(o, n->s, n->len); break;
		case TN_RAW: if (v && v->text) put(o, v->text, strlen(v->text)); break;
		case TN_VAR: if (v && v->text) tmpl_esc(v->text, put_cb, o); break;
		case TN_NOT:
			if (!truthy(v))
				render(t, i + 1, n->end, stack, depth, o);
			i = n->end;
			continue;
		case TN_BLOCK:
			if (v && !v->text && depth < TMPL_DEPTH) {
				for (int k = 0; k < v->nitems; k++) {
					stack[depth] = v->items[k];
					render(t, i + 1, n->end, stack, depth + 1, o);
				}
			} else if (truthy(v)) {
				render(t, i + 1, n->end, stack, depth, o);
			}
			i = n->end;
			continue;
		}
		i++;
	}
}

int tmpl_render(const struct tmpl *t, const struct tmpl_vars *v, char **out, size_t *len,
		struct sc_err *err)
{
	struct tmpl_vars *stack[TMPL_DEPTH + 1] = { (struct tmpl_vars *)v };
	struct tout o = { 0 };
	*out = NULL;
	*len = 0;
	put(&o, "", 0);
	if (!*v->oom)
		render(t, 0, t->nn, stack, 1, &o);
	if (o.oom || *v->oom) {
		free(o.s);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	*out = o.s;
	*len = o.len;
	return SC_OK;
}

int tmpl_page(const char *const *dirs, const char *stem, const char *const *names, struct tmpl_vars *v,
	      char **out, size_t *len, struct sc_err *err)
{
	struct tmpl *css = NULL, *page = NULL;
	char file[64], *style = NULL;
	size_t n;
	*out = NULL;
	snprintf(file, sizeof file, "%s.css", stem);
	int rc = tmpl_open(dirs, file, names, &css, err);
	snprintf(file, sizeof file, "%s.html", stem);
	if (!rc)
		rc = tmpl_open(dirs, file, names, &page, err);
	if (!rc)
		rc = tmpl_render(css, v, &style, &n, err);
	if (!rc) {
		tmpl_set(v, "css", style);
		rc = tmpl_render(page, v, out, len, err);
	}
	free(style);
	tmpl_free(css);
	tmpl_free(page);
	return rc;
}

void tmpl_page_words(struct tmpl_vars *v, int lang)
{
	static const char en[] = NC_("page footer", "Page {page} of {pages}");
	const char *s = sc_trc_lang(lang, "page footer", en);
	const char *a = strstr(s, "{page}"), *b = a ? strstr(a, "{pages}") : NULL;
	if (!b) { /* a translation without both, in this order */
		s = en;
		a = strstr(s, "{page}");
		b = strstr(a, "{pages}");
	}
	tmpl_setf(v, "l.page", "%.*s", (int)(a - s), s);
	tmpl_setf(v, "l.of", "%.*s", (int)(b - a - 6), a + 6);
	tmpl_set(v, "l.pages", b + 7);
}
