/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * bin.c: the store's bin/ folder (see bin.h), copies of
 * self-contained bench executables named by their SHA-256, kept only
 * while some baseline file names them.  A copy is written to a temporary
 * file, fsynced and renamed, so bin/SHA256 is always complete.  It does
 * not write or parse baseline files: it only scans them for the names of
 * copies.  Callers hold the store's exclusive lock.
 */
#include "config.h"

#include "runner/baseline/bin.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/io.h"
#include "runner/baseline/elf.h"
#include "runner/baseline/sha256.h"
#include "runner/baseline/store_file.h"

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Copies the open file src (at offset 0) to path through a temporary
 * file in the same directory: hash on the way, fsync, mode 0755, rename.
 * The copy must hash to expected (the file did not change meanwhile). */
static int copy_file(int src, const char *target, const char *bin,
                     const char *path, const char *expected, char *why,
                     size_t why_size)
{
    char tmp[4300], hex[BRUN_SHA256_HEX_SIZE];
    unsigned char buf[65536];
    struct brun_sha256 h;
    snprintf(tmp, sizeof tmp, "%s/.tmp-XXXXXX", bin);
    int out = mkostemp(tmp, O_CLOEXEC);
    if (out < 0) {
        snprintf(why, why_size, "cannot create a temporary file in %s: %s", bin,
                 strerror(errno));
        return -1;
    }
    brun_sha256_init(&h);
    for (;;) {
        ssize_t n = brun_io_read(src, buf, sizeof buf);
        if (n < 0) {
            snprintf(why, why_size, "cannot read target %s: %s", target,
                     strerror(errno));
            goto fail;
        }
        if (n == 0)
            break;
        brun_sha256_update(&h, buf, (size_t)n);
        if (brun_io_write_full(out, buf, (size_t)n) != 0) {
            snprintf(why, why_size, "cannot write %s: %s", tmp,
                     strerror(errno));
            goto fail;
        }
    }
    brun_sha256_final_hex(&h, hex);
    if (strcmp(hex, expected) != 0) {
        snprintf(why, why_size, "target %s changed while it was being saved",
                 target);
        goto fail;
    }
    if (fchmod(out, 0755) != 0 || fsync(out) != 0) {
        snprintf(why, why_size, "cannot write %s: %s", tmp, strerror(errno));
        goto fail;
    }
    int closed = close(out);
    out = -1;
    if (closed != 0) {
        snprintf(why, why_size, "cannot write %s: %s", tmp, strerror(errno));
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        snprintf(why, why_size, "cannot rename %s to %s: %s", tmp, path,
                 strerror(errno));
        goto fail;
    }
    fsync_dir(bin);
    return 0;
fail:
    if (out >= 0)
        close(out);
    unlink(tmp);
    return -1;
}

/* Stores the open file src as bin/SHA256 unless a copy with that digest
 * is there already. */
static int store_copy(const char *dir, int src, const char *target,
                      struct brun_baseline_stored *s, char *why,
                      size_t why_size)
{
    char bin[4200], path[4400], hex[BRUN_SHA256_HEX_SIZE], ignored[4600];
    if (brun_sha256_fd(src, s->sha256) != 0 || lseek(src, 0, SEEK_SET) != 0) {
        snprintf(why, why_size, "cannot read target %s: %s", target,
                 strerror(errno));
        return -1;
    }
    snprintf(bin, sizeof bin, "%s/bin", dir);
    snprintf(path, sizeof path, "%s/%s", bin, s->sha256);
    snprintf(s->executable, sizeof s->executable, "bin/%s", s->sha256);
    /* A link, FIFO or device planted as bin/ or as the copy is refused:
     * never written through, never followed out of the store. */
    if (brun_store_check_entry(bin, 1, why, why_size) != 0 ||
        brun_store_check_entry(path, 0, why, why_size) != 0)
        return -1;
    int old = brun_store_open(path, O_RDONLY, ignored, sizeof ignored);
    if (old >= 0) {
        int same = brun_sha256_fd(old, hex) == 0 && strcmp(hex, s->sha256) == 0;
        close(old);
        if (same)
            return 0; /* the same bytes are stored already */
    }
    if (mkdir(bin, 0755) != 0 && errno != EEXIST) {
        snprintf(why, why_size, "cannot create %s: %s", bin, strerror(errno));
        return -1;
    }
    return copy_file(src, target, bin, path, s->sha256, why, why_size);
}

