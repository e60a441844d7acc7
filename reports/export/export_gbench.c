/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export_gbench.c: the results as Google Benchmark JSON, shaped like the
 * output of a benchmark run with --benchmark_repetitions=N, so
 * tools/compare.py and dashboards that import Google Benchmark read it.
 *
 * Each round (one worker process) is one repetition: run_type
 * "iteration", real_time = the round's estimate (the 20 % trimmed mean of
 * its samples' time per iteration, the number benchrun compares),
 * cpu_time = the worker thread's CPU time per iteration over the round,
 * iterations = the round's timed iterations.  A multi-threaded case's
 * entries read as Google Benchmark's own ->Threads(N) runs (team_size).
 * With two or more rounds the
 * aggregates follow, computed here from those repetitions as Google
 * Benchmark does: mean, median, stddev (time) and cv (percentage, as a
 * ratio), each with iterations = the number of repetitions, as Google
 * Benchmark writes it.  A failed case is one entry with error_occurred and
 * error_message, a skipped one an entry with skipped and skip_message,
 * both with zero times as Google Benchmark writes them.  The context
 * carries what the model knows; mhz_per_cpu is the TSC rate when the TSC
 * is the clock (0 otherwise), caches is empty, load_avg has the 1-minute
 * value only.  Metrics (--metric) are user counters: one more field per
 * metric on each repetition and aggregate, named by brun_metric_name()
 * ("instructions", "allocations", ...), per iteration as measured (a
 * counter's value in that round, an exact metric's one value in every
 * round).  benchrun_counter() figures are user counters too, named as
 * the case named them ("counter_" in front of a name that is a field
 * already), the round's figure on a repetition and the aggregate of the
 * rounds' figures on an aggregate.  A parameterized family (scaling.h) ends the list as Google
 * Benchmark's complexity runs do: "FAMILY_BigO" (cpu_coefficient and
 * real_coefficient in ns, big_o "(1)", "lgN", "N", "NlgN", "N^2" or
 * "N^3"; for the log shapes the coefficient is of log2 N, as Google
 * Benchmark's is) and "FAMILY_RMS" (rms, the residual relative to the
 * mean).  Numbers go through json_writer.h: never NaN or Infinity
 * (Google Benchmark itself writes those).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/export/export.h"
#include "reports/export/export_fields.h"
#include "reports/model/wording.h"
#include "reports/text/json_writer.h"

/* Spread of one field over the repetitions. */
struct spread {
    double mean, median, sd, cv;
};

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Mean, median, sample standard deviation (two passes) and sd/mean of
 * x[0..n), n >= 2.  Sorts x. */
static struct spread spread_of(double *x, size_t n)
{
    struct spread s = {0, 0, 0, 0};
    double sum = 0, squares = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    s.mean = sum / (double)n;
    for (size_t i = 0; i < n; i++)
        squares += (x[i] - s.mean) * (x[i] - s.mean);
    s.sd = sqrt(squares / (double)(n - 1));
    s.cv = s.mean != 0 ? s.sd / s.mean : 0;
    qsort(x, n, sizeof *x, compare_doubles);
    s.median = n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
    return s;
}

static double pick(const struct spread *s, const char *aggregate)
{
    if (strcmp(aggregate, "mean") == 0)
        return s->mean;
    if (strcmp(aggregate, "median") == 0)
        return s->median;
    if (strcmp(aggregate, "stddev") == 0)
        return s->sd;
    return s->cv;
}

static uint64_t round_iterations(const struct brun_round_result *r)
{
    uint64_t n = 0;
    for (size_t i = 0; i < r->sample_count; i++)
        n += r->samples[i].iterations;
    return n;
}

static double round_cpu(const struct brun_round_result *r)
{
    double cpu = 0, n = 0;
    for (size_t i = 0; i < r->sample_count; i++) {
        cpu += (double)r->samples[i].cpu_ns;
        n += (double)r->samples[i].iterations;
    }
    return n > 0 ? cpu / n : 0;
}

/* A multi-threaded case's threads, 1 for others.  Google Benchmark
 * counts every thread's iterations and divides the wall time by them
 * (real_time is 1 / the aggregate rate) while cpu_time stays each
 * thread's: the entries follow it, so its compare.py reads them as it
 * reads its own ->Threads(N) runs. */
static unsigned team_size(const struct brun_case_result *c)
{
    return c->threads > 1 ? c->threads : 1;
}

