#include "miwb/numerics/gemm.h"

#ifdef MIWB_HAVE_OPENBLAS
#include <cblas.h>

#include <mutex>
#endif

namespace miwb {

#ifdef MIWB_HAVE_OPENBLAS
namespace {
// The alternatives system may resolve libopenblas.so.0 to the threaded build: one thread per call
// keeps it from oversubscribing the cores that oneTBB already uses.
void singleThreaded() {
  static std::once_flag once;
  std::call_once(once, [] { openblas_set_num_threads(1); });
}
}  // namespace
#endif

void multiplyByTranspose(const double* a, Index lda, const double* b, Index ldb, Index m, Index n, Index k, double* c) {
  if (m == 0 || n == 0) return;
#ifdef MIWB_HAVE_OPENBLAS
  singleThreaded();
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k),
              1.0, a, static_cast<int>(lda), b, static_cast<int>(ldb), 0.0, c, static_cast<int>(n));
#else
  using Stride = Eigen::OuterStride<>;
  const Eigen::Map<const Matrix, 0, Stride> ma(a, m, k, Stride(lda)), mb(b, n, k, Stride(ldb));
  Eigen::Map<Matrix> mc(c, m, n);
  mc.noalias() = ma * mb.transpose();
#endif
}

void addTransposedProduct(const double* a, Index lda, const double* b, Index ldb, Index rows, Index m, Index n,
                          double* c, Index ldc) {
  if (rows == 0 || m == 0 || n == 0) return;
#ifdef MIWB_HAVE_OPENBLAS
  singleThreaded();
  cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(rows),
              1.0, a, static_cast<int>(lda), b, static_cast<int>(ldb), 1.0, c, static_cast<int>(ldc));
#else
  using Stride = Eigen::OuterStride<>;
  const Eigen::Map<const Matrix, 0, Stride> ma(a, rows, m, Stride(lda)), mb(b, rows, n, Stride(ldb));
  Eigen::Map<Matrix, 0, Stride> mc(c, m, n, Stride(ldc));
  mc.noalias() += ma.transpose() * mb;
#endif
}

const char* matrixProductBackend() {
#ifdef MIWB_HAVE_OPENBLAS
  return "openblas";
#else
  return "eigen";
#endif
}

}  // namespace miwb
