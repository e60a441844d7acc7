/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * store_file.h: internal to the baseline store.  Opening and checking
 * the files inside a store (NAME.yml, .lock, bin/ and its copies) so that
 * something planted there, a symbolic link, a FIFO or a device, is a
 * one-line error and never followed out of the store, never blocks and is
 * never written through.  It does not decide what the files contain or
 * when they are written.
 */
#ifndef BRUN_BASELINE_STORE_FILE_H
#define BRUN_BASELINE_STORE_FILE_H

#include <stddef.h>

/* Opens the regular file path with flags (O_RDONLY, or O_RDWR with
 * O_CREAT, mode 0644), never following a symbolic link and never
 * blocking on a FIFO; the descriptor is close-on-exec and blocking.
 * Returns it, or -1 with errno (ENOENT when missing, ELOOP for a link,
 * EINVAL for anything but a regular file) and a reason naming path. */
int brun_store_open(const char *path, int flags, char *why, size_t why_size);

/* Checks what is at path without following it: 0 when nothing is there
 * or it is a regular file (a directory when want_dir), -1 with a reason
 * otherwise (a link, a FIFO, a device, the wrong kind). */
int brun_store_check_entry(const char *path, int want_dir, char *why,
                           size_t why_size);

#endif /* BRUN_BASELINE_STORE_FILE_H */
