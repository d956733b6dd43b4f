#include "hallmark/status.h"

#include <cctype>
#include <cerrno>
#include <cstring>

namespace hallmark {

std::string_view code_name(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kVerifyFailed:
      return "verify-failed";
    case Code::kInvalidArgument:
      return "invalid-argument";
    case Code::kNotFound:
      return "not-found";
    case Code::kCorrupt:
      return "corrupt";
    case Code::kUnsupported:
      return "unsupported";
    case Code::kIoError:
      return "io-error";
    case Code::kInternal:
      return "internal";
  }
  return "internal";
}

int exit_code(Code code) {
  switch (code) {
    case Code::kOk:
      return 0;
    case Code::kVerifyFailed:
      return 1;
    default:
      return 2;
  }
}

Status Status::with_context(std::string_view context) const {
  if (ok()) {
    return *this;
  }
  return Status(code_, std::string(context) + ": " + message_);
}

Status verify_failed(std::string message) {
  return {Code::kVerifyFailed, std::move(message)};
}
Status invalid_argument(std::string message) {
  return {Code::kInvalidArgument, std::move(message)};
}
Status not_found(std::string message) {
  return {Code::kNotFound, std::move(message)};
}
Status corrupt(std::string message) {
  return {Code::kCorrupt, std::move(message)};
}
Status unsupported(std::string message) {
  return {Code::kUnsupported, std::move(message)};
}
Status io_error(std::string message) {
  return {Code::kIoError, std::move(message)};
}
Status internal_error(std::string message) {
  return {Code::kInternal, std::move(message)};
}

Status errno_status(std::string_view what, int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return {err == ENOENT ? Code::kNotFound : Code::kIoError, std::string(what) + ": " + text};
}

}  // namespace hallmark
