/* app: tui_run and the one main loop: redraw when needed, read a key, turn
 * it into a named action, hand it to the screen on top, act on the flags it
 * returns (REDRAW, PUSH, POP, HOME, QUIT). Also the modal form / question
 * widget and the status line, which every screen shares. */
#include "tui.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "app.h"
#include "config/template.h"
#include "core/fsutil.h"
#include "core/rectify.h"
#include "core/score.h"
#include "core/store.h"
#include "core/utf8.h"
#include "curses.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define MIN_W 60
#define MIN_H 16

void app_push(struct app *a, const struct screen *s, int64_t arg)
{
	a->next = s;
	a->next_arg = arg;
}

void app_msg(struct app *a, int err, const char *fmt, ...)
{
	va_list ap;
	char full[4096];
	va_start(ap, fmt);
	vsnprintf(full, sizeof full, fmt, ap);
	va_end(ap);
	utf8_copy(a->status, sizeof a->status, full); /* a long reason: cut between characters */
	a->status_err = err;
}

int app_fits(struct app *a, const char *label, const char *v, size_t size)
{
	char m[300];
	if (strlen(v) < size)
		return 1;
	app_msg(a, 1, "%s", txf(m, sizeof m, T_FIELD_TOO_LONG, label, (int)size - 1, ((int)size - 1) / 3));
	return 0;
}

void app_form(struct app *a, const char *title, const char *hint, int n,
	      const char *const labels[], const char *const init[], form_submit_fn submit)
{
	a->modal = 1;
	snprintf(a->m_title, sizeof a->m_title, "%s", title);
	snprintf(a->m_hint, sizeof a->m_hint, "%s", hint ? hint : "");
	a->m_n = n > FORM_FIELDS ? FORM_FIELDS : n;
	a->m_cur = 0;
	for (int i = 0; i < a->m_n; i++) {
		a->m_label[i] = labels[i];
		snprintf(a->m_val[i], sizeof a->m_val[i], "%s", init && init[i] ? init[i] : "");
	}
	a->m_submit = submit;
	a->m_esc_quits = 0;
	a->m_note = -1;
}

void app_form_note(struct app *a, int i, const char *init)
{
	a->m_note = i;
	UTF8_COPY(a->m_note_text, init ? init : "");
}

int app_list_keys(int action, int *sel, int n)
{
	if (action == A_QUIT)
		return R_QUIT;
	if (action == A_BACK)
		return R_POP;
	return app_list_nav(action, sel, n);
}

