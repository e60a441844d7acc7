/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * config_file.c: reads benchrun.yml (see config_file.h and docs/config.md).
 *
 * The file (at most 1 MiB; a pipe is fine, --config <(...)) is read and
 * parsed by the strict reader of runner/yaml/yaml_tree.h into a tree of
 * scalars, lists and mappings with the line each starts on.  The reader
 * already refuses what benchrun.yml has no use for and what would make
 * the line numbers of errors lie: anchors, aliases, tags, keys given
 * twice, keys that are not scalars, deep nesting, a second document, and
 * (BRUN_YAML_ONE_LINE) values with line breaks or control characters.
 * This file applies the tree to struct brun_options by key name.  Scalar
 * keys go through the option table's setters, so a value means the same
 * in the file as on the command line; the lists (targets, compare,
 * thresholds, slo, exports) and github's parts are handled here.
 *
 * It deliberately does not merge files, expand ~ or $VARIABLES, or keep
 * going after the first error: the first failure is the message.
 */
#include "config.h"

#include "runner/options/config_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runner/options/option_table.h"
#include "runner/options/parse.h"
#include "runner/yaml/yaml_tree.h"

/* A benchrun.yml larger than this is refused: a settings file is a few
 * hundred bytes, and the bound keeps a wrong --config (a device, a log)
 * from being read whole. */
#define MAX_FILE_SIZE ((size_t)1 << 20)

/* Longest key the misspelling suggestion compares. */
#define MAX_KEY 64

struct loader {
    const char *path;
    char *dir; /* the file's folder, for relative paths */
    char *why;
    size_t why_size;
};

/* Keys handled here rather than by a setter of the option table. */
static const char *const list_keys[] = {"targets",    "compare", "commands",
                                        "thresholds", "slo",     "exports"};

/* Keys of a thresholds entry. */
static const char *const threshold_keys[] = {
    "match", "fail_above", "noise_floor", "gate_metric", "gate_scaling"};

/* Table keys whose values are paths, taken relative to the file. */
static const char *const path_keys[] = {"baseline_dir", "json", "report",
                                        "html", "profile_dir"};

/* Keys of the github: mapping. */
static const char *const github_keys[] = {"enabled", "summary", "annotations",
                                          "outputs", "comment", "status"};

/* Writes "PATH:LINE: message" into the loader's why; returns -1. */
__attribute__((format(printf, 3, 4))) static int
fail(struct loader *l, int line, const char *format, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    snprintf(l->why, l->why_size, "%s:%d: %s", l->path, line, message);
    return -1;
}

/* ---- Messages --------------------------------------------------------- */

/* 1 for a plain empty scalar: a key written without a value. */
static int is_empty(const struct brun_yaml_node *n)
{
    return n->kind == BRUN_YAML_SCALAR && n->plain && n->length == 0;
}

/* What a node is, for "expected ..., got WHAT". */
static const char *describe(const struct brun_yaml_node *n, char *buf,
                            size_t size)
{
    if (n->kind != BRUN_YAML_SCALAR)
        return brun_yaml_kind_name(n);
    if (is_empty(n))
        return "nothing";
    snprintf(buf, size, "\"%s\"", n->text);
    return buf;
}

/* The words a setter uses for what it expects, so that a type error in the
 * file reads like the setter's own ("a whole number from 2 to 100000").
 * Found by offering the setter an empty value on a scratch copy of the
 * options; only used on the error path. */
