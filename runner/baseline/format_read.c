/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * format_read.c: a baseline file's bytes back into a struct
 * brun_baseline, checking everything (see format.h; the format
 * is docs/baseline-format.md).
 *
 * libyaml's document API builds the tree; this file then walks it with
 * the schema in hand: every key required, no unknown or repeated key, no
 * alias, every scalar of the expected type and range, counts and indexes
 * consistent, each round's mean and 20 % trimmed mean recomputed from its
 * raw samples and compared with the stored ones, each stored executable
 * hashed again.  The first problem found is the error, as "PATH:LINE:
 * KEY: problem".  Summaries are recomputed, never read.  It does not
 * open the store's .yml files or take locks (store.c does), and
 * it writes nothing.
 */
#include "config.h"

#include "runner/baseline/format.h"
#include "runner/measure/estimate.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>


/* Stored and recomputed per-round numbers may differ by this much. */
#define RELATIVE_TOLERANCE 1e-9

struct reader {
    yaml_document_t doc;
    const char *path;
    const char *dir;
    char *why;
    size_t why_size;
    int failed;
    unsigned char *visited; /* per node: reached once already */
    int doc_loaded;         /* doc holds a document to delete */
};

/* value for an error message: printable, at most 60 bytes, quoted. */
static void shown(const char *value, char *out, size_t size)
{
    size_t n = 0, len = strlen(value);
    if (size < 8)
        return;
    out[n++] = '"';
    for (size_t i = 0; i < len && n < size - 6; i++) {
        if (i == 60) {
            memcpy(out + n, "...", 3);
            n += 3;
            break;
        }
        unsigned char c = (unsigned char)value[i];
        out[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    out[n++] = '"';
    out[n] = '\0';
}

/* Records "PATH:LINE: KEY: message" (the first failure wins); returns -1. */
static int vfail(struct reader *rd, size_t line, const char *key,
                 const char *fmt, va_list ap)
{
    char message[512];
    if (rd->failed)
        return -1;
    rd->failed = 1;
    vsnprintf(message, sizeof message, fmt, ap);
    snprintf(rd->why, rd->why_size, "%s:%zu: %s%s%s", rd->path, line, key,
             *key ? ": " : "", message);
    return -1;
}

static int fail_line(struct reader *rd, size_t line, const char *key,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail_line(struct reader *rd, size_t line, const char *key,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(rd, line, key, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail_at(struct reader *rd, const yaml_node_t *node, const char *key,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* As fail_line, at the line where node starts (line 1 for NULL). */
static int fail_at(struct reader *rd, const yaml_node_t *node, const char *key,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(rd, node ? node->start_mark.line + 1 : 1, key, fmt, ap);
    va_end(ap);
    return -1;
}

/* The 1-based line of a mark (a mark at the start of a line after the
 * last one counts as the line before it). */
static size_t line_of(yaml_mark_t m)
{
    if (m.column == 0 && m.line > 0)
        return m.line;
    return m.line + 1;
}

static const char *kind_of(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SEQUENCE_NODE:
        return "a list";
    default:
        return "a single value";
    }
}

static void keyf(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Formats a key path ("cases[2].rounds[0]"); a path too long for out is
 * cut, which only shortens an error message. */
static void keyf(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, size, fmt, ap);
    va_end(ap);
}

/* "where.key", or "key" at the top. */
static void join(char *out, size_t size, const char *where, const char *key)
{
    keyf(out, size, "%s%s%s", where, *where ? "." : "", key);
}

/* The node with this id, reached for the first time. */
static yaml_node_t *node_at(struct reader *rd, int id, const yaml_node_t *from,
                            const char *key)
{
    yaml_node_t *n = yaml_document_get_node(&rd->doc, id);
    if (!n) {
        fail_at(rd, from, key, "dangling YAML node");
        return NULL;
    }
    size_t i = (size_t)(n - rd->doc.nodes.start);
    if (rd->visited[i]) {
        fail_at(rd, from, key, "aliases (*name) are not allowed in a baseline");
        return NULL;
    }
    rd->visited[i] = 1;
    return n;
}

/* Matches a mapping's keys against names[0..n): each exactly once. */
static int fields(struct reader *rd, yaml_node_t *map, const char *where,
                  const char *const names[], size_t n, yaml_node_t *values[])
{
    char key[256];
    if (map->type != YAML_MAPPING_NODE)
        return fail_at(rd, map, where, "expected a mapping, got %s",
                       kind_of(map));
    for (size_t i = 0; i < n; i++)
        values[i] = NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(rd, p->key, map, where);
        if (!k)
            return -1;
        if (k->type != YAML_SCALAR_NODE ||
            strlen((char *)k->data.scalar.value) != k->data.scalar.length)
            return fail_at(rd, k, where, "a key that is not a plain name");
        const char *name = (const char *)k->data.scalar.value;
        join(key, sizeof key, where, name);
        size_t i = 0;
        while (i < n && strcmp(names[i], name) != 0)
            i++;
        if (i == n)
            return fail_at(rd, k, key, "unknown key");
        if (values[i])
            return fail_at(rd, k, key, "duplicate key");
        values[i] = node_at(rd, p->value, k, key);
        if (!values[i])
            return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (!values[i]) {
            join(key, sizeof key, where, names[i]);
            return fail_at(rd, map, key, "missing key");
        }
    return 0;
}

/* The key node of name in map (for errors about a whole list, which
 * starts on the line after its key), or map itself. */
static const yaml_node_t *key_of(struct reader *rd, const yaml_node_t *map,
                                 const char *name)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(&rd->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, name) == 0)
            return k;
    }
    return map;
}

/* The text of a scalar node; plain tells whether it was unquoted. */
static int scalar(struct reader *rd, yaml_node_t *n, const char *key,
                  const char **value, int *plain)
{
    if (n->type != YAML_SCALAR_NODE)
        return fail_at(rd, n, key, "expected a single value, got %s",
                       kind_of(n));
    if (strlen((char *)n->data.scalar.value) != n->data.scalar.length)
        return fail_at(rd, n, key, "contains a NUL character");
    *value = (const char *)n->data.scalar.value;
    *plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return 0;
}

static int is_null(yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE &&
           n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           brun_yaml_plain_kind((char *)n->data.scalar.value) == BRUN_YAML_NULL;
}

static const char *plain_kind_name(enum brun_yaml_plain k)
{
    switch (k) {
    case BRUN_YAML_NULL:
        return "null";
    case BRUN_YAML_BOOL:
        return "a boolean";
    case BRUN_YAML_INT:
    case BRUN_YAML_FLOAT:
        return "a number";
    case BRUN_YAML_STR:
        break;
    }
    return "a string";
}

/* A string; NULL for null when nullable.  *out is allocated. */
static int get_string(struct reader *rd, yaml_node_t *n, const char *key,
                      int nullable, char **out)
{
    const char *v;
    int plain;
    char buf[80];
    *out = NULL;
    if (nullable && is_null(n))
        return 0;
    if (scalar(rd, n, key, &v, &plain) != 0)
        return -1;
    enum brun_yaml_plain kind = plain ? brun_yaml_plain_kind(v) : BRUN_YAML_STR;
    if (kind != BRUN_YAML_STR) {
        shown(v, buf, sizeof buf);
        return fail_at(rd, n, key, "expected a string, got %s (%s)",
                       plain_kind_name(kind), buf);
    }
    *out = strdup(v);
    if (!*out)
        return fail_at(rd, n, key, "out of memory");
    return 0;
}

/* A string into a fixed buffer; "" for null when nullable. */
static int get_text(struct reader *rd, yaml_node_t *n, const char *key,
                    int nullable, char *out, size_t size)
{
    char *s;
    if (get_string(rd, n, key, nullable, &s) != 0)
        return -1;
    if (s && strlen(s) >= size) {
        free(s);
        return fail_at(rd, n, key, "longer than %zu bytes", size - 1);
    }
    snprintf(out, size, "%s", s ? s : "");
    free(s);
    return 0;
}

static int get_uint(struct reader *rd, yaml_node_t *n, const char *key,
                    uint64_t max, uint64_t *out)
{
    const char *v;
    int plain;
    char buf[80], *end;
    if (scalar(rd, n, key, &v, &plain) != 0)
        return -1;
    shown(v, buf, sizeof buf);
    if (!plain || v[0] < '0' || v[0] > '9' || v[strspn(v, "0123456789")])
        return fail_at(rd, n, key, "expected a whole number >= 0, got %s", buf);
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (errno != 0 || *end || x > max)
        return fail_at(rd, n, key, "%s is out of range (at most %" PRIu64 ")",
                       buf, max);
    *out = x;
    return 0;
}

static int get_unsigned(struct reader *rd, yaml_node_t *n, const char *key,
                        unsigned *out)
{
    uint64_t v;
    if (get_uint(rd, n, key, UINT_MAX, &v) != 0)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int get_int(struct reader *rd, yaml_node_t *n, const char *key,
                   long min, long max, int *out)
{
    const char *v;
    int plain;
    char buf[80], *end;
    if (scalar(rd, n, key, &v, &plain) != 0)
        return -1;
    shown(v, buf, sizeof buf);
    const char *digits = v[0] == '-' ? v + 1 : v;
    if (!plain || digits[0] < '0' || digits[0] > '9' ||
        digits[strspn(digits, "0123456789")])
        return fail_at(rd, n, key, "expected a whole number, got %s", buf);
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno != 0 || *end || x < min || x > max)
        return fail_at(rd, n, key, "%s is out of range (%ld to %ld)", buf, min,
                       max);
    *out = (int)x;
    return 0;
}

/* A finite number >= min. */
static int get_double(struct reader *rd, yaml_node_t *n, const char *key,
                      double min, double *out)
{
    const char *v;
    int plain;
    char buf[80];
    double x;
    if (scalar(rd, n, key, &v, &plain) != 0)
        return -1;
    shown(v, buf, sizeof buf);
    if (!plain || brun_yaml_parse_double(v, &x) != 0)
        return fail_at(rd, n, key, "expected a finite number, got %s", buf);
    if (x < min)
        return fail_at(rd, n, key, "%s is below the smallest allowed, %g", buf,
                       min);
    *out = x;
    return 0;
}

static int get_bool(struct reader *rd, yaml_node_t *n, const char *key, int *out)
{
    const char *v;
    int plain;
    char buf[80];
    if (scalar(rd, n, key, &v, &plain) != 0)
        return -1;
    if (plain && strcmp(v, "true") == 0) {
        *out = 1;
        return 0;
    }
    if (plain && strcmp(v, "false") == 0) {
        *out = 0;
        return 0;
    }
    shown(v, buf, sizeof buf);
    return fail_at(rd, n, key, "expected true or false, got %s", buf);
}

static int get_list(struct reader *rd, yaml_node_t *n, const char *key,
                    size_t *count)
{
    if (n->type != YAML_SEQUENCE_NODE)
        return fail_at(rd, n, key, "expected a list, got %s", kind_of(n));
    *count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    return 0;
}

static int is_hex(const char *s, size_t len)
{
    return strlen(s) == len && strspn(s, "0123456789abcdef") == len;
}

static int clock_kind(const char *name, enum brun_clock_kind *out)
{
    const enum brun_clock_kind kinds[] = {BRUN_CLOCK_MONOTONIC, BRUN_CLOCK_TSC,
                                          BRUN_CLOCK_CNTVCT};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(name, brun_clock_name(kinds[i])) == 0) {
            *out = kinds[i];
            return 0;
        }
    return -1;
}

/* The fingerprint: the host's description lands in results too. */
static int read_fingerprint(struct reader *rd, yaml_node_t *map,
                            struct brun_baseline *b)
{
    static const char *const names[] = {
        "cpu_model", "cpus", "kernel", "machine", "compilers", "git_commit",
        "git_dirty", "benchrun_version", "clock", "ticks_per_second"};
    yaml_node_t *v[10];
    struct brun_fingerprint *fp = &b->fingerprint;
    struct brun_host *h = &b->results.context.host;
    enum brun_clock_kind kind;
    if (fields(rd, map, "fingerprint", names, 10, v) != 0 ||
        get_text(rd, v[0], "fingerprint.cpu_model", 0, fp->cpu_model,
                 sizeof fp->cpu_model) != 0 ||
        get_int(rd, v[1], "fingerprint.cpus", 0, INT_MAX, &fp->cpus) != 0 ||
        get_text(rd, v[2], "fingerprint.kernel", 0, fp->kernel,
                 sizeof fp->kernel) != 0 ||
        get_text(rd, v[3], "fingerprint.machine", 0, fp->machine,
                 sizeof fp->machine) != 0 ||
        get_text(rd, v[4], "fingerprint.compilers", 0, fp->compilers,
                 sizeof fp->compilers) != 0 ||
        get_text(rd, v[5], "fingerprint.git_commit", 1, fp->git_commit,
                 sizeof fp->git_commit) != 0 ||
        get_text(rd, v[7], "fingerprint.benchrun_version", 0,
                 fp->benchrun_version, sizeof fp->benchrun_version) != 0 ||
        get_text(rd, v[8], "fingerprint.clock", 0, fp->clock,
                 sizeof fp->clock) != 0 ||
        get_double(rd, v[9], "fingerprint.ticks_per_second", 0,
                   &fp->ticks_per_second) != 0)
        return -1;
    if (fp->git_commit[0] && !is_hex(fp->git_commit, 40) &&
        !is_hex(fp->git_commit, 64))
        return fail_at(rd, v[5], "fingerprint.git_commit",
                       "expected 40 or 64 lowercase hex digits or null");
    fp->git_dirty = -1;
    if (!is_null(v[6]) &&
        get_bool(rd, v[6], "fingerprint.git_dirty", &fp->git_dirty) != 0)
        return -1;
    if ((fp->git_dirty < 0) != (fp->git_commit[0] == '\0'))
        return fail_at(rd, v[6], "fingerprint.git_dirty",
                       "must be null exactly when git_commit is null");
    if (clock_kind(fp->clock, &kind) != 0)
        return fail_at(rd, v[8], "fingerprint.clock",
                       "expected tsc, cntvct or monotonic");
    snprintf(h->cpu_model, sizeof h->cpu_model, "%s", fp->cpu_model);
    h->cpus = fp->cpus;
    snprintf(h->kernel, sizeof h->kernel, "%s", fp->kernel);
    snprintf(h->machine, sizeof h->machine, "%s", fp->machine);
    b->version_storage = strdup(fp->benchrun_version);
    if (!b->version_storage)
        return fail_at(rd, map, "fingerprint", "out of memory");
    b->results.context.benchrun_version = b->version_storage;
    return 0;
}

static int read_run(struct reader *rd, yaml_node_t *map, struct brun_context *c)
{
    static const char *const names[] = {"date",     "seed",         "command_line",
                                        "hostname", "load_average", "governor",
                                        "aslr",     "warnings"};
    yaml_node_t *v[8];
    uint64_t seed;
    size_t count = 0;
    char key[64];
    if (fields(rd, map, "run", names, 8, v) != 0 ||
        get_text(rd, v[0], "run.date", 0, c->date, sizeof c->date) != 0 ||
        get_uint(rd, v[1], "run.seed", UINT64_MAX, &seed) != 0 ||
        get_string(rd, v[2], "run.command_line", 1, &c->command_line) != 0 ||
        get_text(rd, v[3], "run.hostname", 0, c->host.hostname,
                 sizeof c->host.hostname) != 0 ||
        get_double(rd, v[4], "run.load_average", 0, &c->host.load_average) != 0 ||
        get_text(rd, v[5], "run.governor", 0, c->host.governor,
                 sizeof c->host.governor) != 0 ||
        get_int(rd, v[6], "run.aslr", -1, 9, &c->host.aslr) != 0 ||
        get_list(rd, v[7], "run.warnings", &count) != 0)
        return -1;
    c->seed = seed;
    c->warnings = calloc(count ? count : 1, sizeof *c->warnings);
    if (!c->warnings)
        return fail_at(rd, v[7], "run.warnings", "out of memory");
    for (size_t i = 0; i < count; i++) {
        keyf(key, sizeof key, "run.warnings[%zu]", i);
        yaml_node_t *item = node_at(rd, v[7]->data.sequence.items.start[i], v[7], key);
        if (!item || get_string(rd, item, key, 0, &c->warnings[i]) != 0)
            return -1;
        c->warning_count = i + 1;
    }
    return 0;
}

static int read_settings(struct reader *rd, yaml_node_t *map,
                         struct brun_settings *s)
{
    static const char *const names[] = {"rounds",    "samples",    "warmup_ms",
                                        "sample_ms", "budget_s",   "timeout_s",
                                        "iterations", "jitter"};
    yaml_node_t *v[8];
    uint64_t iterations;
    if (fields(rd, map, "settings", names, 8, v) != 0 ||
        get_unsigned(rd, v[0], "settings.rounds", &s->rounds) != 0 ||
        get_unsigned(rd, v[1], "settings.samples", &s->samples) != 0 ||
        get_double(rd, v[2], "settings.warmup_ms", 0, &s->warmup_ms) != 0 ||
        get_double(rd, v[3], "settings.sample_ms", 0, &s->sample_ms) != 0 ||
        get_double(rd, v[4], "settings.budget_s", 0, &s->budget_s) != 0 ||
        get_double(rd, v[5], "settings.timeout_s", 0, &s->timeout_s) != 0 ||
        get_uint(rd, v[6], "settings.iterations", UINT64_MAX, &iterations) != 0 ||
        get_bool(rd, v[7], "settings.jitter", &s->jitter) != 0)
        return -1;
    s->iterations = iterations;
    return 0;
}

static int read_clock(struct reader *rd, yaml_node_t *map,
                      struct brun_baseline *b)
{
    static const char *const names[] = {"name",         "ticks_per_second",
                                        "resolution_ns", "read_cost_ns",
                                        "empty_region_ns", "invariant"};
    yaml_node_t *v[6];
    char name[16];
    struct brun_clock_info *k = &b->results.context.clock;
    if (fields(rd, map, "clock", names, 6, v) != 0 ||
        get_text(rd, v[0], "clock.name", 0, name, sizeof name) != 0 ||
        get_double(rd, v[1], "clock.ticks_per_second", 0,
                   &k->ticks_per_second) != 0 ||
        get_double(rd, v[2], "clock.resolution_ns", 0, &k->resolution_ns) != 0 ||
        get_double(rd, v[3], "clock.read_cost_ns", 0, &k->read_cost_ns) != 0 ||
        get_double(rd, v[4], "clock.empty_region_ns", 0, &k->empty_region_ns) != 0 ||
        get_bool(rd, v[5], "clock.invariant", &k->invariant) != 0)
        return -1;
    if (clock_kind(name, &k->kind) != 0)
        return fail_at(rd, v[0], "clock.name", "expected tsc, cntvct or monotonic");
    if (k->ticks_per_second <= 0)
        return fail_at(rd, v[1], "clock.ticks_per_second", "must be above 0");
    if (strcmp(name, b->fingerprint.clock) != 0)
        return fail_at(rd, v[0], "clock.name",
                       "%s differs from fingerprint.clock %s", name,
                       b->fingerprint.clock);
    if (k->ticks_per_second != b->fingerprint.ticks_per_second)
        return fail_at(rd, v[1], "clock.ticks_per_second",
                       "%.17g differs from fingerprint.ticks_per_second %.17g",
                       k->ticks_per_second, b->fingerprint.ticks_per_second);
    return 0;
}

/* Checks a stored copy of an executable and records its absolute path. */
static int check_stored(struct reader *rd, yaml_node_t *n, const char *key,
                        const char *relative, const char *sha256, char **out)
{
    char path[4096], hex[BRUN_SHA256_HEX_SIZE];
    snprintf(path, sizeof path, "%s/%s", rd->dir, relative);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail_at(rd, n, key, "the stored copy %s cannot be opened: %s",
                       path, strerror(errno));
    int r = brun_sha256_fd(fd, hex);
    int saved = errno;
    close(fd);
    if (r != 0)
        return fail_at(rd, n, key, "the stored copy %s cannot be read: %s",
                       path, strerror(saved));
    if (strcmp(hex, sha256) != 0)
        return fail_at(rd, n, key,
                       "the stored copy %s no longer matches its sha256 "
                       "(it hashes to %s)",
                       path, hex);
    *out = realpath(path, NULL);
    if (!*out)
        return fail_at(rd, n, key, "cannot resolve %s: %s", path,
                       strerror(errno));
    return 0;
}

static int read_target(struct reader *rd, yaml_node_t *map, size_t i,
                       struct brun_baseline *b)
{
    static const char *const names[] = {
        "path",   "library_version", "protocol",   "case_count",
        "sha256", "self_contained",  "executable", "not_stored_because"};
    yaml_node_t *v[8];
    char where[48], key[8][96];
    uint64_t protocol, case_count;
    char *executable = NULL;
    struct brun_target_info *t = &b->results.targets[i];
    struct brun_baseline_target *s = &b->targets[i];

    keyf(where, sizeof where, "targets[%zu]", i);
    for (int k = 0; k < 8; k++)
        join(key[k], sizeof key[k], where, names[k]);
    if (fields(rd, map, where, names, 8, v) != 0 ||
        get_string(rd, v[0], key[0], 0, &t->path) != 0 ||
        get_string(rd, v[1], key[1], 1, &t->library_version) != 0 ||
        get_uint(rd, v[2], key[2], UINT_MAX, &protocol) != 0 ||
        get_uint(rd, v[3], key[3], SIZE_MAX, &case_count) != 0 ||
        get_text(rd, v[4], key[4], 0, s->sha256, sizeof s->sha256) != 0 ||
        get_bool(rd, v[5], key[5], &s->self_contained) != 0 ||
        get_string(rd, v[6], key[6], 1, &executable) != 0 ||
        get_string(rd, v[7], key[7], 1, &s->not_stored_because) != 0)
        goto out;
    t->protocol = (unsigned)protocol;
    t->case_count = (size_t)case_count;
    if (!t->path[0]) {
        fail_at(rd, v[0], key[0], "must not be empty");
        goto out;
    }
    if (!is_hex(s->sha256, 64)) {
        fail_at(rd, v[4], key[4], "expected 64 lowercase hex digits");
        goto out;
    }
    if (!executable) {
        if (!s->not_stored_because)
            fail_at(rd, v[7], key[7], "must say why when executable is null");
        else
            b->executables[i] = NULL;
        goto out;
    }
    if (s->not_stored_because) {
        fail_at(rd, v[7], key[7], "must be null when a copy is stored");
        goto out;
    }
    if (!s->self_contained) {
        fail_at(rd, v[6], key[6],
                "a copy is stored but the target is not self-contained");
        goto out;
    }
    if (strncmp(executable, "bin/", 4) != 0 || strcmp(executable + 4, s->sha256) != 0) {
        fail_at(rd, v[6], key[6], "expected bin/ followed by the sha256 (%s)",
                s->sha256);
        goto out;
    }
    check_stored(rd, v[6], key[6], executable, s->sha256, &b->executables[i]);
out:
    free(executable);
    return rd->failed ? -1 : 0;
}

static int read_targets(struct reader *rd, yaml_node_t *list,
                        struct brun_baseline *b)
{
    size_t count = 0;
    char key[48];
    if (get_list(rd, list, "targets", &count) != 0)
        return -1;
    b->results.targets = calloc(count ? count : 1, sizeof *b->results.targets);
    b->targets = calloc(count ? count : 1, sizeof *b->targets);
    b->executables = calloc(count ? count : 1, sizeof *b->executables);
    if (!b->results.targets || !b->targets || !b->executables)
        return fail_at(rd, list, "targets", "out of memory");
    b->results.target_count = count;
    for (size_t i = 0; i < count; i++) {
        keyf(key, sizeof key, "targets[%zu]", i);
        yaml_node_t *item = node_at(rd, list->data.sequence.items.start[i], list, key);
        if (!item || read_target(rd, item, i, b) != 0)
            return -1;
    }
    return 0;
}

static int read_plan(struct reader *rd, yaml_node_t *map, const char *where,
                     struct brun_plan *p)
{
    static const char *const names[] = {
        "iterations", "rounds",     "samples",        "warmup_ms",
        "sample_target_ms", "calibrated", "calibration_ns", "budget_limited"};
    yaml_node_t *v[8];
    char at[96], key[8][128];
    uint64_t iterations;
    keyf(at, sizeof at, "%s.plan", where);
    for (int k = 0; k < 8; k++)
        join(key[k], sizeof key[k], at, names[k]);
    if (fields(rd, map, at, names, 8, v) != 0 ||
        get_uint(rd, v[0], key[0], UINT64_MAX, &iterations) != 0 ||
        get_unsigned(rd, v[1], key[1], &p->rounds) != 0 ||
        get_unsigned(rd, v[2], key[2], &p->samples) != 0 ||
        get_double(rd, v[3], key[3], 0, &p->warmup_ms) != 0 ||
        get_double(rd, v[4], key[4], 0, &p->sample_target_ms) != 0 ||
        get_bool(rd, v[5], key[5], &p->calibrated) != 0 ||
        get_double(rd, v[6], key[6], 0, &p->calibration_ns) != 0 ||
        get_bool(rd, v[7], key[7], &p->budget_limited) != 0)
        return -1;
    p->iterations = iterations;
    return 0;
}

/* stored within RELATIVE_TOLERANCE of computed. */
static int agrees(double stored, double computed)
{
    return fabs(stored - computed) <= RELATIVE_TOLERANCE * fabs(computed);
}

static int read_sample(struct reader *rd, yaml_node_t *n, const char *key,
                       const struct brun_clock_info *clock,
                       struct brun_sample_result *s)
{
    static const char *const parts[] = {"iterations", "ticks", "paused_ticks",
                                        "cpu_ns", "ivcsw"};
    uint64_t raw[5];
    char at[192];
    if (n->type != YAML_SEQUENCE_NODE ||
        n->data.sequence.items.top - n->data.sequence.items.start != 5)
        return fail_at(rd, n, key,
                       "expected [iterations, ticks, paused_ticks, cpu_ns, ivcsw]");
    for (int k = 0; k < 5; k++) {
        keyf(at, sizeof at, "%s.%s", key, parts[k]);
        yaml_node_t *item = node_at(rd, n->data.sequence.items.start[k], n, at);
        if (!item || get_uint(rd, item, at, UINT64_MAX, &raw[k]) != 0)
            return -1;
    }
    if (raw[0] == 0)
        return fail_at(rd, n, key, "a sample of 0 iterations");
    s->iterations = raw[0];
    s->ticks = raw[1];
    s->paused_ticks = raw[2];
    s->cpu_ns = raw[3];
    s->ivcsw = raw[4];
    /* Recomputed as runner/measure/measure.c computes it, never read. */
    s->ns_per_iteration = brun_clock_ticks_to_ns(clock, (double)s->ticks) /
                          (double)s->iterations;
    return 0;
}

static int read_round(struct reader *rd, yaml_node_t *map, const char *where,
                      const struct brun_plan *plan,
                      const struct brun_clock_info *clock,
                      struct brun_round_result *r)
{
    static const char *const names[] = {"index",   "iterations",  "warmup",
                                        "mean_ns", "estimate_ns", "samples"};
    static const char *const warm_names[] = {"samples", "ns", "steady"};
    yaml_node_t *v[6], *w[3];
    char key[6][160], warm[3][176], at[192];
    uint64_t iterations, warm_samples;
    size_t count = 0;
    unsigned index;

    for (int k = 0; k < 6; k++)
        join(key[k], sizeof key[k], where, names[k]);
    for (int k = 0; k < 3; k++)
        join(warm[k], sizeof warm[k], key[2], warm_names[k]);
    if (fields(rd, map, where, names, 6, v) != 0 ||
        get_unsigned(rd, v[0], key[0], &index) != 0 ||
        get_uint(rd, v[1], key[1], UINT64_MAX, &iterations) != 0 ||
        fields(rd, v[2], key[2], warm_names, 3, w) != 0 ||
        get_uint(rd, w[0], warm[0], UINT_MAX, &warm_samples) != 0 ||
        get_double(rd, w[1], warm[1], 0, &r->warmup_ns) != 0 ||
        get_bool(rd, w[2], warm[2], &r->warmup_steady) != 0 ||
        get_double(rd, v[3], key[3], 0, &r->mean_ns) != 0 ||
        get_double(rd, v[4], key[4], 0, &r->estimate_ns) != 0 ||
        get_list(rd, v[5], key[5], &count) != 0)
        return -1;
    if (index != r->index)
        return fail_at(rd, v[0], key[0], "is %u, expected %u (rounds in order)",
                       index, r->index);
    r->iterations = iterations;
    r->warmup_samples = (unsigned)warm_samples;
    if (count != plan->samples)
        return fail_at(rd, key_of(rd, map, "samples"), key[5],
                       "%zu samples, but plan.samples is %u",
                       count, plan->samples);
    r->samples = calloc(count ? count : 1, sizeof *r->samples);
    if (!r->samples)
        return fail_at(rd, v[5], key[5], "out of memory");
    r->sample_count = count;
    for (size_t i = 0; i < count; i++) {
        keyf(at, sizeof at, "%s[%zu]", key[5], i);
        yaml_node_t *item = node_at(rd, v[5]->data.sequence.items.start[i], v[5], at);
        if (!item || read_sample(rd, item, at, clock, &r->samples[i]) != 0)
            return -1;
    }
    /* Recompute as the measurement did (runner/measure/estimate.c) and compare. */
    double stored_mean = r->mean_ns, stored_estimate = r->estimate_ns;
    brun_round_estimate(r, clock->ticks_per_second);
    if (!agrees(stored_mean, r->mean_ns))
        return fail_at(rd, v[3], key[3],
                       "%.17g does not match the mean of its samples (%.17g)",
                       stored_mean, r->mean_ns);
    if (!agrees(stored_estimate, r->estimate_ns))
        return fail_at(rd, v[4], key[4],
                       "%.17g does not match the 20 %% trimmed mean of its "
                       "samples (%.17g)",
                       stored_estimate, r->estimate_ns);
    return 0;
}

static int status_of(const char *s, enum brun_case_status *out)
{
    const enum brun_case_status all[] = {BRUN_STATUS_OK, BRUN_STATUS_FAILED,
                                         BRUN_STATUS_SKIPPED};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(s, brun_status_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    return -1;
}

static int failure_of(const char *s, enum brun_failure_kind *out)
{
    const enum brun_failure_kind all[] = {
        BRUN_FAILURE_REPORTED, BRUN_FAILURE_MISUSE,  BRUN_FAILURE_SIGNAL,
        BRUN_FAILURE_EXIT,     BRUN_FAILURE_TIMEOUT, BRUN_FAILURE_PROTOCOL};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(s, brun_failure_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    return -1;
}

static int read_case(struct reader *rd, yaml_node_t *map, size_t i,
                     struct brun_baseline *b)
{
    static const char *const names[] = {
        "name",   "target",  "file",   "line",   "optimized",
        "compiler", "status", "failure", "reason", "output",
        "bytes_per_iteration", "items_per_iteration", "plan", "rounds"};
    enum { N = sizeof names / sizeof names[0] };
    yaml_node_t *v[N];
    char where[48], key[N][96], status[16], failure[16], at[96];
    uint64_t target;
    size_t count = 0;
    struct brun_case_result *c = &b->results.cases[i];
    const struct brun_clock_info *clock = &b->results.context.clock;

    keyf(where, sizeof where, "cases[%zu]", i);
    for (int k = 0; k < N; k++)
        join(key[k], sizeof key[k], where, names[k]);
    if (fields(rd, map, where, names, N, v) != 0 ||
        get_string(rd, v[0], key[0], 0, &c->name) != 0 ||
        get_uint(rd, v[1], key[1], SIZE_MAX, &target) != 0 ||
        get_string(rd, v[2], key[2], 0, &c->file) != 0 ||
        get_int(rd, v[3], key[3], 0, INT_MAX, &c->line) != 0 ||
        get_bool(rd, v[4], key[4], &c->optimized) != 0 ||
        get_string(rd, v[5], key[5], 0, &c->compiler) != 0 ||
        get_text(rd, v[6], key[6], 0, status, sizeof status) != 0 ||
        get_text(rd, v[7], key[7], 1, failure, sizeof failure) != 0 ||
        get_string(rd, v[8], key[8], 1, &c->reason) != 0 ||
        get_string(rd, v[9], key[9], 1, &c->output) != 0 ||
        get_double(rd, v[10], key[10], 0, &c->bytes_per_iteration) != 0 ||
        get_double(rd, v[11], key[11], 0, &c->items_per_iteration) != 0 ||
        read_plan(rd, v[12], where, &c->plan) != 0 ||
        get_list(rd, v[13], key[13], &count) != 0)
        return -1;
    if (!c->name[0])
        return fail_at(rd, v[0], key[0], "must not be empty");
    if (target >= b->results.target_count)
        return fail_at(rd, v[1], key[1], "%" PRIu64 " is out of range (%zu targets)",
                       target, b->results.target_count);
    c->target = (size_t)target;
    if (status_of(status, &c->status) != 0)
        return fail_at(rd, v[6], key[6], "expected ok, failed or skipped");
    c->failure = BRUN_FAILURE_NONE;
    if (failure[0] && failure_of(failure, &c->failure) != 0)
        return fail_at(rd, v[7], key[7],
                       "expected null, reported, misuse, signal, exit, timeout "
                       "or protocol");
    if (c->status == BRUN_STATUS_OK && c->failure != BRUN_FAILURE_NONE)
        return fail_at(rd, v[7], key[7], "must be null when status is ok");
    if (count > 0 && c->plan.samples == 0)
        return fail_at(rd, v[12], key[12], "samples is 0 but there are rounds");
    if (count > c->plan.rounds ||
        (c->status == BRUN_STATUS_OK && (count != c->plan.rounds || count == 0)))
        return fail_at(rd, key_of(rd, map, "rounds"), key[13],
                       "%zu rounds, but plan.rounds is %u and status is %s",
                       count, c->plan.rounds, status);
    c->rounds = calloc(count ? count : 1, sizeof *c->rounds);
    if (!c->rounds)
        return fail_at(rd, v[13], key[13], "out of memory");
    for (size_t k = 0; k < count; k++) {
        keyf(at, sizeof at, "%s[%zu]", key[13], k);
        yaml_node_t *item = node_at(rd, v[13]->data.sequence.items.start[k], v[13], at);
        c->round_count = k + 1;
        c->rounds[k].index = (unsigned)k;
        if (!item ||
            read_round(rd, item, at, &c->plan, clock, &c->rounds[k]) != 0)
            return -1;
    }
    if (c->status == BRUN_STATUS_OK && brun_case_summarize(c) != 0)
        return fail_at(rd, map, where, "out of memory");
    return 0;
}

struct named_line {
    const char *name;
    const yaml_node_t *node;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct named_line *)a)->name,
                  ((const struct named_line *)b)->name);
}

