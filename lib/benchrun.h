/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * benchrun.h: the one header a bench file includes.
 *
 * A bench file registers cases with BENCH(group, name), times the body of
 * BENCH_LOOP(st) and keeps results alive with BENCH_KEEP(x).  It is built
 * into a bench executable linked with libbenchrun; the `benchrun` driver runs
 * that executable as a worker, once per round, and does all planning,
 * statistics and reporting.  This header deliberately contains no timing
 * code of its own: the loop macro only calls two functions of the library,
 * one before and one after each sample, so the inner loop the compiler sees
 * is a decrement and a branch.
 *
 *     #include <benchrun.h>
 *
 *     BENCH(cache, lookup_hit) {          // registers itself
 *         struct cache *c = cache_new();  // setup: not timed
 *         BENCH_LOOP(st) {                // timed; benchrun picks the count
 *             BENCH_KEEP(cache_get(c, "key"));
 *         }
 *         cache_free(c);                  // teardown: not timed
 *     }
 *
 * Inside a BENCH body the case's state is the parameter `st`.  Everything
 * whose name starts with benchrun_priv or BENCHRUN_PRIV is plumbing for the
 * macros and may change without notice.  The header compiles as C11 and as
 * C++ (C++20 for designated options such as .bytes = 64).
 */
#ifndef BENCHRUN_H
#define BENCHRUN_H

#include <stddef.h>
#include <stdint.h>

#if !defined(__GNUC__) && !defined(__clang__)
#error "benchrun needs gcc or clang (GNU inline asm and constructor attributes)"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Copies of AC_INIT's version (an installed header cannot take it from
 * config.h); tests/test_library.c fails when they differ from it. */
#define BENCHRUN_VERSION "0.1.0"
#define BENCHRUN_VERSION_NUM 0x000100

#define BENCHRUN_PRIV_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* The state of one running case.  Opaque: use the functions below. */
struct benchrun_state;

/* A range of integer arguments: lo, lo+step, ... up to hi (inclusive) when
 * step > 0; lo, lo*mul, lo*mul^2, ... then hi itself when mul > 1. */
struct benchrun_range {
    long long lo;
    long long hi;
    long long step;
    long long mul;
};

/*
 * A named parameter of a case (BENCH_PARAMS): integers from a list
 * (values) or a range, or strings from a list (strings).  Set exactly one
 * of the three; the BENCH_PARAM* macros below do.
 */
struct benchrun_param {
    const char *name;
    const long long *values;
    size_t value_count;
    struct benchrun_range range;
    const char *const *strings;
    size_t string_count;
};

/*
 * The static description of one case.  BENCH() defines one per case with
 * static storage; the library links it into its registry and never copies
 * or frees it.  Options a user may set in BENCH(group, name, ...) are the
 * fields from `args` to `thread_count`; in C++ they must be given in this
 * order.
 */
struct benchrun_case {
    /* Filled in by BENCH(); not options. */
    unsigned struct_size; /* sizeof at compile time: layout check */
    const char *group;
    const char *name;
    const char *file;
    int line;
    void (*fn)(struct benchrun_state *st);
    const char *compiler; /* __VERSION__ of the bench file */
    int optimized;        /* 1 when built with -O1 or more */

    /* Options. */
    const long long *args; /* BENCH_ARGS(...): explicit argument list */
    size_t arg_count;
    struct benchrun_range range;         /* BENCH_RANGE / BENCH_RANGE_MUL */
    double bytes;                        /* bytes processed per iteration */
    double items;                        /* items processed per iteration */
    const char *arg_name;                /* the unit of a parameterized case's
                                    argument ("vars"), for its scaling fit */
    const struct benchrun_param *params; /* BENCH_PARAMS(...) */
    size_t param_count;
    const int *threads; /* BENCH_THREADS(...): thread counts to run */
    size_t thread_count;

    /* Plumbing. */
    int priv_sentinel;
    struct benchrun_case *priv_next;
};

/* ---- The timing loop -------------------------------------------------- */

#define BENCHRUN_PRIV_LOOP_DONE UINT64_MAX

uint64_t benchrun_priv_loop_start(struct benchrun_state *st);
uint64_t benchrun_priv_loop_next(struct benchrun_state *st, uint64_t left);

