/* test_store: registry, answers, finalize and amendments on a real file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/template.h"
#include "core/review.h"
#include "core/i18n.h"
#include "core/store.h"
#include "testutil.h"

struct fx {
	struct db *db;
	struct checklist cl;
	struct market_rec m;
	struct stall_rec veg, cooked;
	int64_t tpl;
};

static int setup(void **state)
{
	static int k;
	char name[32];
	struct fx *f = calloc(1, sizeof *f);
	struct sc_err err;
	snprintf(name, sizeof name, "s%d.db", k++);
	assert_int_equal(db_open(&f->db, tu_path(name), DB_CREATE, &err), SC_OK);
	tu_checklist(&f->cl);
	assert_int_equal(store_template_pin(f->db, &f->cl, "[template]\nid=test\n", &f->tpl, &err), SC_OK);
	snprintf(f->m.name, sizeof f->m.name, "东门农贸市场");
	snprintf(f->m.district, sizeof f->m.district, "罗湖区");
	assert_int_equal(store_market_add(f->db, &f->m, &err), SC_OK);
	f->veg.market_id = f->cooked.market_id = f->m.id;
	snprintf(f->veg.code, sizeof f->veg.code, "A-01");
	snprintf(f->veg.type, sizeof f->veg.type, "veg");
	snprintf(f->cooked.code, sizeof f->cooked.code, "B-07");
	snprintf(f->cooked.type, sizeof f->cooked.type, "cooked");
	snprintf(f->cooked.vendor, sizeof f->cooked.vendor, "王记卤味");
	assert_int_equal(store_stall_add(f->db, &f->cl, &f->veg, &err), SC_OK);
	assert_int_equal(store_stall_add(f->db, &f->cl, &f->cooked, &err), SC_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	db_close(f->db);
	checklist_clear(&f->cl);
	free(f);
	return 0;
}

static void test_registry_validation(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec s = { 0 };
	int64_t n;

	snprintf(m.name, sizeof m.name, "   ");
	assert_int_equal(store_market_add(f->db, &m, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "empty"));
	snprintf(m.name, sizeof m.name, "bad \xff name");
	assert_int_equal(store_market_add(f->db, &m, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "UTF-8"));
	/* the same name in the same district is the same market; elsewhere it is not */
	struct market_rec dup = f->m;
	dup.id = 0;
	dup.uuid[0] = 0;
	assert_int_equal(store_market_add(f->db, &dup, &err), SC_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "already exists"));
	snprintf(dup.district, sizeof dup.district, "福田区");
	assert_int_equal(store_market_add(f->db, &dup, &err), SC_OK);
	snprintf(dup.district, sizeof dup.district, "%s", f->m.district); /* renamed onto the first */
	assert_int_equal(store_market_update(f->db, &dup, &err), SC_ERR_CONFLICT);

	s.market_id = f->m.id;
	snprintf(s.code, sizeof s.code, "A-01");
	snprintf(s.type, sizeof s.type, "veg");
	assert_int_equal(store_stall_add(f->db, &f->cl, &s, &err), SC_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "A-01 already exists"));
	snprintf(s.code, sizeof s.code, "a-01"); /* the same code to a reader */
	assert_int_equal(store_stall_add(f->db, &f->cl, &s, &err), SC_ERR_CONFLICT);
	snprintf(s.code, sizeof s.code, "A-02");
	snprintf(s.type, sizeof s.type, "spaceship");
	assert_int_equal(store_stall_add(f->db, &f->cl, &s, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "spaceship"));
	assert_int_equal(db_int(f->db, &err, &n, "SELECT count(*) FROM stall", NULL), SC_OK);
	assert_int_equal(n, 2);

	/* deactivate hides it from the default list */
	struct stall_rec *list;
	int nl;
	f->veg.active = 0;
	assert_int_equal(store_stall_update(f->db, &f->cl, &f->veg, &err), SC_OK);
	assert_int_equal(store_stall_list(f->db, f->m.id, 0, &list, &nl, &err), SC_OK);
	assert_int_equal(nl, 1);
	assert_string_equal(list[0].code, "B-07");
	free(list);
	assert_int_equal(store_stall_list(f->db, f->m.id, 1, &list, &nl, &err), SC_OK);
	assert_int_equal(nl, 2);
	free(list);
}

