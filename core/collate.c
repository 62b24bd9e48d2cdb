/* collate: pinyin order through ICU (see collate.h). */
#include "collate.h"

#include <string.h>
#include <unicode/ucol.h>

static UCollator *coll;
static int tried;

/* the "zh" collator, opened once; NULL when ICU has no data for it */
static UCollator *collator(void)
{
	if (!tried) {
		UErrorCode e = U_ZERO_ERROR;
		tried = 1;
		coll = ucol_open("zh", &e);
		if (U_FAILURE(e)) {
			ucol_close(coll);
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
		UCollationResult r = ucol_strcollUTF8(c, a, -1, b, -1, &e);
		if (U_SUCCESS(e) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	return strcmp(a, b);
}
