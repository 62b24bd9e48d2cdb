/* utf8: our own decoder plus wcwidth(). When the C library cannot tell
 * (a non-UTF-8 locale makes wcwidth return -1), a small table of East
 * Asian wide ranges decides, so widths never depend on the locale. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int len;

	if (n == 0 || !s[0]) {
		*cp = 0;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, c &= 0x07;
	else
		goto bad;
	if ((size_t)len > n)
		goto bad;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong, surrogate and out-of-range forms */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return -1;
}

int utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		if ((unsigned char)s[i] - 1u < 0x7fu) { /* ASCII but NUL: a template is mostly that */
			i++;
			continue;
		}
		int l = utf8_decode(s + i, n - i, &cp);
		if (l < 0 || (l == 0 && i < n)) {
			if (l == 0 && s[i] == '\0') { /* embedded NUL */
				if (bad)
					*bad = i;
				return 0;
			}
			if (bad)
				*bad = i;
			return 0;
		}
		i += (size_t)l;
	}
	return 1;
}

/* The one test for what no reader should get raw: C0 controls but those in
 * keep, DEL, C1 controls (U+0080-U+009F) and the noncharacters U+FFFE/F. */
int utf8_is_control(uint32_t cp, const char *keep)
{
	if (cp < 0x20)
		return !(cp && keep && strchr(keep, (int)cp));
	return cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF;
}

int utf8_has_control(const char *s, const char *allow)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		int l = utf8_decode(s + i, n - i, &cp);
		if (l <= 0 || utf8_is_control(cp, allow))
			return 1;
		i += (size_t)l;
	}
	return 0;
}

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* The filter for one code point at s (n bytes left, n > 0): sets *take to
 * the bytes it spans in s and returns what is shown for it, its own bytes
 * or U+FFFD (*shown bytes long); *cp is the code point (U+FFFD for a bad
 * byte). */
static const char *filter_one(const char *s, size_t n, const char *keep, size_t *take, size_t *shown,
			      uint32_t *cp)
{
	int l = utf8_decode(s, n, cp);
	*take = l > 0 ? (size_t)l : 1;
	if (l <= 0 || utf8_is_control(*cp, keep)) {
		*cp = 0xFFFD;
		*shown = 3;
		return REPLACEMENT;
	}
	*shown = *take;
	return s;
}

char *utf8_clean(const char *s, const char *keep, char *out, size_t outsz)
{
	size_t n = s ? strlen(s) : 0, i = 0, o = 0;
	if (outsz == 0)
		return out;
	/* fast path: printable ASCII copies as it is */
	while (i < n && i + 1 < outsz && s[i] >= 0x20 && s[i] < 0x7F)
		i++;
	memcpy(out, s, i);
	o = i;
	while (i < n) {
		size_t take, shown;
		uint32_t cp;
		const char *p = filter_one(s + i, n - i, keep, &take, &shown, &cp);
		if (o + shown >= outsz)
			break;
		memcpy(out + o, p, shown);
		o += shown;
		i += take;
	}
	out[o] = '\0';
	return out;
}

char *utf8_clean_dup(const char *s, const char *keep)
{
	size_t n = (s ? strlen(s) : 0) * 3 + 1; /* every byte may become U+FFFD */
	char *p = malloc(n);
	return p ? utf8_clean(s ? s : "", keep, p, n) : NULL;
}

/* In a one-line cell: the filter, then tab and newline as a space. */
static const char *cell_one(const char *s, size_t n, size_t *take, size_t *shown, int *cols)
{
	uint32_t cp;
	const char *p = filter_one(s, n, "\t\n", take, shown, &cp);
	if (cp == '\t' || cp == '\n') {
		*shown = 1;
		*cols = 1;
		return " ";
	}
	*cols = cp == 0xFFFD ? 1 : utf8_cp_width(cp);
	return p;
}

struct range { uint32_t lo, hi; };

static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
	{ 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static const struct range zero[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
	{ 0x064B, 0x065F }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F },
	{ 0x20D0, 0x20FF }, { 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
};

static int in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int utf8_cp_width(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w > 2 ? 2 : w;
	if (in_table(cp, zero, sizeof zero / sizeof zero[0]))
		return 0;
	return in_table(cp, wide, sizeof wide / sizeof wide[0]) ? 2 : 1;
}

int utf8_width(const char *s)
{
	size_t n = strlen(s), i = 0, take, shown;
	int cols = 0, w;
	while (i < n) {
		if (s[i] >= 0x20 && s[i] < 0x7F) { /* printable ASCII: one column, no decoding */
			cols++;
			i++;
			continue;
		}
		cell_one(s + i, n - i, &take, &shown, &w);
		cols += w;
		i += take;
	}
	return cols;
}

size_t utf8_prefix_bytes(const char *s, int cols)
{
	size_t n = strlen(s), i = 0, take, shown;
	int used = 0, w;
	while (i < n) {
		cell_one(s + i, n - i, &take, &shown, &w);
		if (used + w > cols)
			break;
		used += w;
		i += take;
	}
	return i;
}

int utf8_fit(const char *s, int cols, int ellipsis, char *out, size_t outsz)
{
	size_t n = strlen(s), i = 0, o = 0, take, shown;
	int used = 0, w;

	if (outsz == 0)
		return 0;
	if (cols < 0)
		cols = 0;
	int room = utf8_width(s) <= cols || !ellipsis || cols == 0 ? cols : cols - 1;
	while (i < n) {
		/* what reaches a screen went through the filter */
		const char *p = cell_one(s + i, n - i, &take, &shown, &w);
		if (used + w > room || o + shown >= outsz)
			break;
		memcpy(out + o, p, shown);
		o += shown;
		used += w;
		i += take;
	}
	out[o] = '\0';
	if (ellipsis && i < n && used < cols && o + 1 < outsz) {
		out[o++] = '~';
		out[o] = '\0';
		used++;
	}
	return used;
}

size_t utf8_prev(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	size_t i = at - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && at - i < 4)
		i--;
	return i;
}

size_t utf8_copy(char *dst, size_t size, const char *src)
{
	if (size == 0)
		return 0;
	size_t n = src ? strlen(src) : 0;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

size_t utf8_chars(const char *s)
{
	size_t k = 0;
	for (; *s; s++)
		k += ((unsigned char)*s & 0xC0) != 0x80;
	return k;
}

/* Append cp to buf; -1 (nothing added) when it does not fit. */
int utf8_put(char *buf, size_t sz, uint32_t cp)
{
	char e[5];
	int n;
	if (cp < 0x80) { e[0] = (char)cp; n = 1; }
	else if (cp < 0x800) { e[0] = (char)(0xC0 | (cp >> 6)); e[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
	else if (cp < 0x10000) { e[0] = (char)(0xE0 | (cp >> 12)); e[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		e[2] = (char)(0x80 | (cp & 0x3F)); n = 3; }
	else { e[0] = (char)(0xF0 | (cp >> 18)); e[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		e[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); e[3] = (char)(0x80 | (cp & 0x3F)); n = 4; }
	size_t len = strlen(buf);
	if (len + (size_t)n + 1 > sz)
		return -1;
	memcpy(buf + len, e, (size_t)n);
	buf[len + (size_t)n] = 0;
	return 0;
}
