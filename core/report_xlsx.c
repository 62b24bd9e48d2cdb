/* report_xlsx: an Excel workbook with libxlsxwriter, made to be sorted,
 * filtered and printed: one table a sheet - the summary's tables (the same
 * as the other formats) each on its own sheet, then detail sheets:
 * inspections, stalls, failed items, rectifications (with the finding and
 * the area). Numbers are numbers and days are dates; every table has a
 * frozen header row with a filter, columns as wide as their text (CJK
 * counted by display columns, long text wrapped), and prints landscape on
 * A4, one page wide, header repeated, the sheet's name at the head of
 * every page and "page / pages" at the foot. Sheet
 * names are valid and unique. All text comes from the summary, already
 * valid UTF-8 without control characters. The creation time is o->now, so
 * the same data gives the same bytes. */
#include "i18n.h"
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "dynlib.h"
#include "photo.h"
#include "rectify.h"
#include "score.h"
#include "store.h"
#include "utf8.h"

/* libxlsxwriter is opened when a workbook is written, not linked: linked,
 * it brought libcrypto's ~21,000 relocations into every start of the
 * program (--version, the TUI's first frame, every CLI command) for what
 * only this writer uses. The library is the one the build saw (its
 * soname's version is in its header). */
#define XLSX_LIB "libxlsxwriter.so." LXW_SOVERSION
#define XLSX_FUNCS(X) \
	X(chart_add_series) \
	X(chart_axis_set_crossing) \
	X(chart_axis_set_crossing_max) \
	X(chart_axis_set_max) \
	X(chart_axis_set_min) \
	X(chart_axis_set_name) \
	X(chart_axis_set_num_format) \
	X(chart_axis_set_reverse) \
	X(chart_legend_set_position) \
	X(chart_series_set_categories) \
	X(chart_series_set_line) \
	X(chart_series_set_marker_type) \
	X(chart_series_set_name) \
	X(chart_series_set_points) \
	X(chart_series_set_values) \
	X(chart_title_set_name) \
	X(format_set_align) \
	X(format_set_bg_color) \
	X(format_set_bold) \
	X(format_set_font_size) \
	X(format_set_num_format) \
	X(format_set_text_wrap) \
	X(lxw_strerror) \
	X(workbook_add_chart) \
	X(workbook_add_format) \
	X(workbook_add_worksheet) \
	X(workbook_close) \
	X(workbook_get_worksheet_by_name) \
	X(workbook_new_opt) \
	X(workbook_set_properties) \
	X(worksheet_autofilter) \
	X(worksheet_fit_to_pages) \
	X(worksheet_freeze_panes) \
	X(worksheet_insert_chart_opt) \
	X(worksheet_repeat_rows) \
	X(worksheet_set_column) \
	X(worksheet_set_footer) \
	X(worksheet_set_header) \
	X(worksheet_set_landscape) \
	X(worksheet_set_margins) \
	X(worksheet_set_paper) \
	X(worksheet_set_row) \
	X(worksheet_write_datetime) \
	X(worksheet_write_number) \
	X(worksheet_write_string)

static struct {
#define XLSX_PTR(name) __typeof__(name) *name;
	XLSX_FUNCS(XLSX_PTR)
#undef XLSX_PTR
} xl;

static int xlsx_load(struct sc_err *err)
{
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	static char why[300];
	if (!state) {
#define XLSX_SYM(name) { #name, (void **)&xl.name },
		static const struct dynlib_sym syms[] = { XLSX_FUNCS(XLSX_SYM) };
#undef XLSX_SYM
		state = dynlib_open(XLSX_LIB, syms, (int)(sizeof syms / sizeof *syms), why, sizeof why) ? -1 : 1;
	}
	if (state < 0)
		return sc_fail(err, SC_ERR_IO, "libxlsxwriter (%s) cannot be loaded: %s", XLSX_LIB, why);
	return SC_OK;
}

#define X_COLS 16                  /* widest table */
#define X_WRAP 50                  /* a column wider than this wraps its text */
#define X_BUFS 32                  /* sheets given a bigger stdio buffer (x_sheet_buffer) */
#define X_BUF 65536

