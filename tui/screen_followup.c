/* screen_followup: 回头看 — a new inspection of a market starts with its
 * open rectifications: the inspector marks each fixed (销号) or not fixed,
 * with an optional note, then goes on to the walk. Pushed with the new
 * inspection's id; replaces itself with the walk (at once when nothing is
 * open). Marks are saved the moment they are given (core/rectify.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/rectify.h"
#include "core/store.h"
#include "core/utf8.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

static struct {
	int64_t insp;
	char market[128];
	char today[CLOCK_DAY];
	struct rect_rec *r;
	int *mark;                 /* 0 not yet, 1 fixed, 2 not fixed */
	char (*note)[STORE_NOTE_MAX];
	int n, sel, top;
} S;

static void reset(void)
{
	free(S.r);
	free(S.mark);
	free(S.note);
	memset(&S, 0, sizeof S);
}

/* Opened from the walk (b): back to it. Else the start of a new
 * inspection: the walk takes this screen's place. */
static int from_walk(struct app *a)
{
	return a->depth >= 2 && a->stack[a->depth - 2] == &screen_walk;
}

static int to_walk(struct app *a)
{
	if (from_walk(a))
		return R_POP;
	app_push(a, &screen_walk, S.insp);
	return R_POP | R_PUSH;
}

static int fu_enter(struct app *a, int64_t arg)
{
	struct inspection_rec ins;
	struct market_rec m;
	struct sc_err err;
	reset();
	S.insp = arg;
	clock_today(S.today);
	if (store_inspection_get(a->db, arg, &ins, &err) != SC_OK ||
	    store_market_get(a->db, ins.market_id, &m, &err) != SC_OK ||
	    rectify_open_for_market(a->db, ins.market_id, &S.r, &S.n, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return to_walk(a);
	}
	snprintf(S.market, sizeof S.market, "%s", m.name);
	if (S.n == 0) {
		if (from_walk(a))
			app_msg(a, 0, "%s", tx(T_FU_NONE));
		return to_walk(a);
	}
	S.mark = calloc((size_t)S.n, sizeof *S.mark);
	S.note = calloc((size_t)S.n, sizeof *S.note);
	if (!S.mark || !S.note) {
		app_msg(a, 1, "%s", _("out of memory"));
		return to_walk(a);
	}
	/* marks given earlier in this inspection (before a crash, or before
	 * the walk): shown, and the cursor on the first one still to check */
	int first = -1;
	for (int i = 0; i < S.n; i++) {
		if (rectify_mark(a->db, S.r[i].id, S.insp, &S.mark[i], &err) != SC_OK)
			S.mark[i] = RECT_MARK_NONE;
		if (first < 0 && S.mark[i] == RECT_MARK_NONE)
			first = i;
	}
	S.sel = first < 0 ? 0 : first;
	return R_NONE;
}

static void fu_draw(struct app *a, int h, int w)
{
	int done = 0;
	for (int i = 0; i < S.n; i++)
		done += S.mark[i] != 0;
	draw_textf(0, 0, w, ROLE_TITLE, "%s%s  %s %d  (%s %d)", tx(T_FU_TITLE), S.market, tx(T_FU_OPEN),
		   S.n, tx(T_FU_CHECKED), done);
	int y0 = 2, rows = h - y0 - 1;
	app_list_view(a, &S.sel, &S.top, S.n, y0, rows);
	for (int i = S.top; i < S.n && i - S.top < rows; i++) {
		const struct rect_rec *r = &S.r[i];
		char mk[64], pl[64], fd[200], dl[40], rp[24];
		const char *place = r->stall_id ? r->stall_code
				    : a->lang == LANG_EN ? (r->area_name_en[0] ? r->area_name_en : tx(T_WHOLE_MARKET))
							 : (r->area_name[0] ? r->area_name : tx(T_WHOLE_MARKET));
		const char *finding = a->lang == LANG_EN && r->finding_en[0] ? r->finding_en : r->finding;
		/* a mark takes effect when the inspection is finalized: say so */
		char mark[64];
		snprintf(mark, sizeof mark, "%s%s%s", tx(S.mark[i] == 1 ? T_FU_FIXED : S.mark[i] == 2 ? T_FU_NOT_FIXED : T_FU_TODO),
			 S.mark[i] ? " " : "", S.mark[i] ? tx(T_FU_MARK_PENDING) : "");
		draw_cell(mk, sizeof mk, mark, 20);
		draw_cell(pl, sizeof pl, place, 10);
		/* the finding takes what the other columns leave */
		draw_cell(fd, sizeof fd, finding, w - 72 < 16 ? 16 : w - 72 > 60 ? 60 : w - 72);
		char due[40];
		snprintf(due, sizeof due, "%s%s%s", r->deadline, strcmp(r->deadline, S.today) < 0 ? " " : "",
			 strcmp(r->deadline, S.today) < 0 ? tx(T_OVERDUE_WORD) : "");
		draw_cell(dl, sizeof dl, due, 18);
		rp[0] = '\0';
		if (r->repeats)
			snprintf(rp, sizeof rp, "%s %d", tx(T_REP), r->repeats);
		int role = i == S.sel ? ROLE_SELECTED : S.mark[i] == 1 ? ROLE_PASS
			   : S.mark[i] == 2 ? ROLE_FAIL : r->critical ? ROLE_CRITICAL : ROLE_NORMAL;
		draw_textf(y0 + i - S.top, 0, w, role, "%s %s %s %-4s %s %s %s", i == S.sel ? ">" : " ", mk, pl,
			   r->item_id, fd, dl, rp);
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_FU_KEYS));
}

