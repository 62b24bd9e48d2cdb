/* test_review: the day's list (filters, search, sort) against figures the
 * test computes itself, the drill-down with the previous inspection, every
 * decision legal and illegal, and EXPLAIN QUERY PLAN of every query. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/review.h"
#include "testutil.h"

#define NM 3
#define ND 3
#define NI (NM * ND)

struct fx {
	struct db *db;
	struct checklist cl;
	struct market_rec m[NM];
	struct stall_rec veg[NM], cooked[NM];
	int64_t tpl;
	/* what the test made, to count against */
	struct inspection_rec ins[NI];
	int mk[NI];
};

static const char *const districts[NM] = { "罗湖区", "罗湖区", "福田区" };
static const char *const inspectors[2] = { "李明", "王芳" };

static void at(const char *when)
{
	time_t t;
	assert_int_equal(clock_parse(when, &t), 0);
	clock_fix(t);
}

static int setup(void **state)
{
	static int k;
	char name[32];
	struct fx *f = calloc(1, sizeof *f);
	struct sc_err err;
	snprintf(name, sizeof name, "r%d.db", k++);
	assert_int_equal(db_open(&f->db, tu_path(name), DB_CREATE, &err), SC_OK);
	tu_checklist(&f->cl);
	at("2026-02-28T08:00");
	assert_int_equal(store_template_pin(f->db, &f->cl, "[template]\nid=test\n", &f->tpl, &err), SC_OK);
	for (int i = 0; i < NM; i++) {
		snprintf(f->m[i].name, sizeof f->m[i].name, "%s市场", i == 0 ? "东门" : i == 1 ? "南湖" : "福华");
		snprintf(f->m[i].code, sizeof f->m[i].code, "MK%d", i + 1);
		snprintf(f->m[i].district, sizeof f->m[i].district, "%s", districts[i]);
		assert_int_equal(store_market_add(f->db, &f->m[i], &err), SC_OK);
		f->veg[i].market_id = f->cooked[i].market_id = f->m[i].id;
		snprintf(f->veg[i].code, sizeof f->veg[i].code, "A-0%d", i + 1);
		snprintf(f->veg[i].type, sizeof f->veg[i].type, "veg");
		snprintf(f->cooked[i].code, sizeof f->cooked[i].code, "B-0%d", i + 1);
		snprintf(f->cooked[i].type, sizeof f->cooked[i].type, "cooked");
		snprintf(f->cooked[i].vendor, sizeof f->cooked[i].vendor, "%s",
			 i == 1 ? "王记卤味" : "张三熟食");
		assert_int_equal(store_stall_add(f->db, &f->cl, &f->veg[i], &err), SC_OK);
		assert_int_equal(store_stall_add(f->db, &f->cl, &f->cooked[i], &err), SC_OK);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	db_close(f->db);
	checklist_clear(&f->cl);
	free(f);
	clock_fix(-1);
	return 0;
}

/* One inspection of market i with answers driven by k; finalized unless
 * draft. Returns it re-read from the database. */
static void inspect(struct fx *f, int i, int k, const char *who, int draft, const char *amends,
		    struct inspection_rec *r)
{
	struct sc_err err;
	struct visit_rec v1, v2;
	struct market_score ms;
	assert_int_equal(store_inspection_start(f->db, f->m[i].id, f->tpl, who, amends, r, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, 0, -1, "M1", V_NONE, k % 6, k % 6 < 5 ? k % 3 : 0,
					   k % 2 ? "地面积水" : "", &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, 0, -1, "M2", k % 4 ? V_PASS : V_FAIL,
					   0, 0, NULL, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r->id, f->veg[i].id, &v1, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r->id, f->cooked[i].id, &v2, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v1.id, 0, "S1", V_NONE, k % 4, 0, NULL, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v1.id, 0, "S3", k % 2 ? V_PASS : V_FAIL,
					   0, k % 2 ? 0 : 1, NULL, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v2.id, 1, "S1", V_NONE, (k + 1) % 4, 0, NULL, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v2.id, 1, "S2", k % 5 ? V_PASS : V_FAIL,
					   0, k % 5 ? 0 : 2, "生熟混放", &err), SC_OK);
	if (!draft)
		assert_int_equal(store_inspection_finalize(f->db, &f->cl, r->id, who, &ms, &err), SC_OK);
	assert_int_equal(store_inspection_get(f->db, r->id, r, &err), SC_OK);
}

/* NM markets x ND days, some drafts, two inspectors. */
static void fill(struct fx *f)
{
	char when[32];
	for (int d = 0; d < ND; d++)
		for (int i = 0; i < NM; i++) {
			int k = d * NM + i;
			snprintf(when, sizeof when, "2026-03-0%dT%02d:15", d + 1, 8 + 2 * (NM - i));
			at(when);
			inspect(f, i, k, inspectors[k % 2], k % 7 == 3, NULL, &f->ins[k]);
			f->mk[k] = i;
		}
}

struct want {
	const char *day;        /* NULL: any */
	int market;             /* -1: any */
	const char *district, *inspector, *status, *band;
	int critical;
};

static int count_want(const struct fx *f, const struct want *w)
{
	int n = 0;
	for (int k = 0; k < NI; k++) {
		const struct inspection_rec *r = &f->ins[k];
		if ((w->day && strcmp(r->day, w->day)) || (w->market >= 0 && f->mk[k] != w->market) ||
		    (w->district && strcmp(districts[f->mk[k]], w->district)) ||
		    (w->inspector && strcmp(r->inspector, w->inspector)) ||
		    (w->status && strcmp(r->status, w->status)) ||
		    (w->band && strcmp(band_code(r->band), w->band)) ||
		    (w->critical && r->critical_fails == 0))
			continue;
		n++;
	}
	return n;
}

static int list_n(struct fx *f, const struct review_filter *flt)
{
	struct review_row *rows;
	struct sc_err err;
	int n;
	assert_int_equal(review_list(f->db, flt, &rows, &n, &err), SC_OK);
	free(rows);
	return n;
}

static void test_list_filters(void **state)
{
	struct fx *f = *state;
	struct review_filter flt;
	struct review_row *rows;
	struct sc_err err;
	int n;
	fill(f);

	/* a day: every market once, with the figures the records hold */
	review_filter_init(&flt, "2026-03-02");
	assert_int_equal(review_list(f->db, &flt, &rows, &n, &err), SC_OK);
	assert_int_equal(n, NM);
	for (int j = 0; j < n; j++) {
		const struct inspection_rec *r = NULL;
		for (int k = 0; k < NI; k++)
			if (f->ins[k].id == rows[j].id)
				r = &f->ins[k];
		assert_non_null(r);
		assert_string_equal(rows[j].day, "2026-03-02");
		assert_string_equal(rows[j].uuid, r->uuid);
		assert_string_equal(rows[j].status, r->status);
		assert_string_equal(rows[j].inspector, r->inspector);
		assert_int_equal(rows[j].stalls, 2);
		assert_int_equal(rows[j].critical_fails, r->critical_fails);
		assert_int_equal(rows[j].band, r->band);
		assert_true(rows[j].score == r->score);
		if (j)  /* default sort: by time */
			assert_true(strcmp(rows[j - 1].started_at, rows[j].started_at) <= 0);
	}
	free(rows);

	/* the whole range, then each filter against the test's own count */
	struct want all = { NULL, -1, NULL, NULL, NULL, NULL, 0 };
	snprintf(flt.to, sizeof flt.to, "2026-03-03");
	snprintf(flt.from, sizeof flt.from, "2026-03-01");
	assert_int_equal(list_n(f, &flt), NI);
	assert_int_equal(count_want(f, &all), NI);

	struct review_filter g = flt;
	g.market_id = f->m[1].id;
	struct want w = all;
	w.market = 1;
	assert_int_equal(list_n(f, &g), count_want(f, &w));
	assert_int_equal(list_n(f, &g), ND);

	g = flt, w = all;
	snprintf(g.district, sizeof g.district, "罗湖区");
	w.district = "罗湖区";
	assert_int_equal(list_n(f, &g), count_want(f, &w));
	assert_int_equal(list_n(f, &g), 2 * ND);

	g = flt, w = all;
	snprintf(g.inspector, sizeof g.inspector, "王芳");
	w.inspector = "王芳";
	assert_int_equal(list_n(f, &g), count_want(f, &w));
	assert_int_equal(list_n(f, &g), NI / 2);

	g = flt, w = all;
	snprintf(g.status, sizeof g.status, "draft");
	w.status = "draft";
	assert_int_equal(list_n(f, &g), count_want(f, &w));
	assert_int_equal(list_n(f, &g), 1); /* k = 3 */

	g = flt, w = all;
	g.critical_only = 1;
	w.critical = 1;
	int crit = count_want(f, &w);
	assert_true(crit > 0 && crit < NI);
	assert_int_equal(list_n(f, &g), crit);

	for (int b = BAND_NONE; b < BAND_COUNT; b++) {
		g = flt, w = all;
		snprintf(g.band, sizeof g.band, "%s", band_code(b));
		w.band = band_code(b);
		assert_int_equal(list_n(f, &g), count_want(f, &w));
	}

	/* combined: district and critical */
	g = flt, w = all;
	snprintf(g.district, sizeof g.district, "福田区");
	g.critical_only = 1;
	w.district = "福田区";
	w.critical = 1;
	assert_int_equal(list_n(f, &g), count_want(f, &w));

	/* search: vendor, stall code, market name, market code; wildcards literal */
	g = flt;
	snprintf(g.search, sizeof g.search, "卤味");
	assert_int_equal(list_n(f, &g), ND);          /* only market 2 has that vendor */
	snprintf(g.search, sizeof g.search, "A-03");
	assert_int_equal(list_n(f, &g), ND);
	snprintf(g.search, sizeof g.search, "东门");
	assert_int_equal(list_n(f, &g), ND);
	snprintf(g.search, sizeof g.search, "MK");
	assert_int_equal(list_n(f, &g), NI);
	snprintf(g.search, sizeof g.search, "%%");
	assert_int_equal(list_n(f, &g), 0);
	snprintf(g.search, sizeof g.search, "A_0");
	assert_int_equal(list_n(f, &g), 0);

	/* a day with nothing, bad input */
	review_filter_init(&g, "2026-04-01");
	assert_int_equal(list_n(f, &g), 0);
	review_filter_init(&g, "2026-02-30");
	assert_int_equal(review_list(f->db, &g, &rows, &n, &err), SC_ERR_INVALID);
	review_filter_init(&g, "2026-03-01");
	snprintf(g.band, sizeof g.band, "great");
	assert_int_equal(review_list(f->db, &g, &rows, &n, &err), SC_ERR_INVALID);
	review_filter_init(&g, "2026-03-01");
	snprintf(g.status, sizeof g.status, "done");
	assert_int_equal(review_list(f->db, &g, &rows, &n, &err), SC_ERR_INVALID);
}

static void test_list_sort(void **state)
{
	struct fx *f = *state;
	struct review_filter flt;
	struct review_row *rows;
	struct sc_err err;
	int n;
	fill(f);
	review_filter_init(&flt, "2026-03-01");
	snprintf(flt.to, sizeof flt.to, "2026-03-03");
	for (int c = 0; c < RCOL_COUNT; c++) {
		assert_int_equal(review_col_from_name(review_col_name(c)), c);
		for (int desc = 0; desc < 2; desc++) {
			flt.sort = c;
			flt.desc = desc;
			assert_int_equal(review_list(f->db, &flt, &rows, &n, &err), SC_OK);
			assert_int_equal(n, NI);
			for (int j = 1; j < n; j++) {
				const struct review_row *a = &rows[j - 1], *b = &rows[j];
				double d = 0;
				switch (c) {
				case RCOL_DAY: d = strcmp(a->day, b->day); break;
				case RCOL_MARKET: d = strcmp(a->market, b->market); break;
				case RCOL_DISTRICT: d = strcmp(a->district, b->district); break;
				case RCOL_INSPECTOR: d = strcmp(a->inspector, b->inspector); break;
				case RCOL_TIME: d = strcmp(a->started_at, b->started_at); break;
				case RCOL_STALLS: d = a->stalls - b->stalls; break;
				case RCOL_SCORE: d = a->score - b->score; break;
				case RCOL_CRITICAL: d = a->critical_fails - b->critical_fails; break;
				default: break;
				}
				assert_true(desc ? d >= 0 : d <= 0);
			}
			free(rows);
		}
	}
	assert_int_equal(review_col_from_name("nope"), -1);
	/* scores differ, so the score sort really reorders */
	flt.sort = RCOL_SCORE;
	flt.desc = 1;
	assert_int_equal(review_list(f->db, &flt, &rows, &n, &err), SC_OK);
	assert_true(rows[0].score > rows[n - 1].score);
	free(rows);
}

static int64_t count(struct fx *f, const char *sql, const char *uuid)
{
	struct sc_err err;
	int64_t n = -1;
	assert_int_equal(db_int(f->db, &err, &n, sql, "t", uuid), SC_OK);
	return n;
}

static void expect_refused(struct fx *f, const char *uuid, int decision, const char *reason,
			   int code, const char *words)
{
	struct sc_err err;
	struct inspection_rec before, after;
	int64_t reviews = count(f, "SELECT count(*) FROM review WHERE ? IS NOT NULL", "");
	int64_t audits = count(f, "SELECT count(*) FROM audit WHERE ? IS NOT NULL", "");
	assert_int_equal(store_inspection_by_uuid(f->db, uuid, &before, &err), SC_OK);
	assert_int_equal(review_decide(f->db, uuid, decision, reason, "赵主任", &err), code);
	assert_non_null(strstr(err.msg, words));
	assert_int_equal(store_inspection_by_uuid(f->db, uuid, &after, &err), SC_OK);
	assert_string_equal(before.status, after.status);
	assert_int_equal(count(f, "SELECT count(*) FROM review WHERE ? IS NOT NULL", ""), reviews);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE ? IS NOT NULL", ""), audits);
}

static void expect_status(struct fx *f, const char *uuid, const char *status)
{
	struct sc_err err;
	struct inspection_rec r;
	assert_int_equal(store_inspection_by_uuid(f->db, uuid, &r, &err), SC_OK);
	assert_string_equal(r.status, status);
}

/* Nobody reviews their own record: not its inspector, not who amended
 * it; an amendment keeps the inspector and the audit names the amender. */
static void test_own_record(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec a, a2;
	struct market_score ms;

	at("2026-03-01T09:00");
	inspect(f, 0, 2, "李明", 0, NULL, &a);
	assert_int_equal(review_decide(f->db, a.uuid, REVIEW_APPROVE, "", "李明", &err), SC_ERR_STATE);
	assert_non_null(strstr(err.msg, "nobody reviews their own record"));
	assert_int_equal(review_decide(f->db, a.uuid, REVIEW_RETURN, "why", " 李明 ", &err), SC_ERR_STATE);
	assert_true(review_own_uuid(f->db, a.uuid, "李明"));
	assert_false(review_own_uuid(f->db, a.uuid, "李明明"));
	assert_false(review_own_uuid(f->db, "00000000-0000-4000-8000-000000000000", "李明"));
	expect_status(f, a.uuid, "final");
	assert_int_equal(count(f, "SELECT count(*) FROM review WHERE ? IS NOT NULL", ""), 0);

	/* returned, then amended by 王芳: still 李明's record, 王芳 in the audit */
	assert_int_equal(review_decide(f->db, a.uuid, REVIEW_RETURN, "why", "赵主任", &err), SC_OK);
	assert_int_equal(store_inspection_start(f->db, 0, f->tpl, "王芳", a.uuid, &a2, &err), SC_OK);
	assert_string_equal(a2.inspector, "李明");
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'inspection.amend'"
			       " AND actor = '王芳' AND subject = ?", a2.uuid), 1);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, a2.id, "王芳", &ms, &err), SC_OK);
	assert_int_equal(review_decide(f->db, a2.uuid, REVIEW_APPROVE, "", "王芳", &err), SC_ERR_STATE);
	assert_int_equal(review_decide(f->db, a2.uuid, REVIEW_APPROVE, "", "李明", &err), SC_ERR_STATE);
	expect_status(f, a2.uuid, "final");
	assert_int_equal(review_decide(f->db, a2.uuid, REVIEW_APPROVE, "", "赵主任", &err), SC_OK);
	expect_status(f, a2.uuid, "approved");
}

