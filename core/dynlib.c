/* dynlib: see dynlib.h */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

#include "i18n.h"

int dynlib_open(const char *lib, const struct dynlib_sym *syms, int n, char *why, size_t whysz)
{
	void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(why, whysz, "%s", dlerror());
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (!(*syms[i].slot = dlsym(h, syms[i].name))) {
			snprintf(why, whysz, _("%s lacks a function stallcheck uses"), lib);
			return -1;
		}
	return 0;
}
