/* test_clock: calendar arithmetic across month, year and DST edges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "testutil.h"

static void test_day_add(void **s)
{
	(void)s;
	const char *zones[] = { "Asia/Shanghai", "America/New_York", "UTC" };
	for (size_t z = 0; z < 3; z++) {
		char out[CLOCK_DAY];
		tu_zone(zones[z]);
		assert_int_equal(clock_day_add("2026-01-31", 1, out), 0);
		assert_string_equal(out, "2026-02-01");
		assert_int_equal(clock_day_add("2026-12-29", 7, out), 0);
		assert_string_equal(out, "2027-01-05");
		assert_int_equal(clock_day_add("2028-02-28", 1, out), 0);
		assert_string_equal(out, "2028-02-29");
		assert_int_equal(clock_day_add("2026-03-07", 3, out), 0); /* US DST starts 03-08 */
		assert_string_equal(out, "2026-03-10");
		assert_int_equal(clock_day_add("2026-11-01", -1, out), 0);
		assert_string_equal(out, "2026-10-31");
		assert_int_equal(clock_day_diff("2026-12-25", "2027-01-05"), 11);
		assert_int_equal(clock_day_diff("2026-03-01", "2026-03-15"), 14);
	}
	tu_zone("UTC");
}

static void test_validity(void **s)
{
	(void)s;
	char out[CLOCK_DAY];
	assert_true(clock_day_valid("2026-02-28"));
	assert_false(clock_day_valid("2026-02-30"));
	assert_false(clock_day_valid("2026-13-01"));
	assert_false(clock_day_valid("26-01-01"));
	assert_false(clock_day_valid("2026-01-01x"));
	/* only digits and dashes: sscanf alone skipped blanks and took signs */
	assert_false(clock_day_valid("2026-12-\f1"));
	assert_false(clock_day_valid("2026- 1- 5"));
	assert_false(clock_day_valid("2026-+1-05"));
	assert_false(clock_day_valid(" 2026-1-05"));
	time_t t;
	assert_int_equal(clock_parse("2026-12- 1", &t), -1);
	assert_int_equal(clock_day_add("nonsense", 1, out), -1);
}

static void test_fixed_clock(void **s)
{
	(void)s;
	time_t t;
	char ts[CLOCK_TS], day[CLOCK_DAY];
	tu_zone("Asia/Shanghai");
	assert_int_equal(clock_parse("2026-11-28T23:30", &t), 0);  /* local */
	clock_fix(t);
	clock_today(day);
	assert_string_equal(day, "2026-11-28");
	clock_stamp(ts);
	assert_string_equal(ts, "2026-11-28T15:30:00.000Z");
	assert_int_equal(clock_parse("2026-11-28T15:30:00Z", &t), 0);
	clock_fix(t);
	clock_stamp(ts);
	assert_string_equal(ts, "2026-11-28T15:30:00.000Z");
	assert_int_equal(clock_parse("@86400", &t), 0);
	assert_int_equal((long)t, 86400);
	assert_int_equal(clock_parse("2026-11-28T25:00", &t), -1);
	clock_fix(-1);
	tu_zone("UTC");
}

/* Stored stamps are UTC; people read them in local time. */
static void test_local(void **s)
{
	(void)s;
	char l[CLOCK_LOCAL];
	tu_zone("Asia/Shanghai");
	clock_local("2026-11-28T15:30:00.000Z", l);
	assert_string_equal(l, "2026-11-28 23:30");
	clock_local("2026-12-31T16:05:59.999Z", l);
	assert_string_equal(l, "2027-01-01 00:05");
	clock_local("not a stamp", l);
	assert_string_equal(l, "");
	clock_local(NULL, l);
	assert_string_equal(l, "");
	tu_zone("UTC");
}

/* clock.c names the zone once when TZ is unset (so mktime stops stating
 * /etc/localtime at every call): the times it gives are mktime's own, and
 * a zone set later is still the one used. Also the stamp, formatted by
 * hand, against strftime. */
static void test_zone_unset(void **s)
{
	(void)s;
	unsetenv("TZ");
	tzset();
	struct tm tm = { .tm_year = 126, .tm_mon = 5, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1 };
	time_t want = mktime(&tm), t;
	assert_int_equal(clock_parse("2026-06-01T12:00", &t), 0);
	assert_true(t == want);
	char day[CLOCK_DAY];
	assert_int_equal(clock_day_add("2026-02-27", 2, day), 0);
	assert_string_equal(day, "2026-03-01");
	tu_zone("America/New_York");
	assert_int_equal(clock_parse("2026-06-01T12:00", &t), 0);
	assert_true(t == 1780329600); /* 16:00Z: EDT */
	char ts[CLOCK_TS], want_ts[CLOCK_TS];
	for (time_t x = 0; x < 4000000000; x += 86400 * 97 + 3671) {
		struct tm g;
		clock_fix(x);
		clock_stamp(ts);
		gmtime_r(&x, &g);
		strftime(want_ts, sizeof want_ts, "%Y-%m-%dT%H:%M:%S.000Z", &g);
		assert_string_equal(ts, want_ts);
	}
	clock_fix(-1);
	tu_zone("UTC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_add),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_validity),
		cmocka_unit_test(test_fixed_clock),
		cmocka_unit_test(test_zone_unset),
	};
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
