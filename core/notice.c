/* notice: the rectification notice (整改通知书) as self-contained HTML
 * (or PDF through pdf.c). The values come from the inspection, its market
 * and the rectifications it registered; the page and its style from the
 * templates report/notice.html and notice.css (core/tmpl.h), which an
 * office may edit. Written atomically. */
#include "notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "ack.h"
#include "fsutil.h"
#include "i18n.h"
#include "pdf.h"
#include "photo.h"
#include "rectify.h"
#include "store.h"
#include "tmpl.h"

enum {
	T_TITLE, T_TO, T_INTRO, T_MARKET, T_ADDRESS, T_DATE, T_INSPECTOR, T_NO, T_PLACE, T_ITEM,
	T_FINDING, T_SPOTS, T_DEADLINE, T_CRITICAL, T_NONE, T_DEMAND, T_SIGN_INSP, T_SIGN_OP,
	T_SIGN_DATE, T_WHOLE, T_AMENDED, T_COUNT, T_REPEAT, T_FAILED, T_SEAL, T_CUT, T_RECEIPT,
	T_RECEIPT_GOT, T_RECEIPT_TEXT, T_PAGE, T_OF, T_PAGES, T_RECORD, T_COLON, T_GAP, T_PHOTO,
	T_PHOTO_MISSING, T_OP_ABSENT, T_OP_STATEMENT, T_NTEXT
};

/* The notice's words in English, translated into the notice's language. */
static const char *const texts[T_NTEXT] = {
	NC_("notice", "Rectification Notice"),
	NC_("notice", "To: "),
	NC_("notice", "The inspection found the problems below. Please rectify each one by its deadline;"
		      " a follow-up inspection will check them."),
	NC_("notice", "Market"),
	NC_("notice", "Address"),
	NC_("notice", "Inspection date"),
	NC_("notice", "Inspector"),
	NC_("notice", "No."),
	NC_("notice", "Stall / area"),
	NC_("notice", "Item"),
	NC_("notice", "Problem found"),
	NC_("notice", "Problem spots"),
	NC_("notice", "Deadline"),
	NC_("notice", "critical"),
	NC_("notice", "No problems requiring rectification were found."),
	NC_("notice", "Problems not rectified by their deadline will be dealt with under the regulations."),
	NC_("notice", "Inspector (signature)"),
	NC_("notice", "Market operator (signature)"),
	NC_("notice", "Date"),
	NC_("notice", "Whole market"),
	NC_("notice", "This record has been amended: the amended record prevails."),
	NC_("notice", "Problems"),
	NC_("notice", "repeated"),
	NC_("notice", "Not met: "),
	NC_("notice", "Seal"),
	NC_("notice", "cut here"),
	NC_("notice", "Receipt"),
	NC_("notice", " has received the rectification notice"),
	NC_("notice", " and will rectify each problem by its deadline."),
	[T_PAGE] = NULL, [T_OF] = NULL, [T_PAGES] = NULL, /* tmpl_page_words */
	NC_("notice", "Record"),
	NC_("notice", ": "),
	NC_("notice", "\u00a0\u00a0\u00a0 "), /* no-break: HTML keeps it */
	NC_("notice", "Photo"),
	NC_("notice", "photo missing"),
	NC_("notice", "operator not present"),
	NC_("notice", "Operator's statement"),
};

static const char *notice_word(int lang, int k)
{
	return sc_trc_lang(lang, "notice", texts[k]);
}

