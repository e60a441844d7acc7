#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/format.sh: every C source of the tree is laid out as .clang-format
# says (clang-format --dry-run --Werror), so layout is never a review
# topic.  Prints TAP; skips when clang-format 14 or later is not
# installed (the README's install does not need it; the development
# machines have it).
set -u
top=${BENCHRUN_TEST_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 1
echo "1..1"
if ! command -v clang-format >/dev/null 2>&1; then
    echo "ok 1 - sources follow .clang-format # SKIP clang-format is not installed"
    exit 0
fi
major=$(clang-format --version | sed -n 's/.*version \([0-9]*\).*/\1/p')
if [ -z "$major" ] || [ "$major" -lt 14 ]; then
    echo "ok 1 - sources follow .clang-format # SKIP needs clang-format 14, found ${major:-none}"
    exit 0
fi
out=$(find lib runner reports stats tests examples \
    \( -name '*.c' -o -name '*.h' -o -name '*.cc' \) -print |
    LC_ALL=C sort | xargs clang-format --dry-run --Werror 2>&1)
if [ -z "$out" ]; then
    echo "ok 1 - sources follow .clang-format"
else
    echo "not ok 1 - sources follow .clang-format"
    printf '%s\n' "$out" | head -n 40 | sed 's/^/# /'
fi
