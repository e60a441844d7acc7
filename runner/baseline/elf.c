/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * elf.c: the self-contained check (see elf.h).  Reads the ELF header, the
 * program headers and the PT_DYNAMIC segment with pread(), decoding every
 * field as little-endian by hand, so it neither maps the file nor trusts
 * any offset before checking it against the file's size.  It looks only
 * at DT_NEEDED, DT_RPATH and DT_RUNPATH; it does not follow symbol
 * versions, ld.so.conf, or the libraries' own dependencies.
 */
#include "config.h"

#include "runner/baseline/elf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/io.h"

#define EM_X86_64_ID 62
#define EM_AARCH64_ID 183
#define PT_LOAD_ID 1
#define PT_DYNAMIC_ID 2
#define DT_NULL_ID 0
#define DT_NEEDED_ID 1
#define DT_STRTAB_ID 5
#define DT_STRSZ_ID 10
#define DT_RPATH_ID 15
#define DT_RUNPATH_ID 29
/* Larger string tables or dynamic sections than this are not plausible. */
#define MAX_TABLE (64u << 20)
#define MAX_NEEDED 256

static const char *const system_dirs[] = {
    "/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib",
};

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Reads exactly size bytes at offset, within a file of file_size bytes. */
static int read_at(int fd, uint64_t file_size, uint64_t offset, void *buf,
                   size_t size)
{
    if (offset > file_size || size > file_size - offset)
        return -1;
    return brun_io_pread_full(fd, buf, size, (off_t)offset);
}

/* 1 when dir is one of the system library directories or lies below one
 * (multiarch subdirectories such as /usr/lib/x86_64-linux-gnu). */
static int is_system_dir(const char *dir)
{
    if (strstr(dir, "/../") || strstr(dir, "/./"))
        return 0;
    size_t len = strlen(dir);
    if (len >= 3 && strcmp(dir + len - 3, "/..") == 0)
        return 0;
    for (size_t i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++) {
        size_t n = strlen(system_dirs[i]);
        if (strncmp(dir, system_dirs[i], n) == 0 &&
            (dir[n] == '\0' || dir[n] == '/'))
            return 1;
    }
    return 0;
}

/* Checks every directory of a DT_RPATH or DT_RUNPATH value. */
static int search_path_ok(const char *tag, const char *value, char *why,
                          size_t why_size)
{
    const char *p = value;
    for (;;) {
        size_t len = strcspn(p, ":");
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", (int)len, p);
        if (len == 0) {
            snprintf(why, why_size,
                     "%s \"%s\" has an empty entry (the current directory)",
                     tag, value);
            return 0;
        }
        if (strstr(dir, "$ORIGIN") || strstr(dir, "${ORIGIN}")) {
            snprintf(why, why_size,
                     "%s %s is relative to the executable ($ORIGIN)", tag, dir);
            return 0;
        }
        if (!is_system_dir(dir)) {
            snprintf(why, why_size,
                     "%s %s is outside the system library directories", tag,
                     dir);
            return 0;
        }
        if (p[len] == '\0')
            return 1;
        p += len + 1;
    }
}

/* 1 when the library a DT_NEEDED entry names exists in a system
 * directory (or is an absolute path inside one). */
static int needed_found(const char *name, const char *triplet)
{
    char path[4096];
    if (strchr(name, '/'))
        return name[0] == '/' && is_system_dir(name) && access(name, F_OK) == 0;
    for (size_t i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s/%s", system_dirs[i], triplet, name);
        if (access(path, F_OK) == 0)
            return 1;
        snprintf(path, sizeof path, "%s/%s", system_dirs[i], name);
        if (access(path, F_OK) == 0)
            return 1;
    }
    return 0;
}

struct elf_file {
    int fd;
    uint64_t size;
    unsigned char *phdrs;
    uint16_t phnum, phentsize;
};

