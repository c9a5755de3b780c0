#include "trainer.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "training_checkpoint.h"

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
      for (std::size_t l = 0; l < layers.size(); ++l) layers[l].middleRows(first, rows) = pass.output(l);
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
  record.trainMask = trainingRows(data.labels.size(), config);
  record.layers = recordedLayers(config);
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
  std::size_t nextRecord = 0;
  int firstEpoch = 1;
  std::vector<EpochMetrics> history;
  const TrainingCheckpoint checkpoint(config.checkpointFolder);
  if (!config.checkpointFolder.empty()) {
    TrainingState state;
    bool found = false;
    MIWB_TRY(checkpoint.load(config.fingerprint, state, found));
    if (found && state.epoch <= config.epochs && state.recorded <= static_cast<int>(record.epochs.size()) &&
        state.layers.size() == net.layers().size() && optimizer->restore(state.optimizer, nn::parameterList(state.layers))) {
      for (int r = 0; r < state.recorded; ++r) {
        std::vector<miwb::Matrix> layers;
        MIWB_TRY(checkpoint.loadActivations(record.epochs[static_cast<std::size_t>(r)], layers));
        if (layers.size() != record.activations.size())
          return miwb::Status::invalidInput("training checkpoint in '" + config.checkpointFolder +
                                            "' does not match the network; delete it to train afresh");
        for (std::size_t l = 0; l < layers.size(); ++l) record.activations[l].push_back(std::move(layers[l]));
      }
      net.layers() = std::move(state.layers);
      batchState = state.batchState;
      nextRecord = static_cast<std::size_t>(state.recorded);
      firstEpoch = state.epoch + 1;
      history = std::move(state.metrics);
      for (const EpochMetrics& m : history) {
        ctx.metric("train loss", m.epoch, m.trainLoss);
        ctx.metric("train accuracy", m.epoch, m.trainAccuracy);
        if (!std::isnan(m.testAccuracy)) ctx.metric("test accuracy", m.epoch, m.testAccuracy);
      }
    }
  }

  ForwardPass pass, testPass;
  Gradients grads;
  miwb::Matrix xb;
  std::vector<int> cb;
  for (int epoch = firstEpoch; epoch <= config.epochs; ++epoch) {
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
      hitSum += accuracy(pass.probabilities, cb) * static_cast<double>(rows);
      net.backward(xb, pass, cb, config.weightDecay, grads);
      optimizer->step(nn::parameterList(net.layers()), nn::parameterList(grads));
    }
    const double trainLoss = lossSum / static_cast<double>(order.size());
    if (!std::isfinite(trainLoss))
      return miwb::Status::numericalIssue("training diverged at epoch " + std::to_string(epoch) +
                                          " (the loss is not finite); lower 'learning_rate'");
    EpochMetrics metrics{epoch, trainLoss, hitSum / static_cast<double>(order.size()),
                         std::numeric_limits<double>::quiet_NaN()};
    ctx.metric("train loss", epoch, metrics.trainLoss);
    ctx.metric("train accuracy", epoch, metrics.trainAccuracy);
    if (!testClasses.empty()) {
      net.forward(testX, testPass);
      metrics.testAccuracy = accuracy(testPass.probabilities, testClasses);
      ctx.metric("test accuracy", epoch, metrics.testAccuracy);
    }
    history.push_back(metrics);
    if (nextRecord < record.epochs.size() && record.epochs[nextRecord] == epoch) {
      std::vector<miwb::Matrix> all;
      evaluateAll(net, data.x, all);
      if (!config.checkpointFolder.empty()) {
        // The epoch's activations first, then the state that counts them: a run killed between
        // the two leaves a state that still describes the files.
        MIWB_TRY(checkpoint.saveActivations(epoch, all));
        MIWB_TRY(checkpoint.save({config.fingerprint, epoch, static_cast<int>(nextRecord) + 1, batchState, net.layers(),
                                  optimizer->state(), history}));
      }
      for (std::size_t l = 0; l < all.size(); ++l) record.activations[l].push_back(std::move(all[l]));
      ++nextRecord;
    }
    if (!ctx.progress(static_cast<double>(epoch) / config.epochs)) return miwb::Status::cancelled();
  }
  out = std::move(record);
  return miwb::Status::ok();
}

std::vector<std::string> recordedLayers(const TrainingConfig& config) {
  std::vector<std::string> layers;
  for (std::size_t l = 1; l <= config.hidden.size(); ++l) layers.push_back("layer" + std::to_string(l));
  layers.push_back("output");
  return layers;
}

std::vector<bool> trainingRows(std::size_t n, const TrainingConfig& config) {
  return splitRows(n, config.trainFraction, config.randomSplit, miwb::mixSeed(config.seed, "split"));
}

}  // namespace miwb::mlp_training
