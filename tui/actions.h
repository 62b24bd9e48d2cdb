/* actions: every key press becomes a named action first. One table gives the
 * enum, the names used in the [keys] section of stallcheck.ini, the default
 * keys and the help overlay. */
#ifndef SC_ACTIONS_H
#define SC_ACTIONS_H

#include <stddef.h>

/* Scopes: which screens an action means something on. */
enum { SC_GLOBAL = 1, SC_LIST = 2, SC_WALK = 4, SC_FINAL = 8 };

/* name, scope, default keys, help zh, help en */
#define ACTION_TABLE(X) \
X(A_QUIT, "quit", SC_GLOBAL, "q", "退出（所有答案已保存）", "quit (every answer is already saved)") \
X(A_HELP, "help", SC_GLOBAL, "?, F1", "帮助", "this help") \
X(A_BACK, "back", SC_GLOBAL, "Esc, Backspace", "返回", "back") \
X(A_UP, "prev_item", SC_GLOBAL, "Up, k", "上一项", "previous item / row") \
X(A_DOWN, "next_item", SC_GLOBAL, "Down, j", "下一项", "next item / row") \
X(A_PGUP, "page_up", SC_GLOBAL, "PageUp", "上一页", "page up") \
X(A_PGDN, "page_down", SC_GLOBAL, "PageDown", "下一页", "page down") \
X(A_SELECT, "select", SC_GLOBAL, "Enter", "打开/开始", "open / start") \
X(A_NEW, "new_inspection", SC_LIST, "n", "新检查", "new inspection") \
X(A_ADD, "add", SC_LIST, "a", "添加", "add") \
X(A_EDIT, "edit", SC_LIST, "e", "修改", "edit") \
X(A_TOGGLE, "deactivate", SC_LIST, "d", "停用/启用（摊位、市场）", "deactivate / reactivate (stall, market)") \
X(A_FILTER, "filter", SC_LIST, "/", "筛选", "filter by code or type") \
X(A_STALLS, "stalls", SC_LIST, "s", "摊位登记", "stall registry") \
X(A_EXPORT, "export", SC_LIST, "E", "导出汇总", "export a summary") \
X(A_INACTIVE, "show_inactive", SC_LIST, "i", "显示/隐藏停用摊位", "show / hide inactive stalls") \
X(A_REVIEW, "review", SC_LIST, "R", "审核（主管）", "supervisor review") \
X(A_RECTS, "rectifications", SC_LIST, "r", "整改清单", "rectification list") \
X(A_PASS, "pass", SC_WALK, "p, y", "合格", "pass") \
X(A_FAIL, "fail", SC_WALK, "f, x", "不合格", "fail") \
X(A_NA, "na", SC_WALK, "n", "不适用", "not applicable") \
X(A_NOTOBS, "not_observed", SC_WALK, "o", "未观察", "not observed") \
X(A_PARTIAL, "partial", SC_WALK, "h", "基本符合（部分分）", "partly met (part of the points)") \
X(A_CORRECTED, "corrected", SC_WALK, "c", "当场整改（不挂号）", "corrected on site (no rectification)") \
X(A_NOTE, "note", SC_WALK, "t", "备注", "note") \
X(A_PHOTO, "photo", SC_WALK, "z", "给当前项附照片（证据，z = 照）", "attach a photo to the current item (evidence)") \
X(A_SPOTS, "spots", SC_WALK, "s", "问题处数", "problem spots") \
X(A_UNDO, "undo", SC_WALK, "u", "撤销上一个答案", "undo the last answer") \
X(A_AUTO, "auto_advance", SC_WALK, "a", "自动跳到下一项 开/关", "auto advance on / off") \
X(A_NEXT_STALL, "next_stall", SC_WALK, "Tab, ]", "下一摊位/区域", "next stall / area") \
X(A_PREV_STALL, "prev_stall", SC_WALK, "BackTab, [", "上一摊位/区域", "previous stall / area") \
X(A_JUMP, "jump", SC_WALK, "g", "按摊位号跳转", "jump to a stall by code") \
X(A_FIND, "find_stall", SC_WALK, "/", "查找摊位（摊位号、经营者、类别、拼音首字母）", "find a stall (code, vendor, type, pinyin initials)") \
X(A_QUICK_ADD, "quick_add", SC_WALK, "+", "快速添加摊位", "quick-add a stall") \
X(A_FOLLOWUP, "followup", SC_WALK, "b", "回头看：复查本市场的整改", "follow-up of the market's open rectifications") \
X(A_FINALIZE, "finalize", SC_WALK, "F", "定稿", "finalize") \
X(A_AMEND, "amend", SC_WALK, "A", "更正已定稿记录", "amend a final record") \
X(A_CONFIRM, "confirm", SC_FINAL, "y", "确认", "confirm") \
X(A_SYNC, "sync", SC_LIST, "S", "同步", "sync with the sync folder")

enum action {
	A_NONE = 0,
#define ACT_ENUM(id, name, scope, keys, zh, en) id,
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
