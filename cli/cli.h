/* cli: the non-interactive commands. Each lives in cli/cmd_<name>.c and is
 * listed in the table in cli/main.c. A command gets argv from its own name
 * on (argv[0] = "demo"), prints results on stdout, problems on stderr, and
 * returns the exit status (0 ok, 1 failure, 2 usage error). */
#ifndef SC_CLI_H
#define SC_CLI_H

#include "config/settings.h"
#include "core/checklist.h"
#include "core/clock.h"
#include "core/db.h"

struct cli_ctx {
	const char *config_path;  /* --config FILE, or NULL */
	const char *db_path;      /* --db FILE, or NULL (from settings) */
	const char *lang;         /* --lang zh|en, or NULL */
	struct settings set;      /* loaded by cli_settings */
	int settings_loaded;
};

/* Load the settings once (the first file settings_find finds) and
 * apply --db / --lang. Prints the problem and returns nonzero on failure. */
int cli_settings(struct cli_ctx *ctx);
/* The command line over the settings s: --db for the database, --lang for
 * the language (cli_settings, check-config --effective). */
void cli_settings_override(const struct cli_ctx *ctx, struct settings *s);

/* The language of --lang, else of the settings file in use when it loads
 * (read quietly: a broken file must not hide the help or its own report),
 * else of the locale, for the messages that follow (core/i18n.h). */
void cli_quiet_lang(const struct cli_ctx *ctx);

/* Say that --config FILE does not exist, in the language of --lang or
 * else of the locale. */
void cli_config_missing(const struct cli_ctx *ctx);

/* Open the database of the settings or --db: CLI_DB_WRITE needs it to
 * exist, CLI_DB_CREATE makes it when missing, CLI_DB_READ falls back to
 * reading a file this user cannot write. Prints the problem and returns
 * nonzero on failure. */
enum { CLI_DB_WRITE = 0, CLI_DB_CREATE = 1, CLI_DB_READ = 2 };
int cli_open_db(struct cli_ctx *ctx, int mode, struct db **db);

/* A market given on the command line by id, uuid, code or name (a name
 * must be one market's): 0 with *id, or -1 after saying why, cmd first. */
int cli_market(struct db *db, const char *cmd, const char *key, int64_t *id);

/* A day given on the command line: YYYY-MM-DD, or "today" (the clock's,
 * so STALLCHECK_NOW fixes it). 0 with out filled, or -1 after saying why
 * (cmd and opt name it). */
int cli_day(const char *cmd, const char *opt, const char *s, char out[CLOCK_DAY]);

/* The name a command records (the settings' name or reviewer): 0 when set,
 * else 2 after saying where to set it. */
int cli_need_name(struct cli_ctx *ctx, const char *cmd, const char *name);

/* Load the configured template. Prints every problem; nonzero on failure.
 * The caller frees cl with checklist_clear and *body (may be NULL) with free. */
int cli_template(struct cli_ctx *ctx, struct checklist *cl, char **body);

/* Print s in w display columns on stdout: cut with "~" when longer, then
 * padded (CLI_RIGHT: on the left; CLI_NOPAD: not at all). */
enum { CLI_RIGHT = 1, CLI_NOPAD = 2 };
void cli_cell(const char *s, int w, int flags);

/* Print s as one CSV field (csv_field of core/report.h: RFC 4180 quoting,
 * formula-like cells neutralised unless raw), then "," or eol if last. To a
 * terminal the cell goes through the control filter (utf8_clean). */
void cli_csv_field(const char *s, int last, const char *eol, int raw);

/* printf on stdout through the one control filter (utf8_clean, tab and
 * newline kept): every text that quotes records is printed with it. */
void cli_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "stallcheck: <message>" on stderr, through the same filter. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* getopt_long without getopt's own messages (glibc's, in whatever language
 * the C library has): an unknown option or a missing value is told here
 * from the catalogue, naming the option and cmd's --help ("rectify list":
 * stallcheck rectify --help; NULL: the program's own options). Returns
 * what getopt_long returns, '?' for both errors. */
struct option;
int cli_getopt(int argc, char **argv, const char *shorts, const struct option *longs, const char *cmd);

/* Print a failed command's error as "cmd: message"; when SQLite found the
 * database file damaged (SC_ERR_CORRUPT), name the file and say what to do
 * (stallcheck verify, a backup), in the language of --lang or the settings. */
void cli_fail(const struct cli_ctx *ctx, const char *cmd, struct db *db, const struct sc_err *err);

int cmd_check_config(struct cli_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_review(struct cli_ctx *ctx, int argc, char **argv);
int cmd_export(struct cli_ctx *ctx, int argc, char **argv);
int cmd_sync(struct cli_ctx *ctx, int argc, char **argv);
int cmd_device(struct cli_ctx *ctx, int argc, char **argv);
int cmd_verify(struct cli_ctx *ctx, int argc, char **argv);
int cmd_rectify(struct cli_ctx *ctx, int argc, char **argv);

#endif
