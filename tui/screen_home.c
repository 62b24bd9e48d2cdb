/* screen_home: today's inspections on this machine, what is not yet synced,
 * rectifications due; new inspection, open or resume one. On the first start
 * it asks who is inspecting (no [inspector] name set), then offers demo data
 * (empty database) or the unfinished draft. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "config/userini.h"
#include "core/demo.h"
#include "core/home.h"
#include "core/rectify.h"
#include "core/store.h"
#include "curses.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

static struct {
	struct home_row *rows;
	int n, sel, top;
	int unsynced, overdue, open;
	char today[CLOCK_DAY], last_sync[CLOCK_TS];
	int offered;
	int64_t draft_id;
} S;

static void load(struct app *a)
{
	struct sc_err err;
	free(S.rows);
	S.rows = NULL;
	S.n = 0;
	clock_today(S.today);
	if (home_today(a->db, a->device, S.today, &S.rows, &S.n, &err) != SC_OK ||
	    home_unsynced(a->db, &S.unsynced, S.last_sync, &err) != SC_OK ||
	    rectify_count_open(a->db, S.today, &S.overdue, &S.open, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
	/* a draft has no stored score yet: show the running one, as the walk does */
	for (int i = 0; i < S.n; i++) {
		struct inspection_rec *r = &S.rows[i].r;
		struct checklist own = { 0 };
		const struct checklist *cl;
		struct market_score ms;
		if (strcmp(r->status, "draft") ||
		    app_checklist_for(a, r->template_id, &own, &cl, &err) != SC_OK)
			continue;
		if (store_inspection_score(a->db, cl, r->id, &ms, NULL, NULL, &err) == SC_OK) {
			r->score = ms.score;
			r->band = score_band_class(&cl->rules, ms.band);
		}
		if (cl == &own)
			checklist_clear(&own);
	}
	if (S.sel >= S.n)
		S.sel = S.n ? S.n - 1 : 0;
}

static int resume_answer(struct app *a, int yes)
{
	if (!yes)
		return R_REDRAW;
	app_push(a, &screen_walk, S.draft_id);
	return R_PUSH;
}

static void offer_draft(struct app *a)
{
	struct inspection_rec *d = NULL;
	int nd = 0;
	struct sc_err err;
	if (store_inspection_drafts(a->db, &d, &nd, &err) != SC_OK || nd == 0) {
		free(d);
		return;
	}
	S.draft_id = d[0].id;
	struct market_rec m;
	char q[512], where[128] = "";
	if (store_market_get(a->db, d[0].market_id, &m, &err) != SC_OK)
		snprintf(m.name, sizeof m.name, "?");
	for (int i = 0; i < S.n; i++)
		if (S.rows[i].r.id == d[0].id)
			snprintf(where, sizeof where, "%s%s%s", S.rows[i].stall_code,
				 S.rows[i].stall_code[0] && d[0].cursor_item[0] ? " " : "", d[0].cursor_item);
	if (!where[0])
		snprintf(where, sizeof where, "%s %s", d[0].day, d[0].cursor_item);
	txf(q, sizeof q, T_RESUME_Q, m.name, where);
	free(d);
	app_confirm(a, q, resume_answer);
}

static void demo_progress(int done, int total, void *ctx)
{
	(void)ctx;
	char m[128];
	txf(m, sizeof m, T_DEMO_RUN, done, total);
	draw_text(LINES - 1, 0, COLS, ROLE_STATUS, m);
	refresh();
}

