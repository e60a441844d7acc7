/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * format_read.c: a baseline file's bytes back into a struct
 * brun_baseline, checking everything (see format.h; the format
 * is docs/baseline-format.md).
 *
 * The strict YAML reader (runner/yaml/yaml_tree.h) builds the tree and
 * refuses what YAML allows but a baseline never holds: input past
 * BRUN_BASELINE_MAX_SIZE, anchors, aliases, tags, repeated keys, keys
 * that are not scalars, deep nesting, a second document.  This file then
 * reads every mapping by name, from a static table per kind of mapping
 * (fingerprint, run, settings, clock, target, case, plan, round, warm-up,
 * history session) that gives each key, how its value is read and where
 * it goes: every key of the table is required (a case's history only
 * from schema_version 2 on), no other key is allowed, and every scalar
 * must have the expected type and range.  Beyond the tables:
 * counts and indexes consistent, each round's mean and 20 % trimmed mean
 * recomputed from its raw samples and compared with the stored ones,
 * each stored executable hashed again (a missing or changed copy is
 * recorded as the target's copy_problem, not an error: the numbers still
 * load).  The first problem found is the error, as "PATH:LINE: KEY: problem".  Summaries are recomputed, never
 * read.  It does not open the store's .yml files or take locks (store.c
 * does), and it writes nothing.
 */
#include "config.h"

#include "runner/baseline/format.h"
#include "runner/baseline/store_file.h"
#include "runner/measure/estimate.h"
#include "runner/yaml/yaml_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Stored and recomputed per-round numbers may differ by this much. */
#define RELATIVE_TOLERANCE 1e-9

/* Most keys of one mapping (a case has 16). */
#define MAX_FIELDS 24

