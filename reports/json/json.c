/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * json.c: writes struct brun_results as the benchrun-results JSON
 * document (see json.h).  A pure function of its input.
 */
#include "config.h"

#include "reports/json/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/text/json_writer.h"

static void write_summary(struct brun_json *j, const char *key,
                          const struct brun_summary *s)
{
    if (s->n == 0) {
        brun_json_null(j, key);
        return;
    }
    brun_json_object_begin(j, key);
    brun_json_uint(j, "n", s->n);
    brun_json_number(j, "mean_ns", s->mean);
    brun_json_number(j, "median_ns", s->median);
    brun_json_number(j, "trimmed_mean_ns", s->trimmed_mean);
    brun_json_number(j, "sd_ns", s->sd);
    brun_json_number(j, "mad_ns", s->mad);
    brun_json_number(j, "min_ns", s->min);
    brun_json_number(j, "max_ns", s->max);
    brun_json_number(j, "q1_ns", s->q1);
    brun_json_number(j, "q3_ns", s->q3);
    brun_json_number(j, "cv", s->cv);
    brun_json_object_begin(j, "outliers");
    brun_json_uint(j, "low_severe", s->low_severe);
    brun_json_uint(j, "low_mild", s->low_mild);
    brun_json_uint(j, "high_mild", s->high_mild);
    brun_json_uint(j, "high_severe", s->high_severe);
    brun_json_object_end(j);
    brun_json_object_end(j);
}

static void write_context(struct brun_json *j, const struct brun_context *c)
{
    brun_json_object_begin(j, "context");
    brun_json_string(j, "date", c->date);
    brun_json_uint(j, "seed", c->seed);
    brun_json_string(j, "command_line", c->command_line);

    brun_json_object_begin(j, "clock");
    brun_json_string(j, "name", brun_clock_name(c->clock.kind));
    brun_json_number(j, "ticks_per_second", c->clock.ticks_per_second);
    brun_json_number(j, "resolution_ns", c->clock.resolution_ns);
    brun_json_number(j, "read_cost_ns", c->clock.read_cost_ns);
    brun_json_number(j, "empty_region_ns", c->clock.empty_region_ns);
    brun_json_bool(j, "invariant", c->clock.invariant);
    brun_json_object_end(j);

    brun_json_object_begin(j, "host");
    brun_json_string(j, "cpu_model", c->host.cpu_model);
    brun_json_int(j, "cpus", c->host.cpus);
    brun_json_string(j, "kernel", c->host.kernel);
    brun_json_string(j, "machine", c->host.machine);
    brun_json_string(j, "hostname", c->host.hostname);
    brun_json_number(j, "load_average", c->host.load_average);
    if (c->host.governor[0])
        brun_json_string(j, "governor", c->host.governor);
    else
        brun_json_null(j, "governor");
    brun_json_int(j, "aslr", c->host.aslr);
    brun_json_object_end(j);

    brun_json_object_begin(j, "settings");
    brun_json_uint(j, "rounds", c->settings.rounds);
    brun_json_uint(j, "samples", c->settings.samples);
    brun_json_number(j, "warmup_ms", c->settings.warmup_ms);
    brun_json_number(j, "sample_ms", c->settings.sample_ms);
    brun_json_number(j, "budget_s", c->settings.budget_s);
    brun_json_number(j, "timeout_s", c->settings.timeout_s);
    brun_json_uint(j, "iterations", c->settings.iterations);
    brun_json_bool(j, "jitter", c->settings.jitter);
    brun_json_object_end(j);

    brun_json_array_begin(j, "warnings");
    for (size_t i = 0; i < c->warning_count; i++)
        brun_json_string(j, NULL, c->warnings[i]);
    brun_json_array_end(j);
    brun_json_string(j, "metrics_availability", c->metrics_availability);
    brun_json_object_end(j);
}

static int any_measured(const struct brun_metric *m)
{
    for (int i = 0; i < BRUN_METRIC_COUNT; i++)
        if (m[i].measured)
            return 1;
    return 0;
}

