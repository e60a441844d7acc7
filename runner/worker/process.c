/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * process.c: fork/exec of a worker with its pipes, and its end (see
 * process.h).
 *
 * An exec failure is reported through a close-on-exec pipe: the child
 * writes errno into it only when execv() returns, so the parent reads
 * either an errno or end-of-file (exec succeeded).  Exit is noticed
 * through a pidfd where the kernel has one (Linux 5.3+), so the driver
 * sleeps in poll() instead of polling waitpid().  On Linux a worker gets
 * SIGKILL when the driver dies (PR_SET_PDEATHSIG), so killing benchrun
 * never leaves a hanging case running, and the driver is a child
 * subreaper, so what a case detached from the worker's process group
 * comes back to it to be killed.
 */
#include "config.h"

#include "runner/worker/process.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/io.h"
#include "lib/protocol.h"

#define WORKER_COMMAND_FD 3
#define WORKER_RESULT_FD 4

extern char **environ;

double brun_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int open_pidfd(pid_t pid)
{
#if defined(SYS_pidfd_open)
    long fd = syscall(SYS_pidfd_open, pid, 0);
    return fd < 0 ? -1 : (int)fd;
#else
    (void)pid;
    return -1;
#endif
}

/* Variables benchrun holds as secrets: a worker runs bench code, which
 * has no use for them, and a core dump of a crashing case must not
 * contain them. */
static const char *const secret_variables[] = {"GITHUB_TOKEN=",
                                               "BENCHRUN_GITHUB_TOKEN="};

static int is_secret(const char *entry)
{
    for (size_t i = 0; i < sizeof secret_variables / sizeof *secret_variables;
         i++)
        if (strncmp(entry, secret_variables[i], strlen(secret_variables[i])) ==
            0)
            return 1;
    return 0;
}

/* The environment for a worker: ours without the secrets, plus
 * BENCHRUN_ENV_PAD.  Built before fork, so the child only calls
 * async-signal-safe functions. */
