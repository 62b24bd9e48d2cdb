/* test_score: scoring rules with hand-computed expectations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "config/template.h"
#include "core/score.h"
#include "testutil.h"

static struct checklist cl;

static int setup(void **s) { (void)s; tu_checklist(&cl); return 0; }
static int teardown(void **s) { (void)s; checklist_clear(&cl); return 0; }

#define A(item, v, pts) { (item), (v), (pts), 0 }

static void test_normalize(void **s)
{
	(void)s;
	int v;
	double e;
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

/* The default checklist scores as it did before the template format grew
 * (issue 15): a few answer sets computed by hand from docs/scoring.md. */
static void test_default_checklist_pinned(void **s)
{
	(void)s;
	struct checklist d;
	struct sc_err err;
	assert_int_equal(template_load(tu_datafile("templates/gbt21720-market.ini"), &d, NULL, &err), SC_OK);
	int h01 = checklist_item_index(&d, "H01"), h02 = checklist_item_index(&d, "H02");
	int h06 = checklist_item_index(&d, "H06"), h21 = checklist_item_index(&d, "H21");
	int h22 = checklist_item_index(&d, "H22"), h26 = checklist_item_index(&d, "H26");
	int veg = checklist_type_index(&d, "veg"), cooked = checklist_type_index(&d, "cooked");
	struct score_part mw;
	struct stall_score st[1];
	struct market_score ms;

	/* market H01 5/5, H02 2/3, H06 fail 0/3: 7/11; veg stall H21 3/3, H22 fail: 3/5
	 * 60 x 7/11 + 40 x 0.6 = 38.18 + 24 = 62.2 -> 不合格; the stall 60.0 -> 不合格 */
	struct sc_answer m1[] = { A(h01, V_NONE, 5), A(h02, V_NONE, 2), A(h06, V_FAIL, 0) };
	struct sc_answer a1[] = { A(h21, V_NONE, 3), A(h22, V_FAIL, 0) };
	score_market_items(&d, m1, 3, &mw);
	score_stall(&d, veg, a1, 2, &st[0]);
	score_market(&d, &mw, st, 1, &ms);
	assert_true(st[0].score == 60.0);
	assert_int_equal(st[0].band, BAND_FAIL);
	assert_true(ms.score == 62.2);
	assert_int_equal(ms.band, BAND_FAIL);
	assert_string_equal(band_code(score_band_class(&d.rules, ms.band)), "fail");
	assert_string_equal(score_band_grade(&d.rules, ms.band), "");

	/* H01 5/5; cooked stall H21 3/3, H26 fail (critical at cooked): 3/6 = 50.0;
	 * 60 x 1 + 40 x 0.5 = 80.0, but the critical failure makes it 不合格 */
	struct sc_answer m2[] = { A(h01, V_NONE, 5) };
	struct sc_answer a2[] = { A(h21, V_NONE, 3), A(h26, V_FAIL, 0) };
	score_market_items(&d, m2, 1, &mw);
	score_stall(&d, cooked, a2, 2, &st[0]);
	score_market(&d, &mw, st, 1, &ms);
	assert_true(ms.score == 80.0);
	assert_int_equal(ms.critical_fails, 1);
	assert_int_equal(ms.band, BAND_FAIL);

	/* everything passed: 100.0 好 */
	struct sc_answer m3[] = { A(h01, V_NONE, 5), A(h02, V_NONE, 3) };
	struct sc_answer a3[] = { A(h21, V_NONE, 3), A(h22, V_PASS, 0) };
	score_market_items(&d, m3, 2, &mw);
	score_stall(&d, veg, a3, 2, &st[0]);
	score_market(&d, &mw, st, 1, &ms);
	assert_true(ms.score == 100.0);
	assert_int_equal(ms.band, BAND_GOOD);
	assert_string_equal(score_band_name(&d.rules, ms.band, LANG_ZH), "好");
	checklist_clear(&d);
}

