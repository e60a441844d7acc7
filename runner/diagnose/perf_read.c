/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * perf_read.c: the `perf script` text reader (a two-state line reader:
 * between samples, or inside a sample's call graph) and the runner of
 * `perf script` (fork, exec, both pipes read with poll).  It knows the
 * default output fields only; it does not read perf.data itself.
 */
#include "config.h"

#include "runner/diagnose/perf_read.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The deepest stack kept: frames beyond it (towards the root) are
 * dropped. */
#define MAX_FRAMES 512

struct frame {
    const char *name;
    size_t len;
    int brackets; /* a DSO basename, written as "[name]" */
};

struct sample {
    struct frame frames[MAX_FRAMES]; /* leaf first */
    size_t count;
    double weight;
};

struct parser {
    struct brun_profile_table functions, stacks;
    char *buf; /* folding buffer */
    size_t buf_size;
    double total;
};

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* A frame "addr sym+off (dso)" in s[0..len): sets *f.  The unknown-
 * symbol names are static strings.  0, or -1 when malformed. */
static int parse_frame(const char *s, size_t len, struct frame *f)
{
    while (len && is_space(*s)) {
        s++;
        len--;
    }
    while (len && is_space(s[len - 1]))
        len--;
    /* addr */
    size_t i = 0;
    while (i < len && !is_space(s[i]))
        i++;
    if (i == 0 || i == len)
        return -1;
    while (i < len && is_space(s[i]))
        i++;
    /* (dso) at the end: the last " (" opening the final ")". */
    if (s[len - 1] != ')')
        return -1;
    size_t open = len - 1;
    while (open > i && !(s[open] == '(' && is_space(s[open - 1])))
        open--;
    if (open <= i)
        return -1;
    const char *dso = s + open + 1;
    size_t dso_len = len - 1 - (open + 1);
    const char *sym = s + i;
    size_t sym_len = open - i;
    while (sym_len && is_space(sym[sym_len - 1]))
        sym_len--;
    /* Strip "+0x1f". */
    size_t plus = sym_len;
    while (plus > 0 && sym[plus - 1] != '+')
        plus--;
    if (plus > 1 && plus + 2 < sym_len && sym[plus] == '0' &&
        sym[plus + 1] == 'x') {
        size_t j = plus + 2;
        while (j < sym_len && strchr("0123456789abcdefABCDEF", sym[j]))
            j++;
        if (j == sym_len)
            sym_len = plus - 1;
    }
    f->brackets = 0;
    if (sym_len == 0 || (sym_len == 9 && strncmp(sym, "[unknown]", 9) == 0)) {
        if (dso_len == 0 ||
            (dso_len == 9 && strncmp(dso, "[unknown]", 9) == 0)) {
            f->name = "[unknown]";
            f->len = 9;
            return 0;
        }
        size_t base = dso_len;
        while (base > 0 && dso[base - 1] != '/')
            base--;
        f->name = dso + base;
        f->len = dso_len - base;
        /* "[kernel.kallsyms]" has its brackets already. */
        f->brackets =
            !(f->len >= 2 && f->name[0] == '[' && f->name[f->len - 1] == ']');
        return 0;
    }
    f->name = sym;
    f->len = sym_len;
    return 0;
}

/* Appends frame f to p->buf at *used (adding the "[...]" a DSO basename
 * needs); 0, or -1 when memory runs out. */
static int append(struct parser *p, size_t *used, const struct frame *f,
                  int separator)
{
    size_t len = f->len;
    int brackets = f->brackets;
    size_t need = *used + len + 4;
    if (need > p->buf_size) {
        size_t n = p->buf_size ? p->buf_size : 256;
        while (n < need)
            n *= 2;
        char *b = realloc(p->buf, n);
        if (!b)
            return -1;
        p->buf = b;
        p->buf_size = n;
    }
    if (separator)
        p->buf[(*used)++] = ';';
    if (brackets)
        p->buf[(*used)++] = '[';
    memcpy(p->buf + *used, f->name, len);
    *used += len;
    if (brackets)
        p->buf[(*used)++] = ']';
    p->buf[*used] = '\0';
    return 0;
}

static int same_frame(const struct frame *a, const struct frame *b)
{
    return a->len == b->len && a->brackets == b->brackets &&
           memcmp(a->name, b->name, a->len) == 0;
}

/* Adds a finished sample to the tables. */
static int add_sample(struct parser *p, struct sample *s)
{
    if (s->count == 0) {
        s->frames[0].name = "[unknown]";
        s->frames[0].len = 9;
        s->frames[0].brackets = 0;
        s->count = 1;
    }
    p->total += s->weight;
    size_t used = 0;
    for (size_t i = s->count; i > 0; i--)
        if (append(p, &used, &s->frames[i - 1], i != s->count) != 0)
            return -1;
    if (brun_profile_table_add(&p->stacks, p->buf, used, s->weight, 0) < 0)
        return -1;
    for (size_t i = 0; i < s->count; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = same_frame(&s->frames[i], &s->frames[j]);
        if (seen)
            continue;
        used = 0;
        if (append(p, &used, &s->frames[i], 0) != 0)
            return -1;
        if (brun_profile_table_add(&p->functions, p->buf, used,
                                   i == 0 ? s->weight : 0, s->weight) < 0)
            return -1;
    }
    s->count = 0;
    return 0;
}

/* A header line "comm pid [cpu] time: [period] event: [frame]": sets the
 * sample's weight and returns where the frame starts (at the end of the
 * line when there is none), or NULL when the line has no time field. */
static const char *parse_header(const char *s, size_t len, double *weight)
{
    const char *end = s + len;
    const char *t = s;
    /* Find the "12345.678901:" token. */
    for (;;) {
        while (t < end && is_space(*t))
            t++;
        if (t >= end)
            return NULL;
        const char *tok = t;
        while (t < end && !is_space(*t))
            t++;
        size_t n = (size_t)(t - tok);
        if (n >= 3 && tok[n - 1] == ':') {
            size_t digits = 0, dot = 0;
            for (size_t i = 0; i + 1 < n; i++) {
                if (tok[i] >= '0' && tok[i] <= '9')
                    digits++;
                else if (tok[i] == '.')
                    dot++;
            }
            if (dot == 1 && digits == n - 2)
                break;
        }
    }
    /* An optional period, then the event ending in ':'. */
    while (t < end && is_space(*t))
        t++;
    *weight = 1;
    const char *tok = t;
    while (t < end && !is_space(*t))
        t++;
    int numeric = t > tok;
    for (const char *c = tok; c < t; c++)
        numeric = numeric && *c >= '0' && *c <= '9';
    if (numeric) {
        *weight = strtod(tok, NULL);
        if (*weight <= 0)
            *weight = 1;
        while (t < end && is_space(*t))
            t++;
        tok = t;
        while (t < end && !is_space(*t))
            t++;
    }
    if (t == tok || t[-1] != ':')
        return NULL;
    while (t < end && is_space(*t))
        t++;
    return t;
}

static int line_error(char *why, size_t why_size, size_t line_no,
                      const char *what)
{
    snprintf(why, why_size, "perf script output, line %zu: %s", line_no, what);
    return -1;
}

int brun_perf_script_read(const char *text, struct brun_profile *out, char *why,
                          size_t why_size)
{
    memset(out, 0, sizeof *out);
    struct parser p = {0};
    struct sample *s = calloc(1, sizeof *s);
    int rc = 0;
    int in_sample = 0;
    size_t line_no = 0;
    if (!s) {
        snprintf(why, why_size, "perf script output: out of memory");
        return -1;
    }
    for (const char *line = text; *line && rc == 0;) {
        size_t len = strcspn(line, "\n");
        const char *next = line[len] ? line + len + 1 : line + len;
        line_no++;
        size_t content = len;
        while (content &&
               (line[content - 1] == '\r' || is_space(line[content - 1])))
            content--;
        size_t lead = 0;
        while (lead < content && is_space(line[lead]))
            lead++;
        if (lead == content) {
            /* A blank line ends a sample's call graph. */
            if (in_sample && add_sample(&p, s) != 0)
                rc = line_error(why, why_size, line_no, "out of memory");
            in_sample = 0;
        } else if (in_sample) {
            if (s->count < MAX_FRAMES &&
                parse_frame(line, content, &s->frames[s->count]) != 0)
                rc = line_error(why, why_size, line_no,
                                "expected a frame \"addr sym+off (dso)\"");
            else if (s->count < MAX_FRAMES)
                s->count++;
        } else {
            const char *frame = parse_header(line, content, &s->weight);
            if (!frame) {
                rc = line_error(why, why_size, line_no,
                                "expected a sample header \"comm pid time: "
                                "period event:\"");
            } else if (frame == line + content) {
                in_sample = 1;
                s->count = 0;
            } else {
                s->count = 0;
                if (parse_frame(frame, (size_t)(line + content - frame),
                                &s->frames[0]) != 0)
                    rc = line_error(why, why_size, line_no,
                                    "expected a frame \"addr sym+off "
                                    "(dso)\" after the event");
                else {
                    s->count = 1;
                    if (add_sample(&p, s) != 0)
                        rc =
                            line_error(why, why_size, line_no, "out of memory");
                }
            }
        }
        line = next;
    }
    /* The frames point into text, so the last sample is added before
     * anything else changes. */
    if (rc == 0 && in_sample && add_sample(&p, s) != 0)
        rc = line_error(why, why_size, line_no, "out of memory");
    free(s);
    free(p.buf);
    if (rc != 0) {
        brun_profile_table_release(&p.functions);
        brun_profile_table_release(&p.stacks);
        return -1;
    }
    if (brun_profile_from_tables(out, &p.functions, &p.stacks, p.total) != 0) {
        snprintf(why, why_size, "perf script output: out of memory");
        return -1;
    }
    return 0;
}

/* A growable byte buffer for a pipe's output. */
struct bytes {
    char *data;
    size_t len, cap;
};

static int bytes_read(struct bytes *b, int fd)
{
    if (b->cap - b->len < 4097) {
        size_t n = b->cap ? 2 * b->cap : 65536;
        char *d = realloc(b->data, n);
        if (!d)
            return -1;
        b->data = d;
        b->cap = n;
    }
    ssize_t got = read(fd, b->data + b->len, b->cap - b->len - 1);
    if (got < 0)
        return errno == EINTR || errno == EAGAIN ? 1 : -1;
    b->len += (size_t)got;
    b->data[b->len] = '\0';
    return got == 0 ? 0 : 1;
}

int brun_perf_script_run(const char *perf_data, const char *perf_binary,
                         char **text_out, char *why, size_t why_size)
{
    const char *perf = perf_binary ? perf_binary : "perf";
    *text_out = NULL;
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0) {
        snprintf(why, why_size, "%s script: pipe: %s", perf, strerror(errno));
        return -1;
    }
    if (pipe(err_pipe) != 0) {
        snprintf(why, why_size, "%s script: pipe: %s", perf, strerror(errno));
        close(out_pipe[0]);
        close(out_pipe[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, why_size, "%s script: fork: %s", perf, strerror(errno));
        close(out_pipe[0]);
        close(out_pipe[1]);
        close(err_pipe[0]);
        close(err_pipe[1]);
        return -1;
    }
    if (pid == 0) {
        /* Its own process group: perf script starts addr2line and may
         * leave it behind, and the group is how that is found. */
        setpgid(0, 0);
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0)
            dup2(in, 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        close(out_pipe[0]);
        close(err_pipe[0]);
        char *const argv[] = {(char *)perf, "script",          "--no-inline",
                              "-i",         (char *)perf_data, NULL};
        if (strchr(perf, '/'))
            execv(perf, argv);
        else
            execvp(perf, argv);
        dprintf(2, "cannot run %s: %s\n", perf, strerror(errno));
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    struct bytes out = {0}, err = {0};
    struct pollfd fds[2] = {{.fd = out_pipe[0], .events = POLLIN},
                            {.fd = err_pipe[0], .events = POLLIN}};
    int open_fds = 2, failed = 0;
    while (open_fds > 0 && !failed) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            failed = 1;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
                continue;
            int r = bytes_read(i == 0 ? &out : &err, fds[i].fd);
            if (r < 0) {
                failed = 1;
            } else if (r == 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    for (int i = 0; i < 2; i++)
        if (fds[i].fd >= 0)
            close(fds[i].fd);
    if (failed)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* What it left running (an addr2line) came back to benchrun, a
     * child subreaper: end it and reap it, by its group. */
    kill(-pid, SIGKILL);
    int left;
    while (waitpid(-pid, &left, 0) > 0 || errno == EINTR)
        ;
    if (failed) {
        snprintf(why, why_size,
                 "%s script -i %s: out of memory reading its "
                 "output",
                 perf, perf_data);
        free(out.data);
        free(err.data);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const char *msg = err.data ? err.data : "";
        while (*msg == '\n' || *msg == ' ')
            msg++;
        int n = (int)strcspn(msg, "\n");
        if (WIFSIGNALED(status))
            snprintf(why, why_size, "%s script -i %s: killed by signal %d",
                     perf, perf_data, WTERMSIG(status));
        else if (n > 0)
            snprintf(why, why_size, "%s script -i %s: %.*s", perf, perf_data, n,
                     msg);
        else
            snprintf(why, why_size, "%s script -i %s: exit status %d", perf,
                     perf_data, WEXITSTATUS(status));
        free(out.data);
        free(err.data);
        return -1;
    }
    free(err.data);
    if (!out.data) {
        out.data = calloc(1, 1);
        if (!out.data) {
            snprintf(why, why_size, "%s script: out of memory", perf);
            return -1;
        }
    }
    *text_out = out.data;
    return 0;
}
