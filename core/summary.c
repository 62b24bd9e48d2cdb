/* summary: computes the summary model of a period (see summary.h).
 * One pass over the period's inspections (index inspection_day), one
 * cached, prepared answer query and visit query per inspection (indexes
 * answer_inspection, visit's unique (inspection_id, stall_id)), and one
 * rectification query. Everything sorted at the end with full tie-breaks. */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "collate.h"
#include "grow.h"
#include "rectify.h"
#include "store.h"
#include "utf8.h"

#define SQL_INSPECTIONS \
	"SELECT i.id, i.uuid, i.market_id, i.template_id, i.inspector, i.day, i.status," \
	" i.score, i.band, i.critical_fails, m.uuid, m.name, m.district, t.tpl_id, t.version," \
	" coalesce(i.grade, '')" \
	" FROM inspection i JOIN market m ON m.id = i.market_id" \
	" JOIN template t ON t.id = i.template_id" \
	" WHERE i.day BETWEEN ? AND ? AND +i.status IN ('final','approved','returned')" \
	" ORDER BY i.day, m.name, i.id"

/* An inspection's answers as they come (index answer_inspection, no join,
 * no sort): the summary's figures do not depend on the order (its lists
 * are sorted with full tie-breaks), and each row's stall is found among
 * the inspection's visits, read once (struct vtab). The long CSV's walking
 * order, ORDER BY coalesce(v.seq, 0), a.item_id, is made in memory
 * (answers_walk): SQLite's sorter of whole rows was a fifth of the CSV. */
#define SQL_ANSWERS \
	"SELECT a.item_id, a.verdict, a.earned, a.possible, a.critical, a.spots, a.note," \
	" a.visit_id, a.id FROM answer a WHERE a.inspection_id = ?"

#define SQL_VISITS \
	"SELECT v.stall_id, v.stall_code, v.stall_type, v.score, v.band, v.critical_fails," \
	" coalesce(v.grade, ''), v.id, v.seq" \
	" FROM visit v" \
	" WHERE v.inspection_id = ?" /* in walking order (seq, id): sorted by vtab_load */

/* a visit an answer names that is not one of its inspection's */
#define SQL_VISIT_OTHER \
	"SELECT coalesce(stall_code, ''), coalesce(stall_type, ''), seq FROM visit WHERE id = ?"

#define SQL_FAILS \
	"SELECT count(*), coalesce(sum(critical), 0) FROM answer" \
	" WHERE inspection_id = ? AND verdict IN ('fail', 'corrected', 'partial')" \
	" AND coalesce(possible, 1) > 0"

#define SQL_RECTS \
	"SELECT r.uuid, r.market_id, m.name, m.district, coalesce(s.code, ''), r.item_id," \
	" r.category, r.critical, r.opened_day, r.deadline, r.status, coalesce(r.closed_day, '')," \
	" " RECTIFY_UNTIL_SQL("r") ", r.finding, r.finding_en, r.note, r.area_name, r.area_name_en" \
	" FROM rectification r JOIN market m ON m.id = r.market_id" \
	" LEFT JOIN stall s ON s.id = r.stall_id" \
	" WHERE r.id IN (SELECT id FROM rectification WHERE opened_day BETWEEN ?1 AND ?2" \
	" UNION ALL SELECT id FROM rectification WHERE closed_day >= ?1" \
	" UNION ALL SELECT id FROM rectification WHERE status = 'open' AND opened_day <= ?2)" \
	" ORDER BY r.opened_day, m.name, r.uuid"

/* ---------- text ---------- */

char *summary_clean(const char *s, char *out, size_t outsz)
{
	return utf8_clean(s, "\t\n\r", out, outsz);
}

char *summary_clean_dup(const char *s)
{
	return utf8_clean_dup(s, "\t\n\r");
}

/* ---------- helpers ---------- */

static int in_scope(const struct summary_scope *sc, int64_t market_id, const char *district)
{
	if (!sc)
		return 1;
	if (sc->district && sc->district[0] && strcmp(sc->district, district) != 0)
		return 0;
	if (sc->markets && sc->nmarkets > 0) {
		for (int i = 0; i < sc->nmarkets; i++)
			if (sc->markets[i] == market_id)
				return 1;
		return 0;
	}
	return 1;
}

static double col_score(sqlite3_stmt *st, int c)
{
	return sqlite3_column_type(st, c) == SQLITE_NULL ? -1 : sqlite3_column_double(st, c);
}

/* item ids of a checklist sorted for binary search (ids are compared
 * case-insensitively, as checklist_item_index does) */
struct itemidx {
	const struct checklist *cl;
	int *order;    /* item indexes sorted by id */
	char **basis;  /* [item * LANG_COUNT + lang]: the basis cleaned for a cell,
	                * once per item, not once per answer */
	int unique;    /* no two ids equal but for case: a match is the match */
	int next;      /* the item after the last one found: answers come in the
	                * checklist's order, so it is tried first */
};

static const struct checklist *cmp_cl; /* qsort has no context argument */

static int cmp_order(const void *pa, const void *pb)
{
	return strcasecmp(cmp_cl->items[*(const int *)pa].id, cmp_cl->items[*(const int *)pb].id);
}

static int itemidx_init(struct itemidx *x, const struct checklist *cl)
{
	x->cl = cl;
	x->order = malloc(((size_t)cl->nitems + 1) * sizeof *x->order);
	if (!x->order)
		return -1;
	for (int i = 0; i < cl->nitems; i++)
		x->order[i] = i;
	cmp_cl = cl;
	if (cl->nitems > 1)
		qsort(x->order, (size_t)cl->nitems, sizeof *x->order, cmp_order);
	x->unique = 1;
	for (int i = 1; i < cl->nitems; i++)
		if (cmp_order(&x->order[i - 1], &x->order[i]) == 0)
			x->unique = 0;
	x->next = 0;
	size_t nb = (size_t)cl->nitems * LANG_COUNT;
	if (!(x->basis = calloc(nb + 1, sizeof *x->basis)))
		return -1;
	for (size_t i = 0; i < nb; i++)
		if (!(x->basis[i] = summary_clean_dup(checklist_basis(&cl->items[i / LANG_COUNT],
								      (int)(i % LANG_COUNT)))))
			return -1;
	return 0;
}

static void itemidx_free(struct itemidx *x)
{
	for (int i = 0; x->basis && x->cl && i < x->cl->nitems * LANG_COUNT; i++)
		free(x->basis[i]);
	free(x->basis);
	free(x->order);
	x->basis = NULL;
	x->order = NULL;
}

