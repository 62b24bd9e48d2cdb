/* test_rectify: the life of a rectification through real inspections in a
 * database file: registration at finalize, follow-ups, repeats, overdue
 * lists at chosen dates, amendments, deadlines across month and year ends
 * in two time zones, and the notice. Also leaves build/.../rectify-e2e.db
 * for tests/e2e/rectify_cli.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/notice.h"
#include "core/rectify.h"
#include "core/score.h"
#include "core/store.h"
#include "testutil.h"

struct fx {
	struct db *db;
	struct checklist cl;
	struct market_rec m, m2;
	struct stall_rec veg, cooked, other;
	int64_t tpl;
};

static char fixture_path[4096], demo_path[4096];

static struct fx *fx_new(const char *path)
{
	struct fx *f = calloc(1, sizeof *f);
	struct sc_err err;
	assert_non_null(f);
	assert_int_equal(db_open(&f->db, path, DB_CREATE, &err), SC_OK);
	tu_checklist(&f->cl);
	assert_int_equal(store_template_pin(f->db, &f->cl, "[template]\nid=test\n", &f->tpl, &err), SC_OK);
	snprintf(f->m.name, sizeof f->m.name, "东门农贸市场");
	snprintf(f->m.code, sizeof f->m.code, "DM");
	snprintf(f->m.address, sizeof f->m.address, "深圳市罗湖区东门路1号");
	assert_int_equal(store_market_add(f->db, &f->m, &err), SC_OK);
	snprintf(f->m2.name, sizeof f->m2.name, "West <Market> & Co");
	assert_int_equal(store_market_add(f->db, &f->m2, &err), SC_OK);
	f->veg.market_id = f->cooked.market_id = f->m.id;
	f->other.market_id = f->m2.id;
	snprintf(f->veg.code, sizeof f->veg.code, "A-01");
	snprintf(f->veg.type, sizeof f->veg.type, "veg");
	snprintf(f->cooked.code, sizeof f->cooked.code, "B-07");
	snprintf(f->cooked.type, sizeof f->cooked.type, "cooked");
	snprintf(f->cooked.vendor, sizeof f->cooked.vendor, "王记卤味");
	snprintf(f->other.code, sizeof f->other.code, "W-1");
	snprintf(f->other.type, sizeof f->other.type, "veg");
	assert_int_equal(store_stall_add(f->db, &f->cl, &f->veg, &err), SC_OK);
	assert_int_equal(store_stall_add(f->db, &f->cl, &f->cooked, &err), SC_OK);
	assert_int_equal(store_stall_add(f->db, &f->cl, &f->other, &err), SC_OK);
	return f;
}

static int setup(void **state)
{
	static int k;
	char name[32];
	snprintf(name, sizeof name, "r%d.db", k++);
	tu_zone("Asia/Shanghai");
	*state = fx_new(tu_path(name));
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	clock_fix(-1);
	db_close(f->db);
	checklist_clear(&f->cl);
	free(f);
	return 0;
}

/* One answer: where 0 = market-wide, 1 = veg stall, 2 = cooked, 3 = the
 * other market's stall. Points items get `points` (below full = fail). */
struct ans {
	int where;
	const char *item;
	int verdict;
	int points;
	int spots;
	const char *note;
};

static void fix_clock(const char *local)
{
	time_t t;
	assert_int_equal(clock_parse(local, &t), 0);
	clock_fix(t);
}

/* Start an inspection at local time `when` of market m, answer, and
 * finalize when asked. Returns the inspection id. */
static int64_t walk(struct fx *f, const struct market_rec *m, const char *when, const char *amends,
		    const struct ans *a, int n, int finalize)
{
	struct inspection_rec ins;
	struct visit_rec v;
	struct sc_err err;
	fix_clock(when);
	int rc = store_inspection_start(f->db, m->id, f->tpl, "李明", amends, &ins, &err);
	if (rc)
		fail_msg("start: %s", err.msg);
	for (int i = 0; i < n; i++) {
		const struct stall_rec *s = a[i].where == 1 ? &f->veg : a[i].where == 2 ? &f->cooked : &f->other;
		int64_t vid = 0;
		if (a[i].where) {
			assert_int_equal(store_visit_add(f->db, ins.id, s->id, &v, &err), SC_OK);
			vid = v.id;
		}
		rc = store_answer_save(f->db, &f->cl, ins.id, vid, a[i].where ? checklist_type_index(&f->cl, s->type) : -1,
				       a[i].item, a[i].verdict, a[i].points, a[i].spots, a[i].note, &err);
		if (rc)
			fail_msg("answer %s: %s", a[i].item, err.msg);
	}
	if (finalize && store_inspection_finalize(f->db, &f->cl, ins.id, NULL, NULL, &err))
		fail_msg("finalize: %s", err.msg);
	return ins.id;
}

static int list(struct fx *f, int state, int64_t market, const char *as_of, struct rect_rec **rs)
{
	struct rect_filter flt = { .state = state, .market_id = market };
	struct sc_err err;
	int n;
	snprintf(flt.as_of, sizeof flt.as_of, "%s", as_of ? as_of : "");
	if (rectify_list(f->db, &flt, rs, &n, &err))
		fail_msg("list: %s", err.msg);
	return n;
}

static int count(struct fx *f, int state, const char *as_of)
{
	struct rect_rec *rs;
	int n = list(f, state, 0, as_of, &rs);
	free(rs);
	return n;
}

static const struct rect_rec *find(const struct rect_rec *rs, int n, const char *item, int64_t stall)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(rs[i].item_id, item) && rs[i].stall_id == stall)
			return &rs[i];
	return NULL;
}

