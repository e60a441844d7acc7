/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/* test_loop_asm.c: on x86-64, BENCH_LOOP compiles to a two-instruction
 * inner loop (decrement, branch back) with gcc -O2 and, when installed,
 * clang -O2; nothing else of the harness runs per iteration. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/helpers.h"

/* Compiles tests/loop_probe.c with compiler at -O2 into assembly text. */
static char *compile_probe(const char *compiler)
{
    char command[8192], out_path[4200];
    char *dir = make_scratch_dir();
    snprintf(out_path, sizeof out_path, "%s/probe.s", dir);
    snprintf(command, sizeof command, "%s -O2 -S -I'%s' '%s' -o '%s'", compiler,
             source_path("lib"), source_path("tests/loop_probe.c"), out_path);
    char *argv[] = {"/bin/sh", "-c", command, NULL};
    struct command_result r;
    cr_assert_eq(run_command(argv, NULL, 60, &r), 0);
    cr_assert_eq(r.status, 0, "%s failed: %s", command, r.err);
    command_result_free(&r);
    FILE *f = fopen(out_path, "r");
    cr_assert_not_null(f);
    char *text = calloc(1, 1 << 20);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    text[n] = '\0';
    fclose(f);
    free(dir);
    return text;
}

/* 1 for a line that is neither an instruction nor a label. */
static int is_noise(const char *line)
{
    return !*line || *line == '#' || (*line == '.' && !strchr(line, ':'));
}

static int is_decrement(const char *insn)
{
    return strncmp(insn, "sub", 3) == 0   ? strstr(insn, "$1,") != NULL
           : strncmp(insn, "add", 3) == 0 ? strstr(insn, "$-1,") != NULL
                                          : strncmp(insn, "dec", 3) == 0;
}

/* Finds a label whose body, up to the branch back to it, is exactly a
 * decrement and a jne/jnz to that label.  Returns the loop as text. */
static int find_two_instruction_loop(char *assembly, char *found, size_t size)
{
    char *lines[20000];
    size_t count = 0;
    for (char *line = strtok(assembly, "\n"); line && count < 20000;
         line = strtok(NULL, "\n")) {
        while (*line == ' ' || *line == '\t')
            line++;
        /* Drop comments ("# in Loop: ..." after clang's labels). */
        char *hash = strchr(line, '#');
        if (hash && hash != line)
            *hash = '\0';
        size_t end = strlen(line);
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
            line[--end] = '\0';
        if (!is_noise(line))
            lines[count++] = line;
    }
    for (size_t i = 0; i + 2 < count; i++) {
        size_t len = strlen(lines[i]);
        if (len < 2 || lines[i][len - 1] != ':')
            continue;
        char label[128];
        snprintf(label, sizeof label, "%.*s", (int)(len - 1), lines[i]);
        const char *first = lines[i + 1], *second = lines[i + 2];
        const char *target = second + strlen(second);
        while (target > second && target[-1] != ' ' && target[-1] != '\t')
            target--;
        if (strchr(first, ':') || !is_decrement(first))
            continue;
        if ((strncmp(second, "jne", 3) == 0 ||
             strncmp(second, "jnz", 3) == 0) &&
            strstr(second, label) && strcmp(target, label) == 0) {
            snprintf(found, size, "%s: %s; %s", label, first, second);
            return 1;
        }
    }
    return 0;
}

static void check_compiler(const char *compiler)
{
    char loop[512];
    char *assembly = compile_probe(compiler);
    int ok = find_two_instruction_loop(assembly, loop, sizeof loop);
    cr_assert(ok, "%s: no decrement-and-branch loop in the assembly", compiler);
    cr_log_info("%s: %s", compiler, loop);
    free(assembly);
}

Test(loop_asm, inner_loop_is_a_decrement_and_a_branch)
{
#if !defined(__x86_64__)
    cr_skip_test("the assembly check is written for x86-64");
#else
    const char *cc = getenv("CC");
    check_compiler(cc && *cc ? cc : "cc");
    if (access("/usr/bin/clang", X_OK) == 0)
        check_compiler("/usr/bin/clang");
#endif
}

Test(loop_asm, the_checker_rejects_a_longer_loop)
{
    char text[] = ".L4:\n\tmovq\t%rax, (%rdi)\n\tsubq\t$1, %rax\n\tjne\t.L4\n";
    char loop[512];
    cr_assert_eq(find_two_instruction_loop(text, loop, sizeof loop), 0);
    char good[] = ".L4:    # comment\n\t.p2align 4\n\t#APP\n\tsubq\t$1, %rbx\n"
                  "\tjne\t.L4\n";
    cr_assert_eq(find_two_instruction_loop(good, loop, sizeof loop), 1);
}
