#include "charts/matrix_chart.h"

#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLinearGradient>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace miwb::charts {

namespace {

constexpr double kMargin = 12;
constexpr double kTitleHeight = 30;
constexpr double kBarReserve = 92;  // the colour bar, its tick labels and its title
constexpr double kMaxCellHeight = 44;

QFont pixelFont(double pixels, bool bold = false) {
  QFont font;
  font.setPixelSize(std::max(6, static_cast<int>(std::lround(pixels))));
  font.setBold(bold);
  return font;
}

bool hasGroups(const MatrixModel& m) {
  return std::any_of(m.columnGroups.begin(), m.columnGroups.end(), [](const QString& g) { return !g.isEmpty(); });
}

// Where everything goes for a chart of `size`: the cell grid and the bands around it.
struct Geometry {
  QRectF grid;
  double cellWidth = 0, cellHeight = 0;
  double columnLabelHeight = 0, groupHeight = 0;
  QFont rowFont, columnFont, cellFont, groupFont;

  Geometry(QSizeF size, const MatrixModel& m) {
    rowFont = pixelFont(12);
    const QFontMetricsF rowMetrics(rowFont);
    double rowLabelWidth = 0;
    for (const QString& r : m.rows) rowLabelWidth = std::max(rowLabelWidth, rowMetrics.horizontalAdvance(r));
    rowLabelWidth += 10;
    const int columns = std::max<int>(1, static_cast<int>(m.columns.size()));
    const int rows = std::max<int>(1, static_cast<int>(m.rows.size()));
    const double gridWidth = std::max(40.0, size.width() - 2 * kMargin - rowLabelWidth - kBarReserve);
    cellWidth = gridWidth / columns;
    // Column labels stand upright, at a size the column width allows.
    columnFont = pixelFont(std::clamp(cellWidth * 0.55, 7.0, 12.0));
    const QFontMetricsF columnMetrics(columnFont);
    for (const QString& c : m.columns) columnLabelHeight = std::max(columnLabelHeight, columnMetrics.horizontalAdvance(c));
    columnLabelHeight = std::min(columnLabelHeight + 8, size.height() * 0.6);
    groupHeight = hasGroups(m) ? 34 : 0;
    footHeight = m.footnote.isEmpty() ? 0 : 18;
    const double available = size.height() - 2 * kMargin - kTitleHeight - columnLabelHeight - groupHeight - footHeight;
    cellHeight = std::clamp(available / rows, 8.0, kMaxCellHeight);
    grid = QRectF(kMargin + rowLabelWidth, kMargin + kTitleHeight, cellWidth * columns, cellHeight * rows);
    // The longest cell text must fit its cell.
    int longest = 1;
    for (const auto& row : m.cells)
      for (const auto& cell : row) longest = std::max<int>(longest, static_cast<int>(cell.text.size()));
    cellFont = pixelFont(std::clamp(std::min(cellWidth / (0.62 * longest + 0.6), cellHeight * 0.5), 6.0, 14.0));
    groupFont = pixelFont(11);
  }

  double footHeight = 0;

  QRectF cell(int row, int column) const {
    return QRectF(grid.left() + column * cellWidth, grid.top() + row * cellHeight, cellWidth, cellHeight);
  }
};

}  // namespace

// Draws the model over the whole chart; a child item, so the chart's own background stays below it.
class MatrixChart::Painter : public QGraphicsItem {
 public:
  explicit Painter(MatrixChart* chart) : QGraphicsItem(chart), chart_(chart) {}
  QRectF boundingRect() const override { return QRectF(QPointF(0, 0), chart_->size()); }
  void resized() { prepareGeometryChange(); }

  void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
    const MatrixModel& m = chart_->model_;
    const Geometry g(chart_->size(), m);
    p->setRenderHint(QPainter::TextAntialiasing);
    p->setPen(Qt::black);
    p->setFont(pixelFont(15, true));
    p->drawText(QRectF(0, kMargin, chart_->size().width(), kTitleHeight - 6), Qt::AlignHCenter | Qt::AlignVCenter, m.title);

    for (int r = 0; r < m.rows.size(); ++r) {
      p->setFont(g.rowFont);
      p->setPen(Qt::black);
      const QRectF first = g.cell(r, 0);
      p->drawText(QRectF(kMargin, first.top(), g.grid.left() - kMargin - 8, first.height()), Qt::AlignRight | Qt::AlignVCenter,
                  m.rows[r]);
      p->setFont(g.cellFont);
      for (int c = 0; c < m.columns.size(); ++c) {
        const QRectF box = g.cell(r, c);
        const MatrixCell& cell = m.cells[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
        p->fillRect(box, cell.fill);
        p->setPen(QPen(Qt::white, 1));
        p->drawRect(box);
        // Dark fills get white text.
        p->setPen(cell.fill.lightnessF() < 0.5 ? Qt::white : Qt::black);
        p->drawText(box, Qt::AlignCenter, cell.text);
      }
    }
    if (m.separatorAfterRow) {
      const double y = g.cell(*m.separatorAfterRow, 0).bottom();
      p->setPen(QPen(Qt::black, 1.5));
      p->drawLine(QPointF(g.grid.left(), y), QPointF(g.grid.right(), y));
    }

    // Column labels, upright, ending at the grid.
    p->setFont(g.columnFont);
    p->setPen(Qt::black);
    for (int c = 0; c < m.columns.size(); ++c) {
      const QRectF box = g.cell(0, c);
      p->save();
      p->translate(box.center().x(), g.grid.bottom() + 4);
      p->rotate(-90);
      p->drawText(QRectF(-(g.columnLabelHeight - 4), -box.width() / 2, g.columnLabelHeight - 4, box.width()),
                  Qt::AlignRight | Qt::AlignVCenter, m.columns[c]);
      p->restore();
    }
    drawGroups(p, m, g);
    drawScale(p, m.scale, g);
    if (!m.footnote.isEmpty()) {
      p->setFont(pixelFont(11));
      p->setPen(QColor(70, 70, 70));
      p->drawText(QRectF(kMargin, chart_->size().height() - kMargin - 16, chart_->size().width() - 2 * kMargin, 16),
                  Qt::AlignLeft | Qt::AlignVCenter, m.footnote);
    }
  }

