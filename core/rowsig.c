/* rowsig: signatures of review and rectification event rows by the device
 * that made them. */
#include "rowsig.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"

/* Per kind: the signed fields of one row by uuid here, in an attached
 * bundle, or bound (a row about to be inserted), same columns in the same
 * order; the rows to check here and in a bundle (uuid, the subject's uuid,
 * device, sig, what it says now, the device's public key; the columns are
 * qualified: DEVICE_PUBKEY_SQL's subquery reads peer.device). */
static const struct {
	const char *tag, *name, *plural, *subject;
	int nfields;
	const char *main_sql, *bundle_sql, *new_sql, *list_sql, *bundle_list_sql;
} kinds[ROWSIG_KINDS] = {
	[ROWSIG_REVIEW] = {
		"stallcheck-review-1\x1e", N_("review"), N_("reviews"), N_("inspection"), 7,
		"SELECT r.uuid, i.uuid, r.decision, r.reason, r.reviewer, r.device, r.at FROM review r"
		" JOIN inspection i ON i.id = r.inspection_id WHERE r.uuid = ?",
		"SELECT uuid, inspection_uuid, decision, reason, reviewer, device, at FROM b.review"
		" WHERE uuid = ?",
		"SELECT ?, ?, ?, ?, ?, ?, ?",
		"SELECT r.uuid, i.uuid, r.device, r.sig, 'decision now ' || r.decision, "
		DEVICE_PUBKEY_SQL("r.device", "?1") " FROM review r JOIN inspection i"
		" ON i.id = r.inspection_id ORDER BY r.at, r.uuid",
		"SELECT r.uuid, coalesce(r.inspection_uuid, '?'), r.sig, " DEVICE_PUBKEY_SQL("r.device", "?1")
		" FROM b.review r WHERE r.sig IS NOT NULL",
	},
	[ROWSIG_EVENT] = {
		"stallcheck-event-1\x1e", N_("rectification event"), N_("rectification events"), N_("rectification"), 8,
		"SELECT e.uuid, x.uuid, coalesce(i.uuid, ''), e.kind, e.note, e.actor, e.device, e.at"
		" FROM rect_event e JOIN rectification x ON x.id = e.rect_id"
		" LEFT JOIN inspection i ON i.id = e.inspection_id WHERE e.uuid = ?",
		"SELECT uuid, rect_uuid, coalesce(inspection_uuid, ''), kind, note, actor, device, at"
		" FROM b.rect_event WHERE uuid = ?",
		"SELECT ?, ?, ?, ?, ?, ?, ?, ?",
		"SELECT e.uuid, x.uuid, e.device, e.sig, 'kind now ' || e.kind, "
		DEVICE_PUBKEY_SQL("e.device", "?1") " FROM rect_event e JOIN rectification x"
		" ON x.id = e.rect_id ORDER BY e.at, e.uuid",
		"SELECT e.uuid, coalesce(e.rect_uuid, '?'), e.sig, " DEVICE_PUBKEY_SQL("e.device", "?1")
		" FROM b.rect_event e WHERE e.sig IS NOT NULL",
	},
};

const char *rowsig_kind_name(int kind, int plural)
{
	return _(plural ? kinds[kind].plural : kinds[kind].name);
}

/* The message of the row st selects: tag, then the canonical encoding.
 * Releases st. The caller frees out->p. */
static int row_msg(struct db *db, int kind, sqlite3_stmt *st, struct seal_buf *out,
		   struct sc_err *err)
{
	memset(out, 0, sizeof *out);
	int rc = seal_buf_add(out, kinds[kind].tag, strlen(kinds[kind].tag))
		? sc_fail(err, SC_ERR_NOMEM, "out of memory") : seal_feed_rows(db, st, NULL, out, err);
	db_done(db, st);
	return rc;
}

/* Batch signing (rowsig_batch_begin): the rows' messages and the
 * records' canonical forms queued, signed (and chained) by a second thread
 * in their order while the first goes on writing; one batch at a time, for
 * one database. */
struct sign_job {
	int kind;                 /* ROWSIG_KINDS: a record's seal */
	char uuid[UUID_STR];      /* a row's */
	int64_t record;           /* a seal's: the inspection, the head's time */
	char at[CLOCK_TS];
	struct seal_buf msg;      /* a row's message or a record's canonical form */
	char sig[ROWSIG_HEX];
	char seal[SEAL_HEX], prev[SEAL_HEX];
};

#define BATCH_WAKE 64

