/* rowsig: Ed25519 signatures of the rows that never change once made,
 * by the device that made them: reviews (a supervisor's decision).
 *
 * The signed message is "stallcheck-review-1" 0x1e followed by the row in
 * the canonical encoding of seal.h (one row: review uuid, inspection uuid,
 * decision, reason, reviewer, device, at). The signature (128 hex digits)
 * is stored in review.sig; rows made before signing have none. A changed
 * decision or reason no longer verifies under the maker's public key
 * (this device's own, or a peer's in the trust list). */
#ifndef SC_ROWSIG_H
#define SC_ROWSIG_H

#include <sodium.h>

#include "db.h"
#include "device.h"
#include "seal.h"

#define ROWSIG_HEX (2 * crypto_sign_BYTES + 1)

/* The fields of a review as they are signed. */
struct rowsig_review {
	const char *uuid, *inspection_uuid, *decision, *reason, *reviewer, *device, *at;
};

/* Sign a review about to be inserted with this device's key. */
int rowsig_review_sign(struct db *db, const struct device_self *me, const struct rowsig_review *r,
		       char sig[ROWSIG_HEX], struct sc_err *err);

/* Every signed review here against its maker's key. Calls report for
 * each problem (uuid = the review's inspection, what names the review);
 * *checked = signatures checked, *unsigned_n = reviews made before
 * signing (not checked, not a failure), *bad = changed reviews. */
int rowsig_verify(struct db *db, seal_report_fn report, void *ctx, int *checked, int *unsigned_n,
		  int *bad, struct sc_err *err);

/* Import check of the attached bundle "b": each signed review must verify
 * under the key trusted here for its device (me: this device's id). why
 * receives the reason ("tampered: ...") or "" when all hold. Unsigned
 * reviews (made before signing) pass: the bundle's signature covers them. */
int rowsig_check_bundle(struct db *db, const char *me, char *why, size_t sz, struct sc_err *err);

#endif
