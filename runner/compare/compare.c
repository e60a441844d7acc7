/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * compare.c: the comparison loops and the suite decision (see compare.h).
 *
 * Both loops share one shape: add rounds up to the next look, compare,
 * ask the stopping rule, repeat; stop also at the last look or when the
 * next look would overrun the case's time budget.  The statistics
 * themselves are stats/verdict.c's; this file decides what to measure
 * and when to stop.
 */
#include "config.h"

#include "runner/compare/compare.h"

#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/model/wording.h"
#include "runner/compare/counter_compare.h"
#include "runner/baseline/history.h"
#include "runner/worker/process.h"
#include "stats/random.h"

void brun_compare_plan_init(struct brun_compare_plan *p,
                            const struct brun_options *o, uint64_t seed,
                            enum brun_compare_mode mode)
{
    memset(p, 0, sizeof *p);
    p->mode = mode;
    unsigned first = o->rounds < o->max_rounds ? o->rounds : o->max_rounds;
    for (unsigned r = first; p->look_count < BRUN_MAX_LOOKS - 1; r *= 2) {
        if (r >= o->max_rounds)
            break;
        p->looks[p->look_count++] = r;
    }
    p->looks[p->look_count++] = o->max_rounds;
    double spent = 0;
    for (unsigned k = 0; k < p->look_count; k++) {
        double t = (double)p->looks[k] / (double)o->max_rounds;
        double total = k + 1 == p->look_count ? 1 : pow(t, BRUN_SPENDING_POWER);
        p->look_share[k] = total - spent;
        spent = total;
    }
    p->family = 1;
    p->confidence = o->confidence;
    p->fail_above = o->fail_above;
    p->fdr = o->fdr;
    p->gate_alpha = o->gate_alpha;
    p->noise_floor = brun_options_noise_floor(o, mode == BRUN_COMPARE_PAIRED);
    p->session_noise = o->session_noise;
    p->resamples = o->resamples;
    p->bootstrap = o->bootstrap_bca ? BRUN_BOOT_BCA : BRUN_BOOT_PERCENTILE;
    p->seed = seed;
    p->thresholds = o->thresholds;
    p->threshold_count = o->threshold_count;
}

void brun_compare_case_limits(const struct brun_compare_plan *p,
                              const char *name, double *fail_above,
                              double *noise_floor)
{
    *fail_above = p->fail_above;
    *noise_floor = p->noise_floor;
    for (size_t i = 0; i < p->threshold_count; i++) {
        const struct brun_threshold *t = &p->thresholds[i];
        if (fnmatch(t->pattern, name, 0) != 0)
            continue;
        if (t->fail_above >= 0)
            *fail_above = t->fail_above;
        if (t->noise_floor >= 0)
            *noise_floor = t->noise_floor;
        return;
    }
}

double brun_rounds_geomean(const struct brun_round_result *rounds, size_t count)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (rounds[i].estimate_ns > 0) {
            sum += log(rounds[i].estimate_ns);
            n++;
        }
    return n ? exp(sum / (double)n) : 0;
}

/* The settings' look: its share of the error budget, and the level a
 * case is read at while measuring, R = 1, the strictest the suite can
 * use. */
static void at_look(const struct brun_compare_plan *p, unsigned look,
                    struct brun_compare_settings *s)
{
    s->look_share = p->look_share[look];
    s->alpha = p->fdr * s->look_share / (2.0 * (double)s->family);
}

/* Settings for one case's comparison, at the first look. */
static void case_settings(const struct brun_compare_plan *p, const char *name,
                          struct brun_compare_settings *s)
{
    double fail_above, noise_floor;
    brun_compare_case_limits(p, name, &fail_above, &noise_floor);
    memset(s, 0, sizeof *s);
    s->family = p->family ? p->family : 1;
    s->fdr = p->fdr;
    s->gate_alpha = p->gate_alpha;
    at_look(p, 0, s);
    s->noise_floor = noise_floor;
    s->fail_above = fail_above;
    s->margin = fail_above > 0 ? fail_above : BRUN_REPORT_THRESHOLD;
    s->session_noise =
        p->mode == BRUN_COMPARE_INDEPENDENT ? p->session_noise : 0;
    s->session_noise_df = INFINITY;
    s->confidence = p->confidence;
    s->resamples = p->resamples;
    s->seed = brun_rng_seed_for(p->seed, name);
    s->bootstrap = p->bootstrap;
}

