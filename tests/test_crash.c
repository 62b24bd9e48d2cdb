/* test_crash: crash safety of answer saving. A child process walks an
 * inspection (bench/walk.h: store_answer_save_at, one transaction per answer)
 * and reports "s N" on a pipe after each save returns; the parent kills it
 * with SIGKILL at a random moment (during open, migration, setup or a save),
 * then checks that PRAGMA integrity_check is ok and that every answer ever
 * reported saved, in this run and all earlier ones, is still there.
 * CRASH_RUNS=N (default 50) sets the number of kills, CRASH_MAX_MS the
 * longest wait before a kill (default 60), CRASH_SEED the random seed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/walk.h"
#include "core/store.h"
#include "powerloss.h"
#include "testutil.h"

/* What one killed child reported. */
struct run {
	int64_t inspection, visit;
	int stall_type;
	long last;                /* last seq reported saved, -1: none */
	int started;              /* the walk was set up */
};

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static long env_long(const char *name, long dflt)
{
	const char *s = getenv(name);
	return s && *s ? strtol(s, NULL, 10) : dflt;
}

/* A power cut instead of a kill (tests/powerloss.h): before the child's
 * write, sync or truncate number `at`; sync_off forces PRAGMA
 * synchronous=OFF after db_open, a durability hole the test must catch. */
struct power_cut {
	long at;
	int torn, sync_off;
	uint64_t seed;
};

/* The child: open, set up a walk, save answers until killed or the power
 * is cut. Never returns. */
static void child(int fd, const char *path, const struct checklist *cl, const struct power_cut *pc)
{
	struct sc_err err;
	struct db *db;
	struct walk w;
	char line[96];
	int n;

	if (pc && powerloss_install(pc->at, pc->torn, pc->seed))
		_exit(5);
	if (db_open(&db, path, DB_CREATE, &err) ||
	    (pc && pc->sync_off && db_exec(db, &err, "PRAGMA synchronous=OFF")) ||
	    walk_setup(db, cl, "crash-test", &w, &err)) {
		n = snprintf(line, sizeof line, "e %.80s\n", err.msg);
		(void)!write(fd, line, (size_t)n);
		_exit(3);
	}
	n = snprintf(line, sizeof line, "w %lld %lld %d\n", (long long)w.inspection,
		     (long long)w.visit, w.stall_type);
	(void)!write(fd, line, (size_t)n);
	for (long seq = 0; seq < 1000000; seq++) {
		if (walk_save(db, &w, seq, &err)) {
			n = snprintf(line, sizeof line, "e %.80s\n", err.msg);
			(void)!write(fd, line, (size_t)n);
			_exit(3);
		}
		n = snprintf(line, sizeof line, "s %ld\n", seq);
		if (write(fd, line, (size_t)n) != n)
			_exit(4);
	}
	_exit(0);
}

/* Fork a child walking into path; kill it after delay_us, or as soon as
 * it has reported min_saves saves when min_saves > 0, or let it cut its
 * own power when pc is set. Fills r. */