static struct {
	struct db *db;
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char device[UUID_STR], head[SEAL_HEX]; /* the chain head, as the worker goes */
	pthread_t worker;
	pthread_mutex_t mu;
	pthread_cond_t more, done;
	struct sign_job **job;
	int n, cap, next, nsigned, stop;
} batch = { .mu = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER,
	    .done = PTHREAD_COND_INITIALIZER };

/* Sign the next queued job, if any; called with batch.mu held, returns
 * with it held. 0 when the queue is empty. Only the worker signs: the
 * seals are a chain, made in their order. */
static int batch_sign_next(void)
{
	if (batch.next == batch.n)
		return 0;
	struct sign_job *j = batch.job[batch.next++];
	pthread_mutex_unlock(&batch.mu);
	if (j->kind == ROWSIG_KINDS) {
		snprintf(j->prev, sizeof j->prev, "%s", batch.head);
		seal_chain(j->prev, &j->msg, j->seal);
		memcpy(batch.head, j->seal, sizeof batch.head);
		seal_head_sign(batch.device, j->seal, batch.sk, j->sig);
	} else {
		unsigned char sg[crypto_sign_BYTES];
		crypto_sign_detached(sg, NULL, (const unsigned char *)j->msg.p, j->msg.len, batch.sk);
		device_hex(sg, sizeof sg, j->sig);
	}
	pthread_mutex_lock(&batch.mu);
	if (++batch.nsigned == batch.n)
		pthread_cond_broadcast(&batch.done);
	return 1;
}

static void *batch_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&batch.mu);
	while (!batch.stop || batch.next < batch.n)
		if (!batch_sign_next())
			pthread_cond_wait(&batch.more, &batch.mu);
	pthread_mutex_unlock(&batch.mu);
	return NULL;
}

/* The chain head as the database holds it, for the seals queued next. */
static int batch_head_read(struct db *db, struct sc_err *err)
{
	int rc = db_text(db, err, batch.head, sizeof batch.head, "SELECT value FROM meta WHERE key = 'seal_head'",
			 NULL);
	if (rc == SC_ERR_NOTFOUND)
		batch.head[0] = '\0';
	return rc == SC_ERR_NOTFOUND ? SC_OK : rc;
}

int rowsig_batch_begin(struct db *db, struct sc_err *err)
{
	struct device_self me;
	int rc;
	if (batch.db)
		return sc_fail(err, SC_ERR_STATE, "rowsig: a signing batch is already open");
	if ((rc = device_self(db, &me, err)))
		return rc;
	memcpy(batch.sk, me.sk, sizeof batch.sk);
	snprintf(batch.device, sizeof batch.device, "%s", me.id);
	sodium_memzero(&me, sizeof me);
	batch.stop = 0;
	if (pthread_create(&batch.worker, NULL, batch_worker, NULL)) {
		sodium_memzero(batch.sk, sizeof batch.sk);
		return sc_fail(err, SC_ERR_NOMEM, "rowsig: cannot start the signing thread");
	}
	batch.db = db;
	return SC_OK;
}

/* Queue the message of row uuid, or record's canonical form (kind
 * ROWSIG_KINDS); takes msg. */
