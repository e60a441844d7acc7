/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_capture.c: the output ring keeps the tail and says what it
 * dropped. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/worker/capture.h"

Test(capture, keeps_everything_when_small)
{
    struct brun_capture c;
    brun_capture_init(&c);
    cr_assert_null(brun_capture_text(&c), "nothing printed, nothing kept");
    brun_capture_append(&c, "hello\n", 6);
    brun_capture_append(&c, "world\n", 6);
    char *text = brun_capture_text(&c);
    cr_assert_str_eq(text, "hello\nworld\n");
    free(text);
}

Test(capture, keeps_the_tail_of_a_flood)
{
    struct brun_capture c;
    char line[32];
    brun_capture_init(&c);
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(line, sizeof line, "line %d\n", i);
        brun_capture_append(&c, line, (size_t)n);
    }
    char *text = brun_capture_text(&c);
    cr_assert(strstr(text, "line 99999\n"), "the last line is kept");
    cr_assert_null(strstr(text, "line 5\n"), "early lines are dropped");
    cr_assert(strncmp(text, "[... ", 5) == 0, "the drop is announced");
    cr_assert(strlen(text) < BRUN_CAPTURE_KEEP + 100);
    free(text);
}

Test(capture, one_huge_write_keeps_its_end)
{
    static char big[3 * BRUN_CAPTURE_KEEP];
    struct brun_capture c;
    memset(big, 'a', sizeof big);
    big[sizeof big - 1] = 'Z';
    brun_capture_init(&c);
    brun_capture_append(&c, big, sizeof big);
    char *text = brun_capture_text(&c);
    cr_assert_eq(text[strlen(text) - 1], 'Z');
    free(text);
}
