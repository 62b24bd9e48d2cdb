/* testutil: temporary directories and files for tests. */
#include "testutil.h"

#include "core/clock.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[256];

const char *tu_tmpdir(void)
{
	if (!dir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/sctest.XXXXXX", base ? base : "/tmp");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			abort();
		}
		setlocale(LC_ALL, "C.UTF-8");
	}
	return dir;
}

const char *tu_path(const char *name)
{
	static char bufs[8][512];
	static int k;
	char *b = bufs[k++ % 8];
	snprintf(b, sizeof bufs[0], "%s/%s", tu_tmpdir(), name);
	return b;
}

const char *tu_write(const char *name, const char *text)
{
	const char *p = tu_path(name);
	FILE *f = fopen(p, "w");
	if (!f) {
		perror(p);
		abort();
	}
	fputs(text, f);
	fclose(f);
	return p;
}

const char *tu_datafile(const char *name)
{
	static char buf[1024];
	const char *d = getenv("STALLCHECK_DATADIR");
	snprintf(buf, sizeof buf, "%s/%s", d && *d ? d : "config", name);
	return buf;
}

const char *const *tu_tpl_dirs(void)
{
	static char buf[1024];
	static const char *dirs[2];
	const char *d = getenv("STALLCHECK_DATADIR");
	snprintf(buf, sizeof buf, "%s", d && *d ? d : "config");
	dirs[0] = buf;
	return dirs;
}

