/* cmd_sync: stallcheck sync DIR | sync --status DIR | sync --conflicts —
 * exchange bundles through a shared folder, or show what is pending. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/device.h"
#include "core/i18n.h"
#include "core/sync.h"

static const char *outcome_name(int o)
{
	switch (o) {
	case SYNC_IMPORTED: return _("imported");
	case SYNC_ALREADY: return _("already");
	case SYNC_QUARANTINED: return _("QUARANTINED");
	case SYNC_WAITING: return _("waiting");
	case SYNC_EXPORTED: return _("written");
	default: return "?";
	}
}

static void progress(const struct sync_item *it, int done, int total, void *ctx)
{
	int *verbose = ctx;
	if (it->outcome == SYNC_ALREADY && !*verbose)
		return;
	if (total)
		cli_out("[%d/%d] ", done, total);
	cli_out("%s %s: %s", outcome_name(it->outcome), it->file, it->reason);
	if (it->conflicts)
		cli_out(sc_ntr(" (%d conflict)", " (%d conflicts)", it->conflicts), it->conflicts);
	putchar('\n');
	fflush(stdout);
}

static int print_lists(struct db *db, int conflicts_only, struct sc_err *err)
{
	struct sync_conflict_rec *c = NULL;
	struct sync_quarantine_rec *q = NULL;
	int nc = 0, nq = 0, rc;

	if ((rc = sync_conflict_list(db, &c, &nc, err)))
		return rc;
	if (!conflicts_only && (rc = sync_quarantine_list(db, &q, &nq, err))) {
		free(c);
		return rc;
	}
	if (nc || conflicts_only)
		cli_out(_("conflicts: %d\n"), nc);
	for (int i = 0; i < nc; i++)
		cli_out(_("  %s %s: local seal %.16s..., other version %.16s... from %s bundle %06ld (%s)\n"),
		       sync_kind_label(c[i].kind), c[i].uuid, c[i].local_seal, c[i].remote_seal, c[i].device, c[i].seq, c[i].at);
	for (int i = 0; i < nq; i++)
		cli_out("  %s %s: %s\n", strcmp(q[i].state, "waiting") ? _("quarantined") : _("waiting"),
		       q[i].file, q[i].reason);
	free(c);
	free(q);
	return SC_OK;
}

/* The bundle format of each trusted device (all: as --status lists them)
 * and, in the language of the settings, what to update for each one in a
 * format this program does not read. */
static int print_formats(const struct cli_ctx *ctx, struct db *db, int all, struct sc_err *err)
{
	struct sync_peer_format_rec *p = NULL;
	int n = 0, rc = sync_peer_formats(db, &p, &n, err);
	int en = ctx->lang ? strcmp(ctx->lang, "en") == 0 : ctx->set.lang == LANG_EN;
	char warn[600];

	if (rc)
		return rc;
	if (all)
		cli_out(_("bundle format: this stallcheck writes %d, reads %d to %d\n"), SYNC_FORMAT, SYNC_FORMAT_MIN,
			SYNC_FORMAT);
	for (int i = 0; i < n; i++) {
		if (all && p[i].format)
			cli_out(_("  %s (%s): format %d (bundle %06ld, read %s)\n"), p[i].device,
				device_role_name_label(p[i].role), p[i].format, p[i].seq, p[i].at);
		else if (all)
			cli_out(_("  %s (%s): no bundle read yet\n"), p[i].device,
				device_role_name_label(p[i].role));
		sync_format_warning(&p[i], en ? LANG_EN : LANG_ZH, warn, sizeof warn);
		if (warn[0])
			cli_out(sc_tr_lang(en ? LANG_EN : LANG_ZH, "warning: %s\n"), warn);
	}
	free(p);
	return SC_OK;
}

