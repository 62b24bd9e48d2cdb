/* settings: stallcheck.ini into struct settings. One const options table
 * gives every key its section, type, default and help; it drives loading,
 * validation (check-config) and settings_dump. The line scanner in
 * config/ini.c gives every problem its line. */
#include "settings.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/ini.h"
#include "config/template.h"
#include "core/checklist.h"
#include "core/i18n.h"

enum opt_type { OPT_STRING, OPT_BOOL, OPT_ENUM, OPT_PATH };

struct option_def {
	const char *section, *key;
	int type;
	const char *def;      /* "" = computed (see the help text) */
	const char *choices;  /* OPT_ENUM: "a|b|c" */
	const char *help;
	size_t off;           /* field in struct settings */
};

#define F(f) offsetof(struct settings, f)

static const struct option_def options[] = {
	{ "inspector", "name", OPT_STRING, "", NULL,
	  N_("your name as it appears on records; the program asks for it on its first start"),
	  F(inspector) },
	{ "inspector", "reviewer", OPT_STRING, "", NULL,
	  N_("name used when approving or returning records (default: name)"), F(reviewer) },
	{ "inspector", "unit", OPT_STRING, "", NULL,
	  N_("the unit you inspect for (单位), e.g. 西湖区市场监督管理局"), F(unit) },
	{ "ui", "language", OPT_ENUM, "auto", "auto|zh|en",
	  N_("auto (LC_ALL, LC_MESSAGES or LANG: en for a locale of another language, else zh),"
	     " zh or en"), F(lang) },
	{ "ui", "theme", OPT_ENUM, "default", "default|mono|high-contrast",
	  N_("colour theme; mono is used whenever NO_COLOR is set"), F(theme) },
	{ "ui", "auto_advance", OPT_BOOL, "yes", NULL,
	  N_("move to the next item after an answer"), F(auto_advance) },
	{ "ui", "mouse", OPT_BOOL, "no", NULL, N_("accept mouse clicks"), F(mouse) },
	{ "data", "database", OPT_PATH, "", NULL,
	  N_("database file (default: $XDG_DATA_HOME/stallcheck/stallcheck.db)"), F(db_path) },
	{ "data", "sync_folder", OPT_PATH, "", NULL,
	  N_("shared folder for sync bundles (empty: sync off)"), F(sync_dir) },
	{ "data", "template", OPT_PATH, "templates/gbt21720-market.ini", NULL,
	  N_("checklist template; relative to this file, then to the installed defaults"), F(template_path) },
	{ "notice", "number_prefix", OPT_STRING, "", NULL,
	  N_("issuing code of the rectification notice number (文号), e.g. 西市监整字:"
	     " gives 西市监整字〔2026〕1号; empty: no number"), F(notice_prefix) },
	{ "photos", "import_dir", OPT_PATH, "", NULL,
	  N_("folder the walk offers evidence photos from, newest first (e.g. a phone's camera"
	     " folder mounted over USB); empty: a path is typed"), F(photo_import) },
};
#define NOPTIONS (sizeof options / sizeof options[0])

static const char *const sections[] = { "inspector", "ui", "data", "notice", "photos", "keys" };

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *home(void)
{
	const char *h = getenv("HOME");
	return h && *h ? h : "/";
}

/* $VAR/sub if VAR is set to an absolute path, else ~/fallback/sub. */
static void xdg(char *out, size_t sz, const char *var, const char *fallback, const char *sub)
{
	const char *v = getenv(var);
	if (v && *v == '/')
		snprintf(out, sz, "%s/%s", v, sub);
	else
		snprintf(out, sz, "%s/%s/%s", home(), fallback, sub);
}

/* Directory part of a file path ("." when none). */
static void dir_of(const char *file, char *out, size_t sz)
{
	const char *slash = strrchr(file, '/');
	if (!slash)
		snprintf(out, sz, ".");
	else if (slash == file)
		snprintf(out, sz, "/");
	else
		snprintf(out, sz, "%.*s", (int)(slash - file), file);
}

int settings_exe_datadir(const char *exe, char *dir, size_t sz)
{
	static const char *const rel[] = { "../share/stallcheck", "../config", "../../config" };
	char self[SET_PATH], base[SET_PATH], ini[SET_PATH + 64];

	if (!exe) {
		ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
		if (n <= 0)
			return -1;
		self[n] = '\0';
		exe = self;
	}
	dir_of(exe, base, sizeof base);
	for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
		snprintf(ini, sizeof ini, "%s/%s/stallcheck.ini", base, rel[i]);
		char *real = is_file(ini) ? realpath(ini, NULL) : NULL;
		if (real) {
			dir_of(real, dir, sz);
			free(real);
			return 0;
		}
	}
	return -1;
}

