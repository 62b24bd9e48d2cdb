/* cmd_rectify: stallcheck rectify list|notice|followup|repeats — the
 * rectifications (整改) without the TUI. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/notice.h"
#include "core/i18n.h"
#include "core/rectify.h"
#include "core/store.h"
#include "core/utf8.h"

/* The usage: on stdout when asked for (-h), on stderr after a mistake. */
static void usage_to(FILE *out)
{
	fputs(_("usage: stallcheck rectify list [--open|--overdue|--closed|--all] [--market ID]\n"
	      "                              [--inspector NAME] [--category C] [--as-of DAY] [--format table|csv]\n"
	      "                              [--raw-cells]\n"
	      "       stallcheck rectify notice INSPECTION_UUID -o FILE [--format html|pdf]\n"
	      "                              [--lang zh|en] [--force]\n"
	      "       stallcheck rectify followup RECT_UUID --inspection UUID --fixed|--not-fixed [--note TEXT]\n"
	      "       stallcheck rectify repeats [--market ID]\n"), out);
}

static void usage(void) { usage_to(stderr); }

/* s in cols columns and two spaces; the last column only cut. */
static void cell(const char *s, int cols, int last)
{
	cli_cell(s, cols, last ? CLI_NOPAD : 0);
	if (!last)
		fputs("  ", stdout);
}

#define csv_cell(s, last) cli_csv_field((s), (last), "\r\n" /* RFC 4180, as export and review list write it */, raw)

static const char *place(const struct rect_rec *r, int lang)
{
	if (r->stall_id)
		return r->stall_code;
	const char *area = lang == LANG_EN ? r->area_name_en : r->area_name;
	return area[0] ? area : sc_trc_lang(lang, "rectify list", "(market)");
}

/* The id lists show: the uuid's random end (see RECT_SHORT_ID). */
static const char *rect_short_id(const char *uuid)
{
	size_t n = strlen(uuid);
	return n > RECT_SHORT_ID ? uuid + n - RECT_SHORT_ID : uuid;
}


/* The ten table cells of one row; text lives in the row's buffers. */
struct trow {
	char id[RECT_SHORT_ID + 1], finding[300], num[16];
	const char *v[10];
};

static void table_row(const struct rect_rec *r, int lang, struct trow *t)
{
	snprintf(t->id, sizeof t->id, "%s", rect_short_id(r->uuid));
	snprintf(t->finding, sizeof t->finding, "%s%s", r->critical ? "!" : "",
		 lang == LANG_EN && r->finding_en[0] ? r->finding_en : r->finding);
	snprintf(t->num, sizeof t->num, "%d", r->repeats);
	const char *v[10] = { t->id, r->market_name, place(r, lang), r->item_id, t->finding,
			      r->opened_day, r->deadline, rectify_state_label(r->status, r->overdue, lang), t->num, r->inspector };
	memcpy(t->v, v, sizeof v);
}

static void print_table(const struct rect_rec *rs, int n, int lang)
{
	static const char *const heads[10] = {
		NC_("rectify list", "ID"), NC_("rectify list", "MARKET"), NC_("rectify list", "STALL"),
		NC_("rectify list", "ITEM"), NC_("rectify list", "FINDING"), NC_("rectify list", "FOUND"),
		NC_("rectify list", "DEADLINE"), NC_("rectify list", "STATUS"), NC_("rectify list", "REP"),
		NC_("rectify list", "INSPECTOR"),
	};
	const char *head[10];
	static const int maxw[10] = { RECT_SHORT_ID, 24, 16, 6, 36, 10, 10, 7, 3, 16 };
	int w[10];
	struct trow t;

	for (int k = 0; k < 10; k++)
		w[k] = utf8_width(head[k] = sc_trc_lang(lang, "rectify list", heads[k]));
	for (int i = 0; i < n; i++) {
		table_row(&rs[i], lang, &t);
		for (int k = 0; k < 10; k++) {
			int cw = utf8_width(t.v[k]);
			if (cw > w[k])
				w[k] = cw < maxw[k] ? cw : maxw[k];
		}
	}
	for (int k = 0; k < 10; k++)
		cell(head[k], w[k], k == 9);
	putchar('\n');
	for (int i = 0; i < n; i++) {
		table_row(&rs[i], lang, &t);
		for (int k = 0; k < 10; k++)
			cell(t.v[k], w[k], k == 9);
		putchar('\n');
	}
}

