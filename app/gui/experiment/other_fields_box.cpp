#include "experiment/other_fields_box.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <algorithm>

#include "experiment/field_text.h"
#include "miwb/host/experiment/experiment_fields.h"
#include "miwb/host/experiment/experiment_keys.h"

namespace miwb::gui {

namespace {
// Whether a declared object has declared fields of its own (which then get the rows).
bool hasChildren(const ExperimentField& f) {
  return std::any_of(experimentFields().begin(), experimentFields().end(), [&](const ExperimentField& c) {
    return c.path.size() > f.path.size() && c.path.substr(0, f.path.size()) == f.path && c.path[f.path.size()] == '.';
  });
}
}  // namespace

OtherFieldsBox::OtherFieldsBox(QWidget* parent) : QGroupBox("Also in this document", parent), note_(new QLabel) {
  setObjectName("otherFields");
  setToolTip("Fields of the experiment file that this form does not edit: they are kept when it is saved and apply "
             "when it runs. Edit the file to change them.");
  auto* layout = new QFormLayout(this);
  note_->setObjectName("unknownKeys");
  note_->setWordWrap(true);
  note_->setStyleSheet("color: #8a5a00;");
  layout->addRow(note_);
  hide();
}

void OtherFieldsBox::showDocument(const Json& document, const std::function<bool(std::string_view)>& edited) {
  auto* form = static_cast<QFormLayout*>(layout());
  for (auto& [path, edit] : rows_) form->removeRow(edit);
  rows_.clear();
  for (const ExperimentField& f : experimentFields()) {
    const auto at = fieldPointer(f.path);
    if (edited(f.path) || !document.contains(at)) continue;
    const Json& value = document[at];
    if (value.is_object() && hasChildren(f)) continue;
    const QString path = QString::fromUtf8(f.path.data(), static_cast<qsizetype>(f.path.size()));
    auto* edit = new QLineEdit(QString::fromStdString(value.dump()));
    edit->setReadOnly(true);
    edit->setObjectName(path);
    edit->setToolTip("<p>" + fieldHelp(f.path).toHtmlEscaped() + "</p><p><i>" + path +
                     ": kept when saved; edit the file to change it.</i></p>");
    form->addRow(fieldLabel(f.path), edit);  // declared labels say whose field it is ("Uncertainty level")
    rows_.emplace_back(std::string(f.path), edit);
  }
  warnings_.clear();
  for (const UnknownKey& key : unknownExperimentKeys(document)) warnings_ << QString::fromStdString(key.message());
  note_->setText(warnings_.join("\n"));
  note_->setVisible(!warnings_.isEmpty());
  setVisible(!rows_.empty() || !warnings_.isEmpty());
}

QWidget* OtherFieldsBox::field(const std::string& path) const {
  for (const auto& [p, edit] : rows_)
    if (p == path) return edit;
  return nullptr;
}

std::vector<QWidget*> OtherFieldsBox::rows() const {
  std::vector<QWidget*> out;
  for (const auto& [path, edit] : rows_) out.push_back(edit);
  return out;
}

}  // namespace miwb::gui