static int read_cases(struct reader *rd, yaml_node_t *list,
                      struct brun_baseline *b)
{
    size_t count = 0;
    char key[48];
    if (get_list(rd, list, "cases", &count) != 0)
        return -1;
    b->results.cases = calloc(count ? count : 1, sizeof *b->results.cases);
    struct named_line *seen = calloc(count ? count : 1, sizeof *seen);
    if (!b->results.cases || !seen) {
        free(seen);
        return fail_at(rd, list, "cases", "out of memory");
    }
    for (size_t i = 0; i < count; i++) {
        keyf(key, sizeof key, "cases[%zu]", i);
        yaml_node_t *item = node_at(rd, list->data.sequence.items.start[i], list, key);
        b->results.case_count = i + 1;
        if (!item || read_case(rd, item, i, b) != 0) {
            free(seen);
            return -1;
        }
        seen[i].name = b->results.cases[i].name;
        seen[i].node = item;
    }
    qsort(seen, count, sizeof *seen, by_name);
    for (size_t i = 1; i < count; i++)
        if (strcmp(seen[i].name, seen[i - 1].name) == 0) {
            const yaml_node_t *later = seen[i].node->start_mark.index >
                                               seen[i - 1].node->start_mark.index
                                           ? seen[i].node
                                           : seen[i - 1].node;
            char name[80];
            shown(seen[i].name, name, sizeof name);
            fail_at(rd, later, "cases", "duplicate case name %s", name);
            break;
        }
    free(seen);
    return rd->failed ? -1 : 0;
}

