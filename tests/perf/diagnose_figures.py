#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
"""tests/perf/diagnose_figures.py: the figures of the diagnose work.

Builds the detection benchmark's suite (tests/perf/suite/bench_suite.c)
with EXTRA_PERCENT 0, 1, 3, 5 and 10 and prints, from one run:

  1. instructions per iteration of suite/chain (1000 dependent steps) in
     two separate benchrun runs of the same build (A/A: the goal is a
     difference of exactly 0), and of the +1 % build against the 0 build
     (goal: +1.0 % +- 0.05);
  2. what profiling costs: the wall time of `benchrun --profile` (perf)
     for one case against its --profile-time, and of a callgrind metric
     pass (a run with --metric instructions minus the same run without);
  3. how often the explanation of a regression names the function that
     was changed, over the benchmark's injected changes (suite/chain and
     suite/malloc_free at +3, +5 and +10 %), with callgrind and with perf.
     The gate is put on instructions (--gate-metric instructions
     --fail-above 1%) so that every injected change fails it and is
     explained; what is counted is whether the explanation's first
     function is on the changed path: the case's own body for suite/chain
     (its loop is inlined there), the case body or the allocator
     (malloc, free and glibc's internals) for suite/malloc_free.

Usage: tests/perf/diagnose_figures.py --builddir BUILD [--repeats N]
Not part of `make check` (it takes minutes and measures); run it on a
machine doing nothing else.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ALLOCATOR = ("malloc", "free", "_int_malloc", "_int_free", "tcache",
             "malloc_consolidate", "unlink_chunk", "cfree", "__libc_malloc",
             "__libc_free", "_int_free_merge_chunk", "_int_free_create_chunk",
             "_int_free_maybe_consolidate")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def build(srcdir, builddir, work, pcts):
    lib = os.path.join(builddir, "lib", ".libs", "libbenchrun.a")
    if not os.path.exists(lib):
        sys.exit("%s missing: run make first" % lib)
    cc = os.environ.get("CC", "cc")
    paths = {}
    for pct in pcts:
        out = os.path.join(work, "suite_%d" % pct)
        subprocess.run([cc, "-O2", "-g", "-std=c11",
                        "-DEXTRA_PERCENT=%d" % pct,
                        "-I" + os.path.join(srcdir, "lib"),
                        os.path.join(srcdir, "tests", "perf", "suite",
                                     "bench_suite.c"), lib, "-lm", "-o", out],
                       check=True)
        paths[pct] = out
    return paths


def benchrun(driver, args, work, check=True):
    json_path = os.path.join(work, "out.json")
    if os.path.exists(json_path):
        os.unlink(json_path)
    start = time.monotonic()
    p = subprocess.run([driver] + args + ["--json", json_path, "--no-color"],
                       cwd=work, capture_output=True, text=True)
    wall = time.monotonic() - start
    if check and p.returncode not in (0, 1):
        sys.exit("benchrun %s failed (%d):\n%s%s" %
                 (" ".join(args), p.returncode, p.stdout, p.stderr))
    doc = None
    if os.path.exists(json_path):
        with open(json_path) as f:
            doc = json.load(f)
    return doc, wall, p


def case(doc, name):
    for c in doc["cases"]:
        if c["name"] == name:
            return c
    sys.exit("no case %s" % name)


def instructions_figures(driver, builds, work):
    fast = ["--rounds", "3", "--samples", "3", "--filter", "^suite/chain$",
            "--metric", "instructions"]
    a, _, _ = benchrun(driver, [builds[0]] + fast, work)
    b, _, _ = benchrun(driver, [builds[0]] + fast, work)
    va = case(a, "suite/chain")["metrics"]["instructions"]["value"]
    vb = case(b, "suite/chain")["metrics"]["instructions"]["value"]
    c, _, _ = benchrun(driver, [builds[1], "--compare", builds[0]] + fast +
                       ["--max-rounds", "3"], work)
    change = case(c, "suite/chain")["comparison"]["metric_changes"][
        "instructions"]
    print("1. instructions per iteration, suite/chain (1000 steps)")
    print("   A/A, two runs of one build: %.6f and %.6f: difference %g" %
          (va, vb, vb - va))
    print("   +1 %% build against it: %.6f -> %.6f: %+.4f %% (exact: %s)" %
          (change["baseline"], change["baseline"] * change["ratio"],
           (change["ratio"] - 1) * 100, change["exact"]))


def cost_figures(driver, builds, work):
    print("2. what profiling costs (wall time of benchrun, one case)")
    for seconds in ("1s", "3s"):
        _, wall, p = benchrun(driver, [builds[0], "--profile", "^suite/chain$",
                                       "--profile-time", seconds,
                                       "--profile-dir",
                                       os.path.join(work, "prof")], work,
                              check=False)
        if p.returncode != 0:
            print("   --profile: failed: %s" % p.stderr.strip())
            return
        print("   --profile --profile-time %s: %.2f s wall" % (seconds, wall))
    plain = ["--rounds", "5", "--samples", "5", "--filter", "^suite/chain$"]
    _, without, _ = benchrun(driver, [builds[0]] + plain, work)
    _, with_metric, _ = benchrun(driver, [builds[0]] + plain +
                                 ["--metric", "instructions"], work)
    print("   --metric instructions (callgrind, 2 passes): %.2f s more "
          "(%.2f s without, %.2f s with)" %
          (with_metric - without, without, with_metric))
    _, with_alloc, _ = benchrun(driver, [builds[0]] + plain +
                                ["--metric", "allocations"], work)
    print("   --metric allocations (1 pass): %.2f s more" %
          (with_alloc - without))


def on_changed_path(name, function):
    # perf names symbol versions and PLT stubs: cfree@GLIBC_2.2.5 is
    # free's alias, malloc@plt the stub every extra call goes through.
    function = function.split("@")[0]
    if name == "suite/chain":
        return function == "benchrun_priv_fn_suite_chain"
    return (function == "benchrun_priv_fn_suite_malloc_free" or
            function in ALLOCATOR or function.startswith("_int_") or
            function.startswith("tcache"))


def explanation_figures(driver, builds, work, repeats, engines):
    print("3. explanations naming the changed function")
    for engine in engines:
        right = total = 0
        misses = []
        start = time.monotonic()
        for pct in (3, 5, 10):
            for r in range(repeats):
                doc, _, p = benchrun(driver, [
                    builds[pct], "--compare", builds[0], "--rounds", "3",
                    "--max-rounds", "3", "--samples", "3", "--filter",
                    "^suite/(chain|malloc_free)$", "--gate-metric",
                    "instructions", "--fail-above", "1%", "--explain-with",
                    engine, "--profile-dir", os.path.join(work, "prof"),
                    "--seed", str(1000 * pct + r)], work)
                for name in ("suite/chain", "suite/malloc_free"):
                    e = case(doc, name)["comparison"].get("explanation")
                    total += 1
                    first = (e["functions"][0]["name"]
                             if e and e.get("functions") else None)
                    if first and on_changed_path(name, first):
                        right += 1
                    else:
                        misses.append("%s +%d%%: %s" % (
                            name, pct, first or (e or {}).get("note")))
        print("   %s: %d of %d (%.1f %%), %.0f s" %
              (engine, right, total, 100.0 * right / total,
               time.monotonic() - start))
        for m in misses[:10]:
            print("     missed: %s" % m)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--builddir", default=".")
    ap.add_argument("--srcdir", default=os.path.dirname(os.path.dirname(here)))
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--engines", default="callgrind,perf")
    o = ap.parse_args()
    builddir = os.path.abspath(o.builddir)
    driver = os.path.join(builddir, "runner", "benchrun")
    os.environ.setdefault("BENCHRUN_ALLOC_LIBRARY", os.path.join(
        builddir, "lib", "alloc", ".libs", "libbenchrun-alloc.so"))
    with tempfile.TemporaryDirectory(prefix="diagnose-figures-") as work:
        builds = build(o.srcdir, builddir, work, (0, 1, 3, 5, 10))
        instructions_figures(driver, builds, work)
        cost_figures(driver, builds, work)
        explanation_figures(driver, builds, work, o.repeats,
                            o.engines.split(","))


if __name__ == "__main__":
    main()
