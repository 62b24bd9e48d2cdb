/* sync: bundles written, signed, read, checked and merged.
 *
 * Bookkeeping (schema v2): sync_seen(kind, key, stamp) holds the version of
 * each record last sent or received; a record whose stamp differs is
 * unsent. Stamps: inspection = seal, market/stall/rectification =
 * "rev|updated_at", template = hash, review/rect_event = uuid (immutable).
 * A written bundle is "adopted" (its records marked seen, its seq recorded)
 * by reading it back after the rename, so a sync killed between the rename
 * and the bookkeeping finishes that step next time. */
#include "sync.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "device.h"
#include "fsutil.h"
#include "i18n.h"
#include "photo.h"
#include "rowsig.h"
#include "score.h"
#include "seal.h"
#include "store.h"
#include "utf8.h"
#include "uuid.h"

#define BUNDLE_MAX (1024L * 1024 * 1024) /* the largest bundle a header may promise */
#define SIG_MAX 1024                       /* a .sig is 139 bytes */
#define SIG_PH "ed25519ph "                /* a .sig of the prehashed (streamed) signature */
#define BUNDLE_CHUNK (256 * 1024)          /* bundles are hashed and copied this much at a time */
/* the versions of 2026-12-04 wrote format 1 on bundles with signed rows
 * (schema 14 on): format 2 in all but name */
#define SYNC_SCHEMA_SIGNED 14

/* ---- the bundle schema ---- */

struct btable {
	const char *name;
	const char *cols;      /* after "CREATE TABLE name " */
};

static const struct btable btables[] = {
	{ "manifest", "(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT" },
	{ "market", "(uuid TEXT PRIMARY KEY, code TEXT, name TEXT, district TEXT, address TEXT,"
		    " active INTEGER, device TEXT, rev INTEGER, created_at TEXT, updated_at TEXT) STRICT" },
	{ "stall", "(uuid TEXT PRIMARY KEY, market_uuid TEXT, code TEXT, vendor TEXT, type TEXT,"
		   " active INTEGER, device TEXT, rev INTEGER, created_at TEXT, updated_at TEXT) STRICT" },
	{ "template", "(hash TEXT PRIMARY KEY, tpl_id TEXT, version TEXT, body TEXT,"
		      " created_at TEXT) STRICT" },
	{ "inspection", "(uuid TEXT PRIMARY KEY, market_uuid TEXT, template_hash TEXT, inspector TEXT,"
			" device TEXT, day TEXT, started_at TEXT, finished_at TEXT, status TEXT,"
			" amends_uuid TEXT, score REAL, band TEXT, critical_fails INTEGER,"
			" stalls_done INTEGER, seal TEXT, prev_seal TEXT, rev INTEGER, created_at TEXT,"
			" updated_at TEXT, grade TEXT) STRICT" },
	{ "visit", "(uuid TEXT PRIMARY KEY, inspection_uuid TEXT, stall_uuid TEXT, seq INTEGER,"
		   " score REAL, band TEXT, critical_fails INTEGER, done INTEGER, created_at TEXT,"
		   " grade TEXT) STRICT" },
	{ "answer", "(inspection_uuid TEXT, visit_uuid TEXT, item_id TEXT, verdict TEXT,"
		    " earned ANY, possible ANY, critical INTEGER, spots INTEGER, note TEXT,"
		    " answered_at TEXT) STRICT" },
	{ "review", "(uuid TEXT PRIMARY KEY, inspection_uuid TEXT, decision TEXT, reason TEXT,"
		    " reviewer TEXT, device TEXT, at TEXT, sig TEXT) STRICT" },
	{ "rectification", "(uuid TEXT PRIMARY KEY, inspection_uuid TEXT, market_uuid TEXT,"
			   " stall_uuid TEXT, area TEXT, item_id TEXT, category TEXT, critical INTEGER,"
			   " finding TEXT, spots INTEGER, note TEXT, opened_day TEXT, deadline TEXT,"
			   " status TEXT, closed_by_uuid TEXT, closed_day TEXT, repeat_of TEXT,"
			   " repeats INTEGER, device TEXT, rev INTEGER, created_at TEXT,"
			   " updated_at TEXT, finding_en TEXT, area_name TEXT, area_name_en TEXT,"
			   " superseded_by TEXT) STRICT" },
	{ "rect_event", "(uuid TEXT PRIMARY KEY, rect_uuid TEXT, inspection_uuid TEXT, kind TEXT,"
			" note TEXT, actor TEXT, device TEXT, at TEXT, sig TEXT) STRICT" },
};
#define NBT (int)(sizeof btables / sizeof btables[0])

static const char *const bindexes[][2] = {
	{ "visit_insp", "ON visit(inspection_uuid)" },
	{ "answer_insp", "ON answer(inspection_uuid)" },
	{ "stall_code", "ON stall(market_uuid, code)" },
};
#define NBI (int)(sizeof bindexes / sizeof bindexes[0])

/* ---- what is unsent (shared by export and status) ---- */

#define SEEN(kind, key, stamp) \
	"NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.kind = '" kind "' AND s.key = " key \
	" AND s.stamp = " stamp ")"
#define NOT_DRAFT(id) "coalesce((SELECT status FROM inspection WHERE id = " id "), '') <> 'draft'"

#define UNSENT_MARKET SEEN("market", "m.uuid", "m.rev || '|' || m.updated_at")
#define UNSENT_STALL SEEN("stall", "st.uuid", "st.rev || '|' || st.updated_at")
#define UNSENT_TEMPLATE SEEN("template", "t.hash", "t.hash")
/* inspection.sent: sync_seen holds the record's seal, kept by the triggers
 * that keep the home screen's count (schema.c v13_unsent_count) */
#define UNSENT_INSPECTION "i.status <> 'draft' AND i.seal IS NOT NULL AND i.sent = 0"
#define UNSENT_REVIEW SEEN("review", "r.uuid", "r.uuid") " AND " NOT_DRAFT("r.inspection_id")
#define UNSENT_RECT SEEN("rectification", "x.uuid", "x.rev || '|' || x.updated_at") \
	" AND " NOT_DRAFT("x.inspection_id") " AND (x.closed_by IS NULL OR " NOT_DRAFT("x.closed_by") ")"
#define UNSENT_EVENT SEEN("rect_event", "e.uuid", "e.uuid") \
	" AND (e.inspection_id IS NULL OR " NOT_DRAFT("e.inspection_id") ")" \
	" AND " NOT_DRAFT("(SELECT inspection_id FROM rectification WHERE id = e.rect_id)")

static const char *const export_sql[] = {
	"INSERT INTO b.market SELECT m.uuid, m.code, m.name, m.district, m.address, m.active, m.device,"
	" m.rev, m.created_at, m.updated_at FROM market m WHERE " UNSENT_MARKET,
	"INSERT INTO b.stall SELECT st.uuid, m.uuid, st.code, st.vendor, st.type, st.active, st.device,"
	" st.rev, st.created_at, st.updated_at FROM stall st JOIN market m ON m.id = st.market_id"
	" WHERE " UNSENT_STALL,
	"INSERT INTO b.template SELECT t.hash, t.tpl_id, t.version, t.body, t.created_at FROM template t"
	" WHERE " UNSENT_TEMPLATE,
	"INSERT INTO b.inspection SELECT i.uuid, m.uuid, t.hash, i.inspector, i.device, i.day,"
	" i.started_at, i.finished_at, i.status, i.amends_uuid, i.score, i.band, i.critical_fails,"
	" i.stalls_done, i.seal, i.prev_seal, i.rev, i.created_at, i.updated_at, i.grade FROM inspection i"
	" JOIN market m ON m.id = i.market_id JOIN template t ON t.id = i.template_id"
	" WHERE " UNSENT_INSPECTION " ORDER BY i.finished_at, i.uuid",
	"INSERT INTO b.visit SELECT v.uuid, i.uuid, st.uuid, v.seq, v.score, v.band, v.critical_fails,"
	" v.done, v.created_at, v.grade FROM b.inspection bi JOIN inspection i ON i.uuid = bi.uuid"
	" JOIN visit v ON v.inspection_id = i.id JOIN stall st ON st.id = v.stall_id",
	"INSERT INTO b.answer SELECT i.uuid, v.uuid, a.item_id, a.verdict, a.earned, a.possible,"
	" a.critical, a.spots, a.note, a.answered_at FROM b.inspection bi"
	" JOIN inspection i ON i.uuid = bi.uuid JOIN answer a ON a.inspection_id = i.id"
	" LEFT JOIN visit v ON v.id = a.visit_id",
	"INSERT INTO b.review SELECT r.uuid, i.uuid, r.decision, r.reason, r.reviewer, r.device, r.at, r.sig"
	" FROM review r JOIN inspection i ON i.id = r.inspection_id WHERE " UNSENT_REVIEW,
	"INSERT INTO b.rectification SELECT x.uuid, i.uuid, m.uuid, st.uuid, x.area, x.item_id,"
	" x.category, x.critical, x.finding, x.spots, x.note, x.opened_day, x.deadline, x.status,"
	" c.uuid, x.closed_day, x.repeat_of, x.repeats, x.device, x.rev, x.created_at, x.updated_at,"
	" x.finding_en, x.area_name, x.area_name_en, x.superseded_by FROM rectification x JOIN inspection i ON i.id = x.inspection_id"
	" JOIN market m ON m.id = x.market_id LEFT JOIN stall st ON st.id = x.stall_id"
	" LEFT JOIN inspection c ON c.id = x.closed_by WHERE " UNSENT_RECT,
	"INSERT INTO b.rect_event SELECT e.uuid, x.uuid, i.uuid, e.kind, e.note, e.actor, e.device, e.at,"
	" e.sig"
	" FROM rect_event e JOIN rectification x ON x.id = e.rect_id"
	" LEFT JOIN inspection i ON i.id = e.inspection_id WHERE " UNSENT_EVENT,
};
#define NEXPORT (int)(sizeof export_sql / sizeof export_sql[0])

/* Mark the records of the attached bundle that the database now holds in
 * the same version as seen. Used after export (adopt) and after import. */
static const char *const seen_sql[] = {
	"INSERT INTO sync_seen(kind, key, stamp) SELECT 'market', b.uuid, b.rev || '|' || b.updated_at"
	" FROM b.market b JOIN market m ON m.uuid = b.uuid AND m.rev = b.rev"
	" AND m.updated_at = b.updated_at WHERE true"
	" ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp",
	"INSERT INTO sync_seen(kind, key, stamp) SELECT 'stall', b.uuid, b.rev || '|' || b.updated_at"
	" FROM b.stall b JOIN stall m ON m.uuid = b.uuid AND m.rev = b.rev"
	" AND m.updated_at = b.updated_at WHERE true"
	" ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp",
	"INSERT INTO sync_seen(kind, key, stamp) SELECT 'template', b.hash, b.hash"
	" FROM b.template b JOIN template m ON m.hash = b.hash WHERE true"
	" ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp",
	"INSERT INTO sync_seen(kind, key, stamp) SELECT 'inspection', b.uuid, b.seal"
	" FROM b.inspection b JOIN inspection m ON m.uuid = b.uuid AND m.seal = b.seal WHERE true"
	" ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp",
	"INSERT INTO sync_seen(kind, key, stamp) SELECT 'review', b.uuid, b.uuid"
	" FROM b.review b JOIN review m ON m.uuid = b.uuid WHERE true"
	" ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp",
	"INSERT INTO sync_seen(kind, key, stamp) SELECT 'rectification', b.uuid,"
	" b.rev || '|' || b.updated_at FROM b.rectification b JOIN rectification m ON m.uuid = b.uuid"
	" AND m.rev = b.rev AND m.updated_at = b.updated_at WHERE true"
	" ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp",
	"INSERT INTO sync_seen(kind, key, stamp) SELECT 'rect_event', b.uuid, b.uuid"
	" FROM b.rect_event b JOIN rect_event m ON m.uuid = b.uuid WHERE true"
	" ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp",
};
#define NSEEN (int)(sizeof seen_sql / sizeof seen_sql[0])

/* The records of the attached bundle (this device's own, in a format
 * peers no longer read) become unsent, so the next export carries them
 * again; peers that have them change nothing (import is by uuid). Only
 * the key columns, which every format has. */
static const char *const record_keys[][2] = {
	{ "market", "uuid" }, { "stall", "uuid" }, { "template", "hash" }, { "inspection", "uuid" },
	{ "review", "uuid" }, { "rectification", "uuid" }, { "rect_event", "uuid" },
};
#define NRECORD_KEYS (sizeof record_keys / sizeof record_keys[0])

static int resend(struct db *db, struct sc_err *err)
{
	int rc = db_begin(db, err);
	for (size_t i = 0; i < NRECORD_KEYS && rc == SC_OK; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "DELETE FROM sync_seen WHERE kind = '%s' AND key IN (SELECT %s FROM b.%s)",
			 record_keys[i][0], record_keys[i][1], record_keys[i][0]);
		rc = db_run(db, err, sql, NULL);
	}
	if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
		rc = err->code;
	return rc;
}

/* Is every record of the attached bundle (a peer's, in a format no longer
 * read) here already? Its device, once updated, sends them again in a later
 * bundle (resend): then the old one is settled, not refused at every sync.
 * Only the key columns, which every format has; any doubt (a table or
 * column missing, a read error) is a no. */
static int records_here(struct db *db)
{
	for (size_t i = 0; i < NRECORD_KEYS; i++) {
		char sql[240];
		int64_t n = 0;
		/* a key NULL (NOT IN gives NULL for it, not true) is a record not here */
		snprintf(sql, sizeof sql, "SELECT count(*) FROM b.%1$s WHERE %2$s IS NULL"
			 " OR %2$s NOT IN (SELECT %2$s FROM main.%1$s)", record_keys[i][0], record_keys[i][1]);
		if (db_int(db, NULL, &n, sql, NULL) != SC_OK || n)
			return 0;
	}
	return 1;
}

/* ---- small helpers ---- */

static void item_set(struct sync_item *it, int outcome, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void item_set(struct sync_item *it, int outcome, const char *fmt, ...)
{
	va_list ap;
	char raw[sizeof it->reason];
	it->outcome = outcome;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, sc_tr(fmt), ap);
	va_end(ap);
	/* reasons quote bundle contents and go to terminals: the one filter */
	utf8_clean(raw, "", it->reason, sizeof it->reason);
}

static int detach(struct db *db)
{
	struct sc_err e;
	return db_exec(db, &e, "DETACH DATABASE b");
}

