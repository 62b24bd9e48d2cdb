/* fuzz_one: one input through each parser that reads outside data. Shared
 * by the libFuzzer targets (fuzz/fuzz_<name>.c, built by scripts/fuzz.sh)
 * and by tests/test_regress_fuzz.c, which replays the committed seeds and
 * every input that ever crashed (fuzz/regress/<name>/) in `make test`.
 * Header-only (static inline) so both build it without a library change.
 * Each returns 0; a bug shows as a sanitizer report or a crash. */
#ifndef SC_FUZZ_ONE_H
#define SC_FUZZ_ONE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/settings.h"
#include "config/template.h"
#include "core/checklist.h"

/* A scratch file of this process, removed at exit. Static path. */
static inline const char *fuzz_scratch(const char *suffix)
{
	static char path[16][256];
	static int n;
	for (int i = 0; i < n; i++)
		if (strstr(path[i], suffix))
			return path[i];
	if (n == 16)
		return NULL;
	snprintf(path[n], sizeof path[n], "%s/stallcheck-fuzz-%ld%s",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), suffix);
	return path[n++];
}

static inline void fuzz_scratch_remove(void)
{
	const char *names[] = { ".ini", "-pristine.db", "-recv.db", "-recv.db-wal",
				"-recv.db-shm", "-recv.db.key", "-pristine.db-wal", "-pristine.db-shm",
				"-pristine.db.key" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(fuzz_scratch(names[i]));
}

/* settings: the bytes as stallcheck.ini, through settings_load. */
static inline int fuzz_settings_one(const uint8_t *data, size_t size)
{
	static int registered;
	struct settings s;
	struct sc_err err;
	const char *path = fuzz_scratch(".ini");
	FILE *f = fopen(path, "wb");

	if (!registered) {
		atexit(fuzz_scratch_remove);
		registered = 1;
	}
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	settings_load(&s, path, &err);
	return 0;
}

/* template: the bytes as a checklist template, through template_load_text
 * (text up to the first NUL, as a file read into memory would be). */
static inline int fuzz_template_one(const uint8_t *data, size_t size)
{
	struct cfg_report rep = { 0 };
	struct checklist cl;
	struct sc_err err;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&cl, 0, sizeof cl);
	if (template_load_text(text, "fuzz.ini", &cl, &rep, &err) == 0)
		checklist_clear(&cl);
	cfg_report_free(&rep);
	free(text);
	return 0;
}

#if __has_include("core/sync.h")
#define FUZZ_HAVE_SYNC 1
#include <fcntl.h>
#include <sodium.h>

#include "core/db.h"
#include "core/device.h"
#include "core/store.h"
#include "core/sync.h"
#include "core/uuid.h"

/* Copy file from to file to (truncating); 0 or -1. */
static inline int fuzz_copy(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n;
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600), rc = 0;
	if (in < 0 || out < 0)
		rc = -1;
	while (rc == 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			rc = -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return rc;
}

/* sync_import: the input is a 36-byte device id, a 32-byte Ed25519 seed,
 * then the bundle bytes. The harness trusts that device with that key and
 * signs the bundle itself, so mutations reach past the signature check into
 * the bundle's manifest, shape, content hash and merge. Each input goes
 * into a fresh copy of one migrated database. Seeds: real bundles made by
 * `stallcheck sync` with their device id and key (scripts/fuzz.sh). */
static inline int fuzz_sync_import_one(const uint8_t *data, size_t size)
{
	static int ready;
	const char *pristine = fuzz_scratch("-pristine.db"), *path = fuzz_scratch("-recv.db");
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	unsigned char sig[crypto_sign_BYTES];
	char id[UUID_STR], pk_hex[2 * sizeof pk + 1], sig_hex[2 * sizeof sig + 1];
	struct sync_item it;
	struct sc_err err;
	struct db *db;

	if (!ready) {
		/* one migrated database with its own device id, copied per input */
		if (sodium_init() < 0 || db_open(&db, pristine, DB_CREATE, &err))
			return 0;
		store_device_id(db, id, &err);
		db_close(db);
		atexit(fuzz_scratch_remove);
		ready = 1;
	}
	if (size < 36 + 32)
		return 0;
	memcpy(id, data, 36);
	id[36] = '\0';
	if (!uuid_valid(id))
		return 0;
	crypto_sign_seed_keypair(pk, sk, data + 36);
	data += 36 + 32;
	size -= 36 + 32;
	crypto_sign_detached(sig, NULL, data, size, sk);
	sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
	sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
	if (fuzz_copy(pristine, path))
		return 0;
	unlink(fuzz_scratch("-recv.db-wal"));
	unlink(fuzz_scratch("-recv.db-shm"));
	if (db_open(&db, path, 0, &err))
		return 0;
	if (device_trust(db, id, pk_hex, "supervisor", &err) == SC_OK)
		sync_import_mem(db, id, 1, data, size, sig_hex, strlen(sig_hex), &it, &err);
	db_close(db);
	return 0;
}
#endif

#endif
