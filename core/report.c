/* report: labels, shared formatting and the safe file handling of every
 * export (temporary file, fsync, rename or link, no silent overwrite). */
#include "report.h"

#include "fsutil.h"
#include "i18n.h"
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The report's words, in English, translated into the report's own language
 * (--lang) by report_label; a word whose Chinese differs from the same
 * English elsewhere in the report has its own context. */
static const struct { const char *en, *ctx; } labels[L_LABEL_COUNT] = {
	[L_TITLE] = { NC_("report", "Market inspection summary") },
	[L_PERIOD] = { NC_("report", "Period") },
	[L_SCOPE] = { NC_("report", "Scope") },
	[L_ALL] = { NC_("report", "all markets") },
	[L_DISTRICT] = { NC_("report", "District") },
	[L_GENERATED] = { NC_("report", "Generated") },
	[L_EMPTY] = { NC_("report", "No inspections in this period.") },
	[L_OVERVIEW] = { NC_("report", "Overview") },
	[L_INSPECTIONS] = { NC_("report", "Inspections") },
	[L_MARKETS] = { NC_("report", "Markets visited") },
	[L_STALLS] = { NC_("report", "Stalls inspected") },
	[L_MEAN] = { NC_("report", "Mean score") },
	[L_FAILS] = { NC_("report", "Failures") },
	[L_CRITICAL] = { NC_("report", "Critical failures") },
	[L_BELOW] = { NC_("report", "Stalls below the pass line") },
	[L_RANKING] = { NC_("report", "Markets ranked by score") },
	[L_RANK] = { NC_("report", "Rank") },
	[L_MARKET] = { NC_("report", "Market") },
	[L_SCORE] = { NC_("report", "Score") },
	[L_BAND] = { NC_("report", "Band") },
	[L_CATEGORIES] = { NC_("report", "Category breakdown") },
	[L_CATEGORY] = { NC_("report", "Category") },
	[L_CRITICALS] = { NC_("report section", "Critical failures"), "report section" },
	[L_DAY] = { NC_("report", "Day") },
	[L_STALL] = { NC_("report", "Stall") },
	[L_ITEM] = { NC_("report", "Item") },
	[L_NOTE] = { NC_("report", "Note") },
	[L_MARKETWIDE] = { NC_("report", "market-wide") },
	[L_TOPITEMS] = { NC_("report", "Most failed items") },
	[L_COUNT] = { NC_("report", "Times failed") },
	[L_SHARE] = { NC_("report", "Share failed") },
	[L_ANSWERED] = { NC_("report", "Times checked") },
	[L_TYPE] = { NC_("report", "Type") },
	[L_RECTS] = { NC_("report", "Rectifications") },
	[L_OPENED] = { NC_("report", "Opened") },
	[L_CLOSED] = { NC_("report", "Closed") },
	[L_OVERDUE] = { NC_("report", "Overdue") },
	[L_DEADLINE] = { NC_("report", "Deadline") },
	[L_STATUS] = { NC_("report", "Status") },
	[L_CHANGE] = { NC_("report", "Change against the previous period") },
	[L_PREVIOUS] = { NC_("report", "Previous") },
	[L_CURRENT] = { NC_("report", "This period") },
	[L_DELTA] = { NC_("report", "Change") },
	[L_INSPECTORS] = { NC_("report", "Inspections per inspector") },
	[L_INSPECTOR] = { NC_("report", "Inspector") },
	[L_TREND] = { NC_("report", "Mean score by day") },
	[L_FAILCAT] = { NC_("report", "Failures by category") },
	[L_SCOREMKT] = { NC_("report", "Score by market") },
	[L_NONE] = { NC_("report", "none") },
	[L_SHEET_SUMMARY] = { NC_("report sheet", "Summary"), "report sheet" },
	[L_SHEET_INSPECTIONS] = { NC_("report sheet", "Inspections"), "report sheet" },
	[L_SHEET_STALLS] = { NC_("report sheet", "Stalls"), "report sheet" },
	[L_SHEET_ITEMS] = { NC_("report sheet", "Failed items"), "report sheet" },
	[L_SHEET_RECTS] = { NC_("report sheet", "Rectification list"), "report sheet" },
	[L_UUID] = { NC_("report", "UUID") },
	[L_TEMPLATE] = { NC_("report", "Template") },
	[L_VISITS] = { NC_("report", "Stall visits") },
	[L_PERIOD_BANDS] = { NC_("report", "Band distribution") },
	[L_FIGURE] = { NC_("report", "Figure") },
	[L_NOTHING] = { NC_("report", "(none)") },
	[L_ITEM_MARKETS] = { NC_("report", "Markets with it") },
	[L_BASIS] = { NC_("report", "Basis") },
	[L_ITEM_ID] = { NC_("report", "Item id") },
	[L_VERSION] = { NC_("report", "Version") },
	[L_ST_CARRIED] = { NC_("report", "carried into a repeat") },
	[L_AREA] = { NC_("report", "Area") },
	[L_FINDING] = { NC_("report", "Finding") },
	[L_SEVERITY] = { NC_("report", "Severity") },
	[L_BYSEVERITY] = { NC_("report", "Failures by severity") },
	[L_BYBASIS] = { NC_("report", "Failures by basis") },
	[L_CORRECTED] = { NC_("report", "Of which corrected on site") },
	[L_PHOTOS] = { NC_("report", "Photos") },
	[L_PHOTOS_TITLE] = { NC_("report", "Photos of failed items") },
	[L_REASON] = { NC_("report", "Why it failed") },
	[L_DAYS_DATA] = { NC_("report", "Days with inspections") },
	[L_RATE_NOTE] = { NC_("report", "Ranked by failure rate: times failed ÷ times checked (pass or fail;"
			      " not applicable and not observed left out).") },
	[L_MARKET_PAGES] = { NC_("report", "Market by market") },
	[L_PREV_RANK] = { NC_("report", "Previous rank") },
	[L_PREV_SCORE] = { NC_("report", "Previous score") },
	[L_OPEN_RECTS] = { NC_("report", "Open rectifications") },
	[L_CUR_RANK] = { NC_("report market page", "Rank"), "report market page" },
	[L_PASS_LINE] = { NC_("report", "pass line") },
	[L_SCORE_UNIT] = { NC_("report", "score (points)") },
	[L_FAIL_UNIT] = { NC_("report", "failures (count)") },
	[L_LEGEND_CRIT] = { NC_("report", "※ failed on a critical item") },
	[L_SHEET_CHARTS] = { NC_("report sheet", "Charts"), "report sheet" },
};

