/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_wording.c: every report words the same thing the same way
 * (reports/model/wording.c).
 *
 * The compare model of tests/fixtures/reports/models.c goes through each
 * sink: the console, the Markdown report, JUnit, github-action-benchmark,
 * Google Benchmark, the annotations, the step summary and the commit
 * status description.  For every verdict, gate failure, failure reason,
 * SLO share and summary line, the phrase wording.c makes must appear in
 * each sink that shows it, escaped as that sink escapes it, in the place
 * it belongs (after the case's name, in a table cell, ...): a sink that
 * spelled it its own way fails here.  The golden files
 * (tests/test_markdown.c, tests/test_export.c) pin the bytes; this file
 * pins the agreement.  Then the phrases themselves, part by part.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/console/console.h"
#include "reports/export/export.h"
#include "reports/github/actions.h"
#include "reports/github/pr.h"
#include "reports/json/json.h"
#include "reports/markdown/markdown.h"
#include "reports/model/wording.h"
#include "reports/text/escape.h"
#include "reports/text/json_writer.h"
#include "tests/fixtures/reports/golden.h"
#include "tests/fixtures/reports/models.h"

/* ---- Each sink, into memory ------------------------------------------ */

static const struct brun_console_style plain = {0, 0};

static void console(FILE *f, const void *r)
{
    brun_console_comparison(f, r, &plain);
    brun_console_slo(f, r, &plain);
}

static void markdown(FILE *f, const void *r)
{
    brun_markdown_write(f, r, NULL);
}

static void junit(FILE *f, const void *r)
{
    brun_junit_write(f, r);
}

static void gab(FILE *f, const void *r)
{
    brun_export_gab(f, r);
}

static void gbench(FILE *f, const void *r)
{
    brun_export_gbench(f, r);
}

static void annotations(FILE *f, const void *r)
{
    brun_gh_annotations(f, r, NULL);
}

/* Every sink's output for one model. */
struct sinks {
    struct output console, markdown, junit, gab, gbench, annotations;
};

static struct sinks render(const struct brun_results *r)
{
    struct sinks s = {capture(console, r), capture(markdown, r),
                      capture(junit, r),   capture(gab, r),
                      capture(gbench, r),  capture(annotations, r)};
    return s;
}

/* The compare model into *r, through every sink. */
static struct sinks render_compare(struct brun_results *r)
{
    report_model_compare(r);
    return render(r);
}

static void sinks_free(struct sinks *s)
{
    free(s->console.text);
    free(s->markdown.text);
    free(s->junit.text);
    free(s->gab.text);
    free(s->gbench.text);
    free(s->annotations.text);
}

/* ---- Text as each sink escapes it -------------------------------------- */

static char *escaped(void (*escape)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    cr_assert_not_null(f);
    escape(f, s);
    fclose(f);
    return buf;
}

static void xml_attribute(FILE *f, const char *s)
{
    brun_xml_escape(f, s, 1);
}

/* A JSON string's content, without its quotes. */
static void json_content(FILE *f, const char *s)
{
    char *quoted = escaped(brun_json_write_string, s);
    size_t len = strlen(quoted);
    fwrite(quoted + 1, 1, len - 2, f);
    free(quoted);
}

/* Asserts that haystack holds before + middle + after, where middle is
 * escaped by escape (NULL: as it is). */
static void expect(const char *sink, const char *haystack, const char *before,
                   void (*escape)(FILE *, const char *), const char *middle,
                   const char *after)
{
    char *text = escape ? escaped(escape, middle) : strdup(middle);
    size_t size = strlen(before) + strlen(text) + strlen(after) + 1;
    char *want = malloc(size);
    snprintf(want, size, "%s%s%s", before, text, after);
    cr_assert(strstr(haystack, want), "%s lacks \"%s\":\n%s", sink, want,
              haystack);
    free(want);
    free(text);
}

/* The console row of case c, from its name to the end of the line. */
static char *console_row(const char *text, const struct brun_case_result *c,
                         const struct brun_results *r)
{
    /* Rows come under the target's path, one table per target. */
    const char *table = strstr(text, r->targets[c->target].path);
    cr_assert_not_null(table, "no table for %s", r->targets[c->target].path);
    size_t len = strlen(c->name);
    for (const char *p = strstr(table, c->name); p; p = strstr(p + 1, c->name))
        if (p[-1] == '\n' && p[len] == ' ')
            return strndup(p + len, strcspn(p + len, "\n"));
    cr_assert_fail("no console row for %s:\n%s", c->name, text);
    return NULL;
}

/* ---- Agreement ---------------------------------------------------------- */

Test(wording, every_report_words_a_verdict_alike)
{
    struct brun_results r;
    struct sinks s = render_compare(&r);
    size_t seen = 0;
    for (size_t i = 0; i < r.case_count; i++) {
        const struct brun_case_result *c = &r.cases[i];
        const struct brun_case_comparison *k = c->comparison;
        char verdict[96], title[256];
        if (!k || c->status != BRUN_STATUS_OK)
            continue;
        brun_wording_verdict(k, verdict, sizeof verdict);
        seen++;

        char *row = console_row(s.console.text, c, &r);
        cr_assert(strstr(row, verdict), "console row of %s: \"%s\" lacks %s",
                  c->name, row, verdict);
        free(row);
        /* The verdict cell, after the emoji of a regression if any. */
        expect("markdown", s.markdown.text, " ", NULL, verdict, " |");
        if (k->presence == BRUN_PRESENT_BOTH) {
            /* "baseline B, CHANGE, VERDICT" (no change when not
             * comparable), in <system-out> as it is: our own words. */
            expect("junit", s.junit.text, ", ", NULL, verdict, "\n");
            expect("gab", s.gab.text,
                   k->stats.valid ? ", " : "vs baseline: ", json_content,
                   verdict, "");
        } else {
            expect("junit", s.junit.text, "\n", NULL, verdict,
                   ": not in the baseline");
            expect("gab", s.gab.text, "vs baseline: ", json_content, verdict,
                   "");
        }
        /* Every regression and every comparison that tells nothing is
         * annotated, titled with the verdict. */
        if (k->presence == BRUN_PRESENT_BOTH &&
            (k->stats.label == BRUN_LABEL_REGRESSED ||
             k->stats.label == BRUN_LABEL_INCONCLUSIVE || !k->stats.valid)) {
            snprintf(title, sizeof title, "benchrun: %s %s", c->name, verdict);
            expect("annotations", s.annotations.text,
                   "title=", brun_gh_escape_property, title, "::");
        }
    }
    cr_assert_eq(seen, 8, "every compared case of the model was checked");
    expect("markdown", s.markdown.text, "| ", NULL, brun_wording_missing, " |");
    expect("junit", s.junit.text, "<skipped message=\"", xml_attribute,
           brun_wording_missing, ", baseline ");
    expect("console", s.console.text, "\n", NULL, brun_wording_missing_list,
           ":");
    expect("junit", s.junit.text, "<testsuite name=\"", xml_attribute,
           brun_wording_missing_list, "\"");
    sinks_free(&s);
}

Test(wording, a_gate_failure_is_one_sentence_everywhere)
{
    struct brun_results r;
    struct sinks s = render_compare(&r);
    const struct brun_case_result *c = &r.cases[0]; /* hash/fails */
    char why[256], line[320], failing[96], description[256];
    cr_assert(c->comparison && c->comparison->stats.fails);
    brun_wording_gate_failure(c->comparison, why, sizeof why);

    snprintf(line, sizeof line, "REGRESSION %s: ", c->name);
    expect("console", s.console.text, line, NULL, why, "\n");
    expect("junit", s.junit.text, "<failure type=\"regression\" message=\"",
           xml_attribute, why, "\"");
    snprintf(line, sizeof line, "%s is slower than %s: %s", c->name,
             r.comparison->against, why);
    expect("annotations", s.annotations.text, "::", brun_gh_escape_data, line,
           "\n");

    /* How many fail the gate, in the status line and the commit status. */
    brun_wording_failing(1, r.comparison->fail_above, failing, sizeof failing);
    expect("markdown", s.markdown.text, "🚨 **", NULL, failing, "**");
    r.cases[6].status = BRUN_STATUS_SKIPPED; /* no failed case first */
    brun_gh_status_description(&r, 1, description, sizeof description);
    expect("status description", description, "", NULL, failing, " of ");
    sinks_free(&s);
}

Test(wording, a_failure_reason_reads_the_same_everywhere)
{
    struct brun_results r;
    report_model_compare(&r);
    struct brun_case_result *c = &r.cases[6]; /* io/crash, timed out */
    cr_assert_eq(c->status, BRUN_STATUS_FAILED);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            c->reason = NULL; /* the stand-in, then */
        const char *reason = brun_wording_reason(c);
        struct sinks s = render(&r);
        char before[128];
        snprintf(before, sizeof before, "FAILED %s: ", c->name);
        expect("console", s.console.text, before, NULL, reason, "\n");
        expect("junit", s.junit.text, "<error type=\"timeout\" message=\"",
               xml_attribute, reason, "\">");
        expect("gbench", s.gbench.text, "\"error_message\": \"", json_content,
               reason, "\"");
        snprintf(before, sizeof before, "%s failed (timeout): ", c->name);
        expect("annotations", s.annotations.text, "", brun_gh_escape_data,
               before, "");
        expect("annotations", s.annotations.text, "", brun_gh_escape_data,
               reason, "\n");
        if (pass == 0) /* Markdown leaves a missing reason out */
            expect("markdown", s.markdown.text, "❌ failed: `", NULL, reason,
                   "`");
        sinks_free(&s);
    }
}