/* The value of a top-level key, without marking it (for the early schema
 * checks), or NULL. */
static yaml_node_t *peek(struct reader *rd, yaml_node_t *map, const char *name)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&rd->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE &&
            strcmp((char *)k->data.scalar.value, name) == 0)
            return yaml_document_get_node(&rd->doc, p->value);
    }
    return NULL;
}

/* Schema, version and completeness, before anything else is looked at:
 * a newer file should say "newer", not "unknown key". */
static int check_identity(struct reader *rd, yaml_node_t *root)
{
    char buf[80];
    yaml_node_t *schema = peek(rd, root, "schema");
    yaml_node_t *version = peek(rd, root, "schema_version");
    if (!schema || schema->type != YAML_SCALAR_NODE)
        return fail_at(rd, schema ? schema : root, "schema",
                       "missing; not a benchrun baseline file");
    if (strcmp((char *)schema->data.scalar.value, BRUN_BASELINE_SCHEMA) != 0) {
        shown((char *)schema->data.scalar.value, buf, sizeof buf);
        return fail_at(rd, schema, "schema", "expected %s, got %s",
                       BRUN_BASELINE_SCHEMA, buf);
    }
    if (version && version->type == YAML_SCALAR_NODE &&
        strcmp((char *)version->data.scalar.value, "1") != 0) {
        shown((char *)version->data.scalar.value, buf, sizeof buf);
        return fail_at(rd, version, "schema_version",
                       "this benchrun reads version %d, the file has %s",
                       BRUN_BASELINE_SCHEMA_VERSION, buf);
    }
    if (rd->doc.end_implicit)
        return fail_line(rd, line_of(rd->doc.end_mark), "",
                         "the file is cut short: the end marker \"...\" is "
                         "missing");
    return 0;
}

