/* uuid: time-ordered random (version 7) UUIDs as 36-character strings,
 * and version 8 ones that name the device that made them. */
#ifndef SC_UUID_H
#define SC_UUID_H

#include <stdint.h>

#define UUID_STR 37

/* Fill out (UUID_STR bytes) with a new random UUID. Returns 0, -1 if the
 * system has no randomness to give. */
int uuid_new(char out[UUID_STR]);

/* A version-8 UUID laid out as uuid_new's (time first) whose last 8 hex
 * digits are those of device (a device id): a record made with it names
 * the device that made it, so no other device can pass it off as its own
 * (sync.c). Returns 0, -1 as uuid_new. */
int uuid_new_owned(const char *device, char out[UUID_STR]);

/* Format 16 bytes as a version-7 UUID (bytes are adjusted for version and
 * variant), for deterministic generators. */
void uuid_from_bytes(const uint8_t b[16], char out[UUID_STR]);

/* Make uuid_new deterministic from seed (for the demo generator and
 * tests); seed 0 returns to system randomness. */
void uuid_seed(uint64_t seed);

/* Is s a well-formed UUID string? */
int uuid_valid(const char *s);

#endif
