/* store: markets, stalls, templates, inspections, visits and answers.
 * Every public write validates first and runs in one transaction. */
#include "store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rectify.h"
#include "seal.h"
#include "utf8.h"


int store_device_id(struct db *db, char out[UUID_STR], struct sc_err *err)
{
	char ts[CLOCK_TS];
	int rc = db_text(db, err, out, UUID_STR, "SELECT value FROM meta WHERE key = 'device_id'", NULL);
	if (rc != SC_ERR_NOTFOUND)
		return rc;
	if (uuid_new(out) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness available for a device id");
	clock_stamp(ts);
	rc = db_run(db, err, "INSERT OR IGNORE INTO meta(key, value) VALUES ('device_id', ?)", "t", out);
	if (rc == SC_OK)
		rc = db_run(db, err, "INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)", "t", ts);
	if (rc == SC_OK) /* another process may have won the race: read back */
		rc = db_text(db, err, out, UUID_STR, "SELECT value FROM meta WHERE key = 'device_id'", NULL);
	return rc;
}

static void hex(const unsigned char *b, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[b[i] >> 4];
		out[2 * i + 1] = d[b[i] & 15];
	}
	out[2 * n] = '\0';
}

int store_audit(struct db *db, const char *actor, const char *action,
		const char *subject, const char *detail, struct sc_err *err)
{
	char prev[65] = "", ts[CLOCK_TS], dev[UUID_STR], h[65];
	unsigned char dig[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	int rc;

	rc = db_text(db, err, prev, sizeof prev, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", NULL);
	if (rc != SC_OK && rc != SC_ERR_NOTFOUND)
		return rc;
	if (rc == SC_ERR_NOTFOUND)
		prev[0] = '\0';
	if ((rc = store_device_id(db, dev, err)))
		return rc;
	clock_stamp(ts);
	/* each field followed by a NUL so no two field lists hash alike */
	const char *f[] = { prev, ts, actor, dev, action, subject ? subject : "", detail ? detail : "" };
	crypto_hash_sha256_init(&st);
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		crypto_hash_sha256_update(&st, (const unsigned char *)f[i], strlen(f[i]) + 1);
	crypto_hash_sha256_final(&st, dig);
	hex(dig, sizeof dig, h);
	return db_run(db, err,
		      "INSERT INTO audit(at, actor, device, action, subject, detail, prev_hash, hash)"
		      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		      "tttttttt", ts, actor, dev, action, f[5], f[6], prev, h);
}

int store_check_text(const char *field, const char *s, size_t max, int multiline,
		     struct sc_err *err)
{
	size_t n = strlen(s), bad;
	if (!utf8_valid(s, n, &bad))
		return sc_fail(err, SC_ERR_INVALID, "%s: invalid UTF-8 at byte %zu", sc_tr(field), bad + 1);
	if (utf8_has_control(s, multiline ? "\n" : ""))
		return sc_fail(err, SC_ERR_INVALID, "%s: control characters are not allowed", sc_tr(field));
	if (n > max)
		return sc_fail(err, SC_ERR_INVALID, "%s: too long (%zu bytes, at most %zu)", sc_tr(field), n, max);
	return SC_OK;
}

int store_check_note(const char *field, const char *s, struct sc_err *err)
{
	int rc = store_check_text(field, s, STORE_NOTE_MAX - 1, 1, err);
	if (rc)
		return rc;
	size_t n = utf8_chars(s);
	if (n > STORE_NOTE_CHARS)
		return sc_fail(err, SC_ERR_INVALID, "%s: too long (%zu characters, at most %d)", sc_tr(field), n,
			       STORE_NOTE_CHARS);
	return SC_OK;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

int store_check_name(const char *field, const char *s, struct sc_err *err)
{
	if (!s || blank(s))
		return sc_fail(err, SC_ERR_INVALID, "%s name is empty (set [inspector] name)", sc_tr(field));
	return store_check_text(field, s, STORE_NAME_MAX - 1, 0, err);
}

/* ---- templates ---- */

int store_template_pin(struct db *db, const struct checklist *cl, const char *body,
		       int64_t *id, struct sc_err *err)
{
	char ts[CLOCK_TS];
	int rc = db_int(db, err, id, "SELECT id FROM template WHERE hash = ?", "t", cl->hash);
	if (rc != SC_ERR_NOTFOUND)
		return rc;
	clock_stamp(ts);
	rc = db_run(db, err,
		    "INSERT INTO template(hash, tpl_id, version, body, created_at) VALUES (?, ?, ?, ?, ?)",
		    "ttttt", cl->hash, cl->id, cl->version, body, ts);
	if (rc == SC_OK)
		*id = db_last_id(db);
	return rc;
}

int store_template_body(struct db *db, int64_t id, char **body, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT body FROM template WHERE id = ?", "I", id);
	int rc;
	*body = NULL;
	if (!st)
		return err->code;
	rc = db_step(db, st, err);
	if (rc == 1) {
		*body = strdup(db_col_text(st, 0));
		rc = *body ? SC_OK : sc_fail(err, SC_ERR_NOMEM, "out of memory");
	} else {
		rc = rc == 0 ? sc_fail(err, SC_ERR_NOTFOUND, "template %lld not found", (long long)id)
			     : err->code;
	}
	db_done(db, st);
	return rc;
}

/* ---- markets ---- */

/* Another market of the same name in the same district is the same market
 * to whoever reads a list or a report: refused. */
static int market_taken(struct db *db, const struct market_rec *m, int64_t self, struct sc_err *err)
{
	int64_t other;
	int rc = db_int(db, err, &other, "SELECT id FROM market WHERE name = ? AND district = ? AND id <> ?"
			" LIMIT 1", "ttI", m->name, m->district, self);
	if (rc == SC_ERR_NOTFOUND)
		return SC_OK;
	if (rc != SC_OK)
		return rc;
	if (m->district[0])
		return sc_fail(err, SC_ERR_CONFLICT, "market %s already exists in %s", m->name, m->district);
	return sc_fail(err, SC_ERR_CONFLICT, "market %s already exists", m->name);
}

static int market_check(const struct market_rec *m, struct sc_err *err)
{
	int rc;
	if (blank(m->name))
		return sc_fail(err, SC_ERR_INVALID, "market name is empty");
	if ((rc = store_check_text(N_("market name"), m->name, sizeof m->name - 1, 0, err)) ||
	    (rc = store_check_text(N_("district"), m->district, sizeof m->district - 1, 0, err)) ||
	    (rc = store_check_text(N_("address"), m->address, sizeof m->address - 1, 0, err)) ||
	    (rc = store_check_text(N_("market code"), m->code, sizeof m->code - 1, 0, err)))
		return rc;
	return SC_OK;
}

int store_market_add(struct db *db, struct market_rec *m, struct sc_err *err)
{
	char ts[CLOCK_TS], dev[UUID_STR];
	int rc;

	if ((rc = market_check(m, err)) || (rc = market_taken(db, m, 0, err)) ||
	    (rc = store_device_id(db, dev, err)))
		return rc;
	if (!m->uuid[0] && uuid_new_owned(dev, m->uuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	clock_stamp(ts);
	rc = db_run(db, err,
		    "INSERT INTO market(uuid, code, name, district, address, active, device,"
		    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
		    "tttttttt", m->uuid, m->code, m->name, m->district, m->address, dev, ts, ts);
	if (rc == SC_OK) {
		m->id = db_last_id(db);
		m->active = 1;
	}
	return rc;
}

int store_market_update(struct db *db, const struct market_rec *m, struct sc_err *err)
{
	char ts[CLOCK_TS];
	int rc;
	if ((rc = market_check(m, err)) || (rc = market_taken(db, m, m->id, err)))
		return rc;
	clock_stamp(ts);
	rc = db_run(db, err,
		    "UPDATE market SET code = ?, name = ?, district = ?, address = ?, active = ?,"
		    " rev = rev + 1, updated_at = ? WHERE id = ?",
		    "ttttitI", m->code, m->name, m->district, m->address, m->active, ts, m->id);
	if (rc == SC_OK && db_changes(db) == 0)
		rc = sc_fail(err, SC_ERR_NOTFOUND, "market %lld not found", (long long)m->id);
	return rc;
}

static const char market_cols[] =
	"SELECT id, uuid, code, name, district, address, active FROM market";

static void market_row(sqlite3_stmt *st, void *elem)
{
	struct market_rec *m = elem;
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	UTF8_COPY(m->uuid, db_col_text(st, 1));
	UTF8_COPY(m->code, db_col_text(st, 2));
	UTF8_COPY(m->name, db_col_text(st, 3));
	UTF8_COPY(m->district, db_col_text(st, 4));
	UTF8_COPY(m->address, db_col_text(st, 5));
	m->active = sqlite3_column_int(st, 6);
}

/* Collect rows of a prepared statement into *out (see db_collect);
 * returns from the caller on error. */
#define COLLECT(db, st, err, type, rowfn, out, n)                                      \
	do {                                                                           \
		void *v_;                                                              \
		int rc_ = db_collect((db), (st), sizeof(type), (rowfn), &v_, (n), (err)); \
		*(out) = v_;                                                           \
		if (rc_)                                                               \
			return rc_;                                                    \
	} while (0)

int store_market_get(struct db *db, int64_t id, struct market_rec *m, struct sc_err *err)
{
	static const char sql[] =
		"SELECT id, uuid, code, name, district, address, active FROM market WHERE id = ?";
	sqlite3_stmt *st = db_q(db, err, sql, "I", id);
	int rc;
	if (!st)
		return err->code;
	rc = db_step(db, st, err);
	if (rc == 1)
		market_row(st, m);
	db_done(db, st);
	if (rc == 0)
		return sc_fail(err, SC_ERR_NOTFOUND, "market %lld not found", (long long)id);
	return rc < 0 ? err->code : SC_OK;
}

int store_market_list(struct db *db, struct market_rec **out, int *n, struct sc_err *err)
{
	char sql[sizeof market_cols + 64];
	snprintf(sql, sizeof sql, "%s ORDER BY active DESC, name", market_cols);
	sqlite3_stmt *st = db_q(db, err, sql, NULL);
	if (!st)
		return err->code;
	COLLECT(db, st, err, struct market_rec, market_row, out, n);
	return SC_OK;
}

/* ---- stalls ---- */

static int stall_check(const struct checklist *cl, const struct stall_rec *s, struct sc_err *err)
{
	int rc;
	if (blank(s->code))
		return sc_fail(err, SC_ERR_INVALID, "stall code is empty");
	if ((rc = store_check_text(N_("stall code"), s->code, sizeof s->code - 1, 0, err)) ||
	    (rc = store_check_text(N_("vendor"), s->vendor, sizeof s->vendor - 1, 0, err)))
		return rc;
	if (cl && checklist_type_index(cl, s->type) < 0)
		return sc_fail(err, SC_ERR_INVALID, "unknown stall type '%s'", s->type);
	return SC_OK;
}

static int stall_code_taken(struct db *db, const struct stall_rec *s, struct sc_err *err)
{
	int64_t other;
	/* a01 next to A01 is the same stall to the people reading the codes
	 * (and the walk's jump); another stall holding it, in any case, is a clash */
	int rc = db_int(db, err, &other, "SELECT id FROM stall WHERE market_id = ? AND code = ? COLLATE NOCASE"
			" AND id <> ? LIMIT 1", "ItI", s->market_id, s->code, s->id);
	if (rc == SC_ERR_NOTFOUND)
		return SC_OK;
	if (rc != SC_OK)
		return rc;
	return sc_fail(err, SC_ERR_CONFLICT, "stall code %s already exists in this market", s->code);
}

int store_stall_add(struct db *db, const struct checklist *cl, struct stall_rec *s,
		    struct sc_err *err)
{
	char ts[CLOCK_TS], dev[UUID_STR];
	int rc;

	s->id = 0;
	if ((rc = stall_check(cl, s, err)) || (rc = stall_code_taken(db, s, err)) ||
	    (rc = store_device_id(db, dev, err)))
		return rc;
	if (!s->uuid[0] && uuid_new_owned(dev, s->uuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	clock_stamp(ts);
	rc = db_run(db, err,
		    "INSERT INTO stall(uuid, market_id, code, vendor, type, active, device,"
		    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
		    "tIttttt" "t", s->uuid, s->market_id, s->code, s->vendor, s->type, dev, ts, ts);
	if (rc == SC_OK) {
		s->id = db_last_id(db);
		s->active = 1;
	}
	return rc;
}

int store_stall_update(struct db *db, const struct checklist *cl,
		       const struct stall_rec *s, struct sc_err *err)
{
	char ts[CLOCK_TS];
	int rc;
	if ((rc = stall_check(cl, s, err)) || (rc = stall_code_taken(db, s, err)))
		return rc;
	clock_stamp(ts);
	rc = db_run(db, err,
		    "UPDATE stall SET code = ?, vendor = ?, type = ?, active = ?, rev = rev + 1,"
		    " updated_at = ? WHERE id = ?",
		    "tttitI", s->code, s->vendor, s->type, s->active, ts, s->id);
	if (rc == SC_OK && db_changes(db) == 0)
		rc = sc_fail(err, SC_ERR_NOTFOUND, "stall %lld not found", (long long)s->id);
	return rc;
}

static void stall_row(sqlite3_stmt *st, void *elem)
{
	struct stall_rec *s = elem;
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(st, 0);
	UTF8_COPY(s->uuid, db_col_text(st, 1));
	s->market_id = sqlite3_column_int64(st, 2);
	UTF8_COPY(s->code, db_col_text(st, 3));
	UTF8_COPY(s->vendor, db_col_text(st, 4));
	UTF8_COPY(s->type, db_col_text(st, 5));
	s->active = sqlite3_column_int(st, 6);
}

int store_stall_get(struct db *db, int64_t id, struct stall_rec *s, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err,
		"SELECT id, uuid, market_id, code, vendor, type, active FROM stall WHERE id = ?", "I", id);
	int rc;
	if (!st)
		return err->code;
	rc = db_step(db, st, err);
	if (rc == 1)
		stall_row(st, s);
	db_done(db, st);
	if (rc == 0)
		return sc_fail(err, SC_ERR_NOTFOUND, "stall %lld not found", (long long)id);
	return rc < 0 ? err->code : SC_OK;
}

int store_stall_list(struct db *db, int64_t market_id, int include_inactive,
		     struct stall_rec **out, int *n, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err,
		"SELECT id, uuid, market_id, code, vendor, type, active FROM stall"
		" WHERE market_id = ? AND (active OR ?) ORDER BY code", "Ii", market_id, include_inactive);
	if (!st)
		return err->code;
	COLLECT(db, st, err, struct stall_rec, stall_row, out, n);
	return SC_OK;
}

/* ---- inspections ---- */

static const char insp_cols[] = "SELECT " STORE_INSPECTION_COLS " FROM inspection i";

void store_inspection_row(sqlite3_stmt *st, void *elem)
{
	struct inspection_rec *r = elem;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	UTF8_COPY(r->uuid, db_col_text(st, 1));
	r->market_id = sqlite3_column_int64(st, 2);
	r->template_id = sqlite3_column_int64(st, 3);
	UTF8_COPY(r->inspector, db_col_text(st, 4));
	UTF8_COPY(r->device, db_col_text(st, 5));
	UTF8_COPY(r->day, db_col_text(st, 6));
	UTF8_COPY(r->started_at, db_col_text(st, 7));
	UTF8_COPY(r->finished_at, db_col_text(st, 8));
	UTF8_COPY(r->status, db_col_text(st, 9));
	UTF8_COPY(r->amends_uuid, db_col_text(st, 10));
	r->score = sqlite3_column_double(st, 11);
	r->band = band_from_code(db_col_text(st, 12));
	r->critical_fails = sqlite3_column_int(st, 13);
	r->stalls_done = sqlite3_column_int(st, 14);
	r->cursor_visit = sqlite3_column_int64(st, 15);
	UTF8_COPY(r->cursor_item, db_col_text(st, 16));
	UTF8_COPY(r->grade, db_col_text(st, 17));
}

static int insp_one(struct db *db, struct sc_err *err, const char *where, const char *fmt,
		    const void *key, struct inspection_rec *r)
{
	char sql[sizeof insp_cols + 64];
	snprintf(sql, sizeof sql, "%s WHERE %s", insp_cols, where);
	sqlite3_stmt *st = *fmt == 'I' ? db_q(db, err, sql, fmt, *(const int64_t *)key)
				      : db_q(db, err, sql, fmt, (const char *)key);
	int rc;
	if (!st)
		return err->code;
	rc = db_step(db, st, err);
	if (rc == 1)
		store_inspection_row(st, r);
	db_done(db, st);
	if (rc == 0)
		return sc_fail(err, SC_ERR_NOTFOUND, "inspection not found");
	return rc < 0 ? err->code : SC_OK;
}

int store_inspection_get(struct db *db, int64_t id, struct inspection_rec *r, struct sc_err *err)
{
	return insp_one(db, err, "id = ?", "I", &id, r);
}

int store_inspection_by_uuid(struct db *db, const char *uuid, struct inspection_rec *r,
			     struct sc_err *err)
{
	return insp_one(db, err, "uuid = ?", "t", uuid, r);
}

int store_inspection_amendment(struct db *db, const char *uuid, struct inspection_rec *r,
			       struct sc_err *err)
{
	return insp_one(db, err, "amends_uuid = ? ORDER BY id DESC LIMIT 1", "t", uuid, r);
}

int store_inspection_drafts(struct db *db, struct inspection_rec **out, int *n, struct sc_err *err)
{
	char dev[UUID_STR], sql[sizeof insp_cols + 96];
	int rc = store_device_id(db, dev, err);
	if (rc)
		return rc;
	snprintf(sql, sizeof sql, "%s WHERE status = 'draft' AND device = ? ORDER BY updated_at DESC",
		 insp_cols);
	sqlite3_stmt *st = db_q(db, err, sql, "t", dev);
	if (!st)
		return err->code;
	COLLECT(db, st, err, struct inspection_rec, store_inspection_row, out, n);
	return SC_OK;
}

/* an inspection's status codes, each its own English word (the catalogue's
 * "inspection status" context gives the others) */
static const char *const status_words[] = {
	NC_("inspection status", "draft"), NC_("inspection status", "final"),
	NC_("inspection status", "approved"), NC_("inspection status", "returned"),
	NC_("inspection status", "amended"),
};
#define NSTATUS (sizeof status_words / sizeof status_words[0])

const char *status_label(const char *status, int lang)
{
	for (size_t i = 0; i < NSTATUS; i++)
		if (strcmp(status, status_words[i]) == 0)
			return sc_trc_lang(lang == LANG_EN ? LANG_EN : LANG_ZH, "inspection status", status_words[i]);
	return status;
}

const char *status_code(const char *word)
{
	for (size_t i = 0; i < NSTATUS; i++)
		for (int lang = 0; lang < LANG_COUNT; lang++)
			if (strcmp(word, status_label(status_words[i], lang)) == 0)
				return status_words[i];
	return NULL;
}

int store_inspection_start(struct db *db, int64_t market_id, int64_t template_id,
			   const char *inspector, const char *amends,
			   struct inspection_rec *out, struct sc_err *err)
{
	char ts[CLOCK_TS], day[CLOCK_DAY], dev[UUID_STR], uuid[UUID_STR];
	int rc;

	if ((rc = store_check_name(N_("inspector"), inspector, err)))
		return rc;
	if ((rc = store_device_id(db, dev, err)))
		return rc;
	if (uuid_new_owned(dev, uuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	clock_stamp(ts);
	clock_today(day);
	if ((rc = db_begin(db, err)))
		return rc;
	const char *who = inspector; /* the one starting it; an amendment keeps the record's inspector */
	struct inspection_rec old;
	if (amends && *amends) {
		/* one line of corrections: a record is amended once, its
		 * amendment (not the record) is what gets amended next */
		struct inspection_rec other;
		if ((rc = store_inspection_by_uuid(db, amends, &old, err)))
			goto end;
		if (strcmp(old.status, "final") && strcmp(old.status, "returned")) {
			rc = sc_fail(err, SC_ERR_STATE,
				     "only a final or returned inspection can be amended (this one is %s)",
				     status_label(old.status, i18n_lang()));
			goto end;
		}
		rc = store_inspection_amendment(db, amends, &other, err);
		if (rc == SC_OK) {
			if (strcmp(other.status, "draft"))
				rc = sc_fail(err, SC_ERR_STATE,
					     "inspection #%lld already has an amendment, #%lld (%s): amend that one instead",
					     (long long)old.id, (long long)other.id, status_label(other.status, i18n_lang()));
			else
				rc = sc_fail(err, SC_ERR_STATE,
					     "inspection #%lld already has an amendment, #%lld (%s): finish that one",
					     (long long)old.id, (long long)other.id, status_label(other.status, i18n_lang()));
			goto end;
		}
		if (rc != SC_ERR_NOTFOUND)
			goto end;
		market_id = old.market_id;
		inspector = old.inspector;
	}
	rc = db_run(db, err,
		    "INSERT INTO inspection(uuid, market_id, template_id, inspector, device, day,"
		    " started_at, status, amends_uuid, created_at, updated_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)",
		    "tIItttttt" "t", uuid, market_id, template_id, inspector, dev, day, ts,
		    amends && *amends ? amends : NULL, ts, ts);
	int64_t id = rc == SC_OK ? db_last_id(db) : 0;
	if (rc == SC_OK)
		rc = store_audit(db, who, amends && *amends ? "inspection.amend" : "inspection.start", uuid,
				 amends ? amends : "", err);
	if (rc == SC_OK)
		rc = store_inspection_get(db, id, out, err);
end:
	/* a failed insert must not hand back whichever row was inserted last */
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	return rc;
}

int store_inspection_discard_empty(struct db *db, int64_t id, int *discarded, struct sc_err *err)
{
	struct inspection_rec r;
	int64_t used = 0;
	int rc;
	*discarded = 0;
	if ((rc = db_begin(db, err)))
		return rc;
	if ((rc = store_inspection_get(db, id, &r, err)))
		goto end;
	if (strcmp(r.status, "draft"))
		goto end;
	/* anything given in it (an answer, a follow-up mark) keeps it */
	rc = db_int(db, err, &used, "SELECT (SELECT count(*) FROM answer WHERE inspection_id = ?1)"
		    " + (SELECT count(*) FROM rect_event WHERE inspection_id = ?1)"
		    " + (SELECT count(*) FROM rectification WHERE closed_by = ?1 OR inspection_id = ?1)",
		    "I", id);
	if (rc || used)
		goto end;
	rc = db_run(db, err, "DELETE FROM walk_undo WHERE inspection_id = ?", "I", id);
	if (rc == SC_OK)
		rc = db_run(db, err, "DELETE FROM visit WHERE inspection_id = ?", "I", id);
	if (rc == SC_OK)
		rc = db_run(db, err, "DELETE FROM inspection WHERE id = ? AND status = 'draft'", "I", id);
	if (rc == SC_OK)
		rc = store_audit(db, r.inspector, "inspection.discard", r.uuid, "empty draft", err);
	if (rc == SC_OK)
		*discarded = 1;
end:
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	if (rc)
		*discarded = 0;
	return rc;
}

/* ---- visits ---- */

static void visit_row(sqlite3_stmt *st, void *elem)
{
	struct visit_rec *v = elem;
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(st, 0);
	UTF8_COPY(v->uuid, db_col_text(st, 1));
	v->stall_id = sqlite3_column_int64(st, 2);
	v->seq = sqlite3_column_int(st, 3);
	v->score = sqlite3_column_double(st, 4);
	v->band = band_from_code(db_col_text(st, 5));
	v->critical_fails = sqlite3_column_int(st, 6);
	v->done = sqlite3_column_int(st, 7);
	UTF8_COPY(v->stall_code, db_col_text(st, 8));
	UTF8_COPY(v->stall_vendor, db_col_text(st, 9));
	UTF8_COPY(v->stall_type, db_col_text(st, 10));
	UTF8_COPY(v->grade, db_col_text(st, 11));
}

#define VISIT_COLS                                                                          \
	"SELECT v.id, v.uuid, v.stall_id, v.seq, coalesce(v.score, -1), v.band, v.critical_fails," \
	" v.done, v.stall_code, v.stall_vendor, v.stall_type, coalesce(v.grade, '') FROM visit v"

static int insp_is_draft(struct db *db, int64_t inspection_id, struct sc_err *err)
{
	char status[16];
	int rc = db_text(db, err, status, sizeof status, "SELECT status FROM inspection WHERE id = ?",
			 "I", inspection_id);
	if (rc == SC_ERR_NOTFOUND)
		return sc_fail(err, SC_ERR_NOTFOUND, "inspection %lld not found", (long long)inspection_id);
	if (rc)
		return rc;
	if (strcmp(status, "draft"))
		return sc_fail(err, SC_ERR_STATE, "this inspection is %s: it can no longer be changed "
			       "(start an amendment to correct it)", status_label(status, i18n_lang()));
	return SC_OK;
}

/* Insert the visit (or find the existing one), freezing the stall as `as`
 * (may be NULL) gives it, else as the registry has it now. */
static int visit_insert(struct db *db, int64_t inspection_id, int64_t stall_id,
			const struct visit_rec *as, struct visit_rec *out, struct sc_err *err)
{
	char ts[CLOCK_TS], uuid[UUID_STR];
	sqlite3_stmt *st;
	int rc;

	if ((rc = insp_is_draft(db, inspection_id, err)))
		return rc;
	if (uuid_new(uuid) < 0)
		return sc_fail(err, SC_ERR_IO, "no randomness for a uuid");
	clock_stamp(ts);
	/* the next seq on its own: an INSERT ... SELECT reading the table it
	 * writes goes through a temporary copy, a cost at every visit */
	int64_t seq = 0;
	if ((rc = db_int(db, err, &seq, "SELECT coalesce(max(seq), 0) + 1 FROM visit WHERE inspection_id = ?",
			 "I", inspection_id)))
		return rc;
	rc = db_run(db, err,
		    "INSERT INTO visit(uuid, inspection_id, stall_id, seq, created_at, stall_code,"
		    " stall_vendor, stall_type)"
		    " SELECT ?1, ?2, s.id, ?8, ?4, coalesce(?5, s.code), coalesce(?6, s.vendor), coalesce(?7, s.type)"
		    " FROM stall s WHERE s.id = ?3"
		    " ON CONFLICT (inspection_id, stall_id) DO NOTHING",
		    "tIIt" "tttI", uuid, inspection_id, stall_id, ts, as ? as->stall_code : NULL,
		    as ? as->stall_vendor : NULL, as ? as->stall_type : NULL, seq);
	if (rc)
		return rc;
	st = db_q(db, err, VISIT_COLS " WHERE v.inspection_id = ? AND v.stall_id = ?", "II",
		  inspection_id, stall_id);
	if (!st)
		return err->code;
	rc = db_step(db, st, err);
	if (rc == 1)
		visit_row(st, out);
	db_done(db, st);
	return rc == 1 ? SC_OK : rc == 0 ? sc_fail(err, SC_ERR_NOTFOUND, "visit not found") : err->code;
}

int store_visit_add(struct db *db, int64_t inspection_id, int64_t stall_id,
		    struct visit_rec *out, struct sc_err *err)
{
	return visit_insert(db, inspection_id, stall_id, NULL, out, err);
}

int store_visit_copy(struct db *db, int64_t inspection_id, const struct visit_rec *from,
		     struct visit_rec *out, struct sc_err *err)
{
	return visit_insert(db, inspection_id, from->stall_id, from, out, err);
}

int store_visit_list(struct db *db, int64_t inspection_id, struct visit_rec **out, int *n,
		     struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, VISIT_COLS " WHERE v.inspection_id = ? ORDER BY v.seq", "I",
				inspection_id);
	if (!st)
		return err->code;
	COLLECT(db, st, err, struct visit_rec, visit_row, out, n);
	return SC_OK;
}

/* A visit is done when every stall item that applies to its type is
 * answered (answers are validated to apply, so a count suffices). */
static int visit_done_refresh(struct db *db, const struct checklist *cl, int64_t visit_id,
			      int stall_type, struct sc_err *err)
{
	int64_t answered = 0;
	int applies = 0, rc;
	for (int i = 0; i < cl->nitems; i++)
		applies += cl->items[i].level == LEVEL_STALL && checklist_item_applies(&cl->items[i], stall_type);
	if ((rc = db_int(db, err, &answered, "SELECT count(*) FROM answer WHERE visit_id = ?", "I", visit_id)))
		return rc;
	return db_run(db, err, "UPDATE visit SET done = ? WHERE id = ? AND done <> ?", "iIi",
		      answered >= applies, visit_id, answered >= applies);
}

/* ---- answers ---- */

/* The walk scores a visit as the type it was frozen with: a caller holding
 * another type (the registry changed under a draft) is refused, never
 * silently rescored. */
static int visit_type_check(struct db *db, const struct checklist *cl, int64_t visit_id,
			    int stall_type, struct sc_err *err)
{
	char code[32];
	int rc = db_text(db, err, code, sizeof code, "SELECT stall_type FROM visit WHERE id = ?", "I",
			 visit_id);
	if (rc == SC_ERR_NOTFOUND)
		return sc_fail(err, SC_ERR_NOTFOUND, "visit %lld not found", (long long)visit_id);
	if (rc)
		return rc;
	if (checklist_type_index(cl, code) != stall_type)
		return sc_fail(err, SC_ERR_STATE, "this stall was inspected as type '%s' in this walk;"
			       " its type in the stall list has changed since", code);
	return SC_OK;
}

int store_cursor_set(struct db *db, int64_t inspection_id, int64_t visit_id,
		     const char *item_id, struct sc_err *err)
{
	char ts[CLOCK_TS];
	clock_stamp(ts);
	return db_run(db, err,
		      "UPDATE inspection SET cursor_visit = ?, cursor_item = ?, updated_at = ?"
		      " WHERE id = ? AND status = 'draft'",
		      "IttI", visit_id, item_id, ts, inspection_id);
}

/* The walk's undo history (walk_undo): the answer a save replaces, kept
 * only when the save changes it, the oldest beyond STORE_UNDO_MAX dropped.
 * Values ?4..?7 are the new answer as stored. The earned points kept are
 * whole: only a points item's come back from them (answer_save), and a
 * points item is given whole points. */
static int undo_push(struct db *db, int64_t inspection_id, int64_t visit_id, const char *item_id,
		     const char *verdict, double earned, int spots, const char *note, struct sc_err *err)
{
#define UNDO_PUSH(match)                                                                        \
	"INSERT INTO walk_undo(inspection_id, seq, visit_id, item_id, verdict, earned, spots, note)" \
	" SELECT ?1, coalesce((SELECT max(seq) FROM walk_undo WHERE inspection_id = ?1), 0) + 1,"  \
	" nullif(?2, 0), ?3, a.verdict, CAST(a.earned AS INTEGER), coalesce(a.spots, 0),"          \
	" coalesce(a.note, '')"                                                                     \
	" FROM (SELECT 1) LEFT JOIN answer a ON " match " AND a.item_id = ?3"                        \
	" WHERE a.verdict IS NOT ?4 OR a.earned IS NOT ?5 OR a.spots IS NOT ?6 OR a.note IS NOT ?7"
	int rc = db_run(db, err, visit_id > 0 ? UNDO_PUSH("a.visit_id = ?2")
					      : UNDO_PUSH("a.inspection_id = ?1 AND a.visit_id IS NULL"),
			"IIttpit", inspection_id, visit_id, item_id, verdict, earned, spots, note);
#undef UNDO_PUSH
	if (rc == SC_OK)
		rc = db_run(db, err, "DELETE FROM walk_undo WHERE inspection_id = ?1 AND seq <="
			    " (SELECT max(seq) FROM walk_undo WHERE inspection_id = ?1) - ?2",
			    "Ii", inspection_id, STORE_UNDO_MAX);
	return rc;
}

/* One answer saved; with undo (the walk's saves) the answer it replaces
 * goes to walk_undo in the same transaction. */
static int answer_save(struct db *db, const struct checklist *cl, int64_t inspection_id,
		       int64_t visit_id, int stall_type, const char *item_id, int verdict, int points,
		       int spots, const char *note, const char *cursor_item, int undo,
		       struct sc_err *err)
{
	char ts[CLOCK_TS];
	const char *why;
	int idx = checklist_item_index(cl, item_id), v, rc;
	double earned;
	const struct cl_item *it;

	if (idx < 0)
		return sc_fail(err, SC_ERR_INVALID, "unknown item %s", item_id);
	it = &cl->items[idx];
	if (visit_id > 0 && it->level != LEVEL_STALL)
		return sc_fail(err, SC_ERR_INVALID, "item %s is not a per-stall item", it->id);
	if (visit_id <= 0 && it->level == LEVEL_STALL)
		return sc_fail(err, SC_ERR_INVALID, "item %s is not a market-wide item", it->id);
	if (visit_id > 0 && (rc = visit_type_check(db, cl, visit_id, stall_type, err)))
		return rc;
	if (visit_id > 0 && !checklist_item_applies(it, stall_type))
		return sc_fail(err, SC_ERR_INVALID, "item %s does not apply to this stall type", it->id);
	if (score_normalize(it, verdict, points, &v, &earned, &why) < 0)
		return sc_fail(err, SC_ERR_INVALID, "%s: %s (0..%g)", it->id, _(why), it->points);
	if (spots < 0 || spots > 9999)
		return sc_fail(err, SC_ERR_INVALID, "problem spots must be 0..9999");
	if (spots > 0 && !verdict_is_problem(v)) /* a pass with problem spots would count problems nowhere */
		return sc_fail(err, SC_ERR_INVALID, "%s: problem spots go with a failed item", it->id);
	earned = score_spot_earned(it, v, spots, earned);
	if (!note)
		note = "";
	if ((rc = store_check_note(N_("note"), note, err)))
		return rc;
	if ((rc = db_begin(db, err)))
		return rc;
	if ((rc = insp_is_draft(db, inspection_id, err)) == SC_OK) {
		int scored = v != V_NA && v != V_NOT_OBSERVED;
		clock_stamp(ts);
		if (undo)
			rc = undo_push(db, inspection_id, visit_id, it->id, verdict_name(v),
				       scored ? earned : -1, spots, note, err);
		if (rc == SC_OK)
		/* one statement per shape: the partial unique indexes differ */
		rc = db_run(db, err, visit_id > 0
			? "INSERT INTO answer(inspection_id, visit_id, item_id, verdict, earned, possible,"
			  " critical, spots, note, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
			  " ON CONFLICT (visit_id, item_id) WHERE visit_id IS NOT NULL DO UPDATE SET"
			  " verdict = ?4, earned = ?5, possible = ?6, critical = ?7, spots = ?8, note = ?9,"
			  " answered_at = ?10"
			: "INSERT INTO answer(inspection_id, visit_id, item_id, verdict, earned, possible,"
			  " critical, spots, note, answered_at) VALUES (?1, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
			  " ON CONFLICT (inspection_id, item_id) WHERE visit_id IS NULL DO UPDATE SET"
			  " verdict = ?4, earned = ?5, possible = ?6, critical = ?7, spots = ?8, note = ?9,"
			  " answered_at = ?10",
			"IItt" "pp" "iitt",
			inspection_id, visit_id, it->id, verdict_name(v),
			scored ? earned : -1.0, scored ? it->points : -1.0,
			checklist_item_critical(it, visit_id > 0 ? stall_type : -1), spots, note, ts);
	}
	if (rc == SC_OK && visit_id > 0)
		rc = visit_done_refresh(db, cl, visit_id, stall_type, err);
	if (rc == SC_OK)
		rc = store_cursor_set(db, inspection_id, visit_id, cursor_item ? cursor_item : it->id, err);
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	return rc;
}

int store_answer_save(struct db *db, const struct checklist *cl, int64_t inspection_id,
		      int64_t visit_id, int stall_type, const char *item_id,
		      int verdict, int points, int spots, const char *note,
		      struct sc_err *err)
{
	return answer_save(db, cl, inspection_id, visit_id, stall_type, item_id, verdict, points,
			   spots, note, NULL, 0, err);
}

int store_answer_save_at(struct db *db, const struct checklist *cl, int64_t inspection_id,
			 int64_t visit_id, int stall_type, const char *item_id,
			 int verdict, int points, int spots, const char *note,
			 const char *cursor_item, struct sc_err *err)
{
	return answer_save(db, cl, inspection_id, visit_id, stall_type, item_id, verdict, points,
			   spots, note, cursor_item, 1, err);
}

int store_undo(struct db *db, const struct checklist *cl, int64_t inspection_id,
	       int64_t *visit_id, char item_id[CL_ID_MAX], struct sc_err *err)
{
	char verdict[16] = "", type[32] = "";
	int64_t seq = 0;
	int earned = 0, spots = 0, rc, have = 0;
	char *note = NULL;
	if ((rc = db_begin(db, err)))
		return rc;
	if ((rc = insp_is_draft(db, inspection_id, err)))
		goto end;
	sqlite3_stmt *st = db_q(db, err, "SELECT seq, coalesce(visit_id, 0), item_id,"
				" coalesce(verdict, ''), coalesce(earned, 0), spots, note FROM walk_undo"
				" WHERE inspection_id = ? ORDER BY seq DESC LIMIT 1", "I", inspection_id);
	if (!st) {
		rc = err->code;
		goto end;
	}
	if ((have = db_step(db, st, err)) == 1) {
		seq = sqlite3_column_int64(st, 0);
		*visit_id = sqlite3_column_int64(st, 1);
		utf8_copy(item_id, CL_ID_MAX, db_col_text(st, 2));
		UTF8_COPY(verdict, db_col_text(st, 3));
		earned = sqlite3_column_int(st, 4);
		spots = sqlite3_column_int(st, 5);
		note = strdup(db_col_text(st, 6));
	}
	db_done(db, st);
	if (have < 0 || (have == 1 && !note)) {
		rc = have < 0 ? err->code : sc_fail(err, SC_ERR_NOMEM, "out of memory");
		goto end;
	}
	if (!have) {
		rc = sc_fail(err, SC_ERR_NOTFOUND, "nothing to undo");
		goto end;
	}
	/* the answer back as it was (the visit's frozen type scores it), or gone */
	if (*visit_id > 0)
		rc = db_text(db, err, type, sizeof type, "SELECT stall_type FROM visit WHERE id = ?", "I",
			     *visit_id);
	if (rc == SC_OK)
		rc = verdict[0]
			? answer_save(db, cl, inspection_id, *visit_id,
				      *visit_id > 0 ? checklist_type_index(cl, type) : -1, item_id,
				      verdict_from_name(verdict), earned, spots, note, NULL, 0, err)
			: store_answer_delete(db, inspection_id, *visit_id, item_id, err);
	if (rc == SC_OK)
		rc = db_run(db, err, "DELETE FROM walk_undo WHERE inspection_id = ? AND seq = ?", "II",
			    inspection_id, seq);
end:
	free(note);
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	return rc;
}

int store_answer_delete(struct db *db, int64_t inspection_id, int64_t visit_id,
			const char *item_id, struct sc_err *err)
{
	int rc;
	if ((rc = db_begin(db, err)))
		return rc;
	if ((rc = insp_is_draft(db, inspection_id, err)) == SC_OK)
		rc = db_run(db, err,
			    "DELETE FROM answer WHERE inspection_id = ? AND coalesce(visit_id, 0) = ?"
			    " AND item_id = ?", "IIt", inspection_id, visit_id, item_id);
	if (rc == SC_OK && visit_id > 0)
		rc = db_run(db, err, "UPDATE visit SET done = 0 WHERE id = ? AND done <> 0", "I", visit_id);
	if (rc == SC_OK)
		rc = store_cursor_set(db, inspection_id, visit_id, item_id, err);
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	return rc;
}

/* every field set (db_collect has zeroed the element: a 4 KB note buffer
 * is not cleared twice per row) */
static void answer_row(sqlite3_stmt *st, void *elem)
{
	struct answer_rec *a = elem;
	a->visit_id = sqlite3_column_int64(st, 0);
	UTF8_COPY(a->item_id, db_col_text(st, 1));
	a->verdict = verdict_from_name(db_col_text(st, 2));
	a->earned = sqlite3_column_double(st, 3);
	a->possible = sqlite3_column_double(st, 4);
	a->critical = sqlite3_column_int(st, 5);
	a->spots = sqlite3_column_int(st, 6);
	UTF8_COPY(a->note, db_col_text(st, 7));
	UTF8_COPY(a->answered_at, db_col_text(st, 8));
}

int store_answer_list(struct db *db, int64_t inspection_id, int64_t visit_id,
		      struct answer_rec **out, int *n, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err,
		"SELECT coalesce(visit_id, 0), item_id, verdict, coalesce(earned, 0),"
		" coalesce(possible, 0), critical, spots, note, answered_at FROM answer"
		" WHERE inspection_id = ?1 AND (?2 < 0 OR coalesce(visit_id, 0) = ?2)"
		" ORDER BY visit_id, id", "II", inspection_id, visit_id); /* index order: no sort */
	if (!st)
		return err->code;
	COLLECT(db, st, err, struct answer_rec, answer_row, out, n);
	return SC_OK;
}

/* ---- scoring and finalize ---- */

/* Turn stored answers into scoring input. Points items pass their earned
 * points; pass/fail items their verdict. */
void store_answer_sc(const struct checklist *cl, int item, int verdict, double earned, int spots,
		     struct sc_answer *o)
{
	o->item = item;
	o->spots = spots;
	/* read back as coalesce(earned, 0); only a points item's count, and
	 * those are whole */
	o->points = earned < 0 ? 0 : (int)earned;
	o->verdict = verdict;
	if (cl->items[item].kind == KIND_POINTS && (verdict == V_PASS || verdict == V_FAIL))
		o->verdict = V_NONE; /* give the earned points directly */
}

static int to_sc(const struct checklist *cl, const struct answer_rec *a, struct sc_answer *o)
{
	int item = checklist_item_index(cl, a->item_id);
	if (item < 0)
		return -1;
	store_answer_sc(cl, item, a->verdict, a->earned, a->spots, o);
	return 0;
}

/* Score one place (visit > 0: a stall of type `type`; 0: the market-wide
 * items) from its answers, in sa (room for n). */
static void score_place(const struct checklist *cl, int64_t visit, int type, const struct answer_rec *a,
			int n, struct sc_answer *sa, struct score_part *mw, struct stall_score *ss)
{
	int m = 0;
	for (int i = 0; i < n; i++)
		if (to_sc(cl, &a[i], &sa[m]) == 0)
			m++;
	if (visit > 0)
		score_stall(cl, type, sa, m, ss);
	else
		score_market_items(cl, sa, m, mw);
}

/* Every place of an inspection scored: the market-wide part, the visits
 * (in store_visit_list order) and their stall scores, the market score. */
static int score_all(struct db *db, const struct checklist *cl, int64_t inspection_id,
		     struct market_score *ms, struct score_part *mw, struct stall_score **stalls,
		     struct visit_rec **visits, int *nv, struct sc_err *err)
{
	struct answer_rec *ans = NULL;
	struct sc_answer *sa = NULL;
	struct stall_score *ss = NULL;
	int na = 0, rc;

	*visits = NULL;
	*nv = 0;
	if ((rc = store_answer_list(db, inspection_id, -1, &ans, &na, err)) ||
	    (rc = store_visit_list(db, inspection_id, visits, nv, err)))
		goto out;
	sa = calloc((size_t)na + 1, sizeof *sa);
	ss = calloc((size_t)*nv + 1, sizeof *ss);
	if (!sa || !ss) {
		rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* answers are ordered by visit id: market-wide (0) first, then per visit */
	int k = 0, m = 0;
	while (m < na && ans[m].visit_id == 0)
		m++;
	score_place(cl, 0, -1, ans, m, sa, mw, NULL);
	k = m;
	for (int v = 0; v < *nv; v++) {
		const struct visit_rec *vr = &(*visits)[v];
		while (k < na && ans[k].visit_id < vr->id)
			k++;
		for (m = k; m < na && ans[m].visit_id == vr->id; m++)
			;
		score_place(cl, vr->id, checklist_type_index(cl, vr->stall_type), ans + k, m - k, sa, NULL,
			    &ss[v]);
		k = m;
	}
	score_market(cl, mw, ss, *nv, ms);
	*stalls = ss;
	ss = NULL;
out:
	if (rc) {
		free(*visits);
		*visits = NULL;
		*nv = 0;
	}
	free(ans);
	free(sa);
	free(ss);
	return rc;
}

int store_inspection_score(struct db *db, const struct checklist *cl,
			   int64_t inspection_id, struct market_score *ms,
			   struct stall_score **stalls, int *nstalls, struct sc_err *err)
{
	struct visit_rec *vis = NULL;
	struct stall_score *ss = NULL;
	struct score_part mw;
	int nv = 0, rc;

	if ((rc = score_all(db, cl, inspection_id, ms, &mw, &ss, &vis, &nv, err)) == SC_OK && stalls) {
		*stalls = ss;
		*nstalls = nv;
		ss = NULL;
	}
	free(vis);
	free(ss);
	return rc;
}

void store_walk_score_free(struct store_walk_score *w)
{
	free(w->ss);
	free(w->place);
	memset(w, 0, sizeof *w);
}

int store_walk_score_load(struct db *db, const struct checklist *cl, int64_t inspection_id,
			  struct store_walk_score *w, struct sc_err *err)
{
	struct visit_rec *vis = NULL;
	struct stall_score *ss = NULL;
	int nv = 0, rc;

	store_walk_score_free(w);
	if ((rc = score_all(db, cl, inspection_id, &w->ms, &w->mw, &ss, &vis, &nv, err)))
		return rc;
	w->ss = ss;
	w->place = calloc((size_t)nv + 1, sizeof *w->place);
	if (!w->place) {
		free(vis);
		store_walk_score_free(w);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	for (int v = 0; v < nv; v++) {
		w->place[v].visit_id = vis[v].id;
		w->place[v].type = checklist_type_index(cl, vis[v].stall_type);
		w->place[v].done = vis[v].done != 0;
		w->visits_done += w->place[v].done;
	}
	w->nv = nv;
	w->inspection_id = inspection_id;
	free(vis);
	return SC_OK;
}

int store_walk_score_place(struct db *db, const struct checklist *cl, int64_t inspection_id,
			   int64_t visit_id, const struct answer_rec *a, int na,
			   struct store_walk_score *w, struct sc_err *err)
{
	struct sc_answer *sa;
	int v = -1;

	for (int i = 0; visit_id > 0 && i < w->nv && v < 0; i++)
		if (w->place[i].visit_id == visit_id)
			v = i;
	if (w->inspection_id != inspection_id || (visit_id > 0 && v < 0))
		return store_walk_score_load(db, cl, inspection_id, w, err); /* a place not held yet */
	if (!(sa = calloc((size_t)na + 1, sizeof *sa)))
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	score_place(cl, visit_id, v < 0 ? -1 : w->place[v].type, a, na, sa, &w->mw, v < 0 ? NULL : &w->ss[v]);
	free(sa);
	if (v >= 0) { /* its done flag, as the save set it (visit_done_refresh) */
		int64_t done = 0;
		int rc = db_int(db, err, &done, "SELECT done FROM visit WHERE id = ?", "I", visit_id);
		if (rc)
			return rc;
		w->visits_done += (done != 0) - w->place[v].done;
		w->place[v].done = done != 0;
	}
	/* combined from every place as a full scoring does: the same sums in the same order */
	score_market(cl, &w->mw, w->ss, w->nv, &w->ms);
	return SC_OK;
}

static int gap_add(struct store_gap **v, int *n, int *cap, const struct visit_rec *vis,
		   const struct checklist *cl, int item)
{
	if (*n == *cap) {
		int c = *cap ? *cap * 2 : 32;
		struct store_gap *nv = realloc(*v, (size_t)c * sizeof *nv);
		if (!nv)
			return -1;
		*v = nv;
		*cap = c;
	}
	struct store_gap *g = &(*v)[(*n)++];
	memset(g, 0, sizeof *g);
	int type = vis ? checklist_type_index(cl, vis->stall_type) : -1;
	g->visit_id = vis ? vis->id : 0;
	if (vis)
		UTF8_COPY(g->stall_code, vis->stall_code);
	g->item = item;
	g->critical = checklist_item_critical(&cl->items[item], type);
	return 0;
}

/* Is item_id (NULL: any item) answered at visit_id (0: market-wide)? */
/* store_answer_list gives the answers in visit order: a visit's answers
 * are one run, found by bisection (finalize asks for every item of every
 * stall: a scan per question was stalls x items x answers). */
static int answered(const struct answer_rec *a, int na, int64_t visit_id, const char *item_id)
{
	int lo = 0, hi = na;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (a[mid].visit_id < visit_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < na && a[i].visit_id == visit_id; i++)
		if (!item_id || strcmp(a[i].item_id, item_id) == 0)
			return 1;
	return 0;
}

int store_unanswered(struct db *db, const struct checklist *cl, int64_t inspection_id,
		     struct store_gap **out, int *n, int *ncritical, struct sc_err *err)
{
	struct answer_rec *ans = NULL;
	struct visit_rec *vis = NULL;
	int *items = malloc(((size_t)cl->nitems + 1) * sizeof *items);
	int na = 0, nv = 0, cap = 0, rc;

	*out = NULL;
	*n = 0;
	if (!items)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	if ((rc = store_answer_list(db, inspection_id, -1, &ans, &na, err)) ||
	    (rc = store_visit_list(db, inspection_id, &vis, &nv, err)))
		goto out;
	for (int v = -1; v < nv && rc == SC_OK; v++) {
		const struct visit_rec *vr = v < 0 ? NULL : &vis[v];
		int64_t vid = vr ? vr->id : 0;
		if (vr && !answered(ans, na, vid, NULL))
			continue; /* passed through only: finalize drops the visit */
		int type = vr ? checklist_type_index(cl, vr->stall_type) : -1;
		int k = vr && type < 0 ? 0 : checklist_items_for(cl, type, items);
		for (int i = 0; i < k && rc == SC_OK; i++)
			if (!answered(ans, na, vid, cl->items[items[i]].id) &&
			    gap_add(out, n, &cap, vr, cl, items[i]) < 0)
				rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	if (ncritical) {
		*ncritical = 0;
		for (int i = 0; i < *n; i++)
			*ncritical += (*out)[i].critical;
	}
out:
	free(items);
	free(ans);
	free(vis);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The refusal of a finalize that would skip a veto, naming the items. */
static int critical_gaps(struct db *db, const struct checklist *cl, int64_t inspection_id,
			 struct sc_err *err)
{
	struct store_gap *g;
	int n, ncrit, rc;
	char names[300] = "";
	if (cl->rules.allow_unanswered_critical)
		return SC_OK;
	if ((rc = store_unanswered(db, cl, inspection_id, &g, &n, &ncrit, err)))
		return rc;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names);
		if (g[i].critical && len + 40 < sizeof names)
			snprintf(names + len, sizeof names - len, "%s%s%s%s", len ? ", " : "", g[i].stall_code,
				 g[i].stall_code[0] ? " " : "", cl->items[g[i].item].id);
	}
	free(g);
	if (ncrit)
		return sc_fail(err, SC_ERR_STATE,
			       sc_ntr("%d critical item is not answered yet: %s (answer it;"
				      " the template's [scoring] allow_unanswered_critical = yes would allow it)",
				      "%d critical items are not answered yet: %s (answer them;"
				      " the template's [scoring] allow_unanswered_critical = yes would allow it)",
				      ncrit), ncrit, names);
	return SC_OK;
}

int store_inspection_finalize(struct db *db, const struct checklist *cl,
			      int64_t inspection_id, const char *actor,
			      struct market_score *out, struct sc_err *err)
{
	return store_inspection_finalize_scored(db, cl, inspection_id, actor, NULL, out, err);
}

int store_inspection_finalize_scored(struct db *db, const struct checklist *cl,
				     int64_t inspection_id, const char *actor,
				     const struct store_scored *sc, struct market_score *out,
				     struct sc_err *err)
{
	struct inspection_rec r;
	struct visit_rec *vis = NULL;
	struct stall_score *ss_own = NULL;
	const struct stall_score *ss;
	struct market_score ms;
	char ts[CLOCK_TS];
	int nv = 0, nss = 0, done = 0, rc;

	if ((rc = db_begin(db, err)))
		return rc;
	if ((rc = insp_is_draft(db, inspection_id, err)) ||
	    (rc = store_inspection_get(db, inspection_id, &r, err)) ||
	    (rc = db_run(db, err, "DELETE FROM walk_undo WHERE inspection_id = ?", "I", inspection_id)))
		goto out;
	/* a stall the walk only passed through was not inspected: it must not
	 * count in the record, its seal or the reports */
	if ((rc = db_run(db, err, "DELETE FROM visit WHERE inspection_id = ? AND NOT EXISTS"
			 " (SELECT 1 FROM answer a WHERE a.visit_id = visit.id)", "I", inspection_id)))
		goto out;
	if (db_changes(db) > 0)
		sc = NULL; /* the caller's scores counted a visit that is gone */
	if (sc) {
		ms = sc->ms;
		ss = sc->ss;
		nss = sc->nv;
		vis = calloc((size_t)sc->nv + 1, sizeof *vis);
		if (!vis) {
			rc = sc_fail(err, SC_ERR_NOMEM, "out of memory");
			goto out;
		}
		for (int v = 0; v < sc->nv; v++)
			vis[v].id = sc->visit[v];
		nv = sc->nv;
	} else if ((rc = critical_gaps(db, cl, inspection_id, err)) ||
		   (rc = store_inspection_score(db, cl, inspection_id, &ms, &ss_own, &nss, err)) ||
		   (rc = store_visit_list(db, inspection_id, &vis, &nv, err))) {
		goto out;
	}
	if (!sc)
		ss = ss_own;
	for (int v = 0; v < nv && v < nss && rc == SC_OK; v++) {
		/* done as in the walk (visit_done_refresh): every applicable item answered */
		int vdone = ss[v].p.answered >= ss[v].p.applicable;
		done += vdone;
		rc = db_run(db, err,
			    "UPDATE visit SET score = nullif(?, -1.0), band = ?, grade = nullif(?, ''),"
			    " critical_fails = ?, done = ? WHERE id = ?",
			    "dttiiI", ss[v].score, band_code(score_band_class(&cl->rules, ss[v].band)),
			    score_band_grade(&cl->rules, ss[v].band), ss[v].p.critical_fails, vdone,
			    vis[v].id);
	}
	if (rc)
		goto out;
	clock_stamp(ts);
	/* the score as shown (rounded once by score_market) and its band are
	 * stored and sealed: every screen and report reads these */
	rc = db_run(db, err,
		    "UPDATE inspection SET status = 'final', finished_at = ?, score = nullif(?, -1.0),"
		    " band = ?, grade = nullif(?, ''), critical_fails = ?, stalls_done = ?, rev = rev + 1,"
		    " updated_at = ? WHERE id = ?",
		    "tdttiitI", ts, ms.score, band_code(score_band_class(&cl->rules, ms.band)),
		    score_band_grade(&cl->rules, ms.band), ms.critical_fails, done, ts, inspection_id);
	if (rc == SC_OK && r.amends_uuid[0])
		rc = db_run(db, err,
			    "UPDATE inspection SET status = 'amended', rev = rev + 1, updated_at = ?"
			    " WHERE uuid = ? AND status IN ('final', 'returned')",
			    "tt", ts, r.amends_uuid);
	if (rc == SC_OK)
		rc = rectify_apply_followups(db, inspection_id, err);
	if (rc == SC_OK)
		rc = rectify_register(db, cl, inspection_id, sc ? sc->failed : NULL, sc ? sc->nfailed : 0, err);
	if (rc == SC_OK)
		rc = seal_inspection_rows(db, inspection_id, sc ? sc->answer_rows : NULL, err);
	if (rc == SC_OK) {
		char detail[64];
		char num[16];
		snprintf(detail, sizeof detail, "score=%s band=%s", score_text(ms.score, "none", num, sizeof num),
			 band_code(score_band_class(&cl->rules, ms.band)));
		rc = store_audit(db, actor ? actor : r.inspector, "inspection.finalize", r.uuid, detail, err);
	}
	if (rc == SC_OK && out)
		*out = ms;
out:
	free(vis);
	free(ss_own);
	if (db_end(db, rc == SC_OK, err) != SC_OK && rc == SC_OK)
		rc = err->code;
	return rc;
}
