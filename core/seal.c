/* seal: inspection seals. (Filled in by the sync and integrity work.) */
#include "seal.h"

int seal_inspection(struct db *db, int64_t inspection_id, struct sc_err *err)
{
	(void)db; (void)inspection_id; (void)err;
	return SC_OK;
}
