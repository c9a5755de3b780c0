#pragma once
// Where the window finds the project's documentation (README.md and docs/*.md): installed under
// share/doc/miwb next to the program, or the source tree it was built from.
#include <QString>
#include <QStringList>

namespace miwb::gui {

// The folder holding README.md and the topic pages, or empty when neither place has them.
QString documentationFolder();

// The pages the Help menu offers, as (title, file name relative to documentationFolder()).
struct DocumentationPage {
  QString title;
  QString file;
};
const QList<DocumentationPage>& documentationPages();

}  // namespace miwb::gui
