/* fuzz_sync_import: libFuzzer target for bundle import (see fuzz/fuzz_one.h).
 * Built only where core/sync.h exists. */
#include "fuzz/fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_HAVE_SYNC
	return fuzz_sync_import_one(data, size);
#else
	(void)data;
	(void)size;
	return 0;
#endif
}
