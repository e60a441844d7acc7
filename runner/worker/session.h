/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * session.h: one conversation with one worker process.
 *
 * A session starts the bench executable as a worker, checks its greeting
 * (protocol version), sends one command, hands every answer to a callback
 * until the callback says the final answer arrived, and meanwhile drains
 * the worker's stdout/stderr and watches the clock.  However the worker
 * ends (crash, exit, hang, garbage on the pipe), the session ends with a
 * classified outcome and a one-line message; it never blocks forever.
 */
#ifndef BRUN_SESSION_H
#define BRUN_SESSION_H

#include <signal.h>
#include <stddef.h>

#include "lib/protocol.h"
#include "runner/worker/process.h"

enum brun_session_end {
    BRUN_SESSION_DONE,             /* final answer, then a clean exit */
    BRUN_SESSION_START_FAILED,     /* could not start the executable */
    BRUN_SESSION_NOT_A_WORKER,     /* it never greeted with HELLO */
    BRUN_SESSION_VERSION_MISMATCH, /* it speaks another protocol version */
    BRUN_SESSION_PROTOCOL_ERROR,   /* a malformed or unexpected message */
    BRUN_SESSION_WORKER_ERROR,     /* it answered ERROR <message> */
    BRUN_SESSION_DIED,             /* signal or exit before finishing */
    BRUN_SESSION_TIMEOUT,          /* still running at the deadline */
    BRUN_SESSION_INTERRUPTED,      /* the user pressed ^C */
};

/* Called for each answer after the greeting.  Returns 1 when it was the
 * final answer, 0 when more are expected, -1 (with why) when the message
 * is wrong for this conversation. */
typedef int (*brun_session_handler)(void *ctx, const struct brun_proto_msg *m,
                                    char *why, size_t why_size);

struct brun_session {
    /* Set by the caller. */
    const char *path;
    double timeout_s;
    size_t pad_length;
    brun_session_handler on_message;
    void *ctx;
    int needs_probe; /* the command names a probe: protocol 2 at least */
    /* When not 0: the probe is optional, and a protocol 1 worker gets the
     * command cut to this length (without the probe field) instead. */
    size_t plain_length;
    /* How to start it (process.h): a profiler in front, extra
     * environment.  NULL for a plain worker. */
    const struct brun_launch *launch;

    /* Filled by brun_session_run(). */
    enum brun_session_end end;
    char message[640];        /* one line, for anything but DONE */
    int wait_status;          /* when the process was reaped */
    unsigned protocol;        /* from HELLO */
    char library_version[32]; /* from HELLO */
    char *output;             /* tail of stdout+stderr, or NULL; freed by
                                 brun_session_release() */
    long pid;
    double wall_s;
};

/* Runs the conversation; command is sent after a good greeting. */
void brun_session_run(struct brun_session *s, struct brun_proto_out *command);
void brun_session_release(struct brun_session *s);

/* Set to the signal's number by the SIGINT/SIGTERM/SIGHUP handler:
 * running sessions kill their worker and end with
 * BRUN_SESSION_INTERRUPTED, and the run stops before its next step. */
extern volatile sig_atomic_t brun_session_interrupted;

#endif /* BRUN_SESSION_H */
