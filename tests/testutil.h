/* testutil: shared helpers for the cmocka tests. Include after cmocka.h. */
#ifndef SC_TESTUTIL_H
#define SC_TESTUTIL_H

#include <stddef.h>

/* A fresh temporary directory for this test (removed by tu_cleanup).
 * Returns a static path. */
const char *tu_tmpdir(void);

/* tu_path("x.db") -> "<tmpdir>/x.db" (static buffer, rotates over 8). */
const char *tu_path(const char *name);

/* Write text to a file under the tmp dir; returns its path. */
const char *tu_write(const char *name, const char *text);

/* A shipped data file: "$STALLCHECK_DATADIR/name", else "config/name"
 * (static buffer). */
const char *tu_datafile(const char *name);

/* The shipped report and notice templates' directories, for
 * report_opts/notice_opts.tpl_dirs. */
const char *const *tu_tpl_dirs(void);

/* Fix the clock at a local "YYYY-MM-DD[THH:MM]" (fails the test on a bad
 * one); NULL releases it. A fixture whose expectations depend on "today"
 * fixes it, so the test means the same on any day it runs. */
void tu_clock(const char *when);

/* Set the time zone (TZ) for what follows, e.g. "Asia/Shanghai": a test
 * whose expectations are local times says which zone they are in. */
void tu_zone(const char *tz);

/* Remove the tmp dir recursively. */
void tu_cleanup(void);
/* The group teardown of a test that keeps its tmp dir to the end:
 * tu_cleanup. */
int tu_teardown_all(void **state);

/* Fix the clock a minute and a second later than at the last call (the
 * first: 2026-01-01T00:01:01Z): records made in turn get stamps in turn. */
void tu_tick(void);

#endif

struct checklist;
/* A small hand-built checklist for core tests (no config parser):
 * categories hygiene, order; areas whole, toilet; types veg (0), cooked (1);
 * market items M1 (points 5, area whole), M2 (pass/fail 3, critical, toilet);
 * stall items S1 (points 3, veg+cooked), S2 (pass/fail 2, cooked, critical at
 * cooked), S3 (pass/fail 4, veg, n/a not allowed). Rules 60/40, bands 90/70,
 * allow_unanswered_critical; M2 has a basis ("依据M2", "Basis M2").
 * Free with checklist_clear. */
void tu_checklist(struct checklist *cl);

struct db;
/* Delete a finalized inspection and everything under it behind the
 * program's back, as someone with the sqlite3 shell would (the trigger
 * that protects sealed answers dropped first). 0, or -1. */
int tu_delete_inspection(struct db *db, const char *uuid);
/* The content hash (manifest content_sha256) of the bundle attached to
 * db as "b", after a test changed its rows: 0, or -1. */
int tu_bundle_content(struct db *db, char out[65]);
