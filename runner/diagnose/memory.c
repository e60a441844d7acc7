/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * memory.c: --profile-memory, one case at a time (see memory.h).
 */
#include "config.h"

#include "runner/diagnose/memory.h"

#include <math.h>
#include <string.h>

#include "reports/model/metrics.h"
#include "reports/text/format.h"
#include "runner/diagnose/memory_tool.h"
#include "runner/diagnose/tools.h"
#include "runner/files/make_dirs.h"
#include "runner/worker/process.h"

static void bytes_text(double bytes, char *out, size_t size)
{
    if (bytes >= 1024.0 * 1024.0)
        snprintf(out, size, "%.1f MiB", bytes / (1024.0 * 1024.0));
    else if (bytes >= 1024.0)
        snprintf(out, size, "%.1f KiB", bytes / 1024.0);
    else
        snprintf(out, size, "%.0f B", bytes);
}

/* Runs the tool around one worker and summarises its output. */
static int run_tool(enum brun_memory_tool tool,
                    const struct brun_profile_request *q,
                    const struct brun_measure_env *env, const char *path,
                    const struct brun_listed_case *listed, uint64_t iterations,
                    double ns, char *output, size_t output_size,
                    struct brun_memory_summary *summary, char *why,
                    size_t why_size)
{
    char stem[200];
    struct brun_memory_command cmd;
    brun_file_stem(listed->name, stem, sizeof stem);
    if (brun_memory_tool_command(tool, q->dir, stem, &cmd, why, why_size) != 0)
        return 2;
    /* The tools open their outputs with O_TRUNC: clear every name they
     * may write first, so a link planted there is replaced, never
     * written through. */
    for (size_t i = 0; cmd.outputs[i]; i++) {
        if (brun_output_prepare(cmd.outputs[i], why, why_size) != 0) {
            brun_memory_command_release(&cmd);
            return 2;
        }
    }
    double seconds = tool == BRUN_MEMORY_HEAPTRACK ? BRUN_MEMORY_HEAPTRACK_S
                                                   : BRUN_MEMORY_VALGRIND_S;
    double sample_s = ns * 1e-9 * (double)iterations;
    double count = sample_s > 0 ? ceil(seconds / sample_s) : 1;
    uint32_t samples = count < 1 ? 1 : count > 1000 ? 1000 : (uint32_t)count;
    const struct brun_launch launch = {(const char *const *)cmd.argv, NULL};
    struct brun_probe_reply reply;
    int r =
        brun_pass_run(path, listed, env, iterations, samples, NULL, &launch,
                      brun_pass_timeout(env, seconds), &reply, why, why_size);
    if (r == 0 &&
        (brun_memory_tool_output(&cmd, reply.pid, output, output_size, why,
                                 why_size) != 0 ||
         brun_memory_tool_summarise(tool, output, summary, why, why_size) != 0))
        r = 2;
    brun_memory_command_release(&cmd);
    return r;
}

int brun_memory_profile_case(const struct brun_profile_request *q,
                             const struct brun_measure_env *env,
                             const struct brun_pass_tools *tools,
                             const char *path,
                             const struct brun_listed_case *listed,
                             FILE *console)
{
    char why[1200], output[4300];
    enum brun_memory_tool tool, chosen = (enum brun_memory_tool)q->memory_tool;
    if (brun_memory_tool_find(q->memory_tool >= 0 ? &chosen : NULL, &tool, why,
                              sizeof why) != 0 ||
        brun_make_dirs(q->dir, why, sizeof why) != 0) {
        fprintf(stderr, "benchrun: --profile-memory: %s\n", why);
        return 2;
    }
    uint64_t iterations;
    double ns;
    int r = brun_profile_calibrate(env, path, listed, &iterations, &ns, why,
                                   sizeof why);
    struct brun_memory_summary summary;
    memset(&summary, 0, sizeof summary);
    if (r == 0)
        r = run_tool(tool, q, env, path, listed, iterations, ns, output,
                     sizeof output, &summary, why, sizeof why);
    if (r != 0) {
        if (r > 0)
            fprintf(stderr, "benchrun: --profile-memory: %s: %s\n",
                    listed->name, why);
        return r;
    }

    /* Allocations per iteration of the timed loop alone. */
    struct brun_metric m[BRUN_METRIC_COUNT];
    memset(m, 0, sizeof m);
    char per_iteration[160];
    int counted = brun_pass_alloc(path, listed, env, tools, iterations, m, why,
                                  sizeof why);
    if (counted < 0)
        return -1;
    if (counted == 0) {
        char bytes[48];
        bytes_text(m[BRUN_METRIC_ALLOCATED_BYTES].value, bytes, sizeof bytes);
        snprintf(per_iteration, sizeof per_iteration,
                 "%.3g allocations (%s) per iteration",
                 m[BRUN_METRIC_ALLOCATIONS].value, bytes);
    } else {
        snprintf(per_iteration, sizeof per_iteration,
                 "allocations per iteration not counted (%.100s)", why);
    }
    char peak[48], site_bytes[48];
    bytes_text(summary.peak_bytes, peak, sizeof peak);
    bytes_text(summary.top_site_bytes, site_bytes, sizeof site_bytes);
    fprintf(
        console,
        "memory profile of %s (%s): peak heap %s, %s, top allocation "
        "site: %s%s%s%s\n  %s output: %s\n",
        listed->name, brun_memory_tool_name(tool), peak, per_iteration,
        summary.top_site[0] ? summary.top_site : "none recorded",
        summary.top_site[0] ? " (" : "", summary.top_site[0] ? site_bytes : "",
        summary.top_site[0] ? ")" : "", brun_memory_tool_name(tool), output);
    return 0;
}
