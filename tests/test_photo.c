/* test_photo: the evidence photo store (hash, dedupe, size limit, links
 * refused), the seal covering photos and the operator's acknowledgement
 * while every record without them seals exactly as before, and photos
 * through sync: carried, checked against their hash, refused when not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vips/vips.h>

#include "core/ack.h"
#include "core/device.h"
#include "core/notice.h"
#include "core/photo.h"
#include "core/seal.h"
#include "core/store.h"
#include "core/sync.h"
#include "testutil.h"

struct fx {
	struct db *db;
	struct checklist cl;
	struct market_rec m;
	struct stall_rec veg;
	int64_t tpl;
	char id[UUID_STR];
	char pk[DEVICE_PK_HEX];
};

static void fx_open(struct fx *f, const char *name)
{
	static const char body[] = "[template]\nid=test\n";
	unsigned char h[crypto_hash_sha256_BYTES];
	struct device_self me;
	struct sc_err err;
	memset(f, 0, sizeof *f);
	tu_tick();
	assert_int_equal(db_open(&f->db, tu_path(name), DB_CREATE, &err), SC_OK);
	tu_checklist(&f->cl);
	crypto_hash_sha256(h, (const unsigned char *)body, sizeof body - 1);
	device_hex(h, sizeof h, f->cl.hash);
	assert_int_equal(store_template_pin(f->db, &f->cl, body, &f->tpl, &err), SC_OK);
	assert_int_equal(device_self(f->db, &me, &err), SC_OK);
	snprintf(f->id, sizeof f->id, "%s", me.id);
	snprintf(f->pk, sizeof f->pk, "%s", me.pk_hex);
	snprintf(f->m.name, sizeof f->m.name, "梅林市场");
	assert_int_equal(store_market_add(f->db, &f->m, &err), SC_OK);
	f->veg.market_id = f->m.id;
	snprintf(f->veg.code, sizeof f->veg.code, "A-01");
	snprintf(f->veg.type, sizeof f->veg.type, "veg");
	assert_int_equal(store_stall_add(f->db, &f->cl, &f->veg, &err), SC_OK);
}

static void fx_close(struct fx *f)
{
	db_close(f->db);
	checklist_clear(&f->cl);
}

/* A draft with M1 answered and S3 failed at A-01; *visit out. */
static int64_t draft(struct fx *f, int64_t *visit)
{
	struct sc_err err;
	struct inspection_rec r;
	struct visit_rec v;
	tu_tick();
	assert_int_equal(store_inspection_start(f->db, f->m.id, f->tpl, "王芳", NULL, &r, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, 0, -1, "M1", V_NONE, 3, 0, "", &err), SC_OK);
	assert_int_equal(store_visit_add(f->db, r.id, f->veg.id, &v, &err), SC_OK);
	assert_int_equal(store_answer_save(f->db, &f->cl, r.id, v.id, 0, "S3", V_FAIL, 0, 2, "票证缺失", &err),
			 SC_OK);
	*visit = v.id;
	return r.id;
}

static void finalize(struct fx *f, int64_t id)
{
	struct sc_err err;
	tu_tick();
	assert_int_equal(store_inspection_finalize(f->db, &f->cl, id, NULL, NULL, &err), SC_OK);
}

/* A real JPEG (w x h, grey level g) written to name; its path. */
static const char *jpeg_file(const char *name, int w, int h, int g)
{
	VipsImage *img = NULL, *lin = NULL;
	void *buf = NULL;
	size_t len = 0;
	assert_int_equal(vips_black(&img, w, h, NULL), 0);
	assert_int_equal(vips_linear1(img, &lin, 1.0, (double)g, NULL), 0);
	assert_int_equal(vips_jpegsave_buffer(lin, &buf, &len, NULL), 0);
	const char *p = tu_path(name);
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	fclose(fp);
	g_free(buf);
	g_object_unref(lin);
	g_object_unref(img);
	return p;
}