/* Whether every round had at least half of its samples undisturbed. */
static int all_clean(const struct brun_round_result *rounds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (rounds[i].used_all_samples)
            return 0;
    return 1;
}

/* Whether the case waits only for the CPU: among its samples that were
 * not preempted, at most half ran off the CPU anyway (blocked_samples;
 * a case that sleeps or waits for I/O does so in nearly every sample,
 * while a virtual machine's stolen time hits a few), and at least one
 * sample shows it.  Then its thread CPU time measures its work even when
 * the wall clock counted other processes' turns. */
static int cpu_bound(const struct brun_round_result *rounds, size_t n)
{
    size_t blocked = 0, unpreempted = 0;
    for (size_t i = 0; i < n; i++) {
        blocked += rounds[i].blocked_samples;
        unpreempted += rounds[i].sample_count - rounds[i].disturbed_samples +
                       rounds[i].blocked_samples;
    }
    return unpreempted > 0 && 2 * blocked <= unpreempted;
}

/* Which estimate of each round the comparison uses, decided for the case
 * as a whole so both sides read the same clock. */
struct estimate_choice {
    int cpu_time;       /* thread CPU time instead of wall time */
    int drop_contended; /* leave out rounds without a clean half */
};

static struct estimate_choice choose(const struct brun_round_result *base,
                                     size_t nb,
                                     const struct brun_round_result *fresh,
                                     size_t nn)
{
    struct estimate_choice c = {0, 0};
    /* A multi-threaded case: wall time, every round (estimate.c). */
    if ((nb > 0 && base[0].threads > 1) || (nn > 0 && fresh[0].threads > 1))
        return c;
    if (all_clean(base, nb) && all_clean(fresh, nn))
        return c;
    if (cpu_bound(base, nb) && cpu_bound(fresh, nn))
        c.cpu_time = 1;
    else
        c.drop_contended = 1;
    return c;
}

/* Whether round r enters the comparison under the choice. */
static int kept(const struct brun_round_result *r, struct estimate_choice c)
{
    return !(c.drop_contended && r->used_all_samples);
}

/* log of round r's estimate under the choice; NAN when it is not
 * positive (not comparable). */
static double log_estimate(const struct brun_round_result *r,
                           struct estimate_choice c)
{
    double v = c.cpu_time ? r->cpu_estimate_ns : r->estimate_ns;
    return v > 0 ? log(v) : NAN;
}

/* Compares the rounds so far into k->stats (second_new: per round, 1 when
 * the new build ran second; NULL in saved mode).  Returns 0, -1 (not
 * comparable, e.g. a zero estimate) or BRUN_MEASURE_NO_MEMORY. */
