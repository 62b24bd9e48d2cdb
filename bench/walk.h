/* walk: a scripted inspection walk over the store API, shared by the
 * benchmarks (bench/benchtool.c) and the crash-safety test
 * (tests/test_crash.c). A walk is one new draft inspection of the first
 * market with one visited stall; answer number `seq` goes to item
 * seq % nitems (market-wide items first, then the stall's items), with a
 * verdict that changes from pass to fail and back, and the note "seq=N" so
 * a checker can tell which save it holds.
 * Header-only (static inline) so both programs build it without a library
 * change. */
#ifndef SC_BENCH_WALK_H
#define SC_BENCH_WALK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/db.h"
#include "core/photo.h"
#include "core/score.h"
#include "core/store.h"

struct walk {
	const struct checklist *cl;
	int64_t inspection, visit;
	int stall_type;
	int *items;               /* checklist indices, market-wide first; malloc'd */
	int nmarket, nitems;
	struct answer_rec *ans;   /* the place's answers, as the screen holds them */
	int nans;
	struct store_walk_score score; /* the scores the screen keeps (walk_reload) */
};

/* Start a walk: pin the template (cl + body), take the first market and its
 * first stall whose type has items (creating a market and a stall on an
 * empty database), start a draft inspection and visit the stall.
 * Free w->items with walk_free. */
static inline int walk_setup(struct db *db, const struct checklist *cl, const char *body,
			     struct walk *w, struct sc_err *err)
{
	struct market_rec *ms = NULL, m;
	struct stall_rec *ss = NULL, s;
	struct inspection_rec ir;
	struct visit_rec vr;
	int64_t tpl;
	int nm = 0, ns = 0, rc, i, type = -1;

	memset(w, 0, sizeof *w);
	w->cl = cl;
	if ((rc = store_template_pin(db, cl, body, &tpl, err)) ||
	    (rc = store_market_list(db, &ms, &nm, err)))
		return rc;
	if (nm > 0) {
		m = ms[0];
	} else {
		memset(&m, 0, sizeof m);
		snprintf(m.code, sizeof m.code, "BENCH");
		snprintf(m.name, sizeof m.name, "基准测试市场");
		if ((rc = store_market_add(db, &m, err))) {
			free(ms);
			return rc;
		}
	}
	free(ms);
	if ((rc = store_stall_list(db, m.id, 0, &ss, &ns, err)))
		return rc;
	w->items = malloc(sizeof *w->items * (size_t)(cl->nitems > 0 ? cl->nitems : 1));
	for (i = 0; i < ns && type < 0; i++) {
		int t = checklist_type_index(cl, ss[i].type);
		if (t >= 0 && checklist_items_for(cl, t, w->items) > 0) {
			s = ss[i];
			type = t;
		}
	}
	free(ss);
	if (type < 0 && cl->ntypes == 0)
		return sc_fail(err, SC_ERR_INVALID, "the checklist has no stall types");
	if (type < 0) {
		memset(&s, 0, sizeof s);
		s.market_id = m.id;
		snprintf(s.code, sizeof s.code, "B%03d", ns + 1);
		snprintf(s.vendor, sizeof s.vendor, "基准摊主");
		for (type = 0; type < cl->ntypes - 1; type++)
			if (checklist_items_for(cl, type, w->items) > 0)
				break;
		snprintf(s.type, sizeof s.type, "%s", cl->types[type].code);
		if ((rc = store_stall_add(db, cl, &s, err)))
			return rc;
	}
	w->stall_type = type;
	if ((rc = store_inspection_start(db, m.id, tpl, "基准", NULL, &ir, err)) ||
	    (rc = store_visit_add(db, ir.id, s.id, &vr, err)))
		return rc;
	w->inspection = ir.id;
	w->visit = vr.id;
	w->nmarket = checklist_items_for(cl, -1, w->items);
	w->nitems = w->nmarket + checklist_items_for(cl, type, w->items + w->nmarket);
	return w->nitems > 0 ? SC_OK : sc_fail(err, SC_ERR_INVALID, "the checklist has no items");
}

/* Item index (into w->items) and visit id that answer number seq goes to. */
static inline int walk_slot(const struct walk *w, long seq, int64_t *visit)
{
	int k = (int)(seq % w->nitems);
	*visit = k < w->nmarket ? 0 : w->visit;
	return k;
}

/* Save answer number seq as the walk does (store_answer_save_at: one
 * committed transaction, with the undo history it keeps). */
static inline int walk_save(struct db *db, const struct walk *w, long seq, struct sc_err *err)
{
	int64_t visit;
	const struct cl_item *it = &w->cl->items[w->items[walk_slot(w, seq, &visit)]];
	char note[32];

	snprintf(note, sizeof note, "seq=%ld", seq);
	return store_answer_save_at(db, w->cl, w->inspection, visit, visit ? w->stall_type : -1,
				    it->id, (seq / w->nitems) % 2 ? V_FAIL : V_PASS, 0, 0, note, NULL,
				    err);
}

/* What the walk screen reloads after each save (tui/screen_walk.c
 * reload_scores): the place's answers and photos, that place rescored. */
static inline int walk_reload(struct db *db, struct walk *w, long seq, struct sc_err *err)
{
	int64_t visit;
	int rc;

	walk_slot(w, seq, &visit);
	free(w->ans);
	w->ans = NULL;
	w->nans = 0;
	if ((rc = store_answer_list(db, w->inspection, visit, &w->ans, &w->nans, err)) == SC_OK) {
		struct photo_link *ph = NULL;
		int nph = 0;
		rc = photo_list(db, w->inspection, visit, NULL, &ph, &nph, err);
		free(ph);
	}
	if (rc == SC_OK)
		rc = store_walk_score_place(db, w->cl, w->inspection, visit, w->ans, w->nans, &w->score, err);
	return rc;
}

static inline void walk_free(struct walk *w)
{
	free(w->items);
	free(w->ans);
	store_walk_score_free(&w->score);
	w->items = NULL;
	w->ans = NULL;
}

#endif
