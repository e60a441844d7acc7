/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX-FileCopyrightText: 2026 The benchrun authors */
/*
 * random.c: the seeded generator of random.h, on GSL's mt19937.
 *
 * mt19937 takes a 32-bit seed, so 64-bit seeds are first scrambled with
 * splitmix64 and folded; draws wider than 32 bits are built from two
 * 32-bit outputs with rejection, never with a modulo.
 */
#include "config.h"

#include "stats/random.h"

#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

struct brun_rng {
    gsl_rng *r;
};

/* splitmix64's output function (Steele, Lea & Flood 2014): a bijection on
 * 64-bit words with good avalanche. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

struct brun_rng *brun_rng_new(uint64_t seed)
{
    struct brun_rng *rng = malloc(sizeof *rng);
    if (!rng)
        return NULL;
    rng->r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng->r) {
        free(rng);
        return NULL;
    }
    uint64_t mixed = splitmix64(seed);
    gsl_rng_set(rng->r,
                (unsigned long)((mixed ^ (mixed >> 32)) & 0xffffffffULL));
    return rng;
}

void brun_rng_free(struct brun_rng *rng)
{
    if (!rng)
        return;
    gsl_rng_free(rng->r);
    free(rng);
}

double brun_rng_uniform(struct brun_rng *rng)
{
    return gsl_rng_uniform(rng->r);
}

/* 64 uniform bits from two mt19937 outputs (each covers [0, 2^32)). */
static uint64_t bits64(gsl_rng *r)
{
    uint64_t hi = gsl_rng_get(r) & 0xffffffffULL;
    uint64_t lo = gsl_rng_get(r) & 0xffffffffULL;
    return (hi << 32) | lo;
}

uint64_t brun_rng_below(struct brun_rng *rng, uint64_t n)
{
    if (n <= 1)
        return 0;
    /* gsl_rng_uniform_int rejects instead of reducing modulo n, but only
     * accepts n up to max - min (2^32 - 1 for mt19937). */
    unsigned long range = gsl_rng_max(rng->r) - gsl_rng_min(rng->r);
    if (n <= range)
        return gsl_rng_uniform_int(rng->r, (unsigned long)n);
    /* Wider: accept draws below the largest multiple of n that fits. */
    uint64_t limit = UINT64_MAX - (UINT64_MAX % n + 1) % n;
    uint64_t x;
    do
        x = bits64(rng->r);
    while (x > limit);
    return x % n;
}

double brun_rng_gaussian(struct brun_rng *rng, double sd)
{
    return gsl_ran_gaussian_ziggurat(rng->r, sd);
}

uint64_t brun_rng_seed_for(uint64_t run_seed, const char *name)
{
    return splitmix64(splitmix64(run_seed) ^ fnv1a(name ? name : ""));
}
