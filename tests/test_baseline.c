/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_baseline.c: the baseline store (runner/baseline/store.h) on real files:
 * a save loads back field for field, damaged or hand-edited files are
 * one-line errors naming file, line and key, concurrent and killed saves
 * leave a complete baseline, and listing, deleting, name rules and the
 * collection of unreferenced executables behave.  Results are built by
 * hand, so no benchmark runs; the stored executables are the tree's own
 * examples/harness and tests/bench_faulty.  It does not test the command
 * line that drives the store.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner/baseline/history.h"
#include "runner/baseline/store.h"
#include "runner/host/fingerprint.h"
#include "stats/summary.h"
#include "tests/helpers.h"

static char *scratch;
static char store[4200];

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void setup(void)
{
    brun_stats_init();
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    /* Two levels that do not exist yet: save must create them. */
    snprintf(store, sizeof store, "%s/project/baselines", scratch);
}

static void teardown(void)
{
    if (scratch)
        nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(scratch);
}

TestSuite(baseline, .init = setup, .fini = teardown, .timeout = 60);

/* ---- building results by hand ------------------------------------ */

static char *xstrdup(const char *s)
{
    char *c = strdup(s);
    cr_assert_not_null(c);
    return c;
}

static uint64_t next_random(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return *state >> 33;
}

/* A round as runner/measure/measure.c makes one: ns/iteration, mean and 20 %
 * trimmed mean computed from the raw samples. */
static void fill_round(struct brun_round_result *r, unsigned index,
                       unsigned samples, uint64_t iterations,
                       const struct brun_clock_info *clock, uint64_t *rng)
{
    double *x = calloc(samples, sizeof *x), sum = 0;
    cr_assert_not_null(x);
    r->index = index;
    r->iterations = iterations;
    r->warmup_samples = 3 + index;
    r->warmup_ns = 12345.678 + index;
    r->warmup_steady = index % 2 == 0;
    r->samples = calloc(samples, sizeof *r->samples);
    cr_assert_not_null(r->samples);
    r->sample_count = samples;
    for (unsigned i = 0; i < samples; i++) {
        struct brun_sample_result *s = &r->samples[i];
        s->iterations = iterations;
        s->ticks = 2000000 + next_random(rng) % 90000;
        s->paused_ticks = i * 3;
        s->cpu_ns = 650000 + next_random(rng) % 1000;
        s->ivcsw = i % 3;
        s->ns_per_iteration = brun_clock_ticks_to_ns(clock, (double)s->ticks) /
                              (double)s->iterations;
        x[i] = s->ns_per_iteration;
        sum += x[i];
    }
    r->mean_ns = sum / samples;
    cr_assert_eq(brun_stats_trimmed_mean(x, samples, &r->estimate_ns), 0);
    free(x);
}

/* Summaries as runner/measure/measure.c computes them. */
static void summarize_case(struct brun_case_result *c)
{
    size_t total = 0, k = 0;
    for (size_t i = 0; i < c->round_count; i++)
        total += c->rounds[i].sample_count;
    double *all = calloc(total, sizeof *all);
    double *est = calloc(c->round_count, sizeof *est);
    double *means = calloc(c->round_count, sizeof *means);
    cr_assert(all && est && means);
    for (size_t i = 0; i < c->round_count; i++) {
        est[i] = c->rounds[i].estimate_ns;
        means[i] = c->rounds[i].mean_ns;
        for (size_t j = 0; j < c->rounds[i].sample_count; j++)
            all[k++] = c->rounds[i].samples[j].ns_per_iteration;
    }
    cr_assert_eq(brun_stats_summarize(all, total, &c->samples_summary), 0);
    cr_assert_eq(brun_stats_summarize(est, c->round_count, &c->rounds_summary),
                 0);
    if (brun_stats_mean_ci(means, c->round_count, 0.95, &c->ci_low_ns,
                           &c->ci_high_ns) != 0)
        c->ci_low_ns = c->ci_high_ns = c->samples_summary.mean;
    free(all);
    free(est);
    free(means);
}

/* Names a YAML reader could take for something else, or that need
 * quoting or escaping. */
static const char *const tricky_names[] = {
    "null",     "123",       "true",       "ünï/cödé: ✓ 'single' \"double\"",
    "a: b # c", "- dash",    "0x1f",       "1.5e3",
    "~",        "tab\there", "2024-05-01",
};
#define TRICKY (sizeof tricky_names / sizeof tricky_names[0])

/* Results with `cases` cases of `rounds` x `samples`: most complete, every
 * fifth-plus-one failed after one round, every fifth-plus-three skipped. */
static void make_results(struct brun_results *r, size_t cases, unsigned rounds,
                         unsigned samples, uint64_t seed)
{
    struct brun_context *c = &r->context;
    uint64_t rng = seed * 7919 + 1;
    memset(r, 0, sizeof *r);
    c->benchrun_version = "0.1.0";
    snprintf(c->date, sizeof c->date, "2024-05-01T10:11:12Z");
    c->seed = seed;
    c->clock.kind = BRUN_CLOCK_TSC;
    c->clock.ticks_per_second = 2893202123.25;
    c->clock.resolution_ns = 0.345;
    c->clock.read_cost_ns = 7.25;
    c->clock.empty_region_ns = 14.5;
    c->clock.invariant = 1;
    snprintf(c->host.cpu_model, sizeof c->host.cpu_model,
             "Intel(R) Xeon(R) CPU @ 2.90GHz");
    c->host.cpus = 16;
    snprintf(c->host.kernel, sizeof c->host.kernel, "Linux 6.1.0-18-amd64");
    snprintf(c->host.machine, sizeof c->host.machine, "x86_64");
    snprintf(c->host.hostname, sizeof c->host.hostname, "builder-7");
    c->host.load_average = 0.25;
    snprintf(c->host.governor, sizeof c->host.governor, "performance");
    c->host.aslr = 2;
    c->settings =
        (struct brun_settings){rounds, samples, 50.5, 10.0, 30.0, 60.0, 0, 1};
    c->command_line = xstrdup("benchrun --rounds 3 ./bench");
    c->warning_count = 2;
    c->warnings = calloc(2, sizeof *c->warnings);
    cr_assert_not_null(c->warnings);
    c->warnings[0] = xstrdup("load average 3.10 is high for 16 CPUs");
    c->warnings[1] = xstrdup("true");

    r->target_count = 2;
    r->targets = calloc(2, sizeof *r->targets);
    cr_assert_not_null(r->targets);
    r->targets[0].path = xstrdup(build_path("examples/harness"));
    r->targets[0].library_version = xstrdup("0.1.0");
    r->targets[0].protocol = 1;
    r->targets[0].case_count = cases;
    r->targets[1].path = xstrdup(build_path("tests/bench_faulty"));
    r->targets[1].protocol = 2;
    r->targets[1].case_count = 1;

    r->case_count = cases;
    r->cases = calloc(cases, sizeof *r->cases);
    cr_assert_not_null(r->cases);
    for (size_t i = 0; i < cases; i++) {
        struct brun_case_result *k = &r->cases[i];
        char name[64];
        if (i < TRICKY)
            snprintf(name, sizeof name, "%s", tricky_names[i]);
        else
            snprintf(name, sizeof name, "group/case_%04zu", i);
        k->name = xstrdup(name);
        k->target = i + 1 == cases ? 1 : 0;
        k->file = xstrdup("examples/harness.c");
        k->line = 10 + (int)i;
        k->optimized = i % 2;
        k->compiler = xstrdup(i % 3 ? "clang 14.0.6" : "gcc 12.2.0");
        k->bytes_per_iteration = 64.0 * (double)i;
        k->items_per_iteration = (double)i / 3;
        k->plan = (struct brun_plan){1000 + i, rounds,    samples,
                                     50.5,     10.0,      2.5 + 0.1 * (double)i,
                                     1,        i % 4 == 0};
        unsigned made = rounds;
        if (i % 5 == 1) {
            k->status = BRUN_STATUS_FAILED;
            k->failure = BRUN_FAILURE_SIGNAL;
            k->reason =
                xstrdup("killed by signal 11 (Segmentation fault), in round 2");
            k->output = xstrdup("line one\nkey: value\n  indented 'quote'\n");
            made = 1;
        } else if (i % 5 == 3) {
            k->status = BRUN_STATUS_SKIPPED;
            k->reason = xstrdup("needs a GPU");
            made = 0;
        }
        k->rounds = calloc(made ? made : 1, sizeof *k->rounds);
        cr_assert_not_null(k->rounds);
        for (unsigned j = 0; j < made; j++)
            fill_round(&k->rounds[j], j, samples, 1000 + i + j, &c->clock,
                       &rng);
        k->round_count = made;
        if (k->status == BRUN_STATUS_OK)
            summarize_case(k);
    }
}

/* ---- files -------------------------------------------------------- */

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "open %s: %s", path, strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    do {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 131072;
            buf = realloc(buf, cap + 1);
            cr_assert_not_null(buf);
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    buf[len] = '\0';
    if (size)
        *size = len;
    return buf;
}

/* 1 when the file at path contains needle. */
static int file_has(const char *path, const char *needle)
{
    char *text = read_all(path, NULL);
    int has = strstr(text, needle) != NULL;
    free(text);
    return has;
}

static void write_all(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "open %s: %s", path, strerror(errno));
    cr_assert_eq(fwrite(data, 1, size, f), size);
    cr_assert_eq(fclose(f), 0);
}

static const char *yml(const char *name)
{
    static char path[2][4400];
    static int which;
    which ^= 1;
    snprintf(path[which], sizeof path[which], "%s/%s.yml", store, name);
    return path[which];
}

/* Files in dir (not . and ..), as one sorted "a,b,c" string. */
static char *listing(const char *dir)
{
    char *names[256], *out;
    size_t n = 0, len = 1;
    DIR *d = opendir(dir);
    if (!d)
        return xstrdup("");
    for (struct dirent *e; (e = readdir(d)) && n < 256;)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[n++] = xstrdup(e->d_name);
    closedir(d);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + 1;
    out = calloc(len, 1);
    cr_assert_not_null(out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, names[i]);
        free(names[i]);
    }
    return out;
}

static size_t count_files(const char *dir)
{
    char *l = listing(dir);
    size_t n = *l ? count_occurrences(l, ",") + 1 : 0;
    free(l);
    return n;
}

static void save_ok(const char *name, const struct brun_results *r)
{
    char why[2048];
    int rc = brun_baseline_save(store, name, r, why, sizeof why);
    cr_assert_eq(rc, 0, "save %s: %s", name, why);
}

/* Saves a small real baseline "main" and returns the file's text.  Any
 * earlier "main" is removed first, so the file has no history and every
 * call gives the same lines. */
static char *saved_main(size_t *size)
{
    struct brun_results r;
    unlink(yml("main"));
    make_results(&r, 6, 3, 5, 1);
    save_ok("main", &r);
    brun_results_release(&r);
    return read_all(yml("main"), size);
}

