#include "experiment/experiment_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

#include "experiment/document_edits.h"
#include "experiment/estimator_editor.h"
#include "experiment/field_text.h"
#include "experiment/other_fields_box.h"
#include "experiment/param_form.h"
#include "experiment/store_check.h"
#include "experiment/task_picker.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/experiment/experiment_fields.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "run/run_cost_label.h"

namespace miwb::gui {

namespace {

// Fields with a widget of their own in this form; the others are shown read-only.
bool hasWidget(std::string_view path) {
  static const std::vector<std::string_view> edited{
      field::kSchema, field::kName, field::kKind, field::kSeed, field::kDataset, field::kEstimators, field::kGrid};
  for (std::string_view p : edited)
    if (path == p || (path.size() > p.size() && path.substr(0, p.size()) == p && (path[p.size()] == '.' || path[p.size()] == '[')))
      return true;
  return false;
}

// "100, 1000" -> [100, 1000]; "all" (or empty) -> "all" for the layer and epoch lists.
Json listOrAll(const QString& text, bool integers) {
  const QString trimmed = text.trimmed();
  if (trimmed.isEmpty() || trimmed == "all") return "all";
  Json list = Json::array();
  for (const QString& part : trimmed.split(',', Qt::SkipEmptyParts)) {
    bool ok = false;
    const long long value = part.trimmed().toLongLong(&ok);
    if (integers && ok)
      list.push_back(value);
    else
      list.push_back(part.trimmed().toStdString());  // the core names the bad entry
  }
  return list;
}

Json sweepValue(const QString& text) {
  bool ok = false;
  const double value = text.toDouble(&ok);
  if (ok) return value;
  return text.toStdString();
}

// "All cores" at 0, and any number as typed: a negative count is shown in red with the
// reason instead of the spin box dropping the '-'.
class ThreadsSpinBox : public QSpinBox {
 public:
  ThreadsSpinBox() { setRange(INT_MIN, 1024); }
  QString textFromValue(int value) const override { return value == 0 ? kAll : QSpinBox::textFromValue(value); }
  int valueFromText(const QString& text) const override { return text == kAll ? 0 : QSpinBox::valueFromText(text); }
  QValidator::State validate(QString& text, int& pos) const override {
    return kAll.startsWith(text) && !text.isEmpty() ? QValidator::Acceptable : QSpinBox::validate(text, pos);
  }

 private:
  inline static const QString kAll = "all cores";
};

void setInvalid(QWidget* widget, bool invalid) {
  if (widget->property("invalid").toBool() == invalid) return;
  widget->setProperty("invalid", invalid);
  widget->setStyleSheet(invalid ? "background-color: #ffd6d6;" : QString());
}

QString joined(const Json& list) {
  if (!list.is_array()) return list.is_string() ? QString::fromStdString(list.get<std::string>()) : QString();
  QStringList parts;
  for (const Json& v : list) parts << (v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump()));
  return parts.join(", ");
}

}  // namespace

ExperimentPanel::ExperimentPanel(const PluginRegistry& registry, QWidget* parent)
    : QWidget(parent), registry_(registry), name_(new QLineEdit), kind_(new QComboBox), seed_(new QSpinBox),
      dataset_(new QComboBox), datasetFormHolder_(new QVBoxLayout), estimatorList_(new QVBoxLayout),
      grid_(new QStackedWidget), sizes_(new QLineEdit), repeats_(new QSpinBox), sweepParam_(new QLineEdit),
      sweepValues_(new QLineEdit), scalingForm_(nullptr), tasks_(new QLineEdit), layers_(new QLineEdit),
      epochs_(new QLineEdit), samples_(new QComboBox),
      threads_(new ThreadsSpinBox), output_(new QLineEdit), run_(new QPushButton("Run")),
      cancel_(new QPushButton("Cancel")), reason_(new QLabel), storeInfo_(new QLabel),
      storeCheck_(new StoreCheck(registry, this)) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(buildGeneralBox());
  layout->addWidget(buildDatasetBox());
  layout->addWidget(buildEstimatorsBox());
  layout->addWidget(buildGridBox());
  layout->addWidget(otherFields_ = new OtherFieldsBox);  // the document's fields without a widget
  runBox_ = buildRunBox();  // kept in view below the scrolling form by the window
  layout->addStretch(1);
  connectFields();

  tasks_->setText("all");
  showGridRows();
  rebuildDatasets();
  addEstimator();
  written_ = loaded_ = formDocument();  // a new document: what the form shows
  updateState();
}

