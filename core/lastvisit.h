/* lastvisit: what the previous inspection found at one place of a walk (a
 * stall, or the market-wide items), loaded once when the walk reaches the
 * place: its verdicts and notes beside the items, and its score. Built on
 * review's previous-inspection lookups (review_prev_visit,
 * review_prev_inspection, review_items), so the walk and the review
 * drill-down agree on what "previous" is. */
#ifndef SC_LASTVISIT_H
#define SC_LASTVISIT_H

#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"
#include "rectify.h"
#include "review.h"
#include "store.h"

struct lastvisit {
	int64_t ins, visit;           /* the previous inspection / visit; ins 0: none */
	char day[CLOCK_DAY];          /* its day */
	double score;                 /* the stall's (or, market-wide, the market's) score, -1: none */
	int band;
	char grade[CL_ID_MAX + 8];    /* its named band, "" for the default three */
	int64_t template_id;          /* whose bands name the grade */
	struct review_item *items;    /* its answers at this place; malloc'd */
	int nitems;
};

/* The previous inspection of the place of walk r: stall_id > 0 a stall
 * (the latest finished inspection that visited it), 0 the market-wide
 * items (the latest finished inspection of the market). No previous one is
 * SC_OK with lv->ins 0. cl is the walk's template (items by id). */
int lastvisit_load(struct db *db, const struct checklist *cl, const struct inspection_rec *r,
		   int64_t stall_id, struct lastvisit *lv, struct sc_err *err);
/* Its answer to item_id, or NULL. */
const struct review_item *lastvisit_item(const struct lastvisit *lv, const char *item_id);
void lastvisit_free(struct lastvisit *lv);

/* The repeat count of the open rectification of item_id at stall_id (0:
 * market-wide) among rects[n] (rectify_open_for_market); 0 when none. */
int lastvisit_repeats(const struct rect_rec *rects, int n, int64_t stall_id, const char *item_id);

#endif
