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

  // The estimator's entry as the document holds it: the entry it was set from, with what was changed
  // here (document_edits.h); a new entry or another estimator holds its id and what differs from
  // the plugin's defaults. Keys the form has no widget for (an unknown parameter) are kept.
  Json toJson() const;
  void setFromJson(const Json& spec);
  // The quantity boxes follow the experiment's kind, keeping what the new kind measures too.
  void setKind(ExperimentKind kind);
  // The first invalid parameter, or empty: each field by the schema, then the whole set by the
  // plugin itself (as a run would create it), whose complaint marks the field it names (Status::field()).
  QString problem() const;
  // Marks the parameter (or the label, for "label") a problem of the whole document is about.
  QWidget* widgetFor(const std::string& key) const;
  QString currentId() const;

 Q_SIGNALS:
  void changed();
  void removeRequested(EstimatorEditor* self);

 private:
  void rebuildForm();
  void rebuildQuantityBoxes();
  void checkQuantities(const std::vector<std::string>& wanted);
  std::vector<std::string> checkedQuantities() const;
  Json formEntry() const;  // what the widgets show, every default included
  void startNewEntry();    // a fresh entry for the estimator now chosen
  const OfferingInfo* offering() const;

  const PluginRegistry& registry_;
  ExperimentKind kind_;
  QComboBox* estimator_;
  QLineEdit* label_;
  QHBoxLayout* quantityRow_;
  std::vector<QCheckBox*> quantityBoxes_;  // one per quantity of the kind, in the kind's order
  QVBoxLayout* formHolder_;
  ParamForm* form_ = nullptr;
  Json written_ = Json::object();  // the entry as the document had it
  Json loaded_ = Json::object();   // formEntry() when it was set: what counts as unchanged
  // Whether the label is the user's own (typed here); a label that is not follows the estimator.
  bool labelTyped_ = false;
};

}  // namespace miwb::gui