Test(wording, an_slo_share_reads_the_same_everywhere)
{
    struct brun_results r;
    struct sinks s = render_compare(&r);
    size_t seen = 0;
    for (size_t i = 0; i < r.case_count; i++) {
        const struct brun_case_result *c = &r.cases[i];
        char share[96], slo[128];
        if (c->slo.status == BRUN_SLO_NONE)
            continue;
        seen++;
        brun_wording_slo_share(&c->slo, share, sizeof share);
        brun_wording_slo(&c->slo, slo, sizeof slo);
        expect("console", s.console.text, " is ", NULL, share, "\n");
        expect("markdown", s.markdown.text, " ", NULL, share, " |");
        expect("junit", s.junit.text, "\n", NULL, slo, "\n");
        expect("gab", s.gab.text, "\\n", json_content, slo, "\"");
        if (c->slo.status != BRUN_SLO_OK) {
            char title[256];
            snprintf(title, sizeof title, "benchrun: %s SLO %s", c->name,
                     brun_slo_status_name(c->slo.status));
            expect("annotations", s.annotations.text,
                   "title=", brun_gh_escape_property, title, "::");
            expect("annotations", s.annotations.text, " per iteration, ",
                   brun_gh_escape_data, share, "\n");
        }
    }
    cr_assert_eq(seen, 3, "ok, warning and critical were checked");
    expect("markdown", s.markdown.text, "🚨 1 ", NULL,
           brun_wording_slo_count(BRUN_SLO_CRITICAL, 1), "");
    expect("markdown", s.markdown.text, "⚠️ 1 ", NULL,
           brun_wording_slo_count(BRUN_SLO_WARNING, 1), "");
    sinks_free(&s);
}