/* The fields every entry starts with. */
static void entry_head(struct brun_json *j, const char *name,
                       const char *run_name, size_t family,
                       const char *run_type, uint64_t repetitions)
{
    brun_json_string(j, "name", name);
    brun_json_uint(j, "family_index", family);
    brun_json_uint(j, "per_family_instance_index", 0);
    brun_json_string(j, "run_name", run_name);
    brun_json_string(j, "run_type", run_type);
    brun_json_uint(j, "repetitions", repetitions);
}

static void times(struct brun_json *j, uint64_t iterations, double real,
                  double cpu)
{
    brun_json_uint(j, "iterations", iterations);
    brun_json_number(j, "real_time", real);
    brun_json_number(j, "cpu_time", cpu);
    brun_json_string(j, "time_unit", "ns");
}

static void write_unmeasured(struct brun_json *j, const char *name,
                             size_t family, const struct brun_case_result *c)
{
    int failed = c->status == BRUN_STATUS_FAILED;
    brun_json_object_begin(j, NULL);
    entry_head(j, name, name, family, "iteration", 1);
    brun_json_uint(j, "repetition_index", 0);
    brun_json_uint(j, "threads", 1);
    brun_json_bool(j, failed ? "error_occurred" : "skipped", 1);
    brun_json_string(j, failed ? "error_message" : "skip_message",
                     brun_wording_reason(c));
    times(j, 0, 0, 0);
    brun_json_object_end(j);
}

/* A metric's value in round i: its per-round value for a counter read
 * every round, else the one value (an exact metric, one pass). */
static double metric_in_round(const struct brun_metric *m, size_t i)
{
    return m->per_round && i < m->round_count ? m->per_round[i] : m->value;
}

/* Keys an entry has already: a user counter named so is written with
 * "counter_" in front, so it never replaces one of them. */
static int reserved_key(const char *name)
{
    static const char *const keys[] = {"name",
                                       "run_name",
                                       "run_type",
                                       "repetitions",
                                       "repetition_index",
                                       "threads",
                                       "iterations",
                                       "real_time",
                                       "cpu_time",
                                       "time_unit",
                                       "bytes_per_second",
                                       "items_per_second",
                                       "aggregate_name",
                                       "aggregate_unit",
                                       "family_index",
                                       "per_family_instance_index",
                                       "error_occurred",
                                       "error_message",
                                       "skipped",
                                       "skip_message",
                                       "label",
                                       "big_o",
                                       "rms",
                                       "cpu_coefficient",
                                       "real_coefficient"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(name, keys[i]) == 0)
            return 1;
    return brun_metric_lookup(name) >= 0;
}

/* benchrun_counter() figures as Google Benchmark user counters: one
 * field per counter, named as the case named it (see reserved_key), its
 * figure in that round on a repetition, the aggregate agg of its figures
 * on an aggregate. */
static void write_user_counters(struct brun_json *j,
                                const struct brun_case_result *c, size_t round,
                                const char *agg)
{
    for (size_t k = 0; k < c->counter_count; k++) {
        const struct brun_user_counter *u = &c->counters[k];
        char key[BENCHRUN_COUNTER_NAME_MAX + 16];
        snprintf(key, sizeof key, "%s%s",
                 reserved_key(u->name) ? "counter_" : "", u->name);
        if (!agg) {
            brun_json_number(j, key,
                             round < u->round_count ? u->per_round[round]
                                                    : u->value);
            continue;
        }
        struct spread sp = spread_of(u->per_round, u->round_count);
        brun_json_number(j, key, pick(&sp, agg));
    }
}

/* The metrics as user counters, extra fields named by brun_metric_name()
 * the way Google Benchmark writes state.counters: the round's value on a
 * repetition (round < n), the aggregate agg of the rounds' values on an
 * aggregate (round == n, agg not NULL). */
static void write_counters(struct brun_json *j,
                           const struct brun_case_result *c, size_t round,
                           const char *agg)
{
    const size_t n = c->round_count;
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        const struct brun_metric *mt = &c->metrics[m];
        const char *key = brun_metric_name((enum brun_metric_id)m);
        if (!mt->measured)
            continue;
        if (!agg) {
            brun_json_number(j, key, metric_in_round(mt, round));
            continue;
        }
        double *x = malloc((n ? n : 1) * sizeof *x);
        if (!x)
            continue;
        for (size_t i = 0; i < n; i++)
            x[i] = metric_in_round(mt, i);
        struct spread sp = spread_of(x, n);
        brun_json_number(j, key, pick(&sp, agg));
        free(x);
    }
    write_user_counters(j, c, round, agg);
}

