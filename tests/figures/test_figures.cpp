// Reads every figure's SVG text back, as a reader of the figure would, and checks every axis: a
// linear axis steps evenly by 1, 2, 2.5 or 5 x 10^k with labels of one precision, a log axis steps
// by decades with labels in one format. Also: the print presets give 7-9 pt text at the printed
// size, the SVG's size is the chosen one, PNG at 300 dpi is the printed size, and the scaling
// legend has one true-value entry per distinct value.
#include <QDomDocument>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "charts/figure.h"
#include "charts/figure_export.h"
#include "charts/figure_style.h"
#include "charts/nice_ticks.h"
#include "views/training_view.h"

using namespace miwb::charts;
using miwb::ResultRow;

namespace {

struct Label {
  QString text;
  double x = 0, y = 0;  // the text's anchor in the SVG's coordinates
  double fontSize = 0;  // in SVG units (1/96 in)
};

// The affine map of an SVG transform attribute (matrix and translate, which Qt writes).
QTransform parseTransform(const QString& attribute) {
  QTransform t;
  static const QRegularExpression part(R"((matrix|translate|scale)\s*\(([^)]*)\))");
  for (auto it = part.globalMatch(attribute); it.hasNext();) {
    const auto m = it.next();
    QList<double> v;
    for (const QString& n : m.captured(2).split(QRegularExpression("[ ,]+"), Qt::SkipEmptyParts)) v << n.toDouble();
    QTransform step;
    if (m.captured(1) == "matrix" && v.size() == 6) step = QTransform(v[0], v[1], v[2], v[3], v[4], v[5]);
    if (m.captured(1) == "translate" && !v.isEmpty()) step = QTransform::fromTranslate(v[0], v.value(1));
    if (m.captured(1) == "scale" && !v.isEmpty()) step = QTransform::fromScale(v[0], v.value(1, v[0]));
    t = step * t;
  }
  return t;
}

void collectText(const QDomElement& element, const QTransform& parent, double fontSize, std::vector<Label>& out) {
  const QTransform here = parseTransform(element.attribute("transform")) * parent;
  if (element.hasAttribute("font-size")) fontSize = element.attribute("font-size").remove("px").remove("pt").toDouble();
  if (element.tagName() == "text") {
    const QPointF at = here.map(QPointF(element.attribute("x").toDouble(), element.attribute("y").toDouble()));
    const QString text = element.text().trimmed();
    if (!text.isEmpty()) out.push_back({text, at.x(), at.y(), fontSize});
    return;
  }
  for (QDomElement child = element.firstChildElement(); !child.isNull(); child = child.nextSiblingElement())
    collectText(child, here, fontSize, out);
}

std::vector<Label> svgLabels(const QString& path) {
  QFile file(path);
  QDomDocument doc;
  if (!file.open(QIODevice::ReadOnly) || !doc.setContent(&file)) return {};
  std::vector<Label> labels;
  collectText(doc.documentElement(), QTransform(), 0, labels);
  return labels;
}

bool isNumber(const QString& text, double* value = nullptr) {
  static const QRegularExpression number(R"(^-?\d+(\.\d+)?(e[+-]?\d+)?$)");
  if (!number.match(text).hasMatch()) return false;
  if (value) *value = text.toDouble();
  return true;
}

// Consecutive numeric labels in drawing order form an axis while they stay on one line across
// (same baseline) or one column down (labels of one vertical axis lie within a label's width).
std::vector<std::vector<Label>> axesOf(const std::vector<Label>& labels) {
  std::vector<std::vector<Label>> axes;
  std::vector<Label> current;
  auto flush = [&] {
    if (current.size() >= 2) axes.push_back(current);
    current.clear();
  };
  int direction = 0;  // 1 across, 2 down
  for (const Label& label : labels) {
    if (!isNumber(label.text)) {
      flush();
      direction = 0;
      continue;
    }
    if (!current.empty()) {
      const Label& last = current.back();
      const int now = std::abs(label.y - last.y) < 1.0 ? 1 : (std::abs(label.x - last.x) < 40 ? 2 : 0);
      if (now == 0 || (direction != 0 && now != direction)) {
        flush();
        direction = 0;
      } else {
        direction = now;
      }
    }
    current.push_back(label);
  }
  flush();
  return axes;
}

bool isNiceStep(double step) {
  const double decade = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  const double mantissa = step / decade;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (std::abs(mantissa - m) < 1e-6) return true;
  return false;
}

// Empty when the axis is fine; else what is wrong with it.
QString checkAxis(std::vector<Label> axis) {
  QStringList texts;
  std::vector<double> values;
  for (const Label& l : axis) {
    texts << l.text;
    double v = 0;
    isNumber(l.text, &v);
    values.push_back(v);
  }
  std::sort(values.begin(), values.end());
  const QString all = texts.join(" ");
  const bool scientific = all.contains('e'), plain = std::any_of(texts.begin(), texts.end(), [](const QString& t) { return !t.contains('e'); });
  if (scientific && plain) return "mixes scientific and plain labels: " + all;
  // Linear: equal steps, a nice step, one precision.
  const double step = values[1] - values[0];
  bool even = step > 0;
  for (std::size_t i = 1; i < values.size(); ++i) even = even && std::abs(values[i] - values[i - 1] - step) <= 1e-6 * std::abs(step);
  if (even && isNiceStep(step)) {
    const auto decimals = [](const QString& t) { return t.contains('.') ? t.size() - t.indexOf('.') - 1 : 0; };
    for (const QString& t : texts)
      if (!t.contains('e') && decimals(t) != decimals(texts.first())) return "labels of different precision: " + all;
    return {};
  }
  // Log: every label a power of ten, one decade apart.
  bool decades = values.front() > 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double exponent = std::log10(values[i]);
    decades = decades && std::abs(exponent - std::round(exponent)) < 1e-9;
    if (i > 0) decades = decades && std::abs(std::log10(values[i] / values[i - 1]) - 1) < 1e-9;
  }
  return decades ? QString() : "neither a nice linear step nor decades: " + all;
}

