/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_memory_tool.c: runner/diagnose/memory_tool.h with the real
 * profilers.  Each installed tool (heaptrack, massif, DHAT) runs
 * tests/memory_target, whose grow_table() keeps 1000 blocks of 100 bytes
 * live at once; the summary must find those allocations, a peak between
 * 100 kB and 10 MB and grow_table as the top site, and the tool's file
 * must be in the output folder and nowhere else.  A tool that is not
 * installed is skipped.  The error paths (unknown names, missing and
 * garbage files, no tool on PATH) need no tool.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner/diagnose/memory_tool.h"
#include "tests/helpers.h"

static char *scratch;
static char out_dir[4096], cwd_dir[4096];

/* A scratch folder with out/ (the profile folder) and cwd/ (the current
 * directory while a tool runs, which must stay empty). */
static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
    snprintf(out_dir, sizeof out_dir, "%s/out", scratch);
    snprintf(cwd_dir, sizeof cwd_dir, "%s/cwd", scratch);
    cr_assert_eq(mkdir(out_dir, 0700), 0);
    cr_assert_eq(mkdir(cwd_dir, 0700), 0);
    cr_assert_eq(chdir(cwd_dir), 0);
}

static void teardown(void)
{
    free(scratch);
}

TestSuite(memory_tool, .init = setup, .fini = teardown, .timeout = 300,
          .disabled = BRUN_TEST_ASAN);

/* The names in dir, one per line, sorted; the caller frees. */
static char *listing(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    cr_assert_geq(n, 0, "cannot list %s", dir);
    size_t size = 1;
    for (int i = 0; i < n; i++)
        size += strlen(names[i]->d_name) + 1;
    char *s = calloc(1, size);
    cr_assert_not_null(s);
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
            strcat(s, names[i]->d_name);
            strcat(s, "\n");
        }
        free(names[i]);
    }
    free(names);
    return s;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* Runs tests/memory_target under t like the driver runs a worker, and
 * checks the summary of what t wrote; expected lists the names the
 * output folder must hold afterwards. */
static void profile_target(enum brun_memory_tool t, const char *expected)
{
    char why[512] = "";
    enum brun_memory_tool found;
    if (brun_memory_tool_find(&t, &found, why, sizeof why) != 0)
        cr_skip_test("%s", why);
    cr_assert_eq(found, t);

    struct brun_memory_command cmd;
    cr_assert_eq(
        brun_memory_tool_command(t, out_dir, "case1", &cmd, why, sizeof why), 0,
        "%s", why);
    cr_assert_not_null(cmd.argv);
    cr_assert_null(cmd.argv[cmd.argc]);
    cr_assert_eq(cmd.argv[0][0], '/', "argv[0] %s is a full path", cmd.argv[0]);
    char **argv = calloc(cmd.argc + 3, sizeof *argv);
    cr_assert_not_null(argv);
    memcpy(argv, cmd.argv, cmd.argc * sizeof *argv);
    char target[4096];
    snprintf(target, sizeof target, "%s", build_path("tests/memory_target"));
    argv[cmd.argc] = target;
    argv[cmd.argc + 1] = "--benchrun-worker=3,4";

    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 240, &r), 0);
    cr_assert_eq(r.status, 0, "%s exited %d: %s", cmd.argv[0], r.status, r.err);
    command_result_free(&r);
    free(argv);

    char path[4096];
    cr_assert_eq(
        brun_memory_tool_output(&cmd, 0, path, sizeof path, why, sizeof why), 0,
        "%s", why);
    cr_assert_eq(strncmp(path, out_dir, strlen(out_dir)), 0, "%s is not in %s",
                 path, out_dir);

    char *in_out = listing(out_dir), *in_cwd = listing(cwd_dir);
    cr_expect_str_eq(in_out, expected);
    cr_expect_str_eq(in_cwd, "", "the tool wrote in the current directory");
    free(in_out);
    free(in_cwd);

    struct brun_memory_summary s;
    cr_assert_eq(brun_memory_tool_summarise(t, path, &s, why, sizeof why), 0,
                 "%s", why);
    cr_expect_geq(s.allocations, 1000, "%g allocations", s.allocations);
    cr_expect_geq(s.peak_bytes, 100000, "peak %g", s.peak_bytes);
    cr_expect_lt(s.peak_bytes, 10e6, "peak %g", s.peak_bytes);
    cr_expect_not_null(strstr(s.top_site, "grow_table"), "top site \"%s\"",
                       s.top_site);
    cr_expect_geq(s.top_site_bytes, 100000, "top site bytes %g",
                  s.top_site_bytes);
    cr_expect_leq(s.top_site_bytes, s.peak_bytes);
    if (t == BRUN_MEMORY_MASSIF)
        cr_expect(isnan(s.allocated_bytes), "massif gives no total bytes");
    else
        cr_expect_geq(s.allocated_bytes, 108000, "allocated %g",
                      s.allocated_bytes);
    brun_memory_command_release(&cmd);
    cr_expect_null(cmd.argv);
}

