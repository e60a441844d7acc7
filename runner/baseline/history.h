/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * history.h: a case's session history in the baseline store, as numbers.
 * Each save of a baseline that replaces an older one keeps, per case, a
 * short summary of the older file's rounds (struct brun_session_summary
 * in reports/model/model.h: date, build, count, mean and SD of the log
 * round estimates), so that a later comparison with saved numbers can
 * estimate the noise between sessions instead of assuming it.  This file
 * summarises rounds as a session, carries a history forward into a new
 * save, and measures the spread between sessions for the statistics.
 *
 * It does no I/O and takes no locks: store.c decides when a history is
 * carried forward, format_write.c and format_read.c put it in the file,
 * and what a spread means for a verdict is stats/' business.
 */
#ifndef BRUN_BASELINE_HISTORY_H
#define BRUN_BASELINE_HISTORY_H

#include <stddef.h>

#include "reports/model/model.h"

/* Summarises rounds[0..count) as one session: *n is the number of rounds
 * with a positive finite estimate_ns, *log_mean the mean of their
 * natural logs and *log_sd the SD of those logs (n - 1 in the
 * denominator; 0 when *n < 2).  Returns 0, or -1 (outputs zeroed) when
 * no round has a usable estimate. */
int brun_history_summarize_rounds(const struct brun_round_result *rounds,
                                  size_t count, unsigned *n, double *log_mean,
                                  double *log_sd);

/* The history a new save of a case carries: old->history, then one entry
 * summarising old's own rounds (dated saved, built by build, which may be
 * ""; none when old's status is not ok or it has no usable round), keeping the newest
 * BRUN_HISTORY_MAX.  *out is allocated, strings included (free with
 * brun_history_free); *out is NULL and *count 0 when there is nothing to
 * carry.  Returns 0, or -1 when out of memory (nothing allocated). */
int brun_history_extend(const struct brun_case_result *old, const char *saved,
                        const char *build, struct brun_session_summary **out,
                        size_t *count);

/* Frees h[0..count), its strings and the array; NULL is fine. */
void brun_history_free(struct brun_session_summary *h, size_t count);

/* Between-session spread of a case's saved sessions: from the
 * consecutive differences of log_mean (oldest first) plus the current
 * saved rounds as the newest session.  Differences beyond 5 robust SDs
 * (1.4826 * median |delta|) are steps, a change of the code between two
 * saves, and are left out; *sd_diff is the root mean square of the rest
 * (the SD of one session-to-session difference of means, within-session
 * noise included) and *n_diff their number, its degrees of freedom.
 * Returns 0, or -1 when there are fewer than 2 sessions. */
int brun_history_session_spread(const struct brun_case_result *saved,
                                double *sd_diff, size_t *n_diff);

#endif /* BRUN_BASELINE_HISTORY_H */