static int batch_add(int kind, const char *uuid, int64_t record, struct seal_buf *msg, struct sc_err *err)
{
	/* the first job since a flush chains from the head committed (or
	 * rolled back to) since: the worker is idle, its queue empty */
	int rc = batch.n ? SC_OK : batch_head_read(batch.db, err);
	if (rc) {
		free(msg->p);
		return rc;
	}
	struct sign_job *j = calloc(1, sizeof *j);
	pthread_mutex_lock(&batch.mu);
	if (j && batch.n == batch.cap) {
		int cap = batch.cap ? 2 * batch.cap : 256;
		struct sign_job **q = realloc(batch.job, (size_t)cap * sizeof *q);
		if (q)
			batch.job = q, batch.cap = cap;
	}
	if (!j || batch.n == batch.cap) {
		pthread_mutex_unlock(&batch.mu);
		free(j);
		free(msg->p);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	j->kind = kind;
	snprintf(j->uuid, sizeof j->uuid, "%s", uuid);
	j->record = record;
	clock_stamp(j->at);
	j->msg = *msg;
	batch.job[batch.n++] = j;
	if (batch.n - batch.next >= BATCH_WAKE) /* woken for a few: a wake-up is a system call */
		pthread_cond_signal(&batch.more);
	pthread_mutex_unlock(&batch.mu);
	return SC_OK;
}

int rowsig_batch_flush(struct db *db, int write, struct sc_err *err)
{
	static const char *const update_sql[ROWSIG_KINDS] = {
		[ROWSIG_REVIEW] = "UPDATE review SET sig = ? WHERE uuid = ?",
		[ROWSIG_EVENT] = "UPDATE rect_event SET sig = ? WHERE uuid = ?",
	};
	int rc = SC_OK;
	const char *head = NULL;
	if (batch.db != db)
		return SC_OK;
	pthread_mutex_lock(&batch.mu);
	pthread_cond_signal(&batch.more);
	while (batch.nsigned < batch.n)
		pthread_cond_wait(&batch.done, &batch.mu);
	pthread_mutex_unlock(&batch.mu);
	/* as seal_inspection and rowsig_sign would have written them */
	for (int i = 0; i < batch.n && write && rc == SC_OK; i++) {
		struct sign_job *j = batch.job[i];
		if (j->kind < ROWSIG_KINDS) {
			rc = db_run(db, err, update_sql[j->kind], "tt", j->sig, j->uuid);
			continue;
		}
		rc = db_run(db, err, "UPDATE inspection SET seal = ?, prev_seal = ? WHERE id = ?", "ttI", j->seal,
			    j->prev, j->record);
		if (rc == SC_OK)
			rc = seal_head_put(db, batch.device, j->seal, j->sig, j->at, err);
		head = j->seal;
	}
	if (rc == SC_OK && head)
		rc = db_run(db, err, "INSERT INTO meta(key, value) VALUES ('seal_head', ?)"
			    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "t", head);
	/* under the lock: the worker, woken by the signal above, reads them */
	pthread_mutex_lock(&batch.mu);
	for (int i = 0; i < batch.n; i++) {
		free(batch.job[i]->msg.p);
		free(batch.job[i]);
	}
	batch.n = batch.next = batch.nsigned = 0;
	pthread_mutex_unlock(&batch.mu);
	return rc;
}

int rowsig_batch_on(struct db *db)
{
	return batch.db && batch.db == db;
}

int rowsig_batch_seal(struct db *db, int64_t inspection_id, struct seal_buf *canon, struct sc_err *err)
{
	if (!rowsig_batch_on(db)) {
		free(canon->p);
		return sc_fail(err, SC_ERR_STATE, "rowsig: no signing batch open");
	}
	return batch_add(ROWSIG_KINDS, "", inspection_id, canon, err);
}

void rowsig_batch_end(struct db *db)
{
	if (batch.db != db)
		return;
	rowsig_batch_flush(db, 0, NULL);
	pthread_mutex_lock(&batch.mu);
	batch.stop = 1;
	pthread_cond_signal(&batch.more);
	pthread_mutex_unlock(&batch.mu);
	pthread_join(batch.worker, NULL);
	sodium_memzero(batch.sk, sizeof batch.sk);
	free(batch.job);
	batch.job = NULL;
	batch.cap = 0;
	batch.db = NULL;
}

/* The message of a row about to be inserted (fields f). */
static int new_msg(struct db *db, int kind, const char *const *f, struct seal_buf *msg,
		   struct sc_err *err)
{
	sqlite3_stmt *st = kind == ROWSIG_REVIEW
		? db_q(db, err, kinds[kind].new_sql, "ttttttt", f[0], f[1], f[2], f[3], f[4], f[5], f[6])
		: db_q(db, err, kinds[kind].new_sql, "tttttttt", f[0], f[1], f[2], f[3], f[4], f[5], f[6],
		       f[7]);
	memset(msg, 0, sizeof *msg);
	return st ? row_msg(db, kind, st, msg, err) : err->code;
}

int rowsig_sign(struct db *db, int kind, const char *const *f, int need_key, char sig[ROWSIG_HEX],
		struct sc_err *err)
{
	struct device_self me;
	struct seal_buf msg;
	unsigned char sg[crypto_sign_BYTES];
	int rc;
	sig[0] = '\0';
	if (batch.db == db) { /* stored unsigned for now: rowsig_batch_flush writes sig */
		if ((rc = new_msg(db, kind, f, &msg, err))) {
			free(msg.p);
			return rc;
		}
		return batch_add(kind, f[0], 0, &msg, err);
	}
	if ((rc = device_self(db, &me, err)))
		return need_key ? rc : SC_OK;
	rc = new_msg(db, kind, f, &msg, err);
	if (rc == SC_OK) {
		crypto_sign_detached(sg, NULL, (const unsigned char *)msg.p, msg.len, me.sk);
		device_hex(sg, sizeof sg, sig);
	}
	sodium_memzero(&me, sizeof me);
	free(msg.p);
	return rc;
}

/* Does row uuid of kind (schema "main" or the bundle "b") verify under pk
 * with sig_hex? *ok 1 or 0. */
static int row_valid(struct db *db, int kind, const char *schema, const char *uuid,
		     const char *sig_hex, const unsigned char pk[crypto_sign_PUBLICKEYBYTES], int *ok,
		     struct sc_err *err)
{
	struct seal_buf msg;
	unsigned char sg[crypto_sign_BYTES];
	sqlite3_stmt *st = db_q(db, err, strcmp(schema, "b") ? kinds[kind].main_sql
				: kinds[kind].bundle_sql, "t", uuid);
	if (!st)
		return err->code;
	int rc = row_msg(db, kind, st, &msg, err);
	if (rc == SC_OK)
		*ok = device_unhex(sig_hex, sg, sizeof sg) == 0 &&
		      crypto_sign_verify_detached(sg, (const unsigned char *)msg.p, msg.len, pk) == 0;
	free(msg.p);
	return rc;
}

int rowsig_verify(struct db *db, int kind, seal_report_fn report, void *ctx, int *checked,
		  int *unsigned_n, int *bad, struct sc_err *err)
{
	char me[UUID_STR];
	int r, rc;
	*checked = *unsigned_n = *bad = 0;
	if ((rc = store_device_id(db, me, err)))
		return rc;
	sqlite3_stmt *st = db_q(db, err, kinds[kind].list_sql, "t", me);
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		char uuid[UUID_STR], subj[UUID_STR], sig[ROWSIG_HEX];
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
		struct seal_problem p;
		int ok = 0, known;
		if (sqlite3_column_type(st, 3) == SQLITE_NULL) {
			(*unsigned_n)++;
			continue;
		}
		memset(&p, 0, sizeof p);
		snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
		snprintf(subj, sizeof subj, "%s", db_col_text(st, 1));
		snprintf(p.device, sizeof p.device, "%s", db_col_text(st, 2));
		snprintf(sig, sizeof sig, "%s", db_col_text(st, 3));
		p.own = strcmp(p.device, me) == 0;
		/* a review is reported under its inspection, an event names its rectification */
		snprintf(p.uuid, sizeof p.uuid, "%s", kind == ROWSIG_REVIEW ? subj : "");
		known = device_unhex(db_col_text(st, 5), pk, sizeof pk) == 0;
		snprintf(p.what, sizeof p.what, known
			 ? _("%s %s%s%s: it no longer matches its signature (changed outside stallcheck; %.24s)")
			 : _("%s %s%s%s: its device is not trusted here, its signature was not checked"),
			 _(kinds[kind].name), uuid, kind == ROWSIG_REVIEW ? "" : _(" of rectification "),
			 kind == ROWSIG_REVIEW ? "" : subj, db_col_text(st, 4));
		/* another statement on the same connection: st stays where it is */
		if (known && (rc = row_valid(db, kind, "main", uuid, sig, pk, &ok, err)))
			break;
		*checked += known;
		p.fatal = known && !ok;
		*bad += p.fatal;
		if (!ok && report)
			report(&p, ctx);
	}
	db_done(db, st);
	return rc ? rc : r < 0 ? err->code : SC_OK;
}

