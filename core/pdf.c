/* pdf: HTML to PDF through headless Chromium (pdf.h). The page goes into a
 * private temporary directory that also holds Chromium's profile and home,
 * so nothing of the user's is read or written; the directory is removed
 * afterwards. */
#include "pdf.h"

#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The Chromium found on PATH (chromium, chromium-browser) into path;
 * 0, or -1 when there is none. */
static int pdf_chromium(char *path, size_t sz)
{
	static const char *const names[] = { "chromium", "chromium-browser" };
	const char *env = getenv("PATH");
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		for (const char *p = env ? env : "/usr/bin:/bin"; *p; p += *p == ':') {
			size_t n = strcspn(p, ":");
			snprintf(path, sz, "%.*s/%s", (int)n, n ? p : ".", names[i]);
			if (access(path, X_OK) == 0)
				return 0;
			p += n;
		}
	return -1;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	*out = NULL;
	if (!f)
		return -1;
	if (fstat(fileno(f), &st) || st.st_size <= 0 || !(*out = malloc((size_t)st.st_size))) {
		fclose(f);
		return -1;
	}
	*len = fread(*out, 1, (size_t)st.st_size, f);
	fclose(f);
	if (*len != (size_t)st.st_size) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

enum { PDF_RAN, PDF_TIMED_OUT, PDF_CANCELLED };

/* Run Chromium on dir/page.html into dir/out.pdf, in its own process
 * group, its output into dir/chromium.log; stopped after PDF_TIMEOUT s or
 * when the watch says so (*stopped tells which). Returns its wait status,
 * or -1 when it could not start or was stopped. */
static int run(const char *chrome, const char *dir, pdf_watch_fn watch, void *watch_ctx, int *stopped)
{
	char prof[1100], out[1100], url[1100], log[1100];
	snprintf(prof, sizeof prof, "--user-data-dir=%s/profile", dir);
	snprintf(out, sizeof out, "--print-to-pdf=%s/out.pdf", dir);
	snprintf(url, sizeof url, "file://%s/page.html", dir);
	snprintf(log, sizeof log, "%s/chromium.log", dir);
	*stopped = PDF_RAN;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setpgid(0, 0);
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600), nul = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (nul >= 0)
			dup2(nul, 0);
		/* its home, config and cache are the temporary directory */
		setenv("HOME", dir, 1);
		setenv("XDG_CONFIG_HOME", dir, 1);
		setenv("XDG_CACHE_HOME", dir, 1);
		execl(chrome, chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		      "--no-default-browser-check", "--disable-extensions", "--disable-sync",
		      "--disable-background-networking", "--disable-component-update",
		      "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
		      "--no-pdf-header-footer", prof, out, url, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	int status = -1;
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	for (long waited = 0;; waited += 50) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			status = -1;
			break;
		}
		if (waited >= PDF_TIMEOUT * 1000L)
			*stopped = PDF_TIMED_OUT;
		else if (watch && watch(waited, watch_ctx))
			*stopped = PDF_CANCELLED;
		if (*stopped != PDF_RAN) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			status = -1;
			break;
		}
		nanosleep(&tick, NULL);
	}
	kill(-pid, SIGKILL); /* helpers it may have left behind */
	return status;
}

int pdf_print(const char *html, size_t len, pdf_watch_fn watch, void *ctx, char **pdf, size_t *pdflen,
	      struct sc_err *err)
{
	char chrome[1024], dir[1024], page[1100], out[1100];
	*pdf = NULL;
	*pdflen = 0;
	if (pdf_chromium(chrome, sizeof chrome))
		return sc_fail(err, SC_ERR_NOTFOUND, "PDF needs Chromium, which is not installed (not on PATH): "
			       "install it with apt-get install chromium fonts-noto-cjk, or write HTML and "
			       "print it from a browser");
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/stallcheck-pdf.XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return sc_fail(err, SC_ERR_IO, "cannot make a temporary directory for Chromium: %s",
			       strerror(errno));
	snprintf(page, sizeof page, "%s/page.html", dir);
	snprintf(out, sizeof out, "%s/out.pdf", dir);
	int rc = SC_OK, stopped;
	if ((rc = fs_write_atomic(page, html, len, 0, 0600, err)) == SC_OK) {
		int st = run(chrome, dir, watch, ctx, &stopped);
		if (stopped == PDF_TIMED_OUT)
			rc = sc_fail(err, SC_ERR_IO, "%s took longer than %d s to print the PDF: stopped",
				     chrome, PDF_TIMEOUT);
		else if (stopped == PDF_CANCELLED)
			rc = sc_fail(err, SC_ERR_STATE, "printing the PDF was cancelled");
		else if (read_file(out, pdf, pdflen) || *pdflen < 5 || memcmp(*pdf, "%PDF-", 5))
			rc = sc_fail(err, SC_ERR_IO, "%s printed no PDF (exit status %d)", chrome,
				     st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	}
	if (rc) {
		free(*pdf);
		*pdf = NULL;
		*pdflen = 0;
	}
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

int pdf_from_html(char **doc, size_t *len, pdf_watch_fn watch, void *ctx, struct sc_err *err)
{
	char *pdf = NULL;
	size_t plen = 0;
	int rc = pdf_print(*doc, *len, watch, ctx, &pdf, &plen, err);
	free(*doc);
	*doc = rc ? NULL : pdf;
	*len = rc ? 0 : plen;
	if (rc)
		free(pdf);
	return rc;
}