struct xctx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *title, *pct, *num1, *date, *wrap, *top;
	int row;
	int tall_row, tall_lines;  /* the row given a height for wrapped text (-1: none), its lines */
	int lang;
	const char *section;       /* title of the summary section being written */
	int head_row, ncols;       /* the sheet's table: its header row and width (0: none) */
	int note_row;              /* the sheet's note above its table (-1: none) and its text */
	char note[1024];
	int width[X_COLS];         /* display columns of each column's widest cell */
	lxw_chart_fill *fills;     /* the market bars' colours, kept until the book is closed */
	lxw_chart_point *points, **ppoints;
	char *bufs[X_BUFS];        /* the sheets' temporary files' buffers, the same */
	int nbufs;
};

static void x_width(struct xctx *x, int col, int w)
{
	if (col < X_COLS && w > x->width[col])
		x->width[col] = w;
}

/* The sheet done: columns as wide as their text (capped, the rest wraps),
 * the table filterable, and printed landscape one page wide with its
 * header on every page and "page / pages" at the foot. */
static void x_finish(struct xctx *x)
{
	if (!x->ws)
		return;
	for (int c = 0; c < X_COLS; c++)
		if (x->width[c])
			xl.worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c,
					     (x->width[c] < X_WRAP ? x->width[c] : X_WRAP) + 2, NULL);
	if (x->ncols) {
		int last = x->row - 1 > x->head_row ? x->row - 1 : x->head_row;
		xl.worksheet_autofilter(x->ws, (lxw_row_t)x->head_row, 0, (lxw_row_t)last,
				     (lxw_col_t)(x->ncols - 1));
		xl.worksheet_repeat_rows(x->ws, (lxw_row_t)x->head_row, (lxw_row_t)x->head_row);
		xl.worksheet_freeze_panes(x->ws, (lxw_row_t)(x->head_row + 1), 0);
	}
	xl.worksheet_set_landscape(x->ws);
	xl.worksheet_set_paper(x->ws, 9); /* A4 */
	xl.worksheet_set_margins(x->ws, 0.4, 0.4, 0.5, 0.5);
	xl.worksheet_fit_to_pages(x->ws, 1, 0);
	xl.worksheet_set_header(x->ws, "&C&A");
	xl.worksheet_set_footer(x->ws, "&C&P / &N");
}

/* The new sheet's rows stream through a stdio temporary file of
 * libxlsxwriter's (constant_memory), which is read back when the book is
 * closed: with stdio's 4 KB buffer that was a system call per 4 KB of XML
 * each way (15,600 on the 30 x 365 month). A 64 KB buffer, freed after
 * workbook_close (which closes the file); the field is in the library's
 * public struct, as the sheet's name the charts use. */
static void x_sheet_buffer(struct xctx *x)
{
	FILE *f = x->ws ? x->ws->optimize_tmpfile : NULL;
	if (!f || x->nbufs == X_BUFS || !(x->bufs[x->nbufs] = malloc(X_BUF)))
		return;
	if (setvbuf(f, x->bufs[x->nbufs], _IOFBF, X_BUF) == 0)
		x->nbufs++;
	else
		free(x->bufs[x->nbufs]);
}

/* A new sheet named name (Excel: at most 31 characters, none of []:*?/\,
 * unique: a second one of the same name gets " 2"). */
static void x_sheet(struct xctx *x, const char *src)
{
	char name[160];
	x_finish(x);
	for (int k = 1; ; k++) {
		char suffix[8] = "";
		if (k > 1)
			snprintf(suffix, sizeof suffix, " %d", k);
		int room = 31 - (int)strlen(suffix), chars = 0;
		size_t o = 0;
		for (const unsigned char *p = (const unsigned char *)src; *p && chars < room && o + 5 < 128; ) {
			int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
			if (len == 1 && strchr("[]:*?/\\", *p))
				name[o++] = '_';
			else
				for (int j = 0; j < len && p[j]; j++)
					name[o++] = (char)p[j];
			p += len;
			chars++;
		}
		snprintf(name + o, sizeof name - o, "%s", suffix);
		if (!xl.workbook_get_worksheet_by_name(x->wb, name))
			break;
	}
	x->ws = xl.workbook_add_worksheet(x->wb, name);
	x_sheet_buffer(x);
	x->row = 0;
	x->head_row = 0;
	x->ncols = 0;
	x->tall_row = -1;
	x->note_row = -1;
	memset(x->width, 0, sizeof x->width);
}

