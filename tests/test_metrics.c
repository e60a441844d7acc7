/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_metrics.c: the pieces of --metric that need no profiler: the
 * perf_event_open counter group (read here with software events, which
 * every Linux kernel has, since this kind of VM has no PMU), the scaling
 * of counts into per-iteration metrics, metric changes, the metric gate
 * and the time/instructions disagreement. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/counters.h"
#include "reports/model/model.h"
#include "runner/diagnose/metric_compare.h"
#include "runner/measure/metric_values.h"
#include "runner/options/options.h"

static const struct brun_counter_event software[] = {
    {"task_clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
    {"page_faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
};

Test(counters, a_group_counts_only_between_begin_and_end)
{
    struct brun_counter_group g;
    char why[256];
    if (brun_counters_open(&g, software, 2, why, sizeof why) != 0)
        cr_skip_test("perf_event_open refused: %s", why);
    cr_assert_eq(g.count, 2);
    cr_assert_eq(brun_counters_enable(&g), 0);
    /* Faults outside a sample are not counted... */
    char *outside = malloc(1 << 20);
    memset(outside, 1, 1 << 20);
    cr_assert_eq(brun_counters_sample_begin(&g), 0);
    /* ...those inside are: 2 MiB of fresh pages, 512 faults at least. */
    char *inside = malloc(2 << 20);
    for (size_t i = 0; i < (2u << 20); i += 4096)
        inside[i] = (char)i;
    cr_assert_eq(brun_counters_sample_end(&g), 0);
    cr_expect_geq(g.value[1], 512, "%llu faults",
                  (unsigned long long)g.value[1]);
    cr_expect_lt(g.value[1], 512 + 200);
    cr_expect_gt(g.value[0], 0, "task clock counted nothing");
    cr_expect_gt(g.enabled_ns, 0);
    cr_expect_eq(g.running_ns, g.enabled_ns,
                 "software events never "
                 "multiplex");
    free(outside);
    free(inside);
    brun_counters_close(&g);
}

Test(counters, no_pmu_is_said_plainly)
{
    struct brun_counter_group g;
    char why[256] = "";
    if (brun_counters_open(&g, brun_hardware_events, brun_hardware_event_count,
                           why, sizeof why) == 0) {
        brun_counters_close(&g);
        cr_skip_test("this machine has a PMU");
    }
    cr_expect(strstr(why, "no PMU") || strstr(why, "perf_event_paranoid") ||
                  strstr(why, "cannot count"),
              "%s", why);
}

Test(metric_values, counts_are_scaled_for_multiplexing_and_averaged)
{
    struct brun_metric m[BRUN_METRIC_COUNT];
    memset(m, 0, sizeof m);
    /* Counted half of the time: 1000 events stand for 2000. */
    struct brun_probe_metric round1 = {"instructions", 1000, 10, 200, 100};
    struct brun_probe_metric round2 = {"instructions", 3000, 10, 100, 100};
    cr_assert_eq(brun_metrics_add_round(m, &round1, 1), 0);
    cr_assert_eq(brun_metrics_add_round(m, &round2, 1), 0);
    struct brun_metric *x = &m[BRUN_METRIC_INSTRUCTIONS];
    cr_assert(x->measured);
    cr_expect_eq(x->source, BRUN_SOURCE_PERF_EVENT);
    cr_assert_eq(x->round_count, 2);
    cr_expect_float_eq(x->per_round[0], 200.0, 1e-12);
    cr_expect_float_eq(x->per_round[1], 300.0, 1e-12);
    cr_expect_float_eq(x->value, 250.0, 1e-12);
    cr_expect_float_eq(x->running_share, 0.5, 1e-12);
    brun_metrics_release(m, BRUN_METRIC_COUNT);
}

Test(metric_values, a_pass_gives_per_iteration_figures_and_a_level)
{
    struct brun_metric m[BRUN_METRIC_COUNT];
    memset(m, 0, sizeof m);
    struct brun_probe_metric v[] = {{"allocations", 300, 100, 1, 1},
                                    {"peak_heap_bytes", 4096, 0, 1, 1},
                                    {"no_such_metric", 5, 1, 1, 1}};
    brun_metrics_set_pass(m, BRUN_SOURCE_ALLOC, v, 3);
    cr_expect_float_eq(m[BRUN_METRIC_ALLOCATIONS].value, 3.0, 1e-12);
    cr_expect_float_eq(m[BRUN_METRIC_PEAK_HEAP].value, 4096.0, 1e-12);
    cr_expect_eq(m[BRUN_METRIC_PEAK_HEAP].source, BRUN_SOURCE_ALLOC);
    cr_expect_not(m[BRUN_METRIC_FREES].measured);
}

static struct brun_metric exact(double v)
{
    return (struct brun_metric){1, BRUN_SOURCE_CALLGRIND, v, 1, NULL, 0};
}

Test(metric_compare, exact_metrics_change_by_their_plain_ratio)
{
    struct brun_metric_change c;
    struct brun_metric a = exact(3004), b = exact(3034);
    brun_metric_change_set(&c, &a, &b, 0.95);
    cr_assert(c.valid);
    cr_expect(c.exact);
    cr_expect_float_eq(c.ratio, 3034.0 / 3004.0, 1e-15);
    cr_expect_eq(c.lo, c.ratio);
    cr_expect_eq(c.hi, c.ratio);
    struct brun_metric zero = exact(0), two = exact(2);
    brun_metric_change_set(&c, &zero, &zero, 0.95);
    cr_expect(c.valid && c.ratio == 1, "0 -> 0 is no change");
    brun_metric_change_set(&c, &zero, &two, 0.95);
    cr_expect_not(c.valid, "0 -> 2 has no ratio");
}

Test(metric_compare, counters_get_an_interval_from_their_rounds)
{
    double before[] = {100, 101, 99, 100.5, 99.5};
    double after[] = {110, 111, 109, 110.5, 109.5};
    struct brun_metric a = {1, BRUN_SOURCE_PERF_EVENT, 100, 1, before, 5};
    struct brun_metric b = {1, BRUN_SOURCE_PERF_EVENT, 110, 1, after, 5};
    struct brun_metric_change c;
    brun_metric_change_set(&c, &a, &b, 0.95);
    cr_assert(c.valid);
    cr_expect_not(c.exact);
    cr_expect(c.lo < 1.1 && c.hi > 1.1 && c.lo > 1.08 && c.hi < 1.12,
              "[%g, %g]", c.lo, c.hi);
}

/* One compared case: time label and instructions before and after. */
static void one_case(struct brun_results *r, struct brun_case_result *c,
                     struct brun_case_comparison *k, enum brun_label label,
                     double before, double after)
{
    memset(r, 0, sizeof *r);
    memset(c, 0, sizeof *c);
    memset(k, 0, sizeof *k);
    c->name = "g/case";
    c->status = BRUN_STATUS_OK;
    c->comparison = k;
    k->presence = BRUN_PRESENT_BOTH;
    k->fail_above = 0.10;
    k->noise_floor = 0.005;
    k->stats.valid = 1;
    k->stats.label = label;
    c->metrics[BRUN_METRIC_INSTRUCTIONS] = exact(after);
    k->baseline_metrics[BRUN_METRIC_INSTRUCTIONS] = exact(before);
    r->cases = c;
    r->case_count = 1;
}

Test(metric_compare, the_gate_judges_the_chosen_metric_instead_of_time)
{
    struct brun_results r;
    struct brun_case_result c;
    struct brun_case_comparison k;
    struct brun_options o;
    memset(&o, 0, sizeof o);
    o.gate_metric = BRUN_METRIC_INSTRUCTIONS;
    /* Time unchanged, instructions +12 %: fails a 10 % gate. */
    one_case(&r, &c, &k, BRUN_LABEL_UNCHANGED, 1000, 1120);
    cr_expect_eq(brun_metric_judge(&r, &o), 1);
    cr_expect(k.gate_on_metric && k.gate_metric == BRUN_METRIC_INSTRUCTIONS);
    cr_expect(k.stats.fails);
    /* Time failing, instructions +5 %: passes it. */
    one_case(&r, &c, &k, BRUN_LABEL_REGRESSED, 1000, 1050);
    k.stats.fails = 1;
    cr_expect_eq(brun_metric_judge(&r, &o), 0);
    cr_expect_not(k.stats.fails);
    /* Gating on time leaves time's decision alone. */
    o.gate_metric = -1;
    one_case(&r, &c, &k, BRUN_LABEL_REGRESSED, 1000, 1120);
    k.stats.fails = 1;
    cr_expect_eq(brun_metric_judge(&r, &o), 1);
    cr_expect_not(k.gate_on_metric);
}

Test(metric_compare, faster_time_with_more_instructions_is_a_disagreement)
{
    struct brun_results r;
    struct brun_case_result c;
    struct brun_case_comparison k;
    struct brun_options o;
    memset(&o, 0, sizeof o);
    o.gate_metric = -1;
    /* zlib's braided crc32: time down, instructions +82 %. */
    one_case(&r, &c, &k, BRUN_LABEL_IMPROVED, 1000, 1820);
    brun_metric_judge(&r, &o);
    cr_expect(k.metric_disagrees);
    one_case(&r, &c, &k, BRUN_LABEL_IMPROVED, 1000, 900);
    brun_metric_judge(&r, &o);
    cr_expect_not(k.metric_disagrees);
    one_case(&r, &c, &k, BRUN_LABEL_REGRESSED, 1000, 950);
    brun_metric_judge(&r, &o);
    cr_expect(k.metric_disagrees);
}

Test(metric_compare, a_thresholds_entry_chooses_the_gate_metric)
{
#define ENTRY(p, g)                                                         \
    {                                                                       \
        .pattern = p, .fail_above = -1, .gate_metric = g, .noise_floor = -1 \
    }
    struct brun_threshold t[] = {
        ENTRY("net/*", -2),                       /* time */
        ENTRY("hash/*", BRUN_METRIC_ALLOCATIONS), /* allocations */
        ENTRY("hash/*", BRUN_METRIC_CYCLES),      /* never reached */
        ENTRY("io/*", -1),                        /* the run's choice */
    };
    struct brun_options o;
    memset(&o, 0, sizeof o);
    o.thresholds = t;
    o.threshold_count = 4;
    o.gate_metric = BRUN_METRIC_INSTRUCTIONS;
    cr_expect_eq(brun_case_gate_metric(&o, "net/send"), -1);
    cr_expect_eq(brun_case_gate_metric(&o, "hash/get"),
                 BRUN_METRIC_ALLOCATIONS);
    cr_expect_eq(brun_case_gate_metric(&o, "io/read"),
                 BRUN_METRIC_INSTRUCTIONS);
    cr_expect_eq(brun_case_gate_metric(&o, "other"), BRUN_METRIC_INSTRUCTIONS);
}
