/* cmd_demo: stallcheck demo — fill a database with reproducible demo data. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/demo.h"
#include "core/i18n.h"

static void progress(int done, int total, void *ctx)
{
	(void)ctx;
	if (isatty(2))
		fprintf(stderr, _("%cdemo: day %d of %d"), '\r', done, total);
	if (done == total && isatty(2))
		fputc('\n', stderr);
}

static int number(const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi) {
		cli_error("demo: %s takes a whole number from %ld to %ld, not '%s'", opt, lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "markets", required_argument, NULL, 'm' },
		{ "days", required_argument, NULL, 'n' },
		{ "until", required_argument, NULL, 'u' },
		{ "seed", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_opts o;
	struct checklist cl;
	struct db *db;
	struct sc_err err;
	char *body;
	long v;
	int c, rc;

	memset(&o, 0, sizeof o);
	while ((c = cli_getopt(argc, argv, "m:n:u:s:h", opts, "demo")) != -1) {
		switch (c) {
		case 'm': if (number("--markets", optarg, 1, 500, &v)) return 2; o.markets = (int)v; break;
		case 'n': if (number("--days", optarg, 1, 3660, &v)) return 2; o.days = (int)v; break;
		case 's': if (number("--seed", optarg, 1, 2147483647L, &v)) return 2; o.seed = (uint64_t)v; break;
		case 'u':
			if (cli_day("demo", "--until", optarg, o.until))
				return 2;
			break;
		case 'h':
			printf(_("usage: stallcheck [--db FILE] demo [--markets N] [--days D] [--until DAY] [--seed S]\n"
				 "Fills an empty database with demo markets, stalls and inspections for the D days\n"
				 "ending on --until (YYYY-MM-DD or today, the default). The same arguments give the\n"
				 "same data.\n"));
			return 0;
		default:
			return 2;
		}
	}
	if (optind < argc) {
		cli_error("demo: unexpected argument '%s'", argv[optind]);
		return 2;
	}
	if (cli_template(ctx, &cl, &body))
		return 1;
	if (cli_open_db(ctx, CLI_DB_CREATE, &db)) {
		checklist_clear(&cl);
		free(body);
		return 1;
	}
	demo_defaults(&o);
	rc = demo_generate(db, &cl, body, &o, progress, NULL, &err);
	if (rc == SC_OK) {
		int64_t ni = 0, na = 0;
		db_int(db, &err, &ni, "SELECT count(*) FROM inspection", NULL);
		db_int(db, &err, &na, "SELECT count(*) FROM answer", NULL);
		printf(_("demo: %d markets, %d days to %s: %lld inspections, %lld answers in %s\n"),
		       o.markets, o.days, o.until, (long long)ni, (long long)na, ctx->set.db_path);
	} else {
		cli_error("%s", err.msg);
	}
	db_close(db);
	checklist_clear(&cl);
	free(body);
	return rc == SC_OK ? 0 : 1;
}
