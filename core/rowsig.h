/* rowsig: Ed25519 signatures of the rows that never change once made, by
 * the device that made them: reviews (a supervisor's decision) and
 * rectification events (opened, repeat, fixed, not fixed).
 *
 * The signed message is a tag ("stallcheck-review-1" / "stallcheck-event-1")
 * and 0x1e, then the row in the canonical encoding of seal.h. A review:
 * uuid, inspection uuid, decision, reason, reviewer, device, at. An event:
 * uuid, rectification uuid, inspection uuid ('' for none), kind, note,
 * actor, device, at. The signature (128 hex digits) is kept in the row's
 * sig column; rows made before signing have none. A changed row no longer
 * verifies under its maker's public key (this device's own, or a peer's in
 * the trust list). */
#ifndef SC_ROWSIG_H
#define SC_ROWSIG_H

#include <sodium.h>

#include "db.h"
#include "device.h"
#include "seal.h"

#define ROWSIG_HEX (2 * crypto_sign_BYTES + 1)

enum rowsig_kind { ROWSIG_REVIEW = 0, ROWSIG_EVENT, ROWSIG_KINDS };

/* "review" / "rectification event" (plural 0), "reviews" / ... (plural 1). */
const char *rowsig_kind_name(int kind, int plural);

/* Sign a row about to be inserted with this device's key: fields in the
 * order above (7 for a review, 8 for an event). need_key 0: without a
 * usable key file sig is "" (the row is stored unsigned) instead of an
 * error. */
int rowsig_sign(struct db *db, int kind, const char *const *fields, int need_key,
		char sig[ROWSIG_HEX], struct sc_err *err);

/* Batch signing, for a bulk fill (demo data: its guard triggers are off).
 * Between begin and end, rowsig_sign on db reads no key: it returns sig ""
 * (the row is inserted unsigned) and a second thread signs the row with
 * the key read once by begin; seal_inspection hands the record's canonical
 * form to rowsig_batch_seal, and that thread chains, hashes and signs the
 * seals in their order. rowsig_batch_flush, before the transaction that
 * wrote the rows commits, waits for the thread and writes what
 * rowsig_sign and seal_inspection would have: the rows' signatures, the
 * records' seals, the signed heads and the chain head (write 0: drops
 * them, for a rollback); the seals queued after a flush chain from the
 * head the database holds then, so a COMMIT that failed after the flush
 * leaves no seal linked to the lost ones. end drops what is left, stops
 * the thread and wipes the key. One batch per process: a second begin,
 * on any database, fails (SC_ERR_STATE) while one is open. Nothing may
 * read a seal or signature of the batch before its flush. */
int rowsig_batch_begin(struct db *db, struct sc_err *err);
int rowsig_batch_on(struct db *db);
int rowsig_batch_seal(struct db *db, int64_t inspection_id, struct seal_buf *canon, struct sc_err *err);
int rowsig_batch_flush(struct db *db, int write, struct sc_err *err);
void rowsig_batch_end(struct db *db);

/* Every signed row of kind here against its maker's key. Calls report for
 * each problem (uuid = a review's inspection, "" for an event; what names
 * the row); *checked = signatures checked, *unsigned_n = rows made before
 * signing (not checked, not a failure), *bad = changed rows. */
int rowsig_verify(struct db *db, int kind, seal_report_fn report, void *ctx, int *checked,
		  int *unsigned_n, int *bad, struct sc_err *err);

/* Import check of the attached bundle "b": each signed review and event
 * must verify under the key trusted here for its device (me: this
 * device's id). why receives the reason ("tampered: ...") or "" when all
 * hold. Unsigned rows (made before signing) pass: the bundle's signature
 * covers them. */
int rowsig_check_bundle(struct db *db, const char *me, char *why, size_t sz, struct sc_err *err);

#endif
