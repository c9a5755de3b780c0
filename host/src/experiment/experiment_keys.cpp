#include "miwb/host/experiment/experiment_keys.h"

#include <algorithm>

#include "miwb/host/experiment/experiment_fields.h"

namespace miwb {

namespace {

// Edits (insert, delete, substitute, swap two neighbours) that turn a into b.
std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The declared keys directly under `parent` (a declared pattern, "" for the top level).
std::vector<std::string> childKeys(const std::string& parent) {
  std::vector<std::string> keys;
  const std::string prefix = parent.empty() ? std::string() : parent + ".";
  for (const ExperimentField& f : experimentFields()) {
    const std::string path(f.path);
    if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = path.substr(prefix.size());
    if (rest.find('.') == std::string::npos && rest.find('[') == std::string::npos) keys.push_back(rest);
  }
  return keys;
}

// A near miss: at most one edit in a short key, two in a longer one; the nearest wins.
std::string nearest(const std::string& key, const std::vector<std::string>& known) {
  std::string best;
  std::size_t bestDistance = key.size() > 5 ? 3 : 2;
  for (const std::string& k : known)
    if (const std::size_t d = editDistance(key, k); d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  return best;
}

bool isPluginParams(const std::string& pattern) {
  const ExperimentField* f = findExperimentField(pattern);
  return f && f->path == pattern && f->pluginParams;
}

// Checks `object` (at concrete `path`, declared `pattern`) and the declared objects inside it.
void collect(const Json& object, const std::string& path, const std::string& pattern, std::vector<UnknownKey>& out) {
  if (!object.is_object() || isPluginParams(pattern)) return;
  const std::vector<std::string> known = childKeys(pattern);
  const std::string prefix = path.empty() ? std::string() : path + ".";
  const std::string patternPrefix = pattern.empty() ? std::string() : pattern + ".";
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      const std::string guess = nearest(key, known);
      out.push_back({prefix + key, guess.empty() ? std::string() : prefix + guess});
      continue;
    }
    const std::string childPattern = patternPrefix + key;
    if (value.is_object()) collect(value, prefix + key, childPattern, out);
    if (value.is_array() && !childKeys(childPattern + "[]").empty())
      for (std::size_t i = 0; i < value.size(); ++i)
        collect(value[i], prefix + key + "[" + std::to_string(i) + "]", childPattern + "[]", out);
  }
}

}  // namespace

std::string UnknownKey::message() const {
  return "unknown key '" + path + "' is ignored" + (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)");
}

std::vector<UnknownKey> unknownExperimentKeys(const Json& doc) {
  std::vector<UnknownKey> out;
  collect(doc, "", "", out);
  return out;
}

}  // namespace miwb
