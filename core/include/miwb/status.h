#pragma once
// Outcome of an SDK call: success, or a kind of failure with one sentence for the user.
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

  // Prefixes the message with where it happened ("x.npy: " + message), keeping the code.
  Status withContext(const std::string& where) const {
    return isOk() ? *this : Status{code_, where + ": " + message_};
  }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::Ok;
  std::string message_;
};

// Propagates a failed status out of the calling function.
#define MIWB_TRY(expr)                         \
  do {                                         \
    ::miwb::Status miwb_status_ = (expr);      \
    if (!miwb_status_.isOk()) return miwb_status_; \
  } while (0)

}  // namespace miwb
