/* fuzz_one: one input through each parser that reads outside data. Shared
 * by the libFuzzer targets (fuzz/fuzz_<name>.c, built by scripts/fuzz.sh)
 * and by tests/test_regress_fuzz.c, which replays the committed seeds and
 * every input that ever crashed (fuzz/regress/<name>/) in `make test`.
 * Header-only (static inline) so both build it without a library change.
 * Each returns 0; a bug shows as a sanitizer report or a crash. */
#ifndef SC_FUZZ_ONE_H
#define SC_FUZZ_ONE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/settings.h"
#include "config/template.h"
#include "core/checklist.h"

/* A scratch file of this process, removed at exit. Static path. */
static inline const char *fuzz_scratch(const char *suffix)
{
	static char path[8][256];
	static int n;
	for (int i = 0; i < n; i++)
		if (strstr(path[i], suffix))
			return path[i];
	if (n == 8)
		return NULL;
	snprintf(path[n], sizeof path[n], "%s/stallcheck-fuzz-%ld%s",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), suffix);
	return path[n++];
}

static inline void fuzz_scratch_remove(void)
{
	const char *names[] = { ".ini" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(fuzz_scratch(names[i]));
}

/* settings: the bytes as stallcheck.ini, through settings_load. */
static inline int fuzz_settings_one(const uint8_t *data, size_t size)
{
	static int registered;
	struct settings s;
	struct sc_err err;
	const char *path = fuzz_scratch(".ini");
	FILE *f = fopen(path, "wb");

	if (!registered) {
		atexit(fuzz_scratch_remove);
		registered = 1;
	}
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	settings_load(&s, path, &err);
	return 0;
}

/* template: the bytes as a checklist template, through template_load_text
 * (text up to the first NUL, as a file read into memory would be). */
static inline int fuzz_template_one(const uint8_t *data, size_t size)
{
	struct cfg_report rep = { 0 };
	struct checklist cl;
	struct sc_err err;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&cl, 0, sizeof cl);
	if (template_load_text(text, "fuzz.ini", &cl, &rep, &err) == 0)
		checklist_clear(&cl);
	cfg_report_free(&rep);
	free(text);
	return 0;
}

#endif
