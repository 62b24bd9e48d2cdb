/* icu: ICU loaded when first needed (see icu.h). Linked, its relocations
 * cost every start of the program (--version went from 7.0 M to 11.2 M
 * instructions) for what only an export's sort and the walk's stall
 * finder use. The library is the one the build saw: its major version is
 * in its name and in every symbol's. */
#include "icu.h"

#include <dlfcn.h>
#include <stdio.h>

#include "i18n.h"

#define ICU_STR_(x) #x
#define ICU_STR(x) ICU_STR_(x)
/* libicui18n brings libicuuc and the data with it; dlsym on its handle
 * finds their functions too */
#define ICU_LIB "libicui18n.so." ICU_STR(U_ICU_VERSION_MAJOR_NUM)

const struct icu *icu_get(struct sc_err *err)
{
	static struct icu f;
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	static char why[300];
	if (!state) {
		void *h = dlopen(ICU_LIB, RTLD_NOW | RTLD_LOCAL);
		state = -1;
		if (!h) {
			snprintf(why, sizeof why, "%s", dlerror());
		} else {
			/* the library stays loaded: its caches stay reachable */
#define ICU_LOAD(name) (*(void **)&f.name = dlsym(h, ICU_STR(name))) != NULL
			if (ICU_LOAD(ucol_open) && ICU_LOAD(ucol_close) && ICU_LOAD(ucol_strcollUTF8) &&
			    ICU_LOAD(utrans_openU) && ICU_LOAD(utrans_close) && ICU_LOAD(utrans_transUChars) &&
			    ICU_LOAD(u_strFromUTF8Lenient) && ICU_LOAD(u_strToUTF8) && ICU_LOAD(u_errorName))
				state = 1;
			else
				snprintf(why, sizeof why, _("%s lacks a function stallcheck uses"), ICU_LIB);
#undef ICU_LOAD
		}
	}
	if (state < 0) {
		sc_fail(err, SC_ERR_IO, "ICU (%s) cannot be loaded: %s", ICU_LIB, why);
		return NULL;
	}
	return &f;
}
