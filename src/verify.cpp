#include "hallmark/verify.h"

#include <algorithm>
#include <map>

#include "hallmark/checkpoint.h"
#include "hallmark/file_io.h"
#include "hallmark/input_file.h"
#include "hallmark/log.h"
#include "hallmark/log_client.h"
#include "hallmark/merkle.h"
#include "hallmark/paths.h"
#include "hallmark/rfc3339.h"
#include "hallmark/tlog_proof.h"
#include "media_record.h"

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
Status apply_c2pa(Report& r, const InputFile& file, const VerifyOptions& options) {
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
    if (r.verdict != Verdict::kUnsigned) {
      return {};  // hallmark's own signature decided; the C2PA report goes along with it.
    }
    if (cr.reader_error != "RemoteManifestUrl" && cr.reader_error != "JumbfNotFound") {
      // A store that is present but cannot be read is broken provenance, never "none".
      r.verdict = Verdict::kMalformed;
      r.reason = "C2PA manifest present but unreadable: " + cr.reader_error;
    } else {
      r.reason =
          "only a remote C2PA manifest (" + *cr.remote_url + "), which hallmark does not fetch";
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

// How the file's content compares with what was signed.
enum class Content { kSame, kSameContent, kDiffers };

// The file binding, then (if the bytes differ and the manifest has one) the media binding.
Result<Content> check_content(Report& r, const Bundle& bundle, const InputFile& file,
                              const VerifyOptions& options) {
  const Manifest& m = bundle.signed_manifest.manifest;
  const FileBindingInfo& info = *m.file;
  Result<FileBinding> actual = bind_file(file, {info.chunk_size, options.threads});
  HALLMARK_TRY(actual);
  r.file_size = actual->size;
  r.chunk_size = info.chunk_size;
  r.file_root_matches = actual->root == info.root && actual->size == info.size;
  if (r.file_root_matches) {
    return Content::kSame;
  }
  // The bundle's leaves are unsigned: use them only if they rebuild the signed root.
  const std::vector<Digest>& leaves = bundle.file_leaves;
  const bool leaves_ok = merkle::root(leaves) == info.root &&
                         leaves.size() == (info.size + info.chunk_size - 1) / info.chunk_size;
  if (leaves_ok) {
    r.changed_bytes = changed_ranges(info.size, leaves, *actual);
  }
  r.reason = leaves_ok ? "content differs from what was signed"
                       : "content differs from what was signed (the bundle's leaves cannot "
                         "locate where)";
  if (!m.media) {
    return Content::kDiffers;
  }
  MediaReport mr;
  mr.signed_format = m.media->format;
  Result<media::MediaBinding> now = media::bind_media(file);
  if (!now.ok()) {
    if (now.status().code() == Code::kNotFound || now.status().code() == Code::kIoError) {
      return now.status();
    }
    mr.findings.push_back("the file's media can no longer be read: " + now.status().message());
    r.media = std::move(mr);
    return Content::kDiffers;
  }
  const media::Comparison c =
      media::compare(media_record::from_record(*m.media, bundle.media_leaves), *now);
  mr.format = now->format;
  mr.content_matches = c.content_equal;
  mr.metadata_changed = c.metadata_changed;
  mr.rendering_changed = c.rendering_changed;
  mr.trailer_changed = c.trailer_changed;
  mr.changes = c.changes;
  auto list = [&](const std::vector<std::string>& streams, const std::string& what) {
    for (const std::string& s : streams) {
      mr.findings.push_back(s + ": " + what);
    }
  };
  list(c.missing_streams, "signed, but missing from the file");
  list(c.extra_streams, "in the file, but not signed");
  list(c.codec_changed, "another codec than signed");
  list(c.config_changed, "parameter sets (SPS/PPS) differ");
  list(c.aux_changed, c.content_equal ? "side information (SEI) differs; the picture data is as "
                                        "signed"
                                      : "side information (SEI) differs");
  list(c.unlocalised, "differs, and the bundle's leaves cannot locate where");
  if (c.rendering_changed) {
    mr.findings.push_back("rendering metadata (orientation, ICC profile, ...) changed");
  }
  if (c.trailer_changed) {
    mr.findings.push_back("the bytes after the image (trailer) changed");
  }
  if (!c.content_equal) {
    r.media = std::move(mr);
    r.reason = "the media content differs from what was signed";
    return Content::kDiffers;
  }
  // Content as signed: what changed is the container or the metadata.
  mr.remuxed =
      c.format_changed || (!c.metadata_changed && !c.rendering_changed && !c.trailer_changed);
  if (c.metadata_changed || c.rendering_changed || c.trailer_changed || !c.aux_changed.empty()) {
    add_flag(r, "metadata-changed");
  }
  if (mr.remuxed) {
    add_flag(r, "remuxed");
  }
  r.media = std::move(mr);
  r.reason.clear();
  return Content::kSameContent;
}

// Checks every receipt of the file's manifest. Returns the verdict a bad receipt or an
// inconsistent log amounts to (kVerified when there is none), and sets r.receipts.
Result<std::pair<Verdict, std::string>> check_receipts(Report& r, const SignedManifest& sm,
                                                       const VerifyOptions& options) {
  std::pair<Verdict, std::string> worst{Verdict::kVerified, ""};
  const std::string entry = sm.log_entry();
  for (size_t i = 0; i < sm.receipts.size(); ++i) {
    ReceiptReport rr;
    const std::string where = "receipt " + std::to_string(i + 1);
    Result<tlog::TlogProof> proof = tlog::parse_tlog_proof(sm.receipts[i]);
    if (!proof.ok()) {
      rr.problem = proof.status().message();
      r.receipts.push_back(rr);
      worst = std::max(worst, {Verdict::kMalformed, where + ": " + rr.problem});
      continue;
    }
    rr.index = proof->index;
    if (Result<tlog::Checkpoint> cp =
            tlog::parse_checkpoint(proof->checkpoint.substr(0, proof->checkpoint.find("\n\n") + 1));
        cp.ok()) {
      rr.origin = cp->origin;
      rr.tree_size = cp->size;
    }
    if (!options.log_policy) {
      rr.problem = "no log key or log policy to check it against";
      r.receipts.push_back(rr);
      continue;
    }
    Result<tlog::VerifiedReceipt> v =
        tlog::verify_receipt(as_bytes(entry), sm.receipts[i], *options.log_policy);
    if (!v.ok()) {
      rr.problem = v.status().message();
      if (v.status().code() == Code::kNotFound) {
        r.receipts.push_back(rr);
        continue;  // A log this verifier does not know: it proves nothing, and breaks nothing.
      }
      rr.checked = true;
      r.receipts.push_back(rr);
      const Verdict bad =
          v.status().code() == Code::kCorrupt ? Verdict::kMalformed : Verdict::kInvalidSignature;
      worst = std::max(worst, {bad, where + " (" + rr.origin + "): " + rr.problem});
      continue;
    }
    rr.verified = true;
    rr.checked = true;
    rr.origin = v->checkpoint.checkpoint.origin;
    rr.tree_size = v->checkpoint.checkpoint.size;
    rr.time = v->time;
    add_flag(r, "anchored");
    if (!options.log_dir.empty()) {
      const std::string state =
          options.state_dir.empty() ? paths::state_dir() + "/tlog" : options.state_dir;
      Result<tlog::LogConsistency> lc = tlog::check_consistency_with_log(
          v->checkpoint.checkpoint, options.log_dir, *options.log_policy, state);
      if (lc.ok() && !lc->consistent) {
        rr.verified = false;
        rr.problem = lc->problem;
        worst = std::max(worst, {Verdict::kLogInconsistent, where + ": " + lc->problem});
      } else if (!lc.ok() && lc.status().code() != Code::kInvalidArgument) {
        // kInvalidArgument: the log given is another log than this receipt's; nothing to say.
        return lc.status();
      }
    }
    r.receipts.push_back(rr);
  }
  return worst;
}

// Finds ancestors in the bundle, then (with a log) by manifest id in the log.
class AncestorIndex {
 public:
  AncestorIndex(const std::vector<SignedManifest>& ancestors, std::string log_dir)
      : log_dir_(std::move(log_dir)) {
    for (const SignedManifest& a : ancestors) {
      by_id_.emplace(a.id(), &a);
    }
  }
  const SignedManifest* find(const std::string& id) {
    if (const auto it = by_id_.find(id); it != by_id_.end()) {
      return it->second;
    }
    if (log_dir_.empty()) {
      return nullptr;
    }
    Result<std::vector<log::LookupHit>> hits = log::lookup(log_dir_, "manifest:" + id);
    if (!hits.ok()) {
      return nullptr;
    }
    for (const log::LookupHit& h : *hits) {
      Result<SignedManifest> sm = parse_log_entry(as_chars(h.entry));
      if (sm.ok() && sm->id() == id) {
        sm->receipts.push_back(h.receipt);
        from_log_.push_back(std::make_unique<SignedManifest>(std::move(sm).value()));
        by_id_.emplace(id, from_log_.back().get());
        return from_log_.back().get();
      }
    }
    return nullptr;
  }

 private:
  std::string log_dir_;
  std::map<std::string, const SignedManifest*> by_id_;
  std::vector<std::unique_ptr<SignedManifest>> from_log_;
};

// Provenance for a file without a bundle, from the log: an entry whose file root or media
// content root is the file's. The bundle made from it has the entry and its receipt.
Result<std::optional<Bundle>> recover_from_log(const InputFile& file,
                                               const VerifyOptions& options) {
  Result<FileBinding> fb = bind_file(file, {kDefaultChunkSize, options.threads});
  HALLMARK_TRY(fb);
  std::vector<std::string> keys;
  std::optional<Digest> media_root;
  Result<media::MediaBinding> mb = media::bind_media(file);
  if (mb.ok()) {
    media_root = mb->content_root;
  }
  keys.push_back("file:" + to_hex(fb->root));
  if (media_root) {
    keys.push_back("media:" + to_hex(*media_root));
  }
  for (const std::string& key : keys) {
    Result<std::vector<log::LookupHit>> hits = log::lookup(options.log_dir, key);
    HALLMARK_TRY(hits.status().with_context(options.log_dir));
    for (const log::LookupHit& h : *hits) {
      Result<SignedManifest> sm = parse_log_entry(as_chars(h.entry));
      if (!sm.ok()) {
        continue;
      }
      const Manifest& m = sm->manifest;
      // The entry must really bind this content: the index is only a hint.
      bool same_file = false;
      if (m.file && m.file->size == fb->size) {
        if (m.file->chunk_size == fb->chunk_size) {
          same_file = m.file->root == fb->root;
        } else {
          Result<FileBinding> again = bind_file(file, {m.file->chunk_size, options.threads});
          same_file = again.ok() && again->root == m.file->root;
        }
      }
      const bool same_media = media_root && m.media && m.media->content_root == *media_root;
      if (!same_file && !same_media) {
        continue;
      }
      sm->receipts.push_back(h.receipt);
      Bundle b;
      b.signed_manifest = std::move(sm).value();
      return std::optional<Bundle>(std::move(b));
    }
  }
  return std::optional<Bundle>();
}

// The hallmark bundle's verdict alone.
Result<Report> verify_bundle(const InputFile& file, const VerifyOptions& options,
                             const TrustStore& trust) {
  Report r;
  r.file = file.path();
  const std::string bundle_path =
      options.bundle_path.empty() ? default_bundle_path(file.path()) : options.bundle_path;

  std::optional<Bundle> bundle;
  Result<std::string> text = read_file(bundle_path, kMaxBundleSize);
  if (!text.ok()) {
    if (text.status().code() != Code::kNotFound || !options.bundle_path.empty()) {
      return text.status();
    }
    if (!options.log_dir.empty()) {
      Result<std::optional<Bundle>> recovered = recover_from_log(file, options);
      HALLMARK_TRY(recovered);
      bundle = std::move(recovered).value();
    }
    if (!bundle) {
      r.verdict = Verdict::kUnsigned;
      r.reason = "no provenance found (no " + bundle_path +
                 (options.log_dir.empty() ? "" : ", and nothing in the log " + options.log_dir) +
                 ")";
      return r;
    }
    add_flag(r, "recovered-from-log");
    r.bundle = options.log_dir;
  } else {
    r.bundle = bundle_path;
    Result<Bundle> parsed = parse_bundle(*text);
    if (!parsed.ok()) {
      r.verdict = Verdict::kMalformed;
      r.reason = bundle_path + ": " + parsed.status().message();
      return r;
    }
    bundle = std::move(parsed).value();
  }
  const SignedManifest& sm = bundle->signed_manifest;
  const Manifest& m = sm.manifest;
  r.manifest = m;
  r.manifest_id = sm.id();
  manifest_flags(r, m);

  // Content first: the file is hashed whatever the signatures say, so that an unreadable
  // file is an error and a tampered file is reported with its ranges.
  Result<Content> content = check_content(r, *bundle, file, options);
  HALLMARK_TRY(content);

  // The history: the file's own manifest first, then every ancestor.
  AncestorIndex ancestors(bundle->ancestors, options.log_dir);
  r.history = walk_history(
      sm, [&ancestors](const std::string& id) { return ancestors.find(id); }, trust,
      options.history);
  r.signers = r.history.front().signers;
  history_flags(r);
  const HistoryLink& own = r.history.front();

  Result<std::pair<Verdict, std::string>> receipts = check_receipts(r, sm, options);
  HALLMARK_TRY(receipts);

  auto decide = [&](Verdict v, std::string reason) {
    r.verdict = v;
    r.reason = std::move(reason);
    return r;
  };
  if (own.status == LinkStatus::kInvalidSignature) {
    return decide(Verdict::kInvalidSignature, own.reason);
  }
  if (receipts->first != Verdict::kVerified) {
    return decide(receipts->first, receipts->second);
  }
  if (*content == Content::kDiffers) {
    return decide(Verdict::kTampered, r.reason);
  }
  // The first broken link of the history decides next: a good file with a forged past is not
  // verified.
  for (size_t i = 1; i < r.history.size(); ++i) {
    const HistoryLink& link = r.history[i];
    if (link.status != LinkStatus::kVerified) {
      return decide(link_verdict(link.status), "history link " + std::to_string(i) + " (" +
                                                   link.manifest_id + "): " + link.reason);
    }
  }
  if (own.status != LinkStatus::kVerified) {
    return decide(link_verdict(own.status), own.reason);
  }
  return decide(*content == Content::kSameContent ? Verdict::kVerifiedContent : Verdict::kVerified,
                "");
}

}  // namespace

Result<Report> verify_file(const std::string& path, const VerifyOptions& options,
                           const TrustStore& trust) {
  // One open file for every reading, so that all of them see the same bytes.
  Result<InputFile> file = InputFile::open(path);
  HALLMARK_TRY(file);
  Result<Report> r = verify_bundle(*file, options, trust);
  HALLMARK_TRY(r);
  if (options.c2pa) {
    HALLMARK_TRY(apply_c2pa(*r, *file, options));
  }
  HALLMARK_TRY(file->check_unchanged());
  return r;
}

}  // namespace hallmark
