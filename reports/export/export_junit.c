/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * export_junit.c: the results as JUnit XML, so CI test views (GitLab's test
 * report, dorny/test-reporter, Jenkins) show a regression as a failed
 * test.
 *
 * One <testsuite> per target (name = its path) and one <testcase> per
 * case: classname = the group (the name before its first '/'), name = the
 * rest, time = the case's wall seconds, file = its source file.  A case
 * gets one <failure> when it fails the regression gate (type
 * "regression": the change, its interval and the threshold) or when its
 * SLO is critical and the run does not treat SLOs as warnings only (type
 * "slo").  A case that crashed, timed out or otherwise failed to be
 * measured gets one <error> instead (type = the failure kind, message =
 * the reason, body = the reason and the tail of what it printed): JUnit
 * readers keep "the code under test is slower" (failure) apart from "the
 * test could not run" (error).  A skipped case gets <skipped>.  Every measured case
 * has its figures in <system-out>.  Cases of the baseline that the new
 * build lacks are skipped test cases of one more suite.
 *
 * Every string goes through brun_xml_escape(): XML-escaped, with what XML
 * 1.0 cannot carry (most C0 controls, invalid UTF-8) replaced by U+FFFD.
 * Numbers are written by format.h, never by a bare printf("%g").
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/export/export.h"
#include "reports/export/export_fields.h"
#include "reports/model/wording.h"
#include "reports/text/escape.h"
#include "reports/text/format.h"

/* What a case contributes to its suite's counters. */
enum outcome {
    PASSED,
    FAILED,
    ERRORED,
    SKIPPED
};

static int slo_fails(const struct brun_results *r,
                     const struct brun_case_result *c)
{
    return c->slo.status == BRUN_SLO_CRITICAL &&
           !(r->slo && r->slo->warning_only);
}

static enum outcome outcome_of(const struct brun_results *r,
                               const struct brun_case_result *c)
{
    if (c->status == BRUN_STATUS_SKIPPED)
        return SKIPPED;
    if (c->status == BRUN_STATUS_FAILED)
        return ERRORED;
    if ((c->comparison && c->comparison->stats.fails) || slo_fails(r, c))
        return FAILED;
    return PASSED;
}

static void attribute(FILE *out, const char *name, const char *value)
{
    fprintf(out, " %s=\"", name);
    brun_xml_escape(out, value, 1);
    fputc('"', out);
}

static void seconds_attribute(FILE *out, const char *name, double s)
{
    char text[48];
    brun_format_fixed(isfinite(s) && s > 0 ? s : 0, 3, text, sizeof text);
    fprintf(out, " %s=\"%s\"", name, text);
}

/* The date as JUnit's timestamp: ISO 8601 without a zone designator. */
static void timestamp_attribute(FILE *out, const char *date)
{
    char stamp[20];
    if (strlen(date) < 19 || date[10] != 'T')
        return;
    memcpy(stamp, date, 19);
    stamp[19] = '\0';
    attribute(out, "timestamp", stamp);
}

/* classname and name: the group, and the rest of the case name. */
static void name_attributes(FILE *out, const char *full)
{
    const char *slash = strchr(full, '/');
    if (!slash) {
        attribute(out, "classname", full);
        attribute(out, "name", full);
        return;
    }
    size_t len = (size_t)(slash - full);
    char *group = malloc(len + 1);
    if (group) {
        memcpy(group, full, len);
        group[len] = '\0';
    }
    attribute(out, "classname", group ? group : full);
    attribute(out, "name", slash + 1);
    free(group);
}

static void property(FILE *out, const char *name, const char *value)
{
    fputs("      <property", out);
    attribute(out, "name", name);
    attribute(out, "value", value ? value : "");
    fputs("/>\n", out);
}

