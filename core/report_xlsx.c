/* report_xlsx: an Excel workbook with libxlsxwriter: a summary sheet (the
 * same tables as the other formats) and detail sheets: inspections, stalls,
 * failed items, rectifications. Numbers are stored as numbers, header rows
 * frozen, sheet names valid. All text comes from the summary, already
 * valid UTF-8 without control characters. The creation time is o->now, so
 * the same data gives the same bytes. */
#include "report.h"

#include <string.h>
#include <xlsxwriter.h>

#include "rectify.h"
#include "store.h"

struct xctx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *title, *pct, *num1;
	int row;
	int lang;
};

/* Excel sheet names: at most 31 characters, none of []:*?/\ */
static lxw_worksheet *add_sheet(struct xctx *x, int key)
{
	char name[128];
	const char *src = report_label(key, x->lang);
	size_t o = 0;
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)src; *p && chars < 31 && o + 5 < sizeof name; ) {
		int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (len == 1 && strchr("[]:*?/\\", *p))
			name[o++] = '_';
		else
			for (int k = 0; k < len && p[k]; k++)
				name[o++] = (char)p[k];
		p += len;
		chars++;
	}
	name[o] = 0;
	return workbook_add_worksheet(x->wb, name);
}

static void put(struct xctx *x, int col, const struct rcell *c)
{
	if (c->kind == RC_TEXT)
		worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, c->text, NULL);
	else
		worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, c->num,
				       c->kind == RC_PCT ? x->pct : c->kind == RC_REAL ? x->num1 : NULL);
}

static void x_section(void *ctx, int id, const char *title)
{
	(void)id;
	struct xctx *x = ctx;
	x->row++;
	worksheet_write_string(x->ws, (lxw_row_t)x->row++, 0, title, x->title);
}

static void x_para(void *ctx, const char *text)
{
	struct xctx *x = ctx;
	worksheet_write_string(x->ws, (lxw_row_t)x->row++, 0, text, NULL);
}

static void x_header(void *ctx, const char *const *cols, int n)
{
	struct xctx *x = ctx;
	for (int i = 0; i < n; i++)
		worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)i, cols[i], x->bold);
	x->row++;
}

static void x_row(void *ctx, const struct rcell *c, int n)
{
	struct xctx *x = ctx;
	for (int i = 0; i < n; i++)
		put(x, i, &c[i]);
	x->row++;
}

static void x_end(void *ctx)
{
	(void)ctx;
}

/* a detail sheet: header row frozen */
static void sheet(struct xctx *x, int key, const char *const *cols, int n)
{
	x->ws = add_sheet(x, key);
	x->row = 0;
	x_header(x, cols, n);
	worksheet_freeze_panes(x->ws, 1, 0);
	worksheet_set_column(x->ws, 0, (lxw_col_t)(n - 1), 14, NULL);
}

static void s_(struct xctx *x, int col, const char *t)
{
	worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, t ? t : "", NULL);
}

static void n_(struct xctx *x, int col, double v, lxw_format *fmt)
{
	worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, v, fmt);
}

/* a score cell: the number as shown (rounded once), or empty when none */
static void sc_(struct xctx *x, int col, double v)
{
	if (v >= 0)
		n_(x, col, score_round(v), x->num1);
}

#define L(k) report_label(k, x->lang)