static void test_decisions(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec draft, a, b, b2, x;
	char sql[256];

	at("2026-03-01T09:00");
	inspect(f, 0, 1, "李明", 1, NULL, &draft);
	inspect(f, 1, 2, "李明", 0, NULL, &a);
	inspect(f, 2, 4, "王芳", 0, NULL, &b);

	/* a draft cannot be decided */
	expect_refused(f, draft.uuid, REVIEW_APPROVE, "", SC_ERR_STATE, "draft");
	expect_refused(f, draft.uuid, REVIEW_RETURN, "why", SC_ERR_STATE, "draft");
	/* a return needs a reason; unknown records and bad reviewers refused */
	expect_refused(f, a.uuid, REVIEW_RETURN, "", SC_ERR_INVALID, "reason");
	expect_refused(f, a.uuid, REVIEW_RETURN, " \n ", SC_ERR_INVALID, "reason");
	expect_refused(f, a.uuid, REVIEW_RETURN, NULL, SC_ERR_INVALID, "reason");
	expect_refused(f, a.uuid, REVIEW_RETURN, "bad \xff", SC_ERR_INVALID, "UTF-8");
	/* a reason is a note: at most STORE_NOTE_CHARS characters */
	static char longer[STORE_NOTE_MAX + 4];
	for (int i = 0; i <= STORE_NOTE_CHARS; i++)
		strcat(longer, "因");
	expect_refused(f, a.uuid, REVIEW_RETURN, longer, SC_ERR_INVALID, "1001 characters, at most 1000");
	assert_int_equal(review_decide(f->db, a.uuid, REVIEW_APPROVE, "", "", &err), SC_ERR_INVALID);
	/* a blank name is no name either */
	assert_int_equal(review_decide(f->db, a.uuid, REVIEW_APPROVE, "", "  ", &err), SC_ERR_INVALID);
	assert_int_equal(review_decide(f->db, a.uuid, REVIEW_RETURN, "why", NULL, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "[inspector] name"));
	assert_int_equal(review_decide(f->db, "00000000-0000-4000-8000-000000000000", REVIEW_APPROVE,
				       "", "赵主任", &err), SC_ERR_NOTFOUND);
	expect_status(f, a.uuid, "final");

	/* approve a final record: review row, status and audit entry */
	at("2026-03-02T10:00");
	assert_int_equal(review_decide(f->db, a.uuid, REVIEW_APPROVE, "", "赵主任", &err), SC_OK);
	expect_status(f, a.uuid, "approved");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM review WHERE inspection_id = %lld"
		 " AND decision = 'approve' AND reviewer = '赵主任' AND at LIKE '2026-03-02%%'"
		 " AND length(uuid) = 36 AND device <> '' AND ? IS NOT NULL", (long long)a.id);
	assert_int_equal(count(f, sql, ""), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'review.approve'"
			       " AND subject = ? AND actor = '赵主任'", a.uuid), 1);
	/* deciding twice is refused; an approved record cannot be changed */
	expect_refused(f, a.uuid, REVIEW_APPROVE, "", SC_ERR_STATE, "already approved");
	expect_refused(f, a.uuid, REVIEW_RETURN, "again", SC_ERR_STATE, "already approved");
	assert_int_equal(store_inspection_start(f->db, 0, f->tpl, "李明", a.uuid, &x, &err), SC_ERR_STATE);

	/* return with a reason, then twice refused */
	assert_int_equal(review_decide(f->db, b.uuid, REVIEW_RETURN, "扣分依据不清", "赵主任", &err), SC_OK);
	expect_status(f, b.uuid, "returned");
	assert_int_equal(count(f, "SELECT count(*) FROM review JOIN inspection ON inspection.id ="
			       " review.inspection_id WHERE inspection.uuid = ? AND decision = 'return'"
			       " AND reason = '扣分依据不清'", b.uuid), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'review.return'"
			       " AND subject = ? AND detail = '扣分依据不清'", b.uuid), 1);
	expect_refused(f, b.uuid, REVIEW_RETURN, "again", SC_ERR_STATE, "already returned");
	expect_refused(f, b.uuid, REVIEW_APPROVE, "", SC_ERR_STATE, "amend");

	/* the inspector amends: the draft amendment cannot be decided yet */
	inspect(f, 2, 5, "王芳", 1, b.uuid, &b2);
	assert_string_equal(b2.amends_uuid, b.uuid);
	expect_refused(f, b2.uuid, REVIEW_APPROVE, "", SC_ERR_STATE, "draft");
	struct market_score ms;
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, b2.id, "王芳", &ms, &err), SC_OK);
	expect_status(f, b.uuid, "amended");
	expect_status(f, b2.uuid, "final");
	/* the amended one is out of review; the amendment comes back */
	expect_refused(f, b.uuid, REVIEW_APPROVE, "", SC_ERR_STATE, "amended");
	assert_int_equal(review_decide(f->db, b2.uuid, REVIEW_APPROVE, "ok", "赵主任", &err), SC_OK);
	expect_status(f, b2.uuid, "approved");
	expect_refused(f, b2.uuid, REVIEW_APPROVE, "", SC_ERR_STATE, "already approved");

	/* a returned record can be returned again after a second amendment */
	assert_int_equal(count(f, "SELECT count(*) FROM review WHERE ? IS NOT NULL", ""), 3);
	/* the audit chain still links */
	assert_int_equal(count(f, "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1"
			       " WHERE b.prev_hash <> a.hash AND ? IS NOT NULL", ""), 0);
}

