/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * process.h: starting, watching and stopping one worker process.
 *
 * A worker is the bench executable started as
 * `TARGET --benchrun-worker=3,4`: fd 3 carries the driver's command, fd 4
 * the worker's answers, stdout and stderr go to one pipe the driver
 * drains (so a case that prints cannot block or corrupt anything), stdin
 * is /dev/null.  The worker leads its own process group, so a timeout
 * kills whatever it started too, and (on Linux) it is killed when the
 * driver dies, however the driver dies.
 */
#ifndef BRUN_PROCESS_H
#define BRUN_PROCESS_H

#include <stddef.h>
#include <sys/types.h>

struct brun_process {
    pid_t pid;
    int pidfd;      /* readable when the process exits; -1 if none */
    int command_fd; /* write end of the worker's fd 3 */
    int result_fd;  /* read end of the worker's fd 4 */
    int output_fd;  /* read end of its stdout and stderr */
    int reaped;
    int wait_status; /* from waitpid, once reaped */
};

/* Starts path as a worker with our environment less GITHUB_TOKEN and
 * BENCHRUN_GITHUB_TOKEN (secrets bench code must not see) and with an
 * extra variable BENCHRUN_ENV_PAD of pad_length bytes (it shifts the
 * stack, so layout effects average out across rounds).  Returns 0, or -1 with a message
 * (e.g. "cannot execute: Exec format error") in why. */
int brun_process_start(struct brun_process *p, const char *path,
                       size_t pad_length, char *why, size_t why_size);

/* How to start a worker when it is not started plainly: a profiler in
 * front of it (prefix[0] an absolute path, e.g. {"/usr/bin/valgrind",
 * "--tool=callgrind", ..., NULL}: the target and its worker flag follow),
 * and extra "NAME=value" environment entries (e.g. LD_PRELOAD).  Both
 * NULL-terminated, either NULL; borrowed for the call. */
struct brun_launch {
    const char *const *prefix;
    const char *const *environment;
};

/* brun_process_start() through launch (NULL: the same as start). */
int brun_process_launch(struct brun_process *p, const char *path,
                        size_t pad_length, const struct brun_launch *launch,
                        char *why, size_t why_size);

/* Non-blocking: reaps the worker if it has exited.  Returns 1 once it is
 * reaped, 0 while it runs. */
int brun_process_poll_exit(struct brun_process *p);

/* Once p is reaped: kills and reaps every process that is now the
 * driver's child but not in p's process group, i.e. what the case
 * started and detached with setsid() (Linux, where the driver is a child
 * subreaper; elsewhere it finds none).  Reaps the already killed members
 * of p's group on the way.  Returns how many it killed, the first one's
 * pid in *first.  Call it only while no other worker runs. */
unsigned brun_process_kill_strays(const struct brun_process *p, long *first);

/* Kills the worker's whole process group and reaps the worker. */
void brun_process_kill(struct brun_process *p);

/* Waits up to timeout_s for the worker to exit on its own; kills it when
 * it does not.  Returns 1 if it exited by itself, 0 if it was killed. */
int brun_process_wait(struct brun_process *p, double timeout_s);

/* Closes the pipes and the pidfd (the process must be reaped already). */
void brun_process_close(struct brun_process *p);

/* Describes a wait status: "exited with status 3", "killed by signal
 * SIGSEGV (Segmentation fault)". */
void brun_process_describe(int wait_status, char *out, size_t out_size);

/* Seconds on CLOCK_MONOTONIC, for deadlines. */
double brun_now(void);

#endif /* BRUN_PROCESS_H */