void tu_cleanup(void)
{
	char cmd[300];
	if (!dir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	dir[0] = '\0';
}

#include "core/checklist.h"

static char *dup(const char *s) { return s ? strdup(s) : NULL; }

static void named(struct cl_named *n, const char *code, const char *zh, const char *en)
{
	snprintf(n->code, sizeof n->code, "%s", code);
	n->name[LANG_ZH] = dup(zh);
	n->name[LANG_EN] = dup(en);
}

static void item(struct cl_item *it, const char *id, int level, int cat, int area, int kind,
		 int points, int critical, uint64_t applies, uint64_t crit_types, int na)
{
	snprintf(it->id, sizeof it->id, "%s", id);
	it->level = level;
	it->category = cat;
	it->area = area;
	it->kind = kind;
	it->points = points;
	it->critical = critical;
	it->applies = applies;
	it->critical_types = crit_types;
	it->allow_na = na;
	it->allow_not_observed = 1;
	it->deadline_days = critical ? 1 : 7;
	it->severity = -1;
	char buf[64];
	snprintf(buf, sizeof buf, "项目%s", id);
	it->text[LANG_ZH] = dup(buf);
	snprintf(buf, sizeof buf, "Item %s", id);
	it->text[LANG_EN] = dup(buf);
	if (critical) { /* a basis on the items critical everywhere */
		snprintf(buf, sizeof buf, "依据%s", id);
		it->basis[LANG_ZH] = dup(buf);
		snprintf(buf, sizeof buf, "Basis %s", id);
		it->basis[LANG_EN] = dup(buf);
	}
}

void tu_checklist(struct checklist *cl)
{
	memset(cl, 0, sizeof *cl);
	snprintf(cl->id, sizeof cl->id, "test");
	snprintf(cl->version, sizeof cl->version, "1");
	snprintf(cl->hash, sizeof cl->hash, "%064d", 0);
	cl->langs = 3;
	cl->title[LANG_ZH] = dup("测试");
	cl->title[LANG_EN] = dup("Test");
	/* allow_unanswered_critical: tests of other rules finalize with M2 unanswered */
	cl->rules = (struct cl_rules){ .market_points = 60, .stall_points = 40, .market_items_total = 8,
				      .band_good = 90, .band_pass = 70, .critical_fails = 1,
				      .allow_unanswered_critical = 1 };
	cl->categories = calloc(2, sizeof *cl->categories);
	cl->ncategories = 2;
	named(&cl->categories[0], "hygiene", "环境卫生", "Hygiene");
	named(&cl->categories[1], "order", "经营秩序", "Order");
	cl->areas = calloc(2, sizeof *cl->areas);
	cl->nareas = 2;
	named(&cl->areas[0], "whole", "全场", "Whole market");
	named(&cl->areas[1], "toilet", "公共厕所", "Toilet");
	cl->types = calloc(2, sizeof *cl->types);
	cl->ntypes = 2;
	named(&cl->types[0], "veg", "蔬菜", "Vegetables");
	named(&cl->types[1], "cooked", "熟食", "Cooked");
	cl->items = calloc(5, sizeof *cl->items);
	cl->nitems = 5;
	item(&cl->items[0], "M1", LEVEL_MARKET, 0, 0, KIND_POINTS, 5, 0, 0, 0, 1);
	item(&cl->items[1], "M2", LEVEL_MARKET, 1, 1, KIND_PASSFAIL, 3, 1, 0, 0, 1);
	item(&cl->items[2], "S1", LEVEL_STALL, 0, -1, KIND_POINTS, 3, 0, 3, 0, 1);
	item(&cl->items[3], "S2", LEVEL_STALL, 0, -1, KIND_PASSFAIL, 2, 0, 2, 2, 1);
	item(&cl->items[4], "S3", LEVEL_STALL, 1, -1, KIND_PASSFAIL, 4, 0, 1, 0, 0);
}

void tu_clock(const char *when)
{
	time_t t = -1;
	if (when && clock_parse(when, &t) < 0) {
		fprintf(stderr, "tu_clock: '%s' is not a time\n", when);
		abort();
	}
	clock_fix(t);
}

void tu_zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

void tu_tick(void)
{
	static time_t now = 1767225600; /* 2026-01-01T00:00Z */
	now += 61;
	clock_fix(now);
}

int tu_teardown_all(void **state)
{
	(void)state;
	tu_cleanup();
	return 0;
}

#include "core/db.h"

int tu_delete_inspection(struct db *db, const char *uuid)
{
	static const char *const sql[] = {
		"DELETE FROM answer WHERE inspection_id = (SELECT id FROM inspection WHERE uuid = ?)",
		"DELETE FROM visit WHERE inspection_id = (SELECT id FROM inspection WHERE uuid = ?)",
		"DELETE FROM review WHERE inspection_id = (SELECT id FROM inspection WHERE uuid = ?)",
		"DELETE FROM rect_event WHERE rect_id IN (SELECT id FROM rectification WHERE inspection_id ="
		" (SELECT id FROM inspection WHERE uuid = ?))",
		"DELETE FROM rectification WHERE inspection_id = (SELECT id FROM inspection WHERE uuid = ?)",
		"DELETE FROM inspection WHERE uuid = ?",
	};
	struct sc_err err;
	if (db_exec(db, &err, "DROP TRIGGER IF EXISTS answer_sealed_delete"))
		return -1;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (db_run(db, &err, sql[i], "t", uuid))
			return -1;
	return 0;
}

#include "core/device.h"
#include "core/seal.h"

#include <sodium.h>

int tu_bundle_content(struct db *db, char out[65])
{
	static const char *const tables[] = { "market", "stall", "template", "inspection", "visit", "answer",
					      "review", "rectification", "rect_event", "answer_photo",
					      "inspection_ack", "photo" };
	struct sc_err err;
	crypto_hash_sha256_state h;
	unsigned char md[crypto_hash_sha256_BYTES];
	char sql[128];
	crypto_hash_sha256_init(&h);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		int64_t has = 0;
		if (db_int(db, &err, &has, "SELECT count(*) FROM b.sqlite_schema WHERE name = ?", "t", tables[i]))
			return -1;
		if (!has)
			continue;
		snprintf(sql, sizeof sql, "SELECT * FROM b.%s ORDER BY rowid", tables[i]);
		sqlite3_stmt *st = db_q(db, &err, sql, NULL);
		if (!st)
			return -1;
		crypto_hash_sha256_update(&h, (const unsigned char *)tables[i], strlen(tables[i]));
		crypto_hash_sha256_update(&h, (const unsigned char *)"\x1d", 1);
		int rc = seal_feed_rows(db, st, &h, NULL, &err);
		db_done(db, st);
		if (rc)
			return -1;
	}
	crypto_hash_sha256_final(&h, md);
	device_hex(md, sizeof md, out);
	return 0;
}
