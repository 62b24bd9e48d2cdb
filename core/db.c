/* db: SQLite with WAL, synchronous=FULL, foreign keys, a busy timeout and
 * mode 0600 set at every open; versioned migrations; cached statements. */
#include "db.h"
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DB_CACHE_MAX 128
#define DB_BUSY_MS 5000

struct db_cached {
	char *sql;           /* our own copy: callers may build SQL on the stack */
	const char *seen;    /* the caller's text it was last found by */
	uint32_t hash;
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *h;
	char *path;
	int depth;           /* transaction nesting */
	int bulk;            /* db_bulk on */
	int ncache;
	struct db_cached cache[DB_CACHE_MAX];
};

static int code_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL: return SC_ERR_FULL;
	case SQLITE_READONLY: case SQLITE_CANTOPEN: case SQLITE_PERM: return SC_ERR_READONLY;
	case SQLITE_BUSY: case SQLITE_LOCKED: return SC_ERR_BUSY;
	case SQLITE_CONSTRAINT: return SC_ERR_CONFLICT;
	case SQLITE_NOMEM: return SC_ERR_NOMEM;
	case SQLITE_IOERR: return SC_ERR_IO;
	case SQLITE_CORRUPT: case SQLITE_NOTADB: return SC_ERR_CORRUPT;
	default: return SC_ERR_DB;
	}
}

int db_fail(struct db *db, struct sc_err *err, const char *sql)
{
	int rc = sqlite3_extended_errcode(db->h);
	char one[160];
	size_t n = 0;

	/* the statement on one line, cut: enough to find it in the source */
	for (const char *p = sql ? sql : ""; *p && n < sizeof one - 4; p++) {
		char c = (*p == '\n' || *p == '\t') ? ' ' : *p;
		if (c == ' ' && n > 0 && one[n - 1] == ' ')
			continue;
		one[n++] = c;
	}
	if (sql && strlen(sql) > n)
		memcpy(one + n, "...", 3), n += 3;
	one[n] = '\0';
	const char *msg = sqlite3_errmsg(db->h), *gen = sqlite3_errstr(rc);
	if (strcmp(msg, gen) == 0) /* "database or disk is full (database or disk is full)" */
		return sc_fail(err, code_of(rc), "%s in: %s", msg, one);
	return sc_fail(err, code_of(rc), "%s (%s) in: %s", msg, gen, one);
}

sqlite3 *db_handle(struct db *db) { return db->h; }
const char *db_path(const struct db *db) { return db->path; }
int db_schema_version(void) { return schema_migration_count; }
int64_t db_last_id(struct db *db) { return sqlite3_last_insert_rowid(db->h); }
int db_changes(struct db *db) { return sqlite3_changes(db->h); }

const char *db_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

static uint32_t sql_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static sqlite3_stmt *cache_get(struct db *db, const char *sql, int *cached)
{
	sqlite3_stmt *st = NULL;
	uint32_t h = 0;
	int found = 0, i = 0;

	*cached = 0;
	/* most SQL is a literal asked for again and again: found by its address
	 * (the text still compared, a stack buffer may hold other SQL) before
	 * hashing it */
	while (i < db->ncache && !(db->cache[i].seen == sql && strcmp(db->cache[i].sql, sql) == 0))
		i++;
	if (i == db->ncache) {
		h = sql_hash(sql);
		for (i = 0; i < db->ncache && !(db->cache[i].hash == h && strcmp(db->cache[i].sql, sql) == 0); i++)
			;
	}
	if (i < db->ncache) {
		db->cache[i].seen = sql;
		if (!sqlite3_stmt_busy(db->cache[i].st)) {
			*cached = 1;
			return db->cache[i].st;
		}
		found = 1; /* in use by an outer loop: prepare a fresh one */
	}
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (!found && db->ncache < DB_CACHE_MAX) {
		char *copy = strdup(sql);
		if (copy) {
			db->cache[db->ncache].sql = copy;
			db->cache[db->ncache].seen = sql;
			db->cache[db->ncache].hash = h;
			db->cache[db->ncache].st = st;
			db->ncache++;
			*cached = 1;
		}
	}
	return st;
}