const char *report_label(int key, int lang)
{
	if (key < 0 || key >= L_LABEL_COUNT)
		return "";
	return sc_trc_lang(lang == LANG_EN ? LANG_EN : LANG_ZH, labels[key].ctx ? labels[key].ctx : "report",
			   labels[key].en);
}

const char *report_colon(int lang)
{
	/* between a label and its value ("Period: ...") */
	return sc_trc_lang(lang == LANG_EN ? LANG_EN : LANG_ZH, "report", ": ");
}

int report_format_from_name(const char *name)
{
	static const char *const names[REPORT_FORMAT_COUNT] = { "html", "xlsx", "csv", "md", "pdf" };
	for (int i = 0; name && i < REPORT_FORMAT_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

void report_time(time_t t, char *buf, size_t sz)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, sz, "%Y-%m-%d %H:%M:%S", &tm);
}

void report_scope(const struct summary *s, int lang, char *buf, size_t sz)
{
	char names[768] = "";
	/* the markets by name (a hand-made summary may have none) */
	if (s->scoped_markets && s->scope_names && s->scope_names[0])
		snprintf(names, sizeof names, sc_ntrc_lang(lang, "report", "%d selected market: %s",
							   "%d selected markets: %s", s->scoped_markets),
			 s->scoped_markets, s->scope_names);
	else if (s->scoped_markets)
		snprintf(names, sizeof names, sc_ntrc_lang(lang, "report", "%d selected market", "%d selected markets",
							   s->scoped_markets), s->scoped_markets);
	if (s->district[0] && s->scoped_markets)
		snprintf(buf, sz, "%s %s, %s", report_label(L_DISTRICT, lang), s->district, names);
	else if (s->district[0])
		snprintf(buf, sz, "%s %s", report_label(L_DISTRICT, lang), s->district);
	else if (s->scoped_markets)
		snprintf(buf, sz, "%s", names);
	else
		snprintf(buf, sz, "%s", report_label(L_ALL, lang));
}

