/* test_i18n: the message catalogue compiled into the program. Under zh a
 * core error comes out in Chinese with its parameters where the Chinese
 * sentence puts them (reordered ones included), a config problem keeps its
 * FILE:LINE, a field name is translated inside the message; under en the
 * source strings are unchanged; no locale of the system is needed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "config/settings.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/store.h"
#include "testutil.h"

static int teardown(void **s)
{
	(void)s;
	i18n_set_lang(LANG_EN);
	tu_cleanup();
	return 0;
}

/* sc_fail translates its format before the parameters go in */
static void test_error_zh(void **s)
{
	(void)s;
	struct sc_err err;
	setlocale(LC_ALL, "C"); /* the catalogue is the program's own: no locale */
	i18n_set_lang(LANG_ZH);
	assert_int_equal(sc_fail(&err, SC_ERR_NOTFOUND, "%s: database does not exist", "/x/y.db"),
			 SC_ERR_NOTFOUND);
	assert_string_equal(err.msg, "/x/y.db：数据库不存在");
	sc_fail(&err, SC_ERR_INVALID, "market %s already exists in %s", "城东市场", "西湖区");
	assert_string_equal(err.msg, "西湖区已有市场“城东市场”"); /* %2$s before %1$s */
	sc_fail(&err, SC_ERR_IO, "sync folder %s: %s%s", "/mnt/share", "No such file or directory",
		_(" (is the drive or network share mounted?)"));
	assert_string_equal(err.msg, "同步文件夹 /mnt/share：No such file or directory"
				     "（U 盘或网络共享是否已挂载？）");
	sc_err_prefix(&err, "cannot write %s: %s", "a", "b");
	assert_non_null(strstr(err.msg, "无法写入 a：b："));
}

/* the TUI's "未保存：note: control characters are not allowed", now whole */
static void test_field_name_zh(void **s)
{
	(void)s;
	struct sc_err err;
	i18n_set_lang(LANG_ZH);
	assert_int_equal(store_check_note(N_("note"), "a\001b", &err), SC_ERR_INVALID);
	assert_string_equal(err.msg, "备注：不能含控制字符");
	i18n_set_lang(LANG_EN);
	store_check_note(N_("note"), "a\001b", &err);
	assert_string_equal(err.msg, "note: control characters are not allowed");
}

/* a broken settings file: Chinese message, its file and line kept */
static void test_settings_zh(void **s)
{
	(void)s;
	struct settings set;
	struct sc_err err;
	const char *p = tu_write("broken.ini", "[ui]\nlanguage = fr\n");
	char want[600];
	i18n_set_lang(LANG_ZH);
	assert_int_equal(settings_load(&set, p, &err), SC_ERR_INVALID);
	snprintf(want, sizeof want, "%s:2: language：应为 auto|zh|en 之一，而不是“fr”", p);
	assert_string_equal(err.msg, want);
}

static void test_source_language(void **s)
{
	(void)s;
	struct sc_err err;
	i18n_set_lang(LANG_EN);
	assert_int_equal(i18n_lang(), LANG_EN);
	sc_fail(&err, SC_ERR_NOTFOUND, "%s: database does not exist", "/x/y.db");
	assert_string_equal(err.msg, "/x/y.db: database does not exist");
	/* one language given whatever the current one; an unknown msgid is itself */
	assert_string_equal(sc_tr_lang(LANG_ZH, "nothing to undo"), "没有可撤销的操作");
	assert_string_equal(sc_tr_lang(LANG_ZH, "not in the catalogue"), "not in the catalogue");
	assert_string_equal(sc_tr(""), "");
}

static void test_plural(void **s)
{
	(void)s;
	i18n_set_lang(LANG_EN);
	assert_string_equal(sc_ntr(" (%d conflict)", " (%d conflicts)", 1), " (%d conflict)");
	assert_string_equal(sc_ntr(" (%d conflict)", " (%d conflicts)", 3), " (%d conflicts)");
	i18n_set_lang(LANG_ZH);
	assert_string_equal(sc_ntr(" (%d conflict)", " (%d conflicts)", 3), "（%d 处冲突）");
	assert_string_equal(sc_ntr("no such %d", "no such %ds", 2), "no such %ds");
}

/* one English word with two Chinese ones (msgctxt): the context picks its
 * word; no context gives the plain entry's; a context of no entry (one that
 * only starts like a real one included) gives the msgid */
static void test_context(void **s)
{
	(void)s;
	i18n_set_lang(LANG_ZH);
	assert_string_equal(C_("person", "Name"), "姓名");
	assert_string_equal(_("Name"), "名称");
	assert_string_equal(sc_trc(NULL, "Name"), "名称");
	assert_string_equal(sc_trc_lang(LANG_ZH, "whole market", "market"), "全场");
	assert_string_equal(_("market"), "市场");
	assert_string_equal(C_("sync", "Name"), "Name");
	assert_string_equal(C_("pers", "Name"), "Name");
	assert_string_equal(C_("personal", "Name"), "Name");
	assert_string_equal(C_("person", "no such word"), "no such word");
	i18n_set_lang(LANG_EN);
	assert_string_equal(C_("person", "Name"), "Name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_error_zh, teardown),
		cmocka_unit_test_teardown(test_field_name_zh, teardown),
		cmocka_unit_test_teardown(test_settings_zh, teardown),
		cmocka_unit_test_teardown(test_source_language, teardown),
		cmocka_unit_test_teardown(test_plural, teardown),
		cmocka_unit_test_teardown(test_context, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
