/* screen_finalize: the summary before an inspection becomes final (score,
 * band, failed items by category, critical failures, unanswered items) and
 * the confirmation. A final record is read-only; corrections are
 * amendments (see screen_walk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "app.h"
#include "core/ack.h"
#include "core/rectify.h"
#include "core/store.h"
#include "core/utf8.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

/* One line of the summary: every failure and every unanswered item gets
 * one, however many (the list scrolls). */
struct fin_line {
	char text[160];
	int role;
};

static struct {
	struct inspection_rec insp;
	struct market_score ms;
	struct market_rec market;
	struct checklist own;
	const struct checklist *cl;
	int visited, unanswered, unanswered_critical;
	struct fin_line *lines;
	int n, cap, top;
} F;

static void add(int role, const char *s)
{
	if (F.n == F.cap) {
		int cap = F.cap ? F.cap * 2 : 64;
		struct fin_line *v = realloc(F.lines, (size_t)cap * sizeof *v);
		if (!v)
			return; /* the list stops short; finalize still checks in core */
		F.lines = v;
		F.cap = cap;
	}
	utf8_copy(F.lines[F.n].text, sizeof F.lines[0].text, s); /* cut between characters */
	F.lines[F.n++].role = role;
}

static void release(void)
{
	if (F.cl == &F.own)
		checklist_clear(&F.own);
	F.cl = NULL;
	free(F.lines);
	F.lines = NULL;
	F.n = F.cap = 0;
}

/* The stall code of an answer's visit as inspected ("" market-wide). */
static const char *visit_code(const struct visit_rec *v, int nv, int64_t visit_id)
{
	for (int j = 0; j < nv; j++)
		if (v[j].id == visit_id)
			return v[j].stall_code;
	return "";
}

/* Where an item is: the stall code, or the market area's name. */
static const char *gap_place(struct app *a, const struct store_gap *g)
{
	const struct cl_item *it = &F.cl->items[g->item];
	if (g->visit_id)
		return g->stall_code;
	return it->area >= 0 && it->area < F.cl->nareas ? checklist_name(&F.cl->areas[it->area], a->lang)
							: tx(T_FIN_WHOLE);
}

/* Follow-up marks of this draft: they take effect with the finalize. */
static void add_followups(struct app *a)
{
	int n[3];
	if (app_followup_marks(a, F.insp.market_id, F.insp.id, n) == 0 &&
	    n[RECT_MARK_FIXED] + n[RECT_MARK_NOT_FIXED]) {
		char line[200];
		add(ROLE_HEADER, txf(line, sizeof line, T_FIN_FOLLOWUP, n[RECT_MARK_FIXED], n[RECT_MARK_NOT_FIXED]));
	}
}

