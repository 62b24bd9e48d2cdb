/* test_template: the shipped checklists load clean and hold what the domain
 * reference says; every kind of error is reported with its line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iniparser.h>

#include "config/ini.h"
#include "config/template.h"
#include "config/tplcache.h"
#include "core/store.h"
#include "testutil.h"

/* A small valid template; tests replace single lines of it. */
static const char *base[] = {
	"[template]",                 /* 1 */
	"id = t",
	"version = 1",
	"languages = zh, en",
	"title_zh = 测试",
	"title_en = Test",            /* 6 */
	"[scoring]",
	"market_points = 60",
	"stall_points = 40",
	"market_items_total = 5",     /* 10 */
	"band_good = 90",
	"band_pass = 70",
	"[category.hygiene]",
	"name_zh = 卫生",
	"name_en = Hygiene",          /* 15 */
	"[area.whole]",
	"name_zh = 全场",
	"name_en = Whole",
	"[type.veg]",
	"name_zh = 蔬菜",             /* 20 */
	"name_en = Veg",
	"[item.M1]",
	"level = market",
	"category = hygiene",
	"area = whole",               /* 25 */
	"text_zh = 地面",
	"text_en = Floor",
	"answer = points",
	"points = 5",
	"deadline_days = 3",          /* 30 */
	"[item.S1]",
	"level = stall",
	"category = hygiene",
	"applies = veg",
	"text_zh = 摊位",             /* 35 */
	"text_en = Stall",
	"answer = passfail",
	"points = 2",
	"deadline_days = 3",          /* 39 */
};
#define NBASE ((int)(sizeof base / sizeof base[0]))

/* The base text with line `line` replaced by `with` (line 0: none) and
 * `append` added at the end (may be NULL). Static buffer. */
static const char *variant(int line, const char *with, const char *append)
{
	static char buf[16384];
	size_t n = 0;
	for (int i = 0; i < NBASE; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n", i + 1 == line ? with : base[i]);
	if (append)
		snprintf(buf + n, sizeof buf - n, "%s", append);
	return buf;
}

/* text with its first `from` replaced by `to`. Static buffer. */
static const char *swap(const char *text, const char *from, const char *to)
{
	static char buf[16384];
	const char *at = strstr(text, from);
	assert_non_null(at);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	return buf;
}

/* Load text; expect failure and a problem on `line` containing `msg`. */
static void expect_problem(const char *text, int line, const char *msg)
{
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	int found = 0;

	assert_int_equal(template_load_text(text, "t.ini", &cl, &rep, &err), SC_ERR_INVALID);
	assert_int_equal(cl.nitems, 0);
	assert_true(strncmp(err.msg, "t.ini:", 6) == 0);
	for (int i = 0; i < rep.n; i++)
		if (rep.v[i].line == line && strstr(rep.v[i].msg, msg))
			found = 1;
	if (!found) {
		fprintf(stderr, "wanted line %d '%s', got:\n", line, msg);
		cfg_report_print(&rep, stderr);
	}
	assert_true(found);
	cfg_report_free(&rep);
}

static void test_base_is_valid(void **s)
{
	(void)s;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	assert_int_equal(template_load_text(variant(0, NULL, NULL), "t.ini", &cl, &rep, &err), SC_OK);
	assert_int_equal(rep.n, 0);
	assert_int_equal(cl.nitems, 2);
	assert_string_equal(cl.items[0].id, "M1");
	assert_int_equal(cl.items[0].line, 22);
	assert_int_equal(cl.items[1].line, 31);
	assert_int_equal(cl.items[1].allow_na, 1);
	assert_int_equal(cl.items[1].allow_not_observed, 1);
	assert_int_equal(cl.langs, (1u << LANG_ZH) | (1u << LANG_EN));
	checklist_clear(&cl);
}

static int count_lines_starting(const char *text, const char *prefix)
{
	int n = 0;
	size_t pl = strlen(prefix);
	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, prefix, pl) == 0)
			n++;
	}
	return n;
}

/* ini_parse reads the values itself, as iniparser 4.1 does: for every key
 * it keeps, ini_get's value is iniparser_getstring's over iniparser's own
 * load of the same text, and it refuses exactly the files iniparser
 * refuses (a problem is still reported either way). */
static int ini_quiet(const char *fmt, ...)
{
	(void)fmt; /* iniparser's own messages: the comparison is the test */
	return 0;
}

