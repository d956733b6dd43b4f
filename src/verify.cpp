#include "hallmark/verify.h"

#include <algorithm>
#include <map>
#include <memory>

#include "hallmark/anchor.h"
#include "hallmark/checkpoint.h"
#include "hallmark/file_io.h"
#include "hallmark/input_file.h"
#include "hallmark/log.h"
#include "hallmark/log_client.h"
#include "hallmark/lookup_key.h"
#include "hallmark/merkle.h"
#include "hallmark/paths.h"
#include "hallmark/rfc3339.h"
#include "hallmark/tlog_proof.h"
#include "media_record.h"

namespace hallmark {
namespace {

// A manifest may say it was made up to a day in the future (clocks are wrong), and not before
// 1990 (no digital signature of this kind is older).
constexpr int64_t kFutureSlack = 24 * 3600;
constexpr int64_t kEarliest = 631152000;  // 1990-01-01T00:00:00Z

void add_flag(Report& r, std::string flag) {
  if (!r.has_flag(flag)) {
    r.flags.push_back(std::move(flag));
  }
}

void remove_flag(Report& r, std::string_view flag) {
  std::erase(r.flags, flag);
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
  if (m.claims.location_redacted()) {
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

// The one open file and what was computed from it, so that nothing is bound twice.
class Inputs {
 public:
  Inputs(const InputFile& file, WorkerPool* pool) : file_(file), pool_(pool) {}

  const InputFile& file() const { return file_; }

  const Result<FileBinding>& file_binding(uint64_t chunk_size) {
    auto it = files_.find(chunk_size);
    if (it == files_.end()) {
      it = files_.emplace(chunk_size, bind_file(file_, {chunk_size, 0, pool_})).first;
    }
    return it->second;
  }

  // The media binding by the rules of `version`. kUnsupported / kCorrupt mean "not bound".
  const Result<media::MediaBinding>& media(unsigned version) {
    auto it = media_.find(version);
    if (it == media_.end()) {
      // A verifier publishes nothing: it reads the location too, to compare it with a signed
      // one.
      it = media_.emplace(version, media::bind_media(file_, {true, version, pool_})).first;
    }
    return it->second;
  }

 private:
  const InputFile& file_;
  WorkerPool* const pool_;
  std::map<uint64_t, Result<FileBinding>> files_;
  std::map<unsigned, Result<media::MediaBinding>> media_;
};

// Whether the binding failed for a reason that means "could not read the file" (exit 2),
// rather than "this is not media we bind".
bool read_error(const Status& s) {
  return s.code() == Code::kNotFound || s.code() == Code::kIoError || s.code() == Code::kInternal;
}

std::string thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = int(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(size_t(i), ",");
  }
  return digits;
}

// How the file's content compares with what was signed.
enum class Content { kSame, kSameContent, kDiffers };

// The flags, findings and reason for a file whose bytes differ but whose media binding was
// compared.
void media_findings(MediaReport& mr, const media::Comparison& c) {
  auto list = [&](const std::vector<std::string>& streams, const std::string& what) {
    for (const std::string& s : streams) {
      mr.findings.push_back(s + ": " + what);
    }
  };
  list(c.missing_streams, "signed, but missing from the file");
  list(c.extra_streams, "in the file, but not signed");
  list(c.codec_changed, "another codec than signed");
  for (const std::string& s : c.config_changed) {
    const bool pcm = std::any_of(c.changes.begin(), c.changes.end(), [&](const auto& ch) {
      return ch.stream == s && ch.noun == "block";
    });
    mr.findings.push_back(s + (pcm || s.rfind("audio", 0) == 0
                                   ? ": the coding parameters differ (for PCM: sample rate or "
                                     "channels)"
                                   : ": parameter sets (SPS/PPS) differ"));
  }
  list(c.aux_changed, c.content_equal ? "side information (SEI) differs; the picture data is as "
                                        "signed"
                                      : "side information (SEI) differs");
  list(c.unlocalised, "differs, and the bundle's leaves cannot locate where");
  for (const media::TimingChange& t : c.timing) {
    mr.findings.push_back(t.describe());
  }
  for (const ClaimChange& cc : c.claims) {
    mr.findings.push_back(cc.describe());
  }
  const bool orientation_claim =
      std::any_of(c.claims.begin(), c.claims.end(),
                  [](const ClaimChange& cc) { return cc.field == "orientation"; });
  if (c.rendering_changed && !orientation_claim) {
    mr.findings.push_back(c.rendering_removed ? "rendering metadata (ICC profile, ...) removed"
                                              : "rendering metadata (ICC profile, ...) changed");
  }
  const std::string& f = mr.signed_format;
  const std::string after = f == "jpeg" || f == "png" || f == "webp" ? "the image" : "the media";
  if (c.trailer_added) {
    mr.findings.push_back(thousands(c.trailer_size) + " bytes appended after " + after);
  } else if (c.trailer_removed) {
    mr.findings.push_back("the bytes after " + after + " were removed");
  } else if (c.trailer_changed) {
    mr.findings.push_back("the bytes after " + after + " changed (now " +
                          thousands(c.trailer_size) + " bytes)");
  }
  mr.timing = c.timing;
  mr.claims = c.claims;
  mr.timing_matches = c.timing_equal;
  mr.trailer_changed = c.trailer_changed;
  mr.appended_bytes = c.trailer_changed && !c.trailer_removed ? c.trailer_size : 0;
  mr.metadata_changed = c.metadata_changed;
  mr.rendering_changed = c.rendering_changed;
  const bool claim_contradicted =
      std::any_of(c.claims.begin(), c.claims.end(),
                  [](const ClaimChange& cc) { return cc.kind != ClaimChange::Kind::kRemoved; });
  const bool claim_removed =
      std::any_of(c.claims.begin(), c.claims.end(),
                  [](const ClaimChange& cc) { return cc.kind == ClaimChange::Kind::kRemoved; });
  mr.metadata_altered =
      claim_contradicted || (c.rendering_changed && !c.rendering_removed && !orientation_claim);
  mr.metadata_stripped = !mr.metadata_altered && (claim_removed || c.trailer_removed ||
                                                  (c.rendering_changed && c.rendering_removed));
}

// The file binding, then (if the bytes differ and the manifest has one) the media binding.
Result<Content> check_content(Report& r, const Bundle& bundle, Inputs& in) {
  const Manifest& m = bundle.signed_manifest.manifest;
  const FileBindingInfo& info = *m.file;
  const Result<FileBinding>& actual = in.file_binding(info.chunk_size);
  HALLMARK_TRY(actual);
  r.file_size = actual->size;
  r.chunk_size = info.chunk_size;
  r.file_root_matches = actual->root == info.root && actual->size == info.size;
  if (r.file_root_matches) {
    return Content::kSame;
  }
  // The bundle's leaves are unsigned: they locate changes only if they rebuild the signed root.
  const std::vector<Digest>& leaves = bundle.file_leaves;
  const bool leaves_ok = merkle::root(leaves) == info.root &&
                         leaves.size() == (info.size + info.chunk_size - 1) / info.chunk_size;
  if (leaves_ok) {
    r.changed_bytes = changed_ranges(info.size, leaves, *actual);
  }
  if (actual->size < info.size) {
    r.reason = "the file is " + thousands(info.size - actual->size) + " bytes shorter than signed";
  } else if (actual->size > info.size && r.changed_bytes.size() == 1 &&
             r.changed_bytes[0].begin >= info.size - info.size % info.chunk_size) {
    r.reason = "the file is " + thousands(actual->size - info.size) + " bytes longer than signed";
  } else {
    r.reason = leaves_ok ? "content differs from what was signed"
                         : "content differs from what was signed (the bundle's leaves cannot "
                           "locate where)";
  }
  if (!m.media) {
    return Content::kDiffers;
  }
  MediaReport mr;
  mr.version = m.media->version;
  mr.signed_format = m.media->format;
  const Result<media::MediaBinding>& now = in.media(m.media->version);
  if (!now.ok()) {
    if (read_error(now.status())) {
      return now.status();
    }
    mr.findings.push_back("the file's media can no longer be read: " + now.status().message());
    r.media = std::move(mr);
    return Content::kDiffers;
  }
  const media::Comparison c =
      media::compare(media_record::from_record(*m.media, m.claims, bundle.media_leaves), *now);
  mr.format = now->format;
  mr.content_matches = c.content_equal;
  mr.changes = c.changes;
  media_findings(mr, c);
  if (!c.content_equal || !c.timing_equal) {
    r.reason = !c.content_equal ? "the media content differs from what was signed"
                                : mr.timing.front().describe();
    r.media = std::move(mr);
    return Content::kDiffers;
  }
  // Content as signed: what changed is the container or the metadata.
  mr.remuxed = c.format_changed || (!c.metadata_changed && !c.rendering_changed &&
                                    !c.trailer_changed && c.claims.empty());
  if (mr.metadata_altered) {
    add_flag(r, "metadata-altered");
  } else if (mr.metadata_stripped) {
    add_flag(r, "metadata-stripped");
  } else if (c.metadata_changed || !c.aux_changed.empty()) {
    add_flag(r, "metadata-changed");  // Metadata outside the signed claims, or side info.
  }
  if (mr.appended_bytes > 0) {
    add_flag(r, "data-appended");
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
  // A manifest whose log entry cannot be made could not be checked at all (never the case
  // for a parsed bundle: it is what its canonical bytes say).
  HALLMARK_TRY(sm.log_entry());
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
    if (Result<tlog::Checkpoint> cp = tlog::claimed_checkpoint(*proof); cp.ok()) {
      rr.origin = cp->origin;
      rr.tree_size = cp->size;
    }
    if (!options.log_policy) {
      rr.problem = "no log key or log policy to check it against";
      r.receipts.push_back(rr);
      continue;
    }
    // Also with the first k signatures: countersignatures may have been added since.
    Result<tlog::VerifiedReceipt> v =
        verify_manifest_receipt(sm, sm.receipts[i], *options.log_policy);
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
    if (rr.verified) {
      add_flag(r, "anchored");
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
    Result<std::string> key = manifest_lookup_key(id);
    if (!key.ok()) {
      return nullptr;  // Not a manifest id: nothing in any log has it.
    }
    Result<std::vector<log::LookupHit>> hits = log::lookup(log_dir_, *key);
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

// A log entry that claims the file's content, with how far its signer is to be believed.
struct Candidate {
  SignedManifest sm;
  LogClaim claim;
  LinkStatus status = LinkStatus::kUntrustedSigner;
};

// Better first: a creator that is trusted and signed validly, then valid signatures, then
// the earliest in the log.
bool better(const Candidate& a, const Candidate& b) {
  const auto rank = [](const Candidate& c) {
    return c.status == LinkStatus::kVerified ? 0 : c.claim.signature_valid ? 1 : 2;
  };
  if (rank(a) != rank(b)) {
    return rank(a) < rank(b);
  }
  return a.claim.index < b.claim.index;
}

// Whether the manifest binds this file's bytes or media content.
bool binds_content(const Manifest& m, Inputs& in) {
  if (m.file && m.file->size == in.file().size() && valid_chunk_size(m.file->chunk_size)) {
    const Result<FileBinding>& fb = in.file_binding(m.file->chunk_size);
    if (fb.ok() && fb->root == m.file->root) {
      return true;
    }
  }
  if (m.media && m.media->version >= 1 && m.media->version <= media::kMediaBindingVersion) {
    const Result<media::MediaBinding>& mb = in.media(m.media->version);
    return mb.ok() && mb->content_root == m.media->content_root;
  }
  return false;
}

// Provenance for a file without a bundle, from the log: every entry whose file root or media
// content root is the file's. The one chosen is signed by a trusted key if any is (so that a
// copy anchored first by someone else cannot hide the real creator), else the earliest; the
// others are reported. The bundle made from it has the entry and its receipt.
Result<std::optional<Bundle>> recover_from_log(Report& r, Inputs& in, const VerifyOptions& options,
                                               const TrustStore& trust) {
  const Result<FileBinding>& fb = in.file_binding(kDefaultChunkSize);
  HALLMARK_TRY(fb);
  std::vector<std::string> keys = {file_lookup_key(fb->root)};
  // Content roots by the current rules and, where they differ for this file, by version 1's.
  std::vector<Digest> roots;
  for (unsigned v = media::kMediaBindingVersion; v >= 1; --v) {
    const Result<media::MediaBinding>& mb = in.media(v);
    if (!mb.ok()) {
      if (read_error(mb.status())) {
        return mb.status();
      }
      break;
    }
    if (std::find(roots.begin(), roots.end(), mb->content_root) == roots.end()) {
      roots.push_back(mb->content_root);
      keys.push_back(media_lookup_key(mb->content_root));
    }
    const bool rules_differ = std::any_of(
        mb->streams.begin(), mb->streams.end(),
        [](const auto& s) { return s.codec == "mpeg-audio" || s.codec.rfind("pcm_", 0) == 0; });
    if (!rules_differ) {
      break;
    }
  }
  std::vector<Candidate> found;
  std::vector<std::string> seen;
  for (const std::string& key : keys) {
    Result<std::vector<log::LookupHit>> hits = log::lookup(options.log_dir, key);
    HALLMARK_TRY(hits.status().with_context(options.log_dir));
    for (const log::LookupHit& h : *hits) {
      Result<SignedManifest> sm = parse_log_entry(as_chars(h.entry));
      if (!sm.ok() || std::find(seen.begin(), seen.end(), sm->id()) != seen.end()) {
        continue;
      }
      // The index is only a hint: the entry must really bind this content.
      if (!binds_content(sm->manifest, in)) {
        continue;
      }
      seen.push_back(sm->id());
      Candidate c;
      c.claim.manifest_id = sm->id();
      c.claim.creator = sm->manifest.creator.name;
      c.claim.key = sm->manifest.creator.key;
      c.claim.index = h.index;
      c.claim.created = sm->manifest.created;
      std::vector<SignerReport> signers;
      std::string why;
      c.status = judge_signers(*sm, trust, signers, why);
      for (const SignerReport& s : signers) {
        if (s.creator) {
          c.claim.signature_valid = s.signature_valid;
          c.claim.trust = s.trust;
          c.claim.trusted_name = s.name;
        }
      }
      sm->receipts.push_back(h.receipt);
      c.sm = std::move(sm).value();
      found.push_back(std::move(c));
    }
  }
  if (found.empty()) {
    return std::optional<Bundle>();
  }
  std::sort(found.begin(), found.end(), better);
  r.recovered = found.front().claim;
  for (size_t i = 1; i < found.size(); ++i) {
    r.other_claims.push_back(found[i].claim);
  }
  std::sort(r.other_claims.begin(), r.other_claims.end(),
            [](const LogClaim& a, const LogClaim& b) { return a.index < b.index; });
  Bundle b;
  b.signed_manifest = std::move(found.front().sm);
  return std::optional<Bundle>(std::move(b));
}

// hallmark's own verdict, from the bundle next to the file (or the one named), else from the
// log. Leaves r.manifest_judgement unset when no hallmark provenance was found.
Result<Report> verify_bundle(Inputs& in, const VerifyOptions& options, const TrustStore& trust) {
  const InputFile& file = in.file();
  Report r;
  r.file = file.path();
  const std::string bundle_path =
      options.bundle_path.empty() ? default_bundle_path(file.path()) : options.bundle_path;

  std::optional<Bundle> bundle;
  const bool follow = options.follow_bundle_symlinks || !options.bundle_path.empty();
  Result<Result<Bundle>> loaded = load_bundle(bundle_path, {.follow_symlinks = follow});
  if (!loaded.ok()) {
    if (loaded.status().code() != Code::kNotFound || !options.bundle_path.empty()) {
      return loaded.status();
    }
    if (!options.log_dir.empty()) {
      Result<std::optional<Bundle>> recovered = recover_from_log(r, in, options, trust);
      HALLMARK_TRY(recovered);
      bundle = std::move(recovered).value();
    }
    if (!bundle) {
      r.verdict = Verdict::kUnsigned;
      const std::string missing = !follow && is_symlink(bundle_path)
                                      ? bundle_path + " is a symbolic link, not followed"
                                      : "no " + bundle_path;
      r.reason = "no provenance found (" + missing +
                 (options.log_dir.empty() ? "" : ", and nothing in the log " + options.log_dir) +
                 ")";
      return r;
    }
    add_flag(r, "recovered-from-log");
    r.bundle = options.log_dir;
  } else {
    r.bundle = bundle_path;
    Result<Bundle>& parsed = *loaded;
    if (!parsed.ok()) {
      r.verdict = Verdict::kMalformed;
      r.reason = bundle_path + ": " + parsed.status().message();
      r.manifest_judgement = Judgement{r.verdict, r.reason};
      return r;
    }
    bundle = std::move(parsed).value();
  }
  const SignedManifest& sm = bundle->signed_manifest;
  const Manifest& m = sm.manifest;
  r.manifest = m;
  r.manifest_id = sm.id();
  manifest_flags(r, m);

  auto decide = [&](Verdict v, std::string reason) {
    r.verdict = v;
    r.reason = std::move(reason);
    r.manifest_judgement = Judgement{r.verdict, r.reason};
    return r;
  };

  // Content first: the file is hashed whatever the signatures say, so that an unreadable
  // file is an error and a tampered file is reported with its ranges.
  Result<Content> content = check_content(r, *bundle, in);
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

  if (own.status == LinkStatus::kInvalidSignature) {
    return decide(Verdict::kInvalidSignature, own.reason);
  }
  if (receipts->first != Verdict::kVerified) {
    if (receipts->first == Verdict::kLogInconsistent) {
      remove_flag(r, "anchored");  // Anchored in a log that contradicts itself proves nothing.
    }
    return decide(receipts->first, receipts->second);
  }
  // The signed time must be believable: trust windows and revocations are judged by it.
  if (Result<int64_t> created = parse_rfc3339(m.created); created.ok()) {
    const int64_t now = options.now.value_or(unix_now());
    if (*created > now + kFutureSlack) {
      return decide(Verdict::kMalformed,
                    "the manifest says it was made on " + m.created + ", in the future");
    }
    if (*created < kEarliest) {
      return decide(Verdict::kMalformed,
                    "the manifest says it was made on " + m.created + ", before 1990");
    }
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

// The hallmark verdict a C2PA report amounts to, and why.
std::pair<Verdict, std::string> c2pa_verdict(const C2paReport& c, bool allow_untrusted) {
  if (c.validation_state == "Trusted") {
    return {Verdict::kVerified, ""};
  }
  if (c.validation_state == "Valid") {
    return {allow_untrusted ? Verdict::kVerified : Verdict::kUntrustedSigner,
            "C2PA manifest valid, but its signer is not trusted"};
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

// Reads the file's C2PA store, if any, and judges it on its own; the file's verdict becomes the
// worse of the two sources.
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
  r.c2pa_judgement = Judgement{verdict, reason};
  if (!r.manifest_judgement || verdict > r.verdict) {
    r.verdict = verdict;
    r.reason = reason;
  }
  return {};
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

Result<Report> verify_file(const std::string& path, const VerifyOptions& options,
                           const TrustStore& trust) {
  // One open file for every reading, so that all of them see the same bytes.
  Result<InputFile> file = InputFile::open(path);
  HALLMARK_TRY(file);
  // One pool for both bindings; it starts threads only if there is work for them.
  std::optional<WorkerPool> own;
  Inputs inputs(*file, options.pool != nullptr ? options.pool : &own.emplace(options.threads));
  Result<Report> r = verify_bundle(inputs, options, trust);
  HALLMARK_TRY(r);
  if (options.c2pa) {
    HALLMARK_TRY(apply_c2pa(*r, *file, options));
  }
  HALLMARK_TRY(file->check_unchanged());
  return r;
}

}  // namespace hallmark
