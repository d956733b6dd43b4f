// Lookup keys: the names under which a hallmark log indexes a signed manifest, so that a copy
// of a file whose bundle was lost, whose metadata was stripped or which was remuxed finds its
// manifest again. The one place that knows the scheme; the log itself stores keys as opaque
// strings (log.h). hallmark-log(5), DATABASE, and hallmark-log(1), lookup, show them:
//
//   file:<hex>              the file binding's Merkle root (64 lowercase hex digits)
//   media:<hex>             the media binding's content root
//   manifest:sha256:<hex>   the manifest id
//
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hallmark/sha256.h"
#include "hallmark/status.h"

namespace hallmark {

enum class LookupKind { kFile, kMedia, kManifest };

struct LookupKey {
  LookupKind kind = LookupKind::kFile;
  Digest digest{};  // The file root, the media content root, or the manifest id's digest.

  std::string to_string() const;
  bool operator==(const LookupKey&) const = default;
};

// "file:<hex root>".
std::string file_lookup_key(const Digest& file_root);
// "media:<hex content root>".
std::string media_lookup_key(const Digest& content_root);
// "manifest:sha256:<hex>" for the manifest whose id is digest_id(manifest_digest).
std::string manifest_lookup_key(const Digest& manifest_digest);
// The same from a manifest id ("sha256:<64 lowercase hex>", as SignedManifest::id() gives
// it); kCorrupt for anything else.
Result<std::string> manifest_lookup_key(std::string_view manifest_id);
// The keys a bare content root may be found under, when it is not known whether it is a file
// root or a media content root: {file_lookup_key(root), media_lookup_key(root)}.
std::vector<std::string> content_lookup_keys(const Digest& root);

// Parses exactly what LookupKey::to_string() makes: a known scheme, then 64 lowercase hex
// digits ("sha256:" first for manifests), nothing else. kCorrupt otherwise (unknown scheme,
// upper-case or short hex, trailing bytes), since any other spelling would never match the
// index.
Result<LookupKey> parse_lookup_key(std::string_view key);

}  // namespace hallmark
