/* report: writes a summary (core/summary.h) to a file in one of four
 * formats. report_write does the file handling for every writer: refuses to
 * replace an existing file unless asked, writes to a temporary name in the
 * same directory, syncs and renames it. The writers themselves
 * (report_html.c, report_csv.c, report_xlsx.c, report_md.c) only format.
 * Labels come from one table of English words translated by the catalogue
 * into the report's language (report_label, context "report"). */
#ifndef SC_REPORT_H
#define SC_REPORT_H

#include <stdio.h>
#include <time.h>

#include "pdf.h"
#include "summary.h"

enum report_format { REPORT_HTML = 0, REPORT_XLSX, REPORT_CSV, REPORT_MD, REPORT_PDF, REPORT_FORMAT_COUNT };

struct report_opts {
	int format;                /* enum report_format */
	int lang;                  /* LANG_ZH or LANG_EN */
	int bom;                   /* CSV: start with a UTF-8 BOM (for Excel) */
	int raw_cells;             /* CSV: formula-like cells as they are (csv_field) */
	int force;                 /* replace an existing file */
	time_t now;                /* generation time written in the file */
	/* the CSV streams the answers from the database: */
	struct db *db;
	summary_tpl_fn tpl;
	void *tpl_ctx;
	summary_progress_fn progress; /* may be NULL */
	void *pctx;
	pdf_watch_fn watch;        /* PDF: while Chromium prints (pdf.h), may be NULL */
	void *wctx;
	/* HTML and PDF: where report/report.html and .css are looked for, in
	 * order (NULL-terminated; settings_tpl_dirs); the issuing unit */
	const char *const *tpl_dirs;
	const char *unit;
};

/* One CSV field on f (RFC 4180: quoted when it holds a comma, quote, CR or
 * LF; quotes doubled), no separator. Unless raw, a field a spreadsheet
 * would run as a formula - starting with = + - @, tab or CR, and not a
 * plain decimal number like -1.5 - gets a ' in front (the OWASP rule). */
void csv_field(FILE *f, const char *s, int raw);

/* "html" "xlsx" "csv" "md" -> enum report_format, or -1. */
int report_format_from_name(const char *name);

/* Write s to path as o->format. SC_ERR_CONFLICT when path exists and
 * !o->force; nothing is left behind on failure. */
int report_write(const struct summary *s, const char *path, const struct report_opts *o,
		 struct sc_err *err);

/* Build the summary of [from, to] within scope (may be NULL) with o->tpl
 * and o->progress, and write it to path: the whole export in one call.
 * *inspections (may be NULL) gets the number of inspections summarized. */
int report_export(struct db *db, const char *from, const char *to,
		  const struct summary_scope *scope, const char *path,
		  const struct report_opts *o, int *inspections, int *markets,
		  struct sc_err *err);

/* --- for the writers --- */

enum report_label_key {
	L_TITLE, L_PERIOD, L_SCOPE, L_ALL, L_DISTRICT, L_GENERATED, L_EMPTY,
	L_OVERVIEW, L_INSPECTIONS, L_MARKETS, L_STALLS, L_MEAN, L_FAILS, L_CRITICAL,
	L_BELOW, L_RANKING, L_RANK, L_MARKET, L_SCORE, L_BAND, L_CATEGORIES, L_CATEGORY,
	L_CRITICALS, L_DAY, L_STALL, L_ITEM, L_NOTE, L_MARKETWIDE, L_TOPITEMS, L_COUNT,
	L_SHARE, L_ANSWERED, L_TYPE, L_RECTS, L_OPENED, L_CLOSED, L_OVERDUE, L_DEADLINE,
	L_STATUS, L_CHANGE, L_PREVIOUS, L_CURRENT, L_DELTA, L_INSPECTORS, L_INSPECTOR,
	L_TREND, L_FAILCAT, L_SCOREMKT, L_NONE, L_SHEET_SUMMARY, L_SHEET_INSPECTIONS,
	L_SHEET_STALLS, L_SHEET_ITEMS, L_SHEET_RECTS, L_UUID, L_TEMPLATE, L_VISITS,
	L_PERIOD_BANDS, L_FIGURE, L_NOTHING, L_ITEM_MARKETS, L_ITEM_ID, L_VERSION, L_ST_CARRIED,
	L_AREA, L_FINDING, L_BASIS, L_SEVERITY, L_BYSEVERITY, L_BYBASIS, L_CORRECTED, L_PHOTOS,
	L_PHOTOS_TITLE,
	L_REASON, L_DAYS_DATA, L_RATE_NOTE, L_MARKET_PAGES,
	L_PREV_RANK, L_PREV_SCORE, L_OPEN_RECTS, L_CUR_RANK, L_PASS_LINE, L_SCORE_UNIT, L_FAIL_UNIT,
	L_LEGEND_CRIT, L_SHEET_CHARTS,
	L_LABEL_COUNT
};

