/* collate: pinyin order through ICU (see collate.h). */
#include "collate.h"

#include <string.h>

#include "icu.h"

static UCollator *coll;
static int tried;
static const struct icu *I;

/* the "zh" collator, opened once; NULL when ICU is missing or has no data for it */
static UCollator *collator(void)
{
	if (!tried) {
		UErrorCode e = U_ZERO_ERROR;
		struct sc_err err;
		tried = 1;
		if (!(I = icu_get(&err)))
			return NULL; /* no ICU: byte order */
		coll = I->ucol_open("zh", &e);
		if (U_FAILURE(e)) {
			I->ucol_close(coll);
			coll = NULL;
		}
	}
	return coll;
}

int collate_cmp(const char *a, const char *b)
{
	UCollator *c = collator();
	if (c) {
		UErrorCode e = U_ZERO_ERROR;
		UCollationResult r = I->ucol_strcollUTF8(c, a, -1, b, -1, &e);
		if (U_SUCCESS(e) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	return strcmp(a, b);
}
