#include "hallmark/verify.h"

#include <algorithm>
#include <map>

#include "hallmark/file_io.h"
#include "hallmark/merkle.h"
#include "hallmark/rfc3339.h"

namespace hallmark {
namespace {

void add_flag(Report& r, std::string flag) {
  if (!r.has_flag(flag)) {
    r.flags.push_back(std::move(flag));
  }
}

// Flags that follow from the manifest alone.
void manifest_flags(Report& r, const Manifest& m) {
  if (is_ai_source_type(m.source_type)) {
    add_flag(r, "ai-generated");
  }
  const bool edited =
      !m.parents.empty() || std::any_of(m.actions.begin(), m.actions.end(),
                                        [](const Action& a) { return a.action != "c2pa.created"; });
  if (edited) {
    add_flag(r, "edited");
  }
  if (m.claims.location_redacted) {
    add_flag(r, "location-redacted");
  }
}

// The file verdict for a broken link of its history.
Verdict link_verdict(LinkStatus status) {
  switch (status) {
    case LinkStatus::kVerified:
      return Verdict::kVerified;
    case LinkStatus::kInvalidSignature:
      return Verdict::kInvalidSignature;
    case LinkStatus::kUntrustedSigner:
      return Verdict::kUntrustedSigner;
    case LinkStatus::kRevokedSigner:
      return Verdict::kRevokedSigner;
    case LinkStatus::kRootsMismatch:
      return Verdict::kTampered;
    case LinkStatus::kMissing:
    case LinkStatus::kCycle:
    case LinkStatus::kTooDeep:
      return Verdict::kMalformed;
  }
  return Verdict::kMalformed;
}

// Flags that follow from the ancestors: an AI-generated ingredient makes the file contain AI.
void history_flags(Report& r) {
  for (size_t i = 1; i < r.history.size(); ++i) {
    const HistoryLink& link = r.history[i];
    if (link.manifest && is_ai_source_type(link.manifest->source_type) &&
        !r.has_flag("ai-generated")) {
      add_flag(r, "contains-ai");
    }
  }
}

}  // namespace

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kVerified:
      return "verified";
    case Verdict::kVerifiedContent:
      return "verified-content";
    case Verdict::kUntrustedSigner:
      return "untrusted-signer";
    case Verdict::kRevokedSigner:
      return "revoked-signer";
    case Verdict::kUnsigned:
      return "unsigned";
    case Verdict::kTampered:
      return "tampered";
    case Verdict::kLogInconsistent:
      return "log-inconsistent";
    case Verdict::kInvalidSignature:
      return "invalid-signature";
    case Verdict::kMalformed:
      return "malformed";
  }
  return "malformed";
}

int verdict_exit_code(Verdict v) {
  return v == Verdict::kVerified || v == Verdict::kVerifiedContent ? 0 : 1;
}

