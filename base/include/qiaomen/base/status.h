#pragma once
// Status and Result<T>: how every Qiaomen function reports failure. No exception crosses a module
// boundary; third-party exceptions are caught at the adapter and turned into a Status.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace qiaomen::base {

// The one list of error codes. Adding a code is an API change: update CodeName() too.
enum class Code {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong (a malformed visit, a bad CSV row)
  kNotFound,            // the thing named does not exist
  kAlreadyExists,       // a create collided with something that exists
  kFailedPrecondition,  // the state does not allow it (a closed hazard re-opened, a newer schema)
  kPermissionDenied,    // authenticated, but outside the caller's scope
  kUnauthenticated,     // no or bad credentials (unknown token, wrong PIN)
  kResourceExhausted,   // a limit was hit (rate limit, body too large, disk full)
  kCorruption,          // stored data failed an integrity check (tampered photo, bad page)
  kDataLoss,            // data is gone for good (key destroyed after too many wrong PINs)
  kIOError,             // the operating system refused a read, write or fsync
  kUnavailable,         // transient: the server or the link is not there now; retry later
  kDeadlineExceeded,    // transient: it took too long
  kAborted,             // a conflict made the operation give up; retry may succeed
  kCancelled,           // the caller asked to stop
  kInternal,            // a bug: an invariant of ours did not hold
};

// The stable lower_snake_case name of a code, e.g. "not_found".
std::string_view CodeName(Code code);

// A success, or a code with a message written as a sentence a person can act on.
// Cheap to copy on success. Thread-compatible.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "not_found: Subject H-001 is not in this profile." ; "ok" on success.
  std::string ToString() const;

  // Prefixes context to the message ("opening profile: ..."); no-op on success.
  Status WithContext(std::string_view context) const;

  // Marks a status as deliberately ignored.
  void IgnoreError() const {}

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

// Shorthands: return InvalidArgument("Item q3 needs a number between 0 and 10.");
Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status AlreadyExists(std::string message);
Status FailedPrecondition(std::string message);
Status PermissionDenied(std::string message);
Status Unauthenticated(std::string message);
Status ResourceExhausted(std::string message);
Status Corruption(std::string message);
Status DataLoss(std::string message);
Status IOError(std::string message);
Status Unavailable(std::string message);
Status DeadlineExceeded(std::string message);
Status Aborted(std::string message);
Status Cancelled(std::string message);
Status Internal(std::string message);

// A value of T or a non-ok Status. Accessing value() of an error is a bug (asserts in debug).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::in_place_index<1>, std::move(status)) {  // NOLINT
    assert(!std::get<1>(data_).ok() && "Result constructed from an ok Status");
  }

  bool ok() const { return data_.index() == 0; }
  // The error; an ok Status when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<1>(data_); }

  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T value_or(T fallback) const& { return ok() ? std::get<0>(data_) : std::move(fallback); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace qiaomen::base

#define QM_CONCAT_INNER_(a, b) a##b
#define QM_CONCAT_(a, b) QM_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function if `expr` (a Status) is not ok.
#define QM_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    ::qiaomen::base::Status qm_status_ = (expr); \
    if (!qm_status_.ok()) return qm_status_;     \
  } while (false)

// `QM_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or returns its Status.
#define QM_ASSIGN_OR_RETURN(lhs, expr) \
  QM_ASSIGN_OR_RETURN_IMPL_(QM_CONCAT_(qm_result_, __LINE__), lhs, expr)
#define QM_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                              \
  if (!result.ok()) return result.status();          \
  lhs = std::move(result).value()