/* 1-based line of offset in text. */
static size_t line_at(const char *text, size_t offset)
{
    size_t line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

/* Loads name, expecting failure; checks the message is one line starting
 * with "PATH:LINE: " and that the file is byte for byte unchanged. */
static void expect_load_error(const char *name, size_t line, const char *text1,
                              const char *text2)
{
    char why[2048], prefix[4600];
    struct brun_baseline b;
    size_t before_size, after_size;
    char *before = read_all(yml(name), &before_size);
    char *files_before = listing(store);
    int rc = brun_baseline_load(store, name, &b, why, sizeof why);
    cr_assert_eq(rc, -1, "loaded a damaged baseline");
    cr_assert_null(b.name, "a failed load left data behind");
    cr_assert_eq(b.results.case_count, 0);
    cr_assert_null(strchr(why, '\n'), "not one line: %s", why);
    snprintf(prefix, sizeof prefix, "%s:%zu: ", yml(name), line);
    cr_assert_eq(strncmp(why, prefix, strlen(prefix)), 0,
                 "expected \"%s...\", got \"%s\"", prefix, why);
    if (text1)
        cr_assert_not_null(strstr(why, text1), "no \"%s\" in: %s", text1, why);
    if (text2)
        cr_assert_not_null(strstr(why, text2), "no \"%s\" in: %s", text2, why);
    char *after = read_all(yml(name), &after_size);
    cr_assert_eq(after_size, before_size);
    cr_assert_eq(memcmp(before, after, before_size), 0,
                 "load changed the file");
    char *files_after = listing(store);
    cr_assert_str_eq(files_before, files_after, "load changed the store");
    free(before);
    free(after);
    free(files_before);
    free(files_after);
}

/* A copy of text (malloc'd) with at[0..length), a part of it, replaced
 * by replace. */
static char *spliced(const char *text, const char *at, size_t length,
                     const char *replace)
{
    size_t before = (size_t)(at - text), rlen = strlen(replace);
    size_t after = strlen(at + length);
    char *out = malloc(before + rlen + after + 1);
    cr_assert_not_null(out);
    memcpy(out, text, before);
    memcpy(out + before, replace, rlen);
    memcpy(out + before + rlen, at + length, after + 1);
    return out;
}

/* Replaces the nth (0-based) occurrence of find in text, the content of
 * main.yml (freed here), with replace and expects the load to fail at the
 * line where it was. */
static void edit_expect_in(char *text, const char *find, int nth,
                           const char *replace, const char *text1,
                           const char *text2)
{
    char *at = text;
    for (int i = 0; at && i <= nth; i++) {
        at = strstr(i ? at + 1 : at, find);
    }
    cr_assert_not_null(at, "\"%s\" #%d not in the saved file", find, nth);
    size_t line = line_at(text, (size_t)(at - text));
    /* An edit that starts with a newline changes the line after it. */
    for (const char *p = replace; *p == '\n'; p++)
        line++;
    char *edited = spliced(text, at, strlen(find), replace);
    write_all(yml("main"), edited, strlen(edited));
    expect_load_error("main", line, text1, text2);
    free(text);
    free(edited);
}

/* edit_expect_in on a fresh "main" without history. */
static void edit_expect(const char *find, int nth, const char *replace,
                        const char *text1, const char *text2)
{
    edit_expect_in(saved_main(NULL), find, nth, replace, text1, text2);
}

/* ---- round trip --------------------------------------------------- */

static void expect_same_double(double a, double b, const char *what, size_t i)
{
    cr_assert(memcmp(&a, &b, sizeof a) == 0 || (a == 0 && b == 0),
              "%s of case %zu: %.17g != %.17g", what, i, a, b);
}

static void expect_same_summary(const struct brun_summary *a,
                                const struct brun_summary *b, size_t i)
{
    cr_assert_eq(a->n, b->n, "summary n of case %zu", i);
    expect_same_double(a->mean, b->mean, "mean", i);
    expect_same_double(a->median, b->median, "median", i);
    expect_same_double(a->trimmed_mean, b->trimmed_mean, "trimmed mean", i);
    expect_same_double(a->sd, b->sd, "sd", i);
    expect_same_double(a->mad, b->mad, "mad", i);
    expect_same_double(a->min, b->min, "min", i);
    expect_same_double(a->max, b->max, "max", i);
    expect_same_double(a->q1, b->q1, "q1", i);
    expect_same_double(a->q3, b->q3, "q3", i);
    expect_same_double(a->cv, b->cv, "cv", i);
    cr_assert_eq(a->low_severe + a->low_mild + a->high_mild + a->high_severe,
                 b->low_severe + b->low_mild + b->high_mild + b->high_severe);
}

static void expect_same_results(const struct brun_results *a,
                                const struct brun_results *b)
{
    const struct brun_context *x = &a->context, *y = &b->context;
    cr_assert_str_eq(x->benchrun_version, y->benchrun_version);
    cr_assert_str_eq(x->date, y->date);
    cr_assert_eq(x->seed, y->seed);
    cr_assert_eq(x->clock.kind, y->clock.kind);
    expect_same_double(x->clock.ticks_per_second, y->clock.ticks_per_second,
                       "tps", 0);
    expect_same_double(x->clock.resolution_ns, y->clock.resolution_ns,
                       "resolution", 0);
    expect_same_double(x->clock.read_cost_ns, y->clock.read_cost_ns,
                       "read cost", 0);
    expect_same_double(x->clock.empty_region_ns, y->clock.empty_region_ns,
                       "empty", 0);
    cr_assert_eq(x->clock.invariant, y->clock.invariant);
    cr_assert_str_eq(x->host.cpu_model, y->host.cpu_model);
    cr_assert_eq(x->host.cpus, y->host.cpus);
    cr_assert_str_eq(x->host.kernel, y->host.kernel);
    cr_assert_str_eq(x->host.machine, y->host.machine);
    cr_assert_str_eq(x->host.hostname, y->host.hostname);
    expect_same_double(x->host.load_average, y->host.load_average, "load", 0);
    cr_assert_str_eq(x->host.governor, y->host.governor);
    cr_assert_eq(x->host.aslr, y->host.aslr);
    cr_assert_eq(memcmp(&x->settings, &y->settings, sizeof x->settings), 0,
                 "settings differ");
    cr_assert_str_eq(x->command_line, y->command_line);
    cr_assert_eq(x->warning_count, y->warning_count);
    for (size_t i = 0; i < x->warning_count; i++)
        cr_assert_str_eq(x->warnings[i], y->warnings[i]);

    cr_assert_eq(a->target_count, b->target_count);
    for (size_t i = 0; i < a->target_count; i++) {
        cr_assert_str_eq(a->targets[i].path, b->targets[i].path);
        if (a->targets[i].library_version)
            cr_assert_str_eq(a->targets[i].library_version,
                             b->targets[i].library_version);
        else
            cr_assert_null(b->targets[i].library_version);
        cr_assert_eq(a->targets[i].protocol, b->targets[i].protocol);
        cr_assert_eq(a->targets[i].case_count, b->targets[i].case_count);
    }

    cr_assert_eq(a->case_count, b->case_count);
    for (size_t i = 0; i < a->case_count; i++) {
        const struct brun_case_result *p = &a->cases[i], *q = &b->cases[i];
        cr_assert_str_eq(p->name, q->name);
        cr_assert_eq(p->target, q->target);
        cr_assert_str_eq(p->file, q->file);
        cr_assert_eq(p->line, q->line);
        cr_assert_eq(p->optimized, q->optimized);
        cr_assert_str_eq(p->compiler, q->compiler);
        expect_same_double(p->bytes_per_iteration, q->bytes_per_iteration,
                           "bytes", i);
        expect_same_double(p->items_per_iteration, q->items_per_iteration,
                           "items", i);
        cr_assert_eq(p->status, q->status, "status of case %zu", i);
        cr_assert_eq(p->failure, q->failure, "failure of case %zu", i);
        if (p->reason)
            cr_assert_str_eq(p->reason, q->reason);
        else
            cr_assert_null(q->reason);
        if (p->output)
            cr_assert_str_eq(p->output, q->output);
        else
            cr_assert_null(q->output);
        cr_assert_eq(memcmp(&p->plan, &q->plan, sizeof p->plan), 0,
                     "plan of case %zu differs", i);
        cr_assert_eq(p->round_count, q->round_count, "rounds of case %zu", i);
        for (size_t k = 0; k < p->round_count; k++) {
            const struct brun_round_result *u = &p->rounds[k],
                                           *v = &q->rounds[k];
            cr_assert_eq(u->index, v->index);
            cr_assert_eq(u->iterations, v->iterations);
            cr_assert_eq(u->warmup_samples, v->warmup_samples);
            expect_same_double(u->warmup_ns, v->warmup_ns, "warmup", i);
            cr_assert_eq(u->warmup_steady, v->warmup_steady);
            expect_same_double(u->mean_ns, v->mean_ns, "round mean", i);
            expect_same_double(u->estimate_ns, v->estimate_ns, "estimate", i);
            cr_assert_eq(u->sample_count, v->sample_count);
            for (size_t s = 0; s < u->sample_count; s++) {
                const struct brun_sample_result *m = &u->samples[s],
                                                *n = &v->samples[s];
                cr_assert_eq(m->iterations, n->iterations);
                cr_assert_eq(m->ticks, n->ticks);
                cr_assert_eq(m->paused_ticks, n->paused_ticks);
                cr_assert_eq(m->cpu_ns, n->cpu_ns);
                cr_assert_eq(m->ivcsw, n->ivcsw);
                expect_same_double(m->ns_per_iteration, n->ns_per_iteration,
                                   "ns/iteration", i);
            }
        }
        expect_same_summary(&p->samples_summary, &q->samples_summary, i);
        expect_same_summary(&p->rounds_summary, &q->rounds_summary, i);
        expect_same_double(p->ci_low_ns, q->ci_low_ns, "ci low", i);
        expect_same_double(p->ci_high_ns, q->ci_high_ns, "ci high", i);
    }
}

static int files_equal(const char *a, const char *b)
{
    size_t na, nb;
    char *x = read_all(a, &na), *y = read_all(b, &nb);
    int same = na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

Test(baseline, save_then_load_gives_back_every_field)
{
    struct brun_results r;
    struct brun_baseline b;
    struct brun_fingerprint fp;
    char why[2048], saved_lo[32], saved_hi[32];
    time_t t0 = time(NULL);

    make_results(&r, 14, 4, 7, 99);
    strftime(saved_lo, sizeof saved_lo, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t0));
    save_ok("main", &r);
    time_t t1 = time(NULL);
    strftime(saved_hi, sizeof saved_hi, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t1));
    int rc = brun_baseline_load(store, "main", &b, why, sizeof why);
    cr_assert_eq(rc, 0, "load: %s", why);

    cr_assert_str_eq(b.name, "main");
    cr_assert_str_eq(b.path, yml("main"));
    cr_assert(strcmp(b.saved, saved_lo) >= 0 && strcmp(b.saved, saved_hi) <= 0,
              "saved %s not between %s and %s", b.saved, saved_lo, saved_hi);
    expect_same_results(&r, &b.results);

    brun_fingerprint_of(&r, &fp);
    cr_assert_str_eq(b.fingerprint.cpu_model, fp.cpu_model);
    cr_assert_eq(b.fingerprint.cpus, 16);
    cr_assert_str_eq(b.fingerprint.kernel, fp.kernel);
    cr_assert_str_eq(b.fingerprint.machine, "x86_64");
    cr_assert_str_eq(b.fingerprint.compilers, "gcc 12.2.0, clang 14.0.6");
    cr_assert_str_eq(b.fingerprint.git_commit, fp.git_commit);
    cr_assert_eq(b.fingerprint.git_dirty < 0, fp.git_commit[0] == '\0');
    cr_assert_str_eq(b.fingerprint.benchrun_version, "0.1.0");
    cr_assert_str_eq(b.fingerprint.clock, "tsc");
    expect_same_double(b.fingerprint.ticks_per_second, 2893202123.25, "fp tps",
                       0);

    /* The harness is stored; bench_faulty (rpath into the tree) is not. */
    cr_assert_not_null(b.executables[0]);
    cr_assert_eq(b.executables[0][0], '/', "not absolute: %s",
                 b.executables[0]);
    cr_assert(files_equal(b.executables[0], build_path("examples/harness")));
    struct stat st;
    cr_assert_eq(stat(b.executables[0], &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0755);
    cr_assert_eq(b.targets[0].self_contained, 1);
    cr_assert_null(b.targets[0].not_stored_because);
    cr_assert_null(b.executables[1]);
    cr_assert_eq(b.targets[1].self_contained, 0);
    cr_assert_not_null(strstr(b.targets[1].not_stored_because, "RUNPATH"), "%s",
                       b.targets[1].not_stored_because);
    cr_assert_eq(strlen(b.targets[1].sha256), 64);
    brun_baseline_release(&b);
    cr_assert_null(b.results.cases);
    brun_results_release(&r);
}

Test(baseline, a_stored_executable_still_runs_from_the_store)
{
    struct brun_results r;
    struct brun_baseline b;
    struct command_result out;
    char why[2048];
    make_results(&r, 2, 2, 3, 5);
    save_ok("main", &r);
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), 0,
                 "%s", why);
    char *argv[] = {b.executables[0], "--list", NULL};
    cr_assert_eq(run_command(argv, NULL, 30, &out), 0);
    cr_assert_eq(out.status, 0, "stored copy failed: %s", out.err);
    cr_assert(strlen(out.out) > 0, "the copy listed nothing");
    command_result_free(&out);
    brun_baseline_release(&b);
    brun_results_release(&r);
}

