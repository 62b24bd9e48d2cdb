/* score: pure scoring functions driven by the template's rules.
 * No I/O, no allocation. The rules are written out in docs/scoring.md. */
#ifndef SC_SCORE_H
#define SC_SCORE_H

#include <stddef.h>

#include "checklist.h"

enum verdict {
	V_NONE = 0,       /* not answered yet */
	V_PASS,
	V_FAIL,
	V_NA,             /* not applicable: leaves numerator and denominator */
	V_NOT_OBSERVED,   /* could not be seen: leaves both too */
	V_CORRECTED,      /* a problem corrected on site: scored as a fail, opens no rectification */
	V_PARTIAL,        /* partly met (基本符合): the item's partial_points, a problem found */
	V_COUNT
};

/* Did the answer find a problem (fail, or corrected on site)? */
int verdict_is_problem(int v);

enum band { BAND_NONE = 0, BAND_GOOD, BAND_PASS, BAND_FAIL, BAND_COUNT };

/* One answer as scoring sees it. For KIND_POINTS items `points` is what the
 * inspector gave; for pass/fail items it is ignored. */
struct sc_answer {
	int item;         /* index into checklist.items */
	int verdict;      /* enum verdict */
	int points;
	int spots;        /* problem-spot count, kept for reports */
};

struct score_part {
	double earned, possible;  /* points over answered, applicable answers */
	int applicable;           /* items that apply */
	int answered;             /* of those, answered (any verdict) */
	int fails;                /* answers that found a problem (scored items) */
	int critical_fails;       /* of those, on critical items */
	int corrected;            /* of those, corrected on site */
	int info_fails;           /* problems on informational (points = 0) items */
	double ratio;             /* the part's ratio 0..1 as scored (docs/scoring.md), or -1 */
};

struct stall_score {
	struct score_part p;
	double ratio;             /* earned / possible unrounded, or -1 */
	double score;             /* 0..100 rounded once (score_round), or -1 */
	int band;                 /* from that rounded score */
};

struct market_score {
	struct score_part market; /* market-wide items */
	int stalls_scored;        /* stalls with at least one scorable answer */
	double stall_mean;        /* mean stall ratio 0..1, or -1 */
	double score;             /* 0..100 rounded once (score_round), or -1 */
	int critical_fails;       /* market-wide plus all stalls */
	int band;
};

/* Parse/format verdict names as stored in the database: "pass", "fail",
 * "na", "not_observed", "corrected". Returns V_NONE for an unknown name. */
int verdict_from_name(const char *s);
const char *verdict_name(int v);

/* Normalise one answer: checks it is legal for the item (points in range,
 * n/a allowed ...) and computes the stored verdict and earned points.
 * Points are given directly with verdict V_NONE (KIND_POINTS items only):
 * the stored verdict is pass at full points and fail below. V_PASS earns
 * full points; V_FAIL earns 0, or `points` when 0 < points < maximum.
 * Returns 0, or -1 with a reason in *why (static English text). */
int score_normalize(const struct cl_item *it, int verdict, int points,
		    int *out_verdict, double *out_earned, const char **why);

/* The points a normalised fail earns with `spots` problem spots on an
 * item graded by spot count (minor_spots); earned otherwise. */
double score_spot_earned(const struct cl_item *it, int verdict, int spots, double earned);

/* Add one normalised answer to a part. type is the stall type (or -1). */
void score_part_add(struct score_part *p, const struct cl_item *it, int type,
		    int verdict, double earned);

/* The answers of category cat alone, with the part's ratio: what a
 * category-weighted part ([category.X] weight) weighs. */
void score_category(const struct checklist *cl, int type, const struct sc_answer *a, int n, int cat,
		    struct score_part *out);

/* Score one stall of type `type` from its answers (any order, unanswered
 * items simply absent). */
void score_stall(const struct checklist *cl, int type,
		 const struct sc_answer *a, int n, struct stall_score *out);

/* Score the market-wide answers. */
void score_market_items(const struct checklist *cl, const struct sc_answer *a,
			int n, struct score_part *out);

/* Combine market-wide part and stall scores into the market score. */
void score_market(const struct checklist *cl, const struct score_part *mw,
		  const struct stall_score *stalls, int nstalls,
		  struct market_score *out);

/* The computation of ms written out for a person to redo by hand (review
 * show): each part's earned/possible (or 100 minus deductions), the stall
 * mean and the weighted sum, in lang. Returns buf. */
const char *score_formula(const struct checklist *cl, const struct market_score *ms, int lang,
			  char *buf, size_t n);

/* The one rounding: a score to one decimal, half up (-1 stays -1). Every
 * score a person sees or the database stores went through it once; a
 * rounded score comes back unchanged. */
double score_round(double score);

/* Band for a score (-1 = none) with critical failures: the score is
 * compared as score_round gives it. A band is 1 + its index in the
 * template's bands (highest first), BAND_NONE without a score; for the
 * default three bands that is BAND_GOOD, BAND_PASS, BAND_FAIL. A critical
 * failure gives the lowest band. */
int score_band(const struct cl_rules *r, double score, int critical_fails);
/* The same for a stall: below the template's stall_pass_line it is the lowest band. */
int score_stall_band(const struct cl_rules *r, double score, int critical_fails);

/* Number of bands of the rules (3 when the template declares none). */
int score_nbands(const struct cl_rules *r);
/* The class stored in the band column (enum band): the lowest band fails,
 * the highest of three or more is good, the others pass. */
int score_band_class(const struct cl_rules *r, int band);
/* The template's band code stored as the grade of a record ("" for the
 * default three bands, which the class names already). */
const char *score_band_grade(const struct cl_rules *r, int band);
/* The band's name in lang: the template's, else band_label of its class. */
const char *score_band_name(const struct cl_rules *r, int band, int lang);
/* The name of a stored band: its grade's name in the template r (may be
 * NULL), else band_label of the stored class. */
const char *score_stored_band_name(const struct cl_rules *r, int band_class, const char *grade,
				   int lang);

/* A score as shown everywhere: one decimal, or `none` when there is none. */
const char *score_text(double score, const char *none, char *buf, size_t n);

/* "good"/"pass"/"fail"/"none" (as stored) and the display name. */
const char *band_code(int band);
int band_from_code(const char *s);
const char *band_label(int band, int lang);

#endif
