/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * atomic_file.c: temp file, fsync, rename, fsync of the directory (see
 * atomic_file.h).  The temp file is created in the destination directory
 * because rename() cannot cross file systems.
 */
#include "config.h"

#include "runner/files/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory part of path ("." when there is none). */
static void directory_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(out, size, ".");
        return;
    }
    if (slash == path) {
        snprintf(out, size, "/");
        return;
    }
    snprintf(out, size, "%.*s", (int)(slash - path), path);
}

int brun_check_writable(const char *path, char *why, size_t why_size)
{
    char dir[4096];
    struct stat st;
    directory_of(path, dir, sizeof dir);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "is a directory");
        return -1;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "directory %s does not exist", dir);
        return -1;
    }
    if (access(dir, W_OK) != 0) {
        snprintf(why, why_size, "directory %s is not writable", dir);
        return -1;
    }
    return 0;
}

int brun_atomic_write(const char *path, brun_write_fn write_content, void *ctx,
                      char *why, size_t why_size)
{
    char dir[4096], tmp[4200];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    directory_of(path, dir, sizeof dir);
    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base);

    /* Close-on-exec: a worker started meanwhile must not inherit it. */
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_size, "cannot create a temporary file in %s: %s", dir,
                 strerror(errno));
        return -1;
    }
    if (fchmod(fd, 0644) != 0) {
        snprintf(why, why_size, "cannot set the mode of %s: %s", tmp,
                 strerror(errno));
        close(fd);
        unlink(tmp);
        return -1;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        snprintf(why, why_size, "%s", strerror(errno));
        close(fd);
        unlink(tmp);
        return -1;
    }
    int failed = write_content(out, ctx) != 0;
    if (!failed && (fflush(out) != 0 || ferror(out)))
        failed = 1;
    if (!failed && fsync(fileno(out)) != 0)
        failed = 1;
    int saved = errno;
    if (fclose(out) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed && rename(tmp, path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        snprintf(why, why_size, "cannot write: %s",
                 saved ? strerror(saved) : "the content could not be produced");
        unlink(tmp);
        return -1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}