Test(wording, the_summary_line_is_the_same_everywhere)
{
    struct brun_results r;
    char line[512], summary[4096], description[512];
    report_model_compare(&r);
    /* No failed case and none failing the gate: the commit status then
     * says what was compared. */
    r.cases[6].status = BRUN_STATUS_SKIPPED;
    r.cases[0].comparison->stats.fails = 0;
    brun_wording_compared(&r, line, sizeof line);
    cr_assert(strncmp(line,
                      "7 compared: 2 regressed (0 beyond the 10% "
                      "threshold), 1 improved, 1 unchanged, 1 ok, 2 "
                      "inconclusive; 1 new, 2 missing",
                      strlen(line)) == 0,
              "%s", line);
    struct output out = capture(console, &r);
    expect("console", out.text, "\n", NULL, line, "\n");
    free(out.text);
    brun_gh_summary_text(&r, 0, summary, sizeof summary);
    expect("step summary", summary, ", ", NULL, line, ".");
    brun_gh_status_description(&r, 0, description, sizeof description);
    expect("status description", description, "Inconclusive, ", NULL, line, "");
}

/* ---- The phrases ------------------------------------------------------ */

Test(wording, where_a_case_failed_is_said_for_crashes_and_hangs)
{
    const struct brun_failure_phase calibrating = {BRUN_STAGE_CALIBRATION, 0,
                                                   0};
    const struct brun_failure_phase round = {BRUN_STAGE_ROUND, 2, 5};
    char out[256];
    brun_wording_failure_reason("killed by signal SIGSEGV (Segmentation "
                                "fault)",
                                BRUN_FAILURE_SIGNAL, &calibrating, out,
                                sizeof out);
    cr_assert_str_eq(out, "killed by signal SIGSEGV (Segmentation fault), "
                          "while calibrating");
    brun_wording_failure_reason("timed out after 2 s (--timeout)",
                                BRUN_FAILURE_TIMEOUT, &round, out, sizeof out);
    cr_assert_str_eq(out, "timed out after 2 s (--timeout), in round 2 of 5");
    /* The case's own words need no place. */
    brun_wording_failure_reason("fixture missing", BRUN_FAILURE_REPORTED,
                                &round, out, sizeof out);
    cr_assert_str_eq(out, "fixture missing");
    brun_wording_failure_reason("left BENCH_LOOP early", BRUN_FAILURE_MISUSE,
                                &calibrating, out, sizeof out);
    cr_assert_str_eq(out, "left BENCH_LOOP early");
    brun_wording_failure_reason("exited with status 1", BRUN_FAILURE_EXIT, NULL,
                                out, sizeof out);
    cr_assert_str_eq(out, "exited with status 1");
    const struct brun_failure_phase none = {BRUN_STAGE_NONE, 0, 0};
    brun_wording_phase(&none, out, sizeof out);
    cr_assert_str_eq(out, "");
}

