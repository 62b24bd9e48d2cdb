/* err: status codes and error messages shared by every module.
 * Core never prints and never exits: a failing function fills a struct sc_err
 * and returns its code; the caller decides how to show it. */
#ifndef SC_ERR_H
#define SC_ERR_H

enum sc_status {
	SC_OK = 0,
	SC_ERR_DB,        /* SQLite reported an error (message carries SQL) */
	SC_ERR_IO,        /* file system error */
	SC_ERR_INVALID,   /* bad input: the message says what and where */
	SC_ERR_NOTFOUND,
	SC_ERR_CONFLICT,  /* duplicate or clashing record */
	SC_ERR_NEWER,     /* database or bundle written by a newer version */
	SC_ERR_STATE,     /* operation not allowed in the record's state */
	SC_ERR_NOMEM,
	SC_ERR_FULL,      /* disk full */
	SC_ERR_READONLY,  /* database cannot be written */
	SC_ERR_BUSY,      /* locked by another process */
	SC_ERR_CORRUPT,   /* SQLite found a damaged page (SQLITE_CORRUPT, SQLITE_NOTADB) */
	SC_ERR_COUNT
};

struct sc_err {
	int code;
	char msg[1024];
};

/* Fill err (may be NULL) with code and a printf-style message; returns code.
 * fmt is an English msgid of the catalogue (core/i18n.h), translated into
 * the current language before the parameters go in. */
int sc_fail(struct sc_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the existing message with more context ("while saving answer: ..."). */
void sc_err_prefix(struct sc_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
