/* tplcache: pinned templates parsed once (see tplcache.h). */
#include "tplcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "template.h"

/* Entries are allocated one by one: the checklists handed out must not
 * move when the index grows (summary_build holds them all at once). */
const struct checklist *tplcache_lookup(int64_t id, void *ctx)
{
	struct tplcache *c = ctx;
	for (int i = 0; i < c->n; i++)
		if (c->v[i]->id == id)
			return c->v[i]->ok ? &c->v[i]->cl : NULL;
	if (c->n == c->cap) {
		int nc = c->cap ? c->cap * 2 : 8;
		void *p = realloc(c->v, (size_t)nc * sizeof *c->v);
		if (!p)
			return NULL;
		c->v = p;
		c->cap = nc;
	}
	struct tplcache_ent *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	c->v[c->n++] = e;
	struct sc_err err;
	char *body = NULL, name[64];
	e->id = id;
	snprintf(name, sizeof name, "template #%lld", (long long)id);
	if (store_template_body(c->db, id, &body, &err) == SC_OK
	    && template_load_text(body, name, &e->cl, NULL, &err) == SC_OK)
		e->ok = 1;
	else if (!c->problem[0])
		snprintf(c->problem, sizeof c->problem, "%s: %s", name, err.msg);
	free(body);
	return e->ok ? &e->cl : NULL;
}

void tplcache_clear(struct tplcache *c)
{
	for (int i = 0; i < c->n; i++) {
		if (c->v[i]->ok)
			checklist_clear(&c->v[i]->cl);
		free(c->v[i]);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}
