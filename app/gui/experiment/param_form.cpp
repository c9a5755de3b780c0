#include "experiment/param_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <climits>
#include <cmath>

namespace miwb::gui {

namespace {

// A double spin box that shows values compactly ("0.001", "1e-08") instead of fixed decimals.
class RealSpinBox : public QDoubleSpinBox {
 public:
  using QDoubleSpinBox::QDoubleSpinBox;
  QString textFromValue(double value) const override { return QString::number(value, 'g', 10); }
  double valueFromText(const QString& text) const override { return locale().toDouble(text); }
  QValidator::State validate(QString& text, int&) const override {
    bool ok = false;
    locale().toDouble(text, &ok);
    return ok ? QValidator::Acceptable : QValidator::Intermediate;
  }
};

QString toolTipFor(const ParamSpec& spec) {
  QString tip = QString::fromStdString(spec.help);
  QStringList facts;
  facts << "type " + QString::fromStdString(ParamSpec::typeName(spec.type));
  if (!spec.rangeText().empty()) facts << QString::fromStdString(spec.rangeText());
  if (!spec.unit.empty()) facts << "unit " + QString::fromStdString(spec.unit);
  if (spec.nullable) facts << "empty or \"auto\" for automatic";
  facts << "default " + QString::fromStdString(spec.defaultValue.dump());
  return "<p>" + tip.toHtmlEscaped() + "</p><p><i>" + facts.join(", ").toHtmlEscaped() + "</i></p>";
}

// Spin boxes hold ints: wider ranges (seeds) and nullable values use a line edit.
bool fitsSpinBox(const ParamSpec& spec) {
  if (spec.nullable) return false;
  if (spec.type == ParamType::Int)
    return spec.minimum && spec.maximum && *spec.minimum >= INT_MIN && *spec.maximum <= INT_MAX;
  return spec.type == ParamType::Real;
}

QString textOf(const Json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return QString::fromStdString(value.get<std::string>());
  if (value.is_array()) {
    QStringList parts;
    for (const Json& v : value) parts << textOf(v);
    return parts.join(", ");
  }
  if (value.is_number_float()) return QString::number(value.get<double>(), 'g', 12);
  return QString::fromStdString(value.dump());
}

}  // namespace

ParamForm::ParamForm(ParamSchema schema, std::string owner, QWidget* parent)
    : QWidget(parent), schema_(std::move(schema)), owner_(std::move(owner)), layout_(new QFormLayout(this)),
      errorLabel_(new QLabel) {
  QFormLayout* layout = layout_;
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  for (const ParamSpec& spec : schema_.specs()) {
    QWidget* editor = makeEditor(spec);
    auto* label = new QLabel(QString::fromStdString(spec.name) +
                             (spec.unit.empty() ? QString() : " [" + QString::fromStdString(spec.unit) + "]"));
    label->setToolTip(toolTipFor(spec));
    editor->setToolTip(toolTipFor(spec));
    layout->addRow(label, editor);
    fields_.push_back({&spec, editor});
    writeField(fields_.back(), spec.defaultValue);
  }
  errorLabel_->setWordWrap(true);
  errorLabel_->setStyleSheet("color: #b00020;");
  errorLabel_->hide();
  layout->addRow(errorLabel_);
  connect(this, &ParamForm::changed, this, &ParamForm::validate);
  validate();
}

QWidget* ParamForm::makeEditor(const ParamSpec& spec) {
  const QString name = QString::fromStdString(spec.name);
  if (spec.type == ParamType::Bool) {
    auto* box = new QCheckBox;
    connect(box, &QCheckBox::toggled, this, &ParamForm::changed);
    box->setObjectName(name);
    return box;
  }
  if (spec.type == ParamType::Choice) {
    auto* combo = new QComboBox;
    for (const std::string& choice : spec.choices) combo->addItem(QString::fromStdString(choice));
    connect(combo, &QComboBox::currentIndexChanged, this, &ParamForm::changed);
    combo->setObjectName(name);
    return combo;
  }
  // Spin boxes accept any number as typed: the schema's range is checked like every other rule and
  // shown in red, rather than the spin box quietly dropping a '-' and turning -5 into 5.
  if (fitsSpinBox(spec) && spec.type == ParamType::Int) {
    auto* spin = new QSpinBox;
    spin->setRange(INT_MIN, INT_MAX);
    connect(spin, &QSpinBox::valueChanged, this, &ParamForm::changed);
    spin->setObjectName(name);
    return spin;
  }
  if (fitsSpinBox(spec)) {
    auto* spin = new RealSpinBox;
    spin->setDecimals(12);
    spin->setRange(-1e300, 1e300);
    spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    connect(spin, &QDoubleSpinBox::valueChanged, this, &ParamForm::changed);
    spin->setObjectName(name);
    return spin;
  }
  auto* edit = new QLineEdit;
  edit->setObjectName(name);
  if (spec.nullable) edit->setPlaceholderText("auto");
  if (spec.type == ParamType::IntList || spec.type == ParamType::RealList)
    if (!spec.nullable) edit->setPlaceholderText("comma-separated numbers");
  connect(edit, &QLineEdit::textChanged, this, &ParamForm::changed);
  if (spec.type != ParamType::Path) return edit;

  // Paths: a file button (and a folder one, since activation stores may be folders of .npy files).
  auto* row = new QWidget;
  row->setObjectName(name + "-row");
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  auto* file = new QToolButton;
  file->setText("…");
  file->setToolTip("Choose a file");
  auto* folder = new QToolButton;
  folder->setText("Dir…");
  folder->setToolTip("Choose a folder");
  layout->addWidget(file);
  layout->addWidget(folder);
  connect(file, &QToolButton::clicked, this, [this, edit] {
    const QString path = QFileDialog::getOpenFileName(this, "Choose a file", edit->text());
    if (!path.isEmpty()) edit->setText(path);
  });
  connect(folder, &QToolButton::clicked, this, [this, edit] {
    const QString path = QFileDialog::getExistingDirectory(this, "Choose a folder", edit->text());
    if (!path.isEmpty()) edit->setText(path);
  });
  return row;
}

bool ParamForm::readField(const Field& field, Json& out, QString& error) const {
  const ParamSpec& spec = *field.spec;
  QWidget* w = field.editor;
  if (auto* box = qobject_cast<QCheckBox*>(w)) {
    out = box->isChecked();
  } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
    out = combo->currentText().toStdString();
  } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
    out = spin->value();
  } else if (auto* real = qobject_cast<QDoubleSpinBox*>(w)) {
    out = real->value();
  } else {
    auto* edit = qobject_cast<QLineEdit*>(w);
    if (!edit) edit = w->findChild<QLineEdit*>();
    const QString text = edit->text().trimmed();
    if (spec.type == ParamType::String || spec.type == ParamType::Path) {
      out = text.toStdString();
    } else if (text.isEmpty() && spec.nullable) {
      out = nullptr;
    } else if (auto s = ParamSchema::parseText(spec, text.toStdString(), owner_, out); !s) {
      error = QString::fromStdString(s.message());
      return false;
    }
  }
  // The schema's own check, exactly as the CLI applies it.
  Json resolved;
  const ParamSchema single({spec});
  if (auto s = single.resolve(Json{{spec.name, out}}, owner_, resolved); !s) {
    error = QString::fromStdString(s.message());
    return false;
  }
  return true;
}

