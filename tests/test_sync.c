/* test_sync: three databases (two inspectors, a supervisor) exchanging
 * bundles through one folder in different orders; faults quarantined with
 * their reasons; conflicts kept; a sync killed with SIGKILL many times. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/device.h"
#include "core/i18n.h"
#include "core/rectify.h"
#include "core/review.h"
#include "core/rowsig.h"
#include "core/schema.h"
#include "core/seal.h"
#include "core/store.h"
#include "core/sync.h"
#include "testutil.h"

struct dev {
	struct db *db;
	struct checklist cl;
	int64_t tpl;
	char id[UUID_STR];
	char pk[DEVICE_PK_HEX];
};

static time_t now_t = 1767225600; /* 2026-01-01 */

static void tick(void)
{
	now_t += 61;
	clock_fix(now_t);
}

/* d's checklist pinned with body as its text, under the hash of the
 * text as the template loader does: import checks it. */
static void pin(struct dev *d, const char *body)
{
	struct sc_err err;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)body, strlen(body));
	device_hex(h, sizeof h, d->cl.hash);
	assert_int_equal(store_template_pin(d->db, &d->cl, body, &d->tpl, &err), SC_OK);
}

static void dev_open(struct dev *d, const char *name)
{
	struct sc_err err;
	struct device_self me;
	memset(d, 0, sizeof *d);
	assert_int_equal(db_open(&d->db, tu_path(name), DB_CREATE, &err), SC_OK);
	tu_checklist(&d->cl);
	pin(d, "[template]\nid=test\n");
	assert_int_equal(device_self(d->db, &me, &err), SC_OK);
	snprintf(d->id, sizeof d->id, "%s", me.id);
	snprintf(d->pk, sizeof d->pk, "%s", me.pk_hex);
}

static void dev_close(struct dev *d)
{
	db_close(d->db);
	checklist_clear(&d->cl);
}

static void trust(struct dev *d, const struct dev *o, const char *role)
{
	struct sc_err err;
	assert_int_equal(device_trust(d->db, o->id, o->pk, role, &err), SC_OK);
}

/* A supervisor s and two inspectors a, b who all trust one another. */
static void office(struct dev *s, struct dev *a, struct dev *b, const char *sn, const char *an,
		   const char *bn)
{
	dev_open(s, sn);
	dev_open(a, an);
	dev_open(b, bn);
	trust(s, a, "inspector");
	trust(s, b, "inspector");
	trust(a, s, "supervisor");
	trust(a, b, "inspector");
	trust(b, s, "supervisor");
	trust(b, a, "inspector");
}

/* S, a supervisor, and A, an inspector, each trusting the other. */
static void pair(struct dev *s, struct dev *a, const char *sn, const char *an)
{
	dev_open(s, sn);
	dev_open(a, an);
	trust(s, a, "inspector");
	trust(a, s, "supervisor");
}

/* A new empty share folder tu_path(name) into dir (512 bytes). */
static void share_new(char *dir, const char *name)
{
	snprintf(dir, 512, "%s", tu_path(name));
	assert_int_equal(mkdir(dir, 0700), 0);
}

static int64_t id_of(struct dev *d, const char *table, const char *uuid)
{
	struct sc_err err;
	char sql[100];
	int64_t id = 0;
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE uuid = ?", table);
	assert_int_equal(db_int(d->db, &err, &id, sql, "t", uuid), SC_OK);
	return id;
}

static int64_t count(struct dev *d, const char *sql)
{
	struct sc_err err;
	int64_t n = -1;
	assert_int_equal(db_int(d->db, &err, &n, sql, NULL), SC_OK);
	return n;
}

/* The home screen's unsent count (the v13 counter) equals the query it
 * replaced, whatever happened: checked after every sync, finalize and review. */
static void unsent_agrees(struct dev *d)
{
	struct sc_err err;
	char last[CLOCK_TS];
	int n = -1;
	assert_int_equal(sync_unsent_inspections(d->db, &n, last, &err), SC_OK);
	assert_int_equal(n, count(d, "SELECT count(*) FROM inspection i WHERE i.status <> 'draft'"
				  " AND i.seal IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_seen s"
				  " WHERE s.kind = 'inspection' AND s.key = i.uuid AND s.stamp = i.seal)"));
}

/* On d: market `name` with one vegetable stall, A-01. */
static void market_with_veg(struct dev *d, const char *name, struct market_rec *m, struct stall_rec *veg)
{
	struct sc_err err;
	snprintf(m->name, sizeof m->name, "%s", name);
	assert_int_equal(store_market_add(d->db, m, &err), SC_OK);
	veg->market_id = m->id;
	snprintf(veg->code, sizeof veg->code, "A-01");
	snprintf(veg->type, sizeof veg->type, "veg");
	assert_int_equal(store_stall_add(d->db, &d->cl, veg, &err), SC_OK);
}

/* A draft inspection of market m over the given stalls (by uuid); legacy:
 * under a uuid as made before uuids named their device (version 7). */
static int legacy_uuid;

static int64_t inspect_begin(struct dev *d, const char *market, const char *s1, const char *s2,
			     const char *note, const char *amends)
{
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v1, v2;
	tick();
	assert_int_equal(store_inspection_start(d->db, id_of(d, "market", market), d->tpl, "李明", amends,
						&r, &err), SC_OK);
	if (legacy_uuid) {
		r.uuid[14] = '7';
		assert_int_equal(db_run(d->db, &err, "UPDATE inspection SET uuid = ? WHERE id = ?", "tI", r.uuid,
					r.id), SC_OK);
	}
	assert_int_equal(store_answer_save(d->db, &d->cl, r.id, 0, -1, "M1", V_NONE, 4, 2, note, &err), SC_OK);
	assert_int_equal(store_answer_save(d->db, &d->cl, r.id, 0, -1, "M2", V_PASS, 0, 0, "", &err), SC_OK);
	assert_int_equal(store_visit_add(d->db, r.id, id_of(d, "stall", s1), &v1, &err), SC_OK);
	/* answered as the type the visit was inspected as (S3 is a veg item, S2 a cooked one) */
	int t1 = checklist_type_index(&d->cl, v1.stall_type);
	assert_int_equal(store_answer_save(d->db, &d->cl, r.id, v1.id, t1, "S1", V_NONE, 2, 0, "地面湿滑", &err), SC_OK);
	assert_int_equal(store_answer_save(d->db, &d->cl, r.id, v1.id, t1, t1 ? "S2" : "S3", V_FAIL, 0, 1, "",
					   &err), SC_OK);
	if (s2) {
		assert_int_equal(store_visit_add(d->db, r.id, id_of(d, "stall", s2), &v2, &err), SC_OK);
		int t2 = checklist_type_index(&d->cl, v2.stall_type);
		assert_int_equal(store_answer_save(d->db, &d->cl, r.id, v2.id, t2, t2 ? "S2" : "S3", V_PASS, 0, 0,
						   "", &err), SC_OK);
	}
	return r.id;
}

static void inspect_end(struct dev *d, int64_t id, char uuid_out[UUID_STR])
{
	struct sc_err err;
	struct market_score ms;
	struct inspection_rec r;
	tick();
	assert_int_equal(store_inspection_finalize(d->db, &d->cl, id, NULL, &ms, &err), SC_OK);
	assert_int_equal(store_inspection_get(d->db, id, &r, &err), SC_OK);
	snprintf(uuid_out, UUID_STR, "%s", r.uuid);
	unsent_agrees(d);
}

/* A finalized inspection of market m over the given stalls (by uuid). */
static void inspect(struct dev *d, const char *market, const char *s1, const char *s2,
		    const char *note, const char *amends, char uuid_out[UUID_STR])
{
	inspect_end(d, inspect_begin(d, market, s1, s2, note, amends), uuid_out);
}

/* A supervisor decision, as the review work will store it. */
static void review(struct dev *d, const char *insp, const char *decision)
{
	struct sc_err err;
	char uuid[UUID_STR], ts[CLOCK_TS];
	tick();
	clock_stamp(ts);
	assert_int_equal(uuid_new(uuid), 0);
	assert_int_equal(db_run(d->db, &err,
		"INSERT INTO review(uuid, inspection_id, decision, reason, reviewer, device, at)"
		" VALUES (?, ?, ?, '请补充', '赵主任', ?, ?)", "tIttt", uuid, id_of(d, "inspection", insp),
		decision, d->id, ts), SC_OK);
	assert_int_equal(db_run(d->db, &err, "UPDATE inspection SET status = ?, rev = rev + 1 WHERE uuid = ?",
				"tt", strcmp(decision, "approve") ? "returned" : "approved", insp), SC_OK);
	unsent_agrees(d);
}

static struct sync_result sync_dev(struct dev *d, const char *dir)
{
	struct sc_err err;
	struct sync_result res;
	tick();
	int rc = sync_run(d->db, dir, NULL, NULL, &res, &err);
	if (rc)
		fprintf(stderr, "sync: %s\n", err.msg);
	assert_int_equal(rc, SC_OK);
	unsent_agrees(d);
	return res;
}

/* Canonical dump of every synced table: rows by uuid, references by uuid,
 * no local ids, no sync bookkeeping, no local-only times. Caller frees. */
static char *dump(struct db *db)
{
	static const char *const q[] = {
		"SELECT uuid, code, name, district, address, active, device, rev, created_at, updated_at"
		" FROM market ORDER BY uuid",
		"SELECT s.uuid, m.uuid, s.code, s.vendor, s.type, s.active, s.device, s.rev, s.created_at,"
		" s.updated_at FROM stall s JOIN market m ON m.id = s.market_id ORDER BY s.uuid",
		"SELECT hash, tpl_id, version, body FROM template ORDER BY hash",
		"SELECT i.uuid, m.uuid, t.hash, i.inspector, i.device, i.day, i.started_at, i.finished_at,"
		" i.status, i.amends_uuid, i.score, i.band, i.critical_fails, i.stalls_done, i.seal,"
		" i.prev_seal, i.created_at, i.grade FROM inspection i JOIN market m ON m.id = i.market_id"
		" JOIN template t ON t.id = i.template_id WHERE i.status <> 'draft' ORDER BY i.uuid",
		"SELECT v.uuid, i.uuid, s.uuid, v.seq, v.score, v.band, v.critical_fails, v.done, v.created_at,"
		" v.grade FROM visit v JOIN inspection i ON i.id = v.inspection_id JOIN stall s ON s.id = v.stall_id"
		" WHERE i.status <> 'draft' ORDER BY v.uuid",
		"SELECT i.uuid, coalesce(v.uuid, ''), a.item_id, a.verdict, a.earned, a.possible, a.critical,"
		" a.spots, a.note, a.answered_at FROM answer a JOIN inspection i ON i.id = a.inspection_id"
		" LEFT JOIN visit v ON v.id = a.visit_id WHERE i.status <> 'draft' ORDER BY 1, 2, 3",
		"SELECT r.uuid, i.uuid, r.decision, r.reason, r.reviewer, r.device, r.at FROM review r"
		" JOIN inspection i ON i.id = r.inspection_id ORDER BY r.uuid",
		"SELECT x.uuid, i.uuid, x.item_id, x.status, x.note, x.rev, x.updated_at, c.uuid,"
		" x.superseded_by, x.finding_en, x.area_name, x.critical, x.category, x.repeats"
		" FROM rectification x JOIN inspection i ON i.id = x.inspection_id"
		" LEFT JOIN inspection c ON c.id = x.closed_by ORDER BY x.uuid",
		"SELECT e.uuid, x.uuid, e.kind, e.note, e.at FROM rect_event e"
		" JOIN rectification x ON x.id = e.rect_id ORDER BY e.uuid",
	};
	struct seal_buf b = { 0 };
	struct sc_err err;
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		sqlite3_stmt *st = db_q(db, &err, q[i], NULL);
		assert_non_null(st);
		assert_int_equal(seal_feed_rows(db, st, &h, &b, &err), SC_OK);
		db_done(db, st);
	}
	return b.p ? b.p : strdup("");
}

static void same_content(struct dev *a, struct dev *b)
{
	char *x = dump(a->db), *y = dump(b->db);
	if (strcmp(x, y)) {
		size_t i = 0;
		while (x[i] && x[i] == y[i])
			i++;
		fprintf(stderr, "dumps differ at byte %zu:\n  %.160s\n  %.160s\n", i,
			x + (i > 40 ? i - 40 : 0), y + (i > 40 ? i - 40 : 0));
	}
	assert_string_equal(x, y);
	free(x);
	free(y);
}

/* A rectification as the rectification work will register it. */
static void rect_add(struct dev *d, const char *insp, const char *uuid)
{
	struct sc_err err;
	char ts[CLOCK_TS];
	clock_stamp(ts);
	assert_int_equal(db_run(d->db, &err,
		"INSERT INTO rectification(uuid, inspection_id, market_id, item_id, finding, opened_day,"
		" deadline, device, created_at, updated_at) SELECT ?, id, market_id, 'S3', '未公示', day,"
		" day, ?, ?, ? FROM inspection WHERE uuid = ?", "ttttt", uuid, d->id, ts, ts, insp), SC_OK);
}

static void rect_update(struct dev *d, const char *uuid, const char *note)
{
	struct sc_err err;
	char ts[CLOCK_TS];
	tick();
	clock_stamp(ts);
	assert_int_equal(db_run(d->db, &err, "UPDATE rectification SET note = ?, rev = rev + 1,"
				" updated_at = ? WHERE uuid = ?", "ttt", note, ts, uuid), SC_OK);
}