/* YYYY-MM-DD as 2026年11月3日 in Chinese, as it is in English. */
static void notice_day(const char *day, int lang, char *out, size_t sz)
{
	int y, m, d;
	if (sscanf(day, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(out, sz, sc_trc_lang(lang, "notice", "%d-%02d-%02d"), y, m, d);
	else
		snprintf(out, sz, "%s", day);
}

#define NOTICE_KEY "notice_no:"

/* The number given to the inspection with this uuid, "" when none. */
static int notice_number_get(struct db *db, const char *uuid, char *out, size_t sz,
			     struct sc_err *err)
{
	int rc = db_text(db, err, out, sz, "SELECT value FROM meta WHERE key = '" NOTICE_KEY "' || ?",
			 "t", uuid);
	if (rc == SC_ERR_NOTFOUND) {
		out[0] = '\0';
		return SC_OK;
	}
	return rc;
}

/* Take the next number of the sequence of the inspection day's year, in
 * this database, into out and keep it for the inspection (inside the
 * caller's transaction). */
static int notice_number_next(struct db *db, const struct inspection_rec *ins, const char *prefix,
			      char *out, size_t sz, struct sc_err *err)
{
	char seqkey[32], num[32];
	int64_t seq = 0;
	snprintf(seqkey, sizeof seqkey, "notice_seq:%.4s", ins->day);
	int rc = db_int(db, err, &seq, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", "t", seqkey);
	if (rc == SC_ERR_NOTFOUND)
		rc = SC_OK;
	if (!rc) {
		snprintf(num, sizeof num, "%lld", (long long)(seq + 1));
		rc = db_run(db, err, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", "tt", seqkey, num);
	}
	if (!rc) {
		/* the official form of a document number, whatever the language */
		snprintf(out, sz, /* no i18n */ "%s〔%.4s〕%lld号", prefix, ins->day, (long long)(seq + 1));
		rc = db_run(db, err, "INSERT INTO meta(key, value) VALUES ('" NOTICE_KEY "' || ?, ?)", "tt",
			    ins->uuid, out);
	}
	return rc;
}

int notice_number(struct db *db, int64_t inspection_id, const char *prefix, char *out, size_t sz,
		  struct sc_err *err)
{
	struct inspection_rec ins;
	int rc;

	out[0] = '\0';
	if ((rc = store_inspection_get(db, inspection_id, &ins, err)))
		return rc;
	if (!strcmp(ins.status, "draft"))
		return sc_fail(err, SC_ERR_STATE, "inspection %.8s is a draft: finalize it first", ins.uuid);
	if ((rc = notice_number_get(db, ins.uuid, out, sz, err)) || out[0] || !prefix || !prefix[0])
		return rc;
	/* looked up again inside the transaction: another process may have given one */
	if ((rc = db_begin(db, err)) == SC_OK) {
		rc = notice_number_get(db, ins.uuid, out, sz, err);
		if (!rc && !out[0])
			rc = notice_number_next(db, &ins, prefix, out, sz, err);
		int end = db_end(db, rc == SC_OK, err);
		rc = rc ? rc : end;
	}
	if (rc)
		out[0] = '\0';
	if (rc == SC_ERR_READONLY)
		return sc_fail(err, rc, "inspection %.8s has no notice number yet and the database is "
			       "read-only here: print its first notice where the database can be written "
			       "(a reprint only reads)", ins.uuid);
	return rc;
}

/* The names the notice templates may use: the words (in enum order), then
 * the values notice_html gives. */
static const char *const names[] = {
	"l.title", "l.to", "l.intro", "l.market", "l.address", "l.date", "l.inspector", "l.no",
	"l.place", "l.item", "l.finding", "l.spots", "l.deadline", "l.critical", "l.none",
	"l.demand", "l.sign_insp", "l.sign_op", "l.sign_date", "l.whole", "l.amended", "l.count",
	"l.repeat", "l.failed", "l.seal", "l.cut", "l.receipt", "l.receipt_got", "l.receipt_text",
	"l.page", "l.of", "l.pages", "l.record", "l.colon", "l.gap", "l.photo", "l.photo_missing",
	"l.op_absent", "l.statement",
	"&css", "lang", "unit", "number", "market", "address", "date", "day", "inspector", "uuid",
	"count", "spots", "amended", "ack", "operator", "statement", "has_problems", "problems",
	"no", "place", "note", "item", "item_id", "critical", "repeats", "deadline", "has_photos",
	"photos", "&uri", "hash", NULL
};

int notice_templates_check(const char *const *dirs, struct sc_err *err)
{
	return tmpl_check_pair(dirs, "notice", names, err);
}

/* The photos of the finding r (thumbnails as data: URIs: the page stays
 * one self-contained file; a photo this machine lacks has none). */
static void photos(struct tmpl_vars *v, struct db *db, const struct photo_link *pl, int npl,
		   const struct rect_rec *r)
{
	int any = 0;
	tmpl_list(v, "photos");
	for (int i = 0; i < npl; i++) {
		struct sc_err err;
		char *uri = NULL;
		if (pl[i].stall_id != r->stall_id || strcmp(pl[i].item_id, r->item_id))
			continue;
		struct tmpl_vars *p = tmpl_add(v, "photos");
		if (!p)
			return;
		any = 1;
		tmpl_set(p, "hash", pl[i].hash);
		tmpl_set(p, "uri", photo_thumb_uri(db, pl[i].hash, &uri, &err) == SC_OK ? uri : "");
		free(uri);
	}
	tmpl_set(v, "has_photos", any ? "1" : "");
}

/* One problem: where, the problem as found (the inspector's note, else
 * "not met: item") and the item it falls under, its spots and deadline. */
static void problem(struct tmpl_vars *p, const struct rect_rec *r, int no, int lang)
{
	char place[256];
	if (r->stall_id)
		snprintf(place, sizeof place, "%s%s%s", r->stall_code, r->vendor[0] ? " " : "", r->vendor);
	else
		snprintf(place, sizeof place, "%s",
			 lang == LANG_EN ? (r->area_name_en[0] ? r->area_name_en : notice_word(lang, T_WHOLE))
					 : (r->area_name[0] ? r->area_name : notice_word(lang, T_WHOLE)));
	tmpl_setf(p, "no", "%d", no);
	tmpl_set(p, "place", place);
	tmpl_set(p, "note", r->note);
	tmpl_set(p, "item", lang == LANG_EN && r->finding_en[0] ? r->finding_en : r->finding);
	tmpl_set(p, "item_id", r->item_id);
	tmpl_set(p, "critical", r->critical ? "1" : "");
	if (r->repeats > 0)
		tmpl_setf(p, "repeats", "%d", r->repeats);
	else
		tmpl_set(p, "repeats", "");
	if (r->spots > 0)
		tmpl_setf(p, "spots", "%d", r->spots);
	else
		tmpl_set(p, "spots", "—");
	tmpl_set(p, "deadline", r->deadline);
}

int notice_html(struct db *db, int64_t inspection_id, const struct notice_opts *o, char **html,
		size_t *len, struct sc_err *err)
{
	struct inspection_rec ins;
	struct market_rec m;
	struct rect_rec *rs = NULL;
	struct rect_filter f;
	struct photo_link *pl = NULL;
	struct ack_rec ack;
	char number[128], day[32];
	int n = 0, rc, spots = 0, npl = 0, have_ack;

	*html = NULL;
	*len = 0;
	int lang = o->lang == LANG_EN ? LANG_EN : LANG_ZH;
	if ((rc = store_inspection_get(db, inspection_id, &ins, err)))
		return rc;
	if (!strcmp(ins.status, "draft"))
		return sc_fail(err, SC_ERR_STATE, "inspection %.8s is a draft: finalize it first", ins.uuid);
	if ((rc = store_market_get(db, ins.market_id, &m, err)))
		return rc;
	if ((rc = notice_number_get(db, ins.uuid, number, sizeof number, err)))
		return rc;
	memset(&f, 0, sizeof f);
	f.state = RECT_ALL;
	f.inspection_id = inspection_id;
	f.with_superseded = 1;
	snprintf(f.as_of, sizeof f.as_of, "9999-12-31");
	if ((rc = rectify_list(db, &f, &rs, &n, err)))
		return rc;
	have_ack = ack_get(db, inspection_id, &ack, err) == SC_OK;
	if (!have_ack && err->code != SC_ERR_NOTFOUND) {
		free(rs);
		return err->code;
	}
	if ((rc = photo_list(db, inspection_id, -1, NULL, &pl, &npl, err))) {
		free(rs);
		return rc;
	}
	struct tmpl_vars *v = tmpl_vars_new();
	if (!v) {
		free(rs);
		free(pl);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	for (int i = 0; i < T_NTEXT; i++)
		if (texts[i])
			tmpl_set(v, names[i], notice_word(lang, i));
	tmpl_page_words(v, lang);
	notice_day(ins.day, lang, day, sizeof day);
	tmpl_set(v, "lang", lang == LANG_ZH ? "zh-CN" : "en");
	tmpl_set(v, "unit", o->unit);
	tmpl_set(v, "number", number);
	tmpl_set(v, "market", m.name);
	tmpl_set(v, "address", m.address);
	tmpl_set(v, "date", day);
	tmpl_set(v, "day", ins.day);
	tmpl_set(v, "inspector", ins.inspector);
	tmpl_set(v, "uuid", ins.uuid);
	tmpl_set(v, "amended", strcmp(ins.status, "amended") ? "" : "1");
	tmpl_set(v, "ack", have_ack ? "1" : "");
	tmpl_set(v, "operator", have_ack ? (ack.present ? ack.operator_name : notice_word(lang, T_OP_ABSENT)) : "");
	tmpl_set(v, "statement", have_ack && ack.present ? ack.statement : "");
	tmpl_set(v, "has_problems", n ? "1" : "");
	tmpl_list(v, "problems");
	for (int i = 0; i < n; i++) {
		struct tmpl_vars *p = tmpl_add(v, "problems");
		spots += rs[i].spots;
		if (p) {
			problem(p, &rs[i], i + 1, lang);
			photos(p, db, pl, npl, &rs[i]);
		}
	}
	tmpl_setf(v, "count", "%d", n);
	tmpl_setf(v, "spots", "%d", spots);
	rc = tmpl_page(o->tpl_dirs, "notice", names, v, html, len, err);
	tmpl_vars_free(v);
	free(rs);
	free(pl);
	return rc;
}

int notice_write(struct db *db, const char *inspection_uuid, const struct notice_opts *o,
		 const char *path, int overwrite, struct sc_err *err)
{
	struct inspection_rec ins;
	char *doc, number[128];
	size_t len;
	int rc = store_inspection_by_uuid(db, inspection_uuid, &ins, err);
	if (rc == SC_ERR_NOTFOUND)
		return sc_fail(err, SC_ERR_NOTFOUND, "no inspection %s", inspection_uuid);
	if (rc)
		return rc;
	if (!overwrite && fs_exists(path))
		return sc_fail(err, SC_ERR_CONFLICT, "%s exists (use --force to replace it)", path);
	if ((rc = notice_number(db, ins.id, o->prefix, number, sizeof number, err)))
		return rc;
	if ((rc = notice_html(db, ins.id, o, &doc, &len, err)) ||
	    (o->pdf && (rc = pdf_from_html(&doc, &len, o->watch, o->wctx, err))))
		return rc;
	rc = fs_write_atomic(path, doc, len, overwrite, 0600, err);
	free(doc);
	return rc;
}
