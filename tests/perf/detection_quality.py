#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
"""detection_quality.py: how well benchrun's gate separates noise from slowdowns.

Builds the ten-case suite tests/perf/suite/bench_suite.c (benchrun, linked
with the static lib/.libs/libbenchrun.a so a baseline keeps a self-contained
copy) and tests/perf/suite/gbench_suite.cc (Google Benchmark, -lbenchmark
-lpthread) with EXTRA_PERCENT = 0, 3, 5 and 10, plus a byte-identical copy
of each 0 build for A/A comparisons.  EXTRA_PERCENT slows down exactly two
cases, suite/chain (CPU-bound) and suite/malloc_free (allocator); the other
eight are unchanged in every build.

For each load phase (quiet; loaded = ceil(1.5 x nproc) busy loops, each
`timeout T sh -c 'while :; do :; done'`, started by this script, renewed
before they expire and killed by their PIDs at the end of the phase, on
exit and on SIGTERM/SIGINT; T bounds them if this script dies) and each
mode, it runs R A/A trials (--runs) and R trials per slowdown
(--runs-slow), round-robin so drift hits every slowdown alike:

  interleaved  benchrun NEW --compare OLD --fail-above 5% --json F -q
  saved        own BENCHRUN_DIR; 3 x benchrun OLD --save-baseline base -q,
               then per trial benchrun OLD --save-baseline base -q and
               benchrun NEW --baseline base --no-rerun --fail-above 5%
               --json F -q  (the verdict's wall is the compare's alone)
  gbench       OLD and NEW with --benchmark_repetitions=10
               --benchmark_min_time=0.1 --benchmark_out=F.json
               --benchmark_out_format=json, then compare.py (Debian's
               libbenchmark-tools) on the two files; the verdict's wall is
               both runs plus compare.py

Definitions.  benchrun: a suite fails the gate when benchrun exits 1; a
case fails it when, in such a suite, its JSON "comparison"."fails" is
true (keys as reports/json/json.c writes them); its label is
"comparison"."label" (ok, unchanged, inconclusive, regressed, improved).
Google Benchmark has no gate and no labels, so the usual reading of
compare.py is used: a case's change is its median real-time change
(compare.py's <name>_median "time"); a GB "gate failure" = some case's
median time change > +5 % (a case "fails" when its own change is);
"labelled regressed" = compare.py's U-test p (time_pvalue) < 0.05 and
median change > 0 ("improved": p < 0.05 and change < 0).  When compare.py
cannot run (no scipy for any python3 here) the script computes the same
figures from the two JSON files itself (medians of the repetitions, a
two-sided Mann-Whitney U test, normal approximation with tie and
continuity corrections as scipy's) and says so.

It prints one table per (load, mode): A/A suites with a false failure;
the share of unchanged cases (all ten in A/A trials, the eight unchanged
ones in slowdown trials) labelled ok, and the shares of every label;
+3/+5/+10 % on suite/chain labelled regressed; +3/+5/+10 % on suite/chain
and on suite/malloc_free failing the gate; the bias of the reported change
in percentage points (mean over trials of (ratio - 1) - true change for
the changed cases, and the mean of (ratio - 1) over unchanged cases); the
median wall per 10-case verdict and, for benchrun, its ratio to Google
Benchmark's in the same load phase; the load average at the start and end
of the phase.  The goals column is issue 9's table.  --raw FILE writes one
JSON line per trial with every per-case figure.

    make detection-benchmark RUNS=20        # from the build directory
    python3 tests/perf/detection_quality.py --builddir . --runs 20
    python3 tests/perf/detection_quality.py --quick --loads quiet --modes saved

Not part of `make check`: it measures, it does not assert.  It loads the
machine on purpose in the loaded phase; run it when that is acceptable.
"""
import argparse
import atexit
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

CASES = ["suite/chain", "suite/chase_8m", "suite/malloc_free",
         "suite/memcpy_1m", "suite/memcpy_4k", "suite/qsort_256",
         "suite/snprintf", "suite/strchr_strlen", "suite/syscall",
         "suite/tiny"]
