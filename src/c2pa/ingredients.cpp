// The walk through ingredient manifests (claim.rs ingredient_checks): each ingredient's hash,
// its claim signature when something was redacted, and its manifest, checked and walked in turn.
#include <algorithm>

#include "c2pa/labels.h"
#include "c2pa/validator.h"
#include "crypto/digest.h"

namespace hallmark::c2pa {

Bytes Validator::manifest_box_hash(const ClaimView& v, std::string_view alg) {
  Result<Bytes> h = crypto::digest(alg, v.m->box->payload);
  return h.ok() ? std::move(h).value() : Bytes{};
}

Bytes Validator::signature_box_hash(const ClaimView& v, std::string_view alg) {
  if (v.m->signature_box == nullptr) {
    return {};
  }
  Result<Bytes> h = crypto::digest(alg, v.m->signature_box->payload);
  return h.ok() ? std::move(h).value() : Bytes{};
}

void Validator::ingredient_checks(ClaimView& v, int depth, std::vector<std::string>& path) {
  if (depth > kMaxIngredientDepth ||
      std::find(path.begin(), path.end(), v.m->label) != path.end()) {
    return;
  }
  path.push_back(v.m->label);
  for (const std::string& label : referenced_labels(v)) {
    if (!is_ingredient_label(label)) {
      continue;
    }
    const AssertionRef* a = find_assertion(v, label);
    if (a == nullptr) {
      continue;
    }
    const jumbf::Box* content = a->box->content("cbor");
    if (content != nullptr && std::all_of(content->payload.begin(), content->payload.end(),
                                          [](std::byte b) { return b == std::byte{0}; })) {
      continue;  // A zeroed (redacted) ingredient.
    }
    const std::string uri = assertion_uri(v.m->label, label);
    const cbor::Item* ing = assertion_cbor(*a);
    if (ing == nullptr || !ing->is_map()) {
      log(Kind::kFailure, "assertion.ingredient.malformed", uri,
          "ingredient assertion could not be parsed");
      continue;
    }
    if (ing->text_of("relationship") == "inputTo") {
      continue;
    }
    ingredient_stack_.push_back(uri);
    const int version = ingredient_version(label);
    const cbor::Item* hu = ing->find(version >= 3 ? "activeManifest" : "c2pa_manifest");
    if (hu == nullptr) {
      hu = ing->find("c2pa_manifest");
    }
    if (hu != nullptr) {
      if (version >= 3 && ing->find("validationResults") == nullptr) {
        log(Kind::kFailure, "assertion.ingredient.malformed", uri,
            "ingredient V3 must have validation results");
      }
      const std::string hu_url = hu->text_of("url");
      const std::string ing_label = manifest_label_from_uri(hu_url);
      if (views_.count(ing_label)) {
        ClaimView& iv = views_.at(ing_label);
        std::string alg = hu->text_of("alg");
        if (alg.empty()) {
          alg = iv.alg;
        }
        const cbor::Item* hash = hu->find("hash");
        const ByteView want = hash && hash->is_bytes() ? as_bytes(hash->str) : ByteView{};
        // A manifest something was redacted from no longer has the hash its ingredient
        // recorded; for a 2.x manifest the ingredient's claimSignature hash stands in.
        const bool has_redactions = std::any_of(
            redactions_.begin(), redactions_.end(),
            [&](const std::string& r) { return r.find(ing_label) != std::string::npos; });
        bool matched = false;
        bool legacy = false;
        if (!has_redactions) {
          matched = equal(manifest_box_hash(iv, alg), want);
          if (!matched) {
            Result<Bytes> h = crypto::digest(alg, iv.m->claim_bytes);
            legacy = true;
            matched = h.ok() && equal(*h, want);
          }
        }
        if (matched && !legacy) {
          log(Kind::kSuccess, "ingredient.manifest.validated", hu_url, "ingredient hash matched");
        }
        if (!matched && !has_redactions) {
          log(Kind::kFailure, "ingredient.manifest.mismatch", hu_url, "ingredient hash incorrect");
        }
        if (has_redactions && iv.m->claim_version > 1) {
          const cbor::Item* sig = ing->find("claimSignature");
          if (sig == nullptr) {
            log(Kind::kFailure, "ingredient.claimSignature.missing", hu_url,
                "ingredient claimSignature missing");
            ingredient_stack_.pop_back();
            continue;
          }
          const cbor::Item* sig_hash = sig->find("hash");
          std::string sig_alg = sig->text_of("alg");
          if (sig_alg.empty()) {
            sig_alg = alg;
          }
          if (equal(signature_box_hash(iv, sig_alg),
                    sig_hash && sig_hash->is_bytes() ? as_bytes(sig_hash->str) : ByteView{})) {
            log(Kind::kInformational, "ingredient.claimSignature.validated", hu_url,
                "ingredient claimSignature validated");
          } else {
            log(Kind::kFailure, "ingredient.claimSignature.mismatch", hu_url,
                "ingredient claimSignature mismatch");
          }
        }
        verify_claim(iv, /*is_provenance=*/false);
        // A manifest reached along several paths has its own ingredients walked once
        // (c2pa-rs memoizes the walk, not the claim check).
        if (visited_.insert(ing_label).second) {
          ingredient_checks(iv, depth + 1, path);
        }
      } else {
        log(Kind::kFailure, "ingredient.manifest.missing", ing_label, "ingredient not found");
      }
    } else {
      std::string title = ing->text_of("dc:title");
      if (title.empty()) {
        title = ing->text_of("title");
      }
      if (title.empty()) {
        title = "no title";
      }
      log(Kind::kInformational, "ingredient.unknownProvenance", uri,
          title + ": ingredient does not have provenance");
    }
    ingredient_stack_.pop_back();
  }
  path.pop_back();
}

}  // namespace hallmark::c2pa
