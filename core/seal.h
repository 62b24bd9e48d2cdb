/* seal: SHA-256 seals over the canonical form of a finalized inspection,
 * chained per device. */
#ifndef SC_SEAL_H
#define SC_SEAL_H

#include <stdint.h>

#include "db.h"

/* Compute and store the seal of a just-finalized inspection (called inside
 * store_inspection_finalize's transaction). */
int seal_inspection(struct db *db, int64_t inspection_id, struct sc_err *err);

#endif
