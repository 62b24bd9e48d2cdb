/* draw: the one way text reaches the screen: cut by display columns
 * (core/utf8.h), never splitting a double-width character, padded to the
 * field width. */
#ifndef SC_TUI_DRAW_H
#define SC_TUI_DRAW_H

#include <stddef.h>

/* Draw s at (y, x) in exactly `cols` columns (cut with "~" or padded) with
 * the attributes of role; a line break shows as U+21B5. Returns the columns
 * of text drawn. */
int draw_text(int y, int x, int cols, int role, const char *s);
/* The same with a printf format. */
int draw_textf(int y, int x, int cols, int role, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A box of h x w at (y, x), blank inside, in role. */
void draw_box(int y, int x, int h, int w, int role);
/* Pad or cut s to exactly cols columns into out (for table columns). */
void draw_cell(char *out, size_t outsz, const char *s, int cols);

/* Split text into at most max lines of cols display columns (never inside
 * a character). With keep_end the last line holds the text's end, where a
 * question is, when it does not all fit. Returns the number of lines. */
#define DRAW_WRAP_LINE 1024
int draw_wrap(const char *text, int cols, char (*lines)[DRAW_WRAP_LINE], int max, int keep_end);

#endif
