// The checks of one claim (claim.rs verify_claim): signature, credential and timestamp, what it
// redacts, its parents, its assertion hashes, its hard binding and its CAWG identities; and the
// store-wide refusals c2pa-rs makes before it validates (undecodable and pre-release assertions).
#include "c2pa/validator.h"

#include <algorithm>
#include <utility>

#include "c2pa/cose.h"
#include "c2pa/labels.h"
#include "crypto/digest.h"
#include "crypto/signature.h"
#include "crypto/timestamp.h"

namespace hallmark::c2pa {

Validator::Validator(const Store& store, const AssetView& asset,
                     const crypto::TrustAnchors& anchors, int64_t now)
    : store_(store), asset_(asset), anchors_(anchors), now_(now) {
  for (const Manifest& m : store_.manifests) {
    // A label seen twice: the later manifest replaces the earlier (as c2pa-rs's claim map
    // does), and nothing of the earlier view, which points into its claim, is kept.
    ClaimView& v = views_[m.label];
    v = ClaimView{};
    v.m = &m;
    if (!m.claim_bytes.empty()) {
      Result<cbor::Item> c = cbor::parse(m.claim_bytes);
      if (c.ok() && c->is_map()) {
        v.claim = std::move(c).value();
        v.claim_ok = true;
      }
    }
    v.alg = v.claim.text_of("alg");
    if (v.alg.empty()) {
      v.alg = "sha256";
    }
    auto add_list = [&](const char* key) {
      const cbor::Item* list = v.claim.find(key);
      if (list == nullptr || !list->is_array()) {
        return;
      }
      for (const cbor::Item& h : list->items) {
        ClaimView::HashedUri hu;
        hu.url = h.text_of("url");
        if (const cbor::Item* hash = h.find("hash"); hash != nullptr && hash->is_bytes()) {
          hu.hash = as_bytes(hash->str);
        }
        hu.alg = h.text_of("alg");
        v.assertions.push_back(std::move(hu));
      }
    };
    if (m.claim_version >= 2) {
      add_list("created_assertions");
      v.created_count = v.assertions.size();
      add_list("gathered_assertions");
    } else {
      add_list("assertions");
    }
    if (const cbor::Item* r = v.claim.find("redacted_assertions"); r && r->is_array()) {
      for (const cbor::Item& u : r->items) {
        if (u.is_text()) {
          v.redacted.push_back(u.str);
          redactions_.push_back(u.str);
        }
      }
    }
  }
}

// True when an assertion was hashed the pre-1.0 way (over its data only): c2pa-rs refuses
// such stores with PrereleaseError.
bool Validator::is_prerelease() {
  for (auto& [label, v] : views_) {
    for (const auto& hu : v.assertions) {
      const jumbf::Box* box = resolve_uri(store_, *v.m, hu.url);
      if (box == nullptr || box->children.empty()) {
        continue;
      }
      const std::string alg = hu.alg.empty() ? v.alg : hu.alg;
      Result<Bytes> whole = crypto::digest(alg, box_hash_input(*box));
      if (whole.ok() && equal(*whole, hu.hash)) {
        continue;
      }
      Result<Bytes> data = crypto::digest(alg, box->children[0].payload);
      if (data.ok() && equal(*data, hu.hash)) {
        return true;
      }
    }
  }
  return false;
}

// c2pa-rs decodes every CBOR assertion when it reads a store and refuses the whole store
// (AssertionDecoding) when one cannot be decoded. Returns the offending label, or "".
std::string Validator::undecodable_assertion() {
  for (const Manifest& m : store_.manifests) {
    for (const AssertionRef& a : m.assertions) {
      const jumbf::Box* c = a.box->content("cbor");
      if (c == nullptr || c->payload.empty() ||
          std::all_of(c->payload.begin(), c->payload.end(),
                      [](std::byte b) { return b == std::byte{0}; })) {
        continue;
      }
      size_t used = 0;
      if (!cbor::parse_prefix(c->payload, &used).ok()) {
        return a.label;
      }
    }
  }
  return "";
}

void Validator::run() {
  const Manifest& active = store_.manifests.back();
  active_label_ = active.label;
  if (asset_.embedded && asset_.extracted != nullptr) {
    // nothing: manifest range is read by the data hash check
  }
  verify_claim(view(active.label), /*is_provenance=*/true);
  std::vector<std::string> path;
  ingredient_checks(view(active.label), 0, path);
}

bool Validator::equal(const Bytes& a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

void Validator::log(Kind kind, std::string code, std::string url, std::string explanation) {
  Entry e{kind, std::move(code), std::move(url), std::move(explanation), std::nullopt};
  if (!ingredient_stack_.empty()) {
    e.ingredient_uri = ingredient_stack_.back();
  }
  log_.push_back(std::move(e));
}

const cbor::Item* Validator::assertion_cbor(const AssertionRef& a) {
  auto it = parsed_.find(a.box);
  if (it != parsed_.end()) {
    return it->second.is_map() || it->second.is_array() ? &it->second : nullptr;
  }
  cbor::Item item;
  if (const jumbf::Box* c = a.box->content("cbor")) {
    Result<cbor::Item> r = cbor::parse(c->payload);
    if (r.ok()) {
      item = std::move(r).value();
    }
  }
  auto [pos, _] = parsed_.emplace(a.box, std::move(item));
  return pos->second.is_map() || pos->second.is_array() ? &pos->second : nullptr;
}

const AssertionRef* Validator::find_assertion(const ClaimView& v, std::string_view label) {
  for (const AssertionRef& a : v.m->assertions) {
    if (a.label == label) {
      return &a;
    }
  }
  return nullptr;
}

// Labels of the claim's referenced assertions, in claim order.
std::vector<std::string> Validator::referenced_labels(const ClaimView& v) {
  std::vector<std::string> out;
  for (const auto& hu : v.assertions) {
    out.push_back(last_component(hu.url));
  }
  return out;
}

void Validator::verify_signature(ClaimView& v, bool check_trust) {
  const Manifest& m = *v.m;
  const std::string sig_url = signature_uri(m.label);
  // The claim names its signature box: that of this very manifest (c2pa-rs verify_claim). A
  // manifest whose label was changed keeps a claim that names the old one.
  const std::string sig_ref = v.claim.text_of("signature");
  const std::optional<std::string> sig_manifest = rs_manifest_label_from_uri(sig_ref);
  if ((sig_manifest && *sig_manifest != m.label) ||
      rs_box_name_from_uri(sig_ref) != "c2pa.signature") {
    log(Kind::kFailure, "claimSignature.missing", sig_url, "signature missing");
  }
  if (m.claim_version > 1 && !label_conforms(m.label)) {
    log(Kind::kFailure, "claim.malformed", manifest_uri(m.label), "claim box label invalid");
  }
  if (m.signature_bytes.empty()) {
    log(Kind::kFailure, "claimSignature.missing", sig_url, "claim signature missing");
    return;
  }
  Result<cose::Sign1> sign1 = cose::parse_sign1(m.signature_bytes);
  if (!sign1.ok()) {
    log(Kind::kFailure, "claimSignature.mismatch", sig_url, sign1.status().message());
    return;
  }
  if (sign1->x5chain.empty()) {
    log(Kind::kFailure, "claimSignature.missing", sig_url, "no signing certificate chain");
    return;
  }
  signer_cert_[m.label] = Bytes(sign1->x5chain[0].begin(), sign1->x5chain[0].end());
  if (!sign1->alg || crypto::cose_alg_name(*sign1->alg).empty()) {
    log(Kind::kFailure, "algorithm.unsupported", sig_url, "unsupported signature algorithm");
    return;
  }
  alg_[m.label] = crypto::cose_alg_name(*sign1->alg);

  // Timestamp: validity of the signer is judged at the time it proves, else now.
  int64_t signing_time = now_;
  if (!sign1->timestamps.empty()) {
    const cose::TimeStampToken& tst = sign1->timestamps.front();
    // v1 stamps the claim; v2 stamps the signature, given as its CBOR byte string.
    Bytes sig_bstr;
    cbor::append_bytes(sig_bstr, sign1->signature);
    const ByteView payload = tst.version == 1 ? m.claim_bytes : ByteView(sig_bstr);
    const Bytes tbs = cose::countersign_structure(sign1->protected_bytes, payload);
    Result<crypto::TimeStamp> ts = crypto::parse_timestamp(tst.value, tbs);
    if (!ts.ok()) {
      log(Kind::kInformational, "timeStamp.malformed", sig_url, ts.status().message());
    } else if (!ts->imprint_matches || !ts->signature_valid) {
      log(Kind::kInformational, "timeStamp.mismatch", sig_url,
          "timestamp message digest did not match: " + ts->tsa_name);
    } else {
      log(Kind::kSuccess, "timeStamp.validated", sig_url,
          "timestamp message digest matched: " + ts->tsa_name);
      if (m.claim_version == 1) {
        log(Kind::kSuccess, "timeStamp.trusted", sig_url,
            "legacy timestamp cert trusted: " + ts->tsa_name);
      } else {
        std::vector<ByteView> chain;
        for (const Bytes& c : ts->tsa_chain) {
          chain.push_back(c);
        }
        if (anchors_.trusted(chain, ts->gen_time)) {
          log(Kind::kSuccess, "timeStamp.trusted", sig_url,
              "timestamp cert trusted: " + ts->tsa_name);
        } else {
          log(Kind::kInformational, "timeStamp.untrusted", sig_url,
              "timestamp cert untrusted: " + ts->tsa_name);
        }
      }
      signing_time = ts->gen_time;
      signing_time_[m.label] = ts->gen_time;
    }
  }

  const crypto::CertVerdict profile = crypto::check_signer_profile(sign1->x5chain[0], signing_time);
  if (check_trust) {
    // Trust and the profile are separate findings (c2pa-rs check_certificate_trust): a
    // chain that reaches an anchor with an accepted EKU is not untrusted, but a signer that
    // fails the profile is never reported trusted, whatever the anchors say.
    const bool reaches_anchor =
        crypto::has_trust_eku(sign1->x5chain[0]) && anchors_.trusted(sign1->x5chain, signing_time);
    if (!reaches_anchor) {
      log(Kind::kFailure, "signingCredential.untrusted", sig_url, "signing certificate untrusted");
    } else if (profile.code.empty()) {
      log(Kind::kSuccess, "signingCredential.trusted", sig_url,
          "signing certificate trusted, found in user trust anchors");
    }
  }
  if (!profile.code.empty()) {
    log(Kind::kFailure, profile.code, sig_url, profile.explanation);
  }
  log(Kind::kInformational, "signingCredential.ocsp.skipped", sig_url, "OCSP fetching skipped");
  // The signature is judged whatever the credential: an expired certificate must not hide a
  // signature that does not verify.
  const Bytes tbs = cose::sig_structure(sign1->protected_bytes, m.claim_bytes);
  const Status sig =
      crypto::verify_signature(*sign1->alg, sign1->x5chain[0], tbs, sign1->signature);
  if (!sig.ok()) {
    if (sig.code() == Code::kInvalidArgument) {
      // c2pa-rs names the COSE structure, not the signature box, here.
      log(Kind::kFailure, "signingCredential.invalid", "Cose_Sign1", sig.message());
    }
    log(Kind::kFailure, "claimSignature.mismatch", sig_url,
        "claim signature is not valid: " + sig.message());
    return;
  }
  if (profile.code == "signingCredential.expired") {
    return;  // Verified, but outside its validity: neither inside validity nor validated.
  }
  log(Kind::kSuccess, "claimSignature.insideValidity", sig_url, "claim signature valid");
  if (profile.code.empty()) {
    log(Kind::kSuccess, "claimSignature.validated", sig_url, "claim signature valid");
  }
}

// What a claim may redact: nothing of its own, no actions and no hard binding (claim.rs
// verify_internal); each finding names the redacted URI.
void Validator::verify_redactions(const ClaimView& v) {
  for (const std::string& r : v.redacted) {
    if (r.find(v.m->label) != std::string::npos) {
      log(Kind::kFailure, "assertion.selfRedacted", r, "claim contains self redaction");
    }
    if (r.find("c2pa.actions") != std::string::npos) {
      log(Kind::kFailure, "assertion.action.redacted", r,
          "redaction of action assertions disallowed");
    }
    if (r.find("c2pa.hash.") != std::string::npos) {
      log(Kind::kFailure, "assertion.dataHash.redacted", r,
          "redaction of disallowed hash assertion");
    }
  }
}

// At most one parentOf ingredient; an update manifest has exactly one, only the actions an
// update may take, and no second claim thumbnail (claim.rs verify_internal).
void Validator::verify_parents(const ClaimView& v) {
  static const std::set<std::string> kUpdateActions = {"c2pa.edited.metadata", "c2pa.opened",
                                                       "c2pa.published", "c2pa.redacted"};
  const std::string url = manifest_uri(v.m->label);
  int parents = 0, thumbnails = 0;
  for (const AssertionRef& a : v.m->assertions) {
    if (is_ingredient_label(a.label)) {
      const cbor::Item* ing = assertion_cbor(a);
      parents += ing != nullptr && ing->text_of("relationship") == "parentOf";
    }
    thumbnails += a.label.find("c2pa.thumbnail.claim") != std::string::npos;
    if (v.m->is_update &&
        (base_label(a.label) == "c2pa.actions" || base_label(a.label) == "c2pa.actions.v2")) {
      const cbor::Item* item = assertion_cbor(a);
      const cbor::Item* list = item ? item->find("actions") : nullptr;
      for (const cbor::Item& act :
           list && list->is_array() ? list->items : std::vector<cbor::Item>{}) {
        if (!kUpdateActions.count(act.text_of("action"))) {
          log(Kind::kFailure, "manifest.update.invalid", url,
              "update manifests contains disallowed actions assertion");
        }
      }
    }
  }
  if (!v.m->is_update) {
    if (parents > 1) {
      log(Kind::kFailure, "manifest.multipleParents", url, "too many ingredient parents");
    }
    return;
  }
  if (thumbnails > 1) {
    log(Kind::kFailure, "manifest.update.invalid", url,
        "update manifests cannot contain thumbnail assertions");
  }
  if (parents == 0) {
    log(Kind::kFailure, "manifest.update.wrongParents", url,
        "update manifest must have ingredient with parentOf relationship");
  } else if (parents > 1) {
    log(Kind::kFailure, "manifest.update.invalid", url,
        "update manifests can have one 1 ingredient ");
  }
}

void Validator::verify_assertion_hashes(ClaimView& v) {
  for (const auto& hu : v.assertions) {
    const std::string label = last_component(hu.url);
    const std::string abs = manifest_label_from_uri(hu.url).empty()
                                ? assertion_uri(v.m->label, label)
                                : hu.url;  // Already absolute: reported as written.
    const jumbf::Box* box = resolve_uri(store_, *v.m, hu.url);
    if (box == nullptr) {
      // An assertion a later claim redacted is gone by design.
      if (std::find(redactions_.begin(), redactions_.end(), abs) == redactions_.end()) {
        log(Kind::kFailure, "assertion.missing", abs, "assertion missing: " + hu.url);
      }
      continue;
    }
    const std::string alg = hu.alg.empty() ? v.alg : hu.alg;
    Result<Bytes> got = crypto::digest(alg, box_hash_input(*box));
    if (!got.ok()) {
      log(Kind::kFailure, "algorithm.unsupported", abs, got.status().message());
    } else if (equal(*got, hu.hash)) {
      log(Kind::kSuccess, "assertion.hashedURI.match", abs, "hashed uri matched: " + hu.url);
    } else {
      log(Kind::kFailure, "assertion.hashedURI.mismatch", abs,
          "hash does not match assertion data: " + hu.url);
    }
  }
}

// The claim whose hard binding covers the asset: the claim itself, or for an update
// manifest the parent it updates (followed until one has a binding).
const ClaimView* Validator::binding_claim(const ClaimView& v, int depth) {
  if (depth > kMaxIngredientDepth) {
    return nullptr;
  }
  for (const std::string& label : referenced_labels(v)) {
    if (is_hard_binding(label)) {
      return &v;
    }
  }
  if (!v.m->is_update) {
    return &v;
  }
  for (const std::string& label : referenced_labels(v)) {
    if (!is_ingredient_label(label)) {
      continue;
    }
    const AssertionRef* a = find_assertion(v, label);
    const cbor::Item* ing = a ? assertion_cbor(*a) : nullptr;
    if (ing == nullptr || ing->text_of("relationship") != "parentOf") {
      continue;
    }
    const cbor::Item* hu = ing->find("activeManifest");
    if (hu == nullptr) {
      hu = ing->find("c2pa_manifest");
    }
    const std::string parent = hu ? manifest_label_from_uri(hu->text_of("url")) : "";
    if (views_.count(parent)) {
      return binding_claim(views_.at(parent), depth + 1);
    }
  }
  return nullptr;
}

void Validator::verify_hard_binding(ClaimView& v) {
  const ClaimView* b = binding_claim(v);
  if (b == nullptr) {
    log(Kind::kFailure, "claim.hardBindings.missing", manifest_uri(v.m->label),
        "claim missing hard binding");
    return;
  }
  std::vector<std::string> bindings;
  for (const std::string& label : referenced_labels(*b)) {
    if (is_hard_binding(label)) {
      bindings.push_back(label);
    }
  }
  if (bindings.empty()) {
    if (!v.m->is_update) {
      log(Kind::kFailure, "claim.hardBindings.missing", manifest_uri(v.m->label),
          "claim missing hard binding");
    }
    return;
  }
  if (bindings.size() > 1) {
    log(Kind::kFailure, "assertion.multipleHardBindings", manifest_uri(b->m->label),
        "only one hard binding allowed");
    return;
  }
  const std::string& label = bindings[0];
  const std::string url = assertion_uri(b->m->label, label);
  const AssertionRef* a = find_assertion(*b, label);
  const cbor::Item* item = a ? assertion_cbor(*a) : nullptr;
  const std::string base = base_label(label);
  if (item == nullptr) {
    const std::string code = base == "c2pa.hash.data"    ? "assertion.dataHash.malformed"
                             : base == "c2pa.hash.boxes" ? "assertion.boxesHash.mismatch"
                                                         : "assertion.bmffHash.malformed";
    log(Kind::kFailure, code, url, "hard binding assertion cannot be read");
    return;
  }
  std::vector<BindingStatus> statuses;
  AssetView asset = asset_;
  asset.binding_from_update = b != &v;
  if (base == "c2pa.hash.data") {
    statuses = check_data_hash(*item, b->alg, asset);
  } else if (base == "c2pa.hash.boxes") {
    statuses = check_box_hash(*item, b->alg, asset);
  } else if (base == "c2pa.hash.collection.data") {
    statuses = {{BindingStatus::kFailure, "assertion.collectionHash.mismatch",
                 "collection hashes are not supported"}};
  } else {
    statuses = check_bmff_hash(*item, base, b->alg, asset);
  }
  for (BindingStatus& s : statuses) {
    log(s.kind == BindingStatus::kSuccess         ? Kind::kSuccess
        : s.kind == BindingStatus::kInformational ? Kind::kInformational
                                                  : Kind::kFailure,
        s.code, url, s.explanation);
  }
}

void Validator::verify_claim(ClaimView& v, bool is_provenance) {
  const Manifest& m = *v.m;
  if (!m.structure_error.empty() || m.claim_box == nullptr) {
    log(Kind::kFailure, "claim.missing", manifest_uri(m.label),
        m.structure_error.empty() ? "claim missing" : m.structure_error);
    return;
  }
  if (!v.claim_ok) {
    log(Kind::kFailure, "claim.cbor.invalid", manifest_uri(m.label) + "/" + m.claim_box->label,
        "claim cbor invalid");
    return;
  }
  verify_signature(v, /*check_trust=*/true);
  verify_redactions(v);
  verify_parents(v);
  verify_assertion_hashes(v);
  // Ingredients whose manifest is not in the store (claim.rs verify_internal).
  for (const std::string& label : referenced_labels(v)) {
    if (!is_ingredient_label(label)) {
      continue;
    }
    const AssertionRef* a = find_assertion(v, label);
    const cbor::Item* ing = a ? assertion_cbor(*a) : nullptr;
    if (ing == nullptr) {
      continue;
    }
    const cbor::Item* hu =
        ing->find(ingredient_version(label) >= 3 ? "activeManifest" : "c2pa_manifest");
    if (hu == nullptr) {
      hu = ing->find("c2pa_manifest");
    }
    if (hu == nullptr) {
      continue;
    }
    const std::string ing_label = manifest_label_from_uri(hu->text_of("url"));
    if (store_.find(ing_label) < 0) {
      log(Kind::kFailure, "ingredient.manifest.missing", ing_label, "ingredient manifest missing");
    }
  }
  verify_actions(v);
  verify_cawg(v);
  if (is_provenance) {
    verify_hard_binding(v);
  }
}

// CAWG identity assertions signed with X.509 (cawg.x509.cose): the signature is checked;
// hallmark has no CAWG trust list, so the credential is reported untrusted, as c2pa-rs does
// without one.
void Validator::verify_cawg(ClaimView& v) {
  for (const AssertionRef& a : v.m->assertions) {
    if (base_label(a.label) != "cawg.identity") {
      continue;
    }
    const std::string url = assertion_uri(v.m->label, a.label);
    const cbor::Item* item = assertion_cbor(a);
    const cbor::Item* payload = item ? item->find("signer_payload") : nullptr;
    const cbor::Item* sig = item ? item->find("signature") : nullptr;
    if (payload == nullptr || sig == nullptr || !sig->is_bytes() ||
        payload->text_of("sig_type") != "cawg.x509.cose") {
      continue;
    }
    log(Kind::kSuccess, "cawg.identity.well-formed", url, "CAWG X.509 identity signature valid");
    Result<cose::Sign1> s = cose::parse_sign1(as_bytes(sig->str));
    if (!s.ok() || s->x5chain.empty() || !s->alg) {
      log(Kind::kFailure, "cawg.x509.signature.invalid", url, "invalid COSE signature");
      continue;
    }
    const Bytes tbs = cose::sig_structure(s->protected_bytes, payload->raw);
    if (!crypto::verify_signature(*s->alg, s->x5chain[0], tbs, s->signature).ok()) {
      log(Kind::kFailure, "cawg.x509.signature.invalid", url, "signature does not match");
      continue;
    }
    log(Kind::kSuccess, "cawg.x509.signature.validated", url,
        "X.509 identity assertion signature validated");
    log(Kind::kFailure, "cawg.x509.credential.untrusted", url,
        "X.509 identity credential untrusted");
  }
}

}  // namespace hallmark::c2pa
