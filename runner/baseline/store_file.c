/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * store_file.c: the store's careful open and check (see store_file.h).
 * O_NOFOLLOW refuses a link in the last component, O_NONBLOCK keeps a
 * FIFO from hanging the open, and fstat then refuses whatever is not a
 * regular file before a byte is read or written.  Links in the store's
 * own path (DIR itself) are the user's choice and are followed.
 */
#include "config.h"

#include "runner/baseline/store_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What st is, in words, for messages. */
static const char *kind_of(const struct stat *st)
{
    if (S_ISLNK(st->st_mode))
        return "a symbolic link";
    if (S_ISFIFO(st->st_mode))
        return "a FIFO";
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        return "a device";
    if (S_ISSOCK(st->st_mode))
        return "a socket";
    if (S_ISDIR(st->st_mode))
        return "a directory";
    return "not a regular file";
}

int brun_store_open(const char *path, int flags, char *why, size_t why_size)
{
    struct stat st;
    int fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY,
                  0644);
    if (fd < 0) {
        int saved = errno;
        if (saved == ELOOP)
            snprintf(why, why_size,
                     "%s is a symbolic link, which the baseline store never "
                     "follows: remove it",
                     path);
        else
            snprintf(why, why_size, "cannot open %s: %s", path,
                     strerror(saved));
        errno = saved;
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_size,
                 "%s is %s, where the baseline store keeps only regular "
                 "files: remove it",
                 path, kind_of(&st));
        close(fd);
        errno = EINVAL;
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

int brun_store_check_entry(const char *path, int want_dir, char *why,
                           size_t why_size)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0; /* nothing there (or nothing to say yet) */
    if (want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode))
        return 0;
    snprintf(why, why_size,
             "%s is %s, where the baseline store keeps %s: remove it", path,
             kind_of(&st), want_dir ? "a directory" : "only regular files");
    return -1;
}
