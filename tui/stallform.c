/* stallform: the add / edit stall form, used by the stall registry and by
 * quick-add during the walk. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "core/store.h"
#include "text.h"

static struct {
	int64_t market_id, edit_id;
	stall_done_fn done;
	char types[1024];          /* the names the hint shows */
} F;

/* The type code for what was typed: a code, a name in either language,
 * or the start of one name ("熟食" for 熟食、卤味); else the text as given. */
static const char *type_code(const struct checklist *cl, const char *v)
{
	int hit = -1, hits = 0;
	size_t n = strlen(v);
	if (!n)
		return v;
	for (int i = 0; i < cl->ntypes; i++) {
		const struct cl_named *t = &cl->types[i];
		if (!strcasecmp(t->code, v))
			return t->code;
		for (int l = 0; l < LANG_COUNT; l++)
			if (t->name[l] && !strcasecmp(t->name[l], v))
				return t->code;
	}
	for (int i = 0; i < cl->ntypes; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			if (cl->types[i].name[l] && !strncasecmp(cl->types[i].name[l], v, n)) {
				hits++;
				hit = i;
				break;
			}
	return hits == 1 ? cl->types[hit].code : v;
}

static int submit(struct app *a, char v[][256], int n)
{
	struct stall_rec s;
	struct sc_err err;
	int rc;
	char m[1400];
	(void)n;
	memset(&s, 0, sizeof s);
	if (F.edit_id && store_stall_get(a->db, F.edit_id, &s, &err) != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	s.market_id = F.market_id;
	if (!F.edit_id)
		s.active = 1;
	if (!app_fits(a, tx(T_F_CODE), v[0], sizeof s.code) ||
	    !app_fits(a, tx(T_F_VENDOR), v[1], sizeof s.vendor))
		return R_KEEP;
	snprintf(s.code, sizeof s.code, "%s", v[0]);
	snprintf(s.vendor, sizeof s.vendor, "%s", v[1]);
	snprintf(s.type, sizeof s.type, "%s", type_code(&a->cl, v[2]));
	if (!s.code[0]) {
		app_msg(a, 1, "%s: 1..%d", tx(T_F_CODE), (int)sizeof s.code - 1);
		return R_KEEP;
	}
	if (checklist_type_index(&a->cl, s.type) < 0) { /* said in the interface's language */
		app_msg(a, 1, "%s", txf(m, sizeof m, T_UNKNOWN_TYPE, s.type, F.types));
		return R_KEEP;
	}
	rc = F.edit_id ? store_stall_update(a->db, &a->cl, &s, &err)
		       : store_stall_add(a->db, &a->cl, &s, &err);
	if (rc == SC_ERR_CONFLICT) {
		app_msg(a, 1, "%s", txf(m, sizeof m, T_CODE_TAKEN, s.code));
		return R_KEEP;
	}
	if (rc != SC_OK) {
		app_msg(a, 1, "%s", err.msg);
		return R_KEEP;
	}
	app_msg(a, 0, "%s", txf(m, sizeof m, F.edit_id ? T_STALL_SAVED : T_STALL_ADDED, s.code));
	return F.done ? F.done(a, s.id) : R_REDRAW;
}

/* A type as the form shows it: in zh the first part of its Chinese name,
 * which is enough to type (熟食 for 熟食、卤味); else its code. */
static const char *type_short(struct app *a, const struct cl_named *t, char *out, size_t sz)
{
	const char *show = a->lang == LANG_ZH && t->name[LANG_ZH] ? t->name[LANG_ZH] : t->code;
	size_t cut = strlen(show);
	for (const char *const *sep = (const char *const[]){ "、", "（", "(", "/", NULL }; *sep; sep++)
		if (strstr(show, *sep) && (size_t)(strstr(show, *sep) - show) < cut)
			cut = (size_t)(strstr(show, *sep) - show);
	snprintf(out, sz, "%.*s", (int)cut, show);
	return out;
}

void stallform_open(struct app *a, int64_t market_id, int64_t edit_id, stall_done_fn done)
{
	const char *labels[] = { tx(T_F_CODE), tx(T_F_VENDOR), tx(T_F_TYPE) };
	const char *init[3] = { NULL, NULL, NULL };
	struct stall_rec s;
	struct sc_err err;
	char hint[1100];

	char *types = F.types;
	types[0] = '\0';
	F.market_id = market_id;
	F.edit_id = edit_id;
	F.done = done;
	char cur[64];
	if (edit_id && store_stall_get(a->db, edit_id, &s, &err) == SC_OK) {
		int t = checklist_type_index(&a->cl, s.type);
		init[0] = s.code;
		init[1] = s.vendor;
		init[2] = t >= 0 ? type_short(a, &a->cl.types[t], cur, sizeof cur) : s.type;
	}
	for (int i = 0; i < a->cl.ntypes; i++) { /* Chinese names in zh (either is accepted) */
		char one[64];
		size_t len = strlen(types);
		snprintf(types + len, sizeof F.types - len, "%s%s", i ? " " : "",
			 type_short(a, &a->cl.types[i], one, sizeof one));
	}
	txf(hint, sizeof hint, T_TYPES_HINT, types);
	app_form(a, tx(edit_id ? T_EDIT_STALL : T_NEW_STALL), hint, 3, labels, init, submit);
}