/* Attach the private copy of a bundle (bundle_stage) as schema "b": SQLite
 * reads it page by page through its cache, never whole. Nothing writes to
 * b (the import only reads it; BEGIN IMMEDIATE takes b's lock but changes
 * no page). */
static int attach_file(struct db *db, const char *path, struct sc_err *err)
{
	detach(db); /* a leftover from a failed run */
	return db_run(db, err, "ATTACH DATABASE ? AS b", "t", path);
}

/* Which of the evidence tables (photo.c, present only when they have
 * rows) name and sql make, or -1. */
static int evidence_table(const char *name, const char *sql)
{
	char want[600];
	for (int i = 0; i < photo_bundle_ntables; i++) {
		snprintf(want, sizeof want, "CREATE TABLE %s %s", photo_bundle_tables[i][0],
			 photo_bundle_tables[i][1]);
		if (strcmp(name, photo_bundle_tables[i][0]) == 0 && strcmp(sql, want) == 0)
			return i;
	}
	return -1;
}

/* Does the attached bundle have exactly our tables (and nothing else)? */
static int check_shape(struct db *db, char *why, size_t whysz)
{
	struct sc_err e;
	int found = 0, r;
	sqlite3_stmt *st = db_q(db, &e, "SELECT type, name, coalesce(sql, '') FROM b.sqlite_schema", NULL);
	if (!st) {
		snprintf(why, whysz, _("corrupt: %s"), e.msg);
		return -1;
	}
	while ((r = db_step(db, st, &e)) == 1) {
		const char *type = db_col_text(st, 0), *name = db_col_text(st, 1), *sql = db_col_text(st, 2);
		char want[1200];
		int ok = 0;
		if (strcmp(type, "table") == 0) {
			for (int i = 0; i < NBT && !ok; i++) {
				snprintf(want, sizeof want, "CREATE TABLE %s %s", btables[i].name, btables[i].cols);
				if (strcmp(name, btables[i].name) == 0 && strcmp(sql, want) == 0)
					ok = 1, found++;
			}
			ok = ok || evidence_table(name, sql) >= 0;
		} else if (strcmp(type, "index") == 0) {
			if (!*sql && strncmp(name, "sqlite_autoindex_", 17) == 0)
				ok = 1;
			for (int i = 0; i < NBI && !ok; i++) {
				snprintf(want, sizeof want, "CREATE INDEX %s %s", bindexes[i][0], bindexes[i][1]);
				ok = strcmp(name, bindexes[i][0]) == 0 && strcmp(sql, want) == 0;
			}
		}
		if (!ok) {
			/* the column texts live until the statement is reset */
			snprintf(why, whysz, _("malformed: unexpected %.10s '%.40s' in the bundle"), type, name);
			db_done(db, st);
			return -1;
		}
	}
	db_done(db, st);
	if (r < 0) {
		snprintf(why, whysz, _("corrupt: %s"), e.msg);
		return -1;
	}
	if (found != NBT) {
		snprintf(why, whysz, _("malformed: %d of the %d bundle tables are missing"), NBT - found, NBT);
		return -1;
	}
	return 0;
}

/* One table of the attached bundle into h: its name, 0x1d, its rows in
 * the order the writer stored them (it inserts in a defined order);
 * cheaper than sorting and just as binding. */
static int content_hash_table(struct db *db, crypto_hash_sha256_state *h, const char *name,
			      struct sc_err *err)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT * FROM b.%s ORDER BY rowid", name);
	sqlite3_stmt *st = db_q(db, err, sql, NULL);
	if (!st)
		return err->code;
	crypto_hash_sha256_update(h, (const unsigned char *)name, strlen(name));
	crypto_hash_sha256_update(h, (const unsigned char *)"\x1d", 1);
	int rc = seal_feed_rows(db, st, h, NULL, err);
	db_done(db, st);
	return rc;
}

/* SHA-256 of the canonical content of the attached bundle (all tables
 * but the manifest, in table order, then the evidence tables it has). */
static int content_hash(struct db *db, char out[SEAL_HEX], struct sc_err *err)
{
	crypto_hash_sha256_state h;
	unsigned char dig[crypto_hash_sha256_BYTES];
	int rc = SC_OK, has;

	crypto_hash_sha256_init(&h);
	for (int i = 1; i < NBT && rc == SC_OK; i++)
		rc = content_hash_table(db, &h, btables[i].name, err);
	for (int i = 0; i < photo_bundle_ntables && rc == SC_OK; i++)
		if ((rc = photo_bundle_has(db, photo_bundle_tables[i][0], &has, err)) == SC_OK && has)
			rc = content_hash_table(db, &h, photo_bundle_tables[i][0], err);
	crypto_hash_sha256_final(&h, dig);
	device_hex(dig, sizeof dig, out);
	return rc;
}

/* A manifest value; read before the shape check (a newer format must be
 * named as such), so only from a plain table: a view could run anything. */
static int manifest_get(struct db *db, const char *key, char *buf, size_t sz)
{
	struct sc_err e;
	int64_t table = 0;
	if (db_int(db, &e, &table, "SELECT count(*) FROM b.sqlite_schema"
		   " WHERE type = 'table' AND name = 'manifest'", NULL) != SC_OK || !table)
		return -1;
	return db_text(db, &e, buf, sz, "SELECT value FROM b.manifest WHERE key = ?", "t", key) == SC_OK
		? 0 : -1;
}

/* The format of the attached bundle as this program numbers them (see
 * SYNC_SCHEMA_SIGNED), with the writer's schema version in *schema (0
 * when none); -1 when the manifest's format is not a number. */
static int bundle_format(struct db *db, const char *format, int *schema)
{
	char buf[32], *end;
	long f = strtol(format, &end, 10);
	*schema = manifest_get(db, "schema", buf, sizeof buf) == 0 ? atoi(buf) : 0;
	if (end == format || *end || f < 1 || f > 999999)
		return -1;
	return f == 1 && *schema >= SYNC_SCHEMA_SIGNED ? 2 : (int)f;
}

/* Why a bundle in a format this program does not read is refused: the
 * person who reads it must know which machine to update. */
static void format_reason(char *why, size_t sz, const char *device, long seq, int format)
{
	if (format > SYNC_FORMAT)
		snprintf(why, sz, _("newer bundle format: %06ld.bundle from device %s uses format %d; this"
			 " stallcheck reads up to format %d: update stallcheck on this machine (the bundle"
			 " stays in the folder and is imported after the update)"), seq, device, format,
			 SYNC_FORMAT);
	else
		snprintf(why, sz, _("older bundle format: %06ld.bundle from device %s uses format %d%s; this"
			 " stallcheck reads format %d and later: update stallcheck on that device (it then"
			 " sends these records again)"), seq, device, format,
			 format == 1 ? _(" (before signed reviews)") : "", SYNC_FORMAT_MIN);
}

/* Remember the format a peer's bundle (signature verified) is written in:
 * the latest bundle of each device decides. */
static int note_format(struct db *db, const char *device, long seq, int format, int schema,
		       struct sc_err *err)
{
	char ts[CLOCK_TS];
	clock_stamp(ts);
	return db_run(db, err, "INSERT INTO sync_peer_format(device, format, seq, schema, at)"
		      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET format = excluded.format,"
		      " seq = excluded.seq, schema = excluded.schema, at = excluded.at"
		      " WHERE excluded.seq >= sync_peer_format.seq", "tiIit", device, format, (int64_t)seq,
		      schema, ts);
}

/* why from a catalogued format held in a table (an authority rule's, a
 * bundle reference's): vsnprintf, as item_set, takes the table's format */
static void why_tr(char *why, size_t sz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sz, sc_tr(fmt), ap);
	va_end(ap);
}

/* The first answer of the attached bundle with a verdict this program
 * does not know (a newer template feature), named, in why ("" none):
 * refused here rather than by the database's CHECK. */

