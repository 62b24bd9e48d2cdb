/* screen_photo: the photo picker of the walk (c on an answered item): the
 * JPEG and PNG files of the import folder ([photos] import_dir), newest
 * first, and a row to type a path instead. Enter attaches the one selected
 * to the item (core/photo.c) and goes back to the walk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "core/photo.h"
#include "core/utf8.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define PICK_MAX 500

static struct {
	int64_t insp, visit;
	char item[CL_ID_MAX];
	struct photo_file *f;
	int n, sel, top;
	char why[300];             /* why the folder is not listed, "" when it is */
} P;

void photo_pick_target(int64_t inspection_id, int64_t visit_id, const char *item_id)
{
	P.insp = inspection_id;
	P.visit = visit_id;
	UTF8_COPY(P.item, item_id);
}

static int attach(struct app *a, const char *path)
{
	struct sc_err err;
	struct photo_link *pl = NULL;
	char hash[PHOTO_HEX], m[600];
	int n = 0;
	if (photo_attach(a->db, P.insp, P.visit, P.item, path, hash, &err) != SC_OK) {
		app_msg(a, 1, "%s", txf(m, sizeof m, T_PHOTO_NOT, err.msg));
		return R_KEEP | R_REDRAW;
	}
	if (photo_list(a->db, P.insp, P.visit, P.item, &pl, &n, &err) != SC_OK)
		n = 0;
	free(pl);
	app_msg(a, 0, "%s", txf(m, sizeof m, T_PHOTO_ADDED, P.item, hash, n));
	return R_POP;
}

static int path_submit(struct app *a, char v[][256], int n)
{
	(void)n;
	return v[0][0] ? attach(a, v[0]) : R_KEEP | R_REDRAW;
}

static int pick_enter(struct app *a, int64_t arg)
{
	struct sc_err err;
	(void)arg;
	free(P.f);
	P.f = NULL;
	P.n = P.sel = P.top = 0;
	P.why[0] = '\0';
	if (!a->set->photo_import[0])
		snprintf(P.why, sizeof P.why, "%s", tx(T_PHOTO_NODIR));
	else if (photo_scan_dir(a->set->photo_import, PICK_MAX, &P.f, &P.n, &err) != SC_OK)
		txf(P.why, sizeof P.why, T_PHOTO_DIRBAD, err.msg);
	return R_NONE;
}

static void pick_draw(struct app *a, int h, int w)
{
	char t[600];
	(void)a;
	draw_text(0, 0, w, ROLE_TITLE, txf(t, sizeof t, T_PHOTO_TITLE, P.item,
					   a->set->photo_import[0] ? a->set->photo_import : "-"));
	if (P.why[0])
		draw_text(1, 0, w, ROLE_ERROR, P.why);
	int y0 = 2, rows = h - y0 - 1, n = P.n + 1; /* row 0: type a path */
	app_list_view(a, &P.sel, &P.top, n, y0, rows);
	for (int i = P.top; i < n && i - P.top < rows; i++) {
		int role = i == P.sel ? ROLE_SELECTED : ROLE_NORMAL;
		if (i == 0) {
			draw_textf(y0, 0, w, role, "%s %s", i == P.sel ? ">" : " ", tx(T_PHOTO_TYPE));
			continue;
		}
		const struct photo_file *f = &P.f[i - 1];
		char when[32], name[300];
		time_t mt = (time_t)f->mtime;
		struct tm tm;
		localtime_r(&mt, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		draw_cell(name, sizeof name, f->name, 40);
		draw_textf(y0 + i - P.top, 0, w, role, "%s %s %s %7.1f KB", i == P.sel ? ">" : " ", name, when,
			   (double)f->size / 1024.0);
	}
	draw_text(h - 1, 0, w, ROLE_MUTED, txf(t, sizeof t, T_PHOTO_KEYS, PHOTO_MAX_MB));
}

static int pick_handle(struct app *a, int action, int key)
{
	(void)key;
	int r = app_list_keys(action, &P.sel, P.n + 1);
	if (r != R_NONE)
		return r;
	switch (action) {
	case A_SELECT: {
		if (P.sel == 0) {
			const char *labels[] = { tx(T_F_PHOTO_PATH) };
			app_form(a, tx(T_F_PHOTO_PATH), NULL, 1, labels, NULL, path_submit);
			return R_REDRAW;
		}
		char path[4400];
		snprintf(path, sizeof path, "%s/%s", a->set->photo_import, P.f[P.sel - 1].name);
		return attach(a, path) & ~R_KEEP;
	}
	default:
		return R_NONE;
	}
}

static void pick_cleanup(void)
{
	free(P.f);
	memset(&P, 0, sizeof P);
}

static const int pick_acts[] = { A_SELECT, A_BACK, A_NONE };
const struct screen screen_photo = { "photo", SC_GLOBAL, pick_enter, pick_draw, pick_handle,
				     NULL, pick_cleanup, NULL, pick_acts };