int app_list_nav(int action, int *sel, int n)
{
	enum { PAGE = 10 };
	switch (action) {
	case A_UP:
		*sel -= *sel > 0;
		return R_REDRAW;
	case A_DOWN:
		*sel += *sel + 1 < n;
		return R_REDRAW;
	case A_PGUP:
		*sel = *sel > PAGE ? *sel - PAGE : 0;
		return R_REDRAW;
	case A_PGDN:
		*sel = *sel + PAGE < n ? *sel + PAGE : (n ? n - 1 : 0);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

void app_list_view(struct app *a, int *sel, int *top, int n, int y0, int rows)
{
	if (*sel < *top)
		*top = *sel;
	if (rows > 0 && *sel >= *top + rows)
		*top = *sel - rows + 1;
	a->l_sel = sel;
	a->l_top = *top;
	a->l_n = n;
	a->l_y0 = y0;
	a->l_rows = rows;
}

void app_confirm(struct app *a, const char *question, confirm_fn fn)
{
	a->modal = 2;
	UTF8_COPY(a->m_title, question); /* draw_modal wraps it and keeps its end in sight */
	a->m_confirm = fn;
}

static void draw_modal(struct app *a, int h, int w)
{
	int bw = w - 4 > 76 ? 76 : w - 4;
	int bx = (w - bw) / 2;
	if (a->modal == 2) {
		/* the question wraps (by display columns) so its end, where the
		 * question itself is, stays in sight after a long market name */
		char lines[4][DRAW_WRAP_LINE];
		int n = draw_wrap(a->m_title, bw - 4, lines, 4, 1);
		int by = h / 2 - 2;
		if (by + n + 3 > h)
			by = h - n - 3 > 0 ? h - n - 3 : 0;
		draw_box(by, bx, n + 3, bw, ROLE_SELECTED);
		for (int i = 0; i < n; i++)
			draw_text(by + 1 + i, bx + 2, bw - 4, ROLE_SELECTED, lines[i]);
		draw_text(by + 1 + n, bx + 2, bw - 4, ROLE_SELECTED, "[y/n]");
		return;
	}
	char hint[3][DRAW_WRAP_LINE]; /* the hint wraps too: a list of stall types is long */
	int nh = draw_wrap(a->m_hint, bw - 4, hint, 3, 0);
	int bh = a->m_n + 4 + nh;
	int by = h - bh;
	if (by < 0)
		by = 0;
	draw_box(by, bx, bh, bw, ROLE_SELECTED);
	draw_text(by + 1, bx + 2, bw - 4, ROLE_SELECTED, a->m_title);
	int lw = 0;
	for (int i = 0; i < a->m_n; i++)
		if (utf8_width(a->m_label[i]) > lw)
			lw = utf8_width(a->m_label[i]);
	for (int i = 0; i < a->m_n; i++) {
		char lab[128], line[600];
		draw_cell(lab, sizeof lab, a->m_label[i], lw);
		/* show the end of a long value: cut from the left */
		const char *v = i == a->m_note ? a->m_note_text : a->m_val[i];
		int room = bw - 4 - lw - 6, vw = utf8_width(v); /* a line break counts 1, as drawn */
		while (vw > room && *v) {
			uint32_t cp;
			int k = utf8_decode(v, strlen(v), &cp);
			vw -= cp == '\n' ? 1 : utf8_cp_width(cp);
			v += k > 0 ? k : 1;
		}
		snprintf(line, sizeof line, "%s %s: %s%s", i == a->m_cur ? ">" : " ", lab, v,
			 i == a->m_cur ? "_" : "");
		draw_text(by + 2 + i, bx + 2, bw - 4, ROLE_SELECTED, line);
	}
	for (int i = 0; i < nh; i++)
		draw_text(by + 2 + a->m_n + i, bx + 2, bw - 4, ROLE_SELECTED, hint[i]);
	draw_text(by + bh - 2, bx + 2, bw - 4, ROLE_SELECTED,
		  tx(a->m_esc_quits ? T_FORM_KEYS_QUIT : T_FORM_KEYS));
}

/* The field being edited, and its size. */
static char *field_buf(struct app *a, size_t *cap)
{
	if (a->m_cur == a->m_note) {
		*cap = sizeof a->m_note_text;
		return a->m_note_text;
	}
	*cap = sizeof a->m_val[0];
	return a->m_val[a->m_cur];
}

/* Put one character into the field being edited; -1 when it is full
 * (said on the status line, what is there is kept). */
static int field_put(struct app *a, uint32_t cp)
{
	size_t cap;
	char *v = field_buf(a, &cap), m[200];
	if (a->m_cur == a->m_note) {
		if (utf8_chars(v) < STORE_NOTE_CHARS && utf8_put(v, cap, cp) == 0)
			return 0;
		app_msg(a, 1, "%s", txf(m, sizeof m, T_NOTE_FULL, STORE_NOTE_CHARS));
		return -1;
	}
	if (utf8_put(v, cap, cp) == 0)
		return 0;
	app_msg(a, 1, "%s", txf(m, sizeof m, T_FIELD_FULL, (int)cap - 1, ((int)cap - 1) / 3));
	return -1;
}

/* A paste is text for the field being edited, never keys: outside a form
 * it is refused whole. Line breaks stay in a note and are spaces in a
 * one-line field; other control characters are dropped, and counted. */
static void paste(struct app *a, const char *s, size_t n)
{
	int dropped = 0;
	char m[200];
	if (a->modal != 1) {
		app_msg(a, 1, "%s", tx(T_PASTE_NOWHERE));
		return;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		i += k > 0 ? (size_t)k : 1;
		if (cp == '\r' && i < n && s[i] == '\n')
			continue; /* CR LF: one line break, the LF's */
		if (cp == '\r' || cp == '\n')
			cp = a->m_cur == a->m_note ? '\n' : ' ';
		else if (cp == '\t')
			cp = ' ';
		else if (k <= 0 || utf8_is_control(cp, NULL)) {
			dropped++;
			continue;
		}
		if (field_put(a, cp) < 0)
			return;
	}
	if (dropped)
		app_msg(a, 1, "%s", txf(m, sizeof m, T_PASTE_CTRL, dropped));
}

static int modal_key(struct app *a, int key)
{
	if (a->modal == 2) {
		/* only y: an Enter meant for the screen underneath must not
		 * approve a record or resume a draft */
		if (key == 'y' || key == 'Y') {
			a->modal = 0;
			return a->m_confirm(a, 1) | R_REDRAW;
		}
		if (key == 'n' || key == 'N' || key == 27) {
			a->modal = 0;
			return a->m_confirm(a, 0) | R_REDRAW;
		}
		return R_NONE;
	}
	size_t cap;
	char *v = field_buf(a, &cap);
	if (key == 27) {
		a->modal = 0;
		return a->m_esc_quits ? R_QUIT : R_REDRAW;
	}
	if (key == '\n' || key == '\r' || key == ACTION_FKEY + KEY_ENTER) {
		int f = a->m_submit(a, a->m_val, a->m_n);
		if (!(f & R_KEEP))
			a->modal = 0;
		return (f & ~R_KEEP) | R_REDRAW;
	}
	if (key == '\t' || key == ACTION_FKEY + KEY_DOWN) {
		a->m_cur = (a->m_cur + 1) % a->m_n;
	} else if (key == ACTION_FKEY + KEY_BTAB || key == ACTION_FKEY + KEY_UP) {
		a->m_cur = (a->m_cur + a->m_n - 1) % a->m_n;
	} else if (key == ACTION_FKEY + KEY_BACKSPACE || key == 127 || key == 8) {
		size_t len = strlen(v);
		if (len)
			v[utf8_prev(v, len)] = 0;
	} else if (key == 21) { /* C-u clears the field */
		v[0] = 0;
	} else if (key >= 0 && key < ACTION_FKEY && utf8_is_control((uint32_t)key, NULL)) {
		app_msg(a, 1, "%s", tx(T_CTRL_KEY)); /* typed, e.g. C-a: nothing goes in */
	} else if (key >= 0 && key < ACTION_FKEY) {
		field_put(a, (uint32_t)key);
	}
	return R_REDRAW;
}

static void redraw(struct app *a)
{
	static const struct screen *last_top;
	static int last_modal;
	int h = LINES, w = COLS;
	/* an overlay that opens or closes may have cut double-width characters
	 * in half: repaint everything then instead of trusting the diff */
	if (last_modal != a->modal || last_top != a->stack[a->depth - 1])
		clearok(curscr, TRUE);
	last_modal = a->modal;
	last_top = a->stack[a->depth - 1];
	a->l_sel = NULL;
	erase();
	if (w < MIN_W || h < MIN_H) {
		char m[256];
		txf(m, sizeof m, T_TOO_SMALL, MIN_W, MIN_H, w, h);
		/* wrap the message over as many rows as it needs */
		const char *p = m;
		for (int y = 0; y < h && *p; y++) {
			size_t k = utf8_prefix_bytes(p, w);
			if (k == 0)
				break;
			char line[256];
			memcpy(line, p, k);
			line[k] = 0;
			draw_text(y, 0, w, ROLE_ERROR, line);
			p += k;
		}
		refresh();
		return;
	}
	a->stack[a->depth - 1]->draw(a, h - 1, w);
	if (a->modal)
		draw_modal(a, h - 1, w);
	draw_text(h - 1, 0, w, a->status_err ? ROLE_ERROR : ROLE_STATUS, a->status);
	refresh();
}

static void top_resume(struct app *a)
{
	if (a->depth > 0 && a->stack[a->depth - 1]->resume)
		a->stack[a->depth - 1]->resume(a);
}

/* Act on flags; returns 1 when the program should end. */
static int act(struct app *a, int f)
{
	for (int guard = 0; guard < 8; guard++) {
		if (f & R_QUIT)
			return 1;
		if (f & R_HOME) {
			a->depth = 1;
			top_resume(a);
			f &= ~(R_HOME | R_POP);
		}
		if (f & R_POP) {
			f &= ~R_POP;
			if (--a->depth <= 0)
				return 1;
			top_resume(a);
		}
		if ((f & R_PUSH) && a->next && a->depth < 8) {
			const struct screen *s = a->next;
			a->next = NULL;
			a->stack[a->depth++] = s;
			f = s->enter ? s->enter(a, a->next_arg) : R_NONE;
			f &= ~R_REDRAW;
			if (!f)
				return 0;
			continue;
		}
		return 0;
	}
	return 0;
}

/* A mouse event as an action: the wheel moves, a click on a row of the
 * list selects it (A_NONE after a redraw), a double click opens it. */
static int mouse_event(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return A_NONE;
	if (ev.bstate & BUTTON4_PRESSED)
		return A_UP;
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED)
		return A_DOWN;
#endif
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) || !a->l_sel)
		return A_NONE;
	int i = a->l_top + ev.y - a->l_y0;
	if (ev.y < a->l_y0 || ev.y >= a->l_y0 + a->l_rows || i < 0 || i >= a->l_n)
		return A_NONE;
	*a->l_sel = i;
	return ev.bstate & BUTTON1_DOUBLE_CLICKED ? A_SELECT : A_NONE;
}

