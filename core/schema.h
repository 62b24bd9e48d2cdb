/* schema: the ordered list of migrations. Migration i (1-based) brings
 * user_version from i-1 to i; each runs in one transaction. */
#ifndef SC_SCHEMA_H
#define SC_SCHEMA_H

extern const char *const schema_migrations[];
extern const int schema_migration_count;

#endif
