/* fuzz_clock: libFuzzer target, fuzz_clock_one of fuzz/fuzz_one.h. */
#include "fuzz/fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_clock_one(data, size);
}