static int itemidx_find(struct itemidx *x, const char *id)
{
	int lo = 0, hi = x->cl->nitems - 1;
	if (x->unique && x->next < x->cl->nitems && strcasecmp(id, x->cl->items[x->next].id) == 0)
		return x->next++;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int c = strcasecmp(id, x->cl->items[x->order[mid]].id);
		if (!c) {
			x->next = x->order[mid] + 1;
			return x->order[mid];
		}
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

/* a template used in the period, with maps to the summary's lists */
struct tplinfo {
	int64_t id;
	const struct checklist *cl;
	int *catmap;   /* template category -> summary category */
	int *itemmap;  /* template item -> summary item, -1 not yet */
	struct itemidx ix;
};

/* One visit of the inspection being read (SQL_VISITS), its texts as
 * stored ("" for NULL); foreign: another inspection's visit that one of
 * this inspection's answers names (kept so its rows read as the old join
 * read them). */
struct vref {
	int64_t id, seq, stall_id;
	char *code, *type, *grade;
	double score;
	int band, critical, foreign;
};

/* The visits of one inspection at a time: every answer row finds its
 * stall here instead of in a join per answer. */
struct vtab {
	struct vref *v;
	int n, cap, hint;
};

/* One answer row, its texts as stored, with its stall's (market-wide: "")
 * and its place in the walking order. */
struct arow {
	const char *item_id, *verdict, *note, *code, *type;
	size_t off[3]; /* kept rows: where item_id, verdict and note are in the text */
	int has_earned, has_possible, critical, spots;
	double earned, possible;
	int64_t seq;   /* coalesce(visit's seq, 0) */
	int64_t visit; /* its id, 0 none; and the answer's: the last tie-breaks */
	int64_t id;
};

/* An inspection's rows kept to be put in walking order; reused from one
 * inspection to the next. */
struct abuf {
	struct arow *rows;
	struct arow **order;
	int cap, capo;
	char *text;
	size_t used, size;
};

struct build {
	struct summary *s;
	struct tplinfo *tpls; int ntpls, captpls;
	int capm, capi, capc, capit, capst, capr, capin, capd, capcat, captype;
	int64_t *stall_ids; int nstall_ids, capsid;
	unsigned char **seen; int capseen; /* per item: markets (by index) where it failed */
	int (*each)(const struct sum_answer *a, void *ctx); /* summary_build_each's, or NULL */
	void *each_ctx;
	int capsev, capbasis, capgrade;
	struct vtab vt; /* the visits of the inspection being read */
	struct abuf ab; /* and its answers, for the long CSV's order */
};

/* Count fails failures under the tally named name[] (the same names in
 * every language make one row, across templates); -1 out of memory. */
static int tally_add(struct sum_tally **v, int *n, int *cap, const char *const name[LANG_COUNT],
		     int fails, int critical, int corrected)
{
	int i;
	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i].name[LANG_ZH], name[LANG_ZH]) &&
		    !strcmp((*v)[i].name[LANG_EN], name[LANG_EN]))
			break;
	if (i == *n) {
		if (grow_array(v, cap, *n, sizeof **v, 16))
			return -1;
		for (int l = 0; l < LANG_COUNT; l++)
			if (!((*v)[i].name[l] = summary_clean_dup(name[l])))
				return -1;
		(*n)++;
	}
	(*v)[i].fails += fails;
	(*v)[i].critical += critical;
	(*v)[i].corrected += corrected;
	return 0;
}

/* The row of s->grades of a band: its grade (a named band's code), else
 * its class; -1 for none. */
static int grade_find(const struct summary *s, const char *grade, int band)
{
	const char *code = grade && *grade ? grade : band == BAND_NONE ? NULL : band_code(band);
	for (int i = 0; code && i < s->ngrades; i++)
		if (strcmp(s->grades[i].code, code) == 0)
			return i;
	return -1;
}

/* Every band of the rules r (NULL: the default three) as a row of
 * s->grades, highest first, unless there already; -1 out of memory. */
static int grades_add(struct build *b, const struct cl_rules *r)
{
	struct summary *s = b->s;
	int n = r ? score_nbands(r) : BAND_COUNT - 1;
	for (int k = 1; k <= n; k++) {
		const char *code = r && r->nbands ? r->bands[k - 1].code : band_code(k);
		if (grade_find(s, code, BAND_NONE) >= 0)
			continue;
		if (grow_array(&s->grades, &b->capgrade, s->ngrades, sizeof *s->grades, 16))
			return -1;
		struct sum_band *g = &s->grades[s->ngrades++];
		memset(g, 0, sizeof *g);
		snprintf(g->code, sizeof g->code, "%s", code);
		for (int l = 0; l < LANG_COUNT; l++)
			if (!(g->name[l] = summary_clean_dup(r ? score_band_name(r, k, l) : band_label(k, l))))
				return -1;
	}
	return 0;
}

const char *summary_band_name(const struct summary *s, int grade, int band, int lang)
{
	return grade >= 0 && grade < s->ngrades ? s->grades[grade].name[lang] : band_label(band, lang);
}

static struct tplinfo *tpl_find(struct build *b, int64_t id)
{
	for (int i = 0; i < b->ntpls; i++)
		if (b->tpls[i].id == id)
			return &b->tpls[i];
	return NULL;
}

/* A code and its names in every language (the template's, else the code)
 * for a category or stall type entry; -1 out of memory. */
static int named_set(char *out, size_t outsz, char *name[LANG_COUNT], const char *code,
		     const struct cl_named *n)
{
	summary_clean(code, out, outsz);
	for (int l = 0; l < LANG_COUNT; l++)
		if (!(name[l] = summary_clean_dup(n ? checklist_name(n, l) : code)))
			return -1;
	return 0;
}

static int category_add(struct build *b, const char *code, const struct cl_named *n)
{
	struct summary *s = b->s;
	for (int i = 0; i < s->ncategories; i++)
		if (strcmp(s->categories[i].code, code) == 0)
			return i;
	if (grow_array(&s->categories, &b->capcat, s->ncategories, sizeof *s->categories, 16))
		return -1;
	struct sum_category *c = &s->categories[s->ncategories];
	return named_set(c->code, sizeof c->code, c->name, code, n) ? -1 : s->ncategories++;
}

/* A stall type's names for the reports, once per code (the template's
 * name, else the code). Index, or -1 out of memory. */
static int type_add(struct build *b, const char *code, const struct checklist *cl)
{
	struct summary *s = b->s;
	for (int i = 0; i < s->ntypes; i++)
		if (strcmp(s->types[i].code, code) == 0)
			return i;
	if (grow_array(&s->types, &b->captype, s->ntypes, sizeof *s->types, 16))
		return -1;
	struct sum_type *t = &s->types[s->ntypes];
	int k = cl ? checklist_type_index(cl, code) : -1;
	return named_set(t->code, sizeof t->code, t->name, code, k >= 0 ? &cl->types[k] : NULL)
		? -1 : s->ntypes++;
}

static int item_add(struct build *b, const char *id, const struct cl_item *it, int cat)
{
	struct summary *s = b->s;
	for (int i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].item_id, id) == 0) {
			if (s->items[i].category < 0 && cat >= 0)
				s->items[i].category = cat;
			return i;
		}
	if (grow_array(&s->items, &b->capit, s->nitems, sizeof *s->items, 16))
		return -1;
	struct sum_item *x = &s->items[s->nitems];
	summary_clean(id, x->item_id, sizeof x->item_id);
	x->category = cat;
	if (grow_array(&b->seen, &b->capseen, s->nitems, sizeof *b->seen, 16))
		return -1;
	b->seen[s->nitems] = calloc((size_t)s->nmarkets + 1, 1);
	if (!b->seen[s->nitems])
		return -1;
	for (int l = 0; l < LANG_COUNT; l++) {
		x->text[l] = summary_clean_dup(it ? checklist_text(it, l) : id);
		x->basis[l] = summary_clean_dup(it ? checklist_basis(it, l) : "");
		if (!x->text[l] || !x->basis[l])
			return -1;
	}
	return s->nitems++;
}

/* ---------- sorting ---------- */

/* qsort that accepts an empty (NULL) array */
static void sort(void *base, int n, size_t sz, int (*cmp)(const void *, const void *))
{
	if (base && n > 1)
		qsort(base, (size_t)n, sz, cmp);
}

static int cmp_score_desc(double a, double b)
{
	if (a < 0 && b < 0) return 0;
	if (a < 0) return 1;
	if (b < 0) return -1;
	return a > b ? -1 : a < b ? 1 : 0;
}

static int cmp_market(const void *pa, const void *pb)
{
	const struct sum_market *a = pa, *b = pb;
	int c = cmp_score_desc(a->score, b->score);
	if (!c) c = strcmp(a->name, b->name);
	if (!c) c = a->id < b->id ? -1 : a->id > b->id;
	return c;
}

static int cmp_item(const void *pa, const void *pb)
{
	const struct sum_item *a = pa, *b = pb;
	if (summary_item_ranked(a) != summary_item_ranked(b))
		return summary_item_ranked(a) ? -1 : 1;
	if (a->share != b->share)
		return a->share > b->share ? -1 : 1;
	if (a->fails != b->fails)
		return a->fails > b->fails ? -1 : 1;
	return strcmp(a->item_id, b->item_id);
}

static int cmp_inspector(const void *pa, const void *pb)
{
	const struct sum_inspector *a = pa, *b = pb;
	return collate_cmp(a->name, b->name);
}

static int cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
	return a < b ? -1 : a > b;
}