const char *report_label(int key, int lang);
/* What goes between a label and its value: ": " in English, the
 * full-width "：" in Chinese. */
const char *report_colon(int lang);

/* Generation time as local "YYYY-MM-DD HH:MM:SS". */
void report_time(time_t t, char *buf, size_t sz);
/* The scope in words: all markets, the district, the markets by name. */
void report_scope(const struct summary *s, int lang, char *buf, size_t sz);
/* Why a band is 不合格: a critical failure (whatever the score) or points
 * below the pass line, or both; "" for any other band. */
void report_band_reason(int band, double score, int critical, int pass_line, int lang,
			char *buf, size_t sz);
/* Where a score axis starts: low enough for the lowest value lo (and the
 * pass line when it is within 10 below), on a multiple of 10; 0 when the
 * data need it. Every chart says where it starts. */
int report_axis_base(double lo, int pass_line);
/* A band's colour in the charts, 0xRRGGBB: good green, pass blue, fail red. */
unsigned report_band_rgb(int band);
/* Was it a critical failure (not the points) that made the band 不合格? */
int report_fail_critical(int band, double score, int critical, int pass_line);
/* How much of each period has data: "上期 28 天中 12 天有检查；本期 …". */
void report_coverage(const struct summary *s, int lang, char *buf, size_t sz);
/* "统计截至 YYYY-MM-DD" for the rectification figures. */
void report_rect_asof(const struct summary *s, int lang, char *buf, size_t sz);

/* The summary as a sequence of titled tables, the same for every writer:
 * a writer renders sections, headers and rows; numbers carry their value. */
enum rcell_kind { RC_TEXT = 0, RC_INT, RC_REAL, RC_PCT, RC_DATE /* text YYYY-MM-DD */,
		  RC_CODE /* text never broken: a stall code */ };
struct rcell {
	const char *text;          /* display text (numbers formatted) */
	double num;
	int kind;                  /* enum rcell_kind */
	char buf[32];
};
struct report_ops {
	void (*section)(void *ctx, int id, const char *title);
	void (*para)(void *ctx, const char *text);
	void (*header)(void *ctx, const char *const *cols, int n);
	void (*row)(void *ctx, const struct rcell *cells, int n);
	void (*end)(void *ctx);     /* end of a table */
};
/* Section ids, so a writer can add something (a chart) after one. */
enum report_section { RS_OVERVIEW, RS_CHANGE, RS_RANKING, RS_CATEGORIES, RS_CRITICALS,
		      RS_TOPITEMS, RS_BYSEVERITY, RS_BYBASIS, RS_BELOW, RS_RECTS, RS_INSPECTORS };
#define REPORT_TOP_ITEMS 20
#define REPORT_CAT_COLS 10         /* categories per table; more go on in another */
void report_walk(const struct summary *s, int lang, const struct report_ops *ops, void *ctx);

/* The HTML report of s through the templates of o->tpl_dirs: into a
 * malloc'd text, or onto f. */
int report_html_text(const struct summary *s, const struct report_opts *o, char **html, size_t *len,
		     struct sc_err *err);
int report_html(FILE *f, const struct summary *s, const struct report_opts *o, struct sc_err *err);
/* Can the report templates of dirs be found and parsed (SC_OK), else why
 * (FILE:LINE: what). For check-config. */
int report_templates_check(const char *const *dirs, struct sc_err *err);
/* Write s to f as HTML text (report_html.c, report_photo.c): tmpl_esc, the
 * escaper of the templates' {{name}} too. */
void report_html_esc(FILE *f, const char *s);
/* The HTML report's photos of failed items (report_photo.c): each
 * rectification of the summary that has evidence photos, with 320 px
 * thumbnails as data: URIs; nothing when none has (or o->db is NULL). */
void report_html_photos(FILE *f, const struct summary *s, const struct report_opts *o, int lang);
int report_md(FILE *f, const struct summary *s, const struct report_opts *o);
int report_csv(FILE *f, const struct summary *s, const struct report_opts *o,
	       struct sc_err *err);
/* The long CSV of a period read once (report_export): the summary is built
 * (into out, the caller's) while its answers are written. */
struct report_period {
	const char *from, *to;
	const struct summary_scope *scope;
	struct summary *out;
};
int report_csv_build(FILE *f, struct report_period *p, const struct report_opts *o,
		     struct sc_err *err);
/* xlsx writes to a file name (libxlsxwriter's way). */
int report_xlsx(const char *path, const struct summary *s, const struct report_opts *o,
		struct sc_err *err);

#endif
