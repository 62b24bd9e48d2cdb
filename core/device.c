/* device: identity, key file and trust list. */
#include "device.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "fsutil.h"
#include "store.h"

void device_hex(const unsigned char *b, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[b[i] >> 4];
		out[2 * i + 1] = d[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int nib(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

int device_unhex(const char *hex, unsigned char *out, size_t n)
{
	if (strlen(hex) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int a = nib(hex[2 * i]), b = nib(hex[2 * i + 1]);
		if (a < 0 || b < 0)
			return -1;
		out[i] = (unsigned char)(a << 4 | b);
	}
	return 0;
}

const char *device_role_name(int role)
{
	return role == ROLE_SUPERVISOR ? NC_("device role", "supervisor")
	       : role == ROLE_INSPECTOR ? NC_("device role", "inspector") : NC_("device role", "none");
}

const char *device_role_label(int role)
{
	return sc_trc("device role", device_role_name(role));
}

int device_role_from_name(const char *s)
{
	if (s && strcmp(s, "supervisor") == 0) return ROLE_SUPERVISOR;
	if (s && strcmp(s, "inspector") == 0) return ROLE_INSPECTOR;
	return ROLE_NONE;
}

const char *device_role_name_label(const char *s)
{
	return device_role_label(device_role_from_name(s));
}

/* Read the seed from an existing key file. 1 = read, 0 = missing. */
static int key_read(const char *path, unsigned char seed[crypto_sign_SEEDBYTES], struct sc_err *err)
{
	char buf[200], hex[2 * crypto_sign_SEEDBYTES + 1];
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return -sc_fail(err, SC_ERR_IO, "%s: %s", path, strerror(errno));
	}
	if (fstat(fd, &sb) == 0 && (sb.st_mode & 077)) {
		if (sb.st_uid != geteuid() || fchmod(fd, 0600) < 0) {
			close(fd);
			return -sc_fail(err, SC_ERR_IO, "%s: the device key is readable by others "
					"(mode %03o): make it 0600", path, (unsigned)(sb.st_mode & 0777));
		}
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0)
		return -sc_fail(err, SC_ERR_IO, "%s: %s", path, strerror(errno));
	buf[n] = '\0';
	if (sscanf(buf, "ed25519 %64s", hex) != 1 || device_unhex(hex, seed, crypto_sign_SEEDBYTES)) {
		sodium_memzero(buf, sizeof buf);
		return -sc_fail(err, SC_ERR_INVALID, "%s: not a stallcheck device key", path);
	}
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(hex, sizeof hex);
	return 1;
}

static int key_create(const char *path, unsigned char seed[crypto_sign_SEEDBYTES], struct sc_err *err)
{
	char line[200], hex[2 * crypto_sign_SEEDBYTES + 1];
	randombytes_buf(seed, crypto_sign_SEEDBYTES);
	device_hex(seed, crypto_sign_SEEDBYTES, hex);
	int len = snprintf(line, sizeof line, "ed25519 %s\n", hex);
	/* temp file (0600 from the start), fsync, rename: never half a key */
	int rc = fs_write_atomic(path, line, (size_t)len, 0, 0600, err);
	sodium_memzero(line, sizeof line);
	sodium_memzero(hex, sizeof hex);
	if (rc)
		sc_err_prefix(err, "cannot create the device key");
	return rc;
}

/* The key pair of a seed. Deriving the public key is a scalar
 * multiplication (about 215,000 instructions) and a demo or a supervisor's
 * session signs hundreds of rows, each through device_self: the public key
 * of the last seed is kept, found again by the seed's hash (the seed itself
 * is not kept). libsodium's secret key is the seed followed by the public
 * key. Single-threaded, as the program is. */
static void seed_keypair(const unsigned char seed[crypto_sign_SEEDBYTES],
			 unsigned char pk[crypto_sign_PUBLICKEYBYTES], unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	static struct {
		int set;
		unsigned char seed_hash[crypto_generichash_BYTES];
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	} last;
	unsigned char h[crypto_generichash_BYTES];
	crypto_generichash(h, sizeof h, seed, crypto_sign_SEEDBYTES, NULL, 0);
	if (last.set && sodium_memcmp(h, last.seed_hash, sizeof h) == 0) {
		memcpy(pk, last.pk, crypto_sign_PUBLICKEYBYTES);
		memcpy(sk, seed, crypto_sign_SEEDBYTES);
		memcpy(sk + crypto_sign_SEEDBYTES, pk, crypto_sign_PUBLICKEYBYTES);
		return;
	}
	crypto_sign_seed_keypair(pk, sk, seed);
	memcpy(last.seed_hash, h, sizeof h);
	memcpy(last.pk, pk, crypto_sign_PUBLICKEYBYTES);
	last.set = 1;
}

int device_self(struct db *db, struct device_self *me, struct sc_err *err)
{
	unsigned char seed[crypto_sign_SEEDBYTES];
	char stored[DEVICE_PK_HEX] = "";
	int rc, got;

	memset(me, 0, sizeof *me);
	if (sodium_init() < 0)
		return sc_fail(err, SC_ERR_STATE, "libsodium cannot start");
	if ((rc = store_device_id(db, me->id, err)))
		return rc;
	snprintf(me->key_path, sizeof me->key_path, "%s.key", db_path(db));
	rc = db_text(db, err, stored, sizeof stored, "SELECT value FROM meta WHERE key = 'device_pubkey'",
		     NULL);
	if (rc && rc != SC_ERR_NOTFOUND)
		return rc;
	got = key_read(me->key_path, seed, err);
	if (got < 0)
		return err->code;
	if (got == 0) {
		if (stored[0])
			return sc_fail(err, SC_ERR_STATE,
				       "the device key %s is missing (this database signed with %.16s...):"
				       " restore the file from a backup", me->key_path, stored);
		if ((rc = key_create(me->key_path, seed, err)))
			return rc;
	}
	seed_keypair(seed, me->pk, me->sk);
	sodium_memzero(seed, sizeof seed);
	device_hex(me->pk, sizeof me->pk, me->pk_hex);
	if (!stored[0])
		return db_run(db, err, "INSERT OR IGNORE INTO meta(key, value) VALUES ('device_pubkey', ?)",
			      "t", me->pk_hex);
	if (strcmp(stored, me->pk_hex))
		return sc_fail(err, SC_ERR_STATE,
			       "the device key %s does not belong to this database (expected public key"
			       " %.16s...)", me->key_path, stored);
	return SC_OK;
}

int device_trust(struct db *db, const char *id, const char *pk_hex, const char *role,
		 struct sc_err *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char ts[CLOCK_TS], me[UUID_STR], hex[DEVICE_PK_HEX];
	int rc;

	if (!uuid_valid(id))
		return sc_fail(err, SC_ERR_INVALID, "'%s' is not a device id (a UUID)", id);
	if (device_unhex(pk_hex, pk, sizeof pk))
		return sc_fail(err, SC_ERR_INVALID, "the public key must be %d hex digits",
			       2 * crypto_sign_PUBLICKEYBYTES);
	if (device_role_from_name(role) == ROLE_NONE)
		return sc_fail(err, SC_ERR_INVALID, "role must be inspector or supervisor, not '%s'", role);
	if ((rc = store_device_id(db, me, err)))
		return rc;
	if (strcmp(me, id) == 0)
		return sc_fail(err, SC_ERR_INVALID, "%s is this device itself", id);
	/* the last 8 digits of a device id mark the uuids it makes
	 * (uuid_new_owned): two devices alike there could pass for each other */
	rc = db_text(db, err, hex, sizeof hex, "SELECT device FROM (SELECT ?1 AS device UNION ALL"
		     " SELECT device FROM peer) WHERE device <> ?2"
		     " AND lower(substr(device, 29)) = lower(substr(?2, 29)) LIMIT 1", "tt", me, id);
	if (rc == SC_OK)
		return sc_fail(err, SC_ERR_CONFLICT, "device %s ends in the same 8 digits as %s, so the records"
			       " of one could pass for the other's: it cannot be trusted", id, hex);
	if (rc != SC_ERR_NOTFOUND)
		return rc;
	device_hex(pk, sizeof pk, hex); /* store lower case */
	clock_stamp(ts);
	if ((rc = db_begin(db, err)))
		return rc;
	rc = db_run(db, err,
		    "INSERT INTO peer(device, pubkey, role, added_at) VALUES (?, ?, ?, ?)"
		    " ON CONFLICT (device) DO UPDATE SET pubkey = excluded.pubkey, role = excluded.role,"
		    " added_at = excluded.added_at, revoked_at = NULL", "tttt", id, hex, role, ts);
	if (rc == SC_OK)
		rc = store_audit(db, "", "device.trust", id, role, err);
	if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
		rc = err->code;
	return rc;
}

int device_revoke(struct db *db, const char *id, struct sc_err *err)
{
	char ts[CLOCK_TS];
	int rc;
	clock_stamp(ts);
	if ((rc = db_begin(db, err)))
		return rc;
	rc = db_run(db, err, "UPDATE peer SET revoked_at = ? WHERE device = ? AND revoked_at IS NULL",
		    "tt", ts, id);
	if (rc == SC_OK && db_changes(db) == 0)
		rc = sc_fail(err, SC_ERR_NOTFOUND, "device %s is not trusted", id);
	if (rc == SC_OK)
		rc = store_audit(db, "", "device.revoke", id, "", err);
	if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
		rc = err->code;
	return rc;
}

static void peer_row(sqlite3_stmt *st, void *elem)
{
	struct device_peer *p = elem;
	memset(p, 0, sizeof *p);
	snprintf(p->id, sizeof p->id, "%s", db_col_text(st, 0));
	snprintf(p->pk_hex, sizeof p->pk_hex, "%s", db_col_text(st, 1));
	p->role = device_role_from_name(db_col_text(st, 2));
	snprintf(p->added_at, sizeof p->added_at, "%s", db_col_text(st, 3));
	snprintf(p->revoked_at, sizeof p->revoked_at, "%s", db_col_text(st, 4));
}

#define PEER_COLS "SELECT device, pubkey, role, added_at, revoked_at FROM peer"

int device_peer_get(struct db *db, const char *id, struct device_peer *p, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, PEER_COLS " WHERE device = ?", "t", id);
	if (!st)
		return err->code;
	int r = db_step(db, st, err);
	if (r == 1)
		peer_row(st, p);
	db_done(db, st);
	if (r == 0)
		return sc_fail(err, SC_ERR_NOTFOUND, "device %s is not trusted", id);
	return r < 0 ? err->code : SC_OK;
}

int device_peer_list(struct db *db, struct device_peer **out, int *n, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, PEER_COLS " ORDER BY device", NULL);
	void *v;
	int rc = db_collect(db, st, sizeof **out, peer_row, &v, n, err);
	*out = v;
	return rc;
}
