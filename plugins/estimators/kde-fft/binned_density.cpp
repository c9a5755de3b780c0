#include "binned_density.h"

#include <unsupported/Eigen/FFT>

#include <algorithm>
#include <cmath>
#include <complex>

namespace miwb::kdefft {

namespace {

const double kSqrt5 = std::sqrt(5.0), kSqrt7 = std::sqrt(7.0);

// One FFT object per thread: kissfft keeps plans and scratch buffers inside it.
Eigen::FFT<double>& threadFft() {
  thread_local Eigen::FFT<double> fft = [] {
    Eigen::FFT<double> f;
    f.SetFlag(Eigen::FFT<double>::HalfSpectrum);
    return f;
  }();
  return fft;
}

int nextPowerOfTwo(int n) {
  int p = 4;  // kissfft's real transforms take the fast path for multiples of 4
  while (p < n) p *= 2;
  return p;
}

}  // namespace

double kernelValue(KernelShape shape, double u) {
  switch (shape) {
    case KernelShape::Gaussian:
      return std::exp(-0.5 * u * u);
    case KernelShape::Epanechnikov: {
      const double r = u / kSqrt5;
      return std::abs(r) < 1.0 ? 1.0 - r * r : 0.0;
    }
    case KernelShape::Biweight: {
      const double r = u / kSqrt7;
      return std::abs(r) < 1.0 ? (1.0 - r * r) * (1.0 - r * r) : 0.0;
    }
  }
  return 0.0;
}

double kernelSupport(KernelShape shape) {
  switch (shape) {
    case KernelShape::Gaussian:
      return std::numeric_limits<double>::infinity();
    case KernelShape::Epanechnikov:
      return kSqrt5;
    case KernelShape::Biweight:
      return kSqrt7;
  }
  return 0.0;
}

double gridMargin(KernelShape shape) { return shape == KernelShape::Gaussian ? 3.0 : kernelSupport(shape); }

GridAxis axisCovering(double min, double max, double margin, int size) {
  GridAxis axis;
  axis.lo = min - margin;
  axis.size = size;
  axis.step = (max - min + 2.0 * margin) / (size - 1);
  return axis;
}

std::vector<double> sampledKernel(KernelShape shape, double bandwidth, const GridAxis& axis) {
  const double reach = kernelSupport(shape) * bandwidth / axis.step;
  const int last = std::isfinite(reach) ? std::min(axis.size - 1, static_cast<int>(std::floor(reach))) : axis.size - 1;
  std::vector<double> weights(static_cast<std::size_t>(last) + 1);
  for (int k = 0; k <= last; ++k) weights[static_cast<std::size_t>(k)] = kernelValue(shape, k * axis.step / bandwidth);
  return weights;
}

void linearBin(const double* values, int count, const GridAxis& axis, std::vector<double>& grid) {
  for (int i = 0; i < count; ++i) {
    const double u = (values[i] - axis.lo) / axis.step;
    const int k = std::clamp(static_cast<int>(u), 0, axis.size - 2);
    const double f = std::clamp(u - k, 0.0, 1.0);
    grid[static_cast<std::size_t>(k)] += 1.0 - f;
    grid[static_cast<std::size_t>(k) + 1] += f;
  }
}

void linearBin2d(const double* x, const double* y, int count, const GridAxis& ax, const GridAxis& ay,
                 std::vector<double>& grid) {
  const auto columns = static_cast<std::size_t>(ay.size);
  for (int i = 0; i < count; ++i) {
    const double u = (x[i] - ax.lo) / ax.step, v = (y[i] - ay.lo) / ay.step;
    const int a = std::clamp(static_cast<int>(u), 0, ax.size - 2), b = std::clamp(static_cast<int>(v), 0, ay.size - 2);
    const double fu = std::clamp(u - a, 0.0, 1.0), fv = std::clamp(v - b, 0.0, 1.0);
    double* cell = &grid[static_cast<std::size_t>(a) * columns + static_cast<std::size_t>(b)];
    cell[0] += (1.0 - fu) * (1.0 - fv);
    cell[1] += (1.0 - fu) * fv;
    cell[columns] += fu * (1.0 - fv);
    cell[columns + 1] += fu * fv;
  }
}

AxisSmoother::AxisSmoother(const std::vector<double>& weights, int size)
    : size_(size), padded_(nextPowerOfTwo(size + static_cast<int>(weights.size()))) {
  // The kernel placed circularly: offset k at k and at padded - k.
  std::vector<double> circular(static_cast<std::size_t>(padded_), 0.0);
  for (std::size_t k = 0; k < weights.size(); ++k) {
    circular[k] = weights[k];
    if (k > 0) circular[static_cast<std::size_t>(padded_) - k] = weights[k];
  }
  std::vector<std::complex<double>> spectrum(static_cast<std::size_t>(padded_ / 2 + 1));
  threadFft().fwd(spectrum.data(), circular.data(), padded_);
  spectrum_.resize(spectrum.size());
  for (std::size_t k = 0; k < spectrum.size(); ++k) spectrum_[k] = spectrum[k].real();
}

void AxisSmoother::smooth(double* row, int stride) const {
  thread_local std::vector<double> buffer;
  thread_local std::vector<std::complex<double>> spectrum;
  buffer.assign(static_cast<std::size_t>(padded_), 0.0);
  spectrum.resize(spectrum_.size());
  bool empty = true;
  for (int k = 0; k < size_; ++k) {
    buffer[static_cast<std::size_t>(k)] = row[static_cast<std::ptrdiff_t>(k) * stride];
    empty = empty && buffer[static_cast<std::size_t>(k)] == 0.0;
  }
  if (empty) return;  // the margins of a 2-D grid hold no samples
  Eigen::FFT<double>& fft = threadFft();
  fft.fwd(spectrum.data(), buffer.data(), padded_);
  for (std::size_t k = 0; k < spectrum.size(); ++k) spectrum[k] *= spectrum_[k];
  fft.inv(buffer.data(), spectrum.data(), padded_);
  for (int k = 0; k < size_; ++k) row[static_cast<std::ptrdiff_t>(k) * stride] = buffer[static_cast<std::size_t>(k)];
}

void smooth2d(std::vector<double>& grid, int rows, int columns, const std::vector<double>& wx,
              const std::vector<double>& wy) {
  const AxisSmoother alongY(wy, columns), alongX(wx, rows);
  for (int r = 0; r < rows; ++r) alongY.smooth(&grid[static_cast<std::size_t>(r) * static_cast<std::size_t>(columns)]);
  for (int c = 0; c < columns; ++c) alongX.smooth(&grid[static_cast<std::size_t>(c)], columns);
}

}  // namespace miwb::kdefft
