/* test_userini: the first start's writer. Only the [inspector] name and
 * unit change; other lines and comments stay byte for byte; what it writes
 * loads back; new files and directories are private; a failed write says
 * where and why. */
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
#include <unistd.h>

#include "config/settings.h"
#include "config/template.h"
#include "config/userini.h"
#include "testutil.h"

static int setup(void **s)
{
	(void)s;
	char datadir[PATH_MAX]; /* realpath writes up to PATH_MAX */
	const char *d = getenv("STALLCHECK_DATADIR");
	if (!realpath(d && *d ? d : "config", datadir))
		return -1;
	setenv("STALLCHECK_DATADIR", datadir, 1);
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	tu_cleanup();
	return 0;
}

/* edit text and compare with want */
static void expect_edit(const char *text, const char *name, const char *unit, const char *want)
{
	struct sc_err err;
	char *got = userini_edit(text, name, unit, &err);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_edit(void **s)
{
	(void)s;
	/* keys there: replaced in place, whatever their case and spacing */
	expect_edit("# mine\n[ui]\ntheme = mono ; dark room\n\n[Inspector]\n  NAME=old\n"
		    "; unit below\nunit =\nreviewer = 赵主任\n[data]\nsync_folder = /mnt/x\n",
		    "王检查", "西湖区市场监督管理局",
		    "# mine\n[ui]\ntheme = mono ; dark room\n\n[Inspector]\nname = 王检查\n"
		    "; unit below\nunit = 西湖区市场监督管理局\nreviewer = 赵主任\n[data]\nsync_folder = /mnt/x\n");
	/* keys missing: right under the header; CRLF files keep CRLF */
	expect_edit("[inspector]\r\nreviewer = 赵主任\r\n", "王检查", "",
		    "[inspector]\r\nname = 王检查\r\nunit = \r\nreviewer = 赵主任\r\n");
	/* no section: added at the end, after a blank line; a last line
	 * without its newline gets one */
	expect_edit("[ui]\ntheme = mono", "王检查", "单位",
		    "[ui]\ntheme = mono\n\n[inspector]\nname = 王检查\nunit = 单位\n");
	expect_edit("[ui]\ntheme = mono\n", "王检查", "单位",
		    "[ui]\ntheme = mono\n\n[inspector]\nname = 王检查\nunit = 单位\n");
	expect_edit("", "王检查", "单位", "[inspector]\nname = 王检查\nunit = 单位\n");
	/* a continued old value goes with its key; a name in another
	 * section is not ours */
	expect_edit("[data]\nname = x\n[inspector]\nname = a \\\n  b\nunit = u\n", "王", "单位",
		    "[data]\nname = x\n[inspector]\nname = 王\nunit = 单位\n");
	/* quoted where iniparser would cut or strip */
	expect_edit("", "张三 ; 二组", " 单位", "[inspector]\nname = \"张三 ; 二组\"\nunit = \" 单位\"\n");
	/* refused: what INI cannot hold */
	struct sc_err err;
	assert_null(userini_edit("", "a\"b", "", &err));
	assert_int_equal(err.code, SC_ERR_INVALID);
	assert_null(userini_edit("", "a\nb", "", &err));
}

static void test_write_and_load(void **s)
{
	(void)s;
	struct settings st;
	struct sc_err err;
	struct stat sb;
	char path[1024];

	/* a new file in new directories: 0700 and 0600, and it loads */
	snprintf(path, sizeof path, "%s", tu_path("cfg/stallcheck/stallcheck.ini"));
	assert_int_equal(userini_set_inspector(path, "张三 ; 二组", "西湖区市场监督管理局", &err), SC_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(tu_path("cfg/stallcheck"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(settings_load(&st, path, &err), SC_OK);
	assert_string_equal(st.inspector, "张三 ; 二组");
	assert_string_equal(st.reviewer, "张三 ; 二组");
	assert_string_equal(st.unit, "西湖区市场监督管理局");

	/* the shipped settings, edited: still valid, every other line kept */
	size_t len;
	char *shipped = template_read_file(tu_datafile("stallcheck.ini"), &len, &err);
	assert_non_null(shipped);
	const char *mine = tu_write("shipped.ini", shipped);
	assert_int_equal(userini_set_inspector(mine, "王检查", "单位", &err), SC_OK);
	assert_int_equal(settings_load(&st, mine, &err), SC_OK);
	assert_string_equal(st.inspector, "王检查");
	assert_string_equal(st.unit, "单位");
	char *after = template_read_file(mine, &len, &err);
	assert_non_null(after);
	size_t kept = 0, lines = 0;
	for (char *l = strtok(shipped, "\n"); l; l = strtok(NULL, "\n"), lines++)
		if (strncmp(l, "name =", 6) && strncmp(l, "unit =", 6))
			kept += strstr(after, l) != NULL;
	assert_true(lines > 20);
	assert_int_equal(kept, lines - 2); /* all but name and unit */
	free(shipped);
	free(after);

	/* a link is followed: the link stays, its target changes */
	const char *target = tu_write("target.ini", "[ui]\ntheme = mono\n");
	assert_int_equal(symlink(target, tu_path("link.ini")), 0);
	assert_int_equal(userini_set_inspector(tu_path("link.ini"), "王", "", &err), SC_OK);
	assert_int_equal(lstat(tu_path("link.ini"), &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(settings_load(&st, target, &err), SC_OK);
	assert_string_equal(st.inspector, "王");
}

static void test_write_fails(void **s)
{
	(void)s;
	struct sc_err err;
	/* a file where the directory should be: fails for root too */
	const char *file = tu_write("plain", "x\n");
	char path[1024];
	snprintf(path, sizeof path, "%s/stallcheck/stallcheck.ini", file);
	assert_int_not_equal(userini_set_inspector(path, "王", "", &err), SC_OK);
	assert_non_null(strstr(err.msg, file));
	assert_non_null(strstr(err.msg, "Not a directory"));
	/* a directory where the file should be */
	assert_int_equal(mkdir(tu_path("dir.ini"), 0700), 0);
	assert_int_not_equal(userini_set_inspector(tu_path("dir.ini"), "王", "", &err), SC_OK);
	assert_non_null(strstr(err.msg, tu_path("dir.ini")));
}

static void test_path(void **s)
{
	(void)s;
	char path[1024];
	userini_path("/etc/x.ini", path, sizeof path);
	assert_string_equal(path, "/etc/x.ini");
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	userini_path(NULL, path, sizeof path);
	assert_string_equal(path, "/xdg/stallcheck/stallcheck.ini");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/w", 1);
	userini_path(NULL, path, sizeof path);
	assert_string_equal(path, "/home/w/.config/stallcheck/stallcheck.ini");
	/* a relative XDG_CONFIG_HOME is ignored, as settings_find does */
	setenv("XDG_CONFIG_HOME", "rel/xdg", 1);
	userini_path(NULL, path, sizeof path);
	assert_string_equal(path, "/home/w/.config/stallcheck/stallcheck.ini");
	/* what the first start writes is the file the next start reads */
	char found[1024];
	struct sc_err err;
	setenv("XDG_CONFIG_HOME", tu_path("cfg"), 1);
	userini_path(NULL, path, sizeof path);
	assert_int_equal(userini_set_inspector(path, "王", "", &err), SC_OK);
	assert_int_equal(settings_find(NULL, found, sizeof found), 0);
	assert_string_equal(found, path);
	unsetenv("XDG_CONFIG_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_write_and_load),
		cmocka_unit_test(test_write_fails),
		cmocka_unit_test(test_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
