/* userini: the first start's answer (name, unit) into the user's settings
 * file, editing only the [inspector] keys so a hand-kept file stays as it
 * was. Lines are classified the way config/ini.c reads them: sections and
 * keys case-insensitive, a trailing '\' continues a line. */
#include "userini.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/settings.h"
#include "config/template.h"
#include "core/fsutil.h"

void userini_path(const char *explicit_path, char *path, size_t pathsz)
{
	if (explicit_path)
		snprintf(path, pathsz, "%s", explicit_path);
	else
		settings_user_file(path, pathsz);
}

/* Can v be a value iniparser gives back unchanged? There is no escape
 * for a double quote (docs/configuration.md). */
static int value_ok(const char *v)
{
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '"')
			return 0;
	return 1;
}

/* "key = value" and eol; quoted when iniparser would cut the value at ';'
 * or '#', strip its edge spaces or take a leading quote as quoting. */
static void put_key(FILE *o, const char *key, const char *v, const char *eol)
{
	size_t n = strlen(v);
	int q = strpbrk(v, ";#'") || (n && (isspace((unsigned char)v[0]) ||
					       isspace((unsigned char)v[n - 1])));
	fprintf(o, q ? "%s = \"%s\"%s" : "%s = %s%s", key, v, eol);
}

/* One logical line from p: its end (after continuations and the newline)
 * in *next; the first physical line's text, trimmed, in buf. */
static void logical_line(const char *p, const char **next, char *buf, size_t sz)
{
	const char *e = p;
	for (;;) {
		const char *ls = e, *nl = strchr(e, '\n');
		const char *end = nl ? nl : e + strlen(e), *t = end;
		while (t > ls && isspace((unsigned char)t[-1]))
			t--;
		if (ls == p) {
			const char *s = p;
			while (s < t && isspace((unsigned char)*s))
				s++;
			snprintf(buf, sz, "%.*s", (int)(t - s), s);
		}
		e = nl ? nl + 1 : end;
		if (!nl || t == ls || t[-1] != '\\')
			break;
	}
	*next = e;
}

/* Which key of [inspector] line l sets ("name", "unit"), or NULL; *sec is
 * updated on a section header. */
static const char *inspector_key(const char *l, int *sec)
{
	static const char *const keys[] = { "name", "unit" };
	size_t n = strlen(l);
	if (l[0] == '[' && n > 1 && l[n - 1] == ']') {
		char name[128];
		const char *s = l + 1;
		size_t k = n - 2;
		while (k && isspace((unsigned char)*s))
			s++, k--;
		while (k && isspace((unsigned char)s[k - 1]))
			k--;
		snprintf(name, sizeof name, "%.*s", (int)k, s);
		*sec = strcasecmp(name, "inspector") == 0;
		return NULL;
	}
	const char *eq = strchr(l, '=');
	if (!*sec || !eq || l[0] == '#' || l[0] == ';')
		return NULL;
	size_t k = (size_t)(eq - l);
	while (k && isspace((unsigned char)l[k - 1]))
		k--;
	for (size_t i = 0; i < 2; i++)
		if (strlen(keys[i]) == k && strncasecmp(l, keys[i], k) == 0)
			return keys[i];
	return NULL;
}

char *userini_edit(const char *text, const char *name, const char *unit, struct sc_err *err)
{
	char l[1024], *buf = NULL;
	size_t len = 0;
	const char *next, *p;
	int sec = 0, has_sec = 0, has_name = 0, has_unit = 0;

	if (!value_ok(name) || !value_ok(unit)) {
		sc_fail(err, SC_ERR_INVALID, "a control character or an ASCII double quote"
			" (write “” instead) cannot be kept in the settings file");
		return NULL;
	}
	for (p = text; *p; p = next) { /* which keys are there already */
		logical_line(p, &next, l, sizeof l);
		const char *k = inspector_key(l, &sec);
		has_sec |= sec;
		has_name |= k && !strcmp(k, "name");
		has_unit |= k && !strcmp(k, "unit");
	}
	FILE *o = open_memstream(&buf, &len);
	if (!o) {
		sc_fail(err, SC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	sec = 0;
	for (p = text; *p; p = next) {
		int was = sec, eol_at;
		logical_line(p, &next, l, sizeof l);
		const char *k = inspector_key(l, &sec);
		eol_at = next > p && next[-1] == '\n' ? (next - p > 1 && next[-2] == '\r' ? 2 : 1) : 0;
		const char *eol = eol_at == 2 ? "\r\n" : "\n";
		if (k) {
			put_key(o, k, !strcmp(k, "name") ? name : unit, eol);
			continue;
		}
		fwrite(p, 1, (size_t)(next - p), o);
		if (sec && !was && l[0] == '[') { /* the header: the keys not there yet go under it */
			if (!eol_at)
				fputc('\n', o);
			if (!has_name)
				put_key(o, "name", name, eol);
			if (!has_unit)
				put_key(o, "unit", unit, eol);
			has_name = has_unit = 1;
		}
	}
	if (!has_sec) {
		/* p is the end of text: a last line without its newline gets one */
		fputs(p == text ? "" : p[-1] != '\n' ? "\n\n" : "\n", o);
		fputs("[inspector]\n", o);
		put_key(o, "name", name, "\n");
		put_key(o, "unit", unit, "\n");
	}
	if (ferror(o) | fclose(o)) {
		free(buf);
		sc_fail(err, SC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return buf;
}

int userini_set_inspector(const char *path, const char *name, const char *unit,
			  struct sc_err *err)
{
	char real[PATH_MAX];
	char *text = NULL, *out;
	size_t len = 0;
	int rc;

	/* a settings file kept as a link (dotfiles): write where it points */
	if (realpath(path, real))
		path = real;
	if (fs_exists(path)) {
		text = template_read_file(path, &len, err);
		if (!text)
			return err->code ? err->code : SC_ERR_IO;
		if (strlen(text) != len) {
			free(text);
			return sc_fail(err, SC_ERR_INVALID, "%s: the file holds a NUL byte", path);
		}
	}
	out = userini_edit(text ? text : "", name, unit, err);
	free(text);
	if (!out)
		return err->code;
	rc = fs_mkparents(path, err);
	if (rc == SC_OK)
		rc = fs_write_atomic(path, out, strlen(out), 1, 0600, err);
	free(out);
	return rc;
}
