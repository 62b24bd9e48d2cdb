/* tplcache: the checklists of templates pinned in the database, parsed once
 * each, for code that meets records made with several templates (the
 * summary and the exports). tplcache_lookup fits summary_tpl_fn. */
#ifndef SC_TPLCACHE_H
#define SC_TPLCACHE_H

#include <stdint.h>

#include "core/checklist.h"
#include "core/db.h"

struct tplcache {
	struct db *db;
	struct tplcache_ent { int64_t id; int ok; struct checklist cl; } **v;
	int n, cap;
	char problem[512];        /* the first template that would not load, "" */
};

/* The checklist of template row id, or NULL when it cannot be loaded (the
 * reason goes to c->problem). ctx is the struct tplcache (db set). */
const struct checklist *tplcache_lookup(int64_t id, void *ctx);

/* Free every parsed checklist (not the struct itself). */
void tplcache_clear(struct tplcache *c);

#endif