/* "metrics": only when the case measured any. */
static void write_metrics(struct brun_json *j, const struct brun_metric *m)
{
    if (!any_measured(m))
        return;
    brun_json_object_begin(j, "metrics");
    for (int i = 0; i < BRUN_METRIC_COUNT; i++) {
        if (!m[i].measured)
            continue;
        brun_json_object_begin(j, brun_metric_name((enum brun_metric_id)i));
        brun_json_number(j, "value", m[i].value);
        brun_json_string(j, "per",
                         brun_metric_is_absolute((enum brun_metric_id)i)
                             ? "run"
                             : "iteration");
        brun_json_string(j, "source", brun_metric_source_name(m[i].source));
        brun_json_number(j, "running_share", m[i].running_share);
        if (m[i].per_round) {
            brun_json_array_begin(j, "per_round");
            for (size_t k = 0; k < m[i].round_count; k++)
                brun_json_number(j, NULL, m[i].per_round[k]);
            brun_json_array_end(j);
        }
        brun_json_object_end(j);
    }
    brun_json_object_end(j);
}

/* The case's user counters ("counters"), absent when it has none. */
static void write_counters(struct brun_json *j,
                           const struct brun_case_result *c)
{
    if (c->counter_count == 0)
        return;
    brun_json_object_begin(j, "counters");
    for (size_t i = 0; i < c->counter_count; i++) {
        const struct brun_user_counter *u = &c->counters[i];
        brun_json_object_begin(j, u->name);
        brun_json_string(j, "kind", brun_counter_kind_name(u->kind));
        brun_json_number(j, "value", u->value);
        brun_json_number(j, "sd", u->sd);
        brun_json_number(j, "min", u->min);
        brun_json_number(j, "max", u->max);
        brun_json_bool(j, "higher_is_better", u->higher_is_better);
        brun_json_array_begin(j, "per_round");
        for (size_t r = 0; r < u->round_count; r++)
            brun_json_number(j, NULL, u->per_round[r]);
        brun_json_array_end(j);
        brun_json_object_end(j);
    }
    brun_json_object_end(j);
}

/* A comparison's "counter_changes", absent when the case has none. */
static void write_counter_changes(struct brun_json *j,
                                  const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    if (k->counter_change_count == 0)
        return;
    brun_json_object_begin(j, "counter_changes");
    for (size_t i = 0; i < k->counter_change_count && i < c->counter_count;
         i++) {
        const struct brun_counter_change *ch = &k->counter_changes[i];
        brun_json_object_begin(j, c->counters[i].name);
        brun_json_bool(j, "valid", ch->valid);
        if (ch->valid) {
            brun_json_number(j, "baseline", ch->baseline);
            brun_json_number(j, "ratio", ch->ratio);
            brun_json_number(j, "low", ch->lo);
            brun_json_number(j, "high", ch->hi);
            brun_json_bool(j, "exact", ch->exact);
        }
        brun_json_string(j, "label", brun_label_name(ch->label));
        brun_json_object_end(j);
    }
    brun_json_object_end(j);
}

static void write_explanation(struct brun_json *j,
                              const struct brun_explanation *e)
{
    if (!e->attempted)
        return;
    brun_json_object_begin(j, "explanation");
    brun_json_string(j, "engine", e->engine);
    brun_json_string(j, "unit", e->unit);
    brun_json_number(j, "total_before", e->total_before);
    brun_json_number(j, "total_after", e->total_after);
    brun_json_array_begin(j, "functions");
    for (size_t i = 0; i < e->function_count; i++) {
        const struct brun_function_change *f = &e->functions[i];
        brun_json_object_begin(j, NULL);
        brun_json_string(j, "name", f->name);
        brun_json_number(j, "self_before", f->self_before);
        brun_json_number(j, "self_after", f->self_after);
        brun_json_number(j, "inclusive_before", f->inclusive_before);
        brun_json_number(j, "inclusive_after", f->inclusive_after);
        brun_json_object_end(j);
    }
    brun_json_array_end(j);
    brun_json_string(j, "flamegraph", e->flamegraph);
    brun_json_string(j, "note", e->note);
    brun_json_object_end(j);
}