static void run_once(const char *path, const struct checklist *cl, long delay_us, long min_saves,
		     const struct power_cut *pc, struct run *r)
{
	static char buf[1 << 20];
	size_t len = 0;
	int fds[2], status;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], path, cl, pc);
	}
	close(fds[1]);
	if (pc) {
		/* it ends itself at the crash point */
	} else if (min_saves > 0) {
		/* read until enough saves are reported */
		long seen = 0;
		while (seen < min_saves) {
			ssize_t k = read(fds[0], buf + len, sizeof buf - 1 - len);
			if (k <= 0)
				break;
			for (size_t i = len; i < len + (size_t)k; i++)
				if (buf[i] == 's' && (i == 0 || buf[i - 1] == '\n'))
					seen++;
			len += (size_t)k;
		}
	} else if (delay_us > 0) {
		struct timespec ts = { delay_us / 1000000, (delay_us % 1000000) * 1000 };
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
	if (!pc)
		kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	for (;;) {
		ssize_t k = read(fds[0], buf + len, sizeof buf - 1 - len);
		if (k <= 0)
			break;
		len += (size_t)k;
	}
	close(fds[0]);
	buf[len] = '\0';
	memset(r, 0, sizeof *r);
	r->last = -1;
	for (char *p = buf, *nl; *p; p = nl + 1) {
		long long a, b;
		int t;
		long s;
		if (!(nl = strchr(p, '\n')))
			break; /* a torn last line cannot happen on a pipe, but be safe */
		*nl = '\0';
		if (sscanf(p, "w %lld %lld %d", &a, &b, &t) == 3) {
			r->inspection = a;
			r->visit = b;
			r->stall_type = t;
			r->started = 1;
		} else if (sscanf(p, "s %ld", &s) == 1) {
			r->last = s;
		} else if (p[0] == 'e') {
			fail_msg("the walk failed before it was killed: %s", p + 2);
		}
	}
	/* killed, or (only if it outran the delay) exited cleanly */
	if (pc)
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == POWERLOSS_EXIT);
	else
		assert_true(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

/* Check one run's answers in db; returns the number of problems (and
 * prints each). Every slot whose save was reported must hold that save or
 * a later one; nothing may be newer than the save after the last report. */
static int check_run(struct db *db, const struct checklist *cl, const struct run *r)
{
	struct walk w;
	struct sc_err err;
	int bad = 0;

	if (!r->started)
		return 0;
	memset(&w, 0, sizeof w);
	w.cl = cl;
	w.inspection = r->inspection;
	w.visit = r->visit;
	w.stall_type = r->stall_type;
	w.items = malloc(sizeof *w.items * (size_t)cl->nitems);
	w.nmarket = checklist_items_for(cl, -1, w.items);
	w.nitems = w.nmarket + checklist_items_for(cl, r->stall_type, w.items + w.nmarket);
	for (int k = 0; k < w.nitems; k++) {
		int64_t visit;
		char note[64] = "";
		long want = -1, got = -1;
		walk_slot(&w, k, &visit);
		if (r->last >= k)
			want = r->last - ((r->last - k) % w.nitems);
		int rc = db_text(db, &err, note, sizeof note,
				 "SELECT note FROM answer WHERE inspection_id = ? AND coalesce(visit_id, 0) = ?"
				 " AND item_id = ?", "IIt", r->inspection, visit,
				 cl->items[w.items[k]].id);
		if (rc == SC_OK && sscanf(note, "seq=%ld", &got) != 1) {
			print_error("inspection %lld item %s: note '%s' is not a walk note\n",
				    (long long)r->inspection, cl->items[w.items[k]].id, note);
			bad++;
			continue;
		}
		if (want >= 0 && (rc != SC_OK || got < want)) {
			print_error("inspection %lld item %s: save %ld was reported but the database holds %s%ld\n",
				    (long long)r->inspection, cl->items[w.items[k]].id, want,
				    rc == SC_OK ? "save " : "nothing ", rc == SC_OK ? got : 0L);
			bad++;
		}
		if (rc == SC_OK && got > r->last + 1) {
			print_error("inspection %lld item %s: holds save %ld, after the last reported %ld\n",
				    (long long)r->inspection, cl->items[w.items[k]].id, got, r->last);
			bad++;
		}
	}
	walk_free(&w);
	return bad;
}

static int check_all(const char *path, const struct checklist *cl, const struct run *runs, int n)
{
	struct sc_err err;
	struct db *db;
	char ok[64] = "";
	int bad = 0;

	/* reopening is what the program does after a crash (migration included) */
	if (db_open(&db, path, DB_CREATE, &err) != SC_OK) {
		print_error("reopen after kill: %s\n", err.msg);
		return 1;
	}
	if (db_text(db, &err, ok, sizeof ok, "PRAGMA integrity_check", NULL) != SC_OK ||
	    strcmp(ok, "ok") != 0) {
		print_error("integrity_check: %s\n", ok[0] ? ok : err.msg);
		bad++;
	}
	for (int i = 0; i < n; i++)
		bad += check_run(db, cl, &runs[i]);
	db_close(db);
	return bad;
}

static void test_kill_during_walk(void **state)
{
	(void)state;
	struct checklist cl;
	long nruns = env_long("CRASH_RUNS", 50), max_ms = env_long("CRASH_MAX_MS", 60);
	uint64_t seed = (uint64_t)env_long("CRASH_SEED", 0);
	const char *path = tu_path("crash.db");
	struct run *runs;
	long saves = 0, started = 0;

	if (nruns < 1)
		nruns = 1;
	if (!seed)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
	rng_state = seed;
	print_message("crash: %ld kills, up to %ld ms each, CRASH_SEED=%llu\n", nruns, max_ms,
		      (unsigned long long)seed);
	tu_checklist(&cl);
	runs = calloc((size_t)nruns + 1, sizeof *runs);
	for (long i = 0; i < nruns; i++) {
		long delay = (long)(rng() % (uint64_t)(max_ms * 1000 + 1));
		run_once(path, &cl, delay, 0, NULL, &runs[i]);
		saves += runs[i].last + 1;
		started += runs[i].started;
		if (check_all(path, &cl, runs, (int)i + 1))
			fail_msg("after kill %ld (at %ld us, CRASH_SEED=%llu) reported answers are missing"
				 " or the database is damaged", i + 1, delay, (unsigned long long)seed);
	}
	print_message("crash: %ld walks started, %ld saves reported, all present\n", started, saves);

	/* the check can fail: a walk killed after at least 5 saves, then one
	 * reported answer removed behind the program's back */
	struct run last;
	run_once(path, &cl, 0, 5, NULL, &last);
	assert_true(last.started && last.last >= 4);
	assert_int_equal(check_all(path, &cl, &last, 1), 0);
	struct db *db;
	struct sc_err err;
	assert_int_equal(db_open(&db, path, 0, &err), SC_OK);
	/* the child goes on saving until the kill lands and may have wrapped
	 * round the checklist, so remove the oldest row, not a given seq: it is
	 * always a reported save (only the newest can be in flight) */
	assert_int_equal(db_run(db, &err, "DELETE FROM answer WHERE id ="
				" (SELECT min(id) FROM answer WHERE inspection_id = ?)",
				"I", last.inspection), SC_OK);
	assert_int_equal(db_changes(db), 1);
	db_close(db);
	print_message("crash: (one answer removed on purpose; the check must report it:)\n");
	assert_true(check_all(path, &cl, &last, 1) > 0);
	free(runs);
	checklist_clear(&cl);
	tu_cleanup();
}

/* n power cuts at random points on a fresh file, each followed by
 * check_all; returns the number of the first cut after which a reported
 * save is missing or the database is damaged (0: none). */
static long power_cuts(const struct checklist *cl, long n, int sync_off, uint64_t seed, long *saves)
{
	const char *path = tu_path(sync_off ? "power-off.db" : "power.db");
	struct run *runs = calloc((size_t)n, sizeof *runs);
	long bad = 0;

	assert_non_null(runs);
	rng_state = seed;
	*saves = 0;
	for (long i = 0; i < n && !bad; i++) {
		/* log-uniform up to 2^13 operations: open, migration and setup
		 * are often hit, long walks reach an automatic checkpoint */
		struct power_cut pc = { 0 };
		uint64_t span = (uint64_t)2 << rng() % 13; /* its own statement: the order of
							     * two rng() in one is unspecified */
		pc.at = 1 + (long)(rng() % span);
		pc.torn = (int)(rng() & 1);
		pc.sync_off = sync_off;
		pc.seed = rng();
		run_once(path, cl, 0, 0, &pc, &runs[i]);
		*saves += runs[i].last + 1;
		if (check_all(path, cl, runs, (int)i + 1)) {
			print_error("power cut %ld of POWER_SEED=%llu: before operation %ld, %s\n", i + 1,
				    (unsigned long long)seed, pc.at, pc.torn ? "torn" : "every unsynced write lost");
			bad = i + 1;
		}
	}
	free(runs);
	return bad;
}

/* Power cuts (tests/powerloss.h) during the same walk: what the program
 * reported saved must survive a power loss, not only a kill, with the
 * program's own pragmas. POWER_RUNS=N (default 200; 50 under ASan, where
 * each fork copies the shadow memory's page tables), POWER_SEED. */
#if defined(__SANITIZE_ADDRESS__)
#define POWER_RUNS_DEFAULT 50
#else
#define POWER_RUNS_DEFAULT 200
#endif
static void test_power_loss_during_walk(void **state)
{
	(void)state;
	struct checklist cl;
	long nruns = env_long("POWER_RUNS", POWER_RUNS_DEFAULT), saves;
	uint64_t seed = (uint64_t)env_long("POWER_SEED", 0);

	if (nruns < 1)
		nruns = 1;
	if (!seed)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
	print_message("power loss: %ld cuts, POWER_SEED=%llu\n", nruns, (unsigned long long)seed);
	tu_checklist(&cl);
	if (power_cuts(&cl, nruns, 0, seed, &saves))
		fail_msg("a reported save was lost, or the database damaged, by a power cut");
	print_message("power loss: %ld saves reported, all present\n", saves);

	/* the check can fail: the same cuts with synchronous=OFF lose saves */
	print_message("power loss: (now with synchronous=OFF; the check must report a lost save:)\n");
	long hit = power_cuts(&cl, 100, 1, seed, &saves);
	print_message("power loss: synchronous=OFF caught at cut %ld\n", hit);
	assert_true(hit > 0);
	checklist_clear(&cl);
	tu_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kill_during_walk),
		cmocka_unit_test(test_power_loss_during_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
