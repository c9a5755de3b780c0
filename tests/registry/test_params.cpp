// The parameter schema: defaults, types, ranges, choices, lists, and command-line text.
#include <QTest>

#include "miwb/params.h"

using namespace miwb;

class ParamsTest : public QObject {
  Q_OBJECT

  ParamSchema schema;

  QString resolveError(const Json& given) {
    Json out;
    Status s = schema.resolve(given, "est", out);
    return QString::fromStdString(s.message());
  }

 private Q_SLOTS:
  void initTestCase() {
    const Json specs = Json::parse(R"([
      {"name": "k", "type": "int", "default": 3, "min": 1},
      {"name": "alpha", "type": "real", "default": 0.5, "min": 0, "max": 1},
      {"name": "mode", "type": "choice", "default": "a", "choices": ["a", "b"]},
      {"name": "range", "type": "real-list", "default": null, "nullable": true, "length": 2},
      {"name": "hidden", "type": "int-list", "default": [10, 7], "min": 1},
      {"name": "on", "type": "bool", "default": true}
    ])");
    QVERIFY(ParamSchema::fromJson(specs, schema).isOk());
  }

  void defaultsAreFilledIn() {
    Json out;
    QVERIFY(schema.resolve(Json{{"k", 5}}, "est", out).isOk());
    QCOMPARE(out["k"].get<int>(), 5);
    QCOMPARE(out["alpha"].get<double>(), 0.5);
    QVERIFY(out["range"].is_null());
    QVERIFY(out["hidden"] == Json({10, 7}));
  }

  void badValuesAreNamed() {
    QCOMPARE(resolveError(Json{{"k", 0}}), QString("parameter 'k' of 'est' must be >= 1, got 0"));
    QCOMPARE(resolveError(Json{{"k", 2.5}}), QString("parameter 'k' of 'est' must be an integer, got 2.5"));
    QCOMPARE(resolveError(Json{{"mode", "c"}}), QString("parameter 'mode' of 'est' must be one of a, b, got \"c\""));
    QCOMPARE(resolveError(Json{{"range", {1}}}), QString("parameter 'range' of 'est' must have 2 elements, got 1"));
    QCOMPARE(resolveError(Json{{"hidden", {10, 0}}}), QString("parameter 'hidden' of 'est' must be >= 1, got 0"));
    QCOMPARE(resolveError(Json{{"on", 1}}), QString("parameter 'on' of 'est' must be true or false, got 1"));
    QCOMPARE(resolveError(Json{{"kk", 1}}),
             QString("unknown parameter 'kk' for 'est' (known: k, alpha, mode, range, hidden, on)"));
  }

  void commandLineText() {
    Json v;
    QVERIFY(ParamSchema::parseText(*schema.find("range"), "-1,1", "est", v).isOk());
    QVERIFY(v == Json({-1, 1}));
    QVERIFY(ParamSchema::parseText(*schema.find("range"), "auto", "est", v).isOk());
    QVERIFY(v.is_null());
    QVERIFY(ParamSchema::parseText(*schema.find("k"), "7", "est", v).isOk());
    QCOMPARE(v.get<int>(), 7);
    QVERIFY(ParamSchema::parseText(*schema.find("on"), "false", "est", v).isOk());
    QCOMPARE(v.get<bool>(), false);
    const Status s = ParamSchema::parseText(*schema.find("alpha"), "0.5x", "est", v);
    QCOMPARE(QString::fromStdString(s.message()), QString("parameter 'alpha' of 'est' must be a number, got '0.5x'"));
  }

  void schemaWithBadDefaultIsRejected() {
    ParamSchema bad;
    const Status s = ParamSchema::fromJson(Json::parse(R"([{"name": "k", "type": "int", "default": 0, "min": 1}])"), bad);
    QVERIFY(!s.isOk());
    QVERIFY(QString::fromStdString(s.message()).contains("default of 'k' is invalid"));
  }
};

int runParamTests(int argc, char** argv) {
  ParamsTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_params.moc"
