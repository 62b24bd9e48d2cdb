/* pinyin: Han characters to toneless pinyin through ICU (see pinyin.h). */
#include "pinyin.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "icu.h"

struct pinyin {
	const struct icu *icu;
	UTransliterator *t;
};

int pinyin_open(struct pinyin **p, struct sc_err *err)
{
	static const UChar id[] = u"Han-Latin; Latin-ASCII";
	UErrorCode st = U_ZERO_ERROR;
	const struct icu *I = icu_get(err);
	if (!I)
		return err->code;
	*p = calloc(1, sizeof **p);
	if (!*p)
		return sc_fail(err, SC_ERR_NOMEM, "out of memory");
	(*p)->icu = I;
	(*p)->t = I->utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		free(*p);
		*p = NULL;
		return sc_fail(err, SC_ERR_IO, "pinyin: ICU transliterator: %s", I->u_errorName(st));
	}
	return SC_OK;
}

void pinyin_close(struct pinyin *p)
{
	if (p)
		p->icu->utrans_close(p->t);
	free(p);
}

/* A name is short; a syllable is at most 6 letters and a space. */
#define PINYIN_IN 256
#define PINYIN_GROW 8

void pinyin_words(struct pinyin *p, const char *s, char *out, size_t outsz)
{
	UChar u[PINYIN_IN * PINYIN_GROW];
	char latin[sizeof u * 2];
	int32_t len = 0, limit, cap = PINYIN_IN;
	UErrorCode st = U_ZERO_ERROR;
	size_t o = 0;

	if (outsz)
		out[0] = 0;
	p->icu->u_strFromUTF8Lenient(u, cap - 1, &len, s, -1, &st);
	if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR)
		return;
	if (len > cap - 1)
		len = cap - 1; /* a longer name: its start */
	st = U_ZERO_ERROR;
	limit = len;
	p->icu->utrans_transUChars(p->t, u, &len, (int32_t)(sizeof u / sizeof u[0]), 0, &limit, &st);
	if (U_FAILURE(st))
		return;
	st = U_ZERO_ERROR;
	p->icu->u_strToUTF8(latin, (int32_t)sizeof latin, NULL, u, len, &st);
	if (U_FAILURE(st))
		return;
	/* words: runs of ASCII letters and digits, lower case */
	for (const char *c = latin; *c && o + 2 < outsz; c++) {
		if (isalnum((unsigned char)*c)) {
			out[o++] = (char)tolower((unsigned char)*c);
		} else if (o && out[o - 1] != ' ') {
			out[o++] = ' ';
		}
	}
	while (o && out[o - 1] == ' ')
		o--;
	if (outsz)
		out[o] = 0;
}

#define MATCH_WORDS 64
#define MATCH_Q 64

int pinyin_match(const char *words, const char *q)
{
	char qq[MATCH_Q];
	const char *w[MATCH_WORDS];
	int wl[MATCH_WORDS], n = 0, m = 0;
	/* ok[i][j]: the query from j on is matched by words from i on */
	unsigned char ok[MATCH_WORDS + 1][MATCH_Q];

	for (; *q && m + 1 < MATCH_Q; q++)
		if (isalnum((unsigned char)*q))
			qq[m++] = (char)tolower((unsigned char)*q);
	if (m == 0)
		return 1;
	for (const char *c = words; *c && n < MATCH_WORDS;) {
		c += strspn(c, " ");
		size_t k = strcspn(c, " ");
		if (!k)
			break;
		w[n] = c;
		wl[n++] = (int)k;
		c += k;
	}
	for (int i = n; i >= 0; i--)
		for (int j = m; j >= 0; j--) {
			int r = j == m;
			for (int k = 1; !r && i < n && k <= wl[i] && j + k <= m && w[i][k - 1] == qq[j + k - 1];
			     k++)
				r = ok[i + 1][j + k];
			ok[i][j] = (unsigned char)r;
		}
	for (int i = 0; i < n; i++)
		if (ok[i][0])
			return 1;
	return 0;
}