static int compare_now(const struct brun_compare_plan *p,
                       const struct brun_compare_settings *given,
                       const struct brun_round_result *base, size_t nb,
                       const struct brun_round_result *fresh, size_t nn,
                       const unsigned char *second_new,
                       struct brun_case_comparison *k)
{
    double *lb = malloc((nb ? nb : 1) * sizeof *lb);
    double *ln = malloc((nn ? nn : 1) * sizeof *ln);
    unsigned char *order = malloc(nn ? nn : 1);
    struct brun_compare_settings s = *given;
    struct estimate_choice how = choose(base, nb, fresh, nn);
    size_t ib = 0, in = 0;
    int r = -1, comparable = 1;
    if (!lb || !ln || !order) {
        free(lb);
        free(ln);
        free(order);
        return BRUN_MEASURE_NO_MEMORY;
    }
    if (p->mode == BRUN_COMPARE_PAIRED) {
        size_t pairs = nn < nb ? nn : nb;
        for (size_t i = 0; i < pairs; i++) {
            if (!kept(&fresh[i], how) || !kept(&base[i], how))
                continue;
            ln[in] = log_estimate(&fresh[i], how) - log_estimate(&base[i], how);
            comparable &= !isnan(ln[in]);
            order[in++] = second_new ? second_new[i] : 0;
        }
        s.second_new = second_new ? order : NULL;
        k->dropped_rounds = (unsigned)(pairs - in);
        if (comparable)
            r = brun_compare_paired(ln, in, &s, &k->stats);
    } else {
        for (size_t i = 0; i < nb; i++) {
            if (!kept(&base[i], how))
                continue;
            lb[ib] = log_estimate(&base[i], how);
            comparable &= !isnan(lb[ib++]);
        }
        for (size_t i = 0; i < nn; i++) {
            if (!kept(&fresh[i], how))
                continue;
            ln[in] = log_estimate(&fresh[i], how);
            comparable &= !isnan(ln[in++]);
        }
        k->dropped_rounds = (unsigned)(nb - ib + nn - in);
        if (comparable)
            r = brun_compare_independent(lb, ib, ln, in, &s, &k->stats);
    }
    k->cpu_time = how.cpu_time;
    free(lb);
    free(ln);
    free(order);
    return r;
}

/* Whether another look fits the budget: the average cost of a round so
 * far times the rounds the next look needs. */
static int next_look_fits(double started, unsigned done, unsigned next,
                          double budget_s)
{
    if (done == 0)
        return 1;
    double per_round = (brun_now() - started) / done;
    return brun_now() - started + per_round * (next - done) <= budget_s;
}

/* Where a comparison is in its sequence of looks. */
struct looks {
    unsigned next;  /* index of the next look in plan->looks */
    double started; /* when the case began, for the budget */
};

/* Called after each round (done rounds so far).  When a look is due,
 * compares base with fresh and applies the stopping rule, the last look
 * and the budget.  Returns 1 when the case is over (k->end says why), 0
 * when more rounds are needed, BRUN_MEASURE_NO_MEMORY when it could not
 * compare. */
static int after_round(const struct brun_compare_plan *plan,
                       const struct brun_compare_settings *settings,
                       struct looks *at, unsigned done, double budget_s,
                       const struct brun_round_result *base, size_t nb,
                       const struct brun_round_result *fresh, size_t nn,
                       const unsigned char *second_new,
                       struct brun_case_comparison *k)
{
    if (done < plan->looks[at->next])
        return 0;
    k->looks = at->next + 1;
    struct brun_compare_settings look = *settings;
    at_look(plan, at->next, &look);
    int compared = compare_now(plan, &look, base, nb, fresh, nn, second_new, k);
    if (compared == BRUN_MEASURE_NO_MEMORY)
        return BRUN_MEASURE_NO_MEMORY;
    if (compared == 0 &&
        (k->stop = brun_verdict_stop(&k->stats, &look)) != BRUN_STOP_CONTINUE) {
        k->end = BRUN_END_DECIDED;
        return 1;
    }
    if (++at->next == plan->look_count) {
        k->end = BRUN_END_MAX_ROUNDS;
        return 1;
    }
    if (!next_look_fits(at->started, done, plan->looks[at->next], budget_s)) {
        k->end = BRUN_END_BUDGET;
        return 1;
    }
    return 0;
}

static struct brun_case_comparison *
new_comparison(const struct brun_compare_plan *p, const char *name)
{
    struct brun_case_comparison *k = calloc(1, sizeof *k);
    if (k)
        brun_compare_case_limits(p, name, &k->fail_above, &k->noise_floor);
    return k;
}

/* Ends a case: fills the comparison's means and moves the baseline
 * rounds in; the case result owns everything afterwards. */
static void attach_comparison(struct brun_case_result *c,
                              struct brun_case_comparison *k,
                              struct brun_round_result *base_rounds,
                              size_t base_count)
{
    k->presence = BRUN_PRESENT_BOTH;
    k->baseline_rounds = base_rounds;
    k->baseline_round_count = base_count;
    k->baseline_ns = brun_rounds_geomean(base_rounds, base_count);
    k->new_ns = brun_rounds_geomean(c->rounds, c->round_count);
    c->comparison = k;
}

