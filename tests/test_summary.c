/* test_summary: the summary model against figures computed independently
 * with plain SQL over a demo database, plus hand-built edge cases. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "core/rectify.h"
#include "core/store.h"
#include "core/collate.h"
#include "core/summary.h"
#include "testutil.h"

struct sfx {
	struct db *db;
	struct checklist cl;
};

static const struct checklist *lookup(int64_t id, void *ctx)
{
	(void)id;
	return &((struct sfx *)ctx)->cl;
}

static void add_hand_rects(struct sfx *f)
{
	struct sc_err err;
	/* opened in period, closed in period, overdue at its end, outside it */
	const char *ins = "INSERT INTO rectification(uuid, inspection_id, market_id, item_id,"
			  " opened_day, deadline, status, closed_day, created_at, updated_at)"
			  " SELECT ?, min(id), min(market_id), 'M1', ?, ?, ?, ?, 'x', 'x' FROM inspection";
	assert_int_equal(db_run(f->db, &err, ins, "ttttt", "r1", "2026-03-12", "2026-03-19", "open", NULL), SC_OK);
	assert_int_equal(db_run(f->db, &err, ins, "ttttt", "r2", "2026-03-01", "2026-03-05", "closed", "2026-03-13"), SC_OK);
	assert_int_equal(db_run(f->db, &err, ins, "ttttt", "r3", "2026-03-02", "2026-03-06", "closed", "2026-03-30"), SC_OK);
	assert_int_equal(db_run(f->db, &err, ins, "ttttt", "r4", "2026-02-01", "2026-02-05", "closed", "2026-02-06"), SC_OK);
	assert_int_equal(db_run(f->db, &err, ins, "ttttt", "r5", "2026-03-18", "2026-03-30", "open", NULL), SC_OK);
}

