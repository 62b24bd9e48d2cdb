/* home: the queries behind the home screen of the full-screen program:
 * today's inspections on this device, what is not yet synced, open
 * rectifications due. Lists are malloc'd; the caller frees them. */
#ifndef SC_HOME_H
#define SC_HOME_H

#include <stdint.h>

#include "db.h"
#include "store.h"

struct home_row {
	struct inspection_rec r;
	char market[STORE_NAME_MAX];
	char stall_code[32];      /* stall of the resume cursor, "" = market-wide */
};

/* Inspections of this device that are from `day` or still drafts, newest
 * first. */
int home_today(struct db *db, const char *device, const char *day,
	       struct home_row **out, int *n, struct sc_err *err);

/* Final (and later) inspections of this device not yet synced. Sync does
 * not exist yet: every non-draft record of this device counts. */
int home_unsynced(struct db *db, const char *device, int *n, struct sc_err *err);

/* Open rectifications: those due on or before `day` and all open ones. */
int home_rectifications(struct db *db, const char *day, int *due, int *open,
			struct sc_err *err);

/* Number of markets in the registry. */
int home_market_count(struct db *db, int *n, struct sc_err *err);

#endif
