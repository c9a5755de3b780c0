#include "pair_network.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

// One copy of the kernels per x86-64 level, each with tiles of its own register width, picked when
// the process starts: the build targets plain x86-64, and these loops are where a training spends
// its time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define MIWB_PAIR_X86_LEVELS 1
#define MIWB_PAIR_TARGET(level) __attribute__((target("arch=" level)))
#else
#define MIWB_PAIR_X86_LEVELS 0
#endif
#define MIWB_PAIR_INLINE inline __attribute__((always_inline))
// The vector-valued helpers below are always inlined into the per-level functions, never called
// across an ABI boundary, so GCC's note that their ABI differs between levels does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace miwb::neural {

namespace {

using nn::Activation;

// A tile's worth of T: one register of `Bytes` (a GCC vector; only the kernel compiled for a level
// with such registers uses it). Memory holds plain T, read and written through load() and store(),
// so that no buffer depends on the vector type's alignment.
template <class T, int Bytes>
struct PackOf;
template <>
struct PackOf<double, 16> {
  typedef double type __attribute__((vector_size(16)));
};
template <>
struct PackOf<double, 32> {
  typedef double type __attribute__((vector_size(32)));
};
template <>
struct PackOf<double, 64> {
  typedef double type __attribute__((vector_size(64)));
};
template <>
struct PackOf<float, 16> {
  typedef float type __attribute__((vector_size(16)));
};
template <>
struct PackOf<float, 32> {
  typedef float type __attribute__((vector_size(32)));
};
template <>
struct PackOf<float, 64> {
  typedef float type __attribute__((vector_size(64)));
};

template <class P, class T>
MIWB_PAIR_INLINE P load(const T* p) {
  P v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class P, class T>
MIWB_PAIR_INLINE void store(T* p, const P& v) {
  std::memcpy(p, &v, sizeof v);
}

// e^z - 1 for lanes z <= 0 (elu's negative side), SIMD: z = n ln 2 + r with |r| <= ln 2 / 2, the
// Taylor series of e^r - 1 to r^12 (truncation below 2e-16 relative), then
// e^z - 1 = 2^n (e^r - 1) + (2^n - 1), where 2^n - 1 is exact. Lanes below -60 give -1 (as
// std::expm1 does to the last bit there).
template <class P>
MIWB_PAIR_INLINE P expm1NonPositive(P z) {
  using T = std::remove_cvref_t<decltype(z[0])>;
  using I = decltype(z < z);  // the integer vector with T's lane width
  constexpr bool isDouble = sizeof(T) == 8;
  z = z > P{} ? P{} : z;  // lanes the caller discards: kept in range for the integer conversion
  z = z < T(-60) ? P{} + T(-60) : z;
  const I n = __builtin_convertvector(z * T(1.4426950408889634) - T(0.5), I);  // round(z / ln 2), z <= 0
  const P nf = __builtin_convertvector(n, P);
  const P r = (z - nf * T(0.6931471803691238)) - nf * T(1.9082149292705877e-10);
  P q = P{} + T(1.0 / 479001600.0);
  constexpr double kFactorials[] = {39916800.0, 3628800.0, 362880.0, 40320.0, 5040.0, 720.0, 120.0, 24.0, 6.0, 2.0};
  for (double f : kFactorials) q = q * r + T(1.0 / f);
  const P em = r + r * r * q;
  const I bits = (n + (isDouble ? 1023 : 127)) << (isDouble ? 52 : 23);
  const P scale = (P)bits;  // the same bits read as T: 2^n
  return scale * em + (scale - T(1));
}

// f(z) for every lane. relu, softsign, linear and elu are SIMD; tanh and sigmoid go lane by lane.
template <Activation F, class P>
MIWB_PAIR_INLINE P activate(P z) {
  constexpr Index n = sizeof(P) / sizeof(z[0]);
  using T = std::remove_cvref_t<decltype(z[0])>;
  if constexpr (F == Activation::Relu) {
    return z > P{} ? z : P{};
  } else if constexpr (F == Activation::Softsign) {
    const P magnitude = z < P{} ? -z : z;
    return z / (1 + magnitude);
  } else if constexpr (F == Activation::Linear) {
    return z;
  } else if constexpr (F == Activation::Elu) {
    return z > P{} ? z : expm1NonPositive(z);
  } else {
    for (Index l = 0; l < n; ++l) {
      const T v = z[l];
      if constexpr (F == Activation::Tanh) z[l] = std::tanh(v);
      else z[l] = 1 / (1 + std::exp(-v));  // sigmoid
    }
    return z;
  }
}

// dPre = dPost * f'(pre), with post = f(pre).
template <Activation F, class P>
MIWB_PAIR_INLINE P activationBackward(P pre, P post, P dPost) {
  if constexpr (F == Activation::Relu) return pre > P{} ? dPost : P{};
  else if constexpr (F == Activation::Tanh) return dPost * (1 - post * post);
  else if constexpr (F == Activation::Elu) return pre > P{} ? dPost : dPost * (post + 1);
  else if constexpr (F == Activation::Sigmoid) return dPost * post * (1 - post);
  else if constexpr (F == Activation::Softsign) {
    const P d = 1 + (pre < P{} ? -pre : pre);
    return dPost / (d * d);
  } else return dPost;
}

template <class T, int Bytes, Activation F>
class TileKernel {
 public:
  using Pack = typename PackOf<T, Bytes>::type;
  static constexpr Index kL = Bytes / static_cast<Index>(sizeof(T));

  explicit TileKernel(const PairNetwork<T>& net) : net_(net), layers_(static_cast<Index>(net.weights.size())) {
    Index widest = 1;
    for (Index w : net.widths) widest = std::max(widest, w);
    for (Index t = 0; t < layers_; ++t) {
      pre_.emplace_back(static_cast<std::size_t>(net.widths[static_cast<std::size_t>(t)] * kL));
      post_.emplace_back(static_cast<std::size_t>(net.widths[static_cast<std::size_t>(t)] * kL));
    }
    delta_.resize(static_cast<std::size_t>(widest * kL));
    next_.resize(static_cast<std::size_t>(widest * kL));
    daLanes_.resize(static_cast<std::size_t>(net.widths[0] * kL));
  }

  // The scores of anchor i against y's j0 .. j0 + kL - 1, keeping every layer's values.
  MIWB_PAIR_INLINE Pack forward(Index i, Index j0) {
    const Index h1 = net_.widths[0];
    const T* ai = net_.a.data() + i * h1;
    const T* bt = net_.bt.data() + j0;
    T* pre0 = pre_[0].data();
    T* post0 = post_[0].data();
    for (Index u = 0; u < h1; ++u) {
      const Pack z = load<Pack>(bt + u * net_.padded) + ai[u];
      store(pre0 + u * kL, z);
      store(post0 + u * kL, activate<F>(z));
    }
    T out[kL];
    for (Index t = 0; t < layers_; ++t) {
      const auto ut = static_cast<std::size_t>(t);
      const Index nin = net_.widths[ut], nout = net_.widths[ut + 1];
      const bool hidden = t + 1 < layers_;
      T* pre = hidden ? pre_[ut + 1].data() : out;
      denseForward(net_.weights[ut].data(), net_.biases[ut].data(), nin, nout, post_[ut].data(), pre);
      if (hidden)
        for (Index v = 0; v < nout; ++v) store(post_[ut + 1].data() + v * kL, activate<F>(load<Pack>(pre + v * kL)));
    }
    return load<Pack>(out);
  }

  // Recomputes the tile and adds its share of the gradient of sum_l g_l f(x_i, y_{j0+l}).
  MIWB_PAIR_INLINE void backward(Index i, Index j0, Pack g, PairGradients<T>& into) {
    forward(i, j0);
    store(delta_.data(), g);
    for (Index t = layers_ - 1; t >= 0; --t) {
      const auto ut = static_cast<std::size_t>(t);
      const Index nin = net_.widths[ut], nout = net_.widths[ut + 1];
      const T* w = net_.weights[ut].data();
      T* weightLanes = into.weightLanes[ut].data();
      T* biasLanes = into.biasLanes[ut].data();
      const T* in = post_[ut].data();
      const T* pre = pre_[ut].data();
      const T* delta = delta_.data();
      for (Index v = 0; v < nout; ++v) store(biasLanes + v * kL, load<Pack>(biasLanes + v * kL) + load<Pack>(delta + v * kL));
      // Each unit's input gradient sums over the outputs; two units at a time with the sum split
      // over even and odd outputs, so that four independent sums hide the multiply-add latency.
      Index u = 0;
      for (; u + 2 <= nin; u += 2) {
        const Pack x0 = load<Pack>(in + u * kL), x1 = load<Pack>(in + (u + 1) * kL);
        Pack back0{}, back0b{}, back1{}, back1b{};
        Index v = 0;
        for (; v + 2 <= nout; v += 2) {
          const Pack d = load<Pack>(delta + v * kL), e = load<Pack>(delta + (v + 1) * kL);
          accumulate(weightLanes + (u + v * nin) * kL, x0 * d);
          accumulate(weightLanes + (u + 1 + v * nin) * kL, x1 * d);
          accumulate(weightLanes + (u + (v + 1) * nin) * kL, x0 * e);
          accumulate(weightLanes + (u + 1 + (v + 1) * nin) * kL, x1 * e);
          back0 += w[u + v * nin] * d;
          back1 += w[u + 1 + v * nin] * d;
          back0b += w[u + (v + 1) * nin] * e;
          back1b += w[u + 1 + (v + 1) * nin] * e;
        }
        for (; v < nout; ++v) {
          const Pack d = load<Pack>(delta + v * kL);
          accumulate(weightLanes + (u + v * nin) * kL, x0 * d);
          accumulate(weightLanes + (u + 1 + v * nin) * kL, x1 * d);
          back0 += w[u + v * nin] * d;
          back1 += w[u + 1 + v * nin] * d;
        }
        store(next_.data() + u * kL, activationBackward<F>(load<Pack>(pre + u * kL), x0, back0 + back0b));
        store(next_.data() + (u + 1) * kL, activationBackward<F>(load<Pack>(pre + (u + 1) * kL), x1, back1 + back1b));
      }
      for (; u < nin; ++u) {
        const Pack x = load<Pack>(in + u * kL);
        Pack back{};
        for (Index v = 0; v < nout; ++v) {
          const Pack d = load<Pack>(delta + v * kL);
          accumulate(weightLanes + (u + v * nin) * kL, x * d);
          back += w[u + v * nin] * d;
        }
        store(next_.data() + u * kL, activationBackward<F>(load<Pack>(pre + u * kL), x, back));
      }
      std::swap(delta_, next_);
    }
    // delta_ now holds d/dz of the first layer, whose pre-activation is a_i + b_j.
    const Index h1 = net_.widths[0];
    T* dbt = into.dbt.data() + j0;
    for (Index u = 0; u < h1; ++u) {
      const Pack d = load<Pack>(delta_.data() + u * kL);
      store(daLanes_.data() + u * kL, load<Pack>(daLanes_.data() + u * kL) + d);
      store(dbt + u * net_.padded, load<Pack>(dbt + u * net_.padded) + d);
    }
  }

  MIWB_PAIR_INLINE void forwardRows(Index first, Index last, double* scores, Index rowStride, Index colStride) {
    for (Index i = first; i < last; ++i)
      for (Index j0 = 0; j0 < net_.padded; j0 += kL) {
        const Pack out = forward(i, j0);
        const Index lanes = std::min(kL, net_.k - j0);
        double* row = scores + i * rowStride + j0 * colStride;
        for (Index l = 0; l < lanes; ++l) row[l * colStride] = static_cast<double>(out[l]);
      }
  }

  MIWB_PAIR_INLINE void backwardRows(Index first, Index last, const double* dScores, Index rowStride, Index colStride,
                    PairGradients<T>& into, double* da) {
    const Index h1 = net_.widths[0];
    for (Index i = first; i < last; ++i) {
      std::fill(daLanes_.begin(), daLanes_.end(), T(0));
      for (Index j0 = 0; j0 < net_.padded; j0 += kL) {
        Pack g{};
        const Index lanes = std::min(kL, net_.k - j0);
        const double* row = dScores + i * rowStride + j0 * colStride;
        for (Index l = 0; l < lanes; ++l) g[l] = static_cast<T>(row[l * colStride]);
        backward(i, j0, g, into);
      }
      for (Index u = 0; u < h1; ++u) {
        double sum = 0;  // lanes in order: the same sum whatever ran before
        for (Index l = 0; l < kL; ++l) sum += static_cast<double>(daLanes_[static_cast<std::size_t>(u * kL + l)]);
        da[i * h1 + u] = sum;
      }
    }
  }

 private:
  static MIWB_PAIR_INLINE void accumulate(T* at, Pack add) { store(at, load<Pack>(at) + add); }

  // out[v] = b[v] + sum_u w[u + v nin] in[u], G outputs at a time so that G independent sums hide
  // the latency of the multiply-adds.
  template <int G>
  static MIWB_PAIR_INLINE void denseGroup(const T* w, const T* b, Index nin, const T* in, T* out, Index v) {
    Pack s[G];
    for (int g = 0; g < G; ++g) s[g] = Pack{} + b[v + g];
    for (Index u = 0; u < nin; ++u) {
      const Pack x = load<Pack>(in + u * kL);
      for (int g = 0; g < G; ++g) s[g] += w[u + (v + g) * nin] * x;
    }
    for (int g = 0; g < G; ++g) store(out + (v + g) * kL, s[g]);
  }

  static MIWB_PAIR_INLINE void denseForward(const T* w, const T* b, Index nin, Index nout, const T* in, T* out) {
    Index v = 0;
    for (; v + 8 <= nout; v += 8) denseGroup<8>(w, b, nin, in, out, v);
    for (; v + 4 <= nout; v += 4) denseGroup<4>(w, b, nin, in, out, v);
    for (; v < nout; ++v) denseGroup<1>(w, b, nin, in, out, v);
  }

  const PairNetwork<T>& net_;
  Index layers_;
  // Per unit kL lanes ([u * kL + lane]): each hidden layer's values, the backward pass's deltas,
  // and the current anchor's sums of d/da.
  std::vector<std::vector<T>> pre_, post_;
  std::vector<T> delta_, next_, daLanes_;
};

// The kernels for net.activation; each entry point below inlines them into every clone.
// The kernels for net.activation with tiles of `Bytes`; each entry point below inlines them.
template <class T, int Bytes, Activation F>
MIWB_PAIR_INLINE void forwardAs(const PairNetwork<T>& net, Index first, Index last, double* scores, Index rowStride,
                                Index colStride) {
  TileKernel<T, Bytes, F>(net).forwardRows(first, last, scores, rowStride, colStride);
}

template <class T, int Bytes, Activation F>
MIWB_PAIR_INLINE void backwardAs(const PairNetwork<T>& net, Index first, Index last, const double* dScores,
                                 Index rowStride, Index colStride, PairGradients<T>& into, double* da) {
  TileKernel<T, Bytes, F>(net).backwardRows(first, last, dScores, rowStride, colStride, into, da);
}

#define MIWB_PAIR_DISPATCH(call, ...)                                                    \
  switch (net.activation) {                                                             \
    case Activation::Relu: return call<T, Bytes, Activation::Relu>(__VA_ARGS__);         \
    case Activation::Tanh: return call<T, Bytes, Activation::Tanh>(__VA_ARGS__);         \
    case Activation::Elu: return call<T, Bytes, Activation::Elu>(__VA_ARGS__);           \
    case Activation::Sigmoid: return call<T, Bytes, Activation::Sigmoid>(__VA_ARGS__);   \
    case Activation::Softsign: return call<T, Bytes, Activation::Softsign>(__VA_ARGS__); \
    case Activation::Linear: return call<T, Bytes, Activation::Linear>(__VA_ARGS__);     \
  }

template <class T, int Bytes>
MIWB_PAIR_INLINE void forwardAny(const PairNetwork<T>& net, Index first, Index last, double* scores, Index rowStride,
                                 Index colStride) {
  MIWB_PAIR_DISPATCH(forwardAs, net, first, last, scores, rowStride, colStride)
}

template <class T, int Bytes>
MIWB_PAIR_INLINE void backwardAny(const PairNetwork<T>& net, Index first, Index last, const double* dScores,
                                  Index rowStride, Index colStride, PairGradients<T>& into, double* da) {
  MIWB_PAIR_DISPATCH(backwardAs, net, first, last, dScores, rowStride, colStride, into, da)
}

// One function per level and element type, as target attributes do not apply to templates.
#if MIWB_PAIR_X86_LEVELS
#define MIWB_PAIR_LEVEL(T, suffix, level, bytes)                                                                   \
  MIWB_PAIR_TARGET(level) void forward##suffix(const PairNetwork<T>& net, Index first, Index last, double* scores, \
                                               Index rowStride, Index colStride) {                               \
    forwardAny<T, bytes>(net, first, last, scores, rowStride, colStride);                                         \
  }                                                                                                               \
  MIWB_PAIR_TARGET(level) void backward##suffix(const PairNetwork<T>& net, Index first, Index last,               \
                                                const double* dScores, Index rowStride, Index colStride,          \
                                                PairGradients<T>& into, double* da) {                             \
    backwardAny<T, bytes>(net, first, last, dScores, rowStride, colStride, into, da);                            \
  }
