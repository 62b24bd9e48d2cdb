/* ack: the market operator's acknowledgement of an inspection (市场开办方
 *签字), taken at finalize: the operator's name and an optional statement,
 * or the record that the operator was not present. Kept in inspection_ack
 * (schema v10), sealed with the inspection (seal.c), carried in sync
 * bundles (photo.c) and printed on the notice. */
#ifndef SC_ACK_H
#define SC_ACK_H

#include <stdint.h>

#include "clock.h"
#include "db.h"
#include "store.h"

struct ack_rec {
	int present;                       /* 0: the operator was not present */
	char operator_name[STORE_NAME_MAX]; /* "" when not present */
	char statement[STORE_NOTE_MAX];     /* may be "" */
	char at[CLOCK_TS];
};

/* Record the acknowledgement of draft inspection_id (replacing one given
 * before, e.g. at a finalize that was then cancelled). present: the name
 * is required (a name, store_check_name), the statement optional (a note,
 * store_check_note: at most STORE_NOTE_CHARS characters); not present: both must be empty. */
int ack_set(struct db *db, int64_t inspection_id, int present, const char *operator_name,
	    const char *statement, struct sc_err *err);

/* The acknowledgement of an inspection; SC_ERR_NOTFOUND when none was
 * taken (records finalized before it existed, or from the command line). */
int ack_get(struct db *db, int64_t inspection_id, struct ack_rec *out, struct sc_err *err);

#endif
