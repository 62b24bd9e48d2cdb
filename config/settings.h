/* settings: stallcheck.ini, read by iniparser's rules (config/ini.c) into struct settings.
 * One options table (config/settings.c) gives every key its section, type,
 * default, range and help; it drives loading, validation, check-config and
 * check-config --effective. */
#ifndef SC_SETTINGS_H
#define SC_SETTINGS_H

#include <stdio.h>

#include "core/err.h"

#define SET_PATH 1024
#define SET_KEYS_MAX 64

struct settings {
	char source[SET_PATH];     /* file the settings came from, "" = built-in */
	char inspector[128];       /* [inspector] name, "" = not set (the TUI asks) */
	char reviewer[128];        /* [inspector] reviewer name (defaults to name) */
	char unit[128];            /* [inspector] unit (单位), "" = not set */
	int lang;                  /* enum cl_lang; [ui] language = zh|en|auto */
	char db_path[SET_PATH];    /* [data] database, resolved absolute */
	char sync_dir[SET_PATH];   /* [data] sync_folder, "" = not set */
	char template_path[SET_PATH]; /* [data] template, resolved absolute */
	/* every place the template was looked for, one per line, when it was
	 * found nowhere (template_path is then the first); "" when found */
	char template_looked[2 * SET_PATH];
	char theme[32];            /* [ui] theme = default|mono|high-contrast */
	int auto_advance;          /* [ui] auto_advance = yes|no */
	int mouse;                 /* [ui] mouse = yes|no */
	char notice_prefix[64];    /* [notice] number_prefix (文号 code), "" = no number */
	char photo_import[SET_PATH]; /* [photos] import_dir (a camera folder), "" = not set */
	/* [keys] action = key list, kept as text for the TUI to parse */
	int nkeys;
	struct { char action[32]; char keys[64]; int line; } keys[SET_KEYS_MAX];
};

/* The shipped data (stallcheck.ini, templates/) found from the executable's
 * own path exe (NULL: /proc/self/exe), so that neither a build tree nor an
 * install under any prefix needs STALLCHECK_DATADIR: the first of
 * <exe dir>/../share/stallcheck (installed), <exe dir>/../config (build/) and
 * <exe dir>/../../config (build/asan/) that holds stallcheck.ini.
 * Returns 0 with the canonical dir, or -1. */
int settings_exe_datadir(const char *exe, char *dir, size_t sz);

/* The data directories in lookup order: $STALLCHECK_DATADIR alone when set
 * (an explicit override); else the one found from the executable, then the
 * compiled-in SC_DATADIR. Returns how many were put in dirs (at most 2). */
#define SET_DATADIRS 2
int settings_datadirs(char dirs[SET_DATADIRS][SET_PATH]);

/* Where the report and notice templates (report/NAME under each) are
 * looked for, in order: the user's config directory
 * ($XDG_CONFIG_HOME/stallcheck), the settings file's directory, then the
 * data directories; each once. dirs gets the text, v the pointers (NULL-terminated) for
 * report_opts/notice_opts.tpl_dirs. */
#define SET_TPL_DIRS (SET_DATADIRS + 2)
void settings_tpl_dirs(const struct settings *s, char dirs[SET_TPL_DIRS][SET_PATH],
		       const char *v[SET_TPL_DIRS + 1]);

/* The user's own settings file, the first place settings_find looks and
 * the one the program writes (config/userini.c):
 * $XDG_CONFIG_HOME/stallcheck/stallcheck.ini, or ~/.config/... when that
 * is unset or not absolute. */
void settings_user_file(char *path, size_t pathsz);

/* Find the settings file: explicit path (must exist), else
 * $XDG_CONFIG_HOME/stallcheck/stallcheck.ini (or ~/.config/...), else
 * <dir>/stallcheck/stallcheck.ini for each dir of $XDG_CONFIG_DIRS (or
 * /etc/xdg), else <datadir>/stallcheck.ini for each data directory. Fills
 * path; returns 0, or -1 if none exists (path then holds the last candidate). */
int settings_find(const char *explicit_path, char *path, size_t pathsz);

/* When the template was found nowhere: "not found" and every place looked,
 * in s->lang, the places joined by sep, into out; returns 1. Returns 0 (out
 * untouched) when the template was found. */
int settings_template_missing(const struct settings *s, const char *sep, char *out, size_t sz);

/* The language of language = auto: the first of LC_ALL, LC_MESSAGES and
 * LANG that is set decides; one naming no language (C, POSIX, C.UTF-8)
 * gives zh, one naming another language gives en (enum cl_lang). */
int settings_detect_lang(void);

/* Load settings from path (NULL: built-in defaults only). Relative paths
 * inside resolve against the file's directory (the template, when not
 * there, in each data directory: see template_looked); the
 * database defaults to $XDG_DATA_HOME/stallcheck/stallcheck.db.
 * Returns SC_OK or SC_ERR_INVALID with "FILE:LINE: message" in err. */
int settings_load(struct settings *s, const char *path, struct sc_err *err);

/* The same, but every problem goes to rep (struct cfg_report, declared in
 * config/template.h) as FILE:LINE: message; s is filled as far as possible
 * even then. Returns 0 when clean, -1 when rep got problems. For
 * check-config. */
struct cfg_report;
int settings_load_report(struct settings *s, const char *path, struct cfg_report *rep);

/* Write the effective settings as an INI file (check-config --effective). */
void settings_dump(const struct settings *s, FILE *out);

#endif
