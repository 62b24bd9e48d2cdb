/* screen_rectlist: the rectification list (整改清单) reached with r from the
 * home screen: open ones first, / cycles open -> overdue -> closed -> all,
 * each as of today (rectify_list). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "core/clock.h"
#include "core/rectify.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

static const int order[] = { RECT_OPEN, RECT_OVERDUE, RECT_CLOSED, RECT_ALL };
static const int label[] = { T_RL_OPEN, T_OVERDUE_WORD, T_RL_CLOSED, T_RL_ALL };

static struct {
	struct rect_rec *r;
	int n, sel, top, which;
} S;

static void load(struct app *a)
{
	struct rect_filter f;
	struct sc_err err;
	free(S.r);
	S.r = NULL;
	S.n = 0;
	memset(&f, 0, sizeof f);
	f.state = order[S.which];
	if (rectify_list(a->db, &f, &S.r, &S.n, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
	if (S.sel >= S.n)
		S.sel = S.n ? S.n - 1 : 0;
}

static int rl_enter(struct app *a, int64_t arg)
{
	(void)arg;
	S.which = 0;
	S.sel = S.top = 0;
	load(a);
	return R_NONE;
}

static void rl_resume(struct app *a) { load(a); }

static void rl_draw(struct app *a, int h, int w)
{
	draw_textf(0, 0, w, ROLE_TITLE, "%s: %s %d", tx(T_RL_TITLE), tx(label[S.which]), S.n);
	int y0 = 2, rows = h - y0 - 1;
	if (S.n == 0)
		draw_text(y0, 2, w - 2, ROLE_MUTED, tx(T_RL_EMPTY));
	app_list_view(a, &S.sel, &S.top, S.n, y0, rows);
	for (int i = S.top; i < S.n && i - S.top < rows; i++) {
		const struct rect_rec *r = &S.r[i];
		char mk[80], pl[64], fd[200], st[32], rp[24] = "";
		const char *place = r->stall_id ? r->stall_code
				    : a->lang == LANG_EN ? (r->area_name_en[0] ? r->area_name_en : tx(T_WHOLE_MARKET))
							 : (r->area_name[0] ? r->area_name : tx(T_WHOLE_MARKET));
		draw_cell(mk, sizeof mk, r->market_name, 16);
		draw_cell(pl, sizeof pl, place, 10);
		/* the finding takes what the other columns (and a repeat count) leave */
		int fw = w - 62 < 12 ? 12 : w - 62 > 60 ? 60 : w - 62;
		char ftxt[600]; /* ! marks a critical item, as in `rectify list` */
		snprintf(ftxt, sizeof ftxt, "%s%s", r->critical ? "!" : "",
			 a->lang == LANG_EN && r->finding_en[0] ? r->finding_en : r->finding);
		draw_cell(fd, sizeof fd, ftxt, fw);
		draw_cell(st, sizeof st, rectify_state_label(r->status, r->overdue, a->lang),
			  a->lang == LANG_EN ? 7 : 6); /* overdue / 已销号 whole */
		if (r->repeats)
			snprintf(rp, sizeof rp, "%s %d", tx(T_REP), r->repeats);
		int role = i == S.sel ? ROLE_SELECTED : r->overdue ? ROLE_FAIL
			   : strcmp(r->status, "open") ? ROLE_MUTED : r->critical ? ROLE_CRITICAL : ROLE_NORMAL;
		draw_textf(y0 + i - S.top, 0, w, role, "%s %s %s %-4s %s %s %s %s", i == S.sel ? ">" : " ", mk,
			   pl, r->item_id, fd, r->deadline, st, rp);
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_RL_KEYS));
}

static int rl_handle(struct app *a, int action, int key)
{
	(void)key;
	int r = app_list_keys(action, &S.sel, S.n);
	if (r != R_NONE)
		return r;
	switch (action) {
	case A_FILTER:
		S.which = (S.which + 1) % 4;
		S.sel = S.top = 0;
		load(a);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

static void rl_cleanup(void)
{
	free(S.r);
	memset(&S, 0, sizeof S);
}

static const int rl_acts[] = { A_FILTER, A_NONE };
const struct screen screen_rectlist = { "rectifications", SC_LIST, rl_enter, rl_draw, rl_handle,
					rl_resume, rl_cleanup, NULL, rl_acts };
