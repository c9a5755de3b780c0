#include <QCoreApplication>
#include <QtTest>

#include "miwb/dataset.h"
#include "trust_tests.h"

namespace trust_tests {

const miwb::PluginRegistry& registry() {
  static miwb::PluginRegistry* r = [] {
    auto* reg = new miwb::PluginRegistry;
    reg->scan(miwb::PluginRegistry::defaultSearchPath());
    return reg;
  }();
  return *r;
}

void gaussianPairs(miwb::Index n, miwb::Index dim, double rho, std::uint64_t seed, miwb::Variable& x, miwb::Variable& y) {
  std::unique_ptr<miwb::PairSource> source;
  QVERIFY(registry().createPairSource("gaussian", miwb::Json{{"dim", dim}, {"rho", rho}}, source).isOk());
  miwb::RunContext ctx(seed);
  QVERIFY(source->sample(n, ctx, x, y).isOk());
}

double rhoFor(double nats, miwb::Index dim) { return std::sqrt(-std::expm1(-2.0 * nats / static_cast<double>(dim))); }

}  // namespace trust_tests

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName("miwb-test-trust");
  int status = 0;
  {
    trust_tests::TestTrustNumerics t;
    status |= QTest::qExec(&t, argc, argv);
  }
  {
    trust_tests::TestIntervals t;
    status |= QTest::qExec(&t, argc, argv);
  }
  {
    trust_tests::TestCalibration t;
    status |= QTest::qExec(&t, argc, argv);
  }
  {
    trust_tests::TestExtrapolation t;
    status |= QTest::qExec(&t, argc, argv);
  }
  return status;
}
