/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_counters.c: user counters (benchrun_counter()).  In process: the
 * comparison of counters (runner/compare/counter_compare.c) on figures
 * built by hand (exact, seeded noise, a missing baseline, the direction
 * flag) and the value wording.  End to end, the real benchrun on builds
 * of tests/bench_counters.c: --json carries exactly 3 hits per iteration
 * and an average of 42 in every round and a rate within a wide bound of
 * its definition (1000 per iteration over the round's time per
 * iteration); a saved baseline keeps the per-round figures and loads
 * them back, and its reader refuses a bad kind or name and loads a file
 * saved before counters existed; comparing the 6-hit build with the 3-hit one, interleaved
 * or against saved numbers, labels hits regressed at exactly +100 %;
 * misused calls fail their case with the message.  The C++ build of the
 * header is tests/bench_cxx.cc, which calls benchrun_counter() too.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/baseline/format.h"
#include "runner/baseline/store.h"
#include "runner/compare/counter_compare.h"
#include "stats/random.h"
#include "tests/helpers.h"
#include "tests/json_cases.h"

/* ---- In process --------------------------------------------------------- */

static void counter(struct brun_user_counter *u, const char *name,
                    enum brun_counter_kind kind, const double *v, size_t n)
{
    memset(u, 0, sizeof *u);
    snprintf(u->name, sizeof u->name, "%s", name);
    u->kind = kind;
    u->per_round = malloc(n * sizeof *u->per_round);
    cr_assert_not_null(u->per_round);
    memcpy(u->per_round, v, n * sizeof *v);
    u->round_count = n;
    brun_user_counter_summarize(u);
}

/* A comparison whose baseline holds base[0..nb); k owns it. */
static void with_baseline(struct brun_case_comparison *k,
                          const struct brun_user_counter *base, size_t nb)
{
    memset(k, 0, sizeof *k);
    k->noise_floor = 0.01;
    k->stats.mode = BRUN_COMPARE_PAIRED;
    cr_assert_eq(brun_user_counters_copy(base, nb, &k->baseline_counters), 0);
    k->baseline_counter_count = nb;
}

static void release(struct brun_case_comparison *k)
{
    brun_user_counters_free(k->baseline_counters, k->baseline_counter_count);
    free(k->counter_changes);
}

Test(counter_compare, exact_figures_give_an_exact_ratio_and_label)
{
    const double three[4] = {3, 3, 3, 3}, six[4] = {6, 6, 6, 6};
    struct brun_user_counter base, now;
    counter(&base, "hits", BRUN_COUNTER_KIND_PER_ITERATION, three, 4);
    counter(&now, "hits", BRUN_COUNTER_KIND_PER_ITERATION, six, 4);
    struct brun_case_comparison k;
    with_baseline(&k, &base, 1);
    cr_assert_eq(brun_counter_compare(&k, &now, 1, 0.95, 0), 0);
    cr_assert_eq(k.counter_change_count, 1);
    const struct brun_counter_change *ch = &k.counter_changes[0];
    cr_assert(ch->valid && ch->exact);
    cr_assert_float_eq(ch->ratio, 2.0, 1e-12);
    cr_assert_float_eq(ch->lo, 2.0, 1e-12);
    cr_assert_eq(ch->label, BRUN_LABEL_REGRESSED);
    char text[160];
    brun_counter_format_change(ch, text, sizeof text);
    cr_assert_str_eq(text, "+100% regressed (exact)");

    /* The same figures read as "higher is better" improved. */
    now.higher_is_better = 1;
    cr_assert_eq(brun_counter_compare(&k, &now, 1, 0.95, 0), 0);
    cr_assert_eq(k.counter_changes[0].label, BRUN_LABEL_IMPROVED);
    release(&k);
    free(base.per_round);
    free(now.per_round);
}