static void properties(FILE *out, const struct brun_results *r,
                       const struct brun_target_info *t)
{
    char text[64];
    fputs("    <properties>\n", out);
    property(out, "benchrun_version", r->context.benchrun_version);
    if (t && t->library_version)
        property(out, "library_version", t->library_version);
    property(out, "date", r->context.date);
    snprintf(text, sizeof text, "%llu", (unsigned long long)r->context.seed);
    property(out, "seed", text);
    property(out, "cpu", r->context.host.cpu_model);
    property(out, "clock", brun_clock_name(r->context.clock.kind));
    if (r->comparison) {
        const struct brun_comparison_summary *s = r->comparison;
        property(out, "baseline", s->against);
        if (s->baseline_commit)
            property(out, "baseline_commit", s->baseline_commit);
        property(out, "compare_mode", brun_compare_mode_name(s->mode));
        if (s->fail_above > 0) {
            brun_format_percent(s->fail_above, text, sizeof text);
            property(out, "fail_above", text);
        }
        for (size_t i = 0; i < s->fingerprint_diff_count; i++)
            property(out, "fingerprint_difference", s->fingerprint_diffs[i]);
    }
    if (r->slo)
        property(out, "slo_warning_only",
                 r->slo->warning_only ? "true" : "false");
    fputs("    </properties>\n", out);
}

/* The figures of a measured case, one per line. */
static void figures(FILE *out, const struct brun_case_result *c)
{
    const struct brun_summary *s = &c->samples_summary;
    char a[64], b[64];
    brun_format_duration(s->mean, a, sizeof a);
    brun_format_duration(s->median, b, sizeof b);
    fprintf(out, "mean %s, median %s", a, b);
    if (brun_export_has_ci(c) && s->mean > 0) {
        brun_format_fixed(50.0 * (c->ci_high_ns - c->ci_low_ns) / s->mean, 2, a,
                          sizeof a);
        fprintf(out, ", ±%s%% (95%% CI across rounds)", a);
    }
    brun_format_count(c->plan.iterations, a, sizeof a);
    fprintf(out, "\n%zu rounds × %u samples of %s iterations\n", c->round_count,
            c->plan.samples, a);
    if (s->mean > 0 && c->bytes_per_iteration > 0) {
        brun_format_byte_rate(
            brun_case_per_second(c, c->bytes_per_iteration, s->mean), a,
            sizeof a);
        fprintf(out, "throughput %s\n", a);
    }
    if (s->mean > 0 && c->items_per_iteration > 0) {
        brun_format_item_rate(
            brun_case_per_second(c, c->items_per_iteration, s->mean), a,
            sizeof a);
        fprintf(out, "throughput %s\n", a);
    }
    if (c->comparison) {
        char change[128], verdict[96];
        brun_wording_change(c->comparison, change, sizeof change);
        brun_wording_verdict(c->comparison, verdict, sizeof verdict);
        if (c->comparison->presence == BRUN_PRESENT_BOTH) {
            brun_format_duration(c->comparison->baseline_ns, a, sizeof a);
            fprintf(out, "baseline %s, %s%s%s\n", a, change,
                    change[0] ? ", " : "", verdict);
        } else {
            fprintf(out, "%s: not in the baseline\n", verdict);
        }
    }
    if (c->slo.status != BRUN_SLO_NONE) {
        char slo[128];
        brun_wording_slo(&c->slo, slo, sizeof slo);
        fprintf(out, "%s\n", slo);
    }
}

/* The <failure> of a measured case: the gate, the SLO, or both. */
static void measured_failure(FILE *out, const struct brun_results *r,
                             const struct brun_case_result *c)
{
    const struct brun_case_comparison *k = c->comparison;
    int regression = k && k->stats.fails;
    char message[320] = "";
    size_t used = 0;
    if (regression) {
        brun_wording_gate_failure(k, message, sizeof message);
        used = strlen(message);
    }
    if (slo_fails(r, c) && used < sizeof message) {
        char slo[128];
        brun_wording_slo(&c->slo, slo, sizeof slo);
        snprintf(message + used, sizeof message - used, "%s%s",
                 used ? "; " : "", slo);
    }
    fputs("      <failure", out);
    attribute(out, "type", regression ? "regression" : "slo");
    attribute(out, "message", message);
    fputs(">", out);
    brun_xml_escape(out, message, 0);
    fputs("</failure>\n", out);
}

static void failed_case(FILE *out, const struct brun_case_result *c)
{
    const char *kind = brun_failure_name(c->failure);
    fputs("      <error", out);
    attribute(out, "type", kind[0] ? kind : "failed");
    attribute(out, "message", brun_wording_reason(c));
    fputs(">", out);
    brun_xml_escape(out, brun_wording_reason(c), 0);
    if (c->output && c->output[0]) {
        fputs("\n\noutput (last lines):\n", out);
        brun_xml_escape(out, c->output, 0);
    }
    fputs("</error>\n", out);
}

