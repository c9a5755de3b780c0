#pragma once
// A figure: one or more charts side by side, drawn from data that the figure owns, plus the data
// behind it as CSV. The GUI views show a figure's charts live; export and `miwb-cli run --figures`
// ask the same figure for fresh charts, so screen and files come from one piece of chart code.
#include <QChart>
#include <QSize>
#include <QString>
#include <memory>
#include <vector>

#include "charts/plane_chart.h"
#include "charts/scaling_chart.h"

namespace miwb::charts {

class Figure {
 public:
  virtual ~Figure() = default;
  virtual QString name() const = 0;  // file stem: "information-plane", "scaling"
  virtual std::vector<std::unique_ptr<QChart>> createCharts() const = 0;
  virtual QString dataCsv() const = 0;
  virtual bool empty() const = 0;
  // The PNG size a figure is written at by default (at ExportOptions' default DPI).
  virtual QSize defaultPixels() const { return {1600, 1000}; }
};

class PlaneFigure : public Figure {
 public:
  PlaneData data;
  PlaneOptions options;

  QString name() const override { return "information-plane"; }
  std::vector<std::unique_ptr<QChart>> createCharts() const override;
  QString dataCsv() const override { return data.toCsv(options.bits); }
  bool empty() const override { return data.empty(); }
};

class ScalingFigure : public Figure {
 public:
  ScalingData data;
  bool bits = true;

  QString name() const override { return "scaling"; }
  std::vector<std::unique_ptr<QChart>> createCharts() const override;
  QString dataCsv() const override { return data.toCsv(bits); }
  bool empty() const override { return data.empty(); }
};

}  // namespace miwb::charts
