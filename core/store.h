/* store: the records of inspections, read and written through db.
 * Every write validates its input first (clear message, nothing changed)
 * and runs in its own transaction, so an answer reported saved is on disk.
 * Lists are malloc'd arrays the caller frees with free(). */
#ifndef SC_STORE_H
#define SC_STORE_H

#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"
#include "score.h"
#include "uuid.h"

struct seal_buf;

#define STORE_NOTE_CHARS 1000 /* a note: at most this many characters, */
#define STORE_NOTE_MAX 4004   /* bytes, so any 1000 (up to 4 bytes each) fit */
#define STORE_NAME_MAX 128

struct market_rec {
	int64_t id;
	char uuid[UUID_STR];
	char code[32];
	char name[STORE_NAME_MAX];
	char district[64];
	char address[256];
	int active;
};

struct stall_rec {
	int64_t id;
	char uuid[UUID_STR];
	int64_t market_id;
	char code[32];
	char vendor[STORE_NAME_MAX];
	char type[24];            /* stall type code from the template */
	int active;
};

struct inspection_rec {
	int64_t id;
	char uuid[UUID_STR];
	int64_t market_id;
	int64_t template_id;
	char inspector[STORE_NAME_MAX];
	char device[UUID_STR];
	char day[CLOCK_DAY];
	char started_at[CLOCK_TS];
	char finished_at[CLOCK_TS];
	char status[12];          /* draft final approved returned amended */
	char amends_uuid[UUID_STR];
	double score;             /* -1: none */
	int band;                 /* enum band: the class of the band */
	char grade[CL_ID_MAX + 8];/* the template's named band ([band.X]), "" for the default three */
	int critical_fails;
	int stalls_done;
	int64_t cursor_visit;     /* 0: market-wide items */
	char cursor_item[CL_ID_MAX];
};

struct visit_rec {
	int64_t id;
	char uuid[UUID_STR];
	int64_t stall_id;
	int seq;
	double score;             /* -1: none */
	int band;                 /* enum band (class) */
	char grade[CL_ID_MAX + 8];/* named band, as for an inspection */
	int critical_fails;
	int done;
	/* the stall as inspected, frozen when the visit was written (scoring
	 * uses this type; a later change in the registry changes no record) */
	char stall_code[32];
	char stall_vendor[STORE_NAME_MAX];
	char stall_type[32];
};

struct answer_rec {
	int64_t visit_id;         /* 0: market-wide */
	char item_id[CL_ID_MAX];
	int verdict;              /* enum verdict */
	double earned;            /* points earned (0 for na / not observed) */
	double possible;
	int critical;             /* a fail here counts as critical */
	int spots;
	char note[STORE_NOTE_MAX];
	char answered_at[CLOCK_TS];
};

/* This database's device id (created and stored on first use). */
int store_device_id(struct db *db, char out[UUID_STR], struct sc_err *err);

/* Append to the hash-chained audit log. */
int store_audit(struct db *db, const char *actor, const char *action,
		const char *subject, const char *detail, struct sc_err *err);

/* Check user text: valid UTF-8, no control characters (newlines allowed
 * when multiline), at most max bytes. field names it in the message. */
int store_check_text(const char *field, const char *s, size_t max, int multiline,
		     struct sc_err *err);

/* Check a note (answer, review reason, rectification): multiline text of
 * at most STORE_NOTE_CHARS characters. */
int store_check_note(const char *field, const char *s, struct sc_err *err);

/* Check a person's name a record will carry (inspector, reviewer, actor):
 * store_check_text, and never empty or blank: no record without a name. */
int store_check_name(const char *field, const char *s, struct sc_err *err);

/* --- templates --- */
/* Pin the exact text of a template (by SHA-256 of body; cl->hash must be
 * that hash). Returns its row id in *id (existing or new). */
int store_template_pin(struct db *db, const struct checklist *cl, const char *body,
		       int64_t *id, struct sc_err *err);
/* The pinned text (malloc'd, caller frees). */
int store_template_body(struct db *db, int64_t id, char **body, struct sc_err *err);

/* --- registry --- */
/* Add a market: name required; fills m->id and m->uuid. */
int store_market_add(struct db *db, struct market_rec *m, struct sc_err *err);
int store_market_update(struct db *db, const struct market_rec *m, struct sc_err *err);
int store_market_get(struct db *db, int64_t id, struct market_rec *m, struct sc_err *err);
int store_market_list(struct db *db, struct market_rec **out, int *n, struct sc_err *err);

/* Add a stall; the code must be new in its market (SC_ERR_CONFLICT) and
 * the type known to cl (SC_ERR_INVALID). */
int store_stall_add(struct db *db, const struct checklist *cl, struct stall_rec *s,
		    struct sc_err *err);
int store_stall_update(struct db *db, const struct checklist *cl,
		       const struct stall_rec *s, struct sc_err *err);
