#include "grow.h"

#include <stdlib.h>
#include <string.h>

int grow_array(void *pp, int *cap, int n, size_t sz, int first)
{
	void **p = pp;
	if (n < *cap)
		return 0;
	int nc = *cap ? *cap * 2 : first;
	void *q = realloc(*p, (size_t)nc * sz);
	if (!q)
		return -1;
	memset((char *)q + (size_t)*cap * sz, 0, (size_t)(nc - *cap) * sz);
	*p = q;
	*cap = nc;
	return 0;
}
