/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_elf.c: the self-contained check (runner/baseline/elf.h) on real files: the
 * tree's own bench executables, system programs, scripts, damaged ELF
 * headers and small programs linked here with the compiler the build
 * uses; and SHA-256 (runner/baseline/sha256.h) against published vectors and the
 * sha256sum command.  It does not test the baseline store that uses
 * them (test_baseline.c does).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner/baseline/elf.h"
#include "runner/baseline/sha256.h"
#include "tests/helpers.h"

static char *scratch;

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void setup(void)
{
    scratch = make_scratch_dir();
    cr_assert_not_null(scratch);
}

static void teardown(void)
{
    if (scratch)
        nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(scratch);
}

TestSuite(elf, .init = setup, .fini = teardown, .timeout = 60);
TestSuite(sha256, .init = setup, .fini = teardown, .timeout = 60);

static const char *in_scratch(const char *name)
{
    static char path[2][4200];
    static int which;
    which ^= 1;
    snprintf(path[which], sizeof path[which], "%s/%s", scratch, name);
    return path[which];
}

static void write_file(const char *path, const void *data, size_t size,
                       mode_t mode)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    cr_assert_eq(fwrite(data, 1, size, f), size);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(chmod(path, mode), 0);
}

static int check(const char *path, char *why, size_t size)
{
    why[0] = '\0';
    return brun_elf_self_contained(path, why, size);
}

Test(elf, an_example_linked_with_the_static_library_is_self_contained)
{
    char why[512];
    int r = check(build_path("examples/harness"), why, sizeof why);
    cr_assert_eq(r, 1, "examples/harness: %s", why);
}

Test(elf, a_bench_with_an_rpath_into_the_build_tree_is_not)
{
    char why[512], libs[4200];
    int r = check(build_path("tests/bench_faulty"), why, sizeof why);
    cr_assert_eq(r, 0, "tests/bench_faulty counted as self-contained");
    cr_assert(strstr(why, "DT_RUNPATH") || strstr(why, "DT_RPATH"), "%s", why);
    snprintf(libs, sizeof libs, "%s", build_path("lib/.libs"));
    cr_assert_not_null(strstr(why, libs), "reason does not name %s: %s", libs,
                       why);
    cr_assert_not_null(strstr(why, "outside the system library directories"),
                       "%s", why);
}

Test(elf, a_system_program_needing_only_system_libraries_is)
{
    char why[512];
    const char *p =
        access("/bin/true", X_OK) == 0 ? "/bin/true" : "/usr/bin/true";
    cr_assert_eq(check(p, why, sizeof why), 1, "%s: %s", p, why);
}

