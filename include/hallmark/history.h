// Provenance history: the chain (in general, the graph) of manifests a file descends from,
// each link judged on its own: signatures, trust at its signing time, and whether the content
// roots a child recorded for its parent are the roots that parent's manifest states.
// Pure given its inputs; thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hallmark/bundle.h"
#include "hallmark/trust.h"

namespace hallmark {

// How one link (one manifest in the history) fared.
enum class LinkStatus {
  kVerified,          // Signatures valid, a signer trusted, recorded roots match.
  kInvalidSignature,  // A signature does not verify or the creator did not sign.
  kUntrustedSigner,   // No signer trusted at the link's signing time.
  kRevokedSigner,     // A signer's key is revoked.
  kRootsMismatch,     // The child recorded other content roots for this parent.
  kMissing,           // The parent's manifest is not in the bundle (or the log).
  kCycle,             // The parent is already on the path from the file (a loop).
  kTooDeep,           // The history is deeper than the limit.
};

std::string_view link_status_name(LinkStatus status);

struct SignerReport {
  keys::PublicKey key;
  std::string name;      // From the trust store; empty if the key is unknown.
  bool creator = false;  // The manifest's creator (else a countersigner).
  bool signature_valid = false;
  TrustLevel trust = TrustLevel::kUnknown;
  // The other keys the trust store lists under this signer's name: the name it is listed
  // under, or, for an unknown creator, the name the manifest claims. For an unknown creator
  // this means an impostor: it claims to be someone the reader trusts with another key.
  std::vector<keys::PublicKey> same_name;
};

struct HistoryLink {
  std::string manifest_id;
  size_t depth = 0;          // 0 is the file's own manifest.
  std::string child_id;      // The manifest that names this one as parent; empty at depth 0.
  std::string relationship;  // "parentOf" / "componentOf"; empty at depth 0.
  std::optional<Manifest> manifest;  // Absent when kMissing.
  std::vector<SignerReport> signers;
  LinkStatus status = LinkStatus::kVerified;
  std::string reason;  // Why, for statuses other than kVerified.
};

// Finds an ancestor's signed manifest by id; null when unknown. The caller guarantees that a
// returned manifest's id is the id asked for (verify_file indexes ancestors by their computed
// ids, so a hash-linked history cannot loop; the cycle check guards other sources).
using AncestorLookup = std::function<const SignedManifest*(const std::string& id)>;

struct HistoryOptions {
  size_t max_depth = 10000;   // Links deeper than this are kTooDeep and not followed.
  size_t max_links = 100000;  // Total links visited; beyond it the walk stops (kTooDeep).
};

// Walks the history from `head` (depth 0) through every parent, depth first, visiting each
// manifest once (a shared ancestor is judged once). Iterative: a chain of any length cannot
// exhaust the stack. Links come back in visiting order.
std::vector<HistoryLink> walk_history(const SignedManifest& head, const AncestorLookup& lookup,
                                      const TrustStore& trust, const HistoryOptions& options = {});

// Judges the signatures of one signed manifest against `trust` at its creation time.
// Fills `signers`; returns the link status for signatures and trust alone.
LinkStatus judge_signers(const SignedManifest& sm, const TrustStore& trust,
                         std::vector<SignerReport>& signers, std::string& reason);

// The content roots a manifest states, by name: "file" and, for media, "media".
std::map<std::string, Digest> content_roots(const Manifest& manifest);

}  // namespace hallmark