static int64_t q(struct fx *f, const char *sql, const char *arg)
{
	struct sc_err err;
	int64_t v = -1;
	if (db_int(f->db, &err, &v, sql, "t", arg))
		fail_msg("%s: %s", sql, err.msg);
	return v;
}

/* first walk of the test market: three problems */
static const struct ans first[] = {
	{ 0, "M1", V_PASS, 0, 0, "" },
	{ 0, "M2", V_FAIL, 0, 3, "厕所无人保洁" },
	{ 1, "S1", V_NONE, 1, 1, "" },
	{ 1, "S3", V_FAIL, 0, 2, "价签缺失 <b>&" },
	{ 2, "S1", V_PASS, 0, 0, "" },
	{ 2, "S2", V_PASS, 0, 0, "" },
};

static void test_register_fields(void **state)
{
	struct fx *f = *state;
	struct rect_rec *rs;
	int64_t ins = walk(f, &f->m, "2026-03-10T09:30", NULL, first, 6, 1);
	int n = list(f, RECT_ALL, f->m.id, "2026-03-10", &rs);

	assert_int_equal(n, 3);
	/* ordered by deadline: the critical toilet item (1 day) first */
	assert_string_equal(rs[0].item_id, "M2");
	assert_int_equal(rs[0].stall_id, 0);
	assert_string_equal(rs[0].area, "toilet");
	assert_string_equal(rs[0].area_name, "公共厕所");
	assert_string_equal(rs[0].category, "order");
	assert_int_equal(rs[0].critical, 1);
	assert_string_equal(rs[0].finding, "项目M2");
	assert_string_equal(rs[0].finding_en, "Item M2");
	assert_int_equal(rs[0].spots, 3);
	assert_string_equal(rs[0].note, "厕所无人保洁");
	assert_string_equal(rs[0].opened_day, "2026-03-10");
	assert_string_equal(rs[0].deadline, "2026-03-11");
	assert_string_equal(rs[0].status, "open");
	assert_int_equal(rs[0].inspection_id, ins);
	assert_string_equal(rs[0].inspector, "李明");
	assert_string_equal(rs[0].market_name, "东门农贸市场");
	const struct rect_rec *s1 = find(rs, n, "S1", f->veg.id), *s3 = find(rs, n, "S3", f->veg.id);
	assert_non_null(s1);
	assert_non_null(s3);
	assert_string_equal(s1->deadline, "2026-03-17");
	assert_string_equal(s1->stall_code, "A-01");
	assert_string_equal(s3->note, "价签缺失 <b>&");
	assert_int_equal(s3->repeats, 0);
	assert_string_equal(s3->repeat_of, "");
	/* one 'open' event each */
	assert_int_equal(q(f, "SELECT count(*) FROM rect_event WHERE kind = ?", "open"), 3);
	free(rs);
}

/* a note as long as the walk takes (STORE_NOTE_CHARS characters of three
 * bytes) comes back whole in the rectification it registers */
static void test_long_note_whole(void **state)
{
	struct fx *f = *state;
	struct rect_rec *rs;
	static char note[STORE_NOTE_MAX + 4];
	size_t o = 0;
	for (int i = 0; i < STORE_NOTE_CHARS; i++)
		o += (size_t)snprintf(note + o, sizeof note - o, "%s", i % 2 ? "洁" : "脏");
	struct ans a[] = { { 0, "M2", V_FAIL, 0, 1, note } };
	walk(f, &f->m, "2026-03-10T09:30", NULL, a, 1, 1);
	assert_int_equal(list(f, RECT_ALL, f->m.id, "2026-03-10", &rs), 1);
	assert_int_equal(strlen(rs[0].note), 3 * STORE_NOTE_CHARS);
	assert_string_equal(rs[0].note, note);
	/* a follow-up note has the same limit (store_check_note) */
	struct sc_err err;
	int64_t next = walk(f, &f->m, "2026-03-12T09:30", NULL, NULL, 0, 0);
	assert_int_equal(rectify_followup(f->db, rs[0].id, next, 1, note, "李明", &err), SC_OK);
	strcat(note, "多");
	assert_int_equal(rectify_followup(f->db, rs[0].id, next, 0, note, "李明", &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "1001 characters, at most 1000"));
	free(rs);
}