QWidget* ExperimentPanel::buildGeneralBox() {
  auto* general = new QGroupBox("Experiment");
  auto* form = new QFormLayout(general);
  name_->setObjectName("name");
  kind_->setObjectName("kind");
  kind_->addItem("Information plane", "information-plane");
  kind_->addItem("Scaling (estimate against N)", "scaling");
  kind_->addItem("Single estimate", "estimate");
  kind_->addItem("Benchmark (task suite)", "benchmark");
  kind_->setToolTip("Information plane: I(X;T) and I(T;Y) per layer and epoch of a network's activations.\n"
                    "Scaling: estimates against the sample size N, over repeats.\nSingle estimate: one number per estimator.\n"
                    "Benchmark: every estimator on every task of a suite with known MI (bmi's heatmap).");
  seed_->setRange(INT_MIN, INT_MAX);  // the core's rule (>= 0) marks a negative seed, see findProblem
  seed_->setObjectName("seed");
  seed_->setToolTip(fieldHelp(field::kSeed));
  name_->setToolTip(fieldHelp(field::kName));
  form->addRow(fieldLabel(field::kName), name_);
  form->addRow(fieldLabel(field::kKind), kind_);
  form->addRow(fieldLabel(field::kSeed), seed_);
  return general;
}

QWidget* ExperimentPanel::buildDatasetBox() {
  auto* data = new QGroupBox(fieldLabel(field::kDataset));
  auto* layout = new QVBoxLayout(data);
  dataset_->setObjectName("dataset");
  // Long plugin names must not widen the panel past its dock: combos size to a short text.
  for (QComboBox* combo : {kind_, dataset_}) {
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
  }
  layout->addWidget(dataset_);
  layout->addLayout(datasetFormHolder_);
  auto* benchmarkNote = new QLabel("Each benchmark task sets this dataset's parameters: choose the tasks under Grid > Tasks.");
  benchmarkNote->setObjectName("benchmarkDatasetNote");
  benchmarkNote->setWordWrap(true);
  benchmarkNote->hide();
  layout->addWidget(benchmarkNote);
  storeInfo_->setObjectName("storeSummary");
  storeInfo_->setWordWrap(true);
  storeInfo_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  storeInfo_->hide();
  layout->addWidget(storeInfo_);
  return data;
}

QWidget* ExperimentPanel::buildEstimatorsBox() {
  auto* estimators = new QGroupBox(fieldLabel(field::kEstimators));
  auto* layout = new QVBoxLayout(estimators);
  layout->addLayout(estimatorList_);
  addEstimator_ = new QPushButton("Add estimator");
  addEstimator_->setObjectName("addEstimator");
  layout->addWidget(addEstimator_);
  return estimators;
}

