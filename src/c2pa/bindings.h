// Hard bindings: checking that an asset's bytes are the ones a claim signed.
// c2pa.hash.data (byte ranges minus exclusions), c2pa.hash.bmff v1-v3 (ISO BMFF boxes minus
// XPath exclusions, with Merkle trees for fragments) and c2pa.hash.boxes. The asset is
// streamed through a fixed buffer. Thread-safety: pure over its FileSource.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "c2pa/cbor.h"
#include "c2pa/extract.h"
#include "c2pa/source.h"

namespace hallmark::c2pa {

// One status a binding check reports.
struct BindingStatus {
  enum Kind { kSuccess, kInformational, kFailure } kind;
  std::string code;
  std::string explanation;
};

struct AssetView {
  const FileSource* src = nullptr;
  const Extracted* extracted = nullptr;
  bool embedded = true;  // The store came from the asset itself, not a sidecar.
  // The binding belongs to a manifest that an update manifest extends: the store has grown
  // since it was signed, so the exclusion starting at the store covers the store as it is now.
  bool binding_from_update = false;
  std::vector<const FileSource*> fragments;
};

std::vector<BindingStatus> check_data_hash(const cbor::Item& assertion, std::string_view claim_alg,
                                           const AssetView& asset);
std::vector<BindingStatus> check_bmff_hash(const cbor::Item& assertion, std::string_view label,
                                           std::string_view claim_alg, const AssetView& asset);
// In box_hash.cpp.
std::vector<BindingStatus> check_box_hash(const cbor::Item& assertion, std::string_view claim_alg,
                                          const AssetView& asset);

}  // namespace hallmark::c2pa
