#include "miwb/host/trust/extrapolation.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include "miwb/host/trust/power_law_fit.h"
#include "miwb/host/trust/resampling.h"
#include "miwb/run_context.h"
#include "text_fields.h"

namespace miwb {
namespace {

// Below this exponent N^-b changes by under 20 % over three decades of N: the limit and the
// amplitude trade off against each other and I_inf is not identified.
constexpr double kFlatExponent = 0.1;
// Below this share of the approach covered, I_inf is mostly extrapolation (KSG in 5+5 dims fits
// b = 0.19 over N = 250 .. 8000, which covers under half the way, and overshoots the truth by 0.3
// nats because its deficit's local exponent rises with N, from 0.22 to 0.34 by N = 32000).
constexpr double kMinCovered = 0.5;

std::vector<numerics::PowerLawPoint> pointsOf(const std::vector<CurveSamples>& samples, const std::vector<double>& variances) {
  std::vector<numerics::PowerLawPoint> points;
  for (std::size_t i = 0; i < samples.size(); ++i)
    points.push_back({static_cast<double>(samples[i].n), numerics::mean(samples[i].values), 1 / variances[i]});
  return points;
}

// The variance of each size's mean, sd(N)^2 / R, with sd(N) from a spread model rather than from
// each size's own repeats: with 5 repeats a sample variance is off by 70 % (chi-squared with 4
// degrees of freedom), and such noisy weights let one lucky size pull the exponent. An estimator's
// spread over repeats follows a power of N closely (N^-1/2 for most), so log sd^2 is fitted as a
// straight line in log N over the sizes whose repeats differ. Sizes without spread (one repeat, or
// repeats that agree) take the model's value; with spread at fewer than two sizes, all sizes share
// the one variance there is (with none, the weights are the repeat counts).
std::vector<double> meanVariances(const std::vector<CurveSamples>& samples) {
  std::vector<double> logN, logVar;
  for (const auto& s : samples) {
    const double sd = numerics::sampleStd(s.values);
    if (s.values.size() > 1 && sd > 0) {
      logN.push_back(std::log(static_cast<double>(s.n)));
      logVar.push_back(2 * std::log(sd));
    }
  }
  double slope = 0, intercept = 0, centre = 0;
  if (!logN.empty()) {
    centre = numerics::mean(logN);
    intercept = numerics::mean(logVar);
    double sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < logN.size(); ++i) {
      sxx += (logN[i] - centre) * (logN[i] - centre);
      sxy += (logN[i] - centre) * (logVar[i] - intercept);
    }
    if (sxx > 0) slope = sxy / sxx;
  }
  std::vector<double> variances;
  for (const auto& s : samples) {
    const double single = std::exp(intercept + slope * (std::log(static_cast<double>(s.n)) - centre));
    variances.push_back(single / static_cast<double>(s.values.size()));
  }
  return variances;
}

// Means that turn back by more than twice the standard error of their difference.
bool monotone(const std::vector<CurveSamples>& samples, const std::vector<double>& variances) {
  int up = 0, down = 0;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    const double d = numerics::mean(samples[i].values) - numerics::mean(samples[i - 1].values);
    const double se = std::sqrt(variances[i] + variances[i - 1]);
    if (d > 2 * se) ++up;
    if (d < -2 * se) ++down;
  }
  return up == 0 || down == 0;
}

bool atEdge(double exponent, double edge) { return std::fabs(std::log(exponent / edge)) < 1e-3; }

std::string exact(const std::optional<double>& v) {
  if (!v) return {};
  std::ostringstream s;
  s << std::setprecision(17) << *v;
  return s.str();
}

}  // namespace

