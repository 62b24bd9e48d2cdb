/* text: every string the interface shows, one table of ids and English
 * msgids marked for the catalogue (po/zh_CN.po, docs/i18n.md). tx() returns
 * the string in the program's language (i18n_set_lang). */
#ifndef SC_TUI_TEXT_H
#define SC_TUI_TEXT_H

#include <stddef.h>

#include "core/checklist.h"
#include "core/i18n.h"

#define TEXT_TABLE(X) \
X(T_APP, N_("stallcheck market inspection")) \
X(T_TOO_SMALL, N_("Terminal too small: need %dx%d, have %dx%d")) \
X(T_HOME_TITLE, N_("Today %s  inspector: %s")) \
X(T_WHO_TITLE, N_("First start: who is inspecting?")) \
X(T_WHO_HINT, N_("Saved in %s . Your name goes on every record; the unit is e.g. 西湖区市场监督管理局.")) \
X(T_F_PERSON, NC_("person", "Name")) \
X(T_F_UNIT, N_("Unit")) \
X(T_WHO_EMPTY, N_("The name cannot be empty: every record names its inspector.")) \
X(T_WHO_QUOTE, N_("The name and unit cannot hold an ASCII double quote \"; write “” instead.")) \
X(T_WHO_SAVED, N_("Saved in %s")) \
X(T_WHO_UNSAVED, N_("Settings not saved: %s. The name is used for this session.")) \
X(T_HOME_EMPTY, N_("No inspections on this machine today. Press n to start one.")) \
X(T_HOME_SUMMARY, N_("Not synced: %d (last sync %s)  rectifications open: %d, overdue %d")) \
X(T_NEVER, N_("never")) \
X(T_HOME_KEYS, N_("n new  Enter open  r rectifications  R review  S sync  E export  ? help  q quit")) \
X(T_EXPORT_TITLE, N_("Export a summary")) \
X(T_EXPORT_HINT, N_("formats: html pdf xlsx csv md; Tab next field, Enter export, Esc cancel")) \
X(T_F_FROM, N_("From")) \
X(T_F_TO, N_("To")) \
X(T_F_FORMAT, N_("Format")) \
X(T_F_FILE, N_("File")) \
X(T_DB_DAMAGED, N_("The database file is damaged, nothing exported: run stallcheck verify, restore a backup (%s)")) \
X(T_EXPORT_BAD_DATE, N_("Dates are YYYY-MM-DD, from not after to")) \
X(T_EXPORT_BAD_FORMAT, N_("The format is html, pdf, xlsx, csv or md")) \
X(T_EXPORT_RUN, N_("Exporting")) \
X(T_EXPORT_PDF_RUN, N_("Printing the PDF with Chromium... %d s  (Esc cancels)")) \
X(T_EXPORT_CANCELLED, N_("Export cancelled: no file was written.")) \
X(T_EXPORT_REPLACE_Q, N_("%s exists. Replace it? y/n")) \
X(T_EXPORT_DONE, N_("Exported (inspections: %d) to %s")) \
X(T_RESUME_Q, N_("Unfinished inspection: %s (%s). Resume? y/n")) \
X(T_DEMO_Q, N_("The database is empty. Load demo data? y/n")) \
X(T_DEMO_RUN, N_("Generating demo data, day %d of %d")) \
X(T_DEMO_DONE, N_("Demo data loaded.")) \
X(T_MARKETS_TITLE, N_("Choose a market (Enter starts an inspection)")) \
X(T_MARKETS_EMPTY, N_("No markets yet. Press a to add one.")) \
X(T_MARKETS_KEYS, N_("Enter start  a add market  e edit  d deactivate/reactivate  s stalls  Esc back")) \
X(T_EDIT_MARKET, N_("Edit market")) \
X(T_MARKET_SAVED, N_("Market saved: %s")) \
X(T_MARKET_TAKEN, N_("Market %s (%s) already exists.")) \
X(T_MARKET_ON, N_("Market reactivated: %s")) \
X(T_MARKET_OFF, N_("Market deactivated: %s (its records are kept)")) \
X(T_MARKET_INACTIVE, N_("This market is deactivated: press d to reactivate it first.")) \
X(T_INACTIVE_MARK, N_("[inactive] ")) \
X(T_NEW_MARKET, N_("New market")) \
X(T_F_NAME, N_("Name")) \
X(T_F_DISTRICT, N_("District")) \
X(T_F_ADDRESS, N_("Address")) \
X(T_F_CODE, N_("Code")) \
X(T_F_VENDOR, N_("Vendor")) \
X(T_F_TYPE, N_("Type")) \
X(T_F_NOTE, N_("Note")) \
X(T_F_SPOTS, N_("Problem spots")) \
X(T_F_POINTS, N_("Points for this item")) \
X(T_F_JUMP, N_("Jump to stall code")) \
X(T_F_FILTER, N_("Filter (code or type)")) \
X(T_FORM_KEYS, N_("Enter OK  Tab next field  C-u clear  Esc cancel")) \
X(T_FORM_KEYS_QUIT, N_("Enter OK  Tab next field  C-u clear  Esc quit (nothing saved)")) \
X(T_TYPES_HINT, N_("Types: %s")) \
X(T_STALLS_TITLE, N_("Stall registry: %s")) \
X(T_DRAFT_DISCARDED, N_("The new inspection had no answers and was removed.")) \
X(T_FU_AMENDMENT, N_("An amendment has no follow-up: those stay with the record it corrects.")) \
X(T_FU_PENDING, N_("Follow-up: open rectifications not checked yet: %d; press b.")) \
X(T_STALLS_EMPTY, N_("No stalls. Press a to add one.")) \
X(T_STALLS_KEYS, N_("a add  e edit  d (de)activate  / filter  i inactive  Esc back")) \
X(T_NEW_STALL, N_("New stall")) \
X(T_STALL_OFF, N_("Stall deactivated: %s (records kept; i shows inactive stalls)")) \
X(T_STALL_ON, N_("Stall reactivated: %s")) \
X(T_EDIT_STALL, N_("Edit stall")) \
X(T_INACTIVE, N_("inactive")) \
X(T_SAVED, N_("saved")) \
X(T_SPOTS_FAIL_ONLY, N_("Problem spots go with a failed item.")) \
X(T_NO_NA, N_("%s cannot be n/a: every market is checked on it.")) \
X(T_NO_PARTIAL, N_("%s has no partial answer: the checklist gives it no share of its points.")) \
X(T_NO_NOTOBS, N_("%s cannot be 'not observed': it must be checked on the spot.")) \
X(T_UNKNOWN_TYPE, N_("No stall type '%s' (one of: %s)")) \
X(T_CODE_TAKEN, N_("Stall code %s already exists in this market.")) \
X(T_NOT_SAVED, N_("NOT SAVED: %s")) \
X(T_MARKET_ADDED, N_("Market added: %s")) \
X(T_STALL_ADDED, N_("Stall added: %s")) \
X(T_STALL_SAVED, N_("Stall changed: %s")) \
X(T_MARKET_LINE, N_("Market %s")) \
X(T_AREA_LINE, N_("Market-wide · %s")) \
X(T_STALL_LINE, N_("Stall %s · %s · %s")) \
X(T_UNIT_POS, N_("place %d/%d")) \
X(T_PROGRESS, N_("here %d/%d  market items %d/%d  stalls done %d/%d")) \
X(T_SCORE_STALL, N_("stall %s %s")) \
X(T_SCORE_MARKET, N_("market %s %s")) \
X(T_CRITICAL_N, N_("critical %d")) \
X(T_K_PASS, N_("pass")) \
X(T_K_FAIL, N_("fail")) \
X(T_K_NA, N_("n/a")) \
X(T_K_NOTOBS, N_("not obs")) \
X(T_K_PARTIAL, N_("partial")) \
X(T_K_CORRECTED, N_("corrected")) \
X(T_WALK_ANSWERS, N_("This checklist's answers:")) \
X(T_K_POINTS, N_("0-%d points")) \
X(T_K_NOTE, N_("note")) \
X(T_K_SPOTS, N_("spots")) \
X(T_K_UNDO, N_("undo")) \
X(T_K_NEXT, N_("next")) \
X(T_K_JUMP, N_("jump")) \
X(T_K_ADD, NC_("walk key", "add")) \
X(T_K_FOLLOWUP, N_("follow-up")) \
X(T_K_PHOTO, N_("photo")) \
X(T_PHOTO_MARK, N_("ph%d ")) \
X(T_PHOTO_TITLE, N_("Photo for %s: import folder %s (newest first)")) \
X(T_PHOTO_KEYS, N_("Enter attach the one selected  Esc back  JPEG/PNG, at most %d MB each")) \
X(T_PHOTO_TYPE, N_("Type a photo file's path...")) \
X(T_PHOTO_NODIR, N_("No import folder set ([photos] import_dir in stallcheck.ini)")) \
X(T_PHOTO_DIRBAD, N_("The import folder cannot be read: %s")) \
X(T_F_PHOTO_PATH, N_("Photo file")) \
X(T_PHOTO_ADDED, N_("%s photo %.12s... attached (%d on this item)")) \
X(T_PHOTO_NOT, N_("Photo not attached: %s")) \
X(T_PHOTO_ANSWER_FIRST, N_("Give a verdict first, then attach a photo.")) \
X(T_ACK_TITLE, N_("The market operator's acknowledgement")) \
X(T_ACK_HINT, N_("The operator's name and statement are sealed with the record and printed on the notice. Operator not present: leave the name empty, Enter, then y.")) \
X(T_F_OPERATOR, N_("Operator's name")) \
X(T_F_STATEMENT, N_("Statement (optional)")) \
X(T_ACK_ABSENT_Q, N_("Record \"operator not present\" and finalize? (y/n)")) \
X(T_ACK_NAME_FIRST, N_("A statement needs the operator's name.")) \
X(T_K_FINALIZE, N_("finalize")) \
X(T_K_HELP, N_("help")) \
X(T_MORE_ABOVE, N_("^ %d more above")) \
X(T_MORE_BELOW, N_("v %d more below")) \
X(T_GRADED_MARK, N_("#")) \
X(T_DETAIL_TITLE, N_("%s %s · note and problem spots (both may stay empty)")) \
X(T_NOTE_TITLE, N_("%s %s · note")) \
X(T_KEY_UNUSED, N_("Key %s does nothing here; nothing changed (%s lists the keys).")) \
X(T_RETURNED_WHY, N_("Returned by %s: %s (press A to amend)")) \
X(T_READONLY, N_("Final record: read only. Press A to amend.")) \
X(T_AMEND_Q, N_("Create an amendment of this final record? y/n")) \
X(T_AMENDED, N_("Amendment created; it can be edited.")) \
X(T_AMEND_OPEN, N_("This record already has an amendment in progress; opened it.")) \
X(T_ANSWER_FIRST, N_("Give a verdict first, then a note or spots.")) \
X(T_NOT_POINTS, N_("%s is pass/fail, it takes no points: press %s or %s. Nothing changed, the cursor stayed.")) \
X(T_POINTS_RANGE, N_("Points out of range: this item takes 0..%d.")) \
X(T_SPOTS_BAD, N_("Problem spots must be a whole number 0..9999.")) \
X(T_NOTHING_UNDO, N_("Nothing to undo.")) \
X(T_UNDONE, N_("Undone: %s")) \
X(T_NO_STALL_CODE, N_("No stall with code %s.")) \
X(T_LAST_STALL, N_("last %s: %s %s")) \
X(T_LAST_MARKET, N_("last market %s: %s %s")) \
X(T_LAST_NONE, N_("no earlier visit")) \
X(T_REPEAT_N, N_("repeat %d")) \
X(T_RECT_OPEN, N_("open rectification %s (due %s%s): %s")) \
X(T_RECT_OVERDUE, N_("OVERDUE rectification %s (due %s%s): %s")) \
X(T_LAST_COL, N_("last visit %s")) \
X(T_RECT_MORE, N_("... %d more open rectifications (%s follow-up)")) \
X(T_FIND_TITLE, N_("Find a stall: %s_")) \
X(T_FIND_KEYS, N_("type to search  Up/Down choose  Enter go to the first unanswered item  Esc cancel")) \
X(T_FIND_NONE, N_("No stall matches.")) \
X(T_FIND_COUNT, N_("%d stalls (by code, vendor, type; pinyin or its initials)")) \
X(T_FIND_TODO, N_("not yet")) \
X(T_FIND_PART, N_("%d/%d answered")) \
X(T_FIND_DONE, N_("done")) \
X(T_LEAVE_Q, N_("%s has %d items unanswered. Leave anyway? y/n")) \
X(T_DONE_AREA, N_("All items here answered; %s for the next area: %s.")) \
X(T_DONE_STALL, N_("All items here answered; %s for the next stall: %s.")) \
X(T_DONE_LAST, N_("All items here answered, the last place; %s to finalize.")) \
X(T_AUTO_ON, N_("Auto advance: on")) \
X(T_AUTO_OFF, N_("Auto advance: off")) \
X(T_FIN_TITLE, N_("Finalize: %s")) \
X(T_FIN_SCORE, N_("Score %s   band %s   critical failures %d")) \
X(T_FIN_COUNTS, N_("Stalls visited %d   unanswered items %d")) \
X(T_FIN_BYCAT, N_("Failed items by category:")) \
X(T_FIN_CRIT, N_("Critical failures:")) \
X(T_FIN_KEYS, N_("y confirm (the record becomes read only)  Esc back to the walk")) \
X(T_FIN_DONE, N_("Finalized: score %s %s")) \
X(T_FIN_GAPS, N_("Unanswered items (%d):")) \
X(T_FIN_WHOLE, N_("whole market")) \
X(T_FIN_GAP_CRIT, N_("%d critical items are unanswered (listed below): answer them before finalizing.")) \
X(T_FIN_FOLLOWUP, N_("Follow-up: %d fixed, %d not fixed; they take effect when this is finalized.")) \
X(T_TYPE_KEPT, N_("Scored as inspected, %s (the stall list now says %s); start another inspection to inspect it as the new type.")) \
X(T_BASIS, N_("Basis: %s")) \
X(T_FIN_ALREADY, N_("This record is already final.")) \
X(T_WALK_DIGITS, N_("0-9 answer by points, on graded items (marked #) only (items worth 10 or more open a small form)")) \
X(T_HELP_CUT, N_("... %d more not shown (enlarge the terminal)")) \
X(T_HELP_TITLE, N_("Keys (any key closes)")) \
X(T_FIELD_TOO_LONG, N_("%s is too long: at most %d bytes (about %d Chinese characters).")) \
X(T_NOTE_FULL, N_("The note is full (at most %d characters); the rest was not typed.")) \
X(T_CTRL_KEY, N_("Control characters cannot be typed; ignored.")) \
X(T_PASTE_NOWHERE, N_("The paste was not used: only an input field takes a paste, never as keys.")) \
X(T_PASTE_CTRL, N_("Control characters removed from the paste: %d.")) \
X(T_FIELD_FULL, N_("This field is full (at most %d bytes, about %d Chinese characters); the rest was not typed.")) \
X(T_QUIT_HINT, N_("This is the home screen. Press q to quit (every answer is saved).")) \
X(T_BAD_INPUT, N_("Input that is not UTF-8 was ignored (set the terminal to UTF-8).")) \
X(T_LOCALE_FAIL, N_("Codeset %s is not UTF-8 and C.UTF-8 is unavailable: Chinese cannot be shown, using English.")) \
X(T_TEMPLATE_BAD, N_("The checklist template has errors: %s")) \
X(T_V_NONE, N_("--")) \
X(T_V_PASS, N_("pass")) \
X(T_V_FAIL, N_("FAIL")) \
X(T_V_NA, N_("n/a")) \
X(T_V_NO, N_("no obs")) \
X(T_V_CORRECTED, N_("COS")) \
X(T_V_PARTIAL, N_("partial")) \
X(T_CRIT_MARK, N_("CRIT")) \
X(T_OTHER_AREA, N_("other")) \
X(T_SPOTS_N, N_("spots: %d")) \
X(T_NO_MARKETS_SEL, N_("Choose a market first.")) \
X(T_FU_TITLE, N_("Follow-up: ")) \
X(T_FU_KEYS, N_("p fixed (close)  f not fixed  t note  Enter/Tab to the walk  Esc back")) \
X(T_FU_FIXED, N_("fixed")) \
X(T_FU_NOT_FIXED, N_("NOT fixed")) \
X(T_FU_TODO, N_("to check")) \
X(T_OVERDUE_WORD, N_("overdue")) \
X(T_WHOLE_MARKET, NC_("whole market", "market")) \
X(T_FU_NOTE_SET, N_("Note kept: it is saved with the mark")) \
X(T_REP, N_("rep")) \
X(T_FU_DONE, N_("saved; takes effect when finalized")) \
X(T_FU_OPEN, N_("open rectifications")) \
X(T_FU_CHECKED, N_("checked")) \
X(T_FU_NONE, N_("This market has no open rectifications.")) \
X(T_FU_MARK_PENDING, N_("pending")) \
X(T_RL_TITLE, N_("Rectifications")) \
X(T_RL_KEYS, N_("/ cycle: open overdue closed all  Esc back")) \
X(T_RL_EMPTY, N_("No rectifications match.")) \
X(T_RL_OPEN, N_("open")) \
X(T_RL_CLOSED, N_("closed")) \
X(T_RL_ALL, N_("all")) \
X(T_SY_TITLE, N_("Sync")) \
X(T_SY_NOFOLDER, N_("No sync folder: set sync_folder in [data] of stallcheck.ini")) \
X(T_SY_FOLDER, N_("Sync folder")) \
X(T_SY_FOLDER_BAD, N_("Not a folder that can be used: ")) \
X(T_SY_FOLDER_SET, N_("Using this folder for now; to keep it, set sync_folder in [data] of stallcheck.ini")) \
X(T_SY_NEVER, NC_("sync", "never")) \
X(T_SY_KEYS, N_("Enter sync now  Esc back")) \
X(T_SY_PROBLEMS, N_("Needs attention:")) \
X(T_SY_NOTHING, N_("Nothing needs attention.")) \
X(T_SY_W, N_("sent")) \
X(T_SY_I, N_("imported")) \
X(T_SY_Q, N_("QUARANTINED")) \
X(T_SY_WAIT, NC_("sync", "waiting")) \
X(T_SY_CONFLICT, N_("conflict")) \
X(T_SY_DEVICES, N_("Bundle formats of the trusted devices:")) \
X(T_SY_NO_BUNDLE, N_("no bundle read yet")) \
X(T_RV_TITLE, N_("Review %s  records: %d  sort:%s%s  %s")) \
X(T_RV_KEYS, N_("a approve  r return  Enter open  Left/Right day  D dates  o/O sort  / filter  b band  c critical  g glance  Esc")) /* the deciding keys first: a narrow terminal cuts the end */ \
X(T_RV_EMPTY, N_("No inspections in this period.")) \
X(T_RV_DAYS_BAD, N_("Dates are YYYY-MM-DD, the first not after the last.")) \
X(T_RV_DETAIL_KEYS, N_("Tab next stall  Enter open stall  a approve  r return  Esc back")) \
X(T_RV_STALL_KEYS, N_("Esc back")) \
X(T_RV_GLANCE_KEYS, N_("At a glance (the same figures as the meeting export)  any key: back")) \
X(T_RV_MARKET_ITEMS, N_("Market-wide items")) \
X(T_RV_STALLS, N_("Stalls")) \
X(T_RV_PREV, N_("Previous %s  score %s %s")) \
X(T_RV_NOPREV, N_("No previous inspection")) \
X(T_RV_NOT_FINAL, N_("Only a final record can be approved or returned: this one is %s.")) \
X(T_RV_OWN, N_("You (%s) inspected or amended this record: nobody reviews their own; another reviewer must.")) \
X(T_RV_LAST_RETURN, N_("Returned by %s (%s): %s")) \
X(T_RV_LAST_APPROVE, N_("Approved by %s (%s) %s")) \
X(T_RV_CHANGES, N_("Against the previous: %d better, %d worse")) \
X(T_RV_APPROVE_Q, N_("Approve the record of %s? y/n")) \
X(T_RV_RETURN_T, N_("Return to the inspector")) \
X(T_RV_REASON, N_("Reason")) \
X(T_RV_APPROVED, N_("Approved")) \
X(T_RV_RETURNED, N_("Returned")) \
X(T_RV_DAYS_T, N_("Dates (YYYY-MM-DD)")) \
X(T_RV_TO, N_("To (may be empty)")) \
X(T_RV_FILTER_T, N_("Filter (empty = all)")) \
X(T_RV_SEARCH, N_("Market / stall / vendor")) \
X(T_RV_INSPECTOR, N_("Inspector")) \
X(T_RV_STATUS, N_("Status")) \
X(T_RV_BAD_STATUS, N_("No status '%s' (draft, final, approved, returned, amended)"))

enum text_id {
#define TX_ENUM(id, msg) id,
	TEXT_TABLE(TX_ENUM)
#undef TX_ENUM
	T_COUNT
};

/* A row's message, { ctx or NULL, "s" }: a row macro pastes TEXT_MSG_##m
 * onto its N_("s") or NC_("ctx", "s") (## pastes the mark's name before it
 * is expanded), xgettext reading the mark inside. The key help
 * (actions.h) keeps its rows the same way. */
struct text_msg {
	const char *ctx, *msgid;
};
#define TEXT_MSG_N_(s) { NULL, s }
#define TEXT_MSG_NC_(c, s) { c, s }

/* The string in the current language (static). */
const char *tx(int id);
/* snprintf with the string as format; returns out. */
char *txf(char *out, size_t outsz, int id, ...);

/* Display name of an inspection status code, of a verdict (enum verdict). */
const char *text_status(const char *st);
const char *text_verdict(int v);
/* The answer as the template labels it ([labels]), else text_verdict. */
const char *text_answer(const struct checklist *cl, int v);

#endif
