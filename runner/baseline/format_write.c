/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * format_write.c: a baseline document as YAML, through libyaml's
 * emitter (see format.h; the format is docs/baseline-format.md).
 *
 * Keys come out in one fixed order and numbers in the C locale, so the
 * same run always gives the same bytes.  Strings that must round-trip
 * exactly (case names, target paths) have to be UTF-8; other text (a
 * reason, captured output, host strings) has stray bytes replaced by '?'.
 * It writes to a FILE and nothing else: where the bytes go, atomically
 * or not, is store.c's business.
 */
#include "config.h"

#include "runner/baseline/format.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct emitter {
    yaml_emitter_t e;
    int failed;
    char *why;
    size_t why_size;
};

static void failf(struct emitter *em, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void failf(struct emitter *em, const char *fmt, ...)
{
    va_list ap;
    if (em->failed)
        return;
    em->failed = 1;
    va_start(ap, fmt);
    vsnprintf(em->why, em->why_size, fmt, ap);
    va_end(ap);
}

/* Emits an initialised event, or reports why libyaml would not. */
static void emit(struct emitter *em, yaml_event_t *event, int initialised)
{
    if (em->failed) {
        if (initialised)
            yaml_event_delete(event);
        return;
    }
    if (!initialised) {
        failf(em, "cannot build a YAML event (out of memory?)");
        return;
    }
    if (!yaml_emitter_emit(&em->e, event))
        failf(em, "YAML emitter: %s",
              em->e.problem ? em->e.problem : "write error");
}

static void scalar(struct emitter *em, const char *value,
                   yaml_scalar_style_t style)
{
    yaml_event_t ev;
    if (em->failed)
        return;
    int quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                 style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    emit(em, &ev,
         yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)value,
                                      (int)strlen(value), !quoted, 1, style));
}

static void plain(struct emitter *em, const char *value)
{
    scalar(em, value, YAML_PLAIN_SCALAR_STYLE);
}

static void map_start(struct emitter *em, int flow)
{
    yaml_event_t ev;
    if (em->failed)
        return;
    emit(em, &ev,
         yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                             flow ? YAML_FLOW_MAPPING_STYLE
                                                  : YAML_BLOCK_MAPPING_STYLE));
}

