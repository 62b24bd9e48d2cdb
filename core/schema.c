/* schema: every table, as an ordered list of migrations.
 * Never edit a migration that has shipped: append a new one.
 *
 * Records that travel between machines carry a uuid, the device that
 * wrote them, a revision and times (UTC, ISO 8601 with milliseconds);
 * local integer ids never leave the machine. Dates a person picks
 * (inspection day, deadlines) are local calendar dates, YYYY-MM-DD. */
#include "schema.h"

static const char v1[] =
	/* key/value facts about this database: device id, created_at ... */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;"

	"CREATE TABLE market ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  code TEXT NOT NULL DEFAULT '',"
	"  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
	"  district TEXT NOT NULL DEFAULT '',"
	"  address TEXT NOT NULL DEFAULT '',"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  device TEXT NOT NULL DEFAULT '',"
	"  rev INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX market_district ON market(district);"

	"CREATE TABLE stall ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  market_id INTEGER NOT NULL REFERENCES market(id),"
	"  code TEXT NOT NULL CHECK (length(trim(code)) > 0),"
	"  vendor TEXT NOT NULL DEFAULT '',"
	"  type TEXT NOT NULL,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  device TEXT NOT NULL DEFAULT '',"
	"  rev INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  UNIQUE (market_id, code)"
	") STRICT;"

	/* the exact text of a checklist, pinned by its SHA-256 */
	"CREATE TABLE template ("
	"  id INTEGER PRIMARY KEY,"
	"  hash TEXT NOT NULL UNIQUE,"
	"  tpl_id TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  created_at TEXT NOT NULL"
	") STRICT;"

	"CREATE TABLE inspection ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  market_id INTEGER NOT NULL REFERENCES market(id),"
	"  template_id INTEGER NOT NULL REFERENCES template(id),"
	"  inspector TEXT NOT NULL,"
	"  device TEXT NOT NULL DEFAULT '',"
	"  day TEXT NOT NULL,"                      /* local date of the visit */
	"  started_at TEXT NOT NULL,"
	"  finished_at TEXT,"
	"  status TEXT NOT NULL DEFAULT 'draft'"
	"    CHECK (status IN ('draft','final','approved','returned','amended')),"
	"  amends_uuid TEXT,"                        /* the record this one corrects */
	"  score REAL,"                              /* NULL: nothing scorable */
	"  band TEXT NOT NULL DEFAULT 'none',"
	"  critical_fails INTEGER NOT NULL DEFAULT 0,"
	"  stalls_done INTEGER NOT NULL DEFAULT 0,"
	"  cursor_visit INTEGER,"                    /* where the walk resumes */
	"  cursor_item TEXT,"
	"  seal TEXT,"                               /* SHA-256 chained seal when final */
	"  prev_seal TEXT,"
	"  rev INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX inspection_day ON inspection(day);"
	"CREATE INDEX inspection_market_day ON inspection(market_id, day);"
	"CREATE INDEX inspection_status ON inspection(status);"

	/* one stall within an inspection, in walking order */
	"CREATE TABLE visit ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  stall_id INTEGER NOT NULL REFERENCES stall(id),"
	"  seq INTEGER NOT NULL,"
	"  score REAL,"
	"  band TEXT NOT NULL DEFAULT 'none',"
	"  critical_fails INTEGER NOT NULL DEFAULT 0,"
	"  done INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (inspection_id, stall_id)"
	") STRICT;"
	"CREATE INDEX visit_stall ON visit(stall_id);"

	/* visit_id NULL: a market-wide item. earned is the points the answer
	 * earned (NULL for na / not_observed). */
	"CREATE TABLE answer ("
	"  id INTEGER PRIMARY KEY,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  visit_id INTEGER REFERENCES visit(id),"
	"  item_id TEXT NOT NULL,"
	"  verdict TEXT NOT NULL CHECK (verdict IN ('pass','fail','na','not_observed')),"
	"  earned INTEGER,"
	"  possible INTEGER,"
	"  critical INTEGER NOT NULL DEFAULT 0,"    /* a fail here is critical */
	"  spots INTEGER NOT NULL DEFAULT 0 CHECK (spots >= 0),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  answered_at TEXT NOT NULL"
	") STRICT;"
	"CREATE UNIQUE INDEX answer_market_item ON answer(inspection_id, item_id)"
	"  WHERE visit_id IS NULL;"
	"CREATE UNIQUE INDEX answer_visit_item ON answer(visit_id, item_id)"
	"  WHERE visit_id IS NOT NULL;"
	"CREATE INDEX answer_inspection ON answer(inspection_id, visit_id);"

	/* a problem registered with a deadline (挂号), closed by a follow-up (销号) */
	"CREATE TABLE rectification ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  market_id INTEGER NOT NULL REFERENCES market(id),"
	"  stall_id INTEGER REFERENCES stall(id),"  /* NULL: market-wide */
	"  area TEXT NOT NULL DEFAULT '',"
	"  item_id TEXT NOT NULL,"
	"  category TEXT NOT NULL DEFAULT '',"
	"  critical INTEGER NOT NULL DEFAULT 0,"
	"  finding TEXT NOT NULL DEFAULT '',"
	"  spots INTEGER NOT NULL DEFAULT 0,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  opened_day TEXT NOT NULL,"
	"  deadline TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),"
	"  closed_by INTEGER REFERENCES inspection(id),"
	"  closed_day TEXT,"
	"  repeat_of TEXT,"                           /* uuid of an earlier rectification */
	"  repeats INTEGER NOT NULL DEFAULT 0,"
	"  device TEXT NOT NULL DEFAULT '',"
	"  rev INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX rectification_market ON rectification(market_id, status);"
	"CREATE INDEX rectification_status ON rectification(status, deadline);"
	"CREATE INDEX rectification_inspection ON rectification(inspection_id);"

	/* what happened to a rectification: opened, followed up, closed */
	"CREATE TABLE rect_event ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  rect_id INTEGER NOT NULL REFERENCES rectification(id),"
	"  inspection_id INTEGER REFERENCES inspection(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('open','fixed','not_fixed','repeat','reopen')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  actor TEXT NOT NULL DEFAULT '',"
	"  device TEXT NOT NULL DEFAULT '',"
	"  at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX rect_event_rect ON rect_event(rect_id);"

	"CREATE TABLE review ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  decision TEXT NOT NULL CHECK (decision IN ('approve','return')),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  reviewer TEXT NOT NULL,"
	"  device TEXT NOT NULL DEFAULT '',"
	"  at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX review_inspection ON review(inspection_id);"

	/* append-only, hash-chained: hash = sha256(prev_hash | fields) */
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  device TEXT NOT NULL DEFAULT '',"
	"  action TEXT NOT NULL,"
	"  subject TEXT NOT NULL DEFAULT '',"
	"  detail TEXT NOT NULL DEFAULT '',"
	"  prev_hash TEXT NOT NULL DEFAULT '',"
	"  hash TEXT NOT NULL"
	") STRICT;"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"

	/* a final record is read-only: only status and review-driven fields move */
	"CREATE TRIGGER answer_sealed_update BEFORE UPDATE ON answer"
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'"
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: answers are read-only'); END;"
	"CREATE TRIGGER answer_sealed_insert BEFORE INSERT ON answer"
	"  WHEN (SELECT status FROM inspection WHERE id = NEW.inspection_id) <> 'draft'"
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: answers are read-only'); END;"
	"CREATE TRIGGER answer_sealed_delete BEFORE DELETE ON answer"
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'"
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: answers are read-only'); END;";

