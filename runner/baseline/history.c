/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * history.c: the arithmetic of a case's session history (see history.h):
 * a session is summarised by the mean and SD of the logs of its round
 * estimates, a new save appends the replaced file's session to that
 * file's history and keeps the newest BRUN_HISTORY_MAX, and the spread
 * between sessions is a robust SD (scaled median absolute difference of
 * consecutive session means).  Logs, because the comparison works on log
 * ratios.  No I/O and no GSL: a handful of numbers per case.
 */
#include "config.h"

#include "runner/baseline/history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 1 / (the standard normal's 0.75 quantile): scales a median absolute
 * value to an SD for normal data. */
/* Consecutive differences beyond this many robust SDs are steps. */
#define STEP_CUT 5.0
#define MAD_TO_SD 1.4826

static int usable(double estimate_ns)
{
    return isfinite(estimate_ns) && estimate_ns > 0;
}

int brun_history_summarize_rounds(const struct brun_round_result *rounds,
                                  size_t count, unsigned *n, double *log_mean,
                                  double *log_sd)
{
    double sum = 0, squares = 0;
    unsigned used = 0;
    *n = 0;
    *log_mean = *log_sd = 0;
    for (size_t i = 0; i < count; i++)
        if (usable(rounds[i].estimate_ns)) {
            sum += log(rounds[i].estimate_ns);
            used++;
        }
    if (used == 0)
        return -1;
    double mean = sum / used;
    for (size_t i = 0; i < count; i++)
        if (usable(rounds[i].estimate_ns)) {
            double d = log(rounds[i].estimate_ns) - mean;
            squares += d * d;
        }
    *n = used;
    *log_mean = mean;
    *log_sd = used >= 2 ? sqrt(squares / (used - 1)) : 0;
    return 0;
}

void brun_history_free(struct brun_session_summary *h, size_t count)
{
    if (!h)
        return;
    for (size_t i = 0; i < count; i++) {
        free(h[i].saved);
        free(h[i].build);
    }
    free(h);
}

/* Copies one entry, strings included.  0, or -1 out of memory. */
static int copy_entry(struct brun_session_summary *to, const char *saved,
                      const char *build, unsigned rounds, double log_mean,
                      double log_sd)
{
    to->saved = strdup(saved ? saved : "");
    to->build = strdup(build ? build : "");
    to->rounds = rounds;
    to->log_mean = log_mean;
    to->log_sd = log_sd;
    return to->saved && to->build ? 0 : -1;
}

int brun_history_extend(const struct brun_case_result *old, const char *saved,
                        const char *build, struct brun_session_summary **out,
                        size_t *count)
{
    struct brun_session_summary newest;
    /* A failed or skipped case's rounds are no session to learn from. */
    int have_newest = old->status == BRUN_STATUS_OK &&
                      brun_history_summarize_rounds(
                          old->rounds, old->round_count, &newest.rounds,
                          &newest.log_mean, &newest.log_sd) == 0;
    size_t total = old->history_count + (have_newest ? 1 : 0);
    size_t keep = total < BRUN_HISTORY_MAX ? total : BRUN_HISTORY_MAX;
    size_t skip = total - keep; /* the oldest */
    *out = NULL;
    *count = 0;
    if (keep == 0)
        return 0;
    struct brun_session_summary *h = calloc(keep, sizeof *h);
    if (!h)
        return -1;
    for (size_t i = skip; i < old->history_count; i++) {
        const struct brun_session_summary *e = &old->history[i];
        if (copy_entry(&h[i - skip], e->saved, e->build, e->rounds, e->log_mean,
                       e->log_sd) != 0) {
            brun_history_free(h, keep);
            return -1;
        }
    }
    if (have_newest && copy_entry(&h[keep - 1], saved, build, newest.rounds,
                                  newest.log_mean, newest.log_sd) != 0) {
        brun_history_free(h, keep);
        return -1;
    }
    *out = h;
    *count = keep;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int brun_history_session_spread(const struct brun_case_result *saved,
                                double *sd_diff, size_t *n_diff)
{
    double means[BRUN_HISTORY_MAX + 1], current, sd, delta[BRUN_HISTORY_MAX];
    unsigned rounds;
    size_t n = 0;
    *sd_diff = 0;
    *n_diff = 0;
    /* A loaded baseline holds at most BRUN_HISTORY_MAX; by hand, more are
     * cut to the newest. */
    size_t first = saved->history_count > BRUN_HISTORY_MAX
                       ? saved->history_count - BRUN_HISTORY_MAX
                       : 0;
    for (size_t i = first; i < saved->history_count; i++)
        means[n++] = saved->history[i].log_mean;
    if (brun_history_summarize_rounds(saved->rounds, saved->round_count,
                                      &rounds, &current, &sd) == 0)
        means[n++] = current;
    if (n < 2)
        return -1;
    for (size_t i = 0; i + 1 < n; i++)
        delta[i] = fabs(means[i + 1] - means[i]);
    size_t d = n - 1;
    double sorted[BRUN_HISTORY_MAX];
    memcpy(sorted, delta, d * sizeof *delta);
    qsort(sorted, d, sizeof *sorted, by_value);
    double median =
        d % 2 ? sorted[d / 2] : (sorted[d / 2 - 1] + sorted[d / 2]) / 2;
    /* A step beyond STEP_CUT robust SDs is a change of the code between
     * two saves, not noise: left out.  The rest give the root mean
     * square, the SD of a difference (with d degrees of freedom when the
     * sessions are alike). */
    double cut = STEP_CUT * MAD_TO_SD * median, ss = 0;
    size_t kept = 0;
    for (size_t i = 0; i < d; i++)
        if (delta[i] <= cut || median == 0) {
            ss += delta[i] * delta[i];
            kept++;
        }
    *sd_diff = kept ? sqrt(ss / (double)kept) : 0;
    *n_diff = kept;
    return 0;
}
