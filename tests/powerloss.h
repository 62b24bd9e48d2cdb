/* powerloss: a SQLite VFS for tests that models a power cut. It wraps the
 * default (unix) VFS: writes go through to the files, and for every write or
 * truncation not yet followed by an xSync of that file it keeps the bytes it
 * replaced. At the chosen crash point (the Nth write, sync or truncate of
 * the process) it "loses power": it puts back what every unsynced write
 * replaced and cuts each file to its last synced size, then ends the process
 * with _exit (no close, no checkpoint). With torn set, a random subset of the
 * unsynced 512-byte sectors (and file sizes) survive instead, as SQLite's own
 * crash tests do. xSync never reaches the disk (the model decides what was
 * durable, the page cache keeps the rest for the checker), which keeps
 * hundreds of crashes fast. Never linked into the program: tests only. */
#ifndef SC_TEST_POWERLOSS_H
#define SC_TEST_POWERLOSS_H

#include <stdint.h>

#define POWERLOSS_EXIT 77 /* the exit status of a process that lost power */

/* Register the VFS as the default for this process, to crash before the
 * write/sync/truncate number `at` (1-based). seed picks the surviving
 * sectors when torn. Call in a child process before it opens a database. */
int powerloss_install(long at, int torn, uint64_t seed);

/* Writes, syncs and truncations seen so far (the clock of crash points). */
long powerloss_ops(void);

#endif