/* Hashes a target and, when it is self-contained, stores a copy. */
int brun_baseline_store_target(const char *dir, const char *target,
                               struct brun_baseline_stored *s, char *why,
                               size_t why_size)
{
    char reason[sizeof s->not_stored_because - 32];
    struct stat st;
    memset(s, 0, sizeof *s);
    int fd = open(target, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "cannot read target %s: %s", target,
                 fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int self = brun_elf_self_contained(target, reason, sizeof reason);
    if (self < 0) {
        snprintf(why, why_size, "cannot read target: %s", reason);
        close(fd);
        return -1;
    }
    s->self_contained = self;
    int r;
    if (self) {
        r = store_copy(dir, fd, target, s, why, why_size);
    } else {
        snprintf(s->not_stored_because, sizeof s->not_stored_because,
                 "not self-contained: %s", reason);
        r = brun_sha256_fd(fd, s->sha256);
        if (r != 0)
            snprintf(why, why_size, "cannot read target %s: %s", target,
                     strerror(errno));
    }
    close(fd);
    return r;
}

/* 1 for 64 lowercase hex digits. */
static int is_digest(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* A temporary file brun_atomic_write() left behind: ".NAME.yml.XXXXXX". */
static int stale_temp(const char *entry)
{
    size_t len = strlen(entry);
    return entry[0] == '.' && len > 12 && entry[len - 7] == '.' &&
           strncmp(entry + len - 11, ".yml", 4) == 0;
}

/* DIR/bin opened as a directory, never through a link; -1 when it is
 * missing or anything else. */
static int open_bin(const char *dir)
{
    char bin[4200];
    snprintf(bin, sizeof bin, "%s/bin", dir);
    return open(bin, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

struct digests {
    char (*hex)[BRUN_SHA256_HEX_SIZE];
    size_t count, cap;
};

/* Adds every "bin/<64 hex>" found in text. */
static int collect_references(const char *text, struct digests *d)
{
    for (const char *p = text; (p = strstr(p, "bin/")); p += 4) {
        char hex[BRUN_SHA256_HEX_SIZE];
        snprintf(hex, sizeof hex, "%.64s", p + 4);
        if (!is_digest(hex))
            continue;
        if (d->count == d->cap) {
            size_t cap = d->cap ? 2 * d->cap : 16;
            void *grown = realloc(d->hex, cap * sizeof *d->hex);
            if (!grown)
                return -1;
            d->hex = grown;
            d->cap = cap;
        }
        memcpy(d->hex[d->count++], hex, sizeof hex);
    }
    return 0;
}

static int referenced(const struct digests *d, const char *hex)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->hex[i], hex) == 0)
            return 1;
    return 0;
}

/* Adds the copies a baseline file mentions.  Returns 0, or -1 when it
 * cannot be read. */
static int scan_file(const char *path, struct digests *refs)
{
    char ignored[4600];
    /* A FIFO or link planted as a .yml counts as unreadable: nothing is
     * collected, nothing blocks. */
    int fd = brun_store_open(path, O_RDONLY, ignored, sizeof ignored);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    while (getline(&line, &cap, f) >= 0)
        if (collect_references(line, refs) != 0) {
            rc = -1;
            break;
        }
    if (ferror(f))
        rc = -1;
    free(line);
    fclose(f);
    return rc;
}

/* Removes what killed saves left: ".NAME.yml.XXXXXX" in dir and
 * ".tmp-XXXXXX" in bin/.  Under the exclusive lock no save is running, so
 * every such file is stale.  unlink never follows a link. */
void brun_baseline_remove_temps(const char *dir)
{
    char path[4400];
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));)
            if (stale_temp(e->d_name)) {
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                unlink(path);
            }
        closedir(d);
    }
    int bfd = open_bin(dir);
    d = bfd >= 0 ? fdopendir(bfd) : NULL;
    if (!d) {
        if (bfd >= 0)
            close(bfd);
        return;
    }
    for (struct dirent *e; (e = readdir(d));)
        if (strncmp(e->d_name, ".tmp-", 5) == 0)
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

/* Removes bin/NAME unless a run holds it (a shared flock taken by
 * brun_baseline_load): a copy in use stays for the next collection. */
static void remove_unless_held(int bfd, const char *name)
{
    int fd = openat(bfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return;
    }
    unlinkat(bfd, name, 0);
    if (fd >= 0)
        close(fd);
}

void brun_baseline_collect(const char *dir)
{
    struct digests refs = {0};
    char path[4400];
    brun_baseline_remove_temps(dir);
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 4 ||
            strcmp(e->d_name + len - 4, ".yml") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (scan_file(path, &refs) != 0) {
            closedir(d);
            free(refs.hex);
            return;
        }
    }
    closedir(d);
    fsync_dir(dir);

    /* bin/ opened without following a link: only the store's own files
     * are ever removed. */
    int bfd = open_bin(dir);
    d = bfd >= 0 ? fdopendir(bfd) : NULL;
    if (d) {
        for (struct dirent *e; (e = readdir(d));)
            if (is_digest(e->d_name) && !referenced(&refs, e->d_name))
                remove_unless_held(dirfd(d), e->d_name);
        fsync(dirfd(d));
        closedir(d);
    } else if (bfd >= 0) {
        close(bfd);
    }
    free(refs.hex);
}
