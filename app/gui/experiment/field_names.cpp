#include "experiment/field_names.h"

#include <QRegularExpression>
#include <map>

namespace miwb::gui {

namespace {

// The experiment panel's labels for the fields of the experiment file.
const std::map<QString, QString>& visibleNames() {
  static const std::map<QString, QString> names{
      {"name", "Name"},
      {"seed", "Seed"},
      {"kind", "Kind"},
      {"dataset", "Dataset"},
      {"dataset.id", "Dataset"},
      {"dataset.params", "Dataset"},
      {"grid.n", "N"},
      {"grid.repeats", "Repeats"},
      {"grid.sweep", "Sweep parameter"},
      {"grid.sweep.param", "Sweep parameter"},
      {"grid.sweep.values", "Sweep values"},
      {"grid.layers", "Layers"},
      {"grid.epochs", "Epochs"},
      {"grid.samples", "Samples"},
      {"estimators", "Estimators"},
      {"estimators.id", "Estimator"},
      {"estimators.params", "Estimator"},
      {"estimators.label", "Label"},
      {"estimators.quantities", "Measures"},
  };
  return names;
}

}  // namespace

FieldProblem inWindowTerms(const QString& coreMessage) {
  static const QRegularExpression fieldName(R"(field '([A-Za-z_.]+)(?:\[(\d+)\])?([A-Za-z_.]*)(?:\[(\d+)\])?')");
  const auto match = fieldName.match(coreMessage);
  if (!match.hasMatch()) return {coreMessage, {}, -1};
  FieldProblem problem;
  problem.field = match.captured(1) + match.captured(3);
  const bool perEstimator = match.captured(1) == "estimators";
  const QString indexText = match.captured(2).isEmpty() ? match.captured(4) : match.captured(2);
  problem.index = indexText.isEmpty() ? -1 : indexText.toInt();
  const auto name = visibleNames().find(problem.field);
  QString visible = name != visibleNames().end() ? name->second : problem.field;
  if (problem.index >= 0)
    visible += perEstimator ? QStringLiteral(" of estimator %1").arg(problem.index + 1)
                            : QStringLiteral(" (entry %1)").arg(problem.index + 1);
  problem.message = QString(coreMessage).replace(match.capturedStart(), match.capturedLength(), visible);
  return problem;
}

}  // namespace miwb::gui
