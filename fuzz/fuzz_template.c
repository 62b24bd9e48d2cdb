/* fuzz_template: libFuzzer target for the template parser (see fuzz/fuzz_one.h). */
#include "fuzz/fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_template_one(data, size);
}
