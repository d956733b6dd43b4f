// Verification: bindings -> signatures -> trust => one Report per file with a verdict.
// An error Result means "could not check" (exit 2); a Report whose verdict is not verified
// means "checked, and not authentic" (exit 1). Thread-safe: several files may be verified
// concurrently with the same options and trust store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bundle.h"
#include "hallmark/c2pa.h"
#include "hallmark/file_binding.h"
#include "hallmark/history.h"
#include "hallmark/manifest.h"
#include "hallmark/media.h"
#include "hallmark/status.h"
#include "hallmark/tlog_policy.h"
#include "hallmark/trust.h"
#include "hallmark/worker_pool.h"

namespace hallmark {

// Per-file verdicts (DESIGN.md; man/hallmark-verify.1). Order is severity, worst last.
enum class Verdict {
  kVerified,          // Signed by a trusted key, content as signed.
  kVerifiedContent,   // Content roots match; metadata or container changed.
  kUntrustedSigner,   // Valid signatures, but no signer is trusted at the signing time.
  kRevokedSigner,     // A signer's key is revoked.
  kUnsigned,          // No provenance found.
  kTampered,          // Content differs from what was signed.
  kLogInconsistent,   // The transparency log showed a split view or was rewritten.
  kInvalidSignature,  // A signature does not verify.
  kMalformed,         // The provenance data is broken.
};

// "verified", "verified-content", "tampered", ... as printed and in JSON.
std::string_view verdict_name(Verdict verdict);
// Exit code for a verdict: 0 for verified and verified-content, else 1. (A report can still
// fail with one of those verdicts: see Report::verified.)
int verdict_exit_code(Verdict verdict);

struct VerifyOptions {
  std::string bundle_path;  // Empty: FILE.hallmark next to the file.
  // False (check): a FILE.hallmark that is a symbolic link is not read (O_NOFOLLOW), and the
  // file is judged as if it had no bundle, the reason saying why. A bundle_path given is
  // always followed.
  bool follow_bundle_symlinks = true;
  unsigned threads = 0;  // For hashing, without a pool; 0 = one per core.
  // The threads to hash on (not owned; must outlive the call), shared with the caller's other
  // work; `threads` is then not used. Null: a pool of `threads` for the call.
  WorkerPool* pool = nullptr;
  HistoryOptions history;  // Limits of the walk through ancestors.
  // C2PA Content Credentials are read and judged too (hallmark-c2pa(7)).
  bool c2pa = true;
  C2paOptions c2pa_options;      // --c2pa-trust, --c2pa-sidecar, --fragment.
  bool allow_untrusted = false;  // A Valid (untrusted) C2PA manifest counts as verified.

  // Transparency logs (hallmark-log(5)). Receipts are checked offline against this policy;
  // without one they are listed but prove nothing, and the flag "anchored" is never set.
  std::optional<tlog::Policy> log_policy;
  // A log to consult: the latest checkpoint must be consistent with each receipt's and with
  // the one this client remembers (in state_dir); a file without a bundle, or an ancestor
  // missing from the bundle, is looked up in it.
  std::string log_dir;
  std::string state_dir;  // Remembered checkpoints; empty: the default state directory.
  // The time a manifest's "created" is judged against (Unix seconds); empty: now.
  std::optional<int64_t> now;
};

// One transparency log receipt of the file's manifest, as checked.
struct ReceiptReport {
  std::string origin;  // The log, from the receipt's checkpoint.
  uint64_t index = 0;
  uint64_t tree_size = 0;
  std::optional<uint64_t> time;  // Proven logging time (a trusted cosignature), POSIX s.
  bool verified = false;
  bool checked = false;  // A log the policy knows: then !verified means it failed.
  std::string problem;   // Why not, when !verified.
};

// What the media binding says about the file, when the manifest has one and the file's bytes
// differ from what was signed.
struct MediaReport {
  unsigned version = 1;  // Of the signed binding, whose rules the file was bound by.
  std::string signed_format;
  std::string format;  // Of the file now; empty if it can no longer be bound.
  bool content_matches = false;
  bool timing_matches = true;
  bool metadata_changed = false;   // The metadata digest differs.
  bool metadata_stripped = false;  // Signed claims or metadata removed, nothing contradicted.
  bool metadata_altered = false;   // A signed claim now says otherwise, or was added.
  bool rendering_changed = false;
  bool trailer_changed = false;
  uint64_t appended_bytes = 0;  // Bytes after the image or container that were not signed.
  bool remuxed = false;
  std::vector<media::ChangedRange> changes;
  std::vector<media::TimingChange> timing;
  std::vector<ClaimChange> claims;
  std::vector<std::string> findings;  // Streams missing/extra/re-coded, side info changed, ...
};

// A log entry that claims the file's content (a stripped copy looked up in the log).
struct LogClaim {
  std::string manifest_id;
  std::string creator;  // The name the manifest gives.
  keys::PublicKey key;  // The creator's key.
  TrustLevel trust = TrustLevel::kUnknown;
  bool signature_valid = false;
  std::string trusted_name;  // The trust store's name for the key, when trusted.
  uint64_t index = 0;        // In the log: earlier entries were anchored first.
  std::string created;
};

// One source of provenance judged on its own.
struct Judgement {
  Verdict verdict = Verdict::kUnsigned;
  std::string reason;
};

struct Report {
  std::string file;
  std::string bundle;  // Path of the bundle read, empty when none was found.
  Verdict verdict = Verdict::kUnsigned;
  std::vector<std::string> flags;  // "ai-generated", "edited", "location-redacted", ...
  std::string reason;              // Why, in one clause, for verdicts other than verified.

  std::optional<Manifest> manifest;
  std::string manifest_id;
  std::vector<SignerReport> signers;  // Of the file's own manifest (history[0]).
  std::vector<HistoryLink> history;   // The file's manifest first, then its ancestors.

  // File binding.
  uint64_t file_size = 0;
  uint64_t chunk_size = 0;
  bool file_root_matches = false;
  std::vector<ByteRange> changed_bytes;  // Empty if the change could not be located.

  std::optional<MediaReport> media;
  std::vector<ReceiptReport> receipts;

  // Recovered from the log: the entry chosen (trusted signers first, then the earliest), and
  // every other entry that claims the same content.
  std::optional<LogClaim> recovered;
  std::vector<LogClaim> other_claims;

  // Each source judged alone, when present: hallmark's manifest (bundle or log) and the
  // file's C2PA store. `verdict` is the worse of the two; a finding belongs to its source.
  std::optional<Judgement> manifest_judgement;
  std::optional<Judgement> c2pa_judgement;

  // The C2PA verdict, when the file carries (or references) C2PA Content Credentials. A file
  // with both a hallmark bundle and C2PA is judged on both; the verdict is the worse one.
  std::optional<C2paReport> c2pa;

  // Verified or verified-content, and no signed claim contradicted (metadata-altered).
  bool verified() const {
    return (verdict == Verdict::kVerified || verdict == Verdict::kVerifiedContent) &&
           !has_flag("metadata-altered");
  }
  bool has_flag(std::string_view flag) const;
};

// Verifies `file` against its bundle. kNotFound/kIoError/kInvalidArgument (exit 2) when the
// file itself cannot be read or a bundle exists but cannot be read; every other outcome,
// including a missing or malformed bundle, is a Report.
Result<Report> verify_file(const std::string& file, const VerifyOptions& options,
                           const TrustStore& trust);

}  // namespace hallmark
