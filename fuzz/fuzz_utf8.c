/* fuzz_utf8: libFuzzer target, fuzz_utf8_one of fuzz/fuzz_one.h. */
#include "fuzz/fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_utf8_one(data, size);
}