CPU_CASE = "suite/chain"
ALLOC_CASE = "suite/malloc_free"
CHANGED = (CPU_CASE, ALLOC_CASE)
LABELS = ["ok", "unchanged", "inconclusive", "regressed", "improved"]
GATE = 0.05  # --fail-above 5%, and the GB gate's median change
GB_ALPHA = 0.05
GB_ARGS = ["--benchmark_repetitions=10", "--benchmark_min_time=0.1"]
COMPARE_PY = "/usr/share/benchmark/compare.py"

# Issue 9's goals: (quiet, loaded); None where it sets none.
GOALS = {
    "aa_interleaved": ("0 / 20", "0 / 20"),
    "aa_saved": ("<= 1 / 20", "<= 1 / 20"),
    "ok": (">= 95 %", ">= 90 %"),
    "fail10": (">= 95 %", ">= 95 %"),
    "reg3": (">= 95 %", ">= 80 %"),
    "bias": ("|.| <= 0.3 pp", "|.| <= 0.5 pp"),
    "wall": ("<= 0.5 x", "<= 1 x"),
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---- Building -------------------------------------------------------------

def build(srcdir, builddir, work, pcts):
    """Builds both suites for each EXTRA_PERCENT in pcts (0 first) and a
    copy of each 0 build; returns {"br": {pct: path, "copy": path}, "gb":
    ...}."""
    lib = os.path.join(builddir, "lib", ".libs", "libbenchrun.a")
    if not os.path.exists(lib):
        sys.exit("%s missing: run make first" % lib)
    cc = os.environ.get("CC", "cc")
    cxx = os.environ.get("CXX", "c++")
    suite = os.path.join(srcdir, "tests", "perf", "suite")
    paths = {"br": {}, "gb": {}}
    for pct in pcts:
        out = os.path.join(work, "suite_%d" % pct)
        subprocess.run([cc, "-O2", "-std=c11", "-DEXTRA_PERCENT=%d" % pct,
                        "-I" + os.path.join(srcdir, "lib"),
                        os.path.join(suite, "bench_suite.c"), lib, "-lm",
                        "-o", out], check=True)
        paths["br"][pct] = out
        out = os.path.join(work, "gbench_%d" % pct)
        subprocess.run([cxx, "-O2", "-DEXTRA_PERCENT=%d" % pct,
                        os.path.join(suite, "gbench_suite.cc"),
                        "-lbenchmark", "-lpthread", "-o", out], check=True)
        paths["gb"][pct] = out
    # Second files with the same bytes, for A/A: NEW is never OLD's path.
    for kind, name in (("br", "suite_0_copy"), ("gb", "gbench_0_copy")):
        paths[kind]["copy"] = os.path.join(work, name)
        shutil.copy(paths[kind][0], paths[kind]["copy"])
    return paths


# ---- The load ---------------------------------------------------------------

class Load:
    """Busy loops, each `timeout -s KILL T sh -c 'while :; do :; done'` in
    its own process group (timeout makes one); renewed before T runs out
    so a long phase stays loaded, and killed by PID (the group) in stop().
    """

    def __init__(self, count, bound_s):
        self.count = count
        self.bound_s = bound_s
        self.procs = []  # (Popen, started)

    def _spawn(self):
        p = subprocess.Popen(
            ["timeout", "-s", "KILL", str(int(self.bound_s)), "sh", "-c",
             "while :; do :; done"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        self.procs.append((p, time.monotonic()))

    def start(self):
        for _ in range(self.count):
            self._spawn()

    def renew(self, margin_s):
        """Replaces loops that end within margin_s (or have ended)."""
        now = time.monotonic()
        keep = []
        for p, started in self.procs:
            if p.poll() is None and now - started < self.bound_s - margin_s:
                keep.append((p, started))
            else:
                self._kill(p)
        self.procs = keep
        while len(self.procs) < self.count:
            self._spawn()

    @staticmethod
    def _kill(p):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                break
            try:
                p.wait(timeout=2)
                break
            except subprocess.TimeoutExpired:
                continue
        try:
            p.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass

    def stop(self):
        for p, _ in self.procs:
            self._kill(p)
        self.procs = []


LOADS = []  # every Load started, stopped again at exit


def stop_all_loads():
    for load in LOADS:
        load.stop()


def on_signal(signum, frame):
    stop_all_loads()
    sys.exit(128 + signum)


# ---- One verdict per mode -------------------------------------------------

def run_benchrun(benchrun, args, json_path, env, cwd):
    """Runs benchrun ARGS --json json_path -q; returns (exit, wall, doc)."""
    out = ["--json", json_path] if json_path else []
    started = time.monotonic()
    proc = subprocess.run([benchrun] + args + out + ["-q", "--no-config"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, env=env, cwd=cwd)
    wall = time.monotonic() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError("benchrun %s exited %d: %s"
                           % (" ".join(args), proc.returncode,
                              proc.stderr.strip()))
    doc = None
    if json_path:
        with open(json_path) as f:
            doc = json.load(f)
    return proc.returncode, wall, doc


def benchrun_cases(doc):
    """{name: {"label", "ratio", "fails"}} from benchrun's JSON."""
    cases = {}
    for c in doc["cases"]:
        k = c.get("comparison") or {}
        cases[c["name"]] = {"label": k.get("label", "missing"),
                            "ratio": k.get("ratio"),
                            "fails": bool(k.get("fails", False))}
    return cases


def find_compare_python():
    """A python3 that can import scipy (compare.py needs it), or None."""
    if not os.path.exists(COMPARE_PY):
        return None
    for py in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if not py or not os.path.exists(py):
            continue
        ok = subprocess.run([py, "-c", "import scipy.stats, numpy"],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode == 0
        if ok:
            return py
    return None


def mann_whitney_p(xs, ys):
    """Two-sided Mann-Whitney U p-value, normal approximation with tie and
    continuity corrections (scipy.stats.mannwhitneyu's asymptotic method,
    which compare.py gets for 10 vs 10 repetitions with ties or n > 8)."""
    n1, n2 = len(xs), len(ys)
    if n1 == 0 or n2 == 0:
        return float("nan")
    pooled = sorted([(v, 0) for v in xs] + [(v, 1) for v in ys])
    ranks = [0.0] * len(pooled)
    ties = 0.0
    i = 0
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    r1 = sum(r for r, (_, g) in zip(ranks, pooled) if g == 0)
    u1 = r1 - n1 * (n1 + 1) / 2
    u = max(u1, n1 * n2 - u1)
    n = n1 + n2
    mu = n1 * n2 / 2
    sd = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    if sd == 0:
        return 1.0
    z = (u - mu - 0.5) / sd
    return min(1.0, 2 * 0.5 * math.erfc(z / math.sqrt(2)))


def gbench_fallback(old_json, new_json):
    """compare.py's figures computed here: {name: (change, p)}."""
    def reps(path):
        with open(path) as f:
            doc = json.load(f)
        out = {}
        for b in doc["benchmarks"]:
            if b.get("run_type") == "iteration":
                out.setdefault(b["run_name"], []).append(b["real_time"])
        return out
    old, new = reps(old_json), reps(new_json)
    result = {}
    for name in old:
        if name in new:
            change = statistics.median(new[name]) / \
                statistics.median(old[name]) - 1
            result[name] = (change, mann_whitney_p(old[name], new[name]))
    return result


def gbench_compare(compare_py, old_json, new_json, work):
    """compare.py's figures: {name: (median time change, U-test p)}."""
    dump = os.path.join(work, "gb_compare.json")
    subprocess.run([compare_py, COMPARE_PY, "--no-color", "-d", dump,
                    "benchmarks", old_json, new_json],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   check=True)
    with open(dump) as f:
        rows = json.load(f)
    p = {}
    change = {}
    for r in rows:
        if r.get("run_type") == "iteration" and r.get("utest"):
            p[r["name"]] = r["utest"].get("time_pvalue")
        if r.get("aggregate_name") == "median":
            base = r["name"][:-len("_median")]
            change[base] = r["measurements"][0]["time"]
    return {n: (change[n], p.get(n, float("nan"))) for n in change}


def run_gbench(exe, out_json, cwd):
    subprocess.run([exe] + GB_ARGS + ["--benchmark_out=" + out_json,
                                      "--benchmark_out_format=json"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True, cwd=cwd)


class Modes:
    """The three ways of reaching a verdict; each returns one trial's
    record: {"suite_fails", "wall", "cases": {name: {label, ratio,
    fails}}}."""

    def __init__(self, benchrun, paths, work, compare_py):
        self.benchrun = benchrun
        self.paths = paths
        self.work = work
        self.compare_py = compare_py
        self.json = os.path.join(work, "out.json")
        self.gate = ["--fail-above", "%g%%" % (100 * GATE)]
        self.env = dict(os.environ)
        self.env["BENCHRUN_DIR"] = os.path.join(work, "benchrun-dir")
        self.saved_ready = False

    def new_old(self, kind, pct):
        return (self.paths[kind]["copy"] if pct == 0
                else self.paths[kind][pct]), self.paths[kind][0]

    def interleaved(self, pct, seed):
        new, old = self.new_old("br", pct)
        rc, wall, doc = run_benchrun(
            self.benchrun, [new, "--compare", old, "--seed", str(seed)]
            + self.gate, self.json, self.env, self.work)
        return {"suite_fails": rc == 1, "wall": wall,
                "cases": benchrun_cases(doc)}

    def saved_phase(self, store):
        """A fresh store for this phase, with three sessions of history."""
        self.env["BENCHRUN_DIR"] = store
        for i in range(3):
            self.save(9000 + i)

    def save(self, seed):
        run_benchrun(self.benchrun, [self.paths["br"][0], "--save-baseline",
                                     "base", "--seed", str(seed)],
                     None, self.env, self.work)

    def saved(self, pct, seed):
        new, _ = self.new_old("br", pct)
        self.save(seed)
        rc, wall, doc = run_benchrun(
            self.benchrun, [new, "--baseline", "base", "--no-rerun",
                            "--seed", str(seed + 1)] + self.gate,
            self.json, self.env, self.work)
        return {"suite_fails": rc == 1, "wall": wall,
                "cases": benchrun_cases(doc)}

    def gbench(self, pct, seed):
        new, old = self.new_old("gb", pct)
        old_json = os.path.join(self.work, "gb_old.json")
        new_json = os.path.join(self.work, "gb_new.json")
        started = time.monotonic()
        run_gbench(old, old_json, self.work)
        run_gbench(new, new_json, self.work)
        if self.compare_py:
            figures = gbench_compare(self.compare_py, old_json, new_json,
                                     self.work)
        else:
            figures = gbench_fallback(old_json, new_json)
        wall = time.monotonic() - started
        cases = {}
        for name, (change, p) in figures.items():
            label = "-"
            if p == p and p < GB_ALPHA:  # p == p: not NaN
                label = "regressed" if change > 0 else "improved"
            cases[name] = {"label": label, "ratio": 1 + change,
                           "fails": change > GATE, "p": p}
        return {"suite_fails": any(c["fails"] for c in cases.values()),
                "wall": wall, "cases": cases}


# ---- The table ------------------------------------------------------------

def pct_str(k, n):
    return "%.1f %%" % (100.0 * k / n) if n else "-"


def frac(k, n):
    return "%d / %d" % (k, n)


def pp(values):
    return "%+.2f pp" % (100 * statistics.mean(values)) if values else "-"


def summarise(load, mode, trials, slowdowns, loadavg, gb_wall):
    """Prints one (load, mode) table from its trial records."""
    li = 0 if load == "quiet" else 1
    by_pct = {}
    for t in trials:
        by_pct.setdefault(t["pct"], []).append(t)
    aa = by_pct.get(0, [])
    rows = []

    def row(figure, value, goal=""):
        rows.append((figure, value, goal))

    def note(text):  # a line of its own, outside the columns
        rows.append((text, None, None))

    goal_aa = GOALS["aa_saved" if mode == "saved" else "aa_interleaved"][li]
    row("A/A suites with a false failure",
        frac(sum(t["suite_fails"] for t in aa), len(aa)),
        goal_aa if mode != "gbench" else "")

    counts = dict.fromkeys(LABELS + ["other"], 0)
    unchanged_n = 0
    unchanged_changes = []
    for t in trials:
        for name, c in t["cases"].items():
            if t["pct"] != 0 and name in CHANGED:
                continue
            unchanged_n += 1
            counts[c["label"] if c["label"] in counts else "other"] += 1
            if c["ratio"] is not None:
                unchanged_changes.append(c["ratio"] - 1)
    if mode == "gbench":
        row("unchanged cases labelled ok", "–", GOALS["ok"][li])
        note("  of %d unchanged cases: regressed %s, improved %s "
             "(p < 0.05)" % (unchanged_n,
                             pct_str(counts["regressed"], unchanged_n),
                             pct_str(counts["improved"], unchanged_n)))
    else:
        row("unchanged cases labelled ok", pct_str(counts["ok"], unchanged_n),
            GOALS["ok"][li])
        shares = ", ".join("%s %s" % (lab, pct_str(counts[lab], unchanged_n))
                           for lab in LABELS[1:])
        if counts["other"]:
            shares += ", other %s" % pct_str(counts["other"], unchanged_n)
        note("  of %d unchanged cases: %s" % (unchanged_n, shares))

    for pct in slowdowns:
        ts = by_pct.get(pct, [])
        row("+%d %% on %s labelled regressed" % (pct, CPU_CASE),
            frac(sum(t["cases"].get(CPU_CASE, {}).get("label")
                     == "regressed" for t in ts), len(ts)),
            GOALS["reg3"][li] if pct == 3 else "")
    for pct in slowdowns:
        ts = by_pct.get(pct, [])
        for name in CHANGED:
            # Both: the suite failed (exit 1) and this case is why.
            row("+%d %% on %s fails the gate" % (pct, name),
                frac(sum(t["suite_fails"] and
                         t["cases"].get(name, {}).get("fails", False)
                         for t in ts), len(ts)),
                GOALS["fail10"][li] if pct == 10 else "")
        row("+%d %% suites failing the gate%s" %
            (pct, "" if mode == "gbench" else " (exit 1)"),
            frac(sum(t["suite_fails"] for t in ts), len(ts)))
    for pct in slowdowns:
        for name in CHANGED:
            errs = [t["cases"][name]["ratio"] - 1 - pct / 100.0
                    for t in by_pct.get(pct, [])
                    if t["cases"].get(name, {}).get("ratio") is not None]
            row("bias +%d %% on %s" % (pct, name), pp(errs),
                GOALS["bias"][li])
    row("bias on unchanged cases (mean change)", pp(unchanged_changes),
        GOALS["bias"][li])

    walls = [t["wall"] for t in trials]
    row("median wall per 10-case verdict",
        "%.1f s" % statistics.median(walls) if walls else "-")
    if mode != "gbench":
        ratio = "-"
        if gb_wall and walls:
            ratio = "%.2f x" % (statistics.median(walls) / gb_wall)
        row("  vs Google Benchmark (both builds), same phase", ratio,
            GOALS["wall"][li])
    row("load average at start / end",
        "%.2f / %.2f" % (loadavg[0], loadavg[1]))

    print()
    print("%s, %s: %d A/A and %s trials" %
          (load, mode, len(aa),
           ", ".join("%d at +%d %%" % (len(by_pct.get(p, [])), p)
                     for p in slowdowns)))
    width = max(len(r[0]) for r in rows if r[1] is not None)
    vwidth = max(len(r[1]) for r in rows if r[1] is not None)
    print("%-*s  %-*s  %s" % (width, "figure", vwidth, "value", "goal"))
    for figure, value, goal in rows:
        if value is None:
            print(figure)
            continue
        print(("%-*s  %-*s  %s" % (width, figure, vwidth, value, goal))
              .rstrip())
    sys.stdout.flush()


# ---- Main ------------------------------------------------------------------

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--builddir", default=".")
    p.add_argument("--srcdir", default=None)
    p.add_argument("--runs", type=int, default=None,
                   help="A/A trials per load and mode (default 20)")
    p.add_argument("--runs-slow", type=int, default=None,
                   help="trials per slowdown (default: --runs)")
    p.add_argument("--slowdowns", default=None,
                   help="comma-separated percentages (default 3,5,10)")
    p.add_argument("--modes", default="interleaved,saved,gbench")
    p.add_argument("--loads", default="quiet,loaded")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: 2 trials, one slowdown (+10 %%)")
    p.add_argument("--raw", default=None,
                   help="write every trial as one JSON line to FILE")
    p.add_argument("--load-bound", type=float, default=600,
                   help="T of each busy loop's timeout, seconds (default "
                   "600; loops are renewed before they expire)")
    a = p.parse_args()
    runs = a.runs if a.runs is not None else (2 if a.quick else 20)
    runs_slow = a.runs_slow if a.runs_slow is not None else runs
    slowdowns = [int(x) for x in
                 (a.slowdowns or ("10" if a.quick else "3,5,10")).split(",")
                 if x]
    modes = [m for m in a.modes.split(",") if m]
    loads = [x for x in a.loads.split(",") if x]
    for m in modes:
        if m not in ("interleaved", "saved", "gbench"):
            p.error("unknown mode %r" % m)
    for x in loads:
        if x not in ("quiet", "loaded"):
            p.error("unknown load %r" % x)
    if any(s <= 0 or s > 100 for s in slowdowns):
        p.error("slowdowns must be between 1 and 100")
    srcdir = a.srcdir or os.path.join(os.path.dirname(__file__), "..", "..")

    atexit.register(stop_all_loads)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    work = tempfile.mkdtemp(prefix="benchrun-detect-")
    atexit.register(shutil.rmtree, work, True)
    # A private copy: a rebuild during the (long) run cannot pull it away.
    benchrun = os.path.join(work, "benchrun")
    shutil.copy(os.path.join(a.builddir, "runner", "benchrun"), benchrun)
    paths = build(srcdir, a.builddir, work, [0] + slowdowns)
    compare_py = None
    if "gbench" in modes:
        compare_py = find_compare_python()
    raw = open(a.raw, "w") if a.raw else None

    ncpu = os.cpu_count() or 1
    nload = math.ceil(1.5 * ncpu)
    print("detection benchmark: 10 cases (%s changed by +%s %%), "
          "--fail-above %g%%; %d A/A and %d per-slowdown trials per load "
          "and mode; %d CPUs, loaded = %d busy loops" %
          (" and ".join(CHANGED), "/".join(map(str, slowdowns)), 100 * GATE,
           runs, runs_slow, ncpu, nload))
    if "gbench" in modes:
        if compare_py:
            print("gbench: compare.py (%s, run by %s); gate failure = a "
                  "median time change > +5 %%; regressed = U-test p < 0.05 "
                  "and change > 0" % (COMPARE_PY, compare_py))
        else:
            print("gbench: compare.py cannot run here (missing, or no "
                  "python3 with scipy); its figures (median change, "
                  "two-sided U-test p) are computed by this script from "
                  "the two JSON files")
    sys.stdout.flush()

    modes_obj = Modes(benchrun, paths, work, compare_py)
    plan = [(i, pct) for i in range(max(runs, runs_slow))
            for pct in [0] + slowdowns
            if i < (runs if pct == 0 else runs_slow)]
    for load in loads:
        busy = None
        if load == "loaded":
            busy = Load(nload, a.load_bound)
            LOADS.append(busy)
            busy.start()
            time.sleep(2)  # let the load average begin to show it
        phase = {}
        try:
            # gbench first, so each benchrun table can give its wall ratio.
            for mode in sorted(modes, key=lambda m: m != "gbench"):
                start_avg = os.getloadavg()[0]
                if mode == "saved":
                    store = os.path.join(work, "store-%s" % load)
                    os.makedirs(store, exist_ok=True)
                    modes_obj.saved_phase(store)
                trials = []
                for i, pct in plan:
                    if busy:
                        busy.renew(margin_s=300)
                    seed = 100000 * (load == "loaded") + 1000 * pct + i
                    log("%s %s %s trial %d" %
                        (load, mode, "A/A" if pct == 0 else "+%d %%" % pct,
                         i + 1))
                    try:
                        rec = getattr(modes_obj, mode)(pct, seed)
                    except (RuntimeError, subprocess.CalledProcessError,
                            OSError, ValueError, KeyError) as e:
                        log("  trial skipped: %s" % e)
                        continue
                    rec.update(load=load, mode=mode, pct=pct, trial=i)
                    trials.append(rec)
                    if raw:
                        raw.write(json.dumps(rec, sort_keys=True) + "\n")
                        raw.flush()
                end_avg = os.getloadavg()[0]
                walls = [t["wall"] for t in trials]
                phase[mode] = statistics.median(walls) if walls else None
                summarise(load, mode, trials, slowdowns,
                          (start_avg, end_avg), phase.get("gbench"))
        finally:
            if busy:
                busy.stop()
    if raw:
        raw.close()


if __name__ == "__main__":
    main()
