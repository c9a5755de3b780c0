#include "dialogs/plugins_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "miwb/host/plugins/plugin_registry.h"

namespace miwb::gui {

PluginsDialog::PluginsDialog(const PluginRegistry& registry, QWidget* parent) : QDialog(parent) {
  setWindowTitle("Plugins");
  resize(980, 560);
  auto* tree = new QTreeWidget;
  tree->setObjectName("plugins");
  tree->setHeaderLabels({"File / offering", "State", "Plugin", "Version", "Reason or description"});
  tree->setRootIsDecorated(true);
  tree->setAlternatingRowColors(true);
  int loaded = 0, rejected = 0;
  for (const PluginRecord& record : registry.records()) {
    auto* item = new QTreeWidgetItem(tree);
    item->setText(0, QFileInfo(record.path).fileName());
    item->setToolTip(0, record.path);
    item->setText(1, toString(record.state));
    item->setText(2, QString::fromStdString(record.id.empty() ? std::string() : record.id + " (" + toString(record.kind) + ")"));
    item->setText(3, QString::fromStdString(record.version));
    item->setText(4, record.state == PluginState::Rejected ? record.reason : QString::fromStdString(record.description));
    item->setToolTip(4, item->text(4));
    if (record.state == PluginState::Rejected) {
      ++rejected;
      for (int c = 0; c < 5; ++c) item->setForeground(c, QColor(0xb0, 0x00, 0x20));
    } else if (record.state == PluginState::Loaded) {
      ++loaded;
    }
    for (const OfferingInfo& offering : record.offerings) {
      auto* child = new QTreeWidgetItem(item);
      child->setText(0, QString::fromStdString(offering.id));
      child->setText(2, QString::fromStdString(offering.name));
      child->setText(4, QString::fromStdString(offering.description));
      child->setToolTip(4, QString::fromStdString(offering.description + (offering.cost.empty() ? "" : "\nCost: " + offering.cost)));
    }
  }
  tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

  QStringList folders;
  for (const QString& folder : registry.searchPath())
    folders << (QDir::toNativeSeparators(folder) + (QFileInfo::exists(folder) ? "" : "  (does not exist)")).toHtmlEscaped();
  auto* summary = new QLabel(QStringLiteral("%1 plugin files tried: %2 loaded, %3 rejected.").arg(registry.records().size()).arg(loaded).arg(rejected));
  auto* path = new QLabel("<b>Search path</b> (in order; the first plugin to offer an id wins; add folders with "
                          "MIWB_PLUGIN_PATH):<br>" + folders.join("<br>"));
  path->setTextInteractionFlags(Qt::TextSelectableByMouse);
  path->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary);
  layout->addWidget(tree, 1);
  layout->addWidget(path);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

}  // namespace miwb::gui