static void test_three_devices(void **state)
{
	(void)state;
	struct dev s, a, b;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 }, cooked = { 0 }, extra = { 0 };
	char dir[512], i1[UUID_STR], i2[UUID_STR], i3[UUID_STR], i4[UUID_STR], fix[UUID_STR];
	struct sync_result r;

	share_new(dir, "share");
	clock_fix(now_t);
	office(&s, &a, &b, "sup.db", "insp-a.db", "insp-b.db");

	/* the supervisor keeps the registry */
	snprintf(m.name, sizeof m.name, "东门农贸市场");
	assert_int_equal(store_market_add(s.db, &m, &err), SC_OK);
	veg.market_id = cooked.market_id = m.id;
	snprintf(veg.code, sizeof veg.code, "A-01");
	snprintf(veg.type, sizeof veg.type, "veg");
	snprintf(cooked.code, sizeof cooked.code, "B-07");
	snprintf(cooked.type, sizeof cooked.type, "cooked");
	assert_int_equal(store_stall_add(s.db, &s.cl, &veg, &err), SC_OK);
	assert_int_equal(store_stall_add(s.db, &s.cl, &cooked, &err), SC_OK);
	r = sync_dev(&s, dir);
	assert_int_equal(r.exported, 1);
	assert_int_equal(r.records_out, 4); /* market, 2 stalls, template */
	r = sync_dev(&a, dir);
	assert_int_equal(r.imported, 1);
	r = sync_dev(&b, dir);
	assert_int_equal(r.imported, 2); /* S's registry, A's template */
	assert_int_equal(count(&b, "SELECT count(*) FROM stall"), 2);
	/* the merge runs without foreign key checks: they are back on after it */
	assert_int_equal(count(&b, "PRAGMA foreign_keys"), 1);

	/* inspectors at work; A adds a stall it found */
	extra.market_id = id_of(&a, "market", m.uuid);
	snprintf(extra.code, sizeof extra.code, "C-03");
	snprintf(extra.type, sizeof extra.type, "veg");
	assert_int_equal(store_stall_add(a.db, &a.cl, &extra, &err), SC_OK);
	inspect(&a, m.uuid, veg.uuid, extra.uuid, "两处积水", NULL, i1);
	inspect(&a, m.uuid, cooked.uuid, NULL, "", NULL, i2);
	inspect(&b, m.uuid, veg.uuid, cooked.uuid, "垃圾桶未加盖", NULL, i3);
	rect_add(&a, i1, "11111111-1111-4111-8111-111111111111");

	/* round 1: B, S, A */
	r = sync_dev(&b, dir);
	assert_int_equal(r.exported, 1);
	r = sync_dev(&s, dir);
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 1);
	r = sync_dev(&a, dir);
	assert_int_equal(r.exported, 1);
	assert_int_equal(count(&a, "SELECT count(*) FROM inspection"), 3);
	assert_int_equal(count(&a, "SELECT count(*) FROM review"), 0);

	/* the supervisor decides; A's stall is edited on two machines (its
	 * maker's and the supervisor's: both may change it) */
	sync_dev(&s, dir);
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 3);
	assert_int_equal(count(&s, "SELECT count(*) FROM stall"), 3);
	/* visits that arrived keep the stall as inspected, from the stall list */
	assert_int_equal(count(&s, "SELECT count(*) FROM visit v JOIN stall st ON st.id = v.stall_id"
			       " WHERE v.stall_type = st.type AND v.stall_code = st.code"),
			 count(&s, "SELECT count(*) FROM visit"));
	review(&s, i1, "approve");
	review(&s, i2, "return");
	{
		struct market_rec ms;
		struct stall_rec xs;
		assert_int_equal(store_market_get(s.db, m.id, &ms, &err), SC_OK);
		snprintf(ms.address, sizeof ms.address, "人民路1号");
		tick();
		assert_int_equal(store_market_update(s.db, &ms, &err), SC_OK);
		assert_int_equal(store_stall_get(s.db, id_of(&s, "stall", extra.uuid), &xs, &err), SC_OK);
		snprintf(xs.vendor, sizeof xs.vendor, "王");
		assert_int_equal(store_stall_update(s.db, &s.cl, &xs, &err), SC_OK);
		assert_int_equal(store_stall_get(a.db, extra.id, &xs, &err), SC_OK);
		snprintf(xs.vendor, sizeof xs.vendor, "李");
		tick(); /* A's edit is later: it wins everywhere */
		assert_int_equal(store_stall_update(a.db, &a.cl, &xs, &err), SC_OK);
	}
	rect_update(&s, "11111111-1111-4111-8111-111111111111", "supervisor note");
	inspect(&b, m.uuid, cooked.uuid, NULL, "", NULL, i4);

	/* round 2 in another order: A, S, B, A (the review waits for nothing) */
	sync_dev(&a, dir);
	sync_dev(&s, dir);
	sync_dev(&b, dir);
	sync_dev(&a, dir);
	assert_string_equal(count(&a, "SELECT count(*) FROM inspection WHERE status = 'returned'") == 1
			    ? "ok" : "no", "ok");

	/* A amends the returned record; then everyone syncs, in turn */
	inspect(&a, m.uuid, cooked.uuid, NULL, "已补充照片", i2, fix);
	rect_update(&a, "11111111-1111-4111-8111-111111111111", "inspector note, later");
	sync_dev(&b, dir);
	sync_dev(&a, dir);
	sync_dev(&s, dir);
	sync_dev(&b, dir);
	sync_dev(&a, dir);

	same_content(&s, &a);
	same_content(&s, &b);
	{
		char st[16], addr[64], note[64];
		assert_int_equal(db_text(b.db, &err, st, sizeof st, "SELECT status FROM inspection WHERE uuid = ?",
					 "t", i2), SC_OK);
		assert_string_equal(st, "amended");
		assert_int_equal(db_text(b.db, &err, st, sizeof st, "SELECT status FROM inspection WHERE uuid = ?",
					 "t", i1), SC_OK);
		assert_string_equal(st, "approved");
		assert_int_equal(db_text(b.db, &err, st, sizeof st, "SELECT status FROM inspection WHERE uuid = ?",
					 "t", i3), SC_OK);
		assert_string_equal(st, "final");
		assert_int_equal(db_text(s.db, &err, addr, sizeof addr, "SELECT address FROM market WHERE uuid = ?",
					 "t", m.uuid), SC_OK);
		assert_string_equal(addr, "人民路1号");
		assert_int_equal(db_text(b.db, &err, addr, sizeof addr, "SELECT vendor FROM stall WHERE uuid = ?",
					 "t", extra.uuid), SC_OK);
		assert_string_equal(addr, "李"); /* A's later edit (from rev 1) wins over S's */
		assert_int_equal(db_text(s.db, &err, note, sizeof note, "SELECT note FROM rectification WHERE uuid ="
					 " '11111111-1111-4111-8111-111111111111'", NULL),
				 SC_OK);
		assert_string_equal(note, "inspector note, later");
	}
	assert_int_equal(count(&s, "SELECT count(*) FROM answer"), 22);

	/* a second full round changes nothing and writes nothing */
	char *before = dump(s.db);
	for (int k = 0; k < 2; k++) {
		struct dev *order[3] = { &b, &s, &a };
		for (int j = 0; j < 3; j++) {
			r = sync_dev(order[j], dir);
			assert_int_equal(r.exported, 0);
			assert_int_equal(r.imported, 0);
			assert_int_equal(r.quarantined, 0);
		}
	}
	char *after = dump(s.db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	same_content(&s, &a);
	same_content(&s, &b);

	/* status: nothing unsent, a last sync time */
	struct sync_status ss;
	assert_int_equal(sync_status(a.db, &ss, &err), SC_OK);
	assert_int_equal(ss.unsent_total, 0);
	assert_true(ss.last_sync[0]);
	assert_int_equal(ss.quarantined, 0);

	int checked, bad;
	assert_int_equal(seal_verify(s.db, NULL, NULL, &checked, &bad, &err), SC_OK);
	assert_int_equal(checked, 5);
	assert_int_equal(bad, 0);
	dev_close(&s);
	dev_close(&a);
	dev_close(&b);
	clock_fix(-1);
}

static void flip_byte(const char *path, long at)
{
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, at, SEEK_SET), 0);
	int c = fgetc(f);
	assert_int_equal(fseek(f, at, SEEK_SET), 0);
	fputc(c ^ 0x20, f);
	fclose(f);
}

static long file_size(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return (long)sb.st_size;
}

static const char *bpath(const char *dir, const struct dev *d, int seq, const char *ext)
{
	static char buf[4][600];
	static int k;
	char *p = buf[k++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s/%06d.%s", dir, d->id, seq, ext);
	return p;
}

static void copy_file(const char *from, const char *to)
{
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	assert_int_equal(system(cmd), 0);
}

static const char *reason_of(struct dev *d, const struct dev *src, int seq)
{
	static char buf[400];
	struct sc_err err;
	char file[100];
	snprintf(file, sizeof file, "%s/%06d.bundle", src->id, seq);
	if (db_text(d->db, &err, buf, sizeof buf, "SELECT state || ': ' || reason FROM sync_quarantine"
		    " WHERE file = ? AND resolved_at IS NULL", "t", file) != SC_OK)
		snprintf(buf, sizeof buf, "(not quarantined)");
	return buf;
}

/* Bundle `from` of src in dir copied as bundle `to`, changed by sql (run
 * on the copy; its manifest's seq made `to`), and signed with src's key
 * as src's program signs (Ed25519ph): what another version of stallcheck
 * on src would have written. rehash: its content hash made again too (a
 * changed program on src). */
static void craft(const char *dir, struct dev *src, int from, int to, const char *sql, int rehash)
{
	struct device_self me;
	struct sc_err err;
	sqlite3 *h;
	crypto_sign_state st;
	unsigned char sg[crypto_sign_BYTES], *data;
	char p[600], seq[80], sig[2 * crypto_sign_BYTES + 16] = "ed25519ph ";

	snprintf(p, sizeof p, "%s", tu_path("craft.bundle"));
	copy_file(bpath(dir, src, from, "bundle"), p);
	snprintf(seq, sizeof seq, "UPDATE manifest SET value = '%d' WHERE key = 'seq'", to);
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK || sqlite3_exec(h, seq, NULL, NULL, NULL))
		fail_msg("bundle_craft: %s", sqlite3_errmsg(h));
	sqlite3_close(h);
	if (rehash) {
		char content[SEAL_HEX];
		assert_int_equal(db_run(src->db, &err, "ATTACH DATABASE ? AS b", "t", p), SC_OK);
		assert_int_equal(tu_bundle_content(src->db, content), 0);
		assert_int_equal(db_run(src->db, &err, "UPDATE b.manifest SET value = ? WHERE key = 'content_sha256'",
					"t", content), SC_OK);
		assert_int_equal(db_exec(src->db, &err, "DETACH DATABASE b"), SC_OK);
	}
	long n = file_size(p);
	FILE *f = fopen(p, "rb");
	data = malloc((size_t)n);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_int_equal(device_self(src->db, &me, &err), SC_OK);
	crypto_sign_init(&st);
	crypto_sign_update(&st, data, (unsigned long long)n);
	crypto_sign_final_create(&st, sg, NULL, me.sk);
	sodium_memzero(&me, sizeof me);
	device_hex(sg, sizeof sg, sig + strlen(sig));
	free(data);
	tu_write("craft.sig", sig);
	copy_file(p, bpath(dir, src, to, "bundle"));
	copy_file(tu_path("craft.sig"), bpath(dir, src, to, "sig"));
}

static void bundle_craft(const char *dir, struct dev *src, int from, int to, const char *sql)
{
	craft(dir, src, from, to, sql, 0);
}

/* Bundles 1..5 from A: 2 flipped, 3 cut short (a copy still arriving),
 * 4 without its .sig yet, 5 fine; one from
 * an unknown device X; then repaired; then A revoked; a newer schema; an
 * inspector's review; a conflicting record. */