static void expected_words(const struct brun_option_spec *s, char *out,
                           size_t size)
{
    struct brun_options scratch;
    char why[256] = "";
    const char *start = NULL, *end;

    brun_options_defaults(&scratch);
    if (s->set(&scratch, "", why, sizeof why) != 0)
        start = strstr(why, "expected ");
    brun_options_release(&scratch);
    if (!start) {
        snprintf(out, size, "a single value");
        return;
    }
    start += strlen("expected ");
    end = strstr(start, ", got");
    if (!end)
        end = strrchr(start, ')');
    if (!end)
        end = start + strlen(start);
    snprintf(out, size, "%.*s", (int)(end - start), start);
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[MAX_KEY + 1];
    if (la > MAX_KEY || lb > MAX_KEY)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

/* Keeps candidate in *best when it is closer to key than what is there. */
static void consider(const char *key, const char *candidate, const char **best,
                     size_t *best_distance)
{
    size_t d = edit_distance(key, candidate);
    if (d < *best_distance) {
        *best = candidate;
        *best_distance = d;
    }
}

/* The table entry whose command-line name is key with '-' for '_'
 * ("no_jitter" is --no-jitter), or NULL. */
static const struct brun_option_spec *option_named(const char *key)
{
    char name[MAX_KEY + 1];
    size_t count, n = strlen(key);
    const struct brun_option_spec *t = brun_option_table(&count);

    if (n > MAX_KEY)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        name[i] = key[i] == '_' ? '-' : key[i];
    for (size_t i = 0; i < count; i++)
        if (t[i].long_name && strcmp(t[i].long_name, name) == 0)
            return &t[i];
    return NULL;
}

/* "unknown key "rouns" (did you mean "rounds"?)"; prefix is "" or
 * "thresholds: ". */
static int unknown_key(struct loader *l, const struct brun_yaml_node *key,
                       const char *prefix, const char *const *keys,
                       size_t key_count, int with_table)
{
    const char *best = NULL;
    size_t best_distance = 3; /* suggest at distance 2 or less */

    for (size_t i = 0; i < key_count; i++)
        consider(key->text, keys[i], &best, &best_distance);
    if (with_table) {
        size_t count;
        const struct brun_option_spec *t = brun_option_table(&count);
        const struct brun_option_spec *same = option_named(key->text);
        if (same && same->key && same->set) /* no_jitter, quiet, ... */
            return fail(l, key->line,
                        "unknown key \"%s\" (did you mean \"%s\"?)", key->text,
                        same->key);
        if (same) /* list, help, config, delete_baseline, ... */
            return fail(l, key->line,
                        "unknown key \"%s\" (--%s is for the command line "
                        "only)",
                        key->text, same->long_name);
        for (size_t i = 0; i < count; i++)
            if (t[i].key && t[i].set)
                consider(key->text, t[i].key, &best, &best_distance);
    }
    if (best)
        return fail(l, key->line, "%sunknown key \"%s\" (did you mean \"%s\"?)",
                    prefix, key->text, best);
    return fail(l, key->line, "%sunknown key \"%s\"", prefix, key->text);
}

/* Checks that none of map's keys is empty (the reader has refused keys
 * that are not scalars and keys given twice). */
static int check_keys(struct loader *l, const struct brun_yaml_node *map,
                      const char *prefix)
{
    for (size_t i = 0; i < map->count; i++) {
        const struct brun_yaml_node *key = map->pairs[i].key;
        if (is_empty(key))
            return fail(l, key->line,
                        "%sexpected a key such as \"rounds\", "
                        "got nothing",
                        prefix);
    }
    return 0;
}

/* The line to blame for a value: a key without a value is on the key's
 * line. */
static int value_line(const struct brun_yaml_node *key,
                      const struct brun_yaml_node *value)
{
    return is_empty(value) ? key->line : value->line;
}

/* ---- Applying the tree ------------------------------------------------ */

static int is_one_of(const char *key, const char *const *keys, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(key, keys[i]) == 0)
            return 1;
    return 0;
}

