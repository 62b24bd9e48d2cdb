/* cmd_review: stallcheck review — the supervisor's review without the TUI:
 * list a day's records (table aligned by display columns, or RFC 4180 CSV),
 * show one record's drill-down, approve or return it, and the day at a
 * glance (figures from core/summary, the same as the meeting export). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config/template.h"
#include "core/ack.h"
#include "core/i18n.h"
#include "core/photo.h"
#include "core/review.h"
#include "core/summary.h"
#include "core/utf8.h"

static const char usage[] = N_(
	"usage: stallcheck review list [--date DAY] [--to DAY] [--market ID|CODE|NAME]\n"
	"                              [--district D] [--inspector NAME] [--status S] [--band B]\n"
	"                              [--critical] [--search TEXT] [--sort COL] [--desc]\n"
	"                              [--format table|csv] [--raw-cells]\n"
	"       stallcheck review show UUID [--stall CODE]\n"
	"       stallcheck review approve UUID [--reason TEXT]\n"
	"       stallcheck review return UUID --reason TEXT\n"
	"       stallcheck review glance [--date DAY] [--to DAY]\n"
	"DAY: YYYY-MM-DD or today (the default for --date)\n"
	"COL: day market district inspector time stalls score band critical status\n"
	"The reviewer is [inspector] reviewer in the settings (or the inspector name).\n");

/* ---- templates of the inspections, loaded once each ---- */

struct tpl_cache {
	struct db *db;
	int64_t id[16];
	struct checklist cl[16];
	int n;
	struct sc_err err;
};

static const struct checklist *tpl_get(int64_t id, void *ctx)
{
	struct tpl_cache *c = ctx;
	char *body = NULL;
	for (int i = 0; i < c->n; i++)
		if (c->id[i] == id)
			return &c->cl[i];
	if (c->n == 16 || store_template_body(c->db, id, &body, &c->err))
		return NULL;
	char name[64];
	snprintf(name, sizeof name, _("pinned template %lld"), (long long)id);
	if (template_load_text(body, name, &c->cl[c->n], NULL, &c->err)) {
		free(body);
		return NULL;
	}
	free(body);
	c->id[c->n] = id;
	return &c->cl[c->n++];
}

static void tpl_clear(struct tpl_cache *c)
{
	for (int i = 0; i < c->n; i++)
		checklist_clear(&c->cl[i]);
	c->n = 0;
}

/* ---- output helpers ---- */

#define cell(s, w, right) cli_cell((s), (w), (right) ? CLI_RIGHT : 0)
#define csv_cell(s, last) cli_csv_field((s), (last), "\r\n", raw)

/* Local "HH:MM" of a stored UTC timestamp. */
static void local_hm(const char *ts, char out[8])
{
	char l[CLOCK_LOCAL];
	clock_local(ts, l);
	snprintf(out, 8, "%s", l[0] ? l + 11 : "--:--");
}

enum { L_UUID, L_DAY, L_TIME, L_MARKET, L_DISTRICT, L_INSPECTOR, L_STALLS, L_SCORE, L_BAND,
       L_CRIT, L_STATUS, L_N };

/* tc: the templates that name a record's grade */
static void row_cells(const struct review_row *r, int lang, struct tpl_cache *tc, char c[L_N][160])
{
	const struct checklist *cl = r->grade[0] ? tpl_get(r->template_id, tc) : NULL;
	snprintf(c[L_UUID], 160, "%s", r->uuid);
	snprintf(c[L_DAY], 160, "%s", r->day);
	local_hm(r->started_at, c[L_TIME]);
	snprintf(c[L_MARKET], 160, "%s", r->market);
	snprintf(c[L_DISTRICT], 160, "%s", r->district);
	snprintf(c[L_INSPECTOR], 160, "%s", r->inspector);
	snprintf(c[L_STALLS], 160, "%d", r->stalls);
	score_text(r->score, "--", c[L_SCORE], 160);
	snprintf(c[L_BAND], 160, "%s", score_stored_band_name(cl ? &cl->rules : NULL, r->band, r->grade, lang));
	snprintf(c[L_CRIT], 160, "%d", r->critical_fails);
	snprintf(c[L_STATUS], 160, "%s", status_label(r->status, lang));
}

