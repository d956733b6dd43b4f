#include "hallmark/anchor.h"

#include "hallmark/log.h"
#include "hallmark/lookup_key.h"
#include "hallmark/tlog_proof.h"

namespace hallmark {
namespace {

// The origin a receipt's checkpoint claims (unverified); empty if it does not parse.
std::string receipt_origin(const std::string& receipt) {
  Result<tlog::TlogProof> p = tlog::parse_tlog_proof(receipt);
  if (!p.ok()) {
    return "";
  }
  Result<tlog::Checkpoint> c = tlog::claimed_checkpoint(*p);
  return c.ok() ? c->origin : "";
}

}  // namespace

std::vector<std::string> lookup_keys(const SignedManifest& sm) {
  std::vector<std::string> keys;
  // A signed manifest's id is always sha256:<hex> (manifest_id()).
  if (Result<std::string> k = manifest_lookup_key(sm.id()); k.ok()) {
    keys.push_back(std::move(k).value());
  }
  if (sm.manifest.file) {
    keys.push_back(file_lookup_key(sm.manifest.file->root));
  }
  if (sm.manifest.media) {
    keys.push_back(media_lookup_key(sm.manifest.media->content_root));
  }
  return keys;
}

Status anchor_bundles(std::span<Bundle* const> bundles, const std::string& log_dir) {
  if (bundles.empty()) {
    return {};
  }
  Result<std::unique_ptr<log::Log>> log = log::Log::open(log_dir);
  HALLMARK_TRY(log.status().with_context(log_dir));
  std::vector<log::Entry> entries;
  entries.reserve(bundles.size());
  for (const Bundle* b : bundles) {
    Result<std::string> entry = b->signed_manifest.log_entry();
    HALLMARK_TRY(entry);
    entries.push_back({to_bytes(*entry), lookup_keys(b->signed_manifest)});
  }
  Result<log::AppendResult> appended = (*log)->append(entries);
  HALLMARK_TRY(appended.status().with_context(log_dir));
  // log.db is self-contained again before any receipt is handed out.
  HALLMARK_TRY((*log)->close().with_context(log_dir));
  const std::string& origin = (*log)->origin();
  for (size_t i = 0; i < bundles.size(); ++i) {
    std::vector<std::string>& receipts = bundles[i]->signed_manifest.receipts;
    std::erase_if(receipts, [&](const std::string& r) { return receipt_origin(r) == origin; });
    receipts.push_back(appended->entries[i].receipt);
  }
  return {};
}

Result<tlog::VerifiedReceipt> verify_manifest_receipt(const SignedManifest& sm,
                                                      std::string_view receipt,
                                                      const tlog::Policy& policy) {
  HALLMARK_ASSIGN_OR_RETURN(const std::string entry, sm.log_entry());
  Result<tlog::VerifiedReceipt> v = tlog::verify_receipt(as_bytes(entry), receipt, policy);
  for (size_t k = sm.signatures.size(); !v.ok() && k > 1;) {
    --k;
    SignedManifest earlier = sm;
    earlier.signatures.resize(k);
    HALLMARK_ASSIGN_OR_RETURN(const std::string earlier_entry, earlier.log_entry());
    Result<tlog::VerifiedReceipt> w =
        tlog::verify_receipt(as_bytes(earlier_entry), receipt, policy);
    if (w.ok()) {
      v = std::move(w);
    }
  }
  return v;
}

}  // namespace hallmark