static void write_metric_changes(struct brun_json *j,
                                 const struct brun_case_comparison *k)
{
    int any = 0;
    for (int i = 0; i < BRUN_METRIC_COUNT; i++)
        any |= k->metric_changes[i].valid;
    if (any) {
        brun_json_object_begin(j, "metric_changes");
        for (int i = 0; i < BRUN_METRIC_COUNT; i++) {
            const struct brun_metric_change *m = &k->metric_changes[i];
            if (!m->valid)
                continue;
            brun_json_object_begin(j, brun_metric_name((enum brun_metric_id)i));
            brun_json_number(j, "baseline", m->baseline);
            brun_json_number(j, "ratio", m->ratio);
            brun_json_number(j, "low", m->lo);
            brun_json_number(j, "high", m->hi);
            brun_json_bool(j, "exact", m->exact);
            brun_json_object_end(j);
        }
        brun_json_object_end(j);
    }
    if (k->gate_on_metric)
        brun_json_string(j, "gate_metric", brun_metric_name(k->gate_metric));
    else
        brun_json_null(j, "gate_metric");
    brun_json_bool(j, "metric_disagrees", k->metric_disagrees);
    write_explanation(j, &k->explanation);
}

static void write_round(struct brun_json *j, const struct brun_round_result *r)
{
    brun_json_object_begin(j, NULL);
    brun_json_uint(j, "index", r->index);
    brun_json_int(j, "pid", r->pid);
    brun_json_uint(j, "iterations", r->iterations);
    brun_json_object_begin(j, "warmup");
    brun_json_uint(j, "samples", r->warmup_samples);
    brun_json_number(j, "ns", r->warmup_ns);
    brun_json_bool(j, "steady", r->warmup_steady);
    brun_json_object_end(j);
    brun_json_number(j, "mean_ns", r->mean_ns);
    brun_json_number(j, "estimate_ns", r->estimate_ns);
    brun_json_uint(j, "disturbed_samples", r->disturbed_samples);
    brun_json_bool(j, "used_all_samples", r->used_all_samples);
    brun_json_uint(j, "blocked_samples", r->blocked_samples);
    brun_json_number(j, "cpu_estimate_ns", r->cpu_estimate_ns);
    brun_json_bool(j, "estimate_from_cpu", r->estimate_from_cpu);
    brun_json_number(j, "wall_s", r->wall_s);
    brun_json_array_begin(j, "samples");
    for (size_t i = 0; i < r->sample_count; i++) {
        const struct brun_sample_result *s = &r->samples[i];
        brun_json_object_begin(j, NULL);
        brun_json_uint(j, "iterations", s->iterations);
        brun_json_uint(j, "ticks", s->ticks);
        brun_json_uint(j, "paused_ticks", s->paused_ticks);
        brun_json_uint(j, "cpu_ns", s->cpu_ns);
        brun_json_uint(j, "ivcsw", s->ivcsw);
        brun_json_number(j, "ns_per_iteration", s->ns_per_iteration);
        brun_json_bool(j, "disturbed", s->disturbed);
        brun_json_object_end(j);
    }
    brun_json_array_end(j);
    brun_json_object_end(j);
}

static void write_throughput(struct brun_json *j,
                             const struct brun_case_result *c)
{
    double mean = c->samples_summary.mean;
    int have_time = c->samples_summary.n > 0 && mean > 0;
    brun_json_object_begin(j, "throughput");
    if (c->bytes_per_iteration > 0) {
        brun_json_number(j, "bytes_per_iteration", c->bytes_per_iteration);
        if (have_time)
            brun_json_number(
                j, "bytes_per_second",
                brun_case_per_second(c, c->bytes_per_iteration, mean));
    }
    if (c->items_per_iteration > 0) {
        brun_json_number(j, "items_per_iteration", c->items_per_iteration);
        if (have_time)
            brun_json_number(
                j, "items_per_second",
                brun_case_per_second(c, c->items_per_iteration, mean));
    }
    brun_json_object_end(j);
}

static const char *end_name(enum brun_compare_end end)
{
    switch (end) {
    case BRUN_END_MAX_ROUNDS:
        return "max_rounds";
    case BRUN_END_BUDGET:
        return "budget";
    case BRUN_END_DECIDED:
        break;
    }
    return "decided";
}

