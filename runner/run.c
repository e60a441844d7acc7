/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * run.c: one benchrun run, from targets to exit status.
 *
 * The order matters for the exit codes: every target is checked and
 * listed, the baseline loaded, the old builds listed, the filter compiled
 * and the output paths checked before the first measurement, so exit 2
 * always means nothing was measured.  Then each selected case is measured
 * (or compared), the suite decision made, the reports written, and the
 * baseline saved last, only when every case ran.
 */
#include "config.h"

#include "runner/run.h"

#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "reports/console/console.h"
#include "reports/export/export.h"
#include "reports/github/github.h"
#include "reports/json/json.h"
#include "reports/html/html.h"
#include "reports/markdown/markdown.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"
#include "runner/files/atomic_file.h"
#include "runner/files/output_path.h"
#include "runner/baseline/store.h"
#include "runner/command/command.h"
#include "runner/compare/compare.h"
#include "runner/compare/scaling.h"
#include "runner/worker/discover.h"
#include "runner/host/host.h"
#include "runner/diagnose/diagnose.h"
#include "runner/diagnose/explain.h"
#include "runner/diagnose/metric_compare.h"
#include "runner/diagnose/profile_case.h"
#include "runner/diagnose/memory.h"
#include "runner/measure/measure.h"
#include "reports/console/progress.h"
#include "runner/worker/session.h"
#include "runner/options/filter.h"
#include "runner/compare/slo.h"
#include "runner/host/warnings.h"
#include "stats/random.h"

/* A case selected for measurement. */
struct selected {
    size_t target;
    const struct brun_listed_case *listed;
};

/* What one target is compared with. */
struct counterpart {
    const char *old_path;           /* executable to interleave, or NULL */
    struct brun_case_list old_list; /* its cases */
    long saved_target;              /* baseline target index, or -1 */
};

struct run {
    const struct brun_options *options;
    char **paths; /* the targets: executables, or with --command the
                     command lines (owned by the options) */
    size_t path_count;
    int commands; /* --command: the targets are whole commands */
    struct brun_case_list *lists;
    size_t list_count;
    struct selected *selected;
    size_t selected_count;
    regex_t filter;
    int have_filter;
    struct brun_baseline baseline;
    int have_baseline;
    struct counterpart *counterparts; /* per target, when comparing */
    struct brun_compare_plan plan;
    struct brun_results results;
    struct brun_diagnose diagnose; /* --metric, explanations */
    struct brun_measure_env env;   /* set by measure_all() */
    struct brun_progress progress;
};