static char **worker_environment(size_t pad_length,
                                 const struct brun_launch *launch,
                                 char **pad_storage)
{
    size_t count = 0, extra = 0;
    while (environ[count])
        count++;
    while (launch && launch->environment && launch->environment[extra])
        extra++;
    char **env = calloc(count + extra + 2, sizeof *env);
    char *pad = malloc(sizeof "BENCHRUN_ENV_PAD=" + pad_length);
    if (!env || !pad) {
        free(env);
        free(pad);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (strncmp(environ[i], "BENCHRUN_ENV_PAD=", 17) != 0 &&
            strncmp(environ[i], "BENCHRUN_LAUNCHED=", 18) != 0 &&
            !is_secret(environ[i]))
            env[n++] = environ[i];
    strcpy(pad, "BENCHRUN_ENV_PAD=");
    memset(pad + 17, 'x', pad_length);
    pad[17 + pad_length] = '\0';
    env[n++] = pad;
    for (size_t i = 0; i < extra; i++)
        env[n++] = (char *)launch->environment[i];
    env[n] = NULL;
    *pad_storage = pad;
    return env;
}

static void close_pair(int fds[2])
{
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
}

/* In the child: put fd at number target, whatever numbers are in use. */
static void move_fd(int fd, int target)
{
    if (fd != target)
        dup2(fd, target);
}

static void exec_child(const char *path, char **argv, char **env,
                       int command[2], int result[2], int output[2],
                       int report[2], pid_t driver)
{
    char flag[64];
    int devnull;

    setpgid(0, 0);
#ifdef __linux__
    /* The worker leads its own process group, so neither a terminal's
     * SIGHUP nor a kill of the driver's group reaches it: it dies with
     * the driver instead (the setting survives execve).  The driver may
     * already be gone by now; then nothing would send the signal. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != driver)
        _exit(127);
#else
    (void)driver;
#endif
    /* Get the descriptors out of the way of 0..4 before placing them. */
    int cmd = fcntl(command[0], F_DUPFD, 10);
    int res = fcntl(result[1], F_DUPFD, 10);
    int out = fcntl(output[1], F_DUPFD, 10);
    devnull = open("/dev/null", O_RDONLY);
    if (cmd < 0 || res < 0 || out < 0 || devnull < 0)
        goto fail;
    move_fd(devnull, 0);
    move_fd(out, 1);
    move_fd(out, 2);
    move_fd(cmd, WORKER_COMMAND_FD);
    move_fd(res, WORKER_RESULT_FD);

    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    snprintf(flag, sizeof flag, "%s%d,%d", BRUN_WORKER_FLAG, WORKER_COMMAND_FD,
             WORKER_RESULT_FD);
    /* argv ends with the target and a NULL kept free for the flag. */
    size_t argc = 0;
    while (argv[argc])
        argc++;
    argv[argc] = flag;
    execve(argv[0], argv, env);
    (void)path;
fail:;
    int err = errno;
    ssize_t ignored = write(report[1], &err, sizeof err);
    (void)ignored;
    _exit(127);
}

/* The worker's argv: the launch's prefix, the target, then room for
 * the worker flag and the NULL. */
static char **worker_argv(const char *path, const struct brun_launch *launch)
{
    size_t prefix = 0;
    while (launch && launch->prefix && launch->prefix[prefix])
        prefix++;
    char **argv = calloc(prefix + 3, sizeof *argv);
    if (!argv)
        return NULL;
    for (size_t i = 0; i < prefix; i++)
        argv[i] = (char *)launch->prefix[i];
    argv[prefix] = (char *)path;
    return argv;
}

int brun_process_start(struct brun_process *p, const char *path,
                       size_t pad_length, char *why, size_t why_size)
{
    return brun_process_launch(p, path, pad_length, NULL, why, why_size);
}

int brun_process_launch(struct brun_process *p, const char *path,
                        size_t pad_length, const struct brun_launch *launch,
                        char *why, size_t why_size)
{
    int command[2] = {-1, -1}, result[2] = {-1, -1};
    int output[2] = {-1, -1}, report[2] = {-1, -1};
    char *pad = NULL;
    char **env = NULL, **argv = NULL;

    memset(p, 0, sizeof *p);
    p->pidfd = p->command_fd = p->result_fd = p->output_fd = -1;
    if (pipe2(command, O_CLOEXEC) != 0 || pipe2(result, O_CLOEXEC) != 0 ||
        pipe2(output, O_CLOEXEC) != 0 || pipe2(report, O_CLOEXEC) != 0) {
        snprintf(why, why_size, "cannot create pipes: %s", strerror(errno));
        goto fail;
    }
    env = worker_environment(pad_length, launch, &pad);
    argv = worker_argv(path, launch);
    if (!env || !argv) {
        snprintf(why, why_size, "out of memory");
        goto fail;
    }
#ifdef __linux__
    /* What a case starts and detaches (setsid(), a double fork) becomes
     * our child when the worker exits, instead of init's: so it can be
     * found and killed (brun_process_kill_strays). */
    static int subreaper;
    if (!subreaper)
        subreaper = prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
#endif
    pid_t driver = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, why_size, "cannot fork: %s", strerror(errno));
        goto fail;
    }
    if (pid == 0)
        exec_child(path, argv, env, command, result, output, report, driver);

    setpgid(pid, pid); /* also here: no race with the child's own call */
    p->pid = pid;
    free(env);
    free(argv);
    free(pad);
    env = NULL;
    argv = NULL;
    pad = NULL;
    close(command[0]);
    close(result[1]);
    close(output[1]);
    close(report[1]);
    p->command_fd = command[1];
    p->result_fd = result[0];
    p->output_fd = output[0];

    int err = 0;
    ssize_t n = brun_io_read_full(report[0], &err, sizeof err);
    close(report[0]);
    if (n == (ssize_t)sizeof err) {
        snprintf(why, why_size, "cannot execute: %s", strerror(err));
        brun_process_wait(p, 5.0);
        brun_process_close(p);
        return -1;
    }
    p->pidfd = open_pidfd(pid);
    fcntl(p->result_fd, F_SETFL, O_NONBLOCK);
    fcntl(p->output_fd, F_SETFL, O_NONBLOCK);
    return 0;

fail:
    close_pair(command);
    close_pair(result);
    close_pair(output);
    close_pair(report);
    free(env);
    free(argv);
    free(pad);
    return -1;
}

/* Reads the parent and the process group of pid from /proc; 0, or -1
 * when it is gone or unreadable. */
