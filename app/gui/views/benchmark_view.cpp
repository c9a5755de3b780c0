#include "views/benchmark_view.h"

#include <QComboBox>
#include <QDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "charts/chart_panel.h"
#include "charts/scaling_chart.h"

namespace miwb::gui {

namespace {

// One (task, estimator) scaling curve: estimate against N with its spread and the dashed truth.
class CurveDialog : public QDialog {
 public:
  CurveDialog(const std::vector<ResultRow>& rows, const QString& title, QWidget* parent) : QDialog(parent) {
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    for (const ResultRow& row : rows) data_.add(row);
    auto* layout = new QVBoxLayout(this);
    auto* chart = new charts::ScalingChart(&data_, charts::ScalingChart::Mode::Estimate, false);
    chart->setTitle(title);
    layout->addWidget(new charts::ChartPanel(chart));
    resize(760, 520);
  }
  // The chart reads data_: it goes first (children would otherwise outlive the members).
  ~CurveDialog() override { qDeleteAll(findChildren<QWidget*>(Qt::FindDirectChildrenOnly)); }

 private:
  charts::ScalingData data_;
};

}  // namespace

BenchmarkView::BenchmarkView(QWidget* parent) : FigureView(parent), show_(new QComboBox), sizes_(new QComboBox) {
  show_->setObjectName("benchmarkShow");
  show_->addItem("Heatmap");
  show_->addItem("Samples needed");
  show_->setToolTip("The heatmap of mean estimates at one N, or per task and estimator the samples needed (bmi's rule).");
  sizes_->setObjectName("benchmarkN");
  sizes_->setToolTip("The sample size N the heatmap shows.");
  toolBar()->addWidget(new QLabel("Show:"));
  toolBar()->addWidget(show_);
  toolBar()->addWidget(new QLabel("N:"));
  toolBar()->addWidget(sizes_);
  finishToolBar();
  auto* heatmapPanel = new charts::ChartPanel(new charts::MatrixChart([this] { return heatmap_.model(); }));
  auto* samplesPanel = new charts::ChartPanel(new charts::MatrixChart([this] { return samples_.model(); }));
  for (charts::ChartPanel* panel : {heatmapPanel, samplesPanel}) {
    panel->setToolTip("Hover a cell for its numbers; click it for that task's scaling curve.");
    connect(panel, &charts::ChartPanel::clicked, this, [this, panel](QPointF pos) {
      cellClicked(static_cast<charts::MatrixChart*>(panel->baseChart()), pos);
    });
  }
  setPanels({heatmapPanel, samplesPanel}, 1);
  samplesPanel->hide();
  connect(show_, &QComboBox::currentIndexChanged, this, [this](int index) { showSamplesNeeded(index == 1); });
  connect(sizes_, &QComboBox::currentIndexChanged, this, [this] {
    if (sizes_->currentIndex() >= 0) setN(sizes_->currentData().toLongLong());
  });
  redrawTimer_.setSingleShot(true);
  redrawTimer_.setInterval(200);
  connect(&redrawTimer_, &QTimer::timeout, this, &BenchmarkView::redraw);
}

const charts::Figure& BenchmarkView::figure() const {
  return show_->currentIndex() == 1 ? static_cast<const charts::Figure&>(samples_) : heatmap_;
}

charts::MatrixChart* BenchmarkView::heatmapChart() const {
  return static_cast<charts::MatrixChart*>(panels()[0]->baseChart());
}
charts::MatrixChart* BenchmarkView::samplesChart() const {
  return static_cast<charts::MatrixChart*>(panels()[1]->baseChart());
}

void BenchmarkView::setExperiment(const Experiment& experiment) {
  const Experiment benchmark = experiment.kind == ExperimentKind::Benchmark ? experiment : Experiment();
  heatmap_.data.setExperiment(benchmark);
  samples_.data.setExperiment(benchmark);
  heatmap_.n.reset();
  {
    const QSignalBlocker block(sizes_);
    sizes_->clear();
    for (long long n : benchmark.scaling.n) sizes_->addItem(charts::shortCount(n), n);
    sizes_->setCurrentIndex(sizes_->findData(heatmap_.data.largestN()));
  }
  redraw();
}

void BenchmarkView::addRows(const std::vector<ResultRow>& rows) {
  bool any = false;
  for (const ResultRow& row : rows) {
    any = heatmap_.data.add(row) || any;
    samples_.data.add(row);
  }
  if (any && !redrawTimer_.isActive()) redrawTimer_.start();
}

void BenchmarkView::setN(long long n) {
  heatmap_.n = n;
  const QSignalBlocker block(sizes_);
  sizes_->setCurrentIndex(sizes_->findData(n));
  heatmapChart()->refresh();
}

void BenchmarkView::showSamplesNeeded(bool samples) {
  const QSignalBlocker block(show_);
  show_->setCurrentIndex(samples ? 1 : 0);
  panels()[0]->setVisible(!samples);
  panels()[1]->setVisible(samples);
  sizes_->setEnabled(!samples);
}

void BenchmarkView::redraw() {
  heatmapChart()->refresh();
  samplesChart()->refresh();
}

void BenchmarkView::cellClicked(charts::MatrixChart* chart, QPointF chartPos) {
  const auto at = chart->cellAt(chartPos);
  const QStringList estimators = heatmap_.data.estimators();
  if (!at || at->first >= estimators.size()) return;  // outside, or the "True MI" row
  openCurve(heatmap_.data.tasks()[static_cast<std::size_t>(at->second)].id, estimators[at->first].toStdString());
}

QDialog* BenchmarkView::openCurve(const std::string& task, const std::string& estimator) {
  const auto rows = heatmap_.data.rowsFor(task, estimator);
  const QString title = QString::fromStdString(estimator + " on " + task);
  auto* dialog = new CurveDialog(rows, title, this);
  dialog->setObjectName("benchmarkCurve");
  dialog->show();
  return dialog;
}

}  // namespace miwb::gui
