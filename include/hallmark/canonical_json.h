// RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so that what
// is signed can be recomputed exactly. Object members sorted by UTF-16 code units, no
// whitespace, minimal string escapes, numbers as ECMAScript prints IEEE doubles.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "hallmark/status.h"

namespace hallmark {

// Limits that a JSON document read by hallmark must respect.
constexpr size_t kMaxJsonDepth = 64;

// The canonical form of `text`. kCorrupt for invalid JSON (including invalid UTF-8, lone
// surrogates, duplicate member names, nesting deeper than kMaxJsonDepth, and numbers that
// overflow a double), with a message that says which.
Result<std::string> canonicalize_json(std::string_view text);

// ECMAScript's Number.prototype.toString for a finite double (RFC 8785 section 3.2.2.3).
// kInvalidArgument for NaN and infinities.
Result<std::string> es6_number(double value);

}  // namespace hallmark
