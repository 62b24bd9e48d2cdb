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

#include <iniparser.h>

#include "config/ini.h"
#include "config/settings.h"
#include "config/template.h"
#include "core/checklist.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "tui/actions.h"

/* An invariant of the code under test: a violation aborts, which the
 * fuzzer reports as a crash and the replay test as a failure. */
#define FUZZ_CHECK(cond)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "fuzz: invariant broken: %s (%s:%d)\n", #cond, \
				__FILE__, __LINE__);                            \
			abort();                                                \
		}                                                               \
	} while (0)

/* The input as a NUL-terminated string (text up to the first NUL);
 * malloc'd, NULL when out of memory. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text) {
		memcpy(text, data, size);
		text[size] = '\0';
	}
	return text;
}

/* A scratch file of this process, removed at exit: one static path per
 * suffix, found again by the exact suffix ("-pristine.db" is not
 * "-cli-pristine.db": the replay runs every target in one process). */
static inline const char *fuzz_scratch(const char *suffix)
{
	static char path[32][256], suf[32][64];
	static int n;
	for (int i = 0; i < n; i++)
		if (strcmp(suf[i], suffix) == 0)
			return path[i];
	if (n == 32 || strlen(suffix) >= sizeof suf[n])
		return NULL;
	snprintf(suf[n], sizeof suf[n], "%s", suffix);
	snprintf(path[n], sizeof path[n], "%s/stallcheck-fuzz-%ld%s",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), suffix);
	return path[n++];
}