static void error_line(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Messages quote paths, names and GITHUB_* values: escaped, so none of
 * them can end the line and start a workflow command or a terminal
 * escape of its own. */
static void error_line(const char *fmt, ...)
{
    char text[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fputs("benchrun: ", stderr);
    brun_term_text(stderr, text);
    fputc('\n', stderr);
}

/* 128 + the signal that asked us to stop (130 for SIGINT, 143 for
 * SIGTERM, 129 for SIGHUP), or 0 while none arrived. */
static int interrupted_status(void)
{
    int sig = (int)brun_session_interrupted;
    return sig > 0 ? 128 + sig : 0;
}

/* --baseline-dir, else benchrun.yml's baseline_dir, else
 * $BENCHRUN_DIR/baselines, else .benchrun/baselines. */
static const char *baseline_dir(const struct brun_options *o)
{
    static char from_env[4200];
    const char *env = getenv("BENCHRUN_DIR");
    if (o->baseline_dir)
        return o->baseline_dir;
    if (env && *env) {
        snprintf(from_env, sizeof from_env, "%s/baselines", env);
        return from_env;
    }
    return BRUN_DEFAULT_BASELINE_DIR;
}

static int comparing(const struct run *r)
{
    return r->have_baseline || r->options->compare_count > 0;
}

/* ---- Actions that do not measure -------------------------------------- */

static int list_baselines(const struct brun_options *o)
{
    struct brun_baseline_entry *v;
    size_t n;
    char why[512];
    if (brun_baseline_list(baseline_dir(o), &v, &n, why, sizeof why) != 0) {
        error_line("%s", why);
        return BRUN_EXIT_USAGE;
    }
    if (n == 0)
        printf("no baselines saved in %s\n", baseline_dir(o));
    for (size_t i = 0; i < n; i++) {
        if (v[i].valid)
            printf("%-24s saved %s  %zu cases%s%.12s\n", v[i].name, v[i].saved,
                   v[i].case_count, v[i].git_commit[0] ? "  commit " : "",
                   v[i].git_commit);
        else
            printf("%-24s UNREADABLE: %s\n", v[i].name,
                   v[i].problem ? v[i].problem : "");
    }
    brun_baseline_list_release(v, n);
    return BRUN_EXIT_OK;
}

static int delete_baseline(const struct brun_options *o)
{
    char why[1024];
    if (brun_baseline_delete(baseline_dir(o), o->delete_baseline, why,
                             sizeof why) != 0) {
        error_line("%s", why);
        return BRUN_EXIT_USAGE;
    }
    printf("deleted baseline \"%s\" from %s\n", o->delete_baseline,
           baseline_dir(o));
    return BRUN_EXIT_OK;
}

/* ---- Checks before measuring ------------------------------------------ */

static int discover_all(struct run *r)
{
    const struct brun_options *o = r->options;
    char why[700];

    r->lists = calloc(r->path_count ? r->path_count : 1, sizeof *r->lists);
    if (!r->lists) {
        error_line("out of memory");
        return -1;
    }
    for (size_t t = 0; r->commands && t < r->path_count; t++) {
        const char *name =
            t < o->command_name_count ? o->command_names[t] : NULL;
        if (brun_command_list(r->paths[t], name, t, &r->lists[t]) != 0) {
            error_line("out of memory");
            return -1;
        }
        r->list_count = t + 1;
    }
    for (size_t t = 0; !r->commands && t < r->path_count; t++) {
        if (brun_discover(r->paths[t], o->timeout_s, &r->lists[t], why,
                          sizeof why) != 0) {
            error_line("%s: %s", r->paths[t],
                       brun_session_interrupted ? "interrupted" : why);
            return -1;
        }
        r->list_count = t + 1;
    }
    return 0;
}

/* Prints the selected cases: --list shows what a run with the same
 * options would measure, so it honours --filter. */
static void print_list(const struct run *r)
{
    for (size_t i = 0; i < r->selected_count; i++) {
        const struct brun_listed_case *c = r->selected[i].listed;
        /* Names and files come from bench code: escaped, one line per
         * case whatever they hold. */
        brun_term_text(stdout, c->name);
        if (r->options->verbosity > 0) {
            putchar('\t');
            brun_term_text(stdout, c->file);
            printf(":%d\t", c->line);
            brun_term_text(stdout, r->paths[r->selected[i].target]);
        }
        putchar('\n');
    }
}

static int matches_filter(const struct run *r, const char *name)
{
    return !r->have_filter || regexec(&r->filter, name, 0, NULL, 0) == 0;
}

static int compile_filter(struct run *r)
{
    const struct brun_options *o = r->options;
    if (!o->filter)
        return 0;
    char why[BRUN_FILTER_MAX_LENGTH + 512];
    if (brun_filter_compile(o->filter, &r->filter, why, sizeof why) != 0) {
        error_line("--filter: %s", why);
        return -1;
    }
    r->have_filter = 1;
    return 0;
}

static int select_cases(struct run *r)
{
    size_t total = 0;
    for (size_t t = 0; t < r->list_count; t++)
        total += r->lists[t].count;
    r->selected = calloc(total ? total : 1, sizeof *r->selected);
    if (!r->selected) {
        error_line("out of memory");
        return -1;
    }
    for (size_t t = 0; t < r->list_count; t++)
        for (size_t i = 0; i < r->lists[t].count; i++) {
            const struct brun_listed_case *c = &r->lists[t].cases[i];
            if (matches_filter(r, c->name))
                r->selected[r->selected_count++] = (struct selected){t, c};
        }
    if (r->selected_count == 0) {
        if (r->options->filter)
            error_line("no case matches --filter \"%s\" (%zu cases listed; "
                       "see --list)",
                       r->options->filter, total);
        else
            error_line("the targets register no cases");
        return -1;
    }
    return 0;
}

/* A baseline keys cases by name: two targets with a case of the same
 * name cannot be saved, so that is refused before anything is measured,
 * naming the case and both targets. */
static int check_unique_names(const struct run *r)
{
    if (!r->options->save_baseline)
        return 0;
    for (size_t i = 0; i < r->selected_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(r->selected[i].listed->name,
                       r->selected[j].listed->name) == 0) {
                error_line("--save-baseline: case \"%s\" is in both %s and "
                           "%s; a baseline needs unique case names (measure "
                           "one of them, or use --filter)",
                           r->selected[i].listed->name,
                           r->paths[r->selected[j].target],
                           r->paths[r->selected[i].target]);
                return -1;
            }
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The baseline target that target t corresponds to: same path, else the
 * only one with the same file name, else the same position when both
 * runs have as many targets.  -1 when none. */
static long match_saved_target(const struct run *r, size_t t)
{
    const struct brun_results *b = &r->baseline.results;
    const char *path = r->paths[t];
    long by_name = -1;
    size_t same_name = 0;
    for (size_t i = 0; i < b->target_count; i++) {
        if (strcmp(b->targets[i].path, path) == 0)
            return (long)i;
        if (strcmp(base_name(b->targets[i].path), base_name(path)) == 0) {
            by_name = (long)i;
            same_name++;
        }
    }
    if (same_name == 1)
        return by_name;
    if (b->target_count == r->path_count)
        return (long)t;
    return -1;
}

/* Decides, per target, what it is compared with, and lists the old
 * builds.  An old build given with --compare that cannot be listed is an
 * error; a baseline's stored copy that cannot be listed falls back to the
 * saved numbers with a warning. */
static int prepare_counterparts(struct run *r)
{
    const struct brun_options *o = r->options;
    char why[700];

    r->counterparts = calloc(r->list_count, sizeof *r->counterparts);
    if (!r->counterparts) {
        error_line("out of memory");
        return -1;
    }
    for (size_t t = 0; t < r->list_count; t++) {
        struct counterpart *k = &r->counterparts[t];
        k->saved_target = -1;
        if (r->commands) {
            /* Nothing to re-run: compared with the saved numbers. */
            k->saved_target = match_saved_target(r, t);
            continue;
        }
        if (o->compare_count > 0) {
            k->old_path = o->compare_with[t];
        } else {
            k->saved_target = match_saved_target(r, t);
            const char *problem =
                k->saved_target >= 0
                    ? r->baseline.targets[k->saved_target].copy_problem
                    : NULL;
            if (problem)
                brun_warn(&r->results.context,
                          "%s: comparing %s with the saved numbers only",
                          problem, r->paths[t]);
            if (k->saved_target >= 0 && o->rerun_baseline)
                k->old_path = r->baseline.executables[k->saved_target];
            const struct brun_baseline_target *kept =
                k->saved_target >= 0 ? &r->baseline.targets[k->saved_target]
                                     : NULL;
            /* Say why the comparison is the weaker saved-numbers one. */
            if (kept && o->rerun_baseline && !k->old_path &&
                kept->not_stored_because)
                brun_warn(&r->results.context,
                          "the baseline holds no copy of %s (%s): comparing "
                          "with its saved numbers instead",
                          r->paths[t], kept->not_stored_because);
        }
        if (!k->old_path)
            continue;
        if (brun_discover(k->old_path, o->timeout_s, &k->old_list, why,
                          sizeof why) == 0)
            continue;
        if (o->compare_count > 0) {
            error_line("--compare %s: %s", k->old_path, why);
            return -1;
        }
        brun_warn(&r->results.context,
                  "the baseline's copy of %s cannot run (%s): comparing "
                  "with its saved numbers instead",
                  r->paths[t], why);
        k->old_path = NULL;
    }
    return 0;
}

static char *joined_command_line(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

static uint64_t fresh_seed(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t mixed = ((uint64_t)ts.tv_sec * 1000000007u) ^
                     (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32);
    return mixed % (BRUN_MAX_SEED + 1);
}

static int fill_context(struct run *r, int argc, char **argv)
{
    const struct brun_options *o = r->options;
    struct brun_context *c = &r->results.context;
    time_t now = time(NULL);
    struct tm utc;

    c->benchrun_version = PACKAGE_VERSION;
    gmtime_r(&now, &utc);
    strftime(c->date, sizeof c->date, "%Y-%m-%dT%H:%M:%SZ", &utc);
    c->seed = o->seed_given ? o->seed : fresh_seed();
    c->command_line = joined_command_line(argc, argv);
    brun_clock_calibrate(o->clock, &c->clock);
    brun_host_probe(&c->host);
    c->settings.rounds = o->rounds;
    c->settings.samples = o->samples;
    c->settings.warmup_ms = o->warmup_s * 1e3;
    c->settings.sample_ms = o->sample_s * 1e3;
    c->settings.budget_s = o->budget_s;
    c->settings.timeout_s = o->timeout_s;
    c->settings.iterations = o->iterations;
    c->settings.jitter = o->jitter;

    r->results.targets = calloc(r->list_count, sizeof *r->results.targets);
    if (!r->results.targets)
        return -1;
    r->results.target_count = r->list_count;
    for (size_t t = 0; t < r->list_count; t++) {
        struct brun_target_info *info = &r->results.targets[t];
        info->path = strdup(r->paths[t]);
        info->library_version = strdup(r->lists[t].library_version);
        info->protocol = r->lists[t].protocol;
        info->case_count = r->lists[t].count;
    }
    brun_check_environment(c, (const char *const *)r->paths, r->lists,
                           r->list_count);
    return 0;
}

/* ---- Comparison summary ----------------------------------------------- */

static const struct brun_case_result *
saved_case(const struct run *r, long saved_target, const char *name)
{
    const struct brun_results *b = &r->baseline.results;
    for (size_t i = 0; saved_target >= 0 && i < b->case_count; i++)
        if ((long)b->cases[i].target == saved_target &&
            strcmp(b->cases[i].name, name) == 0)
            return &b->cases[i];
    return NULL;
}

static const struct brun_listed_case *old_case(const struct counterpart *k,
                                               const char *name)
{
    for (size_t i = 0; k->old_path && i < k->old_list.count; i++)
        if (strcmp(k->old_list.cases[i].name, name) == 0)
            return &k->old_list.cases[i];
    return NULL;
}

static int in_new_build(const struct run *r, size_t target, const char *name)
{
    for (size_t i = 0; i < r->lists[target].count; i++)
        if (strcmp(r->lists[target].cases[i].name, name) == 0)
            return 1;
    return 0;
}

static int add_missing(struct brun_comparison_summary *s, const char *name,
                       double baseline_ns)
{
    struct brun_missing_case *grown =
        realloc(s->missing, (s->missing_count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    s->missing = grown;
    s->missing[s->missing_count].name = strdup(name);
    s->missing[s->missing_count].baseline_ns = baseline_ns;
    s->missing_count++;
    return 0;
}

/* Baseline cases (that pass the filter) the new build no longer has. */
static void collect_missing(struct run *r)
{
    struct brun_comparison_summary *s = r->results.comparison;
    for (size_t t = 0; t < r->list_count; t++) {
        const struct counterpart *k = &r->counterparts[t];
        if (k->old_path) {
            for (size_t i = 0; i < k->old_list.count; i++) {
                const char *name = k->old_list.cases[i].name;
                const struct brun_case_result *saved =
                    saved_case(r, k->saved_target, name);
                if (matches_filter(r, name) && !in_new_build(r, t, name))
                    add_missing(s, name,
                                saved ? brun_rounds_geomean(saved->rounds,
                                                            saved->round_count)
                                      : 0);
            }
        } else if (k->saved_target >= 0) {
            const struct brun_results *b = &r->baseline.results;
            for (size_t i = 0; i < b->case_count; i++)
                if ((long)b->cases[i].target == k->saved_target &&
                    matches_filter(r, b->cases[i].name) &&
                    !in_new_build(r, t, b->cases[i].name))
                    add_missing(s, b->cases[i].name,
                                brun_rounds_geomean(b->cases[i].rounds,
                                                    b->cases[i].round_count));
        }
    }
}

/* The summary's description of the comparison; fingerprint differences
 * are added after measuring (they include the compilers). */
static int start_summary(struct run *r)
{
    const struct brun_options *o = r->options;
    struct brun_comparison_summary *s = calloc(1, sizeof *s);
    char against[4200];
    if (!s)
        return -1;
    r->results.comparison = s;
    int paired = 1;
    for (size_t t = 0; t < r->list_count; t++)
        if (!r->counterparts[t].old_path)
            paired = 0;
    s->mode = paired ? BRUN_COMPARE_PAIRED : BRUN_COMPARE_INDEPENDENT;
    if (r->have_baseline) {
        snprintf(against, sizeof against, "baseline \"%s\"", o->baseline);
        s->baseline_saved = strdup(r->baseline.saved);
        if (r->baseline.fingerprint.git_commit[0])
            s->baseline_commit =
                strndup(r->baseline.fingerprint.git_commit, 12);
    } else {
        snprintf(against, sizeof against, "%s", o->compare_with[0]);
        for (size_t i = 1; i < o->compare_count; i++) {
            size_t len = strlen(against);
            snprintf(against + len, sizeof against - len, ", %s",
                     o->compare_with[i]);
        }
    }
    s->against = strdup(against);
    brun_compare_plan_init(&r->plan, o, r->results.context.seed, s->mode);
    s->planned_looks = r->plan.look_count;
    /* Set again once the suite's size is known (measure_all). */
    s->alpha_per_look = r->plan.fdr / 2;
    s->confidence = 1 - r->plan.fdr;
    s->session_noise = r->plan.session_noise;
    s->fdr = r->plan.fdr;
    s->gate_alpha = r->plan.gate_alpha;
    s->fail_above = r->plan.fail_above;
    return 0;
}

static void add_fingerprint_diffs(struct run *r)
{
    struct brun_comparison_summary *s = r->results.comparison;
    struct brun_fingerprint now;
    char text[4096];
    if (!r->have_baseline)
        return;
    brun_fingerprint_of(&r->results, &now);
    size_t n = brun_fingerprint_diff(&r->baseline.fingerprint, &now, text,
                                     sizeof text);
    if (n == 0)
        return;
    s->fingerprint_diffs = calloc(n, sizeof *s->fingerprint_diffs);
    if (!s->fingerprint_diffs)
        return;
    for (char *line = strtok(text, "\n"); line && s->fingerprint_diff_count < n;
         line = strtok(NULL, "\n")) {
        /* A change is expected to have another commit: not a warning. */
        if (strncmp(line, "git ", 4) == 0)
            continue;
        s->fingerprint_diffs[s->fingerprint_diff_count++] = strdup(line);
    }
}

/* ---- Measuring -------------------------------------------------------- */

/* Whether sel will be compared with a baseline build or saved numbers
 * (what measure_one() decides), for the size of the suite's family. */
static int will_compare(const struct run *r, const struct selected *sel)
{
    const struct counterpart *k = &r->counterparts[sel->target];
    if (old_case(k, sel->listed->name))
        return 1;
    const struct brun_case_result *saved =
        saved_case(r, k->saved_target, sel->listed->name);
    return saved && saved->status == BRUN_STATUS_OK && saved->round_count >= 2;
}

/* Measures (or compares) one case.  0, BRUN_MEASURE_INTERRUPTED or
 * BRUN_MEASURE_NO_MEMORY. */
static int measure_one(struct run *r, const struct selected *sel,
                       const struct brun_measure_env *env,
                       struct brun_case_result *out);

/* Measures one case, then counts what --metric asks for. */
static int measure_and_count(struct run *r, const struct selected *sel,
                             const struct brun_measure_env *env,
                             struct brun_case_result *out)
{
    int status = measure_one(r, sel, env, out);
    if (status != 0 || !r->diagnose.want)
        return status;
    const char *path = r->paths[sel->target];
    const char *old_path = NULL;
    const struct brun_listed_case *old = NULL;
    const struct brun_case_result *saved = NULL;
    if (comparing(r)) {
        const struct counterpart *k = &r->counterparts[sel->target];
        old = old_case(k, sel->listed->name);
        old_path = old ? k->old_path : NULL;
        saved = saved_case(r, k->saved_target, sel->listed->name);
    }
    if (brun_diagnose_case(&r->diagnose, env, path, sel->listed, old_path, old,
                           saved, out) != 0)
        return BRUN_MEASURE_INTERRUPTED;
    return 0;
}

static int measure_one(struct run *r, const struct selected *sel,
                       const struct brun_measure_env *env,
                       struct brun_case_result *out)
{
    const char *path = r->paths[sel->target];
    struct brun_command cmd = {path,
                               r->options->command_shell,
                               r->options->setup,
                               r->options->prepare,
                               r->options->command_output,
                               r->options->timeout_s};
    if (r->commands && !comparing(r))
        return brun_command_measure(&cmd, sel->target, sel->listed, env, out);
    if (!comparing(r))
        return brun_measure_case(path, sel->target, sel->listed, env, out);

    const struct counterpart *k = &r->counterparts[sel->target];
    const struct brun_case_result *saved =
        saved_case(r, k->saved_target, sel->listed->name);
    if (saved && saved->status != BRUN_STATUS_OK)
        saved = NULL; /* failed when saved: nothing to compare with */
    const struct brun_listed_case *old = old_case(k, sel->listed->name);
    if (old)
        return brun_compare_interleaved(
            path, k->old_path, sel->target, sel->listed, old,
            saved ? saved->plan.iterations : 0, env, &r->plan, out);
    if (saved && saved->round_count >= 2 && r->commands)
        return brun_command_compare_saved(&cmd, sel->target, sel->listed, saved,
                                          env, &r->plan, out);
    if (saved && saved->round_count >= 2)
        return brun_compare_saved(path, sel->target, sel->listed, saved, env,
                                  &r->plan, out);

    /* A case the baseline does not have: measure it, mark it new. */
    if ((r->commands
             ? brun_command_measure(&cmd, sel->target, sel->listed, env, out)
             : brun_measure_case(path, sel->target, sel->listed, env, out)) !=
        0)
        return BRUN_MEASURE_INTERRUPTED;
    out->comparison = calloc(1, sizeof *out->comparison);
    if (!out->comparison) {
        brun_case_result_release(out);
        return BRUN_MEASURE_NO_MEMORY;
    }
    out->comparison->presence = BRUN_PRESENT_NEW_ONLY;
    out->comparison->new_ns =
        brun_rounds_geomean(out->rounds, out->round_count);
    r->results.comparison->new_count++;
    return 0;
}

/* The measuring settings from the options, and the run's random
 * numbers.  0 or -1 (memory). */
static int prepare_env(struct run *r)
{
    const struct brun_options *o = r->options;
    struct brun_measure_env *env = &r->env;
    struct brun_progress *progress = &r->progress;
    env->settings = (struct brun_measure_settings){
        .rounds = o->rounds,
        .samples = o->samples,
        .warmup_s = o->warmup_s,
        .sample_s = o->sample_s,
        .budget_s = o->budget_s,
        .timeout_s = o->timeout_s,
        .iterations = o->iterations,
        .jitter = o->jitter,
    };
    env->clock = &r->results.context.clock;
    env->rng = brun_rng_new(r->results.context.seed);
    env->progress = brun_progress_update;
    env->progress_ctx = progress;
    env->counters = brun_diagnose_counters_in_rounds(&r->diagnose);
    return env->rng ? 0 : -1;
}

static int measure_all(struct run *r)
{
    const struct brun_options *o = r->options;
    struct brun_progress *progress = &r->progress;
    struct brun_measure_env *env = &r->env;

    r->results.cases = calloc(r->selected_count, sizeof *r->results.cases);
    if (!r->results.cases)
        return BRUN_MEASURE_NO_MEMORY;
    if (prepare_env(r) != 0)
        return BRUN_MEASURE_NO_MEMORY;
    brun_progress_init(progress, o->verbosity >= 0 && isatty(STDERR_FILENO),
                       r->selected_count);
    if (comparing(r)) {
        /* The suite's size sets every case's level, and a case stops
         * early only on a decision that survives the suite. */
        size_t family = 0;
        for (size_t i = 0; i < r->selected_count; i++)
            family += (size_t)will_compare(r, &r->selected[i]);
        r->plan.family = family ? family : 1;
        r->results.comparison->alpha_per_look =
            r->plan.fdr / (2.0 * (double)r->plan.family);
        r->results.comparison->confidence =
            1 - r->plan.fdr / (double)r->plan.family;
    }
    int status = 0;
    for (size_t i = 0; i < r->selected_count; i++) {
        progress->index = i + 1;
        status =
            measure_and_count(r, &r->selected[i], env, &r->results.cases[i]);
        if (status != 0)
            break;
        r->results.case_count = i + 1;
    }
    brun_progress_clear(progress);
    return status;
}

/* ---- After measuring -------------------------------------------------- */

static int write_json(FILE *out, void *ctx)
{
    brun_json_write_results(out, ctx);
    return 0;
}

/* The Markdown report: the results and the --markdown-layout. */
struct markdown_job {
    const struct brun_results *results;
    enum brun_markdown_layout layout;
};

static int write_markdown(FILE *out, void *ctx)
{
    const struct markdown_job *job = ctx;
    struct brun_markdown_options options;
    brun_markdown_options_init(&options);
    options.layout = job->layout;
    brun_markdown_write(out, job->results, &options);
    return 0;
}

static int write_html(FILE *out, void *ctx)
{
    brun_html_write_results(out, ctx);
    return 0;
}

/* One export: the results and the format to write them in. */
struct export_job {
    const struct brun_results *results;
    enum brun_export_format format;
};

static int write_export(FILE *out, void *ctx)
{
    const struct export_job *job = ctx;
    brun_export_write(out, job->format, job->results);
    return 0;
}

/* Writes --report, --html, --export and --json, each as output_path.h says ("-"
 * is stdout, links followed, FIFOs and devices written in place, regular
 * files replaced atomically).  Returns the
 * exit status to keep: status, or BRUN_EXIT_USAGE when a file could not
 * be written. */
static int write_files(const struct run *r, int status)
{
    const struct brun_options *o = r->options;
    char why[512];

    struct markdown_job markdown = {
        &r->results, (enum brun_markdown_layout)o->markdown_layout};
    if (o->report_path && brun_output_write(o->report_path, write_markdown,
                                            &markdown, why, sizeof why) != 0) {
        error_line("--report %s: %s", o->report_path, why);
        status = BRUN_EXIT_USAGE;
    }
    if (o->html_path &&
        brun_output_write(o->html_path, write_html, (void *)&r->results, why,
                          sizeof why) != 0) {
        error_line("--html %s: %s", o->html_path, why);
        status = BRUN_EXIT_USAGE;
    }
    for (size_t i = 0; i < o->export_count; i++) {
        struct export_job job = {&r->results, o->exports[i].format};
        if (brun_output_write(o->exports[i].path, write_export, &job, why,
                              sizeof why) != 0) {
            error_line("--export %s=%s: %s",
                       brun_export_format_name(job.format), o->exports[i].path,
                       why);
            status = BRUN_EXIT_USAGE;
        }
    }
    if (o->json_path &&
        brun_output_write(o->json_path, write_json, (void *)&r->results, why,
                          sizeof why) != 0) {
        error_line("--json %s: %s", o->json_path, why);
        status = BRUN_EXIT_USAGE;
    }
    return status;
}

/* "--json -" and the like: the option (with its format) of each output
 * written to standard output, counted in *n; the first two are named in
 * first and second. */
static void dash_outputs(const struct brun_options *o, size_t *n, char *first,
                         char *second, size_t size)
{
    const char *const plain[] = {o->json_path, o->report_path, o->html_path};
    const char *const plain_names[] = {"--json", "--report", "--html"};
    *n = 0;
    for (size_t i = 0; i < 3 + o->export_count; i++) {
        const char *path = i < 3 ? plain[i] : o->exports[i - 3].path;
        if (!path || strcmp(path, "-") != 0)
            continue;
        char *into = *n == 0 ? first : *n == 1 ? second : NULL;
        if (into && i < 3)
            snprintf(into, size, "%s -", plain_names[i]);
        else if (into)
            snprintf(into, size, "--export %s=-",
                     brun_export_format_name(o->exports[i - 3].format));
        (*n)++;
    }
}

/* Checks every output path before measuring (the export formats were
 * checked when the options were set). */
static int check_outputs(const struct brun_options *o)
{
    char why[512], first[64], second[64];
    size_t dashes;
    dash_outputs(o, &dashes, first, second, sizeof first);
    if (dashes > 1) {
        error_line("%s and %s both write to standard output: give all but "
                   "one of them a file",
                   first, second);
        return -1;
    }
    if (o->json_path && brun_output_check(o->json_path, why, sizeof why)) {
        error_line("--json %s: %s", o->json_path, why);
        return -1;
    }
    if (o->report_path && brun_output_check(o->report_path, why, sizeof why)) {
        error_line("--report %s: %s", o->report_path, why);
        return -1;
    }
    if (o->html_path && brun_output_check(o->html_path, why, sizeof why)) {
        error_line("--html %s: %s", o->html_path, why);
        return -1;
    }
    for (size_t i = 0; i < o->export_count; i++) {
        if (brun_output_check(o->exports[i].path, why, sizeof why) != 0) {
            error_line("--export %s=%s: %s",
                       brun_export_format_name(o->exports[i].format),
                       o->exports[i].path, why);
            return -1;
        }
    }
    return 0;
}

/* 1 when --json, --report, --html or an --export writes to standard output
 * ("-"): the console report then goes to standard error, so standard
 * output carries only that file. */
static int stdout_is_a_file(const struct brun_options *o)
{
    int taken = (o->json_path && strcmp(o->json_path, "-") == 0) ||
                (o->report_path && strcmp(o->report_path, "-") == 0) ||
                (o->html_path && strcmp(o->html_path, "-") == 0);
    for (size_t i = 0; i < o->export_count; i++)
        taken |= strcmp(o->exports[i].path, "-") == 0;
    return taken;
}

static int use_color(const struct brun_options *o)
{
    if (o->color >= 0)
        return o->color;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return 0;
    return isatty(stdout_is_a_file(o) ? STDERR_FILENO : STDOUT_FILENO);
}

static size_t failed_cases(const struct brun_results *results)
{
    size_t n = 0;
    for (size_t i = 0; i < results->case_count; i++)
        if (results->cases[i].status == BRUN_STATUS_FAILED)
            n++;
    return n;
}

/* Says, after a save, which targets the store kept no copy of and why:
 * a later --baseline then compares with saved numbers only (no
 * interleaved re-run), which the user should know when saving, not
 * find out from a weaker comparison.  The store's decision is read back
 * from the file just written. */
static void note_copies_not_kept(const struct run *r)
{
    const struct brun_options *o = r->options;
    struct brun_baseline saved;
    char why[1024];
    if (r->commands)
        return; /* commands are never copied, and need not be */
    if (brun_baseline_load(baseline_dir(o), o->save_baseline, &saved, why,
                           sizeof why) != 0)
        return;
    for (size_t i = 0; i < saved.results.target_count; i++)
        if (!saved.executables[i] && saved.targets[i].not_stored_because)
            error_line("note: no copy of %s kept in baseline \"%s\" (%s): "
                       "comparisons with it will use its saved numbers",
                       saved.results.targets[i].path, o->save_baseline,
                       saved.targets[i].not_stored_because);
    brun_baseline_release(&saved);
}

/* Saves the baseline when every case ran.  Returns the exit status to
 * keep (status unchanged, or BRUN_EXIT_USAGE when saving failed). */
static int save_baseline(struct run *r, int status)
{
    const struct brun_options *o = r->options;
    char why[1024], note[1400];
    size_t failed = failed_cases(&r->results);
    if (failed > 0) {
        error_line("not saving baseline \"%s\": %zu case%s failed (see "
                   "above); the saved baseline is unchanged",
                   o->save_baseline, failed, failed == 1 ? "" : "s");
        return status;
    }
    if (brun_baseline_save_noting(baseline_dir(o), o->save_baseline,
                                  &r->results, note, sizeof note, why,
                                  sizeof why) != 0) {
        error_line("cannot save baseline \"%s\": %s", o->save_baseline, why);
        return BRUN_EXIT_USAGE;
    }
    if (note[0])
        error_line("warning: %s", note);
    if (o->verbosity >= 0)
        fprintf(stdout_is_a_file(o) ? stderr : stdout,
                "\nsaved baseline \"%s\" (%zu cases) in %s\n", o->save_baseline,
                r->results.case_count, baseline_dir(o));
    note_copies_not_kept(r);
    return status;
}

static void release_run(struct run *r)
{
    for (size_t t = 0; t < r->list_count; t++) {
        brun_case_list_release(&r->lists[t]);
        if (r->counterparts)
            brun_case_list_release(&r->counterparts[t].old_list);
    }
    free(r->counterparts);
    free(r->lists);
    free(r->selected);
    if (r->have_filter)
        regfree(&r->filter);
    if (r->have_baseline)
        brun_baseline_release(&r->baseline);
    brun_results_release(&r->results);
    if (r->env.rng)
        brun_rng_free(r->env.rng);
    brun_diagnose_release(&r->diagnose);
}

/* --profile / --profile-memory: each selected case matching the
 * pattern, one worker each.  Returns the exit status. */
static int profile_selected(struct run *r, const struct brun_profile_request *q)
{
    regex_t re;
    if (regcomp(&re, q->pattern, REG_EXTENDED | REG_NOSUB) != 0) {
        error_line("bad regular expression \"%s\"", q->pattern);
        return BRUN_EXIT_USAGE;
    }
    if (prepare_env(r) != 0) {
        regfree(&re);
        error_line("out of memory");
        return BRUN_EXIT_USAGE;
    }
    r->env.progress = NULL;
    int status = BRUN_EXIT_OK;
    size_t done = 0;
    for (size_t i = 0; i < r->selected_count && status == BRUN_EXIT_OK; i++) {
        const struct selected *sel = &r->selected[i];
        if (regexec(&re, sel->listed->name, 0, NULL, 0) != 0)
            continue;
        done++;
        const char *path = r->paths[sel->target];
        int rc = q->memory
                     ? brun_memory_profile_case(q, &r->env, &r->diagnose.tools,
                                                path, sel->listed, stdout)
                     : brun_profile_case(q, &r->env, path, sel->listed, stdout);
        if (rc < 0)
            status = interrupted_status() ? interrupted_status()
                                          : BRUN_EXIT_INTERRUPTED;
        else if (rc == 2)
            status = BRUN_EXIT_USAGE;
        else if (rc == 1)
            status = BRUN_EXIT_CASE_FAILED;
    }
    regfree(&re);
    if (done == 0) {
        error_line("--%s %s: no case matches",
                   q->memory ? "profile-memory" : "profile", q->pattern);
        return BRUN_EXIT_USAGE;
    }
    return status;
}

/* The folder profiles and flame graphs go to. */
static const char *profile_dir(const struct brun_options *o)
{
    return o->profile_dir ? o->profile_dir : BRUN_DEFAULT_PROFILE_DIR;
}

/* Profiles both builds of each regressed case, within --explain-time. */
static int explain_regressions(struct run *r)
{
    const struct brun_options *o = r->options;
    if (!o->explain || !comparing(r) || r->commands)
        return 0;
    struct brun_explain_settings settings = {
        .engine = o->explain_engine,
        .dir = profile_dir(o),
        .deadline = brun_now() + o->explain_s,
        .call_graph_dwarf = o->call_graph_dwarf,
    };
    for (size_t i = 0; i < r->results.case_count; i++) {
        struct brun_case_result *c = &r->results.cases[i];
        const struct brun_case_comparison *k = c->comparison;
        if (c->status != BRUN_STATUS_OK || !k ||
            k->presence != BRUN_PRESENT_BOTH || !k->stats.valid ||
            (k->stats.label != BRUN_LABEL_REGRESSED && !k->stats.fails))
            continue;
        const struct selected *sel = &r->selected[i];
        const struct counterpart *cp = &r->counterparts[sel->target];
        const struct brun_listed_case *old = old_case(cp, sel->listed->name);
        if (brun_explain_case(&settings, &r->env, &r->diagnose.tools,
                              r->paths[sel->target], sel->listed,
                              old ? cp->old_path : NULL, old, c) != 0)
            return -1;
    }
    return 0;
}

/* What --command refuses: the options that need a bench executable. */
static int check_commands(const struct brun_options *o)
{
    if (o->target_count > 0) {
        error_line("--command: give commands or bench executables (%s), "
                   "not both",
                   o->targets[0]);
        return -1;
    }
    if (o->compare_count > 0) {
        error_line("--compare does not apply to --command: a command has no "
                   "old build to interleave (save a baseline, then use "
                   "--baseline)");
        return -1;
    }
    if (o->metrics || o->gate_metric >= 0 || o->profile || o->profile_memory) {
        error_line("--metric, --gate-metric, --profile and --profile-memory "
                   "need bench executables, not --command");
        return -1;
    }
    if (o->command_name_count > o->command_count) {
        error_line("--command-name: %zu names for %zu command%s",
                   o->command_name_count, o->command_count,
                   o->command_count == 1 ? "" : "s");
        return -1;
    }
    return 0;
}

/* The cost of an empty spawn, shown beside the commands' times (never
 * subtracted), as a line of the run's context.  0, or -1 (said). */
static int note_spawn_cost(struct run *r)
{
    const struct brun_options *o = r->options;
    char why[600], shown[48];
    double ns;
    if (brun_command_spawn_cost(o->command_shell, BRUN_COMMAND_SPAWN_RUNS,
                                o->timeout_s, &ns, why, sizeof why) != 0) {
        error_line("%s", brun_session_interrupted ? "interrupted" : why);
        return -1;
    }
    brun_format_duration(ns, shown, sizeof shown);
    brun_warn(&r->results.context,
              "commands: an empty spawn (%s%s) costs %s (median of %d runs); "
              "the commands' times include it, nothing is subtracted",
              o->command_shell ? o->command_shell : "/bin/true",
              o->command_shell ? " -c true" : "", shown,
              BRUN_COMMAND_SPAWN_RUNS);
    return 0;
}

/* Everything that can be refused before any target runs. */
static int check_options(struct run *r)
{
    const struct brun_options *o = r->options;
    char why[1024];

    if (o->save_baseline &&
        !brun_baseline_name_valid(o->save_baseline, why, sizeof why)) {
        error_line("--save-baseline: %s", why);
        return -1;
    }
    if (r->commands && check_commands(o) != 0)
        return -1;
    if (r->path_count == 0) {
        error_line("no targets: name bench executables, or list them under "
                   "targets: in benchrun.yml (see benchrun --help)");
        return -1;
    }
    if (o->baseline && o->compare_count > 0) {
        error_line("give --baseline or --compare, not both");
        return -1;
    }
    if (o->compare_count > 0 && o->compare_count != o->target_count) {
        error_line("--compare: %zu old executable%s for %zu target%s; give "
                   "one per target, in the same order",
                   o->compare_count, o->compare_count == 1 ? "" : "s",
                   o->target_count, o->target_count == 1 ? "" : "s");
        return -1;
    }
    if (check_outputs(o) != 0)
        return -1;
    if (o->save_baseline && !o->list &&
        brun_baseline_check_writable(baseline_dir(o), o->save_baseline, why,
                                     sizeof why) != 0) {
        error_line("--save-baseline %s: %s", o->save_baseline, why);
        return -1;
    }
    if (o->baseline && !o->list) {
        if (!brun_baseline_name_valid(o->baseline, why, sizeof why)) {
            error_line("--baseline: %s", why);
            return -1;
        }
        if (brun_baseline_load(baseline_dir(o), o->baseline, &r->baseline, why,
                               sizeof why) != 0) {
            error_line("%s", why);
            return -1;
        }
        r->have_baseline = 1;
    }
    return compile_filter(r);
}

int brun_run(const struct brun_options *o, int argc, char **argv)
{
    struct run r;
    int status = BRUN_EXIT_USAGE;

    memset(&r, 0, sizeof r);
    r.options = o;
    r.commands = o->command_count > 0;
    r.paths = r.commands ? o->commands : o->targets;
    r.path_count = r.commands ? o->command_count : o->target_count;
    if (o->list_baselines)
        return list_baselines(o);
    if (o->delete_baseline)
        return delete_baseline(o);
    if (check_options(&r) != 0 || discover_all(&r) != 0)
        goto out;
    if (select_cases(&r) != 0)
        goto out;
    if (o->list) {
        print_list(&r);
        status = BRUN_EXIT_OK;
        goto out;
    }
    if (check_unique_names(&r) != 0)
        goto out;
    /* A gate with nothing to compare can never fail: say so rather than
     * let a CI job believe it is guarded. */
    if (o->fail_above > 0 && !comparing(&r))
        error_line("warning: --fail-above %g%% has nothing to compare with "
                   "(no --baseline or --compare): no case can fail it",
                   o->fail_above * 100);
    if (fill_context(&r, argc, argv) != 0) {
        error_line("out of memory");
        goto out;
    }
    char why[600];
    if (brun_diagnose_init(&r.diagnose, o,
                           &r.results.context.metrics_availability, why,
                           sizeof why) != 0) {
        error_line("%s", why);
        goto out;
    }
    if (o->profile || o->profile_memory) {
        /* Profiling is its own action: nothing is timed or compared. */
        struct brun_profile_request request = {
            .pattern = o->profile ? o->profile : o->profile_memory,
            .memory = o->profile == NULL,
            .memory_tool = o->memory_tool,
            .dir = profile_dir(o),
            .seconds = o->profile_s,
            .call_graph_dwarf = o->call_graph_dwarf,
            .verbosity = o->verbosity,
        };
        status = profile_selected(&r, &request);
        goto out;
    }
    if (comparing(&r) &&
        (prepare_counterparts(&r) != 0 || start_summary(&r) != 0))
        goto out;
    if (r.commands && note_spawn_cost(&r) != 0)
        goto out;

    FILE *console = stdout_is_a_file(o) ? stderr : stdout;
    struct brun_console_style style = {use_color(o), o->verbosity};
    if (o->verbosity >= 0) {
        brun_console_context(console, &r.results, &style);
        fflush(console);
    }
    int measured = measure_all(&r);
    if (measured == BRUN_MEASURE_INTERRUPTED) {
        error_line("interrupted: nothing was written or saved");
        status =
            interrupted_status() ? interrupted_status() : BRUN_EXIT_INTERRUPTED;
        goto out;
    }
    /* The gate fails closed: a result that could not be kept is no
     * verdict, never a pass. */
    if (measured != 0) {
        error_line("out of memory while measuring: no verdict, nothing was "
                   "written or saved");
        goto out;
    }
    size_t failing = 0;
    if (comparing(&r)) {
        collect_missing(&r);
        add_fingerprint_diffs(&r);
        if (brun_compare_suite(&r.results, &r.plan, &failing) != 0) {
            error_line("out of memory while comparing: no verdict, nothing "
                       "was written or saved");
            goto out;
        }
        failing = brun_metric_judge(&r.results, o);
        if (explain_regressions(&r) != 0) {
            error_line("interrupted: nothing was written or saved");
            status = interrupted_status() ? interrupted_status()
                                          : BRUN_EXIT_INTERRUPTED;
            goto out;
        }
    }
    /* Scaling fits of parameterized families, compared when comparing;
     * a family failing its gate fails like a case. */
    int scaling_failing =
        brun_scaling_build(&r.results, o, r.have_baseline ? &r.baseline : NULL);
    if (scaling_failing < 0) {
        error_line("out of memory while fitting scaling: no verdict, "
                   "nothing was written or saved");
        goto out;
    }
    failing += (size_t)scaling_failing;
    if (comparing(&r)) {
        if (o->verbosity > 0)
            brun_console_table(console, &r.results, &style);
        brun_console_comparison(console, &r.results, &style);
    } else {
        brun_console_table(console, &r.results, &style);
    }
    long breaches = brun_slo_judge(&r.results, o);
    brun_console_slo(console, &r.results, &style);
    fflush(console);

    status = failed_cases(&r.results) > 0  ? BRUN_EXIT_CASE_FAILED
             : failing > 0 || breaches > 0 ? BRUN_EXIT_REGRESSION
                                           : BRUN_EXIT_OK;
    /* A signal from here on stops the steps not yet begun; each file is
     * written atomically, so none is left half-written, and the GitHub
     * client abandons its request in flight and posts nothing more. */
    if (o->save_baseline && !interrupted_status())
        status = save_baseline(&r, status);
    if (!interrupted_status())
        status = write_files(&r, status);
    if (o->github && !interrupted_status()) {
        /* Publishing never changes the verdict: failures only warn. */
        struct brun_github_settings github;
        brun_github_settings_init(&github);
        github.parts = o->github_parts;
        github.stop = &brun_session_interrupted;
        fflush(stdout);
        brun_github_publish(&r.results, &github, status, stderr);
    }
    if (interrupted_status()) {
        error_line("interrupted after measuring: the steps not yet done "
                   "(saving, writing files, posting) were left undone");
        status = interrupted_status();
    }
out:
    release_run(&r);
    return status;
}