static void test_life_followup_and_repeat(void **state)
{
	struct fx *f = *state;
	struct rect_rec *rs, *open;
	struct sc_err err;
	int nopen;
	walk(f, &f->m, "2026-03-10T09:30", NULL, first, 6, 1);

	/* second walk, five days later: 回头看 first */
	int64_t ins2 = walk(f, &f->m, "2026-03-15T10:00", NULL, NULL, 0, 0);
	assert_int_equal(rectify_open_for_market(f->db, f->m.id, &open, &nopen, &err), SC_OK);
	assert_int_equal(nopen, 3);
	assert_string_equal(open[0].item_id, "M2");
	const struct rect_rec *s3 = find(open, nopen, "S3", f->veg.id);
	const struct rect_rec *s1 = find(open, nopen, "S1", f->veg.id);
	char s3uuid[UUID_STR];
	snprintf(s3uuid, sizeof s3uuid, "%s", s3->uuid);
	assert_int_equal(rectify_followup(f->db, open[0].id, ins2, 1, "已修好", "李明", &err), SC_OK);
	assert_int_equal(rectify_followup(f->db, s3->id, ins2, 0, "仍无价签", "李明", &err), SC_OK);
	int mk = -1;
	assert_int_equal(rectify_mark(f->db, s3->id, ins2, &mk, &err), SC_OK);
	assert_int_equal(mk, RECT_MARK_NOT_FIXED);
	assert_int_equal(rectify_mark(f->db, s3->id, ins2 + 1000, &mk, &err), SC_OK);
	assert_int_equal(mk, RECT_MARK_NONE);
	/* the same mark twice in one walk counts once */
	assert_int_equal(rectify_followup(f->db, s3->id, ins2, 0, "仍无价签", "李明", &err), SC_OK);
	/* closed cannot be followed up again by another walk; other market refused */
	int64_t other = walk(f, &f->m2, "2026-03-15T11:00", NULL, NULL, 0, 0);
	assert_int_equal(rectify_followup(f->db, s1->id, other, 1, "", "x", &err), SC_ERR_INVALID);
	assert_int_equal(rectify_followup(f->db, s1->id, ins2, 1, "bad \x01", "x", &err), SC_ERR_INVALID);
	/* a follow-up records who marked it: no name, no follow-up */
	assert_int_equal(rectify_followup(f->db, s3->id, ins2, 1, "", "", &err), SC_ERR_INVALID);
	assert_int_equal(rectify_followup(f->db, s3->id, ins2, 1, "", NULL, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "[inspector] name"));
	int64_t m2id = open[0].id, s3id = s3->id;
	free(open);

	/* the marks of a draft are pending: nothing closed, no repeat counted yet */
	struct rect_rec one;
	assert_int_equal(rectify_by_uuid(f->db, s3uuid, &one, &err), SC_OK);
	assert_int_equal(one.repeats, 0);
	assert_int_equal(q(f, "SELECT count(*) FROM rectification WHERE status = ?", "closed"), 0);
	assert_int_equal(count(f, RECT_CLOSED, "2026-03-15"), 0);
	/* the short id of the lists (the uuid's end) names it too */
	struct rect_rec by_end;
	assert_int_equal(rectify_by_uuid(f->db, s3uuid + strlen(s3uuid) - RECT_SHORT_ID, &by_end, &err),
			 SC_OK);
	assert_string_equal(by_end.uuid, one.uuid);
	assert_int_equal(rectify_by_uuid(f->db, "zz-not-hex", &by_end, &err), SC_ERR_INVALID);
	/* the state words every list and the workbook use */
	assert_string_equal(rectify_state_label("open", 0, LANG_ZH), "未结");
	assert_string_equal(rectify_state_label("open", 1, LANG_ZH), "逾期");
	assert_string_equal(rectify_state_label("closed", 1, LANG_EN), "closed");
	assert_string_equal(one.status, "open");
	/* the same mark twice is one event */
	assert_int_equal(q(f, "SELECT count(*) FROM rect_event WHERE kind = ?", "not_fixed"), 1);

	/* the walk then finds S3 failing again at the same stall: a repeat,
	 * carried into the new rectification, not counted twice */
	struct sc_err e2;
	struct visit_rec v;
	assert_int_equal(store_visit_add(f->db, ins2, f->veg.id, &v, &e2), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, ins2, v.id, 0, "S3", V_FAIL, 0, 1, "", &e2), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, ins2, 0, -1, "M2", V_PASS, 0, 0, "", &e2), SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, ins2, NULL, NULL, &e2), SC_OK);
	/* sealed with the finalize: M2 closed by ins2 on its day, S3's repeat counted */
	assert_int_equal(q(f, "SELECT count(*) FROM rectification WHERE status = ?", "closed"), 1);
	assert_int_equal(q(f, "SELECT closed_by FROM rectification WHERE status = ?", "closed"), ins2);
	assert_int_equal(q(f, "SELECT count(*) FROM rectification WHERE closed_day = ?", "2026-03-15"), 1);
	assert_int_equal(rectify_by_uuid(f->db, s3uuid, &one, &err), SC_OK);
	assert_int_equal(one.repeats, 1);
	/* a final record takes no more follow-ups */
	assert_int_equal(rectify_followup(f->db, s3id, ins2, 1, "", "x", &err), SC_ERR_STATE);
	assert_int_equal(rectify_followup(f->db, m2id, other, 0, "", "x", &err), SC_ERR_INVALID);

	int n = list(f, RECT_OPEN, f->m.id, "2026-03-15", &rs);
	assert_int_equal(n, 2); /* S1 (old) and S3 (new), not the carried S3 */
	const struct rect_rec *ns3 = find(rs, n, "S3", f->veg.id);
	assert_non_null(ns3);
	assert_string_equal(ns3->repeat_of, s3uuid);
	assert_int_equal(ns3->repeats, 1);
	assert_string_equal(ns3->deadline, "2026-03-22");
	free(rs);
	assert_int_equal(q(f, "SELECT count(*) FROM rectification WHERE superseded_by IS NOT NULL"
			   " AND uuid = ?", s3uuid), 1);
	/* a day before the repeat the carried one still counted as open */
	assert_int_equal(count(f, RECT_OPEN, "2026-03-14"), 3);

	/* third walk: S3 fixed, S1 not fixed then corrected to fixed */
	int64_t ins3 = walk(f, &f->m, "2026-03-25T08:00", NULL, NULL, 0, 0);
	assert_int_equal(rectify_open_for_market(f->db, f->m.id, &open, &nopen, &err), SC_OK);
	assert_int_equal(nopen, 2);
	for (int i = 0; i < nopen; i++) {
		if (!strcmp(open[i].item_id, "S1"))
			assert_int_equal(rectify_followup(f->db, open[i].id, ins3, 0, "", "李明", &err), SC_OK);
		assert_int_equal(rectify_followup(f->db, open[i].id, ins3, 1, "", "李明", &err), SC_OK);
	}
	free(open);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, ins3, NULL, NULL, &err), SC_OK);
	assert_int_equal(count(f, RECT_OPEN, "2026-03-25"), 0);
	assert_int_equal(count(f, RECT_CLOSED, "2026-03-25"), 3);
	assert_int_equal(q(f, "SELECT repeats FROM rectification WHERE item_id = ?", "S1"), 0);

	/* repeats: one at stall A-01 (S3 not fixed, then found again in the
	 * same walk: once); S1's not-fixed was corrected */
	struct rect_repeat_count *rc;
	int nrc;
	assert_int_equal(rectify_repeat_counts(f->db, 0, &rc, &nrc, &err), SC_OK);
	assert_int_equal(nrc, 2);
	assert_int_equal(rc[0].stall_id, 0);
	assert_int_equal(rc[0].market_id, f->m.id);
	assert_int_equal(rc[0].repeats, 1);
	assert_int_equal(rc[1].stall_id, f->veg.id);
	assert_string_equal(rc[1].stall_code, "A-01");
	assert_int_equal(rc[1].repeats, 1);
	free(rc);
}