static void sha_hex(const char *path, char hex[PHOTO_HEX])
{
	unsigned char *d = NULL, md[crypto_hash_sha256_BYTES];
	size_t n = 0;
	struct sc_err err;
	assert_int_equal(photo_read_file(path, &d, &n, &err), SC_OK);
	crypto_hash_sha256(md, d, n);
	device_hex(md, sizeof md, hex);
	free(d);
}

static void test_store(void **state)
{
	(void)state;
	struct fx f;
	struct sc_err err;
	struct photo_link *pl = NULL;
	struct stat st;
	char hash[PHOTO_HEX], want[PHOTO_HEX], path[4200];
	int64_t visit, n = 0;
	int np = 0;
	fx_open(&f, "store.db");
	int64_t id = draft(&f, &visit);
	const char *jpg = jpeg_file("a.jpg", 64, 48, 90);
	sha_hex(jpg, want);

	/* stored by the SHA-256 of its bytes, 0600, next to the database */
	assert_int_equal(photo_attach(f.db, id, visit, "S3", jpg, hash, &err), SC_OK);
	assert_string_equal(hash, want);
	snprintf(path, sizeof path, "%s.photos/%.2s/%s.jpg", tu_path("store.db"), hash, hash);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(photo_list(f.db, id, visit, "S3", &pl, &np, &err), SC_OK);
	assert_int_equal(np, 1);
	assert_string_equal(pl[0].hash, want);
	assert_string_equal(pl[0].stall_code, "A-01");
	assert_int_equal(pl[0].size, st.st_size);
	free(pl);

	/* dedupe: the same bytes once on disk and in the table, twice linked;
	 * the same photo twice on one answer is refused */
	assert_int_equal(photo_attach(f.db, id, 0, "M1", jpg, NULL, &err), SC_OK);
	assert_int_equal(photo_attach(f.db, id, visit, "S3", jpg, NULL, &err), SC_ERR_CONFLICT);
	assert_int_equal(db_int(f.db, &err, &n, "SELECT count(*) FROM photo", NULL), SC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_int(f.db, &err, &n, "SELECT count(*) FROM answer_photo", NULL), SC_OK);
	assert_int_equal(n, 2);

	/* over the limit: refused, the limit said */
	const char *big = tu_path("big.jpg");
	int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\xff\xd8\xff\xe0", 4), 4);
	assert_int_equal(ftruncate(fd, PHOTO_MAX + 1), 0);
	close(fd);
	assert_int_equal(photo_attach(f.db, id, visit, "S3", big, NULL, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "20 MB"));
	/* not an image */
	assert_int_equal(photo_attach(f.db, id, visit, "S3", tu_write("x.jpg", "not a photo"), NULL, &err),
			 SC_ERR_INVALID);
	/* no link is followed: neither the file taken... */
	assert_int_equal(symlink(jpg, tu_path("link.jpg")), 0);
	assert_int_equal(photo_attach(f.db, id, visit, "S3", tu_path("link.jpg"), NULL, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "symbolic link"));
	/* ...nor a store folder replaced by one */
	const char *other = jpeg_file("b.jpg", 32, 32, 10);
	sha_hex(other, want);
	char sub[4200], moved[4200];
	snprintf(sub, sizeof sub, "%s.photos/%.2s", tu_path("store.db"), want);
	snprintf(moved, sizeof moved, "%s", tu_path("elsewhere"));
	assert_int_equal(mkdir(moved, 0700), 0);
	rmdir(sub); /* empty unless the two hashes share their first byte */
	if (access(sub, F_OK) != 0) {
		assert_int_equal(symlink(moved, sub), 0);
		assert_int_equal(photo_attach(f.db, id, visit, "S3", other, NULL, &err), SC_ERR_INVALID);
		assert_non_null(strstr(err.msg, "symbolic link"));
		unlink(sub);
	}
	/* an item not answered takes no photo; an undone answer takes its photos along */
	assert_int_equal(photo_attach(f.db, id, visit, "S1", jpg, NULL, &err), SC_ERR_STATE);
	assert_int_equal(store_answer_delete(f.db, id, 0, "M1", &err), SC_OK);
	assert_int_equal(db_int(f.db, &err, &n, "SELECT count(*) FROM answer_photo", NULL), SC_OK);
	assert_int_equal(n, 1);

	/* the thumbnail is a JPEG data URI */
	char *uri = NULL;
	assert_int_equal(photo_thumb_uri(f.db, hash, &uri, &err), SC_OK);
	assert_memory_equal(uri, "data:image/jpeg;base64,/9j/", 27);
	free(uri);
	/* a stored file changed behind the program's back is named */
	FILE *fp = fopen(path, "r+b");
	assert_non_null(fp);
	fseek(fp, 40, SEEK_SET);
	fputc(0x55, fp);
	fclose(fp);
	unsigned char *d = NULL;
	size_t dl = 0;
	assert_int_equal(photo_load(f.db, hash, &d, &dl, &err), SC_ERR_INVALID);
	finalize(&f, id);
	/* final: no more photos */
	assert_int_equal(photo_attach(f.db, id, visit, "S3", other, NULL, &err), SC_ERR_STATE);

	/* an amendment takes the photos along, on the same stall and item */
	struct inspection_rec am, orig;
	struct visit_rec *vs = NULL, nv;
	int nvs = 0;
	assert_int_equal(store_inspection_get(f.db, id, &orig, &err), SC_OK);
	assert_int_equal(store_inspection_start(f.db, f.m.id, f.tpl, "王芳", orig.uuid, &am, &err), SC_OK);
	assert_int_equal(store_visit_list(f.db, id, &vs, &nvs, &err), SC_OK);
	assert_int_equal(store_visit_copy(f.db, am.id, &vs[0], &nv, &err), SC_OK);
	free(vs);
	assert_int_equal(store_answer_save(f.db, &f.cl, am.id, nv.id, 0, "S3", V_FAIL, 0, 2, "", &err), SC_OK);
	assert_int_equal(photo_copy_links(f.db, id, am.id, &err), SC_OK);
	assert_int_equal(photo_list(f.db, am.id, nv.id, "S3", &pl, &np, &err), SC_OK);
	assert_int_equal(np, 1);
	assert_string_equal(pl[0].hash, hash);
	free(pl);
	fx_close(&f);
}

