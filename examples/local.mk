# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# examples/: bench files a newcomer copies from, built by every `make`.
# They link libbenchrun statically (-static links the in-tree library
# into the program), so each is a self-contained executable that runs
# from the build tree exactly as an installed user's program would.

BR_EXAMPLE_LIBS = lib/libbenchrun.la
BR_EXAMPLE_LINK = -static

noinst_PROGRAMS += examples/hash_lookup examples/config_parse \
	examples/env_capture examples/memcpy examples/sort examples/harness \
	examples/false_sharing

examples_hash_lookup_SOURCES = examples/hash_lookup.c
examples_hash_lookup_LDADD = $(BR_EXAMPLE_LIBS)
examples_hash_lookup_LDFLAGS = $(BR_EXAMPLE_LINK)
examples_config_parse_SOURCES = examples/config_parse.c
examples_config_parse_LDADD = $(BR_EXAMPLE_LIBS)
examples_config_parse_LDFLAGS = $(BR_EXAMPLE_LINK)
examples_env_capture_SOURCES = examples/env_capture.c
examples_env_capture_LDADD = $(BR_EXAMPLE_LIBS)
examples_env_capture_LDFLAGS = $(BR_EXAMPLE_LINK)
examples_memcpy_SOURCES = examples/memcpy.c
examples_memcpy_LDADD = $(BR_EXAMPLE_LIBS)
examples_memcpy_LDFLAGS = $(BR_EXAMPLE_LINK)
examples_sort_SOURCES = examples/sort.c
examples_sort_LDADD = $(BR_EXAMPLE_LIBS)
examples_sort_LDFLAGS = $(BR_EXAMPLE_LINK)
examples_harness_SOURCES = examples/harness.c
examples_harness_LDADD = $(BR_EXAMPLE_LIBS)
examples_harness_LDFLAGS = $(BR_EXAMPLE_LINK)
examples_false_sharing_SOURCES = examples/false_sharing.c
examples_false_sharing_LDADD = $(BR_EXAMPLE_LIBS)
examples_false_sharing_LDFLAGS = $(BR_EXAMPLE_LINK)

BR_EXAMPLES = examples/hash_lookup examples/config_parse \
	examples/env_capture examples/memcpy examples/sort examples/harness \
	examples/false_sharing

# `make run-examples`: measure every example with the freshly built driver.
run-examples: runner/benchrun $(BR_EXAMPLES)
	runner/benchrun $(BENCHRUN_FLAGS) $(BR_EXAMPLES)
.PHONY: run-examples

# `make harness-figures`: the harness's own figures (empty case, clock
# cost and resolution, stability of the chain case across 10 runs, wall
# time over the examples).  Measures; asserts nothing.
harness-figures: runner/benchrun $(BR_EXAMPLES)
	python3 $(srcdir)/tests/perf/harness_figures.py --builddir $(builddir)
.PHONY: harness-figures

# `make detection-benchmark`: the ten-case suite of tests/perf/suite/
# (benchrun and Google Benchmark builds with 0/3/5/10 % more work in two
# cases), A/A and A/B, quiet and under busy loops the script starts and
# stops, interleaved, against saved numbers and with compare.py: one table
# per load and mode.  Takes hours at the default 20 runs (RUNS=... passes
# --runs).  Measures; asserts nothing; not part of `make check`.
detection-benchmark: runner/benchrun lib/libbenchrun.la
	python3 $(srcdir)/tests/perf/detection_quality.py --builddir $(builddir) \
	    --srcdir $(srcdir) $${RUNS:+--runs $$RUNS}
.PHONY: detection-benchmark

# `make threads-figures`: examples/false_sharing under benchrun beside the
# same work under Google Benchmark (tests/perf/threads/), RUNS=... times
# each (default 5): real and CPU time per iteration of each thread and
# the aggregate rate.  Measures; asserts nothing.
threads-figures: runner/benchrun examples/false_sharing
	python3 $(srcdir)/tests/perf/threads_figures.py --builddir $(builddir) \
	    --srcdir $(srcdir) $${RUNS:+--runs $$RUNS}
.PHONY: threads-figures

# `make diagnose-figures`: instructions A/A and +1 % on the suite's chain,
# what --profile and the counting passes cost, and how often an
# explanation names the changed function (tests/perf/diagnose_figures.py;
# REPEATS=... passes --repeats).  Measures; asserts nothing.
diagnose-figures: runner/benchrun lib/libbenchrun.la
	python3 $(srcdir)/tests/perf/diagnose_figures.py \
	    --builddir $(builddir) --srcdir $(srcdir) $${REPEATS:+--repeats $$REPEATS}
.PHONY: diagnose-figures
