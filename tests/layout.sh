#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/layout.sh: the source tree keeps the shape README.md's Layout table
# describes.  Prints TAP, one line per rule, and the offending lines:
#
#   1. folders include each other without a circle (tsort finds none);
#   2. no file includes a header of a folder above its own;
#   3. every header of runner/ and reports/ is named after a .c file of
#      its folder (name.c, or a family name_*.c);
#   4. every folder with sources has its own local.mk listing them;
#   5. no comment in the code names a .c or .h file that does not exist;
#   6. no doc names a path under the top folders that does not exist;
#   7. every source, script and build file carries the SPDX licence and
#      copyright lines (REUSE; REUSE.toml covers the files that cannot).
#
# It reads the tree only ($BENCHRUN_TEST_SRCDIR, else the folder above
# this script); plain POSIX sh, grep, sed, awk and tsort.
set -u
top=${BENCHRUN_TEST_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${BENCHRUN_TEST_BUILDDIR:-$top}
cd "$top" || exit 1
code_dirs="lib runner reports stats"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

echo "1..7"
n=0
report() { # report DESCRIPTION FILE-OF-PROBLEMS
    n=$((n + 1))
    if [ -s "$2" ]; then
        echo "not ok $n - $1"
        sed 's/^/# /' "$2"
    else
        echo "ok $n - $1"
    fi
}

sources=$(find $code_dirs -name '*.[ch]' | LC_ALL=C sort)

# Folder-to-folder include edges: "from to file".
for f in $sources; do
    from=$(dirname "$f")
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\/[^"]*\)".*/\1/p' "$f" |
        while read -r h; do
            to=$(dirname "$h")
            [ "$to" != "$from" ] && echo "$from $to $f"
        done
done >"$tmp/edges"

awk '{ print $1, $2 }' "$tmp/edges" | tsort >/dev/null 2>"$tmp/loops"
if [ -s "$tmp/loops" ]; then
    awk '{ print $1 " -> " $2 " (" $3 ")" }' "$tmp/edges" >>"$tmp/loops"
fi
report "folders include each other without a circle" "$tmp/loops"

awk '{ if (index($1 "/", $2 "/") == 1) print $3 " includes a header of " $2 ", a folder above it" }' \
    "$tmp/edges" >"$tmp/up"
report "no file includes a header of a folder above its own" "$tmp/up"

: >"$tmp/names"
for h in $(find runner reports -name '*.h' | LC_ALL=C sort); do
    d=$(dirname "$h")
    stem=$(basename "$h" .h)
    if [ ! -e "$d/$stem.c" ] && ! ls "$d/${stem}"_*.c >/dev/null 2>&1; then
        echo "$h: no $stem.c or ${stem}_*.c beside it" >>"$tmp/names"
    fi
done
report "every header is named after a .c file of its folder" "$tmp/names"

: >"$tmp/fragments"
for d in $(find $code_dirs -type d | LC_ALL=C sort); do
    files=$(find "$d" -maxdepth 1 -name '*.[ch]' | LC_ALL=C sort)
    [ -z "$files" ] && continue
    if [ ! -e "$d/local.mk" ]; then
        echo "$d has sources but no local.mk" >>"$tmp/fragments"
        continue
    fi
    for f in $files; do
        grep -q "[[:space:]]$f\\b" "$d/local.mk" ||
            echo "$f is not listed in $d/local.mk" >>"$tmp/fragments"
    done
done
report "every folder with sources has its own local.mk listing them" "$tmp/fragments"

# Every file of the tree, by name, for the two checks on names.
find . -type f \( -name '*.[ch]' -o -name '*.cc' -o -name '*.md' -o -name '*.mk' \) |
    sed 's|^\./||' >"$tmp/files"

: >"$tmp/comments"
for f in $sources $(find examples -name '*.c'); do
    # Names outside #include lines and <...>, i.e. in comments and text.
    grep -v '^[[:space:]]*#[[:space:]]*include' "$f" | sed 's/<[^>]*>//g' |
        grep -o '[A-Za-z0-9_/.-]*[A-Za-z0-9_]\.[ch]\b' | LC_ALL=C sort -u |
        while read -r t; do
            [ "$t" = config.h ] && continue # made by configure
            [ -e "$t" ] || [ -e "$(dirname "$f")/$t" ] && continue
            grep -q "\\(^\\|/\\)$(basename "$t")\$" "$tmp/files" && continue
            echo "$f names $t, which does not exist"
        done
done >>"$tmp/comments"
report "no comment names a file that does not exist" "$tmp/comments"

: >"$tmp/docs"
for f in README.md docs/*.md docs/benchrun.1; do
    sed 's/\\//g' "$f" |
        grep -o '\(^\|[[:space:](`]\)\(lib\|runner\|reports\|stats\|tests\|examples\|docs\)/[A-Za-z0-9_/.-]*[A-Za-z0-9_]' |
        sed 's/^[[:space:](`]//' | LC_ALL=C sort -u |
        while read -r t; do
            # A program (examples/sort) is named after its source, and
            # is built outside the source tree in a VPATH build.
            [ -e "$t" ] || [ -e "$t.c" ] || [ -e "$builddir/$t" ] ||
                echo "$f names $t, which does not exist"
        done
done >>"$tmp/docs"
report "no doc names a path that does not exist" "$tmp/docs"

: >"$tmp/spdx"
for f in $(find lib runner reports stats tests examples -type f \( -name '*.[ch]' -o -name '*.cc' -o -name '*.mk' -o -name '*.sh' \) |
    LC_ALL=C sort) Makefile.am configure.ac autogen.sh .ci/run; do
    [ -e "$f" ] || continue
    head -n 5 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' ||
        echo "$f has no SPDX-License-Identifier line" >>"$tmp/spdx"
    head -n 5 "$f" | grep -q 'SPDX-FileCopyrightText:' ||
        echo "$f has no SPDX-FileCopyrightText line" >>"$tmp/spdx"
done
report "every source and build file carries its SPDX lines" "$tmp/spdx"
