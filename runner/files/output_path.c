/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * output_path.c: writing a user-named output file (see output_path.h).
 * What the path names once its links are followed decides how it is
 * written: a regular file (or nothing) through brun_atomic_write at its
 * real path, anything else opened through the path as given and written
 * in place, because renaming over /dev/stdout or a FIFO would destroy it
 * (and /dev/stdout's /proc/self/fd link names no file a path could).  A
 * dangling link is resolved by hand, one readlink at a time, so that it
 * still names the file to create.  It does not create directories and
 * does not fsync what it writes in place.
 */
#include "config.h"

#include "runner/files/output_path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* As many links as the kernel follows before ELOOP. */
#define MAX_LINKS 40

/* The file path names once every symbolic link of its last component is
 * followed (a link's relative target is relative to the link's
 * directory).  0, or -1 with a reason (a loop, a name too long). */
static int resolve(const char *path, char *out, size_t size, char *why,
                   size_t why_size)
{
    char target[PATH_MAX], joined[2 * PATH_MAX];
    struct stat st;
    if (snprintf(out, size, "%s", path) >= (int)size) {
        snprintf(why, why_size, "the path is too long");
        return -1;
    }
    for (int hops = 0; hops <= MAX_LINKS; hops++) {
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode))
            return 0;
        ssize_t n = readlink(out, target, sizeof target - 1);
        if (n < 0) {
            snprintf(why, why_size, "cannot read the link %s: %s", out,
                     strerror(errno));
            return -1;
        }
        target[n] = '\0';
        const char *slash = strrchr(out, '/');
        if (target[0] == '/' || !slash)
            snprintf(joined, sizeof joined, "%s", target);
        else
            snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - out), out,
                     target);
        if (snprintf(out, size, "%s", joined) >= (int)size) {
            snprintf(why, why_size, "the link's target is too long");
            return -1;
        }
    }
    snprintf(why, why_size, "too many levels of symbolic links");
    return -1;
}

/* What path names: *kind is 'r' (regular file, its real path in real),
 * 'o' (another existing kind: written through path itself, because the
 * kernel's /proc/self/fd links name no file a path could), 'd' (a
 * directory) or 'n' (nothing there: real is where a dangling link
 * points, or path).  0, or -1 with a reason. */
static int classify(const char *path, char *real, size_t size, char *kind,
                    char *why, size_t why_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *kind = 'n';
        return resolve(path, real, size, why, why_size);
    }
    *kind = S_ISDIR(st.st_mode)    ? 'd'
            : S_ISREG(st.st_mode)  ? 'r'
            : S_ISSOCK(st.st_mode) ? 's'
                                   : 'o';
    if (*kind != 'r') {
        snprintf(real, size, "%s", path);
        return 0;
    }
    char *resolved = realpath(path, NULL);
    if (!resolved || snprintf(real, size, "%s", resolved) >= (int)size) {
        snprintf(why, why_size, "cannot resolve %s: %s", path,
                 resolved ? "the path is too long" : strerror(errno));
        free(resolved);
        return -1;
    }
    free(resolved);
    return 0;
}

int brun_output_check(const char *path, char *why, size_t why_size)
{
    char real[PATH_MAX], kind;
    if (strcmp(path, "-") == 0)
        return 0;
    if (classify(path, real, sizeof real, &kind, why, why_size) != 0)
        return -1;
    if (kind == 's') {
        snprintf(why, why_size,
                 "%s is a socket, which cannot be written as a file", path);
        return -1;
    }
    if (kind != 'o')
        return brun_check_writable(real, why, why_size);
    if (access(path, W_OK) != 0) {
        snprintf(why, why_size, "%s is not writable: %s", path,
                 strerror(errno));
        return -1;
    }
    return 0;
}

/* Calls write on an already open stream and flushes it; 0 or -1. */
static int produce(FILE *out, brun_write_fn write_content, void *ctx)
{
    int failed = write_content(out, ctx) != 0;
    return failed || fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* Writes in place: a FIFO, a terminal, /dev/null or the like. */
static int write_in_place(const char *real, brun_write_fn write_content,
                          void *ctx, char *why, size_t why_size)
{
    int fd = open(real, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        snprintf(why, why_size, "cannot open %s: %s", real, strerror(errno));
        return -1;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        snprintf(why, why_size, "cannot open %s: %s", real, strerror(errno));
        close(fd);
        return -1;
    }
    errno = 0;
    int failed = produce(out, write_content, ctx);
    int saved = errno;
    if (fclose(out) != 0 && !failed) {
        failed = -1;
        saved = errno;
    }
    if (failed)
        snprintf(why, why_size, "cannot write %s: %s", real,
                 saved ? strerror(saved) : "the content could not be produced");
    return failed ? -1 : 0;
}

int brun_output_write(const char *path, brun_write_fn write_content, void *ctx,
                      char *why, size_t why_size)
{
    char real[PATH_MAX], kind;
    if (strcmp(path, "-") == 0) {
        errno = 0;
        if (produce(stdout, write_content, ctx) == 0)
            return 0;
        snprintf(why, why_size, "cannot write to standard output: %s",
                 errno ? strerror(errno) : "the content could not be produced");
        return -1;
    }
    if (classify(path, real, sizeof real, &kind, why, why_size) != 0)
        return -1;
    if (kind == 'd') {
        snprintf(why, why_size, "%s is a directory", path);
        return -1;
    }
    if (kind == 'o' || kind == 's')
        return write_in_place(path, write_content, ctx, why, why_size);
    return brun_atomic_write(real, write_content, ctx, why, why_size);
}
