/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * console_threads.c: multi-threaded cases (BENCH_THREADS) on the
 * terminal.
 *
 * The time table shows a threaded case's real time per iteration of each
 * thread, like any case's.  This table after it says what that means for
 * the team: the thread count, the real time again, the CPU time per
 * iteration (the threads' mean: below the real time when the threads
 * waited for a CPU or for each other), and the aggregate rate of the
 * threads together (iterations, and the declared bytes or items, per
 * second).
 */
#include "config.h"

#include <stdio.h>

#include "reports/console/console.h"
#include "reports/text/format.h"
#include "reports/text/table.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_RESET "\033[0m"

/* "x1.95 (98 %)": the aggregate rate against the one-thread instance's
 * and that per thread (the scaling efficiency), or "-" without one. */
static const char *speedup_text(const struct brun_results *r,
                                const struct brun_case_result *c, char *text,
                                size_t size)
{
    double speedup = brun_case_speedup(c, brun_case_one_thread(r, c));
    char times[24], share[24];
    if (!(speedup > 0))
        return "-";
    brun_format_fixed(speedup, 2, times, sizeof times);
    brun_format_fixed(100.0 * speedup / c->threads, 0, share, sizeof share);
    snprintf(text, size, "×%s (%s %%)", times, share);
    return text;
}

void brun_console_threads(FILE *out, const struct brun_results *r,
                          size_t target, const struct brun_console_style *style)
{
    struct brun_table t;
    int any = 0;
    for (size_t i = 0; i < r->case_count; i++)
        any |= r->cases[i].target == target && r->cases[i].threads > 1 &&
               r->cases[i].status == BRUN_STATUS_OK;
    if (!any)
        return;
    brun_table_init(&t);
    brun_table_column(&t, "case", 0);
    brun_table_column(&t, "threads", 1);
    brun_table_column(&t, "real/iter", 1);
    brun_table_column(&t, "cpu/iter", 1);
    brun_table_column(&t, "aggregate", 1);
    brun_table_column(&t, "aggregate throughput", 1);
    brun_table_column(&t, "vs 1 thread", 1);
    for (size_t i = 0; i < r->case_count; i++) {
        const struct brun_case_result *c = &r->cases[i];
        double mean = c->samples_summary.mean;
        char text[96];
        if (c->target != target || c->threads <= 1 ||
            c->status != BRUN_STATUS_OK)
            continue;
        size_t row = brun_table_row(&t);
        if (row == (size_t)-1)
            break;
        brun_table_set(&t, row, 0, c->name);
        snprintf(text, sizeof text, "%u", c->threads);
        brun_table_set(&t, row, 1, text);
        brun_format_duration(mean, text, sizeof text);
        brun_table_set(&t, row, 2, text);
        brun_format_duration(brun_case_cpu_ns(c), text, sizeof text);
        brun_table_set(&t, row, 3, text);
        brun_format_item_rate(brun_case_per_second(c, 1, mean), text,
                              sizeof text);
        brun_table_set(&t, row, 4, text);
        text[0] = '\0';
        if (c->bytes_per_iteration > 0)
            brun_format_byte_rate(
                brun_case_per_second(c, c->bytes_per_iteration, mean), text,
                sizeof text);
        else if (c->items_per_iteration > 0)
            brun_format_item_rate(
                brun_case_per_second(c, c->items_per_iteration, mean), text,
                sizeof text);
        brun_table_set(&t, row, 5, text[0] ? text : "-");
        brun_table_set(&t, row, 6, speedup_text(r, c, text, sizeof text));
    }
    fputc('\n', out);
    brun_table_print(&t, out, style->color ? ANSI_BOLD : NULL,
                     style->color ? ANSI_RESET : NULL);
    brun_table_release(&t);
}
