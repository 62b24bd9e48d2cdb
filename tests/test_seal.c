/* test_seal: seals chain per device; verify names records changed behind
 * the program's back (the sqlite3 shell), and only those. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "core/device.h"
#include "core/review.h"
#include "core/rowsig.h"
#include "core/seal.h"
#include "core/store.h"
#include "testutil.h"

struct fx {
	struct db *db;
	struct checklist cl;
	struct market_rec m;
	struct stall_rec veg;
	int64_t tpl;
	char uuid[3][UUID_STR];
	char seal[3][SEAL_HEX];
};

static void one(struct fx *f, int k, const char *note)
{
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v;
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "王芳", NULL, &r, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 3, 1, note, &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->veg.id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S1", V_NONE, 2, 0, "", &err), SC_OK);
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, r.id, NULL, NULL, &err), SC_OK);
	snprintf(f->uuid[k], UUID_STR, "%s", r.uuid);
	if (rowsig_batch_on(f->db)) /* sealed at the batch's flush */
		return;
	assert_int_equal(db_text(f->db, &err, f->seal[k], SEAL_HEX, "SELECT seal FROM inspection WHERE id = ?",
				 "I", r.id), SC_OK);
}

static int setup(void **state)
{
	static int n;
	char name[32];
	struct sc_err err;
	struct fx *f = calloc(1, sizeof *f);
	snprintf(name, sizeof name, "seal%d.db", n++);
	assert_int_equal(db_open(&f->db, tu_path(name), DB_CREATE, &err), SC_OK);
	tu_checklist(&f->cl);
	assert_int_equal(store_template_pin(f->db, &f->cl, "[template]\n", &f->tpl, &err), SC_OK);
	snprintf(f->m.name, sizeof f->m.name, "梅林市场");
	assert_int_equal(store_market_add(f->db, &f->m, &err), SC_OK);
	f->veg.market_id = f->m.id;
	snprintf(f->veg.code, sizeof f->veg.code, "A-01");
	snprintf(f->veg.type, sizeof f->veg.type, "veg");
	assert_int_equal(store_stall_add(f->db, &f->cl, &f->veg, &err), SC_OK);
	for (int k = 0; k < 3; k++)
		one(f, k, k == 1 ? "两处积水" : "");
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

struct seen {
	int n;
	char uuid[8][40];
	char what[8][200];
};

static void collect(const struct seal_problem *p, void *ctx)
{
	struct seen *s = ctx;
	if (s->n < 8) {
		snprintf(s->uuid[s->n], 40, "%s", p->uuid);
		snprintf(s->what[s->n], 200, "%s", p->what);
		s->n++;
	}
}

/* seal_verify over the fixture's records, n of them left: the problems */
static int verify_n(struct fx *f, struct seen *s, int n)
{
	struct sc_err err;
	int checked = 0, bad = 0;
	memset(s, 0, sizeof *s);
	assert_int_equal(seal_verify(f->db, collect, s, &checked, &bad, &err), SC_OK);
	assert_int_equal(checked, n);
	return bad;
}

static int verify(struct fx *f, struct seen *s)
{
	return verify_n(f, s, 3);
}

static void test_chain(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	char prev[SEAL_HEX], again[SEAL_HEX];
	struct seen s;
	/* each seal is the hash of its content and the seal before */
	assert_int_equal(db_text(f->db, &err, prev, sizeof prev, "SELECT prev_seal FROM inspection WHERE uuid = ?",
				 "t", f->uuid[0]), SC_OK);
	assert_string_equal(prev, "");
	for (int k = 1; k < 3; k++) {
		assert_int_equal(db_text(f->db, &err, prev, sizeof prev,
					 "SELECT prev_seal FROM inspection WHERE uuid = ?", "t", f->uuid[k]), SC_OK);
		assert_string_equal(prev, f->seal[k - 1]);
		assert_int_equal(seal_compute(f->db, "main", f->uuid[k], f->seal[k - 1], again, NULL, &err), SC_OK);
		assert_string_equal(again, f->seal[k]);
	}
	/* the same content under another previous seal gives another seal */
	assert_int_equal(seal_compute(f->db, "main", f->uuid[1], "", again, NULL, &err), SC_OK);
	assert_string_not_equal(again, f->seal[1]);
	assert_int_equal(strlen(f->seal[0]), 64);
	assert_int_equal(verify(f, &s), 0);
	assert_int_equal(s.n, 0);
	/* a review moves the status, not the seal */
	assert_int_equal(db_run(f->db, &err, "UPDATE inspection SET status = 'approved', rev = rev + 1 WHERE uuid = ?",
				"t", f->uuid[0]), SC_OK);
	assert_int_equal(verify(f, &s), 0);
}

static void test_edits_named(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct seen s;
	/* the score of the first record, as the sqlite3 shell would */
	assert_int_equal(db_run(f->db, &err, "UPDATE inspection SET score = 100 WHERE uuid = ?", "t", f->uuid[0]),
			 SC_OK);
	assert_int_equal(verify(f, &s), 1);
	assert_string_equal(s.uuid[0], f->uuid[0]);
	assert_non_null(strstr(s.what[0], "no longer matches"));
	/* an answer of the second, with the guarding trigger dropped */
	assert_int_equal(db_exec(f->db, &err, "DROP TRIGGER answer_sealed_update"), SC_OK);
	assert_int_equal(db_run(f->db, &err, "UPDATE answer SET note = '无' WHERE item_id = 'M1'"
				" AND inspection_id = (SELECT id FROM inspection WHERE uuid = ?)", "t", f->uuid[1]), SC_OK);
	assert_int_equal(verify(f, &s), 2);
	assert_string_equal(s.uuid[0], f->uuid[0]);
	assert_string_equal(s.uuid[1], f->uuid[1]);
	/* a visit's stall swapped on the third */
	struct stall_rec other = { 0 };
	other.market_id = f->m.id;
	snprintf(other.code, sizeof other.code, "Z-9");
	snprintf(other.type, sizeof other.type, "veg");
	assert_int_equal(store_stall_add(f->db, &f->cl, &other, &err), SC_OK);
	assert_int_equal(db_run(f->db, &err, "UPDATE visit SET stall_id = ? WHERE inspection_id ="
				" (SELECT id FROM inspection WHERE uuid = ?)", "It", other.id, f->uuid[2]), SC_OK);
	assert_int_equal(verify(f, &s), 3);
	assert_string_equal(s.uuid[2], f->uuid[2]);
}

static void test_deleted_record(void **state)
{
	struct fx *f = *state;
	struct seen s;
	/* removing the middle record breaks the chain of this device */
	assert_int_equal(tu_delete_inspection(f->db, f->uuid[1]), 0);
	assert_int_equal(verify_n(f, &s, 2), 2);
	assert_string_equal(s.uuid[0], f->uuid[2]);
	assert_non_null(strstr(s.what[0], "missing"));
	/* and the head this device signed when it sealed that record is gone */
	assert_non_null(strstr(s.what[1], "its device signed as its chain head"));
}

/* The newest record removed (issue 14: verify said "intact"), and then the
 * chain head moved back to the record before it, as someone covering the
 * deletion would: the head this device signed names the missing record. */
static void test_deleted_newest(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct seen s;
	assert_int_equal(tu_delete_inspection(f->db, f->uuid[2]), 0);
	assert_true(verify_n(f, &s, 2) >= 1);
	assert_non_null(strstr(s.what[0], "missing"));
	assert_int_equal(db_run(f->db, &err, "UPDATE meta SET value = ? WHERE key = 'seal_head'", "t",
				f->seal[1]), SC_OK);
	assert_int_equal(verify_n(f, &s, 2), 1);
	assert_non_null(strstr(s.what[0], "its device signed as its chain head"));
}

/* Someone with the database but not the key file changes the second
 * record and reseals it and the one after it, as verify computes seals:
 * every seal matches its content and the chain holds, but the heads the
 * device signed no longer match, and an unsigned head is named too. */
static void test_resealed(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct seen s;
	char prev[SEAL_HEX], seal[SEAL_HEX];
	assert_int_equal(db_exec(f->db, &err, "DROP TRIGGER answer_sealed_update"), SC_OK);
	assert_int_equal(db_run(f->db, &err, "UPDATE answer SET note = '无' WHERE item_id = 'M1'"
				" AND inspection_id = (SELECT id FROM inspection WHERE uuid = ?)", "t", f->uuid[1]), SC_OK);
	snprintf(prev, sizeof prev, "%s", f->seal[0]);
	for (int k = 1; k < 3; k++) {
		assert_int_equal(seal_compute(f->db, "main", f->uuid[k], prev, seal, NULL, &err), SC_OK);
		assert_int_equal(db_run(f->db, &err, "UPDATE inspection SET seal = ?, prev_seal = ? WHERE uuid = ?",
					"ttt", seal, prev, f->uuid[k]), SC_OK);
		snprintf(prev, sizeof prev, "%s", seal);
	}
	assert_int_equal(db_run(f->db, &err, "UPDATE meta SET value = ? WHERE key = 'seal_head'", "t", prev),
			 SC_OK);
	assert_int_equal(verify(f, &s), 3);
	for (int k = 0; k < 2; k++)
		assert_non_null(strstr(s.what[k], "its device signed as its chain head"));
	assert_non_null(strstr(s.what[2], "not one it signed"));
	/* nor can the signatures be made to fit without the key */
	assert_int_equal(db_run(f->db, &err, "UPDATE seal_head SET seal = ? WHERE seal = ?", "tt", prev, f->seal[2]),
			 SC_OK);
	assert_true(verify(f, &s) >= 2);
	assert_non_null(strstr(s.what[s.n - 2], "does not verify"));
	/* with every signature removed, the head is only unsigned (the peers
	 * that hold the signed heads still tell: test_sync) */
	assert_int_equal(db_exec(f->db, &err, "DELETE FROM seal_head"), SC_OK);
	assert_int_equal(verify(f, &s), 0);
	assert_non_null(strstr(s.what[0], "not signed yet"));
}

/* The canonical encoding hashes as it always has, whatever the buffering:
 * every type, a value longer than the hash buffer, rows across its end.
 * The digest was computed apart from this code (Python's hashlib over the
 * encoding seal.h describes): a change here changes every seal there is. */
/* A record's grade ([band.X], schema v15 'grades') is sealed: one given a
 * grade or with its visit's changed no longer verifies, and records without
 * a grade keep the seals they were made with (issue 15). */
static void test_grade_sealed(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct seen s;
	assert_int_equal(verify(f, &s), 0);
	assert_int_equal(db_run(f->db, &err, "UPDATE inspection SET grade = 'a' WHERE uuid = ?", "t", f->uuid[0]),
			 SC_OK);
	assert_int_equal(verify(f, &s), 1);
	assert_string_equal(s.uuid[0], f->uuid[0]);
	assert_int_equal(db_run(f->db, &err, "UPDATE visit SET grade = 'b' WHERE inspection_id ="
				" (SELECT id FROM inspection WHERE uuid = ?)", "t", f->uuid[2]), SC_OK);
	assert_int_equal(verify(f, &s), 2);
	assert_string_equal(s.uuid[1], f->uuid[2]);
}

static void test_known_digest(void **state)
{
	(void)state;
	static const char want[] = "09702e046abec29396cc2b089058aae47220822b870fb6656e724ac9f9f566d1";
	struct db *db;
	struct sc_err err;
	struct seal_buf out = { 0 };
	crypto_hash_sha256_state h;
	unsigned char md[crypto_hash_sha256_BYTES];
	char hex[SEAL_HEX];
	assert_int_equal(db_open(&db, tu_path("digest.db"), DB_CREATE, &err), SC_OK);
	sqlite3_stmt *st = db_q(db, &err, "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n"
				" WHERE k < 300) SELECT k, -k * 1000003, NULL, k / 7.0, '市场' || k, x'00ff1e1f', x'',"
				" CASE WHEN k = 150 THEN replace(hex(zeroblob(5000)), '0', 'x') ELSE '' END,"
				" CASE WHEN k = 1 THEN -9223372036854775808 ELSE 0 END FROM n ORDER BY k", NULL);
	assert_non_null(st);
	crypto_hash_sha256_init(&h);
	assert_int_equal(seal_feed_rows(db, st, &h, &out, &err), SC_OK);
	db_done(db, st);
	crypto_hash_sha256_final(&h, md);
	device_hex(md, sizeof md, hex);
	assert_string_equal(hex, want);
	/* the text kept for conflict records is the stream hashed */
	assert_int_equal(out.len, 34080);
	crypto_hash_sha256(md, (const unsigned char *)out.p, out.len);
	device_hex(md, sizeof md, hex);
	assert_string_equal(hex, want);
	free(out.p);
	db_close(db);
}

/* verify computes every seal in one ordered pass: each is what
 * seal_compute (the per-record reference, also used by sync) gives. On an
 * untouched demo database every seal holds; after edits that change
 * content and the order rows are hashed in (a visit's seq, an item id, a
 * NULL, a real, a removed answer), verify names exactly the records whose
 * seal_compute differs from their seal. */
struct named { char uuid[64][40]; int n; };

static void named_add(const struct seal_problem *p, void *ctx)
{
	struct named *x = ctx;
	if (p->uuid[0] && strstr(p->what, "no longer matches") && x->n < 64)
		snprintf(x->uuid[x->n++], sizeof x->uuid[0], "%s", p->uuid);
}

static void test_verify_pass(void **state)
{
	(void)state;
	struct checklist cl;
	struct db *db;
	struct sc_err err;
	struct demo_opts o = { .markets = 3, .days = 10, .seed = 9, .stalls_min = 3, .stalls_max = 5 };
	int checked, bad;
	snprintf(o.until, sizeof o.until, "2026-03-20");
	tu_clock("2026-04-01T09:00");
	tu_checklist(&cl);
	assert_int_equal(db_open(&db, tu_path("pass.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(demo_generate(db, &cl, "body", &o, NULL, NULL, &err), SC_OK);
	struct named got = { .n = 0 };
	assert_int_equal(seal_verify(db, named_add, &got, &checked, &bad, &err), SC_OK);
	assert_true(checked > 6);
	assert_int_equal(got.n, 0);
	assert_int_equal(bad, 0);
	sqlite3 *h = db_handle(db);
	assert_int_equal(sqlite3_exec(h,
		"DROP TRIGGER answer_sealed_update; DROP TRIGGER answer_sealed_delete;"
		"CREATE TEMP TABLE t AS SELECT id, row_number() OVER (ORDER BY id) AS k FROM inspection WHERE seal IS NOT NULL;"
		/* 1: a note; 2: two visits swap their walking order; 3: an item id
		 * that sorts elsewhere; 4: a NULL; 5: a real score; 6: an answer gone */
		"UPDATE answer SET note = 'x' WHERE id = (SELECT max(id) FROM answer WHERE inspection_id = (SELECT id FROM t WHERE k = 1));"
		"UPDATE visit SET seq = 1000 + (SELECT count(*) FROM visit) - seq WHERE inspection_id = (SELECT id FROM t WHERE k = 2);"
		"UPDATE answer SET item_id = '0' || item_id WHERE id = (SELECT max(id) FROM answer WHERE inspection_id = (SELECT id FROM t WHERE k = 3));"
		"UPDATE answer SET earned = NULL WHERE id = (SELECT min(id) FROM answer WHERE earned IS NOT NULL AND inspection_id = (SELECT id FROM t WHERE k = 4));"
		"UPDATE inspection SET score = 12.25 WHERE id = (SELECT id FROM t WHERE k = 5);"
		"DELETE FROM answer WHERE id = (SELECT min(id) FROM answer WHERE inspection_id = (SELECT id FROM t WHERE k = 6));"
		/* 7: the same answers stored again in reverse: content unchanged */
		"DROP TRIGGER answer_sealed_insert;"
		"CREATE TEMP TABLE r AS SELECT * FROM answer WHERE inspection_id = (SELECT id FROM t WHERE k = 7) ORDER BY id DESC;"
		"DELETE FROM answer WHERE inspection_id = (SELECT id FROM t WHERE k = 7);"
		"INSERT INTO answer(inspection_id, visit_id, item_id, verdict, earned, possible, critical, spots, note,"
		" answered_at) SELECT inspection_id, visit_id, item_id, verdict, earned, possible, critical, spots, note,"
		" answered_at FROM r ORDER BY id DESC;",
		NULL, NULL, NULL), SQLITE_OK);
	/* the reference: seal_compute of each record against its seal */
	struct named want = { .n = 0 };
	static char all[512][2][SEAL_HEX];
	int nall = 0;
	sqlite3_stmt *st = db_q(db, &err, "SELECT uuid, coalesce(prev_seal, ''), seal FROM inspection"
				" WHERE seal IS NOT NULL ORDER BY device, finished_at, uuid", NULL);
	while (db_step(db, st, &err) == 1) {
		char seal[SEAL_HEX], uuid[40], prev[SEAL_HEX];
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
		assert_int_equal(seal_compute(db, "main", uuid, prev, seal, NULL, &err), SC_OK);
		if (strcmp(seal, db_col_text(st, 2)) && want.n < 64)
			snprintf(want.uuid[want.n++], sizeof want.uuid[0], "%s", uuid);
		assert_true(nall < 512);
		snprintf(all[nall][0], SEAL_HEX, "%s", uuid);
		snprintf(all[nall++][1], SEAL_HEX, "%s", seal);
	}
	db_done(db, st);
	assert_int_equal(want.n, 6);
	got.n = 0;
	assert_int_equal(seal_verify(db, named_add, &got, &checked, &bad, &err), SC_OK);
	assert_int_equal(got.n, want.n);
	for (int i = 0; i < want.n; i++)
		assert_string_equal(got.uuid[i], want.uuid[i]);
	/* resealed by the reference, every record holds again for verify */
	for (int i = 0; i < nall; i++)
		assert_int_equal(db_run(db, &err, "UPDATE inspection SET seal = ? WHERE uuid = ?", "tt", all[i][1],
					all[i][0]), SC_OK);
	got.n = 0;
	assert_int_equal(seal_verify(db, named_add, &got, &checked, &bad, &err), SC_OK);
	assert_int_equal(got.n, 0);
	db_close(db);
	checklist_clear(&cl);
	tu_clock(NULL);
}

/* rowsig_verify over the rows of kind: *checked and *unsig as they come,
 * the number of changed ones returned */
static int verify_rows(struct fx *f, int kind, struct seen *s, int *checked, int *unsig)
{
	struct sc_err err;
	int bad = 0;
	memset(s, 0, sizeof *s);
	assert_int_equal(rowsig_verify(f->db, kind, collect, s, checked, unsig, &bad, &err), SC_OK);
	return bad;
}

static int verify_reviews(struct fx *f, struct seen *s, int *checked, int *unsig)
{
	return verify_rows(f, ROWSIG_REVIEW, s, checked, unsig);
}

/* A supervisor's decision changed with the sqlite3 shell fails verify,
 * naming the review and its inspection; a review made before signing is
 * counted, not failed. */
static void test_review_changed(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	struct seen s;
	char ru[UUID_STR];
	int checked, unsig;
	assert_int_equal(review_decide(f->db, f->uuid[0], REVIEW_RETURN, "照片不清", "赵主任", &err), SC_OK);
	assert_int_equal(review_decide(f->db, f->uuid[1], REVIEW_APPROVE, "", "赵主任", &err), SC_OK);
	/* as a version before signing stored it */
	assert_int_equal(db_run(f->db, &err, "INSERT INTO review(uuid, inspection_id, decision, reviewer,"
				" device, at) SELECT '66666666-6666-4666-8666-666666666666', id, 'approve', '赵主任',"
				" device, finished_at FROM inspection WHERE uuid = ?", "t", f->uuid[2]), SC_OK);
	assert_int_equal(verify_reviews(f, &s, &checked, &unsig), 0);
	assert_int_equal(checked, 2);
	assert_int_equal(unsig, 1);
	assert_int_equal(s.n, 0);
	assert_int_equal(db_text(f->db, &err, ru, sizeof ru, "SELECT r.uuid FROM review r JOIN inspection i"
				 " ON i.id = r.inspection_id WHERE i.uuid = ?", "t", f->uuid[0]), SC_OK);
	/* the returned record passed off as approved */
	assert_int_equal(db_exec(f->db, &err, "UPDATE review SET decision = 'approve', reason = ''"
				 " WHERE reason = '照片不清'"), SC_OK);
	assert_int_equal(verify_reviews(f, &s, &checked, &unsig), 1);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.uuid[0], f->uuid[0]);
	assert_non_null(strstr(s.what[0], ru));
	assert_non_null(strstr(s.what[0], "no longer matches its signature"));
	/* the reason alone changed fails too; the seals are not concerned */
	assert_int_equal(db_run(f->db, &err, "UPDATE review SET decision = 'return', reason = '照片不清'"
				" WHERE uuid = ?", "t", ru), SC_OK);
	assert_int_equal(db_exec(f->db, &err, "UPDATE review SET reason = '无问题' WHERE reason = ''"
				 " AND sig IS NOT NULL"), SC_OK);
	assert_int_equal(db_changes(f->db), 1);
	assert_int_equal(verify_reviews(f, &s, &checked, &unsig), 1);
	assert_string_equal(s.uuid[0], f->uuid[1]);
	assert_int_equal(verify(f, &s), 0);
}

/* device_self keeps the public key of the last seed (deriving it is the
 * costly part of a signature): two databases with their own keys in one
 * process, in turn, each get their own pair, and the kept one signs as
 * the derived one does. */
static void test_device_key_kept(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db[2];
	struct device_self me[3];
	unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	static const unsigned char msg[] = "stallcheck";
	assert_int_equal(db_open(&db[0], tu_path("key-a.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(db_open(&db[1], tu_path("key-b.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(device_self(db[0], &me[0], &err), SC_OK);
	assert_int_equal(device_self(db[1], &me[1], &err), SC_OK);
	assert_int_equal(device_self(db[0], &me[2], &err), SC_OK); /* the other key came between */
	assert_memory_not_equal(me[0].pk, me[1].pk, sizeof me[0].pk);
	assert_memory_equal(me[0].sk, me[2].sk, sizeof me[0].sk);
	assert_int_equal(device_self(db[0], &me[2], &err), SC_OK); /* kept: the same pair */
	crypto_sign_seed_keypair(pk, sk, me[2].sk); /* the seed leads the secret key */
	assert_memory_equal(me[2].pk, pk, sizeof pk);
	assert_memory_equal(me[2].sk, sk, sizeof sk);
	crypto_sign_detached(sig, NULL, msg, sizeof msg, me[2].sk);
	assert_int_equal(crypto_sign_verify_detached(sig, msg, sizeof msg, me[0].pk), 0);
	db_close(db[0]);
	db_close(db[1]);
}

/* seal_put_* (a writer's own rows, seal_inspection_rows) encode values as
 * seal_feed_rows encodes the same values stored and read back: text with
 * CJK, integers of both signs, points whole (an integer), fractional (a
 * real) and none (NULL), a row's end. */
static void test_put_as_read(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db;
	struct seal_buf put = { 0 }, read = { 0 };
	static const double pts[] = { 2.0, 0.5, 1.0 / 3, -1.0, 0.0, 1e17, 123456.25 };
	assert_int_equal(db_open(&db, tu_path("enc.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(db_exec(db, &err, "CREATE TABLE t (a TEXT, b INTEGER, c ANY, d ANY) STRICT"), SC_OK);
	for (int i = 0; i < (int)(sizeof pts / sizeof pts[0]); i++) {
		const char *text = i % 2 ? "地面有积水" : "";
		int64_t n = i % 3 == 1 ? -9007199254740993 : 40 * i;
		assert_int_equal(db_run(db, &err, "INSERT INTO t VALUES (?, ?, ?, ?)", "tIpp", text, n, pts[i],
					-pts[i]), SC_OK);
		assert_int_equal(seal_put_text(&put, text) | seal_put_int(&put, n) | seal_put_points(&put, pts[i]) |
				 seal_put_points(&put, -pts[i]) | seal_put_row_end(&put), 0);
	}
	sqlite3_stmt *st = db_q(db, &err, "SELECT a, b, c, d FROM t ORDER BY rowid", NULL);
	assert_non_null(st);
	assert_int_equal(seal_feed_rows(db, st, NULL, &read, &err), SC_OK);
	db_done(db, st);
	assert_true(strstr(read.p, "R3:0.5\x1f") && strstr(read.p, "I1:2\x1f") && strstr(read.p, "N0:\x1f"));
	assert_int_equal(put.len, read.len);
	assert_memory_equal(put.p, read.p, read.len);
	free(put.p);
	free(read.p);
	db_close(db);
}

/* rowsig's signing batch: a transaction rolled back with its batch
 * dropped (flush, write 0) leaves the chain head where it was, so the
 * next transaction's seal links to a kept one; a second batch on the same
 * database goes on from the first's head. */
static void test_batch_dropped(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	int records = -1, broken = -1;
	for (int b = 0; b < 2; b++) {
		assert_int_equal(rowsig_batch_begin(f->db, &err), SC_OK);
		for (int keep = 0; keep < 2; keep++) {
			assert_int_equal(db_begin(f->db, &err), SC_OK);
			one(f, 0, "批量");
			assert_int_equal(rowsig_batch_flush(f->db, keep, &err), SC_OK);
			assert_int_equal(db_end(f->db, keep, &err), SC_OK);
		}
		rowsig_batch_end(f->db);
	}
	assert_int_equal(seal_verify(f->db, NULL, NULL, &records, &broken, &err), SC_OK);
	assert_int_equal(records, 5); /* setup's three, one kept by each batch */
	assert_int_equal(broken, 0);
}

static int commit_refused(void *ctx)
{
	(void)ctx;
	return 1; /* the COMMIT becomes a ROLLBACK, as a full disk makes it */
}

/* A day whose batch was flushed (written) but whose COMMIT then failed:
 * the next day's seal links to the head the database kept, not to the
 * lost day's. A second batch while one is open is refused. */
static void test_batch_commit_failed(void **state)
{
	struct fx *f = *state;
	struct sc_err err;
	int records = -1, broken = -1;
	assert_int_equal(rowsig_batch_begin(f->db, &err), SC_OK);
	assert_int_equal(rowsig_batch_begin(f->db, &err), SC_ERR_STATE);
	assert_non_null(strstr(err.msg, "already open"));
	for (int day = 0; day < 2; day++) {
		assert_int_equal(db_begin(f->db, &err), SC_OK);
		one(f, 0, "批量");
		assert_int_equal(rowsig_batch_flush(f->db, 1, &err), SC_OK);
		sqlite3_commit_hook(db_handle(f->db), day ? NULL : commit_refused, NULL);
		assert_int_equal(db_end(f->db, 1, &err) == SC_OK, day == 1);
	}
	rowsig_batch_end(f->db);
	assert_int_equal(seal_verify(f->db, NULL, NULL, &records, &broken, &err), SC_OK);
	assert_int_equal(records, 4); /* setup's three and the second day's */
	assert_int_equal(broken, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_device_key_kept),
		cmocka_unit_test(test_put_as_read),
		cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_commit_failed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edits_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grade_sealed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_newest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resealed, setup, teardown),
		cmocka_unit_test(test_known_digest),
		cmocka_unit_test(test_verify_pass),
		cmocka_unit_test_setup_teardown(test_review_changed, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_cleanup();
	return rc;
}
