/* draw: column-exact text output (see draw.h). */
#include "draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/utf8.h"
#include "curses.h"
#include "theme.h"

#define DRAW_NL "\xe2\x86\xb5" /* U+21B5, one column (not East Asian ambiguous) */

/* s with each line break as DRAW_NL, cut between characters to fit outsz */
static void flat(const char *s, char *out, size_t outsz)
{
	size_t o = 0, n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k <= 0)
			k = 1;
		const char *put = cp == '\n' ? DRAW_NL : s + i;
		size_t len = cp == '\n' ? sizeof DRAW_NL - 1 : (size_t)k;
		if (o + len + 1 > outsz)
			break;
		memcpy(out + o, put, len);
		o += len;
		i += (size_t)k;
	}
	out[o] = 0;
}

int draw_text(int y, int x, int cols, int role, const char *s)
{
	char fl[1024], cut[1024];
	wchar_t w[512];
	int used, n = 0;

	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	flat(s ? s : "", fl, sizeof fl);
	used = utf8_fit(fl, cols, 1, cut, sizeof cut);
	for (size_t i = 0, len = strlen(cut); i < len && n < 511;) {
		uint32_t cp; /* utf8_fit gives valid UTF-8 without control characters */
		int k = utf8_decode(cut + i, len - i, &cp);
		if (k <= 0)
			break;
		w[n++] = (wchar_t)cp;
		i += (size_t)k;
	}
	w[n] = 0;
	attr_t a = (attr_t)theme_attr(role);
	attrset(a);
	mvaddnwstr(y, x, w, n);
	for (int c = used; c < cols; c++)
		addch(' ');
	attrset(A_NORMAL);
	return used;
}

int draw_textf(int y, int x, int cols, int role, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return draw_text(y, x, cols, role, buf);
}

/* Does a double-width character start at (y, x) (and cover x + 1)? The
 * row is walked from its start: the second half of a wide character reads
 * back like the first, so only the walk tells them apart. */
static int wide_starts_at(int y, int x)
{
	for (int c = 0; c <= x && c < COLS;) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t at;
		short pair;
		int cw = 1;
		if (mvin_wch(y, c, &cc) != ERR && getcchar(&cc, wc, &at, &pair, NULL) != ERR && wc[0] &&
		    wcwidth(wc[0]) == 2)
			cw = 2;
		if (c == x)
			return cw == 2;
		c += cw;
	}
	return 0;
}

void draw_box(int y, int x, int h, int w, int role)
{
	for (int r = 0; r < h; r++) {
		/* a border on half of a wide character shifts the row on the
		 * terminal: blank such a character first (left edge, right edge) */
		if (x > 0 && wide_starts_at(y + r, x - 1))
			mvaddch(y + r, x - 1, ' ');
		if (wide_starts_at(y + r, x + w - 1))
			mvaddch(y + r, x + w, ' ');
		char line[512];
		int n = w < 2 ? w : w;
		if (n > (int)sizeof line - 1)
			n = (int)sizeof line - 1;
		memset(line, ' ', (size_t)n);
		if (r == 0 || r == h - 1) {
			memset(line, '-', (size_t)n);
			line[0] = line[n - 1] = '+';
		} else {
			line[0] = line[n - 1] = '|';
		}
		line[n] = 0;
		draw_text(y + r, x, n, role, line);
	}
}

void draw_cell(char *out, size_t outsz, const char *s, int cols)
{
	int used = utf8_fit(s ? s : "", cols, 1, out, outsz);
	size_t len = strlen(out);
	while (used < cols && len + 1 < outsz) {
		out[len++] = ' ';
		used++;
	}
	out[len] = 0;
}

int draw_wrap(const char *text, int cols, char (*lines)[DRAW_WRAP_LINE], int max, int keep_end)
{
	int n = 0;
	if (cols < 1)
		cols = 1;
	for (const char *p = text; p && *p && n < max; n++) {
		if (keep_end && n == max - 1) /* the last row: the text's end */
			while (utf8_width(p) > cols) {
				uint32_t cp;
				int k = utf8_decode(p, strlen(p), &cp);
				p += k > 0 ? k : 1;
			}
		size_t k = utf8_prefix_bytes(p, cols);
		if (k == 0 || k >= DRAW_WRAP_LINE)
			break;
		memcpy(lines[n], p, k);
		lines[n][k] = 0;
		p += k;
	}
	return n;
}
