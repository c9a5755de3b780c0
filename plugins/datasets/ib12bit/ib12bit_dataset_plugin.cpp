#include "ib12bit_dataset_plugin.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "miwb/data/ib12bit.h"
#include "miwb/numerics/entropy.h"
#include "miwb/param_reader.h"

namespace miwb::ib12bit {

namespace {

using miwb::Index;

class Ib12bitPairs final : public miwb::PairSource {
 public:
  Ib12bitPairs(miwb::Variable x, miwb::Variable y) : x_(std::move(x)), y_(std::move(y)) {}

  miwb::Status sample(Index n, miwb::RunContext& ctx, miwb::Variable& x, miwb::Variable& y) const override {
    const Index available = x_.samples();
    if (n < 1 || n > available)
      return miwb::Status::invalidInput("the 12-bit data set has " + std::to_string(available) +
                                        " rows to sample from; n must be between 1 and that, got " + std::to_string(n));
    if (n == available) {
      x = x_;
      y = y_;
      return miwb::Status::ok();
    }
    // A seeded subset without replacement (partial Fisher-Yates), kept in row order.
    std::vector<Index> rows(static_cast<std::size_t>(available));
    std::iota(rows.begin(), rows.end(), Index{0});
    miwb::Random rng = ctx.random();
    for (Index i = 0; i < n; ++i) {
      const auto pick = i + static_cast<Index>(rng.integer(static_cast<std::uint64_t>(available - i)));
      std::swap(rows[static_cast<std::size_t>(i)], rows[static_cast<std::size_t>(pick)]);
    }
    rows.resize(static_cast<std::size_t>(n));
    std::sort(rows.begin(), rows.end());
    x = x_.subset(rows);
    y = y_.subset(rows);
    return miwb::Status::ok();
  }

  // Y is a function of X: I(X;Y) = H(Y) over the rows sampled from.
  std::optional<double> trueMutualInformation() const override { return trueEntropy(miwb::PairSide::Y); }

  // Over the rows sampled from, with each distinct input pattern a symbol of X (ln 4096 for the 4096
  // distinct patterns of the bundled set).
  std::optional<double> trueEntropy(miwb::PairSide side) const override {
    return miwb::plugInEntropy(miwb::denseLabels((side == miwb::PairSide::X ? x_ : y_).labels()).counts);
  }

  std::optional<Index> maxSamples() const override { return x_.samples(); }

 private:
  miwb::Variable x_, y_;
};

}  // namespace

miwb::Status Ib12bitDatasetPlugin::createPairSource(const std::string& datasetId, const miwb::Json& params,
                                                    std::unique_ptr<miwb::PairSource>& out) const {
  miwb::Matrix values;
  miwb::Labels labels;
  MIWB_TRY(miwb::loadIb12bit(values, labels));
  miwb::ParamReader read(params, datasetId);
  const std::string part = read.get<std::string>("rows");
  const double trainFraction = read.get<double>("train_fraction");
  const bool shuffled = read.choice<bool>("split", {{"shuffled", true}, {"ordered", false}});
  const auto splitSeed = read.get<std::uint64_t>("split_seed");
  MIWB_TRY(read.status());
  std::vector<Index> rows;
  if (part == "all") {
    rows.resize(static_cast<std::size_t>(miwb::kIb12bitSamples));
    std::iota(rows.begin(), rows.end(), Index{0});
  } else {
    const std::vector<bool> train =
        miwb::ib12bitTrainMask(trainFraction, shuffled, splitSeed);
    for (Index i = 0; i < miwb::kIb12bitSamples; ++i)
      if (train[static_cast<std::size_t>(i)] == (part == "train")) rows.push_back(i);
    if (rows.empty())
      return miwb::Status::invalidInput("parameter 'train_fraction' of '" + datasetId + "' leaves the " + part + " part empty");
  }
  const miwb::Variable x = miwb::Variable::withRowSymbols(std::move(values)).subset(rows);
  const miwb::Variable y = miwb::Variable::discrete(std::move(labels)).subset(rows);
  out = std::make_unique<Ib12bitPairs>(x, y);
  return miwb::Status::ok();
}

}  // namespace miwb::ib12bit
