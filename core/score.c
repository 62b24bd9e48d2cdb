/* score: pure functions; see docs/scoring.md for the rules in words. */
#include "score.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

static const char *const verdict_names[V_COUNT] = {
	"", "pass", "fail", "na", "not_observed", "corrected", "partial",
};
_Static_assert(V_COUNT <= CL_LABELS, "a template label for every verdict");

int verdict_is_problem(int v)
{
	return v == V_FAIL || v == V_CORRECTED || v == V_PARTIAL;
}

int verdict_from_name(const char *s)
{
	for (int v = V_PASS; v < V_COUNT; v++)
		if (s && strcmp(s, verdict_names[v]) == 0)
			return v;
	return V_NONE;
}

const char *verdict_name(int v)
{
	return v > V_NONE && v < V_COUNT ? verdict_names[v] : "";
}

int score_normalize(const struct cl_item *it, int verdict, int points,
		    int *out_verdict, double *out_earned, const char **why)
{
	*out_earned = 0;
	*out_verdict = verdict;
	switch (verdict) {
	case V_NA:
		if (!it->allow_na) {
			*why = N_("this item does not allow n/a");
			return -1;
		}
		return 0;
	case V_NOT_OBSERVED:
		if (!it->allow_not_observed) {
			*why = N_("this item does not allow 'not observed'");
			return -1;
		}
		return 0;
	case V_PASS:
		*out_earned = it->points;
		return 0;
	case V_PARTIAL:
		if (it->partial_points < 0) {
			*why = N_("this item has no partial answer");
			return -1;
		}
		*out_earned = it->partial_points;
		return 0;
	case V_FAIL:
	case V_CORRECTED: /* scored as the fail it was; only the rectification differs */
		if (it->kind == KIND_POINTS && points > 0 && points < it->points) {
			*out_earned = points;  /* a fail with partial points */
			return 0;
		}
		*out_earned = 0;
		return 0;
	default: /* V_NONE: points given directly */
		break;
	}
	if (it->kind != KIND_POINTS) {
		*why = N_("this item is answered pass or fail");
		return -1;
	}
	if (points < 0 || points > it->points) {
		*why = N_("points out of range");
		return -1;
	}
	*out_earned = points;
	*out_verdict = points == it->points ? V_PASS : V_FAIL;
	return 0;
}

double score_spot_earned(const struct cl_item *it, int verdict, int spots, double earned)
{
	if ((verdict == V_FAIL || verdict == V_CORRECTED) && it->minor_spots > 0 && spots >= 1 &&
	    spots <= it->minor_spots)
		return it->minor_points;
	return earned;
}

void score_part_add(struct score_part *p, const struct cl_item *it, int type,
		    int verdict, double earned)
{
	if (verdict == V_NONE)
		return;
	p->answered++;
	if (verdict == V_NA || verdict == V_NOT_OBSERVED)
		return;
	if (it->points == 0) { /* informational: recorded, never scored */
		p->info_fails += verdict_is_problem(verdict);
		return;
	}
	p->earned += earned;
	p->possible += it->points;
	if (verdict_is_problem(verdict)) {
		p->fails++;
		p->corrected += verdict == V_CORRECTED;
		if (checklist_item_critical(it, type))
			p->critical_fails++;
	}
}

/* earned / possible, or in demerit mode (100 - points lost) / 100 floored
 * at 0; -1 with nothing scorable */
static double part_ratio(const struct cl_rules *r, const struct score_part *p)
{
	if (p->possible <= 0)
		return -1.0;
	if (r->demerit) {
		double left = 100.0 - (p->possible - p->earned);
		return left > 0 ? left / 100.0 : 0.0;
	}
	return p->earned / p->possible;
}

double score_round(double score)
{
	if (score < 0)
		return -1.0;
	/* the epsilon keeps a ratio like 0.7525 (binary 75.2499999...) at 75.3 */
	return (double)(long)(score * 10.0 + 0.5 + 1e-9) / 10.0;
}

const char *score_text(double score, const char *none, char *buf, size_t n)
{
	if (score < 0)
		snprintf(buf, n, "%s", none);
	else
		snprintf(buf, n, "%.1f", score_round(score));
	return buf;
}

int score_nbands(const struct cl_rules *r)
{
	return r->nbands > 0 ? r->nbands : 3;
}

/* the lower bound of band b (1-based, highest first) */
static int band_min(const struct cl_rules *r, int b)
{
	if (r->nbands > 0)
		return r->bands[b - 1].min;
	return b == BAND_GOOD ? r->band_good : b == BAND_PASS ? r->band_pass : 0;
}

