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

/* Print the page html (len bytes) to PDF: *pdf malloc'd, *pdflen bytes.
 * SC_ERR_NOTFOUND with the package to install when Chromium is missing;
 * SC_ERR_STATE when the watch stopped it. */
int pdf_print(const char *html, size_t len, char **pdf, size_t *pdflen, struct sc_err *err);

/* Called about every 50 ms while Chromium prints, with the milliseconds
 * since it started: an interface shows that it is alive and lets the user
 * stop it (a nonzero return kills Chromium). Set around one export by the
 * interface (the TUI's export screen), NULL for none: the exports that
 * call pdf_print take no callback of their own. */
typedef int (*pdf_watch_fn)(long elapsed_ms, void *ctx);
void pdf_set_watch(pdf_watch_fn fn, void *ctx);

#endif
