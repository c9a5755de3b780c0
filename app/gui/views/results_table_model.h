#pragma once
// The tidy results table (one row per task and quantity) as a Qt model, values in nats and bits.
#include <QAbstractTableModel>
#include <string>
#include <unordered_map>
#include <vector>

#include "miwb/host/run/result_row.h"

namespace miwb::gui {

class ResultsTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  using QAbstractTableModel::QAbstractTableModel;

  void clear();
  // A row for a task already present (a re-run) replaces it.
  void addRows(const std::vector<ResultRow>& rows);
  const std::vector<ResultRow>& rows() const { return rows_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<ResultRow> rows_;
  std::unordered_map<std::string, std::size_t> rowOfTask_;
};

}  // namespace miwb::gui