MIWB_PAIR_LEVEL(double, V4, "x86-64-v4", 64)
MIWB_PAIR_LEVEL(double, V3, "x86-64-v3", 32)
MIWB_PAIR_LEVEL(float, V4, "x86-64-v4", 64)
MIWB_PAIR_LEVEL(float, V3, "x86-64-v3", 32)

enum class Level { Base, V3, V4 };
Level cpuLevel() {
  static const Level level = [] {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) return Level::V4;
    if (__builtin_cpu_supports("x86-64-v3")) return Level::V3;
    return Level::Base;
  }();
  return level;
}
#endif

template <class T>
void forwardOnCpu(const PairNetwork<T>& net, Index first, Index last, double* scores, Index rowStride, Index colStride) {
#if MIWB_PAIR_X86_LEVELS
  if (cpuLevel() == Level::V4) return forwardV4(net, first, last, scores, rowStride, colStride);
  if (cpuLevel() == Level::V3) return forwardV3(net, first, last, scores, rowStride, colStride);
#endif
  forwardAny<T, 16>(net, first, last, scores, rowStride, colStride);
}

template <class T>
void backwardOnCpu(const PairNetwork<T>& net, Index first, Index last, const double* dScores, Index rowStride,
                   Index colStride, PairGradients<T>& into, double* da) {
#if MIWB_PAIR_X86_LEVELS
  if (cpuLevel() == Level::V4) return backwardV4(net, first, last, dScores, rowStride, colStride, into, da);
  if (cpuLevel() == Level::V3) return backwardV3(net, first, last, dScores, rowStride, colStride, into, da);
#endif
  backwardAny<T, 16>(net, first, last, dScores, rowStride, colStride, into, da);
}

}  // namespace

