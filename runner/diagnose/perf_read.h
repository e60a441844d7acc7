/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * perf_read.h: reading what `perf script` prints (its default fields)
 * into a struct brun_profile, and running `perf script` to get it.  It
 * does not run `perf record`.
 */
#ifndef BRUN_PERF_READ_H
#define BRUN_PERF_READ_H

#include <stddef.h>

#include "runner/diagnose/profile.h"

/* Parses the text of `perf script` (perf 6.1 default fields) into out,
 * which the caller releases with brun_profile_release.
 *
 * A sample is a header line "comm pid [cpu] time: [period] event:",
 * followed on the same line by "addr sym+off (dso)" without call graphs,
 * or with them (-g, --call-graph dwarf) by one such frame per line, leaf
 * first, up to a blank line.  Each sample counts as its period when the
 * header shows one (cpu-clock: nanoseconds), else as 1.  Offsets
 * ("+0x1f") are stripped; an unknown symbol becomes "[dso-basename]",
 * or "[unknown]" when the DSO is unknown too; a sample without frames
 * counts as "[unknown]".  Stacks are folded root first; a function's
 * self cost is the count of the samples it is the leaf of, its
 * inclusive cost the count of those whose stack contains it (once per
 * stack).  The total is the sum of all counts.
 *
 * 0, or -1 with a one-line reason in why naming the line (a header
 * without its "time:" field, a frame without "(dso)"), or when memory
 * runs out.  On error out is empty. */
int brun_perf_script_read(const char *text, struct brun_profile *out, char *why,
                          size_t why_size);

/* Runs `PERF script -i perf_data` (perf_binary, or "perf" from PATH when
 * NULL; fork and exec, no shell; stdin from /dev/null) and returns
 * everything it wrote to stdout in *text_out (NUL-terminated; the caller
 * frees it).  0, or -1 with a one-line reason in why: perf cannot be
 * started, or it exits non-zero or by a signal (then why holds the first
 * line of its stderr). */
int brun_perf_script_run(const char *perf_data, const char *perf_binary,
                         char **text_out, char *why, size_t why_size);

#endif /* BRUN_PERF_READ_H */
