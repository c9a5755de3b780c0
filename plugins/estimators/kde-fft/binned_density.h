#pragma once
// The binned kernel density estimate: samples are spread onto a regular grid by linear binning, and
// the grid is convolved with the sampled kernel by FFT, one axis at a time (the kernels are products
// of 1-D kernels). The FFT length is padded to at least (nodes + kernel reach), so the circular
// convolution equals the linear one: no mass wraps round from one edge to the other.
#include <limits>
#include <vector>

namespace miwb::kdefft {

// Kernels scaled to unit variance, so a bandwidth is the kernel's standard deviation.
enum class KernelShape { Gaussian, Epanechnikov, Biweight };

// K(u) for u in standard deviations (the constant factor is irrelevant: densities are normalised
// on the grid).
double kernelValue(KernelShape shape, double u);
// The distance in standard deviations beyond which K is 0: sqrt(5) (Epanechnikov), sqrt(7) (biweight),
// infinity (Gaussian).
double kernelSupport(KernelShape shape);
// How far the grid reaches past the data, in bandwidths: the support, or 3 for the Gaussian.
double gridMargin(KernelShape shape);

// Nodes lo + k step, k = 0..size-1.
struct GridAxis {
  double lo = 0.0;
  double step = 1.0;
  int size = 0;
  double at(int k) const { return lo + step * k; }
};

// `size` nodes from min - margin to max + margin.
GridAxis axisCovering(double min, double max, double margin, int size);

// The kernel sampled at node offsets 0..L: w[k] = K(k step / h), with L = size - 1 or less where the
// kernel's support ends.
std::vector<double> sampledKernel(KernelShape shape, double bandwidth, const GridAxis& axis);

// Adds linear-binning weights to `grid` (axis.size nodes): a value at u = (v - lo) / step gives
// 1 - frac(u) to node floor(u) and frac(u) to the next one.
void linearBin(const double* values, int count, const GridAxis& axis, std::vector<double>& grid);
// The same in 2-D: the grid is row-major, rows along ax, columns along ay (ax.size x ay.size).
void linearBin2d(const double* x, const double* y, int count, const GridAxis& ax, const GridAxis& ay,
                 std::vector<double>& grid);

// Convolves rows of `size` values with a symmetric kernel (weights at offsets 0..L) by FFT.
class AxisSmoother {
 public:
  AxisSmoother(const std::vector<double>& weights, int size);
  // Smooths `size` values at row[0], row[stride], ... in place.
  void smooth(double* row, int stride = 1) const;

 private:
  int size_, padded_;
  std::vector<double> spectrum_;  // the kernel's spectrum: real, as the kernel is symmetric
};

// Smooths a row-major ax.size x ay.size grid in place: rows with wy, then columns with wx.
void smooth2d(std::vector<double>& grid, int rows, int columns, const std::vector<double>& wx,
              const std::vector<double>& wy);

}  // namespace miwb::kdefft