/* A row holding text of w columns wrapped in a column X_WRAP wide gets
 * the height of its lines: not every reader (LibreOffice) fits rows to
 * wrapped text, and a cut line is lost on paper. Word breaks waste some
 * of each line, hence the margin. */
static void x_tall(struct xctx *x, int w)
{
	int lines = (w + X_WRAP - 7) / (X_WRAP - 6);
	if (x->tall_row == x->row && lines <= x->tall_lines)
		return;
	x->tall_row = x->row;
	x->tall_lines = lines;
	xl.worksheet_set_row(x->ws, (lxw_row_t)x->row, 15.0 * lines, NULL);
}

static void s_(struct xctx *x, int col, const char *t)
{
	t = t ? t : "";
	int w = utf8_width(t);
	x_width(x, col, w);
	if (w > X_WRAP)
		x_tall(x, w);
	xl.worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, t, w > X_WRAP ? x->wrap : x->top);
}

static void n_(struct xctx *x, int col, double v, lxw_format *fmt)
{
	char buf[32];
	int w = 0;
	if (!fmt && !signbit(v) && v < 1e6 && v == (double)(long)v) { /* a count: its digits, as %g prints it */
		for (long k = (long)v; k || !w; k /= 10)
			w++;
	} else {
		w = snprintf(buf, sizeof buf, fmt == x->pct ? "%.1f%%" : fmt == x->num1 ? "%.1f" : "%g",
			     fmt == x->pct ? 100 * v : v);
	}
	x_width(x, col, w);
	xl.worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, v, fmt ? fmt : x->top);
}

/* the digits of s[0..n) as a number, -1 when one is not a digit */
static int x_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* a day YYYY-MM-DD as an Excel date; empty stays empty. The stored form
 * is read by hand (sscanf was 1.6 % of a workbook), any other as before. */
static void d_(struct xctx *x, int col, const char *day)
{
	lxw_datetime dt = { 0 };
	int ok = day && strlen(day) == 10 && day[4] == '-' && day[7] == '-';
	if (ok) {
		dt.year = x_digits(day, 4);
		dt.month = x_digits(day + 5, 2);
		dt.day = x_digits(day + 8, 2);
		ok = dt.year >= 0 && dt.month >= 0 && dt.day >= 0;
	}
	if (!ok && (!day || sscanf(day, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) != 3)) {
		s_(x, col, day);
		return;
	}
	x_width(x, col, 10);
	xl.worksheet_write_datetime(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, &dt, x->date);
}

/* a score cell: the number as shown (rounded once), or empty when none */
static void sc_(struct xctx *x, int col, double v)
{
	if (v >= 0)
		n_(x, col, score_round(v), x->num1);
}

static void put(struct xctx *x, int col, const struct rcell *c)
{
	switch (c->kind) {
	case RC_TEXT: case RC_CODE: s_(x, col, c->text); break;
	case RC_DATE: d_(x, col, c->text); break;
	default: n_(x, col, c->num, c->kind == RC_PCT ? x->pct : c->kind == RC_REAL ? x->num1 : NULL);
	}
}

/* Each summary section on a sheet of its own, named by its title. */
static void x_section(void *ctx, int id, const char *title)
{
	struct xctx *x = ctx;
	x->section = title;
	if (id == RS_OVERVIEW) /* under the report's title on the first sheet */
		xl.worksheet_write_string(x->ws, (lxw_row_t)x->row++, 0, title, x->title);
	else
		x_sheet(x, title);
}