static int mark(struct app *a, int fixed)
{
	struct sc_err err;
	if (S.n == 0)
		return R_NONE;
	if (rectify_followup(a->db, S.r[S.sel].id, S.insp, fixed, S.note[S.sel], a->set->inspector,
			     &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	S.mark[S.sel] = fixed ? 1 : 2;
	app_msg(a, 0, "%s %s %s", S.r[S.sel].item_id, tx(fixed ? T_FU_FIXED : T_FU_NOT_FIXED), tx(T_FU_DONE));
	if (S.sel + 1 < S.n)
		S.sel++;
	return R_REDRAW;
}

static int note_submit(struct app *a, char v[][256], int n)
{
	(void)n;
	(void)v;
	UTF8_COPY(S.note[S.sel], a->m_note_text); /* a note field: up to STORE_NOTE_CHARS */
	app_msg(a, 0, "%s", tx(T_FU_NOTE_SET));
	return R_REDRAW;
}

static int fu_handle(struct app *a, int action, int key)
{
	(void)key;
	if (app_list_nav(action, &S.sel, S.n))
		return R_REDRAW;
	switch (action) {
	case A_QUIT:
		return R_QUIT;
	case A_BACK:
		if (!from_walk(a)) { /* a new inspection left before it began */
			struct sc_err err;
			int gone = 0;
			if (store_inspection_discard_empty(a->db, S.insp, &gone, &err) != SC_OK)
				app_msg(a, 1, "%s", err.msg);
		}
		return R_POP;
	case A_PASS:
		return mark(a, 1);
	case A_FAIL:
		return mark(a, 0);
	case A_NOTE: {
		const char *labels[] = { tx(T_F_NOTE) };
		app_form(a, tx(T_F_NOTE), NULL, 1, labels, NULL, note_submit);
		app_form_note(a, 0, S.note[S.sel]);
		return R_REDRAW;
	}
	case A_SELECT:
	case A_NEXT_STALL:
		return to_walk(a);
	default:
		return R_NONE;
	}
}

/* its p and f mean fixed / not fixed: its own key line says so */
static const char *fu_help(struct app *a)
{
	(void)a;
	return tx(T_FU_KEYS);
}
static const int fu_acts[] = { A_NONE };
const struct screen screen_followup = { "followup", SC_WALK, fu_enter, fu_draw, fu_handle, NULL,
					reset, fu_help, fu_acts };
