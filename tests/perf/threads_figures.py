#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
"""threads_figures.py: multi-threaded cases, benchrun beside Google
Benchmark on the same work.

Builds tests/perf/threads/gbench_false_sharing.cc (Google Benchmark,
->Threads(1)->Threads(2)->UseRealTime()) and runs it and
examples/false_sharing (benchrun, BENCH_THREADS(1, 2)) in turn, RUNS times
each (default 5), then prints per case the medians over the runs and
their ranges: benchrun's real time per iteration of each thread, its
threads' CPU time and the aggregate rate, and Google Benchmark's "Time"
(wall time divided by every thread's iterations together), that Time
times the threads (its time per iteration of each thread, comparable to
benchrun's) and its items_per_second (aggregate).  The two tools run one
after the other in the same invocation, so both see the same machine.

    make threads-figures                  # from the build directory
    python3 tests/perf/threads_figures.py --builddir . --runs 5

Not part of `make check`: it measures, it does not assert.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def build_gbench(srcdir, work):
    out = os.path.join(work, "gbench_false_sharing")
    src = os.path.join(srcdir, "tests", "perf", "threads",
                       "gbench_false_sharing.cc")
    subprocess.run([os.environ.get("CXX", "c++"), "-O2", src, "-lbenchmark",
                    "-lpthread", "-o", out], check=True)
    return out


def run_benchrun(builddir, work):
    """{case: (real ns per iteration of each thread, cpu ns, aggregate
    per second)} from one benchrun run of examples/false_sharing."""
    out = os.path.join(work, "br.json")
    subprocess.run([os.path.join(builddir, "runner", "benchrun"),
                    os.path.join(builddir, "examples", "false_sharing"),
                    "--no-color", "-q", "--json", out], check=True,
                   stdout=subprocess.DEVNULL, cwd=work)
    figures = {}
    with open(out) as f:
        for c in json.load(f)["cases"]:
            mean = c["estimate"]["mean_ns"]
            team = c.get("team") or {}
            rate = team.get("iterations_per_second", 1e9 / mean)
            cpu = team.get("cpu_ns_per_iteration")
            if cpu is None:
                cpu = statistics.mean(r["cpu_estimate_ns"]
                                      for r in c["rounds"])
            figures[c["name"]] = (mean, cpu, rate)
    return figures


def run_gbench(exe, work):
    """{case: (Time ns, Time x threads, items per second)}."""
    out = os.path.join(work, "gb.json")
    subprocess.run([exe, "--benchmark_format=json", "--benchmark_out=" + out,
                    "--benchmark_min_time=0.5"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    figures = {}
    with open(out) as f:
        for b in json.load(f)["benchmarks"]:
            base, _, threads = b["name"].partition("/real_time/threads:")
            n = int(threads or 1)
            scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            t = b["real_time"] * scale
            figures["%s/threads:%d" % (base, n)] = (t, t * n,
                                                    b["items_per_second"])
    return figures


def spread(values, unit_scale=1.0, digits=2):
    v = sorted(x / unit_scale for x in values)
    return "%.*f [%.*f, %.*f]" % (digits, statistics.median(v), digits, v[0],
                                  digits, v[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--builddir", default=".")
    p.add_argument("--srcdir", default=None)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    a.builddir = os.path.abspath(a.builddir)
    srcdir = os.path.abspath(a.srcdir or a.builddir)
    with tempfile.TemporaryDirectory() as work:
        gb = build_gbench(srcdir, work)
        br_runs, gb_runs = [], []
        for i in range(a.runs):
            br_runs.append(run_benchrun(a.builddir, work))
            gb_runs.append(run_gbench(gb, work))
            print("run %d of %d done" % (i + 1, a.runs), file=sys.stderr)
    print("medians over %d runs of each, [min, max]; ns per iteration, "
          "M per second" % a.runs)
    print("| case | benchrun real | benchrun CPU | benchrun aggregate | "
          "GB Time | GB Time x threads | GB items/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in sorted(br_runs[0]):
        if not all(name in r for r in gb_runs):
            continue
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            name, spread(r[name][0] for r in br_runs),
            spread(r[name][1] for r in br_runs),
            spread((r[name][2] for r in br_runs), 1e6, 1),
            spread(r[name][0] for r in gb_runs),
            spread(r[name][1] for r in gb_runs),
            spread((r[name][2] for r in gb_runs), 1e6, 1)))


if __name__ == "__main__":
    main()