int store_stall_get(struct db *db, int64_t id, struct stall_rec *s, struct sc_err *err);
/* Stalls of a market ordered by code; inactive ones only when asked. */
int store_stall_list(struct db *db, int64_t market_id, int include_inactive,
		     struct stall_rec **out, int *n, struct sc_err *err);

/* --- inspections --- */
/* An inspection status (draft, final, approved, returned, amended) as a
 * person reads it in lang; an unknown one as it is. */
const char *status_label(const char *status, int lang);
/* The status code of a code or of its word in either language; NULL if none. */
const char *status_code(const char *word);

/* Start a draft inspection now, by inspector, with a pinned template.
 * amends (may be NULL) is the uuid of the final or returned record it
 * corrects; refused when that record already has an amendment. An
 * amendment keeps that record's inspector; who made it (inspector here)
 * is in the audit log as "inspection.amend". */
int store_inspection_start(struct db *db, int64_t market_id, int64_t template_id,
			   const char *inspector, const char *amends,
			   struct inspection_rec *out, struct sc_err *err);
int store_inspection_get(struct db *db, int64_t id, struct inspection_rec *r,
			 struct sc_err *err);
int store_inspection_by_uuid(struct db *db, const char *uuid,
			     struct inspection_rec *r, struct sc_err *err);
/* Delete draft id when nothing was given in it (no answer, no follow-up
 * mark): leaving a new inspection at once must not leave a record behind.
 * *discarded says whether it went; a draft in use stays. */
int store_inspection_discard_empty(struct db *db, int64_t id, int *discarded, struct sc_err *err);
/* The newest inspection that amends uuid; SC_ERR_NOTFOUND when none. */
int store_inspection_amendment(struct db *db, const char *uuid, struct inspection_rec *r,
			       struct sc_err *err);
/* The columns of an inspection (table alias i) in the order
 * store_inspection_row reads them from column 0; for queries that join. */
#define STORE_INSPECTION_COLS \
	"i.id, i.uuid, i.market_id, i.template_id, i.inspector, i.device, i.day, i.started_at," \
	" coalesce(i.finished_at, ''), i.status, coalesce(i.amends_uuid, ''), coalesce(i.score, -1)," \
	" i.band, i.critical_fails, i.stalls_done, coalesce(i.cursor_visit, 0)," \
	" coalesce(i.cursor_item, ''), coalesce(i.grade, '')"
#define STORE_INSPECTION_NCOLS 18
void store_inspection_row(sqlite3_stmt *st, void *elem); /* elem: struct inspection_rec */
/* Drafts of this device, newest first (for resume). */
int store_inspection_drafts(struct db *db, struct inspection_rec **out, int *n,
			    struct sc_err *err);

/* Add a stall to the walk (or return the existing visit): the visit
 * freezes the stall's code, vendor and type as the registry has them now. */
int store_visit_add(struct db *db, int64_t inspection_id, int64_t stall_id,
		    struct visit_rec *out, struct sc_err *err);
/* The same stall as visit `from` of another inspection, frozen as it was
 * there (an amendment corrects the same visit). */
int store_visit_copy(struct db *db, int64_t inspection_id, const struct visit_rec *from,
		     struct visit_rec *out, struct sc_err *err);
int store_visit_list(struct db *db, int64_t inspection_id, struct visit_rec **out,
		     int *n, struct sc_err *err);

/* Save one answer in its own transaction (one commit, one fsync):
 * validated against the item (see score_normalize), note checked, the
 * stall's visit marked done when every item that applies to it is
 * answered, and the resume cursor moved to it. visit_id 0 = market-wide
 * item; stall_type = template type index or -1, which must be the type the
 * visit was frozen with (SC_ERR_STATE otherwise: the stall's type changed
 * in the registry since the walk reached it). Refused (SC_ERR_STATE)
 * unless the inspection is a draft. */
int store_answer_save(struct db *db, const struct checklist *cl, int64_t inspection_id,
		      int64_t visit_id, int stall_type, const char *item_id,
		      int verdict, int points, int spots, const char *note,
		      struct sc_err *err);
/* The walk's save: the same, with the resume cursor moved to cursor_item
 * of the same place instead (the walk advancing to the next item; NULL:
 * the item), and the answer it replaces kept in the draft's undo history
 * (when it changes it; at most STORE_UNDO_MAX), in the same transaction. */
int store_answer_save_at(struct db *db, const struct checklist *cl, int64_t inspection_id,
			 int64_t visit_id, int stall_type, const char *item_id,
			 int verdict, int points, int spots, const char *note,
			 const char *cursor_item, struct sc_err *err);
/* Undo the walk's last save of draft inspection_id (store_answer_save_at,
 * kept in the database: it survives a restart): the answer it replaced
 * back, or none, in one transaction; *visit_id (0: market-wide) and
 * item_id say where. SC_ERR_NOTFOUND when there is nothing to undo. The
 * history is cleared at finalize. */
