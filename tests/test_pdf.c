/* test_pdf: pdf_print's watch (the TUI's export screen keeps itself alive
 * with it while Chromium prints). A stand-in "chromium" first on PATH: one
 * that prints at once, one that never ends. The watch is called while it
 * runs with the time so far; its nonzero return stops it at once, its
 * processes included, and pdf_print fails with no PDF. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/pdf.h"
#include "testutil.h"

static char old_path[8192];

/* A fake chromium running body, first on PATH. */
static void fake_chromium(const char *body)
{
	char dir[1024], text[2048];
	snprintf(dir, sizeof dir, "%s/bin", tu_tmpdir());
	mkdir(dir, 0700);
	snprintf(text, sizeof text, "#!/bin/sh\n%s\n", body);
	chmod(tu_write("bin/chromium", text), 0700);
	snprintf(text, sizeof text, "%s:%s", dir, old_path);
	setenv("PATH", text, 1);
}

static int setup(void **s)
{
	(void)s;
	const char *p = getenv("PATH");
	snprintf(old_path, sizeof old_path, "%s", p ? p : "/usr/bin:/bin");
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	setenv("PATH", old_path, 1);
	tu_cleanup();
	return 0;
}

/* pid has ended (a zombie not yet reaped by init counts), within 2 s */
static int gone(pid_t pid)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	for (int i = 0; i < 100; i++, nanosleep(&tick, NULL)) {
		char path[64], stat[256] = "";
		snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
		FILE *f = fopen(path, "r");
		if (!f)
			return kill(pid, 0) != 0;
		size_t n = fread(stat, 1, sizeof stat - 1, f);
		fclose(f);
		stat[n] = 0;
		const char *end = strrchr(stat, ')');
		if (end && end[1] == ' ' && end[2] == 'Z')
			return 1;
	}
	return 0;
}

struct seen {
	int calls;
	long last_ms;
	long stop_at;  /* stop once this many ms have passed; <0: never */
	const char *ready; /* and this file exists (NULL: at once): a loaded machine starts the stand-in late */
};

static int watch(long ms, void *ctx)
{
	struct seen *w = ctx;
	assert_true(ms >= w->last_ms);
	w->calls++;
	w->last_ms = ms;
	return w->stop_at >= 0 && ms >= w->stop_at && (!w->ready || access(w->ready, F_OK) == 0);
}

/* the PDF comes back, the watch saw it run */
static void test_watch_done(void **s)
{
	(void)s;
	/* the --print-to-pdf=FILE argument gets a PDF after a short while */
	fake_chromium("sleep 0.3\nfor a; do case $a in --print-to-pdf=*) printf '%%PDF-1.4 fake' >\"${a#*=}\";; esac; done");
	struct seen w = { 0, 0, -1, NULL };
	char *pdf;
	size_t n;
	struct sc_err err;
	assert_int_equal(pdf_print("<p>x</p>", 8, watch, &w, &pdf, &n, &err), SC_OK);
	assert_int_equal(n, 13);
	assert_memory_equal(pdf, "%PDF-1.4 fake", 13);
	free(pdf);
	assert_true(w.calls >= 3);
}

/* a watch that says stop: Chromium (and its children) killed at once */
static void test_watch_cancel(void **s)
{
	(void)s;
	char body[1200], pidfile[1100];
	/* the pid file appears whole (mv), so it is read whole once it exists */
	snprintf(pidfile, sizeof pidfile, "%s", tu_path("child.pid"));
	snprintf(body, sizeof body, "sleep 60 &\necho $! >%s.tmp && mv %s.tmp %s\nwait", pidfile, pidfile, pidfile);
	fake_chromium(body);
	struct seen w = { 0, 0, 300, pidfile };
	char *pdf = (char *)1;
	size_t n = 1;
	struct sc_err err;
	time_t t0 = time(NULL);
	assert_int_equal(pdf_print("<p>x</p>", 8, watch, &w, &pdf, &n, &err), SC_ERR_STATE);
	assert_true(time(NULL) - t0 < 5);
	assert_null(pdf);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "cancelled"));
	/* its child went with it: the sleep is no longer there */
	FILE *f = fopen(pidfile, "r");
	long child = 0;
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%ld", &child), 1);
	fclose(f);
	assert_true(gone((pid_t)child));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_watch_done, setup, teardown),
		cmocka_unit_test_setup_teardown(test_watch_cancel, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
