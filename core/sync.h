/* sync: offline exchange of records through a shared folder.
 *
 * Each device writes its new records as bundles DIR/<device-id>/NNNNNN.bundle
 * and reads every other device's bundles. A bundle is an SQLite file
 * (tables manifest, market, stall, template, inspection, visit, answer,
 * review, rectification, rect_event; uuids instead of row ids). Its
 * detached signature NNNNNN.sig is one line: the hex Ed25519ph signature
 * over every byte of the bundle file, so a flipped byte anywhere (its
 * format too) is caught before SQLite reads the file. The manifest holds
 * format, device, seq, schema, created_at, pubkey, records and
 * content_sha256 (SHA-256 over the canonical encoding of every table, see
 * seal_feed_rows). See docs/sync.md for the merge rules. */
#ifndef SC_SYNC_H
#define SC_SYNC_H

#include <stddef.h>

#include "clock.h"
#include "db.h"

/* Bundle formats (docs/sync.md "Bundle formats"): this program writes
 * SYNC_FORMAT and reads SYNC_FORMAT_MIN to SYNC_FORMAT; it goes by the
 * format alone, not by the writer's schema version. Raise SYNC_FORMAT
 * whenever what a bundle carries changes (a table, a column, a value a
 * column may hold, such as a new verdict), and SYNC_FORMAT_MIN with it
 * unless the import still reads the older shape. 1: before reviews and
 * rectification events were signed; 2: signed rows (review.sig,
 * rect_event.sig), evidence tables, verdicts up to 'partial'; 3: a
 * record's grade (inspection.grade, visit.grade) and decimal points
 * (answer.earned and possible may be real). */
#define SYNC_FORMAT 3
#define SYNC_FORMAT_MIN 3

enum sync_outcome {
	SYNC_IMPORTED = 1,  /* merged (records may all have been known) */
	SYNC_ALREADY,       /* imported before: nothing done */
	SYNC_QUARANTINED,   /* refused, reason says why; retried next sync */
	SYNC_WAITING,       /* refers to records not received yet; retried */
	SYNC_EXPORTED,      /* written by this device */
};

/* What happened to one bundle. */
struct sync_item {
	char file[96];      /* <device-id>/NNNNNN.bundle */
	int outcome;        /* enum sync_outcome */
	char reason[300];
	int records;        /* records in the bundle */
	int conflicts;      /* new conflicts found */
	int retry;          /* refused for now, may settle once later bundles import */
};

struct sync_result {
	int exported, imported, already, quarantined, waiting;
	int records_out, records_in, conflicts;
};

/* Progress: called after each bundle handled (done of total so far). */
typedef void (*sync_progress_fn)(const struct sync_item *it, int done, int total, void *ctx);

/* Export this device's unsent records into dir (at most one new bundle),
 * then import every other device's bundles not yet imported, one
 * transaction each, retrying waiting ones until nothing moves. Fails
 * (SC_ERR_BUSY) when another sync of this database runs. Bad bundles do not
 * fail the run: they are in res and in the quarantine list. */
int sync_run(struct db *db, const char *dir, sync_progress_fn progress, void *ctx,
	     struct sync_result *res, struct sc_err *err);

/* Import a bundle from memory: device = the directory name it came from,
 * seq from its file name, sig = the .sig file's bytes (NULL: unsigned). */
int sync_import_mem(struct db *db, const char *device, long seq, const unsigned char *data,
		    size_t len, const char *sig, size_t siglen, struct sync_item *it,
		    struct sc_err *err);

/* What the home screen shows. */
struct sync_status {
	int unsent_inspections, unsent_reviews, unsent_registry, unsent_rectifications,
	    unsent_templates, unsent_total;
	char last_sync[CLOCK_TS];   /* "" never */
	char last_dir[1024];
	int bundles_out, bundles_in;
	int quarantined, waiting, conflicts;
};

int sync_status(struct db *db, struct sync_status *st, struct sc_err *err);

/* The cheap part of the status, for the home screen: finalized
 * inspections not sent yet and when the last sync ran ("" never). */
int sync_unsent_inspections(struct db *db, int *n, char last_sync[CLOCK_TS], struct sc_err *err);

/* Bundles of other devices in dir not imported yet (waiting and
 * quarantined ones included). */
int sync_folder_pending(struct db *db, const char *dir, int *n, struct sc_err *err);

/* Conflicts and quarantined bundles, for listing. Caller frees *out. */
struct sync_conflict_rec {
	char kind[16];
	char uuid[40];
	char device[40];
	long seq;
	char local_seal[65], remote_seal[65];
	char at[CLOCK_TS];
};
int sync_conflict_list(struct db *db, struct sync_conflict_rec **out, int *n, struct sc_err *err);

/* The bundle format each trusted device last sent (format 0: no bundle of
 * it read yet), for sync --status and the sync screen. */
struct sync_peer_format_rec {
	char device[40];
	char role[16];
	int format;
	long seq;
	char at[CLOCK_TS];
};
int sync_peer_formats(struct db *db, struct sync_peer_format_rec **out, int *n, struct sc_err *err);

/* What a person must do about a device whose bundles are in a format this
 * program does not read, in lang (LANG_ZH, LANG_EN): "update stallcheck
 * on this machine" (newer) or "... on that device" (older). "" when this
 * program reads its format (or none was read yet). */
void sync_format_warning(const struct sync_peer_format_rec *p, int lang, char *buf, size_t sz);

struct sync_quarantine_rec {
	char file[96];
	char state[16];
	char reason[300];
	char last_at[CLOCK_TS];
};
int sync_quarantine_list(struct db *db, struct sync_quarantine_rec **out, int *n,
			 struct sc_err *err);

#endif