/* The file offset of virtual address vaddr, through the PT_LOAD segments. */
static int vaddr_to_offset(const struct elf_file *f, uint64_t vaddr,
                           uint64_t *offset)
{
    for (uint16_t i = 0; i < f->phnum; i++) {
        const unsigned char *ph = f->phdrs + (size_t)i * f->phentsize;
        uint64_t off = le64(ph + 8), va = le64(ph + 16), filesz = le64(ph + 32);
        if (le32(ph) == PT_LOAD_ID && vaddr >= va && vaddr - va < filesz) {
            *offset = off + (vaddr - va);
            return 0;
        }
    }
    return -1;
}

/* Judges a dynamic executable by its PT_DYNAMIC segment. */
static int judge_dynamic(const struct elf_file *f, uint64_t dyn_offset,
                         uint64_t dyn_size, const char *triplet, char *why,
                         size_t why_size)
{
    uint64_t strtab = 0, strsz = 0, rpath = UINT64_MAX, runpath = UINT64_MAX;
    uint64_t needed[MAX_NEEDED];
    size_t needed_count = 0;
    int have_strtab = 0, result = 1;

    if (dyn_size > MAX_TABLE) {
        snprintf(why, why_size, "implausible dynamic section (%llu bytes)",
                 (unsigned long long)dyn_size);
        return 0;
    }
    unsigned char *dyn = malloc(dyn_size ? dyn_size : 1);
    if (!dyn) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    if (read_at(f->fd, f->size, dyn_offset, dyn, dyn_size) != 0) {
        snprintf(why, why_size, "truncated ELF file (dynamic section)");
        free(dyn);
        return 0;
    }
    for (uint64_t at = 0; at + 16 <= dyn_size; at += 16) {
        uint64_t tag = le64(dyn + at), val = le64(dyn + at + 8);
        if (tag == DT_NULL_ID)
            break;
        if (tag == DT_STRTAB_ID) {
            strtab = val;
            have_strtab = 1;
        } else if (tag == DT_STRSZ_ID) {
            strsz = val;
        } else if (tag == DT_RPATH_ID) {
            rpath = val;
        } else if (tag == DT_RUNPATH_ID) {
            runpath = val;
        } else if (tag == DT_NEEDED_ID) {
            if (needed_count == MAX_NEEDED) {
                snprintf(why, why_size, "more than %d DT_NEEDED entries",
                         MAX_NEEDED);
                free(dyn);
                return 0;
            }
            needed[needed_count++] = val;
        }
    }
    free(dyn);
    if (needed_count == 0 && rpath == UINT64_MAX && runpath == UINT64_MAX)
        return 1;

    uint64_t str_offset;
    if (!have_strtab || strsz == 0 || strsz > MAX_TABLE ||
        vaddr_to_offset(f, strtab, &str_offset) != 0) {
        snprintf(why, why_size, "malformed dynamic string table");
        return 0;
    }
    char *strings = malloc(strsz + 1);
    if (!strings) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    if (read_at(f->fd, f->size, str_offset, strings, strsz) != 0) {
        snprintf(why, why_size, "truncated ELF file (dynamic string table)");
        free(strings);
        return 0;
    }
    strings[strsz] = '\0';

    struct {
        const char *tag;
        uint64_t at;
    } paths[2] = {{"DT_RUNPATH", runpath}, {"DT_RPATH", rpath}};
    for (int i = 0; i < 2 && result == 1; i++) {
        if (paths[i].at == UINT64_MAX)
            continue;
        if (paths[i].at >= strsz) {
            snprintf(why, why_size, "%s points outside the string table",
                     paths[i].tag);
            result = 0;
        } else {
            result = search_path_ok(paths[i].tag, strings + paths[i].at, why,
                                    why_size);
        }
    }
    for (size_t i = 0; i < needed_count && result == 1; i++) {
        if (needed[i] >= strsz) {
            snprintf(why, why_size,
                     "DT_NEEDED points outside the string table");
            result = 0;
        } else if (!needed_found(strings + needed[i], triplet)) {
            snprintf(why, why_size,
                     "needs %s, which is not in the system library directories",
                     strings + needed[i]);
            result = 0;
        }
    }
    free(strings);
    return result;
}

