/* main: parse global options, then run a command or open the TUI. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "tui/tui.h"

struct command {
	const char *name;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
	const char *synopsis;     /* the words typed: never translated */
	const char *what;         /* msgid */
};

static const struct command commands[] = {
	{ "check-config", cmd_check_config, "check-config [FILE...]", N_("validate settings and templates") },
	{ "demo", cmd_demo, "demo [--markets N] [--days D] [--until DAY] [--seed S]", N_("fill with demo data") },
	{ "review", cmd_review, "review list|approve|return ...", N_("supervisor review") },
	{ "export", cmd_export, "export --from DAY --to DAY --format html|xlsx|csv|md -o FILE",
	  N_("export a summary of the inspections") },
	{ "rectify", cmd_rectify, "rectify list|notice ...", N_("rectifications (整改)") },
	{ "sync", cmd_sync, "sync DIR | sync --status DIR", N_("exchange records") },
	{ "device", cmd_device, "device show|trust|revoke ...", N_("device identity and trust") },
	{ "verify", cmd_verify, "verify", N_("recompute every seal") },
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

static void usage(const struct cli_ctx *ctx, FILE *out)
{
	cli_quiet_lang(ctx);
	fprintf(out, _("usage: stallcheck [--config FILE] [--db FILE] [--lang zh|en] [COMMAND ...]\n"
		       "\n"
		       "Without a command, opens the full-screen inspection program (the first start asks\n"
		       "for the inspector's name and unit). A DAY is YYYY-MM-DD or today.\n"
		       "\n"
		       "Commands:\n"));
	for (int i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %s\n      %s\n", commands[i].synopsis, _(commands[i].what));
	fprintf(out, _("\n"
		       "Options:\n"
		       "  -c, --config FILE   settings file (default: $XDG_CONFIG_HOME/stallcheck/stallcheck.ini,\n"
		       "                      then $XDG_CONFIG_DIRS, then the data directory; see FILES in\n"
		       "                      stallcheck(1))\n"
		       "  -d, --db FILE       database (default: $XDG_DATA_HOME/stallcheck/stallcheck.db)\n"
		       "  -l, --lang zh|en    language of the interface, messages and reports\n"
		       "  -h, --help          this help\n"
		       "  -V, --version       version\n"
		       "\n"
		       "Environment: STALLCHECK_NOW fixes the clock (YYYY-MM-DD[THH:MM] or @SECONDS),\n"
		       "NO_COLOR turns colour off. See stallcheck(1).\n"));
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_ctx ctx;
	int c;

	memset(&ctx, 0, sizeof ctx);
	setlocale(LC_ALL, "");
	/* numbers are written and read with a point whatever the locale: scores
	 * in tables, CSV cells other programs read, the templates' points */
	setlocale(LC_NUMERIC, "C");
	i18n_set_lang(settings_detect_lang()); /* until --lang or the settings say */
	int help = 0;
	/* '+': stop at the first non-option, the command parses the rest */
	while ((c = cli_getopt(argc, argv, "+c:d:l:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'c': ctx.config_path = optarg; break;
		case 'd': ctx.db_path = optarg; break;
		case 'l':
			if (strcmp(optarg, "zh") && strcmp(optarg, "en")) {
				cli_error("--lang takes zh or en, not '%s'", optarg);
				return 2;
			}
			ctx.lang = optarg;
			i18n_set_lang(strcmp(optarg, "en") == 0 ? LANG_EN : LANG_ZH);
			break;
		case 'h': help = 1; break; /* after a later --lang */
		case 'V': printf(/* no i18n */ "stallcheck %s\n", SC_VERSION); return 0;
		default: usage(&ctx, stderr); return 2;
		}
	}
	if (help) {
		usage(&ctx, stdout);
		return 0;
	}
	const char *now = getenv("STALLCHECK_NOW");
	if (now && *now) {
		time_t t;
		if (clock_parse(now, &t) < 0) {
			cli_error("STALLCHECK_NOW='%s' is not a date or time", now);
			return 2;
		}
		clock_fix(t);
	}
	if (optind >= argc) {
		if (cli_settings(&ctx))
			return 1;
		return tui_run(&ctx.set, ctx.config_path);
	}
	for (int i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[optind], commands[i].name) == 0) {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;
			optind = 0; /* let the command use getopt on its own argv */
			return commands[i].run(&ctx, sub_argc, sub_argv);
		}
	}
	cli_error("unknown command '%s' (see stallcheck --help)", argv[optind]);
	return 2;
}
