/* cli: what every command shares: settings, database, template, errors,
 * table cells and CSV fields. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config/template.h"
#include "config/userini.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/store.h"
#include "core/utf8.h"

/* fmt's text through the one filter of core/utf8.h onto f: the program's
 * own words are clean, the records quoted in them (a peer's note, a
 * market name, a quarantine reason) may hold control bytes. */
static void vout(FILE *f, const char *fmt, va_list ap)
{
	char buf[1024], clean[3 * sizeof buf], *big = NULL, *bigclean = NULL;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(buf, sizeof buf, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n < sizeof buf) {
		fputs(utf8_clean(buf, "\t\n", clean, sizeof clean), f);
		return;
	}
	if ((big = malloc((size_t)n + 1))) {
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		if ((bigclean = utf8_clean_dup(big, "\t\n")))
			fputs(bigclean, f);
	}
	free(bigclean);
	free(big);
}

void cli_out(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vout(stdout, fmt, ap);
	va_end(ap);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs(/* no i18n */ "stallcheck: ", stderr);
	vout(stderr, sc_tr(fmt), ap);
	fputc('\n', stderr);
	va_end(ap);
}

void cli_fail(const struct cli_ctx *ctx, const char *cmd, struct db *db, const struct sc_err *err)
{
	const char *in = strstr(err->msg, " in: "); /* SQLite's words, not the statement */

	(void)ctx; /* the language is the catalogue's, set by cli_settings */
	if (err->code != SC_ERR_CORRUPT) {
		cli_error("%s: %s", cmd, err->msg);
		return;
	}
	cli_error("%s: the database file %s is damaged (%.*s); nothing was written: check it with"
		  " `stallcheck verify` and restore it from a backup",
		  cmd, db_path(db), in ? (int)(in - err->msg) : (int)strlen(err->msg), err->msg);
}

void cli_quiet_lang(const struct cli_ctx *ctx)
{
	char path[SET_PATH];
	struct settings s;
	struct sc_err err;

	if (!ctx->lang && settings_find(ctx->config_path, path, sizeof path) == 0 &&
	    settings_load(&s, path, &err) == SC_OK)
		i18n_set_lang(s.lang);
}

void cli_config_missing(const struct cli_ctx *ctx)
{
	/* no settings: the language of --lang or the locale, set by main */
	cli_error("settings file not found: %s", ctx->config_path);
}

void cli_settings_override(const struct cli_ctx *ctx, struct settings *s)
{
	if (ctx->db_path)
		snprintf(s->db_path, sizeof s->db_path, "%s", ctx->db_path);
	if (ctx->lang)
		s->lang = strcmp(ctx->lang, "en") == 0 ? LANG_EN : LANG_ZH;
}

int cli_settings(struct cli_ctx *ctx)
{
	char path[SET_PATH];
	struct sc_err err;

	if (ctx->settings_loaded)
		return 0;
	if (settings_find(ctx->config_path, path, sizeof path) < 0) {
		if (ctx->config_path) {
			cli_config_missing(ctx);
			return 1;
		}
		path[0] = '\0'; /* nothing installed: built-in defaults */
	}
	if (settings_load(&ctx->set, path[0] ? path : NULL, &err) != SC_OK) {
		cli_error("%s", err.msg);
		return 1;
	}
	cli_settings_override(ctx, &ctx->set);
	i18n_set_lang(ctx->set.lang);
	ctx->settings_loaded = 1;
	return 0;
}

int cli_day(const char *cmd, const char *opt, const char *s, char out[CLOCK_DAY])
{
	if (!strcmp(s, "today")) {
		clock_today(out);
		return 0;
	}
	if (!clock_day_valid(s)) {
		cli_error("%s: %s takes a calendar date YYYY-MM-DD or today, not '%s'", cmd, opt, s);
		return -1;
	}
	snprintf(out, CLOCK_DAY, "%s", s);
	return 0;
}

/* Did getopt_long's error c come from the long option arg (argv[optind - 1])
 * rather than from a short one bundled in the word after it ("--force -Zq":
 * optind stays on "-Zq" while Z is read)? A long option leaves optopt 0
 * (unknown) or its val (a value missing, only ever at the end, or given to
 * one that takes none, "--force=1"). */
static int cli_getopt_long_failed(const char *arg, int c, const struct option *longs)
{
	if (!optopt || c == ':')
		return 1;
	size_t n = strcspn(arg + 2, "=");
	if (!arg[2 + n])
		return 0;
	for (; longs && longs->name; longs++)
		if (!strncmp(longs->name, arg + 2, n) && longs->has_arg == no_argument && longs->val == optopt)
			return 1;
	return 0;
}

int cli_getopt(int argc, char **argv, const char *shorts, const struct option *longs, const char *cmd)
{
	char spec[64], name[64];
	int plus = shorts[0] == '+';
	/* a leading ':' (after '+') tells a missing value (':') from an unknown option ('?') */
	snprintf(spec, sizeof spec, "%s:%s", plus ? "+" : "", shorts + plus);
	opterr = 0;
	int c = getopt_long(argc, argv, spec, longs, NULL);
	if (c != '?' && c != ':')
		return c;
	/* a long option is the word given (up to its "="); a short one its letter */
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (!strncmp(arg, "--", 2) && cli_getopt_long_failed(arg, c, longs))
		snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
	else
		snprintf(name, sizeof name, "-%c", optopt);
	int top = cmd ? (int)strcspn(cmd, " ") : 0;
	if (c == ':' && cmd)
		cli_error("%s: option '%s' needs a value (see stallcheck %.*s --help)", cmd, name, top, cmd);
	else if (c == ':')
		cli_error("option '%s' needs a value (see stallcheck --help)", name);
	else if (cmd)
		cli_error("%s: unknown option '%s' (see stallcheck %.*s --help)", cmd, name, top, cmd);
	else
		cli_error("unknown option '%s' (see stallcheck --help)", name);
	return '?';
}

