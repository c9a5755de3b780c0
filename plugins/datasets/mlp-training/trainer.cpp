#include "trainer.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace miwb::mlp_training {

namespace {

// Rows per evaluation chunk. Fixed, so every row's arithmetic is the same whatever the thread count.
constexpr miwb::Index kChunkRows = 512;

// Every layer's post-activation output (hidden layers, then the softmax) for all rows of x.
void evaluateAll(const Network& net, const miwb::Matrix& x, std::vector<miwb::Matrix>& layers) {
  const miwb::Index n = x.rows();
  layers.resize(static_cast<std::size_t>(net.layerCount()));
  for (std::size_t l = 0; l < layers.size(); ++l) layers[l].resize(n, net.widths()[l + 1]);
  const miwb::Index chunks = (n + kChunkRows - 1) / kChunkRows;
  tbb::parallel_for(tbb::blocked_range<miwb::Index>(0, chunks, 1), [&](const tbb::blocked_range<miwb::Index>& range) {
    ForwardPass pass;
    for (miwb::Index c = range.begin(); c != range.end(); ++c) {
      const miwb::Index first = c * kChunkRows, rows = std::min(kChunkRows, n - first);
      const miwb::Matrix chunk = x.middleRows(first, rows);
      net.forward(chunk, pass);
      for (std::size_t l = 0; l < layers.size(); ++l) layers[l].middleRows(first, rows) = pass.a[l];
    }
  });
}

}  // namespace

miwb::Status trainAndRecord(const TrainingData& data, const TrainingConfig& config, miwb::RunContext& ctx,
                            TrainingRecord& out) {
  if (!std::is_sorted(config.recordEpochs.begin(), config.recordEpochs.end()) ||
      std::adjacent_find(config.recordEpochs.begin(), config.recordEpochs.end()) != config.recordEpochs.end() ||
      (!config.recordEpochs.empty() && (config.recordEpochs.front() < 1 || config.recordEpochs.back() > config.epochs)))
    return miwb::Status::invalidInput("the recorded epochs must be sorted, distinct and within 1..epochs");
  std::vector<int> widths{static_cast<int>(data.x.cols())};
  widths.insert(widths.end(), config.hidden.begin(), config.hidden.end());
  widths.push_back(data.classCount);
  Network net(widths, config.activation);
  miwb::Random initRng(miwb::mixSeed(config.seed, "init"));
  net.initialise(config.init, initRng);
  std::unique_ptr<Optimizer> optimizer = makeOptimizer(config.optimizer, config.learningRate);

  TrainingRecord record;
  record.trainMask = splitRows(data.labels.size(), config.trainFraction, config.randomSplit,
                               miwb::mixSeed(config.seed, "split"));
  for (std::size_t l = 1; l <= config.hidden.size(); ++l) record.layers.push_back("layer" + std::to_string(l));
  record.layers.push_back("output");
  record.epochs = config.recordEpochs;
  record.activations.resize(record.layers.size());

  std::vector<miwb::Index> trainRows;
  for (std::size_t i = 0; i < record.trainMask.size(); ++i)
    if (record.trainMask[i]) trainRows.push_back(static_cast<miwb::Index>(i));
  const std::size_t batch = std::min<std::size_t>(static_cast<std::size_t>(config.batchSize), trainRows.size());

  // Test rows are gathered once; their forward pass reuses its buffers every epoch.
  miwb::Matrix testX(static_cast<miwb::Index>(data.labels.size() - trainRows.size()), data.x.cols());
  std::vector<int> testClasses;
  for (std::size_t i = 0; i < record.trainMask.size(); ++i)
    if (!record.trainMask[i]) {
      testX.row(static_cast<miwb::Index>(testClasses.size())) = data.x.row(static_cast<miwb::Index>(i));
      testClasses.push_back(data.classes[i]);
    }

  std::uint64_t batchState = miwb::mixSeed(config.seed, "batches");
  ForwardPass pass, testPass;
  Gradients grads;
  miwb::Matrix xb;
  std::vector<int> cb;
  std::size_t nextRecord = 0;
  for (int epoch = 1; epoch <= config.epochs; ++epoch) {
    const std::vector<std::size_t> order = permutation(trainRows.size(), batchState);
    // Like Keras, the epoch's training loss and accuracy average the minibatches as they were seen.
    double lossSum = 0.0, hitSum = 0.0;
    for (std::size_t start = 0; start < order.size(); start += batch) {
      if (ctx.cancelled()) return miwb::Status::cancelled();
      const std::size_t rows = std::min(batch, order.size() - start);
      xb.resize(static_cast<miwb::Index>(rows), data.x.cols());
      cb.resize(rows);
      for (std::size_t r = 0; r < rows; ++r) {
        const miwb::Index row = trainRows[order[start + r]];
        xb.row(static_cast<miwb::Index>(r)) = data.x.row(row);
        cb[r] = data.classes[static_cast<std::size_t>(row)];
      }
      net.forward(xb, pass);
      lossSum += net.loss(pass, cb, config.weightDecay) * static_cast<double>(rows);
      hitSum += accuracy(pass.a.back(), cb) * static_cast<double>(rows);
      net.backward(xb, pass, cb, config.weightDecay, grads);
      optimizer->step(net.layers(), grads);
    }
    const double trainLoss = lossSum / static_cast<double>(order.size());
    if (!std::isfinite(trainLoss))
      return miwb::Status::numericalIssue("training diverged at epoch " + std::to_string(epoch) +
                                          " (the loss is not finite); lower 'learning_rate'");
    ctx.metric("train loss", epoch, trainLoss);
    ctx.metric("train accuracy", epoch, hitSum / static_cast<double>(order.size()));
    if (!testClasses.empty()) {
      net.forward(testX, testPass);
      ctx.metric("test accuracy", epoch, accuracy(testPass.a.back(), testClasses));
    }
    if (nextRecord < record.epochs.size() && record.epochs[nextRecord] == epoch) {
      std::vector<miwb::Matrix> all;
      evaluateAll(net, data.x, all);
      for (std::size_t l = 0; l < all.size(); ++l) record.activations[l].push_back(std::move(all[l]));
      ++nextRecord;
    }
    if (!ctx.progress(static_cast<double>(epoch) / config.epochs)) return miwb::Status::cancelled();
  }
  out = std::move(record);
  return miwb::Status::ok();
}

}  // namespace miwb::mlp_training