Test(wording, verdicts_and_states_follow_the_exit_status)
{
    struct brun_results r;
    report_model_plain(&r);
    cr_assert_str_eq(brun_wording_run_verdict(0), "pass");
    cr_assert_str_eq(brun_wording_commit_state(&r, 0), "success");
    for (int status = 1; status <= 3; status += 2) {
        cr_assert_str_eq(brun_wording_run_verdict(status), "fail");
        cr_assert_str_eq(brun_wording_commit_state(&r, status), "failure");
    }
    cr_assert_str_eq(brun_wording_run_verdict(2), "fail");
    cr_assert_str_eq(brun_wording_commit_state(&r, 2), "error");
}

/* A real change the gate could not decide is not a green mark: the
 * commit status fails and says "Inconclusive", the report drops ✅. */
Test(wording, inconclusive_is_never_shown_as_success)
{
    struct brun_results r;
    char description[512];
    report_model_compare(&r);
    for (size_t i = 0; i < r.case_count; i++) {
        struct brun_case_comparison *k = r.cases[i].comparison;
        r.cases[i].status = r.cases[i].status == BRUN_STATUS_FAILED
                                ? BRUN_STATUS_SKIPPED
                                : r.cases[i].status;
        if (k && k->stats.label != BRUN_LABEL_INCONCLUSIVE) {
            k->stats.fails = 0;
            k->stats.label = BRUN_LABEL_UNCHANGED;
        }
    }
    r.comparison->counts.regressed = 0;
    r.comparison->counts.improved = 0;
    cr_assert_str_eq(brun_wording_commit_state(&r, 0), "failure");
    brun_gh_status_description(&r, 0, description, sizeof description);
    cr_assert(strncmp(description, "Inconclusive, ", 14) == 0, "%s",
              description);
    struct output md = capture(markdown, &r);
    cr_assert_null(strstr(md.text, "✅ no regression"), "%s", md.text);
    cr_assert(strstr(md.text, "❔ 1 inconclusive"), "%s", md.text);
    free(md.text);
    /* Without a gate nothing can fail: the state stays success, the
     * words still say inconclusive. */
    r.comparison->fail_above = 0;
    for (size_t i = 0; i < r.case_count; i++)
        if (r.cases[i].comparison)
            r.cases[i].comparison->fail_above = 0;
    cr_assert_str_eq(brun_wording_commit_state(&r, 0), "success");
    brun_gh_status_description(&r, 0, description, sizeof description);
    cr_assert(strncmp(description, "Inconclusive, ", 14) == 0, "%s",
              description);
}

Test(wording, phrases_are_cut_and_terminated_in_small_buffers)
{
    struct brun_results r;
    char tiny[8];
    report_model_compare(&r);
    brun_wording_verdict(r.cases[0].comparison, tiny, sizeof tiny);
    cr_assert_str_eq(tiny, "regress");
    brun_wording_gate_failure(r.cases[0].comparison, tiny, sizeof tiny);
    cr_assert_eq(strlen(tiny), sizeof tiny - 1);
    brun_wording_compared(&r, tiny, sizeof tiny);
    cr_assert_eq(strlen(tiny), sizeof tiny - 1);
    brun_wording_slo(&r.cases[1].slo, tiny, sizeof tiny);
    cr_assert_str_eq(tiny, "SLO cri");
}

/* ---- Metrics (--metric) ------------------------------------------------ */

static void metric_value(enum brun_metric_id id, double v, const char *want)
{
    char out[64];
    brun_wording_metric_value(id, v, out, sizeof out);
    cr_assert_str_eq(out, want, "%g", v);
}

Test(wording, metric_values_scale_with_their_unit)
{
    metric_value(BRUN_METRIC_INSTRUCTIONS, 12345, "12.3 k instructions");
    metric_value(BRUN_METRIC_INSTRUCTIONS, 999999, "1.00 M instructions");
    metric_value(BRUN_METRIC_INSTRUCTIONS, 812, "812 instructions");
    metric_value(BRUN_METRIC_ALLOCATIONS, 2, "2 allocs");
    metric_value(BRUN_METRIC_ALLOCATIONS, 0.5, "0.50 allocs");
    metric_value(BRUN_METRIC_BRANCH_MISSES, 3.25, "3.25 misses");
    metric_value(BRUN_METRIC_ALLOCATED_BYTES, 48, "48 B");
    metric_value(BRUN_METRIC_PEAK_HEAP, 1228.8, "1.20 KiB");
    metric_value(BRUN_METRIC_PEAK_HEAP, 3 * 1048576.0, "3.00 MiB");
    metric_value(BRUN_METRIC_CYCLES, 1.0 / 0.0, "-");
}

