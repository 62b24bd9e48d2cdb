/* photo: the content-addressed photo store, links to answers, thumbnails
 * and the evidence tables of sync bundles. */
#include "photo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vips/vips.h>

#include "dynlib.h"
#include "fsutil.h"
#include "i18n.h"

static const char *photo_type(const unsigned char *d, size_t n)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return "jpeg";
	if (n >= 8 && memcmp(d, png, 8) == 0)
		return "png";
	return NULL;
}

static const char *type_ext(const char *type) { return strcmp(type, "png") == 0 ? "png" : "jpg"; }

static void photo_hash(const unsigned char *d, size_t n, char hex[PHOTO_HEX])
{
	unsigned char dig[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(dig, d, n);
	sodium_bin2hex(hex, PHOTO_HEX, dig, sizeof dig);
}

static int hash_ok(const char *h)
{
	if (strlen(h) != 64)
		return 0;
	for (const char *p = h; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

int photo_dir(struct db *db, char *out, size_t sz, struct sc_err *err)
{
	const char *p = db_path(db);
	if (!p || !*p || strcmp(p, ":memory:") == 0)
		return sc_fail(err, SC_ERR_STATE, "a database in memory keeps no photos");
	if ((size_t)snprintf(out, sz, "%s.photos", p) >= sz)
		return sc_fail(err, SC_ERR_INVALID, "the database path is too long for its photo folder");
	return SC_OK;
}

/* A folder of the store: made 0700 when missing, refused when it is a
 * symbolic link or not a folder (a link would put the photos elsewhere). */
static int store_folder(const char *dir, struct sc_err *err)
{
	struct stat st;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return sc_fail(err, errno == ENOSPC ? SC_ERR_FULL : SC_ERR_IO, "cannot create %s: %s", dir,
			       strerror(errno));
	if (lstat(dir, &st) < 0)
		return sc_fail(err, SC_ERR_IO, "%s: %s", dir, strerror(errno));
	if (S_ISLNK(st.st_mode))
		return sc_fail(err, SC_ERR_INVALID, "%s is a symbolic link: the photo store follows no link", dir);
	if (!S_ISDIR(st.st_mode))
		return sc_fail(err, SC_ERR_INVALID, "%s is not a folder", dir);
	return SC_OK;
}

/* Path of a stored photo; with make, its folders are made. */
static int stored_path(struct db *db, const char *hash, const char *type, int make, char *out, size_t sz,
		       struct sc_err *err)
{
	char dir[4096], sub[4200];
	int rc;
	if (!hash_ok(hash))
		return sc_fail(err, SC_ERR_INVALID, "not a photo hash: %.70s", hash);
	if ((rc = photo_dir(db, dir, sizeof dir, err)))
		return rc;
	snprintf(sub, sizeof sub, "%s/%.2s", dir, hash);
	if (make && ((rc = store_folder(dir, err)) || (rc = store_folder(sub, err))))
		return rc;
	snprintf(out, sz, "%s/%s.%s", sub, hash, type_ext(type));
	return SC_OK;
}

/* Read at most max bytes of a regular file that is not a link. */
static int read_regular(const char *path, size_t max, unsigned char **data, size_t *len, struct sc_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	*data = NULL;
	*len = 0;
	if (fd < 0) {
		if (errno == ELOOP)
			return sc_fail(err, SC_ERR_INVALID, "%s is a symbolic link: give the photo file itself", path);
		return sc_fail(err, errno == ENOENT ? SC_ERR_NOTFOUND : SC_ERR_IO, "%s: %s", path,
			       strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return sc_fail(err, SC_ERR_INVALID, "%s is not a regular file", path);
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return sc_fail(err, SC_ERR_INVALID, "%s is too large: %.1f MB (a photo may have at most %d MB)",
			       path, (double)st.st_size / (1024.0 * 1024.0), PHOTO_MAX_MB);
	}
	size_t n = (size_t)st.st_size, off = 0;
	unsigned char *d = malloc(n ? n : 1);
	if (!d) {
		close(fd);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	while (off < n) {
		ssize_t r = read(fd, d + off, n - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	close(fd);
	if (off != n) {
		free(d);
		return sc_fail(err, SC_ERR_IO, "cannot read %s", path);
	}
	*data = d;
	*len = n;
	return SC_OK;
}

int photo_read_file(const char *path, unsigned char **data, size_t *len, struct sc_err *err)
{
	int rc = read_regular(path, PHOTO_MAX, data, len, err);
	if (rc == SC_OK && !photo_type(*data, *len)) {
		free(*data);
		*data = NULL;
		return sc_fail(err, SC_ERR_INVALID, "%s is not a JPEG or PNG image", path);
	}
	return rc;
}

int photo_put(struct db *db, const unsigned char *data, size_t len, const char *expect,
	      char hash[PHOTO_HEX], struct sc_err *err)
{
	char path[4400], ts[CLOCK_TS], have[PHOTO_HEX];
	const char *type = photo_type(data, len);
	unsigned char *old = NULL;
	size_t oldlen = 0;
	int rc;

	if (!type)
		return sc_fail(err, SC_ERR_INVALID, "not a JPEG or PNG image");
	if (len > (size_t)PHOTO_MAX)
		return sc_fail(err, SC_ERR_INVALID, "photo too large: %.1f MB (at most %d MB)",
			       (double)len / (1024.0 * 1024.0), PHOTO_MAX_MB);
	photo_hash(data, len, hash);
	if (expect && strcmp(expect, hash))
		return sc_fail(err, SC_ERR_INVALID, "photo %.12s... does not match its hash (its bytes hash to"
			       " %.12s...)", expect, hash);
	if ((rc = stored_path(db, hash, type, 1, path, sizeof path, err)))
		return rc;
	/* dedupe: the same bytes are there already, intact */
	if (read_regular(path, PHOTO_MAX, &old, &oldlen, NULL) == SC_OK) {
		photo_hash(old, oldlen, have);
		free(old);
	} else {
		have[0] = '\0';
	}
	if (strcmp(have, hash) && (rc = fs_write_atomic(path, data, len, 1, 0600, err)))
		return rc;
	clock_stamp(ts);
	return db_run(db, err, "INSERT INTO photo(hash, type, size, created_at) VALUES (?, ?, ?, ?)"
		      " ON CONFLICT (hash) DO NOTHING", "ttIt", hash, type, (int64_t)len, ts);
}

int photo_attach(struct db *db, int64_t inspection_id, int64_t visit_id, const char *item_id,
		 const char *path, char hash_out[PHOTO_HEX], struct sc_err *err)
{
	char status[16] = "", hash[PHOTO_HEX], ts[CLOCK_TS];
	unsigned char *data = NULL;
	size_t len = 0;
	int64_t answered = 0;
	int rc;

	if ((rc = db_text(db, err, status, sizeof status, "SELECT status FROM inspection WHERE id = ?", "I",
			  inspection_id)))
		return rc;
	if (strcmp(status, "draft"))
		return sc_fail(err, SC_ERR_STATE, "the inspection is final: photos can no longer be added");
	if ((rc = db_int(db, err, &answered, "SELECT count(*) FROM answer WHERE inspection_id = ?"
			 " AND coalesce(visit_id, 0) = ? AND item_id = ?", "IIt", inspection_id, visit_id,
			 item_id)))
		return rc;
	if (!answered)
		return sc_fail(err, SC_ERR_STATE, "answer %s first: a photo belongs to a finding", item_id);
	if ((rc = photo_read_file(path, &data, &len, err)))
		return rc;
	if ((rc = db_begin(db, err)) == SC_OK) {
		rc = photo_put(db, data, len, NULL, hash, err);
		clock_stamp(ts);
		if (rc == SC_OK)
			rc = db_run(db, err, "INSERT INTO answer_photo(inspection_id, visit_id, item_id, hash,"
				    " added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", "Iztt" "t",
				    inspection_id, visit_id > 0 ? visit_id : -1, item_id, hash, ts);
		if (rc == SC_OK && db_changes(db) == 0)
			rc = sc_fail(err, SC_ERR_CONFLICT, "this photo (%.12s...) is attached to %s already",
				     hash, item_id);
		int erc = db_end(db, rc == SC_OK, err);
		if (rc == SC_OK)
			rc = erc;
	}
	free(data);
	if (rc == SC_OK && hash_out)
		memcpy(hash_out, hash, PHOTO_HEX);
	return rc;
}

int photo_copy_links(struct db *db, int64_t from_id, int64_t to_id, struct sc_err *err)
{
	return db_run(db, err, "INSERT INTO answer_photo(inspection_id, visit_id, item_id, hash, added_at)"
		      " SELECT ?2, nv.id, p.item_id, p.hash, p.added_at FROM answer_photo p"
		      " LEFT JOIN visit ov ON ov.id = p.visit_id"
		      " LEFT JOIN visit nv ON nv.inspection_id = ?2 AND nv.stall_id = ov.stall_id"
		      " WHERE p.inspection_id = ?1 AND (p.visit_id IS NULL OR nv.id IS NOT NULL)"
		      " ON CONFLICT DO NOTHING", "II", from_id, to_id);
}

static void link_row(sqlite3_stmt *st, void *elem)
{
	struct photo_link *p = elem;
	p->visit_id = sqlite3_column_int64(st, 0);
	p->stall_id = sqlite3_column_int64(st, 7);
	snprintf(p->stall_code, sizeof p->stall_code, "%s", db_col_text(st, 1));
	snprintf(p->item_id, sizeof p->item_id, "%s", db_col_text(st, 2));
	snprintf(p->hash, sizeof p->hash, "%s", db_col_text(st, 3));
	snprintf(p->type, sizeof p->type, "%s", db_col_text(st, 4));
	p->size = sqlite3_column_int64(st, 5);
	snprintf(p->added_at, sizeof p->added_at, "%s", db_col_text(st, 6));
}

#define LINK_COLS "coalesce(p.visit_id, 0), coalesce(v.stall_code, ''), p.item_id, p.hash, ph.type," \
	" ph.size, p.added_at, coalesce(v.stall_id, 0) FROM answer_photo p JOIN photo ph ON ph.hash = p.hash" \
	" LEFT JOIN visit v ON v.id = p.visit_id"
#define LINK_ORDER " ORDER BY coalesce(v.seq, 0), p.item_id, p.added_at, p.hash"

int photo_list(struct db *db, int64_t inspection_id, int64_t visit_id, const char *item_id,
	       struct photo_link **out, int *n, struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err,
		"SELECT " LINK_COLS " WHERE p.inspection_id = ?1"
		" AND (?2 < 0 OR coalesce(p.visit_id, 0) = ?2) AND (?3 IS NULL OR p.item_id = ?3)" LINK_ORDER,
		"IIt", inspection_id, visit_id, item_id);
	return db_collect(db, st, sizeof **out, link_row, (void **)out, n, err);
}

#define RECT_LINKS " JOIN rectification x ON x.uuid = ? AND p.inspection_id = x.inspection_id" \
	" AND p.item_id = x.item_id AND coalesce(v.stall_id, 0) = coalesce(x.stall_id, 0)"

int photo_rect_list(struct db *db, const char *rect_uuid, struct photo_link **out, int *n,
		    struct sc_err *err)
{
	sqlite3_stmt *st = db_q(db, err, "SELECT " LINK_COLS RECT_LINKS LINK_ORDER, "t", rect_uuid);
	return db_collect(db, st, sizeof **out, link_row, (void **)out, n, err);
}

int photo_rect_count(struct db *db, const char *rect_uuid)
{
	struct sc_err err;
	int64_t n = 0;
	if (db_int(db, &err, &n, "SELECT count(*) FROM answer_photo p LEFT JOIN visit v ON v.id = p.visit_id"
		   RECT_LINKS, "t", rect_uuid) != SC_OK)
		return 0;
	return (int)n;
}

int photo_any(struct db *db)
{
	struct sc_err err;
	int64_t n = 1;
	db_int(db, &err, &n, "SELECT EXISTS (SELECT 1 FROM answer_photo)", NULL);
	return n != 0;
}

int photo_load(struct db *db, const char *hash, unsigned char **data, size_t *len, struct sc_err *err)
{
	char type[8] = "", path[4400], got[PHOTO_HEX];
	int rc;
	*data = NULL;
	*len = 0;
	if ((rc = db_text(db, err, type, sizeof type, "SELECT type FROM photo WHERE hash = ?", "t", hash)))
		return rc == SC_ERR_NOTFOUND ? sc_fail(err, rc, "no photo %.12s... here", hash) : rc;
	if ((rc = stored_path(db, hash, type, 0, path, sizeof path, err)) ||
	    (rc = read_regular(path, PHOTO_MAX, data, len, err)))
		return rc;
	photo_hash(*data, *len, got);
	if (strcmp(got, hash)) {
		free(*data);
		*data = NULL;
		return sc_fail(err, SC_ERR_INVALID, "%s was changed: its bytes no longer match its name", path);
	}
	return SC_OK;
}

int photo_verify(struct db *db, photo_report_fn report, void *ctx, int *checked, int *bad,
		 struct sc_err *err)
{
	int r;
	sqlite3_stmt *st = db_q(db, err, "SELECT hash FROM photo ORDER BY hash", NULL);
	*checked = *bad = 0;
	if (!st)
		return err->code;
	while ((r = db_step(db, st, err)) == 1) {
		char hash[PHOTO_HEX];
		unsigned char *d = NULL;
		size_t n = 0;
		struct sc_err e;
		snprintf(hash, sizeof hash, "%s", db_col_text(st, 0));
		(*checked)++;
		if (photo_load(db, hash, &d, &n, &e) != SC_OK) {
			(*bad)++;
			report(hash, e.msg, ctx);
		}
		free(d);
	}
	db_done(db, st);
	return r < 0 ? err->code : SC_OK;
}

/* ---- thumbnails ---- */

/* libvips is loaded at the first thumbnail, not linked: linked, it brings
 * about a hundred libraries (cairo, pango, hdf5, curl, ...) into every
 * start of the program (--version took 0.2 s instead of 10 ms) for what
 * only reports and notices with photos need. The name is that of the
 * libvips the build saw (its soname: libtool's current - age). */
static struct {
	int (*init)(const char *argv0);
	const char *(*error_buffer)(void);
	void (*error_clear)(void);
	int (*thumbnail_buffer)(void *buf, size_t len, VipsImage **out, int width, ...);
	int (*jpegsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
	void (*unref)(gpointer object);
	void (*free)(gpointer mem);
} V;

static int vips_ready(struct sc_err *err)
{
	static int state; /* 0 not yet, 1 ready, -1 failed */
	static char why[300];
	if (!state) {
		char lib[32];
		snprintf(lib, sizeof lib, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
		static const struct dynlib_sym syms[] = {
			{ "vips_init", (void **)&V.init }, { "vips_error_buffer", (void **)&V.error_buffer },
			{ "vips_error_clear", (void **)&V.error_clear },
			{ "vips_thumbnail_buffer", (void **)&V.thumbnail_buffer },
			{ "vips_jpegsave_buffer", (void **)&V.jpegsave_buffer },
			{ "g_object_unref", (void **)&V.unref }, { "g_free", (void **)&V.free }
		};
		state = -1;
		if (dynlib_open(lib, syms, (int)(sizeof syms / sizeof *syms), why, sizeof why) == 0) {
			if (V.init("stallcheck") != 0)
				snprintf(why, sizeof why, "%s", V.error_buffer());
			else
				state = 1;
		}
	}
	return state > 0 ? SC_OK : sc_fail(err, SC_ERR_INVALID, "libvips cannot start: %s", why);
}

int photo_thumb_uri(struct db *db, const char *hash, char **uri, struct sc_err *err)
{
	static const char head[] = "data:image/jpeg;base64,";
	unsigned char *data = NULL;
	size_t len = 0, jlen = 0;
	void *jpeg = NULL;
	VipsImage *img = NULL;
	int rc;

	*uri = NULL;
	if ((rc = vips_ready(err)) || (rc = photo_load(db, hash, &data, &len, err)))
		return rc;
	if (V.thumbnail_buffer(data, len, &img, PHOTO_THUMB_PX, NULL) ||
	    V.jpegsave_buffer(img, &jpeg, &jlen, "Q", 75, "strip", TRUE, NULL)) {
		rc = sc_fail(err, SC_ERR_INVALID, "photo %.12s...: no thumbnail (%.200s)", hash,
			     V.error_buffer());
		V.error_clear();
	}
	if (img)
		V.unref(img);
	free(data);
	if (rc)
		return rc;
	size_t b64 = sodium_base64_encoded_len(jlen, sodium_base64_VARIANT_ORIGINAL);
	*uri = malloc(sizeof head + b64);
	if (!*uri) {
		V.free(jpeg);
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	}
	memcpy(*uri, head, sizeof head - 1);
	sodium_bin2base64(*uri + sizeof head - 1, b64, jpeg, jlen, sodium_base64_VARIANT_ORIGINAL);
	V.free(jpeg);
	return SC_OK;
}

/* ---- the import folder ---- */

static int image_name(const char *n)
{
	const char *dot = strrchr(n, '.');
	return dot && n[0] != '.' && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg") ||
				      !strcasecmp(dot, ".png"));
}

static int newest_first(const void *a, const void *b)
{
	const struct photo_file *x = a, *y = b;
	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? 1 : -1;
	return strcmp(x->name, y->name);
}

int photo_scan_dir(const char *dir, int max, struct photo_file **out, int *n, struct sc_err *err)
{
	struct photo_file *v = NULL;
	int cap = 0, k = 0;
	struct dirent *e;
	DIR *d = opendir(dir);
	*out = NULL;
	*n = 0;
	if (!d)
		return sc_fail(err, errno == ENOENT ? SC_ERR_NOTFOUND : SC_ERR_IO, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		struct stat st;
		if (!image_name(e->d_name) || strlen(e->d_name) >= sizeof v->name ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 32;
			struct photo_file *w = realloc(v, (size_t)cap * sizeof *v);
			if (!w) {
				closedir(d);
				free(v);
				return sc_fail(err, SC_ERR_NOMEM, "out of memory");
			}
			v = w;
		}
		snprintf(v[k].name, sizeof v[k].name, "%s", e->d_name);
		v[k].size = st.st_size;
		v[k].mtime = (long long)st.st_mtime;
		k++;
	}
	closedir(d);
	if (k)
		qsort(v, (size_t)k, sizeof *v, newest_first);
	*out = v;
	*n = k < max ? k : max;
	return SC_OK;
}

/* ---- sync bundles ---- */

const char *const photo_bundle_tables[][2] = {
	{ "answer_photo", "(inspection_uuid TEXT, visit_uuid TEXT, item_id TEXT, hash TEXT, size INTEGER,"
			  " added_at TEXT) STRICT" },
	{ "inspection_ack", "(inspection_uuid TEXT PRIMARY KEY, operator TEXT, statement TEXT,"
			    " present INTEGER, at TEXT) STRICT" },
	{ "photo", "(hash TEXT PRIMARY KEY, type TEXT, data BLOB) STRICT" },
};
const int photo_bundle_ntables = (int)(sizeof photo_bundle_tables / sizeof photo_bundle_tables[0]);

int photo_bundle_has(struct db *db, const char *table, int *has, struct sc_err *err)
{
	int64_t n = 0;
	int rc = db_int(db, err, &n, "SELECT count(*) FROM b.sqlite_schema WHERE type = 'table' AND name = ?",
			"t", table);
	*has = n > 0;
	return rc;
}

int photo_bundle_export(struct db *db, struct sc_err *err)
{
	static const char *const fill[] = {
		"INSERT INTO b.answer_photo SELECT i.uuid, v.uuid, p.item_id, p.hash, ph.size, p.added_at"
		" FROM b.inspection bi JOIN inspection i ON i.uuid = bi.uuid"
		" JOIN answer_photo p ON p.inspection_id = i.id JOIN photo ph ON ph.hash = p.hash"
		" LEFT JOIN visit v ON v.id = p.visit_id ORDER BY i.uuid, 2, p.item_id, p.hash",
		"INSERT INTO b.inspection_ack SELECT i.uuid, k.operator, k.statement, k.present, k.at"
		" FROM b.inspection bi JOIN inspection i ON i.uuid = bi.uuid"
		" JOIN inspection_ack k ON k.inspection_id = i.id ORDER BY i.uuid",
	};
	char sql[512];
	int rc = SC_OK, r;
	for (int i = 0; i < photo_bundle_ntables && rc == SC_OK; i++) {
		snprintf(sql, sizeof sql, "CREATE TABLE b.%s %s", photo_bundle_tables[i][0],
			 photo_bundle_tables[i][1]);
		rc = db_exec(db, err, sql);
	}
	for (size_t i = 0; i < sizeof fill / sizeof fill[0] && rc == SC_OK; i++)
		rc = db_run(db, err, fill[i], NULL);
	/* the bytes of every photo linked, each once, checked on the way */
	sqlite3_stmt *st = rc ? NULL : db_q(db, err, "SELECT DISTINCT hash FROM b.answer_photo ORDER BY hash", NULL);
	if (rc == SC_OK && !st)
		rc = err->code;
	while (rc == SC_OK && (r = db_step(db, st, err)) != 0) {
		char hash[PHOTO_HEX];
		unsigned char *data = NULL;
		size_t len = 0;
		if (r < 0) {
			rc = err->code;
			break;
		}
		snprintf(hash, sizeof hash, "%s", db_col_text(st, 0));
		if ((rc = photo_load(db, hash, &data, &len, err)) == SC_OK)
			rc = db_run(db, err, "INSERT INTO b.photo(hash, type, data) VALUES (?, ?, ?)", "ttb", hash,
				    photo_type(data, len), data, (int)len);
		free(data);
	}
	if (st)
		db_done(db, st);
	/* a bundle without evidence has none of these tables: older readers read it */
	for (int i = 0; i < photo_bundle_ntables && rc == SC_OK; i++) {
		int64_t n = 0;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM b.%s", photo_bundle_tables[i][0]);
		if ((rc = db_int(db, err, &n, sql, NULL)) == SC_OK && n == 0) {
			snprintf(sql, sizeof sql, "DROP TABLE b.%s", photo_bundle_tables[i][0]);
			rc = db_exec(db, err, sql);
		}
	}
	return rc;
}

int photo_bundle_check(struct db *db, char *why, size_t sz, struct sc_err *err)
{
	int has_links, has_photos, has_ack, r = 0, rc;
	*why = '\0';
	if ((rc = photo_bundle_has(db, "answer_photo", &has_links, err)) ||
	    (rc = photo_bundle_has(db, "photo", &has_photos, err)) ||
	    (rc = photo_bundle_has(db, "inspection_ack", &has_ack, err)))
		return rc;
	if (has_ack) {
		char u[64] = "";
		rc = db_text(db, err, u, sizeof u, "SELECT inspection_uuid FROM b.inspection_ack WHERE"
			     " inspection_uuid NOT IN (SELECT uuid FROM b.inspection) LIMIT 1", NULL);
		if (rc == SC_OK) {
			snprintf(why, sz, _("malformed: an acknowledgement of inspection %.40s, not in the bundle"), u);
			return SC_OK;
		}
		if (rc != SC_ERR_NOTFOUND)
			return rc;
	}
	if (has_photos) { /* every photo carried: an image, bounded, its bytes its name */
		sqlite3_stmt *st = db_q(db, err, "SELECT hash, data FROM b.photo", NULL);
		if (!st)
			return err->code;
		while (!*why && (r = db_step(db, st, err)) == 1) {
			const unsigned char *d = sqlite3_column_blob(st, 1);
			size_t n = (size_t)sqlite3_column_bytes(st, 1);
			char got[PHOTO_HEX];
			if (!d || n > (size_t)PHOTO_MAX || !photo_type(d, n)) {
				snprintf(why, sz, _("malformed: photo %.64s is not a JPEG or PNG of at most %d MB"),
					 db_col_text(st, 0), PHOTO_MAX_MB);
				break;
			}
			photo_hash(d, n, got);
			if (strcmp(got, db_col_text(st, 0)))
				snprintf(why, sz, _("tampered: photo %.64s does not match its hash (its bytes hash to %s)"),
					 db_col_text(st, 0), got);
		}
		db_done(db, st);
		if (!*why && r < 0)
			return err->code;
		if (*why)
			return SC_OK;
	}
	if (!has_links)
		return SC_OK;
	/* every link: of an inspection of the bundle, its photo carried (or
	 * here), of the size sealed */
	static const char links_sql[] =
		"SELECT l.inspection_uuid, l.hash, l.size, l.inspection_uuid IN (SELECT uuid FROM b.inspection),"
		" coalesce(%s, (SELECT size FROM photo WHERE hash = l.hash), -1) FROM b.answer_photo l";
	char sql[512];
	snprintf(sql, sizeof sql, links_sql,
		 has_photos ? "(SELECT length(data) FROM b.photo WHERE hash = l.hash)" : "NULL");
	sqlite3_stmt *st = db_q(db, err, sql, NULL);
	if (!st)
		return err->code;
	while (!*why && (r = db_step(db, st, err)) == 1) {
		int64_t want = sqlite3_column_int64(st, 2), have = sqlite3_column_int64(st, 4);
		if (!sqlite3_column_int(st, 3))
			snprintf(why, sz, _("malformed: a photo of inspection %.40s, not in the bundle"), db_col_text(st, 0));
		else if (have < 0)
			snprintf(why, sz, _("malformed: photo %.64s is linked but not carried"), db_col_text(st, 1));
		else if (have != want)
			snprintf(why, sz, _("tampered: photo %.64s has %lld bytes, its record says %lld"),
				 db_col_text(st, 1), (long long)have, (long long)want);
	}
	db_done(db, st);
	return !*why && r < 0 ? err->code : SC_OK;
}

int photo_bundle_merge(struct db *db, struct sc_err *err)
{
	int has_links, has_photos, has_ack, r = 0, rc;
	if ((rc = photo_bundle_has(db, "answer_photo", &has_links, err)) ||
	    (rc = photo_bundle_has(db, "photo", &has_photos, err)) ||
	    (rc = photo_bundle_has(db, "inspection_ack", &has_ack, err)))
		return rc;
	if (has_photos) { /* checked by photo_bundle_check: stored as they are */
		sqlite3_stmt *st = db_q(db, err, "SELECT hash, data FROM b.photo WHERE hash IN (SELECT hash"
					" FROM b.answer_photo WHERE inspection_uuid IN (SELECT uuid FROM temp.sync_new))",
					NULL);
		if (!st)
			return err->code;
		while (rc == SC_OK && (r = db_step(db, st, err)) == 1) {
			char hash[PHOTO_HEX], got[PHOTO_HEX];
			snprintf(hash, sizeof hash, "%s", db_col_text(st, 0));
			rc = photo_put(db, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1), hash, got,
				       err);
		}
		db_done(db, st);
		if (rc == SC_OK && r < 0)
			rc = err->code;
	}
	if (rc == SC_OK && has_links)
		rc = db_run(db, err,
			    "INSERT INTO answer_photo(inspection_id, visit_id, item_id, hash, added_at)"
			    " SELECT i.id, v.id, l.item_id, l.hash, l.added_at FROM b.answer_photo l"
			    " JOIN inspection i ON i.uuid = l.inspection_uuid LEFT JOIN visit v ON v.uuid = l.visit_uuid"
			    " WHERE l.inspection_uuid IN (SELECT uuid FROM temp.sync_new) ON CONFLICT DO NOTHING",
			    NULL);
	if (rc == SC_OK && has_ack)
		rc = db_run(db, err,
			    "INSERT INTO inspection_ack(inspection_id, operator, statement, present, at)"
			    " SELECT i.id, k.operator, k.statement, k.present, k.at FROM b.inspection_ack k"
			    " JOIN inspection i ON i.uuid = k.inspection_uuid"
			    " WHERE k.inspection_uuid IN (SELECT uuid FROM temp.sync_new) ON CONFLICT DO NOTHING",
			    NULL);
	return rc;
}
