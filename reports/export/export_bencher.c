/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export_bencher.c: the results in the Bencher Metric Format (BMF), for
 * "bencher run --adapter json --file FILE": one object whose keys are the
 * case names, each holding one metric per measure.
 *
 *   "latency"     Bencher's built-in measure, nanoseconds: value = mean
 *                 time per iteration, lower_value/upper_value = the 95 %
 *                 interval across rounds (left out with fewer than two
 *                 rounds), the lower bound clamped at 0: a time is never
 *                 negative, whatever the t interval says.
 *   "throughput"  Bencher's built-in measure, operations per second: the
 *                 case's items per second when it declares items per
 *                 iteration, else its bytes per second (a byte is then
 *                 the operation).  BMF has no way to declare a measure's
 *                 units, and a slug Bencher does not define would be
 *                 created without any, so no measure of our own is used.
 * Throughput bounds are the latency bounds inverted.  With --metric, each
 * measured metric is one more measure named by brun_metric_name()
 * ("instructions", "allocations", "peak_heap_bytes", ...), its value per
 * iteration (peak heap: per run); Bencher knows "instructions" and
 * "cycles", and creates the others, unitless, on first upload.  Each
 * benchrun_counter() figure is one more measure, "counter:NAME", its
 * mean over rounds with the least and largest round as its bounds.  Failed
 * and skipped
 * cases have no number and are left out.  A parameterized family
 * (scaling.h) is one more benchmark, "FAMILY (scaling)", whose measure
 * "per_item" is its best fit's cost per unit of f(N) in ns, with the 95 %
 * interval as its bounds.
 *
 * Bencher rejects the whole file when a benchmark name is longer than
 * 1024 characters, so a longer key is cut (at a UTF-8 boundary) and ends
 * with "~" and 16 hex digits of the full name's FNV-1a hash: the same
 * case gets the same key in every run, and two long names that share
 * their first kilobyte still differ.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/export/export.h"
#include "reports/export/export_fields.h"
#include "reports/text/json_writer.h"

/* A rate and its bounds from time per iteration: per_iteration units per
 * iteration, so rate = per_iteration * 1e9 / ns (times a multi-threaded
 * case's threads: brun_case_per_second). */
static void rate_metric(struct brun_json *j, const char *key,
                        const struct brun_case_result *c, double per_iteration)
{
    brun_json_object_begin(j, key);
    brun_json_number(
        j, "value",
        brun_case_per_second(c, per_iteration, c->samples_summary.mean));
    if (brun_export_has_ci(c) && c->ci_low_ns > 0) {
        brun_json_number(j, "lower_value",
                         brun_case_per_second(c, per_iteration, c->ci_high_ns));
        brun_json_number(j, "upper_value",
                         brun_case_per_second(c, per_iteration, c->ci_low_ns));
    }
    brun_json_object_end(j);
}

/* Bencher's limit on a benchmark name, in characters; counted here in
 * bytes, which is never fewer. */
#define BENCHER_NAME_MAX 1024
/* "~" and 16 hex digits. */
#define HASH_SUFFIX_LEN 17

/* name, or (when longer than Bencher takes) its bounded form, written
 * into key (BENCHER_NAME_MAX + 1 bytes). */
static void bounded_key(const char *name, char *key)
{
    size_t len = strlen(name);
    if (len <= BENCHER_NAME_MAX) {
        memcpy(key, name, len + 1);
        return;
    }
    uint64_t h = 14695981039346656037ull; /* FNV-1a, 64 bits */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)name[i];
        h *= 1099511628211ull;
    }
    size_t keep = BENCHER_NAME_MAX - HASH_SUFFIX_LEN;
    /* Never split a UTF-8 sequence: back up over continuation bytes. */
    while (keep > 0 && ((unsigned char)name[keep] & 0xc0) == 0x80)
        keep--;
    memcpy(key, name, keep);
    snprintf(key + keep, HASH_SUFFIX_LEN + 1, "~%016" PRIx64, h);
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
        char key[BENCHER_NAME_MAX + 1];
        bounded_key(name ? name : c->name ? c->name : "", key);
        brun_json_object_begin(&j, key);
        brun_json_object_begin(&j, "latency");
        brun_json_number(&j, "value", c->samples_summary.mean);
        if (brun_export_has_ci(c)) {
            brun_json_number(&j, "lower_value",
                             c->ci_low_ns > 0 ? c->ci_low_ns : 0);
            brun_json_number(&j, "upper_value", c->ci_high_ns);
        }
        brun_json_object_end(&j);
        int have_time =
            isfinite(c->samples_summary.mean) && c->samples_summary.mean > 0;
        double per_iteration = c->items_per_iteration > 0
                                   ? c->items_per_iteration
                                   : c->bytes_per_iteration;
        if (have_time && per_iteration > 0)
            rate_metric(&j, "throughput", c, per_iteration);
        for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
            if (!c->metrics[m].measured)
                continue;
            brun_json_object_begin(&j,
                                   brun_metric_name((enum brun_metric_id)m));
            brun_json_number(&j, "value", c->metrics[m].value);
            brun_json_object_end(&j);
        }
        for (size_t k = 0; k < c->counter_count; k++) {
            const struct brun_user_counter *u = &c->counters[k];
            char measure[BENCHRUN_COUNTER_NAME_MAX + 16];
            snprintf(measure, sizeof measure, "counter:%s", u->name);
            brun_json_object_begin(&j, measure);
            brun_json_number(&j, "value", u->value);
            if (u->round_count > 1) {
                brun_json_number(&j, "lower_value", u->min);
                brun_json_number(&j, "upper_value", u->max);
            }
            brun_json_object_end(&j);
        }
        brun_json_object_end(&j);
        free(name);
    }
    for (size_t i = 0; i < r->scaling_count; i++) {
        const struct brun_scaling *s = &r->scalings[i];
        if (!s->best.valid)
            continue;
        const char *family = s->family ? s->family : "";
        size_t len = strlen(family) + sizeof " (scaling)";
        char *name = malloc(len);
        if (!name)
            continue;
        snprintf(name, len, "%s (scaling)", family);
        char key[BENCHER_NAME_MAX + 1];
        bounded_key(name, key);
        brun_json_object_begin(&j, key);
        brun_json_object_begin(&j, "per_item");
        brun_json_number(&j, "value", s->best.per_item_ns);
        brun_json_number(&j, "lower_value", s->best.per_item_lo);
        brun_json_number(&j, "upper_value", s->best.per_item_hi);
        brun_json_object_end(&j);
        brun_json_object_end(&j);
        free(name);
    }
    brun_json_object_end(&j);
}