Test(elf, text_and_scripts_are_not_elf)
{
    char why[512];
    const char text[] = "just some notes\n";
    write_file(in_scratch("notes.txt"), text, sizeof text - 1, 0644);
    cr_assert_eq(check(in_scratch("notes.txt"), why, sizeof why), 0);
    cr_assert_str_eq(why, "not an ELF file");

    const char script[] = "#!/bin/sh\nexec /bin/true \"$@\"\n";
    write_file(in_scratch("bench.sh"), script, sizeof script - 1, 0755);
    cr_assert_eq(check(in_scratch("bench.sh"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "script"), "%s", why);

    write_file(in_scratch("empty"), "", 0, 0755);
    cr_assert_eq(check(in_scratch("empty"), why, sizeof why), 0);
    cr_assert_str_eq(why, "not an ELF file");
    cr_assert_eq(check(scratch, why, sizeof why), 0);
    cr_assert_str_eq(why, "not a regular file");
}

Test(elf, a_missing_file_is_unreadable)
{
    char why[512];
    cr_assert_eq(check(in_scratch("nothing"), why, sizeof why), -1);
    cr_assert_not_null(strstr(why, "cannot open"), "%s", why);
    cr_assert_not_null(strstr(why, "No such file"), "%s", why);
}

/* The first bytes of /bin/true with one header byte changed. */
static void damaged_header(const char *name, size_t offset, unsigned char value,
                           size_t keep)
{
    unsigned char buf[4096];
    FILE *f = fopen("/bin/true", "rb");
    cr_assert_not_null(f);
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    cr_assert_geq(n, 64);
    if (offset < n)
        buf[offset] = value;
    write_file(in_scratch(name), buf, keep < n ? keep : n, 0755);
}

Test(elf, unsupported_or_damaged_headers_are_not_self_contained)
{
    char why[512];
    damaged_header("elf32", 4, 1, 4096);
    cr_assert_eq(check(in_scratch("elf32"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "32-bit"), "%s", why);

    damaged_header("bigendian", 5, 2, 4096);
    cr_assert_eq(check(in_scratch("bigendian"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "big-endian"), "%s", why);

    damaged_header("riscv", 18, 243, 4096); /* EM_RISCV */
    cr_assert_eq(check(in_scratch("riscv"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "ELF machine 243 is not supported"), "%s",
                       why);

    damaged_header("object", 16, 1, 4096); /* ET_REL */
    cr_assert_eq(check(in_scratch("object"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "not an executable"), "%s", why);

    /* Cut after the ELF header: the program headers are missing. */
    damaged_header("cut", 0, 0x7f, 64);
    cr_assert_eq(check(in_scratch("cut"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "truncated"), "%s", why);

    /* Program headers present, the dynamic section cut off. */
    damaged_header("cut_dynamic", 0, 0x7f, 1024);
    cr_assert_eq(check(in_scratch("cut_dynamic"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "truncated"), "%s", why);
}

/* Compiles source into scratch/name with the build's compiler and extra
 * flags; skips the test when no compiler can be run. */
static void compile(const char *name, const char *source, const char *flags)
{
    char cmd[9000];
    struct command_result r;
    const char *cc = getenv("CC");
    write_file(in_scratch("prog.c"), source, strlen(source), 0644);
    snprintf(cmd, sizeof cmd, "cd '%s' && %s -o '%s' prog.c %s", scratch,
             cc && *cc ? cc : "cc", name, flags);
    char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    cr_assert_eq(run_command(argv, NULL, 60, &r), 0);
    if (r.status != 0) {
        char message[1200];
        snprintf(message, sizeof message, "cannot link with \"%s\": %.1000s",
                 flags, r.err);
        command_result_free(&r);
        cr_skip_test("%s", message);
    }
    command_result_free(&r);
}

static const char hello[] = "int main(void) { return 0; }\n";

Test(elf, an_origin_relative_rpath_is_not_self_contained)
{
    char why[512];
    compile("origin", hello, "-Wl,-rpath,'$ORIGIN/../lib'");
    cr_assert_eq(check(in_scratch("origin"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "$ORIGIN"), "%s", why);
}

Test(elf, an_rpath_to_a_system_directory_is_fine)
{
    char why[512];
    compile("sysrpath", hello, "-Wl,-rpath,/usr/lib:/usr/local/lib");
    cr_assert_eq(check(in_scratch("sysrpath"), why, sizeof why), 1, "%s", why);
    compile("dotdot", hello, "-Wl,-rpath,/usr/lib/../../home/build");
    cr_assert_eq(check(in_scratch("dotdot"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "/usr/lib/../../home/build"), "%s", why);
}

Test(elf, a_static_executable_is_self_contained)
{
    char why[512];
    compile("static", hello, "-static");
    cr_assert_eq(check(in_scratch("static"), why, sizeof why), 1, "%s", why);
}

Test(elf, a_library_outside_the_system_directories_is_not)
{
    char why[512], flags[4400];
    const char lib[] = "int helper(void) { return 42; }\n";
    const char *cc = getenv("CC");
    char cmd[9000];
    struct command_result r;
    write_file(in_scratch("helper.c"), lib, sizeof lib - 1, 0644);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && %s -shared -fPIC -o libbrunhelper.so helper.c",
             scratch, cc && *cc ? cc : "cc");
    char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    cr_assert_eq(run_command(argv, NULL, 60, &r), 0);
    cr_assert_eq(r.status, 0, "%s", r.err);
    command_result_free(&r);
    /* No rpath: found only through LD_LIBRARY_PATH at run time. */
    snprintf(flags, sizeof flags, "-L'%s' -lbrunhelper", scratch);
    compile("needs",
            "int helper(void);\nint main(void) { return helper() - 42; }\n",
            flags);
    cr_assert_eq(check(in_scratch("needs"), why, sizeof why), 0);
    cr_assert_not_null(strstr(why, "needs libbrunhelper.so"), "%s", why);
}

/* ---- SHA-256 ------------------------------------------------------------ */

Test(sha256, known_vectors)
{
    char hex[BRUN_SHA256_HEX_SIZE];
    brun_sha256_hex("", 0, hex);
    cr_assert_str_eq(
        hex,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    brun_sha256_hex("abc", 3, hex);
    cr_assert_str_eq(
        hex,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char two_blocks[] =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    brun_sha256_hex(two_blocks, sizeof two_blocks - 1, hex);
    cr_assert_str_eq(
        hex,
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    cr_assert_not_null(million);
    memset(million, 'a', 1000000);
    brun_sha256_hex(million, 1000000, hex);
    cr_assert_str_eq(
        hex,
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
}

Test(sha256, pieces_of_any_size_give_the_same_digest)
{
    unsigned char data[1000];
    char whole[BRUN_SHA256_HEX_SIZE], pieces[BRUN_SHA256_HEX_SIZE];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 31 + 7);
    /* Every length around the 55/56/64-byte padding boundaries. */
    for (size_t len = 0; len < 200; len++) {
        brun_sha256_hex(data, len, whole);
        for (size_t step = 1; step < 70; step += 13) {
            struct brun_sha256 h;
            brun_sha256_init(&h);
            for (size_t at = 0; at < len; at += step)
                brun_sha256_update(&h, data + at,
                                   len - at < step ? len - at : step);
            brun_sha256_final_hex(&h, pieces);
            cr_assert_str_eq(whole, pieces, "length %zu, step %zu", len, step);
        }
    }
}

Test(sha256, a_file_matches_the_sha256sum_command)
{
    char hex[BRUN_SHA256_HEX_SIZE], why[512];
    struct command_result r;
    size_t size = 1 << 20;
    unsigned char *data = malloc(size);
    cr_assert_not_null(data);
    uint32_t x = 12345;
    for (size_t i = 0; i < size; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (unsigned char)(x >> 16);
    }
    write_file(in_scratch("megabyte"), data, size, 0644);
    free(data);
    cr_assert_eq(brun_sha256_file(in_scratch("megabyte"), hex, why, sizeof why),
                 0, "%s", why);
    char *argv[] = {"/usr/bin/sha256sum", (char *)in_scratch("megabyte"), NULL};
    if (access(argv[0], X_OK) != 0)
        argv[0] = "/bin/sha256sum";
    cr_assert_eq(run_command(argv, NULL, 30, &r), 0, "cannot run sha256sum");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(strncmp(r.out, hex, 64), 0, "ours %s, sha256sum %.64s", hex,
                 r.out);
    command_result_free(&r);

    cr_assert_eq(brun_sha256_file(in_scratch("absent"), hex, why, sizeof why),
                 -1);
    cr_assert_not_null(strstr(why, "cannot open"), "%s", why);
}
