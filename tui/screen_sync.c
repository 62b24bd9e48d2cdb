/* screen_sync: exchange records with the sync folder ([data] sync_folder):
 * what is unsent and when the last sync ran, Enter syncs now with progress
 * on the status line, then a summary of every bundle written, imported,
 * waiting or quarantined (with its reason); conflicts and problems stay
 * listed until they are settled. The work is core/sync.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "app.h"
#include "core/sync.h"
#include "curses.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define LOG_MAX 200

/* Its words are text.h rows (T_SY_*); its formats are written in place
 * with _() so the compiler checks them. */
static struct {
	struct sync_status st;
	char log[LOG_MAX][400];
	int roles[LOG_MAX];
	int n, top;
	int lang;
} Y;

static void add(int role, const char *s)
{
	if (Y.n == LOG_MAX) { /* keep the newest */
		memmove(Y.log[0], Y.log[1], sizeof Y.log[0] * (LOG_MAX - 1));
		memmove(Y.roles, Y.roles + 1, sizeof Y.roles[0] * (LOG_MAX - 1));
		Y.n--;
	}
	snprintf(Y.log[Y.n], sizeof Y.log[0], "%s", s);
	Y.roles[Y.n++] = role;
}

/* The bundle format each trusted device last sent, and what to update
 * when this program does not read it (wrapped: it must be read whole). */