static int check_verdicts(struct db *db, char *why, size_t sz, struct sc_err *err)
{
	char sql[700], what[300];
	size_t n = (size_t)snprintf(sql, sizeof sql, "SELECT coalesce(item_id, '?'), visit_uuid,"
				    " coalesce(inspection_uuid, '?'), quote(substr(verdict, 1, 24))"
				    " FROM b.answer WHERE verdict NOT IN (");
	for (int v = V_PASS; v < V_COUNT && n < sizeof sql; v++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s'%s'", v > V_PASS ? ", " : "", verdict_name(v));
	snprintf(sql + n, n < sizeof sql ? sizeof sql - n : 0, ") LIMIT 1");
	*why = '\0';
	sqlite3_stmt *st = db_q(db, err, sql, NULL);
	if (!st)
		return err->code;
	int r = db_step(db, st, err);
	if (r == 1) {
		const char *visit = (const char *)sqlite3_column_text(st, 1);
		if (visit)
			snprintf(what, sizeof what, _("answer %s of stall visit %s of inspection %s has the verdict %s"),
				 sqlite3_column_text(st, 0), visit, sqlite3_column_text(st, 2),
				 sqlite3_column_text(st, 3));
		else
			snprintf(what, sizeof what, _("answer %s of inspection %s has the verdict %s"),
				 sqlite3_column_text(st, 0), sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
		snprintf(why, sz, _("newer content: %s, which this stallcheck does not know (made with a newer"
			 " checklist template?): update stallcheck on this machine"), what);
	}
	db_done(db, st);
	return r < 0 ? err->code : SC_OK;
}

static int64_t count_of(struct db *db, const char *sql, struct sc_err *err, int *rc)
{
	int64_t n = 0;
	if (*rc == SC_OK)
		*rc = db_int(db, err, &n, sql, NULL);
	return n;
}

static int bundle_records(struct db *db, struct sc_err *err, int64_t *n)
{
	int rc = SC_OK;
	*n = 0;
	for (int i = 1; i < NBT; i++) {
		char sql[128];
		if (strcmp(btables[i].name, "visit") == 0 || strcmp(btables[i].name, "answer") == 0)
			continue; /* parts of their inspection */
		snprintf(sql, sizeof sql, "SELECT count(*) FROM b.%s", btables[i].name);
		*n += count_of(db, sql, err, &rc);
	}
	return rc;
}

/* ---- reading a bundle: every check before any merge ---- */

/* The first reference in the bundle that neither the database nor the
 * bundle holds ("market <uuid>"), or "" when all resolve. Internal
 * inconsistencies set *bad. */
/* The references a bundle's rows make. A reference left empty, or a row
 * that belongs to nothing in its own bundle, is malformed (no later bundle
 * can mend it: fmt says what, of the row in column 0); a record not here
 * yet waits for the bundle that brings it (kind and the uuid in column 0). */
static const struct { const char *sql; const char *kind; const char *fmt; } bundle_refs[] = {
	{ "SELECT coalesce(uuid, '?') FROM b.stall WHERE market_uuid IS NULL", NULL,
	  N_("stall %s names no market") },
	{ "SELECT coalesce(uuid, '?') FROM b.inspection WHERE market_uuid IS NULL OR template_hash IS NULL",
	  NULL, N_("inspection %s names no market or no checklist template") },
	{ "SELECT coalesce(uuid, '?') FROM b.visit WHERE stall_uuid IS NULL", NULL,
	  N_("stall visit %s names no stall") },
	{ "SELECT coalesce(uuid, '?') FROM b.review WHERE inspection_uuid IS NULL", NULL,
	  N_("review %s names no inspection") },
	{ "SELECT coalesce(uuid, '?') FROM b.rectification WHERE inspection_uuid IS NULL OR market_uuid IS NULL",
	  NULL, N_("rectification %s names no inspection or no market") },
	{ "SELECT coalesce(uuid, '?') FROM b.rect_event WHERE rect_uuid IS NULL", NULL,
	  N_("rectification event %s names no rectification") },
	{ "SELECT coalesce(uuid, '?') FROM b.visit WHERE inspection_uuid IS NULL"
	  " OR inspection_uuid NOT IN (SELECT uuid FROM b.inspection)", NULL,
	  N_("stall visit %s belongs to no inspection in the bundle") },
	{ "SELECT coalesce(item_id, '?') FROM b.answer WHERE inspection_uuid IS NULL"
	  " OR inspection_uuid NOT IN (SELECT uuid FROM b.inspection)", NULL,
	  N_("answer %s belongs to no inspection in the bundle") },
	{ "SELECT coalesce(item_id, '?') FROM b.answer a WHERE visit_uuid IS NOT NULL AND NOT EXISTS"
	  " (SELECT 1 FROM b.visit v WHERE v.uuid = a.visit_uuid AND v.inspection_uuid = a.inspection_uuid)",
	  NULL, N_("answer %s names a stall visit that is not in its inspection") },
	{ "SELECT market_uuid FROM b.stall WHERE market_uuid NOT IN"
	  " (SELECT uuid FROM market UNION SELECT uuid FROM b.market)", "market", NULL },
	{ "SELECT market_uuid FROM b.inspection WHERE market_uuid NOT IN"
	  " (SELECT uuid FROM market UNION SELECT uuid FROM b.market)", "market", NULL },
	{ "SELECT template_hash FROM b.inspection WHERE template_hash NOT IN"
	  " (SELECT hash FROM template UNION SELECT hash FROM b.template)", "template", NULL },
	{ "SELECT stall_uuid FROM b.visit WHERE stall_uuid NOT IN"
	  " (SELECT uuid FROM stall UNION SELECT uuid FROM b.stall)", "stall", NULL },
	{ "SELECT inspection_uuid FROM b.review WHERE inspection_uuid NOT IN"
	  " (SELECT uuid FROM inspection UNION SELECT uuid FROM b.inspection)", "inspection", NULL },
	{ "SELECT inspection_uuid FROM b.rectification WHERE inspection_uuid NOT IN"
	  " (SELECT uuid FROM inspection UNION SELECT uuid FROM b.inspection)", "inspection", NULL },
	{ "SELECT closed_by_uuid FROM b.rectification WHERE closed_by_uuid NOT IN"
	  " (SELECT uuid FROM inspection UNION SELECT uuid FROM b.inspection)", "inspection", NULL },
	{ "SELECT market_uuid FROM b.rectification WHERE market_uuid NOT IN"
	  " (SELECT uuid FROM market UNION SELECT uuid FROM b.market)", "market", NULL },
	{ "SELECT stall_uuid FROM b.rectification WHERE stall_uuid NOT IN"
	  " (SELECT uuid FROM stall UNION SELECT uuid FROM b.stall)", "stall", NULL },
	{ "SELECT rect_uuid FROM b.rect_event WHERE rect_uuid NOT IN"
	  " (SELECT uuid FROM rectification UNION SELECT uuid FROM b.rectification)", "rectification", NULL },
	{ "SELECT inspection_uuid FROM b.rect_event WHERE inspection_uuid NOT IN"
	  " (SELECT uuid FROM inspection UNION SELECT uuid FROM b.inspection)", "inspection", NULL },
};

/* The first reference of the bundle that is not met, in what (empty when
 * every one is); bad says it is malformed rather than waiting. */
static int missing_refs(struct db *db, char *what, size_t sz, int *bad, struct sc_err *err)
{
	*what = '\0';
	*bad = 0;
	for (size_t i = 0; i < sizeof bundle_refs / sizeof bundle_refs[0]; i++) {
		char sql[600], val[200];
		snprintf(sql, sizeof sql, "%s LIMIT 1", bundle_refs[i].sql);
		int rc = db_text(db, err, val, sizeof val, sql, NULL);
		if (rc == SC_ERR_NOTFOUND)
			continue;
		if (rc != SC_OK)
			return rc;
		if (bundle_refs[i].fmt)
			why_tr(what, sz, bundle_refs[i].fmt, val);
		else
			snprintf(what, sz, "%s %s", sync_kind_label(bundle_refs[i].kind), val);
		*bad = bundle_refs[i].fmt != NULL;
		return SC_OK;
	}
	return SC_OK;
}

/* What the signature alone does not prove: each template body hashes to
 * the hash it is pinned under (else a forged body could take the real
 * template's place for every record made with it). */
static int check_templates(struct db *db, char *why, size_t sz, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT hash, CAST(body AS BLOB) FROM b.template", NULL);
	int r;
	*why = '\0';
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[2 * crypto_hash_sha256_BYTES + 1];
		const void *body = sqlite3_column_blob(st, 1);
		crypto_hash_sha256(h, body ? body : "", (unsigned long long)sqlite3_column_bytes(st, 1));
		device_hex(h, sizeof h, hex);
		if (strcmp(hex, db_col_text(st, 0))) {
			snprintf(why, sz, _("tampered: a template's text does not match its hash %.16s..."),
				 db_col_text(st, 0));
			break;
		}
	}
	db_done(db, st);
	return r < 0 ? err->code : SC_OK;
}

/* g (a record's grade) names a band its template h declares: a
 * [band.g] section of the body, here or in the bundle (section names are
 * lowercase letters, digits, '_', '.', '-'; spaces around them ignored) */
/* g (a grade) is a named band of the template hashed h (temp.sync_band,
 * filled by load_bands) */
#define GRADE_OK(h, g) "(" g " <> '' AND " g " NOT GLOB '*[^a-z0-9_.-]*' AND EXISTS (SELECT 1 FROM" \
	" temp.sync_band WHERE hash = " h " AND name = " g "))"

/* The [band.X] names of every template the bundle's records use, read from
 * each template's text once (core cannot use config's parser): a line that
 * is "[band.X]" once blanks and tabs are gone, in lower case. */
static int load_bands(struct db *db, struct sc_err *err)
{
	int rc = db_exec(db, err, "CREATE TEMP TABLE IF NOT EXISTS sync_band (hash TEXT, name TEXT,"
			 " PRIMARY KEY (hash, name)) WITHOUT ROWID; DELETE FROM temp.sync_band");
	if (rc)
		return rc;
	sqlite3_stmt *st = db_q(db, err, "SELECT hash, CAST(body AS TEXT) FROM b.template WHERE hash IN"
				" (SELECT template_hash FROM b.inspection) UNION ALL SELECT hash, CAST(body AS TEXT)"
				" FROM main.template WHERE hash IN (SELECT template_hash FROM b.inspection)", NULL);
	if (!st)
		return err->code;
	int r;
	while ((r = db_step(db, st, err)) == 1 && rc == SC_OK) {
		const char *p = db_col_text(st, 1);
		char line[256];
		while (*p && rc == SC_OK) {
			size_t n = 0;
			int over = 0; /* a longer line is no band's header */
			for (; *p && *p != '\n' && *p != '\r'; p++)
				if (*p != ' ' && *p != '\t' && !(over |= n + 1 >= sizeof line))
					line[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			line[n] = '\0';
			if (*p)
				p++;
			if (!over && n > 7 && !strncmp(line, "[band.", 6) && line[n - 1] == ']') {
				line[n - 1] = '\0';
				rc = db_run(db, err, "INSERT OR IGNORE INTO temp.sync_band VALUES (?, ?)", "tt",
					    db_col_text(st, 0), line + 6);
			}
		}
	}
	db_done(db, st);
	return rc ? rc : r < 0 ? err->code : SC_OK;
}

/* What the seal alone does not prove (the signer seals what it likes):
 * every grade of the bundle is a named band of its record's template. */
static int check_grades(struct db *db, char *why, size_t sz, struct sc_err *err)
{
	*why = '\0';
	int rc = load_bands(db, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_q(db, err,
		"SELECT uuid, '', grade FROM b.inspection WHERE grade IS NOT NULL AND NOT "
		GRADE_OK("template_hash", "grade")
		" UNION ALL SELECT v.uuid, v.inspection_uuid, v.grade FROM b.visit v"
		" JOIN b.inspection i ON i.uuid = v.inspection_uuid WHERE v.grade IS NOT NULL AND NOT "
		GRADE_OK("i.template_hash", "v.grade") " LIMIT 1", NULL);
	if (!st)
		return err->code;
	int r = db_step(db, st, err);
	if (r == 1 && !*db_col_text(st, 1))
		snprintf(why, sz, _("malformed: inspection %.40s has the grade '%.24s', which its checklist"
				    " template does not declare"), db_col_text(st, 0), db_col_text(st, 2));
	else if (r == 1)
		snprintf(why, sz, _("malformed: stall visit %.40s of inspection %.40s has the grade '%.24s',"
				    " which its checklist template does not declare"), db_col_text(st, 0),
			 db_col_text(st, 1), db_col_text(st, 2));
	db_done(db, st);
	return r < 0 ? err->code : SC_OK;
}

/* The order of versions of a registry record or rectification: the
 * greater wins (rev, then updated_at, then the content text). p is the
 * row's prefix ("excluded." in the merge, an alias in the checks). */
#define MARKET_ORDER(p) "(" p "rev, " p "updated_at, " p "code || char(31) || " p "name || char(31) || " \
	p "district || char(31) || " p "address || char(31) || " p "active)"
#define STALL_ORDER(p) "(" p "rev, " p "updated_at, " p "code || char(31) || " p "vendor || char(31) || " \
	p "type || char(31) || " p "active)"
#define RECT_ORDER(p) "(" p "rev, " p "updated_at, " p "status || char(31) || coalesce(" p "closed_day, '')" \
	" || char(31) || " p "repeats || char(31) || " p "deadline || char(31) || " p "note || char(31)" \
	" || coalesce(" p "superseded_by, ''))"

/* The authority model (docs/sync.md): who may create and change each kind
 * of record. ?1 is the signing device, ?2 is 1 when this database trusts
 * it as a supervisor. Each query's first row is the first violation, told
 * by its rule's sentence (check_authority steps once: no query here sorts,
 * so SQLite stops at the first row it finds); a row is a violation even
 * with NULL columns. */

/* the maker of a market, stall or rectification: one made by hand with no
 * device is the signer's (the merge fills it in) */
#define MAKER "coalesce(nullif(device, ''), ?1)"
/* x (an inspection or rectification uuid) is the signer's: in the bundle
 * (its inspections are the signer's, checked first) or bound to it here */
#define SIGNERS(x) "(" x " IN (SELECT uuid FROM b.inspection UNION ALL SELECT uuid FROM b.rectification" \
	" WHERE " MAKER " = ?1) OR (SELECT device FROM uuid_owner WHERE uuid = " x ") = ?1)"
/* the records that name the device that made them */
#define MADE_BY "SELECT 'inspection' AS k, uuid, device FROM b.inspection UNION ALL" \
	" SELECT 'review', uuid, device FROM b.review UNION ALL" \
	" SELECT 'rectification event', uuid, device FROM b.rect_event"
#define ALL_MADE MADE_BY " UNION ALL SELECT 'market', uuid, " MAKER " FROM b.market" \
	" UNION ALL SELECT 'stall', uuid, " MAKER " FROM b.stall" \
	" UNION ALL SELECT 'rectification', uuid, " MAKER " FROM b.rectification"
#define REGISTRY "SELECT 'market' AS k, uuid, " MAKER " AS device FROM b.market" \
	" WHERE uuid NOT IN (SELECT uuid FROM market)" \
	" UNION ALL SELECT 'stall', uuid, " MAKER " FROM b.stall WHERE uuid NOT IN (SELECT uuid FROM stall)" \
	" UNION ALL SELECT 'rectification', uuid, " MAKER " FROM b.rectification" \
	" WHERE uuid NOT IN (SELECT uuid FROM rectification)"
/* a rectification of the bundle (n) against the version here (o) that
 * it would replace */
#define RECT_WINS "FROM b.rectification n JOIN rectification o ON o.uuid = n.uuid WHERE ?2 = 0 AND " \
	RECT_ORDER("n.") " > " RECT_ORDER("o.")
/* a newer version of another device's market or stall (only a supervisor
 * changes those) */
#define OTHERS_CHANGE(table, ORDER) "SELECT n.uuid, o.device, ?1 FROM b." table " n" \
	" JOIN " table " o ON o.uuid = n.uuid WHERE ?2 = 0 AND o.device IS NOT ?1 AND " ORDER("n.") " > " \
	ORDER("o.")

/* Each rule: a query whose first row (up to four text columns: a record's
 * kind first where kind is set) is a violation, and the catalogued
 * sentence that tells it. Only a kind column is translated: the others are
 * the bundle's own text (a uuid spelled "market" stays so). */
static const struct { int wait, kind; const char *why, *sql; } authority[] = {
	/* a market, stall or rectification enters with its maker's bundle;
	 * another device's change of it waits for that */
	{ 1, 1, N_("%s %s of device %s"),
	  "SELECT k, uuid, device FROM (" REGISTRY ") WHERE device IS NOT ?1 AND ?2 = ?2" },
	/* a device sends only what it made itself ... */
	{ 0, 1, N_("forged: %s %s is from another device than %s, which signed the bundle"),
	  "SELECT k, uuid, ?1 FROM (" MADE_BY ") WHERE device IS NOT ?1 AND ?2 = ?2" },
	/* ... a uuid that names its maker (uuid_new_owned) names this one ... */
	{ 0, 1, N_("forged: %s %s is not of device %s: its uuid names another device as its maker"),
	  "SELECT k, uuid, coalesce(device, '?') FROM (" ALL_MADE ")"
	  " WHERE length(uuid) = 36 AND substr(uuid, 15, 1) = '8' AND substr(uuid, 24, 1) = '-'"
	  " AND lower(substr(uuid, 29)) IS NOT lower(substr(device, 29))"
	  " AND ?1 = ?1 AND ?2 = ?2" },
	/* ... and any uuid belongs to the device it was first seen from */
	{ 0, 1, N_("forged: %s %s belongs to device %s, not to %s (a device sends only its own records)"),
	  "SELECT x.k, x.uuid, o.device, coalesce(x.device, '?')"
	  " FROM (" ALL_MADE ") x JOIN uuid_owner o ON o.uuid = x.uuid WHERE o.device IS NOT x.device"
	  " AND ?1 = ?1 AND ?2 = ?2" },
	{ 0, 0, N_("forged: rectification %s is registered for inspection %s, which is not of %s (the device"
		" whose inspection found a problem registers it)"),
	  "SELECT uuid, coalesce(inspection_uuid, '?'), ?1 FROM b.rectification"
	  " WHERE uuid NOT IN (SELECT uuid FROM rectification) AND NOT " SIGNERS("inspection_uuid")
	  " AND ?2 = ?2" },
	{ 0, 0, N_("forged: rectification event %s names inspection %s, which is not of %s"),
	  "SELECT uuid, inspection_uuid, ?1 FROM b.rect_event WHERE inspection_uuid IS NOT NULL"
	  " AND NOT " SIGNERS("inspection_uuid") " AND ?2 = ?2" },
	/* what only a supervisor device may do */
	{ 0, 0, N_("unauthorized: review %s from %s, which is not trusted as a supervisor (only supervisor"
		" devices review)"),
	  "SELECT uuid, ?1 FROM b.review WHERE ?2 = 0" },
	{ 0, 0, N_("unauthorized: market %s belongs to device %s: only it or a supervisor device changes it,"
		" not %s"), OTHERS_CHANGE("market", MARKET_ORDER) },
	{ 0, 0, N_("unauthorized: stall %s belongs to device %s: only it or a supervisor device changes it,"
		" not %s"), OTHERS_CHANGE("stall", STALL_ORDER) },
	/* a rectification is closed by a follow-up inspection that found it
	 * fixed: the follow-up's own device recorded the 'fixed' event */
	{ 0, 0, N_("unauthorized: rectification %s is closed without a follow-up inspection that found it fixed"),
	  "SELECT n.uuid FROM b.rectification n LEFT JOIN rectification o ON o.uuid = n.uuid"
	  " WHERE ?2 = 0 AND n.status IS 'closed' AND (o.id IS NULL OR (" RECT_ORDER("n.") " > "
	  RECT_ORDER("o.") " AND (o.status IS NOT 'closed' OR n.closed_by_uuid IS NOT"
	  " (SELECT uuid FROM inspection WHERE id = o.closed_by))))"
	  " AND NOT EXISTS (SELECT 1 FROM b.rect_event e WHERE e.rect_uuid = n.uuid AND e.kind = 'fixed'"
	  " AND e.inspection_uuid = n.closed_by_uuid AND e.device = ?1)"
	  " AND NOT EXISTS (SELECT 1 FROM rect_event e JOIN rectification x ON x.id = e.rect_id"
	  " JOIN inspection i ON i.id = e.inspection_id WHERE x.uuid = n.uuid AND e.kind = 'fixed'"
	  " AND i.uuid = n.closed_by_uuid AND e.device = i.device)" },
	{ 0, 0, N_("unauthorized: rectification %s changes its follow-up state (status, closing, repeats) without"
		" a follow-up inspection of %s in the bundle"),
	  "SELECT n.uuid, ?1 " RECT_WINS
	  " AND (n.status IS NOT o.status OR n.closed_day IS NOT o.closed_day OR n.repeats IS NOT o.repeats"
	  " OR n.closed_by_uuid IS NOT (SELECT uuid FROM inspection WHERE id = o.closed_by))"
	  " AND NOT EXISTS (SELECT 1 FROM b.rect_event e WHERE e.rect_uuid = n.uuid"
	  " AND e.kind IN ('fixed', 'not_fixed') AND e.inspection_uuid IN (SELECT uuid FROM b.inspection))" },
	{ 0, 0, N_("unauthorized: rectification %s belongs to device %s: only it (amending its record) or a"
		" supervisor device changes what it records, not %s"),
	  "SELECT n.uuid, o.device, ?1 "
	  RECT_WINS " AND o.device IS NOT ?1 AND (n.inspection_uuid IS NOT (SELECT uuid FROM inspection"
	  " WHERE id = o.inspection_id) OR n.finding IS NOT o.finding OR n.finding_en IS NOT o.finding_en"
	  " OR n.critical IS NOT o.critical OR n.category IS NOT o.category OR n.spots IS NOT o.spots"
	  " OR n.note IS NOT o.note OR n.deadline IS NOT o.deadline OR n.area IS NOT o.area"
	  " OR n.area_name IS NOT o.area_name OR n.area_name_en IS NOT o.area_name_en"
	  " OR n.repeat_of IS NOT o.repeat_of)" },
	{ 0, 0, N_("unauthorized: rectification %s is marked replaced by %s, which is not a record of %s"),
	  "SELECT n.uuid, n.superseded_by, ?1 " RECT_WINS
	  " AND n.superseded_by IS NOT o.superseded_by AND n.superseded_by IS NOT NULL AND NOT "
	  SIGNERS("n.superseded_by") },
	{ 0, 0, N_("unauthorized: rectification %s is marked replaced by nothing, which is not a record of %s"),
	  "SELECT n.uuid, ?1 " RECT_WINS " AND o.superseded_by IS NOT NULL AND n.superseded_by IS NULL" },
};

/* A record kind as the bundle's tables name it, in the user's language. */
const char *sync_kind_label(const char *kind)
{
	static const char *const kinds[] = {
		NC_("record kind", "inspection"), NC_("record kind", "review"), NC_("record kind", "market"),
		NC_("record kind", "stall"), NC_("record kind", "rectification"),
		NC_("record kind", "rectification event"), NC_("record kind", "template"),
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kind, kinds[i]))
			return sc_trc("record kind", kinds[i]);
	return kind;
}

/* The first violation of the authority model in the attached bundle:
 * why is empty when there is none; *wait when the bundle only has to wait
 * for another device's bundle. */
static int check_authority(struct db *db, const char *signer, int supervisor, char *why, size_t sz,
			   int *wait, struct sc_err *err)
{
	*why = '\0';
	*wait = 0;
	for (size_t i = 0; i < sizeof authority / sizeof authority[0]; i++) {
		sqlite3_stmt *st = db_q(db, err, authority[i].sql, "ti", signer, supervisor);
		if (!st)
			return err->code;
		int r = db_step(db, st, err);
		if (r == 1) {
			char col[4][128] = { "", "", "", "" };
			int n = sqlite3_column_count(st);
			for (int k = 0; k < n && k < 4; k++)
				snprintf(col[k], sizeof col[k], "%s", db_col_text(st, k));
			why_tr(why, sz, authority[i].why, authority[i].kind ? sync_kind_label(col[0]) : col[0],
			       col[1], col[2], col[3]);
			*wait = authority[i].wait;
		}
		db_done(db, st);
		if (r != 0)
			return r < 0 ? err->code : SC_OK;
	}
	return SC_OK;
}

/* Every incoming inspection that is new here must match its own seal. */
static int check_seals(struct db *db, char *why, size_t sz, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err,
		"SELECT uuid, coalesce(prev_seal, ''), coalesce(seal, '') FROM b.inspection"
		" WHERE uuid NOT IN (SELECT uuid FROM inspection)", NULL);
	int r, rc = SC_OK;
	*why = '\0';
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		char uuid[64], prev[SEAL_HEX], seal[SEAL_HEX], got[SEAL_HEX];
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
		snprintf(seal, sizeof seal, "%s", db_col_text(st, 2));
		if ((rc = seal_compute(db, "b", uuid, prev, got, NULL, err)))
			break;
		if (strcmp(got, seal)) {
			snprintf(why, sz, _("tampered: inspection %s does not match its seal"), uuid);
			break;
		}
	}
	db_done(db, st);
	return rc ? rc : r < 0 ? err->code : SC_OK;
}

