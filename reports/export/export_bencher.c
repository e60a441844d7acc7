/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export_bencher.c: the results in the Bencher Metric Format (BMF), for
 * "bencher run --adapter json --file FILE": one object whose keys are the
 * case names, each holding one metric per measure.
 *
 *   "latency"           Bencher's built-in measure, nanoseconds: value =
 *                       mean time per iteration, lower_value/upper_value
 *                       = the 95 % interval across rounds (left out with
 *                       fewer than two rounds).
 *   "throughput"        Bencher's built-in measure, operations per
 *                       second: the case's items per second, when it
 *                       declares items per iteration.
 *   "bytes-per-second"  a measure of our own (Bencher creates it on first
 *                       use), when the case declares bytes per iteration;
 *                       kept apart from "throughput" so one measure never
 *                       mixes units.
 * Throughput bounds are the latency bounds inverted.  Failed and skipped
 * cases have no number and are left out.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "reports/export/export.h"
#include "reports/export/export_fields.h"
#include "reports/text/json_writer.h"

/* A rate and its bounds from time per iteration: per_iteration units per
 * iteration, so rate = per_iteration * 1e9 / ns. */
static void rate_metric(struct brun_json *j, const char *key,
                        const struct brun_case_result *c, double per_iteration)
{
    brun_json_object_begin(j, key);
    brun_json_number(j, "value", per_iteration * 1e9 / c->samples_summary.mean);
    if (brun_export_has_ci(c) && c->ci_low_ns > 0) {
        brun_json_number(j, "lower_value", per_iteration * 1e9 / c->ci_high_ns);
        brun_json_number(j, "upper_value", per_iteration * 1e9 / c->ci_low_ns);
    }
    brun_json_object_end(j);
}

void brun_export_bencher(FILE *out, const struct brun_results *r)
{
    struct brun_json j;
    brun_json_init(&j, out, 1);
    brun_json_object_begin(&j, NULL);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->status != BRUN_STATUS_OK)
            continue;
        char *name = brun_export_case_name(r, i);
        brun_json_object_begin(&j, name ? name : c->name);
        brun_json_object_begin(&j, "latency");
        brun_json_number(&j, "value", c->samples_summary.mean);
        if (brun_export_has_ci(c)) {
            brun_json_number(&j, "lower_value", c->ci_low_ns);
            brun_json_number(&j, "upper_value", c->ci_high_ns);
        }
        brun_json_object_end(&j);
        int have_time =
            isfinite(c->samples_summary.mean) && c->samples_summary.mean > 0;
        if (have_time && c->items_per_iteration > 0)
            rate_metric(&j, "throughput", c, c->items_per_iteration);
        if (have_time && c->bytes_per_iteration > 0)
            rate_metric(&j, "bytes-per-second", c, c->bytes_per_iteration);
        brun_json_object_end(&j);
        free(name);
    }
    brun_json_object_end(&j);
}
