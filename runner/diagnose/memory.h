/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * memory.h: `benchrun --profile-memory PATTERN`: one case's worker under
 * heaptrack, massif or DHAT (memory_tool.h), their usual output left in
 * the profile folder, and one line: peak heap, allocations per iteration
 * and the top allocation site.
 *
 * The memory tools see the whole worker process (start-up, setup and
 * teardown too), so the per-iteration figure comes from a second,
 * separate pass with benchrun's own allocation counter, which counts the
 * timed loop only.
 */
#ifndef BRUN_MEMORY_H
#define BRUN_MEMORY_H

#include <stdio.h>

#include "runner/diagnose/passes.h"
#include "runner/diagnose/profile_case.h"

/* Seconds of timed loop under a valgrind tool (they run code ~20-50x
 * slower) and under heaptrack. */
#define BRUN_MEMORY_VALGRIND_S 0.1
#define BRUN_MEMORY_HEAPTRACK_S 0.5

/* 0 done; 1 the case failed; 2 no memory profiler installed, or the
 * tool failed (one line printed, saying why and what to do); -1
 * interrupted. */
int brun_memory_profile_case(const struct brun_profile_request *q,
                             const struct brun_measure_env *env,
                             const struct brun_pass_tools *tools,
                             const char *path,
                             const struct brun_listed_case *listed,
                             FILE *console);

#endif /* BRUN_MEMORY_H */
