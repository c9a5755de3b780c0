#pragma once
// The matrix products the pairwise kernels and the PCA are built on: C = A B^T and C += A^T B for
// row-major blocks. It runs on
// OpenBLAS (the serial Debian build, one thread per call, as callers parallelise over blocks) where the
// build found it, else on Eigen. Why not always Eigen: the library is built for generic x86-64, where
// Eigen's kernels are SSE2; OpenBLAS picks AVX2/FMA kernels at run time, 2.7x faster here for
// 256 x 256 x 1568 blocks (8.2 against 3.0 GFLOP/s under load), as fast as Eigen built with -mavx2.
#include "miwb/variable.h"

namespace miwb {

// c (m x n, row-major, leading dimension n) = a (m x k, row-major, lda) times b (n x k, row-major,
// ldb) transposed. Deterministic: the same inputs give the same bits on every call and thread.
void multiplyByTranspose(const double* a, Index lda, const double* b, Index ldb, Index m, Index n, Index k, double* c);

// c (m x n, row-major, ldc) += a^T b for blocks of the same rows a (rows x m, lda) and b (rows x n,
// ldb): a block of a covariance, accumulated over blocks of rows.
void addTransposedProduct(const double* a, Index lda, const double* b, Index ldb, Index rows, Index m, Index n,
                          double* c, Index ldc);

// "openblas" or "eigen": which of the two multiplyByTranspose() uses, for benchmark reports.
const char* matrixProductBackend();

}  // namespace miwb
