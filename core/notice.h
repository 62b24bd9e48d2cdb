/* notice: the rectification notice (整改通知书) of a finalized inspection,
 * a printable, self-contained HTML page (A4, inline CSS, every value
 * escaped) for the market operator: each problem with its stall or market
 * area, item, finding, spots and deadline, and room for both signatures. */
#ifndef SC_NOTICE_H
#define SC_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* Build the notice of inspection `inspection_id` in lang (enum cl_lang).
 * *html is malloc'd (NUL-terminated, *len bytes); the caller frees it.
 * SC_ERR_STATE for a draft. */
int notice_html(struct db *db, int64_t inspection_id, int lang, char **html, size_t *len,
		struct sc_err *err);

/* Build the notice of the inspection with this uuid and write it to path
 * atomically (mode 0644); an existing file only when overwrite is set. */
int notice_write(struct db *db, const char *inspection_uuid, int lang, const char *path,
		 int overwrite, struct sc_err *err);

#endif
