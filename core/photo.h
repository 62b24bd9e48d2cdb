/* photo: evidence photos of findings. A photo is stored once, by the
 * SHA-256 of its bytes, next to the database:
 *
 *     <database>.photos/ab/abcdef....jpg   (0600, temp + fsync + rename)
 *
 * and linked to an answer of a draft inspection (answer_photo, schema v10).
 * The hash and size are sealed with the inspection (seal.c), carried in
 * sync bundles with the bytes (checked against the hash on import) and
 * shown as 320 px thumbnails (libvips) in the notice and the HTML report.
 * Only JPEG and PNG files of at most PHOTO_MAX bytes; no symbolic link is
 * followed, neither for the file taken nor in the store. */
#ifndef SC_PHOTO_H
#define SC_PHOTO_H

#include <stddef.h>
#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "db.h"

#define PHOTO_MAX (20L * 1024 * 1024) /* bytes of one photo */
#define PHOTO_MAX_MB 20
#define PHOTO_HEX 65
#define PHOTO_THUMB_PX 320

/* A photo linked to an answer. */
struct photo_link {
	int64_t visit_id;          /* 0: market-wide item */
	int64_t stall_id;          /* its stall, 0 market-wide */
	char stall_code[32];       /* as the visit froze it, "" market-wide */
	char item_id[CL_ID_MAX];
	char hash[PHOTO_HEX];
	char type[8];              /* jpeg | png */
	int64_t size;
	char added_at[CLOCK_TS];
};

/* A candidate file of the import folder. */
struct photo_file {
	char name[256];
	int64_t size;
	long long mtime;
};

/* The store folder of db ("<path>.photos"). */
int photo_dir(struct db *db, char *out, size_t sz, struct sc_err *err);

/* Store bytes (JPEG or PNG, at most PHOTO_MAX) in the store and record
 * them in the photo table: hash (hex) and type out. expect (may be NULL):
 * the hash they must have (SC_ERR_INVALID otherwise). Writes nothing when
 * the store already holds them intact. */
int photo_put(struct db *db, const unsigned char *data, size_t len, const char *expect,
	      char hash[PHOTO_HEX], struct sc_err *err);

/* Read a file to attach: a regular file, not a symbolic link, at most
 * PHOTO_MAX bytes, JPEG or PNG. *data is the caller's to free. */
int photo_read_file(const char *path, unsigned char **data, size_t *len, struct sc_err *err);

/* Attach the file at path to the answer (inspection_id, visit_id 0 for a
 * market-wide item, item_id) of a draft: the answer must exist. hash out
 * (may be NULL). SC_ERR_CONFLICT when that photo is already attached. */
int photo_attach(struct db *db, int64_t inspection_id, int64_t visit_id, const char *item_id,
		 const char *path, char hash[PHOTO_HEX], struct sc_err *err);

/* An amendment (draft to_id) takes the photos of the record it amends
 * (from_id), each on the same stall and item; call after its answers are
 * copied (a photo belongs to an answer). */
int photo_copy_links(struct db *db, int64_t from_id, int64_t to_id, struct sc_err *err);

/* Photos of an inspection: visit_id -1 all, else that place (0:
 * market-wide); item_id NULL: every item. Ordered by place and item. */
int photo_list(struct db *db, int64_t inspection_id, int64_t visit_id, const char *item_id,
	       struct photo_link **out, int *n, struct sc_err *err);

/* Photos of the finding rectification rect_uuid was registered for (its
 * inspection, stall and item). */
int photo_rect_list(struct db *db, const char *rect_uuid, struct photo_link **out, int *n,
		    struct sc_err *err);
/* Their number (0 on any error: a count in a report). */
int photo_rect_count(struct db *db, const char *rect_uuid);
/* Whether any answer has a photo (1 on any error): a report with
 * thousands of rectifications asks the two above only when one may. */
int photo_any(struct db *db);

/* The bytes of a stored photo, checked against its hash (SC_ERR_INVALID
 * when the file was changed, SC_ERR_NOTFOUND when it is missing). */
int photo_load(struct db *db, const char *hash, unsigned char **data, size_t *len,
	       struct sc_err *err);

/* Check every stored photo against its hash (verify): report(hash, why,
 * ctx) for each file missing or changed, *bad counts them. */
typedef void (*photo_report_fn)(const char *hash, const char *why, void *ctx);
int photo_verify(struct db *db, photo_report_fn report, void *ctx, int *checked, int *bad,
		 struct sc_err *err);

/* A PHOTO_THUMB_PX JPEG thumbnail of a stored photo as a data: URI
 * (malloc'd, caller frees). */
int photo_thumb_uri(struct db *db, const char *hash, char **uri, struct sc_err *err);

/* The JPEG and PNG files of dir (regular files, no links), newest first,
 * at most max. *out is the caller's to free. */
int photo_scan_dir(const char *dir, int max, struct photo_file **out, int *n, struct sc_err *err);

/* ---- sync (sync.c): the bundle tables and their checks ---- */

/* Bundle tables of this module: name and columns, created only when they
 * have rows (a bundle without evidence reads as before). */
extern const char *const photo_bundle_tables[][2];
extern const int photo_bundle_ntables;

/* Does the attached bundle (schema b) have this table? */
int photo_bundle_has(struct db *db, const char *table, int *has, struct sc_err *err);

/* Fill the bundle's evidence tables (schema b) for the inspections in
 * b.inspection, with the bytes of every photo, and drop those left empty. */
int photo_bundle_export(struct db *db, struct sc_err *err);

/* Check the attached bundle's evidence: every linked photo is in the bundle
 * (or here already), its bytes hash to its name, are an image of at most
 * PHOTO_MAX bytes and match the sealed size. why "" when good. */
int photo_bundle_check(struct db *db, char *why, size_t sz, struct sc_err *err);

/* Merge the evidence of the inspections new here (temp.sync_new): photo
 * files into the store, links and acknowledgements into the tables. */
int photo_bundle_merge(struct db *db, struct sc_err *err);

#endif
