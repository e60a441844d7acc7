/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * random.h: the seeded random number generator benchrun uses everywhere it
 * needs chance (bootstrap resampling, round jitter, shuffles, simulations).
 *
 * One generator is one GSL mt19937 stream behind an opaque pointer, so no
 * GSL type leaks out of stats/.  The same seed gives the same stream on
 * every platform.  Seeds for individual benchmark cases come from
 * brun_rng_seed_for(), which depends only on the run seed and the case's
 * name, so `--seed` reproduces a case whatever order the cases ran in.
 * A generator is not thread-safe; give each thread its own.
 */
#ifndef BRUN_RANDOM_H
#define BRUN_RANDOM_H

#include <stdint.h>

struct brun_rng;

/* A new generator seeded with `seed` (all 64 bits are mixed into mt19937's
 * 32-bit seed).  Returns NULL when out of memory; free with
 * brun_rng_free(). */
struct brun_rng *brun_rng_new(uint64_t seed);

/* Frees a generator from brun_rng_new(); NULL is allowed. */
void brun_rng_free(struct brun_rng *rng);

/* A uniform double in [0, 1). */
double brun_rng_uniform(struct brun_rng *rng);

/* A uniform integer in [0, n), without modulo bias, for any n up to
 * UINT64_MAX.  Returns 0 when n is 0 or 1. */
uint64_t brun_rng_below(struct brun_rng *rng, uint64_t n);

/* A normal deviate with mean 0 and standard deviation `sd` (for
 * simulations and noise injection). */
double brun_rng_gaussian(struct brun_rng *rng, double sd);

/* The seed of one case: FNV-1a of `name` mixed with `run_seed` through
 * splitmix64.  A NULL name counts as "".  Pure function. */
uint64_t brun_rng_seed_for(uint64_t run_seed, const char *name);

#endif /* BRUN_RANDOM_H */
