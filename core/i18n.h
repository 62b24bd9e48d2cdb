/* i18n: the one message catalogue. Every string a user reads is written in
 * English in the source, marked, extracted by xgettext into po/stallcheck.pot
 * and translated in po/<lang>.po; the build compiles each .po with msgfmt
 * into a table linked into the program (core/i18n_tables.c, generated), so a
 * machine without the system locale still shows the user's language.
 * See docs/i18n.md. */
#ifndef SC_I18N_H
#define SC_I18N_H

/* The language every later lookup uses (enum cl_lang; LANG_EN shows the
 * source strings). Set once at start-up from the settings or --lang, before
 * any thread starts. The library starts in English so tests read msgids. */
void i18n_set_lang(int lang);
int i18n_lang(void);

/* msgid in the current language: the catalogue's translation, else msgid.
 * format_arg: the compiler checks a printf format against the msgid. */
const char *sc_tr(const char *msgid) __attribute__((format_arg(1)));

/* The same in a given language, whatever the current one. */
const char *sc_tr_lang(int lang, const char *msgid) __attribute__((format_arg(2)));

/* msgid in a context (msgctxt): the same English word that needs two
 * translations ("Name" of a person, of a market) is told apart by ctx. */
const char *sc_trc(const char *ctx, const char *msgid) __attribute__((format_arg(2)));
const char *sc_trc_lang(int lang, const char *ctx, const char *msgid) __attribute__((format_arg(3)));

/* A count's phrase: one (n == 1) or many in English; a catalogue entry
 * with plural forms gives its first form (Chinese has one form). */
const char *sc_ntr(const char *one, const char *many, long n)
	__attribute__((format_arg(1))) __attribute__((format_arg(2)));
/* The same in a given language and context (a report's count). */
const char *sc_ntrc_lang(int lang, const char *ctx, const char *one, const char *many, long n)
	__attribute__((format_arg(3))) __attribute__((format_arg(4)));

/* _(s): translated here; N_(s): only marked for extraction (a table entry
 * translated where it is shown). The functions that take a format and
 * translate it themselves (sc_fail, sc_err_prefix, cfg_report_add,
 * cli_error...) are extraction keywords: their literal needs no mark. */
#define _(s) sc_tr(s)
#define N_(s) s
/* C_(ctx, s): translated in context ctx; NC_(ctx, s): marked only (a table
 * keeps ctx beside s and calls sc_trc where it is shown). */
#define C_(c, s) sc_trc(c, s)
#define NC_(c, s) s

#endif
