/* review: what a supervisor needs to look at a day's records and decide on
 * them. The day's list (filtered, searched, sorted), the drill-down from an
 * inspection to its stalls to a stall's answers (with the previous
 * inspection of the same market / stall beside it), and the decisions
 * approve / return, each recorded in one transaction (review row, status,
 * audit entry). Every query goes through an index (tests/test_review.c
 * checks EXPLAIN QUERY PLAN of each one from review_queries()). */
#ifndef SC_REVIEW_H
#define SC_REVIEW_H

#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"
#include "store.h"
#include "uuid.h"

/* Columns of the day's list (sort keys, table headers). */
enum review_col {
	RCOL_DAY = 0, RCOL_MARKET, RCOL_DISTRICT, RCOL_INSPECTOR, RCOL_TIME, RCOL_STALLS,
	RCOL_SCORE, RCOL_BAND, RCOL_CRITICAL, RCOL_STATUS, RCOL_COUNT
};

/* "day", "market", "district", "inspector", "time", "stalls", "score",
 * "band", "critical", "status" (static). */
const char *review_col_name(int col);
/* Column from its name, or -1. */
int review_col_from_name(const char *s);
/* The column as a person reads it in lang (the sort label). */
const char *review_col_label(int col, int lang);

struct review_filter {
	char from[CLOCK_DAY];         /* first day (required) */
	char to[CLOCK_DAY];           /* last day; "" = from */
	int64_t market_id;            /* 0: any */
	char district[64];            /* "": any */
	char inspector[STORE_NAME_MAX]; /* "": any */
	char status[12];              /* "": any */
	char band[8];                 /* band code good/pass/fail/none, "": any */
	int critical_only;            /* only records with critical failures */
	char search[128];             /* market name/code, stall code or vendor */
	int sort;                     /* enum review_col */
	int desc;                     /* descending */
};

/* Fill defaults: everything "any", sorted by time, for the day `day`. */
void review_filter_init(struct review_filter *f, const char *day);

struct review_row {
	int64_t id;
	char uuid[UUID_STR];
	char day[CLOCK_DAY];
	int64_t market_id;
	char market[STORE_NAME_MAX];
	char district[64];
	char inspector[STORE_NAME_MAX];
	char started_at[CLOCK_TS];
	int stalls;                   /* stalls visited */
	double score;                 /* -1: none */
	int band;                     /* enum band */
	int critical_fails;
	char status[12];
	char amends_uuid[UUID_STR];
	int64_t template_id;
	char grade[CL_ID_MAX + 8];    /* named band, "" for the default three */
};

/* Inspections matching f. *out is malloc'd (caller frees), *n rows. */
int review_list(struct db *db, const struct review_filter *f, struct review_row **out,
		int *n, struct sc_err *err);

/* One row of review_list by inspection id. */
int review_row_get(struct db *db, int64_t id, struct review_row *r, struct sc_err *err);

/* --- drill-down --- */

struct review_visit {
	int64_t id;
	int64_t stall_id;
	char code[32];
	char vendor[STORE_NAME_MAX];
	char type[24];
	int seq;
	double score;                 /* -1: none */
	int band;
	int critical_fails;
	int fails;                    /* failed answers */
	int done;
	char grade[CL_ID_MAX + 8];    /* named band, "" for the default three */
	double earned, possible;      /* over its scored answers: the stall's ratio */
};

/* The stalls of an inspection in walking order. *out malloc'd, caller frees. */
int review_visits(struct db *db, int64_t inspection_id, struct review_visit **out,
		  int *n, struct sc_err *err);

enum review_change { CHG_NONE = 0, CHG_BETTER = 1, CHG_WORSE = 2, CHG_SAME = 3 };

struct review_item {
	int item;                     /* index in the checklist, -1: unknown item */
	char item_id[CL_ID_MAX];
	int area;                     /* template area (market items), -1 otherwise */
	int verdict;                  /* enum verdict */
	double earned, possible;
	int failed;                   /* the answer found a problem */
	int critical;                 /* ... and it is a critical failure */
	int spots;
	char note[STORE_NOTE_MAX];
	int prev_verdict;             /* in the previous inspection, V_NONE: none */
	double prev_earned;
	int change;                   /* enum review_change */
};

/* The answers of one place of an inspection: visit_id > 0 a stall, 0 the
 * market-wide items (ordered by template area, then template order; stall
 * answers in template order). With prev_ins > 0 each item is compared with
 * the answer in prev_ins / prev_visit (same convention). cl is the
 * template the inspection was made with. *out malloc'd, caller frees. */
