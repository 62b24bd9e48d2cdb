/* lastvisit: the previous inspection's findings at one place (see lastvisit.h). */
#include "lastvisit.h"

#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "utf8.h"

int lastvisit_load(struct db *db, const struct checklist *cl, const struct inspection_rec *r,
		   int64_t stall_id, struct lastvisit *lv, struct sc_err *err)
{
	int rc;
	memset(lv, 0, sizeof *lv);
	lv->score = -1;
	if (stall_id > 0) {
		rc = review_prev_visit(db, r, stall_id, &lv->ins, &lv->visit, err);
		if (rc == SC_OK) {
			sqlite3_stmt *st = db_q(db, err, "SELECT coalesce(v.score, -1), v.band, i.day,"
						" coalesce(v.grade, ''), i.template_id FROM visit v JOIN inspection i ON i.id = v.inspection_id"
						" WHERE v.id = ?", "I", lv->visit);
			if (!st)
				return err->code;
			if ((rc = db_step(db, st, err)) == 1) {
				lv->score = sqlite3_column_double(st, 0);
				lv->band = band_from_code(db_col_text(st, 1));
				UTF8_COPY(lv->day, db_col_text(st, 2));
				UTF8_COPY(lv->grade, db_col_text(st, 3));
				lv->template_id = sqlite3_column_int64(st, 4);
			}
			db_done(db, st);
			rc = rc < 0 ? err->code : SC_OK;
		}
	} else {
		struct inspection_rec prev;
		rc = review_prev_inspection(db, r, &prev, err);
		if (rc == SC_OK) {
			lv->ins = prev.id;
			lv->score = prev.score;
			lv->band = prev.band;
			UTF8_COPY(lv->grade, prev.grade);
			lv->template_id = prev.template_id;
			UTF8_COPY(lv->day, prev.day);
		}
	}
	if (rc == SC_ERR_NOTFOUND) {
		memset(lv, 0, sizeof *lv);
		lv->score = -1;
		return SC_OK;
	}
	if (rc == SC_OK)
		rc = review_items(db, cl, lv->ins, lv->visit, 0, 0, &lv->items, &lv->nitems, err);
	if (rc != SC_OK)
		lastvisit_free(lv);
	return rc;
}

const struct review_item *lastvisit_item(const struct lastvisit *lv, const char *item_id)
{
	for (int i = 0; i < lv->nitems; i++)
		if (strcmp(lv->items[i].item_id, item_id) == 0)
			return &lv->items[i];
	return NULL;
}

void lastvisit_free(struct lastvisit *lv)
{
	free(lv->items);
	memset(lv, 0, sizeof *lv);
	lv->score = -1;
}

int lastvisit_repeats(const struct rect_rec *rects, int n, int64_t stall_id, const char *item_id)
{
	for (int i = 0; i < n; i++)
		if (rects[i].stall_id == stall_id && strcmp(rects[i].item_id, item_id) == 0)
			return rects[i].repeats;
	return 0;
}
