#include "hallmark/lookup_key.h"

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"

namespace hallmark {
namespace {

constexpr std::string_view kFilePrefix = "file:";
constexpr std::string_view kMediaPrefix = "media:";
constexpr std::string_view kManifestPrefix = "manifest:sha256:";

std::string_view prefix(LookupKind kind) {
  switch (kind) {
    case LookupKind::kFile:
      return kFilePrefix;
    case LookupKind::kMedia:
      return kMediaPrefix;
    case LookupKind::kManifest:
      return kManifestPrefix;
  }
  return kFilePrefix;  // Unreachable: every kind is listed.
}

}  // namespace

std::string LookupKey::to_string() const {
  return std::string(prefix(kind)) + to_hex(digest);
}

std::string file_lookup_key(const Digest& file_root) {
  return LookupKey{LookupKind::kFile, file_root}.to_string();
}

std::string media_lookup_key(const Digest& content_root) {
  return LookupKey{LookupKind::kMedia, content_root}.to_string();
}

std::string manifest_lookup_key(const Digest& manifest_digest) {
  return LookupKey{LookupKind::kManifest, manifest_digest}.to_string();
}

Result<std::string> manifest_lookup_key(std::string_view manifest_id) {
  Result<Digest> digest = parse_digest_id(manifest_id);
  // Only the spelling manifest_id() makes (lowercase hex): any other would match no entry.
  if (!digest.ok() || digest_id(*digest) != manifest_id) {
    return corrupt("manifest id is not sha256:<64 hex digits>");
  }
  return manifest_lookup_key(*digest);
}

std::vector<std::string> content_lookup_keys(const Digest& root) {
  return {file_lookup_key(root), media_lookup_key(root)};
}

Result<LookupKey> parse_lookup_key(std::string_view key) {
  for (LookupKind kind : {LookupKind::kFile, LookupKind::kMedia, LookupKind::kManifest}) {
    const std::string_view p = prefix(kind);
    if (key.substr(0, p.size()) != p) {
      continue;
    }
    Result<Digest> digest = fixed_from_hex<32>(key.substr(p.size()));
    LookupKey out{kind, digest.ok() ? *digest : Digest{}};
    // The one spelling to_string() makes: lowercase hex, nothing after it.
    if (!digest.ok() || out.to_string() != key) {
      return corrupt("lookup key \"" + std::string(key.substr(0, 100)) + "\" is not " +
                     std::string(p) + "<64 lowercase hex digits>");
    }
    return out;
  }
  return corrupt("lookup key \"" + std::string(key.substr(0, 100)) +
                 "\" has no known scheme (file:, media:, manifest:sha256:)");
}

}  // namespace hallmark
