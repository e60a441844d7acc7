/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * options.h: everything a user can set for one benchrun run.
 *
 * Filled with defaults, then from benchrun.yml, then from the command
 * line (later wins).  Both sources go through one table of options
 * (option_table.c), so every option has the same name, parser and error
 * message in both places.  The rest of the driver reads only this struct.
 */
#ifndef BRUN_OPTIONS_H
#define BRUN_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/clock.h"
#include "reports/export/export.h"

/* Every option's default is its default_value in the option table
 * (option_table.c), applied by brun_options_defaults() through the same
 * setter a user's value goes through, and printed from there by --help;
 * the man page and docs/config.md are checked against it by
 * tests/test_cli.c.  What is not an option's plain value is here. */

/* Where the store is when neither --baseline-dir, benchrun.yml nor
 * $BENCHRUN_DIR says (run.c applies that order). */
#define BRUN_DEFAULT_BASELINE_DIR ".benchrun/baselines"

/* The noise floor when --noise-floor is "auto", its default, in percent
 * (so --help can print them): interleaved builds share the machine's
 * state, saved numbers also carry one session's drift against another
 * (stats-methods.md §4.7). */
#define BRUN_NOISE_FLOOR_INTERLEAVED_PERCENT 0.5
#define BRUN_NOISE_FLOOR_SAVED_PERCENT 1

/* Seeds stay below 2^53 so every JSON reader holds them exactly. */
#define BRUN_MAX_SEED 9007199254740991ull

/* A per-case override from benchrun.yml "thresholds:". */
struct brun_threshold {
    char *pattern;      /* glob over case names (fnmatch, no FNM_PATHNAME) */
    double fail_above;  /* fraction; 0 = never fail this case;
                             < 0 (-1) = the run's fail_above */
    int gate_metric;    /* gate this case on a metric (enum brun_metric_id),
                           -1: the run's choice, -2: on time */
    double noise_floor; /* fraction; < 0 = the run's noise floor */
    int gate_scaling;   /* 1: the per-item cost of the scaling fit of a
                           family it matches is gated too
                           (runner/compare/scaling.h) */
    int line;           /* where it came from in benchrun.yml */
};

/* An export from --export FORMAT=FILE or benchrun.yml "exports:", as
 * brun_export_spec_parse() split it, once, when the option was set. */
struct brun_export_request {
    enum brun_export_format format;
    char *path;
};

/* A service-level objective from benchrun.yml "slo:". */
struct brun_slo_rule {
    char *pattern;    /* glob over case names, like thresholds */
    double budget_ns; /* the mean time per iteration allowed */
    int line;         /* where it came from in benchrun.yml */
};

/* The parts of --github; each can be turned off. */
enum brun_github_part {
    BRUN_GITHUB_SUMMARY = 1 << 0,     /* $GITHUB_STEP_SUMMARY */
    BRUN_GITHUB_ANNOTATIONS = 1 << 1, /* ::error / ::warning lines */
    BRUN_GITHUB_OUTPUTS = 1 << 2,     /* $GITHUB_OUTPUT */
    BRUN_GITHUB_COMMENT = 1 << 3,     /* the sticky PR comment */
    BRUN_GITHUB_STATUS = 1 << 4,      /* the commit status */
    BRUN_GITHUB_ALL = 31,
};

struct brun_options {
    /* Targets: bench executables (owned copies). */
    char **targets;
    size_t target_count;

    /* Whole commands measured as processes instead of bench executables
     * (runner/command/): --command, benchrun.yml "commands:". */
    char **commands;
    size_t command_count;
    int commands_from_cli; /* the command line replaced the file's list */
    char **command_names;  /* --command-name, in order; the rest are
                              "command/N" */
    size_t command_name_count;
    char *setup;         /* --setup: once before each command's rounds */
    char *prepare;       /* --prepare: before every run, untimed */
    char *command_shell; /* --command-shell; NULL: "none", split on spaces */
    int command_output;  /* 1: --command-output show (else /dev/null) */

    /* Actions. */
    int list;
    int list_baselines;
    char *delete_baseline;

    /* Selecting. */
    char *filter; /* POSIX extended regex, or NULL */

