#pragma once
// The features of a screen, read a block of columns at a time so that memory stays bounded however
// many features the file holds. A feature is one column of N samples; NaN marks a missing value.
//   .npy: a 2-D array (any numeric dtype, C or Fortran order) with the samples on the axis whose
//         length is the outcome's N (axis 0 when both are); a 1-D array is one feature.
//   .csv: one line per sample, comma-separated; a first line that is not all numbers holds the
//         feature names; empty fields, NA, nan and NaN are missing values; blank lines and lines
//         starting with '#' are skipped.
// Errors name the file (and for CSV the line, column and feature).
#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

class FeatureSource {
 public:
  virtual ~FeatureSource() = default;
  Index samples() const { return samples_; }
  Index features() const { return features_; }
  // One per feature: from a CSV header, else empty.
  const std::vector<std::string>& names() const { return names_; }
  const std::string& fileName() const { return fileName_; }

  // Features [first, first + count) into out: feature j's samples at out[(j - first) * samples()].
  virtual Status readColumns(Index first, Index count, double* out) = 0;
  // The given features (ascending, no repeats) into out, feature k of the list at out[k * samples()]:
  // one pass over the file, whatever the list.
  virtual Status readSelected(const std::vector<Index>& features, double* out) = 0;

 protected:
  Index samples_ = 0, features_ = 0;
  std::vector<std::string> names_;
  std::string fileName_;
};

// Opens `path` by its extension; `samples` is the outcome's N, which says which axis of a .npy array
// holds the samples. A file whose samples do not number `samples`, or that holds no features, is
// InvalidInput naming the file.
Status openFeatureSource(const QString& path, Index samples, std::unique_ptr<FeatureSource>& out);

}  // namespace miwb
