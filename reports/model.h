/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * model.h: the results of a benchrun run, as every report sees them.
 *
 * The driver (runner/) fills these structs while it measures; the report
 * writers (reports/) are pure functions of them.  Everything is plain
 * data: numbers already in nanoseconds, strings owned by the struct that
 * holds them and freed by brun_results_release().
 */
#ifndef BRUN_MODEL_H
#define BRUN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "lib/clock.h"
#include "stats/summary.h"

/* The machine the run happened on. */
struct brun_host {
    char cpu_model[128];
    int cpus;
    char kernel[160];   /* uname: sysname release */
    char machine[72];   /* uname: machine */
    char hostname[128];
    double load_average; /* 1-minute, at start */
    char governor[32];  /* cpufreq governor of cpu0, "" when none */
    int aslr;           /* /proc/sys/kernel/randomize_va_space, -1 unknown */
};

/* The measurement settings in force (after defaults and options). */
struct brun_settings {
    unsigned rounds;
    unsigned samples;
    double warmup_ms;
    double sample_ms;
    double budget_s;      /* per case */
    double timeout_s;     /* per worker process */
    uint64_t iterations;  /* fixed count per sample; 0 = calibrate */
    int jitter;           /* vary the count by up to +10 % per round */
};

struct brun_context {
    const char *benchrun_version;
    char date[32];        /* UTC, ISO 8601 */
    uint64_t seed;
    struct brun_clock_info clock;
    struct brun_host host;
    struct brun_settings settings;
    char *command_line;
    char **warnings;      /* environment warnings, one line each */
    size_t warning_count;
};

/* One timed sample, converted. */
struct brun_sample_result {
    uint64_t iterations;
    uint64_t ticks;
    uint64_t paused_ticks;
    uint64_t cpu_ns;
    uint64_t ivcsw;
    double ns_per_iteration;
};

/* One worker process: its warm-up and its samples. */
struct brun_round_result {
    unsigned index;           /* 0-based */
    long pid;
    uint64_t iterations;      /* per sample in this round */
    unsigned warmup_samples;
    double warmup_ns;
    int warmup_steady;
    struct brun_sample_result *samples;
    size_t sample_count;
    double mean_ns;           /* mean ns/iteration of the samples */
    double estimate_ns;       /* 20 % trimmed mean: the round's estimate */
    double wall_s;            /* process start to exit */
};

enum brun_case_status {
    BRUN_STATUS_OK,
    BRUN_STATUS_FAILED,
    BRUN_STATUS_SKIPPED,
};

/* Why a case failed. */
enum brun_failure_kind {
    BRUN_FAILURE_NONE,
    BRUN_FAILURE_REPORTED,  /* the case called benchrun_fail() */
    BRUN_FAILURE_MISUSE,    /* loop never entered, left early, ... */
    BRUN_FAILURE_SIGNAL,    /* killed by a signal (crash, abort) */
    BRUN_FAILURE_EXIT,      /* the process exited before finishing */
    BRUN_FAILURE_TIMEOUT,   /* ran past --timeout */
    BRUN_FAILURE_PROTOCOL,  /* garbled conversation with the worker */
};

/* The plan a case was measured with. */
struct brun_plan {
    uint64_t iterations;          /* per sample (before jitter) */
    unsigned rounds;              /* planned */
    unsigned samples;             /* per round */
    double warmup_ms;
    double sample_target_ms;
    double calibration_ns;        /* ns/iteration seen by calibration */
    int calibrated;               /* 0 when --iterations fixed the count */
    int budget_limited;           /* rounds or samples cut to the budget */
};

struct brun_case_result {
    char *name;                   /* "group/name" or "group/name/ARG" */
    size_t target;                /* index into brun_results.targets */
    char *file;
    int line;
    int optimized;
    char *compiler;
    double bytes_per_iteration;   /* 0 = not declared */
    double items_per_iteration;

    enum brun_case_status status;
    enum brun_failure_kind failure;
    char *reason;                 /* one line, for failed or skipped */
    char *output;                 /* captured stdout+stderr tail, or NULL */

    struct brun_plan plan;
    struct brun_round_result *rounds;
    size_t round_count;

    struct brun_summary samples_summary; /* over every sample's ns/iter */
    struct brun_summary rounds_summary;  /* over the round estimates */
    double ci_low_ns, ci_high_ns;        /* 95 % t-interval of the mean,
                                            across rounds' means */
    double wall_s;
};

struct brun_target_info {
    char *path;
    char *library_version;        /* libbenchrun version it was built with */
    unsigned protocol;
    size_t case_count;            /* cases it registers (before --filter) */
};

struct brun_results {
    struct brun_context context;
    struct brun_target_info *targets;
    size_t target_count;
    struct brun_case_result *cases;
    size_t case_count;
};

/* Frees everything a case result owns (not the struct itself). */
void brun_case_result_release(struct brun_case_result *c);

/* Frees everything the results own (not the struct itself). */
void brun_results_release(struct brun_results *r);

/* "ok", "failed" or "skipped". */
const char *brun_status_name(enum brun_case_status status);
/* "reported", "misuse", "signal", "exit", "timeout", "protocol" or "". */
const char *brun_failure_name(enum brun_failure_kind kind);

#endif /* BRUN_MODEL_H */
