/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * fake_worker.c: an executable that answers the driver like a bench
 * executable would, but wrongly, in the way FAKE_WORKER_MODE says.  It
 * does not link libbenchrun: it writes protocol lines by hand, so the
 * driver's handling of a bad peer is tested against a real process.
 *
 *   version        greets with protocol 99
 *   silent         exits without a word
 *   garbage-first  its first line is not a greeting
 *   truncated      lists half a message and exits
 *   list-garbage   a malformed message in the middle of a listing
 *   run-garbage    lists one case properly, then answers RUN with garbage
 *   run-extra      lists one case, then sends more samples than asked
 *   calibrate      calibrates 1000 iterations at two thirds of the target
 *                  and answers rounds properly
 *   calibrate-empty  reaches the iteration cap in 40 ticks
 *   protocol2      a worker of the previous libbenchrun (protocol 2): its
 *                  CASE has the argument and its unit but no thread
 *                  count; it lists fake/sized/64 and answers rounds as
 *                  calibrate does
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CASE_LINE \
    "CASE fake/one fake.c 1 x0000000000000000 x0000000000000000 1 gcc\n"

static void say(const char *s)
{
    ssize_t ignored = write(4, s, strlen(s));
    (void)ignored;
}

static void read_command(char *buf, size_t size)
{
    size_t len = 0;
    while (len < size - 1) {
        ssize_t n = read(3, buf + len, 1);
        if (n <= 0 || buf[len] == '\n')
            break;
        len++;
    }
    buf[len] = '\0';
}

int main(int argc, char **argv)
{
    const char *mode = getenv("FAKE_WORKER_MODE");
    char command[256];
    if (argc < 2 || strncmp(argv[1], "--benchrun-worker=", 18) != 0 || !mode)
        return 2;
    if (strcmp(mode, "version") == 0) {
        say("HELLO 99 9.9.9\n");
        return 0;
    }
    if (strcmp(mode, "silent") == 0)
        return 0;
    if (strcmp(mode, "garbage-first") == 0) {
        say("hello there\n");
        return 0;
    }
    int protocol2 = strcmp(mode, "protocol2") == 0;
    say(protocol2 ? "HELLO 2 0.0.0-fake\n" : "HELLO 1 0.0.0-fake\n");
    read_command(command, sizeof command);
    if (protocol2 && strcmp(command, "LIST") == 0) {
        say("CASE fake/sized/64 fake.c 1 x0000000000000000 "
            "x0000000000000000 1 gcc 1 64 bytes\n");
        say("LISTED 1\n");
        return 0;
    }
    if (protocol2)
        mode = "calibrate";
    if (strcmp(mode, "truncated") == 0) {
        say("CASE fake/one fake.c");
        return 0;
    }
    if (strcmp(mode, "list-garbage") == 0) {
        say(CASE_LINE);
        say("CASE %zz\n");
        return 0;
    }
    if (strcmp(command, "LIST") == 0) {
        say(CASE_LINE);
        say("LISTED 1\n");
        return 0;
    }
    if (strcmp(mode, "run-garbage") == 0) {
        say("SAMPLE lots of nonsense\n");
        return 0;
    }
    if (strcmp(mode, "run-extra") == 0) {
        for (int i = 0; i < 50; i++)
            say("SAMPLE 10 1000 0 900 0\n");
        say("DONE ok\n");
        return 0;
    }
    if (strncmp(mode, "calibrate", 9) == 0) {
        unsigned long long clock, iterations, samples, warmup, target;
        char name[64], line[128];
        if (sscanf(command, "RUN %63s %llu %llu %llu %llu %llu", name, &clock,
                   &iterations, &samples, &warmup, &target) != 6)
            return 4;
        if (iterations == 0 && strcmp(mode, "calibrate-empty") == 0)
            snprintf(line, sizeof line, "CALIBRATED 1000000000000 40\n");
        else if (iterations == 0)
            snprintf(line, sizeof line, "CALIBRATED 1000 %llu\n",
                     target * 2 / 3);
        else
            snprintf(line, sizeof line, "SAMPLE %llu %llu 0 %llu 0\n",
                     iterations, target, target);
        for (unsigned long long i = 0; i < (iterations ? samples : 1); i++)
            say(line);
        say("DONE ok\n");
        return 0;
    }
    return 3;
}