static void print_csv(const struct rect_rec *rs, int n, int lang, int raw)
{
	static const char *const head[] = {
		"uuid", "market", "stall", "area", "item_id", "category", "critical", "finding", "spots",
		"note", "opened_day", "deadline", "status", "overdue", "closed_day", "repeats",
		"repeat_of", "inspector", "inspection",
	};
	const int nh = (int)(sizeof head / sizeof head[0]);
	for (int k = 0; k < nh; k++)
		csv_cell(head[k], k == nh - 1);
	for (int i = 0; i < n; i++) {
		const struct rect_rec *r = &rs[i];
		char crit[4], spots[16], over[4], reps[16];
		snprintf(crit, sizeof crit, "%d", r->critical);
		snprintf(spots, sizeof spots, "%d", r->spots);
		snprintf(over, sizeof over, "%d", r->overdue);
		snprintf(reps, sizeof reps, "%d", r->repeats);
		const char *v[] = { r->uuid, r->market_name, r->stall_code,
				    lang == LANG_EN ? r->area_name_en : r->area_name, r->item_id, r->category,
				    crit, lang == LANG_EN && r->finding_en[0] ? r->finding_en : r->finding,
				    spots, r->note, r->opened_day, r->deadline, r->status, over, r->closed_day,
				    reps, r->repeat_of, r->inspector, r->inspection_uuid };
		for (int k = 0; k < nh; k++)
			csv_cell(v[k], k == nh - 1);
	}
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'O' }, { "overdue", no_argument, NULL, 'D' },
		{ "closed", no_argument, NULL, 'C' }, { "all", no_argument, NULL, 'A' },
		{ "market", required_argument, NULL, 'm' }, { "inspector", required_argument, NULL, 'i' },
		{ "category", required_argument, NULL, 'c' }, { "as-of", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' }, { "help", no_argument, NULL, 'h' },
		{ "raw-cells", no_argument, NULL, 'R' }, { NULL, 0, NULL, 0 },
	};
	struct rect_filter f;
	const char *market = NULL, *format = "table";
	struct rect_rec *rs;
	struct sc_err err;
	struct db *db;
	int c, n, states = 0, raw = 0;

	memset(&f, 0, sizeof f);
	optind = 0;
	while ((c = cli_getopt(argc, argv, "m:i:c:a:f:h", opts, "rectify list")) != -1) {
		switch (c) {
		case 'O': f.state = RECT_OPEN; states++; break;
		case 'D': f.state = RECT_OVERDUE; states++; break;
		case 'C': f.state = RECT_CLOSED; states++; break;
		case 'A': f.state = RECT_ALL; states++; break;
		case 'm': market = optarg; break;
		case 'i': f.inspector = optarg; break;
		case 'c': f.category = optarg; break;
		case 'a':
			if (cli_day("rectify list", "--as-of", optarg, f.as_of))
				return 2;
			break;
		case 'f': format = optarg; break;
		case 'R': raw = 1; break;
		case 'h': usage_to(stdout); return 0;
		default: usage(); return 2;
		}
	}
	if (optind < argc || states > 1 || (strcmp(format, "table") && strcmp(format, "csv"))) {
		if (states > 1)
			cli_error("rectify list: give one of --open, --overdue, --closed");
		else if (optind < argc)
			cli_error("rectify list: unexpected '%s'", argv[optind]);
		else
			cli_error("rectify list: --format is table or csv, not '%s'", format);
		return 2;
	}
	if (cli_open_db(ctx, CLI_DB_READ, &db))
		return 1;
	if (market && cli_market(db, "rectify", market, &f.market_id)) {
		db_close(db);
		return 1;
	}
	if (rectify_list(db, &f, &rs, &n, &err) != SC_OK) {
		cli_error("%s", err.msg);
		db_close(db);
		return 1;
	}
	if (!strcmp(format, "csv"))
		print_csv(rs, n, ctx->set.lang, raw);
	else if (n == 0) /* say so, not a header over nothing */
		puts(sc_tr_lang(ctx->set.lang, "no rectifications"));
	else
		print_table(rs, n, ctx->set.lang);
	free(rs);
	db_close(db);
	return 0;
}

static int do_notice(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "lang", required_argument, NULL, 'l' },
		{ "force", no_argument, NULL, 'F' }, { "help", no_argument, NULL, 'h' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *lang = NULL, *format = "html";
	struct sc_err err;
	struct db *db;
	int c, force = 0, rc;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "o:l:Fhf:", opts, "rectify notice")) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'f': format = optarg; break;
		case 'l': lang = optarg; break;
		case 'F': force = 1; break;
		case 'h': usage_to(stdout); return 0;
		default: usage(); return 2;
		}
	}
	if (optind != argc - 1 || !out) {
		cli_error("rectify notice: give one inspection uuid and -o FILE");
		return 2;
	}
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en")) {
		cli_error("rectify notice: --lang is zh or en, not '%s'", lang);
		return 2;
	}
	if (strcmp(format, "html") && strcmp(format, "pdf")) {
		cli_error("rectify notice: --format is html or pdf, not '%s'", format);
		return 2;
	}
	/* the first notice of an inspection writes its number; a reprint only reads */
	if (cli_open_db(ctx, CLI_DB_READ, &db))
		return 1;
	char dirs[SET_TPL_DIRS][SET_PATH];
	const char *dirv[SET_TPL_DIRS + 1];
	settings_tpl_dirs(&ctx->set, dirs, dirv);
	struct notice_opts no = { .lang = lang ? (strcmp(lang, "en") ? LANG_ZH : LANG_EN) : ctx->set.lang,
				  .unit = ctx->set.unit, .prefix = ctx->set.notice_prefix, .tpl_dirs = dirv,
				  .pdf = !strcmp(format, "pdf") };
	rc = notice_write(db, argv[optind], &no, out, force, &err);
	if (rc != SC_OK)
		cli_fail(ctx, "rectify notice", db, &err);
	db_close(db);
	if (rc != SC_OK)
		return 1;
	printf("%s\n", out);
	return 0;
}

