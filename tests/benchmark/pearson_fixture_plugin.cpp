// Test-only estimators: the sample correlation of the first columns (unchanged by standardizing),
// reporting the mean and population sd of those columns so that tests see what the estimator saw.
#include <QObject>
#include <cmath>

#include "miwb/estimator.h"

namespace miwb::pearson_fixture {
namespace {

class Pearson final : public Estimator {
 public:
  Status mutualInformation(const Variable& x, const Variable& y, RunContext&, Estimate& out) const override {
    const auto a = x.values().col(0).array();
    const auto b = y.values().col(0).array();
    const double n = static_cast<double>(a.size());
    const double ma = a.mean(), mb = b.mean();
    const double sa = std::sqrt((a - ma).square().sum() / n), sb = std::sqrt((b - mb).square().sum() / n);
    out.valueNats = ((a - ma) * (b - mb)).sum() / (n * sa * sb);
    out.details = {{"x_mean", ma}, {"x_sd", sa}, {"y_mean", mb}, {"y_sd", sb}};
    return Status::ok();
  }
};

}  // namespace

class PearsonFixturePlugin : public QObject, public EstimatorFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_ESTIMATOR_FACTORY_IID FILE "miwb_metadata/pearson_fixture.json")
  Q_INTERFACES(miwb::EstimatorFactory)

 public:
  Status create(const std::string&, const Json&, std::unique_ptr<Estimator>& out) const override {
    out = std::make_unique<Pearson>();
    return Status::ok();
  }
};

}  // namespace miwb::pearson_fixture

#include "pearson_fixture_plugin.moc"
