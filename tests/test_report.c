/* test_report: every export format written from a demo database and read
 * back with a real parser (tests/tools/check_report.py: python3 csv,
 * xml.etree for the XHTML-style HTML, openpyxl for the workbook), figures
 * compared with counts computed here with plain SQL; hostile notes
 * (quotes, commas, newlines, <script>, invalid UTF-8), an empty period, one
 * market, byte-identical reruns, and no overwrite without force. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/report.h"
#include "core/store.h"
#include "testutil.h"

static struct db *db;
static struct checklist cl;

#define FROM "2026-03-11"
#define TO "2026-03-20"
#define LIVE " i.status IN ('final','approved','returned') AND i.day BETWEEN ?1 AND ?2"
/* the note as stored (invalid byte FF) and as every export must show it */
#define NOTE_RAW "X'22E5898D2C223C7363726970743E616C6572742831293C2F7363726970743E0AFF6C696E6532'"
#define NOTE_OUT "\"前,\"<script>alert(1)</script>\n\xEF\xBF\xBDline2"

static const struct checklist *lookup(int64_t id, void *ctx)
{
	(void)id; (void)ctx;
	return &cl;
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	struct demo_opts o = { .markets = 3, .days = 20, .seed = 5, .stalls_min = 3, .stalls_max = 6 };
	snprintf(o.until, sizeof o.until, TO);
	tu_clock("2026-04-01T09:00"); /* after the data, whatever day the test runs */
	tu_checklist(&cl);
	assert_int_equal(db_open(&db, tu_path("rep.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(demo_generate(db, &cl, "body", &o, NULL, NULL, &err), SC_OK);
	/* as if synced from another machine: a critical failure with a hostile note */
	sqlite3_exec(db_handle(db), "DROP TRIGGER answer_sealed_update", NULL, NULL, NULL);
	assert_int_equal(db_run(db, &err,
				"UPDATE answer SET verdict = 'fail', critical = 1, earned = 0,"
				" note = CAST(" NOTE_RAW " AS TEXT) WHERE id = (SELECT min(a.id) FROM answer a"
				" JOIN inspection i ON i.id = a.inspection_id WHERE i.day = '2026-03-15'"
				" AND i.status IN ('final','approved','returned'))", NULL), SC_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_clock(NULL);
	db_close(db);
	checklist_clear(&cl);
	tu_cleanup();
	return 0;
}

static long long q(const char *sql)
{
	struct sc_err err;
	int64_t v = -1;
	assert_int_equal(db_int(db, &err, &v, sql, "tt", FROM, TO), SC_OK);
	return (long long)v;
}

static const char *python(void)
{
	return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* run the checker; args are KEY=VALUE words (single-quoted here) */
static int check(const char *fmt, const char *path, const char *args)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "%s tests/tools/check_report.py %s '%s' %s", python(), fmt, path, args);
	return system(cmd);
}

static void write_fmt(const struct summary *s, int fmt, const char *path, int force, int rc_want)
{
	struct sc_err err;
	struct report_opts o = { .format = fmt, .lang = LANG_ZH, .bom = 1, .force = force, .now = 1767225600,
				 .tpl_dirs = tu_tpl_dirs(),
				 .db = db, .tpl = lookup };
	int rc = report_write(s, path, &o, &err);
	if (rc != rc_want)
		fail_msg("report_write %s: %d %s", path, rc, err.msg);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	rewind(f);
	char *p = malloc(*n + 1);
	assert_int_equal(fread(p, 1, *n, f), *n);
	fclose(f);
	return p;
}

static void same_bytes(const char *a, const char *b)
{
	size_t na, nb;
	char *pa = slurp(a, &na), *pb = slurp(b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(pa, pb, na);
	free(pa);
	free(pb);
}

static void test_all_formats(void **state)
{
	(void)state;
	struct sc_err err;
	struct summary *s;
	char args[1024];
	assert_int_equal(summary_build(db, FROM, TO, NULL, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	long long answers = q("SELECT count(*) FROM answer a JOIN inspection i ON i.id = a.inspection_id WHERE" LIVE);
	long long fails = q("SELECT count(*) FROM answer a JOIN inspection i ON i.id = a.inspection_id"
			    " WHERE a.verdict = 'fail' AND" LIVE);
	long long insp = q("SELECT count(*) FROM inspection i WHERE" LIVE);
	long long visits = q("SELECT count(*) FROM visit v JOIN inspection i ON i.id = v.inspection_id WHERE" LIVE);
	char sum[64];
	assert_int_equal(db_text(db, &err, sum, sizeof sum, "SELECT total(score) FROM inspection i WHERE" LIVE,
				 "tt", FROM, TO), SC_OK);
	assert_true(insp > 5 && answers > 100 && fails > 0);

	write_fmt(s, REPORT_CSV, tu_path("a.csv"), 0, SC_OK);
	snprintf(args, sizeof args, "answers=%lld fails=%lld 'note=%s'", answers, fails, NOTE_OUT);
	assert_int_equal(check("csv", tu_path("a.csv"), args), 0);

	write_fmt(s, REPORT_HTML, tu_path("a.html"), 0, SC_OK);
	snprintf(args, sizeof args, "inspections=%lld 'note=%s' svg=3 market_pages=%d contains=%s", insp,
		 NOTE_OUT, s->nmarkets, s->markets[0].name);
	assert_int_equal(check("html", tu_path("a.html"), args), 0);

	write_fmt(s, REPORT_XLSX, tu_path("a.xlsx"), 0, SC_OK);
	char bands[256] = ""; /* the market bars' colours, in ranking order */
	for (int k = 0; k < s->nmarkets; k++)
		snprintf(bands + strlen(bands), sizeof bands - strlen(bands), "%s%06X", k ? "," : "",
			 report_band_rgb(s->markets[k].band));
	snprintf(args, sizeof args, "inspections=%lld score_sum=%s fails=%lld visits=%lld 'contains=%s'"
		 " charts=3 bands=%s", insp, sum, fails, visits, NOTE_OUT, bands);
	assert_int_equal(check("xlsx", tu_path("a.xlsx"), args), 0);

	write_fmt(s, REPORT_MD, tu_path("a.md"), 0, SC_OK);
	snprintf(args, sizeof args, "contains=%s", s->markets[0].name);
	assert_int_equal(check("md", tu_path("a.md"), args), 0);

	/* the same data gives the same bytes; no overwrite without force */
	static const int fmts[] = { REPORT_CSV, REPORT_HTML, REPORT_XLSX, REPORT_MD };
	static const char *const ext[] = { "csv", "html", "xlsx", "md" };
	for (int k = 0; k < 4; k++) {
		char a[64], b[64];
		snprintf(a, sizeof a, "a.%s", ext[k]);
		snprintf(b, sizeof b, "b.%s", ext[k]);
		char pa[512];
		snprintf(pa, sizeof pa, "%s", tu_path(a));
		write_fmt(s, fmts[k], tu_path(b), 0, SC_OK);
		same_bytes(pa, tu_path(b));
		write_fmt(s, fmts[k], pa, 0, SC_ERR_CONFLICT);
		write_fmt(s, fmts[k], pa, 1, SC_OK);
		same_bytes(pa, tu_path(b));
	}
	summary_free(s);
}

static void test_empty_and_one_market(void **state)
{
	(void)state;
	struct sc_err err;
	struct summary *s;
	assert_int_equal(summary_build(db, "2001-01-01", "2001-01-31", NULL, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	write_fmt(s, REPORT_CSV, tu_path("e.csv"), 0, SC_OK);
	assert_int_equal(check("csv", tu_path("e.csv"), "answers=0"), 0);
	write_fmt(s, REPORT_HTML, tu_path("e.html"), 0, SC_OK);
	char args[256];
	snprintf(args, sizeof args, "'contains=%s' svg=0", report_label(L_EMPTY, LANG_ZH));
	assert_int_equal(check("html", tu_path("e.html"), args), 0);
	write_fmt(s, REPORT_XLSX, tu_path("e.xlsx"), 0, SC_OK);
	snprintf(args, sizeof args, "inspections=0 'contains=%s'", report_label(L_EMPTY, LANG_ZH));
	assert_int_equal(check("xlsx", tu_path("e.xlsx"), args), 0);
	write_fmt(s, REPORT_MD, tu_path("e.md"), 0, SC_OK);
	assert_int_equal(check("md", tu_path("e.md"), args + 14), 0);
	summary_free(s);

	int64_t mid;
	assert_int_equal(db_int(db, &err, &mid, "SELECT max(market_id) FROM inspection", NULL), SC_OK);
	struct summary_scope one = { .markets = &mid, .nmarkets = 1 };
	assert_int_equal(summary_build(db, FROM, TO, &one, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	char sql[256];
	int64_t n;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM answer a JOIN inspection i ON i.id = a.inspection_id"
		 " WHERE i.market_id = %lld AND" LIVE, (long long)mid);
	assert_int_equal(db_int(db, &err, &n, sql, "tt", FROM, TO), SC_OK);
	write_fmt(s, REPORT_CSV, tu_path("one.csv"), 0, SC_OK);
	struct report_opts o = { .format = REPORT_CSV, .bom = 0, .db = db, .tpl = lookup, .now = 0 };
	assert_int_equal(report_write(s, tu_path("one-nobom.csv"), &o, &err), SC_OK);
	snprintf(args, sizeof args, "answers=%lld", (long long)n);
	assert_int_equal(check("csv", tu_path("one.csv"), args), 0);
	snprintf(args, sizeof args, "answers=%lld bom=0 header=zh", (long long)n);
	assert_int_equal(check("csv", tu_path("one-nobom.csv"), args), 0);
	/* --lang en: the stable English header, the same rows (issue 17: both were alike) */
	o.lang = LANG_EN;
	assert_int_equal(report_write(s, tu_path("one-en.csv"), &o, &err), SC_OK);
	snprintf(args, sizeof args, "answers=%lld bom=0 header=en same_rows=%s", (long long)n,
		 tu_path("one-nobom.csv"));
	assert_int_equal(check("csv", tu_path("one-en.csv"), args), 0);
	o.lang = LANG_ZH;
	o.format = REPORT_XLSX;
	o.lang = LANG_EN;
	assert_int_equal(report_write(s, tu_path("one.xlsx"), &o, &err), SC_OK);
	char sum[64];
	int64_t fails;
	snprintf(sql, sizeof sql, "SELECT total(score) FROM inspection i WHERE i.market_id = %lld AND" LIVE,
		 (long long)mid);
	assert_int_equal(db_text(db, &err, sum, sizeof sum, sql, "tt", FROM, TO), SC_OK);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM answer a JOIN inspection i ON i.id = a.inspection_id"
		 " WHERE a.verdict = 'fail' AND i.market_id = %lld AND" LIVE, (long long)mid);
	assert_int_equal(db_int(db, &err, &fails, sql, "tt", FROM, TO), SC_OK);
	snprintf(args, sizeof args, "inspections=%d score_sum=%s fails=%lld contains=Overview",
		 s->ninspections, sum, (long long)fails);
	assert_int_equal(check("xlsx", tu_path("one.xlsx"), args), 0);
	summary_free(s);
}

/* header cells seen by report_walk, one string */
static void rec_header(void *ctx, const char *const *cols, int n)
{
	char *out = ctx;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(out);
		snprintf(out + len, 4096 - len, "%s|", cols[i]);
	}
}
static void rec_none(void *ctx, int id, const char *t) { (void)ctx; (void)id; (void)t; }
static void rec_para(void *ctx, const char *t) { (void)ctx; (void)t; }
static void rec_row(void *ctx, const struct rcell *c, int n) { (void)ctx; (void)c; (void)n; }
static void rec_end(void *ctx) { (void)ctx; }
static void rec_none_h(void *ctx, const char *const *c, int n) { (void)ctx; (void)c; (void)n; }

/* Issue 15, 5: reports showed 10 categories and dropped the rest silently */
static void test_every_category(void **state)
{
	(void)state;
	static char names[13][16];
	struct sum_category cats[13];
	double earned[13] = { 0 }, possible[13] = { 0 };
	int fails[13] = { 0 };
	struct sum_market m = { .name = "东门", .district = "", .score = -1,
				.cat_earned = earned, .cat_possible = possible, .cat_fails = fails };
	struct sum_inspection in = { .score = -1, .market = 0 };
	struct summary s = { .ninspections = 1, .inspections = &in, .nmarkets = 1, .markets = &m,
			     .ncategories = 13, .categories = cats };
	memset(cats, 0, sizeof cats);
	for (int i = 0; i < 13; i++) {
		snprintf(names[i], sizeof names[i], "cat%02d", i + 1);
		cats[i].name[LANG_ZH] = cats[i].name[LANG_EN] = names[i];
	}
	static char seen[4096];
	struct report_ops ops = { rec_none, rec_para, rec_header, rec_row, rec_end };
	report_walk(&s, LANG_EN, &ops, seen);
	for (int i = 0; i < 13; i++)
		assert_non_null(strstr(seen, names[i]));
}

/* rows seen by report_walk, cells joined by |, one row a line */
static void rec_cells(void *ctx, const struct rcell *c, int n)
{
	char *out = ctx;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(out);
		snprintf(out + len, 8192 - len, "%s%s", c[i].text, i + 1 < n ? "|" : "\n");
	}
}

/* The change of the mean score is the difference of the two scores shown,
 * each rounded once: 80.0 then 80.2 is +0.2, not the unrounded +0.1. */
static void test_mean_delta_as_shown(void **state)
{
	(void)state;
	struct sum_inspection in = { .score = 80.2, .market = 0 };
	struct sum_market m = { .name = "东门", .district = "", .score = 80.2 };
	struct summary s = { .ninspections = 1, .inspections = &in, .nmarkets = 1, .markets = &m };
	s.cur.mean = (80.1 + 80.2) / 2;          /* shown 80.2 */
	s.prev.mean = (80.0 + 80.0 + 80.1) / 3;  /* shown 80.0 */
	static char seen[8192], want[128];
	struct report_ops ops = { rec_none, rec_para, rec_header, rec_cells, rec_end };
	report_walk(&s, LANG_EN, &ops, seen);
	snprintf(want, sizeof want, "\n%s|80.0|80.2|+0.2\n", report_label(L_MEAN, LANG_EN));
	if (!strstr(seen, want))
		fail_msg("no row %s in:\n%s", want, seen);
}

/* The summary as HTML or Markdown in a string (caller frees). */
static char *render(const struct summary *s, int fmt, int lang)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct report_opts o = { .format = fmt, .lang = lang, .now = 1767225600, .tpl_dirs = tu_tpl_dirs() };
	struct sc_err err;
	assert_int_equal(fmt == REPORT_HTML ? report_html(f, s, &o, &err) : report_md(f, s, &o), 0);
	fclose(f);
	return buf;
}

/* 1 (and says so) when text lacks want: a test checks every defect, then fails */
static int lacks(const char *text, const char *want)
{
	if (strstr(text, want))
		return 0;
	print_message("no \"%s\"\n", want);
	return 1;
}

static void must_have(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("no \"%s\" in:\n%.6000s", want, text);
}

/* Issue 17, 3: the daily line drew 93..99 on a 0..100 axis (a flat line)
 * with no title; its axis now starts where the data need and says so. */
static void test_trend_axis(void **state)
{
	(void)state;
	struct sum_day days[7];
	for (int i = 0; i < 7; i++) {
		snprintf(days[i].day, sizeof days[i].day, "2026-11-%02d", i + 1);
		days[i].inspections = 1;
		days[i].mean = 93 + i;
	}
	struct sum_inspection in = { .score = 96, .market = 0, .day = "2026-11-01" };
	struct sum_market m = { .name = "东门", .district = "", .score = 96, .band = BAND_GOOD };
	struct summary s = { .ninspections = 1, .inspections = &in, .nmarkets = 1, .markets = &m,
			     .ndays = 7, .days = days, .district = "" };
	char *h = render(&s, REPORT_HTML, LANG_ZH);
	must_have(h, "<figcaption>每日平均得分 <span>得分（分）；纵轴从 90 起");
	char *polyline = strstr(h, "<polyline");
	assert_non_null(polyline);
	float y1 = 0, y7 = 0; /* the first point (93) and the last (99): far apart on the chart */
	char *pts = strstr(polyline, "points=\"");
	assert_non_null(pts);
	assert_int_equal(sscanf(pts, "points=\"%*f,%f", &y1), 1);
	char *end = strstr(pts + 8, "\"");
	char *p = end;
	while (p > pts && p[-1] != ',')
		p--;
	assert_int_equal(sscanf(p, "%f", &y7), 1);
	if (y1 - y7 < 100)
		fail_msg("93 and 99 are %.1f px apart on a chart 176 px high", (double)(y1 - y7));
	free(h);
}

/* Issue 17, 3 and 4: the market bars were all green, and a market at 97.7
 * that is 不合格 gave no reason. The bar is red, marked; the ranking says
 * a critical failure decided it; a market below the line says so. */
static void test_band_reason_and_colour(void **state)
{
	(void)state;
	struct sum_inspection in = { .score = 97.7, .market = 0, .day = "2026-11-01" };
	struct sum_market m[2] = {
		{ .name = "东门", .district = "", .score = 97.7, .band = BAND_FAIL, .critical = 1, .inspections = 1 },
		{ .name = "西门", .district = "", .score = 95.0, .band = BAND_GOOD, .inspections = 1 },
	};
	struct summary s = { .ninspections = 1, .inspections = &in, .nmarkets = 2, .markets = m, .district = "" };
	char *h = render(&s, REPORT_HTML, LANG_ZH);
	char *chart = strstr(h, "<title>各市场得分</title>");
	assert_non_null(chart);
	char *bar = strstr(chart, "<rect");
	assert_non_null(bar);
	if (strncmp(strstr(bar, "fill=\""), "fill=\"#c62828\"", 14) != 0)
		fail_msg("the 不合格 market's bar is not red: %.120s", bar);
	must_have(chart, "97.7 不合格※");
	must_have(h, "※ 重大问题一票否决");
	must_have(h, "<td class=\"s\">不合格</td><td class=\"t\">重大问题 1 项，一票否决</td>");
	free(h);
	char *md = render(&s, REPORT_MD, LANG_EN);
	must_have(md, "| fail | 1 critical failure(s): fails whatever the score |");
	free(md);
}

/* rows of one section seen by report_walk */
struct sect_rows {
	int want, cur;
	struct rcell rows[64][12];
	int n, ncells;
};
static void sr_section(void *ctx, int id, const char *t) { (void)t; ((struct sect_rows *)ctx)->cur = id; }
static void sr_row(void *ctx, const struct rcell *c, int n)
{
	struct sect_rows *r = ctx;
	if (r->cur != r->want || r->n >= 64)
		return;
	memcpy(r->rows[r->n++], c, (size_t)n * sizeof *c);
	r->ncells = n;
}
static void sect_rows(const struct summary *s, int id, struct sect_rows *r)
{
	static const struct report_ops ops = { sr_section, rec_para, rec_none_h, sr_row, rec_end };
	memset(r, 0, sizeof *r);
	r->want = id;
	r->cur = -1;
	report_walk(s, LANG_ZH, &ops, r);
}

/* Issue 17, 4: the content a meeting reads from a real month - the
 * previous period's coverage, the scope by name, most failed items by
 * failure rate, the as-of day of the rectification figures. */
static void test_honest_content(void **state)
{
	(void)state;
	struct sc_err err;
	struct summary *s;
	int64_t mid;
	assert_int_equal(db_int(db, &err, &mid, "SELECT max(market_id) FROM inspection", NULL), SC_OK);
	struct summary_scope one = { .markets = &mid, .nmarkets = 1 };
	assert_int_equal(summary_build(db, FROM, TO, &one, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	char *md = render(s, REPORT_MD, LANG_ZH), want[512], name[256];
	int bad = 0;
	assert_int_equal(db_text(db, &err, name, sizeof name, "SELECT name FROM market WHERE id = ?", "I", mid), SC_OK);
	snprintf(want, sizeof want, "- 范围：所选 1 个市场：%s\n", name);
	bad += lacks(md, want);
	/* Chinese takes the full-width colon after a label, English ": " and a
	 * count's singular; the page's header too */
	char *html = render(s, REPORT_HTML, LANG_ZH);
	bad += lacks(html, "期间：<span id=\"period\">");
	bad += lacks(html, "范围：所选 1 个市场：");
	free(html);
	char *en = render(s, REPORT_MD, LANG_EN);
	snprintf(want, sizeof want, "- Scope: 1 selected market: %s\n", name);
	bad += lacks(en, want);
	bad += lacks(en, "- Period: ");
	free(en);
	html = render(s, REPORT_HTML, LANG_EN);
	bad += lacks(html, "Period: <span id=\"period\">");
	/* the footer's margin box has its own font (else a serif) */
	bad += lacks(html, "@bottom-center { font-family: \"Noto Sans CJK SC\"");
	free(html);
	int64_t days;
	assert_int_equal(db_int(db, &err, &days, "SELECT count(DISTINCT day) FROM inspection WHERE market_id = ?"
				" AND day BETWEEN '2026-03-01' AND '2026-03-10' AND status IN ('final','approved','returned')",
				"I", mid), SC_OK);
	snprintf(want, sizeof want, "上期（2026-03-01 ~ 2026-03-10）10 天中 %lld 天有检查", (long long)days);
	bad += lacks(md, want);
	bad += lacks(md, "统计截至 2026-03-20");
	free(md);
	summary_free(s);

	/* ranked by failure rate, the count beside it */
	assert_int_equal(summary_build(db, FROM, TO, NULL, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	static struct sect_rows r;
	sect_rows(s, RS_TOPITEMS, &r);
	if (r.n < 3) /* the demo: a market item 4 of 26, a stall item 3 of 108, another market item 1 of 24 */
		fail_msg("%d most failed items", r.n);
	double prev = 2;
	for (int i = 0; i < r.n; i++) {
		int k = 0;
		while (k < r.ncells && r.rows[i][k].kind != RC_PCT)
			k++;
		assert_true(k < r.ncells);
		if (r.rows[i][k].num > prev + 1e-12) {
			print_message("most failed items: row %d at %.3f after %.3f\n", i + 1, r.rows[i][k].num, prev);
			bad++;
		}
		prev = r.rows[i][k].num;
	}
	summary_free(s);
	assert_int_equal(bad, 0);
}

/* the rows of RS_TOPITEMS as "cell|cell\n" and every paragraph after it */
struct top_seen {
	int cur;
	char rows[4096], paras[4096];
};
static void ts_section(void *ctx, int id, const char *t) { (void)t; ((struct top_seen *)ctx)->cur = id; }
static void ts_para(void *ctx, const char *t)
{
	struct top_seen *x = ctx;
	if (x->cur == RS_TOPITEMS)
		snprintf(x->paras + strlen(x->paras), sizeof x->paras - strlen(x->paras), "%s\n", t);
}
static void ts_row(void *ctx, const struct rcell *c, int n)
{
	struct top_seen *x = ctx;
	if (x->cur == RS_TOPITEMS)
		rec_cells(x->rows + strlen(x->rows), c, n);
}

/* Issue 17, 4: an item checked once and failed once (rate 1) ranked first
 * among the most failed items; only items checked SUMMARY_RATE_MIN times
 * are ranked now, and a note under the table says so and how many not. */
static void test_rate_minimum(void **state)
{
	(void)state;
	char *t[] = { "摊位卫生", "价签", "罕见项" };
	struct sum_item it[] = {
		{ .item_id = "S9", .text = { t[2], t[2] }, .basis = { "", "" }, .category = -1,
		  .answered = 1, .fails = 1, .share = 1.0, .markets = 1 },
		{ .item_id = "M1", .text = { t[0], t[0] }, .basis = { "", "" }, .category = -1,
		  .answered = 20, .fails = 4, .share = 0.2, .markets = 2 },
		{ .item_id = "S2", .text = { t[1], t[1] }, .basis = { "", "" }, .category = -1,
		  .answered = 5, .fails = 1, .share = 0.2, .markets = 1 },
	};
	struct sum_market m = { .name = "东门", .district = "", .score = 80 };
	struct sum_inspection in = { .score = 80, .market = 0 };
	struct summary s = { .ninspections = 1, .inspections = &in, .nmarkets = 1, .markets = &m,
			     .nitems = 3, .items = it };
	static struct top_seen seen;
	struct report_ops ops = { ts_section, ts_para, rec_none_h, ts_row, rec_end };
	memset(&seen, 0, sizeof seen);
	report_walk(&s, LANG_ZH, &ops, &seen);
	if (strncmp(seen.rows, "M1 摊位卫生|", strlen("M1 摊位卫生|")) || strstr(seen.rows, "S9"))
		fail_msg("most failed items:\n%s", seen.rows);
	must_have(seen.rows, "S2 价签|");
	must_have(seen.paras, "只对检查不少于 5 项次的项目排名");
	must_have(seen.paras, "另有 1 项，未列入");
}

/* Issue 17, 4: a market's page lists every rectification still open, not
 * only those opened in the period or overdue: one opened before it with
 * its deadline to come was missing. */
static void test_market_page_open_rects(void **state)
{
	(void)state;
	struct sc_err err;
	struct summary *s;
	int64_t mid, iid;
	assert_int_equal(db_int(db, &err, &mid, "SELECT max(market_id) FROM inspection", NULL), SC_OK);
	assert_int_equal(db_int(db, &err, &iid, "SELECT max(id) FROM inspection WHERE market_id = ?", "I", mid),
			 SC_OK);
	assert_int_equal(summary_build(db, FROM, TO, NULL, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	int before[3] = { s->rect_opened, s->rect_closed, s->rect_overdue };
	summary_free(s);
	assert_int_equal(db_run(db, &err, "INSERT INTO rectification(uuid, inspection_id, market_id, item_id,"
				" note, opened_day, deadline, status, created_at, updated_at) VALUES"
				" ('rect-early-open', ?, ?, 'M1', '早前开的整改', '2026-03-02', '2026-04-30', 'open',"
				" 'x', 'x')", "II", iid, mid), SC_OK);
	assert_int_equal(summary_build(db, FROM, TO, NULL, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	char *html = render(s, REPORT_HTML, LANG_ZH);
	const char *page = strstr(html, "<section class=\"mp\">");
	assert_non_null(page);
	must_have(page, "早前开的整改");
	/* the period's figures are as they were: not opened, closed or overdue in it */
	assert_int_equal(s->rect_opened, before[0]);
	assert_int_equal(s->rect_closed, before[1]);
	assert_int_equal(s->rect_overdue, before[2]);
	free(html);
	summary_free(s);
	assert_int_equal(db_run(db, &err, "DELETE FROM rectification WHERE uuid = 'rect-early-open'", NULL), SC_OK);
}

/* Issue 17, 4: inspectors in pinyin order (艾 李 王 张 赵), not byte order
 * (张 李 王 艾 赵). Runs last: it renames the inspectors. */
static void test_inspectors_pinyin(void **state)
{
	(void)state;
	struct sc_err err;
	struct summary *s;
	assert_int_equal(db_run(db, &err, "UPDATE inspection SET inspector = CASE id % 5 WHEN 0 THEN '张伟'"
				" WHEN 1 THEN '李娜' WHEN 2 THEN '王芳' WHEN 3 THEN '赵磊' ELSE '艾米' END", NULL), SC_OK);
	assert_int_equal(summary_build(db, FROM, TO, NULL, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	static struct sect_rows r;
	sect_rows(s, RS_INSPECTORS, &r);
	static const char *const order[] = { "艾米", "李娜", "王芳", "张伟", "赵磊" };
	assert_int_equal(r.n, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(r.rows[i][0].text, order[i]);
	summary_free(s);
}

/* csv_field of s into a string (caller frees). */
static char *csv_of(const char *s, int raw)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	csv_field(f, s, raw);
	fclose(f);
	return buf;
}

/* A cell a spreadsheet would run is shown as text; numbers stay numbers;
 * raw (--raw-cells), every cell is as it is, only quoted. */
static void test_csv_formula(void **state)
{
	(void)state;
	static const char *const in[][3] = {
		{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"", "\"=HYPERLINK(\"\"http://x\"\")\"" },
		{ "+86 138", "'+86 138", "+86 138" }, { "-2+3", "'-2+3", "-2+3" },
		{ "@SUM(A1)", "'@SUM(A1)", "@SUM(A1)" }, { "\tx", "'\tx", "\tx" },
		{ "\rx", "\"'\rx\"", "\"\rx\"" }, { "-", "'-", "-" },
		{ "-1.5", "-1.5", "-1.5" }, { "+3", "+3", "+3" }, { "42", "42", "42" }, { "a=b", "a=b", "a=b" },
		{ "", "", "" }, { "东门,市场", "\"东门,市场\"", "\"东门,市场\"" },
		{ "-1.5.2", "'-1.5.2", "-1.5.2" }, { "-.5", "'-.5", "-.5" }, { "+", "'+", "+" },
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		for (int raw = 0; raw <= 1; raw++) {
			char *got = csv_of(in[i][0], raw);
			assert_string_equal(got, in[i][1 + raw]);
			free(got);
		}
	}
}

/* The export's long CSV reads the period once (summary_build_each writes
 * the rows as the summary is built): byte for byte what the summary then
 * summary_each_answer give, with BOM or not, raw cells or not, scoped or
 * not, formula-like and hostile notes included. */
static void test_csv_read_once(void **state)
{
	(void)state;
	struct sc_err err;
	struct summary *s;
	int64_t mid = 0;
	assert_int_equal(db_run(db, &err, "UPDATE answer SET note = '=1+1,\"x\"' WHERE id = (SELECT max(a.id)"
				" FROM answer a JOIN inspection i ON i.id = a.inspection_id WHERE" LIVE ")",
				"tt", FROM, TO), SC_OK);
	assert_int_equal(db_int(db, &err, &mid, "SELECT min(id) FROM market", NULL), SC_OK);
	struct summary_scope one = { .markets = &mid, .nmarkets = 1 };
	for (int k = 0; k < 8; k++) {
		const struct summary_scope *sc = k & 4 ? &one : NULL;
		struct report_opts o = { .format = REPORT_CSV, .lang = LANG_ZH, .bom = k & 1, .raw_cells = (k >> 1) & 1,
					 .force = 1, .now = 1767225600, .db = db, .tpl = lookup };
		int ninsp = -1, nmk = -1;
		assert_int_equal(summary_build(db, FROM, TO, sc, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
		assert_int_equal(report_write(s, tu_path("twice.csv"), &o, &err), SC_OK);
		assert_int_equal(report_export(db, FROM, TO, sc, tu_path("once.csv"), &o, &ninsp, &nmk, &err), SC_OK);
		assert_int_equal(ninsp, s->cur.inspections);
		assert_int_equal(nmk, s->markets_visited);
		assert_true(s->answers > 0);
		summary_free(s);
		same_bytes(tu_path("twice.csv"), tu_path("once.csv"));
	}
}

/* Inspection insp's rows of the long CSV at path, "stall|item" a line,
 * in the file's order (raw cells: the columns before the note hold no
 * comma in the demo's data). */
static char *csv_walk(const char *path, const char *uuid)
{
	size_t n, len = 0;
	char *p = slurp(path, &n), *out = calloc(1, n + 1);
	assert_non_null(out);
	p[n] = 0;
	for (char *line = strtok(p, "\n"); line; line = strtok(NULL, "\n")) {
		char *f[15] = { 0 };
		int k = 0;
		for (char *c = line; k < 15; c++) {
			f[k++] = c;
			if (!(c = strchr(c, ',')))
				break;
			*c = 0;
		}
		if (k == 15 && !strcmp(f[4], uuid))
			len += (size_t)sprintf(out + len, "%s|%s\n", f[9], f[13]);
	}
	free(p);
	return out;
}

/* The same as the old sorted join read it: ORDER BY coalesce(v.seq, 0),
 * a.item_id (ties, which SQLite left in no set order, by visit and id) */
static char *sql_walk(int64_t insp)
{
	struct sc_err err;
	char *out = calloc(1, 1 << 20);
	size_t len = 0;
	assert_non_null(out);
	sqlite3_stmt *st = db_q(db, &err, "SELECT coalesce(v.stall_code, ''), a.item_id FROM answer a"
				" LEFT JOIN visit v ON v.id = a.visit_id WHERE a.inspection_id = ?"
				" ORDER BY coalesce(v.seq, 0), a.item_id, coalesce(a.visit_id, 0), a.id", "I", insp);
	assert_non_null(st);
	while (db_step(db, st, &err) == 1)
		len += (size_t)snprintf(out + len, (1 << 20) - len, "%s|%s\n", db_col_text(st, 0), db_col_text(st, 1));
	db_done(db, st);
	return out;
}

/* The long CSV's walking order is made in memory (summary.c answers_walk)
 * and must be the sorted join's whatever the data: two stalls sharing a
 * seq (their items interleave), a seq of 0 (among the market-wide items)
 * or below (before them), and an answer naming another inspection's visit
 * (its stall and place come from that visit). Both paths: the export that
 * reads once and summary_each_answer. */
static void test_csv_walking_order(void **state)
{
	(void)state;
	struct sc_err err;
	int64_t a = 0, b = 0, v1 = 0, v2 = 0, v3 = 0, b1 = 0, b2 = 0;
	char ua[64], ub[64];
	assert_int_equal(db_begin(db, &err), SC_OK); /* rolled back at the end */
	assert_int_equal(db_int(db, &err, &a, "SELECT i.id FROM inspection i WHERE" LIVE " ORDER BY (SELECT"
				" count(*) FROM visit WHERE inspection_id = i.id) DESC, i.id LIMIT 1", "tt", FROM, TO), SC_OK);
	assert_int_equal(db_int(db, &err, &b, "SELECT i.id FROM inspection i WHERE" LIVE " AND i.id <> ?3"
				" AND (SELECT count(*) FROM visit WHERE inspection_id = i.id) >= 2 ORDER BY i.id LIMIT 1",
				"ttI", FROM, TO, a), SC_OK);
	int64_t *vs[] = { &v1, &v2, &v3, &b1, &b2 };
	for (int k = 0; k < 5; k++)
		assert_int_equal(db_int(db, &err, vs[k], "SELECT id FROM visit WHERE inspection_id = ? ORDER BY id"
					" LIMIT 1 OFFSET ?", "II", k < 3 ? a : b, (int64_t)(k < 3 ? k : k - 3)), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE visit SET seq = 7 WHERE id IN (?, ?)", "II", v1, v3), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE visit SET seq = 0 WHERE id = ?", "I", v2), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE visit SET seq = -1 WHERE id = ?", "I", b1), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE answer SET visit_id = ?, item_id = 'Z-foreign' WHERE id ="
				" (SELECT max(id) FROM answer WHERE visit_id = ?)", "II", b2, v3), SC_OK);
	assert_int_equal(db_text(db, &err, ua, sizeof ua, "SELECT uuid FROM inspection WHERE id = ?", "I", a), SC_OK);
	assert_int_equal(db_text(db, &err, ub, sizeof ub, "SELECT uuid FROM inspection WHERE id = ?", "I", b), SC_OK);

	struct report_opts o = { .format = REPORT_CSV, .lang = LANG_EN, .raw_cells = 1, .force = 1,
				 .now = 1767225600, .db = db, .tpl = lookup };
	struct summary *s;
	int rc = report_export(db, FROM, TO, NULL, tu_path("walk.csv"), &o, NULL, NULL, &err);
	if (rc)
		fail_msg("report_export: %s", err.msg);
	assert_int_equal(summary_build(db, FROM, TO, NULL, lookup, NULL, NULL, NULL, &s, &err), SC_OK);
	assert_int_equal(report_write(s, tu_path("walk2.csv"), &o, &err), SC_OK);
	summary_free(s);
	same_bytes(tu_path("walk.csv"), tu_path("walk2.csv"));
	const int64_t ids[] = { a, b };
	const char *uuids[] = { ua, ub };
	for (int k = 0; k < 2; k++) {
		char *got = csv_walk(tu_path("walk.csv"), uuids[k]), *want = sql_walk(ids[k]);
		assert_true(strlen(want) > 20);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
	db_end(db, 0, &err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_formats),
		cmocka_unit_test(test_empty_and_one_market),
		cmocka_unit_test(test_every_category),
		cmocka_unit_test(test_mean_delta_as_shown),
		cmocka_unit_test(test_csv_formula),
		cmocka_unit_test(test_csv_read_once),
		cmocka_unit_test(test_csv_walking_order),
		cmocka_unit_test(test_trend_axis),
		cmocka_unit_test(test_band_reason_and_colour),
		cmocka_unit_test(test_honest_content),
		cmocka_unit_test(test_rate_minimum),
		cmocka_unit_test(test_market_page_open_rects),
		cmocka_unit_test(test_inspectors_pinyin),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
