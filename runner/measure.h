/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * measure.h: measuring one case, from calibration to its last round.
 */
#ifndef BRUN_MEASURE_H
#define BRUN_MEASURE_H

#include <stddef.h>

#include "lib/clock.h"
#include "reports/model.h"
#include "runner/discover.h"
#include "runner/options.h"

struct brun_rng;

/* Told before each worker starts: round 0 is the calibration. */
typedef void (*brun_progress_fn)(void *ctx, const char *case_name,
                                 unsigned round, unsigned rounds);

struct brun_measure_env {
    const struct brun_options *options;
    const struct brun_clock_info *clock;
    struct brun_rng *rng;       /* iteration jitter and stack padding */
    brun_progress_fn progress;  /* or NULL */
    void *progress_ctx;
};

/* Measures one case of the target at path into out (which it
 * initialises).  A case that fails, crashes or hangs is a result, not an
 * error: out->status says so.  Returns 0, or -1 when the user interrupted
 * the run (out is then released). */
int brun_measure_case(const char *path, size_t target_index,
                      const struct brun_listed_case *listed,
                      const struct brun_measure_env *env,
                      struct brun_case_result *out);

#endif /* BRUN_MEASURE_H */