static void walk(struct fx *f, struct inspection_rec *r)
{
	struct sc_err err;
	struct visit_rec v1, v2;
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, r, &err), SC_OK);
	assert_string_equal(r->status, "draft");
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, 0, -1, "M1", V_NONE, 4, 2, "两处积水", &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, 0, -1, "M2", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r->id, f->veg.id, &v1, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r->id, f->cooked.id, &v2, &err), SC_OK);
	assert_int_equal(v2.seq, 2);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v1.id, 0, "S1", V_NONE, 3, 0, NULL, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v1.id, 0, "S3", V_PASS, 0, 0, NULL, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v2.id, 1, "S1", V_NONE, 1, 0, NULL, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r->id, v2.id, 1, "S2", V_PASS, 0, 0, NULL, &err), SC_OK);
}

static void test_answers_and_score(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r;
	struct market_score ms;
	struct stall_score *ss;
	int nss;
	walk(f, &r);

	/* the resume cursor follows the last answer */
	struct inspection_rec again;
	assert_int_equal(store_inspection_get(f->db, r.id, &again, &err), SC_OK);
	assert_string_equal(again.cursor_item, "S2");
	assert_true(again.cursor_visit > 0);

	/* re-answering replaces, never duplicates */
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 4, 2, "两处积水", &err), SC_OK);
	struct answer_rec *a;
	int na;
	assert_int_equal(store_answer_list(f->db, r.id, -1, &a, &na, &err), SC_OK);
	assert_int_equal(na, 6);
	assert_string_equal(a[0].item_id, "M1");
	assert_int_equal(a[0].verdict, V_FAIL);
	assert_int_equal(a[0].earned, 4);
	assert_int_equal(a[0].spots, 2);
	assert_string_equal(a[0].note, "两处积水");
	free(a);

	assert_int_equal(store_inspection_score(f->db, &f->cl, r.id, &ms, &ss, &nss, &err), SC_OK);
	/* market 7/8; veg 7/7; cooked 3/5 -> 60*.875 + 40*.8 = 84.5 */
	assert_true(fabs(ms.score - 84.5) < 1e-9);
	assert_int_equal(nss, 2);
	assert_true(fabs(ss[1].score - 60.0) < 1e-9);
	free(ss);
}

static void test_bad_answers_change_nothing(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v;
	int64_t n;
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->veg.id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 9, 0, "", &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "out of range"));
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 1, 0, "bad\x01", &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "control"));
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 1, 0, "\xe4\xb8", &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "UTF-8"));
	/* S2 does not apply to a veg stall; S3 refuses n/a; unknown item */
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S2", V_PASS, 0, 0, "", &err), SC_ERR_INVALID);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S3", V_NA, 0, 0, "", &err), SC_ERR_INVALID);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "ZZ9", V_PASS, 0, 0, "", &err), SC_ERR_INVALID);
	/* problem spots go with a failure: on a pass (full points too) they are refused */
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S3", V_PASS, 0, 2, "", &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "problem spots go with a failed item"));
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 5, 1, "", &err), SC_ERR_INVALID);
	assert_int_equal(db_int(f->db, &err, &n, "SELECT count(*) FROM answer", NULL), SC_OK);
	assert_int_equal(n, 0);
	/* a multi-line note is fine */
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 1, 0, "第一行\n第二行", &err), SC_OK);
	/* a note holds 1000 characters, Chinese (3 bytes) or 4-byte ones; not 1001 */
	char note[4100];
	struct answer_rec *an = NULL;
	int nan = 0;
	note[0] = 0;
	for (int i = 0; i < 1000; i++)
		strcat(note, i % 2 ? "\xf0\xa0\x80\x80" : "积");
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 1, 0, note, &err), SC_OK);
	assert_int_equal(store_answer_list(f->db, r.id, 0, &an, &nan, &err), SC_OK);
	assert_int_equal(nan, 1);
	assert_string_equal(an[0].note, note);
	free(an);
	strcat(note, "积");
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 1, 0, note, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "1001 characters, at most 1000"));
}

