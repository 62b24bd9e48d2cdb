/* report_md: the summary as Markdown text, for pasting into a message.
 * Cell text is escaped (Markdown punctuation, pipes) and kept on one line. */
#include "report.h"

#include <string.h>

static void md_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			fputc(' ', f);
			continue;
		}
		if (strchr("\\`*_[]<>|#", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void md_section(void *ctx, int id, const char *title)
{
	(void)id;
	fprintf(ctx, "\n## ");
	md_text(ctx, title);
	fputs("\n\n", ctx);
}

static void md_para(void *ctx, const char *text)
{
	md_text(ctx, text);
	fputs("\n\n", ctx);
}

static void md_header(void *ctx, const char *const *cols, int n)
{
	FILE *f = ctx;
	fputc('|', f);
	for (int i = 0; i < n; i++) {
		fputc(' ', f);
		md_text(f, cols[i]);
		fputs(" |", f);
	}
	fputs("\n|", f);
	for (int i = 0; i < n; i++)
		fputs(" --- |", f);
	fputc('\n', f);
}

static void md_row(void *ctx, const struct rcell *c, int n)
{
	FILE *f = ctx;
	fputc('|', f);
	for (int i = 0; i < n; i++) {
		fputc(' ', f);
		md_text(f, c[i].text);
		fputs(" |", f);
	}
	fputc('\n', f);
}

static void md_end(void *ctx)
{
	fputc('\n', ctx);
}

int report_md(FILE *f, const struct summary *s, const struct report_opts *o)
{
	static const struct report_ops ops = { md_section, md_para, md_header, md_row, md_end };
	char scope[1024], when[32];
	report_scope(s, o->lang, scope, sizeof scope);
	report_time(o->now, when, sizeof when);
	fputs("# ", f);
	md_text(f, report_label(L_TITLE, o->lang));
	const char *colon = report_colon(o->lang);
	fprintf(f, "\n\n- %s%s%s ~ %s\n- %s%s", report_label(L_PERIOD, o->lang), colon, s->from, s->to,
		report_label(L_SCOPE, o->lang), colon);
	md_text(f, scope);
	fprintf(f, "\n- %s%s%s\n\n", report_label(L_GENERATED, o->lang), colon, when);
	report_walk(s, o->lang, &ops, f);
	return ferror(f) ? -1 : 0;
}