Test(wording, metric_changes_say_exact_or_give_their_interval)
{
    char out[96];
    struct brun_metric_change m = {1, 100, 1.01, 1.01, 1.01, 1};
    brun_wording_metric_change(&m, out, sizeof out);
    cr_assert_str_eq(out, "+1.00% (exact)");
    m = (struct brun_metric_change){1, 100, 1.0625, 1.03125, 1.09375, 0};
    brun_wording_metric_change(&m, out, sizeof out);
    cr_assert_str_eq(out, "+6.25% (+3.12% to +9.38%)");
    m.valid = 0;
    brun_wording_metric_change(&m, out, sizeof out);
    cr_assert_str_eq(out, "");
}

Test(wording, disagreement_and_metric_gate_name_both_figures)
{
    struct brun_results r;
    char out[400];
    report_model_metrics(&r);
    brun_wording_metric_disagreement(r.cases[2].comparison, out, sizeof out);
    cr_assert_str_eq(out, "time -20.00%, instructions +8.00%: time and "
                          "instructions disagree; time is the primary figure");
    brun_wording_metric_disagreement(r.cases[1].comparison, out, sizeof out);
    cr_assert_str_eq(out, "", "no disagreement flagged");
    brun_wording_metric_gate(r.cases[0].comparison, out, sizeof out);
    cr_assert_str_eq(out, "gate: instructions +12.00% > 10%");
    brun_wording_metric_gate(r.cases[1].comparison, out, sizeof out);
    cr_assert_str_eq(out, "gate: instructions +1.00% ≤ 10%");
    brun_wording_metric_gate(r.cases[3].comparison, out, sizeof out);
    cr_assert_str_eq(out, "", "gate on time: nothing to say");
    brun_wording_gate_failure(r.cases[0].comparison, out, sizeof out);
    cr_assert_str_eq(out,
                     "instructions +12.00% (exact), above the 10% threshold");
    r.cases[0].comparison->gate_on_metric = 0;
    brun_wording_gate_failure(r.cases[0].comparison, out, sizeof out);
    cr_assert_str_eq(out, "+25.00% (95% CI +18.75% to +31.25%), above the 10% "
                          "threshold");
}

Test(wording, explanation_costs_and_their_growth)
{
    struct brun_explanation e = {.unit = "instructions", .engine = "callgrind"};
    char out[128];
    brun_wording_explanation_source(&e, out, sizeof out);
    cr_assert_str_eq(out, "callgrind, instructions per iteration");
    brun_wording_explanation_delta(&e, 2000, 4000, out, sizeof out);
    cr_assert_str_eq(out, "+2.00 k +100%");
    brun_wording_explanation_delta(&e, 1000, 750, out, sizeof out);
    cr_assert_str_eq(out, "-250 -25.00%");
    brun_wording_explanation_delta(&e, 0, 500, out, sizeof out);
    cr_assert_str_eq(out, "+500 new");
    e.unit = "ns";
    e.engine = "perf";
    brun_wording_explanation_value(&e, 1250, out, sizeof out);
    cr_assert_str_eq(out, "1.250 µs");
    brun_wording_explanation_note(&e, out, sizeof out);
    cr_assert_str_eq(out, "not explained: no profile");
    e.note = "perf_event_paranoid is 3";
    brun_wording_explanation_note(&e, out, sizeof out);
    cr_assert_str_eq(out, "not explained: perf_event_paranoid is 3");
}

static void console_with_metrics(FILE *f, const void *r)
{
    brun_console_context(f, r, &plain);
    brun_console_comparison(f, r, &plain);
}

Test(console, metrics_report_matches_golden)
{
    struct brun_results r;
    report_model_metrics(&r);
    struct output out = capture(console_with_metrics, &r);
    golden_check("console_metrics", &out);
    free(out.text);
}

Test(console, metrics_table_notes_and_explanation)
{
    struct brun_results r;
    report_model_metrics(&r);
    struct output out = capture(console_with_metrics, &r);
    const char *t = out.text;
    cr_assert(strstr(t, "metrics  hardware counters: cycles only"), "%s", t);
    cr_assert(strstr(t, "12.5 k instructions +12.00% (exact)"), "%s", t);
    cr_assert(strstr(t, "400 cycles +6.25% (+3.12% to +9.38%)"), "%s", t);
    cr_assert(strstr(t, "1.20 KiB"), "%s", t);
    cr_assert(strstr(t, "hash/improved: time -20.00%, instructions +8.00%: "
                        "time and instructions disagree"),
              "%s", t);
    cr_assert(strstr(t, "hash/fails: gate: instructions +12.00% > 10%\n"), "%s",
              t);
    cr_assert_null(strstr(t, "gate: instructions +1.00%"),
                   "a passing metric gate is not a note");
    cr_assert(strstr(t, "fail above 10% on instructions"), "%s", t);
    cr_assert(strstr(t, "REGRESSION hash/fails: instructions +12.00% (exact), "
                        "above the 10% threshold"),
              "%s", t);
    cr_assert(strstr(t, "why hash/regressed got slower (callgrind, "
                        "instructions per iteration):\n"),
              "%s", t);
    cr_assert(strstr(t, "  slow_part  "), "%s", t);
    cr_assert(strstr(t, "2.00 k → 4.00 k"), "%s", t);
    cr_assert(strstr(t, "+2.00 k +100%"), "%s", t);
    cr_assert(strstr(t, "  differential flame graph: "
                        "benchrun-diff/hash_regressed.svg\n"),
              "%s", t);
    cr_assert(strstr(t, "  hash/fails: not explained: valgrind not found on "
                        "PATH\n"),
              "%s", t);
    /* The hostile name stays on its line and cannot start a command. */
    cr_assert(strstr(t, METRICS_HOSTILE_FUNCTION), "%s", t);
    free(out.text);
}