static void map_end(struct emitter *em)
{
    yaml_event_t ev;
    if (em->failed)
        return;
    emit(em, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(struct emitter *em, int flow)
{
    yaml_event_t ev;
    if (em->failed)
        return;
    emit(em, &ev,
         yaml_sequence_start_event_initialize(
             &ev, NULL, NULL, 1,
             flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

static void seq_end(struct emitter *em)
{
    yaml_event_t ev;
    if (em->failed)
        return;
    emit(em, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* A string value, quoted when a reader could take it for anything else. */
static void string_value(struct emitter *em, const char *value)
{
    yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
    if (brun_yaml_needs_quotes(value))
        style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
    else if (strchr(value, '\n'))
        style = YAML_LITERAL_SCALAR_STYLE;
    scalar(em, value, style);
}

/* A key whose value must come back byte for byte: UTF-8 or an error. */
static void exact(struct emitter *em, const char *where, const char *key,
                  const char *value)
{
    if (em->failed)
        return;
    if (!brun_yaml_utf8_valid(value, strlen(value))) {
        failf(em,
              "%s%s: \"%s\" is not valid UTF-8, which a baseline file "
              "cannot hold",
              where, key, value);
        return;
    }
    plain(em, key);
    string_value(em, value);
}

/* Text for people, as a value: NULL becomes null, and bytes that are not
 * UTF-8 become '?' (same length, so fixed-size fields still fit). */
static void text_value(struct emitter *em, const char *value)
{
    if (em->failed)
        return;
    if (!value) {
        plain(em, "null");
        return;
    }
    size_t len = strlen(value);
    if (brun_yaml_utf8_valid(value, len)) {
        string_value(em, value);
        return;
    }
    char *copy = strdup(value);
    if (!copy) {
        failf(em, "out of memory");
        return;
    }
    for (size_t i = 0; i < len;) {
        size_t n = 1;
        unsigned char c = (unsigned char)copy[i];
        if (c >= 0x80) {
            n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            if (n > len - i || !brun_yaml_utf8_valid(copy + i, n)) {
                copy[i] = '?';
                n = 1;
            }
        }
        i += n;
    }
    string_value(em, copy);
    free(copy);
}

static void text(struct emitter *em, const char *key, const char *value)
{
    plain(em, key);
    text_value(em, value);
}

static void uint_field(struct emitter *em, const char *key, uint64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRIu64, v);
    plain(em, key);
    plain(em, buf);
}

static void int_field(struct emitter *em, const char *key, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    plain(em, key);
    plain(em, buf);
}

static void double_field(struct emitter *em, const char *where, const char *key,
                         double v)
{
    char buf[40];
    if (!isfinite(v)) {
        failf(em, "%s%s: %g is not a finite number", where, key, v);
        return;
    }
    brun_yaml_format_double(v, buf, sizeof buf);
    plain(em, key);
    plain(em, buf);
}

static void bool_field(struct emitter *em, const char *key, int v)
{
    plain(em, key);
    plain(em, v ? "true" : "false");
}

static void write_fingerprint(struct emitter *em,
                              const struct brun_fingerprint *fp)
{
    plain(em, "fingerprint");
    map_start(em, 0);
    text(em, "cpu_model", fp->cpu_model);
    int_field(em, "cpus", fp->cpus);
    text(em, "kernel", fp->kernel);
    text(em, "machine", fp->machine);
    text(em, "compilers", fp->compilers);
    text(em, "git_commit", fp->git_commit[0] ? fp->git_commit : NULL);
    plain(em, "git_dirty");
    plain(em, fp->git_dirty < 0 ? "null" : fp->git_dirty ? "true" : "false");
    text(em, "benchrun_version", fp->benchrun_version);
    text(em, "clock", fp->clock);
    double_field(em, "fingerprint.", "ticks_per_second", fp->ticks_per_second);
    map_end(em);
}

static void write_context(struct emitter *em, const struct brun_context *c)
{
    plain(em, "run");
    map_start(em, 0);
    text(em, "date", c->date);
    uint_field(em, "seed", c->seed);
    text(em, "command_line", c->command_line);
    text(em, "hostname", c->host.hostname);
    double_field(em, "run.", "load_average", c->host.load_average);
    text(em, "governor", c->host.governor);
    int_field(em, "aslr", c->host.aslr);
    plain(em, "warnings");
    seq_start(em, 0);
    for (size_t i = 0; i < c->warning_count && !em->failed; i++) {
        text_value(em, c->warnings[i] ? c->warnings[i] : "");
    }
    seq_end(em);
    map_end(em);

    const struct brun_settings *s = &c->settings;
    plain(em, "settings");
    map_start(em, 0);
    uint_field(em, "rounds", s->rounds);
    uint_field(em, "samples", s->samples);
    double_field(em, "settings.", "warmup_ms", s->warmup_ms);
    double_field(em, "settings.", "sample_ms", s->sample_ms);
    double_field(em, "settings.", "budget_s", s->budget_s);
    double_field(em, "settings.", "timeout_s", s->timeout_s);
    uint_field(em, "iterations", s->iterations);
    bool_field(em, "jitter", s->jitter);
    map_end(em);

    const struct brun_clock_info *k = &c->clock;
    plain(em, "clock");
    map_start(em, 0);
    text(em, "name", brun_clock_name(k->kind));
    double_field(em, "clock.", "ticks_per_second", k->ticks_per_second);
    double_field(em, "clock.", "resolution_ns", k->resolution_ns);
    double_field(em, "clock.", "read_cost_ns", k->read_cost_ns);
    double_field(em, "clock.", "empty_region_ns", k->empty_region_ns);
    bool_field(em, "invariant", k->invariant);
    map_end(em);
}

static void write_targets(struct emitter *em,
                          const struct brun_baseline_doc *doc)
{
    const struct brun_results *r = doc->results;
    char where[64];
    plain(em, "targets");
    seq_start(em, 0);
    for (size_t i = 0; i < r->target_count && !em->failed; i++) {
        const struct brun_target_info *t = &r->targets[i];
        const struct brun_baseline_stored *s = &doc->targets[i];
        snprintf(where, sizeof where, "targets[%zu].", i);
        map_start(em, 0);
        exact(em, where, "path", t->path ? t->path : "");
        text(em, "library_version", t->library_version);
        uint_field(em, "protocol", t->protocol);
        uint_field(em, "case_count", t->case_count);
        text(em, "sha256", s->sha256);
        bool_field(em, "self_contained", s->self_contained);
        text(em, "executable", s->executable[0] ? s->executable : NULL);
        text(em, "not_stored_because",
             s->executable[0] ? NULL : s->not_stored_because);
        map_end(em);
    }
    seq_end(em);
}

static void write_plan(struct emitter *em, const char *where,
                       const struct brun_plan *p)
{
    char at[96];
    snprintf(at, sizeof at, "%splan.", where);
    plain(em, "plan");
    map_start(em, 0);
    uint_field(em, "iterations", p->iterations);
    uint_field(em, "rounds", p->rounds);
    uint_field(em, "samples", p->samples);
    double_field(em, at, "warmup_ms", p->warmup_ms);
    double_field(em, at, "sample_target_ms", p->sample_target_ms);
    bool_field(em, "calibrated", p->calibrated);
    double_field(em, at, "calibration_ns", p->calibration_ns);
    bool_field(em, "budget_limited", p->budget_limited);
    map_end(em);
}

static void write_round(struct emitter *em, const char *where,
                        const struct brun_round_result *r)
{
    char at[128], warm[140];
    snprintf(at, sizeof at, "%srounds[%u].", where, r->index);
    snprintf(warm, sizeof warm, "%swarmup.", at);
    map_start(em, 0);
    uint_field(em, "index", r->index);
    uint_field(em, "iterations", r->iterations);
    plain(em, "warmup");
    map_start(em, 1);
    uint_field(em, "samples", r->warmup_samples);
    double_field(em, warm, "ns", r->warmup_ns);
    bool_field(em, "steady", r->warmup_steady);
    map_end(em);
    double_field(em, at, "mean_ns", r->mean_ns);
    double_field(em, at, "estimate_ns", r->estimate_ns);
    plain(em, "samples");
    seq_start(em, 0);
    for (size_t i = 0; i < r->sample_count && !em->failed; i++) {
        const struct brun_sample_result *s = &r->samples[i];
        const uint64_t raw[5] = {s->iterations, s->ticks, s->paused_ticks,
                                 s->cpu_ns, s->ivcsw};
        char buf[32];
        seq_start(em, 1);
        for (int k = 0; k < 5; k++) {
            snprintf(buf, sizeof buf, "%" PRIu64, raw[k]);
            plain(em, buf);
        }
        seq_end(em);
    }
    seq_end(em);
    map_end(em);
}

/* The case's earlier sessions, oldest first; [] when none. */
static void write_history(struct emitter *em, const char *where,
                          const struct brun_case_result *c)
{
    char at[128];
    plain(em, "history");
    seq_start(em, c->history_count == 0);
    for (size_t i = 0; i < c->history_count && !em->failed; i++) {
        const struct brun_session_summary *h = &c->history[i];
        snprintf(at, sizeof at, "%shistory[%zu].", where, i);
        map_start(em, 0);
        text(em, "saved", h->saved ? h->saved : "");
        text(em, "build", h->build ? h->build : "");
        uint_field(em, "rounds", h->rounds);
        double_field(em, at, "log_mean", h->log_mean);
        double_field(em, at, "log_sd", h->log_sd);
        map_end(em);
    }
    seq_end(em);
}

/* The case's measured metrics by name ({} when none): value, source,
 * running share, and a counter's value in each round. */
static void write_metrics(struct emitter *em, const char *where,
                          const struct brun_case_result *c)
{
    char at[128], buf[40];
    int any = 0;
    for (int m = 0; m < BRUN_METRIC_COUNT; m++)
        any |= c->metrics[m].measured;
    plain(em, "metrics");
    map_start(em, !any);
    for (int m = 0; m < BRUN_METRIC_COUNT && !em->failed; m++) {
        const struct brun_metric *mt = &c->metrics[m];
        const char *name = brun_metric_name((enum brun_metric_id)m);
        if (!mt->measured)
            continue;
        snprintf(at, sizeof at, "%smetrics.%s.", where, name);
        plain(em, name);
        map_start(em, 0);
        double_field(em, at, "value", mt->value);
        text(em, "source", brun_metric_source_name(mt->source));
        double_field(em, at, "running_share", mt->running_share);
        if (mt->per_round) {
            plain(em, "per_round");
            seq_start(em, 1);
            for (size_t k = 0; k < mt->round_count && !em->failed; k++) {
                if (!isfinite(mt->per_round[k])) {
                    failf(em, "%sper_round[%zu]: %g is not a finite number", at,
                          k, mt->per_round[k]);
                    break;
                }
                brun_yaml_format_double(mt->per_round[k], buf, sizeof buf);
                plain(em, buf);
            }
            seq_end(em);
        }
        map_end(em);
    }
    map_end(em);
}

/* The case's user counters by name, written only when it has some (a
 * schema_version 3 file without the key has none): kind, direction and
 * the figure of each round; the summary is recomputed on reading. */
static void write_counters(struct emitter *em, const char *where,
                           const struct brun_case_result *c)
{
    char at[160], buf[40];
    if (c->counter_count == 0)
        return;
    plain(em, "counters");
    map_start(em, 0);
    for (size_t i = 0; i < c->counter_count && !em->failed; i++) {
        const struct brun_user_counter *u = &c->counters[i];
        snprintf(at, sizeof at, "%scounters.%s.", where, u->name);
        plain(em, u->name);
        map_start(em, 0);
        text(em, "kind", brun_counter_kind_name(u->kind));
        bool_field(em, "higher_is_better", u->higher_is_better);
        plain(em, "per_round");
        seq_start(em, 1);
        for (size_t k = 0; k < u->round_count && !em->failed; k++) {
            if (!isfinite(u->per_round[k])) {
                failf(em, "%sper_round[%zu]: %g is not a finite number", at, k,
                      u->per_round[k]);
                break;
            }
            brun_yaml_format_double(u->per_round[k], buf, sizeof buf);
            plain(em, buf);
        }
        seq_end(em);
        map_end(em);
    }
    map_end(em);
}

static void write_cases(struct emitter *em, const struct brun_results *r)
{
    char where[64];
    plain(em, "cases");
    seq_start(em, 0);
    for (size_t i = 0; i < r->case_count && !em->failed; i++) {
        const struct brun_case_result *c = &r->cases[i];
        snprintf(where, sizeof where, "cases[%zu].", i);
        map_start(em, 0);
        exact(em, where, "name", c->name ? c->name : "");
        uint_field(em, "target", c->target);
        text(em, "file", c->file ? c->file : "");
        int_field(em, "line", c->line);
        bool_field(em, "optimized", c->optimized);
        text(em, "compiler", c->compiler ? c->compiler : "");
        text(em, "status", brun_status_name(c->status));
        text(em, "failure",
             c->failure == BRUN_FAILURE_NONE ? NULL
                                             : brun_failure_name(c->failure));
        text(em, "reason", c->reason);
        text(em, "output", c->output);
        double_field(em, where, "bytes_per_iteration", c->bytes_per_iteration);
        double_field(em, where, "items_per_iteration", c->items_per_iteration);
        write_plan(em, where, &c->plan);
        plain(em, "rounds");
        seq_start(em, 0);
        for (size_t k = 0; k < c->round_count && !em->failed; k++)
            write_round(em, where, &c->rounds[k]);
        seq_end(em);
        write_history(em, where, c);
        write_metrics(em, where, c);
        write_counters(em, where, c);
        map_end(em);
    }
    seq_end(em);
}

int brun_baseline_emit(FILE *out, const struct brun_baseline_doc *doc,
                       char *why, size_t why_size)
{
    struct emitter em = {.why = why, .why_size = why_size};
    yaml_event_t ev;

    if (fputs("# benchrun baseline: a saved run that later runs are compared "
              "with.\n"
              "# Written by benchrun --save-baseline; do not edit: it is "
              "checked when\n"
              "# loaded and a hand-edited file is rejected.  Format: "
              "docs/baseline-format.md\n",
              out) == EOF) {
        snprintf(why, why_size, "cannot write the header");
        return -1;
    }
    if (!yaml_emitter_initialize(&em.e)) {
        snprintf(why, why_size,
                 "cannot start the YAML emitter (out of memory)");
        return -1;
    }
    yaml_emitter_set_output_file(&em.e, out);
    yaml_emitter_set_unicode(&em.e, 1);
    yaml_emitter_set_width(&em.e, -1);
    yaml_emitter_set_indent(&em.e, 2);

    emit(&em, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(&em, &ev,
         yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
    map_start(&em, 0);
    text(&em, "schema", BRUN_BASELINE_SCHEMA);
    uint_field(&em, "schema_version", BRUN_BASELINE_SCHEMA_VERSION);
    exact(&em, "", "name", doc->name);
    text(&em, "saved", doc->saved);
    write_fingerprint(&em, doc->fingerprint);
    write_context(&em, &doc->results->context);
    write_targets(&em, doc);
    write_cases(&em, doc->results);
    map_end(&em);
    /* An explicit "..." marks the end, so a cut-off file is recognised. */
    emit(&em, &ev, yaml_document_end_event_initialize(&ev, 0));
    emit(&em, &ev, yaml_stream_end_event_initialize(&ev));
    if (!em.failed && !yaml_emitter_flush(&em.e))
        failf(&em, "cannot write: %s",
              em.e.problem ? em.e.problem : "write error");
    yaml_emitter_delete(&em.e);
    return em.failed ? -1 : 0;
}