/* summary/export: rectifications opened, closed or overdue in a period */
static const char v2_summary[] =
	"CREATE INDEX rectification_opened ON rectification(opened_day);"
	"CREATE INDEX rectification_closed ON rectification(closed_day);";


/* v3 (sync): trust list, what was sent and received, quarantine, conflicts.
 * sync_seen holds, per record, the version (stamp) last sent or received:
 * a record whose current stamp differs is unsent. */
static const char v3_sync[] =
	"CREATE TABLE peer ("
	"  device TEXT PRIMARY KEY,"
	"  pubkey TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('inspector','supervisor')),"
	"  added_at TEXT NOT NULL,"
	"  revoked_at TEXT"
	") STRICT;"
	"CREATE TABLE sync_seen ("
	"  kind TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  stamp TEXT NOT NULL,"
	"  PRIMARY KEY (kind, key)"
	") STRICT, WITHOUT ROWID;"
	/* bundles written (dir 'out') and imported (dir 'in') */
	"CREATE TABLE sync_bundle ("
	"  device TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  dir TEXT NOT NULL CHECK (dir IN ('out','in')),"
	"  content_sha256 TEXT NOT NULL,"
	"  records INTEGER NOT NULL DEFAULT 0,"
	"  at TEXT NOT NULL,"
	"  PRIMARY KEY (device, seq)"
	") STRICT;"
	"CREATE TABLE sync_quarantine ("
	"  file TEXT PRIMARY KEY,"                  /* <device dir>/<name> in the sync folder */
	"  state TEXT NOT NULL CHECK (state IN ('quarantined','waiting')),"
	"  reason TEXT NOT NULL,"
	"  first_at TEXT NOT NULL,"
	"  last_at TEXT NOT NULL,"
	"  resolved_at TEXT"
	") STRICT;"
	/* a finalized record that arrived with other content under a known uuid:
	 * the local version stays, the other is kept here in canonical text */
	"CREATE TABLE sync_conflict ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  uuid TEXT NOT NULL,"
	"  device TEXT NOT NULL,"                  /* the bundle it came in */
	"  seq INTEGER NOT NULL,"
	"  local_seal TEXT NOT NULL,"
	"  remote_seal TEXT NOT NULL,"
	"  remote TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  UNIQUE (kind, uuid, remote_seal)"
	") STRICT;"
	/* the status of a record follows its amendments (see sync.c) */
	"CREATE INDEX inspection_amends ON inspection(amends_uuid);";

