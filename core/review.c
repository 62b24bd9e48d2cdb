/* review: the supervisor's view of a day's records and the decisions on
 * them (see review.h). Queries are static SQL with bound parameters; the
 * list is sorted in C (a day holds tens of rows, a range a few thousand). */
#include "review.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rowsig.h"
#include "score.h"
#include "summary.h"
#include "utf8.h"

/* the columns' names for scripts (--sort, --columns), translated as headers */
static const char *const col_names[RCOL_COUNT] = {
	NC_("review column", "day"), NC_("review column", "market"), NC_("review column", "district"),
	NC_("review column", "inspector"), NC_("review column", "time"), NC_("review column", "stalls"),
	NC_("review column", "score"), NC_("review column", "band"), NC_("review column", "critical"),
	NC_("review column", "status")
};

const char *review_col_name(int col)
{
	return col >= 0 && col < RCOL_COUNT ? col_names[col] : "";
}

const char *review_col_label(int col, int lang)
{
	if (col < 0 || col >= RCOL_COUNT)
		return "";
	return sc_trc_lang(lang, "review column", col_names[col]);
}

int review_col_from_name(const char *s)
{
	for (int i = 0; s && i < RCOL_COUNT; i++)
		if (!strcmp(s, col_names[i]))
			return i;
	return -1;
}

void review_filter_init(struct review_filter *f, const char *day)
{
	memset(f, 0, sizeof *f);
	if (day)
		UTF8_COPY(f->from, day);
	f->sort = RCOL_TIME;
}

/* ---- the list ---- */

/* Superseded records are not what a review looks at as "previous". */
#define DONE_STATUS REVIEW_DONE_STATUS

static const char list_sql[] =
	"SELECT inspection.id, inspection.uuid, inspection.day, inspection.market_id, m.name,"
	" m.district, inspection.inspector, inspection.started_at,"
	" (SELECT count(*) FROM visit WHERE visit.inspection_id = inspection.id),"
	" coalesce(inspection.score, -1), inspection.band, inspection.critical_fails,"
	" inspection.status, coalesce(inspection.amends_uuid, ''), inspection.template_id,"
	" coalesce(inspection.grade, '')"
	" FROM inspection JOIN market m ON m.id = inspection.market_id"
	" WHERE inspection.day BETWEEN ?1 AND ?2"
	" AND (?3 = 0 OR inspection.market_id = ?3)"
	" AND (?4 = '' OR m.district = ?4)"
	" AND (?5 = '' OR inspection.inspector = ?5)"
	" AND (?6 = '' OR inspection.status = ?6)"
	" AND (?7 = '' OR inspection.band = ?7)"
	" AND (?8 = 0 OR inspection.critical_fails > 0)"
	" AND (?9 = '' OR m.name LIKE ?9 ESCAPE '\\' OR m.code LIKE ?9 ESCAPE '\\'"
	"  OR EXISTS (SELECT 1 FROM visit JOIN stall s ON s.id = visit.stall_id"
	"   WHERE visit.inspection_id = inspection.id"
	"   AND (s.code LIKE ?9 ESCAPE '\\' OR s.vendor LIKE ?9 ESCAPE '\\')))"
	" ORDER BY inspection.day, inspection.started_at, inspection.id";

static const char row_sql[] =
	"SELECT inspection.id, inspection.uuid, inspection.day, inspection.market_id, m.name,"
	" m.district, inspection.inspector, inspection.started_at,"
	" (SELECT count(*) FROM visit WHERE visit.inspection_id = inspection.id),"
	" coalesce(inspection.score, -1), inspection.band, inspection.critical_fails,"
	" inspection.status, coalesce(inspection.amends_uuid, ''), inspection.template_id,"
	" coalesce(inspection.grade, '')"
	" FROM inspection JOIN market m ON m.id = inspection.market_id"
	" WHERE inspection.id = ?";

