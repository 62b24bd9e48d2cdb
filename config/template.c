/* template: checklist templates (INI files) into struct checklist.
 * config/ini.c gives every section and key its line and catches what
 * iniparser accepts silently or rejects, and reads the values as iniparser
 * would; this file checks their meaning and collects every problem in a
 * cfg_report. */
#include "template.h"

#include "core/fsutil.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <math.h>

#include <sodium.h>

#include "config/ini.h"
#include "core/i18n.h"
#include "core/score.h"

void cfg_report_add(struct cfg_report *r, const char *file, int line, const char *fmt, ...)
{
	if (!r)
		return;
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 16;
		struct cfg_problem *v = realloc(r->v, (size_t)cap * sizeof *v);
		if (!v)
			return;
		r->v = v;
		r->cap = cap;
	}
	/* keep the report ordered by line (stable), so output reads top-down */
	int at = r->n;
	while (at > 0 && r->v[at - 1].line > line && strcmp(r->v[at - 1].file, file) == 0)
		at--;
	memmove(&r->v[at + 1], &r->v[at], (size_t)(r->n - at) * sizeof *r->v);
	struct cfg_problem *p = &r->v[at];
	snprintf(p->file, sizeof p->file, "%s", file ? file : "");
	p->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, sc_tr(fmt), ap);
	va_end(ap);
	r->n++;
}

void cfg_report_free(struct cfg_report *r)
{
	if (!r)
		return;
	free(r->v);
	memset(r, 0, sizeof *r);
}

void cfg_report_print(const struct cfg_report *r, FILE *out)
{
	for (int i = 0; i < r->n; i++)
		fprintf(out, "%s:%d: %s\n", r->v[i].file, r->v[i].line, r->v[i].msg);
}

char *template_read_file(const char *path, size_t *len, struct sc_err *err)
{
	return fs_read_small(path, len, err);
}

/* ---- semantic checks ---------------------------------------------------- */

static const char *lang_code[LANG_COUNT] = { "zh", "en" };

struct tctx {
	const struct ini_doc *doc;
	const char *file;
	struct cfg_report *rep;
	struct checklist *cl;
};

#define BAD(t, line, ...) cfg_report_add((t)->rep, (t)->file, (line), __VA_ARGS__)

static char *xdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Required integer sec:key in [lo, hi]; def < lo+... : when absent and
 * has_def, takes def. */
static int get_int(struct tctx *t, const char *sec, const char *key, int lo, int hi,
		   int has_def, int def)
{
	int line, v;
	const char *s = ini_get(t->doc, sec, key, &line);
	if (!s) {
		if (!has_def)
			BAD(t, line, "[%s] needs '%s' (a whole number %d..%d)", sec, key, lo, hi);
		return def;
	}
	if (ini_int(s, &v) < 0 || v < lo || v > hi) {
		BAD(t, line, "%s: expected a whole number %d..%d, got '%s'", key, lo, hi, s);
		return def;
	}
	return v;
}

/* Points and weights: a number with at most two decimals in [lo, hi]
 * (hundredths, so "12.5" and bounds compare exactly); def when absent and
 * has_def. Returned in hundredths: sums of them are exact. */
static long get_hundredths(struct tctx *t, const char *sec, const char *key, long lo, long hi,
			   int has_def, long def)
{
	int line;
	long v;
	const char *s = ini_get(t->doc, sec, key, &line);
	if (!s) {
		if (!has_def)
			BAD(t, line, "[%s] needs '%s' (a number %g..%g, at most two decimals)", sec, key,
			    lo / 100.0, hi / 100.0);
		return def;
	}
	if (ini_hundredths(s, &v) < 0 || v < lo || v > hi) {
		BAD(t, line, "%s: expected a number %g..%g with at most two decimals (like 2.5),"
		    " got '%s'", key, lo / 100.0, hi / 100.0, s);
		return def;
	}
	return v;
}

static int get_bool(struct tctx *t, const char *sec, const char *key, int def)
{
	int line, v;
	const char *s = ini_get(t->doc, sec, key, &line);
	if (!s)
		return def;
	if (ini_bool(s, &v) < 0) {
		BAD(t, line, "%s: expected yes or no, got '%s'", key, s);
		return def;
	}
	return v;
}

static int key_allowed(const char *key, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(key, *allowed) == 0)
			return 1;
	return 0;
}