/* A note under a table joins the sheet's note above it: rows under the
 * table would fall into its filter and its sorting. */
static void x_para(void *ctx, const char *text)
{
	struct xctx *x = ctx;
	size_t n = strlen(x->note);
	if (x->ncols && x->note_row >= 0) {
		snprintf(x->note + n, sizeof x->note - n, " %s", text);
		xl.worksheet_write_string(x->ws, (lxw_row_t)x->note_row, 0, x->note, NULL);
		return;
	}
	x->note_row = x->row;
	snprintf(x->note, sizeof x->note, "%s", text);
	xl.worksheet_write_string(x->ws, (lxw_row_t)x->row++, 0, text, NULL);
}

/* A table: one a sheet, so a second one in a section starts "title 2". */
static void x_header(void *ctx, const char *const *cols, int n)
{
	struct xctx *x = ctx;
	if (x->ncols)
		x_sheet(x, x->section);
	x->head_row = x->row;
	x->ncols = n;
	for (int i = 0; i < n; i++) {
		x_width(x, i, utf8_width(cols[i]) + 2); /* bold, and room for the filter button */
		xl.worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)i, cols[i], x->head);
	}
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

/* a detail sheet: the header row, then the caller's rows */
static void sheet(struct xctx *x, int key, const char *const *cols, int n)
{
	x_sheet(x, report_label(key, x->lang));
	x_header(x, cols, n);
}

#define L(k) report_label(k, x->lang)

/* ---------- native charts ---------- */

/* A chart's axis name: its unit, where it starts, the pass line. */
static void axis_name(struct xctx *x, char *buf, size_t sz, int unit, int base, int pass_line)
{
	int n = snprintf(buf, sz, "%s", L(unit));
	if (base > 0 && n >= 0 && (size_t)n < sz)
		n += snprintf(buf + n, sz - (size_t)n, sc_trc_lang(x->lang, "report", "; The axis starts at %d"), base);
	if (pass_line > 0 && pass_line < base && n >= 0 && (size_t)n < sz)
		snprintf(buf + n, sz - (size_t)n, sc_trc_lang(x->lang, "report", "; the pass line is below the axis %d"),
			 pass_line);
}

static lxw_chart *x_chart(struct xctx *x, int type, const char *title)
{
	lxw_chart *c = xl.workbook_add_chart(x->wb, (uint8_t)type);
	xl.chart_title_set_name(c, title);
	return c;
}

/* a series of the charts sheet: n rows from row 1, categories in column
 * cat, values in column val */
static lxw_chart_series *x_series(lxw_chart *c, const char *sheet, int n, int cat, int val, const char *name)
{
	lxw_chart_series *sr = xl.chart_add_series(c, NULL, NULL);
	xl.chart_series_set_categories(sr, sheet, 1, (lxw_col_t)cat, (lxw_row_t)n, (lxw_col_t)cat);
	xl.chart_series_set_values(sr, sheet, 1, (lxw_col_t)val, (lxw_row_t)n, (lxw_col_t)val);
	xl.chart_series_set_name(sr, name);
	return sr;
}

/* the chart, its series added, at row of column M: right of the data */
static void x_place(struct xctx *x, lxw_chart *c, int row)
{
	lxw_chart_options opt = { .x_offset = 0, .y_offset = 0, .x_scale = 1.6, .y_scale = 1.2 };
	xl.worksheet_insert_chart_opt(x->ws, (lxw_row_t)row, 12, c, &opt);
}

/* The charts of the HTML report as Excel charts, on a sheet of their own
 * with the data they draw: score by market (bars in their band's colour,
 * standing on the pass line), failures by category, the mean score by day
 * with the pass line. Excel and WPS draw them; every axis says where it
 * starts. The points' colours live until the workbook is closed. */
