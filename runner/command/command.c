/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * command.c: running and timing whole commands (see command.h).
 *
 * A run forks, the child puts itself in a process group of its own,
 * points stdin (and stdout, stderr unless shown) at /dev/null and execs
 * the shell or the split command; the parent waits with SIGCHLD blocked
 * and sigtimedwait(), so it wakes as the child exits, at the timeout, or
 * at a signal that asks benchrun to stop.  Nothing is allocated between
 * the clock reads but what fork itself does.
 *
 * It does not print, exit or read the options: run.c builds struct
 * brun_command from them.
 */
#include "config.h"

#include "runner/command/command.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "reports/model/wording.h"
#include "runner/measure/estimate.h"
#include "runner/worker/process.h"
#include "runner/worker/session.h"
#include "stats/summary.h"

/* Most words a command split on spaces may have. */
#define MAX_WORDS 256

static uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t timeval_ns(struct timeval tv)
{
    return (uint64_t)tv.tv_sec * 1000000000u + (uint64_t)tv.tv_usec * 1000u;
}

/* Splits copy (modified in place) on spaces into argv[0..max). */
static size_t split_words(char *copy, char **argv, size_t max)
{
    size_t n = 0;
    for (char *p = strtok(copy, " \t"); p && n + 1 < max;
         p = strtok(NULL, " \t"))
        argv[n++] = p;
    argv[n] = NULL;
    return n;
}

/* In the child: never returns. */
static void exec_child(char *const argv[], int search, int show_output,
                       const sigset_t *mask, pid_t driver)
{
    setpgid(0, 0);
#ifdef __linux__
    /* Its own process group keeps a terminal's ^C from it: it dies with
     * benchrun instead, as a worker does. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != driver)
        _exit(127);
#else
    (void)driver;
#endif
    /* benchrun ignores SIGPIPE; a command gets the usual dispositions. */
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    sigprocmask(SIG_SETMASK, mask, NULL);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        if (!show_output) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        if (null > STDERR_FILENO)
            close(null);
    }
    if (search)
        execvp(argv[0], argv);
    else
        execv(argv[0], argv);
    _exit(127);
}

/* Kills pid's process group and reaps pid. */
static void kill_and_reap(pid_t pid, int *status, struct rusage *ru)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    while (wait4(pid, status, 0, ru) < 0 && errno == EINTR)
        ;
}

int brun_command_run_once(const char *line, const char *shell, int show_output,
                          double timeout_s, struct brun_command_run *out,
                          char *why, size_t why_size)
{
    char *argv[MAX_WORDS];
    char *copy = NULL;
    memset(out, 0, sizeof *out);
    if (shell) {
        argv[0] = (char *)shell;
        argv[1] = "-c";
        argv[2] = (char *)line;
        argv[3] = NULL;
    } else {
        copy = strdup(line);
        if (!copy) {
            snprintf(why, why_size, "out of memory");
            return -1;
        }
        if (split_words(copy, argv, MAX_WORDS) == 0) {
            snprintf(why, why_size, "\"%s\" has no word to run", line);
            free(copy);
            return -1;
        }
    }
    if (brun_session_interrupted) {
        snprintf(why, why_size, "interrupted");
        free(copy);
        return -1;
    }

    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);

    pid_t driver = getpid();
    uint64_t start = monotonic_ns();
    pid_t pid = fork();
    if (pid == 0)
        exec_child(argv, shell == NULL, show_output, &old, driver);
    if (pid < 0) {
        snprintf(why, why_size, "cannot start \"%s\": %s", line,
                 strerror(errno));
        sigprocmask(SIG_SETMASK, &old, NULL);
        free(copy);
        return -1;
    }
    setpgid(pid, pid); /* also here, so the group exists before a kill */
    uint64_t deadline = start + (uint64_t)(timeout_s * 1e9);
    int status = 0, rc = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        pid_t got = wait4(pid, &status, WNOHANG, &ru);
        if (got == pid) {
            out->wall_ns = monotonic_ns() - start;
            break;
        }
        if (got < 0 && errno != EINTR) {
            snprintf(why, why_size, "waiting for \"%s\": %s", line,
                     strerror(errno));
            kill_and_reap(pid, &status, &ru);
            rc = -1;
            break;
        }
        if (brun_session_interrupted) {
            snprintf(why, why_size, "interrupted");
            kill_and_reap(pid, &status, &ru);
            rc = -1;
            break;
        }
        uint64_t now = monotonic_ns();
        if (now >= deadline) {
            kill_and_reap(pid, &status, &ru);
            out->wall_ns = monotonic_ns() - start;
            out->timed_out = 1;
            break;
        }
        uint64_t left = deadline - now;
        struct timespec wait = {(time_t)(left / 1000000000u),
                                (long)(left % 1000000000u)};
        sigtimedwait(&chld, NULL, &wait);
    }
    /* A SIGCHLD still pending is discarded when unblocked (its default
     * action is to ignore it). */
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(copy);
    out->pid = (long)pid;
    out->wait_status = status;
    out->cpu_ns = timeval_ns(ru.ru_utime) + timeval_ns(ru.ru_stime);
    out->ivcsw = (uint64_t)ru.ru_nivcsw;
    return rc;
}

