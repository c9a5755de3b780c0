// Every bundled plugin's parameters, said once in its metadata: each default lies inside its own
// range or choices, resolving the defaults and resolving the result again gives the same values,
// the schema survives its trip through JSON (what the GUI and `miwb-cli plugins --json` see), and
// every estimator and dataset is created from its defaults alone (its plugin reads each value
// through ParamReader, which has no fallback of its own).
#include <QTest>
#include <algorithm>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/run_context.h"

using namespace miwb;

// QCOMPARE cannot print nlohmann::json; this shows both sides on a mismatch.
#define COMPARE_JSON(actual, expected) \
  QVERIFY2((actual) == (expected), qPrintable(QString::fromStdString((actual).dump() + " != " + Json(expected).dump())))

namespace {

std::vector<std::string> names(const ParamSchema& schema) {
  std::vector<std::string> out;
  for (const auto& spec : schema.specs()) out.push_back(spec.name);
  return out;
}

// Every offering of the loaded plugins, estimators and datasets alike.
std::vector<std::pair<std::string, const OfferingInfo*>> offerings(const PluginRegistry& registry) {
  std::vector<std::pair<std::string, const OfferingInfo*>> out;
  for (const auto& e : registry.estimators()) out.emplace_back(e.info->id, e.info);
  for (const auto& d : registry.datasets()) out.emplace_back(d.info->id, d.info);
  return out;
}

}  // namespace

class BundledParamsTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

 private Q_SLOTS:
  void initTestCase() {
    registry.scan(PluginRegistry::defaultSearchPath());
    // The bundled plugins' offerings, at least (others may be installed beside them).
    QVERIFY(registry.estimators().size() >= 15);
    QVERIFY(registry.datasets().size() >= 4);
  }

  void defaultsLieInTheirOwnRanges() {
    for (const auto& [id, info] : offerings(registry)) {
      for (const ParamSpec& spec : info->params.specs()) {
        Json resolved;
        const ParamSchema single({spec});
        const Status s = single.resolve(Json::object(), id, resolved);
        QVERIFY2(s, qPrintable(QString::fromStdString(id + ": " + s.message())));
        if (spec.type == ParamType::Choice)
          QVERIFY2(std::find(spec.choices.begin(), spec.choices.end(), spec.defaultValue.get<std::string>()) !=
                       spec.choices.end(),
                   qPrintable(QString::fromStdString(id + "." + spec.name)));
        QVERIFY2(!spec.defaultValue.is_null() || spec.nullable, qPrintable(QString::fromStdString(id + "." + spec.name)));
      }
    }
  }

  void resolvingTheDefaultsRoundTrips() {
    for (const auto& [id, info] : offerings(registry)) {
      Json resolved, again;
      QVERIFY2(info->params.resolve(Json::object(), id, resolved), id.c_str());
      QCOMPARE(resolved.size(), info->params.specs().size());
      for (const ParamSpec& spec : info->params.specs()) {
        // Numerically the default itself (an int written as 3.0 comes back as the integer 3).
        const Json& value = resolved.at(spec.name);
        if (spec.defaultValue.is_number()) QCOMPARE(value.get<double>(), spec.defaultValue.get<double>());
        else if (!spec.defaultValue.is_array()) COMPARE_JSON(value, spec.defaultValue);
      }
      QVERIFY2(info->params.resolve(resolved, id, again), id.c_str());
      COMPARE_JSON(again, resolved);
      ParamSchema fromJson;
      QVERIFY2(ParamSchema::fromJson(info->params.toJson(), fromJson), id.c_str());
      COMPARE_JSON(fromJson.toJson(), info->params.toJson());
    }
  }

  void everyEstimatorIsCreatedFromItsDefaults() {
    for (const auto& entry : registry.estimators()) {
      const std::string& id = entry.info->id;
      std::unique_ptr<Estimator> estimator;
      Json resolved;
      Status s = registry.createEstimator(id, Json::object(), estimator, &resolved);
      QVERIFY2(s && estimator, qPrintable(QString::fromStdString(id + ": " + s.message())));
      // The resolved values, given back, create it again (what `run` does with experiment.json).
      s = registry.createEstimator(id, resolved, estimator);
      QVERIFY2(s && estimator, qPrintable(QString::fromStdString(id + ": " + s.message())));
    }
  }

  void everyPairDatasetIsCreatedFromItsDefaults() {
    for (const auto& entry : registry.datasets()) {
      const std::string& id = entry.info->id;
      if (entry.info->role != "pairs") continue;
      std::unique_ptr<PairSource> source;
      const Status s = registry.createPairSource(id, Json::object(), source);
      QVERIFY2(s && source, qPrintable(QString::fromStdString(id + ": " + s.message())));
      RunContext ctx(3);
      Variable x, y;
      QVERIFY2(source->sample(20, ctx, x, y), id.c_str());
      QCOMPARE(x.samples(), Index{20});
    }
  }

  // Opening an activation store from defaults alone would read a file or train a network; these
  // open with the fewest changes that make them cheap, and their own checks name the parameter.
  void activationDatasetsReadTheirParameters() {
    std::unique_ptr<ActivationStore> store;
    RunContext ctx(1);
    Status s = registry.openActivationStore("activations", Json::object(), ctx, store);
    QVERIFY(!s);
    QVERIFY2(s.message().find("parameter 'path' of 'activations' is empty") != std::string::npos, s.message().c_str());
    s = registry.openActivationStore("mlp-training", Json{{"epochs", 2}, {"recorded_epochs", 2}, {"hidden", {3}}}, ctx, store);
    QVERIFY2(s && store, s.message().c_str());
    QCOMPARE(store->epochs(), (std::vector<int>{1, 2}));
  }

  // neural.json writes its critic and training parameters once, as blocks; each offering sees them
  // expanded, with its own changes.
  void neuralBlocksExpand() {
    const std::vector<std::string> shared = {"critic", "hidden", "embedding_dim", "activation", "precision", "batch_size",
                                             "learning_rate", "steps", "test_fraction", "eval_every", "patience",
                                             "standardize"};
    for (const char* id : {"dv", "nwj", "infonce"}) QCOMPARE(names(registry.estimator(id)->info->params), shared);
    auto with = [&](const std::string& extra) {
      std::vector<std::string> out = shared;
      out.push_back(extra);
      return out;
    };
    QCOMPARE(names(registry.estimator("mine")->info->params), with("ema_rate"));
    QCOMPARE(names(registry.estimator("smile")->info->params), with("tau"));
    const ParamSchema& wdm = registry.estimator("wdm")->info->params;
    std::vector<std::string> wdmNames = shared;
    wdmNames.erase(std::find(wdmNames.begin(), wdmNames.end(), "embedding_dim"));
    QCOMPARE(names(wdm), wdmNames);
    QCOMPARE(wdm.find("critic")->choices, std::vector<std::string>{"joint"});
    COMPARE_JSON(wdm.find("critic")->defaultValue, Json("joint"));
    COMPARE_JSON(wdm.find("hidden")->defaultValue, Json({32, 32}));
    COMPARE_JSON(wdm.find("batch_size")->defaultValue, Json(64));
    QCOMPARE(*wdm.find("batch_size")->maximum, 65536.0);
    const ParamSchema& dv = registry.estimator("dv")->info->params;
    COMPARE_JSON(dv.find("hidden")->defaultValue, Json({64, 64}));
    COMPARE_JSON(dv.find("batch_size")->defaultValue, Json(128));
    QVERIFY(registry.estimator("infonce")->info->params.find("batch_size")->help.find("ln K") != std::string::npos);
    QVERIFY(dv.find("batch_size")->help.find("ln K") == std::string::npos);
    const Json listed = registry.toJson();
    QVERIFY(listed.dump().find("\"use\"") == std::string::npos);
  }

  // Fixed disagreements: the metadata's defaults are the ones used.
  void metadataDefaultsAreUsed() {
    const ParamSchema& renyi = registry.estimator("renyi")->info->params;
    QCOMPARE(renyi.find("alpha")->defaultValue.get<double>(), 1.01);
    std::unique_ptr<Estimator> estimator;
    QVERIFY(registry.createEstimator("renyi", Json::object(), estimator));
    Matrix m(4, 1);
    m << 0.0, 1.0, 3.0, 7.0;
    RunContext ctx(1);
    Estimate estimate;
    QVERIFY(estimator->entropy(Variable::continuous(m), ctx, estimate));
    QCOMPARE(estimate.details.at("alpha").get<double>(), 1.01);
    const ParamSchema& dsmi = registry.estimator("dsmi")->info->params;
    QCOMPARE(dsmi.find("repeats")->defaultValue.get<int>(), 5);
    QCOMPARE(dsmi.find("bins")->defaultValue.get<int>(), 10);
  }

  // Exclusive bounds replace the plugins' own "> 0" checks.
  void exclusiveBoundsAreInTheSchema() {
    std::unique_ptr<Estimator> estimator;
    Status s = registry.createEstimator("renyi", Json{{"width_x", "fixed"}, {"sigma_x", 0}}, estimator);
    QCOMPARE(QString::fromStdString(s.message()), QString("parameter 'sigma_x' of 'renyi' must be > 0, got 0"));
    s = registry.createEstimator("cauchy-schwarz", Json{{"sigma_y", -1.0}}, estimator);
    QCOMPARE(QString::fromStdString(s.message()), QString("parameter 'sigma_y' of 'cauchy-schwarz' must be > 0, got -1.0"));
    s = registry.createEstimator("dse", Json{{"sigma", 0}}, estimator);
    QCOMPARE(QString::fromStdString(s.message()), QString("parameter 'sigma' of 'dse' must be > 0, got 0"));
    s = registry.createEstimator("ksg", Json{{"variance_share", 0}}, estimator);
    QCOMPARE(QString::fromStdString(s.message()), QString("parameter 'variance_share' of 'ksg' must be in (0, 1], got 0"));
    QVERIFY(registry.createEstimator("ksg", Json{{"variance_share", 1e-9}}, estimator));
  }
};

QTEST_MAIN(BundledParamsTest)
#include "test_bundled_params.moc"
