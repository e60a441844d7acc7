/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * elf.h: whether a bench executable can be copied and run later from
 * anywhere ("self-contained"), judged from its ELF headers.
 *
 * The question the baseline store asks is narrow: would a copy of this
 * file, run next month from another directory, still execute the same
 * code?  Not if it loads a shared library from the project's build tree
 * (what libtool's uninstalled linking produces: a DT_RUNPATH or DT_RPATH
 * into the tree, or $ORIGIN), nor if it needs a library that is not in the
 * system library directories (found through LD_LIBRARY_PATH, say).  Only
 * 64-bit little-endian x86-64 and aarch64 files are understood; anything
 * else is "not self-contained", with the reason.  This is not a loader: it
 * does not resolve libraries through ld.so.conf or check that system
 * libraries are unchanged.
 */
#ifndef BRUN_ELF_H
#define BRUN_ELF_H

#include <stddef.h>

/* 1 when the executable at path is self-contained; 0 when it is not, with
 * the reason in why ("DT_RUNPATH /work/lib/.libs is outside the system
 * library directories"); -1 when it cannot be read, with the reason. */
int brun_elf_self_contained(const char *path, char *why, size_t why_size);

#endif /* BRUN_ELF_H */