#define KEY_INVALID (-2) /* read_key: input that is not UTF-8, dropped */

/* One key, as get_wch gives it, but with UTF-8 put together here: ncurses
 * waits for an invalid sequence (a GBK paste, a stray 0xff) to complete,
 * which it never does, and the program stops answering. Continuation
 * bytes come with their lead byte, so a short wait for them is enough. */
static int read_key(wint_t *out, int wait_ms)
{
	timeout(wait_ms);
	int c = getch();
	if (c == ERR)
		return ERR;
	if (c >= KEY_MIN) {
		*out = (wint_t)c;
		return KEY_CODE_YES;
	}
	int need = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2
		 : (c & 0xf8) == 0xf0 ? 3 : -1;
	char b[4] = { (char)c };
	int n = 1;
	timeout(100);
	while (need > 0 && n <= need) {
		int d = getch();
		if (d == ERR)
			break;
		if (d >= KEY_MIN || (d & 0xc0) != 0x80) {
			ungetch(d); /* the next key, not part of this one */
			break;
		}
		b[n++] = (char)d;
	}
	uint32_t cp;
	if (need < 0 || n != need + 1 || utf8_decode(b, (size_t)n, &cp) != n)
		return KEY_INVALID;
	*out = (wint_t)cp;
	return OK;
}