/* The signed chain heads in the manifest ("head <device>" = "<seal> <sig>")
 * of devices known here must verify: a bundle does not pass on a head its
 * device did not sign. */
static int check_heads(struct db *db, const char *me, char *why, size_t sz, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT substr(m.key, 6), substr(m.value, 1, 64), substr(m.value, 66), "
				DEVICE_PUBKEY_SQL("substr(m.key, 6)", "?1") " FROM b.manifest m"
				" WHERE m.key LIKE 'head %'", "t", me);
	int r;
	*why = '\0';
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
		if (device_unhex(db_col_text(st, 3), pk, sizeof pk))
			continue; /* not known here: not kept either */
		if (!seal_head_valid(db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2), pk)) {
			snprintf(why, sz, _("tampered: the signed chain head of device %.40s does not verify"),
				 db_col_text(st, 0));
			break;
		}
	}
	db_done(db, st);
	return r < 0 ? err->code : SC_OK;
}

/* ---- merging ---- */

/* a record made by hand with no device is the signing device's (MAKER) */
#define BUNDLE_MAKER(col) "coalesce(nullif(" #col ", ''), (SELECT value FROM b.manifest WHERE key = 'device'))"

static const char *const merge_sql[] = {
	"INSERT INTO template(hash, tpl_id, version, body, created_at)"
	" SELECT hash, tpl_id, version, body, created_at FROM b.template WHERE true"
	" ON CONFLICT (hash) DO NOTHING",
	/* registry: new rows, then versions that win (rev, updated_at, content) */
	"INSERT INTO market(uuid, code, name, district, address, active, device, rev, created_at,"
	" updated_at) SELECT uuid, code, name, district, address, active, " BUNDLE_MAKER(device) ", rev,"
	" created_at, updated_at FROM b.market WHERE true ON CONFLICT (uuid) DO UPDATE SET code = excluded.code,"
	" name = excluded.name, district = excluded.district, address = excluded.address,"
	" active = excluded.active, rev = excluded.rev, updated_at = excluded.updated_at"
	" WHERE " MARKET_ORDER("excluded.") " > " MARKET_ORDER(""),
	/* a stall code taken twice in a market: the smaller uuid keeps it */
	"UPDATE stall SET code = code || '~' || substr(uuid, 1, 8) WHERE id IN (SELECT s.id FROM stall s"
	" JOIN market m ON m.id = s.market_id JOIN b.stall bs ON bs.market_uuid = m.uuid"
	" AND bs.code = s.code AND bs.uuid < s.uuid)",
	"INSERT INTO stall(uuid, market_id, code, vendor, type, active, device, rev, created_at,"
	" updated_at) SELECT bs.uuid, m.id, CASE WHEN EXISTS (SELECT 1 FROM stall o"
	" WHERE o.market_id = m.id AND o.code = bs.code AND o.uuid <> bs.uuid)"
	" THEN bs.code || '~' || substr(bs.uuid, 1, 8) ELSE bs.code END, bs.vendor, bs.type, bs.active,"
	" " BUNDLE_MAKER(bs.device) ", bs.rev, bs.created_at, bs.updated_at FROM b.stall bs"
	" JOIN market m ON m.uuid = bs.market_uuid WHERE true ON CONFLICT (uuid) DO UPDATE SET"
	" market_id = excluded.market_id, code = excluded.code, vendor = excluded.vendor,"
	" type = excluded.type, active = excluded.active, rev = excluded.rev,"
	" updated_at = excluded.updated_at"
	" WHERE " STALL_ORDER("excluded.") " > " STALL_ORDER(""),
	/* inspections new here: as drafts first (the answer triggers), children, then status */
	"DELETE FROM temp.sync_new",
	"INSERT INTO temp.sync_new(uuid) SELECT uuid FROM b.inspection"
	" WHERE uuid NOT IN (SELECT uuid FROM inspection)",
	"INSERT INTO inspection(uuid, market_id, template_id, inspector, device, day, started_at,"
	" finished_at, status, amends_uuid, score, band, critical_fails, stalls_done, seal, prev_seal,"
	" rev, created_at, updated_at, grade) SELECT bi.uuid, m.id, t.id, bi.inspector, bi.device, bi.day,"
	" bi.started_at, bi.finished_at, 'draft', bi.amends_uuid, bi.score, bi.band, bi.critical_fails,"
	" bi.stalls_done, bi.seal, bi.prev_seal, bi.rev, bi.created_at, bi.updated_at, bi.grade"
	" FROM b.inspection bi JOIN market m ON m.uuid = bi.market_uuid"
	" JOIN template t ON t.hash = bi.template_hash WHERE bi.uuid IN (SELECT uuid FROM temp.sync_new)"
	" ORDER BY bi.finished_at, bi.uuid",
	"INSERT INTO visit(uuid, inspection_id, stall_id, seq, score, band, critical_fails, done,"
	" created_at, grade) SELECT bv.uuid, i.id, s.id, bv.seq, bv.score, bv.band, bv.critical_fails,"
	" bv.done, bv.created_at, bv.grade FROM b.visit bv JOIN inspection i ON i.uuid = bv.inspection_uuid"
	" JOIN stall s ON s.uuid = bv.stall_uuid"
	" WHERE bv.inspection_uuid IN (SELECT uuid FROM temp.sync_new)",
	"INSERT INTO answer(inspection_id, visit_id, item_id, verdict, earned, possible, critical, spots,"
	" note, answered_at) SELECT i.id, v.id, ba.item_id, ba.verdict, ba.earned, ba.possible,"
	" ba.critical, ba.spots, ba.note, ba.answered_at FROM b.answer ba"
	" JOIN inspection i ON i.uuid = ba.inspection_uuid LEFT JOIN visit v ON v.uuid = ba.visit_uuid"
	" WHERE ba.inspection_uuid IN (SELECT uuid FROM temp.sync_new)",
	"UPDATE inspection SET status = 'final' WHERE uuid IN (SELECT uuid FROM temp.sync_new)",
	/* rectifications: new rows, then versions that win */
	"INSERT INTO rectification(uuid, inspection_id, market_id, stall_id, area, item_id, category,"
	" critical, finding, spots, note, opened_day, deadline, status, closed_by, closed_day, repeat_of,"
	" repeats, device, rev, created_at, updated_at, finding_en, area_name, area_name_en,"
	" superseded_by) SELECT bx.uuid, i.id, m.id, s.id, bx.area,"
	" bx.item_id, bx.category, bx.critical, bx.finding, bx.spots, bx.note, bx.opened_day,"
	" bx.deadline, bx.status, c.id, bx.closed_day, bx.repeat_of, bx.repeats, " BUNDLE_MAKER(bx.device) ","
	" bx.rev,"
	" bx.created_at, bx.updated_at, bx.finding_en, bx.area_name, bx.area_name_en,"
	" bx.superseded_by FROM b.rectification bx JOIN inspection i"
	" ON i.uuid = bx.inspection_uuid JOIN market m ON m.uuid = bx.market_uuid"
	" LEFT JOIN stall s ON s.uuid = bx.stall_uuid LEFT JOIN inspection c ON c.uuid = bx.closed_by_uuid"
	" WHERE true ON CONFLICT (uuid) DO UPDATE SET area = excluded.area, note = excluded.note,"
	" deadline = excluded.deadline, status = excluded.status, closed_by = excluded.closed_by,"
	" closed_day = excluded.closed_day, repeat_of = excluded.repeat_of, repeats = excluded.repeats,"
	" spots = excluded.spots, finding = excluded.finding, rev = excluded.rev,"
	" updated_at = excluded.updated_at, inspection_id = excluded.inspection_id,"
	" critical = excluded.critical, category = excluded.category,"
	" finding_en = excluded.finding_en, area_name = excluded.area_name,"
	" area_name_en = excluded.area_name_en, superseded_by = excluded.superseded_by"
	" WHERE " RECT_ORDER("excluded.") " > " RECT_ORDER(""),
	"INSERT INTO rect_event(uuid, rect_id, inspection_id, kind, note, actor, device, at, sig)"
	" SELECT be.uuid, x.id, i.id, be.kind, be.note, be.actor, be.device, be.at, be.sig"
	" FROM b.rect_event be"
	" JOIN rectification x ON x.uuid = be.rect_uuid LEFT JOIN inspection i"
	" ON i.uuid = be.inspection_uuid WHERE true ON CONFLICT (uuid) DO NOTHING",
	/* reviews: check_authority let only a supervisor's own through */
	"INSERT INTO review(uuid, inspection_id, decision, reason, reviewer, device, at, sig)"
	" SELECT br.uuid, i.id, br.decision, br.reason, br.reviewer, br.device, br.at, br.sig FROM b.review br"
	" JOIN inspection i ON i.uuid = br.inspection_uuid WHERE true ON CONFLICT (uuid) DO NOTHING",
};
#define NMERGE (int)(sizeof merge_sql / sizeof merge_sql[0])

/* An inspection's status follows from what is known about it, the same on
 * every machine: amended if a non-draft amendment exists, else the latest
 * review (by time, then uuid), else final. */
static const char status_sql[] =
	"UPDATE inspection SET status = CASE"
	" WHEN EXISTS (SELECT 1 FROM inspection a WHERE a.amends_uuid = inspection.uuid"
	"  AND a.status <> 'draft') THEN 'amended'"
	" WHEN (SELECT decision FROM review r WHERE r.inspection_id = inspection.id"
	"  ORDER BY r.at DESC, r.uuid DESC LIMIT 1) = 'approve' THEN 'approved'"
	" WHEN (SELECT decision FROM review r WHERE r.inspection_id = inspection.id"
	"  ORDER BY r.at DESC, r.uuid DESC LIMIT 1) = 'return' THEN 'returned'"
	" ELSE 'final' END"
	" WHERE status <> 'draft' AND (uuid IN (SELECT uuid FROM b.inspection)"
	"  OR uuid IN (SELECT amends_uuid FROM b.inspection)"
	"  OR uuid IN (SELECT inspection_uuid FROM b.review))";

