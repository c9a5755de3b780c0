#include "charts/benchmark_figures.h"

#include <algorithm>
#include <cmath>

#include "charts/diverging.h"
#include "charts/viridis.h"

namespace miwb::charts {

namespace {

constexpr double kPngDpi = 150;  // ExportOptions' default: logical pixels are 96 / 150 of the image's

QString oneDecimal(double v) { return QString::number(v, 'f', 1); }
QString number(double v) { return QString::number(v, 'g', 4); }

void addColumns(const BenchmarkData& data, MatrixModel& m) {
  for (const BenchmarkTask& t : data.tasks()) {
    m.columns << QString::fromStdString(t.label);
    m.columnGroups << QString::fromStdString(t.family);
  }
}

QString taskLine(const BenchmarkTask& t) {
  QString line = QString::fromStdString(t.label);
  if (t.label != t.id) line += " (" + QString::fromStdString(t.id) + ")";
  if (!t.family.empty()) line += "\nfamily: " + QString::fromStdString(t.family);
  return line;
}

}  // namespace

QString shortCount(long long n) {
  if (n < 1000) return QString::number(n);
  if (n % 1000 == 0) return QString::number(n / 1000) + "k";
  return QString::number(static_cast<double>(n) / 1000, 'g', 3) + "k";
}

MatrixModel benchmarkHeatmapModel(const BenchmarkData& data, long long n) {
  MatrixModel m;
  m.title = QStringLiteral("Mean estimate [nats] at N = %1 over %2 repeats; colour: mean ln(estimate / truth)")
                .arg(shortCount(n))
                .arg(data.repeats());
  addColumns(data, m);
  const QStringList estimators = data.estimators();
  m.rows = estimators;
  m.rows << "True MI";
  if (!estimators.isEmpty()) m.separatorAfterRow = static_cast<int>(estimators.size()) - 1;
  m.cells.assign(static_cast<std::size_t>(m.rows.size()), std::vector<MatrixCell>(data.tasks().size()));
  bool anyFailures = false;
  for (std::size_t c = 0; c < data.tasks().size(); ++c) {
    const BenchmarkTask& task = data.tasks()[c];
    std::optional<double> truth;
    for (int r = 0; r < estimators.size(); ++r) {
      MatrixCell& cell = m.cells[static_cast<std::size_t>(r)][c];
      const BenchmarkCell* s = data.cell(task.id, estimators[r].toStdString(), n);
      if (!s) {
        cell.toolTip = taskLine(task) + "\nestimator: " + estimators[r] + QStringLiteral("\nN = %1: no results yet").arg(n);
        continue;
      }
      if (s->trueNats) truth = s->trueNats;
      QString tip = taskLine(task) + "\nestimator: " + estimators[r] +
                    "\ntruth: " + (s->trueNats ? number(*s->trueNats) + " nats" : QString("unknown")) +
                    QStringLiteral("\nN = %1, %2 runs").arg(n).arg(s->runs);
      if (s->mean) {
        cell.text = oneDecimal(*s->mean);
        tip += "\nmean ± sd: " + number(*s->mean) + " ± " + (s->sd ? number(*s->sd) : QString("–")) + " nats";
        if (s->meanLogRatio) {
          cell.fill = diverging(*s->meanLogRatio);
          tip += "\nmean ln(estimate / truth): " + (std::isinf(*s->meanLogRatio) ? QString("−∞ (an estimate ≤ 0)")
                                                                                  : number(*s->meanLogRatio));
        }
      } else {
        cell.text = "fail";
        cell.fill = QColor(160, 160, 160);
      }
      if (s->failures > 0) {
        anyFailures = true;
        if (s->mean) cell.text += "†";
        tip += QStringLiteral("\nfailures: %1 of %2, left out").arg(s->failures).arg(s->runs);
      }
      cell.toolTip = tip + "\nclick: its scaling curve";
    }
    MatrixCell& trueCell = m.cells.back()[c];
    trueCell.fill = QColor(255, 255, 255);
    if (truth) trueCell.text = oneDecimal(*truth);
    trueCell.toolTip = taskLine(task) + "\ntrue MI: " + (truth ? number(*truth) + " nats" : QString("not known yet"));
  }
  m.scale.map = diverging;
  m.scale.ticks = {{-1, "≤ −1"}, {-0.5, "−0.5"}, {0, "0"}, {0.5, "0.5"}, {1, "≥ 1"}};
  m.scale.title = "mean ln(estimate / truth)";
  if (anyFailures)
    m.footnote = "† some runs failed (or, for neural estimators, fell below 0 or 10 % of the best repeat) and are "
                 "left out of the mean; counts in benchmark-summary.csv. Grey: no result.";
  return m;
}

MatrixModel benchmarkSamplesNeededModel(const BenchmarkData& data) {
  MatrixModel m;
  const std::vector<long long> sizes = data.sizes();
  const long long smallest = sizes.empty() ? 1 : *std::min_element(sizes.begin(), sizes.end());
  const long long largest = data.largestN();
  m.title = "Samples needed: the smallest N from which on |mean ln(estimate / truth)| < ln 1.5";
  addColumns(data, m);
  m.rows = data.estimators();
  m.cells.assign(static_cast<std::size_t>(m.rows.size()), std::vector<MatrixCell>(data.tasks().size()));
  const double span = largest > smallest ? std::log(static_cast<double>(largest) / smallest) : 1.0;
  auto fraction = [&](double n) { return largest > smallest ? std::log(n / smallest) / span : 0.5; };
  for (int r = 0; r < m.rows.size(); ++r)
    for (std::size_t c = 0; c < data.tasks().size(); ++c) {
      const BenchmarkTask& task = data.tasks()[c];
      const std::string estimator = m.rows[r].toStdString();
      MatrixCell& cell = m.cells[static_cast<std::size_t>(r)][c];
      // Known only once the largest N has results: the rule looks at every larger N.
      const BenchmarkCell* last = data.cell(task.id, estimator, largest);
      QString tip = taskLine(task) + "\nestimator: " + m.rows[r];
      if (!last) {
        cell.toolTip = tip + QStringLiteral("\nno results at N = %1 yet").arg(largest);
        continue;
      }
      if (last->samplesNeeded) {
        cell.text = shortCount(*last->samplesNeeded);
        cell.fill = viridis(1 - fraction(static_cast<double>(*last->samplesNeeded)));
        tip += QStringLiteral("\nwithin a factor 1.5 of the truth from N = %1 on").arg(*last->samplesNeeded);
      } else {
        cell.text = ">" + shortCount(largest);
        cell.fill = QColor(90, 90, 90);
        tip += QStringLiteral("\nnot within a factor 1.5 of the truth at N = %1").arg(largest);
      }
      cell.toolTip = tip + "\nclick: its scaling curve";
    }
  m.scale.map = [](double t) { return viridis(1 - t); };
  m.scale.minimum = 0;
  m.scale.maximum = 1;
  for (long long n : sizes) m.scale.ticks.push_back({fraction(static_cast<double>(n)), shortCount(n)});
  m.scale.title = "samples needed (N)";
  m.footnote = QStringLiteral("bmi's rule, over the grid's N (%1 repeats each); \">%2\": never within the factor. "
                              "Neural failures are left out as in the heatmap.")
                   .arg(data.repeats())
                   .arg(shortCount(largest));
  return m;
}

std::vector<std::unique_ptr<QChart>> MatrixFigure::createCharts() const {
  std::vector<std::unique_ptr<QChart>> charts;
  charts.push_back(std::make_unique<MatrixChart>([this] { return model(); }));
  return charts;
}

QSize MatrixFigure::defaultPixels() const {
  // Room for legible cells: about 46 logical pixels a column, 36 a row, plus labels and margins.
  const double columns = static_cast<double>(std::max<std::size_t>(1, data.tasks().size()));
  const double width = std::max(900.0, 46 * columns + 320);
  const double height = MatrixChart::preferredHeight(model(), width);
  return QSize(static_cast<int>(width * kPngDpi / 96), static_cast<int>(height * kPngDpi / 96));
}

}  // namespace miwb::charts