Test(counter_compare, noisy_figures_get_a_welch_interval_on_logs)
{
    struct brun_rng *rng = brun_rng_new(12);
    double a[12], b[12], c[12];
    for (int i = 0; i < 12; i++) {
        a[i] = 100 * (1 + brun_rng_gaussian(rng, 0.02));
        b[i] = 150 * (1 + brun_rng_gaussian(rng, 0.02));
        c[i] = 100 * (1 + brun_rng_gaussian(rng, 0.02));
    }
    brun_rng_free(rng);
    struct brun_user_counter base, more, same;
    counter(&base, "misses", BRUN_COUNTER_KIND_RATE, a, 12);
    counter(&more, "misses", BRUN_COUNTER_KIND_RATE, b, 12);
    counter(&same, "misses", BRUN_COUNTER_KIND_RATE, c, 12);
    struct brun_case_comparison k;
    with_baseline(&k, &base, 1);
    k.noise_floor = 0.10;

    cr_assert_eq(brun_counter_compare(&k, &more, 1, 0.95, 0), 0);
    const struct brun_counter_change *ch = &k.counter_changes[0];
    cr_assert(ch->valid && !ch->exact);
    cr_assert_float_eq(ch->ratio, more.value / base.value, 1e-12);
    cr_assert(ch->lo < ch->ratio && ch->ratio < ch->hi, "[%g, %g] around %g",
              ch->lo, ch->hi, ch->ratio);
    cr_assert(ch->lo > 1.3 && ch->hi < 1.7, "[%g, %g]", ch->lo, ch->hi);
    cr_assert_eq(ch->label, BRUN_LABEL_REGRESSED);

    /* Within the 10 % noise floor: unchanged. */
    cr_assert_eq(brun_counter_compare(&k, &same, 1, 0.95, 0), 0);
    cr_assert_eq(k.counter_changes[0].label, BRUN_LABEL_UNCHANGED, "[%g, %g]",
                 k.counter_changes[0].lo, k.counter_changes[0].hi);

    /* Against saved numbers, a rate carries the session noise: a wide
     * one makes the same figures inconclusive. */
    k.stats.mode = BRUN_COMPARE_INDEPENDENT;
    cr_assert_eq(brun_counter_compare(&k, &more, 1, 0.95, 0.5), 0);
    cr_assert_eq(k.counter_changes[0].label, BRUN_LABEL_INCONCLUSIVE,
                 "[%g, %g]", k.counter_changes[0].lo, k.counter_changes[0].hi);
    release(&k);
    free(base.per_round);
    free(more.per_round);
    free(same.per_round);
}

Test(counter_compare,
     a_counter_the_baseline_lacks_or_measures_otherwise_is_not_compared)
{
    const double v[3] = {1, 2, 3};
    struct brun_user_counter base, other, kind;
    counter(&base, "depth", BRUN_COUNTER_KIND_AVERAGE, v, 3);
    counter(&other, "width", BRUN_COUNTER_KIND_AVERAGE, v, 3);
    counter(&kind, "depth", BRUN_COUNTER_KIND_RATE, v, 3);
    struct brun_case_comparison k;
    with_baseline(&k, &base, 1);
    cr_assert_eq(brun_counter_compare(&k, &other, 1, 0.95, 0), 0);
    cr_assert_not(k.counter_changes[0].valid);
    cr_assert_eq(k.counter_changes[0].label, BRUN_LABEL_INCONCLUSIVE);
    cr_assert_eq(brun_counter_compare(&k, &kind, 1, 0.95, 0), 0);
    cr_assert_not(k.counter_changes[0].valid, "a rate is not an average");
    release(&k);
    free(base.per_round);
    free(other.per_round);
    free(kind.per_round);
}

Test(counter_words, values_carry_an_si_prefix_and_the_kind_unit)
{
    const double small[1] = {3}, big[1] = {46770000000.0}, avg[1] = {42};
    struct brun_user_counter u;
    char text[64];
    counter(&u, "hits", BRUN_COUNTER_KIND_PER_ITERATION, small, 1);
    brun_counter_format_value(&u, text, sizeof text);
    cr_assert_str_eq(text, "3 /iter");
    free(u.per_round);
    counter(&u, "bytes", BRUN_COUNTER_KIND_RATE, big, 1);
    brun_counter_format_value(&u, text, sizeof text);
    cr_assert_str_eq(text, "46.77 G/s");
    free(u.per_round);
    counter(&u, "depth", BRUN_COUNTER_KIND_AVERAGE, avg, 1);
    brun_counter_format_value(&u, text, sizeof text);
    cr_assert_str_eq(text, "42");
    free(u.per_round);
}

/* ---- The real programs ------------------------------------------------- */

#define FAST                                                                   \
    "--rounds", "4", "--max-rounds", "4", "--samples", "3", "--warmup", "1ms", \
        "--sample-time", "1ms", "--no-color"

__attribute__((constructor)) static void one_test_at_a_time(void)
{
    setenv("CRITERION_JOBS", "1", 0);
}

static char *scratch;
static char base_exe[4096], more_exe[4096], misuse_exe[4096];

static void setup_e2e(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    snprintf(base_exe, sizeof base_exe, "%s",
             build_path("tests/counters_base"));
    snprintf(more_exe, sizeof more_exe, "%s",
             build_path("tests/counters_more"));
    snprintf(misuse_exe, sizeof misuse_exe, "%s",
             build_path("tests/counters_misuse"));
}

static void teardown_e2e(void)
{
    free(scratch);
}

TestSuite(counters_run, .init = setup_e2e, .fini = teardown_e2e,
          .timeout = 240);

