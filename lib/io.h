/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * io.h: the few file-descriptor loops every part of benchrun needs,
 * written once: a read that retries on EINTR, reading and writing a
 * buffer in full, and reading a whole file with a bound on its size.
 *
 * They report failure as -1 with errno set and print nothing; wording the
 * message (which file, what for) is the caller's.  They live in lib/
 * because they need only libc and both the worker side and the driver use
 * them; none of them is exported from libbenchrun.  Not here: atomic
 * replacement of files (runner/files/atomic_file.h), sockets, buffering.
 */
#ifndef BRUN_IO_H
#define BRUN_IO_H

#include <stddef.h>
#include <sys/types.h>

/* One read(2), retried while it fails with EINTR.  Returns the bytes read,
 * 0 at end of file, -1 with errno (EAGAIN on an empty non-blocking fd). */
ssize_t brun_io_read(int fd, void *buf, size_t size);

/* Reads until size bytes arrived or the end of the file.  Returns the
 * bytes read (less than size only at end of file), -1 with errno. */
ssize_t brun_io_read_full(int fd, void *buf, size_t size);

/* pread(2) of exactly size bytes at offset: 0, or -1 (errno; EIO when the
 * file ends first). */
int brun_io_pread_full(int fd, void *buf, size_t size, off_t offset);

/* Writes all size bytes: 0, or -1 with errno (EIO when write(2) wrote
 * nothing). */
int brun_io_write_full(int fd, const void *buf, size_t size);

/* brun_io_read_file's flags. */
enum {
    BRUN_IO_REGULAR_ONLY = 1 /* refuse FIFOs, devices, directories (EINVAL) */
};

/* Reads the whole file at path into *data (malloc'd, NUL-terminated; the
 * caller frees it) and its length into *size.  The file is opened without
 * blocking, so a FIFO with no writer cannot hang the caller.  A file of
 * more than max_size bytes, or one that grows past it while being read
 * (/dev/zero), fails with EFBIG; with BRUN_IO_REGULAR_ONLY anything but a
 * regular file fails with EINVAL.  Returns 0, or -1 with errno and *data
 * NULL. */
int brun_io_read_file(const char *path, size_t max_size, int flags, char **data,
                      size_t *size);

#endif
