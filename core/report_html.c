/* report_html: one self-contained, printable HTML file (XHTML-style, so it
 * parses as XML too): inline CSS, inline SVG charts (score by market,
 * failures by category, mean score by day) that scale to the screen and
 * say where their axis starts, the pass line and the bands in colour; A4
 * print rules with table headers repeated on every page, no row cut across
 * pages, page x/y at the foot; then a page for each market (its figures,
 * last period's rank, its score by day, its open rectifications).
 * Every value is escaped. The page around them and its style come from
 * the templates report/report.html and report.css (core/tmpl.h). */
#include "i18n.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "rectify.h"
#include "tmpl.h"
#include "utf8.h"

static void esc_put(void *f, const char *s, size_t n)
{
	fwrite(s, 1, n, f);
}

void report_html_esc(FILE *f, const char *s)
{
	tmpl_esc(s, esc_put, f);
}

struct hctx {
	FILE *f;
	const struct summary *s;
	int lang;
	int last;              /* section whose chart is still to draw, -1 */
};

static void h_section(void *ctx, int id, const char *title)
{
	(void)id;
	struct hctx *h = ctx;
	fputs("<h2>", h->f);
	report_html_esc(h->f, title);
	fputs("</h2>\n", h->f);
}

static void h_para(void *ctx, const char *text)
{
	struct hctx *h = ctx;
	fputs("<p class=\"note\">", h->f);
	report_html_esc(h->f, text);
	fputs("</p>\n", h->f);
}

static void h_header(void *ctx, const char *const *cols, int n)
{
	struct hctx *h = ctx;
	fputs("<div class=\"tw\"><table>\n<thead><tr>", h->f);
	for (int i = 0; i < n; i++) {
		fputs("<th>", h->f);
		report_html_esc(h->f, cols[i]);
		fputs("</th>", h->f);
	}
	fputs("</tr></thead>\n<tbody>\n", h->f);
}

/* a cell's class: numbers right and whole, days and codes whole, long
 * text given room so it does not stand one character a line */
static const char *cell_class(const struct rcell *c)
{
	switch (c->kind) {
	case RC_DATE: return " class=\"d\"";
	case RC_CODE: return " class=\"c\"";
	case RC_TEXT:
		if (strchr(c->text, '\n'))
			return " class=\"note\"";
		return utf8_width(c->text) > 16 ? " class=\"t\"" : " class=\"s\"";
	default: return " class=\"n\"";
	}
}

static void h_row(void *ctx, const struct rcell *c, int n)
{
	struct hctx *h = ctx;
	fputs("<tr>", h->f);
	for (int i = 0; i < n; i++) {
		fprintf(h->f, "<td%s>", cell_class(&c[i]));
		report_html_esc(h->f, c[i].text);
		fputs("</td>", h->f);
	}
	fputs("</tr>\n", h->f);
}

static void h_end(void *ctx)
{
	struct hctx *h = ctx;
	fputs("</tbody>\n</table></div>\n", h->f);
}

static void label(FILE *f, const char *s, int cols)
{
	char buf[256];
	utf8_fit(s, cols, 1, buf, sizeof buf);
	report_html_esc(f, buf);
}

/* ---------- charts: a figure with a caption that says what it shows ---------- */

#define CH_W 600                   /* viewBox width: scaled to the page's */

/* The caption: title, unit, where the axis starts and the pass line (or
 * that it lies below the axis). */
static void caption(FILE *f, int lang, const char *title, int unit, int base, int pass_line)
{
	fputs("<figure>\n<figcaption>", f);
	report_html_esc(f, title);
	fputs(" <span>", f);
	report_html_esc(f, report_label(unit, lang));
	char buf[160] = "";
	if (base > 0)
		snprintf(buf, sizeof buf, sc_trc_lang(lang, "report", ". The axis starts at %d"), base);
	report_html_esc(f, buf);
	buf[0] = '\0';
	if (pass_line > 0 && pass_line >= base)
		snprintf(buf, sizeof buf, sc_trc_lang(lang, "report", ". Dashed: the pass line %d"), pass_line);
	else if (pass_line > 0) /* not drawn: say where it is */
		snprintf(buf, sizeof buf, sc_trc_lang(lang, "report", ". The pass line %d is below the axis"),
			 pass_line);
	report_html_esc(f, buf);
	fputs("</span></figcaption>\n", f);
}