int cli_need_name(struct cli_ctx *ctx, const char *cmd, const char *name)
{
	char path[SET_PATH];
	if (name[0])
		return 0;
	userini_path(ctx->config_path, path, sizeof path);
	cli_error("%s: no inspector name is set, and a record needs one: put it in %s as\n"
		  "  [inspector]\n  name = 你的姓名\n"
		  "(or start stallcheck without a command once: it asks for it)", cmd, path);
	return 2;
}

int cli_open_db(struct cli_ctx *ctx, int mode, struct db **db)
{
	struct sc_err err;
	int create = mode == CLI_DB_CREATE;

	if (cli_settings(ctx))
		return 1;
	if (create && fs_mkparents(ctx->set.db_path, &err) != SC_OK) {
		cli_error("%s", err.msg);
		return 1;
	}
	int existed = access(ctx->set.db_path, F_OK) == 0;
	int rc = db_open(db, ctx->set.db_path, create ? DB_CREATE : 0, &err);
	if (rc == SC_ERR_READONLY && mode == CLI_DB_READ) { /* a copy handed over read-only: read it */
		rc = db_open(db, ctx->set.db_path, DB_READONLY, &err);
		if (rc == SC_OK)
			cli_error("%s is read-only here: opened for reading", ctx->set.db_path);
	}
	if (rc != SC_OK) {
		cli_error("%s", err.msg);
		return 1;
	}
	if (!existed) /* a mistyped --db should not pass unnoticed */
		cli_error("created a new database %s", ctx->set.db_path);
	return 0;
}

int cli_template(struct cli_ctx *ctx, struct checklist *cl, char **body)
{
	struct cfg_report rep = { 0 };
	struct sc_err err;
	char *text;
	size_t len;

	if (body)
		*body = NULL;
	if (cli_settings(ctx))
		return 1;
	char missing[sizeof ctx->set.template_looked + 128];
	if (settings_template_missing(&ctx->set, "\n  ", missing, sizeof missing)) {
		cli_error("%s", missing);
		return 1;
	}
	text = template_read_file(ctx->set.template_path, &len, &err);
	if (!text) {
		cli_error("%s", err.msg);
		return 1;
	}
	if (template_load_text(text, ctx->set.template_path, cl, &rep, &err) != SC_OK) {
		cfg_report_print(&rep, stderr);
		cfg_report_free(&rep);
		free(text);
		cli_error("the checklist template has errors; nothing was changed");
		return 1;
	}
	cfg_report_free(&rep);
	if (body)
		*body = text;
	else
		free(text);
	return 0;
}

void cli_cell(const char *s, int w, int flags)
{
	char buf[512];
	int used = utf8_fit(s, w, 1, buf, sizeof buf);
	if (flags & CLI_NOPAD)
		fputs(buf, stdout);
	else if (flags & CLI_RIGHT)
		printf("%*s%s", w - used, "", buf);
	else
		printf("%s%*s", buf, w - used, "");
}

void cli_csv_field(const char *s, int last, const char *eol, int raw)
{
	static int tty = -1;
	char *clean = NULL;
	if (tty < 0)
		tty = isatty(STDOUT_FILENO);
	if (tty && (clean = utf8_clean_dup(s, "\t\n"))) /* a file or pipe gets the data as it is */
		s = clean;
	csv_field(stdout, s, raw);
	fputs(last ? eol : ",", stdout);
	free(clean);
}

int cli_market(struct db *db, const char *cmd, const char *key, int64_t *id)
{
	struct market_rec *ms;
	struct sc_err err;
	int n, hits = 0;
	char *end;
	long long num = strtoll(key, &end, 10);

	*id = 0;
	if (store_market_list(db, &ms, &n, &err) != SC_OK) {
		cli_error("%s: %s", cmd, err.msg);
		return -1;
	}
	for (int i = 0; i < n && !*id; i++) /* an exact id, uuid or code first */
		if ((*key && !*end && ms[i].id == num) || !strcasecmp(ms[i].uuid, key) ||
		    (ms[i].code[0] && !strcmp(ms[i].code, key)))
			*id = ms[i].id;
	for (int i = 0; i < n && !*id; i++) /* then a name, which must be one market's */
		if (!strcmp(ms[i].name, key)) {
			hits++;
			if (hits == 1)
				*id = ms[i].id;
		}
	free(ms);
	if (hits > 1) {
		*id = 0;
		cli_error("%s: %d markets are called '%s' (give its id or uuid)", cmd, hits, key);
		return -1;
	}
	if (!*id) {
		cli_error("%s: no market '%s' (give its id, uuid, code or name)", cmd, key);
		return -1;
	}
	return 0;
}