static void write_comparison(struct brun_json *j,
                             const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    if (!k) {
        brun_json_null(j, "comparison");
        return;
    }
    const struct brun_comparison *s = &k->stats;
    brun_json_object_begin(j, "comparison");
    brun_json_string(j, "presence",
                     k->presence == BRUN_PRESENT_BOTH ? "both" : "new");
    brun_json_number(j, "new_ns", k->new_ns);
    if (k->presence != BRUN_PRESENT_BOTH) {
        brun_json_object_end(j);
        return;
    }
    brun_json_string(j, "mode", brun_compare_mode_name(s->mode));
    brun_json_number(j, "baseline_ns", k->baseline_ns);
    brun_json_bool(j, "valid", s->valid);
    brun_json_number(j, "ratio", s->ratio);
    brun_json_number(j, "level", s->confidence);
    brun_json_number(j, "ci_low", s->ci_lo);
    brun_json_number(j, "ci_high", s->ci_hi);
    brun_json_number(j, "alpha", s->alpha_per_look);
    brun_json_number(j, "lower_bound", s->lower);
    brun_json_number(j, "upper_bound", s->upper);
    brun_json_number(j, "p_slower", s->p_slower);
    brun_json_number(j, "p_faster", s->p_faster);
    brun_json_number(j, "p_two_sided", s->p_two);
    brun_json_number(j, "p_slower_bh", s->p_slower_bh);
    brun_json_number(j, "p_faster_bh", s->p_faster_bh);
    brun_json_number(j, "p_slower_holm", s->p_slower_holm);
    brun_json_number(j, "t", s->t);
    brun_json_number(j, "df", s->df);
    brun_json_number(j, "se_log", s->se_log);
    brun_json_number(j, "min_detectable_change", s->mde);
    brun_json_string(j, "statistic", "yuen-trimmed-t");
    brun_json_number(j, "margin", s->margin);
    brun_json_number(j, "p_within_margin", s->p_within);
    brun_json_number(j, "look_share", s->look_share);
    brun_json_uint(j, "family", s->family);
    brun_json_bool(j, "cpu_time", k->cpu_time);
    brun_json_uint(j, "dropped_rounds", k->dropped_rounds);
    if (s->order_estimated) {
        brun_json_object_begin(j, "order_effect");
        brun_json_number(j, "log_second_faster", s->order_effect);
        brun_json_bool(j, "removed", s->order_removed);
        brun_json_number(j, "se", s->order_se);
        brun_json_number(j, "df", s->order_df);
        brun_json_number(j, "p_two_sided", s->order_p);
        brun_json_object_end(j);
    } else {
        brun_json_null(j, "order_effect");
    }
    if (s->mode == BRUN_COMPARE_INDEPENDENT) {
        brun_json_object_begin(j, "session_noise");
        brun_json_number(j, "sd", s->session_noise);
        brun_json_number(j, "df", s->session_noise_df);
        brun_json_bool(j, "estimated", s->session_noise_df > 0);
        brun_json_bool(j, "gate_needs_history", s->gate_needs_history);
        brun_json_object_end(j);
    }
    brun_json_object_begin(j, "bootstrap");
    brun_json_bool(j, "computed", s->boot_ok);
    brun_json_number(j, "ci_low", s->boot_lo);
    brun_json_number(j, "ci_high", s->boot_hi);
    brun_json_object_end(j);
    if (s->mwu_computed) {
        brun_json_object_begin(j, "mann_whitney");
        brun_json_number(j, "u", s->mwu_u);
        brun_json_number(j, "p_slower", s->mwu_p_slower);
        brun_json_number(j, "p_faster", s->mwu_p_faster);
        brun_json_number(j, "p_two_sided", s->mwu_p_two);
        brun_json_bool(j, "exact", s->mwu_exact);
        brun_json_object_end(j);
    } else {
        brun_json_null(j, "mann_whitney");
    }
    brun_json_string(j, "label", brun_label_name(s->label));
    brun_json_string(j, "label_before_suite_correction",
                     brun_label_name(s->case_label));
    brun_json_bool(j, "fails", s->fails);
    brun_json_number(j, "fail_above", k->fail_above);
    brun_json_number(j, "noise_floor", k->noise_floor);
    brun_json_uint(j, "looks", k->looks);
    brun_json_string(j, "ended_by", end_name(k->end));
    brun_json_string(j, "stop_rule", brun_stop_name(k->stop));
    write_metric_changes(j, k);
    write_counter_changes(j, c);
    brun_json_array_begin(j, "baseline_rounds");
    for (size_t i = 0; i < k->baseline_round_count; i++)
        write_round(j, &k->baseline_rounds[i]);
    brun_json_array_end(j);
    brun_json_object_end(j);
}