/* One commit per answer keeps the visit's done flag and the resume
 * cursor; the walk's advance moves the cursor in the same commit. */
static void test_visit_done_and_cursor(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r, again;
	struct visit_rec v;
	int64_t done = -1;
	const char *q = "SELECT done FROM visit WHERE id = ?";
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->veg.id, &v, &err), SC_OK);
	/* a veg stall takes S1 and S3 */
	assert_int_equal(store_answer_save_at(f->db, &f->cl, r.id, v.id, 0, "S1", V_NONE, 2, 0, "", "S3", &err),
			 SC_OK);
	assert_int_equal(db_int(f->db, &err, &done, q, "I", v.id), SC_OK);
	assert_int_equal(done, 0);
	assert_int_equal(store_inspection_get(f->db, r.id, &again, &err), SC_OK);
	assert_string_equal(again.cursor_item, "S3");
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S3", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(db_int(f->db, &err, &done, q, "I", v.id), SC_OK);
	assert_int_equal(done, 1);
	/* undo of a first answer: not done any more, cursor on that item */
	assert_int_equal(store_answer_save_at(f->db, &f->cl, r.id, v.id, 0, "S1", V_PASS, 0, 0, "", "S3", &err),
			 SC_OK);
	assert_int_equal(store_answer_delete(f->db, r.id, v.id, "S1", &err), SC_OK);
	assert_int_equal(db_int(f->db, &err, &done, q, "I", v.id), SC_OK);
	assert_int_equal(done, 0);
	assert_int_equal(store_inspection_get(f->db, r.id, &again, &err), SC_OK);
	assert_string_equal(again.cursor_item, "S1");
	/* a stall the walk only passed through (a visit, no answer) */
	struct visit_rec empty;
	assert_int_equal(store_visit_add(f->db, r.id, f->cooked.id, &empty, &err), SC_OK);
	/* finalize keeps the walk's meaning: a stall with an item unanswered is not done */
	struct market_score ms;
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, NULL, &ms, &err), SC_OK);
	assert_int_equal(db_int(f->db, &err, &done, q, "I", v.id), SC_OK);
	assert_int_equal(done, 0);
	assert_int_equal(store_inspection_get(f->db, r.id, &again, &err), SC_OK);
	assert_int_equal(again.stalls_done, 0);
	/* and the stall passed through was not inspected: its visit is gone */
	int64_t nvis = -1;
	assert_int_equal(db_int(f->db, &err, &nvis, "SELECT count(*) FROM visit WHERE inspection_id = ?",
				"I", r.id), SC_OK);
	assert_int_equal(nvis, 1);
}

/* The walk's undo history is in the database: each walk save keeps the
 * answer it replaced (an unchanged answer keeps nothing), store_undo puts
 * it back or removes a first answer, and finalize clears the history. */
