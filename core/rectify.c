/* rectify: registration of problems. (Filled in by the rectification work.) */
#include "rectify.h"

int rectify_register(struct db *db, const struct checklist *cl,
		     int64_t inspection_id, struct sc_err *err)
{
	(void)db; (void)cl; (void)inspection_id; (void)err;
	return SC_OK;
}
