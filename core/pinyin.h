/* pinyin: how Chinese names sound, for finding them by typing Latin
 * letters: full toneless pinyin (zhangsan, zhang) or the initials of the
 * syllables (zs finds 张三). The syllables come from ICU's "Han-Latin;
 * Latin-ASCII" transliterator (the Unihan readings ICU ships), opened once
 * per list of names; matching a query is plain C, cheap per keystroke. */
#ifndef SC_PINYIN_H
#define SC_PINYIN_H

#include <stddef.h>

#include "err.h"

struct pinyin;

/* Open the transliterator (tens of milliseconds: once per list). */
int pinyin_open(struct pinyin **p, struct sc_err *err);
void pinyin_close(struct pinyin *p);

/* The words of s as lower-case ASCII, one space between them: a Han
 * character is one syllable ("张三水产" gives "zhang san shui chan"), runs
 * of letters and digits stay words ("A-01" gives "a 01"). Cut at outsz. */
void pinyin_words(struct pinyin *p, const char *s, char *out, size_t outsz);

/* Does query q match words (from pinyin_words)? Its letters and digits
 * (any case; other characters ignored) must be consumed by consecutive
 * words from any one on, each giving a non-empty prefix of itself: "zs",
 * "zhangs", "zhangsan", "san" and "sc" (水产) all match "zhang san shui chan".
 * An empty query matches. */
int pinyin_match(const char *words, const char *q);

#endif
