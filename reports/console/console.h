/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * console.h: what benchrun prints on the terminal after measuring.
 */
#ifndef BRUN_CONSOLE_H
#define BRUN_CONSOLE_H

#include <stdio.h>

#include "reports/model/model.h"

struct brun_console_style {
    int color;     /* ANSI colours on */
    int verbosity; /* -1 quiet, 0 normal, 1 verbose */
};

/* The context block: version, date, seed, clock, host, plan, warnings. */
void brun_console_context(FILE *out, const struct brun_results *r,
                          const struct brun_console_style *style);

/* One table per target, then failed and skipped cases with reasons. */
void brun_console_table(FILE *out, const struct brun_results *r,
                        const struct brun_console_style *style);

/* A target's path (untrusted) as the bold line above its table. */
void brun_console_target_heading(FILE *out, const char *path,
                                 const struct brun_console_style *style);

/* Failed and skipped cases of one target: reason and output tail. */
void brun_console_problems(FILE *out, const struct brun_results *r,
                           size_t target,
                           const struct brun_console_style *style);

/* The comparison with a baseline: header, fingerprint warnings, one table
 * per target, missing cases, summary and every case failing the gate.
 * Prints nothing when r->comparison is NULL. */
void brun_console_comparison(FILE *out, const struct brun_results *r,
                             const struct brun_console_style *style);

/* One line per case with an SLO: its status and share of the budget. */
void brun_console_slo(FILE *out, const struct brun_results *r,
                      const struct brun_console_style *style);

/* After the metrics: target's cases' user counters, one row each, with
 * their change when comparing; nothing when no case reported any. */
void brun_console_counters(FILE *out, const struct brun_results *r,
                           size_t target,
                           const struct brun_console_style *style);

/* After target's time table: its multi-threaded cases' thread count,
 * real and CPU time per iteration and aggregate rates
 * (console_threads.c); nothing when it has none. */
void brun_console_threads(FILE *out, const struct brun_results *r,
                          size_t target,
                          const struct brun_console_style *style);

/* After target's time table: its cases' metrics (console_metrics.c),
 * nothing when none of them measured any. */
void brun_console_metrics(FILE *out, const struct brun_results *r,
                          size_t target,
                          const struct brun_console_style *style);

/* Per compared case: time and instructions disagreeing, and the gate
 * judged on a metric, one line each. */
void brun_console_metric_notes(FILE *out, const struct brun_results *r,
                               const struct brun_console_style *style);

/* Per explained case: why it got slower, or why it could not be said. */
void brun_console_explanations(FILE *out, const struct brun_results *r,
                               const struct brun_console_style *style);

/* One line per parameterized family (r->scalings): its best fit, "FAMILY:
 * linear, 1.81 µs per var ± 0.02 (R² 0.999, 9 points)", and against a
 * baseline the change of its per-item cost; then, whatever the verbosity,
 * a "SCALING CHANGED" line per family whose best shape changed.  Nothing
 * when r has no family.  brun_console_table() (without a comparison) and
 * brun_console_comparison() call it after their tables. */
void brun_console_scaling(FILE *out, const struct brun_results *r,
                          const struct brun_console_style *style);

/* A sparkline of v[0..n), scaled from their min to their max: one of
 * "▁▂▃▄▅▆▇█" per value when unicode, one of "_.-=^" otherwise (all the
 * lowest when the values are equal; a non-finite value is a space).
 * Writes whole characters only, NUL-terminated, into out (size > 0). */
void brun_console_sparkline(const double *v, size_t n, int unicode, char *out,
                            size_t size);

#endif /* BRUN_CONSOLE_H */
