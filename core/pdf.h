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
 * SC_ERR_NOTFOUND with the package to install when Chromium is missing. */
int pdf_print(const char *html, size_t len, char **pdf, size_t *pdflen, struct sc_err *err);

/* The page in *doc (malloc'd, *len bytes) replaced by its PDF, the step the
 * report and the notice share before writing: the HTML is freed either
 * way; on error *doc is NULL. */
int pdf_from_html(char **doc, size_t *len, struct sc_err *err);

#endif