int score_band(const struct cl_rules *r, double score, int critical_fails)
{
	int n = score_nbands(r);
	if (r->critical_fails && critical_fails > 0)
		return n;
	if (score < 0)
		return BAND_NONE;
	double s = score_round(score);
	for (int b = 1; b < n; b++)
		if (s >= band_min(r, b))
			return b;
	return n;
}

int score_stall_band(const struct cl_rules *r, double score, int critical_fails)
{
	int b = score_band(r, score, critical_fails);
	if (b != BAND_NONE && r->stall_pass_line > 0 && score_round(score) < r->stall_pass_line)
		return score_nbands(r);
	return b;
}

int score_band_class(const struct cl_rules *r, int band)
{
	int n = score_nbands(r);
	if (band <= BAND_NONE || band > n)
		return BAND_NONE;
	if (band == n)
		return BAND_FAIL;
	return band == 1 && n >= 3 ? BAND_GOOD : BAND_PASS;
}

const char *score_band_grade(const struct cl_rules *r, int band)
{
	return r->nbands > 0 && band > 0 && band <= r->nbands ? r->bands[band - 1].code : "";
}

const char *score_band_name(const struct cl_rules *r, int band, int lang)
{
	if (r->nbands > 0 && band > 0 && band <= r->nbands) {
		const struct cl_band *b = &r->bands[band - 1];
		const char *n = b->name[lang == LANG_EN ? LANG_EN : LANG_ZH];
		return n ? n : b->name[LANG_ZH] ? b->name[LANG_ZH] : b->name[LANG_EN] ? b->name[LANG_EN] : b->code;
	}
	return band_label(score_band_class(r, band), lang);
}

/* add the answers (of the items of category cat; -1: all) to p */
static void score_answers(const struct checklist *cl, int type, const struct sc_answer *a, int n,
			  int cat, struct score_part *p)
{
	for (int i = 0; i < n; i++) {
		const struct cl_item *it;
		int v;
		double earned;
		const char *why;

		if (a[i].item < 0 || a[i].item >= cl->nitems)
			continue;
		it = &cl->items[a[i].item];
		if (cat >= 0 && it->category != cat)
			continue;
		if (score_normalize(it, a[i].verdict, a[i].points, &v, &earned, &why) == 0)
			score_part_add(p, it, type, v, score_spot_earned(it, v, a[i].spots, earned));
	}
}

void score_category(const struct checklist *cl, int type, const struct sc_answer *a, int n, int cat,
		    struct score_part *out)
{
	memset(out, 0, sizeof *out);
	score_answers(cl, type, a, n, cat, out);
	out->ratio = part_ratio(&cl->rules, out);
}

/* The part's ratio; with category weights ([category.X] weight) the
 * weighted mean of each category's ratio, over the categories that have
 * something scorable in the part. */
static double weighted_ratio(const struct checklist *cl, int type, const struct sc_answer *a, int n,
			     const struct score_part *all)
{
	if (!cl->rules.category_weights)
		return part_ratio(&cl->rules, all);
	double sum = 0, w = 0;
	for (int c = 0; c < cl->ncategories; c++) {
		struct score_part pc;
		score_category(cl, type, a, n, c, &pc);
		if (pc.ratio >= 0) {
			sum += cl->categories[c].weight * pc.ratio;
			w += cl->categories[c].weight;
		}
	}
	return w > 0 ? sum / w : -1.0;
}

void score_stall(const struct checklist *cl, int type,
		 const struct sc_answer *a, int n, struct stall_score *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < cl->nitems; i++)
		if (checklist_item_applies(&cl->items[i], type))
			out->p.applicable++;
	score_answers(cl, type, a, n, -1, &out->p);
	out->ratio = out->p.ratio = weighted_ratio(cl, type, a, n, &out->p);
	out->score = out->ratio < 0 ? -1.0 : score_round(out->ratio * 100.0);
	out->band = score_stall_band(&cl->rules, out->score, out->p.critical_fails);
}

void score_market_items(const struct checklist *cl, const struct sc_answer *a,
			int n, struct score_part *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < cl->nitems; i++)
		if (cl->items[i].level == LEVEL_MARKET)
			out->applicable++;
	score_answers(cl, -1, a, n, -1, out);
	out->ratio = weighted_ratio(cl, -1, a, n, out);
}

void score_market(const struct checklist *cl, const struct score_part *mw,
		  const struct stall_score *stalls, int nstalls,
		  struct market_score *out)
{
	double sum = 0, weight = 0, total = 0;

