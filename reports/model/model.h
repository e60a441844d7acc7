/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * model.h: the results of a benchrun run, as every report sees them.
 *
 * The driver (runner/) fills these structs while it measures; the report
 * writers (reports/) are pure functions of them, and word them with
 * wording.h.  Everything is plain data: numbers already in nanoseconds,
 * strings owned by the struct that holds them and freed by
 * brun_results_release().
 */
#ifndef BRUN_MODEL_H
#define BRUN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "lib/clock.h"
#include "reports/model/metrics.h"
#include "reports/model/scaling.h"
#include "reports/model/user_counters.h"
#include "stats/summary.h"
#include "stats/verdict.h"

/* The level of a case's own interval (the "±95% CI" column, the JSON's
 * ci95_low_ns).  It is fixed, so a case's figures read the same in every
 * run and report; --confidence is the comparison's level alone
 * (struct brun_comparison_summary.confidence). */
#define BRUN_CASE_CI_LEVEL 0.95

/* The machine the run happened on. */
struct brun_host {
    char cpu_model[128];
    int cpus;
    char kernel[160]; /* uname: sysname release */
    char machine[72]; /* uname: machine */
    char hostname[128];
    double load_average; /* 1-minute, at start */
    char governor[32];   /* cpufreq governor of cpu0, "" when none */
    int aslr;            /* /proc/sys/kernel/randomize_va_space, -1 unknown */
};

/* The largest durations the settings accept, in seconds: the options
 * refuse more (a sample or warm-up becomes a tick count, which must not
 * overflow), and a baseline holding more is refused as not physical. */
#define BRUN_MAX_WARMUP_S 3600.0
#define BRUN_MAX_SAMPLE_S 60.0
#define BRUN_MAX_BUDGET_S 86400.0
#define BRUN_MAX_TIMEOUT_S 86400.0

/* The measurement settings in force (after defaults and options). */
struct brun_settings {
    unsigned rounds;
    unsigned samples;
    double warmup_ms;
    double sample_ms;
    double budget_s;     /* per case */
    double timeout_s;    /* per worker process */
    uint64_t iterations; /* fixed count per sample; 0 = calibrate */
    int jitter;          /* vary the count by up to +10 % per round */
};

struct brun_context {
    const char *benchrun_version;
    char date[32]; /* UTC, ISO 8601 */
    uint64_t seed;
    struct brun_clock_info clock;
    struct brun_host host;
    struct brun_settings settings;
    char *command_line;
    char **warnings; /* environment warnings, one line each */
    size_t warning_count;
    /* With --metric: what this machine can count, one line, e.g.
     * "hardware counters: not available (no PMU); instructions via
     * callgrind; allocations counted".  NULL without --metric. */
    char *metrics_availability;
};

/* One timed sample, converted. */
struct brun_sample_result {
    uint64_t iterations;
    uint64_t ticks;
    uint64_t paused_ticks;
    uint64_t cpu_ns;
    uint64_t ivcsw;
    double ns_per_iteration;
    int disturbed; /* the thread lost the CPU during it (derived:
                                 runner/measure/estimate.c) */
};

/* One worker process: its warm-up and its samples. */
struct brun_round_result {
    unsigned index; /* 0-based */
    long pid;
    uint64_t iterations; /* per sample in this round */
    unsigned warmup_samples;
    double warmup_ns;
    int warmup_steady;
    struct brun_sample_result *samples;
    size_t sample_count;
    double mean_ns;             /* mean ns/iteration of the samples used */
    double estimate_ns;         /* 20 % trimmed mean of the samples used:
                                 the round's estimate */
    unsigned disturbed_samples; /* samples during which it was preempted */
    int used_all_samples;       /* 1: too many were disturbed to leave them
                                 out (the round is "contended"), so the
                                 estimate uses them all, or CPU time */
    unsigned blocked_samples;   /* samples off the CPU without being
                                 preempted: the case waits for something
                                 (I/O, sleep), so CPU time is not its cost */
    double cpu_estimate_ns;     /* 20 % trimmed mean of the thread CPU time
                                 per iteration over all samples */
    int estimate_from_cpu;      /* 1: contended and rarely blocked, so
                                 estimate_ns is cpu_estimate_ns */
    double wall_s;              /* process start to exit */
    unsigned threads;           /* the case's thread count (BENCH_THREADS):
                                 above 1, every sample is the team's and its
                                 wall time is the estimate (estimate.c) */
};

