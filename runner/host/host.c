/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * host.c: reads the machine description for the context block (see
 * host.h).
 */
#include "config.h"

#include "runner/host/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/* First line of a small file, without its newline; "" when unreadable. */
static void read_first_line(const char *path, char *out, size_t size)
{
    FILE *f = fopen(path, "r");
    out[0] = '\0';
    if (!f)
        return;
    if (fgets(out, (int)size, f))
        out[strcspn(out, "\n")] = '\0';
    fclose(f);
}

static void cpu_model(char *out, size_t size)
{
    char line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");
    out[0] = '\0';
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        /* x86: "model name"; arm64 has no model name, try "CPU part"
         * only as a last resort. */
        if (strncmp(line, "model name", 10) == 0) {
            char *colon = strchr(line, ':');
            if (colon) {
                colon++;
                while (*colon == ' ' || *colon == '\t')
                    colon++;
                colon[strcspn(colon, "\n")] = '\0';
                snprintf(out, size, "%s", colon);
                break;
            }
        }
    }
    fclose(f);
}

void brun_host_probe(struct brun_host *h)
{
    struct utsname u;
    char text[64];

    memset(h, 0, sizeof *h);
    cpu_model(h->cpu_model, sizeof h->cpu_model);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    h->cpus = cpus > 0 ? (int)cpus : 1;
    if (uname(&u) == 0) {
        snprintf(h->kernel, sizeof h->kernel, "%s %s", u.sysname, u.release);
        snprintf(h->machine, sizeof h->machine, "%s", u.machine);
        snprintf(h->hostname, sizeof h->hostname, "%s", u.nodename);
    }
    double load[1];
    h->load_average = getloadavg(load, 1) == 1 ? load[0] : 0;
    read_first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
                    h->governor, sizeof h->governor);
    read_first_line("/proc/sys/kernel/randomize_va_space", text, sizeof text);
    h->aslr = -1;
    if (text[0] >= '0' && text[0] <= '9' && text[1] == '\0')
        h->aslr = text[0] - '0';
}
