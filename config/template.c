/* template: placeholder until the configuration work lands. */
#include "template.h"

#include <stdlib.h>

void cfg_report_add(struct cfg_report *r, const char *file, int line, const char *fmt, ...)
{
	(void)r; (void)file; (void)line; (void)fmt;
}

void cfg_report_free(struct cfg_report *r) { free(r->v); }
void cfg_report_print(const struct cfg_report *r, FILE *out) { (void)r; (void)out; }

int template_load(const char *path, struct checklist *cl, struct cfg_report *rep,
		  struct sc_err *err)
{
	(void)path; (void)cl; (void)rep;
	return sc_fail(err, SC_ERR_INVALID, "templates not built yet");
}

int template_load_text(const char *text, const char *name, struct checklist *cl,
		       struct cfg_report *rep, struct sc_err *err)
{
	(void)text; (void)name; (void)cl; (void)rep;
	return sc_fail(err, SC_ERR_INVALID, "templates not built yet");
}

char *template_read_file(const char *path, size_t *len, struct sc_err *err)
{
	(void)path; (void)len;
	sc_fail(err, SC_ERR_INVALID, "templates not built yet");
	return NULL;
}