Test(console, no_metrics_table_without_metrics)
{
    struct brun_results r;
    report_model_compare(&r);
    struct output out = capture(console_with_metrics, &r);
    cr_assert_null(strstr(out.text, "instructions"), "%s", out.text);
    cr_assert_null(strstr(out.text, "got slower"), "%s", out.text);
    free(out.text);
}

Test(wording, every_sink_words_the_metric_notes_alike)
{
    struct brun_results r;
    report_model_metrics(&r);
    struct sinks s = render(&r);
    const char *gate = "gate: instructions +12.00% > 10%";
    const char *disagree = "time -20.00%, instructions +8.00%: time and "
                           "instructions disagree; time is the primary figure";
    cr_assert(strstr(s.console.text, gate));
    cr_assert(strstr(s.markdown.text, gate));
    cr_assert(strstr(s.console.text, disagree));
    cr_assert(strstr(s.markdown.text, disagree));
    cr_assert(strstr(s.console.text, "differential flame graph: "));
    cr_assert(strstr(s.markdown.text, "differential flame graph: "));
    cr_assert(strstr(s.console.text, "whole timed loop: 8.00 k → 10.0 k"));
    cr_assert(strstr(s.markdown.text, "whole timed loop: 8.00 k → 10.0 k"));
    cr_assert(strstr(s.junit.text, "instructions +12.00% (exact), above the "
                                   "10% threshold"));
    sinks_free(&s);
}

/* ---- The JSON document, schema 3 ------------------------------------- */

static void json_results(FILE *f, const void *r)
{
    brun_json_write_results(f, r);
}

static json_t *case_named(json_t *root, const char *name)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(root, "cases"), i, c) {
        if (strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            return c;
    }
    return NULL;
}

static double number_at(json_t *o, const char *a, const char *b)
{
    json_t *v = json_object_get(json_object_get(o, a), b);
    cr_assert(json_is_number(v), "%s.%s", a, b);
    return json_number_value(v);
}

Test(json, metrics_changes_and_explanations_are_in_schema_3)
{
    struct brun_results r;
    json_error_t error;
    report_model_metrics(&r);
    struct output out = capture(json_results, &r);
    json_t *root =
        json_loadb(out.text, out.size, JSON_REJECT_DUPLICATES, &error);
    cr_assert_not_null(root, "line %d: %s", error.line, error.text);
    cr_assert_eq(json_integer_value(json_object_get(root, "schema_version")),
                 3);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_object_get(root, "context"),
                                          "metrics_availability")),
        r.context.metrics_availability);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(root, "comparison"), "gate_metric")),
                     "instructions");

    json_t *fails = case_named(root, "hash/fails");
    json_t *m = json_object_get(fails, "metrics");
    cr_assert_eq(number_at(m, "instructions", "value"), 12544);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(m, "instructions"), "per")),
                     "iteration");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(m, "instructions"), "source")),
                     "callgrind");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(m, "peak_heap_bytes"), "per")),
                     "run");
    cr_assert_null(
        json_object_get(json_object_get(m, "instructions"), "per_round"),
        "only counters have rounds");
    cr_assert_null(json_object_get(m, "cycles"), "not measured: no key");
    json_t *k = json_object_get(fails, "comparison");
    json_t *ch = json_object_get(k, "metric_changes");
    cr_assert_eq(number_at(ch, "instructions", "ratio"), 1.12);
    cr_assert_eq(number_at(ch, "instructions", "baseline"), 12544 / 1.12);
    cr_assert(json_is_true(
        json_object_get(json_object_get(ch, "instructions"), "exact")));
    cr_assert_str_eq(json_string_value(json_object_get(k, "gate_metric")),
                     "instructions");
    json_t *e = json_object_get(k, "explanation");
    cr_assert_str_eq(json_string_value(json_object_get(e, "note")),
                     "valgrind not found on PATH");
    cr_assert(json_is_null(json_object_get(e, "flamegraph")));
    cr_assert_eq(json_array_size(json_object_get(e, "functions")), 0);

    json_t *regressed = case_named(root, "hash/regressed");
    json_t *cycles =
        json_object_get(json_object_get(regressed, "metrics"), "cycles");
    cr_assert_eq(json_number_value(json_object_get(cycles, "running_share")),
                 0.5);
    cr_assert_eq(json_array_size(json_object_get(cycles, "per_round")), 3);
    cr_assert_eq(json_number_value(
                     json_array_get(json_object_get(cycles, "per_round"), 2)),
                 404);
    k = json_object_get(regressed, "comparison");
    cr_assert(json_is_false(json_object_get(
        json_object_get(json_object_get(k, "metric_changes"), "cycles"),
        "exact")));
    e = json_object_get(k, "explanation");
    cr_assert_str_eq(json_string_value(json_object_get(e, "engine")),
                     "callgrind");
    cr_assert_eq(json_number_value(json_object_get(e, "total_after")), 10000);
    json_t *f1 = json_array_get(json_object_get(e, "functions"), 1);
    cr_assert_str_eq(json_string_value(json_object_get(f1, "name")),
                     METRICS_HOSTILE_FUNCTION);
    cr_assert_eq(json_number_value(json_object_get(f1, "self_after")), 1250);
    cr_assert_str_eq(json_string_value(json_object_get(e, "flamegraph")),
                     "benchrun-diff/hash_regressed.svg");

    json_t *improved =
        json_object_get(case_named(root, "hash/improved"), "comparison");
    cr_assert(json_is_true(json_object_get(improved, "metric_disagrees")));
    cr_assert_null(json_object_get(improved, "explanation"),
                   "no explanation attempted: no key");
    json_t *unchanged = case_named(root, "hash/inconclusive");
    cr_assert_null(json_object_get(unchanged, "metrics"));
    cr_assert(json_is_null(json_object_get(
        json_object_get(unchanged, "comparison"), "gate_metric")));
    json_decref(root);
    free(out.text);
}

