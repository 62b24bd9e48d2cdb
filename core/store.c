/* store: placeholder, being written. */
#include "store.h"
