// The plugin registry against the real plugins and a tree of broken fixtures: every file tried is
// recorded with a state and a reason a person understands, and nothing crashes.
#include <QTest>

#include "miwb/host/plugins/plugin_registry.h"

using namespace miwb;

class RegistryTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

  const PluginRecord* recordFor(const QString& fileFragment) {
    for (const auto& r : registry.records())
      if (r.path.contains(fileFragment)) return &r;
    return nullptr;
  }

 private Q_SLOTS:
  void initTestCase() {
    registry.scan(PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR));
    QVERIFY(!registry.records().empty());
  }

  void realPluginsLoad() {
    QVERIFY(registry.estimator("gaussian"));
    QVERIFY(registry.dataset("gaussian"));
    QCOMPARE(registry.dataset("gaussian")->info->role, std::string("pairs"));
    for (const auto& r : registry.records())
      if (r.path.contains("/bin/plugins/")) QVERIFY2(r.state == PluginState::Loaded, qPrintable(r.path + ": " + r.reason));
  }

  void wrongInterfaceVersionIsRejected() {
    const PluginRecord* r = recordFor("wrong-iid");
    QVERIFY(r);
    QCOMPARE(r->state, PluginState::Rejected);
    QVERIFY2(r->reason.contains("another SDK version") && r->reason.contains("EstimatorFactory/0"), qPrintable(r->reason));
    QVERIFY(!registry.estimator("old"));
  }

  // Minor versions only add to the SDK: an older one loads, a newer one is refused with both versions.
  void olderSdkMinorVersionLoads() {
    const PluginRecord* r = recordFor("older-minor");
    QVERIFY(r);
    QVERIFY2(r->state == PluginState::Loaded, qPrintable(r->reason));
    QVERIFY(registry.estimator("older-minor"));
  }

  void newerSdkMinorVersionIsRejected() {
    const PluginRecord* r = recordFor("newer-minor");
    QVERIFY(r);
    QCOMPARE(r->state, PluginState::Rejected);
    const QString host = QStringLiteral("%1.%2").arg(MIWB_SDK_VERSION_MAJOR).arg(MIWB_SDK_VERSION_MINOR);
    const QString plugin = QStringLiteral("%1.%2").arg(MIWB_SDK_VERSION_MAJOR).arg(MIWB_SDK_VERSION_MINOR + 1);
    QVERIFY2(r->reason.contains("built against SDK " + plugin) && r->reason.contains("host's SDK " + host),
             qPrintable(r->reason));
    QVERIFY(!registry.estimator("newer-minor"));
  }

  void missingMetadataFieldIsRejected() {
    const PluginRecord* r = recordFor("missing-fields");
    QVERIFY(r);
    QCOMPARE(r->state, PluginState::Rejected);
    QVERIFY2(r->reason.contains("lacks the required field 'version'"), qPrintable(r->reason));
    QVERIFY(!registry.estimator("incomplete"));
  }

  void plainLibraryIsRejected() {
    const PluginRecord* r = recordFor("not-a-plugin");
    QVERIFY(r);
    QCOMPARE(r->state, PluginState::Rejected);
    QVERIFY2(r->reason.contains("no Qt plugin metadata"), qPrintable(r->reason));
  }

  void garbageFileIsRejected() {
    const PluginRecord* r = recordFor("garbage");
    QVERIFY(r);
    QCOMPARE(r->state, PluginState::Rejected);
    QVERIFY2(r->reason.startsWith("not a loadable library"), qPrintable(r->reason));
  }

  void unresolvedSymbolIsRejectedWhenLoading() {
    const PluginRecord* r = recordFor("unresolved");
    QVERIFY(r);
    QCOMPARE(r->state, PluginState::Rejected);
    QVERIFY2(r->reason.startsWith("could not be loaded") && r->reason.contains("miwb_fixture_variable_nobody_defines"),
             qPrintable(r->reason));
  }

  // On demand, the metadata is checked while scanning and a library is loaded on first use only.
  void onDemandLoadingLoadsWhatIsUsed() {
    PluginRegistry lazy;
    lazy.scan(PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR), PluginLoading::OnDemand);
    QCOMPARE(lazy.records().size(), registry.records().size());
    const PluginRecord* ksg = lazy.estimator("ksg")->plugin;
    const PluginRecord* binning = lazy.estimator("binning")->plugin;
    QCOMPARE(ksg->state, PluginState::Found);
    for (const QString fixture : {"wrong-iid", "missing-fields", "not-a-plugin", "garbage"})
      for (const auto& r : lazy.records())
        if (r.path.contains(fixture)) QCOMPARE(r.state, PluginState::Rejected);

    std::unique_ptr<Estimator> est;
    QVERIFY(lazy.createEstimator("ksg", Json::object(), est).isOk());
    QVERIFY(est);
    QCOMPARE(ksg->state, PluginState::Loaded);
    QCOMPARE(binning->state, PluginState::Found);

    // A library that fails to load is rejected at first use, every time. (The loader's own reason
    // is checked above: Qt keeps one failed load per path and process, and the eager registry of
    // this test already tried this file, so here Qt reports "Unknown error".)
    for (int attempt = 0; attempt < 2; ++attempt) {
      const Status s = lazy.createEstimator("unresolved", Json::object(), est);
      QCOMPARE(s.code(), StatusCode::Failed);
      QVERIFY2(QString::fromStdString(s.message()).contains("libmiwb-fixture-unresolved.so) could not be loaded"),
               s.message().c_str());
    }
    QCOMPARE(lazy.estimator("unresolved")->plugin->state, PluginState::Rejected);
  }

  void throwingEstimatorBecomesAFailedStatus() {
    std::unique_ptr<Estimator> est;
    QVERIFY(registry.createEstimator("throwing", Json::object(), est).isOk());
    Matrix m(3, 1);
    m << 1, 2, 3;
    const Variable v = Variable::continuous(m);
    RunContext ctx;
    Estimate out;
    const Status s = callGuarded("estimator 'throwing'", [&] { return est->mutualInformation(v, v, ctx, out); });
    QCOMPARE(s.code(), StatusCode::Failed);
    QCOMPARE(QString::fromStdString(s.message()),
             QString("estimator 'throwing' threw an exception: fixture failure: deliberately thrown"));
  }

  void unknownIdsAndParametersAreNamed() {
    std::unique_ptr<Estimator> est;
    Status s = registry.createEstimator("nope", Json::object(), est);
    QCOMPARE(s.code(), StatusCode::InvalidInput);
    QVERIFY(QString::fromStdString(s.message()).startsWith("unknown estimator 'nope' (available: "));
    s = registry.createEstimator("gaussian", Json{{"ridg", 0.1}}, est);
    QCOMPARE(QString::fromStdString(s.message()), QString("unknown parameter 'ridg' for 'gaussian' (known: ridge)"));
    s = registry.createEstimator("gaussian", Json{{"ridge", 2.0}}, est);
    QCOMPARE(QString::fromStdString(s.message()), QString("parameter 'ridge' of 'gaussian' must be in [0, 1], got 2.0"));
  }

  void jsonListsEveryFileTried() {
    const Json j = registry.toJson();
    QCOMPARE(j["plugins"].size(), registry.records().size());
    int rejected = 0;
    for (const auto& p : j["plugins"]) {
      if (p["state"] == "rejected") {
        ++rejected;
        QVERIFY(!p["reason"].get<std::string>().empty());
      }
    }
    QVERIFY(rejected >= 5);
  }
};

int runRegistryTests(int argc, char** argv) {
  RegistryTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_registry.moc"
