#pragma once
// "Also in this document": the fields of the experiment document that the form has no widget for
// (uncertainty, task_time_limit), read-only under their declared labels, and the warnings about keys
// nothing reads, with the hint for a near miss. They stay in the document, so Save keeps them and
// Run honours them; a refusal about one of them marks its row.
#include <QGroupBox>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "miwb/params.h"

class QLabel;

namespace miwb::gui {

class OtherFieldsBox : public QGroupBox {
  Q_OBJECT
 public:
  explicit OtherFieldsBox(QWidget* parent = nullptr);

  // Rows for the declared fields of `document` that `edited` (the form's own fields) does not
  // claim; hidden when there is nothing to show.
  void showDocument(const Json& document, const std::function<bool(std::string_view path)>& edited);
  QWidget* field(const std::string& path) const;  // a row's read-only edit, or nullptr
  std::vector<QWidget*> rows() const;
  const QStringList& warnings() const { return warnings_; }

 private:
  std::vector<std::pair<std::string, QWidget*>> rows_;  // declared path, its read-only edit
  QLabel* note_;
  QStringList warnings_;
};

}  // namespace miwb::gui