static int fin_enter(struct app *a, int64_t id)
{
	struct sc_err err;
	struct visit_rec *v = NULL;
	struct answer_rec *an = NULL;
	struct store_gap *gap = NULL;
	int nv = 0, nan = 0, ngap = 0;
	release();
	F.top = 0;
	if (store_inspection_get(a->db, id, &F.insp, &err) != SC_OK ||
	    store_market_get(a->db, F.insp.market_id, &F.market, &err) != SC_OK ||
	    app_checklist_for(a, F.insp.template_id, &F.own, &F.cl, &err) != SC_OK ||
	    store_inspection_score(a->db, F.cl, id, &F.ms, NULL, NULL, &err) != SC_OK ||
	    store_visit_list(a->db, id, &v, &nv, &err) != SC_OK ||
	    store_answer_list(a->db, id, -1, &an, &nan, &err) != SC_OK ||
	    store_unanswered(a->db, F.cl, id, &gap, &ngap, &F.unanswered_critical, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		free(v);
		free(an);
		release();
		return R_POP;
	}
	/* a stall only passed through (no answer) is not visited: finalize drops it */
	F.visited = 0;
	for (int j = 0; j < nv; j++) {
		int answered = 0;
		for (int i = 0; i < nan && !answered; i++)
			answered = an[i].visit_id == v[j].id;
		F.visited += answered;
	}
	F.unanswered = ngap;

	char line[400];
	if (F.unanswered_critical && !F.cl->rules.allow_unanswered_critical)
		add(ROLE_CRITICAL, txf(line, sizeof line, T_FIN_GAP_CRIT, F.unanswered_critical));
	add_followups(a);
	add(ROLE_HEADER, tx(T_FIN_BYCAT));
	for (int c = 0; c < F.cl->ncategories; c++) {
		int count = 0;
		for (int i = 0; i < nan; i++) {
			int idx = checklist_item_index(F.cl, an[i].item_id);
			count += idx >= 0 && F.cl->items[idx].category == c && verdict_is_problem(an[i].verdict);
		}
		snprintf(line, sizeof line, "  %s: %d", checklist_name(&F.cl->categories[c], a->lang), count);
		add(count ? ROLE_FAIL : ROLE_NORMAL, line);
		/* every failure listed, several to a line, all reachable by scrolling */
		char ids[160] = "    ";
		for (int i = 0; i < nan; i++) {
			int idx = checklist_item_index(F.cl, an[i].item_id);
			if (idx < 0 || F.cl->items[idx].category != c || !verdict_is_problem(an[i].verdict))
				continue;
			const char *code = visit_code(v, nv, an[i].visit_id);
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
		if (!verdict_is_problem(an[i].verdict) || !an[i].critical)
			continue;
		int idx = checklist_item_index(F.cl, an[i].item_id);
		snprintf(line, sizeof line, "  %s %s %s %s", tx(T_CRIT_MARK), visit_code(v, nv, an[i].visit_id),
			 an[i].item_id, idx >= 0 ? checklist_text(&F.cl->items[idx], a->lang) : "");
		add(ROLE_CRITICAL, line);
	}
	/* every unanswered item by code, place and name; critical ones first */
	add(ROLE_HEADER, txf(line, sizeof line, T_FIN_GAPS, ngap));
	for (int crit = 1; crit >= 0; crit--)
		for (int i = 0; i < ngap; i++) {
			const struct cl_item *it = &F.cl->items[gap[i].item];
			if (gap[i].critical != crit)
				continue;
			snprintf(line, sizeof line, "  %s%s%s %s  %s", crit ? tx(T_CRIT_MARK) : "", crit ? " " : "",
				 it->id, gap_place(a, &gap[i]), checklist_text(it, a->lang));
			add(crit ? ROLE_CRITICAL : ROLE_NORMAL, line);
		}
	free(gap);
	free(v);
	free(an);
	return R_NONE;
}

static void fin_draw(struct app *a, int h, int w)
{
	char t[400], s[32];
	draw_text(0, 0, w, ROLE_TITLE, txf(t, sizeof t, T_FIN_TITLE, F.market.name));
	score_text(F.ms.score, "--", s, sizeof s);
	draw_text(2, 0, w, F.ms.critical_fails ? ROLE_CRITICAL : ROLE_HEADER,
		  txf(t, sizeof t, T_FIN_SCORE, s, score_band_name(&F.cl->rules, F.ms.band, a->lang), F.ms.critical_fails));
	draw_text(3, 0, w, ROLE_NORMAL, txf(t, sizeof t, T_FIN_COUNTS, F.visited, F.unanswered));
	int y0 = 5, rows = h - y0 - 1;
	for (int i = F.top; i < F.n && i - F.top < rows; i++)
		draw_text(y0 + i - F.top, 0, w, F.lines[i].role, F.lines[i].text);
	draw_text(h - 1, 0, w, ROLE_STATUS, tx(T_FIN_KEYS));
}

/* Finalize now (the acknowledgement is stored with the draft already). */
static int fin_commit(struct app *a)
{
	struct sc_err err;
	struct market_score ms;
	if (store_inspection_finalize(a->db, F.cl, F.insp.id, a->set->inspector, &ms, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_REDRAW;
	}
	char s[32], m[256];
	score_text(ms.score, "--", s, sizeof s);
	app_msg(a, 0, "%s", txf(m, sizeof m, T_FIN_DONE, s, score_band_name(&F.cl->rules, ms.band, a->lang)));
	release();
	return R_HOME;
}

/* The operator's acknowledgement, then the finalize; not present only
 * by answering y to the question. */
static int ack_store(struct app *a, int present, const char *name, const char *statement)
{
	struct sc_err err;
	if (ack_set(a->db, F.insp.id, present, name, statement, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP | R_REDRAW;
	}
	return fin_commit(a);
}

static int ack_absent(struct app *a, int yes)
{
	return yes ? ack_store(a, 0, "", "") : R_REDRAW;
}

static int ack_submit(struct app *a, char v[][256], int n)
{
	(void)n;
	if (!v[0][0] && !a->m_note_text[0]) {
		app_confirm(a, tx(T_ACK_ABSENT_Q), ack_absent);
		return R_KEEP | R_REDRAW; /* the question replaces the form */
	}
	if (!v[0][0]) {
		app_msg(a, 1, "%s", tx(T_ACK_NAME_FIRST));
		return R_KEEP | R_REDRAW;
	}
	if (!app_fits(a, tx(T_F_OPERATOR), v[0], STORE_NAME_MAX))
		return R_KEEP | R_REDRAW;
	return ack_store(a, 1, v[0], a->m_note_text);
}

static void ack_open(struct app *a)
{
	const char *labels[] = { tx(T_F_OPERATOR), tx(T_F_STATEMENT) };
	struct ack_rec k;
	struct sc_err err;
	const char *init[] = { "", "" };
	if (ack_get(a->db, F.insp.id, &k, &err) == SC_OK && k.present) /* a finalize taken back */
		init[0] = k.operator_name;
	app_form(a, tx(T_ACK_TITLE), tx(T_ACK_HINT), 2, labels, init, ack_submit);
	app_form_note(a, 1, init[0][0] ? k.statement : "");
}

static int fin_handle(struct app *a, int action, int key)
{
	(void)key;
	int r = app_list_keys(action, &F.top, F.n);
	if (r != R_NONE)
		return r;
	switch (action) {
	case A_CONFIRM: {
		if (F.unanswered_critical && !F.cl->rules.allow_unanswered_critical) {
			char m[200];
			app_msg(a, 1, "%s", txf(m, sizeof m, T_FIN_GAP_CRIT, F.unanswered_critical));
			return R_REDRAW;
		}
		ack_open(a);
		return R_REDRAW;
	}
	default:
		return R_NONE;
	}
}

static void fin_cleanup(void) { release(); }

static const int fin_acts[] = { A_CONFIRM, A_NONE };
const struct screen screen_finalize = { "finalize", SC_FINAL, fin_enter, fin_draw, fin_handle,
					NULL, fin_cleanup, NULL, fin_acts };
