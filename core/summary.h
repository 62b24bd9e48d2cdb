/* summary: the one summary model for a period, computed in core and shared
 * by the exports (report_*.c) and the review's "day at a glance".
 *
 * Records counted: the latest record of each correction chain, i.e. every
 * inspection whose status is final, approved or returned ('draft' and
 * 'amended' are left out). Days are local calendar days, [from, to]
 * inclusive. Every list comes out in a fixed order (ties broken by name,
 * then id) so the same database gives the same summary.
 *
 * Category of an answer: a property of the template item. Core does not
 * read templates, so the caller passes a lookup `tpl` that returns the
 * parsed checklist of a pinned template row id (template.id), or NULL when
 * it cannot (then the answers of that template count under category "?").
 * The returned checklist must stay valid until summary_build returns.
 *
 * All text in the summary is valid UTF-8: invalid bytes and control
 * characters (other than tab and newline) read from the database are
 * replaced by U+FFFD, so no writer can produce a file that will not open. */
#ifndef SC_SUMMARY_H
#define SC_SUMMARY_H

#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"
#include "score.h"
#include "uuid.h"

typedef const struct checklist *(*summary_tpl_fn)(int64_t template_id, void *ctx);

/* Progress of long work: done of total units (inspections). */
typedef void (*summary_progress_fn)(int done, int total, void *ctx);

struct summary_scope {
	const int64_t *markets;    /* market row ids, or NULL: all */
	int nmarkets;
	const char *district;      /* NULL or "": all */
};

struct sum_totals {                /* one period, for the comparison */
	int inspections;
	double mean;               /* mean inspection score, -1: none */
	int fails;                 /* failed answers */
	int critical;              /* critical failures */
};

struct sum_category {
	char code[32];
	char *name[LANG_COUNT];    /* owned */
	double earned, possible;   /* over all markets */
	int fails;
};

struct sum_market {
	int64_t id;
	char uuid[UUID_STR];
	char *name, *district;     /* owned */
	int inspections;
	int stalls;                /* visits (stalls inspected) */
	double score;              /* mean of its inspection scores, -1: none */
	int band;                  /* enum band of that mean, fail after any critical failure */
	int grade;                 /* that band's row of summary.grades, -1: none */
	int fails, critical;
	double *cat_earned, *cat_possible; /* [ncategories], owned */
	int *cat_fails;
	/* the previous period (summary.prev_from..prev_to), for the market's page */
	double prev_score;         /* -1: no scored inspection then */
	int prev_rank;             /* 1-based among the scope's markets then, 0: none */
};

struct sum_inspection {
	int64_t id;
	char uuid[UUID_STR];
	int64_t template_id;
	int market;                /* index into summary.markets */
	char day[CLOCK_DAY];
	char status[12];
	char *inspector;           /* owned */
	char *tpl_id, *tpl_version; /* owned */
	double score;              /* -1: none */
	int band;
	char grade_code[CL_ID_MAX + 8]; /* as stored: a named band's code, "" for the default three */
	int grade;                 /* its band's row of summary.grades, -1: none */
	int critical;
	int stalls;
	int fails;
};

struct sum_critical {              /* one critical failure */
	int inspection;            /* index into summary.inspections */
	char stall_code[32];       /* "" for a market-wide item */
	char item_id[CL_ID_MAX];
	char *text[LANG_COUNT];    /* item text, owned */
	char *basis[LANG_COUNT];   /* the item's basis, owned ("" when none) */
	char *note;                /* owned */
};

struct sum_item {                  /* one item across markets */
	char item_id[CL_ID_MAX];
	char *text[LANG_COUNT];    /* owned */
	char *basis[LANG_COUNT];   /* owned ("" when none) */
	int category;              /* index into categories, -1 unknown */
	int answered;              /* answers pass or fail */
	int fails;
	double share;              /* fails / answered */
	int markets;               /* markets where it failed */
};
/* items come ranked by failure rate (share), then count, then id: an item
 * checked once a visit and failed 20% of the time comes before one checked
 * at every stall and failed 2% of the time, however many that is; but only
 * items checked at least SUMMARY_RATE_MIN times are ranked so (a rate of 1
 * from one check says nothing): the others follow, in the same order */
#define SUMMARY_RATE_MIN 5
#define summary_item_ranked(x) ((x)->answered >= SUMMARY_RATE_MIN)

struct sum_tally {                 /* failures under one severity tier or one basis */
	char *name[LANG_COUNT];    /* owned; "" for items without one */
	int fails;                 /* problems found on scored items */
	int critical;              /* of those, critical */
	int corrected;             /* of those, corrected on site */
};

struct sum_stall {                 /* one visit */
	int inspection;            /* index into summary.inspections */
	char stall_code[32];
	char stall_type[24];
	int type;                  /* index into summary.types */
	double score;              /* -1: none */
	int band;
	int grade;                 /* its band's row of summary.grades, -1: none */
	int critical;
};

struct sum_band {                  /* a band as the period's templates name it */
	char code[CL_ID_MAX + 8];  /* the grade of a named band ([band.X]), else good/pass/fail */
	char *name[LANG_COUNT];    /* owned */
	int n;                     /* inspections in it */
};

