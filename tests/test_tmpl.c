/* test_tmpl: the template scheme of the report and notice (core/tmpl.h):
 * values escaped, raw only where the writer allows, blocks, standalone
 * lines, and every mistake refused with FILE:LINE; the shipped templates
 * parse. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/notice.h"
#include "core/report.h"
#include "core/tmpl.h"
#include "testutil.h"

static const char *const names[] = { "a", "b", "l.x", "&raw", "list", "n", "flag", NULL };

/* Render text with v; returns the malloc'd result (the test frees it). */
static char *render(const char *text, const struct tmpl_vars *v)
{
	struct tmpl *t;
	struct sc_err err;
	char *out;
	size_t len;
	assert_int_equal(tmpl_parse("t.html", text, strlen(text), names, &t, &err), SC_OK);
	assert_int_equal(tmpl_render(t, v, &out, &len, &err), SC_OK);
	assert_int_equal(strlen(out), len);
	tmpl_free(t);
	return out;
}

/* The parse of text fails with this message. */
static void refused_n(const char *text, size_t len, const char *msg)
{
	struct tmpl *t = (struct tmpl *)1;
	struct sc_err err;
	assert_int_equal(tmpl_parse("t.html", text, len, names, &t, &err), SC_ERR_INVALID);
	assert_null(t);
	assert_string_equal(err.msg, msg);
}

static void refused(const char *text, const char *msg) { refused_n(text, strlen(text), msg); }

static void test_values(void **s)
{
	(void)s;
	struct tmpl_vars *v = tmpl_vars_new();
	tmpl_set(v, "a", "<b>&\"x'\n\x01y");
	tmpl_set(v, "raw", "<i>ok</i>");
	tmpl_set(v, "l.x", "市场");
	char *out = render("[{{a}}] {{{raw}}} {{ l.x }} {{b}}.", v);
	assert_string_equal(out, "[&lt;b&gt;&amp;&quot;x&#39;<br/>\xef\xbf\xbdy] <i>ok</i> 市场 .");
	free(out);
	tmpl_vars_free(v);
}

/* The report's writers escape as {{name}} does (one escaper): a note's
 * newline, a control byte and a long text (over the stack buffer) alike. */
static void test_one_escaper(void **s)
{
	(void)s;
	static const char *const texts[] = { "<b>&\"x'\n\x01y\x1b[2J", "plain 市场", "" };
	char big[4000];
	memset(big, '<', sizeof big - 2);
	big[sizeof big - 2] = '\x7f';
	big[sizeof big - 1] = '\0';
	for (size_t i = 0; i < sizeof texts / sizeof texts[0] + 1; i++) {
		const char *t = i < sizeof texts / sizeof texts[0] ? texts[i] : big;
		struct tmpl_vars *v = tmpl_vars_new();
		tmpl_set(v, "a", t);
		char *want = render("{{a}}", v), *got = NULL;
		size_t n = 0;
		FILE *f = open_memstream(&got, &n);
		assert_non_null(f);
		report_html_esc(f, t);
		assert_int_equal(fclose(f), 0);
		assert_string_equal(got, want);
		free(got);
		free(want);
		tmpl_vars_free(v);
	}
}

/* A long text is escaped in pieces: a character that straddles a piece's
 * end (3-byte 市, 4-byte U+1F600) comes out whole, the rest as short. */
static void test_escape_pieces(void **s)
{
	(void)s;
	static const char *const units[] = { "\xe5\xb8\x82", "\xf0\x9f\x98\x80" };
	for (int u = 0; u < 2; u++) {
		char text[3000] = "x", want[3200] = "x";
		for (int i = 0; i < 500; i++) {
			strcat(text, units[u]);
			strcat(want, units[u]);
		}
		strcat(text, "\x01<\xff\n");
		strcat(want, "\xef\xbf\xbd&lt;\xef\xbf\xbd<br/>");
		struct tmpl_vars *v = tmpl_vars_new();
		tmpl_set(v, "a", text);
		char *out = render("{{a}}", v);
		assert_string_equal(out, want);
		free(out);
		tmpl_vars_free(v);
	}
}

/* The page footer's words, cut from one sentence of the catalogue around
 * the CSS counters: the report's and the notice's footers alike. */
static void test_page_words(void **s)
{
	(void)s;
	static const char *const pn[] = { "l.page", "l.of", "l.pages", NULL };
	static const char *const want[] = { "[第 |N| 页，共 |M| 页]", "[Page |N| of |M|]" };
	const char *text = "[{{l.page}}|N|{{l.of}}|M|{{l.pages}}]";
	for (int lang = LANG_ZH; lang <= LANG_EN; lang++) {
		struct tmpl *t;
		struct sc_err err;
		char *out;
		size_t len;
		struct tmpl_vars *v = tmpl_vars_new();
		tmpl_page_words(v, lang);
		assert_int_equal(tmpl_parse("t.css", text, strlen(text), pn, &t, &err), SC_OK);
		assert_int_equal(tmpl_render(t, v, &out, &len, &err), SC_OK);
		assert_string_equal(out, want[lang == LANG_EN]);
		free(out);
		tmpl_free(t);
		tmpl_vars_free(v);
	}
}

