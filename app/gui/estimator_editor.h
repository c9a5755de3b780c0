#pragma once
// One estimator of an experiment: which plugin estimator, its label, and its parameter form.
#include <QGroupBox>

#include "miwb/params.h"

class QComboBox;
class QLineEdit;
class QVBoxLayout;

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

class ParamForm;

class EstimatorEditor : public QGroupBox {
  Q_OBJECT
 public:
  EstimatorEditor(const PluginRegistry& registry, QWidget* parent = nullptr);

  // {"id", "params", "label"} as in the experiment file; the label is left out when empty.
  Json toJson() const;
  void setFromJson(const Json& spec);
  QString problem() const;  // the first invalid parameter, or empty
  QString currentId() const;

 Q_SIGNALS:
  void changed();
  void removeRequested(EstimatorEditor* self);

 private:
  void rebuildForm();

  const PluginRegistry& registry_;
  QComboBox* estimator_;
  QLineEdit* label_;
  QVBoxLayout* formHolder_;
  ParamForm* form_ = nullptr;
};

}  // namespace miwb::gui