#define STORE_UNDO_MAX 64
int store_undo(struct db *db, const struct checklist *cl, int64_t inspection_id,
	       int64_t *visit_id, char item_id[CL_ID_MAX], struct sc_err *err);
/* Remove an answer (undo of a first answer): its visit is no longer done,
 * and the resume cursor is on the item, in one transaction. */
int store_answer_delete(struct db *db, int64_t inspection_id, int64_t visit_id,
			const char *item_id, struct sc_err *err);
/* Answers of an inspection: visit_id > 0 one stall, 0 market-wide, -1 all. */
int store_answer_list(struct db *db, int64_t inspection_id, int64_t visit_id,
		      struct answer_rec **out, int *n, struct sc_err *err);
/* Move the resume cursor without answering. */
int store_cursor_set(struct db *db, int64_t inspection_id, int64_t visit_id,
		     const char *item_id, struct sc_err *err);

/* Score an inspection from the database (any status). stalls (may be NULL)
 * receives per-visit scores in visit order; caller frees. */
int store_inspection_score(struct db *db, const struct checklist *cl,
			   int64_t inspection_id, struct market_score *ms,
			   struct stall_score **stalls, int *nstalls, struct sc_err *err);

/* The walk's running score: every place's score kept, so a saved answer
 * rescores its own place only, from the answers the screen reloads anyway
 * (store_walk_score_place), instead of the whole inspection. The market
 * score is combined from the kept parts exactly as store_inspection_score
 * combines them: the results are the same. */
struct store_walk_score {
	int64_t inspection_id;
	struct market_score ms;
	struct score_part mw;     /* market-wide items */
	struct stall_score *ss;   /* per visit, in store_visit_list order */
	struct walk_place {
		int64_t visit_id;
		int type;             /* as the visit froze it */
		int done;
	} *place;                 /* the visits, same order */
	int nv, visits_done;
};
/* Score every place of the inspection (w is freed first; zero it once). */
int store_walk_score_load(struct db *db, const struct checklist *cl, int64_t inspection_id,
			  struct store_walk_score *w, struct sc_err *err);
/* Rescore place visit_id (0: market-wide) from all its answers a (as
 * store_answer_list gives them for that place) and read its done flag; a
 * visit not held yet (added since) loads everything again. */
int store_walk_score_place(struct db *db, const struct checklist *cl, int64_t inspection_id,
			   int64_t visit_id, const struct answer_rec *a, int na,
			   struct store_walk_score *w, struct sc_err *err);
void store_walk_score_free(struct store_walk_score *w);

/* An item not answered yet. */
struct store_gap {
	int64_t visit_id;         /* 0: market-wide */
	char stall_code[32];      /* as the visit froze it; "" market-wide */
	int item;                 /* index into cl->items */
	int critical;             /* a fail would be critical here */
};

/* The items not answered yet, as finalize sees them: every market-wide item,
 * and at each stall with an answer every item that applies to its type, in
 * walking order (market-wide first). *ncritical counts the critical ones
 * (may be NULL). Caller frees *out. */
int store_unanswered(struct db *db, const struct checklist *cl, int64_t inspection_id,
		     struct store_gap **out, int *n, int *ncritical, struct sc_err *err);

/* Finalize: score, store visit and inspection scores, status final,
 * register rectifications (rectify_register) and seal (seal_inspection),
 * all in one transaction; an amendment marks what it amends 'amended'.
 * Refused (SC_ERR_STATE, naming them) while a critical item is unanswered,
 * unless the template sets [scoring] allow_unanswered_critical = yes: an
 * unanswered item counts as n/a, so it would skip its veto. */
int store_inspection_finalize(struct db *db, const struct checklist *cl,
			      int64_t inspection_id, const char *actor,
			      struct market_score *out, struct sc_err *err);

/* The scores of an inspection its writer computed from the answers it just
 * wrote (the demo's bulk fill), in memory: every item of every place
 * answered, the visits in store_visit_list order. */
struct rect_failed;
struct store_scored {
	struct market_score ms;
	const struct stall_score *ss;
	const int64_t *visit;     /* the visits' ids, same order */
	int nv;
	/* the answers part of the seal as written (seal_inspection_rows), or NULL */
	const struct seal_buf *answer_rows;
	/* the failed answers as written (rectify_register), or NULL */
	const struct rect_failed *failed;
	int nfailed;
};
/* Finalize with those scores: nothing read back to score or to look for
 * unanswered items. A visit without answers (finalize drops it) falls back
 * to store_inspection_finalize's own scoring. */
int store_inspection_finalize_scored(struct db *db, const struct checklist *cl,
				     int64_t inspection_id, const char *actor,
				     const struct store_scored *sc, struct market_score *out,
				     struct sc_err *err);

/* One answer as stored (earned < 0: none) as scoring input, as finalize
 * reads it back. */
void store_answer_sc(const struct checklist *cl, int item, int verdict, double earned, int spots,
		     struct sc_answer *o);

#endif