int review_items(struct db *db, const struct checklist *cl, int64_t inspection_id,
		 int64_t visit_id, int64_t prev_ins, int64_t prev_visit,
		 struct review_item **out, int *n, struct sc_err *err);

/* Records done with (review compares with them and lists them). */
#define REVIEW_DONE_STATUS "('final', 'approved', 'returned')"
/* The previous inspection of market ?1: done, earlier than (day ?2,
 * started_at ?3, id ?4), not ?4 itself nor the record ?5 amends (uuid).
 * The benchmark's floor runs this same text, as it does the next one. */
#define REVIEW_PREV_INS_SQL \
	"SELECT id FROM inspection WHERE market_id = ?1 AND status IN " REVIEW_DONE_STATUS \
	" AND (day < ?2 OR (day = ?2 AND (started_at < ?3 OR (started_at = ?3 AND id < ?4))))" \
	" AND id <> ?4 AND uuid <> ?5" \
	" ORDER BY day DESC, started_at DESC, id DESC LIMIT 1"
/* The previous visit of stall ?1 by the same rules: inspection id, visit id. */
#define REVIEW_PREV_VISIT_SQL \
	"SELECT visit.inspection_id, visit.id FROM visit" \
	" JOIN inspection ON inspection.id = visit.inspection_id" \
	" WHERE visit.stall_id = ?1 AND inspection.status IN " REVIEW_DONE_STATUS \
	" AND (inspection.day < ?2 OR (inspection.day = ?2 AND (inspection.started_at < ?3" \
	"  OR (inspection.started_at = ?3 AND inspection.id < ?4))))" \
	" AND inspection.id <> ?4 AND inspection.uuid <> ?5" \
	" ORDER BY inspection.day DESC, inspection.started_at DESC, inspection.id DESC LIMIT 1"

/* The previous inspection of the same market (not a draft, not superseded
 * by an amendment, earlier day or earlier start). SC_ERR_NOTFOUND: none. */
int review_prev_inspection(struct db *db, const struct inspection_rec *r,
			   struct inspection_rec *prev, struct sc_err *err);

/* The previous visit of a stall before inspection r (same rules): its
 * inspection id and visit id. SC_ERR_NOTFOUND: none. */
int review_prev_visit(struct db *db, const struct inspection_rec *r, int64_t stall_id,
		      int64_t *prev_ins, int64_t *prev_visit, struct sc_err *err);

/* Count what got better and worse in items[]. */
void review_changes(const struct review_item *items, int n, int *better, int *worse);

/* --- decisions --- */

enum review_decision { REVIEW_APPROVE = 0, REVIEW_RETURN = 1 };

/* Approve or return the inspection with this uuid. Only a 'final' record
 * can be decided (a returned one comes back as a new final amendment);
 * a return needs a non-empty reason. Writes the review row, the status and
 * the audit entry in one transaction. Nobody reviews their own record:
 * refused when review_own. SC_ERR_STATE / SC_ERR_INVALID with a message
 * when refused; nothing changes then. */
int review_decide(struct db *db, const char *uuid, int decision, const char *reason,
		  const char *reviewer, struct sc_err *err);

/* Is reviewer the record's inspector, or (as this database's audit log
 * says) the one who amended it? Then they may not approve or return it. */
int review_own(struct db *db, const struct inspection_rec *r, const char *reviewer);
/* The same for the record with this uuid (0 when there is none): for a
 * caller to word the refusal in its language. */
int review_own_uuid(struct db *db, const char *uuid, const char *reviewer);

/* The latest decision on an inspection, for its inspector to read (a
 * returned record says why). SC_ERR_NOTFOUND when it has none. */
struct review_note {
	int decision;                 /* enum review_decision */
	char reason[STORE_NOTE_MAX];
	char reviewer[STORE_NAME_MAX];
	char at[CLOCK_TS];
};
int review_last(struct db *db, int64_t inspection_id, struct review_note *out, struct sc_err *err);

/* --- the day at a glance --- */
struct summary;
/* Write the glance of a summary (core/summary.h, built by the caller with
 * summary_build over the day or range) as lines of text in lang into out:
 * markets visited, stalls inspected, mean score, band distribution,
 * critical failures, the `top` most failed items, rectifications opened,
 * closed and overdue. The figures are the summary's own, so they match the
 * meeting export. Returns the number of bytes written (cut at outsz). */
size_t review_glance_text(const struct summary *s, int lang, int top, char *out,
			  size_t outsz);

/* --- for the EXPLAIN QUERY PLAN test --- */
/* The SQL of every query this module runs (static strings, NULL-ended).
 * The list query appears once per sort column. */
const char *const *review_queries(void);

#endif
