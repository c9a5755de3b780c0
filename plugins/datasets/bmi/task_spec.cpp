#include "task_spec.h"

#include <algorithm>
#include <sstream>

namespace miwb::bmi {
namespace {

const std::pair<Family, const char*> kFamilies[] = {
    {Family::NormalDense, "normal-dense"},
    {Family::NormalSparse, "normal-sparse"},
    {Family::StudentDense, "student-dense"},
    {Family::AdditiveUniform, "additive-uniform"},
};

const std::pair<Transform, const char*> kTransforms[] = {
    {Transform::None, "none"},
    {Transform::NormalCdf, "normal_cdf"},
    {Transform::HalfCube, "half_cube"},
    {Transform::Asinh, "asinh"},
    {Transform::Spiral, "spiral"},
    {Transform::SpiralNormalCdf, "spiral-normal_cdf"},
    {Transform::Wiggly, "wiggly"},
    {Transform::Bimodal, "bimodal"},
    {Transform::SwissRollX, "swissroll_x"},
};

template <class Enum, std::size_t N>
Status parseName(const std::pair<Enum, const char*> (&table)[N], const char* parameter, const std::string& name,
                 Enum& out) {
  std::string known;
  for (const auto& [value, text] : table) {
    if (name == text) {
      out = value;
      return Status::ok();
    }
    known += (known.empty() ? "" : ", ") + std::string(text);
  }
  return Status::invalidInput("parameter '" + std::string(parameter) + "' of 'bmi' must be one of " + known +
                              ", got '" + name + "'");
}

std::string transformName(Transform t) {
  for (const auto& [value, text] : kTransforms)
    if (value == t) return text;
  return "?";
}

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

Status invalid(const std::string& parameter, const std::string& what) {
  return Status::invalidInput("parameter '" + parameter + "' of 'bmi': " + what);
}

// Wiggly, bimodal and the swiss roll are maps of one coordinate on each side.
Status needsOneByOne(const TaskSpec& spec, const std::string& what) {
  if (spec.dx != 1) return invalid("dx", what + " is 1-D and needs dx = dy = 1, got dx = " + std::to_string(spec.dx));
  if (spec.dy != 1) return invalid("dy", what + " is 1-D and needs dx = dy = 1, got dy = " + std::to_string(spec.dy));
  return Status::ok();
}

Status validateFamily(const TaskSpec& spec) {
  switch (spec.family) {
    case Family::NormalDense:
    case Family::StudentDense: {
      // All off-diagonal entries rho: eigenvalues 1 - rho and 1 + (d - 1) rho, d = dx + dy.
      const double d = static_cast<double>(spec.dx + spec.dy);
      const double lowest = -1.0 / (d - 1.0);
      if (!(spec.rho > lowest && spec.rho < 1.0))
        return invalid("rho", "must be in (" + number(lowest) + ", 1) for dx + dy = " + number(d) +
                                  ", where the dense matrix is positive definite, got " + number(spec.rho));
      if (spec.family == Family::StudentDense && !(spec.dof > 0.0))
        return invalid("dof", "must be > 0, got " + number(spec.dof));
      return Status::ok();
    }
    case Family::NormalSparse:
      if (spec.pairs > std::min(spec.dx, spec.dy))
        return invalid("pairs", "must be at most min(dx, dy) = " + std::to_string(std::min(spec.dx, spec.dy)) +
                                    ", got " + std::to_string(spec.pairs));
      return Status::ok();
    case Family::AdditiveUniform:
      if (spec.dx != 1 || spec.dy != 1)
        return invalid(spec.dx != 1 ? "dx" : "dy",
                       "the additive-uniform family is 1+1 (X ~ U(0, 1), Y = X + U(-noise, noise)), got dx = " +
                           std::to_string(spec.dx) + ", dy = " + std::to_string(spec.dy));
      if (!(spec.noise > 0.0)) return invalid("noise", "must be > 0, got " + number(spec.noise));
      return Status::ok();
  }
  return Status::ok();
}

}  // namespace

Status parseFamily(const std::string& name, Family& out) { return parseName(kFamilies, "family", name, out); }
Status parseTransform(const std::string& name, Transform& out) {
  return parseName(kTransforms, "transform", name, out);
}

Status validate(const TaskSpec& spec) {
  if (spec.dx < 1) return invalid("dx", "must be >= 1, got " + std::to_string(spec.dx));
  if (spec.dy < 1) return invalid("dy", "must be >= 1, got " + std::to_string(spec.dy));
  MIWB_TRY(validateFamily(spec));
  switch (spec.transform) {
    case Transform::Spiral:
    case Transform::SpiralNormalCdf: {
      // The spiral turns coordinates (0, 1) of X and (1, 2) of Y.
      const std::string what = "the " + transformName(spec.transform) + " transform needs ";
      if (spec.dx < 2) return invalid("dx", what + "dx >= 2, got " + std::to_string(spec.dx));
      if (spec.dy < 3) return invalid("dy", what + "dy >= 3, got " + std::to_string(spec.dy));
      return Status::ok();
    }
    case Transform::Wiggly:
    case Transform::Bimodal:
    case Transform::SwissRollX:
      return needsOneByOne(spec, "the " + transformName(spec.transform) + " transform");
    default:
      return Status::ok();
  }
}

Index outputDims(const TaskSpec& spec, bool xSide) {
  if (xSide) return spec.transform == Transform::SwissRollX ? 2 : spec.dx;
  return spec.dy;
}

}  // namespace miwb::bmi
