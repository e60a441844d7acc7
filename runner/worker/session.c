/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * session.c: the event loop of one worker conversation (see session.h).
 *
 * poll() waits on the result pipe, the output pipe and the worker's
 * pidfd together, with the deadline as its timeout.  Output is always
 * drained, so a case that floods stdout keeps running instead of blocking
 * on a full pipe.  When the worker exits, its process group is killed and
 * the pipes are drained one last time before the outcome is decided.  A
 * process the case detached from that group is killed then too, and a
 * round that was otherwise fine fails, saying so.
 */
#include "config.h"

#include "runner/worker/session.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/io.h"
#include "runner/worker/capture.h"
#include "runner/worker/process.h"

volatile sig_atomic_t brun_session_interrupted;

/* How long a worker may take to exit after its final answer. */
#define EXIT_GRACE_S 5.0

struct loop {
    struct brun_session *s;
    struct brun_process proc;
    struct brun_proto_in in;
    struct brun_capture capture;
    struct brun_proto_out *command;
    int result_open, output_open;
    int greeted, final, over;
    unsigned line_number;
};

static void finish(struct loop *l, enum brun_session_end end, const char *fmt,
                   ...) __attribute__((format(printf, 3, 4)));

static void finish(struct loop *l, enum brun_session_end end, const char *fmt,
                   ...)
{
    if (l->over)
        return;
    l->over = 1;
    l->s->end = end;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(l->s->message, sizeof l->s->message, fmt, ap);
        va_end(ap);
    }
}

static void send_command(struct loop *l)
{
    if (brun_proto_send(l->proc.command_fd, l->command) != 0 && errno != EPIPE)
        finish(l, BRUN_SESSION_PROTOCOL_ERROR, "cannot send the command: %s",
               strerror(errno));
    close(l->proc.command_fd); /* one command per worker: EOF after it */
    l->proc.command_fd = -1;
}

static void check_greeting(struct loop *l, const struct brun_proto_msg *m)
{
    uint64_t version;
    if (strcmp(m->fields[0], "HELLO") != 0 || m->count < 3 ||
        brun_proto_u64(m->fields[1], &version) != 0) {
        finish(l, BRUN_SESSION_NOT_A_WORKER,
               "not a benchrun bench executable: its first message is not "
               "a benchrun greeting");
        return;
    }
    l->s->protocol = (unsigned)(version > 1000000 ? 1000000 : version);
    snprintf(l->s->library_version, sizeof l->s->library_version, "%s",
             m->fields[2]);
    if (version < BRUN_PROTOCOL_OLDEST || version > BRUN_PROTOCOL_VERSION) {
        finish(l, BRUN_SESSION_VERSION_MISMATCH,
               "built with libbenchrun %s, which speaks worker protocol %u; "
               "this benchrun (%s) speaks protocols %d to %d: rebuild it "
               "against this libbenchrun, or use the benchrun it was built "
               "for",
               l->s->library_version, l->s->protocol, PACKAGE_VERSION,
               BRUN_PROTOCOL_OLDEST, BRUN_PROTOCOL_VERSION);
        return;
    }
    if (l->s->plain_length > 0 && version < 2) {
        /* An optional probe (counters read in timed rounds): an old
         * worker runs the plain command and counts nothing. */
        l->command->len = l->s->plain_length;
    } else if (l->s->needs_probe && version < 2) {
        finish(l, BRUN_SESSION_VERSION_MISMATCH,
               "built with libbenchrun %s (worker protocol %u), which "
               "cannot count or profile its timed loop: rebuild it against "
               "libbenchrun %s",
               l->s->library_version, l->s->protocol, PACKAGE_VERSION);
        return;
    }
    l->greeted = 1;
    send_command(l);
}