static void list_row(sqlite3_stmt *st, void *elem)
{
	struct review_row *r = elem;
	r->id = sqlite3_column_int64(st, 0);
	UTF8_COPY(r->uuid, db_col_text(st, 1));
	UTF8_COPY(r->day, db_col_text(st, 2));
	r->market_id = sqlite3_column_int64(st, 3);
	UTF8_COPY(r->market, db_col_text(st, 4));
	UTF8_COPY(r->district, db_col_text(st, 5));
	UTF8_COPY(r->inspector, db_col_text(st, 6));
	UTF8_COPY(r->started_at, db_col_text(st, 7));
	r->stalls = sqlite3_column_int(st, 8);
	r->score = sqlite3_column_double(st, 9);
	r->band = band_from_code(db_col_text(st, 10));
	r->critical_fails = sqlite3_column_int(st, 11);
	UTF8_COPY(r->status, db_col_text(st, 12));
	UTF8_COPY(r->amends_uuid, db_col_text(st, 13));
	r->template_id = sqlite3_column_int64(st, 14);
	UTF8_COPY(r->grade, db_col_text(st, 15));
}

static int sort_col, sort_desc;

static int cmp_num(double a, double b)
{
	return a < b ? -1 : a > b;
}

/* Band order for sorting: good, pass, fail, none. */
static int band_rank(int b)
{
	return b == BAND_NONE ? 9 : b;
}

static int status_rank(const char *s)
{
	static const char *const order[] = { "draft", "final", "returned", "amended", "approved" };
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, order[i]))
			return i;
	return 9;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct review_row *a = pa, *b = pb;
	int c = 0;
	switch (sort_col) {
	case RCOL_DAY: c = strcmp(a->day, b->day); break;
	case RCOL_MARKET: c = strcmp(a->market, b->market); break;
	case RCOL_DISTRICT: c = strcmp(a->district, b->district); break;
	case RCOL_INSPECTOR: c = strcmp(a->inspector, b->inspector); break;
	case RCOL_TIME: c = strcmp(a->started_at, b->started_at); break;
	case RCOL_STALLS: c = cmp_num(a->stalls, b->stalls); break;
	case RCOL_SCORE: c = cmp_num(a->score, b->score); break;
	case RCOL_BAND: c = cmp_num(band_rank(a->band), band_rank(b->band)); break;
	case RCOL_CRITICAL: c = cmp_num(a->critical_fails, b->critical_fails); break;
	case RCOL_STATUS: c = cmp_num(status_rank(a->status), status_rank(b->status)); break;
	default: break;
	}
	if (sort_desc)
		c = -c;
	if (!c)
		c = strcmp(a->day, b->day);
	if (!c)
		c = strcmp(a->started_at, b->started_at);
	if (!c)
		c = cmp_num((double)a->id, (double)b->id);
	return c;
}