/* One table line: columns two spaces apart, the last one unpadded. */
static void print_line(const char *const *c, const int *w, const int *right)
{
	for (int k = 0; k + 1 < L_N; k++) {
		cell(c[k], w[k], right[k]);
		fputs("  ", stdout);
	}
	cli_out("%s\n", c[L_N - 1]);
}

static void print_table(const struct review_row *rows, int n, int lang, struct tpl_cache *tc)
{
	static const char *const head[L_N] = {
		NC_("review list", "uuid"), NC_("review list", "day"), NC_("review list", "time"),
		NC_("review list", "market"), NC_("review list", "district"), NC_("review list", "inspector"),
		NC_("review list", "stalls"), NC_("review list", "score"), NC_("review list", "band"),
		NC_("review list", "crit"), NC_("review list", "status"),
	};
	static const int right[L_N] = { [L_STALLS] = 1, [L_SCORE] = 1, [L_CRIT] = 1 };
	const char *h[L_N];
	char c[L_N][160];
	int w[L_N];
	for (int k = 0; k < L_N; k++)
		w[k] = utf8_width(h[k] = sc_trc_lang(lang, "review list", head[k]));
	for (int i = 0; i < n; i++) {
		row_cells(&rows[i], lang, tc, c);
		for (int k = 0; k < L_N; k++) {
			int cw = utf8_width(c[k]);
			if (cw > w[k])
				w[k] = cw;
		}
	}
	if (w[L_MARKET] > 30)
		w[L_MARKET] = 30;
	print_line(h, w, right);
	for (int i = 0; i < n; i++) {
		row_cells(&rows[i], lang, tc, c);
		const char *cp[L_N];
		for (int k = 0; k < L_N; k++)
			cp[k] = c[k];
		print_line(cp, w, right);
	}
	int amended = 0; /* listed, but the reports count their amendments instead */
	for (int i = 0; i < n; i++)
		amended += !strcmp(rows[i].status, "amended");
	if (amended)
		cli_out(sc_tr_lang(lang, "%d inspections (%d amended: the reports count the amendment)\n"), n,
			amended);
	else
		cli_out(sc_tr_lang(lang, "%d inspections\n"), n);
}

static void print_csv(const struct review_row *rows, int n, int raw)
{
	static const char *const head[] = { "uuid", "day", "started_at", "market_id", "market",
		"district", "inspector", "stalls", "score", "band", "critical_fails", "status",
		"amends_uuid" };
	char b[64];
	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		csv_cell(head[k], k + 1 == sizeof head / sizeof *head);
	for (int i = 0; i < n; i++) {
		const struct review_row *r = &rows[i];
		csv_cell(r->uuid, 0);
		csv_cell(r->day, 0);
		csv_cell(r->started_at, 0);
		snprintf(b, sizeof b, "%lld", (long long)r->market_id);
		csv_cell(b, 0);
		csv_cell(r->market, 0);
		csv_cell(r->district, 0);
		csv_cell(r->inspector, 0);
		snprintf(b, sizeof b, "%d", r->stalls);
		csv_cell(b, 0);
		csv_cell(score_text(r->score, "", b, sizeof b), 0);
		csv_cell(band_code(r->band), 0);
		snprintf(b, sizeof b, "%d", r->critical_fails);
		csv_cell(b, 0);
		csv_cell(r->status, 0);
		csv_cell(r->amends_uuid, 1);
	}
}

/* An option's text into a filter field; too long is a usage error, said
 * with the whole value (copying first would quote it cut). */
#define COPYOPT(dst)                                                                  \
	do {                                                                          \
		if (strlen(optarg) >= sizeof(dst)) {                                  \
			cli_error("review: '%s' is too long (at most %zu bytes)", optarg, \
				  sizeof(dst) - 1);                                   \
			return 2;                                                     \
		}                                                                     \
		snprintf((dst), sizeof(dst), "%s", optarg);                           \
	} while (0)

