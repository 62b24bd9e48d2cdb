/* report_html: one self-contained, printable HTML file (XHTML-style, so it
 * parses as XML too): inline CSS, inline SVG charts (score by market,
 * failures by category, mean score by day), A4 print rules with table
 * headers repeated on every page and no row cut across pages.
 * Every value is escaped. */
#include "report.h"

#include <string.h>

#include "utf8.h"

static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

struct hctx {
	FILE *f;
	const struct summary *s;
	int lang;
	int last;              /* section whose chart is still to draw, -1 */
};

static const char css[] =
	"@page { size: A4; margin: 15mm 12mm; }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\","
	" \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif; font-size: 10.5pt;"
	" color: #222; max-width: 190mm; margin: 0 auto; }\n"
	"h1 { font-size: 18pt; margin: 0 0 4pt; }\n"
	"h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999;"
	" break-after: avoid; page-break-after: avoid; }\n"
	"p.meta { color: #555; margin: 0 0 8pt; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }\n"
	"th { background: #eee; word-break: keep-all; }\n"
	"td.n { text-align: right; white-space: nowrap; }\n"
	"td.d { white-space: nowrap; }\n"
	"td.note { white-space: pre-wrap; }\n"
	"svg { display: block; margin: 4pt 0 8pt; break-inside: avoid; }\n"
	"svg text { font-size: 11px; }\n";

static void h_section(void *ctx, int id, const char *title)
{
	(void)id;
	struct hctx *h = ctx;
	fputs("<h2>", h->f);
	esc(h->f, title);
	fputs("</h2>\n", h->f);
}

static void h_para(void *ctx, const char *text)
{
	struct hctx *h = ctx;
	fputs("<p>", h->f);
	esc(h->f, text);
	fputs("</p>\n", h->f);
}

static void h_header(void *ctx, const char *const *cols, int n)
{
	struct hctx *h = ctx;
	fputs("<table>\n<thead><tr>", h->f);
	for (int i = 0; i < n; i++) {
		fputs("<th>", h->f);
		esc(h->f, cols[i]);
		fputs("</th>", h->f);
	}
	fputs("</tr></thead>\n<tbody>\n", h->f);
}

static void h_row(void *ctx, const struct rcell *c, int n)
{
	struct hctx *h = ctx;
	fputs("<tr>", h->f);
	for (int i = 0; i < n; i++) {
		fputs(c[i].kind == RC_DATE ? "<td class=\"d\">" : c[i].kind != RC_TEXT ? "<td class=\"n\">"
		      : strchr(c[i].text, '\n') ? "<td class=\"note\">" : "<td>", h->f);
		esc(h->f, c[i].text);
		fputs("</td>", h->f);
	}
	fputs("</tr>\n", h->f);
}

static void label(FILE *f, const char *s, int cols)
{
	char buf[256];
	utf8_fit(s, cols, 1, buf, sizeof buf);
	esc(f, buf);
}

/* horizontal bars: n rows of (label, value), the bar from base to max;
 * integer values are printed without decimals */
static void bars(FILE *f, const char *title, int n, const char *(*lab)(const struct summary *, int, int),
		 double (*val)(const struct summary *, int), const struct summary *s, int lang,
		 double base, double max, int integer, const char *color)
{
	int rowh = 18, lw = 170, bw = 420, hgt = n * rowh + 24;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"660\" height=\"%d\""
		" viewBox=\"0 0 660 %d\" role=\"img\"><title>", hgt, hgt);
	esc(f, title);
	fputs("</title>\n", f);
	for (int i = 0; i < n; i++) {
		double v = val(s, i);
		int y = 4 + i * rowh;
		int w = max > base && v > base ? (int)((v - base) / (max - base) * bw + 0.5) : 0;
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 6, y + 12);
		label(f, lab(s, i, lang), 26);
		fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
			lw, y + 2, w, rowh - 5, color);
		fprintf(f, "<text x=\"%d\" y=\"%d\">", lw + w + 4, y + 12);
		if (v < 0)
			fputs("-", f);
		else
			fprintf(f, integer ? "%.0f" : "%.1f", v);
		fputs("</text>\n", f);
	}
	if (base > 0) /* say where the bars start */
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f</text>"
			"<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text>\n",
			lw, hgt - 4, base, lw + bw, hgt - 4, max);
	fputs("</svg>\n", f);
}

static const char *mkt_lab(const struct summary *s, int i, int lang) { (void)lang; return s->markets[i].name; }
static double mkt_val(const struct summary *s, int i) { return s->markets[i].score; }
static const char *cat_lab(const struct summary *s, int i, int lang) { return s->categories[i].name[lang]; }
static double cat_val(const struct summary *s, int i) { return s->categories[i].fails; }