    /* Measuring. */
    unsigned rounds;
    unsigned samples;
    double warmup_s;
    double sample_s;
    double budget_s;
    double timeout_s;
    uint64_t iterations; /* 0 = calibrate */
    int jitter;
    enum brun_clock_kind clock;
    int seed_given;
    uint64_t seed;

    /* Baselines and comparison. */
    char *config_path; /* benchrun.yml used, or NULL */
    char *save_baseline;
    char *baseline;
    char *baseline_dir;
    char **compare_with; /* --compare: old executables, by target */
    size_t compare_count;
    int compare_from_cli; /* the command line replaced the file's list */
    double fail_above;    /* fraction; 0 = no gate */
    unsigned max_rounds;  /* sequential looks end here */
    double confidence;    /* level of reported intervals */
    double fdr;           /* Benjamini-Hochberg q for labels */
    double gate_alpha;    /* Holm alpha for failing */
    double noise_floor;   /* fraction; < 0 = "auto", the mode's floor */
    double session_noise; /* saved-numbers mode: between-run noise */
    unsigned resamples;   /* bootstrap */
    int bootstrap_bca;    /* 1 BCa, 0 percentile */
    int rerun_baseline;   /* 0: never re-run saved executables */
    struct brun_threshold *thresholds;
    size_t threshold_count;

    /* Service-level objectives. */
    struct brun_slo_rule *slos;
    size_t slo_count;
    double slo_warning;   /* fraction of the budget (default 0.5) */
    double slo_critical;  /* fraction of the budget (default 1.0) */
    int slo_warning_only; /* a critical breach does not fail the run */

    /* Diagnosing (runner/diagnose/). */
    unsigned metrics;     /* BRUN_WANT_* bits from --metric */
    int gate_metric;      /* enum brun_metric_id, or -1: gate on time */
    char *profile;        /* --profile PATTERN (POSIX ERE), or NULL */
    char *profile_memory; /* --profile-memory PATTERN, or NULL */
    double profile_s;     /* --profile-time */
    int call_graph_dwarf; /* --call-graph dwarf (else frame pointers) */
    char *profile_dir;    /* where profiles are written */
    int explain;          /* explain regressions (--no-explain: 0) */
    double explain_s;     /* --explain-time: bound for all of them */
    int explain_engine;   /* BRUN_EXPLAIN_AUTO, _CALLGRIND or _PERF */
    int memory_tool;      /* -1 first installed, else enum
                              brun_memory_tool */

    /* Output. */
    char *json_path;
    char *report_path; /* Markdown report */
    char *html_path;   /* HTML report with plots */
    struct brun_export_request *exports;
    size_t export_count;
    int exports_from_cli;  /* the command line replaced the file's list */
    int github;            /* publish to GitHub Actions */
    unsigned github_parts; /* enum brun_github_part bits */
    int verbosity;         /* -1 quiet, 0 normal, 1 verbose */
    int color;             /* 0 never, 1 always, -1 when stdout is a TTY */
    int markdown_layout;   /* enum brun_markdown_layout: table, components */
};

/* --metric's parts. */
#define BRUN_WANT_INSTRUCTIONS 1u
#define BRUN_WANT_COUNTERS 2u /* cycles, branch and cache misses (PMU) */
#define BRUN_WANT_ALLOCATIONS 4u

/* --explain-with. */
#define BRUN_EXPLAIN_AUTO 0
#define BRUN_EXPLAIN_CALLGRIND 1
#define BRUN_EXPLAIN_PERF 2

/* Where profiles go unless --profile-dir says otherwise. */
#define BRUN_DEFAULT_PROFILE_DIR ".benchrun/profiles"

/* Fills o with every option's default (the option table's
 * default_value, through its setter).  o owns nothing yet. */
void brun_options_defaults(struct brun_options *o);
void brun_options_release(struct brun_options *o);

/* The noise floor in force, as a fraction: the option, or for "auto" the
 * mode's (BRUN_NOISE_FLOOR_*_PERCENT). */
double brun_options_noise_floor(const struct brun_options *o, int interleaved);

/* Replaces the target list with copies of targets[0..count). 0 or -1. */
int brun_options_set_targets(struct brun_options *o, char *const *targets,
                             size_t count);

#endif /* BRUN_OPTIONS_H */