Test(json, no_metrics_means_no_metrics_keys)
{
    struct brun_results r;
    json_error_t error;
    report_model_compare(&r);
    struct output out = capture(json_results, &r);
    json_t *root = json_loadb(out.text, out.size, 0, &error);
    cr_assert_not_null(root, "%s", error.text);
    cr_assert(json_is_null(json_object_get(json_object_get(root, "context"),
                                           "metrics_availability")));
    cr_assert_null(strstr(out.text, "\"metrics\""));
    cr_assert_null(strstr(out.text, "\"metric_changes\""));
    cr_assert_null(strstr(out.text, "\"explanation\""));
    json_decref(root);
    free(out.text);
}

/* ---- Scaling and the -v sparkline on the console ---- */

static void console_with_scaling(FILE *f, const void *r)
{
    brun_console_comparison(f, r, &plain);
}

Test(console, scaling_report_matches_golden)
{
    struct brun_results r;
    report_model_scaling(&r);
    struct output out = capture(console_with_scaling, &r);
    golden_check("console_scaling", &out);
    free(out.text);
}

Test(console, scaling_lines_say_fit_change_and_a_new_shape)
{
    struct brun_results r;
    report_model_scaling(&r);
    struct output out = capture(console_with_scaling, &r);
    const char *t = out.text;
    cr_assert(strstr(t, "\nscaling  context/capture: linear, 1.81 µs per var "
                        "± 0.02 (R² 0.999, 9 points); per var +3.05% "
                        "[+1.10%, +5.02%] against the baseline\n"),
              "%s", t);
    /* The hostile name is escaped: no newline, no raw control. */
    cr_assert(strstr(t, "\nSCALING CHANGED sort/`a|b`\\n<i>@x: scaling "
                        "changed from linear O(N) to quadratic O(N^2)\n") ||
                  strstr(t, "\nSCALING CHANGED sort/`a|b`"),
              "%s", t);
    cr_assert_null(strstr(t, "`a|b`\n<i>"), "raw newline in a name: %s", t);
    cr_assert(strstr(t, "\nSCALING REGRESSION sort/"), "%s", t);
    cr_assert(strstr(t, ": per item² cost +40.00% [+30.00%, +50.00%] against "
                        "the baseline, above the 10% threshold\n"),
              "%s", t);
    free(out.text);

    /* Quiet or not, the changed shape is said; no line without families. */
    struct brun_console_style quiet = {0, -1};
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    brun_console_scaling(f, &r, &quiet);
    fclose(f);
    cr_assert(strstr(text, "SCALING CHANGED"), "%s", text);
    free(text);
    report_model_compare(&r);
    f = open_memstream(&text, &size);
    brun_console_scaling(f, &r, &quiet);
    fclose(f);
    cr_assert_str_eq(text, "");
    free(text);
}