/* The seal as it was before photos existed: the three parts only,
 * computed here apart from seal_compute. */
static void seal_v1(struct db *db, const char *uuid, const char *prev, char out[SEAL_HEX])
{
	static const char *const sql[3] = {
		"SELECT i.uuid, m.uuid, t.hash, i.inspector, i.device, i.day, i.started_at, i.finished_at,"
		" i.amends_uuid, i.score, i.band, i.critical_fails, i.stalls_done"
		" FROM inspection i JOIN market m ON m.id = i.market_id"
		" JOIN template t ON t.id = i.template_id WHERE i.uuid = ?",
		"SELECT v.uuid, s.uuid, v.seq, v.score, v.band, v.critical_fails, v.done, v.created_at"
		" FROM visit v JOIN stall s ON s.id = v.stall_id"
		" WHERE v.inspection_id = (SELECT id FROM inspection WHERE uuid = ?) ORDER BY v.seq, v.uuid",
		"SELECT coalesce(v.uuid, ''), a.item_id, a.verdict, a.earned, a.possible, a.critical,"
		" a.spots, a.note, a.answered_at FROM answer a LEFT JOIN visit v ON v.id = a.visit_id"
		" WHERE a.inspection_id = (SELECT id FROM inspection WHERE uuid = ?) ORDER BY 1, 2",
	};
	struct sc_err err;
	crypto_hash_sha256_state h;
	unsigned char md[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)"stallcheck-seal-1\x1e", 18);
	crypto_hash_sha256_update(&h, (const unsigned char *)prev, strlen(prev));
	crypto_hash_sha256_update(&h, (const unsigned char *)"\x1e", 1);
	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *st = db_q(db, &err, sql[i], "t", uuid);
		assert_non_null(st);
		assert_int_equal(seal_feed_rows(db, st, &h, NULL, &err), SC_OK);
		db_done(db, st);
		crypto_hash_sha256_update(&h, (const unsigned char *)"\x1d", 1);
	}
	crypto_hash_sha256_final(&h, md);
	device_hex(md, sizeof md, out);
}