/* "%text%" with LIKE's wildcards escaped by '\'. */
static void like_pattern(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	if (!*s) {
		*out = 0;
		return;
	}
	out[o++] = '%';
	for (; *s && o + 3 < outsz; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '%';
	out[o] = 0;
}

int review_list(struct db *db, const struct review_filter *f, struct review_row **out,
		int *n, struct sc_err *err)
{
	char pat[2 * sizeof f->search + 4];
	struct review_row *v = NULL;
	int k = 0, rc;

	*out = NULL;
	*n = 0;
	if (!clock_day_valid(f->from) || (f->to[0] && !clock_day_valid(f->to)))
		return sc_fail(err, SC_ERR_INVALID, "review: '%s' is not a date (YYYY-MM-DD)",
			       clock_day_valid(f->from) ? f->to : f->from);
	if (f->band[0] && band_from_code(f->band) == BAND_NONE && strcmp(f->band, "none"))
		return sc_fail(err, SC_ERR_INVALID, "review: unknown band '%s' (good, pass, fail, none)",
			       f->band);
	if (f->status[0] && status_rank(f->status) == 9)
		return sc_fail(err, SC_ERR_INVALID, "review: unknown status '%s' (draft, final, "
			       "approved, returned, amended)", f->status);
	like_pattern(f->search, pat, sizeof pat);
	sqlite3_stmt *st = db_q(db, err, list_sql, "ttIttttit", f->from, f->to[0] ? f->to : f->from,
				f->market_id, f->district, f->inspector, f->status, f->band,
				f->critical_only, pat);
	void *vv;
	if ((rc = db_collect(db, st, sizeof *v, list_row, &vv, &k, err)))
		return rc;
	v = vv;
	sort_col = f->sort;
	sort_desc = f->desc;
	if (k > 1)
		qsort(v, (size_t)k, sizeof *v, row_cmp);
	*out = v;
	*n = k;
	return SC_OK;
}

int review_row_get(struct db *db, int64_t id, struct review_row *r, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, row_sql, "I", id);
	if (!st)
		return err->code;
	int rc = db_step(db, st, err);
	if (rc == 1) {
		memset(r, 0, sizeof *r);
		list_row(st, r);
	}
	db_done(db, st);
	if (rc < 0)
		return err->code;
	return rc ? SC_OK : sc_fail(err, SC_ERR_NOTFOUND, "no inspection with id %lld", (long long)id);
}

/* ---- drill-down ---- */

static const char visits_sql[] =
	"SELECT visit.id, visit.stall_id, visit.stall_code, visit.stall_vendor, visit.stall_type,"
	" visit.seq, coalesce(visit.score, -1), visit.band, visit.critical_fails, visit.done,"
	" coalesce(visit.grade, '')"
	" FROM visit"
	" WHERE visit.inspection_id = ? ORDER BY visit.seq, visit.id";
/* Each visit's figures from one pass over its answers, in visit id order
 * (three subqueries per visit read every answer three times). */
static const char visit_figures_sql[] =
	"SELECT visit_id,"
	" count(CASE WHEN verdict IN ('fail', 'corrected', 'partial')"
	"  AND coalesce(possible, 1) > 0 THEN 1 END),"
	" coalesce(sum(CASE WHEN possible > 0 THEN earned END), 0),"
	" coalesce(sum(CASE WHEN possible > 0 THEN possible END), 0)"
	" FROM answer WHERE visit_id IN (SELECT id FROM visit WHERE inspection_id = ?)"
	" GROUP BY visit_id ORDER BY visit_id";

static void visit_row(sqlite3_stmt *st, void *elem)
{
	struct review_visit *r = elem;
	r->id = sqlite3_column_int64(st, 0);
	r->stall_id = sqlite3_column_int64(st, 1);
	UTF8_COPY(r->code, db_col_text(st, 2));
	UTF8_COPY(r->vendor, db_col_text(st, 3));
	UTF8_COPY(r->type, db_col_text(st, 4));
	r->seq = sqlite3_column_int(st, 5);
	r->score = sqlite3_column_double(st, 6);
	r->band = band_from_code(db_col_text(st, 7));
	r->critical_fails = sqlite3_column_int(st, 8);
	r->done = sqlite3_column_int(st, 9);
	UTF8_COPY(r->grade, db_col_text(st, 10));
}

static int visit_by_id(const void *pa, const void *pb)
{
	const struct review_visit *a = *(struct review_visit *const *)pa, *b = *(struct review_visit *const *)pb;
	return a->id < b->id ? -1 : a->id > b->id;
}