/* ---- subcommands ---- */

/* --date and --to as given: the day's work (today) by default; -1 after
 * saying why when --date is after --to. */
static int day_range(const char *cmd, char from[CLOCK_DAY], const char *to)
{
	if (!from[0])
		clock_today(from);
	if (to[0] && strcmp(from, to) > 0) {
		cli_error("%s: --date %s is after --to %s", cmd, from, to);
		return -1;
	}
	return 0;
}

static int do_list(struct cli_ctx *ctx, struct db **dbp, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' }, { "to", required_argument, NULL, 't' },
		{ "market", required_argument, NULL, 'm' }, { "district", required_argument, NULL, 'D' },
		{ "inspector", required_argument, NULL, 'i' }, { "status", required_argument, NULL, 's' },
		{ "band", required_argument, NULL, 'b' }, { "critical", no_argument, NULL, 'c' },
		{ "search", required_argument, NULL, 'q' }, { "sort", required_argument, NULL, 'S' },
		{ "desc", no_argument, NULL, 'r' }, { "format", required_argument, NULL, 'f' },
		{ "raw-cells", no_argument, NULL, 'R' }, { NULL, 0, NULL, 0 },
	};
	struct review_filter f;
	struct review_row *rows;
	struct sc_err err;
	const char *market = NULL;
	int csv = 0, raw = 0, n, c;

	review_filter_init(&f, NULL);
	while ((c = cli_getopt(argc, argv, "", opts, "review list")) != -1) {
		switch (c) {
		case 'd': if (cli_day("review", "--date", optarg, f.from)) return 2; break;
		case 't': if (cli_day("review", "--to", optarg, f.to)) return 2; break;
		case 'm': market = optarg; break;
		case 'D': COPYOPT(f.district); break;
		case 'i': COPYOPT(f.inspector); break;
		case 's': /* a code, or the word the table shows */
			if (!status_code(optarg)) {
				cli_error("review: no status '%s' (draft, final, approved, returned, amended)", optarg);
				return 2;
			}
			snprintf(f.status, sizeof f.status, "%s", status_code(optarg));
			break;
		case 'b': COPYOPT(f.band); break;
		case 'c': f.critical_only = 1; break;
		case 'q': COPYOPT(f.search); break;
		case 'r': f.desc = 1; break;
		case 'R': raw = 1; break;
		case 'S':
			if ((f.sort = review_col_from_name(optarg)) < 0) {
				cli_error("review: unknown sort column '%s'", optarg);
				return 2;
			}
			break;
		case 'f':
			if (strcmp(optarg, "csv") && strcmp(optarg, "table")) {
				cli_error("review: --format is table or csv, not '%s'", optarg);
				return 2;
			}
			csv = !strcmp(optarg, "csv");
			break;
		default: return 2;
		}
	}
	if (optind < argc) {
		cli_error("review list: unexpected argument '%s'", argv[optind]);
		return 2;
	}
	if (day_range("review list", f.from, f.to))
		return 2;
	if (cli_open_db(ctx, CLI_DB_READ, dbp))
		return 1;
	struct db *db = *dbp;
	if (market && cli_market(db, "review", market, &f.market_id))
		return 1;
	if (review_list(db, &f, &rows, &n, &err)) {
		cli_error("%s", err.msg);
		return err.code == SC_ERR_INVALID ? 2 : 1;
	}
	struct tpl_cache tc = { .db = db };
	if (csv)
		print_csv(rows, n, raw);
	else
		print_table(rows, n, ctx->set.lang, &tc);
	tpl_clear(&tc);
	free(rows);
	return 0;
}