static void test_blocks(void **s)
{
	(void)s;
	struct tmpl_vars *v = tmpl_vars_new();
	tmpl_set(v, "a", "outer");
	tmpl_set(v, "flag", "");
	for (int i = 1; i <= 3; i++) {
		struct tmpl_vars *it = tmpl_add(v, "list");
		tmpl_setf(it, "n", "%d", i);
		tmpl_set(it, "flag", i == 2 ? "1" : "");
	}
	char *out = render("<ul>\n  {{#list}}\n<li>{{n}} {{a}}{{#flag}}!{{/flag}}</li>\n  {{/list}}\n</ul>\n"
			   "{{^flag}}no flag{{/flag}}{{#flag}}flag{{/flag}}{{^b}}, no b{{/b}}\n"
			   "{{! a comment alone on its line leaves nothing }}\n"
			   "end {{! inline }}here\n", v);
	assert_string_equal(out, "<ul>\n<li>1 outer</li>\n<li>2 outer!</li>\n<li>3 outer</li>\n</ul>\n"
			    "no flag, no b\nend here\n");
	free(out);
	tmpl_list(v, "n"); /* an empty list is empty */
	out = render("{{^n}}none{{/n}}{{#n}}some{{/n}}", v);
	assert_string_equal(out, "none");
	free(out);
	tmpl_vars_free(v);
}

static void test_mistakes(void **s)
{
	(void)s;
	refused("ok\n\n<p>{{nope}}</p>", "t.html:3: unknown placeholder {{nope}}");
	refused("{{#list}}\nx\n", "t.html:1: block {{#list}} is not closed");
	refused("a\n{{/list}}", "t.html:2: {{/list}} closes no open block");
	refused("{{#list}}{{/flag}}", "t.html:1: {{/flag}} closes no open block");
	refused("x {{a", "t.html:1: {{ is not closed");
	refused("{{a b}}", "t.html:1: bad placeholder {{a b}} (names are letters, digits, _ and .)");
	refused("\n{{{a}}}", "t.html:2: {{{a}}} is text: write it {{…}} so it is escaped");
	refused("{{raw}}", "t.html:1: {{raw}} is HTML the program makes: write it {{{…}}}");
	refused_n("a\0b", 3, "t.html: not a text file (it holds a NUL byte)");
}

static void test_find(void **s)
{
	(void)s;
	struct sc_err err;
	char path[1200];
	const char *const none[] = { "/nonexistent/a", "/nonexistent/b", NULL };
	assert_int_equal(tmpl_find(none, "notice.html", path, sizeof path, &err), SC_ERR_NOTFOUND);
	assert_string_equal(err.msg, "template report/notice.html not found; looked in: "
			    "/nonexistent/a/report/notice.html /nonexistent/b/report/notice.html");
	/* the first directory that has it wins: an office's copy before the shipped one */
	mkdir(tu_path("report"), 0700);
	tu_write("report/notice.html", "{{l.title}}");
	const char *const dirs[] = { tu_path(""), tu_tpl_dirs()[0], NULL };
	assert_int_equal(tmpl_find(dirs, "notice.html", path, sizeof path, &err), SC_OK);
	assert_int_equal(strncmp(path, dirs[0], strlen(dirs[0])), 0);
	assert_int_equal(tmpl_find(dirs, "report.html", path, sizeof path, &err), SC_OK);
	{ /* not in the first: the shipped one (wherever the data directory is) */
		char want[1200];
		snprintf(want, sizeof want, "%s/report/report.html", tu_tpl_dirs()[0]);
		assert_string_equal(path, want);
	}
	/* a broken copy is refused with its file and line, no fallback */
	tu_write("report/notice.html", "<p>\n{{l.titel}}</p>");
	assert_int_equal(notice_templates_check(dirs, &err), SC_ERR_INVALID);
	assert_non_null(strstr(err.msg, "report/notice.html:2: unknown placeholder {{l.titel}}"));
}

/* the shipped templates name only what their writers give */
static void test_shipped(void **s)
{
	(void)s;
	struct sc_err err;
	assert_int_equal(report_templates_check(tu_tpl_dirs(), &err), SC_OK);
	assert_int_equal(notice_templates_check(tu_tpl_dirs(), &err), SC_OK);
}

/* A page template is read with the cap every settings and template file
 * has: /dev/zero or a stray large file stops with a message. */
static void test_capped(void **state)
{
	(void)state;
	static const char *const none[] = { NULL };
	struct tmpl *t = NULL;
	struct sc_err err;
	assert_int_not_equal(tmpl_load("/dev/zero", none, &t, &err), SC_OK);
	assert_null(t);
	assert_non_null(strstr(err.msg, "/dev/zero: more than 1024 KiB"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_one_escaper),
		cmocka_unit_test(test_escape_pieces),
		cmocka_unit_test(test_page_words),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_mistakes),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_capped),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_cleanup();
	return rc;
}