int review_visits(struct db *db, int64_t inspection_id, struct review_visit **out,
		  int *n, struct sc_err *err)
{
	void *v;
	struct review_visit **by_id;
	sqlite3_stmt *st;
	int rc = db_collect(db, db_q(db, err, visits_sql, "I", inspection_id), sizeof **out,
			    visit_row, &v, n, err);
	*out = v;
	if (rc || *n == 0)
		return rc;
	/* the figures come in visit id order: walk the visits in that order */
	if (!(by_id = malloc(sizeof *by_id * (size_t)*n)))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < *n; i++)
		by_id[i] = &(*out)[i];
	qsort(by_id, (size_t)*n, sizeof *by_id, visit_by_id);
	if (!(st = db_q(db, err, visit_figures_sql, "I", inspection_id))) {
		rc = err->code;
	} else {
		int k = 0;
		while ((rc = db_step(db, st, err)) == 1) {
			int64_t id = sqlite3_column_int64(st, 0);
			while (k < *n && by_id[k]->id < id)
				k++;
			if (k < *n && by_id[k]->id == id) {
				by_id[k]->fails = sqlite3_column_int(st, 1);
				by_id[k]->earned = sqlite3_column_double(st, 2);
				by_id[k]->possible = sqlite3_column_double(st, 3);
			}
		}
		db_done(db, st);
		rc = rc < 0 ? err->code : SC_OK;
	}
	free(by_id);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static const char items_market_sql[] =
	"SELECT item_id, verdict, coalesce(earned, 0), coalesce(possible, 0), critical, spots, note"
	" FROM answer WHERE inspection_id = ? AND visit_id IS NULL";
static const char items_visit_sql[] =
	"SELECT item_id, verdict, coalesce(earned, 0), coalesce(possible, 0), critical, spots, note"
	" FROM answer WHERE visit_id = ?";

static sqlite3_stmt *items_query(struct db *db, int64_t ins, int64_t visit, struct sc_err *err)
{
	return visit > 0 ? db_q(db, err, items_visit_sql, "I", visit)
			 : db_q(db, err, items_market_sql, "I", ins);
}

static int item_order(const struct review_item *a)
{
	return a->item < 0 ? 1 << 20 : a->item;
}

static int items_market;

static int item_cmp(const void *pa, const void *pb)
{
	const struct review_item *a = pa, *b = pb;
	if (items_market) {
		/* by area (unknown areas last), then template order */
		int aa = a->area < 0 ? 1 << 20 : a->area, ab = b->area < 0 ? 1 << 20 : b->area;
		if (aa != ab)
			return aa < ab ? -1 : 1;
	}
	int oa = item_order(a), ob = item_order(b);
	if (oa != ob)
		return oa < ob ? -1 : 1;
	return strcmp(a->item_id, b->item_id);
}

static int change_of(const struct review_item *it)
{
	int now = it->verdict == V_PASS || verdict_is_problem(it->verdict);
	int was = it->prev_verdict == V_PASS || verdict_is_problem(it->prev_verdict);
	if (!now || !was)
		return CHG_NONE;
	if (it->earned != it->prev_earned)
		return it->earned > it->prev_earned ? CHG_BETTER : CHG_WORSE;
	/* a problem either time (fail, partial, corrected on site) at the same points: the same */
	if ((it->verdict == V_PASS) != (it->prev_verdict == V_PASS))
		return it->verdict == V_PASS ? CHG_BETTER : CHG_WORSE;
	return CHG_SAME;
}

static void item_row(sqlite3_stmt *st, void *elem)
{
	struct review_item *r = elem;
	UTF8_COPY(r->item_id, db_col_text(st, 0));
	r->verdict = verdict_from_name(db_col_text(st, 1));
	r->earned = sqlite3_column_double(st, 2);
	r->possible = sqlite3_column_double(st, 3);
	r->failed = verdict_is_problem(r->verdict);
	r->critical = r->failed && sqlite3_column_int(st, 4);
	r->spots = sqlite3_column_int(st, 5);
	UTF8_COPY(r->note, db_col_text(st, 6));
}