void brun_command_describe(const struct brun_command_run *run, double timeout_s,
                           char *out, size_t size)
{
    int st = run->wait_status;
    if (run->timed_out)
        snprintf(out, size,
                 "ran past --timeout %gs; its process group was killed",
                 timeout_s);
    else if (WIFSIGNALED(st))
        snprintf(out, size, "killed by signal %d (%s)", WTERMSIG(st),
                 strsignal(WTERMSIG(st)));
    else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
        snprintf(out, size, "exited with status 127 (command not found?)");
    else if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
        snprintf(out, size, "exited with status %d", WEXITSTATUS(st));
    else
        snprintf(out, size, "%s", "");
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int brun_command_spawn_cost(const char *shell, unsigned runs, double timeout_s,
                            double *ns, char *why, size_t why_size)
{
    double *v = malloc((runs ? runs : 1) * sizeof *v);
    if (!v) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    const char *line = shell ? "true" : "/bin/true";
    for (unsigned i = 0; i < runs; i++) {
        struct brun_command_run run;
        char how[160];
        if (brun_command_run_once(line, shell, 0, timeout_s, &run, why,
                                  why_size) != 0) {
            free(v);
            return -1;
        }
        brun_command_describe(&run, timeout_s, how, sizeof how);
        if (how[0]) {
            snprintf(why, why_size, "the empty command (%s%s%s) %s",
                     shell ? shell : "", shell ? " -c " : "", line, how);
            free(v);
            return -1;
        }
        v[i] = (double)run.wall_ns;
    }
    qsort(v, runs, sizeof *v, compare_doubles);
    *ns = runs == 0  ? 0
          : runs % 2 ? v[runs / 2]
                     : (v[runs / 2 - 1] + v[runs / 2]) / 2;
    free(v);
    return 0;
}

int brun_command_list(const char *line, const char *name, size_t index,
                      struct brun_case_list *out)
{
    char fallback[48];
    memset(out, 0, sizeof *out);
    snprintf(fallback, sizeof fallback, "command/%zu", index + 1);
    out->cases = calloc(1, sizeof *out->cases);
    if (!out->cases)
        return -1;
    out->count = 1;
    struct brun_listed_case *c = &out->cases[0];
    c->name = strdup(name ? name : fallback);
    c->file = strdup(line);
    c->compiler = strdup("command");
    /* No compiler flags to judge: not warned about as unoptimized. */
    c->optimized = 1;
    if (!c->name || !c->file || !c->compiler) {
        brun_case_list_release(out);
        return -1;
    }
    return 0;
}

void brun_command_round_estimate(struct brun_round_result *r,
                                 double ticks_per_second)
{
    size_t n = r->sample_count;
    double *wall = malloc((n ? n : 1) * sizeof *wall);
    double *cpu = malloc((n ? n : 1) * sizeof *cpu);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        struct brun_sample_result *s = &r->samples[i];
        /* The expression of brun_round_estimate(), bit for bit. */
        s->ns_per_iteration = (double)s->ticks * 1e9 / ticks_per_second /
                              (double)(s->iterations ? s->iterations : 1);
        s->disturbed = 0;
        sum += s->ns_per_iteration;
        if (wall && cpu) {
            wall[i] = s->ns_per_iteration;
            cpu[i] =
                (double)s->cpu_ns / (double)(s->iterations ? s->iterations : 1);
        }
    }
    r->disturbed_samples = 0;
    r->blocked_samples = 0;
    r->used_all_samples = 0;
    r->estimate_from_cpu = 0;
    r->mean_ns = n ? sum / (double)n : 0;
    if (!wall || !cpu || n == 0 ||
        brun_stats_trimmed_mean(wall, n, &r->estimate_ns) != 0)
        r->estimate_ns = r->mean_ns;
    if (!wall || !cpu || n == 0 ||
        brun_stats_trimmed_mean(cpu, n, &r->cpu_estimate_ns) != 0)
        r->cpu_estimate_ns = 0;
    free(wall);
    free(cpu);
}