static void svg_open(FILE *f, int hgt, const char *title)
{
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\""
		" width=\"100%%\" preserveAspectRatio=\"xMinYMin meet\" style=\"max-width: %dpx\""
		" role=\"img\"><title>", CH_W, hgt, CH_W);
	report_html_esc(f, title);
	fputs("</title>\n", f);
}

struct bar {
	const char *label;
	double v;                  /* < 0: none */
	int band;                  /* colour; BAND_NONE: the chart's own */
	int mark;                  /* ※ after the value: decided by a critical failure */
	const char *band_name;     /* the band's name after the value (with band) */
};

/* Horizontal bars from base to max, the pass line dashed across them. */
static void bars(FILE *f, int lang, const char *title, int unit, const struct bar *b, int n,
		 int base, double max, int pass_line, int integer)
{
	int rowh = 22, lw = 150, bw = CH_W - lw - 110, top = 6, hgt = top + n * rowh + 22;
	int marks = 0;
	caption(f, lang, title, unit, base, pass_line);
	svg_open(f, hgt + 0, title);
	for (int i = 0; i < n; i++) {
		int y = top + i * rowh;
		int w = max > base && b[i].v > base ? (int)((b[i].v - base) / (max - base) * bw + 0.5) : 0;
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 6, y + 15);
		label(f, b[i].label, 18);
		fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%06x\"/>",
			lw, y + 3, w, rowh - 6, b[i].band == BAND_NONE ? 0xC0504Du : report_band_rgb(b[i].band));
		fprintf(f, "<text x=\"%d\" y=\"%d\">", lw + w + 4, y + 15);
		if (b[i].v < 0)
			fputs("-", f);
		else
			fprintf(f, integer ? "%.0f" : "%.1f", b[i].v);
		if (b[i].band != BAND_NONE && b[i].v >= 0) {
			fputs(" ", f);
			report_html_esc(f, b[i].band_name ? b[i].band_name : band_label(b[i].band, lang));
		}
		if (b[i].mark) {
			fputs("※", f);
			marks = 1;
		}
		fputs("</text>\n", f);
	}
	int ya = top + n * rowh; /* the axis: its start, its end, the pass line */
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", lw, ya, lw + bw, ya);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>"
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f</text>\n",
		lw, ya + 16, base, lw + bw, ya + 16, max);
	if (pass_line >= base && pass_line > 0 && pass_line < max) {
		int x = lw + (int)((pass_line - base) / (max - base) * bw + 0.5);
		fprintf(f, "<line class=\"pass\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
			"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
			x, top, x, ya, x, ya + 16, pass_line);
	}
	fputs("</svg>\n", f);
	if (marks) {
		fputs("<p class=\"note\">", f);
		report_html_esc(f, report_label(L_LEGEND_CRIT, lang));
		fputs("</p>\n", f);
	}
	fputs("</figure>\n", f);
}

struct point {
	const char *day;           /* YYYY-MM-DD */
	double v;                  /* < 0: none */
};

/* A score by day: the axis from where the data need to 100, gridlines,
 * the pass line when it is on the axis. */
static void trend(FILE *f, int lang, const char *title, const struct point *p, int n, int pass_line)
{
	int hgt = 220, x0 = 44, y0 = 190, pw = CH_W - x0 - 20, ph = 176;
	double lo = 100;
	for (int i = 0; i < n; i++)
		if (p[i].v >= 0 && p[i].v < lo)
			lo = p[i].v;
	int base = report_axis_base(lo, pass_line), span = 100 - base;
	int step = span <= 10 ? 2 : span <= 30 ? 5 : span <= 60 ? 10 : 20;
	caption(f, lang, title, L_SCORE_UNIT, base, pass_line);
	svg_open(f, hgt, title);
#define Y(v) (y0 - ((v) - base) * ph / span)
	for (int v = base; v <= 100; v += step)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n",
			x0, Y((double)v), x0 + pw, Y((double)v), x0 - 4, Y((double)v) + 4, v);
	if (pass_line >= base && pass_line > 0 && pass_line <= 100)
		fprintf(f, "<line class=\"pass\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n",
			x0, Y((double)pass_line), x0 + pw, Y((double)pass_line));
	fputs("<polyline fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"2\" points=\"", f);
	for (int i = 0, first = 1; i < n; i++) {
		if (p[i].v < 0)
			continue;
		fprintf(f, "%s%.1f,%.1f", first ? "" : " ", x0 + (n > 1 ? (double)i * pw / (n - 1) : pw / 2.0),
			Y(p[i].v));
		first = 0;
	}
	fputs("\"/>\n", f);
	for (int i = 0; i < n; i++) {
		double x = x0 + (n > 1 ? (double)i * pw / (n - 1) : pw / 2.0);
		if (p[i].v >= 0)
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f6fb2\"><title>%s %.1f</title></circle>\n",
				x, Y(p[i].v), p[i].day, score_round(p[i].v));
		/* about 8 day labels; none a step or less before the last, which it would overlap */
		if (i == 0 || i == n - 1 || n <= 8 || (i % ((n + 7) / 8) == 0 && n - 1 - i >= (n + 7) / 8))
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, y0 + 18,
				strlen(p[i].day) > 5 ? p[i].day + 5 : p[i].day);
	}
