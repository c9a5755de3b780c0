#include "miwb/host/run/journal_tail.h"

#include <QFile>
#include <sys/stat.h>

namespace miwb {

bool JournalTail::readNew(std::vector<ResultRow>& out) {
  QFile file(path_);
  if (!file.open(QIODevice::ReadOnly)) return false;
  bool restarted = false;
  struct stat info {};
  const auto inode = ::fstat(file.handle(), &info) == 0 ? static_cast<unsigned long long>(info.st_ino) : 0ull;
  if (inode != inode_ && offset_ > 0) {  // replaced by a rename
    offset_ = 0;
    restarted = true;
  }
  inode_ = inode;
  if (file.size() < offset_) {
    offset_ = 0;
    restarted = true;
  }
  if (!file.seek(offset_)) return restarted;
  const QByteArray bytes = file.readAll();
  const qsizetype end = bytes.lastIndexOf('\n');
  if (end < 0) return restarted;
  offset_ += end + 1;
  for (const QByteArray& line : bytes.left(end).split('\n')) {
    if (line.trimmed().isEmpty()) continue;
    const Json parsed = Json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
    ResultRow row;
    if (!parsed.is_discarded() && ResultRow::fromJson(parsed, row)) out.push_back(std::move(row));
  }
  return restarted;
}

}  // namespace miwb