int settings_datadirs(char dirs[SET_DATADIRS][SET_PATH])
{
	const char *d = getenv("STALLCHECK_DATADIR");
	int n = 0;

	if (d && *d) {
		snprintf(dirs[n++], SET_PATH, "%s", d);
		return n;
	}
	if (settings_exe_datadir(NULL, dirs[n], SET_PATH) == 0)
		n++;
	if (n == 0 || strcmp(dirs[0], SC_DATADIR) != 0)
		snprintf(dirs[n++], SET_PATH, "%s", SC_DATADIR);
	return n;
}

void settings_user_file(char *path, size_t pathsz)
{
	xdg(path, pathsz, "XDG_CONFIG_HOME", ".config", "stallcheck/stallcheck.ini");
}

void settings_tpl_dirs(const struct settings *s, char dirs[SET_TPL_DIRS][SET_PATH],
		       const char *v[SET_TPL_DIRS + 1])
{
	char cand[SET_TPL_DIRS][SET_PATH], user[SET_PATH];
	int n = 0, k = 0;
	settings_user_file(user, sizeof user);
	dir_of(user, cand[n++], SET_PATH);
	if (s && s->source[0])
		dir_of(s->source, cand[n++], SET_PATH);
	char data[SET_DATADIRS][SET_PATH];
	int nd = settings_datadirs(data);
	for (int i = 0; i < nd; i++)
		snprintf(cand[n++], SET_PATH, "%s", data[i]);
	for (int i = 0; i < n; i++) {
		int seen = 0;
		for (int j = 0; j < k; j++)
			seen |= !strcmp(dirs[j], cand[i]);
		if (!seen)
			snprintf(dirs[k++], SET_PATH, "%s", cand[i]);
	}
	for (int i = 0; i < k; i++)
		v[i] = dirs[i];
	v[k] = NULL;
}

int settings_find(const char *explicit_path, char *path, size_t pathsz)
{
	char dirs[SET_DATADIRS][SET_PATH];

	if (explicit_path) {
		snprintf(path, pathsz, "%s", explicit_path);
		return is_file(path) ? 0 : -1;
	}
	settings_user_file(path, pathsz);
	if (is_file(path))
		return 0;
	const char *cd = getenv("XDG_CONFIG_DIRS");
	for (const char *p = cd && *cd ? cd : "/etc/xdg"; *p; p += *p == ':') {
		size_t n = strcspn(p, ":");
		if (*p == '/') { /* the spec ignores relative entries */
			snprintf(path, pathsz, "%.*s/stallcheck/stallcheck.ini", (int)n, p);
			if (is_file(path))
				return 0;
		}
		p += n;
	}
	int n = settings_datadirs(dirs);
	for (int i = 0; i < n; i++) {
		snprintf(path, pathsz, "%s/stallcheck.ini", dirs[i]);
		if (is_file(path))
			return 0;
	}
	return -1;
}

/* Resolve v: "~/x" under $HOME, absolute as is, else against base. */
static void resolve(char *out, size_t sz, const char *v, const char *base)
{
	if (v[0] == '~' && v[1] == '/')
		snprintf(out, sz, "%s/%s", home(), v + 2);
	else if (v[0] == '/' || !base)
		snprintf(out, sz, "%s", v);
	else
		snprintf(out, sz, "%s/%s", base, v);
	if (out[0] != '/') { /* relative file or datadir: make it absolute */
		char cwd[SET_PATH], tmp[SET_PATH];
		if (getcwd(cwd, sizeof cwd)) {
			snprintf(tmp, sizeof tmp, "%s/%s", cwd, strncmp(out, "./", 2) ? out : out + 2);
			snprintf(out, sz, "%s", tmp);
		}
	}
}

/* [data] template v: under dir (the settings file's; NULL for the built-in
 * default), then under each data directory; the first that is a file wins.
 * Found nowhere: the first place, and every place in template_looked. */
