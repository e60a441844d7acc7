/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * test_io.c: the descriptor helpers of lib/io.h on real files, pipes, a
 * FIFO, a directory and /dev/zero: whole reads and writes, and a whole-file
 * read that is bounded and never hangs.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/io.h"

static char dir[] = "/tmp/benchrun-test-io-XXXXXX";

static void make_dir(void)
{
    cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

TestSuite(io, .init = make_dir, .fini = remove_dir);

Test(io, a_pipe_carries_a_large_buffer_whole)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    /* Larger than a pipe's buffer, so the writer has to wait for the
     * reader and write(2) returns short counts. */
    size_t size = 1 << 20;
    char *out = malloc(size), *in = malloc(size + 1);
    for (size_t i = 0; i < size; i++)
        out[i] = (char)(i * 7 + 3);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(brun_io_write_full(fds[1], out, size) == 0 ? 0 : 1);
    }
    close(fds[1]);
    cr_assert_eq(brun_io_read_full(fds[0], in, size + 1), (ssize_t)size,
                 "everything, then the end of the file");
    cr_assert_eq(memcmp(in, out, size), 0);
    close(fds[0]);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(out);
    free(in);
}

Test(io, pread_full_fails_past_the_end)
{
    char path[256], buf[8];
    path_in(path, sizeof path, "short");
    FILE *f = fopen(path, "w");
    fputs("0123456789", f);
    fclose(f);
    int fd = open(path, O_RDONLY);
    cr_assert_eq(brun_io_pread_full(fd, buf, 4, 6), 0);
    cr_assert_eq(memcmp(buf, "6789", 4), 0);
    cr_assert_eq(brun_io_pread_full(fd, buf, 8, 6), -1);
    cr_assert_eq(errno, EIO);
    close(fd);
}

Test(io, a_regular_file_is_read_whole_and_terminated)
{
    char path[256], *data;
    size_t size;
    path_in(path, sizeof path, "text");
    FILE *f = fopen(path, "w");
    fputs("a: 1\nb: 2\n", f);
    fclose(f);
    cr_assert_eq(
        brun_io_read_file(path, 100, BRUN_IO_REGULAR_ONLY, &data, &size), 0);
    cr_assert_eq(size, 10);
    cr_assert_str_eq(data, "a: 1\nb: 2\n");
    free(data);
    /* Exactly at the bound is fine; one byte over is not. */
    cr_assert_eq(brun_io_read_file(path, 10, 0, &data, &size), 0);
    free(data);
    cr_assert_eq(brun_io_read_file(path, 9, 0, &data, &size), -1);
    cr_assert_eq(errno, EFBIG);
    cr_assert_null(data);
}

Test(io, an_endless_device_is_cut_at_the_bound)
{
    char *data;
    size_t size;
    cr_assert_eq(brun_io_read_file("/dev/zero", 1 << 20, 0, &data, &size), -1);
    cr_assert_eq(errno, EFBIG);
    cr_assert_eq(brun_io_read_file("/dev/zero", 1 << 20, BRUN_IO_REGULAR_ONLY,
                                   &data, &size),
                 -1);
    cr_assert_eq(errno, EINVAL);
}

Test(io, a_fifo_without_a_writer_does_not_hang, .timeout = 10)
{
    char path[256], *data;
    size_t size;
    path_in(path, sizeof path, "fifo");
    cr_assert_eq(mkfifo(path, 0600), 0);
    cr_assert_eq(
        brun_io_read_file(path, 100, BRUN_IO_REGULAR_ONLY, &data, &size), -1);
    cr_assert_eq(errno, EINVAL);
    /* Allowed, it reads as empty: no writer, no data. */
    cr_assert_eq(brun_io_read_file(path, 100, 0, &data, &size), 0);
    cr_assert_eq(size, 0);
    free(data);
}

Test(io, a_directory_or_a_missing_file_says_which)
{
    char path[256], *data;
    size_t size;
    cr_assert_eq(brun_io_read_file(dir, 100, 0, &data, &size), -1);
    cr_assert_eq(errno, EISDIR);
    path_in(path, sizeof path, "absent");
    cr_assert_eq(brun_io_read_file(path, 100, 0, &data, &size), -1);
    cr_assert_eq(errno, ENOENT);
}
