/* device: this database's identity (device id + Ed25519 key pair) and the
 * list of devices it trusts.
 *
 * The device id is meta.device_id (store_device_id). The private key lives
 * in "<database path>.key", mode 0600, created on first use: one line
 * "ed25519 <64 hex seed>". Its public key is also kept in meta.device_pubkey,
 * so a lost or replaced key file is noticed instead of silently replaced. */
#ifndef SC_DEVICE_H
#define SC_DEVICE_H

#include <sodium.h>

#include "clock.h"
#include "db.h"
#include "uuid.h"

#define DEVICE_PK_HEX (2 * crypto_sign_PUBLICKEYBYTES + 1)

struct device_self {
	char id[UUID_STR];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char pk_hex[DEVICE_PK_HEX];
	char key_path[4096];
};

enum device_role { ROLE_NONE = 0, ROLE_INSPECTOR, ROLE_SUPERVISOR };

struct device_peer {
	char id[UUID_STR];
	char pk_hex[DEVICE_PK_HEX];
	int role;                   /* enum device_role */
	char added_at[CLOCK_TS];
	char revoked_at[CLOCK_TS];  /* "" while trusted */
};

/* Load this device's identity, creating the key pair on first use.
 * Wipe the secret key with sodium_memzero when done. */
int device_self(struct db *db, struct device_self *me, struct sc_err *err);

/* Trust (or re-trust, un-revoking) a device's public key (64 hex) in a
 * role ("inspector" or "supervisor"). */
int device_trust(struct db *db, const char *id, const char *pk_hex, const char *role,
		 struct sc_err *err);

/* Revoke a trusted device: its bundles are quarantined from now on. */
int device_revoke(struct db *db, const char *id, struct sc_err *err);

/* One peer (SC_ERR_NOTFOUND when never trusted). */
int device_peer_get(struct db *db, const char *id, struct device_peer *p, struct sc_err *err);

/* All peers ordered by id; caller frees *out. */
int device_peer_list(struct db *db, struct device_peer **out, int *n, struct sc_err *err);

/* "inspector" / "supervisor" / "none"; role_from_name returns ROLE_NONE
 * for anything else. */
const char *device_role_name(int role);
/* The role in the user's language, for sentences (the name stays for
 * tables and scripts). */
const char *device_role_label(int role);
int device_role_from_name(const char *s);
/* A stored role ("inspector", "supervisor": peer.role, sync_peer_format)
 * as device_role_label says it. */
const char *device_role_name_label(const char *s);

/* SQL: the public key (hex) this database knows for device d, its own
 * (when d is me, this device's id) or a peer's; NULL for a stranger. d
 * must name its table ("r.device"): it is read inside the subqueries on
 * meta and peer, where a bare "device" is peer.device (the first peer's
 * key for every row). */
#define DEVICE_PUBKEY_SQL(d, me) "CASE WHEN " d " = " me " THEN (SELECT value FROM meta" \
	" WHERE key = 'device_pubkey') ELSE (SELECT pubkey FROM peer WHERE device = " d ") END"

/* Hex <-> bytes; returns 0 or -1 (bad length or digit). */
int device_unhex(const char *hex, unsigned char *out, size_t n);
void device_hex(const unsigned char *b, size_t n, char *out);

#endif