static void test_drilldown_previous(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r1, rd, r2, prev;
	struct market_score ms;
	struct visit_rec v;
	struct review_visit *vis;
	struct review_item *it;
	int n, nv, better, worse;

	/* day 1: M1 5/5, M2 fail (critical), cooked S2 fail, S1 2 of 3 */
	at("2026-03-01T09:00");
	assert_int_equal(store_inspection_start(f->db, f->m[0].id, f->tpl, "李明", NULL, &r1, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r1.id, 0, -1, "M1", V_NONE, 5, 0, "", &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r1.id, 0, -1, "M2", V_FAIL, 0, 3, "厕所脏", &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r1.id, f->cooked[0].id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r1.id, v.id, 1, "S1", V_NONE, 2, 0, "", &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r1.id, v.id, 1, "S2", V_FAIL, 0, 2, "生熟混放", &err), SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r1.id, "李明", &ms, &err), SC_OK);
	/* a later draft on day 2 is never "previous" */
	at("2026-03-02T08:00");
	inspect(f, 0, 0, "王芳", 1, NULL, &rd);
	/* day 2: M1 3/5 (worse), M2 pass (better); veg new; cooked S1 same, S2 pass */
	at("2026-03-02T10:00");
	assert_int_equal(store_inspection_start(f->db, f->m[0].id, f->tpl, "李明", NULL, &r2, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r2.id, 0, -1, "M2", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r2.id, 0, -1, "M1", V_NONE, 3, 1, "积水", &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r2.id, f->veg[0].id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r2.id, v.id, 0, "S1", V_NONE, 3, 0, "", &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r2.id, f->cooked[0].id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r2.id, v.id, 1, "S2", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r2.id, v.id, 1, "S1", V_NONE, 2, 0, "", &err), SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r2.id, "李明", &ms, &err), SC_OK);
	assert_int_equal(store_inspection_get(f->db, r2.id, &r2, &err), SC_OK);
	assert_int_equal(store_inspection_get(f->db, r1.id, &r1, &err), SC_OK);

	/* previous of day 2 is day 1, not the draft; day 1 has none */
	assert_int_equal(review_prev_inspection(f->db, &r2, &prev, &err), SC_OK);
	assert_int_equal(prev.id, r1.id);
	assert_int_equal(review_prev_inspection(f->db, &r1, &prev, &err), SC_ERR_NOTFOUND);

	/* stalls in walking order with their figures */
	assert_int_equal(review_visits(f->db, r2.id, &vis, &nv, &err), SC_OK);
	assert_int_equal(nv, 2);
	assert_string_equal(vis[0].code, "A-01");
	assert_string_equal(vis[1].code, "B-01");
	assert_string_equal(vis[1].vendor, "张三熟食");
	assert_int_equal(vis[1].fails, 1);  /* S1 2 of 3 */
	assert_int_equal(vis[0].fails, 0);

	/* market-wide items by area (whole before toilet), compared with day 1 */
	assert_int_equal(review_items(f->db, &f->cl, r2.id, 0, prev.id, 0, &it, &n, &err), SC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(it[0].item_id, "M1");
	assert_int_equal(it[0].area, 0);
	assert_string_equal(it[1].item_id, "M2");
	assert_int_equal(it[1].area, 1);
	assert_int_equal(it[0].verdict, V_FAIL);
	assert_int_equal(it[0].earned, 3);
	assert_int_equal(it[0].spots, 1);
	assert_string_equal(it[0].note, "积水");
	assert_int_equal(it[0].prev_verdict, V_PASS);
	assert_int_equal(it[0].change, CHG_WORSE);
	assert_int_equal(it[1].prev_verdict, V_FAIL);
	assert_int_equal(it[1].change, CHG_BETTER);
	review_changes(it, n, &better, &worse);
	assert_int_equal(better, 1);
	assert_int_equal(worse, 1);
	free(it);

	/* day 1 market items: critical failure flagged */
	assert_int_equal(review_items(f->db, &f->cl, r1.id, 0, 0, 0, &it, &n, &err), SC_OK);
	assert_int_equal(n, 2);
	assert_true(it[1].failed && it[1].critical);
	assert_true(!it[0].failed && !it[0].critical);
	assert_int_equal(it[1].change, CHG_NONE);
	free(it);

	/* the cooked stall: previous visit is day 1's */
	int64_t pi, pv;
	assert_int_equal(review_prev_visit(f->db, &r2, vis[1].stall_id, &pi, &pv, &err), SC_OK);
	assert_int_equal(pi, r1.id);
	assert_int_equal(review_items(f->db, &f->cl, r2.id, vis[1].id, pi, pv, &it, &n, &err), SC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(it[0].item_id, "S1");  /* template order, not answer order */
	assert_int_equal(it[0].change, CHG_SAME);
	assert_string_equal(it[1].item_id, "S2");
	assert_int_equal(it[1].change, CHG_BETTER);
	assert_int_equal(it[1].prev_verdict, V_FAIL);
	free(it);
	/* the veg stall was never visited before */
	assert_int_equal(review_prev_visit(f->db, &r2, vis[0].stall_id, &pi, &pv, &err), SC_ERR_NOTFOUND);
	free(vis);

	/* an amendment of day 2 compares with day 1, not with what it amends */
	struct inspection_rec a2;
	at("2026-03-02T15:00");
	inspect(f, 0, 7, "李明", 1, r2.uuid, &a2);
	assert_int_equal(review_prev_inspection(f->db, &a2, &prev, &err), SC_OK);
	assert_int_equal(prev.id, r1.id);
}

/* The drill-down's stall figures as the three subqueries per visit gave
 * them before they were read in one pass: the reference. */
static const char figures_ref_sql[] =
	"SELECT (SELECT count(*) FROM answer WHERE answer.visit_id = visit.id"
	"  AND answer.verdict IN ('fail', 'corrected', 'partial') AND coalesce(answer.possible, 1) > 0),"
	" (SELECT coalesce(sum(earned), 0) FROM answer WHERE answer.visit_id = visit.id"
	"  AND answer.possible > 0),"
	" (SELECT coalesce(sum(possible), 0) FROM answer WHERE answer.visit_id = visit.id"
	"  AND answer.possible > 0)"
	" FROM visit WHERE id = ?";

static char traced[8][1024];
static int ntraced;

static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	(void)type, (void)ctx, (void)x;
	const char *sql = sqlite3_sql(p);
	if (sql && ntraced < 8)
		snprintf(traced[ntraced++], sizeof traced[0], "%s", sql);
	return 0;
}