Test(baseline, file_is_commented_yaml_with_a_fixed_key_order)
{
    size_t size;
    char *text = saved_main(&size);
    cr_assert_eq(strncmp(text, "# ", 2), 0);
    cr_assert_not_null(strstr(text, "do not edit"));
    const char *order[] = {"\nschema: benchrun-baseline\n",
                           "\nschema_version: 3\n",
                           "\nname: main\n",
                           "\nsaved: ",
                           "\nfingerprint:\n",
                           "\nrun:\n",
                           "\nsettings:\n",
                           "\nclock:\n",
                           "\ntargets:\n",
                           "\ncases:\n"};
    const char *last = text;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *at = strstr(text, order[i]);
        cr_assert_not_null(at, "no %s", order[i]);
        cr_assert(at > last, "%s out of order", order[i]);
        last = at;
    }
    /* Raw samples as one flow sequence per line; an explicit end. */
    cr_assert_not_null(strstr(text, "\n    - ["));
    cr_assert_not_null(strstr(text, "\n  executable: bin/"));
    cr_assert_not_null(strstr(text, "\n  executable: null\n"));
    cr_assert_not_null(strstr(text, "\n  not_stored_because: 'not "
                                    "self-contained: DT_RUNPATH "));
    cr_assert_eq(strcmp(text + size - 4, "...\n"), 0);
    /* Strings that look like other types are quoted. */
    cr_assert_not_null(strstr(text, "- name: 'null'\n"));
    cr_assert_not_null(strstr(text, "- name: '123'\n"));
    cr_assert_not_null(strstr(text, "- name: 'true'\n"));
    free(text);
}

Test(baseline, numbers_are_written_and_read_the_same_under_a_comma_locale)
{
    const char *locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                             "fr_FR.utf8", "nl_NL.UTF-8"};
    const char *got = NULL;
    for (size_t i = 0; i < sizeof locales / sizeof locales[0] && !got; i++)
        got = setlocale(LC_ALL, locales[i]);
    if (!got)
        cr_skip_test("no locale with a decimal comma is installed");
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    cr_assert_str_eq(probe, "1,5", "locale %s does not use a comma", got);

    struct brun_results r;
    struct brun_baseline b;
    char why[2048];
    make_results(&r, 4, 3, 5, 3);
    save_ok("main", &r);
    char *text = read_all(yml("main"), NULL);
    cr_assert_not_null(strstr(text, "ticks_per_second: 2893202123.25\n"));
    cr_assert_not_null(strstr(text, "warmup_ms: 50.5\n"));
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), 0,
                 "%s", why);
    expect_same_results(&r, &b.results);
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    cr_assert_str_eq(probe, "1,5", "the store changed the process's locale");
    free(text);
    brun_baseline_release(&b);
    brun_results_release(&r);
    setlocale(LC_ALL, "C");
}

/* ---- damaged and edited files ------------------------------------- */

Test(baseline, every_truncation_is_a_one_line_error_with_a_line)
{
    size_t size;
    char *text = saved_main(&size);
    size_t lines = line_at(text, size);
    size_t tried = 0;
    /* Every 3rd byte, and every byte of the last 80 (the end marker). */
    for (size_t cut = 0; cut + 1 < size; cut += cut + 80 >= size ? 1 : 3) {
        char why[2048], prefix[4500];
        struct brun_baseline b;
        write_all(yml("main"), text, cut);
        int rc = brun_baseline_load(store, "main", &b, why, sizeof why);
        cr_assert_eq(rc, -1, "a file cut at %zu of %zu bytes loaded", cut,
                     size);
        cr_assert_null(b.name);
        cr_assert_null(strchr(why, '\n'), "cut %zu: not one line: %s", cut,
                       why);
        snprintf(prefix, sizeof prefix, "%s:", yml("main"));
        cr_assert_eq(strncmp(why, prefix, strlen(prefix)), 0, "cut %zu: %s",
                     cut, why);
        char *end;
        unsigned long line = strtoul(why + strlen(prefix), &end, 10);
        cr_assert(line >= 1 && line <= lines && strncmp(end, ": ", 2) == 0,
                  "cut %zu: bad line in %s", cut, why);
        tried++;
    }
    cr_assert_gt(tried, 500);
    /* Only the final newline may go. */
    write_all(yml("main"), text, size - 1);
    struct brun_baseline b;
    char why[2048];
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), 0,
                 "%s", why);
    brun_baseline_release(&b);
    free(text);
}

Test(baseline, garbage_is_a_one_line_error_with_a_line)
{
    size_t size;
    char *text = saved_main(&size);
    uint64_t rng = 17;
    char bytes[4096];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (char)(next_random(&rng) & 0xff);
    bytes[0] = (char)0xff; /* not UTF-8, on line 1 */
    write_all(yml("main"), bytes, sizeof bytes);
    expect_load_error("main", 1, "not valid YAML", NULL);

    /* Binary bytes in the middle of a good file, on line 20. */
    size_t offset = 0;
    for (int line = 1; line < 20; line++)
        offset = (size_t)(strchr(text + offset, '\n') - text) + 1;
    char *mixed = malloc(size + 8);
    cr_assert_not_null(mixed);
    memcpy(mixed, text, offset);
    memcpy(mixed + offset, "\x01\xff\xfe\x02", 4);
    memcpy(mixed + offset + 4, text + offset, size - offset);
    write_all(yml("main"), mixed, size + 4);
    expect_load_error("main", 20, "not valid YAML", NULL);

    write_all(yml("main"), "", 0);
    expect_load_error("main", 1, "empty", NULL);
    write_all(yml("main"), "- a\n- b\n", 8);
    expect_load_error("main", 1, "not a benchrun baseline", NULL);
    write_all(yml("main"), "just words\n", 11);
    expect_load_error("main", 1, "not a benchrun baseline", NULL);
    const char other[] =
        "# some other tool's file\nversion: 3\nitems: [1, 2]\n";
    write_all(yml("main"), other, sizeof other - 1);
    expect_load_error("main", 2, "schema: missing", NULL);
    free(mixed);
    free(text);
}

Test(baseline, another_schema_or_version_is_refused)
{
    edit_expect("schema: benchrun-baseline", 0, "schema: benchmark-results",
                "schema: expected benchrun-baseline", "\"benchmark-results\"");
    edit_expect("schema_version: 3", 0, "schema_version: 4",
                "schema_version: this benchrun reads versions 1 to 3", "4");
}

Test(baseline, an_unknown_key_is_refused)
{
    edit_expect("\n  optimized: ", 0,
                "\n  bogus: 1\n  optimized: ", "cases[0].bogus: unknown key",
                NULL);
}

Test(baseline, a_duplicate_key_is_refused)
{
    /* A second "line" in case 2, right after its own: both lines named. */
    size_t size;
    char *text = saved_main(&size);
    char *at = text, first[64];
    for (int i = 0; i <= 2; i++)
        at = strstr(at + 1, "\n  optimized: ");
    cr_assert_not_null(at);
    snprintf(first, sizeof first, "given twice (first on line %zu)",
             line_at(text, (size_t)(at - text)));
    edit_expect("\n  optimized: ", 2,
                "\n  line: 12\n  optimized: ", "cases[2].line: given twice",
                first);
    free(text);
}

Test(baseline, a_missing_key_is_refused)
{
    /* Deleting "  optimized: false\n" of case 0: reported at the case. */
    size_t size;
    char *text = saved_main(&size);
    char *at = strstr(text, "\n  optimized: false\n");
    cr_assert_not_null(at);
    char *case0 = strstr(text, "\n- name: 'null'\n");
    cr_assert_not_null(case0);
    size_t line = line_at(text, (size_t)(case0 - text)) + 1;
    memmove(at + 1, at + 20, strlen(at + 20) + 1);
    write_all(yml("main"), text, strlen(text));
    expect_load_error("main", line, "cases[0].optimized: missing key", NULL);
    free(text);
}

Test(baseline, a_wrong_type_is_refused)
{
    edit_expect("\n  rounds: 3\n", 0, "\n  rounds: three\n",
                "settings.rounds: expected a whole number", "\"three\"");
    edit_expect("\n  optimized: false\n", 0, "\n  optimized: 0\n",
                "cases[0].optimized: expected true or false", NULL);
    edit_expect("\n  file: examples/harness.c\n", 0, "\n  file: [a, b]\n",
                "cases[0].file: expected a single value, got a list", NULL);
    edit_expect("\n  compiler: gcc 12.2.0\n", 0, "\n  compiler: 12\n",
                "cases[0].compiler: expected a string, got a number", NULL);
    edit_expect("\n    - [1000, ", 0, "\n    - [1000, [1], ",
                "cases[0].rounds[0].samples[0]: expected [iterations, ticks",
                NULL);
    edit_expect("\n  seed: 1\n", 0, "\n  seed: '1'\n",
                "run.seed: expected a whole number", NULL);
}

Test(baseline, a_negative_number_is_refused)
{
    edit_expect("\n  line: 10\n", 0, "\n  line: -10\n",
                "cases[0].line: \"-10\" is out of range", NULL);
    edit_expect("\n    mean_ns: ", 0, "\n    mean_ns: -",
                "cases[0].rounds[0].mean_ns", "below the smallest allowed");
    edit_expect("\n    - [", 0, "\n    - [-",
                "cases[0].rounds[0].samples[0].iterations: expected a whole "
                "number >= 0",
                NULL);
}

/* A hand-edited baseline with a clock of 1e-300 ticks per second loaded
 * and made every time infinite: physical quantities have a range. */
Test(baseline, a_number_outside_its_physical_range_is_refused)
{
    edit_expect("ticks_per_second: 2893202123.25\n", 0,
                "ticks_per_second: 1e-300\n",
                "fingerprint.ticks_per_second: \"1e-300\" is below the "
                "smallest allowed, 1000",
                NULL);
    edit_expect("ticks_per_second: 2893202123.25\n", 1,
                "ticks_per_second: 1e300\n",
                "clock.ticks_per_second: \"1e300\" is above the largest "
                "allowed",
                NULL);
    edit_expect("\n  resolution_ns: 0.345\n", 0, "\n  resolution_ns: 5e6\n",
                "clock.resolution_ns: \"5e6\" is above the largest allowed",
                NULL);
    edit_expect("\n  sample_ms: 10\n", 0, "\n  sample_ms: 6e10\n",
                "settings.sample_ms: \"6e10\" is above the largest allowed",
                NULL);
    edit_expect("\n  timeout_s: 60\n", 0, "\n  timeout_s: 1e300\n",
                "settings.timeout_s: \"1e300\" is above the largest allowed",
                NULL);
}

