#include "miwb/host/cluster/shard.h"

#include <QRegularExpression>
#include <charconv>

namespace miwb {

std::string ShardSpec::text() const { return std::to_string(index) + "/" + std::to_string(count); }

std::string shardKey(const std::string& task, const std::string& quantity) {
  const std::string suffix = "|" + quantity;
  if (!quantity.empty() && task.size() > suffix.size() && task.compare(task.size() - suffix.size(), suffix.size(), suffix) == 0)
    return task.substr(0, task.size() - suffix.size());
  return task;
}

int shardOf(const std::string& task, const std::string& quantity, int count) {
  return static_cast<int>(fnv1a64(shardKey(task, quantity)) % static_cast<std::uint64_t>(count));
}

Status parseShardSpec(const std::string& text, ShardSpec& out) {
  const auto bad = [&](const std::string& why) {
    return Status::invalidInput("option --shard: '" + text + "' " + why);
  };
  const auto slash = text.find('/');
  if (slash == std::string::npos) return bad("is not of the form I/K (shard I of K, 0 <= I < K)");
  const auto number = [](std::string_view part, long long& value) {
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return !part.empty() && error == std::errc() && end == part.data() + part.size();
  };
  long long index = 0, count = 0;
  if (!number(std::string_view(text).substr(0, slash), index) || !number(std::string_view(text).substr(slash + 1), count))
    return bad("is not of the form I/K with whole numbers I and K");
  if (count < 1) return bad("has K < 1: there must be at least one shard");
  if (count > 1000000) return bad("has more than a million shards");
  if (index < 0 || index >= count) return bad("is outside 0 <= I < K (shards are numbered from 0)");
  out = {static_cast<int>(index), static_cast<int>(count)};
  return Status::ok();
}

QString journalFileName(const std::optional<ShardSpec>& shard) {
  if (!shard) return "results.jsonl";
  return QStringLiteral("results.shard-%1-of-%2.jsonl").arg(shard->index).arg(shard->count);
}

bool parseJournalFileName(const QString& name, std::optional<ShardSpec>& shard) {
  if (name == "results.jsonl") {
    shard.reset();
    return true;
  }
  static const QRegularExpression pattern("^results\\.shard-(\\d{1,7})-of-(\\d{1,7})\\.jsonl$");
  const auto match = pattern.match(name);
  if (!match.hasMatch()) return false;
  const int index = match.captured(1).toInt(), count = match.captured(2).toInt();
  if (count < 1 || index >= count) return false;
  shard = ShardSpec{index, count};
  return true;
}

}  // namespace miwb
