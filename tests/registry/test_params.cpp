// The parameter schema: defaults, types, ranges (inclusive and exclusive), choices, lists,
// command-line text, shared blocks, and the typed reader plugins use.
#include <QTest>

#include <map>

#include "miwb/param_reader.h"
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

  void exclusiveBounds() {
    ParamSchema open;
    QVERIFY(ParamSchema::fromJson(Json::parse(R"([
      {"name": "sigma", "type": "real", "default": 1, "exclusive_minimum": 0},
      {"name": "share", "type": "real", "default": 0.5, "exclusive_minimum": 0, "max": 1},
      {"name": "p", "type": "real", "default": 0.5, "min": 0, "exclusive_maximum": 1},
      {"name": "widths", "type": "int-list", "default": [1], "exclusive_minimum": 0}
    ])"), open));
    Json out;
    auto error = [&](const Json& given) {
      return QString::fromStdString(open.resolve(given, "est", out).message());
    };
    QCOMPARE(error(Json{{"sigma", 0}}), QString("parameter 'sigma' of 'est' must be > 0, got 0"));
    QCOMPARE(error(Json{{"sigma", -1e-300}}), QString("parameter 'sigma' of 'est' must be > 0, got -1e-300"));
    QVERIFY(open.resolve(Json{{"sigma", 1e-300}}, "est", out));
    QCOMPARE(error(Json{{"share", 0.0}}), QString("parameter 'share' of 'est' must be in (0, 1], got 0.0"));
    QVERIFY(open.resolve(Json{{"share", 1.0}}, "est", out));
    QCOMPARE(error(Json{{"p", 1}}), QString("parameter 'p' of 'est' must be in [0, 1), got 1"));
    QVERIFY(open.resolve(Json{{"p", 0}}, "est", out));
    QCOMPARE(error(Json{{"widths", {2, 0}}}), QString("parameter 'widths' of 'est' must be > 0, got 0"));
    // The bounds survive the trip through JSON (what `miwb-cli plugins --json` and the GUI read).
    ParamSchema again;
    QVERIFY(ParamSchema::fromJson(open.toJson(), again));
    QCOMPARE(again.toJson(), open.toJson());
    QCOMPARE(*again.find("share")->exclusiveMinimum, 0.0);
    QCOMPARE(again.find("p")->rangeText(), std::string("in [0, 1)"));
    // A default on an exclusive bound is rejected when the plugin loads.
    ParamSchema bad;
    const Status s = ParamSchema::fromJson(
        Json::parse(R"([{"name": "sigma", "type": "real", "default": 0, "exclusive_minimum": 0}])"), bad);
    QCOMPARE(QString::fromStdString(s.message()),
             QString("default of 'sigma' is invalid: parameter 'sigma' of 'schema' must be > 0, got 0"));
  }

  void blocksExpand() {
    const Json blocks = Json::parse(R"({
      "net": [{"name": "hidden", "type": "int-list", "default": [8], "help": "widths"},
              {"name": "embedding", "type": "int", "default": 4},
              {"name": "activation", "type": "choice", "default": "relu", "choices": ["relu", "tanh"]}],
      "fit": [{"name": "steps", "type": "int", "default": 10, "min": 1}]
    })");
    Json out;
    QVERIFY(ParamSchema::expandBlocks(Json::parse(R"([
      {"name": "tau", "type": "real", "default": 5},
      {"use": "net", "except": ["embedding"], "with": {"hidden": {"default": [2, 2]}}},
      {"use": "fit"}
    ])"), blocks, out));
    QCOMPARE(out, Json::parse(R"([
      {"name": "tau", "type": "real", "default": 5},
      {"name": "hidden", "type": "int-list", "default": [2, 2], "help": "widths"},
      {"name": "activation", "type": "choice", "default": "relu", "choices": ["relu", "tanh"]},
      {"name": "steps", "type": "int", "default": 10, "min": 1}
    ])"));
    // Without uses the array comes back as it was; no blocks are needed.
    const Json plain = Json::parse(R"([{"name": "k", "type": "int", "default": 3}])");
    QVERIFY(ParamSchema::expandBlocks(plain, Json(), out));
    QCOMPARE(out, plain);
    auto error = [&](const char* params) {
      return QString::fromStdString(ParamSchema::expandBlocks(Json::parse(params), blocks, out).message());
    };
    QCOMPARE(error(R"([{"use": "train"}])"),
             QString("params[0] uses the block 'train', which 'param_blocks' does not define"));
    QCOMPARE(error(R"([{"use": "net", "except": ["depth"]}])"),
             QString("params[0] 'except' names \"depth\", which block 'net' does not hold"));
    QCOMPARE(error(R"([{"use": "net", "except": ["embedding"], "with": {"embedding": {"default": 2}}}])"),
             QString("params[0] 'with' names 'embedding', which block 'net' does not give here"));
    QCOMPARE(error(R"([{"use": "net", "with": {"hidden": {"name": "other"}}}])"),
             QString("params[0] 'with' for 'hidden' must be an object of keys other than 'name'"));
    QCOMPARE(error(R"([{"use": "fit", "default": 3}])"),
             QString("params[0] has the key 'default'; a use takes only 'use', 'except' and 'with'"));
    const Json nested = Json::parse(R"({"outer": [{"name": "x", "use": "fit"}], "fit": []})");
    QCOMPARE(QString::fromStdString(
                 ParamSchema::expandBlocks(Json::parse(R"([{"use": "outer"}])"), nested, out).message()),
             QString("block 'outer' uses another block; blocks do not nest"));
  }

  void readerReadsResolvedValues() {
    Json resolved;
    QVERIFY(schema.resolve(Json{{"k", 5}, {"range", {-1, 2}}}, "est", resolved));
    ParamReader read(resolved, "est");
    QCOMPARE(read.get<int>("k"), 5);
    QCOMPARE(read.get<long>("k"), 5L);
    QCOMPARE(read.get<std::uint64_t>("k"), std::uint64_t{5});
    QCOMPARE(read.get<double>("alpha"), 0.5);
    QCOMPARE(read.get<bool>("on"), true);
    QCOMPARE(read.get<std::string>("mode"), std::string("a"));
    QCOMPARE(read.choice<int>("mode", {{"a", 1}, {"b", 2}}), 1);
    QCOMPARE(read.get<std::vector<int>>("hidden"), (std::vector<int>{10, 7}));
    QCOMPARE(read.get<std::optional<std::vector<double>>>("range"), (std::optional<std::vector<double>>{{-1.0, 2.0}}));
    QVERIFY(read.status());
    Json unset;
    QVERIFY(schema.resolve(Json::object(), "est", unset));
    ParamReader readUnset(unset, "est");
    QVERIFY(!readUnset.get<std::optional<std::vector<double>>>("range"));
    QVERIFY(readUnset.status());
  }

  void readerErrorsNameTheParameter_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << "missing" << "parameter 'alpha' of 'renyi' is missing";
    QTest::newRow("string for a number") << "real" << "parameter 'alpha' of 'renyi' must be a number, got \"big\"";
    QTest::newRow("fraction for an integer") << "int" << "parameter 'alpha' of 'renyi' must be an integer, got 1.5";
    QTest::newRow("too large for int") << "narrow" << "parameter 'alpha' of 'renyi' does not fit the plugin's integer type, got 4294967296";
    QTest::newRow("negative for unsigned") << "unsigned" << "parameter 'alpha' of 'renyi' does not fit the plugin's integer type, got -1";
    QTest::newRow("number for a bool") << "bool" << "parameter 'alpha' of 'renyi' must be true or false, got 1";
    QTest::newRow("number for a string") << "string" << "parameter 'alpha' of 'renyi' must be a string, got 2";
    QTest::newRow("null, not nullable") << "null" << "parameter 'alpha' of 'renyi' is not set";
    QTest::newRow("scalar for a list") << "list" << "parameter 'alpha' of 'renyi' must be a list, got 3";
    QTest::newRow("unmapped choice") << "choice" << "parameter 'alpha' of 'renyi' must be one of x, y, got \"z\"";
    QTest::newRow("require") << "require" << "parameter 'alpha' of 'renyi' must be odd";
  }
  void readerErrorsNameTheParameter() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const std::map<QString, Json> given = {
        {"missing", Json::object()},         {"real", {{"alpha", "big"}}},       {"int", {{"alpha", 1.5}}},
        {"narrow", {{"alpha", 4294967296LL}}}, {"unsigned", {{"alpha", -1}}},      {"bool", {{"alpha", 1}}},
        {"string", {{"alpha", 2}}},          {"null", {{"alpha", nullptr}}},     {"list", {{"alpha", 3}}},
        {"choice", {{"alpha", "z"}}},        {"require", {{"alpha", 2}}}};
    const Json params = given.at(kind);
    ParamReader read(params, "renyi");
    if (kind == "missing" || kind == "real" || kind == "null") QCOMPARE(read.get<double>("alpha"), 0.0);
    else if (kind == "int" || kind == "narrow") QCOMPARE(read.get<int>("alpha"), 0);
    else if (kind == "unsigned") QCOMPARE(read.get<std::uint64_t>("alpha"), std::uint64_t{0});
    else if (kind == "bool") QCOMPARE(read.get<bool>("alpha"), false);
    else if (kind == "string") QCOMPARE(read.get<std::string>("alpha"), std::string());
    else if (kind == "list") QVERIFY(read.get<std::vector<double>>("alpha").empty());
    else if (kind == "choice") read.choice<int>("alpha", {{"x", 1}, {"y", 2}});
    else read.require(read.get<int>("alpha") % 2 == 1, "alpha", "must be odd");
    QCOMPARE(read.status().code(), StatusCode::InvalidInput);
    QCOMPARE(QString::fromStdString(read.status().message()), expected);
    // The first error is the one kept.
    read.get<double>("beta");
    QCOMPARE(QString::fromStdString(read.status().message()), expected);
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