/*
 * BENCH_LOOP(st) { body }: runs body the number of times benchrun asks for,
 * in several timed samples.  The clock is read once before and once after
 * each sample, never per iteration; the inner loop is a decrement and a
 * branch (tests/test_loop_asm.c checks the generated x86-64 code).  Use it
 * exactly once per case.  `continue` is fine; `break`, `return` or `goto`
 * out of the loop fail the case with a message saying so.
 */
#define BENCH_LOOP(st)                                                       \
    for (uint64_t benchrun_priv_n_ = benchrun_priv_loop_start(st);           \
         benchrun_priv_n_ != BENCHRUN_PRIV_LOOP_DONE;                        \
         benchrun_priv_n_ = benchrun_priv_loop_next((st), benchrun_priv_n_)) \
        for (; benchrun_priv_n_ != 0; --benchrun_priv_n_)

/* ---- Keeping results alive -------------------------------------------- */

/*
 * BENCH_KEEP(expr): evaluates expr once and makes the compiler believe its
 * value is used, so the computation cannot be optimised away.  Costs no
 * instruction beyond keeping the value in a register or in memory.
 */
#ifdef __clang__
#define BENCH_KEEP(x)                                                        \
    do {                                                                     \
        __typeof__(x) benchrun_priv_keep_ = (x);                             \
        __asm__ __volatile__("" : "+r,m"(benchrun_priv_keep_) : : "memory"); \
    } while (0)
#else
#define BENCH_KEEP(x)                                                        \
    do {                                                                     \
        __typeof__(x) benchrun_priv_keep_ = (x);                             \
        __asm__ __volatile__("" : "+m,r"(benchrun_priv_keep_) : : "memory"); \
    } while (0)
#endif
/* BENCH_ESCAPE(p): the object p points to may be read or written by code
 * the compiler cannot see (stops dead-store elimination of buffers). */
#define BENCH_ESCAPE(p) __asm__ __volatile__("" : : "r"(p) : "memory")
/* BENCH_CLOBBER(): all memory may have been read or written here. */
#define BENCH_CLOBBER() __asm__ __volatile__("" : : : "memory")

/* ---- What a case can ask or tell -------------------------------------- */

/* The integer argument of a parameterized case (0 for a plain case).  For
 * a case with BENCH_PARAMS it is the last integer parameter's value. */
long long benchrun_arg(const struct benchrun_state *st);

/* A named parameter's value in this instance (BENCH_PARAMS).  Asking for
 * a name the case does not have, or for an integer parameter as a string
 * or the reverse, fails the case with a message saying so and returns 0
 * or "". */
long long benchrun_param(struct benchrun_state *st, const char *name);
const char *benchrun_param_str(struct benchrun_state *st, const char *name);

/* A multi-threaded case (BENCH_THREADS): how many threads run the body
 * in this instance, and which one this is (0 to threads-1).  1 and 0 for
 * a case without BENCH_THREADS. */
int benchrun_threads(const struct benchrun_state *st);
int benchrun_thread_index(const struct benchrun_state *st);

/* The pointer the case's group fixture's setup returned (BENCH_FIXTURE),
 * the same in every thread; NULL when the group has no fixture. */
void *benchrun_fixture(const struct benchrun_state *st);

/* Declare the bytes or items processed per iteration, so throughput is
 * reported per second.  Overrides the .bytes/.items options. */
void benchrun_set_bytes(struct benchrun_state *st, double bytes_per_iteration);
void benchrun_set_items(struct benchrun_state *st, double items_per_iteration);

/*
 * User counters: figures of the case's own, reported beside time.  Call
 * benchrun_counter() after BENCH_LOOP, with the total over ALL the
 * iterations the loop ran (benchrun's calibration, warm-up and measured
 * samples alike: count inside the loop body and pass the sum).  benchrun
 * divides by the same whole:
 *   BENCHRUN_COUNTER_PER_ITERATION  value / iterations the loop ran
 *   BENCHRUN_COUNTER_RATE           value / seconds the loop's samples
 *                                   took, pauses excluded (per second)
 *   BENCHRUN_COUNTER_AVERAGE        the value as given (0, the default)
 * Each round's figure is reported and the mean over rounds is the
 * counter's value.  A comparison reads a counter as a cost (more is
 * worse) unless BENCHRUN_COUNTER_HIGHER_IS_BETTER is or-ed into flags.
 * Names: 1 to 63 bytes of [A-Za-z0-9_.-]; up to BENCHRUN_COUNTERS_MAX
 * names per case; calling again with a name replaces its value.  A bad
 * name, a bad flag, a value that is not finite or one counter too many
 * fails the case with a message saying which.  It allocates nothing and
 * does no I/O.
 */
