/* notice: the rectification notice (整改通知书) as self-contained HTML.
 * Built in memory from the inspection, its market and the rectifications
 * it registered; written atomically. */
#include "notice.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "ack.h"
#include "fsutil.h"
#include "photo.h"
#include "rectify.h"
#include "store.h"
#include "utf8.h"

/* A growing text buffer; on allocation failure it stays failed. */
struct hbuf {
	char *s;
	size_t len, cap;
	int oom;
};

static void hb_put(struct hbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void hb_add(struct hbuf *b, const char *s) { hb_put(b, s, strlen(s)); }

/* Append text through the control filter (utf8_clean, newline kept) with
 * &<>"' escaped. */
static void hb_esc(struct hbuf *b, const char *raw)
{
	char *clean = utf8_clean_dup(raw, "\n");
	if (!clean) {
		b->oom = 1;
		return;
	}
	for (const char *s = clean; *s; s++) {
		switch (*s) {
		case '&': hb_add(b, "&amp;"); break;
		case '<': hb_add(b, "&lt;"); break;
		case '>': hb_add(b, "&gt;"); break;
		case '"': hb_add(b, "&quot;"); break;
		case '\'': hb_add(b, "&#39;"); break;
		case '\n': hb_add(b, "<br>"); break;
		default: hb_put(b, s, 1);
		}
	}
	free(clean);
}

/* Append a formatted number or the like (never user text: escape that). */
static void hb_num(struct hbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void hb_num(struct hbuf *b, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	hb_add(b, tmp);
}

/* A table cell with escaped text. */
static void hb_td(struct hbuf *b, const char *cls, const char *text)
{
	hb_add(b, cls ? "<td class=\"" : "<td>");
	if (cls) {
		hb_add(b, cls);
		hb_add(b, "\">");
	}
	hb_esc(b, text);
	hb_add(b, "</td>");
}

enum {
	T_TITLE, T_TO, T_INTRO, T_MARKET, T_ADDRESS, T_DATE, T_INSPECTOR, T_NO, T_PLACE, T_ITEM,
	T_FINDING, T_SPOTS, T_DEADLINE, T_CRITICAL, T_NONE, T_DEMAND, T_SIGN_INSP, T_SIGN_OP,
	T_SIGN_DATE, T_WHOLE, T_AMENDED, T_COUNT, T_REPEAT, T_FAILED, T_SEAL, T_CUT, T_RECEIPT,
	T_RECEIPT_GOT, T_RECEIPT_TEXT, T_PAGE, T_OF, T_PAGES, T_RECORD, T_COLON, T_GAP, T_PHOTO,
	T_PHOTO_MISSING, T_OP_ABSENT, T_OP_STATEMENT, T_NTEXT
};

static const char *const texts[LANG_COUNT][T_NTEXT] = {
	[LANG_ZH] = {
		"整改通知书", "致：", "经检查，你单位存在以下问题，请按期整改到位。整改情况将在回头看检查中复核。",
		"市场", "地址", "检查日期", "检查人员", "序号", "摊位/区域", "检查项目",
		"存在问题", "问题处数", "整改期限", "关键项", "本次检查未发现需要整改的问题。",
		"请于整改期限前完成整改，逾期未整改的将依规处理。", "检查人员（签字）",
		"市场开办方（签字）", "日期", "全场", "本记录已被更正，以更正后的记录为准。",
		"问题项数", "重复出现", "不符合：", "盖章处", "沿此线剪下", "回执",
		"已收到整改通知书", "，将按期整改。", "第 ", " 页，共 ", " 页", "记录编号", "：", "　　",
		"照片", "照片缺失", "开办方不在场", "开办方意见",
	},
	[LANG_EN] = {
		"Rectification Notice", "To: ",
		"The inspection found the problems below. Please rectify each one by its deadline; "
		"a follow-up inspection will check them.",
		"Market", "Address", "Inspection date", "Inspector", "No.", "Stall / area", "Item",
		"Problem found", "Problem spots", "Deadline", "critical",
		"No problems requiring rectification were found.",
		"Problems not rectified by their deadline will be dealt with under the regulations.",
		"Inspector (signature)", "Market operator (signature)", "Date", "Whole market",
		"This record has been amended: the amended record prevails.", "Problems", "repeated",
		"Not met: ", "Seal", "cut here", "Receipt", " has received the rectification notice",
		" and will rectify each problem by its deadline.",
		"Page ", " of ", "", "Record", ": ", "\u00a0\u00a0\u00a0 ", /* no-break: HTML keeps it */
		"Photo", "photo missing", "operator not present", "Operator's statement",
	},
};

/* Compact enough that 15 problems, the signatures, the seal and the
 * receipt fit one A4 page; rows never split, the tail stays in one piece. */
static const char css[] =
	"*{box-sizing:border-box}"
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\","
	"\"SimSun\",sans-serif;font-size:10pt;line-height:1.3;color:#000;margin:0 auto;max-width:182mm;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"p{margin:1.5mm 0}"
	".unit{text-align:center;font-size:15pt;font-weight:bold;letter-spacing:.15em}"
	"h1{text-align:center;font-size:18pt;margin:1mm 0}"
	":lang(zh) h1,:lang(zh) .receipt h2{letter-spacing:.3em}"
	".docno{text-align:center;font-size:10.5pt;border-bottom:1.5px solid #000;padding-bottom:1.5mm;"
	"margin-bottom:2mm}"
	"p.to{font-weight:bold}"
	"table{width:100%;border-collapse:collapse}"
	"table.facts{margin:1mm 0}"
	"table.facts th{text-align:left;white-space:nowrap;font-weight:normal;color:#333;padding:0 2mm 0 0}"
	"table.facts td{padding:0 2mm 0 0}"
	"table.problems{margin:2mm 0;font-size:9pt;line-height:1.2}"
	"table.problems th,table.problems td{border:1px solid #000;padding:.5mm 1.2mm;vertical-align:top}"
	"table.problems th{background:#eee;font-weight:bold;white-space:nowrap}"
	"thead{display:table-header-group}"
	"tr{break-inside:avoid;page-break-inside:avoid}"
	"td.n,td.spots{text-align:center;white-space:nowrap}"
	"td.place{width:30mm}"
	"td.deadline{white-space:nowrap;font-weight:bold}"
	".req{display:inline-block;font-size:7.5pt;color:#444;margin-left:1.5mm}"
	".crit{color:#b00;font-weight:bold}"
	".amended{border:2px solid #b00;padding:1.5mm;color:#b00}"
	".tail{break-inside:avoid;page-break-inside:avoid;break-before:avoid}"
	".signs{display:flex;justify-content:space-between;align-items:flex-end;margin-top:3mm}"
	".sign p{margin:0 0 6mm;white-space:nowrap}"
	".fill{display:inline-block;border-bottom:1px solid #000;width:34mm}"
	".fill.short{width:26mm}"
	".seal{width:62mm;text-align:center}"
	".sealbox{margin:0 auto 1mm;width:30mm;height:18mm;border:1px dashed #888;color:#888;"
	"font-size:8pt;display:flex;align-items:center;justify-content:center}"
	".cut{margin:3mm 0 2mm;border-top:1px dashed #000;text-align:center;font-size:8pt;color:#444;"
	"height:0}"
	".cut span{position:relative;top:-2.2mm;background:#fff;padding:0 2mm}"
	".receipt h2{text-align:center;font-size:12pt;margin:0 0 1mm}"
	".receipt p{margin:1mm 0}"
	".small{font-size:8pt;color:#333}"
	".photos img{max-width:38mm;max-height:28mm;margin:1mm 1mm 0 0;border:1px solid #888}"
	".fill.signed{width:auto;min-width:34mm;font-weight:bold}"
	".sign p.small{white-space:normal}"; /* the operator's statement wraps, the seal stays on the page */

/* The page margins and, in the bottom margin, "page x of y" (CSS page
 * margin boxes: Chromium prints them since version 131). */
static void hb_page(struct hbuf *b, const char *const *t)
{
	hb_add(b, "@page{size:A4;margin:11mm 14mm 12mm;@bottom-center{font-size:8pt;content:\"");
	hb_esc(b, t[T_PAGE]);
	hb_add(b, "\" counter(page) \"");
	hb_esc(b, t[T_OF]);
	hb_add(b, "\" counter(pages) \"");
	hb_esc(b, t[T_PAGES]);
	hb_add(b, "\"}}");
}

/* YYYY-MM-DD as 2026年11月3日 in Chinese, as it is in English. */
static void notice_day(const char *day, int lang, char *out, size_t sz)
{
	int y, m, d;
	if (lang == LANG_ZH && sscanf(day, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(out, sz, "%d年%d月%d日", y, m, d);
	else
		snprintf(out, sz, "%s", day);
}

/* A label and its value: two cells of a table, or inline. */
static void hb_fact(struct hbuf *b, const char *label, const char *value)
{
	hb_add(b, "<th>");
	hb_esc(b, label);
	hb_add(b, "</th><td>");
	hb_esc(b, value);
	hb_add(b, "</td>");
}

static void hb_fact_inline(struct hbuf *b, const char *const *t, const char *label, const char *value)
{
	hb_esc(b, label);
	hb_esc(b, t[T_COLON]);
	hb_esc(b, value);
	hb_esc(b, t[T_GAP]);
}

/* A "label: ______" signature line. */
static void hb_fill(struct hbuf *b, const char *const *t, const char *label, int is_short)
{
	hb_esc(b, label);
	hb_esc(b, t[T_COLON]);
	hb_add(b, is_short ? "<span class=\"fill short\"></span>" : "<span class=\"fill\"></span>");
	if (!is_short)
		hb_esc(b, t[T_GAP]);
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
		snprintf(out, sz, "%s〔%.4s〕%lld号", prefix, ins->day, (long long)(seq + 1));
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

/* The photos of the finding r as thumbnails (data: URIs: the page stays
 * one self-contained file); a photo this machine lacks is named. */
static void hb_photos(struct hbuf *b, struct db *db, const struct photo_link *pl, int npl,
		      const struct rect_rec *r, const char *const *t)
{
	int any = 0;
	for (int i = 0; i < npl; i++) {
		struct sc_err err;
		char *uri = NULL;
		if (pl[i].stall_id != r->stall_id || strcmp(pl[i].item_id, r->item_id))
			continue;
		hb_add(b, any++ ? "" : "<div class=\"photos\">");
		if (photo_thumb_uri(db, pl[i].hash, &uri, &err) == SC_OK) {
			hb_add(b, "<img src=\"");
			hb_add(b, uri); /* base64: nothing to escape */
			hb_add(b, "\" alt=\"");
		} else {
			hb_add(b, "<span class=\"small\">");
			hb_esc(b, t[T_PHOTO_MISSING]);
			hb_add(b, " ");
		}
		hb_esc(b, t[T_PHOTO]);
		hb_add(b, " ");
		hb_esc(b, pl[i].hash);
		hb_add(b, uri ? "\">" : "</span>");
		free(uri);
	}
	if (any)
		hb_add(b, "</div>");
}

/* The operator's signature place: the name the operator gave at finalize
 * (or that the operator was not present), else a line to sign on. */
static void hb_sign_op(struct hbuf *b, const char *const *t, const struct ack_rec *k, int have)
{
	if (!have) {
		hb_fill(b, t, t[T_SIGN_OP], 0);
		return;
	}
	hb_esc(b, t[T_SIGN_OP]);
	hb_esc(b, t[T_COLON]);
	hb_add(b, "<span class=\"fill signed\">");
	hb_esc(b, k->present ? k->operator_name : t[T_OP_ABSENT]);
	hb_add(b, "</span>");
	hb_esc(b, t[T_GAP]);
}

/* The problem as found: the inspector's note (or "not met: item"), then
 * the item it was found under, smaller, on the same line when it fits. */
static void hb_problem(struct hbuf *b, const struct rect_rec *r, int lang, const char *const *t)
{
	const char *item = lang == LANG_EN && r->finding_en[0] ? r->finding_en : r->finding;
	hb_add(b, "<td class=\"finding\"><span class=\"found\">");
	if (r->note[0]) {
		hb_esc(b, r->note);
	} else {
		hb_esc(b, t[T_FAILED]);
		hb_esc(b, item);
	}
	if (r->critical) {
		hb_add(b, " <span class=\"crit\">[");
		hb_esc(b, t[T_CRITICAL]);
		hb_add(b, "]</span>");
	}
	if (r->repeats > 0) {
		hb_add(b, " <span class=\"small\">(");
		hb_esc(b, t[T_REPEAT]);
		hb_num(b, " %d)</span>", r->repeats);
	}
	hb_add(b, "</span> <span class=\"req\">");
	hb_esc(b, t[T_ITEM]);
	hb_esc(b, t[T_COLON]);
	hb_esc(b, r->item_id);
	if (r->note[0]) {
		hb_add(b, " ");
		hb_esc(b, item);
	}
	hb_add(b, "</span>"); /* the cell is closed by the caller, after the photos */
}

int notice_html(struct db *db, int64_t inspection_id, const struct notice_opts *o, char **html,
		size_t *len, struct sc_err *err)
{
	struct inspection_rec ins;
	struct market_rec m;
	struct rect_rec *rs = NULL;
	struct rect_filter f;
	struct hbuf b = { 0 };
	struct photo_link *pl = NULL;
	struct ack_rec ack;
	char number[128], day[32];
	int n = 0, rc, spots = 0, npl = 0, have_ack;

	*html = NULL;
	*len = 0;
	int lang = o->lang == LANG_EN ? LANG_EN : LANG_ZH;
	const char *unit = o->unit ? o->unit : "";
	const char *const *t = texts[lang];
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
	for (int i = 0; i < n; i++)
		spots += rs[i].spots;
	notice_day(ins.day, lang, day, sizeof day);

	hb_add(&b, "<!DOCTYPE html>\n<html lang=\"");
	hb_add(&b, lang == LANG_ZH ? "zh-CN" : "en");
	hb_add(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	hb_esc(&b, t[T_TITLE]);
	hb_add(&b, " - ");
	hb_esc(&b, number[0] ? number : m.name);
	hb_add(&b, " ");
	hb_esc(&b, ins.day);
	hb_add(&b, "</title>\n<style>");
	hb_page(&b, t);
	hb_add(&b, css);
	hb_add(&b, "</style>\n</head>\n<body>\n");
	if (unit[0]) {
		hb_add(&b, "<div class=\"unit\">");
		hb_esc(&b, unit);
		hb_add(&b, "</div>\n");
	}
	hb_add(&b, "<h1>");
	hb_esc(&b, t[T_TITLE]);
	hb_add(&b, "</h1>\n<div class=\"docno\">");
	hb_esc(&b, number);
	hb_add(&b, "</div>\n");
	if (!strcmp(ins.status, "amended")) {
		hb_add(&b, "<p class=\"amended\">");
		hb_esc(&b, t[T_AMENDED]);
		hb_add(&b, "</p>\n");
	}
	hb_add(&b, "<p class=\"to\">");
	hb_esc(&b, t[T_TO]);
	hb_esc(&b, m.name);
	hb_add(&b, "</p>\n<p>");
	hb_esc(&b, t[T_INTRO]);
	hb_add(&b, "</p>\n<table class=\"facts\">\n<tr>");
	hb_fact(&b, t[T_MARKET], m.name);
	hb_fact(&b, t[T_ADDRESS], m.address);
	hb_add(&b, "</tr>\n<tr>");
	hb_fact(&b, t[T_DATE], day);
	hb_fact(&b, t[T_INSPECTOR], ins.inspector);
	hb_add(&b, "</tr>\n<tr>");
	char count[16], spotstr[16];
	snprintf(count, sizeof count, "%d", n);
	snprintf(spotstr, sizeof spotstr, "%d", spots);
	hb_fact(&b, t[T_COUNT], count);
	hb_fact(&b, t[T_SPOTS], spotstr);
	hb_add(&b, "</tr>\n</table>\n");

	if (n == 0) {
		hb_add(&b, "<p class=\"none\">");
		hb_esc(&b, t[T_NONE]);
		hb_add(&b, "</p>\n");
	} else {
		hb_add(&b, "<table class=\"problems\">\n<thead><tr>");
		const int heads[] = { T_NO, T_PLACE, T_FINDING, T_SPOTS, T_DEADLINE };
		for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
			hb_add(&b, "<th>");
			hb_esc(&b, t[heads[i]]);
			hb_add(&b, "</th>");
		}
		hb_add(&b, "</tr></thead>\n<tbody>\n");
		for (int i = 0; i < n; i++) {
			const struct rect_rec *r = &rs[i];
			char place[256];
			if (r->stall_id)
				snprintf(place, sizeof place, "%s%s%s", r->stall_code, r->vendor[0] ? " " : "",
					 r->vendor);
			else
				snprintf(place, sizeof place, "%s",
					 lang == LANG_EN ? (r->area_name_en[0] ? r->area_name_en : t[T_WHOLE])
							 : (r->area_name[0] ? r->area_name : t[T_WHOLE]));
			hb_num(&b, "<tr><td class=\"n\">%d</td>", i + 1);
			hb_td(&b, "place", place);
			hb_problem(&b, r, lang, t);
			hb_photos(&b, db, pl, npl, r, t);
			hb_add(&b, "</td>");
			if (r->spots > 0)
				hb_num(&b, "<td class=\"spots\">%d</td>", r->spots);
			else
				hb_add(&b, "<td class=\"spots\">—</td>");
			hb_td(&b, "deadline", r->deadline);
			hb_add(&b, "</tr>\n");
		}
		hb_add(&b, "</tbody>\n</table>\n");
	}
	/* the demand, signatures, seal and receipt stay together */
	hb_add(&b, "<div class=\"tail\">\n");
	if (n > 0) {
		hb_add(&b, "<p>");
		hb_esc(&b, t[T_DEMAND]);
		hb_add(&b, "</p>\n");
	}
	hb_add(&b, "<div class=\"signs\">\n<div class=\"sign\"><p>");
	hb_fill(&b, t, t[T_SIGN_INSP], 0);
	hb_fill(&b, t, t[T_SIGN_DATE], 1);
	hb_add(&b, "</p><p>");
	hb_sign_op(&b, t, &ack, have_ack);
	hb_fill(&b, t, t[T_SIGN_DATE], 1);
	if (have_ack && ack.present && ack.statement[0]) {
		hb_add(&b, "</p><p class=\"small\">");
		hb_esc(&b, t[T_OP_STATEMENT]);
		hb_esc(&b, t[T_COLON]);
		hb_esc(&b, ack.statement);
	}
	hb_add(&b, "</p></div>\n<div class=\"seal\"><div class=\"sealbox\">");
	hb_esc(&b, t[T_SEAL]);
	hb_add(&b, "</div><div>");
	hb_esc(&b, unit);
	hb_add(&b, "</div><div>");
	hb_esc(&b, day);
	hb_add(&b, "</div></div>\n</div>\n<div class=\"cut\"><span>✂ ");
	hb_esc(&b, t[T_CUT]);
	hb_add(&b, "</span></div>\n<div class=\"receipt\"><h2>");
	hb_esc(&b, t[T_RECEIPT]);
	hb_add(&b, "</h2>\n<p>");
	if (unit[0]) {
		hb_esc(&b, unit);
		hb_esc(&b, t[T_COLON]);
	}
	hb_esc(&b, m.name);
	hb_esc(&b, t[T_RECEIPT_GOT]);
	if (number[0]) {
		hb_add(&b, " ");
		hb_esc(&b, number);
	}
	hb_esc(&b, t[T_RECEIPT_TEXT]);
	hb_add(&b, "</p>\n<p>");
	hb_fact_inline(&b, t, t[T_DATE], day);
	hb_fact_inline(&b, t, t[T_COUNT], count);
	hb_add(&b, "<span class=\"small\">");
	hb_fact_inline(&b, t, t[T_RECORD], ins.uuid);
	hb_add(&b, "</span></p>\n<p>");
	hb_fill(&b, t, t[T_SIGN_OP], 0);
	hb_fill(&b, t, t[T_SIGN_DATE], 1);
	hb_add(&b, "</p></div>\n</div>\n</body>\n</html>\n");
	free(rs);
	free(pl);
	if (b.oom) {
		free(b.s);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	*html = b.s;
	*len = b.len;
	return SC_OK;
}

int notice_write(struct db *db, const char *inspection_uuid, const struct notice_opts *o,
		 const char *path, int overwrite, struct sc_err *err)
{
	struct inspection_rec ins;
	char *html, number[128];
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
	if ((rc = notice_html(db, ins.id, o, &html, &len, err)))
		return rc;
	rc = fs_write_atomic(path, html, len, overwrite, 0600, err);
	free(html);
	return rc;
}
