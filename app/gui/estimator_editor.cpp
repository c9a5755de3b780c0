#include "estimator_editor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "miwb/host/plugin_registry.h"
#include "param_form.h"

namespace miwb::gui {

EstimatorEditor::EstimatorEditor(const PluginRegistry& registry, QWidget* parent)
    : QGroupBox(parent), registry_(registry), estimator_(new QComboBox), label_(new QLineEdit),
      formHolder_(new QVBoxLayout) {
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

  auto* top = new QHBoxLayout;
  top->addWidget(estimator_, 1);
  top->addWidget(remove);
  auto* form = new QFormLayout;
  form->addRow("Estimator", top);
  form->addRow("Label", label_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(formHolder_);

  connect(estimator_, &QComboBox::currentIndexChanged, this, [this] {
    rebuildForm();
    Q_EMIT changed();
  });
  connect(label_, &QLineEdit::textChanged, this, &EstimatorEditor::changed);
  connect(remove, &QToolButton::clicked, this, [this] { Q_EMIT removeRequested(this); });
  rebuildForm();
}

QString EstimatorEditor::currentId() const { return estimator_->currentData().toString(); }

void EstimatorEditor::rebuildForm() {
  delete form_;
  form_ = nullptr;
  const auto* entry = registry_.estimator(currentId().toStdString());
  if (!entry) return;
  setToolTip(QString::fromStdString(entry->info->description));
  label_->setPlaceholderText(currentId());
  form_ = new ParamForm(entry->info->params, entry->info->id);
  formHolder_->addWidget(form_);
  connect(form_, &ParamForm::changed, this, &EstimatorEditor::changed);
}

Json EstimatorEditor::toJson() const {
  Json spec{{"id", currentId().toStdString()}, {"params", form_ ? form_->values() : Json::object()}};
  if (!label_->text().trimmed().isEmpty()) spec["label"] = label_->text().trimmed().toStdString();
  return spec;
}

void EstimatorEditor::setFromJson(const Json& spec) {
  const QString id = QString::fromStdString(spec.value("id", std::string()));
  const int index = estimator_->findData(id);
  if (index >= 0) estimator_->setCurrentIndex(index);
  label_->setText(QString::fromStdString(spec.value("label", std::string())));
  if (form_ && spec.contains("params")) form_->setValues(spec["params"]);
}

QString EstimatorEditor::problem() const {
  if (!form_) return "no estimator plugin is loaded; see Help > Plugins";
  return form_->firstError();
}

}  // namespace miwb::gui
