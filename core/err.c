/* err: status codes and messages. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[SC_ERR_COUNT] = {
	[SC_OK] = "ok",
	[SC_ERR_DB] = "database error",
	[SC_ERR_IO] = "file error",
	[SC_ERR_INVALID] = "invalid input",
	[SC_ERR_NOTFOUND] = "not found",
	[SC_ERR_CONFLICT] = "conflict",
	[SC_ERR_NEWER] = "written by a newer version",
	[SC_ERR_STATE] = "not allowed in this state",
	[SC_ERR_NOMEM] = "out of memory",
	[SC_ERR_FULL] = "disk full",
	[SC_ERR_READONLY] = "read-only database",
	[SC_ERR_BUSY] = "database busy",
};

int sc_fail(struct sc_err *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
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
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	snprintf(err->msg, sizeof err->msg, "%s: %s", head, old);
}

void sc_err_clear(struct sc_err *err)
{
	if (err) {
		err->code = SC_OK;
		err->msg[0] = '\0';
	}
}

const char *sc_status_name(int code)
{
	if (code < 0 || code >= SC_ERR_COUNT || !status_names[code])
		return "unknown error";
	return status_names[code];
}
