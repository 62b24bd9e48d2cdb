/* clock: the one source of "now", so tests and exports can fix it.
 * Times are stored as UTC "YYYY-MM-DDTHH:MM:SS.mmmZ"; days as local
 * "YYYY-MM-DD". */
#ifndef SC_CLOCK_H
#define SC_CLOCK_H

#include <time.h>

#define CLOCK_TS 48
#define CLOCK_DAY 11

/* Fix the clock at t (seconds since the epoch); t < 0 releases it. */
void clock_fix(time_t t);

/* The fixed time, or -1 when the clock runs: what a caller that fixes the
 * clock for a while (the demo) hands back to clock_fix when done, so the
 * user's STALLCHECK_NOW holds for the whole process. */
time_t clock_fixed(void);

/* Parse "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS][Z]" (local unless Z) or "@SECONDS"
 * into *t. Returns 0 or -1. */
int clock_parse(const char *s, time_t *t);

time_t clock_now(void);

/* Current UTC timestamp with milliseconds. */
void clock_stamp(char out[CLOCK_TS]);

/* A stored UTC stamp (clock_stamp) as local "YYYY-MM-DD HH:MM", for people;
 * "" when it is not a stamp. */
#define CLOCK_LOCAL 17
void clock_local(const char *stamp, char out[CLOCK_LOCAL]);

/* Local date of t, and of now. */
void clock_day(time_t t, char out[CLOCK_DAY]);
void clock_today(char out[CLOCK_DAY]);

/* Add days to a local date "YYYY-MM-DD" (calendar arithmetic, DST safe).
 * Returns 0, or -1 for a malformed date. */
int clock_day_add(const char *day, int days, char out[CLOCK_DAY]);

/* Is "YYYY-MM-DD" a real calendar date? */
int clock_day_valid(const char *day);

/* Whole days from a to b (b - a), both "YYYY-MM-DD". */
int clock_day_diff(const char *a, const char *b);

#endif
