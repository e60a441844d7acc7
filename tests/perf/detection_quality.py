#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
"""detection_quality.py: how well benchrun's gate separates noise from slowdowns.

Builds tests/perf/detect_case.c (a calibrated ~1 us CPU-bound case) with 0, 1,
3, 5 and 10 % more work, then runs N unchanged (A/A) comparisons and N
comparisons per slowdown, in both modes:

  interleaved  benchrun NEW --compare OLD           (both builds run now)
  saved        benchrun OLD --save-baseline base, later
               benchrun NEW --baseline base --no-rerun  (saved numbers)

all at the defaults with --fail-above 5%, and prints per mode and slowdown:
the share of runs that fail the gate (exit 1), the share labelled
"regressed", the median measured change, and the median wall time per
comparison.  Goals (DESIGN.md §8): no failure in >= 99 % of A/A runs; a 10 %
slowdown fails in >= 95 % of runs; a 3 % slowdown is labelled regressed in
>= 95 % of interleaved runs.  The figures are whatever this machine gives.

    make detection-benchmark                 # from the build directory
    python3 tests/perf/detection_quality.py --builddir . --runs 40

Not part of `make check`: it measures, it does not assert.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def build_variants(srcdir, builddir, work, slowdowns):
    lib = os.path.join(builddir, "lib", ".libs", "libbenchrun.a")
    if not os.path.exists(lib):
        sys.exit("%s missing: run make first" % lib)
    cc = os.environ.get("CC", "cc")
    paths = {}
    for pct in [0] + slowdowns:
        out = os.path.join(work, "detect_%d" % pct)
        cmd = [cc, "-O2", "-DEXTRA_PERCENT=%d" % pct,
               "-I" + os.path.join(srcdir, "lib"),
               os.path.join(srcdir, "tests", "perf", "detect_case.c"), lib,
               "-o", out]
        subprocess.run(cmd, check=True)
        paths[pct] = out
    # A second file with the same bytes, for interleaved A/A runs.
    paths["copy"] = os.path.join(work, "detect_0_copy")
    shutil.copy(paths[0], paths["copy"])
    return paths


def run(benchrun, args, json_path):
    started = time.monotonic()
    proc = subprocess.run([benchrun] + args + ["--json", json_path, "-q"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.monotonic() - started
    if proc.returncode not in (0, 1):
        sys.exit("benchrun exited %d: %s" % (proc.returncode, proc.stderr))
    with open(json_path) as f:
        doc = json.load(f)
    cmp = doc["cases"][0]["comparison"]
    return {"fails": proc.returncode == 1, "label": cmp["label"],
            "ratio": cmp["ratio"], "wall": wall,
            "rounds": len(doc["cases"][0]["rounds"])}


def summarise(mode, pct, results):
    n = len(results)
    fails = sum(r["fails"] for r in results)
    regressed = sum(r["label"] == "regressed" for r in results)
    change = statistics.median(r["ratio"] for r in results) - 1
    wall = statistics.median(r["wall"] for r in results)
    rounds = statistics.median(r["rounds"] for r in results)
    print("%-11s %9s %5d %8.1f %% %11.1f %% %+9.2f %% %9.2f s %7.0f" %
          (mode, "A/A" if pct == 0 else "+%d %%" % pct, n, 100 * fails / n,
           100 * regressed / n, 100 * change, wall, rounds), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--builddir", default=".")
    p.add_argument("--srcdir", default=None)
    p.add_argument("--runs", type=int, default=40,
                   help="comparisons per mode and slowdown")
    p.add_argument("--aa-runs", type=int, default=None,
                   help="A/A comparisons per mode (default: --runs)")
    p.add_argument("--slowdowns", default="1,3,5,10")
    p.add_argument("--modes", default="interleaved,saved")
    p.add_argument("--fail-above", default="5%")
    a = p.parse_args()
    srcdir = a.srcdir or os.path.join(os.path.dirname(__file__), "..", "..")
    slowdowns = [int(x) for x in a.slowdowns.split(",") if x]
    aa_runs = a.aa_runs or a.runs
    work = tempfile.mkdtemp(prefix="benchrun-detect-")
    # A private copy: a rebuild during the (long) run cannot pull it away.
    benchrun = os.path.join(work, "benchrun")
    shutil.copy(os.path.join(a.builddir, "runner", "benchrun"), benchrun)
    paths = build_variants(srcdir, a.builddir, work, slowdowns)
    out = os.path.join(work, "out.json")
    store = os.path.join(work, "baselines")
    gate = ["--fail-above", a.fail_above]

    print("detect/chain: ~1 us dependent multiply-add chain; --fail-above %s; "
          "%d A/A and %d A/B runs per mode" % (a.fail_above, aa_runs, a.runs))
    print("%-11s %9s %5s %10s %13s %11s %11s %7s" %
          ("mode", "slowdown", "runs", "failed", "regressed", "change",
           "wall", "rounds"), flush=True)
    for mode in a.modes.split(","):
        for pct in [0] + slowdowns:
            n = aa_runs if pct == 0 else a.runs
            results = []
            for i in range(n):
                seed = ["--seed", str(1000 * pct + i)]
                if mode == "interleaved":
                    old = paths["copy"]
                    results.append(run(benchrun, [paths[pct], "--compare", old]
                                       + gate + seed, out))
                else:
                    # A fresh baseline each time: a later session compares
                    # with numbers saved in an earlier one.
                    subprocess.run([benchrun, paths[0], "--save-baseline",
                                    "base", "--baseline-dir", store, "-q",
                                    "--no-color"] + seed,
                                   stdout=subprocess.DEVNULL, check=True)
                    results.append(run(benchrun, [paths[pct], "--baseline",
                                                  "base", "--no-rerun",
                                                  "--baseline-dir", store]
                                       + gate + seed, out))
            summarise(mode, pct, results)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