static void handle_line(struct loop *l, char *line)
{
    struct brun_proto_msg m;
    char why[256];

    l->line_number++;
    if (l->final || l->over)
        return; /* anything after the final answer is ignored */
    if (brun_proto_parse(line, &m, why, sizeof why) != 0) {
        finish(l,
               l->greeted ? BRUN_SESSION_PROTOCOL_ERROR
                          : BRUN_SESSION_NOT_A_WORKER,
               "malformed message %u from the worker: %s", l->line_number, why);
        return;
    }
    if (!l->greeted) {
        check_greeting(l, &m);
        return;
    }
    if (strcmp(m.fields[0], "ERROR") == 0) {
        finish(l, BRUN_SESSION_WORKER_ERROR, "%s",
               m.count > 1 ? m.fields[1] : "error without a message");
        return;
    }
    int r = l->s->on_message(l->s->ctx, &m, why, sizeof why);
    if (r < 0)
        finish(l, BRUN_SESSION_PROTOCOL_ERROR,
               "unexpected message %u from the worker (%s): %s", l->line_number,
               m.fields[0], why);
    else if (r > 0)
        l->final = 1;
}

/* Reads what is available on the result pipe. */
static void drain_results(struct loop *l)
{
    char chunk[4096], *line;
    while (l->result_open && !l->over) {
        ssize_t n = brun_io_read(l->proc.result_fd, chunk, sizeof chunk);
        if (n < 0)
            return; /* EAGAIN: nothing more for now */
        if (n == 0) {
            l->result_open = 0;
            if (brun_proto_in_pending(&l->in) > 0 && !l->final)
                finish(l, BRUN_SESSION_PROTOCOL_ERROR,
                       "truncated message from the worker (%zu bytes "
                       "without a newline before the pipe closed)",
                       brun_proto_in_pending(&l->in));
            return;
        }
        if (brun_proto_in_feed(&l->in, chunk, (size_t)n) != 0) {
            finish(l, BRUN_SESSION_PROTOCOL_ERROR,
                   "message longer than %d bytes from the worker",
                   BRUN_PROTO_LINE_MAX);
            return;
        }
        int got;
        while (!l->over && (got = brun_proto_in_line(&l->in, &line)) != 0) {
            if (got < 0) {
                finish(l, BRUN_SESSION_PROTOCOL_ERROR,
                       "message longer than %d bytes from the worker",
                       BRUN_PROTO_LINE_MAX);
                return;
            }
            handle_line(l, line);
        }
    }
}

static void drain_output(struct loop *l)
{
    char chunk[8192];
    while (l->output_open) {
        ssize_t n = brun_io_read(l->proc.output_fd, chunk, sizeof chunk);
        if (n < 0)
            return; /* EAGAIN: nothing more for now */
        if (n == 0) {
            l->output_open = 0;
            return;
        }
        brun_capture_append(&l->capture, chunk, (size_t)n);
    }
}

/* First line of the captured output, for "not a worker" messages. */
static void first_output_line(const struct loop *l, char *out, size_t size)
{
    char *text = brun_capture_text(&l->capture);
    out[0] = '\0';
    if (!text)
        return;
    const char *start = text;
    if (strncmp(start, "[... ", 5) == 0 && strchr(start, '\n'))
        start = strchr(start, '\n') + 1;
    size_t len = strcspn(start, "\n");
    if (len >= size)
        len = size - 1;
    memcpy(out, start, len);
    out[len] = '\0';
    free(text);
}

/* Decides the outcome once the worker has been reaped. */
static void conclude(struct loop *l)
{
    char how[160];
    brun_process_describe(l->proc.wait_status, how, sizeof how);
    l->s->wait_status = l->proc.wait_status;
    if (l->over)
        return;
    int clean =
        WIFEXITED(l->proc.wait_status) && WEXITSTATUS(l->proc.wait_status) == 0;
    if (l->final) {
        if (clean)
            finish(l, BRUN_SESSION_DONE, NULL);
        else
            finish(l, BRUN_SESSION_DIED, "%s after finishing its work", how);
        return;
    }
    if (!l->greeted) {
        char first[200];
        first_output_line(l, first, sizeof first);
        finish(l, BRUN_SESSION_NOT_A_WORKER,
               "not a benchrun bench executable: it %s without a benchrun "
               "greeting%s%s%s",
               how, first[0] ? " (it printed \"" : "", first,
               first[0] ? "\")" : "");
        return;
    }
    if (WIFEXITED(l->proc.wait_status))
        finish(l, BRUN_SESSION_DIED,
               "%s before finishing (exit() inside "
               "the case?)",
               how);
    else
        finish(l, BRUN_SESSION_DIED, "%s", how);
}

