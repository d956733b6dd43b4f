// Manifest v1: what a file is (its content bindings) and who made it, when and how.
// Format: man/hallmark-manifest.5. A manifest is signed over its RFC 8785 canonical bytes with
// the prefix "hallmark/manifest/v1\n". Values; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/claims.h"
#include "hallmark/keys.h"
#include "hallmark/sha256.h"
#include "hallmark/status.h"
#include "hallmark/timing.h"

namespace hallmark {

constexpr std::string_view kSignaturePrefix = "hallmark/manifest/v1\n";
// The newest media binding version a manifest may record (media::kMediaBindingVersion).
constexpr unsigned kMaxMediaBindingVersion = 2;

struct Action {
  std::string action;       // "c2pa.created", "c2pa.cropped", or a reverse-domain name.
  std::string description;  // Optional free text; empty if none.
  bool operator==(const Action&) const = default;
};

struct Creator {
  std::string name;  // A claim for display; trust decides who the key really is.
  keys::PublicKey key;
  bool operator==(const Creator&) const = default;
};

struct ParentRef {
  std::string manifest_id;              // "sha256:<hex>"
  std::string relationship;             // "parentOf" or "componentOf"
  std::map<std::string, Digest> roots;  // The parent's content roots: "file", "media", ...
  bool operator==(const ParentRef&) const = default;
};

// The file binding: an RFC 6962 Merkle root over fixed-size chunks of the file's bytes.
struct FileBindingInfo {
  uint64_t size = 0;
  uint64_t chunk_size = 0;
  Digest root{};
  bool operator==(const FileBindingInfo&) const = default;
};

// The media binding's signed part (hallmark-media(7)): per elementary stream a root over its
// normalised content units, and digests of the metadata and the rendering metadata.
struct MediaStreamInfo {
  std::string kind;  // "video", "audio", "image".
  uint64_t ordinal = 0;
  std::string codec;
  Digest root{};
  uint64_t leaf_count = 0;
  std::optional<Digest> config;
  std::optional<Digest> aux_root;
  std::optional<StreamTiming> timing;  // Version 2, audio and video.
  std::optional<Digest> leaf_info;     // Version 2: signs the bundle's leaf times and names.
  bool operator==(const MediaStreamInfo&) const = default;
};

struct MediaBindingInfo {
  unsigned version = 1;  // The binding rules (hallmark-media(7)); absent in the JSON means 1.
  std::string format;    // "mp4", "jpeg", ...
  Digest content_root{};
  Digest metadata{};
  Digest rendering{};
  std::optional<Digest> trailer;
  uint64_t trailer_size = 0;
  std::vector<MediaStreamInfo> streams;
  bool operator==(const MediaBindingInfo&) const = default;
};

struct Manifest {
  uint64_t version = 1;
  std::string created;    // RFC 3339 UTC, "2026-11-27T02:30:58Z".
  std::string generator;  // "hallmark/0.1.0"
  std::string title;      // Optional.
  Creator creator;
  std::string source_type;  // IPTC digital source type term; empty = not declared.
  std::vector<Action> actions;
  std::vector<ParentRef> parents;
  std::optional<FileBindingInfo> file;
  std::optional<MediaBindingInfo> media;
  Claims claims;  // Capture claims read from the file's own metadata (unauthenticated).
  bool operator==(const Manifest&) const = default;
};

// True for a term of the IPTC digital source type vocabulary that hallmark accepts.
bool is_source_type(std::string_view term);
// True for the terms that declare AI generation: trainedAlgorithmicMedia,
// compositeWithTrainedAlgorithmicMedia, algorithmicMedia.
bool is_ai_source_type(std::string_view term);
// All accepted terms, for help texts and error hints.
const std::vector<std::string_view>& source_types();

// True for a C2PA action name hallmark knows, or a reverse-domain name of one's own
// ("com.example.retouched"); false for unknown "c2pa." names and anything else.
bool is_action_name(std::string_view name);

// Checks the rules a signer must follow: created time well-formed, a creator key, at least one
// binding, a valid source type and action names, and the created/parents rule (an original
// starts with c2pa.created; a derivative never claims it). kInvalidArgument naming the rule.
Status check_manifest(const Manifest& manifest);

// RFC 8785 canonical JSON of the manifest.
std::string canonical_manifest(const Manifest& manifest);
// Parses manifest JSON strictly (hallmark-manifest(5)): unknown members, wrong types,
// duplicates and versions other than 1 are kCorrupt/kUnsupported naming the field.
Result<Manifest> parse_manifest(std::string_view json_text);

// "sha256:<hex>" of SHA-256 over the canonical bytes.
std::string manifest_id(std::string_view canonical_bytes);
// The bytes a signature covers: kSignaturePrefix followed by the canonical bytes.
std::string signing_message(std::string_view canonical_bytes);

}  // namespace hallmark