static void test_faults(void **state)
{
	(void)state;
	struct dev s, a, x, b;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], save[512], u[6][UUID_STR];
	struct sync_result r;

	share_new(dir, "share2");
	share_new(save, "saved");
	clock_fix(now_t);
	dev_open(&s, "f-sup.db");
	dev_open(&a, "f-a.db");
	dev_open(&x, "f-x.db");
	dev_open(&b, "f-b.db");
	trust(&s, &a, "inspector");
	trust(&s, &b, "inspector");
	trust(&b, &a, "inspector");

	/* A keeps its own registry here */
	market_with_veg(&a, "翠竹市场", &m, &veg);
	sync_dev(&a, dir); /* 1: registry + template */
	for (int i = 0; i < 4; i++) {
		inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u[i]);
		r = sync_dev(&a, dir); /* 2..5 */
		assert_int_equal(r.exported, 1);
	}
	/* X is nobody S knows: copy A's registry there and inspect */
	sync_dev(&x, dir);
	trust(&x, &a, "inspector");
	sync_dev(&x, dir);
	inspect(&x, m.uuid, veg.uuid, NULL, "", NULL, u[4]);
	sync_dev(&x, dir);
	for (int seq = 2; seq <= 4; seq++) {
		char to[600];
		snprintf(to, sizeof to, "%s/%06d.bundle", save, seq);
		copy_file(bpath(dir, &a, seq, "bundle"), to);
		snprintf(to, sizeof to, "%s/%06d.sig", save, seq);
		copy_file(bpath(dir, &a, seq, "sig"), to);
	}
	flip_byte(bpath(dir, &a, 2, "bundle"), file_size(bpath(dir, &a, 2, "bundle")) / 2 + 7);
	assert_int_equal(truncate(bpath(dir, &a, 3, "bundle"), file_size(bpath(dir, &a, 3, "bundle")) / 2), 0);
	assert_int_equal(unlink(bpath(dir, &a, 4, "sig")), 0);

	r = sync_dev(&s, dir);
	{
		struct sync_quarantine_rec *q;
		int nq;
		assert_int_equal(sync_quarantine_list(s.db, &q, &nq, &err), SC_OK);
		for (int i = 0; i < nq; i++)
			print_message("%s %s %s\n", q[i].file, q[i].state, q[i].reason);
		free(q);
	}
	/* A's 5 carries the rectification of its repeat finding, which
	 * supersedes the one from 4: it waits for 4 */
	/* a bundle shorter than its header promises, or without its .sig,
	 * is still arriving (a file-sync engine): waiting, not junk */
	assert_int_equal(r.imported, 1);     /* A's 1 */
	assert_int_equal(r.quarantined, 3);  /* A's 2 and X's two */
	assert_int_equal(r.waiting, 3);      /* A's 3, 4, 5 */
	assert_non_null(strstr(reason_of(&s, &a, 5), "waiting"));
	assert_non_null(strstr(reason_of(&s, &a, 2), "quarantined: tampered"));
	assert_non_null(strstr(reason_of(&s, &a, 3), "waiting: incomplete: "));
	assert_non_null(strstr(reason_of(&s, &a, 4), "waiting: waiting for its signature 000004.sig"));
	assert_non_null(strstr(reason_of(&s, &x, 1), "quarantined: unknown device"));
	assert_non_null(strstr(reason_of(&s, &x, 1), x.pk)); /* the key to trust, shown */
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 0);
	struct sync_status ss;
	assert_int_equal(sync_status(s.db, &ss, &err), SC_OK);
	assert_int_equal(ss.quarantined, 3);
	assert_int_equal(ss.waiting, 3);

	/* the same bundles again: still quarantined, nothing else moves */
	r = sync_dev(&s, dir);
	assert_int_equal(r.imported, 0);
	assert_int_equal(r.quarantined, 3);

	/* the good copies arrive; X becomes trusted: all import */
	for (int seq = 2; seq <= 4; seq++) {
		char from[600];
		snprintf(from, sizeof from, "%s/%06d.bundle", save, seq);
		copy_file(from, bpath(dir, &a, seq, "bundle"));
		snprintf(from, sizeof from, "%s/%06d.sig", save, seq);
		copy_file(from, bpath(dir, &a, seq, "sig"));
	}
	trust(&s, &x, "inspector");
	r = sync_dev(&s, dir);
	assert_int_equal(r.quarantined, 0);
	assert_int_equal(r.imported, 6);   /* A's 2-5, X's 1-2 */
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 5);
	assert_int_equal(sync_status(s.db, &ss, &err), SC_OK);
	assert_int_equal(ss.quarantined, 0);

	/* a revoked device */
	assert_int_equal(device_revoke(s.db, a.id, &err), SC_OK);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u[5]);
	sync_dev(&a, dir); /* 6 */
	r = sync_dev(&s, dir);
	assert_int_equal(r.quarantined, 1);
	assert_non_null(strstr(reason_of(&s, &a, 6), "revoked device"));

	/* a newer bundle format, properly signed */
	bundle_craft(dir, &a, 5, 7, "UPDATE manifest SET value = '999' WHERE key = 'format'");
	assert_int_equal(device_trust(s.db, a.id, a.pk, "inspector", &err), SC_OK); /* un-revoke */
	r = sync_dev(&s, dir);
	assert_int_equal(r.imported, 1); /* 6 */
	assert_int_equal(r.quarantined, 1);
	assert_non_null(strstr(reason_of(&s, &a, 7), "newer bundle format: 000007.bundle from device"));

	/* an inspector's review quarantines its bundle: nothing of it is kept */
	sync_dev(&b, dir);
	review(&b, u[0], "approve");
	sync_dev(&b, dir);
	sync_dev(&s, dir);
	assert_non_null(strstr(reason_of(&s, &b, 2), "quarantined: unauthorized: review"));
	assert_int_equal(count(&s, "SELECT count(*) FROM review"), 0);

	/* a conflict: the same uuid with other content from its own device (a
	 * database restored from a copy and the work done again); both versions
	 * kept. (From another device the same uuid is a forgery.) */
	{
		char cu[UUID_STR], one[UUID_STR], bak[600];
		snprintf(bak, sizeof bak, "%s", tu_path("f-a.bak"));
		dev_close(&a);
		copy_file(tu_path("f-a.db"), bak);
		dev_open(&a, "f-a.db");
		time_t at = now_t; /* the same seed and clock: the same uuids */
		uuid_seed(77);
		inspect(&a, m.uuid, veg.uuid, NULL, "version A", NULL, one);
		sync_dev(&a, dir);
		dev_close(&a);
		copy_file(bak, tu_path("f-a.db"));
		dev_open(&a, "f-a.db");
		now_t = at;
		uuid_seed(77);
		inspect(&a, m.uuid, veg.uuid, NULL, "version C", NULL, cu);
		uuid_seed(0);
		assert_string_equal(one, cu);
		sync_dev(&a, dir);
		r = sync_dev(&s, dir);
		assert_int_equal(r.conflicts, 1);
		assert_int_equal(sync_status(s.db, &ss, &err), SC_OK);
		assert_int_equal(ss.conflicts, 1);
		char remote[4096];
		assert_int_equal(db_text(s.db, &err, remote, sizeof remote, "SELECT remote FROM sync_conflict", NULL),
				 SC_OK);
		char note[32];
		assert_int_equal(db_text(s.db, &err, note, sizeof note, "SELECT note FROM answer a JOIN inspection i"
					 " ON i.id = a.inspection_id WHERE i.uuid = ? AND item_id = 'M1'", "t", one), SC_OK);
		/* the first to come stays; the other is kept in the conflict */
		assert_string_equal(note, "version A");
		assert_non_null(strstr(remote, "version C"));
		r = sync_dev(&s, dir);
		assert_int_equal(r.conflicts, 0); /* listed once */
	}
	dev_close(&s);
	dev_close(&a);
	dev_close(&x);
	dev_close(&b);
	clock_fix(-1);
}

/* Any bytes given to the importer are handled: nothing crashes, nothing
 * is imported, the reason is recorded. */
/* A missing sync folder (an unmounted stick) is refused with a message;
 * nothing is created and nothing is marked sent. */
static void test_missing_folder(void **state)
{
	(void)state;
	struct dev a;
	struct sc_err err;
	struct sync_result r;
	struct stat sb;
	char dir[512];
	dev_open(&a, "mf.db");
	snprintf(dir, sizeof dir, "%s/stick/stallcheck", tu_path("media"));
	assert_int_equal(sync_run(a.db, dir, NULL, NULL, &r, &err), SC_ERR_NOTFOUND);
	assert_non_null(strstr(err.msg, "mounted"));
	assert_int_not_equal(stat(tu_path("media"), &sb), 0);
	assert_int_equal(count(&a, "SELECT count(*) FROM sync_bundle"), 0);
	const char *file = tu_write("not-a-dir", "x");
	assert_int_equal(sync_run(a.db, file, NULL, NULL, &r, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "not a directory"));
	dev_close(&a);
}

static void test_import_garbage(void **state)
{
	(void)state;
	struct dev s;
	struct sc_err err;
	struct sync_item it;
	unsigned char junk[4096];
	dev_open(&s, "g.db");
	const char *dev = "6f1c2a5e-0d1b-4c3a-9e8f-7a6b5c4d3e2f";
	assert_int_equal(sync_import_mem(s.db, dev, 1, (const unsigned char *)"", 0, NULL, 0, &it, &err), SC_OK);
	assert_int_equal(it.outcome, SYNC_QUARANTINED);
	assert_non_null(strstr(it.reason, "truncated"));
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 7 + 3);
	memcpy(junk, "SQLite format 3", 16);
	junk[16] = 4, junk[17] = 0; /* 1024-byte pages */
	junk[28] = junk[29] = junk[30] = 0, junk[31] = 4;
	assert_int_equal(sync_import_mem(s.db, dev, 2, junk, sizeof junk, NULL, 0, &it, &err), SC_OK);
	assert_int_equal(it.outcome, SYNC_QUARANTINED);
	assert_int_equal(sync_import_mem(s.db, "../../etc", 3, junk, sizeof junk, "zz", 2, &it, &err), SC_OK);
	assert_non_null(strstr(it.reason, "misplaced"));
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_bundle"), 0);
	dev_close(&s);
}

/* The bytes of a small SQLite file made by running sql (malloc'd). */
static unsigned char *sqlite_bytes(const char *name, const char *sql, size_t *len)
{
	sqlite3 *h;
	const char *path = tu_path(name);
	unlink(path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	unsigned char *b = malloc(*len);
	assert_int_equal(fread(b, 1, *len, f), *len);
	fclose(f);
	return b;
}

static void hang_alarm(int sig)
{
	(void)sig;
	static const char m[] = "test_hostile_unknown: import hung (a view was run)\n";
	(void)!write(2, m, sizeof m - 1);
	_exit(1);
}

/* A file from an unknown device is not trusted to be harmless: a view for
 * a manifest (here endless) is not run, and a key with terminal escapes
 * is not echoed; a plain 64-hex key is shown for the trust command. */
static void test_hostile_unknown(void **state)
{
	(void)state;
	static const struct { const char *sql, *want; } cases[] = {
		{ "CREATE VIEW manifest AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1"
		  " FROM c) SELECT 'pubkey' AS key, x AS value FROM c WHERE x < 0;", " PUBKEY" },
		{ "CREATE TABLE manifest(key TEXT, value TEXT);"
		  "INSERT INTO manifest VALUES ('pubkey', char(27) || '[2J' || char(10) || 'x');", " PUBKEY" },
		{ "CREATE TABLE manifest(key TEXT, value TEXT);"
		  "INSERT INTO manifest VALUES ('pubkey', printf('%064d', 7));",
		  " 0000000000000000000000000000000000000000000000000000000000000007 --role" },
	};
	const char *dev = "11111111-2222-4333-8444-555555555555";
	struct dev s;
	struct sc_err err;
	struct sync_item it;
	dev_open(&s, "h.db");
	signal(SIGALRM, hang_alarm);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char name[32];
		snprintf(name, sizeof name, "hostile%zu.bundle", i);
		unsigned char *b = sqlite_bytes(name, cases[i].sql, &len);
		alarm(20);
		assert_int_equal(sync_import_mem(s.db, dev, (long)i + 1, b, len, NULL, 0, &it, &err), SC_OK);
		alarm(0);
		assert_int_equal(it.outcome, SYNC_QUARANTINED);
		assert_non_null(strstr(it.reason, "unknown device"));
		if (!strstr(it.reason, cases[i].want))
			fail_msg("case %zu: reason '%s' lacks '%s'", i, it.reason, cases[i].want);
		for (const char *p = it.reason; *p; p++)
			assert_true((unsigned char)*p >= 0x20);
		free(b);
	}
	signal(SIGALRM, SIG_DFL);
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 0);
	dev_close(&s);
}

/* A trusted device running a changed program: its signature is good, but
 * a template text under another text's hash, or an inspection claimed for
 * another device, is quarantined and nothing of the bundle is kept. */
static void test_forged_origin(void **state)
{
	(void)state;
	static const char *const forge[] = {
		"UPDATE template SET body = body || '; changed'",
		"UPDATE inspection SET device = '11111111-2222-4333-8444-555555555555'",
	};
	static const char *const want[] = { "tampered: a template's text", "forged: inspection" };
	for (int k = 0; k < 2; k++) {
		struct dev s, a;
		struct sc_err err;
		struct market_rec m = { 0 };
		struct stall_rec veg = { 0 };
		char dir[512], name[32], u[UUID_STR];
		snprintf(name, sizeof name, "share-f%d", k);
		snprintf(dir, sizeof dir, "%s", tu_path(name));
		assert_int_equal(mkdir(dir, 0700), 0);
		clock_fix(now_t);
		snprintf(name, sizeof name, "fo-s%d.db", k);
		dev_open(&s, name);
		snprintf(name, sizeof name, "fo-a%d.db", k);
		dev_open(&a, name);
		trust(&s, &a, "inspector");
		market_with_veg(&a, "南山市场", &m, &veg);
		inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
		/* behind the program's back (guards off), then sent signed */
		assert_int_equal(db_bulk(a.db, 1, &err), SC_OK);
		assert_int_equal(db_exec(a.db, &err, forge[k]), SC_OK);
		assert_int_equal(db_bulk(a.db, 0, &err), SC_OK);
		sync_dev(&a, dir);
		struct sync_result r = sync_dev(&s, dir);
		assert_int_equal(r.imported, 0);
		assert_int_equal(r.quarantined, 1);
		const char *why = reason_of(&s, &a, 1);
		if (!strstr(why, want[k]))
			fail_msg("forgery %d: reason '%s' lacks '%s'", k, why, want[k]);
		assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 0);
		assert_int_equal(count(&s, "SELECT count(*) FROM template"), 1); /* its own */
		dev_close(&s);
		dev_close(&a);
	}
	clock_fix(-1);
}

