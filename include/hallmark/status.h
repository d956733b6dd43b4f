// Errors as values. A Status says whether an operation worked and, if not, which kind of
// failure it was; Result<T> carries either a value or a failed Status. No exception crosses
// hallmark's API.
//
// The codes keep two answers apart that a verifier must never mix up:
//   kVerifyFailed  "checked, and it is NOT authentic"          -> exit code 1
//   everything else "could not check" (bad input, I/O, usage) -> exit code 2
// Thread-safety: values; safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace hallmark {

enum class Code : int {
  kOk = 0,
  kVerifyFailed,     // The check ran and the answer is no (tampered, bad signature, ...).
  kInvalidArgument,  // The caller asked for something impossible (usage, bad flag value).
  kNotFound,         // A named file, key or log entry does not exist.
  kCorrupt,          // Input is malformed: not the format it claims to be, truncated, hostile.
  kUnsupported,      // Well-formed but not something this version handles (unknown version).
  kIoError,          // The operating system refused (permissions, disk full, ...).
  kInternal,         // A bug in hallmark.
};

// Name of a code for messages and JSON: "ok", "verify-failed", "corrupt", ...
std::string_view code_name(Code code);

// 0 for kOk, 1 for kVerifyFailed, 2 for everything else. Used by the CLI for exit codes.
int exit_code(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK.
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // Lowercase, no final period, e.g. `manifest: "creator" must be an object`. Empty when OK.
  const std::string& message() const { return message_; }

  // The same failure with "context: " put in front of the message; OK stays OK.
  Status with_context(std::string_view context) const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

Status verify_failed(std::string message);
Status invalid_argument(std::string message);
Status not_found(std::string message);
Status corrupt(std::string message);
Status unsupported(std::string message);
Status io_error(std::string message);
Status internal_error(std::string message);
// kIoError (or kNotFound for ENOENT) with message "what: strerror(err)".
Status errno_status(std::string_view what, int err);

// Either a T or a failed Status. Constructing from an OK Status is a bug and yields kInternal.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit, like std::expected.
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) {
      v_ = Status(Code::kInternal, "result built from an ok status without a value");
    }
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The failure, or an OK Status when a value is held.
  Status status() const { return ok() ? Status{} : std::get<Status>(v_); }

  // Preconditions: ok().
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

namespace internal {
inline Status to_status(Status s) {
  return s;
}
template <typename T>
Status to_status(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace hallmark

#define HALLMARK_CONCAT_INNER(a, b) a##b
#define HALLMARK_CONCAT(a, b) HALLMARK_CONCAT_INNER(a, b)

// Returns the failure of `expr` (a Status or Result) from the enclosing function.
#define HALLMARK_TRY(expr)                                                               \
  do {                                                                                   \
    if (::hallmark::Status hallmark_try_status_ = ::hallmark::internal::to_status(expr); \
        !hallmark_try_status_.ok()) {                                                    \
      return hallmark_try_status_;                                                       \
    }                                                                                    \
  } while (false)

// `lhs = value of expr` (a Result), or return its failure from the enclosing function.
#define HALLMARK_ASSIGN_OR_RETURN(lhs, expr) \
  HALLMARK_ASSIGN_OR_RETURN_IMPL(HALLMARK_CONCAT(hallmark_result_, __LINE__), lhs, expr)
#define HALLMARK_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) {                                     \
    return tmp.status();                               \
  }                                                    \
  lhs = std::move(tmp).value()