static void test_undo_history(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v;
	struct answer_rec *an;
	int64_t vid = -1, n = -1;
	int nan;
	char item[CL_ID_MAX];
	const char *count = "SELECT count(*) FROM walk_undo WHERE inspection_id = ?";
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->veg.id, &v, &err), SC_OK);
	assert_int_equal(store_undo(f->db, &f->cl, r.id, &vid, item, &err), SC_ERR_NOTFOUND);
	assert_int_equal(store_answer_save_at(f->db, &f->cl, r.id, v.id, 0, "S1", V_PASS, 0, 0, "", NULL, &err),
			 SC_OK);
	assert_int_equal(store_answer_save_at(f->db, &f->cl, r.id, v.id, 0, "S1", V_FAIL, 0, 2, "脏", NULL, &err),
			 SC_OK);
	assert_int_equal(store_answer_save_at(f->db, &f->cl, r.id, v.id, 0, "S1", V_FAIL, 0, 2, "脏", NULL, &err),
			 SC_OK); /* the same again: nothing to undo */
	assert_int_equal(store_answer_save_at(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 1, 0, "", NULL, &err),
			 SC_OK);
	/* copies (amendments) and undo itself keep no history */
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S3", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(db_int(f->db, &err, &n, count, "I", r.id), SC_OK);
	assert_int_equal(n, 3);
	/* last first: M1 goes, then S1 back to a pass, then S1 goes */
	assert_int_equal(store_undo(f->db, &f->cl, r.id, &vid, item, &err), SC_OK);
	assert_int_equal(vid, 0);
	assert_string_equal(item, "M1");
	assert_int_equal(store_undo(f->db, &f->cl, r.id, &vid, item, &err), SC_OK);
	assert_int_equal(vid, v.id);
	assert_string_equal(item, "S1");
	assert_int_equal(store_answer_list(f->db, r.id, v.id, &an, &nan, &err), SC_OK);
	assert_int_equal(nan, 2);
	assert_int_equal(an[0].verdict, V_PASS);
	assert_int_equal(an[0].spots, 0);
	assert_string_equal(an[0].note, "");
	free(an);
	assert_int_equal(store_undo(f->db, &f->cl, r.id, &vid, item, &err), SC_OK);
	assert_int_equal(store_answer_list(f->db, r.id, -1, &an, &nan, &err), SC_OK);
	assert_int_equal(nan, 1); /* S3, saved outside the walk's history */
	free(an);
	assert_int_equal(store_undo(f->db, &f->cl, r.id, &vid, item, &err), SC_ERR_NOTFOUND);
	/* at most STORE_UNDO_MAX kept; finalize clears them */
	for (int i = 0; i < STORE_UNDO_MAX + 5; i++)
		assert_int_equal(store_answer_save_at(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, i % 2, 0, "",
						      NULL, &err), SC_OK);
	assert_int_equal(db_int(f->db, &err, &n, count, "I", r.id), SC_OK);
	assert_int_equal(n, STORE_UNDO_MAX);
	struct market_score ms;
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, NULL, &ms, &err), SC_OK);
	assert_int_equal(db_int(f->db, &err, &n, count, "I", r.id), SC_OK);
	assert_int_equal(n, 0);
}

