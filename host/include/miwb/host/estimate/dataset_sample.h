#pragma once
// Draws n pairs from a dataset plugin: what `miwb-cli sample` writes to x.npy, y.npy and meta.json
// and what the Python module's miwb.sample returns, drawn here once so that both agree.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "miwb/params.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

class PluginRegistry;

struct DatasetSample {
  Variable x, y;
  // A dataset whose metadata says "conditional" draws Z with X and Y; meta then also has dz and
  // true_cmi_nats (null when unknown).
  std::optional<Variable> z;
  Json meta;  // dataset, params (resolved), n, seed, dx, dy, true_mi_nats (null when unknown)
};

// `given` holds the parameters set (checked against the dataset's schema, defaults filled in).
// An unknown dataset, a bad parameter or an n beyond the dataset's rows is InvalidInput naming the
// dataset; `nName` is how the caller spells n in that last message ("option -n", "n"). Setting
// `cancel` stops a dataset that checks its run context (one that trains a network, say).
Status sampleDataset(const PluginRegistry& registry, const std::string& id, const Json& given, long long n,
                     std::uint64_t seed, const std::string& nName, DatasetSample& out,
                     const std::atomic<bool>* cancel = nullptr);

}  // namespace miwb
