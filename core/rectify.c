/* rectify: registration of problems (挂号), follow-ups (回头看, 销号),
 * repeats, overdue lists. Every state change appends a rect_event; the
 * rules are in rectify.h and docs/rectification.md. */
#include "rectify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rowsig.h"
#include "score.h"
#include "store.h"
#include "utf8.h"

#define DEFAULT_DEADLINE_DAYS 7

/* An earlier rectification a new finding relates to. */
struct prior {
	int64_t id;
	char uuid[UUID_STR];
	char status[8];
	int repeats;
};

/* ru, iu: the uuids of rect_id and inspection_id ("" for none), which
 * every caller has at hand */
static int add_event(struct db *db, int64_t rect_id, const char *ru, int64_t inspection_id, const char *iu,
		     const char *kind, const char *note, const char *actor, const char *dev, struct sc_err *err)
{
	char uuid[UUID_STR], ts[CLOCK_TS], sig[ROWSIG_HEX];
	int rc;
	if (uuid_new_owned(dev, uuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	clock_stamp(ts);
	if (!note)
		note = "";
	if (!actor)
		actor = "";
	/* signed by this device (rowsig.c); unsigned without a key file, as a
	 * seal is never refused for that */
	const char *f[] = { uuid, ru, inspection_id ? iu : "", kind, note, actor, dev, ts };
	if ((rc = rowsig_sign(db, ROWSIG_EVENT, f, 0, sig, err)))
		return rc;
	return db_run(db, err,
		      "INSERT INTO rect_event(uuid, rect_id, inspection_id, kind, note, actor, device, at, sig)"
		      " VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, NULLIF(?, ''))",
		      "tIItttttt", uuid, rect_id, inspection_id, kind, note, actor, dev, ts, sig);
}

static void failed_row(sqlite3_stmt *st, void *elem)
{
	struct rect_failed *f = elem;
	f->stall_id = sqlite3_column_int64(st, 0);
	UTF8_COPY(f->item_id, db_col_text(st, 1));
	f->critical = sqlite3_column_int(st, 2);
	f->spots = sqlite3_column_int(st, 3);
	UTF8_COPY(f->note, db_col_text(st, 4));
}

static int load_failed(struct db *db, int64_t inspection_id, struct rect_failed **out, int *n,
		       struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err,
		"SELECT coalesce(v.stall_id, 0), a.item_id, a.critical, a.spots, a.note"
		" FROM answer a LEFT JOIN visit v ON v.id = a.visit_id"
		" WHERE a.inspection_id = ? AND a.verdict IN ('fail', 'partial')"
		" ORDER BY coalesce(v.seq, 0), a.id", "I", inspection_id);
	void *v;
	int rc = db_collect(db, st, sizeof **out, failed_row, &v, n, err);
	*out = v;
	return rc;
}

/* Step a prepared query of prior_cols (at most one row used) into p;
 * p->id stays 0 when there is no row. */
static int prior_one(struct db *db, sqlite3_stmt *st, struct prior *p, struct sc_err *err)
{
	int r;
	memset(p, 0, sizeof *p);
	if (!st)
		return err->code;
	r = db_step(db, st, err);
	if (r == 1) {
		p->id = sqlite3_column_int64(st, 0);
		UTF8_COPY(p->uuid, db_col_text(st, 1));
		UTF8_COPY(p->status, db_col_text(st, 2));
		p->repeats = sqlite3_column_int(st, 3);
	}
	db_done(db, st);
	return r < 0 ? err->code : SC_OK;
}

/* The day findings of inspection r count from: its own day, or for an
 * amendment the day of the record at the root of its amends chain. */
static int base_day(struct db *db, const struct inspection_rec *r, char day[CLOCK_DAY],
		    int64_t *amended_id, struct sc_err *err)
{
	struct inspection_rec cur = *r, prev;
	int rc;
	*amended_id = 0;
	for (int hops = 0; cur.amends_uuid[0] && hops < 100; hops++) {
		if ((rc = store_inspection_by_uuid(db, cur.amends_uuid, &prev, err)))
			return rc;
		if (hops == 0)
			*amended_id = prev.id;
		cur = prev;
	}
	snprintf(day, CLOCK_DAY, "%s", cur.day);
	return SC_OK;
}

static const char prior_cols[] = "SELECT id, uuid, status, repeats FROM rectification";

static int register_one(struct db *db, const struct checklist *cl, const struct inspection_rec *ins,
			const char *day, int64_t amended_id, const char *dev, const struct rect_failed *f,
			struct sc_err *err)
{
	char sql[512], uuid[UUID_STR], ts[CLOCK_TS], deadline[CLOCK_DAY], window[CLOCK_DAY];
	const char *finding = f->item_id, *finding_en = f->item_id, *category = "";
	const char *area = "", *area_name = "", *area_name_en = "";
	int idx = checklist_item_index(cl, f->item_id), days = DEFAULT_DEADLINE_DAYS, rc;
	struct prior p;

	if (idx >= 0) {
		const struct cl_item *it = &cl->items[idx];
		finding = checklist_text(it, LANG_ZH);
		finding_en = checklist_text(it, LANG_EN);
		if (it->deadline_days >= 0)
			days = it->deadline_days;
		if (it->category >= 0 && it->category < cl->ncategories)
			category = cl->categories[it->category].code;
		if (f->stall_id == 0 && it->area >= 0 && it->area < cl->nareas) {
			area = cl->areas[it->area].code;
			area_name = checklist_name(&cl->areas[it->area], LANG_ZH);
			area_name_en = checklist_name(&cl->areas[it->area], LANG_EN);
		}
	}
	if (clock_day_add(day, days, deadline) < 0 || clock_day_add(day, -RECTIFY_REPEAT_DAYS, window) < 0)
		return sc_fail(err, SC_ERR_INVALID, "inspection day '%s' is not a date", day);
	clock_stamp(ts);

	/* an amendment corrects the finding of the record it amends in place:
	 * same uuid, same history, new text and source */
	if (amended_id) {
		snprintf(sql, sizeof sql, "%s WHERE inspection_id = ? AND stall_id IS NULLIF(?, 0)"
			 " AND item_id = ? AND superseded_by IS NULL", prior_cols);
		if ((rc = prior_one(db, db_q(db, err, sql, "IIt", amended_id, f->stall_id, f->item_id), &p, err)))
			return rc;
		if (p.id)
			return db_run(db, err,
				      "UPDATE rectification SET inspection_id = ?, critical = ?, finding = ?,"
				      " finding_en = ?, spots = ?, note = ?, category = ?, rev = rev + 1,"
				      " updated_at = ? WHERE id = ?",
				      "IittitttI", ins->id, f->critical, finding, finding_en, f->spots, f->note,
				      category, ts, p.id);
	}

	/* repeat: same market + stall (or market-wide) + item, open or closed
	 * within the window, not from this record or the one it amends */
	snprintf(sql, sizeof sql, "%s WHERE market_id = ?1 AND stall_id IS NULLIF(?2, 0) AND item_id = ?3"
		 " AND inspection_id NOT IN (?4, ?5) AND superseded_by IS NULL AND opened_day <= ?6"
		 " AND (status = 'open' OR closed_day >= ?7)"
		 " ORDER BY status = 'open' DESC, opened_day DESC, id DESC LIMIT 1", prior_cols);
	if ((rc = prior_one(db, db_q(db, err, sql, "IItIItt", ins->market_id, f->stall_id, f->item_id,
				      ins->id, amended_id, day, window), &p, err)))
		return rc;
	int repeats = 0, counted = 0;
	if (p.id) {
		/* a 'not fixed' follow-up in this same inspection already counted it */
		int64_t k = 0;
		rc = db_int(db, err, &k, "SELECT count(*) FROM rect_event WHERE rect_id = ? AND +inspection_id = ?"
			    " AND kind = 'not_fixed'", "II", p.id, ins->id);
		if (rc)
			return rc;
		counted = k > 0;
		repeats = p.repeats + !counted;
	}
	if (uuid_new_owned(dev, uuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	rc = db_run(db, err,
		    "INSERT INTO rectification(uuid, inspection_id, market_id, stall_id, area, item_id,"
		    " category, critical, finding, spots, note, opened_day, deadline, status, repeat_of,"
		    " repeats, device, created_at, updated_at, finding_en, area_name, area_name_en)"
		    " VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULLIF(?, ''),"
		    " ?, ?, ?, ?, ?, ?, ?)",
		    "tIIIttt" "itittt" "t" "itttttt",
		    uuid, ins->id, ins->market_id, f->stall_id, area, f->item_id, category,
		    f->critical, finding, f->spots, f->note, day, deadline,
		    p.uuid, repeats, dev, ts, ts, finding_en, area_name, area_name_en);
	if (rc)
		return rc;
	int64_t id = db_last_id(db);
	if ((rc = add_event(db, id, uuid, ins->id, ins->uuid, "open", "", ins->inspector, dev, err)))
		return rc;
	if (p.id && !counted && (rc = add_event(db, id, uuid, ins->id, ins->uuid, "repeat", p.uuid, ins->inspector,
						 dev, err)))
		return rc;
	/* one problem is listed open once: an open earlier one is carried here */
	if (p.id && !strcmp(p.status, "open"))
		rc = db_run(db, err, "UPDATE rectification SET superseded_by = ?, rev = rev + 1,"
			    " updated_at = ? WHERE id = ?", "ttI", uuid, ts, p.id);
	return rc;
}

int rectify_register(struct db *db, const struct checklist *cl, int64_t inspection_id,
		     const struct rect_failed *failed, int nfailed, struct sc_err *err)
{
	struct inspection_rec ins;
	struct rect_failed *own = NULL;
	const struct rect_failed *fs = failed;
	char day[CLOCK_DAY], dev[UUID_STR], ts[CLOCK_TS];
	int64_t amended_id = 0;
	int n = nfailed, rc;

	if ((rc = store_inspection_get(db, inspection_id, &ins, err)) ||
	    (rc = base_day(db, &ins, day, &amended_id, err)) ||
	    (rc = store_device_id(db, dev, err)) ||
	    (!failed && (rc = load_failed(db, inspection_id, &own, &n, err))))
		return rc;
	if (!failed)
		fs = own;
	if ((rc = db_begin(db, err))) {
		free(own);
		return rc;
	}
	for (int i = 0; i < n && rc == SC_OK; i++) {
		int idx = checklist_item_index(cl, fs[i].item_id);
		/* deadline_days = 0 (and informational items): recorded, not rectified */
		if (idx < 0 || checklist_item_rectifies(&cl->items[idx]))
			rc = register_one(db, cl, &ins, day, amended_id, dev, &fs[i], err);
	}
	/* findings the amendment dropped are superseded by the amendment itself */
	if (rc == SC_OK && amended_id) {
		clock_stamp(ts);
		rc = db_run(db, err, "UPDATE rectification SET superseded_by = ?, rev = rev + 1,"
			    " updated_at = ? WHERE inspection_id = ? AND superseded_by IS NULL",
			    "ttI", ins.uuid, ts, amended_id);
	}
	free(own);
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	return rc;
}

/* ---- follow-ups ---- */

/* The last follow-up mark of rect_id in inspection_id: "fixed",
 * "not_fixed" or "" (none). */
static int mark_kind(struct db *db, int64_t rect_id, int64_t inspection_id, char *kind, size_t sz,
		     struct sc_err *err)
{
	int rc = db_text(db, err, kind, sz,
			 /* +: a rectification has a few events, an inspection a hundred */
			 "SELECT kind FROM rect_event WHERE rect_id = ? AND +inspection_id = ?"
			 " AND kind IN ('fixed', 'not_fixed') ORDER BY id DESC LIMIT 1", "II", rect_id,
			 inspection_id);
	if (rc == SC_ERR_NOTFOUND)
		kind[0] = '\0', rc = SC_OK;
	return rc;
}

int rectify_mark(struct db *db, int64_t rect_id, int64_t inspection_id, int *mark, struct sc_err *err)
{
	char kind[16];
	int rc = mark_kind(db, rect_id, inspection_id, kind, sizeof kind, err);
	*mark = rc ? RECT_MARK_NONE : !strcmp(kind, "fixed") ? RECT_MARK_FIXED
		: !strcmp(kind, "not_fixed") ? RECT_MARK_NOT_FIXED : RECT_MARK_NONE;
	return rc;
}

int rectify_followup(struct db *db, int64_t rect_id, int64_t inspection_id, int fixed,
		     const char *note, const char *actor, struct sc_err *err)
{
	struct inspection_rec ins;
	char status[8] = "", super[UUID_STR + 8] = "", prior[16] = "", dev[UUID_STR];
	char uuid[UUID_STR];
	int64_t market = 0;
	int rc;

	if (!note)
		note = "";
	if ((rc = store_check_note(N_("note"), note, err)) ||
	    (rc = store_check_name(N_("inspector"), actor, err)))
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	sqlite3_stmt *st = db_q(db, err, "SELECT status, coalesce(superseded_by, ''), market_id, uuid"
				" FROM rectification WHERE id = ?", "I", rect_id);
	if (!st) {
		rc = err->code;
		goto out;
	}
	int r = db_step(db, st, err);
	if (r == 1) {
		UTF8_COPY(status, db_col_text(st, 0));
		UTF8_COPY(super, db_col_text(st, 1));
		market = sqlite3_column_int64(st, 2);
		UTF8_COPY(uuid, db_col_text(st, 3));
	}
	db_done(db, st);
	if (r <= 0) {
		rc = r < 0 ? err->code
			   : sc_fail(err, SC_ERR_NOTFOUND, "rectification %lld not found", (long long)rect_id);
		goto out;
	}
	if ((rc = store_inspection_get(db, inspection_id, &ins, err)) ||
	    (rc = store_device_id(db, dev, err)))
		goto out;
	if (strcmp(ins.status, "draft")) {
		rc = sc_fail(err, SC_ERR_STATE, "follow-ups are recorded during a draft inspection (this one is %s)",
			     status_label(ins.status, i18n_lang()));
		goto out;
	}
	if (ins.amends_uuid[0]) { /* the same visit: its follow-ups were the original's */
		rc = sc_fail(err, SC_ERR_STATE, "an amendment records no follow-ups: they stay with the"
			     " inspection it corrects");
		goto out;
	}
	if (ins.market_id != market) {
		rc = sc_fail(err, SC_ERR_INVALID, "rectification %.8s belongs to another market", uuid);
		goto out;
	}
	if (super[0]) {
		rc = sc_fail(err, SC_ERR_STATE, "rectification %.8s was carried into %.8s", uuid, super);
		goto out;
	}
	if (!strcmp(status, "closed")) {
		rc = sc_fail(err, SC_ERR_STATE, "rectification %.8s is already closed", uuid);
		goto out;
	}
	/* the mark waits for the finalize (rectify_apply_followups): the
	 * rectification itself does not change while this is a draft */
	if ((rc = mark_kind(db, rect_id, inspection_id, prior, sizeof prior, err)))
		goto out;
	if (!strcmp(prior, fixed ? "fixed" : "not_fixed")) /* the same mark again */
		goto out;
	rc = add_event(db, rect_id, uuid, inspection_id, ins.uuid, fixed ? "fixed" : "not_fixed", note, actor,
		       dev, err);
	if (rc == SC_OK)
		rc = store_audit(db, actor,
				 fixed ? "rectify.fixed" : "rectify.not_fixed", uuid, ins.uuid, err);
out:
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	return rc;
}

int rectify_apply_followups(struct db *db, int64_t inspection_id, struct sc_err *err)
{
	/* the last mark this inspection gave each rectification: its events by
	 * inspection, then each one's latest by rectification (the unary + keeps
	 * the inner lookup on rect_event_rect) */
#define LAST_MARK(kind)                                                                      \
	" id IN (SELECT e.rect_id FROM rect_event e WHERE e.inspection_id = ?1 AND e.kind = '" kind "'" \
	" AND e.id = (SELECT max(x.id) FROM rect_event x WHERE x.rect_id = e.rect_id"           \
	" AND +x.inspection_id = ?1 AND x.kind IN ('fixed', 'not_fixed')))"
	char ts[CLOCK_TS];
	clock_stamp(ts);
	/* one closed or carried meanwhile (another walk finalized first) stays
	 * as it is; the unary + keep the lookup on the marked ids, not a walk
	 * of every open rectification (hundreds a year) */
	int rc = db_run(db, err,
		"UPDATE rectification SET status = 'closed', closed_by = ?1, closed_day ="
		" (SELECT day FROM inspection WHERE id = ?1), rev = rev + 1, updated_at = ?2"
		" WHERE +status = 'open' AND +superseded_by IS NULL AND" LAST_MARK("fixed"),
		"It", inspection_id, ts);
	if (rc == SC_OK)
		rc = db_run(db, err,
			"UPDATE rectification SET repeats = repeats + 1, rev = rev + 1, updated_at = ?2"
			" WHERE +status = 'open' AND +superseded_by IS NULL AND" LAST_MARK("not_fixed"),
			"It", inspection_id, ts);
#undef LAST_MARK
	return rc;
}

/* ---- lists ---- */

#define RECT_SELECT                                                                          \
	"SELECT r.id, r.uuid, r.inspection_id, r.market_id, coalesce(r.stall_id, 0),"         \
	" coalesce(s.code, ''), r.area, r.item_id, r.category, r.critical, r.finding, r.spots," \
	" r.note, r.opened_day, r.deadline, r.status, coalesce(r.closed_day, ''), r.repeats,"  \
	" m.name, i.inspector, i.uuid, coalesce(r.repeat_of, ''), r.finding_en, r.area_name,"  \
	" r.area_name_en, (r.status = 'open' OR r.closed_day > ?1) AND r.deadline < ?1,"        \
	" coalesce(s.vendor, ''), coalesce(r.superseded_by, '')"         \
	" FROM rectification r JOIN market m ON m.id = r.market_id"                            \
	" JOIN inspection i ON i.id = r.inspection_id LEFT JOIN stall s ON s.id = r.stall_id"

static void rect_row(sqlite3_stmt *st, void *elem)
{
	struct rect_rec *r = elem;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	UTF8_COPY(r->uuid, db_col_text(st, 1));
	r->inspection_id = sqlite3_column_int64(st, 2);
	r->market_id = sqlite3_column_int64(st, 3);
	r->stall_id = sqlite3_column_int64(st, 4);
	UTF8_COPY(r->stall_code, db_col_text(st, 5));
	UTF8_COPY(r->area, db_col_text(st, 6));
	UTF8_COPY(r->item_id, db_col_text(st, 7));
	UTF8_COPY(r->category, db_col_text(st, 8));
	r->critical = sqlite3_column_int(st, 9);
	UTF8_COPY(r->finding, db_col_text(st, 10));
	r->spots = sqlite3_column_int(st, 11);
	UTF8_COPY(r->note, db_col_text(st, 12));
	UTF8_COPY(r->opened_day, db_col_text(st, 13));
	UTF8_COPY(r->deadline, db_col_text(st, 14));
	UTF8_COPY(r->status, db_col_text(st, 15));
	UTF8_COPY(r->closed_day, db_col_text(st, 16));
	r->repeats = sqlite3_column_int(st, 17);
	UTF8_COPY(r->market_name, db_col_text(st, 18));
	UTF8_COPY(r->inspector, db_col_text(st, 19));
	UTF8_COPY(r->inspection_uuid, db_col_text(st, 20));
	UTF8_COPY(r->repeat_of, db_col_text(st, 21));
	UTF8_COPY(r->finding_en, db_col_text(st, 22));
	UTF8_COPY(r->area_name, db_col_text(st, 23));
	UTF8_COPY(r->area_name_en, db_col_text(st, 24));
	r->overdue = sqlite3_column_int(st, 25);
	UTF8_COPY(r->vendor, db_col_text(st, 26));
	UTF8_COPY(r->superseded_by, db_col_text(st, 27));
}

static int collect(struct db *db, sqlite3_stmt *st, struct rect_rec **out, int *n,
		   struct sc_err *err)
{
	void *v;
	int rc = db_collect(db, st, sizeof **out, rect_row, &v, n, err);
	*out = v;
	return rc;
}

int rectify_list(struct db *db, const struct rect_filter *f, struct rect_rec **out, int *n,
		 struct sc_err *err)
{
	char asof[CLOCK_DAY];
	*out = NULL;
	*n = 0;
	if (f->as_of[0]) {
		if (!clock_day_valid(f->as_of))
			return sc_fail(err, SC_ERR_INVALID, "as-of day '%s' is not a date YYYY-MM-DD", f->as_of);
		UTF8_COPY(asof, f->as_of);
	} else {
		clock_today(asof);
	}
	/* As of a day: opened by then; open then = still open or closed later
	 * (as of today or later: open now, which lets the status index serve);
	 * a rectification carried into a repeat counts until the repeat opened;
	 * one dropped by an amendment never counts. Only the filters in use are
	 * in the statement, so the market and status indexes serve it. */
	char today[CLOCK_DAY], sql[2048];
	clock_today(today);
	int now = strcmp(asof, today) >= 0;
	const char *open_then = now ? "r.status = 'open'" : "(r.status = 'open' OR r.closed_day > ?1)";
	/* as of now, every carried one's repeat has opened: none counts */
	const char *current = f->with_superseded ? " AND ?7 = ?7"
			      : now ? " AND ?7 = ?7 AND r.superseded_by IS NULL"
			      : " AND (?7 OR " RECTIFY_UNTIL_SQL("r") " > ?1)";
	int k = snprintf(sql, sizeof sql, RECT_SELECT
		" WHERE r.opened_day <= ?1%s"
		" AND ?2 = ?2%s%s%s%s%s%s%s%s%s"
		" ORDER BY m.name, r.market_id, r.deadline, coalesce(s.code, ''), r.item_id, r.id",
		current, f->state == RECT_OPEN || f->state == RECT_OVERDUE ? " AND " : "",
		f->state == RECT_OPEN || f->state == RECT_OVERDUE ? open_then : "",
		f->state == RECT_OVERDUE ? " AND r.deadline < ?1" : "",
		f->state == RECT_CLOSED ? " AND r.status = 'closed' AND r.closed_day <= ?1" : "",
		f->market_id ? " AND r.market_id = ?3" : " AND ?3 = ?3",
		f->inspector && f->inspector[0] ? " AND i.inspector = ?4" : " AND ?4 = ?4",
		f->category && f->category[0] ? " AND r.category = ?5" : " AND ?5 = ?5",
		f->inspection_id ? " AND r.inspection_id = ?6" : " AND ?6 = ?6",
		f->due_by[0] ? " AND r.deadline <= ?8" : " AND ?8 = ?8");
	if (k < 0 || (size_t)k >= sizeof sql)
		return sc_fail(err, SC_ERR_INVALID, "rectify: list statement too long");
	sqlite3_stmt *st = db_q(db, err, sql,
		"tiIttIit", asof, f->state, f->market_id, f->inspector ? f->inspector : "",
		f->category ? f->category : "", f->inspection_id, f->with_superseded, f->due_by);
	if (!st)
		return err->code;
	return collect(db, st, out, n, err);
}

int rectify_count_open(struct db *db, const char *day, int *overdue, int *open,
		       struct sc_err *err)
{
	/* as of now a carried rectification's repeat has opened: current is
	 * superseded_by IS NULL (RECTIFY_UNTIL_SQL), which the index holds */
	int64_t d = 0, o = 0;
	int rc = db_int(db, err, &d, "SELECT count(*) FROM rectification WHERE status = 'open'"
			" AND superseded_by IS NULL AND deadline < ?", "t", day);
	if (rc == SC_OK)
		rc = db_int(db, err, &o, "SELECT count(*) FROM rectification WHERE status = 'open'"
			    " AND superseded_by IS NULL", "");
	*overdue = (int)d;
	*open = (int)o;
	return rc;
}

int rectify_open_for_market(struct db *db, int64_t market_id, struct rect_rec **out,
			    int *n, struct sc_err *err)
{
	/* now, whatever the day: every open one, past deadlines included */
	struct rect_filter f = { .state = RECT_OPEN, .market_id = market_id, .as_of = "9999-12-31" };
	*out = NULL;
	*n = 0;
	if (market_id <= 0)
		return sc_fail(err, SC_ERR_INVALID, "no market given");
	return rectify_list(db, &f, out, n, err);
}

const char *rectify_state_label(const char *status, int overdue, int lang)
{
	lang = lang == LANG_EN ? LANG_EN : LANG_ZH;
	if (strcmp(status, "closed") == 0)
		return sc_trc_lang(lang, "rectification state", "closed");
	return overdue ? sc_trc_lang(lang, "rectification state", "overdue")
		       : sc_trc_lang(lang, "rectification state", "open");
}

int rectify_by_uuid(struct db *db, const char *uuid, struct rect_rec *r, struct sc_err *err)
{
	char pat[UUID_STR + 2];
	size_t len = strlen(uuid);
	if (len < 8 || len > 36 || strspn(uuid, "0123456789abcdefABCDEF-") != len)
		return sc_fail(err, SC_ERR_INVALID, "'%s' is not a rectification id (8 or more hex digits of its uuid)",
			       uuid);
	/* uuids begin with their creation time, and the problems of one
	 * inspection share it: lists show the random end (RECT_SHORT_ID),
	 * so a start or an end of the uuid names one */
	char tail[UUID_STR + 2];
	snprintf(pat, sizeof pat, "%s%%", uuid);
	snprintf(tail, sizeof tail, "%%%s", uuid);
	sqlite3_stmt *st = db_q(db, err, RECT_SELECT " WHERE r.uuid LIKE ?2 OR r.uuid LIKE ?3 LIMIT 2",
				"ttt", "9999-12-31", pat, tail);
	struct rect_rec *rs;
	int n, rc;
	if (!st)
		return err->code;
	if ((rc = collect(db, st, &rs, &n, err)))
		return rc;
	if (n == 1)
		*r = rs[0];
	free(rs);
	if (n == 0)
		return sc_fail(err, SC_ERR_NOTFOUND, "no rectification %s", uuid);
	if (n > 1)
		return sc_fail(err, SC_ERR_INVALID, "'%s' matches more than one rectification", uuid);
	return SC_OK;
}

static void repeat_row(sqlite3_stmt *st, void *elem)
{
	struct rect_repeat_count *c = elem;
	c->market_id = sqlite3_column_int64(st, 0);
	c->stall_id = sqlite3_column_int64(st, 1);
	UTF8_COPY(c->stall_code, db_col_text(st, 2));
	c->rectifications = sqlite3_column_int(st, 3);
	c->repeats = sqlite3_column_int(st, 4);
}

int rectify_repeat_counts(struct db *db, int64_t market_id, struct rect_repeat_count **out,
			  int *n, struct sc_err *err)
{
	/* one count per finding made again: a 'repeat' registration, or a
	 * 'not fixed' follow-up (once per walk, and not if the same walk then
	 * marked it fixed); findings dropped by an amendment do not count */
	sqlite3_stmt *st = db_q(db, err,
		"WITH live AS (SELECT * FROM rectification r WHERE (?1 = 0 OR r.market_id = ?1)"
		"   AND (r.superseded_by IS NULL"
		"        OR r.superseded_by NOT IN (SELECT uuid FROM inspection))),"
		" ev AS (SELECT DISTINCT e.rect_id, e.inspection_id, e.kind FROM rect_event e"
		"   WHERE e.kind = 'repeat' OR (e.kind = 'not_fixed' AND NOT EXISTS ("
		"     SELECT 1 FROM rect_event f WHERE f.rect_id = e.rect_id"
		"     AND f.inspection_id = e.inspection_id AND f.kind = 'fixed' AND f.id > e.id)"
		"     AND NOT EXISTS (SELECT 1 FROM inspection d WHERE d.id = e.inspection_id"
		"       AND d.status = 'draft'))),"   /* a draft's marks are pending */
		" per AS (SELECT l.market_id AS mk, coalesce(l.stall_id, -1) AS sid,"
		"   sum(l.superseded_by IS NULL) AS cur,"
		"   sum((SELECT count(*) FROM ev WHERE ev.rect_id = l.id)) AS reps"
		"   FROM live l GROUP BY 1, 2)"
		" SELECT * FROM ("
		"  SELECT mk, sid, coalesce(s.code, '') AS code, cur, reps FROM per"
		"   LEFT JOIN stall s ON s.id = sid WHERE reps > 0"
		"  UNION ALL SELECT mk, 0, '', sum(cur), sum(reps) FROM per GROUP BY mk HAVING sum(reps) > 0)"
		" ORDER BY mk, sid <> 0, code, sid",
		"I", market_id);
	void *v;
	int rc = db_collect(db, st, sizeof **out, repeat_row, &v, n, err);
	*out = v;
	return rc;
}
