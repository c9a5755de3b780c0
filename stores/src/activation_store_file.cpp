// An activation store backed by a file: the layout (docs/activations.md) is checked once at open from
// the arrays' headers, then activation() reads one (layer, epoch) slice per call. Arrays of more
// dimensions (images, conv feature maps) are read flattened per sample in C order: x (N, ...),
// act/<layer> (E, N, ...) or (N, ...), act/<layer>/<epoch> (N, ...).
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "miwb/stores/activation_store.h"
#include "miwb/stores/activation_store_container.h"
#include "miwb/io/npy.h"

namespace miwb {
namespace {

// Where one layer's slices live: one stacked (E, N, ...) array, or one (N, ...) array per epoch.
struct LayerArrays {
  std::string name;
  const StoredArray* stacked = nullptr;
  bool epochAxis = false;  // stacked has axis 0 for epochs; else it is (N, ...), the only epoch
  std::vector<const StoredArray*> perEpoch;  // indexed like the store's epochs
};

bool parseEpochNumber(const std::string& text, int& out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  out = std::stoi(text);
  return true;
}

std::string join(const std::vector<std::int64_t>& values) {
  std::string s;
  for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + std::to_string(values[i]);
  return s;
}

class FileActivationStore final : public ActivationStore {
 public:
  explicit FileActivationStore(std::unique_ptr<ArrayContainer> container) : c_(std::move(container)) {}

  Status open() {
    MIWB_TRY(readInputs());
    MIWB_TRY(readLabels());
    MIWB_TRY(readTrainMask());
    MIWB_TRY(findLayers());
    MIWB_TRY(chooseEpochs());
    for (LayerArrays& layer : layers_) MIWB_TRY(checkLayer(layer));
    return Status::ok();
  }

  const Variable& inputs() const override { return inputs_; }
  const Variable& labels() const override { return labels_; }
  std::vector<std::string> layers() const override {
    std::vector<std::string> names;
    for (const LayerArrays& l : layers_) names.push_back(l.name);
    return names;
  }
  std::vector<int> epochs() const override { return epochs_; }
  std::vector<bool> trainMask() const override { return trainMask_; }

  Status activation(int layerIndex, int epochIndex, Matrix& out) const override {
    if (layerIndex < 0 || layerIndex >= static_cast<int>(layers_.size()))
      return Status::invalidInput(c_->fileName() + ": there is no layer number " + std::to_string(layerIndex));
    if (epochIndex < 0 || epochIndex >= static_cast<int>(epochs_.size()))
      return Status::invalidInput(c_->fileName() + ": there is no epoch number " + std::to_string(epochIndex));
    const LayerArrays& layer = layers_[static_cast<std::size_t>(layerIndex)];
    if (layer.stacked) {
      const StoredArray& a = *layer.stacked;
      if (!layer.epochAxis) {  // an (N, ...) array standing for the only epoch
        out.resize(samples_, static_cast<Index>(a.rowElements()));
        return c_->readRows(a, 0, samples_, out.data());
      }
      out.resize(samples_, static_cast<Index>(a.rowElements() / static_cast<std::uint64_t>(samples_)));
      return c_->readRows(a, epochIndex, 1, out.data());
    }
    const StoredArray& a = *layer.perEpoch[static_cast<std::size_t>(epochIndex)];
    out.resize(samples_, static_cast<Index>(a.rowElements()));
    return c_->readRows(a, 0, samples_, out.data());
  }

 private:
  Status problem(const std::string& member, const std::string& what) const { return c_->problemWith(member, what); }

  // A member that must hold numbers; `purpose` explains it when it is missing.
  Status numericMember(const std::string& name, const std::string& purpose, const StoredArray*& out) const {
    out = c_->find(name);
    if (!out) return problem(name, "is missing (" + purpose + ")");
    if (!out->problem) return out->problem;
    if (!out->numeric) return problem(name, "has dtype " + out->dtype + "; it must hold numbers (" + purpose + ")");
    return Status::ok();
  }

  Status readWhole(const StoredArray& a, std::vector<double>& values) const {
    const std::uint64_t count = static_cast<std::uint64_t>(a.rows()) * a.rowElements();
    MIWB_TRY(checkAllocation(count * sizeof(double), "member '" + a.name + "' (" + a.describe() + ")").withContext(c_->fileName()));
    values.resize(static_cast<std::size_t>(count));
    return c_->readRows(a, 0, a.rows(), values.data());
  }