Test(baseline, an_estimate_that_does_not_match_its_samples_is_refused)
{
    size_t size;
    char *text = saved_main(&size);
    char *at = strstr(text, "\n    estimate_ns: ");
    cr_assert_not_null(at);
    at += strlen("\n    estimate_ns: ");
    double v = strtod(at, NULL);
    char *eol = strchr(at, '\n');
    char changed[64];
    snprintf(changed, sizeof changed, "%.17g", v * (1 + 1e-6));
    size_t line = line_at(text, (size_t)(at - text));
    char *edited = calloc(size + 64, 1);
    cr_assert_not_null(edited);
    memcpy(edited, text, (size_t)(at - text));
    strcat(edited, changed);
    strcat(edited, eol);
    write_all(yml("main"), edited, strlen(edited));
    expect_load_error("main", line, "cases[0].rounds[0].estimate_ns",
                      "does not match the 20 % trimmed mean");

    /* Within 1e-9 relative it is the same number written differently. */
    snprintf(changed, sizeof changed, "%.17g", v * (1 + 1e-12));
    memcpy(edited, text, (size_t)(at - text));
    edited[at - text] = '\0';
    strcat(edited, changed);
    strcat(edited, eol);
    write_all(yml("main"), edited, strlen(edited));
    struct brun_baseline b;
    char why[2048];
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), 0,
                 "%s", why);
    brun_baseline_release(&b);
    free(edited);
    free(text);
}

Test(baseline, a_changed_raw_sample_is_caught_by_the_estimate)
{
    /* Ticks of the first sample edited: the stored mean no longer fits. */
    size_t size;
    char *text = saved_main(&size);
    char *at = strstr(text, "\n    - [1000, ");
    cr_assert_not_null(at);
    at += strlen("\n    - [1000, ");
    size_t line = line_at(text, (size_t)(at - text));
    *at = *at == '9' ? '8' : '9';
    write_all(yml("main"), text, size);
    size_t mean_line = line - 3; /* mean_ns is three lines above samples[0] */
    expect_load_error("main", mean_line, "cases[0].rounds[0].mean_ns",
                      "does not match the mean");
    free(text);
}

Test(baseline, a_round_with_more_samples_than_the_plan_is_refused)
{
    /* Rounds may have fewer samples than the plan (samples shortened and
     * multiplied under contention), never more. */
    size_t size;
    char *text = saved_main(&size);
    char *plan = strstr(text, "\n    samples: 5\n");
    cr_assert_not_null(plan);
    plan[strlen("\n    samples: ")] = '4';
    char *samples = strstr(text, "\n    samples:\n");
    cr_assert_not_null(samples);
    size_t line = line_at(text, (size_t)(samples - text)) + 1;
    write_all(yml("main"), text, strlen(text));
    expect_load_error("main", line, "cases[0].rounds[0].samples",
                      "5 samples, but plan.samples is 4");
    free(text);
}

Test(baseline, a_target_index_out_of_range_is_refused)
{
    edit_expect("\n  target: 0\n", 0, "\n  target: 2\n", "cases[0].target",
                "out of range (2 targets)");
}

Test(baseline, duplicate_case_names_are_refused)
{
    edit_expect("- name: '123'\n", 0, "- name: 'null'\n", "cases",
                "duplicate case name \"null\"");
}

Test(baseline, a_round_count_other_than_the_plan_is_refused)
{
    /* Case 0 is ok with 3 rounds; say the plan had 4. */
    size_t size;
    char *text = saved_main(&size);
    char *plan = strstr(text, "\n    rounds: 3\n");
    cr_assert_not_null(plan);
    plan[13] = '4';
    char *rounds = strstr(plan, "\n  rounds:\n");
    cr_assert_not_null(rounds);
    write_all(yml("main"), text, size);
    expect_load_error("main", line_at(text, (size_t)(rounds - text)) + 1,
                      "cases[0].rounds",
                      "3 rounds, but plan.rounds is 4 and status is ok");
    free(text);
}

Test(baseline, an_anchor_or_alias_is_refused)
{
    const char *model = "\n  cpu_model: Intel(R) Xeon(R) CPU @ 2.90GHz\n";
    const char *anchored = "\n  cpu_model: &m Intel(R) Xeon(R) CPU @ 2.90GHz\n";
    const char *kernel = "\n  kernel: Linux 6.1.0-18-amd64\n";
    const char *aliased = "\n  kernel: *m\n";

    /* An anchor though nothing refers to it, an alias though nothing
     * defines it. */
    edit_expect(model, 0, anchored,
                "fingerprint.cpu_model: anchor &m: anchors and aliases are "
                "not supported",
                NULL);
    edit_expect(kernel, 0, aliased,
                "fingerprint.kernel: alias *m: anchors and aliases are not "
                "supported",
                NULL);

    /* Both, the alias repeating the anchored value: the anchor, which
     * comes first, is the error. */
    char *text = saved_main(NULL);
    char *a = strstr(text, model);
    cr_assert_not_null(a);
    char *one = spliced(text, a, strlen(model), anchored);
    char *k = strstr(one, kernel);
    cr_assert_not_null(k);
    char *both = spliced(one, k, strlen(kernel), aliased);
    write_all(yml("main"), both, strlen(both));
    expect_load_error("main", line_at(text, (size_t)(a - text)) + 1,
                      "fingerprint.cpu_model: anchor &m", NULL);
    free(both);
    free(one);
    free(text);
}

Test(baseline, a_file_past_64_mib_or_not_a_regular_file_is_refused)
{
    struct brun_baseline b;
    char why[2048], expected[4600];
    free(saved_main(NULL));
    /* Sparse: the bound is checked before anything is read. */
    cr_assert_eq(truncate(yml("main"), ((off_t)64 << 20) + 1), 0, "%s",
                 strerror(errno));
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), -1);
    snprintf(expected, sizeof expected, "%s:1: larger than the limit of 64 MiB",
             yml("main"));
    cr_assert_str_eq(why, expected);
    cr_assert_null(b.name);
    cr_assert_eq(unlink(yml("main")), 0);
    cr_assert_eq(mkfifo(yml("main"), 0644), 0, "%s", strerror(errno));
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), -1);
    snprintf(expected, sizeof expected,
             "%s: cannot read it: not a regular file", yml("main"));
    cr_assert_str_eq(why, expected);
}

Test(baseline, a_baseline_renamed_by_hand_is_refused)
{
    size_t size;
    char *text = saved_main(&size);
    write_all(yml("copy"), text, size);
    size_t line =
        line_at(text, (size_t)(strstr(text, "\nname: main") - text)) + 1;
    expect_load_error("copy", line, "name: the file says \"main\"", "\"copy\"");
    free(text);
}

/* The stored copy of target 0 (examples/harness) of baseline "main". */
static void copy_of_main(char *out, size_t size)
{
    size_t len;
    char *text = saved_main(&len);
    char *exe = strstr(text, "\n  executable: bin/");
    cr_assert_not_null(exe);
    snprintf(out, size, "%s/%.68s", store, exe + strlen("\n  executable: "));
    free(text);
}

/* Loads "main", expecting it to load with target 0's copy unusable for a
 * reason containing words, and its numbers intact. */
static void expect_copy_problem(const char *words)
{
    struct brun_baseline b;
    char why[2048];
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), 0,
                 "%s", why);
    cr_assert_null(b.executables[0]);
    cr_assert_not_null(b.targets[0].copy_problem);
    cr_assert(strstr(b.targets[0].copy_problem, words), "%s",
              b.targets[0].copy_problem);
    cr_assert_null(strchr(b.targets[0].copy_problem, '\n'));
    cr_assert_eq(b.results.case_count, 6, "the saved numbers load");
    brun_baseline_release(&b);
}

Test(baseline, a_changed_or_missing_copy_still_loads_the_numbers)
{
    char copy[4600];
    copy_of_main(copy, sizeof copy);
    FILE *f = fopen(copy, "ab");
    cr_assert_not_null(f, "%s: %s", copy, strerror(errno));
    fputc(0, f);
    fclose(f);
    expect_copy_problem("no longer matches its sha256");
    cr_assert_eq(unlink(copy), 0);
    expect_copy_problem("cannot be opened");
    cr_assert(strstr(copy, "/bin/"));
}

/* ---- things planted in the store ------------------------------------ */

Test(baseline, a_fifo_or_link_planted_as_a_copy_is_not_followed_or_waited_on)
{
    char copy[4600], outside[4400];
    copy_of_main(copy, sizeof copy);
    cr_assert_eq(unlink(copy), 0);
    cr_assert_eq(mkfifo(copy, 0644), 0);
    expect_copy_problem("a FIFO");
    cr_assert_eq(unlink(copy), 0);
    snprintf(outside, sizeof outside, "%s/outside", scratch);
    write_all(outside, "x", 1);
    cr_assert_eq(symlink(outside, copy), 0);
    expect_copy_problem("symbolic link");
}

/* Loading and saving "main" with what fails planted: one-line errors
 * containing words, returned without waiting. */
static void expect_planted_refused(const char *words)
{
    struct brun_baseline b;
    struct brun_results r;
    char why[2048];
    brun_baseline_set_lock_timeout(2);
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), -1);
    cr_assert_null(strchr(why, '\n'), "%s", why);
    cr_assert(strstr(why, words), "%s", why);
    make_results(&r, 2, 2, 3, 3);
    cr_assert_eq(brun_baseline_save(store, "main", &r, why, sizeof why), -1);
    cr_assert_null(strchr(why, '\n'), "%s", why);
    cr_assert(strstr(why, words), "%s", why);
    brun_results_release(&r);
}

Test(baseline, a_planted_lock_or_baseline_file_is_a_one_line_error)
{
    char lock[4300], outside[4400], text_copy[4400];
    size_t size;
    char *text = saved_main(&size);
    snprintf(lock, sizeof lock, "%s/.lock", store);
    snprintf(outside, sizeof outside, "%s/outside", scratch);
    snprintf(text_copy, sizeof text_copy, "%s/main-copy.yml", scratch);

    /* A FIFO as .lock: a shared open of it would block forever. */
    cr_assert_eq(unlink(lock), 0);
    cr_assert_eq(mkfifo(lock, 0644), 0);
    expect_planted_refused("a FIFO");
    /* A link as .lock: never followed, nothing created outside. */
    cr_assert_eq(unlink(lock), 0);
    cr_assert_eq(symlink(outside, lock), 0);
    expect_planted_refused("symbolic link");
    cr_assert_neq(access(outside, F_OK), 0, "created through the link");
    cr_assert_eq(unlink(lock), 0);

    /* main.yml as a link to a good baseline outside the store. */
    write_all(text_copy, text, size);
    cr_assert_eq(unlink(yml("main")), 0);
    cr_assert_eq(symlink(text_copy, yml("main")), 0);
    expect_planted_refused("symbolic link");
    struct stat st;
    cr_assert(lstat(yml("main"), &st) == 0 && S_ISLNK(st.st_mode));
    free(text);
}

