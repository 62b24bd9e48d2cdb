/* test_home: the home screen queries (core/home.c) on a real file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/home.h"
#include "core/rectify.h"
#include "core/store.h"
#include "testutil.h"

static void test_home_queries(void **state)
{
	struct db *db;
	struct checklist cl;
	struct sc_err err;
	struct market_rec m;
	struct stall_rec s;
	struct inspection_rec a, b, old;
	struct visit_rec v;
	struct home_row *rows;
	char dev[UUID_STR];
	int64_t tpl;
	int n, due, open;
	time_t t;
	(void)state;

	assert_int_equal(clock_parse("2026-11-28T09:00", &t), 0);
	clock_fix(t);
	assert_int_equal(db_open(&db, tu_path("home.db"), DB_CREATE, &err), SC_OK);
	tu_checklist(&cl);
	assert_int_equal(home_market_count(db, &n, &err), SC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_template_pin(db, &cl, "[template]\nid=test\n", &tpl, &err), SC_OK);
	memset(&m, 0, sizeof m);
	snprintf(m.name, sizeof m.name, "东门农贸市场");
	assert_int_equal(store_market_add(db, &m, &err), SC_OK);
	memset(&s, 0, sizeof s);
	s.market_id = m.id;
	snprintf(s.code, sizeof s.code, "A-01");
	snprintf(s.type, sizeof s.type, "veg");
	assert_int_equal(store_stall_add(db, &cl, &s, &err), SC_OK);
	/* yesterday: one draft (still listed), one final (not listed) and one
	 * returned (listed: its inspector must amend it) */
	struct inspection_rec ret;
	assert_int_equal(store_inspection_start(db, m.id, tpl, "王", NULL, &old, &err), SC_OK);
	assert_int_equal(store_inspection_start(db, m.id, tpl, "王", NULL, &b, &err), SC_OK);
	assert_int_equal(store_inspection_finalize(db, &cl, b.id, "王", NULL, &err), SC_OK);
	assert_int_equal(store_inspection_start(db, m.id, tpl, "王", NULL, &ret, &err), SC_OK);
	assert_int_equal(store_inspection_finalize(db, &cl, ret.id, "王", NULL, &err), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE inspection SET status = 'returned' WHERE id = ?", "I", ret.id),
			 SC_OK);
	/* today: one draft with a cursor at a stall, one final */
	assert_int_equal(clock_parse("2026-11-29T09:00", &t), 0);
	clock_fix(t);
	assert_int_equal(store_inspection_start(db, m.id, tpl, "王", NULL, &a, &err), SC_OK);
	assert_int_equal(store_visit_add(db, a.id, s.id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(db, &cl, a.id, v.id, 0, "S1", V_PASS, 3, 0, "", &err), SC_OK);
	assert_int_equal(store_inspection_start(db, m.id, tpl, "王", NULL, &b, &err), SC_OK);
	assert_int_equal(store_answer_save(db, &cl, b.id, 0, -1, "M1", V_NONE, 4, 0, "", &err), SC_OK);
	assert_int_equal(store_inspection_finalize(db, &cl, b.id, "王", NULL, &err), SC_OK);

	assert_int_equal(store_device_id(db, dev, &err), SC_OK);
	assert_int_equal(home_today(db, dev, "2026-11-29", &rows, &n, &err), SC_OK);
	assert_int_equal(n, 4);
	int seen_old = 0, seen_a = 0, seen_b = 0, seen_ret = 0;
	for (int i = 0; i < n; i++) {
		assert_string_equal(rows[i].market, "东门农贸市场");
		if (rows[i].r.id == old.id)
			seen_old = 1;
		seen_ret |= rows[i].r.id == ret.id;
		if (rows[i].r.id == a.id) {
			seen_a = 1;
			assert_string_equal(rows[i].stall_code, "A-01");
			assert_string_equal(rows[i].r.cursor_item, "S1");
		}
		if (rows[i].r.id == b.id) {
			seen_b = 1;
			assert_string_equal(rows[i].r.status, "final");
		}
	}
	assert_true(seen_old && seen_a && seen_b && seen_ret);
	free(rows);
	/* another device sees nothing */
	assert_int_equal(home_today(db, "other", "2026-11-29", &rows, &n, &err), SC_OK);
	assert_int_equal(n, 0);
	free(rows);

	char last[CLOCK_TS];
	assert_int_equal(home_unsynced(db, &n, last, &err), SC_OK);
	assert_int_equal(n, 3); /* the two finals and the returned one */
	assert_string_equal(last, "");
	assert_int_equal(home_market_count(db, &n, &err), SC_OK);
	assert_int_equal(n, 1);

	assert_int_equal(db_run(db, &err, "DELETE FROM rect_event", ""), SC_OK);
	assert_int_equal(db_run(db, &err, "DELETE FROM rectification", ""), SC_OK);
	const char *ins = "INSERT INTO rectification(uuid, inspection_id, market_id, item_id, opened_day,"
			  " deadline, status, created_at, updated_at) VALUES (?, ?, ?, 'S1', '2026-11-20', ?, ?, 'x', 'x')";
	assert_int_equal(db_run(db, &err, ins, "tIItt", "r1", a.id, m.id, "2026-11-29", "open"), SC_OK);
	assert_int_equal(db_run(db, &err, ins, "tIItt", "r2", a.id, m.id, "2026-12-05", "open"), SC_OK);
	assert_int_equal(db_run(db, &err, ins, "tIItt", "r3", a.id, m.id, "2026-11-01", "closed"), SC_OK);
	assert_int_equal(db_run(db, &err, ins, "tIItt", "r4", a.id, m.id, "2026-11-02", "open"), SC_OK);
	/* r5 carried r4 into a repeat: only r5 counts */
	assert_int_equal(db_run(db, &err, ins, "tIItt", "r5", a.id, m.id, "2026-11-28", "open"), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE rectification SET superseded_by = 'r5' WHERE uuid = 'r4'", ""),
			 SC_OK);
	assert_int_equal(rectify_count_open(db, "2026-11-29", &due, &open, &err), SC_OK);
	assert_int_equal(due, 1);
	assert_int_equal(open, 3);

	clock_fix(-1);
	checklist_clear(&cl);
	db_close(db);
	tu_cleanup();
}

