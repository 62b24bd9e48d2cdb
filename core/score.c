/* score: pure functions; see docs/scoring.md for the rules in words. */
#include "score.h"

#include <stdio.h>
#include <string.h>

static const char *const verdict_names[V_COUNT] = {
	"", "pass", "fail", "na", "not_observed",
};

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
		    int *out_verdict, int *out_earned, const char **why)
{
	*out_earned = 0;
	*out_verdict = verdict;
	switch (verdict) {
	case V_NA:
		if (!it->allow_na) {
			*why = "this item does not allow n/a";
			return -1;
		}
		return 0;
	case V_NOT_OBSERVED:
		if (!it->allow_not_observed) {
			*why = "this item does not allow 'not observed'";
			return -1;
		}
		return 0;
	case V_PASS:
		*out_earned = it->points;
		return 0;
	case V_FAIL:
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
		*why = "this item is answered pass or fail";
		return -1;
	}
	if (points < 0 || points > it->points) {
		*why = "points out of range";
		return -1;
	}
	*out_earned = points;
	*out_verdict = points == it->points ? V_PASS : V_FAIL;
	return 0;
}

void score_part_add(struct score_part *p, const struct cl_item *it, int type,
		    int verdict, int earned)
{
	if (verdict == V_NONE)
		return;
	p->answered++;
	if (verdict == V_NA || verdict == V_NOT_OBSERVED)
		return;
	p->earned += earned;
	p->possible += it->points;
	if (verdict == V_FAIL) {
		p->fails++;
		if (checklist_item_critical(it, type))
			p->critical_fails++;
	}
}

static double part_ratio(const struct score_part *p)
{
	return p->possible > 0 ? p->earned / p->possible : -1.0;
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

int score_band(const struct cl_rules *r, double score, int critical_fails)
{
	if (r->critical_fails && critical_fails > 0)
		return BAND_FAIL;
	if (score < 0)
		return BAND_NONE;
	double s = score_round(score);
	if (s >= r->band_good)
		return BAND_GOOD;
	if (s >= r->band_pass)
		return BAND_PASS;
	return BAND_FAIL;
}

static void score_answers(const struct checklist *cl, int type,
			  const struct sc_answer *a, int n, struct score_part *p)
{
	for (int i = 0; i < n; i++) {
		const struct cl_item *it;
		int v, earned;
		const char *why;

		if (a[i].item < 0 || a[i].item >= cl->nitems)
			continue;
		it = &cl->items[a[i].item];
		if (score_normalize(it, a[i].verdict, a[i].points, &v, &earned, &why) == 0)
			score_part_add(p, it, type, v, earned);
	}
}

void score_stall(const struct checklist *cl, int type,
		 const struct sc_answer *a, int n, struct stall_score *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < cl->nitems; i++)
		if (checklist_item_applies(&cl->items[i], type))
			out->p.applicable++;
	score_answers(cl, type, a, n, &out->p);
	out->ratio = part_ratio(&out->p);
	out->score = out->ratio < 0 ? -1.0 : score_round(out->ratio * 100.0);
	out->band = score_band(&cl->rules, out->score, out->p.critical_fails);
}

void score_market_items(const struct checklist *cl, const struct sc_answer *a,
			int n, struct score_part *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < cl->nitems; i++)
		if (cl->items[i].level == LEVEL_MARKET)
			out->applicable++;
	score_answers(cl, -1, a, n, out);
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
	double mr = part_ratio(mw);
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

static const char *const band_codes[BAND_COUNT] = { "none", "good", "pass", "fail" };
static const char *const band_labels[BAND_COUNT][LANG_COUNT] = {
	{ "未评", "none" }, { "好", "good" }, { "合格", "pass" }, { "不合格", "fail" },
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
	return band_labels[band][lang == LANG_EN ? LANG_EN : LANG_ZH];
}