/* the template's label of the answer ([labels]), else the built-in one */
static const char *verdict_text(const struct checklist *cl, int v, int lang)
{
	static const char *const t[V_COUNT] = {
		"--", NC_("verdict", "pass"), NC_("verdict", "FAIL"), NC_("verdict", "n/a"),
		NC_("verdict", "not obs"), NC_("verdict", "corrected on site"), NC_("verdict", "partial"),
	};
	const char *l = checklist_answer_label(cl, v, lang);
	return l ? l : v >= 0 && v < V_COUNT ? sc_trc_lang(lang, "verdict", t[v]) : "?";
}

static const char *change_text(int c, int lang)
{
	static const char *const t[4] = {
		"", NC_("answer change", "better"), NC_("answer change", "WORSE"), NC_("answer change", "same"),
	};
	return c & 3 ? sc_trc_lang(lang, "answer change", t[c & 3]) : "";
}

static void print_items(const struct checklist *cl, const struct review_item *it, int n,
			int market, int lang)
{
	int area = -2;
	for (int i = 0; i < n; i++) {
		const struct review_item *x = &it[i];
		if (market && x->area != area) {
			area = x->area;
			cli_out("  [%s]\n", area >= 0 ? checklist_name(&cl->areas[area], lang)
					    : sc_trc_lang(lang, "review show", "other"));
		}
		char pts[32] = "";
		/* points items, and pass/fail items that can earn part of their points */
		if (x->item >= 0 && (cl->items[x->item].kind == KIND_POINTS ||
				     cl->items[x->item].minor_spots || x->verdict == V_PARTIAL) &&
		    (x->verdict == V_PASS || verdict_is_problem(x->verdict)))
			snprintf(pts, sizeof pts, " %g/%g", x->earned, x->possible);
		cli_out("  %s %-4s ", x->critical ? "!!" : x->failed ? " *" : "  ", x->item_id);
		cell(x->item >= 0 ? checklist_text(&cl->items[x->item], lang) : x->item_id, 36, 0);
		cli_out("  %s%s", verdict_text(cl, x->verdict, lang), pts);
		if (x->spots)
			cli_out(sc_tr_lang(lang, "  %d spots"), x->spots);
		if (x->change == CHG_BETTER || x->change == CHG_WORSE)
			cli_out(sc_tr_lang(lang, "  before %s %s"), verdict_text(cl, x->prev_verdict, lang),
			       change_text(x->change, lang));
		if (x->note[0])
			cli_out("  「%s」", x->note);
		putchar('\n');
		/* what a failure goes against, for the supervisor and the operator */
		if (x->failed && x->item >= 0 && *checklist_basis(&cl->items[x->item], lang))
			cli_out(sc_tr_lang(lang, "         basis: %s\n"),
			       checklist_basis(&cl->items[x->item], lang));
	}
}

/* With category weights a part's ratio is the weighted mean of its
 * categories' ratios: print each category's earned/possible and weight,
 * as score_category sums them, from the place's stored answers (visit 0:
 * the market-wide ones). sa: room for na answers. */
static void print_weighted(const struct checklist *cl, const struct answer_rec *a, int na,
			   int64_t visit, struct sc_answer *sa, const char *indent, int lang)
{
	int m = 0;
	if (!cl->rules.category_weights)
		return;
	for (int i = 0; i < na; i++) {
		int item = a[i].visit_id == visit ? checklist_item_index(cl, a[i].item_id) : -1;
		if (item >= 0)
			store_answer_sc(cl, item, a[i].verdict, a[i].earned, a[i].spots, &sa[m++]);
	}
	cli_out("%s%s", indent, sc_tr_lang(lang, "weighted by category:"));
	for (int c = 0; c < cl->ncategories; c++) {
		struct score_part p;
		score_category(cl, -1, sa, m, c, &p);
		if (p.possible > 0)
			cli_out("  %s %g/%g × %g", checklist_name(&cl->categories[c], lang), p.earned,
				p.possible, cl->categories[c].weight);
	}
	putchar('\n');
}

/* The operator's acknowledgement and the evidence photos of a record:
 * place, item, the start of the file's hash and its size. */