int rowsig_check_bundle(struct db *db, const char *me, char *why, size_t sz, struct sc_err *err)
{
	int r = 0, rc = SC_OK;
	*why = '\0';
	for (int kind = 0; kind < ROWSIG_KINDS && !*why && rc == SC_OK && r >= 0; kind++) {
		sqlite3_stmt *st = db_q(db, err, kinds[kind].bundle_list_sql, "t", me);
		if (!st)
			return err->code;
		while ((r = db_step(db, st, err)) == 1) {
			char uuid[64], subj[64], sig[ROWSIG_HEX];
			unsigned char pk[crypto_sign_PUBLICKEYBYTES];
			int ok = 0;
			snprintf(uuid, sizeof uuid, "%s", db_col_text(st, 0));
			snprintf(subj, sizeof subj, "%s", db_col_text(st, 1));
			snprintf(sig, sizeof sig, "%s", db_col_text(st, 2));
			if (device_unhex(db_col_text(st, 3), pk, sizeof pk) == 0 &&
			    (rc = row_valid(db, kind, "b", uuid, sig, pk, &ok, err)))
				break;
			if (!ok) { /* an unknown key: the authority check refused it before */
				snprintf(why, sz, _("tampered: %s %s of %s %s does not match its signature"
					 " (changed after it was signed)"), _(kinds[kind].name), uuid,
					 _(kinds[kind].subject), subj);
				break;
			}
		}
		db_done(db, st);
	}
	return rc ? rc : r < 0 ? err->code : SC_OK;
}