/* A copy of path, prefixed with the file's folder when it is relative. */
static char *resolve(const struct loader *l, const char *path)
{
    if (path[0] == '/' || path[0] == '\0' || strcmp(l->dir, ".") == 0)
        return strdup(path);
    size_t dl = strlen(l->dir), pl = strlen(path);
    int slash = l->dir[dl - 1] != '/';
    char *out = malloc(dl + (size_t)slash + pl + 1);
    if (!out)
        return NULL;
    memcpy(out, l->dir, dl);
    if (slash)
        out[dl] = '/';
    memcpy(out + dl + (size_t)slash, path, pl + 1);
    return out;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* A list of non-empty paths (targets, compare), resolved; *out owned by
 * the caller. */
static int path_list(struct loader *l, const struct brun_yaml_node *key,
                     const struct brun_yaml_node *value, char ***out,
                     size_t *count)
{
    char buf[128];
    char **v;

    if (value->kind != BRUN_YAML_SEQUENCE)
        return fail(l, value_line(key, value),
                    "%s: expected a list of executables, got %s", key->text,
                    describe(value, buf, sizeof buf));
    v = calloc(value->count ? value->count : 1, sizeof *v);
    if (!v)
        return fail(l, value->line, "out of memory");
    for (size_t i = 0; i < value->count; i++) {
        const struct brun_yaml_node *item = value->items[i];
        if (item->kind != BRUN_YAML_SCALAR || item->text[0] == '\0') {
            free_strings(v, i);
            return fail(l, item->line, "%s: expected an executable, got %s",
                        key->text, describe(item, buf, sizeof buf));
        }
        v[i] = resolve(l, item->text);
        if (!v[i]) {
            free_strings(v, i);
            return fail(l, item->line, "out of memory");
        }
    }
    *out = v;
    *count = value->count;
    return 0;
}

static int apply_targets(struct loader *l, const struct brun_yaml_node *key,
                         const struct brun_yaml_node *value,
                         struct brun_options *o)
{
    char **v;
    size_t n;
    if (path_list(l, key, value, &v, &n) != 0)
        return -1;
    int rc = brun_options_set_targets(o, v, n);
    free_strings(v, n);
    if (rc != 0)
        return fail(l, value->line, "out of memory");
    return 0;
}

static int apply_compare(struct loader *l, const struct brun_yaml_node *key,
                         const struct brun_yaml_node *value,
                         struct brun_options *o)
{
    char **v;
    size_t n;
    if (path_list(l, key, value, &v, &n) != 0)
        return -1;
    free_strings(o->compare_with, o->compare_count);
    o->compare_with = v;
    o->compare_count = n;
    return 0;
}

/* commands: a list of non-empty command lines, kept as written (not
 * paths: nothing is resolved against the file's folder). */
static int apply_commands(struct loader *l, const struct brun_yaml_node *key,
                          const struct brun_yaml_node *value,
                          struct brun_options *o)
{
    char buf[128];
    if (value->kind != BRUN_YAML_SEQUENCE)
        return fail(l, value_line(key, value),
                    "%s: expected a list of commands, got %s", key->text,
                    describe(value, buf, sizeof buf));
    char **v = calloc(value->count ? value->count : 1, sizeof *v);
    if (!v)
        return fail(l, value->line, "out of memory");
    for (size_t i = 0; i < value->count; i++) {
        const struct brun_yaml_node *item = value->items[i];
        if (item->kind != BRUN_YAML_SCALAR || item->text[0] == '\0') {
            free_strings(v, i);
            return fail(l, item->line, "%s: expected a command, got %s",
                        key->text, describe(item, buf, sizeof buf));
        }
        v[i] = strdup(item->text);
        if (!v[i]) {
            free_strings(v, i);
            return fail(l, item->line, "out of memory");
        }
    }
    free_strings(o->commands, o->command_count);
    o->commands = v;
    o->command_count = value->count;
    return 0;
}

/* fail_above in a thresholds entry: as --fail-above takes it. */
static int threshold_fail_above(const char *text, double *out, char *why,
                                size_t why_size)
{
    if (strcmp(text, "off") == 0 || strcmp(text, "none") == 0) {
        *out = 0;
        return 0;
    }
    if (brun_parse_percentage(text, 10.0, out, why, why_size) != 0)
        return -1;
    if (*out <= 0) {
        snprintf(why, why_size, "must be more than 0 (or \"off\"), got \"%s\"",
                 text);
        return -1;
    }
    return 0;
}

static int threshold_entry(struct loader *l, const struct brun_yaml_node *entry,
                           struct brun_threshold *t)
{
    static const char prefix[] = "thresholds: ";
    const char *match = NULL;
    char buf[128], why[256];

    t->pattern = NULL;
    t->fail_above = -1;  /* not given: the run's fail_above */
    t->noise_floor = -1; /* not given: the run's noise floor */
    t->gate_metric = -1; /* not given: the run's --gate-metric */
    t->gate_scaling = 0; /* not given: scaling fits are reported only */
    t->line = entry->line;
    if (entry->kind != BRUN_YAML_MAPPING)
        return fail(l, entry->line,
                    "thresholds: expected an entry such as \"- match: "
                    "\\\"memory/*\\\"\", got %s",
                    describe(entry, buf, sizeof buf));
    if (check_keys(l, entry, prefix) != 0)
        return -1;
    for (size_t i = 0; i < entry->count; i++) {
        const struct brun_yaml_node *key = entry->pairs[i].key;
        const struct brun_yaml_node *value = entry->pairs[i].value;
        const char *name = key->text;
        int line = value_line(key, value);
        if (!is_one_of(name, threshold_keys, 5))
            return unknown_key(l, key, prefix, threshold_keys, 5, 0);
        if (value->kind != BRUN_YAML_SCALAR)
            return fail(l, line, "thresholds: %s: expected %s, got %s", name,
                        strcmp(name, "match") == 0          ? "a pattern"
                        : strcmp(name, "gate_metric") == 0  ? "a metric name"
                        : strcmp(name, "gate_scaling") == 0 ? "true or false"
                                                            : "a percentage",
                        describe(value, buf, sizeof buf));
        if (strcmp(name, "match") == 0) {
            if (value->text[0] == '\0')
                return fail(l, line,
                            "thresholds: match: expected a pattern, "
                            "got nothing");
            match = value->text;
        } else if (strcmp(name, "fail_above") == 0) {
            if (threshold_fail_above(value->text, &t->fail_above, why,
                                     sizeof why) != 0)
                return fail(l, line, "thresholds: fail_above: %s", why);
        } else if (strcmp(name, "gate_metric") == 0) {
            int id;
            if (brun_gate_metric_parse(value->text, &id, why, sizeof why) != 0)
                return fail(l, line, "thresholds: gate_metric: %s", why);
            t->gate_metric = id < 0 ? -2 : id;
        } else if (strcmp(name, "gate_scaling") == 0) {
            if (brun_parse_bool(value->text, &t->gate_scaling, why,
                                sizeof why) != 0)
                return fail(l, line, "thresholds: gate_scaling: %s", why);
        } else if (brun_parse_percentage(value->text, 0.5, &t->noise_floor, why,
                                         sizeof why) != 0) {
            return fail(l, line, "thresholds: noise_floor: %s", why);
        }
    }
    if (!match)
        return fail(l, entry->line,
                    "thresholds: an entry without \"match\" (which cases it "
                    "is for)");
    t->pattern = strdup(match);
    if (!t->pattern)
        return fail(l, entry->line, "out of memory");
    return 0;
}

static void free_thresholds(struct brun_threshold *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].pattern);
    free(v);
}