template <class T>
Index pairLanes() {
  Index bytes = 16;
#if MIWB_PAIR_X86_LEVELS
  if (cpuLevel() == Level::V4) bytes = 64;
  else if (cpuLevel() == Level::V3) bytes = 32;
#endif
  return bytes / static_cast<Index>(sizeof(T));
}

template Index pairLanes<double>();
template Index pairLanes<float>();

template <class T>
void PairGradients<T>::reset(const PairNetwork<T>& net) {
  const auto layers = net.weights.size();
  weightLanes.resize(layers);
  biasLanes.resize(layers);
  for (std::size_t t = 0; t < layers; ++t) {
    weightLanes[t].assign(static_cast<std::size_t>(net.widths[t] * net.widths[t + 1] * net.lanes), T(0));
    biasLanes[t].assign(static_cast<std::size_t>(net.widths[t + 1] * net.lanes), T(0));
  }
  dbt.assign(static_cast<std::size_t>(net.widths[0] * net.padded), T(0));
}

template struct PairGradients<double>;
template struct PairGradients<float>;

void pairForward(const PairNetwork<double>& net, Index first, Index last, double* scores, Index rowStride,
                 Index colStride) {
  forwardOnCpu(net, first, last, scores, rowStride, colStride);
}

void pairForward(const PairNetwork<float>& net, Index first, Index last, double* scores, Index rowStride,
                 Index colStride) {
  forwardOnCpu(net, first, last, scores, rowStride, colStride);
}

void pairBackward(const PairNetwork<double>& net, Index first, Index last, const double* dScores, Index rowStride,
                  Index colStride, PairGradients<double>& into, double* da) {
  backwardOnCpu(net, first, last, dScores, rowStride, colStride, into, da);
}

void pairBackward(const PairNetwork<float>& net, Index first, Index last, const double* dScores, Index rowStride,
                  Index colStride, PairGradients<float>& into, double* da) {
  backwardOnCpu(net, first, last, dScores, rowStride, colStride, into, da);
}

}  // namespace miwb::neural