static void formats(struct app *a)
{
	struct sync_peer_format_rec *p = NULL;
	struct sc_err err;
	char line[400], warn[600], wrapped[4][DRAW_WRAP_LINE];
	int n = 0;

	if (sync_peer_formats(a->db, &p, &n, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return;
	}
	if (n)
		add(ROLE_HEADER, tx(T_SY_DEVICES));
	for (int i = 0; i < n; i++) {
		char fmt[80];
		if (p[i].format)
			snprintf(fmt, sizeof fmt, _("format %d (bundle %06ld)"), p[i].format,
				 p[i].seq);
		snprintf(line, sizeof line, _("%s (%s): %s"), p[i].device,
			 strcmp(p[i].role, "supervisor") ? _("inspector") : _("supervisor"),
			 p[i].format ? fmt : tx(T_SY_NO_BUNDLE));
		add(ROLE_NORMAL, line);
		sync_format_warning(&p[i], Y.lang, warn, sizeof warn);
		for (int k = 0, nw = warn[0] ? draw_wrap(warn, COLS > 12 ? COLS - 6 : 6, wrapped, 4, 0) : 0; k < nw; k++)
			add(ROLE_ERROR, wrapped[k]);
	}
	free(p);
}

/* Status and the unsettled problems, from the database; appended to the
 * lines of this run unless reset. */
static void load(struct app *a, int reset)
{
	struct sc_err err;
	struct sync_quarantine_rec *q = NULL;
	struct sync_conflict_rec *c = NULL;
	int nq = 0, nc = 0;
	char line[400];

	if (reset)
		Y.n = Y.top = 0;
	if (sync_status(a->db, &Y.st, &err) != SC_OK ||
	    sync_quarantine_list(a->db, &q, &nq, &err) != SC_OK ||
	    sync_conflict_list(a->db, &c, &nc, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		free(q);
		return;
	}
	add(ROLE_HEADER, tx(nq || nc ? T_SY_PROBLEMS : T_SY_NOTHING));
	for (int i = 0; i < nq; i++) {
		snprintf(line, sizeof line, "%s %s: %s",
			 tx(strcmp(q[i].state, "waiting") ? T_SY_Q : T_SY_WAIT), q[i].file, q[i].reason);
		add(strcmp(q[i].state, "waiting") ? ROLE_ERROR : ROLE_MUTED, line);
	}
	for (int i = 0; i < nc; i++) {
		snprintf(line, sizeof line, "%s %s: %.12s / %.12s (%s %06ld)", tx(T_SY_CONFLICT), c[i].uuid, c[i].local_seal,
			 c[i].remote_seal, c[i].device, c[i].seq);
		add(ROLE_ERROR, line);
	}
	free(q);
	free(c);
	formats(a);
}

static int sync_enter(struct app *a, int64_t arg)
{
	(void)arg;
	Y.lang = a->lang;
	load(a, 1);
	return R_NONE;
}

static void sync_draw(struct app *a, int h, int w)
{
	char line[600];
	const struct sync_status *s = &Y.st;
	int y = 0;
	draw_text(y++, 0, w, ROLE_TITLE, tx(T_SY_TITLE));
	if (a->set->sync_dir[0]) {
		snprintf(line, sizeof line, _("Sync folder: %s"), a->set->sync_dir);
		draw_text(y++, 0, w, ROLE_NORMAL, line);
	} else {
		draw_text(y++, 0, w, ROLE_ERROR, tx(T_SY_NOFOLDER));
	}
	snprintf(line, sizeof line,
		 _("Unsent: %d (inspections %d, reviews %d, registry %d, rectification %d, templates %d)"),
		 s->unsent_total, s->unsent_inspections,
		 s->unsent_reviews, s->unsent_registry, s->unsent_rectifications, s->unsent_templates);
	draw_text(y++, 0, w, s->unsent_total ? ROLE_HEADER : ROLE_NORMAL, line);
	char last[CLOCK_LOCAL];
	clock_local(s->last_sync, last);
	snprintf(line, sizeof line, _("Last sync: %s"), last[0] ? last : tx(T_SY_NEVER));
	draw_text(y++, 0, w, ROLE_NORMAL, line);
	snprintf(line, sizeof line,
		 _("Bundles sent %d, imported %d; quarantined %d, waiting %d, conflicts %d"), s->bundles_out, s->bundles_in, s->quarantined,
		 s->waiting, s->conflicts);
	draw_text(y++, 0, w, s->quarantined || s->conflicts ? ROLE_ERROR : ROLE_NORMAL, line);
	y++;
	int rows = h - y - 2;
	if (Y.top > Y.n - rows)
		Y.top = Y.n - rows > 0 ? Y.n - rows : 0;
	for (int i = Y.top; i < Y.n && y < h - 2; i++)
		draw_text(y++, 2, w - 2, Y.roles[i], Y.log[i]);
	draw_text(h - 2, 0, w, ROLE_MUTED, tx(T_SY_KEYS));
}

static void progress(const struct sync_item *it, int done, int total, void *ctx)
{
	char line[600];
	int id, role;
	(void)ctx;
	switch (it->outcome) {
	case SYNC_EXPORTED: id = T_SY_W; role = ROLE_PASS; break;
	case SYNC_IMPORTED: id = T_SY_I; role = ROLE_PASS; break;
	case SYNC_QUARANTINED: id = T_SY_Q; role = ROLE_ERROR; break;
	case SYNC_WAITING: id = T_SY_WAIT; role = ROLE_MUTED; break;
	default: return; /* already imported: not worth a line */
	}
	if (it->outcome == SYNC_IMPORTED || it->outcome == SYNC_EXPORTED) /* in words of the interface */
		snprintf(line, sizeof line, _("%s %s: records: %d"), tx(id), it->file, it->records);
	else
		snprintf(line, sizeof line, "%s %s: %s", tx(id), it->file, it->reason);
	add(role, line);
	/* a long job shows progress while it runs (as the demo offer does) */
	snprintf(line, sizeof line, _("Syncing... %d/%d %s"), done, total, it->file);
	draw_text(LINES - 1, 0, COLS, ROLE_STATUS, line);
	refresh();
}

static int run(struct app *a);

/* No folder configured: ask for one (a USB stick, a share) for this run. */
static int folder_submit(struct app *a, char v[][256], int n)
{
	struct stat sb;
	(void)n;
	if (!v[0][0] || stat(v[0], &sb) != 0 || !S_ISDIR(sb.st_mode) || access(v[0], R_OK | W_OK | X_OK)) {
		app_msg(a, 1, "%s%s", tx(T_SY_FOLDER_BAD), v[0]);
		return R_KEEP | R_REDRAW;
	}
	snprintf(a->set->sync_dir, sizeof a->set->sync_dir, "%s", v[0]);
	run(a);
	add(ROLE_MUTED, tx(T_SY_FOLDER_SET));
	return R_REDRAW;
}

static int run(struct app *a)
{
	struct sync_result r;
	struct sc_err err;
	if (!a->set->sync_dir[0]) {
		const char *labels[] = { tx(T_SY_FOLDER) };
		app_form(a, tx(T_SY_FOLDER), tx(T_SY_NOFOLDER), 1, labels, NULL, folder_submit);
		return R_REDRAW;
	}
	Y.n = Y.top = 0;
	draw_text(LINES - 1, 0, COLS, ROLE_STATUS, _("Syncing..."));
	refresh();
	int rc = sync_run(a->db, a->set->sync_dir, progress, NULL, &r, &err);
	load(a, 0); /* this run's lines, then what is still unsettled */
	if (rc != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	app_msg(a, r.quarantined > 0,
		_("Sync done: bundles sent %d (records %d), imported %d (records %d), quarantined %d,"
		   " waiting %d, new conflicts %d"), r.exported, r.records_out, r.imported, r.records_in,
		r.quarantined, r.waiting, r.conflicts);
	return R_REDRAW;
}

static int sync_handle(struct app *a, int action, int key)
{
	(void)key;
	if (action == A_SELECT)
		return run(a);
	return app_list_keys(action, &Y.top, Y.n);
}

/* Back from help: the figures again, but this run's lines stay. */
static void sync_resume(struct app *a)
{
	struct sc_err err;
	if (sync_status(a->db, &Y.st, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
}

static const int sync_acts[] = { A_SELECT, A_NONE };
const struct screen screen_sync = { "sync", SC_LIST, sync_enter, sync_draw, sync_handle, sync_resume,
				    NULL, NULL, sync_acts };