static int apply_thresholds(struct loader *l, const struct brun_yaml_node *key,
                            const struct brun_yaml_node *value,
                            struct brun_options *o)
{
    char buf[128];
    struct brun_threshold *v;

    if (value->kind != BRUN_YAML_SEQUENCE)
        return fail(l, value_line(key, value),
                    "thresholds: expected a list of entries such as \"- "
                    "match: \\\"memory/*\\\"\", got %s",
                    describe(value, buf, sizeof buf));
    v = calloc(value->count ? value->count : 1, sizeof *v);
    if (!v)
        return fail(l, value->line, "out of memory");
    for (size_t i = 0; i < value->count; i++)
        if (threshold_entry(l, value->items[i], &v[i]) != 0) {
            free_thresholds(v, i + 1);
            return -1;
        }
    free_thresholds(o->thresholds, o->threshold_count);
    o->thresholds = v;
    o->threshold_count = value->count;
    return 0;
}

/* A key of the option table: the scalar goes to its setter. */
static int apply_option(struct loader *l, const struct brun_option_spec *s,
                        const struct brun_yaml_node *key,
                        const struct brun_yaml_node *value,
                        struct brun_options *o)
{
    char buf[128], why[256];
    int line = value_line(key, value);

    if (value->kind != BRUN_YAML_SCALAR) {
        char expected[160];
        expected_words(s, expected, sizeof expected);
        return fail(l, line, "%s: expected %s, got %s", key->text, expected,
                    describe(value, buf, sizeof buf));
    }
    const char *text = value->text;
    char *resolved = NULL;
    if (is_one_of(key->text, path_keys,
                  sizeof path_keys / sizeof path_keys[0])) {
        resolved = resolve(l, text);
        if (!resolved)
            return fail(l, line, "out of memory");
        text = resolved;
    }
    int rc = s->set(o, text, why, sizeof why);
    free(resolved);
    if (rc != 0)
        return fail(l, line, "%s: %s", key->text, why);
    return 0;
}

