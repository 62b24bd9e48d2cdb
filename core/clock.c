/* clock: now, fixed or real; local calendar arithmetic. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static time_t fixed = -1;

static void fmt_day(const struct tm *tm, char out[CLOCK_DAY])
{
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1,
		 tm->tm_mday);
	memcpy(out, tmp, CLOCK_DAY - 1);
	out[CLOCK_DAY - 1] = '\0';
}

void clock_fix(time_t t) { fixed = t; }

/* mktime, without glibc's stat of /etc/localtime at every call when TZ is
 * unset: the zone is that file's, named once (the same zone, read once, as
 * localtime_r already does). */
static time_t local_mktime(struct tm *tm)
{
	static int named;
	if (!named) {
		named = 1;
		if (!getenv("TZ"))
			setenv("TZ", ":/etc/localtime", 0);
	}
	return mktime(tm);
}

time_t clock_fixed(void) { return fixed; }

time_t clock_now(void)
{
	return fixed >= 0 ? fixed : time(NULL);
}

/* n's last width digits at out */
static void put_digits(char *out, int n, int width)
{
	while (width-- > 0) {
		out[width] = (char)('0' + n % 10);
		n /= 10;
	}
}

void clock_stamp(char out[CLOCK_TS])
{
	struct timeval tv = { 0, 0 };
	struct tm tm;
	if (fixed >= 0)
		tv.tv_sec = fixed;
	else
		gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	if (tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) { /* never in practice */
		snprintf(out, CLOCK_TS, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
			 (int)(tv.tv_usec / 1000));
		return;
	}
	/* YYYY-MM-DDTHH:MM:SS.mmmZ by hand: a stamp goes with every row written */
	memcpy(out, "0000-00-00T00:00:00.000Z", 25);
	put_digits(out, tm.tm_year + 1900, 4);
	put_digits(out + 5, tm.tm_mon + 1, 2);
	put_digits(out + 8, tm.tm_mday, 2);
	put_digits(out + 11, tm.tm_hour, 2);
	put_digits(out + 14, tm.tm_min, 2);
	put_digits(out + 17, tm.tm_sec, 2);
	put_digits(out + 20, (int)(tv.tv_usec / 1000), 3);
}

void clock_day(time_t t, char out[CLOCK_DAY])
{
	struct tm tm;
	localtime_r(&t, &tm);
	fmt_day(&tm, out);
}

void clock_today(char out[CLOCK_DAY])
{
	clock_day(clock_now(), out);
}

static int parse_day(const char *s, struct tm *tm)
{
	int y, m, d;
	/* digits exactly where they belong (sscanf alone takes "2026-12- 1"),
	 * so the scan below always reads all ten characters */
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12; /* noon: no DST change moves it to another day */
	tm->tm_isdst = -1;
	/* reject 2026-02-30 and friends */
	struct tm check = *tm;
	if (local_mktime(&check) == (time_t)-1 || check.tm_mday != d || check.tm_mon != m - 1)
		return -1;
	return 0;
}

int clock_day_valid(const char *day)
{
	struct tm tm;
	return day && strlen(day) == 10 && parse_day(day, &tm) == 0;
}

int clock_day_add(const char *day, int days, char out[CLOCK_DAY])
{
	struct tm tm;
	if (parse_day(day, &tm) < 0)
		return -1;
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	if (local_mktime(&tm) == (time_t)-1)
		return -1;
	fmt_day(&tm, out);
	return 0;
}

int clock_day_diff(const char *a, const char *b)
{
	struct tm ta, tb;
	if (parse_day(a, &ta) < 0 || parse_day(b, &tb) < 0)
		return 0;
	/* count in UTC so DST never makes a day 23 or 25 hours */
	time_t x = timegm(&ta), y = timegm(&tb);
	return (int)((y - x) / 86400);
}

int clock_parse(const char *s, time_t *t)
{
	struct tm tm;
	int hh = 0, mm = 0, ss = 0, n = 0;
	long long secs;

	if (!s)
		return -1;
	if (s[0] == '@') {
		if (sscanf(s + 1, "%lld%n", &secs, &n) != 1 || s[1 + n])
			return -1;
		*t = (time_t)secs;
		return 0;
	}
	if (strlen(s) < 10) return -1;
	char day[11];
	memcpy(day, s, 10);
	day[10] = '\0';
	if (parse_day(day, &tm) < 0)
		return -1;
	tm.tm_hour = 0;
	if (s[10] == '\0') {
		tm.tm_isdst = -1;
		*t = local_mktime(&tm);
		return 0;
	}
	if ((s[10] != 'T' && s[10] != ' ') ||
	    sscanf(s + 11, "%2d:%2d%n", &hh, &mm, &n) != 2)
		return -1;
	const char *rest = s + 11 + n;
	if (*rest == ':') {
		int k = 0;
		if (sscanf(rest + 1, "%2d%n", &ss, &k) != 1)
			return -1;
		rest += 1 + k;
		if (*rest == '.')
			for (rest++; *rest >= '0' && *rest <= '9'; rest++)
				;
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return -1;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	if (*rest == 'Z' && rest[1] == '\0') {
		*t = timegm(&tm);
		return 0;
	}
	if (*rest)
		return -1;
	tm.tm_isdst = -1;
	*t = local_mktime(&tm);
	return 0;
}

void clock_local(const char *stamp, char out[CLOCK_LOCAL])
{
	time_t t;
	struct tm tm;
	out[0] = '\0';
	if (!stamp || clock_parse(stamp, &t) < 0 || !localtime_r(&t, &tm))
		return;
	snprintf(out, CLOCK_LOCAL, "%04d-%02d-%02d %02d:%02d", (tm.tm_year + 1900) % 10000,
		 (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100);
}
