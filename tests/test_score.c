/* test_score: scoring rules with hand-computed expectations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "core/score.h"
#include "testutil.h"

static struct checklist cl;

static int setup(void **s) { (void)s; tu_checklist(&cl); return 0; }
static int teardown(void **s) { (void)s; checklist_clear(&cl); return 0; }

#define A(item, v, pts) { (item), (v), (pts), 0 }

static void test_normalize(void **s)
{
	(void)s;
	int v, e;
	const char *why;
	/* points item: 3 of 5 is a fail earning 3; 5 of 5 a pass */
	assert_int_equal(score_normalize(&cl.items[0], V_NONE, 3, &v, &e, &why), 0);
	assert_int_equal(v, V_FAIL);
	assert_int_equal(e, 3);
	assert_int_equal(score_normalize(&cl.items[0], V_NONE, 5, &v, &e, &why), 0);
	assert_int_equal(v, V_PASS);
	assert_int_equal(score_normalize(&cl.items[0], V_NONE, 6, &v, &e, &why), -1);
	assert_int_equal(score_normalize(&cl.items[0], V_NONE, -1, &v, &e, &why), -1);
	/* pass/fail item cannot take points */
	assert_int_equal(score_normalize(&cl.items[1], V_NONE, 2, &v, &e, &why), -1);
	assert_int_equal(score_normalize(&cl.items[1], V_PASS, 0, &v, &e, &why), 0);
	assert_int_equal(e, 3);
	/* S3 does not allow n/a */
	assert_int_equal(score_normalize(&cl.items[4], V_NA, 0, &v, &e, &why), -1);
	assert_int_equal(score_normalize(&cl.items[4], V_NOT_OBSERVED, 0, &v, &e, &why), 0);
}

static void test_stall_basic(void **s)
{
	(void)s;
	struct stall_score ss;
	/* veg stall: S1 2/3, S3 pass 4/4 -> 6/7 = 85.714... shown and kept as 85.7 -> pass */
	struct sc_answer a[] = { A(2, V_NONE, 2), A(4, V_PASS, 0) };
	score_stall(&cl, 0, a, 2, &ss);
	assert_int_equal(ss.p.applicable, 2);
	assert_int_equal(ss.p.answered, 2);
	assert_true(ss.score == 85.7);
	assert_true(fabs(ss.ratio - 6.0 / 7.0) < 1e-12);
	assert_int_equal(ss.band, BAND_PASS);
	assert_int_equal(ss.p.fails, 1);
	assert_int_equal(ss.p.critical_fails, 0);
}

static void test_stall_na_leaves_both(void **s)
{
	(void)s;
	struct stall_score ss;
	/* cooked: S1 n/a, S2 pass -> 2/2 = 100 */
	struct sc_answer a[] = { A(2, V_NA, 0), A(3, V_PASS, 0) };
	score_stall(&cl, 1, a, 2, &ss);
	assert_true(fabs(ss.score - 100.0) < 1e-9);
	assert_int_equal(ss.band, BAND_GOOD);
}

static void test_stall_all_na(void **s)
{
	(void)s;
	struct stall_score ss;
	struct sc_answer a[] = { A(2, V_NA, 0), A(3, V_NOT_OBSERVED, 0) };
	score_stall(&cl, 1, a, 2, &ss);
	assert_true(ss.score < 0);
	assert_int_equal(ss.band, BAND_NONE);
	assert_int_equal(ss.p.answered, 2);
}

static void test_stall_critical_by_type(void **s)
{
	(void)s;
	struct stall_score ss;
	/* cooked: S1 3/3, S2 fail (critical at cooked) -> 3/5 = 60, fail, 1 critical */
	struct sc_answer a[] = { A(2, V_NONE, 3), A(3, V_FAIL, 0) };
	score_stall(&cl, 1, a, 2, &ss);
	assert_int_equal(ss.p.critical_fails, 1);
	assert_int_equal(ss.band, BAND_FAIL);
	/* the same item at a veg stall does not apply: ignored by applicability? It is
	 * not critical for veg (critical_types has cooked only) */
	assert_false(checklist_item_critical(&cl.items[3], 0));
	assert_true(checklist_item_critical(&cl.items[3], 1));
}

static void test_critical_beats_points(void **s)
{
	(void)s;
	struct score_part mw;
	struct stall_score st[1];
	struct market_score ms;
	/* market: M1 5/5, M2 fail (critical) -> 5/8; stall 100% */
	struct sc_answer m[] = { A(0, V_NONE, 5), A(1, V_FAIL, 0) };
	struct sc_answer a[] = { A(2, V_NONE, 3), A(4, V_PASS, 0) };
	score_market_items(&cl, m, 2, &mw);
	score_stall(&cl, 0, a, 2, &st[0]);
	score_market(&cl, &mw, st, 1, &ms);
	/* 60 * 5/8 + 40 * 1 = 77.5 -> would be pass, but critical -> fail */
	assert_true(fabs(ms.score - 77.5) < 1e-9);
	assert_int_equal(ms.critical_fails, 1);
	assert_int_equal(ms.band, BAND_FAIL);
}

