#include "trainer.h"

#include <cmath>
#include <string>

#include "critic.h"
#include "lipschitz.h"
#include "miwb/nn/optimizer.h"

namespace miwb::neural {

namespace {

// Power iterations per projection during training and before an evaluation.
constexpr int kTrainingIterations = 1, kEvaluationIterations = 30;

// Draws training batches without replacement, reshuffling after each pass over the data.
class BatchSampler {
 public:
  BatchSampler(const Mat& x, const Mat& y, Index batch, miwb::Random rng)
      : x_(x), y_(y), batch_(batch), rng_(std::move(rng)), order_(static_cast<std::size_t>(x.rows())) {
    for (Index i = 0; i < x.rows(); ++i) order_[static_cast<std::size_t>(i)] = i;
    next_ = x.rows();  // shuffle before the first batch
  }

  void next(Mat& bx, Mat& by) {
    if (next_ + batch_ > x_.rows()) {
      rng_.shuffle(order_);
      next_ = 0;
    }
    bx.resize(batch_, x_.cols());
    by.resize(batch_, y_.cols());
    for (Index r = 0; r < batch_; ++r) {
      const Index i = order_[static_cast<std::size_t>(next_ + r)];
      bx.row(r) = x_.row(i);
      by.row(r) = y_.row(i);
    }
    next_ += batch_;
  }

 private:
  const Mat& x_;
  const Mat& y_;
  Index batch_;
  miwb::Random rng_;
  std::vector<Index> order_;
  Index next_ = 0;
};

struct Evaluation {
  double mean = 0.0;
  std::optional<double> standardError;
};

Evaluation evaluate(Critic& critic, const Split& data, const NeuralConfig& config, Index batches) {
  std::vector<double> values;
  const Index k = config.batchSize;
  for (Index b = 0; b < batches; ++b) {
    const Mat& f = critic.forward(data.testX.middleRows(b * k, k), data.testY.middleRows(b * k, k));
    values.push_back(boundValue(config.bound, f, config.tau));
  }
  Evaluation e;
  for (double v : values) e.mean += v;
  e.mean /= static_cast<double>(batches);
  if (batches > 1) {
    double ss = 0.0;
    for (double v : values) ss += (v - e.mean) * (v - e.mean);
    e.standardError = std::sqrt(ss / static_cast<double>(batches - 1) / static_cast<double>(batches));
  }
  return e;
}

}  // namespace

Status trainAndEvaluate(const Split& data, const NeuralConfig& config, RunContext& ctx, TrainingResult& out) {
  miwb::Random initRng = ctx.random(kInitStream);
  std::unique_ptr<Critic> critic = makeCritic(config.critic, data.trainX.cols(), data.trainY.cols(), initRng);
  const bool lipschitz = config.bound == BoundKind::Wdm;
  SpectralProjection projection(critic->weightMatrices());
  if (lipschitz) projection.project(kEvaluationIterations);

  nn::Adam adam(config.learningRate);
  TrainingObjective objective(config.bound, config.tau, config.emaRate);
  BatchSampler sampler(data.trainX, data.trainY, config.batchSize, ctx.random(kBatchStream));
  const Index heldOutBatches = data.testX.rows() / config.batchSize;
  const std::vector<Mat*> params = critic->parameters();
  const std::vector<Mat*> grads = critic->gradients();

  Mat bx, by, dScores;
  Evaluation bestEval;
  bestEval.mean = -INFINITY;
  Index sinceBest = 0, step = 0;
  while (step < config.steps) {
    if (!ctx.progress(static_cast<double>(step) / static_cast<double>(config.steps))) return Status::cancelled();
    sampler.next(bx, by);
    const Mat& scores = critic->forward(bx, by);
    out.lastTrainingValue = objective.gradient(scores, dScores);
    if (!dScores.allFinite())
      return Status::numericalIssue("the critic of '" + config.id + "' diverged (non-finite scores) at step " +
                                    std::to_string(step + 1) + "; lower 'learning_rate'");
    dScores *= -1.0;  // Adam minimises; the bound is maximised (in place: no K x K temporary per step)
    critic->backward(dScores);
    adam.step(params, grads);
    if (lipschitz) projection.project(kTrainingIterations);
    ++step;

    if (step % config.evalEvery != 0 && step != config.steps) continue;
    if (lipschitz) projection.project(kEvaluationIterations);
    const Evaluation e = evaluate(*critic, data, config, heldOutBatches);
    ctx.metric("training " + config.id, static_cast<double>(step), out.lastTrainingValue);
    ctx.metric("held-out " + config.id, static_cast<double>(step), e.mean);
    if (std::isfinite(e.mean) && e.mean > bestEval.mean) {
      bestEval = e;
      out.bestStep = step;
      sinceBest = 0;
    } else if (++sinceBest >= config.patience) {
      break;
    }
  }
  if (!std::isfinite(bestEval.mean))
    return Status::numericalIssue("the held-out bound of '" + config.id + "' was never finite; lower 'learning_rate'");
  out.value = bestEval.mean;
  out.standardError = bestEval.standardError;
  out.heldOutBatches = heldOutBatches;
  out.stepsRun = step;
  ctx.progress(1.0);
  return Status::ok();
}

}  // namespace miwb::neural
