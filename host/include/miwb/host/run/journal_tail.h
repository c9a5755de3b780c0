#pragma once
// Reads a journal that another process may still be appending to: each call returns the complete
// lines written since the last one, and leaves a line still being written for the next call.
#include <QString>
#include <vector>

#include "miwb/host/run/result_row.h"

namespace miwb {

class JournalTail {
 public:
  explicit JournalTail(QString path) : path_(std::move(path)) {}
  const QString& path() const { return path_; }

  // Appends the new complete rows to `out`. Returns true when the file was replaced or cut short
  // since the last call (`merge` rewrites results.jsonl by a rename): then `out` gets the whole file again.
  bool readNew(std::vector<ResultRow>& out);

 private:
  QString path_;
  qint64 offset_ = 0;
  unsigned long long inode_ = 0;  // a new inode means the file was replaced
};

}  // namespace miwb
