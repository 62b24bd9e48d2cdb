/* test_pinyin: names to toneless pinyin words through ICU, and queries of
 * full pinyin, prefixes and initials matched against them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/pinyin.h"

static void test_words(void **s)
{
	(void)s;
	struct pinyin *p;
	struct sc_err err;
	char out[256];
	assert_int_equal(pinyin_open(&p, &err), SC_OK);
	pinyin_words(p, "张三", out, sizeof out);
	assert_string_equal(out, "zhang san");
	pinyin_words(p, "A-01 王记水产", out, sizeof out);
	assert_string_equal(out, "a 01 wang ji shui chan");
	pinyin_words(p, "Fresh 绿色", out, sizeof out);
	assert_string_equal(out, "fresh lu se");
	pinyin_words(p, "", out, sizeof out);
	assert_string_equal(out, "");
	pinyin_words(p, "张三水产", out, 8); /* cut at the buffer, never overrun */
	assert_true(strlen(out) < 8);
	pinyin_close(p);
}

static void test_match(void **s)
{
	(void)s;
	const char *w = "a 01 zhang san shui chan";
	assert_true(pinyin_match(w, "zs"));
	assert_true(pinyin_match(w, "ZS"));
	assert_true(pinyin_match(w, "zhangs"));
	assert_true(pinyin_match(w, "zhangsan"));
	assert_true(pinyin_match(w, "zhang san"));
	assert_true(pinyin_match(w, "san"));
	assert_true(pinyin_match(w, "sc"));
	assert_true(pinyin_match(w, "a01"));
	assert_true(pinyin_match(w, ""));
	assert_false(pinyin_match(w, "sz"));      /* in order only */
	assert_false(pinyin_match(w, "zsc"));     /* consecutive syllables */
	assert_false(pinyin_match(w, "zhangx"));
	assert_false(pinyin_match("", "z"));
	/* many prefixes to try: still answered at once */
	assert_false(pinyin_match("aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa",
				  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
