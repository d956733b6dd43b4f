// Byte helpers shared by every module: views between text and bytes, hex and base64.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/status.h"

namespace hallmark {

using Bytes = std::vector<std::byte>;
using ByteView = std::span<const std::byte>;

inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}
inline std::string_view as_chars(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
inline Bytes to_bytes(std::string_view text) {
  const ByteView view = as_bytes(text);
  return Bytes(view.begin(), view.end());
}

// Lowercase hex.
std::string to_hex(ByteView bytes);
// Accepts upper- and lowercase hex; kCorrupt on odd length or a non-hex character.
Result<Bytes> from_hex(std::string_view text);

// Standard base64 (RFC 4648 section 4) with padding.
std::string to_base64(ByteView bytes);
// Strict: standard alphabet, padding required, no whitespace, unused bits zero, so that
// every byte string has exactly one accepted encoding. kCorrupt otherwise.
Result<Bytes> from_base64(std::string_view text);

// Exactly N bytes from hex or base64, else kCorrupt naming the expected length.
template <size_t N>
Result<std::array<std::byte, N>> fixed_from_hex(std::string_view text) {
  Result<Bytes> bytes = from_hex(text);
  if (!bytes.ok()) {
    return bytes.status();
  }
  if (bytes->size() != N) {
    return corrupt("expected " + std::to_string(N) + " bytes of hex, got " +
                   std::to_string(bytes->size()));
  }
  std::array<std::byte, N> out;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}
template <size_t N>
Result<std::array<std::byte, N>> fixed_from_base64(std::string_view text) {
  Result<Bytes> bytes = from_base64(text);
  if (!bytes.ok()) {
    return bytes.status();
  }
  if (bytes->size() != N) {
    return corrupt("expected " + std::to_string(N) + " bytes of base64, got " +
                   std::to_string(bytes->size()));
  }
  std::array<std::byte, N> out;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

}  // namespace hallmark