#define BENCHRUN_COUNTER_AVERAGE 0
#define BENCHRUN_COUNTER_PER_ITERATION 1
#define BENCHRUN_COUNTER_RATE 2
#define BENCHRUN_COUNTER_HIGHER_IS_BETTER 0x100
#define BENCHRUN_COUNTERS_MAX 16
#define BENCHRUN_COUNTER_NAME_MAX 63
void benchrun_counter(struct benchrun_state *st, const char *name, double value,
                      int flags);

/*
 * Exclude part of an iteration from the timing: time between
 * benchrun_pause() and benchrun_resume() is not counted.  Each pair costs
 * two clock reads (shown as "pause cost" by `benchrun -v`), so use it only
 * for iterations much longer than that, e.g. to refill an input that the
 * timed work destroys.
 */
void benchrun_pause(struct benchrun_state *st);
void benchrun_resume(struct benchrun_state *st);

/* Mark the case failed or skipped with a message (printf format).  The case
 * should return right after; BENCH_FAIL and BENCH_SKIP do both. */
void benchrun_fail(struct benchrun_state *st, const char *fmt, ...)
    BENCHRUN_PRIV_PRINTF(2, 3);
void benchrun_skip(struct benchrun_state *st, const char *fmt, ...)
    BENCHRUN_PRIV_PRINTF(2, 3);

#define BENCH_FAIL(st, ...)               \
    do {                                  \
        benchrun_fail((st), __VA_ARGS__); \
        return;                           \
    } while (0)
#define BENCH_SKIP(st, ...)               \
    do {                                  \
        benchrun_skip((st), __VA_ARGS__); \
        return;                           \
    } while (0)

/* ---- Registration ----------------------------------------------------- */

/* Adds a case to the registry.  BENCH() calls it from a constructor; call
 * it yourself only for cases built at run time, before benchrun_main(). */
void benchrun_register(struct benchrun_case *c);

/*
 * A group's shared fixture: setup runs once in each worker process,
 * before the body of whichever case of the group the worker runs, and
 * teardown after it; neither is timed.  BENCH_FIXTURE() defines one.
 */
struct benchrun_fixture {
    unsigned struct_size;
    const char *group;
    const char *file;
    int line;
    void *(*setup)(struct benchrun_state *st);
    void (*teardown)(void *fixture);
    struct benchrun_fixture *priv_next;
};

/* Adds a fixture to the registry; BENCH_FIXTURE() calls it from a
 * constructor. */
void benchrun_register_fixture(struct benchrun_fixture *f);

/* The entry point of a bench executable.  libbenchrun provides a main()
 * that calls it; a bench file with its own main() should return
 * benchrun_main(argc, argv).  As a worker (started by benchrun) it runs
 * what the driver asks; otherwise it runs `benchrun <this program> args`. */
int benchrun_main(int argc, char **argv);

/* The library's version string, e.g. "0.1.0". */
const char *benchrun_version(void);

/* ---- BENCH() itself ---------------------------------------------------- */

#ifdef __OPTIMIZE__
#define BENCHRUN_PRIV_OPTIMIZED 1
#else
#define BENCHRUN_PRIV_OPTIMIZED 0
#endif

#ifdef __VERSION__
#define BENCHRUN_PRIV_COMPILER __VERSION__
#else
#define BENCHRUN_PRIV_COMPILER "unknown"
#endif

#define BENCHRUN_PRIV_CONSTRUCTOR __attribute__((constructor))

