#pragma once
// One estimator of an experiment: which plugin estimator, its label, what it measures (the
// quantities of the experiment's kind that the estimator offers) and its parameter form.
#include <QGroupBox>
#include <string>
#include <vector>

#include "miwb/host/experiment/quantity.h"
#include "miwb/params.h"

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QVBoxLayout;

namespace miwb {
class PluginRegistry;
struct OfferingInfo;
}

namespace miwb::gui {

class ParamForm;

class EstimatorEditor : public QGroupBox {
  Q_OBJECT
 public:
  EstimatorEditor(const PluginRegistry& registry, ExperimentKind kind, QWidget* parent = nullptr);

  // {"id", "params", "label", "quantities"} as in the experiment file; the label is left out when empty.
  Json toJson() const;
  void setFromJson(const Json& spec);
  // The quantity boxes follow the experiment's kind, keeping what the new kind measures too.
  void setKind(ExperimentKind kind);
  // The first invalid parameter, or empty: each field by the schema, then the whole set by the
  // plugin itself (as a run would create it), whose complaint marks the field it names.
  QString problem() const;
  QString currentId() const;

 Q_SIGNALS:
  void changed();
  void removeRequested(EstimatorEditor* self);

 private:
  void rebuildForm();
  void rebuildQuantityBoxes();
  void checkQuantities(const std::vector<std::string>& wanted);
  std::vector<std::string> checkedQuantities() const;
  const OfferingInfo* offering() const;

  const PluginRegistry& registry_;
  ExperimentKind kind_;
  QComboBox* estimator_;
  QLineEdit* label_;
  QHBoxLayout* quantityRow_;
  std::vector<QCheckBox*> quantityBoxes_;  // one per quantity of the kind, in the kind's order
  QVBoxLayout* formHolder_;
  ParamForm* form_ = nullptr;
  // Whether the label is the user's own (typed here); a label that is not follows the estimator.
  bool labelTyped_ = false;
};

}  // namespace miwb::gui