/* Runs benchrun in the scratch directory with NULL-terminated args. */
static struct command_result benchrun(const char *first, ...)
{
    char command[16384];
    size_t len = (size_t)snprintf(command, sizeof command, "cd '%s' && '%s'",
                                  scratch, build_path("runner/benchrun"));
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a; a = va_arg(ap, const char *))
        len +=
            (size_t)snprintf(command + len, sizeof command - len, " '%s'", a);
    va_end(ap);
    char *argv[] = {"/bin/sh", "-c", command, NULL};
    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 230, &r), 0);
    return r;
}

static double number(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    cr_assert(json_is_number(v), "%s is not a number", key);
    return json_number_value(v);
}

/* Every per-round figure of the counter equals expected. */
static void assert_every_round(json_t *counters, const char *name,
                               const char *kind, double expected, size_t rounds)
{
    json_t *u = json_object_get(counters, name);
    cr_assert_not_null(u, "no counter %s", name);
    cr_assert_str_eq(json_string_value(json_object_get(u, "kind")), kind);
    cr_assert_eq(number(u, "value"), expected, "%s", name);
    json_t *per = json_object_get(u, "per_round");
    cr_assert_eq(json_array_size(per), rounds);
    for (size_t i = 0; i < rounds; i++)
        cr_assert_eq(json_number_value(json_array_get(per, i)), expected,
                     "%s round %zu", name, i);
}

Test(counters_run, json_has_exact_figures_and_a_rate_by_its_definition)
{
    struct command_result r =
        benchrun(base_exe, FAST, "--json", "out.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_assert(strstr(r.out, "per_iteration") && strstr(r.out, "/iter"),
              "the console shows the counters:\n%s", r.out);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "out.json");
    json_t *c = json_case_named(root, "counters/known");
    json_t *counters = json_object_get(c, "counters");
    assert_every_round(counters, "hits", "per_iteration", 3, 4);
    assert_every_round(counters, "depth", "average", 42, 4);

    /* bytes: 1000 per iteration over the time the loop took per
     * iteration.  The JSON's round mean is of the measured samples and
     * the rate's time includes warm-up, so only a wide bound holds. */
    json_t *bytes = json_object_get(counters, "bytes");
    cr_assert_str_eq(json_string_value(json_object_get(bytes, "kind")), "rate");
    cr_assert(json_is_true(json_object_get(bytes, "higher_is_better")));
    json_t *rounds = json_object_get(c, "rounds");
    json_t *per = json_object_get(bytes, "per_round");
    cr_assert_eq(json_array_size(per), json_array_size(rounds));
    for (size_t i = 0; i < json_array_size(rounds); i++) {
        double ns = number(json_array_get(rounds, i), "mean_ns");
        double expected = 1000 * 1e9 / ns;
        double got = json_number_value(json_array_get(per, i));
        cr_assert(got > expected / 4 && got < expected * 4,
                  "round %zu: %g per second, expected about %g", i, got,
                  expected);
    }
    json_decref(root);
}

