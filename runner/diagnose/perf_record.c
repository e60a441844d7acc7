/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * perf_record.c: perf record around a worker, perf script after (see
 * perf_record.h).
 */
#include "config.h"

#include "runner/diagnose/perf_record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner/diagnose/passes.h"
#include "runner/diagnose/tools.h"
#include "runner/worker/process.h"

int brun_perf_find(struct brun_perf_settings *p, char *why, size_t why_size)
{
    return brun_tool_require("perf", "linux-perf", p->perf, sizeof p->perf, why,
                             why_size);
}

/* perf's complaint, with what to do about the usual ones. */
static void perf_failed(const char *said, char *why, size_t why_size)
{
    int paranoid = -1;
    FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    if (f) {
        if (fscanf(f, "%d", &paranoid) != 1)
            paranoid = -1;
        fclose(f);
    }
    if (strstr(said, "ermission") || strstr(said, "paranoid") ||
        strstr(said, "EACCES") || strstr(said, "not permitted"))
        snprintf(why, why_size,
                 "perf may not record here (kernel.perf_event_paranoid = %d): "
                 "run as root, or `sysctl kernel.perf_event_paranoid=1`; perf "
                 "said: %s",
                 paranoid, said);
    else
        snprintf(why, why_size, "perf could not record: %s", said);
}

int brun_perf_profile(const struct brun_perf_settings *p,
                      const struct brun_measure_env *env, const char *path,
                      const struct brun_listed_case *listed,
                      uint64_t iterations, uint32_t samples,
                      const char *data_path, struct brun_profile *profile,
                      struct brun_probe_reply *reply, char *why,
                      size_t why_size)
{
    char ctl[4200], ack[4200], control[8500], probe[8500], out_flag[4200];
    char frequency[32];
    snprintf(ctl, sizeof ctl, "%s/perf.ctl", p->scratch);
    snprintf(ack, sizeof ack, "%s/perf.ack", p->scratch);
    unlink(ctl);
    unlink(ack);
    if (mkfifo(ctl, 0600) != 0 || mkfifo(ack, 0600) != 0) {
        snprintf(why, why_size, "cannot make perf's control FIFOs in %s: %s",
                 p->scratch, strerror(errno));
        return 2;
    }
    snprintf(control, sizeof control, "--control=fifo:%s,%s", ctl, ack);
    snprintf(probe, sizeof probe, "perf:%s,%s", ctl, ack);
    snprintf(out_flag, sizeof out_flag, "--output=%s", data_path);
    snprintf(frequency, sizeof frequency, "--freq=%d", BRUN_PERF_FREQUENCY);
    const char *prefix[] = {
        p->perf,      "record",
        "--quiet",    frequency,
        "--delay=-1", control,
        out_flag,     p->call_graph_dwarf ? "--call-graph=dwarf" : "-g",
        "--",         NULL};
    const struct brun_launch launch = {prefix, NULL};
    /* perf would keep the last recording as FILE.old, and writes
     * through a link: the name is benchrun's own, so it is replaced. */
    if (brun_output_prepare(data_path, why, why_size) != 0)
        return 2;
    double timeout = env->settings.timeout_s + 60 +
                     4.0 * (double)samples * env->settings.sample_s;
    char said[900];
    int r = brun_pass_run(path, listed, env, iterations, samples, probe,
                          &launch, timeout, reply, said, sizeof said);
    unlink(ctl);
    unlink(ack);
    if (r < 0)
        return -1;
    if (r > 0) {
        /* perf failing before the worker greets is perf's problem; a
         * case that crashed under it is the case's. */
        if (strstr(said, "perf") || strstr(said, "not a benchrun") ||
            strstr(said, "greeting")) {
            perf_failed(said, why, why_size);
            return 2;
        }
        snprintf(why, why_size, "%s", said);
        return 1;
    }
    char *text = NULL;
    if (brun_perf_script_run(data_path, p->perf, &text, said, sizeof said) !=
        0) {
        snprintf(why, why_size, "perf script failed: %s", said);
        return 2;
    }
    int rc = brun_perf_script_read(text, profile, why, why_size);
    free(text);
    return rc == 0 ? 0 : 2;
}
