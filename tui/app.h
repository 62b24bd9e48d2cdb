/* app: what the screens share (settings, database, checklist, status line,
 * the form/confirm widget) and the screen interface. Only tui/app.c runs the
 * loop, refreshes and switches screens; screens return flags. */
#ifndef SC_TUI_APP_H
#define SC_TUI_APP_H

#include <stdint.h>

#include "config/settings.h"
#include "core/checklist.h"
#include "core/db.h"
#include "core/store.h"
#include "core/uuid.h"

/* Flags a screen handler returns. */
enum { R_NONE = 0, R_REDRAW = 1, R_PUSH = 2, R_POP = 4, R_QUIT = 8, R_HOME = 16,
       R_KEEP = 32 /* form submit: keep the form open */ };

struct app;

struct screen {
	const char *name;
	unsigned scopes;                              /* action scopes (actions.h) */
	int (*enter)(struct app *a, int64_t arg);     /* pushed; flags */
	void (*draw)(struct app *a, int h, int w);    /* full redraw of h x w */
	int (*handle)(struct app *a, int action, int key); /* flags */
	void (*resume)(struct app *a);                /* on top again (may be NULL) */
	void (*cleanup)(void);                        /* at exit: free private state */
	const char *(*help)(struct app *a);           /* keys the screen reads itself, for ? */
	const int *acts;                              /* the actions it takes, A_NONE ended,
							 for ? (NULL: all of its scopes) */
};

#define FORM_FIELDS 4
typedef int (*form_submit_fn)(struct app *a, char vals[][256], int n);
typedef int (*confirm_fn)(struct app *a, int yes);

struct app {
	struct settings *set;
	const char *config_path;      /* --config FILE, or NULL */
	struct db *db;
	struct checklist cl;          /* the configured template */
	int64_t tpl_id;               /* its pinned row */
	char device[UUID_STR];
	int lang;
	int auto_advance;
	/* screen stack */
	const struct screen *stack[8];
	int depth;
	const struct screen *next;    /* set with app_push before returning R_PUSH */
	int64_t next_arg;
	/* status line */
	char status[512];
	int status_err;
	/* the one modal widget: a form of fields, or a yes/no question */
	int modal;                    /* 0 none, 1 form, 2 confirm */
	char m_title[1024];
	char m_hint[256];
	int m_n, m_cur;
	const char *m_label[FORM_FIELDS];
	char m_val[FORM_FIELDS][256];
	form_submit_fn m_submit;
	int m_esc_quits;              /* Esc on the form ends the program (set after app_form) */
	int m_note;                   /* the field that is a note (app_form_note), -1: none */
	char m_note_text[STORE_NOTE_MAX]; /* its text, kept here instead of m_val */
	confirm_fn m_confirm;
	/* the list the last frame drew (app_list_view), for the mouse */
	int *l_sel;
	int l_top, l_n, l_y0, l_rows;
};

/* Ask the loop to push screen s with arg (return R_PUSH after this). */
void app_push(struct app *a, const struct screen *s, int64_t arg);
/* Status line message (err: shown as an error). printf format. */
void app_msg(struct app *a, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Open a form: title, n labelled fields with initial values (may be NULL). */
/* Does form text v fit a record field of size bytes? If not, says so
 * (label, the limit) and returns 0: a value is refused, never cut. */
int app_fits(struct app *a, const char *label, const char *v, size_t size);
void app_form(struct app *a, const char *title, const char *hint, int n,
	      const char *const labels[], const char *const init[], form_submit_fn submit);
/* Make field i of the form just opened a note: up to STORE_NOTE_CHARS
 * characters, line breaks (from a paste) kept. Its text is in
 * a->m_note_text when the form is submitted, not in vals[i]. */
void app_form_note(struct app *a, int i, const char *init);
/* Ask a yes/no question. */
void app_confirm(struct app *a, const char *question, confirm_fn fn);

/* Up, Down, PageUp, PageDown on a list of n rows with the selection *sel:
 * R_REDRAW when the action was one of them, else R_NONE. */
int app_list_nav(int action, int *sel, int n);
/* The keys a plain list screen answers like every other: app_list_nav's,
 * quit (R_QUIT) and back (R_POP); R_NONE for the screen's own keys. */
int app_list_keys(int action, int *sel, int n);

/* A list of n entries drawn from row y0, rows high: moves *top so *sel is
 * in view, and records the area so a click selects a row (a double click
 * opens it) and the wheel moves the selection ([ui] mouse = yes). */
void app_list_view(struct app *a, int *sel, int *top, int n, int y0, int rows);

/* Screens. */
extern const struct screen screen_home, screen_markets, screen_stalls, screen_walk,
	screen_finalize, screen_help, screen_review, screen_sync, screen_followup,
	screen_rectlist, screen_photo;

/* The answer the photo picker (screen_photo) attaches to: set before
 * pushing it. visit_id 0: a market-wide item. */
void photo_pick_target(int64_t inspection_id, int64_t visit_id, const char *item_id);

/* Shared by the registry and the walk: open the stall form (add when
 * s is NULL) for market_id; done(a, stall_id) is called after a save. */
typedef int (*stall_done_fn)(struct app *a, int64_t stall_id);
void stallform_open(struct app *a, int64_t market_id, int64_t edit_id, stall_done_fn done);

/* The export dialog (tui/screen_export.c): a form for the period, format and
 * file, then the export with a progress bar on the bottom line. */
void export_dialog_open(struct app *a);



/* The checklist an inspection was made with: the configured one when it is
 * the same pinned template, else the pinned text loaded into own (the
 * caller clears own when *out == own). */
int app_checklist_for(struct app *a, int64_t tpl_id, struct checklist *own,
		      const struct checklist **out, struct sc_err *err);
/* A stored band as the record's template names it (grade "B") when that
 * is the configured template, else by its class (合格): a list showing
 * many records does not load every template. */
const char *app_band_name(const struct app *a, int64_t tpl_id, int band, const char *grade);
/* The follow-up marks inspection insp_id gave the market's open
 * rectifications, counted by mark: n[RECT_MARK_NONE] not checked yet,
 * n[RECT_MARK_FIXED], n[RECT_MARK_NOT_FIXED]. */
int app_followup_marks(struct app *a, int64_t market_id, int64_t insp_id, int n[3]);
#endif
