/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_protocol.c: driver/worker messages survive any content, and
 * malformed or truncated input is refused with a reason. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <math.h>
#include <string.h>

#include "lib/protocol.h"

/* Encodes fields (verb first), then parses the line back. */
static void round_trip(const char *const *fields, size_t n,
                       struct brun_proto_msg *msg, struct brun_proto_out *m)
{
    char why[128];
    brun_proto_begin(m, fields[0]);
    for (size_t i = 1; i < n; i++)
        brun_proto_add_str(m, fields[i]);
    cr_assert_eq(m->overflow, 0);
    m->line[m->len] = '\0';
    cr_assert_eq(strchr(m->line, '\n'), NULL, "a field leaked a newline");
    cr_assert_eq(brun_proto_parse(m->line, msg, why, sizeof why), 0, "%s", why);
}

Test(protocol, hostile_strings_round_trip)
{
    const char *fields[] = {"CASE", "a b",       "100%", "line\nbreak", "",
                            "-",    "tab\there", "\x7f", "µs ✓",        "%2d"};
    struct brun_proto_msg msg;
    struct brun_proto_out m;
    round_trip(fields, 10, &msg, &m);
    cr_assert_eq(msg.count, 10);
    for (size_t i = 0; i < 10; i++)
        cr_assert_str_eq(msg.fields[i], fields[i], "field %zu", i);
}

Test(protocol, numbers_round_trip_exactly)
{
    struct brun_proto_out m;
    struct brun_proto_msg msg;
    char why[64];
    const double values[] = {0.1, 4096, 1e-300, -2.5, 0};
    brun_proto_begin(&m, "THROUGHPUT");
    brun_proto_add_u64(&m, UINT64_MAX);
    for (size_t i = 0; i < 5; i++)
        brun_proto_add_double(&m, values[i]);
    m.line[m.len] = '\0';
    cr_assert_eq(brun_proto_parse(m.line, &msg, why, sizeof why), 0);
    uint64_t u;
    cr_assert_eq(brun_proto_u64(msg.fields[1], &u), 0);
    cr_assert_eq(u, UINT64_MAX);
    for (size_t i = 0; i < 5; i++) {
        double d;
        cr_assert_eq(brun_proto_double(msg.fields[2 + i], &d), 0);
        cr_assert(d == values[i], "value %zu: %g != %g", i, d, values[i]);
    }
}

Test(protocol, strict_number_parsing)
{
    uint64_t u;
    double d;
    cr_assert_eq(brun_proto_u64("12x", &u), -1);
    cr_assert_eq(brun_proto_u64("", &u), -1);
    cr_assert_eq(brun_proto_u64("-1", &u), -1);
    cr_assert_eq(brun_proto_u64("18446744073709551616", &u), -1, "overflow");
    cr_assert_eq(brun_proto_double("1.5", &d), -1, "doubles travel as bits");
    cr_assert_eq(brun_proto_double("x3ff000000000000", &d), -1, "short");
    cr_assert_eq(brun_proto_double("x3ff000000000000g", &d), -1);
    cr_assert_eq(brun_proto_double("x3ff0000000000000", &d), 0);
    cr_assert(d == 1.0);
}

Test(protocol, malformed_lines_are_refused)
{
    const char *bad[] = {"",        "CASE  two-spaces", "CASE %zz",
                         "CASE %4", "CASE trailing ",   "CASE a\tb"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char line[64], why[128] = "";
        struct brun_proto_msg msg;
        snprintf(line, sizeof line, "%s", bad[i]);
        cr_assert_eq(brun_proto_parse(line, &msg, why, sizeof why), -1,
                     "accepted \"%s\"", bad[i]);
        cr_assert_neq(why[0], '\0', "no reason for \"%s\"", bad[i]);
    }
    char many[256] = "V";
    for (int i = 0; i < BRUN_PROTO_FIELDS_MAX + 1; i++)
        strcat(many, " f");
    struct brun_proto_msg msg;
    char why[128];
    cr_assert_eq(brun_proto_parse(many, &msg, why, sizeof why), -1);
}

Test(protocol, lines_split_across_reads_are_reassembled)
{
    struct brun_proto_in in;
    char *line;
    brun_proto_in_init(&in);
    cr_assert_eq(brun_proto_in_feed(&in, "HEL", 3), 0);
    cr_assert_eq(brun_proto_in_line(&in, &line), 0, "no line yet");
    cr_assert_eq(brun_proto_in_feed(&in, "LO 1 x\nDONE", 11), 0);
    cr_assert_eq(brun_proto_in_line(&in, &line), 1);
    cr_assert_str_eq(line, "HELLO 1 x");
    cr_assert_eq(brun_proto_in_line(&in, &line), 0);
    cr_assert_eq(brun_proto_in_pending(&in), 4,
                 "a truncated message is visible");
    cr_assert_eq(brun_proto_in_feed(&in, " ok\n", 4), 0);
    cr_assert_eq(brun_proto_in_line(&in, &line), 1);
    cr_assert_str_eq(line, "DONE ok");
    cr_assert_eq(brun_proto_in_pending(&in), 0);
}

Test(protocol, over_long_line_is_an_error)
{
    static char chunk[BRUN_PROTO_LINE_MAX + 10];
    struct brun_proto_in in;
    char *line;
    memset(chunk, 'a', sizeof chunk);
    brun_proto_in_init(&in);
    cr_assert_eq(brun_proto_in_feed(&in, chunk, sizeof chunk), 0);
    cr_assert_eq(brun_proto_in_line(&in, &line), -1);
}

Test(protocol, long_text_is_cut_but_strings_overflow)
{
    static char text[3 * BRUN_PROTO_LINE_MAX];
    struct brun_proto_out m;
    struct brun_proto_msg msg;
    char why[64];
    memset(text, 'z', sizeof text - 1);
    brun_proto_begin(&m, "DONE");
    brun_proto_add_str(&m, "fail");
    brun_proto_add_text(&m, text);
    cr_assert_eq(m.overflow, 0, "text is cut to fit");
    cr_assert(m.len < BRUN_PROTO_LINE_MAX);
    m.line[m.len] = '\0';
    cr_assert_eq(brun_proto_parse(m.line, &msg, why, sizeof why), 0);
    cr_assert(strstr(msg.fields[2], "\xe2\x80\xa6") != NULL, "cut is marked");

    brun_proto_begin(&m, "CASE");
    brun_proto_add_str(&m, text);
    cr_assert_eq(m.overflow, 1, "a name is never silently cut");
    cr_assert_eq(brun_proto_send(-1, &m), -1);
}
