#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
"""harness_figures.py: prints the figures that show the harness itself.

Runs the real benchrun over examples/harness N times (default 10) and
prints: the empty case's time per iteration (goal <= 1 ns), the clock's
read cost and resolution, the median of the dependent-chain case in each
run and its spread across runs, and the wall time of one benchrun over
all the examples.  Timings on a shared VM are noisy: it reports medians
and ranges from this one invocation, never a single time.

    make harness-figures                  # from the build directory
    python3 tests/perf/harness_figures.py --builddir . --runs 10

Not part of `make check`: it measures, it does not assert.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

EXAMPLES = ["hash_lookup", "config_parse", "env_capture", "memcpy", "sort",
            "harness", "false_sharing"]


def run_benchrun(benchrun, args, json_path):
    cmd = [benchrun] + args + ["--json", json_path, "-q"]
    started = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        sys.exit("benchrun failed (%d): %s" % (proc.returncode, proc.stderr))
    with open(json_path) as f:
        return json.load(f), wall


def case(doc, name):
    for c in doc["cases"]:
        if c["name"] == name:
            return c
    sys.exit("case %s missing" % name)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--builddir", default=".")
    p.add_argument("--runs", type=int, default=10)
    a = p.parse_args()
    benchrun = os.path.join(a.builddir, "runner", "benchrun")
    harness = os.path.join(a.builddir, "examples", "harness")
    out = os.path.join(tempfile.mkdtemp(), "h.json")

    empties, loops, chains, costs, resolutions = [], [], [], [], []
    for i in range(a.runs):
        doc, _ = run_benchrun(benchrun, [harness], out)
        clock = doc["context"]["clock"]
        costs.append(clock["read_cost_ns"])
        resolutions.append(clock["resolution_ns"])
        empty = case(doc, "harness/empty")
        # Since the 10^12-iteration cap, a removed loop is skipped with
        # its reason instead of timed.
        empties.append(empty["estimate"]["mean_ns"] if empty["estimate"]
                       else empty["reason"])
        loops.append(case(doc, "harness/loop_only")["estimate"]["mean_ns"])
        chains.append(case(doc, "harness/chain_1000")["estimate"]["median_ns"])
    print("benchrun over examples/harness, %d runs (clock %s, %.5f GHz)" %
          (a.runs, clock["name"], clock["ticks_per_second"] / 1e9))
    timed = [e for e in empties if not isinstance(e, str)]
    if timed:
        print("  empty case, mean ns/iteration: median %.6f, max %.6f "
              "(goal <= 1 ns)" % (statistics.median(timed), max(timed)))
    if len(timed) < len(empties):
        print("  empty case skipped in %d of %d runs: %s" %
              (len(empties) - len(timed), len(empties),
               next(e for e in empties if isinstance(e, str))))
    print("  loop-only case (decrement + branch kept), mean ns/iteration: "
          "median %.3f, max %.3f (goal <= 1 ns)"
          % (statistics.median(loops), max(loops)))
    print("  clock read cost: median %.2f ns (range %.2f..%.2f)" %
          (statistics.median(costs), min(costs), max(costs)))
    print("  clock resolution: median %.2f ns (range %.2f..%.2f)" %
          (statistics.median(resolutions), min(resolutions), max(resolutions)))
    med = statistics.median(chains)
    print("  chain_1000 median per run (ns): %s" %
          ", ".join("%.1f" % c for c in chains))
    print("  chain_1000: median of runs %.1f ns, range %.1f..%.1f "
          "(%.2f %% of the median), sd across runs %.2f %%" %
          (med, min(chains), max(chains),
           100 * (max(chains) - min(chains)) / med,
           100 * statistics.stdev(chains) / statistics.mean(chains)))

    targets = [os.path.join(a.builddir, "examples", e) for e in EXAMPLES]
    doc, wall = run_benchrun(benchrun, targets, out)
    print("  benchrun over all %d example cases: %.1f s wall (defaults)" %
          (len(doc["cases"]), wall))


if __name__ == "__main__":
    main()
