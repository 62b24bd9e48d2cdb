/* screen_help: the key overlay, generated from the action table. */
#include "actions.h"
#include "app.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

/* Does the screen under the help take action i? Moving about and leaving
 * everywhere; the rest as the screen lists them (or its scopes say). */
static int takes(const struct screen *under, int i)
{
	switch (i) {
	case A_QUIT: case A_HELP: case A_BACK: case A_UP: case A_DOWN: case A_PGUP: case A_PGDN:
		return 1;
	}
	if (!under->acts)
		return (actions_scope(i) & (under->scopes | SC_GLOBAL)) != 0;
	for (const int *a = under->acts; *a; a++)
		if (*a == i)
			return 1;
	return 0;
}

static int help_enter(struct app *a, int64_t arg)
{
	(void)a;
	(void)arg;
	return R_NONE;
}

static void help_draw(struct app *a, int h, int w)
{
	/* the screen below stays visible around the box */
	const struct screen *under = a->stack[a->depth - 2];
	under->draw(a, h, w);
	int bw = w - 4 > 90 ? 90 : w - 4, bx = (w - bw) / 2;
	int n = 0;
	for (int i = 1; i < A_COUNT; i++)
		n += takes(under, i);
	/* the keys the screen reads itself, wrapped by display columns */
	const char *own = under->help ? under->help(a) : NULL;
	char lines[8][DRAW_WRAP_LINE];
	int nown = own ? draw_wrap(own, bw - 4, lines, 8, 0) : 0;
	/* two columns when one does not fit */
	int cols = n + nown + 3 > h && bw >= 60 ? 2 : 1;
	int per = (n + cols - 1) / cols;
	int bh = per + nown + 3 > h ? h : per + nown + 3;
	int cw = (bw - 4) / cols;
	draw_box(0, bx, bh, bw, ROLE_NORMAL);
	draw_text(1, bx + 2, bw - 4, ROLE_HEADER, tx(T_HELP_TITLE));
	for (int i = 0; i < nown; i++)
		draw_text(2 + i, bx + 2, bw - 4, ROLE_NORMAL, lines[i]);
	int k = 0, shown = 0, y0 = 2 + nown;
	int rows = bh - 3 - nown; /* item rows in the box */
	if (per > rows)
		rows--; /* cut: the last row says what is left out */
	for (int i = 1; i < A_COUNT; i++) {
		if (!takes(under, i))
			continue;
		int y = y0 + k % per, x = bx + 2 + (k / per) * cw;
		k++;
		if (y >= y0 + rows)
			continue;
		shown++;
		char key[40];
		draw_cell(key, sizeof key, actions_keys(i), cols == 2 ? 11 : 16);
		if (cols == 2)
			draw_textf(y, x, cw - 1, ROLE_NORMAL, "%s %s", key, actions_help(i, a->lang));
		else
			draw_textf(y, x, cw, ROLE_NORMAL, "%s %s  [%s]", key, actions_help(i, a->lang),
				   actions_name(i));
	}
	if (shown < n) { /* never cut without saying so */
		char m[160];
		draw_text(bh - 2, bx + 2, bw - 4, ROLE_MUTED, txf(m, sizeof m, T_HELP_CUT, n - shown));
	}
}

static int help_handle(struct app *a, int action, int key)
{
	(void)a; (void)action; (void)key;
	return R_POP;
}

const struct screen screen_help = { "help", 0, help_enter, help_draw, help_handle, NULL, NULL, NULL,
				    NULL };
