// The "sha256:<hex>" digest ids of manifests; the hashing itself is src/crypto/digest.cpp's.
#include "hallmark/sha256.h"

namespace hallmark {

std::string digest_id(const Digest& digest) {
  return "sha256:" + to_hex(digest);
}

Result<Digest> parse_digest_id(std::string_view text) {
  constexpr std::string_view kPrefix = "sha256:";
  if (text.substr(0, kPrefix.size()) != kPrefix) {
    return corrupt("digest must start with \"sha256:\"");
  }
  Result<Digest> digest = fixed_from_hex<32>(text.substr(kPrefix.size()));
  if (!digest.ok()) {
    return corrupt("digest is not \"sha256:\" and 64 hex digits");
  }
  return digest;
}

}  // namespace hallmark