static inline void fuzz_scratch_remove(void)
{
	const char *names[] = { ".ini", "-cli.ini", "-cli.db", "-cli.db-wal", "-cli.db-shm",
				"-cli.db.key", "-cli-pristine.db", "-cli-pristine.db.key", "-pristine.db", "-recv.db", "-recv.db-wal",
				"-recv.db-shm", "-recv.db.key", "-pristine.db-wal", "-pristine.db-shm",
				"-pristine.db.key", "-populated.db", "-populated.db-wal", "-populated.db-shm",
				"-populated.db.key" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(fuzz_scratch(names[i]));
}

/* The scratch INI file, removed at exit. */
static inline const char *fuzz_ini_scratch(void)
{
	static int registered;
	if (!registered) {
		atexit(fuzz_scratch_remove);
		registered = 1;
	}
	return fuzz_scratch(".ini");
}

static inline int fuzz_ini_quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* config/ini.c reads values as iniparser 4.1 does, which it no longer
 * calls: iniparser's own load of the same text refuses the same files and
 * gives every key the scan keeps the same value. */
static inline void fuzz_ini_same(const char *text)
{
	struct cfg_report rep = { 0 };
	struct ini_doc doc;
	const char *path = fuzz_ini_scratch();
	FILE *f = path ? fopen(path, "wb") : NULL;
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
	iniparser_set_error_callback(fuzz_ini_quiet);
	dictionary *d = iniparser_load(path);
	int rc = ini_parse(&doc, text, strlen(text), "fuzz.ini", &rep);
	FUZZ_CHECK(rc == (d ? 0 : -1));
	for (int i = 0; i < doc.nsecs; i++)
		for (int k = 0; k < doc.secs[i].nkeys; k++) {
			char full[256];
			snprintf(full, sizeof full, "%s:%s", doc.secs[i].name, doc.secs[i].keys[k].name);
			const char *want = d ? iniparser_getstring(d, full, NULL) : NULL;
			const char *got = ini_get(&doc, doc.secs[i].name, doc.secs[i].keys[k].name, NULL);
			FUZZ_CHECK(!want == !got && (!want || strcmp(want, got) == 0));
		}
	if (d)
		iniparser_freedict(d);
	ini_free(&doc);
	cfg_report_free(&rep);
}

/* settings: the bytes as stallcheck.ini, through settings_load, and its
 * values against iniparser's (fuzz_ini_same). */
static inline int fuzz_settings_one(const uint8_t *data, size_t size)
{
	struct settings s;
	struct sc_err err;
	char *text = fuzz_text(data, size);
	if (text)
		fuzz_ini_same(text); /* settings are read by the same scanner */
	free(text);
	const char *path = fuzz_ini_scratch();
	FILE *f = fopen(path, "wb");

	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	settings_load(&s, path, &err);
	return 0;
}

/* template: the bytes as a checklist template, through template_load_text
 * (text up to the first NUL, as a file read into memory would be), and
 * its values against iniparser's (fuzz_ini_same). */
static inline int fuzz_template_one(const uint8_t *data, size_t size)
{
	struct cfg_report rep = { 0 };
	struct checklist cl;
	struct sc_err err;
	char *text = fuzz_text(data, size);

	if (!text)
		return 0;
	fuzz_ini_same(text);
	memset(&cl, 0, sizeof cl);
	if (template_load_text(text, "fuzz.ini", &cl, &rep, &err) == 0)
		checklist_clear(&cl);
	cfg_report_free(&rep);
	free(text);
	return 0;
}

/* utf8: the first byte picks a width (0..63 columns) and an output size,
 * the rest is the text. Whatever the bytes: a cut never takes more columns
 * than asked nor more bytes than the buffer, its output is valid UTF-8
 * without controls; on valid input a prefix or copy never splits a
 * character and utf8_prev walks back over whole characters. */
static inline int fuzz_utf8_one(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int cols = data[0] & 63, ellipsis = data[0] >> 7;
	size_t outsz = 1 + (size_t)(data[0] >> 6 & 1 ? cols : 4 * cols + 8);
	char *s = fuzz_text(data + 1, size - 1), *out = malloc(outsz), *clean;
	if (!s || !out) {
		free(s);
		free(out);
		return 0;
	}
	size_t len = strlen(s), bad;
	int valid = utf8_valid(s, len, &bad);

	int used = utf8_fit(s, cols, ellipsis, out, outsz);
	FUZZ_CHECK(used >= 0 && used <= cols && strlen(out) < outsz);
	FUZZ_CHECK(utf8_width(out) == used && utf8_valid(out, strlen(out), &bad));
	FUZZ_CHECK(!utf8_has_control(out, NULL));

	size_t n = utf8_prefix_bytes(s, cols);
	FUZZ_CHECK(n <= len);
	if (valid) {
		char *pre = strndup(s, n);
		FUZZ_CHECK(pre && utf8_valid(pre, n, &bad) && utf8_width(pre) <= cols);
		free(pre);
		n = utf8_copy(out, outsz, s);
		FUZZ_CHECK(n == strlen(out) && n < outsz && utf8_valid(out, n, &bad));
		for (size_t at = len; at > 0;) {
			size_t prev = utf8_prev(s, at);
			uint32_t cp;
			FUZZ_CHECK(prev < at && utf8_decode(s + prev, len - prev, &cp) == (int)(at - prev));
			at = prev;
		}
	}
	clean = utf8_clean_dup(s, "\t\n");
	if (clean) {
		FUZZ_CHECK(utf8_valid(clean, strlen(clean), &bad) && !utf8_has_control(clean, "\t\n"));
		free(clean);
	}
	free(s);
	free(out);
	return 0;
}

/* clock: the text through clock_parse and the day functions. A day
 * clock_day_valid accepts is written the canonical way (adding 0 days gives
 * it back); adding n days and then -n gives it back, and clock_day_diff
 * counts n; a plain day parsed by clock_parse is that day. The first two
 * bytes give n (up to about +-90 years). */
static inline int fuzz_clock_one(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int days = (int16_t)(data[0] | data[1] << 8);
	char *s = fuzz_text(data + 2, size - 2), out[CLOCK_DAY], there[CLOCK_DAY], back[CLOCK_DAY];
	time_t t;

	if (!s)
		return 0;
	if (clock_parse(s, &t) == 0 && strlen(s) == 10 && s[0] != '@') {
		clock_day(t, out);
		FUZZ_CHECK(strcmp(out, s) == 0);
	}
	if (clock_day_valid(s)) {
		FUZZ_CHECK(clock_day_add(s, 0, out) == 0 && strcmp(out, s) == 0);
		if (clock_day_add(s, days, there) == 0 && clock_day_valid(there)) {
			FUZZ_CHECK(clock_day_diff(s, there) == days);
			FUZZ_CHECK(clock_day_add(there, -days, back) == 0 && strcmp(back, s) == 0);
		}
	}
	free(s);
	return 0;
}

/* keys: lines "action = key list" as [keys] entries of the settings,
 * through actions_validate, actions_init and the lookup of every key of
 * every action. A list actions_validate accepts names only keys that
 * actions_parse_key knows. */
static inline int fuzz_keys_one(const uint8_t *data, size_t size)
{
	static struct settings set;
	char *text = fuzz_text(data, size), why[256];

	if (!text)
		return 0;
	memset(&set, 0, sizeof set);
	for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && set.nkeys < SET_KEYS_MAX;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		snprintf(set.keys[set.nkeys].action, sizeof set.keys[0].action, "%s", line);
		snprintf(set.keys[set.nkeys].keys, sizeof set.keys[0].keys, "%s", eq + 1);
		if (actions_validate(set.keys[set.nkeys].action, set.keys[set.nkeys].keys, why,
				     sizeof why) == 0) {
			char list[64], *k;
			snprintf(list, sizeof list, "%s", set.keys[set.nkeys].keys);
			for (char *sv = NULL, *p = list; (k = strtok_r(p, ", \t", &sv)); p = NULL)
				FUZZ_CHECK(actions_parse_key(k) >= 0);
		}
		set.nkeys++;
	}
	actions_init(&set, why, sizeof why);
	for (int a = 1; a < A_COUNT; a++) {
		char list[64], *k;
		snprintf(list, sizeof list, "%s", actions_keys(a));
		for (char *sv = NULL, *p = list; (k = strtok_r(p, ", \t", &sv)); p = NULL)
			actions_lookup(actions_parse_key(k), ~0u);
	}
	actions_init(NULL, NULL, 0); /* the defaults again for the next input */
	free(text);
	return 0;
}