static int read_top(struct reader *rd, yaml_node_t *root, const char *expected,
                    struct brun_baseline *b)
{
    static const char *const names[] = {"schema",   "schema_version", "name",
                                        "saved",    "fingerprint",    "run",
                                        "settings", "clock",          "targets",
                                        "cases"};
    yaml_node_t *v[10];
    char schema[32], why[128];
    uint64_t version;
    if (root->type != YAML_MAPPING_NODE)
        return fail_at(rd, root, "",
                       "not a benchrun baseline: the top level is %s, not a "
                       "mapping",
                       kind_of(root));
    if (check_identity(rd, root) != 0 ||
        fields(rd, root, "", names, 10, v) != 0 ||
        get_text(rd, v[0], "schema", 0, schema, sizeof schema) != 0 ||
        get_uint(rd, v[1], "schema_version", UINT_MAX, &version) != 0 ||
        get_string(rd, v[2], "name", 0, &b->name) != 0 ||
        get_text(rd, v[3], "saved", 0, b->saved, sizeof b->saved) != 0)
        return -1;
    if (!brun_baseline_name_valid(b->name, why, sizeof why))
        return fail_at(rd, v[2], "name", "%s", why);
    if (expected && strcmp(b->name, expected) != 0)
        return fail_at(rd, v[2], "name",
                       "the file says \"%s\" but is stored as \"%s\"", b->name,
                       expected);
    if (strlen(b->saved) != 20 || b->saved[4] != '-' || b->saved[10] != 'T' ||
        b->saved[19] != 'Z')
        return fail_at(rd, v[3], "saved",
                       "expected a UTC time such as 2024-01-31T12:00:00Z");
    if (read_fingerprint(rd, v[4], b) != 0 ||
        read_run(rd, v[5], &b->results.context) != 0 ||
        read_settings(rd, v[6], &b->results.context.settings) != 0 ||
        read_clock(rd, v[7], b) != 0 || read_targets(rd, v[8], b) != 0 ||
        read_cases(rd, v[9], b) != 0)
        return -1;
    return 0;
}

