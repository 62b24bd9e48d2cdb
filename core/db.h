/* db: a thin layer over SQLite.
 * Opens with the durability settings every time, migrates the schema,
 * caches prepared statements by their SQL text, binds parameters from a
 * format string, and turns SQLite errors into sc_err messages that carry
 * both SQLite's message and the statement. */
#ifndef SC_DB_H
#define SC_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct db;

enum db_open_flags {
	DB_CREATE = 1,    /* create the file (mode 0600) if missing */
	DB_READONLY = 2,  /* open read-only, no migration */
};

/* Open (and migrate) the database at path. On success *out owns the
 * connection: close it with db_close. The directory must exist.
 * A database of a newer schema is refused untouched (SC_ERR_NEWER). */
int db_open(struct db **out, const char *path, int flags, struct sc_err *err);
void db_close(struct db *db);

sqlite3 *db_handle(struct db *db);
const char *db_path(const struct db *db);

/* Schema version this program writes, and the version of an open db. */
int db_schema_version(void);
int db_user_version(struct db *db);

/* Is the file sound? SQLite's PRAGMA quick_check (every page and record,
 * not the index contents): each problem found (at most 20) goes to fn,
 * *problems counts them; a file too damaged to check counts as one. */
typedef void (*db_problem_fn)(const char *what, void *ctx);
int db_check(struct db *db, db_problem_fn fn, void *ctx, int *problems, struct sc_err *err);

/* Prepare (or take from the cache) `sql` and bind parameters described by
 * fmt, one char each: i int, I int64, d double, t text (NULL binds NULL),
 * b blob (pointer, then int length), n NULL, z int bound as NULL when < 0, p points (a
 * double: NULL when < 0, an integer when whole, so a seal reads 4 as before decimals).
 * Returns a statement ready to
 * step, or NULL with err filled. Release it with db_done. */
sqlite3_stmt *db_q(struct db *db, struct sc_err *err, const char *sql,
		   const char *fmt, ...);

/* The storage class of points bound with 'p' (SQLITE_NULL, SQLITE_INTEGER
 * or SQLITE_FLOAT): a writer encoding them for a seal (seal_put_points)
 * follows the same rule. */
int db_points_type(double v);

/* Step: 1 when a row is ready, 0 when done, -1 on error (err filled). */
int db_step(struct db *db, sqlite3_stmt *st, struct sc_err *err);

/* Reset a statement from db_q (finalize if it was not cached). */
void db_done(struct db *db, sqlite3_stmt *st);

/* Step st (from db_q; NULL means its error is in err) to the end, filling
 * one zeroed element of `size` bytes per row with row(st, elem) into a
 * growing array: *out (malloc'd, caller frees) and *n. On error *out is
 * NULL and *n 0. */
typedef void (*db_row_fn)(sqlite3_stmt *st, void *elem);
int db_collect(struct db *db, sqlite3_stmt *st, size_t size, db_row_fn row, void **out, int *n,
	       struct sc_err *err);

/* Run a statement that returns no rows. */
int db_run(struct db *db, struct sc_err *err, const char *sql, const char *fmt, ...);

/* Run a query returning one integer; SC_ERR_NOTFOUND when no row. */
int db_int(struct db *db, struct sc_err *err, int64_t *out, const char *sql,
	   const char *fmt, ...);

/* Run a query returning one text into buf; SC_ERR_NOTFOUND when no row. */
int db_text(struct db *db, struct sc_err *err, char *buf, size_t bufsz,
	    const char *sql, const char *fmt, ...);

/* Execute several statements without parameters (schema, pragmas). */
int db_exec(struct db *db, struct sc_err *err, const char *sql);

/* Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are
 * savepoints. db_end commits when ok is nonzero and rolls back otherwise;
 * it returns SC_OK or the commit error. */
int db_begin(struct db *db, struct sc_err *err);
int db_end(struct db *db, int ok, struct sc_err *err);
/* A read transaction (deferred BEGIN, a savepoint when nested), ended by
 * db_end: a long read (export) sees one snapshot, and its statements do
 * not each take and drop the file's read lock. Writers are not blocked. */
int db_read_begin(struct db *db, struct sc_err *err);

/* Bulk fill (demo data) on or off. On: no fsync, a bigger cache, temp
 * data in memory, and neither foreign keys, triggers nor CHECK constraints
 * (the writer's rows are valid by construction; the guard triggers would
 * make every insert in a long transaction keep a statement journal, and
 * the IN list of answer.verdict's CHECK builds a temporary table at every
 * insert). Off restores the settings of db_open and binds the makers of
 * the records written (uuid_owner) and refills the unsent count, as the
 * triggers would have. On leaves a mark in meta ('bulk_fill') until off,
 * written again by each of the fill's transactions (an open elsewhere
 * finishes the fill so far and takes it): a fill killed on the way is
 * finished by the next db_open that can write. Call outside a transaction. */
int db_bulk(struct db *db, int on, struct sc_err *err);

/* Last inserted row id and changes of this connection. */
int64_t db_last_id(struct db *db);
int db_changes(struct db *db);

/* Fill err from the connection's last error for `sql`; returns the code. */
int db_fail(struct db *db, struct sc_err *err, const char *sql);

/* Column helpers: text never NULL (empty string instead). */
const char *db_col_text(sqlite3_stmt *st, int col);

#endif