/* ---- Rounds ----------------------------------------------------------- */

static void fail_case(struct brun_case_result *c, enum brun_failure_kind kind,
                      const struct brun_failure_phase *phase, const char *text)
{
    char line[1200];
    if (c->status != BRUN_STATUS_OK)
        return;
    c->status = BRUN_STATUS_FAILED;
    c->failure = kind;
    if (phase)
        c->phase = *phase;
    brun_wording_failure_reason(text, kind, phase, line, sizeof line);
    free(c->reason);
    c->reason = strdup(line);
}

/* Runs line (the command itself, or its setup or prepare, as `what`
 * says: NULL for the command).  0 when it exited 0, 1 when it failed (c
 * records why), -1 when interrupted. */
static int run_step(const struct brun_command *cmd, const char *line,
                    const char *what, const struct brun_failure_phase *phase,
                    struct brun_command_run *run, struct brun_case_result *c)
{
    char why[600], how[200], text[1100];
    if (brun_command_run_once(line, cmd->shell, cmd->show_output,
                              cmd->timeout_s, run, why, sizeof why) != 0) {
        if (brun_session_interrupted)
            return -1;
        fail_case(c, BRUN_FAILURE_EXIT, phase, why);
        return 1;
    }
    brun_command_describe(run, cmd->timeout_s, how, sizeof how);
    if (!how[0])
        return 0;
    if (what)
        snprintf(text, sizeof text, "%s \"%s\" %s", what, line, how);
    else
        snprintf(text, sizeof text, "the command %s", how);
    fail_case(c,
              run->timed_out                  ? BRUN_FAILURE_TIMEOUT
              : WIFSIGNALED(run->wait_status) ? BRUN_FAILURE_SIGNAL
                                              : BRUN_FAILURE_EXIT,
              phase, text);
    return 1;
}

/* --prepare (when given), then the command.  Same returns. */
static int prepared_run(const struct brun_command *cmd,
                        const struct brun_failure_phase *phase,
                        struct brun_command_run *run,
                        struct brun_case_result *c)
{
    if (cmd->prepare) {
        struct brun_command_run prep;
        int r = run_step(cmd, cmd->prepare, "--prepare", phase, &prep, c);
        if (r != 0)
            return r;
    }
    return run_step(cmd, cmd->line, NULL, phase, run, c);
}

/* A round: warm-up runs, then c->plan.samples timed runs; a
 * brun_round_fn. */
static int command_round(void *ctx, unsigned index, unsigned of,
                         const struct brun_measure_env *env,
                         struct brun_case_result *c)
{
    const struct brun_command *cmd = ctx;
    const struct brun_failure_phase phase = {BRUN_STAGE_ROUND, index + 1, of};
    const double tps = env->clock->ticks_per_second;
    struct brun_command_run run;
    double started = brun_now();
    int r = 0;

    if (env->progress)
        env->progress(env->progress_ctx, c->name, index + 1, of);
    unsigned warmups = 0;
    double warm_ns = 0;
    while (c->plan.warmup_ms > 0 && warm_ns < c->plan.warmup_ms * 1e6) {
        r = prepared_run(cmd, &phase, &run, c);
        if (r != 0)
            return r;
        warmups++;
        warm_ns += (double)run.wall_ns;
    }
    size_t n = c->plan.samples ? c->plan.samples : 1;
    struct brun_sample_result *samples = calloc(n, sizeof *samples);
    struct brun_round_result *grown =
        realloc(c->rounds, (c->round_count + 1) * sizeof *grown);
    if (grown)
        c->rounds = grown;
    if (!samples || !grown) {
        free(samples);
        fail_case(c, BRUN_FAILURE_PROTOCOL, &phase, "out of memory");
        return 1;
    }
    long last_pid = 0;
    for (size_t i = 0; i < n; i++) {
        r = prepared_run(cmd, &phase, &run, c);
        if (r != 0) {
            free(samples);
            return r;
        }
        samples[i].iterations = 1;
        samples[i].ticks = (uint64_t)((double)run.wall_ns * tps / 1e9 + 0.5);
        samples[i].cpu_ns = run.cpu_ns;
        samples[i].ivcsw = run.ivcsw;
        last_pid = run.pid;
    }
    struct brun_round_result *round = &c->rounds[c->round_count];
    memset(round, 0, sizeof *round);
    round->index = index;
    round->pid = last_pid;
    round->iterations = 1;
    round->warmup_samples = warmups;
    round->warmup_ns = warm_ns;
    round->warmup_steady = 1;
    round->samples = samples;
    round->sample_count = n;
    round->wall_s = brun_now() - started;
    brun_command_round_estimate(round, tps);
    c->round_count++;
    return 0;
}

