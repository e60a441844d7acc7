/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * atomic_file.h: replacing a file so that readers, and a crash, see
 * either the old content or the complete new one, never a mix.
 */
#ifndef BRUN_ATOMIC_FILE_H
#define BRUN_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

/* Produces the content; returns 0, or -1 to abandon the write. */
typedef int (*brun_write_fn)(FILE *out, void *ctx);

/* Writes path by calling write into a temporary file in the same
 * directory, then fsync, rename over path, fsync of the directory.  On
 * any failure the temporary file is removed, path is untouched, and
 * -1 is returned with a reason in why. */
int brun_atomic_write(const char *path, brun_write_fn write, void *ctx,
                      char *why, size_t why_size);

/* 0 when a file could be created at path (its directory exists and is
 * writable); -1 with a reason otherwise.  Creates nothing. */
int brun_check_writable(const char *path, char *why, size_t why_size);

#endif /* BRUN_ATOMIC_FILE_H */
