// One declaration of the experiment document's fields, read by everything that reads the document:
// every parser error names a declared field as data (Status::field(), with the list item's index);
// unknown keys are found against the declaration, with a hint for a near miss; every declared field
// is read by the parser; docs/experiments.md lists exactly the declared fields.
#include <QFile>
#include <QTest>
#include <set>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/experiment/experiment_fields.h"
#include "miwb/host/experiment/experiment_keys.h"
#include "miwb/host/plugins/plugin_registry.h"

using miwb::Json;

namespace {

Json scaling() {
  return {{"schema", "miwb.experiment/1"}, {"name", "doc"}, {"kind", "scaling"}, {"seed", 5},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.6}}}}},
          {"estimators", {{{"id", "ksg"}, {"label", "k"}}, {{"id", "binning"}, {"params", {{"bins", 10}}}}}},
          {"grid", {{"n", {100, 300}}, {"repeats", 2}}}};
}

// The Status of parsing, then resolving, `doc`.
miwb::Status check(const Json& doc, const miwb::PluginRegistry& registry) {
  miwb::Experiment e;
  miwb::Status s = miwb::Experiment::fromJson(doc, e);
  return s ? e.resolve(registry) : s;
}

// The document's markdown table of fields, as docs/experiments.md must hold it.
QStringList fieldTable() {
  QStringList lines{"| Field | Type | Default | Kinds | In the window | Meaning |", "|---|---|---|---|---|---|"};
  for (const miwb::ExperimentField& f : miwb::experimentFields()) {
    const auto q = [](std::string_view s) { return QString::fromUtf8(s.data(), static_cast<int>(s.size())); };
    lines << QStringLiteral("| `%1` | %2 | %3 | %4 | %5 | %6 |")
                 .arg(q(f.path), q(f.type), f.defaultValue.empty() ? QString("required") : q(f.defaultValue), q(f.kinds),
                      q(f.label), q(f.help));
  }
  return lines;
}

}  // namespace

