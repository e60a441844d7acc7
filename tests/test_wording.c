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
#include <stdlib.h>
#include <string.h>

#include "reports/console/console.h"
#include "reports/export/export.h"
#include "reports/github/actions.h"
#include "reports/github/pr.h"
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