/* Behind the program's back on d (guards off), then resealed where asked:
 * what a trusted device running a changed program can send, signed. */
static void forge(struct dev *d, const char *sql, const char *reseal)
{
	struct sc_err err;
	assert_int_equal(db_bulk(d->db, 1, &err), SC_OK);
	if (db_exec(d->db, &err, sql))
		fail_msg("forge: %s", err.msg);
	if (reseal) {
		char prev[SEAL_HEX] = "", seal[SEAL_HEX];
		db_text(d->db, &err, prev, sizeof prev, "SELECT coalesce(prev_seal, '') FROM inspection"
			" WHERE uuid = ?", "t", reseal);
		assert_int_equal(seal_compute(d->db, "main", reseal, prev, seal, NULL, &err), SC_OK);
		assert_int_equal(db_run(d->db, &err, "UPDATE inspection SET seal = ? WHERE uuid = ?", "tt", seal,
					reseal), SC_OK);
	}
	assert_int_equal(db_bulk(d->db, 0, &err), SC_OK);
}

/* d's sync quarantines src's bundle seq with a reason holding want, and
 * changes no record. */
static void refused(struct dev *d, const char *dir, struct dev *src, int seq, const char *want)
{
	char *before = dump(d->db), *after;
	int64_t conflicts = count(d, "SELECT count(*) FROM sync_conflict");
	sync_dev(d, dir);
	const char *why = reason_of(d, src, seq);
	if (!strstr(why, "quarantined: ") || !strstr(why, want))
		fail_msg("bundle %d: reason '%s' lacks '%s'", seq, why, want);
	after = dump(d->db);
	assert_string_equal(before, after);
	assert_int_equal(count(d, "SELECT count(*) FROM sync_conflict"), conflicts);
	free(before);
	free(after);
}

/* One trusted inspector device (B) sends another's (A's) inspection as its
 * own, with changed answers: refused by a supervisor that holds A's
 * version and by a fresh machine that meets B's bundles before A's (the
 * uuid names its device); a record under an older uuid (which does not
 * name its device) is bound to the device it was first seen from. */
static void test_takeover(void **state)
{
	(void)state;
	struct dev s, a, b, f;
	struct market_rec m = { 0 }, mb = { 0 };
	struct stall_rec veg = { 0 }, vb = { 0 };
	char dir[512], fdir[512], cmd[1200], ia[UUID_STR], il[UUID_STR], note[64], sql[900];
	struct sc_err err;

	snprintf(dir, sizeof dir, "%s", tu_path("share-t"));
	snprintf(fdir, sizeof fdir, "%s", tu_path("share-t2"));
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(fdir, 0700), 0);
	clock_fix(now_t);
	office(&s, &a, &b, "t-sup.db", "t-a.db", "t-b.db");
	dev_open(&f, "t-fresh.db");
	trust(&f, &a, "inspector");
	trust(&f, &b, "inspector");
	market_with_veg(&a, "福田市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "A的记录", NULL, ia);
	legacy_uuid = 1;
	inspect(&a, m.uuid, veg.uuid, NULL, "A的旧记录", NULL, il);
	legacy_uuid = 0;
	sync_dev(&a, dir);
	sync_dev(&b, dir);
	sync_dev(&s, dir);

	/* B takes A's record: its own device, its own market and stall (so
	 * that it needs nothing of A's), another note, a fresh seal */
	market_with_veg(&b, "B的市场", &mb, &vb);
	snprintf(sql, sizeof sql, "UPDATE inspection SET device = '%s', status = 'draft', market_id = %lld"
		 " WHERE uuid = '%s';"
		 "UPDATE visit SET stall_id = %lld WHERE inspection_id = (SELECT id FROM inspection WHERE uuid = '%s');"
		 "UPDATE answer SET note = 'B改的' WHERE item_id = 'M1' AND inspection_id ="
		 " (SELECT id FROM inspection WHERE uuid = '%s');"
		 "UPDATE inspection SET status = 'final' WHERE uuid = '%s'", b.id, (long long)mb.id, ia,
		 (long long)vb.id, ia, ia, ia);
	forge(&b, sql, ia);
	sync_dev(&b, dir);
	int seq = (int)count(&b, "SELECT max(seq) FROM sync_bundle WHERE dir = 'out'");
	refused(&s, dir, &b, seq, "forged: inspection ");
	/* a fresh machine meets B's bundles first, then A's */
	snprintf(cmd, sizeof cmd, "cp -r '%s/%s' '%s/'", dir, b.id, fdir);
	assert_int_equal(system(cmd), 0);
	sync_dev(&f, fdir);
	assert_non_null(strstr(reason_of(&f, &b, seq), "forged: inspection "));
	assert_int_equal(count(&f, "SELECT count(*) FROM inspection"), 0);
	snprintf(cmd, sizeof cmd, "cp -r '%s/%s' '%s/'", dir, a.id, fdir);
	assert_int_equal(system(cmd), 0);
	sync_dev(&f, fdir);
	assert_string_equal(reason_of(&f, &a, 1), "(not quarantined)");
	assert_int_equal(db_text(f.db, &err, note, sizeof note, "SELECT a.note FROM answer a JOIN inspection i"
				 " ON i.id = a.inspection_id WHERE i.uuid = ? AND a.item_id = 'M1'", "t", ia), SC_OK);
	assert_string_equal(note, "A的记录");
	assert_int_equal(count(&f, "SELECT count(*) FROM sync_conflict"), 0);

	/* the older uuid: bound to A on the supervisor's machine */
	snprintf(sql, sizeof sql, "UPDATE inspection SET device = '%s', status = 'draft' WHERE uuid = '%s';"
		 "UPDATE inspection SET status = 'final' WHERE uuid = '%s'", b.id, il, il);
	forge(&b, sql, il);
	sync_dev(&b, dir);
	snprintf(sql, sizeof sql, "forged: inspection %s belongs to device %s, not to %s", il, a.id, b.id);
	refused(&s, dir, &b, seq + 1, sql);
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection WHERE device = (SELECT value FROM meta"
			       " WHERE key = 'device_id')"), 0);

	int checked, bad;
	assert_int_equal(seal_verify(s.db, NULL, NULL, &checked, &bad, &err), SC_OK);
	assert_int_equal(bad, 0);
	dev_close(&s);
	dev_close(&a);
	dev_close(&b);
	dev_close(&f);
	clock_fix(-1);
}

/* The rectification finalizing insp registered for item S3. */
static void rect_of(struct dev *d, const char *insp, char out[UUID_STR])
{
	struct sc_err err;
	assert_int_equal(db_text(d->db, &err, out, UUID_STR, "SELECT x.uuid FROM rectification x JOIN inspection i"
				 " ON i.id = x.inspection_id WHERE i.uuid = ? AND x.item_id = 'S3'", "t", insp), SC_OK);
}

/* d's follow-up inspection of market m that marks rectification r fixed
 * or not. */
static void follow_up(struct dev *d, const char *m, const char *stall, const char *r, int fixed,
		      char uuid_out[UUID_STR])
{
	struct sc_err err;
	int64_t id = inspect_begin(d, m, stall, NULL, "回头看", NULL);
	assert_int_equal(rectify_followup(d->db, id_of(d, "rectification", r), id, fixed, "", "王", &err), SC_OK);
	inspect_end(d, id, uuid_out);
}

/* d's rectification r as "status|repeats|closed by|superseded by";
 * holds want (when given) and is the same on o (when given). */
static void rect_is(struct dev *d, const char *r, const char *want, struct dev *o)
{
	struct sc_err err;
	char got[2][200];
	for (int k = 0; k < (o ? 2 : 1); k++)
		assert_int_equal(db_text(k ? o->db : d->db, &err, got[k], sizeof got[k],
					 "SELECT x.status || '|' || x.repeats || '|' || coalesce(c.uuid, '') || '|'"
					 " || coalesce(x.superseded_by, '') FROM rectification x"
					 " LEFT JOIN inspection c ON c.id = x.closed_by WHERE x.uuid = ?", "t", r), SC_OK);
	if (want && !strstr(got[0], want))
		fail_msg("rectification %s is '%s', not '%s'", r, got[0], want);
	if (o)
		assert_string_equal(got[0], got[1]);
}

/* Who may change what (docs/sync.md): a trusted inspector device (C) that
 * changes another's rectification and market, closes a rectification
 * without a follow-up or sends a review is refused, nothing changed; the
 * work of the office goes through: follow-ups closing or not closing a
 * rectification from its own device and from another inspector, a repeat
 * replacing an open rectification, a supervisor's decisions. */
static void test_authority(void **state)
{
	(void)state;
	struct dev s, a, b, c;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], sql[600], want[300], ia[UUID_STR], ic[UUID_STR], ib[UUID_STR], u[UUID_STR];
	char r1[UUID_STR], r2[UUID_STR], r3[UUID_STR], r4[UUID_STR];

	share_new(dir, "share-au");
	clock_fix(now_t);
	office(&s, &a, &b, "au-sup.db", "au-a.db", "au-b.db");
	dev_open(&c, "au-c.db");
	trust(&s, &c, "inspector");
	trust(&c, &a, "inspector");
	market_with_veg(&a, "罗湖市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, ia);
	rect_of(&a, ia, r1);
	sync_dev(&a, dir);
	sync_dev(&b, dir);
	sync_dev(&c, dir);
	sync_dev(&s, dir);
	rect_is(&s, r1, "open|0||", NULL);

	/* C changes what A's rectification records (a later deadline) */
	snprintf(sql, sizeof sql, "UPDATE rectification SET deadline = '2026-12-31', rev = rev + 1,"
		 " updated_at = '2026-01-02T00:00:00.000Z' WHERE uuid = '%s'", r1);
	forge(&c, sql, NULL);
	sync_dev(&c, dir);
	int seq = (int)count(&c, "SELECT max(seq) FROM sync_bundle WHERE dir = 'out'");
	snprintf(want, sizeof want, "unauthorized: rectification %s belongs to device %s", r1, a.id);
	refused(&s, dir, &c, seq, want);

	/* C renames A's market */
	snprintf(sql, sizeof sql, "UPDATE market SET name = '假市场', rev = rev + 1,"
		 " updated_at = '2026-01-02T00:00:00.000Z' WHERE uuid = '%s'", m.uuid);
	forge(&c, sql, NULL);
	sync_dev(&c, dir);
	snprintf(want, sizeof want, "unauthorized: market %s belongs to device %s", m.uuid, a.id);
	refused(&s, dir, &c, ++seq, want);

	/* C, an inspector, approves A's record */
	review(&c, ia, "approve");
	sync_dev(&c, dir);
	refused(&s, dir, &c, ++seq, "unauthorized: review ");

	/* C closes A's rectification with an inspection of its own that
	 * never followed it up */
	inspect(&c, m.uuid, veg.uuid, NULL, "", NULL, ic);
	snprintf(sql, sizeof sql, "UPDATE rectification SET status = 'closed', closed_day = '2026-01-01',"
		 " closed_by = (SELECT id FROM inspection WHERE uuid = '%s'), rev = rev + 1,"
		 " updated_at = '2026-01-03T00:00:00.000Z' WHERE uuid = '%s'", ic, r1);
	forge(&c, sql, NULL);
	sync_dev(&c, dir);
	snprintf(want, sizeof want, "unauthorized: rectification %s is closed without a follow-up"
		 " inspection that found it fixed", r1);
	refused(&s, dir, &c, ++seq, want);
	rect_is(&s, r1, "open|0||", NULL);

	/* B follows A's rectification up and finds it fixed: closed everywhere */
	sync_dev(&b, dir);
	follow_up(&b, m.uuid, veg.uuid, r1, 1, ib);
	sync_dev(&b, dir);
	sync_dev(&s, dir);
	sync_dev(&a, dir);
	snprintf(want, sizeof want, "|%s|", ib);
	rect_is(&s, r1, "closed|", &b);
	rect_is(&a, r1, want, &b);

	/* A finds it again (a repeat) and closes that itself */
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
	rect_of(&a, u, r2);
	sync_dev(&a, dir);
	follow_up(&a, m.uuid, veg.uuid, r2, 1, u);
	sync_dev(&a, dir);
	sync_dev(&s, dir);
	snprintf(want, sizeof want, "|%s|", u);
	rect_is(&s, r2, "closed|", &a);
	rect_is(&s, r2, want, NULL);

	/* again; B finds it not fixed, and the problem its follow-up found
	 * is registered as B's, replacing A's open one */
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
	rect_of(&a, u, r3);
	sync_dev(&a, dir);
	sync_dev(&b, dir);
	follow_up(&b, m.uuid, veg.uuid, r3, 0, ib);
	rect_of(&b, ib, r4);
	sync_dev(&b, dir);
	sync_dev(&s, dir);
	rect_is(&s, r3, "open|", &b);
	snprintf(want, sizeof want, "||%s", r4);
	rect_is(&s, r3, want, NULL);

	/* the supervisor closes B's by its decision and approves A's record */
	rect_update(&s, r4, "by decision");
	{
		struct sc_err err;
		assert_int_equal(db_run(s.db, &err, "UPDATE rectification SET status = 'closed', closed_day ="
					" '2026-01-05' WHERE uuid = ?", "t", r4), SC_OK);
	}
	review(&s, ia, "approve");
	sync_dev(&s, dir);
	sync_dev(&a, dir);
	sync_dev(&b, dir);
	rect_is(&b, r4, "closed|", &s);
	same_content(&s, &a);
	same_content(&s, &b);
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL"), 4);
	assert_int_equal(count(&a, "SELECT count(*) FROM inspection WHERE status = 'approved'"), 1);
	dev_close(&s);
	dev_close(&a);
	dev_close(&b);
	dev_close(&c);
	clock_fix(-1);
}