int report_axis_base(double lo, int pass_line)
{
	if (pass_line > 0 && pass_line < lo && lo - pass_line <= 10)
		lo = pass_line;
	int base = (int)((lo - 1) / 10) * 10;
	return base < 0 ? 0 : base > 90 ? 90 : base;
}

unsigned report_band_rgb(int band)
{
	switch (band) {
	case BAND_GOOD: return 0x2E7D32;
	case BAND_PASS: return 0x1F6FB2;
	case BAND_FAIL: return 0xC62828;
	default: return 0x9E9E9E;
	}
}

static int below_line(double score, int pass_line)
{
	return score >= 0 && pass_line > 0 && score_round(score) < pass_line;
}

int report_fail_critical(int band, double score, int critical, int pass_line)
{
	return band == BAND_FAIL && critical > 0 && !below_line(score, pass_line);
}

void report_band_reason(int band, double score, int critical, int pass_line, int lang,
			char *buf, size_t sz)
{
	if (band != BAND_FAIL)
		snprintf(buf, sz, "%s", "");
	else if (report_fail_critical(band, score, critical, pass_line))
		snprintf(buf, sz, sc_trc_lang(lang, "report", "%d critical failure(s): fails whatever the score"),
			 critical);
	else if (critical > 0)
		snprintf(buf, sz, sc_trc_lang(lang, "report", "below the pass line %d, and %d critical failure(s)"),
			 pass_line, critical);
	else if (pass_line > 0)
		snprintf(buf, sz, sc_trc_lang(lang, "report", "below the pass line %d"), pass_line);
	else
		snprintf(buf, sz, "%s", sc_trc_lang(lang, "report", "below the pass line"));
}

void report_coverage(const struct summary *s, int lang, char *buf, size_t sz)
{
	int thin = s->prev_days * 2 < s->period_days; /* the previous period says little */
	snprintf(buf, sz, sc_trc_lang(lang, "report", "The previous period (%s ~ %s) has inspections on %d of its"
				      " %d days, this one on %d of %d.%s"),
		 s->prev_from, s->prev_to, s->prev_days, s->period_days, s->ndays, s->period_days,
		 thin ? sc_trc_lang(lang, "report", " Compare with care.") : "");
}

void report_rect_asof(const struct summary *s, int lang, char *buf, size_t sz)
{
	snprintf(buf, sz, sc_trc_lang(lang, "report", "Counted to %s: overdue means past its deadline on that day."),
		 s->rect_asof);
}

static int io_fail(struct sc_err *err, const char *what, const char *path)
{
	return sc_fail(err, errno == ENOSPC ? SC_ERR_FULL : SC_ERR_IO, "%s %s: %s", sc_tr(what), path,
		       strerror(errno));
}

/* move the finished temporary file into place: link() refuses an existing
 * target atomically; rename() replaces it when forced */
static int commit_file(const char *tmp, const char *path, int force, struct sc_err *err)
{
	if (force) {
		if (rename(tmp, path) != 0)
			return io_fail(err, N_("cannot rename to"), path);
	} else {
		if (link(tmp, path) != 0) {
			if (errno == EEXIST)
				return sc_fail(err, SC_ERR_CONFLICT, "%s exists (use --force to replace it)", path);
			return io_fail(err, N_("cannot create"), path);
		}
		unlink(tmp);
	}
	/* make the new directory entry durable */
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	else
		snprintf(dir, sizeof dir, ".");
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return SC_OK;
}