/* Two drafts mark the same rectification: the first finalized seals it;
 * the second's mark, given before that, changes nothing at its finalize. */
static void test_followup_two_drafts(void **state)
{
	struct fx *f = *state;
	struct rect_rec *open;
	struct sc_err err;
	int nopen;
	static const struct ans m2_ok[] = { { 0, "M2", V_PASS, 0, 0, "" } };
	walk(f, &f->m, "2026-03-10T09:30", NULL, first, 6, 1);
	int64_t a = walk(f, &f->m, "2026-03-15T09:00", NULL, m2_ok, 1, 0);
	int64_t b = walk(f, &f->m, "2026-03-16T09:00", NULL, m2_ok, 1, 0);
	assert_int_equal(rectify_open_for_market(f->db, f->m.id, &open, &nopen, &err), SC_OK);
	assert_string_equal(open[0].item_id, "M2");
	int64_t m2 = open[0].id;
	const struct rect_rec *s1 = find(open, nopen, "S1", f->veg.id);
	assert_non_null(s1);
	int64_t s1id = s1->id;
	free(open);
	assert_int_equal(rectify_followup(f->db, m2, a, 1, "", "李明", &err), SC_OK);
	assert_int_equal(rectify_followup(f->db, m2, b, 0, "", "李明", &err), SC_OK);
	assert_int_equal(rectify_followup(f->db, s1id, b, 1, "", "李明", &err), SC_OK);
	/* an unfinalized draft's marks do nothing: all three still open */
	assert_int_equal(count(f, RECT_OPEN, "2026-03-16"), 3);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, a, NULL, NULL, &err), SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, b, NULL, NULL, &err), SC_OK);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)m2);
	assert_int_equal(q(f, "SELECT closed_by FROM rectification WHERE id = ?", id), a);
	assert_int_equal(q(f, "SELECT repeats FROM rectification WHERE id = ?", id), 0);
	snprintf(id, sizeof id, "%lld", (long long)s1id);
	assert_int_equal(q(f, "SELECT closed_by FROM rectification WHERE id = ?", id), b);
	assert_int_equal(count(f, RECT_OPEN, "2026-03-16"), 1);
}

static void test_repeat_rule(void **state)
{
	struct fx *f = *state;
	struct rect_rec *open, *rs;
	struct sc_err err;
	int nopen;
	const struct ans s3veg[] = { { 1, "S3", V_FAIL, 0, 1, "" } };
	const struct ans s3other[] = { { 3, "S3", V_FAIL, 0, 1, "" } };
	const struct ans m2[] = { { 0, "M2", V_FAIL, 0, 1, "" } };

	walk(f, &f->m, "2026-01-05T09:00", NULL, s3veg, 1, 1);
	walk(f, &f->m, "2026-01-05T09:00", NULL, m2, 1, 1);
	/* fixed on 01-10 */
	int64_t fu = walk(f, &f->m, "2026-01-10T09:00", NULL, NULL, 0, 0);
	assert_int_equal(rectify_open_for_market(f->db, f->m.id, &open, &nopen, &err), SC_OK);
	assert_int_equal(nopen, 2);
	for (int i = 0; i < nopen; i++)
		assert_int_equal(rectify_followup(f->db, open[i].id, fu, 1, "", "李明", &err), SC_OK);
	free(open);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, fu, NULL, NULL, &err), SC_OK);

	/* S3 again 30 days after closing: a repeat; M2 31 days after: new */
	walk(f, &f->m, "2026-02-09T09:00", NULL, s3veg, 1, 1);
	walk(f, &f->m, "2026-02-10T09:00", NULL, m2, 1, 1);
	/* same item at another market's stall: never a repeat */
	walk(f, &f->m2, "2026-02-10T09:00", NULL, s3other, 1, 1);
	int n = list(f, RECT_OPEN, 0, "2026-02-10", &rs);
	assert_int_equal(n, 3);
	const struct rect_rec *a = find(rs, n, "S3", f->veg.id), *b = find(rs, n, "M2", 0),
			      *c = find(rs, n, "S3", f->other.id);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_int_equal(a->repeats, 1);
	assert_true(a->repeat_of[0]);
	assert_int_equal(b->repeats, 0);
	assert_string_equal(b->repeat_of, "");
	assert_int_equal(c->repeats, 0);
	/* the closed one stays closed and listed as such */
	assert_int_equal(count(f, RECT_CLOSED, "2026-02-10"), 2);
	free(rs);
}