/* Explicit argument list: BENCH(g, n, BENCH_ARGS(0, 50, 150)). */
#ifdef __cplusplus
}
template <long long... V> struct benchrun_priv_args {
    static const long long values[sizeof...(V)];
};
template <long long... V>
const long long benchrun_priv_args<V...>::values[sizeof...(V)] = {V...};
#define BENCH_ARGS(...)                              \
    .args = benchrun_priv_args<__VA_ARGS__>::values, \
    .arg_count =                                     \
        sizeof(benchrun_priv_args<__VA_ARGS__>::values) / sizeof(long long)
extern "C" {
#else
#define BENCH_ARGS(...)                       \
    .args = (const long long[]){__VA_ARGS__}, \
    .arg_count = sizeof((const long long[]){__VA_ARGS__}) / sizeof(long long)
#endif
/* Linear range: BENCH_RANGE(0, 100, 25) gives 0, 25, 50, 75, 100. */
#define BENCH_RANGE(lo, hi, step) .range = {(lo), (hi), (step), 0}
/* Geometric range: BENCH_RANGE_MUL(8, 1000, 8) gives 8, 64, 512, 1000. */
#define BENCH_RANGE_MUL(lo, hi, mul) .range = {(lo), (hi), 0, (mul)}

/*
 * Named parameters: BENCH(sort, run, BENCH_PARAMS(
 *         BENCH_PARAM("size", 1024, 65536),
 *         BENCH_PARAM_RANGE_MUL("block", 8, 512, 8),
 *         BENCH_PARAM_STRINGS("order", "random", "sorted")))
 * runs every combination (the product, first parameter slowest), each
 * named "sort/run/size:1024/block:8/order:random".  Parameter names are C
 * identifiers ("threads" is taken); string values are 1 to 63 bytes of
 * A-Z a-z 0-9 _ . + -.  In C++, where these compound literals do not
 * exist, define a static array of struct benchrun_param and give it with
 * BENCH_PARAMS_ARRAY(array).
 */
#define BENCH_PARAM(Name, ...)                                           \
    {                                                                    \
        .name = (Name), .values = (const long long[]){__VA_ARGS__},      \
        .value_count =                                                   \
            sizeof((const long long[]){__VA_ARGS__}) / sizeof(long long) \
    }
#define BENCH_PARAM_RANGE(Name, lo, hi, step)             \
    {                                                     \
        .name = (Name), .range = {(lo), (hi), (step), 0 } \
    }
#define BENCH_PARAM_RANGE_MUL(Name, lo, hi, mul)         \
    {                                                    \
        .name = (Name), .range = {(lo), (hi), 0, (mul) } \
    }
#define BENCH_PARAM_STRINGS(Name, ...)                                  \
    {                                                                   \
        .name = (Name), .strings = (const char *const[]){__VA_ARGS__},  \
        .string_count =                                                 \
            sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *) \
    }
#define BENCH_PARAMS(...)                                                 \
    .params = (const struct benchrun_param[]){__VA_ARGS__},               \
    .param_count = sizeof((const struct benchrun_param[]){__VA_ARGS__}) / \
                   sizeof(struct benchrun_param)
#define BENCH_PARAMS_ARRAY(a) \
    .params = (a), .param_count = sizeof(a) / sizeof((a)[0])

/*
 * Multi-threaded cases: BENCH(queue, push, BENCH_THREADS(1, 2, 4)) runs
 * the body in 1, then 2, then 4 threads of one worker process, each
 * instance named ".../threads:N".  The threads start every sample
 * together (a barrier) and each runs the iteration count; the sample's
 * time is the slowest thread's.  Every thread calls the body with its
 * own state: setup before BENCH_LOOP runs in each thread.
 */
#ifdef __cplusplus
}
template <int... V> struct benchrun_priv_threads {
    static const int values[sizeof...(V)];
};
template <int... V>
const int benchrun_priv_threads<V...>::values[sizeof...(V)] = {V...};
#define BENCH_THREADS(...)                                 \
    .threads = benchrun_priv_threads<__VA_ARGS__>::values, \
    .thread_count =                                        \
        sizeof(benchrun_priv_threads<__VA_ARGS__>::values) / sizeof(int)