	memset(out, 0, sizeof *out);
	out->market = *mw;
	out->critical_fails = mw->critical_fails;
	for (int i = 0; i < nstalls; i++) {
		out->critical_fails += stalls[i].p.critical_fails;
		if (stalls[i].ratio >= 0) { /* unrounded: a score is rounded once, at the end */
			sum += stalls[i].ratio;
			out->stalls_scored++;
		}
	}
	out->stall_mean = out->stalls_scored ? sum / out->stalls_scored : -1.0;
	double mr = mw->ratio;
	/* a part with nothing scorable drops out and the other is rescaled */
	if (mr >= 0) {
		total += cl->rules.market_points * mr;
		weight += cl->rules.market_points;
	}
	if (out->stall_mean >= 0) {
		total += cl->rules.stall_points * out->stall_mean;
		weight += cl->rules.stall_points;
	}
	out->score = weight > 0 ? score_round(100.0 * total / weight) : -1.0;
	out->band = score_band(&cl->rules, out->score, out->critical_fails);
}

const char *score_stored_band_name(const struct cl_rules *r, int band_class, const char *grade,
				   int lang)
{
	for (int b = 0; r && grade && *grade && b < r->nbands; b++)
		if (strcmp(r->bands[b].code, grade) == 0)
			return score_band_name(r, b + 1, lang);
	return band_label(band_class, lang);
}

/* one part as "47/52 = 0.903846" or "100 - (52 - 47) = 95 -> 0.950000" */
static void part_formula(const struct cl_rules *r, const struct score_part *p, int lang, char *buf, size_t n)
{
	if (r->category_weights)
		snprintf(buf, n, sc_tr_lang(lang, "%g/%g, weighted by category = %.6f"), p->earned, p->possible,
			 p->ratio);
	else if (r->demerit)
		snprintf(buf, n, "100 - (%g - %g) = %g -> %.6f", p->possible, p->earned,
			 100.0 * part_ratio(r, p), part_ratio(r, p));
	else
		snprintf(buf, n, "%g/%g = %.6f", p->earned, p->possible, part_ratio(r, p));
}

const char *score_formula(const struct checklist *cl, const struct market_score *ms, int lang,
			  char *buf, size_t n)
{
	const struct cl_rules *r = &cl->rules;
	double mr = ms->market.ratio;
	char mw[96] = "-", sum[160] = "", sc[16];
	int wm = mr >= 0 ? r->market_points : 0, ws = ms->stall_mean >= 0 ? r->stall_points : 0;
	if (mr >= 0)
		part_formula(r, &ms->market, lang, mw, sizeof mw);
	if (wm && ws)
		snprintf(sum, sizeof sum, "(%d × %.6f + %d × %.6f) ÷ %d", wm, mr, ws, ms->stall_mean,
			 wm + ws);
	else if (wm || ws)
		snprintf(sum, sizeof sum, "%.6f", wm ? mr : ms->stall_mean);
	if (!wm && !ws) {
		snprintf(buf, n, "%s", sc_tr_lang(lang, "formula: nothing scorable"));
		return buf;
	}
	/* how each stall's ratio was made, as part_formula says it for the market */
	const char *how = r->category_weights ? sc_tr_lang(lang, "each stall's ratio weighted by category")
			  : r->demerit ? sc_tr_lang(lang, "each stall's earned/possible, as 100 minus deductions")
			  : sc_tr_lang(lang, "each stall's earned/possible");
	snprintf(buf, n, sc_tr_lang(lang, "formula: market-wide %s; stalls: mean of %d ratios (%s) = %.6f;"
				    " score = 100 × %s = %s"),
		 mw, ms->stalls_scored, how, ms->stall_mean < 0 ? 0.0 : ms->stall_mean, sum,
		 score_text(ms->score, "--", sc, sizeof sc));
	return buf;
}

/* the codes the database and scripts keep, translated where shown */
static const char *const band_codes[BAND_COUNT] = {
	NC_("band", "none"), NC_("band", "good"), NC_("band", "pass"), NC_("band", "fail")
};

const char *band_code(int band)
{
	return band >= 0 && band < BAND_COUNT ? band_codes[band] : "none";
}

int band_from_code(const char *s)
{
	for (int b = 0; b < BAND_COUNT; b++)
		if (s && strcmp(s, band_codes[b]) == 0)
			return b;
	return BAND_NONE;
}

const char *band_label(int band, int lang)
{
	if (band < 0 || band >= BAND_COUNT)
		band = BAND_NONE;
	return sc_trc_lang(lang == LANG_EN ? LANG_EN : LANG_ZH, "band", band_codes[band]);
}
