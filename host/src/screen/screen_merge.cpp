// Reading shards' screen.csv files back (screen_output.h): the inverse of screenCsv for the columns a
// merge needs.
#include <QFile>

#include <charconv>
#include <cmath>
#include <map>

#include "miwb/host/screen/screen_output.h"

namespace miwb {

namespace {

const char* kHeader = "feature,name,estimator,n,mi_nats,mi_bits,linfoot,rank,p_value,q_value,selected,clumped_by,note";

// One CSV line into fields, with RFC 4180 quotes (as csvField writes them).
std::vector<std::string> csvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t k = 0; k < line.size(); ++k) {
    const char c = line[k];
    if (quoted) {
      if (c == '"' && k + 1 < line.size() && line[k + 1] == '"') {
        fields.back() += '"';
        ++k;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

template <class T>
bool parseNumber(const std::string& text, T& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

Status mergeScreenCsv(const std::vector<QString>& files, Index features, ScreenResult& out) {
  out = ScreenResult();
  out.names.assign(static_cast<std::size_t>(features), std::string());
  out.endFeature = features;
  std::map<std::string, std::size_t> tableOf;
  std::vector<std::vector<bool>> seen;
  for (const QString& path : files) {
    const std::string name = path.toStdString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Status::invalidInput(name + ": cannot be read");
    const std::string text = file.readAll().toStdString();
    std::size_t start = 0, lineNumber = 0;
    while (start < text.size()) {
      std::size_t stop = text.find('\n', start);
      if (stop == std::string::npos) stop = text.size();
      const std::string line = text.substr(start, stop - start);
      start = stop + 1;
      ++lineNumber;
      if (lineNumber == 1) {
        if (line != kHeader) return Status::invalidInput(name + ": not a screen.csv (its first line is not the screen's header)");
        continue;
      }
      if (line.empty()) continue;
      const std::vector<std::string> f = csvFields(line);
      const std::string where = name + ": line " + std::to_string(lineNumber);
      Index feature = 0, n = 0;
      if (f.size() != 13 || !parseNumber(f[0], feature) || !parseNumber(f[3], n))
        return Status::invalidInput(where + " is not a screen.csv row");
      if (feature < 0 || feature >= features)
        return Status::invalidInput(where + ": feature " + f[0] + " is outside the " + std::to_string(features) + " features");
      if (!tableOf.count(f[2])) {
        if (!out.tables.empty() && path != files.front())
          return Status::invalidInput(where + ": estimator '" + f[2] + "' is not in the first shard");
        tableOf[f[2]] = out.tables.size();
        ScreenTable table;
        table.estimator.id = f[2];
        table.rows.resize(static_cast<std::size_t>(features));
        for (Index j = 0; j < features; ++j) table.rows[static_cast<std::size_t>(j)].feature = j;
        out.tables.push_back(std::move(table));
        seen.emplace_back(static_cast<std::size_t>(features), false);
      }
      const std::size_t t = tableOf[f[2]];
      if (seen[t][static_cast<std::size_t>(feature)])
        return Status::invalidInput(where + ": feature " + f[0] + " of '" + f[2] + "' came already (shards overlap)");
      seen[t][static_cast<std::size_t>(feature)] = true;
      ScreenRow& row = out.tables[t].rows[static_cast<std::size_t>(feature)];
      row.n = n;
      double value = 0.0;
      if (!f[4].empty()) {
        if (!parseNumber(f[4], value)) return Status::invalidInput(where + ": mi_nats '" + f[4] + "' is not a number");
        row.miNats = value;
      }
      if (!f[8].empty()) {
        if (!parseNumber(f[8], value)) return Status::invalidInput(where + ": p_value '" + f[8] + "' is not a number");
        row.pValue = value;
      }
      row.note = f[12];
      out.names[static_cast<std::size_t>(feature)] = f[1];
    }
  }
  for (std::size_t t = 0; t < out.tables.size(); ++t)
    for (Index j = 0; j < features; ++j)
      if (!seen[t][static_cast<std::size_t>(j)])
        return Status::invalidInput("feature " + std::to_string(j) + " of '" + out.tables[t].estimator.id +
                                    "' is in none of the shards given (a shard is missing)");
  if (out.tables.empty()) return Status::invalidInput("the shards hold no rows");
  return Status::ok();
}

}  // namespace miwb
