/* screen_walk: the inspection walk. Places in order: the market-wide items
 * grouped by area, then the market's stalls by code (next / previous / jump
 * by code / quick-add). At each place only the items that apply; one key per
 * verdict, digits for points, note and problem spots, undo. Every answer is
 * saved (committed) at once; the screen shows what the database holds, so
 * an answer that failed to save is never shown as saved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "app.h"
#include "core/i18n.h"
#include "core/lastvisit.h"
#include "core/pinyin.h"
#include "core/rectify.h"
#include "core/review.h"
#include "core/photo.h"
#include "core/score.h"
#include "core/store.h"
#include "core/utf8.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

struct unit {
	int area;                 /* market area index (-1: other), or -2 for a stall */
	int64_t stall_id;
	int type;                 /* stall type index, as inspected once it is a visit */
	int listed;               /* its type in the stall list now */
	char code[32];
	char vendor[STORE_NAME_MAX];
	int64_t visit_id;
	int score_ix;             /* its place in W.score, a hint checked at each use */
	int leave_ok;             /* left half-done once with a yes: not asked again */
};

/* What the finder (/) searches a stall by, built once per place list. */
struct find_key {
	char hay[STORE_NAME_MAX + 160]; /* code, vendor, type names and code, lower case */
	char words[512];               /* the same as pinyin words (core/pinyin.h) */
};

static struct {
	struct inspection_rec insp;
	struct market_rec market;
	struct checklist own;
	const struct checklist *cl;
	int ro;
	struct unit *u;
	int nu, cur;
	int *items;
	int nitems, sel, top;
	struct answer_rec *ans;
	int nans;
	struct store_walk_score score; /* every place's score: a save rescores its own */
	int nstalls;
	int advanced_from;         /* item index an answer just advanced from, -1 */
	int detail;                /* item index the note / spots form is for */
	struct photo_link *ph;     /* the photos of this place */
	int nph;
	/* last visit at hand: loaded when the walk reaches a place, not per key */
	struct lastvisit lv;
	int64_t lv_stall;          /* the stall lv is for (0: market-wide, every area), -1 none */
	struct rect_rec *rects;    /* the market's open rectifications, at walk open */
	int nrects;
	/* the stall finder */
	struct find_key *fk;       /* per place (areas unused), NULL until / */
	int find;                  /* open */
	char fq[64];
	int *fres, nfres, fsel, ftop;
	int leave_dest, leave_first; /* where a question about leaving goes on to */
} W;

static struct unit *cu(void) { return &W.u[W.cur]; }
static int is_stall(const struct unit *u) { return u->area == -2; }
static const struct cl_item *citem(void) { return W.nitems ? &W.cl->items[W.items[W.sel]] : NULL; }

static const struct answer_rec *answer_of(const char *id)
{
	for (int i = 0; i < W.nans; i++)
		if (strcmp(W.ans[i].item_id, id) == 0)
			return &W.ans[i];
	return NULL;
}

/* How many photos item id has at this place. */
static int photos_of(const char *id)
{
	int k = 0;
	for (int i = 0; i < W.nph; i++)
		k += strcmp(W.ph[i].item_id, id) == 0;
	return k;
}

static void free_state(void)
{
	free(W.ph);
	W.ph = NULL;
	W.nph = 0;
	free(W.u);
	free(W.items);
	free(W.ans);
	free(W.rects);
	free(W.fk);
	free(W.fres);
	W.fk = NULL;
	W.fres = NULL;
	W.find = 0;
	lastvisit_free(&W.lv);
	W.u = NULL;
	W.items = NULL;
	W.ans = NULL;
	W.rects = NULL;
	W.nu = W.nitems = W.nans = W.nrects = 0;
	W.lv_stall = -1; /* no place */
	store_walk_score_free(&W.score);
	if (W.cl == &W.own)
		checklist_clear(&W.own);
	W.cl = NULL;
}