class TestDocument : public QObject {
  Q_OBJECT
  miwb::PluginRegistry registry_;

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath(), miwb::PluginLoading::OnDemand);
    for (const char* id : {"ksg", "binning"}) QVERIFY2(registry_.estimator(id), id);
    QVERIFY(registry_.dataset("gaussian"));
    QVERIFY(check(scaling(), registry_));
  }

  void pathsAndPatterns() {
    QCOMPARE(miwb::fieldPattern("estimators[12].params.bins"), std::string("estimators[].params.bins"));
    QCOMPARE(miwb::fieldItemIndex("estimators[12].params.bins"), 12);
    QCOMPARE(miwb::fieldItemIndex("grid.n[0]"), 0);
    QCOMPARE(miwb::fieldItemIndex("grid.n"), -1);
    QCOMPARE(miwb::fieldKey("estimators[0].params.binz"), std::string("binz"));
    QCOMPARE(miwb::fieldKey("grid.n[2]"), std::string("n"));
    QCOMPARE(miwb::findExperimentField("grid.n[2]")->path, miwb::field::kGridN);
    QCOMPARE(miwb::findExperimentField("estimators[3].params.bins")->path, miwb::field::kEstimatorParams);
    QCOMPARE(miwb::findExperimentField("uncertainty.level")->label, std::string_view("Uncertainty level"));
    QVERIFY(!miwb::findExperimentField("nothing.here"));
    // Declared once: no path twice, every parent declared before its children.
    std::set<std::string_view> seen;
    for (const miwb::ExperimentField& f : miwb::experimentFields()) {
      QVERIFY2(seen.insert(f.path).second, f.path.data());
      const std::string parent = std::string(f.path).substr(0, std::string(f.path).rfind('.'));
      if (parent != f.path) {
        const std::string listParent = parent.size() > 2 && parent.ends_with("[]") ? parent.substr(0, parent.size() - 2) : parent;
        QVERIFY2(seen.count(listParent), f.path.data());
      }
      QVERIFY2(!f.label.empty() && !f.help.empty() && !f.type.empty() && !f.kinds.empty(), f.path.data());
    }
  }

  // Each failure names its field as data, with the entry's index; the sentence is unchanged.
  void errorsCarryTheirField_data() {
    QTest::addColumn<QString>("pointer");  // a JSON pointer into scaling() to set
    QTest::addColumn<QString>("value");    // JSON text; "DELETE" removes the member
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("n entry") << "/grid/n/1" << "\"abc\"" << "grid.n[1]" << "field 'grid.n[1]' must be a positive integer, got a string";
    QTest::newRow("n missing") << "/grid/n" << "DELETE" << "grid.n" << "field 'grid.n' is missing";
    QTest::newRow("seed") << "/seed" << "-1" << "seed" << "field 'seed' must be a non-negative integer, got a number";
    QTest::newRow("repeats") << "/grid/repeats" << "0" << "grid.repeats" << "field 'grid.repeats' must be a positive integer, got a number";
    QTest::newRow("kind") << "/kind" << "\"scalling\"" << "kind" << "field 'kind' must be \"estimate\"";
    QTest::newRow("time limit") << "/task_time_limit" << "-3" << "task_time_limit" << "field 'task_time_limit' must be a positive number of seconds";
    QTest::newRow("label twice") << "/estimators/1/label" << "\"k\"" << "estimators[1].label" << "field 'estimators[1].label' repeats the label \"k\"";
    QTest::newRow("estimator id") << "/estimators/1/id" << "\"kgs\"" << "estimators[1].id" << "field 'estimators[1].id': unknown estimator 'kgs'";
    QTest::newRow("quantity") << "/estimators/0/quantities" << "[\"H(T)\"]" << "estimators[0].quantities[0]" << "field 'estimators[0].quantities[0]': a scaling experiment measures";
    QTest::newRow("unknown param") << "/estimators/1/params/binz" << "30" << "estimators[1].params.binz"
                                   << "field 'estimators[1].params': unknown parameter 'binz' for 'binning' (known: bins, range, scheme)";
    QTest::newRow("param range") << "/estimators/1/params/bins" << "0" << "estimators[1].params.bins" << "field 'estimators[1].params': parameter 'bins' of 'binning' must be";
    QTest::newRow("dataset param") << "/dataset/params/rho" << "2" << "dataset.params.rho" << "field 'dataset.params': parameter 'rho' of 'gaussian' must be";
    QTest::newRow("dataset id") << "/dataset/id" << "\"gauss\"" << "dataset.id" << "field 'dataset.id': unknown dataset 'gauss'";
    QTest::newRow("resamples") << "/uncertainty" << "{\"resamples\": 1}" << "uncertainty.resamples" << "field 'uncertainty.resamples' must be at least 2";
    QTest::newRow("level") << "/uncertainty" << "{\"resamples\": 20, \"level\": 1.5}" << "uncertainty.level" << "field 'uncertainty.level' must lie strictly between 0 and 1";
    QTest::newRow("uncertainty") << "/uncertainty" << "5" << "uncertainty" << "field 'uncertainty' must be an object";
    QTest::newRow("sweep param") << "/grid/sweep" << "{\"param\": \"rhoo\", \"values\": [0.1]}" << "grid.sweep.param" << "field 'grid.sweep.param': dataset 'gaussian' has no parameter 'rhoo'";
  }
  void errorsCarryTheirField() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Json doc = scaling();
    const Json::json_pointer at(pointer.toStdString());
    if (value == "DELETE") doc[at.parent_pointer()].erase(at.back());
    else doc[at] = Json::parse(value.toStdString());
    const miwb::Status s = check(doc, registry_);
    QVERIFY(!s);
    QVERIFY2(QString::fromStdString(s.message()).startsWith(message), s.message().c_str());
    QCOMPARE(QString::fromStdString(s.field()), field);
    QVERIFY2(miwb::findExperimentField(s.field()), s.field().c_str());  // every field it names is declared
  }

  void unknownKeysGetAHint() {
    Json doc = scaling();
    doc["uncertainy"] = {{"resamples", 20}};
    doc["grid"]["repaets"] = 3;
    doc["estimators"][1]["lable"] = "b";
    doc["estimators"][1]["params"]["binz"] = 30;  // the plugin's schema speaks for its parameters
    doc["uncertainty"] = {{"resamples", 20}, {"levle", 0.8}};
    doc["comment"] = "mine";
    const auto unknown = miwb::unknownExperimentKeys(doc);
    std::vector<std::string> messages;
    for (const auto& key : unknown) messages.push_back(key.message());
    const std::vector<std::string> expected{
        "unknown key 'comment' is ignored",
        "unknown key 'estimators[1].lable' is ignored (did you mean 'estimators[1].label'?)",
        "unknown key 'grid.repaets' is ignored (did you mean 'grid.repeats'?)",
        "unknown key 'uncertainty.levle' is ignored (did you mean 'uncertainty.level'?)",
        "unknown key 'uncertainy' is ignored (did you mean 'uncertainty'?)"};
    QCOMPARE(messages, expected);
  }

  // Every declared field is one the parser reads: a document with all of them (for each kind's
  // grid) has no unknown key, and what fromJson read comes back out of toJson.
  void everyDeclaredFieldIsRead() {
    Json doc = scaling();
    doc["task_time_limit"] = 120;
    doc["uncertainty"] = {{"resamples", 20}, {"level", 0.8}};
    doc["significance"] = {{"permutations", 19}, {"neighbours", 7}};
    doc["estimators"][0]["quantities"] = {"I(X;Y)", "H(X)"};
    doc["estimators"][0]["params"] = {{"k", 3}};
    doc["grid"]["sweep"] = {{"param", "rho"}, {"values", {0.2, 0.5}}};
    Json plane = doc;
    plane["kind"] = "information-plane";
    plane["grid"] = {{"layers", {"h1"}}, {"epochs", {1, 2}}, {"samples", "train"}};
    plane["estimators"][0].erase("quantities");
    Json bench = doc;
    bench["kind"] = "benchmark";
    bench["grid"] = {{"n", {100}}, {"repeats", 1}, {"tasks", "all"}};
    bench["estimators"][0].erase("quantities");  // a benchmark measures I(X;Y) only
    std::set<std::string> covered;
    for (const Json& d : {doc, plane, bench}) {
      QVERIFY(miwb::unknownExperimentKeys(d).empty());
      miwb::Experiment e;
      QVERIFY2(miwb::Experiment::fromJson(d, e), d.dump().c_str());
      const Json out = e.toJson();
      const Json leaves = d.flatten();  // kept: a range-for over a temporary's items() would dangle
      for (const auto& item : leaves.items()) {
        // Every leaf written ("/grid/n/0") is read and written back unchanged.
        const Json::json_pointer pointer(item.key());
        QVERIFY2(out.contains(pointer) && out[pointer] == item.value(), (item.key() + " in " + out.dump()).c_str());
      }
      for (const miwb::ExperimentField& f : miwb::experimentFields()) {
        // "estimators[].label" -> "/estimators/0/label"
        std::string pointer = "/";
        for (const char c : f.path) {
          if (c == '[') pointer += "/0";
          else if (c == '.') pointer += '/';
          else if (c != ']') pointer += c;
        }
        if (d.contains(Json::json_pointer(pointer))) covered.insert(std::string(f.path));
      }
    }
    for (const miwb::ExperimentField& f : miwb::experimentFields())
      QVERIFY2(covered.count(std::string(f.path)), f.path.data());
  }

  // The defaults the docs state are the parser's: a document without the optional fields reads
  // as one with them set to their declared defaults.
  void declaredDefaultsAreTheParsers() {
    Json bare = scaling();
    bare.erase("name");
    bare.erase("seed");
    bare["grid"].erase("repeats");
    miwb::Experiment e;
    QVERIFY(miwb::Experiment::fromJson(bare, e));
    const auto declared = [](std::string_view path) { return Json::parse(miwb::findExperimentField(path)->defaultValue); };
    QCOMPARE(Json(e.name), declared(miwb::field::kName));
    QCOMPARE(Json(e.seed), declared(miwb::field::kSeed));
    QCOMPARE(Json(e.scaling.repeats), declared(miwb::field::kGridRepeats));
    Json plane = bare;
    plane["kind"] = "information-plane";
    plane["grid"] = Json::object();
    QVERIFY(miwb::Experiment::fromJson(plane, e));
    const Json grid = e.toJson()["grid"];
    for (std::string_view path : {miwb::field::kGridLayers, miwb::field::kGridEpochs, miwb::field::kGridSamples})
      QCOMPARE(grid[miwb::fieldKey(path)], declared(path));
    QVERIFY(!e.uncertainty.enabled() && !e.taskTimeLimitSeconds);
    QVERIFY(miwb::Experiment::fromJson(Json::parse(R"({"schema": "miwb.experiment/1", "kind": "estimate",
        "dataset": {"id": "gaussian"}, "estimators": [{"id": "ksg"}], "grid": {"n": 100},
        "uncertainty": {"resamples": 5}})"), e));
    QCOMPARE(Json(e.uncertainty.level), declared(miwb::field::kUncertaintyLevel));
    QVERIFY(miwb::Experiment::fromJson(Json::parse(R"({"schema": "miwb.experiment/1", "kind": "estimate",
        "dataset": {"id": "gaussian"}, "estimators": [{"id": "ksg"}], "grid": {"n": 100},
        "significance": {"permutations": 9}})"), e));
    QCOMPARE(Json(e.significance.localNeighbours), declared(miwb::field::kSignificanceNeighbours));
  }

  // docs/experiments.md holds the table of every declared field, exactly as declared.
  void docsListEveryField() {
    QFile file(QStringLiteral(MIWB_SOURCE_DIR "/docs/experiments.md"));
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
    const QStringList table = fieldTable();
    const qsizetype start = lines.indexOf(table.first());
    const bool same = start >= 0 && lines.mid(start, table.size()) == table &&
                      (start + table.size() == lines.size() || !lines[start + table.size()].startsWith("|"));
    if (!same) qWarning().noquote() << "docs/experiments.md should hold this table:\n" + table.join('\n');
    QVERIFY(same);
  }
};

QTEST_GUILESS_MAIN(TestDocument)
#include "test_document.moc"
