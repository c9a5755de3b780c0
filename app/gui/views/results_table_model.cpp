#include "views/results_table_model.h"

#include <QColor>
#include <array>
#include <cmath>

#include "miwb/units.h"

namespace miwb::gui {

namespace {

// p-value and effective (the estimate minus its permutation null's mean) are empty unless the
// experiment asks for "significance".
enum Column { Estimator, Quantity, N, Repeat, Layer, Epoch, Sweep, ValueNats, ValueBits, Stderr, True, PValue, Effective,
              Seconds, State, Message, Task, Count };
constexpr std::array<const char*, Count> kHeaders{"estimator", "quantity", "n", "repeat", "layer", "epoch", "sweep",
                                                  "value (nats)", "value (bits)", "stderr (nats)", "true (nats)",
                                                  "p-value", "effective (nats)", "seconds", "status", "message", "task"};

// Numbers go to the model as numbers, so that sorting a column sorts by value.
template <class T>
QVariant optional(const std::optional<T>& v) {
  return v ? QVariant::fromValue(*v) : QVariant();
}

}  // namespace

void ResultsTableModel::clear() {
  beginResetModel();
  rows_.clear();
  rowOfTask_.clear();
  endResetModel();
}

void ResultsTableModel::addRows(const std::vector<ResultRow>& rows) {
  std::vector<ResultRow> fresh;
  for (const ResultRow& row : rows) {
    auto it = rowOfTask_.find(row.task);
    if (it == rowOfTask_.end()) {
      rowOfTask_[row.task] = rows_.size() + fresh.size();
      fresh.push_back(row);
      continue;
    }
    if (it->second >= rows_.size()) {  // twice in this batch
      fresh[it->second - rows_.size()] = row;
      continue;
    }
    rows_[it->second] = row;
    const int r = static_cast<int>(it->second);
    Q_EMIT dataChanged(index(r, 0), index(r, Count - 1));
  }
  if (fresh.empty()) return;
  beginInsertRows({}, static_cast<int>(rows_.size()), static_cast<int>(rows_.size() + fresh.size() - 1));
  rows_.insert(rows_.end(), fresh.begin(), fresh.end());
  endInsertRows();
}

int ResultsTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int ResultsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : Count; }

QVariant ResultsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < Count)
    return QString(kHeaders[static_cast<std::size_t>(section)]);
  return QAbstractTableModel::headerData(section, orientation, role);
}

QVariant ResultsTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const ResultRow& r = rows_[static_cast<std::size_t>(index.row())];
  if (role == Qt::ForegroundRole && !r.ok) return QColor(0xb0, 0x00, 0x20);
  if (role == Qt::ToolTipRole && !r.message.empty()) return QString::fromStdString(r.message);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Estimator: return QString::fromStdString(r.estimator);
    case Quantity: return QString::fromStdString(r.quantity);
    case N: return optional(r.n);
    case Repeat: return optional(r.repeat);
    case Layer: return r.layer ? QString::fromStdString(*r.layer) : QVariant();
    case Epoch: return optional(r.epoch);
    case Sweep: return r.sweepParam.empty() ? QVariant() : QString::fromStdString(r.sweepParam + "=" + r.sweepValue.dump());
    case ValueNats: return optional(r.valueNats);
    case ValueBits: return r.valueNats ? QVariant(natsToBits(*r.valueNats)) : QVariant();
    case Stderr: return optional(r.stderrNats);
    case True: return optional(r.trueNats);
    case PValue: return optional(r.pValue);
    case Effective: return r.valueNats && r.nullMeanNats ? QVariant(*r.valueNats - *r.nullMeanNats) : QVariant();
    case Seconds: return r.seconds;
    case State: return r.ok ? QString("ok") : QString("failed");
    case Message: return QString::fromStdString(r.message);
    case Task: return QString::fromStdString(r.task);
    default: return {};
  }
}

}  // namespace miwb::gui