static void ini_same_as_iniparser(const char *text, size_t len)
{
	struct ini_doc doc;
	struct cfg_report rep = { 0 };
	const char *path = tu_path("iniparser.ini");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	iniparser_set_error_callback(ini_quiet);
	dictionary *d = iniparser_load(path);
	int rc = ini_parse(&doc, text, len, "t.ini", &rep);
	assert_int_equal(rc, d ? 0 : -1);
	for (int i = 0; i < doc.nsecs; i++) {
		assert_ptr_equal(ini_section(&doc, doc.secs[i].name), &doc.secs[i]);
		for (int k = 0; k < doc.secs[i].nkeys; k++) {
			char full[256];
			snprintf(full, sizeof full, "%s:%s", doc.secs[i].name, doc.secs[i].keys[k].name);
			const char *want = d ? iniparser_getstring(d, full, NULL) : NULL;
			const char *got = ini_get(&doc, doc.secs[i].name, doc.secs[i].keys[k].name, NULL);
			if (!want || !got)
				assert_ptr_equal(got, want);
			else
				assert_string_equal(got, want);
		}
		assert_null(ini_get(&doc, doc.secs[i].name, "no_such_key", NULL));
	}
	assert_null(ini_section(&doc, "no.such.section"));
	if (d)
		iniparser_freedict(d);
	ini_free(&doc);
	cfg_report_free(&rep);
}

static void ini_same_text(const char *text) { ini_same_as_iniparser(text, strlen(text)); }

static void ini_same_file(const char *name)
{
	struct sc_err err;
	size_t len;
	char *text = template_read_file(tu_datafile(name), &len, &err);
	assert_non_null(text);
	ini_same_as_iniparser(text, strlen(text));
	free(text);
}

