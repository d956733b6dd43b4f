#include "c2pa/bindings.h"

namespace hallmark::c2pa {

std::vector<BindingStatus> check_bmff_hash(const cbor::Item& a, std::string_view label,
                                           std::string_view claim_alg, const AssetView& asset) {
  (void)a;
  (void)label;
  (void)claim_alg;
  (void)asset;
  return {{BindingStatus::kFailure, "assertion.bmffHash.mismatch", "not implemented"}};
}

}  // namespace hallmark::c2pa
