#include "dse_estimator.h"

#include <cmath>

#include "diffusion_entropy.h"
#include "miwb/units.h"

namespace miwb::spectral {

Status DseEstimator::mutualInformation(const Variable&, const Variable&, RunContext&, Estimate&) const {
  return Status::unsupported("dse estimates an entropy, not mutual information; use dsmi");
}

Status DseEstimator::entropy(const Variable& x, RunContext& ctx, Estimate& out) const {
  if (!x.hasValues()) return Status::invalidInput("dse needs continuous values, but x holds only labels");
  miwb::Random rng = ctx.random(SpectralSettings::kSubsampleStream);
  const std::vector<Index> rows = subsampleRows(x.samples(), settings_.maxSamples, nullptr, rng);
  const Matrix z = x.values()(rows, Eigen::all);
  const double sigma = settings_.width(z, ctx);
  if (!ctx.progress(0.0)) return Status::cancelled();
  double nats = 0.0;
  MIWB_TRY(diffusionSpectralEntropy(z, sigma, settings_.t, settings_.eigenvalues, nats));
  out.valueNats = nats;
  out.details = {{"sigma", sigma}, {"samples", z.rows()}, {"dse_bits", natsToBits(nats)}};
  ctx.progress(1.0);
  return Status::ok();
}

}  // namespace miwb::spectral