static void write_aggregates(struct brun_json *j, const char *name,
                             size_t family, const struct brun_case_result *c)
{
    static const char *const aggregates[] = {"mean", "median", "stddev", "cv"};
    const size_t n = c->round_count;
    double *x = malloc(4 * n * sizeof *x);
    if (!x)
        return;
    double *real = x, *cpu = x + n, *bytes = x + 2 * n, *items = x + 3 * n;
    for (size_t i = 0; i < n; i++) {
        double t = c->rounds[i].estimate_ns;
        real[i] = t / team_size(c);
        cpu[i] = round_cpu(&c->rounds[i]);
        bytes[i] =
            t > 0 ? brun_case_per_second(c, c->bytes_per_iteration, t) : 0;
        items[i] =
            t > 0 ? brun_case_per_second(c, c->items_per_iteration, t) : 0;
    }
    struct spread s_real = spread_of(real, n), s_cpu = spread_of(cpu, n);
    struct spread s_bytes = spread_of(bytes, n), s_items = spread_of(items, n);
    size_t name_size = strlen(name) + 8;
    char *full = malloc(name_size);
    for (size_t a = 0; full && a < 4; a++) {
        const char *agg = aggregates[a];
        snprintf(full, name_size, "%s_%s", name, agg);
        brun_json_object_begin(j, NULL);
        entry_head(j, full, name, family, "aggregate", n);
        brun_json_uint(j, "threads", team_size(c));
        brun_json_string(j, "aggregate_name", agg);
        brun_json_string(j, "aggregate_unit", a == 3 ? "percentage" : "time");
        /* Google Benchmark's aggregates count repetitions here, not
         * iterations (ComputeStats: iterations = the number of runs). */
        times(j, n, pick(&s_real, agg), pick(&s_cpu, agg));
        if (c->bytes_per_iteration > 0)
            brun_json_number(j, "bytes_per_second", pick(&s_bytes, agg));
        if (c->items_per_iteration > 0)
            brun_json_number(j, "items_per_second", pick(&s_items, agg));
        write_counters(j, c, n, agg);
        brun_json_object_end(j);
    }
    free(full);
    free(x);
}

static void write_case(struct brun_json *j, const char *name, size_t family,
                       const struct brun_case_result *c)
{
    if (c->status != BRUN_STATUS_OK) {
        write_unmeasured(j, name, family, c);
        return;
    }
    for (size_t i = 0; i < c->round_count; i++) {
        const struct brun_round_result *round = &c->rounds[i];
        double t = round->estimate_ns;
        brun_json_object_begin(j, NULL);
        entry_head(j, name, name, family, "iteration", c->round_count);
        brun_json_uint(j, "repetition_index", i);
        brun_json_uint(j, "threads", team_size(c));
        times(j, round_iterations(round) * team_size(c), t / team_size(c),
              round_cpu(round));
        if (c->bytes_per_iteration > 0 && t > 0)
            brun_json_number(
                j, "bytes_per_second",
                brun_case_per_second(c, c->bytes_per_iteration, t));
        if (c->items_per_iteration > 0 && t > 0)
            brun_json_number(
                j, "items_per_second",
                brun_case_per_second(c, c->items_per_iteration, t));
        write_counters(j, c, i, NULL);
        brun_json_object_end(j);
    }
    if (c->round_count >= 2)
        write_aggregates(j, name, family, c);
}