static void x_charts(struct xctx *x, const struct summary *s)
{
	const char *sheet = L(L_SHEET_CHARTS);
	x_sheet(x, sheet);
	sheet = x->ws->name; /* as x_sheet made it valid and unique */
	const char *const h[] = { L(L_MARKET), L(L_SCORE), L(L_BAND), "", L(L_CATEGORY), L(L_FAILS), "",
				  L(L_DAY), L(L_MEAN), L(L_PASS_LINE) };
	for (int i = 0; i < 10; i++)
		if (h[i][0]) {
			x_width(x, i, utf8_width(h[i]) + 2);
			xl.worksheet_write_string(x->ws, 0, (lxw_col_t)i, h[i], x->head);
		}
	int rows = s->nmarkets > s->ncategories ? s->nmarkets : s->ncategories;
	rows = rows > s->ndays ? rows : s->ndays;
	double lo_m = 100, lo_d = 100;
	for (x->row = 1; x->row <= rows; x->row++) {
		int i = x->row - 1;
		if (i < s->nmarkets) {
			const struct sum_market *m = &s->markets[i];
			s_(x, 0, m->name);
			sc_(x, 1, m->score);
			s_(x, 2, summary_band_name(s, m->grade, m->band, x->lang));
			if (m->score >= 0 && m->score < lo_m)
				lo_m = m->score;
		}
		if (i < s->ncategories) {
			s_(x, 4, s->categories[i].name[x->lang]);
			n_(x, 5, s->categories[i].fails, NULL);
		}
		if (i < s->ndays) {
			d_(x, 7, s->days[i].day);
			sc_(x, 8, s->days[i].mean);
			if (s->pass_line > 0)
				n_(x, 9, s->pass_line, NULL);
			if (s->days[i].mean >= 0 && s->days[i].mean < lo_d)
				lo_d = s->days[i].mean;
		}
	}
	char name[256];
	/* score by market */
	if (s->nmarkets) {
		lxw_chart *c = x_chart(x, LXW_CHART_COLUMN, L(L_SCOREMKT));
		lxw_chart_series *sr = x_series(c, sheet, s->nmarkets, 0, 1, L(L_SCORE));
		x->fills = calloc((size_t)s->nmarkets, sizeof *x->fills);
		x->points = calloc((size_t)s->nmarkets, sizeof *x->points);
		x->ppoints = calloc((size_t)s->nmarkets + 1, sizeof *x->ppoints);
		if (x->fills && x->points && x->ppoints) {
			for (int i = 0; i < s->nmarkets; i++) {
				x->fills[i].color = report_band_rgb(s->markets[i].band);
				x->points[i].fill = &x->fills[i];
				x->ppoints[i] = &x->points[i];
			}
			xl.chart_series_set_points(sr, x->ppoints);
		}
		int base = report_axis_base(lo_m, s->pass_line);
		xl.chart_axis_set_min(c->y_axis, base);
		xl.chart_axis_set_max(c->y_axis, 100);
		axis_name(x, name, sizeof name, L_SCORE_UNIT, base, s->pass_line);
		if (s->pass_line >= base && s->pass_line > 0) { /* bars stand on the pass line */
			xl.chart_axis_set_crossing(c->y_axis, s->pass_line);
			snprintf(name + strlen(name), sizeof name - strlen(name),
				 sc_trc_lang(x->lang, "report", "; bars start at the pass line: down is below it %d"),
				 s->pass_line);
		}
		xl.chart_axis_set_name(c->y_axis, name);
		xl.chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
		x_place(x, c, 1);
	}
	/* failures by category */
	if (s->ncategories) {
		lxw_chart *c = x_chart(x, LXW_CHART_BAR, L(L_FAILCAT));
		x_series(c, sheet, s->ncategories, 4, 5, L(L_FAILS));
		/* a bar chart's value axis is its x axis */
		xl.chart_axis_set_min(c->x_axis, 0);
		xl.chart_axis_set_name(c->x_axis, L(L_FAIL_UNIT));
		xl.chart_axis_set_reverse(c->y_axis); /* the first category on top, as in the table */
		xl.chart_axis_set_crossing_max(c->y_axis); /* and the value axis still at the foot */
		xl.chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
		x_place(x, c, 22);
	}
	/* the mean score by day, and the pass line */
	if (s->ndays) {
		lxw_chart *c = x_chart(x, LXW_CHART_LINE, L(L_TREND));
		xl.chart_series_set_marker_type(x_series(c, sheet, s->ndays, 7, 8, L(L_MEAN)), LXW_CHART_MARKER_CIRCLE);
		int base = report_axis_base(lo_d, s->pass_line);
		if (s->pass_line >= base && s->pass_line > 0) {
			lxw_chart_series *pl = x_series(c, sheet, s->ndays, 7, 9, L(L_PASS_LINE));
			lxw_chart_line dash = { .color = 0xC62828, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH };
			xl.chart_series_set_line(pl, &dash);
			xl.chart_series_set_marker_type(pl, LXW_CHART_MARKER_NONE);
		}
		xl.chart_axis_set_min(c->y_axis, base);
		xl.chart_axis_set_max(c->y_axis, 100);
		axis_name(x, name, sizeof name, L_SCORE_UNIT, base, s->pass_line);
		xl.chart_axis_set_name(c->y_axis, name);
		xl.chart_axis_set_num_format(c->x_axis, "mm-dd");
		xl.chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
		x_place(x, c, 43);
	}
}