QWidget* ExperimentPanel::buildGridBox() {
  auto* grid = new QGroupBox(fieldLabel(field::kGrid));
  auto* gridLayout = new QVBoxLayout(grid);
  auto* scalingPage = new QWidget;
  auto* scalingForm = scalingForm_ = new QFormLayout(scalingPage);
  scalingForm->setContentsMargins(0, 0, 0, 0);
  sizes_->setObjectName("sizes");
  sizes_->setToolTip("Sample sizes N, comma-separated (one value for a single estimate).");
  repeats_->setRange(INT_MIN, INT_MAX);
  repeats_->setObjectName("repeats");
  repeats_->setToolTip(fieldHelp(field::kGridRepeats));
  sweepParam_->setPlaceholderText("none");
  sweepParam_->setToolTip("Optional: a dataset parameter to sweep (e.g. rho), one curve per value.");
  sweepValues_->setPlaceholderText("e.g. 0.2, 0.5, 0.8");
  tasks_->setObjectName("tasks");
  tasks_->setToolTip("\"all\" or a comma-separated list of the dataset's task ids.");
  auto* tasksRow = new QHBoxLayout;
  auto* chooseTasks = new QToolButton;
  chooseTasks->setObjectName("chooseTasks");
  chooseTasks->setText("Choose…");
  chooseTasks->setToolTip("Pick tasks from the suite, grouped by family.");
  tasksRow->addWidget(tasks_, 1);
  tasksRow->addWidget(chooseTasks);
  connect(chooseTasks, &QToolButton::clicked, this, &ExperimentPanel::pickTasks);
  scalingForm->addRow(fieldLabel(field::kGridTasks), tasksRow);
  scalingForm->addRow(fieldLabel(field::kGridN), sizes_);
  scalingForm->addRow(fieldLabel(field::kGridRepeats), repeats_);
  scalingForm->addRow(fieldLabel(field::kGridSweepParam), sweepParam_);
  scalingForm->addRow(fieldLabel(field::kGridSweepValues), sweepValues_);
  auto* planePage = new QWidget;
  auto* planeForm = new QFormLayout(planePage);
  planeForm->setContentsMargins(0, 0, 0, 0);
  layers_->setObjectName("layers");
  layers_->setToolTip("\"all\" or a comma-separated list of layer names.");
  epochs_->setObjectName("epochs");
  epochs_->setToolTip("\"all\" or a comma-separated list of recorded epochs.");
  samples_->addItems({"all", "train", "test"});
  samples_->setToolTip(fieldHelp(field::kGridSamples));
  planeForm->addRow(fieldLabel(field::kGridLayers), layers_);
  planeForm->addRow(fieldLabel(field::kGridEpochs), epochs_);
  planeForm->addRow(fieldLabel(field::kGridSamples), samples_);
  grid_->addWidget(planePage);
  grid_->addWidget(scalingPage);
  gridLayout->addWidget(grid_);
  return grid;
}

QWidget* ExperimentPanel::buildRunBox() {
  auto* box = new QGroupBox("Run");
  auto* runForm = new QFormLayout(box);
  threads_->setToolTip("Worker threads for the estimates; results do not depend on it. The default uses every "
                       "core; the run's threads run at background priority, so the window stays responsive.");
  auto* outputRow = new QHBoxLayout;
  output_->setObjectName("output");
  output_->setToolTip("Each run writes a new folder here: results.jsonl, results.csv, experiment.json.");
  auto* browse = new QToolButton;
  browse->setText("…");
  outputRow->addWidget(output_, 1);
  outputRow->addWidget(browse);
  connect(browse, &QToolButton::clicked, this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, "Folder for results", output_->text());
    if (!folder.isEmpty()) output_->setText(folder);
  });
  runForm->addRow("Threads", threads_);
  runForm->addRow("Results in", outputRow);
  auto* buttons = new QHBoxLayout;
  run_->setObjectName("run");
  run_->setDefault(true);
  cancel_->setObjectName("cancel");
  buttons->addWidget(run_);
  buttons->addWidget(cancel_);
  slurm_ = new QPushButton("Send to SLURM…");
  slurm_->setObjectName("slurm");
  slurm_->setToolTip("Run the experiment as shards of a SLURM job array; the sbatch scripts are shown first");
  buttons->addWidget(slurm_);
  cost_ = new RunCostLabel(registry_, box);
  buttons->addWidget(cost_, 1);
  runForm->addRow(buttons);
  reason_->setObjectName("reason");
  reason_->setWordWrap(true);
  reason_->setStyleSheet("color: #b00020;");
  // Room for three lines whether or not there is a reason: the Run button must not move when
  // one appears (the whole text is in its tooltip).
  reason_->setFixedHeight(3 * reason_->fontMetrics().lineSpacing() + 4);
  reason_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  runForm->addRow(reason_);
  return box;
}

