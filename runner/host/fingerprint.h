/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * fingerprint.h: the environment a run's numbers depend on (CPU, kernel,
 * compilers, source revision, benchrun version, clock), and a readable
 * list of what changed between two of them.
 *
 * A fingerprint only describes; deciding whether a difference makes a
 * comparison worthless is the caller's business.  It does not probe the
 * machine itself: the host fields come from the results (runner/host/host.c
 * filled them), only the git revision is asked for here.
 */
#ifndef BRUN_FINGERPRINT_H
#define BRUN_FINGERPRINT_H

#include <stddef.h>

#include "reports/model/model.h"

struct brun_fingerprint {
    char cpu_model[128];
    int cpus;
    char kernel[160];
    char machine[72];
    char compilers[256]; /* distinct compilers of the cases, ", "-joined */
    char git_commit
        [72]; /* "" when not in a git repository (40 or 64 hex digits otherwise) */
    int git_dirty; /* 1 modified, 0 clean, -1 no repository */
    char benchrun_version[32];
    char clock[16]; /* "tsc", "cntvct" or "monotonic" */
    double ticks_per_second;
};

/* Fills fp from the results' context and cases, plus the git revision of
 * the current directory (`git rev-parse HEAD`, `git status --porcelain`;
 * no git, no repository or a git that takes over 10 s: "" and -1).
 * Never fails; runs git with stdin and stderr on /dev/null. */
void brun_fingerprint_of(const struct brun_results *r,
                         struct brun_fingerprint *fp);

/* The compilers of r's cases, distinct, in first-seen order, ", "-joined
 * into out (cut at out_size). */
void brun_fingerprint_compilers(const struct brun_results *r, char *out,
                                size_t out_size);

/* Writes one line per field that differs between a (before) and b
 * (after), "CPU model: A -> B\n", into out (cut at out_size, always
 * terminated) and returns how many fields differ.  Clock rates within
 * 0.1 % of each other count as equal. */
size_t brun_fingerprint_diff(const struct brun_fingerprint *a,
                             const struct brun_fingerprint *b, char *out,
                             size_t out_size);

#endif /* BRUN_FINGERPRINT_H */
