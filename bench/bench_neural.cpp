// Milliseconds per training step of a neural critic, the loop of trainer.cpp without its held-out
// evaluations: a batch, the critic's K x K scores, the bound's gradient, backpropagation and Adam.
// bench/neural_vs_torch.sh runs it beside the same training in PyTorch on the same .npy files.
//   miwb-bench-neural X.npy Y.npy STEPS THREADS [BOUND] [CRITIC] [HIDDEN] [ACTIVATION] [BATCH] [LR] [PRECISION]
// Defaults: infonce joint 16,8 relu 256 0.1 float64 (bmi's neural defaults, the plugin's precision). Prints one line:
//   threads=T steps=S ms_per_step=M final_bound=B
#include <tbb/task_arena.h>

#include <QString>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

#include "bounds.h"
#include "critic.h"
#include "miwb/io/npy.h"
#include "miwb/nn/optimizer.h"

using namespace miwb::neural;

namespace {

bool readMatrix(const char* path, Mat& out) {
  miwb::NpyArray array;
  const miwb::Status status = miwb::readNpyFile(QString::fromUtf8(path), array);
  if (!status || array.header.shape.size() != 2) {
    std::fprintf(stderr, "error: %s: %s\n", path, status ? "not a 2-D array" : status.message().c_str());
    return false;
  }
  const Index rows = array.header.shape[0], cols = array.header.shape[1];
  out = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(array.data.data(), rows, cols);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s X.npy Y.npy STEPS THREADS [BOUND] [CRITIC] [HIDDEN] [ACTIVATION] [BATCH] [LR] [PRECISION]\n", argv[0]);
    return 2;
  }
  Mat x, y;
  if (!readMatrix(argv[1], x) || !readMatrix(argv[2], y)) return 2;
  const long steps = std::stol(argv[3]);
  const int threads = std::stoi(argv[4]);
  BoundKind bound = BoundKind::InfoNce;
  if (argc > 5 && !parseBound(argv[5], bound)) {
    std::fprintf(stderr, "error: unknown bound '%s'\n", argv[5]);
    return 2;
  }
  CriticShape shape;
  shape.kind = argc > 6 && std::string(argv[6]) == "separable" ? CriticKind::Separable : CriticKind::Joint;
  shape.hidden = {16, 8};
  if (argc > 7) {
    shape.hidden.clear();
    std::stringstream list(argv[7]);
    for (std::string item; std::getline(list, item, ',');) shape.hidden.push_back(std::stol(item));
  }
  shape.embedding = 32;
  shape.activation = miwb::nn::activationFromName(argc > 8 ? argv[8] : "relu").value_or(miwb::nn::Activation::Relu);
  const Index k = argc > 9 ? std::stol(argv[9]) : 256;
  const double lr = argc > 10 ? std::stod(argv[10]) : 0.1;
  shape.precision = argc > 11 && std::string(argv[11]) == "float32" ? Precision::Float32 : Precision::Float64;
  if (x.rows() != y.rows() || x.rows() < k) {
    std::fprintf(stderr, "error: X and Y need the same number of rows, at least the batch size\n");
    return 2;
  }

  miwb::Random rng(1);
  std::unique_ptr<Critic> critic = makeCritic(shape, x.cols(), y.cols(), rng);
  TrainingObjective objective(bound, 5.0, 0.01);
  miwb::nn::Adam adam(lr);
  const std::vector<Mat*> params = critic->parameters(), grads = critic->gradients();
  Mat dScores;
  double last = 0.0;
  tbb::task_arena arena(threads);
  // Consecutive batches, wrapping around: the data's order was drawn by the script.
  auto step = [&](long s) {
    const Index first = (s * k) % (x.rows() - k + 1);
    const Mat& scores = critic->forward(x.middleRows(first, k), y.middleRows(first, k));
    last = objective.gradient(scores, dScores);
    dScores *= -1.0;
    critic->backward(dScores);
    adam.step(params, grads);
  };
  const long warmup = std::min<long>(10, steps);
  using Clock = std::chrono::steady_clock;
  Clock::time_point start;
  arena.execute([&] {
    for (long s = 0; s < warmup; ++s) step(s);
    start = Clock::now();
    for (long s = warmup; s < steps + warmup; ++s) step(s);
  });
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count() / static_cast<double>(steps);
  std::printf("threads=%d steps=%ld ms_per_step=%.3f final_bound=%.4f\n", threads, steps, ms, last);
  return 0;
}
