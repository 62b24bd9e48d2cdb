/* seal: canonical form, seals chained per device, and verify. */
#include "seal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "grow.h"
#include "i18n.h"
#include "photo.h"
#include "rowsig.h"
#include "store.h"

/* Room for n more bytes and the NUL in b; 0, or -1 out of memory. */
static int buf_room(struct seal_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *q = realloc(b->p, cap);
		if (!q)
			return -1;
		b->p = q;
		b->cap = cap;
	}
	return 0;
}

int seal_buf_add(struct seal_buf *b, const void *p, size_t n)
{
	if (!b)
		return 0;
	if (buf_room(b, n))
		return -1;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static int emit(crypto_hash_sha256_state *h, struct seal_buf *out, const void *p, size_t n)
{
	if (h) /* NULL: into out only (verify sorts rows before it hashes them) */
		crypto_hash_sha256_update(h, p, n);
	return seal_buf_add(out, p, n);
}

/* Rows are hashed through a buffer: one hash update per few kilobytes, not
 * three per column (the digest of a stream does not depend on its pieces). */
struct feed {
	crypto_hash_sha256_state *h;
	struct seal_buf *out;
	size_t len;
	int bad;
	char buf[8192];
};

static void feed_flush(struct feed *f)
{
	if (f->len)
		f->bad |= emit(f->h, f->out, f->buf, f->len);
	f->len = 0;
}

static void feed(struct feed *f, const void *p, size_t n)
{
	if (f->len + n > sizeof f->buf)
		feed_flush(f);
	if (n > sizeof f->buf) {
		f->bad |= emit(f->h, f->out, p, n);
		return;
	}
	memcpy(f->buf + f->len, p, n);
	f->len += n;
}

/* Decimal digits of v into the end of buf; returns the start. */
static char *utoa_end(unsigned long long v, char *end)
{
	*--end = '\0';
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* One value's type letter and bytes in the canonical encoding; numbers are
 * written into num (40 bytes). */
static void enc_int(sqlite3_int64 v, char num[40], const char **p, size_t *n)
{
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	char *q = utoa_end(u, num + 40);
	if (v < 0)
		*--q = '-';
	*p = q;
	*n = (size_t)(num + 40 - 1 - q);
}

static void enc_real(double v, char num[40], const char **p, size_t *n)
{
	*n = (size_t)snprintf(num, 40, "%.17g", v);
	*p = num;
}

/* tag, byte length, ':' into head (32 bytes); returns its length */
static size_t enc_head(char tag, size_t n, char head[32])
{
	char lenbuf[24];
	char *l = utoa_end(n, lenbuf + sizeof lenbuf);
	size_t ll = (size_t)(lenbuf + sizeof lenbuf - 1 - l);
	head[0] = tag;
	memcpy(head + 1, l, ll);
	head[1 + ll] = ':';
	return ll + 2;
}

/* The columns from `from` on of st's current row in the canonical
 * encoding, then the row's end. */
static void feed_cols(struct feed *f, sqlite3_stmt *st, int from)
{
	int nc = sqlite3_column_count(st);
	for (int c = from; c < nc; c++) {
		char head[32], num[40];
		const char *p = "";
		size_t n = 0;
		char tag;
		switch (sqlite3_column_type(st, c)) {
		case SQLITE_NULL: tag = 'N'; break;
		case SQLITE_INTEGER:
			tag = 'I';
			enc_int(sqlite3_column_int64(st, c), num, &p, &n);
			break;
		case SQLITE_FLOAT:
			tag = 'R';
			enc_real(sqlite3_column_double(st, c), num, &p, &n);
			break;
		case SQLITE_BLOB:
			tag = 'B';
			p = sqlite3_column_blob(st, c);
			n = (size_t)sqlite3_column_bytes(st, c);
			break;
		default:
			tag = 'T';
			p = (const char *)sqlite3_column_text(st, c);
			n = (size_t)sqlite3_column_bytes(st, c);
			break;
		}
		if (!p)
			p = "";
		feed(f, head, enc_head(tag, n, head));
		feed(f, p, n);
		feed(f, "\x1f", 1);
	}
	feed(f, "\x1e", 1);
}

static int put_value(struct seal_buf *b, char tag, const char *p, size_t n)
{
	char head[32];
	size_t hl = enc_head(tag, n, head);
	if (buf_room(b, hl + n + 1)) /* one check per value: a demo puts millions */
		return -1;
	char *q = b->p + b->len;
	memcpy(q, head, hl);
	memcpy(q + hl, p, n);
	q[hl + n] = '\x1f';
	q[hl + n + 1] = '\0';
	b->len += hl + n + 1;
	return 0;
}

int seal_put_text(struct seal_buf *b, const char *s)
{
	return put_value(b, 'T', s, strlen(s));
}

int seal_put_int(struct seal_buf *b, int64_t v)
{
	char num[40];
	const char *p;
	size_t n;
	enc_int(v, num, &p, &n);
	return put_value(b, 'I', p, n);
}

int seal_put_points(struct seal_buf *b, double v)
{
	char num[40];
	const char *p;
	size_t n;
	switch (db_points_type(v)) { /* as stored, so as read back */
	case SQLITE_NULL: return put_value(b, 'N', "", 0);
	case SQLITE_INTEGER: return seal_put_int(b, (int64_t)v);
	}
	enc_real(v, num, &p, &n);
	return put_value(b, 'R', p, n);
}

int seal_put_row_end(struct seal_buf *b)
{
	return seal_buf_add(b, "\x1e", 1);
}

int seal_feed_rows(struct db *db, sqlite3_stmt *st, crypto_hash_sha256_state *h,
		   struct seal_buf *out, struct sc_err *err)
{
	struct feed f = { .h = h, .out = out };
	int r;
	while ((r = db_step(db, st, err)) == 1) {
		feed_cols(&f, st, 0);
		if (f.bad) /* the caller releases st */
			return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	feed_flush(&f);
	if (f.bad)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	return r < 0 ? err->code : SC_OK;
}

/* The three parts of the canonical form, for the database and for a bundle. */
static const char *const main_sql[3] = {
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
static const char *const bundle_sql[3] = {
	"SELECT uuid, market_uuid, template_hash, inspector, device, day, started_at, finished_at,"
	" amends_uuid, score, band, critical_fails, stalls_done FROM b.inspection WHERE uuid = ?",
	"SELECT uuid, stall_uuid, seq, score, band, critical_fails, done, created_at"
	" FROM b.visit WHERE inspection_uuid = ? ORDER BY seq, uuid",
	"SELECT coalesce(visit_uuid, ''), item_id, verdict, earned, possible, critical,"
	" spots, note, answered_at FROM b.answer WHERE inspection_uuid = ? ORDER BY 1, 2",
};

/* The evidence of an inspection (schema v12): its photos (visit uuid,
 * item id, SHA-256, size) and the operator's acknowledgement (operator,
 * statement, present, at), two more parts after the answers. A record
 * without either is sealed exactly as before they existed, so every
 * older seal stays valid; one with them cannot lose them unnoticed. */
static const char *const main_evidence_sql[2] = {
	"SELECT coalesce(v.uuid, ''), p.item_id, p.hash, ph.size FROM answer_photo p"
	" JOIN photo ph ON ph.hash = p.hash LEFT JOIN visit v ON v.id = p.visit_id"
	" WHERE p.inspection_id = (SELECT id FROM inspection WHERE uuid = ?) ORDER BY 1, 2, 3",
	"SELECT operator, statement, present, at FROM inspection_ack"
	" WHERE inspection_id = (SELECT id FROM inspection WHERE uuid = ?)",
};
static const char *const bundle_evidence_sql[2] = {
	"SELECT coalesce(visit_uuid, ''), item_id, hash, size FROM b.answer_photo"
	" WHERE inspection_uuid = ? ORDER BY 1, 2, 3",
	"SELECT operator, statement, present, at FROM b.inspection_ack WHERE inspection_uuid = ?",
};
static const char *const evidence_table[2] = { "answer_photo", "inspection_ack" };

/* The evidence parts into h and out, when there is any. A bundle written
 * without evidence has no such tables. */
static int seal_evidence(struct db *db, int bundle, const char *uuid, crypto_hash_sha256_state *h,
			 struct seal_buf *out, struct sc_err *err)
{
	struct seal_buf ev = { 0 };
	int rc = SC_OK, rows = 0;

	for (int part = 0; part < 2 && rc == SC_OK; part++) {
		if (bundle) {
			int have = 0;
			if ((rc = photo_bundle_has(db, evidence_table[part], &have, err)))
				break;
			if (!have) {
				if (seal_buf_add(&ev, "\x1d", 1))
					rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
				continue;
			}
		}
		sqlite3_stmt *st = db_q(db, err, (bundle ? bundle_evidence_sql : main_evidence_sql)[part],
					"t", uuid);
		if (!st) {
			rc = err->code;
			break;
		}
		size_t before = ev.len;
		rc = seal_feed_rows(db, st, NULL, &ev, err); /* hashed below, when any */
		db_done(db, st);
		rows |= ev.len > before;
		if (rc == SC_OK && seal_buf_add(&ev, "\x1d", 1))
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	if (rc == SC_OK && rows && emit(h, out, ev.p, ev.len))
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
	free(ev.p);
	return rc;
}

/* The grades (schema v15 'grades' in the bundle): the band code of a
 * template's named bands ([band.X]) stored with the inspection (visit '')
 * and its visits, one more part after the evidence. A record without a
 * grade (the default three bands, or finalized before grades were sealed)
 * is sealed exactly as before; one with grades cannot lose or change them
 * unnoticed. */
static const char *const grade_sql[2] = {
	"SELECT '', grade FROM inspection WHERE uuid = ?1 AND grade IS NOT NULL UNION ALL"
	" SELECT v.uuid, v.grade FROM visit v JOIN inspection i ON i.id = v.inspection_id"
	" WHERE i.uuid = ?1 AND v.grade IS NOT NULL ORDER BY 1",
	"SELECT '', grade FROM b.inspection WHERE uuid = ?1 AND grade IS NOT NULL UNION ALL"
	" SELECT uuid, grade FROM b.visit WHERE inspection_uuid = ?1 AND grade IS NOT NULL ORDER BY 1",
};

static int seal_grades(struct db *db, int bundle, const char *uuid, crypto_hash_sha256_state *h,
		       struct seal_buf *out, struct sc_err *err)
{
	static const char tag[] = "\x1cgrade\x1d";
	struct seal_buf g = { 0 };
	int rc = seal_buf_add(&g, tag, sizeof tag - 1) ? sc_fail(err, SC_ERR_NOMEM, "out of memory")
						       : SC_OK;
	sqlite3_stmt *st = rc ? NULL : db_q(db, err, grade_sql[bundle], "t", uuid);
	if (!rc && !st)
		rc = err->code;
	if (st) {
		rc = seal_feed_rows(db, st, NULL, &g, err); /* hashed below, when any */
		db_done(db, st);
	}
	if (rc == SC_OK && g.len > sizeof tag - 1 &&
	    (seal_buf_add(&g, "\x1d", 1) || emit(h, out, g.p, g.len)))
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
	free(g.p);
	return rc;
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[b[i] >> 4];
		out[2 * i + 1] = d[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* The canonical form of record uuid into h and out (either may be NULL);
 * answers: the answers part as the writer encoded it, not read (NULL:
 * read). */
static int canonical(struct db *db, int bundle, const char *uuid, const struct seal_buf *answers,
		     crypto_hash_sha256_state *h, struct seal_buf *out, struct sc_err *err)
{
	const char *const *sql = bundle ? bundle_sql : main_sql;
	int rc = SC_OK;
	for (int part = 0; part < 3 && rc == SC_OK; part++) {
		if (part == 2 && answers) {
			rc = emit(h, out, answers->p ? answers->p : "", answers->len)
				? sc_fail(err, SC_ERR_NOMEM, "out of memory") : SC_OK;
		} else {
			sqlite3_stmt *st = db_q(db, err, sql[part], "t", uuid);
			if (!st)
				return err->code;
			rc = seal_feed_rows(db, st, h, out, err);
			db_done(db, st);
		}
		if (rc == SC_OK && emit(h, out, "\x1d", 1))
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	if (rc == SC_OK)
		rc = seal_evidence(db, bundle, uuid, h, out, err);
	return rc ? rc : seal_grades(db, bundle, uuid, h, out, err);
}

static void chain_start(crypto_hash_sha256_state *h, const char *prev_seal)
{
	static const char tag[] = "stallcheck-seal-1\x1e";
	crypto_hash_sha256_init(h);
	crypto_hash_sha256_update(h, (const unsigned char *)tag, sizeof tag - 1);
	crypto_hash_sha256_update(h, (const unsigned char *)prev_seal, strlen(prev_seal));
	crypto_hash_sha256_update(h, (const unsigned char *)"\x1e", 1);
}

static void chain_end(crypto_hash_sha256_state *h, char seal[SEAL_HEX])
{
	unsigned char dig[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(h, dig);
	to_hex(dig, sizeof dig, seal);
}

void seal_chain(const char *prev_seal, const struct seal_buf *canon, char seal[SEAL_HEX])
{
	crypto_hash_sha256_state h;
	chain_start(&h, prev_seal);
	crypto_hash_sha256_update(&h, (const unsigned char *)(canon->p ? canon->p : ""), canon->len);
	chain_end(&h, seal);
}

int seal_compute(struct db *db, const char *schema, const char *uuid, const char *prev_seal,
		 char seal[SEAL_HEX], struct seal_buf *out, struct sc_err *err)
{
	crypto_hash_sha256_state h;
	chain_start(&h, prev_seal);
	int rc = canonical(db, strcmp(schema, "b") == 0, uuid, NULL, &h, out, err);
	if (rc == SC_OK)
		chain_end(&h, seal);
	return rc;
}

int seal_inspection(struct db *db, int64_t inspection_id, struct sc_err *err)
{
	return seal_inspection_rows(db, inspection_id, NULL, err);
}

int seal_inspection_rows(struct db *db, int64_t inspection_id, const struct seal_buf *answers,
			 struct sc_err *err)
{
	char dev[UUID_STR], uuid[UUID_STR], prev[SEAL_HEX] = "", seal[SEAL_HEX];
	int rc;

	if ((rc = store_device_id(db, dev, err)) ||
	    (rc = db_text(db, err, uuid, sizeof uuid, "SELECT uuid FROM inspection WHERE id = ?", "I",
			  inspection_id)))
		return rc;
	if (rowsig_batch_on(db)) { /* chained, hashed and signed on the batch's thread */
		struct seal_buf canon = { 0 };
		if ((rc = canonical(db, 0, uuid, answers, NULL, &canon, err))) {
			free(canon.p);
			return rc;
		}
		return rowsig_batch_seal(db, inspection_id, &canon, err);
	}
	rc = db_text(db, err, prev, sizeof prev, "SELECT value FROM meta WHERE key = 'seal_head'", NULL);
	if (rc == SC_ERR_NOTFOUND)
		prev[0] = '\0';
	else if (rc)
		return rc;
	crypto_hash_sha256_state h;
	chain_start(&h, prev);
	if ((rc = canonical(db, 0, uuid, answers, &h, NULL, err)))
		return rc;
	chain_end(&h, seal);
	rc = db_run(db, err, "UPDATE inspection SET seal = ?, prev_seal = ? WHERE id = ?", "ttI", seal,
		    prev, inspection_id);
	if (rc == SC_OK)
		rc = db_run(db, err,
			    "INSERT INTO meta(key, value) VALUES ('seal_head', ?)"
			    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "t", seal);
	if (rc == SC_OK)
		rc = seal_sign_head(db, 0, err);
	return rc;
}

#define HEAD_MSG_MAX 160

static size_t head_msg(const char *device, const char *seal, char out[HEAD_MSG_MAX])
{
	int n = snprintf(out, HEAD_MSG_MAX, "stallcheck-head-1\x1e%.40s\x1e%.64s", device, seal);
	return (size_t)n;
}

int seal_head_valid(const char *device, const char *seal, const char *sig_hex,
		    const unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	unsigned char sg[crypto_sign_BYTES];
	char msg[HEAD_MSG_MAX];
	size_t n = head_msg(device, seal, msg);
	return device_unhex(sig_hex, sg, sizeof sg) == 0 &&
	       crypto_sign_verify_detached(sg, (const unsigned char *)msg, n, pk) == 0;
}

void seal_head_sign(const char *device, const char *seal, const unsigned char sk[crypto_sign_SECRETKEYBYTES],
		    char sig[SEAL_SIG_HEX])
{
	unsigned char sg[crypto_sign_BYTES];
	char msg[HEAD_MSG_MAX];
	size_t n = head_msg(device, seal, msg);
	crypto_sign_detached(sg, NULL, (const unsigned char *)msg, n, sk);
	device_hex(sg, sizeof sg, sig);
}

int seal_sign_head(struct db *db, int need_key, struct sc_err *err)
{
	struct device_self me;
	char head[SEAL_HEX], sig[SEAL_SIG_HEX], dev[UUID_STR], ts[CLOCK_TS];
	int rc = db_text(db, err, head, sizeof head, "SELECT value FROM meta WHERE key = 'seal_head'", NULL);
	if (rc == SC_ERR_NOTFOUND)
		return SC_OK;
	if (rc)
		return rc;
	if ((rc = device_self(db, &me, err)))
		return need_key ? rc : SC_OK;
	snprintf(dev, sizeof dev, "%s", me.id);
	seal_head_sign(dev, head, me.sk, sig);
	sodium_memzero(&me, sizeof me);
	clock_stamp(ts);
	return seal_head_put(db, dev, head, sig, ts, err);
}

int seal_head_put(struct db *db, const char *device, const char *seal, const char *sig, const char *at,
		  struct sc_err *err)
{
	return db_run(db, err, "INSERT INTO seal_head(device, seal, sig, via, at) VALUES (?, ?, ?, 'self', ?)"
		      " ON CONFLICT (device, seal, via) DO NOTHING", "tttt", device, seal, sig, at);
}

static void problem(seal_report_fn report, void *ctx, int *bad, const char *uuid,
		    const char *device, int own, int fatal, const char *what)
{
	struct seal_problem p;
	memset(&p, 0, sizeof p);
	snprintf(p.uuid, sizeof p.uuid, "%s", uuid);
	snprintf(p.device, sizeof p.device, "%s", device);
	snprintf(p.what, sizeof p.what, "%s", what);
	p.own = own;
	p.fatal = fatal;
	if (fatal)
		(*bad)++;
	if (report)
		report(&p, ctx);
}

/* 5. signed chain heads: each verifies under its device's key and is a
 * record here (one of this device's, or a peer's received in its own
 * bundle, missing is fatal: changed and resealed, or removed); this
 * device's chain ends in a head it signed. head: meta 'seal_head'. */
static int verify_heads(struct db *db, const char *dev, const char *head, seal_report_fn report,
			void *ctx, int *bad, struct sc_err *err)
{
	char what[200];
	int r, signed_own = 0, head_signed = 0;
	sqlite3_stmt *st = db_q(db, err,
		"SELECT h.device, h.seal, h.sig, h.via, " DEVICE_PUBKEY_SQL("h.device", "?1") ","
		" EXISTS (SELECT 1 FROM inspection i WHERE i.seal = h.seal AND i.device = h.device),"
		" EXISTS (SELECT 1 FROM sync_conflict c WHERE c.remote_seal = h.seal)"
		" FROM seal_head h ORDER BY h.device, h.at, h.seal", "t", dev);
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		const char *d = db_col_text(st, 0), *seal = db_col_text(st, 1), *via = db_col_text(st, 3);
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
		int own = strcmp(d, dev) == 0, from_maker = strncmp(via, d, strlen(d)) == 0;
		if (device_unhex(db_col_text(st, 4), pk, sizeof pk))
			continue; /* a device not trusted here: nothing to check it with */
		if (!seal_head_valid(d, seal, db_col_text(st, 2), pk)) {
			snprintf(what, sizeof what, _("the signature of chain head %.12s... (%.50s) does not verify:"
				 " the signed heads were changed outside stallcheck"), seal, via);
			problem(report, ctx, bad, "", d, own, 1, what);
			continue;
		}
		signed_own |= own;
		head_signed |= own && strcmp(seal, head) == 0;
		if (sqlite3_column_int(st, 5))
			continue;
		int fatal = own || (from_maker && !sqlite3_column_int(st, 6));
		snprintf(what, sizeof what, fatal
			 ? _("no record here bears the seal %.12s... its device signed as its chain head (%.50s):"
			   " records were changed and resealed, or removed")
			 : _("the record its device signed as chain head %.12s... (%.50s) has not arrived yet"),
			 seal, via);
		problem(report, ctx, bad, "", d, own, fatal, what);
	}
	db_done(db, st);
	if (r < 0)
		return err->code;
	if (head[0] && !head_signed)
		problem(report, ctx, bad, "", dev, 1, signed_own,
			signed_own ? _("this device's chain head is not one it signed: its records were resealed"
				     " outside stallcheck")
				   : _("this device's chain head is not signed yet (sealed before stallcheck signed"
				     " heads; the next seal or sync signs it)"));
	return SC_OK;
}

/* ---- verify: every seal in one ordered pass ----
 * main_sql's three parts for all sealed inspections at once: each part is
 * one cursor in inspection id order (indexes, no per-inspection query or
 * temporary B-tree), and an inspection's visit and answer rows are put in
 * main_sql's order here before they are hashed. Same bytes, same seals. */
static const char *const pass_sql[3] = {
	/* id, prev_seal, joined (main_sql's inner joins), then the sealed columns */
	"SELECT i.id, coalesce(i.prev_seal, ''), m.id IS NOT NULL AND t.id IS NOT NULL,"
	" i.uuid, m.uuid, t.hash, i.inspector, i.device, i.day, i.started_at, i.finished_at,"
	" i.amends_uuid, i.score, i.band, i.critical_fails, i.stalls_done"
	" FROM inspection i LEFT JOIN market m ON m.id = i.market_id"
	" LEFT JOIN template t ON t.id = i.template_id WHERE i.seal IS NOT NULL ORDER BY i.id",
	/* inspection id, sort key (seq, uuid), then the sealed columns */
	"SELECT v.inspection_id, v.seq, v.uuid, '', v.uuid, s.uuid, v.seq, v.score, v.band,"
	" v.critical_fails, v.done, v.created_at FROM visit v JOIN stall s ON s.id = v.stall_id"
	" ORDER BY v.inspection_id",
	/* inspection id, sort key (visit uuid, item id), then the sealed columns */
	"SELECT a.inspection_id, 0, coalesce(v.uuid, ''), a.item_id, coalesce(v.uuid, ''), a.item_id,"
	" a.verdict, a.earned, a.possible, a.critical, a.spots, a.note, a.answered_at"
	" FROM answer a LEFT JOIN visit v ON v.id = a.visit_id ORDER BY a.inspection_id",
};
#define PASS_KEYS 3    /* visit and answer rows: id, then an integer and a text key */

struct prow {
	int64_t ikey;
	size_t off, len;           /* encoded row in the buffer */
	size_t k1, k1n, k2, k2n;   /* text keys in the buffer */
	const char *base;          /* the buffer, once complete (for sorting) */
	int n;                     /* arrival, the last tie-break */
};

struct pcursor {
	sqlite3_stmt *st;
	int r;                     /* 1 on a row, 0 done, -1 error */
	struct seal_buf buf;
	struct feed enc;           /* rows encoded into buf (not hashed yet) */
	struct prow *rows;
	int nrows, cap;
};

/* text ORDER BY (BINARY): bytes, then the shorter first */
static int bincmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : (an > bn) - (an < bn);
}

static int prow_cmp(const void *pa, const void *pb)
{
	const struct prow *a = pa, *b = pb;
	int c;
	if (a->ikey != b->ikey)
		return a->ikey < b->ikey ? -1 : 1;
	if ((c = bincmp(a->base + a->k1, a->k1n, b->base + b->k1, b->k1n)) ||
	    (c = bincmp(a->base + a->k2, a->k2n, b->base + b->k2, b->k2n)))
		return c;
	return (a->n > b->n) - (a->n < b->n);
}

static int key_add(struct seal_buf *b, sqlite3_stmt *st, int c, size_t *off, size_t *n)
{
	*off = b->len;
	*n = (size_t)sqlite3_column_bytes(st, c);
	const void *p = sqlite3_column_blob(st, c);
	return seal_buf_add(b, p ? p : "", *n);
}

/* The rows of inspection id from cursor c, in main_sql's order, into h. */
static int pass_part(struct db *db, struct pcursor *c, int64_t id, struct feed *h, struct sc_err *err)
{
	c->buf.len = 0;
	c->nrows = 0;
	while (c->r == 1 && sqlite3_column_int64(c->st, 0) <= id) {
		if (sqlite3_column_int64(c->st, 0) == id) {
			if (grow_array(&c->rows, &c->cap, c->nrows, sizeof *c->rows, 256))
				return sc_fail(err, SC_ERR_NOMEM, "out of memory");
			struct prow *w = &c->rows[c->nrows];
			struct feed *f = &c->enc;
			f->out = &c->buf;
			w->ikey = sqlite3_column_int64(c->st, 1);
			w->n = c->nrows++;
			w->off = c->buf.len;
			feed_cols(f, c->st, PASS_KEYS + 1);
			feed_flush(f);
			w->len = c->buf.len - w->off;
			if (f->bad || key_add(&c->buf, c->st, 2, &w->k1, &w->k1n) ||
			    key_add(&c->buf, c->st, 3, &w->k2, &w->k2n))
				return sc_fail(err, SC_ERR_NOMEM, "out of memory");
		}
		c->r = db_step(db, c->st, err);
	}
	if (c->r < 0)
		return err->code;
	for (int i = 0; i < c->nrows; i++)
		c->rows[i].base = c->buf.p;
	if (c->nrows) /* qsort wants a base even for none */
		qsort(c->rows, (size_t)c->nrows, sizeof *c->rows, prow_cmp);
	for (int i = 0; i < c->nrows; i++)
		feed(h, c->buf.p + c->rows[i].off, c->rows[i].len);
	feed(h, "\x1d", 1);
	return SC_OK;
}

struct pseal {
	int64_t id;
	char seal[SEAL_HEX];
};

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The ids of the inspections with evidence (photos, acknowledgement), or
 * (grades) with a grade, in order. */
static int evidence_ids(struct db *db, int grades, int64_t **out, int *nout, struct sc_err *err)
{
	int64_t *v = NULL;
	int n = 0, cap = 0, r;
	sqlite3_stmt *st = db_q(db, err, grades
				? "SELECT id FROM inspection WHERE grade IS NOT NULL UNION"
				  " SELECT inspection_id FROM visit WHERE grade IS NOT NULL ORDER BY 1"
				: "SELECT inspection_id FROM answer_photo UNION"
				  " SELECT inspection_id FROM inspection_ack ORDER BY 1", NULL);
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			int64_t *q = realloc(v, (size_t)cap * sizeof *q);
			if (!q) {
				r = -1;
				sc_fail(err, SC_ERR_NOMEM, "out of memory");
				break;
			}
			v = q;
		}
		v[n++] = sqlite3_column_int64(st, 0);
	}
	db_done(db, st);
	if (r < 0) {
		free(v);
		return err->code;
	}
	*out = v;
	*nout = n;
	return SC_OK;
}

/* The seal of every sealed inspection as its content stands, by id:
 * what seal_compute gives for each, in one pass. */
static int pass_seals(struct db *db, struct pseal **out, int *nout, struct sc_err *err)
{
	struct pcursor *c = calloc(3, sizeof *c); /* one zeroing, not one per row */
	struct feed *f = malloc(sizeof *f);
	struct pseal *v = NULL;
	int n = 0, cap = 0, rc = SC_OK;

	if (!c || !f) {
		free(c);
		free(f);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	int64_t *ev = NULL, *gr = NULL;
	int nev = 0, ngr = 0;
	if ((rc = evidence_ids(db, 0, &ev, &nev, err)) || (rc = evidence_ids(db, 1, &gr, &ngr, err))) {
		free(c);
		free(f);
		free(ev);
		return rc;
	}
	for (int k = 0; k < 3; k++) {
		c[k].st = db_q(db, err, pass_sql[k], NULL);
		if (!c[k].st) {
			rc = err->code;
			break;
		}
		/* the three cursors stay open together: one snapshot of the file */
		c[k].r = db_step(db, c[k].st, err);
	}
	while (rc == SC_OK && c[0].st && c[0].r == 1) {
		static const char tag[] = "stallcheck-seal-1\x1e";
		crypto_hash_sha256_state h;
		unsigned char dig[crypto_hash_sha256_BYTES];
		int64_t id = sqlite3_column_int64(c[0].st, 0);
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			struct pseal *q = realloc(v, (size_t)cap * sizeof *q);
			if (!q) {
				rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
				break;
			}
			v = q;
		}
		crypto_hash_sha256_init(&h);
		f->h = &h;
		f->out = NULL;
		f->len = 0;
		feed(f, tag, sizeof tag - 1);
		feed(f, sqlite3_column_text(c[0].st, 1), (size_t)sqlite3_column_bytes(c[0].st, 1));
		feed(f, "\x1e", 1);
		if (sqlite3_column_int(c[0].st, 2))
			feed_cols(f, c[0].st, 3);
		feed(f, "\x1d", 1);
		if ((rc = pass_part(db, &c[1], id, f, err)) || (rc = pass_part(db, &c[2], id, f, err)))
			break;
		feed_flush(f);
		/* the few records with photos or an acknowledgement: their
		 * evidence parts as seal_compute adds them */
		if (nev && bsearch(&id, ev, (size_t)nev, sizeof *ev, id_cmp) &&
		    (rc = seal_evidence(db, 0, (const char *)sqlite3_column_text(c[0].st, 3), &h, NULL, err)))
			break;
		if (ngr && bsearch(&id, gr, (size_t)ngr, sizeof *gr, id_cmp) &&
		    (rc = seal_grades(db, 0, (const char *)sqlite3_column_text(c[0].st, 3), &h, NULL, err)))
			break;
		crypto_hash_sha256_final(&h, dig);
		v[n].id = id;
		to_hex(dig, sizeof dig, v[n++].seal);
		if ((c[0].r = db_step(db, c[0].st, err)) < 0)
			rc = err->code;
	}
	if (rc == SC_OK && c[0].r < 0)
		rc = err->code;
	for (int k = 0; k < 3; k++) {
		if (c[k].st)
			db_done(db, c[k].st);
		free(c[k].buf.p);
		free(c[k].rows);
	}
	free(c);
	free(f);
	free(ev);
	free(gr);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*nout = n;
	return SC_OK;
}


int seal_verify(struct db *db, seal_report_fn report, void *ctx, int *checked, int *bad,
		struct sc_err *err)
{
	char dev[UUID_STR], head[SEAL_HEX] = "", seal[SEAL_HEX], what[200];
	sqlite3_stmt *st;
	int rc, r;

	*checked = *bad = 0;
	if ((rc = store_device_id(db, dev, err)))
		return rc;
	/* 1. every seal against the content as it stands (computed in one
	 * pass, then compared in the order the problems are reported) */
	struct pseal *seals = NULL;
	int nseals = 0;
	if ((rc = pass_seals(db, &seals, &nseals, err)))
		return rc;
	st = db_q(db, err,
		  "SELECT uuid, device, seal, id FROM inspection"
		  " WHERE seal IS NOT NULL ORDER BY device, finished_at, uuid", NULL);
	if (!st) {
		free(seals);
		return err->code;
	}
	while ((r = db_step(db, st, err)) == 1) {
		char uuid[UUID_STR], d[UUID_STR], s[SEAL_HEX];
		int64_t id = sqlite3_column_int64(st, 3);
		const struct pseal *got = nseals ? bsearch(&id, seals, (size_t)nseals, sizeof *seals, id_cmp) : NULL;
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(d, sizeof d, "%s", db_col_text(st, 1));
		snprintf(s, sizeof s, "%s", db_col_text(st, 2));
		(*checked)++;
		snprintf(seal, sizeof seal, "%s", got ? got->seal : "");
		if (strcmp(seal, s))
			problem(report, ctx, bad, uuid, d, strcmp(d, dev) == 0, 1,
				"content no longer matches its seal (changed outside stallcheck)");
	}
	db_done(db, st);
	free(seals);
	if (r < 0)
		return err->code;

	/* 2. finalized records without a seal */
	st = db_q(db, err, "SELECT uuid, device FROM inspection WHERE status <> 'draft' AND seal IS NULL",
		  NULL);
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1)
		problem(report, ctx, bad, db_col_text(st, 0), db_col_text(st, 1),
			strcmp(db_col_text(st, 1), dev) == 0, 1, "finalized but has no seal");
	db_done(db, st);
	if (r < 0)
		return err->code;

	/* 3. chains: every link points at a record of the same device */
	st = db_q(db, err,
		  "SELECT i.uuid, i.device, i.prev_seal FROM inspection i WHERE i.seal IS NOT NULL"
		  " AND coalesce(i.prev_seal, '') <> '' AND NOT EXISTS (SELECT 1 FROM inspection p"
		  " WHERE p.seal = i.prev_seal AND p.device = i.device) ORDER BY i.id", NULL);
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		int own = strcmp(db_col_text(st, 1), dev) == 0;
		snprintf(what, sizeof what, own
			 ? _("the record sealed before it (%.12s...) is missing from this database")
			 : _("the record sealed before it (%.12s...) has not arrived yet"),
			 db_col_text(st, 2));
		problem(report, ctx, bad, db_col_text(st, 0), db_col_text(st, 1), own, own, what);
	}
	db_done(db, st);
	if (r < 0)
		return err->code;
	st = db_q(db, err,
		  "SELECT prev_seal, group_concat(uuid, ' '), device FROM inspection WHERE seal IS NOT NULL"
		  " GROUP BY device, prev_seal HAVING count(*) > 1", NULL);
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		snprintf(what, sizeof what, _("chain forks: several records follow one seal (%s)"),
			 db_col_text(st, 1));
		problem(report, ctx, bad, "", db_col_text(st, 2), strcmp(db_col_text(st, 2), dev) == 0, 1,
			what);
	}
	db_done(db, st);
	if (r < 0)
		return err->code;

	/* 4. this device's chain head is a record it holds */
	rc = db_text(db, err, head, sizeof head, "SELECT value FROM meta WHERE key = 'seal_head'", NULL);
	if (rc == SC_OK) {
		int64_t n = 0;
		if ((rc = db_int(db, err, &n, "SELECT count(*) FROM inspection WHERE seal = ? AND device = ?",
				 "tt", head, dev)))
			return rc;
		if (n == 0)
			problem(report, ctx, bad, "", dev, 1, 1,
				"the last record this device sealed is missing from this database");
	} else if (rc != SC_ERR_NOTFOUND) {
		return rc;
	}
	return verify_heads(db, dev, head, report, ctx, bad, err);
}