static void find_template(struct settings *s, const char *v, const char *dir)
{
	char dirs[SET_DATADIRS][SET_PATH], cand[SET_PATH];
	int n = settings_datadirs(dirs);
	int fixed = v[0] == '/' || (v[0] == '~' && v[1] == '/'); /* one place only */
	size_t at = 0;

	s->template_looked[0] = '\0';
	for (int i = dir ? -1 : 0; i < n; i++) {
		resolve(cand, sizeof cand, v, i < 0 ? dir : dirs[i]);
		if (is_file(cand)) {
			snprintf(s->template_path, SET_PATH, "%s", cand);
			s->template_looked[0] = '\0';
			return;
		}
		if (at == 0)
			snprintf(s->template_path, SET_PATH, "%s", cand);
		if (at < sizeof s->template_looked)
			at += (size_t)snprintf(s->template_looked + at, sizeof s->template_looked - at,
					       "%s\n", cand);
		if (fixed)
			break;
	}
}

int settings_template_missing(const struct settings *s, const char *sep, char *out, size_t sz)
{
	if (!s->template_looked[0])
		return 0;
	size_t at = (size_t)snprintf(out, sz, "%s",
				     sc_tr_lang(s->lang, "checklist template not found; looked in:"));
	for (const char *p = s->template_looked; *p && at < sz; p += *p == '\n') {
		size_t n = strcspn(p, "\n");
		at += (size_t)snprintf(out + at, sz - at, "%s%.*s", sep, (int)n, p);
		p += n;
	}
	return 1;
}

/* The first locale variable set decides. Chinese first: a locale that names
 * no language (C, POSIX, C.UTF-8, none) gives zh; one that names another
 * language (en_US.UTF-8, de_DE...) gives en. */
int settings_detect_lang(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (int i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (strncmp(v, "zh", 2) == 0 || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 ||
		    strncmp(v, "C.", 2) == 0)
			return LANG_ZH;
		return LANG_EN;
	}
	return LANG_ZH;
}

