/* benchtool: the measuring half of `make bench` (scripts/bench.sh drives it).
 *
 *   benchtool run N [--pre SH] CMD ARG... [-- BASE ARG...]
 *                                     run a command N times; print
 *                                     "median min max peak_rss_kb" (ms, kB);
 *                                     the shell command SH runs before each
 *                                     run of CMD, untimed (fresh copies of
 *                                     files). With a baseline: CMD and BASE
 *                                     alternate (so a load spike hits both),
 *                                     and "base_median median_of_ratios" follow
 *   benchtool save DB TEMPLATE N      N answer saves on a fresh walk, each
 *                                     timed with the reload the walk screen
 *                                     does after it, alternating with the same
 *                                     rows as a raw INSERT ... ON CONFLICT in
 *                                     its own transaction, same pragmas, and a
 *                                     raw read of what the reload reads; prints
 *                                     "median min max rss base_median ratio"
 *   benchtool read DB home DAY|day DAY|range FROM TO [OUT BYTES [XML]]|all|verify
 *                                     raw baseline: read the rows an operation
 *                                     reads with plain prepared statements;
 *                                     home: the home screen's very queries,
 *                                     opened with the program's pragmas;
 *                                     range (export): with the previous
 *                                     period's failed answers counted and
 *                                     the rectifications the report lists,
 *                                     then BYTES written to a new file,
 *                                     fsynced and renamed to OUT, its
 *                                     directory fsynced (the export's
 *                                     output); with XML (a workbook's XML,
 *                                     its members one after another) that
 *                                     text deflated as libxlsxwriter does
 *                                     is the first of those bytes; all:
 *                                     every record's rows after PRAGMA
 *                                     quick_check; verify: all, each row
 *                                     also through SHA-256, and one Ed25519
 *                                     check per signed row (review,
 *                                     rectification event, chain head), the
 *                                     crypto verify cannot skip
 *   benchtool copy [--bulk | --signed BUNDLE] SRC DST [FROM TO]
 *                                     raw baseline: write SRC's rows (or the
 *                                     inspections of days FROM..TO with their
 *                                     visits and answers) into a new DST with
 *                                     plain prepared statements (--bulk:
 *                                     64 rows to an INSERT, as the demo
 *                                     writes its answers), one
 *                                     transaction; --bulk: the pragmas of the
 *                                     demo's bulk fill (db_bulk); --signed:
 *                                     also the crypto an import of BUNDLE
 *                                     cannot skip (Ed25519ph of the file,
 *                                     each row twice through SHA-256, one
 *                                     Ed25519 check per signed row)
 *   benchtool review DB DAY N         in-process, N times each: review_list of
 *                                     DAY, and a drill-down (visits, previous
 *                                     inspection, market-wide and one stall's
 *                                     items beside the previous ones), each next
 *                                     to a raw read of the same rows; prints
 *                                     "day|drill median min max rss raw_median
 *                                     ratio" (pairs alternate)
 *   benchtool frame MARKERS QUIET_MS CMD ARG...
 *                                     CMD in a new pseudo-terminal of 100 x 30,
 *                                     timed from fork to the last byte of the
 *                                     output that holds one of MARKERS (\|
 *                                     between them; empty: any output), once
 *                                     QUIET_MS pass without more; prints
 *                                     "us peak_rss_kb" (VmHWM of CMD then),
 *                                     then types q and waits for CMD to end
 *   benchtool gen DB TEMPLATE MARKETS DAYS UNTIL SEED
 *                                     demo data through demo_generate (for when
 *                                     `stallcheck demo` cannot load a template)
 *
 * TEMPLATE is a checklist file; when it cannot be loaded (config work not
 * merged yet) the small test checklist of tests/testutil.c stands in, and
 * "fallback-checklist" is printed on stderr. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "bench/walk.h"
#include "config/template.h"
#include "core/clock.h"
#include "core/demo.h"
#include "core/device.h"
#include "core/home.h"
#include "tests/testutil.h"
#if __has_include("core/review.h")
#define BENCH_HAVE_REVIEW 1
#include "core/review.h"
#endif

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Print "median min max rss" of n timings (sorted in place). */
static void report(double *t, int n, long rss_kb)
{
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	double med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	printf("%.3f %.3f %.3f %ld\n", med, t[0], t[n - 1], rss_kb);
}

static double median_of(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

/* Print "median min max rss base_median ratio": the ratio is the median of
 * the pairs' ratios a[i] / b[i], so a spike of load hits one pair only. */
static void report_pair(double *a, double *b, int n, long rss_kb)
{
	double *r = calloc((size_t)n, sizeof *r);
	for (int i = 0; i < n; i++)
		r[i] = b[i] > 0 ? a[i] / b[i] : 0;
	double ratio = median_of(r, n), base = median_of(b, n), med = median_of(a, n);
	printf("%.3f %.3f %.3f %ld %.3f %.3f\n", med, a[0], a[n - 1], rss_kb, base, ratio);
	free(r);
}

static long self_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int die(const char *what, const char *msg)
{
	fprintf(stderr, "benchtool: %s: %s\n", what, msg);
	return 1;
}

/* --- run --- */
/* Run argv once after pre, as its own process: its time in ms (fork to
 * wait4) and peak RSS; -1 on failure. */
static double run_once(const char *pre, char **argv, long *rss)
{
	struct rusage ru;
	int status;
	if (pre && system(pre) != 0) {
		fprintf(stderr, "benchtool: --pre '%s' failed\n", pre);
		return -1;
	}
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return die("fork", strerror(errno)) * -1.0;
	if (pid == 0) {
		FILE *f = freopen("/dev/null", "w", stdout);
		(void)f;
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid)
		return die("wait", strerror(errno)) * -1.0;
	double t = now_ms() - t0;
	if (ru.ru_maxrss > *rss)
		*rss = ru.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "benchtool: %s failed (status %d)\n", argv[0], status);
		return -1;
	}
	return t;
}

