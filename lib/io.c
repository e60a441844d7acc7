/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * io.c: EINTR-safe reads and writes and the bounded whole-file reader
 * (see io.h).
 */
#include "config.h"

#include "lib/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t brun_io_read(int fd, void *buf, size_t size)
{
    ssize_t n;
    do
        n = read(fd, buf, size);
    while (n < 0 && errno == EINTR);
    return n;
}

ssize_t brun_io_read_full(int fd, void *buf, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = brun_io_read(fd, (char *)buf + done, size - done);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

int brun_io_pread_full(int fd, void *buf, size_t size, off_t offset)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n =
            pread(fd, (char *)buf + done, size - done, offset + (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0) {
            errno = EIO;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

int brun_io_write_full(int fd, const void *buf, size_t size)
{
    const char *p = buf;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0) {
            errno = EIO;
            return -1;
        }
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

/* Clears O_NONBLOCK again once the open cannot hang any more, so reads of
 * a slow FIFO wait for data instead of failing with EAGAIN. */
static int make_blocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
}

int brun_io_read_file(const char *path, size_t max_size, int flags, char **data,
                      size_t *size)
{
    struct stat st;
    *data = NULL;
    *size = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    int err = 0;
    char *buf = NULL;
    size_t cap = 0, len = 0;
    if (fstat(fd, &st) != 0 || make_blocking(fd) != 0) {
        err = errno;
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        err = EISDIR;
        goto fail;
    }
    if ((flags & BRUN_IO_REGULAR_ONLY) && !S_ISREG(st.st_mode)) {
        err = EINVAL;
        goto fail;
    }
    if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_size) {
        err = EFBIG;
        goto fail;
    }
    /* Room for the whole regular file, its NUL and one byte more, so the
     * end of the file is seen without growing; a stream starts small. */
    cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 4096;
    buf = malloc(cap);
    if (!buf) {
        err = ENOMEM;
        goto fail;
    }
    for (;;) {
        if (len + 1 == cap) { /* full: grow, up to one byte past the bound */
            if (len > max_size) {
                err = EFBIG;
                goto fail;
            }
            size_t grown_cap = cap <= max_size / 2 ? cap * 2 : max_size + 2;
            char *grown = realloc(buf, grown_cap);
            if (!grown) {
                err = ENOMEM;
                goto fail;
            }
            buf = grown;
            cap = grown_cap;
        }
        ssize_t n = brun_io_read(fd, buf + len, cap - 1 - len);
        if (n < 0) {
            err = errno;
            goto fail;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > max_size) {
        err = EFBIG;
        goto fail;
    }
    close(fd);
    buf[len] = '\0';
    *data = buf;
    *size = len;
    return 0;
fail:
    free(buf);
    close(fd);
    errno = err;
    return -1;
}
