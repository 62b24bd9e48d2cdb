/* actions: every key press becomes a named action first. One table gives the
 * enum, the names used in the [keys] section of stallcheck.ini, the default
 * keys and the help overlay. */
#ifndef SC_ACTIONS_H
#define SC_ACTIONS_H

#include <stddef.h>

/* Scopes: which screens an action means something on. */
enum { SC_GLOBAL = 1, SC_LIST = 2, SC_WALK = 4, SC_FINAL = 8 };

/* name, scope, default keys, help (marked for the catalogue: text.h) */
#define ACTION_TABLE(X) \
X(A_QUIT, "quit", SC_GLOBAL, "q", N_("quit (every answer is already saved)")) \
X(A_HELP, "help", SC_GLOBAL, "?, F1", N_("this help")) \
X(A_BACK, "back", SC_GLOBAL, "Esc, Backspace", N_("back")) \
X(A_UP, "prev_item", SC_GLOBAL, "Up, k", N_("previous item / row")) \
X(A_DOWN, "next_item", SC_GLOBAL, "Down, j", N_("next item / row")) \
X(A_PGUP, "page_up", SC_GLOBAL, "PageUp", N_("page up")) \
X(A_PGDN, "page_down", SC_GLOBAL, "PageDown", N_("page down")) \
X(A_SELECT, "select", SC_GLOBAL, "Enter", N_("open / start")) \
X(A_NEW, "new_inspection", SC_LIST, "n", N_("new inspection")) \
X(A_ADD, "add", SC_LIST, "a", N_("add")) \
X(A_EDIT, "edit", SC_LIST, "e", N_("edit")) \
X(A_TOGGLE, "deactivate", SC_LIST, "d", N_("deactivate / reactivate (stall, market)")) \
X(A_FILTER, "filter", SC_LIST, "/", N_("filter by code or type")) \
X(A_STALLS, "stalls", SC_LIST, "s", N_("stall registry")) \
X(A_EXPORT, "export", SC_LIST, "E", N_("export a summary")) \
X(A_INACTIVE, "show_inactive", SC_LIST, "i", N_("show / hide inactive stalls")) \
X(A_REVIEW, "review", SC_LIST, "R", NC_("key help", "supervisor review")) \
X(A_RECTS, "rectifications", SC_LIST, "r", N_("rectification list")) \
X(A_PASS, "pass", SC_WALK, "p, y", N_("pass")) \
X(A_FAIL, "fail", SC_WALK, "f, x", N_("fail")) \
X(A_NA, "na", SC_WALK, "n", N_("not applicable")) \
X(A_NOTOBS, "not_observed", SC_WALK, "o", N_("not observed")) \
X(A_PARTIAL, "partial", SC_WALK, "h", N_("partly met (part of the points)")) \
X(A_CORRECTED, "corrected", SC_WALK, "c", N_("corrected on site (no rectification)")) \
X(A_NOTE, "note", SC_WALK, "t", N_("note")) \
X(A_PHOTO, "photo", SC_WALK, "z", N_("attach a photo to the current item (evidence)")) \
X(A_SPOTS, "spots", SC_WALK, "s", N_("problem spots")) \
X(A_UNDO, "undo", SC_WALK, "u", N_("undo the last answer")) \
X(A_AUTO, "auto_advance", SC_WALK, "a", N_("auto advance on / off")) \
X(A_NEXT_STALL, "next_stall", SC_WALK, "Tab, ]", N_("next stall / area")) \
X(A_PREV_STALL, "prev_stall", SC_WALK, "BackTab, [", N_("previous stall / area")) \
X(A_JUMP, "jump", SC_WALK, "g", N_("jump to a stall by code")) \
X(A_FIND, "find_stall", SC_WALK, "/", N_("find a stall (code, vendor, type, pinyin initials)")) \
X(A_QUICK_ADD, "quick_add", SC_WALK, "+", N_("quick-add a stall")) \
X(A_FOLLOWUP, "followup", SC_WALK, "b", N_("follow-up of the market's open rectifications")) \
X(A_FINALIZE, "finalize", SC_WALK, "F", N_("finalize")) \
X(A_AMEND, "amend", SC_WALK, "A", N_("amend a final record")) \
X(A_CONFIRM, "confirm", SC_FINAL, "y", N_("confirm")) \
X(A_SYNC, "sync", SC_LIST, "S", N_("sync with the sync folder"))

enum action {
	A_NONE = 0,
#define ACT_ENUM(id, name, scope, keys, help) id,
	ACTION_TABLE(ACT_ENUM)
#undef ACT_ENUM
	A_COUNT
};

/* Key codes: a character is its code point; a function key (KEY_*) is
 * ACTION_FKEY + its curses code. */
#define ACTION_FKEY 0x40000000

/* Parse one key name ("p", "Enter", "Up", "F1", "C-x", "Tab", "中") into a
 * key code; -1 when unknown. */
int actions_parse_key(const char *name);

/* Check one [keys] entry: is `action` a known action name and is `keys`
 * a valid key list? Returns 0, or -1 with the reason in why. */
int actions_validate(const char *action, const char *keys, char *why, size_t whysz);

/* Build the key map from the defaults and the [keys] overrides (an
 * override replaces an action's default keys). Bad entries are skipped,
 * the first reason goes to why (may be NULL). */
struct settings;
void actions_init(const struct settings *set, char *why, size_t whysz);

/* The first key of the current map given to two actions that can meet on
 * one screen: -1 with both actions and a message, else 0. actions_init
 * reports it in why too. */
int actions_conflict(int *a1, int *a2, char *why, size_t whysz);

/* The action for a key code on a screen of these scopes, or A_NONE. */
int actions_lookup(int key, unsigned scopes);

/* For the help overlay: name, keys as text, help in lang, scope. */
const char *actions_name(int a);
const char *actions_keys(int a);
const char *actions_help(int a, int lang);
unsigned actions_scope(int a);

#endif