static int show_evidence(struct db *db, int64_t id, int lang, struct sc_err *err)
{
	struct ack_rec k;
	struct photo_link *pl = NULL;
	int n = 0, rc = ack_get(db, id, &k, err);
	if (rc == SC_OK && k.present)
		cli_out(sc_tr_lang(lang, "market operator: %s%s%s\n"), k.operator_name,
			k.statement[0] ? sc_tr_lang(lang, "  statement: ") : "", k.statement);
	else if (rc == SC_OK)
		cli_out("%s", sc_tr_lang(lang, "market operator: not present\n"));
	else if (rc != SC_ERR_NOTFOUND)
		return rc;
	if ((rc = photo_list(db, id, -1, NULL, &pl, &n, err)))
		return rc;
	if (n)
		cli_out(sc_tr_lang(lang, "photos: %d\n"), n);
	for (int i = 0; i < n; i++) { /* columns in display columns: 全场 is 4 wide, 6 bytes */
		cli_out("  ");
		cli_cell(pl[i].stall_code[0] ? pl[i].stall_code : sc_trc_lang(lang, "review show", "market"), 8, 0);
		cli_out(" ");
		cli_cell(pl[i].item_id, 6, 0);
		cli_out(/* no i18n */ " %.12s  %s  %.1f KB\n", pl[i].hash, pl[i].type, (double)pl[i].size / 1024.0);
	}
	free(pl);
	return SC_OK;
}

