// SHA-256, the one hash hallmark uses everywhere (RFC 6962 trees, manifest ids, C2PA).
// Implemented by the crypto seam (src/crypto/digest.cpp, over OpenSSL, which uses the CPU's SHA
// extensions where present).
// Thread-safety: the free function is thread-safe; a Sha256 object is not shared between
// threads.
#pragma once

#include <array>
#include <cstddef>

#include "hallmark/bytes.h"

namespace hallmark {

using Digest = std::array<std::byte, 32>;

Digest sha256(ByteView data);

// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& update(ByteView data);
  Sha256& update(std::string_view text) { return update(as_bytes(text)); }
  // The digest of everything since construction or the last finish(); then starts afresh.
  Digest finish();

 private:
  void* ctx_;  // The digest context of src/crypto/digest.cpp, owned.
};

// "sha256:<hex>", the form manifests use for ids and digests.
std::string digest_id(const Digest& digest);
// Parses "sha256:<64 hex>"; kCorrupt otherwise.
Result<Digest> parse_digest_id(std::string_view text);

}  // namespace hallmark