static void test_finalize_readonly_amend(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r, r2, old;
	struct market_score ms;
	int64_t n;
	walk(f, &r);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, NULL, &ms, &err), SC_OK);
	assert_int_equal(store_inspection_get(f->db, r.id, &r, &err), SC_OK);
	assert_string_equal(r.status, "final");
	assert_true(fabs(r.score - 84.5) < 1e-9);
	assert_int_equal(r.band, BAND_PASS);
	assert_int_equal(r.stalls_done, 2);
	assert_true(r.finished_at[0]);

	/* final is read-only, through the program and behind its back */
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 5, 0, "", &err), SC_ERR_STATE);
	assert_int_not_equal(db_run(f->db, &err, "UPDATE answer SET earned = 5 WHERE inspection_id = ?", "I", r.id), SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, NULL, &ms, &err), SC_ERR_STATE);
	/* in Chinese the status is its word, not the code the database keeps */
	i18n_set_lang(LANG_ZH);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 5, 0, "", &err), SC_ERR_STATE);
	i18n_set_lang(LANG_EN);
	assert_string_equal(err.msg, "这份检查记录已定稿：不能再修改（请新建更正记录来更正）");

	/* an amendment is a new record pointing at the old one */
	assert_int_equal(store_inspection_start(f->db, 0, f->tpl, "李明", r.uuid, &r2, &err), SC_OK);
	assert_string_equal(r2.amends_uuid, r.uuid);
	assert_int_equal(r2.market_id, f->m.id);
	/* and the only one: a second amendment of r is refused, and nothing is added */
	struct inspection_rec d, x;
	assert_int_equal(store_inspection_start(f->db, 0, f->tpl, "李明", r.uuid, &x, &err), SC_ERR_STATE);
	assert_non_null(strstr(err.msg, "already has an amendment"));
	i18n_set_lang(LANG_ZH);
	assert_int_equal(store_inspection_start(f->db, 0, f->tpl, "李明", r.uuid, &x, &err), SC_ERR_STATE);
	i18n_set_lang(LANG_EN);
	assert_non_null(strstr(err.msg, "（草稿）：请先完成那一份"));
	assert_int_equal(store_inspection_amendment(f->db, r.uuid, &x, &err), SC_OK);
	assert_int_equal(x.id, r2.id);
	assert_int_equal(db_int(f->db, &err, &n, "SELECT count(*) FROM inspection", NULL), SC_OK);
	assert_int_equal(n, 2);
	/* a failed insert reports its error, not the last inspection inserted */
	memset(&x, 0, sizeof x);
	assert_int_not_equal(store_inspection_start(f->db, 999, f->tpl, "李明", NULL, &x, &err), SC_OK);
	assert_int_equal(x.id, 0);
	assert_int_equal(db_int(f->db, &err, &n, "SELECT count(*) FROM inspection", NULL), SC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_answer_save(f->db, &f->cl, r2.id, 0, -1, "M1", V_NONE, 5, 0, "", &err), SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r2.id, NULL, &ms, &err), SC_OK);
	assert_int_equal(store_inspection_get(f->db, r.id, &old, &err), SC_OK);
	assert_string_equal(old.status, "amended");
	/* a draft cannot be amended */
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &d, &err), SC_OK);
	assert_int_equal(store_inspection_start(f->db, 0, f->tpl, "李明", d.uuid, &x, &err), SC_ERR_STATE);
	/* the audit chain grew and links */
	assert_int_equal(db_int(f->db, &err, &n, "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1"
				" WHERE b.prev_hash <> a.hash", NULL), SC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(db_int(f->db, &err, &n, "SELECT count(*) FROM audit", NULL), SC_OK);
	assert_true(n >= 5);
}

static void test_drafts_and_device(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r, *d;
	char dev1[UUID_STR], dev2[UUID_STR];
	int n;
	assert_int_equal(store_device_id(f->db, dev1, &err), SC_OK);
	assert_int_equal(store_device_id(f->db, dev2, &err), SC_OK);
	assert_string_equal(dev1, dev2);
	assert_true(uuid_valid(dev1));
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_inspection_drafts(f->db, &d, &n, &err), SC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].uuid, r.uuid);
	assert_string_equal(d[0].device, dev1);
	free(d);
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "  ", NULL, &r, &err), SC_ERR_INVALID);
	/* statuses as people read them */
	assert_string_equal(status_label("returned", LANG_ZH), "已退回");
	assert_string_equal(status_label("final", LANG_EN), "final");
	assert_string_equal(status_label("odd", LANG_ZH), "odd");
	assert_string_equal(status_code("已批准"), "approved"); /* and back, from any language */
	assert_string_equal(status_code("returned"), "returned");
	assert_null(status_code("好的"));

	/* an empty draft can be discarded (a stall entered is still empty);
	 * one with an answer, or a final record, cannot */
	struct inspection_rec e;
	struct visit_rec v;
	int gone = -1;
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &e, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, e.id, f->veg.id, &v, &err), SC_OK);
	assert_int_equal(store_inspection_discard_empty(f->db, e.id, &gone, &err), SC_OK);
	assert_int_equal(gone, 1);
	assert_int_equal(store_inspection_get(f->db, e.id, &e, &err), SC_ERR_NOTFOUND);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M2", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(store_inspection_discard_empty(f->db, r.id, &gone, &err), SC_OK);
	assert_int_equal(gone, 0);
	assert_int_equal(store_inspection_get(f->db, r.id, &e, &err), SC_OK);
	int64_t audits = 0;
	assert_int_equal(db_int(f->db, &err, &audits, "SELECT count(*) FROM audit WHERE action = ?", "t",
				"inspection.discard"), SC_OK);
	assert_int_equal(audits, 1);
}