/* How many times the plan of q reaches into table answer. */
static int answer_reads(struct db *db, const char *q)
{
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", q);
	sqlite3_stmt *st;
	int k = 0;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		k += !strncmp(d, "SEARCH answer ", 14) || !strncmp(d, "SCAN answer", 11);
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return k;
}

/* Every stall's figures (failed answers, points earned and possible) are
 * those of the reference, with a visit without answers and n/a answers,
 * and the answers are read once: the drill-down read each three times. */
static void test_visit_figures(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v1, v2;
	struct review_visit *vis;
	int nv, checked = 0;
	sqlite3_stmt *ids, *ref;

	fill(f);
	at("2026-03-04T09:00");
	assert_int_equal(store_inspection_start(f->db, f->m[1].id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->cooked[1].id, &v1, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->veg[1].id, &v2, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v2.id, 0, "S1", V_NA, 0, 0, NULL, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v2.id, 0, "S3", V_FAIL, 0, 1, NULL, &err), SC_OK);

	assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), "SELECT id FROM inspection", -1, &ids, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), figures_ref_sql, -1, &ref, NULL), SQLITE_OK);
	while (sqlite3_step(ids) == SQLITE_ROW) {
		assert_int_equal(review_visits(f->db, sqlite3_column_int64(ids, 0), &vis, &nv, &err), SC_OK);
		for (int i = 0; i < nv; i++, checked++) {
			sqlite3_reset(ref);
			sqlite3_bind_int64(ref, 1, vis[i].id);
			assert_int_equal(sqlite3_step(ref), SQLITE_ROW);
			assert_int_equal(vis[i].fails, sqlite3_column_int(ref, 0));
			assert_true(vis[i].earned == sqlite3_column_double(ref, 1));
			assert_true(vis[i].possible == sqlite3_column_double(ref, 2));
			if (vis[i].id == v1.id) /* no answers */
				assert_true(vis[i].fails == 0 && vis[i].earned == 0 && vis[i].possible == 0);
		}
		free(vis);
	}
	sqlite3_finalize(ids);
	sqlite3_finalize(ref);
	assert_true(checked >= 2 * NI + 2);

	/* the answers of the visits are reached once, by every statement it runs */
	ntraced = 0;
	sqlite3_trace_v2(db_handle(f->db), SQLITE_TRACE_STMT, trace_stmt, NULL);
	assert_int_equal(review_visits(f->db, r.id, &vis, &nv, &err), SC_OK);
	sqlite3_trace_v2(db_handle(f->db), 0, NULL, NULL);
	free(vis);
	assert_int_equal(nv, 2);
	int reads = 0;
	for (int i = 0; i < ntraced; i++)
		reads += answer_reads(f->db, traced[i]);
	assert_int_equal(reads, 1);
}

