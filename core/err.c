/* err: status codes and messages. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

int sc_fail(struct sc_err *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->msg, sizeof err->msg, sc_tr(fmt), ap);
		va_end(ap);
	}
	return code;
}

void sc_err_prefix(struct sc_err *err, const char *fmt, ...)
{
	char head[256], old[sizeof err->msg];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, sc_tr(fmt), ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	snprintf(err->msg, sizeof err->msg, sc_tr("%s: %s"), head, old);
}