int report_xlsx(const char *path, const struct summary *s, const struct report_opts *o,
		struct sc_err *err)
{
	struct xctx xc = { 0 }, *x = &xc;
	int rc = xlsx_load(err);
	if (rc)
		return rc;
	x->lang = o->lang == LANG_EN ? LANG_EN : LANG_ZH;
	/* rows are written in order, so each sheet streams to a temporary file
	 * instead of being held in memory (a month is ~30k detail rows) */
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	x->wb = xl.workbook_new_opt(path, &wo);
	if (!x->wb)
		return sc_fail(err, SC_ERR_IO, "cannot create workbook %s", path);
	lxw_doc_properties props = { 0 };
	props.title = (char *)report_label(L_TITLE, x->lang);
	props.created = o->now;
	xl.workbook_set_properties(x->wb, &props);
	x->head = xl.workbook_add_format(x->wb);
	xl.format_set_bold(x->head);
	xl.format_set_bg_color(x->head, 0xEEEEEE);
	xl.format_set_text_wrap(x->head);
	x->date = xl.workbook_add_format(x->wb);
	xl.format_set_num_format(x->date, "yyyy-mm-dd");
	x->wrap = xl.workbook_add_format(x->wb);
	xl.format_set_text_wrap(x->wrap);
	x->title = xl.workbook_add_format(x->wb);
	xl.format_set_bold(x->title);
	xl.format_set_font_size(x->title, 13);
	x->pct = xl.workbook_add_format(x->wb);
	xl.format_set_num_format(x->pct, "0.0%");
	x->num1 = xl.workbook_add_format(x->wb);
	xl.format_set_num_format(x->num1, "0.0");
	x->top = xl.workbook_add_format(x->wb);
	/* a row made tall by wrapped text reads from its top line, every cell */
	lxw_format *const cells[] = { x->wrap, x->date, x->pct, x->num1, x->top };
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		xl.format_set_align(cells[i], LXW_ALIGN_VERTICAL_TOP);

	/* summary */
	static const struct report_ops ops = { x_section, x_para, x_header, x_row, x_end };
	char scope[1024], when[32], line[1400];
	x_sheet(x, L(L_SHEET_SUMMARY));
	report_scope(s, x->lang, scope, sizeof scope);
	report_time(o->now, when, sizeof when);
	xl.worksheet_write_string(x->ws, 0, 0, L(L_TITLE), x->title);
	const char *colon = report_colon(x->lang);
	snprintf(line, sizeof line, "%s%s%s ~ %s · %s%s%s", L(L_PERIOD), colon, s->from, s->to, L(L_SCOPE), colon,
		 scope);
	xl.worksheet_write_string(x->ws, 1, 0, line, NULL);
	snprintf(line, sizeof line, "%s%s%s", L(L_GENERATED), colon, when);
	xl.worksheet_write_string(x->ws, 2, 0, line, NULL);
	x->row = 4;
	report_walk(s, x->lang, &ops, x);
	if (s->ninspections)
		x_charts(x, s);

