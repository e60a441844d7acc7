/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * callgrind_read.c: a line-by-line reader of callgrind's text format.
 * It keeps the function names of name compression ("(id) name" defines,
 * "(id)" refers), the current function and a pending call, and sums
 * the first event of each cost line (subpositions "+N", "-N", "*" are
 * read past: positions do not matter here).  Jumps (jump=, jcnd=) and
 * their position lines carry no cost.  It does not check the positions'
 * values, nor the file and object names.
 */
#include "config.h"

#include "runner/diagnose/callgrind_read.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest compressed-name id accepted (callgrind numbers them from
 * 0 upwards, one per distinct name). */
#define MAX_NAME_ID (1L << 24)

/* One context: a name of fn=/cfn= lines, "callee'caller'...", whose
 * text is the same index of the reader's names table. */
struct context {
    long function; /* index into the function table */
    long stack;    /* index into the stack table */
};

struct reader {
    const char *path;
    size_t line_no;
    char *why;
    size_t why_size;
    /* Compressed function names: id -> context index + 1. */
    long *ids;
    size_t id_count;
    struct context *contexts;
    size_t context_count, context_capacity;
    struct brun_profile_table names, functions, stacks;
    size_t positions; /* number of position columns */
    int have_events;
    long current;     /* context index of fn=, or -1 */
    long callee;      /* context index of the last cfn=, or -1 */
    int pending_call; /* the next cost line is a call's cost */
    int pending_jump; /* the next line is a jump's position */
    double totals, summary;
    int have_totals, have_summary;
};

static int fail(struct reader *r, const char *what)
{
    if (r->line_no)
        snprintf(r->why, r->why_size, "%s:%zu: %s", r->path, r->line_no, what);
    else
        snprintf(r->why, r->why_size, "%s: %s", r->path, what);
    return -1;
}

static int no_memory(struct reader *r)
{
    return fail(r, "out of memory");
}

