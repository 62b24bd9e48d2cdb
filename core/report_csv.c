/* report_csv: the long CSV, one row per answer of the summarized
 * inspections, streamed from the database (nothing kept in memory).
 * Columns are named, never positional, and carry the item id and the
 * template version on every row. RFC 4180: CRLF line ends, fields with
 * comma, quote, CR or LF quoted, quotes doubled. UTF-8, BOM optional.
 * A cell a spreadsheet would run as a formula gets a ' in front unless
 * raw_cells (see csv_field).
 * An empty period gives the header row alone. */
#include "report.h"

#include <string.h>

static const char *const columns[] = {
	"day", "market_uuid", "market", "district", "inspection_uuid", "inspector", "status",
	"template_id", "template_version", "stall_code", "stall_type", "area", "category",
	"item_id", "verdict", "earned", "possible", "critical", "spots", "note", "severity", "basis",
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

void csv_field(FILE *f, const char *s, int raw)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	if (!raw && *s && strchr("=+-@\t\r", *s) && !csv_number(s))
		fputc('\'', f); /* a spreadsheet would run it as a formula */
	if (quote) {
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
}

static void field(FILE *f, const char *s, int last, int raw)
{
	csv_field(f, s, raw);
	fputs(last ? "\r\n" : ",", f);
}

static void num(FILE *f, int has, int v)
{
	if (has)
		fprintf(f, "%d", v);
	fputc(',', f);
}

struct csv_ctx {
	FILE *f;
	const struct summary *s;
	const struct report_opts *o;
	const struct sum_inspection *last;
	int done;
};

static int row(const struct sum_answer *a, void *vctx)
{
	struct csv_ctx *c = vctx;
	FILE *f = c->f;
	if (a->insp != c->last) {
		if (c->last && c->o->progress && (++c->done % 16 == 0))
			c->o->progress(c->done, c->s->ninspections, c->o->pctx);
		c->last = a->insp;
	}
	int raw = c->o->raw_cells;
	field(f, a->insp->day, 0, raw);
	field(f, a->market->uuid, 0, raw);
	field(f, a->market->name, 0, raw);
	field(f, a->market->district, 0, raw);
	field(f, a->insp->uuid, 0, raw);
	field(f, a->insp->inspector, 0, raw);
	field(f, a->insp->status, 0, raw);
	field(f, a->insp->tpl_id, 0, raw);
	field(f, a->insp->tpl_version, 0, raw);
	field(f, a->stall_code, 0, raw);
	field(f, a->stall_type, 0, raw);
	field(f, a->area, 0, raw);
	field(f, a->category, 0, raw);
	field(f, a->item_id, 0, raw);
	field(f, a->verdict, 0, raw);
	num(f, a->has_earned, a->earned);
	num(f, a->has_possible, a->possible);
	num(f, 1, a->critical);
	num(f, 1, a->spots);
	field(f, a->note, 0, raw);
	field(f, a->severity, 0, raw);
	field(f, a->basis[c->o->lang == LANG_EN ? LANG_EN : LANG_ZH], 1, raw);
	return ferror(f) ? -1 : 0;
}

int report_csv(FILE *f, const struct summary *s, const struct report_opts *o,
	       struct sc_err *err)
{
	if (o->bom)
		fputs("\xEF\xBB\xBF", f);
	size_t n = sizeof columns / sizeof columns[0];
	for (size_t i = 0; i < n; i++)
		field(f, columns[i], i + 1 == n, 1);
	struct csv_ctx c = { .f = f, .s = s, .o = o };
	int rc = summary_each_answer(o->db, s, o->tpl, o->tpl_ctx, row, &c, err);
	if (rc == -1)
		return sc_fail(err, SC_ERR_IO, "cannot write the CSV");
	if (rc == SC_OK && o->progress)
		o->progress(s->ninspections, s->ninspections, o->pctx);
	return rc;
}
