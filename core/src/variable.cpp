#include "miwb/variable.h"

#include <cmath>
#include <map>
#include <unordered_map>

namespace miwb {

Variable Variable::continuous(Matrix values) {
  Variable v;
  v.values_ = std::move(values);
  v.hasValues_ = true;
  return v;
}

Variable Variable::discrete(Labels labels) {
  Variable v;
  v.labels_ = std::move(labels);
  return v;
}

Variable Variable::withRowSymbols(Matrix values) {
  // Equal rows get equal symbols; an ordered map on the row's bytes keeps this exact.
  std::map<std::vector<double>, std::int64_t> symbolOf;
  Labels labels(static_cast<std::size_t>(values.rows()));
  std::vector<double> row(static_cast<std::size_t>(values.cols()));
  for (Index i = 0; i < values.rows(); ++i) {
    for (Index j = 0; j < values.cols(); ++j) row[static_cast<std::size_t>(j)] = values(i, j);
    auto [it, inserted] = symbolOf.try_emplace(row, static_cast<std::int64_t>(symbolOf.size()));
    labels[static_cast<std::size_t>(i)] = it->second;
  }
  Variable v = continuous(std::move(values));
  v.labels_ = std::move(labels);
  return v;
}

Index Variable::samples() const {
  return hasValues_ ? values_.rows() : static_cast<Index>(labels_.size());
}

Variable Variable::subset(const std::vector<Index>& rows) const {
  Variable v;
  v.hasValues_ = hasValues_;
  if (hasValues_) {
    v.values_.resize(static_cast<Index>(rows.size()), values_.cols());
    for (std::size_t r = 0; r < rows.size(); ++r) v.values_.row(static_cast<Index>(r)) = values_.row(rows[r]);
  }
  if (!labels_.empty()) {
    v.labels_.reserve(rows.size());
    for (Index r : rows) v.labels_.push_back(labels_[static_cast<std::size_t>(r)]);
  }
  return v;
}

Status Variable::validate(const std::string& name) const {
  if (!hasValues_ && labels_.empty()) return Status::invalidInput(name + " is empty");
  if (hasValues_ && !labels_.empty() && static_cast<Index>(labels_.size()) != values_.rows())
    return Status::invalidInput(name + " has " + std::to_string(values_.rows()) + " rows of values but " +
                                std::to_string(labels_.size()) + " labels");
  if (hasValues_) {
    if (values_.rows() == 0 || values_.cols() == 0) return Status::invalidInput(name + " is empty");
    for (Index i = 0; i < values_.rows(); ++i)
      for (Index j = 0; j < values_.cols(); ++j)
        if (!std::isfinite(values_(i, j)))
          return Status::invalidInput(name + " has a non-finite value (" +
                                      (std::isnan(values_(i, j)) ? std::string("NaN") : std::string("Inf")) +
                                      ") at row " + std::to_string(i) + ", column " + std::to_string(j));
  }
  return Status::ok();
}

DenseLabels denseLabels(const Labels& labels) {
  DenseLabels out;
  out.codes.resize(labels.size());
  std::unordered_map<std::int64_t, int> codeOf;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto [it, inserted] = codeOf.try_emplace(labels[i], static_cast<int>(codeOf.size()));
    if (inserted) out.counts.push_back(0);
    out.codes[i] = it->second;
    ++out.counts[static_cast<std::size_t>(it->second)];
  }
  return out;
}

}  // namespace miwb
