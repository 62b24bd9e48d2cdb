/* screen_help: the key overlay, generated from the action table. */
#include "actions.h"
#include "app.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

static unsigned under_scopes;

static int help_enter(struct app *a, int64_t arg)
{
	(void)arg;
	under_scopes = a->depth >= 2 ? a->stack[a->depth - 2]->scopes : 0;
	return R_NONE;
}

static void help_draw(struct app *a, int h, int w)
{
	/* the screen below stays visible around the box */
	a->stack[a->depth - 2]->draw(a, h, w);
	int bw = w - 4 > 90 ? 90 : w - 4, bx = (w - bw) / 2;
	int n = 0;
	for (int i = 1; i < A_COUNT; i++)
		if (actions_scope(i) & (under_scopes | SC_GLOBAL))
			n++;
	/* two columns when one does not fit */
	int cols = n + 3 > h && bw >= 76 ? 2 : 1;
	int per = (n + cols - 1) / cols;
	int bh = per + 3 > h ? h : per + 3;
	int cw = (bw - 4) / cols;
	draw_box(0, bx, bh, bw, ROLE_NORMAL);
	draw_text(1, bx + 2, bw - 4, ROLE_HEADER, tx(T_HELP_TITLE));
	int k = 0;
	for (int i = 1; i < A_COUNT; i++) {
		if (!(actions_scope(i) & (under_scopes | SC_GLOBAL)))
			continue;
		int y = 2 + k % per, x = bx + 2 + (k / per) * cw;
		k++;
		if (y >= bh - 1)
			continue;
		char key[40];
		draw_cell(key, sizeof key, actions_keys(i), cols == 2 ? 11 : 16);
		if (cols == 2)
			draw_textf(y, x, cw - 1, ROLE_NORMAL, "%s %s", key, actions_help(i, a->lang));
		else
			draw_textf(y, x, cw, ROLE_NORMAL, "%s %s  [%s]", key, actions_help(i, a->lang),
				   actions_name(i));
	}
}

static int help_handle(struct app *a, int action, int key)
{
	(void)a; (void)action; (void)key;
	return R_POP;
}

const struct screen screen_help = { "help", 0, help_enter, help_draw, help_handle, NULL, NULL };