#undef Y
	fputs("</svg>\n</figure>\n", f);
}

/* the period's mean score by day */
static void chart_days(struct hctx *h)
{
	const struct summary *s = h->s;
	struct point *p = calloc((size_t)s->ndays + 1, sizeof *p);
	if (!p)
		return;
	for (int i = 0; i < s->ndays; i++)
		p[i] = (struct point){ s->days[i].day, s->days[i].mean };
	trend(h->f, h->lang, report_label(L_TREND, h->lang), p, s->ndays, s->pass_line);
	free(p);
}

static void chart_markets(struct hctx *h)
{
	const struct summary *s = h->s;
	struct bar *b = calloc((size_t)s->nmarkets + 1, sizeof *b);
	if (!b)
		return;
	double lo = 100;
	for (int i = 0; i < s->nmarkets; i++) {
		const struct sum_market *m = &s->markets[i];
		b[i] = (struct bar){ m->name, m->score, m->band,
				     report_fail_critical(m->band, m->score, m->critical, s->pass_line),
				     summary_band_name(s, m->grade, m->band, h->lang) };
		if (m->score >= 0 && m->score < lo)
			lo = m->score;
	}
	bars(h->f, h->lang, report_label(L_SCOREMKT, h->lang), L_SCORE_UNIT, b, s->nmarkets,
	     report_axis_base(lo, s->pass_line), 100, s->pass_line, 0);
	free(b);
}

static void chart_categories(struct hctx *h)
{
	const struct summary *s = h->s;
	struct bar *b = calloc((size_t)s->ncategories + 1, sizeof *b);
	if (!b)
		return;
	double max = 1;
	for (int i = 0; i < s->ncategories; i++) {
		b[i] = (struct bar){ s->categories[i].name[h->lang], s->categories[i].fails, BAND_NONE, 0, NULL };
		if (s->categories[i].fails > max)
			max = s->categories[i].fails;
	}
	fputs("<h2>", h->f);
	report_html_esc(h->f, report_label(L_FAILCAT, h->lang));
	fputs("</h2>\n", h->f);
	bars(h->f, h->lang, report_label(L_FAILCAT, h->lang), L_FAIL_UNIT, b, s->ncategories, 0, max, 0, 1);
	free(b);
}

/* charts go after the table of their section: the walk calls section()
 * for the next one, so draw the previous section's chart there */
static void chart_for(struct hctx *h, int id)
{
	const struct summary *s = h->s;
	if (id == RS_CHANGE && s->ndays > 0)
		chart_days(h);
	else if (id == RS_RANKING && s->nmarkets > 0)
		chart_markets(h);
	else if (id == RS_CATEGORIES && s->ncategories > 0)
		chart_categories(h);
}

static void h_section_charts(void *ctx, int id, const char *title)
{
	struct hctx *h = ctx;
	if (h->last >= 0)
		chart_for(h, h->last);
	h->last = id;
	h_section(ctx, id, title);
}

/* ---------- a page for each market ---------- */

#define MP_RECTS 12                /* open rectifications listed on a market's page */

/* one row of the market's figures: a label and a value */
static void mp_row(struct hctx *h, int key, const char *value, int fail)
{
	fputs("<tr><th>", h->f);
	report_html_esc(h->f, report_label(key, h->lang));
	fprintf(h->f, "</th><td%s>", fail ? " class=\"fail\"" : "");
	report_html_esc(h->f, value);
	fputs("</td></tr>\n", h->f);
}

/* still open on the as-of day, not carried into a repeat */
static int rect_open(const struct summary *s, const struct sum_rect *r)
{
	return !r->carried && (!r->closed_day[0] || strcmp(r->closed_day, s->rect_asof) > 0);
}