Extrapolation extrapolate(std::vector<CurveSamples> samples, std::uint64_t seed, int refits) {
  Extrapolation out;
  samples.erase(std::remove_if(samples.begin(), samples.end(), [](const CurveSamples& s) { return s.values.empty(); }),
                samples.end());
  std::sort(samples.begin(), samples.end(), [](const CurveSamples& a, const CurveSamples& b) { return a.n < b.n; });
  if (static_cast<int>(samples.size()) < kMinExtrapolationSizes) {
    out.note = "too few sample sizes (" + std::to_string(samples.size()) + "; the fit needs " +
               std::to_string(kMinExtrapolationSizes) + ")";
    return out;
  }
  const bool repeated = std::all_of(samples.begin(), samples.end(), [](const CurveSamples& s) { return s.values.size() > 1; });
  const std::vector<double> variances = meanVariances(samples);
  const auto fit = numerics::fitPowerLaw(pointsOf(samples, variances));
  if (!fit) {
    out.note = "the fit failed";
    return out;
  }
  out.limit = fit->limit;
  out.amplitude = fit->amplitude;
  out.exponent = fit->exponent;
  std::vector<std::string> notes;
  if (!repeated) notes.push_back("one repeat at some sample size: no spread to weight by or to resample, no interval");
  // How much of the approach from the smallest N to the limit the sizes cover: 1 - (Nmax/Nmin)^-b.
  const double covered = 1 - std::pow(static_cast<double>(samples.back().n) / static_cast<double>(samples.front().n),
                                      -fit->exponent);
  if (fit->exponent < kFlatExponent)
    notes.push_back("exponent near 0 (b = " + roundedText(fit->exponent) +
                    (atEdge(fit->exponent, numerics::kMinExponent) ? ", the lowest searched" : "") +
                    "): the limit is not identified by these sizes");
  // b at the upper end needs no note: the curve is flat within its noise, and I_inf is about the
  // mean at the largest N, which is where such a curve is heading.
  else if (covered < kMinCovered)
    notes.push_back("the sizes cover only " + roundedText(100 * covered, 2) + " % of the approach to I_inf (b = " +
                    roundedText(fit->exponent) + "): the limit lies far beyond the data");
  if (!monotone(samples, variances)) notes.push_back("the means are not monotone in N");
  if (repeated) {
    Random rng(mixSeed(seed, "extrapolation"));
    std::vector<double> limits;
    std::vector<CurveSamples> drawn = samples;
    for (int r = 0; r < refits; ++r) {
      for (std::size_t i = 0; i < samples.size(); ++i)
        for (auto& v : drawn[i].values)
          v = samples[i].values[rng.integer(samples[i].values.size())];
      if (const auto refit = numerics::fitPowerLaw(pointsOf(drawn, meanVariances(drawn)))) limits.push_back(refit->limit);
    }
    if (limits.size() >= 2) {
      out.low = std::min(*out.limit, numerics::quantile(limits, (1 - kExtrapolationLevel) / 2));
      out.high = std::max(*out.limit, numerics::quantile(limits, (1 + kExtrapolationLevel) / 2));
    }
  }
  for (std::size_t i = 0; i < notes.size(); ++i) out.note += (i ? "; " : "") + notes[i];
  return out;
}

std::vector<ExtrapolationRow> extrapolateTable(const std::vector<ResultRow>& table) {
  struct Curve {
    ExtrapolationRow row;
    std::map<long long, std::vector<double>> byN;
  };
  std::vector<Curve> curves;
  for (const ResultRow& r : table) {
    if (!r.ok || !r.valueNats || !r.n || r.layer) continue;
    auto it = std::find_if(curves.begin(), curves.end(), [&](const Curve& c) {
      return c.row.estimator == r.estimator && c.row.quantity == r.quantity && c.row.sweepParam == r.sweepParam &&
             c.row.sweepValue == r.sweepValue;
    });
    if (it == curves.end()) {
      curves.push_back({{r.estimator, r.quantity, r.sweepParam, r.sweepValue, {}}, {}});
      it = curves.end() - 1;
    }
    it->byN[*r.n].push_back(*r.valueNats);
  }
  std::vector<ExtrapolationRow> rows;
  for (auto& c : curves) {
    std::vector<CurveSamples> samples;
    for (auto& [n, values] : c.byN) samples.push_back({n, values});
    c.row.fit = extrapolate(std::move(samples),
                            mixSeed(0, c.row.estimator + "|" + c.row.quantity + "|" + c.row.sweepParam + c.row.sweepValue.dump()));
    rows.push_back(std::move(c.row));
  }
  return rows;
}

Status writeExtrapolationCsv(const std::vector<ExtrapolationRow>& rows, const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::failed(path + ": cannot write");
  out << "estimator,quantity,sweep_param,sweep_value,value_nats,ci_low_nats,ci_high_nats,exponent,note\n";
  for (const auto& r : rows) {
    const std::string sweep =
        r.sweepParam.empty() ? std::string() : (r.sweepValue.is_string() ? r.sweepValue.get<std::string>() : r.sweepValue.dump());
    out << csvField(r.estimator) << ',' << csvField(r.quantity) << ',' << csvField(r.sweepParam) << ',' << csvField(sweep)
        << ',' << exact(r.fit.limit) << ',' << exact(r.fit.low) << ',' << exact(r.fit.high) << ','
        << exact(r.fit.exponent) << ',' << csvField(r.fit.note) << '\n';
  }
  return out ? Status::ok() : Status::failed(path + ": write failed");
}

}  // namespace miwb