static void write_context(struct brun_json *j, const struct brun_results *r)
{
    const struct brun_context *c = &r->context;
    brun_json_object_begin(j, "context");
    brun_json_string(j, "date", c->date);
    brun_json_string(j, "host_name", c->host.hostname);
    if (r->target_count == 1) {
        brun_json_string(j, "executable", r->targets[0].path);
    } else {
        /* Several targets: their paths, one per line. */
        size_t size = 1;
        for (size_t i = 0; i < r->target_count; i++)
            size += strlen(r->targets[i].path ? r->targets[i].path : "") + 1;
        char *all = malloc(size);
        if (all) {
            all[0] = '\0';
            for (size_t i = 0; i < r->target_count; i++) {
                if (i)
                    strcat(all, "\n");
                strcat(all, r->targets[i].path ? r->targets[i].path : "");
            }
        }
        brun_json_string(j, "executable", all ? all : "");
        free(all);
    }
    brun_json_int(j, "num_cpus", c->host.cpus);
    brun_json_int(j, "mhz_per_cpu",
                  c->clock.kind == BRUN_CLOCK_TSC &&
                          isfinite(c->clock.ticks_per_second)
                      ? (long long)llround(c->clock.ticks_per_second / 1e6)
                      : 0);
    if (c->host.governor[0])
        brun_json_bool(j, "cpu_scaling_enabled",
                       strcmp(c->host.governor, "performance") != 0);
    if (c->host.aslr >= 0)
        brun_json_bool(j, "aslr_enabled", c->host.aslr != 0);
    brun_json_array_begin(j, "caches");
    brun_json_array_end(j);
    brun_json_array_begin(j, "load_avg");
    brun_json_number(j, NULL, c->host.load_average);
    brun_json_array_end(j);
    brun_json_string(j, "library_version", c->benchrun_version);
    brun_json_string(j, "library_build_type", "release");
    brun_json_int(j, "json_schema_version", 1);
    brun_json_string(j, "benchrun_version", c->benchrun_version);
    brun_json_string(j, "benchrun_clock", brun_clock_name(c->clock.kind));
    brun_json_uint(j, "benchrun_seed", c->seed);
    brun_json_object_end(j);
}

/* Google Benchmark's name of a shape (BigO's "big_o"), and the factor
 * from benchrun's natural log to its log2 in the log shapes. */
static const char *gbench_big_o(enum brun_complexity c, double *factor)
{
    *factor = 1;
    switch (c) {
    case BRUN_O_1:
        return "(1)";
    case BRUN_O_LOG_N:
        *factor = log(2);
        return "lgN";
    case BRUN_O_N:
        return "N";
    case BRUN_O_N_LOG_N:
        *factor = log(2);
        return "NlgN";
    case BRUN_O_N2:
        return "N^2";
    case BRUN_O_N3:
        return "N^3";
    default:
        return "f(N)";
    }
}

/* A family's fit as Google Benchmark writes a complexity run: the
 * "FAMILY_BigO" aggregate with the coefficients and "FAMILY_RMS" with
 * the relative RMS residual. */
static void write_scaling(struct brun_json *j, const struct brun_scaling *s,
                          size_t family)
{
    double factor;
    const char *name = s->family ? s->family : "";
    const char *big_o = gbench_big_o(s->best.shape, &factor);
    size_t size = strlen(name) + sizeof "_BigO";
    char *full = malloc(size);
    if (!full || !s->best.valid) {
        free(full);
        return;
    }
    snprintf(full, size, "%s_BigO", name);
    brun_json_object_begin(j, NULL);
    entry_head(j, full, name, family, "aggregate", s->case_count);
    brun_json_uint(j, "threads", 1);
    brun_json_string(j, "aggregate_name", "BigO");
    brun_json_string(j, "aggregate_unit", "time");
    brun_json_number(j, "cpu_coefficient", s->best.per_item_ns * factor);
    brun_json_number(j, "real_coefficient", s->best.per_item_ns * factor);
    brun_json_string(j, "big_o", big_o);
    brun_json_string(j, "time_unit", "ns");
    brun_json_object_end(j);
    snprintf(full, size, "%s_RMS", name);
    brun_json_object_begin(j, NULL);
    entry_head(j, full, name, family, "aggregate", s->case_count);
    brun_json_uint(j, "threads", 1);
    brun_json_string(j, "aggregate_name", "RMS");
    brun_json_string(j, "aggregate_unit", "percentage");
    brun_json_number(j, "rms", s->best.rms_relative);
    brun_json_object_end(j);
    free(full);
}

void brun_export_gbench(FILE *out, const struct brun_results *r)
{
    struct brun_json j;
    brun_json_init(&j, out, 1);
    brun_json_object_begin(&j, NULL);
    write_context(&j, r);
    brun_json_array_begin(&j, "benchmarks");
    for (size_t i = 0; i < r->case_count; i++) {
        char *name = brun_export_case_name(r, i);
        write_case(&j, name ? name : r->cases[i].name, i, &r->cases[i]);
        free(name);
    }
    for (size_t i = 0; i < r->scaling_count; i++)
        write_scaling(&j, &r->scalings[i], r->case_count + i);
    brun_json_array_end(&j);
    brun_json_object_end(&j);
}