void ExperimentPanel::connectFields() {
  connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
    grid_->setCurrentIndex(kind() == ExperimentKind::InformationPlane ? 0 : 1);
    showGridRows();
    rebuildDatasets();
    for (EstimatorEditor* e : estimators_) e->setKind(kind());
    Q_EMIT changed();
  });
  connect(dataset_, &QComboBox::currentIndexChanged, this, [this] {
    rebuildDatasetForm();
    Q_EMIT changed();
  });
  connect(addEstimator_, &QPushButton::clicked, this, [this] {
    addEstimator();
    Q_EMIT changed();
  });
  for (QLineEdit* edit : {name_, tasks_, sizes_, sweepParam_, sweepValues_, layers_, epochs_, output_})
    connect(edit, &QLineEdit::textChanged, this, &ExperimentPanel::changed);
  connect(seed_, &QSpinBox::valueChanged, this, &ExperimentPanel::changed);
  connect(repeats_, &QSpinBox::valueChanged, this, &ExperimentPanel::changed);
  connect(samples_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::changed);
  connect(run_, &QPushButton::clicked, this, &ExperimentPanel::runRequested);
  connect(cancel_, &QPushButton::clicked, this, &ExperimentPanel::cancelRequested);
  connect(slurm_, &QPushButton::clicked, this, &ExperimentPanel::slurmRequested);
  connect(this, &ExperimentPanel::changed, this, &ExperimentPanel::updateState);
  connect(threads_, &QSpinBox::valueChanged, this, &ExperimentPanel::updateState);
  connect(storeCheck_, &StoreCheck::checked, this, [this](const StoreSummary& summary) {
    storeInfo_->setText((summary.error.isEmpty() ? "Store: " : "Cannot use this store: ") + summary.text());
    storeInfo_->setStyleSheet(summary.error.isEmpty() ? "color: #205020;" : "color: #b00020;");
    storeInfo_->setVisible(checksStore());
    updateState();
  });
}

void ExperimentPanel::showGridRows() {
  const bool benchmark = kind() == ExperimentKind::Benchmark;
  scalingForm_->setRowVisible(0, benchmark);  // the tasks row, the form's first
  scalingForm_->setRowVisible(sweepParam_, !benchmark);
  scalingForm_->setRowVisible(sweepValues_, !benchmark);
  // In a benchmark the tasks set the dataset's parameters, so its form (a `task` choice, the custom
  // family's settings) would only mislead: a note says where the tasks are chosen instead.
  if (datasetForm_) datasetForm_->setVisible(!benchmark);
  if (auto* note = findChild<QLabel*>("benchmarkDatasetNote")) note->setVisible(benchmark);
}

void ExperimentPanel::pickTasks() {
  const auto* entry = registry_.dataset(dataset_->currentData().toString().toStdString());
  if (!entry) return;
  if (const auto chosen = pickBenchmarkTasks(*entry->info, tasks_->text(), this)) tasks_->setText(*chosen);
}

QString ExperimentPanel::kindId() const { return kind_->currentData().toString(); }

ExperimentKind ExperimentPanel::kind() const {
  for (ExperimentKind k : {ExperimentKind::Scaling, ExperimentKind::InformationPlane, ExperimentKind::Benchmark})
    if (kindId() == toString(k)) return k;
  return ExperimentKind::Estimate;
}

