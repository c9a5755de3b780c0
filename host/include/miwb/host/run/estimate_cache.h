#pragma once
// Estimates on the user's own data, cached so that calibrating the same data a second time runs no
// estimator at all (the curve comes from the calibration cache, the estimate from here). Keyed by
// the estimator, its resolved params, the seed and a hash of the data's content (SHA-256 of the
// values and labels), so edited data or other settings never hit a stale entry.
#include <QString>
#include <cstdint>
#include <optional>
#include <string>

#include "miwb/params.h"
#include "miwb/variable.h"

namespace miwb {

Json estimateCacheKey(const std::string& estimatorId, const Json& params, std::uint64_t seed, const Variable& x,
                      const Variable& y);
// nullopt when the folder has no entry for the key (or an unreadable one).
std::optional<double> readCachedEstimate(const QString& folder, const Json& key);
// Best effort: a cache that cannot be written costs time, not correctness.
void writeCachedEstimate(const QString& folder, const Json& key, double valueNats);

}  // namespace miwb