/* Bracketed paste (ESC [ 200~ text ESC [ 201~, switched on at the start):
 * ncurses gives each marker as one key code of its own (define_key). */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)
#define PASTE_ON "\033[?2004h"
#define PASTE_OFF "\033[?2004l"
#define PASTE_MAX 65536

/* Read the rest of a paste, up to its end marker, into text (utf8_put:
 * what does not fit is lost, and a field holds far less anyway). A paste
 * whose end never comes ends after a second of silence. */
static size_t read_paste(char *text, size_t sz)
{
	wint_t wch;
	int rc;
	size_t len = 0;
	text[0] = 0;
	while ((rc = read_key(&wch, 1000)) != ERR) {
		if (rc == KEY_CODE_YES && wch == KEY_PASTE_END)
			break;
		/* appended at the end found so far (a strlen of the whole would be quadratic) */
		if (rc == OK)
			utf8_put(text + len, sz - len, (uint32_t)wch);
		else if (rc == KEY_INVALID)
			utf8_put(text + len, sz - len, 0x7f); /* not UTF-8: dropped as a control character */
		len += strlen(text + len);
	}
	return len;
}

static void (*tstp_curses)(int);

/* C-z: the shell gets its terminal back without bracketed paste on, and
 * the program switches it on again when it continues. */
static void on_tstp(int sig)
{
	(void)!write(1, PASTE_OFF, sizeof PASTE_OFF - 1);
	tstp_curses(sig);
	(void)!write(1, PASTE_ON, sizeof PASTE_ON - 1);
}

