#include "data_split.h"

#include <cmath>
#include <string>

namespace miwb::neural {

namespace {

// One-hot encoding is meant for class labels; beyond this many classes a neural critic is the
// wrong tool and the input layer would dominate the run time.
constexpr Index kMaxClasses = 1000;

Mat rows(const Mat& m, const std::vector<Index>& order, Index first, Index count) {
  Mat out(count, m.cols());
  for (Index r = 0; r < count; ++r) out.row(r) = m.row(order[static_cast<std::size_t>(first + r)]);
  return out;
}

// Centres and scales every column by the training split's mean and standard deviation; a constant
// column is only centred.
void standardise(Mat& train, Mat& test) {
  const Eigen::RowVectorXd mean = train.colwise().mean();
  train.rowwise() -= mean;
  test.rowwise() -= mean;
  for (Index j = 0; j < train.cols(); ++j) {
    const double sd = std::sqrt(train.col(j).squaredNorm() / static_cast<double>(train.rows()));
    if (sd > 0.0) {
      train.col(j) /= sd;
      test.col(j) /= sd;
    }
  }
}

}  // namespace

Status toNetworkInput(const Variable& v, const std::string& name, Mat& out) {
  MIWB_TRY(v.validate(name));
  if (v.hasValues()) {
    out = v.values();
    return Status::ok();
  }
  const DenseLabels dense = denseLabels(v.labels());
  const auto classes = static_cast<Index>(dense.counts.size());
  if (classes > kMaxClasses)
    return Status::invalidInput(name + " has " + std::to_string(classes) + " distinct labels; the neural estimators one-hot encode labels and accept at most " + std::to_string(kMaxClasses));
  out = Mat::Zero(v.samples(), classes);
  for (Index i = 0; i < out.rows(); ++i) out(i, dense.codes[static_cast<std::size_t>(i)]) = 1.0;
  return Status::ok();
}

Status splitSamples(const Mat& x, const Mat& y, const NeuralConfig& config, miwb::Random& rng, Split& out) {
  const Index n = x.rows();
  const Index nTest = static_cast<Index>(std::floor(static_cast<double>(n) * config.testFraction));
  const Index nTrain = n - nTest;
  const std::string k = std::to_string(config.batchSize);
  if (nTrain < config.batchSize)
    return Status::invalidInput("parameter 'batch_size' of '" + config.id + "' (" + k + ") is larger than the training split (" +
                                std::to_string(nTrain) + " of " + std::to_string(n) + " samples); lower it or give more samples");
  if (nTest < config.batchSize)
    return Status::invalidInput("the held-out split of '" + config.id + "' (" + std::to_string(nTest) + " of " + std::to_string(n) +
                                " samples, from 'test_fraction') is smaller than 'batch_size' (" + k +
                                "); raise 'test_fraction', lower 'batch_size' or give more samples");
  std::vector<Index> order(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  rng.shuffle(order);
  out.testX = rows(x, order, 0, nTest);
  out.testY = rows(y, order, 0, nTest);
  out.trainX = rows(x, order, nTest, nTrain);
  out.trainY = rows(y, order, nTest, nTrain);
  if (config.standardize) {
    standardise(out.trainX, out.testX);
    standardise(out.trainY, out.testY);
  }
  return Status::ok();
}

}  // namespace miwb::neural
