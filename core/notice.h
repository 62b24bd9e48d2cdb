/* notice: the rectification notice (整改通知书) of a finalized inspection,
 * a printable, self-contained HTML page (A4, inline CSS, every value
 * escaped) for the market operator: each problem with its stall or market
 * area, item, finding, spots and deadline, and room for both signatures. */
#ifndef SC_NOTICE_H
#define SC_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "pdf.h"

struct notice_opts {
	int lang;                  /* enum cl_lang */
	const char *unit;          /* issuing unit ([inspector] unit), NULL/"": none */
	const char *prefix;        /* 文号 code ([notice] number_prefix), NULL/"": no number */
	const char *const *tpl_dirs; /* where report/notice.html and .css are looked for, in
				      * order (NULL-terminated; settings_tpl_dirs) */
	int pdf;                   /* notice_write: print to PDF (pdf.h) instead of HTML */
	pdf_watch_fn watch;        /* while Chromium prints it, may be NULL */
	void *wctx;
};

/* Can the notice templates of dirs be found and parsed (SC_OK), else why
 * (FILE:LINE: what). For check-config. */
int notice_templates_check(const char *const *dirs, struct sc_err *err);

/* Build the notice of inspection `inspection_id` with the number it was
 * given (none yet: no number). *html is malloc'd (NUL-terminated, *len
 * bytes); the caller frees it. SC_ERR_STATE for a draft. */
int notice_html(struct db *db, int64_t inspection_id, const struct notice_opts *o, char **html,
		size_t *len, struct sc_err *err);

/* The notice number (文号) of the inspection into out: the one it was given
 * before, else, when prefix is set, the next of the sequence of its day's
 * year in this database (meta notice_seq:YEAR), "PREFIX〔YEAR〕N号", kept
 * for the inspection (meta notice_no:UUID) so a reprint says the same.
 * "" with no prefix and no number yet. SC_ERR_STATE for a draft. */
int notice_number(struct db *db, int64_t inspection_id, const char *prefix, char *out, size_t sz,
		  struct sc_err *err);

/* Number (o->prefix) and build the notice of the inspection with this
 * uuid and write it to path atomically (mode 0600), as PDF when o->pdf;
 * an existing file only when overwrite is set. */
int notice_write(struct db *db, const char *inspection_uuid, const struct notice_opts *o,
		 const char *path, int overwrite, struct sc_err *err);

#endif