static int do_show(struct cli_ctx *ctx, struct db **dbp, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "stall", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 },
	};
	struct tpl_cache tc = { .db = NULL };
	struct inspection_rec r, prev;
	struct review_row row;
	struct review_visit *vis = NULL;
	struct review_item *it = NULL;
	struct answer_rec *ans = NULL;
	struct sc_answer *sa = NULL;
	struct sc_err err;
	const char *stall = NULL;
	int lang = ctx->set.lang, nv = 0, n = 0, na = 0, c, rc = 1, better, worse;
	char sc[16];

	while ((c = cli_getopt(argc, argv, "", opts, "review show")) != -1) {
		if (c != 's')
			return 2;
		stall = optarg;
	}
	if (optind + 1 != argc) {
		cli_error("review show: give one inspection uuid");
		return 2;
	}
	if (cli_open_db(ctx, CLI_DB_READ, dbp))
		return 1;
	struct db *db = tc.db = *dbp;
	if (store_inspection_by_uuid(db, argv[optind], &r, &err) ||
	    review_row_get(db, r.id, &row, &err)) {
		cli_error("%s", err.msg);
		return 1;
	}
	const struct checklist *cl = tpl_get(r.template_id, &tc);
	if (!cl) {
		cli_error("%s", tc.err.msg);
		return 1;
	}
	int have_prev = review_prev_inspection(db, &r, &prev, &err) == SC_OK;
	if (!have_prev && err.code != SC_ERR_NOTFOUND)
		goto fail;
	score_text(r.score, "--", sc, sizeof sc);
	cli_out("%s  %s %s  %s  %s\n", r.uuid, row.market, row.district, r.day, r.inspector);
	cli_out(sc_tr_lang(lang, "status %s  score %s %s  critical %d  stalls %d\n"),
	       status_label(r.status, lang), sc, score_stored_band_name(&cl->rules, r.band, r.grade, lang),
	       r.critical_fails, row.stalls);
	if (r.amends_uuid[0])
		cli_out(sc_tr_lang(lang, "amends %s\n"), r.amends_uuid);
	struct review_note note;
	if (review_last(db, r.id, &note, &err) == SC_OK) {
		const char *d = note.decision == REVIEW_RETURN ? sc_trc_lang(lang, "review decision", "returned")
							       : sc_trc_lang(lang, "review decision", "approved");
		char when[CLOCK_LOCAL];
		clock_local(note.at, when);
		cli_out(sc_tr_lang(lang, "review: %s  %s  %s%s%s\n"), d, note.reviewer,
		       when, note.reason[0] ? sc_tr_lang(lang, "  reason: ") : "", note.reason);
	} else if (err.code != SC_ERR_NOTFOUND) {
		goto fail;
	}
	if (have_prev) {
		score_text(prev.score, "--", sc, sizeof sc);
		cli_out(sc_tr_lang(lang, "previous %s  %s  score %s %s\n"),
		       prev.uuid, prev.day, sc,
		       score_stored_band_name(prev.template_id == r.template_id ? &cl->rules : NULL, prev.band,
					      prev.grade, lang));
	}
	if (show_evidence(db, r.id, lang, &err))
		goto fail;
	if ((rc = review_visits(db, r.id, &vis, &nv, &err)))
		goto fail;
	rc = 1;
	/* every answer read once for the categories' figures */
	if (cl->rules.category_weights) {
		if (store_answer_list(db, r.id, -1, &ans, &na, &err))
			goto fail;
		if (!(sa = malloc((size_t)(na ? na : 1) * sizeof *sa))) {
			sc_fail(&err, SC_ERR_NOMEM, "out of memory");
			goto fail;
		}
	}
	if (stall) {
		int k = -1;
		for (int i = 0; i < nv; i++)
			if (!strcmp(vis[i].code, stall))
				k = i;
		if (k < 0) {
			cli_error("review show: stall %s was not visited in this inspection", stall);
			goto out;
		}
		int64_t pi = 0, pv = 0;
		if (review_prev_visit(db, &r, vis[k].stall_id, &pi, &pv, &err) &&
		    err.code != SC_ERR_NOTFOUND)
			goto fail;
		if (review_items(db, cl, r.id, vis[k].id, pi, pv, &it, &n, &err))
			goto fail;
		score_text(vis[k].score, "--", sc, sizeof sc);
		cli_out(sc_tr_lang(lang, "\nstall %s %s %s  score %s %s\n"),
		       vis[k].code, vis[k].vendor, vis[k].type, sc,
		       score_stored_band_name(&cl->rules, vis[k].band, vis[k].grade, lang));
		print_items(cl, it, n, 0, lang);
		print_weighted(cl, ans, na, vis[k].id, sa, "  ", lang);
	} else {
		if (review_items(db, cl, r.id, 0, have_prev ? prev.id : 0, 0, &it, &n, &err))
			goto fail;
		cli_out("%s", sc_tr_lang(lang, "\nmarket-wide items:\n"));
		print_items(cl, it, n, 1, lang);
		print_weighted(cl, ans, na, 0, sa, "  ", lang);
		cli_out("%s", sc_tr_lang(lang, "\nstalls:\n"));
		for (int i = 0; i < nv; i++) {
			score_text(vis[i].score, "--", sc, sizeof sc);
			cli_out("  %3d  ", vis[i].seq);
			cell(vis[i].code, 8, 0);
			putchar(' ');
			cell(vis[i].vendor, 16, 0);
			putchar(' ');
			int t = checklist_type_index(cl, vis[i].type);
			cell(t >= 0 ? checklist_name(&cl->types[t], lang) : vis[i].type, 10, 0);
			cli_out(sc_tr_lang(lang, " %6s %-4s %g/%g  fails %d  critical %d\n"), sc,
			       score_stored_band_name(&cl->rules, vis[i].band, vis[i].grade, lang),
			       vis[i].earned, vis[i].possible, vis[i].fails, vis[i].critical_fails);
			print_weighted(cl, ans, na, vis[i].id, sa, "       ", lang);
		}
		/* the whole computation from the stored answers, to redo by hand */
		struct market_score ms;
		char f[1024];
		if (store_inspection_score(db, cl, r.id, &ms, NULL, NULL, &err))
			goto fail;
		cli_out("%s\n", score_formula(cl, &ms, lang, f, sizeof f));
	}
	review_changes(it, n, &better, &worse);
	if (it && n && have_prev) /* nothing to compare with: say nothing */
		cli_out(sc_tr_lang(lang, "against the previous: %d better, %d worse\n"),
		       better, worse);
	rc = 0;
	goto out;
fail:
	cli_error("%s", err.msg);
	rc = 1;
