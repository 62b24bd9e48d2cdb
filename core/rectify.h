/* rectify: problems found, registered with a deadline (挂号) and closed by a
 * follow-up visit (销号). */
#ifndef SC_RECTIFY_H
#define SC_RECTIFY_H

#include <stdint.h>

#include "checklist.h"
#include "db.h"

/* Register a rectification for every failed item of a just-finalized
 * inspection (called inside store_inspection_finalize's transaction). */
int rectify_register(struct db *db, const struct checklist *cl,
		     int64_t inspection_id, struct sc_err *err);

#endif