static int verify_bad(struct fx *f)
{
	struct sc_err err;
	int checked = 0, bad = 0;
	assert_int_equal(seal_verify(f->db, NULL, NULL, &checked, &bad, &err), SC_OK);
	return bad;
}

static void stored_seal(struct fx *f, int64_t id, char uuid[UUID_STR], char seal[SEAL_HEX], char prev[SEAL_HEX])
{
	struct sc_err err;
	assert_int_equal(db_text(f->db, &err, uuid, UUID_STR, "SELECT uuid FROM inspection WHERE id = ?", "I", id),
			 SC_OK);
	assert_int_equal(db_text(f->db, &err, seal, SEAL_HEX, "SELECT seal FROM inspection WHERE id = ?", "I", id),
			 SC_OK);
	assert_int_equal(db_text(f->db, &err, prev, SEAL_HEX, "SELECT coalesce(prev_seal, '') FROM inspection"
				 " WHERE id = ?", "I", id), SC_OK);
}

static void test_seal(void **state)
{
	(void)state;
	struct fx f;
	struct sc_err err;
	char uuid[UUID_STR], seal[SEAL_HEX], prev[SEAL_HEX], old[SEAL_HEX];
	int64_t visit;
	fx_open(&f, "seal.db");

	/* 1. no photo, no acknowledgement: sealed exactly as before */
	int64_t plain = draft(&f, &visit);
	finalize(&f, plain);
	stored_seal(&f, plain, uuid, seal, prev);
	seal_v1(f.db, uuid, prev, old);
	assert_string_equal(seal, old);

	/* 2. a photo and an acknowledgement: sealed with them */
	int64_t id = draft(&f, &visit);
	assert_int_equal(photo_attach(f.db, id, visit, "S3", jpeg_file("s.jpg", 40, 30, 50), NULL, &err), SC_OK);
	assert_int_equal(ack_set(f.db, id, 1, "", "", &err), SC_ERR_INVALID); /* present: a name */
	assert_int_equal(ack_set(f.db, id, 0, "张三", "", &err), SC_ERR_INVALID); /* absent: none */
	assert_int_equal(ack_set(f.db, id, 1, "张三", "已知悉，三日内整改。", &err), SC_OK);
	finalize(&f, id);
	stored_seal(&f, id, uuid, seal, prev);
	seal_v1(f.db, uuid, prev, old);
	assert_string_not_equal(seal, old);
	assert_int_equal(verify_bad(&f), 0);
	/* read-only once final */
	assert_int_equal(ack_set(f.db, id, 1, "李四", "", &err), SC_ERR_STATE);
	assert_int_not_equal(db_exec(f.db, &err, "DELETE FROM answer_photo"), SC_OK);
	assert_int_not_equal(db_exec(f.db, &err, "UPDATE inspection_ack SET operator = '李四'"), SC_OK);

	/* 3. changed behind the program's back (guards off): verify names it */
	assert_int_equal(db_bulk(f.db, 1, &err), SC_OK);
	assert_int_equal(db_exec(f.db, &err, "UPDATE inspection_ack SET operator = '李四'"), SC_OK);
	assert_int_equal(db_bulk(f.db, 0, &err), SC_OK);
	assert_int_equal(verify_bad(&f), 1);
	assert_int_equal(db_bulk(f.db, 1, &err), SC_OK);
	assert_int_equal(db_exec(f.db, &err, "UPDATE inspection_ack SET operator = '张三'"), SC_OK);
	assert_int_equal(db_exec(f.db, &err, "DELETE FROM answer_photo"), SC_OK);
	assert_int_equal(db_bulk(f.db, 0, &err), SC_OK);
	assert_int_equal(verify_bad(&f), 1);
	fx_close(&f);
}

static const char *share(void)
{
	const char *d = tu_path("share");
	mkdir(d, 0700);
	return d;
}

