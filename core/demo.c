/* demo: the generator. Deterministic: a seeded PRNG drives every choice,
 * uuids and the clock, so the same options give the same content. Answers
 * are inserted directly (validated by construction) and scored as they are
 * written (the same functions as a rescoring from the database);
 * rectifications and seals come from finalize like real records. */
#include "demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "rectify.h"
#include "rowsig.h"
#include "seal.h"
#include "utf8.h"
#include "score.h"
#include "store.h"
#include "uuid.h"

struct rng { uint64_t s; };

static uint64_t rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static double runit(struct rng *r) { return (double)(rnext(r) >> 11) / 9007199254740992.0; }
static int rint_(struct rng *r, int lo, int hi) { return lo + (int)(rnext(r) % (uint64_t)(hi - lo + 1)); }

static const char *const districts[] = { "罗湖区", "福田区", "南山区", "宝安区", "龙岗区", "龙华区" };
static const char *const place[] = {
	"东门", "翠竹", "黄贝岭", "梅林", "景田", "华强", "南头", "蛇口", "西丽", "沙井",
	"福永", "松岗", "布吉", "横岗", "坪地", "观澜", "民治", "大浪", "笋岗", "水贝",
	"莲花", "香蜜湖", "桃源", "新安", "西乡", "石岩", "平湖", "坂田", "龙城", "清湖",
};
static const char *const inspectors[] = { "李明", "王芳", "张伟", "刘洋", "陈静", "杨帆" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙" };
static const char *const fail_notes[] = {
	"地面有积水", "垃圾未及时清理", "未加盖", "未公示", "证照过期", "价签缺失",
	"摊外摆放", "有苍蝇", "台账不全", "冷柜温度偏高", "未穿工作服", "健康证过期",
	"标识不清", "设施损坏，已口头要求整改", "现场整改完毕", "发现两处问题",
};

/* share of stalls by type code (others weight 2) */
static int type_weight(const char *code)
{
	static const struct { const char *c; int w; } t[] = {
		{ "veg", 30 }, { "fruit", 10 }, { "meat", 12 }, { "poultry", 5 }, { "aquatic", 10 },
		{ "cooked", 6 }, { "soy", 4 }, { "grain", 4 }, { "dried", 7 }, { "egg", 3 },
		{ "frozen", 3 }, { "pickled", 2 }, { "self", 3 }, { "nonfood", 1 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].c, code) == 0)
			return t[i].w;
	return 2;
}

void demo_defaults(struct demo_opts *o)
{
	if (o->markets <= 0) o->markets = 5;
	if (o->days <= 0) o->days = 30;
	if (!o->until[0]) clock_today(o->until);
	if (!o->seed) o->seed = 1;
	if (o->visit_rate <= 0) o->visit_rate = 0.8;
	if (o->stalls_min <= 0) o->stalls_min = 35;
	if (o->stalls_max < o->stalls_min) o->stalls_max = o->stalls_min + 10;
}

struct dmarket {
	struct market_rec m;
	struct stall_rec *stalls;
	int *types;               /* template type index per stall */
	int nstalls;
	double quality;           /* 0.5 (poor) .. 1.5 (good) */
	const char *inspector[2];
};

/* Base failure chance of an item, from its id: stable across runs.
 * Calibrated on the domain reference (a city's monthly round finds 176-329
 * problems in 28-48 market visits, 4-12 a visit): a market-wide item fails
 * often, a stall item seldom, so a visit of 40 stalls registers about ten
 * problems, more in a poor market and early in the campaign. */