  Status readInputs() {
    const StoredArray* x = nullptr;
    MIWB_TRY(numericMember("x", "the inputs: an (N, D) or (N, ...) array", x));
    // D = 0 would claim N samples without storing one value, past every size check.
    if (x->shape.empty() || x->rows() < 1 || x->rowElements() == 0)
      return problem("x", "must be an (N, D) or (N, ...) array with N >= 1 and D >= 1, got a " + x->describe());
    samples_ = static_cast<Index>(x->rows());
    std::vector<double> values;
    MIWB_TRY(readWhole(*x, values));
    Matrix m = Eigen::Map<const Matrix>(values.data(), samples_, static_cast<Index>(x->rowElements()));
    inputs_ = Variable::withRowSymbols(std::move(m));
    return Status::ok();
  }

  Status readLabels() {
    const StoredArray* y = nullptr;
    MIWB_TRY(numericMember("y", "the labels: an (N,) integer array or (N, C) one-hot", y));
    if (y->shape.empty() || y->shape.size() > 2)
      return problem("y", "must be an (N,) label array or (N, C) one-hot, got a " + y->describe());
    if (y->rowElements() == 0) return problem("y", "has no columns: " + y->describe());
    if (y->rows() != samples_)
      return problem("y", "has " + std::to_string(y->rows()) + " rows but 'x' has " + std::to_string(samples_));
    std::vector<double> values;
    MIWB_TRY(readWhole(*y, values));
    const auto classes = static_cast<std::size_t>(y->rowElements());
    Labels labels(static_cast<std::size_t>(samples_));
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (classes > 1) {
        // One-hot (or scores): the label is the column of the largest entry.
        const double* row = values.data() + i * classes;
        labels[i] = std::max_element(row, row + classes) - row;
        continue;
      }
      const double v = values[i];
      if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 9e15)
        return problem("y", "holds " + std::to_string(v) + " at row " + std::to_string(i) +
                                "; labels must be integers (or give y one-hot as an (N, C) array)");
      labels[i] = static_cast<std::int64_t>(v);
    }
    labels_ = Variable::discrete(std::move(labels));
    return Status::ok();
  }