#include <fcntl.h>

#include "cli/cli.h"
#include "core/db.h"

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

/* cli: the input is a command line, arguments separated by NUL bytes, run
 * in process (getopt and the command's own checks) against a fresh copy of
 * a migrated database and a settings file of the harness. Only commands
 * that write nowhere but that database: check-config, review, rectify (not
 * notice, which writes a file), verify, device; no argument may name a
 * device or /proc file (a read from /dev/stdin would wait forever). The
 * command's output goes to /dev/null. */
static inline int fuzz_cli_one(const uint8_t *data, size_t size)
{
	static const struct { const char *name; int (*run)(struct cli_ctx *, int, char **); } cmds[] = {
		{ "check-config", cmd_check_config }, { "review", cmd_review },
		{ "rectify", cmd_rectify }, { "verify", cmd_verify }, { "device", cmd_device },
	};
	static int ready;
	const char *ini = fuzz_scratch("-cli.ini"), *pristine = fuzz_scratch("-cli-pristine.db");
	const char *path = fuzz_scratch("-cli.db");
	char *argv[17], *text;
	int argc = 0;

	if (!ready) {
		struct sc_err err;
		struct db *db;
		FILE *f = fopen(ini, "w");
		if (!f || db_open(&db, pristine, DB_CREATE, &err)) {
			if (f)
				fclose(f);
			return 0;
		}
		db_close(db);
		fprintf(f, "[inspector]\nname = fuzz\nunit = fuzz\n[data]\ndatabase = %s\n", path);
		fclose(f);
		clock_fix(1795000000); /* 2026-11-18: "today" the same on every run */
		atexit(fuzz_scratch_remove);
		ready = 1;
	}
	if (!(text = fuzz_text(data, size)))
		return 0;
	int refused = 0;
	for (size_t at = 0; at <= size && argc < 16; at += strlen(text + at) + 1) {
		argv[argc++] = text + at;
		refused |= strstr(text + at, "/dev") || strstr(text + at, "/proc");
	}
	argv[argc] = NULL;
	for (size_t i = 0; !refused && i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(argv[0], cmds[i].name) || (i == 2 && argc > 1 && !strcmp(argv[1], "notice")))
			continue;
		struct cli_ctx ctx;
		memset(&ctx, 0, sizeof ctx);
		ctx.config_path = ini;
		ctx.db_path = path;
		if (fuzz_copy(pristine, path) == 0) {
			int out = dup(1), null = open("/dev/null", O_WRONLY);
			fflush(stdout);
			if (null >= 0)
				dup2(null, 1);
			optind = 0; /* as main does before a command */
			cmds[i].run(&ctx, argc, argv);
			fflush(stdout);
			if (out >= 0)
				dup2(out, 1);
			if (out >= 0)
				close(out);
			if (null >= 0)
				close(null);
		}
	}
	unlink(fuzz_scratch("-cli.db-wal"));
	unlink(fuzz_scratch("-cli.db-shm"));
	free(text);
	return 0;
}