Test(baseline, a_bin_folder_linked_outside_is_never_entered)
{
    char bin[4300], outside[4400], victim[4500];
    struct brun_results r;
    char why[2048];
    make_results(&r, 2, 2, 3, 3);
    save_ok("main", &r);
    snprintf(bin, sizeof bin, "%s/bin", store);
    snprintf(outside, sizeof outside, "%s/elsewhere", scratch);
    cr_assert_eq(mkdir(outside, 0755), 0);
    /* A file outside named like a copy nobody refers to. */
    snprintf(victim, sizeof victim, "%s/%064d", outside, 0);
    write_all(victim, "keep me", 7);
    char moved[4400];
    snprintf(moved, sizeof moved, "%s/old-bin", scratch);
    cr_assert_eq(rename(bin, moved), 0);
    cr_assert_eq(symlink(outside, bin), 0);

    cr_assert_eq(brun_baseline_save(store, "other", &r, why, sizeof why), -1);
    cr_assert_null(strchr(why, '\n'), "%s", why);
    cr_assert(strstr(why, "symbolic link"), "%s", why);
    cr_assert_eq(brun_baseline_delete(store, "main", why, sizeof why), 0, "%s",
                 why);
    cr_assert_eq(access(victim, F_OK), 0, "deleted outside the store");
    brun_results_release(&r);
}

/* ---- the store shared between runs ---------------------------------- */

Test(baseline, a_copy_a_loaded_baseline_may_run_is_not_collected)
{
    struct brun_results r;
    struct brun_baseline held;
    char why[2048], copy[4600];
    make_results(&r, 3, 2, 3, 1);
    save_ok("main", &r);
    cr_assert_eq(brun_baseline_load(store, "main", &held, why, sizeof why), 0,
                 "%s", why);
    snprintf(copy, sizeof copy, "%s", held.executables[0]);

    /* Another run saves "main" from another build meanwhile. */
    free(r.targets[0].path);
    r.targets[0].path = xstrdup(build_path("examples/sort"));
    save_ok("main", &r);
    cr_assert_eq(access(copy, X_OK), 0, "a copy in use was collected");

    /* Once the comparing run is done, the next save collects it. */
    brun_baseline_release(&held);
    save_ok("main", &r);
    cr_assert_neq(access(copy, F_OK), 0, "an unused copy was kept");
    brun_results_release(&r);
}

Test(baseline, a_save_first_removes_what_killed_saves_left)
{
    char bin[4300], stale_copy[4400], stale_yml[4400];
    struct brun_results r;
    char why[2048];
    make_results(&r, 2, 2, 3, 3);
    save_ok("main", &r);
    snprintf(bin, sizeof bin, "%s/bin", store);
    snprintf(stale_copy, sizeof stale_copy, "%s/.tmp-AbC123", bin);
    snprintf(stale_yml, sizeof stale_yml, "%s/.main.yml.XyZ789", store);
    write_all(stale_copy, "half a copy", 11);
    write_all(stale_yml, "half a file", 11);
    /* A save that then fails still clears them. */
    free(r.targets[1].path);
    r.targets[1].path = xstrdup("/nonexistent/bench_gone");
    cr_assert_eq(brun_baseline_save(store, "main", &r, why, sizeof why), -1);
    cr_assert_neq(access(stale_copy, F_OK), 0, "temporary copy piles up");
    cr_assert_neq(access(stale_yml, F_OK), 0, "temporary file piles up");
    brun_results_release(&r);
}

Test(baseline, a_store_that_cannot_take_a_save_is_found_without_writing)
{
    char why[2048], file[4300], below[4400], lock[4400];
    /* Not made yet, below a writable directory: fine, nothing created. */
    cr_assert_eq(brun_baseline_check_writable(store, "main", why, sizeof why),
                 0, "%s", why);
    cr_assert_neq(access(store, F_OK), 0);
    /* Below a regular file: refused. */
    snprintf(file, sizeof file, "%s/plain", scratch);
    write_all(file, "x", 1);
    snprintf(below, sizeof below, "%s/baselines", file);
    cr_assert_eq(brun_baseline_check_writable(below, "main", why, sizeof why),
                 -1);
    cr_assert(strstr(why, "not a directory"), "%s", why);
    /* A FIFO planted as .lock: refused. */
    struct brun_results r;
    make_results(&r, 2, 2, 3, 3);
    save_ok("main", &r);
    snprintf(lock, sizeof lock, "%s/.lock", store);
    cr_assert_eq(unlink(lock), 0);
    cr_assert_eq(mkfifo(lock, 0644), 0);
    cr_assert_eq(brun_baseline_check_writable(store, "main", why, sizeof why),
                 -1);
    cr_assert(strstr(why, "a FIFO"), "%s", why);
    cr_assert_null(strchr(why, '\n'));
    /* Read-only, for a user root does not override. */
    cr_assert_eq(unlink(lock), 0);
    if (geteuid() != 0) {
        cr_assert_eq(chmod(store, 0555), 0);
        cr_assert_eq(
            brun_baseline_check_writable(store, "main", why, sizeof why), -1);
        cr_assert(strstr(why, "not writable"), "%s", why);
        chmod(store, 0755);
    }
    brun_results_release(&r);
}

Test(baseline, text_after_the_end_marker_is_refused)
{
    size_t size;
    char *text = saved_main(&size);
    size_t lines = line_at(text, size);
    char *more = malloc(size + 32);
    cr_assert_not_null(more);
    memcpy(more, text, size);
    memcpy(more + size, "extra: 1\n", 9);
    write_all(yml("main"), more, size + 9);
    expect_load_error("main", lines, "not valid YAML after the document", NULL);
    memcpy(more + size, "---\nextra: 1\n", 13);
    write_all(yml("main"), more, size + 13);
    expect_load_error("main", lines, "a second YAML document", NULL);
    free(more);
    free(text);
}

/* ---- saving safely ------------------------------------------------- */

Test(baseline, a_failed_save_leaves_the_old_baseline_alone)
{
    size_t size;
    char *old = saved_main(&size);
    char *files_before = listing(store);
    struct brun_results r;
    char why[2048];
    make_results(&r, 3, 2, 3, 8);
    free(r.targets[1].path);
    r.targets[1].path = xstrdup("/nonexistent/bench_gone");
    cr_assert_eq(brun_baseline_save(store, "main", &r, why, sizeof why), -1);
    cr_assert_null(strchr(why, '\n'));
    cr_assert_not_null(strstr(why, "cannot save baseline \"main\""), "%s", why);
    cr_assert_not_null(strstr(why, "/nonexistent/bench_gone"), "%s", why);
    char *now = read_all(yml("main"), NULL);
    cr_assert_str_eq(now, old);

    /* Results the loader would reject are never written either. */
    free(r.targets[1].path);
    r.targets[1].path = xstrdup(build_path("tests/bench_faulty"));
    r.cases[0].rounds[0].estimate_ns *= 1.01;
    cr_assert_eq(brun_baseline_save(store, "main", &r, why, sizeof why), -1);
    cr_assert_not_null(strstr(why, "would not load back"), "%s", why);
    cr_assert_not_null(strstr(why, "estimate_ns"), "%s", why);
    free(now);
    now = read_all(yml("main"), NULL);
    cr_assert_str_eq(now, old);
    char *files_after = listing(store);
    cr_assert_str_eq(files_before, files_after);
    free(files_before);
    free(files_after);
    free(now);
    free(old);
    brun_results_release(&r);
}

Test(baseline, an_invalid_name_is_refused_before_anything_is_written)
{
    struct brun_results r;
    char why[2048];
    make_results(&r, 2, 2, 3, 1);
    cr_assert_eq(brun_baseline_save(store, "../escape", &r, why, sizeof why),
                 -1);
    cr_assert_not_null(strstr(why, "invalid baseline name \"../escape\""), "%s",
                       why);
    struct stat st;
    cr_assert_neq(stat(store, &st), 0, "the store was created for a bad name");
    brun_results_release(&r);
}

Test(baseline, names_follow_the_rules)
{
    const char *good[] = {
        "main",
        "v1.2.3",
        "pr-42_fix",
        "A",
        "x-",
        "9lives",
        "0123456789012345678901234567890123456789012345678901234567890123"};
    const char *bad[] = {
        "",
        ".hidden",
        "-flag",
        "a/b",
        "a b",
        "ä",
        "x\n",
        "01234567890123456789012345678901234567890123456789012345678901234",
        "..",
        "a:b"};
    char why[256];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        cr_assert_eq(brun_baseline_name_valid(good[i], why, sizeof why), 1,
                     "\"%s\" refused: %s", good[i], why);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = '\0';
        cr_assert_eq(brun_baseline_name_valid(bad[i], why, sizeof why), 0,
                     "\"%s\" accepted", bad[i]);
        cr_assert(strlen(why) > 0);
    }
    brun_baseline_name_valid("a/b", why, sizeof why);
    cr_assert_not_null(strstr(why, "'/'"), "%s", why);
}

/* Two processes save the same name at once: the file ends up as one of
 * them, complete. */
Test(baseline, concurrent_saves_leave_one_complete_baseline)
{
    for (int round = 0; round < 4; round++) {
        int go[2];
        pid_t pid[2];
        cr_assert_eq(pipe(go), 0);
        for (int k = 0; k < 2; k++) {
            pid[k] = fork();
            cr_assert_neq(pid[k], -1);
            if (pid[k] == 0) {
                struct brun_results r;
                char why[2048], byte;
                close(go[1]);
                make_results(&r, 40, 3, 10, 1000 + (uint64_t)(10 * round + k));
                if (read(go[0], &byte, 1) != 0)
                    _exit(3);
                _exit(brun_baseline_save(store, "shared", &r, why,
                                         sizeof why) == 0
                          ? 0
                          : 1);
            }
        }
        close(go[0]);
        close(go[1]); /* both start now */
        for (int k = 0; k < 2; k++) {
            int status;
            cr_assert_eq(waitpid(pid[k], &status, 0), pid[k]);
            cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                      "saver %d failed (status %d)", k, status);
        }
        struct brun_baseline b;
        char why[2048];
        cr_assert_eq(brun_baseline_load(store, "shared", &b, why, sizeof why),
                     0, "%s", why);
        uint64_t seed = b.results.context.seed;
        cr_assert(seed == 1000u + 10u * (unsigned)round ||
                      seed == 1001u + 10u * (unsigned)round,
                  "seed %llu is neither saver's", (unsigned long long)seed);
        cr_assert_eq(b.results.case_count, 40);
        brun_baseline_release(&b);
    }
    char bin[4300];
    snprintf(bin, sizeof bin, "%s/bin", store);
    cr_assert_eq(count_files(bin), 1, "bin/ holds %s", listing(bin));
}

Test(baseline, a_save_waits_for_the_lock_and_gives_up_with_a_message)
{
    struct brun_results r;
    char why[2048], lock_path[4300], byte = 0;
    int ready[2], release_it[2];
    size_t size;
    char *old = saved_main(&size);
    snprintf(lock_path, sizeof lock_path, "%s/.lock", store);
    cr_assert_eq(pipe(ready), 0);
    cr_assert_eq(pipe(release_it), 0);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        int fd = open(lock_path, O_RDWR);
        if (fd < 0 || flock(fd, LOCK_EX) != 0)
            _exit(1);
        if (write(ready[1], "x", 1) != 1 || read(release_it[0], &byte, 1) < 0)
            _exit(1);
        _exit(0);
    }
    cr_assert_eq(read(ready[0], &byte, 1), 1);
    make_results(&r, 3, 2, 3, 77);
    brun_baseline_set_lock_timeout(0.3);
    cr_assert_eq(brun_baseline_save(store, "main", &r, why, sizeof why), -1);
    cr_assert_not_null(
        strstr(why, "another benchrun has held the baseline store lock"), "%s",
        why);
    cr_assert_not_null(strstr(why, lock_path), "%s", why);
    char *now = read_all(yml("main"), NULL);
    cr_assert_str_eq(now, old,
                     "a save that never got the lock changed the file");

    /* With the holder finishing, the same save goes through. */
    brun_baseline_set_lock_timeout(30);
    cr_assert_eq(write(release_it[1], "x", 1), 1);
    save_ok("main", &r);
    int status;
    waitpid(pid, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct brun_baseline b;
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), 0,
                 "%s", why);
    cr_assert_eq(b.results.context.seed, 77);
    brun_baseline_release(&b);
    brun_results_release(&r);
    free(now);
    free(old);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A saver killed at many moments leaves the old baseline or the new one,
 * and its leftovers break neither later saves nor listing. */
