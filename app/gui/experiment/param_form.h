#pragma once
// A form built from a plugin's parameter schema: the widget that fits each type (spin boxes with
// the schema's range, a combo box for choices, a check box, a line edit for lists, "auto" and
// paths, with a browse button for paths), the help text as tooltip. Each value is checked by the
// same ParamSchema code the CLI uses; an invalid field turns red and says why.
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
  void setValues(const Json& values);  // unknown keys are ignored; missing ones keep their value
  QString firstError() const;
  // Marks a field invalid for a reason found beyond its own value (the plugin's checks of the
  // whole parameter set, e.g. binning's range lo < hi); an empty message clears it.
  void setFieldError(const std::string& name, const QString& message);
  // The first field marked invalid, or nullptr (tests look at it).
  QWidget* invalidField() const;

 Q_SIGNALS:
  void changed();

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

  ParamSchema schema_;
  std::string owner_;
  std::string externalField_;
  QString externalError_;
  std::vector<Field> fields_;
  QLabel* errorLabel_;
};

}  // namespace miwb::gui