void db_done(struct db *db, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

int db_collect(struct db *db, sqlite3_stmt *st, size_t size, db_row_fn row, void **out, int *n,
	       struct sc_err *err)
{
	char *arr = NULL;
	int cap = 0, r;
	*out = NULL;
	*n = 0;
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char *p = realloc(arr, size * (size_t)cap);
			if (!p) {
				r = -1;
				sc_fail(err, SC_ERR_NOMEM, "out of memory");
				break;
			}
			arr = p;
		}
		char *e = arr + size * (size_t)(*n)++;
		memset(e, 0, size);
		row(st, e);
	}
	db_done(db, st);
	if (r < 0) {
		free(arr);
		*n = 0;
		return err->code;
	}
	*out = arr;
	return SC_OK;
}

/* points: none (< 0) NULL, whole ones as integers, as they were before
 * decimals */
int db_points_type(double v)
{
	return v < 0 ? SQLITE_NULL : v == (double)(sqlite3_int64)v ? SQLITE_INTEGER : SQLITE_FLOAT;
}

/* Prepare and bind. Texts and blobs are copied (SQLITE_TRANSIENT) when the
 * statement goes back to the caller (db_q); the helpers that step and
 * reset before they return bind them in place (SQLITE_STATIC). */
static sqlite3_stmt *vq(struct db *db, struct sc_err *err, const char *sql,
			sqlite3_destructor_type keep, const char *fmt, va_list ap)
{
	int cached, rc = SQLITE_OK;
	sqlite3_stmt *st = cache_get(db, sql, &cached);

	if (!st) {
		db_fail(db, err, sql);
		return NULL;
	}
	for (int i = 0; fmt && fmt[i] && rc == SQLITE_OK; i++) {
		int col = i + 1;
		switch (fmt[i]) {
		case 'i': rc = sqlite3_bind_int(st, col, va_arg(ap, int)); break;
		case 'I': rc = sqlite3_bind_int64(st, col, va_arg(ap, int64_t)); break;
		case 'd': rc = sqlite3_bind_double(st, col, va_arg(ap, double)); break;
		case 't': {
			const char *t = va_arg(ap, const char *);
			rc = t ? sqlite3_bind_text(st, col, t, -1, keep)
			       : sqlite3_bind_null(st, col);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			int n = va_arg(ap, int);
			rc = sqlite3_bind_blob(st, col, p, n, keep);
			break;
		}
		case 'n': rc = sqlite3_bind_null(st, col); break;
		case 'z': {
			int v = va_arg(ap, int);
			rc = v < 0 ? sqlite3_bind_null(st, col) : sqlite3_bind_int(st, col, v);
			break;
		}
		case 'p': {
			double v = va_arg(ap, double);
			int t = db_points_type(v);
			rc = t == SQLITE_NULL ? sqlite3_bind_null(st, col)
			   : t == SQLITE_INTEGER ? sqlite3_bind_int64(st, col, (sqlite3_int64)v)
			   : sqlite3_bind_double(st, col, v);
			break;
		}
		default: rc = SQLITE_MISUSE; break;
		}
	}
	if (rc != SQLITE_OK) {
		sc_fail(err, SC_ERR_DB, "cannot bind parameters (%s) in: %.200s",
			sqlite3_errstr(rc), sql);
		db_done(db, st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_q(struct db *db, struct sc_err *err, const char *sql,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = vq(db, err, sql, SQLITE_TRANSIENT, fmt, ap);
	va_end(ap);
	return st;
}

int db_step(struct db *db, sqlite3_stmt *st, struct sc_err *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_fail(db, err, sqlite3_sql(st));
	return -1;
}

int db_run(struct db *db, struct sc_err *err, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = vq(db, err, sql, SQLITE_STATIC, fmt, ap);
	va_end(ap);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int rc = db_step(db, st, err);
	db_done(db, st);
	return rc < 0 ? (err ? err->code : SC_ERR_DB) : SC_OK;
}

int db_int(struct db *db, struct sc_err *err, int64_t *out, const char *sql,
	   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = vq(db, err, sql, SQLITE_STATIC, fmt, ap);
	va_end(ap);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int rc = db_step(db, st, err), ret = SC_OK;
	if (rc == 1)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == 0)
		ret = sc_fail(err, SC_ERR_NOTFOUND, "no row");
	else
		ret = err ? err->code : SC_ERR_DB;
	db_done(db, st);
	return ret;
}

int db_text(struct db *db, struct sc_err *err, char *buf, size_t bufsz,
	    const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = vq(db, err, sql, SQLITE_STATIC, fmt, ap);
	va_end(ap);
	if (!st)
		return err ? err->code : SC_ERR_DB;
	int rc = db_step(db, st, err), ret = SC_OK;
	if (rc == 1)
		snprintf(buf, bufsz, "%s", db_col_text(st, 0));
	else if (rc == 0)
		ret = sc_fail(err, SC_ERR_NOTFOUND, "no row");
	else
		ret = err ? err->code : SC_ERR_DB;
	db_done(db, st);
	return ret;
}

int db_exec(struct db *db, struct sc_err *err, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = db_fail(db, err, sql);
		sqlite3_free(msg);
		return rc;
	}
	return SC_OK;
}

static int begin(struct db *db, const char *outer, struct sc_err *err)
{
	int rc = db_exec(db, err, db->depth == 0 ? outer : "SAVEPOINT sc_nest");
	if (rc == SC_OK)
		db->depth++;
	return rc;
}

/* meta key of a bulk fill under way (db_bulk) */
#define DB_BULK_MARK "bulk_fill"
#define DB_BULK_MARK_SQL "INSERT OR REPLACE INTO meta(key, value) VALUES ('" DB_BULK_MARK "', '1')"

int db_begin(struct db *db, struct sc_err *err)
{
	int outer = db->depth == 0, rc = begin(db, "BEGIN IMMEDIATE", err);
	/* a bulk fill's mark goes in with each of its transactions: an open
	 * elsewhere may have finished the fill so far and taken it away */
	if (rc == SC_OK && outer && db->bulk && (rc = db_exec(db, err, DB_BULK_MARK_SQL))) {
		struct sc_err ignore;
		db_end(db, 0, &ignore);
	}
	return rc;
}

int db_read_begin(struct db *db, struct sc_err *err)
{
	return begin(db, "BEGIN", err);
}

int db_end(struct db *db, int ok, struct sc_err *err)
{
	struct sc_err ignore;
	int rc;

	if (db->depth <= 0)
		return sc_fail(err, SC_ERR_STATE, "db_end without db_begin");
	if (db->depth > 1) {
		db->depth--;
		if (ok)
			return db_exec(db, err, "RELEASE sc_nest");
		db_exec(db, &ignore, "ROLLBACK TO sc_nest");
		db_exec(db, &ignore, "RELEASE sc_nest");
		return SC_OK;
	}
	if (ok) {
		rc = db_exec(db, err, "COMMIT");
		if (rc == SC_OK) {
			db->depth = 0;
			return SC_OK;
		}
		/* a failed COMMIT (disk full) leaves the transaction open: undo it */
	}
	db_exec(db, &ignore, "ROLLBACK");
	db->depth = 0;
	return ok ? (err ? err->code : SC_ERR_DB) : SC_OK;
}

int db_user_version(struct db *db)
{
	int64_t v = -1;
	struct sc_err e;
	db_int(db, &e, &v, "PRAGMA user_version", NULL);
	return (int)v;
}

int db_check(struct db *db, db_problem_fn fn, void *ctx, int *problems, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "PRAGMA quick_check(20)", NULL);
	int r = -1;
	*problems = 0;
	while (st && (r = db_step(db, st, err)) == 1) {
		const char *what = db_col_text(st, 0);
		if (strncmp(what, "*** in database main ***\n", 25) == 0)
			what += 25;
		if (strcmp(what, "ok")) {
			(*problems)++;
			fn(what, ctx);
		}
	}
	db_done(db, st);
	if (r == 0 || !err || err->code == SC_ERR_BUSY || err->code == SC_ERR_NOMEM)
		return r == 0 ? SC_OK : err ? err->code : SC_ERR_DB;
	if (!*problems) { /* too damaged to be checked at all */
		*problems = 1;
		fn(err->msg, ctx);
	}
	return SC_OK;
}

