/* powerloss: the power-cut VFS of the crash test (see powerloss.h). */
#include "powerloss.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PL_SECTOR 512

/* Every named file the process opened, open or closed (an unsynced write
 * stays unsynced after xClose), with its undo log: for each unsynced write
 * or truncation, the bytes it replaced followed by a pl_rec, appended in
 * order and read backwards at the crash. One buffer reused after each
 * sync: no allocation per write. */
struct pl_path {
	char *name;
	int id;
	sqlite3_int64 synced_size;
	unsigned char *log;
	size_t used, cap;
	struct pl_path *next;
};

struct pl_rec {
	sqlite3_int64 off, len;
};

struct pl_file {
	sqlite3_file base;
	struct pl_path *path;   /* NULL: a temp file, not modelled */
	sqlite3_file *real;     /* follows this struct */
};

static sqlite3_vfs pl_vfs, *pl_real;
static struct pl_path *pl_paths;
static long pl_ops, pl_at;
static int pl_torn;
static uint64_t pl_seed;

static void pl_forget(struct pl_path *p) { p->used = 0; }

/* Does this sector (or, for sector -1, the file size) of file id survive? */
static int pl_survives(int id, sqlite3_int64 sector)
{
	uint64_t h = pl_seed ^ ((uint64_t)id << 48) ^ (uint64_t)(sector + 1) * 0x9E3779B97F4A7C15ull;
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 29;
	return pl_torn && (h & 1);
}

/* The power cut: every file back to its synced state (but the surviving
 * sectors when torn), then the process ends as a killed one would. */
static void pl_crash(void)
{
	for (struct pl_path *p = pl_paths; p; p = p->next) {
		int fd = open(p->name, O_RDWR);
		struct stat sb;
		if (fd < 0)
			continue;
		for (size_t pos = p->used; pos > 0;) {
			struct pl_rec r;
			memcpy(&r, p->log + pos - sizeof r, sizeof r);
			pos -= sizeof r + (size_t)r.len;
			for (sqlite3_int64 at = r.off; at < r.off + r.len;) {
				sqlite3_int64 end = (at / PL_SECTOR + 1) * PL_SECTOR;
				if (end > r.off + r.len)
					end = r.off + r.len;
				if (!pl_survives(p->id, at / PL_SECTOR))
					(void)!pwrite(fd, p->log + pos + (at - r.off), (size_t)(end - at), at);
				at = end;
			}
		}
		if (!(pl_survives(p->id, -1) && fstat(fd, &sb) == 0))
			(void)!ftruncate(fd, p->synced_size);
		close(fd);
	}
	_exit(POWERLOSS_EXIT);
}

static void pl_tick(void)
{
	if (++pl_ops == pl_at)
		pl_crash();
}

/* Keep the len bytes at off that a write or truncation is about to replace. */
static int pl_keep(struct pl_file *f, sqlite3_int64 off, int len)
{
	struct pl_path *p = f->path;
	struct pl_rec r = { off, len };
	size_t need = p->used + (size_t)len + sizeof r;

	if (need > p->cap) {
		size_t cap = p->cap ? p->cap : 65536;
		while (cap < need)
			cap *= 2;
		unsigned char *log = realloc(p->log, cap);
		if (!log)
			return SQLITE_NOMEM;
		p->log = log;
		p->cap = cap;
	}
	int rc = f->real->pMethods->xRead(f->real, p->log + p->used, len, off);
	if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) /* short: zero-filled */
		return rc;
	memcpy(p->log + p->used + len, &r, sizeof r);
	p->used = need;
	return SQLITE_OK;
}

static int pl_close(sqlite3_file *file)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xClose(f->real);
}

static int pl_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xRead(f->real, buf, amt, off);
}

static int pl_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
	struct pl_file *f = (struct pl_file *)file;
	int rc = SQLITE_OK;
	if (f->path) {
		pl_tick();
		rc = pl_keep(f, off, amt);
	}
	return rc ? rc : f->real->pMethods->xWrite(f->real, buf, amt, off);
}

static int pl_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	struct pl_file *f = (struct pl_file *)file;
	sqlite3_int64 cur = 0;
	int rc = SQLITE_OK;
	if (f->path) {
		pl_tick();
		rc = f->real->pMethods->xFileSize(f->real, &cur);
		if (rc == SQLITE_OK && cur > size)
			rc = pl_keep(f, size, (int)(cur - size));
	}
	return rc ? rc : f->real->pMethods->xTruncate(f->real, size);
}

