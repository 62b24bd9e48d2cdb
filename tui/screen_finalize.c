/* screen_finalize: the summary before an inspection becomes final (score,
 * band, failed items by category, critical failures, unanswered items) and
 * the confirmation. A final record is read-only; corrections are
 * amendments (see screen_walk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "core/store.h"
#include "core/utf8.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define LINES_MAX 400

static struct {
	struct inspection_rec insp;
	struct market_rec market;
	struct checklist own;
	const struct checklist *cl;
	struct market_score ms;
	int visited, unanswered;
	char lines[LINES_MAX][160];
	int roles[LINES_MAX];
	int n, top;
} F;

static void add(int role, const char *s)
{
	if (F.n < LINES_MAX) {
		utf8_copy(F.lines[F.n], sizeof F.lines[0], s); /* a long line is cut between characters */
		F.roles[F.n++] = role;
	}
}

static void release(void)
{
	if (F.cl == &F.own)
		checklist_clear(&F.own);
	F.cl = NULL;
}

static int fin_enter(struct app *a, int64_t id)
{
	struct sc_err err;
	struct visit_rec *v = NULL;
	struct answer_rec *an = NULL;
	struct stall_rec *st = NULL;
	int nv = 0, nan = 0, ns = 0;
	release();
	F.n = F.top = 0;
	if (store_inspection_get(a->db, id, &F.insp, &err) != SC_OK ||
	    store_market_get(a->db, F.insp.market_id, &F.market, &err) != SC_OK ||
	    app_checklist_for(a, F.insp.template_id, &F.own, &F.cl, &err) != SC_OK ||
	    store_inspection_score(a->db, F.cl, id, &F.ms, NULL, NULL, &err) != SC_OK ||
	    store_visit_list(a->db, id, &v, &nv, &err) != SC_OK ||
	    store_answer_list(a->db, id, -1, &an, &nan, &err) != SC_OK ||
	    store_stall_list(a->db, F.insp.market_id, 1, &st, &ns, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		free(v);
		free(an);
		release();
		return R_POP;
	}
	/* unanswered: items that apply at visited stalls and market-wide; a
	 * stall only passed through (no answer) is not visited, and finalize
	 * drops its visit */
	int applicable = 0;
	F.visited = 0;
	for (int j = 0; j < nv; j++) {
		int answered = 0;
		for (int i = 0; i < nan && !answered; i++)
			answered = an[i].visit_id == v[j].id;
		for (int k = 0; answered && k < ns; k++)
			if (st[k].id == v[j].stall_id) {
				int t = checklist_type_index(F.cl, st[k].type);
				int tmp[512];
				if (t >= 0 && F.cl->nitems <= 512)
					applicable += checklist_items_for(F.cl, t, tmp);
				F.visited++;
			}
	}
	for (int i = 0; i < F.cl->nitems; i++)
		applicable += F.cl->items[i].level == LEVEL_MARKET;
	F.unanswered = applicable - nan;

	char line[400];
	add(ROLE_HEADER, tx(T_FIN_BYCAT));
	for (int c = 0; c < F.cl->ncategories; c++) {
		int count = 0;
		for (int i = 0; i < nan; i++) {
			int idx = checklist_item_index(F.cl, an[i].item_id);
			count += idx >= 0 && F.cl->items[idx].category == c && an[i].verdict == V_FAIL;
		}
		snprintf(line, sizeof line, "  %s: %d", checklist_name(&F.cl->categories[c], a->lang), count);
		add(count ? ROLE_FAIL : ROLE_NORMAL, line);
		/* every failure listed, several to a line, all reachable by scrolling */
		char ids[160] = "    ";
		for (int i = 0; i < nan; i++) {
			int idx = checklist_item_index(F.cl, an[i].item_id);
			if (idx < 0 || F.cl->items[idx].category != c || an[i].verdict != V_FAIL)
				continue;
			const char *code = "";
			for (int j = 0; j < nv; j++)
				if (v[j].id == an[i].visit_id)
					for (int k = 0; k < ns; k++)
						if (st[k].id == v[j].stall_id)
							code = st[k].code;
			char one[80];
			snprintf(one, sizeof one, " %s%s%s", code, code[0] ? ":" : "", an[i].item_id);
			if (utf8_width(ids) + utf8_width(one) > 72 || strlen(ids) + strlen(one) >= sizeof ids) {
				add(ROLE_FAIL, ids);
				snprintf(ids, sizeof ids, "    ");
			}
			size_t len = strlen(ids);
			snprintf(ids + len, sizeof ids - len, "%s", one);
		}
		if (strlen(ids) > 4)
			add(ROLE_FAIL, ids);
	}
	add(ROLE_HEADER, tx(T_FIN_CRIT));
	for (int i = 0; i < nan; i++) {
		if (an[i].verdict != V_FAIL || !an[i].critical)
			continue;
		int idx = checklist_item_index(F.cl, an[i].item_id);
		const char *code = "";
		for (int j = 0; j < nv; j++)
			if (v[j].id == an[i].visit_id)
				for (int k = 0; k < ns; k++)
					if (st[k].id == v[j].stall_id)
						code = st[k].code;
		snprintf(line, sizeof line, "  %s %s %s %s", tx(T_CRIT_MARK), code, an[i].item_id,
			 idx >= 0 ? checklist_text(&F.cl->items[idx], a->lang) : "");
		add(ROLE_CRITICAL, line);
	}
	free(v);
	free(an);
	free(st);
	return R_NONE;
}

static void fin_draw(struct app *a, int h, int w)
{
	char t[400], s[32];
	draw_text(0, 0, w, ROLE_TITLE, txf(t, sizeof t, T_FIN_TITLE, F.market.name));
	score_text(F.ms.score, "--", s, sizeof s);
	draw_text(2, 0, w, F.ms.critical_fails ? ROLE_CRITICAL : ROLE_HEADER,
		  txf(t, sizeof t, T_FIN_SCORE, s, band_label(F.ms.band, a->lang), F.ms.critical_fails));
	draw_text(3, 0, w, ROLE_NORMAL, txf(t, sizeof t, T_FIN_COUNTS, F.visited, F.unanswered));
	int y0 = 5, rows = h - y0 - 1;
	for (int i = F.top; i < F.n && i - F.top < rows; i++)
		draw_text(y0 + i - F.top, 0, w, F.roles[i], F.lines[i]);
	draw_text(h - 1, 0, w, ROLE_STATUS, tx(T_FIN_KEYS));
}

static int fin_handle(struct app *a, int action, int key)
{
	struct sc_err err;
	struct market_score ms;
	(void)key;
	if (app_list_nav(action, &F.top, F.n))
		return R_REDRAW;
	switch (action) {
	case A_QUIT:
		return R_QUIT;
	case A_BACK:
		return R_POP;
	case A_CONFIRM: {
		if (store_inspection_finalize(a->db, F.cl, F.insp.id, a->set->inspector, &ms, &err) !=
		    SC_OK) {
			app_msg(a, 1, "%s", err.msg);
			return R_REDRAW;
		}
		char s[32], m[256];
		score_text(ms.score, "--", s, sizeof s);
		app_msg(a, 0, "%s", txf(m, sizeof m, T_FIN_DONE, s, band_label(ms.band, a->lang)));
		release();
		return R_HOME;
	}
	default:
		return R_NONE;
	}
}

static void fin_cleanup(void) { release(); }

static const int fin_acts[] = { A_CONFIRM, A_NONE };
const struct screen screen_finalize = { "finalize", SC_FINAL, fin_enter, fin_draw, fin_handle,
					NULL, fin_cleanup, NULL, fin_acts };
