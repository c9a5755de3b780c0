#include "charts/figure_export.h"

#include <QFile>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>

#include "charts/figure_style.h"

namespace miwb::charts {

namespace {

constexpr double kScreenDpi = 96;

// Lays the figure's charts out in a grid (at most `maxColumns` across) in a scene of `logical` size
// (scene units are 1/96 in of the printed figure), styled for print when a preset asks.
class FigureScene {
 public:
  FigureScene(std::vector<std::unique_ptr<QChart>> charts, QSizeF logical, int maxColumns, const FigureStyle* style)
      : logical_(logical) {
    const int count = std::max<int>(1, static_cast<int>(charts.size()));
    const int columns = std::min(count, maxColumns);
    const int rows = (count + columns - 1) / columns;
    const QSizeF cell(logical.width() / columns, logical.height() / rows);
    scene_.setSceneRect(QRectF(QPointF(0, 0), logical));
    scene_.setBackgroundBrush(Qt::white);
    for (int i = 0; i < static_cast<int>(charts.size()); ++i) {
      QChart* chart = charts[i].release();  // the scene owns its items
      if (style) applyStyle(*chart, *style);
      scene_.addItem(chart);
      chart->setGeometry(QRectF(QPointF((i % columns) * cell.width(), (i / columns) * cell.height()), cell));
      chart->layout()->activate();  // place the plot area now, not at the next event-loop turn
    }
  }
  void render(QPainter& painter, const QRectF& target) {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene_.render(&painter, target, QRectF(QPointF(0, 0), logical_), Qt::IgnoreAspectRatio);
  }

 private:
  QSizeF logical_;
  QGraphicsScene scene_;
};

constexpr int kMaxColumns = 3;

int panelsAcross(int count, const FigurePreset* preset) {
  return std::min(std::max(1, count), preset ? preset->maxColumns : kMaxColumns);
}

Status writeText(const QString& path, const QString& text) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
    return Status::invalidInput("cannot write '" + path.toStdString() + "': " + file.errorString().toStdString());
  file.write(text.toUtf8());
  return Status::ok();
}

}  // namespace

QSizeF printedInches(const Figure& figure, const ExportOptions& options) {
  const FigurePreset* preset = figurePreset(options.preset);
  if (!preset) return QSizeF(options.pixels) / options.dpi;
  const int count = std::max<int>(1, static_cast<int>(figure.createCharts().size()));
  const int rows = (count + panelsAcross(count, preset) - 1) / panelsAcross(count, preset);
  return QSizeF(preset->widthInches, rows * preset->rowHeightInches);
}

Status exportFigure(const Figure& figure, const QString& path, const ExportOptions& requested) {
  const QFileInfo info(path);
  const QString suffix = info.suffix().toLower();
  if (suffix == "csv") return writeText(path, figure.dataCsv());
  ExportOptions options = requested;
  const FigurePreset* preset = figurePreset(options.preset);
  if (!options.preset.isEmpty() && !preset)
    return Status::invalidInput("figure preset '" + options.preset.toStdString() +
                                "' is not one of single-column, double-column, slide");
  if (!(options.dpi >= 24 && options.dpi <= 2400)) return Status::invalidInput("figure DPI must be between 24 and 2400");
  const QSizeF inches = printedInches(figure, options);
  if (preset) options.pixels = (inches * options.dpi).toSize();
  if (options.pixels.width() < 16 || options.pixels.height() < 16 || options.pixels.width() > 20000 ||
      options.pixels.height() > 20000)
    return Status::invalidInput("figure size must be between 16 and 20000 pixels a side");

  std::vector<std::unique_ptr<QChart>> charts = figure.createCharts();
  const int columns = panelsAcross(static_cast<int>(charts.size()), preset);
  // The scene is laid out at print size in 1/96 in units: a higher DPI gives sharper, not smaller, text.
  const QSizeF logical = inches * kScreenDpi;
  FigureScene scene(std::move(charts), logical, columns, preset ? &preset->style : nullptr);
  if (suffix == "png") {
    QImage image(options.pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMeter = static_cast<int>(std::lround(options.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    {
      QPainter painter(&image);
      scene.render(painter, QRectF(QPointF(0, 0), QSizeF(options.pixels)));
    }
    if (!image.save(path, "PNG")) return Status::invalidInput("cannot write '" + path.toStdString() + "'");
  } else if (suffix == "svg") {
    QSvgGenerator svg;
    svg.setFileName(path);
    // At 96 units per inch the SVG's width and height (in mm) are the printed size, as in the PDF.
    svg.setResolution(static_cast<int>(kScreenDpi));
    svg.setSize(logical.toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), logical));
    svg.setTitle(figure.name());
    svg.setDescription("MI Workbench figure");
    QPainter painter;
    if (!painter.begin(&svg)) return Status::invalidInput("cannot write '" + path.toStdString() + "'");
    scene.render(painter, QRectF(QPointF(0, 0), logical));
  } else if (suffix == "pdf") {
    QPdfWriter pdf(path);
    pdf.setTitle(figure.name());
    pdf.setCreator("MI Workbench");
    pdf.setResolution(static_cast<int>(kScreenDpi));
    pdf.setPageSize(QPageSize(logical * (72.0 / kScreenDpi), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&pdf)) return Status::invalidInput("cannot write '" + path.toStdString() + "'");
    scene.render(painter, QRectF(0, 0, pdf.width(), pdf.height()));
  } else {
    return Status::invalidInput("figure file '" + path.toStdString() + "' must end in .png, .svg, .pdf or .csv");
  }
  if (!QFileInfo::exists(path)) return Status::invalidInput("cannot write '" + path.toStdString() + "'");
  if (options.withData) return writeText(info.path() + "/" + info.completeBaseName() + ".csv", figure.dataCsv());
  return Status::ok();
}

}  // namespace miwb::charts