/* slo: a mapping of case patterns to time budgets ("config/load: 10us"). */
static int apply_slo(struct loader *l, const struct brun_yaml_node *key,
                     const struct brun_yaml_node *value, struct brun_options *o)
{
    char buf[128], why[256];
    if (value->kind != BRUN_YAML_MAPPING)
        return fail(l, value_line(key, value),
                    "slo: expected budgets such as \"config/load: 10us\", "
                    "got %s",
                    describe(value, buf, sizeof buf));
    if (check_keys(l, value, "slo: ") != 0)
        return -1;
    size_t n = value->count;
    struct brun_slo_rule *v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return fail(l, value->line, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const struct brun_yaml_node *pattern = value->pairs[i].key;
        const struct brun_yaml_node *budget = value->pairs[i].value;
        double seconds;
        int line = value_line(pattern, budget);
        const char *problem = NULL;
        if (budget->kind != BRUN_YAML_SCALAR)
            problem = "expected a duration such as 10us";
        else if (brun_parse_duration(budget->text, &seconds, why, sizeof why) !=
                 0)
            problem = why;
        else if (seconds <= 0)
            problem = "a budget must be more than 0";
        if (problem) {
            for (size_t j = 0; j < i; j++)
                free(v[j].pattern);
            free(v);
            return fail(l, line, "slo: %s: %s", pattern->text, problem);
        }
        v[i].pattern = strdup(pattern->text);
        v[i].budget_ns = seconds * 1e9;
        v[i].line = pattern->line;
    }
    for (size_t i = 0; i < o->slo_count; i++)
        free(o->slos[i].pattern);
    free(o->slos);
    o->slos = v;
    o->slo_count = n;
    return 0;
}

/* exports: a list of "FORMAT=FILE", FILE relative to the file's folder. */
static int apply_exports(struct loader *l, const struct brun_yaml_node *key,
                         const struct brun_yaml_node *value,
                         struct brun_options *o)
{
    char buf[128], why[256];
    const struct brun_option_spec *spec = option_named("export");
    if (value->kind != BRUN_YAML_SEQUENCE)
        return fail(l, value_line(key, value),
                    "exports: expected a list such as \"- junit=results.xml\", "
                    "got %s",
                    describe(value, buf, sizeof buf));
    o->exports_from_cli = 0; /* replace what o holds */
    for (size_t i = 0; i < value->count; i++) {
        const struct brun_yaml_node *item = value->items[i];
        if (item->kind != BRUN_YAML_SCALAR)
            return fail(l, item->line, "exports: expected FORMAT=FILE, got %s",
                        describe(item, buf, sizeof buf));
        const char *eq = strchr(item->text, '=');
        char *resolved = eq ? resolve(l, eq + 1) : NULL;
        char *entry = NULL;
        if (resolved && asprintf(&entry, "%.*s=%s", (int)(eq - item->text),
                                 item->text, resolved) < 0)
            entry = NULL;
        int rc = spec->set(o, entry ? entry : item->text, why, sizeof why);
        free(resolved);
        free(entry);
        if (rc != 0)
            return fail(l, item->line, "exports: %s", why);
    }
    if (value->count == 0)
        o->export_count = 0;
    o->exports_from_cli = 0; /* the command line's first --export replaces */
    return 0;
}

/* github: true/false, or a mapping of parts ("comment: false"). */
static int apply_github(struct loader *l, const struct brun_yaml_node *key,
                        const struct brun_yaml_node *value,
                        struct brun_options *o)
{
    static const unsigned bits[] = {0,
                                    BRUN_GITHUB_SUMMARY,
                                    BRUN_GITHUB_ANNOTATIONS,
                                    BRUN_GITHUB_OUTPUTS,
                                    BRUN_GITHUB_COMMENT,
                                    BRUN_GITHUB_STATUS};
    char buf[128], why[256];
    if (value->kind == BRUN_YAML_SCALAR)
        return apply_option(l, option_named("github"), key, value, o);
    if (value->kind != BRUN_YAML_MAPPING)
        return fail(l, value_line(key, value),
                    "github: expected true, false or parts such as "
                    "\"comment: false\", got %s",
                    describe(value, buf, sizeof buf));
    if (check_keys(l, value, "github: ") != 0)
        return -1;
    o->github = 1;
    for (size_t i = 0; i < value->count; i++) {
        const struct brun_yaml_node *part = value->pairs[i].key;
        const struct brun_yaml_node *flag = value->pairs[i].value;
        size_t k = 0;
        int on;
        while (k < 6 && strcmp(github_keys[k], part->text) != 0)
            k++;
        if (k == 6)
            return unknown_key(l, part, "github: ", github_keys, 6, 0);
        if (flag->kind != BRUN_YAML_SCALAR ||
            brun_parse_bool(flag->text, &on, why, sizeof why) != 0)
            return fail(l, value_line(part, flag), "github: %s: %s", part->text,
                        flag->kind == BRUN_YAML_SCALAR
                            ? why
                            : "expected true or false");
        if (k == 0)
            o->github = on;
        else if (on)
            o->github_parts |= bits[k];
        else
            o->github_parts &= ~bits[k];
    }
    return 0;
}