static void test_market_combination(void **s)
{
	(void)s;
	struct score_part mw;
	struct stall_score st[2];
	struct market_score ms;
	struct sc_answer m[] = { A(0, V_NONE, 4), A(1, V_PASS, 0) };      /* 7/8 */
	struct sc_answer a1[] = { A(2, V_NONE, 3), A(4, V_PASS, 0) };     /* veg 7/7 = 1 */
	struct sc_answer a2[] = { A(2, V_NONE, 1), A(3, V_PASS, 0) };     /* cooked 3/5 = .6 */
	score_market_items(&cl, m, 2, &mw);
	score_stall(&cl, 0, a1, 2, &st[0]);
	score_stall(&cl, 1, a2, 2, &st[1]);
	score_market(&cl, &mw, st, 2, &ms);
	/* 60 * 0.875 + 40 * 0.8 = 52.5 + 32 = 84.5 */
	assert_true(fabs(ms.score - 84.5) < 1e-9);
	assert_int_equal(ms.stalls_scored, 2);
	assert_int_equal(ms.band, BAND_PASS);
}

static void test_zero_stalls_rescales(void **s)
{
	(void)s;
	struct score_part mw;
	struct market_score ms;
	struct sc_answer m[] = { A(0, V_NONE, 5), A(1, V_PASS, 0) };
	score_market_items(&cl, m, 2, &mw);
	score_market(&cl, &mw, NULL, 0, &ms);
	assert_true(fabs(ms.score - 100.0) < 1e-9);
	assert_int_equal(ms.band, BAND_GOOD);
	assert_true(ms.stall_mean < 0);
}

static void test_nothing_scorable(void **s)
{
	(void)s;
	struct score_part mw;
	struct market_score ms;
	score_market_items(&cl, NULL, 0, &mw);
	score_market(&cl, &mw, NULL, 0, &ms);
	assert_true(ms.score < 0);
	assert_int_equal(ms.band, BAND_NONE);
}

static void test_only_critical_failures(void **s)
{
	(void)s;
	struct score_part mw;
	struct market_score ms;
	struct sc_answer m[] = { A(1, V_FAIL, 0) };
	score_market_items(&cl, m, 1, &mw);
	score_market(&cl, &mw, NULL, 0, &ms);
	assert_true(fabs(ms.score - 0.0) < 1e-9);
	assert_int_equal(ms.critical_fails, 1);
	assert_int_equal(ms.band, BAND_FAIL);
}

/* One rounding (issue 15, 1): the market score is rounded once, from the
 * unrounded stall ratios, and the band comes from that rounded score. */
static void test_one_rounding(void **s)
{
	(void)s;
	char buf[16];
	/* 60 x 47/52 + 40 x 25/28 = 89.9450...: shown 89.9, band pass */
	assert_true(score_round(60.0 * 47 / 52 + 40.0 * 25 / 28) == 89.9);
	assert_int_equal(score_band(&cl.rules, 60.0 * 47 / 52 + 40.0 * 25 / 28, 0), BAND_PASS);
	assert_true(score_round(89.95) == 90.0);
	assert_true(score_round(75.25 - 1e-12) == 75.3); /* binary noise of an exact .x5 */
	assert_true(score_round(score_round(89.94)) == 89.9);
	assert_true(score_round(-1) == -1);
	assert_string_equal(score_text(60.0 * 47 / 52 + 40.0 * 25 / 28, "--", buf, sizeof buf), "89.9");
	assert_string_equal(score_text(-1, "--", buf, sizeof buf), "--");

	/* the market mean takes the stalls unrounded: two stalls of 2/3
	 * (66.666..., each shown 66.7) give 66.7, not the mean of shown values
	 * rescaled; with no market part the score is the stall mean */
	struct score_part mw;
	struct stall_score st[2];
	struct market_score ms;
	struct sc_answer a1[] = { A(2, V_NONE, 2) };
	score_market_items(&cl, NULL, 0, &mw);
	score_stall(&cl, 0, a1, 1, &st[0]);
	score_stall(&cl, 0, a1, 1, &st[1]);
	assert_true(st[0].score == 66.7);
	score_market(&cl, &mw, st, 2, &ms);
	assert_true(ms.score == 66.7);
	assert_true(fabs(ms.stall_mean - 2.0 / 3.0) < 1e-12);
}

static void test_band_edges(void **s)
{
	(void)s;
	assert_int_equal(score_band(&cl.rules, 90.0, 0), BAND_GOOD);
	assert_int_equal(score_band(&cl.rules, 89.96, 0), BAND_GOOD); /* shows as 90.0 */
	assert_int_equal(score_band(&cl.rules, 89.94, 0), BAND_PASS);
	assert_int_equal(score_band(&cl.rules, 70.0, 0), BAND_PASS);
	assert_int_equal(score_band(&cl.rules, 69.9, 0), BAND_FAIL);
	assert_int_equal(score_band(&cl.rules, 100.0, 1), BAND_FAIL);
	assert_int_equal(score_band(&cl.rules, -1, 0), BAND_NONE);
	assert_string_equal(band_code(BAND_PASS), "pass");
	assert_int_equal(band_from_code("fail"), BAND_FAIL);
	assert_string_equal(band_label(BAND_FAIL, LANG_ZH), "不合格");
	assert_int_equal(verdict_from_name("not_observed"), V_NOT_OBSERVED);
	assert_int_equal(verdict_from_name("bogus"), V_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_stall_basic),
		cmocka_unit_test(test_stall_na_leaves_both),
		cmocka_unit_test(test_stall_all_na),
		cmocka_unit_test(test_stall_critical_by_type),
		cmocka_unit_test(test_critical_beats_points),
		cmocka_unit_test(test_market_combination),
		cmocka_unit_test(test_zero_stalls_rescales),
		cmocka_unit_test(test_nothing_scorable),
		cmocka_unit_test(test_only_critical_failures),
		cmocka_unit_test(test_one_rounding),
		cmocka_unit_test(test_band_edges),
	};
	return cmocka_run_group_tests_name("score", tests, setup, teardown);
}