  Status readTrainMask() {
    const StoredArray* mask = c_->find("train_mask");
    if (!mask) return Status::ok();
    MIWB_TRY(numericMember("train_mask", "which samples were used for training: an (N,) bool array", mask));
    if (mask->shape.size() != 1 || mask->rows() != samples_)
      return problem("train_mask", "must be an (N,) bool array with N = " + std::to_string(samples_) + " (the rows of 'x'), got a " +
                                       mask->describe());
    std::vector<double> values;
    MIWB_TRY(readWhole(*mask, values));
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] != 0.0 && values[i] != 1.0)
        return problem("train_mask", "holds " + std::to_string(values[i]) + " at row " + std::to_string(i) + "; it must be bool (0 or 1)");
      trainMask_.push_back(values[i] == 1.0);
    }
    return Status::ok();
  }

  // Groups the act/... members by layer, in `layers` order if given, else in the file's order.
  Status findLayers() {
    std::vector<std::string> order;
    std::map<std::string, const StoredArray*> stacked;
    std::map<std::string, std::map<int, const StoredArray*>> perEpoch;
    for (const StoredArray& a : c_->arrays()) {
      if (a.name.rfind("act/", 0) != 0 || a.name.size() == 4) continue;
      const std::string rest = a.name.substr(4);
      const std::size_t slash = rest.rfind('/');
      int epoch = 0;
      std::string layer = rest;
      if (slash != std::string::npos && parseEpochNumber(rest.substr(slash + 1), epoch)) {
        layer = rest.substr(0, slash);
        auto [it, inserted] = perEpoch[layer].emplace(epoch, &a);
        if (!inserted) return problem(a.name, "repeats epoch " + std::to_string(epoch) + " of layer '" + layer + "' (also in '" + it->second->name + "')");
      } else {
        stacked[layer] = &a;
      }
      if (std::find(order.begin(), order.end(), layer) == order.end()) order.push_back(layer);
      if (stacked.count(layer) && perEpoch.count(layer))
        return problem(a.name, "mixes the two layouts for layer '" + layer + "': keep either act/" + layer +
                                   " (E, N, ...) or act/" + layer + "/<epoch> (N, ...)");
    }
    if (order.empty())
      return Status::invalidInput(c_->fileName() + " has no activations: expected members act/<layer> (E, N, ...) or act/<layer>/<epoch> (N, ...)");

    if (const StoredArray* names = c_->find("layers")) {
      if (!names->text)
        return problem("layers", "must hold the layer names as strings, e.g. np.array([\"h1\", \"h2\"]), not " +
                                     (names->dtype.empty() ? std::string("an object (pickled) array") : "a " + names->dtype + " array"));
      // Checked before reading: each name must be a layer, and a corrupt count of millions of
      // variable-length strings kept libhdf5 busy for minutes (found by fuzz_hdf5).
      if (names->shape.size() == 1 && names->rows() > static_cast<std::int64_t>(order.size()))
        return problem("layers", "lists " + std::to_string(names->rows()) + " names but the store has " +
                                     std::to_string(order.size()) + " layers");
      std::vector<std::string> listed;
      MIWB_TRY(c_->readText(*names, listed));
      std::set<std::string> seen;
      for (const std::string& name : listed) {
        if (std::find(order.begin(), order.end(), name) == order.end())
          return problem("layers", "names layer '" + name + "' but there is no member act/" + name + " or act/" + name + "/<epoch>");
        if (!seen.insert(name).second) return problem("layers", "names layer '" + name + "' twice");
      }
      if (listed.empty()) return problem("layers", "is empty");
      order = listed;
    }
    for (const std::string& name : order) {
      LayerArrays layer;
      layer.name = name;
      if (auto it = stacked.find(name); it != stacked.end()) layer.stacked = it->second;
      layers_.push_back(layer);
      perEpochArrays_[name] = perEpoch[name];
    }
    return Status::ok();
  }

  // `epochs` if given; else the first layer's: 0..E-1 for a stacked array, its epoch numbers otherwise.
  Status chooseEpochs() {
    if (const StoredArray* e = c_->find("epochs")) {
      MIWB_TRY(numericMember("epochs", "the epoch numbers: an (E,) integer array", e));
      if (e->shape.size() != 1 || e->rows() < 1) return problem("epochs", "must be a 1-D array of E >= 1 epoch numbers, got a " + e->describe());
      std::vector<double> values;
      MIWB_TRY(readWhole(*e, values));
      std::set<int> seen;
      for (double v : values) {
        if (v != std::floor(v) || std::fabs(v) > std::numeric_limits<int>::max())
          return problem("epochs", "holds " + std::to_string(v) + "; epoch numbers must be integers");
        if (!seen.insert(static_cast<int>(v)).second) return problem("epochs", "lists epoch " + std::to_string(static_cast<int>(v)) + " twice");
        epochs_.push_back(static_cast<int>(v));
      }
      epochSource_ = "'epochs' lists";
      return Status::ok();
    }
    const LayerArrays& first = layers_.front();
    if (first.stacked) {
      // (E, N, ...) when axis 1 has the samples; an (N, U) matrix, or (N, ...) when only axis 0 has
      // them, is the only epoch. An (E, N, ...) array whose E equals N needs the `epochs` member.
      const StoredArray& a = *first.stacked;
      const bool epochAxis = a.shape.size() >= 3 && a.shape[1] == samples_;
      const int count = epochAxis ? static_cast<int>(a.shape[0]) : 1;
      for (int i = 0; i < count; ++i) epochs_.push_back(i);
      epochSource_ = "member '" + a.name + "' (and no 'epochs' member) gives";
    } else {
      for (const auto& [epoch, array] : perEpochArrays_[first.name]) epochs_.push_back(epoch);
      epochSource_ = "layer '" + first.name + "' (and no 'epochs' member) gives";
    }
    return Status::ok();
  }

  Status checkSlice(const StoredArray& a, std::uint64_t units) const {
    if (!a.problem) return a.problem;
    if (!a.numeric) return problem(a.name, "has dtype " + a.dtype + "; activations must be numbers");
    if (units == 0) return problem(a.name, "has no units: " + a.describe());
    return checkAllocation(static_cast<std::uint64_t>(samples_) * units * sizeof(double), "one slice of member '" + a.name + "'")
        .withContext(c_->fileName());
  }

  Status checkLayer(LayerArrays& layer) const {
    const std::string nRows = std::to_string(samples_);
    const std::string epochCount = std::to_string(epochs_.size());
    if (layer.stacked) {
      const StoredArray& a = *layer.stacked;
      if (!a.problem) return a.problem;
      const std::size_t rank = a.shape.size();
      const auto epochs = static_cast<std::int64_t>(epochs_.size());
      const bool single = epochs == 1 && rank >= 1 && a.rows() == samples_;
      // A 2-D (N, U) array with one epoch keeps its long-standing reading as (N, U).
      layer.epochAxis = rank >= 2 && a.shape[0] == epochs && a.shape[1] == samples_ && !(single && rank == 2);
      if (!layer.epochAxis && !single) {
        if (rank < 2)
          return problem(a.name, "must have shape (E, N, ...) = (" + epochCount + ", " + nRows + ", ...), got a " + a.describe());
        // Samples first: a stacked array whose axis 1 is not N also misleads the epoch count taken
        // from it ("stacks 3 epochs but member 'act/h1' gives 1", about the same member).
        if (rank >= 3 && a.shape[1] != samples_)
          return problem(a.name, "has " + std::to_string(a.shape[1]) + " samples (axis 1) but 'x' has " + nRows + " rows");
        if (a.shape[0] != epochs)
          return problem(a.name, "stacks " + std::to_string(a.shape[0]) + " epochs (axis 0) but " + epochSource_ + " " + epochCount);
        return problem(a.name, "has " + std::to_string(a.shape[1]) + " samples (axis 1) but 'x' has " + nRows + " rows");
      }
      const std::uint64_t units = layer.epochAxis ? a.rowElements() / static_cast<std::uint64_t>(samples_) : a.rowElements();
      return checkSlice(a, units);
    }
    const auto& byEpoch = perEpochArrays_.at(layer.name);
    for (int epoch : epochs_) {
      const auto it = byEpoch.find(epoch);
      const std::string member = "act/" + layer.name + "/" + std::to_string(epoch);
      if (it == byEpoch.end())
        return problem(member, "is missing: " + epochSource_ + " epoch " + std::to_string(epoch) + " but layer '" + layer.name +
                                   "' has epochs " + epochList(byEpoch));
      const StoredArray& a = *it->second;
      if (!a.problem) return a.problem;
      if (a.shape.empty())
        return problem(a.name, "must have shape (N, ...) = (" + nRows + ", units), got a " + a.describe());
      if (a.rows() != samples_)
        return problem(a.name, "has " + std::to_string(a.rows()) + " samples (axis 0) but 'x' has " + nRows + " rows");
      MIWB_TRY(checkSlice(a, a.rowElements()));
      layer.perEpoch.push_back(&a);
    }
    return Status::ok();
  }

  static std::string epochList(const std::map<int, const StoredArray*>& byEpoch) {
    std::vector<std::int64_t> numbers;
    for (const auto& [epoch, array] : byEpoch) numbers.push_back(epoch);
    return numbers.empty() ? "none" : join(numbers);
  }

  std::unique_ptr<ArrayContainer> c_;
  Index samples_ = 0;
  Variable inputs_, labels_;
  std::vector<bool> trainMask_;
  std::vector<LayerArrays> layers_;
  std::map<std::string, std::map<int, const StoredArray*>> perEpochArrays_;
  std::vector<int> epochs_;
  std::string epochSource_;  // completes "... but <source> N": where the epoch list came from
};

}  // namespace

Status openActivationStoreFile(const QString& path, std::unique_ptr<ActivationStore>& out) {
  const QFileInfo info(path);
  const std::string name = path.toStdString();
  if (!info.exists()) return Status::invalidInput(name + ": no such file or folder");
  if (!isArrayContainerPath(path))
    return Status::invalidInput(name + ": not an activation store (expected a .npz file, an .h5/.hdf5 file or a folder of .npy files)");
  std::unique_ptr<ArrayContainer> container;
  MIWB_TRY(openArrayContainer(path, container));
  auto store = std::make_unique<FileActivationStore>(std::move(container));
  MIWB_TRY(store->open());
  out = std::move(store);
  return Status::ok();
}

}  // namespace miwb
