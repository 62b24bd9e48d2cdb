/* cmd_device: stallcheck device show|list|trust|revoke — this device's
 * identity and the devices whose bundles it accepts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/device.h"
#include "core/i18n.h"

static int usage(void)
{
	fprintf(stderr, _(
		"usage: stallcheck device show\n"
		"       stallcheck device list\n"
		"       stallcheck device trust ID PUBKEY --role inspector|supervisor\n"
		"       stallcheck device revoke ID\n"));
	return 2;
}

int cmd_device(struct cli_ctx *ctx, int argc, char **argv)
{
	struct sc_err err;
	struct db *db;
	int rc = SC_OK;

	if (argc < 2)
		return usage();
	const char *sub = argv[1];
	if (strcmp(sub, "show") && strcmp(sub, "list") && strcmp(sub, "trust") && strcmp(sub, "revoke"))
		return usage();
	const char *role = NULL, *pos[2] = { NULL, NULL };
	int np = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strncmp(argv[i], "--role=", 7) == 0)
			role = argv[i] + 7;
		else if (np < 2 && argv[i][0] != '-')
			pos[np++] = argv[i];
		else
			return usage();
	}
	if ((strcmp(sub, "trust") == 0 && (np != 2 || !role)) ||
	    (strcmp(sub, "revoke") == 0 && np != 1) ||
	    ((strcmp(sub, "show") == 0 || strcmp(sub, "list") == 0) && np != 0))
		return usage();
	if (cli_open_db(ctx, CLI_DB_CREATE, &db))
		return 1;
	if (strcmp(sub, "show") == 0) {
		struct device_self me;
		if ((rc = device_self(db, &me, &err)) == SC_OK) {
			/* the labels are keys scripts read: never translated */
			cli_out(/* no i18n */ "device  %s\npubkey  %s\nkey     %s\n", me.id, me.pk_hex, me.key_path);
			cli_out(_("trust it on the other machines with one of:\n"
			       "  stallcheck device trust %s %s --role inspector    # if this is an inspector's laptop\n"
			       "  stallcheck device trust %s %s --role supervisor   # if this is the supervisor's machine\n"),
			       me.id, me.pk_hex, me.id, me.pk_hex);
		}
		sodium_memzero(&me, sizeof me);
	} else if (strcmp(sub, "list") == 0) {
		struct device_peer *p = NULL;
		int n = 0;
		if ((rc = device_peer_list(db, &p, &n, &err)) == SC_OK) {
			for (int i = 0; i < n; i++)
				cli_out("%s  %-10s  %s  %s\n", p[i].id, device_role_name(p[i].role), p[i].pk_hex,
				       p[i].revoked_at[0] ? _("revoked") : _("trusted"));
			if (n == 0)
				cli_out(_("no trusted devices\n"));
		}
		free(p);
	} else if (strcmp(sub, "trust") == 0) {
		if ((rc = device_trust(db, pos[0], pos[1], role, &err)) == SC_OK)
			cli_out(_("trusted %s as %s\n"), pos[0], device_role_name_label(role));
	} else {
		if ((rc = device_revoke(db, pos[0], &err)) == SC_OK)
			cli_out(_("revoked %s: its bundles are quarantined from now on\n"), pos[0]);
	}
	if (rc)
		cli_error("device %s: %s", sub, err.msg);
	db_close(db);
	return rc == SC_OK ? 0 : rc == SC_ERR_INVALID ? 2 : 1;
}
