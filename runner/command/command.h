/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * command.h: whole commands measured as processes (benchrun --command).
 *
 * A command is a case like a bench case, so every statistic, verdict,
 * baseline, report and gate works on it unchanged; only what one round
 * is differs.  A round of a command is a batch of runs: warm-up runs
 * (none with --warmup 0, else as many as it takes to spend the warm-up
 * time, at least one), then --samples timed runs.  Each timed run is one
 * sample of one iteration whose time is the run's wall time, from just
 * before fork to wait4's return (CLOCK_MONOTONIC), and whose cpu_ns is
 * the child's user + system time from wait4's rusage.  --prepare runs
 * before every run, warm-ups included, outside the timed span; --setup
 * once before a command's first round.  A process's wall time is its
 * cost whether it computes or waits, so no run counts as disturbed: the
 * round's estimate is the 20 % trimmed mean of all its runs' wall times.
 *
 * The cost of starting an empty process the same way (the shell running
 * "true", or /bin/true exec'd directly) is measured once and shown beside
 * the results, never subtracted: a saved baseline keeps what was
 * measured.  Commands get /dev/null as stdin, and as stdout and stderr
 * unless show_output is set; each runs in its own process group, which
 * is killed when it runs past the timeout (and, on Linux, the command
 * dies with benchrun, as a worker does).
 *
 * What this file does not do: interleave two builds (--compare), or
 * count metrics; run.c refuses those for commands.
 */
#ifndef BRUN_COMMAND_H
#define BRUN_COMMAND_H

#include <stddef.h>
#include <stdint.h>

#include "reports/model/model.h"
#include "runner/compare/compare.h"
#include "runner/measure/measure.h"
#include "runner/worker/discover.h"

/* Runs of the empty command whose median is the spawn cost shown. */
#define BRUN_COMMAND_SPAWN_RUNS 20

/* How to run one command; the strings are the caller's. */
struct brun_command {
    const char *line;    /* CMD as given */
    const char *shell;   /* run as shell -c line; NULL: split line on
                            spaces and exec the first word (PATH search) */
    const char *setup;   /* or NULL */
    const char *prepare; /* or NULL */
    int show_output;     /* 1: stdout and stderr pass through */
    double timeout_s;    /* per run, setup and prepare too */
};

/* How one run ended. */
struct brun_command_run {
    uint64_t wall_ns; /* fork to reaping */
    uint64_t cpu_ns;  /* user + system time of the child and its waited-for
                         children (wait4's rusage) */
    uint64_t ivcsw;   /* its involuntary context switches */
    long pid;
    int wait_status; /* as wait4 gave it */
    int timed_out;   /* 1: killed (its process group) at the timeout */
};

/* Runs line once as struct brun_command says (shell NULL: split on
 * spaces).  Returns 0 when it ran, whatever its exit status (out says),
 * or -1 with why when it could not be started or the user interrupted
 * the run (brun_session_interrupted; the process group is then killed). */
int brun_command_run_once(const char *line, const char *shell, int show_output,
                          double timeout_s, struct brun_command_run *out,
                          char *why, size_t why_size);

/* How a run that did not succeed ended, in words ("exited with status
 * 3"), into out; "" when it exited 0. */
void brun_command_describe(const struct brun_command_run *run, double timeout_s,
                           char *out, size_t size);

/* The cost of an empty spawn through shell (shell -c true; NULL:
 * /bin/true exec'd): the median wall time of `runs` runs, into *ns.
 * 0, or -1 with why. */
int brun_command_spawn_cost(const char *shell, unsigned runs, double timeout_s,
                            double *ns, char *why, size_t why_size);

/* A case list of one case for the command line: named name, or
 * "command/<index + 1>" when name is NULL; its file is the command line,
 * line 0, compiler "command".  0, or -1 out of memory.  Free with
 * brun_case_list_release(). */
int brun_command_list(const char *line, const char *name, size_t index,
                      struct brun_case_list *out);

/* Measures cmd as the case listed into out (which it initialises): the
 * setup, then --rounds rounds (fewer when --budget runs out, never below
 * BRUN_MIN_ROUNDS).  A command that fails, exits non-zero or times out
 * is a failed case.  Returns 0, or BRUN_MEASURE_INTERRUPTED (out is then
 * released). */
int brun_command_measure(const struct brun_command *cmd, size_t target_index,
                         const struct brun_listed_case *listed,
                         const struct brun_measure_env *env,
                         struct brun_case_result *out);

/* Compares cmd with saved numbers (saved: the case loaded from a
 * baseline), like brun_compare_saved(): the setup, then rounds until the
 * plan's looks decide.  The saved rounds are read as command rounds
 * (every run counts).  Returns as brun_compare_saved(). */
int brun_command_compare_saved(const struct brun_command *cmd,
                               size_t target_index,
                               const struct brun_listed_case *listed,
                               const struct brun_case_result *saved,
                               const struct brun_measure_env *env,
                               const struct brun_compare_plan *plan,
                               struct brun_case_result *out);

/* Sets a command round's estimates from its samples' ticks and cpu_ns:
 * each sample's ns_per_iteration, none disturbed, the round's mean and
 * 20 % trimmed means of wall and CPU time. */
void brun_command_round_estimate(struct brun_round_result *r,
                                 double ticks_per_second);

#endif /* BRUN_COMMAND_H */