/* Copies rounds (and their samples). */
static struct brun_round_result *copy_rounds(const struct brun_round_result *v,
                                             size_t n)
{
    struct brun_round_result *copy = calloc(n ? n : 1, sizeof *copy);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        copy[i] = v[i];
        copy[i].samples = malloc((v[i].sample_count ? v[i].sample_count : 1) *
                                 sizeof *copy[i].samples);
        if (!copy[i].samples) {
            brun_rounds_release(copy, i);
            return NULL;
        }
        memcpy(copy[i].samples, v[i].samples,
               v[i].sample_count * sizeof *v[i].samples);
    }
    return copy;
}

/* Fails c with a one-line reason built from the old build's failure. */
static void blame_baseline(struct brun_case_result *c,
                           struct brun_case_result *old)
{
    char line[1024];
    snprintf(line, sizeof line, "the baseline build %s: %s",
             old->status == BRUN_STATUS_SKIPPED ? "skipped the case" : "failed",
             brun_wording_reason(old));
    c->status = BRUN_STATUS_FAILED;
    c->failure = old->failure != BRUN_FAILURE_NONE ? old->failure
                                                   : BRUN_FAILURE_REPORTED;
    free(c->reason);
    c->reason = strdup(line);
    if (!c->output && old->output) {
        c->output = old->output;
        old->output = NULL;
    }
}

int brun_compare_interleaved(const char *new_path, const char *old_path,
                             size_t target_index,
                             const struct brun_listed_case *new_listed,
                             const struct brun_listed_case *old_listed,
                             uint64_t iterations,
                             const struct brun_measure_env *env,
                             const struct brun_compare_plan *plan,
                             struct brun_case_result *c)
{
    struct brun_case_result old;
    struct brun_compare_settings settings;
    struct brun_case_comparison *k;
    const unsigned last = plan->looks[plan->look_count - 1];
    double started = brun_now();
    int r = 0;

    brun_measure_begin(c, target_index, new_listed, env);
    brun_measure_begin(&old, target_index, old_listed, env);
    case_settings(plan, c->name, &settings);
    k = new_comparison(plan, c->name);
    if (!k) {
        brun_case_result_release(&old);
        brun_case_result_release(c);
        return BRUN_MEASURE_NO_MEMORY;
    }
    if (iterations) {
        c->plan.iterations = iterations;
    } else if (env->settings.iterations == 0) {
        r = brun_measure_calibrate(new_path, new_listed, env, c);
    }
    c->plan.rounds = last;
    old.plan = c->plan;