static void trend(FILE *f, const struct summary *s, const char *title)
{
	int w = 660, hgt = 200, x0 = 40, y0 = 170, pw = 600, ph = 150;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
		" viewBox=\"0 0 %d %d\" role=\"img\"><title>", w, hgt, w, hgt);
	esc(f, title);
	fputs("</title>\n", f);
	for (int v = 0; v <= 100; v += 25)
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>\n",
			x0, y0 - v * ph / 100, x0 + pw, y0 - v * ph / 100, x0 - 4, y0 - v * ph / 100 + 4, v);
	int n = s->ndays;
	fputs("<polyline fill=\"none\" stroke=\"#2a6fb0\" stroke-width=\"2\" points=\"", f);
	for (int i = 0, first = 1; i < n; i++) {
		if (s->days[i].mean < 0)
			continue;
		double x = x0 + (n > 1 ? (double)i * pw / (n - 1) : pw / 2.0);
		double y = y0 - s->days[i].mean * ph / 100;
		fprintf(f, "%s%.1f,%.1f", first ? "" : " ", x, y);
		first = 0;
	}
	fputs("\"/>\n", f);
	for (int i = 0; i < n; i++) {
		double x = x0 + (n > 1 ? (double)i * pw / (n - 1) : pw / 2.0);
		if (s->days[i].mean >= 0)
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#2a6fb0\"/>\n", x,
				y0 - s->days[i].mean * ph / 100);
		if (i == 0 || i == n - 1 || n <= 10 || i % ((n + 9) / 10) == 0)
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, y0 + 16,
				s->days[i].day + 5);
	}
	fputs("</svg>\n", f);
}

static void h_end(void *ctx)
{
	struct hctx *h = ctx;
	fputs("</tbody>\n</table>\n", h->f);
}

/* charts go after the table of their section: the walk calls section()
 * for the next one, so draw the previous section's chart there */

static void chart_for(struct hctx *h, int id)
{
	const struct summary *s = h->s;
	int lang = h->lang;
	if (id == RS_CHANGE && s->ndays > 0)
		trend(h->f, s, report_label(L_TREND, lang));
	else if (id == RS_RANKING && s->nmarkets > 0) {
		/* start the bars a little below the lowest score so differences show */
		double lo = 100;
		for (int i = 0; i < s->nmarkets; i++)
			if (s->markets[i].score >= 0 && s->markets[i].score < lo)
				lo = s->markets[i].score;
		double base = lo >= 100 ? 0 : (double)((int)(lo / 10) * 10 - 10);
		bars(h->f, report_label(L_SCOREMKT, lang), s->nmarkets, mkt_lab, mkt_val, s, lang,
		     base > 0 ? base : 0, 100, 0, "#3c8d5a");
	}
	else if (id == RS_CATEGORIES && s->ncategories > 0) {
		double max = 0;
		for (int i = 0; i < s->ncategories; i++)
			if (s->categories[i].fails > max)
				max = s->categories[i].fails;
		fputs("<h2>", h->f);
		esc(h->f, report_label(L_FAILCAT, lang));
		fputs("</h2>\n", h->f);
		bars(h->f, report_label(L_FAILCAT, lang), s->ncategories, cat_lab, cat_val, s, lang, 0, max, 1, "#c0504d");
	}
}

static void h_section_charts(void *ctx, int id, const char *title)
{
	struct hctx *h = ctx;
	if (h->last >= 0)
		chart_for(h, h->last);
	h->last = id;
	h_section(ctx, id, title);
}

int report_html(FILE *f, const struct summary *s, const struct report_opts *o)
{
	static const struct report_ops ops = { h_section_charts, h_para, h_header, h_row, h_end };
	struct hctx h = { f, s, o->lang == LANG_EN ? LANG_EN : LANG_ZH, -1 };
	char scope[256], when[32];
	report_scope(s, h.lang, scope, sizeof scope);
	report_time(o->now, when, sizeof when);
	fprintf(f, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width\"/>\n<title>",
		h.lang == LANG_EN ? "en" : "zh-CN");
	esc(f, report_label(L_TITLE, h.lang));
	fprintf(f, " %s ~ %s</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", s->from, s->to, css);
	esc(f, report_label(L_TITLE, h.lang));
	fprintf(f, "</h1>\n<p class=\"meta\">%s: <span id=\"period\">%s ~ %s</span> · ",
		report_label(L_PERIOD, h.lang), s->from, s->to);
	esc(f, report_label(L_SCOPE, h.lang));
	fputs(": ", f);
	esc(f, scope);
	fprintf(f, " · %s: %s</p>\n", report_label(L_GENERATED, h.lang), when);
	report_walk(s, h.lang, &ops, &h);
	if (h.last >= 0)
		chart_for(&h, h.last);
	report_html_photos(f, s, o, h.lang);
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}