static int parent_and_group(long pid, long *ppid, long *pgrp)
{
    char path[64], text[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = brun_io_read_full(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    /* The command name in parentheses may hold anything: skip to the
     * last ')'. */
    const char *p = strrchr(text, ')');
    char state;
    if (!p || sscanf(p + 1, " %c %ld %ld", &state, ppid, pgrp) != 3)
        return -1;
    return 0;
}

unsigned brun_process_kill_strays(const struct brun_process *p, long *first)
{
    unsigned strays = 0;
    *first = 0;
#ifdef __linux__
    DIR *proc = opendir("/proc");
    if (!proc)
        return 0;
    long self = (long)getpid();
    for (struct dirent *e; (e = readdir(proc));) {
        char *end;
        long pid = strtol(e->d_name, &end, 10), ppid, pgrp;
        if (*end || pid <= 0 || parent_and_group(pid, &ppid, &pgrp) != 0 ||
            ppid != self)
            continue;
        int status;
        if (pgrp == (long)p->pid) {
            /* Killed with the worker's group: only reap it. */
            waitpid((pid_t)pid, &status, WNOHANG);
            continue;
        }
        if (!*first)
            *first = pid;
        strays++;
        /* Its group, unless that is ours: a child that never left the
         * driver's group (a tool benchrun ran itself) must not take
         * the driver and its shell with it. */
        if ((pid_t)pgrp != getpgrp())
            kill(-(pid_t)pgrp, SIGKILL);
        kill((pid_t)pid, SIGKILL);
        while (waitpid((pid_t)pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    closedir(proc);
#else
    (void)p;
#endif
    return strays;
}

int brun_process_poll_exit(struct brun_process *p)
{
    if (p->reaped)
        return 1;
    int status;
    pid_t r = waitpid(p->pid, &status, WNOHANG);
    if (r == p->pid) {
        p->reaped = 1;
        p->wait_status = status;
        /* Whatever the worker started dies with it. */
        kill(-p->pid, SIGKILL);
    }
    return p->reaped;
}

void brun_process_kill(struct brun_process *p)
{
    if (p->reaped)
        return;
    kill(-p->pid, SIGKILL);
    kill(p->pid, SIGKILL);
    int status;
    while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
        ;
    p->reaped = 1;
    p->wait_status = status;
}

int brun_process_wait(struct brun_process *p, double timeout_s)
{
    double deadline = brun_now() + timeout_s;
    while (!brun_process_poll_exit(p)) {
        if (brun_now() >= deadline) {
            brun_process_kill(p);
            return 0;
        }
        struct timespec pause = {0, 1000000}; /* 1 ms */
        nanosleep(&pause, NULL);
    }
    return 1;
}

void brun_process_close(struct brun_process *p)
{
    int *fds[] = {&p->pidfd, &p->command_fd, &p->result_fd, &p->output_fd};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) {
        if (*fds[i] >= 0)
            close(*fds[i]);
        *fds[i] = -1;
    }
}

static const char *signal_abbrev(int sig)
{
#ifdef HAVE_SIGABBREV_NP
    return sigabbrev_np(sig);
#else
    switch (sig) {
    case SIGSEGV:
        return "SEGV";
    case SIGABRT:
        return "ABRT";
    case SIGBUS:
        return "BUS";
    case SIGFPE:
        return "FPE";
    case SIGILL:
        return "ILL";
    case SIGKILL:
        return "KILL";
    case SIGTERM:
        return "TERM";
    default:
        return NULL;
    }
#endif
}

void brun_process_describe(int wait_status, char *out, size_t out_size)
{
    if (WIFEXITED(wait_status)) {
        snprintf(out, out_size, "exited with status %d",
                 WEXITSTATUS(wait_status));
    } else if (WIFSIGNALED(wait_status)) {
        int sig = WTERMSIG(wait_status);
        const char *abbrev = signal_abbrev(sig);
        char name[24];
        if (abbrev)
            snprintf(name, sizeof name, "SIG%s", abbrev);
        else
            snprintf(name, sizeof name, "%d", sig);
        snprintf(out, out_size, "killed by signal %s (%s)%s", name,
                 strsignal(sig), WCOREDUMP(wait_status) ? ", core dumped" : "");
    } else {
        snprintf(out, out_size, "stopped with wait status %d", wait_status);
    }
}