static void market_page(struct hctx *h, int k)
{
	const struct summary *s = h->s;
	const struct sum_market *m = &s->markets[k];
	FILE *f = h->f;
	int lang = h->lang;
	char v[512], sc[16];
	fputs("<section class=\"mp\">\n<h2>", f);
	report_html_esc(f, m->name);
	if (m->district[0]) {
		fputs(" <small>", f);
		report_html_esc(f, m->district);
		fputs("</small>", f);
	}
	fputs("</h2>\n<div class=\"tw\"><table>\n<tbody>\n", f);
	snprintf(v, sizeof v, "%d / %d", k + 1, s->nmarkets);
	mp_row(h, L_CUR_RANK, v, 0);
	mp_row(h, L_SCORE, score_text(m->score, "-", sc, sizeof sc), 0);
	char reason[300];
	report_band_reason(m->band, m->score, m->critical, s->pass_line, lang, reason, sizeof reason);
	if (reason[0])
		snprintf(v, sizeof v, sc_trc_lang(lang, "report", "%s (%s)"), summary_band_name(s, m->grade, m->band, lang),
			 reason);
	else
		snprintf(v, sizeof v, "%s", summary_band_name(s, m->grade, m->band, lang));
	mp_row(h, L_BAND, v, m->band == BAND_FAIL);
	if (m->prev_rank)
		snprintf(v, sizeof v, "%d / %d (%s ~ %s)", m->prev_rank, s->prev_ranked, s->prev_from, s->prev_to);
	else
		snprintf(v, sizeof v, "- (%s ~ %s)", s->prev_from, s->prev_to);
	mp_row(h, L_PREV_RANK, v, 0);
	mp_row(h, L_PREV_SCORE, score_text(m->prev_score, "-", sc, sizeof sc), 0);
	snprintf(v, sizeof v, "%d", m->inspections);
	mp_row(h, L_INSPECTIONS, v, 0);
	snprintf(v, sizeof v, "%d", m->stalls);
	mp_row(h, L_VISITS, v, 0);
	snprintf(v, sizeof v, "%d", m->fails);
	mp_row(h, L_FAILS, v, 0);
	snprintf(v, sizeof v, "%d", m->critical);
	mp_row(h, L_CRITICAL, v, m->critical > 0);
	fputs("</tbody>\n</table></div>\n", f);

	/* its score by day: the mean of the day's inspections */
	struct point *p = calloc((size_t)s->ninspections + 1, sizeof *p);
	int *cnt = calloc((size_t)s->ninspections + 1, sizeof *cnt), n = 0;
	for (int i = 0; p && cnt && i < s->ninspections; i++) {
		const struct sum_inspection *in = &s->inspections[i];
		if (in->market != k || in->score < 0)
			continue;
		if (!n || strcmp(p[n - 1].day, in->day) != 0) /* inspections come in day order */
			p[n++] = (struct point){ in->day, 0 };
		p[n - 1].v += in->score;
		cnt[n - 1]++;
	}
	for (int i = 0; i < n; i++)
		p[i].v /= cnt[i];
	if (n) {
		snprintf(v, sizeof v, "%s · %s", m->name, report_label(L_TREND, lang));
		trend(f, lang, v, p, n, s->pass_line);
	}
	free(p);
	free(cnt);

	/* its open rectifications */
	report_rect_asof(s, lang, v, sizeof v);
	fputs("<h3>", f);
	report_html_esc(f, report_label(L_OPEN_RECTS, lang));
	fputs("</h3>\n<p class=\"note\">", f);
	report_html_esc(f, v);
	fputs("</p>\n", f);
	int shown = 0, open = 0;
	for (int i = 0; i < s->nrects; i++) {
		const struct sum_rect *r = &s->rects[i];
		if (r->market != k || !rect_open(s, r))
			continue;
		if (open++ >= MP_RECTS)
			continue;
		if (!shown++) {
			const char *const hd[] = { report_label(L_STALL, lang), report_label(L_ITEM, lang),
						   report_label(L_FINDING, lang), report_label(L_OPENED, lang),
						   report_label(L_DEADLINE, lang), report_label(L_STATUS, lang) };
			h_header(h, hd, 6);
		}
		struct rcell c[6] = { 0 };
		const char *where = r->stall_code[0] ? r->stall_code : r->area_name[lang][0] ? r->area_name[lang]
			: r->area_name[LANG_ZH][0] ? r->area_name[LANG_ZH] : report_label(L_MARKETWIDE, lang);
		c[0] = (struct rcell){ .text = where, .kind = RC_CODE };
		c[1] = (struct rcell){ .text = r->item_id, .kind = RC_CODE };
		c[2] = (struct rcell){ .text = r->note[0] ? r->note : r->finding[lang][0] ? r->finding[lang]
				       : r->finding[LANG_ZH], .kind = RC_TEXT };
		c[3] = (struct rcell){ .text = r->opened_day, .kind = RC_DATE };
		c[4] = (struct rcell){ .text = r->deadline, .kind = RC_DATE };
		c[5] = (struct rcell){ .text = rectify_state_label("open", r->overdue, lang) };
		h_row(h, c, 6);
	}
	if (shown)
		h_end(h);
	if (!open || open > MP_RECTS) {
		char more[64];
		if (open)
			snprintf(more, sizeof more, sc_trc_lang(lang, "report", "and %d more"), open - MP_RECTS);
		h_para(h, open ? more : report_label(L_NOTHING, lang));
	}
	fputs("</section>\n", f);
}