static int setup(void **state)
{
	static int k;
	char name[32];
	struct sc_err err;
	struct sfx *f = calloc(1, sizeof *f);
	struct demo_opts o = { .markets = 4, .days = 20, .seed = 11, .stalls_min = 4, .stalls_max = 7 };
	snprintf(o.until, sizeof o.until, "2026-03-20");
	snprintf(name, sizeof name, "sum%d.db", k++);
	tu_clock("2026-03-21T09:00"); /* the day after the data: periods lie in the past */
	tu_checklist(&f->cl);
	assert_int_equal(db_open(&f->db, tu_path(name), DB_CREATE, &err), SC_OK);
	assert_int_equal(demo_generate(f->db, &f->cl, "body", &o, NULL, NULL, &err), SC_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct sfx *f = *state;
	tu_clock(NULL);
	db_close(f->db);
	checklist_clear(&f->cl);
	free(f);
	return 0;
}

static int64_t q_int(struct db *db, const char *sql, const char *a, const char *b)
{
	struct sc_err err;
	int64_t v = -1;
	assert_int_equal(db_int(db, &err, &v, sql, "tt", a, b), SC_OK);
	return v;
}

static double q_real(struct db *db, const char *sql, const char *a, const char *b)
{
	struct sc_err err;
	char buf[64];
	assert_int_equal(db_text(db, &err, buf, sizeof buf, sql, "tt", a, b), SC_OK);
	return buf[0] ? atof(buf) : -1;
}

#define LIVE " i.status IN ('final','approved','returned') AND i.day BETWEEN ?1 AND ?2"

static void check_period(struct sfx *f, const char *from, const char *to)
{
	struct sc_err err;
	struct summary *s;
	assert_int_equal(summary_build(f->db, from, to, NULL, lookup, f, NULL, NULL, &s, &err), SC_OK);
	assert_int_equal(s->cur.inspections, q_int(f->db, "SELECT count(*) FROM inspection i WHERE" LIVE, from, to));
	assert_int_equal(s->markets_visited,
			 q_int(f->db, "SELECT count(DISTINCT market_id) FROM inspection i WHERE" LIVE, from, to));
	assert_int_equal(s->stalls_inspected,
			 q_int(f->db, "SELECT count(DISTINCT v.stall_id) FROM visit v JOIN inspection i"
				      " ON i.id = v.inspection_id WHERE" LIVE, from, to));
	assert_int_equal(s->visits, q_int(f->db, "SELECT count(*) FROM visit v JOIN inspection i"
						 " ON i.id = v.inspection_id WHERE" LIVE, from, to));
	/* each visit's stall type, named as the template names it */
	for (int i = 0; i < s->nstalls; i++) {
		const struct sum_type *t = &s->types[s->stalls[i].type];
		int k = checklist_type_index(&f->cl, s->stalls[i].stall_type);
		assert_string_equal(t->code, s->stalls[i].stall_type);
		assert_true(k >= 0);
		assert_string_equal(t->name[LANG_ZH], checklist_name(&f->cl.types[k], LANG_ZH));
	}
	/* critical failures and items carry the item's basis from the template */
	for (int i = 0; i < s->ncriticals; i++) {
		int k = checklist_item_index(&f->cl, s->criticals[i].item_id);
		assert_true(k >= 0);
		assert_string_equal(s->criticals[i].basis[LANG_EN], checklist_basis(&f->cl.items[k], LANG_EN));
	}
	int m2 = 0;
	for (int i = 0; i < s->nitems; i++)
		if (!strcmp(s->items[i].item_id, "M2")) {
			assert_string_equal(s->items[i].basis[LANG_ZH], "依据M2");
			m2 = 1;
		}
	assert_true(m2);
	assert_int_equal(s->cur.fails, q_int(f->db, "SELECT count(*) FROM answer a JOIN inspection i"
						    " ON i.id = a.inspection_id WHERE a.verdict = 'fail' AND" LIVE, from, to));
	assert_int_equal(s->cur.critical, q_int(f->db, "SELECT count(*) FROM answer a JOIN inspection i"
						       " ON i.id = a.inspection_id WHERE a.verdict = 'fail'"
						       " AND a.critical = 1 AND" LIVE, from, to));
	assert_int_equal(s->ncriticals, s->cur.critical);
	assert_int_equal(s->below_pass, q_int(f->db, "SELECT count(*) FROM visit v JOIN inspection i"
						     " ON i.id = v.inspection_id WHERE v.band = 'fail' AND" LIVE, from, to));
	double mean = q_real(f->db, "SELECT coalesce(avg(score), '') FROM inspection i WHERE" LIVE, from, to);
	assert_true(fabs(s->cur.mean - mean) < 1e-9);
	assert_int_equal(s->bands[BAND_FAIL], q_int(f->db, "SELECT count(*) FROM inspection i WHERE"
							   " band = 'fail' AND" LIVE, from, to));
	/* category totals over all markets = possible of answered pass/fail */
	double possible = 0, earned = 0;
	for (int c = 0; c < s->ncategories; c++) {
		possible += s->categories[c].possible;
		earned += s->categories[c].earned;
	}
	assert_true(fabs(possible - q_real(f->db, "SELECT total(a.possible) FROM answer a JOIN inspection i"
					   " ON i.id = a.inspection_id WHERE a.verdict IN ('pass','fail') AND" LIVE,
					   from, to)) < 1e-6);
	assert_true(fabs(earned - q_real(f->db, "SELECT total(a.earned) FROM answer a JOIN inspection i"
					 " ON i.id = a.inspection_id WHERE a.verdict IN ('pass','fail') AND" LIVE,
					 from, to)) < 1e-6);
	/* each market's mean, and the ranking order */
	for (int k = 0; k < s->nmarkets; k++) {
		struct sum_market *m = &s->markets[k];
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT coalesce(avg(score), '') FROM inspection i WHERE"
			 " market_id = %lld AND" LIVE, (long long)m->id);
		/* the mean of the stored scores, rounded once like every score */
		assert_true(fabs(m->score - score_round(q_real(f->db, sql, from, to))) < 1e-9);
		if (k > 0 && m->score >= 0)
			assert_true(s->markets[k - 1].score >= m->score);
		/* and its band: a critical failure in the period fails it */
		snprintf(sql, sizeof sql, "SELECT count(*) FROM answer a JOIN inspection i ON i.id ="
			 " a.inspection_id WHERE a.critical AND a.verdict = 'fail' AND i.market_id = %lld"
			 " AND" LIVE, (long long)m->id);
		int64_t crit = q_int(f->db, sql, from, to);
		assert_int_equal(m->critical, crit);
		if (m->score >= 0)
			assert_int_equal(m->band, crit ? BAND_FAIL : score_band(&f->cl.rules, m->score, 0));
	}
	/* the most failed item: the highest failure rate, then the most failures */
	if (s->nitems > 0 && s->items[0].fails > 0) {
		char top[32];
		assert_int_equal(db_text(f->db, &err, top, sizeof top,
					 "SELECT a.item_id FROM answer a JOIN inspection i ON i.id = a.inspection_id"
					 " WHERE a.verdict IN ('pass','fail') AND" LIVE " GROUP BY a.item_id"
					 " ORDER BY avg(a.verdict = 'fail') DESC, sum(a.verdict = 'fail') DESC,"
					 " a.item_id LIMIT 1", "tt", from, to), SC_OK);
		assert_string_equal(s->items[0].item_id, top);
		char sql[400];
		snprintf(sql, sizeof sql, "SELECT count(DISTINCT i.market_id) FROM answer a JOIN inspection i"
			 " ON i.id = a.inspection_id WHERE a.verdict = 'fail' AND a.item_id = '%s' AND" LIVE, top);
		assert_int_equal(s->items[0].markets, q_int(f->db, sql, from, to));
		snprintf(sql, sizeof sql, "SELECT count(*) FROM answer a JOIN inspection i"
			 " ON i.id = a.inspection_id WHERE a.verdict IN ('pass','fail') AND a.item_id = '%s' AND" LIVE, top);
		assert_int_equal(s->items[0].answered, q_int(f->db, sql, from, to));
	}
	/* inspectors add up, in pinyin order */
	int n = 0;
	for (int k = 0; k < s->ninspectors; k++) {
		n += s->inspectors[k].inspections;
		if (k)
			assert_true(collate_cmp(s->inspectors[k - 1].name, s->inspectors[k].name) < 0);
	}
	assert_int_equal(n, s->cur.inspections);
	/* the previous period of the same length */
	assert_int_equal(s->prev.inspections, q_int(f->db, "SELECT count(*) FROM inspection i WHERE" LIVE,
						    s->prev_from, s->prev_to));
	assert_int_equal(s->prev.fails, q_int(f->db, "SELECT count(*) FROM answer a JOIN inspection i"
						     " ON i.id = a.inspection_id WHERE a.verdict = 'fail' AND" LIVE,
						     s->prev_from, s->prev_to));
	assert_int_equal(clock_day_diff(s->prev_from, s->prev_to), clock_day_diff(from, to));
	assert_int_equal(clock_day_diff(s->prev_to, from), 1);
	summary_free(s);
}