/* rectifications: English finding text, area names for notices, and the
 * later rectification that replaces this one (a repeat of a still open
 * problem, or an amendment of the record that found it). */
static const char v4_rectify[] =
	"ALTER TABLE rectification ADD COLUMN finding_en TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE rectification ADD COLUMN area_name TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE rectification ADD COLUMN area_name_en TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE rectification ADD COLUMN superseded_by TEXT;"
	"CREATE INDEX rectification_item ON rectification(market_id, item_id, stall_id);"
	"CREATE INDEX rect_event_inspection ON rect_event(inspection_id);";

/* v5: the current open rectifications (not carried into a repeat) of a
 * market by deadline (the follow-up walk), and of all markets (the home
 * screen), each from one index: carried ones pile up as the years go by */
static const char v5_rect_market[] =
	"DROP INDEX rectification_market;"
	"CREATE INDEX rectification_market ON rectification(market_id, status, superseded_by, deadline);"
	"DROP INDEX rectification_status;"
	"CREATE INDEX rectification_status ON rectification(status, superseded_by, deadline);";

/* v6: a visit keeps the stall as it was inspected (code, vendor, type):
 * scoring uses the visit's type, and a later change in the registry
 * changes no record. Filled for existing visits from the registry; the walk
 * writes them (store.c); visits arriving by sync get them from a trigger,
 * from the registry as it stands when they arrive. */
static const char v6_visit_stall[] =
	"ALTER TABLE visit ADD COLUMN stall_code TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE visit ADD COLUMN stall_vendor TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE visit ADD COLUMN stall_type TEXT NOT NULL DEFAULT '';"
	"UPDATE visit SET (stall_code, stall_vendor, stall_type) ="
	"  (SELECT code, vendor, type FROM stall WHERE stall.id = visit.stall_id);"
	"CREATE TRIGGER visit_freeze_stall AFTER INSERT ON visit WHEN NEW.stall_type = ''"
	"  BEGIN UPDATE visit SET (stall_code, stall_vendor, stall_type) ="
	"    (SELECT code, vendor, type FROM stall WHERE stall.id = NEW.stall_id)"
	"    WHERE id = NEW.id; END;";

/* v7: who made each synced record, bound at first sight: local creations
 * and imported rows alike (the triggers), and the rows already here. A
 * bundle that gives a known uuid to another device is refused (sync.c), so
 * one trusted device cannot take over another's records. Rows without a
 * device (made by hand) bind nobody. */
