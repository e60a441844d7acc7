/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run.c: one benchrun run, from targets to exit status.
 *
 * The order matters for the exit codes: every target is checked and
 * listed, the filter compiled and the output paths checked before the
 * first measurement, so exit 2 always means nothing was measured.  Then
 * each selected case is measured (a failing case is a result, exit 3),
 * and the reports are written.
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

#include "reports/console.h"
#include "reports/json.h"
#include "runner/atomic_file.h"
#include "runner/discover.h"
#include "runner/host.h"
#include "runner/measure.h"
#include "runner/progress.h"
#include "runner/session.h"
#include "runner/warnings.h"
#include "stats/random.h"

/* A case selected for measurement. */
struct selected {
    size_t target;
    const struct brun_listed_case *listed;
};

struct run {
    const struct brun_options *options;
    struct brun_case_list *lists;
    size_t list_count;
    struct selected *selected;
    size_t selected_count;
    struct brun_results results;
};

static void error_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void error_line(const char *fmt, ...)
{
    va_list ap;
    fputs("benchrun: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int discover_targets(struct run *r)
{
    const struct brun_options *o = r->options;
    char why[700];

    r->lists = calloc(o->target_count, sizeof *r->lists);
    if (!r->lists) {
        error_line("out of memory");
        return -1;
    }
    for (size_t t = 0; t < o->target_count; t++) {
        if (brun_discover(o->targets[t], o->timeout_s, &r->lists[t], why,
                          sizeof why) != 0) {
            if (brun_session_interrupted)
                error_line("interrupted");
            else
                error_line("%s: %s", o->targets[t], why);
            return -1;
        }
        r->list_count = t + 1;
    }
    return 0;
}

static void print_list(const struct run *r)
{
    for (size_t t = 0; t < r->list_count; t++)
        for (size_t i = 0; i < r->lists[t].count; i++) {
            const struct brun_listed_case *c = &r->lists[t].cases[i];
            if (r->options->verbosity > 0)
                printf("%s\t%s:%d\t%s\n", c->name, c->file, c->line,
                       r->options->targets[t]);
            else
                printf("%s\n", c->name);
        }
}

static int select_cases(struct run *r)
{
    const struct brun_options *o = r->options;
    regex_t re;
    size_t total = 0;

    if (o->filter) {
        int rc = regcomp(&re, o->filter, REG_EXTENDED | REG_NOSUB);
        if (rc != 0) {
            char why[256];
            regerror(rc, &re, why, sizeof why);
            error_line("--filter: bad regular expression \"%s\": %s",
                       o->filter, why);
            return -1;
        }
    }
    for (size_t t = 0; t < r->list_count; t++)
        total += r->lists[t].count;
    r->selected = calloc(total ? total : 1, sizeof *r->selected);
    if (!r->selected) {
        if (o->filter)
            regfree(&re);
        error_line("out of memory");
        return -1;
    }
    for (size_t t = 0; t < r->list_count; t++)
        for (size_t i = 0; i < r->lists[t].count; i++) {
            const struct brun_listed_case *c = &r->lists[t].cases[i];
            if (o->filter && regexec(&re, c->name, 0, NULL, 0) != 0)
                continue;
            r->selected[r->selected_count++] = (struct selected){t, c};
        }
    if (o->filter)
        regfree(&re);
    if (r->selected_count == 0) {
        if (o->filter)
            error_line("no case matches --filter \"%s\" (%zu cases listed; "
                       "see --list)",
                       o->filter, total);
        else
            error_line("the targets register no cases");
        return -1;
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
        info->path = strdup(o->targets[t]);
        info->library_version = strdup(r->lists[t].library_version);
        info->protocol = r->lists[t].protocol;
        info->case_count = r->lists[t].count;
    }
    brun_check_environment(c, (const char *const *)o->targets, r->lists,
                           r->list_count);
    return 0;
}

/* Measures every selected case.  Returns 0, or -1 when interrupted. */
static int measure_all(struct run *r)
{
    const struct brun_options *o = r->options;
    struct brun_progress progress;
    struct brun_measure_env env;

    r->results.cases = calloc(r->selected_count, sizeof *r->results.cases);
    if (!r->results.cases)
        return -1;
    env.options = o;
    env.clock = &r->results.context.clock;
    env.rng = brun_rng_new(r->results.context.seed);
    env.progress = brun_progress_update;
    env.progress_ctx = &progress;
    if (!env.rng)
        return -1;
    brun_progress_init(&progress, o->verbosity >= 0 && isatty(STDERR_FILENO),
                       r->selected_count);
    int status = 0;
    for (size_t i = 0; i < r->selected_count; i++) {
        const struct selected *sel = &r->selected[i];
        progress.index = i + 1;
        if (brun_measure_case(o->targets[sel->target], sel->target,
                              sel->listed, &env,
                              &r->results.cases[i]) != 0) {
            status = -1;
            break;
        }
        r->results.case_count = i + 1;
    }
    brun_progress_clear(&progress);
    brun_rng_free(env.rng);
    return status;
}

static int write_json(FILE *out, void *ctx)
{
    brun_json_write_results(out, ctx);
    return 0;
}

static int use_color(const struct brun_options *o)
{
    if (o->color >= 0)
        return o->color;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return 0;
    return isatty(STDOUT_FILENO);
}

static int exit_status(const struct brun_results *results)
{
    for (size_t i = 0; i < results->case_count; i++)
        if (results->cases[i].status == BRUN_STATUS_FAILED)
            return BRUN_EXIT_CASE_FAILED;
    return BRUN_EXIT_OK;
}

static void release_run(struct run *r)
{
    for (size_t t = 0; t < r->list_count; t++)
        brun_case_list_release(&r->lists[t]);
    free(r->lists);
    free(r->selected);
    brun_results_release(&r->results);
}

int brun_run(const struct brun_options *o, int argc, char **argv)
{
    struct run r = {0};
    char why[512];
    int status = BRUN_EXIT_USAGE;

    r.options = o;
    if (o->target_count == 0) {
        error_line("no targets: name one or more bench executables "
                   "(see benchrun --help)");
        return BRUN_EXIT_USAGE;
    }
    if (o->json_path && brun_check_writable(o->json_path, why, sizeof why)) {
        error_line("--json %s: %s", o->json_path, why);
        return BRUN_EXIT_USAGE;
    }
    if (discover_targets(&r) != 0)
        goto out;
    if (o->list) {
        print_list(&r);
        status = BRUN_EXIT_OK;
        goto out;
    }
    if (select_cases(&r) != 0)
        goto out;
    if (fill_context(&r, argc, argv) != 0) {
        error_line("out of memory");
        goto out;
    }

    struct brun_console_style style = {use_color(o), o->verbosity};
    if (o->verbosity >= 0) {
        brun_console_context(stdout, &r.results, &style);
        fflush(stdout);
    }
    if (measure_all(&r) != 0) {
        error_line("interrupted: nothing was written");
        status = BRUN_EXIT_INTERRUPTED;
        goto out;
    }
    brun_console_table(stdout, &r.results, &style);
    fflush(stdout);
    status = exit_status(&r.results);
    if (o->json_path &&
        brun_atomic_write(o->json_path, write_json, &r.results, why,
                          sizeof why) != 0) {
        error_line("--json %s: %s", o->json_path, why);
        status = BRUN_EXIT_USAGE;
    }
out:
    release_run(&r);
    return status;
}