/* Issue 15, 1: market-wide 47/52 with one veg stall at 25/28 is 89.945...:
 * stored once, rounded, as 89.9 with band pass, and read back as such. */
static void test_band_edge_stored_once(void **state)
{
	struct fx *f = *state;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	struct stall_rec st = { 0 };
	struct inspection_rec r, back;
	struct visit_rec v;
	struct market_score ms;
	int64_t tpl;
	assert_int_equal(template_load(tu_datafile("templates/gbt21720-market.ini"), &cl, &rep, &err), SC_OK);
	assert_int_equal(store_template_pin(f->db, &cl, "default", &tpl, &err), SC_OK);
	st.market_id = f->m.id;
	snprintf(st.code, sizeof st.code, "S01");
	snprintf(st.type, sizeof st.type, "veg");
	assert_int_equal(store_stall_add(f->db, &cl, &st, &err), SC_OK);
	assert_int_equal(store_inspection_start(f->db, f->m.id, tpl, "李明", NULL, &r, &err), SC_OK);
	/* market: H01 H03 H04 H05 (18 points) not observed, 52 left; H07 0/2, O01 1/4 */
	for (int i = 0; i < cl.nitems; i++) {
		const struct cl_item *it = &cl.items[i];
		int verdict = V_PASS, pts = 0;
		/* the areas issue 15 gave items stay unanswered: the sheet as it was */
		if (it->level != LEVEL_MARKET || strstr("F06 F07 F08 O08 F09", it->id))
			continue;
		if (strstr("H01 H03 H04 H05", it->id))
			verdict = V_NOT_OBSERVED;
		else if (!strcmp(it->id, "H07") || !strcmp(it->id, "O01"))
			verdict = V_NONE, pts = !strcmp(it->id, "O01");
		assert_int_equal(store_answer_save(f->db, &cl, r.id, 0, -1, it->id, verdict, pts, 0, "", &err),
				 SC_OK);
	}
	/* veg stall: 28 points apply, H21 0/3 */
	int veg = checklist_type_index(&cl, "veg"), items[128];
	int n = checklist_items_for(&cl, veg, items);
	assert_int_equal(store_visit_add(f->db, r.id, st.id, &v, &err), SC_OK);
	for (int k = 0; k < n; k++) {
		const struct cl_item *it = &cl.items[items[k]];
		int h21 = !strcmp(it->id, "H21");
		assert_int_equal(store_answer_save(f->db, &cl, r.id, v.id, veg, it->id, h21 ? V_NONE : V_PASS, 0,
						   0, "", &err), SC_OK);
	}
	assert_int_equal(store_inspection_score(f->db, &cl, r.id, &ms, NULL, NULL, &err), SC_OK);
	assert_true(ms.score == 89.9); /* the walk's live score */
	assert_int_equal(ms.band, BAND_PASS);
	assert_int_equal(store_inspection_finalize(f->db, &cl, r.id, "李明", &ms, &err), SC_OK);
	assert_true(ms.score == 89.9);
	assert_int_equal(store_inspection_get(f->db, r.id, &back, &err), SC_OK);
	assert_true(back.score == 89.9); /* stored as shown, not 89.95 */
	assert_int_equal(back.band, BAND_PASS);
	struct review_row rr;
	char sc[16];
	assert_int_equal(review_row_get(f->db, r.id, &rr, &err), SC_OK);
	snprintf(sc, sizeof sc, "%.1f", rr.score);
	assert_string_equal(sc, "89.9");
	assert_int_equal(rr.band, BAND_PASS);
	checklist_clear(&cl);
	cfg_report_free(&rep);
}

/* Issue 15, 2: a visit keeps the type it was inspected as; changing the
 * stall's type in the registry during the draft rescores nothing. */
