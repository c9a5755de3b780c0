#pragma once
// Shard I of K of an experiment: the tasks whose shard key hashes to I. The hash is FNV-1a 64 of the
// key's UTF-8 bytes, taken mod K: it is written out here (not std::hash), so every platform, compiler
// and library version splits an experiment the same way. A task's shard key is its stable key without
// a trailing "|<quantity>", so the quantities one estimator call gives together (I(X;T) and I(T;Y) of
// one layer and epoch) land in the same shard and the call runs once.
#include <QString>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "miwb/hash.h"  // fnv1a64, the shard hash
#include "miwb/status.h"

namespace miwb {

struct ShardSpec {
  int index = 0;  // 0 <= index < count
  int count = 1;
  bool operator==(const ShardSpec&) const = default;
  std::string text() const;  // "1/3"
};

std::string shardKey(const std::string& task, const std::string& quantity);
int shardOf(const std::string& task, const std::string& quantity, int count);

// Parses "I/K". Messages name the option: "option --shard: ...".
Status parseShardSpec(const std::string& text, ShardSpec& out);

// The journal a run writes in its output folder: results.jsonl, or results.shard-I-of-K.jsonl.
QString journalFileName(const std::optional<ShardSpec>& shard);
// The inverse, for a file name in a run folder: nullopt for results.jsonl; false for other names.
bool parseJournalFileName(const QString& name, std::optional<ShardSpec>& shard);

}  // namespace miwb