/* The case's start: the plan for commands, then the setup.  Same
 * returns as run_step(). */
static int begin(const struct brun_command *cmd, size_t target_index,
                 const struct brun_listed_case *listed,
                 const struct brun_measure_env *env, struct brun_case_result *c)
{
    brun_measure_begin(c, target_index, listed, env);
    c->plan.iterations = 1;
    c->plan.calibrated = 0;
    if (!cmd->setup)
        return 0;
    const struct brun_failure_phase phase = {BRUN_STAGE_NONE, 0, 0};
    struct brun_command_run run;
    return run_step(cmd, cmd->setup, "--setup", &phase, &run, c);
}

int brun_command_measure(const struct brun_command *cmd, size_t target_index,
                         const struct brun_listed_case *listed,
                         const struct brun_measure_env *env,
                         struct brun_case_result *c)
{
    int r = begin(cmd, target_index, listed, env, c);
    double started = brun_now();
    for (unsigned round = 0; r == 0 && round < c->plan.rounds; round++) {
        r = command_round((void *)cmd, round, c->plan.rounds, env, c);
        if (r == 0 && round + 1 >= BRUN_MIN_ROUNDS &&
            round + 1 < c->plan.rounds &&
            brun_now() - started > env->settings.budget_s) {
            c->plan.budget_limited = 1;
            c->plan.rounds = round + 1;
        }
    }
    if (r < 0) {
        brun_case_result_release(c);
        return BRUN_MEASURE_INTERRUPTED;
    }
    brun_measure_finish(c);
    return 0;
}

int brun_command_compare_saved(const struct brun_command *cmd,
                               size_t target_index,
                               const struct brun_listed_case *listed,
                               const struct brun_case_result *saved,
                               const struct brun_measure_env *env,
                               const struct brun_compare_plan *plan,
                               struct brun_case_result *out)
{
    struct brun_case_result ignored;
    int r = begin(cmd, target_index, listed, env, &ignored);
    if (r < 0) {
        brun_case_result_release(&ignored);
        return BRUN_MEASURE_INTERRUPTED;
    }
    if (r > 0) {
        /* The setup failed: the case is a failed result as it stands. */
        brun_measure_finish(&ignored);
        *out = ignored;
        return 0;
    }
    brun_case_result_release(&ignored);

    /* The saved rounds as command rounds: every run counts on both
     * sides (the baseline file's reader applied the bench-case rule). */
    struct brun_round_result *rounds =
        calloc(saved->round_count ? saved->round_count : 1, sizeof *rounds);
    if (!rounds)
        return BRUN_MEASURE_NO_MEMORY;
    size_t copied = 0;
    for (; copied < saved->round_count; copied++) {
        const struct brun_round_result *from = &saved->rounds[copied];
        rounds[copied] = *from;
        rounds[copied].samples =
            malloc((from->sample_count ? from->sample_count : 1) *
                   sizeof *from->samples);
        if (!rounds[copied].samples)
            break;
        memcpy(rounds[copied].samples, from->samples,
               from->sample_count * sizeof *from->samples);
        brun_command_round_estimate(&rounds[copied],
                                    env->clock->ticks_per_second);
    }
    if (copied < saved->round_count) {
        brun_rounds_release(rounds, copied);
        return BRUN_MEASURE_NO_MEMORY;
    }
    struct brun_case_result as_commands = *saved;
    as_commands.rounds = rounds;
    r = brun_compare_saved_rounds(command_round, (void *)cmd, target_index,
                                  listed, &as_commands, env, plan, out);
    brun_rounds_release(rounds, copied);
    if (r == 0)
        out->plan.iterations = 1;
    return r;
}
