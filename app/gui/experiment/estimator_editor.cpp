#include "experiment/estimator_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "miwb/estimator.h"

#include "miwb/host/plugins/plugin_registry.h"
#include "experiment/document_edits.h"
#include "experiment/param_form.h"

namespace miwb::gui {

namespace {

// The quantity a box stands for (its text may gain a shortcut '&' from the style).
constexpr const char* kQuantityProperty = "quantity";

std::string quantityOf(const QCheckBox* box) { return box->property(kQuantityProperty).toString().toStdString(); }

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// For the boxes' tooltips.
QString meaningOf(const std::string& q) {
  if (q == quantity::kIxy) return "Mutual information between X and Y.";
  if (q == quantity::kIxyGivenZ) return "Conditional mutual information of X and Y given the dataset's Z.";
  if (q == quantity::kHx) return "Entropy of X.";
  if (q == quantity::kHy) return "Entropy of Y.";
  if (q == quantity::kIxt) return "Mutual information between the input X and each layer T.";
  if (q == quantity::kIty) return "Mutual information between each layer T and the label Y.";
  return "Entropy of each layer T.";
}

// What q is and, for an entropy, how the estimator computes it (its metadata's "entropy" entry);
// in paragraphs, which Qt wraps in a tooltip where it leaves plain text on one long line.
QString howMeasured(const OfferingInfo* info, const std::string& q) {
  QString text = "<p>" + meaningOf(q).toHtmlEscaped() + "</p>";
  if (info && isEntropy(q) && info->extra.contains("entropy") && info->extra["entropy"].is_string())
    text += "<p>" + QString::fromStdString(info->extra["entropy"].get<std::string>()).toHtmlEscaped() + "</p>";
  return text;
}

// Why the estimator cannot measure q, or empty where it can (the test Experiment::resolve applies).
QString whyNot(const OfferingInfo* info, const std::string& q) {
  if (!info) return {};
  const QString id = QString::fromStdString(info->id);
  if (isEntropy(q) && !info->offersEntropy())
    return id + " does not estimate entropies (its metadata has no \"entropy\" entry).";
  if (!isEntropy(q) && !info->offersMutualInformation()) return id + " estimates entropy only.";
  if (isConditional(q) && !info->offersConditioning())
    return id + " cannot condition on Z (its metadata has no \"conditional\" entry).";
  return {};
}

// The kind's defaults (its mutual information) for an estimator that measures them; for an
// entropy-only one the kind's first entropy, H(X) or H(T), as the core's error message suggests.
std::vector<std::string> defaultsFor(const OfferingInfo* info, ExperimentKind kind) {
  const std::vector<std::string> defaults = defaultQuantities(kind);
  if (std::all_of(defaults.begin(), defaults.end(), [&](const std::string& q) { return whyNot(info, q).isEmpty(); }))
    return defaults;
  for (const std::string& q : quantitiesOf(kind))
    if (whyNot(info, q).isEmpty()) return {q};
  return defaults;
}

}  // namespace

EstimatorEditor::EstimatorEditor(const PluginRegistry& registry, ExperimentKind kind, QWidget* parent)
    : QGroupBox(parent), registry_(registry), kind_(kind), estimator_(new QComboBox), label_(new QLineEdit),
      quantityRow_(new QHBoxLayout), formHolder_(new QVBoxLayout) {
  estimator_->setObjectName("estimator");
  estimator_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  estimator_->setMinimumContentsLength(16);
  for (const auto& entry : registry_.estimators()) {
    const QString id = QString::fromStdString(entry.info->id);
    estimator_->addItem(QStringLiteral("%1 — %2").arg(id, QString::fromStdString(entry.info->name)), id);
    estimator_->setItemData(estimator_->count() - 1, QString::fromStdString(entry.info->description), Qt::ToolTipRole);
  }
  label_->setObjectName("label");
  label_->setToolTip("Name of this estimator in plots and tables; must be unique in the experiment.");
  auto* remove = new QToolButton;
  remove->setText("Remove");
  remove->setToolTip("Remove this estimator from the experiment");
  quantityRow_->addStretch(1);

  auto* top = new QHBoxLayout;
  top->addWidget(estimator_, 1);
  top->addWidget(remove);
  auto* form = new QFormLayout;
  form->addRow("Estimator", top);
  form->addRow("Label", label_);
  form->addRow("Measures", quantityRow_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(formHolder_);

  connect(estimator_, &QComboBox::currentIndexChanged, this, [this] {
    // A label from a file or a default described the old estimator: results must not be drawn
    // and journaled under it. Cleared, the label is the estimator's id (the placeholder).
    if (!labelTyped_) {
      const QSignalBlocker block(label_);
      label_->clear();
    }
    rebuildForm();
    rebuildQuantityBoxes();
    startNewEntry();
    Q_EMIT changed();
  });
  connect(label_, &QLineEdit::textChanged, this, &EstimatorEditor::changed);
  connect(label_, &QLineEdit::textEdited, this, [this](const QString& text) { labelTyped_ = !text.trimmed().isEmpty(); });
  connect(remove, &QToolButton::clicked, this, [this] { Q_EMIT removeRequested(this); });
  rebuildForm();
  rebuildQuantityBoxes();
  startNewEntry();
}

void EstimatorEditor::startNewEntry() {
  written_ = Json::object();
  // The plugin's defaults count as unchanged; the label and quantities shown are written.
  loaded_ = {{"params", form_ ? form_->values() : Json::object()}};
}

QString EstimatorEditor::currentId() const { return estimator_->currentData().toString(); }

const OfferingInfo* EstimatorEditor::offering() const {
  const auto* entry = registry_.estimator(currentId().toStdString());
  return entry ? entry->info : nullptr;
}

void EstimatorEditor::rebuildForm() {
  delete form_;
  form_ = nullptr;
  const OfferingInfo* info = offering();
  if (!info) return;
  setToolTip(QString::fromStdString(info->description));
  label_->setPlaceholderText(currentId());
  form_ = new ParamForm(info->params, info->id);
  formHolder_->addWidget(form_);
  connect(form_, &ParamForm::changed, this, &EstimatorEditor::changed);
  connect(form_, &ParamForm::removeUnknownRequested, this, [this](const QString& name) {
    if (written_.contains("params") && written_["params"].is_object()) written_["params"].erase(name.toStdString());
    Q_EMIT changed();
  });
}

void EstimatorEditor::setKind(ExperimentKind kind) {
  kind_ = kind;
  rebuildQuantityBoxes();
}

// One box per quantity of the kind, disabled (with the reason as tooltip) where the estimator
// cannot measure it. What was checked stays checked where it still can be.
void EstimatorEditor::rebuildQuantityBoxes() {
  const std::vector<std::string> wanted = checkedQuantities();
  for (QCheckBox* box : quantityBoxes_) delete box;
  quantityBoxes_.clear();
  for (const std::string& q : quantitiesOf(kind_)) {
    auto* box = new QCheckBox(QString::fromStdString(q));
    box->setObjectName(QString::fromStdString("quantity " + q));
    box->setProperty(kQuantityProperty, QString::fromStdString(q));
    const QString why = whyNot(offering(), q);
    box->setEnabled(why.isEmpty());
    box->setToolTip(why.isEmpty() ? howMeasured(offering(), q) : why);
    quantityRow_->insertWidget(static_cast<int>(quantityBoxes_.size()), box);
    quantityBoxes_.push_back(box);
    connect(box, &QCheckBox::toggled, this, [this, box](bool on) {
      // An estimator entry measures something: unchecking the last box is undone.
      if (!on && checkedQuantities().empty()) {
        const QSignalBlocker block(box);
        box->setChecked(true);
        return;
      }
      Q_EMIT changed();
    });
  }
  checkQuantities(wanted);
}

// Checks those of `wanted` that the estimator can measure; where none is left, its defaults.
void EstimatorEditor::checkQuantities(const std::vector<std::string>& wanted) {
  const std::vector<std::string> all = quantitiesOf(kind_);
  const auto measurable = [&](const std::string& q) { return contains(all, q) && whyNot(offering(), q).isEmpty(); };
  const std::vector<std::string> chosen =
      std::any_of(wanted.begin(), wanted.end(), measurable) ? wanted : defaultsFor(offering(), kind_);
  for (QCheckBox* box : quantityBoxes_) {
    const std::string q = quantityOf(box);
    const QSignalBlocker block(box);
    box->setChecked(contains(chosen, q) && measurable(q));
  }
}

std::vector<std::string> EstimatorEditor::checkedQuantities() const {
  std::vector<std::string> checked;
  for (const QCheckBox* box : quantityBoxes_)
    if (box->isChecked()) checked.push_back(quantityOf(box));
  return checked;
}

Json EstimatorEditor::formEntry() const {
  Json spec{{"id", currentId().toStdString()},
            {"params", form_ ? form_->values() : Json::object()},
            {"quantities", checkedQuantities()}};
  if (!label_->text().trimmed().isEmpty()) spec["label"] = label_->text().trimmed().toStdString();
  return spec;
}

Json EstimatorEditor::toJson() const {
  Json spec = withFormChanges(written_, loaded_, formEntry());
  spec["id"] = currentId().toStdString();  // always written, changed or not
  if (spec.contains("params") && spec["params"].is_object() && spec["params"].empty()) spec.erase("params");
  return spec;
}

void EstimatorEditor::setFromJson(const Json& spec) {
  const QString id = QString::fromStdString(spec.value("id", std::string()));
  const int index = estimator_->findData(id);
  if (index >= 0) estimator_->setCurrentIndex(index);
  label_->setText(QString::fromStdString(spec.value("label", std::string())));
  labelTyped_ = false;
  if (form_ && spec.contains("params")) form_->setValues(spec["params"]);
  // Without "quantities" the document means the defaults (as the core reads it): an empty wish.
  std::vector<std::string> wanted;
  if (spec.contains("quantities") && spec["quantities"].is_array())
    for (const Json& q : spec["quantities"])
      if (q.is_string()) wanted.push_back(q.get<std::string>());
  checkQuantities(wanted);
  written_ = spec.is_object() ? spec : Json::object();
  // The same quantities in another order mean the same: kept in the kind's order, as results list them.
  const std::vector<std::string> checked = checkedQuantities();
  if (!wanted.empty() && wanted.size() == checked.size() && std::is_permutation(wanted.begin(), wanted.end(), checked.begin()))
    written_["quantities"] = checked;
  loaded_ = formEntry();
  // Without "quantities" the document means the kind's defaults: boxes that show otherwise (an
  // entropy-only estimator's H(X)) are written, so that what runs is what the form shows.
  if (!written_.contains("quantities")) loaded_["quantities"] = defaultQuantities(kind_);
}

QString EstimatorEditor::problem() const {
  if (!form_) return "no estimator plugin is loaded; see Help > Plugins";
  form_->setFieldError({}, {});
  if (QString error = form_->firstError(); !error.isEmpty()) return error;
  // The parameters as the document holds them, keys the form does not know included.
  std::unique_ptr<Estimator> trial;
  const Status s = registry_.createEstimator(currentId().toStdString(), toJson().value("params", Json::object()), trial);
  if (s) return {};
  const QString message = QString::fromStdString(s.message());
  form_->setFieldError(s.field(), message);
  return message;
}

QWidget* EstimatorEditor::widgetFor(const std::string& key) const {
  if (key == "label") return label_;
  if (key == "id") return estimator_;
  if (!form_) return nullptr;
  if (QWidget* unknown = form_->unknownField(key)) return unknown;
  return form_->findChild<QWidget*>(QString::fromStdString(key));
}

}  // namespace miwb::gui
