/* rectify: problems found, registered with a deadline (挂号) and closed by a
 * follow-up visit (销号); repeat findings linked to earlier ones.
 *
 * Rules (see docs/rectification.md):
 * - every failed answer of a finalized inspection registers one
 *   rectification, deadline = inspection day + the item's deadline_days;
 * - a finding at the same market + stall (or market-wide) + item as an
 *   earlier rectification that is open, or was closed at most
 *   RECTIFY_REPEAT_DAYS before, is a repeat: repeat_of = earlier uuid,
 *   repeats = earlier repeats + 1; an earlier one still open is carried
 *   into the new one (superseded_by, a 'repeat' event) so one problem is
 *   never listed open twice;
 * - an amendment's rectifications supersede those of the record it amends;
 * - state changes are append-only rect_events. */
#ifndef SC_RECTIFY_H
#define SC_RECTIFY_H

#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"
#include "store.h"
#include "uuid.h"

#define RECTIFY_REPEAT_DAYS 30

struct rect_rec {
	int64_t id;
	char uuid[UUID_STR];
	int64_t inspection_id;     /* the inspection that found it */
	int64_t market_id;
	int64_t stall_id;          /* 0: market-wide */
	char stall_code[32];
	char area[24];
	char item_id[16];
	char category[24];
	int critical;
	char finding[256];
	int spots;
	char note[STORE_NOTE_MAX]; /* the answer's note, as long as the walk takes */
	char opened_day[CLOCK_DAY];
	char deadline[CLOCK_DAY];
	char status[8];            /* open | closed */
	char closed_day[CLOCK_DAY];
	int repeats;
	/* filled by rectify_list / rectify_open_for_market */
	char market_name[128];
	char inspector[128];       /* who found it */
	char inspection_uuid[UUID_STR];
	char repeat_of[UUID_STR];
	char finding_en[256];
	char area_name[64];        /* zh name of the market area ("" for stalls) */
	char area_name_en[64];
	char vendor[128];
	char superseded_by[UUID_STR];
	int overdue;               /* open and deadline < as_of (list only) */
};

/* One failed answer of an inspection to register. */
struct rect_failed {
	int64_t stall_id;          /* 0: market-wide */
	char item_id[CL_ID_MAX];
	int critical;
	int spots;
	char note[STORE_NOTE_MAX];
};

/* Register a rectification for every failed item of a just-finalized
 * inspection (called inside store_inspection_finalize's transaction).
 * failed: its failed answers as their writer has them (the demo), in the
 * order of the database's (market-wide first, then by visit seq, each in
 * the order written); NULL: read from the database. */
int rectify_register(struct db *db, const struct checklist *cl, int64_t inspection_id,
		     const struct rect_failed *failed, int nfailed, struct sc_err *err);

/* Open rectifications of a market, oldest deadline first (for the
 * follow-up walk, 回头看). Caller frees *out. */
int rectify_open_for_market(struct db *db, int64_t market_id, struct rect_rec **out,
			    int *n, struct sc_err *err);

/* How inspection_id marked rect_id in its follow-up, if it did. */
enum { RECT_MARK_NONE = 0, RECT_MARK_FIXED = 1, RECT_MARK_NOT_FIXED = 2 };
int rectify_mark(struct db *db, int64_t rect_id, int64_t inspection_id, int *mark, struct sc_err *err);

/* Record a follow-up finding during (draft) inspection `inspection_id` of
 * the same market, as a rect_event. It takes effect when the inspection is
 * finalized (rectify_apply_followups): until then the rectification is
 * unchanged, and a draft never finalized changes nothing. Marking again in
 * the same inspection replaces the mark (the last one counts). */
int rectify_followup(struct db *db, int64_t rect_id, int64_t inspection_id, int fixed,
		     const char *note, const char *actor, struct sc_err *err);

/* Seal the follow-ups of a just-finalized inspection (inside
 * store_inspection_finalize's transaction, before rectify_register): its
 * last mark of each rectification still open closes it (fixed: 销号,
 * closed_by, closed_day = its day) or counts a repeat (not fixed). */
int rectify_apply_followups(struct db *db, int64_t inspection_id, struct sc_err *err);

enum rect_state { RECT_ALL = 0, RECT_OPEN, RECT_OVERDUE, RECT_CLOSED };

struct rect_filter {
	int state;                 /* enum rect_state */
	int64_t market_id;         /* 0: any */
	const char *inspector;     /* who found it; NULL/"": any */
	const char *category;      /* category code; NULL/"": any */
	char as_of[CLOCK_DAY];     /* "" = today; overdue = open && deadline < as_of */
	int64_t inspection_id;     /* 0: any; else only those found by it */
	int with_superseded;       /* also those carried into a repeat or dropped */
	char due_by[CLOCK_DAY];    /* "" any; else only deadlines on or before it */
};

/* The rule of which rectifications count, as SQL over alias r: the day it
 * stops counting. '9999-12-31' while current; the opening day of the repeat
 * it was carried into; '0' (never counted) when an amendment dropped it.
 * It counts on day D when this is later than D. Shared by rectify_list,
 * the summary and the counts below. */
#define RECTIFY_UNTIL_SQL(r)                                                          \
	"(CASE WHEN " r ".superseded_by IS NULL THEN '9999-12-31' ELSE coalesce("        \
	"(SELECT opened_day FROM rectification WHERE uuid = " r ".superseded_by), '0') END)"

/* Now: the current open rectifications, and those of them past their
 * deadline on `day` (each from the index alone). */
int rectify_count_open(struct db *db, const char *day, int *overdue, int *open,
		       struct sc_err *err);

/* Rectifications matching f (superseded ones never), ordered by market,
 * deadline, stall, item. Caller frees *out. */
int rectify_list(struct db *db, const struct rect_filter *f, struct rect_rec **out, int *n,
		 struct sc_err *err);

/* A rectification's state as people read it: open, overdue (an open one
 * past its deadline) or closed, in lang. */
const char *rectify_state_label(const char *status, int overdue, int lang);

/* Find one by uuid: a unique start or end of it, at least 8 characters,
 * is enough. Lists show the end, RECT_SHORT_ID characters (the random
 * part; the start is the creation time, shared by one inspection's). */
#define RECT_SHORT_ID 12
int rectify_by_uuid(struct db *db, const char *uuid, struct rect_rec *r, struct sc_err *err);

struct rect_repeat_count {
	int64_t market_id;
	int64_t stall_id;          /* 0: the market as a whole (all its findings) */
	char stall_code[32];
	int rectifications;        /* current (not superseded) ones */
	int repeats;               /* sum of their repeat counts */
};

/* Repeat counts per stall (rows with stall_id > 0, market-wide findings
 * under stall_id -1) and per market (stall_id 0), for one market or all
 * (market_id 0); only rows with repeats > 0. Caller frees *out. */
int rectify_repeat_counts(struct db *db, int64_t market_id, struct rect_repeat_count **out,
			  int *n, struct sc_err *err);

#endif
