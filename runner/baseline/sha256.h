/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * sha256.h: SHA-256 (FIPS 180-4) of a byte string or a file, as 64
 * lowercase hex digits.  The baseline store names its copies of bench
 * executables by this digest and checks them against it when loading.
 *
 * It is a plain, portable implementation: no hardware acceleration, no
 * HMAC, no other hash; it is not meant for secrets, only for telling
 * whether two files hold the same bytes.
 */
#ifndef BRUN_SHA256_H
#define BRUN_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* Room for the hex digest and its NUL. */
#define BRUN_SHA256_HEX_SIZE 65

struct brun_sha256 {
    uint32_t state[8];
    uint64_t length; /* bytes hashed so far */
    unsigned char block[64];
    size_t used; /* bytes waiting in block */
};

void brun_sha256_init(struct brun_sha256 *h);
void brun_sha256_update(struct brun_sha256 *h, const void *data, size_t size);
/* Finishes the hash and writes the digest as 64 hex digits and a NUL;
 * h must be initialised again before reuse. */
void brun_sha256_final_hex(struct brun_sha256 *h,
                           char hex[BRUN_SHA256_HEX_SIZE]);

/* The digest of data[0..size). */
void brun_sha256_hex(const void *data, size_t size,
                     char hex[BRUN_SHA256_HEX_SIZE]);

/* The digest of everything readable from fd, from its current offset to
 * the end.  Returns 0, or -1 with errno set when a read fails. */
int brun_sha256_fd(int fd, char hex[BRUN_SHA256_HEX_SIZE]);

/* The digest of the file at path.  Returns 0, or -1 with a reason
 * ("cannot open PATH: ...") in why. */
int brun_sha256_file(const char *path, char hex[BRUN_SHA256_HEX_SIZE],
                     char *why, size_t why_size);

#endif /* BRUN_SHA256_H */