static int run_loop(struct app *a)
{
	int dirty = 1;
	for (;;) {
		if (dirty) {
			redraw(a);
			dirty = 0;
		}
		wint_t wch;
		int rc = read_key(&wch, -1);
		if (rc == ERR)
			return 0; /* stdin at its end (or gone): quit cleanly */
		if (rc == KEY_INVALID) {
			app_msg(a, 1, "%s", tx(T_BAD_INPUT));
			dirty = 1;
			continue;
		}
		if (rc == KEY_CODE_YES && wch == KEY_PASTE_BEGIN) {
			static char text[PASTE_MAX];
			size_t n = read_paste(text, sizeof text);
			if (LINES >= MIN_H && COLS >= MIN_W)
				paste(a, text, n);
			dirty = 1;
			continue;
		}
		if (rc == KEY_CODE_YES && (wch == KEY_RESIZE || wch == KEY_PASTE_END)) {
			dirty = 1;
			continue;
		}
		int mouse_action = A_NONE;
		if (rc == KEY_CODE_YES && wch == KEY_MOUSE) {
			dirty = 1;
			if (a->modal || (mouse_action = mouse_event(a)) == A_NONE)
				continue;
		}
		int key = rc == KEY_CODE_YES ? ACTION_FKEY + (int)wch : (int)wch;
		if (key == '\r')
			key = '\n';
		dirty = 1;
		if (LINES < MIN_H || COLS < MIN_W) { /* nothing is visible: keys go nowhere, not into a form */
			if (!a->modal && actions_lookup(key, SC_GLOBAL) == A_QUIT)
				return 0;
			continue;
		}
		if (a->modal) {
			if (act(a, modal_key(a, key)))
				return 0;
			continue;
		}
		const struct screen *top = a->stack[a->depth - 1];
		int action = mouse_action ? mouse_action : actions_lookup(key, top->scopes | SC_GLOBAL);
		a->status[0] = 0;
		a->status_err = 0;
		if (action == A_HELP && top != &screen_help) {
			app_push(a, &screen_help, 0);
			if (act(a, R_PUSH))
				return 0;
			continue;
		}
		if (act(a, top->handle(a, action, key)))
			return 0;
	}
}

/* Make sure LC_CTYPE is UTF-8; returns 0, or -1 (codeset name in cs). */
static int locale_utf8(char *cs, size_t cssz)
{
	const char *c = nl_langinfo(CODESET);
	snprintf(cs, cssz, "%s", c ? c : "?");
	if (c && (strcmp(c, "UTF-8") == 0 || strcmp(c, "utf8") == 0))
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8")) {
		c = nl_langinfo(CODESET);
		if (c && strcmp(c, "UTF-8") == 0)
			return 0;
	}
	return -1;
}

/* Load and pin the template; a problem is printed: a missing file with the
 * places looked, a broken one as FILE:LINE: message. */
static int load_template(struct app *a)
{
	struct cfg_report rep = { 0 };
	struct sc_err err;
	char missing[sizeof a->set->template_looked + 128];
	size_t len;

	if (settings_template_missing(a->set, "\n  ", missing, sizeof missing)) {
		fprintf(stderr, "stallcheck: %s\n", missing);
		return SC_ERR_NOTFOUND;
	}
	char *text = template_read_file(a->set->template_path, &len, &err);
	if (!text) {
		fprintf(stderr, "stallcheck: %s\n", err.msg);
		return err.code ? err.code : SC_ERR_IO;
	}
	int rc = template_load_text(text, a->set->template_path, &a->cl, &rep, &err);
	if (rc != SC_OK) {
		if (rep.n)
			cfg_report_print(&rep, stderr);
		else
			fprintf(stderr, "stallcheck: %s\n", err.msg);
		fprintf(stderr, "stallcheck: %s\n", _("the checklist template has errors; nothing was changed"));
	}
	cfg_report_free(&rep);
	if (rc == SC_OK) {
		rc = store_template_pin(a->db, &a->cl, text, &a->tpl_id, &err);
		if (rc != SC_OK)
			fprintf(stderr, "stallcheck: %s\n", err.msg);
	}
	free(text);
	return rc;
}