/* most failures first, then by name */
static int cmp_tally(const void *pa, const void *pb)
{
	const struct sum_tally *a = pa, *b = pb;
	if (a->fails != b->fails)
		return a->fails > b->fails ? -1 : 1;
	return strcmp(a->name[LANG_EN], b->name[LANG_EN]);
}

static int cmp_critical(const void *pa, const void *pb)
{
	const struct sum_critical *a = pa, *b = pb;
	/* inspections are already in (day, market name, id) order */
	if (a->inspection != b->inspection)
		return a->inspection < b->inspection ? -1 : 1;
	int c = strcmp(a->stall_code, b->stall_code);
	return c ? c : strcmp(a->item_id, b->item_id);
}

static int cmp_stall(const void *pa, const void *pb)
{
	const struct sum_stall *a = pa, *b = pb;
	if (a->inspection != b->inspection)
		return a->inspection < b->inspection ? -1 : 1;
	return strcmp(a->stall_code, b->stall_code);
}

/* ---------- the pieces ---------- */

static int period_fails(struct db *db, int64_t insp, int *fails, int *crit, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, SQL_FAILS, "I", insp);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int r = db_step(db, st, err);
	if (r == 1) {
		*fails = sqlite3_column_int(st, 0);
		*crit = sqlite3_column_int(st, 1);
	}
	db_done(db, st);
	return r < 0 ? (err ? err->code : SC_ERR_DB) : SC_OK;
}

/* totals of another period (the previous one) within the same scope */
static int period_totals(struct db *db, const char *from, const char *to,
			 const struct summary_scope *sc, struct sum_totals *t, struct sc_err *err)
{
	memset(t, 0, sizeof *t);
	int64_t *ids = NULL;
	int n = 0, cap = 0, rc = SC_OK, scored = 0;
	double sum = 0;
	sqlite3_stmt *st = db_q(db, err, SQL_INSPECTIONS, "tt", from, to);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int r;
	while ((r = db_step(db, st, err)) == 1) {
		if (!in_scope(sc, sqlite3_column_int64(st, 2), db_col_text(st, 12)))
			continue;
		if (grow_array(&ids, &cap, n, sizeof *ids, 16)) {
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			break;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
		double sc_ = col_score(st, 7);
		if (sc_ >= 0) {
			sum += sc_;
			scored++;
		}
	}
	db_done(db, st);
	if (r < 0)
		rc = err ? err->code : SC_ERR_DB;
	for (int i = 0; rc == SC_OK && i < n; i++) {
		int f = 0, c = 0;
		rc = period_fails(db, ids[i], &f, &c, err);
		t->fails += f;
		t->critical += c;
	}
	free(ids);
	t->inspections = n;
	t->mean = scored ? sum / scored : -1;
	return rc;
}

/* The market's place in s->markets, or -1. */
static int market_index(const struct summary *s, int64_t id)
{
	for (int k = 0; k < s->nmarkets; k++)
		if (s->markets[k].id == id)
			return k;
	return -1;
}

static int load_inspections(struct build *b, struct db *db, const struct summary_scope *sc,
			    struct sc_err *err)
{
	struct summary *s = b->s;
	sqlite3_stmt *st = db_q(db, err, SQL_INSPECTIONS, "tt", s->from, s->to);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int r, rc = SC_OK;
	while ((r = db_step(db, st, err)) == 1) {
		int64_t mid = sqlite3_column_int64(st, 2);
		if (!in_scope(sc, mid, db_col_text(st, 12)))
			continue;
		int mi = market_index(s, mid);
		if (mi < 0) {
			if (grow_array(&s->markets, &b->capm, s->nmarkets, sizeof *s->markets, 16)) {
				rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
				break;
			}
			struct sum_market *m = &s->markets[s->nmarkets];
			m->id = mid;
			summary_clean(db_col_text(st, 10), m->uuid, sizeof m->uuid);
			m->name = summary_clean_dup(db_col_text(st, 11));
			m->district = summary_clean_dup(db_col_text(st, 12));
			m->score = -1;
			mi = s->nmarkets++;
			if (!m->name || !m->district) {
				rc = SC_ERR_NOMEM;
				break;
			}
		}
		if (grow_array(&s->inspections, &b->capi, s->ninspections, sizeof *s->inspections, 16)) {
			rc = SC_ERR_NOMEM;
			break;
		}
		struct sum_inspection *x = &s->inspections[s->ninspections++];
		x->id = sqlite3_column_int64(st, 0);
		summary_clean(db_col_text(st, 1), x->uuid, sizeof x->uuid);
		x->template_id = sqlite3_column_int64(st, 3);
		x->market = mi;
		x->inspector = summary_clean_dup(db_col_text(st, 4));
		summary_clean(db_col_text(st, 5), x->day, sizeof x->day);
		summary_clean(db_col_text(st, 6), x->status, sizeof x->status);
		x->score = col_score(st, 7);
		x->band = band_from_code(db_col_text(st, 8));
		x->critical = sqlite3_column_int(st, 9);
		x->tpl_id = summary_clean_dup(db_col_text(st, 13));
		x->tpl_version = summary_clean_dup(db_col_text(st, 14));
		summary_clean(db_col_text(st, 15), x->grade_code, sizeof x->grade_code);
		if (!x->inspector || !x->tpl_id || !x->tpl_version) {
			rc = SC_ERR_NOMEM;
			break;
		}
	}
	db_done(db, st);
	if (rc == SC_ERR_NOMEM)
		return sc_fail(err, rc, "out of memory");
	if (r < 0)
		return err ? err->code : SC_ERR_DB;
	return SC_OK;
}

static int load_templates(struct build *b, summary_tpl_fn tpl, void *ctx, struct sc_err *err)
{
	struct summary *s = b->s;
	for (int i = 0; i < s->ninspections; i++) {
		int64_t id = s->inspections[i].template_id;
		if (tpl_find(b, id))
			continue;
		if (grow_array(&b->tpls, &b->captpls, b->ntpls, sizeof *b->tpls, 16))
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		struct tplinfo *t = &b->tpls[b->ntpls++];
		t->id = id;
		t->cl = tpl ? tpl(id, ctx) : NULL;
		if (!t->cl)
			continue;
		t->catmap = calloc((size_t)t->cl->ncategories + 1, sizeof *t->catmap);
		t->itemmap = malloc(((size_t)t->cl->nitems + 1) * sizeof *t->itemmap);
		if (!t->catmap || !t->itemmap)
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		for (int k = 0; k < t->cl->nitems; k++)
			t->itemmap[k] = -1;
		if (itemidx_init(&t->ix, t->cl))
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		for (int k = 0; k < t->cl->ncategories; k++) {
			t->catmap[k] = category_add(b, t->cl->categories[k].code, &t->cl->categories[k]);
			if (t->catmap[k] < 0)
				return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		}
		/* severity tiers in the template's order, failed or not */
		for (int k = 0; k < t->cl->nseverities; k++) {
			const char *name[LANG_COUNT];
			for (int l = 0; l < LANG_COUNT; l++)
				name[l] = checklist_name(&t->cl->severities[k], l);
			if (tally_add(&b->s->severities, &b->s->nseverities, &b->capsev, name, 0, 0, 0))
				return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		}
	}
	return SC_OK;
}

/* the category of an unknown item: "?" added on first use */
static int unknown_category(struct build *b)
{
	return category_add(b, "?", NULL);
}

static int alloc_market_cats(struct summary *s, struct sum_market *m)
{
	int n = s->ncategories + 1;
	double *e = realloc(m->cat_earned, (size_t)n * sizeof *e);
	if (e) m->cat_earned = e;
	double *p = realloc(m->cat_possible, (size_t)n * sizeof *p);
	if (p) m->cat_possible = p;
	int *f = realloc(m->cat_fails, (size_t)n * sizeof *f);
	if (f) m->cat_fails = f;
	return e && p && f ? 0 : -1;
}

/* The cleaned text of one answer row; room for any stored note with each
 * bad byte cleaned to U+FFFD. */
struct ans_text {
	char item[CL_ID_MAX * 3], verdict[16], code[96], type[72], note[STORE_NOTE_MAX * 3];
};

static void vtab_clear(struct vtab *vt)
{
	for (int i = 0; i < vt->n; i++) {
		free(vt->v[i].code);
		free(vt->v[i].type);
		free(vt->v[i].grade);
	}
	vt->n = vt->hint = 0;
}

static void vtab_free(struct vtab *vt)
{
	vtab_clear(vt);
	free(vt->v);
	memset(vt, 0, sizeof *vt);
}

static struct vref *vtab_add(struct vtab *vt, int64_t id, int64_t seq, const char *code, const char *type,
			     const char *grade)
{
	if (grow_array(&vt->v, &vt->cap, vt->n, sizeof *vt->v, 16))
		return NULL;
	struct vref *v = &vt->v[vt->n];
	memset(v, 0, sizeof *v);
	v->id = id;
	v->seq = seq;
	v->code = strdup(code);
	v->type = strdup(type);
	v->grade = strdup(grade);
	vt->n++; /* counted before the check: vtab_clear frees what was made */
	return v->code && v->type && v->grade ? v : NULL;
}

static int cmp_vref(const void *pa, const void *pb)
{
	const struct vref *a = pa, *b = pb;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Inspection insp's visits in walking order (seq, id), sorted here: a
 * few dozen rows, where ORDER BY made SQLite a temporary B-tree each. */
static int vtab_load(struct db *db, int64_t insp, struct vtab *vt, struct sc_err *err)
{
	vtab_clear(vt);
	sqlite3_stmt *st = db_q(db, err, SQL_VISITS, "I", insp);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int r, rc = SC_OK;
	while ((r = db_step(db, st, err)) == 1) {
		struct vref *v = vtab_add(vt, sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
					  db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 6));
		if (!v) {
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			break;
		}
		v->stall_id = sqlite3_column_int64(st, 0);
		v->score = col_score(st, 3);
		v->band = band_from_code(db_col_text(st, 4));
		v->critical = sqlite3_column_int(st, 5);
	}
	db_done(db, st);
	if (r < 0 && rc == SC_OK)
		rc = err ? err->code : SC_ERR_DB;
	sort(vt->v, vt->n, sizeof *vt->v, cmp_vref);
	return rc;
}

/* The visit of id among vt (rows come stall by stall: the last one found
 * is tried first); one not of this inspection is read and kept, a missing
 * one kept as the LEFT JOIN gave it (no stall, seq 0). NULL out of memory
 * or on a database error. */
static const struct vref *vtab_find(struct db *db, struct vtab *vt, int64_t id, struct sc_err *err)
{
	for (int k = 0; k < vt->n; k++) {
		int i = (vt->hint + k) % vt->n;
		if (vt->v[i].id == id) {
			vt->hint = i;
			return &vt->v[i];
		}
	}
	sqlite3_stmt *st = db_q(db, err, SQL_VISIT_OTHER, "I", id);
	if (!st)
		return NULL;
	struct vref *v = NULL;
	int r = db_step(db, st, err);
	if (r >= 0 && !(v = vtab_add(vt, id, r ? sqlite3_column_int64(st, 2) : 0, r ? db_col_text(st, 0) : "",
				     r ? db_col_text(st, 1) : "", "")))
		sc_fail(err, SC_ERR_NOMEM, "out of memory");
	db_done(db, st);
	if (v)
		v->foreign = 1;
	return v;
}

static void abuf_free(struct abuf *ab)
{
	free(ab->rows);
	free(ab->order);
	free(ab->text);
	memset(ab, 0, sizeof *ab);
}

/* t (len bytes) kept in ab's text: its offset, or -1 out of memory */
static long abuf_text(struct abuf *ab, const char *t, size_t len)
{
	if (ab->used + len + 1 > ab->size) {
		size_t sz = ab->size ? ab->size : 65536;
		while (ab->used + len + 1 > sz)
			sz *= 2;
		char *p = realloc(ab->text, sz);
		if (!p)
			return -1;
		ab->text = p;
		ab->size = sz;
	}
	memcpy(ab->text + ab->used, t, len);
	ab->text[ab->used + len] = 0;
	ab->used += len + 1;
	return (long)(ab->used - len - 1);
}

/* Row st of SQL_ANSWERS into r, its texts pointing into st's row (valid
 * until the next step) or, with ab, kept in ab's text (r->off). -1 out of
 * memory, or with err filled on a database error. */
static int arow_read(struct db *db, sqlite3_stmt *st, struct vtab *vt, struct abuf *ab, struct arow *r,
		     struct sc_err *err)
{
	const char **txt[] = { &r->item_id, &r->verdict, &r->note };
	const int col[] = { 0, 1, 6 };
	for (int i = 0; i < 3; i++) {
		*txt[i] = db_col_text(st, col[i]);
		long o = ab ? abuf_text(ab, *txt[i], (size_t)sqlite3_column_bytes(st, col[i])) : 0;
		if (o < 0)
			return sc_fail(err, SC_ERR_NOMEM, "out of memory"), -1;
		r->off[i] = (size_t)o;
	}
	r->has_earned = sqlite3_column_type(st, 2) != SQLITE_NULL;
	r->earned = sqlite3_column_double(st, 2);
	r->has_possible = sqlite3_column_type(st, 3) != SQLITE_NULL;
	r->possible = sqlite3_column_double(st, 3);
	r->critical = sqlite3_column_int(st, 4);
	r->spots = sqlite3_column_int(st, 5);
	r->code = r->type = "";
	r->seq = 0;
	r->visit = sqlite3_column_int64(st, 7);
	r->id = sqlite3_column_int64(st, 8);
	if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
		const struct vref *v = vtab_find(db, vt, r->visit, err);
		if (!v)
			return -1;
		r->code = v->code;
		r->type = v->type;
		r->seq = v->seq;
	}
	return 0;
}