static int migrate(struct db *db, struct sc_err *err)
{
	int have = db_user_version(db);

	for (int v = have; v < schema_migration_count; v++) {
		char set[64];
		int rc = db_begin(db, err);
		if (rc)
			return rc;
		/* re-read under the write lock: another process may have migrated */
		if (db_user_version(db) != v) {
			db_end(db, 0, NULL);
			continue;
		}
		snprintf(set, sizeof set, "PRAGMA user_version = %d", v + 1);
		rc = db_exec(db, err, schema_migrations[v]);
		if (rc == SC_OK)
			rc = db_exec(db, err, set);
		if (rc != SC_OK) {
			db_end(db, 0, NULL);
			sc_err_prefix(err, "migration to schema version %d failed", v + 1);
			return rc;
		}
		rc = db_end(db, 1, err);
		if (rc)
			return rc;
	}
	return SC_OK;
}

static int bulk_finish(struct db *db, struct sc_err *err);

/* Set at every open and restored after a bulk fill (db_bulk). */
#define CONNECTION_PRAGMAS "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"

/* A WAL database this user cannot write, or in a folder this user cannot
 * write (SQLite must create -wal and -shm next to it), can still be read
 * when nothing is pending in its WAL: as "immutable" (SQLite then needs no
 * -shm file). Returns 0 with the URI, -1 to open plainly. */