static const char demerit_tpl[] =
	"[template]\nid = d\nversion = 1\nlanguages = en\ntitle_en = D\n"
	"[scoring]\nmarket_points = 50\nstall_points = 50\nmarket_items_total = 40\nmode = demerit\n"
	"[band.good]\nmin = 80\nname_en = Good\n[band.ok]\nmin = 45\nname_en = OK\n"
	"[band.poor]\nmin = 0\nname_en = Poor\n"
	"[category.c]\nname_en = C\n[area.a]\nname_en = A\n[type.t]\nname_en = T\n"
	"[item.M1]\nlevel = market\ncategory = c\narea = a\ntext_en = m1\nanswer = points\n"
	"points = 10\ndeadline_days = 1\n"
	"[item.M2]\nlevel = market\ncategory = c\narea = a\ntext_en = m2\nanswer = passfail\n"
	"points = 30\ndeadline_days = 1\n"
	"[item.S1]\nlevel = stall\ncategory = c\napplies = t\ntext_en = s1\nanswer = passfail\n"
	"points = 80\ndeadline_days = 1\n"
	"[item.S2]\nlevel = stall\ncategory = c\napplies = t\ntext_en = s2\nanswer = points\n"
	"points = 40\ndeadline_days = 1\n";

/* mode = demerit: each part is 100 minus the points lost, floored at 0 */
static void test_demerit(void **s)
{
	(void)s;
	struct checklist d;
	struct sc_err err;
	assert_int_equal(template_load_text(demerit_tpl, "d.ini", &d, NULL, &err), SC_OK);
	assert_true(d.rules.demerit);
	assert_int_equal(d.rules.nbands, 3);
	struct score_part mw;
	struct stall_score st[2];
	struct market_score ms;
	/* market: M1 4 of 10 (-6), M2 fail (-30): 100 - 36 = 64 */
	struct sc_answer m[] = { A(0, V_NONE, 4), A(1, V_FAIL, 0) };
	/* stall 1: S1 pass, S2 10 of 40 (-30): 70; stall 2: -80 - 40 = -120: floored at 0 */
	struct sc_answer a1[] = { A(2, V_PASS, 0), A(3, V_NONE, 10) };
	struct sc_answer a2[] = { A(2, V_FAIL, 0), A(3, V_NONE, 0) };
	score_market_items(&d, m, 2, &mw);
	score_stall(&d, 0, a1, 2, &st[0]);
	score_stall(&d, 0, a2, 2, &st[1]);
	assert_true(st[0].score == 70.0);
	assert_true(st[1].score == 0.0);
	assert_string_equal(score_band_name(&d.rules, st[0].band, LANG_EN), "OK");
	assert_string_equal(score_band_name(&d.rules, st[1].band, LANG_EN), "Poor");
	score_market(&d, &mw, st, 2, &ms);
	/* 100 x (50 x 0.64 + 50 x (0.7 + 0) / 2) / 100 = 32 + 17.5 = 49.5 -> OK */
	assert_true(ms.score == 49.5);
	assert_string_equal(score_band_name(&d.rules, ms.band, LANG_EN), "OK");
	assert_int_equal(score_band_class(&d.rules, ms.band), BAND_PASS);
	assert_string_equal(score_band_grade(&d.rules, ms.band), "ok");
	char f[512];
	assert_non_null(strstr(score_formula(&d, &ms, LANG_EN, f, sizeof f),
			       "market-wide 100 - (40 - 4) = 64 -> 0.640000"));
	assert_non_null(strstr(f, "score = 100 × (50 × 0.640000 + 50 × 0.350000) ÷ 100 = 49.5"));
	checklist_clear(&d);
}

static const char weighted_tpl[] =
	"[template]\nid = w\nversion = 1\nlanguages = en\ntitle_en = W\n"
	"[scoring]\nmarket_points = 50\nstall_points = 50\nmarket_items_total = 8\n"
	"band_good = 85\nband_pass = 70\n"
	"[category.fac]\nname_en = Facility\nweight = 30\n"
	"[category.food]\nname_en = Food\nweight = 70\n"
	"[area.a]\nname_en = A\n[type.t]\nname_en = T\n"
	"[item.M1]\nlevel = market\ncategory = fac\narea = a\ntext_en = m1\nanswer = passfail\n"
	"points = 4\ndeadline_days = 1\n"
	"[item.M2]\nlevel = market\ncategory = food\narea = a\ntext_en = m2\nanswer = passfail\n"
	"points = 4\ndeadline_days = 1\n"
	"[item.S1]\nlevel = stall\ncategory = fac\napplies = t\ntext_en = s1\nanswer = passfail\n"
	"points = 4\ndeadline_days = 1\n"
	"[item.S2]\nlevel = stall\ncategory = food\napplies = t\ntext_en = s2\nanswer = points\n"
	"points = 11\ndeadline_days = 1\n";

/* [category.X] weight: each part is the weighted mean of its categories'
 * ratios, and the formula line says so for the stalls as for the market
 * (a stall's earned/possible would give another number) */
