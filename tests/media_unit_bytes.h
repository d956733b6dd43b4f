// Byte builders for the media unit tests (tests/media_*_units_test.cpp): hand-built inputs and
// expected values computed from hallmark-media(7) with plain SHA-256 over literal bytes, never
// with the code under test.
#pragma once

#include <initializer_list>
#include <string_view>

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"

namespace hallmark::media::unit_bytes {

inline Bytes bytes(std::initializer_list<int> values) {
  Bytes out;
  for (int v : values) {
    out.push_back(std::byte(v));
  }
  return out;
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) {
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

// A string literal's bytes, embedded NULs included ("MM\0*" is four bytes).
template <size_t N>
inline Bytes text(const char (&s)[N]) {
  return to_bytes(std::string_view(s, N - 1));
}
inline Bytes text(std::string_view s) {
  return to_bytes(s);
}

inline Bytes be(uint64_t v, int n) {
  Bytes out;
  for (int i = n - 1; i >= 0; --i) {
    out.push_back(std::byte(v >> (8 * i)));
  }
  return out;
}

inline Bytes le(uint64_t v, int n) {
  Bytes out;
  for (int i = 0; i < n; ++i) {
    out.push_back(std::byte(v >> (8 * i)));
  }
  return out;
}

inline Bytes filled(size_t n, int first, int step) {
  Bytes out(n);
  for (size_t i = 0; i < n; ++i) {
    out[i] = std::byte((first + int(i) * step) & 0xFF);
  }
  return out;
}

// SHA-256(prefix bytes || ...) straight from the spec text.
inline Digest H(std::initializer_list<Bytes> parts) {
  return sha256(cat(parts));
}

// An H.264 sequence parameter set and the 4-byte Annex-B start code (NAL and detection tests).
inline const Bytes kSps = bytes({0x67, 0x42, 0x00, 0x1E, 0xAB, 0xCD});
inline const Bytes kStart4 = bytes({0, 0, 0, 1});

}  // namespace hallmark::media::unit_bytes