/* Every statement the home screen's unsent count runs is traced, to be
 * explained. */
static char traced[8][1024];
static int ntraced;

static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	(void)type, (void)ctx, (void)x;
	if (sql && ntraced < 8)
		snprintf(traced[ntraced++], sizeof traced[0], "%s", sql);
	return 0;
}

/* The unsent count of the home screen reads the counter the v13 triggers
 * keep, no inspection row nor index: the first frame stays as fast as the
 * years pile up. */
static void test_home_unsent_plan(void **state)
{
	struct db *db;
	struct sc_err err;
	char last[CLOCK_TS];
	int n;
	(void)state;

	assert_int_equal(db_open(&db, tu_path("plan.db"), DB_CREATE, &err), SC_OK);
	ntraced = 0;
	sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT, trace_stmt, NULL);
	assert_int_equal(home_unsynced(db, &n, last, &err), SC_OK);
	sqlite3_trace_v2(db_handle(db), 0, NULL, NULL);
	assert_true(ntraced > 0);
	for (int i = 0; i < ntraced; i++) {
		char sql[1200], plan[2048] = "";
		snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", traced[i]);
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
		int scans = 0; /* of a whole table, the one-row counter's aside */
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(st, 3);
			scans += strncmp(d, "SCAN", 4) == 0 && strcmp(d, "SCAN sync_unsent") != 0;
			snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s\n", d);
		}
		sqlite3_finalize(st);
		if (scans || strstr(traced[i], "inspection"))
			fail_msg("the unsent count reads inspection rows:\n%s\n%s", traced[i], plan);
	}
	db_close(db);
	tu_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_queries),
		cmocka_unit_test(test_home_unsent_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
