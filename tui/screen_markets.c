/* screen_markets: the market registry as a picker: start an inspection at
 * a market, add or edit a market (name, district, address), deactivate it,
 * open its stalls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "core/store.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

static struct {
	struct market_rec *m;
	int n, sel, top;
	int64_t edit_id;           /* the market the form edits, 0: a new one */
} S;

static void load(struct app *a)
{
	struct sc_err err;
	free(S.m);
	S.m = NULL;
	S.n = 0;
	if (store_market_list(a->db, &S.m, &S.n, &err) != SC_OK)
		app_msg(a, 1, "%s", err.msg);
	if (S.sel >= S.n)
		S.sel = S.n ? S.n - 1 : 0;
}

static int mk_enter(struct app *a, int64_t arg)
{
	(void)arg;
	load(a);
	return R_NONE;
}

static void mk_resume(struct app *a) { load(a); }

static void mk_draw(struct app *a, int h, int w)
{
	(void)a;
	draw_text(0, 0, w, ROLE_TITLE, tx(T_MARKETS_TITLE));
	int y0 = 2, rows = h - y0 - 1;
	if (S.n == 0)
		draw_text(y0, 2, w - 2, ROLE_MUTED, tx(T_MARKETS_EMPTY));
	app_list_view(a, &S.sel, &S.top, S.n, y0, rows);
	for (int i = S.top; i < S.n && i - S.top < rows; i++) {
		char nm[160], di[80];
		draw_cell(nm, sizeof nm, S.m[i].name, 28);
		draw_cell(di, sizeof di, S.m[i].district, 10);
		draw_textf(y0 + i - S.top, 0, w, i == S.sel ? ROLE_SELECTED : S.m[i].active ? ROLE_NORMAL
			   : ROLE_MUTED, "%s %s %s %s%s", i == S.sel ? ">" : " ", nm, di,
			   S.m[i].active ? "" : tx(T_INACTIVE_MARK), S.m[i].address);
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_MARKETS_KEYS));
}

static int form_submit(struct app *a, char v[][256], int n)
{
	struct market_rec m;
	struct sc_err err;
	char msg[300];
	(void)n;
	memset(&m, 0, sizeof m);
	if (S.edit_id && store_market_get(a->db, S.edit_id, &m, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	if (!app_fits(a, tx(T_F_NAME), v[0], sizeof m.name) ||
	    !app_fits(a, tx(T_F_DISTRICT), v[1], sizeof m.district) ||
	    !app_fits(a, tx(T_F_ADDRESS), v[2], sizeof m.address))
		return R_KEEP;
	snprintf(m.name, sizeof m.name, "%s", v[0]);
	snprintf(m.district, sizeof m.district, "%s", v[1]);
	snprintf(m.address, sizeof m.address, "%s", v[2]);
	int rc = S.edit_id ? store_market_update(a->db, &m, &err) : store_market_add(a->db, &m, &err);
	if (rc == SC_ERR_CONFLICT) { /* said in the interface's language */
		app_msg(a, 1, "%s", txf(msg, sizeof msg, T_MARKET_TAKEN, m.name, m.district));
		return R_KEEP;
	}
	if (rc != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	app_msg(a, 0, "%s", txf(msg, sizeof msg, S.edit_id ? T_MARKET_SAVED : T_MARKET_ADDED, m.name));
	load(a);
	for (int i = 0; i < S.n; i++)
		if (S.m[i].id == m.id)
			S.sel = i;
	return R_REDRAW;
}

static void open_form(struct app *a, const struct market_rec *m)
{
	const char *labels[] = { tx(T_F_NAME), tx(T_F_DISTRICT), tx(T_F_ADDRESS) };
	const char *init[] = { m ? m->name : NULL, m ? m->district : NULL, m ? m->address : NULL };
	S.edit_id = m ? m->id : 0;
	app_form(a, tx(m ? T_EDIT_MARKET : T_NEW_MARKET), NULL, 3, labels, m ? init : NULL, form_submit);
}

static int start(struct app *a)
{
	struct inspection_rec r;
	struct sc_err err;
	if (!S.m[S.sel].active) {
		app_msg(a, 1, "%s", tx(T_MARKET_INACTIVE));
		return R_REDRAW;
	}
	if (store_inspection_start(a->db, S.m[S.sel].id, a->tpl_id, a->set->inspector, NULL, &r,
				   &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	app_push(a, &screen_followup, r.id); /* open rectifications first, then the walk */
	return R_PUSH;
}

static int mk_handle(struct app *a, int action, int key)
{
	(void)key;
	int r = app_list_keys(action, &S.sel, S.n);
	if (r != R_NONE)
		return r;
	switch (action) {
	case A_ADD:
		open_form(a, NULL);
		return R_REDRAW;
	case A_NEW: /* new inspection, as on home: at the market selected */
		if (S.n == 0) {
			open_form(a, NULL);
			return R_REDRAW;
		}
		return start(a);
	case A_EDIT:
		if (S.n)
			open_form(a, &S.m[S.sel]);
		return R_REDRAW;
	case A_TOGGLE: { /* a market closed or merged: kept for its records, out of the way */
		struct sc_err err;
		char msg[300];
		if (!S.n)
			return R_NONE;
		struct market_rec m = S.m[S.sel];
		m.active = !m.active;
		if (store_market_update(a->db, &m, &err) != SC_OK) {
			app_msg(a, 1, "%s", err.msg);
			return R_REDRAW;
		}
		app_msg(a, 0, "%s", txf(msg, sizeof msg, m.active ? T_MARKET_ON : T_MARKET_OFF, m.name));
		load(a);
		return R_REDRAW;
	}
	case A_STALLS:
		if (S.n == 0)
			return R_NONE;
		app_push(a, &screen_stalls, S.m[S.sel].id);
		return R_PUSH;
	case A_SELECT:
		if (S.n == 0) {
			app_msg(a, 1, "%s", tx(T_NO_MARKETS_SEL));
			return R_REDRAW;
		}
		return start(a);
	default:
		return R_NONE;
	}
}

static void mk_cleanup(void)
{
	free(S.m);
	memset(&S, 0, sizeof S);
}

static const int mk_acts[] = { A_SELECT, A_NEW, A_ADD, A_EDIT, A_TOGGLE, A_STALLS, A_NONE };
const struct screen screen_markets = { "markets", SC_LIST, mk_enter, mk_draw, mk_handle,
				       mk_resume, mk_cleanup, NULL, mk_acts };
