/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* Defaults, chosen so that a fast case takes about a second: 10 rounds of
 * 30 ms warm-up and 10 samples of 5 ms (stats-methods.md §4.3). */
#define BRUN_DEFAULT_ROUNDS 10
#define BRUN_DEFAULT_SAMPLES 10
#define BRUN_DEFAULT_WARMUP_S 0.030
#define BRUN_DEFAULT_SAMPLE_S 0.005
#define BRUN_DEFAULT_BUDGET_S 10.0
#define BRUN_DEFAULT_TIMEOUT_S 60.0

/* Comparison defaults (stats-methods.md §4.7, §4.9, §4.10). */
#define BRUN_DEFAULT_MAX_ROUNDS 32
#define BRUN_DEFAULT_CONFIDENCE 0.95
#define BRUN_DEFAULT_FDR 0.05
#define BRUN_DEFAULT_GATE_ALPHA 0.01
#define BRUN_DEFAULT_RESAMPLES 2000
#define BRUN_DEFAULT_BASELINE_DIR ".benchrun/baselines"
#define BRUN_DEFAULT_SESSION_NOISE_FRACTION 0.01

/* Seeds stay below 2^53 so every JSON reader holds them exactly. */
#define BRUN_MAX_SEED 9007199254740991ull

/* Fewest rounds and samples a time budget may cut a case down to. */
#define BRUN_MIN_ROUNDS 3
#define BRUN_MIN_SAMPLES 1

/* A per-case override from benchrun.yml "thresholds:". */
struct brun_threshold {
    char *pattern;        /* glob over case names (fnmatch, no FNM_PATHNAME) */
    double fail_above;    /* fraction; 0 = never fail this case;
                             < 0 (-1) = the run's fail_above */
    double noise_floor;   /* fraction; < 0 = the run's noise floor */
    int line;             /* where it came from in benchrun.yml */
};

/* An export from --export FORMAT=FILE or benchrun.yml "exports:", as
 * brun_export_spec_parse() split it, once, when the option was set. */
struct brun_export_request {
    enum brun_export_format format;
    char *path;
};

/* A service-level objective from benchrun.yml "slo:". */
struct brun_slo_rule {
    char *pattern;        /* glob over case names, like thresholds */
    double budget_ns;     /* the mean time per iteration allowed */
    int line;             /* where it came from in benchrun.yml */
};

/* The parts of --github; each can be turned off. */
enum brun_github_part {
    BRUN_GITHUB_SUMMARY = 1 << 0,      /* $GITHUB_STEP_SUMMARY */
    BRUN_GITHUB_ANNOTATIONS = 1 << 1,  /* ::error / ::warning lines */
    BRUN_GITHUB_OUTPUTS = 1 << 2,      /* $GITHUB_OUTPUT */
    BRUN_GITHUB_COMMENT = 1 << 3,      /* the sticky PR comment */
    BRUN_GITHUB_STATUS = 1 << 4,       /* the commit status */
    BRUN_GITHUB_ALL = 31,
};

struct brun_options {
    /* Targets: bench executables (owned copies). */
    char **targets;
    size_t target_count;

    /* Actions. */
    int list;
    int list_baselines;
    char *delete_baseline;

    /* Selecting. */
    char *filter;             /* POSIX extended regex, or NULL */

    /* Measuring. */
    unsigned rounds;
    unsigned samples;
    double warmup_s;
    double sample_s;
    double budget_s;
    double timeout_s;
    uint64_t iterations;      /* 0 = calibrate */
    int jitter;
    enum brun_clock_kind clock;
    int seed_given;
    uint64_t seed;

    /* Baselines and comparison. */
    char *config_path;        /* benchrun.yml used, or NULL */
    char *save_baseline;
    char *baseline;
    char *baseline_dir;
    char **compare_with;      /* --compare: old executables, by target */
    size_t compare_count;
    int compare_from_cli;     /* the command line replaced the file's list */
    double fail_above;        /* fraction; 0 = no gate */
    unsigned max_rounds;      /* sequential looks end here */
    double confidence;        /* level of reported intervals */
    double fdr;               /* Benjamini-Hochberg q for labels */
    double gate_alpha;        /* Holm alpha for failing */
    double noise_floor;       /* fraction; < 0 = the mode's default */
    double session_noise;     /* saved-numbers mode: between-run noise */
    unsigned resamples;       /* bootstrap */
    int bootstrap_bca;        /* 1 BCa, 0 percentile */
    int rerun_baseline;       /* 0: never re-run saved executables */
    struct brun_threshold *thresholds;
    size_t threshold_count;

    /* Service-level objectives. */
    struct brun_slo_rule *slos;
    size_t slo_count;
    double slo_warning;       /* fraction of the budget (default 0.5) */
    double slo_critical;      /* fraction of the budget (default 1.0) */
    int slo_warning_only;     /* a critical breach does not fail the run */

    /* Output. */
    char *json_path;
    char *report_path;        /* Markdown report */
    struct brun_export_request *exports;
    size_t export_count;
    int exports_from_cli;     /* the command line replaced the file's list */
    int github;               /* publish to GitHub Actions */
    unsigned github_parts;    /* enum brun_github_part bits */
    int verbosity;            /* -1 quiet, 0 normal, 1 verbose */
    int color;                /* 0 never, 1 always, -1 when stdout is a TTY */
};

/* What parsing decided. */
enum brun_cli_action {
    BRUN_CLI_RUN,
    BRUN_CLI_HELP,
    BRUN_CLI_VERSION,
    BRUN_CLI_ERROR,
};

void brun_options_defaults(struct brun_options *o);
void brun_options_release(struct brun_options *o);

/* Replaces the target list with copies of targets[0..count). 0 or -1. */
int brun_options_set_targets(struct brun_options *o, char *const *targets,
                             size_t count);

/* Finds --config FILE / --no-config in argv without touching anything
 * else: *path is NULL when none was given.  Returns -1 with why when
 * --config lacks its value. */
int brun_cli_config_choice(int argc, char **argv, const char **path,
                           int *no_config, char *why, size_t why_size);

/* Parses argv into o, on top of what o holds (defaults and benchrun.yml).
 * Targets on the command line replace those from the file.  On
 * BRUN_CLI_ERROR, why holds a one-line message without "benchrun: ". */
enum brun_cli_action brun_cli_parse(int argc, char **argv,
                                    struct brun_options *o, char *why,
                                    size_t why_size);

/* Prints the --help text. */
void brun_cli_usage(FILE *out);

#endif /* BRUN_OPTIONS_H */
