/* cmd_check_config: not built yet; the issue that owns it replaces this file. */
#include "cli.h"

int cmd_check_config(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc;
	cli_error("%s: not built yet", argv[0]);
	return 1;
}