Test(baseline, a_save_killed_at_any_moment_leaves_a_complete_baseline,
     .timeout = 120)
{
    enum {
        KILLS = 16,
        CASES = 150,
        ROUNDS = 6,
        SAMPLES = 25
    };
    struct brun_results big;
    char why[2048];
    uint64_t current;

    make_results(&big, CASES, ROUNDS, SAMPLES, 500);
    save_ok("big", &big);
    current = 500;
    /* How long one save takes in a child here, to spread the kills over
     * it and a little past its end (so some saves complete). */
    double t0 = seconds_now();
    pid_t timed = fork();
    cr_assert_neq(timed, -1);
    if (timed == 0)
        _exit(brun_baseline_save(store, "big", &big, why, sizeof why) == 0 ? 0
                                                                           : 1);
    int timed_status;
    cr_assert_eq(waitpid(timed, &timed_status, 0), timed);
    cr_assert(WIFEXITED(timed_status) && WEXITSTATUS(timed_status) == 0);
    double duration = seconds_now() - t0;
    uint64_t rng = 4242;
    int saw_old = 0, saw_new = 0;

    for (int i = 0; i < KILLS; i++) {
        uint64_t seed = 600 + (uint64_t)i;
        big.context.seed = seed;
        double fraction =
            ((double)i + (double)(next_random(&rng) % 1000) / 1000.0) / KILLS;
        struct timespec delay;
        double d = duration * 1.3 * fraction;
        delay.tv_sec = (time_t)d;
        delay.tv_nsec = (long)((d - (double)delay.tv_sec) * 1e9);
        pid_t pid = fork();
        cr_assert_neq(pid, -1);
        if (pid == 0) {
            int rc = brun_baseline_save(store, "big", &big, why, sizeof why);
            _exit(rc == 0 ? 0 : 1);
        }
        nanosleep(&delay, NULL);
        kill(pid, SIGKILL);
        int status;
        cr_assert_eq(waitpid(pid, &status, 0), pid);
        cr_assert(WIFSIGNALED(status) ||
                      (WIFEXITED(status) && WEXITSTATUS(status) == 0),
                  "the saver failed on its own (status %d)", status);

        struct brun_baseline b;
        int rc = brun_baseline_load(store, "big", &b, why, sizeof why);
        cr_assert_eq(rc, 0, "after a kill at %.3f s: %s", d, why);
        cr_assert_eq(b.results.case_count, CASES);
        uint64_t got = b.results.context.seed;
        cr_assert(got == current || got == seed,
                  "seed %llu is neither the old %llu nor the new %llu",
                  (unsigned long long)got, (unsigned long long)current,
                  (unsigned long long)seed);
        saw_old += got == current && got != seed;
        saw_new += got == seed;
        current = got;
        brun_baseline_release(&b);
    }
    cr_log_info("a save takes %.3f s; kills that left the old baseline: %d, "
                "the new one: %d",
                duration, saw_old, saw_new);

    /* Leftovers of killed saves: listing ignores them, a save clears them. */
    char stale[4400];
    snprintf(stale, sizeof stale, "%s/.big.yml.AbC123", store);
    write_all(stale, "schema: half", 12);
    struct brun_baseline_entry *list;
    size_t count;
    cr_assert_eq(brun_baseline_list(store, &list, &count, why, sizeof why), 0,
                 "%s", why);
    cr_assert_eq(count, 1);
    cr_assert_str_eq(list[0].name, "big");
    cr_assert_eq(list[0].valid, 1, "%s", list[0].problem);
    brun_baseline_list_release(list, count);
    struct brun_results small;
    make_results(&small, 2, 2, 3, 9);
    save_ok("small", &small);
    char *files = listing(store);
    cr_assert_str_eq(files, ".lock,big.yml,bin,small.yml");
    char bin[4300];
    snprintf(bin, sizeof bin, "%s/bin", store);
    cr_assert_eq(count_files(bin), 1, "bin/ holds %s", listing(bin));
    free(files);
    brun_results_release(&small);
    brun_results_release(&big);
}

/* ---- history of earlier saves ------------------------------------ */

static void save_noting_ok(const char *name, const struct brun_results *r,
                           char *note, size_t note_size)
{
    char why[2048];
    int rc = brun_baseline_save_noting(store, name, r, note, note_size, why,
                                       sizeof why);
    cr_assert_eq(rc, 0, "save %s: %s", name, why);
}

static void load_ok(const char *name, struct brun_baseline *b)
{
    char why[2048];
    cr_assert_eq(brun_baseline_load(store, name, b, why, sizeof why), 0, "%s",
                 why);
}

/* Expects h to summarise c's rounds, computed here independently: the
 * count, the mean of the logs and their SD (n - 1). */
static void expect_session_of(const struct brun_session_summary *h,
                              const struct brun_case_result *c,
                              const char *saved, const char *build)
{
    double sum = 0, squares = 0;
    for (size_t k = 0; k < c->round_count; k++)
        sum += log(c->rounds[k].estimate_ns);
    double mean = sum / (double)c->round_count;
    for (size_t k = 0; k < c->round_count; k++)
        squares += pow(log(c->rounds[k].estimate_ns) - mean, 2);
    double sd = sqrt(squares / (double)(c->round_count - 1));
    cr_assert_eq(h->rounds, c->round_count, "%s: rounds", c->name);
    cr_assert(fabs(h->log_mean - mean) <= 1e-12 * fabs(mean), "%s: %.17g %.17g",
              c->name, h->log_mean, mean);
    cr_assert(fabs(h->log_sd - sd) <= 1e-9 * sd, "%s: sd %.17g %.17g", c->name,
              h->log_sd, sd);
    cr_assert_str_eq(h->saved, saved);
    cr_assert_str_eq(h->build, build);
}

Test(baseline, each_save_adds_the_replaced_files_session_to_the_history)
{
    struct brun_results first, second, third;
    struct brun_baseline one, two, three;
    make_results(&first, 6, 3, 5, 11);
    make_results(&second, 6, 3, 5, 12);
    make_results(&third, 7, 3, 5, 13); /* a case more: new, no history */
    save_ok("main", &first);
    load_ok("main", &one);
    for (size_t i = 0; i < one.results.case_count; i++)
        cr_assert_eq(one.results.cases[i].history_count, 0);
    cr_assert(file_has(yml("main"), "\n  history: []\n"));

    save_ok("main", &second);
    load_ok("main", &two);
    for (size_t i = 0; i < two.results.case_count; i++) {
        const struct brun_case_result *c = &two.results.cases[i];
        const struct brun_case_result *was = &one.results.cases[i];
        if (was->status != BRUN_STATUS_OK) {
            /* Failed or skipped then: nothing to learn from. */
            cr_assert_eq(c->history_count, 0, "%s", c->name);
            continue;
        }
        cr_assert_eq(c->history_count, 1, "%s", c->name);
        expect_session_of(&c->history[0], was, one.saved,
                          one.targets[was->target].sha256);
    }

    save_ok("main", &third);
    load_ok("main", &three);
    cr_assert_eq(three.results.case_count, 7);
    for (size_t i = 0; i < 6; i++) {
        const struct brun_case_result *c = &three.results.cases[i];
        if (one.results.cases[i].status != BRUN_STATUS_OK)
            continue;
        cr_assert_eq(c->history_count, 2, "%s", c->name);
        expect_session_of(&c->history[0], &one.results.cases[i], one.saved,
                          one.targets[one.results.cases[i].target].sha256);
        expect_session_of(&c->history[1], &two.results.cases[i], two.saved,
                          two.targets[two.results.cases[i].target].sha256);
    }
    cr_assert_eq(three.results.cases[6].history_count, 0, "a new case");

    /* What the statistics will read: the spread of those sessions. */
    double sd;
    size_t n;
    cr_assert_eq(brun_history_session_spread(&three.results.cases[0], &sd, &n),
                 0);
    cr_assert_eq(n, 2);
    cr_assert(sd > 0);
    brun_baseline_release(&one);
    brun_baseline_release(&two);
    brun_baseline_release(&three);
    brun_results_release(&first);
    brun_results_release(&second);
    brun_results_release(&third);
}

Test(baseline, the_history_keeps_the_newest_8_sessions)
{
    struct brun_results r;
    struct brun_baseline b;
    double session[11]; /* session[k]: log mean of save k's rounds */
    for (int save = 1; save <= 10; save++) {
        make_results(&r, 1, 2, 3, 100 + (uint64_t)save);
        save_ok("main", &r);
        brun_results_release(&r);
        load_ok("main", &b);
        const struct brun_case_result *c = &b.results.cases[0];
        size_t want =
            save - 1 < BRUN_HISTORY_MAX ? (size_t)save - 1 : BRUN_HISTORY_MAX;
        cr_assert_eq(c->history_count, want, "save %d", save);
        unsigned n;
        double sd;
        cr_assert_eq(brun_history_summarize_rounds(c->rounds, c->round_count,
                                                   &n, &session[save], &sd),
                     0);
        /* Oldest first, the newest being the save before this one: the
         * 9th save holds saves 1 to 8, the 10th saves 2 to 9. */
        for (size_t k = 0; k < want; k++)
            cr_assert_eq(c->history[k].log_mean,
                         session[(size_t)save - want + k], "save %d, %zu", save,
                         k);
        brun_baseline_release(&b);
    }
}

/* main.yml as schema_version 1 wrote it: no history keys. */
/* Removes every line equal to line (with its newline) from text. */
static void drop_lines(char *text, const char *line)
{
    size_t len = strlen(line);
    char *out = text;
    for (const char *in = text; *in;) {
        if ((in == text || in[-1] == '\n') && strncmp(in, line, len) == 0) {
            in += len;
            continue;
        }
        *out++ = *in++;
    }
    *out = '\0';
}

/* A fresh "main" as an older version would have written it: version 2
 * without metrics, version 1 without history either. */
static char *old_version_text(char version)
{
    char *text = saved_main(NULL);
    char *at = strstr(text, "\nschema_version: 3\n");
    cr_assert_not_null(at);
    at[strlen("\nschema_version: ")] = version;
    drop_lines(text, "  metrics: {}\n");
    if (version == '1')
        drop_lines(text, "  history: []\n");
    return text;
}

static char *version_1_text(void)
{
    return old_version_text('1');
}

Test(baseline, a_version_1_file_without_history_loads_and_gains_one)
{
    char *text = version_1_text();
    cr_assert_null(strstr(text, "history:"));
    write_all(yml("main"), text, strlen(text));
    struct brun_baseline b;
    load_ok("main", &b);
    cr_assert_eq(b.results.case_count, 6);
    for (size_t i = 0; i < b.results.case_count; i++)
        cr_assert_eq(b.results.cases[i].history_count, 0);
    brun_baseline_release(&b);

    /* Saving over it upgrades it to version 3 with one session. */
    struct brun_results r;
    make_results(&r, 6, 3, 5, 2);
    save_ok("main", &r);
    load_ok("main", &b);
    cr_assert_eq(b.results.cases[0].history_count, 1);
    cr_assert_eq(b.results.cases[0].history[0].rounds, 3);
    cr_assert(file_has(yml("main"), "\nschema_version: 3\n"));
    brun_baseline_release(&b);
    brun_results_release(&r);
    free(text);
}

