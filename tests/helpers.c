/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * helpers.c: running commands for the tests (see helpers.h).
 */
#include "config.h"

#include "tests/helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct growing {
    char *data;
    size_t len, cap;
};

static void append(struct growing *g, const char *p, size_t n)
{
    if (g->len + n + 1 > g->cap) {
        size_t cap = g->cap ? g->cap : 4096;
        while (cap < g->len + n + 1)
            cap *= 2;
        char *d = realloc(g->data, cap);
        if (!d)
            abort();
        g->data = d;
        g->cap = cap;
    }
    memcpy(g->data + g->len, p, n);
    g->len += n;
    g->data[g->len] = '\0';
}

static char **merged_environment(char *const extra[])
{
    size_t n = 0, k = 0;
    while (environ[n])
        n++;
    size_t m = 0;
    while (extra && extra[m])
        m++;
    char **env = calloc(n + m + 1, sizeof *env);
    if (!env)
        abort();
    for (size_t i = 0; i < n; i++) {
        int overridden = 0;
        for (size_t j = 0; j < m; j++) {
            size_t name = strcspn(extra[j], "=");
            if (strncmp(environ[i], extra[j], name + 1) == 0)
                overridden = 1;
        }
        if (!overridden)
            env[k++] = environ[i];
    }
    for (size_t j = 0; j < m; j++)
        env[k++] = extra[j];
    env[k] = NULL;
    return env;
}

int run_command(char *const argv[], char *const env[], double timeout_s,
                struct command_result *r)
{
    int out[2], err[2];
    posix_spawn_file_actions_t actions;
    pid_t pid;
    struct growing o = {0}, e = {0};

    memset(r, 0, sizeof *r);
    if (pipe(out) != 0 || pipe(err) != 0)
        return -1;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, err[0]);
    char **full_env = merged_environment(env);
    int rc = posix_spawn(&pid, argv[0], &actions, NULL, argv, full_env);
    free(full_env);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    if (rc != 0) {
        close(out[0]);
        close(err[0]);
        errno = rc;
        return -1;
    }
    double deadline = now() + timeout_s;
    int open_out = 1, open_err = 1, killed = 0;
    while (open_out || open_err) {
        struct pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
        int left = (int)((deadline - now()) * 1000);
        if (left <= 0 && !killed) {
            kill(pid, SIGKILL);
            killed = 1;
        }
        if (poll(fds, 2, left > 0 ? left : 100) < 0 && errno != EINTR)
            break;
        char buf[8192];
        for (int i = 0; i < 2; i++) {
            int *open_flag = i == 0 ? &open_out : &open_err;
            if (!*open_flag || !(fds[i].revents & (POLLIN | POLLHUP)))
                continue;
            ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n <= 0)
                *open_flag = 0;
            else
                append(i == 0 ? &o : &e, buf, (size_t)n);
        }
    }
    close(out[0]);
    close(err[0]);
    int status;
    waitpid(pid, &status, 0);
    r->status =
        WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    append(&o, "", 0);
    append(&e, "", 0);
    r->out = o.data;
    r->err = e.data;
    return 0;
}

void command_result_free(struct command_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

static const char *joined(const char *env_name, const char *relative)
{
    static char buf[2][4096];
    static int which;
    const char *base = getenv(env_name);
    which ^= 1;
    snprintf(buf[which], sizeof buf[which], "%s/%s", base ? base : ".",
             relative);
    return buf[which];
}

const char *build_path(const char *relative)
{
    return joined("BENCHRUN_TEST_BUILDDIR", relative);
}

const char *source_path(const char *relative)
{
    return joined("BENCHRUN_TEST_SRCDIR", relative);
}

char *make_scratch_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *path = malloc(4096);
    if (!path)
        return NULL;
    snprintf(path, 4096, "%s/benchrun-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

size_t count_occurrences(const char *haystack, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = haystack; len && (p = strstr(p, needle)); p += len)
        n++;
    return n;
}

int is_one_line(const char *s)
{
    size_t len = strlen(s);
    return len > 0 && s[len - 1] == '\n' && count_occurrences(s, "\n") == 1;
}

pid_t start_command(char *const argv[], char *const env[], const char *log)
{
    posix_spawn_file_actions_t actions;
    pid_t pid;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log ? log : "/dev/null",
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    char **full_env = merged_environment(env);
    int rc = posix_spawn(&pid, argv[0], &actions, NULL, argv, full_env);
    free(full_env);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

static void pause_briefly(void)
{
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
}

int wait_command(pid_t pid, double timeout_s)
{
    double deadline = now() + timeout_s;
    int status;
    for (;;) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status)
                                     : 128 + WTERMSIG(status);
        if (got < 0 && errno != EINTR)
            return -1;
        if (now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        pause_briefly();
    }
}

/* 1 when pid is gone or a zombie (dead, not yet reaped by its parent). */
static int dead(pid_t pid)
{
    char path[64], stat[512];
    if (kill(pid, 0) != 0)
        return errno == ESRCH;
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    size_t n = fread(stat, 1, sizeof stat - 1, f);
    fclose(f);
    stat[n] = '\0';
    const char *paren = strrchr(stat, ')');
    return !paren || paren[1] == '\0' || paren[2] == 'Z' || paren[2] == 'X';
}

int wait_gone(pid_t pid, double timeout_s)
{
    double deadline = now() + timeout_s;
    while (!dead(pid)) {
        if (now() > deadline)
            return 0;
        pause_briefly();
    }
    return 1;
}

char *wait_for_file(const char *path, double timeout_s)
{
    double deadline = now() + timeout_s;
    for (;;) {
        FILE *f = fopen(path, "r");
        if (f) {
            char buf[256];
            size_t n = fread(buf, 1, sizeof buf - 1, f);
            fclose(f);
            buf[n] = '\0';
            if (n > 0 && buf[n - 1] == '\n')
                return strdup(buf);
        }
        if (now() > deadline)
            return NULL;
        pause_briefly();
    }
}

int run_benchrun_in(const char *dir, char *const env[],
                    const char *const args[], double timeout_s,
                    struct command_result *r)
{
    /* sh runs `cd "$0" && exec "$@"`: no argument is ever re-quoted. */
    size_t n = 0;
    while (args[n])
        n++;
    char **argv = calloc(n + 6, sizeof *argv);
    if (!argv)
        return -1;
    argv[0] = "/bin/sh";
    argv[1] = "-c";
    argv[2] = "cd \"$0\" && exec \"$@\"";
    argv[3] = (char *)dir;
    argv[4] = strdup(build_path("runner/benchrun"));
    for (size_t i = 0; i < n; i++)
        argv[5 + i] = (char *)args[i];
    int status = argv[4] ? run_command(argv, env, timeout_s, r) : -1;
    free(argv[4]);
    free(argv);
    return status;
}

char *read_whole_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&text, &size);
    if (!m) {
        fclose(f);
        return NULL;
    }
    char buf[4096];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, got, m);
    fclose(f);
    if (fclose(m) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
