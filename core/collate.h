/* collate: Chinese text in the order a reader looks for it - by pinyin,
 * through ICU's "zh" collation (Latin letters and digits sort as ICU puts
 * them: before Han). One collator for the process, opened on first use;
 * without one (no ICU data for "zh") the order is byte order. */
#ifndef SC_COLLATE_H
#define SC_COLLATE_H

/* <0, 0, >0 as strcmp; ties of the collation fall back to byte order so
 * the order is total and the same on every run. */
int collate_cmp(const char *a, const char *b);

#endif
