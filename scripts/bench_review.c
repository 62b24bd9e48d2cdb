/* bench_review: time each step of the review on a big database and print
 * the query plans (a benchmark, not a test). Build and run:
 *   make && cc -D_GNU_SOURCE -I. -I/usr/include/iniparser -O2 scripts/bench_review.c \
 *      build/libstallcheck.a $(pkg-config --libs sqlite3 ncursesw libsodium xlsxwriter) \
 *      -liniparser -lm -o build/bench_review
 *   build/bench_review DEMO.db 2026-06-15 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/template.h"
#include "core/review.h"
#include "core/summary.h"

static double ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static struct checklist cl;
static int64_t cl_id;

static const struct checklist *tpl(int64_t id, void *ctx)
{
	(void)ctx;
	return id == cl_id ? &cl : NULL;
}

int main(int argc, char **argv)
{
	struct db *db;
	struct sc_err err;
	struct review_filter f;
	struct review_row *rows;
	struct review_visit *vis;
	struct review_item *it;
	struct inspection_rec r, prev;
	char *body;
	int n, nv, ni;
	double t;

	if (argc < 3 || db_open(&db, argv[1], 0, &err)) {
		fprintf(stderr, "usage: bench_review DB DAY\n");
		return 2;
	}
	for (const char *const *q = review_queries(); *q; q++) {
		char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", *q);
		sqlite3_stmt *st;
		sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
		printf("-- %.70s...\n", *q);
		while (sqlite3_step(st) == SQLITE_ROW)
			printf("   %s\n", sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
		sqlite3_free(sql);
	}
	review_filter_init(&f, argv[2]);
	t = ms();
	if (review_list(db, &f, &rows, &n, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	printf("open the day %s: %d inspections in %.2f ms\n", argv[2], n, ms() - t);
	if (!n)
		return 1;
	t = ms();
	store_inspection_get(db, rows[0].id, &r, &err);
	store_template_body(db, r.template_id, &body, &err);
	template_load_text(body, "pinned", &cl, NULL, &err);
	cl_id = r.template_id;
	free(body);
	printf("load the pinned template: %.2f ms\n", ms() - t);
	t = ms();
	int hp = review_prev_inspection(db, &r, &prev, &err) == SC_OK;
	review_visits(db, r.id, &vis, &nv, &err);
	review_items(db, &cl, r.id, 0, hp ? prev.id : 0, 0, &it, &ni, &err);
	printf("open an inspection (previous, %d stalls, %d market items): %.2f ms\n", nv, ni,
	       ms() - t);
	free(it);
	t = ms();
	int64_t pi = 0, pv = 0;
	review_prev_visit(db, &r, vis[0].stall_id, &pi, &pv, &err);
	review_items(db, &cl, r.id, vis[0].id, pi, pv, &it, &ni, &err);
	printf("open a stall (previous visit, %d answers): %.2f ms\n", ni, ms() - t);
	free(it);
	free(vis);
	struct summary *s;
	t = ms();
	if (summary_build(db, argv[2], argv[2], NULL, tpl, NULL, NULL, NULL, &s, &err) == SC_OK) {
		printf("glance (summary_build of the day): %.2f ms\n", ms() - t);
		summary_free(s);
	} else {
		printf("glance: %s\n", err.msg);
	}
	snprintf(f.to, sizeof f.to, "%.8s28", argv[2]);
	f.sort = RCOL_SCORE;
	snprintf(f.search, sizeof f.search, "卤味");
	t = ms();
	free(rows);
	review_list(db, &f, &rows, &n, &err);
	printf("a month searched for a vendor, sorted by score: %d in %.2f ms\n", n, ms() - t);
	free(rows);
	checklist_clear(&cl);
	db_close(db);
	return 0;
}