/* Durable from here on: no real fsync, the model keeps the promise. */
static int pl_sync(sqlite3_file *file, int flags)
{
	struct pl_file *f = (struct pl_file *)file;
	(void)flags;
	if (!f->path)
		return SQLITE_OK;
	pl_tick();
	pl_forget(f->path);
	return f->real->pMethods->xFileSize(f->real, &f->path->synced_size);
}

static int pl_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xFileSize(f->real, size);
}

static int pl_lock(sqlite3_file *file, int lock)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xLock(f->real, lock);
}

static int pl_unlock(sqlite3_file *file, int lock)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xUnlock(f->real, lock);
}

static int pl_reserved(sqlite3_file *file, int *out)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int pl_fcntl(sqlite3_file *file, int op, void *arg)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int pl_sector(sqlite3_file *file)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xSectorSize(f->real);
}

static int pl_device(sqlite3_file *file)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xDeviceCharacteristics(f->real);
}

/* The -shm file is rebuilt by the first connection after a crash: passed
 * through, not modelled. */
static int pl_shm_map(sqlite3_file *file, int pg, int pgsz, int extend, void volatile **pp)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xShmMap(f->real, pg, pgsz, extend, pp);
}

static int pl_shm_lock(sqlite3_file *file, int off, int n, int flags)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xShmLock(f->real, off, n, flags);
}

static void pl_shm_barrier(sqlite3_file *file)
{
	struct pl_file *f = (struct pl_file *)file;
	f->real->pMethods->xShmBarrier(f->real);
}

static int pl_shm_unmap(sqlite3_file *file, int del)
{
	struct pl_file *f = (struct pl_file *)file;
	return f->real->pMethods->xShmUnmap(f->real, del);
}

/* Version 2: no xFetch, so SQLite never writes through a memory map. */
static const sqlite3_io_methods pl_methods = {
	2, pl_close, pl_read, pl_write, pl_truncate, pl_sync, pl_file_size, pl_lock, pl_unlock,
	pl_reserved, pl_fcntl, pl_sector, pl_device, pl_shm_map, pl_shm_lock, pl_shm_barrier,
	pl_shm_unmap, NULL, NULL
};

static struct pl_path *pl_path_of(const char *name)
{
	static int ids;
	struct pl_path *p;
	struct stat sb;

	for (p = pl_paths; p; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	if (!(p = calloc(1, sizeof *p)) || !(p->name = strdup(name))) {
		free(p);
		return NULL;
	}
	p->id = ++ids;
	/* what is there before this process wrote is durable */
	p->synced_size = stat(name, &sb) == 0 ? sb.st_size : 0;
	p->next = pl_paths;
	pl_paths = p;
	return p;
}

static int pl_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
	struct pl_file *f = (struct pl_file *)file;
	(void)vfs;
	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)(f + 1);
	if (name && !(f->path = pl_path_of(name)))
		return SQLITE_NOMEM;
	int rc = pl_real->xOpen(pl_real, name, f->real, flags, out);
	f->base.pMethods = f->real->pMethods ? &pl_methods : NULL;
	return rc;
}

/* A deletion is taken as durable at once (directories are not modelled). */
static int pl_delete(sqlite3_vfs *vfs, const char *name, int dirsync)
{
	(void)vfs;
	for (struct pl_path **pp = &pl_paths; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0) {
			struct pl_path *p = *pp;
			*pp = p->next;
			free(p->log);
			free(p->name);
			free(p);
			break;
		}
	return pl_real->xDelete(pl_real, name, dirsync);
}

int powerloss_install(long at, int torn, uint64_t seed)
{
	if (!pl_real && !(pl_real = sqlite3_vfs_find(NULL)))
		return -1;
	pl_vfs = *pl_real; /* the other methods act on the same files */
	pl_vfs.zName = "powerloss";
	pl_vfs.szOsFile = (int)sizeof(struct pl_file) + pl_real->szOsFile;
	pl_vfs.xOpen = pl_open;
	pl_vfs.xDelete = pl_delete;
	pl_at = at;
	pl_torn = torn;
	pl_seed = seed;
	return sqlite3_vfs_register(&pl_vfs, 1) == SQLITE_OK ? 0 : -1;
}

long powerloss_ops(void) { return pl_ops; }