/* One fit: its per-item cost and R² (the "fits" map). */
static void write_fit_brief(struct brun_json *j, const struct brun_fit *f)
{
    brun_json_object_begin(j, brun_complexity_name(f->shape));
    brun_json_number(j, "per_item_ns", f->per_item_ns);
    brun_json_number(j, "r2", f->r2);
    brun_json_object_end(j);
}

static void write_scaling(struct brun_json *j, const struct brun_scaling *s)
{
    const struct brun_fit *b = &s->best;
    brun_json_object_begin(j, NULL);
    brun_json_string(j, "family", s->family);
    brun_json_string(j, "arg_name", s->arg_name);
    if (b->valid) {
        brun_json_string(j, "shape", brun_complexity_name(b->shape));
        brun_json_string(j, "shape_word", brun_complexity_word(b->shape));
    } else {
        brun_json_null(j, "shape");
        brun_json_null(j, "shape_word");
    }
    brun_json_number(j, "per_item_ns", b->per_item_ns);
    brun_json_number(j, "per_item_low", b->per_item_lo);
    brun_json_number(j, "per_item_high", b->per_item_hi);
    brun_json_number(j, "intercept_ns", b->intercept_ns);
    brun_json_number(j, "r2", b->r2);
    brun_json_number(j, "rms_relative", b->rms_relative);
    brun_json_uint(j, "points", b->points);
    brun_json_object_begin(j, "fits");
    for (int c = 0; c < BRUN_COMPLEXITY_COUNT; c++)
        if (s->fits[c].valid)
            write_fit_brief(j, &s->fits[c]);
    brun_json_object_end(j);
    if (s->compared) {
        brun_json_object_begin(j, "comparison");
        brun_json_string(j, "baseline_shape",
                         brun_complexity_name(s->baseline_best.shape));
        brun_json_number(j, "ratio", s->ratio);
        brun_json_number(j, "low", s->ratio_lo);
        brun_json_number(j, "high", s->ratio_hi);
        brun_json_bool(j, "shape_changed", s->shape_changed);
        brun_json_bool(j, "gated", s->gated);
        brun_json_bool(j, "fails", s->fails);
        brun_json_object_end(j);
    } else {
        brun_json_null(j, "comparison");
    }
    brun_json_object_end(j);
}

/* "params": the name's "key:value" parts after group/name (BENCH_PARAMS
 * and BENCH_THREADS), integers as numbers; {} for a case without. */
static void write_params(struct brun_json *j, const char *name)
{
    const char *p = strchr(name, '/');
    brun_json_object_begin(j, "params");
    p = p ? strchr(p + 1, '/') : NULL;
    while (p) {
        const char *part = p + 1, *end = strchr(part, '/');
        size_t len = end ? (size_t)(end - part) : strlen(part);
        const char *colon = memchr(part, ':', len);
        if (colon && colon > part) {
            char key[128], value[128], *stop;
            snprintf(key, sizeof key, "%.*s", (int)(colon - part), part);
            snprintf(value, sizeof value, "%.*s",
                     (int)(len - (size_t)(colon - part) - 1), colon + 1);
            long long v = strtoll(value, &stop, 10);
            if (value[0] && *stop == '\0')
                brun_json_int(j, key, v);
            else
                brun_json_string(j, key, value);
        }
        p = end;
    }
    brun_json_object_end(j);
}

/* A multi-threaded case's team figures ("threads" > 1): CPU time per
 * iteration, the aggregate rate of its threads and, when its one-thread
 * instance ran too, the rate against that one's (null otherwise). */
static void write_team(struct brun_json *j, const struct brun_results *r,
                       const struct brun_case_result *c)
{
    double mean = c->samples_summary.mean;
    if (c->threads <= 1 || c->status != BRUN_STATUS_OK || !(mean > 0))
        return;
    brun_json_object_begin(j, "team");
    brun_json_number(j, "real_ns_per_iteration", mean);
    brun_json_number(j, "cpu_ns_per_iteration", brun_case_cpu_ns(c));
    brun_json_number(j, "iterations_per_second",
                     brun_case_per_second(c, 1, mean));
    double speedup = brun_case_speedup(c, brun_case_one_thread(r, c));
    if (speedup > 0)
        brun_json_number(j, "speedup_vs_one_thread", speedup);
    else
        brun_json_null(j, "speedup_vs_one_thread");
    brun_json_object_end(j);
}

