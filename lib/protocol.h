/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * protocol.h: the messages between the benchrun driver and a worker.
 *
 * The driver starts the bench executable with
 * `--benchrun-worker=CMD_FD,RESULT_FD`; the worker answers on RESULT_FD,
 * never on stdout or stderr, which belong to the benchmark code.  Every
 * message is one line of at most BRUN_PROTO_LINE_MAX bytes: a verb and
 * fields separated by single spaces.  Fields are percent-encoded (every
 * byte that is a space, a control character, '%' or DEL becomes %XX), so
 * any string survives; floating-point numbers travel as the hex digits of
 * their IEEE-754 bits, so a bench program that calls setlocale() cannot
 * change them.
 *
 * A conversation (protocol version 3; version 2 is the same without
 * CASE's threads field, version 1 also without the RUN command's probe
 * field, the METRIC, NOTE and COUNTER answers and CASE's arguments, and
 * drivers still talk to both):
 *
 *   worker: HELLO <protocol> <library-version>
 *   driver: LIST
 *   worker: CASE <name> <file> <line> <bytes> <items> <optimized> <compiler>
 *                <parameterized> <arg> <arg-name> <threads>
 *           ... one per instance; parameterized is 1 for an instance whose
 *           name ends with an integer argument (BENCH_ARGS, BENCH_RANGE
 *           or an integer parameter of BENCH_PARAMS), arg that argument in
 *           decimal (0 when not parameterized), arg-name its unit
 *           (.arg_name or the parameter's name) or "", threads the number
 *           of threads the instance runs in (BENCH_THREADS; else 1) ...
 *   worker: LISTED <count>
 * or
 *   driver: RUN <name> <clock> <iterations> <samples> <warmup-ticks>
 *               <target-ticks> [<probe>]
 *   worker: CALIBRATED <iterations> <ticks>     (only when iterations was 0)
 *           WARMUP <samples> <ticks> <steady>
 *           SAMPLE <iterations> <ticks> <paused-ticks> <cpu-ns> <ivcsw>
 *           ... one per sample; for a multi-threaded instance iterations
 *           is each thread's, ticks the slowest thread's, cpu-ns the
 *           threads' mean and ivcsw their sum ...
 *           THROUGHPUT <bytes> <items>
 *           METRIC <name> <value> <iterations> <enabled-ns> <running-ns>
 *                   ... with a probe (probe.h): a total over the measured
 *                   samples; iterations 0 for a level such as peak heap ...
 *           NOTE <text>      (a probe that could not count, and why)
 *           COUNTER <name> <value> <flags> <iterations> <ticks>
 *                   ... one per benchrun_counter() name: the value as the
 *                   case gave it, its flags (benchrun.h), and what the
 *                   loop ran in all (calibration, warm-up and measured
 *                   samples: iterations, and clock ticks without pauses),
 *                   which the driver divides by ...
 *           DONE ok | DONE fail <message> | DONE skip <message>
 *                   | DONE misuse <message>
 *
 * "fail" and "skip" are the case's own benchrun_fail()/benchrun_skip();
 * "misuse" is the harness noticing the loop was never entered, entered
 * twice or left early.
 * Either side may instead send ERROR <message> and stop.  Each worker
 * process answers exactly one command, then exits.
 */
#ifndef BRUN_PROTOCOL_H
#define BRUN_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#define BRUN_PROTOCOL_VERSION 3
/* The oldest workers this driver still talks to (no probes). */
#define BRUN_PROTOCOL_OLDEST 1
#define BRUN_PROTO_LINE_MAX 8192
#define BRUN_PROTO_FIELDS_MAX 16
#define BRUN_WORKER_FLAG "--benchrun-worker="

/* ---- Writing ---------------------------------------------------------- */

/* A message being built.  Adding past the line limit sets overflow and
 * writing then refuses the message instead of cutting it. */
struct brun_proto_out {
    char line[BRUN_PROTO_LINE_MAX];
    size_t len;
    int overflow;
};

void brun_proto_begin(struct brun_proto_out *m, const char *verb);
void brun_proto_add_str(struct brun_proto_out *m, const char *s);
/* Like add_str, but cuts an over-long text to fit, marking the cut. */
void brun_proto_add_text(struct brun_proto_out *m, const char *s);
void brun_proto_add_u64(struct brun_proto_out *m, uint64_t v);
void brun_proto_add_double(struct brun_proto_out *m, double v);
/* Writes the line and its newline to fd (all of it, retrying on EINTR).
 * Returns 0, or -1 on a write error or an overflowed message. */
int brun_proto_send(int fd, struct brun_proto_out *m);

/* ---- Reading ---------------------------------------------------------- */

/* Collects bytes from a pipe and hands out complete lines. */
struct brun_proto_in {
    char buf[2 * BRUN_PROTO_LINE_MAX];
    size_t len;
    size_t consumed;
};

void brun_proto_in_init(struct brun_proto_in *in);
/* Appends received bytes; returns -1 when they do not fit (a line longer
 * than BRUN_PROTO_LINE_MAX is coming). */
int brun_proto_in_feed(struct brun_proto_in *in, const char *data, size_t n);
/* Returns 1 and a NUL-terminated line (borrowed, valid until the next
 * call) when one is complete, 0 when more bytes are needed, -1 when the
 * pending bytes are already longer than a line may be. */
int brun_proto_in_line(struct brun_proto_in *in, char **line);
/* Bytes received but not yet returned as a line (a truncated message
 * when the pipe has closed). */
size_t brun_proto_in_pending(const struct brun_proto_in *in);

/* A parsed message: fields[0] is the verb; all fields are decoded in
 * place inside the line they came from. */
struct brun_proto_msg {
    size_t count;
    char *fields[BRUN_PROTO_FIELDS_MAX];
};

/* Splits and decodes a line.  Returns 0, or -1 with a reason in why when
 * the line is empty, has too many fields, an empty field or a bad %XX. */
int brun_proto_parse(char *line, struct brun_proto_msg *msg, char *why,
                     size_t why_size);

/* Strict number parsing: the whole field must be the number.  0 or -1. */
int brun_proto_u64(const char *field, uint64_t *out);
int brun_proto_double(const char *field, double *out);

/* Reads one line from a blocking fd (the worker side).  Returns 1 with the
 * line, 0 at end of file, -1 on error or an over-long line. */
int brun_proto_read_line(int fd, struct brun_proto_in *in, char **line);

#endif /* BRUN_PROTOCOL_H */
