/* screen_stalls: the stall registry of one market: code, vendor, type;
 * add, edit, deactivate / reactivate, filter by code or type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "app.h"
#include "core/store.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

static struct {
	int64_t market_id;
	struct market_rec market;
	struct stall_rec *all;
	int nall;
	int *vis;          /* indices into all that pass the filter */
	int n, sel, top;
	int inactive;
	char filter[256];
} S;

static const char *type_name(struct app *a, const char *code)
{
	int t = checklist_type_index(&a->cl, code);
	return t < 0 ? code : checklist_name(&a->cl.types[t], a->lang);
}

static void load(struct app *a)
{
	struct sc_err err;
	free(S.all);
	free(S.vis);
	S.all = NULL;
	S.vis = NULL;
	S.nall = S.n = 0;
	if (store_stall_list(a->db, S.market_id, S.inactive, &S.all, &S.nall, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return;
	}
	S.vis = malloc(sizeof *S.vis * (size_t)(S.nall + 1));
	if (!S.vis)
		return;
	for (int i = 0; i < S.nall; i++) {
		const struct stall_rec *s = &S.all[i];
		if (S.filter[0] && !strcasestr(s->code, S.filter) && strcasecmp(s->type, S.filter) &&
		    !strstr(type_name(a, s->type), S.filter))
			continue;
		S.vis[S.n++] = i;
	}
	if (S.sel >= S.n)
		S.sel = S.n ? S.n - 1 : 0;
}

static int st_enter(struct app *a, int64_t market_id)
{
	struct sc_err err;
	S.market_id = market_id;
	S.sel = S.top = 0;
	S.filter[0] = 0;
	S.inactive = 0; /* each registry opens on its active stalls */
	if (store_market_get(a->db, market_id, &S.market, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_POP;
	}
	load(a);
	return R_NONE;
}

static void st_draw(struct app *a, int h, int w)
{
	char t[512];
	draw_text(0, 0, w, ROLE_TITLE, txf(t, sizeof t, T_STALLS_TITLE, S.market.name));
	if (S.filter[0])
		draw_textf(1, 0, w, ROLE_STATUS, "%s: %s", tx(T_F_FILTER), S.filter);
	int y0 = 2, rows = h - y0 - 1;
	if (S.n == 0)
		draw_text(y0, 2, w - 2, ROLE_MUTED, tx(T_STALLS_EMPTY));
	app_list_view(a, &S.sel, &S.top, S.n, y0, rows);
	for (int i = S.top; i < S.n && i - S.top < rows; i++) {
		const struct stall_rec *s = &S.all[S.vis[i]];
		char code[48], vendor[160], type[96];
		draw_cell(code, sizeof code, s->code, 8);
		draw_cell(vendor, sizeof vendor, s->vendor, 16);
		draw_cell(type, sizeof type, type_name(a, s->type), 20);
		draw_textf(y0 + i - S.top, 0, w, i == S.sel ? ROLE_SELECTED : s->active ? ROLE_NORMAL : ROLE_MUTED,
			   "%s %s %s %s %s", i == S.sel ? ">" : " ", code, vendor, type,
			   s->active ? "" : tx(T_INACTIVE));
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, tx(T_STALLS_KEYS));
}

static int after_save(struct app *a, int64_t id)
{
	load(a);
	for (int i = 0; i < S.n; i++)
		if (S.all[S.vis[i]].id == id)
			S.sel = i;
	return R_REDRAW;
}

static int filter_submit(struct app *a, char v[][256], int n)
{
	(void)n;
	snprintf(S.filter, sizeof S.filter, "%s", v[0]);
	S.sel = 0;
	load(a);
	return R_REDRAW;
}

static int st_handle(struct app *a, int action, int key)
{
	struct sc_err err;
	(void)key;
	int r = app_list_keys(action, &S.sel, S.n);
	if (r != R_NONE)
		return r;
	switch (action) {
	case A_ADD:
		stallform_open(a, S.market_id, 0, after_save);
		return R_REDRAW;
	case A_EDIT:
	case A_SELECT:
		if (S.n)
			stallform_open(a, S.market_id, S.all[S.vis[S.sel]].id, after_save);
		return R_REDRAW;
	case A_TOGGLE:
		if (S.n) {
			struct stall_rec s = S.all[S.vis[S.sel]];
			s.active = !s.active;
			if (store_stall_update(a->db, &a->cl, &s, &err) != SC_OK) {
				app_msg(a, 1, "%s", err.msg);
			} else {
				char m[200];
				after_save(a, s.id);
				app_msg(a, 0, "%s", txf(m, sizeof m, s.active ? T_STALL_ON : T_STALL_OFF, s.code));
			}
		}
		return R_REDRAW;
	case A_INACTIVE:
		S.inactive = !S.inactive;
		load(a);
		return R_REDRAW;
	case A_FILTER: {
		const char *labels[] = { tx(T_F_FILTER) };
		const char *init[] = { S.filter };
		app_form(a, tx(T_F_FILTER), NULL, 1, labels, init, filter_submit);
		return R_REDRAW;
	}
	default:
		return R_NONE;
	}
}

static void st_cleanup(void)
{
	free(S.all);
	free(S.vis);
	memset(&S, 0, sizeof S);
}

static const int st_acts[] = { A_ADD, A_SELECT, A_EDIT, A_TOGGLE, A_FILTER, A_INACTIVE, A_NONE };
const struct screen screen_stalls = { "stalls", SC_LIST, st_enter, st_draw, st_handle, NULL,
				      st_cleanup, NULL, st_acts };