static void test_ini_values(void **s)
{
	(void)s;
	ini_same_text("[Template]\nID = T1\nid = t2\nTitle_ZH = \"甲;乙 # 丙\"\n"
		      "empty =\n[b]\nx = 1 ; note\ny = 'q'\n[template]\nversion = 3\n"
		      "id = t3\n[a.Z-1]\nk = v\n");
	/* quoting as iniparser 4.1 reads it: spaces kept inside quotes, a
	 * value cut at its second quote or at ';'/'#', "" and '' empty but
	 * not when quoted, an unclosed quote read as it stands, '=' kept */
	ini_same_text("[q]\na = \" x \"\nb = ' y '\nc = \"\"\nd = ''\ne = '\"\"'\nf = \"''\"\n"
		      "g = \"a\"b\nh = \"\" x\ni = \"\nj = 'open\nk = x=y\nl = ;c\nm = #c\n"
		      "n = a;b\no = a #b\np =\nq = \"a;b\" ; c\nr = \t v \t \n");
	/* a repeated section and "[]": iniparser goes on putting values in
	 * the section it was in (the repeat is reported), or in one named by
	 * that name's first letter */
	ini_same_text("[a]\nx = 1\ny = 2\n[b]\nz = 3\n[]\nz = 5\n[a]\nx = 4\n[ B ]\ny = 6\n"
		      "[bad name]\nz = 7\n");
	/* "[]" cuts iniparser's section name to the line's length less one */
	ini_same_text("[i]\nk = 0\n[item.x]\nk = 1\n[]\nk = 2\n");
	ini_same_text("[ab]\nk = 3\n[abc]\nk = 1\n[]]\nk = 2\n[ ]\nk = 4\n");
	/* continued lines, a key outside any section, a last line continued
	 * past the end or of one byte (iniparser never reads either) */
	ini_same_text("k = 0\n[c]\nlong = a\\\n  b\\\nc\nend = x\\");
	ini_same_text("[c]\nx = 1\nz");
	ini_same_text("[c]\nx = 1\n\n=\n");
	ini_same_text("[c]\nnot a key\nx = 1\n");
	ini_same_text("[c\nx = 1\n");
	/* a byte-order mark: iniparser reads it as part of the first line */
	ini_same_text("\xEF\xBB\xBF[c]\nx = 1\n");
	ini_same_text("\xEF\xBB\xBFk = 1\n[c]\nx = 1\n");
	ini_same_text("\xEF\xBB\xBF=v\n[c]\nx = 1\n");
	ini_same_text("[c]\r\nx = 1\r\ny = \"q\"\r\n");
	char big[1200];
	snprintf(big, sizeof big, "[c]\nx = %01030d\n", 1);
	ini_same_text(big);
	snprintf(big, sizeof big, "[%0200d]\nx = 1\n", 1);
	ini_same_text(big);
	/* the shipped checklists and settings, and the fuzzers' seeds */
	static const char *const files[] = {
		"templates/gbt21720-market.ini", "templates/generic-en.ini", "stallcheck.ini",
		"../fuzz/corpus/template/errors.ini", "../fuzz/corpus/template/small.ini",
		"../fuzz/corpus/template/empty.ini", "../fuzz/corpus/settings/bom-crlf.ini",
		"../fuzz/corpus/settings/broken.ini", "../fuzz/corpus/settings/errors.ini",
		"../fuzz/corpus/settings/full.ini", "../tests/templates/demerit-en.ini",
		"../tests/templates/foreign-en.ini",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		ini_same_file(files[i]);
}

static void test_default_checklist(void **s)
{
	(void)s;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	const char *path = tu_datafile("templates/gbt21720-market.ini");
	size_t len;
	char *text = template_read_file(path, &len, &err);
	assert_non_null(text);

	assert_int_equal(template_load(path, &cl, &rep, &err), SC_OK);
	assert_int_equal(rep.n, 0);
	assert_int_equal(cl.nitems, count_lines_starting(text, "[item."));
	assert_int_equal(cl.ntypes, count_lines_starting(text, "[type."));
	free(text);

	int market = 0, stall = 0, msum = 0;
	for (int i = 0; i < cl.nitems; i++) {
		const struct cl_item *it = &cl.items[i];
		if (it->level == LEVEL_MARKET) {
			market++;
			msum += it->points;
			assert_true(it->area >= 0);
		} else {
			stall++;
			assert_int_equal(it->area, -1);
		}
		assert_non_null(it->text[LANG_ZH]);
		assert_non_null(it->text[LANG_EN]);
		assert_true(it->deadline_days >= 1 && it->deadline_days <= 7);
		if (it->critical)
			assert_true(it->deadline_days <= 3);
	}
	assert_int_equal(market, 30);
	assert_int_equal(stall, 20);
	assert_int_equal(cl.ntypes, 14);
	assert_int_equal(cl.ncategories, 4);
	assert_int_equal(cl.nareas, 17);
	assert_int_equal(msum, 80);
	/* every area an inspector walks has items (cold store, store room,
	 * fire, parking, monitoring room had none), each with its basis */
	for (int a = 0; a < cl.nareas; a++) {
		int items = 0;
		for (int i = 0; i < cl.nitems; i++)
			items += cl.items[i].area == a && *checklist_basis(&cl.items[i], LANG_ZH);
		assert_true(items > 0);
	}
	assert_int_equal(cl.rules.market_items_total, 80);
	assert_int_equal(cl.rules.market_points + cl.rules.stall_points, 100);
	assert_int_equal(cl.rules.band_good, 90);
	assert_int_equal(cl.rules.band_pass, 70);
	assert_int_equal(cl.rules.critical_fails, 1);

	/* template order kept: market items first, F09 last of them */
	assert_string_equal(cl.items[0].id, "H01");
	assert_string_equal(cl.items[24].id, "Q06");
	assert_string_equal(cl.items[29].id, "F09");
	assert_string_equal(cl.items[49].id, "Q26");
	const struct cl_item *q06 = &cl.items[24];
	assert_int_equal(q06->kind, KIND_PASSFAIL);
	assert_int_equal(q06->points, 2);
	assert_true(q06->critical);

	int poultry = checklist_type_index(&cl, "poultry");
	int cooked = checklist_type_index(&cl, "cooked");
	int veg = checklist_type_index(&cl, "veg");
	int nonfood = checklist_type_index(&cl, "nonfood");
	assert_true(poultry >= 0 && cooked >= 0 && veg >= 0 && nonfood >= 0);

	/* Q25 applies to poultry only */
	const struct cl_item *q25 = &cl.items[checklist_item_index(&cl, "Q25")];
	for (int t = 0; t < cl.ntypes; t++)
		assert_int_equal(checklist_item_applies(q25, t), t == poultry);
	/* H26: every food type, critical for cooked but not for veg */
	const struct cl_item *h26 = &cl.items[checklist_item_index(&cl, "H26")];
	assert_true(checklist_item_critical(h26, cooked));
	assert_false(checklist_item_critical(h26, veg));
	assert_false(checklist_item_applies(h26, nonfood));
	assert_true(checklist_item_applies(h26, veg));
	/* H04 is a 0..5 points item at the toilet */
	const struct cl_item *h04 = &cl.items[checklist_item_index(&cl, "H04")];
	assert_int_equal(h04->kind, KIND_POINTS);
	assert_int_equal(h04->points, 5);
	assert_string_equal(cl.areas[h04->area].code, "toilet");
	assert_string_equal(cl.categories[h04->category].code, "hygiene");

	/* per type, by hand from the reference: cooked 17 items / 45 points,
	 * veg 11 items / 28 points, nonfood 7 items / 16 points */
	int idx[64], n, pts;
	struct { int type, items, points; } want[] = {
		{ cooked, 17, 45 }, { veg, 11, 28 }, { nonfood, 7, 16 },
	};
	for (int w = 0; w < 3; w++) {
		n = checklist_items_for(&cl, want[w].type, idx);
		pts = 0;
		for (int i = 0; i < n; i++)
			pts += cl.items[idx[i]].points;
		assert_int_equal(n, want[w].items);
		assert_int_equal(pts, want[w].points);
	}
	assert_int_equal(checklist_items_for(&cl, -1, idx), 30);
	assert_int_equal(strlen(cl.hash), 64);
	checklist_clear(&cl);
}

static void test_generic_template(void **s)
{
	(void)s;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	assert_int_equal(template_load(tu_datafile("templates/generic-en.ini"), &cl, &rep, &err), SC_OK);
	assert_int_equal(rep.n, 0);
	assert_int_equal(cl.langs, 1u << LANG_EN);
	assert_null(cl.title[LANG_ZH]);
	assert_int_equal(cl.rules.market_points, 50);
	int idx[64];
	assert_int_equal(checklist_items_for(&cl, -1, idx), 5);
	assert_int_equal(cl.nitems, 11);
	assert_true(cl.ntypes >= 3 && cl.ntypes <= 4);
	checklist_clear(&cl);
}

static void test_scanner_errors(void **s)
{
	(void)s;
	char longline[1200];
	/* invalid UTF-8 on line 7 */
	expect_problem(variant(6, "title_en = Test\n# caf\xe9 au lait", NULL), 7, "invalid UTF-8");
	/* a line iniparser rejects */
	expect_problem(variant(24, "category hygiene", NULL), 24, "iniparser rejects");
	expect_problem(variant(13, "[category.hygiene", NULL), 13, "must end with ']'");
	expect_problem(variant(20, "= 蔬菜", NULL), 20, "no key before");
	/* a line too long for iniparser */
	memset(longline, 'a', sizeof longline);
	memcpy(longline, "text_en = ", 10);
	longline[sizeof longline - 1] = '\0';
	expect_problem(variant(27, longline, NULL), 27, "longer than 1022");
	/* what iniparser accepts silently */
	expect_problem(variant(30, "points = 4", NULL), 30, "duplicate key 'points' in [item.m1] (first at line 29)");
	expect_problem(variant(0, NULL, "[type.veg]\nname_en = V\n"), 40, "duplicate section [type.veg]");
	expect_problem(variant(0, NULL, "[item.m1]\nlevel = market\n"), 40, "duplicate item id 'M1' (first at line 22)");
	expect_problem(variant(6, "title_en = \"Test", NULL), 6, "never closes");
	expect_problem(variant(27, "text_en = Floor;mop", NULL), 27, "';' in the value of 'text_en' starts a comment");
}

static void test_semantic_errors(void **s)
{
	(void)s;
	expect_problem(variant(0, NULL, "[bogus]\nx = 1\n"), 40, "unknown section [bogus]");
	expect_problem(variant(30, "colour = red", NULL), 30, "unknown key 'colour'");
	expect_problem(variant(30, "colour = red", NULL), 22, "needs 'deadline_days'");
	expect_problem(variant(35, "# no Chinese", NULL), 31, "has no text in 'zh'");
	expect_problem(variant(4, "languages = zh, fr", NULL), 4, "unknown language 'fr'");
	expect_problem(variant(29, "points = 101", NULL), 29, "0..100");
	/* points = 0 (informational) is for pass/fail items only */
	expect_problem(variant(29, "points = 0", NULL), 29, "answered passfail");
	expect_problem(variant(38, "points = two", NULL), 38, "got 'two'");
	expect_problem(variant(39, "deadline_days = 400", NULL), 39, "0..365");
	expect_problem(variant(12, "band_pass = 95", NULL), 12, "band_pass 95 must be below band_good 90");
	expect_problem(variant(9, "stall_points = 30", NULL), 9, "add up to 100");
	expect_problem(variant(10, "market_items_total = 6", NULL), 10, "points add up to 5");
	expect_problem(variant(34, "applies = veg, spaceship", NULL), 34, "unknown stall type 'spaceship'");
	expect_problem(variant(24, "category = nope", NULL), 24, "unknown category 'nope'");
	expect_problem(variant(25, "area = moon", NULL), 25, "unknown area 'moon'");
	expect_problem(variant(28, "answer = maybe", NULL), 28, "expected passfail or points");
	expect_problem(variant(32, "level = booth", NULL), 32, "expected market or stall");
	expect_problem(variant(37, "answer = passfail\ncritical_types = fruit", NULL), 38, "unknown stall type 'fruit'");
	expect_problem(variant(34, "area = whole", NULL), 31, "needs 'applies'");
	expect_problem(variant(34, "applies = veg\nna = perhaps", NULL), 35, "expected yes or no");
}

static void test_all_problems_collected(void **s)
{
	(void)s;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	char text[16384];
	/* three independent faults: points, category, deadline */
	snprintf(text, sizeof text, "%s", variant(29, "points = 500", NULL));
	char *p = strstr(text, "category = hygiene\napplies");
	assert_non_null(p);
	memcpy(p, "category = hygienx", 18);
	p = strstr(text, "deadline_days = 3\n");
	p = strstr(p + 1, "deadline_days = 3\n");
	memcpy(p, "deadline_days = -\n", 18);
	assert_int_equal(template_load_text(text, "t.ini", &cl, &rep, &err), SC_ERR_INVALID);
	int lines[] = { 29, 33, 39 };
	for (int k = 0; k < 3; k++) {
		int found = 0;
		for (int i = 0; i < rep.n; i++)
			found |= rep.v[i].line == lines[k];
		assert_true(found);
	}
	/* the report is in line order and err holds the first */
	for (int i = 1; i < rep.n; i++)
		assert_true(rep.v[i - 1].line <= rep.v[i].line);
	char want[64];
	snprintf(want, sizeof want, "t.ini:%d: ", rep.v[0].line);
	assert_true(strncmp(err.msg, want, strlen(want)) == 0);
	cfg_report_free(&rep);
	/* without a report, err still gets the first problem */
	assert_int_equal(template_load_text(text, "t.ini", &cl, NULL, &err), SC_ERR_INVALID);
	assert_true(strncmp(err.msg, "t.ini:10: ", 10) == 0); /* total no longer matches */
}

/* basis_zh / basis_en: optional, in every declared language when given,
 * and in the shipped checklist for every item */
static void test_basis(void **s)
{
	(void)s;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	assert_int_equal(template_load_text(variant(0, NULL, "basis_zh = \"GB/T 21720-2022 5.5；否决项\"\n"
							  "basis_en = \"GB/T 21720-2022 5.5; veto\"\n"),
					    "t.ini", &cl, &rep, &err), SC_OK);
	assert_string_equal(checklist_basis(&cl.items[1], LANG_ZH), "GB/T 21720-2022 5.5；否决项");
	assert_string_equal(checklist_basis(&cl.items[1], LANG_EN), "GB/T 21720-2022 5.5; veto");
	assert_string_equal(checklist_basis(&cl.items[0], LANG_EN), "");
	checklist_clear(&cl);
	expect_problem(variant(0, NULL, "basis_zh = \"否决项\"\n"), 31, "has no basis in 'en'");
	expect_problem(variant(0, NULL, "basis_zh = 创卫 #3\nbasis_en = x\n"), 40, "reads only '创卫'");

	assert_int_equal(template_load(tu_datafile("templates/gbt21720-market.ini"), &cl, &rep, &err), SC_OK);
	for (int i = 0; i < cl.nitems; i++) {
		assert_non_null(cl.items[i].basis[LANG_ZH]);
		assert_non_null(cl.items[i].basis[LANG_EN]);
	}
	checklist_clear(&cl);
	cfg_report_free(&rep);
}

/* Issue 15, 6: what iniparser cuts or what cannot work, at its line */
static void test_check_config_catches(void **s)
{
	(void)s;
	/* a quote inside a quoted value: iniparser stops at it */
	expect_problem(variant(27, "text_en = \"Wipe surfaces \"clean\" [C]\"", NULL), 27,
		       "iniparser reads 'text_en' as 'Wipe surfaces '");
	/* an unquoted text with ' #': the rest is a comment */
	expect_problem(variant(27, "text_en = Item #49 drains", NULL), 27, "reads only 'Item'");
	/* stall points with no stall item, and stall items worth nothing */
	expect_problem(variant(32, "level = market", NULL), 9, "stall_points is 40 but there is no stall item");
	expect_problem(variant(9, "stall_points = 0", NULL), 9, "stall_points is 0 but there are 1 stall items");
	/* critical everywhere and at some types */
	expect_problem(variant(0, NULL, "critical = yes\ncritical_types = veg\n"), 41,
		       "critical at every stall already");
	/* a stall type no item applies to */
	expect_problem(variant(0, NULL, "[type.fish]\nname_zh = 鱼\nname_en = Fish\n"), 40,
		       "[type.fish]: no stall item applies");
	/* Chinese text in an English-only template */
	expect_problem(variant(4, "languages = en", NULL), 5, "'zh' is not one of the template's languages");
	expect_problem(variant(4, "languages = en", NULL), 26, "'zh' is not one of the template's languages");
}

/* Issue 15, 3 and 5: a critical item is not 'not observed' unless the
 * template says so; categories have no cap */
static void test_critical_not_observed_and_no_caps(void **s)
{
	(void)s;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	assert_int_equal(template_load_text(variant(0, NULL, "critical = yes\n"), "t.ini", &cl, &rep, &err), SC_OK);
	assert_int_equal(cl.items[1].allow_not_observed, 0);
	assert_int_equal(cl.items[0].allow_not_observed, 1);
	assert_int_equal(cl.rules.allow_unanswered_critical, 0);
	checklist_clear(&cl);
	assert_int_equal(template_load_text(variant(0, NULL, "critical = yes\nnot_observed = yes\n"), "t.ini", &cl,
					    &rep, &err), SC_OK);
	assert_int_equal(cl.items[1].allow_not_observed, 1);
	checklist_clear(&cl);
	assert_int_equal(template_load_text(variant(12, "band_pass = 70\nallow_unanswered_critical = yes", NULL),
					    "t.ini", &cl, &rep, &err), SC_OK);
	assert_int_equal(cl.rules.allow_unanswered_critical, 1);
	checklist_clear(&cl);

	/* the shipped checklist: no veto item can be left 'not observed' */
	assert_int_equal(template_load(tu_datafile("templates/gbt21720-market.ini"), &cl, &rep, &err), SC_OK);
	for (int i = 0; i < cl.nitems; i++)
		if (cl.items[i].critical || cl.items[i].critical_types)
			assert_int_equal(cl.items[i].allow_not_observed, 0);
	checklist_clear(&cl);

	/* 70 categories load */
	static char more[70 * 64];
	size_t n = 0;
	for (int k = 0; k < 70; k++)
		n += (size_t)snprintf(more + n, sizeof more - n, "[category.c%d]\nname_zh = 类%d\nname_en = C%d\n",
				      k, k, k);
	assert_int_equal(template_load_text(variant(0, NULL, more), "t.ini", &cl, &rep, &err), SC_OK);
	assert_int_equal(cl.ncategories, 71);
	checklist_clear(&cl);
	assert_int_equal(rep.n, 0);
	cfg_report_free(&rep);
}

static void test_hash(void **s)
{
	(void)s;
	struct checklist a, b, c;
	struct sc_err err;
	char text[16384];
	snprintf(text, sizeof text, "%s", variant(0, NULL, NULL));
	assert_int_equal(template_load_text(text, "t.ini", &a, NULL, &err), SC_OK);
	assert_int_equal(template_load(tu_write("t.ini", text), &b, NULL, &err), SC_OK);
	assert_string_equal(a.hash, b.hash);
	assert_int_equal(strspn(a.hash, "0123456789abcdef"), 64);
	char *p = strstr(text, "Floor");
	p[4] = 's'; /* one byte */
	assert_int_equal(template_load_text(text, "t.ini", &c, NULL, &err), SC_OK);
	assert_string_not_equal(a.hash, c.hash);
	checklist_clear(&a);
	checklist_clear(&b);
	checklist_clear(&c);
	tu_cleanup();
}

static void test_missing_file(void **s)
{
	(void)s;
	struct checklist cl;
	struct cfg_report rep = { 0 };
	struct sc_err err;
	assert_int_not_equal(template_load(tu_path("nope.ini"), &cl, &rep, &err), SC_OK);
	assert_int_equal(rep.n, 1);
	assert_int_equal(rep.v[0].line, 0);
	cfg_report_free(&rep);
	tu_cleanup();
}

/* tplcache hands out checklists that stay put while it grows: the summary
 * holds every one at once (it crashed under ASan with nine templates). */
static void test_tplcache_many(void **s)
{
	(void)s;
	enum { N = 20 };
	struct tplcache c = { 0 };
	const struct checklist *got[N];
	int64_t id[N];
	struct sc_err err;
	assert_int_equal(db_open(&c.db, tu_path("tpl.db"), DB_CREATE, &err), SC_OK);
	for (int i = 0; i < N; i++) {
		char v[32], text[16384];
		struct checklist cl;
		snprintf(v, sizeof v, "version = %d", i + 1);
		snprintf(text, sizeof text, "%s", variant(3, v, NULL));
		assert_int_equal(template_load_text(text, "t.ini", &cl, NULL, &err), SC_OK);
		assert_int_equal(store_template_pin(c.db, &cl, text, &id[i], &err), SC_OK);
		checklist_clear(&cl);
	}
	for (int i = 0; i < N; i++)
		assert_non_null(got[i] = tplcache_lookup(id[i], &c));
	for (int i = 0; i < N; i++) {
		char v[16];
		snprintf(v, sizeof v, "%d", i + 1);
		assert_ptr_equal(tplcache_lookup(id[i], &c), got[i]);
		assert_string_equal(got[i]->version, v);
		assert_string_equal(got[i]->items[0].id, "M1");
	}
	assert_null(tplcache_lookup(9999, &c));
	assert_non_null(strstr(c.problem, "template #9999"));
	tplcache_clear(&c);
	db_close(c.db);
	tu_cleanup();
}

/* The keys real score sheets need (issue 15): each mistake is caught by
 * check-config at its line. */
/* Decimal points and weights: at most two decimals, checked at their
 * line; sums compared exactly (issue 15: a whole number was all it took) */
static void test_decimals(void **s)
{
	(void)s;
	struct checklist cl;
	struct sc_err err;
	/* the stall item 2.5 points, the market total 5.00, weights 12.5 + 87.5 */
	char text[16384];
	snprintf(text, sizeof text, "%s", swap(variant(38, "points = 2.5", NULL), "market_items_total = 5\n",
					       "market_items_total = 5.00\n"));
	assert_int_equal(template_load_text(text, "t.ini", &cl, NULL, &err), SC_OK);
	assert_true(cl.items[1].points == 2.5 && cl.rules.market_items_total == 5.0);
	checklist_clear(&cl);
	snprintf(text, sizeof text, "%s", variant(15, "name_en = Hygiene\nweight = 12.5",
						  "[category.order]\nname_zh = 秩序\nname_en = Order\n"
						  "weight = 87.5\n"));
	assert_int_equal(template_load_text(text, "t.ini", &cl, NULL, &err), SC_OK);
	assert_true(cl.categories[0].weight == 12.5 && cl.categories[1].weight == 87.5);
	checklist_clear(&cl);
	expect_problem(variant(15, "name_en = Hygiene\nweight = 12.5",
			       "[category.order]\nname_zh = 秩序\nname_en = Order\nweight = 87.4\n"),
		       41, "add up to 99.9, not 100");
	/* garbage, more decimals, signs, exponents, nan: refused at the line */
	static const char *const bad[] = { "2.555", "2.", ".5", "-1", "1e1", "nan", "inf", "2,5", "0x10",
					   "2.5x", " " };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char line[64];
		snprintf(line, sizeof line, "points = %s", bad[i]);
		expect_problem(variant(38, line, NULL), 38, "at most two decimals");
	}
	expect_problem(variant(15, "name_en = Hygiene\nweight = 0", NULL), 16, "at most two decimals");
	expect_problem(variant(10, "market_items_total = 5.001", NULL), 10, "at most two decimals");
	/* the inspector gives a points item whole points */
	expect_problem(variant(29, "points = 4.5", NULL), 29, "whole");
	expect_problem(variant(10, "market_items_total = 5.5", NULL), 10, "add up to 5");
}