static int cmp_arow(const void *pa, const void *pb)
{
	const struct arow *a = *(const struct arow *const *)pa, *b = *(const struct arow *const *)pb;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	int c = strcmp(a->item_id, b->item_id);
	if (c)
		return c;
	if (a->visit != b->visit)
		return a->visit < b->visit ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* p[0..n) in walking order. Rows come stall by stall (the index's visit
 * order, which is the walking order when visits were added as walked):
 * then each stall's few rows are sorted alone, by insertion (items come in
 * the checklist's order, close to their ids'); else all of them at once. */
static void arows_sort(struct arow **p, int n)
{
	for (int k = 1; k < n; k++)
		if (p[k]->seq < p[k - 1]->seq) {
			sort(p, n, sizeof *p, cmp_arow);
			return;
		}
	for (int i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && p[j]->seq == p[i]->seq; j++)
			;
		if (j - i > 64) {
			sort(p + i, j - i, sizeof *p, cmp_arow);
			continue;
		}
		for (int k = i + 1; k < j; k++) {
			struct arow *r = p[k];
			int m = k;
			for (; m > i && cmp_arow(&p[m - 1], &r) > 0; m--)
				p[m] = p[m - 1];
			p[m] = r;
		}
	}
}

/* Inspection insp's answers to take(), each with its stall (vt: the
 * inspection's visits); with ab, in walking order (market-wide items,
 * then stall by stall by seq, each by item id, as ORDER BY
 * coalesce(v.seq, 0), a.item_id; then by visit and answer id, rows SQLite
 * left in no set order), kept in ab until sorted; without, as they come,
 * held nowhere. */
