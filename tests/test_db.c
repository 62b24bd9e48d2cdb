/* test_db: the SQLite layer on real files: settings at open, migrations,
 * refusal of newer schemas, errors that carry the statement. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db.h"
#include "core/fsutil.h"
#include "core/schema.h"
#include "core/sync.h"
#include "testutil.h"

/* The one integer a query returns; the query must succeed. */
static int64_t int_of(struct db *db, const char *sql)
{
	struct sc_err err;
	int64_t v = -1;
	assert_int_equal(db_int(db, &err, &v, sql, NULL), SC_OK);
	return v;
}

static void test_open_settings(void **s)
{
	(void)s;
	struct db *db;
	struct sc_err err;
	const char *p = tu_path("a.db");
	char mode[16];
	struct stat sb;

	assert_int_equal(db_open(&db, p, DB_CREATE, &err), SC_OK);
	assert_int_equal(db_text(db, &err, mode, sizeof mode, "PRAGMA journal_mode", NULL), SC_OK);
	assert_string_equal(mode, "wal");
	assert_int_equal(int_of(db, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(int_of(db, "PRAGMA foreign_keys"), 1);
	assert_true(int_of(db, "PRAGMA busy_timeout") >= 1000);
	assert_int_equal(db_user_version(db), db_schema_version());
	db_close(db);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* settings are per connection: set again at the next open, mode repaired */
	chmod(p, 0644);
	assert_int_equal(db_open(&db, p, 0, &err), SC_OK);
	assert_int_equal(int_of(db, "PRAGMA foreign_keys"), 1);
	db_close(db);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

/* bulk fill drops durability, foreign keys and triggers, and gives all back */
static void test_bulk(void **s)
{
	(void)s;
	struct db *db;
	struct sc_err err;

	assert_int_equal(db_open(&db, tu_path("bulk.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(db_exec(db, &err, "CREATE TABLE t(x INTEGER);"
				 " CREATE TABLE n(x INTEGER);"
				 " CREATE TABLE c(x INTEGER CHECK (x > 0));"
				 " CREATE TRIGGER t_guard BEFORE INSERT ON t"
				 "  BEGIN INSERT INTO n VALUES (NEW.x); END;"), SC_OK);
	assert_int_equal(db_bulk(db, 1, &err), SC_OK);
	assert_int_equal(int_of(db, "PRAGMA synchronous"), 0);
	assert_int_equal(int_of(db, "PRAGMA foreign_keys"), 0);
	assert_int_equal(int_of(db, "PRAGMA ignore_check_constraints"), 1);
	assert_int_equal(db_run(db, &err, "INSERT INTO t VALUES (1)", NULL), SC_OK);
	assert_int_equal(int_of(db, "SELECT count(*) FROM n"), 0); /* trigger off */
	assert_int_equal(db_run(db, &err, "INSERT INTO c VALUES (-1)", NULL), SC_OK); /* CHECK off */
	/* a record made meanwhile, its owner trigger off */
	assert_int_equal(db_run(db, &err, "INSERT INTO market(uuid, name, device, created_at, updated_at)"
				" VALUES ('m-bulk', 'x', 'dev-a', 't', 't')", NULL), SC_OK);
	assert_int_equal(int_of(db, "SELECT count(*) FROM uuid_owner"), 0);

	/* refused inside a transaction, where the pragmas would not take */
	assert_int_equal(db_begin(db, &err), SC_OK);
	assert_int_equal(db_bulk(db, 0, &err), SC_ERR_STATE);
	assert_int_equal(db_end(db, 1, &err), SC_OK);

	assert_int_equal(db_bulk(db, 0, &err), SC_OK);
	assert_int_equal(int_of(db, "PRAGMA synchronous"), 2);
	assert_int_equal(int_of(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(int_of(db, "PRAGMA ignore_check_constraints"), 0);
	assert_int_equal(db_run(db, &err, "INSERT INTO t VALUES (2)", NULL), SC_OK);
	assert_int_equal(int_of(db, "SELECT count(*) FROM n"), 1); /* trigger on again */
	assert_int_not_equal(db_run(db, &err, "INSERT INTO c VALUES (-2)", NULL), SC_OK);
	/* its maker bound as the trigger would have: sync refuses it from others */
	assert_int_equal(int_of(db, "SELECT count(*) FROM uuid_owner WHERE uuid = 'm-bulk'"
				" AND kind = 'market' AND device = 'dev-a'"), 1);
	db_close(db);
}

static void test_missing_file(void **s)
{
	(void)s;
	struct db *db;
	struct sc_err err;
	assert_int_equal(db_open(&db, tu_path("nope.db"), 0, &err), SC_ERR_NOTFOUND);
	assert_non_null(strstr(err.msg, "nope.db"));
}

static void test_migrate_from_each_version(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db;
	/* from an empty file, and from every earlier version (built by applying
	 * the first k migrations by hand through a raw connection) */
	for (int k = 0; k < db_schema_version(); k++) {
		char name[32];
		sqlite3 *raw;
		snprintf(name, sizeof name, "m%d.db", k);
		const char *p = tu_path(name);
		assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
		
		for (int i = 0; i < k; i++)
			assert_int_equal(sqlite3_exec(raw, schema_migrations[i], NULL, NULL, NULL), SQLITE_OK);
		char set[64];
		snprintf(set, sizeof set, "PRAGMA user_version=%d", k);
		assert_int_equal(sqlite3_exec(raw, set, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(raw);
		assert_int_equal(db_open(&db, p, 0, &err), SC_OK);
		assert_int_equal(db_user_version(db), db_schema_version());
		int64_t n;
		assert_int_equal(db_int(db, &err, &n, "SELECT count(*) FROM inspection", NULL), SC_OK);
		db_close(db);
	}
}

/* The names of the indexes and triggers in raw's schema, each between
 * newlines. */
static void schema_objects(sqlite3 *raw, char *out, size_t n)
{
	sqlite3_stmt *st;
	size_t len = (size_t)snprintf(out, n, "\n");
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT name FROM sqlite_master WHERE type IN"
					   " ('index', 'trigger') AND sql IS NOT NULL ORDER BY name",
					   -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		len += (size_t)snprintf(out + len, n - len, "%s\n", sqlite3_column_text(st, 0));
		assert_true(len < n);
	}
	sqlite3_finalize(st);
}

/* A migration that rebuilds a table (the scores migration rebuilds answer
 * for its CHECK) recreates every index and trigger the table had before
 * it, from whichever earlier migration: only what a migration drops by
 * name (DROP INDEX x) may go. */
static void test_migrations_keep_objects(void **s)
{
	(void)s;
	static char before[16384], after[16384];
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(":memory:", &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA foreign_keys=ON", NULL, NULL, NULL), SQLITE_OK);
	for (int k = 0; k < db_schema_version(); k++) {
		schema_objects(raw, before, sizeof before);
		assert_int_equal(sqlite3_exec(raw, schema_migrations[k], NULL, NULL, NULL), SQLITE_OK);
		schema_objects(raw, after, sizeof after);
		for (char *name = before + 1, *end; (end = strchr(name, '\n')); name = end + 1) {
			char nl[160], drop_i[160], drop_t[160];
			snprintf(nl, sizeof nl, "\n%.*s\n", (int)(end - name), name);
			snprintf(drop_i, sizeof drop_i, "DROP INDEX %.*s;", (int)(end - name), name);
			snprintf(drop_t, sizeof drop_t, "DROP TRIGGER %.*s;", (int)(end - name), name);
			if (!strstr(after, nl) && !strstr(schema_migrations[k], drop_i) &&
			    !strstr(schema_migrations[k], drop_t))
				fail_msg("migration %d lost %.*s", k + 1, (int)(end - name), name);
		}
	}
	sqlite3_close(raw);
}

/* A database from before the owner table (v5) learns who made each record
 * it holds from the records' device columns; rows made by hand with no
 * device bind nobody; records made afterwards are bound as they are made. */
static void test_migrate_owners(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db;
	sqlite3 *raw;
	const char *p = tu_path("owners.db");
	assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(sqlite3_exec(raw, schema_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
		"PRAGMA user_version=5;"
		"INSERT INTO market(uuid, name, device, created_at, updated_at) VALUES"
		" ('m1', 'x', 'dev-a', 't', 't'), ('m2', 'y', '', 't', 't');"
		"INSERT INTO template(hash, tpl_id, version, body, created_at) VALUES ('h', 't', '1', '', 't');"
		"INSERT INTO inspection(uuid, market_id, template_id, inspector, device, day, started_at,"
		" created_at, updated_at) VALUES ('i1', 1, 1, 'x', 'dev-b', 'd', 't', 't', 't');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(db_open(&db, p, 0, &err), SC_OK);
	char got[200];
	assert_int_equal(db_text(db, &err, got, sizeof got, "SELECT group_concat(uuid || ':' || kind || ':' || device,"
				 " ' ') FROM (SELECT * FROM uuid_owner ORDER BY uuid)", NULL), SC_OK);
	assert_string_equal(got, "i1:inspection:dev-b m1:market:dev-a");
	assert_int_equal(db_run(db, &err, "INSERT INTO market(uuid, name, device, created_at, updated_at)"
				" VALUES ('m3', 'z', 'dev-c', 't', 't')", NULL), SC_OK);
	assert_int_equal(db_text(db, &err, got, sizeof got, "SELECT device FROM uuid_owner WHERE uuid = 'm3'", NULL),
			 SC_OK);
	assert_string_equal(got, "dev-c");
	db_close(db);
}

/* A v5 database with a sealed inspection and its visit goes through every
 * later migration at once: the visit keeps its stall as the registry had
 * it (v6), the makers are bound (v7), signed heads have their table (v8),
 * and the home screen counts the unsent inspection (v10's counter, filled
 * by the migration). */
static void test_migrate_v5_chain(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db;
	sqlite3 *raw;
	const char *p = tu_path("chain5.db");
	assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(sqlite3_exec(raw, schema_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
		"PRAGMA user_version=5;"
		"INSERT INTO market(uuid, name, device, created_at, updated_at) VALUES ('m1', 'x', 'dev-a', 't', 't');"
		"INSERT INTO stall(uuid, market_id, code, vendor, type, device, created_at, updated_at)"
		" VALUES ('s1', 1, 'A-01', '张', 'veg', 'dev-a', 't', 't');"
		"INSERT INTO template(hash, tpl_id, version, body, created_at) VALUES ('h', 't', '1', '', 't');"
		"INSERT INTO inspection(uuid, market_id, template_id, inspector, device, day, started_at, status,"
		" seal, created_at, updated_at) VALUES ('i1', 1, 1, 'x', 'dev-a', 'd', 't', 'final', 'abc', 't', 't'),"
		" ('i2', 1, 1, 'x', 'dev-a', 'd', 't', 'draft', NULL, 't', 't');"
		"INSERT INTO visit(uuid, inspection_id, stall_id, seq, created_at) VALUES ('v1', 1, 1, 1, 't');"
		"INSERT INTO answer(inspection_id, item_id, verdict, earned, possible, spots, note, answered_at)"
		" VALUES (2, 'H01', 'fail', 0, 5, 2, '积水', 't');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(db_open(&db, p, 0, &err), SC_OK);
	assert_int_equal(db_user_version(db), db_schema_version());
	/* the scores migration rebuilt the answers: the row as it was, 'corrected'
	 * and 'partial' taken, the sealed-record triggers back */
	char ans[200];
	assert_int_equal(db_text(db, &err, ans, sizeof ans, "SELECT item_id || verdict || earned || possible"
				 " || spots || note FROM answer", NULL), SC_OK);
	assert_string_equal(ans, "H01fail052积水");
	assert_int_equal(db_run(db, &err, "UPDATE answer SET verdict = 'corrected'", NULL), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE answer SET verdict = 'partial'", NULL), SC_OK);
	assert_int_not_equal(db_run(db, &err, "UPDATE answer SET verdict = 'bogus'", NULL), SC_OK);
	assert_int_equal(db_run(db, &err, "UPDATE inspection SET status = 'final' WHERE id = 2", NULL), SC_OK);
	assert_int_not_equal(db_run(db, &err, "UPDATE answer SET verdict = 'pass'", NULL), SC_OK);
	assert_int_equal(int_of(db, "SELECT count(*) FROM inspection WHERE grade IS NULL"), 2);
	char got[200], last[CLOCK_TS];
	assert_int_equal(db_text(db, &err, got, sizeof got, "SELECT stall_code || '|' || stall_vendor || '|'"
				 " || stall_type FROM visit", NULL), SC_OK);
	assert_string_equal(got, "A-01|张|veg");
	assert_int_equal(int_of(db, "SELECT count(*) FROM uuid_owner WHERE device = 'dev-a'"), 4);
	assert_int_equal(int_of(db, "SELECT count(*) FROM seal_head"), 0);
	int n = -1;
	assert_int_equal(sync_unsent_inspections(db, &n, last, &err), SC_OK);
	assert_int_equal(n, 1);
	db_close(db);
}

static void test_refuse_newer(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db;
	sqlite3 *raw;
	const char *p = tu_path("newer.db");
	assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
	char set[64];
	snprintf(set, sizeof set, "PRAGMA user_version=%d", db_schema_version() + 1);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE x(a); INSERT INTO x VALUES (1);", 0, 0, 0), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, set, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	struct stat before, after;
	assert_int_equal(stat(p, &before), 0);

	assert_int_equal(db_open(&db, p, 0, &err), SC_ERR_NEWER);
	assert_non_null(strstr(err.msg, "newer"));
	/* untouched: no WAL switch, same size, version unchanged, no -wal file */
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_false(fs_exists(tu_path("newer.db-wal")));
	assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "delete");
	sqlite3_finalize(st);
	sqlite3_close(raw);
}

static void test_errors_carry_sql(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db;
	assert_int_equal(db_open(&db, tu_path("e.db"), DB_CREATE, &err), SC_OK);
	assert_int_not_equal(db_run(db, &err, "INSERT INTO no_such_table VALUES (?)", "i", 1), SC_OK);
	assert_non_null(strstr(err.msg, "no_such_table"));
	assert_non_null(strstr(err.msg, "INSERT INTO"));
	/* a constraint: market name must not be blank */
	int rc = db_run(db, &err, "INSERT INTO market(uuid, name, created_at, updated_at)"
			" VALUES ('u', '  ', 't', 't')", NULL);
	assert_int_equal(rc, SC_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "CHECK"));
	db_close(db);
}

static void test_nested_transactions(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db;
	int64_t n;
	assert_int_equal(db_open(&db, tu_path("t.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(db_begin(db, &err), SC_OK);
	assert_int_equal(db_run(db, &err, "INSERT INTO meta VALUES ('a', '1')", NULL), SC_OK);
	assert_int_equal(db_begin(db, &err), SC_OK);
	assert_int_equal(db_run(db, &err, "INSERT INTO meta VALUES ('b', '2')", NULL), SC_OK);
	assert_int_equal(db_end(db, 0, &err), SC_OK); /* inner rolled back */
	assert_int_equal(db_end(db, 1, &err), SC_OK);
	assert_int_equal(db_int(db, &err, &n, "SELECT count(*) FROM meta WHERE key IN ('a','b')", NULL), SC_OK);
	assert_int_equal(n, 1);
	/* audit is append-only */
	assert_int_equal(db_run(db, &err, "INSERT INTO audit(at, actor, action, hash) VALUES ('t','a','x','h')", NULL), SC_OK);
	assert_int_not_equal(db_run(db, &err, "DELETE FROM audit", NULL), SC_OK);
	assert_non_null(strstr(err.msg, "append-only"));
	db_close(db);
}

/* verify's chain checks look each link's record up by its seal: without
 * the index (v17) every link scanned every inspection, quadratic in a
 * year's records (30 x 365: 5.7 M page reads, 41 s). */
static void test_seal_lookup_indexed(void **s)
{
	(void)s;
	struct db *db;
	struct sc_err err;
	char plan[2048] = "";
	assert_int_equal(db_open(&db, tu_path("plan.db"), DB_CREATE, &err), SC_OK);
	sqlite3_stmt *st = db_q(db, &err, "EXPLAIN QUERY PLAN SELECT 1 FROM inspection i WHERE NOT EXISTS"
				" (SELECT 1 FROM inspection p WHERE p.seal = i.prev_seal AND p.device = i.device)", NULL);
	assert_non_null(st);
	while (db_step(db, st, &err) == 1) {
		size_t len = strlen(plan);
		snprintf(plan + len, sizeof plan - len, "%s\n", db_col_text(st, 3));
	}
	db_done(db, st);
	if (!strstr(plan, "USING INDEX inspection_seal"))
		fail_msg("the seal lookup scans:\n%s", plan);
	db_close(db);
}

/* db_read_begin: one snapshot for all its reads, while another connection
 * writes (a deferred BEGIN takes no write lock); nested, a savepoint. */
static void test_read_transaction(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *db, *w;
	int64_t n;
	assert_int_equal(db_open(&db, tu_path("r.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(db_open(&w, tu_path("r.db"), 0, &err), SC_OK);
	assert_int_equal(db_read_begin(db, &err), SC_OK);
	assert_int_equal(db_int(db, &err, &n, "SELECT count(*) FROM meta WHERE key = 'r'", NULL), SC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(db_run(w, &err, "INSERT INTO meta VALUES ('r', '1')", NULL), SC_OK);
	assert_int_equal(db_int(db, &err, &n, "SELECT count(*) FROM meta WHERE key = 'r'", NULL), SC_OK);
	assert_int_equal(n, 0); /* still its snapshot */
	assert_int_equal(db_end(db, 1, &err), SC_OK);
	assert_int_equal(db_int(db, &err, &n, "SELECT count(*) FROM meta WHERE key = 'r'", NULL), SC_OK);
	assert_int_equal(n, 1);
	/* inside a write transaction: a savepoint, the writes stay */
	assert_int_equal(db_begin(db, &err), SC_OK);
	assert_int_equal(db_run(db, &err, "INSERT INTO meta VALUES ('s', '1')", NULL), SC_OK);
	assert_int_equal(db_read_begin(db, &err), SC_OK);
	assert_int_equal(db_end(db, 1, &err), SC_OK);
	assert_int_equal(db_end(db, 1, &err), SC_OK);
	assert_int_equal(db_int(db, &err, &n, "SELECT count(*) FROM meta WHERE key = 's'", NULL), SC_OK);
	assert_int_equal(n, 1);
	db_close(w);
	db_close(db);
}

/* db_bulk's mark while another connection opens the file: that open
 * finishes the fill so far and takes the mark, but the fill goes on, so
 * its next transaction marks it again (a kill after it must still be
 * finished by the next open). */
static void test_bulk_mark_outlives_open(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *fill, *other;
	int64_t n;
	assert_int_equal(db_open(&fill, tu_path("bulk.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(db_bulk(fill, 1, &err), SC_OK);
	assert_int_equal(db_open(&other, tu_path("bulk.db"), 0, &err), SC_OK);
	assert_int_equal(db_int(other, &err, &n, "SELECT count(*) FROM meta WHERE key = 'bulk_fill'", NULL), SC_OK);
	assert_int_equal(n, 0); /* finished by the open */
	db_close(other);
	assert_int_equal(db_begin(fill, &err), SC_OK);
	assert_int_equal(db_run(fill, &err, "INSERT INTO meta VALUES ('day', '1')", NULL), SC_OK);
	assert_int_equal(db_end(fill, 1, &err), SC_OK);
	assert_int_equal(db_int(fill, &err, &n, "SELECT count(*) FROM meta WHERE key = 'bulk_fill'", NULL), SC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_bulk(fill, 0, &err), SC_OK);
	assert_int_equal(db_int(fill, &err, &n, "SELECT count(*) FROM meta WHERE key = 'bulk_fill'", NULL), SC_OK);
	assert_int_equal(n, 0);
	db_close(fill);
}

/* An open while the fill holds the write lock (a demo's day, back to
 * back with the next) cannot finish it: the open still succeeds, the
 * mark stays for a later one. Waits out the busy timeout (5 s). */
static void test_bulk_open_while_filling(void **s)
{
	(void)s;
	struct sc_err err;
	struct db *fill, *other;
	int64_t n;
	assert_int_equal(db_open(&fill, tu_path("busy.db"), DB_CREATE, &err), SC_OK);
	assert_int_equal(db_bulk(fill, 1, &err), SC_OK);
	assert_int_equal(db_begin(fill, &err), SC_OK);
	if (db_open(&other, tu_path("busy.db"), 0, &err) != SC_OK)
		fail_msg("open during a fill: %s", err.msg);
	assert_int_equal(db_end(fill, 1, &err), SC_OK);
	assert_int_equal(db_int(other, &err, &n, "SELECT count(*) FROM meta WHERE key = 'bulk_fill'", NULL), SC_OK);
	assert_int_equal(n, 1);
	db_close(other);
	assert_int_equal(db_bulk(fill, 0, &err), SC_OK);
	db_close(fill);
}

static int cleanup(void **s) { (void)s; tu_cleanup(); return 0; }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_settings),
		cmocka_unit_test(test_bulk),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_migrate_from_each_version),
		cmocka_unit_test(test_migrations_keep_objects),
		cmocka_unit_test(test_migrate_owners),
		cmocka_unit_test(test_migrate_v5_chain),
		cmocka_unit_test(test_refuse_newer),
		cmocka_unit_test(test_errors_carry_sql),
		cmocka_unit_test(test_nested_transactions),
		cmocka_unit_test(test_read_transaction),
		cmocka_unit_test(test_seal_lookup_indexed),
		cmocka_unit_test(test_bulk_mark_outlives_open),
		cmocka_unit_test(test_bulk_open_while_filling),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, cleanup);
}