/* Inspections known here under the same uuid with another seal. */
static int record_conflicts(struct db *db, const char *device, long seq, int *n, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err,
		"SELECT b.uuid, coalesce(b.prev_seal, ''), coalesce(b.seal, ''), coalesce(m.seal, '')"
		" FROM b.inspection b JOIN inspection m ON m.uuid = b.uuid"
		" WHERE m.seal IS NOT b.seal AND b.uuid NOT IN (SELECT uuid FROM temp.sync_new)", NULL);
	char ts[CLOCK_TS];
	int r, rc = SC_OK;
	*n = 0;
	if (!st)
		return err->code;
	clock_stamp(ts);
	while ((r = db_step(db, st, err)) == 1) {
		struct seal_buf buf = { 0 };
		char uuid[64], prev[SEAL_HEX], seal[SEAL_HEX], local[SEAL_HEX], got[SEAL_HEX];
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
		snprintf(seal, sizeof seal, "%s", db_col_text(st, 2));
		snprintf(local, sizeof local, "%s", db_col_text(st, 3));
		rc = seal_compute(db, "b", uuid, prev, got, &buf, err);
		if (rc == SC_OK)
			rc = db_run(db, err,
				    "INSERT INTO sync_conflict(kind, uuid, device, seq, local_seal, remote_seal,"
				    " remote, at) VALUES ('inspection', ?, ?, ?, ?, ?, ?, ?)"
				    " ON CONFLICT (kind, uuid, remote_seal) DO NOTHING",
				    "ttIttt" "t", uuid, device, (int64_t)seq, local, seal,
				    buf.p ? buf.p : "", ts);
		if (rc == SC_OK && db_changes(db) > 0)
			(*n)++;
		free(buf.p);
		if (rc)
			break;
	}
	db_done(db, st);
	return rc ? rc : r < 0 ? err->code : SC_OK;
}

static int run_list(struct db *db, const char *const *sql, int n, struct sc_err *err)
{
	for (int i = 0; i < n; i++) {
		int rc = db_run(db, err, sql[i], NULL);
		if (rc)
			return rc;
	}
	return SC_OK;
}

/* A bundle written or received: a sync reads it no more. */
static int bundle_done(struct db *db, const char *device, long seq, const char *dir,
		       const char *content, int64_t records, struct sc_err *err)
{
	char ts[CLOCK_TS];
	clock_stamp(ts);
	return db_run(db, err, "INSERT INTO sync_bundle(device, seq, dir, content_sha256, records, at)"
		      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device, seq) DO NOTHING",
		      "tIttIt", device, (int64_t)seq, dir, content, records, ts);
}

static int mark_seen(struct db *db, const char *device, long seq, const char *dir,
		     const char *content, int64_t records, struct sc_err *err)
{
	int rc = run_list(db, seen_sql, NSEEN, err);
	return rc ? rc : bundle_done(db, device, seq, dir, content, records, err);
}

/* A peer's bundle in a format no longer read whose records all came again
 * later: recorded as received (none of its records taken from it), so the
 * next sync skips it instead of reading and checking it again. */
static int settle(struct db *db, const char *device, long seq, const char *content, const char *file,
		  struct sc_err *err)
{
	char ts[CLOCK_TS];
	int rc = db_begin(db, err);
	clock_stamp(ts);
	if (rc == SC_OK)
		rc = bundle_done(db, device, seq, "in", content, 0, err);
	if (rc == SC_OK)
		rc = db_run(db, err, "UPDATE sync_quarantine SET resolved_at = ? WHERE file = ?"
			    " AND resolved_at IS NULL", "tt", ts, file);
	if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
		rc = err->code;
	return rc;
}

static int merge(struct db *db, const char *device, long seq, const char *content, int64_t records,
		 struct sync_item *it, struct sc_err *err)
{
	char ts[CLOCK_TS];
	int rc;

	if ((rc = db_exec(db, err, "CREATE TEMP TABLE IF NOT EXISTS sync_new(uuid TEXT PRIMARY KEY)")))
		return rc;
	/* every reference merge_sql writes comes from a join with the table it
	 * names (or is NULL): the foreign key checks would only look each one up
	 * again, twice per answer. Back on after the transaction, as db_open
	 * sets it (a no-op inside an outer one, where they stay on). */
	if ((rc = db_exec(db, err, "PRAGMA foreign_keys=OFF")))
		return rc;
	if ((rc = db_begin(db, err))) {
		db_exec(db, NULL, "PRAGMA foreign_keys=ON");
		return rc;
	}
	clock_stamp(ts);
	rc = run_list(db, merge_sql, NMERGE, err);
	if (rc == SC_OK) /* photos and acknowledgements of the inspections new here */
		rc = photo_bundle_merge(db, err);
	if (rc == SC_OK) /* the heads check_heads found good */
		rc = db_run(db, err, "INSERT INTO seal_head(device, seal, sig, via, at) SELECT substr(m.key, 6),"
			    " substr(m.value, 1, 64), substr(m.value, 66), ?, ? FROM b.manifest m"
			    " WHERE m.key LIKE 'head %' AND (substr(m.key, 6) IN (SELECT device FROM peer)"
			    " OR substr(m.key, 6) = (SELECT value FROM meta WHERE key = 'device_id'))"
			    " ON CONFLICT (device, seal, via) DO NOTHING", "tt", it->file, ts);
	if (rc == SC_OK)
		rc = db_run(db, err, status_sql, NULL);
	if (rc == SC_OK)
		rc = record_conflicts(db, device, seq, &it->conflicts, err);
	if (rc == SC_OK)
		rc = mark_seen(db, device, seq, "in", content, records, err);
	if (rc == SC_OK)
		rc = db_run(db, err, "UPDATE sync_quarantine SET resolved_at = ? WHERE file = ?"
			    " AND resolved_at IS NULL", "tt", ts, it->file);
	if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
		rc = err->code;
	int fk = db_exec(db, rc == SC_OK ? err : NULL, "PRAGMA foreign_keys=ON");
	return rc ? rc : fk;
}

/* ---- the share: others' ground, read and written without trust ---- */

/* Is this an SQLite file, and is it exactly as long as its first 100 bytes
 * promise (page size x page count), within BUNDLE_MAX? hdr holds
 * min(size, 100) bytes. 0; 1 shorter than its header promises, with the
 * reason in why (a copy still arriving: a file-sync engine or a copy
 * that writes in place); -1 with a quarantine reason in why. */
static int bundle_header(const unsigned char *hdr, size_t size, char *why, size_t whysz)
{
	if (size < 100) {
		snprintf(why, whysz, _("truncated: only %zu bytes"), size);
		return -1;
	}
	if (memcmp(hdr, "SQLite format 3", 16) != 0) {
		snprintf(why, whysz, _("corrupt: not an SQLite bundle"));
		return -1;
	}
	size_t psize = (size_t)hdr[16] << 8 | hdr[17];
	if (psize == 1)
		psize = 65536;
	size_t pages = (size_t)hdr[28] << 24 | (size_t)hdr[29] << 16 | (size_t)hdr[30] << 8 | hdr[31];
	if (psize < 512 || (psize & (psize - 1)) || pages == 0) {
		snprintf(why, whysz, _("corrupt: bad SQLite header"));
		return -1;
	}
	if (pages > BUNDLE_MAX / psize) {
		snprintf(why, whysz, _("corrupt: the SQLite header promises %zu pages of %zu bytes, more"
			 " than the %ld MiB a bundle may have"), pages, psize, BUNDLE_MAX >> 20);
		return -1;
	}
	if (size < psize * pages) {
		snprintf(why, whysz, _("incomplete: %zu of the %zu bytes its header promises (still being"
			 " copied?)"), size, psize * pages);
		return 1;
	}
	if (size != psize * pages) {
		snprintf(why, whysz, _("corrupt: %zu bytes, the header promises %zu"), size, psize * pages);
		return -1;
	}
	return 0;
}

/* Open a file of the share following no symbolic link, neither the file
 * nor its device folder (either could point anywhere on this machine), and
 * only when it is a regular file. The fd, or -1: missing (why ""), or
 * refused with a quarantine reason in why. */
static int share_open(const char *path, struct stat *sb, char *why, size_t whysz)
{
	const char *slash = strrchr(path, '/');
	char dir[4200];
	int dfd, fd, e;

	why[0] = '\0';
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	/* O_NONBLOCK: a FIFO must not block us */
	fd = dfd < 0 ? -1 : openat(dfd, slash ? slash + 1 : path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	e = errno;
	if (dfd >= 0)
		close(dfd);
	if (fd < 0) {
		if (e == ELOOP || e == ENOTDIR)
			snprintf(why, whysz, _("unreadable: %s is a symbolic link (sync follows no link in the"
				 " share)"), dfd < 0 ? _("its device folder") : _("the file"));
		else if (e != ENOENT)
			snprintf(why, whysz, _("unreadable: %s"), strerror(e));
		return -1;
	}
	if (fstat(fd, sb) < 0 || !S_ISREG(sb->st_mode)) {
		snprintf(why, whysz, _("unreadable: not a regular file"));
		close(fd);
		return -1;
	}
	return fd;
}

/* Read the first max bytes of a small file of the share (a .sig).
 * 1 = read (*data malloc'd), 0 = missing, -1 = refused (why). */
static int share_read(const char *path, size_t max, unsigned char **data, size_t *len, char *why,
		      size_t whysz)
{
	struct stat sb;
	int fd = share_open(path, &sb, why, whysz);
	ssize_t got;

	*data = NULL;
	*len = 0;
	if (fd < 0) /* sb unset */
		return why[0] ? -1 : 0;
	size_t size = (size_t)sb.st_size < max ? (size_t)sb.st_size : max;
	unsigned char *p = malloc(size ? size : 1);
	while (p && (got = pread(fd, p, size, 0)) < 0 && errno == EINTR)
		;
	close(fd);
	if (!p) {
		snprintf(why, whysz, _("unreadable: out of memory"));
		return -1;
	}
	*data = p;
	*len = got > 0 ? (size_t)got : 0;
	return 1;
}

/* One pass over size bytes of a bundle (from fd, or from mem when fd < 0),
 * a chunk at a time: each chunk fed to the signature's prehash and, when
 * out >= 0, written there. 0; -1 the file ended early; -2 writing failed
 * (errno). */
static int bundle_pass(int fd, const unsigned char *mem, size_t size, crypto_sign_state *st, int out)
{
	unsigned char *buf = fd >= 0 ? malloc(BUNDLE_CHUNK) : NULL;
	int rc = fd >= 0 && !buf ? -2 : 0;

	if (rc)
		errno = ENOMEM;
	for (size_t off = 0; off < size && rc == 0;) {
		size_t n = size - off < BUNDLE_CHUNK ? size - off : BUNDLE_CHUNK;
		const unsigned char *p = mem ? mem + off : buf;
		if (fd >= 0) {
			ssize_t r = pread(fd, buf, n, (off_t)off);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				rc = -1;
				break;
			}
			n = (size_t)r;
		}
		crypto_sign_update(st, p, n);
		for (size_t w = 0; out >= 0 && w < n;) {
			ssize_t r = write(out, p + w, n - w);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				rc = -2;
				break;
			}
			w += (size_t)r;
		}
		off += n;
	}
	free(buf);
	return rc;
}

/* A bundle as the import reads it: a private copy of this process. */
struct bundle_copy {
	char path[4300];        /* "" when none */
	int incomplete;         /* none: the file is shorter than its header says */
	size_t size;
	crypto_sign_state sign; /* Ed25519ph prehash of the bytes copied */
};

static void bundle_unstage(struct bundle_copy *bc)
{
	static const char *const side[] = { "", "-journal", "-wal", "-shm" };
	char p[sizeof bc->path + 16];
	for (size_t i = 0; bc->path[0] && i < sizeof side / sizeof side[0]; i++) {
		snprintf(p, sizeof p, "%s%s", bc->path, side[i]);
		unlink(p);
	}
	bc->path[0] = '\0';
}

/* Copy a bundle (fd of the share, or mem when fd < 0, len bytes) into a
 * private file next to the database (mkstemp: 0600, never through a link;
 * the system's temporary folder when the database's is not writable),
 * after checking its SQLite header: the copy is at most the size the
 * header promises (BUNDLE_MAX), it is read in chunks, hashed for its
 * signature as it goes, and SQLite then reads the very bytes whose
 * signature is checked, which the share can no longer change. Nothing of
 * it is ever whole in memory. SC_OK (bc->path set), SC_OK with a
 * quarantine reason in why, or our own failure. */
static int bundle_stage(struct db *db, int fd, const unsigned char *mem, size_t len,
			struct bundle_copy *bc, char *why, size_t whysz, struct sc_err *err)
{
	const char *tmpdir = getenv("TMPDIR");
	unsigned char hdr[100];
	ssize_t got = len < sizeof hdr ? (ssize_t)len : (ssize_t)sizeof hdr;
	int out = -1, rc;

	bc->path[0] = '\0';
	bc->incomplete = 0;
	if (fd >= 0)
		while ((got = pread(fd, hdr, sizeof hdr, 0)) < 0 && errno == EINTR)
			;
	else
		memcpy(hdr, mem, (size_t)got);
	if (got < 0) {
		snprintf(why, whysz, _("unreadable: %s"), strerror(errno));
		return SC_OK;
	}
	if ((rc = bundle_header(hdr, (size_t)got < sizeof hdr ? (size_t)got : len, why, whysz))) {
		bc->incomplete = rc > 0;
		return SC_OK;
	}
	for (int i = 0; i < 2 && out < 0; i++) {
		if (i == 0 && strchr(db_path(db), '/') == NULL)
			continue; /* in memory, or a name that is not a path */
		snprintf(bc->path, sizeof bc->path, "%s.in-XXXXXX",
			 i == 0 ? db_path(db) : tmpdir && tmpdir[0] ? tmpdir : "/tmp");
		if (i == 1) /* TMPDIR/stallcheck-in-XXXXXX */
			memcpy(strrchr(bc->path, '.'), "/stallcheck-in-XXXXXX",
			       sizeof "/stallcheck-in-XXXXXX");
		out = mkstemp(bc->path);
	}
	if (out < 0) {
		bc->path[0] = '\0';
		return sc_fail(err, errno == ENOSPC ? SC_ERR_FULL : SC_ERR_IO,
			       "cannot make a private copy of a bundle: %s", strerror(errno));
	}
	crypto_sign_init(&bc->sign);
	bc->size = len;
	rc = bundle_pass(fd, mem, len, &bc->sign, out);
	if (rc == -2) {
		int e = errno;
		close(out);
		bundle_unstage(bc);
		return sc_fail(err, e == ENOSPC ? SC_ERR_FULL : SC_ERR_IO,
			       "cannot make a private copy of a bundle: %s", strerror(e));
	}
	close(out);
	if (rc == -1) { /* rewritten while we read: as incomplete */
		bundle_unstage(bc);
		bc->incomplete = 1;
		snprintf(why, whysz, _("incomplete: the file shrank while it was read (still being copied?)"));
	}
	return SC_OK;
}