void ExperimentPanel::rebuildDatasets() {
  const QString previous = dataset_->currentData().toString();
  const bool plane = kind() == ExperimentKind::InformationPlane;
  const QSignalBlocker block(dataset_);
  dataset_->clear();
  for (const auto& entry : registry_.datasets()) {
    // Information planes need activations; scaling and single estimates need (X, Y) pairs.
    if ((entry.info->role == "activations") != plane) continue;
    // A benchmark needs a suite: a `task` choice parameter.
    const ParamSpec* task = entry.info->params.find(kBenchmarkTaskParam);
    if (kind() == ExperimentKind::Benchmark && (!task || task->type != ParamType::Choice)) continue;
    const QString id = QString::fromStdString(entry.info->id);
    dataset_->addItem(QStringLiteral("%1 — %2").arg(id, QString::fromStdString(entry.info->name)), id);
    dataset_->setItemData(dataset_->count() - 1, QString::fromStdString(entry.info->description), Qt::ToolTipRole);
  }
  const int index = dataset_->findData(previous);
  dataset_->setCurrentIndex(index >= 0 ? index : 0);
  rebuildDatasetForm();
}

void ExperimentPanel::rebuildDatasetForm() {
  delete datasetForm_;
  datasetForm_ = nullptr;
  const auto* entry = registry_.dataset(dataset_->currentData().toString().toStdString());
  if (!entry) return;
  dataset_->setToolTip(QString::fromStdString(entry->info->description));
  datasetForm_ = new ParamForm(entry->info->params, entry->info->id);
  datasetForm_->setVisible(kind() != ExperimentKind::Benchmark);
  datasetFormHolder_->addWidget(datasetForm_);
  connect(datasetForm_, &ParamForm::changed, this, &ExperimentPanel::changed);
  connect(datasetForm_, &ParamForm::removeUnknownRequested, this, [this](const QString& name) {
    const auto params = fieldPointer(field::kDatasetParams);
    if (written_.contains(params) && written_[params].is_object()) written_[params].erase(name.toStdString());
    Q_EMIT changed();
  });
}

EstimatorEditor* ExperimentPanel::addEstimator() {
  auto* editor = new EstimatorEditor(registry_, kind());
  estimators_.push_back(editor);
  estimatorList_->addWidget(editor);
  connect(editor, &EstimatorEditor::changed, this, &ExperimentPanel::changed);
  connect(editor, &EstimatorEditor::removeRequested, this, [this](EstimatorEditor* e) {
    std::erase(estimators_, e);
    e->deleteLater();
    Q_EMIT changed();
  });
  return editor;
}

void ExperimentPanel::setExperiment(const Json& doc) {
  loading_ = true;
  name_->setText(QString::fromStdString(doc.value("name", std::string("untitled"))));
  const int kindIndex = kind_->findData(QString::fromStdString(doc.value("kind", std::string("estimate"))));
  kind_->setCurrentIndex(kindIndex >= 0 ? kindIndex : 0);
  seed_->setValue(static_cast<int>(doc.value("seed", 0LL) & INT_MAX));
  if (doc.contains("dataset") && doc["dataset"].is_object()) {
    const int index = dataset_->findData(QString::fromStdString(doc["dataset"].value("id", std::string())));
    if (index >= 0) dataset_->setCurrentIndex(index);
    if (datasetForm_ && doc["dataset"].contains("params")) datasetForm_->setValues(doc["dataset"]["params"]);
  }
  for (EstimatorEditor* e : estimators_) delete e;
  estimators_.clear();
  if (doc.contains("estimators") && doc["estimators"].is_array())
    for (const Json& spec : doc["estimators"]) addEstimator()->setFromJson(spec);
  if (estimators_.empty()) addEstimator();
  const Json grid = doc.value("grid", Json::object());
  sizes_->setText(joined(grid.value("n", Json::array())));
  repeats_->setValue(grid.value("repeats", 1));
  const Json sweep = grid.value("sweep", Json::object());
  sweepParam_->setText(QString::fromStdString(sweep.value("param", std::string())));
  sweepValues_->setText(joined(sweep.value("values", Json::array())));
  layers_->setText(joined(grid.value("layers", Json("all"))));
  epochs_->setText(joined(grid.value("epochs", Json("all"))));
  samples_->setCurrentText(QString::fromStdString(grid.value("samples", std::string("all"))));
  tasks_->setText(joined(grid.value("tasks", Json("all"))));
  written_ = doc.is_object() ? doc : Json::object();
  loaded_ = formDocument();
  // A required field the document lacks but the form shows a value for (the kind, the dataset) is
  // the form's: written as shown, not left out as "unchanged".
  for (const ExperimentField& f : experimentFields()) {
    if (!f.defaultValue.empty() || f.path.find('[') != std::string_view::npos) continue;
    const auto at = fieldPointer(f.path);
    if (!written_.contains(at) && loaded_.contains(at)) loaded_[at.parent_pointer()].erase(at.back());
  }
  otherFields_->showDocument(written_, hasWidget);
  loading_ = false;
  Q_EMIT changed();
}

