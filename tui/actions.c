/* actions: the action table (actions.h), key names, the key map. */
#include "actions.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config/settings.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "text.h"
#include "curses.h"

struct action_def {
	const char *name;
	unsigned scope;
	const char *keys;
	struct text_msg help;
};

static const struct action_def defs[A_COUNT] = {
#define ACT_ROW(id, nm, sc, k, help) [id] = { nm, sc, k, TEXT_MSG_##help },
	ACTION_TABLE(ACT_ROW)
#undef ACT_ROW
};

#define KEYS_PER 8
static int keymap[A_COUNT][KEYS_PER];
static char keytext[A_COUNT][64];

static const struct { const char *name; int code; } named[] = {
	{ "Enter", '\n' }, { "Return", '\n' }, { "Tab", '\t' }, { "Esc", 27 }, { "Escape", 27 },
	{ "Space", ' ' }, { "Comma", ',' },
	{ "Backspace", ACTION_FKEY + KEY_BACKSPACE }, { "Up", ACTION_FKEY + KEY_UP },
	{ "Down", ACTION_FKEY + KEY_DOWN }, { "Left", ACTION_FKEY + KEY_LEFT },
	{ "Right", ACTION_FKEY + KEY_RIGHT }, { "PageUp", ACTION_FKEY + KEY_PPAGE },
	{ "PageDown", ACTION_FKEY + KEY_NPAGE }, { "Home", ACTION_FKEY + KEY_HOME },
	{ "End", ACTION_FKEY + KEY_END }, { "BackTab", ACTION_FKEY + KEY_BTAB },
	{ "Delete", ACTION_FKEY + KEY_DC }, { "Insert", ACTION_FKEY + KEY_IC },
};

int actions_parse_key(const char *name)
{
	size_t n = strlen(name);
	uint32_t cp;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(name, named[i].name) == 0)
			return named[i].code;
	if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3) {
		int f = 0;
		for (size_t i = 1; i < n; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			f = f * 10 + (name[i] - '0');
		}
		return f >= 1 && f <= 12 ? ACTION_FKEY + KEY_F(f) : -1;
	}
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		char c = name[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	int k = utf8_decode(name, n, &cp);
	if (k <= 0 || (size_t)k != n || cp < 0x21 || cp == 0x7f)
		return -1;
	return (int)cp;
}

/* Split a key list on commas and blanks; call fn for each name. */
static int each_key(const char *keys, int (*fn)(const char *k, void *ctx), void *ctx)
{
	char buf[128];
	size_t len = strlen(keys);
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, keys, len + 1);
	int count = 0;
	for (char *save = NULL, *t = strtok_r(buf, ", \t", &save); t;
	     t = strtok_r(NULL, ", \t", &save)) {
		if (fn(t, ctx) < 0)
			return -1;
		count++;
	}
	return count;
}

struct vctx { char *why; size_t whysz; };

static int check_one(const char *k, void *ctx)
{
	struct vctx *v = ctx;
	if (actions_parse_key(k) < 0) {
		snprintf(v->why, v->whysz,
			 _("unknown key '%s' (a character, Enter, Tab, Esc, Space, Up, Down, Left, Right, "
			   "PageUp, PageDown, Home, End, BackTab, Backspace, F1-F12, C-a..C-z)"), k);
		return -1;
	}
	return 0;
}

static int find_action(const char *name)
{
	for (int a = 1; a < A_COUNT; a++)
		if (strcmp(defs[a].name, name) == 0)
			return a;
	return -1;
}

int actions_validate(const char *action, const char *keys, char *why, size_t whysz)
{
	struct vctx v = { why, whysz };
	if (find_action(action) < 0) {
		snprintf(why, whysz, _("unknown action '%s'"), action);
		return -1;
	}
	int n = each_key(keys, check_one, &v);
	if (n == 0) {
		snprintf(why, whysz, _("no key given for '%s'"), action);
		return -1;
	}
	if (n < 0) {
		if (strlen(keys) >= 128)
			snprintf(why, whysz, "%s", _("key list too long"));
		return -1;
	}
	if (n > KEYS_PER) {
		snprintf(why, whysz, _("at most %d keys per action"), KEYS_PER);
		return -1;
	}
	return 0;
}