enum brun_case_status {
    BRUN_STATUS_OK,
    BRUN_STATUS_FAILED,
    BRUN_STATUS_SKIPPED,
};

/* Why a case failed. */
enum brun_failure_kind {
    BRUN_FAILURE_NONE,
    BRUN_FAILURE_REPORTED, /* the case called benchrun_fail() */
    BRUN_FAILURE_MISUSE,   /* loop never entered, left early, ... */
    BRUN_FAILURE_SIGNAL,   /* killed by a signal (crash, abort) */
    BRUN_FAILURE_EXIT,     /* the process exited before finishing */
    BRUN_FAILURE_TIMEOUT,  /* ran past --timeout */
    BRUN_FAILURE_PROTOCOL, /* garbled conversation with the worker */
};

/* Where in its measurement a case failed. */
enum brun_failure_stage {
    BRUN_STAGE_NONE,        /* not in one worker, or not known (a case read
                               back from a baseline file) */
    BRUN_STAGE_CALIBRATION, /* the worker that calibrates the count */
    BRUN_STAGE_ROUND,       /* a measuring round */
};

struct brun_failure_phase {
    enum brun_failure_stage stage;
    unsigned round;  /* BRUN_STAGE_ROUND: which, from 1 */
    unsigned rounds; /* BRUN_STAGE_ROUND: how many were planned */
};

/* The plan a case was measured with. */
struct brun_plan {
    uint64_t iterations; /* per sample (before jitter) */
    unsigned rounds;     /* planned */
    unsigned samples;    /* per round */
    double warmup_ms;
    double sample_target_ms;
    double calibration_ns; /* ns/iteration seen by calibration */
    int calibrated;        /* 0 when --iterations fixed the count */
    int budget_limited;    /* rounds, samples or warm-up cut to the budget */
};

/* Where a compared case exists. */
enum brun_presence {
    BRUN_PRESENT_BOTH,     /* in the baseline and the new build */
    BRUN_PRESENT_NEW_ONLY, /* added since the baseline */
};

/* Why a case's comparison stopped adding rounds. */
enum brun_compare_end {
    BRUN_END_DECIDED,    /* the stopping rule was met (see stop) */
    BRUN_END_MAX_ROUNDS, /* --max-rounds reached */
    BRUN_END_BUDGET,     /* the case's time budget ran out */
};

/* A case compared with its baseline. */
struct brun_case_comparison {
    enum brun_presence presence;
    struct brun_comparison stats; /* valid = 0 when not comparable */
    double baseline_ns, new_ns;   /* geometric means of round estimates */
    double fail_above;            /* gate in force for this case (0 none) */
    double noise_floor;
    unsigned looks;          /* looks taken */
    int cpu_time;            /* contended rounds: compared on thread CPU time */
    unsigned dropped_rounds; /* contended rounds left out (a case that
                                waits for more than the CPU) */
    enum brun_stop stop;     /* the rule that ended it, if decided */
    /* --gate-metric: when gate_on_metric is 1, the gate judged
     * gate_metric's change instead of time's.  Time is still measured,
     * compared and shown. */
    int gate_on_metric;
    enum brun_metric_id gate_metric;
    struct brun_metric_change metric_changes[BRUN_METRIC_COUNT];
    /* The baseline build's metrics as measured (interleaved) or saved;
     * owned (per_round arrays). */
    struct brun_metric baseline_metrics[BRUN_METRIC_COUNT];
    /* Time and instructions moved in opposite directions beyond their
     * noise (time faster, instructions more, or the reverse). */
    int metric_disagrees;
    struct brun_explanation explanation; /* of a regression, if any */
    enum brun_compare_end end;
    /* User counters: the baseline build's (measured now when
     * interleaved, loaded otherwise; owned), and one change per counter
     * of the new build, in the order of brun_case_result.counters. */
    struct brun_user_counter *baseline_counters;
    size_t baseline_counter_count;
    struct brun_counter_change *counter_changes;
    size_t counter_change_count;
    /* The baseline side's rounds: measured now when interleaved, loaded
     * from the baseline file otherwise. */
    struct brun_round_result *baseline_rounds;
    size_t baseline_round_count;
};

