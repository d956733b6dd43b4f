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

#include "hallmark/file_io.h"
#include "hallmark/keys.h"
#include "hallmark/manifest.h"
#include "hallmark/status.h"

namespace hallmark {

constexpr uint64_t kMaxBundleSize = 512ull << 20;

// What one bundle may hold (hallmark-manifest(5), "Limits"), so that a hostile bundle is
// refused before it takes memory or time beyond what its signed bindings allow. Sizes are of
// the members as written in the bundle.
constexpr uint64_t kMaxBundleManifestSize = 1 << 20;
constexpr uint64_t kMaxBundleSignaturesSize = 256 << 10;
constexpr uint64_t kMaxBundleReceiptsSize = 4 << 20;
constexpr size_t kMaxReceipts = 64;
// One ancestor: its manifest, signatures and receipts, each within the limits above.
constexpr uint64_t kMaxAncestorSize =
    kMaxBundleManifestSize + kMaxBundleSignaturesSize + kMaxBundleReceiptsSize + 4096;
constexpr size_t kMaxAncestors = 100000;  // HistoryOptions::max_links visits no more.
// Media unit names: each at most kMaxUnitNameSize bytes, and a stream's together at most
// kMaxUnitNameBytesPerLeaf per signed leaf (plus 4 KiB).
constexpr size_t kMaxUnitNameSize = 256;
constexpr size_t kMaxUnitNameBytesPerLeaf = 64;

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
  // canonical({"manifest": M, "signatures": [...]}): one transparency log entry. kInternal
  // if `canonical` does not parse (sign_manifest() and the parsers never make one that
  // does not; only a hand-built SignedManifest can).
  Result<std::string> log_entry() const;
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
// kInternal if it does not verify. kInvalidArgument if check_manifest() fails or the
// canonical bytes do not parse back (text that is not UTF-8); the result's `manifest` is the
// one parsed back from `canonical`, never the caller's.
Result<SignedManifest> sign_manifest(const Manifest& manifest, const keys::SecretKey& key);

// Adds `key`'s signature over the same canonical bytes (a countersignature). kInvalidArgument
// if that key has already signed.
Status countersign(SignedManifest& signed_manifest, const keys::SecretKey& key);

// OK if `sig` is a valid signature by sig.key over the manifest; kVerifyFailed otherwise.
Status verify_signature(const SignedManifest& signed_manifest, const ManifestSignature& sig);

// Bundle JSON, pretty-printed. kInternal if a signed manifest's canonical bytes do not parse.
Result<std::string> serialize_bundle(const Bundle& bundle);
// kCorrupt/kUnsupported with a message naming the field for anything malformed, over a limit
// above, or followed by anything but whitespace. The leaves are bounded by the signed
// manifest's bindings (no per-leaf table longer than its stream's leaf_count), and checked
// against that bound before they are read; the JSON is never held as a whole: memory stays
// within a few MiB plus what the bindings allow, whatever `text` holds.
Result<Bundle> parse_bundle(std::string_view text);

// Reads the bundle at `path` through its descriptor, a buffer at a time (never the whole
// file), and parses it as parse_bundle does. The outer result is whether it could be read, as
// read_file(path, kMaxBundleSize) says (kNotFound, kInvalidArgument for a directory or special
// file, kCorrupt if larger than kMaxBundleSize, kIoError), with messages naming the path; the
// inner one is what parse_bundle says of its bytes, with messages that do not.
// With options.follow_symlinks false, a symbolic link reads as kNotFound (see ReadOptions).
Result<Result<Bundle>> load_bundle(const std::string& path, const ReadOptions& options = {});

// load_bundle() with both kinds of error in one; errors name the path.
Result<Bundle> read_bundle(const std::string& path);

// Parses the canonical bytes of one log entry (see SignedManifest::log_entry).
Result<SignedManifest> parse_log_entry(std::string_view text);

}  // namespace hallmark