Json ExperimentPanel::experiment() const {
  Json doc = withFormChanges(written_, loaded_, formDocument());
  doc["estimators"] = Json::array();
  for (const EstimatorEditor* e : estimators_) doc["estimators"].push_back(e->toJson());
  return doc;
}

Json ExperimentPanel::formDocument() const {
  Json doc{{"schema", "miwb.experiment/1"},
           {"name", name_->text().trimmed().toStdString()},
           {"kind", kindId().toStdString()},
           {"seed", seed_->value()}};
  doc["dataset"] = {{"id", dataset_->currentData().toString().toStdString()},
                    {"params", datasetForm_ ? datasetForm_->values() : Json::object()}};
  if (kind() == ExperimentKind::InformationPlane) {
    doc["grid"] = {{"layers", listOrAll(layers_->text(), false)},
                   {"epochs", listOrAll(epochs_->text(), true)},
                   {"samples", samples_->currentText().toStdString()}};
  } else {
    Json sizes = listOrAll(sizes_->text(), true);
    if (sizes.is_string()) sizes = Json::array();  // "all" means nothing for N: let the core say so
    doc["grid"] = {{"n", sizes}, {"repeats", repeats_->value()}};
    if (kind() == ExperimentKind::Benchmark) {
      Json tasks = listOrAll(tasks_->text(), false);
      if (tasks_->text().trimmed().isEmpty()) tasks = Json::array();  // the core says a list must not be empty
      doc["grid"]["tasks"] = tasks;
    } else if (!sweepParam_->text().trimmed().isEmpty()) {
      Json values = Json::array();
      for (const QString& v : sweepValues_->text().split(',', Qt::SkipEmptyParts)) values.push_back(sweepValue(v.trimmed()));
      doc["grid"]["sweep"] = {{"param", sweepParam_->text().trimmed().toStdString()}, {"values", values}};
    }
  }
  return doc;
}

QWidget* ExperimentPanel::documentField(const std::string& path) const { return otherFields_->field(path); }

QStringList ExperimentPanel::unknownKeyWarnings() const { return otherFields_->warnings(); }

bool ExperimentPanel::checksStore() const {
  const auto* entry = registry_.dataset(dataset_->currentData().toString().toStdString());
  return entry && entry->info->role == "activations" && entry->info->params.find("path") != nullptr;
}

QString ExperimentPanel::problem() const { return findProblem(nullptr); }

// The store's own error, and the grid's layers and epochs against what the store holds.
QString ExperimentPanel::storeProblem(QWidget** field) const {
  const StoreSummary* summary = checksStore() ? storeCheck_->result() : nullptr;
  if (!summary) return {};
  if (!summary->error.isEmpty()) {
    if (field) *field = datasetForm_;
    return "the store cannot be read: " + summary->error;
  }
  const QString layers = layers_->text().trimmed(), epochs = epochs_->text().trimmed();
  if (!layers.isEmpty() && layers != "all") {
    const QStringList names = layers.split(',', Qt::SkipEmptyParts);
    for (int i = 0; i < names.size(); ++i)
      if (!summary->layers.contains(names[i].trimmed())) {
        if (field) *field = layers_;
        return QStringLiteral("Layers (entry %1): the store has no layer '%2' (it has %3)")
            .arg(i + 1)
            .arg(names[i].trimmed(), summary->layers.join(", "));
      }
  }
  if (!epochs.isEmpty() && epochs != "all") {
    const QStringList values = epochs.split(',', Qt::SkipEmptyParts);
    for (int i = 0; i < values.size(); ++i) {
      bool ok = false;
      const int epoch = values[i].trimmed().toInt(&ok);
      if (ok && std::find(summary->epochs.begin(), summary->epochs.end(), epoch) == summary->epochs.end()) {
        if (field) *field = epochs_;
        return QStringLiteral("Epochs (entry %1): the store has no epoch %2").arg(i + 1).arg(epoch);
      }
    }
  }
  return {};
}