#if __has_include("core/sync.h")
#define FUZZ_HAVE_SYNC 1
#include <sodium.h>

#include <dirent.h>

#include "core/demo.h"
#include "core/device.h"
#include "core/photo.h"
#include "core/seal.h"
#include "core/store.h"
#include "core/sync.h"
#include "core/uuid.h"

/* The tables of a bundle in the order sync.c hashes them (its btables but
 * the manifest; the evidence tables follow, from photo.h): kept in step by hand; a mismatch only makes the fix-up
 * below useless, which the seed replay would not notice but the coverage
 * of the merge would. */
static const char *const fuzz_bundle_tables[] = { "market", "stall", "template", "inspection",
						  "visit", "answer", "review", "rectification",
						  "rect_event" };

/* One table of the bundle "b" into sha as sync.c's content hash takes it:
 * its name, 0x1d, its rows in rowid order. SC_OK or the error. */
static inline int fuzz_hash_table(struct db *db, crypto_hash_sha256_state *sha, const char *name)
{
	char sql[128];
	struct sc_err err;
	snprintf(sql, sizeof sql, "SELECT * FROM b.%s ORDER BY rowid", name);
	sqlite3_stmt *st = db_q(db, &err, sql, NULL);
	if (!st)
		return err.code;
	crypto_hash_sha256_update(sha, (const unsigned char *)name, strlen(name));
	crypto_hash_sha256_update(sha, (const unsigned char *)"\x1d", 1);
	int rc = seal_feed_rows(db, st, sha, NULL, &err);
	db_done(db, st);
	return rc;
}

/* Make a mutated bundle consistent again as its writer would have: each
 * inspection's seal recomputed, then the content hash in the manifest, so
 * that mutations reach past those checks into the merge. The bundle is
 * loaded into schema "b" of db (as sync does), fixed, and serialised to
 * *out (sqlite3_free). Returns 0, or -1 to use the bytes as they are. */