static void test_overdue_at_dates(void **state)
{
	struct fx *f = *state;
	struct rect_rec *open;
	struct sc_err err;
	int nopen;
	walk(f, &f->m, "2026-03-10T09:30", NULL, first, 6, 1); /* M2 by 03-11, S1, S3 by 03-17 */

	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-10"), 0);
	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-11"), 0); /* due that day: not yet */
	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-12"), 1);
	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-17"), 1);
	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-18"), 3);
	assert_int_equal(count(f, RECT_OPEN, "2026-03-09"), 0);   /* not found yet */

	/* M2 closed on 03-15: overdue between 03-12 and 03-14, not after */
	int64_t fu = walk(f, &f->m, "2026-03-15T09:00", NULL, NULL, 0, 0);
	assert_int_equal(rectify_open_for_market(f->db, f->m.id, &open, &nopen, &err), SC_OK);
	assert_string_equal(open[0].item_id, "M2");
	assert_int_equal(rectify_followup(f->db, open[0].id, fu, 1, "", "李明", &err), SC_OK);
	free(open);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, fu, NULL, NULL, &err), SC_OK);
	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-14"), 1);
	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-16"), 0);
	assert_int_equal(count(f, RECT_OVERDUE, "2026-03-18"), 2);
	assert_int_equal(count(f, RECT_CLOSED, "2026-03-14"), 0);
	assert_int_equal(count(f, RECT_CLOSED, "2026-03-15"), 1);

	/* filters: category, inspector, market */
	struct rect_filter flt = { .state = RECT_OVERDUE, .category = "order", .as_of = "2026-03-18" };
	struct rect_rec *rs;
	int n;
	assert_int_equal(rectify_list(f->db, &flt, &rs, &n, &err), SC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rs[0].item_id, "S3");
	assert_int_equal(rs[0].overdue, 1);
	free(rs);
	flt.category = NULL;
	flt.inspector = "nobody";
	assert_int_equal(rectify_list(f->db, &flt, &rs, &n, &err), SC_OK);
	assert_int_equal(n, 0);
	free(rs);
	flt.inspector = "李明";
	flt.market_id = f->m2.id;
	assert_int_equal(rectify_list(f->db, &flt, &rs, &n, &err), SC_OK);
	assert_int_equal(n, 0);
	free(rs);
	snprintf(flt.as_of, sizeof flt.as_of, "2026-02-30");
	assert_int_equal(rectify_list(f->db, &flt, &rs, &n, &err), SC_ERR_INVALID);
}

static void test_amendment_supersedes(void **state)
{
	struct fx *f = *state;
	struct inspection_rec orig;
	struct rect_rec *rs;
	struct sc_err err;
	int64_t id = walk(f, &f->m, "2026-05-30T16:00", NULL, first, 6, 1);
	char s3uuid[UUID_STR];
	assert_int_equal(store_inspection_get(f->db, id, &orig, &err), SC_OK);
	int n = list(f, RECT_OPEN, 0, "2026-06-05", &rs);
	assert_int_equal(n, 3);
	snprintf(s3uuid, sizeof s3uuid, "%s", find(rs, n, "S3", f->veg.id)->uuid);
	free(rs);

	/* the amendment (made days later): M2 was a pass, S1 passes, S3 fails
	 * with another note, and S2 at the cooked stall failed */
	const struct ans fix[] = {
		{ 0, "M1", V_PASS, 0, 0, "" },      { 0, "M2", V_PASS, 0, 0, "" },
		{ 1, "S1", V_NONE, 3, 0, "" },      { 1, "S3", V_FAIL, 0, 4, "更正：四处" },
		{ 2, "S1", V_PASS, 0, 0, "" },      { 2, "S2", V_FAIL, 0, 1, "" },
	};
	int64_t am = walk(f, &f->m, "2026-06-03T10:00", orig.uuid, fix, 6, 1);
	n = list(f, RECT_OPEN, 0, "2026-06-05", &rs);
	assert_int_equal(n, 2);
	const struct rect_rec *s3 = find(rs, n, "S3", f->veg.id), *s2 = find(rs, n, "S2", f->cooked.id);
	assert_non_null(s3);
	assert_non_null(s2);
	assert_string_equal(s3->uuid, s3uuid);          /* same problem, corrected in place */
	assert_int_equal(s3->inspection_id, am);
	assert_int_equal(s3->spots, 4);
	assert_string_equal(s3->note, "更正：四处");
	assert_int_equal(s3->repeats, 0);
	assert_string_equal(s2->opened_day, "2026-05-30"); /* found on the original day */
	assert_string_equal(s2->deadline, "2026-06-06");
	assert_int_equal(s2->critical, 1);
	assert_string_equal(s2->deadline, "2026-06-06");
	free(rs);
	/* dropped ones are superseded by the amendment, never listed */
	assert_int_equal(count(f, RECT_ALL, "2026-06-05"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM rectification r JOIN inspection i"
			   " ON i.uuid = r.superseded_by WHERE i.amends_uuid = ?", orig.uuid), 2);
	/* an amendment records no follow-ups (it would close its own findings) */
	struct inspection_rec amr, draft;
	assert_int_equal(store_inspection_get(f->db, am, &amr, &err), SC_OK);
	assert_int_equal(store_inspection_start(f->db, 0, f->tpl, "李明", amr.uuid, &draft, &err), SC_OK);
	n = list(f, RECT_OPEN, 0, "2026-06-05", &rs);
	assert_int_equal(rectify_followup(f->db, rs[0].id, draft.id, 1, "", "李明", &err), SC_ERR_STATE);
	assert_non_null(strstr(err.msg, "an amendment records no follow-ups"));
	free(rs);
	assert_int_equal(list(f, RECT_OPEN, 0, "2026-06-05", &rs), 2);
	free(rs);
}

