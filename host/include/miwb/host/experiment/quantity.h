#pragma once
// The quantities an experiment measures, by the names the journal's "quantity" column uses.
// Pairs experiments (estimate, scaling) measure I(X;Y), H(X) and H(Y), and I(X;Y|Z) where the dataset
// draws a Z and the estimator conditions (both say "conditional" in their metadata); information-plane
// experiments I(X;T), I(T;Y) and H(T) for every layer T and epoch; benchmarks I(X;Y) only (they
// standardize the columns first, which changes entropies but not the MI).
#include <string>
#include <vector>

namespace miwb {

enum class ExperimentKind { Estimate, Scaling, InformationPlane, Benchmark };
const char* toString(ExperimentKind kind);

namespace quantity {
inline constexpr const char* kIxy = "I(X;Y)";
inline constexpr const char* kIxyGivenZ = "I(X;Y|Z)";
inline constexpr const char* kHx = "H(X)";
inline constexpr const char* kHy = "H(Y)";
inline constexpr const char* kIxt = "I(X;T)";
inline constexpr const char* kIty = "I(T;Y)";
inline constexpr const char* kHt = "H(T)";
}  // namespace quantity

// H(...) rather than I(...;...).
bool isEntropy(const std::string& quantity);
// I(...;...|...): needs an estimator that conditions and a dataset that draws the conditioning variable.
bool isConditional(const std::string& quantity);
// What a kind of experiment can measure, in the order results list them.
std::vector<std::string> quantitiesOf(ExperimentKind kind);
// What it measures when an estimator entry names no quantities: the mutual information(s).
std::vector<std::string> defaultQuantities(ExperimentKind kind);

}  // namespace miwb