    struct looks at = {0, started};
    unsigned done = 0;
    int old_first = 0, over = 0;
    /* Per round, 1 when the new build ran second: the crossover term. */
    unsigned char *second_new = malloc(last ? last : 1);
    if (!second_new)
        r = BRUN_MEASURE_NO_MEMORY;
    while (r == 0 && !over) {
        /* ABBA: a random order for the first round of each pair, the
         * reverse for the second. */
        old_first =
            done % 2 == 0 ? (int)brun_rng_below(env->rng, 2) : !old_first;
        second_new[done] = (unsigned char)old_first;
        uint64_t n = brun_measure_jitter(env, c->plan.iterations);
        /* Common random numbers: one stack padding for both workers of
         * the round (measure.h). */
        size_t pad = brun_measure_pad(env);
        for (int side = 0; side < 2 && r == 0; side++) {
            int run_old = side == 0 ? old_first : !old_first;
            r = run_old ? brun_measure_round_padded(old_path, old_listed, env,
                                                    done, last, n, pad, &old)
                        : brun_measure_round_padded(new_path, new_listed, env,
                                                    done, last, n, pad, c);
        }
        if (r == 0) {
            /* Both builds keep one plan: shorten samples for both when
             * either side was contended. */
            const struct brun_round_result *recent[2] = {
                &old.rounds[old.round_count - 1],
                &c->rounds[c->round_count - 1]};
            brun_measure_adapt(c, recent, 2, env);
            old.plan = c->plan;
            over =
                after_round(plan, &settings, &at, ++done,
                            env->settings.budget_s, old.rounds, old.round_count,
                            c->rounds, c->round_count, second_new, k);
        }
        if (over < 0)
            r = over;
    }
    free(second_new);
    if (r < 0) {
        free(k);
        brun_case_result_release(&old);
        brun_case_result_release(c);
        return r;
    }
    if (r > 0 && c->status == BRUN_STATUS_OK)
        blame_baseline(c, &old);
    if (c->status == BRUN_STATUS_OK) {
        attach_comparison(c, k, old.rounds, old.round_count);
        old.rounds = NULL;
        old.round_count = 0;
        /* The baseline build's hardware counters, read in its rounds. */
        memcpy(k->baseline_metrics, old.metrics, sizeof old.metrics);
        memset(old.metrics, 0, sizeof old.metrics);
        /* And its user counters, read in the same rounds. */
        k->baseline_counters = old.counters;
        k->baseline_counter_count = old.counter_count;
        old.counters = NULL;
        old.counter_count = 0;
        if (brun_counter_compare(k, c->counters, c->counter_count,
                                 plan->confidence, 0) != 0)
            r = BRUN_MEASURE_NO_MEMORY;
    } else {
        free(k);
    }
    brun_case_result_release(&old);
    if (r < 0) {
        brun_case_result_release(c);
        return r;
    }
    c->plan.rounds = (unsigned)c->round_count; /* rounds taken */
    brun_measure_finish(c);
    return 0;
}

/* The between-session noise of a saved-numbers comparison: estimated
 * from the case's history of saves when there are at least
 * BRUN_HISTORY_MIN_DIFFS differences between sessions, with their number
 * as its degrees of freedom; otherwise --session-noise is assumed and the
 * gate fails only beyond BRUN_UNCALIBRATED_GATE. */
static void saved_session_noise(const struct brun_compare_plan *plan,
                                const struct brun_case_result *saved,
                                struct brun_compare_settings *s)
{
    double sd;
    size_t diffs;
    if (brun_history_session_spread(saved, &sd, &diffs) == 0 &&
        diffs >= BRUN_HISTORY_MIN_DIFFS) {
        s->session_noise = sd;
        s->session_noise_df = (double)diffs;
        s->gate_needs_history = 0;
    } else {
        s->session_noise = plan->session_noise;
        s->session_noise_df = INFINITY;
        s->gate_needs_history = 1;
    }
}

/* A worker round of the build at path, for brun_compare_saved(). */
struct worker_round {
    const char *path;
    const struct brun_listed_case *listed;
};

static int worker_round(void *ctx, unsigned index, unsigned of,
                        const struct brun_measure_env *env,
                        struct brun_case_result *c)
{
    const struct worker_round *w = ctx;
    int r = brun_measure_round(w->path, w->listed, env, index, of,
                               brun_measure_jitter(env, c->plan.iterations), c);
    if (r == 0) {
        const struct brun_round_result *recent[1] = {
            &c->rounds[c->round_count - 1]};
        brun_measure_adapt(c, recent, 1, env);
    }
    return r;
}

int brun_compare_saved(const char *new_path, size_t target_index,
                       const struct brun_listed_case *listed,
                       const struct brun_case_result *saved,
                       const struct brun_measure_env *env,
                       const struct brun_compare_plan *plan,
                       struct brun_case_result *c)
{
    struct worker_round w = {new_path, listed};
    return brun_compare_saved_rounds(worker_round, &w, target_index, listed,
                                     saved, env, plan, c);
}

int brun_compare_saved_rounds(brun_round_fn round, void *ctx,
                              size_t target_index,
                              const struct brun_listed_case *listed,
                              const struct brun_case_result *saved,
                              const struct brun_measure_env *env,
                              const struct brun_compare_plan *plan,
                              struct brun_case_result *c)
{
    struct brun_compare_settings settings;
    struct brun_case_comparison *k;
    const unsigned last = plan->looks[plan->look_count - 1];
    double started = brun_now();
    int r = 0;