QString ExperimentPanel::findProblem(QWidget** field) const {
  if (dataset_->count() == 0) return "No dataset plugin for this kind is loaded; see Help > Plugins.";
  if (datasetForm_)
    if (QString e = datasetForm_->firstError(); !e.isEmpty()) return e;
  if (estimators_.empty()) return "Add at least one estimator.";
  for (const EstimatorEditor* e : estimators_)
    if (QString p = e->problem(); !p.isEmpty()) return p;
  if (threads_->value() < 0) {
    if (field) *field = threads_;
    return QStringLiteral("Threads must be 0 (all cores) or more, got %1").arg(threads_->value());
  }
  if (QString document = documentProblem(field); !document.isEmpty()) return document;
  if (QString store = storeProblem(field); !store.isEmpty()) return store;
  if (output_->text().trimmed().isEmpty()) {
    if (field) *field = output_;
    return "Choose a folder for the results.";
  }
  return {};
}

// The whole document as the host reads it, in the window's words, marking the field it names.
QString ExperimentPanel::documentProblem(QWidget** field) const {
  Experiment parsed;
  Status s = Experiment::fromJson(experiment(), parsed);
  if (s) s = parsed.resolve(registry_);
  if (s) return {};
  QWidget* widget = widgetForField(s.field());
  if (field) *field = widget;
  QString message = inWindowTerms(s);
  // A list entry that is not a number is quoted as typed, which the document cannot say.
  const int index = fieldItemIndex(s.field());
  if (auto* edit = qobject_cast<QLineEdit*>(widget); edit && index >= 0 && s.field().rfind("grid.", 0) == 0) {
    const QStringList parts = edit->text().split(',', Qt::SkipEmptyParts);
    if (index < parts.size()) message.replace(", got a string", ", got \"" + parts[index].trimmed() + "\"");
  }
  return message;
}

// The widget that shows the field a status names (Status::field()), or nullptr.
QWidget* ExperimentPanel::widgetForField(const std::string& path) const {
  if (path.empty()) return nullptr;
  const std::string pattern = fieldPattern(path);
  if (pattern.rfind("estimators[]", 0) == 0) {
    const int index = fieldItemIndex(path);
    if (index < 0 || index >= static_cast<int>(estimators_.size())) return addEstimator_;
    const EstimatorEditor* editor = estimators_[static_cast<std::size_t>(index)];
    const std::string rest = pattern.substr(std::string("estimators[]").size());  // ".params.bins", ".label"
    if (rest.rfind(".params.", 0) == 0) return editor->widgetFor(rest.substr(std::string(".params.").size()));
    if (rest == ".id") return editor->widgetFor("id");
    return editor->widgetFor("label");
  }
  const std::string datasetParams = std::string(field::kDatasetParams) + ".";
  if (pattern.rfind(datasetParams, 0) == 0 && datasetForm_) {
    const std::string key = pattern.substr(datasetParams.size());
    if (QWidget* unknown = datasetForm_->unknownField(key)) return unknown;
    if (auto* w = datasetForm_->findChild<QWidget*>(QString::fromStdString(key))) return w;
    return datasetForm_;
  }
  const std::vector<std::pair<std::string_view, QWidget*>> widgets{
      {field::kName, name_},        {field::kKind, kind_},          {field::kSeed, seed_},
      {field::kDataset, dataset_},  {field::kDatasetId, dataset_},  {field::kDatasetParams, datasetForm_},
      {field::kEstimators, addEstimator_}, {field::kGridN, sizes_}, {field::kGridRepeats, repeats_},
      {field::kGridSweep, sweepParam_}, {field::kGridSweepParam, sweepParam_}, {field::kGridSweepValues, sweepValues_},
      {field::kGridTasks, tasks_},  {field::kGridLayers, layers_},  {field::kGridEpochs, epochs_},
      {field::kGridSamples, samples_}};
  if (const ExperimentField* declared = findExperimentField(path))
    for (const auto& [p, widget] : widgets)
      if (p == declared->path) return widget;
  // A field without a widget: its read-only row, or its parent's.
  for (std::string p = path; !p.empty(); p = parentField(p))
    if (QWidget* row = documentField(p)) return row;
  return nullptr;
}

