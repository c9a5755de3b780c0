#include "experiment/task_picker.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>

#include "miwb/host/benchmark/benchmark_grid.h"
#include "miwb/host/plugins/plugin_registry.h"

namespace miwb::gui {

std::optional<QString> pickBenchmarkTasks(const OfferingInfo& dataset, const QString& current, QWidget* parent) {
  const ParamSpec* spec = dataset.params.find(kBenchmarkTaskParam);
  if (!spec) return std::nullopt;
  std::map<std::string, std::pair<std::string, std::string>> named;  // id -> (family, label)
  const Json meta = dataset.extra.value("tasks", Json::array());
  if (meta.is_array())
    for (const Json& t : meta)
      if (t.is_object() && t.contains("id") && t["id"].is_string())
        named[t["id"].get<std::string>()] = {t.value("family", std::string()), t.value("label", std::string())};
  QStringList chosen;
  for (const QString& id : current.split(',', Qt::SkipEmptyParts)) chosen << id.trimmed();
  const bool all = chosen.isEmpty() || chosen == QStringList{"all"};

  QDialog dialog(parent);
  dialog.setWindowTitle("Benchmark tasks of " + QString::fromStdString(dataset.id));
  auto* layout = new QVBoxLayout(&dialog);
  auto* tree = new QTreeWidget;
  tree->setObjectName("taskTree");
  tree->setHeaderLabels({"Task", "Id"});
  std::map<std::string, QTreeWidgetItem*> families;
  std::vector<QTreeWidgetItem*> leaves;
  for (const std::string& id : spec->choices) {
    if (id == kCustomTask) continue;
    const auto it = named.find(id);
    const std::string family = it != named.end() && !it->second.first.empty() ? it->second.first : "Tasks";
    const std::string label = it != named.end() && !it->second.second.empty() ? it->second.second : id;
    QTreeWidgetItem*& group = families[family];
    if (!group) {
      group = new QTreeWidgetItem(tree, {QString::fromStdString(family)});
      group->setFlags(group->flags() | Qt::ItemIsAutoTristate | Qt::ItemIsUserCheckable);
      group->setExpanded(true);
    }
    auto* leaf = new QTreeWidgetItem(group, {QString::fromStdString(label), QString::fromStdString(id)});
    leaf->setFlags(leaf->flags() | Qt::ItemIsUserCheckable);
    leaf->setCheckState(0, all || chosen.contains(QString::fromStdString(id)) ? Qt::Checked : Qt::Unchecked);
    leaves.push_back(leaf);
  }
  tree->resizeColumnToContents(0);
  layout->addWidget(tree);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  auto* every = buttons->addButton("All", QDialogButtonBox::ActionRole);
  auto* none = buttons->addButton("None", QDialogButtonBox::ActionRole);
  QObject::connect(every, &QPushButton::clicked, &dialog, [&] { for (auto* l : leaves) l->setCheckState(0, Qt::Checked); });
  QObject::connect(none, &QPushButton::clicked, &dialog, [&] { for (auto* l : leaves) l->setCheckState(0, Qt::Unchecked); });
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  layout->addWidget(buttons);
  dialog.resize(560, 640);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  QStringList ids;
  for (auto* l : leaves)
    if (l->checkState(0) == Qt::Checked) ids << l->text(1);
  if (ids.size() == static_cast<int>(leaves.size())) return QString("all");
  return ids.join(", ");  // empty: the core names the empty list
}

}  // namespace miwb::gui