struct bctx { int a; int n; };

static int bind_one(const char *k, void *ctx)
{
	struct bctx *b = ctx;
	if (b->n < KEYS_PER)
		keymap[b->a][b->n++] = actions_parse_key(k);
	return 0;
}

static void bind(int a, const char *keys)
{
	struct bctx b = { a, 0 };
	memset(keymap[a], 0xff, sizeof keymap[a]); /* -1 */
	each_key(keys, bind_one, &b);
	snprintf(keytext[a], sizeof keytext[a], "%s", keys);
}

/* The name a key code was given as in action a's key list, for messages. */
struct nctx { int code; char *out; size_t sz; };

static int name_one(const char *k, void *ctx)
{
	struct nctx *c = ctx;
	if (!c->out[0] && actions_parse_key(k) == c->code)
		snprintf(c->out, c->sz, "%s", k);
	return 0;
}

int actions_conflict(int *a1, int *a2, char *why, size_t whysz)
{
	for (int a = 1; a < A_COUNT; a++)
		for (int b = a + 1; b < A_COUNT; b++) {
			/* a global action meets every other on every screen */
			if (!(defs[a].scope & defs[b].scope) && !((defs[a].scope | defs[b].scope) & SC_GLOBAL))
				continue;
			for (int i = 0; i < KEYS_PER; i++)
				for (int j = 0; keymap[a][i] >= 0 && j < KEYS_PER; j++) {
					if (keymap[a][i] != keymap[b][j])
						continue;
					char key[32] = "";
					struct nctx c = { keymap[a][i], key, sizeof key };
					each_key(keytext[a], name_one, &c);
					snprintf(why, whysz, _("key '%s' is given to both %s and %s (%s wins; give"
							       " one of them another key)"), key, defs[a].name,
						 defs[b].name, defs[a].name);
					*a1 = a;
					*a2 = b;
					return -1;
				}
		}
	return 0;
}

void actions_init(const struct settings *set, char *why, size_t whysz)
{
	if (why && whysz)
		why[0] = 0;
	for (int a = 1; a < A_COUNT; a++)
		bind(a, defs[a].keys);
	for (int i = 0; set && i < set->nkeys; i++) {
		char w[256];
		if (actions_validate(set->keys[i].action, set->keys[i].keys, w, sizeof w) < 0) {
			if (why && whysz && !why[0])
				snprintf(why, whysz, "[keys] %s: %s", set->keys[i].action, w);
			continue;
		}
		bind(find_action(set->keys[i].action), set->keys[i].keys);
	}
	int a1, a2;
	char w[256];
	if (actions_conflict(&a1, &a2, w, sizeof w) < 0 && why && whysz && !why[0])
		snprintf(why, whysz, "[keys] %s", w);
}

int actions_lookup(int key, unsigned scopes)
{
	if (key == '\r')
		key = '\n';
	if (key == ACTION_FKEY + KEY_ENTER)
		key = '\n';
	for (int a = 1; a < A_COUNT; a++) {
		if (!(defs[a].scope & scopes))
			continue;
		for (int i = 0; i < KEYS_PER; i++)
			if (keymap[a][i] == key)
				return a;
	}
	return A_NONE;
}

const char *actions_name(int a) { return a > 0 && a < A_COUNT ? defs[a].name : ""; }
const char *actions_keys(int a) { return a > 0 && a < A_COUNT ? keytext[a] : ""; }
const char *actions_help(int a, int lang)
{
	return a > 0 && a < A_COUNT ? sc_trc_lang(lang, defs[a].help.ctx, defs[a].help.msgid) : "";
}
unsigned actions_scope(int a) { return a > 0 && a < A_COUNT ? defs[a].scope : 0; }