static int status(const struct cli_ctx *ctx, struct db *db, const char *dir, struct sc_err *err)
{
	struct sync_status s;
	int rc = sync_status(db, &s, err), pending = 0;
	if (rc)
		return rc;
	int folder_ok = dir && sync_folder_pending(db, dir, &pending, err) == SC_OK;
	cli_out(_("unsent: %d records (%d inspections, %d reviews, %d registry, %d rectification, %d templates)\n"),
	       s.unsent_total, s.unsent_inspections, s.unsent_reviews, s.unsent_registry,
	       s.unsent_rectifications, s.unsent_templates);
	cli_out(_("last sync: %s%s%s\n"), s.last_sync[0] ? s.last_sync : _("never"),
	       s.last_dir[0] ? _(" with ") : "", s.last_dir);
	cli_out(_("bundles: %d sent, %d imported; %d quarantined, %d waiting; %d conflicts\n"), s.bundles_out,
	       s.bundles_in, s.quarantined, s.waiting, s.conflicts);
	if (dir && folder_ok)
		cli_out(sc_ntr("in %s: %d bundle from other devices not imported yet\n",
			       "in %s: %d bundles from other devices not imported yet\n", pending), dir, pending);
	struct sc_err ferr = { 0 };
	if (dir && !folder_ok)
		ferr = *err;
	if ((rc = print_lists(db, 0, err)) || (rc = print_formats(ctx, db, 1, err)))
		return rc;
	if (dir && !folder_ok) { /* the rest was shown; the folder is the failure */
		*err = ferr;
		return err->code ? err->code : SC_ERR_IO;
	}
	return SC_OK;
}

int cmd_sync(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", no_argument, NULL, 's' },
		{ "conflicts", no_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sc_err err;
	struct db *db;
	int c, want_status = 0, want_conflicts = 0, verbose = 0, rc;
	const char *dir = NULL;

	while ((c = cli_getopt(argc, argv, "scvh", opts, "sync")) != -1) {
		switch (c) {
		case 's': want_status = 1; break;
		case 'c': want_conflicts = 1; break;
		case 'v': verbose = 1; break;
		case 'h':
			printf(_("usage: stallcheck sync [-v] [DIR]     send new records, import others'\n"
				 "       (DIR defaults to sync_folder in [data] of stallcheck.ini)\n"
				 "       stallcheck sync --status [DIR]  what is unsent, last sync, problems\n"
				 "       stallcheck sync --conflicts     records that arrived in two versions\n"));
			return 0;
		default: return 2;
		}
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, _("usage: stallcheck sync [--status|--conflicts] [DIR]\n"));
		return 2;
	}
	if (cli_open_db(ctx, want_status || want_conflicts ? CLI_DB_READ : CLI_DB_WRITE, &db)) /* a new database has nothing to sync: a typo */
		return 1;
	if (!dir && ctx->set.sync_dir[0])
		dir = ctx->set.sync_dir; /* [data] sync_folder */
	if (!dir && !want_status && !want_conflicts) {
		db_close(db);
		cli_error("sync: no sync folder: give DIR or set sync_folder in [data] of stallcheck.ini");
		return 2;
	}
	if (want_status) {
		rc = status(ctx, db, dir, &err);
	} else if (want_conflicts) {
		rc = print_lists(db, 1, &err);
	} else {
		struct sync_result res;
		rc = sync_run(db, dir, progress, &verbose, &res, &err);
		if (rc == SC_OK)
			cli_out(sc_ntr("sync: sent %d bundle (%d records), imported %d (%d records), %d already had,"
				       " %d quarantined, %d waiting, %d new conflicts\n",
				       "sync: sent %d bundles (%d records), imported %d (%d records), %d already had,"
				       " %d quarantined, %d waiting, %d new conflicts\n", res.exported),
			       res.exported, res.records_out, res.imported,
			       res.records_in, res.already, res.quarantined, res.waiting, res.conflicts);
		if (rc == SC_OK)
			rc = print_formats(ctx, db, 0, &err);
	}
	db_close(db);
	if (rc) {
		cli_error("sync: %s", err.msg);
		return 1;
	}
	return 0;
}
