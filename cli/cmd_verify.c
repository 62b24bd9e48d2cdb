/* cmd_verify: stallcheck verify — check the file with SQLite's quick_check
 * first (seals computed from a damaged file prove nothing), then recompute
 * every seal and every device's chain and check every review's signature;
 * name each record changed outside the program; exit 1 if anything is
 * wrong. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/i18n.h"
#include "core/photo.h"
#include "core/rowsig.h"
#include "core/seal.h"

static void report(const struct seal_problem *p, void *ctx)
{
	(void)ctx;
	cli_out(_("%s %s%s%s(device %.8s%s): %s\n"), p->fatal ? _("BAD ") : _("note"),
		p->uuid[0] ? _("inspection ") : "", p->uuid, p->uuid[0] ? " " : "", p->device,
		p->own ? _(", this one") : "", p->what);
}

static void photo_bad(const char *hash, const char *why, void *ctx)
{
	(void)ctx;
	cli_out(_("BAD  photo %.12s...: %s\n"), hash, why);
}

static void damaged(const char *what, void *ctx)
{
	(void)ctx;
	cli_out(_("BAD  database file: %s\n"), what);
}

int cmd_verify(struct cli_ctx *ctx, int argc, char **argv)
{
	struct sc_err err;
	struct db *db;
	int checked = 0, bad = 0, photos = 0, photos_bad = 0, rows[ROWSIG_KINDS] = { 0 },
	    unsig[ROWSIG_KINDS] = { 0 }, rbad, rc;

	if (argc > 1) {
		fprintf(stderr, _("usage: stallcheck verify\n"));
		return 2;
	}
	(void)argv;
	if (cli_open_db(ctx, CLI_DB_READ, &db))
		return 1;
	rc = db_check(db, damaged, NULL, &bad, &err);
	if (rc == SC_OK && bad) {
		db_close(db);
		printf(_("verify: the database file is damaged (SQLite quick_check found problems: %d);"
			 " seals were not checked: restore the file from a backup\n"), bad);
		return 1;
	}
	if (rc == SC_OK)
		rc = seal_verify(db, report, NULL, &checked, &bad, &err);
	if (rc == SC_OK) /* the seals hold the photos' hashes: the files must match them */
		rc = photo_verify(db, photo_bad, NULL, &photos, &photos_bad, &err);
	bad += photos_bad;
	for (int k = 0; k < ROWSIG_KINDS && rc == SC_OK; k++) {
		rc = rowsig_verify(db, k, report, NULL, &rows[k], &unsig[k], &rbad, &err);
		bad += rbad;
	}
	db_close(db);
	if (rc) {
		cli_error("verify: %s", err.msg);
		return 1;
	}
	for (int k = 0; k < ROWSIG_KINDS; k++)
		if (unsig[k])
			printf(_("note %d %s made before signing (not checked)\n"), unsig[k],
			       rowsig_kind_name(k, unsig[k] != 1));
	if (bad) {
		printf(bad == 1 ? _("verify: %d problem in %d sealed records, %d signed reviews and %d signed"
				    " rectification events\n")
				 : _("verify: %d problems in %d sealed records, %d signed reviews and %d signed"
				     " rectification events\n"),
		       bad, checked, rows[ROWSIG_REVIEW], rows[ROWSIG_EVENT]);
		return 1;
	}
	printf(_("verify: %d signed reviews and %d signed rectification events, all signatures intact\n"),
	       rows[ROWSIG_REVIEW], rows[ROWSIG_EVENT]);
	printf(_("verify: %d sealed records, all seals and chains intact"), checked);
	if (photos)
		printf(_("; %d photos intact"), photos);
	putchar('\n');
	return 0;
}