void brun_session_run(struct brun_session *s, struct brun_proto_out *command)
{
    struct loop *l = calloc(1, sizeof *l);
    char why[512];
    double start = brun_now(), deadline = start + s->timeout_s;

    s->end = BRUN_SESSION_DONE;
    s->message[0] = '\0';
    s->output = NULL;
    s->pid = 0;
    s->wall_s = 0;
    if (!l) {
        s->end = BRUN_SESSION_START_FAILED;
        snprintf(s->message, sizeof s->message, "out of memory");
        return;
    }
    l->s = s;
    l->command = command;
    brun_proto_in_init(&l->in);
    brun_capture_init(&l->capture);
    if (brun_process_launch(&l->proc, s->path, s->pad_length, s->launch, why,
                            sizeof why) != 0) {
        s->end = BRUN_SESSION_START_FAILED;
        snprintf(s->message, sizeof s->message, "%s", why);
        free(l);
        return;
    }
    s->pid = (long)l->proc.pid;
    l->result_open = l->output_open = 1;

    while (!l->over) {
        if (brun_session_interrupted) {
            brun_process_kill(&l->proc);
            finish(l, BRUN_SESSION_INTERRUPTED, "interrupted");
            break;
        }
        if (l->proc.reaped) {
            drain_output(l);
            drain_results(l);
            conclude(l);
            break;
        }
        if (l->final && !l->result_open) {
            /* Done talking: give it a moment to exit by itself. */
            drain_output(l);
            if (!brun_process_wait(&l->proc, EXIT_GRACE_S))
                finish(l, BRUN_SESSION_TIMEOUT,
                       "did not exit within %.0f s after finishing",
                       EXIT_GRACE_S);
            continue;
        }
        struct pollfd fds[3];
        nfds_t nfds = 0;
        if (l->result_open)
            fds[nfds++] = (struct pollfd){l->proc.result_fd, POLLIN, 0};
        if (l->output_open)
            fds[nfds++] = (struct pollfd){l->proc.output_fd, POLLIN, 0};
        if (l->proc.pidfd >= 0)
            fds[nfds++] = (struct pollfd){l->proc.pidfd, POLLIN, 0};
        double left = deadline - brun_now();
        if (left <= 0) {
            brun_process_kill(&l->proc);
            finish(l, BRUN_SESSION_TIMEOUT, "timed out after %g s (--timeout)",
                   s->timeout_s);
            break;
        }
        int wait_ms = left > 3600 ? 3600000 : (int)(left * 1000) + 1;
        if (l->proc.pidfd < 0 && wait_ms > 5)
            wait_ms = 5; /* no pidfd: look at waitpid() often */
        if (poll(fds, nfds, wait_ms) < 0 && errno != EINTR) {
            brun_process_kill(&l->proc);
            finish(l, BRUN_SESSION_PROTOCOL_ERROR, "poll failed: %s",
                   strerror(errno));
            break;
        }
        drain_output(l);
        drain_results(l);
        brun_process_poll_exit(&l->proc);
    }
    if (l->over && !l->proc.reaped)
        brun_process_kill(&l->proc);
    long stray;
    unsigned strays = brun_process_kill_strays(&l->proc, &stray);
    if (strays > 0 && s->end == BRUN_SESSION_DONE) {
        /* It would go on loading the machine, and the next rounds'
         * numbers with it. */
        s->end = BRUN_SESSION_DIED;
        snprintf(s->message, sizeof s->message,
                 "left %u process%s running after its round (pid %ld, "
                 "detached from its process group, e.g. with setsid()); "
                 "killed",
                 strays, strays == 1 ? "" : "es", stray);
    }
    drain_output(l);
    s->wait_status = l->proc.wait_status;
    s->wall_s = brun_now() - start;
    s->output = brun_capture_text(&l->capture);
    brun_process_close(&l->proc);
    free(l);
}

void brun_session_release(struct brun_session *s)
{
    free(s->output);
    s->output = NULL;
}
