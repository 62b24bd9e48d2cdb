/* icu: the ICU functions stallcheck uses (collation for pinyin order,
 * Han-Latin transliteration for the stall finder), opened when first
 * needed rather than linked (see icu.c). */
#ifndef SC_ICU_H
#define SC_ICU_H

#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "err.h"

/* The names are ICU's own; its headers rename them to the versioned
 * symbols (ucol_open is ucol_open_72), here as in the library. */
struct icu {
	UCollator *(*ucol_open)(const char *loc, UErrorCode *status);
	void (*ucol_close)(UCollator *coll);
	UCollationResult (*ucol_strcollUTF8)(const UCollator *coll, const char *source, int32_t sourceLength,
					     const char *target, int32_t targetLength, UErrorCode *status);
	UTransliterator *(*utrans_openU)(const UChar *id, int32_t idLength, UTransDirection dir,
					 const UChar *rules, int32_t rulesLength, UParseError *parseError,
					 UErrorCode *status);
	void (*utrans_close)(UTransliterator *trans);
	void (*utrans_transUChars)(const UTransliterator *trans, UChar *text, int32_t *textLength,
				   int32_t textCapacity, int32_t start, int32_t *limit, UErrorCode *status);
	UChar *(*u_strFromUTF8Lenient)(UChar *dest, int32_t destCapacity, int32_t *pDestLength,
				       const char *src, int32_t srcLength, UErrorCode *pErrorCode);
	char *(*u_strToUTF8)(char *dest, int32_t destCapacity, int32_t *pDestLength, const UChar *src,
			     int32_t srcLength, UErrorCode *pErrorCode);
	const char *(*u_errorName)(UErrorCode code);
};

/* ICU's functions, loaded on the first call; NULL (err says why) when the
 * library the program was built against cannot be opened. */
const struct icu *icu_get(struct sc_err *err);

#endif
