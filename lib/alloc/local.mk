# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# lib/alloc/: libbenchrun-alloc.so, the allocation counter the driver
# preloads into the worker of a `--metric allocations` pass.  A module
# installed beside benchrun's other private files in $(pkglibdir), never
# linked: it exports only the allocation functions and the two symbols
# of alloc_counter.h.  -fno-builtin: the compiler must not treat the
# functions defined here as the ones it knows.

noinst_HEADERS += lib/alloc/alloc_counter.h

pkglib_LTLIBRARIES = lib/alloc/libbenchrun-alloc.la
lib_alloc_libbenchrun_alloc_la_SOURCES = lib/alloc/alloc_counter.c
lib_alloc_libbenchrun_alloc_la_CFLAGS = $(AM_CFLAGS) -fno-builtin
lib_alloc_libbenchrun_alloc_la_LDFLAGS = -module -avoid-version -shared \
	-no-undefined -export-symbols-regex \
	'^(malloc|calloc|realloc|reallocarray|free|posix_memalign|aligned_alloc|memalign|valloc|pvalloc|benchrun_priv_alloc_(start|stop))$$'