static void write_case(struct brun_json *j, const struct brun_results *r,
                       const struct brun_case_result *c)
{
    brun_json_object_begin(j, NULL);
    brun_json_string(j, "name", c->name);
    brun_json_uint(j, "target", c->target);
    brun_json_string(j, "file", c->file);
    brun_json_int(j, "line", c->line);
    brun_json_bool(j, "optimized", c->optimized);
    brun_json_string(j, "compiler", c->compiler);
    if (c->parameterized) {
        brun_json_int(j, "arg", c->arg);
        brun_json_string(j, "arg_name", c->arg_name);
    }
    write_params(j, c->name);
    brun_json_uint(j, "threads", c->threads > 1 ? c->threads : 1);
    brun_json_string(j, "status", brun_status_name(c->status));
    if (c->failure != BRUN_FAILURE_NONE)
        brun_json_string(j, "failure", brun_failure_name(c->failure));
    else
        brun_json_null(j, "failure");
    brun_json_string(j, "reason", c->reason);
    brun_json_string(j, "output", c->output);
    write_throughput(j, c);
    write_team(j, r, c);

    brun_json_object_begin(j, "plan");
    brun_json_uint(j, "iterations", c->plan.iterations);
    brun_json_uint(j, "rounds", c->plan.rounds);
    brun_json_uint(j, "samples", c->plan.samples);
    brun_json_number(j, "warmup_ms", c->plan.warmup_ms);
    brun_json_number(j, "sample_target_ms", c->plan.sample_target_ms);
    brun_json_bool(j, "calibrated", c->plan.calibrated);
    if (c->plan.calibrated)
        brun_json_number(j, "calibration_ns", c->plan.calibration_ns);
    else
        brun_json_null(j, "calibration_ns");
    brun_json_bool(j, "budget_limited", c->plan.budget_limited);
    brun_json_object_end(j);

    if (c->status == BRUN_STATUS_OK) {
        brun_json_object_begin(j, "estimate");
        brun_json_number(j, "mean_ns", c->samples_summary.mean);
        brun_json_number(j, "median_ns", c->samples_summary.median);
        brun_json_number(j, "ci95_low_ns", c->ci_low_ns);
        brun_json_number(j, "ci95_high_ns", c->ci_high_ns);
        brun_json_object_end(j);
    } else {
        brun_json_null(j, "estimate");
    }
    write_metrics(j, c->metrics);
    write_counters(j, c);
    write_summary(j, "samples_summary", &c->samples_summary);
    write_summary(j, "rounds_summary", &c->rounds_summary);
    brun_json_number(j, "wall_s", c->wall_s);
    brun_json_object_begin(j, "contention");
    brun_json_uint(j, "samples", c->contention.samples);
    brun_json_uint(j, "preempted", c->contention.preempted);
    brun_json_uint(j, "contended_rounds", c->contention.contended_rounds);
    brun_json_number(j, "shortened_from_ms", c->contention.shortened_from_ms);
    brun_json_number(j, "shortened_to_ms", c->contention.shortened_to_ms);
    brun_json_object_end(j);
    brun_json_array_begin(j, "rounds");
    for (size_t i = 0; i < c->round_count; i++)
        write_round(j, &c->rounds[i]);
    brun_json_array_end(j);
    write_comparison(j, c);
    if (c->slo.status != BRUN_SLO_NONE) {
        brun_json_object_begin(j, "slo");
        brun_json_string(j, "status", brun_slo_status_name(c->slo.status));
        brun_json_string(j, "pattern", c->slo.pattern);
        brun_json_number(j, "budget_ns", c->slo.budget_ns);
        brun_json_number(j, "used", c->slo.used);
        brun_json_object_end(j);
    } else {
        brun_json_null(j, "slo");
    }
    brun_json_object_end(j);
}

