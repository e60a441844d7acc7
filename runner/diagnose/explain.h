/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * explain.h: why a regressed case got slower, from profiling both builds.
 *
 * For each case labelled regressed (or failing the gate) in an
 * interleaved comparison, both executables' timed loops are profiled the
 * same way: by callgrind (exact instructions per function, the default
 * when valgrind is installed) or by perf (CPU time per function from
 * samples).  Costs are divided by the iterations each build ran, and the
 * functions whose own cost per iteration grew most are listed (self and
 * inclusive, before and after); a differential flame graph shows the new
 * build's stacks coloured by growth.  Saved-numbers comparisons have no
 * old executable to profile, which the explanation's note says.  The
 * whole step stops starting new profiles at the deadline (--explain-
 * time) and is skipped with --no-explain.
 */
#ifndef BRUN_EXPLAIN_H
#define BRUN_EXPLAIN_H

#include "reports/model/model.h"
#include "runner/diagnose/passes.h"
#include "runner/measure/measure.h"
#include "runner/worker/discover.h"

/* Functions an explanation lists, and the call depth callgrind keeps
 * apart for the flame graph. */
#define BRUN_EXPLAIN_FUNCTIONS 10
/* How many of the most grown functions are looked at to find them. */
#define BRUN_EXPLAIN_CANDIDATES 200
#define BRUN_EXPLAIN_CALLERS 30
/* Seconds of timed loop perf profiles per build. */
#define BRUN_EXPLAIN_PERF_S 1.0

struct brun_explain_settings {
    int engine; /* BRUN_EXPLAIN_AUTO, _CALLGRIND or _PERF (options.h) */
    const char *dir;
    double deadline; /* brun_now() after which no profile starts */
    int call_graph_dwarf;
};

/* Explains c (regressed, compared with the build at old_path, or NULL
 * when only saved numbers exist) into c->comparison->explanation.
 * Whatever goes wrong is the explanation's note, not an error.  0, or
 * -1 interrupted. */
int brun_explain_case(const struct brun_explain_settings *s,
                      const struct brun_measure_env *env,
                      const struct brun_pass_tools *tools, const char *path,
                      const struct brun_listed_case *listed,
                      const char *old_path,
                      const struct brun_listed_case *old_listed,
                      struct brun_case_result *c);

#endif /* BRUN_EXPLAIN_H */