static void test_category_weights(void **s)
{
	(void)s;
	struct checklist w;
	struct sc_err err;
	assert_int_equal(template_load_text(weighted_tpl, "w.ini", &w, NULL, &err), SC_OK);
	assert_true(w.rules.category_weights);
	struct score_part mw;
	struct stall_score st[1];
	struct market_score ms;
	/* market: facility fail 0/4, food pass 4/4: 0.3 x 0 + 0.7 x 1 = 0.70 (4/8 unweighted) */
	struct sc_answer m[] = { A(0, V_FAIL, 0), A(1, V_PASS, 0) };
	/* stall: facility pass 4/4, food 0 of 11: 0.30 (4/15 unweighted) */
	struct sc_answer a[] = { A(2, V_PASS, 0), A(3, V_NONE, 0) };
	score_market_items(&w, m, 2, &mw);
	score_stall(&w, 0, a, 2, &st[0]);
	assert_true(fabs(mw.ratio - 0.7) < 1e-9);
	assert_true(st[0].score == 30.0);
	assert_true(st[0].p.earned == 4 && st[0].p.possible == 15);
	score_market(&w, &mw, st, 1, &ms);
	assert_true(ms.score == 50.0);
	char f[512];
	assert_non_null(strstr(score_formula(&w, &ms, LANG_EN, f, sizeof f),
			       "market-wide 4/8, weighted by category = 0.700000"));
	assert_non_null(strstr(f, "stalls: mean of 1 ratios (each stall's ratio weighted by category) = 0.300000"));
	assert_null(strstr(f, "earned/possible"));
	assert_non_null(strstr(score_formula(&w, &ms, LANG_ZH, f, sizeof f), "各摊位按类别加权的比率"));
	assert_non_null(strstr(f, "计算：全场 4/8，按类别加权 = 0.700000；")); /* no English inside */
	/* a category with nothing scorable drops out: food only, 0 of 11 */
	score_stall(&w, 0, a + 1, 1, &st[0]);
	assert_true(st[0].score == 0.0);
	checklist_clear(&w);
}

/* Decimal points and weights (points = 2.5, weight = 12.5), by hand:
 *   market: M1 fac 2.5 pass, M2 food 1.25 fail, M3 food 0.75 pass
 *     fac 2.5/2.5 = 1, food 0.75/2 = 0.375
 *     ratio = (12.5 x 1 + 87.5 x 0.375) / 100 = (12.5 + 32.8125) / 100 = 0.453125
 *   stall: S1 fac 2.5 fail -> 0/2.5, S2 food 1.25 pass -> 1.25/1.25
 *     ratio = (12.5 x 0 + 87.5 x 1) / 100 = 0.875 -> 87.5
 *   score = 100 x (55 x 0.453125 + 45 x 0.875) / 100 = 24.921875 + 39.375 = 64.296875 -> 64.3
 * The sums are exact (3.25/4.5, 1.25/3.75): whole-number code rejected 2.5
 * at load and would have truncated it. */
static const char decimal_tpl[] =
	"[template]\nid = d\nversion = 1\nlanguages = en\ntitle_en = D\n"
	"[scoring]\nmarket_points = 55\nstall_points = 45\nmarket_items_total = 4.5\n"
	"[band.good]\nmin = 87\nname_en = Good\n[band.fail]\nmin = 0\nname_en = Fail\n"
	"[category.fac]\nname_en = Facility\nweight = 12.5\n"
	"[category.food]\nname_en = Food\nweight = 87.5\n"
	"[area.a]\nname_en = A\n[type.t]\nname_en = T\n"
	"[item.M1]\nlevel = market\ncategory = fac\narea = a\ntext_en = m1\nanswer = passfail\n"
	"points = 2.5\ndeadline_days = 1\n"
	"[item.M2]\nlevel = market\ncategory = food\narea = a\ntext_en = m2\nanswer = passfail\n"
	"points = 1.25\ndeadline_days = 1\n"
	"[item.M3]\nlevel = market\ncategory = food\narea = a\ntext_en = m3\nanswer = passfail\n"
	"points = 0.75\ndeadline_days = 1\n"
	"[item.S1]\nlevel = stall\ncategory = fac\napplies = t\ntext_en = s1\nanswer = passfail\n"
	"points = 2.5\ndeadline_days = 1\n"
	"[item.S2]\nlevel = stall\ncategory = food\napplies = t\ntext_en = s2\nanswer = passfail\n"
	"points = 1.25\ndeadline_days = 1\n";