extern "C" {
#else
#define BENCH_THREADS(...)                 \
    .threads = (const int[]){__VA_ARGS__}, \
    .thread_count = sizeof((const int[]){__VA_ARGS__}) / sizeof(int)
#endif

/*
 * BENCH_FIXTURE(group, setup, teardown); every case of group gets the
 * pointer setup returns, through benchrun_fixture(st).  setup has the
 * type void *(struct benchrun_state *st) and may fail or skip the case
 * with benchrun_fail()/benchrun_skip() on st (then the body does not
 * run); teardown has the type void (void *fixture) and may be NULL.
 * Cost model: benchrun runs each round of each case in a fresh worker
 * process, so setup runs once per worker process it starts for a case of
 * the group (the calibration worker, each round, each counting or
 * profiling pass), never per sample or iteration and never inside the
 * timing; a multi-threaded case's threads share the one setup.  A group
 * has at most one fixture, and a fixture needs a case in its group.
 */
#define BENCH_FIXTURE(Group, Setup, Teardown)                        \
    static struct benchrun_fixture benchrun_priv_fixture_##Group = { \
        .struct_size = sizeof(struct benchrun_fixture),              \
        .group = #Group,                                             \
        .file = __FILE__,                                            \
        .line = __LINE__,                                            \
        .setup = (Setup),                                            \
        .teardown = (Teardown),                                      \
        .priv_next = 0};                                             \
    BENCHRUN_PRIV_CONSTRUCTOR static void                            \
        benchrun_priv_register_fixture_##Group(void)                 \
    {                                                                \
        benchrun_register_fixture(&benchrun_priv_fixture_##Group);   \
    }                                                                \
    extern int benchrun_priv_fixture_takes_a_semicolon_##Group

/*
 * BENCH(group, name [, options...]) { body }
 * group and name must be C identifiers; the case is reported as
 * "group/name", or "group/name/ARG" for each argument of a parameterized
 * case.  Options are designated initialisers of struct benchrun_case:
 * BENCH_ARGS(...), BENCH_RANGE(...), BENCH_PARAMS(...), BENCH_THREADS(...),
 * .bytes = N, .items = N, and for a parameterized case .arg_name = "vars"
 * (the unit of its argument, named by its scaling fit; "items" by
 * default, or the last integer parameter's name).
 */
#ifdef __cplusplus
/* C++ warns (-Wextra) about fields a designated initialiser leaves out;
 * C does not.  The fields left out are meant to be zero. */
#define BENCHRUN_PRIV_QUIET_BEGIN  \
    _Pragma("GCC diagnostic push") \
        _Pragma("GCC diagnostic ignored \"-Wmissing-field-initializers\"")
#define BENCHRUN_PRIV_QUIET_END _Pragma("GCC diagnostic pop")
#else
#define BENCHRUN_PRIV_QUIET_BEGIN
#define BENCHRUN_PRIV_QUIET_END
#endif

#define BENCH(...) BENCHRUN_PRIV_BENCH(__VA_ARGS__, .priv_sentinel = 0)
#define BENCHRUN_PRIV_BENCH(Group, Name, ...)                                 \
    static void benchrun_priv_fn_##Group##_##Name(struct benchrun_state *st); \
    BENCHRUN_PRIV_QUIET_BEGIN                                                 \
    static struct benchrun_case benchrun_priv_case_##Group##_##Name = {       \
        .struct_size = sizeof(struct benchrun_case),                          \
        .group = #Group,                                                      \
        .name = #Name,                                                        \
        .file = __FILE__,                                                     \
        .line = __LINE__,                                                     \
        .fn = benchrun_priv_fn_##Group##_##Name,                              \
        .compiler = BENCHRUN_PRIV_COMPILER,                                   \
        .optimized = BENCHRUN_PRIV_OPTIMIZED,                                 \
        __VA_ARGS__};                                                         \
    BENCHRUN_PRIV_QUIET_END                                                   \
    BENCHRUN_PRIV_CONSTRUCTOR static void                                     \
        benchrun_priv_register_##Group##_##Name(void)                         \
    {                                                                         \
        benchrun_register(&benchrun_priv_case_##Group##_##Name);              \
    }                                                                         \
    static void benchrun_priv_fn_##Group##_##Name(struct benchrun_state *st   \
                                                  __attribute__((unused)))

#ifdef __cplusplus
}
#endif

#endif /* BENCHRUN_H */