/* Does the signature hold for the copy? prehashed: Ed25519ph over the
 * hash made while copying. Else a plain Ed25519 signature (written by
 * versions before 2026-12), which signs the message whole: the copy is
 * mapped (file pages the kernel can drop, not the heap). */
static int bundle_verify(struct bundle_copy *bc, int prehashed, const unsigned char *sg,
			 const unsigned char *pk)
{
	if (prehashed)
		return crypto_sign_final_verify(&bc->sign, sg, pk) == 0;
	int fd = open(bc->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), ok = 0;
	void *m = fd < 0 ? MAP_FAILED : mmap(NULL, bc->size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m != MAP_FAILED) {
		ok = crypto_sign_verify_detached(sg, m, bc->size, pk) == 0;
		munmap(m, bc->size);
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

/* Check and (unless own) merge one bundle, staged as a private copy
 * (bundle_stage). own: this device's bundle being adopted after it was
 * written (OWN_ADOPT), or one adopted before this program was installed,
 * whose records go again when peers no longer read its format
 * (OWN_RECHECK). */
enum { OWN_ADOPT = 1, OWN_RECHECK = 2 };

static int import_mem(struct db *db, const char *device, long seq, const char *me,
		      struct bundle_copy *bc, const char *sig, size_t siglen, int own,
		      struct sync_item *it, struct sc_err *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sg[crypto_sign_BYTES];
	char buf[300], content[SEAL_HEX], why[300] = "";
	struct device_peer peer;
	int64_t records = 0;
	int rc, attached = 0, bad, prehashed = 0, format, schema;

	/* 1. the file as bytes: complete (staged), signed by a trusted key */
	if (own) {
		struct device_self self;
		if ((rc = device_self(db, &self, err)))
			return rc;
		memcpy(pk, self.pk, sizeof pk);
		sodium_memzero(&self, sizeof self);
	} else {
		rc = device_peer_get(db, device, &peer, err);
		if (rc == SC_ERR_NOTFOUND) {
			/* the key for the message, read from unverified bytes:
			 * printed only when it is a key's hex (device_unhex) */
			char hint[80] = "";
			if (attach_file(db, bc->path, err) == SC_OK) {
				if (manifest_get(db, "pubkey", buf, sizeof buf) == 0 &&
				    device_unhex(buf, pk, sizeof pk) == 0)
					snprintf(hint, sizeof hint, " %s", buf);
				detach(db);
			}
			item_set(it, SYNC_QUARANTINED, "unknown device %s (to accept it: stallcheck device"
				 " trust %s%s --role inspector|supervisor)", device, device,
				 hint[0] ? hint : " PUBKEY");
			return SC_OK;
		}
		if (rc)
			return rc;
		if (peer.revoked_at[0]) {
			item_set(it, SYNC_QUARANTINED, "revoked device %s (revoked %s)", device, peer.revoked_at);
			return SC_OK;
		}
		if (device_unhex(peer.pk_hex, pk, sizeof pk)) {
			item_set(it, SYNC_QUARANTINED, "the trusted key of %s is malformed", device);
			return SC_OK;
		}
	}
	if (!sig) { /* a file-sync engine may bring the bundle before its .sig */
		item_set(it, SYNC_WAITING, "waiting for its signature %06ld.sig (still being copied?)", seq);
		return SC_OK;
	}
	{
		char hex[2 * crypto_sign_BYTES + 1];
		size_t n = siglen;
		while (n && (sig[n - 1] == '\n' || sig[n - 1] == '\r'))
			n--;
		if (n > strlen(SIG_PH) && memcmp(sig, SIG_PH, strlen(SIG_PH)) == 0) {
			prehashed = 1;
			sig += strlen(SIG_PH);
			n -= strlen(SIG_PH);
		}
		if (n != 2 * crypto_sign_BYTES) {
			item_set(it, SYNC_QUARANTINED, "unsigned: the signature file is malformed");
			return SC_OK;
		}
		memcpy(hex, sig, n);
		hex[n] = '\0';
		if (device_unhex(hex, sg, sizeof sg)) {
			item_set(it, SYNC_QUARANTINED, "unsigned: the signature file is malformed");
			return SC_OK;
		}
	}
	if (!bundle_verify(bc, prehashed, sg, pk)) {
		item_set(it, SYNC_QUARANTINED, "tampered: the signature does not match (changed in transit,"
			 " or signed by another key than the one trusted for %s)", device);
		return SC_OK;
	}
	/* 2. inside: manifest, shape, content hash */
	if ((rc = attach_file(db, bc->path, err))) {
		item_set(it, SYNC_QUARANTINED, "corrupt: %s", err->msg);
		return SC_OK;
	}
	attached = 1;
	if (manifest_get(db, "format", buf, sizeof buf)) {
		snprintf(why, sizeof why, _("corrupt: no manifest"));
		goto quarantine;
	}
	/* the format decides what is read (the signature covers it: nobody
	 * but the signer can make a bundle claim an older or newer one) */
	if ((format = bundle_format(db, buf, &schema)) < 0) {
		snprintf(why, sizeof why, _("malformed: the manifest's format '%.20s' is not a number"), buf);
		goto quarantine;
	}
	/* where it lies must be where its signer put it before anything of it
	 * is kept: a signed bundle copied under a higher number would else
	 * pin the peer's format to an old one for good */
	if (manifest_get(db, "device", buf, sizeof buf) || strcmp(buf, device)) {
		snprintf(why, sizeof why, _("misplaced: written by device %.40s but found under %s"), buf, device);
		goto quarantine;
	}
	if (manifest_get(db, "seq", buf, sizeof buf) || atol(buf) != seq) {
		snprintf(why, sizeof why, _("misplaced: manifest says sequence %.20s, file name %06ld"), buf, seq);
		goto quarantine;
	}
	if (!own && (rc = note_format(db, device, seq, format, schema, err)))
		goto fail;
	if (own == OWN_RECHECK) {
		rc = format < SYNC_FORMAT_MIN ? resend(db, err) : SC_OK;
		detach(db);
		if (rc == SC_OK && format < SYNC_FORMAT_MIN)
			item_set(it, SYNC_ALREADY, "format %d: its records are sent again", format);
		else if (rc == SC_OK)
			item_set(it, SYNC_ALREADY, "format %d", format);
		return rc;
	}
	if (!own && format < SYNC_FORMAT_MIN && records_here(db)) {
		if (manifest_get(db, "content_sha256", content, sizeof content))
			content[0] = '\0';
		detach(db);
		item_set(it, SYNC_ALREADY, "older bundle format %d: its records came again in a later bundle",
			 format);
		return settle(db, device, seq, content, it->file, err);
	}
	if (format > SYNC_FORMAT || format < SYNC_FORMAT_MIN) {
		format_reason(why, sizeof why, device, seq, format);
		it->retry = !own && format < SYNC_FORMAT_MIN; /* its records may come later */
		goto quarantine;
	}
	if (check_shape(db, why, sizeof why))
		goto quarantine;
	if ((rc = content_hash(db, content, err))) {
		snprintf(why, sizeof why, _("corrupt: %s"), err->msg);
		goto quarantine;
	}
	if (manifest_get(db, "content_sha256", buf, sizeof buf) || strcmp(buf, content)) {
		snprintf(why, sizeof why, _("tampered: the content does not match the manifest"));
		goto quarantine;
	}
	if ((rc = bundle_records(db, err, &records))) {
		snprintf(why, sizeof why, _("corrupt: %s"), err->msg);
		goto quarantine;
	}
	it->records = (int)records;
	if (own) {
		/* adopt: mark what this device sent */
		if ((rc = db_begin(db, err)) == SC_OK) {
			rc = mark_seen(db, device, seq, "out", content, records, err);
			if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
				rc = err->code;
		}
		detach(db);
		if (rc == SC_OK)
			item_set(it, SYNC_EXPORTED, "written");
		return rc;
	}
	/* 3. values this program knows, references and seals */
	if ((rc = check_verdicts(db, why, sizeof why, err))) {
		snprintf(why, sizeof why, _("corrupt: %s"), err->msg);
		goto quarantine;
	}
	if (why[0])
		goto quarantine;
	if ((rc = missing_refs(db, buf, sizeof buf, &bad, err))) {
		snprintf(why, sizeof why, _("corrupt: %s"), err->msg);
		goto quarantine;
	}
	if (buf[0]) {
		detach(db);
		if (bad) {
			item_set(it, SYNC_QUARANTINED, "malformed: %s", buf);
			return SC_OK;
		}
		item_set(it, SYNC_WAITING, "waiting for %s (from a bundle not received yet)", buf);
		return SC_OK;
	}
	bad = 0;
	if ((rc = check_templates(db, why, sizeof why, err)) ||
	    (!why[0] && (rc = check_grades(db, why, sizeof why, err))) ||
	    (!why[0] && (rc = check_authority(db, device, peer.role == ROLE_SUPERVISOR, why, sizeof why,
					      &bad, err)))) {
		snprintf(why, sizeof why, _("corrupt: %s"), err->msg);
		goto quarantine;
	}
	if (bad) {
		detach(db);
		item_set(it, SYNC_WAITING, "waiting for %s (from a bundle not received yet)", why);
		return SC_OK;
	}
	if (why[0])
		goto quarantine;
	if ((rc = check_seals(db, why, sizeof why, err)) ||
	    (!why[0] && (rc = check_heads(db, me, why, sizeof why, err))) ||
	    (!why[0] && (rc = photo_bundle_check(db, why, sizeof why, err))) ||
	    (!why[0] && (rc = rowsig_check_bundle(db, me, why, sizeof why, err)))) {
		snprintf(why, sizeof why, _("corrupt: %s"), err->msg);
		goto quarantine;
	}
	if (why[0])
		goto quarantine;
	/* 4. merge, one transaction */
	rc = merge(db, device, seq, content, records, it, err);
	detach(db);
	attached = 0;
	if (rc == SC_OK) {
		item_set(it, SYNC_IMPORTED, "%d records", it->records);
		return SC_OK;
	}
	if (rc == SC_ERR_FULL || rc == SC_ERR_BUSY || rc == SC_ERR_READONLY || rc == SC_ERR_IO ||
	    rc == SC_ERR_NOMEM)
		return rc; /* our side failed: not the bundle's fault */
	snprintf(why, sizeof why, _("refused by the database: %s"), err->msg);
quarantine:
	if (attached)
		detach(db);
	item_set(it, SYNC_QUARANTINED, "%s", why);
	return SC_OK;
fail: /* our side failed: not the bundle's fault */
	detach(db);
	return rc;
}

/* Record the outcome of a bundle that did not import. */
static int note_trouble(struct db *db, const struct sync_item *it, struct sc_err *err)
{
	char ts[CLOCK_TS];
	if (it->outcome != SYNC_QUARANTINED && it->outcome != SYNC_WAITING)
		return SC_OK;
	clock_stamp(ts);
	return db_run(db, err,
		      "INSERT INTO sync_quarantine(file, state, reason, first_at, last_at) VALUES (?, ?, ?, ?, ?)"
		      " ON CONFLICT (file) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
		      " last_at = excluded.last_at, resolved_at = NULL",
		      "ttttt", it->file, it->outcome == SYNC_WAITING ? "waiting" : "quarantined", it->reason,
		      ts, ts);
}

/* The checks before a bundle is read at all, then its private copy (from
 * fd, or mem when fd < 0, len bytes) checked and merged by import_mem. */
static int import_bundle(struct db *db, const char *device, long seq, int fd,
			 const unsigned char *mem, size_t len, const char *sig, size_t siglen, int own,
			 struct sync_item *it, struct sc_err *err)
{
	struct bundle_copy bc;
	char me[UUID_STR], why[300] = "";
	int64_t have = 0;
	int rc;

	if (!it->file[0])
		snprintf(it->file, sizeof it->file, "%.40s/%06ld.bundle", device, seq);
	it->outcome = 0;
	it->reason[0] = '\0';
	if ((rc = store_device_id(db, me, err)))
		return rc;
	if (!uuid_valid(device) || seq <= 0) {
		item_set(it, SYNC_QUARANTINED, "misplaced: not under a device directory or not named NNNNNN.bundle");
		return SC_OK;
	}
	if (!own && strcmp(device, me) == 0) {
		item_set(it, SYNC_ALREADY, "this device's own bundle");
		return SC_OK;
	}
	if (own != OWN_RECHECK && (rc = db_int(db, err, &have, "SELECT count(*) FROM sync_bundle"
						 " WHERE device = ? AND seq = ?", "tI", device, (int64_t)seq)))
		return rc;
	if (have) {
		item_set(it, SYNC_ALREADY, "imported before");
		return SC_OK;
	}
	if ((rc = bundle_stage(db, fd, mem, len, &bc, why, sizeof why, err)))
		return rc;
	if (!bc.path[0]) { /* an incomplete copy waits for the rest */
		item_set(it, bc.incomplete ? SYNC_WAITING : SYNC_QUARANTINED, "%s", why);
		return SC_OK;
	}
	rc = import_mem(db, device, seq, me, &bc, sig, siglen, own, it, err);
	detach(db);
	bundle_unstage(&bc);
	return rc;
}

int sync_import_mem(struct db *db, const char *device, long seq, const unsigned char *data,
		    size_t len, const char *sig, size_t siglen, struct sync_item *it,
		    struct sc_err *err)
{
	memset(it, 0, sizeof *it);
	int rc = import_bundle(db, device, seq, -1, data, len, sig, siglen, 0, it, err);
	if (rc == SC_OK)
		rc = note_trouble(db, it, err);
	return rc;
}

/* Split ".../<device>/NNNNNN.bundle" into device and seq (0 if not so named). */
static long bundle_name(const char *path, char *device, size_t dsz)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	long seq = 0;
	device[0] = '\0';
	if (strlen(name) == 13 && strcmp(name + 6, ".bundle") == 0) {
		for (int i = 0; i < 6; i++) {
			if (name[i] < '0' || name[i] > '9')
				return 0;
			seq = seq * 10 + (name[i] - '0');
		}
	}
	if (slash) {
		const char *d = slash;
		while (d > path && d[-1] != '/')
			d--;
		snprintf(device, dsz, "%.*s", (int)(slash - d), d);
	}
	return seq;
}

static int import_path(struct db *db, const char *path, int own, struct sync_item *it,
		       struct sc_err *err)
{
	char device[64], sigpath[4200], why[300];
	unsigned char *sig = NULL;
	size_t siglen = 0;
	long seq = bundle_name(path, device, sizeof device);
	struct stat sb;
	int got, rc, fd;

	memset(it, 0, sizeof *it);
	snprintf(it->file, sizeof it->file, "%.40s/%06ld.bundle", device, seq);
	if (!own && seq > 0) { /* the common case: seen before, do not read it again */
		int64_t have = 0;
		if ((rc = db_int(db, err, &have, "SELECT count(*) FROM sync_bundle WHERE device = ?"
				 " AND seq = ?", "tI", device, (int64_t)seq)))
			return rc;
		if (have) {
			item_set(it, SYNC_ALREADY, "imported before");
			return SC_OK;
		}
	}
	if ((fd = share_open(path, &sb, why, sizeof why)) < 0) {
		item_set(it, SYNC_QUARANTINED, "%s", why[0] ? why : "unreadable: missing");
		return own ? SC_OK : note_trouble(db, it, err);
	}
	snprintf(sigpath, sizeof sigpath, "%.*s.sig", (int)(strlen(path) - 7), path);
	got = share_read(sigpath, SIG_MAX, &sig, &siglen, why, sizeof why);
	/* a refused .sig (a link, a FIFO) reads as an empty, malformed one */
	rc = import_bundle(db, device, seq, fd, NULL, (size_t)sb.st_size,
			   got > 0 ? (const char *)sig : got < 0 ? "" : NULL, siglen, own, it, err);
	close(fd);
	free(sig);
	if (rc == SC_OK && !own)
		rc = note_trouble(db, it, err);
	return rc;
}

/* ---- writing ---- */

/* This device's temporary files in its folder are named
 * ".sc-tmp-<device id>-<pid>-XXXXXX" (mkstemp): only names of that form
 * are ever removed from the share, and only by this device. */
static void temp_name(char *buf, size_t sz, const char *devdir, const char *id)
{
	snprintf(buf, sz, "%s/.sc-tmp-%s-%ld-XXXXXX", devdir, id, (long)getpid());
}

static int own_temp(const char *name, const char *id)
{
	size_t n = strlen(id);
	if (strncmp(name, ".sc-tmp-", 8) || strncmp(name + 8, id, n) || name[8 + n] != '-')
		return 0;
	const char *p = name + 9 + n, *q = p;
	while (*q >= '0' && *q <= '9')
		q++;
	return q > p && *q == '-' && strlen(q + 1) == 6;
}

/* Write this device's unsent records as bundle seq into devdir.
 * *written = 0 when there was nothing to send. */
static int export_bundle(struct db *db, const struct device_self *me, const char *devdir, long seq,
			 int *written, struct sc_err *err)
{
	char path[4200], tmp[4300], sigtmp[4300], sigpath[4200], sql[1400], content[SEAL_HEX];
	char sighex[sizeof SIG_PH + 2 * crypto_sign_BYTES + 2], ts[CLOCK_TS], why[300] = "";
	unsigned char sg[crypto_sign_BYTES];
	int64_t records = 0;
	int rc, fd;

	*written = 0;
	snprintf(path, sizeof path, "%s/%06ld.bundle", devdir, seq);
	snprintf(sigpath, sizeof sigpath, "%s/%06ld.sig", devdir, seq);
	temp_name(tmp, sizeof tmp, devdir, me->id);
	temp_name(sigtmp, sizeof sigtmp, devdir, me->id);
	detach(db);
	/* the connection may not create files: an empty file is an empty
	 * database (mkstemp: O_EXCL, never through a link) */
	fd = mkstemp(tmp);
	if (fd < 0)
		return sc_fail(err, errno == ENOSPC ? SC_ERR_FULL : SC_ERR_IO, "cannot create %s: %s", tmp,
			       strerror(errno));
	close(fd);
	if ((rc = db_run(db, err, "ATTACH DATABASE ? AS b", "t", tmp))) {
		unlink(tmp);
		return rc;
	}
	rc = db_exec(db, err, "PRAGMA b.journal_mode = OFF; PRAGMA b.synchronous = OFF;"
		     " PRAGMA b.page_size = 4096");
	if (rc == SC_OK)
		rc = db_begin(db, err);
	if (rc) {
		detach(db);
		unlink(tmp);
		return rc;
	}
	for (int i = 0; i < NBT && rc == SC_OK; i++) {
		snprintf(sql, sizeof sql, "CREATE TABLE b.%s %s", btables[i].name, btables[i].cols);
		rc = db_exec(db, err, sql);
	}
	for (int i = 0; i < NBI && rc == SC_OK; i++) {
		snprintf(sql, sizeof sql, "CREATE INDEX b.%s %s", bindexes[i][0], bindexes[i][1]);
		rc = db_exec(db, err, sql);
	}
	if (rc == SC_OK)
		rc = run_list(db, export_sql, NEXPORT, err);
	if (rc == SC_OK)
		rc = photo_bundle_export(db, err);
	if (rc == SC_OK)
		rc = bundle_records(db, err, &records);
	if (rc == SC_OK && records > 0) {
		char s[32], n[32], sv[16], fmt[16];
		clock_stamp(ts);
		snprintf(s, sizeof s, "%ld", seq);
		snprintf(n, sizeof n, "%lld", (long long)records);
		snprintf(sv, sizeof sv, "%d", db_schema_version());
		snprintf(fmt, sizeof fmt, "%d", SYNC_FORMAT);
		rc = content_hash(db, content, err);
		const char *kv[][2] = {
			{ "format", fmt }, { "device", me->id }, { "seq", s }, { "schema", sv },
			{ "created_at", ts }, { "pubkey", me->pk_hex }, { "records", n },
			{ "content_sha256", content },
		};
		for (size_t i = 0; i < sizeof kv / sizeof kv[0] && rc == SC_OK; i++)
			rc = db_run(db, err, "INSERT INTO b.manifest(key, value) VALUES (?, ?)", "tt",
				    kv[i][0], kv[i][1]);
		/* the signed chain heads this device holds, its own signed now
		 * (the receivers check their copies against them) */
		if (rc == SC_OK)
			rc = seal_sign_head(db, 1, err);
		if (rc == SC_OK)
			rc = db_run(db, err, "INSERT INTO b.manifest(key, value) SELECT 'head ' || device,"
				    " seal || ' ' || sig FROM (SELECT device, seal, sig, max(at) FROM seal_head"
				    " GROUP BY device)", NULL);
	}
	/* nothing of b needs rolling back: the file is ours until renamed */
	if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
		rc = err->code;
	detach(db);
	if (rc || records == 0) {
		unlink(tmp);
		return rc;
	}
	/* sign the bytes (Ed25519ph: read in chunks, as a reader hashes them),
	 * write the signature, then make the bundle visible */
	{
		crypto_sign_state st;
		struct stat sb;
		fd = share_open(tmp, &sb, why, sizeof why);
		crypto_sign_init(&st);
		rc = fd < 0 || bundle_pass(fd, NULL, (size_t)sb.st_size, &st, -1) ? SC_ERR_IO : SC_OK;
		if (fd >= 0)
			close(fd);
		if (rc) {
			unlink(tmp);
			return sc_fail(err, SC_ERR_IO, "the bundle just written cannot be read: %s",
				       why[0] ? why : strerror(errno));
		}
		crypto_sign_final_create(&st, sg, NULL, me->sk);
	}
	memcpy(sighex, SIG_PH, strlen(SIG_PH));
	device_hex(sg, sizeof sg, sighex + strlen(SIG_PH));
	strcat(sighex, "\n");
	if ((rc = fs_write_atomic_via(sigpath, sigtmp, sighex, strlen(sighex), 0644, err))) {
		unlink(tmp);
		return rc;
	}
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0 || fchmod(fd, 0644) < 0) {
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return sc_fail(err, SC_ERR_IO, "cannot sync %s: %s", tmp, strerror(errno));
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		return sc_fail(err, e == ENOSPC ? SC_ERR_FULL : SC_ERR_IO, "cannot rename to %s: %s", path,
			       strerror(e));
	}
	fd = open(devdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	*written = 1;
	return SC_OK;
}

struct entry {
	char path[4200];
	char device[64];
	long seq;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->device, y->device);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Bundles of one device directory (or of all but skip). */
static int list_bundles(const char *dir, const char *only, const char *skip, struct entry **out,
			int *n, struct sc_err *err)
{
	DIR *top = opendir(dir), *sub;
	struct dirent *d, *f;
	int cap = 0;
	*out = NULL;
	*n = 0;
	if (!top)
		return sc_fail(err, SC_ERR_IO, "cannot read the sync folder %s: %s", dir, strerror(errno));
	while ((d = readdir(top))) {
		char sd[4200];
		if (!uuid_valid(d->d_name) || (only && strcmp(d->d_name, only)) ||
		    (skip && strcmp(d->d_name, skip) == 0))
			continue;
		snprintf(sd, sizeof sd, "%s/%s", dir, d->d_name);
		if (!(sub = opendir(sd)))
			continue;
		while ((f = readdir(sub))) {
			char dev[64];
			struct entry e;
			snprintf(e.path, sizeof e.path, "%s/%s", sd, f->d_name);
			e.seq = bundle_name(e.path, dev, sizeof dev);
			if (e.seq <= 0)
				continue;
			snprintf(e.device, sizeof e.device, "%s", d->d_name);
			if (*n == cap) {
				cap = cap ? cap * 2 : 32;
				struct entry *q = realloc(*out, sizeof *q * (size_t)cap);
				if (!q) {
					closedir(sub);
					closedir(top);
					free(*out);
					*out = NULL;
					*n = 0;
					return sc_fail(err, SC_ERR_NOMEM, "out of memory");
				}
				*out = q;
			}
			(*out)[(*n)++] = e;
		}
		closedir(sub);
	}
	closedir(top);
	if (*n)
		qsort(*out, (size_t)*n, sizeof **out, entry_cmp);
	return SC_OK;
}

/* Remove the temporary files a killed sync of this device left behind
 * (the sync lock keeps a running one away): regular files only. */
static void clean_temps(const char *devdir, const char *id)
{
	int dfd = open(devdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = dfd < 0 ? NULL : fdopendir(dfd);
	struct dirent *f;
	struct stat sb;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((f = readdir(d)))
		if (own_temp(f->d_name, id) && fstatat(dfd, f->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode))
			unlinkat(dfd, f->d_name, 0);
	closedir(d);
}

/* Remove the private copies of bundles (bundle_stage) that a killed sync
 * of this database left next to it: "<database>.in-XXXXXX", regular
 * files. Called under the sync lock, so none of them is in use. */
static void clean_copies(struct db *db)
{
	const char *path = db_path(db), *slash = strrchr(path, '/');
	char dir[4200], prefix[300];
	struct dirent *f;
	struct stat sb;
	int dfd;
	DIR *d;

	if (!slash)
		return;
	snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	snprintf(prefix, sizeof prefix, "%s.in-", slash + 1);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	if (!(d = fdopendir(dfd))) {
		close(dfd);
		return;
	}
	while ((f = readdir(d)))
		if (strncmp(f->d_name, prefix, strlen(prefix)) == 0 &&
		    strlen(f->d_name) == strlen(prefix) + 6 &&
		    fstatat(dfd, f->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode))
			unlinkat(dfd, f->d_name, 0);
	closedir(d);
}

/* This device's folder in the share, made when missing. Refused when it
 * is a symbolic link or not a folder: bundles written through a link, and
 * temporaries removed, would land wherever it points. */
static int share_devdir(const char *devdir, struct sc_err *err)
{
	struct stat sb;
	/* shared: readable by the accounts that carry the folder (the
	 * umask decides), like the 0644 bundles in it; the folder exists */
	if (mkdir(devdir, 0755) == 0)
		return SC_OK;
	if (errno != EEXIST || lstat(devdir, &sb) < 0)
		return sc_fail(err, errno == ENOSPC ? SC_ERR_FULL : SC_ERR_IO, "cannot create directory %s: %s",
			       devdir, strerror(errno));
	if (S_ISLNK(sb.st_mode))
		return sc_fail(err, SC_ERR_IO, "%s is a symbolic link: sync follows no link in the share"
			       " (remove the link; sync makes this device's folder itself)", devdir);
	if (!S_ISDIR(sb.st_mode))
		return sc_fail(err, SC_ERR_IO, "%s is not a folder (move it away; sync makes this device's"
			       " folder itself)", devdir);
	return SC_OK;
}

/* The first bundle number after seq that is free: a .bundle name taken by
 * anything is skipped, never replaced. A .sig alone is the orphan of a
 * killed sync and is replaced when it is a regular file (a rename cannot
 * replace a folder). 0 when no number is left. */
static long next_seq(const char *devdir, long seq)
{
	struct stat sb;
	char p[4300];
	while (++seq <= 999999) {
		snprintf(p, sizeof p, "%s/%06ld.bundle", devdir, seq);
		if (lstat(p, &sb) == 0)
			continue;
		snprintf(p, sizeof p, "%s/%06ld.sig", devdir, seq);
		if (lstat(p, &sb) < 0 || S_ISREG(sb.st_mode))
			return seq;
	}
	return 0;
}

static void tally(struct sync_result *res, const struct sync_item *it)
{
	switch (it->outcome) {
	case SYNC_EXPORTED: res->exported++; res->records_out += it->records; break;
	case SYNC_IMPORTED: res->imported++; res->records_in += it->records; break;
	case SYNC_ALREADY: res->already++; break;
	case SYNC_QUARANTINED: res->quarantined++; break;
	case SYNC_WAITING: res->waiting++; break;
	default: break;
	}
	res->conflicts += it->conflicts;
}

int sync_run(struct db *db, const char *dir, sync_progress_fn progress, void *ctx,
	     struct sync_result *res, struct sc_err *err)
{
	struct device_self me;
	struct entry *ent = NULL;
	struct sync_item it;
	char devdir[4200], lockpath[4200], ts[CLOCK_TS];
	int n = 0, rc, lockfd, written = 0, done = 0;
	long seq = 0;
	int64_t last = 0, recheck = 0, cache = -2000;
	struct sc_err xerr;
	int xrc;

	memset(res, 0, sizeof *res);
	/* never made here: a missing folder is an unmounted stick or share,
	 * and bundles written to the local disk in its place go nowhere */
	struct stat sb;
	if (stat(dir, &sb) < 0)
		return sc_fail(err, errno == ENOENT ? SC_ERR_NOTFOUND : SC_ERR_IO,
			       "sync folder %s: %s%s", dir, strerror(errno),
			       errno == ENOENT ? _(" (is the drive or network share mounted?)") : "");
	if (!S_ISDIR(sb.st_mode))
		return sc_fail(err, SC_ERR_INVALID, "sync folder %s is not a directory", dir);
	snprintf(lockpath, sizeof lockpath, "%s.sync-lock", db_path(db));
	lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lockfd < 0)
		return sc_fail(err, SC_ERR_IO, "%s: %s", lockpath, strerror(errno));
	if (flock(lockfd, LOCK_EX | LOCK_NB) < 0) {
		close(lockfd);
		return sc_fail(err, SC_ERR_BUSY, "another sync of this database is running");
	}
	/* a bigger page cache while merging a bundle's many index entries
	 * (within the 64 MB the program allows itself) */
	{
		struct sc_err e;
		db_int(db, &e, &cache, "PRAGMA cache_size", NULL);
		db_exec(db, &e, "PRAGMA cache_size = -24576");
	}
	if ((rc = device_self(db, &me, err)))
		goto out;
	clean_copies(db);
	snprintf(devdir, sizeof devdir, "%s/%s", dir, me.id);
	/* writing may fail on the folder's side (read-only stick, full disk,
	 * a link in its place): then still import, and report it at the end */
	xrc = share_devdir(devdir, &xerr);
	if (xrc == SC_OK)
		clean_temps(devdir, me.id);

	/* 1. adopt own bundles a killed sync wrote but did not record; once
	 * after an update, look again at those written before it (v15) */
	if ((rc = db_int(db, err, &last, "SELECT coalesce(max(seq), 0) FROM sync_bundle"
			 " WHERE device = ? AND dir = 'out'", "t", me.id)) ||
	    (rc = db_int(db, err, &recheck, "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta"
			 " WHERE key = 'sync_recheck_upto'), 0)", NULL)))
		goto out;
	if (xrc == SC_OK)
		xrc = list_bundles(dir, me.id, NULL, &ent, &n, &xerr);
	seq = (long)last;
	for (int i = 0; xrc == SC_OK && i < n && rc == SC_OK; i++) {
		char why[sizeof it.reason];
		int own = ent[i].seq > last ? OWN_ADOPT : ent[i].seq <= recheck ? OWN_RECHECK : 0;
		if (!own || (rc = import_path(db, ent[i].path, own, &it, err)) || own == OWN_RECHECK)
			continue;
		if (it.outcome == SYNC_EXPORTED) {
			seq = ent[i].seq > seq ? ent[i].seq : seq;
			continue;
		}
		/* a file this device did not write: it cannot wedge the numbering */
		snprintf(why, sizeof why, "%s", it.reason);
		item_set(&it, SYNC_QUARANTINED, "not a bundle of this device, skipped (%s)", why);
		tally(res, &it);
		if (progress)
			progress(&it, 0, 0, ctx);
	}
	free(ent);
	ent = NULL;
	if (rc == SC_OK && xrc == SC_OK && recheck)
		rc = db_exec(db, err, "DELETE FROM meta WHERE key = 'sync_recheck_upto'");
	if (rc)
		goto out;

	/* 2. export */
	if (xrc == SC_OK && !(seq = next_seq(devdir, seq)))
		xrc = sc_fail(&xerr, SC_ERR_IO, "%s: every bundle number is taken", devdir);
	if (xrc == SC_OK)
		xrc = export_bundle(db, &me, devdir, seq, &written, &xerr);
	if (xrc == SC_OK && written) {
		char path[4300];
		snprintf(path, sizeof path, "%s/%06ld.bundle", devdir, seq);
		if ((rc = import_path(db, path, 1, &it, err)))
			goto out;
		if (it.outcome != SYNC_EXPORTED) {
			rc = sc_fail(err, SC_ERR_STATE, "the bundle just written does not read back: %s",
				     it.reason);
			goto out;
		}
		tally(res, &it);
		if (progress)
			progress(&it, 0, 0, ctx);
	}
	if (xrc && xrc != SC_ERR_IO && xrc != SC_ERR_FULL && xrc != SC_ERR_READONLY) {
		if (err) /* the database's own trouble: stop */
			*err = xerr;
		rc = xrc;
		goto out;
	}

	/* 3. import, again while anything moves (waiting bundles) */
	if ((rc = list_bundles(dir, NULL, me.id, &ent, &n, err)))
		goto out;
	{
		/* kept: the outcome of a bundle still waiting or held, from the
		 * pass in which nothing moved (reported as it is, not read again) */
		int *state = calloc((size_t)n + 1, sizeof *state), moved = 1;
		struct sync_item *kept = calloc((size_t)n + 1, sizeof *kept);
		if (!state || !kept) {
			free(state);
			free(kept);
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			goto out;
		}
		enum { HELD = -1 }; /* refused for now, settled by a later bundle perhaps */
		while (moved && rc == SC_OK) {
			moved = 0;
			for (int i = 0; i < n && rc == SC_OK; i++) {
				if (state[i] > 0 && state[i] != SYNC_WAITING)
					continue;
				rc = import_path(db, ent[i].path, 0, &it, err);
				if (rc)
					break;
				if (it.outcome == SYNC_IMPORTED)
					moved = 1;
				kept[i] = it;
				if (it.outcome == SYNC_QUARANTINED && it.retry) {
					state[i] = HELD; /* reported when no pass helps */
					continue;
				}
				if (state[i] == SYNC_WAITING && it.outcome == SYNC_WAITING)
					continue; /* reported once already */
				state[i] = it.outcome;
				if (it.outcome == SYNC_WAITING)
					continue; /* reported when no pass helps */
				done++;
				tally(res, &it);
				if (progress)
					progress(&it, done, n, ctx);
			}
		}
		for (int i = 0; i < n && rc == SC_OK; i++) {
			if (state[i] != SYNC_WAITING && state[i] != HELD)
				continue;
			done++;
			tally(res, &kept[i]);
			if (progress)
				progress(&kept[i], done, n, ctx);
		}
		free(state);
		free(kept);
	}
	if (rc)
		goto out;
	/* quarantined or waiting bundles no longer in the folder are settled */
	{
		struct sync_quarantine_rec *q = NULL;
		int nq = 0;
		if ((rc = sync_quarantine_list(db, &q, &nq, err)))
			goto out;
		clock_stamp(ts);
		for (int i = 0; i < nq && rc == SC_OK; i++) {
			char p[4300];
			snprintf(p, sizeof p, "%s/%s", dir, q[i].file);
			if (!fs_exists(p))
				rc = db_run(db, err, "UPDATE sync_quarantine SET resolved_at = ? WHERE file = ?",
					    "tt", ts, q[i].file);
		}
		free(q);
		if (rc)
			goto out;
	}
	clock_stamp(ts);
	if ((rc = db_begin(db, err)) == SC_OK) {
		rc = db_run(db, err, "INSERT INTO meta(key, value) VALUES ('last_sync', ?)"
			    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "t", ts);
		if (rc == SC_OK)
			rc = db_run(db, err, "INSERT INTO meta(key, value) VALUES ('last_sync_dir', ?)"
				    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "t", dir);
		if (db_end(db, rc == SC_OK, err) && rc == SC_OK)
			rc = err->code;
	}
	if (rc == SC_OK && xrc) {
		rc = sc_fail(err, xrc, "nothing was sent (%s); bundles of others were imported", xerr.msg);
	}
out:
	{
		struct sc_err e;
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)cache);
		db_exec(db, &e, sql);
	}
	free(ent);
	sodium_memzero(&me, sizeof me);
	flock(lockfd, LOCK_UN);
	close(lockfd);
	return rc;
}

