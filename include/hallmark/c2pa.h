// Reading and validating C2PA Content Credentials (C2PA 2.x manifest stores in JPEG, PNG,
// ISO BMFF, PDF and .c2pa sidecars), judged as the reference implementation c2pa-rs judges
// them: the same validation_state (Invalid / Valid / Trusted) and the same status codes,
// verbatim. hallmark never goes online: remote manifests are reported, not fetched; OCSP is
// reported as skipped. See hallmark-c2pa(7).
// Thread-safety: read_c2pa() may run on several threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hallmark/input_file.h"
#include "hallmark/status.h"

namespace hallmark {

// One C2PA validation status (C2PA 2.x section 15): a code such as "assertion.dataHash.match",
// the JUMBF URI it concerns, and c2pa-rs's explanation where hallmark has the same text.
struct C2paStatus {
  std::string code;
  std::string url;
  std::string explanation;
};

struct C2paStatusCodes {
  std::vector<C2paStatus> success, informational, failure;
};

// What validating an ingredient's manifest found beyond what the ingredient assertion already
// recorded (c2pa-rs "ingredientDeltas").
struct C2paIngredientDelta {
  std::string ingredient_assertion_uri;
  C2paStatusCodes deltas;
};

struct C2paAction {
  std::string action;               // "c2pa.created", "c2pa.opened", ...
  std::string digital_source_type;  // IPTC URI, or "".
  std::string when;
  std::string software_agent;
};

struct C2paIngredient {
  std::string title;
  std::string relationship;                   // "parentOf", "componentOf", "inputTo".
  std::string manifest_label;                 // "" when the ingredient has no manifest.
  std::vector<std::string> validation_codes;  // Failure codes recorded in the assertion.
};

struct C2paManifestSummary {
  std::string label;
  std::string claim_generator;
  std::string title;
  std::string signer;        // Subject CN, or O when there is no CN.
  std::string signer_org;    // Subject O.
  std::string issuer;        // Issuer CN or O.
  std::string signing_time;  // RFC 3339 from the timestamp, "" without a valid one.
  std::string alg;           // "es256", "ps256", "ed25519", ...
  int claim_version = 0;
  std::vector<C2paAction> actions;
  std::vector<C2paIngredient> ingredients;
  bool ai_generated = false;  // A trainedAlgorithmicMedia / compositeWithTrainedAlgorithmicMedia
                              // / algorithmicMedia source type in actions or ingredients.
};

struct C2paReport {
  // True when a manifest store was found and read; validation_state is then set.
  bool manifest_present = false;
  // "Invalid", "Valid" or "Trusted" (c2pa-rs's validation_state); "" without a manifest.
  std::string validation_state;
  // Why no manifest could be read, as c2pa-rs names it: "JumbfNotFound" (nothing there),
  // "RemoteManifestUrl" (only a remote reference; see remote_url), or, for a store that is
  // present but broken, "TooManyManifestStores", "PrereleaseError", "C2PA box present
  // without a readable manifest", "JumbfParseError: ...", "InvalidAsset: ...",
  // "malformed manifest store: ..." and the like. "" when manifest_present.
  std::string reader_error;
  C2paStatusCodes active;  // Statuses of the active manifest.
  std::vector<C2paIngredientDelta> ingredient_deltas;
  std::string active_manifest;                 // Label of the active manifest.
  std::vector<C2paManifestSummary> manifests;  // Active manifest first, then the others.
  std::optional<std::string> remote_url;       // dcterms:provenance in XMP, never fetched.
  std::string manifest_source;                 // "embedded" or the sidecar path.

  // All failure codes: active manifest and ingredient deltas.
  bool has_failure() const;
};

struct C2paOptions {
  std::vector<std::string> trust_anchor_paths;  // PEM bundles (--c2pa-trust).
  std::string sidecar_path;  // --c2pa-sidecar; "" means look for <asset without ext>.c2pa.
  bool find_sidecar = true;  // Look for the sidecar next to the asset when none is given.
  std::vector<std::string> fragment_paths;  // fMP4 fragments for c2pa.hash.bmff Merkle trees.
  std::optional<int64_t> now;               // Unix seconds used as "now" for certificate validity.
};

// Reads and validates the C2PA manifest store of `asset` (its path names the sidecar to look
// for). OK with manifest_present == false when there is no manifest (reader_error says why).
// kNotFound / kIoError / kInvalidArgument when the asset (or a trust file, sidecar or fragment
// named in options) cannot be read; kCorrupt when the asset is not the format it claims.
Result<C2paReport> read_c2pa(const InputFile& asset, const C2paOptions& options);

}  // namespace hallmark