/* tmpl with each "%N$s" replaced by v[N - 1]. */
static void fill(char *out, size_t sz, const char *tmpl, const char *const *v)
{
	size_t n = 0;
	for (const char *p = tmpl; *p && n + 1 < sz; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's') {
			n += (size_t)snprintf(out + n, sz - n, "%s", v[p[1] - '1']);
			if (n >= sz)
				n = sz - 1;
			p += 3;
		} else {
			out[n++] = *p;
		}
	}
	out[n < sz ? n : sz - 1] = '\0';
}

/* A trusted inspector device (C) running a changed program sends, signed,
 * records it may not make or change; each bundle is quarantined with its
 * reason at the supervisor's, nothing changed (the last passes on A's
 * signed chain head with a signature A did not make). %1$s is A's market, %2$s
 * A's stall, %3$s A's inspection, %4$s A's rectification of item S3, %5$s
 * A's device id. */
static void test_forged_rows(void **state)
{
	(void)state;
	/* here: run at the supervisor's before the bundle comes */
	static const struct { const char *sql, *want; int zh; const char *here; } cases[] = {
		{ "UPDATE stall SET vendor = '假', rev = rev + 1, updated_at = '2026-02-01T00:00:00.000Z'"
		  " WHERE uuid = '%2$s'", "unauthorized: stall %2$s belongs to device %5$s", 0, NULL },
		{ "UPDATE rectification SET repeats = repeats + 1, rev = rev + 1,"
		  " updated_at = '2026-02-01T00:00:00.000Z' WHERE uuid = '%4$s'",
		  "unauthorized: rectification %4$s changes its follow-up state", 0, NULL },
		{ "UPDATE rectification SET superseded_by = '%3$s', rev = rev + 1,"
		  " updated_at = '2026-02-01T00:00:00.000Z' WHERE uuid = '%4$s'",
		  "unauthorized: rectification %4$s is marked replaced by %3$s", 0, NULL },
		{ "UPDATE rectification SET superseded_by = NULL, rev = rev + 1,"
		  " updated_at = '2026-02-01T00:00:00.000Z' WHERE uuid = '%4$s'",
		  "unauthorized: rectification %4$s is marked replaced by nothing, which is not a record of", 0,
		  "UPDATE rectification SET superseded_by = '%3$s' WHERE uuid = '%4$s'" },
		{ "UPDATE rectification SET superseded_by = NULL, rev = rev + 1,"
		  " updated_at = '2026-02-01T00:00:00.000Z' WHERE uuid = '%4$s'",
		  "越权：整改 %4$s 的取代标记被清除", 1,
		  "UPDATE rectification SET superseded_by = '%3$s' WHERE uuid = '%4$s'" },
		{ "INSERT INTO rectification(uuid, inspection_id, market_id, item_id, opened_day, deadline, device,"
		  " created_at, updated_at) SELECT '33333333-3333-4333-8333-333333333333', id, market_id, 'M2',"
		  " day, day, (SELECT value FROM meta WHERE key = 'device_id'), created_at, created_at"
		  " FROM inspection WHERE uuid = '%3$s'",
		  "forged: rectification 33333333-3333-4333-8333-333333333333 is registered for inspection %3$s", 0, NULL },
		{ "INSERT INTO rect_event(uuid, rect_id, inspection_id, kind, device, at)"
		  " SELECT '44444444-4444-4444-8444-444444444444', x.id, x.inspection_id, 'fixed',"
		  " (SELECT value FROM meta WHERE key = 'device_id'), '2026-02-01T00:00:00.000Z'"
		  " FROM rectification x WHERE x.uuid = '%4$s'",
		  "forged: rectification event 44444444-4444-4444-8444-444444444444 names inspection %3$s", 0, NULL },
		{ "INSERT INTO review(uuid, inspection_id, decision, reviewer, device, at)"
		  " SELECT '55555555-5555-4555-8555-555555555555', id, 'approve', '赵', '%5$s',"
		  " '2026-02-01T00:00:00.000Z' FROM inspection WHERE uuid = '%3$s'",
		  "forged: review 55555555-5555-4555-8555-555555555555 is from another device", 0, NULL },
		/* the reason in the user's language, the record's kind too */
		{ "INSERT INTO review(uuid, inspection_id, decision, reviewer, device, at)"
		  " SELECT '55555555-5555-4555-8555-555555555555', id, 'approve', '赵', '%5$s',"
		  " '2026-02-01T00:00:00.000Z' FROM inspection WHERE uuid = '%3$s'",
		  "伪造：审核 55555555-5555-4555-8555-555555555555 来自另一台设备", 1, NULL },
		{ "UPDATE stall SET vendor = '假', rev = rev + 1, updated_at = '2026-02-01T00:00:00.000Z'"
		  " WHERE uuid = '%2$s'", "越权：摊位 %2$s 属于设备 %5$s：只有它或审核人的设备可以修改", 1, NULL },
		/* only a kind column is translated: a uuid spelled like a kind stays as sent */
		{ "INSERT INTO review(uuid, inspection_id, decision, reviewer, device, at)"
		  " SELECT 'market', id, 'approve', '赵', (SELECT value FROM meta WHERE key = 'device_id'),"
		  " '2026-02-01T00:00:00.000Z' FROM inspection WHERE uuid = '%3$s'",
		  "越权：审核 market 来自 ", 1, NULL },
		{ "UPDATE seal_head SET sig = printf('%0128d', 0) WHERE device = '%5$s';"
		  "INSERT INTO market(uuid, name, device, created_at, updated_at) VALUES"
		  " ('77777777-7777-4777-8777-777777777777', '新', (SELECT value FROM meta WHERE key = 'device_id'),"
		  " '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z')",
		  "tampered: the signed chain head of device %5$s does not verify", 0, NULL },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct dev s, a, c;
		struct market_rec m = { 0 };
		struct stall_rec veg = { 0 };
		char dir[512], name[32], ia[UUID_STR], r[UUID_STR], sql[900], want[300];
		snprintf(name, sizeof name, "share-fr%zu", k);
		snprintf(dir, sizeof dir, "%s", tu_path(name));
		assert_int_equal(mkdir(dir, 0700), 0);
		clock_fix(now_t);
		snprintf(name, sizeof name, "fr-s%zu.db", k);
		dev_open(&s, name);
		snprintf(name, sizeof name, "fr-a%zu.db", k);
		dev_open(&a, name);
		snprintf(name, sizeof name, "fr-c%zu.db", k);
		dev_open(&c, name);
		trust(&s, &a, "inspector");
		trust(&s, &c, "inspector");
		trust(&c, &a, "inspector");
		market_with_veg(&a, "宝安市场", &m, &veg);
		inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, ia);
		rect_of(&a, ia, r);
		sync_dev(&a, dir);
		sync_dev(&c, dir);
		sync_dev(&s, dir);
		const char *v[] = { m.uuid, veg.uuid, ia, r, a.id };
		fill(sql, sizeof sql, cases[k].sql, v);
		fill(want, sizeof want, cases[k].want, v);
		forge(&c, sql, NULL);
		sync_dev(&c, dir);
		if (cases[k].here) {
			fill(sql, sizeof sql, cases[k].here, v);
			forge(&s, sql, NULL);
		}
		i18n_set_lang(cases[k].zh ? LANG_ZH : LANG_EN);
		refused(&s, dir, &c, (int)count(&c, "SELECT max(seq) FROM sync_bundle WHERE dir = 'out'"), want);
		i18n_set_lang(LANG_EN);
		dev_close(&s);
		dev_close(&a);
		dev_close(&c);
	}
	clock_fix(-1);
}

/* A changed program sends its records with NULL where they are read (the
 * bundle's columns may be NULL, the database's are not). Where a rule reads
 * the maker: still the signer's forgery, not a record of nobody's that
 * passes. A reference left empty is malformed, said in the user's language:
 * no later bundle brings "nothing", so it neither waits nor reaches the
 * database's NOT NULL. want's %1$s: the row's uuid, %2$s the inspection's,
 * %3$s the sending device. */
static void test_null_columns(void **state)
{
	(void)state;
	static const struct { const char *sql, *want; int zh; } cases[] = {
		{ "UPDATE inspection SET device = NULL",
		  "forged: inspection %2$s is from another device than %3$s, which signed the bundle", 0 },
		{ "UPDATE stall SET market_uuid = NULL", "malformed: stall %1$s names no market", 0 },
		{ "UPDATE stall SET market_uuid = NULL", "格式错误：摊位 %1$s 没有写明所属市场", 1 },
		{ "UPDATE visit SET stall_uuid = NULL", "malformed: stall visit %1$s names no stall", 0 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct dev s, c;
		struct market_rec m = { 0 };
		struct stall_rec veg = { 0 };
		struct sc_err err;
		char dir[512], u[UUID_STR], name[32], want[300], row[80];

		snprintf(name, sizeof name, "share-nr%zu", k);
		share_new(dir, name);
		clock_fix(now_t);
		snprintf(name, sizeof name, "nr%zu-s.db", k);
		dev_open(&s, name);
		snprintf(name, sizeof name, "nr%zu-c.db", k);
		dev_open(&c, name);
		trust(&s, &c, "inspector");
		market_with_veg(&c, "龙岗市场", &m, &veg);
		inspect(&c, m.uuid, veg.uuid, NULL, "", NULL, u);
		sync_dev(&c, dir);
		craft(dir, &c, 1, 1, cases[k].sql, 1);
		if (strstr(cases[k].sql, "visit"))
			assert_int_equal(db_text(c.db, &err, row, sizeof row, "SELECT uuid FROM visit", NULL), SC_OK);
		else
			snprintf(row, sizeof row, "%s", veg.uuid);
		const char *v[] = { row, u, c.id };
		fill(want, sizeof want, cases[k].want, v);
		i18n_set_lang(cases[k].zh ? LANG_ZH : LANG_EN);
		refused(&s, dir, &c, 1, want);
		i18n_set_lang(LANG_EN);
		assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 0);
		assert_int_equal(count(&s, "SELECT count(*) FROM stall"), 0);
		dev_close(&s);
		dev_close(&c);
		clock_fix(-1);
	}
}

/* Another device's change of a record this machine has not received yet
 * waits for that record's own bundle, then is judged. */
static void test_wait_for_maker(void **state)
{
	(void)state;
	struct dev s, a, c;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], only[512], cmd[1400], sql[300], want[300];

	snprintf(dir, sizeof dir, "%s", tu_path("share-wm"));
	snprintf(only, sizeof only, "%s", tu_path("share-wm2"));
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(only, 0700), 0);
	clock_fix(now_t);
	dev_open(&s, "wm-s.db");
	dev_open(&a, "wm-a.db");
	dev_open(&c, "wm-c.db");
	trust(&s, &a, "inspector");
	trust(&s, &c, "inspector");
	trust(&c, &a, "inspector");
	market_with_veg(&a, "龙岗市场", &m, &veg);
	sync_dev(&a, dir);
	sync_dev(&c, dir);
	snprintf(sql, sizeof sql, "UPDATE market SET name = '改名', rev = rev + 1,"
		 " updated_at = '2026-02-01T00:00:00.000Z' WHERE uuid = '%s'", m.uuid);
	forge(&c, sql, NULL);
	sync_dev(&c, dir);
	int seq = (int)count(&c, "SELECT max(seq) FROM sync_bundle WHERE dir = 'out'");
	/* the supervisor meets C's bundles alone */
	snprintf(cmd, sizeof cmd, "cp -r '%s/%s' '%s/'", dir, c.id, only);
	assert_int_equal(system(cmd), 0);
	struct sync_result r = sync_dev(&s, only);
	assert_int_equal(r.waiting, 1);
	snprintf(want, sizeof want, "waiting: waiting for market %s of device %s", m.uuid, a.id);
	assert_non_null(strstr(reason_of(&s, &c, seq), want));
	assert_int_equal(count(&s, "SELECT count(*) FROM market"), 0);
	/* then A's: A's market arrives, C's renaming of it is refused */
	snprintf(cmd, sizeof cmd, "cp -r '%s/%s' '%s/'", dir, a.id, only);
	assert_int_equal(system(cmd), 0);
	sync_dev(&s, only);
	snprintf(want, sizeof want, "quarantined: unauthorized: market %s", m.uuid);
	assert_non_null(strstr(reason_of(&s, &c, seq), want));
	assert_int_equal(count(&s, "SELECT count(*) FROM market WHERE name = '龙岗市场'"), 1);
	/* a market made by hand with no device is taken as its sender's */
	forge(&c, "INSERT INTO market(uuid, name, created_at, updated_at) VALUES ('66666666-6666-4666-8666-"
		  "666666666666', '无主', '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z')", NULL);
	sync_dev(&c, dir);
	sync_dev(&s, dir);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM market m JOIN uuid_owner o ON o.uuid = m.uuid"
		 " WHERE m.uuid LIKE '6666%%' AND m.device = '%s' AND o.device = m.device", c.id);
	assert_int_equal(count(&s, sql), 1);
	dev_close(&s);
	dev_close(&a);
	dev_close(&c);
	clock_fix(-1);
}