#define OWNER_FILL(table) \
	"INSERT OR IGNORE INTO uuid_owner(uuid, kind, device) SELECT uuid, '" table "', device" \
	"  FROM " table " WHERE device <> '' ORDER BY id;"
#define OWNER_BIND(table) \
	"CREATE TRIGGER " table "_owner AFTER INSERT ON " table " WHEN NEW.device <> ''" \
	"  BEGIN INSERT OR IGNORE INTO uuid_owner(uuid, kind, device)" \
	"  VALUES (NEW.uuid, '" table "', NEW.device); END;" \
	OWNER_FILL(table)
static const char v7_owner[] =
	"CREATE TABLE uuid_owner ("
	"  uuid TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  device TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;"
	OWNER_BIND("inspection")
	OWNER_BIND("market")
	OWNER_BIND("stall")
	OWNER_BIND("rectification")
	OWNER_BIND("rect_event")
	OWNER_BIND("review");
#undef OWNER_BIND

/* What the owner triggers would have bound while db_bulk had triggers off. */
const char schema_owner_fill[] =
	OWNER_FILL("inspection")
	OWNER_FILL("market")
	OWNER_FILL("stall")
	OWNER_FILL("rectification")
	OWNER_FILL("rect_event")
	OWNER_FILL("review");
#undef OWNER_FILL

/* v8: chain heads signed with each device's key (seal.c), its own and
 * those received in bundles: a database edited and resealed without the
 * key no longer matches what was signed (verify). via: 'self' or the
 * bundle it came in. */
static const char v8_seal_head[] =
	"CREATE TABLE seal_head ("
	"  device TEXT NOT NULL,"
	"  seal TEXT NOT NULL,"
	"  sig TEXT NOT NULL,"
	"  via TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  PRIMARY KEY (device, seal, via)"
	") STRICT, WITHOUT ROWID;";

/* v9: the home screen's count of unsent inspections (sync.c
 * UNSENT_INSPECTION) from a covering partial index instead of a scan of
 * every inspection row: its terms are the query's own, and uuid and seal
 * are what the sync_seen lookup needs. */
static const char v9_unsent[] =
	"CREATE INDEX inspection_unsent ON inspection(uuid, seal, status)"
	"  WHERE status <> 'draft' AND seal IS NOT NULL;";

/* v10 (lastvisit): the walk's undo history of a draft, so u after a
 * crash and restart still undoes the last answer: the answer each walk
 * save replaced (verdict NULL: there was none), newest seq last, at most
 * STORE_UNDO_MAX per draft, cleared at finalize. Local only: never synced
 * or sealed (a draft is neither). */
static const char v10_walk_undo[] =
	"CREATE TABLE walk_undo ("
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  seq INTEGER NOT NULL,"
	"  visit_id INTEGER,"
	"  item_id TEXT NOT NULL,"
	"  verdict TEXT,"
	"  earned INTEGER,"
	"  spots INTEGER NOT NULL DEFAULT 0,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (inspection_id, seq)"
	") STRICT, WITHOUT ROWID;";

/* The answer table's indexes and sealed-record triggers, made again by
 * each migration that rebuilds the table (v11, v16). */
#define ANSWER_KEYS \
	"CREATE UNIQUE INDEX answer_market_item ON answer(inspection_id, item_id)" \
	"  WHERE visit_id IS NULL;" \
	"CREATE UNIQUE INDEX answer_visit_item ON answer(visit_id, item_id)" \
	"  WHERE visit_id IS NOT NULL;" \
	"CREATE INDEX answer_inspection ON answer(inspection_id, visit_id);" \
	"CREATE TRIGGER answer_sealed_update BEFORE UPDATE ON answer" \
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'" \
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: answers are read-only'); END;" \
	"CREATE TRIGGER answer_sealed_insert BEFORE INSERT ON answer" \
	"  WHEN (SELECT status FROM inspection WHERE id = NEW.inspection_id) <> 'draft'" \
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: answers are read-only'); END;" \
	"CREATE TRIGGER answer_sealed_delete BEFORE DELETE ON answer" \
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'" \
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: answers are read-only'); END;"