static inline int fuzz_sync_fixup(struct db *db, const uint8_t *data, size_t size, const char *device,
				  long seq, unsigned char **out, sqlite3_int64 *outlen)
{
	sqlite3 *h = db_handle(db);
	unsigned char *copy = sqlite3_malloc64(size ? size : 1), dig[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof dig + 1];
	crypto_hash_sha256_state sha;
	struct sc_err err;
	int rc = -1;

	*out = NULL;
	if (!copy || sqlite3_exec(h, "ATTACH ':memory:' AS b", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_free(copy);
		return -1;
	}
	memcpy(copy, data, size);
	if (sqlite3_deserialize(h, "b", copy, (sqlite3_int64)size, (sqlite3_int64)size,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
		goto done;
	sqlite3_stmt *st = db_q(db, &err, "SELECT uuid, coalesce(prev_seal, '') FROM b.inspection", NULL);
	while (st && db_step(db, st, &err) == 1) {
		char uuid[64], prev[SEAL_HEX], seal[SEAL_HEX];
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
		if (seal_compute(db, "b", uuid, prev, seal, NULL, &err) == SC_OK)
			db_run(db, &err, "UPDATE b.inspection SET seal = ? WHERE uuid = ?", "tt", seal, uuid);
	}
	db_done(db, st);
	crypto_hash_sha256_init(&sha);
	for (size_t i = 0; i < sizeof fuzz_bundle_tables / sizeof fuzz_bundle_tables[0]; i++)
		if (fuzz_hash_table(db, &sha, fuzz_bundle_tables[i]) != SC_OK)
			goto done;
	/* then the evidence tables the bundle has, as content_hash does */
	for (int i = 0; i < photo_bundle_ntables; i++) {
		int has = 0;
		if (photo_bundle_has(db, photo_bundle_tables[i][0], &has, &err) != SC_OK ||
		    (has && fuzz_hash_table(db, &sha, photo_bundle_tables[i][0]) != SC_OK))
			goto done;
	}
	crypto_hash_sha256_final(&sha, dig);
	sodium_bin2hex(hex, sizeof hex, dig, sizeof dig);
	/* device, seq: where the harness files it (NULL: as the bundle says) */
	if (device)
		db_run(db, &err, "UPDATE b.manifest SET value = ? WHERE key = 'device'", "t", device);
	if (seq)
		db_run(db, &err, "UPDATE b.manifest SET value = ? WHERE key = 'seq'", "I", (int64_t)seq);
	if (db_run(db, &err, "UPDATE b.manifest SET value = ? WHERE key = 'content_sha256'", "t",
		   hex) == SC_OK && (*out = sqlite3_serialize(h, "b", outlen, 0)))
		rc = 0;
done:
	sqlite3_exec(h, "DETACH b", NULL, NULL, NULL);
	return rc;
}

/* A bundle input: 36-byte device id, 32-byte Ed25519 seed, the bundle. The
 * device is trusted here with that key (as role), the bundle made
 * consistent again (fuzz_sync_fixup; filed under device and seq when
 * populated) and signed as a writer does (Ed25519ph, the .sig's text),
 * then imported as seq. 0, or -1 when the input is no such thing. */
static inline int fuzz_sync_feed(struct db *db, const uint8_t *data, size_t size, long seq,
				 int populated)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	unsigned char sig[crypto_sign_BYTES];
	char id[UUID_STR], pk_hex[2 * sizeof pk + 1], sig_txt[16 + 2 * sizeof sig + 1];
	unsigned char *fixed = NULL;
	sqlite3_int64 fixed_len = 0;
	crypto_sign_state st;
	struct sync_item it;
	struct sc_err err;

	if (size < 36 + 32)
		return -1;
	memcpy(id, data, 36);
	id[36] = '\0';
	if (!uuid_valid(id))
		return -1;
	crypto_sign_seed_keypair(pk, sk, data + 36);
	/* populated: the seed's low bit picks the role, so an inspector's
	 * authority checks are reached as well as a supervisor's merge */
	const char *role = populated && (data[36] & 1) ? "inspector" : "supervisor";
	data += 36 + 32;
	size -= 36 + 32;
	sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
	if (fuzz_sync_fixup(db, data, size, populated ? id : NULL, populated ? seq : 0, &fixed,
			    &fixed_len) == 0) {
		data = fixed;
		size = (size_t)fixed_len;
	}
	crypto_sign_init(&st);
	crypto_sign_update(&st, data, size);
	crypto_sign_final_create(&st, sig, NULL, sk);
	memcpy(sig_txt, "ed25519ph ", 10);
	sodium_bin2hex(sig_txt + 10, sizeof sig_txt - 10, sig, sizeof sig);
	if (device_trust(db, id, pk_hex, role, &err) == SC_OK)
		sync_import_mem(db, id, seq, data, size, sig_txt, strlen(sig_txt), &it, &err);
	sqlite3_free(fixed);
	return 0;
}

/* The receiver of sync_merge, made once per run: a demo of its own (3
 * markets, 3 days, a few stalls each) and every seed of
 * fuzz/corpus/sync_merge/ imported as sequence 1 of its device, so the
 * inputs (filed as sequence 2) meet records they conflict with, records
 * another device owns, and rectifications to merge. Read from the source
 * tree (the fuzzer and the replay run there); without it the receiver
 * holds its demo only. */
static inline int fuzz_sync_populate(const char *path)
{
	struct demo_opts o;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	struct db *db;
	struct dirent *e;
	char *text = NULL;
	long len;
	FILE *f = fopen("config/templates/gbt21720-market.ini", "rb");

	if (db_open(&db, path, DB_CREATE, &err)) {
		if (f)
			fclose(f);
		return -1;
	}
	memset(&cl, 0, sizeof cl);
	if (f && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = calloc(1, (size_t)len + 1)) && fread(text, 1, (size_t)len, f) == (size_t)len &&
	    template_load_text(text, "gbt21720-market.ini", &cl, &rep, &err) == 0) {
		demo_defaults(&o);
		o.markets = 3;
		o.days = 3;
		snprintf(o.until, sizeof o.until, "2026-11-27");
		o.seed = 7;
		o.stalls_min = 2;
		o.stalls_max = 4;
		demo_generate(db, &cl, text, &o, NULL, NULL, &err);
		checklist_clear(&cl);
	}
	cfg_report_free(&rep);
	free(text);
	if (f)
		fclose(f);
	DIR *d = opendir("fuzz/corpus/sync_merge");
	while (d && (e = readdir(d))) {
		char p[600];
		uint8_t *buf;
		FILE *in;
		long n;
		snprintf(p, sizeof p, "fuzz/corpus/sync_merge/%s", e->d_name);
		if (e->d_name[0] == '.' || !(in = fopen(p, "rb")))
			continue;
		if (fseek(in, 0, SEEK_END) == 0 && (n = ftell(in)) > 0 && fseek(in, 0, SEEK_SET) == 0 &&
		    (buf = malloc((size_t)n))) {
			if (fread(buf, 1, (size_t)n, in) == (size_t)n)
				fuzz_sync_feed(db, buf, (size_t)n, 1, 0);
			free(buf);
		}
		fclose(in);
	}
	if (d)
		closedir(d);
	db_close(db);
	return 0;
}

/* sync_import (populated 0): the input (fuzz_sync_feed) imported into a
 * fresh copy of one migrated, empty database. Seeds: real bundles made by
 * `stallcheck sync` with their device id and key (scripts/fuzz.sh).
 * sync_merge (populated 1): the same inputs imported into a fresh copy of
 * the populated receiver (fuzz_sync_populate) as sequence 2 of the device
 * they name, so mutations reach conflicts, ownership refusals and
 * rectification merges. */
static inline int fuzz_sync_one(const uint8_t *data, size_t size, int populated)
{
	static int ready[2];
	const char *pristine = fuzz_scratch(populated ? "-populated.db" : "-pristine.db");
	const char *path = fuzz_scratch("-recv.db");
	char kfrom[300], kto[300];
	struct sc_err err;
	struct db *db;

	if (!ready[populated]) {
		char id[UUID_STR];
		if (sodium_init() < 0)
			return 0;
		if (populated ? fuzz_sync_populate(pristine) : db_open(&db, pristine, DB_CREATE, &err))
			return 0;
		if (!populated) { /* one migrated database with its own device id */
			store_device_id(db, id, &err);
			db_close(db);
		}
		atexit(fuzz_scratch_remove);
		ready[populated] = 1;
	}
	if (fuzz_copy(pristine, path))
		return 0;
	/* the device's key goes with its database */
	snprintf(kfrom, sizeof kfrom, "%s.key", pristine);
	snprintf(kto, sizeof kto, "%s.key", path);
	unlink(kto);
	if (access(kfrom, F_OK) == 0)
		fuzz_copy(kfrom, kto);
	unlink(fuzz_scratch("-recv.db-wal"));
	unlink(fuzz_scratch("-recv.db-shm"));
	if (db_open(&db, path, 0, &err))
		return 0;
	fuzz_sync_feed(db, data, size, populated ? 2 : 1, populated);
	db_close(db);
	return 0;
}

static inline int fuzz_sync_import_one(const uint8_t *data, size_t size)
{
	return fuzz_sync_one(data, size, 0);
}

static inline int fuzz_sync_merge_one(const uint8_t *data, size_t size)
{
	return fuzz_sync_one(data, size, 1);
}
#endif

#endif