static void write_summary_of_comparison(struct brun_json *j,
                                        const struct brun_comparison_summary *s)
{
    if (!s) {
        brun_json_null(j, "comparison");
        return;
    }
    brun_json_object_begin(j, "comparison");
    brun_json_string(j, "against", s->against);
    brun_json_string(j, "mode", brun_compare_mode_name(s->mode));
    brun_json_string(j, "baseline_saved", s->baseline_saved);
    brun_json_string(j, "baseline_commit", s->baseline_commit);
    brun_json_array_begin(j, "fingerprint_differences");
    for (size_t i = 0; i < s->fingerprint_diff_count; i++)
        brun_json_string(j, NULL, s->fingerprint_diffs[i]);
    brun_json_array_end(j);
    brun_json_uint(j, "planned_looks", s->planned_looks);
    brun_json_number(j, "alpha_per_look", s->alpha_per_look);
    brun_json_number(j, "level", s->confidence);
    brun_json_number(j, "session_noise", s->session_noise);
    brun_json_number(j, "fdr", s->fdr);
    brun_json_number(j, "gate_alpha", s->gate_alpha);
    brun_json_number(j, "fail_above", s->fail_above);
    if (s->gate_on_metric)
        brun_json_string(j, "gate_metric", brun_metric_name(s->gate_metric));
    else
        brun_json_null(j, "gate_metric");
    brun_json_object_begin(j, "counts");
    brun_json_uint(j, "regressed", s->counts.regressed);
    brun_json_uint(j, "improved", s->counts.improved);
    brun_json_uint(j, "unchanged", s->counts.unchanged);
    brun_json_uint(j, "ok", s->counts.ok);
    brun_json_uint(j, "inconclusive", s->counts.inconclusive);
    brun_json_uint(j, "failing", s->failing);
    brun_json_uint(j, "new", s->new_count);
    brun_json_uint(j, "missing", s->missing_count);
    brun_json_object_end(j);
    brun_json_array_begin(j, "missing");
    for (size_t i = 0; i < s->missing_count; i++) {
        brun_json_object_begin(j, NULL);
        brun_json_string(j, "name", s->missing[i].name);
        brun_json_number(j, "baseline_ns", s->missing[i].baseline_ns);
        brun_json_object_end(j);
    }
    brun_json_array_end(j);
    brun_json_object_end(j);
}

void brun_json_write_results(FILE *out, const struct brun_results *r)
{
    struct brun_json j;
    brun_json_init(&j, out, 1);
    brun_json_object_begin(&j, NULL);
    brun_json_string(&j, "schema", "benchrun-results");
    brun_json_uint(&j, "schema_version", BRUN_JSON_SCHEMA_VERSION);
    brun_json_string(&j, "benchrun_version", r->context.benchrun_version);
    write_context(&j, &r->context);
    brun_json_array_begin(&j, "targets");
    for (size_t i = 0; i < r->target_count; i++) {
        const struct brun_target_info *t = &r->targets[i];
        brun_json_object_begin(&j, NULL);
        brun_json_string(&j, "path", t->path);
        brun_json_string(&j, "library_version", t->library_version);
        brun_json_uint(&j, "protocol", t->protocol);
        brun_json_uint(&j, "case_count", t->case_count);
        brun_json_object_end(&j);
    }
    brun_json_array_end(&j);
    brun_json_array_begin(&j, "cases");
    for (size_t i = 0; i < r->case_count; i++)
        write_case(&j, r, &r->cases[i]);
    brun_json_array_end(&j);
    write_summary_of_comparison(&j, r->comparison);
    brun_json_array_begin(&j, "scalings");
    for (size_t i = 0; i < r->scaling_count; i++)
        write_scaling(&j, &r->scalings[i]);
    brun_json_array_end(&j);
    if (r->slo) {
        brun_json_object_begin(&j, "slo");
        brun_json_number(&j, "warning_fraction", r->slo->warning_fraction);
        brun_json_number(&j, "critical_fraction", r->slo->critical_fraction);
        brun_json_bool(&j, "warning_only", r->slo->warning_only);
        brun_json_uint(&j, "ok", r->slo->ok);
        brun_json_uint(&j, "warning", r->slo->warning);
        brun_json_uint(&j, "critical", r->slo->critical);
        brun_json_object_end(&j);
    } else {
        brun_json_null(&j, "slo");
    }
    brun_json_object_end(&j);
}