int tui_run(struct settings *set, const char *config_path)
{
	static struct app app;
	struct app *a = &app;
	struct sc_err err;
	char cs[64], why[256];
	int locale_bad;

	memset(a, 0, sizeof *a);
	a->set = set;
	a->config_path = config_path;
	a->auto_advance = set->auto_advance;
	locale_bad = locale_utf8(cs, sizeof cs) < 0;
	a->lang = locale_bad ? LANG_EN : set->lang;
	i18n_set_lang(a->lang);

	if (fs_mkparents(set->db_path, &err) != SC_OK ||
	    db_open(&a->db, set->db_path, DB_CREATE, &err) != SC_OK) {
		fprintf(stderr, "stallcheck: %s\n", err.msg);
		return 1;
	}
	if (load_template(a) != SC_OK) {
		db_close(a->db);
		return 1;
	}
	if (store_device_id(a->db, a->device, &err) != SC_OK) {
		fprintf(stderr, "stallcheck: %s\n", err.msg);
		checklist_clear(&a->cl);
		db_close(a->db);
		return 1;
	}
	actions_init(set, why, sizeof why);
	if (why[0])
		app_msg(a, 1, "%s", why);
	if (locale_bad)
		txf(a->status, sizeof a->status, T_LOCALE_FAIL, cs), a->status_err = 1;

	/* nothing may print over the live screen: stderr goes to a log */
	char logpath[SET_PATH + 16];
	snprintf(logpath, sizeof logpath, "%s.log", set->db_path);
	fflush(stderr);
	int saved_err = dup(2);
	/* private like the database, whatever the umask; never through a link */
	int lf = open(logpath, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lf >= 0) {
		struct stat sb;
		if (fstat(lf, &sb) == 0 && (sb.st_mode & 077) && sb.st_uid == geteuid())
			(void)fchmod(lf, 0600);
		dup2(lf, 2);
		close(lf);
	}

	int rc = 0;
	/* newterm, not initscr: a TERM without a terminfo entry must reach
	 * our message below, not exit inside ncurses with stderr in the log */
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		rc = 1;
	} else {
		cbreak();
		noecho();
		nonl();
		keypad(stdscr, TRUE);
		if (set->mouse)
			mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
				  | BUTTON5_PRESSED
#endif
				  , NULL);
		set_escdelay(25);
		define_key("\033[200~", KEY_PASTE_BEGIN);
		define_key("\033[201~", KEY_PASTE_END);
		fputs(PASTE_ON, stdout);
		fflush(stdout);
		tstp_curses = signal(SIGTSTP, SIG_IGN);
		if (tstp_curses != SIG_DFL && tstp_curses != SIG_IGN && tstp_curses != SIG_ERR)
			signal(SIGTSTP, on_tstp);
		else if (tstp_curses != SIG_ERR)
			signal(SIGTSTP, tstp_curses);
		curs_set(0);
		theme_init(set->theme[0] ? set->theme : "default");
		a->stack[0] = &screen_home;
		a->depth = 1;
		int f = screen_home.enter(a, 0);
		if (!act(a, f))
			run_loop(a);
		fputs(PASTE_OFF, stdout);
		fflush(stdout);
		endwin();
		delscreen(scr);
	}
	const struct screen *all[] = { &screen_home, &screen_markets, &screen_stalls,
				       &screen_walk, &screen_finalize, &screen_help, &screen_review,
				       &screen_sync, &screen_followup, &screen_rectlist, &screen_photo };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i]->cleanup)
			all[i]->cleanup();
	fflush(stderr);
	if (saved_err >= 0) {
		dup2(saved_err, 2);
		close(saved_err);
	}
	if (rc)
		fprintf(stderr, _("stallcheck: cannot start the terminal (TERM=%s)\n"),
			getenv("TERM") ? getenv("TERM") : "");
	checklist_clear(&a->cl);
	db_close(a->db);
	return rc;
}

const char *app_band_name(const struct app *a, int64_t tpl_id, int band, const char *grade)
{
	return score_stored_band_name(tpl_id == a->tpl_id ? &a->cl.rules : NULL, band, grade, a->lang);
}

int app_checklist_for(struct app *a, int64_t tpl_id, struct checklist *own,
		      const struct checklist **out, struct sc_err *err)
{
	char *body = NULL;
	if (tpl_id == a->tpl_id) {
		*out = &a->cl;
		return SC_OK;
	}
	int rc = store_template_body(a->db, tpl_id, &body, err);
	if (rc == SC_OK)
		rc = template_load_text(body, _("pinned template"), own, NULL, err);
	free(body);
	if (rc == SC_OK)
		*out = own;
	return rc;
}

int app_followup_marks(struct app *a, int64_t market_id, int64_t insp_id, int n[3])
{
	struct rect_rec *r = NULL;
	struct sc_err err;
	int nr = 0, mark;
	n[RECT_MARK_NONE] = n[RECT_MARK_FIXED] = n[RECT_MARK_NOT_FIXED] = 0;
	if (rectify_open_for_market(a->db, market_id, &r, &nr, &err) != SC_OK)
		return -1;
	for (int i = 0; i < nr; i++)
		if (rectify_mark(a->db, r[i].id, insp_id, &mark, &err) == SC_OK && mark >= 0 && mark <= 2)
			n[mark]++;
	free(r);
	return 0;
}