Test(baseline, history_in_a_version_1_file_or_none_in_version_2_is_refused)
{
    char *text = version_1_text();
    /* Version 1 had no history: one there is a hand edit. */
    edit_expect_in(text, "\n  rounds:\n", 0, "\n  history: []\n  rounds:\n",
                   "cases[0].history: unknown key in a schema_version 1 file",
                   NULL);
    /* Version 2 always has it. */
    text = saved_main(NULL);
    char *at = strstr(text, "  history: []\n");
    cr_assert_not_null(at);
    char *edited = spliced(text, at, 14, "");
    write_all(yml("main"), edited, strlen(edited));
    /* The error is at the case's mapping, which starts with its name. */
    const char *start = strstr(text, "\n- name: 'null'\n");
    cr_assert_not_null(start);
    expect_load_error("main", line_at(text, (size_t)(start - text)) + 1,
                      "cases[0].history: missing key", NULL);
    free(edited);
    free(text);
}

/* "main" saved twice, so every ok case has one session; its text. */
static char *saved_main_with_history(void)
{
    struct brun_results r;
    free(saved_main(NULL));
    make_results(&r, 6, 3, 5, 1);
    save_ok("main", &r);
    brun_results_release(&r);
    return read_all(yml("main"), NULL);
}

Test(baseline, a_bad_history_field_is_refused_with_file_and_line)
{
    edit_expect_in(saved_main_with_history(), "\n    rounds: 3\n    log_mean",
                   0, "\n    rounds: 0\n    log_mean",
                   "cases[0].history[0].rounds", "at least one round");
    /* One round with an SD: the error is at log_sd, two lines down. */
    char *text = saved_main_with_history();
    char *at = strstr(text, "\n    rounds: 3\n    log_mean");
    cr_assert_not_null(at);
    char *edited = spliced(text, at, 14, "\n    rounds: 1");
    write_all(yml("main"), edited, strlen(edited));
    expect_load_error("main", line_at(text, (size_t)(at - text)) + 3,
                      "cases[0].history[0].log_sd",
                      "must be 0 when rounds is 1");
    free(edited);
    free(text);
    edit_expect_in(saved_main_with_history(), "\n    log_sd: ", 0,
                   "\n    log_sd: -", "cases[0].history[0].log_sd",
                   "below the smallest allowed");
    edit_expect_in(saved_main_with_history(), "\n    log_mean: ", 1,
                   "\n    log_mean: 999", "cases[2].history[0].log_mean",
                   "above the largest allowed");
    edit_expect_in(saved_main_with_history(), "\n    build: ", 0,
                   "\n    build: x", "cases[0].history[0].build",
                   "64 lowercase hex digits");
    edit_expect_in(saved_main_with_history(), "\n  - saved: '", 0,
                   "\n  - saved: 'yesterday", "cases[0].history[0].saved",
                   "expected a UTC time");
    edit_expect_in(saved_main_with_history(), "\n    log_mean: ", 0,
                   "\n    extra: 1\n    log_mean: ",
                   "cases[0].history[0].extra: unknown key", NULL);
    /* A session without log_sd: the error is at the session's first line. */
    text = saved_main_with_history();
    at = strstr(text, "\n    log_sd: ");
    cr_assert_not_null(at);
    const char *session = strstr(text, "\n  - saved: ");
    cr_assert(session && session < at);
    edited = spliced(text, at, strcspn(at + 1, "\n") + 1, "");
    write_all(yml("main"), edited, strlen(edited));
    expect_load_error("main", line_at(text, (size_t)(session - text)) + 1,
                      "cases[0].history[0].log_sd: missing key", NULL);
    free(edited);
    free(text);
    edit_expect("\n  history: []\n", 0, "\n  history: 3\n", "cases[0].history",
                "expected a list");
}

Test(baseline, a_history_longer_than_8_sessions_is_refused)
{
    char *text = saved_main_with_history();
    const char *start = strstr(text, "\n  history:\n");
    cr_assert_not_null(start);
    start += strlen("\n  history:\n");
    /* The session's lines end where the case's metrics start. */
    const char *end = strstr(start, "\n  metrics: ");
    cr_assert_not_null(end);
    size_t one = (size_t)(end - start) + 1; /* one session's lines */
    char *nine = calloc(9 * one + 1, 1);
    cr_assert_not_null(nine);
    for (int i = 0; i < 9; i++)
        memcpy(nine + (size_t)i * one, start, one);
    char *edited = spliced(text, start, one, nine);
    write_all(yml("main"), edited, strlen(edited));
    expect_load_error("main", line_at(text, (size_t)(start - text)),
                      "cases[0].history: 9 sessions, at most 8", NULL);
    free(nine);
    free(edited);
    free(text);
}

Test(baseline, a_corrupt_old_file_does_not_block_the_save)
{
    static const char garbage[] =
        "schema: benchrun-baseline\nschema_version: 2\nname: [\n";
    char note[2048], why[2048];
    struct brun_results r;
    struct brun_baseline b;
    free(saved_main(NULL));
    write_all(yml("main"), garbage, sizeof garbage - 1);

    /* A save that fails for its own reasons leaves it as it was. */
    make_results(&r, 3, 2, 3, 8);
    free(r.targets[1].path);
    r.targets[1].path = xstrdup("/nonexistent/bench_gone");
    cr_assert_eq(brun_baseline_save_noting(store, "main", &r, note, sizeof note,
                                           why, sizeof why),
                 -1);
    char *now = read_all(yml("main"), NULL);
    cr_assert_str_eq(now, garbage);
    free(now);

    /* A save that works replaces it, without history, and says so once. */
    free(r.targets[1].path);
    r.targets[1].path = xstrdup(build_path("tests/bench_faulty"));
    save_noting_ok("main", &r, note, sizeof note);
    cr_assert_null(strchr(note, '\n'), "not one line: %s", note);
    cr_assert_not_null(strstr(note, "saved without history"), "%s", note);
    cr_assert_not_null(strstr(note, yml("main")), "no file in: %s", note);
    load_ok("main", &b);
    cr_assert_eq(b.results.case_count, 3);
    for (size_t i = 0; i < b.results.case_count; i++)
        cr_assert_eq(b.results.cases[i].history_count, 0);
    brun_baseline_release(&b);

    /* The next save reads it again: no note, and a history. */
    save_noting_ok("main", &r, note, sizeof note);
    cr_assert_str_eq(note, "");
    load_ok("main", &b);
    cr_assert_eq(b.results.cases[0].history_count, 1);
    brun_baseline_release(&b);
    brun_results_release(&r);
}

/* ---- list, delete, collect ---------------------------------------- */

Test(baseline, list_is_sorted_and_flags_broken_files)
{
    struct brun_results r;
    struct brun_baseline_entry *v;
    size_t n;
    char why[2048];
    cr_assert_eq(brun_baseline_list(store, &v, &n, why, sizeof why), 0, "%s",
                 why);
    cr_assert_eq(n, 0, "a missing store is not empty");
    cr_assert_null(v);

    make_results(&r, 5, 2, 3, 1);
    save_ok("zeta", &r);
    save_ok("alpha", &r);
    write_all(yml("mid"), "schema: benchrun-baseline\nschema_version: 1\n", 44);
    write_all(yml("bad name"), "x", 1); /* not a baseline name */
    write_all(yml(".hidden"), "x", 1);
    char notes[4400];
    snprintf(notes, sizeof notes, "%s/notes.txt", store);
    write_all(notes, "x", 1);

    cr_assert_eq(brun_baseline_list(store, &v, &n, why, sizeof why), 0, "%s",
                 why);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(v[0].name, "alpha");
    cr_assert_str_eq(v[1].name, "mid");
    cr_assert_str_eq(v[2].name, "zeta");
    cr_assert_eq(v[0].valid, 1, "%s", v[0].problem);
    cr_assert_eq(v[0].case_count, 5);
    cr_assert_eq(strlen(v[0].saved), 20);
    cr_assert_null(v[0].problem);
    cr_assert_eq(v[1].valid, 0);
    cr_assert_not_null(v[1].problem);
    cr_assert_not_null(strstr(v[1].problem, yml("mid")), "%s", v[1].problem);
    cr_assert_not_null(strstr(v[1].problem, "cut short"), "%s", v[1].problem);
    cr_assert_eq(v[2].valid, 1);
    brun_baseline_list_release(v, n);
    brun_results_release(&r);
}

Test(baseline, a_missing_baseline_names_the_saved_ones)
{
    struct brun_baseline b;
    struct brun_results r;
    char why[2048], expected[4600];
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), -1);
    snprintf(expected, sizeof expected,
             "baseline \"main\" not found in %s; none saved yet", store);
    cr_assert_str_eq(why, expected);
    cr_assert_eq(brun_baseline_delete(store, "main", why, sizeof why), -1);
    cr_assert_str_eq(why, expected);

    make_results(&r, 2, 2, 3, 1);
    save_ok("b", &r);
    save_ok("a", &r);
    snprintf(expected, sizeof expected,
             "baseline \"main\" not found in %s; saved baselines: a, b", store);
    cr_assert_eq(brun_baseline_load(store, "main", &b, why, sizeof why), -1);
    cr_assert_str_eq(why, expected);
    cr_assert_eq(brun_baseline_delete(store, "main", why, sizeof why), -1);
    cr_assert_str_eq(why, expected);
    brun_results_release(&r);
}

Test(baseline, unreferenced_copies_are_collected)
{
    struct brun_results r;
    char why[2048], bin[4300], harness_copy[4400], sort_copy[4400];
    struct brun_baseline b;
    snprintf(bin, sizeof bin, "%s/bin", store);

    make_results(&r, 3, 2, 3, 1);
    save_ok("a", &r);
    save_ok("b", &r);
    cr_assert_eq(count_files(bin), 1, "one copy shared by both");
    cr_assert_eq(brun_baseline_load(store, "a", &b, why, sizeof why), 0, "%s",
                 why);
    snprintf(harness_copy, sizeof harness_copy, "%s", b.executables[0]);
    brun_baseline_release(&b);

    /* b now measures another executable: both copies are needed. */
    free(r.targets[0].path);
    r.targets[0].path = xstrdup(build_path("examples/sort"));
    save_ok("b", &r);
    cr_assert_eq(count_files(bin), 2);
    cr_assert_eq(brun_baseline_load(store, "b", &b, why, sizeof why), 0, "%s",
                 why);
    snprintf(sort_copy, sizeof sort_copy, "%s", b.executables[0]);
    brun_baseline_release(&b);

    /* a too: the harness copy is nobody's any more. */
    save_ok("a", &r);
    cr_assert_eq(count_files(bin), 1);
    cr_assert_neq(access(harness_copy, F_OK), 0, "unreferenced copy kept");
    cr_assert_eq(access(sort_copy, F_OK), 0);

    /* Deleting one user keeps the copy; deleting the last removes it. */
    cr_assert_eq(brun_baseline_delete(store, "a", why, sizeof why), 0, "%s",
                 why);
    cr_assert_neq(access(yml("a"), F_OK), 0);
    cr_assert_eq(access(sort_copy, F_OK), 0);
    cr_assert_eq(brun_baseline_delete(store, "b", why, sizeof why), 0, "%s",
                 why);
    cr_assert_eq(count_files(bin), 0);
    char *files = listing(store);
    cr_assert_str_eq(files, ".lock,bin");
    free(files);

    /* Files in bin/ that are not copies are left alone. */
    char other[4400];
    snprintf(other, sizeof other, "%s/README", bin);
    write_all(other, "x", 1);
    save_ok("a", &r);
    cr_assert_eq(access(other, F_OK), 0);
    brun_results_release(&r);
}