 private:
  // A bracket under each run of columns of one family, with the family's name under it.
  static void drawGroups(QPainter* p, const MatrixModel& m, const Geometry& g) {
    if (g.groupHeight == 0) return;
    const double top = g.grid.bottom() + g.columnLabelHeight + 2;
    for (int first = 0; first < m.columnGroups.size();) {
      int last = first;
      while (last + 1 < m.columnGroups.size() && m.columnGroups[last + 1] == m.columnGroups[first]) ++last;
      if (!m.columnGroups[first].isEmpty()) {
        const double left = g.cell(0, first).left() + 2, right = g.cell(0, last).right() - 2;
        p->setPen(QPen(QColor(90, 90, 90), 1));
        p->drawLine(QPointF(left, top), QPointF(right, top));
        p->drawLine(QPointF(left, top), QPointF(left, top - 4));
        p->drawLine(QPointF(right, top), QPointF(right, top - 4));
        // Narrow groups get a smaller font, down to what still reads, and two lines.
        QFont font = g.groupFont;
        const QString name = m.columnGroups[first];
        double longestWord = 0;
        for (const QString& word : name.split(' ')) longestWord = std::max(longestWord, QFontMetricsF(font).horizontalAdvance(word));
        if (longestWord > right - left + 4)
          font.setPixelSize(std::max(7, static_cast<int>(font.pixelSize() * (right - left + 4) / longestWord)));
        p->setFont(font);
        p->setPen(Qt::black);
        p->drawText(QRectF(left - 2, top + 2, right - left + 4, g.groupHeight - 4),
                    Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, name);
      }
      first = last + 1;
    }
  }

  static void drawScale(QPainter* p, const ColourScale& s, const Geometry& g) {
    if (!s.map) return;
    const double height = std::max(80.0, g.grid.height());
    const QRectF bar(g.grid.right() + 18, g.grid.top(), 14, height);
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 20; ++i) gradient.setColorAt(i / 20.0, s.map(s.minimum + (s.maximum - s.minimum) * i / 20.0));
    p->fillRect(bar, gradient);
    p->setPen(QPen(Qt::darkGray, 0.8));
    p->drawRect(bar);
    p->setFont(pixelFont(11));
    const QFontMetricsF metrics(p->font());
    p->setPen(Qt::black);
    for (const auto& [value, label] : s.ticks) {
      const double y = bar.bottom() - (value - s.minimum) / (s.maximum - s.minimum) * bar.height();
      p->drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
      p->drawText(QPointF(bar.right() + 6, y + metrics.ascent() / 2 - 1), label);
    }
    // The title runs up the far side of the tick labels.
    p->save();
    p->translate(bar.right() + 62, bar.center().y());
    p->rotate(-90);
    p->drawText(QRectF(-height / 2 - 60, -8, height + 120, 16), Qt::AlignCenter, s.title);
    p->restore();
  }

  MatrixChart* chart_;
};

MatrixChart::MatrixChart(std::function<MatrixModel()> build, QGraphicsItem* parent)
    : BaseChart(parent), build_(std::move(build)), painter_(new Painter(this)) {
  legend()->hide();
  setMargins(QMargins(0, 0, 0, 0));
  connect(this, &QGraphicsWidget::geometryChanged, this, [this] { painter_->resized(); });
  refresh();
}

void MatrixChart::refresh() {
  model_ = build_();
  for (auto& row : model_.cells) row.resize(static_cast<std::size_t>(model_.columns.size()));
  model_.cells.resize(static_cast<std::size_t>(model_.rows.size()),
                      std::vector<MatrixCell>(static_cast<std::size_t>(model_.columns.size())));
  while (model_.columnGroups.size() < model_.columns.size()) model_.columnGroups.append(QString());
  painter_->update();
}

std::optional<std::pair<int, int>> MatrixChart::cellAt(QPointF chartPos) const {
  const Geometry g(size(), model_);
  if (!g.grid.contains(chartPos) || model_.columns.isEmpty() || model_.rows.isEmpty()) return std::nullopt;
  const int column = std::min<int>(static_cast<int>((chartPos.x() - g.grid.left()) / g.cellWidth), model_.columns.size() - 1);
  const int row = std::min<int>(static_cast<int>((chartPos.y() - g.grid.top()) / g.cellHeight), model_.rows.size() - 1);
  return std::make_pair(row, column);
}

double MatrixChart::preferredHeight(const MatrixModel& model, double width) {
  const Geometry g(QSizeF(width, 4000), model);  // tall enough for the largest cells
  const double rows = std::max<double>(1, static_cast<double>(model.rows.size()));
  return kMargin + kTitleHeight + rows * 36 + g.columnLabelHeight + g.groupHeight + g.footHeight + kMargin + 6;
}

QString MatrixChart::toolTipAt(QPointF chartPos, double) {
  const auto at = cellAt(chartPos);
  if (!at) return {};
  return model_.cells[static_cast<std::size_t>(at->first)][static_cast<std::size_t>(at->second)].toolTip;
}

}  // namespace miwb::charts