bool Report::has_flag(std::string_view flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

std::string default_bundle_path(const std::string& file) {
  return file + ".hallmark";
}

namespace {

// The hallmark verdict a C2PA report amounts to, and why.
std::pair<Verdict, std::string> c2pa_verdict(const C2paReport& c, bool allow_untrusted) {
  if (c.validation_state == "Trusted") {
    return {Verdict::kVerified, ""};
  }
  if (c.validation_state == "Valid") {
    return {allow_untrusted ? Verdict::kVerified : Verdict::kUntrustedSigner,
            "C2PA manifest valid, but its signer is not trusted (--c2pa-trust PEM)"};
  }
  std::vector<std::string> codes;
  for (const C2paStatus& s : c.active.failure) {
    codes.push_back(s.code);
  }
  for (const C2paIngredientDelta& d : c.ingredient_deltas) {
    for (const C2paStatus& s : d.deltas.failure) {
      codes.push_back(s.code);
    }
  }
  auto any = [&](std::initializer_list<const char*> wanted) {
    for (const std::string& code : codes) {
      for (const char* w : wanted) {
        if (code == w) {
          return code;
        }
      }
    }
    return std::string();
  };
  if (std::string code = any({"assertion.dataHash.mismatch", "assertion.bmffHash.mismatch",
                              "assertion.boxesHash.mismatch"});
      !code.empty()) {
    return {Verdict::kTampered, "C2PA: content differs from what was signed (" + code + ")"};
  }
  if (std::string code =
          any({"claimSignature.mismatch", "claimSignature.missing", "signingCredential.invalid",
               "signingCredential.expired", "signingCredential.ocsp.revoked"});
      !code.empty()) {
    return {Verdict::kInvalidSignature, "C2PA: " + code};
  }
  std::string all;
  for (const std::string& code : codes) {
    if (code != "signingCredential.untrusted") {
      all += (all.empty() ? "" : ", ") + code;
    }
  }
  return {Verdict::kMalformed, "C2PA manifest invalid: " + all};
}

// Reads the file's C2PA manifest, if any, and folds its verdict into `r`.
Status apply_c2pa(Report& r, const std::string& file, const VerifyOptions& options) {
  Result<C2paReport> c = read_c2pa(file, options.c2pa_options);
  if (!c.ok()) {
    if (c.status().code() == Code::kCorrupt) {
      return {};  // Not a parseable media file: nothing C2PA can say about it.
    }
    return c.status();
  }
  if (!c->manifest_present && !c->remote_url && c->reader_error == "JumbfNotFound") {
    return {};
  }
  r.c2pa = std::move(c).value();
  const C2paReport& cr = *r.c2pa;
  if (!cr.manifest_present) {
    if (r.verdict == Verdict::kUnsigned) {
      r.reason = cr.remote_url ? "only a remote C2PA manifest (" + *cr.remote_url +
                                     "), which hallmark does not fetch"
                               : "C2PA manifest present but unreadable: " + cr.reader_error;
    }
    return {};
  }
  if (!cr.manifests.empty()) {
    const C2paManifestSummary& m = cr.manifests.front();
    if (m.ai_generated) {
      add_flag(r, "ai-generated");
    }
    const bool edited = !m.ingredients.empty() ||
                        std::any_of(m.actions.begin(), m.actions.end(),
                                    [](const C2paAction& a) { return a.action != "c2pa.created"; });
    if (edited) {
      add_flag(r, "edited");
    }
  }
  auto [verdict, reason] = c2pa_verdict(cr, options.allow_untrusted);
  if (r.verdict == Verdict::kUnsigned || verdict > r.verdict) {
    r.verdict = verdict;
    r.reason = reason;
  }
  return {};
}

// The hallmark bundle's verdict alone.
Result<Report> verify_bundle(const std::string& file, const VerifyOptions& options,
                             const TrustStore& trust) {
  Report r;
  r.file = file;
  const std::string bundle_path =
      options.bundle_path.empty() ? default_bundle_path(file) : options.bundle_path;

  Result<std::string> text = read_file(bundle_path, kMaxBundleSize);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound && options.bundle_path.empty()) {
      // No provenance. The file must still exist and be readable for this to be an answer.
      HALLMARK_TRY(check_readable_file(file));
      r.verdict = Verdict::kUnsigned;
      r.reason = "no provenance found (no " + bundle_path + ")";
      return r;
    }
    return text.status();
  }
  r.bundle = bundle_path;
  Result<Bundle> bundle = parse_bundle(*text);
  if (!bundle.ok()) {
    // The file must still be readable; a malformed bundle next to a missing file is exit 2.
    HALLMARK_TRY(check_readable_file(file));
    r.verdict = Verdict::kMalformed;
    r.reason = bundle_path + ": " + bundle.status().message();
    return r;
  }
  const SignedManifest& sm = bundle->signed_manifest;
  const Manifest& m = sm.manifest;
  r.manifest = m;
  r.manifest_id = sm.id();
  manifest_flags(r, m);

  // Content first: the file is hashed whatever the signatures say, so that an unreadable
  // file is an error and a tampered file is reported with its ranges.
  const FileBindingInfo& info = *m.file;
  Result<FileBinding> actual = bind_file(file, {info.chunk_size, options.threads});
  HALLMARK_TRY(actual);
  r.file_size = actual->size;
  r.chunk_size = info.chunk_size;
  r.file_root_matches = actual->root == info.root && actual->size == info.size;

  // The history: the file's own manifest first, then every ancestor in the bundle.
  std::map<std::string, const SignedManifest*> by_id;
  for (const SignedManifest& a : bundle->ancestors) {
    by_id.emplace(a.id(), &a);
  }
  const AncestorLookup lookup = [&by_id](const std::string& id) -> const SignedManifest* {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };
  r.history = walk_history(sm, lookup, trust, options.history);
  r.signers = r.history.front().signers;
  history_flags(r);
  const HistoryLink& own = r.history.front();

  if (own.status == LinkStatus::kInvalidSignature) {
    r.verdict = Verdict::kInvalidSignature;
    r.reason = own.reason;
    return r;
  }
  if (!r.file_root_matches) {
    r.verdict = Verdict::kTampered;
    // The bundle's leaves are unsigned: use them only if they rebuild the signed root.
    const std::vector<Digest>& leaves = bundle->file_leaves;
    if (merkle::root(leaves) == info.root &&
        leaves.size() == (info.size + info.chunk_size - 1) / info.chunk_size) {
      r.changed_bytes = changed_ranges(info.size, leaves, *actual);
      r.reason = "content differs from what was signed";
    } else {
      r.reason = "content differs from what was signed (the bundle's leaves cannot locate where)";
    }
    return r;
  }
  // The first broken link of the history decides next: a good file with a forged past is not
  // verified.
  for (size_t i = 1; i < r.history.size(); ++i) {
    const HistoryLink& link = r.history[i];
    if (link.status != LinkStatus::kVerified) {
      r.verdict = link_verdict(link.status);
      r.reason =
          "history link " + std::to_string(i) + " (" + link.manifest_id + "): " + link.reason;
      return r;
    }
  }
  r.verdict = link_verdict(own.status);
  r.reason = own.status == LinkStatus::kVerified ? "" : own.reason;
  return r;
}

}  // namespace

Result<Report> verify_file(const std::string& file, const VerifyOptions& options,
                           const TrustStore& trust) {
  Result<Report> r = verify_bundle(file, options, trust);
  if (!r.ok() || !options.c2pa) {
    return r;
  }
  HALLMARK_TRY(apply_c2pa(*r, file, options));
  return r;
}

}  // namespace hallmark