static void test_visit_keeps_type(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v;
	struct market_score ms;
	struct stall_rec s;
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->cooked.id, &v, &err), SC_OK);
	/* S2 fails at a cooked stall: critical there */
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 1, "S2", V_FAIL, 0, 0, "", &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 1, "S1", V_PASS, 0, 0, "", &err), SC_OK);
	s = f->cooked;
	snprintf(s.type, sizeof s.type, "veg");
	snprintf(s.vendor, sizeof s.vendor, "新摊主");
	assert_int_equal(store_stall_update(f->db, &f->cl, &s, &err), SC_OK);
	assert_int_equal(store_inspection_score(f->db, &f->cl, r.id, &ms, NULL, NULL, &err), SC_OK);
	assert_int_equal(ms.critical_fails, 1);
	assert_int_equal(ms.band, BAND_FAIL);
	/* an answer for the registry's new type is refused, not saved under the old */
	assert_int_not_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S3", V_PASS, 0, 0, "", &err),
			     SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, "李明", &ms, &err), SC_OK);
	assert_int_equal(ms.critical_fails, 1);
	assert_int_equal(ms.band, BAND_FAIL);
	/* the record shows the stall as inspected, whatever the registry says now */
	struct review_visit *rv;
	int nrv;
	assert_int_equal(review_visits(f->db, r.id, &rv, &nrv, &err), SC_OK);
	assert_int_equal(nrv, 1);
	assert_string_equal(rv[0].type, "cooked");
	assert_string_equal(rv[0].vendor, "王记卤味");
	assert_int_equal(rv[0].critical_fails, 1);
	free(rv);
}

/* Issue 15, 3: an unanswered item counts as n/a, so an unanswered critical
 * item would skip its veto: finalize names them and refuses */
static void test_unanswered_critical_refused(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v;
	struct store_gap *g;
	int n, ncrit;
	f->cl.rules.allow_unanswered_critical = 0;
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->cooked.id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 1, "S1", V_PASS, 0, 0, "", &err), SC_OK);
	/* a stall only passed through is not listed */
	struct visit_rec passed;
	assert_int_equal(store_visit_add(f->db, r.id, f->veg.id, &passed, &err), SC_OK);
	assert_int_equal(store_unanswered(f->db, &f->cl, r.id, &g, &n, &ncrit, &err), SC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ncrit, 2);
	assert_string_equal(f->cl.items[g[0].item].id, "M2");
	assert_int_equal(g[0].visit_id, 0);
	assert_string_equal(f->cl.items[g[1].item].id, "S2");
	assert_string_equal(g[1].stall_code, "B-07");
	free(g);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, "李明", NULL, &err), SC_ERR_STATE);
	assert_non_null(strstr(err.msg, "M2, B-07 S2"));
	struct inspection_rec still;
	assert_int_equal(store_inspection_get(f->db, r.id, &still, &err), SC_OK);
	assert_string_equal(still.status, "draft");
	/* the template may allow it */
	f->cl.rules.allow_unanswered_critical = 1;
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, "李明", NULL, &err), SC_OK);
}

/* A part as a full scoring and the walk's running score give it: equal to the bit. */
static void same_part(const struct score_part *x, const struct score_part *y)
{
	assert_memory_equal(&x->earned, &y->earned, sizeof x->earned);
	assert_memory_equal(&x->possible, &y->possible, sizeof x->possible);
	assert_int_equal(x->applicable, y->applicable);
	assert_int_equal(x->answered, y->answered);
	assert_int_equal(x->fails, y->fails);
	assert_int_equal(x->critical_fails, y->critical_fails);
}

/* The walk rescores only the place an answer was saved at
 * (store_walk_score_place): over random sequences of answers, changes and
 * removals, in places old and new, its scores, bands and done count are
 * those of a full scoring of the inspection from the database. */