static int answers_walk(struct db *db, int64_t insp, struct vtab *vt, struct abuf *ab,
			int (*take)(void *ctx, const struct arow *r), void *ctx, struct sc_err *err)
{
	struct arow one;
	int n = 0, r, rc = SC_OK;
	sqlite3_stmt *st = db_q(db, err, SQL_ANSWERS, "I", insp);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	if (ab)
		ab->used = 0;
	while ((r = db_step(db, st, err)) == 1) {
		if (ab && grow_array(&ab->rows, &ab->cap, n, sizeof *ab->rows, 16)) {
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			break;
		}
		struct arow *a = ab ? &ab->rows[n] : &one;
		if (arow_read(db, st, vt, ab, a, err)) {
			rc = err ? err->code : SC_ERR_DB;
			break;
		}
		n++;
		if (!ab && (rc = take(ctx, a)) != 0)
			break;
	}
	db_done(db, st);
	if (r < 0 && rc == SC_OK)
		rc = err ? err->code : SC_ERR_DB;
	if (rc != SC_OK || !ab)
		return rc;
	if (ab->capo < ab->cap) { /* as many as rows */
		struct arow **o = realloc(ab->order, (size_t)ab->cap * sizeof *o);
		if (!o)
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		ab->order = o;
		ab->capo = ab->cap;
	}
	for (int i = 0; i < n; i++) { /* the text has stopped moving */
		struct arow *a = &ab->rows[i];
		a->item_id = ab->text + a->off[0];
		a->verdict = ab->text + a->off[1];
		a->note = ab->text + a->off[2];
		ab->order[i] = a;
	}
	arows_sort(ab->order, n);
	for (int i = 0; i < n && rc == SC_OK; i++)
		rc = take(ctx, ab->order[i]);
	return rc;
}

/* summary_clean of s, or s itself when cleaning would copy it unchanged:
 * printable ASCII that fits (codes, ids, verdicts: most of a row's cells) */
