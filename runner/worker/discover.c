/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * discover.c: the LIST conversation with a target (see discover.h), plus
 * the checks on the path that give a clearer message than exec would.
 */
#include "config.h"

#include "runner/worker/discover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner/worker/session.h"

/* Longest a target may take to list its cases. */
#define LIST_TIMEOUT_S 30.0

struct listing {
    struct brun_case_list *list;
    size_t capacity;
};

/* A decimal long long, the whole field. */
static int parse_arg(const char *field, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(field, &end, 10);
    return errno != 0 || end == field || *end != '\0' ? -1 : 0;
}

static int add_case(struct listing *l, const struct brun_proto_msg *m,
                    char *why, size_t why_size)
{
    uint64_t line, optimized, parameterized = 0, threads = 1;
    struct brun_listed_case c = {0};
    /* 8 fields from a protocol 1 worker, 11 with the argument (2), 12
     * with the thread count (3). */
    if ((m->count != 8 && m->count != 11 && m->count != 12) ||
        (m->count == 12 && (brun_proto_u64(m->fields[11], &threads) != 0 ||
                            threads < 1 || threads > 100000)) ||
        brun_proto_u64(m->fields[3], &line) != 0 ||
        brun_proto_double(m->fields[4], &c.bytes) != 0 ||
        brun_proto_double(m->fields[5], &c.items) != 0 ||
        brun_proto_u64(m->fields[6], &optimized) != 0 || !m->fields[1][0] ||
        (m->count >= 11 &&
         (brun_proto_u64(m->fields[8], &parameterized) != 0 ||
          parameterized > 1 || parse_arg(m->fields[9], &c.arg) != 0))) {
        snprintf(why, why_size, "malformed CASE message");
        return -1;
    }
    c.parameterized = (int)parameterized;
    c.threads = (unsigned)threads;
    if (l->list->count == l->capacity) {
        size_t cap = l->capacity ? 2 * l->capacity : 16;
        struct brun_listed_case *grown =
            realloc(l->list->cases, cap * sizeof *grown);
        if (!grown) {
            snprintf(why, why_size, "out of memory");
            return -1;
        }
        l->list->cases = grown;
        l->capacity = cap;
    }
    c.name = strdup(m->fields[1]);
    c.file = strdup(m->fields[2]);
    c.compiler = strdup(m->fields[7]);
    c.line = line > 1000000000 ? 0 : (int)line;
    c.optimized = optimized != 0;
    int named = m->count >= 11 && m->fields[10][0];
    if (named)
        c.arg_name = strdup(m->fields[10]);
    if (!c.name || !c.file || !c.compiler || (named && !c.arg_name)) {
        free(c.name);
        free(c.file);
        free(c.compiler);
        free(c.arg_name);
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    l->list->cases[l->list->count++] = c;
    return 0;
}

static int on_list_message(void *ctx, const struct brun_proto_msg *m, char *why,
                           size_t why_size)
{
    struct listing *l = ctx;
    if (strcmp(m->fields[0], "CASE") == 0)
        return add_case(l, m, why, why_size) == 0 ? 0 : -1;
    if (strcmp(m->fields[0], "LISTED") == 0) {
        uint64_t n;
        if (m->count != 2 || brun_proto_u64(m->fields[1], &n) != 0 ||
            n != l->list->count) {
            snprintf(why, why_size,
                     "LISTED count does not match the %zu "
                     "cases sent",
                     l->list->count);
            return -1;
        }
        return 1;
    }
    snprintf(why, why_size, "expected CASE or LISTED");
    return -1;
}

/* Checks path before trying to run it. */
static int check_path(const char *path, char *why, size_t why_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(why, why_size, "%s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "is a directory, not a bench executable");
        return -1;
    }
    if (!S_ISREG(st.st_mode) || access(path, X_OK) != 0) {
        snprintf(why, why_size, "not an executable file");
        return -1;
    }
    return 0;
}

int brun_discover(const char *path, double timeout_s,
                  struct brun_case_list *out, char *why, size_t why_size)
{
    struct listing l = {out, 0};
    struct brun_session s = {0};
    struct brun_proto_out command;

    memset(out, 0, sizeof *out);
    if (check_path(path, why, why_size) != 0)
        return -1;
    brun_proto_begin(&command, "LIST");
    s.path = path;
    s.timeout_s = timeout_s < LIST_TIMEOUT_S ? timeout_s : LIST_TIMEOUT_S;
    s.on_message = on_list_message;
    s.ctx = &l;
    brun_session_run(&s, &command);
    out->protocol = s.protocol;
    snprintf(out->library_version, sizeof out->library_version, "%s",
             s.library_version);
    int ok = s.end == BRUN_SESSION_DONE;
    if (!ok)
        snprintf(why, why_size, "%s", s.message);
    brun_session_release(&s);
    if (!ok) {
        brun_case_list_release(out);
        return -1;
    }
    return 0;
}

void brun_case_list_release(struct brun_case_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->cases[i].name);
        free(list->cases[i].file);
        free(list->cases[i].compiler);
        free(list->cases[i].arg_name);
    }
    free(list->cases);
    list->cases = NULL;
    list->count = 0;
}