ResultRow planeRow(const std::string& estimator, const std::string& layer, int epoch, bool ixt, double nats) {
  ResultRow row;
  row.task = estimator + layer + std::to_string(epoch) + (ixt ? "x" : "y");
  row.estimator = estimator;
  row.quantity = ixt ? "I(X;T)" : "I(T;Y)";
  row.layer = layer;
  row.epoch = epoch;
  row.valueNats = nats;
  return row;
}

// An information plane with two estimators, the odd ranges the issue found (0..12.6 bits, ..).
PlaneFigure planeFigure() {
  PlaneFigure figure;
  const std::vector<int> epochs{1, 2, 5, 12, 30, 70, 160, 400};
  for (const char* estimator : {"binning, 30 bins", "KDE upper"})
    for (int l = 0; l < 4; ++l)
      for (std::size_t e = 0; e < epochs.size(); ++e) {
        const std::string layer = l == 3 ? "output" : "layer" + std::to_string(l + 1);
        figure.data.add(planeRow(estimator, layer, epochs[e], true, 8.73 - 1.9 * l - 0.05 * e));
        figure.data.add(planeRow(estimator, layer, epochs[e], false, 0.08 + 0.0889 * e));
      }
  return figure;
}

ResultRow scalingRow(const std::string& estimator, long long n, int repeat, double value, double truth, double seconds,
                     double rho) {
  ResultRow row;
  row.task = estimator + std::to_string(n) + std::to_string(repeat) + std::to_string(rho);
  row.estimator = estimator;
  row.quantity = "I(X;Y)";
  row.n = n;
  row.repeat = repeat;
  row.sweepParam = "rho";
  row.sweepValue = rho;
  row.valueNats = value;
  row.trueNats = truth;
  row.seconds = seconds;
  return row;
}

