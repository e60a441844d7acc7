#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates configure and the Makefile.in files (never committed).
exec autoreconf -fi "$@"