/* The HTML report printed to PDF (pdf.h) onto f. */
static int report_pdf(FILE *f, const struct summary *s, const struct report_opts *o, struct sc_err *err)
{
	char *doc;
	size_t len;
	int rc = report_html_text(s, o, &doc, &len, err);
	if (!rc)
		rc = pdf_from_html(&doc, &len, o->watch, o->wctx, err);
	if (!rc && fwrite(doc, 1, len, f) != len)
		rc = sc_fail(err, SC_ERR_IO, "cannot write the PDF");
	free(doc);
	return rc;
}

#define REPORT_WRITE_BUF (256 * 1024)

/* report_write, or with p the long CSV of a period built as it is written */
static int write_out(const struct summary *s, struct report_period *p, const char *path,
		     const struct report_opts *o, struct sc_err *err)
{
	if (o->format < 0 || o->format >= REPORT_FORMAT_COUNT)
		return sc_fail(err, SC_ERR_INVALID, "unknown format");
	if (!o->force && fs_exists(path))
		return sc_fail(err, SC_ERR_CONFLICT, "%s exists (use --force to replace it)", path);
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	snprintf(tmp, n, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int rc = io_fail(err, N_("cannot create a temporary file next to"), path);
		free(tmp);
		return rc;
	}
	fchmod(fd, 0600); /* findings and names: shared by the inspector, not by every account */
	int rc = SC_OK;
	if (o->format == REPORT_XLSX) {
		close(fd);
		rc = report_xlsx(tmp, s, o, err);
		if (rc == SC_OK) {
			fd = open(tmp, O_RDONLY);
			if (fd < 0 || fsync(fd) != 0)
				rc = io_fail(err, N_("cannot sync"), tmp);
			if (fd >= 0)
				close(fd);
		}
	} else {
		FILE *f = fdopen(fd, "w");
		/* a month's CSV is 30-80 MB: written in 256 KB pieces, not stdio's 4 KB
		 * (20,000 write calls) */
		char *buf = f ? malloc(REPORT_WRITE_BUF) : NULL;
		if (buf)
			setvbuf(f, buf, _IOFBF, REPORT_WRITE_BUF);
		if (!f) {
			close(fd);
			rc = io_fail(err, N_("cannot write"), tmp);
		} else {
			if (o->format == REPORT_CSV)
				rc = p ? report_csv_build(f, p, o, err) : report_csv(f, s, o, err);
			else if (o->format == REPORT_HTML)
				rc = report_html(f, s, o, err);
			else if (o->format == REPORT_PDF)
				rc = report_pdf(f, s, o, err);
			else if (report_md(f, s, o) != 0)
				rc = io_fail(err, N_("cannot write"), tmp);
			if (rc == SC_OK && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0))
				rc = io_fail(err, N_("cannot write"), tmp);
			if (fclose(f) != 0 && rc == SC_OK)
				rc = io_fail(err, N_("cannot write"), tmp);
		}
		free(buf);
	}
	if (rc == SC_OK)
		rc = commit_file(tmp, path, o->force, err);
	unlink(tmp);
	free(tmp);
	return rc;
}

int report_write(const struct summary *s, const char *path, const struct report_opts *o,
		 struct sc_err *err)
{
	return write_out(s, NULL, path, o, err);
}