/* ---- status and lists ---- */

int sync_folder_pending(struct db *db, const char *dir, int *n, struct sc_err *err)
{
	struct entry *ent = NULL;
	char me[UUID_STR];
	int ne = 0, rc;
	*n = 0;
	if ((rc = store_device_id(db, me, err)) || (rc = list_bundles(dir, NULL, me, &ent, &ne, err)))
		return rc;
	for (int i = 0; i < ne && rc == SC_OK; i++) {
		int64_t have = 0;
		rc = db_int(db, err, &have, "SELECT count(*) FROM sync_bundle WHERE device = ? AND seq = ?",
			    "tI", ent[i].device, (int64_t)ent[i].seq);
		*n += have == 0;
	}
	free(ent);
	return rc;
}

int sync_unsent_inspections(struct db *db, int *n, char last_sync[CLOCK_TS], struct sc_err *err)
{
	int rc = SC_OK;
	/* the count of UNSENT_INSPECTION, kept by the v13 triggers (schema.c):
	 * one row read, however many records the database holds */
	*n = (int)count_of(db, "SELECT n FROM sync_unsent", err, &rc);
	last_sync[0] = 0;
	if (rc == SC_OK) {
		struct sc_err e;
		db_text(db, &e, last_sync, CLOCK_TS, "SELECT value FROM meta WHERE key = 'last_sync'", NULL);
	}
	return rc;
}