/* Records name the device that made them in their uuid's last 8 digits,
 * so a device whose id ends like a known one's cannot be trusted. */
static void test_owned_uuids(void **state)
{
	(void)state;
	struct dev s, a;
	struct sc_err err;
	struct market_rec m = { 0 };
	char u[UUID_STR], twin[UUID_STR];
	dev_open(&s, "ou-s.db");
	dev_open(&a, "ou-a.db");
	assert_int_equal(uuid_new_owned(a.id, u), 0);
	assert_true(uuid_valid(u));
	assert_int_equal(u[14], '8');
	assert_string_equal(u + 28, a.id + 28);
	snprintf(m.name, sizeof m.name, "南山");
	assert_int_equal(store_market_add(a.db, &m, &err), SC_OK);
	assert_string_equal(m.uuid + 28, a.id + 28);
	/* a twin of A (or of this device) by the last 8 digits */
	trust(&s, &a, "inspector");
	snprintf(twin, sizeof twin, "%s", a.id);
	twin[0] = twin[0] == 'f' ? 'e' : 'f';
	assert_int_equal(device_trust(s.db, twin, a.pk, "inspector", &err), SC_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, a.id));
	snprintf(twin, sizeof twin, "%s", s.id);
	twin[0] = twin[0] == 'f' ? 'e' : 'f';
	assert_int_equal(device_trust(s.db, twin, a.pk, "inspector", &err), SC_ERR_CONFLICT);
	trust(&s, &a, "supervisor"); /* A itself again: fine */
	dev_close(&s);
	dev_close(&a);
}

struct hits {
	const char *want;
	int n;
};

static void count_hits(const struct seal_problem *p, void *ctx)
{
	struct hits *h = ctx;
	h->n += p->fatal && h->want && strstr(p->what, h->want) != NULL;
}

/* Reseal, as verify computes seals, d's records of device dev from
 * `from` on (in chain order), after content was changed: what someone with
 * the database but no key can do. Returns the new head. */
static void reseal_chain(struct dev *d, const char *dev, const char *from, char head[SEAL_HEX])
{
	struct sc_err err;
	char uuid[UUID_STR], prev[SEAL_HEX], seal[SEAL_HEX];
	snprintf(uuid, sizeof uuid, "%s", from);
	assert_int_equal(db_text(d->db, &err, prev, sizeof prev, "SELECT coalesce(prev_seal, '') FROM inspection"
				 " WHERE uuid = ?", "t", uuid), SC_OK);
	for (;;) {
		char old[SEAL_HEX];
		assert_int_equal(db_text(d->db, &err, old, sizeof old, "SELECT seal FROM inspection WHERE uuid = ?",
					 "t", uuid), SC_OK);
		assert_int_equal(seal_compute(d->db, "main", uuid, prev, seal, NULL, &err), SC_OK);
		assert_int_equal(db_run(d->db, &err, "UPDATE inspection SET seal = ?, prev_seal = ? WHERE uuid = ?",
					"ttt", seal, prev, uuid), SC_OK);
		snprintf(prev, sizeof prev, "%s", seal);
		if (db_text(d->db, &err, uuid, sizeof uuid, "SELECT uuid FROM inspection WHERE prev_seal = ?"
			    " AND device = ?", "tt", old, dev) != SC_OK)
			break;
	}
	snprintf(head, SEAL_HEX, "%s", prev);
}

/* Fatal problems verify finds on d; -1 when none of them says want. */
static int verify_bad(struct dev *d, const char *want)
{
	struct sc_err err;
	int checked, bad;
	struct hits h = { want, 0 };
	assert_int_equal(seal_verify(d->db, count_hits, &h, &checked, &bad, &err), SC_OK);
	return want && !h.n ? -1 : bad;
}

/* Chain heads signed with the device key travel in bundles: a record of A
 * changed and resealed in the supervisor's copy fails verify there (A's
 * signed head no longer matches), and one changed and resealed in A's own
 * database, its own signatures removed too, fails on A against the head the
 * supervisor's bundle brought back. */
