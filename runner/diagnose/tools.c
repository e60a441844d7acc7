/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * tools.c: PATH lookups, the PMU check and scratch folders (see
 * tools.h).
 */
#include "config.h"

#include "runner/diagnose/tools.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/counters.h"

int brun_tool_find(const char *name, char *out, size_t size)
{
    if (strchr(name, '/')) {
        if (access(name, X_OK) != 0)
            return -1;
        return snprintf(out, size, "%s", name) < (int)size ? 0 : -1;
    }
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *end = strchr(path, ':');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        struct stat st;
        if (len > 0 &&
            snprintf(out, size, "%.*s/%s", (int)len, path, name) < (int)size &&
            stat(out, &st) == 0 && S_ISREG(st.st_mode) &&
            access(out, X_OK) == 0)
            return 0;
        path += len + (end ? 1 : 0);
    }
    return -1;
}

int brun_tool_require(const char *name, const char *package, char *out,
                      size_t size, char *why, size_t why_size)
{
    if (brun_tool_find(name, out, size) == 0)
        return 0;
    snprintf(why, why_size,
             "%s not found on PATH: install it (apt-get install "
             "%s)",
             name, package);
    return -1;
}

int brun_pmu_available(char *why, size_t why_size)
{
    struct brun_counter_group g;
    if (brun_counters_open(&g, brun_hardware_events, 1, why, why_size) != 0) {
        if (strncmp(why, "no PMU", 6) == 0) /* the short form for a line */
            snprintf(why, why_size, "no PMU");
        return 0;
    }
    brun_counters_close(&g);
    return 1;
}

void brun_file_stem(const char *name, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = name; *p && n + 1 < size; p++) {
        char c = *p;
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                   (c == '.' && n > 0);
        out[n++] = keep ? c : '_';
    }
    if (n == 0 && size > 1)
        out[n++] = '_';
    if (size > 0)
        out[n < size ? n : size - 1] = '\0';
}

int brun_output_prepare(const char *path, char *why, size_t why_size)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0; /* nothing there yet */
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
        snprintf(why, why_size,
                 "%s exists and is not a regular file: not replaced", path);
        return -1;
    }
    if (unlink(path) != 0) {
        snprintf(why, why_size, "cannot replace %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int brun_scratch_make(char *out, size_t size, char *why, size_t why_size)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    if (snprintf(out, size, "%s/benchrun-XXXXXX", tmp) >= (int)size) {
        snprintf(why, why_size, "TMPDIR is too long");
        return -1;
    }
    if (!mkdtemp(out)) {
        snprintf(why, why_size, "cannot create a folder in %s: %s", tmp,
                 strerror(errno));
        return -1;
    }
    return 0;
}

void brun_scratch_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[4200];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path); /* a link goes, never what it points to */
        }
        closedir(d);
    }
    rmdir(dir);
}
