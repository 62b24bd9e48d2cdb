/* test_dynlib: the loader ICU, libvips and libxlsxwriter are opened with:
 * every function found, or a reason that names what is missing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/dynlib.h"

static void test_found(void **s)
{
	(void)s;
	size_t (*len)(const char *) = NULL;
	char why[300] = "";
	const struct dynlib_sym syms[] = { { "strlen", (void **)&len } };
	assert_int_equal(dynlib_open("libc.so.6", syms, 1, why, sizeof why), 0);
	assert_non_null(len);
	assert_int_equal(len("abc"), 3);
	assert_string_equal(why, "");
}

static void test_missing(void **s)
{
	(void)s;
	void *a = NULL, *b = NULL;
	char why[300] = "";
	const struct dynlib_sym syms[] = { { "strlen", &a }, { "stallcheck_no_such_function", &b } };
	assert_int_equal(dynlib_open("libc.so.6", syms, 2, why, sizeof why), -1);
	assert_non_null(strstr(why, "libc.so.6")); /* the library that lacks it */
	why[0] = 0;
	assert_int_equal(dynlib_open("libstallcheck-no-such-library.so.1", syms, 2, why, sizeof why), -1);
	assert_non_null(strstr(why, "libstallcheck-no-such-library.so.1")); /* dlerror's message */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
