/* screen_export: the export dialog. A form asks for the period, the format
 * and the file (defaults: the last 7 days, html, a name in the current
 * directory); the export (core/report.h) then runs with a progress bar on
 * the bottom line (a PDF: the seconds Chromium has taken, Esc stops it),
 * and the status line says where the file went. An existing file is not
 * replaced: the form stays open with the message. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config/tplcache.h"
#include "core/clock.h"
#include "core/pdf.h"
#include "core/report.h"
#include "curses.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

static void bar(int done, int total, void *ctx)
{
	(void)ctx;
	char line[256];
	int w = COLS > 40 ? 30 : 10, fill = total > 0 ? done * w / total : w;
	int o = snprintf(line, sizeof line, "%s [", tx(T_EXPORT_RUN));
	for (int i = 0; i < w && o < (int)sizeof line - 32; i++)
		line[o++] = i < fill ? '#' : '-';
	snprintf(line + o, sizeof line - (size_t)o, "] %d/%d", done, total);
	draw_text(LINES - 1, 0, COLS, ROLE_STATUS, line);
	refresh();
}

/* While Chromium prints a PDF (core/pdf.h), several seconds: the time so
 * far on the status line, and Esc stops it. Other keys are dropped. */
static int pdf_cancelled;

static int pdf_watch(long ms, void *ctx)
{
	(void)ctx;
	char line[256];
	draw_text(LINES - 1, 0, COLS, ROLE_STATUS, txf(line, sizeof line, T_EXPORT_PDF_RUN, (int)(ms / 1000)));
	refresh();
	timeout(0);
	for (int c; (c = getch()) != ERR;)
		if (c == 27)
			pdf_cancelled = 1;
	return pdf_cancelled;
}

/* What the form asked for, kept for the replace question. */
static struct {
	char from[CLOCK_DAY], to[CLOCK_DAY], path[256];
	int format;
	char offered[64];          /* the file name the form offered */
} P;

static int replace_answer(struct app *a, int yes);

static int run_export(struct app *a, const char *from, const char *to, int format, const char *path,
		      int force)
{
	struct tplcache tc = { .db = a->db };
	char dirs[SET_TPL_DIRS][SET_PATH];
	const char *dirv[SET_TPL_DIRS + 1];
	settings_tpl_dirs(a->set, dirs, dirv);
	struct report_opts o = { .format = format, .lang = a->lang, .bom = 1, .now = clock_now(),
				 .tpl = tplcache_lookup, .tpl_ctx = &tc, .progress = bar, .force = force,
				 .tpl_dirs = dirv, .unit = a->set->unit, .watch = pdf_watch };
	struct sc_err err;
	char m[600];
	int ninsp = 0;
	pdf_cancelled = 0;
	int rc = report_export(a->db, from, to, NULL, path, &o, &ninsp, NULL, &err);
	tplcache_clear(&tc);
	if (pdf_cancelled) { /* the form stays, as it was */
		app_msg(a, 0, "%s", tx(T_EXPORT_CANCELLED));
		return R_KEEP;
	}
	if (rc == SC_ERR_CONFLICT && !force) { /* the file is there: ask, do not tell of --force */
		snprintf(P.from, sizeof P.from, "%s", from);
		snprintf(P.to, sizeof P.to, "%s", to);
		snprintf(P.path, sizeof P.path, "%s", path);
		P.format = format;
		app_confirm(a, txf(m, sizeof m, T_EXPORT_REPLACE_Q, path), replace_answer);
		return R_KEEP; /* the question takes the form's place */
	}
	if (rc == SC_ERR_CORRUPT) {
		app_msg(a, 1, "%s", txf(m, sizeof m, T_DB_DAMAGED, db_path(a->db)));
		return R_KEEP;
	}
	if (rc != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	char full[PATH_MAX]; /* where it went, whatever the folder the program was started in */
	app_msg(a, 0, "%s", txf(m, sizeof m, T_EXPORT_DONE, ninsp, realpath(path, full) ? full : path));
	return R_REDRAW;
}

static int replace_answer(struct app *a, int yes)
{
	if (!yes)
		return R_REDRAW;
	return run_export(a, P.from, P.to, P.format, P.path, 1) & ~R_KEEP;
}

static int submit(struct app *a, char vals[][256], int n)
{
	(void)n;
	const char *from = vals[0], *to = vals[1], *fmt = vals[2], *path = vals[3];
	if (!clock_day_valid(from) || !clock_day_valid(to) || strcmp(from, to) > 0) {
		app_msg(a, 1, "%s", tx(T_EXPORT_BAD_DATE));
		return R_KEEP;
	}
	int format = report_format_from_name(fmt);
	if (format < 0) {
		app_msg(a, 1, "%s", tx(T_EXPORT_BAD_FORMAT));
		return R_KEEP;
	}
	/* the offered name, left as it was, follows the period typed */
	if (strcmp(path, P.offered) == 0) {
		char name[64];
		snprintf(name, sizeof name, "stallcheck-%s-%s.html", from, to);
		memcpy(vals[3], name, strlen(name) + 1);
	}
	/* a name ending in another format's extension follows the format */
	static const char *const ext[REPORT_FORMAT_COUNT] = { ".html", ".xlsx", ".csv", ".md", ".pdf" };
	size_t len = strlen(path);
	for (int k = 0; k < REPORT_FORMAT_COUNT; k++) {
		size_t el = strlen(ext[k]);
		if (k != format && len > el && strcmp(path + len - el, ext[k]) == 0
		    && len - el + strlen(ext[format]) < sizeof vals[3]) {
			snprintf(vals[3] + len - el, sizeof vals[3] - (len - el), "%s", ext[format]);
			break;
		}
	}
	return run_export(a, from, to, format, vals[3], 0);
}

void export_dialog_open(struct app *a)
{
	char from[CLOCK_DAY], to[CLOCK_DAY], file[64];
	clock_today(to);
	clock_day_add(to, -6, from);
	snprintf(file, sizeof file, "stallcheck-%s-%s.html", from, to);
	snprintf(P.offered, sizeof P.offered, "%s", file);
	const char *const labels[] = { tx(T_F_FROM), tx(T_F_TO), tx(T_F_FORMAT), tx(T_F_FILE) };
	const char *const init[] = { from, to, "html", file };
	app_form(a, tx(T_EXPORT_TITLE), tx(T_EXPORT_HINT), 4, labels, init, submit);
}
