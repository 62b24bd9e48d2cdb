/* test_tui_actions: key names, [keys] validation, the key map with
 * overrides, scopes; and the text table (no terminal needed). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "config/settings.h"
#include "core/checklist.h"
#include "tui/actions.h"
#include "tui/curses.h"
#include "tui/draw.h"
#include "tui/text.h"

static void test_parse_key(void **state)
{
	(void)state;
	assert_int_equal(actions_parse_key("p"), 'p');
	assert_int_equal(actions_parse_key("Enter"), '\n');
	assert_int_equal(actions_parse_key("tab"), '\t');
	assert_int_equal(actions_parse_key("Esc"), 27);
	assert_int_equal(actions_parse_key("Space"), ' ');
	assert_int_equal(actions_parse_key("C-a"), 1);
	assert_int_equal(actions_parse_key("C-Z"), 26);
	assert_int_equal(actions_parse_key("Up"), ACTION_FKEY + KEY_UP);
	assert_int_equal(actions_parse_key("F1"), ACTION_FKEY + KEY_F(1));
	assert_int_equal(actions_parse_key("F12"), ACTION_FKEY + KEY_F(12));
	assert_int_equal(actions_parse_key("中"), 0x4E2D);
	assert_int_equal(actions_parse_key("F13"), -1);
	assert_int_equal(actions_parse_key("pp"), -1);
	assert_int_equal(actions_parse_key(""), -1);
	assert_int_equal(actions_parse_key("C-1"), -1);
	assert_int_equal(actions_parse_key("\xff"), -1);
}

static void test_validate(void **state)
{
	char why[256];
	(void)state;
	assert_int_equal(actions_validate("next_item", "j, Down", why, sizeof why), 0);
	assert_int_equal(actions_validate("pass", "p y Space", why, sizeof why), 0);
	assert_int_equal(actions_validate("nosuch", "j", why, sizeof why), -1);
	assert_non_null(strstr(why, "unknown action 'nosuch'"));
	assert_int_equal(actions_validate("undo", "Bogus", why, sizeof why), -1);
	assert_non_null(strstr(why, "unknown key 'Bogus'"));
	assert_int_equal(actions_validate("undo", " , ", why, sizeof why), -1);
	assert_non_null(strstr(why, "no key"));
	assert_int_equal(actions_validate("undo", "a b c d e f g h i", why, sizeof why), -1);
}

static void test_map(void **state)
{
	struct settings s;
	char why[256];
	(void)state;
	memset(&s, 0, sizeof s);
	actions_init(NULL, why, sizeof why);
	assert_string_equal(why, "");
	/* the same key means different things in different scopes */
	assert_int_equal(actions_lookup('n', SC_GLOBAL | SC_LIST), A_NEW);
	assert_int_equal(actions_lookup('n', SC_GLOBAL | SC_WALK), A_NA);
	assert_int_equal(actions_lookup('\r', SC_GLOBAL), A_SELECT);
	assert_int_equal(actions_lookup(ACTION_FKEY + KEY_DOWN, SC_GLOBAL | SC_WALK), A_DOWN);
	assert_int_equal(actions_lookup('p', SC_GLOBAL | SC_LIST), A_NONE);
	/* an override replaces the defaults; a bad one is reported and skipped */
	s.nkeys = 2;
	snprintf(s.keys[0].action, sizeof s.keys[0].action, "pass");
	snprintf(s.keys[0].keys, sizeof s.keys[0].keys, "v, 中");
	snprintf(s.keys[1].action, sizeof s.keys[1].action, "undo");
	snprintf(s.keys[1].keys, sizeof s.keys[1].keys, "Nope");
	actions_init(&s, why, sizeof why);
	assert_non_null(strstr(why, "[keys] undo"));
	assert_int_equal(actions_lookup('v', SC_WALK), A_PASS);
	assert_int_equal(actions_lookup(0x4E2D, SC_WALK), A_PASS);
	assert_int_equal(actions_lookup('p', SC_WALK), A_NONE);
	assert_int_equal(actions_lookup('u', SC_WALK), A_UNDO);
	assert_string_equal(actions_name(A_UNDO), "undo");
	assert_string_equal(actions_help(A_PASS, LANG_ZH), "合格");
	/* one key for two actions of one screen is reported; across scopes it is not */
	s.nkeys = 1;
	snprintf(s.keys[0].action, sizeof s.keys[0].action, "fail");
	snprintf(s.keys[0].keys, sizeof s.keys[0].keys, "x, p");
	actions_init(&s, why, sizeof why);
	assert_string_equal(why, "[keys] key 'p' is given to both pass and fail (pass wins; give one of them"
			    " another key)");
	snprintf(s.keys[0].action, sizeof s.keys[0].action, "new_inspection");
	snprintf(s.keys[0].keys, sizeof s.keys[0].keys, "p");
	actions_init(&s, why, sizeof why);
	assert_string_equal(why, "");
	snprintf(s.keys[0].action, sizeof s.keys[0].action, "quit");
	snprintf(s.keys[0].keys, sizeof s.keys[0].keys, "q, f");
	actions_init(&s, why, sizeof why);
	assert_non_null(strstr(why, "both quit and fail"));
	actions_init(NULL, NULL, 0);
}

static void test_text(void **state)
{
	char buf[128];
	(void)state;
	i18n_set_lang(LANG_EN);
	assert_string_equal(txf(buf, sizeof buf, T_POINTS_RANGE, 4),
			    "Points out of range: this item takes 0..4.");
	assert_string_equal(text_verdict(2), "FAIL");
	i18n_set_lang(LANG_ZH);
	assert_string_equal(text_verdict(2), "不合格");
	assert_string_equal(text_status("final"), "已定稿");
	assert_string_equal(tx(T_F_PERSON), "姓名"); /* msgctxt: "Name" of a person */
	assert_string_equal(tx(T_F_NAME), "名称");
	/* every string has a Chinese translation in the catalogue: a row whose
	 * msgid (or context) po/zh_CN.po lacks shows its English under zh */
	for (int i = 0; i < T_COUNT; i++) {
		char en[400];
		i18n_set_lang(LANG_EN);
		snprintf(en, sizeof en, "%s", tx(i));
		i18n_set_lang(LANG_ZH);
		assert_true(en[0] != '\0');
		if (strpbrk(en, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
			assert_string_not_equal(tx(i), en);
	}
	for (int i = 1; i < A_COUNT; i++)
		assert_string_not_equal(actions_help(i, LANG_ZH), actions_help(i, LANG_EN));
}

static void test_cell(void **state)
{
	char c[64];
	(void)state;
	draw_cell(c, sizeof c, "不合格", 6);
	assert_string_equal(c, "不合格");
	draw_cell(c, sizeof c, "合格", 6);
	assert_string_equal(c, "合格  ");
	/* never half a double-width character: cut with "~", padded */
	draw_cell(c, sizeof c, "不合格", 5);
	assert_string_equal(c, "不合~");
	draw_cell(c, sizeof c, "不合格", 4);
	assert_string_equal(c, "不~ ");
	draw_cell(c, sizeof c, "pass", 6);
	assert_string_equal(c, "pass  ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_key),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_cell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
