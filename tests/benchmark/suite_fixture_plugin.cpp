// A test-only benchmark suite: samples fixed by task and N with an exactly known sample correlation,
// so that a benchmark run's table and summary can be computed by hand.
#include <QObject>
#include <cmath>

#include "miwb/dataset.h"

namespace miwb::suite_fixture {
namespace {

class Suite final : public PairSource {
 public:
  Suite(std::string task, double c) : task_(std::move(task)), c_(c) {}
  Status sample(Index n, RunContext&, Variable& x, Variable& y) const override {
    if (n % 4 != 0) return Status::invalidInput("the fixture suite needs N divisible by 4");
    const double c = task_ == "alpha" ? 0.5 : task_ == "beta" ? (n < 200 ? 0.2 : 0.56) : c_;
    Matrix xs(n, 1), ys(n, 1);
    for (Index i = 0; i < n; ++i) {
      const double u = (i % 4) < 2 ? 1.0 : -1.0;
      const double v = (i % 2) == 0 ? 1.0 : -1.0;
      xs(i, 0) = 3 * u + 7;
      ys(i, 0) = 10 * (c * u + std::sqrt(1 - c * c) * v) - 4;
    }
    x = Variable::continuous(std::move(xs));
    y = Variable::continuous(std::move(ys));
    return Status::ok();
  }
  std::optional<double> trueMutualInformation() const override {
    return task_ == "alpha" ? 0.5 : task_ == "beta" ? 0.6 : c_;
  }

 private:
  std::string task_;
  double c_;
};

}  // namespace

class SuiteFixturePlugin : public QObject, public DatasetFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_DATASET_FACTORY_IID FILE "miwb_metadata/suite_fixture.json")
  Q_INTERFACES(miwb::DatasetFactory)

 public:
  Status createPairSource(const std::string&, const Json& params, std::unique_ptr<PairSource>& out) const override {
    out = std::make_unique<Suite>(params.at("task").get<std::string>(), params.at("c").get<double>());
    return Status::ok();
  }
};

}  // namespace miwb::suite_fixture

#include "suite_fixture_plugin.moc"