static int cmd_run(int n, const char *pre, char **argv)
{
	double *t = calloc((size_t)n, sizeof *t), *b = calloc((size_t)n, sizeof *b);
	char **base = NULL;
	long rss = 0, brss = 0;
	int rc = 0;

	for (char **a = argv; *a; a++)
		if (strcmp(*a, "--") == 0) {
			*a = NULL;
			base = a + 1;
			break;
		}
	for (int i = 0; i < n && rc == 0; i++) {
		if ((t[i] = run_once(pre, argv, &rss)) < 0 || (base && (b[i] = run_once(NULL, base, &brss)) < 0))
			rc = 1;
	}
	if (rc == 0 && base)
		report_pair(t, b, n, rss);
	else if (rc == 0)
		report(t, n, rss);
	free(t);
	free(b);
	return rc;
}

/* --- the checklist --- */
static int load_checklist(const char *path, struct checklist *cl, char **body)
{
	struct sc_err err;
	size_t len;

	*body = template_read_file(path, &len, &err);
	if (*body && template_load_text(*body, path, cl, NULL, &err) == SC_OK)
		return 0;
	free(*body);
	fprintf(stderr, "fallback-checklist (%s)\n", err.msg);
	tu_checklist(cl);
	*body = strdup("bench fallback checklist");
	return 0;
}

/* --- save --- */
static int raw_exec(sqlite3 *h, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "benchtool: %s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Run a raw statement with one int64 or text parameter, touching every
 * column of every row. */
/* A floor's statement, prepared once as the program's statement cache
 * prepares its own (raw_q_free finalizes them). */
static struct raw_cached {
	const char *sql;
	sqlite3_stmt *st;
} raw_cache[16];

static sqlite3_stmt *raw_q(sqlite3 *h, const char *sql)
{
	int i = 0;
	for (; i < 16 && raw_cache[i].sql; i++)
		if (raw_cache[i].sql == sql) {
			sqlite3_reset(raw_cache[i].st);
			sqlite3_clear_bindings(raw_cache[i].st);
			return raw_cache[i].st;
		}
	if (i == 16 || sqlite3_prepare_v2(h, sql, -1, &raw_cache[i].st, NULL) != SQLITE_OK)
		return NULL;
	raw_cache[i].sql = sql;
	return raw_cache[i].st;
}

static void raw_q_free(void)
{
	for (int i = 0; i < 16 && raw_cache[i].sql; i++)
		sqlite3_finalize(raw_cache[i].st);
	memset(raw_cache, 0, sizeof raw_cache);
}

/* Step st to its end; the bytes of every column read. */
static long raw_drain(sqlite3_stmt *st)
{
	long sum = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++)
			sum += sqlite3_column_bytes(st, c);
	return sum;
}

static void raw_rows(sqlite3 *h, const char *sql, int64_t id, const char *text)
{
	sqlite3_stmt *st = raw_q(h, sql);
	if (!st)
		return;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, id);
	if (raw_drain(st) < 0)
		fputc('\n', stderr);
}

/* The raw read behind walk_reload: the place's answers and photo links,
 * and the visit's done flag (a market-wide place has none). */
static void raw_reload(sqlite3 *h, int64_t insp, int64_t visit)
{
	static const char *const place[] = {
		"SELECT * FROM answer WHERE inspection_id = ?1 AND coalesce(visit_id, 0) = ?2 ORDER BY visit_id, id",
		"SELECT * FROM answer_photo WHERE inspection_id = ?1 AND coalesce(visit_id, 0) = ?2 ORDER BY item_id, id",
	};
	sqlite3_stmt *st;
	for (int q = 0; q < 2; q++) {
		if (sqlite3_prepare_v2(h, place[q], -1, &st, NULL) != SQLITE_OK)
			continue;
		sqlite3_bind_int64(st, 1, insp);
		sqlite3_bind_int64(st, 2, visit);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(st); c++)
				(void)sqlite3_column_bytes(st, c);
		sqlite3_finalize(st);
	}
	if (visit && sqlite3_prepare_v2(h, "SELECT done FROM visit WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, visit);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
}

static int cmd_save(const char *path, const char *tpl, int n)
{
	struct checklist cl;
	struct sc_err err;
	struct db *db;
	struct walk w;
	char *body;
	double *t = calloc((size_t)n, sizeof *t), *b = calloc((size_t)n, sizeof *b);
	sqlite3 *h;
	sqlite3_stmt *ins[2], *beg, *com;

	load_checklist(tpl, &cl, &body);
	if (db_open(&db, path, DB_CREATE, &err) || walk_setup(db, &cl, body, &w, &err))
		return die(path, err.msg);
	/* the raw side: its own connection with the program's pragmas */
	if (sqlite3_open(path, &h) != SQLITE_OK)
		return die(path, sqlite3_errmsg(h));
	sqlite3_busy_timeout(h, 5000);
	if (raw_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"))
		return 1;
	/* [0] market-wide, [1] per stall, as store_answer_save writes them */
	if (sqlite3_prepare_v2(h,
			"INSERT INTO answer(inspection_id, visit_id, item_id, verdict, earned, possible,"
			" critical, spots, note, answered_at) VALUES (?1, NULL, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8)"
			" ON CONFLICT (inspection_id, item_id) WHERE visit_id IS NULL DO UPDATE SET"
			" verdict = ?4, earned = ?5, possible = ?6, note = ?7, answered_at = ?8",
			-1, &ins[0], NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h,
			"INSERT INTO answer(inspection_id, visit_id, item_id, verdict, earned, possible,"
			" critical, spots, note, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8)"
			" ON CONFLICT (visit_id, item_id) WHERE visit_id IS NOT NULL DO UPDATE SET"
			" verdict = ?4, earned = ?5, possible = ?6, note = ?7, answered_at = ?8",
			-1, &ins[1], NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "BEGIN IMMEDIATE", -1, &beg, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "COMMIT", -1, &com, NULL) != SQLITE_OK)
		return die("prepare", sqlite3_errmsg(h));
	/* pair by pair: the program's save and reload, then the raw one of the
	 * same answer (the next save overwrites it, as a changed verdict does) */
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		if (walk_save(db, &w, i, &err) || walk_reload(db, &w, i, &err))
			return die("store_answer_save", err.msg);
		t[i] = now_ms() - t0;

		int64_t visit;
		const struct cl_item *it = &cl.items[w.items[walk_slot(&w, i, &visit)]];
		sqlite3_stmt *in = ins[visit != 0];
		char note[32];
		int pass = (i / w.nitems) % 2 == 0;
		snprintf(note, sizeof note, "seq=%d", i);
		t0 = now_ms();
		sqlite3_step(beg);
		sqlite3_reset(beg);
		sqlite3_bind_int64(in, 1, w.inspection);
		if (visit)
			sqlite3_bind_int64(in, 2, visit);
		sqlite3_bind_text(in, 3, it->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(in, 4, pass ? "pass" : "fail", -1, SQLITE_STATIC);
		sqlite3_bind_int(in, 5, pass ? it->points : 0);
		sqlite3_bind_int(in, 6, it->points);
		sqlite3_bind_text(in, 7, note, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(in, 8, "2026-11-28T10:00:00+08:00", -1, SQLITE_STATIC);
		if (sqlite3_step(in) != SQLITE_DONE)
			return die("raw insert", sqlite3_errmsg(h));
		sqlite3_reset(in);
		if (sqlite3_step(com) != SQLITE_DONE)
			return die("commit", sqlite3_errmsg(h));
		sqlite3_reset(com);
		raw_reload(h, w.inspection, visit);
		b[i] = now_ms() - t0;
	}
	sqlite3_finalize(ins[0]);
	sqlite3_finalize(ins[1]);
	sqlite3_finalize(beg);
	sqlite3_finalize(com);
	sqlite3_close(h);
	db_close(db);
	walk_free(&w);
	checklist_clear(&cl);
	free(body);
	report_pair(t, b, n, self_rss_kb());
	free(t);
	free(b);
	return 0;
}

/* --- read: touch every column of every row --- */
static long drain(sqlite3 *h, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	long sum = 0;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "benchtool: %s: %s\n", sql, sqlite3_errmsg(h));
		return -1;
	}
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++)
			sum += sqlite3_column_bytes(st, c);
	sqlite3_finalize(st);
	return sum;
}