/* Places: market areas with items, then active stalls. */
static int build_units(struct app *a, struct sc_err *err)
{
	struct stall_rec *st = NULL;
	struct visit_rec *v = NULL;
	int ns = 0, nv = 0, rc;
	const struct checklist *cl = W.cl;

	if ((rc = store_stall_list(a->db, W.insp.market_id, 0, &st, &ns, err)) != SC_OK)
		return rc;
	if ((rc = store_visit_list(a->db, W.insp.id, &v, &nv, err)) != SC_OK) {
		free(st);
		return rc;
	}
	free(W.u);
	free(W.fk); /* the finder's keys are per place list */
	W.fk = NULL;
	W.u = calloc((size_t)(cl->nareas + 1 + ns + 1), sizeof *W.u);
	W.nu = 0;
	W.nstalls = 0;
	if (!W.u) {
		free(st);
		free(v);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	for (int ar = -1; ar < cl->nareas; ar++) {
		int any = 0;
		for (int i = 0; i < cl->nitems; i++)
			if (cl->items[i].level == LEVEL_MARKET && cl->items[i].area == ar)
				any = 1;
		if (any)
			W.u[W.nu++] = (struct unit){ .area = ar };
	}
	for (int i = 0; i < ns; i++) {
		int t = checklist_type_index(cl, st[i].type);
		if (t < 0)
			continue;
		struct unit *u = &W.u[W.nu++];
		u->area = -2;
		u->stall_id = st[i].id;
		u->type = u->listed = t;
		snprintf(u->code, sizeof u->code, "%s", st[i].code);
		snprintf(u->vendor, sizeof u->vendor, "%s", st[i].vendor);
		for (int j = 0; j < nv; j++)
			if (v[j].stall_id == st[i].id) {
				/* a stall the walk reached stays as it was inspected */
				int vt = checklist_type_index(cl, v[j].stall_type);
				u->visit_id = v[j].id;
				u->type = vt >= 0 ? vt : t;
				snprintf(u->code, sizeof u->code, "%s", v[j].stall_code);
				snprintf(u->vendor, sizeof u->vendor, "%s", v[j].stall_vendor);
			}
		W.nstalls++;
	}
	free(st);
	free(v);
	return SC_OK;
}

static void unit_items(void)
{
	const struct checklist *cl = W.cl;
	struct unit *u = cu();
	free(W.items);
	W.items = malloc(sizeof *W.items * (size_t)(cl->nitems + 1));
	W.nitems = 0;
	if (!W.items)
		return;
	if (is_stall(u)) {
		W.nitems = checklist_items_for(cl, u->type, W.items);
	} else {
		for (int i = 0; i < cl->nitems; i++)
			if (cl->items[i].level == LEVEL_MARKET && cl->items[i].area == u->area)
				W.items[W.nitems++] = i;
	}
}

/* The kept score of stall u (W.score), NULL before its first answer. The
 * finder draws a row per stall shown at every key: the place found last
 * time is tried first, so a row costs one look, not a search of every
 * visit (a reload that moved the places costs one search per row). */
static const struct stall_score *score_of(struct unit *u)
{
	if (!is_stall(u) || u->visit_id <= 0)
		return NULL;
	int j = u->score_ix;
	if (j < 0 || j >= W.score.nv || W.score.place[j].visit_id != u->visit_id)
		for (j = 0; j < W.score.nv && W.score.place[j].visit_id != u->visit_id; j++)
			;
	if (j == W.score.nv)
		return NULL;
	u->score_ix = j;
	return &W.score.ss[j];
}

/* The photos of the place: a save keeps them (an upsert), so they are
 * listed when the walk reaches the place or comes back to it, and after
 * an undo (an answer deleted takes its photos). */
static void photos_load(struct app *a)
{
	struct sc_err err;
	const struct unit *u = cu();
	free(W.ph);
	W.ph = NULL;
	W.nph = 0;
	if ((!is_stall(u) || u->visit_id > 0) &&
	    photo_list(a->db, W.insp.id, is_stall(u) ? u->visit_id : 0, NULL, &W.ph, &W.nph, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
}

/* Reload the place's answers and the scores, all of them (place_only 0)
 * or its own place's rescored (the other places did not change: after a
 * save there, or on reaching it). */
static void reload_scores(struct app *a, int place_only)
{
	struct sc_err err;
	struct unit *u = cu();
	if (is_stall(u) && u->visit_id <= 0)
		place_only = 0; /* no visit (read-only): not the market-wide place 0 */
	free(W.ans);
	W.ans = NULL;
	W.nans = 0;
	if ((!is_stall(u) || u->visit_id > 0) &&
	    store_answer_list(a->db, W.insp.id, is_stall(u) ? u->visit_id : 0, &W.ans, &W.nans,
			      &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		place_only = 0; /* no answers to rescore the place from */
	}
	if ((place_only ? store_walk_score_place(a->db, W.cl, W.insp.id, is_stall(u) ? u->visit_id : 0, W.ans,
						 W.nans, &W.score, &err)
			: store_walk_score_load(a->db, W.cl, W.insp.id, &W.score, &err)) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
}

/* Everything again: back from another screen, or after an undo. */
static void reload(struct app *a)
{
	photos_load(a);
	reload_scores(a, 0);
}

static int unit_answered(void)
{
	int k = 0;
	for (int i = 0; i < W.nitems; i++)
		k += answer_of(W.cl->items[W.items[i]].id) != NULL;
	return k;
}

static void set_cursor(struct app *a)
{
	struct sc_err err;
	const struct cl_item *it = citem();
	if (W.ro || !it || (is_stall(cu()) && cu()->visit_id <= 0))
		return;
	if (store_cursor_set(a->db, W.insp.id, is_stall(cu()) ? cu()->visit_id : 0, it->id, &err) !=
	    SC_OK)
		app_msg(a, 1, "%s", err.msg);
}

/* What the previous inspection found here, once per place reached. */
static void lastvisit_at(struct app *a)
{
	struct sc_err err;
	const struct unit *u = cu();
	if (W.lv_stall == u->stall_id) /* the market's areas share one */
		return;
	lastvisit_free(&W.lv);
	W.lv_stall = u->stall_id;
	if (lastvisit_load(a->db, W.cl, &W.insp, is_stall(u) ? u->stall_id : 0, &W.lv, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
}

/* Go to place i; a stall becomes a visit of the walk when entered. */
static void enter_unit(struct app *a, int i, int item, int move_cursor)
{
	struct sc_err err;
	if (i < 0 || i >= W.nu)
		return;
	W.cur = i;
	struct unit *u = cu();
	if (is_stall(u) && u->visit_id <= 0 && !W.ro) {
		struct visit_rec v;
		if (store_visit_add(a->db, W.insp.id, u->stall_id, &v, &err) != SC_OK) {
			app_msg(a, 1, "%s", err.msg);
		} else {
			int vt = checklist_type_index(W.cl, v.stall_type);
			u->visit_id = v.id;
			u->type = vt >= 0 ? vt : u->type; /* frozen now, from the list as it stands */
		}
	}
	/* a stall whose type was changed in the list after the walk reached it */
	if (is_stall(u) && u->visit_id > 0 && u->listed != u->type) {
		char m[300];
		app_msg(a, 0, "%s", txf(m, sizeof m, T_TYPE_KEPT, checklist_name(&W.cl->types[u->type], a->lang),
					checklist_name(&W.cl->types[u->listed], a->lang)));
	}
	unit_items();
	W.sel = item >= 0 && item < W.nitems ? item : 0;
	W.top = 0;
	lastvisit_at(a);
	photos_load(a);
	reload_scores(a, 1); /* a new visit, not held yet, loads every score */
	if (move_cursor)
		set_cursor(a);
}

/* A draft resumed (after a crash, or left for the walk) may have open
 * rectifications its follow-up has not marked yet: say so. */
static void followup_pending(struct app *a)
{
	int n[3];
	if (app_followup_marks(a, W.insp.market_id, W.insp.id, n) == 0 && n[RECT_MARK_NONE]) {
		char m[200];
		app_msg(a, 0, "%s", txf(m, sizeof m, T_FU_PENDING, n[RECT_MARK_NONE]));
	}
}

static void walk_acts_fill(void);

static int walk_open(struct app *a, int64_t id)
{
	struct sc_err err;
	free_state();
	W.advanced_from = -1;
	if (store_inspection_get(a->db, id, &W.insp, &err) != SC_OK ||
	    store_market_get(a->db, W.insp.market_id, &W.market, &err) != SC_OK ||
	    app_checklist_for(a, W.insp.template_id, &W.own, &W.cl, &err) != SC_OK ||
	    build_units(a, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		free_state();
		return -1;
	}
	W.ro = strcmp(W.insp.status, "draft") != 0;
	walk_acts_fill();
	if (W.nu == 0) {
		free_state();
		app_msg(a, 1, "%s", tx(T_STALLS_EMPTY));
		return -1;
	}
	/* resume at the stored cursor: place, then item */
	int unit = 0, item = 0;
	for (int i = 0; i < W.nu; i++) {
		if (W.insp.cursor_visit > 0 ? W.u[i].visit_id == W.insp.cursor_visit
					    : !is_stall(&W.u[i]) && W.insp.cursor_item[0]) {
			int idx = checklist_item_index(W.cl, W.insp.cursor_item);
			if (W.insp.cursor_visit <= 0 && (idx < 0 || W.cl->items[idx].area != W.u[i].area))
				continue;
			unit = i;
			break;
		}
	}
	/* open rectifications: listed at their stall, repeats marked on items */
	if (rectify_open_for_market(a->db, W.insp.market_id, &W.rects, &W.nrects, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
	W.cur = unit;
	unit_items();
	for (int k = 0; k < W.nitems; k++)
		if (strcmp(W.cl->items[W.items[k]].id, W.insp.cursor_item) == 0)
			item = k;
	enter_unit(a, unit, item, 0);
	struct review_note note;
	char m[600];
	if (strcmp(W.insp.status, "returned") == 0 && review_last(a->db, id, &note, &err) == SC_OK)
		app_msg(a, 1, "%s", txf(m, sizeof m, T_RETURNED_WHY, note.reviewer, note.reason));
	else if (W.ro)
		app_msg(a, 0, "%s", tx(T_READONLY));
	else if (!W.insp.amends_uuid[0]) /* an amendment has none of its own */
		followup_pending(a);
	return 0;
}

static int walk_enter(struct app *a, int64_t id)
{
	return walk_open(a, id) < 0 ? R_POP : R_NONE;
}

static void walk_resume(struct app *a)
{
	/* back from finalize or help: the record may be final now */
	struct inspection_rec r;
	struct sc_err err;
	if (store_inspection_get(a->db, W.insp.id, &r, &err) == SC_OK) {
		W.insp = r;
		W.ro = strcmp(r.status, "draft") != 0;
	}
	reload(a);
}

/* The first key an action has now ([keys] may have changed it; its names
 * are split on commas and blanks, as actions.c reads them). */
static const char *key1(int action, char *buf, size_t n)
{
	const char *k = actions_keys(action);
	k += strspn(k, ", \t");
	snprintf(buf, n, "%.*s", (int)strcspn(k, ", \t"), k);
	return buf;
}

/* The answer an answer key gives (V_NONE: not an answer key). */
static int act_verdict(int act)
{
	switch (act) {
	case A_PASS: return V_PASS;
	case A_FAIL: return V_FAIL;
	case A_NA: return V_NA;
	case A_NOTOBS: return V_NOT_OBSERVED;
	case A_CORRECTED: return V_CORRECTED;
	case A_PARTIAL: return V_PARTIAL;
	default: return V_NONE;
	}
}

/* Does item it (NULL: some item of cl) take answer key act? n / o where
 * the item allows them, h where it has a partial answer; the rest always. */
static int act_offered(const struct checklist *cl, const struct cl_item *it, int act)
{
	if (!it) {
		for (int i = 0; cl && i < cl->nitems; i++)
			if (act_offered(cl, &cl->items[i], act))
				return 1;
		return !cl;
	}
	return act == A_NA ? it->allow_na : act == A_NOTOBS ? it->allow_not_observed
	       : act == A_PARTIAL ? it->partial_points >= 0 : 1;
}

/* The word for answer key act: the template's label ([labels]), else text. */
static const char *act_word(const struct checklist *cl, int act, int text)
{
	const char *l = checklist_answer_label(cl, act_verdict(act), i18n_lang());
	return l ? l : tx(text);
}

/* The walk's keys for the key line, by importance; the answer keys first
 * (walk_help lists those). */
static const struct { int act, text; } walk_keys[] = {
	{ A_PASS, T_K_PASS }, { A_FAIL, T_K_FAIL }, { A_NA, T_K_NA }, { A_NOTOBS, T_K_NOTOBS },
	{ A_PARTIAL, T_K_PARTIAL }, { A_CORRECTED, T_K_CORRECTED }, { A_HELP, T_K_HELP },
	{ A_NEXT_STALL, T_K_NEXT }, { A_NOTE, T_K_NOTE }, { A_UNDO, T_K_UNDO },
	{ A_FINALIZE, T_K_FINALIZE }, { A_SPOTS, T_K_SPOTS }, { A_JUMP, T_K_JUMP },
	{ A_QUICK_ADD, T_K_ADD }, { A_FOLLOWUP, T_K_FOLLOWUP }, { A_PHOTO, T_K_PHOTO },
};

/* The key line for item it of cl in w columns: what this item takes first
 * (digits or not, n / o / h only where allowed, in the template's words),
 * then the other keys by importance; whole pieces only, those that do not
 * fit are left out. */
static const char *key_line(const struct checklist *cl, const struct cl_item *it, char *out, size_t n,
			    int w)
{
	char piece[64], k[32];
	int used = 0;
	out[0] = 0;
	for (int i = -1; i < (int)(sizeof walk_keys / sizeof walk_keys[0]); i++) {
		if (i < 0 && !(it && it->kind == KIND_POINTS))
			continue;
		if (i >= 0 && it && !act_offered(cl, it, walk_keys[i].act))
			continue;
		if (i < 0)
			txf(piece, sizeof piece, T_K_POINTS, (int)it->points); /* whole: a points item */
		else
			snprintf(piece, sizeof piece, "%s%s%s", key1(walk_keys[i].act, k, sizeof k),
				 i18n_lang() == LANG_EN ? " " : "",
				 act_word(cl, walk_keys[i].act, walk_keys[i].text));
		int pw = utf8_width(piece) + (used ? 2 : 0);
		if (used + pw > w)
			continue; /* a shorter piece further on may still fit */
		snprintf(out + strlen(out), n - strlen(out), "%s%s", used ? "  " : "", piece);
		used += pw;
	}
	return out;
}

/* Open rectifications of this place, at most 2 lines from row y (1 on a
 * short screen), the last one saying how many more; returns the lines. */
static int rect_lines(int y, int h, int w)
{
	const struct unit *u = cu();
	int max = h >= 22 ? 2 : 1, n = 0, shown = 0;
	for (int i = 0; i < W.nrects; i++) {
		const struct rect_rec *r = &W.rects[i];
		int idx; /* the item looked up for a market-wide one only: this runs at every redraw */
		if (is_stall(u) ? r->stall_id != u->stall_id
				: r->stall_id != 0 || (idx = checklist_item_index(W.cl, r->item_id)) < 0 ||
					  W.cl->items[idx].area != u->area)
			continue;
		n++;
		if (shown == max)
			continue;
		char t[600], rep[64] = "", rn[48];
		if (r->repeats)
			snprintf(rep, sizeof rep, " · %s", txf(rn, sizeof rn, T_REPEAT_N, r->repeats));
		txf(t, sizeof t, strcmp(r->deadline, W.insp.day) < 0 ? T_RECT_OVERDUE : T_RECT_OPEN,
		    r->item_id, r->deadline, rep, r->note[0] ? r->note : r->finding);
		draw_text(y + shown++, 0, w, ROLE_FAIL, t);
	}
	if (n > shown) { /* the last line gives way to the count */
		char t[200], k[32];
		draw_text(y + shown - 1, 0, w, ROLE_FAIL,
			  txf(t, sizeof t, T_RECT_MORE, n - shown + 1, key1(A_FOLLOWUP, k, sizeof k)));
	}
	return shown;
}

/* What the previous inspection found at item it, in cols columns at (y, x):
 * verdict, repeat count of its open rectification, note. */
static void last_cell(int y, int x, int cols, const struct cl_item *it, int selected)
{
	const struct review_item *pv = lastvisit_item(&W.lv, it->id);
	int rep = lastvisit_repeats(W.rects, W.nrects, is_stall(cu()) ? cu()->stall_id : 0, it->id);
	char t[STORE_NOTE_MAX + 100], r[64] = "";
	if (rep)
		txf(r, sizeof r, T_REPEAT_N, rep);
	snprintf(t, sizeof t, " %s%s%s%s%s", pv ? text_answer(W.cl, pv->verdict) : "-", r[0] ? " " : "", r,
		 pv && pv->note[0] ? " " : "", pv ? pv->note : "");
	draw_text(y, x, cols, selected ? ROLE_SELECTED : pv && pv->failed ? ROLE_FAIL : ROLE_MUTED, t);
}

static void find_draw(struct app *a, int h, int w);

static void walk_draw(struct app *a, int h, int w)
{
	char t[600], s1[16];
	const struct checklist *cl = W.cl;
	struct unit *u = cu();

	if (W.find) {
		find_draw(a, h, w);
		return;
	}
	{ /* a long market name gives way: the status must stay in sight */
		char tail[300], name[400], empty[64];
		snprintf(tail, sizeof tail, "  %s  %s  [%s]", W.insp.day, W.insp.inspector,
			 text_status(W.insp.status));
		int room = w - utf8_width(tail) - utf8_width(txf(empty, sizeof empty, T_MARKET_LINE, ""));
		utf8_fit(W.market.name, room > 4 ? room : 4, 1, name, sizeof name);
		draw_textf(0, 0, w, ROLE_TITLE, "%s%s", txf(t, sizeof t, T_MARKET_LINE, name), tail);
	}
	char pos[64];
	txf(pos, sizeof pos, T_UNIT_POS, W.cur + 1, W.nu);
	if (is_stall(u))
		txf(t, sizeof t, T_STALL_LINE, u->code, u->vendor[0] ? u->vendor : "-",
		    checklist_name(&cl->types[u->type], a->lang));
	else
		txf(t, sizeof t, T_AREA_LINE,
		    u->area >= 0 ? checklist_name(&cl->areas[u->area], a->lang) : tx(T_OTHER_AREA));
	draw_textf(1, 0, w, ROLE_HEADER, "%s   %s", t, pos);
	char sc1[128], sc2[128], cr[64], last[128];
	const struct stall_score *ss = score_of(u);
	const struct market_score *ms = &W.score.ms;
	if (is_stall(u))
		txf(sc1, sizeof sc1, T_SCORE_STALL, score_text(ss ? ss->score : -1, "--", s1, sizeof s1),
		    score_band_name(&cl->rules, ss ? ss->band : 0, a->lang));
	else
		sc1[0] = 0;
	/* the previous inspection's score of this stall (at an area: the market's) */
	if (W.lv.ins)
		txf(last, sizeof last, is_stall(u) ? T_LAST_STALL : T_LAST_MARKET, W.lv.day + 5,
		    score_text(W.lv.score, "--", s1, sizeof s1), app_band_name(a, W.lv.template_id, W.lv.band, W.lv.grade));
	else
		snprintf(last, sizeof last, "%s", tx(T_LAST_NONE));
	txf(sc2, sizeof sc2, T_SCORE_MARKET, score_text(ms->score, "--", s1, sizeof s1),
	    score_band_name(&cl->rules, ms->band, a->lang));
	txf(cr, sizeof cr, T_CRITICAL_N, ms->critical_fails);
	draw_textf(2, 0, w, ms->critical_fails ? ROLE_CRITICAL : ROLE_NORMAL, "%s%s%s   %s   %s",
		   sc1, sc1[0] ? "   " : "", sc2, cr, last);
	draw_text(3, 0, w, ROLE_NORMAL,
		  txf(t, sizeof t, T_PROGRESS, unit_answered(), W.nitems, ms->market.answered,
		      ms->market.applicable, W.score.visits_done, W.nstalls));

	int y0 = 5 + rect_lines(4, h, w), rows = h - y0 - 3;
	if (W.nitems > rows) /* the last row says how many more are below */
		rows--;
	if (rows < 1)
		rows = 1;
	app_list_view(a, &W.sel, &W.top, W.nitems, y0, rows);
	/* the last visit's column: narrower on a narrow terminal, none below 70 */
	int lw = !W.lv.ins ? 0 : w >= 120 ? 40 : w >= 100 ? 30 : w >= 80 ? 22 : w >= 70 ? 14 : 0;
	if (W.top > 0)
		draw_text(y0 - 1, 0, w - lw, ROLE_MUTED, txf(t, sizeof t, T_MORE_ABOVE, W.top));
	if (lw)
		draw_text(y0 - 1, w - lw, lw, ROLE_MUTED, txf(t, sizeof t, T_LAST_COL, W.lv.day + 5));
	if (W.top + rows < W.nitems)
		draw_text(y0 + rows, 0, w, ROLE_MUTED,
			  txf(t, sizeof t, T_MORE_BELOW, W.nitems - W.top - rows));
	for (int k = W.top; k < W.nitems && k - W.top < rows; k++) {
		const struct cl_item *it = &cl->items[W.items[k]];
		const struct answer_rec *an = answer_of(it->id);
		int crit = checklist_item_critical(it, is_stall(u) ? u->type : -1);
		int v = an ? an->verdict : 0;
		char vc[32], pts[32], cm[16], pm[32] = "";
		/* graded items (digits give the points) carry a mark after them */
		const char *gm = it->kind == KIND_POINTS ? tx(T_GRADED_MARK) : "";
		draw_cell(vc, sizeof vc, text_answer(cl, v), 6);
		if (!an)
			snprintf(pts, sizeof pts, " -/%g%s", it->points, gm);
		else if (v == V_NA || v == V_NOT_OBSERVED)
			snprintf(pts, sizeof pts, " x/%g%s", it->points, gm);
		else
			snprintf(pts, sizeof pts, "%2g/%g%s", an->earned, it->points, gm);
		draw_cell(cm, sizeof cm, crit ? tx(T_CRIT_MARK) : "", 4);
		if (photos_of(it->id))
			txf(pm, sizeof pm, T_PHOTO_MARK, photos_of(it->id));
		int role = k == W.sel ? ROLE_SELECTED
			   : verdict_is_problem(v) ? (crit ? ROLE_CRITICAL : ROLE_FAIL)
			   : v == V_PASS ? ROLE_PASS
			   : v ? ROLE_MUTED : ROLE_NORMAL;
		draw_textf(y0 + k - W.top, 0, w - lw, role, "%s%-4s %s %-6s %s %s%s%s",
			   k == W.sel ? ">" : " ", it->id, vc, pts, cm,
			   an && an->note[0] ? "* " : "", pm, checklist_text(it, a->lang));
		if (lw)
			last_cell(y0 + k - W.top, w - lw, lw, it, k == W.sel);
	}
	/* the selected item in full, with its note */
	const struct cl_item *it = citem();
	if (it) {
		const char *txt = checklist_text(it, a->lang);
		size_t k = utf8_prefix_bytes(txt, w);
		draw_text(h - 3, 0, w, ROLE_HEADER, "");
		char first[600];
		snprintf(first, sizeof first, "%.*s", (int)k, txt);
		draw_text(h - 3, 0, w, ROLE_NORMAL, first);
		const struct answer_rec *an = answer_of(it->id);
		char sp[64] = "";
		if (an && an->spots)
			txf(sp, sizeof sp, T_SPOTS_N, an->spots);
		draw_textf(h - 2, 0, w, ROLE_MUTED, "%s%s %s%s%s", txt[k] ? txt + k : "",
			   txt[k] ? " |" : "", sp, sp[0] && an && an->note[0] ? "  " : "",
			   an && an->note[0] ? an->note : "");
	}
	if (W.ro)
		draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_READONLY));
	else
		draw_text(h - 1, 0, w, ROLE_MUTED, key_line(cl, it, t, sizeof t, w));
}

/* All of this place is answered: where Tab goes now, said for what it is
 * (an area, a stall, or nothing: then finalize). */
static const char *unit_done(char *m, size_t n)
{
	char k[32];
	const struct unit *next = W.cur + 1 < W.nu ? &W.u[W.cur + 1] : NULL;
	if (!next)
		return txf(m, n, T_DONE_LAST, key1(A_FINALIZE, k, sizeof k));
	key1(A_NEXT_STALL, k, sizeof k);
	if (is_stall(next))
		return txf(m, n, T_DONE_STALL, k, next->code);
	return txf(m, n, T_DONE_AREA, k,
		   next->area >= 0 ? checklist_name(&W.cl->areas[next->area], i18n_lang()) : tx(T_OTHER_AREA));
}

/* Save the selected item's answer; on success reload and maybe move on.
 * R_REDRAW when it is saved; with R_KEEP when it is not (a form asking
 * for it stays open). Problem spots go with a failure: an answer that
 * comes out as anything else drops them, whoever passed them. */
static int save(struct app *a, int verdict, int points, int spots, const char *note, int advance)
{
	struct sc_err err;
	const struct cl_item *it = citem();
	struct unit *u = cu();
	int out;
	double earned;
	const char *why;
	if (!it)
		return R_KEEP | R_REDRAW;
	if (score_normalize(it, verdict, points, &out, &earned, &why) == 0 && !verdict_is_problem(out))
		spots = 0;
	if (W.ro) {
		app_msg(a, 1, "%s", tx(T_READONLY));
		return R_KEEP | R_REDRAW;
	}
	if (is_stall(u) && u->visit_id <= 0) {
		enter_unit(a, W.cur, W.sel, 0);
		if (u->visit_id <= 0)
			return R_KEEP | R_REDRAW;
	}
	/* advancing: the resume cursor goes to the next item in the same commit */
	int next = advance && a->auto_advance && W.sel + 1 < W.nitems;
	if (store_answer_save_at(a->db, W.cl, W.insp.id, is_stall(u) ? u->visit_id : 0,
				 is_stall(u) ? u->type : -1, it->id, verdict, points, spots, note,
				 next ? W.cl->items[W.items[W.sel + 1]].id : NULL, &err) != SC_OK) {
		char m[600];
		app_msg(a, 1, "%s %s", it->id, txf(m, sizeof m, T_NOT_SAVED, err.msg));
		return R_KEEP | R_REDRAW;
	}
	reload_scores(a, 1);
	const struct answer_rec *now = answer_of(it->id);
	app_msg(a, 0, "%s %s %s", it->id, now ? text_answer(W.cl, now->verdict) : "", tx(T_SAVED));
	if (advance && a->auto_advance) {
		if (next) {
			W.sel++;
			W.advanced_from = W.sel - 1;
		} else if (unit_answered() == W.nitems) {
			char m[400];
			app_msg(a, 0, "%s %s  %s", it->id, tx(T_SAVED), unit_done(m, sizeof m));
		}
	}
	return R_REDRAW;
}

/* The note and problem spots of item k (an index into W.items), the
 * spots only on a failure. The answer is saved already; the cursor stays
 * where it is (after f: on the next item). */
static int detail_submit(struct app *a, char v[][256], int n)
{
	int back = W.sel, spots, f;
	char *end;
	W.sel = W.detail;
	const struct answer_rec *an = W.sel < W.nitems ? answer_of(citem()->id) : NULL;
	if (!an) {
		W.sel = back;
		return R_REDRAW;
	}
	spots = an->spots;
	if (n > 1) { /* empty: none */
		long k = v[1][0] ? strtol(v[1], &end, 10) : 0;
		if ((v[1][0] && *end) || k < 0 || k > 9999) {
			W.sel = back;
			app_msg(a, 1, "%s", tx(T_SPOTS_BAD));
			return R_KEEP | R_REDRAW;
		}
		spots = (int)k;
	}
	struct answer_rec cp = *an;
	f = save(a, cp.verdict, cp.earned < 0 ? 0 : cp.earned, spots, a->m_note_text, 0);
	W.sel = back;
	if (!(f & R_KEEP)) /* saved: that put the resume cursor on the item the form was for */
		set_cursor(a);
	return f;
}

static void detail_open(struct app *a, int k, int on_spots)
{
	const struct cl_item *it = &W.cl->items[W.items[k]];
	const struct answer_rec *an = answer_of(it->id);
	int fail = an && verdict_is_problem(an->verdict);
	char title[300], sp[16] = "";
	if (!an)
		return;
	if (an->spots)
		snprintf(sp, sizeof sp, "%d", an->spots);
	const char *labels[] = { tx(T_F_NOTE), tx(T_F_SPOTS) };
	const char *init[] = { "", sp };
	W.detail = k;
	txf(title, sizeof title, fail ? T_DETAIL_TITLE : T_NOTE_TITLE, it->id, text_answer(W.cl, an->verdict));
	app_form(a, title, checklist_text(it, a->lang), fail ? 2 : 1, labels, init, detail_submit);
	app_form_note(a, 0, an->note);
	a->m_cur = on_spots && fail;
}

static int verdict_key(struct app *a, int verdict)
{
	const struct cl_item *it = citem();
	const struct answer_rec *an = it ? answer_of(it->id) : NULL;
	if (!it)
		return R_NONE;
	/* said here in the interface's language (the store refuses it too) */
	if ((verdict == V_NA && !it->allow_na) || (verdict == V_NOT_OBSERVED && !it->allow_not_observed) ||
	    (verdict == V_PARTIAL && it->partial_points < 0)) {
		char m[200];
		app_msg(a, 1, "%s", txf(m, sizeof m, verdict == V_NA ? T_NO_NA : verdict == V_PARTIAL
					? T_NO_PARTIAL : T_NO_NOTOBS, it->id));
		return R_REDRAW;
	}
	int at = W.sel;
	int f = save(a, verdict, verdict == V_PASS ? it->points : 0, an ? an->spots : 0, an ? an->note : "",
		     1);
	if (!(f & R_KEEP) && verdict_is_problem(verdict)) /* saved: its note and spots in one form */
		detail_open(a, at, 0);
	return f & ~R_KEEP;
}

/* Items worth 10 or more: the first digit opens this form for the rest. */
static int points_submit(struct app *a, char v[][256], int n)
{
	const struct cl_item *it = citem();
	char *end, m[128];
	(void)n;
	if (!it)
		return R_REDRAW;
	long k = strtol(v[0], &end, 10);
	if (!v[0][0] || *end || k < 0 || k > it->points) {
		app_msg(a, 1, "%s %s", it->id, txf(m, sizeof m, T_POINTS_RANGE, (int)it->points));
		return R_KEEP | R_REDRAW;
	}
	const struct answer_rec *an = answer_of(it->id);
	return save(a, V_NONE, (int)k, an ? an->spots : 0, an ? an->note : "", 1);
}

/* Place i, on its first unanswered item (all answered: the first). */
static void go_first_open(struct app *a, int i)
{
	enter_unit(a, i, 0, 0);
	for (int k = 0; k < W.nitems; k++)
		if (!answer_of(W.cl->items[W.items[k]].id)) {
			W.sel = k;
			break;
		}
	set_cursor(a);
}

static void go(struct app *a, int i, int first_open)
{
	if (first_open)
		go_first_open(a, i);
	else
		enter_unit(a, i, 0, 1);
}

static int leave_answer(struct app *a, int yes)
{
	if (yes) {
		cu()->leave_ok = 1;
		go(a, W.leave_dest, W.leave_first);
	}
	return R_REDRAW;
}

/* Leave for place i: from a half-done stall (some items answered, not all)
 * only after a yes, asked once per stall. R_KEEP with the question open
 * (a form that called it must leave the question up). */
static int leave_to(struct app *a, int i, int first_open)
{
	const struct unit *u = cu();
	int done = unit_answered();
	if (i < 0 || i >= W.nu || i == W.cur || !is_stall(u) || u->leave_ok || done == 0 ||
	    done == W.nitems) {
		go(a, i, first_open);
		return R_REDRAW;
	}
	char q[300];
	W.leave_dest = i;
	W.leave_first = first_open;
	app_confirm(a, txf(q, sizeof q, T_LEAVE_Q, u->code, W.nitems - done), leave_answer);
	return R_REDRAW | R_KEEP;
}

static int jump_submit(struct app *a, char v[][256], int n)
{
	(void)n;
	/* the code as typed first (codes may differ only in case), then any case */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < W.nu; i++)
			if (is_stall(&W.u[i]) && (pass ? strcasecmp(W.u[i].code, v[0])
						       : strcmp(W.u[i].code, v[0])) == 0)
				return leave_to(a, i, 1);
	char m[300];
	app_msg(a, 1, "%s", txf(m, sizeof m, T_NO_STALL_CODE, v[0]));
	return R_KEEP | R_REDRAW;
}

/* ---- the stall finder (/) ---- */

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* The search keys of every stall, once per place list (ICU opened once). */
static int find_keys(struct app *a)
{
	struct pinyin *py;
	struct sc_err err;
	if (W.fk)
		return 0;
	if (pinyin_open(&py, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return -1;
	}
	W.fk = calloc((size_t)W.nu, sizeof *W.fk);
	for (int i = 0; W.fk && i < W.nu; i++) {
		const struct unit *u = &W.u[i];
		if (!is_stall(u))
			continue;
		const struct cl_named *ty = &W.cl->types[u->type];
		char said[400];
		snprintf(W.fk[i].hay, sizeof W.fk[i].hay, "%s %s %s %s %s", u->code, u->vendor,
			 checklist_name(ty, LANG_ZH), checklist_name(ty, LANG_EN), ty->code);
		lower_ascii(W.fk[i].hay);
		snprintf(said, sizeof said, "%s %s %s", u->code, u->vendor, checklist_name(ty, LANG_ZH));
		pinyin_words(py, said, W.fk[i].words, sizeof W.fk[i].words);
	}
	pinyin_close(py);
	if (!W.fk) {
		app_msg(a, 1, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* The stalls the query finds, in walking order. */
static void find_filter(void)
{
	char q[sizeof W.fq];
	int ascii = 1;
	UTF8_COPY(q, W.fq);
	lower_ascii(q);
	for (const char *c = q; *c; c++)
		ascii &= (unsigned char)*c < 0x80;
	W.nfres = 0;
	for (int i = 0; i < W.nu; i++)
		if (is_stall(&W.u[i]) &&
		    (strstr(W.fk[i].hay, q) || (ascii && pinyin_match(W.fk[i].words, q))))
			W.fres[W.nfres++] = i;
	if (W.fsel >= W.nfres)
		W.fsel = W.nfres ? W.nfres - 1 : 0;
}

static int find_open(struct app *a)
{
	if (find_keys(a) < 0)
		return R_REDRAW;
	free(W.fres);
	if (!(W.fres = malloc(sizeof *W.fres * (size_t)W.nu)))
		return R_REDRAW;
	W.find = 1;
	W.fq[0] = 0;
	W.fsel = W.ftop = 0;
	find_filter();
	return R_REDRAW;
}

/* A character is text for the query; function keys by their action
 * (arrows, pages, Enter, Backspace): j and k are letters here. */
static int find_key(struct app *a, int action, int key)
{
	size_t len = strlen(W.fq);
	int fkey = key >= ACTION_FKEY;
	if (key == 27) {
		W.find = 0;
	} else if (key == '\n' || (fkey && action == A_SELECT)) {
		if (!W.nfres)
			return R_REDRAW;
		W.find = 0;
		return leave_to(a, W.fres[W.fsel], 1);
	} else if (fkey && app_list_nav(action, &W.fsel, W.nfres)) {
		return R_REDRAW;
	} else if (key == 127 || key == 8 || (fkey && action == A_BACK)) {
		if (len)
			W.fq[utf8_prev(W.fq, len)] = 0;
		find_filter();
	} else if (key == 21) { /* C-u, as in a form */
		W.fq[0] = 0;
		find_filter();
	} else if (!fkey && key >= ' ' && !utf8_is_control((uint32_t)key, NULL)) {
		utf8_put(W.fq, sizeof W.fq, (uint32_t)key);
		W.fsel = 0;
		find_filter();
	}
	return R_REDRAW;
}

static void find_draw(struct app *a, int h, int w)
{
	char t[600], sc[16];
	draw_text(0, 0, w, ROLE_TITLE, txf(t, sizeof t, T_FIND_TITLE, W.fq));
	if (W.nfres)
		draw_text(1, 0, w, ROLE_MUTED, txf(t, sizeof t, T_FIND_COUNT, W.nfres));
	else
		draw_text(1, 0, w, ROLE_ERROR, tx(T_FIND_NONE));
	int y0 = 3, rows = h - y0 - 1;
	app_list_view(a, &W.fsel, &W.ftop, W.nfres, y0, rows);
	for (int k = W.ftop; k < W.nfres && k - W.ftop < rows; k++) {
		struct unit *u = &W.u[W.fres[k]];
		const struct stall_score *ss = score_of(u); /* the walk keeps it current */
		char code[48], vendor[160], type[64], state[64], st[48];
		draw_cell(code, sizeof code, u->code, 8);
		draw_cell(vendor, sizeof vendor, u->vendor, 16);
		draw_cell(type, sizeof type, checklist_name(&W.cl->types[u->type], a->lang), 8);
		if (!ss || !ss->p.answered)
			snprintf(st, sizeof st, "%s", tx(T_FIND_TODO));
		else if (ss->p.answered < ss->p.applicable)
			txf(st, sizeof st, T_FIND_PART, ss->p.answered, ss->p.applicable);
		else
			snprintf(st, sizeof st, "%s", tx(T_FIND_DONE));
		draw_cell(state, sizeof state, st, 14);
		draw_textf(y0 + k - W.ftop, 0, w, k == W.fsel ? ROLE_SELECTED : ROLE_NORMAL,
			   "%s%s %s %s %s %s", k == W.fsel ? ">" : " ", code, vendor, type, state,
			   score_text(ss ? ss->score : -1, "--", sc, sizeof sc));
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_FIND_KEYS));
}

static int quick_added(struct app *a, int64_t stall_id)
{
	struct sc_err err;
	if (build_units(a, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	for (int i = 0; i < W.nu; i++)
		if (W.u[i].stall_id == stall_id)
			enter_unit(a, i, 0, 1);
	return R_REDRAW;
}

/* u: the last answer of the walk back as it was, from the undo history
 * the store keeps with each save (so it survives a restart); the walk goes
 * to where that answer is. */
static int undo(struct app *a)
{
	struct sc_err err;
	int64_t vid = 0;
	char item[CL_ID_MAX];
	if (W.ro) {
		app_msg(a, 1, "%s", tx(T_READONLY));
		return R_REDRAW;
	}
	if (store_undo(a->db, W.cl, W.insp.id, &vid, item, &err) != SC_OK) {
		if (err.code == SC_ERR_NOTFOUND)
			app_msg(a, 1, "%s", tx(T_NOTHING_UNDO));
		else
			app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	int idx = checklist_item_index(W.cl, item), place = -1;
	for (int i = 0; i < W.nu && place < 0; i++)
		if (vid > 0 ? W.u[i].visit_id == vid
			    : !is_stall(&W.u[i]) && idx >= 0 && W.u[i].area == W.cl->items[idx].area)
			place = i;
	if (place >= 0 && place != W.cur)
		enter_unit(a, place, 0, 0); /* that reloads and rescores the place undone */
	else
		reload(a);
	for (int k = 0; place >= 0 && k < W.nitems; k++)
		if (strcmp(W.cl->items[W.items[k]].id, item) == 0)
			W.sel = k;
	char m[128];
	app_msg(a, 0, "%s", txf(m, sizeof m, T_UNDONE, item));
	return R_REDRAW;
}

/* A correction of a final record: a new draft pointing at it, holding a
 * copy of its visits and answers, all in one transaction (start nests in
 * it), so a failed copy leaves no empty draft behind. */
static int amend_answer(struct app *a, int yes)
{
	struct sc_err err;
	struct inspection_rec nr;
	struct visit_rec *v = NULL;
	struct answer_rec *an = NULL;
	int nv = 0, nan = 0, rc;
	if (!yes)
		return R_REDRAW;
	/* an amendment already under way: go on with it, not a second one */
	if (store_inspection_amendment(a->db, W.insp.uuid, &nr, &err) == SC_OK &&
	    strcmp(nr.status, "draft") == 0) {
		if (walk_open(a, nr.id) < 0)
			return R_POP; /* its message is on the status line; no walk to show */
		app_msg(a, 0, "%s", tx(T_AMEND_OPEN));
		return R_REDRAW;
	}
	if ((rc = db_begin(a->db, &err)) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	rc = store_inspection_start(a->db, W.insp.market_id, W.insp.template_id,
				    a->set->inspector, W.insp.uuid, &nr, &err);
	if (rc == SC_OK)
		rc = store_visit_list(a->db, W.insp.id, &v, &nv, &err);
	if (rc == SC_OK)
		rc = store_answer_list(a->db, W.insp.id, -1, &an, &nan, &err);
	for (int i = 0; rc == SC_OK && i < nan; i++) {
		int64_t nvid = 0;
		int type = -1;
		if (an[i].visit_id > 0) {
			for (int j = 0; j < nv; j++)
				if (v[j].id == an[i].visit_id) {
					struct visit_rec nvr;
					rc = store_visit_copy(a->db, nr.id, &v[j], &nvr, &err);
					nvid = nvr.id;
					type = checklist_type_index(W.cl, nvr.stall_type);
				}
			if (rc != SC_OK)
				break;
			if (type < 0) {
				rc = sc_fail(&err, SC_ERR_INVALID, "stall of %s has an unknown type",
					     an[i].item_id);
				break;
			}
		}
		rc = store_answer_save(a->db, W.cl, nr.id, nvid, type, an[i].item_id, an[i].verdict,
				       an[i].earned < 0 ? 0 : an[i].earned, an[i].spots, an[i].note,
				       &err);
	}
	if (rc == SC_OK) /* the evidence goes with the answers */
		rc = photo_copy_links(a->db, W.insp.id, nr.id, &err);
	int erc = db_end(a->db, rc == SC_OK, &err);
	free(v);
	free(an);
	if (rc != SC_OK || erc != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	if (walk_open(a, nr.id) < 0)
		return R_POP;
	app_msg(a, 0, "%s", tx(T_AMENDED));
	return R_REDRAW;
}

/* c: the photo picker for the selected item's answer (or, as with a
 * note, the item just answered). */
static int photo_key(struct app *a, int just)
{
	const struct cl_item *it = citem();
	int k = W.sel;
	if (W.ro) {
		app_msg(a, 1, "%s", tx(T_READONLY));
		return R_REDRAW;
	}
	if (it && !answer_of(it->id) && just >= 0 && just == W.sel - 1)
		it = &W.cl->items[W.items[k = just]];
	if (!it || !answer_of(it->id)) {
		app_msg(a, 1, "%s", tx(T_PHOTO_ANSWER_FIRST));
		return R_REDRAW;
	}
	W.sel = k;
	photo_pick_target(W.insp.id, is_stall(cu()) ? cu()->visit_id : 0, it->id);
	app_push(a, &screen_photo, 0);
	return R_PUSH;
}

static int walk_handle(struct app *a, int action, int key)
{
	const struct cl_item *it = citem();
	int just = W.advanced_from; /* the item the last answer moved on from, this key only */
	W.advanced_from = -1;
	if (W.find) /* typed text for the finder, not walk keys */
		return find_key(a, action, key);
	switch (action) {
	case A_QUIT:
		return R_QUIT;
	case A_BACK:
		if (!W.ro) { /* a new inspection left at once leaves nothing behind */
			struct sc_err err;
			int gone = 0;
			if (store_inspection_discard_empty(a->db, W.insp.id, &gone, &err) != SC_OK)
				app_msg(a, 1, "%s", err.msg);
			else if (gone)
				app_msg(a, 0, "%s", tx(T_DRAFT_DISCARDED));
		}
		/* up to where the walk was opened from; the market picker was
		 * only the first step of starting it: home then */
		return a->depth >= 2 && a->stack[a->depth - 2] == &screen_markets ? R_HOME : R_POP;
	case A_FOLLOWUP:
		if (W.ro) {
			app_msg(a, 1, "%s", tx(T_READONLY));
			return R_REDRAW;
		}
		if (W.insp.amends_uuid[0]) {
			app_msg(a, 1, "%s", tx(T_FU_AMENDMENT));
			return R_REDRAW;
		}
		app_push(a, &screen_followup, W.insp.id);
		return R_PUSH;
	case A_UP:
		if (W.sel > 0) {
			W.sel--;
			set_cursor(a);
		}
		return R_REDRAW;
	case A_DOWN:
		if (W.sel + 1 < W.nitems) {
			W.sel++;
			set_cursor(a);
		}
		return R_REDRAW;
	case A_PGUP:
	case A_PREV_STALL:
		return leave_to(a, W.cur - 1, 0);
	case A_PGDN:
	case A_NEXT_STALL:
		return leave_to(a, W.cur + 1, 0);
	case A_FIND:
		return find_open(a);
	case A_PASS: return verdict_key(a, V_PASS);
	case A_FAIL: return verdict_key(a, V_FAIL);
	case A_NA: return verdict_key(a, V_NA);
	case A_NOTOBS: return verdict_key(a, V_NOT_OBSERVED);
	case A_CORRECTED: return verdict_key(a, V_CORRECTED);
	case A_PARTIAL: return verdict_key(a, V_PARTIAL);
	case A_UNDO: return undo(a);
	case A_AUTO:
		a->auto_advance = !a->auto_advance;
		app_msg(a, 0, "%s", tx(a->auto_advance ? T_AUTO_ON : T_AUTO_OFF));
		return R_REDRAW;
	case A_NOTE:
	case A_SPOTS: {
		if (W.ro) {
			app_msg(a, 1, "%s", tx(T_READONLY));
			return R_REDRAW;
		}
		int k = W.sel;
		const struct answer_rec *an = it ? answer_of(it->id) : NULL;
		if (!an && just >= 0 && just == W.sel - 1) { /* p then t: the item just answered */
			k = just;
			an = answer_of(W.cl->items[W.items[k]].id);
		}
		if (!an) {
			app_msg(a, 1, "%s", tx(T_ANSWER_FIRST));
			return R_REDRAW;
		}
		if (action == A_SPOTS && !verdict_is_problem(an->verdict)) {
			app_msg(a, 1, "%s", tx(T_SPOTS_FAIL_ONLY));
			return R_REDRAW;
		}
		detail_open(a, k, action == A_SPOTS);
		return R_REDRAW;
	}
	case A_PHOTO:
		return photo_key(a, just);
	case A_JUMP: {
		const char *labels[] = { tx(T_F_JUMP) };
		app_form(a, tx(T_F_JUMP), NULL, 1, labels, NULL, jump_submit);
		return R_REDRAW;
	}
	case A_QUICK_ADD:
		stallform_open(a, W.insp.market_id, 0, quick_added);
		return R_REDRAW;
	case A_FINALIZE:
		if (W.ro) {
			app_msg(a, 1, "%s", tx(T_FIN_ALREADY));
			return R_REDRAW;
		}
		app_push(a, &screen_finalize, W.insp.id);
		return R_PUSH;
	case A_AMEND:
		if (!W.ro || strcmp(W.insp.status, "amended") == 0)
			return R_NONE;
		app_confirm(a, tx(T_AMEND_Q), amend_answer);
		return R_REDRAW;
	default:
		if (key >= '0' && key <= '9' && it) {
			int d = key - '0';
			if (it->kind != KIND_POINTS) {
				char m[300], kp[32], kf[32];
				app_msg(a, 1, "%s", txf(m, sizeof m, T_NOT_POINTS, it->id, key1(A_PASS, kp, sizeof kp),
							key1(A_FAIL, kf, sizeof kf)));
				return R_REDRAW;
			}
			if (it->points >= 10) {
				char first[4] = { (char)key, 0 };
				const char *labels[] = { tx(T_F_POINTS) };
				const char *init[] = { first };
				app_form(a, it->id, checklist_text(it, a->lang), 1, labels, init, points_submit);
				return R_REDRAW;
			}
			if (d > it->points) {
				char m[128];
				app_msg(a, 1, "%s %s", it->id, txf(m, sizeof m, T_POINTS_RANGE, (int)it->points));
				return R_REDRAW;
			}
			const struct answer_rec *an = answer_of(it->id);
			return save(a, V_NONE, d, an ? an->spots : 0, an ? an->note : "", 1) & ~R_KEEP;
		}
		if (action == A_NONE && key > ' ' && key < ACTION_FKEY && key != 0x7f) {
			char m[300], k[8] = "", kh[32];
			utf8_put(k, sizeof k, (uint32_t)key);
			app_msg(a, 1, "%s", txf(m, sizeof m, T_KEY_UNUSED, k, key1(A_HELP, kh, sizeof kh)));
			return R_REDRAW;
		}
		return R_NONE;
	}
}

static void walk_cleanup(void)
{
	free_state();
}

/* the walk takes every walk action; digits are not one of them */
/* The help's own lines: with a template that names its answers
 * ([labels]), the answer keys in its words; then the digits. */
static const char *walk_help(struct app *a)
{
	static char buf[1024];
	char k[32];
	int named = 0;
	(void)a;
	for (int v = V_PASS; v < V_COUNT; v++)
		named |= checklist_answer_label(W.cl, v, i18n_lang()) != NULL;
	buf[0] = 0;
	for (size_t i = 0; named && act_verdict(walk_keys[i].act) != V_NONE; i++)
		if (act_offered(W.cl, NULL, walk_keys[i].act))
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s %s %s",
				 i ? "" : tx(T_WALK_ANSWERS), key1(walk_keys[i].act, k, sizeof k),
				 act_word(W.cl, walk_keys[i].act, walk_keys[i].text));
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", named ? "   " : "", tx(T_WALK_DIGITS));
	return buf;
}

/* The actions the help lists for the walk: its own and the global ones,
 * without h when no item of the template has a partial answer. */
static int walk_acts[A_COUNT + 1];

static void walk_acts_fill(void)
{
	int n = 0;
	for (int i = 1; i < A_COUNT; i++)
		if ((actions_scope(i) & (SC_WALK | SC_GLOBAL)) && act_offered(W.cl, NULL, i))
			walk_acts[n++] = i;
	walk_acts[n] = A_NONE;
}

const struct screen screen_walk = { "walk", SC_WALK, walk_enter, walk_draw, walk_handle,
				    walk_resume, walk_cleanup, walk_help, walk_acts };
