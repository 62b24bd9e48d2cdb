/* cmd_export: stallcheck export — the meeting summary of a period as HTML,
 * XLSX, CSV or Markdown (core/summary.h + core/report.h). Templates are
 * loaded from the texts pinned in the database, once each. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config/tplcache.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/store.h"

static void progress(int done, int total, void *ctx)
{
	(void)ctx;
	fprintf(stderr, _("%cexport: %d/%d inspections"), '\r', done, total);
	if (done >= total)
		fputc('\n', stderr);
}

static int usage(FILE *f)
{
	fprintf(f, _("usage: stallcheck export --from DAY --to DAY [--market ID]...\n"
		   "         [--district NAME] --format html|pdf|xlsx|csv|md -o FILE [--lang zh|en]\n"
		   "         [--now TIMESTAMP] [--force] [--no-bom] [--raw-cells]\n"
		   "Writes the summary of the inspections of a period (days inclusive); a DAY is\n"
		   "YYYY-MM-DD or today.\n"
		   "--market takes a market id, uuid, code or name (repeat for several); --now fixes the\n"
		   "generation time, so the same data gives the same file; an existing FILE is\n"
		   "replaced only with --force; --no-bom leaves the BOM out of a CSV.\n"
		   "pdf is the HTML printed by headless Chromium (apt-get install chromium\n"
		   "fonts-noto-cjk).\n"
		   "A CSV cell starting with = + - @ (not a plain number), tab or CR gets a ' in\n"
		   "front, so a spreadsheet shows it instead of running it; --raw-cells writes\n"
		   "such cells as they are (for scripts).\n"));
	return f == stdout ? 0 : 2;
}


int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "market", required_argument, NULL, 'm' },
		{ "district", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "now", required_argument, NULL, 'N' },
		{ "force", no_argument, NULL, 'x' },
		{ "no-bom", no_argument, NULL, 'b' },
		{ "raw-cells", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL, *district = NULL, *out = NULL, *lang = NULL, *now = NULL;
	const char **markets = NULL;
	char day_from[CLOCK_DAY], day_to[CLOCK_DAY]; /* "today" read before --now fixes the clock */
	int nmarkets = 0, format = -1, c;
	struct report_opts o;
	memset(&o, 0, sizeof o);
	o.bom = 1;
	markets = calloc((size_t)argc + 1, sizeof *markets);
	if (!markets)
		return 1;
	while ((c = cli_getopt(argc, argv, "f:t:m:d:F:o:l:N:xbh", opts, "export")) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'm': markets[nmarkets++] = optarg; break;
		case 'd': district = optarg; break;
		case 'F':
			format = report_format_from_name(optarg);
			if (format < 0) {
				cli_error("export: unknown format '%s' (html, pdf, xlsx, csv or md)", optarg);
				free(markets);
				return 2;
			}
			break;
		case 'o': out = optarg; break;
		case 'l':
			if (strcmp(optarg, "zh") && strcmp(optarg, "en")) {
				cli_error("export: --lang takes zh or en, not '%s'", optarg);
				free(markets);
				return 2;
			}
			lang = optarg;
			break;
		case 'N': now = optarg; break;
		case 'x': o.force = 1; break;
		case 'b': o.bom = 0; break;
		case 'R': o.raw_cells = 1; break;
		case 'h': free(markets); return usage(stdout);
		default: free(markets); return usage(stderr);
		}
	}
	int bad = 0;
	if (optind < argc) {
		cli_error("export: unexpected argument '%s'", argv[optind]);
		bad = 1;
	} else if (!from || !to || !out || format < 0) {
		cli_error("export: --from, --to, --format and -o FILE are required");
		bad = 1;
	} else if (strcmp(out, "-") == 0) { /* the file is written whole, then renamed into place */
		cli_error("export: -o - (standard output) is not supported: give a file name");
		bad = 1;
	} else if (cli_day("export", "--from", from, day_from) || cli_day("export", "--to", to, day_to)) {
		bad = 1;
	} else if (strcmp(day_from, day_to) > 0) {
		cli_error("export: --from %s is after --to %s", day_from, day_to);
		bad = 1;
	} else if (district && strlen(district) >= 64) {
		cli_error("export: --district is too long (at most 63 bytes)");
		bad = 1;
	} else if (district && store_check_text("--district", district, 64, 0, NULL) != SC_OK) {
		cli_error("export: --district must be UTF-8 text");
		bad = 1;
	}
	if (!bad && now) {
		time_t t;
		if (clock_parse(now, &t) != 0) {
			cli_error("export: --now takes YYYY-MM-DD[THH:MM[:SS][Z]] or @SECONDS, not '%s'", now);
			bad = 1;
		} else {
			clock_fix(t);
		}
	}
	if (bad) {
		free(markets);
		return 2;
	}
	if (!o.force && fs_exists(out)) {
		cli_error("export: %s exists (use --force to replace it)", out);
		free(markets);
		return 1;
	}
	struct db *db;
	if (cli_open_db(ctx, CLI_DB_READ, &db)) {
		free(markets);
		return 1;
	}
	int rc = 1;
	struct sc_err err;
	struct tplcache tc = { .db = db };
	int64_t *ids = calloc((size_t)nmarkets + 1, sizeof *ids);
	if (!ids)
		goto done;
	for (int i = 0; i < nmarkets; i++)
		if (cli_market(db, "export", markets[i], &ids[i]))
			goto done;
	struct summary_scope scope = { .markets = nmarkets ? ids : NULL, .nmarkets = nmarkets,
				       .district = district };
	int tty = isatty(2), ninsp = 0, nmk = 0;
	o.format = format;
	o.lang = lang ? (strcmp(lang, "en") == 0 ? LANG_EN : LANG_ZH) : ctx->set.lang;
	o.now = clock_now();
	char dirs[SET_TPL_DIRS][SET_PATH];
	const char *dirv[SET_TPL_DIRS + 1];
	settings_tpl_dirs(&ctx->set, dirs, dirv);
	o.tpl_dirs = dirv;
	o.unit = ctx->set.unit;
	o.tpl = tplcache_lookup;
	o.tpl_ctx = &tc;
	o.progress = tty ? progress : NULL;
	if (report_export(db, day_from, day_to, &scope, out, &o, &ninsp, &nmk, &err) != SC_OK) {
		cli_fail(ctx, "export", db, &err);
		goto done;
	}
	if (tc.problem[0])
		cli_error("export: %s (its items are counted under category \"?\")", tc.problem);
	printf(_("export: %d inspections, %d markets, %s ~ %s -> %s\n"), ninsp, nmk, day_from, day_to, out);
	rc = 0;
done:
	tplcache_clear(&tc);
	free(ids);
	free(markets);
	db_close(db);
	return rc;
}