/* v11 (scores): answers may be 'corrected' (a problem corrected on site:
 * scored as a fail, no rectification) or 'partial' (基本符合): SQLite cannot change a CHECK in
 * place, so the table is rebuilt with its indexes and triggers. A record
 * keeps the grade of a template's named band ([band.X]; NULL for the
 * default three bands, which its band column names). The CHECK is a
 * chain of = rather than IN (…): SQLite builds a temporary table for an IN
 * list at every row it checks (a fifth of a demo's and of verify's work). */
static const char v11_scores[] =
	"CREATE TABLE answer_v11 ("
	"  id INTEGER PRIMARY KEY,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  visit_id INTEGER REFERENCES visit(id),"
	"  item_id TEXT NOT NULL,"
	"  verdict TEXT NOT NULL CHECK (verdict = 'pass' OR verdict = 'fail' OR verdict = 'na' OR"
	"    verdict = 'not_observed' OR verdict = 'corrected' OR verdict = 'partial'),"
	"  earned INTEGER,"
	"  possible INTEGER,"
	"  critical INTEGER NOT NULL DEFAULT 0,"
	"  spots INTEGER NOT NULL DEFAULT 0 CHECK (spots >= 0),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  answered_at TEXT NOT NULL"
	") STRICT;"
	"INSERT INTO answer_v11 SELECT id, inspection_id, visit_id, item_id, verdict, earned, possible,"
	"  critical, spots, note, answered_at FROM answer;"
	"DROP TABLE answer;"
	"ALTER TABLE answer_v11 RENAME TO answer;"
	ANSWER_KEYS
	"ALTER TABLE inspection ADD COLUMN grade TEXT;"
	"ALTER TABLE visit ADD COLUMN grade TEXT;";
/* v12 (photos): evidence photos and the market operator's acknowledgement.
 * A photo is stored once, content-addressed by its SHA-256, in
 * <database>.photos/ (photo.c); answer_photo links it to the answer of an
 * inspection (visit NULL: a market-wide item); inspection_ack holds who
 * acknowledged the record at finalize (present 0: the operator was not
 * there). Both are sealed with the inspection (seal.c) and, like answers,
 * read-only once it is final; an answer undone takes its photos along. */
static const char v12_photos[] =
	"CREATE TABLE photo ("
	"  hash TEXT PRIMARY KEY,"
	"  type TEXT NOT NULL CHECK (type IN ('jpeg','png')),"
	"  size INTEGER NOT NULL CHECK (size > 0),"
	"  created_at TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE answer_photo ("
	"  id INTEGER PRIMARY KEY,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  visit_id INTEGER REFERENCES visit(id),"
	"  item_id TEXT NOT NULL,"
	"  hash TEXT NOT NULL REFERENCES photo(hash),"
	"  added_at TEXT NOT NULL"
	") STRICT;"
	"CREATE UNIQUE INDEX answer_photo_key ON answer_photo(inspection_id, coalesce(visit_id, 0),"
	"  item_id, hash);"
	"CREATE TABLE inspection_ack ("
	"  inspection_id INTEGER PRIMARY KEY REFERENCES inspection(id),"
	"  operator TEXT NOT NULL,"
	"  statement TEXT NOT NULL DEFAULT '',"
	"  present INTEGER NOT NULL CHECK (present IN (0, 1)),"
	"  at TEXT NOT NULL"
	") STRICT;"
	"CREATE TRIGGER answer_photo_sealed_update BEFORE UPDATE ON answer_photo"
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'"
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: photos are read-only'); END;"
	"CREATE TRIGGER answer_photo_sealed_delete BEFORE DELETE ON answer_photo"
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'"
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: photos are read-only'); END;"
	"CREATE TRIGGER inspection_ack_sealed_update BEFORE UPDATE ON inspection_ack"
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'"
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: the acknowledgement is read-only'); END;"
	"CREATE TRIGGER inspection_ack_sealed_delete BEFORE DELETE ON inspection_ack"
	"  WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) <> 'draft'"
	"  BEGIN SELECT RAISE(ABORT, 'inspection is final: the acknowledgement is read-only'); END;"
	"CREATE TRIGGER answer_photo_undone AFTER DELETE ON answer"
	"  BEGIN DELETE FROM answer_photo WHERE inspection_id = OLD.inspection_id"
	"  AND coalesce(visit_id, 0) = coalesce(OLD.visit_id, 0) AND item_id = OLD.item_id; END;";