/* The first full scan of answer, inspection or visit in the plan of sql
 * (copied into out), or 0 when there is none. */
static int full_scan(struct db *db, const char *q, char *out, size_t outsz)
{
	static const char *const bad[] = { "SCAN answer", "SCAN inspection", "SCAN visit" };
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", q);
	sqlite3_stmt *st;
	int found = 0;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		for (int i = 0; i < 3 && !found; i++)
			if (!strncmp(d, bad[i], strlen(bad[i]))) {
				snprintf(out, outsz, "%s", d);
				found = 1;
			}
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return found;
}

/* Every query's plan: no full scan of answer, inspection or visit. */
static void check_plans(struct db *db)
{
	char why[256];
	int nq = 0;
	/* the check itself sees a scan when there is one */
	assert_true(full_scan(db, "SELECT count(*) FROM answer WHERE note = ?", why, sizeof why));
	assert_true(full_scan(db, "SELECT id FROM inspection WHERE inspector = ?", why, sizeof why));
	assert_true(full_scan(db, "SELECT id FROM visit WHERE seq = 1", why, sizeof why));
	for (const char *const *q = review_queries(); *q; q++, nq++)
		if (full_scan(db, *q, why, sizeof why))
			fail_msg("full scan '%s' in: %s", why, *q);
	assert_true(nq >= 7);
}

static void test_query_plans(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	check_plans(f->db);   /* empty tables, no statistics */
	fill(f);
	assert_int_equal(db_exec(f->db, &err, "ANALYZE"), SC_OK);
	check_plans(f->db);   /* with statistics */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_sort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decisions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drilldown_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_figures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_plans, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_cleanup();
	return rc;
}
