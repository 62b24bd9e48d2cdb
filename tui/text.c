/* text: the interface strings (table in text.h), looked up in the catalogue. */
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/checklist.h"
#include "core/i18n.h"
#include "core/store.h"

static const struct text_msg table[T_COUNT] = {
#define TX_ROW(id, m) [id] = TEXT_MSG_##m,
	TEXT_TABLE(TX_ROW)
#undef TX_ROW
};

const char *tx(int id)
{
	if (id < 0 || id >= T_COUNT)
		return "?";
	return sc_trc(table[id].ctx, table[id].msgid);
}

char *txf(char *out, size_t outsz, int id, ...)
{
	va_list ap;
	va_start(ap, id);
	vsnprintf(out, outsz, tx(id), ap);
	va_end(ap);
	return out;
}

const char *text_status(const char *st)
{
	return status_label(st, i18n_lang());
}

const char *text_answer(const struct checklist *cl, int v)
{
	const char *l = checklist_answer_label(cl, v, i18n_lang());
	return l ? l : text_verdict(v);
}

const char *text_verdict(int v)
{
	switch (v) {
	case 1: return tx(T_V_PASS);
	case 2: return tx(T_V_FAIL);
	case 3: return tx(T_V_NA);
	case 4: return tx(T_V_NO);
	case 5: return tx(T_V_CORRECTED);
	case 6: return tx(T_V_PARTIAL);
	default: return tx(T_V_NONE);
	}
}
