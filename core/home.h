/* home: the queries behind the home screen of the full-screen program:
 * today's inspections on this device, what is not yet synced (the open
 * rectifications are rectify_count_open). Lists are malloc'd; the caller frees them. */
#ifndef SC_HOME_H
#define SC_HOME_H

#include <stdint.h>

#include "db.h"
#include "clock.h"
#include "store.h"

struct home_row {
	struct inspection_rec r;
	char market[STORE_NAME_MAX];
	char stall_code[32];      /* stall of the resume cursor, "" = market-wide */
};

/* Inspections of this device (?1) that are from `day` (?2) or still
 * drafts, newest first (the benchmark's raw floor runs this same text). */
#define HOME_TODAY_SQL \
	"SELECT " STORE_INSPECTION_COLS ", m.name, COALESCE(v.stall_code, '') FROM inspection i" \
	" JOIN market m ON m.id = i.market_id" \
	" LEFT JOIN visit v ON v.id = i.cursor_visit" \
	/* today's, and those waiting for this inspector whatever their \
	 * day: drafts, and records returned to be amended */ \
	" WHERE i.device = ? AND (i.day = ? OR i.status IN ('draft', 'returned'))" \
	" ORDER BY i.started_at DESC, i.id DESC LIMIT 200"

/* Inspections of this device that are from `day` or still drafts, newest
 * first. */
int home_today(struct db *db, const char *device, const char *day,
	       struct home_row **out, int *n, struct sc_err *err);

/* Finalized inspections not yet sent by sync, and when the last sync
 * ran ("" never). */
int home_unsynced(struct db *db, int *n, char last_sync[CLOCK_TS], struct sc_err *err);

/* Number of markets in the registry. */
int home_market_count(struct db *db, int *n, struct sc_err *err);

#endif