static void check_keys(struct tctx *t, const struct ini_sec *s, const char *const *allowed)
{
	for (int i = 0; i < s->nkeys; i++)
		if (!key_allowed(s->keys[i].name, allowed))
			BAD(t, s->keys[i].line, "unknown key '%s' in [%s]", s->keys[i].name, s->name);
}

/* Text in each declared language: key prefix_zh, prefix_en. An optional
 * text (what == NULL) may be absent altogether, but not in one language only. */
static void get_texts(struct tctx *t, const char *sec, const char *label, const char *prefix,
		      char **out, const char *what)
{
	int any = what != NULL;
	for (int l = 0; l < LANG_COUNT && !any; l++) {
		char key[32];
		snprintf(key, sizeof key, "%s_%s", prefix, lang_code[l]);
		any = ini_get(t->doc, sec, key, NULL) != NULL;
	}
	for (int l = 0; l < LANG_COUNT; l++) {
		char key[32];
		int line;
		snprintf(key, sizeof key, "%s_%s", prefix, lang_code[l]);
		const char *v = ini_get(t->doc, sec, key, &line);
		const char *w = ini_written(t->doc, sec, key);
		if (v && *v)
			out[l] = xdup(v);
		else if (any && (t->cl->langs & (1u << l)))
			BAD(t, line, "[%s] has no %s in '%s', a language the template declares (%s)",
			    label, what ? what : prefix, lang_code[l], key);
		if (v && t->cl->langs && !(t->cl->langs & (1u << l)))
			BAD(t, line, "%s: '%s' is not one of the template's languages (add it to"
			    " [template] languages, or remove the key)", key, lang_code[l]);
		if (w && ini_has_comment(w))
			BAD(t, line, "%s: a '#' or ';' after a space starts a comment, so iniparser reads"
			    " only '%s'; quote the value", key, v ? v : "");
	}
}

static const char *const named_keys[] = { "name_zh", "name_en", NULL };
static const char *const category_keys[] = { "name_zh", "name_en", "weight", NULL };

static void add_named(struct tctx *t, const struct ini_sec *s, const char *code,
		      struct cl_named **v, int *n, int max)
{
	int category = v == &t->cl->categories;
	check_keys(t, s, category ? category_keys : named_keys);
	if (!*code || strlen(code) >= sizeof ((struct cl_named *)0)->code) {
		BAD(t, s->line, "[%s]: code must be 1..%zu characters", s->name,
		    sizeof ((struct cl_named *)0)->code - 1);
		return;
	}
	if (*n >= max) {
		BAD(t, s->line, "[%s]: too many (at most %d)", s->name, max);
		return;
	}
	struct cl_named *nv = realloc(*v, (size_t)(*n + 1) * sizeof *nv);
	if (!nv)
		return;
	*v = nv;
	struct cl_named *e = &nv[(*n)++];
	memset(e, 0, sizeof *e);
	snprintf(e->code, sizeof e->code, "%s", code);
	get_texts(t, s->name, s->name, "name", e->name, "name");
	if (category)
		e->weight = get_hundredths(t, s->name, "weight", 1, 10000, 1, 0) / 100.0;
}

/* [category.X] weight: every category or none, adding up to 100 */
static void check_weights(struct tctx *t)
{
	struct checklist *cl = t->cl;
	long sum = 0; /* hundredths: 12.5 + 87.5 is exactly 100 */
	int with = 0, line = 0;
	for (int c = 0; c < cl->ncategories; c++) {
		sum += lround(cl->categories[c].weight * 100);
		with += cl->categories[c].weight > 0;
	}
	if (!with)
		return;
	cl->rules.category_weights = 1;
	for (int c = 0; c < cl->ncategories; c++) {
		char sec[CL_ID_MAX + 24];
		snprintf(sec, sizeof sec, "category.%s", cl->categories[c].code);
		const struct ini_sec *s = ini_section(t->doc, sec);
		line = s ? s->line : 0;
		if (!cl->categories[c].weight)
			BAD(t, line, "[%s] needs 'weight': the other categories have one", sec);
	}
	if (with == cl->ncategories && sum != 10000)
		BAD(t, line, "the categories' weights add up to %g, not 100", sum / 100.0);
	ini_get(t->doc, "scoring", "mode", &line);
	if (cl->rules.demerit)
		BAD(t, line, "mode = demerit deducts points from 100: it does not go with category weights");
}