// Scaling curves over a sweep of rho (three distinct true values) with run times from 1e-5 s.
ScalingFigure scalingFigure() {
  ScalingFigure figure;
  for (double rho : {0.2, 0.5, 0.8}) {
    const double truth = -0.5 * std::log(1 - rho * rho) * 2;
    for (long long n : {100LL, 1000LL, 10000LL, 100000LL})
      for (int r = 0; r < 3; ++r) {
        figure.data.add(scalingRow("KSG k=3", n, r, truth * (1 - 0.3 / std::sqrt(n)) + 0.01 * r, truth, 1.3e-5 * n, rho));
        figure.data.add(scalingRow("gaussian", n, r, truth + 0.02 * (r - 1), truth, 2e-6 * n, rho));
      }
  }
  return figure;
}

miwb::gui::MetricsFigure trainingFigure() {
  miwb::gui::MetricsFigure figure;
  for (int epoch = 1; epoch <= 378; ++epoch) {
    figure.curves["train loss"].append(QPointF(epoch, 0.69 * std::exp(-epoch / 90.0) + 0.03));
    figure.curves["train accuracy"].append(QPointF(epoch, 1 - 0.5 * std::exp(-epoch / 60.0)));
  }
  return figure;
}

}  // namespace

class TestFigures : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir temp_;

  void checkEveryAxis(const Figure& figure, const ExportOptions& options, int minAxes, const QString& tag) {
    const QString path = temp_.filePath(figure.name() + "-" + tag + ".svg");
    QVERIFY2(exportFigure(figure, path, options), qPrintable(path));
    const auto labels = svgLabels(path);
    QVERIFY2(!labels.empty(), "no text in the SVG");
    const auto axes = axesOf(labels);
    QVERIFY2(static_cast<int>(axes.size()) >= minAxes,
             qPrintable(QStringLiteral("%1: %2 axes found, %3 expected").arg(tag).arg(axes.size()).arg(minAxes)));
    for (const auto& axis : axes) {
      const QString problem = checkAxis(axis);
      QVERIFY2(problem.isEmpty(), qPrintable(figure.name() + " " + tag + ": " + problem));
    }
  }

  void checkAllFigures(const ExportOptions& options, const QString& tag) {
    // Plane: per panel two axes and the epoch colour bar; scaling: two axes per panel;
    // training: two axes.
    checkEveryAxis(planeFigure(), options, 6, tag);
    checkEveryAxis(scalingFigure(), options, 4, tag);
    checkEveryAxis(trainingFigure(), options, 2, tag);
  }

 private Q_SLOTS:
  void niceStepRule() {
    QCOMPARE(niceStep(12.6, 5), 5.0);  // 2.52 a step rounds up to 5
    QCOMPARE(niceStep(12.6, 6), 2.5);
    QCOMPARE(niceStep(1.05, 5), 0.25);
    QCOMPARE(niceStep(400, 5), 100.0);
    QCOMPARE(niceStep(0.0009, 5), 0.0002);
    QCOMPARE(niceStep(7, 5), 2.0);
    QCOMPARE(stepDecimals(2.5), 1);
    QCOMPARE(stepDecimals(0.25), 2);
    QCOMPARE(stepDecimals(20), 0);
    QCOMPARE(niceRange(-0.08, 1.66), std::make_pair(-0.5, 2.0));  // 0.348 a step rounds up to 0.5
    // Widened to [0, 12] the span asks for a step of 2.5, of which 12 is no multiple: widened again.
    QCOMPARE(niceRange(0.5, 10.3), std::make_pair(0.0, 12.5));
    QCOMPARE(niceTicks(0, 1.05, 5).size(), std::size_t(5));  // 0, 0.25, .., 1
    QCOMPARE(decadeLabelFormat(1e-5, 1), QString("%.0e"));
    QCOMPARE(decadeLabelFormat(50, 2e5), QString("%g"));
    QCOMPARE(tickLabel(-1e-17, 0.1), QString("0.0"));
  }

  void everyAxisOfEveryFigureStepsNicely() {
    ExportOptions options;
    options.pixels = QSize(1600, 1000);
    options.dpi = 150;
    checkAllFigures(options, "screen");
    options.pixels = QSize(900, 520);
    checkAllFigures(options, "small");
    for (const FigurePreset& preset : figurePresets()) {
      options.preset = preset.id;
      checkAllFigures(options, preset.id);
    }
  }

  void presetsPrintTextAtSevenToNinePoints() {
    for (const FigurePreset& preset : figurePresets()) {
      ExportOptions options;
      options.preset = preset.id;
      const PlaneFigure plane = planeFigure();
      const QString path = temp_.filePath("points-" + preset.id + ".svg");
      QVERIFY(exportFigure(plane, path, options));
      const auto labels = svgLabels(path);
      QVERIFY(!labels.empty());
      for (const Label& label : labels) {
        // SVG units are 1/96 in at the printed size (see figure_export.cpp): points = units * 72/96.
        const double points = label.fontSize * 72.0 / 96.0;
        QVERIFY2(points >= 7 - 1e-6 && points <= 9 + 1e-6,
                 qPrintable(QStringLiteral("%1: '%2' at %3 pt").arg(preset.id, label.text).arg(points)));
      }
    }
  }

  void svgAndPngHaveTheChosenSize() {
    const PlaneFigure plane = planeFigure();
    ExportOptions options;
    options.pixels = QSize(1200, 600);
    options.dpi = 150;  // 8 x 4 in
    const QString svgPath = temp_.filePath("size.svg");
    QVERIFY(exportFigure(plane, svgPath, options));
    QFile file(svgPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QDomDocument doc;
    QVERIFY(doc.setContent(&file));
    const QDomElement root = doc.documentElement();
    const double widthMm = root.attribute("width").remove("mm").toDouble(), heightMm = root.attribute("height").remove("mm").toDouble();
    QVERIFY2(std::abs(widthMm - 8 * 25.4) < 0.5, qPrintable(root.attribute("width")));
    QVERIFY2(std::abs(heightMm - 4 * 25.4) < 0.5, qPrintable(root.attribute("height")));

    // A preset at 300 dpi: a PNG of the printed size, with that resolution recorded.
    options.preset = "single-column";
    options.dpi = 300;
    const QString pngPath = temp_.filePath("single.png");
    QVERIFY(exportFigure(plane, pngPath, options));
    const QImage png(pngPath);
    const QSizeF inches = printedInches(plane, options);
    QCOMPARE(inches.width(), 3.5);
    QCOMPARE(png.width(), 1050);
    QCOMPARE(png.height(), static_cast<int>(std::lround(inches.height() * 300)));
    QCOMPARE(std::lround(png.dotsPerMeterX() * 0.0254), 300L);
  }

  void oneTrueValueEntryPerDistinctValue() {
    ScalingFigure figure = scalingFigure();
    QCOMPARE(figure.data.trueLines().size(), std::size_t(3));  // rho 0.2, 0.5, 0.8: three values
    // A sweep that leaves the true value alone (an invertible transform) draws it once.
    ScalingFigure invariant;
    for (const char* transform : {"none", "cube", "cdf"})
      for (long long n : {100LL, 1000LL}) {
        ResultRow row = scalingRow("KSG", n, 0, 0.5, 0.51, 0.01, 0);
        row.task += transform;
        row.sweepParam = "transform";
        row.sweepValue = transform;
        invariant.data.add(row);
      }
    const auto lines = invariant.data.trueLines();
    QCOMPARE(lines.size(), std::size_t(1));
    QCOMPARE(lines.front().name, QString("true I(X;Y)"));
  }
};

QTEST_MAIN(TestFigures)
#include "test_figures.moc"
