// The validator of one C2PA manifest store, as c2pa-rs validates it (store.rs verify_store,
// claim.rs verify_claim, validation_results.rs from_store). Internal to src/c2pa/: read_c2pa()
// (validate.cpp) is its only user. Its parts live in one file each: validator.cpp (the claim:
// signature, credential, timestamp, redactions, assertion hashes, hard binding, CAWG),
// actions.cpp (the action rules), ingredients.cpp (the walk through ingredient manifests) and
// report.cpp (statuses, deltas, validation_state and the manifest summaries); the status-code
// tables are status_codes.h's, the label and URI rules labels.h's.
// Thread-safety: one Validator per store, on one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "c2pa/bindings.h"
#include "c2pa/cbor.h"
#include "c2pa/status_codes.h"
#include "c2pa/store.h"
#include "crypto/x509.h"
#include "hallmark/bytes.h"
#include "hallmark/c2pa.h"

namespace hallmark::c2pa {

constexpr int kMaxIngredientDepth = 200;

// One status as the checks find it; ingredient_uri names the ingredient assertion whose
// manifest was being checked (a delta), none for the active manifest.
struct Entry {
  Kind kind;
  std::string code, url, explanation;
  std::optional<std::string> ingredient_uri;
};

// A manifest's claim as the checks read it.
struct ClaimView {
  const Manifest* m = nullptr;
  cbor::Item claim;
  bool claim_ok = false;
  std::string alg;  // Claim hash algorithm.
  struct HashedUri {
    std::string url;
    ByteView hash;
    std::string alg;
  };
  std::vector<HashedUri> assertions;  // created + gathered (v2) or assertions (v1).
  size_t created_count = 0;           // How many of `assertions` are created (v2).
  std::vector<std::string> redacted;
};

class Validator {
 public:
  Validator(const Store& store, const AssetView& asset, const crypto::TrustAnchors& anchors,
            int64_t now);
  bool is_prerelease();
  std::string undecodable_assertion();
  void run();
  void fill(C2paReport& report);

 private:
  // --- validator.cpp: the claim checks.
  static bool equal(const Bytes& a, ByteView b);
  // The bytes a hashed URI covers: the superbox without its own header.
  static ByteView box_hash_input(const jumbf::Box& box) { return box.payload; }
  ClaimView& view(const std::string& label) { return views_.at(label); }
  void log(Kind kind, std::string code, std::string url, std::string explanation);
  const cbor::Item* assertion_cbor(const AssertionRef& a);
  const AssertionRef* find_assertion(const ClaimView& v, std::string_view label);
  std::vector<std::string> referenced_labels(const ClaimView& v);
  void verify_signature(ClaimView& v, bool check_trust);
  void verify_redactions(const ClaimView& v);
  void verify_parents(const ClaimView& v);
  void verify_assertion_hashes(ClaimView& v);
  const ClaimView* binding_claim(const ClaimView& v, int depth = 0);
  void verify_hard_binding(ClaimView& v);
  void verify_claim(ClaimView& v, bool is_provenance);
  void verify_cawg(ClaimView& v);

  // --- actions.cpp: the action rules.
  std::string referenced_relationship(const ClaimView& v, const cbor::Item& ref);
  std::optional<bool> names_ingredient(const ClaimView& v, const cbor::Item& params,
                                       std::string_view relationship);
  void verify_actions(ClaimView& v);
  void redaction_action(const cbor::Item* params, const std::string& url);

  // --- ingredients.cpp: the ingredient walk.
  Bytes manifest_box_hash(const ClaimView& v, std::string_view alg);
  Bytes signature_box_hash(const ClaimView& v, std::string_view alg);
  void ingredient_checks(ClaimView& v, int depth, std::vector<std::string>& path);

  // --- report.cpp: the report.
  C2paManifestSummary summarize(ClaimView& v);

  const Store& store_;
  const AssetView& asset_;
  const crypto::TrustAnchors& anchors_;
  int64_t now_;
  std::map<std::string, ClaimView> views_;
  std::vector<std::string> redactions_;  // Every claim's redacted_assertions URIs.
  std::map<const jumbf::Box*, cbor::Item> parsed_;
  std::map<std::string, Bytes> signer_cert_;
  std::map<std::string, std::string> alg_;
  std::map<std::string, int64_t> signing_time_;
  std::vector<Entry> log_;
  std::vector<std::string> ingredient_stack_;
  std::set<std::string> visited_;
  std::string active_label_;
};

}  // namespace hallmark::c2pa