// The host's sentence with its field as the form names it: the "field 'grid.n[1]'" of the file
// becomes "N (entry 2)". The status names the field as data, so the text to replace is known.
QString ExperimentPanel::inWindowTerms(const Status& status) const {
  std::string message = status.message();
  for (std::string path = status.field(); !path.empty(); path = parentField(path)) {
    const std::string quoted = "field '" + path + "'";
    const auto at = message.find(quoted);
    if (at == std::string::npos) continue;
    QString visible = fieldLabel(path);
    if (const int index = fieldItemIndex(path); index >= 0)
      visible += fieldPattern(path).rfind("estimators[]", 0) == 0 ? QStringLiteral(" of estimator %1").arg(index + 1)
                                                                  : QStringLiteral(" (entry %1)").arg(index + 1);
    message.replace(at, quoted.size(), visible.toStdString());
    break;
  }
  return QString::fromStdString(message);
}

void ExperimentPanel::markFields(QWidget* invalid, const QString& why) {
  std::vector<QWidget*> marked{name_, kind_, seed_, dataset_, sizes_, repeats_, sweepParam_, sweepValues_, tasks_,
                               layers_, epochs_, samples_, threads_, output_};
  for (QWidget* row : otherFields_->rows()) marked.push_back(row);
  for (const EstimatorEditor* e : estimators_)
    for (const char* key : {"label", "id"}) marked.push_back(e->widgetFor(key));
  for (QWidget* w : marked) setInvalid(w, w == invalid);
  // A dataset parameter the whole document is refused for (an unknown key from the file, or one the
  // plugin rejects with the others) is marked by its form, which marks its own fields.
  if (datasetForm_) {
    const bool inForm = invalid && datasetForm_->isAncestorOf(invalid);
    datasetForm_->setFieldError(inForm ? invalid->objectName().toStdString() : std::string(), inForm ? why : QString());
  }
}

int ExperimentPanel::threads() const { return threads_->value(); }
QString ExperimentPanel::outputFolder() const { return output_->text().trimmed(); }
void ExperimentPanel::setOutputFolder(const QString& folder) { output_->setText(folder); }

void ExperimentPanel::setRunning(bool running) {
  running_ = running;
  updateState();
}

void ExperimentPanel::updateState() {
  if (loading_) return;
  if (checksStore() && datasetForm_ && datasetForm_->firstError().isEmpty())
    storeCheck_->check(dataset_->currentData().toString().toStdString(), datasetForm_->values());
  storeInfo_->setVisible(checksStore() && storeCheck_->result());
  QWidget* field = nullptr;
  const QString why = running_ ? QString() : findProblem(&field);
  markFields(field, why);
  run_->setEnabled(!running_ && why.isEmpty());
  run_->setToolTip(why.isEmpty() ? "Run the experiment (results appear live in the views)" : "Cannot run: " + why);
  cancel_->setEnabled(running_);
  slurm_->setEnabled(run_->isEnabled());
  reason_->setText(why.isEmpty() ? QString() : "Cannot run: " + why);
  reason_->setToolTip(reason_->text());
  if (cost_) cost_->estimate(why.isEmpty() ? experiment() : Json(), threads());
}

QLabel* ExperimentPanel::runCost() const { return cost_; }

}  // namespace miwb::gui