Test(memory_tool, heaptrack_finds_grow_table_and_the_peak)
{
    profile_target(BRUN_MEMORY_HEAPTRACK, "heaptrack.case1.zst\n");
}

Test(memory_tool, massif_finds_grow_table_and_the_peak)
{
    profile_target(BRUN_MEMORY_MASSIF, "massif.out.case1\n"
                                       "massif.out.case1.log\n");
}

Test(memory_tool, dhat_finds_grow_table_and_the_peak)
{
    profile_target(BRUN_MEMORY_DHAT, "dhat.out.case1.json\n");
}

Test(memory_tool, names_and_parse_agree)
{
    const enum brun_memory_tool all[] = {BRUN_MEMORY_HEAPTRACK,
                                         BRUN_MEMORY_MASSIF, BRUN_MEMORY_DHAT};
    for (size_t i = 0; i < 3; i++) {
        enum brun_memory_tool t = BRUN_MEMORY_DHAT;
        cr_expect_eq(brun_memory_tool_parse(brun_memory_tool_name(all[i]), &t),
                     0);
        cr_expect_eq(t, all[i]);
    }
    cr_expect_str_eq(brun_memory_tool_name(BRUN_MEMORY_MASSIF), "massif");
}

Test(memory_tool, an_unknown_tool_name_is_refused)
{
    enum brun_memory_tool t = BRUN_MEMORY_DHAT;
    cr_expect_eq(brun_memory_tool_parse("valgrind", &t), -1);
    cr_expect_eq(brun_memory_tool_parse("Massif", &t), -1);
    cr_expect_eq(brun_memory_tool_parse("", &t), -1);
    cr_expect_eq(t, BRUN_MEMORY_DHAT, "the output is untouched");
}

Test(memory_tool, no_tool_on_path_says_what_to_install)
{
    cr_assert_eq(setenv("PATH", cwd_dir, 1), 0); /* an empty folder */
    char why[512] = "";
    enum brun_memory_tool t;
    cr_expect_eq(brun_memory_tool_find(NULL, &t, why, sizeof why), -1);
    cr_expect_str_eq(why, "no memory profiler found: install heaptrack or "
                          "valgrind (apt-get install heaptrack valgrind)");
    enum brun_memory_tool chosen = BRUN_MEMORY_HEAPTRACK;
    cr_expect_eq(brun_memory_tool_find(&chosen, &t, why, sizeof why), -1);
    cr_expect_str_eq(why, "heaptrack is not installed: no heaptrack on PATH");
    struct brun_memory_command cmd;
    cr_expect_eq(brun_memory_tool_command(BRUN_MEMORY_DHAT, out_dir, "x", &cmd,
                                          why, sizeof why),
                 -1);
    cr_expect_str_eq(why, "dhat is not installed: no valgrind on PATH");
    cr_expect_null(cmd.argv);
}

Test(memory_tool, the_first_installed_tool_is_found_in_order)
{
    /* A PATH with only a valgrind: massif comes before dhat. */
    char fake[4096];
    snprintf(fake, sizeof fake, "%s/valgrind", cwd_dir);
    write_text(fake, "#!/bin/sh\nexit 0\n");
    cr_assert_eq(chmod(fake, 0700), 0);
    cr_assert_eq(setenv("PATH", cwd_dir, 1), 0);
    char why[512] = "";
    enum brun_memory_tool t = BRUN_MEMORY_HEAPTRACK;
    cr_expect_eq(brun_memory_tool_find(NULL, &t, why, sizeof why), 0, "%s",
                 why);
    cr_expect_eq(t, BRUN_MEMORY_MASSIF);
}