static int choice_ok(const char *choices, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = choices; p; p = strchr(p, '|')) {
		if (*p == '|')
			p++;
		if (strncmp(p, v, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

/* Set one option from text; a problem goes to rep with line. */
static void set_option(struct settings *s, const struct option_def *o, const char *v,
		       const char *dir, const char *file, int line, struct cfg_report *rep)
{
	char *field = (char *)s + o->off;
	int b;

	switch (o->type) {
	case OPT_BOOL:
		if (ini_bool(v, &b) < 0)
			cfg_report_add(rep, file, line, "%s: expected yes or no, got '%s'", o->key, v);
		else
			*(int *)(void *)field = b;
		break;
	case OPT_ENUM:
		if (!choice_ok(o->choices, v)) {
			cfg_report_add(rep, file, line, "%s: expected one of %s, got '%s'", o->key,
				       o->choices, v);
		} else if (o->off == F(lang)) {
			s->lang = strcmp(v, "zh") == 0 ? LANG_ZH : strcmp(v, "en") == 0 ? LANG_EN
											: settings_detect_lang();
		} else {
			snprintf(field, sizeof s->theme, "%s", v);
		}
		break;
	case OPT_STRING:
		/* a cut name would end mid-character and be refused at every save */
		if (strlen(v) >= sizeof s->inspector)
			cfg_report_add(rep, file, line, "%s: too long (%zu bytes, at most %zu)", o->key,
				       strlen(v), sizeof s->inspector - 1);
		else if (*v) /* empty: keep the computed default */
			snprintf(field, sizeof s->inspector, "%s", v);
		break;
	case OPT_PATH:
		if (!*v) {
			if (o->off != F(db_path) && o->off != F(template_path))
				field[0] = '\0';
			break;
		}
		if (o->off == F(template_path))
			find_template(s, v, dir);
		else
			resolve(field, SET_PATH, v, dir);
		break;
	}
}

/* No name by default: a record must carry the inspector's own name, never
 * a login name or a placeholder (the TUI asks, the CLI refuses). */
static void set_defaults(struct settings *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < NOPTIONS; i++)
		if (options[i].def[0])
			set_option(s, &options[i], options[i].def, NULL, "", 0, NULL);
	xdg(s->db_path, sizeof s->db_path, "XDG_DATA_HOME", ".local/share", "stallcheck/stallcheck.db");
}

int settings_load_report(struct settings *s, const char *path, struct cfg_report *rep)
{
	char dir[SET_PATH];
	size_t len;
	struct sc_err err;
	struct ini_doc doc;
	int before = rep->n;

	set_defaults(s);
	if (!path) {
		snprintf(s->reviewer, sizeof s->reviewer, "%s", s->inspector);
		return 0;
	}
	snprintf(s->source, sizeof s->source, "%s", path);
	char *text = template_read_file(path, &len, &err);
	if (!text) {
		cfg_report_add(rep, path, 0, "cannot read the settings file");
		return -1;
	}
	dir_of(path, dir, sizeof dir);
	if (strlen(text) != len)
		cfg_report_add(rep, path, 0, "the file holds a NUL byte");
	if (ini_parse(&doc, text, strlen(text), path, rep) == 0) {
		for (int i = 0; i < doc.nsecs; i++) {
			const struct ini_sec *sec = &doc.secs[i];
			size_t k;
			for (k = 0; k < sizeof sections / sizeof *sections; k++)
				if (strcmp(sec->name, sections[k]) == 0)
					break;
			if (k == sizeof sections / sizeof *sections) {
				cfg_report_add(rep, path, sec->line,
					       "unknown section [%s] (expected inspector, ui, data, notice or keys)",
					       sec->name);
				continue;
			}
			for (int j = 0; j < sec->nkeys; j++) {
				const struct ini_key *key = &sec->keys[j];
				const char *v = ini_get(&doc, sec->name, key->name, NULL);
				if (!v)
					continue;
				if (strcmp(sec->name, "keys") == 0) {
					if (s->nkeys >= SET_KEYS_MAX) {
						cfg_report_add(rep, path, key->line, "too many [keys] entries (at most %d)", SET_KEYS_MAX);
					} else if (strlen(key->name) >= sizeof s->keys[0].action ||
						   strlen(v) >= sizeof s->keys[0].keys) {
						cfg_report_add(rep, path, key->line, "[keys] %s: entry too long", key->name);
					} else {
						snprintf(s->keys[s->nkeys].action, sizeof s->keys[0].action, "%s", key->name);
						snprintf(s->keys[s->nkeys].keys, sizeof s->keys[0].keys, "%s", v);
						s->keys[s->nkeys++].line = key->line;
					}
					continue;
				}
				size_t o;
				for (o = 0; o < NOPTIONS; o++)
					if (!strcmp(options[o].section, sec->name) &&
					    !strcmp(options[o].key, key->name))
						break;
				if (o == NOPTIONS)
					cfg_report_add(rep, path, key->line, "unknown key '%s' in [%s]",
						       key->name, sec->name);
				else
					set_option(s, &options[o], v, dir, path, key->line, rep);
			}
		}
	}
	ini_free(&doc);
	free(text);
	if (!s->reviewer[0])
		snprintf(s->reviewer, sizeof s->reviewer, "%s", s->inspector);
	return rep->n > before ? -1 : 0;
}

int settings_load(struct settings *s, const char *path, struct sc_err *err)
{
	struct cfg_report rep = { 0 };
	if (settings_load_report(s, path, &rep) == 0) {
		cfg_report_free(&rep);
		return SC_OK;
	}
	if (rep.n)
		sc_fail(err, SC_ERR_INVALID, "%s:%d: %s", rep.v[0].file, rep.v[0].line, rep.v[0].msg);
	else
		sc_fail(err, SC_ERR_INVALID, "%s: cannot be loaded", path);
	cfg_report_free(&rep);
	return SC_ERR_INVALID;
}

static void put_value(FILE *out, const char *v)
{
	if (strpbrk(v, ";#") || (*v && (v[0] == ' ' || v[strlen(v) - 1] == ' ')))
		fprintf(out, "\"%s\"\n", v);
	else
		fprintf(out, "%s\n", v);
}

void settings_dump(const struct settings *s, FILE *out)
{
	const char *last = "";
	if (s->source[0])
		fprintf(out, _("# stallcheck effective settings from %s\n"), s->source);
	else
		fprintf(out, "%s", _("# stallcheck effective settings (built-in)\n"));
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct option_def *o = &options[i];
		const char *field = (const char *)s + o->off;
		if (strcmp(last, o->section)) {
			fprintf(out, "\n[%s]\n", o->section);
			last = o->section;
		}
		fprintf(out, "# %s\n%s = ", _(o->help), o->key);
		if (o->type == OPT_BOOL)
			fprintf(out, "%s\n", *(const int *)(const void *)field ? "yes" : "no");
		else if (o->off == F(lang))
			fprintf(out, "%s\n", s->lang == LANG_ZH ? "zh" : "en");
		else
			put_value(out, field);
	}
	fprintf(out, "\n[keys]\n");
	for (int i = 0; i < s->nkeys; i++) {
		fprintf(out, "%s = ", s->keys[i].action);
		put_value(out, s->keys[i].keys);
	}
}