/* Every row of sql through SHA-256 too, each column's bytes as read. */
static long drain_hash(sqlite3 *h, const char *sql, crypto_hash_sha256_state *sha)
{
	sqlite3_stmt *st;
	long sum = 0;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return die(sql, sqlite3_errmsg(h)) * -1L;
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			int n = sqlite3_column_bytes(st, c);
			const unsigned char *p = sqlite3_column_text(st, c);
			if (p)
				crypto_hash_sha256_update(sha, p, (unsigned long long)n);
			sum += n;
		}
	sqlite3_finalize(st);
	return sum;
}

/* One Ed25519 check of each signed row of table under its device's key,
 * over the row's other columns as read (the check costs the same whether
 * it holds or not); the number checked. */
static long check_sigs(sqlite3 *h, const char *table, const char *me)
{
	char sql[512];
	unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES], *msg = NULL;
	size_t cap = 0;
	sqlite3_stmt *st;
	long n = 0, held = 0;
	snprintf(sql, sizeof sql, "SELECT t.sig, %s, t.* FROM \"%s\" t WHERE t.sig IS NOT NULL",
		 DEVICE_PUBKEY_SQL("t.device", "?1"), table);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return die(sql, sqlite3_errmsg(h)) * -1L;
	sqlite3_bind_text(st, 1, me, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t len = 0;
		for (int c = 2; c < sqlite3_column_count(st); c++) {
			size_t b = (size_t)sqlite3_column_bytes(st, c);
			const unsigned char *p = sqlite3_column_text(st, c);
			if (len + b > cap) {
				cap = 2 * (len + b);
				if (!(msg = realloc(msg, cap)))
					return die("check_sigs", "out of memory") * -1L;
			}
			if (p)
				memcpy(msg + len, p, b);
			len += b;
		}
		const char *s = (const char *)sqlite3_column_text(st, 0), *k = (const char *)sqlite3_column_text(st, 1);
		if (s && k && device_unhex(s, sig, sizeof sig) == 0 && device_unhex(k, pk, sizeof pk) == 0) {
			held += crypto_sign_verify_detached(sig, msg, len, pk) == 0;
			n++;
		}
	}
	sqlite3_finalize(st);
	free(msg);
	return held > n ? -1 : n; /* (held: the result is used) */
}

/* The inspections of days ?1..?2 and their visits and answers, each
 * through its index (inspection_day, then the inspection id indexes). */
#define IN_RANGE "(SELECT id FROM inspection WHERE day BETWEEN ?1 AND ?2)"
/* A day's inspections with their market and their number of stalls, as a
 * day's list shows them (scripts/bench.sh's day_sql is the same text). */
#define DAY_SQL "SELECT i.*, m.name, m.district," \
	" (SELECT count(*) FROM visit v WHERE v.inspection_id = i.id)" \
	" FROM inspection i JOIN market m ON m.id = i.market_id WHERE i.day = ?1 ORDER BY i.started_at"

/* The text of file xml deflated into fd as libxlsxwriter's packager
 * (minizip) deflates each member of a workbook: zlib's default level, raw
 * deflate, window 15, memory level 8, with the CRC-32 a zip entry carries.
 * Returns the bytes written, -1 on failure. */
static long long deflate_out(int fd, const char *xml)
{
	static unsigned char in[65536], out[65536];
	z_stream z = { 0 };
	long long written = 0;
	int flush, fail = 0;
	uLong crc = crc32(0L, Z_NULL, 0);
	FILE *f = fopen(xml, "rb");
	if (!f)
		return die(xml, strerror(errno)), -1;
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		fclose(f);
		return die(xml, "deflateInit2 failed"), -1;
	}
	do {
		size_t got = fread(in, 1, sizeof in, f);
		crc = crc32(crc, in, (uInt)got);
		flush = got < sizeof in ? Z_FINISH : Z_NO_FLUSH;
		z.next_in = in;
		z.avail_in = (uInt)got;
		do {
			z.next_out = out;
			z.avail_out = sizeof out;
			deflate(&z, flush);
			size_t have = sizeof out - z.avail_out;
			if (have && write(fd, out, have) != (ssize_t)have)
				fail = 1;
			written += (long long)have;
		} while (z.avail_out == 0);
	} while (flush != Z_FINISH);
	deflateEnd(&z);
	fclose(f);
	if (fail)
		return die(xml, strerror(errno)), -1;
	return written + (crc == 0); /* the CRC used, so it is computed */
}

