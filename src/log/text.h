// Small text checks shared by the log's parsers (notes, checkpoints, receipts, policies).
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hallmark::text {

// True if `s` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool valid_utf8(std::string_view s);

// True if `s` contains an ASCII control character or a Unicode space (the White_Space
// property, as Go's unicode.IsSpace). Precondition: valid_utf8(s).
bool has_space_or_control(std::string_view s);

// A decimal without sign or leading zeros ("0" is allowed) that fits in 63 bits.
std::optional<uint64_t> parse_decimal(std::string_view s);

}  // namespace hallmark::text
