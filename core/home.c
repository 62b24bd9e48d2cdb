/* home: queries for the home screen (see home.h). */
#include "home.h"

#include "sync.h"
#include "utf8.h"

static void today_row(sqlite3_stmt *st, void *elem)
{
	struct home_row *h = elem;
	store_inspection_row(st, &h->r);
	UTF8_COPY(h->market, db_col_text(st, STORE_INSPECTION_NCOLS));
	UTF8_COPY(h->stall_code, db_col_text(st, STORE_INSPECTION_NCOLS + 1));
}

int home_today(struct db *db, const char *device, const char *day,
	       struct home_row **out, int *n, struct sc_err *err)
{
	void *v = NULL;
	sqlite3_stmt *st = db_q(db, err, HOME_TODAY_SQL, "tt", device, day);
	int rc = db_collect(db, st, sizeof **out, today_row, &v, n, err);
	*out = v;
	return rc;
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