Test(memory_tool, names_a_tool_would_rewrite_are_refused)
{
    char why[512] = "";
    struct brun_memory_command cmd;
    cr_expect_eq(brun_memory_tool_command(BRUN_MEMORY_MASSIF, out_dir, "a/b",
                                          &cmd, why, sizeof why),
                 -1);
    cr_expect_str_eq(why, "bad output name \"a/b\": empty or with a '/'");
    cr_expect_eq(brun_memory_tool_command(BRUN_MEMORY_DHAT, out_dir, "case%p",
                                          &cmd, why, sizeof why),
                 -1);
    cr_expect_not_null(strstr(why, "'%'"), "%s", why);
    cr_expect_eq(brun_memory_tool_command(BRUN_MEMORY_HEAPTRACK, out_dir,
                                          "two words", &cmd, why, sizeof why),
                 -1);
    cr_expect_not_null(strstr(why, "\"two words\""), "%s", why);
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/none", scratch);
    cr_expect_eq(brun_memory_tool_command(BRUN_MEMORY_DHAT, missing, "x", &cmd,
                                          why, sizeof why),
                 -1);
    cr_expect_not_null(strstr(why, missing), "%s", why);
    cr_expect(is_one_line(strcat(why, "\n")));
}

Test(memory_tool, a_missing_output_names_the_file)
{
    char pattern[4096], path[4096], why[512] = "";
    snprintf(pattern, sizeof pattern, "%s/dhat.out.x.json", out_dir);
    struct brun_memory_command cmd = {NULL, 0, pattern};
    cr_expect_eq(
        brun_memory_tool_output(&cmd, 0, path, sizeof path, why, sizeof why),
        -1);
    char expected[4200];
    snprintf(expected, sizeof expected, "no memory profile %s was written",
             pattern);
    cr_expect_str_eq(why, expected);

    snprintf(pattern, sizeof pattern, "%s/heaptrack.x.*", out_dir);
    cr_expect_eq(
        brun_memory_tool_output(&cmd, 0, path, sizeof path, why, sizeof why),
        -1);
    snprintf(expected, sizeof expected,
             "no memory profile %s/heaptrack.x (.zst or .gz) was written",
             out_dir);
    cr_expect_str_eq(why, expected);

    /* Found once it is there, with .gz where zstd was missing. */
    snprintf(path, sizeof path, "%s/heaptrack.x.gz", out_dir);
    write_text(path, "");
    char found[4096];
    cr_expect_eq(
        brun_memory_tool_output(&cmd, 0, found, sizeof found, why, sizeof why),
        0, "%s", why);
    cr_expect_str_eq(found, path);
}

Test(memory_tool, a_pid_in_the_pattern_is_resolved)
{
    char pattern[4096], path[4096], file[4096], why[512] = "";
    snprintf(pattern, sizeof pattern, "%s/massif.out.%%p", out_dir);
    snprintf(file, sizeof file, "%s/massif.out.4242", out_dir);
    write_text(file, "");
    struct brun_memory_command cmd = {NULL, 0, pattern};
    cr_expect_eq(
        brun_memory_tool_output(&cmd, 4242, path, sizeof path, why, sizeof why),
        0, "%s", why);
    cr_expect_str_eq(path, file);
}

Test(memory_tool, summarising_a_missing_file_names_it)
{
    char path[4096], why[512];
    snprintf(path, sizeof path, "%s/nothing", out_dir);
    const enum brun_memory_tool all[] = {BRUN_MEMORY_HEAPTRACK,
                                         BRUN_MEMORY_MASSIF, BRUN_MEMORY_DHAT};
    for (size_t i = 0; i < 3; i++) {
        struct brun_memory_summary s;
        why[0] = '\0';
        cr_expect_eq(
            brun_memory_tool_summarise(all[i], path, &s, why, sizeof why), -1);
        cr_expect_not_null(strstr(why, path), "%s: %s",
                           brun_memory_tool_name(all[i]), why);
        cr_expect(is_one_line(strcat(why, "\n")));
    }
}

/* Summarising text that is not t's output fails with reason. */
static void expect_refused(enum brun_memory_tool t, const char *text,
                           const char *reason)
{
    char path[4096], why[512] = "";
    snprintf(path, sizeof path, "%s/garbage", out_dir);
    write_text(path, text);
    struct brun_memory_summary s;
    cr_expect_eq(brun_memory_tool_summarise(t, path, &s, why, sizeof why), -1);
    char expected[4200];
    snprintf(expected, sizeof expected, "%s: %s", path, reason);
    cr_expect_str_eq(why, expected);
}

Test(memory_tool, a_garbage_massif_file_is_refused)
{
    expect_refused(BRUN_MEMORY_MASSIF, "hello\nworld\n",
                   "no \"desc:\" header or mem_heap_B snapshot (not a "
                   "massif.out file?)");
}