static double item_rate(const struct cl_item *it)
{
	uint32_t h = 2166136261u;
	for (const char *p = it->id; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	double spread = (h % 1000) / 1000.0;
	double base = it->level == LEVEL_MARKET ? 0.04 + spread * 0.24 : 0.004 + spread * 0.03;
	return it->critical || it->critical_types ? base * 0.12 : base;
}

static int make_registry(struct db *db, const struct checklist *cl, struct rng *r,
			 struct dmarket *mk, int idx, struct sc_err *err)
{
	int tw = 0, rc;
	memset(mk, 0, sizeof *mk);
	snprintf(mk->m.name, sizeof mk->m.name, "%s%s", place[idx % 30],
		 idx >= 30 ? "第二农贸市场" : "农贸市场");
	if (idx >= 60)
		snprintf(mk->m.name, sizeof mk->m.name, "%s农贸市场%d", place[idx % 30], idx / 30 + 1);
	snprintf(mk->m.code, sizeof mk->m.code, "M%03d", idx + 1);
	snprintf(mk->m.district, sizeof mk->m.district, "%s", districts[idx % 6]);
	snprintf(mk->m.address, sizeof mk->m.address, "%s%s路%d号", districts[idx % 6],
		 place[(idx * 7 + 3) % 30], rint_(r, 1, 399));
	if ((rc = store_market_add(db, &mk->m, err)))
		return rc;
	mk->quality = 0.5 + runit(r);
	mk->inspector[0] = inspectors[idx % 6];
	mk->inspector[1] = inspectors[(idx + 1 + rint_(r, 0, 3)) % 6];
	mk->nstalls = rint_(r, 40, 300);
	mk->stalls = calloc((size_t)mk->nstalls, sizeof *mk->stalls);
	mk->types = calloc((size_t)mk->nstalls, sizeof *mk->types);
	if (!mk->stalls || !mk->types)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	for (int t = 0; t < cl->ntypes; t++)
		tw += type_weight(cl->types[t].code);
	for (int s = 0; s < mk->nstalls; s++) {
		int pick = rint_(r, 0, tw - 1), t = 0;
		while (t < cl->ntypes - 1 && pick >= type_weight(cl->types[t].code))
			pick -= type_weight(cl->types[t++].code);
		struct stall_rec *st = &mk->stalls[s];
		st->market_id = mk->m.id;
		mk->types[s] = t;
		snprintf(st->code, sizeof st->code, "%c-%03d", 'A' + t % 26, s + 1);
		snprintf(st->type, sizeof st->type, "%s", cl->types[t].code);
		snprintf(st->vendor, sizeof st->vendor, "%s记%s", surnames[rint_(r, 0, 11)],
			 checklist_name(&cl->types[t], LANG_ZH));
		if ((rc = store_stall_add(db, cl, st, err)))
			return rc;
	}
	return SC_OK;
}

/* Answer one item; returns verdict, fills earned/spots/note. */
static void answer_item(struct rng *r, const struct cl_item *it, double fail_p,
			int *verdict, double *earned, int *spots, const char **note)
{
	double u = runit(r);
	*spots = 0;
	*note = "";
	if (it->allow_na && u < 0.02) {
		*verdict = V_NA;
		*earned = -1;
		return;
	}
	if (it->allow_not_observed && u < 0.03) {
		*verdict = V_NOT_OBSERVED;
		*earned = -1;
		return;
	}
	if (runit(r) < fail_p) {
		*verdict = V_FAIL;
		*earned = it->kind == KIND_POINTS ? rint_(r, 0, (int)it->points - 1) : 0;
		*spots = rint_(r, 1, 4);
		*earned = score_spot_earned(it, V_FAIL, *spots, *earned); /* as the store would */
		*note = fail_notes[rint_(r, 0, (int)(sizeof fail_notes / sizeof fail_notes[0]) - 1)];
		return;
	}
	*verdict = V_PASS;
	*earned = it->points;
}

/* Answers go in ANSWER_BATCH rows to an INSERT (the rest of an
 * inspection's 16 or one at a time): one statement's set-up, cursors and
 * end for many rows. Same rows in the same order, so the same ids. */
#define ANSWER_BATCH 64
#define ANSWER_INSERT "INSERT INTO answer(inspection_id, visit_id, item_id, verdict, earned, possible," \
	" critical, spots, note, answered_at) VALUES "
#define ANSWER_ROW "(?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)"
#define ANSWER_ROW4 ANSWER_ROW "," ANSWER_ROW "," ANSWER_ROW "," ANSWER_ROW
#define ANSWER_ROW16 ANSWER_ROW4 "," ANSWER_ROW4 "," ANSWER_ROW4 "," ANSWER_ROW4
static const char answer_sql[] = ANSWER_INSERT ANSWER_ROW;
static const char answer_sql16[] = ANSWER_INSERT ANSWER_ROW16;
static const char answer_sql64[] =
	ANSWER_INSERT ANSWER_ROW16 "," ANSWER_ROW16 "," ANSWER_ROW16 "," ANSWER_ROW16;

/* An answer waiting for its batch; the texts outlive the inspection's
 * inspect() (the checklist's, static, or its stack). */
struct apend {
	int64_t insp, visit;
	const char *item, *verdict, *note, *ts;
	double earned, possible;
	int critical, spots;
};

/* The answers part of the seal as the answers are written (seal.h: rows
 * ordered by visit uuid, '' market-wide, then item id), so finalize reads
 * none back to seal. */
struct arow {
	const char *visit;
	int rank;                 /* of its item in item id order (item_ranks) */
	uint64_t key;             /* the seal's order (arows_sorted) */
	size_t off, len;
};
struct arows {
	struct seal_buf buf;
	struct arow *row;
	int n, cap;
	const struct cl_item *items;
	const int *rank;          /* item_ranks of items */
	struct apend pend[ANSWER_BATCH];
	int npend;
	/* the failed ones, for rectify_register, in the order written */
	struct rect_failed *failed;
	int nfailed, capfailed;
};

static int bind_points(sqlite3_stmt *st, int col, double v)
{
	int t = db_points_type(v);
	return t == SQLITE_NULL ? sqlite3_bind_null(st, col)
	     : t == SQLITE_INTEGER ? sqlite3_bind_int64(st, col, (sqlite3_int64)v)
	     : sqlite3_bind_double(st, col, v);
}

/* Insert the pending answers: a full batch in one statement, else (the
 * inspection's last few) 16 or one at a time. */
static int answers_flush(struct db *db, struct arows *a, struct sc_err *err)
{
	for (int first = 0, k; first < a->npend; first += k) {
		k = a->npend - first >= 64 ? 64 : a->npend - first >= 16 ? 16 : 1;
		sqlite3_stmt *st = db_q(db, err, k == 64 ? answer_sql64 : k == 16 ? answer_sql16 : answer_sql, NULL);
		int bad = !st;
		for (int i = 0; i < k && !bad; i++) {
			const struct apend *p = &a->pend[first + i];
			int c = 10 * i;
			bad = sqlite3_bind_int64(st, c + 1, p->insp) | sqlite3_bind_int64(st, c + 2, p->visit) |
			      sqlite3_bind_text(st, c + 3, p->item, -1, SQLITE_STATIC) |
			      sqlite3_bind_text(st, c + 4, p->verdict, -1, SQLITE_STATIC) |
			      bind_points(st, c + 5, p->earned) | bind_points(st, c + 6, p->possible) |
			      sqlite3_bind_int(st, c + 7, p->critical) | sqlite3_bind_int(st, c + 8, p->spots) |
			      sqlite3_bind_text(st, c + 9, p->note, -1, SQLITE_STATIC) |
			      sqlite3_bind_text(st, c + 10, p->ts, -1, SQLITE_STATIC);
		}
		if (bad && st)
			db_fail(db, err, sqlite3_sql(st));
		if (bad || db_step(db, st, err) < 0) {
			db_done(db, st);
			return err->code;
		}
		db_done(db, st);
	}
	a->npend = 0;
	return SC_OK;
}

/* A failed answer kept for rectify_register (stall 0: market-wide). */
static int keep_failed(struct arows *a, int64_t stall, const char *item, int critical, int spots,
		       const char *note, struct sc_err *err)
{
	if (grow_array(&a->failed, &a->capfailed, a->nfailed, sizeof *a->failed, 32))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	struct rect_failed *f = &a->failed[a->nfailed++];
	f->stall_id = stall;
	UTF8_COPY(f->item_id, item);
	f->critical = critical;
	f->spots = spots;
	UTF8_COPY(f->note, note);
	return SC_OK;
}

static int put_answer(struct db *db, struct arows *a, int64_t insp, int64_t visit, int64_t stall,
		      const char *vuuid, const struct cl_item *it, int type, int v, double earned, int spots,
		      const char *note, const char *ts, struct sc_err *err)
{
	const char *verdict = verdict_name(v);
	double possible = earned < 0 ? -1.0 : it->points;
	int critical = checklist_item_critical(it, type), rc;
	size_t off = a->buf.len;
	a->pend[a->npend++] = (struct apend){ insp, visit, it->id, verdict, note, ts, earned, possible,
					      critical, spots };
	if (a->npend == ANSWER_BATCH && (rc = answers_flush(db, a, err)))
		return rc;
	if ((v == V_FAIL || v == V_PARTIAL) && (rc = keep_failed(a, stall, it->id, critical, spots, note, err)))
		return rc;
	if (grow_array(&a->row, &a->cap, a->n, sizeof *a->row, 512))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	/* the values bound above, as the seal reads them back ('p': points) */
	if (seal_put_text(&a->buf, vuuid) | seal_put_text(&a->buf, it->id) | seal_put_text(&a->buf, verdict) |
	    seal_put_points(&a->buf, earned) | seal_put_points(&a->buf, possible) |
	    seal_put_int(&a->buf, critical) | seal_put_int(&a->buf, spots) | seal_put_text(&a->buf, note) |
	    seal_put_text(&a->buf, ts) | seal_put_row_end(&a->buf))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	a->row[a->n++] = (struct arow){ vuuid, a->rank[it - a->items], 0, off, a->buf.len - off };
	return SC_OK;
}

/* Each item's place in the order of item ids (strcmp: SQLite's BINARY),
 * once per checklist; the seal's sort compares these. */
struct idrank {
	const char *id;
	int item;
};

static int idrank_cmp(const void *x, const void *y)
{
	return strcmp(((const struct idrank *)x)->id, ((const struct idrank *)y)->id);
}

static int *item_ranks(const struct checklist *cl)
{
	struct idrank *order = calloc((size_t)cl->nitems + 1, sizeof *order);
	int *rank = calloc((size_t)cl->nitems + 1, sizeof *rank);
	if (order && rank) {
		for (int i = 0; i < cl->nitems; i++)
			order[i] = (struct idrank){ cl->items[i].id, i };
		qsort(order, (size_t)cl->nitems, sizeof *order, idrank_cmp);
		for (int i = 0; i < cl->nitems; i++)
			rank[order[i].item] = i;
	} else {
		free(rank);
		rank = NULL;
	}
	free(order);
	return rank;
}

/* A visit's rows, written one after another. */
struct arun {
	const char *visit;
	int first, n;
};

static int arun_cmp(const void *x, const void *y)
{
	return strcmp(((const struct arun *)x)->visit, ((const struct arun *)y)->visit);
}

static int arow_cmp(const void *x, const void *y)
{
	uint64_t a = ((const struct arow *)x)->key, b = ((const struct arow *)y)->key;
	return (a > b) - (a < b);
}

/* The rows in the seal's order (visit uuid, then item id: byte order) into
 * out: the visits' runs sorted by uuid, then every row by (its run's
 * place, its item's rank). */
static int arows_sorted(struct arows *a, struct seal_buf *out, struct sc_err *err)
{
	struct arun *run = calloc((size_t)a->n + 1, sizeof *run);
	int nrun = 0;
	if (!run)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < a->n; i++) {
		if (!nrun || run[nrun - 1].visit != a->row[i].visit)
			run[nrun++] = (struct arun){ a->row[i].visit, i, 0 };
		run[nrun - 1].n++;
	}
	qsort(run, (size_t)nrun, sizeof *run, arun_cmp);
	for (int r = 0; r < nrun; r++)
		for (int i = run[r].first; i < run[r].first + run[r].n; i++)
			a->row[i].key = (uint64_t)r << 32 | (uint32_t)a->row[i].rank;
	free(run);
	qsort(a->row, (size_t)a->n, sizeof *a->row, arow_cmp);
	for (int i = 0; i < a->n; i++)
		if (seal_buf_add(out, a->buf.p + a->row[i].off, a->row[i].len))
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	return SC_OK;
}

