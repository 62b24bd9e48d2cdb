/* tmpl: the one small substitution scheme of the report and notice
 * templates (config/report/: report and notice, HTML and CSS), so an office edits its
 * letterhead, seal and layout without touching C. docs/reports.md has the
 * full description; in short:
 *   {{name}}              the value, HTML-escaped (& < > " ' and control
 *                         characters; a newline becomes <br/>, XML-clean)
 *   {{{name}}}            the value as it is (HTML the program built: CSS,
 *                         tables, charts)
 *   {{#name}}…{{/name}}   a list: the block once per item (an item's names
 *                         first, then the outer ones); a value: the block
 *                         when it is not empty
 *   {{^name}}…{{/name}}   the block when name is empty, unset or an empty list
 *   {{! comment }}        nothing
 * A line holding only a block tag or a comment leaves no line behind.
 * Names are letters, digits, _ and . ; a template naming one its writer
 * does not give is refused at load time with FILE:LINE. */
#ifndef SC_TMPL_H
#define SC_TMPL_H

#include <stddef.h>

#include "err.h"

struct tmpl;
struct tmpl_vars;

/* Read and parse the template file path; every name it uses must be in
 * names (NULL-terminated). On error *out is NULL and err says
 * "FILE:LINE: what" (SC_ERR_INVALID) or that the file cannot be read. */
int tmpl_load(const char *path, const char *const *names, struct tmpl **out, struct sc_err *err);
/* The same from text; file names the text in messages. */
int tmpl_parse(const char *file, const char *text, size_t len, const char *const *names,
	       struct tmpl **out, struct sc_err *err);
void tmpl_free(struct tmpl *t);

/* Find dir/report/name for the first dir of dirs (NULL-terminated) that
 * has it into path; SC_ERR_NOTFOUND naming every place looked otherwise. */
int tmpl_find(const char *const *dirs, const char *name, char *path, size_t sz, struct sc_err *err);

/* tmpl_find, then tmpl_load: the template every writer opens. */
int tmpl_open(const char *const *dirs, const char *name, const char *const *names, struct tmpl **out,
	      struct sc_err *err);

/* check-config of a writer's page and style: both found and loaded with
 * the names the writer gives (stem "report": report.html, report.css). */
int tmpl_check_pair(const char *const *dirs, const char *stem, const char *const *names,
		    struct sc_err *err);

/* Values. A set owns copies of what it is given; allocation failure is
 * remembered and reported by tmpl_render. */
struct tmpl_vars *tmpl_vars_new(void);
void tmpl_vars_free(struct tmpl_vars *v);
void tmpl_set(struct tmpl_vars *v, const char *name, const char *text);
void tmpl_setf(struct tmpl_vars *v, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append an item to the list name (made on first use) and return it to
 * fill; NULL on allocation failure. tmpl_list makes an empty list. */
struct tmpl_vars *tmpl_add(struct tmpl_vars *v, const char *name);
void tmpl_list(struct tmpl_vars *v, const char *name);

/* Render t with v into a malloc'd NUL-terminated text (*len bytes). */
int tmpl_render(const struct tmpl *t, const struct tmpl_vars *v, char **out, size_t *len,
		struct sc_err *err);

/* A writer's page: stem.css rendered with v into its "css", then
 * stem.html with v, each from the first of dirs that has it (the report's
 * and the notice's pages: tmpl_check_pair checks the same two). */
int tmpl_page(const char *const *dirs, const char *stem, const char *const *names, struct tmpl_vars *v,
	      char **out, size_t *len, struct sc_err *err);

/* The page footer's words around the CSS counters of a page's style
 * ("{{l.page}}" counter(page) "{{l.of}}" counter(pages) "{{l.pages}}"), cut
 * from one sentence of the catalogue (lang) so that it is translated whole:
 * the report's and the notice's. */
void tmpl_page_words(struct tmpl_vars *v, int lang);

/* raw as HTML text, the one escaper of {{name}} and of the report's
 * writers: & < > " ' escaped, control characters dropped (utf8_clean), a
 * newline as <br/> (the report is also well-formed XML); given to put(ctx,
 * bytes, n) in runs. Never fails: it allocates nothing. */
void tmpl_esc(const char *raw, void (*put)(void *ctx, const char *s, size_t n), void *ctx);

#endif
