// The sidecar bundle FILE.hallmark: a manifest with its signatures, log receipts, leaf hashes
// and ancestors (man/hallmark-manifest.5). Parsing is strict and bounded; a parsed Bundle keeps
// the manifest's canonical bytes exactly as received, so signatures are checked over what was
// signed, not over a re-encoding. Values; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/keys.h"
#include "hallmark/manifest.h"
#include "hallmark/status.h"

namespace hallmark {

constexpr uint64_t kMaxBundleSize = 512ull << 20;

struct ManifestSignature {
  keys::PublicKey key;
  keys::Signature signature{};
  bool operator==(const ManifestSignature&) const = default;
};

// A manifest with its signatures and receipts: what a log stores and what ancestors carry.
struct SignedManifest {
  std::string canonical;  // The manifest's RFC 8785 bytes; signatures cover these.
  Manifest manifest;      // Parsed from `canonical`.
  std::vector<ManifestSignature> signatures;
  std::vector<std::string> receipts;  // C2SP tlog-proof@v1 texts.

  std::string id() const { return manifest_id(canonical); }
  // canonical({"manifest": M, "signatures": [...]}): one transparency log entry.
  std::string log_entry() const;
};

// One media stream's leaf tables, to locate changes (unsigned; the stream root authenticates
// them). See hallmark-media(7).
struct MediaLeaves {
  std::vector<Digest> leaves;
  std::vector<Digest> aux_leaves;
  std::vector<double> times;  // Seconds per leaf, for reporting; NaN where unknown.
  std::vector<std::string> unit_names;
  std::vector<uint64_t> keyframes;  // Video: leaves that decode on their own.
  uint64_t discarded = 0;
  uint64_t visible_first = 0;
  uint64_t visible_end = 0;
};

struct Bundle {
  SignedManifest signed_manifest;
  std::vector<Digest> file_leaves;                  // The file binding's leaf hashes, if any.
  std::map<std::string, MediaLeaves> media_leaves;  // By stream label: "video#0", "image#0".
  std::vector<SignedManifest> ancestors;
};

// A signed manifest for `manifest`, signed by `key`. The signature is verified before it is
// returned (a faulty signer or memory corruption is caught here, not by the reader);
// kInternal if it does not verify. kInvalidArgument if check_manifest() fails.
Result<SignedManifest> sign_manifest(const Manifest& manifest, const keys::SecretKey& key);

// Adds `key`'s signature over the same canonical bytes (a countersignature). kInvalidArgument
// if that key has already signed.
Status countersign(SignedManifest& signed_manifest, const keys::SecretKey& key);

// OK if `sig` is a valid signature by sig.key over the manifest; kVerifyFailed otherwise.
Status verify_signature(const SignedManifest& signed_manifest, const ManifestSignature& sig);

// Bundle JSON, pretty-printed.
std::string serialize_bundle(const Bundle& bundle);
// kCorrupt/kUnsupported with a message naming the field for anything malformed.
Result<Bundle> parse_bundle(std::string_view text);

// Reads and parses the bundle at `path`; errors name the path.
Result<Bundle> read_bundle(const std::string& path);

// Parses the canonical bytes of one log entry (see SignedManifest::log_entry).
Result<SignedManifest> parse_log_entry(std::string_view text);

}  // namespace hallmark
