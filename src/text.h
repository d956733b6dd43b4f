// Internal: small text helpers shared by the parsers of hallmark's line-based formats (signed
// notes, checkpoints, receipts, tlog-policy, the trust store, check policies). Pure;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::text {

// True if `s` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool valid_utf8(std::string_view s);

// `s` with each byte that does not begin a well-formed UTF-8 sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s);

// True if `s` contains an ASCII control character or a Unicode space (the White_Space
// property, as Go's unicode.IsSpace). Precondition: valid_utf8(s).
bool has_space_or_control(std::string_view s);

// A decimal without sign or leading zeros ("0" is allowed) that fits in 63 bits.
std::optional<uint64_t> parse_decimal(std::string_view s);

// The words of `line`, separated by runs of spaces and tabs.
inline std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
      ++i;
    }
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
      ++i;
    }
    if (i > start) {
      out.push_back(line.substr(start, i - start));
    }
  }
  return out;
}

// `s` without leading and trailing spaces, tabs and a trailing carriage return.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace hallmark::text
