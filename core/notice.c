/* notice: the rectification notice (整改通知书) as self-contained HTML.
 * Built in memory from the inspection, its market and the rectifications
 * it registered; written atomically. */
#include "notice.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "fsutil.h"
#include "rectify.h"
#include "store.h"

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

/* Append text with &<>"' escaped. */
static void hb_esc(struct hbuf *b, const char *s)
{
	for (; *s; s++) {
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
	T_TITLE, T_TO, T_INTRO, T_MARKET, T_ADDRESS, T_DATE, T_INSPECTOR, T_RECORD, T_NO, T_PLACE,
	T_ITEM, T_FINDING, T_SPOTS, T_NOTE, T_DEADLINE, T_CRITICAL, T_NONE, T_DEMAND, T_SIGN_INSP,
	T_SIGN_OP, T_SIGN_DATE, T_WHOLE, T_AMENDED, T_COUNT, T_REPEAT, T_NTEXT
};

static const char *const texts[LANG_COUNT][T_NTEXT] = {
	[LANG_ZH] = {
		"整改通知书", "致：", "经检查，你单位存在以下问题，请按期整改到位。整改情况将在回头看检查中复核。",
		"市场", "地址", "检查日期", "检查人员", "记录编号", "序号", "摊位/区域", "检查项目",
		"存在问题", "问题点数", "备注", "整改期限", "关键项", "本次检查未发现需要整改的问题。",
		"请于整改期限前完成整改，逾期未整改的将依规处理。", "检查人员（签字）",
		"市场开办方（签字）", "日期", "全场", "本记录已被更正，以更正后的记录为准。",
		"问题总数", "重复出现",
	},
	[LANG_EN] = {
		"Rectification Notice", "To: ",
		"The inspection found the problems below. Please rectify each one by its deadline; "
		"a follow-up inspection will check them.",
		"Market", "Address", "Inspection date", "Inspector", "Record", "No.", "Stall / area", "Item",
		"Finding", "Spots", "Note", "Deadline", "critical", "No problems requiring rectification were found.",
		"Problems not rectified by their deadline will be dealt with under the regulations.",
		"Inspector (signature)", "Market operator (signature)", "Date", "Whole market",
		"This record has been amended: the amended record prevails.", "Problems", "repeated",
	},
};

static const char css[] =
	"@page{size:A4;margin:18mm 16mm}"
	"*{box-sizing:border-box}"
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\","
	"\"SimSun\",sans-serif;font-size:11pt;color:#000;margin:0 auto;max-width:180mm;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h1{text-align:center;font-size:20pt;letter-spacing:.3em;margin:0 0 6mm}"
	"p.to{font-weight:bold}"
	"table.facts{width:100%;border-collapse:collapse;margin:3mm 0}"
	"table.facts th{text-align:left;width:28mm;font-weight:normal;color:#333}"
	"table.problems{width:100%;border-collapse:collapse;margin:4mm 0}"
	"table.problems th,table.problems td{border:1px solid #000;padding:1.5mm;vertical-align:top}"
	"table.problems th{background:#eee}"
	"thead{display:table-header-group}"
	"tr{page-break-inside:avoid}"
	"td.n,td.spots{text-align:center;white-space:nowrap}"
	"td.deadline{white-space:nowrap;font-weight:bold}"
	".crit{color:#b00;font-weight:bold}"
	".amended{border:2px solid #b00;padding:2mm;color:#b00}"
	".signs{display:flex;justify-content:space-between;margin-top:14mm;page-break-inside:avoid}"
	".sign{width:46%}"
	".line{border-bottom:1px solid #000;height:12mm;margin-bottom:3mm}"
	".small{font-size:9pt;color:#333}";

int notice_html(struct db *db, int64_t inspection_id, int lang, char **html, size_t *len,
		struct sc_err *err)
{
	struct inspection_rec ins;
	struct market_rec m;
	struct rect_rec *rs = NULL;
	struct rect_filter f;
	struct hbuf b = { 0 };
	int n = 0, rc;

	*html = NULL;
	*len = 0;
	if (lang != LANG_EN)
		lang = LANG_ZH;
	const char *const *t = texts[lang];
	if ((rc = store_inspection_get(db, inspection_id, &ins, err)))
		return rc;
	if (!strcmp(ins.status, "draft"))
		return sc_fail(err, SC_ERR_STATE, "inspection %.8s is a draft: finalize it first", ins.uuid);
	if ((rc = store_market_get(db, ins.market_id, &m, err)))
		return rc;
	memset(&f, 0, sizeof f);
	f.state = RECT_ALL;
	f.inspection_id = inspection_id;
	f.with_superseded = 1;
	snprintf(f.as_of, sizeof f.as_of, "9999-12-31");
	if ((rc = rectify_list(db, &f, &rs, &n, err)))
		return rc;

	hb_add(&b, "<!DOCTYPE html>\n<html lang=\"");
	hb_add(&b, lang == LANG_ZH ? "zh-CN" : "en");
	hb_add(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	hb_esc(&b, t[T_TITLE]);
	hb_add(&b, " - ");
	hb_esc(&b, m.name);
	hb_add(&b, " ");
	hb_esc(&b, ins.day);
	hb_add(&b, "</title>\n<style>");
	hb_add(&b, css);
	hb_add(&b, "</style>\n</head>\n<body>\n<h1>");
	hb_esc(&b, t[T_TITLE]);
	hb_add(&b, "</h1>\n");
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
	hb_add(&b, "</p>\n<table class=\"facts\">\n");
	const char *facts[][2] = {
		{ t[T_MARKET], m.name }, { t[T_ADDRESS], m.address }, { t[T_DATE], ins.day },
		{ t[T_INSPECTOR], ins.inspector }, { t[T_RECORD], ins.uuid },
	};
	for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
		if (!facts[i][1][0])
			continue;
		hb_add(&b, "<tr><th>");
		hb_esc(&b, facts[i][0]);
		hb_add(&b, "</th><td>");
		hb_esc(&b, facts[i][1]);
		hb_add(&b, "</td></tr>\n");
	}
	hb_add(&b, "<tr><th>");
	hb_esc(&b, t[T_COUNT]);
	hb_num(&b, "</th><td>%d</td></tr>\n</table>\n", n);

	if (n == 0) {
		hb_add(&b, "<p class=\"none\">");
		hb_esc(&b, t[T_NONE]);
		hb_add(&b, "</p>\n");
	} else {
		hb_add(&b, "<table class=\"problems\">\n<thead><tr>");
		const int heads[] = { T_NO, T_PLACE, T_ITEM, T_FINDING, T_SPOTS, T_NOTE, T_DEADLINE };
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
			hb_td(&b, "item", r->item_id);
			hb_add(&b, "<td class=\"finding\">");
			hb_esc(&b, lang == LANG_EN && r->finding_en[0] ? r->finding_en : r->finding);
			if (r->critical) {
				hb_add(&b, " <span class=\"crit\">[");
				hb_esc(&b, t[T_CRITICAL]);
				hb_add(&b, "]</span>");
			}
			if (r->repeats > 0) {
				hb_add(&b, " <span class=\"small\">(");
				hb_esc(&b, t[T_REPEAT]);
				hb_num(&b, " %d)</span>", r->repeats);
			}
			hb_add(&b, "</td>");
			hb_num(&b, "<td class=\"spots\">%d</td>", r->spots);
			hb_td(&b, "note", r->note);
			hb_td(&b, "deadline", r->deadline);
			hb_add(&b, "</tr>\n");
		}
		hb_add(&b, "</tbody>\n</table>\n<p>");
		hb_esc(&b, t[T_DEMAND]);
		hb_add(&b, "</p>\n");
	}
	hb_add(&b, "<div class=\"signs\">\n");
	const int signs[] = { T_SIGN_INSP, T_SIGN_OP };
	for (int i = 0; i < 2; i++) {
		hb_add(&b, "<div class=\"sign\"><p>");
		hb_esc(&b, t[signs[i]]);
		hb_add(&b, "</p><div class=\"line\"></div><p>");
		hb_esc(&b, t[T_SIGN_DATE]);
		hb_add(&b, "</p><div class=\"line\"></div></div>\n");
	}
	hb_add(&b, "</div>\n<p class=\"small\">stallcheck ");
	hb_esc(&b, ins.uuid);
	hb_add(&b, "</p>\n</body>\n</html>\n");
	free(rs);
	if (b.oom) {
		free(b.s);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	*html = b.s;
	*len = b.len;
	return SC_OK;
}

int notice_write(struct db *db, const char *inspection_uuid, int lang, const char *path,
		 int overwrite, struct sc_err *err)
{
	struct inspection_rec ins;
	char *html;
	size_t len;
	int rc = store_inspection_by_uuid(db, inspection_uuid, &ins, err);
	if (rc == SC_ERR_NOTFOUND)
		return sc_fail(err, SC_ERR_NOTFOUND, "no inspection %s", inspection_uuid);
	if (rc)
		return rc;
	if (!overwrite && fs_exists(path))
		return sc_fail(err, SC_ERR_CONFLICT, "%s exists (use --force to replace it)", path);
	if ((rc = notice_html(db, ins.id, lang, &html, &len, err)))
		return rc;
	rc = fs_write_atomic(path, html, len, overwrite, 0644, err);
	free(html);
	return rc;
}
