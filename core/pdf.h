/* pdf: an HTML page printed to PDF by headless Chromium when it is
 * installed (the reports and notices are self-contained pages whose print
 * rules Chromium follows: A4, page x/y, repeated table headers). Chromium
 * runs with a private temporary profile, no network and a time limit. */
#ifndef SC_PDF_H
#define SC_PDF_H

#include <stddef.h>

#include "err.h"

/* Seconds Chromium may take before it is stopped. */
#define PDF_TIMEOUT 90

/* Called about every 50 ms while Chromium prints, with the milliseconds
 * since it started: an interface shows that it is alive and lets the user
 * stop it (a nonzero return kills Chromium). Given with each print (the
 * report's and the notice's options carry it), NULL for none. */
typedef int (*pdf_watch_fn)(long elapsed_ms, void *ctx);

/* Print the page html (len bytes) to PDF: *pdf malloc'd, *pdflen bytes.
 * SC_ERR_NOTFOUND with the package to install when Chromium is missing;
 * SC_ERR_STATE when watch (may be NULL; ctx its argument) stopped it. */
int pdf_print(const char *html, size_t len, pdf_watch_fn watch, void *ctx, char **pdf, size_t *pdflen,
	      struct sc_err *err);

/* The page in *doc (malloc'd, *len bytes) replaced by its PDF, the step the
 * report and the notice share before writing: the HTML is freed either
 * way; on error *doc is NULL. */
int pdf_from_html(char **doc, size_t *len, pdf_watch_fn watch, void *ctx, struct sc_err *err);

#endif
