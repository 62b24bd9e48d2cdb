/* fuzz_settings: libFuzzer target for the settings parser (see fuzz/fuzz_one.h). */
#include "fuzz/fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_settings_one(data, size);
}