out:
	free(vis);
	free(it);
	free(ans);
	free(sa);
	tpl_clear(&tc);
	return rc;
}

static int do_decide(struct cli_ctx *ctx, struct db **dbp, int decision, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' }, { NULL, 0, NULL, 0 },
	};
	struct sc_err err;
	const char *reason = "";
	int c;
	while ((c = cli_getopt(argc, argv, "", opts,
				 decision == REVIEW_APPROVE ? "review approve" : "review return")) != -1) {
		if (c != 'r')
			return 2;
		reason = optarg;
	}
	if (optind + 1 != argc) {
		cli_error("review %s: give one inspection uuid", argv[0]);
		return 2;
	}
	if (decision == REVIEW_RETURN && !reason[strspn(reason, " \t\r\n")]) {
		cli_error("review return: --reason TEXT is required (the inspector reads it)");
		return 2;
	}
	if (cli_open_db(ctx, CLI_DB_WRITE, dbp))
		return 1;
	struct db *db = *dbp;
	if (review_decide(db, argv[optind], decision, reason, ctx->set.reviewer, &err)) {
		if (review_own_uuid(db, argv[optind], ctx->set.reviewer)) /* said in the language */
			cli_error("review %s: you (%s) inspected or amended this record; nobody reviews their own:"
				  " another reviewer must", argv[0], ctx->set.reviewer);
		else
			cli_error("%s", err.msg);
		return 1;
	}
	printf("%s %s\n", decision == REVIEW_APPROVE ? _("approved") : _("returned"), argv[optind]);
	return 0;
}

static int do_glance(struct cli_ctx *ctx, struct db **dbp, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' }, { "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct tpl_cache tc = { .db = NULL };
	struct summary *s;
	struct sc_err err;
	char from[CLOCK_DAY] = "", to[CLOCK_DAY] = "", text[8192];
	int c;
	while ((c = cli_getopt(argc, argv, "", opts, "review glance")) != -1) {
		if (c == 'd' && !cli_day("review", "--date", optarg, from))
			continue;
		if (c == 't' && !cli_day("review", "--to", optarg, to))
			continue;
		return 2;
	}
	if (optind < argc) {
		cli_error("review glance: unexpected argument '%s'", argv[optind]);
		return 2;
	}
	if (day_range("review glance", from, to))
		return 2;
	if (cli_open_db(ctx, CLI_DB_READ, dbp))
		return 1;
	struct db *db = tc.db = *dbp;
	if (summary_build(db, from, to[0] ? to : from, NULL, tpl_get, &tc, NULL, NULL, &s, &err)) {
		cli_error("%s", err.msg);
		tpl_clear(&tc);
		return 1;
	}
	review_glance_text(s, ctx->set.lang, 5, text, sizeof text);
	cli_out("%s", text);
	summary_free(s);
	tpl_clear(&tc);
	return 0;
}

int cmd_review(struct cli_ctx *ctx, int argc, char **argv)
{
	struct db *db = NULL;
	int rc;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(_(usage), argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1];
	int decision = !strcmp(sub, "approve") ? REVIEW_APPROVE : !strcmp(sub, "return") ? REVIEW_RETURN : -1;
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "glance") && decision < 0) {
		cli_error("review: unknown subcommand '%s'", sub);
		fputs(_(usage), stderr);
		return 2;
	}
	if (cli_settings(ctx))
		return 1;
	if (decision >= 0 && cli_need_name(ctx, decision == REVIEW_APPROVE ? "review approve" : "review return",
					   ctx->set.reviewer))
		return 2;
	argc--, argv++; /* each subcommand refuses a bad option before it opens the database */
	optind = 0;
	if (!strcmp(sub, "list"))
		rc = do_list(ctx, &db, argc, argv);
	else if (!strcmp(sub, "show"))
		rc = do_show(ctx, &db, argc, argv);
	else if (!strcmp(sub, "glance"))
		rc = do_glance(ctx, &db, argc, argv);
	else
		rc = do_decide(ctx, &db, decision, argc, argv);
	db_close(db);
	return rc;
}
