/* report_csv: the long CSV, one row per answer of the summarized
 * inspections, streamed from the database (nothing kept in memory).
 * Columns are named, never positional (in Chinese for --lang zh, stable
 * English names for --lang en), and carry the item id and the template
 * version on every row. RFC 4180: CRLF line ends, fields with
 * comma, quote, CR or LF quoted, quotes doubled. UTF-8, BOM optional.
 * A cell a spreadsheet would run as a formula gets a ' in front unless
 * raw_cells (see csv_field).
 * An empty period gives the header row alone. */
#include "report.h"

#include "i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The header row: the stable English names (for scripts), translated for a
 * Chinese export; the columns and their data are the same. */
#define CSV_COLS 22
static const char *const columns[CSV_COLS] = {
	NC_("csv column", "day"), NC_("csv column", "market_uuid"), NC_("csv column", "market"),
	NC_("csv column", "district"), NC_("csv column", "inspection_uuid"), NC_("csv column", "inspector"),
	NC_("csv column", "status"), NC_("csv column", "template_id"),
	NC_("csv column", "template_version"), NC_("csv column", "stall_code"),
	NC_("csv column", "stall_type"), NC_("csv column", "area"), NC_("csv column", "category"),
	NC_("csv column", "item_id"), NC_("csv column", "verdict"), NC_("csv column", "earned"),
	NC_("csv column", "possible"), NC_("csv column", "critical"), NC_("csv column", "spots"),
	NC_("csv column", "note"), NC_("csv column", "severity"), NC_("csv column", "basis"),
};

/* A plain decimal number ("-1.5", "+3"): data, not a formula. */
static int csv_number(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	size_t digits = strspn(p, "0123456789");
	if (!digits)
		return 0;
	p += digits;
	if (*p == '.' && (digits = strspn(p + 1, "0123456789")))
		p += 1 + digits;
	return *p == '\0';
}

/* A CSV line being built: one write per row, not one per character. */
struct csv_line {
	char *p;
	size_t len, cap;
	int bad;           /* out of memory */
};

static char *line_grow(struct csv_line *l, size_t n)
{
	size_t cap = l->cap ? l->cap : 512;
	while (cap < l->len + n)
		cap *= 2;
	char *q = realloc(l->p, cap);
	if (!q) {
		l->bad = 1;
		return NULL;
	}
	l->p = q;
	l->cap = cap;
	return l->p + l->len;
}

/* room for n more bytes at the end of l: where they go, NULL out of memory */
static inline char *line_room(struct csv_line *l, size_t n)
{
	return l->len + n > l->cap ? line_grow(l, n) : l->p + l->len;
}

/* The first bytes of a cell a spreadsheet would run as a formula */
static const unsigned char csv_formula[256] = {
	['='] = 1, ['+'] = 1, ['-'] = 1, ['@'] = 1, ['\t'] = 1, ['\r'] = 1,
};

/* csv_field's text of s into l, then sep (0: none). One scan finds both
 * the length and whether the cell must be quoted (nearly none must). */
static void line_field(struct csv_line *l, const char *s, int raw, char sep)
{
	size_t n = strcspn(s, ",\"\r\n");
	int quote = s[n] != '\0';
	if (quote)
		n += strlen(s + n);
	char *o = line_room(l, (quote ? 2 * n : n) + 4), *start = o;
	if (!o)
		return;
	if (quote)
		*o++ = '"';
	if (!raw && csv_formula[(unsigned char)*s] && !csv_number(s))
		*o++ = '\''; /* a spreadsheet would run it as a formula */
	if (quote) {
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				*o++ = '"';
			*o++ = *p;
		}
		*o++ = '"';
	} else {
		memcpy(o, s, n);
		o += n;
	}
	if (sep)
		*o++ = sep;
	l->len += (size_t)(o - start);
}

void csv_field(FILE *f, const char *s, int raw)
{
	struct csv_line l = { 0 };
	line_field(&l, s, raw, 0);
	if (l.len)
		fwrite(l.p, 1, l.len, f);
	free(l.p);
}

static void field(struct csv_line *l, const char *s, int raw)
{
	line_field(l, s, raw, ',');
}

/* v (when has) and a comma; digits by hand: snprintf was a fifth of the export */
static void num(struct csv_line *l, int has, int v)
{
	char d[16], *q = d + sizeof d, *o = line_room(l, 16);
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	if (!o)
		return;
	if (has) {
		do
			*--q = (char)('0' + u % 10);
		while (u /= 10);
		if (v < 0)
			*--q = '-';
	}
	size_t n = (size_t)(d + sizeof d - q);
	memcpy(o, q, n);
	o[n] = ',';
	l->len += n + 1;
}

/* points (when has): whole ones as num writes them, else with their decimals */
static void points(struct csv_line *l, int has, double v)
{
	char *o;
	if (!has || v == (int)v) {
		num(l, has, (int)v);
		return;
	}
	if (!(o = line_room(l, 32)))
		return;
	l->len += (size_t)snprintf(o, 32, "%g,", v);
}

