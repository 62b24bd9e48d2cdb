/* icu: ICU loaded when first needed (see icu.h). Linked, its relocations
 * cost every start of the program (--version went from 7.0 M to 11.2 M
 * instructions) for what only an export's sort and the walk's stall
 * finder use. The library is the one the build saw: its major version is
 * in its name and in every symbol's. */
#include "icu.h"

#include "dynlib.h"

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
		/* the library stays loaded: its caches stay reachable */
#define ICU_SYM(name) { ICU_STR(name), (void **)&f.name }
		static const struct dynlib_sym syms[] = {
			ICU_SYM(ucol_open), ICU_SYM(ucol_close), ICU_SYM(ucol_strcollUTF8),
			ICU_SYM(utrans_openU), ICU_SYM(utrans_close), ICU_SYM(utrans_transUChars),
			ICU_SYM(u_strFromUTF8Lenient), ICU_SYM(u_strToUTF8), ICU_SYM(u_errorName)
		};
#undef ICU_SYM
		state = dynlib_open(ICU_LIB, syms, (int)(sizeof syms / sizeof *syms), why, sizeof why) ? -1 : 1;
	}
	if (state < 0) {
		sc_fail(err, SC_ERR_IO, "ICU (%s) cannot be loaded: %s", ICU_LIB, why);
		return NULL;
	}
	return &f;
}
