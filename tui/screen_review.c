/* screen_review: the supervisor's review of a day (core/review.h). Three
 * levels in one screen: the day's list (sort, filter, search, other day or
 * range), an inspection (market-wide items by area, its stalls, against the
 * previous inspection), a stall's answers (against its previous visit); a
 * glance panel with the day's figures from core/summary (the same as the
 * meeting export); approve, or return with a reason. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "core/review.h"
#include "core/summary.h"
#include "core/utf8.h"
#include "curses.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define NLINES 600

enum { LV_LIST, LV_INSP, LV_STALL, LV_GLANCE };

static struct {
	int level;
	struct review_filter f;
	struct review_row *rows;
	int n, sel, top;
	/* detail levels: lines, and the visit a line opens (-1 none) */
	char lines[NLINES][200];
	int roles[NLINES], opens[NLINES];
	int nl, lsel, ltop, saved_lsel;
	struct inspection_rec ins;
	char market[sizeof ((struct market_rec *)0)->name]; /* the open record's, read once */
	struct review_visit *vis;
	int nv;
	struct checklist own;
	const struct checklist *cl;
	/* templates for the glance */
	struct checklist gown[4];
	int64_t gid[4];
	int ng;
	struct app *app;
} S;

static void release_cl(void)
{
	if (S.cl == &S.own)
		checklist_clear(&S.own);
	S.cl = NULL;
}

