/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * alloc_library.h: where the driver finds libbenchrun-alloc.so, the
 * allocation counter it preloads into the worker of a
 * `--metric allocations` pass (lib/alloc/alloc_counter.h).  Only the
 * lookup: starting the worker with LD_PRELOAD is the caller's job.
 */
#ifndef BRUN_ALLOC_LIBRARY_H
#define BRUN_ALLOC_LIBRARY_H

#include <stddef.h>

/* Writes to out (size bytes) the absolute path of the counter:
 * $BENCHRUN_ALLOC_LIBRARY when it is set and not empty (the tests point
 * it into the build tree; a relative path is made absolute), else
 * $(pkglibdir)/libbenchrun-alloc.so.  The file must be a readable
 * regular file, and the path must hold no space or colon (LD_PRELOAD
 * splits on them).  0, or -1 with a one-line reason naming the path in
 * why ("allocation counter not found at PATH (reinstall benchrun, or set
 * BENCHRUN_ALLOC_LIBRARY)" when it is missing). */
int brun_alloc_library_path(char *out, size_t size, char *why, size_t why_size);

#endif /* BRUN_ALLOC_LIBRARY_H */
