/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * tools.h: finding the profilers benchrun starts, and what this machine
 * lets them do.
 *
 * perf (Debian's linux-perf), valgrind and heaptrack are separate
 * programs found on PATH; the hardware counters are a kernel feature
 * (a PMU) that virtual machines often lack.  Each check answers with a
 * one-line reason and what to do, which benchrun prints as it is.
 */
#ifndef BRUN_TOOLS_H
#define BRUN_TOOLS_H

#include <stddef.h>

/* The absolute path of program `name` on PATH (or name itself when it
 * contains a '/').  0, or -1 when it is not there. */
int brun_tool_find(const char *name, char *out, size_t size);

/* Like brun_tool_find, with why = "NAME not found on PATH: install it
 * (apt-get install PACKAGE)" when missing. */
int brun_tool_require(const char *name, const char *package, char *out,
                      size_t size, char *why, size_t why_size);

/* 1 when this process can count hardware instructions (a PMU, and
 * permission), else 0 with why: "no PMU (hardware events are not
 * available: a virtual machine?)" or the perf_event_paranoid advice. */
int brun_pmu_available(char *why, size_t why_size);

/* A case name as a file-name stem: letters, digits, '.', '-' and '_'
 * kept, anything else (the '/' between group and name too) becomes '_';
 * never empty, never starting with '.'. */
void brun_file_stem(const char *name, char *out, size_t size);

/* Makes path ready for a profiler that will create it (valgrind,
 * perf and massif open their output with O_CREAT|O_TRUNC, which would
 * write through a symbolic link into a file benchrun does not own):
 * an old regular file or link of that name is removed (a link's target
 * is left alone), anything else (a FIFO, a device, a folder) is refused.
 * 0, or -1 with why. */
int brun_output_prepare(const char *path, char *why, size_t why_size);

/* A fresh private folder under $TMPDIR (or /tmp) for one tool's scratch
 * files; remove it with brun_scratch_remove().  0 or -1 with why. */
int brun_scratch_make(char *out, size_t size, char *why, size_t why_size);
/* Removes the files directly inside dir (not links' targets, nothing
 * deeper) and dir itself: only for folders brun_scratch_make made. */
void brun_scratch_remove(const char *dir);

#endif /* BRUN_TOOLS_H */
