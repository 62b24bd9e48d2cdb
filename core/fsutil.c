/* fsutil: directories and atomic file writes. */
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

int fs_mkdirs(const char *dir, struct sc_err *err)
{
	char buf[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof buf)
		return sc_fail(err, SC_ERR_INVALID, "bad directory name '%s'", dir);
	memcpy(buf, dir, n + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, 0700) < 0 && errno != EEXIST)
				return sc_fail(err, errno == ENOSPC ? SC_ERR_FULL : SC_ERR_IO,
					       "cannot create directory %s: %s", buf, strerror(errno));
			*p = c;
			if (!c)
				break;
		}
	}
	return SC_OK;
}

int fs_mkparents(const char *path, struct sc_err *err)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	char *d = dirname(buf);
	if (strcmp(d, ".") == 0 || strcmp(d, "/") == 0)
		return SC_OK;
	return fs_mkdirs(d, err);
}

int fs_write_atomic(const char *path, const void *data, size_t len, int overwrite,
		    int mode, struct sc_err *err)
{
	char tmp[4096];
	if (!overwrite && fs_exists(path))
		return sc_fail(err, SC_ERR_CONFLICT, "%s already exists (use --force to replace it)", path);
	snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path);
	return fs_write_atomic_via(path, tmp, data, len, mode, err);
}

int fs_write_atomic_via(const char *path, const char *tmpl, const void *data, size_t len,
			int mode, struct sc_err *err)
{
	char tmp[4096], dirbuf[4096];
	int fd, e;
	size_t off = 0;

	snprintf(tmp, sizeof tmp, "%s", tmpl);
	fd = mkstemp(tmp);
	if (fd < 0) /* the file asked for, not the temporary name, means something to the user */
		return sc_fail(err, errno == ENOSPC ? SC_ERR_FULL : SC_ERR_IO,
			       "cannot write %s: %s", path, strerror(errno));
	(void)fchmod(fd, (mode_t)mode);
	while (off < len) {
		ssize_t w = write(fd, (const char *)data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	snprintf(dirbuf, sizeof dirbuf, "%s", path);
	int dfd = open(dirname(dirbuf), O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	return SC_OK;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return sc_fail(err, e == ENOSPC ? SC_ERR_FULL : SC_ERR_IO, "cannot write %s: %s", path,
		       strerror(e));
}

char *fs_read_small(const char *path, size_t *len, struct sc_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		sc_fail(err, SC_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 8192, n = 0;
	char *buf = malloc(cap);
	while (buf && n <= FS_SMALL_MAX) { /* /dev/zero or a stray file: stop */
		if (n + 1 >= cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (!buf) {
		sc_fail(err, SC_ERR_NOMEM, "%s: out of memory", path);
		return NULL;
	}
	if (bad || n > FS_SMALL_MAX) {
		free(buf);
		if (bad)
			sc_fail(err, SC_ERR_IO, "%s: read error", path);
		else
			sc_fail(err, SC_ERR_INVALID, "%s: more than %d KiB: not a settings file or"
				" checklist template", path, FS_SMALL_MAX / 1024);
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}