/* A case's service-level objective: an absolute time budget from
 * benchrun.yml "slo:", judged on the mean time per iteration. */
enum brun_slo_status {
    BRUN_SLO_NONE,     /* no budget applies to this case */
    BRUN_SLO_OK,       /* below the warning level */
    BRUN_SLO_WARNING,  /* at or above warning_fraction of the budget */
    BRUN_SLO_CRITICAL, /* at or above critical_fraction of the budget */
};

struct brun_case_slo {
    enum brun_slo_status status;
    double budget_ns;
    double used;         /* mean / budget (1.0 = exactly the budget) */
    const char *pattern; /* the matching slo: key (owned by the options) */
};

/* What measuring did about a busy machine (runner/measure/measure.c). */
struct brun_contention {
    unsigned samples, preempted; /* over every round of the case */
    unsigned contended_rounds;   /* rounds without a clean half */
    double shortened_from_ms;    /* 0 when samples kept their length */
    double shortened_to_ms;
};

/* Sessions of history kept per case in a baseline (the newest). */
#define BRUN_HISTORY_MAX 8

/* One earlier save of a case, summarised: what is left of a baseline's
 * rounds once a newer save has replaced it, so that saved-numbers
 * comparisons can estimate the noise between sessions. */
struct brun_session_summary {
    char *saved;     /* UTC ISO 8601 date of that save */
    char *build;     /* the executable's sha256 (hex) or "" */
    unsigned rounds; /* round estimates in that session */
    double log_mean; /* mean of log(round estimate_ns) */
    double log_sd;   /* their SD (0 when rounds < 2) */
};

struct brun_case_result {
    char *name;    /* "group/name" or "group/name/ARG" */
    size_t target; /* index into brun_results.targets */
    char *file;
    int line;
    int optimized;
    char *compiler;
    double bytes_per_iteration; /* 0 = not declared */
    double items_per_iteration;

    enum brun_case_status status;
    enum brun_failure_kind failure;
    struct brun_failure_phase phase; /* where it failed, in this run; only
                                        reason is saved (baseline files,
                                        JSON), and it says where in words */
    char *reason;                    /* one line, for failed or skipped, worded
                                     by brun_wording_failure_reason() */
    char *output;                    /* captured stdout+stderr tail, or NULL */

    struct brun_plan plan;
    struct brun_round_result *rounds;
    size_t round_count;

    struct brun_summary samples_summary; /* over every sample's ns/iter */
    struct brun_summary rounds_summary;  /* over the round estimates */
    double ci_low_ns, ci_high_ns;        /* BRUN_CASE_CI_LEVEL t-interval
                                            of the mean, across rounds'
                                            means */
    double wall_s;
    struct brun_case_comparison *comparison; /* NULL when not comparing */
    struct brun_case_slo slo;
    struct brun_contention contention;
    /* Earlier saves of this case, oldest first, at most BRUN_HISTORY_MAX:
     * filled when a baseline is loaded (runner/baseline/), empty for a
     * case just measured.  Owned, strings included. */
    struct brun_session_summary *history;
    size_t history_count;
    /* --metric: figures beside time (metrics.h); measured = 0 for those
     * not asked for or not available. */
    struct brun_metric metrics[BRUN_METRIC_COUNT];
    /* benchrun_counter() figures (user_counters.h), in the order the
     * case first reported them; owned. */
    struct brun_user_counter *counters;
    size_t counter_count;
    /* A parameterized case's instance: its argument N and the unit of N
     * (.arg_name, or NULL). */
    int parameterized;
    long long arg;
    char *arg_name;
    /* BENCH_THREADS: the instance's thread count (1 for other cases).
     * Times are per iteration of each thread; throughput is the
     * threads' aggregate (brun_case_per_second). */
    unsigned threads;
};

/* The thread count a case name ends with ("/threads:N"), or 1: what a
 * baseline file, which does not store it, says through the name. */
unsigned brun_name_threads(const char *name);

/* per_iteration units (bytes, items, iterations) per second at mean_ns
 * per iteration; a multi-threaded case's is the aggregate of its
 * threads, each of which runs an iteration in mean_ns. */
double brun_case_per_second(const struct brun_case_result *c,
                            double per_iteration, double mean_ns);

/* The mean over rounds of the thread CPU time per iteration (each
 * thread's, averaged over a team's threads); 0 when none. */