static void testcase(FILE *out, const struct brun_results *r,
                     const struct brun_case_result *c)
{
    fputs("    <testcase", out);
    name_attributes(out, c->name ? c->name : "");
    seconds_attribute(out, "time", c->wall_s);
    if (c->file)
        attribute(out, "file", c->file);
    fputs(">\n", out);
    if (c->status == BRUN_STATUS_SKIPPED) {
        fputs("      <skipped", out);
        attribute(out, "message", brun_wording_reason(c));
        fputs("/>\n", out);
    } else if (c->status == BRUN_STATUS_FAILED) {
        failed_case(out, c);
    } else {
        if (outcome_of(r, c) == FAILED)
            measured_failure(out, r, c);
        fputs("      <system-out>", out);
        /* Figures contain only our own words and numbers. */
        figures(out, c);
        fputs("</system-out>\n", out);
    }
    fputs("    </testcase>\n", out);
}

struct counts {
    size_t tests, failures, errors, skipped;
    double time;
};

static struct counts count_target(const struct brun_results *r, size_t target)
{
    struct counts n = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        if (c->target != target)
            continue;
        enum outcome o = outcome_of(r, c);
        n.tests++;
        n.failures += o == FAILED;
        n.errors += o == ERRORED;
        n.skipped += o == SKIPPED;
        if (isfinite(c->wall_s) && c->wall_s > 0)
            n.time += c->wall_s;
    }
    return n;
}

static void counter_attributes(FILE *out, const struct counts *n)
{
    fprintf(out,
            " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"",
            n->tests, n->failures, n->errors, n->skipped);
    seconds_attribute(out, "time", n->time);
}

static void suite_open(FILE *out, const struct brun_results *r,
                       const char *name, const struct counts *n)
{
    fputs("  <testsuite", out);
    attribute(out, "name", name);
    counter_attributes(out, n);
    timestamp_attribute(out, r->context.date);
    attribute(out, "hostname", r->context.host.hostname);
    fputs(">\n", out);
}

static void missing_suite(FILE *out, const struct brun_results *r)
{
    const struct brun_comparison_summary *s = r->comparison;
    struct counts n = {s->missing_count, 0, 0, s->missing_count, 0};
    suite_open(out, r, brun_wording_missing_list, &n);
    properties(out, r, NULL);
    for (size_t i = 0; i < s->missing_count; i++) {
        char was[64];
        brun_format_duration(s->missing[i].baseline_ns, was, sizeof was);
        fputs("    <testcase", out);
        name_attributes(out, s->missing[i].name ? s->missing[i].name : "");
        fprintf(out, " time=\"0.000\">\n      <skipped message=\"%s, baseline ",
                brun_wording_missing);
        brun_xml_escape(out, was, 1);
        fputs("\"/>\n    </testcase>\n", out);
    }
    fputs("  </testsuite>\n", out);
}

void brun_junit_write(FILE *out, const struct brun_results *r)
{
    struct counts all = {0, 0, 0, 0, 0};
    size_t missing = r->comparison ? r->comparison->missing_count : 0;
    for (size_t t = 0; t < r->target_count; t++) {
        struct counts n = count_target(r, t);
        all.tests += n.tests;
        all.failures += n.failures;
        all.errors += n.errors;
        all.skipped += n.skipped;
        all.time += n.time;
    }
    all.tests += missing;
    all.skipped += missing;

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
          "name=\"benchrun\"",
          out);
    counter_attributes(out, &all);
    fputs(">\n", out);
    for (size_t t = 0; t < r->target_count; t++) {
        struct counts n = count_target(r, t);
        suite_open(out, r, r->targets[t].path, &n);
        properties(out, r, &r->targets[t]);
        for (size_t i = 0; i < r->case_count; i++)
            if (r->cases[i].target == t)
                testcase(out, r, &r->cases[i]);
        fputs("  </testsuite>\n", out);
    }
    if (missing > 0)
        missing_suite(out, r);
    fputs("</testsuites>\n", out);
}
