// The out-of-tree CCA plugin, loaded as the host loads it, on data whose canonical correlations are
// known exactly: columns of a Sylvester Hadamard matrix are orthogonal with mean 0, so mixing them
// with unit-norm weights sets each correlation by hand.
#include <QDir>
#include <QPluginLoader>
#include <QtTest>
#include <cmath>

#include "miwb/estimator.h"

using namespace miwb;

namespace {

// Column j (1..7) of the 8 x 8 Sylvester Hadamard matrix: entry i is (-1)^popcount(i & j).
Eigen::VectorXd hadamardColumn(int j) {
  Eigen::VectorXd c(8);
  for (int i = 0; i < 8; ++i) c(i) = (__builtin_popcount(static_cast<unsigned>(i & j)) % 2) ? -1.0 : 1.0;
  return c;
}

}  // namespace

class TestCca : public QObject {
  Q_OBJECT
  EstimatorFactory* factory = nullptr;

  std::unique_ptr<Estimator> make(double ridge) {
    std::unique_ptr<Estimator> e;
    const Status s = factory->create("cca", Json{{"ridge", ridge}}, e);
    if (!s.isOk()) qFatal("%s", s.message().c_str());
    return e;
  }
  double mi(const Matrix& x, const Matrix& y, double ridge = 0.0) {
    RunContext ctx(1);
    Estimate out;
    const Status s = make(ridge)->mutualInformation(Variable::continuous(x), Variable::continuous(y), ctx, out);
    if (!s.isOk()) qFatal("%s", s.message().c_str());
    return out.valueNats;
  }

 private Q_SLOTS:
  void initTestCase() {
    const QDir dir(QStringLiteral(CCA_PLUGIN_DIR));
    const QStringList files = dir.entryList({"libmiwb-estimator-cca*.so"}, QDir::Files);
    QCOMPARE(files.size(), 1);
    static QPluginLoader loader(dir.filePath(files.front()));
    const QJsonObject meta = loader.metaData().value("MetaData").toObject();
    QCOMPARE(meta.value("id").toString(), QStringLiteral("cca"));
    QCOMPARE(meta.value("sdk_version").toString(),
             QStringLiteral("%1.%2").arg(MIWB_SDK_VERSION_MAJOR).arg(MIWB_SDK_VERSION_MINOR));
    factory = qobject_cast<EstimatorFactory*>(loader.instance());
    QVERIFY2(factory, qPrintable(loader.errorString()));
  }

  // Correlations 0.6 and 0.8: I = -1/2 (ln 0.64 + ln 0.36).
  void handComputedCorrelations() {
    Matrix x(8, 2), y(8, 2);
    x << hadamardColumn(1), hadamardColumn(2);
    y << 0.6 * hadamardColumn(1) + 0.8 * hadamardColumn(3), 0.8 * hadamardColumn(2) + 0.6 * hadamardColumn(4);
    const double expected = -0.5 * (std::log(0.64) + std::log(0.36));
    QVERIFY(std::abs(mi(x, y) - expected) < 1e-12);
  }

  // Invertible linear maps of X and of Y leave the canonical correlations unchanged.
  void invariantUnderInvertibleLinearMaps() {
    Matrix x(8, 2), y(8, 2);
    x << hadamardColumn(1), hadamardColumn(2);
    y << 0.6 * hadamardColumn(1) + 0.8 * hadamardColumn(3), 0.8 * hadamardColumn(2) + 0.6 * hadamardColumn(4);
    Eigen::Matrix2d a, b;
    a << 2.0, -1.0, 0.5, 3.0;
    b << -1.0, 0.2, 4.0, 1.0;
    const Matrix shiftedX = (x * a).array() + 7.0;
    QVERIFY(std::abs(mi(shiftedX, y * b) - mi(x, y)) < 1e-12);
  }

  void orthogonalVariablesGiveZero() {
    Matrix x(8, 1), y(8, 2);
    x << hadamardColumn(5);
    y << hadamardColumn(6), hadamardColumn(7);
    QVERIFY(std::abs(mi(x, y)) < 1e-14);
  }

  void constantColumnIsANumericalIssueUntilRidged() {
    Matrix x(8, 2), y(8, 1);
    x << hadamardColumn(1), Eigen::VectorXd::Constant(8, 3.0);
    y << 0.6 * hadamardColumn(1) + 0.8 * hadamardColumn(2);
    RunContext ctx(1);
    Estimate out;
    const Status s = make(0.0)->mutualInformation(Variable::continuous(x), Variable::continuous(y), ctx, out);
    QCOMPARE(s.code(), StatusCode::NumericalIssue);
    QVERIFY2(QString::fromStdString(s.message()).contains("'ridge'"), s.message().c_str());
    // A ridge keeps the constant column out of the way: the remaining correlation is 0.6.
    QVERIFY(std::abs(mi(x, y, 1e-9) - (-0.5 * std::log(0.64))) < 1e-6);
  }
};

QTEST_GUILESS_MAIN(TestCca)
#include "test_cca.moc"
