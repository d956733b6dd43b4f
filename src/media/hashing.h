// Hashing helpers shared by the media binders: incremental RFC 6962 leaves and the tagged
// digests of hallmark-media(7). Not thread-safe per object.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"

namespace hallmark::media::internal {

// Domain tags of the digests defined in hallmark-media(7). Leaves use 0x00 and inner nodes 0x01
// (RFC 6962), so these start at 0x02.
inline constexpr std::byte kConfigTag{0x02};
inline constexpr std::byte kStreamRootTag{0x03};
inline constexpr std::byte kRenderingTag{0x04};
inline constexpr std::byte kMetadataTag{0x05};
inline constexpr std::byte kLeafInfoTag{0x06};

// An RFC 6962 leaf hash, SHA-256(0x00 || data), built from pieces.
class LeafHasher {
 public:
  LeafHasher() { sha_.update(ByteView(&kLeaf, 1)); }
  LeafHasher& add(ByteView data) {
    sha_.update(data);
    return *this;
  }
  LeafHasher& add_u32be(uint32_t v) {
    const std::byte b[4] = {std::byte(v >> 24), std::byte(v >> 16), std::byte(v >> 8),
                            std::byte(v)};
    sha_.update(ByteView(b, 4));
    return *this;
  }
  // The leaf hash of everything added since the last finish(); then starts the next leaf.
  Digest finish() {
    Digest d = sha_.finish();
    sha_.update(ByteView(&kLeaf, 1));
    return d;
  }

 private:
  static constexpr std::byte kLeaf{0x00};
  Sha256 sha_;
};

// A digest over a sequence of named, length-prefixed items: SHA-256(tag || (u8 len || name ||
// u64be len || value)*). Used for the metadata and rendering digests.
class ItemHasher {
 public:
  explicit ItemHasher(std::byte tag) { sha_.update(ByteView(&tag, 1)); }
  ItemHasher& item(std::string_view name, ByteView value) {
    const std::byte n = std::byte(name.size() > 255 ? 255 : name.size());
    sha_.update(ByteView(&n, 1)).update(as_bytes(name.substr(0, 255)));
    const uint64_t len = value.size();
    std::byte b[8];
    for (int i = 0; i < 8; ++i) {
      b[i] = std::byte(len >> (56 - 8 * i));
    }
    sha_.update(ByteView(b, 8)).update(value);
    return *this;
  }
  Digest finish() { return sha_.finish(); }

 private:
  Sha256 sha_;
};

// Appends a warning, keeping at most kMaxWarnings so hostile input cannot grow the list.
inline constexpr size_t kMaxWarnings = 16;
inline void add_warning(std::vector<std::string>& warnings, std::string message) {
  if (warnings.size() < kMaxWarnings) {
    warnings.push_back(std::move(message));
  } else if (warnings.size() == kMaxWarnings) {
    warnings.push_back("further warnings left out");
  }
}

inline uint32_t load_be32(const std::byte* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}
inline uint16_t load_be16(const std::byte* p) {
  return uint16_t(uint32_t(p[0]) << 8 | uint32_t(p[1]));
}
inline uint32_t load_le32(const std::byte* p) {
  return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | uint32_t(p[0]);
}

}  // namespace hallmark::media::internal