Test(memory_tool, a_garbage_dhat_file_is_refused)
{
    expect_refused(BRUN_MEMORY_DHAT, "hello",
                   "not DHAT's JSON: expected '{' at the start at byte 0");
    expect_refused(BRUN_MEMORY_DHAT, "{\"pps\": [{\"tb\": 1,]}",
                   "not DHAT's JSON: expected a string at byte 18");
    expect_refused(BRUN_MEMORY_DHAT, "{\"a\": [1, {\"b\": null}]}",
                   "no \"pps\" array (not a DHAT output file?)");
    expect_refused(BRUN_MEMORY_DHAT,
                   "{\"mode\": \"copy\", \"pps\": [], \"ftbl\": []}",
                   "not a heap profile (DHAT's \"mode\" is not \"heap\")");
}

Test(memory_tool, a_garbage_heaptrack_file_is_refused)
{
    char why[512];
    enum brun_memory_tool t = BRUN_MEMORY_HEAPTRACK, found;
    if (brun_memory_tool_find(&t, &found, why, sizeof why) != 0)
        cr_skip_test("%s", why);
    expect_refused(BRUN_MEMORY_HEAPTRACK, "garbage\n",
                   "heaptrack_print found no recorded program in it (not a "
                   "heaptrack file?)");
}

Test(memory_tool, a_hand_made_dhat_file_is_summarised)
{
    /* Two program points: the second has the most bytes; its first frame
     * is valgrind's malloc, which is not the site. */
    char path[4096], why[512] = "";
    snprintf(path, sizeof path, "%s/dhat.json", out_dir);
    write_text(
        path,
        "{\"dhatFileVersion\":2,\"mode\":\"heap\",\"cmd\":\"a \\\"b\\\"\","
        "\"pps\":[{\"tb\":10,\"tbk\":2,\"gb\":5,\"fs\":[1,2]},"
        "{\"tb\":300,\"tbk\":3,\"gb\":200,\"acc\":[-1,0],"
        "\"fs\":[1,3,2]}],"
        "\"ftbl\":[\"[root]\",\"0x1: malloc (in /x/vgpreload_dhat.so)\","
        "\"0x2: main (m.c:1)\",\"0x3: f\\u0041 (m.c:7)\"]}");
    struct brun_memory_summary s;
    cr_assert_eq(
        brun_memory_tool_summarise(BRUN_MEMORY_DHAT, path, &s, why, sizeof why),
        0, "%s", why);
    cr_expect_eq(s.peak_bytes, 205);
    cr_expect_eq(s.allocations, 5);
    cr_expect_eq(s.allocated_bytes, 310);
    cr_expect_str_eq(s.top_site, "fA (m.c:7)");
    cr_expect_eq(s.top_site_bytes, 300);
}

Test(memory_tool, a_hand_made_massif_file_is_summarised)
{
    char path[4096], log[4200], why[512] = "";
    snprintf(path, sizeof path, "%s/massif.out.x", out_dir);
    write_text(path, "desc: (none)\ncmd: ./x\ntime_unit: i\n"
                     "#-----------\nsnapshot=0\n#-----------\ntime=0\n"
                     "mem_heap_B=50\nmem_heap_extra_B=0\nmem_stacks_B=0\n"
                     "heap_tree=empty\n"
                     "#-----------\nsnapshot=1\n#-----------\ntime=9\n"
                     "mem_heap_B=700\nmem_heap_extra_B=8\nmem_stacks_B=0\n"
                     "heap_tree=peak\n"
                     "n2: 700 (heap allocation functions) malloc/new/new[]\n"
                     " n0: 600 in 4 places, all below massif's threshold\n"
                     " n1: 100 0x10: build (b.c:3)\n"
                     "  n0: 100 0x20: main (m.c:9)\n"
                     "#-----------\nsnapshot=2\n#-----------\ntime=12\n"
                     "mem_heap_B=0\nmem_heap_extra_B=0\nmem_stacks_B=0\n"
                     "heap_tree=empty\n");
    snprintf(log, sizeof log, "%s.log", path);
    write_text(log, "--7-- Massif: heap allocs:           1,002\n"
                    "--7-- Massif: heap reallocs:         5\n");
    struct brun_memory_summary s;
    cr_assert_eq(brun_memory_tool_summarise(BRUN_MEMORY_MASSIF, path, &s, why,
                                            sizeof why),
                 0, "%s", why);
    cr_expect_eq(s.peak_bytes, 700);
    cr_expect_eq(s.allocations, 1007);
    cr_expect_str_eq(s.top_site, "build (b.c:3)");
    cr_expect_eq(s.top_site_bytes, 100);
}
