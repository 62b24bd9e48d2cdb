/* test_utf8: widths and cuts by display columns, never by bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

static void test_width(void **s)
{
	(void)s;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("农贸市场"), 8);
	assert_int_equal(utf8_width("A-01 王记"), 9);
	assert_int_equal(utf8_width("e\xcc\x81"), 1);          /* e + combining acute */
	assert_int_equal(utf8_width("\xf0\x9f\x8d\x8e"), 2);    /* 🍎 */
	assert_int_equal(utf8_width("ＡＢ"), 4);                /* fullwidth forms */
	assert_int_equal(utf8_width("bad\xff"), 4);             /* invalid byte counts 1 */
}

static void test_fit_never_splits(void **s)
{
	(void)s;
	char out[64];
	assert_int_equal(utf8_fit("农贸市场", 5, 0, out, sizeof out), 4);
	assert_string_equal(out, "农贸");
	assert_int_equal(utf8_fit("农贸市场", 5, 1, out, sizeof out), 5);
	assert_string_equal(out, "农贸~");
	assert_int_equal(utf8_fit("农贸市场", 8, 1, out, sizeof out), 8);
	assert_string_equal(out, "农贸市场");
	assert_int_equal(utf8_fit("ab农", 3, 0, out, sizeof out), 2);
	assert_string_equal(out, "ab");
	/* a tiny buffer: cut on a character boundary */
	char tiny[5];
	utf8_fit("农贸市场", 20, 0, tiny, sizeof tiny);
	assert_string_equal(tiny, "农");
	/* control characters and invalid bytes never reach the screen */
	utf8_fit("a\tb\xffz", 10, 0, out, sizeof out);
	assert_string_equal(out, "a b\xEF\xBF\xBDz");
	assert_int_equal(utf8_fit("x", 0, 1, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void test_valid(void **s)
{
	(void)s;
	size_t bad = 0;
	assert_true(utf8_valid("农贸", strlen("农贸"), &bad));
	assert_false(utf8_valid("ab\xe4\xb8", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("\xc0\xaf", 2, &bad));        /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3, &bad));    /* surrogate */
	assert_false(utf8_valid("ab\0c", 4, &bad));          /* an embedded NUL, after ASCII */
	assert_int_equal(bad, 2);
	assert_true(utf8_valid("a\x7f\x01z", 4, &bad));       /* controls are UTF-8 */
	assert_false(utf8_valid("abc\xff", 4, &bad));
	assert_int_equal(bad, 3);
	assert_true(utf8_has_control("a\x01", ""));
	assert_false(utf8_has_control("a\nb", "\n"));
	assert_true(utf8_has_control("a\nb", ""));
	assert_true(utf8_has_control("a\xc2\x85", "\n"));     /* C1 control */
}

static void test_prev(void **s)
{
	(void)s;
	const char *t = "a农";
	assert_int_equal(utf8_prev(t, 4), 1);
	assert_int_equal(utf8_prev(t, 1), 0);
	assert_int_equal(utf8_prefix_bytes("农贸市场", 3), 3);
}

static void test_copy(void **s)
{
	(void)s;
	char b[8];
	assert_int_equal(utf8_copy(b, sizeof b, "abc"), 3);
	assert_string_equal(b, "abc");
	/* "东门市" is 9 bytes: 7 fit, the cut falls inside 市 and backs off */
	assert_int_equal(utf8_copy(b, sizeof b, "东门市"), 6);
	assert_string_equal(b, "东门");
	assert_int_equal(utf8_copy(b, sizeof b, "abcdefghij"), 7);
	assert_string_equal(b, "abcdefg");
	assert_int_equal(utf8_copy(b, sizeof b, NULL), 0);
	assert_string_equal(b, "");
	char one[1];
	assert_int_equal(utf8_copy(one, sizeof one, "东"), 0);
	assert_string_equal(one, "");
	assert_int_equal(UTF8_COPY(b, "x东"), 4);
	assert_string_equal(b, "x东");
}

static void test_put_chars(void **s)
{
	(void)s;
	char b[9] = "a";
	assert_int_equal(utf8_put(b, sizeof b, 0x4e1c), 0); /* 东 */
	assert_int_equal(utf8_put(b, sizeof b, 0x20000), 0);
	assert_string_equal(b, "a东\xf0\xa0\x80\x80");
	assert_int_equal(utf8_put(b, sizeof b, 'x'), -1); /* full: nothing added */
	assert_int_equal(utf8_chars(b), 3);
	assert_int_equal(utf8_chars(""), 0);
}

static void test_c_locale_fallback(void **s)
{
	(void)s;
	/* in the C locale wcwidth cannot tell: our table still says 2 */
	setlocale(LC_CTYPE, "C");
	assert_int_equal(utf8_width("农贸"), 4);
	setlocale(LC_CTYPE, "C.UTF-8");
	assert_int_equal(utf8_width("农贸"), 4);
}

/* The one filter: a peer's note cannot retitle a terminal or hide text. */
static void test_clean(void **s)
{
	(void)s;
	char out[64];
	/* ESC ] 0 ; title BEL: both controls replaced, the text stays visible */
	assert_string_equal(utf8_clean("a\x1b]0;pwned\x07" "b", "\t\n", out, sizeof out),
			    "a\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD" "b");
	assert_string_equal(utf8_clean("x\ty\nz\r", "\t\n", out, sizeof out), "x\ty\nz\xEF\xBF\xBD");
	assert_string_equal(utf8_clean("\x7f\xc2\x9b" "1m", "", out, sizeof out),  /* DEL, C1 CSI */
			    "\xEF\xBF\xBD\xEF\xBF\xBD" "1m");
	assert_string_equal(utf8_clean("\xff市", NULL, out, sizeof out), "\xEF\xBF\xBD市");
	assert_string_equal(utf8_clean("市场市场", NULL, out, 8), "市场");  /* whole characters */
	assert_string_equal(utf8_clean("\x1b", NULL, out, 3), "");          /* U+FFFD does not fit */
	char *d = utf8_clean_dup("\x01\x02", "");
	assert_string_equal(d, "\xEF\xBF\xBD\xEF\xBF\xBD");
	free(d);
	/* a table cell: the same filter, tab and newline as a space */
	assert_int_equal(utf8_fit("a\x1b[2Jb\nc", 20, 0, out, sizeof out), 8);
	assert_string_equal(out, "a\xEF\xBF\xBD[2Jb c");
	assert_int_equal(utf8_width("a\x1b[2Jb\nc"), 8);
	assert_false(utf8_has_control("市场\t", "\t"));
	assert_true(utf8_has_control("\xef\xbf\xbe", "")); /* U+FFFE */
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_never_splits),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_prev),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_put_chars),
		cmocka_unit_test(test_c_locale_fallback),
		cmocka_unit_test(test_clean),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