static void test_deadline_arithmetic(void **state)
{
	(void)state;
	const char *zones[] = { "Asia/Shanghai", "America/New_York", "Pacific/Auckland" };
	for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		char out[CLOCK_DAY];
		tu_zone(zones[z]);
		assert_int_equal(clock_day_add("2026-01-31", 1, out), 0);
		assert_string_equal(out, "2026-02-01");
		assert_int_equal(clock_day_add("2026-12-28", 7, out), 0);
		assert_string_equal(out, "2027-01-04");
		assert_int_equal(clock_day_add("2027-02-25", 7, out), 0);
		assert_string_equal(out, "2027-03-04");
		assert_int_equal(clock_day_add("2028-02-25", 7, out), 0);  /* leap year */
		assert_string_equal(out, "2028-03-03");
		assert_int_equal(clock_day_add("2026-03-05", 7, out), 0);  /* US DST starts 03-08 */
		assert_string_equal(out, "2026-03-12");
		assert_int_equal(clock_day_add("2026-10-30", 3, out), 0);  /* EU/US DST ends */
		assert_string_equal(out, "2026-11-02");
		assert_int_equal(clock_day_add("2026-09-25", 30, out), 0); /* NZ DST starts 09-27 */
		assert_string_equal(out, "2026-10-25");
	}
	tu_zone("Asia/Shanghai");
}

/* The inspection day (and so the deadline) is the local date of the walk. */
static void test_deadline_local_day(void **state)
{
	struct fx *f = *state;
	struct rect_rec *rs;
	const struct ans a[] = { { 1, "S3", V_FAIL, 0, 1, "" }, { 0, "M2", V_FAIL, 0, 1, "" } };
	/* 2026-12-31T17:30Z: 01:30 on New Year's Day in Shanghai */
	walk(f, &f->m, "2026-12-31T17:30:00Z", NULL, a, 2, 1);
	int n = list(f, RECT_ALL, f->m.id, "2027-01-01", &rs);
	assert_int_equal(n, 2);
	assert_string_equal(rs[0].opened_day, "2027-01-01");
	assert_string_equal(rs[0].deadline, "2027-01-02");  /* M2: critical, 1 day */
	assert_string_equal(rs[1].deadline, "2027-01-08");
	free(rs);

	/* the same instant in New York is still 2026-12-31 */
	tu_zone("America/New_York");
	const struct ans b[] = { { 3, "S3", V_FAIL, 0, 1, "" } };
	walk(f, &f->m2, "2026-12-31T17:30:00Z", NULL, b, 1, 1);
	n = list(f, RECT_ALL, f->m2.id, "2027-01-01", &rs);
	assert_int_equal(n, 1);
	assert_string_equal(rs[0].opened_day, "2026-12-31");
	assert_string_equal(rs[0].deadline, "2027-01-07");
	free(rs);
	tu_zone("Asia/Shanghai");
}

static int pdf_stop(long ms, void *ctx)
{
	(void)ms;
	++*(int *)ctx;
	return 1;
}

/* The notice's PDF is stopped by its own watch (notice_opts.watch, as the
 * report's): a stand-in Chromium that never ends is killed, no file. */
