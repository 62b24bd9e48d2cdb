/* test_settings: search order, defaults, path resolution, errors with
 * their lines, and the dump read back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/settings.h"
#include "config/template.h"
#include "core/checklist.h"
#include "core/i18n.h"
#include "testutil.h"

static char datadir[PATH_MAX]; /* realpath writes up to PATH_MAX */

static int setup(void **s)
{
	(void)s;
	const char *d = getenv("STALLCHECK_DATADIR");
	if (!realpath(d && *d ? d : "config", datadir))
		return -1;
	setenv("STALLCHECK_DATADIR", datadir, 1);
	setenv("HOME", "/nonexistent-home", 1);
	setenv("USER", "zhang3", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	tu_cleanup();
	return 0;
}

static void test_builtin_defaults(void **s)
{
	(void)s;
	struct settings st;
	struct sc_err err;
	char want[2048];
	setenv("XDG_DATA_HOME", "/xdg/data", 1);
	assert_int_equal(settings_load(&st, NULL, &err), SC_OK);
	/* no name: never the login name ($USER is zhang3 here) */
	assert_string_equal(st.inspector, "");
	assert_string_equal(st.reviewer, "");
	assert_string_equal(st.unit, "");
	assert_string_equal(st.db_path, "/xdg/data/stallcheck/stallcheck.db");
	snprintf(want, sizeof want, "%s/templates/gbt21720-market.ini", datadir);
	assert_string_equal(st.template_path, want);
	assert_string_equal(st.theme, "default");
	assert_int_equal(st.lang, LANG_ZH); /* LANG=C.UTF-8 names no language: Chinese first */
	assert_int_equal(st.auto_advance, 1);
	assert_int_equal(st.mouse, 0);
	assert_string_equal(st.sync_dir, "");
	assert_string_equal(st.source, "");
	/* no XDG_DATA_HOME: under ~/.local/share */
	unsetenv("XDG_DATA_HOME");
	assert_int_equal(settings_load(&st, NULL, &err), SC_OK);
	assert_string_equal(st.db_path, "/nonexistent-home/.local/share/stallcheck/stallcheck.db");
}

static void test_shipped_settings(void **s)
{
	(void)s;
	struct settings st;
	struct sc_err err;
	char path[2048], want[2048];
	snprintf(path, sizeof path, "%s/stallcheck.ini", datadir);
	assert_int_equal(settings_load(&st, path, &err), SC_OK);
	assert_string_equal(st.source, path);
	assert_string_equal(st.inspector, ""); /* empty name: the program asks */
	snprintf(want, sizeof want, "%s/templates/gbt21720-market.ini", datadir);
	assert_string_equal(st.template_path, want);
	assert_string_equal(st.theme, "default");
	/* and the template it names loads */
	struct checklist cl;
	assert_int_equal(template_load(st.template_path, &cl, NULL, &err), SC_OK);
	checklist_clear(&cl);
}

static void test_language(void **s)
{
	(void)s;
	struct settings st;
	struct sc_err err;
	const char *auto_ini = tu_write("lang.ini", "[ui]\nlanguage = auto\n");
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_int_equal(settings_load(&st, auto_ini, &err), SC_OK);
	assert_int_equal(st.lang, LANG_ZH);
	setenv("LC_ALL", "en_US.UTF-8", 1); /* LC_ALL wins over LANG */
	assert_int_equal(settings_load(&st, auto_ini, &err), SC_OK);
	assert_int_equal(st.lang, LANG_EN);
	setenv("LC_ALL", "C", 1); /* a locale without a language: Chinese first */
	assert_int_equal(settings_load(&st, auto_ini, &err), SC_OK);
	assert_int_equal(st.lang, LANG_ZH);
	unsetenv("LC_ALL");
	setenv("LANG", "C.UTF-8", 1);
	assert_int_equal(settings_load(&st, auto_ini, &err), SC_OK);
	assert_int_equal(st.lang, LANG_ZH);
	setenv("LANG", "de_DE.UTF-8", 1);
	assert_int_equal(settings_load(&st, auto_ini, &err), SC_OK);
	assert_int_equal(st.lang, LANG_EN);
	unsetenv("LANG");
	assert_int_equal(settings_load(&st, auto_ini, &err), SC_OK);
	assert_int_equal(st.lang, LANG_ZH);
	setenv("LANG", "C.UTF-8", 1);
	assert_int_equal(settings_load(&st, tu_write("zh.ini", "[ui]\nlanguage = zh\n"), &err), SC_OK);
	assert_int_equal(st.lang, LANG_ZH);
}

static void test_search_order(void **s)
{
	(void)s;
	char path[2048], want[2048];
	char dir[1024];

	snprintf(dir, sizeof dir, "%s", tu_path("xdg"));
	setenv("XDG_CONFIG_HOME", dir, 1);
	/* nothing under XDG: the installed defaults */
	assert_int_equal(settings_find(NULL, path, sizeof path), 0);
	snprintf(want, sizeof want, "%s/stallcheck.ini", datadir);
	assert_string_equal(path, want);
	/* a file under XDG comes first */
	mkdir(dir, 0700);
	mkdir(tu_path("xdg/stallcheck"), 0700);
	const char *mine = tu_write("xdg/stallcheck/stallcheck.ini", "[ui]\ntheme = mono\n");
	assert_int_equal(settings_find(NULL, path, sizeof path), 0);
	assert_string_equal(path, mine);
	/* an explicit path beats both, and must exist */
	const char *expl = tu_write("explicit.ini", "");
	assert_int_equal(settings_find(expl, path, sizeof path), 0);
	assert_string_equal(path, expl);
	assert_int_equal(settings_find(tu_path("missing.ini"), path, sizeof path), -1);
	/* no XDG_CONFIG_HOME: ~/.config */
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", tu_tmpdir(), 1);
	mkdir(tu_path(".config"), 0700);
	mkdir(tu_path(".config/stallcheck"), 0700);
	const char *home_ini = tu_write(".config/stallcheck/stallcheck.ini", "");
	assert_int_equal(settings_find(NULL, path, sizeof path), 0);
	assert_string_equal(path, home_ini);
	/* nothing anywhere: -1 */
	setenv("HOME", "/nonexistent-home", 1);
	setenv("STALLCHECK_DATADIR", tu_path("empty"), 1);
	assert_int_equal(settings_find(NULL, path, sizeof path), -1);
	setenv("STALLCHECK_DATADIR", datadir, 1);
}

/* After XDG_CONFIG_HOME: each dir of XDG_CONFIG_DIRS in order (relative
 * entries ignored), then the data directory. */
static void test_config_dirs(void **s)
{
	(void)s;
	char path[2048], want[2048], dirs[256];

	setenv("XDG_CONFIG_HOME", tu_path("home-cfg"), 1);
	mkdir(tu_path("etc1"), 0700);
	mkdir(tu_path("etc1/stallcheck"), 0700);
	mkdir(tu_path("etc2"), 0700);
	mkdir(tu_path("etc2/stallcheck"), 0700);
	const char *second = tu_write("etc2/stallcheck/stallcheck.ini", "");
	snprintf(dirs, sizeof dirs, "relative/dir:%s:%s", tu_path("etc1"), tu_path("etc2"));
	setenv("XDG_CONFIG_DIRS", dirs, 1);
	assert_int_equal(settings_find(NULL, path, sizeof path), 0);
	assert_string_equal(path, second);
	const char *first = tu_write("etc1/stallcheck/stallcheck.ini", "");
	assert_int_equal(settings_find(NULL, path, sizeof path), 0);
	assert_string_equal(path, first);
	/* the user's own file still comes first */
	mkdir(tu_path("home-cfg"), 0700);
	mkdir(tu_path("home-cfg/stallcheck"), 0700);
	const char *mine = tu_write("home-cfg/stallcheck/stallcheck.ini", "");
	assert_int_equal(settings_find(NULL, path, sizeof path), 0);
	assert_string_equal(path, mine);
	/* none of them: the data directory */
	setenv("XDG_CONFIG_DIRS", tu_path("nowhere"), 1);
	setenv("XDG_CONFIG_HOME", tu_path("nowhere"), 1);
	assert_int_equal(settings_find(NULL, path, sizeof path), 0);
	snprintf(want, sizeof want, "%s/stallcheck.ini", datadir);
	assert_string_equal(path, want);
	unsetenv("XDG_CONFIG_DIRS");
	unsetenv("XDG_CONFIG_HOME");
}

/* Make the directories under the test's tmp dir, in order. */
static void make_tree(const char *const *dirs, int n)
{
	for (int i = 0; i < n; i++)
		assert_int_equal(mkdir(tu_path(dirs[i]), 0700), 0);
}

/* The data directory from the executable's place: installed under any
 * prefix, build/ and build/asan/ of a source tree; nothing: -1. */
static void test_exe_datadir(void **s)
{
	(void)s;
	static const char *const tree[] = {
		"p", "p/bin", "p/share", "p/share/stallcheck",
		"src", "src/config", "src/build", "src/build/asan", "src/build/asan/x",
	};
	char dir[2048], want[PATH_MAX + 64], real[PATH_MAX];
	make_tree(tree, (int)(sizeof tree / sizeof *tree));
	tu_write("p/share/stallcheck/stallcheck.ini", "");
	tu_write("src/config/stallcheck.ini", "");
	assert_non_null(realpath(tu_tmpdir(), real));

	assert_int_equal(settings_exe_datadir(tu_path("p/bin/stallcheck"), dir, sizeof dir), 0);
	snprintf(want, sizeof want, "%s/p/share/stallcheck", real);
	assert_string_equal(dir, want);
	snprintf(want, sizeof want, "%s/src/config", real);
	assert_int_equal(settings_exe_datadir(tu_path("src/build/stallcheck"), dir, sizeof dir), 0);
	assert_string_equal(dir, want);
	assert_int_equal(settings_exe_datadir(tu_path("src/build/asan/stallcheck"), dir, sizeof dir), 0);
	assert_string_equal(dir, want);
	/* three levels down, or a share/ without stallcheck.ini: not found */
	assert_int_equal(settings_exe_datadir(tu_path("src/build/asan/x/stallcheck"), dir, sizeof dir), -1);
	assert_int_equal(settings_exe_datadir(tu_path("p/stallcheck"), dir, sizeof dir), -1);

	/* STALLCHECK_DATADIR is the one data dir; without it the compiled-in
	 * default comes last */
	char dirs[SET_DATADIRS][SET_PATH];
	assert_int_equal(settings_datadirs(dirs), 1);
	assert_string_equal(dirs[0], datadir);
	unsetenv("STALLCHECK_DATADIR");
	int n = settings_datadirs(dirs);
	assert_true(n >= 1);
	assert_string_equal(dirs[n - 1], SC_DATADIR);
	setenv("STALLCHECK_DATADIR", datadir, 1);
}

/* A template found nowhere: "not found" and every place looked, in the
 * settings' language; a template found says nothing. */
static void test_template_not_found(void **s)
{
	(void)s;
	struct settings st;
	struct sc_err err;
	char msg[4096], want[4096];

	mkdir(tu_path("nf"), 0700);
	const char *ini = tu_write("nf/s.ini", "[ui]\nlanguage = en\n[data]\ntemplate = templates/none.ini\n");
	assert_int_equal(settings_load(&st, ini, &err), SC_OK);
	assert_int_equal(settings_template_missing(&st, "\n  ", msg, sizeof msg), 1);
	snprintf(want, sizeof want, "checklist template not found; looked in:\n  %s/nf/templates/none.ini"
		 "\n  %s/templates/none.ini", tu_tmpdir(), datadir);
	assert_string_equal(msg, want);
	snprintf(want, sizeof want, "%s/nf/templates/none.ini", tu_tmpdir());
	assert_string_equal(st.template_path, want);
	st.lang = LANG_ZH;
	assert_int_equal(settings_template_missing(&st, " ", msg, sizeof msg), 1);
	snprintf(want, sizeof want, "找不到检查表模板，查找过： %s/nf/templates/none.ini %s/templates/none.ini",
		 tu_tmpdir(), datadir);
	assert_string_equal(msg, want);
	/* an absolute path is the one place */
	ini = tu_write("nf/t.ini", "[ui]\nlanguage = en\n[data]\ntemplate = /nonexistent/t.ini\n");
	assert_int_equal(settings_load(&st, ini, &err), SC_OK);
	assert_int_equal(settings_template_missing(&st, " ", msg, sizeof msg), 1);
	assert_string_equal(msg, "checklist template not found; looked in: /nonexistent/t.ini");
	/* the built-in default, found in the data dir */
	assert_int_equal(settings_load(&st, NULL, &err), SC_OK);
	msg[0] = '\0';
	assert_int_equal(settings_template_missing(&st, " ", msg, sizeof msg), 0);
	assert_string_equal(msg, "");
	/* and not found when the data dir lacks it */
	setenv("STALLCHECK_DATADIR", tu_path("nf"), 1);
	assert_int_equal(settings_load(&st, NULL, &err), SC_OK);
	st.lang = LANG_EN;
	assert_int_equal(settings_template_missing(&st, " ", msg, sizeof msg), 1);
	snprintf(want, sizeof want, "checklist template not found; looked in: %s/templates/gbt21720-market.ini",
		 tu_path("nf"));
	assert_string_equal(msg, want);
	setenv("STALLCHECK_DATADIR", datadir, 1);
}

static void test_relative_paths(void **s)
{
	(void)s;
	struct settings st;
	struct sc_err err;
	char want[2048];

	mkdir(tu_path("a"), 0700);
	/* next to the settings file when it exists there */
	const char *local = tu_write("a/mine.ini", "");
	const char *ini = tu_write("a/s.ini", "[data]\ntemplate = mine.ini\ndatabase = db/x.db\n"
					      "sync_folder = ~/sync\n");
	assert_int_equal(settings_load(&st, ini, &err), SC_OK);
	assert_string_equal(st.template_path, local);
	snprintf(want, sizeof want, "%s/a/db/x.db", tu_tmpdir());
	assert_string_equal(st.db_path, want);
	assert_string_equal(st.sync_dir, "/nonexistent-home/sync");
	/* else among the installed defaults */
	ini = tu_write("a/t.ini", "[data]\ntemplate = templates/generic-en.ini\n");
	assert_int_equal(settings_load(&st, ini, &err), SC_OK);
	snprintf(want, sizeof want, "%s/templates/generic-en.ini", datadir);
	assert_string_equal(st.template_path, want);
	/* absolute stays */
	ini = tu_write("a/u.ini", "[data]\ntemplate = /etc/x.ini\n");
	assert_int_equal(settings_load(&st, ini, &err), SC_OK);
	assert_string_equal(st.template_path, "/etc/x.ini");
}

/* settings_load fails with FILE:LINE: msg; the report has it too. */
static void expect_error(const char *text, int line, const char *msg)
{
	struct settings st;
	struct sc_err err;
	struct cfg_report rep = { 0 };
	char want[1024];
	const char *path = tu_write("bad.ini", text);

	assert_int_equal(settings_load(&st, path, &err), SC_ERR_INVALID);
	snprintf(want, sizeof want, "%s:%d: ", path, line);
	if (strncmp(err.msg, want, strlen(want)) != 0 || !strstr(err.msg, msg))
		fprintf(stderr, "wanted %s%s, got %s\n", want, msg, err.msg);
	assert_true(strncmp(err.msg, want, strlen(want)) == 0);
	assert_non_null(strstr(err.msg, msg));
	assert_int_equal(settings_load_report(&st, path, &rep), -1);
	assert_true(rep.n >= 1);
	assert_int_equal(rep.v[0].line, line);
	cfg_report_free(&rep);
}

static void test_errors(void **s)
{
	(void)s;
	expect_error("[ui]\ntheme = mono\n[display]\n", 3, "unknown section [display]");
	expect_error("[display]\n", 1, "(expected inspector, ui, data, notice or keys)");
	expect_error("[ui]\ncolour = red\n", 2, "unknown key 'colour' in [ui]");
	expect_error("[ui]\n\nlanguage = klingon\n", 3, "expected one of auto|zh|en");
	expect_error("[ui]\ntheme = pink\n", 2, "expected one of default|mono|high-contrast");
	expect_error("[ui]\nmouse = sometimes\n", 2, "expected yes or no");
	expect_error("[inspector]\nname = 张三\nreviewer = \xe6\x9d\n", 3, "invalid UTF-8");
	expect_error("[inspector]\nname = x\nthis is not ini\n", 3, "iniparser rejects");
	expect_error("[ui]\ntheme = mono\ntheme = default\n", 3, "duplicate key 'theme'");
	expect_error("[ui]\n[data]\n[ui]\n", 3, "duplicate section [ui]");
	expect_error("theme = mono\n", 1, "outside any section");
	/* 43 CJK characters are 129 bytes: said, not cut mid-character */
	char text[256] = "[inspector]\nname = ";
	for (int i = 0; i < 43; i++)
		strcat(text, "张");
	strcat(text, "\n");
	expect_error(text, 2, "name: too long (129 bytes, at most 127)");
}

static void test_keys_and_values(void **s)
{
	(void)s;
	struct settings st;
	struct sc_err err;
	const char *path = tu_write("k.ini",
		"[inspector]\nname = \"张三 ; 二组\"\nreviewer = 李四\nunit = 西湖区市场监督管理局\n"
		"[ui]\nauto_advance = no\nmouse = yes\ntheme = high-contrast\n"
		"[keys]\nnext_item = j, Down\nquit = q\n");
	assert_int_equal(settings_load(&st, path, &err), SC_OK);
	assert_string_equal(st.inspector, "张三 ; 二组");
	assert_string_equal(st.reviewer, "李四");
	assert_string_equal(st.unit, "西湖区市场监督管理局");
	assert_int_equal(st.auto_advance, 0);
	assert_int_equal(st.mouse, 1);
	assert_string_equal(st.theme, "high-contrast");
	assert_int_equal(st.nkeys, 2);
	assert_string_equal(st.keys[0].action, "next_item");
	assert_string_equal(st.keys[0].keys, "j, Down");
	assert_int_equal(st.keys[0].line, 10);
	assert_int_equal(st.keys[1].line, 11);

	/* the dump reads back to the same settings; its comments are in the
	 * user's language (the keys and values stay) */
	FILE *f = fopen(tu_path("dump.ini"), "w");
	assert_non_null(f);
	i18n_set_lang(LANG_ZH);
	settings_dump(&st, f);
	i18n_set_lang(LANG_EN);
	fclose(f);
	char text[8192] = "";
	f = fopen(tu_path("dump.ini"), "r");
	assert_non_null(f);
	text[fread(text, 1, sizeof text - 1, f)] = '\0';
	fclose(f);
	assert_non_null(strstr(text, "\n# 配色方案；设置了 NO_COLOR 时总是用 mono\ntheme = high-contrast\n"));
	struct settings back;
	assert_int_equal(settings_load(&back, tu_path("dump.ini"), &err), SC_OK);
	assert_string_equal(back.inspector, st.inspector);
	assert_string_equal(back.reviewer, st.reviewer);
	assert_string_equal(back.unit, st.unit);
	assert_string_equal(back.db_path, st.db_path);
	assert_string_equal(back.template_path, st.template_path);
	assert_string_equal(back.theme, st.theme);
	assert_int_equal(back.lang, st.lang);
	assert_int_equal(back.auto_advance, 0);
	assert_int_equal(back.mouse, 1);
	assert_int_equal(back.nkeys, 2);
	assert_string_equal(back.keys[0].keys, "j, Down");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_defaults),
		cmocka_unit_test(test_shipped_settings),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_search_order),
		cmocka_unit_test(test_config_dirs),
		cmocka_unit_test(test_exe_datadir),
		cmocka_unit_test(test_template_not_found),
		cmocka_unit_test(test_relative_paths),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_keys_and_values),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
