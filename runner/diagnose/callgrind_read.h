/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * callgrind_read.h: reading a callgrind output file (valgrind's
 * "Callgrind Format Specification") into a struct brun_profile.  Only
 * the first event (Ir, instructions) counts; object and file names are
 * read past.  It does not run valgrind.
 */
#ifndef BRUN_CALLGRIND_READ_H
#define BRUN_CALLGRIND_READ_H

#include <stddef.h>

#include "runner/diagnose/profile.h"

/* Reads the callgrind file at path into out (which the caller releases
 * with brun_profile_release).
 *
 * A function's self cost is the sum of its own cost lines; its
 * inclusive cost adds the cost lines that follow its calls= lines,
 * except a call that runs inside another activation of the function
 * (to itself, or to a context whose chain has the function above the
 * caller), which is inside that activation's cost already.  With
 * --separate-callers, callgrind names contexts "callee'caller1'...":
 * functions are reported by the plain name, summed over contexts, and
 * each context's self cost becomes the folded stack of its chain,
 * root first (recursion levels "fn'2" count as fn).  Without it each
 * function's stack is its name alone.  The total is the file's totals:
 * lines (else summary:, else the sum of self costs).
 *
 * 0, or -1 with a one-line reason in why naming the file (and line):
 * it cannot be read, it is not a callgrind file (no events: line), a
 * line is malformed, or memory runs out.  On error out is empty. */
int brun_callgrind_read(const char *path, struct brun_profile *out, char *why,
                        size_t why_size);

#endif /* BRUN_CALLGRIND_READ_H */