/* Loads the single document of the file, or says why not. */
static yaml_node_t *load_document(struct reader *rd, const char *text,
                                  size_t size)
{
    yaml_parser_t parser;
    yaml_document_t extra;
    yaml_node_t *root = NULL;

    if (!yaml_parser_initialize(&parser)) {
        fail_at(rd, NULL, "", "cannot start the YAML parser (out of memory)");
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, size);
    if (!yaml_parser_load(&parser, &rd->doc)) {
        size_t line = parser.problem_mark.line + 1;
        if (parser.error == YAML_READER_ERROR) { /* only an offset is known */
            line = 1;
            for (size_t i = 0; i < parser.problem_offset && i < size; i++)
                line += text[i] == '\n';
        }
        fail_line(rd, line, "", "not valid YAML: %s%s%s",
                parser.problem ? parser.problem : "parse error",
                parser.context ? " " : "", parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        return NULL;
    }
    rd->doc_loaded = 1;
    root = yaml_document_get_root_node(&rd->doc);
    if (!root) {
        fail_at(rd, NULL, "", "empty: no YAML document, not a baseline file");
        yaml_parser_delete(&parser);
        return NULL;
    }
    if (!yaml_parser_load(&parser, &extra)) {
        fail_line(rd, parser.problem_mark.line + 1, "",
                  "not valid YAML after the document: %s",
                parser.problem ? parser.problem : "parse error");
        root = NULL;
    } else {
        if (yaml_document_get_root_node(&extra)) {
            fail_line(rd, extra.start_mark.line + 1, "",
                      "a second YAML document after the end marker");
            root = NULL;
        }
        yaml_document_delete(&extra);
    }
    yaml_parser_delete(&parser);
    return root;
}

int brun_baseline_parse(const char *text, size_t size, const char *path,
                        const char *dir, const char *expected_name,
                        struct brun_baseline *out, char *why, size_t why_size)
{
    struct reader rd = {.path = path, .dir = dir, .why = why,
                        .why_size = why_size};
    struct brun_c_locale locale;

    memset(out, 0, sizeof *out);
    if (brun_yaml_enter_c_locale(&locale, why, why_size) != 0)
        return -1;
    memset(&rd.doc, 0, sizeof rd.doc);
    yaml_node_t *root = load_document(&rd, text, size);
    if (root) {
        size_t nodes = (size_t)(rd.doc.nodes.top - rd.doc.nodes.start);
        rd.visited = calloc(nodes ? nodes : 1, 1);
        if (!rd.visited)
            fail_at(&rd, NULL, "", "out of memory");
        else
            rd.visited[root - rd.doc.nodes.start] = 1;
        if (!rd.failed)
            read_top(&rd, root, expected_name, out);
    }
    if (!rd.failed) {
        out->path = strdup(path);
        if (!out->path)
            fail_at(&rd, NULL, "", "out of memory");
    }
    free(rd.visited);
    if (rd.doc_loaded)
        yaml_document_delete(&rd.doc);
    brun_yaml_leave_c_locale(&locale);
    if (rd.failed) {
        brun_baseline_release(out);
        return -1;
    }
    return 0;
}