static void test_decimal_points(void **s)
{
	(void)s;
	struct checklist d;
	struct sc_err err;
	assert_int_equal(template_load_text(decimal_tpl, "d.ini", &d, NULL, &err), SC_OK);
	assert_true(d.items[0].points == 2.5 && d.items[1].points == 1.25 && d.items[2].points == 0.75);
	assert_true(d.categories[0].weight == 12.5 && d.categories[1].weight == 87.5);
	struct score_part mw;
	struct stall_score st[1];
	struct market_score ms;
	struct sc_answer m[] = { A(0, V_PASS, 0), A(1, V_FAIL, 0), A(2, V_PASS, 0) };
	struct sc_answer a[] = { A(3, V_FAIL, 0), A(4, V_PASS, 0) };
	score_market_items(&d, m, 3, &mw);
	assert_true(mw.earned == 3.25 && mw.possible == 4.5);
	assert_true(fabs(mw.ratio - 0.453125) < 1e-12);
	score_stall(&d, 0, a, 2, &st[0]);
	assert_true(st[0].p.earned == 1.25 && st[0].p.possible == 3.75);
	assert_true(st[0].score == 87.5);
	assert_int_equal(st[0].band, 1); /* 87.5 >= 87: Good */
	score_market(&d, &mw, st, 1, &ms);
	assert_true(ms.score == 64.3);
	assert_int_equal(ms.band, 2);
	char f[512];
	assert_non_null(strstr(score_formula(&d, &ms, LANG_EN, f, sizeof f),
			       "market-wide 3.25/4.5, weighted by category = 0.453125"));
	assert_non_null(strstr(f, "score = 100 × (55 × 0.453125 + 45 × 0.875000) ÷ 100 = 64.3"));
	/* a half point given by spot grading and partial marks keeps its decimals */
	struct cl_item it = d.items[0];
	double e;
	int v;
	const char *why;
	it.minor_spots = 2;
	it.minor_points = 1.25;
	assert_int_equal(score_normalize(&it, V_FAIL, 0, &v, &e, &why), 0);
	assert_true(score_spot_earned(&it, v, 1, e) == 1.25);
	checklist_clear(&d);
}

/* The new answers: corrected on site is scored as the fail it was, a
 * partial answer earns the template's share, an informational item is
 * recorded and never scored, spot-count grading earns minor_points. */
static void test_new_answers(void **s)
{
	(void)s;
	struct cl_item it = { .kind = KIND_PASSFAIL, .points = 4, .partial_points = -1, .severity = -1 };
	int v;
	double e;
	const char *why;
	assert_int_equal(score_normalize(&it, V_CORRECTED, 0, &v, &e, &why), 0);
	assert_int_equal(v, V_CORRECTED);
	assert_int_equal(e, 0);
	assert_true(verdict_is_problem(V_CORRECTED) && verdict_is_problem(V_PARTIAL));
	assert_int_equal(score_normalize(&it, V_PARTIAL, 0, &v, &e, &why), -1);
	it.partial_points = 2;
	assert_int_equal(score_normalize(&it, V_PARTIAL, 0, &v, &e, &why), 0);
	assert_int_equal(e, 2);
	it.minor_spots = 2;
	it.minor_points = 3;
	assert_int_equal(score_spot_earned(&it, V_FAIL, 2, 0), 3);
	assert_int_equal(score_spot_earned(&it, V_FAIL, 3, 0), 0);
	assert_int_equal(score_spot_earned(&it, V_FAIL, 0, 0), 0);
	struct score_part p = { 0 };
	score_part_add(&p, &it, -1, V_CORRECTED, 0);
	assert_int_equal(p.fails, 1);
	assert_int_equal(p.corrected, 1);
	assert_true(p.possible == 4);
	struct cl_item info = { .kind = KIND_PASSFAIL, .points = 0, .severity = -1 };
	score_part_add(&p, &info, -1, V_FAIL, 0);
	assert_int_equal(p.fails, 1);
	assert_int_equal(p.info_fails, 1);
	assert_true(p.possible == 4);
	assert_false(checklist_item_rectifies(&info));
	assert_int_equal(verdict_from_name("corrected"), V_CORRECTED);
	assert_int_equal(verdict_from_name("partial"), V_PARTIAL);
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
		cmocka_unit_test(test_default_checklist_pinned),
		cmocka_unit_test(test_demerit),
		cmocka_unit_test(test_category_weights),
		cmocka_unit_test(test_decimal_points),
		cmocka_unit_test(test_new_answers),
	};
	return cmocka_run_group_tests_name("score", tests, setup, teardown);
}