static void test_walk_score_incremental(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct inspection_rec r;
	struct stall_rec more[4];
	int64_t stall[6], visit[6] = { 0 };
	int type[6];
	struct store_walk_score w = { 0 };
	unsigned seed = 12345;
	static const int verdicts[] = { V_PASS, V_FAIL, V_NA, V_NOT_OBSERVED, V_NONE };

	stall[0] = f->veg.id, type[0] = 0;
	stall[1] = f->cooked.id, type[1] = 1;
	for (int i = 0; i < 4; i++) {
		memset(&more[i], 0, sizeof more[i]);
		more[i].market_id = f->m.id;
		snprintf(more[i].code, sizeof more[i].code, "C-%02d", i);
		snprintf(more[i].type, sizeof more[i].type, "%s", i % 2 ? "cooked" : "veg");
		assert_int_equal(store_stall_add(f->db, &f->cl, &more[i], &err), SC_OK);
		stall[2 + i] = more[i].id, type[2 + i] = i % 2;
	}
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "李明", NULL, &r, &err), SC_OK);
	assert_int_equal(store_walk_score_load(f->db, &f->cl, r.id, &w, &err), SC_OK);
	for (int step = 0; step < 600; step++) {
		seed = seed * 1103515245u + 12345u;
		int place = (int)(seed >> 16) % 7 - 1; /* -1: market-wide */
		int64_t vid = 0;
		if (place >= 0 && !visit[place]) { /* a stall reached: a new visit */
			struct visit_rec v;
			assert_int_equal(store_visit_add(f->db, r.id, stall[place], &v, &err), SC_OK);
			visit[place] = v.id;
		}
		if (place >= 0)
			vid = visit[place];
		int items[8], n = checklist_items_for(&f->cl, place >= 0 ? type[place] : -1, items);
		const struct cl_item *it = &f->cl.items[items[(seed >> 8) % (unsigned)n]];
		int v = verdicts[(seed >> 4) % 5], pts = (int)((seed >> 12) % (unsigned)(it->points + 1));
		if ((seed >> 20) % 9 == 0)
			store_answer_delete(f->db, r.id, vid, it->id, &err);
		else
			store_answer_save(f->db, &f->cl, r.id, vid, place >= 0 ? type[place] : -1, it->id, v, pts,
					  v == V_FAIL ? 1 : 0, "", &err); /* refusals (n/a not allowed ...) too */
		struct answer_rec *ans = NULL;
		int na = 0;
		assert_int_equal(store_answer_list(f->db, r.id, vid, &ans, &na, &err), SC_OK);
		assert_int_equal(store_walk_score_place(f->db, &f->cl, r.id, vid, ans, na, &w, &err), SC_OK);
		free(ans);

		struct market_score ms;
		struct stall_score *ss = NULL;
		int nss = 0;
		int64_t done;
		assert_int_equal(store_inspection_score(f->db, &f->cl, r.id, &ms, &ss, &nss, &err), SC_OK);
		assert_int_equal(nss, w.nv);
		same_part(&ms.market, &w.ms.market);
		assert_memory_equal(&ms.score, &w.ms.score, sizeof ms.score);
		assert_memory_equal(&ms.stall_mean, &w.ms.stall_mean, sizeof ms.stall_mean);
		assert_int_equal(ms.stalls_scored, w.ms.stalls_scored);
		assert_int_equal(ms.critical_fails, w.ms.critical_fails);
		assert_int_equal(ms.band, w.ms.band);
		assert_true(ms.score == score_round(ms.score));
		for (int k = 0; k < nss; k++) {
			same_part(&ss[k].p, &w.ss[k].p);
			assert_memory_equal(&ss[k].score, &w.ss[k].score, sizeof ss[k].score);
			assert_int_equal(ss[k].band, w.ss[k].band);
		}
		free(ss);
		assert_int_equal(db_int(f->db, &err, &done, "SELECT count(*) FROM visit WHERE inspection_id = ?"
					" AND done", "I", r.id), SC_OK);
		assert_int_equal(done, w.visits_done);
	}
	assert_true(w.ms.score >= 0);
	store_walk_score_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_registry_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_score_incremental, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers_and_score, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_answers_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_done_and_cursor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_finalize_readonly_amend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drafts_and_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_band_edge_stored_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_keeps_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unanswered_critical_refused, setup, teardown),
	};
	int rc = cmocka_run_group_tests_name("store", tests, NULL, NULL);
	tu_cleanup();
	return rc;
}
