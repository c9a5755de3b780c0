#include "joint_critic.h"

#include <algorithm>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "miwb/nn/init.h"

namespace miwb::neural {

namespace {

// Anchors are split into this many chunks (fewer for tiny batches): enough for two or four threads
// to balance, few enough that adding up the chunks' sums stays cheap. Fixed, so that the order of
// every sum depends on K only.
constexpr Index kChunks = 16;

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<Index> tailSizes(const CriticShape& shape) {
  std::vector<Index> sizes(shape.hidden.begin(), shape.hidden.end());
  sizes.push_back(1);
  return sizes;
}

// Runs body(first, last) for every chunk of anchors, in parallel.
template <class Body>
void forEachChunk(Index k, Body&& body) {
  const Index per = (k + kChunks - 1) / kChunks, chunks = (k + per - 1) / per;
  tbb::parallel_for(tbb::blocked_range<Index>(0, chunks, 1), [&](const tbb::blocked_range<Index>& r) {
    for (Index c = r.begin(); c != r.end(); ++c) body(c, c * per, std::min(k, (c + 1) * per));
  });
}

Index chunkCount(Index k) {
  const Index per = (k + kChunks - 1) / kChunks;
  return (k + per - 1) / per;
}

// sum_l lanes[e * L + l], lane by lane in order.
template <class T>
double laneSum(const std::vector<T>& lanes, Index e, Index width) {
  double sum = 0;
  for (Index l = 0; l < width; ++l) sum += static_cast<double>(lanes[static_cast<std::size_t>(e * width + l)]);
  return sum;
}

}  // namespace

JointCritic::JointCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng)
    : dx_(dx), precision_(shape.precision), tail_(tailSizes(shape), shape.activation) {
  const Index h1 = shape.hidden.front();
  w1_ = Mat::Zero(dx + dy, h1);
  b1_ = Mat::Zero(1, h1);
  nn::glorotUniform(w1_, rng);
  nn::glorotUniform(tail_.layers(), rng);
  dW1_ = Mat::Zero(w1_.rows(), w1_.cols());
  db1_ = Mat::Zero(1, h1);
  tailGrads_ = tail_.zeroLayers();
  pairs64_.net.activation = pairs32_.net.activation = shape.activation;
  pairs64_.net.widths = pairs32_.net.widths = tailSizes(shape);
}

double JointCritic::workBytes(Index k, Index h1) {
  const auto kd = static_cast<double>(k);
  return 8.0 * (3.0 * kd * kd + static_cast<double>(kChunks * h1) * kd);
}

template <class T>
void JointCritic::load(Pairs<T>& pairs, const Mat& a, const Mat& b) {
  PairNetwork<T>& net = pairs.net;
  const Index k = a.rows(), h1 = a.cols();
  net.k = k;
  net.padded = (k + net.lanes - 1) / net.lanes * net.lanes;
  net.a.resize(static_cast<std::size_t>(k * h1));
  Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(net.a.data(), k, h1) = a.cast<T>();
  net.bt.assign(static_cast<std::size_t>(h1 * net.padded), T(0));
  Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>, 0, Eigen::OuterStride<>>(
      net.bt.data(), k, h1, Eigen::OuterStride<>(net.padded)) = b.cast<T>();
  net.weights.resize(tail_.layers().size());
  net.biases.resize(tail_.layers().size());
  for (std::size_t t = 0; t < tail_.layers().size(); ++t) {
    const nn::Layer& layer = tail_.layers()[t];
    net.weights[t].resize(static_cast<std::size_t>(layer.weights.size()));
    net.biases[t].resize(static_cast<std::size_t>(layer.bias.size()));
    std::copy(layer.weights.data(), layer.weights.data() + layer.weights.size(), net.weights[t].begin());
    std::copy(layer.bias.data(), layer.bias.data() + layer.bias.size(), net.biases[t].begin());
  }
}

template <class T>
void JointCritic::forwardPairs(const Pairs<T>& pairs) {
  const Index k = pairs.net.k;
  scores_.resize(k, k);
  forEachChunk(k, [&](Index, Index first, Index last) { pairForward(pairs.net, first, last, scores_.data(), 1, k); });
}

template <class T>
void JointCritic::backwardPairs(Pairs<T>& pairs, const Mat& dScores) {
  const PairNetwork<T>& net = pairs.net;
  const Index k = net.k, h1 = net.widths[0];
  pairs.chunks.resize(static_cast<std::size_t>(chunkCount(k)));
  da_.resize(static_cast<std::size_t>(k * h1));
  forEachChunk(k, [&](Index c, Index first, Index last) {
    PairGradients<T>& g = pairs.chunks[static_cast<std::size_t>(c)];
    g.reset(net);
    pairBackward(net, first, last, dScores.data(), 1, k, g, da_.data());
  });

  // Serial sums in chunk order, each chunk's lanes in lane order: the same for any thread count.
  for (std::size_t t = 0; t < tailGrads_.size(); ++t) {
    Mat& dW = tailGrads_[t].weights;
    Mat& db = tailGrads_[t].bias;
    dW.setZero();
    db.setZero();
    for (const PairGradients<T>& g : pairs.chunks) {
      for (Index e = 0; e < dW.size(); ++e) dW.data()[e] += laneSum(g.weightLanes[t], e, net.lanes);
      for (Index e = 0; e < db.size(); ++e) db.data()[e] += laneSum(g.biasLanes[t], e, net.lanes);
    }
  }
  // dB (K x H1) is the chunks' dbt (H1 x padded) summed and transposed.
  Mat dB = Mat::Zero(k, h1);
  for (const PairGradients<T>& g : pairs.chunks)
    dB += Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>, 0, Eigen::OuterStride<>>(
              g.dbt.data(), k, h1, Eigen::OuterStride<>(net.padded))
              .template cast<double>();
  const Eigen::Map<const RowMajor> dA(da_.data(), k, h1);
  dW1_.topRows(dx_).noalias() = x_.transpose() * dA;
  dW1_.bottomRows(w1_.rows() - dx_).noalias() = y_.transpose() * dB;
  db1_ = dB.colwise().sum();
}

const Mat& JointCritic::forward(const Mat& x, const Mat& y) {
  x_ = x;
  y_ = y;
  const Mat a = x * w1_.topRows(dx_);
  Mat b = y * w1_.bottomRows(w1_.rows() - dx_);
  b.rowwise() += b1_.row(0);
  if (precision_ == Precision::Float32) {
    load(pairs32_, a, b);
    forwardPairs(pairs32_);
  } else {
    load(pairs64_, a, b);
    forwardPairs(pairs64_);
  }
  return scores_;
}

void JointCritic::backward(const Mat& dScores) {
  if (precision_ == Precision::Float32) backwardPairs(pairs32_, dScores);
  else backwardPairs(pairs64_, dScores);
}

std::vector<Mat*> JointCritic::parameters() {
  std::vector<Mat*> out{&w1_, &b1_};
  for (Mat* m : nn::parameterList(tail_.layers())) out.push_back(m);
  return out;
}

std::vector<Mat*> JointCritic::gradients() {
  std::vector<Mat*> out{&dW1_, &db1_};
  for (Mat* m : nn::parameterList(tailGrads_)) out.push_back(m);
  return out;
}

std::vector<Mat*> JointCritic::weightMatrices() {
  std::vector<Mat*> out{&w1_};
  for (nn::Layer& l : tail_.layers()) out.push_back(&l.weights);
  return out;
}

}  // namespace miwb::neural