	/* inspections */
	{
		const char *const h[] = { L(L_DAY), L(L_MARKET), L(L_DISTRICT), L(L_INSPECTOR), L(L_STATUS),
					  L(L_TEMPLATE), L(L_VERSION), L(L_SCORE), L(L_BAND), L(L_STALLS),
					  L(L_FAILS), L(L_CRITICAL), L(L_UUID) };
		sheet(x, L_SHEET_INSPECTIONS, h, (int)(sizeof h / sizeof h[0]));
		for (int i = 0; i < s->ninspections; i++, x->row++) {
			const struct sum_inspection *in = &s->inspections[i];
			const struct sum_market *m = &s->markets[in->market];
			d_(x, 0, in->day); s_(x, 1, m->name); s_(x, 2, m->district);
			s_(x, 3, in->inspector); s_(x, 4, status_label(in->status, x->lang)); s_(x, 5, in->tpl_id);
			s_(x, 6, in->tpl_version); sc_(x, 7, in->score);
			s_(x, 8, summary_band_name(s, in->grade, in->band, x->lang)); n_(x, 9, in->stalls, NULL);
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
			d_(x, 0, in->day); s_(x, 1, s->markets[in->market].name); s_(x, 2, v->stall_code);
			s_(x, 3, s->types[v->type].name[x->lang]); sc_(x, 4, v->score);
			s_(x, 5, summary_band_name(s, v->grade, v->band, x->lang));
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
		const char *const h[] = { L(L_MARKET), L(L_STALL), L(L_AREA), L(L_ITEM_ID), L(L_ITEM),
					  L(L_FINDING), L(L_CATEGORY), L(L_CRITICAL), L(L_OPENED),
					  L(L_DEADLINE), L(L_STATUS), L(L_CLOSED), L(L_OVERDUE), L(L_UUID),
					  L(L_PHOTOS) };
		sheet(x, L_SHEET_RECTS, h, (int)(sizeof h / sizeof h[0]));
		int photos = o->db && photo_any(o->db);
		for (int i = 0; i < s->nrects; i++) {
			const struct sum_rect *r = &s->rects[i];
			if (!r->listed)
				continue;
			s_(x, 0, r->market_name); s_(x, 1, r->stall_code);
			s_(x, 2, r->stall_code[0] ? "" : r->area_name[x->lang][0] ? r->area_name[x->lang]
				 : r->area_name[LANG_ZH][0] ? r->area_name[LANG_ZH] : L(L_MARKETWIDE));
			s_(x, 3, r->item_id);
			s_(x, 4, r->finding[x->lang][0] ? r->finding[x->lang] : r->finding[LANG_ZH]);
			s_(x, 5, r->note);
			int cat = -1; /* the category and the state in words, as elsewhere in the book */
			for (int k = 0; k < s->ncategories && cat < 0; k++)
				if (!strcmp(s->categories[k].code, r->category))
					cat = k;
			s_(x, 6, cat >= 0 ? s->categories[cat].name[x->lang] : r->category);
			n_(x, 7, r->critical, NULL); d_(x, 8, r->opened_day); d_(x, 9, r->deadline);
			s_(x, 10, r->carried ? L(L_ST_CARRIED) : rectify_state_label(r->status, 0, x->lang));
			d_(x, 11, r->closed_day);
			n_(x, 12, r->overdue, NULL); s_(x, 13, r->uuid);
			n_(x, 14, photos ? photo_rect_count(o->db, r->uuid) : 0, NULL);
			x->row++;
		}
	}
	x_finish(x);
	lxw_error e = xl.workbook_close(x->wb);
	free(x->fills);
	for (int i = 0; i < x->nbufs; i++)
		free(x->bufs[i]);
	free(x->points);
	free(x->ppoints);
	if (e != LXW_NO_ERROR)
		return sc_fail(err, SC_ERR_IO, "cannot write workbook %s: %s", path, xl.lxw_strerror(e));
	return SC_OK;
}