int report_export(struct db *db, const char *from, const char *to,
		  const struct summary_scope *scope, const char *path,
		  const struct report_opts *o, int *inspections, int *markets,
		  struct sc_err *err)
{
	struct summary *s;
	struct report_opts wo = *o;
	wo.db = db;
	int rc;
	if (!o->force && fs_exists(path))
		return sc_fail(err, SC_ERR_CONFLICT, "%s exists (use --force to replace it)", path);
	/* one snapshot for the whole report: every figure of the same data,
	 * and thousands of per-inspection reads without a lock each */
	if ((rc = db_read_begin(db, err)))
		return rc;
	if (o->format == REPORT_CSV) { /* the answers read once, written as they come */
		struct report_period p = { .from = from, .to = to, .scope = scope };
		rc = write_out(NULL, &p, path, &wo, err);
		s = p.out;
	} else if ((rc = summary_build(db, from, to, scope, o->tpl, o->tpl_ctx, o->progress, o->pctx, &s,
				       err)) == SC_OK) {
		rc = report_write(s, path, &wo, err);
	} else {
		s = NULL;
	}
	struct sc_err ignore;
	db_end(db, 1, &ignore); /* a read: its end cannot fail on our account */
	if (!s)
		return rc;
	if (inspections)
		*inspections = s->cur.inspections;
	if (markets)
		*markets = s->markets_visited;
	summary_free(s);
	return rc;
}

/* ---------- the summary as tables ---------- */

static void c_text(struct rcell *c, const char *t)
{
	c->text = t ? t : "";
	c->kind = RC_TEXT;
	c->num = 0;
}

/* a stall code: text a browser must not break across lines */
static void c_code(struct rcell *c, const char *code)
{
	c_text(c, code);
	c->kind = RC_CODE;
}

/* a day, YYYY-MM-DD: text to most writers, a date to a spreadsheet */
static void c_day(struct rcell *c, const char *day)
{
	c_text(c, day);
	c->kind = RC_DATE;
}

static void c_int(struct rcell *c, long long v)
{
	snprintf(c->buf, sizeof c->buf, "%lld", v);
	c->text = c->buf;
	c->num = (double)v;
	c->kind = RC_INT;
}

/* a score; none gives the text "-" */
static void c_score(struct rcell *c, double v)
{
	if (v < 0) {
		c_text(c, "-");
		return;
	}
	c->text = score_text(v, "-", c->buf, sizeof c->buf);
	c->num = score_round(v);
	c->kind = RC_REAL;
}

static void c_pct(struct rcell *c, double num, double den)
{
	if (den <= 0) {
		c_text(c, "-");
		return;
	}
	c->num = num / den;
	snprintf(c->buf, sizeof c->buf, "%.1f%%", 100.0 * c->num);
	c->text = c->buf;
	c->kind = RC_PCT;
}

static void c_delta(struct rcell *c, double cur, double prev, int is_score)
{
	if (cur < 0 || prev < 0) {
		c_text(c, "-");
		return;
	}
	/* a score's change is the difference of the two scores as shown */
	double d = is_score ? score_round(cur) - score_round(prev) : cur - prev;
	if (is_score)
		snprintf(c->buf, sizeof c->buf, "%+.1f", d);
	else
		snprintf(c->buf, sizeof c->buf, "%+.0f", d);
	c->text = c->buf;
	c->num = d;
	c->kind = is_score ? RC_REAL : RC_INT;
}

#define HDR(...) do { const char *const h_[] = { __VA_ARGS__ }; \
	ops->header(ctx, h_, (int)(sizeof h_ / sizeof h_[0])); } while (0)
#define L(k) report_label(k, lang)