void ParamForm::writeField(const Field& field, const Json& value) {
  QWidget* w = field.editor;
  const QSignalBlocker block(this);
  if (auto* box = qobject_cast<QCheckBox*>(w)) {
    box->setChecked(value.is_boolean() && value.get<bool>());
  } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
    combo->setCurrentText(textOf(value));
  } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
    if (value.is_number()) spin->setValue(value.get<int>());
  } else if (auto* real = qobject_cast<QDoubleSpinBox*>(w)) {
    if (value.is_number()) real->setValue(value.get<double>());
  } else {
    auto* edit = qobject_cast<QLineEdit*>(w);
    if (!edit) edit = w->findChild<QLineEdit*>();
    edit->setText(textOf(value));
  }
}

Json ParamForm::values() const {
  Json out = Json::object();
  for (const Field& field : fields_) {
    Json value;
    QString error;
    if (readField(field, value, error)) out[field.spec->name] = value;
  }
  return out;
}

void ParamForm::setValues(const Json& values) {
  if (!values.is_object()) return;
  for (const Field& field : fields_)
    if (values.contains(field.spec->name)) writeField(field, values[field.spec->name]);
  showUnknown(values);
  validate();
}

void ParamForm::showUnknown(const Json& values) {
  for (auto& [name, edit] : unknown_) layout_->removeRow(edit->parentWidget());
  unknown_.clear();
  for (const auto& [key, value] : values.items()) {
    if (schema_.find(key)) continue;
    auto* row = new QWidget;
    auto* rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    auto* edit = new QLineEdit(QString::fromStdString(value.dump()));
    edit->setObjectName(QString::fromStdString(key));
    edit->setReadOnly(true);
    edit->setToolTip(QStringLiteral("'%1' is not a parameter of '%2': the file has it, and a run refuses it. Remove "
                                    "it, or correct the name in the file.")
                         .arg(QString::fromStdString(key), QString::fromStdString(owner_)));
    auto* remove = new QToolButton;
    remove->setText("Remove");
    remove->setObjectName("remove " + QString::fromStdString(key));
    rowLayout->addWidget(edit, 1);
    rowLayout->addWidget(remove);
    const QString name = QString::fromStdString(key);
    connect(remove, &QToolButton::clicked, this, [this, name, row] {
      std::erase_if(unknown_, [&](const auto& entry) { return entry.second->parentWidget() == row; });
      // Taken out now, deleted later: the button being clicked is inside the row.
      const QFormLayout::TakeRowResult taken = layout_->takeRow(row);
      for (QLayoutItem* item : {taken.labelItem, taken.fieldItem}) {
        if (!item) continue;
        if (QWidget* w = item->widget()) {
          w->hide();
          w->deleteLater();
        }
        delete item;
      }
      if (externalField_ == name.toStdString()) externalField_.clear();
      Q_EMIT removeUnknownRequested(name);  // the owner drops it from the document
      validate();
    });
    layout_->insertRow(layout_->rowCount() - 1, QString::fromStdString(key) + " (unknown)", row);
    unknown_.emplace_back(key, edit);
  }
}

