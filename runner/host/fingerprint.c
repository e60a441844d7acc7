/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * fingerprint.c: building a fingerprint from results plus git, and
 * listing the differences of two (see fingerprint.h).  git is run as a
 * child with a deadline; whatever goes wrong there leaves the revision
 * unknown rather than failing the caller.  It does not interpret the
 * differences: which ones matter is for the caller to say.
 */
#include "config.h"

#include "runner/host/fingerprint.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/io.h"

extern char **environ;

/* How long git may take before it is killed and the revision is unknown. */
#define GIT_DEADLINE_MS 10000

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/* Runs git with args, capturing up to out_size - 1 bytes of its stdout.
 * Returns 0 when it exited with status 0 within the deadline. */
static int run_git(char *const argv[], char *out, size_t out_size)
{
    int pipe_fd[2];
    posix_spawn_file_actions_t actions;
    pid_t pid;
    size_t len = 0;
    int ok = 0, killed = 0;

    out[0] = '\0';
    if (pipe2(pipe_fd, O_CLOEXEC) != 0)
        return -1;
    if (posix_spawn_file_actions_init(&actions) != 0) {
        close(pipe_fd[0]);
        close(pipe_fd[1]);
        return -1;
    }
    if (posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY,
                                         0) == 0 &&
        posix_spawn_file_actions_adddup2(&actions, pipe_fd[1], 1) == 0 &&
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY,
                                         0) == 0)
        ok = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ) == 0;
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fd[1]);
    if (!ok) {
        close(pipe_fd[0]);
        return -1;
    }
    double deadline = now_ms() + GIT_DEADLINE_MS;
    for (;;) {
        int left = (int)(deadline - now_ms());
        if (left <= 0) {
            kill(pid, SIGKILL);
            killed = 1;
            break;
        }
        struct pollfd p = {pipe_fd[0], POLLIN, 0};
        int n = poll(&p, 1, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            continue;
        char buf[512];
        ssize_t got = brun_io_read(pipe_fd[0], buf, sizeof buf);
        if (got <= 0)
            break;
        size_t keep = (size_t)got;
        if (keep > out_size - 1 - len)
            keep = out_size - 1 - len;
        memcpy(out + len, buf, keep);
        len += keep;
        out[len] = '\0';
    }
    close(pipe_fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return !killed && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The commit of HEAD and whether the work tree has changes. */
static void probe_git(struct brun_fingerprint *fp)
{
    char head[128], status[64];
    char *rev_parse[] = {"git", "rev-parse", "--verify", "-q", "HEAD", NULL};
    char *porcelain[] = {"git", "--no-optional-locks", "status", "--porcelain",
                         NULL};

    fp->git_commit[0] = '\0';
    fp->git_dirty = -1;
    if (run_git(rev_parse, head, sizeof head) != 0)
        return;
    size_t n = strcspn(head, "\r\n");
    head[n] = '\0';
    if ((n != 40 && n != 64) || n >= sizeof fp->git_commit)
        return;
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)head[i]))
            return;
    if (run_git(porcelain, status, sizeof status) != 0)
        return;
    memcpy(fp->git_commit, head, n + 1);
    fp->git_dirty = status[0] != '\0';
}

void brun_fingerprint_compilers(const struct brun_results *r, char *out,
                                size_t out_size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->case_count; i++) {
        const char *c = r->cases[i].compiler;
        int seen = 0;
        if (!c || !*c)
            continue;
        for (size_t j = 0; j < i && !seen; j++)
            seen = r->cases[j].compiler && strcmp(r->cases[j].compiler, c) == 0;
        if (seen)
            continue;
        int n = snprintf(out + len, out_size - len, "%s%s", len ? ", " : "", c);
        if (n < 0 || (size_t)n >= out_size - len) {
            out[len] = '\0'; /* no room for the whole name: stop before it */
            return;
        }
        len += (size_t)n;
    }
}

void brun_fingerprint_of(const struct brun_results *r,
                         struct brun_fingerprint *fp)
{
    const struct brun_context *c = &r->context;
    memset(fp, 0, sizeof *fp);
    snprintf(fp->cpu_model, sizeof fp->cpu_model, "%s", c->host.cpu_model);
    fp->cpus = c->host.cpus;
    snprintf(fp->kernel, sizeof fp->kernel, "%s", c->host.kernel);
    snprintf(fp->machine, sizeof fp->machine, "%s", c->host.machine);
    brun_fingerprint_compilers(r, fp->compilers, sizeof fp->compilers);
    snprintf(fp->benchrun_version, sizeof fp->benchrun_version, "%s",
             c->benchrun_version ? c->benchrun_version : "");
    snprintf(fp->clock, sizeof fp->clock, "%s", brun_clock_name(c->clock.kind));
    fp->ticks_per_second = c->clock.ticks_per_second;
    probe_git(fp);
}

/* Appends one formatted line to out, keeping it terminated. */
static void add_line(char *out, size_t out_size, size_t *len, const char *label,
                     const char *before, const char *after)
{
    if (*len >= out_size)
        return;
    int n =
        snprintf(out + *len, out_size - *len, "%s: %s -> %s\n", label,
                 *before ? before : "(unknown)", *after ? after : "(unknown)");
    if (n > 0)
        *len += (size_t)n < out_size - *len ? (size_t)n : out_size - *len - 1;
}

static const char *dirty_word(int dirty)
{
    return dirty < 0 ? "no repository" : dirty ? "modified" : "clean";
}

size_t brun_fingerprint_diff(const struct brun_fingerprint *a,
                             const struct brun_fingerprint *b, char *out,
                             size_t out_size)
{
    char cpus_a[16], cpus_b[16], rate_a[32], rate_b[32];
    double ra = a->ticks_per_second, rb = b->ticks_per_second;
    /* Within 0.1 %: the same clock, calibrated twice. */
    int same_rate = fabs(ra - rb) <= 0.001 * fmax(fabs(ra), fabs(rb));

    snprintf(cpus_a, sizeof cpus_a, "%d", a->cpus);
    snprintf(cpus_b, sizeof cpus_b, "%d", b->cpus);
    snprintf(rate_a, sizeof rate_a, "%.3f MHz", ra / 1e6);
    snprintf(rate_b, sizeof rate_b, "%.3f MHz", rb / 1e6);
    const struct {
        const char *label, *a, *b;
        int differs;
    } fields[] = {
        {"CPU model", a->cpu_model, b->cpu_model, -1},
        {"CPUs", cpus_a, cpus_b, a->cpus != b->cpus},
        {"kernel", a->kernel, b->kernel, -1},
        {"machine", a->machine, b->machine, -1},
        {"compilers", a->compilers, b->compilers, -1},
        {"benchrun version", a->benchrun_version, b->benchrun_version, -1},
        {"clock", a->clock, b->clock, -1},
        {"clock rate", rate_a, rate_b, !same_rate},
        {"git commit", a->git_commit, b->git_commit, -1},
        {"git work tree", dirty_word(a->git_dirty), dirty_word(b->git_dirty),
         a->git_dirty != b->git_dirty},
    };
    size_t count = 0, len = 0;

    if (out_size > 0)
        out[0] = '\0';
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        int differs = fields[i].differs;
        if (differs < 0)
            differs = strcmp(fields[i].a, fields[i].b) != 0;
        if (!differs)
            continue;
        count++;
        add_line(out, out_size, &len, fields[i].label, fields[i].a,
                 fields[i].b);
    }
    return count;
}