Test(counters_run, a_saved_baseline_keeps_and_reloads_per_round_figures)
{
    struct command_result r =
        benchrun(base_exe, FAST, "--save-baseline", "main", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);

    char dir[4300], why[512];
    snprintf(dir, sizeof dir, "%s/.benchrun/baselines", scratch);
    struct brun_baseline b;
    cr_assert_eq(brun_baseline_load(dir, "main", &b, why, sizeof why), 0, "%s",
                 why);
    cr_assert_eq(b.results.case_count, 1);
    const struct brun_case_result *c = &b.results.cases[0];
    cr_assert_eq(c->counter_count, 3);
    const struct brun_user_counter *hits =
        brun_user_counter_find(c->counters, c->counter_count, "hits");
    cr_assert_not_null(hits);
    cr_assert_eq(hits->kind, BRUN_COUNTER_KIND_PER_ITERATION);
    cr_assert_eq(hits->round_count, 4);
    cr_assert_eq(hits->value, 3);
    const struct brun_user_counter *bytes =
        brun_user_counter_find(c->counters, c->counter_count, "bytes");
    cr_assert_not_null(bytes);
    cr_assert(bytes->higher_is_better);
    cr_assert(bytes->value > 0);
    brun_baseline_release(&b);

    /* The 6-hit build against the saved numbers: hits doubled, exactly. */
    r = benchrun(more_exe, FAST, "--baseline", "main", "--no-rerun", "--json",
                 "saved.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_assert(strstr(r.out, "+100% regressed (exact)"), "%s", r.out);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "saved.json");
    json_t *changes = json_object_get(
        json_object_get(json_case_named(root, "counters/known"), "comparison"),
        "counter_changes");
    json_t *h = json_object_get(changes, "hits");
    cr_assert(json_is_true(json_object_get(h, "exact")));
    cr_assert_eq(number(h, "ratio"), 2);
    cr_assert_str_eq(json_string_value(json_object_get(h, "label")),
                     "regressed");
    json_t *d = json_object_get(changes, "depth");
    cr_assert_str_eq(json_string_value(json_object_get(d, "label")),
                     "unchanged");
    json_decref(root);
}

Test(counters_run, comparing_two_builds_labels_the_changed_counter)
{
    struct command_result r = benchrun(more_exe, "--compare", base_exe, FAST,
                                       "--json", "cmp.json", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "cmp.json");
    json_t *c = json_case_named(root, "counters/known");
    json_t *changes =
        json_object_get(json_object_get(c, "comparison"), "counter_changes");
    json_t *h = json_object_get(changes, "hits");
    cr_assert_not_null(h);
    cr_assert(json_is_true(json_object_get(h, "valid")));
    cr_assert_eq(number(h, "baseline"), 3);
    cr_assert_eq(number(h, "ratio"), 2);
    cr_assert_str_eq(json_string_value(json_object_get(h, "label")),
                     "regressed");
    json_t *d = json_object_get(changes, "depth");
    cr_assert_eq(number(d, "ratio"), 1);
    cr_assert_str_eq(json_string_value(json_object_get(d, "label")),
                     "unchanged");
    assert_every_round(json_object_get(c, "counters"), "hits", "per_iteration",
                       6, json_array_size(json_object_get(c, "rounds")));
    json_decref(root);
}

Test(counters_run, misused_calls_fail_their_case_with_the_message)
{
    struct command_result r =
        benchrun(misuse_exe, FAST, "--json", "misuse.json", NULL);
    cr_assert_neq(r.status, 0, "failed cases fail the run");
    command_result_free(&r);
    json_t *root = load_json_in(scratch, "misuse.json");
    json_t *bad = json_case_named(root, "counters/bad_name");
    cr_assert_str_eq(json_string_value(json_object_get(bad, "status")),
                     "failed");
    const char *reason = json_string_value(json_object_get(bad, "reason"));
    cr_assert(reason && strstr(reason, "bad counter name \"bad name!\""), "%s",
              reason ? reason : "(null)");
    json_t *many = json_case_named(root, "counters/too_many");
    cr_assert_str_eq(json_string_value(json_object_get(many, "status")),
                     "failed");
    reason = json_string_value(json_object_get(many, "reason"));
    cr_assert(reason && strstr(reason, "c16 is one too many (at most 16"), "%s",
              reason ? reason : "(null)");
    json_t *ok = json_case_named(root, "counters/known");
    cr_assert_str_eq(json_string_value(json_object_get(ok, "status")), "ok");
    json_decref(root);
}

/* The saved file's text with the first `from` replaced by `to`. */
static char *edited(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    cr_assert_not_null(at, "no %s in the file", from);
    size_t head = (size_t)(at - text), len = strlen(text);
    char *out = malloc(len - strlen(from) + strlen(to) + 1);
    cr_assert_not_null(out);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

Test(counters_run, the_reader_checks_counters_and_loads_files_without_them)
{
    struct command_result r =
        benchrun(base_exe, FAST, "--save-baseline", "check", NULL);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    command_result_free(&r);
    char dir[4300], path[4400], why[512];
    snprintf(dir, sizeof dir, "%s/.benchrun/baselines", scratch);
    snprintf(path, sizeof path, "%s/check.yml", dir);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    struct brun_baseline b;

    /* An unknown kind is refused with its key path. */
    char *bad = edited(text, "kind: per_iteration", "kind: sideways");
    cr_assert_eq(brun_baseline_parse(bad, strlen(bad), path, dir, NULL, &b, why,
                                     sizeof why),
                 -1);
    cr_assert(strstr(why, "cases[0].counters.hits.kind") &&
                  strstr(why, "expected per_iteration, rate or average"),
              "%s", why);
    free(bad);

    /* A bad name too. */
    bad = edited(text, "    hits:", "    \"hi ts\":");
    cr_assert_eq(brun_baseline_parse(bad, strlen(bad), path, dir, NULL, &b, why,
                                     sizeof why),
                 -1);
    cr_assert(strstr(why, "bad counter name"), "%s", why);
    free(bad);

    /* A schema_version 3 file saved before user counters (no key) loads,
     * with none. */
    const char *start = strstr(text, "  counters:\n");
    cr_assert_not_null(start);
    const char *end = strstr(start, "...");
    cr_assert_not_null(end, "counters are the last key of the last case");
    char *old = malloc(n + 1);
    cr_assert_not_null(old);
    memcpy(old, text, (size_t)(start - text));
    strcpy(old + (start - text), end);
    cr_assert_eq(brun_baseline_parse(old, strlen(old), path, dir, NULL, &b, why,
                                     sizeof why),
                 0, "%s", why);
    cr_assert_eq(b.results.cases[0].counter_count, 0);
    brun_baseline_release(&b);
    free(old);
}