/* Write n bytes into a new file next to path, fsync it, rename it over
 * path and fsync the directory, as a writer of an n-byte report must
 * (export's floor: the same output, not its content; the export's
 * commit_file does the rename and the directory's fsync). With xml, the
 * first of the n bytes are that XML deflated (deflate_out: the xlsx's
 * floor with the compression its format cannot skip). */
static int write_out(const char *path, long long n, const char *xml)
{
	static char buf[65536];
	char tmp[4096], dir[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	else
		snprintf(dir, sizeof dir, ".");
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return die(tmp, strerror(errno));
	memset(buf, 'x', sizeof buf);
	long long left = n;
	if (xml) {
		long long d = deflate_out(fd, xml);
		if (d < 0) {
			close(fd);
			return 1;
		}
		left -= d;
	}
	while (left > 0) {
		ssize_t w = write(fd, buf, left < (long long)sizeof buf ? (size_t)left : sizeof buf);
		if (w <= 0) {
			close(fd);
			return die(path, strerror(errno));
		}
		left -= w;
	}
	int rc = fsync(fd);
	close(fd);
	if (rc || rename(tmp, path) != 0)
		return die(path, strerror(errno));
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

static int cmd_read(const char *path, const char *kind, const char *a, const char *b)
{
	sqlite3 *h;
	long sum = 0;

	/* home opens read-write, as the program does */
	if (sqlite3_open_v2(path, &h, strcmp(kind, "home") ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE,
			    NULL) != SQLITE_OK)
		return die(path, sqlite3_errmsg(h));
	if (strcmp(kind, "home") == 0 && a) {
		/* what the TUI's first frame runs, with db_open's pragmas: the
		 * queries of tui/screen_home.c load() and offer_start() (home.c,
		 * sync.c sync_unsent_inspections, rectify.c rectify_count_open,
		 * store.c store_inspection_drafts), text for text */
		char dev[64] = "";
		sqlite3_stmt *st;
		if (raw_exec(h, "PRAGMA user_version; PRAGMA journal_mode=WAL;"
			     " PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"))
			return 1;
		if (sqlite3_prepare_v2(h, "SELECT value FROM meta WHERE key = 'device_id'", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			snprintf(dev, sizeof dev, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sum += drain(h, HOME_TODAY_SQL, dev, a);
		sum += drain(h, "SELECT n FROM sync_unsent", NULL, NULL);
		sum += drain(h, "SELECT value FROM meta WHERE key = 'last_sync'", NULL, NULL);
		sum += drain(h, "SELECT count(*) FROM rectification WHERE status = 'open'"
			     " AND superseded_by IS NULL AND deadline < ?", a, NULL);
		sum += drain(h, "SELECT count(*) FROM rectification WHERE status = 'open'"
			     " AND superseded_by IS NULL", NULL, NULL);
		sum += drain(h, "SELECT count(*) FROM market", NULL, NULL);
		sum += drain(h, "SELECT value FROM meta WHERE key = 'device_id'", NULL, NULL);
		sum += drain(h, "SELECT * FROM inspection WHERE status = 'draft' AND device = ?"
			     " ORDER BY updated_at DESC", dev, NULL);
	} else if (strcmp(kind, "range") == 0 && a && b && clock_day_valid(a) && clock_day_valid(b)) {
		/* and what the export's comparison with the previous period of the
		 * same length reads: its failed answers counted */
		char pfrom[CLOCK_DAY], pto[CLOCK_DAY];
		clock_day_add(a, -1, pto);
		clock_day_add(a, -(clock_day_diff(a, b) + 1), pfrom);
		sum += drain(h, "SELECT * FROM inspection WHERE day BETWEEN ?1 AND ?2", a, b);
		sum += drain(h, "SELECT * FROM visit WHERE inspection_id IN " IN_RANGE, a, b);
		sum += drain(h, "SELECT * FROM answer WHERE inspection_id IN " IN_RANGE, a, b);
		sum += drain(h, "SELECT count(*), total(critical) FROM answer WHERE verdict = 'fail'"
			     " AND inspection_id IN " IN_RANGE, pfrom, pto);
		/* the rectifications the report lists (summary.c SQL_RECTS's rows) */
		sum += drain(h, "SELECT r.*, m.name, m.district, s.code FROM rectification r JOIN market m"
			     " ON m.id = r.market_id LEFT JOIN stall s ON s.id = r.stall_id"
			     " WHERE r.id IN (SELECT id FROM rectification"
			     " WHERE opened_day BETWEEN ?1 AND ?2 UNION ALL SELECT id FROM rectification"
			     " WHERE closed_day >= ?1 UNION ALL SELECT id FROM rectification"
			     " WHERE status = 'open' AND opened_day <= ?2) ORDER BY r.opened_day, m.name, r.uuid", a, b);
	} else if (strcmp(kind, "day") == 0 && a) {
		sum += drain(h, DAY_SQL, a, NULL);
	} else if (strcmp(kind, "all") == 0 || strcmp(kind, "verify") == 0) {
		static const char *const rows[] = { "SELECT * FROM inspection ORDER BY id",
			"SELECT * FROM visit ORDER BY id", "SELECT * FROM answer ORDER BY id" };
		static const char *const signed_rows[] = { "review", "rect_event", "seal_head" };
		/* verify checks the file with quick_check before it reads the rows */
		sum += drain(h, "PRAGMA quick_check(20)", NULL, NULL);
		if (strcmp(kind, "all") == 0) {
			for (int i = 0; i < 3; i++)
				sum += drain(h, rows[i], NULL, NULL);
		} else {
			crypto_hash_sha256_state sha;
			unsigned char dig[crypto_hash_sha256_BYTES];
			char me[64] = "";
			sqlite3_stmt *st;
			if (sodium_init() < 0)
				return die("read", "sodium_init failed");
			crypto_hash_sha256_init(&sha);
			for (int i = 0; i < 3; i++)
				sum += drain_hash(h, rows[i], &sha);
			crypto_hash_sha256_final(&sha, dig);
			if (sqlite3_prepare_v2(h, "SELECT value FROM meta WHERE key = 'device_id'", -1, &st, NULL) ==
				    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
				snprintf(me, sizeof me, "%s", (const char *)sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
			for (int i = 0; i < 3; i++) {
				long n = check_sigs(h, signed_rows[i], me);
				if (n < 0)
					return 1;
				printf("%ld %s signatures checked\n", n, signed_rows[i]);
			}
		}
	} else {
		return die("read", "kind is home DAY, day DAY, range FROM TO, all or verify");
	}
	sqlite3_close(h);
	printf("%ld bytes read\n", sum);
	return sum < 0;
}

/* --- copy: the same rows written with plain prepared statements --- */
/* --bulk: rows go in COPY_BATCH at a time, one multi-row INSERT each, as
 * the demo inserts its answers (core/demo.c), the rest 16 or one at a
 * time; the other copies (the import's floors) one by one, as an import
 * does. */
#define COPY_BATCH 64
#define COPY_REST 16

/* INSERT INTO table VALUES with rows rows of n columns. */
static sqlite3_stmt *copy_insert(sqlite3 *dst, const char *table, int n, int rows)
{
	char ins[16384];
	sqlite3_stmt *in = NULL;
	int len = snprintf(ins, sizeof ins, "INSERT INTO \"%s\" VALUES ", table);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < n && len < (int)sizeof ins; c++)
			len += snprintf(ins + len, sizeof ins - (size_t)len, c ? ",?" : r ? "),(?" : "(?");
	snprintf(ins + len, sizeof ins - (size_t)len, ")");
	if (sqlite3_prepare_v2(dst, ins, -1, &in, NULL) != SQLITE_OK)
		die(ins, sqlite3_errmsg(dst));
	return in;
}

/* A batch of rows read by copy_table, held until written: each value's
 * type and number, its bytes in one buffer (one copy, as binding them
 * from the source statement would make). */
struct copy_held {
	int type;
	sqlite3_int64 i;
	double d;
	size_t off;
	int len;
};

static int copy_hold(struct copy_held *h, char **buf, size_t *used, size_t *cap, sqlite3_stmt *st, int c)
{
	h->type = sqlite3_column_type(st, c);
	if (h->type == SQLITE_INTEGER)
		h->i = sqlite3_column_int64(st, c);
	else if (h->type == SQLITE_FLOAT)
		h->d = sqlite3_column_double(st, c);
	if (h->type != SQLITE_TEXT && h->type != SQLITE_BLOB)
		return 0;
	const void *p = h->type == SQLITE_TEXT ? (const void *)sqlite3_column_text(st, c)
					       : sqlite3_column_blob(st, c);
	h->len = sqlite3_column_bytes(st, c);
	if (*used + (size_t)h->len + 1 > *cap) {
		size_t ncap = 2 * (*cap + (size_t)h->len + 1);
		char *q = realloc(*buf, ncap);
		if (!q)
			return die("copy", "out of memory");
		*buf = q, *cap = ncap;
	}
	h->off = *used;
	if (h->len)
		memcpy(*buf + *used, p, (size_t)h->len);
	*used += (size_t)h->len + 1;
	return 0;
}

static void copy_bind(sqlite3_stmt *in, int first, const struct copy_held *h, int n, const char *buf)
{
	for (int c = 0; c < n; c++) {
		switch (h[c].type) {
		case SQLITE_INTEGER: sqlite3_bind_int64(in, first + c, h[c].i); break;
		case SQLITE_FLOAT: sqlite3_bind_double(in, first + c, h[c].d); break;
		case SQLITE_TEXT: sqlite3_bind_text(in, first + c, buf + h[c].off, h[c].len, SQLITE_STATIC); break;
		case SQLITE_BLOB: sqlite3_bind_blob(in, first + c, buf + h[c].off, h[c].len, SQLITE_STATIC); break;
		default: sqlite3_bind_null(in, first + c); break;
		}
	}
}

static int copy_table(sqlite3 *src, sqlite3 *dst, const char *table, const char *where,
		      const char *a, const char *b, int batch, crypto_hash_sha256_state *sha)
{
	char sql[512], *buf = NULL;
	sqlite3_stmt *st, *one, *many = NULL, *rest = NULL;
	struct copy_held *held;
	size_t used = 0, cap = 0;
	int n, rc = 0, have = 0;

	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" %s", table, where);
	if (sqlite3_prepare_v2(src, sql, -1, &st, NULL) != SQLITE_OK)
		return die(sql, sqlite3_errmsg(src));
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	n = sqlite3_column_count(st);
	one = copy_insert(dst, table, n, 1);
	if (batch > 1) {
		many = copy_insert(dst, table, n, batch);
		rest = copy_insert(dst, table, n, COPY_REST);
	}
	held = calloc((size_t)(n * batch), sizeof *held);
	if (!one || (batch > 1 && (!many || !rest)) || !held)
		rc = 1;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < n && rc == 0; c++) {
			if (many)
				rc = copy_hold(&held[have * n + c], &buf, &used, &cap, st, c);
			else
				sqlite3_bind_value(one, c + 1, sqlite3_column_value(st, c));
			/* --signed: each column's bytes twice through SHA-256 (an
			 * import hashes every row for the content hash and, for a
			 * record's rows, again for its seal) */
			const unsigned char *p = sha ? sqlite3_column_text(st, c) : NULL;
			for (int k = 0; p && k < 2; k++)
				crypto_hash_sha256_update(sha, p, (unsigned long long)sqlite3_column_bytes(st, c));
		}
		if (++have < batch)
			continue;
		if (many)
			copy_bind(many, 1, held, have * n, buf);
		if (sqlite3_step(many ? many : one) != SQLITE_DONE)
			rc = die(table, sqlite3_errmsg(dst));
		sqlite3_reset(many ? many : one);
		have = 0, used = 0;
	}
	for (int r = 0, k; r < have && rc == 0; r += k) { /* the rest */
		k = have - r >= COPY_REST ? COPY_REST : 1;
		sqlite3_stmt *w = k > 1 ? rest : one;
		copy_bind(w, 1, held + r * n, k * n, buf);
		if (sqlite3_step(w) != SQLITE_DONE)
			rc = die(table, sqlite3_errmsg(dst));
		sqlite3_reset(w);
	}
	free(held);
	free(buf);
	sqlite3_finalize(st);
	sqlite3_finalize(one);
	sqlite3_finalize(many);
	sqlite3_finalize(rest);
	return rc;
}

/* Create in dst the schema objects of src that are (op "=") or are not
 * (op "<>") triggers, tables first. */
static int copy_schema(sqlite3 *src, sqlite3 *dst, const char *op)
{
	char sql[256];
	sqlite3_stmt *st;
	int rc = 0;

	snprintf(sql, sizeof sql, "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND"
		 " name NOT LIKE 'sqlite_%%' AND type %s 'trigger' ORDER BY type = 'table' DESC, rowid", op);
	if (sqlite3_prepare_v2(src, sql, -1, &st, NULL) != SQLITE_OK)
		return die("schema", sqlite3_errmsg(src));
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
		rc = raw_exec(dst, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc;
}

/* The file's bytes through Ed25519ph under src's own key, as an import
 * checks a bundle's signature (the check costs the same whether it holds). */
static int check_file_sig(sqlite3 *src, const char *path)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES] = { 0 }, buf[65536];
	crypto_sign_state cs;
	sqlite3_stmt *st;
	size_t n;
	int ok = sqlite3_prepare_v2(src, "SELECT value FROM meta WHERE key = 'device_pubkey'", -1, &st, NULL) ==
		 SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
		 device_unhex((const char *)sqlite3_column_text(st, 0), pk, sizeof pk) == 0;
	sqlite3_finalize(st);
	FILE *f = fopen(path, "rb");
	if (!ok || !f) {
		if (f)
			fclose(f);
		return die(path, "no key or no file");
	}
	crypto_sign_init(&cs);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		crypto_sign_update(&cs, buf, n);
	fclose(f);
	sig[63] = 1; /* not all zeros: checked to the end */
	int held = crypto_sign_final_verify(&cs, sig, pk); /* fails: only its cost counts */
	(void)held;
	return 0;
}

static int cmd_copy(const char *from, const char *to, const char *a, const char *b, int bulk,
		    const char *bundle)
{
	static const char *week_tables[][2] = {
		{ "inspection", "WHERE day BETWEEN ?1 AND ?2" },
		{ "visit", "WHERE inspection_id IN " IN_RANGE },
		{ "answer", "WHERE inspection_id IN " IN_RANGE },
	};
	sqlite3 *src, *dst;
	sqlite3_stmt *st;
	char path[4096];
	int rc = 0;
	crypto_hash_sha256_state sha, *hs = NULL;

	if (bundle) {
		if (sodium_init() < 0)
			return die("copy", "sodium_init failed");
		crypto_hash_sha256_init(&sha);
		hs = &sha;
	}
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", to, (const char *[]){ "", "-wal", "-shm" }[i]);
		unlink(path);
	}
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return die(from, sqlite3_errmsg(src));
	if (sqlite3_open(to, &dst) != SQLITE_OK)
		return die(to, sqlite3_errmsg(dst));
	/* the same schema (no foreign keys checked: rows are copied as they are);
	 * --bulk: the pragmas of db_bulk (core/db.c), as the demo's fill runs */
	if (raw_exec(dst, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL") ||
	    (bulk && raw_exec(dst, "PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;"
			      " PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;"
			      " PRAGMA ignore_check_constraints=ON;")))
		return 1;
	if (copy_schema(src, dst, "<>") || raw_exec(dst, "BEGIN IMMEDIATE"))
		return 1;
	if (a && b) {
		for (int i = 0; i < 3 && rc == 0; i++)
			rc = copy_table(src, dst, week_tables[i][0], week_tables[i][1], a, b,
					bulk ? COPY_BATCH : 1, hs);
	} else {
		sqlite3_prepare_v2(src, "SELECT name FROM sqlite_schema WHERE type = 'table' AND"
				   " name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &st, NULL);
		while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
			rc = copy_table(src, dst, (const char *)sqlite3_column_text(st, 0), "", NULL, NULL,
					bulk ? COPY_BATCH : 1, hs);
		sqlite3_finalize(st);
	}
	if (rc == 0 && bundle) { /* the signatures an import checks */
		unsigned char dig[crypto_hash_sha256_BYTES];
		char me[64] = "";
		crypto_hash_sha256_final(&sha, dig);
		rc = check_file_sig(src, bundle);
		if (sqlite3_prepare_v2(src, "SELECT value FROM meta WHERE key = 'device_id'", -1, &st, NULL) ==
			    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			snprintf(me, sizeof me, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		for (int i = 0; i < 2 && rc == 0; i++)
			rc = check_sigs(src, i ? "rect_event" : "review", me) < 0;
	}
	if (rc == 0)
		rc = raw_exec(dst, "COMMIT");
	/* triggers last: they guard the program's writes, not a bulk copy */
	if (rc == 0)
		rc = copy_schema(src, dst, "=");
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc != 0;
}

/* --- review --- */
#ifdef BENCH_HAVE_REVIEW
/* Print "name|median min max rss raw_median ratio" (sorts both). */
static void report_raw(const char *name, double *t, double *raw, int n)
{
	printf("%s|", name);
	report_pair(t, raw, n, self_rss_kb());
}

/* The drill-down's floor: what it shows, each row read once (the record,
 * its visits, the columns of their answers that make the stalls' figures,
 * the market-wide and the first stall's answers), and the same lookups of
 * the previous record (its market-wide answers) and of the first stall's
 * previous visit (its answers). The floor before 2026-12-04 night read the
 * visits and two places' answers only: no lookups, no stalls' figures. */
static void raw_drill(sqlite3 *h, int64_t id)
{
	static const char ins_sql[] = "SELECT *, market_id, day, started_at, coalesce(amends_uuid, '')"
				      " FROM inspection WHERE id = ?1";
	static const char visits_sql[] = "SELECT * FROM visit WHERE inspection_id = ?1 ORDER BY seq";
	static const char figures_sql[] = "SELECT visit_id, verdict, earned, possible FROM answer"
					  " WHERE inspection_id = ?1 AND visit_id IS NOT NULL";
	static const char market_sql[] = "SELECT * FROM answer WHERE inspection_id = ?1 AND visit_id IS NULL";
	static const char visit_sql[] = "SELECT * FROM answer WHERE visit_id = ?1";
	char day[CLOCK_DAY] = "", at[CLOCK_TS] = "", amends[64] = "";
	int64_t market = 0, first = 0, stall = 0, prev = 0, pvisit = 0;
	sqlite3_stmt *st = raw_q(h, ins_sql);
	long sum = 0;
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int c = sqlite3_column_count(st) - 4;
		for (int k = 0; k < c; k++)
			sum += sqlite3_column_bytes(st, k);
		market = sqlite3_column_int64(st, c);
		snprintf(day, sizeof day, "%s", (const char *)sqlite3_column_text(st, c + 1));
		snprintf(at, sizeof at, "%s", (const char *)sqlite3_column_text(st, c + 2));
		snprintf(amends, sizeof amends, "%s", (const char *)sqlite3_column_text(st, c + 3));
	}
	if ((st = raw_q(h, visits_sql))) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW) { /* the first stall's visit */
			first = sqlite3_column_int64(st, 0);
			stall = sqlite3_column_int64(st, 3);
		}
		sum += raw_drain(st);
	}
	raw_rows(h, figures_sql, id, NULL);
	raw_rows(h, market_sql, id, NULL);
	if (first)
		raw_rows(h, visit_sql, first, NULL);
	/* the previous record and visit, as review_prev_inspection and
	 * review_prev_visit find them */
	for (int q = 0; q < 2; q++) {
		if (!(st = raw_q(h, q ? REVIEW_PREV_VISIT_SQL : REVIEW_PREV_INS_SQL)))
			continue;
		sqlite3_bind_int64(st, 1, q ? stall : market);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, id);
		sqlite3_bind_text(st, 5, amends, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			if (q)
				pvisit = sqlite3_column_int64(st, 1);
			else
				prev = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
	}
	if (prev) {
		raw_rows(h, ins_sql, prev, NULL);
		raw_rows(h, market_sql, prev, NULL);
	}
	if (pvisit)
		raw_rows(h, visit_sql, pvisit, NULL);
	if (sum < 0)
		fputc('\n', stderr);
}

static int drill(struct db *db, const struct checklist *cl, int64_t id, struct sc_err *err)
{
	struct inspection_rec r, prev;
	struct review_visit *v = NULL;
	struct review_item *items = NULL;
	int nv = 0, ni = 0, rc;
	int64_t pi = 0, pv = 0;

	if ((rc = store_inspection_get(db, id, &r, err)) || (rc = review_visits(db, id, &v, &nv, err)))
		return rc;
	rc = review_prev_inspection(db, &r, &prev, err);
	if (rc == SC_ERR_NOTFOUND)
		prev.id = 0, rc = SC_OK;
	if (rc == SC_OK)
		rc = review_items(db, cl, id, 0, prev.id, 0, &items, &ni, err);
	free(items);
	items = NULL;
	if (rc == SC_OK && nv > 0) {
		rc = review_prev_visit(db, &r, v[0].stall_id, &pi, &pv, err);
		if (rc == SC_ERR_NOTFOUND)
			pi = pv = 0, rc = SC_OK;
		if (rc == SC_OK)
			rc = review_items(db, cl, id, v[0].id, pi, pv, &items, &ni, err);
		free(items);
	}
	free(v);
	return rc;
}

static int cmd_review(const char *path, const char *day, int n)
{
	struct review_filter f;
	struct review_row *rows = NULL;
	struct checklist cl;
	struct sc_err err;
	struct db *db;
	sqlite3 *h;
	char *body = NULL;
	int nrows = 0;
	int64_t id = 0, tpl = 0;
	double *t = calloc((size_t)n, sizeof *t), *raw = calloc((size_t)n, sizeof *raw);

	if (db_open(&db, path, 0, &err) || sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL))
		return die(path, err.msg);
	/* the drill-down goes into the day's inspection with the most stalls */
	if (db_int(db, &err, &id, "SELECT id FROM inspection WHERE day = ? AND status <> 'draft'"
		   " ORDER BY stalls_done DESC, id LIMIT 1", "t", day) ||
	    db_int(db, &err, &tpl, "SELECT template_id FROM inspection WHERE id = ?", "I", id) ||
	    store_template_body(db, tpl, &body, &err))
		return die("review", err.msg);
	if (template_load_text(body, "pinned", &cl, NULL, &err))
		return die("review: the pinned template", err.msg);
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		review_filter_init(&f, day);
		if (review_list(db, &f, &rows, &nrows, &err))
			return die("review_list", err.msg);
		free(rows);
		t[i] = now_ms() - t0;
		t0 = now_ms();
		raw_rows(h, DAY_SQL, 0, day);
		raw[i] = now_ms() - t0;
	}
	report_raw("day", t, raw, n);
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		if (drill(db, &cl, id, &err))
			return die("drill-down", err.msg);
		t[i] = now_ms() - t0;
		t0 = now_ms();
		raw_drill(h, id);
		raw[i] = now_ms() - t0;
	}
	report_raw("drill", t, raw, n);
	raw_q_free();
	sqlite3_close(h);
	db_close(db);
	checklist_clear(&cl);
	free(body);
	free(t);
	free(raw);
	return 0;
}
#endif

