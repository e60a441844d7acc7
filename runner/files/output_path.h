/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * output_path.h: writing a file the user named (--json, --report,
 * --export) the way a shell redirection would, but atomically where that
 * is possible.  "-" is standard output; a symbolic link is followed and
 * its target written, the link kept; a FIFO, a device or any other
 * non-regular file is opened and written in place, never renamed over;
 * only a regular file, or nothing, is replaced atomically (through
 * atomic_file.h).  It does not decide which files a run writes, and it
 * is not for the baseline store, whose files are never user-named.
 */
#ifndef BRUN_OUTPUT_PATH_H
#define BRUN_OUTPUT_PATH_H

#include <stddef.h>

#include "runner/files/atomic_file.h"

/* Checks, creating and opening nothing, that path can be written as
 * brun_output_write would: "-" always can; a directory cannot; an
 * existing non-regular file must be writable by us; a regular file or a
 * missing one needs its (link-resolved) directory to exist and be
 * writable.  0, or -1 with a one-line reason in why. */
int brun_output_check(const char *path, char *why, size_t why_size);

/* Writes the content write produces to path: to stdout (flushed) for
 * "-", in place for an existing non-regular file (after symlinks), else
 * atomically replacing the regular file the path (or its links) names.
 * A FIFO blocks until a reader opens it, as it would for a shell.  0, or
 * -1 with a one-line reason in why. */
int brun_output_write(const char *path, brun_write_fn write, void *ctx,
                      char *why, size_t why_size);

#endif /* BRUN_OUTPUT_PATH_H */
