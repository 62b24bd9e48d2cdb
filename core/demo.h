/* demo: realistic, reproducible demo data for people trying the program and
 * for the benchmarks. The same options give the same database content. */
#ifndef SC_DEMO_H
#define SC_DEMO_H

#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"

struct demo_opts {
	int markets;              /* number of markets (default 5) */
	int days;                 /* days of inspections (default 30) */
	char until[CLOCK_DAY];    /* last day, "" = today */
	uint64_t seed;            /* 0 is taken as 1 */
	double visit_rate;        /* chance a market is inspected on a day (0.8) */
	int stalls_min, stalls_max; /* stalls walked per inspection (35..45) */
};

/* Fill defaults for the fields left zero. */
void demo_defaults(struct demo_opts *o);

/* Progress: called after each generated day with done/total days. */
typedef void (*demo_progress_fn)(int done, int total, void *ctx);

/* Generate into an empty database (refused with SC_ERR_STATE if it already
 * holds markets): markets of 40-300 stalls, stall types in realistic
 * proportions, several inspectors, item failure rates that differ by item
 * and market and improve over time, a few critical failures, notes in
 * Chinese, reviews, returned and amended records, follow-ups of open
 * rectifications. Uses cl pinned as template body. */
int demo_generate(struct db *db, const struct checklist *cl, const char *body,
		  const struct demo_opts *o, demo_progress_fn progress, void *ctx,
		  struct sc_err *err);

#endif
