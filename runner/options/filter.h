/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * filter.h: the --filter pattern, checked and compiled.
 *
 * A POSIX extended regular expression over case names, refused before
 * regcomp sees it when compiling or matching it could take unbounded time
 * or memory: longer than BRUN_FILTER_MAX_LENGTH bytes, counted
 * repetitions that expand past BRUN_FILTER_MAX_EXPANSION atoms (glibc
 * compiles a{1,30000} for seconds), or back-references (\1, a glibc
 * extension whose matching is exponential).  What remains matches in
 * time polynomial in the name's length, which BRUN_NAME_MAX bounds.
 * This does not match names (regexec does, in runner/run.c).
 */
#ifndef BRUN_FILTER_H
#define BRUN_FILTER_H

#include <regex.h>
#include <stddef.h>

#define BRUN_FILTER_MAX_LENGTH 1024
#define BRUN_FILTER_MAX_EXPANSION 4096

/* Compiles pattern into *out (REG_EXTENDED | REG_NOSUB; the caller
 * regfree()s it on success).  Returns -1 with a one-line why, saying
 * what is wrong and at which byte (1-based) where that is known, and
 * with nothing to free. */
int brun_filter_compile(const char *pattern, regex_t *out, char *why,
                        size_t why_size);

#endif /* BRUN_FILTER_H */
