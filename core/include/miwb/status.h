#pragma once
// Outcome of an SDK call: success, or a kind of failure with one sentence for the user, and, when
// the failure is about one field of a document, that field as data (a path such as
// "estimators[1].params.bins"), so a front end can point at it without reading the sentence.
// Modelled on Eigen's ComputationInfo: numerical trouble is reported, never thrown or crashed on.
// [[nodiscard]]: a status dropped on the floor is a failure nobody hears about.
//
// What does throw: constructors cannot return a status, so the few that check a precondition throw
// when it is broken by the caller (a programming error, not bad user data): KdTree and Grid2d
// (std::invalid_argument for blocks of unequal length, std::length_error beyond 2^31 - 1 points).
// Allocation failure is std::bad_alloc anywhere. The host turns every exception that escapes a
// plugin call into a failed status (callGuarded), so neither takes down a run.
#include <string>
#include <utility>

namespace miwb {

enum class StatusCode {
  Ok,
  InvalidInput,    // the caller's data or parameters are wrong; the message names what
  NumericalIssue,  // the computation ran into a singular matrix, an overflow, ...
  Cancelled,       // the run context asked to stop
  Unsupported,     // the plugin does not offer this operation
  Failed,          // anything else (I/O, an exception caught at the plugin boundary)
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return {}; }
  static Status invalidInput(std::string message) { return {StatusCode::InvalidInput, std::move(message)}; }
  static Status numericalIssue(std::string message) { return {StatusCode::NumericalIssue, std::move(message)}; }
  static Status cancelled() { return {StatusCode::Cancelled, "cancelled"}; }
  static Status unsupported(std::string message) { return {StatusCode::Unsupported, std::move(message)}; }
  static Status failed(std::string message) { return {StatusCode::Failed, std::move(message)}; }

  bool isOk() const { return code_ == StatusCode::Ok; }
  explicit operator bool() const { return isOk(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // The field this failure is about, as a path: keys joined by '.', list items as "[i]"
  // ("grid.n[2]", "binz" inside a parameter object); empty when it is about no one field.
  const std::string& field() const { return field_; }

  // Prefixes the message with where it happened ("x.npy: " + message), keeping the code and field.
  Status withContext(const std::string& where) const {
    if (isOk()) return *this;
    Status s{code_, where + ": " + message_};
    s.field_ = field_;
    return s;
  }
  // Names the field the failure is about (replacing any field it had); the message is unchanged.
  Status atField(std::string path) const {
    Status s = *this;
    if (!isOk()) s.field_ = std::move(path);
    return s;
  }
  // Places the field inside `parent` ("bins" under "estimators[0].params" becomes
  // "estimators[0].params.bins"); a failure without a field is about `parent` itself.
  Status underField(const std::string& parent) const {
    if (isOk() || parent.empty()) return *this;
    if (field_.empty()) return atField(parent);
    return atField(field_.front() == '[' ? parent + field_ : parent + "." + field_);
  }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::Ok;
  std::string message_;
  std::string field_;
};

// Propagates a failed status out of the calling function.
#define MIWB_TRY(expr)                         \
  do {                                         \
    ::miwb::Status miwb_status_ = (expr);      \
    if (!miwb_status_.isOk()) return miwb_status_; \
  } while (0)

}  // namespace miwb