/* A visit as store_visit_add writes it (its seq, the stall frozen as the
 * registry has it): the demo knows all of it, so nothing is read back. */
static int put_visit(struct db *db, int64_t insp, const struct stall_rec *st, int seq, int64_t *id,
		     char uuid[UUID_STR], struct sc_err *err)
{
	char ts[CLOCK_TS];
	if (uuid_new(uuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	clock_stamp(ts);
	int rc = db_run(db, err, "INSERT INTO visit(uuid, inspection_id, stall_id, seq, created_at, stall_code,"
			" stall_vendor, stall_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "tIIi" "tttt", uuid, insp,
			st->id, seq, ts, st->code, st->vendor, st->type);
	*id = db_last_id(db);
	return rc;
}

static int inspect(struct db *db, const struct checklist *cl, const int *rank, struct rng *r,
		   struct dmarket *mk, const struct demo_opts *o, int64_t tpl, time_t t, double trend,
		   const char *amends, struct inspection_rec *ins, struct sc_err *err)
{
	const char *who = mk->inspector[runit(r) < 0.75 ? 0 : 1];
	struct rect_rec *open = NULL;
	char ts[CLOCK_TS];
	int rc, nopen = 0;

	clock_fix(t);
	if ((rc = store_inspection_start(db, mk->m.id, tpl, who, amends, ins, err)))
		return rc;
	clock_stamp(ts);
	/* follow-ups first (回头看), of problems whose deadline has come: a
	 * visit gets to most of them, and most of those are fixed; the rest
	 * stay open past their deadline */
	struct rect_filter due = { .state = RECT_OPEN, .market_id = mk->m.id, .as_of = "9999-12-31" };
	UTF8_COPY(due.due_by, ins->day);
	if (!amends && (rc = rectify_list(db, &due, &open, &nopen, err))) /* an amendment: none */
		return rc;
	for (int i = 0; i < nopen && rc == SC_OK; i++) {
		if (runit(r) >= 0.6 + 0.25 * mk->quality)
			continue;
		int fixed = runit(r) < 0.55 + 0.3 * mk->quality;
		rc = rectify_followup(db, open[i].id, ins->id, fixed, fixed ? "已整改" : "仍未整改",
				      who, err);
	}
	free(open);
	if (rc)
		return rc;
	double fscale = (2.1 - mk->quality * 1.2) * trend; /* poor markets fail 5x as often */
	/* the answers are scored as they are written: finalize reads none back */
	struct sc_answer *sa = calloc((size_t)cl->nitems + 1, sizeof *sa);
	struct score_part mw;
	struct arows rows = { .items = cl->items, .rank = rank };
	int m = 0;
	if (!sa)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < cl->nitems && rc == SC_OK; i++) {
		const struct cl_item *it = &cl->items[i];
		int v, spots;
		double earned;
		const char *note;
		if (it->level != LEVEL_MARKET)
			continue;
		answer_item(r, it, item_rate(it) * fscale, &v, &earned, &spots, &note);
		store_answer_sc(cl, i, v, earned, spots, &sa[m++]);
		rc = put_answer(db, &rows, ins->id, 0, 0, "", it, -1, v, earned, spots, note, ts, err);
	}
	score_market_items(cl, sa, m, &mw);
	/* a sample of stalls: every third from a random start, wrapping (a
	 * stride of 3 visits each stall once only when 3 does not divide n) */
	int n = rint_(r, o->stalls_min, o->stalls_max), start = rint_(r, 0, mk->nstalls - 1);
	int stride = mk->nstalls % 3 ? 3 : 1;
	if (n > mk->nstalls)
		n = mk->nstalls;
	struct stall_score *ss = calloc((size_t)n + 1, sizeof *ss);
	int64_t *vids = calloc((size_t)n + 1, sizeof *vids);
	char (*vu)[UUID_STR] = calloc((size_t)n + 1, sizeof *vu);
	if (rc == SC_OK && (!ss || !vids || !vu))
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
	for (int k = 0; k < n && rc == SC_OK; k++) {
		int s = (start + k * stride) % mk->nstalls;
		if ((rc = put_visit(db, ins->id, &mk->stalls[s], k + 1, &vids[k], vu[k], err)))
			break;
		m = 0;
		for (int i = 0; i < cl->nitems && rc == SC_OK; i++) {
			const struct cl_item *it = &cl->items[i];
			int v, spots;
			double earned;
			const char *note;
			if (!checklist_item_applies(it, mk->types[s]))
				continue;
			double p = item_rate(it) * fscale;
			answer_item(r, it, p, &v, &earned, &spots, &note);
			store_answer_sc(cl, i, v, earned, spots, &sa[m++]);
			rc = put_answer(db, &rows, ins->id, vids[k], mk->stalls[s].id, vu[k], it, mk->types[s], v,
					earned, spots, note, ts, err);
		}
		score_stall(cl, mk->types[s], sa, m, &ss[k]);
	}
	struct seal_buf sealed = { 0 };
	if (rc == SC_OK) /* the last few, before finalize reads them */
		rc = answers_flush(db, &rows, err);
	if (rc == SC_OK)
		rc = arows_sorted(&rows, &sealed, err);
	if (rc == SC_OK) {
		struct store_scored sc = { .ss = ss, .visit = vids, .nv = n, .answer_rows = &sealed,
					   .failed = rows.failed, .nfailed = rows.nfailed };
		score_market(cl, &mw, ss, n, &sc.ms);
		clock_fix(t + 60 * (n + 20));
		rc = store_inspection_finalize_scored(db, cl, ins->id, who, &sc, NULL, err);
	}
	free(sa);
	free(ss);
	free(vids);
	free(vu);
	free(rows.buf.p);
	free(rows.row);
	free(rows.failed);
	free(sealed.p);
	return rc;
}

static int review(struct db *db, const struct inspection_rec *ins, const char *decision,
		  const char *reason, time_t t, struct sc_err *err)
{
	char uuid[UUID_STR], ts[CLOCK_TS], dev[UUID_STR], sig[ROWSIG_HEX];
	int rc;
	clock_fix(t);
	clock_stamp(ts);
	uuid_new(uuid);
	if ((rc = store_device_id(db, dev, err)))
		return rc;
	const char *f[] = { uuid, ins->uuid, decision, reason, "赵主任", dev, ts };
	if ((rc = rowsig_sign(db, ROWSIG_REVIEW, f, 1, sig, err)))
		return rc;
	rc = db_run(db, err,
		    "INSERT INTO review(uuid, inspection_id, decision, reason, reviewer, device, at, sig)"
		    " VALUES (?, ?, ?, ?, '赵主任', ?, ?, ?)", "tIttt" "tt", uuid, ins->id, decision, reason,
		    dev, ts, sig);
	if (rc == SC_OK)
		rc = db_run(db, err, "UPDATE inspection SET status = ?, rev = rev + 1, updated_at = ?"
			    " WHERE id = ?", "ttI", strcmp(decision, "approve") ? "returned" : "approved",
			    ts, ins->id);
	if (rc == SC_OK)
		rc = store_audit(db, "赵主任", strcmp(decision, "approve") ? "review.return" : "review.approve",
				 ins->uuid, reason, err);
	return rc;
}

static void free_markets(struct dmarket *mk, int n)
{
	for (int i = 0; i < n; i++) {
		free(mk[i].stalls);
		free(mk[i].types);
	}
	free(mk);
}

/* An inspection's start: 08:00 plus off (of 7 hours). On today (now set)
 * the same spread is squeezed before now, less the hour a visit takes, so
 * demo data never lies in the future; the random draws stay the same.
 * 0 when no visit fits before now (just after midnight, before 06:50). */
static time_t at_hour(time_t midnight, int off, time_t now)
{
	time_t t = midnight + 8 * 3600 + off, hi = now - 80 * 60, lo = midnight + 8 * 3600;
	if (!now || t <= hi)
		return t;
	if (hi < lo + 3600) /* early in the day: from 05:30, when markets open */
		lo = midnight + 5 * 3600 + 1800;
	if (hi <= lo)
		return 0;
	return lo + (time_t)((double)off / (7 * 3600) * (double)(hi - lo));
}

int demo_generate(struct db *db, const struct checklist *cl, const char *body,
		  const struct demo_opts *opts, demo_progress_fn progress, void *ctx,
		  struct sc_err *err)
{
	struct demo_opts o = *opts;
	struct rng r;
	struct dmarket *mk = NULL;
	int *rank = NULL;
	char first[CLOCK_DAY];
	int64_t tpl, have;
	time_t t0;
	int rc, signing = 0; /* a batch begun here, ended here: never another's */

	demo_defaults(&o);
	r.s = o.seed * 0x2545F4914F6CDD1Dull;
	/* now, before the clock is fixed for each record below: today's
	 * inspections must be over by now, not later today */
	time_t now = clock_now(), was_fixed = clock_fixed();
	char today_now[CLOCK_DAY];
	clock_day(now, today_now);
	if (o.markets > 500 || o.days > 3660)
		return sc_fail(err, SC_ERR_INVALID, "demo: at most 500 markets and 3660 days");
	if (!clock_day_valid(o.until))
		return sc_fail(err, SC_ERR_INVALID, "demo: '%s' is not a date (YYYY-MM-DD)", o.until);
	if ((rc = db_int(db, err, &have, "SELECT count(*) FROM market", NULL)))
		return rc;
	if (have)
		return sc_fail(err, SC_ERR_STATE, "demo: the database already holds %lld markets; "
			       "demo data goes into an empty database (use --db NEW.db)", (long long)have);
	clock_day_add(o.until, -(o.days - 1), first);
	if (clock_parse(first, &t0) < 0)
		return sc_fail(err, SC_ERR_INVALID, "demo: bad start day %s", first);
	/* this database's device id first, from the real random source: the
	 * seeded uuids below would give every demo database the same one */
	char dev[UUID_STR];
	if ((rc = store_device_id(db, dev, err)))
		return rc;
	uuid_seed(o.seed);
	/* bulk fill: durability is not needed until the end, where we checkpoint */
	if ((rc = db_bulk(db, 1, err)) || (rc = rowsig_batch_begin(db, err)))
		goto out;
	signing = 1;
	if ((rc = db_begin(db, err)))
		goto out;
	clock_fix(t0 - 86400 + 7 * 3600);
	rc = store_template_pin(db, cl, body, &tpl, err);
	mk = calloc((size_t)o.markets, sizeof *mk);
	rank = item_ranks(cl);
	if (!mk || !rank)
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
	for (int i = 0; rc == SC_OK && i < o.markets; i++)
		rc = make_registry(db, cl, &r, &mk[i], i, err);
	rc = db_end(db, rc == SC_OK, err) ? err->code : rc;
	for (int d = 0; rc == SC_OK && d < o.days; d++) {
		/* failure rates fall by a third over the period: the campaign works */
		double trend = 1.2 - 0.4 * d / (o.days > 1 ? o.days - 1 : 1);
		time_t day = t0 + (time_t)d * 86400 + 12 * 3600; /* noon: DST-proof day */
		char today[CLOCK_DAY];
		clock_day(day, today);
		struct tm tm;
		localtime_r(&day, &tm);
		tm.tm_hour = 0, tm.tm_min = 0, tm.tm_sec = 0, tm.tm_isdst = -1;
		time_t midnight = mktime(&tm);
		if ((rc = db_begin(db, err)))
			break;
		for (int i = 0; rc == SC_OK && i < o.markets; i++) {
			struct inspection_rec ins;
			if (runit(&r) >= o.visit_rate)
				continue;
			time_t t = at_hour(midnight, rint_(&r, 0, 7 * 3600), strcmp(today, today_now) ? 0 : now);
			if (!t)
				continue; /* too early today for a visit to be over */
			rc = inspect(db, cl, rank, &r, &mk[i], &o, tpl, t, trend, NULL, &ins, err);
			if (rc || d >= o.days - 2)
				continue; /* the last two days wait for review */
			double u = runit(&r);
			time_t later = t + 86400 + rint_(&r, 0, 3600);
			if (u < 0.04) {
				rc = review(db, &ins, "return", "扣分依据不清，请补充问题照片说明", later, err);
				struct inspection_rec fix;
				if (rc == SC_OK)
					rc = inspect(db, cl, rank, &r, &mk[i], &o, tpl, later + 3600, trend,
						     ins.uuid, &fix, err);
				if (rc == SC_OK)
					rc = review(db, &fix, "approve", "", later + 7200, err);
			} else if (u < 0.92) {
				rc = review(db, &ins, "approve", "", later, err);
			}
		}
		/* the day's signatures, made on the other thread, go in with it */
		if (rowsig_batch_flush(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
			rc = err->code;
		if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
			rc = err->code;
		if (rc) /* each day is its own transaction: say what is kept */
			sc_err_prefix(err, "demo: %s: day %s (%d of %d) not saved, the %d before it are",
				      db_path(db), today, d + 1, o.days, d);
		if (progress)
			progress(d + 1, o.days, ctx);
	}
out:
	if (signing)
		rowsig_batch_end(db);
	clock_fix(was_fixed); /* the caller's clock, fixed or running, as it was */
	uuid_seed(0);
	free_markets(mk, mk ? o.markets : 0);
	free(rank);
	{
		struct sc_err e2;
		db_bulk(db, 0, &e2);
		db_exec(db, &e2, "PRAGMA wal_checkpoint(TRUNCATE)");
	}
	return rc;
}
