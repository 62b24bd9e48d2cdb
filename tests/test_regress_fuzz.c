/* test_regress_fuzz: every fuzz seed (fuzz/corpus/<target>/) and every
 * input that ever crashed a fuzz target (fuzz/regress/<target>/) goes
 * through the same entry point as the fuzzer (fuzz/fuzz_one.h). Under
 * `make SAN=1 check` a memory error in any of them fails the test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_one.h"

/* Feed every regular file of dir to one(); returns how many. */
static int replay(const char *dir, int (*one)(const uint8_t *, size_t))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[1024];
		FILE *f;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		fseek(f, 0, SEEK_END);
		long len = ftell(f);
		rewind(f);
		uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
		assert_non_null(buf);
		size_t got = fread(buf, 1, (size_t)(len > 0 ? len : 0), f);
		fclose(f);
		one(buf, got);
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

static void run_target(const char *name, int (*one)(const uint8_t *, size_t))
{
	char dir[256];
	int seeds, crashes;

	snprintf(dir, sizeof dir, "fuzz/corpus/%s", name);
	seeds = replay(dir, one);
	snprintf(dir, sizeof dir, "fuzz/regress/%s", name);
	crashes = replay(dir, one);
	print_message("fuzz %s: %d seeds, %d past crash inputs replayed\n", name, seeds, crashes);
	assert_true(seeds > 0); /* the committed corpus is there */
}

static void test_settings(void **s)
{
	(void)s;
	run_target("settings", fuzz_settings_one);
}

static void test_template(void **s)
{
	(void)s;
	run_target("template", fuzz_template_one);
}

static void test_utf8(void **s)
{
	(void)s;
	run_target("utf8", fuzz_utf8_one);
}

static void test_clock(void **s)
{
	(void)s;
	run_target("clock", fuzz_clock_one);
}

static void test_keys(void **s)
{
	(void)s;
	run_target("keys", fuzz_keys_one);
}

static void test_cli(void **s)
{
	(void)s;
	run_target("cli", fuzz_cli_one);
}

/* Each harness its own scratch files: one suffix ending another's
 * ("-pristine.db", "-cli-pristine.db") is still another file. */
static void test_scratch_exact(void **s)
{
	(void)s;
	const char *cli = fuzz_scratch("-cli-pristine.db"), *plain = fuzz_scratch("-pristine.db");
	assert_non_null(cli);
	assert_non_null(plain);
	assert_string_not_equal(cli, plain);
	assert_ptr_equal(fuzz_scratch("-cli-pristine.db"), cli);
	assert_ptr_equal(fuzz_scratch("-pristine.db"), plain);
	assert_string_not_equal(fuzz_scratch(".ini"), fuzz_scratch("-cli.ini"));
}

#ifdef FUZZ_HAVE_SYNC
static void test_sync_import(void **s)
{
	(void)s;
	run_target("sync_import", fuzz_sync_import_one);
}

static void test_sync_merge(void **s)
{
	(void)s;
	run_target("sync_merge", fuzz_sync_merge_one);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scratch_exact),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_cli),
#ifdef FUZZ_HAVE_SYNC
		cmocka_unit_test(test_sync_import),
		cmocka_unit_test(test_sync_merge),
#endif
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
