/* checklist: lookups over the template model. */
#include "checklist.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void named_free(struct cl_named *v, int n)
{
	for (int i = 0; i < n; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(v[i].name[l]);
	free(v);
}

void checklist_clear(struct checklist *cl)
{
	if (!cl)
		return;
	for (int i = 0; i < cl->nitems; i++)
		for (int l = 0; l < LANG_COUNT; l++) {
			free(cl->items[i].text[l]);
			free(cl->items[i].basis[l]);
		}
	free(cl->items);
	for (int l = 0; l < LANG_COUNT; l++)
		free(cl->title[l]);
	named_free(cl->categories, cl->ncategories);
	named_free(cl->areas, cl->nareas);
	named_free(cl->types, cl->ntypes);
	named_free(cl->severities, cl->nseverities);
	for (int b = 0; b < cl->rules.nbands; b++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(cl->rules.bands[b].name[l]);
	free(cl->rules.bands);
	for (int v = 0; v < CL_LABELS; v++)
		for (int l = 0; l < LANG_COUNT; l++)
			free(cl->rules.answer_label[v][l]);
	memset(cl, 0, sizeof *cl);
}

int checklist_item_index(const struct checklist *cl, const char *id)
{
	for (int i = 0; i < cl->nitems; i++)
		if (strcasecmp(cl->items[i].id, id) == 0)
			return i;
	return -1;
}

static int named_index(const struct cl_named *v, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcasecmp(v[i].code, code) == 0)
			return i;
	return -1;
}

int checklist_type_index(const struct checklist *cl, const char *code)
{
	return named_index(cl->types, cl->ntypes, code);
}

int checklist_category_index(const struct checklist *cl, const char *code)
{
	return named_index(cl->categories, cl->ncategories, code);
}

int checklist_area_index(const struct checklist *cl, const char *code)
{
	return named_index(cl->areas, cl->nareas, code);
}

int checklist_severity_index(const struct checklist *cl, const char *code)
{
	return named_index(cl->severities, cl->nseverities, code);
}

int checklist_item_applies(const struct cl_item *it, int type)
{
	if (it->level != LEVEL_STALL || type < 0 || type >= CL_MAX_TYPES)
		return 0;
	return (it->applies >> type) & 1u;
}

int checklist_item_rectifies(const struct cl_item *it)
{
	return it->deadline_days > 0;
}

int checklist_item_critical(const struct cl_item *it, int type)
{
	if (it->critical)
		return 1;
	return type >= 0 && type < CL_MAX_TYPES && ((it->critical_types >> type) & 1u);
}

/* v in lang, else in the other language, else none */
static const char *in_lang(char *const v[LANG_COUNT], int lang, const char *none)
{
	if (lang >= 0 && lang < LANG_COUNT && v[lang])
		return v[lang];
	for (int l = 0; l < LANG_COUNT; l++)
		if (v[l])
			return v[l];
	return none;
}

const char *checklist_text(const struct cl_item *it, int lang) { return in_lang(it->text, lang, it->id); }

const char *checklist_basis(const struct cl_item *it, int lang) { return in_lang(it->basis, lang, ""); }

const char *checklist_name(const struct cl_named *n, int lang) { return in_lang(n->name, lang, n->code); }

const char *checklist_severity(const struct checklist *cl, const struct cl_item *it, int lang)
{
	if (it->severity < 0 || it->severity >= cl->nseverities)
		return "";
	return checklist_name(&cl->severities[it->severity], lang);
}

const char *checklist_answer_label(const struct checklist *cl, int v, int lang)
{
	if (!cl || v <= 0 || v >= CL_LABELS)
		return NULL;
	return in_lang(cl->rules.answer_label[v], lang, NULL);
}

int checklist_items_for(const struct checklist *cl, int type, int *out)
{
	int n = 0;
	for (int i = 0; i < cl->nitems; i++) {
		const struct cl_item *it = &cl->items[i];
		if (type < 0 ? it->level == LEVEL_MARKET : checklist_item_applies(it, type))
			out[n++] = i;
	}
	return n;
}
