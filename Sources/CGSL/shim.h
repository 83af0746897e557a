// GSL headers used by the Stochastics module. Nothing else imports CGSL.
#ifndef DRYPOWDER_CGSL_SHIM_H
#define DRYPOWDER_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_cdf.h>

// Function-pointer trampoline so Swift closures can be called by GSL solvers:
// `params` carries an opaque pointer back to Swift.
typedef double (*drypowder_fn)(double x, void *params);

static inline gsl_function drypowder_make_function(drypowder_fn fn, void *params) {
    gsl_function f;
    f.function = fn;
    f.params = params;
    return f;
}

static inline const char *drypowder_gsl_version(void) { return gsl_version; }

// GSL exposes its algorithm tables as mutable globals; these accessors read them without
// Swift treating each use as shared mutable state.
static inline const gsl_rng_type *drypowder_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *drypowder_rng_gfsr4(void) { return gsl_rng_gfsr4; }
static inline const gsl_rng_type *drypowder_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_root_fsolver_type *drypowder_root_brent(void) { return gsl_root_fsolver_brent; }
static inline const gsl_multimin_fminimizer_type *drypowder_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}
static inline const gsl_qrng_type *drypowder_qrng_sobol(void) { return gsl_qrng_sobol; }

#endif
