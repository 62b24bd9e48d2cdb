/* fuzz_sync_merge: libFuzzer target for bundle import into a populated
 * database (see fuzz_sync_one in fuzz/fuzz_one.h). Built only where
 * core/sync.h exists. */
#include "fuzz/fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_HAVE_SYNC
	return fuzz_sync_merge_one(data, size);
#else
	(void)data;
	(void)size;
	return 0;
#endif
}
