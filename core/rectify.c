/* rectify: registration of problems. (Filled in by the rectification work.) */
#include "rectify.h"

#include <stdlib.h>

int rectify_register(struct db *db, const struct checklist *cl,
		     int64_t inspection_id, struct sc_err *err)
{
	(void)db; (void)cl; (void)inspection_id; (void)err;
	return SC_OK;
}

int rectify_open_for_market(struct db *db, int64_t market_id, struct rect_rec **out,
			    int *n, struct sc_err *err)
{
	(void)db; (void)market_id; (void)err;
	*out = NULL;
	*n = 0;
	return SC_OK;
}

int rectify_followup(struct db *db, int64_t rect_id, int64_t inspection_id, int fixed,
		     const char *note, const char *actor, struct sc_err *err)
{
	(void)db; (void)rect_id; (void)inspection_id; (void)fixed; (void)note; (void)actor;
	return sc_fail(err, SC_ERR_STATE, "follow-ups are not built yet");
}
