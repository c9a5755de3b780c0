#include "miwb/io/variable_file.h"

#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include "miwb/io/npy.h"

namespace miwb {
namespace {

Status fromNpy(const QString& path, Variable& out) {
  NpyFileReader reader(path);
  MIWB_TRY(reader.open());
  return variableFromArray(reader.header(), path.toStdString(), [&](double* data) { return reader.readInto(data); }, out);
}

bool parseDouble(const QString& text, double& v) {
  bool ok = false;
  v = text.trimmed().toDouble(&ok);
  return ok;
}

Status fromCsv(const QString& path, Variable& out) {
  const std::string name = path.toStdString();
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
    return Status::invalidInput(name + ": cannot be read (" + file.errorString().toStdString() + ")");
  QTextStream in(&file);
  std::vector<double> values;
  Index cols = -1, rows = 0;
  int lineNumber = 0;
  bool headerAllowed = true;
  while (!in.atEnd()) {
    const QString line = in.readLine();
    ++lineNumber;
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('#')) continue;
    const QStringList fields = trimmed.split(',');
    std::vector<double> row;
    row.reserve(static_cast<std::size_t>(fields.size()));
    int badColumn = -1;
    for (int c = 0; c < fields.size(); ++c) {
      double v;
      if (!parseDouble(fields[c], v)) {
        badColumn = c;
        break;
      }
      row.push_back(v);
    }
    if (badColumn >= 0) {
      if (headerAllowed) {  // a non-numeric first line is a header
        headerAllowed = false;
        continue;
      }
      return Status::invalidInput(name + ": line " + std::to_string(lineNumber) + ", column " +
                                  std::to_string(badColumn + 1) + ": '" + fields[badColumn].trimmed().toStdString() +
                                  "' is not a number");
    }
    headerAllowed = false;
    if (cols < 0) cols = static_cast<Index>(row.size());
    if (static_cast<Index>(row.size()) != cols)
      return Status::invalidInput(name + ": line " + std::to_string(lineNumber) + " has " + std::to_string(row.size()) +
                                  " columns, earlier lines have " + std::to_string(cols));
    values.insert(values.end(), row.begin(), row.end());
    ++rows;
  }
  if (rows == 0) return Status::invalidInput(name + ": no data rows");
  Matrix m = Eigen::Map<const Matrix>(values.data(), rows, cols);
  out = Variable::continuous(std::move(m));
  return out.validate(name);
}

}  // namespace

Status variableFromArray(const NpyHeader& h, const std::string& name,
                         const std::function<Status(double*)>& readInto, Variable& out) {
  if (h.shape.empty() || h.shape.size() > 2)
    return Status::invalidInput(name + ": expected a 1-D or 2-D array, got a " + h.describe());
  if (h.elementCount() == 0) return Status::invalidInput(name + ": the array is empty (" + h.describe() + ")");
  const Index rows = h.shape[0];
  const Index cols = h.shape.size() == 2 ? h.shape[1] : 1;
  if (h.shape.size() == 1 && h.isIntegral()) {
    std::vector<double> values(h.elementCount());
    MIWB_TRY(readInto(values.data()));
    Labels labels(values.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      // uint64 labels of 2^63 and above have no int64 label (and converting them is undefined).
      if (!(values[i] < 0x1p63))
        return Status::invalidInput(name + ": label " + std::to_string(i) + " is too large (at least 2^63)");
      labels[i] = static_cast<std::int64_t>(values[i]);
    }
    out = Variable::discrete(std::move(labels));
    return Status::ok();
  }
  Matrix values(rows, cols);
  MIWB_TRY(readInto(values.data()));
  out = Variable::continuous(std::move(values));
  return out.validate(name);
}

Status readVariableFile(const QString& path, Variable& out) {
  const QFileInfo info(path);
  if (!info.exists()) return Status::invalidInput(path.toStdString() + ": no such file");
  if (!info.isFile()) return Status::invalidInput(path.toStdString() + ": not a regular file");
  const QString suffix = info.suffix().toLower();
  if (suffix == "npy") return fromNpy(path, out);
  if (suffix == "csv" || suffix == "txt") return fromCsv(path, out);
  return Status::invalidInput(path.toStdString() + ": unsupported file type '." + suffix.toStdString() +
                              "' (use .npy or .csv)");
}

}  // namespace miwb