static void sync_dev(struct fx *f, struct sync_result *res)
{
	struct sc_err err;
	tu_tick();
	int rc = sync_run(f->db, share(), NULL, NULL, res, &err);
	if (rc)
		fail_msg("sync: %s", err.msg);
}

static void trust(struct fx *a, const struct fx *b)
{
	struct sc_err err;
	assert_int_equal(device_trust(a->db, b->id, b->pk, "inspector", &err), SC_OK);
}

/* What a trusted device running a changed program could send: the photo
 * bytes in bundle 1 of f replaced, the content hash fixed and the bundle
 * signed again with f's key. */
static void forge_photo(struct fx *f, const char *bundle, const char *sigfile)
{
	struct sc_err err;
	struct device_self me;
	char content[SEAL_HEX], sig[2 * crypto_sign_BYTES + 2];
	unsigned char sg[crypto_sign_BYTES];
	assert_int_equal(db_run(f->db, &err, "ATTACH DATABASE ? AS b", "t", bundle), SC_OK);
	sqlite3_stmt *st = db_q(f->db, &err, "SELECT hash, data FROM b.photo", NULL);
	assert_non_null(st);
	assert_int_equal(db_step(f->db, st, &err), 1);
	char h[PHOTO_HEX];
	size_t n = (size_t)sqlite3_column_bytes(st, 1);
	unsigned char *blob = malloc(n);
	snprintf(h, sizeof h, "%s", db_col_text(st, 0));
	memcpy(blob, sqlite3_column_blob(st, 1), n);
	db_done(f->db, st);
	blob[n / 2] ^= 0x40; /* one byte in the picture */
	assert_int_equal(db_run(f->db, &err, "UPDATE b.photo SET data = ? WHERE hash = ?", "bt", blob, (int)n, h),
			 SC_OK);
	free(blob);
	assert_int_equal(tu_bundle_content(f->db, content), 0);
	assert_int_equal(db_run(f->db, &err, "UPDATE b.manifest SET value = ? WHERE key = 'content_sha256'", "t",
				content), SC_OK);
	assert_int_equal(db_exec(f->db, &err, "DETACH DATABASE b"), SC_OK);
	FILE *fp = fopen(bundle, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long len = ftell(fp);
	rewind(fp);
	unsigned char *d = malloc((size_t)len);
	assert_int_equal(fread(d, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	assert_int_equal(device_self(f->db, &me, &err), SC_OK);
	crypto_sign_detached(sg, NULL, d, (unsigned long long)len, me.sk);
	free(d);
	device_hex(sg, sizeof sg, sig);
	strcat(sig, "\n");
	fp = fopen(sigfile, "w");
	fputs(sig, fp);
	fclose(fp);
}

/* The notice prints the acknowledgement in the operator's signature place
 * (the name given, or that the operator was not present) and the photos as
 * thumbnails in the row of their finding. */
static void test_notice(void **state)
{
	(void)state;
	struct fx f;
	struct sc_err err;
	struct notice_opts zh = { .lang = LANG_ZH, .tpl_dirs = tu_tpl_dirs() };
	char *html = NULL;
	size_t len = 0;
	int64_t visit;
	fx_open(&f, "notice.db");

	int64_t absent = draft(&f, &visit);
	assert_int_equal(ack_set(f.db, absent, 0, "", "", &err), SC_OK);
	finalize(&f, absent);
	assert_int_equal(notice_html(f.db, absent, &zh, &html, &len, &err), SC_OK);
	assert_non_null(strstr(html, "<span class=\"fill signed\">开办方不在场</span>"));
	assert_null(strstr(html, "开办方意见"));
	assert_null(strstr(html, "<img "));
	free(html);

	int64_t id = draft(&f, &visit);
	assert_int_equal(photo_attach(f.db, id, visit, "S3", jpeg_file("n.jpg", 40, 30, 70), NULL, &err), SC_OK);
	assert_int_equal(ack_set(f.db, id, 1, "张三", "已知悉<b>", &err), SC_OK);
	finalize(&f, id);
	assert_int_equal(notice_html(f.db, id, &zh, &html, &len, &err), SC_OK);
	assert_non_null(strstr(html, "<span class=\"fill signed\">张三</span>"));
	assert_non_null(strstr(html, "开办方意见：已知悉&lt;b&gt;"));
	const char *row = strstr(html, "A-01");
	assert_non_null(row);
	const char *img = strstr(row, "<div class=\"photos\"><img src=\"data:image/jpeg;base64,/9j/");
	assert_non_null(img);
	assert_true(img < strstr(row, "</tr>"));
	free(html);
	fx_close(&f);
}

static void test_sync(void **state)
{
	(void)state;
	struct fx a, b;
	struct sc_err err;
	struct sync_result res;
	struct photo_link *pl = NULL;
	struct ack_rec ack;
	char hash[PHOTO_HEX], uuid[UUID_STR], bundle[4200], sig[4200];
	int64_t visit, bid = 0;
	int np = 0;
	fx_open(&a, "sa.db");
	fx_open(&b, "sb.db");
	trust(&a, &b);
	trust(&b, &a);
	int64_t id = draft(&a, &visit);
	assert_int_equal(photo_attach(a.db, id, visit, "S3", jpeg_file("sy.jpg", 80, 60, 120), hash, &err), SC_OK);
	assert_int_equal(ack_set(a.db, id, 1, "张三", "", &err), SC_OK);
	finalize(&a, id);
	assert_int_equal(db_text(a.db, &err, uuid, sizeof uuid, "SELECT uuid FROM inspection WHERE id = ?", "I", id),
			 SC_OK);
	sync_dev(&a, &res);
	assert_int_equal(res.exported, 1);

	/* a forged copy first: refused on the photo's hash, nothing kept */
	snprintf(bundle, sizeof bundle, "%s/%s/000001.bundle", share(), a.id);
	snprintf(sig, sizeof sig, "%s/%s/000001.sig", share(), a.id);
	char keep[4200], keepsig[4200], cmd[9000];
	snprintf(keep, sizeof keep, "%s.orig", bundle);
	snprintf(keepsig, sizeof keepsig, "%s.orig", sig);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && cp '%s' '%s'", bundle, keep, sig, keepsig);
	assert_int_equal(system(cmd), 0);
	forge_photo(&a, bundle, sig);
	sync_dev(&b, &res);
	assert_int_equal(res.quarantined, 1);
	char why[400] = "";
	assert_int_equal(db_text(b.db, &err, why, sizeof why, "SELECT reason FROM sync_quarantine", NULL), SC_OK);
	assert_non_null(strstr(why, "tampered: photo"));
	assert_int_equal(db_int(b.db, &err, &bid, "SELECT count(*) FROM inspection", NULL), SC_OK);
	assert_int_equal(bid, 0);

	/* the bundle as sent: the photo arrives, same hash, sealed, with the acknowledgement */
	snprintf(cmd, sizeof cmd, "mv '%s' '%s' && mv '%s' '%s'", keep, bundle, keepsig, sig);
	assert_int_equal(system(cmd), 0);
	sync_dev(&b, &res);
	assert_int_equal(res.imported, 1);
	assert_int_equal(db_int(b.db, &err, &bid, "SELECT id FROM inspection WHERE uuid = ?", "t", uuid), SC_OK);
	assert_int_equal(photo_list(b.db, bid, -1, NULL, &pl, &np, &err), SC_OK);
	assert_int_equal(np, 1);
	assert_string_equal(pl[0].hash, hash);
	assert_string_equal(pl[0].item_id, "S3");
	free(pl);
	unsigned char *d = NULL;
	size_t dl = 0;
	assert_int_equal(photo_load(b.db, hash, &d, &dl, &err), SC_OK);
	free(d);
	assert_int_equal(ack_get(b.db, bid, &ack, &err), SC_OK);
	assert_string_equal(ack.operator_name, "张三");
	assert_int_equal(verify_bad(&b), 0);
	fx_close(&a);
	fx_close(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_seal),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_sync),
	};
	if (VIPS_INIT("test_photo"))
		return 1;
	return cmocka_run_group_tests(tests, NULL, tu_teardown_all);
}
