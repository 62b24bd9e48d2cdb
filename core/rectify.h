/* rectify: problems found, registered with a deadline (挂号) and closed by a
 * follow-up visit (销号); repeat findings linked to earlier ones. */
#ifndef SC_RECTIFY_H
#define SC_RECTIFY_H

#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"
#include "uuid.h"

struct rect_rec {
	int64_t id;
	char uuid[UUID_STR];
	int64_t inspection_id;     /* the inspection that found it */
	int64_t market_id;
	int64_t stall_id;          /* 0: market-wide */
	char stall_code[32];
	char area[24];
	char item_id[16];
	char category[24];
	int critical;
	char finding[256];
	int spots;
	char note[512];
	char opened_day[CLOCK_DAY];
	char deadline[CLOCK_DAY];
	char status[8];            /* open | closed */
	char closed_day[CLOCK_DAY];
	int repeats;
};

/* Register a rectification for every failed item of a just-finalized
 * inspection (called inside store_inspection_finalize's transaction). */
int rectify_register(struct db *db, const struct checklist *cl,
		     int64_t inspection_id, struct sc_err *err);

/* Open rectifications of a market, oldest deadline first (for the
 * follow-up walk, 回头看). Caller frees *out. */
int rectify_open_for_market(struct db *db, int64_t market_id, struct rect_rec **out,
			    int *n, struct sc_err *err);

/* Record a follow-up finding during (draft) inspection `inspection_id`:
 * fixed closes it (销号), not fixed keeps it open and counts a repeat. */
int rectify_followup(struct db *db, int64_t rect_id, int64_t inspection_id, int fixed,
		     const char *note, const char *actor, struct sc_err *err);

#endif
