/* seal: SHA-256 seals over the canonical form of a finalized inspection,
 * chained per device, and the check that recomputes them (verify).
 *
 * Canonical form: the inspection's fields (uuid, market uuid, template
 * hash, inspector, device, day, started/finished times, amended uuid,
 * score, band, critical fails, stalls done), then its visits ordered by
 * seq (uuid, stall uuid, seq, score, band, critical fails, done, created),
 * then its answers ordered by visit uuid ('' market-wide) and item id,
 * then, only when it has any (schema v10), its evidence: photos (visit
 * uuid, item id, SHA-256, size) and the operator's acknowledgement
 * (operator, statement, present, at); a record without them seals as
 * it always has.
 * Each value is written as a type letter (N null, I integer, R real as
 * %.17g, T text), its byte length, ':', the bytes, then 0x1f; each row
 * ends with 0x1e and each part (inspection, visits, answers, photos,
 * acknowledgement) with 0x1d.
 * Status, review fields, revision and resume cursor are not sealed: they
 * move after finalizing.
 *
 * seal = hex SHA-256("stallcheck-seal-1" 0x1e prev_seal 0x1e canonical),
 * prev_seal = the seal this device made before ('' for its first).
 *
 * Anyone with the database can recompute such seals, so each device also
 * signs its chain head with its Ed25519 key ("stallcheck-head-1" 0x1e
 * device 0x1e seal) at every seal and bundle; bundles carry the signed
 * heads their device holds, its own and those it received, and verify
 * checks every signed head against the records here. */
#ifndef SC_SEAL_H
#define SC_SEAL_H

#include <sodium.h>
#include <stdint.h>

#include "db.h"

#define SEAL_HEX 65

/* A growing byte buffer (canonical text for conflict records). */
struct seal_buf {
	char *p;
	size_t len, cap;
};

/* Append n bytes to b (kept NUL-terminated; b NULL: nothing); 0, or -1
 * out of memory. The caller frees b->p. */
int seal_buf_add(struct seal_buf *b, const void *p, size_t n);

/* Compute and store the seal of a just-finalized inspection (called inside
 * store_inspection_finalize's transaction) and move the device's chain head
 * (meta 'seal_head'). */
int seal_inspection(struct db *db, int64_t inspection_id, struct sc_err *err);

/* The same, with the answers part given as its writer encoded it (the
 * rows in the canonical order, each through seal_put_*, without the part's
 * 0x1d) instead of read back: a writer that knows every answer (the
 * demo). NULL: read, as seal_inspection. */
int seal_inspection_rows(struct db *db, int64_t inspection_id, const struct seal_buf *answers,
			 struct sc_err *err);

/* One value appended to b in the canonical encoding: text, an integer,
 * points as stored (< 0 NULL, whole ones as integers, else real), a row's
 * end. 0, or nonzero out of memory. */
int seal_put_text(struct seal_buf *b, const char *s);
int seal_put_int(struct seal_buf *b, int64_t v);
int seal_put_points(struct seal_buf *b, double v);
int seal_put_row_end(struct seal_buf *b);

/* The pieces of seal_inspection, for a writer that seals on another
 * thread (rowsig_batch_seal): the seal of canonical form canon after
 * prev_seal; the signature of a chain head with secret key sk; the signed
 * head stored (via 'self'). */
#define SEAL_SIG_HEX (2 * crypto_sign_BYTES + 1)
void seal_chain(const char *prev_seal, const struct seal_buf *canon, char seal[SEAL_HEX]);
void seal_head_sign(const char *device, const char *seal, const unsigned char sk[crypto_sign_SECRETKEYBYTES],
		    char sig[SEAL_SIG_HEX]);
int seal_head_put(struct db *db, const char *device, const char *seal, const char *sig, const char *at,
		  struct sc_err *err);

/* Sign this device's chain head (meta 'seal_head') with its key and keep
 * the signature in seal_head (via 'self'). need_key 0: without a usable
 * key file the head stays unsigned until the next call that has it (a
 * seal is never refused for that). */
int seal_sign_head(struct db *db, int need_key, struct sc_err *err);

/* Is sig_hex the signature by the key pk of device's chain head seal? */
int seal_head_valid(const char *device, const char *seal, const char *sig_hex,
		    const unsigned char pk[crypto_sign_PUBLICKEYBYTES]);

/* Feed every row of a prepared statement into h and out (either may be
 * NULL; the caller frees out->p) in the canonical encoding. Steps st to the end; does not release it. */
int seal_feed_rows(struct db *db, sqlite3_stmt *st, crypto_hash_sha256_state *h,
		   struct seal_buf *out, struct sc_err *err);

/* The seal of inspection `uuid` as its content stands, given prev_seal.
 * schema "main" reads the database tables; "b" reads an attached bundle
 * (see sync.c), whose tables hold uuids instead of row ids. out receives
 * the canonical text when not NULL (caller frees out->p). */
int seal_compute(struct db *db, const char *schema, const char *uuid, const char *prev_seal,
		 char seal[SEAL_HEX], struct seal_buf *out, struct sc_err *err);

/* One problem found by seal_verify. */
struct seal_problem {
	char uuid[40];
	char device[40];
	char what[200];
	int own;          /* this device's record */
	int fatal;        /* content changed or own chain broken (verify fails) */
};

typedef void (*seal_report_fn)(const struct seal_problem *p, void *ctx);

/* Recompute every seal and check every device's chain. Calls report for
 * each problem; *checked = records checked, *bad = fatal problems. */
int seal_verify(struct db *db, seal_report_fn report, void *ctx, int *checked, int *bad,
		struct sc_err *err);

#endif
