#include "discrete_mi.h"

#include "miwb/numerics/entropy.h"

namespace miwb::ksg {

miwb::Status discreteMi(const miwb::Labels& a, const miwb::Labels& b, miwb::Estimate& out) {
  out.valueNats = miwb::plugInInformation(miwb::denseLabels(a), miwb::denseLabels(b)).mutualInformation();
  out.details["method"] = "plug-in (both discrete)";
  return miwb::Status::ok();
}

miwb::Status discreteEntropy(const miwb::Labels& a, miwb::Estimate& out) {
  out.valueNats = miwb::plugInEntropy(miwb::denseLabels(a).counts);
  out.details["method"] = "plug-in (discrete)";
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