/* --- frame --- */
/* Whether one of the markers (separated by \|) is in buf. */
static int frame_seen(const char *buf, size_t n, const char *markers)
{
	for (const char *m = markers;;) {
		const char *bar = strstr(m, "\\|");
		size_t len = bar ? (size_t)(bar - m) : strlen(m);
		if (len == 0 || memmem(buf, n, m, len))
			return 1;
		if (!bar)
			return 0;
		m = bar + 2;
	}
}

/* The time to a first frame, measured on the terminal's side: no terminal
 * emulator (tmux) and no polling process competing with the program for
 * the two CPUs; the frame is there when its last byte has reached the
 * terminal. */
static int cmd_frame(const char *markers, int quiet_ms, char **cmd)
{
	static char buf[1 << 16];
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	size_t have = 0;
	int fd, seen = 0;
	double t0 = now_ms(), last = 0;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return die("frame", strerror(errno));
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int wait = seen ? quiet_ms : 5000 - (int)(now_ms() - t0);
		if (wait <= 0 || poll(&p, 1, wait) <= 0)
			break;
		ssize_t n = read(fd, buf + have, sizeof buf - have);
		if (n <= 0)
			break; /* EIO: the command ended */
		last = now_ms();
		have += (size_t)n;
		seen = seen || frame_seen(buf, have, markers);
		if (have > sizeof buf / 2) { /* keep a tail a marker may start in */
			memmove(buf, buf + have - 256, 256);
			have = 256;
		}
	}
	char path[64], line[256];
	long rss = 0;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *st = fopen(path, "r");
	while (st && fgets(line, sizeof line, st))
		if (sscanf(line, "VmHWM: %ld", &rss) == 1)
			break;
	if (st)
		fclose(st);
	/* q quits the home screen, which closes the database as a user would
	 * (killed, the program would leave its -wal for the next run to
	 * recover); what has not ended in 2 s is hung up on */
	if (write(fd, "q", 1) < 0)
		kill(-pid, SIGHUP);
	for (int i = 0; i < 200 && waitpid(pid, NULL, WNOHANG) == 0; i++)
		usleep(10000);
	if (waitpid(pid, NULL, WNOHANG) == 0) {
		kill(-pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	close(fd);
	if (!seen)
		return die("frame", "no marker in the output");
	printf("%lld %ld\n", (long long)((last - t0) * 1000), rss);
	return 0;
}

/* --- gen --- */
static int cmd_gen(char **argv)
{
	struct checklist cl;
	struct demo_opts o;
	struct sc_err err;
	struct db *db;
	char *body;
	int rc;

	memset(&o, 0, sizeof o);
	o.markets = atoi(argv[2]);
	o.days = atoi(argv[3]);
	snprintf(o.until, sizeof o.until, "%s", argv[4]);
	o.seed = (uint64_t)atol(argv[5]);
	demo_defaults(&o);
	load_checklist(argv[1], &cl, &body);
	if (db_open(&db, argv[0], DB_CREATE, &err))
		return die(argv[0], err.msg);
	rc = demo_generate(db, &cl, body, &o, NULL, NULL, &err);
	if (rc)
		die("demo", err.msg);
	db_close(db);
	checklist_clear(&cl);
	free(body);
	return rc != SC_OK;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (strcmp(cmd, "run") == 0 && argc > 5 && atoi(argv[2]) > 0 && strcmp(argv[3], "--pre") == 0)
		return cmd_run(atoi(argv[2]), argv[4], argv + 5);
	if (strcmp(cmd, "run") == 0 && argc > 3 && atoi(argv[2]) > 0)
		return cmd_run(atoi(argv[2]), NULL, argv + 3);
	if (strcmp(cmd, "save") == 0 && argc == 5 && atoi(argv[4]) > 0)
		return cmd_save(argv[2], argv[3], atoi(argv[4]));
	if (strcmp(cmd, "read") == 0 && (argc == 8 || argc == 9) && strcmp(argv[3], "range") == 0)
		return cmd_read(argv[2], argv[3], argv[4], argv[5]) ||
		       write_out(argv[6], atoll(argv[7]), argc == 9 ? argv[8] : NULL);
	if (strcmp(cmd, "read") == 0 && argc >= 4)
		return cmd_read(argv[2], argv[3], argc > 4 ? argv[4] : NULL, argc > 5 ? argv[5] : NULL);
	if (strcmp(cmd, "copy") == 0 && argc > 2 && strcmp(argv[2], "--bulk") == 0)
		return argc == 5 ? cmd_copy(argv[3], argv[4], NULL, NULL, 1, NULL) : 2;
	if (strcmp(cmd, "copy") == 0 && argc == 6 && strcmp(argv[2], "--signed") == 0)
		return cmd_copy(argv[4], argv[5], NULL, NULL, 0, argv[3]);
	if (strcmp(cmd, "copy") == 0 && (argc == 4 || argc == 6))
		return cmd_copy(argv[2], argv[3], argc == 6 ? argv[4] : NULL, argc == 6 ? argv[5] : NULL, 0, NULL);
#ifdef BENCH_HAVE_REVIEW
	if (strcmp(cmd, "review") == 0 && argc == 5 && atoi(argv[4]) > 0)
		return cmd_review(argv[2], argv[3], atoi(argv[4]));
#endif
	if (strcmp(cmd, "frame") == 0 && argc > 4)
		return cmd_frame(argv[2], atoi(argv[3]), argv + 4);
	if (strcmp(cmd, "gen") == 0 && argc == 8)
		return cmd_gen(argv + 2);
	fprintf(stderr, "usage: benchtool run N [--pre SH] CMD... | save DB TEMPLATE N store|raw |"
		" read DB home DAY|day DAY|range FROM TO [OUT BYTES [XML]]|all|verify | copy [--bulk|--signed BUNDLE] SRC DST [FROM TO] |"
		" review DB DAY N | frame MARKERS QUIET_MS CMD... | gen DB TEMPLATE MARKETS DAYS UNTIL SEED\n");
	return 2;
}