int report_xlsx(const char *path, const struct summary *s, const struct report_opts *o,
		struct sc_err *err)
{
	struct xctx xc = { 0 }, *x = &xc;
	x->lang = o->lang == LANG_EN ? LANG_EN : LANG_ZH;
	/* rows are written in order, so each sheet streams to a temporary file
	 * instead of being held in memory (a month is ~30k detail rows) */
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	x->wb = workbook_new_opt(path, &wo);
	if (!x->wb)
		return sc_fail(err, SC_ERR_IO, "cannot create workbook %s", path);
	lxw_doc_properties props = { 0 };
	props.title = (char *)report_label(L_TITLE, x->lang);
	props.created = o->now;
	workbook_set_properties(x->wb, &props);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	format_set_bg_color(x->bold, 0xEEEEEE);
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 13);
	x->pct = workbook_add_format(x->wb);
	format_set_num_format(x->pct, "0.0%");
	x->num1 = workbook_add_format(x->wb);
	format_set_num_format(x->num1, "0.0");

	/* summary */
	static const struct report_ops ops = { x_section, x_para, x_header, x_row, x_end };
	char scope[256], when[32], line[512];
	x->ws = add_sheet(x, L_SHEET_SUMMARY);
	worksheet_set_column(x->ws, 0, 0, 28, NULL);
	worksheet_set_column(x->ws, 1, 9, 14, NULL);
	report_scope(s, x->lang, scope, sizeof scope);
	report_time(o->now, when, sizeof when);
	worksheet_write_string(x->ws, 0, 0, L(L_TITLE), x->title);
	snprintf(line, sizeof line, "%s: %s ~ %s · %s: %s", L(L_PERIOD), s->from, s->to, L(L_SCOPE), scope);
	worksheet_write_string(x->ws, 1, 0, line, NULL);
	snprintf(line, sizeof line, "%s: %s", L(L_GENERATED), when);
	worksheet_write_string(x->ws, 2, 0, line, NULL);
	worksheet_freeze_panes(x->ws, 3, 0);
	x->row = 3;
	report_walk(s, x->lang, &ops, x);

	/* inspections */
	{
		const char *const h[] = { L(L_DAY), L(L_MARKET), L(L_DISTRICT), L(L_INSPECTOR), L(L_STATUS),
					  L(L_TEMPLATE), L(L_VERSION), L(L_SCORE), L(L_BAND), L(L_STALLS),
					  L(L_FAILS), L(L_CRITICAL), L(L_UUID) };
		sheet(x, L_SHEET_INSPECTIONS, h, (int)(sizeof h / sizeof h[0]));
		for (int i = 0; i < s->ninspections; i++, x->row++) {
			const struct sum_inspection *in = &s->inspections[i];
			const struct sum_market *m = &s->markets[in->market];
			s_(x, 0, in->day); s_(x, 1, m->name); s_(x, 2, m->district);
			s_(x, 3, in->inspector); s_(x, 4, status_label(in->status, x->lang)); s_(x, 5, in->tpl_id);
			s_(x, 6, in->tpl_version); sc_(x, 7, in->score);
			s_(x, 8, band_label(in->band, x->lang)); n_(x, 9, in->stalls, NULL);
			n_(x, 10, in->fails, NULL); n_(x, 11, in->critical, NULL); s_(x, 12, in->uuid);
		}
	}
	/* stalls */
	{
		const char *const h[] = { L(L_DAY), L(L_MARKET), L(L_STALL), L(L_TYPE), L(L_SCORE),
					  L(L_BAND), L(L_CRITICAL), L(L_INSPECTOR), L(L_UUID) };
		sheet(x, L_SHEET_STALLS, h, (int)(sizeof h / sizeof h[0]));
		for (int i = 0; i < s->nstalls; i++, x->row++) {
			const struct sum_stall *v = &s->stalls[i];
			const struct sum_inspection *in = &s->inspections[v->inspection];
			s_(x, 0, in->day); s_(x, 1, s->markets[in->market].name); s_(x, 2, v->stall_code);
			s_(x, 3, s->types[v->type].name[x->lang]); sc_(x, 4, v->score);
			s_(x, 5, band_label(v->band, x->lang));
			n_(x, 6, v->critical, NULL); s_(x, 7, in->inspector); s_(x, 8, in->uuid);
		}
	}
	/* failed items */
	{
		const char *const h[] = { L(L_ITEM_ID), L(L_ITEM), L(L_CATEGORY), L(L_COUNT), L(L_ANSWERED),
					  L(L_SHARE), L(L_ITEM_MARKETS) };
		sheet(x, L_SHEET_ITEMS, h, (int)(sizeof h / sizeof h[0]));
		for (int i = 0; i < s->nitems; i++) {
			const struct sum_item *it = &s->items[i];
			if (!it->fails)
				continue;
			s_(x, 0, it->item_id); s_(x, 1, it->text[x->lang]);
			s_(x, 2, it->category >= 0 ? s->categories[it->category].name[x->lang] : "?");
			n_(x, 3, it->fails, NULL); n_(x, 4, it->answered, NULL);
			n_(x, 5, it->share, x->pct); n_(x, 6, it->markets, NULL);
			x->row++;
		}
	}
	/* rectifications */
	{
		const char *const h[] = { L(L_MARKET), L(L_STALL), L(L_ITEM_ID), L(L_CATEGORY), L(L_CRITICAL),
					  L(L_OPENED), L(L_DEADLINE), L(L_STATUS), L(L_CLOSED),
					  L(L_OVERDUE), L(L_UUID) };
		sheet(x, L_SHEET_RECTS, h, (int)(sizeof h / sizeof h[0]));
		for (int i = 0; i < s->nrects; i++, x->row++) {
			const struct sum_rect *r = &s->rects[i];
			s_(x, 0, r->market_name); s_(x, 1, r->stall_code); s_(x, 2, r->item_id);
			int cat = -1; /* the category and the state in words, as elsewhere in the book */
			for (int k = 0; k < s->ncategories && cat < 0; k++)
				if (!strcmp(s->categories[k].code, r->category))
					cat = k;
			s_(x, 3, cat >= 0 ? s->categories[cat].name[x->lang] : r->category);
			n_(x, 4, r->critical, NULL); s_(x, 5, r->opened_day); s_(x, 6, r->deadline);
			s_(x, 7, r->carried ? L(L_ST_CARRIED) : rectify_state_label(r->status, 0, x->lang));
			s_(x, 8, r->closed_day);
			n_(x, 9, r->overdue, NULL); s_(x, 10, r->uuid);
		}
	}
	lxw_error e = workbook_close(x->wb);
	if (e != LXW_NO_ERROR)
		return sc_fail(err, SC_ERR_IO, "cannot write workbook %s: %s", path, lxw_strerror(e));
	return SC_OK;
}
