#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# Regenerates configure and the Makefile.in files (never committed).
exec autoreconf -fi "$@"
