#include "hallmark/anchor.h"

#include "hallmark/log.h"
#include "hallmark/tlog_proof.h"

namespace hallmark {
namespace {

// The origin a receipt's checkpoint names; empty if it does not parse.
std::string receipt_origin(const std::string& receipt) {
  Result<tlog::TlogProof> p = tlog::parse_tlog_proof(receipt);
  if (!p.ok()) {
    return "";
  }
  return p->checkpoint.substr(0, p->checkpoint.find('\n'));
}

}  // namespace

std::vector<std::string> lookup_keys(const SignedManifest& sm) {
  std::vector<std::string> keys = {"manifest:" + sm.id()};
  if (sm.manifest.file) {
    keys.push_back("file:" + to_hex(sm.manifest.file->root));
  }
  if (sm.manifest.media) {
    keys.push_back("media:" + to_hex(sm.manifest.media->content_root));
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

}  // namespace hallmark