static void test_sheet_keys(void **s)
{
	(void)s;
	/* severity tiers: every item names a declared one */
	expect_problem(variant(0, NULL, "[severity.key]\nname_zh = 重点\nname_en = Key\n"), 22,
		       "needs 'severity'");
	expect_problem(variant(30, "severity = nosuch", NULL), 30, "unknown severity 'nosuch'");
	/* named bands: the lowest starts at 0, and not together with band_good */
	expect_problem(variant(11, "", "[band.a]\nmin = 50\n[band.b]\nmin = 10\n"), 42,
		       "lowest band must have min = 0");
	expect_problem(variant(0, NULL, "[band.a]\nmin = 50\n[band.b]\nmin = 0\n"), 11,
		       "keep one of the two");
	expect_problem(variant(11, "", "[band.a]\nmin = 0\n[band.b]\nmin = 0\n"), 42, "min 0");
	/* category weights: all or none, adding up to 100 */
	expect_problem(variant(0, NULL, "[category.order]\nname_zh = 秩序\nname_en = Order\nweight = 30\n"),
		       13, "needs 'weight'");
	expect_problem(variant(15, "name_en = Hygiene\nweight = 60",
			       "[category.order]\nname_zh = 秩序\nname_en = Order\nweight = 30\n"),
		       41, "add up to 90, not 100");
	/* partial answers: the scoring share first, whole points only */
	expect_problem(variant(39, "partial = yes", NULL), 39, "set [scoring] partial");
	expect_problem(swap(variant(12, "band_pass = 70\npartial = 25", "partial = yes\n"), "points = 2\n",
			    "points = 2.5\n"), 41, "25% of 2.5 points has more than two decimals");
	/* spot-count grading: below the item's points */
	expect_problem(variant(39, "deadline_days = 3\nminor_spots = 2\nminor_points = 2", NULL), 41,
		       "must be below");
	expect_problem(variant(39, "deadline_days = 3\nminor_points = 1", NULL), 40, "go together");
	expect_problem(variant(39, "deadline_days = 3\nminor_spots = 2", NULL), 40, "go together");
	expect_problem(variant(30, "deadline_days = 3\nminor_spots = 2\nminor_points = 1", NULL), 32,
		       "for passfail items");
	/* demerit deducts from 100: category weights have nothing to weigh */
	char dm[16384];
	const char *w = variant(15, "name_en = Hygiene\nweight = 100", NULL);
	const char *at = strstr(w, "band_pass = 70\n") + strlen("band_pass = 70\n");
	snprintf(dm, sizeof dm, "%.*smode = demerit\n%s", (int)(at - w), w, at);
	expect_problem(dm, 13, "does not go with category weights");
	/* an informational item is never scored, so never critical */
	expect_problem(variant(38, "points = 0\ncritical = yes", NULL), 38, "cannot be critical");
	expect_problem(variant(10, "market_items_total = 5\nmode = bogus", NULL), 11, "ratio or demerit");
	/* answer labels: in every declared language */
	expect_problem(variant(0, NULL, "[labels]\npass_en = IN\n"), 40, "has no pass in 'zh'");

	/* each refused for its own reason, not just refused: the items lack a
	 * severity; a key given twice; a scored item needs its deadline */
	const char *labels = "[labels]\npass_zh = 符合\npass_en = IN\n";
	char sev[256];
	snprintf(sev, sizeof sev, "%s[severity.key]\nname_zh = 重点\nname_en = Key\n", labels);
	expect_problem(variant(38, "points = 0", sev), 22, "needs 'severity'");
	expect_problem(variant(38, "points = 0\ndeadline_days = 0", labels), 40, "duplicate key 'deadline_days'");
	expect_problem(variant(39, "", labels), 31, "needs 'deadline_days'");
	/* deadline_days = 0 on a scored item: a fail is recorded, opens nothing */
	struct checklist cl;
	struct sc_err err;
	assert_int_equal(template_load_text(variant(39, "deadline_days = 0", NULL), "t.ini", &cl, NULL, &err),
			 SC_OK);
	assert_int_equal(cl.items[1].points, 2);
	assert_false(checklist_item_rectifies(&cl.items[1]));
	checklist_clear(&cl);

	/* all of them right: loads, with deadline_days 0 on the informational item */
	const char *ok = variant(38, "points = 0", "[labels]\npass_zh = 符合\npass_en = IN\n");
	char text[16384];
	snprintf(text, sizeof text, "%s", ok);
	char *d = strstr(strstr(text, "points = 0"), "deadline_days = 3");
	memcpy(d, "#eadline_days = 3", 17); /* the informational item's default: 0 */
	assert_int_equal(template_load_text(text, "t.ini", &cl, NULL, &err), SC_OK);
	assert_int_equal(cl.items[1].points, 0);
	assert_int_equal(cl.items[1].deadline_days, 0);
	assert_false(checklist_item_rectifies(&cl.items[1]));
	assert_string_equal(checklist_answer_label(&cl, 1, LANG_EN), "IN");
	assert_null(checklist_answer_label(&cl, 2, LANG_EN));
	checklist_clear(&cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_is_valid),
		cmocka_unit_test(test_ini_values),
		cmocka_unit_test(test_default_checklist),
		cmocka_unit_test(test_sheet_keys),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_generic_template),
		cmocka_unit_test(test_scanner_errors),
		cmocka_unit_test(test_semantic_errors),
		cmocka_unit_test(test_all_problems_collected),
		cmocka_unit_test(test_basis),
		cmocka_unit_test(test_check_config_catches),
		cmocka_unit_test(test_critical_not_observed_and_no_caps),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_tplcache_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