static int dir_writable(const char *path)
{
	char dir[4200];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	return access(slash ? dir : ".", W_OK) == 0;
}

static int readonly_uri(const char *path, char *uri, size_t sz)
{
	char wal[4200];
	struct stat sb;
	snprintf(wal, sizeof wal, "%s-wal", path);
	if ((access(path, W_OK) == 0 && dir_writable(path)) || (stat(wal, &sb) == 0 && sb.st_size > 0))
		return -1;
	size_t n = (size_t)snprintf(uri, sz, "file:");
	for (const char *p = path; *p && n + 4 < sz; p++) /* percent-encode what a URI reserves */
		n += (size_t)(strchr("%?#", *p) ? snprintf(uri + n, sz - n, "%%%02X", (unsigned char)*p)
						 : snprintf(uri + n, sz - n, "%c", *p));
	if (n + 16 >= sz)
		return -1;
	snprintf(uri + n, sz - n, "?immutable=1");
	return 0;
}

int db_open(struct db **out, const char *path, int flags, struct sc_err *err)
{
	struct db *db;
	int rc, oflags;

	*out = NULL;
	if (!path || !*path)
		return sc_fail(err, SC_ERR_INVALID, "no database path given");
	if (!(flags & DB_READONLY)) {
		/* create with 0600 ourselves: sqlite would use the umask */
		int fd = open(path, O_RDWR | O_CLOEXEC | ((flags & DB_CREATE) ? O_CREAT : 0), 0600);
		if (fd < 0) {
			if (errno == ENOENT)
				return sc_fail(err, SC_ERR_NOTFOUND, "%s: database does not exist", path);
			if (errno == EACCES || errno == EROFS)
				return sc_fail(err, SC_ERR_READONLY, "%s: %s", path, strerror(errno));
			return sc_fail(err, SC_ERR_IO, "%s: %s", path, strerror(errno));
		}
		struct stat sb;
		if (fstat(fd, &sb) == 0 && (sb.st_mode & 077) && sb.st_uid == geteuid())
			(void)fchmod(fd, 0600);
		close(fd);
	}
	db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	/* no global memory statistics: they take a mutex on every allocation
	 * (fails harmlessly with SQLITE_MISUSE once the library is started) */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	char uri[4200];
	if ((flags & DB_READONLY) && readonly_uri(path, uri, sizeof uri) == 0) {
		path = uri; /* for sqlite only; db->path keeps the file name */
		oflags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	path = db->path;
	if (rc != SQLITE_OK) {
		sc_fail(err, code_of(rc), "%s: cannot open database: %s", path,
			db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		db_close(db);
		return err ? err->code : SC_ERR_DB;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);

	/* read the version before anything writes to the file */
	int64_t ver = 0;
	rc = db_int(db, err, &ver, "PRAGMA user_version", NULL);
	if (rc == SC_OK && ver > schema_migration_count)
		rc = sc_fail(err, SC_ERR_NEWER,
			     "%s: database schema version %lld is newer than this program "
			     "understands (%d); it was left untouched: use a newer stallcheck",
			     path, (long long)ver, schema_migration_count);
	if (rc == SC_OK && !(flags & DB_READONLY))
		rc = db_exec(db, err, "PRAGMA journal_mode=WAL");
	if (rc == SC_OK)
		rc = db_exec(db, err, CONNECTION_PRAGMAS);
	if (rc == SC_OK && !(flags & DB_READONLY))
		rc = migrate(db, err);
	int64_t killed = 0; /* a bulk fill that did not finish (db_bulk) */
	if (rc == SC_OK && !(flags & DB_READONLY) &&
	    (rc = db_int(db, err, &killed, "SELECT count(*) FROM meta WHERE key = '" DB_BULK_MARK "'",
			 NULL)) == SC_OK && killed && (rc = bulk_finish(db, err)) == SC_ERR_BUSY)
		rc = SC_OK; /* the fill still runs: it, or a later open, finishes it */
	if (rc != SC_OK) {
		if (err && rc == SC_ERR_READONLY && !dir_writable(path))
			sc_err_prefix(err, "its folder is not writable (SQLite keeps the -wal and -shm files"
				      " next to the database)");
		if (err && rc != SC_ERR_NEWER && !strstr(err->msg, path))
			sc_err_prefix(err, "%s", path);
		db_close(db);
		return rc;
	}
	*out = db;
	return SC_OK;
}

/* What the triggers would have kept while a bulk fill had them off (the
 * makers of its records, the unsent count), and its marker removed, in one
 * transaction. */
static int bulk_finish(struct db *db, struct sc_err *err)
{
	int rc = db_begin(db, err);
	if (rc)
		return rc;
	rc = db_exec(db, err, schema_owner_fill);
	if (rc == SC_OK)
		rc = db_exec(db, err, schema_unsent_fill);
	if (rc == SC_OK)
		rc = db_exec(db, err, "DELETE FROM meta WHERE key = '" DB_BULK_MARK "'");
	return db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK ? err->code : rc;
}

int db_bulk(struct db *db, int on, struct sc_err *err)
{
	if (db->depth)
		return sc_fail(err, SC_ERR_STATE, "db_bulk inside a transaction");
	/* committed before the fill starts: a fill killed on the way leaves it,
	 * and the next db_open finishes what db_bulk(0) would have */
	if (on && db_exec(db, err, DB_BULK_MARK_SQL))
		return err->code;
	db->bulk = on;
	if (sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, !on, (int *)NULL) != SQLITE_OK)
		return db_fail(db, err, "SQLITE_DBCONFIG_ENABLE_TRIGGER");
	/* a day's transaction touches more pages than the default cache holds:
	 * without room they are spilled and read back again and again */
	if (on)
		return db_exec(db, err, "PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;"
			       " PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;"
			       " PRAGMA ignore_check_constraints=ON;");
	/* the checks first: a failing pragma stops the rest of the list */
	int rc = db_exec(db, err, "PRAGMA ignore_check_constraints=OFF; " CONNECTION_PRAGMAS
			 " PRAGMA cache_size=-2000; PRAGMA temp_store=DEFAULT;");
	return rc ? rc : bulk_finish(db, err);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].st);
		free(db->cache[i].sql);
	}
	if (db->h)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}
