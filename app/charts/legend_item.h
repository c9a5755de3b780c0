#pragma once
// A legend drawn below the plot in as many columns as the chart's width allows, wrapping onto more
// rows rather than eliding names (Qt Charts' own bottom legend puts every entry on one row and cuts
// the names to "KSG ..."; on the right it takes the plot's room). Part of the chart's scene, so
// exported figures carry it.
#include <QGraphicsItem>
#include <QPen>
#include <QString>
#include <vector>

namespace miwb::charts {

class LegendItem : public QGraphicsItem {
 public:
  struct Entry {
    QString name;
    QPen pen;           // the line sample (its dash pattern tells the true values apart)
    bool marker = false;  // also a filled circle on the sample
    QColor fill;
  };

  explicit LegendItem(QGraphicsItem* parent = nullptr);

  void setEntries(std::vector<Entry> entries);
  const std::vector<Entry>& entries() const { return entries_; }
  void setFontPixels(int pixels);
  // Lays the entries out in `width`; returns the height they need (0 without entries).
  double layout(double width);

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  QFont font() const;
  double rowHeight() const;

  std::vector<Entry> entries_;
  int fontPixels_ = 12;
  double width_ = 0, columnWidth_ = 0;
  int columns_ = 1;
};

}  // namespace miwb::charts