static void notice_pdf_stopped(struct db *db, const char *uuid, const struct notice_opts *o)
{
	struct notice_opts pdf = *o;
	struct sc_err err;
	char dir[600], path[9000], old[8192];
	int calls = 0;
	snprintf(old, sizeof old, "%s", getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	snprintf(dir, sizeof dir, "%s/bin", tu_tmpdir());
	mkdir(dir, 0700);
	chmod(tu_write("bin/chromium", "#!/bin/sh\nexec sleep 60\n"), 0700);
	snprintf(path, sizeof path, "%s:%s", dir, old);
	setenv("PATH", path, 1);
	pdf.pdf = 1;
	pdf.watch = pdf_stop;
	pdf.wctx = &calls;
	time_t t0 = time(NULL);
	assert_int_equal(notice_write(db, uuid, &pdf, tu_path("stopped.pdf"), 1, &err), SC_ERR_STATE);
	setenv("PATH", old, 1);
	assert_true(time(NULL) - t0 < 10);
	assert_int_equal(calls, 1);
	assert_int_equal(access(tu_path("stopped.pdf"), F_OK), -1);
}

static void test_notice(void **state)
{
	struct fx *f = *state;
	struct inspection_rec ins;
	struct sc_err err;
	char *html;
	size_t len;
	int64_t id = walk(f, &f->m, "2026-03-10T09:30", NULL, first, 6, 1);
	int64_t draft = walk(f, &f->m, "2026-03-11T09:30", NULL, NULL, 0, 0);

	const struct notice_opts zh = { .lang = LANG_ZH, .unit = "西湖区<市场>监督管理局", .prefix = "西市监整字",
					.tpl_dirs = tu_tpl_dirs() };
	const struct notice_opts en = { .lang = LANG_EN, .unit = "", .prefix = "", .tpl_dirs = tu_tpl_dirs() };
	char no[128];
	assert_int_equal(notice_html(f->db, draft, &zh, &html, &len, &err), SC_ERR_STATE);
	assert_int_equal(notice_number(f->db, draft, "西市监整字", no, sizeof no, &err), SC_ERR_STATE);
	/* no prefix: no number, and none used up */
	assert_int_equal(notice_number(f->db, id, "", no, sizeof no, &err), SC_OK);
	assert_string_equal(no, "");
	assert_int_equal(notice_html(f->db, id, &zh, &html, &len, &err), SC_OK);
	assert_null(strstr(html, "〔2026〕"));
	free(html);
	/* the first number of the year, kept for the inspection */
	assert_int_equal(notice_number(f->db, id, "西市监整字", no, sizeof no, &err), SC_OK);
	assert_string_equal(no, "西市监整字〔2026〕1号");
	assert_int_equal(notice_number(f->db, id, "其他字", no, sizeof no, &err), SC_OK);
	assert_string_equal(no, "西市监整字〔2026〕1号");
	assert_int_equal(notice_html(f->db, id, &zh, &html, &len, &err), SC_OK);
	assert_int_equal(strlen(html), len);
	assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(html, "size:A4"));
	/* the footer's margin box does not inherit the body's font: its own
	 * (else Chromium prints it in a serif) */
	assert_non_null(strstr(html, "@bottom-center{font-family:\"Noto Sans CJK SC\""));
	assert_non_null(strstr(html, "整改通知书"));
	assert_non_null(strstr(html, "东门农贸市场"));
	assert_non_null(strstr(html, "李明"));
	assert_non_null(strstr(html, "2026年3月10日"));
	assert_non_null(strstr(html, "西市监整字〔2026〕1号"));
	assert_non_null(strstr(html, "西湖区&lt;市场&gt;监督管理局"));
	assert_non_null(strstr(html, "盖章处"));
	assert_non_null(strstr(html, "回执"));
	assert_non_null(strstr(html, "问题处数"));
	assert_null(strstr(html, "问题点数"));
	assert_non_null(strstr(html, "counter(pages)"));
	assert_non_null(strstr(html, "公共厕所"));
	assert_non_null(strstr(html, "项目S3"));
	assert_non_null(strstr(html, "2026-03-11"));
	assert_non_null(strstr(html, "2026-03-17"));
	/* the problem found (the note) first, the item it falls under after it */
	const char *found = strstr(html, "<span class=\"found\">价签缺失 &lt;b&gt;&amp;");
	assert_non_null(found);
	assert_non_null(strstr(found, "<span class=\"req\">"));
	assert_null(strstr(html, "<b>&"));
	assert_non_null(strstr(html, "市场开办方（签字）"));
	assert_non_null(strstr(html, "检查人员（签字）"));
	free(html);

	assert_int_equal(store_inspection_get(f->db, id, &ins, &err), SC_OK);
	const char *p = tu_path("notice.html");
	assert_int_equal(notice_write(f->db, ins.uuid, &en, p, 0, &err), SC_OK);
	assert_int_equal(notice_write(f->db, ins.uuid, &en, p, 0, &err), SC_ERR_CONFLICT);
	assert_int_equal(notice_write(f->db, ins.uuid, &en, p, 1, &err), SC_OK);
	assert_int_equal(notice_write(f->db, "nope", &en, p, 1, &err), SC_ERR_NOTFOUND);
	FILE *fp = fopen(p, "r");
	char buf[16384];
	assert_non_null(fp);
	size_t got = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[got] = '\0';
	assert_non_null(strstr(buf, "Rectification Notice"));
	assert_non_null(strstr(buf, "Item S3"));
	assert_non_null(strstr(buf, "Toilet"));
	assert_non_null(strstr(buf, "Market operator (signature)"));
	assert_non_null(strstr(buf, "西市监整字〔2026〕1号")); /* the number it was given */
	notice_pdf_stopped(f->db, ins.uuid, &en);

	/* a clean inspection says so */
	const struct ans clean[] = { { 0, "M2", V_PASS, 0, 0, "" } };
	int64_t ok = walk(f, &f->m2, "2026-03-12T09:30", NULL, clean, 1, 1);
	/* the next notice of the year takes the next number */
	assert_int_equal(notice_number(f->db, ok, "西市监整字", no, sizeof no, &err), SC_OK);
	assert_string_equal(no, "西市监整字〔2026〕2号");
	assert_int_equal(notice_html(f->db, ok, &en, &html, &len, &err), SC_OK);
	assert_non_null(strstr(html, "No problems requiring rectification"));
	assert_non_null(strstr(html, "West &lt;Market&gt; &amp; Co"));
	free(html);
}

/* A database for tests/e2e/rectify_cli.sh: two markets, open, overdue,
 * closed and repeated rectifications, and a draft for a CLI follow-up. */
static void test_make_e2e_fixture(void **state)
{
	(void)state;
	if (!fixture_path[0])
		skip();
	remove(fixture_path);
	tu_zone("Asia/Shanghai");
	struct fx *f = fx_new(fixture_path);
	struct rect_rec *open;
	struct sc_err err;
	int nopen;
	walk(f, &f->m, "2026-03-10T09:30", NULL, first, 6, 1);
	const struct ans w[] = { { 3, "S3", V_FAIL, 0, 2, "价格 \"标签\", 缺失" } };
	walk(f, &f->m2, "2026-03-12T09:30", NULL, w, 1, 1);
	int64_t fu = walk(f, &f->m, "2026-03-15T10:00", NULL, NULL, 0, 0);
	assert_int_equal(rectify_open_for_market(f->db, f->m.id, &open, &nopen, &err), SC_OK);
	assert_int_equal(rectify_followup(f->db, open[0].id, fu, 1, "已修好", "李明", &err), SC_OK);
	const struct rect_rec *s3 = find(open, nopen, "S3", f->veg.id);
	assert_non_null(s3);
	assert_int_equal(rectify_followup(f->db, s3->id, fu, 0, "仍未整改", "李明", &err), SC_OK);
	free(open);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, fu, NULL, NULL, &err), SC_OK);
	walk(f, &f->m, "2026-03-20T10:00", NULL, NULL, 0, 0); /* a draft, for the CLI */
	clock_fix(-1);
	db_close(f->db);
	checklist_clear(&f->cl);
	free(f);
}