static void load(struct app *a)
{
	struct sc_err err;
	int64_t keep = S.n ? S.rows[S.sel].id : 0;
	free(S.rows);
	S.rows = NULL;
	S.n = 0;
	if (review_list(a->db, &S.f, &S.rows, &S.n, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
	for (int i = 0; i < S.n; i++)
		if (S.rows[i].id == keep)
			S.sel = i;
	if (S.sel >= S.n)
		S.sel = S.n ? S.n - 1 : 0;
}

static void addv(int role, int opens, const char *fmt, va_list ap)
{
	char full[4096];
	if (S.nl >= NLINES)
		return;
	vsnprintf(full, sizeof full, fmt, ap);
	utf8_copy(S.lines[S.nl], sizeof S.lines[0], full); /* cut between characters */
	S.roles[S.nl] = role;
	S.opens[S.nl++] = opens;
}

static void add(int role, int opens, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(int role, int opens, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	addv(role, opens, fmt, ap);
	va_end(ap);
}

/* add() with a text.h row as the format. */
static void addL(int role, int opens, int id, ...)
{
	va_list ap;
	va_start(ap, id);
	addv(role, opens, tx(id), ap);
	va_end(ap);
}

/* A stall type as people read it (the code when the template lacks it). */
static const char *type_name(const char *code)
{
	int t = S.cl ? checklist_type_index(S.cl, code) : -1;
	return t >= 0 ? checklist_name(&S.cl->types[t], i18n_lang()) : code;
}

static void add_items(const struct review_item *it, int n, int market)
{
	int lang = i18n_lang(), area = -2;
	for (int i = 0; i < n; i++) {
		const struct review_item *x = &it[i];
		char text[120], pts[32] = "", chg[64] = "", spots[32] = "";
		if (market && x->area != area) {
			area = x->area;
			add(ROLE_HEADER, -1, " [%s]", area >= 0 ? checklist_name(&S.cl->areas[area], lang)
							  : tx(T_OTHER_AREA));
		}
		draw_cell(text, sizeof text, x->item >= 0 ? checklist_text(&S.cl->items[x->item], lang)
						      : x->item_id, 34);
		if (x->item >= 0 && (S.cl->items[x->item].kind == KIND_POINTS ||
				     S.cl->items[x->item].minor_spots || x->verdict == V_PARTIAL) &&
		    (x->verdict == V_PASS || verdict_is_problem(x->verdict)))
			snprintf(pts, sizeof pts, " %g/%g", x->earned, x->possible);
		if (x->spots)
			snprintf(spots, sizeof spots, " %s", txf((char[32]){0}, 32, T_SPOTS_N, x->spots));
		if (x->change == CHG_BETTER || x->change == CHG_WORSE)
			snprintf(chg, sizeof chg, "  %s %s", x->change == CHG_BETTER ? "↑" : "↓",
				 text_answer(S.cl, x->prev_verdict));
		int role = x->critical ? ROLE_CRITICAL : x->failed ? ROLE_FAIL : ROLE_NORMAL;
		add(role, -1, "%s %-4s %s %s%s%s%s", x->critical ? tx(T_CRIT_MARK) : "    ", x->item_id,
		    text, text_answer(S.cl, x->verdict), pts, spots, chg);
		/* the note whole, on lines of its own under the item */
		for (const char *p = x->note; *p;) {
			size_t k = utf8_prefix_bytes(p, 64), nl = strcspn(p, "\r\n");
			if (nl < k)
				k = nl; /* a line break in the note starts a new line here too */
			if (k)
				add(role, -1, "          %.*s", (int)k, p);
			else if (!nl)
				k = 1; /* skip the break itself */
			else
				break;
			p += k;
		}
		/* then what a failure goes against */
		if (x->failed && x->item >= 0 && *checklist_basis(&S.cl->items[x->item], lang))
			add(role, -1, "          %s", txf((char[400]){0}, 400, T_BASIS,
						      checklist_basis(&S.cl->items[x->item], lang)));
	}
}

static int open_insp(struct app *a, int64_t id)
{
	struct sc_err err;
	struct inspection_rec prev;
	struct review_item *it = NULL;
	int n = 0, better, worse;
	char sc[16];

	release_cl();
	free(S.vis);
	S.vis = NULL;
	S.nv = 0;
	S.nl = S.lsel = S.ltop = 0;
	if (store_inspection_get(a->db, id, &S.ins, &err) != SC_OK ||
	    app_checklist_for(a, S.ins.template_id, &S.own, &S.cl, &err) != SC_OK ||
	    review_visits(a->db, id, &S.vis, &S.nv, &err) != SC_OK)
		goto fail;
	struct market_rec m;
	UTF8_COPY(S.market, store_market_get(a->db, S.ins.market_id, &m, &err) == SC_OK ? m.name : "");
	int have_prev = review_prev_inspection(a->db, &S.ins, &prev, &err) == SC_OK;
	if (!have_prev && err.code != SC_ERR_NOTFOUND)
		goto fail;
	if (review_items(a->db, S.cl, id, 0, have_prev ? prev.id : 0, 0, &it, &n, &err) != SC_OK)
		goto fail;
	if (have_prev) {
		score_text(prev.score, "--", sc, sizeof sc);
		addL(ROLE_MUTED, -1, T_RV_PREV, prev.day, sc, app_band_name(a, prev.template_id, prev.band, prev.grade));
		review_changes(it, n, &better, &worse);
		addL(worse ? ROLE_FAIL : ROLE_NORMAL, -1, T_RV_CHANGES, better, worse);
	} else {
		add(ROLE_MUTED, -1, "%s", tx(T_RV_NOPREV));
	}
	struct review_note note; /* the last decision, with its reason, as review show gives it */
	if (review_last(a->db, id, &note, &err) == SC_OK) {
		char when[CLOCK_LOCAL];
		clock_local(note.at, when);
		addL(note.decision == REVIEW_RETURN ? ROLE_FAIL : ROLE_MUTED, -1,
		     note.decision == REVIEW_RETURN ? T_RV_LAST_RETURN : T_RV_LAST_APPROVE, note.reviewer, when,
		     note.reason);
	}
	add(ROLE_HEADER, -1, "%s", tx(T_RV_MARKET_ITEMS));
	add_items(it, n, 1);
	free(it);
	add(ROLE_HEADER, -1, "%s", tx(T_RV_STALLS));
	for (int i = 0; i < S.nv; i++) {
		const struct review_visit *v = &S.vis[i];
		char code[40], vendor[80], type[64], band[32];
		draw_cell(code, sizeof code, v->code, 8);
		draw_cell(vendor, sizeof vendor, v->vendor, 16);
		draw_cell(type, sizeof type, type_name(v->type), 10); /* by columns: names are CJK */
		draw_cell(band, sizeof band, score_stored_band_name(S.cl ? &S.cl->rules : NULL, v->band, v->grade,
								    i18n_lang()), 6);
		score_text(v->score, "--", sc, sizeof sc);
		add(v->critical_fails ? ROLE_CRITICAL : v->fails ? ROLE_FAIL : ROLE_NORMAL, i,
		    "%3d %s %s %s %6s %s %s %d  %s", v->seq, code, vendor, type, sc, band, tx(T_V_FAIL),
		    v->fails, v->critical_fails ? tx(T_CRIT_MARK) : "");
	}
	S.level = LV_INSP;
	return R_REDRAW;
fail:
	app_msg(a, 1, "%s", err.msg);
	return R_REDRAW;
}

static int open_stall(struct app *a, int k)
{
	struct sc_err err;
	struct review_item *it = NULL;
	int64_t pi = 0, pv = 0;
	int n = 0, better, worse;
	char sc[16];
	const struct review_visit *v = &S.vis[k];

	if (review_prev_visit(a->db, &S.ins, v->stall_id, &pi, &pv, &err) != SC_OK &&
	    err.code != SC_ERR_NOTFOUND)
		goto fail;
	if (review_items(a->db, S.cl, S.ins.id, v->id, pi, pv, &it, &n, &err) != SC_OK)
		goto fail;
	S.saved_lsel = S.lsel;
	S.nl = S.lsel = S.ltop = 0;
	score_text(v->score, "--", sc, sizeof sc);
	add(ROLE_HEADER, -1, "%s %s %s  %s %s", v->code, v->vendor, type_name(v->type), sc,
	    score_stored_band_name(S.cl ? &S.cl->rules : NULL, v->band, v->grade, i18n_lang()));
	review_changes(it, n, &better, &worse);
	if (pi)
		addL(worse ? ROLE_FAIL : ROLE_MUTED, -1, T_RV_CHANGES, better, worse);
	else
		add(ROLE_MUTED, -1, "%s", tx(T_RV_NOPREV));
	add_items(it, n, 0);
	free(it);
	S.level = LV_STALL;
	return R_REDRAW;
fail:
	app_msg(a, 1, "%s", err.msg);
	return R_REDRAW;
}

static const struct checklist *glance_tpl(int64_t id, void *ctx)
{
	struct app *a = ctx;
	struct sc_err err;
	const struct checklist *out;
	if (id == a->tpl_id)
		return &a->cl;
	for (int i = 0; i < S.ng; i++)
		if (S.gid[i] == id)
			return &S.gown[i];
	if (S.ng == 4 || app_checklist_for(a, id, &S.gown[S.ng], &out, &err) != SC_OK)
		return NULL;
	S.gid[S.ng] = id;
	return &S.gown[S.ng++];
}

static int open_glance(struct app *a)
{
	struct summary *s;
	struct sc_err err;
	char text[8192];
	if (summary_build(a->db, S.f.from, S.f.to[0] ? S.f.to : S.f.from, NULL, glance_tpl, a,
			  NULL, NULL, &s, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	review_glance_text(s, i18n_lang(), 10, text, sizeof text);
	summary_free(s);
	S.nl = S.lsel = S.ltop = 0;
	for (char *p = text, *e; *p; p = e + 1) {
		if (!(e = strchr(p, '\n')))
			e = p + strlen(p) - 1;
		else
			*e = 0;
		add(S.nl ? ROLE_NORMAL : ROLE_HEADER, -1, "%s", p);
	}
	S.level = LV_GLANCE;
	return R_REDRAW;
}

static int rv_enter(struct app *a, int64_t arg)
{
	(void)arg;
	S.app = a;
	if (!S.f.from[0]) {
		char today[CLOCK_DAY];
		clock_today(today);
		review_filter_init(&S.f, today);
	}
	S.level = LV_LIST;
	load(a);
	return R_REDRAW;
}

static void rv_resume(struct app *a) { load(a); }

static void draw_list(struct app *a, int h, int w)
{
	int y0 = 2, rows = h - y0 - 1, en = i18n_lang() == LANG_EN;
	int stw = en ? 8 : 6; /* the widest status word: 已定稿 / approved */
	{ /* 79 columns in all: the whole row fits 80 */
		char mk[100], di[40], in[40], band[24], st[40], dy[40], tm[24], sk[24], sc[24], cr[24];
		draw_cell(dy, sizeof dy, _("day"), 10);
		draw_cell(tm, sizeof tm, _("time"), 5);
		draw_cell(mk, sizeof mk, _("market"), 16);
		draw_cell(di, sizeof di, _("distr."), 6);
		draw_cell(in, sizeof in, _("insp."), 6);
		draw_cell(sk, sizeof sk, _("stls"), 4);
		draw_cell(sc, sizeof sc, _("score"), 5);
		draw_cell(band, sizeof band, _("band"), 6);
		draw_cell(cr, sizeof cr, _("crit"), 4);
		draw_cell(st, sizeof st, _("status"), stw);
		draw_textf(1, 0, w, ROLE_HEADER, "%s %s %s %s %s %s %s %s %s %s", dy, tm, mk, di, in, sk, sc,
			   band, cr, st);
	}
	if (S.n == 0)
		draw_text(y0, 2, w - 2, ROLE_MUTED, tx(T_RV_EMPTY));
	app_list_view(a, &S.sel, &S.top, S.n, y0, rows);
	for (int i = S.top; i < S.n && i - S.top < rows; i++) {
		const struct review_row *r = &S.rows[i];
		char mk[100], di[40], in[40], band[24], st[40], sc[16], tm[CLOCK_LOCAL];
		clock_local(r->started_at, tm);
		const char *hm = tm[0] ? tm + 11 : "--:--";
		draw_cell(mk, sizeof mk, r->market, 16);
		draw_cell(di, sizeof di, r->district, 6);
		draw_cell(in, sizeof in, r->inspector, 6);
		/* a named band's name from the configured template, when it made the record */
		draw_cell(band, sizeof band, app_band_name(a, r->template_id, r->band, r->grade), 6);
		draw_cell(st, sizeof st, text_status(r->status), stw);
		score_text(r->score, "--", sc, sizeof sc);
		int role = i == S.sel ? ROLE_SELECTED : r->critical_fails ? ROLE_CRITICAL
			   : r->band == BAND_FAIL ? ROLE_FAIL : ROLE_NORMAL;
		draw_textf(y0 + i - S.top, 0, w, role, "%s %s %s %s %s %4d %5s %s %4d %s", r->day, hm, mk, di,
			   in, r->stalls, sc, band, r->critical_fails, st);
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_RV_KEYS));
}

static void draw_lines(int h, int w, int y0, const char *keys)
{
	int rows = h - y0 - 1;
	if (S.lsel < S.ltop)
		S.ltop = S.lsel;
	if (S.lsel >= S.ltop + rows)
		S.ltop = S.lsel - rows + 1;
	for (int i = S.ltop; i < S.nl && i - S.ltop < rows; i++)
		draw_textf(y0 + i - S.ltop, 0, w, i == S.lsel && S.level != LV_GLANCE ? ROLE_SELECTED
			   : S.roles[i], "%s %s", i == S.lsel && S.level != LV_GLANCE ? ">" : " ",
			   S.lines[i]);
	draw_text(h - 1, 0, w, ROLE_MUTED, keys);
}

static void rv_draw(struct app *a, int h, int w)
{
	char t[400], range[40];
	(void)a;
	if (S.level == LV_LIST) {
		snprintf(range, sizeof range, "%s%s%s", S.f.from, S.f.to[0] ? "~" : "", S.f.to);
		txf(t, sizeof t, T_RV_TITLE, range, S.n, review_col_label(S.f.sort, i18n_lang()),
			 S.f.desc ? "↓" : "↑", S.f.search);
		size_t k = strlen(t);
		snprintf(t + k, sizeof t - k, "%s%s%s%s%s%s%s%s%s", S.f.district[0] ? " " : "", S.f.district,
			 S.f.inspector[0] ? " " : "", S.f.inspector, S.f.status[0] ? " " : "",
			 S.f.status[0] ? status_label(S.f.status, i18n_lang()) : "", S.f.band[0] ? " " : "",
			 S.f.band[0] ? band_label(band_from_code(S.f.band), i18n_lang()) : "",
			 S.f.critical_only ? " !" : "");
		draw_text(0, 0, w, ROLE_TITLE, t);
		draw_list(a, h, w);
		return;
	}
	if (S.level == LV_GLANCE) {
		draw_text(0, 0, w, ROLE_TITLE, tx(T_RV_GLANCE_KEYS));
		draw_lines(h, w, 2, "");
		return;
	}
	char sc[16];
	score_text(S.ins.score, "--", sc, sizeof sc);
	snprintf(t, sizeof t, "%s  %s  %s  %s %s  %s %d  %s", S.market, S.ins.day, S.ins.inspector, sc,
		 score_stored_band_name(S.cl ? &S.cl->rules : NULL, S.ins.band, S.ins.grade, i18n_lang()),
		 tx(T_CRIT_MARK), S.ins.critical_fails,
		 text_status(S.ins.status));
	draw_text(0, 0, w, S.ins.critical_fails ? ROLE_CRITICAL : ROLE_TITLE, t);
	draw_lines(h, w, 1, tx(S.level == LV_INSP ? T_RV_DETAIL_KEYS : T_RV_STALL_KEYS));
}

/* The record a decision is about: the selected row, or the open one. */
static const char *current_uuid(void)
{
	if (S.level == LV_LIST)
		return S.n ? S.rows[S.sel].uuid : NULL;
	return S.level == LV_GLANCE ? NULL : S.ins.uuid;
}

static char decide_uuid[UUID_STR];

static void after_decision(struct app *a)
{
	int64_t id = S.ins.id;
	load(a);
	if (S.level == LV_INSP || S.level == LV_STALL) {
		struct sc_err err;
		store_inspection_get(a->db, id, &S.ins, &err);
	}
}

static int approve_yes(struct app *a, int yes)
{
	struct sc_err err;
	if (!yes)
		return R_REDRAW;
	if (review_decide(a->db, decide_uuid, REVIEW_APPROVE, "", a->set->reviewer, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
	else
		app_msg(a, 0, "%s", tx(T_RV_APPROVED));
	after_decision(a);
	return R_REDRAW;
}

static int return_submit(struct app *a, char v[][256], int n)
{
	struct sc_err err;
	(void)n;
	(void)v; /* the reason is a note field: up to STORE_NOTE_CHARS */
	if (review_decide(a->db, decide_uuid, REVIEW_RETURN, a->m_note_text, a->set->reviewer, &err) !=
	    SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return err.code == SC_ERR_INVALID ? R_KEEP : R_REDRAW;
	}
	app_msg(a, 0, "%s", tx(T_RV_RETURNED));
	after_decision(a);
	return R_REDRAW;
}

static int days_submit(struct app *a, char v[][256], int n)
{
	(void)n;
	if (!clock_day_valid(v[0]) || (v[1][0] && !clock_day_valid(v[1])) ||
	    (v[1][0] && strcmp(v[0], v[1]) > 0)) { /* a range runs forward */
		app_msg(a, 1, "%s", tx(T_RV_DAYS_BAD));
		return R_KEEP;
	}
	snprintf(S.f.from, sizeof S.f.from, "%s", v[0]);
	snprintf(S.f.to, sizeof S.f.to, "%s", v[1]);
	S.sel = S.top = 0;
	load(a);
	return R_REDRAW;
}

static int filter_submit(struct app *a, char v[][256], int n)
{
	struct review_filter keep = S.f;
	(void)n;
	if (!app_fits(a, tx(T_RV_SEARCH), v[0], sizeof S.f.search) ||
	    !app_fits(a, tx(T_F_DISTRICT), v[1], sizeof S.f.district) ||
	    !app_fits(a, tx(T_RV_INSPECTOR), v[2], sizeof S.f.inspector) ||
	    !app_fits(a, tx(T_RV_STATUS), v[3], sizeof S.f.status))
		return R_KEEP;
	snprintf(S.f.search, sizeof S.f.search, "%s", v[0]);
	snprintf(S.f.district, sizeof S.f.district, "%s", v[1]);
	snprintf(S.f.inspector, sizeof S.f.inspector, "%s", v[2]);
	const char *st = v[3][0] ? status_code(v[3]) : ""; /* the words the list shows, or codes */
	if (!st) {
		char m[300];
		S.f = keep;
		app_msg(a, 1, "%s", txf(m, sizeof m, T_RV_BAD_STATUS, v[3]));
		return R_KEEP;
	}
	snprintf(S.f.status, sizeof S.f.status, "%s", st);
	struct review_row *rows;
	struct sc_err err;
	int k;
	if (review_list(a->db, &S.f, &rows, &k, &err) != SC_OK) {
		S.f = keep;
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	free(rows);
	S.sel = S.top = 0;
	load(a);
	return R_REDRAW;
}

static void shift_day(struct app *a, int d)
{
	char day[CLOCK_DAY];
	if (clock_day_add(S.f.from, d, day) == 0) {
		snprintf(S.f.from, sizeof S.f.from, "%s", day);
		S.f.to[0] = 0;
		S.sel = S.top = 0;
		load(a);
	}
}

static int list_key(struct app *a, int action, int key)
{
	static const char *const bands[] = { "", "good", "pass", "fail", "none" };
	int r = app_list_keys(action, &S.sel, S.n);
	if (r != R_NONE)
		return r;
	switch (action) {
	case A_SELECT:
		return S.n ? open_insp(a, S.rows[S.sel].id) : R_NONE;
	default:
		break;
	}
	switch (key) {
	case ACTION_FKEY + KEY_LEFT:
	case '<':
		shift_day(a, -1);
		return R_REDRAW;
	case ACTION_FKEY + KEY_RIGHT:
	case '>':
		shift_day(a, 1);
		return R_REDRAW;
	case 'o':
		S.f.sort = (S.f.sort + 1) % RCOL_COUNT;
		load(a);
		return R_REDRAW;
	case 'O':
		S.f.desc = !S.f.desc;
		load(a);
		return R_REDRAW;
	case 'b': {
		int i = 0;
		while (i < 5 && strcmp(bands[i], S.f.band))
			i++;
		snprintf(S.f.band, sizeof S.f.band, "%s", bands[(i + 1) % 5]);
		S.sel = 0;
		load(a);
		return R_REDRAW;
	}
	case 'c':
		S.f.critical_only = !S.f.critical_only;
		S.sel = 0;
		load(a);
		return R_REDRAW;
	case 'g':
		return open_glance(a);
	case 'D': {
		const char *labels[] = { C_("review", "From"), tx(T_RV_TO) };
		const char *init[] = { S.f.from, S.f.to };
		app_form(a, tx(T_RV_DAYS_T), NULL, 2, labels, init, days_submit);
		return R_REDRAW;
	}
	case '/': {
		const char *labels[] = { tx(T_RV_SEARCH), tx(T_F_DISTRICT), tx(T_RV_INSPECTOR), tx(T_RV_STATUS) };
		const char *init[] = { S.f.search, S.f.district, S.f.inspector,
				       S.f.status[0] ? status_label(S.f.status, i18n_lang()) : "" };
		app_form(a, tx(T_RV_FILTER_T), NULL, 4, labels, init, filter_submit);
		return R_REDRAW;
	}
	default:
		return R_NONE;
	}
}

static int rv_handle(struct app *a, int action, int key)
{
	const char *u;
	if (S.level == LV_GLANCE) {
		if (action == A_QUIT)
			return R_QUIT;
		S.level = LV_LIST;
		return R_REDRAW;
	}
	if ((key == 'a' || key == 'r') && (u = current_uuid())) {
		char q[256];
		const char *st = S.level == LV_LIST ? S.rows[S.sel].status : S.ins.status;
		if (strcmp(st, "final")) { /* said before asking, in the interface's language */
			app_msg(a, 1, "%s", txf(q, sizeof q, T_RV_NOT_FINAL, status_label(st, i18n_lang())));
			return R_REDRAW;
		}
		if (review_own_uuid(a->db, u, a->set->reviewer)) { /* core refuses it too */
			app_msg(a, 1, "%s", txf(q, sizeof q, T_RV_OWN, a->set->reviewer));
			return R_REDRAW;
		}
		snprintf(decide_uuid, sizeof decide_uuid, "%s", u);
		if (key == 'a') {
			const char *who = S.level == LV_LIST ? S.rows[S.sel].market : S.ins.inspector;
			txf(q, sizeof q, T_RV_APPROVE_Q, who);
			app_confirm(a, q, approve_yes);
		} else {
			const char *labels[] = { tx(T_RV_REASON) };
			app_form(a, tx(T_RV_RETURN_T), NULL, 1, labels, NULL, return_submit);
			app_form_note(a, 0, "");
		}
		return R_REDRAW;
	}
	if (S.level == LV_LIST)
		return list_key(a, action, key);
	if (key == '\t') { /* to the next stall line */
		for (int i = 1; i <= S.nl; i++)
			if (S.opens[(S.lsel + i) % S.nl] >= 0) {
				S.lsel = (S.lsel + i) % S.nl;
				break;
			}
		return R_REDRAW;
	}
	if (app_list_nav(action, &S.lsel, S.nl))
		return R_REDRAW;
	switch (action) {
	case A_QUIT:
		return R_QUIT;
	case A_BACK:
		if (S.level == LV_STALL) {
			int keep = S.saved_lsel;
			open_insp(a, S.ins.id);
			S.lsel = keep < S.nl ? keep : 0;
		} else {
			S.level = LV_LIST;
			load(a);
		}
		return R_REDRAW;
	case A_SELECT:
		if (S.level == LV_INSP && S.nl && S.opens[S.lsel] >= 0)
			return open_stall(a, S.opens[S.lsel]);
		return R_NONE;
	default:
		return R_NONE;
	}
}

static void rv_cleanup(void)
{
	release_cl();
	for (int i = 0; i < S.ng; i++)
		checklist_clear(&S.gown[i]);
	free(S.rows);
	free(S.vis);
	memset(&S, 0, sizeof S);
}

static const char *rv_help(struct app *a)
{
	(void)a;
	return tx(S.level == LV_LIST ? T_RV_KEYS : S.level == LV_INSP ? T_RV_DETAIL_KEYS
		 : S.level == LV_STALL ? T_RV_STALL_KEYS : T_RV_GLANCE_KEYS);
}

/* Global scope only: the screen reads its letter keys itself (rv_help
 * lists them for the help overlay). */
static const int rv_acts[] = { A_SELECT, A_NONE };
const struct screen screen_review = { "review", SC_GLOBAL, rv_enter, rv_draw, rv_handle,
				      rv_resume, rv_cleanup, rv_help, rv_acts };