QWidget* ParamForm::unknownField(const std::string& name) const {
  for (const auto& [key, edit] : unknown_)
    if (key == name) return edit;
  return nullptr;
}

QString ParamForm::firstError() const {
  for (const Field& field : fields_) {
    Json value;
    QString error;
    if (!readField(field, value, error)) return error;
  }
  return {};
}

QWidget* ParamForm::target(const Field& field) const {
  if (auto* edit = qobject_cast<QLineEdit*>(field.editor)) return edit;
  if (auto* edit = field.editor->findChild<QLineEdit*>(); edit && !qobject_cast<QAbstractSpinBox*>(field.editor))
    return edit;
  return field.editor;
}

void ParamForm::setFieldError(const std::string& name, const QString& message) {
  if (externalField_ == name && externalError_ == message) return;
  externalField_ = message.isEmpty() ? std::string() : name;
  externalError_ = message;
  validate();
}

QWidget* ParamForm::invalidField() const {
  for (const Field& field : fields_)
    if (target(field)->property("invalid").toBool()) return target(field);
  for (const auto& [key, edit] : unknown_)
    if (edit->property("invalid").toBool()) return edit;
  return nullptr;
}

void ParamForm::validate() {
  QString first;
  for (const Field& field : fields_) {
    Json value;
    QString error;
    bool ok = readField(field, value, error);
    if (ok && field.spec->name == externalField_) {
      ok = false;
      error = externalError_;
    }
    QWidget* w = target(field);
    w->setStyleSheet(ok ? QString() : "background-color: #ffd6d6;");
    w->setProperty("invalid", !ok);
    if (!ok && first.isEmpty()) first = error;
  }
  for (const auto& [key, edit] : unknown_) {
    const bool bad = key == externalField_;
    edit->setStyleSheet(bad ? "background-color: #ffd6d6;" : QString());
    edit->setProperty("invalid", bad);
    if (bad && first.isEmpty()) first = externalError_;
  }
  errorLabel_->setText(first);
  errorLabel_->setVisible(!first.isEmpty());
}

}  // namespace miwb::gui
