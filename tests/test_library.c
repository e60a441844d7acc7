/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_library.c: the shared libbenchrun exports the public benchrun_*
 * names and main, nothing internal, and every public function benchrun.h
 * declares is there; benchrun.h and the man page carry the version
 * configure.ac gives. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchrun.h"
#include "tests/helpers.h"

/* The public functions of benchrun.h (the API). */
static const char *const public_functions[] = {
    "benchrun_arg",       "benchrun_fail",           "benchrun_main",
    "benchrun_pause",     "benchrun_priv_loop_next", "benchrun_priv_loop_start",
    "benchrun_register",  "benchrun_resume",         "benchrun_set_bytes",
    "benchrun_set_items", "benchrun_skip",           "benchrun_version"};

Test(library, exports_only_public_names)
{
    char library[4096];
    snprintf(library, sizeof library, "%s",
             build_path("lib/.libs/libbenchrun.so"));
    if (access(library, R_OK) != 0)
        cr_skip_test("no shared library was built (--disable-shared)");
    char *argv[] = {"/usr/bin/nm", "-D", "--defined-only", library, NULL};
    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 60, &r), 0, "cannot run nm");
    cr_assert_eq(r.status, 0, "%s", r.err);

    size_t found = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        char address[64], type[8], name[256];
        if (sscanf(line, "%63s %7s %255s", address, type, name) != 3)
            continue;
        if (strcmp(type, "T") != 0 && strcmp(type, "W") != 0 &&
            strcmp(type, "D") != 0 && strcmp(type, "B") != 0)
            continue; /* versions, absolute symbols */
        cr_assert(strncmp(name, "benchrun_", 9) == 0 ||
                      strcmp(name, "main") == 0,
                  "internal symbol %s is exported", name);
        for (size_t i = 0;
             i < sizeof public_functions / sizeof *public_functions; i++)
            if (strcmp(name, public_functions[i]) == 0)
                found++;
    }
    cr_assert_eq(found, sizeof public_functions / sizeof *public_functions,
                 "a public function is missing from the library");
    command_result_free(&r);
}

/* AC_INIT in configure.ac is the one place a release sets the version.
 * benchrun.h keeps its own literal, because it is installed and bench
 * files include it without config.h; the man page states it too.  This
 * fails as soon as either lags behind configure.ac. */
Test(library, header_and_man_page_carry_the_configure_version)
{
    cr_assert_str_eq(BENCHRUN_VERSION, PACKAGE_VERSION,
                     "lib/benchrun.h says %s, configure.ac %s",
                     BENCHRUN_VERSION, PACKAGE_VERSION);
    unsigned major, minor, patch;
    cr_assert_eq(sscanf(PACKAGE_VERSION, "%u.%u.%u", &major, &minor, &patch), 3,
                 "PACKAGE_VERSION %s is not MAJOR.MINOR.PATCH",
                 PACKAGE_VERSION);
    cr_assert_eq(BENCHRUN_VERSION_NUM, major << 16 | minor << 8 | patch,
                 "lib/benchrun.h: BENCHRUN_VERSION_NUM 0x%06x is not %s",
                 (unsigned)BENCHRUN_VERSION_NUM, PACKAGE_VERSION);

    FILE *man = fopen(source_path("docs/benchrun.1"), "r");
    cr_assert_not_null(man, "docs/benchrun.1: %s", strerror(errno));
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof line, man))
        found = strncmp(line, ".TH ", 4) == 0;
    fclose(man);
    cr_assert(found, "docs/benchrun.1 has no .TH line");
    cr_assert(strstr(line, "\"benchrun " PACKAGE_VERSION "\""),
              "docs/benchrun.1 does not say benchrun %s: %s", PACKAGE_VERSION,
              line);
}