int review_items(struct db *db, const struct checklist *cl, int64_t inspection_id,
		 int64_t visit_id, int64_t prev_ins, int64_t prev_visit,
		 struct review_item **out, int *n, struct sc_err *err)
{
	struct review_item *v;
	void *vv;
	int k = 0, rc;
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if ((rc = db_collect(db, items_query(db, inspection_id, visit_id, err), sizeof *v, item_row,
			     &vv, &k, err)))
		return rc;
	v = vv;
	for (int i = 0; i < k; i++) {
		v[i].item = checklist_item_index(cl, v[i].item_id);
		v[i].area = v[i].item >= 0 ? cl->items[v[i].item].area : -1;
	}
	if (prev_ins > 0 && (prev_visit > 0 || visit_id == 0)) {
		if (!(st = items_query(db, prev_ins, prev_visit, err)))
			goto fail;
		while ((rc = db_step(db, st, err)) == 1) {
			const char *id = db_col_text(st, 0);
			for (int i = 0; i < k; i++)
				if (!strcmp(v[i].item_id, id)) {
					v[i].prev_verdict = verdict_from_name(db_col_text(st, 1));
					v[i].prev_earned = sqlite3_column_double(st, 2);
					break;
				}
		}
		db_done(db, st);
		if (rc < 0)
			goto fail;
	}
	for (int i = 0; i < k; i++)
		v[i].change = change_of(&v[i]);
	items_market = visit_id <= 0;
	if (k > 1)
		qsort(v, (size_t)k, sizeof *v, item_cmp);
	*out = v;
	*n = k;
	return SC_OK;
fail:
	free(v);
	return err->code;
}

void review_changes(const struct review_item *items, int n, int *better, int *worse)
{
	*better = *worse = 0;
	for (int i = 0; i < n; i++) {
		*better += items[i].change == CHG_BETTER;
		*worse += items[i].change == CHG_WORSE;
	}
}

int review_prev_inspection(struct db *db, const struct inspection_rec *r,
			   struct inspection_rec *prev, struct sc_err *err)
{
	int64_t id;
	int rc = db_int(db, err, &id, REVIEW_PREV_INS_SQL, "IttIt", r->market_id, r->day, r->started_at,
			r->id, r->amends_uuid);
	if (rc == SC_ERR_NOTFOUND)
		return sc_fail(err, rc, "no earlier inspection of this market");
	return rc ? rc : store_inspection_get(db, id, prev, err);
}

int review_prev_visit(struct db *db, const struct inspection_rec *r, int64_t stall_id,
		      int64_t *prev_ins, int64_t *prev_visit, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, REVIEW_PREV_VISIT_SQL, "IttIt", stall_id, r->day, r->started_at,
				r->id, r->amends_uuid);
	if (!st)
		return err->code;
	int rc = db_step(db, st, err);
	if (rc == 1) {
		*prev_ins = sqlite3_column_int64(st, 0);
		*prev_visit = sqlite3_column_int64(st, 1);
	}
	db_done(db, st);
	if (rc < 0)
		return err->code;
	return rc ? SC_OK : sc_fail(err, SC_ERR_NOTFOUND, "no earlier visit of this stall");
}

/* ---- decisions ---- */

static const char review_insert_sql[] =
	"INSERT INTO review(uuid, inspection_id, decision, reason, reviewer, device, at, sig)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char review_status_sql[] =
	"UPDATE inspection SET status = ?, rev = rev + 1, updated_at = ?"
	" WHERE id = ? AND status = 'final'";

/* Names as people type them: blanks around them do not count. */
static int same_name(const char *a, const char *b)
{
	a += strspn(a, " \t");
	b += strspn(b, " \t");
	size_t na = strlen(a), nb = strlen(b);
	while (na && (a[na - 1] == ' ' || a[na - 1] == '\t'))
		na--;
	while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\t'))
		nb--;
	return na && na == nb && memcmp(a, b, na) == 0;
}