static void test_figures(void **state)
{
	struct sfx *f = *state;
	assert_true(q_int(f->db, "SELECT count(*) FROM inspection i WHERE" LIVE, "2026-03-11", "2026-03-20") > 10);
	check_period(f, "2026-03-11", "2026-03-20");
	check_period(f, "2026-03-01", "2026-03-20");
	check_period(f, "2026-03-15", "2026-03-15");
}

static void test_rects(void **state)
{
	struct sfx *f = *state;
	struct sc_err err;
	struct summary *s;
	/* the demo's own rectifications: overdue at the end of the period is
	 * what the rectification list says as of that day */
	int seen = 0;
	for (int d = 1; d <= 20; d++) {
		char to[CLOCK_DAY];
		snprintf(to, sizeof to, "2026-03-%02d", d);
		assert_int_equal(summary_build(f->db, "2026-03-01", to, NULL, lookup, f, NULL, NULL, &s, &err), SC_OK);
		struct rect_filter rf = { .state = RECT_OVERDUE };
		struct rect_rec *rr;
		int nr;
		snprintf(rf.as_of, sizeof rf.as_of, "%s", to);
		assert_int_equal(rectify_list(f->db, &rf, &rr, &nr, &err), SC_OK);
		free(rr);
		seen += nr;
		assert_int_equal(s->rect_overdue, nr);
		assert_int_equal(s->rect_opened, q_int(f->db, "SELECT count(*) FROM rectification WHERE opened_day"
						       " BETWEEN ?1 AND ?2 AND (superseded_by IS NULL OR superseded_by"
						       " NOT IN (SELECT uuid FROM inspection))", "2026-03-01", to));
		summary_free(s);
	}
	assert_true(seen > 0);
	/* a period that ends after today: overdue as of today, not its end */
	{
		time_t t;
		assert_int_equal(clock_parse("2026-03-10T12:00", &t), 0);
		clock_fix(t);
		assert_int_equal(summary_build(f->db, "2026-03-01", "2026-03-31", NULL, lookup, f, NULL, NULL,
					       &s, &err), SC_OK);
		struct rect_filter rf = { .state = RECT_OVERDUE, .as_of = "2026-03-10" };
		struct rect_rec *rr;
		int nr;
		assert_int_equal(rectify_list(f->db, &rf, &rr, &nr, &err), SC_OK);
		free(rr);
		assert_int_equal(s->rect_overdue, nr);
		summary_free(s);
		tu_clock("2026-03-21T09:00"); /* back to the fixture's day */
	}

	/* by hand, alone: r1 opened+overdue, r2 closed, r3 overdue (closed
	 * after the end), r5 opened; r6 opened, carried into r7 before the
	 * end (not overdue); r8 dropped by an amendment (not counted) */
	assert_int_equal(db_run(f->db, &err, "DELETE FROM rect_event", NULL), SC_OK);
	assert_int_equal(db_run(f->db, &err, "DELETE FROM rectification", NULL), SC_OK);
	add_hand_rects(f);
	const char *ins = "INSERT INTO rectification(uuid, inspection_id, market_id, item_id,"
			  " opened_day, deadline, status, superseded_by, created_at, updated_at)"
			  " SELECT ?, min(id), min(market_id), 'M1', ?, ?, 'open', ?, 'x', 'x' FROM inspection";
	assert_int_equal(db_run(f->db, &err, ins, "tttt", "r6", "2026-03-12", "2026-03-13", "r7"), SC_OK);
	assert_int_equal(db_run(f->db, &err, ins, "tttt", "r7", "2026-03-19", "2026-03-29", NULL), SC_OK);
	assert_int_equal(db_run(f->db, &err, "INSERT INTO rectification(uuid, inspection_id, market_id,"
				" item_id, opened_day, deadline, status, superseded_by, created_at, updated_at)"
				" SELECT 'r8', min(id), min(market_id), 'M2', '2026-03-12', '2026-03-13', 'open',"
				" (SELECT uuid FROM inspection ORDER BY id LIMIT 1), 'x', 'x' FROM inspection", NULL),
		     SC_OK);
	assert_int_equal(summary_build(f->db, "2026-03-11", "2026-03-20", NULL, lookup, f, NULL, NULL, &s, &err), SC_OK);
	assert_int_equal(s->nrects, 6);
	assert_int_equal(s->rect_opened, 4);
	assert_int_equal(s->rect_closed, 1);
	assert_int_equal(s->rect_overdue, 2);
	assert_string_equal(s->rects[0].uuid, "r2"); /* by opened day */
	for (int i = 0; i < s->nrects; i++) /* r6 went into r7 in the period: not open any more */
		assert_int_equal(s->rects[i].carried, strcmp(s->rects[i].uuid, "r6") == 0);
	summary_free(s);
}