Test(console, sparkline_bytes_for_a_known_input)
{
    const double v[] = {1, 2, 3, 4, 5, 6, 7, 8, 8, 1};
    char out[64];
    brun_console_sparkline(v, 10, 1, out, sizeof out);
    cr_assert_str_eq(out, "▁▂▃▄▅▆▇██▁");
    cr_assert_eq(strlen(out), 30, "three bytes a block");
    brun_console_sparkline(v, 10, 0, out, sizeof out);
    cr_assert_str_eq(out, "__.--=^^^_");
    /* Equal values: all the lowest; a NaN is a space. */
    const double flat[] = {5, 5, NAN, 5};
    brun_console_sparkline(flat, 4, 1, out, sizeof out);
    cr_assert_str_eq(out, "▁▁ ▁");
    brun_console_sparkline(flat, 4, 0, out, sizeof out);
    cr_assert_str_eq(out, "__ _");
    /* Cut at whole characters. */
    brun_console_sparkline(v, 10, 1, out, 8);
    cr_assert_str_eq(out, "▁▂");
    brun_console_sparkline(v, 0, 1, out, sizeof out);
    cr_assert_str_eq(out, "");
}

Test(console, verbose_table_has_a_sparkline_per_case)
{
    struct brun_results r;
    report_model_plain(&r);
    struct brun_console_style styles[2] = {{0, 1}, {1, 1}};
    const char *expect[2] = {"_-^", "▁▅█"};
    for (int i = 0; i < 2; i++) {
        char *text = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&text, &size);
        brun_console_table(f, &r, &styles[i]);
        fclose(f);
        cr_assert(strstr(text, "rounds"), "%s", text);
        cr_assert(strstr(text, expect[i]), "style %d: %s", i, text);
        if (i == 0)
            cr_assert_null(strstr(text, "▁"), "no blocks without colour");
        free(text);
    }
    /* Not verbose: no sparkline. */
    struct brun_console_style normal = {0, 0};
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    brun_console_table(f, &r, &normal);
    fclose(f);
    cr_assert_null(strstr(text, "_-^"), "%s", text);
    free(text);
}

Test(wording, scaling_phrases_name_shape_unit_and_change)
{
    struct brun_results r;
    char out[256];
    report_model_scaling(&r);
    struct brun_scaling *s = &r.scalings[0];
    static const char *const units[BRUN_COMPLEXITY_COUNT] = {
        "", "per log N", "per var", "per N log N", "per var²", "per var³"};
    for (int c = 0; c < BRUN_COMPLEXITY_COUNT; c++) {
        brun_wording_scaling_unit(s, (enum brun_complexity)c, out, sizeof out);
        cr_assert_str_eq(out, units[c]);
    }
    brun_wording_scaling_fit(s, out, sizeof out);
    cr_assert_str_eq(out,
                     "linear, 1.81 µs per var ± 0.02 (R² 0.999, 9 points)");
    brun_wording_scaling_change(s, out, sizeof out);
    cr_assert_str_eq(out, "+3.05% [+1.10%, +5.02%] against the baseline");
    brun_wording_scaling_shape_change(s, out, sizeof out);
    cr_assert_str_eq(out, "");
    brun_wording_scaling_gate_failure(s, out, sizeof out);
    cr_assert_str_eq(out, "");
    brun_wording_scaling_status(s, out, sizeof out);
    cr_assert_str_eq(out, "ok");
    cr_assert_eq(brun_wording_scaling_failing(&r), 1);

    s = &r.scalings[1];
    brun_wording_scaling_unit(s, BRUN_O_N, out, sizeof out);
    cr_assert_str_eq(out, "per item", "runner's \"items\" is one item");
    brun_wording_scaling_shape_change(s, out, sizeof out);
    cr_assert_str_eq(out,
                     "scaling changed from linear O(N) to quadratic O(N^2)");
    brun_wording_scaling_status(s, out, sizeof out);
    cr_assert_str_eq(out, "FAILS (> 10%)");

    /* A constant: the cost is the time itself, in its own unit. */
    struct brun_fit f = {.valid = 1,
                         .shape = BRUN_O_1,
                         .per_item_ns = 12.5e6,
                         .per_item_lo = 12.3e6,
                         .per_item_hi = 12.7e6};
    brun_wording_scaling_cost(s, &f, out, sizeof out);
    cr_assert_str_eq(out, "12.5 ms ± 0.2");
    s->compared = 0;
    brun_wording_scaling_status(s, out, sizeof out);
    cr_assert_str_eq(out, "not compared");
    brun_wording_scaling_change(s, out, sizeof out);
    cr_assert_str_eq(out, "");
    s->best.valid = 0;
    brun_wording_scaling_fit(s, out, sizeof out);
    cr_assert_str_eq(out, "no fit");
    /* Cut short, still terminated. */
    s = &r.scalings[0];
    brun_wording_scaling_fit(s, out, 8);
    cr_assert_eq(strlen(out), 7);
}
