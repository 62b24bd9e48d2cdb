/* rowsig: signatures of review rows by the device that made them. */
#include "rowsig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static const char review_tag[] = "stallcheck-review-1\x1e";

/* The signed fields of one review: by uuid here, in an attached bundle, or
 * bound (a review about to be inserted). Same columns, same order. */
static const char review_main_sql[] =
	"SELECT r.uuid, i.uuid, r.decision, r.reason, r.reviewer, r.device, r.at FROM review r"
	" JOIN inspection i ON i.id = r.inspection_id WHERE r.uuid = ?";
static const char review_bundle_sql[] =
	"SELECT uuid, inspection_uuid, decision, reason, reviewer, device, at FROM b.review WHERE uuid = ?";
static const char review_new_sql[] = "SELECT ?, ?, ?, ?, ?, ?, ?";

/* The message of the row(s) st selects: tag, then the canonical encoding.
 * Releases st. The caller frees out->p. */
static int review_msg(struct db *db, sqlite3_stmt *st, struct seal_buf *out, struct sc_err *err)
{
	crypto_hash_sha256_state h; /* seal_feed_rows hashes too; unused here */
	size_t n = sizeof review_tag - 1;
	int rc;
	crypto_hash_sha256_init(&h);
	memset(out, 0, sizeof *out);
	out->p = malloc(256);
	if (!out->p) {
		db_done(db, st);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	out->cap = 256;
	memcpy(out->p, review_tag, n + 1);
	out->len = n;
	rc = seal_feed_rows(db, st, &h, out, err);
	db_done(db, st);
	return rc;
}

int rowsig_review_sign(struct db *db, const struct device_self *me, const struct rowsig_review *r,
		       char sig[ROWSIG_HEX], struct sc_err *err)
{
	struct seal_buf msg;
	unsigned char sg[crypto_sign_BYTES];
	sqlite3_stmt *st = db_q(db, err, review_new_sql, "ttttttt", r->uuid, r->inspection_uuid,
				r->decision, r->reason, r->reviewer, r->device, r->at);
	if (!st)
		return err->code;
	int rc = review_msg(db, st, &msg, err);
	if (rc == SC_OK) {
		crypto_sign_detached(sg, NULL, (const unsigned char *)msg.p, msg.len, me->sk);
		device_hex(sg, sizeof sg, sig);
	}
	free(msg.p);
	return rc;
}

/* Does review uuid (schema "main" or the bundle "b") verify under pk with
 * sig_hex? *ok 1 or 0. */
static int review_valid(struct db *db, const char *schema, const char *uuid, const char *sig_hex,
			const unsigned char pk[crypto_sign_PUBLICKEYBYTES], int *ok, struct sc_err *err)
{
	struct seal_buf msg;
	unsigned char sg[crypto_sign_BYTES];
	sqlite3_stmt *st = db_q(db, err, strcmp(schema, "b") ? review_main_sql : review_bundle_sql, "t",
				uuid);
	if (!st)
		return err->code;
	int rc = review_msg(db, st, &msg, err);
	if (rc == SC_OK)
		*ok = device_unhex(sig_hex, sg, sizeof sg) == 0 &&
		      crypto_sign_verify_detached(sg, (const unsigned char *)msg.p, msg.len, pk) == 0;
	free(msg.p);
	return rc;
}

static void report_review(seal_report_fn report, void *ctx, const char *insp, const char *device,
			  const char *me, int fatal, const char *what)
{
	struct seal_problem p;
	memset(&p, 0, sizeof p);
	snprintf(p.uuid, sizeof p.uuid, "%s", insp);
	snprintf(p.device, sizeof p.device, "%s", device);
	snprintf(p.what, sizeof p.what, "%s", what);
	p.own = strcmp(device, me) == 0;
	p.fatal = fatal;
	if (report)
		report(&p, ctx);
}

int rowsig_verify(struct db *db, seal_report_fn report, void *ctx, int *checked, int *unsigned_n,
		  int *bad, struct sc_err *err)
{
	char me[UUID_STR], what[200];
	int r, rc;
	*checked = *unsigned_n = *bad = 0;
	if ((rc = store_device_id(db, me, err)))
		return rc;
	sqlite3_stmt *st = db_q(db, err,
		"SELECT r.uuid, i.uuid, r.device, r.sig, r.decision, " DEVICE_PUBKEY_SQL("r.device", "?1")
		" FROM review r JOIN inspection i ON i.id = r.inspection_id ORDER BY r.at, r.uuid", "t", me);
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		char uuid[UUID_STR], insp[UUID_STR], dev[UUID_STR], sig[ROWSIG_HEX];
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
		int ok = 0;
		if (sqlite3_column_type(st, 3) == SQLITE_NULL) {
			(*unsigned_n)++;
			continue;
		}
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(insp, sizeof insp, "%s", db_col_text(st, 1));
		snprintf(dev, sizeof dev, "%s", db_col_text(st, 2));
		snprintf(sig, sizeof sig, "%s", db_col_text(st, 3));
		if (device_unhex(db_col_text(st, 5), pk, sizeof pk)) {
			snprintf(what, sizeof what, "review %s: its device is not trusted here, its signature"
				 " was not checked", uuid);
			report_review(report, ctx, insp, dev, me, 0, what);
			continue;
		}
		snprintf(what, sizeof what, "review %s: its decision or reason no longer matches its"
			 " signature (changed outside stallcheck; decision now '%.10s')", uuid,
			 db_col_text(st, 4));
		/* another statement on the same connection: st stays where it is */
		if ((rc = review_valid(db, "main", uuid, sig, pk, &ok, err)))
			break;
		(*checked)++;
		if (!ok) {
			(*bad)++;
			report_review(report, ctx, insp, dev, me, 1, what);
		}
	}
	db_done(db, st);
	return rc ? rc : r < 0 ? err->code : SC_OK;
}

int rowsig_check_bundle(struct db *db, const char *me, char *why, size_t sz, struct sc_err *err)
{
	int r, rc = SC_OK;
	sqlite3_stmt *st = db_q(db, err,
		"SELECT uuid, coalesce(inspection_uuid, '?'), sig, " DEVICE_PUBKEY_SQL("device", "?1")
		" FROM b.review WHERE sig IS NOT NULL", "t", me);
	*why = '\0';
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		char uuid[64], insp[64], sig[ROWSIG_HEX];
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
		int ok = 0;
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(insp, sizeof insp, "%s", db_col_text(st, 1));
		snprintf(sig, sizeof sig, "%s", db_col_text(st, 2));
		if (device_unhex(db_col_text(st, 3), pk, sizeof pk) == 0 &&
		    (rc = review_valid(db, "b", uuid, sig, pk, &ok, err)))
			break;
		if (!ok) { /* an unknown key: the authority check refused it before */
			snprintf(why, sz, "tampered: review %s of inspection %s does not match its signature"
				 " (its decision or reason was changed after it was signed)", uuid, insp);
			break;
		}
	}
	db_done(db, st);
	return rc ? rc : r < 0 ? err->code : SC_OK;
}