/* v13 (speedwalk): the unsent count (sync.c sync_unsent_inspections) as a
 * counter kept by triggers, so the home screen reads one row however many
 * records the years pile up. inspection.sent says sync_seen holds the
 * record's current seal (the old query's NOT EXISTS, kept on the row by the
 * seal and sync_seen triggers); sync_unsent.n counts the rows that are
 * sealed, not drafts and not sent, each trigger adding what its one row
 * change adds. db_bulk runs with triggers off and refills (schema_unsent_fill). */
#define UNSENT_ROW(r) "(" r ".status <> 'draft' AND " r ".seal IS NOT NULL AND " r ".sent = 0)"
#define SENT_NOW(r) "EXISTS (SELECT 1 FROM sync_seen s WHERE s.kind = 'inspection' AND s.key = " r \
	".uuid AND s.stamp = " r ".seal)"
#define UNSENT_FILL \
	"UPDATE inspection SET sent = " SENT_NOW("inspection") " WHERE sent <> " SENT_NOW("inspection") ";" \
	"UPDATE sync_unsent SET n = (SELECT count(*) FROM inspection i WHERE " UNSENT_ROW("i") ");"
static const char v13_unsent_count[] =
	"DROP INDEX inspection_unsent;"
	"ALTER TABLE inspection ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE sync_unsent (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT;"
	"INSERT INTO sync_unsent VALUES (1, 0);"
	/* sent follows the record's seal and what sync_seen holds for it */
	"CREATE TRIGGER inspection_sent_insert AFTER INSERT ON inspection BEGIN"
	"  UPDATE inspection SET sent = " SENT_NOW("NEW") " WHERE id = NEW.id; END;"
	"CREATE TRIGGER inspection_sent_seal AFTER UPDATE OF uuid, seal ON inspection BEGIN"
	"  UPDATE inspection SET sent = " SENT_NOW("NEW") " WHERE id = NEW.id; END;"
	"CREATE TRIGGER sync_seen_sent_insert AFTER INSERT ON sync_seen WHEN NEW.kind = 'inspection' BEGIN"
	"  UPDATE inspection SET sent = coalesce(seal = NEW.stamp, 0) WHERE uuid = NEW.key; END;"
	"CREATE TRIGGER sync_seen_sent_update AFTER UPDATE ON sync_seen BEGIN"
	"  UPDATE inspection SET sent = 0 WHERE OLD.kind = 'inspection' AND uuid = OLD.key;"
	"  UPDATE inspection SET sent = coalesce(seal = NEW.stamp, 0)"
	"    WHERE NEW.kind = 'inspection' AND uuid = NEW.key; END;"
	"CREATE TRIGGER sync_seen_sent_delete AFTER DELETE ON sync_seen WHEN OLD.kind = 'inspection' BEGIN"
	"  UPDATE inspection SET sent = 0 WHERE uuid = OLD.key; END;"
	/* the counter: what each row change adds (nested changes add up) */
	"CREATE TRIGGER inspection_unsent_insert AFTER INSERT ON inspection WHEN " UNSENT_ROW("NEW") " BEGIN"
	"  UPDATE sync_unsent SET n = n + 1; END;"
	"CREATE TRIGGER inspection_unsent_delete AFTER DELETE ON inspection WHEN " UNSENT_ROW("OLD") " BEGIN"
	"  UPDATE sync_unsent SET n = n - 1; END;"
	"CREATE TRIGGER inspection_unsent_update AFTER UPDATE OF status, seal, sent ON inspection"
	"  WHEN " UNSENT_ROW("NEW") " <> " UNSENT_ROW("OLD") " BEGIN"
	"  UPDATE sync_unsent SET n = n + " UNSENT_ROW("NEW") " - " UNSENT_ROW("OLD") "; END;"
	UNSENT_FILL;

/* What the unsent triggers would have kept while db_bulk had triggers off. */
const char schema_unsent_fill[] = UNSENT_FILL;
#undef UNSENT_FILL
#undef SENT_NOW
#undef UNSENT_ROW

