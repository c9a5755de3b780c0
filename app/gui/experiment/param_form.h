#pragma once
// A form built from a plugin's parameter schema: the widget that fits each type (spin boxes with
// the schema's range, a combo box for choices, a check box, a line edit for lists, "auto" and
// paths, with a browse button for paths), the help text as tooltip. Each value is checked by the
// same ParamSchema code the CLI uses; an invalid field turns red and says why. A key the schema does
// not know ("binz" for "bins") is shown read-only, with a button to remove it: the document keeps it
// until then, and the plugin refuses it as the CLI does.
#include <QWidget>
#include <map>

#include "miwb/params.h"

class QFormLayout;
class QLabel;

namespace miwb::gui {

class ParamForm : public QWidget {
  Q_OBJECT
 public:
  ParamForm(ParamSchema schema, std::string owner, QWidget* parent = nullptr);

  // The values as JSON (only the valid ones); firstError() explains the first invalid field.
  Json values() const;
  // Missing keys keep their value; keys the schema does not know become read-only rows.
  void setValues(const Json& values);
  QString firstError() const;
  // Marks a field invalid for a reason found beyond its own value (the plugin's checks of the
  // whole parameter set, e.g. binning's range lo < hi); an empty message clears it.
  void setFieldError(const std::string& name, const QString& message);
  // The first field marked invalid, or nullptr (tests look at it).
  QWidget* invalidField() const;
  // The read-only row of a key the schema does not know, or nullptr.
  QWidget* unknownField(const std::string& name) const;

 Q_SIGNALS:
  void changed();
  // The Remove button of an unknown key was clicked (its row is gone): drop it from the document.
  void removeUnknownRequested(const QString& name);

 private:
  struct Field {
    const ParamSpec* spec;
    QWidget* editor;
  };
  QWidget* makeEditor(const ParamSpec& spec);
  bool readField(const Field& field, Json& out, QString& error) const;
  void writeField(const Field& field, const Json& value);
  void validate();

  QWidget* target(const Field& field) const;
  void showUnknown(const Json& values);

  ParamSchema schema_;
  std::string owner_;
  std::string externalField_;
  QString externalError_;
  std::vector<Field> fields_;
  std::vector<std::pair<std::string, QWidget*>> unknown_;  // key, its read-only line edit
  QFormLayout* layout_;
  QLabel* errorLabel_;
};

}  // namespace miwb::gui
