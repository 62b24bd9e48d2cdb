/* ack: the operator's acknowledgement, stored with a draft before it is
 * finalized (finalize seals it with the rest). */
#include "ack.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

int ack_set(struct db *db, int64_t inspection_id, int present, const char *operator_name,
	    const char *statement, struct sc_err *err)
{
	char status[16] = "", ts[CLOCK_TS];
	int rc;
	if ((rc = db_text(db, err, status, sizeof status, "SELECT status FROM inspection WHERE id = ?", "I",
			  inspection_id)))
		return rc;
	if (strcmp(status, "draft"))
		return sc_fail(err, SC_ERR_STATE, "the inspection is final: its acknowledgement is sealed");
	if (present) {
		if ((rc = store_check_name(N_("operator"), operator_name, err)) ||
		    (rc = store_check_note(N_("statement"), statement, err)))
			return rc;
	} else if (operator_name[0] || statement[0]) {
		return sc_fail(err, SC_ERR_INVALID, "an operator not present gives no name or statement");
	}
	clock_stamp(ts);
	return db_run(db, err, "INSERT INTO inspection_ack(inspection_id, operator, statement, present, at)"
		      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (inspection_id) DO UPDATE SET"
		      " operator = excluded.operator, statement = excluded.statement,"
		      " present = excluded.present, at = excluded.at", "IttIt",
		      inspection_id, operator_name, statement, (int64_t)(present != 0), ts);
}

int ack_get(struct db *db, int64_t inspection_id, struct ack_rec *out, struct sc_err *err)
{
	int r;
	sqlite3_stmt *st = db_q(db, err, "SELECT present, operator, statement, at FROM inspection_ack"
				" WHERE inspection_id = ?", "I", inspection_id);
	memset(out, 0, sizeof *out);
	if (!st)
		return err->code;
	r = db_step(db, st, err);
	if (r == 1) {
		out->present = sqlite3_column_int(st, 0);
		snprintf(out->operator_name, sizeof out->operator_name, "%s", db_col_text(st, 1));
		snprintf(out->statement, sizeof out->statement, "%s", db_col_text(st, 2));
		snprintf(out->at, sizeof out->at, "%s", db_col_text(st, 3));
	}
	db_done(db, st);
	return r == 1 ? SC_OK : r == 0 ? sc_fail(err, SC_ERR_NOTFOUND, "no acknowledgement") : err->code;
}
