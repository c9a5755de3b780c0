#include "views/table_view.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "miwb/host/run/results_journal.h"

namespace miwb::gui {

TableView::TableView(QWidget* parent)
    : QWidget(parent), model_(new ResultsTableModel(this)), proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView), filter_(new QLineEdit) {
  proxy_->setSourceModel(model_);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setSortRole(Qt::DisplayRole);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->setAlternatingRowColors(true);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setDefaultSectionSize(22);
  filter_->setObjectName("filter");
  filter_->setPlaceholderText("Filter rows (any column), e.g. layer3 or I(T;Y)");
  filter_->setClearButtonEnabled(true);
  auto* exportButton = new QPushButton("Export table…");
  exportButton->setObjectName("exportTable");
  exportButton->setToolTip("Save all rows as CSV or JSON");

  auto* calibrateButton = new QPushButton("Calibrate…");
  calibrateButton->setObjectName("calibrateRow");
  calibrateButton->setToolTip("Calibrate the selected estimate (or plane point) on known-truth data of the same N and dims");
  connect(calibrateButton, &QPushButton::clicked, this, &TableView::calibrateRequested);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel("Filter:"));
  bar->addWidget(filter_, 1);
  bar->addWidget(calibrateButton);
  bar->addWidget(exportButton);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(table_, 1);
  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
  connect(exportButton, &QPushButton::clicked, this, &TableView::exportWithDialog);
}

Status TableView::exportTo(const QString& path) const {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == "csv") return writeResultsCsv(model_->rows(), path);
  if (suffix == "json") return writeResultsJson(model_->rows(), path);
  return Status::invalidInput("table file '" + path.toStdString() + "' must end in .csv or .json");
}

std::optional<ResultRow> TableView::selectedRow() const {
  const QModelIndex current = proxy_->mapToSource(table_->currentIndex());
  if (!current.isValid() || current.row() >= static_cast<int>(model_->rows().size())) return std::nullopt;
  return model_->rows()[static_cast<std::size_t>(current.row())];
}

void TableView::exportWithDialog() {
  QSettings settings;
  const QString path = QFileDialog::getSaveFileName(this, "Export table", settings.value("table/last", "results.csv").toString(),
                                                    "CSV (*.csv);;JSON (*.json)");
  if (path.isEmpty()) return;
  settings.setValue("table/last", path);
  if (Status s = exportTo(path); !s) QMessageBox::warning(this, "Export table", QString::fromStdString(s.message()));
}

}  // namespace miwb::gui
