#include "hallmark/history.h"

#include <algorithm>
#include <set>

#include "hallmark/rfc3339.h"

namespace hallmark {
namespace {

std::string short_id(const std::string& id) {
  return id.substr(0, 7 + 12) + "…";
}

// One pending visit of the depth-first walk.
struct Visit {
  const SignedManifest* manifest;  // Null when the parent could not be found.
  std::string id;
  size_t depth;
  std::string child_id;
  std::string relationship;
  const ParentRef* ref;  // The child's record of this parent; null at depth 0.
  bool exit = false;     // Marker: leaving `id`, pop it from the path.
};

}  // namespace

std::string_view link_status_name(LinkStatus s) {
  switch (s) {
    case LinkStatus::kVerified:
      return "verified";
    case LinkStatus::kInvalidSignature:
      return "invalid-signature";
    case LinkStatus::kUntrustedSigner:
      return "untrusted-signer";
    case LinkStatus::kRevokedSigner:
      return "revoked-signer";
    case LinkStatus::kRootsMismatch:
      return "roots-mismatch";
    case LinkStatus::kMissing:
      return "missing";
    case LinkStatus::kCycle:
      return "cycle";
    case LinkStatus::kTooDeep:
      return "too-deep";
  }
  return "missing";
}

std::map<std::string, Digest> content_roots(const Manifest& m) {
  std::map<std::string, Digest> roots;
  if (m.file) {
    roots["file"] = m.file->root;
  }
  if (m.media) {
    roots["media"] = m.media->content_root;
  }
  return roots;
}

LinkStatus judge_signers(const SignedManifest& sm, const TrustStore& trust,
                         std::vector<SignerReport>& signers, std::string& reason) {
  const Manifest& m = sm.manifest;
  const int64_t signed_at = parse_rfc3339(m.created).value();  // Checked when parsed.
  signers.clear();
  bool creator_signed = false;
  for (const ManifestSignature& sig : sm.signatures) {
    SignerReport s;
    s.key = sig.key;
    s.creator = sig.key == m.creator.key;
    s.signature_valid = verify_signature(sm, sig).ok();
    const TrustDecision d = trust.decide(sig.key, signed_at);
    s.trust = d.level;
    if (d.entry != nullptr) {
      s.name = d.entry->name;
    }
    // Only the creator claims a name; a countersigner is known by its key alone.
    const std::string_view listed_as =
        d.entry != nullptr ? std::string_view(d.entry->name)
                           : (s.creator ? std::string_view(m.creator.name) : std::string_view());
    for (const TrustEntry* e : trust.named(listed_as)) {
      if (e->key != sig.key) {
        s.same_name.push_back(e->key);
      }
    }
    creator_signed = creator_signed || (s.creator && s.signature_valid);
    signers.push_back(std::move(s));
  }
  for (const SignerReport& s : signers) {
    if (!s.signature_valid) {
      reason = "the signature by key " + s.key.id() + " does not verify";
      return LinkStatus::kInvalidSignature;
    }
  }
  if (!creator_signed) {
    reason = "the manifest's creator (key " + m.creator.key.id() + ") has not signed it";
    return LinkStatus::kInvalidSignature;
  }
  for (const SignerReport& s : signers) {
    if (s.trust == TrustLevel::kRevoked) {
      reason =
          "key " + s.key.id() + (s.name.empty() ? "" : " (" + s.name + ")") + " has been revoked";
      return LinkStatus::kRevokedSigner;
    }
  }
  if (std::none_of(signers.begin(), signers.end(),
                   [](const SignerReport& s) { return s.trust == TrustLevel::kTrusted; })) {
    const SignerReport& c = signers.front();
    const auto creator = std::find_if(signers.begin(), signers.end(),
                                      [](const SignerReport& s) { return s.creator; });
    const bool impostor = creator != signers.end() && creator->trust == TrustLevel::kUnknown &&
                          !creator->same_name.empty();
    reason = impostor ? "the creator claims to be \"" + m.creator.name + "\", but its key " +
                            m.creator.key.id() + " is not the one you trust under that name"
             : c.trust == TrustLevel::kOutsideWindow
                 ? "key " + c.key.id() + " (" + c.name +
                       ") is trusted, but not for a manifest created at " + m.created
                 : "no signer is in the trust store (creator \"" + m.creator.name + "\", key " +
                       m.creator.key.id() + ")";
    return LinkStatus::kUntrustedSigner;
  }
  return LinkStatus::kVerified;
}

std::vector<HistoryLink> walk_history(const SignedManifest& head, const AncestorLookup& lookup,
                                      const TrustStore& trust, const HistoryOptions& options) {
  std::vector<HistoryLink> links;
  std::set<std::string> done;     // Manifests already judged (shared ancestors are judged once).
  std::set<std::string> on_path;  // Manifests between the file and the current one.
  std::vector<Visit> stack;
  stack.push_back({&head, head.id(), 0, "", "", nullptr});
  while (!stack.empty()) {
    Visit v = std::move(stack.back());
    stack.pop_back();
    if (v.exit) {
      on_path.erase(v.id);
      continue;
    }
    HistoryLink link;
    link.manifest_id = v.id;
    link.depth = v.depth;
    link.child_id = v.child_id;
    link.relationship = v.relationship;
    const std::string where = "parent " + short_id(v.id) + " of " + short_id(v.child_id);
    if (on_path.count(v.id) != 0) {
      link.status = LinkStatus::kCycle;
      link.reason = where + " is also its own descendant (a cycle)";
      links.push_back(std::move(link));
      continue;
    }
    if (done.count(v.id) != 0) {
      continue;  // Reached again through another path: already judged.
    }
    if (v.depth > options.max_depth || links.size() >= options.max_links) {
      link.status = LinkStatus::kTooDeep;
      link.reason = "the history is deeper than " + std::to_string(options.max_depth) + " links; " +
                    where + " was not checked";
      links.push_back(std::move(link));
      continue;
    }
    done.insert(v.id);
    if (v.manifest == nullptr) {
      link.status = LinkStatus::kMissing;
      link.reason = where + " is not in the bundle's ancestors";
      links.push_back(std::move(link));
      continue;
    }
    const SignedManifest& sm = *v.manifest;
    link.manifest = sm.manifest;
    link.status = judge_signers(sm, trust, link.signers, link.reason);
    if (v.ref != nullptr && link.status != LinkStatus::kInvalidSignature) {
      // The child's record of this parent must name the roots this parent actually signed.
      const std::map<std::string, Digest> roots = content_roots(sm.manifest);
      for (const auto& [name, recorded] : v.ref->roots) {
        const auto it = roots.find(name);
        if (it == roots.end() || it->second != recorded) {
          link.status = LinkStatus::kRootsMismatch;
          link.reason = short_id(v.child_id) + " recorded a " + name + " root for its parent " +
                        short_id(v.id) + " that differs from the root the parent signed";
          break;
        }
      }
    }
    links.push_back(std::move(link));

    // Parents are pushed in reverse so they are visited in the order the manifest lists them.
    on_path.insert(v.id);
    stack.push_back({nullptr, v.id, v.depth, "", "", nullptr, /*exit=*/true});
    const std::vector<ParentRef>& parents = sm.manifest.parents;
    for (auto it = parents.rbegin(); it != parents.rend(); ++it) {
      stack.push_back(
          {lookup(it->manifest_id), it->manifest_id, v.depth + 1, v.id, it->relationship, &*it});
    }
  }
  return links;
}

}  // namespace hallmark