static int do_followup(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "inspection", required_argument, NULL, 'i' }, { "fixed", no_argument, NULL, 'F' },
		{ "not-fixed", no_argument, NULL, 'N' }, { "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *insp = NULL, *note = "";
	struct inspection_rec ins;
	struct rect_rec r;
	struct sc_err err;
	struct db *db;
	int c, fixed = -1, rc;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "i:n:h", opts, "rectify followup")) != -1) {
		switch (c) {
		case 'i': insp = optarg; break;
		case 'F': fixed = 1; break;
		case 'N': fixed = 0; break;
		case 'n': note = optarg; break;
		case 'h': usage_to(stdout); return 0;
		default: usage(); return 2;
		}
	}
	if (optind != argc - 1 || !insp || fixed < 0) {
		cli_error("rectify followup: give RECT_UUID, --inspection UUID and --fixed or --not-fixed");
		return 2;
	}
	if (cli_settings(ctx))
		return 1;
	if ((rc = cli_need_name(ctx, "rectify followup", ctx->set.inspector)))
		return rc;
	if (cli_open_db(ctx, CLI_DB_WRITE, &db))
		return 1;
	rc = rectify_by_uuid(db, argv[optind], &r, &err);
	if (rc == SC_OK)
		rc = store_inspection_by_uuid(db, insp, &ins, &err);
	if (rc == SC_OK)
		rc = rectify_followup(db, r.id, ins.id, fixed, note, ctx->set.inspector, &err);
	db_close(db);
	if (rc != SC_OK) {
		cli_error("rectify followup: %s", err.msg);
		return 1;
	}
	/* the mark is sealed with the inspection (rectify_apply_followups) */
	printf("%s %s\n", rect_short_id(r.uuid), fixed ? _("marked fixed: closes when the inspection is finalized")
				: _("marked not fixed: counts a repeat when the inspection is finalized"));
	return 0;
}

static void repeats_table(struct db *db, const struct rect_repeat_count *rc_, int n, int lang)
{
	struct market_rec m;
	struct sc_err err;
	cell(sc_trc_lang(lang, "rectify repeats", "MARKET"), 24, 0);
	cell(sc_trc_lang(lang, "rectify repeats", "STALL"), 14, 0);
	cell(sc_trc_lang(lang, "rectify repeats", "REPEATS"), 8, 0);
	cell(sc_trc_lang(lang, "rectify repeats", "OPEN+CLOSED"), 11, 1);
	putchar('\n');
	for (int i = 0; i < n; i++) {
		char a[16], b[16];
		if (store_market_get(db, rc_[i].market_id, &m, &err) != SC_OK)
			snprintf(m.name, sizeof m.name, "?");
		snprintf(a, sizeof a, "%d", rc_[i].repeats);
		snprintf(b, sizeof b, "%d", rc_[i].rectifications);
		cell(m.name, 24, 0);
		cell(rc_[i].stall_id == 0 ? sc_trc_lang(lang, "rectify repeats", "(all)")
		     : rc_[i].stall_id < 0 ? sc_trc_lang(lang, "rectify repeats", "(market-wide)") : rc_[i].stall_code,
		     14, 0);
		cell(a, 8, 0);
		cell(b, 11, 1);
		putchar('\n');
	}
}

static int do_repeats(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "market", required_argument, NULL, 'm' }, { NULL, 0, NULL, 0 },
	};
	const char *market = NULL;
	struct rect_repeat_count *rc_;
	struct sc_err err;
	struct db *db;
	int64_t mid = 0;
	int c, n;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "m:", opts, "rectify repeats")) != -1) {
		if (c != 'm') {
			usage();
			return 2;
		}
		market = optarg;
	}
	if (cli_open_db(ctx, CLI_DB_READ, &db))
		return 1;
	if (market && cli_market(db, "rectify", market, &mid)) {
		db_close(db);
		return 1;
	}
	if (rectify_repeat_counts(db, mid, &rc_, &n, &err) != SC_OK) {
		cli_error("%s", err.msg);
		db_close(db);
		return 1;
	}
	if (n == 0)
		puts(sc_tr_lang(ctx->set.lang, "no repeat findings"));
	else
		repeats_table(db, rc_, n, ctx->set.lang);
	free(rc_);
	db_close(db);
	return 0;
}

int cmd_rectify(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage_to(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "list"))
		return do_list(ctx, argc - 1, argv + 1);
	if (!strcmp(argv[1], "notice"))
		return do_notice(ctx, argc - 1, argv + 1);
	if (!strcmp(argv[1], "followup"))
		return do_followup(ctx, argc - 1, argv + 1);
	if (!strcmp(argv[1], "repeats"))
		return do_repeats(ctx, argc - 1, argv + 1);
	cli_error("rectify: unknown subcommand '%s'", argv[1]);
	usage();
	return 2;
}