double brun_case_cpu_ns(const struct brun_case_result *c);

/* How SLOs were judged in this run. */
struct brun_slo_summary {
    double warning_fraction;  /* default 0.5 */
    double critical_fraction; /* default 1.0 */
    int warning_only;         /* 1: a critical breach does not fail the run */
    size_t ok, warning, critical;
};

/* A baseline case the new build no longer has. */
struct brun_missing_case {
    char *name;
    double baseline_ns;
};

/* What the run was compared with, and the suite's decision. */
struct brun_comparison_summary {
    char *against;               /* "baseline main" or "./old-bench" */
    enum brun_compare_mode mode; /* paired (interleaved) or independent */
    char *baseline_saved;        /* when it was saved, or NULL */
    char *baseline_commit;       /* its git commit, or NULL */
    char **fingerprint_diffs;    /* one line per differing field */
    size_t fingerprint_diff_count;
    struct brun_missing_case *missing;
    size_t missing_count;
    size_t new_count; /* cases without a baseline */
    unsigned planned_looks;
    double alpha_per_look;  /* one-sided, for L and U */
    double session_noise;   /* independent mode's between-run noise */
    double confidence;      /* of the reported intervals */
    double fdr, gate_alpha; /* suite settings */
    double fail_above;      /* --fail-above (0 none) */
    int gate_on_metric;     /* --gate-metric given */
    enum brun_metric_id gate_metric;
    struct brun_suite_counts counts;
    size_t failing; /* cases that fail the gate */
};

struct brun_target_info {
    char *path;
    char *library_version; /* libbenchrun version it was built with */
    unsigned protocol;
    size_t case_count; /* cases it registers (before --filter) */
};

struct brun_results {
    struct brun_context context;
    struct brun_target_info *targets;
    size_t target_count;
    struct brun_case_result *cases;
    size_t case_count;
    struct brun_comparison_summary *comparison; /* NULL when not comparing */
    struct brun_slo_summary *slo;               /* NULL when no SLO is set */
    /* Scaling fits of the parameterized families (scaling.h). */
    struct brun_scaling *scalings;
    size_t scaling_count;
};

/* What the cases of a run add up to, counted from the cases themselves
 * (not from brun_comparison_summary.counts), so every summary of one run
 * gives the same numbers. */
struct brun_tally {
    size_t cases;     /* every case */
    size_t failed;    /* status failed */
    size_t compared;  /* measured and present in the baseline too */
    size_t regressed; /* of the compared, labelled regressed (failing
                            the gate or not) */
    size_t failing;   /* of the compared, failing the gate */
    size_t improved, unchanged, ok, inconclusive; /* of the compared; a case
                            that could not be compared is inconclusive */
    size_t slo_warning, slo_critical;
};

/* Counts r's cases into *n. */
void brun_results_tally(const struct brun_results *r, struct brun_tally *n);

/* Frees an array of rounds and their samples. */
void brun_rounds_release(struct brun_round_result *rounds, size_t count);

/* Frees a comparison summary and everything it owns; NULL is fine. */
void brun_comparison_summary_free(struct brun_comparison_summary *s);

/* Frees everything a case result owns (not the struct itself). */
void brun_case_result_release(struct brun_case_result *c);

/* Frees everything the results own (not the struct itself). */
void brun_results_release(struct brun_results *r);

/* "ok", "failed" or "skipped". */
const char *brun_status_name(enum brun_case_status status);
/* "ok", "warning", "critical" or "none". */
const char *brun_slo_status_name(enum brun_slo_status status);

/* "reported", "misuse", "signal", "exit", "timeout", "protocol" or "". */
const char *brun_failure_name(enum brun_failure_kind kind);

/* A multi-threaded case's instance with one thread (the same name with
 * "/threads:1" at the end), measured in the same results; NULL when
 * there is none or it did not run. */
const struct brun_case_result *
brun_case_one_thread(const struct brun_results *r,
                     const struct brun_case_result *c);

/* How many times the aggregate rate of c is that of its one-thread
 * instance (one): threads x time of one / time of each; 0 when either has
 * no time.  Divided by the threads it is the scaling efficiency. */
double brun_case_speedup(const struct brun_case_result *c,
                         const struct brun_case_result *one);

#endif /* BRUN_MODEL_H */