static void test_signed_heads(void **state)
{
	(void)state;
	struct dev s, a;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], u1[UUID_STR], u2[UUID_STR], head[SEAL_HEX];

	share_new(dir, "share-sh");
	clock_fix(now_t);
	pair(&s, &a, "sh-s.db", "sh-a.db");
	market_with_veg(&a, "盐田市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "原样", NULL, u1);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u2);
	sync_dev(&a, dir);
	sync_dev(&s, dir);
	review(&s, u2, "approve"); /* S has something to send: A's head goes back with it */
	sync_dev(&s, dir);
	sync_dev(&a, dir);
	assert_int_equal(verify_bad(&s, NULL), 0);
	assert_int_equal(verify_bad(&a, NULL), 0);
	assert_int_equal(count(&a, "SELECT count(*) FROM seal_head WHERE via <> 'self'"), 1);

	/* in S's copy: A's newest record deleted (issue 14: verify said
	 * intact): the head A signed in its own bundle names it. Undone after. */
	assert_int_equal(db_exec(s.db, &err, "SAVEPOINT del"), SC_OK);
	assert_int_equal(tu_delete_inspection(s.db, u2), 0);
	assert_true(verify_bad(&s, "its device signed as its chain head") >= 1);
	assert_int_equal(db_exec(s.db, &err, "ROLLBACK TO del; RELEASE del"), SC_OK);
	assert_int_equal(verify_bad(&s, NULL), 0);

	/* in S's copy: A's first record changed, A's chain resealed */
	const char *edit = "DROP TRIGGER IF EXISTS answer_sealed_update;"
			   "UPDATE answer SET note = '改过' WHERE note = '原样'";
	assert_int_equal(db_exec(s.db, &err, edit), SC_OK);
	reseal_chain(&s, a.id, u1, head);
	assert_true(verify_bad(&s, "its device signed as its chain head") >= 1);

	/* in A's own: the same, its own signed heads deleted, the head moved */
	assert_int_equal(db_exec(a.db, &err, edit), SC_OK);
	reseal_chain(&a, a.id, u1, head);
	assert_int_equal(db_run(a.db, &err, "UPDATE meta SET value = ? WHERE key = 'seal_head'", "t", head), SC_OK);
	assert_int_equal(db_exec(a.db, &err, "DELETE FROM seal_head WHERE via = 'self'"), SC_OK);
	assert_true(verify_bad(&a, "its device signed as its chain head") >= 1);
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

/* A supervisor's review and an inspector's rectification events travel
 * with their signatures and verify on the other machine; one changed
 * after signing (the sqlite3 shell, before it was sent) is quarantined as
 * tampered and changes nothing. */
static void test_review_signed(void **state)
{
	(void)state;
	struct dev s, a;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], u1[UUID_STR], u2[UUID_STR], ru[UUID_STR], want[200];
	int checked, unsig, bad;

	share_new(dir, "share-rs");
	clock_fix(now_t);
	pair(&s, &a, "rs-s.db", "rs-a.db");
	market_with_veg(&a, "福田市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u1);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u2);
	sync_dev(&a, dir);
	sync_dev(&s, dir);
	tick();
	assert_int_equal(review_decide(s.db, u2, REVIEW_APPROVE, "", "赵主任", &err), SC_OK);
	sync_dev(&s, dir);
	sync_dev(&a, dir);
	assert_int_equal(count(&a, "SELECT count(*) FROM review WHERE sig IS NOT NULL"), 1);
	assert_int_equal(rowsig_verify(a.db, ROWSIG_REVIEW, NULL, NULL, &checked, &unsig, &bad, &err), SC_OK);
	assert_int_equal(checked, 1);
	assert_int_equal(unsig + bad, 0);
	/* A's rectification events arrived signed too */
	int64_t events = count(&s, "SELECT count(*) FROM rect_event");
	assert_true(events > 0);
	assert_int_equal(rowsig_verify(s.db, ROWSIG_EVENT, NULL, NULL, &checked, &unsig, &bad, &err), SC_OK);
	assert_int_equal(checked, (int)events);
	assert_int_equal(unsig + bad, 0);

	tick();
	assert_int_equal(review_decide(s.db, u1, REVIEW_RETURN, "重拍", "赵主任", &err), SC_OK);
	assert_int_equal(db_text(s.db, &err, ru, sizeof ru, "SELECT uuid FROM review WHERE reason = '重拍'",
				 NULL), SC_OK);
	forge(&s, "UPDATE review SET decision = 'approve', reason = '' WHERE reason = '重拍'", NULL);
	sync_dev(&s, dir);
	snprintf(want, sizeof want, "tampered: review %s of inspection %s does not match its signature", ru, u1);
	refused(&a, dir, &s, (int)count(&s, "SELECT max(seq) FROM sync_bundle WHERE dir = 'out'"), want);

	/* A's follow-up finds the problem fixed; the event's note changed
	 * before it is sent: verify on A and import on S both refuse it */
	char r[UUID_STR], u3[UUID_STR], e[UUID_STR];
	rect_of(&a, u2, r); /* the current one: u2 repeated u1's finding */
	follow_up(&a, m.uuid, veg.uuid, r, 1, u3);
	forge(&a, "UPDATE rect_event SET note = '已整改' WHERE kind = 'fixed'", NULL);
	assert_int_equal(db_text(a.db, &err, e, sizeof e, "SELECT uuid FROM rect_event WHERE kind = 'fixed'",
				 NULL), SC_OK);
	assert_int_equal(rowsig_verify(a.db, ROWSIG_EVENT, NULL, NULL, &checked, &unsig, &bad, &err), SC_OK);
	assert_int_equal(bad, 1);
	sync_dev(&a, dir);
	snprintf(want, sizeof want, "tampered: rectification event %s of rectification %s does not match its"
		 " signature", e, r);
	refused(&s, dir, &a, (int)count(&a, "SELECT max(seq) FROM sync_bundle WHERE dir = 'out'"), want);
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

/* A sync killed with SIGKILL at random points: the next sync completes,
 * the databases are intact, nothing is lost or doubled. */
static void test_killed_sync(void **state)
{
	(void)state;
	struct dev s, a;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec st1 = { 0 }, st2 = { 0 };
	char dir[512], u[UUID_STR];
	const char *env = getenv("SC_KILL_ROUNDS");
	int rounds = env ? atoi(env) : 20, kills = 0;

	share_new(dir, "share3");
	clock_fix(now_t);
	pair(&s, &a, "k-sup.db", "k-a.db");
	snprintf(m.name, sizeof m.name, "南头市场");
	assert_int_equal(store_market_add(a.db, &m, &err), SC_OK);
	st1.market_id = st2.market_id = m.id;
	snprintf(st1.code, sizeof st1.code, "A-01");
	snprintf(st1.type, sizeof st1.type, "veg");
	snprintf(st2.code, sizeof st2.code, "A-02");
	snprintf(st2.type, sizeof st2.type, "cooked");
	assert_int_equal(store_stall_add(a.db, &a.cl, &st1, &err), SC_OK);
	assert_int_equal(store_stall_add(a.db, &a.cl, &st2, &err), SC_OK);
	srand(12345);
	for (int k = 0; k < rounds; k++) {
		for (int j = 0; j < 5; j++)
			inspect(&a, m.uuid, st1.uuid, st2.uuid, "反复测试", NULL, u);
		for (int side = 0; side < 2; side++) {
			struct dev *d = side ? &s : &a;
			pid_t pid = fork();
			assert_true(pid >= 0);
			if (pid == 0) {
				struct sync_result r;
				struct db *db;
				if (db_open(&db, db_path(d->db), 0, &err) == SC_OK)
					sync_run(db, dir, NULL, NULL, &r, &err);
				_exit(0);
			}
			struct timespec ts = { 0, (rand() % 10000) * 1000L };
			nanosleep(&ts, NULL);
			int status = 0;
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			kills += WIFSIGNALED(status);
		}
	}
	/* the next syncs complete */
	sync_dev(&a, dir);
	sync_dev(&s, dir);
	sync_dev(&a, dir);
	struct sync_result r = sync_dev(&s, dir);
	assert_int_equal(r.exported + r.imported + r.quarantined, 0);
	char ok[32];
	assert_int_equal(db_text(s.db, &err, ok, sizeof ok, "PRAGMA integrity_check", NULL), SC_OK);
	assert_string_equal(ok, "ok");
	assert_int_equal(db_text(a.db, &err, ok, sizeof ok, "PRAGMA integrity_check", NULL), SC_OK);
	assert_string_equal(ok, "ok");
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 5 * rounds);
	assert_int_equal(count(&s, "SELECT count(*) FROM answer"), 5 * rounds * 5);
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL"), 0);
	same_content(&s, &a);
	struct sync_status ss;
	assert_int_equal(sync_status(a.db, &ss, &err), SC_OK);
	assert_int_equal(ss.unsent_total, 0);
	/* bundle numbers have no holes and no repeats */
	int64_t n = count(&a, "SELECT count(*) FROM sync_bundle WHERE dir = 'out'");
	assert_int_equal(count(&a, "SELECT max(seq) FROM sync_bundle WHERE dir = 'out'"), n);
	print_message("killed %d of %d syncs\n", kills, 2 * rounds);
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

/* A review that arrives before the record it reviews waits, then imports
 * once the record is there; status shows it meanwhile. */
static void test_waiting(void **state)
{
	(void)state;
	struct dev s, a, b;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char d1[512], d2[512], u[UUID_STR], cmd[1200];
	struct sync_result r;
	struct sync_status ss;

	snprintf(d1, sizeof d1, "%s", tu_path("w1"));
	snprintf(d2, sizeof d2, "%s", tu_path("w2"));
	assert_int_equal(mkdir(d1, 0700), 0);
	assert_int_equal(mkdir(d2, 0700), 0);
	clock_fix(now_t);
	dev_open(&s, "w-sup.db");
	dev_open(&a, "w-a.db");
	dev_open(&b, "w-b.db");
	trust(&s, &a, "inspector");
	trust(&b, &a, "inspector");
	trust(&b, &s, "supervisor");
	market_with_veg(&a, "华强市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
	sync_dev(&a, d1);
	sync_dev(&s, d1);
	review(&s, u, "approve");
	sync_dev(&s, d2); /* the review travels alone through d2 */
	r = sync_dev(&b, d2);
	assert_int_equal(r.waiting, 1);
	assert_int_equal(r.imported, 0);
	assert_int_equal(sync_status(b.db, &ss, &err), SC_OK);
	assert_int_equal(ss.waiting, 1);
	assert_int_equal(ss.quarantined, 0);
	snprintf(cmd, sizeof cmd, "cp -r '%s/%s' '%s/'", d1, a.id, d2);
	assert_int_equal(system(cmd), 0);
	r = sync_dev(&b, d2);
	assert_int_equal(r.waiting, 0);
	assert_int_equal(r.imported, 2);
	char st[16];
	assert_int_equal(db_text(b.db, &err, st, sizeof st, "SELECT status FROM inspection WHERE uuid = ?", "t", u),
			 SC_OK);
	assert_string_equal(st, "approved");
	assert_int_equal(sync_status(b.db, &ss, &err), SC_OK);
	assert_int_equal(ss.waiting, 0);
	same_content(&s, &b);
	dev_close(&s);
	dev_close(&a);
	dev_close(&b);
	clock_fix(-1);
}

/* Signed bundles with random bytes changed (as a trusted but broken or
 * hostile device could send): every one is handled without a crash or a
 * half-done import; the database stays intact. A small seeded fuzz run. */
static void test_mutated_signed(void **state)
{
	(void)state;
	struct dev s, a;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	struct device_self me;
	struct sync_item it;
	char dir[512], u[UUID_STR];
	const char *env = getenv("SC_MUTATIONS");
	int rounds = env ? atoi(env) : 300, seen[6] = { 0 };

	share_new(dir, "share-m");
	clock_fix(now_t);
	dev_open(&s, "m-sup.db");
	dev_open(&a, "m-a.db");
	trust(&s, &a, "inspector");
	market_with_veg(&a, "西丽市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "原始", NULL, u);
	sync_dev(&a, dir);
	const char *p = bpath(dir, &a, 1, "bundle");
	long n = file_size(p);
	unsigned char *orig = malloc((size_t)n), *buf = malloc((size_t)n);
	FILE *f = fopen(p, "rb");
	assert_int_equal(fread(orig, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_int_equal(device_self(a.db, &me, &err), SC_OK);
	const char *seed = getenv("SC_MUTATION_SEED");
	srand(seed ? (unsigned)atoi(seed) : 4242u);
	for (int k = 0; k < rounds; k++) {
		unsigned char sg[crypto_sign_BYTES];
		char sig[2 * crypto_sign_BYTES + 1];
		memcpy(buf, orig, (size_t)n);
		int flips = 1 + rand() % 4;
		for (int j = 0; j < flips; j++) {
			/* mostly inside the first pages (header, schema, manifest) */
			long at = rand() % 2 ? rand() % (n < 8192 ? n : 8192) : rand() % n;
			buf[at] = (unsigned char)rand();
		}
		size_t len = (size_t)n;
		if (k % 10 == 9)
			len = (size_t)(rand() % n); /* truncated too */
		crypto_sign_detached(sg, NULL, buf, len, me.sk);
		device_hex(sg, sizeof sg, sig);
		assert_int_equal(sync_import_mem(s.db, a.id, 1, buf, len, sig, strlen(sig), &it, &err), SC_OK);
		assert_true(it.outcome == SYNC_IMPORTED || it.outcome == SYNC_QUARANTINED ||
			    it.outcome == SYNC_WAITING);
		seen[it.outcome]++;
		/* forget it, to parse the next one from scratch */
		assert_int_equal(db_exec(s.db, &err, "DELETE FROM sync_bundle"), SC_OK);
	}
	print_message("%d mutated bundles: %d imported, %d quarantined, %d waiting\n", rounds,
		      seen[SYNC_IMPORTED], seen[SYNC_QUARANTINED], seen[SYNC_WAITING]);
	assert_true(seen[SYNC_QUARANTINED] > 0);
	char ok[32];
	assert_int_equal(db_text(s.db, &err, ok, sizeof ok, "PRAGMA integrity_check", NULL), SC_OK);
	assert_string_equal(ok, "ok");
	/* the original still imports afterwards */
	crypto_sign_detached((unsigned char *)buf, NULL, orig, (size_t)n, me.sk);
	char sig[2 * crypto_sign_BYTES + 1];
	device_hex(buf, crypto_sign_BYTES, sig);
	assert_int_equal(sync_import_mem(s.db, a.id, 1, orig, (size_t)n, sig, strlen(sig), &it, &err), SC_OK);
	assert_true(it.outcome == SYNC_IMPORTED);
	/* the same bytes imported again, even with the bookkeeping forgotten,
	 * change nothing */
	char *once = dump(s.db);
	assert_int_equal(db_exec(s.db, &err, "DELETE FROM sync_bundle"), SC_OK);
	assert_int_equal(sync_import_mem(s.db, a.id, 1, orig, (size_t)n, sig, strlen(sig), &it, &err), SC_OK);
	assert_true(it.outcome == SYNC_IMPORTED);
	char *twice = dump(s.db);
	assert_string_equal(once, twice);
	free(once);
	free(twice);
	sodium_memzero(&me, sizeof me);
	free(orig);
	free(buf);
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

/* The one peer of d (its trust list holds one device): the format it last
 * sent, and the warning for it in lang. */
static int peer_format(struct dev *d, int lang, char *warn, size_t sz)
{
	struct sync_peer_format_rec *p;
	struct sc_err err;
	int n = 0;
	assert_int_equal(sync_peer_formats(d->db, &p, &n, &err), SC_OK);
	assert_int_equal(n, 1);
	int f = p[0].format;
	sync_format_warning(&p[0], lang, warn, sz);
	free(p);
	return f;
}

/* A crafted bundle's reason, quarantined, holding want. */
static void reason_has(struct dev *d, struct dev *src, int seq, const char *want)
{
	const char *why = reason_of(d, src, seq);
	if (!strstr(why, "quarantined: ") || !strstr(why, want))
		fail_msg("bundle %d: reason '%s' lacks '%s'", seq, why, want);
}

#define PRE_SIGNATURE "ALTER TABLE review DROP COLUMN sig; ALTER TABLE rect_event DROP COLUMN sig;" \
	" UPDATE manifest SET value = '1' WHERE key = 'format';" \
	" UPDATE manifest SET value = '13' WHERE key = 'schema'"

/* Bundle formats (docs/sync.md): a newer one is refused saying to update
 * this machine, nothing of it kept nor marked seen, and imported once it
 * can be read; the format of the versions before signed reviews is
 * refused naming the device to update; format 1 with signed rows reads as
 * 2, and the writer's schema is not judged; the format is under the
 * signature; the shape is checked whatever the format says. */
static void test_bundle_format(void **state)
{
	(void)state;
	struct dev s, a;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], save[600], savesig[600], u[UUID_STR], want[400], sql[200], warn[600], got[32];
	struct sync_result r;

	share_new(dir, "share-fmt");
	clock_fix(now_t);
	pair(&s, &a, "fmt-s.db", "fmt-a.db");
	market_with_veg(&a, "南山市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
	sync_dev(&a, dir); /* 1 */
	{
		sqlite3 *h;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open(bpath(dir, &a, 1, "bundle"), &h), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT value FROM manifest WHERE key = 'format'", -1, &st,
						    NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(got, sizeof got, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(h);
		snprintf(want, sizeof want, "%d", SYNC_FORMAT);
		assert_string_equal(got, want); /* this program writes SYNC_FORMAT */
	}
	snprintf(save, sizeof save, "%s", tu_path("fmt-1.bundle"));
	snprintf(savesig, sizeof savesig, "%s", tu_path("fmt-1.sig"));
	copy_file(bpath(dir, &a, 1, "bundle"), save);
	copy_file(bpath(dir, &a, 1, "sig"), savesig);
	assert_int_equal(peer_format(&s, LANG_EN, warn, sizeof warn), 0); /* nothing read yet */
	assert_string_equal(warn, "");

	/* newer: what to update and where, nothing kept, not marked seen */
	snprintf(sql, sizeof sql, "UPDATE manifest SET value = '%d' WHERE key = 'format'", SYNC_FORMAT + 1);
	bundle_craft(dir, &a, 1, 1, sql);
	snprintf(want, sizeof want, "newer bundle format: 000001.bundle from device %s uses format %d; this"
		 " stallcheck reads up to format %d: update stallcheck on this machine", a.id, SYNC_FORMAT + 1,
		 SYNC_FORMAT);
	refused(&s, dir, &a, 1, want);
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 0);
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_bundle WHERE dir = 'in'"), 0);
	assert_int_equal(peer_format(&s, LANG_EN, warn, sizeof warn), SYNC_FORMAT + 1);
	assert_non_null(strstr(warn, a.id));
	assert_non_null(strstr(warn, "update stallcheck on this machine"));
	peer_format(&s, LANG_ZH, warn, sizeof warn);
	assert_non_null(strstr(warn, "请更新本机的 stallcheck"));
	refused(&s, dir, &a, 1, want); /* tried again at every sync */
	/* this machine updated (here: the bundle readable again): imported */
	copy_file(save, bpath(dir, &a, 1, "bundle"));
	copy_file(savesig, bpath(dir, &a, 1, "sig"));
	r = sync_dev(&s, dir);
	assert_int_equal(r.imported, 1);
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection"), 1);
	assert_int_equal(peer_format(&s, LANG_EN, warn, sizeof warn), SYNC_FORMAT);
	assert_string_equal(warn, "");

	/* before signed reviews: the device that wrote it must update */
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
	sync_dev(&a, dir); /* 2 */
	bundle_craft(dir, &a, 2, 2, PRE_SIGNATURE);
	snprintf(want, sizeof want, "older bundle format: 000002.bundle from device %s uses format 1 (before"
		 " signed reviews); this stallcheck reads format %d and later: update stallcheck on that"
		 " device", a.id, SYNC_FORMAT_MIN);
	refused(&s, dir, &a, 2, want);
	assert_int_equal(peer_format(&s, LANG_EN, warn, sizeof warn), 1);
	assert_non_null(strstr(warn, "update stallcheck on that device"));
	peer_format(&s, LANG_ZH, warn, sizeof warn);
	assert_non_null(strstr(warn, "请更新该设备上的 stallcheck"));

	/* a writer's newer schema is not judged, only its format */
	bundle_craft(dir, &a, 1, 4, "UPDATE manifest SET value = '999' WHERE key = 'schema'");
	r = sync_dev(&s, dir);
	assert_int_equal(r.imported, 1);
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_bundle WHERE seq = 4"), 1);
	assert_int_equal(peer_format(&s, LANG_EN, warn, sizeof warn), SYNC_FORMAT);

	/* the format is signed: changed by anyone without the key (to make a
	 * bundle read as another format, or to send someone updating for
	 * nothing) it is tampered, and its format is not believed */
	bundle_craft(dir, &a, 1, 5, "SELECT 1");
	{
		sqlite3 *h;
		assert_int_equal(sqlite3_open(bpath(dir, &a, 5, "bundle"), &h), SQLITE_OK);
		assert_int_equal(sqlite3_exec(h, "UPDATE manifest SET value = '1' WHERE key = 'format';"
					      " UPDATE manifest SET value = '13' WHERE key = 'schema'", NULL, NULL,
					      NULL), SQLITE_OK);
		sqlite3_close(h);
	}
	refused(&s, dir, &a, 5, "tampered: the signature does not match");
	assert_int_equal(peer_format(&s, LANG_EN, warn, sizeof warn), SYNC_FORMAT);

	/* whatever the format says, the shape is that of the format; an old
	 * format is refused by its age (7, 9: records not here) or settled
	 * when every record of it is here already (10: its device sent them
	 * again after its update) */
#define NEW_RECORD "UPDATE inspection SET uuid = 'not-here-yet';"
	bundle_craft(dir, &a, 1, 6, "ALTER TABLE review DROP COLUMN sig");
	bundle_craft(dir, &a, 1, 7, NEW_RECORD " ALTER TABLE review DROP COLUMN sig;"
		     " UPDATE manifest SET value = '1' WHERE key = 'format'");
	bundle_craft(dir, &a, 1, 8, "UPDATE manifest SET value = '2x' WHERE key = 'format'");
	bundle_craft(dir, &a, 1, 9, NEW_RECORD " DELETE FROM manifest WHERE key = 'schema';"
		     " UPDATE manifest SET value = '1' WHERE key = 'format'");
	bundle_craft(dir, &a, 1, 10, PRE_SIGNATURE);
#undef NEW_RECORD
	r = sync_dev(&s, dir);
	assert_int_equal(r.imported, 0);
	assert_int_equal(r.quarantined, 6); /* with 2 and 5, still refused */
	assert_int_equal(r.already, 3); /* 1 and 4 imported before, 10 settled */
	reason_has(&s, &a, 6, "malformed: unexpected table 'review'");
	reason_has(&s, &a, 7, "older bundle format: 000007.bundle");
	reason_has(&s, &a, 8, "malformed: the manifest's format '2x' is not a number");
	reason_has(&s, &a, 9, "older bundle format: 000009.bundle");
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_quarantine WHERE file LIKE '%/000010.bundle'"), 0);

	/* a signed bundle copied under a higher number (anyone who can write
	 * to the share can): misplaced, and the peer's format is not kept with
	 * that number, which would pin it against every later bundle */
	copy_file(bpath(dir, &a, 1, "bundle"), bpath(dir, &a, 99, "bundle"));
	copy_file(bpath(dir, &a, 1, "sig"), bpath(dir, &a, 99, "sig"));
	sync_dev(&s, dir);
	reason_has(&s, &a, 99, "misplaced: manifest says sequence 1, file name 000099");
	struct sync_peer_format_rec *pf;
	int npf = 0;
	assert_int_equal(sync_peer_formats(s.db, &pf, &npf, &err), SC_OK);
	assert_int_equal(npf, 1);
	assert_true(pf[0].seq < 99);
	free(pf);

	/* a record without a key is not one that is here: not settled */
	bundle_craft(dir, &a, 1, 11, PRE_SIGNATURE "; ALTER TABLE market RENAME TO m0;"
		     " CREATE TABLE market AS SELECT * FROM m0; DROP TABLE m0; UPDATE market SET uuid = NULL");
	sync_dev(&s, dir);
	reason_has(&s, &a, 11, "older bundle format: 000011.bundle");
	(void)err;
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

/* A verdict this program does not know (a newer template feature) is
 * refused naming the answer, not by the database's CHECK. */
static void test_unknown_verdict(void **state)
{
	(void)state;
	struct dev s, a;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], u[UUID_STR], want[400];

	share_new(dir, "share-verdict");
	clock_fix(now_t);
	pair(&s, &a, "vd-s.db", "vd-a.db");
	market_with_veg(&a, "福田市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
	forge(&a, "UPDATE answer SET verdict = 'excellent' WHERE item_id = 'M2'", u);
	sync_dev(&a, dir);
	snprintf(want, sizeof want, "newer content: answer M2 of inspection %s has the verdict 'excellent',"
		 " which this stallcheck does not know", u);
	refused(&s, dir, &a, 1, want);
	reason_has(&s, &a, 1, "update stallcheck on this machine");
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_bundle WHERE dir = 'in'"), 0);
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

/* Progress callback: each bundle's file and reason, one a line. */
static void collect_reasons(const struct sync_item *it, int done, int total, void *ctx)
{
	char *seen = ctx;
	size_t n = strlen(seen);
	(void)done;
	(void)total;
	snprintf(seen + n, 2000 - n, "%s: %s\n", it->file, it->reason);
}

/* A device updated from a version whose bundles peers no longer read
 * sends the records of those bundles again (once): the peer that refused
 * them gets them. */
static void test_resend_older(void **state)
{
	(void)state;
	struct dev s, a;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	char dir[512], u[UUID_STR], want[400];
	struct sync_result r;
	int v = 0;

	share_new(dir, "share-resend");
	clock_fix(now_t);
	pair(&s, &a, "ro-s.db", "ro-a.db");
	market_with_veg(&a, "罗湖市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u);
	sync_dev(&a, dir); /* 1, as the version before signed reviews wrote it */
	bundle_craft(dir, &a, 1, 1, PRE_SIGNATURE);
	snprintf(want, sizeof want, "older bundle format: 000001.bundle from device %s", a.id);
	refused(&s, dir, &a, 1, want);
	/* A updated: its migration to this version (run again here) */
	while (v < schema_migration_count && !strstr(schema_migrations[v], "CREATE TABLE sync_peer_format"))
		v++;
	assert_true(v < schema_migration_count);
	assert_int_equal(db_exec(a.db, &err, "DROP TABLE sync_peer_format"), SC_OK);
	assert_int_equal(db_exec(a.db, &err, schema_migrations[v]), SC_OK);
	r = sync_dev(&a, dir);
	assert_int_equal(r.exported, 1); /* 2: the records of 1 again */
	assert_int_equal(count(&a, "SELECT count(*) FROM meta WHERE key = 'sync_recheck_upto'"), 0);
	r = sync_dev(&s, dir);
	assert_int_equal(r.imported, 1);
	assert_int_equal(id_of(&s, "inspection", u) > 0, 1);
	/* the old bundle is settled in the same sync, no longer listed as
	 * refused with "update stallcheck on that device" (it was updated) */
	assert_int_equal(r.quarantined, 0);
	assert_int_equal(r.already, 1);
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL"), 0);
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_bundle WHERE seq = 1 AND dir = 'in'"
			       " AND records = 0"), 1);
	/* settled for good: the next sync does not read it again */
	{
		char seen[2000] = "";
		struct sync_result r2;
		tick();
		assert_int_equal(sync_run(s.db, dir, collect_reasons, seen, &r2, &err), SC_OK);
		assert_int_equal(r2.quarantined, 0);
		assert_non_null(strstr(seen, "000001.bundle: imported before"));
		assert_null(strstr(seen, "came again"));
	}
	assert_int_equal(count(&s, "SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL"), 0);
	/* once: nothing more to send */
	r = sync_dev(&a, dir);
	assert_int_equal(r.exported, 0);
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

/* Two devices give one stall code to two different stalls: the smaller
 * uuid keeps the code on every machine, the other is renamed the same way. */
static void test_stall_clash(void **state)
{
	(void)state;
	struct dev s, a, b;
	struct sc_err err;
	struct market_rec m = { 0 };
	struct stall_rec sa = { 0 }, sb = { 0 };
	char dir[512], code[40], small[UUID_STR], big[UUID_STR], want[64];

	share_new(dir, "share-c");
	clock_fix(now_t);
	office(&s, &a, &b, "c-sup.db", "c-a.db", "c-b.db");
	snprintf(m.name, sizeof m.name, "沙井市场");
	assert_int_equal(store_market_add(s.db, &m, &err), SC_OK);
	sync_dev(&s, dir);
	sync_dev(&a, dir);
	sync_dev(&b, dir);
	sa.market_id = id_of(&a, "market", m.uuid);
	sb.market_id = id_of(&b, "market", m.uuid);
	snprintf(sa.code, sizeof sa.code, "X-1");
	snprintf(sb.code, sizeof sb.code, "X-1");
	snprintf(sa.type, sizeof sa.type, "veg");
	snprintf(sb.type, sizeof sb.type, "cooked");
	assert_int_equal(store_stall_add(a.db, &a.cl, &sa, &err), SC_OK);
	assert_int_equal(store_stall_add(b.db, &b.cl, &sb, &err), SC_OK);
	sync_dev(&a, dir);
	sync_dev(&b, dir); /* B meets A's stall after its own */
	sync_dev(&s, dir);
	sync_dev(&a, dir); /* A meets B's stall after its own */
	same_content(&s, &a);
	same_content(&s, &b);
	snprintf(small, sizeof small, "%s", strcmp(sa.uuid, sb.uuid) < 0 ? sa.uuid : sb.uuid);
	snprintf(big, sizeof big, "%s", strcmp(sa.uuid, sb.uuid) < 0 ? sb.uuid : sa.uuid);
	assert_int_equal(db_text(s.db, &err, code, sizeof code, "SELECT code FROM stall WHERE uuid = ?", "t", small),
			 SC_OK);
	assert_string_equal(code, "X-1");
	assert_int_equal(db_text(a.db, &err, code, sizeof code, "SELECT code FROM stall WHERE uuid = ?", "t", big),
			 SC_OK);
	snprintf(want, sizeof want, "X-1~%.8s", big);
	assert_string_equal(code, want);
	dev_close(&s);
	dev_close(&a);
	dev_close(&b);
	clock_fix(-1);
}

/* Grades A-D ([band.X]) and a 2.5-point item on a device's checklist. */
static void graded(struct dev *d)
{
	static const struct { const char *code; int min; } g[] = { { "a", 85 }, { "b", 70 }, { "c", 50 },
								    { "d", 0 } };
	d->cl.rules.bands = calloc(4, sizeof *d->cl.rules.bands);
	assert_non_null(d->cl.rules.bands);
	d->cl.rules.nbands = 4;
	for (int k = 0; k < 4; k++) {
		snprintf(d->cl.rules.bands[k].code, sizeof d->cl.rules.bands[k].code, "%s", g[k].code);
		d->cl.rules.bands[k].min = g[k].min;
	}
	d->cl.items[1].points = 2.5; /* M2, a pass/fail item */
	pin(d, "[template]\nid=graded\n[band.a]\nmin = 85\n[band.b]\nmin = 70\n [Band.C] \r\nmin = 50\n"
	    "[band.d]\nmin = 0");
}

/* The grade of a template's named bands and decimal points travel in the
 * bundle and stay sealed: the supervisor's copy has the inspector's grade
 * and 2.5 points, verifies, and a grade changed there fails verify (issue 15). */
static void test_grades_travel(void **state)
{
	(void)state;
	struct dev s, a;
	struct market_rec m = { 0 };
	struct stall_rec veg = { 0 };
	struct sc_err err;
	char dir[512], uuid[UUID_STR], got[16];

	share_new(dir, "share-g");
	clock_fix(now_t);
	pair(&s, &a, "g-sup.db", "g-a.db");
	graded(&s);
	graded(&a);
	market_with_veg(&a, "南山市场", &m, &veg);
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, uuid);
	assert_int_equal(db_text(a.db, &err, got, sizeof got, "SELECT grade FROM inspection", NULL), SC_OK);
	assert_true(strlen(got) == 1 && strchr("abcd", got[0]));
	sync_dev(&a, dir);
	sync_dev(&s, dir);
	same_content(&s, &a);
	assert_int_equal(count(&s, "SELECT count(*) FROM inspection i JOIN visit v ON v.inspection_id = i.id"
			       " WHERE i.grade IS NOT NULL AND v.grade IS NOT NULL"), 1);
	assert_int_equal(count(&s, "SELECT count(*) FROM answer WHERE item_id = 'M2' AND earned = 2.5"
			       " AND possible = 2.5"), 1);
	assert_int_equal(verify_bad(&s, NULL), 0);
	assert_int_equal(db_run(s.db, &err, "UPDATE visit SET grade = grade || 'x'", NULL), SC_OK);
	assert_int_equal(verify_bad(&s, "no longer matches"), 1);

	/* a grade its template does not declare, sealed by a changed program,
	 * is refused: the seal proves who sent it, not that it is a band */
	char u2[UUID_STR], want[300];
	inspect(&a, m.uuid, veg.uuid, NULL, "", NULL, u2);
	forge(&a, "UPDATE inspection SET grade = 'a+' WHERE grade IS NOT NULL AND id = (SELECT max(id)"
	      " FROM inspection)", u2);
	sync_dev(&a, dir);
	snprintf(want, sizeof want, "malformed: inspection %s has the grade 'a+', which its checklist template"
		 " does not declare", u2);
	refused(&s, dir, &a, 2, want);
	/* a stall's grade too (judged before the seal: a hand-made bundle) */
	craft(dir, &a, 2, 3, "UPDATE inspection SET grade = 'a'; UPDATE visit SET grade = 'e'", 1);
	refused(&s, dir, &a, 3, "has the grade 'e', which its checklist template does not declare");
	reason_has(&s, &a, 3, "malformed: stall visit ");
	dev_close(&s);
	dev_close(&a);
	clock_fix(-1);
}

static int teardown_all(void **state)
{
	(void)state;
	tu_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_devices),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_import_garbage),
		cmocka_unit_test(test_missing_folder),
		cmocka_unit_test(test_hostile_unknown),
		cmocka_unit_test(test_forged_origin),
		cmocka_unit_test(test_takeover),
		cmocka_unit_test(test_authority),
		cmocka_unit_test(test_forged_rows),
		cmocka_unit_test(test_null_columns),
		cmocka_unit_test(test_wait_for_maker),
		cmocka_unit_test(test_owned_uuids),
		cmocka_unit_test(test_signed_heads),
		cmocka_unit_test(test_review_signed),
		cmocka_unit_test(test_waiting),
		cmocka_unit_test(test_stall_clash),
		cmocka_unit_test(test_grades_travel),
		cmocka_unit_test(test_mutated_signed),
		cmocka_unit_test(test_bundle_format),
		cmocka_unit_test(test_unknown_verdict),
		cmocka_unit_test(test_resend_older),
		cmocka_unit_test(test_killed_sync),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
