#include "training_data.h"

#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "miwb/data/ib12bit.h"
#include "miwb/stores/activation_store_container.h"
#include "miwb/io/npy.h"
#include "miwb/io/variable_file.h"
#include "miwb/run_context.h"

namespace miwb::mlp_training {

namespace {

// Numbers the distinct labels 0..K-1 in ascending order, so class k is the k-th smallest label.
miwb::Status assignClasses(const std::string& where, TrainingData& data) {
  std::map<std::int64_t, int> index;
  for (std::int64_t label : data.labels) index.emplace(label, 0);
  if (index.size() < 2)
    return miwb::Status::invalidInput(where + " has fewer than two distinct labels; a classifier needs at least two");
  int next = 0;
  for (auto& [label, k] : index) k = next++;
  data.classCount = next;
  data.classes.clear();
  for (std::int64_t label : data.labels) data.classes.push_back(index[label]);
  return miwb::Status::ok();
}

miwb::Status readCsv(const QString& path, const std::string& where, TrainingData& data) {
  miwb::Variable table;
  MIWB_TRY(miwb::readVariableFile(path, table).withContext(where));
  const miwb::Matrix& values = table.values();
  if (values.cols() < 2)
    return miwb::Status::invalidInput(where + " needs at least two columns: inputs, then the integer label");
  const miwb::Index labelColumn = values.cols() - 1;
  for (miwb::Index i = 0; i < values.rows(); ++i) {
    const double v = values(i, labelColumn);
    if (v != std::round(v) || std::fabs(v) > 1e15)
      return miwb::Status::invalidInput(where + " has a non-integer label " + std::to_string(v) + " in data row " +
                                        std::to_string(i + 1) + " (the last column must hold integer class labels)");
    data.labels.push_back(static_cast<std::int64_t>(v));
  }
  data.x = values.leftCols(labelColumn);
  return miwb::Status::ok();
}

// Arrays x (N, D), (N,) or (N, ...) (each sample flattened in C order) and y (N,) of integer labels from an .npz, a .npy folder or an HDF5 file.
miwb::Status readArrays(const miwb::ArrayContainer& file, const std::string& where, TrainingData& data) {
  const miwb::StoredArray* x = file.find("x");
  const miwb::StoredArray* y = file.find("y");
  if (!x || !y) return miwb::Status::invalidInput(where + " needs arrays 'x' (inputs) and 'y' (integer labels)");
  MIWB_TRY(x->problem.withContext(where));
  MIWB_TRY(y->problem.withContext(where));
  if (!x->numeric || x->shape.empty())
    return miwb::Status::invalidInput(where + ": x must be a numeric array of shape (N,), (N, D) or (N, ...), got " +
                                      x->describe());
  if (!y->numeric || y->shape.size() != 1 || y->shape[0] != x->shape[0])
    return miwb::Status::invalidInput(where + ": y must be a 1-D array of one label per row of x, got " +
                                      y->describe());
  const std::int64_t n = x->rows();
  const auto columns = static_cast<miwb::Index>(x->rowElements());
  MIWB_TRY(miwb::checkAllocation(static_cast<std::uint64_t>(n) * (x->rowElements() + 1) * sizeof(double), where));
  data.x.resize(n, columns);
  MIWB_TRY(file.readRows(*x, 0, n, data.x.data()).withContext(where));
  std::vector<double> labels(static_cast<std::size_t>(n));
  MIWB_TRY(file.readRows(*y, 0, n, labels.data()).withContext(where));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] != std::round(labels[i]) || std::fabs(labels[i]) > 1e15)
      return miwb::Status::invalidInput(where + ": y holds a non-integer label " + std::to_string(labels[i]) +
                                        " at index " + std::to_string(i) + " (labels must be integer classes)");
    data.labels.push_back(static_cast<std::int64_t>(labels[i]));
  }
  return miwb::Status::ok();
}

}  // namespace

miwb::Status loadTrainingData(const std::string& source, const std::string& param, TrainingData& out) {
  TrainingData data;
  const std::string where = "parameter '" + param + "' of 'mlp-training': '" + source + "'";
  if (source == "ib12bit") {
    MIWB_TRY(miwb::loadIb12bit(data.x, data.labels));
  } else {
    const QString path = QString::fromStdString(source);
    const QFileInfo info(path);
    if (!info.exists())
      return miwb::Status::invalidInput(where + " does not exist (give \"ib12bit\", a .csv, a .npz, a .h5 or a folder with x.npy and y.npy)");
    std::unique_ptr<miwb::ArrayContainer> file;
    if (miwb::isArrayContainerPath(path)) MIWB_TRY(miwb::openArrayContainer(path, file).withContext(where));
    else if (info.suffix().toLower() != "csv")
      return miwb::Status::invalidInput(where + " is not a .csv, .npz, .h5 or a folder of .npy files");
    if (file) MIWB_TRY(readArrays(*file, where, data));
    else MIWB_TRY(readCsv(path, where, data));
  }
  if (data.x.rows() != static_cast<miwb::Index>(data.labels.size()))
    return miwb::Status::invalidInput(where + " has " + std::to_string(data.x.rows()) + " input rows but " +
                                      std::to_string(data.labels.size()) + " labels");
  if (data.x.rows() < 2 || data.x.cols() < 1)
    return miwb::Status::invalidInput(where + " needs at least two samples and one input column");
  if (!data.x.allFinite()) return miwb::Status::invalidInput(where + " has a NaN or infinite input value");
  MIWB_TRY(assignClasses(where, data));
  out = std::move(data);
  return miwb::Status::ok();
}

std::vector<std::size_t> permutation(std::size_t n, std::uint64_t& state) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = n; i-- > 1;) {
    state = miwb::mixSeed(state, 0);
    std::swap(order[i], order[state % (i + 1)]);  // modulo bias is < 2^-40 for any realistic n
  }
  return order;
}

std::vector<bool> splitRows(std::size_t n, double fraction, bool random, std::uint64_t seed) {
  const std::size_t train =
      std::clamp<std::size_t>(static_cast<std::size_t>(std::llround(fraction * static_cast<double>(n))), 1, n);
  std::vector<bool> mask(n, false);
  if (!random) {
    std::fill(mask.begin(), mask.begin() + static_cast<std::ptrdiff_t>(train), true);
    return mask;
  }
  const std::vector<std::size_t> order = permutation(n, seed);
  for (std::size_t i = 0; i < train; ++i) mask[order[i]] = true;
  return mask;
}

}  // namespace miwb::mlp_training