static int demo_answer(struct app *a, int yes)
{
	if (!yes)
		return R_REDRAW;
	struct demo_opts o;
	struct sc_err err;
	char *body = NULL;
	memset(&o, 0, sizeof o);
	demo_defaults(&o);
	if (store_template_body(a->db, a->tpl_id, &body, &err) != SC_OK ||
	    demo_generate(a->db, &a->cl, body, &o, demo_progress, NULL, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
	else
		app_msg(a, 0, "%s", tx(T_DEMO_DONE));
	free(body);
	load(a);
	return R_REDRAW;
}

/* Demo data for an empty database, else the unfinished draft. */
static void offer_start(struct app *a)
{
	struct sc_err err;
	int nm = 0;
	if (home_market_count(a->db, &nm, &err) == SC_OK && nm == 0)
		app_confirm(a, tx(T_DEMO_Q), demo_answer);
	else
		offer_draft(a);
}

/* Copy form text into a settings field, its edge blanks trimmed. */
static void trimmed(char *dst, size_t sz, const char *v)
{
	size_t n;
	v += strspn(v, " \t");
	for (n = strlen(v); n && (v[n - 1] == ' ' || v[n - 1] == '\t'); n--)
		;
	snprintf(dst, sz, "%.*s", (int)n, v);
}

/* The first start's answer: a name is required; it is written to the
 * settings file, and used for this session even when that fails. */
static int who_submit(struct app *a, char v[][256], int n)
{
	(void)n;
	struct settings *set = a->set;
	char name[sizeof set->inspector], unit[sizeof set->unit], path[SET_PATH], m[1400];
	struct sc_err err;
	if (!app_fits(a, tx(T_F_PERSON), v[0], sizeof name) || !app_fits(a, tx(T_F_UNIT), v[1], sizeof unit))
		return R_KEEP;
	trimmed(name, sizeof name, v[0]);
	trimmed(unit, sizeof unit, v[1]);
	if (!name[0]) {
		app_msg(a, 1, "%s", tx(T_WHO_EMPTY));
		return R_KEEP;
	}
	if (store_check_name("inspector", name, &err) != SC_OK ||
	    store_check_text("unit", unit, sizeof unit - 1, 0, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	/* said here in the interface's language (the settings writer refuses
	 * it too; control characters cannot be typed or pasted) */
	if (strchr(name, '"') || strchr(unit, '"')) {
		app_msg(a, 1, "%s", tx(T_WHO_QUOTE));
		return R_KEEP;
	}
	userini_path(a->config_path, path, sizeof path);
	int rc = userini_set_inspector(path, name, unit, &err);
	if (rc == SC_ERR_INVALID) { /* a value the file cannot hold: say so, let it be changed */
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	if (rc == SC_OK)
		app_msg(a, 0, "%s", txf(m, sizeof m, T_WHO_SAVED, path));
	else
		app_msg(a, 1, "%s", txf(m, sizeof m, T_WHO_UNSAVED, err.msg));
	snprintf(set->inspector, sizeof set->inspector, "%s", name);
	snprintf(set->unit, sizeof set->unit, "%s", unit);
	if (!set->reviewer[0])
		snprintf(set->reviewer, sizeof set->reviewer, "%s", name);
	offer_start(a);
	return a->modal == 2 ? R_KEEP : R_REDRAW; /* a question takes the form's place */
}

static void ask_who(struct app *a)
{
	const char *const labels[] = { tx(T_F_PERSON), tx(T_F_UNIT) };
	char path[SET_PATH], hint[SET_PATH + 256];
	userini_path(a->config_path, path, sizeof path);
	app_form(a, tx(T_WHO_TITLE), txf(hint, sizeof hint, T_WHO_HINT, path), 2, labels, NULL,
		 who_submit);
	a->m_esc_quits = 1; /* no name, no records: leave rather than go on without one */
}

static int home_enter(struct app *a, int64_t arg)
{
	(void)arg;
	load(a);
	if (!S.offered) {
		S.offered = 1;
		if (!a->set->inspector[0])
			ask_who(a);
		else
			offer_start(a);
	}
	return R_NONE;
}

static void home_resume(struct app *a) { load(a); }

static void home_draw(struct app *a, int h, int w)
{
	char t[512], last[CLOCK_LOCAL];
	clock_local(S.last_sync, last);
	draw_text(0, 0, w, ROLE_TITLE, tx(T_APP));
	char who[300];
	snprintf(who, sizeof who, "%s%s%s", a->set->inspector, a->set->unit[0] ? " · " : "",
		 a->set->unit);
	draw_text(1, 0, w, ROLE_HEADER, txf(t, sizeof t, T_HOME_TITLE, S.today, who));
	draw_text(2, 0, w, ROLE_NORMAL,
		  txf(t, sizeof t, T_HOME_SUMMARY, S.unsynced,
		      last[0] ? last : tx(T_NEVER), S.open, S.overdue));
	int y0 = 4, rows = h - y0 - 1;
	if (S.n == 0)
		draw_text(y0, 2, w - 2, ROLE_MUTED, tx(T_HOME_EMPTY));
	app_list_view(a, &S.sel, &S.top, S.n, y0, rows);
	for (int i = S.top; i < S.n && i - S.top < rows; i++) {
		const struct home_row *r = &S.rows[i];
		char st[32], mk[64], sc[32];
		draw_cell(st, sizeof st, text_status(r->r.status), 8);
		draw_cell(mk, sizeof mk, r->market, 24);
		char num[16];
		if (r->r.score >= 0)
			snprintf(sc, sizeof sc, "%5s %s", score_text(r->r.score, "", num, sizeof num),
				 app_band_name(a, r->r.template_id, r->r.band, r->r.grade));
		else
			snprintf(sc, sizeof sc, "  -- ");
		char local[CLOCK_LOCAL];
		clock_local(r->r.started_at, local);
		const char *time = local[0] ? local + 11 : "--:--";
		char crit[64] = "";
		if (r->r.critical_fails > 0)
			txf(crit, sizeof crit, T_CRITICAL_N, r->r.critical_fails);
		draw_textf(y0 + i - S.top, 0, w, i == S.sel ? ROLE_SELECTED : ROLE_NORMAL,
			   "%s %s %s %s %s %-12s %s %s", i == S.sel ? ">" : " ", r->r.day, time, st, mk,
			   sc, crit, strcmp(r->r.status, "draft") ? "" : r->stall_code); /* where a draft resumes */
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_HOME_KEYS));
}

static int home_handle(struct app *a, int action, int key)
{
	(void)key;
	if (app_list_nav(action, &S.sel, S.n))
		return R_REDRAW;
	switch (action) {
	case A_QUIT:
		return R_QUIT;
	case A_BACK: /* one Esc too many while backing out must not end the program */
		app_msg(a, 0, "%s", tx(T_QUIT_HINT));
		return R_REDRAW;
	case A_SYNC:
		app_push(a, &screen_sync, 0);
		return R_PUSH;
	case A_NEW:
	case A_ADD:
		app_push(a, &screen_markets, 0);
		return R_PUSH;
	case A_REVIEW:
		app_push(a, &screen_review, 0);
		return R_PUSH;
	case A_RECTS:
		app_push(a, &screen_rectlist, 0);
		return R_PUSH;
	case A_SELECT:
		if (S.n == 0)
			return R_NONE;
		app_push(a, &screen_walk, S.rows[S.sel].r.id);
		return R_PUSH;
	case A_EXPORT:
		export_dialog_open(a);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

static void home_cleanup(void)
{
	free(S.rows);
	memset(&S, 0, sizeof S);
}

static const int home_acts[] = { A_NEW, A_SELECT, A_RECTS, A_REVIEW, A_SYNC, A_EXPORT, A_NONE };
const struct screen screen_home = { "home", SC_LIST, home_enter, home_draw, home_handle,
				    home_resume, home_cleanup, NULL, home_acts };
