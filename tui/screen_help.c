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
	int bh = n + 4 > h ? h : n + 4;
	draw_box(0, bx, bh, bw, ROLE_NORMAL);
	draw_text(1, bx + 2, bw - 4, ROLE_HEADER, tx(T_HELP_TITLE));
	int y = 2;
	for (int i = 1; i < A_COUNT && y < bh - 1; i++) {
		if (!(actions_scope(i) & (under_scopes | SC_GLOBAL)))
			continue;
		char k[40];
		draw_cell(k, sizeof k, actions_keys(i), 16);
		draw_textf(y++, bx + 2, bw - 4, ROLE_NORMAL, "%s %s  [%s]", k,
			   actions_help(i, a->lang), actions_name(i));
	}
}

static int help_handle(struct app *a, int action, int key)
{
	(void)a; (void)action; (void)key;
	return R_POP;
}

const struct screen screen_help = { "help", 0, help_enter, help_draw, help_handle, NULL, NULL };
