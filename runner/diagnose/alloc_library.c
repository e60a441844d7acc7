/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * alloc_library.c: finding the allocation counter (see alloc_library.h).
 * The installed path comes from the build, BRUN_PKGLIBDIR being
 * $(pkglibdir); the environment overrides it.  The result is
 * canonical (realpath), because the worker may start in another
 * directory.  It does not open or dlopen the library.
 */
#include "config.h"

#include "runner/diagnose/alloc_library.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BRUN_PKGLIBDIR
#error "BRUN_PKGLIBDIR must name the installed $(pkglibdir)"
#endif

#define LIBRARY_NAME "libbenchrun-alloc.so"

static int not_found(const char *path, char *why, size_t why_size)
{
    snprintf(why, why_size,
             "allocation counter not found at %s (reinstall benchrun, or "
             "set BENCHRUN_ALLOC_LIBRARY)",
             path);
    return -1;
}

int brun_alloc_library_path(char *out, size_t size, char *why, size_t why_size)
{
    char wanted[PATH_MAX], real[PATH_MAX];
    const char *env = getenv("BENCHRUN_ALLOC_LIBRARY");
    int n = env && *env ? snprintf(wanted, sizeof wanted, "%s", env)
                        : snprintf(wanted, sizeof wanted, "%s/%s",
                                   BRUN_PKGLIBDIR, LIBRARY_NAME);
    if (n < 0 || (size_t)n >= sizeof wanted) {
        snprintf(why, why_size,
                 "allocation counter path %.100s... is longer than %d bytes",
                 wanted, PATH_MAX - 1);
        return -1;
    }
    struct stat st;
    if (!realpath(wanted, real) || stat(real, &st) != 0 ||
        !S_ISREG(st.st_mode) || access(real, R_OK) != 0)
        return not_found(wanted, why, why_size);
    if (strpbrk(real, " :")) {
        snprintf(why, why_size,
                 "allocation counter path %s holds a space or a colon, "
                 "which LD_PRELOAD cannot carry",
                 real);
        return -1;
    }
    if (snprintf(out, size, "%s", real) >= (int)size) {
        snprintf(why, why_size,
                 "allocation counter path %s is longer than %zu bytes", real,
                 size - 1);
        return -1;
    }
    return 0;
}
