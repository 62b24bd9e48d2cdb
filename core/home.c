/* home: queries for the home screen (see home.h). */
#include "home.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync.h"

static void today_row(sqlite3_stmt *st, void *elem)
{
	struct home_row *h = elem;
	h->r.id = sqlite3_column_int64(st, 0);
	snprintf(h->market, sizeof h->market, "%s", db_col_text(st, 1));
	snprintf(h->stall_code, sizeof h->stall_code, "%s", db_col_text(st, 2));
}

int home_today(struct db *db, const char *device, const char *day,
	       struct home_row **out, int *n, struct sc_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	st = db_q(db, err,
		  "SELECT i.id, m.name, COALESCE(s.code, '') FROM inspection i"
		  " JOIN market m ON m.id = i.market_id"
		  " LEFT JOIN visit v ON v.id = i.cursor_visit"
		  " LEFT JOIN stall s ON s.id = v.stall_id"
		  " WHERE i.device = ? AND (i.day = ? OR i.status = 'draft')"
		  " ORDER BY i.started_at DESC, i.id DESC LIMIT 200",
		  "tt", device, day);
	void *v;
	rc = db_collect(db, st, sizeof **out, today_row, &v, n, err);
	*out = v;
	if (rc)
		return rc;
	for (int i = 0; i < *n; i++) {
		int64_t id = (*out)[i].r.id;
		if ((rc = store_inspection_get(db, id, &(*out)[i].r, err)) != SC_OK) {
			free(*out);
			*out = NULL;
			*n = 0;
			return rc;
		}
	}
	return SC_OK;
}

int home_unsynced(struct db *db, int *n, char last_sync[CLOCK_TS], struct sc_err *err)
{
	return sync_unsent_inspections(db, n, last_sync, err);
}

int home_market_count(struct db *db, int *n, struct sc_err *err)
{
	int64_t v = 0;
	int rc = db_int(db, err, &v, "SELECT count(*) FROM market", "");
	*n = (int)v;
	return rc;
}
