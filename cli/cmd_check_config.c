/* cmd_check_config: `stallcheck check-config [FILE...]` validates settings
 * files and checklist templates. Every problem is printed on stdout as
 * FILE:LINE: message and exits 1; a clean run says which files it checked
 * on one line and exits 0. */
#include "cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/template.h"
#include "core/i18n.h"
#include "core/notice.h"
#include "core/report.h"
#include "tui/actions.h"

/* The files checked, for the one line of a clean run. */
struct checked {
	char names[2048];
	int n;
};

static void checked_add(struct checked *c, const char *path)
{
	size_t at = strlen(c->names);
	if (path && *path && at < sizeof c->names)
		snprintf(c->names + at, sizeof c->names - at, "%s%s", c->n++ ? _(", ") : "", path);
}

/* Does the text hold a [template] section header? */
static int looks_like_template(const char *text)
{
	for (const char *p = text; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "[template]", 10) == 0)
			return 1;
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return 0;
}

static void check_template(const char *path, struct cfg_report *rep)
{
	struct checklist cl;
	struct sc_err err;
	if (template_load(path, &cl, rep, &err) == SC_OK)
		checklist_clear(&cl);
}

/* The report and notice templates (report/ in the settings' directory,
 * the user's, the data directories): a problem is "FILE:LINE: what" from
 * core/tmpl.c, split back into the report's file and line. */
static void check_page_templates(const struct settings *s, struct cfg_report *rep)
{
	char dirs[SET_TPL_DIRS][SET_PATH];
	const char *dirv[SET_TPL_DIRS + 1];
	int (*const check[])(const char *const *, struct sc_err *) = { report_templates_check,
								       notice_templates_check };
	settings_tpl_dirs(s, dirs, dirv);
	for (size_t i = 0; i < sizeof check / sizeof *check; i++) {
		struct sc_err err;
		if (check[i](dirv, &err) == SC_OK)
			continue;
		char file[SET_PATH + 64];
		int line = 0, at = 0;
		const char *colon = strchr(err.msg, ':');
		if (colon && (size_t)(colon - err.msg) < sizeof file &&
		    sscanf(colon, ":%d: %n", &line, &at) == 1 && at > 0) {
			snprintf(file, sizeof file, "%.*s", (int)(colon - err.msg), err.msg);
			cfg_report_add(rep, file, line, "%s", colon + at);
		} else {
			cfg_report_add(rep, s->source[0] ? s->source : "report", 0, "%s", err.msg);
		}
	}
}

/* The template the settings name: found nowhere, every place looked (in
 * the --lang language when given). */
static void check_settings_template(struct settings *s, const char *lang, struct cfg_report *rep,
				    struct checked *done)
{
	char missing[sizeof s->template_looked + 128];
	if (lang)
		s->lang = strcmp(lang, "en") == 0 ? LANG_EN : LANG_ZH;
	if (settings_template_missing(s, " ", missing, sizeof missing))
		cfg_report_add(rep, s->template_path, 0, "%s", missing);
	else
		check_template(s->template_path, rep);
	checked_add(done, s->template_path);
}

static void check_settings(const char *path, struct cfg_report *rep, const char *lang,
			   int with_template, struct checked *done)
{
	struct settings s;
	int clean = settings_load_report(&s, path, rep) == 0;
	checked_add(done, path);
	for (int i = 0; i < s.nkeys; i++) {
		char why[200];
		if (actions_validate(s.keys[i].action, s.keys[i].keys, why, sizeof why) < 0)
			cfg_report_add(rep, path, s.keys[i].line, "[keys] %s: %s", s.keys[i].action, why);
	}
	/* a key given to two actions of one screen: at the line that gave it */
	int a1, a2, line = 0;
	char why[256];
	actions_init(&s, NULL, 0);
	if (actions_conflict(&a1, &a2, why, sizeof why) < 0) {
		for (int i = 0; i < s.nkeys; i++)
			if (!strcmp(s.keys[i].action, actions_name(a1)) ||
			    !strcmp(s.keys[i].action, actions_name(a2)))
				line = s.keys[i].line;
		cfg_report_add(rep, path, line, "[keys] %s", why);
	}
	if (with_template && (clean || s.template_path[0]))
		check_settings_template(&s, lang, rep, done);
	if (with_template)
		check_page_templates(&s, rep);
}

/* --effective: the settings as the program reads them, for "which
 * database, which folder, which template am I using?". Problems in the
 * file go to stderr as check-config prints them; the dump is what the
 * program would run with all the same (a bad value falls back to its
 * default), so it is printed either way. */
static int effective(struct cli_ctx *ctx)
{
	struct cfg_report rep = { 0 };
	struct settings s;
	char path[SET_PATH];
	int found = settings_find(ctx->config_path, path, sizeof path) == 0;
	if (!found && ctx->config_path) {
		cli_config_missing(ctx);
		return 1;
	}
	settings_load_report(&s, found ? path : NULL, &rep);
	cli_settings_override(ctx, &s);
	cfg_report_print(&rep, stderr);
	settings_dump(&s, stdout);
	int bad = rep.n > 0;
	cfg_report_free(&rep);
	return bad ? 1 : 0;
}

int cmd_check_config(struct cli_ctx *ctx, int argc, char **argv)
{
	struct cfg_report rep = { 0 };
	struct checked done = { "", 0 };
	int missing = 0;

	cli_quiet_lang(ctx);
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf(_("usage: stallcheck check-config [FILE...]\n"
			 "       stallcheck check-config --effective\n"
			 "Checks the settings file in use, its checklist template and the report and\n"
			 "notice templates (report/*.html, *.css), or the given files.\n"
			 "--effective prints the settings in force (the file's values over the built-in\n"
			 "defaults) as a settings file, each key with its help.\n"));
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--effective"))
		return effective(ctx);
	for (int i = 1; i < argc; i++) /* an option here is a mistake, not a file to read */
		if (argv[i][0] == '-' && argv[i][1]) {
			if (!strcmp(argv[i], "--effective"))
				cli_error("check-config: --effective takes no FILE: it shows the settings in use"
					  " (give --config FILE before check-config for another file)");
			else
				cli_error("%s: unknown option '%s' (see stallcheck %.*s --help)", "check-config",
					  argv[i], 12, "check-config");
			return 2;
		}
	if (argc <= 1) {
		char path[SET_PATH];
		if (settings_find(ctx->config_path, path, sizeof path) == 0) {
			check_settings(path, &rep, ctx->lang, 1, &done);
		} else if (ctx->config_path) {
			cli_config_missing(ctx);
			return 1;
		} else {
			/* no settings file anywhere: built-in defaults and their template */
			struct settings s;
			settings_load_report(&s, NULL, &rep);
			check_settings_template(&s, ctx->lang, &rep, &done);
			check_page_templates(&s, &rep);
		}
	}
	for (int i = 1; i < argc; i++) {
		struct sc_err err;
		size_t len;
		char *text = template_read_file(argv[i], &len, &err);
		if (!text) {
			cli_error("%s", err.msg);
			missing = 1;
			continue;
		}
		int is_tpl = looks_like_template(text);
		free(text);
		if (is_tpl) {
			check_template(argv[i], &rep);
			checked_add(&done, argv[i]);
		} else {
			check_settings(argv[i], &rep, ctx->lang, 0, &done);
		}
	}
	cfg_report_print(&rep, stdout);
	int bad = rep.n > 0 || missing;
	if (!bad)
		cli_out(_("check-config: no problems in %s\n"), done.names);
	cfg_report_free(&rep);
	return bad ? 1 : 0;
}