/* The demo generator drives follow-ups through this module: its data has
 * open, overdue, closed and repeated rectifications, and never one problem
 * open twice. Left next to the binary for the e2e test. */
static void test_demo_data(void **state)
{
	(void)state;
	struct checklist cl;
	struct sc_err err;
	struct db *db;
	struct rect_rec *rs;
	int64_t v;
	int n;
	struct demo_opts o = { .markets = 3, .days = 30, .seed = 7, .visit_rate = 0.25 };
	const char *path = demo_path[0] ? demo_path : tu_path("demo.db");

	tu_zone("Asia/Shanghai");
	remove(path);
	snprintf(o.until, sizeof o.until, "2026-11-20");
	tu_clock("2026-11-21T09:00"); /* after the data, whatever day the test runs */
	tu_checklist(&cl);
	assert_int_equal(db_open(&db, path, DB_CREATE, &err), SC_OK);
	if (demo_generate(db, &cl, "body", &o, NULL, NULL, &err))
		fail_msg("demo: %s", err.msg);
	struct rect_filter f = { .state = RECT_OPEN, .as_of = "2026-11-20" };
	assert_int_equal(rectify_list(db, &f, &rs, &n, &err), SC_OK);
	assert_true(n > 0);
	free(rs);
	f.state = RECT_OVERDUE;
	assert_int_equal(rectify_list(db, &f, &rs, &n, &err), SC_OK);
	assert_true(n > 0);
	for (int i = 0; i < n; i++)
		assert_true(strcmp(rs[i].deadline, "2026-11-20") < 0);
	free(rs);
	f.state = RECT_CLOSED;
	assert_int_equal(rectify_list(db, &f, &rs, &n, &err), SC_OK);
	assert_true(n > 0);
	free(rs);
	/* every failed answer of a final record has its rectification */
	assert_int_equal(db_int(db, &err, &v, "SELECT count(*) FROM answer a JOIN inspection i"
				" ON i.id = a.inspection_id WHERE a.verdict = 'fail' AND i.status <> 'amended'"
				" AND NOT EXISTS (SELECT 1 FROM rectification r WHERE r.inspection_id = i.id"
				" AND r.item_id = a.item_id AND coalesce(r.stall_id, 0) ="
				" coalesce((SELECT stall_id FROM visit WHERE id = a.visit_id), 0))", NULL), SC_OK);
	assert_int_equal(v, 0);
	/* one problem is never open twice */
	assert_int_equal(db_int(db, &err, &v, "SELECT count(*) FROM (SELECT 1 FROM rectification"
				" WHERE status = 'open' AND superseded_by IS NULL"
				" GROUP BY market_id, coalesce(stall_id, 0), item_id HAVING count(*) > 1)", NULL), SC_OK);
	assert_int_equal(v, 0);
	/* every closed one was closed by a 'fixed' event of its closing walk */
	assert_int_equal(db_int(db, &err, &v, "SELECT count(*) FROM rectification r WHERE status = 'closed'"
				" AND NOT EXISTS (SELECT 1 FROM rect_event e WHERE e.rect_id = r.id"
				" AND e.kind = 'fixed' AND e.inspection_id = r.closed_by)", NULL), SC_OK);
	assert_int_equal(v, 0);
	assert_int_equal(db_int(db, &err, &v, "SELECT count(*) FROM rectification WHERE repeats > 0", NULL),
			 SC_OK);
	assert_true(v > 0);
	struct rect_repeat_count *rc;
	assert_int_equal(rectify_repeat_counts(db, 0, &rc, &n, &err), SC_OK);
	assert_true(n > 0);
	assert_int_equal(rc[0].stall_id, 0);
	/* a market's count is the sum of its stalls' and market-wide counts */
	for (int i = 0; i < n;) {
		int total = rc[i].repeats, sum = 0, j = i + 1;
		for (; j < n && rc[j].market_id == rc[i].market_id; j++)
			sum += rc[j].repeats;
		assert_int_equal(sum, total);
		i = j;
	}
	free(rc);
	db_close(db);
	checklist_clear(&cl);
	tu_clock(NULL);
}

int main(int argc, char **argv)
{
	(void)argc;
	/* build/tests/test_rectify -> build/rectify-e2e.db */
	char self[4096];
	snprintf(self, sizeof self, "%s", argv[0]);
	snprintf(fixture_path, sizeof fixture_path, "%s/../rectify-e2e.db", dirname(self));
	snprintf(self, sizeof self, "%s", argv[0]);
	snprintf(demo_path, sizeof demo_path, "%s/../rectify-demo.db", dirname(self));
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_register_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_note_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_life_followup_and_repeat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_followup_two_drafts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeat_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overdue_at_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_amendment_supersedes, setup, teardown),
		cmocka_unit_test(test_deadline_arithmetic),
		cmocka_unit_test_setup_teardown(test_deadline_local_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice, setup, teardown),
		cmocka_unit_test(test_make_e2e_fixture),
		cmocka_unit_test(test_demo_data),
	};
	int rc = cmocka_run_group_tests_name("rectify", tests, NULL, NULL);
	tu_cleanup();
	return rc;
}