static void test_scope_and_empty(void **state)
{
	struct sfx *f = *state;
	struct sc_err err;
	struct summary *s;
	int64_t mid = q_int(f->db, "SELECT min(market_id) FROM inspection WHERE ?1 <> ?2", "a", "b");
	struct summary_scope one = { .markets = &mid, .nmarkets = 1 };
	assert_int_equal(summary_build(f->db, "2026-03-01", "2026-03-20", &one, lookup, f, NULL, NULL, &s, &err), SC_OK);
	assert_int_equal(s->nmarkets, 1);
	assert_true(s->markets[0].id == mid);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM inspection i WHERE market_id = %lld AND" LIVE, (long long)mid);
	assert_int_equal(s->cur.inspections, q_int(f->db, sql, "2026-03-01", "2026-03-20"));
	summary_free(s);

	struct summary_scope nowhere = { .district = "no such district" };
	assert_int_equal(summary_build(f->db, "2026-03-01", "2026-03-20", &nowhere, lookup, f, NULL, NULL, &s, &err), SC_OK);
	assert_int_equal(s->cur.inspections, 0);
	assert_int_equal(s->nmarkets, 0);
	summary_free(s);

	assert_int_equal(summary_build(f->db, "2020-01-01", "2020-01-31", NULL, lookup, f, NULL, NULL, &s, &err), SC_OK);
	assert_int_equal(s->cur.inspections, 0);
	assert_true(s->cur.mean < 0);
	assert_string_equal(s->prev_to, "2019-12-31");
	assert_string_equal(s->prev_from, "2019-12-01");
	summary_free(s);

	assert_int_equal(summary_build(f->db, "2026-03-20", "2026-03-01", NULL, lookup, f, NULL, NULL, &s, &err), SC_ERR_INVALID);
	assert_int_equal(summary_build(f->db, "2026-02-30", "2026-03-01", NULL, lookup, f, NULL, NULL, &s, &err), SC_ERR_INVALID);
}

