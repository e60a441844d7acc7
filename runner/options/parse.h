/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * parse.h: strict parsers for option values.
 *
 * Each takes the text a user typed and either fills the value and returns
 * 0, or returns -1 with a message saying what was expected and quoting
 * what was given (the caller prefixes where it came from: an option, or a
 * benchrun.yml line).  The whole text must be consumed: "10x" is not 10.
 */
#ifndef BRUN_PARSE_H
#define BRUN_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* A whole number in [min, max]. */
int brun_parse_uint(const char *text, unsigned long long min,
                    unsigned long long max, unsigned long long *out, char *why,
                    size_t why_size);

/* A duration: a number with an optional unit ns, us, ms, s, m (minutes);
 * a bare number means seconds.  Must be >= 0 and finite.  Out in seconds. */
int brun_parse_duration(const char *text, double *seconds, char *why,
                        size_t why_size);

#endif /* BRUN_PARSE_H */