/* v14 (review signatures): each review and rectification event carries
 * the Ed25519 signature of the device that made it over its fields
 * (rowsig.c), so a decision, reason or event changed outside stallcheck
 * no longer verifies. NULL: made before signing. */
static const char v14_review_sig[] =
	"ALTER TABLE review ADD COLUMN sig TEXT;"
	"ALTER TABLE rect_event ADD COLUMN sig TEXT;";

/* v15 (bundlever): the bundle format each peer device last sent (sync.c,
 * docs/sync.md "Bundle formats"), read from every bundle whose signature
 * verified, imported or not, so sync --status can say which device runs a
 * stallcheck too old or too new for this one. And the bundles this device
 * wrote before the update are looked at once more by the next sync: the
 * records of those in a format peers no longer read are sent again. */
static const char v15_peer_format[] =
	"CREATE TABLE sync_peer_format ("
	"  device TEXT PRIMARY KEY,"
	"  format INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"      /* the bundle it was read from */
	"  schema INTEGER,"            /* the writer's schema version, for the record */
	"  at TEXT NOT NULL"
	") STRICT;"
	"INSERT INTO meta(key, value) SELECT 'sync_recheck_upto', CAST(max(seq) AS TEXT) FROM sync_bundle"
	"  WHERE dir = 'out' AND device = (SELECT value FROM meta WHERE key = 'device_id')"
	"  HAVING max(seq) IS NOT NULL;";

/* v16 (grades): an item's points may have decimals (points = 2.5), so an
 * answer's earned and possible are ANY: whole points stay integers (db.c
 * binds them so), and every seal made before reads the same bytes. The
 * table is rebuilt as in v11, with its indexes and triggers and v12's
 * answer_photo_undone. */
static const char v16_grades[] =
	"CREATE TABLE answer_v16 ("
	"  id INTEGER PRIMARY KEY,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  visit_id INTEGER REFERENCES visit(id),"
	"  item_id TEXT NOT NULL,"
	"  verdict TEXT NOT NULL CHECK (verdict = 'pass' OR verdict = 'fail' OR verdict = 'na' OR"
	"    verdict = 'not_observed' OR verdict = 'corrected' OR verdict = 'partial'),"
	"  earned ANY CHECK (typeof(earned) = 'integer' OR typeof(earned) = 'real' OR earned IS NULL),"
	"  possible ANY CHECK (typeof(possible) = 'integer' OR typeof(possible) = 'real' OR possible IS NULL),"
	"  critical INTEGER NOT NULL DEFAULT 0,"
	"  spots INTEGER NOT NULL DEFAULT 0 CHECK (spots >= 0),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  answered_at TEXT NOT NULL"
	") STRICT;"
	"INSERT INTO answer_v16 SELECT id, inspection_id, visit_id, item_id, verdict, earned, possible,"
	"  critical, spots, note, answered_at FROM answer;"
	"DROP TABLE answer;"
	"ALTER TABLE answer_v16 RENAME TO answer;"
	ANSWER_KEYS
	"CREATE TRIGGER answer_photo_undone AFTER DELETE ON answer"
	"  BEGIN DELETE FROM answer_photo WHERE inspection_id = OLD.inspection_id"
	"  AND coalesce(visit_id, 0) = coalesce(OLD.visit_id, 0) AND item_id = OLD.item_id; END;";
#undef ANSWER_KEYS

/* v17 (speed): records found by their seal. verify's chain checks (each
 * link's record, each signed head's record: seal.c) and sync's look a seal
 * up per record; without an index each lookup scanned every inspection,
 * quadratic in their number (30 x 365: 9,000 scans of the table, 5.3
 * million page reads with the 2 MB cache). */
static const char v17_seal_index[] =
	"CREATE INDEX IF NOT EXISTS inspection_seal ON inspection(seal) WHERE seal IS NOT NULL;";

const char *const schema_migrations[] = {
	v1,
	v2_summary,
	v3_sync,
	v4_rectify,
	v5_rect_market,
	v6_visit_stall,
	v7_owner,
	v8_seal_head,
	v9_unsent,
	v10_walk_undo,
	v11_scores,
	v12_photos,
	v13_unsent_count,
	v14_review_sig,
	v15_peer_format,
	v16_grades,
	v17_seal_index,
};

const int schema_migration_count = (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
