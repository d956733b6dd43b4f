// Validation of a C2PA manifest store as c2pa-rs does it (sdk/src/store.rs verify_store,
// claim.rs verify_claim, validation_results.rs from_store): the active manifest's signature,
// credential, timestamp, assertions and hard binding, then every ingredient's manifest,
// recursively, with the statuses of ingredients reported as deltas against what the
// ingredient assertions recorded.
// The parts are validator.h's; this file reads the asset, the sidecar and the trust anchors.
#include <ctime>
#include <filesystem>

#include "c2pa/extract.h"
#include "c2pa/store.h"
#include "c2pa/validator.h"
#include "crypto/x509.h"
#include "hallmark/c2pa.h"

namespace hallmark {
namespace c2pa {
namespace {

std::string sidecar_next_to(const std::string& asset) {
  std::filesystem::path p(asset);
  p.replace_extension(".c2pa");
  return p.string();
}

}  // namespace
}  // namespace c2pa

Result<C2paReport> read_c2pa(const InputFile& asset_file, const C2paOptions& options) {
  using namespace c2pa;
  const std::string& asset_path = asset_file.path();
  const FileSource src(asset_file);
  crypto::TrustAnchors anchors;
  for (const std::string& pem : options.trust_anchor_paths) {
    HALLMARK_TRY(anchors.add_pem_file(pem));
  }
  std::vector<FileSource> fragments;
  for (const std::string& f : options.fragment_paths) {
    HALLMARK_ASSIGN_OR_RETURN(FileSource fs, FileSource::open(f));
    fragments.push_back(std::move(fs));
  }
  const Format format = detect_format(src, asset_path);
  HALLMARK_ASSIGN_OR_RETURN(Extracted ex, extract(src, format));

  C2paReport report;
  report.remote_url = ex.remote_url;
  bool embedded = ex.store != nullptr && format != Format::kC2pa;
  std::string sidecar = options.sidecar_path;
  // A sidecar stands in for a missing store, never for one that is present but broken.
  if (sidecar.empty() && options.find_sidecar && !ex.store && ex.reader_error.empty() &&
      format != Format::kC2pa) {
    const std::string candidate = sidecar_next_to(asset_path);
    std::error_code ec;
    if (candidate != asset_path && std::filesystem::is_regular_file(candidate, ec)) {
      sidecar = candidate;
    }
  }
  if (!sidecar.empty()) {
    HALLMARK_ASSIGN_OR_RETURN(FileSource side, FileSource::open(sidecar));
    HALLMARK_ASSIGN_OR_RETURN(Extracted sx, extract(side, Format::kC2pa));
    ex.store = sx.store;
    embedded = false;
    report.manifest_source = sidecar;
  } else {
    report.manifest_source = "embedded";
  }
  if (!ex.store) {
    report.reader_error = !ex.reader_error.empty() ? ex.reader_error
                          : ex.remote_url          ? "RemoteManifestUrl"
                                                   : "JumbfNotFound";
    return report;
  }
  Result<Store> store = parse_store(ex.store);
  if (!store.ok()) {
    report.reader_error = "malformed manifest store: " + store.status().message();
    return report;
  }
  if (store->manifests.empty()) {
    report.reader_error = "JumbfNotFound";
    return report;
  }
  AssetView asset;
  asset.src = &src;
  asset.extracted = &ex;
  asset.embedded = embedded;
  for (const FileSource& f : fragments) {
    asset.fragments.push_back(&f);
  }
  const int64_t now = options.now ? *options.now : static_cast<int64_t>(std::time(nullptr));
  Validator validator(*store, asset, anchors, now);
  if (const std::string bad = validator.undecodable_assertion(); !bad.empty()) {
    report.reader_error = "AssertionDecoding: could not decode assertion " + bad;
    return report;
  }
  if (validator.is_prerelease()) {
    report.reader_error = "PrereleaseError";
    return report;
  }
  report.manifest_present = true;
  validator.run();
  validator.fill(report);
  return report;
}

}  // namespace hallmark