int sync_status(struct db *db, struct sync_status *s, struct sc_err *err)
{
	int rc = SC_OK;
	memset(s, 0, sizeof *s);
	s->unsent_registry = (int)(count_of(db, "SELECT count(*) FROM market m WHERE " UNSENT_MARKET, err, &rc) +
				   count_of(db, "SELECT count(*) FROM stall st WHERE " UNSENT_STALL, err, &rc));
	s->unsent_templates = (int)count_of(db, "SELECT count(*) FROM template t WHERE " UNSENT_TEMPLATE,
					    err, &rc);
	if (rc == SC_OK)
		rc = sync_unsent_inspections(db, &s->unsent_inspections, s->last_sync, err);
	s->unsent_reviews = (int)count_of(db, "SELECT count(*) FROM review r WHERE " UNSENT_REVIEW, err, &rc);
	s->unsent_rectifications = (int)(count_of(db, "SELECT count(*) FROM rectification x WHERE "
						  UNSENT_RECT, err, &rc) +
					 count_of(db, "SELECT count(*) FROM rect_event e WHERE " UNSENT_EVENT,
						  err, &rc));
	s->unsent_total = s->unsent_registry + s->unsent_templates + s->unsent_inspections +
			  s->unsent_reviews + s->unsent_rectifications;
	s->bundles_out = (int)count_of(db, "SELECT count(*) FROM sync_bundle WHERE dir = 'out'", err, &rc);
	s->bundles_in = (int)count_of(db, "SELECT count(*) FROM sync_bundle WHERE dir = 'in'", err, &rc);
	s->quarantined = (int)count_of(db, "SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL"
				       " AND state = 'quarantined'", err, &rc);
	s->waiting = (int)count_of(db, "SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL"
				   " AND state = 'waiting'", err, &rc);
	s->conflicts = (int)count_of(db, "SELECT count(*) FROM sync_conflict", err, &rc);
	if (rc)
		return rc;
	struct sc_err e;
	db_text(db, &e, s->last_dir, sizeof s->last_dir,
		"SELECT value FROM meta WHERE key = 'last_sync_dir'", NULL);
	return SC_OK;
}

static void conflict_row(sqlite3_stmt *st, void *elem)
{
	struct sync_conflict_rec *c = elem;
	snprintf(c->kind, sizeof c->kind, "%s", db_col_text(st, 0));
	snprintf(c->uuid, sizeof c->uuid, "%s", db_col_text(st, 1));
	snprintf(c->device, sizeof c->device, "%s", db_col_text(st, 2));
	c->seq = (long)sqlite3_column_int64(st, 3);
	snprintf(c->local_seal, sizeof c->local_seal, "%s", db_col_text(st, 4));
	snprintf(c->remote_seal, sizeof c->remote_seal, "%s", db_col_text(st, 5));
	snprintf(c->at, sizeof c->at, "%s", db_col_text(st, 6));
}

int sync_conflict_list(struct db *db, struct sync_conflict_rec **out, int *n, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT kind, uuid, device, seq, local_seal, remote_seal, at"
				" FROM sync_conflict ORDER BY at, uuid", NULL);
	void *v;
	int rc = db_collect(db, st, sizeof **out, conflict_row, &v, n, err);
	*out = v;
	return rc;
}

static void quarantine_row(sqlite3_stmt *st, void *elem)
{
	struct sync_quarantine_rec *q = elem;
	snprintf(q->file, sizeof q->file, "%s", db_col_text(st, 0));
	snprintf(q->state, sizeof q->state, "%s", db_col_text(st, 1));
	snprintf(q->reason, sizeof q->reason, "%s", db_col_text(st, 2));
	snprintf(q->last_at, sizeof q->last_at, "%s", db_col_text(st, 3));
}

int sync_quarantine_list(struct db *db, struct sync_quarantine_rec **out, int *n,
			 struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT file, state, reason, last_at FROM sync_quarantine"
				" WHERE resolved_at IS NULL ORDER BY file", NULL);
	void *v;
	int rc = db_collect(db, st, sizeof **out, quarantine_row, &v, n, err);
	*out = v;
	return rc;
}

static void peer_format_row(sqlite3_stmt *st, void *elem)
{
	struct sync_peer_format_rec *p = elem;
	snprintf(p->device, sizeof p->device, "%s", db_col_text(st, 0));
	snprintf(p->role, sizeof p->role, "%s", db_col_text(st, 1));
	p->format = sqlite3_column_int(st, 2);
	p->seq = (long)sqlite3_column_int64(st, 3);
	snprintf(p->at, sizeof p->at, "%s", db_col_text(st, 4));
}

int sync_peer_formats(struct db *db, struct sync_peer_format_rec **out, int *n, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT p.device, p.role, coalesce(f.format, 0), coalesce(f.seq, 0),"
				" coalesce(f.at, '') FROM peer p LEFT JOIN sync_peer_format f ON f.device = p.device"
				" WHERE p.revoked_at IS NULL ORDER BY p.device", NULL);
	void *v;
	int rc = db_collect(db, st, sizeof **out, peer_format_row, &v, n, err);
	*out = v;
	return rc;
}

void sync_format_warning(const struct sync_peer_format_rec *p, int lang, char *buf, size_t sz)
{
	if (p->format > SYNC_FORMAT)
		snprintf(buf, sz,
			 sc_tr_lang(lang, "device %s sends bundle format %d; this stallcheck reads up to format %d:"
					  " update stallcheck on this machine (its bundles wait in the sync folder"
					  " and are imported after the update)"),
			 p->device, p->format, SYNC_FORMAT);
	else if (p->format > 0 && p->format < SYNC_FORMAT_MIN)
		snprintf(buf, sz,
			 sc_tr_lang(lang, "device %s sends bundle format %d (an older stallcheck); this stallcheck"
					  " reads format %d and later: update stallcheck on that device (it then"
					  " sends those records again)"),
			 p->device, p->format, SYNC_FORMAT_MIN);
	else
		buf[0] = '\0';
}
