/* checklist: the in-memory model of a checklist template.
 * config/template.c fills it from an INI file; core only reads it.
 * Everything a score depends on (points, weights, bands, critical flags)
 * lives here as data, so no checklist is hard-coded anywhere. */
#ifndef SC_CHECKLIST_H
#define SC_CHECKLIST_H

#include <stdint.h>

enum cl_lang { LANG_ZH = 0, LANG_EN = 1, LANG_COUNT };

enum cl_level { LEVEL_MARKET = 0, LEVEL_STALL = 1 };

enum cl_kind {
	KIND_PASSFAIL = 0, /* pass earns all points, fail none */
	KIND_POINTS = 1    /* the inspector gives 0..points */
};

#define CL_ID_MAX 16
#define CL_MAX_TYPES 64 /* stall types fit in a uint64_t mask */

struct cl_named {              /* a category, area, stall type or severity tier */
	char code[CL_ID_MAX + 8];
	char *name[LANG_COUNT];    /* owned; NULL when the language is absent */
	double weight;             /* categories: [category.X] weight (two decimals at most), 0 when none */
};

/* A band of scores: a score at or above min (and below the band above) is in it. */
struct cl_band {
	char code[CL_ID_MAX + 8];  /* as stored with a record for the default three: good pass fail */
	char *name[LANG_COUNT];    /* owned; NULL: the built-in name of the default three */
	int min;                   /* 0..100; the lowest band has 0 */
};

#define CL_LABELS 8                /* answer labels, indexed by enum verdict (score.h) */

struct cl_item {
	char id[CL_ID_MAX];        /* "H01", upper case */
	int level;                 /* enum cl_level */
	int category;              /* index into checklist.categories */
	int area;                  /* index into checklist.areas (market items), -1 otherwise */
	char *text[LANG_COUNT];    /* owned */
	char *basis[LANG_COUNT];   /* owned: the standard or rule it rests on; NULL when none */
	int kind;                  /* enum cl_kind */
	double points;             /* maximum points, at most two decimals (whole on a points
	                            * item: the inspector gives whole points); 0: informational */
	int severity;              /* index into checklist.severities, -1 none */
	int allow_na;              /* 'n/a' is a legitimate answer */
	int allow_not_observed;    /* 'not observed' is a legitimate answer */
	int critical;              /* a fail is a critical failure everywhere */
	uint64_t critical_types;   /* ... or only at stalls of these types */
	uint64_t applies;          /* stall items: the stall types it applies to */
	int deadline_days;         /* rectification deadline; 0: a fail opens none */
	double partial_points;     /* points of a partial answer (基本符合), -1: not allowed */
	int minor_spots;           /* a fail at 1..minor_spots problem spots earns minor_points; 0: off */
	double minor_points;
	int line;                  /* line of its section in the source, for messages */
};

struct cl_rules {
	int market_points;         /* share of the 100 from market-wide items (60) */
	int stall_points;          /* share from the mean stall ratio (40) */
	double market_items_total; /* declared raw sum of market item points (checked), -1: none */
	int band_good;             /* score >= band_good: good */
	int band_pass;             /* score >= band_pass: pass; below: fail */
	struct cl_band *bands;     /* owned: highest min first; the default three from the two above */
	int nbands;
	int stall_pass_line;       /* a stall scoring below it fails (its lowest band); 0: none */
	int demerit;               /* score = 100 minus deductions, floored at 0 */
	int category_weights;      /* the categories carry weights adding up to 100 */
	int partial_percent;       /* share of an item's points a partial answer earns; 0: none */
	char *answer_label[CL_LABELS][LANG_COUNT]; /* owned; NULL: the built-in label */
	int critical_fails;        /* a failed critical item fails the stall/market */
	int allow_unanswered_critical; /* finalize with a critical item unanswered */
};

struct checklist {
	char id[64];
	char version[32];
	char *title[LANG_COUNT];
	unsigned langs;            /* bit (1 << enum cl_lang) per declared language */
	char hash[65];             /* SHA-256 hex of the exact source text */
	struct cl_rules rules;
	struct cl_named *categories; int ncategories;
	struct cl_named *areas;      int nareas;
	struct cl_named *types;      int ntypes;
	struct cl_named *severities; int nseverities; /* [severity.X] tiers, in file order */
	struct cl_item *items;       int nitems;
};

/* Free everything a checklist owns (not the struct itself). */
void checklist_clear(struct checklist *cl);

/* Index of the item with this id, or -1. */
int checklist_item_index(const struct checklist *cl, const char *id);

/* Index of the stall type with this code, or -1. Same for categories, areas. */
int checklist_type_index(const struct checklist *cl, const char *code);
int checklist_category_index(const struct checklist *cl, const char *code);
int checklist_area_index(const struct checklist *cl, const char *code);
int checklist_severity_index(const struct checklist *cl, const char *code);

/* Does a stall item apply to a stall of type index t? */
int checklist_item_applies(const struct cl_item *it, int type);

/* Does a failed answer of this item open a rectification? Not with
 * deadline_days = 0 (an informational item's default). */
int checklist_item_rectifies(const struct cl_item *it);

/* Is a fail of this item critical at a stall of type t (-1 for market items)? */
int checklist_item_critical(const struct cl_item *it, int type);

/* Text in lang, falling back to the other language, then to the id. */
const char *checklist_text(const struct cl_item *it, int lang);
/* Basis in lang, falling back to the other language; "" when none. */
const char *checklist_basis(const struct cl_item *it, int lang);
const char *checklist_name(const struct cl_named *n, int lang);
/* The severity tier's name of an item in lang; "" when it has none. */
const char *checklist_severity(const struct checklist *cl, const struct cl_item *it, int lang);
/* The template's label of answer verdict v (enum verdict) in lang, or NULL
 * when the template keeps the built-in one. */
const char *checklist_answer_label(const struct checklist *cl, int v, int lang);

/* Indices of the items that apply at one stall of type t (or, with t < 0,
 * the market-wide items), in template order. Fills out[] (size cl->nitems);
 * returns the count. */
int checklist_items_for(const struct checklist *cl, int type, int *out);

#endif