/* "veg, fruit" or "*" into a type mask. */
static uint64_t type_mask(struct tctx *t, const char *sec, const char *key, int line,
			  const char *v)
{
	uint64_t m = 0;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", v);
	if (strcmp(buf, "*") == 0)
		return t->cl->ntypes >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << t->cl->ntypes) - 1);
	for (char *save = NULL, *tok = strtok_r(buf, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save)) {
		int i = checklist_type_index(t->cl, tok);
		if (i < 0)
			BAD(t, line, "[%s] %s: unknown stall type '%s'", sec, key, tok);
		else
			m |= (uint64_t)1 << i;
	}
	if (!m && !strchr(v, '*'))
		BAD(t, line, "[%s] %s: no stall type given", sec, key);
	return m;
}

static const char *const item_keys[] = {
	"level", "category", "area", "applies", "text_zh", "text_en", "answer", "points", "na",
	"not_observed", "critical", "critical_types", "deadline_days", "basis_zh", "basis_en",
	"severity", "partial", "minor_spots", "minor_points", NULL
};

static void add_item(struct tctx *t, const struct ini_sec *s, const char *id)
{
	struct checklist *cl = t->cl;
	const char *sec = s->name;  /* for lookups (lower case) */
	char label[CL_ID_MAX + 8];  /* for messages: item.H01 */
	const char *v;
	int line;

	check_keys(t, s, item_keys);
	if (!*id || strlen(id) >= CL_ID_MAX) {
		BAD(t, s->line, "[%s]: item id must be 1..%d characters", sec, CL_ID_MAX - 1);
		return;
	}
	struct cl_item *nv = realloc(cl->items, (size_t)(cl->nitems + 1) * sizeof *nv);
	if (!nv)
		return;
	cl->items = nv;
	struct cl_item *it = &nv[cl->nitems++];
	memset(it, 0, sizeof *it);
	snprintf(it->id, sizeof it->id, "%s", id);
	for (char *c = it->id; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	it->line = s->line;
	snprintf(label, sizeof label, "item.%s", it->id);
	it->area = -1;

	v = ini_get(t->doc, sec, "level", &line);
	if (!v)
		BAD(t, line, "[%s] needs 'level' (market or stall)", label);
	else if (strcmp(v, "market") == 0)
		it->level = LEVEL_MARKET;
	else if (strcmp(v, "stall") == 0)
		it->level = LEVEL_STALL;
	else
		BAD(t, line, "level: expected market or stall, got '%s'", v);

	v = ini_get(t->doc, sec, "category", &line);
	it->category = v ? checklist_category_index(cl, v) : -1;
	if (!v)
		BAD(t, line, "[%s] needs 'category'", label);
	else if (it->category < 0)
		BAD(t, line, "category: unknown category '%s' (declare [category.%s])", v, v);

	v = ini_get(t->doc, sec, "area", &line);
	if (it->level == LEVEL_MARKET) {
		if (!v)
			BAD(t, line, "[%s] is a market item and needs 'area'", label);
		else if ((it->area = checklist_area_index(cl, v)) < 0)
			BAD(t, line, "area: unknown area '%s' (declare [area.%s])", v, v);
		if (ini_get(t->doc, sec, "applies", &line))
			BAD(t, line, "applies: only stall items apply to stall types");
		if (ini_get(t->doc, sec, "critical_types", &line))
			BAD(t, line, "critical_types: only for stall items (use critical = yes)");
	} else {
		if (v)
			BAD(t, line, "area: only market items have an area");
		v = ini_get(t->doc, sec, "applies", &line);
		if (!v)
			BAD(t, line, "[%s] is a stall item and needs 'applies' (stall types or *)", label);
		else
			it->applies = type_mask(t, label, "applies", line, v);
		v = ini_get(t->doc, sec, "critical_types", &line);
		if (v) {
			it->critical_types = type_mask(t, label, "critical_types", line, v);
			if (it->critical_types & ~it->applies)
				BAD(t, line, "critical_types: names a type the item does not apply to");
		}
	}
	it->critical = get_bool(t, sec, "critical", 0);
	if (it->critical && it->level == LEVEL_STALL && ini_get(t->doc, sec, "critical_types", &line))
		BAD(t, line, "critical_types: the item is critical at every stall already (critical = yes);"
		    " keep one of the two");

	get_texts(t, sec, label, "text", it->text, "text");
	get_texts(t, sec, label, "basis", it->basis, NULL); /* optional */

	v = ini_get(t->doc, sec, "answer", &line);
	if (!v)
		BAD(t, line, "[%s] needs 'answer' (passfail or points)", label);
	else if (strcmp(v, "passfail") == 0)
		it->kind = KIND_PASSFAIL;
	else if (strcmp(v, "points") == 0)
		it->kind = KIND_POINTS;
	else
		BAD(t, line, "answer: expected passfail or points, got '%s'", v);

	long points = get_hundredths(t, sec, "points", 0, 10000, 0, 100);
	it->points = points / 100.0;
	it->allow_na = get_bool(t, sec, "na", 1);
	/* a critical item left unseen would skip its veto: not unless allowed */
	it->allow_not_observed = get_bool(t, sec, "not_observed", !it->critical && !it->critical_types);
	/* 0: a fail is recorded and opens no rectification (an informational
	 * item's default: it opens one only when the template gives a deadline) */
	it->deadline_days = get_int(t, sec, "deadline_days", 0, 365, it->points == 0, 0);
	ini_get(t->doc, sec, "points", &line);
	if (it->points == 0 && it->kind == KIND_POINTS)
		BAD(t, line, "points: an informational item (points = 0) is answered passfail");
	else if (points % 100 && it->kind == KIND_POINTS)
		BAD(t, line, "points: the inspector gives a points item whole points: %g is not whole"
		    " (use passfail for %g points)", it->points, it->points);
	if (it->points == 0 && (it->critical || it->critical_types))
		BAD(t, line, "points: an informational item (points = 0) cannot be critical: it is never"
		    " scored");

	/* 基本符合: the template's share of the points, whole points only */
	it->partial_points = -1;
	if (get_bool(t, sec, "partial", 0)) {
		int pc = cl->rules.partial_percent;
		ini_get(t->doc, sec, "partial", &line);
		if (!pc)
			BAD(t, line, "partial: set [scoring] partial (the share of the points it earns)");
		else if (it->kind != KIND_PASSFAIL)
			BAD(t, line, "partial: for passfail items (a points item takes the points given)");
		else if (points * pc % 100)
			BAD(t, line, "partial: %d%% of %g points has more than two decimals", pc,
			    it->points);
		else
			it->partial_points = points * pc / 100 / 100.0;
	}
	/* spot-count grading: a fail at few problem spots loses less */
	it->minor_spots = get_int(t, sec, "minor_spots", 1, 9999, 1, 0);
	it->minor_points = get_hundredths(t, sec, "minor_points", 1, 10000, 1, 0) / 100.0;
	int spots_line;
	const char *spots_v = ini_get(t->doc, sec, "minor_spots", &spots_line);
	const char *points_v = ini_get(t->doc, sec, "minor_points", &line);
	if (spots_v || points_v) {
		if (!points_v)
			line = spots_line;
		if (!it->minor_spots || !it->minor_points)
			BAD(t, line, "minor_spots and minor_points go together");
		else if (it->kind != KIND_PASSFAIL)
			BAD(t, line, "minor_spots: for passfail items");
		else if (it->minor_points >= it->points)
			BAD(t, line, "minor_points must be below the item's %g points", it->points);
	}

	it->severity = -1;
	v = ini_get(t->doc, sec, "severity", &line);
	if (v && (it->severity = checklist_severity_index(cl, v)) < 0)
		BAD(t, line, "severity: unknown severity '%s' (declare [severity.%s])", v, v);
	else if (!v && cl->nseverities)
		BAD(t, s->line, "[%s] needs 'severity': the template declares severity tiers", label);
}

static const char *const template_keys[] = { "id", "version", "languages", "title_zh", "title_en", NULL };
static const char *const scoring_keys[] = {
	"market_points", "stall_points", "market_items_total", "band_good", "band_pass",
	"critical_fails", "allow_unanswered_critical", "stall_pass_line", "mode", "partial", NULL
};

static void read_header(struct tctx *t)
{
	struct checklist *cl = t->cl;
	const struct ini_sec *s = ini_section(t->doc, "template");
	const char *v;
	int line;

	if (!s) {
		BAD(t, 0, "no [template] section");
		return;
	}
	check_keys(t, s, template_keys);
	v = ini_get(t->doc, "template", "id", &line);
	if (!v || !*v || strlen(v) >= sizeof cl->id)
		BAD(t, line, "[template] needs 'id' (1..%zu characters)", sizeof cl->id - 1);
	else
		snprintf(cl->id, sizeof cl->id, "%s", v);
	v = ini_get(t->doc, "template", "version", &line);
	if (!v || !*v || strlen(v) >= sizeof cl->version)
		BAD(t, line, "[template] needs 'version' (1..%zu characters)", sizeof cl->version - 1);
	else
		snprintf(cl->version, sizeof cl->version, "%s", v);
	v = ini_get(t->doc, "template", "languages", &line);
	if (!v) {
		BAD(t, line, "[template] needs 'languages' (zh, en or both)");
	} else {
		char buf[256];
		snprintf(buf, sizeof buf, "%s", v);
		for (char *save = NULL, *tok = strtok_r(buf, ", \t", &save); tok;
		     tok = strtok_r(NULL, ", \t", &save)) {
			int l;
			for (l = 0; l < LANG_COUNT && strcmp(tok, lang_code[l]); l++)
				;
			if (l == LANG_COUNT)
				BAD(t, line, "languages: unknown language '%s' (zh or en)", tok);
			else
				cl->langs |= 1u << l;
		}
		if (!cl->langs)
			BAD(t, line, "languages: none given");
	}
	get_texts(t, "template", "template", "title", cl->title, "title");
}

static const char *const band_keys[] = { "min", "name_zh", "name_en", NULL };

static int band_cmp(const void *a, const void *b)
{
	return ((const struct cl_band *)b)->min - ((const struct cl_band *)a)->min;
}

/* [band.X] min = N: any number of named bands, highest first; the lowest
 * must start at 0 so every score has one. Returns how many were declared. */
static int read_bands(struct tctx *t)
{
	struct cl_rules *r = &t->cl->rules;
	int last = 0;
	for (int i = 0; i < t->doc->nsecs; i++) {
		const struct ini_sec *s = &t->doc->secs[i];
		const char *code = s->name + 5;
		if (strncmp(s->name, "band.", 5) != 0)
			continue;
		last = s->line;
		check_keys(t, s, band_keys);
		if (!*code || strlen(code) >= sizeof r->bands->code) {
			BAD(t, s->line, "[%s]: code must be 1..%zu characters", s->name,
			    sizeof r->bands->code - 1);
			continue;
		}
		struct cl_band *nb = realloc(r->bands, (size_t)(r->nbands + 1) * sizeof *nb);
		if (!nb)
			return r->nbands;
		r->bands = nb;
		struct cl_band *b = &nb[r->nbands++];
		memset(b, 0, sizeof *b);
		snprintf(b->code, sizeof b->code, "%s", code);
		b->min = get_int(t, s->name, "min", 0, 100, 0, 0);
		get_texts(t, s->name, s->name, "name", b->name, NULL);
		for (int k = 0; k < r->nbands - 1; k++)
			if (r->bands[k].min == b->min)
				BAD(t, s->line, "[%s]: min %d is the min of [band.%s] too", s->name,
				    b->min, r->bands[k].code);
	}
	if (r->nbands == 0)
		return 0;
	qsort(r->bands, (size_t)r->nbands, sizeof *r->bands, band_cmp);
	if (r->nbands < 2)
		BAD(t, last, "one band ranks nothing: declare at least two [band.X]");
	if (r->bands[r->nbands - 1].min != 0)
		BAD(t, last, "the lowest band must have min = 0 (a score below every band has none)");
	return r->nbands;
}

/* [labels] pass_en = IN ...: the template's words for the answers */
static void read_labels(struct tctx *t)
{
	static const char *const keys[] = {
		"pass_zh", "pass_en", "fail_zh", "fail_en", "na_zh", "na_en", "not_observed_zh",
		"not_observed_en", "corrected_zh", "corrected_en", "partial_zh", "partial_en", NULL
	};
	const struct ini_sec *s = ini_section(t->doc, "labels");
	if (!s)
		return;
	check_keys(t, s, keys);
	for (int v = V_PASS; v < V_COUNT; v++)
		get_texts(t, "labels", "labels", verdict_name(v), t->cl->rules.answer_label[v], NULL);
}

static void read_rules(struct tctx *t)
{
	struct cl_rules *r = &t->cl->rules;
	const struct ini_sec *s = ini_section(t->doc, "scoring");
	int line;

	if (!s) {
		BAD(t, 0, "no [scoring] section");
		return;
	}
	check_keys(t, s, scoring_keys);
	r->market_points = get_int(t, "scoring", "market_points", 0, 100, 0, 0);
	r->stall_points = get_int(t, "scoring", "stall_points", 0, 100, 0, 0);
	r->market_items_total = get_hundredths(t, "scoring", "market_items_total", 0, 10000000, 0, -100)
				/ 100.0;
	/* named bands ([band.X]) replace band_good and band_pass */
	int named = read_bands(t);
	if (!named) {
		r->band_good = get_int(t, "scoring", "band_good", 1, 100, 0, 0);
		r->band_pass = get_int(t, "scoring", "band_pass", 1, 100, 0, 0);
	} else {
		static const char *const two[] = { "band_good", "band_pass" };
		for (int k = 0; k < 2; k++)
			if (ini_get(t->doc, "scoring", two[k], &line))
				BAD(t, line, "%s: the template declares its bands ([band.X] min = ...);"
				    " keep one of the two", two[k]);
	}
	r->critical_fails = get_bool(t, "scoring", "critical_fails", 1);
	r->allow_unanswered_critical = get_bool(t, "scoring", "allow_unanswered_critical", 0);
	r->stall_pass_line = get_int(t, "scoring", "stall_pass_line", 0, 100, 1, 0);
	r->partial_percent = get_int(t, "scoring", "partial", 1, 99, 1, 0);
	const char *mode = ini_get(t->doc, "scoring", "mode", &line);
	if (mode && strcmp(mode, "demerit") == 0)
		r->demerit = 1;
	else if (mode && strcmp(mode, "ratio") != 0)
		BAD(t, line, "mode: expected ratio or demerit, got '%s'", mode);
	ini_get(t->doc, "scoring", "stall_points", &line);
	if (r->market_points + r->stall_points != 100)
		BAD(t, line, "market_points %d + stall_points %d must add up to 100",
		    r->market_points, r->stall_points);
	ini_get(t->doc, "scoring", "band_pass", &line);
	if (!named && r->band_pass && r->band_good && !(r->band_pass < r->band_good))
		BAD(t, line, "band_pass %d must be below band_good %d", r->band_pass, r->band_good);
}

/* Walk the sections: declarations first (so items may name them in any
 * order), then items. */
static void read_body(struct tctx *t)
{
	/* categories and areas are as many as the file declares; stall types
	 * are bits of a mask */
	static const struct { const char *prefix; int max; } kinds[] = {
		{ "category.", INT32_MAX }, { "area.", INT32_MAX }, { "type.", CL_MAX_TYPES },
		{ "severity.", INT32_MAX },
	};
	struct checklist *cl = t->cl;
	struct cl_named **vec[] = { &cl->categories, &cl->areas, &cl->types, &cl->severities };
	int *cnt[] = { &cl->ncategories, &cl->nareas, &cl->ntypes, &cl->nseverities };

	for (int i = 0; i < t->doc->nsecs; i++) {
		const struct ini_sec *s = &t->doc->secs[i];
		int known = !strcmp(s->name, "template") || !strcmp(s->name, "scoring") ||
			    !strcmp(s->name, "labels") || !strncmp(s->name, "item.", 5) ||
			    !strncmp(s->name, "band.", 5);
		for (int k = 0; k < 4; k++) {
			size_t pl = strlen(kinds[k].prefix);
			if (strncmp(s->name, kinds[k].prefix, pl) == 0) {
				add_named(t, s, s->name + pl, vec[k], cnt[k], kinds[k].max);
				known = 1;
			}
		}
		if (!known)
			BAD(t, s->line, "unknown section [%s] (expected template, scoring, labels, "
			    "category.X, area.X, type.X, severity.X, band.X or item.X)", s->name);
	}
	for (int i = 0; i < t->doc->nsecs; i++) {
		const struct ini_sec *s = &t->doc->secs[i];
		if (strncmp(s->name, "item.", 5) == 0)
			add_item(t, s, s->name + 5);
	}
	if (!cl->ncategories)
		BAD(t, 0, "no categories declared ([category.X])");
	check_weights(t);
	if (!cl->nitems)
		BAD(t, 0, "no items ([item.X])");
	long sum = 0; /* hundredths, exact */
	int nmarket = 0;
	uint64_t applied = 0;
	for (int i = 0; i < cl->nitems; i++)
		if (cl->items[i].level == LEVEL_MARKET) {
			sum += lround(cl->items[i].points * 100);
			nmarket++;
		} else {
			applied |= cl->items[i].applies;
		}
	int line;
	ini_get(t->doc, "scoring", "market_items_total", &line);
	if (cl->rules.market_items_total >= 0 && sum != lround(cl->rules.market_items_total * 100))
		BAD(t, line, "market_items_total is %g but the market items' points add up to %g",
		    cl->rules.market_items_total, sum / 100.0);
	if (cl->rules.market_points > 0 && nmarket == 0)
		BAD(t, line, "market_points is %d but there is no market item", cl->rules.market_points);
	int nstall = cl->nitems - nmarket;
	ini_get(t->doc, "scoring", "stall_points", &line);
	if (cl->rules.stall_points > 0 && nstall == 0)
		BAD(t, line, "stall_points is %d but there is no stall item", cl->rules.stall_points);
	if (cl->rules.stall_points == 0 && nstall > 0)
		BAD(t, line, "stall_points is 0 but there are %d stall items: they would count for"
		    " nothing", nstall);
	/* a stall of a type no item applies to could never be scored */
	for (int k = 0; nstall > 0 && k < cl->ntypes && k < 64; k++)
		if (!(applied & ((uint64_t)1 << k))) {
			char sec[CL_ID_MAX + 16];
			snprintf(sec, sizeof sec, "type.%s", cl->types[k].code);
			const struct ini_sec *s = ini_section(t->doc, sec);
			BAD(t, s ? s->line : 0, "[%s]: no stall item applies to this type", sec);
		}
}

int template_load_text(const char *text, const char *name, struct checklist *cl,
		       struct cfg_report *rep, struct sc_err *err)
{
	struct cfg_report own = { 0 };
	struct cfg_report *r = rep ? rep : &own;
	int before = r->n;
	struct ini_doc doc;
	struct tctx t = { &doc, name, r, cl };
	size_t len = strlen(text);

	memset(cl, 0, sizeof *cl);
	if (ini_parse(&doc, text, len, name, r) == 0) {
		read_header(&t);
		read_rules(&t);
		read_labels(&t);
		read_body(&t);
	}
	ini_free(&doc);
	if (r->n > before) {
		/* the first problem of this file (the report is sorted by line) */
		const struct cfg_problem *p = NULL;
		for (int i = 0; i < r->n; i++)
			if (strcmp(r->v[i].file, name) == 0 && (!p || r->v[i].line < p->line))
				p = &r->v[i];
		if (!p)
			p = &r->v[before];
		sc_fail(err, SC_ERR_INVALID, "%s:%d: %s", p->file, p->line, p->msg);
		checklist_clear(cl);
		cfg_report_free(&own);
		return SC_ERR_INVALID;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	if (sodium_init() < 0) {
		checklist_clear(cl);
		return sc_fail(err, SC_ERR_INVALID, "%s: libsodium failed to start", name);
	}
	crypto_hash_sha256(h, (const unsigned char *)text, len);
	sodium_bin2hex(cl->hash, sizeof cl->hash, h, sizeof h);
	return SC_OK;
}

int template_load(const char *path, struct checklist *cl, struct cfg_report *rep,
		  struct sc_err *err)
{
	size_t len;
	char *text = template_read_file(path, &len, err);
	memset(cl, 0, sizeof *cl);
	if (!text) {
		const char *m = err ? err->msg : "cannot read";
		size_t pl = strlen(path);
		if (strncmp(m, path, pl) == 0 && m[pl] == ':')
			m += pl + 2; /* the report names the file already */
		cfg_report_add(rep, path, 0, "%s", m);
		return err ? err->code : SC_ERR_IO;
	}
	if (strlen(text) != len) {
		int line = 1;
		for (const char *p = text; *p; p++)
			line += *p == '\n';
		cfg_report_add(rep, path, line, "NUL byte in the line");
		sc_fail(err, SC_ERR_INVALID, "%s:%d: NUL byte in the line", path, line);
		free(text);
		return SC_ERR_INVALID;
	}
	int rc = template_load_text(text, path, cl, rep, err);
	free(text);
	return rc;
}