static const char *clean_ref(const char *s, char *out, size_t outsz)
{
	size_t i = 0;
	while (i + 1 < outsz && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
		i++;
	return s[i] ? summary_clean(s, out, outsz) : s;
}

/* One answer row as the long CSV wants it. idx: the item's index in cl
 * found for the stored id (-1 none); looked up again when the cleaned id
 * differs, as the CSV names the cleaned one. */
static void answer_fill(const struct arow *r, const struct sum_inspection *x, const struct sum_market *m,
			const struct checklist *cl, struct itemidx *ix, int idx,
			struct ans_text *t, struct sum_answer *a)
{
	memset(a, 0, sizeof *a);
	a->insp = x;
	a->market = m;
	a->item_id = clean_ref(r->item_id, t->item, sizeof t->item);
	a->verdict = clean_ref(r->verdict, t->verdict, sizeof t->verdict);
	a->has_earned = r->has_earned;
	a->earned = r->earned;
	a->has_possible = r->has_possible;
	a->possible = r->possible;
	a->critical = r->critical;
	a->spots = r->spots;
	a->note = clean_ref(r->note, t->note, sizeof t->note);
	a->stall_code = clean_ref(r->code, t->code, sizeof t->code);
	a->stall_type = clean_ref(r->type, t->type, sizeof t->type);
	if (cl && a->item_id != r->item_id && strcmp(a->item_id, r->item_id) != 0)
		idx = itemidx_find(ix, a->item_id);
	const struct cl_item *it = cl && idx >= 0 ? &cl->items[idx] : NULL;
	a->category = it && it->category >= 0 && it->category < cl->ncategories
		? cl->categories[it->category].code : "?";
	a->area = it && !a->stall_code[0] && it->area >= 0 && it->area < cl->nareas
		? cl->areas[it->area].code : "";
	a->severity = it && it->severity >= 0 && it->severity < cl->nseverities
		? cl->severities[it->severity].code : "";
	for (int l = 0; l < LANG_COUNT; l++)
		a->basis[l] = it ? ix->basis[idx * LANG_COUNT + l] : "";
}

/* What scan_answers's rows need besides the build: their inspection, its
 * market and template, found once for all its answers */
struct scan {
	struct build *b;
	int ii;
	struct sum_inspection *x;
	struct sum_market *m;
	struct tplinfo *t;
	struct ans_text *txt;
	struct sc_err *err;
};

/* One answer counted into the summary (and handed to the long CSV). */
static int scan_answer(void *ctx, const struct arow *r)
{
	struct scan *sc = ctx;
	struct build *b = sc->b;
	struct summary *s = b->s;
	struct sc_err *err = sc->err;
	int ii = sc->ii;
	struct sum_inspection *x = sc->x;
	struct sum_market *m = sc->m;
	struct tplinfo *t = sc->t;
	const struct checklist *cl = t ? t->cl : NULL;
	const char *item_id = r->item_id;
	int v = verdict_from_name(r->verdict);
	int idx = cl ? itemidx_find(&t->ix, item_id) : -1;
	const struct cl_item *it = idx >= 0 ? &cl->items[idx] : NULL;
	int rc;
	if (b->each) { /* the same row to the long CSV: the period is read once */
		struct sum_answer a;
		answer_fill(r, x, m, cl, cl ? &t->ix : NULL, idx, sc->txt, &a);
		if ((rc = b->each(&a, b->each_ctx)) != 0)
			return rc;
	}
	int cat = it ? t->catmap[it->category] : unknown_category(b);
	int gi = it ? t->itemmap[idx] : -1;
	if (gi < 0) {
		gi = item_add(b, item_id, it, cat);
		if (it && gi >= 0)
			t->itemmap[idx] = gi;
	}
	if (cat < 0 || gi < 0)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	s->answers++;
	if (v != V_PASS && !verdict_is_problem(v))
		return SC_OK;
	double earned = r->earned;
	double possible = r->possible;
	/* informational (points = 0): listed with its item, never counted */
	int info = it ? it->points == 0 : r->has_possible && possible <= 0;
	m->cat_earned[cat] += earned;
	m->cat_possible[cat] += possible;
	s->categories[cat].earned += earned;
	s->categories[cat].possible += possible;
	struct sum_item *gitem = &s->items[gi];
	gitem->answered++;
	if (!verdict_is_problem(v))
		return SC_OK;
	int crit = r->critical;
	gitem->fails++;
	if (!b->seen[gi][x->market]) {
		b->seen[gi][x->market] = 1;
		gitem->markets++;
	}
	if (info)
		return SC_OK;
	const char *sev[LANG_COUNT], *basis[LANG_COUNT];
	for (int l = 0; l < LANG_COUNT; l++) {
		sev[l] = it ? checklist_severity(cl, it, l) : "";
		basis[l] = gitem->basis[l];
	}
	if ((*sev[LANG_ZH] || *sev[LANG_EN]) &&
	    tally_add(&s->severities, &s->nseverities, &b->capsev, sev, 1, crit, v == V_CORRECTED))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	if (tally_add(&s->bases, &s->nbases, &b->capbasis, basis, 1, crit, v == V_CORRECTED))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	m->fails++;
	m->cat_fails[cat]++;
	s->categories[cat].fails++;
	x->fails++;
	s->cur.fails++;
	if (!crit)
		return SC_OK;
	m->critical++;
	s->cur.critical++;
	if (grow_array(&s->criticals, &b->capc, s->ncriticals, sizeof *s->criticals, 16))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	struct sum_critical *c = &s->criticals[s->ncriticals++];
	c->inspection = ii;
	summary_clean(r->code, c->stall_code, sizeof c->stall_code);
	summary_clean(item_id, c->item_id, sizeof c->item_id);
	c->note = summary_clean_dup(r->note);
	for (int l = 0; l < LANG_COUNT; l++) {
		c->text[l] = strdup(gitem->text[l]);
		c->basis[l] = strdup(gitem->basis[l]);
	}
	if (!c->note || !c->text[0] || !c->text[1] || !c->basis[0] || !c->basis[1])
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	return SC_OK;
}

/* Inspection ii's answers (its visits already in b->vt); in walking
 * order only for the long CSV */
static int scan_answers(struct build *b, struct db *db, int ii, struct ans_text *txt, struct sc_err *err)
{
	struct sum_inspection *x = &b->s->inspections[ii];
	struct scan sc = { b, ii, x, &b->s->markets[x->market], tpl_find(b, x->template_id), txt, err };
	return answers_walk(db, x->id, &b->vt, b->each ? &b->ab : NULL, scan_answer, &sc, err);
}

/* The bands of inspection ii's template as rows of s->grades, and its row */
static int scan_grades(struct build *b, int ii, struct sc_err *err)
{
	struct sum_inspection *x = &b->s->inspections[ii];
	const struct tplinfo *t = tpl_find(b, x->template_id);
	if (grades_add(b, t && t->cl ? &t->cl->rules : NULL))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	x->grade = grade_find(b->s, x->grade_code, x->band);
	return SC_OK;
}

/* Inspection ii's visits into b->vt, and as the summary's stalls */
static int scan_visits(struct build *b, struct db *db, int ii, struct sc_err *err)
{
	struct summary *s = b->s;
	struct sum_inspection *x = &s->inspections[ii];
	const struct tplinfo *t = tpl_find(b, x->template_id);
	int rc = vtab_load(db, x->id, &b->vt, err);
	for (int k = 0; rc == SC_OK && k < b->vt.n; k++) {
		const struct vref *vr = &b->vt.v[k];
		if (grow_array(&s->stalls, &b->capst, s->nstalls, sizeof *s->stalls, 16)
		    || grow_array(&b->stall_ids, &b->capsid, b->nstall_ids, sizeof *b->stall_ids, 16))
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		b->stall_ids[b->nstall_ids++] = vr->stall_id;
		struct sum_stall *v = &s->stalls[s->nstalls++];
		v->inspection = ii;
		summary_clean(vr->code, v->stall_code, sizeof v->stall_code);
		summary_clean(vr->type, v->stall_type, sizeof v->stall_type);
		if ((v->type = type_add(b, v->stall_type, t ? t->cl : NULL)) < 0)
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		v->score = vr->score;
		v->band = vr->band;
		v->grade = grade_find(s, vr->grade, v->band);
		v->critical = vr->critical;
		x->stalls++;
		s->markets[x->market].stalls++;
		if (v->band == BAND_FAIL)
			s->below_pass++;
	}
	return rc;
}

static int load_rects(struct build *b, struct db *db, const struct summary_scope *sc,
		      struct sc_err *err)
{
	struct summary *s = b->s;
	const char *asof = s->rect_asof;
	sqlite3_stmt *st = db_q(db, err, SQL_RECTS, "tt", s->from, s->to);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int r, rc = SC_OK;
	while ((r = db_step(db, st, err)) == 1) {
		int64_t mid = sqlite3_column_int64(st, 1);
		if (!in_scope(sc, mid, db_col_text(st, 3)))
			continue;
		if (grow_array(&s->rects, &b->capr, s->nrects, sizeof *s->rects, 16)) {
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			break;
		}
		struct sum_rect *x = &s->rects[s->nrects++];
		summary_clean(db_col_text(st, 0), x->uuid, sizeof x->uuid);
		x->market = market_index(s, mid);
		x->market_name = summary_clean_dup(db_col_text(st, 2));
		summary_clean(db_col_text(st, 4), x->stall_code, sizeof x->stall_code);
		summary_clean(db_col_text(st, 5), x->item_id, sizeof x->item_id);
		summary_clean(db_col_text(st, 6), x->category, sizeof x->category);
		x->critical = sqlite3_column_int(st, 7);
		summary_clean(db_col_text(st, 8), x->opened_day, sizeof x->opened_day);
		summary_clean(db_col_text(st, 9), x->deadline, sizeof x->deadline);
		summary_clean(db_col_text(st, 10), x->status, sizeof x->status);
		summary_clean(db_col_text(st, 11), x->closed_day, sizeof x->closed_day);
		const char *until = db_col_text(st, 12);
		if (!strcmp(until, "0")) {
			free(x->market_name);
			memset(x, 0, sizeof *x);
			s->nrects--;
			continue;
		}
		x->opened = strcmp(x->opened_day, s->from) >= 0 && strcmp(x->opened_day, s->to) <= 0;
		x->closed = x->closed_day[0] && strcmp(x->closed_day, s->from) >= 0
			    && strcmp(x->closed_day, s->to) <= 0;
		x->carried = strcmp(until, s->to) <= 0;
		x->overdue = strcmp(x->opened_day, s->to) <= 0 && strcmp(x->deadline, asof) < 0
			     && (!x->closed_day[0] || strcmp(x->closed_day, asof) > 0)
			     && strcmp(until, s->to) > 0;
		x->listed = x->opened || x->closed || x->overdue;
		/* still open on the as-of day: a market's page lists it */
		int open = strcmp(x->opened_day, s->to) <= 0 && !x->carried
			   && (!x->closed_day[0] || strcmp(x->closed_day, asof) > 0);
		if (!x->listed && !open) {
			free(x->market_name);
			memset(x, 0, sizeof *x);
			s->nrects--;
			continue;
		}
		s->rect_opened += x->opened;
		s->rect_closed += x->closed;
		s->rect_overdue += x->overdue;
		x->finding[LANG_ZH] = summary_clean_dup(db_col_text(st, 13));
		x->finding[LANG_EN] = summary_clean_dup(db_col_text(st, 14));
		x->note = summary_clean_dup(db_col_text(st, 15));
		summary_clean(db_col_text(st, 16), x->area_name[LANG_ZH], sizeof x->area_name[LANG_ZH]);
		summary_clean(db_col_text(st, 17), x->area_name[LANG_EN], sizeof x->area_name[LANG_EN]);
		if (!x->market_name || !x->finding[LANG_ZH] || !x->finding[LANG_EN] || !x->note) {
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			break;
		}
	}
	db_done(db, st);
	if (r < 0 && rc == SC_OK)
		rc = err ? err->code : SC_ERR_DB;
	return rc;
}

/* markets' means and bands, inspectors, days, bands, then the final order */
static int finish(struct build *b, struct sc_err *err)
{
	struct summary *s = b->s;
	double sum = 0;
	int scored = 0;
	double *msum = calloc((size_t)s->nmarkets + 1, sizeof *msum);
	int *mn = calloc((size_t)s->nmarkets + 1, sizeof *mn);
	int *last = calloc((size_t)s->nmarkets + 1, sizeof *last);
	if (!msum || !mn || !last) {
		free(msum); free(mn); free(last);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	for (int i = 0; i < s->ninspections; i++) {
		struct sum_inspection *x = &s->inspections[i];
		s->markets[x->market].inspections++;
		last[x->market] = i;
		s->bands[x->band >= 0 && x->band < BAND_COUNT ? x->band : 0]++;
		if (x->grade >= 0)
			s->grades[x->grade].n++;
		if (x->score >= 0) {
			sum += x->score;
			scored++;
			msum[x->market] += x->score;
			mn[x->market]++;
		}
		/* inspectors */
		int k;
		for (k = 0; k < s->ninspectors; k++)
			if (strcmp(s->inspectors[k].name, x->inspector) == 0)
				break;
		if (k == s->ninspectors) {
			if (grow_array(&s->inspectors, &b->capin, s->ninspectors, sizeof *s->inspectors, 16))
				goto nomem;
			s->inspectors[k].name = strdup(x->inspector);
			if (!s->inspectors[k].name)
				goto nomem;
			s->ninspectors++;
		}
		struct sum_inspector *p = &s->inspectors[k];
		p->inspections++;
		if (x->score >= 0) /* mean kept as running sum until the end */
			p->mean = (p->mean < 0 ? 0 : p->mean) + x->score;
		/* days (inspections come in day order) */
		if (!s->ndays || strcmp(s->days[s->ndays - 1].day, x->day) != 0) {
			if (grow_array(&s->days, &b->capd, s->ndays, sizeof *s->days, 16))
				goto nomem;
			memcpy(s->days[s->ndays].day, x->day, CLOCK_DAY);
			s->ndays++;
		}
		struct sum_day *d = &s->days[s->ndays - 1];
		d->inspections++;
		if (x->score >= 0)
			d->mean = (d->inspections == 1 ? 0 : d->mean) + x->score;
	}
	s->cur.inspections = s->ninspections;
	s->cur.mean = scored ? sum / scored : -1;
	s->markets_visited = s->nmarkets;
	s->visits = s->nstalls;

	/* turn running sums into means: count the scored ones again */
	for (int k = 0; k < s->ninspectors; k++) {
		int n = 0;
		for (int i = 0; i < s->ninspections; i++)
			if (s->inspections[i].score >= 0
			    && strcmp(s->inspections[i].inspector, s->inspectors[k].name) == 0)
				n++;
		s->inspectors[k].mean = n ? s->inspectors[k].mean / n : -1;
	}
	for (int k = 0; k < s->ndays; k++) {
		int n = 0;
		for (int i = 0; i < s->ninspections; i++)
			if (s->inspections[i].score >= 0 && strcmp(s->inspections[i].day, s->days[k].day) == 0)
				n++;
		s->days[k].mean = n ? s->days[k].mean / n : -1;
	}
	for (int k = 0; k < s->nmarkets; k++) {
		struct sum_market *m = &s->markets[k];
		/* the mean of stored scores, rounded once like any score; its band from that */
		m->score = mn[k] ? score_round(msum[k] / mn[k]) : -1;
		struct tplinfo *t = tpl_find(b, s->inspections[last[k]].template_id);
		m->grade = -1;
		if (m->score < 0) {
			m->band = BAND_NONE;
		} else if (t && t->cl) { /* a critical failure in the period fails it, as it fails an inspection */
			const struct cl_rules *r = &t->cl->rules;
			int band = score_band(r, m->score, m->critical);
			m->band = score_band_class(r, band);
			m->grade = grade_find(s, score_band_grade(r, band), m->band);
		} else {
			m->band = s->inspections[last[k]].band;
			m->grade = s->inspections[last[k]].grade;
		}
	}
	for (int k = 0; k < s->nitems; k++)
		s->items[k].share = s->items[k].answered
			? (double)s->items[k].fails / s->items[k].answered : 0;

	/* distinct stalls */
	sort(b->stall_ids, b->nstall_ids, sizeof *b->stall_ids, cmp_i64);
	for (int i = 0; i < b->nstall_ids; i++)
		if (i == 0 || b->stall_ids[i] != b->stall_ids[i - 1])
			s->stalls_inspected++;

	/* rank markets; remap the indexes that point at them */
	int *rank = malloc(((size_t)s->nmarkets + 1) * sizeof *rank);
	if (!rank)
		goto nomem;
	for (int k = 0; k < s->nmarkets; k++)
		s->markets[k].band |= k << 8; /* carry the old index through the sort */
	sort(s->markets, s->nmarkets, sizeof *s->markets, cmp_market);
	for (int k = 0; k < s->nmarkets; k++) {
		rank[s->markets[k].band >> 8] = k;
		s->markets[k].band &= 0xFF;
	}
	for (int i = 0; i < s->ninspections; i++)
		s->inspections[i].market = rank[s->inspections[i].market];
	for (int i = 0; i < s->nrects; i++)
		if (s->rects[i].market >= 0)
			s->rects[i].market = rank[s->rects[i].market];
	free(rank);
	sort(s->items, s->nitems, sizeof *s->items, cmp_item);
	sort(s->inspectors, s->ninspectors, sizeof *s->inspectors, cmp_inspector);
	sort(s->criticals, s->ncriticals, sizeof *s->criticals, cmp_critical);
	sort(s->bases, s->nbases, sizeof *s->bases, cmp_tally);
	sort(s->stalls, s->nstalls, sizeof *s->stalls, cmp_stall);
	free(msum); free(mn); free(last);
	return SC_OK;
nomem:
	free(msum); free(mn); free(last);
	return sc_fail(err, SC_ERR_NOMEM, "out of memory");
}

/* ---------- for reading the figures right ---------- */

/* the bands of the period's first template that has its checklist */
static void load_rules(struct build *b)
{
	for (int i = 0; i < b->ntpls; i++)
		if (b->tpls[i].cl) {
			b->s->pass_line = b->tpls[i].cl->rules.band_pass;
			b->s->good_line = b->tpls[i].cl->rules.band_good;
			return;
		}
}

/* the scope's markets by name, in the order given */
static int load_scope_names(struct db *db, struct summary *s, const struct summary_scope *sc,
			    struct sc_err *err)
{
	size_t len = 1;
	s->scope_names = calloc(1, 1);
	for (int i = 0; s->scope_names && sc && sc->markets && i < sc->nmarkets; i++) {
		char name[256], clean[768];
		int rc = db_text(db, err, name, sizeof name, "SELECT name FROM market WHERE id = ?", "I",
				 sc->markets[i]);
		if (rc != SC_OK)
			return rc;
		summary_clean(name, clean, sizeof clean);
		size_t n = strlen(clean) + (i ? strlen("、") : 0);
		char *p = realloc(s->scope_names, len + n);
		if (!p)
			break;
		snprintf(p + len - 1, n + 1, "%s%s", i ? "、" : "", clean);
		s->scope_names = p;
		len += n;
	}
	return s->scope_names ? SC_OK : sc_fail(err, SC_ERR_NOMEM, "out of memory");
}

/* The previous period once more, its inspections only (no answers): the
 * days it has data on, and each market's mean score and rank then, ranked
 * as this period's markets are. */
static int load_previous(struct db *db, struct summary *s, const struct summary_scope *sc,
			 struct sc_err *err)
{
	struct sum_market *pm = NULL;
	double *sum = NULL;
	int n = 0, cap = 0, capsum = 0, rc = SC_OK, r;
	char last[CLOCK_DAY] = "";
	sqlite3_stmt *st = db_q(db, err, SQL_INSPECTIONS, "tt", s->prev_from, s->prev_to);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	while ((r = db_step(db, st, err)) == 1) {
		int64_t mid = sqlite3_column_int64(st, 2);
		if (!in_scope(sc, mid, db_col_text(st, 12)))
			continue;
		if (strcmp(last, db_col_text(st, 5)) != 0) { /* rows come in day order */
			snprintf(last, sizeof last, "%s", db_col_text(st, 5));
			s->prev_days++;
		}
		double score = col_score(st, 7);
		if (score < 0)
			continue;
		int k = 0;
		while (k < n && pm[k].id != mid)
			k++;
		if (k == n) {
			if (grow_array(&pm, &cap, n, sizeof *pm, 16) || grow_array(&sum, &capsum, n, sizeof *sum, 16)) {
				rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
				break;
			}
			pm[n].id = mid;
			if (!(pm[n++].name = summary_clean_dup(db_col_text(st, 11)))) {
				rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
				break;
			}
		}
		sum[k] += score;
		pm[k].inspections++;
	}
	db_done(db, st);
	if (r < 0 && rc == SC_OK)
		rc = err ? err->code : SC_ERR_DB;
	for (int k = 0; k < n; k++)
		pm[k].score = score_round(sum[k] / pm[k].inspections);
	sort(pm, n, sizeof *pm, cmp_market);
	s->prev_ranked = rc == SC_OK ? n : 0;
	for (int j = 0; j < s->nmarkets; j++) {
		s->markets[j].prev_score = -1;
		for (int k = 0; rc == SC_OK && k < n; k++)
			if (pm[k].id == s->markets[j].id) {
				s->markets[j].prev_score = pm[k].score;
				s->markets[j].prev_rank = k + 1;
			}
	}
	for (int k = 0; k < n; k++)
		free(pm[k].name);
	free(pm);
	free(sum);
	return rc;
}

int summary_build(struct db *db, const char *from, const char *to,
		  const struct summary_scope *scope, summary_tpl_fn tpl, void *tpl_ctx,
		  summary_progress_fn progress, void *pctx,
		  struct summary **out, struct sc_err *err)
{
	return summary_build_each(db, from, to, scope, tpl, tpl_ctx, progress, pctx, NULL, NULL, out, err);
}

int summary_build_each(struct db *db, const char *from, const char *to,
		       const struct summary_scope *scope, summary_tpl_fn tpl, void *tpl_ctx,
		       summary_progress_fn progress, void *pctx,
		       int (*cb)(const struct sum_answer *a, void *ctx), void *cbctx,
		       struct summary **out, struct sc_err *err)
{
	struct ans_text *txt = NULL;
	*out = NULL;
	if (!from || !to || !clock_day_valid(from) || !clock_day_valid(to))
		return sc_fail(err, SC_ERR_INVALID, "period: dates must be YYYY-MM-DD");
	if (strcmp(from, to) > 0)
		return sc_fail(err, SC_ERR_INVALID, "period: %s is after %s", from, to);
	struct build b;
	memset(&b, 0, sizeof b);
	struct summary *s = calloc(1, sizeof *s);
	if (!s)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	b.s = s;
	b.each = cb;
	b.each_ctx = cbctx;
	int rc = SC_OK;
	if (cb && !(txt = malloc(sizeof *txt))) {
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
		goto done;
	}
	snprintf(s->from, sizeof s->from, "%s", from);
	snprintf(s->to, sizeof s->to, "%s", to);
	int len = clock_day_diff(from, to) + 1;
	clock_day_add(from, -1, s->prev_to);
	clock_day_add(from, -len, s->prev_from);
	s->district = summary_clean_dup(scope && scope->district ? scope->district : "");
	s->scoped_markets = scope && scope->markets ? scope->nmarkets : 0;
	s->cur.mean = s->prev.mean = -1;
	s->period_days = len;
	{ /* rectifications count to the period's end, or today when the end is still ahead */
		char today[CLOCK_DAY];
		clock_today(today);
		snprintf(s->rect_asof, sizeof s->rect_asof, "%s", strcmp(s->to, today) < 0 ? s->to : today);
	}
	if (!s->district) {
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
		goto done;
	}
	if ((rc = load_inspections(&b, db, scope, err)) != SC_OK)
		goto done;
	if ((rc = load_templates(&b, tpl, tpl_ctx, err)) != SC_OK)
		goto done;
	load_rules(&b);
	if (unknown_category(&b) < 0) { /* reserve room; dropped if unused */
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
		goto done;
	}
	for (int k = 0; k < s->nmarkets; k++) {
		if (alloc_market_cats(s, &s->markets[k])) {
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			goto done;
		}
		memset(s->markets[k].cat_earned, 0, (size_t)s->ncategories * sizeof(double));
		memset(s->markets[k].cat_possible, 0, (size_t)s->ncategories * sizeof(double));
		memset(s->markets[k].cat_fails, 0, (size_t)s->ncategories * sizeof(int));
	}
	for (int i = 0; i < s->ninspections; i++) {
		if ((rc = scan_grades(&b, i, err)) != SC_OK || (rc = scan_visits(&b, db, i, err)) != SC_OK
		    || (rc = scan_answers(&b, db, i, txt, err)) != SC_OK)
			goto done;
		if (progress && (i % 16 == 15 || i == s->ninspections - 1))
			progress(i + 1, s->ninspections, pctx);
	}
	/* drop the "?" category when nothing fell in it (it is the last one) */
	{
		int q = s->ncategories - 1;
		struct sum_category *c = &s->categories[q];
		int used = c->possible > 0 || c->fails > 0;
		for (int k = 0; !used && k < s->nitems; k++)
			used = s->items[k].category == q;
		if (!used && strcmp(c->code, "?") == 0) {
			for (int l = 0; l < LANG_COUNT; l++)
				free(c->name[l]);
			memset(c, 0, sizeof *c);
			s->ncategories--;
		}
	}
	if ((rc = load_rects(&b, db, scope, err)) != SC_OK)
		goto done;
	if ((rc = finish(&b, err)) != SC_OK)
		goto done;
	if ((rc = period_totals(db, s->prev_from, s->prev_to, scope, &s->prev, err)) != SC_OK)
		goto done;
	if ((rc = load_previous(db, s, scope, err)) != SC_OK)
		goto done;
	rc = load_scope_names(db, s, scope, err);
done:
	free(txt);
	for (int i = 0; i < b.ntpls; i++) {
		free(b.tpls[i].catmap);
		free(b.tpls[i].itemmap);
		itemidx_free(&b.tpls[i].ix);
	}
	free(b.tpls);
	free(b.stall_ids);
	vtab_free(&b.vt);
	abuf_free(&b.ab);
	for (int i = 0; i < b.capseen; i++)
		free(b.seen[i]);
	free(b.seen);
	if (rc != SC_OK) {
		summary_free(s);
		return rc;
	}
	*out = s;
	return SC_OK;
}

void summary_free(struct summary *s)
{
	if (!s)
		return;
	free(s->district);
	free(s->scope_names);
	for (int i = 0; i < s->ncategories; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(s->categories[i].name[l]);
	free(s->categories);
	for (int i = 0; i < s->ntypes; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(s->types[i].name[l]);
	free(s->types);
	for (int i = 0; i < s->nmarkets; i++) {
		free(s->markets[i].name);
		free(s->markets[i].district);
		free(s->markets[i].cat_earned);
		free(s->markets[i].cat_possible);
		free(s->markets[i].cat_fails);
	}
	free(s->markets);
	for (int i = 0; i < s->ninspections; i++) {
		free(s->inspections[i].inspector);
		free(s->inspections[i].tpl_id);
		free(s->inspections[i].tpl_version);
	}
	free(s->inspections);
	for (int i = 0; i < s->ngrades; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(s->grades[i].name[l]);
	free(s->grades);
	for (int i = 0; i < s->ncriticals; i++) {
		free(s->criticals[i].note);
		for (int l = 0; l < LANG_COUNT; l++) {
			free(s->criticals[i].text[l]);
			free(s->criticals[i].basis[l]);
		}
	}
	free(s->criticals);
	for (int i = 0; i < s->nitems; i++)
		for (int l = 0; l < LANG_COUNT; l++) {
			free(s->items[i].text[l]);
			free(s->items[i].basis[l]);
		}
	free(s->items);
	for (int i = 0; i < s->nseverities; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(s->severities[i].name[l]);
	free(s->severities);
	for (int i = 0; i < s->nbases; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(s->bases[i].name[l]);
	free(s->bases);
	free(s->stalls);
	for (int i = 0; i < s->nrects; i++) {
		free(s->rects[i].market_name);
		free(s->rects[i].note);
		for (int l = 0; l < LANG_COUNT; l++)
			free(s->rects[i].finding[l]);
	}
	free(s->rects);
	for (int i = 0; i < s->ninspectors; i++)
		free(s->inspectors[i].name);
	free(s->inspectors);
	free(s->days);
	free(s);
}

/* ---------- streaming the answers ---------- */

/* summary_each_answer's state: the inspection being read */
struct each {
	const struct sum_inspection *x;
	const struct sum_market *m;
	const struct checklist *cl;
	struct itemidx ix;
	struct ans_text txt;
	int (*cb)(const struct sum_answer *a, void *ctx);
	void *ctx;
};

static int each_answer(void *ctx, const struct arow *r)
{
	struct each *e = ctx;
	struct sum_answer a;
	answer_fill(r, e->x, e->m, e->cl, &e->ix, e->cl ? itemidx_find(&e->ix, r->item_id) : -1, &e->txt, &a);
	return e->cb(&a, e->ctx);
}

int summary_each_answer(struct db *db, const struct summary *s, summary_tpl_fn tpl,
			void *tpl_ctx, int (*cb)(const struct sum_answer *a, void *ctx),
			void *ctx, struct sc_err *err)
{
	struct each *e = calloc(1, sizeof *e);
	struct vtab vt = { 0 };
	struct abuf ab = { 0 };
	int64_t last_tpl = -1;
	int rc = e ? SC_OK : sc_fail(err, SC_ERR_NOMEM, "out of memory");
	for (int i = 0; rc == SC_OK && i < s->ninspections; i++) {
		const struct sum_inspection *x = &s->inspections[i];
		if (x->template_id != last_tpl) {
			e->cl = tpl ? tpl(x->template_id, tpl_ctx) : NULL;
			last_tpl = x->template_id;
			itemidx_free(&e->ix);
			if (e->cl && itemidx_init(&e->ix, e->cl)) {
				rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
				break;
			}
		}
		e->x = x;
		e->m = &s->markets[x->market];
		e->cb = cb;
		e->ctx = ctx;
		if ((rc = vtab_load(db, x->id, &vt, err)) == SC_OK)
			rc = answers_walk(db, x->id, &vt, &ab, each_answer, e, err);
	}
	if (e)
		itemidx_free(&e->ix);
	free(e);
	vtab_free(&vt);
	abuf_free(&ab);
	return rc;
}
