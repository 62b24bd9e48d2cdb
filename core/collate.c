/* collate: pinyin order through ICU (see collate.h). ICU is loaded when
 * first needed, not linked: linked, its relocations cost every start of
 * the program (--version went from 7.0 M to 11.2 M instructions) for a
 * sort that only exports do. The names are those of the ICU the build
 * saw: its major version is in the library's name and in every symbol's
 * (ucol_open is ucol_open_72). */
#include "collate.h"

#include <dlfcn.h>
#include <string.h>
#include <unicode/ucol.h>

#define COLLATE_STR_(x) #x
#define COLLATE_STR(x) COLLATE_STR_(x)
#define COLLATE_ICU_LIB "libicui18n.so." COLLATE_STR(U_ICU_VERSION_MAJOR_NUM)

static UCollator *coll;
static int tried;
static UCollationResult (*icu_strcoll)(const UCollator *, const char *, int32_t, const char *, int32_t,
				       UErrorCode *);

/* The "zh" collator, or NULL (ICU missing: byte order). The library stays
 * loaded: its caches stay reachable, as a leak checker wants them. */
static UCollator *collator(void)
{
	if (tried)
		return coll;
	tried = 1;
	void *lib = dlopen(COLLATE_ICU_LIB, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return NULL;
	UCollator *(*icu_open)(const char *, UErrorCode *);
	*(void **)&icu_open = dlsym(lib, COLLATE_STR(ucol_open));
	*(void **)&icu_strcoll = dlsym(lib, COLLATE_STR(ucol_strcollUTF8));
	UErrorCode e = U_ZERO_ERROR;
	if (icu_open && icu_strcoll) {
		coll = icu_open("zh", &e);
		if (U_FAILURE(e))
			coll = NULL;
	}
	return coll;
}

int collate_cmp(const char *a, const char *b)
{
	UCollator *c = collator();
	if (c) {
		UErrorCode e = U_ZERO_ERROR;
		UCollationResult r = icu_strcoll(c, a, -1, b, -1, &e);
		if (U_SUCCESS(e) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	return strcmp(a, b);
}
