/* fuzz_keys: libFuzzer target, fuzz_keys_one of fuzz/fuzz_one.h. */
#include "fuzz/fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_keys_one(data, size);
}