static int apply(struct loader *l, const struct brun_yaml_node *root,
                 struct brun_options *o)
{
    char buf[128];

    if (!root || (root->kind == BRUN_YAML_SCALAR &&
                  (is_empty(root) || strcmp(root->text, "~") == 0 ||
                   strcmp(root->text, "null") == 0)))
        return 0; /* nothing but comments, or an empty document */
    if (root->kind != BRUN_YAML_MAPPING)
        return fail(l, root->line,
                    "expected keys such as \"rounds: 10\", got %s",
                    describe(root, buf, sizeof buf));
    if (check_keys(l, root, "") != 0)
        return -1;
    for (size_t i = 0; i < root->count; i++) {
        const struct brun_yaml_node *key = root->pairs[i].key;
        const struct brun_yaml_node *value = root->pairs[i].value;
        const struct brun_option_spec *s;
        int rc;
        if (strcmp(key->text, "targets") == 0)
            rc = apply_targets(l, key, value, o);
        else if (strcmp(key->text, "compare") == 0)
            rc = apply_compare(l, key, value, o);
        else if (strcmp(key->text, "commands") == 0)
            rc = apply_commands(l, key, value, o);
        else if (strcmp(key->text, "thresholds") == 0)
            rc = apply_thresholds(l, key, value, o);
        else if (strcmp(key->text, "slo") == 0)
            rc = apply_slo(l, key, value, o);
        else if (strcmp(key->text, "exports") == 0)
            rc = apply_exports(l, key, value, o);
        else if (strcmp(key->text, "github") == 0)
            rc = apply_github(l, key, value, o);
        else if ((s = brun_option_by_key(key->text)) != NULL)
            rc = apply_option(l, s, key, value, o);
        else
            rc = unknown_key(l, key, "", list_keys,
                             sizeof list_keys / sizeof list_keys[0], 1);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* ---- The API ---------------------------------------------------------- */

/* The folder part of path: "." when it has none. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    char *dir = malloc((size_t)(slash - path) + 1);
    if (!dir)
        return NULL;
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = '\0';
    return dir;
}

int brun_config_load(const char *path, struct brun_options *o, char *why,
                     size_t why_size)
{
    struct loader l;
    struct brun_yaml_tree tree;
    int rc = -1;

    memset(&l, 0, sizeof l);
    l.path = path;
    l.why = why;
    l.why_size = why_size;
    /* Not regular files only: --config may name a pipe. */
    if (brun_yaml_tree_read_file(path, MAX_FILE_SIZE, BRUN_YAML_ONE_LINE, &tree,
                                 why, why_size) != 0)
        return -1;
    l.dir = folder_of(path);
    if (!l.dir) {
        snprintf(why, why_size, "%s: out of memory", path);
        brun_yaml_tree_release(&tree);
        return -1;
    }
    if (apply(&l, tree.root, o) == 0) {
        char *copy = strdup(path);
        if (copy) {
            free(o->config_path);
            o->config_path = copy;
            rc = 0;
        } else {
            snprintf(why, why_size, "%s: out of memory", path);
        }
    }
    brun_yaml_tree_release(&tree);
    free(l.dir);
    return rc;
}

int brun_config_locate(const char *cli_path, int no_config, char **path,
                       char *why, size_t why_size)
{
    static const char default_path[] = "benchrun.yml";
    struct stat st;

    *path = NULL;
    if (cli_path && no_config) {
        snprintf(why, why_size,
                 "--config %s and --no-config contradict each "
                 "other: give one",
                 cli_path);
        return -1;
    }
    if (no_config)
        return 0;
    if (cli_path) {
        if (!*cli_path) {
            snprintf(why, why_size,
                     "--config: expected a file, got an empty "
                     "name");
            return -1;
        }
        if (stat(cli_path, &st) != 0) {
            snprintf(why, why_size, "--config %s: %s", cli_path,
                     strerror(errno));
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            snprintf(why, why_size,
                     "--config %s: is a directory, not a "
                     "file",
                     cli_path);
            return -1;
        }
    } else if (stat(default_path, &st) != 0) {
        if (errno == ENOENT)
            return 0; /* no ./benchrun.yml: defaults and command line */
        snprintf(why, why_size, "%s: %s", default_path, strerror(errno));
        return -1;
    }
    *path = strdup(cli_path ? cli_path : default_path);
    if (!*path) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    return 0;
}