static void test_bad_text_and_no_template(void **state)
{
	struct sfx *f = *state;
	struct sc_err err;
	struct summary *s;
	/* a synced note with invalid UTF-8 and a control character on a critical failure */
	sqlite3_exec(db_handle(f->db), "DROP TRIGGER answer_sealed_update", NULL, NULL, NULL);
	assert_int_equal(db_run(f->db, &err,
				"UPDATE answer SET verdict = 'fail', critical = 1, earned = 0,"
				" note = CAST(X'3C7363726970743EFF0141' AS TEXT)"
				" WHERE id = (SELECT min(a.id) FROM answer a JOIN inspection i ON i.id = a.inspection_id"
				" WHERE i.day = '2026-03-15' AND i.status <> 'draft' AND i.status <> 'amended')", NULL), SC_OK);
	assert_int_equal(summary_build(f->db, "2026-03-15", "2026-03-15", NULL, lookup, f, NULL, NULL, &s, &err), SC_OK);
	int found = 0;
	for (int i = 0; i < s->ncriticals; i++)
		if (strstr(s->criticals[i].note, "<script>")) {
			assert_string_equal(s->criticals[i].note, "<script>\xEF\xBF\xBD\xEF\xBF\xBD" "A");
			found = 1;
		}
	assert_true(found);
	summary_free(s);
	/* no template: every answer under "?" */
	assert_int_equal(summary_build(f->db, "2026-03-15", "2026-03-15", NULL, NULL, NULL, NULL, NULL, &s, &err), SC_OK);
	assert_int_equal(s->ncategories, 1);
	assert_string_equal(s->categories[0].code, "?");
	summary_free(s);
}

static void test_clean(void **state)
{
	(void)state;
	char out[16];
	assert_string_equal(summary_clean("a\xC3(b", out, sizeof out), "a\xEF\xBF\xBD(b");
	assert_string_equal(summary_clean("x\ty\nz\x01", out, sizeof out), "x\ty\nz\xEF\xBF\xBD");
	assert_string_equal(summary_clean("市场市场市场", out, 8), "市场"); /* cut at a boundary */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_text_and_no_template, setup, teardown),
		cmocka_unit_test(test_clean),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_cleanup();
	return rc;
}
