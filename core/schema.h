/* schema: the ordered list of migrations. Migration i (1-based) brings
 * user_version from i-1 to i; each runs in one transaction. */
#ifndef SC_SCHEMA_H
#define SC_SCHEMA_H

extern const char *const schema_migrations[];
extern const int schema_migration_count;

/* Binds the makers of records written with triggers off (db_bulk) in
 * uuid_owner, as the v7 triggers bind them at insert. */
extern const char schema_owner_fill[];
/* Sets inspection.sent and the unsent counter (v10) after such a fill. */
extern const char schema_unsent_fill[];

#endif