    brun_measure_begin(c, target_index, listed, env);
    case_settings(plan, c->name, &settings);
    saved_session_noise(plan, saved, &settings);
    k = new_comparison(plan, c->name);
    if (!k) {
        brun_case_result_release(c);
        return BRUN_MEASURE_NO_MEMORY;
    }
    /* The baseline's iteration count keeps samples comparable. */
    if (env->settings.iterations == 0)
        c->plan.iterations = saved->plan.iterations;
    c->plan.rounds = last;

    struct looks at = {0, started};
    unsigned done = 0;
    int over = 0;
    while (r == 0 && !over) {
        r = round(ctx, done, last, env, c);
        if (r == 0) {
            over = after_round(plan, &settings, &at, ++done,
                               env->settings.budget_s, saved->rounds,
                               saved->round_count, c->rounds, c->round_count,
                               NULL, k);
        }
        if (over < 0)
            r = over;
    }
    if (r == 0 && c->status == BRUN_STATUS_OK) {
        struct brun_round_result *copy =
            copy_rounds(saved->rounds, saved->round_count);
        if (!copy)
            r = BRUN_MEASURE_NO_MEMORY;
        else {
            attach_comparison(c, k, copy, saved->round_count);
            k = NULL;
            struct brun_case_comparison *kc = c->comparison;
            if (brun_user_counters_copy(saved->counters, saved->counter_count,
                                        &kc->baseline_counters) != 0) {
                brun_case_result_release(c);
                return BRUN_MEASURE_NO_MEMORY;
            }
            kc->baseline_counter_count = saved->counter_count;
            if (brun_counter_compare(kc, c->counters, c->counter_count,
                                     plan->confidence,
                                     settings.session_noise) != 0) {
                brun_case_result_release(c);
                return BRUN_MEASURE_NO_MEMORY;
            }
        }
    }
    if (r < 0) {
        free(k);
        brun_case_result_release(c);
        return r;
    }
    free(k);
    c->plan.rounds = (unsigned)c->round_count; /* rounds taken */
    brun_measure_finish(c);
    return 0;
}

int brun_compare_suite(struct brun_results *r,
                       const struct brun_compare_plan *plan, size_t *failing)
{
    struct brun_comparison_summary *sum = r->comparison;
    size_t m = 0;
    *failing = 0;
    for (size_t i = 0; i < r->case_count; i++)
        if (r->cases[i].comparison &&
            r->cases[i].comparison->presence == BRUN_PRESENT_BOTH)
            m++;
    struct brun_comparison *all = calloc(m ? m : 1, sizeof *all);
    if (!all)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        struct brun_case_comparison *c = r->cases[i].comparison;
        if (!c || c->presence != BRUN_PRESENT_BOTH)
            continue;
        /* Each comparison carries the share of the error budget its
         * looks spent; the suite decision divides its p-values by it. */
        all[k++] = c->stats;
    }
    struct brun_suite_settings suite = {.fdr = plan->fdr,
                                        .gate_alpha = plan->gate_alpha};
    if (sum)
        memset(&sum->counts, 0, sizeof sum->counts);
    if (brun_verdict_suite(all, m, &suite, sum ? &sum->counts : NULL) != 0) {
        /* No memory (the plan's levels are checked by the option table):
         * the per-case values are not a suite decision, so none is
         * made. */
        free(all);
        return -1;
    }
    k = 0;
    for (size_t i = 0; i < r->case_count; i++) {
        struct brun_case_comparison *c = r->cases[i].comparison;
        if (!c || c->presence != BRUN_PRESENT_BOTH)
            continue;
        /* The suite reads each interval again at its adjusted level. */
        c->stats = all[k];
        *failing += c->stats.fails ? 1 : 0;
        k++;
    }
    free(all);
    if (sum)
        sum->failing = *failing;
    return 0;
}
