/* template: checklist templates (INI files) into struct checklist.
 * A line scanner of our own reads the values as iniparser 4.1 would, gives
 * every problem its line number, catches what iniparser accepts silently
 * (duplicate keys and sections, invalid UTF-8) and explains the lines
 * iniparser rejects. */
#ifndef SC_TEMPLATE_H
#define SC_TEMPLATE_H

#include <stdio.h>

#include "core/checklist.h"
#include "core/err.h"

/* One problem found in a file. */
struct cfg_problem {
	char file[512];
	int line;                 /* 0: the file as a whole */
	char msg[256];
};

struct cfg_report {
	struct cfg_problem *v;    /* owned; free with cfg_report_free */
	int n, cap;
};

void cfg_report_add(struct cfg_report *r, const char *file, int line,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void cfg_report_free(struct cfg_report *r);
/* Print every problem as "FILE:LINE: message". */
void cfg_report_print(const struct cfg_report *r, FILE *out);

/* Load and validate a template file. On success (no problems) fills cl,
 * which the caller frees with checklist_clear, and returns SC_OK. Otherwise
 * every problem goes to rep (may be NULL), err gets the first one, cl is
 * left empty, and SC_ERR_INVALID is returned. */
int template_load(const char *path, struct checklist *cl, struct cfg_report *rep,
		  struct sc_err *err);

/* The same from text in memory (a template pinned in the database); name is
 * used in messages. */
int template_load_text(const char *text, const char *name, struct checklist *cl,
		       struct cfg_report *rep, struct sc_err *err);

/* Read a whole file (NUL-terminated, malloc'd; caller frees). NULL on error,
 * also past TEMPLATE_FILE_MAX bytes (settings and templates are a few KiB;
 * /dev/zero or a wrong file must not fill the memory). */
#include "core/fsutil.h"
#define TEMPLATE_FILE_MAX FS_SMALL_MAX
char *template_read_file(const char *path, size_t *len, struct sc_err *err);

#endif