struct csv_ctx {
	FILE *f;
	const struct summary *s;  /* NULL while it is being built */
	const struct report_opts *o;
	const struct sum_inspection *last;
	int done;
	struct csv_line line;
	struct csv_line pre;       /* the inspection's own fields, the same on each of its rows */
};

/* Rows are written in chunks of about this size, not row by row */
#define CSV_CHUNK (128 * 1024)

/* the rows built so far to the file: -1 could not write. Straight to its
 * descriptor when it has one (stdio flushed first): through stdio every
 * byte was copied once more, half the writer's cache misses. */
static int csv_flush(struct csv_ctx *c)
{
	struct csv_line *l = &c->line;
	int fd = fileno(c->f), rc = 0;
	if (fd < 0)
		rc = fwrite(l->p, 1, l->len, c->f) != l->len || ferror(c->f) ? -1 : 0;
	else if (fflush(c->f) != 0)
		rc = -1;
	for (size_t off = 0; fd >= 0 && !rc && off < l->len;) {
		ssize_t w = write(fd, l->p + off, l->len - off);
		if (w > 0)
			off += (size_t)w;
		else if (w == 0 || errno != EINTR)
			rc = -1;
	}
	l->len = 0;
	return rc;
}

static int row(const struct sum_answer *a, void *vctx)
{
	struct csv_ctx *c = vctx;
	struct csv_line *l = &c->line;
	int raw = c->o->raw_cells;
	if (a->insp != c->last) {
		if (c->last && c->s && c->o->progress && (++c->done % 16 == 0))
			c->o->progress(c->done, c->s->ninspections, c->o->pctx);
		c->last = a->insp;
		struct csv_line *p = &c->pre;
		p->len = 0;
		field(p, a->insp->day, raw);
		field(p, a->market->uuid, raw);
		field(p, a->market->name, raw);
		field(p, a->market->district, raw);
		field(p, a->insp->uuid, raw);
		field(p, a->insp->inspector, raw);
		field(p, a->insp->status, raw);
		field(p, a->insp->tpl_id, raw);
		field(p, a->insp->tpl_version, raw);
		if (p->bad)
			return -1;
	}
	if (!line_room(l, c->pre.len))
		return -1;
	memcpy(l->p + l->len, c->pre.p, c->pre.len);
	l->len += c->pre.len;
	field(l, a->stall_code, raw);
	field(l, a->stall_type, raw);
	field(l, a->area, raw);
	field(l, a->category, raw);
	field(l, a->item_id, raw);
	field(l, a->verdict, raw);
	points(l, a->has_earned, a->earned);
	points(l, a->has_possible, a->possible);
	num(l, 1, a->critical);
	num(l, 1, a->spots);
	field(l, a->note, raw);
	field(l, a->severity, raw);
	line_field(l, a->basis[c->o->lang == LANG_EN ? LANG_EN : LANG_ZH], raw, '\r');
	if (line_room(l, 1))
		l->p[l->len++] = '\n';
	if (l->bad)
		return -1;
	return l->len >= CSV_CHUNK ? csv_flush(c) : 0;
}

static void header(FILE *f, const struct report_opts *o)
{
	struct csv_line l = { 0 };
	if (o->bom)
		fputs("\xEF\xBB\xBF", f);
	for (int i = 0; i < CSV_COLS; i++)
		line_field(&l, sc_trc_lang(o->lang == LANG_EN ? LANG_EN : LANG_ZH, "csv column", columns[i]), 1,
			   i + 1 == CSV_COLS ? '\r' : ',');
	if (line_room(&l, 1))
		l.p[l.len++] = '\n';
	fwrite(l.p, 1, l.len, f);
	free(l.p);
}

/* the rows' outcome: -1 could not write (or out of memory) */
static int csv_done(struct csv_ctx *c, int rc, struct sc_err *err)
{
	if (rc == SC_OK && c->line.len)
		rc = csv_flush(c);
	free(c->line.p);
	free(c->pre.p);
	if (rc == -1)
		return sc_fail(err, SC_ERR_IO, "cannot write the CSV");
	return rc;
}

int report_csv(FILE *f, const struct summary *s, const struct report_opts *o,
	       struct sc_err *err)
{
	header(f, o);
	struct csv_ctx c = { .f = f, .s = s, .o = o };
	int rc = csv_done(&c, summary_each_answer(o->db, s, o->tpl, o->tpl_ctx, row, &c, err), err);
	if (rc == SC_OK && o->progress)
		o->progress(s->ninspections, s->ninspections, o->pctx);
	return rc;
}

int report_csv_build(FILE *f, struct report_period *p, const struct report_opts *o,
		     struct sc_err *err)
{
	header(f, o);
	struct csv_ctx c = { .f = f, .o = o }; /* progress comes from the build */
	return csv_done(&c, summary_build_each(o->db, p->from, p->to, p->scope, o->tpl, o->tpl_ctx,
					       o->progress, o->pctx, row, &c, &p->out, err), err);
}