struct reader {
    const char *path;
    const char *dir;
    const char *expected_name; /* NULL: any name */
    char *why;
    size_t why_size;
    int failed;
    unsigned version;        /* the file's schema_version */
    struct brun_baseline *b; /* what is being filled */
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
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail_line(struct reader *rd, size_t line, const char *key,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(rd, line, key, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail_at(struct reader *rd, const struct brun_yaml_node *node,
                   const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* As fail_line, at the line where node starts (line 1 for NULL). */
static int fail_at(struct reader *rd, const struct brun_yaml_node *node,
                   const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(rd, node ? (size_t)node->line : 1, key, fmt, ap);
    va_end(ap);
    return -1;
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

/* ---- Scalars ---------------------------------------------------------- */

/* The text of a scalar node; plain tells whether it was unquoted. */
static int scalar(struct reader *rd, const struct brun_yaml_node *n,
                  const char *key, const char **value, int *plain)
{
    if (n->kind != BRUN_YAML_SCALAR)
        return fail_at(rd, n, key, "expected a single value, got %s",
                       brun_yaml_kind_name(n));
    if (strlen(n->text) != n->length)
        return fail_at(rd, n, key, "contains a NUL character");
    *value = n->text;
    *plain = n->plain;
    return 0;
}

static int is_null(const struct brun_yaml_node *n)
{
    return n->kind == BRUN_YAML_SCALAR && n->plain &&
           brun_yaml_plain_kind(n->text) == BRUN_YAML_NULL;
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
static int get_string(struct reader *rd, const struct brun_yaml_node *n,
                      const char *key, int nullable, char **out)
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
static int get_text(struct reader *rd, const struct brun_yaml_node *n,
                    const char *key, int nullable, char *out, size_t size)
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

static int get_uint(struct reader *rd, const struct brun_yaml_node *n,
                    const char *key, uint64_t max, uint64_t *out)
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

static int get_int(struct reader *rd, const struct brun_yaml_node *n,
                   const char *key, long min, long max, int *out)
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
/* A finite number from min to max. */
static int get_double(struct reader *rd, const struct brun_yaml_node *n,
                      const char *key, double min, double max, double *out)
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
    if (x > max)
        return fail_at(rd, n, key, "%s is above the largest allowed, %g", buf,
                       max);
    *out = x;
    return 0;
}

static int get_bool(struct reader *rd, const struct brun_yaml_node *n,
                    const char *key, int *out)
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

static int get_list(struct reader *rd, const struct brun_yaml_node *n,
                    const char *key, size_t *count)
{
    if (n->kind != BRUN_YAML_SEQUENCE)
        return fail_at(rd, n, key, "expected a list, got %s",
                       brun_yaml_kind_name(n));
    *count = n->count;
    return 0;
}

/* ---- Mappings by table ------------------------------------------------ */

/* How a table's key is read (see read_field). */
enum field_type {
    TEXT,     /* a string into a char array (nullable: "" for null) */
    STRING,   /* a string into a malloc'd char * (nullable: NULL) */
    UINT64,   /* a whole number >= 0 into a uint64_t */
    UNSIGNED, /* the same, at most UINT_MAX, into an unsigned */
    SIZE,     /* the same, at most SIZE_MAX, into a size_t */
    INT,      /* a whole number from .min to .max into an int */
    DOUBLE,   /* a finite number from .lo to .hi into a double */
    BOOL,     /* true or false into an int (nullable: -1 for null) */
    MAPPING,  /* a mapping read by .table into the struct at .offset */
    CUSTOM,   /* .read reads it: lists, cross-checks */
};

/* One key of a kind of mapping.  Every key of a table is required unless
 * it is optional (a key that files of an older schema version lack; the
 * table's reader checks it against the version) and a key not in the
 * table is refused. */
struct field {
    const char *name;
    enum field_type type;
    int optional;  /* may be missing: then it is not read at all */
    size_t offset; /* of the member in the mapping's struct */
    size_t size;   /* of that member: TEXT's buffer */
    int nullable;  /* null is allowed (TEXT, STRING, BOOL) */
    long min, max; /* INT: the range */
    /* DOUBLE: the range; both 0 means 0 up to any finite number.  A
     * physical quantity has a physical range, so that a hand-edited
     * ticks_per_second: 1e-300 is refused instead of making every time
     * infinite. */
    double lo, hi;
    const struct field *table; /* MAPPING: its keys, table[0..count) */
    size_t count;
    /* CUSTOM: reads value, whose key path is key, into base (the
     * mapping's struct); 0, or -1 after fail_at. */
    int (*read)(struct reader *rd, const struct brun_yaml_node *value,
                const char *key, void *base);
};

/* The rows of a table. */
#define COUNT(table) (sizeof(table) / sizeof *(table))

/* .offset and .size of a table row for member of type. */
#define AT(type, member) \
    .offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

/* A MAPPING row: member of type, read by table. */
#define NESTED(type, member, keys) \
    .offset = offsetof(type, member), .table = keys, .count = COUNT(keys)

static int read_fields(struct reader *rd, const struct brun_yaml_node *map,
                       const char *where, const struct field *table, size_t n,
                       void *base);

/* Reads value, the value of f at key path key, into base. */
static int read_field(struct reader *rd, const struct field *f,
                      const struct brun_yaml_node *value, const char *key,
                      void *base)
{
    void *at = (char *)base + f->offset;
    uint64_t u;

    switch (f->type) {
    case TEXT:
        return get_text(rd, value, key, f->nullable, at, f->size);
    case STRING:
        return get_string(rd, value, key, f->nullable, at);
    case UINT64:
        return get_uint(rd, value, key, UINT64_MAX, at);
    case UNSIGNED:
        if (get_uint(rd, value, key, UINT_MAX, &u) != 0)
            return -1;
        *(unsigned *)at = (unsigned)u;
        return 0;
    case SIZE:
        if (get_uint(rd, value, key, SIZE_MAX, &u) != 0)
            return -1;
        *(size_t *)at = (size_t)u;
        return 0;
    case INT:
        return get_int(rd, value, key, f->min, f->max, at);
    case DOUBLE:
        return get_double(rd, value, key, f->lo,
                          f->lo == 0 && f->hi == 0 ? DBL_MAX : f->hi, at);
    case BOOL:
        if (f->nullable && is_null(value)) {
            *(int *)at = -1;
            return 0;
        }
        return get_bool(rd, value, key, at);
    case MAPPING:
        return read_fields(rd, value, key, f->table, f->count, at);
    case CUSTOM:
        break;
    }
    return f->read(rd, value, key, base);
}

/* Reads map, at key path where ("" at the top), by table[0..n) into
 * base: first every key is matched by name (unknown and missing keys are
 * refused; the YAML reader has refused repeated ones), then the values
 * are read in table order. */
static int read_fields(struct reader *rd, const struct brun_yaml_node *map,
                       const char *where, const struct field *table, size_t n,
                       void *base)
{
    const struct brun_yaml_node *values[MAX_FIELDS] = {NULL};
    char key[256];

    if (n > MAX_FIELDS)
        return fail_at(rd, map, where,
                       "too many keys for the reader (a bug "
                       "in benchrun)");
    if (map->kind != BRUN_YAML_MAPPING)
        return fail_at(rd, map, where, "expected a mapping, got %s",
                       brun_yaml_kind_name(map));
    for (size_t i = 0; i < map->count; i++) {
        const struct brun_yaml_pair *p = brun_yaml_pair_at(map, i);
        size_t k = 0;
        while (k < n && strcmp(table[k].name, p->key->text) != 0)
            k++;
        if (k == n) {
            join(key, sizeof key, where, p->key->text);
            return fail_at(rd, p->key, key, "unknown key");
        }
        values[k] = p->value;
    }
    for (size_t k = 0; k < n; k++)
        if (!values[k] && !table[k].optional) {
            join(key, sizeof key, where, table[k].name);
            return fail_at(rd, map, key, "missing key");
        }
    for (size_t k = 0; k < n; k++) {
        if (!values[k])
            continue;
        join(key, sizeof key, where, table[k].name);
        if (read_field(rd, &table[k], values[k], key, base) != 0)
            return -1;
    }
    return 0;
}

/* ---- The fingerprint, the run, the settings, the clock ---------------- */

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

/* A clock counts from 1 kHz (none slower is used) to 1 THz (none is
 * faster); its resolution and costs are under a millisecond (a coarser
 * clock could not time a sample of BRUN_MAX_SAMPLE_S). */
#define TICKS_PER_SECOND .lo = 1e3, .hi = 1e12
#define CLOCK_NS .hi = 1e6

#define FP(member) AT(struct brun_fingerprint, member)
static const struct field fingerprint_fields[] = {
    {"cpu_model", TEXT, FP(cpu_model)},
    {"cpus", INT, FP(cpus), .max = INT_MAX},
    {"kernel", TEXT, FP(kernel)},
    {"machine", TEXT, FP(machine)},
    {"compilers", TEXT, FP(compilers)},
    {"git_commit", TEXT, FP(git_commit), .nullable = 1},
    {"git_dirty", BOOL, FP(git_dirty), .nullable = 1},
    {"benchrun_version", TEXT, FP(benchrun_version)},
    {"clock", TEXT, FP(clock)},
    {"ticks_per_second", DOUBLE, FP(ticks_per_second), TICKS_PER_SECOND},
};

/* The fingerprint (base: the baseline); the host's description lands in
 * results too. */
static int read_fingerprint(struct reader *rd, const struct brun_yaml_node *map,
                            const char *key, void *base)
{
    struct brun_baseline *b = base;
    struct brun_fingerprint *fp = &b->fingerprint;
    struct brun_host *h = &b->results.context.host;
    enum brun_clock_kind kind;
    if (read_fields(rd, map, key, fingerprint_fields, COUNT(fingerprint_fields),
                    fp) != 0)
        return -1;
    if (fp->git_commit[0] && !is_hex(fp->git_commit, 40) &&
        !is_hex(fp->git_commit, 64))
        return fail_at(rd, brun_yaml_get(map, "git_commit"),
                       "fingerprint.git_commit",
                       "expected 40 or 64 lowercase hex digits or null");
    if ((fp->git_dirty < 0) != (fp->git_commit[0] == '\0'))
        return fail_at(rd, brun_yaml_get(map, "git_dirty"),
                       "fingerprint.git_dirty",
                       "must be null exactly when git_commit is null");
    if (clock_kind(fp->clock, &kind) != 0)
        return fail_at(rd, brun_yaml_get(map, "clock"), "fingerprint.clock",
                       "expected tsc, cntvct or monotonic");
    snprintf(h->cpu_model, sizeof h->cpu_model, "%s", fp->cpu_model);
    h->cpus = fp->cpus;
    snprintf(h->kernel, sizeof h->kernel, "%s", fp->kernel);
    snprintf(h->machine, sizeof h->machine, "%s", fp->machine);
    b->version_storage = strdup(fp->benchrun_version);
    if (!b->version_storage)
        return fail_at(rd, map, key, "out of memory");
    b->results.context.benchrun_version = b->version_storage;
    return 0;
}

/* run.warnings (base: the context). */
static int read_warnings(struct reader *rd, const struct brun_yaml_node *list,
                         const char *key, void *base)
{
    struct brun_context *c = base;
    size_t count = 0;
    char at[64];
    if (get_list(rd, list, key, &count) != 0)
        return -1;
    c->warnings = calloc(count ? count : 1, sizeof *c->warnings);
    if (!c->warnings)
        return fail_at(rd, list, key, "out of memory");
    for (size_t i = 0; i < count; i++) {
        keyf(at, sizeof at, "%s[%zu]", key, i);
        if (get_string(rd, brun_yaml_item_at(list, i), at, 0,
                       &c->warnings[i]) != 0)
            return -1;
        c->warning_count = i + 1;
    }
    return 0;
}

#define RUN(member) AT(struct brun_context, member)
static const struct field run_fields[] = {
    {"date", TEXT, RUN(date)},
    {"seed", UINT64, RUN(seed)},
    {"command_line", STRING, RUN(command_line), .nullable = 1},
    {"hostname", TEXT, RUN(host.hostname)},
    {"load_average", DOUBLE, RUN(host.load_average)},
    {"governor", TEXT, RUN(host.governor)},
    {"aslr", INT, RUN(host.aslr), .min = -1, .max = 9},
    {"warnings", CUSTOM, .read = read_warnings},
};

#define SET(member) AT(struct brun_settings, member)
static const struct field settings_fields[] = {
    {"rounds", UNSIGNED, SET(rounds)},
    {"samples", UNSIGNED, SET(samples)},
    {"warmup_ms", DOUBLE, SET(warmup_ms), .hi = BRUN_MAX_WARMUP_S * 1e3},
    {"sample_ms", DOUBLE, SET(sample_ms), .hi = BRUN_MAX_SAMPLE_S * 1e3},
    {"budget_s", DOUBLE, SET(budget_s), .hi = BRUN_MAX_BUDGET_S},
    {"timeout_s", DOUBLE, SET(timeout_s), .hi = BRUN_MAX_TIMEOUT_S},
    {"iterations", UINT64, SET(iterations)},
    {"jitter", BOOL, SET(jitter)},
};

/* clock.name (base: the clock) into its kind. */
static int read_clock_name(struct reader *rd, const struct brun_yaml_node *n,
                           const char *key, void *base)
{
    struct brun_clock_info *k = base;
    char name[16];
    if (get_text(rd, n, key, 0, name, sizeof name) != 0)
        return -1;
    if (clock_kind(name, &k->kind) != 0)
        return fail_at(rd, n, key, "expected tsc, cntvct or monotonic");
    return 0;
}

#define CLOCK(member) AT(struct brun_clock_info, member)
static const struct field clock_fields[] = {
    {"name", CUSTOM, .read = read_clock_name},
    {"ticks_per_second", DOUBLE, CLOCK(ticks_per_second), TICKS_PER_SECOND},
    {"resolution_ns", DOUBLE, CLOCK(resolution_ns), CLOCK_NS},
    {"read_cost_ns", DOUBLE, CLOCK(read_cost_ns), CLOCK_NS},
    {"empty_region_ns", DOUBLE, CLOCK(empty_region_ns), CLOCK_NS},
    {"invariant", BOOL, CLOCK(invariant)},
};

/* clock (base: the baseline), which must agree with the fingerprint. */
static int read_clock(struct reader *rd, const struct brun_yaml_node *map,
                      const char *key, void *base)
{
    struct brun_baseline *b = base;
    struct brun_clock_info *k = &b->results.context.clock;
    if (read_fields(rd, map, key, clock_fields, COUNT(clock_fields), k) != 0)
        return -1;
    const char *name = brun_clock_name(k->kind);
    if (k->ticks_per_second <= 0)
        return fail_at(rd, brun_yaml_get(map, "ticks_per_second"),
                       "clock.ticks_per_second", "must be above 0");
    if (strcmp(name, b->fingerprint.clock) != 0)
        return fail_at(rd, brun_yaml_get(map, "name"), "clock.name",
                       "%s differs from fingerprint.clock %s", name,
                       b->fingerprint.clock);
    if (k->ticks_per_second != b->fingerprint.ticks_per_second)
        return fail_at(rd, brun_yaml_get(map, "ticks_per_second"),
                       "clock.ticks_per_second",
                       "%.17g differs from fingerprint.ticks_per_second %.17g",
                       k->ticks_per_second, b->fingerprint.ticks_per_second);
    return 0;
}

/* ---- Targets ---------------------------------------------------------- */

/* Checks a stored copy of an executable and records its absolute path.
 * A copy that is missing, changed or not a regular file (opened without
 * following links or blocking) is no error: *problem says why and *out
 * stays NULL, so the saved numbers still load. */
static int check_stored(struct reader *rd, const struct brun_yaml_node *n,
                        const char *key, const char *relative,
                        const char *sha256, char **out, char **problem)
{
    char path[4096], hex[BRUN_SHA256_HEX_SIZE], reason[4600];
    snprintf(path, sizeof path, "%s/%s", rd->dir, relative);
    int fd = brun_store_open(path, O_RDONLY, reason, sizeof reason);
    if (fd < 0 && errno != ELOOP && errno != EINVAL)
        snprintf(reason, sizeof reason,
                 "the stored copy %s cannot be opened: %s", path,
                 strerror(errno));
    if (fd >= 0) {
        int r = brun_sha256_fd(fd, hex);
        int saved = errno;
        close(fd);
        if (r != 0)
            snprintf(reason, sizeof reason,
                     "the stored copy %s cannot be read: %s", path,
                     strerror(saved));
        else if (strcmp(hex, sha256) != 0)
            snprintf(reason, sizeof reason,
                     "the stored copy %s no longer matches its sha256 (it "
                     "hashes to %s)",
                     path, hex);
        else if (!(*out = realpath(path, NULL)))
            return fail_at(rd, n, key, "cannot resolve %s: %s", path,
                           strerror(errno));
        else
            return 0;
    }
    if (!(*problem = strdup(reason)))
        return fail_at(rd, n, key, "out of memory");
    return 0;
}

/* A target as its mapping holds it: what goes to results.targets[i], what
 * to targets[i], and the stored copy's name. */
struct target_record {
    struct brun_target_info info;
    struct brun_baseline_target stored;
    char *executable;
};

#define TARGET(member) AT(struct target_record, member)
static const struct field target_fields[] = {
    {"path", STRING, TARGET(info.path)},
    {"library_version", STRING, TARGET(info.library_version), .nullable = 1},
    {"protocol", UNSIGNED, TARGET(info.protocol)},
    {"case_count", SIZE, TARGET(info.case_count)},
    {"sha256", TEXT, TARGET(stored.sha256)},
    {"self_contained", BOOL, TARGET(stored.self_contained)},
    {"executable", STRING, TARGET(executable), .nullable = 1},
    {"not_stored_because", STRING, TARGET(stored.not_stored_because),
     .nullable = 1},
};

static int read_target(struct reader *rd, const struct brun_yaml_node *map,
                       size_t i, struct brun_baseline *b)
{
    struct target_record record;
    char where[48], key[96];

    memset(&record, 0, sizeof record);
    keyf(where, sizeof where, "targets[%zu]", i);
    int rc = read_fields(rd, map, where, target_fields, COUNT(target_fields),
                         &record);
    /* b owns what was read from here on, also on failure. */
    b->results.targets[i] = record.info;
    b->targets[i] = record.stored;
    struct brun_target_info *t = &b->results.targets[i];
    struct brun_baseline_target *s = &b->targets[i];
    const char *executable = record.executable;
    if (rc != 0)
        goto out;
    if (!t->path[0]) {
        join(key, sizeof key, where, "path");
        fail_at(rd, brun_yaml_get(map, "path"), key, "must not be empty");
        goto out;
    }
    if (!is_hex(s->sha256, 64)) {
        join(key, sizeof key, where, "sha256");
        fail_at(rd, brun_yaml_get(map, "sha256"), key,
                "expected 64 lowercase hex digits");
        goto out;
    }
    join(key, sizeof key, where, "not_stored_because");
    if (!executable) {
        if (!s->not_stored_because)
            fail_at(rd, brun_yaml_get(map, "not_stored_because"), key,
                    "must say why when executable is null");
        else
            b->executables[i] = NULL;
        goto out;
    }
    if (s->not_stored_because) {
        fail_at(rd, brun_yaml_get(map, "not_stored_because"), key,
                "must be null when a copy is stored");
        goto out;
    }
    join(key, sizeof key, where, "executable");
    if (!s->self_contained) {
        fail_at(rd, brun_yaml_get(map, "executable"), key,
                "a copy is stored but the target is not self-contained");
        goto out;
    }
    if (strncmp(executable, "bin/", 4) != 0 ||
        strcmp(executable + 4, s->sha256) != 0) {
        fail_at(rd, brun_yaml_get(map, "executable"), key,
                "expected bin/ followed by the sha256 (%s)", s->sha256);
        goto out;
    }
    check_stored(rd, brun_yaml_get(map, "executable"), key, executable,
                 s->sha256, &b->executables[i], &s->copy_problem);
out:
    free(record.executable);
    return rd->failed ? -1 : 0;
}

/* targets (base: the baseline). */
static int read_targets(struct reader *rd, const struct brun_yaml_node *list,
                        const char *key, void *base)
{
    struct brun_baseline *b = base;
    size_t count = 0;
    if (get_list(rd, list, key, &count) != 0)
        return -1;
    b->results.targets = calloc(count ? count : 1, sizeof *b->results.targets);
    b->targets = calloc(count ? count : 1, sizeof *b->targets);
    b->executables = calloc(count ? count : 1, sizeof *b->executables);
    if (!b->results.targets || !b->targets || !b->executables)
        return fail_at(rd, list, key, "out of memory");
    b->results.target_count = count;
    for (size_t i = 0; i < count; i++)
        if (read_target(rd, brun_yaml_item_at(list, i), i, b) != 0)
            return -1;
    return 0;
}

/* ---- Cases, rounds, samples ------------------------------------------- */

#define PLAN(member) AT(struct brun_plan, member)
static const struct field plan_fields[] = {
    {"iterations", UINT64, PLAN(iterations)},
    {"rounds", UNSIGNED, PLAN(rounds)},
    {"samples", UNSIGNED, PLAN(samples)},
    {"warmup_ms", DOUBLE, PLAN(warmup_ms), .hi = BRUN_MAX_WARMUP_S * 1e3},
    {"sample_target_ms", DOUBLE, PLAN(sample_target_ms),
     .hi = BRUN_MAX_SAMPLE_S * 1e3},
    {"calibrated", BOOL, PLAN(calibrated)},
    {"calibration_ns", DOUBLE, PLAN(calibration_ns)},
    {"budget_limited", BOOL, PLAN(budget_limited)},
};

/* stored within RELATIVE_TOLERANCE of computed. */
static int agrees(double stored, double computed)
{
    return fabs(stored - computed) <= RELATIVE_TOLERANCE * fabs(computed);
}

static int read_sample(struct reader *rd, const struct brun_yaml_node *n,
                       const char *key, const struct brun_clock_info *clock,
                       struct brun_sample_result *s)
{
    static const char *const parts[] = {"iterations", "ticks", "paused_ticks",
                                        "cpu_ns", "ivcsw"};
    uint64_t raw[5];
    char at[192];
    if (n->kind != BRUN_YAML_SEQUENCE || n->count != 5)
        return fail_at(rd, n, key,
                       "expected [iterations, ticks, "
                       "paused_ticks, cpu_ns, ivcsw]");
    for (size_t k = 0; k < 5; k++) {
        keyf(at, sizeof at, "%s.%s", key, parts[k]);
        if (get_uint(rd, brun_yaml_item_at(n, k), at, UINT64_MAX, &raw[k]) != 0)
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
    s->ns_per_iteration =
        brun_clock_ticks_to_ns(clock, (double)s->ticks) / (double)s->iterations;
    return 0;
}

/* A list whose items the caller reads once the rest of its mapping is
 * read (the counts depend on the plan). */
static int a_list(struct reader *rd, const struct brun_yaml_node *value,
                  const char *key, void *base)
{
    size_t count;
    (void)base;
    return get_list(rd, value, key, &count);
}

/* rounds[k].index (base: the round), which must be k. */
static int read_round_index(struct reader *rd, const struct brun_yaml_node *n,
                            const char *key, void *base)
{
    struct brun_round_result *r = base;
    uint64_t index;
    if (get_uint(rd, n, key, UINT_MAX, &index) != 0)
        return -1;
    if (index != r->index)
        return fail_at(rd, n, key,
                       "is %" PRIu64 ", expected %u (rounds in "
                       "order)",
                       index, r->index);
    return 0;
}

#define ROUND(member) AT(struct brun_round_result, member)
static const struct field warmup_fields[] = {
    {"samples", UNSIGNED, ROUND(warmup_samples)},
    {"ns", DOUBLE, ROUND(warmup_ns)},
    {"steady", BOOL, ROUND(warmup_steady)},
};

static const struct field round_fields[] = {
    {"index", CUSTOM, .read = read_round_index},
    {"iterations", UINT64, ROUND(iterations)},
    /* The warm-up's keys are members of the round itself. */
    {"warmup", MAPPING, .table = warmup_fields, .count = COUNT(warmup_fields)},
    {"mean_ns", DOUBLE, ROUND(mean_ns)},
    {"estimate_ns", DOUBLE, ROUND(estimate_ns)},
    {"samples", CUSTOM, .read = a_list},
};

static int read_round(struct reader *rd, const struct brun_yaml_node *map,
                      const char *where, const struct brun_plan *plan,
                      const struct brun_clock_info *clock,
                      struct brun_round_result *r)
{
    char key[160], at[192];

    if (read_fields(rd, map, where, round_fields, COUNT(round_fields), r) != 0)
        return -1;
    const struct brun_yaml_node *samples = brun_yaml_get(map, "samples");
    size_t count = samples->count;
    join(key, sizeof key, where, "samples");
    /* Samples only grow within a case (a contended case shortens them
     * and takes more: runner/measure/measure.c), so plan.samples, the
     * last round's, is the most a round can have. */
    if (count == 0 || count > plan->samples)
        return fail_at(rd, brun_yaml_find(map, "samples")->key, key,
                       "%zu samples, but plan.samples is %u", count,
                       plan->samples);
    r->samples = calloc(count ? count : 1, sizeof *r->samples);
    if (!r->samples)
        return fail_at(rd, samples, key, "out of memory");
    r->sample_count = count;
    for (size_t i = 0; i < count; i++) {
        keyf(at, sizeof at, "%s[%zu]", key, i);
        if (read_sample(rd, brun_yaml_item_at(samples, i), at, clock,
                        &r->samples[i]) != 0)
            return -1;
    }
    /* Recompute as the measurement did (runner/measure/estimate.c) and
     * compare. */
    double stored_mean = r->mean_ns, stored_estimate = r->estimate_ns;
    brun_round_estimate(r, clock->ticks_per_second);
    if (!agrees(stored_mean, r->mean_ns)) {
        join(key, sizeof key, where, "mean_ns");
        return fail_at(rd, brun_yaml_get(map, "mean_ns"), key,
                       "%.17g does not match the mean of its samples (%.17g)",
                       stored_mean, r->mean_ns);
    }
    if (!agrees(stored_estimate, r->estimate_ns)) {
        join(key, sizeof key, where, "estimate_ns");
        return fail_at(rd, brun_yaml_get(map, "estimate_ns"), key,
                       "%.17g does not match the 20 %% trimmed mean of its "
                       "samples (%.17g)",
                       stored_estimate, r->estimate_ns);
    }
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

/* cases[i].status (base: the case). */
static int read_status(struct reader *rd, const struct brun_yaml_node *n,
                       const char *key, void *base)
{
    struct brun_case_result *c = base;
    char status[16];
    if (get_text(rd, n, key, 0, status, sizeof status) != 0)
        return -1;
    if (status_of(status, &c->status) != 0)
        return fail_at(rd, n, key, "expected ok, failed or skipped");
    return 0;
}

/* cases[i].failure (base: the case): null or a kind of failure. */
static int read_failure(struct reader *rd, const struct brun_yaml_node *n,
                        const char *key, void *base)
{
    struct brun_case_result *c = base;
    char failure[16];
    if (get_text(rd, n, key, 1, failure, sizeof failure) != 0)
        return -1;
    c->failure = BRUN_FAILURE_NONE;
    if (failure[0] && failure_of(failure, &c->failure) != 0)
        return fail_at(rd, n, key,
                       "expected null, reported, misuse, signal, exit, timeout "
                       "or protocol");
    return 0;
}

/* 1 when s is a UTC time as the store writes it, 2024-01-31T12:00:00Z. */
static int utc_time(const char *s)
{
    return strlen(s) == 20 && s[4] == '-' && s[10] == 'T' && s[19] == 'Z';
}

/* A session's log mean is the log of ns per iteration.  No sample can
 * give one outside +-200 (one tick at 1 THz over 2^64 iterations is
 * 5e-23 ns, log -52; 2^64 ticks at 1 kHz for one iteration 2e25 ns, log
 * 58), nor an SD above it, so only a hand-edited number falls outside
 * and a save never writes one its own check would refuse. */
#define LOG_NS .lo = -200, .hi = 200

#define SESSION(member) AT(struct brun_session_summary, member)
static const struct field session_fields[] = {
    {"saved", STRING, SESSION(saved)},
    {"build", STRING, SESSION(build)},
    {"rounds", UNSIGNED, SESSION(rounds)},
    {"log_mean", DOUBLE, SESSION(log_mean), LOG_NS},
    {"log_sd", DOUBLE, SESSION(log_sd), .lo = 0, .hi = 200},
};

/* cases[i].history[k], after its fields are read: dated, built by a
 * known executable, one round at least, and an SD only when there were
 * two.  The dates are not checked for order: the list is in the order of
 * the saves, and a clock set back between two saves must not make the
 * second one's file unloadable. */
static int check_session(struct reader *rd, const struct brun_yaml_node *map,
                         const char *where,
                         const struct brun_session_summary *h)
{
    char key[160];
    join(key, sizeof key, where, "saved");
    if (!utc_time(h->saved))
        return fail_at(rd, brun_yaml_get(map, "saved"), key,
                       "expected a UTC time such as 2024-01-31T12:00:00Z");
    join(key, sizeof key, where, "build");
    if (h->build[0] && !is_hex(h->build, 64))
        return fail_at(rd, brun_yaml_get(map, "build"), key,
                       "expected \"\" or 64 lowercase hex digits");
    join(key, sizeof key, where, "rounds");
    if (h->rounds == 0)
        return fail_at(rd, brun_yaml_get(map, "rounds"), key,
                       "a session has at least one round");
    join(key, sizeof key, where, "log_sd");
    if (h->rounds < 2 && h->log_sd != 0)
        return fail_at(rd, brun_yaml_get(map, "log_sd"), key,
                       "must be 0 when rounds is %u", h->rounds);
    return 0;
}

/* cases[i].history (base: the case): at most BRUN_HISTORY_MAX sessions,
 * oldest first. */
static int read_history(struct reader *rd, const struct brun_yaml_node *list,
                        const char *key, void *base)
{
    struct brun_case_result *c = base;
    size_t count = 0;
    char at[160];
    if (get_list(rd, list, key, &count) != 0)
        return -1;
    if (count > BRUN_HISTORY_MAX)
        return fail_at(rd, list, key, "%zu sessions, at most %d are kept",
                       count, BRUN_HISTORY_MAX);
    c->history = calloc(count ? count : 1, sizeof *c->history);
    if (!c->history)
        return fail_at(rd, list, key, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const struct brun_yaml_node *item = brun_yaml_item_at(list, i);
        keyf(at, sizeof at, "%s[%zu]", key, i);
        c->history_count = i + 1; /* freed with the case, also on failure */
        if (read_fields(rd, item, at, session_fields, COUNT(session_fields),
                        &c->history[i]) != 0 ||
            check_session(rd, item, at, &c->history[i]) != 0)
            return -1;
    }
    return 0;
}

/* ---- A case's metrics (schema_version 3) ------------------------------ */

/* metrics.NAME.source (base: the metric): a source's name, not "none". */
static int read_metric_source(struct reader *rd, const struct brun_yaml_node *n,
                              const char *key, void *base)
{
    static const enum brun_metric_source sources[] = {
        BRUN_SOURCE_PERF_EVENT, BRUN_SOURCE_CALLGRIND, BRUN_SOURCE_ALLOC};
    struct brun_metric *m = base;
    char name[32], buf[80];
    if (get_text(rd, n, key, 0, name, sizeof name) != 0)
        return -1;
    for (size_t i = 0; i < COUNT(sources); i++)
        if (strcmp(name, brun_metric_source_name(sources[i])) == 0) {
            m->source = sources[i];
            return 0;
        }
    shown(n->text, buf, sizeof buf);
    return fail_at(rd, n, key,
                   "expected perf_event, callgrind or alloc_counter, got %s",
                   buf);
}

/* metrics.NAME.per_round (base: the metric): finite numbers >= 0. */
static int read_per_round(struct reader *rd, const struct brun_yaml_node *list,
                          const char *key, void *base)
{
    struct brun_metric *m = base;
    size_t count = 0;
    char at[192];
    if (get_list(rd, list, key, &count) != 0)
        return -1;
    if (count == 0)
        return fail_at(rd, list, key,
                       "empty: a counter has one value per "
                       "round");
    m->per_round = calloc(count, sizeof *m->per_round);
    if (!m->per_round)
        return fail_at(rd, list, key, "out of memory");
    m->round_count = count;
    for (size_t i = 0; i < count; i++) {
        keyf(at, sizeof at, "%s[%zu]", key, i);
        if (get_double(rd, brun_yaml_item_at(list, i), at, 0, DBL_MAX,
                       &m->per_round[i]) != 0)
            return -1;
    }
    return 0;
}

#define METRIC(member) AT(struct brun_metric, member)
static const struct field metric_fields[] = {
    {"value", DOUBLE, METRIC(value)},
    {"source", CUSTOM, .read = read_metric_source},
    {"running_share", DOUBLE, METRIC(running_share), .lo = 0, .hi = 1},
    {"per_round", CUSTOM, .optional = 1, .read = read_per_round},
};

/* cases[i].metrics (base: the case): a mapping from metric names to
 * what was measured; {} when nothing was. */
static int read_metrics(struct reader *rd, const struct brun_yaml_node *map,
                        const char *key, void *base)
{
    struct brun_case_result *c = base;
    char at[192], buf[80];
    if (map->kind != BRUN_YAML_MAPPING)
        return fail_at(rd, map, key, "expected a mapping, got %s",
                       brun_yaml_kind_name(map));
    for (size_t i = 0; i < map->count; i++) {
        const struct brun_yaml_pair *p = brun_yaml_pair_at(map, i);
        int id = brun_metric_lookup(p->key->text);
        keyf(at, sizeof at, "%s.%s", key, p->key->text);
        if (id < 0) {
            shown(p->key->text, buf, sizeof buf);
            return fail_at(rd, p->key, at, "unknown metric %s", buf);
        }
        struct brun_metric *m = &c->metrics[id];
        if (read_fields(rd, p->value, at, metric_fields, COUNT(metric_fields),
                        m) != 0)
            return -1;
        m->measured = 1;
        if (!(m->running_share > 0))
            return fail_at(rd, brun_yaml_get(p->value, "running_share"), at,
                           "running_share must be above 0 (a counter that "
                           "never ran counted nothing)");
        int counter = m->source == BRUN_SOURCE_PERF_EVENT;
        if (counter && !m->per_round)
            return fail_at(rd, p->value, at,
                           "a perf_event counter needs per_round");
        if (!counter && m->per_round)
            return fail_at(rd, brun_yaml_find(p->value, "per_round")->key, at,
                           "per_round is only for perf_event counters, not "
                           "%s",
                           brun_metric_source_name(m->source));
        if (!counter && m->running_share != 1)
            return fail_at(rd, brun_yaml_get(p->value, "running_share"), at,
                           "running_share must be 1 for %s",
                           brun_metric_source_name(m->source));
    }
    return 0;
}

/* ---- A case's user counters (schema_version 3, optional) ------------- */

/* 1 when name is a valid benchrun_counter() name. */
static int counter_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > BENCHRUN_COUNTER_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-'))
            return 0;
    }
    return 1;
}

/* counters.NAME.kind (base: the counter). */
static int read_counter_kind(struct reader *rd, const struct brun_yaml_node *n,
                             const char *key, void *base)
{
    struct brun_user_counter *u = base;
    char name[32], buf[80];
    if (get_text(rd, n, key, 0, name, sizeof name) != 0)
        return -1;
    int kind = brun_counter_kind_lookup(name);
    if (kind < 0) {
        shown(n->text, buf, sizeof buf);
        return fail_at(rd, n, key,
                       "expected per_iteration, rate or average, got %s", buf);
    }
    u->kind = (enum brun_counter_kind)kind;
    return 0;
}

/* counters.NAME.per_round (base: the counter): finite numbers. */
static int read_counter_rounds(struct reader *rd,
                               const struct brun_yaml_node *list,
                               const char *key, void *base)
{
    struct brun_user_counter *u = base;
    size_t count = 0;
    char at[192];
    if (get_list(rd, list, key, &count) != 0)
        return -1;
    if (count == 0)
        return fail_at(rd, list, key,
                       "empty: a counter has one value per round");
    u->per_round = calloc(count, sizeof *u->per_round);
    if (!u->per_round)
        return fail_at(rd, list, key, "out of memory");
    u->round_count = count;
    for (size_t i = 0; i < count; i++) {
        keyf(at, sizeof at, "%s[%zu]", key, i);
        if (get_double(rd, brun_yaml_item_at(list, i), at, -DBL_MAX, DBL_MAX,
                       &u->per_round[i]) != 0)
            return -1;
    }
    return 0;
}

#define UCOUNTER(member) AT(struct brun_user_counter, member)
static const struct field counter_fields[] = {
    {"kind", CUSTOM, .read = read_counter_kind},
    {"higher_is_better", BOOL, UCOUNTER(higher_is_better)},
    {"per_round", CUSTOM, .read = read_counter_rounds},
};

/* cases[i].counters (base: the case): a mapping from counter names to
 * their kind and per-round figures. */
static int read_counters(struct reader *rd, const struct brun_yaml_node *map,
                         const char *key, void *base)
{
    struct brun_case_result *c = base;
    char at[192], buf[80];
    if (map->kind != BRUN_YAML_MAPPING)
        return fail_at(rd, map, key, "expected a mapping, got %s",
                       brun_yaml_kind_name(map));
    if (map->count > BENCHRUN_COUNTERS_MAX)
        return fail_at(rd, map, key, "%zu counters, at most %d", map->count,
                       BENCHRUN_COUNTERS_MAX);
    c->counters = calloc(map->count ? map->count : 1, sizeof *c->counters);
    if (!c->counters)
        return fail_at(rd, map, key, "out of memory");
    for (size_t i = 0; i < map->count; i++) {
        const struct brun_yaml_pair *p = brun_yaml_pair_at(map, i);
        keyf(at, sizeof at, "%s.%s", key, p->key->text);
        if (!counter_name_ok(p->key->text)) {
            shown(p->key->text, buf, sizeof buf);
            return fail_at(rd, p->key, at,
                           "bad counter name %s (1 to %d bytes of A-Z a-z "
                           "0-9 _ . -)",
                           buf, BENCHRUN_COUNTER_NAME_MAX);
        }
        struct brun_user_counter *u = &c->counters[i];
        c->counter_count = i + 1;
        snprintf(u->name, sizeof u->name, "%s", p->key->text);
        if (read_fields(rd, p->value, at, counter_fields, COUNT(counter_fields),
                        u) != 0)
            return -1;
        brun_user_counter_summarize(u);
    }
    return 0;
}

#define CASE(member) AT(struct brun_case_result, member)
static const struct field case_fields[] = {
    {"name", STRING, CASE(name)},
    {"target", SIZE, CASE(target)},
    {"file", STRING, CASE(file)},
    {"line", INT, CASE(line), .max = INT_MAX},
    {"optimized", BOOL, CASE(optimized)},
    {"compiler", STRING, CASE(compiler)},
    {"status", CUSTOM, .read = read_status},
    {"failure", CUSTOM, .read = read_failure},
    {"reason", STRING, CASE(reason), .nullable = 1},
    {"output", STRING, CASE(output), .nullable = 1},
    {"bytes_per_iteration", DOUBLE, CASE(bytes_per_iteration)},
    {"items_per_iteration", DOUBLE, CASE(items_per_iteration)},
    {"plan", MAPPING, NESTED(struct brun_case_result, plan, plan_fields)},
    {"rounds", CUSTOM, .read = a_list},
    /* From schema_version 2 on; read_case checks it against the version. */
    {"history", CUSTOM, .optional = 1, .read = read_history},
    /* From schema_version 3 on, likewise. */
    {"metrics", CUSTOM, .optional = 1, .read = read_metrics},
    /* Optional in schema_version 3 (files saved before user counters
     * lack it); refused in older versions. */
    {"counters", CUSTOM, .optional = 1, .read = read_counters},
};

static int read_case(struct reader *rd, const struct brun_yaml_node *map,
                     size_t i, struct brun_baseline *b)
{
    char where[48], key[96], at[96];
    struct brun_case_result *c = &b->results.cases[i];
    const struct brun_clock_info *clock = &b->results.context.clock;

    keyf(where, sizeof where, "cases[%zu]", i);
    if (read_fields(rd, map, where, case_fields, COUNT(case_fields), c) != 0)
        return -1;
    const struct brun_yaml_pair *history = brun_yaml_find(map, "history");
    join(key, sizeof key, where, "history");
    if (!history && rd->version >= 2)
        return fail_at(rd, map, key, "missing key");
    if (history && rd->version < 2)
        return fail_at(rd, history->key, key,
                       "unknown key in a schema_version %u file (history "
                       "came with version 2)",
                       rd->version);
    const struct brun_yaml_pair *metrics = brun_yaml_find(map, "metrics");
    join(key, sizeof key, where, "metrics");
    if (!metrics && rd->version >= 3)
        return fail_at(rd, map, key, "missing key");
    if (metrics && rd->version < 3)
        return fail_at(rd, metrics->key, key,
                       "unknown key in a schema_version %u file (metrics "
                       "came with version 3)",
                       rd->version);
    const struct brun_yaml_pair *counters = brun_yaml_find(map, "counters");
    join(key, sizeof key, where, "counters");
    if (counters && rd->version < 3)
        return fail_at(rd, counters->key, key,
                       "unknown key in a schema_version %u file (counters "
                       "came with version 3)",
                       rd->version);
    if (!c->name[0]) {
        join(key, sizeof key, where, "name");
        return fail_at(rd, brun_yaml_get(map, "name"), key,
                       "must not be empty");
    }
    if (c->target >= b->results.target_count) {
        join(key, sizeof key, where, "target");
        return fail_at(rd, brun_yaml_get(map, "target"), key,
                       "%zu is out of range (%zu targets)", c->target,
                       b->results.target_count);
    }
    if (c->status == BRUN_STATUS_OK && c->failure != BRUN_FAILURE_NONE) {
        join(key, sizeof key, where, "failure");
        return fail_at(rd, brun_yaml_get(map, "failure"), key,
                       "must be null when status is ok");
    }
    const struct brun_yaml_node *rounds = brun_yaml_get(map, "rounds");
    size_t count = rounds->count;
    if (count > 0 && c->plan.samples == 0) {
        join(key, sizeof key, where, "plan");
        return fail_at(rd, brun_yaml_get(map, "plan"), key,
                       "samples is 0 but there are rounds");
    }
    join(key, sizeof key, where, "rounds");
    if (count > c->plan.rounds || (c->status == BRUN_STATUS_OK &&
                                   (count != c->plan.rounds || count == 0)))
        return fail_at(rd, brun_yaml_find(map, "rounds")->key, key,
                       "%zu rounds, but plan.rounds is %u and status is %s",
                       count, c->plan.rounds, brun_status_name(c->status));
    c->rounds = calloc(count ? count : 1, sizeof *c->rounds);
    if (!c->rounds)
        return fail_at(rd, rounds, key, "out of memory");
    /* The file does not store a thread count; the name carries it. */
    c->threads = brun_name_threads(c->name);
    for (size_t k = 0; k < count; k++) {
        keyf(at, sizeof at, "%s[%zu]", key, k);
        c->round_count = k + 1;
        c->rounds[k].index = (unsigned)k;
        c->rounds[k].threads = c->threads;
        if (read_round(rd, brun_yaml_item_at(rounds, k), at, &c->plan, clock,
                       &c->rounds[k]) != 0)
            return -1;
    }
    for (int m = 0; m < BRUN_METRIC_COUNT; m++) {
        const struct brun_metric *mt = &c->metrics[m];
        if (!mt->per_round || mt->round_count == count)
            continue;
        keyf(at, sizeof at, "%s.metrics.%s.per_round", where,
             brun_metric_name((enum brun_metric_id)m));
        return fail_at(rd,
                       brun_yaml_get(brun_yaml_get(map, "metrics"),
                                     brun_metric_name((enum brun_metric_id)m)),
                       at, "%zu values, but the case has %zu rounds",
                       mt->round_count, count);
    }
    for (size_t u = 0; u < c->counter_count; u++) {
        if (c->counters[u].round_count <= count)
            continue;
        keyf(at, sizeof at, "%s.counters.%s.per_round", where,
             c->counters[u].name);
        return fail_at(
            rd,
            brun_yaml_get(brun_yaml_get(map, "counters"), c->counters[u].name),
            at, "%zu values, but the case has %zu rounds",
            c->counters[u].round_count, count);
    }
    if (c->status == BRUN_STATUS_OK && brun_case_summarize(c) != 0)
        return fail_at(rd, map, where, "out of memory");
    return 0;
}

struct named_line {
    const char *name;
    const struct brun_yaml_node *node;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct named_line *)a)->name,
                  ((const struct named_line *)b)->name);
}

/* 1 when node a starts after node b in the file. */
static int later(const struct brun_yaml_node *a, const struct brun_yaml_node *b)
{
    return a->line > b->line || (a->line == b->line && a->column > b->column);
}

/* cases (base: the baseline): each case, and no name twice. */
static int read_cases(struct reader *rd, const struct brun_yaml_node *list,
                      const char *key, void *base)
{
    struct brun_baseline *b = base;
    size_t count = 0;
    if (get_list(rd, list, key, &count) != 0)
        return -1;
    b->results.cases = calloc(count ? count : 1, sizeof *b->results.cases);
    struct named_line *seen = calloc(count ? count : 1, sizeof *seen);
    if (!b->results.cases || !seen) {
        free(seen);
        return fail_at(rd, list, key, "out of memory");
    }
    for (size_t i = 0; i < count; i++) {
        const struct brun_yaml_node *item = brun_yaml_item_at(list, i);
        b->results.case_count = i + 1;
        if (read_case(rd, item, i, b) != 0) {
            free(seen);
            return -1;
        }
        seen[i].name = b->results.cases[i].name;
        seen[i].node = item;
    }
    qsort(seen, count, sizeof *seen, by_name);
    for (size_t i = 1; i < count; i++)
        if (strcmp(seen[i].name, seen[i - 1].name) == 0) {
            const struct brun_yaml_node *again =
                later(seen[i].node, seen[i - 1].node) ? seen[i].node
                                                      : seen[i - 1].node;
            char name[80];
            shown(seen[i].name, name, sizeof name);
            fail_at(rd, again, key, "duplicate case name %s", name);
            break;
        }
    free(seen);
    return rd->failed ? -1 : 0;
}

/* ---- The top level ---------------------------------------------------- */

/* schema (base: the baseline): check_identity compared its text; here it
 * must also be a string. */
static int read_schema(struct reader *rd, const struct brun_yaml_node *n,
                       const char *key, void *base)
{
    char schema[32];
    (void)base;
    return get_text(rd, n, key, 0, schema, sizeof schema);
}

/* schema_version (base: the baseline): check_identity compared its text;
 * here it must also be a plain whole number. */
static int read_schema_version(struct reader *rd,
                               const struct brun_yaml_node *n, const char *key,
                               void *base)
{
    uint64_t version;
    (void)base;
    return get_uint(rd, n, key, UINT_MAX, &version);
}

/* name (base: the baseline): valid, and the one the store expects. */
static int read_name(struct reader *rd, const struct brun_yaml_node *n,
                     const char *key, void *base)
{
    struct brun_baseline *b = base;
    char why[128];
    if (get_string(rd, n, key, 0, &b->name) != 0)
        return -1;
    if (!brun_baseline_name_valid(b->name, why, sizeof why))
        return fail_at(rd, n, key, "%s", why);
    if (rd->expected_name && strcmp(b->name, rd->expected_name) != 0)
        return fail_at(rd, n, key,
                       "the file says \"%s\" but is stored as \"%s\"", b->name,
                       rd->expected_name);
    return 0;
}

/* saved (base: the baseline): a UTC time. */
static int read_saved(struct reader *rd, const struct brun_yaml_node *n,
                      const char *key, void *base)
{
    struct brun_baseline *b = base;
    if (get_text(rd, n, key, 0, b->saved, sizeof b->saved) != 0)
        return -1;
    if (!utc_time(b->saved))
        return fail_at(rd, n, key,
                       "expected a UTC time such as 2024-01-31T12:00:00Z");
    return 0;
}

static const struct field top_fields[] = {
    {"schema", CUSTOM, .read = read_schema},
    {"schema_version", CUSTOM, .read = read_schema_version},
    {"name", CUSTOM, .read = read_name},
    {"saved", CUSTOM, .read = read_saved},
    {"fingerprint", CUSTOM, .read = read_fingerprint},
    {"run", MAPPING, NESTED(struct brun_baseline, results.context, run_fields)},
    {"settings", MAPPING,
     NESTED(struct brun_baseline, results.context.settings, settings_fields)},
    {"clock", CUSTOM, .read = read_clock},
    {"targets", CUSTOM, .read = read_targets},
    {"cases", CUSTOM, .read = read_cases},
};

/* The 1-based line where the document ends (an end at the start of a
 * line after the last one counts as the line before it). */
static size_t end_line(const struct brun_yaml_tree *tree)
{
    if (tree->end_column == 1 && tree->end_line > 1)
        return (size_t)tree->end_line - 1;
    return (size_t)tree->end_line;
}

/* Schema, version and completeness, before anything else is looked at:
 * a newer file should say "newer", not "unknown key". */
static int check_identity(struct reader *rd, const struct brun_yaml_tree *tree)
{
    char buf[80];
    const struct brun_yaml_node *root = tree->root;
    const struct brun_yaml_node *schema = brun_yaml_get(root, "schema");
    const struct brun_yaml_node *version =
        brun_yaml_get(root, "schema_version");
    if (!schema || schema->kind != BRUN_YAML_SCALAR)
        return fail_at(rd, schema ? schema : root, "schema",
                       "missing; not a benchrun baseline file");
    if (strcmp(schema->text, BRUN_BASELINE_SCHEMA) != 0) {
        shown(schema->text, buf, sizeof buf);
        return fail_at(rd, schema, "schema", "expected %s, got %s",
                       BRUN_BASELINE_SCHEMA, buf);
    }
    if (version && version->kind == BRUN_YAML_SCALAR) {
        /* Plain whole numbers only: read_schema_version checks the type. */
        for (unsigned v = BRUN_BASELINE_SCHEMA_VERSION_OLDEST;
             v <= BRUN_BASELINE_SCHEMA_VERSION; v++) {
            snprintf(buf, sizeof buf, "%u", v);
            if (strcmp(version->text, buf) == 0)
                rd->version = v;
        }
        if (!rd->version) {
            shown(version->text, buf, sizeof buf);
            return fail_at(rd, version, "schema_version",
                           "this benchrun reads versions %d to %d, the file "
                           "has %s",
                           BRUN_BASELINE_SCHEMA_VERSION_OLDEST,
                           BRUN_BASELINE_SCHEMA_VERSION, buf);
        }
    }
    if (!tree->end_explicit)
        return fail_line(rd, end_line(tree), "",
                         "the file is cut short: the end marker \"...\" is "
                         "missing");
    return 0;
}

static int read_top(struct reader *rd, const struct brun_yaml_tree *tree)
{
    const struct brun_yaml_node *root = tree->root;
    if (!root)
        return fail_line(rd, 1, "",
                         "empty: no YAML document, not a baseline file");
    if (root->kind != BRUN_YAML_MAPPING)
        return fail_at(rd, root, "",
                       "not a benchrun baseline: the top level is %s, not a "
                       "mapping",
                       brun_yaml_kind_name(root));
    if (check_identity(rd, tree) != 0)
        return -1;
    return read_fields(rd, root, "", top_fields, COUNT(top_fields), rd->b);
}

int brun_baseline_parse(const char *text, size_t size, const char *path,
                        const char *dir, const char *expected_name,
                        struct brun_baseline *out, char *why, size_t why_size)
{
    struct reader rd = {.path = path,
                        .dir = dir,
                        .expected_name = expected_name,
                        .why = why,
                        .why_size = why_size,
                        .b = out};
    struct brun_c_locale locale;
    struct brun_yaml_tree tree;

    memset(out, 0, sizeof *out);
    if (brun_yaml_enter_c_locale(&locale, why, why_size) != 0)
        return -1;
    if (brun_yaml_tree_parse(text, size, path, BRUN_BASELINE_MAX_SIZE, 0, &tree,
                             why, why_size) != 0)
        rd.failed = 1; /* the message is the YAML reader's */
    else
        read_top(&rd, &tree);
    if (!rd.failed) {
        out->path = strdup(path);
        if (!out->path)
            fail_at(&rd, NULL, "", "out of memory");
    }
    brun_yaml_tree_release(&tree);
    brun_yaml_leave_c_locale(&locale);
    if (rd.failed) {
        brun_baseline_release(out);
        return -1;
    }
    return 0;
}