/* 1 when a part of a context name is only digits: a recursion level. */
static int is_level(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The frames of a context name root-first, joined by ';' (the name's
 * parts are leaf-first, and a part that is only digits is a recursion
 * level of the part before it and is left out); the caller frees it, or
 * NULL when memory runs out. */
static char *fold_chain(const char *name)
{
    size_t n = strlen(name);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t used = 0;
    /* Walk the parts from the last (the root) to the first (the leaf). */
    size_t end = n;
    for (;;) {
        size_t start = end;
        while (start > 0 && name[start - 1] != '\'')
            start--;
        /* A part "2" after "fn" is fn's recursion level; the first part
         * of the name is never a level. */
        if (!(start > 0 && is_level(name + start, end - start)) &&
            end > start) {
            if (used)
                out[used++] = ';';
            memcpy(out + used, name + start, end - start);
            used += end - start;
        }
        if (start == 0)
            break;
        end = start - 1;
    }
    out[used] = '\0';
    return out;
}

/* Records that the compressed id (when >= 0) names context i; returns
 * i, or -1 when memory runs out. */
static long remember(struct reader *r, long id, long i)
{
    if (id < 0)
        return i;
    if ((size_t)id >= r->id_count) {
        size_t n =
            (size_t)id + 1 > 2 * r->id_count ? (size_t)id + 1 : 2 * r->id_count;
        long *ids = realloc(r->ids, n * sizeof *ids);
        if (!ids)
            return no_memory(r);
        memset(ids + r->id_count, 0, (n - r->id_count) * sizeof *ids);
        r->ids = ids;
        r->id_count = n;
    }
    r->ids[id] = i + 1;
    return i;
}

/* The context for a fn=/cfn= value: "(id) name", "(id)" or "name".
 * Returns its index, or -1 with why set. */
static long context_for(struct reader *r, const char *value)
{
    long id = -1;
    const char *name = value;
    if (value[0] == '(' && value[1] >= '0' && value[1] <= '9') {
        char *end;
        errno = 0;
        long v = strtol(value + 1, &end, 10);
        if (*end == ')' && (end[1] == '\0' || end[1] == ' ')) {
            if (errno || v < 0 || v > MAX_NAME_ID)
                return fail(r, "name id out of range");
            id = v;
            name = end[1] == ' ' ? end + 2 : NULL;
        }
    }
    if (id >= 0 && !name) {
        if ((size_t)id >= r->id_count || r->ids[id] == 0) {
            char what[80];
            snprintf(what, sizeof what,
                     "function (%ld) used before it is named", id);
            return fail(r, what);
        }
        return r->ids[id] - 1;
    }
    if (*name == '\0')
        return fail(r, "empty function name");
    size_t len = strlen(name);
    long known = brun_profile_table_add(&r->names, name, len, 0, 0);
    if (known < 0)
        return no_memory(r);
    if ((size_t)known < r->context_count)
        return remember(r, id, known);
    if (r->context_count == r->context_capacity) {
        size_t n = r->context_capacity ? 2 * r->context_capacity : 64;
        struct context *c = realloc(r->contexts, n * sizeof *c);
        if (!c)
            return no_memory(r);
        r->contexts = c;
        r->context_capacity = n;
    }
    struct context *c = &r->contexts[r->context_count];
    char *chain = fold_chain(name);
    if (!chain)
        return no_memory(r);
    c->function =
        brun_profile_table_add(&r->functions, name, strcspn(name, "'"), 0, 0);
    c->stack = brun_profile_table_add(&r->stacks, chain, strlen(chain), 0, 0);
    free(chain);
    if (c->function < 0 || c->stack < 0)
        return no_memory(r);
    r->context_count++;
    return remember(r, id, (long)(r->context_count - 1));
}

/* One number: decimal or 0x-hexadecimal.  Returns the end, or NULL. */
static const char *number(const char *s, double *v)
{
    char *end;
    errno = 0;
    unsigned long long n;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        n = strtoull(s + 2, &end, 16);
    else if (s[0] >= '0' && s[0] <= '9')
        n = strtoull(s, &end, 10);
    else
        return NULL;
    if (errno || (*end != '\0' && *end != ' ' && *end != '\t'))
        return NULL;
    *v = (double)n;
    return end;
}

static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* A cost line: r->positions subpositions, then costs.  Sets *cost to the
 * first cost (0 when the line has none).  0, or -1 when malformed. */
static int cost_line(struct reader *r, const char *s, double *cost)
{
    *cost = 0;
    s = skip_blanks(s);
    for (size_t i = 0; i < r->positions; i++) {
        double ignored;
        if (*s == '*') {
            s++;
        } else {
            if (*s == '+' || *s == '-')
                s++;
            s = number(s, &ignored);
            if (!s)
                return -1;
        }
        if (*s != '\0' && *s != ' ' && *s != '\t')
            return -1;
        s = skip_blanks(s);
    }
    if (*s == '\0')
        return 0;
    if (!number(s, cost))
        return -1;
    return 0;
}

/* "positions: line", "positions: instr line": the number of columns. */
static int positions_line(struct reader *r, const char *value)
{
    size_t n = 0;
    const char *s = skip_blanks(value);
    while (*s) {
        size_t len = strcspn(s, " \t");
        if (!((len == 4 && strncmp(s, "line", 4) == 0) ||
              (len == 5 && strncmp(s, "instr", 5) == 0)))
            return fail(r, "positions: expected instr and/or line");
        n++;
        s = skip_blanks(s + len);
    }
    if (n == 0 || n > 2)
        return fail(r, "positions: expected instr and/or line");
    r->positions = n;
    return 0;
}

static int starts(const char *line, const char *key)
{
    return strncmp(line, key, strlen(key)) == 0;
}

/* 1 when a call from the function f to the context whose folded chain
 * (root first) is chain runs inside another activation of f, so that
 * f's inclusive cost holds it already: f is the callee itself (direct
 * recursion) or an ancestor above the caller (the chain's last part is
 * the callee, the one before it the caller). */
static int call_is_nested(const char *chain, const char *f)
{
    size_t parts = 1;
    for (const char *c = chain; *c; c++)
        parts += *c == ';';
    size_t n = strlen(f), i = 0;
    for (const char *part = chain;; i++) {
        size_t len = strcspn(part, ";");
        if ((i + 2 < parts || i + 1 == parts) && len == n &&
            strncmp(part, f, n) == 0)
            return 1;
        if (part[len] == '\0')
            return 0;
        part += len + 1;
    }
}

static int add_cost(struct reader *r, double cost)
{
    if (r->current < 0)
        return fail(r, "cost line before any fn= line");
    struct context *c = &r->contexts[r->current];
    if (r->pending_call) {
        r->pending_call = 0;
        /* Recursion: the cost is inside this function's inclusive cost
         * already (as far as the contexts' chains show it). */
        const struct context *e = &r->contexts[r->callee];
        if (!call_is_nested(r->stacks.names[e->stack],
                            r->functions.names[c->function]))
            r->functions.b[c->function] += cost;
        return 0;
    }
    r->functions.a[c->function] += cost;
    r->functions.b[c->function] += cost;
    r->stacks.a[c->stack] += cost;
    return 0;
}

static int header_value(struct reader *r, const char *value, double *v)
{
    if (!number(skip_blanks(value), v))
        return fail(r, "expected a number of instructions");
    return 0;
}

static int read_line(struct reader *r, char *line)
{
    size_t len = strlen(line);
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    if (len == 0 || line[0] == '#')
        return 0;
    if (r->pending_jump) {
        /* The line after jump=/jcnd= is the jump's source position. */
        double ignored;
        r->pending_jump = 0;
        return cost_line(r, line, &ignored) == 0
                   ? 0
                   : fail(r, "malformed position line after a jump");
    }
    char c = line[0];
    int is_cost = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '*';
    if (r->pending_call && !is_cost)
        return fail(r, "calls= line not followed by its cost line");
    if (is_cost) {
        double cost;
        if (!r->have_events)
            return fail(r, "not a callgrind file (no events: line)");
        if (cost_line(r, line, &cost) != 0)
            return fail(r, "malformed cost line");
        return add_cost(r, cost);
    }
    if (starts(line, "fn=")) {
        long i = context_for(r, line + 3);
        if (i < 0)
            return -1;
        r->current = i;
        r->pending_call = 0;
        return 0;
    }
    if (starts(line, "cfn=")) {
        long i = context_for(r, line + 4);
        if (i < 0)
            return -1;
        r->callee = i;
        return 0;
    }
    if (starts(line, "calls=")) {
        if (r->callee < 0)
            return fail(r, "calls= without a cfn= line before it");
        r->pending_call = 1;
        return 0;
    }
    if (starts(line, "jump=") || starts(line, "jcnd=")) {
        r->pending_jump = 1;
        return 0;
    }
    static const char *const ignored[] = {
        "ob=", "cob=", "fl=", "fi=", "fe=", "cfi=", "cfl=", "jfi=", "jfn="};
    for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++)
        if (starts(line, ignored[i]))
            return 0;
    if (starts(line, "events:")) {
        if (!*skip_blanks(line + 7))
            return fail(r, "events: names no event");
        r->have_events = 1;
        return 0;
    }
    if (starts(line, "positions:"))
        return positions_line(r, line + 10);
    if (starts(line, "totals:")) {
        double v;
        if (header_value(r, line + 7, &v) != 0)
            return -1;
        r->totals += v;
        r->have_totals = 1;
        return 0;
    }
    if (starts(line, "summary:")) {
        double v;
        if (header_value(r, line + 8, &v) != 0)
            return -1;
        r->summary += v;
        r->have_summary = 1;
        return 0;
    }
    /* Other header lines ("version: 1", "cmd: ...", "desc: ...",
     * "event: Ir : ...", "part: 1"): a word, then a colon. */
    size_t word = strspn(line, "abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    if (word > 0 && line[word] == ':')
        return 0;
    if (!r->have_events)
        return fail(r, "not a callgrind file (no events: line)");
    return fail(r, "malformed line");
}

static void reader_release(struct reader *r)
{
    free(r->contexts);
    brun_profile_table_release(&r->names);
    free(r->ids);
    brun_profile_table_release(&r->functions);
    brun_profile_table_release(&r->stacks);
}

int brun_callgrind_read(const char *path, struct brun_profile *out, char *why,
                        size_t why_size)
{
    struct reader r = {.path = path,
                       .why = why,
                       .why_size = why_size,
                       .positions = 1,
                       .current = -1,
                       .callee = -1};
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(why, why_size, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    while (getline(&line, &cap, f) >= 0) {
        r.line_no++;
        if (read_line(&r, line) != 0) {
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(why, why_size, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    free(line);
    fclose(f);
    if (rc == 0 && !r.have_events) {
        r.line_no = 0;
        rc = fail(&r, "not a callgrind file (no events: line)");
    }
    if (rc == 0 && r.pending_call) {
        rc = fail(&r, "calls= line without the cost line after it");
    }
    if (rc != 0) {
        reader_release(&r);
        return -1;
    }
    double total = 0;
    if (r.have_totals)
        total = r.totals;
    else if (r.have_summary)
        total = r.summary;
    else
        for (size_t i = 0; i < r.functions.count; i++)
            total += r.functions.a[i];
    rc = brun_profile_from_tables(out, &r.functions, &r.stacks, total);
    reader_release(&r);
    if (rc != 0) {
        snprintf(why, why_size, "%s: out of memory", path);
        return -1;
    }
    return 0;
}
