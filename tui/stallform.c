/* stallform: the add / edit stall form, used by the stall registry and by
 * quick-add during the walk. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/store.h"
#include "text.h"

static struct {
	int64_t market_id, edit_id;
	stall_done_fn done;
} F;

static int submit(struct app *a, char v[][256], int n)
{
	struct stall_rec s;
	struct sc_err err;
	int rc;
	char m[256];
	(void)n;
	memset(&s, 0, sizeof s);
	if (F.edit_id && store_stall_get(a->db, F.edit_id, &s, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	s.market_id = F.market_id;
	if (!F.edit_id)
		s.active = 1;
	snprintf(s.code, sizeof s.code, "%s", v[0]);
	snprintf(s.vendor, sizeof s.vendor, "%s", v[1]);
	snprintf(s.type, sizeof s.type, "%s", v[2]);
	if (!s.code[0] || strlen(v[0]) >= sizeof s.code) {
		app_msg(a, 1, "%s: 1..%d", tx(T_F_CODE), (int)sizeof s.code - 1);
		return R_KEEP;
	}
	rc = F.edit_id ? store_stall_update(a->db, &a->cl, &s, &err)
		       : store_stall_add(a->db, &a->cl, &s, &err);
	if (rc != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	app_msg(a, 0, "%s", txf(m, sizeof m, F.edit_id ? T_STALL_SAVED : T_STALL_ADDED, s.code));
	return F.done ? F.done(a, s.id) : R_REDRAW;
}

void stallform_open(struct app *a, int64_t market_id, int64_t edit_id, stall_done_fn done)
{
	const char *labels[] = { tx(T_F_CODE), tx(T_F_VENDOR), tx(T_F_TYPE) };
	const char *init[3] = { NULL, NULL, NULL };
	struct stall_rec s;
	struct sc_err err;
	char types[256] = "", hint[300];

	F.market_id = market_id;
	F.edit_id = edit_id;
	F.done = done;
	if (edit_id && store_stall_get(a->db, edit_id, &s, &err) == SC_OK) {
		init[0] = s.code;
		init[1] = s.vendor;
		init[2] = s.type;
	}
	for (int i = 0; i < a->cl.ntypes; i++) {
		size_t len = strlen(types);
		snprintf(types + len, sizeof types - len, "%s%s", i ? " " : "", a->cl.types[i].code);
	}
	txf(hint, sizeof hint, T_TYPES_HINT, types);
	app_form(a, tx(edit_id ? T_EDIT_STALL : T_NEW_STALL), hint, 3, labels, init, submit);
}
