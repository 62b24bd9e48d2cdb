#ifndef SC_GROW_H
#define SC_GROW_H
#include <stddef.h>

/* Make room for element n of the array *pp (cap elements of sz bytes):
 * doubles it (first: the first capacity), the new part zeroed. 0, or -1
 * when out of memory (the array is left as it was). */
int grow_array(void *pp, int *cap, int n, size_t sz, int first);

#endif
