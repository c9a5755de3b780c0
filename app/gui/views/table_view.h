#pragma once
// The Table view: every result row, sortable by any column, filtered by a text box (matching any
// column), exported as CSV or JSON with the core's writers.
#include <QWidget>
#include <optional>

#include "miwb/status.h"
#include "views/results_table_model.h"

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace miwb::gui {

class TableView : public QWidget {
  Q_OBJECT
 public:
  explicit TableView(QWidget* parent = nullptr);

  ResultsTableModel* model() const { return model_; }
  QSortFilterProxyModel* proxy() const { return proxy_; }
  QLineEdit* filterBox() const { return filter_; }
  // Writes the whole table (not only the filtered rows); the suffix picks CSV or JSON.
  Status exportTo(const QString& path) const;
  // The row selected (the current one), if any.
  std::optional<ResultRow> selectedRow() const;

 Q_SIGNALS:
  // The Calibrate… button: calibrate the selected row.
  void calibrateRequested();

 private:
  void exportWithDialog();

  ResultsTableModel* model_;
  QSortFilterProxyModel* proxy_;
  QTableView* table_;
  QLineEdit* filter_;
};

}  // namespace miwb::gui
