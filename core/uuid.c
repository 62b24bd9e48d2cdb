/* uuid: version 7 UUIDs: the clock's milliseconds, then random bits from
 * getrandom() (or the seeded generator). Time first keeps new rows together
 * in every uuid index, so inserts touch few pages however large the table. */
#include "uuid.h"

#include "clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <sodium.h>

void uuid_from_bytes(const uint8_t in[16], char out[UUID_STR])
{
	uint8_t b[16];
	memcpy(b, in, 16);
	b[6] = (uint8_t)((b[6] & 0x0F) | 0x70);
	b[8] = (uint8_t)((b[8] & 0x3F) | 0x80);
	/* the groups 4-2-2-2-6 bytes (snprintf of 16 bytes cost as much as the
	 * rest of a uuid) */
	static const int cut[] = { 0, 4, 6, 8, 10, 16 };
	char *o = out;
	for (int g = 0; g < 5; g++) {
		size_t n = (size_t)(cut[g + 1] - cut[g]);
		sodium_bin2hex(o, 2 * n + 1, b + cut[g], n);
		o += 2 * n;
		*o++ = g < 4 ? '-' : '\0';
	}
}

static uint64_t seeded; /* splitmix64 state; 0 = use getrandom */

void uuid_seed(uint64_t seed)
{
	seeded = seed;
}

static uint64_t splitmix(void)
{
	uint64_t z = (seeded += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

int uuid_new(char out[UUID_STR])
{
	uint8_t b[16];
	size_t got = 6;
	if (seeded) {
		uint64_t x = splitmix(), y = splitmix();
		memcpy(b, &x, 8);
		memcpy(b + 8, &y, 8);
	} else {
		while (got < sizeof b) {
			ssize_t n = getrandom(b + got, sizeof b - got, 0);
			if (n <= 0)
				return -1;
			got += (size_t)n;
		}
	}
	uint64_t ms = (uint64_t)clock_now() * 1000u;
	for (int i = 0; i < 6; i++)
		b[i] = (uint8_t)(ms >> (40 - 8 * i));
	uuid_from_bytes(b, out);
	return 0;
}

int uuid_new_owned(const char *device, char out[UUID_STR])
{
	if (uuid_new(out) < 0)
		return -1;
	if (uuid_valid(device)) {
		out[14] = '8';
		for (int i = 28; i < 36; i++)
			out[i] = (char)tolower((unsigned char)device[i]);
	}
	return 0;
}

int uuid_valid(const char *s)
{
	if (!s || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}