int review_own(struct db *db, const struct inspection_rec *r, const char *reviewer)
{
	char amender[STORE_NAME_MAX] = "";
	if (!reviewer)
		return 0;
	if (same_name(r->inspector, reviewer))
		return 1;
	/* whoever amended it, when this database saw the amendment made */
	db_text(db, NULL, amender, sizeof amender,
		"SELECT actor FROM audit WHERE action = 'inspection.amend' AND subject = ?"
		" ORDER BY id DESC LIMIT 1", "t", r->uuid);
	return same_name(amender, reviewer);
}

int review_own_uuid(struct db *db, const char *uuid, const char *reviewer)
{
	struct inspection_rec r;
	struct sc_err err;
	return store_inspection_by_uuid(db, uuid, &r, &err) == SC_OK && review_own(db, &r, reviewer);
}

int review_decide(struct db *db, const char *uuid, int decision, const char *reason,
		  const char *reviewer, struct sc_err *err)
{
	struct inspection_rec r;
	char ts[CLOCK_TS], dev[UUID_STR], ruuid[UUID_STR], sig[ROWSIG_HEX];
	const char *dname = decision == REVIEW_APPROVE ? "approve" : "return"; /* stored */
	const char *dverb = decision == REVIEW_APPROVE ? _("approve") : _("return");
	int rc;

	if (decision != REVIEW_APPROVE && decision != REVIEW_RETURN)
		return sc_fail(err, SC_ERR_INVALID, "review: unknown decision %d", decision);
	if (!reason)
		reason = "";
	if ((rc = store_check_name(N_("reviewer"), reviewer, err)) ||
	    (rc = store_check_note(N_("reason"), reason, err)))
		return rc;
	if (decision == REVIEW_RETURN && !reason[strspn(reason, " \t\r\n")])
		return sc_fail(err, SC_ERR_INVALID,
			       "review: a returned record needs a reason for its inspector");
	if ((rc = store_inspection_by_uuid(db, uuid, &r, err)))
		return rc;
	if (strcmp(r.status, "final")) {
		const char *why =
			!strcmp(r.status, "draft") ? _("it is still a draft: the inspector has not finalized it") :
			!strcmp(r.status, "approved") ? _("it is already approved: an approved record cannot be changed") :
			!strcmp(r.status, "returned") ? _("it was already returned: its inspector must amend it first, "
							  "and the amendment comes back for review") :
			!strcmp(r.status, "amended") ? _("it has been amended: review the amendment instead") :
			_("its status does not allow it");
		return sc_fail(err, SC_ERR_STATE, "cannot %s inspection %s: %s", dverb, uuid, why);
	}
	if (review_own(db, &r, reviewer))
		return sc_fail(err, SC_ERR_STATE, "cannot %s inspection %s: %s inspected or amended it,"
			       " and nobody reviews their own record", dverb, uuid, reviewer);
	if ((rc = store_device_id(db, dev, err)))
		return rc;
	if (uuid_new_owned(dev, ruuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	clock_stamp(ts);
	/* a decision is signed by its device, or not made: an unsigned one
	 * would pass for one made before signing (verify, sync) */
	const char *f[] = { ruuid, r.uuid, dname, reason, reviewer, dev, ts };
	if ((rc = rowsig_sign(db, ROWSIG_REVIEW, f, 1, sig, err)))
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	rc = db_run(db, err, review_insert_sql, "tItttttt", ruuid, r.id, dname, reason, reviewer,
		    dev, ts, sig);
	if (rc == SC_OK)
		rc = db_run(db, err, review_status_sql, "ttI",
			    decision == REVIEW_APPROVE ? "approved" : "returned", ts, r.id);
	if (rc == SC_OK && db_changes(db) != 1)
		rc = sc_fail(err, SC_ERR_STATE, "cannot %s inspection %s: it changed meanwhile",
			     dname, uuid);
	if (rc == SC_OK)
		rc = store_audit(db, reviewer, decision == REVIEW_APPROVE ? "review.approve"
				 : "review.return", uuid, reason, err);
	int end = db_end(db, rc == SC_OK, err);
	return rc ? rc : end;
}

int review_last(struct db *db, int64_t inspection_id, struct review_note *out, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT decision, reason, reviewer, at FROM review"
				" WHERE inspection_id = ? ORDER BY at DESC, id DESC LIMIT 1", "I", inspection_id);
	if (!st)
		return err->code;
	int r = db_step(db, st, err);
	if (r == 1) {
		out->decision = strcmp(db_col_text(st, 0), "return") == 0 ? REVIEW_RETURN : REVIEW_APPROVE;
		UTF8_COPY(out->reason, db_col_text(st, 1));
		UTF8_COPY(out->reviewer, db_col_text(st, 2));
		UTF8_COPY(out->at, db_col_text(st, 3));
	}
	db_done(db, st);
	if (r == 0)
		return sc_fail(err, SC_ERR_NOTFOUND, "inspection %lld has no review", (long long)inspection_id);
	return r < 0 ? err->code : SC_OK;
}

/* ---- the day at a glance ---- */

struct outbuf {
	char *p;
	size_t sz, n;
};

static void put(struct outbuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct outbuf *o, const char *fmt, ...)
{
	va_list ap;
	if (o->n + 1 >= o->sz)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(o->p + o->n, o->sz - o->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->n = o->n + (size_t)k < o->sz ? o->n + (size_t)k : o->sz - 1;
}

size_t review_glance_text(const struct summary *s, int lang, int top, char *out,
			  size_t outsz)
{
	struct outbuf o = { out, outsz, 0 };
	char mean[16];

	if (!outsz)
		return 0;
	*out = 0;
	score_text(s->cur.mean, "--", mean, sizeof mean);
	if (strcmp(s->from, s->to))
		put(&o, sc_tr_lang(lang, "%s to %s\n"), s->from, s->to);
	else
		put(&o, "%s\n", s->from);
	put(&o, sc_tr_lang(lang, "inspections %d  markets visited %d  stalls inspected %d (%d visits)\n"),
	    s->cur.inspections, s->markets_visited, s->stalls_inspected, s->visits);
	put(&o, sc_tr_lang(lang, "mean score %s  critical failures %d  failed items %d\n"),
	    mean, s->cur.critical, s->cur.fails);
	put(&o, sc_tr_lang(lang, "bands:"));
	for (int g = 0; g < s->ngrades; g++) /* as the templates name them */
		put(&o, " %s %d", s->grades[g].name[lang], s->grades[g].n);
	put(&o, " %s %d\n", band_label(BAND_NONE, lang), s->bands[BAND_NONE]);
	/* templates with severity tiers: failures by tier, in the template's order */
	for (int i = 0; i < s->nseverities; i++)
		put(&o, "%s%s %d%s", i ? "  " : sc_tr_lang(lang, "by severity: "), s->severities[i].name[lang],
		    s->severities[i].fails, i + 1 == s->nseverities ? "\n" : "");
	put(&o, sc_tr_lang(lang, "rectifications: opened %d  closed %d  overdue %d\n"),
	    s->rect_opened, s->rect_closed, s->rect_overdue);
	int shown = 0;
	for (int i = 0; i < s->nitems && shown < top; i++) {
		const struct sum_item *it = &s->items[i];
		if (!it->fails)
			break;
		if (!shown++)
			put(&o, sc_tr_lang(lang, "most failed items:\n"));
		const char *t = it->text[lang] ? it->text[lang] : it->text[!lang];
		put(&o, sc_tr_lang(lang, "  %-4s failed %d of %d (%d markets) %s\n"),
		    it->item_id, it->fails, it->answered, it->markets, t ? t : "");
	}
	return o.n;
}

const char *const *review_queries(void)
{
	static const char *const q[] = {
		list_sql, row_sql, visits_sql, visit_figures_sql, items_market_sql, items_visit_sql,
		REVIEW_PREV_INS_SQL, REVIEW_PREV_VISIT_SQL, NULL
	};
	return q;
}