struct sum_rect {
	char uuid[UUID_STR];
	int market;                /* index into markets, -1 outside the list */
	char *market_name;         /* owned */
	char stall_code[32];
	char item_id[CL_ID_MAX];
	char category[32];
	int critical;
	char opened_day[CLOCK_DAY];
	char deadline[CLOCK_DAY];
	char status[8];
	char closed_day[CLOCK_DAY];
	int opened, closed, overdue; /* in the period / by its end (or today, if earlier) */
	int carried;               /* carried into a repeat by the period's end: not open any more */
	int listed;                /* opened, closed or overdue in the period: in the lists; else
				    * only still open (opened before, deadline to come): on the
				    * market's page */
	char *finding[LANG_COUNT]; /* the item's text, owned */
	char *note;                /* the inspector's note, owned */
	char area_name[LANG_COUNT][64]; /* market area of a market-wide item, "" for a stall */
};

struct sum_inspector {
	char *name;                /* owned */
	int inspections;
	double mean;               /* -1: none */
};

struct sum_day {                   /* trend inside the period */
	char day[CLOCK_DAY];
	int inspections;
	double mean;               /* -1: none */
};

struct summary {
	char from[CLOCK_DAY], to[CLOCK_DAY];
	char prev_from[CLOCK_DAY], prev_to[CLOCK_DAY];
	char *district;            /* scope, owned ("" = all) */
	int scoped_markets;        /* number of market ids in the scope (0 = all) */

	struct sum_totals cur, prev;
	int markets_visited;
	int stalls_inspected;      /* distinct stalls */
	int visits;
	int bands[BAND_COUNT];     /* inspections by band class */
	struct sum_band *grades; int ngrades; /* every band of the period's templates, each
					       * template's highest first, with its inspections */
	int answers;

	struct sum_category *categories; int ncategories;
	struct sum_market *markets;      int nmarkets;     /* ranked by score */
	struct sum_inspection *inspections; int ninspections; /* day, market, id */
	struct sum_critical *criticals;  int ncriticals;
	struct sum_item *items;          int nitems;       /* highest failure rate first */
	struct sum_tally *severities;    int nseverities;  /* failures by severity tier, most first */
	struct sum_tally *bases;         int nbases;       /* failures by basis, most first */
	struct sum_stall *stalls;        int nstalls;      /* all visits */
	struct sum_type { char code[24]; char *name[LANG_COUNT]; } *types; int ntypes; /* as named */
	int below_pass;                  /* visits with band fail */
	struct sum_rect *rects;          int nrects;
	int rect_opened, rect_closed, rect_overdue;
	struct sum_inspector *inspectors; int ninspectors; /* by name, in pinyin order (collate.h) */
	struct sum_day *days;            int ndays;

	/* what a reader needs to read the figures right */
	int pass_line, good_line;  /* the bands' lower bounds (the period's first template), 0: unknown */
	int period_days;           /* days in this period and in the previous one (the same) */
	int prev_days;             /* days of the previous period with an inspection (this one: ndays) */
	int prev_ranked;           /* markets with a score in the previous period */
	char *scope_names;         /* the scope's markets by name, joined by "、"; owned, "" = all */
	char rect_asof[CLOCK_DAY]; /* the day the rectification figures count to */
};

/* Compute the summary of [from, to] within scope (may be NULL). tpl is
 * required; progress may be NULL. On success *out is the caller's: free it
 * with summary_free. */
int summary_build(struct db *db, const char *from, const char *to,
		  const struct summary_scope *scope, summary_tpl_fn tpl, void *tpl_ctx,
		  summary_progress_fn progress, void *pctx,
		  struct summary **out, struct sc_err *err);

void summary_free(struct summary *s);

/* The name of a band in lang: its row of s->grades, else (-1) the class's. */
const char *summary_band_name(const struct summary *s, int grade, int band, int lang);

/* One answer of the period, as the long CSV wants it. Pointers are valid
 * only during the callback; text is valid UTF-8. */
struct sum_answer {
	const struct sum_inspection *insp;
	const struct sum_market *market;
	const char *stall_code, *stall_type; /* "" market-wide */
	const char *area;          /* area code of a market item, "" otherwise */
	const char *category;      /* category code, "?" unknown */
	const char *severity;      /* severity tier code, "" none */
	const char *basis[LANG_COUNT]; /* the item's basis, "" none */
	const char *item_id;
	const char *verdict;       /* pass fail na not_observed */
	int has_earned; double earned;
	int has_possible; double possible;
	int critical, spots;
	const char *note;
};

/* Walk every answer of the summarized inspections (in the summary's order,
 * then walking order, then item id) with one cursor per inspection: no
 * answer is kept in memory. cb returns nonzero to stop (that value is
 * returned). tpl as in summary_build. */
int summary_each_answer(struct db *db, const struct summary *s, summary_tpl_fn tpl,
			void *tpl_ctx, int (*cb)(const struct sum_answer *a, void *ctx),
			void *ctx, struct sc_err *err);

/* summary_build that also hands every answer to cb as it reads it, in
 * summary_each_answer's order: one read of the period serves the summary
 * and the long CSV. During the calls only a's fields are final (the
 * summary's lists are still being built). cb returns nonzero to stop (that
 * value is returned). cb NULL: summary_build. */
int summary_build_each(struct db *db, const char *from, const char *to,
		       const struct summary_scope *scope, summary_tpl_fn tpl, void *tpl_ctx,
		       summary_progress_fn progress, void *pctx,
		       int (*cb)(const struct sum_answer *a, void *ctx), void *cbctx,
		       struct summary **out, struct sc_err *err);

/* utf8_clean for a report cell: tab, newline and CR kept (a cell may hold
 * them, quoted). Returns out. */
char *summary_clean(const char *s, char *out, size_t outsz);
/* The same, malloc'd (caller frees); NULL when out of memory. */
char *summary_clean_dup(const char *s);

#endif
