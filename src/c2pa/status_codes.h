// The C2PA status codes as c2pa-rs sorts them (validation_status.rs): which codes are successes,
// which informational, and which failures (every code not listed as one of the first two), and
// which failures are about trust only. Thread-safety: pure functions; thread-safe.
#pragma once

#include <string>

namespace hallmark::c2pa {

enum class Kind { kSuccess, kInformational, kFailure };

// The kind c2pa-rs gives `code`: kFailure for any code it does not list as success or
// informational.
Kind kind_of_code(const std::string& code);

// Whether `code` is a failure of trust only (an untrusted signer), which leaves a manifest
// Valid rather than Invalid.
bool is_trust_failure(const std::string& code);

}  // namespace hallmark::c2pa