/* The names report.html and report.css may use. */
static const char *const names[] = {
	"l.title", "l.period", "l.scope", "l.generated", "l.colon", "l.page", "l.of", "l.pages", "lang", "zh", "en",
	"from", "to", "scope",
	"generated", "unit", "&css", "&body", NULL
};

int report_templates_check(const char *const *dirs, struct sc_err *err)
{
	return tmpl_check_pair(dirs, "report", names, err);
}

/* The tables, charts, photos and market pages, into a malloc'd text. */
static int body(const struct summary *s, const struct report_opts *o, int lang, char **out,
		struct sc_err *err)
{
	static const struct report_ops ops = { h_section_charts, h_para, h_header, h_row, h_end };
	size_t len;
	FILE *f = open_memstream(out, &len);
	if (!f)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	struct hctx h = { f, s, lang, -1 };
	report_walk(s, lang, &ops, &h);
	if (h.last >= 0)
		chart_for(&h, h.last);
	report_html_photos(f, s, o, lang);
	for (int k = 0; k < s->nmarkets && s->ninspections; k++)
		market_page(&h, k);
	int bad = ferror(f);
	if (fclose(f) || bad) {
		free(*out);
		*out = NULL;
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	return SC_OK;
}

int report_html_text(const struct summary *s, const struct report_opts *o, char **html, size_t *len,
		     struct sc_err *err)
{
	int lang = o->lang == LANG_EN ? LANG_EN : LANG_ZH;
	struct tmpl_vars *v = tmpl_vars_new();
	char scope[1024], when[32], *text = NULL;
	*html = NULL;
	if (!v)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	report_scope(s, lang, scope, sizeof scope);
	report_time(o->now, when, sizeof when);
	tmpl_set(v, "l.title", report_label(L_TITLE, lang));
	tmpl_set(v, "l.period", report_label(L_PERIOD, lang));
	tmpl_set(v, "l.scope", report_label(L_SCOPE, lang));
	tmpl_set(v, "l.generated", report_label(L_GENERATED, lang));
	tmpl_set(v, "l.colon", report_colon(lang));
	tmpl_page_words(v, lang);
	tmpl_set(v, "lang", lang == LANG_EN ? "en" : "zh-CN");
	tmpl_set(v, lang == LANG_EN ? "en" : "zh", "1");
	tmpl_set(v, "from", s->from);
	tmpl_set(v, "to", s->to);
	tmpl_set(v, "scope", scope);
	tmpl_set(v, "generated", when);
	tmpl_set(v, "unit", o->unit);
	int rc = body(s, o, lang, &text, err);
	if (!rc) {
		tmpl_set(v, "body", text);
		rc = tmpl_page(o->tpl_dirs, "report", names, v, html, len, err);
	}
	free(text);
	tmpl_vars_free(v);
	return rc;
}

int report_html(FILE *f, const struct summary *s, const struct report_opts *o, struct sc_err *err)
{
	char *html;
	size_t len;
	int rc = report_html_text(s, o, &html, &len, err);
	if (rc)
		return rc;
	if (fwrite(html, 1, len, f) != len)
		rc = sc_fail(err, SC_ERR_IO, "cannot write the report");
	free(html);
	return rc;
}
