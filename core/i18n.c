/* i18n: lookup in the catalogues compiled from po/ at build time.
 * Each catalogue is a GNU .mo image embedded as bytes (Makefile: msgfmt, then
 * od + scripts/mo2c.awk); msgfmt sorts the original strings, so a lookup is a
 * binary search. No locale, no file and no allocation at run time. */
#include "i18n.h"

#include <stdint.h>
#include <string.h>

#include "checklist.h"

/* core/i18n_tables.c, generated: the .mo image of each language, NULL/0
 * for the source language. */
extern const unsigned char *const i18n_mo[LANG_COUNT];
extern const unsigned int i18n_mo_len[LANG_COUNT];

static int cur_lang = LANG_EN;

void i18n_set_lang(int lang) { cur_lang = lang == LANG_ZH ? LANG_ZH : LANG_EN; }
int i18n_lang(void) { return cur_lang; }

/* A 32-bit word of the image at byte off, in the image's byte order. */
static uint32_t mo_word(const unsigned char *mo, unsigned len, uint32_t off, int swap)
{
	uint32_t w;
	if (off > len || len - off < 4)
		return 0;
	memcpy(&w, mo + off, 4);
	return swap ? __builtin_bswap32(w) : w;
}

/* The string at table entry i (offset table at tab): NULL when out of the image. */
static const char *mo_str(const unsigned char *mo, unsigned len, uint32_t tab, uint32_t i, int swap)
{
	uint32_t n = mo_word(mo, len, tab + 8 * i, swap), off = mo_word(mo, len, tab + 8 * i + 4, swap);
	if (off >= len || len - off <= n || mo[off + n] != '\0')
		return NULL;
	return (const char *)mo + off;
}

/* strcmp of the key "ctx\004msgid" (msgid alone when ctx is NULL, as
 * msgfmt writes a msgctxt) against s, without building the key. */
static int key_cmp(const char *ctx, const char *msgid, const char *s)
{
	if (ctx) {
		size_t n = strlen(ctx);
		int c = strncmp(ctx, s, n);
		if (c)
			return c;
		s += n;
		if (*s != '\004')
			return (unsigned char)'\004' - (unsigned char)*s;
		s++;
	}
	return strcmp(msgid, s);
}

/* The translation of msgid (in context ctx, or none) in lang, or NULL. A
 * plural entry's key is "one\0many": strcmp sees its singular, as msgfmt
 * sorted it. */
static const char *lookup(int lang, const char *ctx, const char *msgid)
{
	if (!msgid || !*msgid || lang < 0 || lang >= LANG_COUNT || !i18n_mo[lang])
		return NULL;
	const unsigned char *mo = i18n_mo[lang];
	unsigned len = i18n_mo_len[lang];
	uint32_t magic = mo_word(mo, len, 0, 0);
	int swap = magic == 0xde120495u;
	if (!swap && magic != 0x950412deu)
		return NULL;
	uint32_t n = mo_word(mo, len, 8, swap), orig = mo_word(mo, len, 12, swap),
		 trans = mo_word(mo, len, 16, swap);
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *s = mo_str(mo, len, orig, mid, swap);
		if (!s)
			return NULL;
		int c = key_cmp(ctx, msgid, s);
		if (c == 0) {
			const char *t = mo_str(mo, len, trans, mid, swap);
			return t && *t ? t : NULL;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *sc_tr_lang(int lang, const char *msgid)
{
	const char *t = lookup(lang, NULL, msgid);
	return t ? t : msgid;
}

const char *sc_ntr(const char *one, const char *many, long n)
{
	return sc_ntrc_lang(cur_lang, NULL, one, many, n);
}

const char *sc_ntrc_lang(int lang, const char *ctx, const char *one, const char *many, long n)
{
	const char *t = lookup(lang, ctx, one);
	return t ? t : n == 1 ? one : many;
}

const char *sc_tr(const char *msgid)
{
	return sc_tr_lang(cur_lang, msgid);
}

const char *sc_trc_lang(int lang, const char *ctx, const char *msgid)
{
	const char *t = lookup(lang, ctx, msgid);
	return t ? t : msgid;
}

const char *sc_trc(const char *ctx, const char *msgid)
{
	return sc_trc_lang(cur_lang, ctx, msgid);
}