/* Checks the ELF header; 1 when it is a supported executable. */
static int judge_header(const unsigned char *h, size_t got,
                        const char **triplet, char *why, size_t why_size)
{
    if (got >= 2 && h[0] == '#' && h[1] == '!') {
        snprintf(why, why_size, "a script (#!), not an ELF executable");
        return 0;
    }
    if (got < 64 || memcmp(h, "\177ELF", 4) != 0) {
        snprintf(why, why_size, "not an ELF file");
        return 0;
    }
    if (h[4] != 2) {
        snprintf(why, why_size, "a 32-bit ELF file (only 64-bit is supported)");
        return 0;
    }
    if (h[5] != 1) {
        snprintf(why, why_size,
                 "a big-endian ELF file (only little-endian is supported)");
        return 0;
    }
    uint16_t type = le16(h + 16), machine = le16(h + 18);
    if (machine == EM_X86_64_ID) {
        *triplet = "x86_64-linux-gnu";
    } else if (machine == EM_AARCH64_ID) {
        *triplet = "aarch64-linux-gnu";
    } else {
        snprintf(why, why_size,
                 "ELF machine %u is not supported (only x86-64 and aarch64)",
                 machine);
        return 0;
    }
    if (type != 2 && type != 3) {
        snprintf(why, why_size, "not an executable (ELF type %u)", type);
        return 0;
    }
    return 1;
}

int brun_elf_self_contained(const char *path, char *why, size_t why_size)
{
    struct elf_file f = {.fd = -1};
    struct stat st;
    unsigned char header[64];
    const char *triplet = "";
    int result;

    f.fd = open(path, O_RDONLY | O_CLOEXEC);
    if (f.fd < 0 || fstat(f.fd, &st) != 0) {
        snprintf(why, why_size, "cannot open %s: %s", path, strerror(errno));
        if (f.fd >= 0)
            close(f.fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "not a regular file");
        close(f.fd);
        return 0;
    }
    f.size = (uint64_t)st.st_size;
    size_t got = f.size < sizeof header ? (size_t)f.size : sizeof header;
    if (read_at(f.fd, f.size, 0, header, got) != 0) {
        snprintf(why, why_size, "cannot read %s: %s", path,
                 errno ? strerror(errno) : "short read");
        close(f.fd);
        return -1;
    }
    result = judge_header(header, got, &triplet, why, why_size);
    if (result != 1) {
        close(f.fd);
        return result;
    }
    uint64_t phoff = le64(header + 32);
    f.phentsize = le16(header + 54);
    f.phnum = le16(header + 56);
    if (f.phentsize < 56 || f.phnum == 0xffff) {
        snprintf(why, why_size, "unsupported program header layout");
        close(f.fd);
        return 0;
    }
    size_t table = (size_t)f.phnum * f.phentsize;
    f.phdrs = malloc(table ? table : 1);
    if (!f.phdrs) {
        snprintf(why, why_size, "out of memory");
        close(f.fd);
        return -1;
    }
    if (read_at(f.fd, f.size, phoff, f.phdrs, table) != 0) {
        snprintf(why, why_size, "truncated ELF file (program headers)");
        result = 0;
        goto out;
    }
    result = 1; /* no PT_DYNAMIC: a static executable */
    for (uint16_t i = 0; i < f.phnum; i++) {
        const unsigned char *ph = f.phdrs + (size_t)i * f.phentsize;
        if (le32(ph) == PT_DYNAMIC_ID) {
            result = judge_dynamic(&f, le64(ph + 8), le64(ph + 32), triplet,
                                   why, why_size);
            break;
        }
    }
out:
    free(f.phdrs);
    close(f.fd);
    return result;
}