Test(baseline, loading_writes_nothing)
{
    struct brun_results r;
    struct brun_baseline b;
    char why[2048], lock[4400];
    make_results(&r, 2, 2, 3, 1);
    save_ok("main", &r);
    snprintf(lock, sizeof lock, "%s/.lock", store);
    cr_assert_eq(unlink(lock), 0);
    cr_assert_eq(chmod(store, 0555), 0);
    char *before = listing(store);
    int rc = brun_baseline_load(store, "main", &b, why, sizeof why);
    char *after = listing(store);
    chmod(store, 0755);
    cr_assert_eq(rc, 0, "load from a read-only store: %s", why);
    cr_assert_str_eq(before, after);
    brun_baseline_release(&b);
    brun_results_release(&r);
    free(before);
    free(after);
}

/* ---- fingerprint ------------------------------------------------------ */

Test(baseline, fingerprint_diff_lists_each_changed_field)
{
    struct brun_fingerprint a = {
        .cpus = 8, .git_dirty = 0, .ticks_per_second = 3e9};
    snprintf(a.cpu_model, sizeof a.cpu_model, "CPU A");
    snprintf(a.kernel, sizeof a.kernel, "Linux 6.1");
    snprintf(a.machine, sizeof a.machine, "x86_64");
    snprintf(a.compilers, sizeof a.compilers, "gcc 12.2.0");
    snprintf(a.git_commit, sizeof a.git_commit, "%040d", 1);
    snprintf(a.benchrun_version, sizeof a.benchrun_version, "0.1.0");
    snprintf(a.clock, sizeof a.clock, "tsc");
    struct brun_fingerprint b = a;
    char out[2048];

    cr_assert_eq(brun_fingerprint_diff(&a, &b, out, sizeof out), 0);
    cr_assert_str_eq(out, "");
    b.ticks_per_second = 3e9 * 1.0009; /* under 0.1 %: the same clock */
    cr_assert_eq(brun_fingerprint_diff(&a, &b, out, sizeof out), 0, "%s", out);
    b.ticks_per_second = 3e9 * 1.002;
    snprintf(b.cpu_model, sizeof b.cpu_model, "CPU B");
    b.cpus = 4;
    b.git_dirty = 1;
    cr_assert_eq(brun_fingerprint_diff(&a, &b, out, sizeof out), 4, "%s", out);
    cr_assert_str_eq(out, "CPU model: CPU A -> CPU B\n"
                          "CPUs: 8 -> 4\n"
                          "clock rate: 3000.000 MHz -> 3006.000 MHz\n"
                          "git work tree: clean -> modified\n");
    b = a;
    b.git_commit[0] = '\0';
    b.git_dirty = -1;
    cr_assert_eq(brun_fingerprint_diff(&a, &b, out, sizeof out), 2);
    cr_assert_not_null(strstr(out,
                              "git commit: 00000000000000000000000000000000"
                              "00000001 -> (unknown)\n"),
                       "%s", out);
    cr_assert_not_null(strstr(out, "git work tree: clean -> no repository\n"),
                       "%s", out);
    /* A short buffer is cut, still terminated, and the count stays right. */
    char tiny[10];
    cr_assert_eq(brun_fingerprint_diff(&a, &b, tiny, sizeof tiny), 2);
    cr_assert_eq(strlen(tiny), 9);
}

Test(baseline, fingerprint_reads_git_of_the_current_directory)
{
    struct brun_results r;
    struct brun_fingerprint fp;
    struct command_result out;
    char cwd[4096], repo[4300];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    make_results(&r, 3, 2, 3, 1);

    snprintf(repo, sizeof repo, "%s/repo", scratch);
    cr_assert_eq(mkdir(repo, 0755), 0);
    cr_assert_eq(chdir(repo), 0);
    brun_fingerprint_of(&r, &fp);
    cr_assert_str_eq(fp.git_commit, "", "outside a repository: %s",
                     fp.git_commit);
    cr_assert_eq(fp.git_dirty, -1);
    cr_assert_str_eq(fp.compilers, "gcc 12.2.0, clang 14.0.6");
    cr_assert_str_eq(fp.clock, "tsc");

    char script[] = "git init -q . && echo a > f && git add f && "
                    "git -c user.name=t -c user.email=t@example.invalid "
                    "commit -q -m one && git rev-parse HEAD";
    char *argv[] = {"/bin/sh", "-c", script, NULL};
    char *env[] = {"GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent", NULL};
    if (access("/usr/bin/git", X_OK) != 0 && access("/bin/git", X_OK) != 0) {
        cr_assert_eq(chdir(cwd), 0);
        brun_results_release(&r);
        cr_skip_test("git is not installed");
    }
    cr_assert_eq(run_command(argv, env, 30, &out), 0);
    cr_assert_eq(out.status, 0, "git: %s", out.err);
    out.out[strcspn(out.out, "\n")] = '\0';
    brun_fingerprint_of(&r, &fp);
    cr_assert_str_eq(fp.git_commit, out.out);
    cr_assert_eq(fp.git_dirty, 0);
    command_result_free(&out);
    FILE *f = fopen("f", "w");
    cr_assert_not_null(f);
    fputs("changed\n", f);
    fclose(f);
    brun_fingerprint_of(&r, &fp);
    cr_assert_eq(fp.git_dirty, 1);
    cr_assert_eq(chdir(cwd), 0);
    brun_results_release(&r);
}

/* ---- metrics (schema_version 3) ---------------------------------------- */

static void give_metric(struct brun_case_result *c, enum brun_metric_id id,
                        enum brun_metric_source source, double value,
                        double share)
{
    struct brun_metric *m = &c->metrics[id];
    m->measured = 1;
    m->source = source;
    m->value = value;
    m->running_share = share;
    if (source == BRUN_SOURCE_PERF_EVENT) {
        m->round_count = c->round_count;
        m->per_round = calloc(c->round_count, sizeof *m->per_round);
        cr_assert_not_null(m->per_round);
        for (size_t k = 0; k < c->round_count; k++)
            m->per_round[k] = value * (1 + 0.01 * (double)k) + 0.1;
    }
}

static const struct brun_case_result *loaded_case(const struct brun_baseline *b,
                                                  const char *name)
{
    for (size_t i = 0; i < b->results.case_count; i++)
        if (strcmp(b->results.cases[i].name, name) == 0)
            return &b->results.cases[i];
    cr_assert_fail("no case %s", name);
    return NULL;
}

Test(baseline, metrics_are_saved_and_loaded_back_exactly)
{
    struct brun_results r;
    struct brun_baseline b;
    make_results(&r, 6, 3, 5, 4);
    /* Case 0 is ok, 1 failed after one round, 2 ok. */
    give_metric(&r.cases[0], BRUN_METRIC_INSTRUCTIONS, BRUN_SOURCE_CALLGRIND,
                12345.125, 1);
    give_metric(&r.cases[0], BRUN_METRIC_PEAK_HEAP, BRUN_SOURCE_ALLOC, 1228.8,
                1);
    give_metric(&r.cases[2], BRUN_METRIC_CYCLES, BRUN_SOURCE_PERF_EVENT,
                401.0 / 3, 0.5);
    give_metric(&r.cases[2], BRUN_METRIC_ALLOCATIONS, BRUN_SOURCE_ALLOC, 0.5,
                1);
    give_metric(&r.cases[1], BRUN_METRIC_BRANCH_MISSES, BRUN_SOURCE_PERF_EVENT,
                3.25, 0.75);
    save_ok("main", &r);
    cr_assert(file_has(yml("main"), "\n  metrics:\n    instructions:\n"));
    cr_assert(file_has(yml("main"), "\n  metrics: {}\n"));
    load_ok("main", &b);
    for (size_t i = 0; i < r.case_count; i++) {
        const struct brun_case_result *want = &r.cases[i];
        const struct brun_case_result *got = loaded_case(&b, want->name);
        for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
            const struct brun_metric *a = &want->metrics[m],
                                     *g = &got->metrics[m];
            cr_assert_eq(g->measured, a->measured, "%s %d", want->name, m);
            if (!a->measured)
                continue;
            cr_assert_eq(g->source, a->source);
            expect_same_double(g->value, a->value, "metric value", i);
            expect_same_double(g->running_share, a->running_share,
                               "running_share", i);
            cr_assert_eq(g->round_count, a->round_count);
            cr_assert_eq(g->per_round == NULL, a->per_round == NULL);
            for (size_t k = 0; k < a->round_count; k++)
                expect_same_double(g->per_round[k], a->per_round[k],
                                   "per_round", k);
        }
    }
    brun_baseline_release(&b);
    brun_results_release(&r);
}

Test(baseline, a_version_2_file_without_metrics_still_loads)
{
    char *text = old_version_text('2');
    cr_assert_null(strstr(text, "metrics:"));
    cr_assert_not_null(strstr(text, "history: []"));
    write_all(yml("main"), text, strlen(text));
    struct brun_baseline b;
    load_ok("main", &b);
    cr_assert_eq(b.results.case_count, 6);
    for (size_t i = 0; i < b.results.case_count; i++)
        for (int m = 0; m < BRUN_METRIC_COUNT; m++)
            cr_assert_eq(b.results.cases[i].metrics[m].measured, 0);
    brun_baseline_release(&b);
    free(text);
}

Test(baseline, metrics_in_a_version_2_file_or_none_in_version_3_are_refused)
{
    char *text = old_version_text('2');
    edit_expect_in(
        text, "\n  history: []\n", 0, "\n  metrics: {}\n  history: []\n",
        "cases[0].metrics: unknown key in a schema_version 2 file", NULL);
    text = saved_main(NULL);
    char *at = strstr(text, "  metrics: {}\n");
    cr_assert_not_null(at);
    char *edited = spliced(text, at, strlen("  metrics: {}\n"), "");
    write_all(yml("main"), edited, strlen(edited));
    const char *start = strstr(text, "\n- name: 'null'\n");
    cr_assert_not_null(start);
    expect_load_error("main", line_at(text, (size_t)(start - text)) + 1,
                      "cases[0].metrics: missing key", NULL);
    free(edited);
    free(text);
}

Test(baseline, a_bad_metric_is_refused_with_file_and_line)
{
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {bogus: {value: 1, source: callgrind, "
                "running_share: 1}}",
                "cases[0].metrics.bogus: unknown metric \"bogus\"", NULL);
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {instructions: {value: -5, source: callgrind, "
                "running_share: 1}}",
                "cases[0].metrics.instructions.value", "below the smallest");
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {instructions: {value: 5, source: magic, "
                "running_share: 1}}",
                "cases[0].metrics.instructions.source",
                "expected perf_event, callgrind or alloc_counter");
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {instructions: {value: 5, source: callgrind, "
                "running_share: 1, per_round: [5, 5, 5]}}",
                "cases[0].metrics.instructions",
                "per_round is only for perf_event counters");
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {cycles: {value: 5, source: perf_event, "
                "running_share: 0.5}}",
                "cases[0].metrics.cycles", "needs per_round");
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {cycles: {value: 5, source: perf_event, "
                "running_share: 0, per_round: [5, 5, 5]}}",
                "cases[0].metrics.cycles", "must be above 0");
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {cycles: {value: 5, source: perf_event, "
                "running_share: 1.5, per_round: [5, 5, 5]}}",
                "cases[0].metrics.cycles.running_share", "above the largest");
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {cycles: {value: 5, source: perf_event, "
                "running_share: 1, per_round: [5, 5]}}",
                "cases[0].metrics.cycles.per_round",
                "2 values, but the case has 3 rounds");
    edit_expect("\n  metrics: {}", 0,
                "\n  metrics: {instructions: {value: 5, source: callgrind}}",
                "cases[0].metrics.instructions.running_share: missing key",
                NULL);
}