void report_walk(const struct summary *s, int lang, const struct report_ops *ops, void *ctx)
{
	struct rcell c[12];
	if (s->ninspections == 0) {
		ops->para(ctx, L(L_EMPTY));
		return;
	}
	/* overview */
	ops->section(ctx, RS_OVERVIEW, L(L_OVERVIEW));
	HDR(L(L_FIGURE), L(L_CURRENT));
	static const int ov_keys[] = { L_INSPECTIONS, L_MARKETS, L_STALLS, L_VISITS, L_MEAN,
				       L_FAILS, L_CRITICAL, L_BELOW };
	for (size_t k = 0; k < sizeof ov_keys / sizeof ov_keys[0]; k++) {
		c_text(&c[0], L(ov_keys[k]));
		switch (ov_keys[k]) {
		case L_INSPECTIONS: c_int(&c[1], s->cur.inspections); break;
		case L_MARKETS: c_int(&c[1], s->markets_visited); break;
		case L_STALLS: c_int(&c[1], s->stalls_inspected); break;
		case L_VISITS: c_int(&c[1], s->visits); break;
		case L_MEAN: c_score(&c[1], s->cur.mean); break;
		case L_FAILS: c_int(&c[1], s->cur.fails); break;
		case L_CRITICAL: c_int(&c[1], s->cur.critical); break;
		default: c_int(&c[1], s->below_pass); break;
		}
		ops->row(ctx, c, 2);
	}
	/* the bands as the templates name them (A B C D), each template's highest first */
	for (int g = 0; g < s->ngrades; g++) {
		char lab[160];
		snprintf(lab, sizeof lab, "%s%s%s", L(L_PERIOD_BANDS), report_colon(lang), s->grades[g].name[lang]);
		c_text(&c[0], lab);
		c_int(&c[1], s->grades[g].n);
		ops->row(ctx, c, 2);
	}
	ops->end(ctx);

	/* change against the previous period */
	char prevh[64];
	snprintf(prevh, sizeof prevh, "%s %s~%s", L(L_PREVIOUS), s->prev_from, s->prev_to);
	char line[512];
	ops->section(ctx, RS_CHANGE, L(L_CHANGE));
	report_coverage(s, lang, line, sizeof line);
	ops->para(ctx, line);
	HDR(L(L_FIGURE), prevh, L(L_CURRENT), L(L_DELTA));
	c_text(&c[0], L(L_DAYS_DATA)); c_int(&c[1], s->prev_days); c_int(&c[2], s->ndays);
	c_delta(&c[3], s->ndays, s->prev_days, 0);
	ops->row(ctx, c, 4);
	c_text(&c[0], L(L_INSPECTIONS)); c_int(&c[1], s->prev.inspections);
	c_int(&c[2], s->cur.inspections);
	c_delta(&c[3], s->cur.inspections, s->prev.inspections, 0);
	ops->row(ctx, c, 4);
	c_text(&c[0], L(L_MEAN)); c_score(&c[1], s->prev.mean); c_score(&c[2], s->cur.mean);
	c_delta(&c[3], s->cur.mean, s->prev.mean, 1);
	ops->row(ctx, c, 4);
	c_text(&c[0], L(L_FAILS)); c_int(&c[1], s->prev.fails); c_int(&c[2], s->cur.fails);
	c_delta(&c[3], s->cur.fails, s->prev.fails, 0);
	ops->row(ctx, c, 4);
	c_text(&c[0], L(L_CRITICAL)); c_int(&c[1], s->prev.critical); c_int(&c[2], s->cur.critical);
	c_delta(&c[3], s->cur.critical, s->prev.critical, 0);
	ops->row(ctx, c, 4);
	ops->end(ctx);

	/* ranking */
	ops->section(ctx, RS_RANKING, L(L_RANKING));
	HDR(L(L_RANK), L(L_MARKET), L(L_DISTRICT), L(L_INSPECTIONS), L(L_VISITS), L(L_SCORE),
	    L(L_BAND), L(L_REASON), L(L_FAILS), L(L_CRITICAL));
	for (int k = 0; k < s->nmarkets; k++) {
		const struct sum_market *m = &s->markets[k];
		c_int(&c[0], k + 1);
		c_text(&c[1], m->name);
		c_text(&c[2], m->district);
		c_int(&c[3], m->inspections);
		c_int(&c[4], m->stalls);
		c_score(&c[5], m->score);
		c_text(&c[6], summary_band_name(s, m->grade, m->band, lang));
		report_band_reason(m->band, m->score, m->critical, s->pass_line, lang, line, sizeof line);
		c_text(&c[7], line);
		c_int(&c[8], m->fails);
		c_int(&c[9], m->critical);
		ops->row(ctx, c, 10);
	}
	ops->end(ctx);

	/* categories per market: earned / possible; every category, in tables
	 * of REPORT_CAT_COLS so a page stays readable */
	ops->section(ctx, RS_CATEGORIES, L(L_CATEGORIES));
	for (int c0 = 0; c0 < s->ncategories; c0 += REPORT_CAT_COLS) {
		int nc = s->ncategories - c0 < REPORT_CAT_COLS ? s->ncategories - c0 : REPORT_CAT_COLS;
		const char *h[REPORT_CAT_COLS + 1];
		h[0] = L(L_MARKET);
		for (int k = 0; k < nc; k++)
			h[k + 1] = s->categories[c0 + k].name[lang];
		ops->header(ctx, h, nc + 1);
		for (int k = 0; k < s->nmarkets; k++) {
			const struct sum_market *m = &s->markets[k];
			c_text(&c[0], m->name);
			for (int j = 0; j < nc; j++)
				c_pct(&c[j + 1], m->cat_earned[c0 + j], m->cat_possible[c0 + j]);
			ops->row(ctx, c, nc + 1);
		}
		ops->end(ctx);
	}

	/* critical failures */
	ops->section(ctx, RS_CRITICALS, L(L_CRITICALS));
	if (!s->ncriticals) {
		ops->para(ctx, L(L_NOTHING));
	} else {
		HDR(L(L_DAY), L(L_MARKET), L(L_STALL), L(L_ITEM), L(L_BASIS), L(L_NOTE), L(L_INSPECTOR));
		for (int k = 0; k < s->ncriticals; k++) {
			const struct sum_critical *x = &s->criticals[k];
			const struct sum_inspection *in = &s->inspections[x->inspection];
			char item[600];
			snprintf(item, sizeof item, "%s %s", x->item_id, x->text[lang]);
			c_day(&c[0], in->day);
			c_text(&c[1], s->markets[in->market].name);
			c_code(&c[2], x->stall_code[0] ? x->stall_code : L(L_MARKETWIDE));
			c_text(&c[3], item);
			c_text(&c[4], x->basis[lang]);
			c_text(&c[5], x->note);
			c_text(&c[6], in->inspector);
			ops->row(ctx, c, 7);
		}
		ops->end(ctx);
	}

	/* most failed items */
	ops->section(ctx, RS_TOPITEMS, L(L_TOPITEMS));
	ops->para(ctx, L(L_RATE_NOTE));
	HDR(L(L_ITEM), L(L_BASIS), L(L_CATEGORY), L(L_SHARE), L(L_COUNT), L(L_ANSWERED), L(L_ITEM_MARKETS));
	int shown = 0, few = 0;
	for (int k = 0; k < s->nitems; k++) {
		const struct sum_item *x = &s->items[k];
		if (x->fails > 0 && !summary_item_ranked(x))
			few++;
		if (x->fails <= 0 || !summary_item_ranked(x) || shown >= REPORT_TOP_ITEMS)
			continue;
		shown++;
		char item[600];
		snprintf(item, sizeof item, "%s %s", x->item_id, x->text[lang]);
		c_text(&c[0], item);
		c_text(&c[1], x->basis[lang]);
		c_text(&c[2], x->category >= 0 ? s->categories[x->category].name[lang] : "?");
		c_pct(&c[3], x->fails, x->answered);
		c_int(&c[4], x->fails);
		c_int(&c[5], x->answered);
		c_int(&c[6], x->markets);
		ops->row(ctx, c, 7);
	}
	ops->end(ctx);
	if (few)
		snprintf(line, sizeof line, sc_trc_lang(lang, "report", "Only items checked at least %d times are "
				 "ranked (a rate from fewer checks says little); items checked fewer times that failed: %d,"
				 " not listed."), SUMMARY_RATE_MIN, few);
	else
		snprintf(line, sizeof line, sc_trc_lang(lang, "report", "Only items checked at least %d times are "
				 "ranked (a rate from fewer checks says little)."), SUMMARY_RATE_MIN);
	ops->para(ctx, line);

	/* failures by severity tier (templates that declare tiers) and by basis */
	struct { int id, title, head; const struct sum_tally *v; int n; } tl[] = {
		{ RS_BYSEVERITY, L_BYSEVERITY, L_SEVERITY, s->severities, s->nseverities },
		{ RS_BYBASIS, L_BYBASIS, L_BASIS, s->bases, s->nbases },
	};
	for (size_t t = 0; t < sizeof tl / sizeof tl[0]; t++) {
		if (tl[t].id == RS_BYSEVERITY && !tl[t].n)
			continue;
		ops->section(ctx, tl[t].id, L(tl[t].title));
		if (!tl[t].n) {
			ops->para(ctx, L(L_NOTHING));
			continue;
		}
		HDR(L(tl[t].head), L(L_FAILS), L(L_CRITICAL), L(L_CORRECTED));
		for (int k = 0; k < tl[t].n; k++) {
			const struct sum_tally *x = &tl[t].v[k];
			c_text(&c[0], *x->name[lang] ? x->name[lang] : L(L_NONE));
			c_int(&c[1], x->fails);
			c_int(&c[2], x->critical);
			c_int(&c[3], x->corrected);
			ops->row(ctx, c, 4);
		}
		ops->end(ctx);
	}

	/* stalls below the pass line */
	ops->section(ctx, RS_BELOW, L(L_BELOW));
	if (!s->below_pass) {
		ops->para(ctx, L(L_NOTHING));
	} else {
		HDR(L(L_DAY), L(L_MARKET), L(L_STALL), L(L_TYPE), L(L_SCORE), L(L_CRITICAL), L(L_REASON));
		for (int k = 0; k < s->nstalls; k++) {
			const struct sum_stall *x = &s->stalls[k];
			if (x->band != BAND_FAIL)
				continue;
			const struct sum_inspection *in = &s->inspections[x->inspection];
			c_day(&c[0], in->day);
			c_text(&c[1], s->markets[in->market].name);
			c_code(&c[2], x->stall_code);
			c_text(&c[3], s->types[x->type].name[lang == LANG_EN ? LANG_EN : LANG_ZH]);
			c_score(&c[4], x->score);
			c_int(&c[5], x->critical);
			report_band_reason(x->band, x->score, x->critical, s->pass_line, lang, line, sizeof line);
			c_text(&c[6], line);
			ops->row(ctx, c, 7);
		}
		ops->end(ctx);
	}

	/* rectifications */
	ops->section(ctx, RS_RECTS, L(L_RECTS));
	report_rect_asof(s, lang, line, sizeof line);
	ops->para(ctx, line);
	HDR(L(L_OPENED), L(L_CLOSED), L(L_OVERDUE));
	c_int(&c[0], s->rect_opened);
	c_int(&c[1], s->rect_closed);
	c_int(&c[2], s->rect_overdue);
	ops->row(ctx, c, 3);
	ops->end(ctx);
	if (s->rect_overdue) {
		HDR(L(L_MARKET), L(L_STALL), L(L_ITEM), L(L_OPENED), L(L_DEADLINE), L(L_STATUS));
		for (int k = 0; k < s->nrects; k++) {
			const struct sum_rect *x = &s->rects[k];
			if (!x->overdue)
				continue;
			c_text(&c[0], x->market_name);
			c_code(&c[1], x->stall_code[0] ? x->stall_code : L(L_MARKETWIDE));
			c_text(&c[2], x->item_id);
			c_day(&c[3], x->opened_day);
			c_day(&c[4], x->deadline);
			c_text(&c[5], L(L_OVERDUE));
			ops->row(ctx, c, 6);
		}
		ops->end(ctx);
	}

	/* inspectors */
	ops->section(ctx, RS_INSPECTORS, L(L_INSPECTORS));
	HDR(L(L_INSPECTOR), L(L_INSPECTIONS), L(L_MEAN));
	for (int k = 0; k < s->ninspectors; k++) {
		c_text(&c[0], s->inspectors[k].name);
		c_int(&c[1], s->inspectors[k].inspections);
		c_score(&c[2], s->inspectors[k].mean);
		ops->row(ctx, c, 3);
	}
	ops->end(ctx);
}
