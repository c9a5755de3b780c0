#include "training_checkpoint.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace miwb::mlp_training {

namespace {

constexpr char kStateMagic[8] = {'M', 'I', 'W', 'B', 'T', 'R', 'N', '1'};
constexpr char kEpochMagic[8] = {'M', 'I', 'W', 'B', 'A', 'C', 'T', '1'};

// Native-endian binary: the files are only ever read back by the same build on the same machine
// (a rerun into the same folder); the magic and the sizes guard against anything else.
class Writer {
 public:
  explicit Writer(const std::string& path) : out_(path, std::ios::binary | std::ios::trunc) {}
  bool ok() const { return static_cast<bool>(out_); }
  template <class T>
  void put(const T& value) { out_.write(reinterpret_cast<const char*>(&value), sizeof value); }
  void bytes(const char* data, std::size_t size) { out_.write(data, static_cast<std::streamsize>(size)); }
  void doubles(const double* data, std::size_t count) {
    put<std::uint64_t>(count);
    bytes(reinterpret_cast<const char*>(data), count * sizeof(double));
  }
  template <class M>
  void matrix(const M& m) {
    put<std::int64_t>(m.rows());
    put<std::int64_t>(m.cols());
    bytes(reinterpret_cast<const char*>(m.data()), static_cast<std::size_t>(m.size()) * sizeof(double));
  }
  bool close() {
    out_.close();
    return static_cast<bool>(out_);
  }

 private:
  std::ofstream out_;
};

class Reader {
 public:
  explicit Reader(const std::string& path) : in_(path, std::ios::binary) {}
  bool ok() const { return static_cast<bool>(in_); }
  template <class T>
  bool get(T& value) { return static_cast<bool>(in_.read(reinterpret_cast<char*>(&value), sizeof value)); }
  bool magic(const char (&expected)[8]) {
    char found[8];
    return in_.read(found, 8) && std::equal(found, found + 8, expected);
  }
  bool doubles(std::vector<double>& out) {
    std::uint64_t count = 0;
    if (!get(count) || count > kMaxDoubles) return false;
    out.resize(count);
    return static_cast<bool>(in_.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(count * sizeof(double))));
  }
  template <class M>
  bool matrix(M& m) {
    std::int64_t rows = 0, cols = 0;
    if (!get(rows) || !get(cols) || rows < 0 || cols < 0 || static_cast<std::uint64_t>(rows) * cols > kMaxDoubles)
      return false;
    m.resize(rows, cols);
    return static_cast<bool>(in_.read(reinterpret_cast<char*>(m.data()), static_cast<std::streamsize>(m.size() * sizeof(double))));
  }

 private:
  static constexpr std::uint64_t kMaxDoubles = 1ull << 34;  // 128 GiB: anything larger is a damaged file
  std::ifstream in_;
};

Status unreadable(const std::string& path) {
  return Status::invalidInput("training checkpoint '" + path +
                              "' is damaged; delete it (or the run folder's training/ folder) to train afresh");
}

}  // namespace

Status TrainingCheckpoint::load(const std::string& fingerprint, TrainingState& out, bool& found) const {
  found = false;
  const std::string path = statePath();
  if (!std::filesystem::exists(path)) return Status::ok();
  Reader in(path);
  std::uint64_t length = 0;
  if (!in.ok() || !in.magic(kStateMagic) || !in.get(length) || length > 1 << 20) return unreadable(path);
  std::string stored(length, '\0');
  for (char& c : stored)
    if (!in.get(c)) return unreadable(path);
  if (stored != fingerprint) return Status::ok();  // another configuration: train afresh
  TrainingState s;
  s.fingerprint = stored;
  std::uint32_t layers = 0, metrics = 0;
  if (!in.get(s.epoch) || !in.get(s.recorded) || !in.get(s.batchState) || !in.get(layers) || layers > 10000)
    return unreadable(path);
  s.layers.resize(layers);
  for (Layer& layer : s.layers)
    if (!in.matrix(layer.weights) || !in.matrix(layer.bias)) return unreadable(path);
  if (!in.doubles(s.optimizer) || !in.get(metrics) || metrics > 100000000) return unreadable(path);
  s.metrics.resize(metrics);
  for (EpochMetrics& m : s.metrics)
    if (!in.get(m.epoch) || !in.get(m.trainLoss) || !in.get(m.trainAccuracy) || !in.get(m.testAccuracy))
      return unreadable(path);
  out = std::move(s);
  found = true;
  return Status::ok();
}

Status TrainingCheckpoint::save(const TrainingState& s) const {
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  const std::string path = statePath(), partial = path + ".partial";
  Writer out(partial);
  out.bytes(kStateMagic, 8);
  out.put<std::uint64_t>(s.fingerprint.size());
  out.bytes(s.fingerprint.data(), s.fingerprint.size());
  out.put(s.epoch);
  out.put(s.recorded);
  out.put(s.batchState);
  out.put(static_cast<std::uint32_t>(s.layers.size()));
  for (const Layer& layer : s.layers) {
    out.matrix(layer.weights);
    out.matrix(layer.bias);
  }
  out.doubles(s.optimizer.data(), s.optimizer.size());
  out.put(static_cast<std::uint32_t>(s.metrics.size()));
  for (const EpochMetrics& m : s.metrics) {
    out.put(m.epoch);
    out.put(m.trainLoss);
    out.put(m.trainAccuracy);
    out.put(m.testAccuracy);
  }
  if (!out.close()) return Status::failed("cannot write the training checkpoint '" + partial + "'");
  // Replaced in one step: a run killed while writing leaves the previous state whole.
  std::filesystem::rename(partial, path, error);
  if (error) return Status::failed("cannot replace the training checkpoint '" + path + "': " + error.message());
  return Status::ok();
}

Status TrainingCheckpoint::saveActivations(int epoch, const std::vector<miwb::Matrix>& layers) const {
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  const std::string path = epochPath(epoch), partial = path + ".partial";
  Writer out(partial);
  out.bytes(kEpochMagic, 8);
  out.put(epoch);
  out.put(static_cast<std::uint32_t>(layers.size()));
  for (const miwb::Matrix& m : layers) out.matrix(m);
  if (!out.close()) return Status::failed("cannot write recorded epoch '" + partial + "'");
  std::filesystem::rename(partial, path, error);
  if (error) return Status::failed("cannot write recorded epoch '" + path + "': " + error.message());
  return Status::ok();
}

Status TrainingCheckpoint::loadActivations(int epoch, std::vector<miwb::Matrix>& layers) const {
  const std::string path = epochPath(epoch);
  Reader in(path);
  int stored = 0;
  std::uint32_t count = 0;
  if (!in.ok() || !in.magic(kEpochMagic) || !in.get(stored) || stored != epoch || !in.get(count) || count > 10000)
    return unreadable(path);
  layers.resize(count);
  for (miwb::Matrix& m : layers)
    if (!in.matrix(m)) return unreadable(path);
  return Status::ok();
}

}  // namespace miwb::mlp_training
