// Validation of a C2PA manifest store as c2pa-rs does it (sdk/src/store.rs verify_store,
// claim.rs verify_claim, validation_results.rs from_store): the active manifest's signature,
// credential, timestamp, assertions and hard binding, then every ingredient's manifest,
// recursively, with the statuses of ingredients reported as deltas against what the
// ingredient assertions recorded.
#include <algorithm>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "c2pa/bindings.h"
#include "c2pa/cbor.h"
#include "c2pa/cose.h"
#include "c2pa/extract.h"
#include "c2pa/store.h"
#include "crypto/digest.h"
#include "crypto/signature.h"
#include "crypto/timestamp.h"
#include "crypto/x509.h"
#include "hallmark/c2pa.h"

namespace hallmark {

bool C2paReport::has_failure() const {
  if (!active.failure.empty()) {
    return true;
  }
  return std::any_of(ingredient_deltas.begin(), ingredient_deltas.end(),
                     [](const C2paIngredientDelta& d) { return !d.deltas.failure.empty(); });
}

namespace c2pa {
namespace {

constexpr int kMaxIngredientDepth = 200;

enum class Kind { kSuccess, kInformational, kFailure };

struct Entry {
  Kind kind;
  std::string code, url, explanation;
  std::optional<std::string> ingredient_uri;
};

const std::set<std::string>& success_codes() {
  static const std::set<std::string> codes = {"claimSignature.validated",
                                              "claimSignature.insideValidity",
                                              "signingCredential.trusted",
                                              "signingCredential.ocsp.notRevoked",
                                              "timeStamp.validated",
                                              "timeStamp.trusted",
                                              "assertion.hashedURI.match",
                                              "assertion.dataHash.match",
                                              "assertion.bmffHash.match",
                                              "assertion.boxesHash.match",
                                              "assertion.collectionHash.match",
                                              "assertion.accessible",
                                              "ingredient.manifest.validated",
                                              "ingredient.claimSignature.validated"};
  return codes;
}
const std::set<std::string>& informational_codes() {
  static const std::set<std::string> codes = {"signingCredential.ocsp.skipped",
                                              "signingCredential.ocsp.inaccessible",
                                              "timeStamp.mismatch",
                                              "timeStamp.malformed",
                                              "timeStamp.outsideValidity",
                                              "timeStamp.untrusted",
                                              "manifest.unknownProvenance",
                                              "manifest.unreferenced",
                                              "algorithm.deprecated",
                                              "timeOfSigning.insideValidity",
                                              "ingredient.unknownProvenance",
                                              "assertion.dataHash.additionalExclusionsPresent",
                                              "assertion.bmffHash.additionalExclusionsPresent"};
  return codes;
}
Kind kind_of_code(const std::string& code) {
  if (success_codes().count(code)) {
    return Kind::kSuccess;
  }
  if (informational_codes().count(code)) {
    return Kind::kInformational;
  }
  return Kind::kFailure;
}

bool is_trust_failure(const std::string& code) {
  return code == "signingCredential.untrusted" || code == "cawg.x509.credential.untrusted";
}

std::string base_label(std::string_view label) {
  const size_t at = label.rfind("__");
  if (at != std::string_view::npos && at + 2 < label.size() &&
      std::all_of(label.begin() + at + 2, label.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(label.substr(0, at));
  }
  return std::string(label);
}

bool is_ingredient_label(std::string_view label) {
  const std::string b = base_label(label);
  return b == "c2pa.ingredient" || b == "c2pa.ingredient.v2" || b == "c2pa.ingredient.v3";
}
int ingredient_version(std::string_view label) {
  const std::string b = base_label(label);
  return b == "c2pa.ingredient.v3" ? 3 : b == "c2pa.ingredient.v2" ? 2 : 1;
}
bool is_hard_binding(std::string_view label) {
  const std::string b = base_label(label);
  return b == "c2pa.hash.data" || b == "c2pa.hash.bmff" || b == "c2pa.hash.bmff.v2" ||
         b == "c2pa.hash.bmff.v3" || b == "c2pa.hash.boxes" || b == "c2pa.hash.collection.data";
}

std::string strip_self(std::string_view uri) {
  constexpr std::string_view kSelf = "self#jumbf=";
  if (uri.substr(0, kSelf.size()) == kSelf) {
    uri.remove_prefix(kSelf.size());
  }
  return std::string(uri);
}

// c2pa-rs's to_absolute_uri: a relative JUMBF URI made absolute within a manifest.
std::string to_absolute(std::string_view manifest_label, std::string_view uri) {
  std::string path = strip_self(uri);
  if (path.rfind("/c2pa/", 0) == 0) {
    return "self#jumbf=" + path;
  }
  while (!path.empty() && path[0] == '/') {
    path.erase(0, 1);
  }
  return "self#jumbf=/c2pa/" + std::string(manifest_label) + "/" + path;
}

// The label the last path component of a URI names ("c2pa.assertions/c2pa.hash.data" ->
// "c2pa.hash.data").
std::string last_component(std::string_view uri) {
  const std::string path = strip_self(uri);
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string format_time(int64_t t) {
  const time_t tt = static_cast<time_t>(t);
  struct tm tm;
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// c2pa-rs's to_normalized_uri: the part after '=' (the first one, up to the next), with a
// leading '/' added to "c2pa/...".
std::string rs_normalized_uri(std::string_view uri) {
  std::string_view out = uri;
  if (const size_t eq = uri.find('='); eq != std::string_view::npos) {
    out = uri.substr(eq + 1);
    out = out.substr(0, out.find('='));
  }
  if (out.substr(0, 5) == "c2pa/") {
    return "/" + std::string(out);
  }
  return std::string(out);
}

std::vector<std::string_view> split_all(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    parts.push_back(
        s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) {
      return parts;
    }
    start = at + 1;
  }
}

// c2pa-rs's manifest_label_from_uri: "/c2pa/<label>/..." names <label>.
std::optional<std::string> rs_manifest_label_from_uri(std::string_view uri) {
  const std::string raw = rs_normalized_uri(uri);
  const std::vector<std::string_view> parts = split_all(raw, '/');
  if (parts.size() > 2 && parts[1] == "c2pa") {
    return std::string(parts[2]);
  }
  return std::nullopt;
}

// c2pa-rs's box_name_from_uri: the last path component.
std::string rs_box_name_from_uri(std::string_view uri) {
  const std::string raw = rs_normalized_uri(uri);
  return std::string(split_all(raw, '/').back());
}

// A decimal as Rust's usize::from_str reads it on the wasm32 reference (optional '+', digits,
// at most 2^32 - 1).
bool rs_parses_usize(std::string_view s) {
  if (!s.empty() && s[0] == '+') {
    s.remove_prefix(1);
  }
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  uint64_t v = 0;
  for (char c : s) {
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (v > UINT32_MAX) {
      return false;
    }
  }
  return true;
}

// Whether c2pa-rs's manifest_label_to_parts accepts a manifest label, which a 2.x claim's
// label must pass: "urn:c2pa:<guid>[:<vendor>[:<version>[_<reason>]]]" (a vendor of at most 32
// ASCII characters and one word, numbers where numbers go), or the 1.x forms "urn:uuid:<guid>"
// and "<vendor>:urn:uuid:<guid>". The guid itself is not checked (c2pa-rs does not either).
bool label_conforms(std::string_view label) {
  const std::optional<std::string> inner = rs_manifest_label_from_uri(label);
  const std::string manifest = inner ? *inner : std::string(label);
  const std::vector<std::string_view> parts = split_all(manifest, ':');
  if (parts.size() < 3) {
    return false;
  }
  if (parts[0] == "urn") {
    const bool v1 = parts[1] == "uuid";
    if (v1) {
      return true;
    }
    if (parts[1] != "c2pa" || parts.size() > 5) {
      return false;
    }
    if (parts.size() > 3 && !parts[3].empty()) {
      const std::string_view vendor = parts[3];
      const bool ascii = std::all_of(vendor.begin(), vendor.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      // Rust's split_whitespace().count() == 1: one run of non-space characters.
      auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
      const auto first = std::find_if_not(vendor.begin(), vendor.end(), space);
      const auto gap = std::find_if(first, vendor.end(), space);
      const bool one_word =
          first != vendor.end() && std::find_if_not(gap, vendor.end(), space) == vendor.end();
      if (vendor.size() > 32 || !one_word || !ascii) {
        return false;
      }
    }
    if (parts.size() > 4 && !parts[4].empty()) {
      const std::vector<std::string_view> version = split_all(parts[4], '_');
      if (!rs_parses_usize(version[0]) || (version.size() > 1 && !rs_parses_usize(version[1]))) {
        return false;
      }
    }
    return true;
  }
  return parts[1] == "urn" && parts[2] == "uuid" && parts.size() == 4;
}

struct ClaimView {
  const Manifest* m = nullptr;
  cbor::Item claim;
  bool claim_ok = false;
  std::string alg;  // Claim hash algorithm.
  struct HashedUri {
    std::string url;
    ByteView hash;
    std::string alg;
  };
  std::vector<HashedUri> assertions;  // created + gathered (v2) or assertions (v1).
  size_t created_count = 0;           // How many of `assertions` are created (v2).
  std::vector<std::string> redacted;
};

class Validator {
 public:
  Validator(const Store& store, const AssetView& asset, const crypto::TrustAnchors& anchors,
            int64_t now)
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
  bool is_prerelease() {
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
  std::string undecodable_assertion() {
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

  void run() {
    const Manifest& active = store_.manifests.back();
    active_label_ = active.label;
    if (asset_.embedded && asset_.extracted != nullptr) {
      // nothing: manifest range is read by the data hash check
    }
    verify_claim(view(active.label), /*is_provenance=*/true);
    std::vector<std::string> path;
    ingredient_checks(view(active.label), 0, path);
  }

  void fill(C2paReport& report) {
    report.active_manifest = active_label_;
    // Statuses already recorded in some ingredient assertion are not deltas (c2pa-rs
    // ValidationResults::from_store); equality is code + URL + kind.
    struct Key {
      std::string code, url;
      Kind kind;
      bool operator<(const Key& o) const {
        return std::tie(code, url, kind) < std::tie(o.code, o.url, o.kind);
      }
    };
    std::set<Key> recorded;
    const bool any_foreign = std::any_of(
        log_.begin(), log_.end(), [&](const Entry& e) { return e.ingredient_uri.has_value(); });
    if (any_foreign) {
      for (auto& [label, v] : views_) {
        for (const AssertionRef& a : v.m->assertions) {
          if (!is_ingredient_label(a.label)) {
            continue;
          }
          const cbor::Item* ing = assertion_cbor(a);
          if (ing == nullptr) {
            continue;
          }
          std::string ing_label;
          for (const char* key : {"activeManifest", "c2pa_manifest"}) {
            if (const cbor::Item* hu = ing->find(key); hu && ing_label.empty()) {
              ing_label = manifest_label_from_uri(hu->text_of("url"));
            }
          }
          auto add = [&](const cbor::Item& st, std::optional<Kind> kind) {
            Key k{st.text_of("code"), st.text_of("url"), Kind::kFailure};
            k.kind = kind ? *kind : kind_of_code(k.code);
            if (!ing_label.empty() && k.url.rfind("self#jumbf", 0) == 0) {
              k.url = to_absolute(ing_label, k.url);
            }
            recorded.insert(k);
          };
          if (const cbor::Item* vr = ing->find("validationResults"); vr && vr->is_map()) {
            auto add_codes = [&](const cbor::Item* codes) {
              if (codes == nullptr) {
                return;
              }
              const std::pair<const char*, Kind> lists[] = {{"success", Kind::kSuccess},
                                                            {"informational", Kind::kInformational},
                                                            {"failure", Kind::kFailure}};
              for (const auto& [name, kind] : lists) {
                if (const cbor::Item* l = codes->find(name); l && l->is_array()) {
                  for (const cbor::Item& st : l->items) {
                    add(st, kind);
                  }
                }
              }
            };
            add_codes(vr->find("activeManifest"));
            if (const cbor::Item* deltas = vr->find("ingredientDeltas");
                deltas && deltas->is_array()) {
              for (const cbor::Item& d : deltas->items) {
                add_codes(d.find("validationDeltas"));
              }
            }
          } else if (const cbor::Item* vs = ing->find("validationStatus"); vs && vs->is_array()) {
            for (const cbor::Item& st : vs->items) {
              add(st, std::nullopt);
            }
          }
        }
      }
    }
    for (const Entry& e : log_) {
      if (e.ingredient_uri && recorded.count(Key{e.code, e.url, e.kind})) {
        continue;
      }
      C2paStatusCodes* codes = &report.active;
      if (e.ingredient_uri) {
        auto it = std::find_if(report.ingredient_deltas.begin(), report.ingredient_deltas.end(),
                               [&](const C2paIngredientDelta& d) {
                                 return d.ingredient_assertion_uri == *e.ingredient_uri;
                               });
        if (it == report.ingredient_deltas.end()) {
          report.ingredient_deltas.push_back({*e.ingredient_uri, {}});
          it = report.ingredient_deltas.end() - 1;
        }
        codes = &it->deltas;
      }
      C2paStatus st{e.code, e.url, e.explanation};
      (e.kind == Kind::kSuccess         ? codes->success
       : e.kind == Kind::kInformational ? codes->informational
                                        : codes->failure)
          .push_back(std::move(st));
    }
    // validation_state: any failure other than an untrusted credential makes it Invalid;
    // Trusted needs a trusted signer in the active manifest and no untrusted one anywhere.
    bool invalid = false;
    bool untrusted = false;
    auto scan = [&](const C2paStatusCodes& c) {
      for (const C2paStatus& s : c.failure) {
        if (is_trust_failure(s.code)) {
          untrusted = true;
        } else {
          invalid = true;
        }
      }
    };
    scan(report.active);
    for (const C2paIngredientDelta& d : report.ingredient_deltas) {
      scan(d.deltas);
    }
    const bool trusted =
        std::any_of(report.active.success.begin(), report.active.success.end(),
                    [](const C2paStatus& s) { return s.code == "signingCredential.trusted"; });
    report.validation_state = invalid ? "Invalid" : trusted && !untrusted ? "Trusted" : "Valid";
    // Summaries: active first, then the rest in store order.
    report.manifests.push_back(summarize(view(active_label_)));
    for (const Manifest& m : store_.manifests) {
      if (m.label != active_label_) {
        report.manifests.push_back(summarize(view(m.label)));
      }
    }
  }

 private:
  static bool equal(const Bytes& a, ByteView b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

  // The bytes a hashed URI covers: the superbox without its own header.
  static ByteView box_hash_input(const jumbf::Box& box) { return box.payload; }

  ClaimView& view(const std::string& label) { return views_.at(label); }

  void log(Kind kind, std::string code, std::string url, std::string explanation) {
    Entry e{kind, std::move(code), std::move(url), std::move(explanation), std::nullopt};
    if (!ingredient_stack_.empty()) {
      e.ingredient_uri = ingredient_stack_.back();
    }
    log_.push_back(std::move(e));
  }

  const cbor::Item* assertion_cbor(const AssertionRef& a) {
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

  const AssertionRef* find_assertion(const ClaimView& v, std::string_view label) {
    for (const AssertionRef& a : v.m->assertions) {
      if (a.label == label) {
        return &a;
      }
    }
    return nullptr;
  }

  // Labels of the claim's referenced assertions, in claim order.
  std::vector<std::string> referenced_labels(const ClaimView& v) {
    std::vector<std::string> out;
    for (const auto& hu : v.assertions) {
      out.push_back(last_component(hu.url));
    }
    return out;
  }

  void verify_signature(ClaimView& v, bool check_trust) {
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

    const crypto::CertVerdict profile =
        crypto::check_signer_profile(sign1->x5chain[0], signing_time);
    if (check_trust) {
      // Trust and the profile are separate findings (c2pa-rs check_certificate_trust): a
      // chain that reaches an anchor with an accepted EKU is not untrusted, but a signer that
      // fails the profile is never reported trusted, whatever the anchors say.
      const bool reaches_anchor = crypto::has_trust_eku(sign1->x5chain[0]) &&
                                  anchors_.trusted(sign1->x5chain, signing_time);
      if (!reaches_anchor) {
        log(Kind::kFailure, "signingCredential.untrusted", sig_url,
            "signing certificate untrusted");
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
  void verify_redactions(const ClaimView& v) {
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
  void verify_parents(const ClaimView& v) {
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

  void verify_assertion_hashes(ClaimView& v) {
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
  const ClaimView* binding_claim(const ClaimView& v, int depth = 0) {
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

  void verify_hard_binding(ClaimView& v) {
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

  void verify_claim(ClaimView& v, bool is_provenance) {
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
        log(Kind::kFailure, "ingredient.manifest.missing", ing_label,
            "ingredient manifest missing");
      }
    }
    verify_actions(v);
    verify_cawg(v);
    if (is_provenance) {
      verify_hard_binding(v);
    }
  }

  // Relationship of this claim's ingredient assertion named by the hashed URI `ref`, or "".
  std::string referenced_relationship(const ClaimView& v, const cbor::Item& ref) {
    const std::string target = last_component(ref.text_of("url"));
    if (target.empty() || !is_ingredient_label(target)) {
      return "";
    }
    const AssertionRef* a = find_assertion(v, target);
    const cbor::Item* ing = a ? assertion_cbor(*a) : nullptr;
    return ing ? ing->text_of("relationship") : "";
  }

  // Whether the action's ingredient (or any of its ingredients) is one of this claim's
  // ingredients with `relationship`; nullopt when the action names none.
  std::optional<bool> names_ingredient(const ClaimView& v, const cbor::Item& params,
                                       std::string_view relationship) {
    if (const cbor::Item* one = params.find("ingredient")) {
      return referenced_relationship(v, *one) == relationship;
    }
    if (const cbor::Item* list = params.find("ingredients"); list && list->is_array()) {
      return std::any_of(list->items.begin(), list->items.end(), [&](const cbor::Item& h) {
        return referenced_relationship(v, h) == relationship;
      });
    }
    return std::nullopt;
  }

  // The actions rules of C2PA 2.x as c2pa-rs 0.92 applies them (claim.rs verify_actions): the
  // first actions assertion opens with c2pa.created or c2pa.opened, and nothing else opens;
  // opened, placed and removed name their parentOf / componentOf ingredients, transcoded and
  // repackaged a parentOf one if any; c2pa.created names its digitalSourceType, c2pa.translated
  // its languages; relatedAssertions resolve here and are neither actions nor ingredients;
  // c2pa.redacted names an assertion its manifest listed; a watermark comes with a soft
  // binding. Icons are not checked.
  void verify_actions(ClaimView& v) {
    struct ActionsRef {
      std::string label;
      const cbor::Item* list;  // The "actions" array, or nullptr.
      bool created;            // Listed in created_assertions.
    };
    std::vector<ActionsRef> all;
    bool soft_binding = false;
    std::set<std::string> listed;  // Labels of the assertions this claim lists.
    for (size_t i = 0; i < v.assertions.size(); ++i) {
      const std::string label = last_component(v.assertions[i].url);
      listed.insert(label);
      const std::string b = base_label(label);
      soft_binding |= b == "c2pa.soft-binding";
      if (b != "c2pa.actions.v2" && b != "c2pa.actions") {
        continue;
      }
      const AssertionRef* a = find_assertion(v, label);
      const cbor::Item* item = a ? assertion_cbor(*a) : nullptr;
      const cbor::Item* list = item ? item->find("actions") : nullptr;
      all.push_back({label, list && list->is_array() ? list : nullptr, i < v.created_count});
    }
    const std::string claim_label = v.m->label;
    if (v.m->claim_version < 2) {
      if (all.size() > 1) {
        log(Kind::kFailure, "assertion.action.malformed", claim_label,
            "only one action assertion allowed for v1 claims");
      }
      return;
    }
    for (const ActionsRef& a : all) {
      if (a.list != nullptr && a.list->items.empty()) {
        log(Kind::kFailure, "assertion.action.malformed", assertion_uri(claim_label, a.label),
            "Actions missing action array");
        return;  // c2pa-rs stops here.
      }
    }
    auto opens = [](const cbor::Item& act) {
      const std::string name = act.text_of("action");
      return name == "c2pa.opened" || name == "c2pa.created";
    };
    const ActionsRef* first = nullptr;
    for (bool created : {true, false}) {
      for (const ActionsRef& a : all) {
        if (a.created == created) {
          if (a.list != nullptr && !a.list->items.empty() && opens(a.list->items[0])) {
            first = &a;
          }
          break;
        }
      }
    }
    if (first == nullptr && !v.m->is_update) {
      log(Kind::kFailure, "assertion.action.malformed", claim_label,
          "first action must be created or opened");
      return;  // Refused at the opening: c2pa-rs reads no further.
    }
    size_t openings = 0;
    for (const ActionsRef& a : all) {
      for (const cbor::Item& act : a.list ? a.list->items : std::vector<cbor::Item>{}) {
        openings += opens(act);
      }
    }
    if (openings > 1) {
      log(Kind::kFailure, "assertion.action.malformed", claim_label,
          "cannot have more than one c2pa.created or c2pa.opened action");
    }
    for (size_t index = 0; index < all.size(); ++index) {
      const ActionsRef& a = all[index];
      if (a.list == nullptr) {
        continue;
      }
      const std::string url = assertion_uri(claim_label, a.label);
      auto malformed = [&](std::string why) {
        log(Kind::kFailure, "assertion.action.malformed", url, std::move(why));
      };
      auto mismatch = [&](std::string why) {
        log(Kind::kFailure, "assertion.action.ingredientMismatch", url, std::move(why));
      };
      for (size_t i = 0; i < a.list->items.size(); ++i) {
        const cbor::Item& act = a.list->items[i];
        const std::string name = act.text_of("action");
        const std::string which = "action[" + std::to_string(i) + "] ('" + name + "')";
        if (name.empty()) {
          malformed("action must have an action.");
        }
        if (first != nullptr && first != &a && opens(act)) {
          malformed("only first action can be created or opened");
        }
        if ((index != 0 || i != 0) && opens(act)) {
          malformed("created or opened must be first action");
        }
        if (name == "c2pa.created" && act.text_of("digitalSourceType").empty()) {
          malformed("c2pa.created action must have a digitalSourceType");
        }
        const cbor::Item* params = act.find("parameters");
        if (params != nullptr && !params->is_map()) {
          params = nullptr;
        }
        if (name == "c2pa.opened" || name == "c2pa.placed" || name == "c2pa.removed") {
          if (params == nullptr ||
              (params->find("ingredients") == nullptr && params->find("ingredient") == nullptr)) {
            mismatch("opened, placed and removed items must have ingredient(s) parameters");
            continue;
          }
          if (const cbor::Item* list = params->find("ingredients");
              params->find("ingredient") == nullptr &&
              (list == nullptr || !list->is_array() || list->items.empty())) {
            mismatch(
                "opened, placed and removed items must have ingredients parameter must be non "
                "empty array");
          }
          const std::string relationship = name == "c2pa.opened" ? "parentOf" : "componentOf";
          if (names_ingredient(v, *params, relationship) != true) {
            mismatch(which + " must have valid ingredient with " + relationship + " relationship");
          }
        }
        if ((name == "c2pa.transcoded" || name == "c2pa.repackaged") && params != nullptr &&
            names_ingredient(v, *params, "parentOf") == false) {
          mismatch(which + " must have valid ingredient with parentOf relationship");
        }
        if (name == "c2pa.translated" &&
            (params == nullptr || params->text_of("sourceLanguage").empty() ||
             params->text_of("targetLanguage").empty())) {
          malformed(
              "c2pa.translated action must have sourceLanguage and targetLanguage parameters");
        }
        if (const cbor::Item* related = params ? params->find("relatedAssertions") : nullptr) {
          if (!related->is_array() || related->items.empty()) {
            malformed("relatedAssertions must contain at least one entry");
          }
          for (const cbor::Item& ref :
               related->is_array() ? related->items : std::vector<cbor::Item>{}) {
            const std::string target = ref.text_of("url");
            const std::string label = last_component(target);
            const std::string elsewhere = manifest_label_from_uri(target);
            if (target.empty() || (!elsewhere.empty() && elsewhere != claim_label) ||
                !listed.count(label)) {
              log(Kind::kFailure, "assertion.action.malformed", target.empty() ? url : target,
                  "relatedAssertions reference could not be resolved within the current "
                  "manifest: " +
                      target);
            }
            const std::string b = base_label(label);
            if (b.rfind("c2pa.actions", 0) == 0 || b.rfind("c2pa.ingredient", 0) == 0) {
              log(Kind::kFailure, "assertion.action.malformed", target,
                  "relatedAssertions must not reference an actions or ingredient assertion: " +
                      target);
            }
          }
        }
        if (name == "c2pa.redacted" && act.find("parameters") != nullptr) {
          redaction_action(params, url);
        }
        if ((name == "c2pa.watermarked" || name == "c2pa.watermarked.bound") && !soft_binding) {
          log(Kind::kFailure, "assertion.action.softBindingMissing", url,
              "watermark action missing soft binding assertion");
        }
      }
    }
  }

  // A c2pa.redacted action's reference must name an assertion that the named manifest's
  // claim listed (c2pa-rs rule 2.d).
  void redaction_action(const cbor::Item* params, const std::string& url) {
    const std::string uri = params ? params->text_of("redacted") : "";
    const std::string target = manifest_label_from_uri(uri);
    if (uri.empty() || !views_.count(target)) {
      log(Kind::kFailure, "assertion.action.redactionMismatch", url,
          "redaction uri must be a valid reference");
      return;
    }
    constexpr std::string_view kStore = "/c2pa.assertions/";
    const size_t at = uri.find(kStore);
    const std::string assertion = at == std::string::npos ? "" : uri.substr(at + kStore.size());
    const ClaimView& tv = views_.at(target);
    const bool listed =
        !assertion.empty() && std::any_of(tv.assertions.begin(), tv.assertions.end(),
                                          [&](const ClaimView::HashedUri& hu) {
                                            return hu.url.find(assertion) != std::string::npos;
                                          });
    if (!listed) {
      log(Kind::kFailure, "assertion.notRedacted", url, "The assertion was not redacted");
    }
  }

  // CAWG identity assertions signed with X.509 (cawg.x509.cose): the signature is checked;
  // hallmark has no CAWG trust list, so the credential is reported untrusted, as c2pa-rs does
  // without one.
  void verify_cawg(ClaimView& v) {
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

  Bytes manifest_box_hash(const ClaimView& v, std::string_view alg) {
    Result<Bytes> h = crypto::digest(alg, v.m->box->payload);
    return h.ok() ? std::move(h).value() : Bytes{};
  }

  Bytes signature_box_hash(const ClaimView& v, std::string_view alg) {
    if (v.m->signature_box == nullptr) {
      return {};
    }
    Result<Bytes> h = crypto::digest(alg, v.m->signature_box->payload);
    return h.ok() ? std::move(h).value() : Bytes{};
  }

  void ingredient_checks(ClaimView& v, int depth, std::vector<std::string>& path) {
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
            log(Kind::kFailure, "ingredient.manifest.mismatch", hu_url,
                "ingredient hash incorrect");
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

  C2paManifestSummary summarize(ClaimView& v) {
    C2paManifestSummary s;
    s.label = v.m->label;
    s.claim_version = v.m->claim_version;
    s.title = v.claim.text_of("dc:title");
    s.claim_generator = v.claim.text_of("claim_generator");
    if (const cbor::Item* info = v.claim.find("claim_generator_info")) {
      const cbor::Item* first = info->is_array() && !info->items.empty() ? &info->items[0] : info;
      if (s.claim_generator.empty()) {
        s.claim_generator = first->text_of("name");
        if (!first->text_of("version").empty()) {
          s.claim_generator += "/" + first->text_of("version");
        }
      }
    }
    if (auto it = signer_cert_.find(v.m->label); it != signer_cert_.end()) {
      if (Result<crypto::CertSummary> c = crypto::summarize(it->second); c.ok()) {
        s.signer = c->subject_cn.empty() ? c->subject_o : c->subject_cn;
        s.signer_org = c->subject_o;
        s.issuer = c->issuer_cn.empty() ? c->issuer_o : c->issuer_cn;
      }
    }
    if (auto it = alg_.find(v.m->label); it != alg_.end()) {
      s.alg = it->second;
    }
    if (auto it = signing_time_.find(v.m->label); it != signing_time_.end()) {
      s.signing_time = format_time(it->second);
    }
    for (const AssertionRef& a : v.m->assertions) {
      const std::string base = base_label(a.label);
      if (base == "c2pa.actions" || base == "c2pa.actions.v2") {
        const cbor::Item* item = assertion_cbor(a);
        const cbor::Item* list = item ? item->find("actions") : nullptr;
        if (list == nullptr || !list->is_array()) {
          continue;
        }
        for (const cbor::Item& act : list->items) {
          C2paAction out;
          out.action = act.text_of("action");
          out.digital_source_type = act.text_of("digitalSourceType");
          out.when = act.text_of("when");
          if (const cbor::Item* agent = act.find("softwareAgent")) {
            out.software_agent = agent->is_text() ? agent->str : agent->text_of("name");
          }
          if (out.digital_source_type.empty()) {
            if (const cbor::Item* p = act.find("parameters")) {
              out.digital_source_type = p->text_of("digitalSourceType");
            }
          }
          s.actions.push_back(std::move(out));
        }
      } else if (is_ingredient_label(a.label)) {
        const cbor::Item* ing = assertion_cbor(a);
        if (ing == nullptr || !ing->is_map()) {
          continue;
        }
        C2paIngredient out;
        out.title = ing->text_of("dc:title");
        if (out.title.empty()) {
          out.title = ing->text_of("title");
        }
        out.relationship = ing->text_of("relationship");
        for (const char* key : {"activeManifest", "c2pa_manifest"}) {
          if (const cbor::Item* hu = ing->find(key); hu && out.manifest_label.empty()) {
            out.manifest_label = manifest_label_from_uri(hu->text_of("url"));
          }
        }
        if (const cbor::Item* vs = ing->find("validationStatus"); vs && vs->is_array()) {
          for (const cbor::Item& st : vs->items) {
            if (kind_of_code(st.text_of("code")) == Kind::kFailure) {
              out.validation_codes.push_back(st.text_of("code"));
            }
          }
        }
        if (const cbor::Item* vr = ing->find("validationResults")) {
          if (const cbor::Item* am = vr->find("activeManifest")) {
            if (const cbor::Item* f = am->find("failure"); f && f->is_array()) {
              for (const cbor::Item& st : f->items) {
                out.validation_codes.push_back(st.text_of("code"));
              }
            }
          }
        }
        s.ingredients.push_back(std::move(out));
      }
    }
    for (const C2paAction& a : s.actions) {
      const std::string& t = a.digital_source_type;
      for (const char* ai : {"/trainedAlgorithmicMedia", "/compositeWithTrainedAlgorithmicMedia",
                             "/algorithmicMedia"}) {
        if (t.size() >= std::strlen(ai) &&
            t.compare(t.size() - std::strlen(ai), std::string::npos, ai) == 0) {
          s.ai_generated = true;
        }
      }
    }
    return s;
  }

  const Store& store_;
  const AssetView& asset_;
  const crypto::TrustAnchors& anchors_;
  int64_t now_;
  std::map<std::string, ClaimView> views_;
  std::vector<std::string> redactions_;  // Every claim's redacted_assertions URIs.
  std::map<const jumbf::Box*, cbor::Item> parsed_;
  std::map<std::string, Bytes> signer_cert_;
  std::map<std::string, std::string> alg_;
  std::map<std::string, int64_t> signing_time_;
  std::vector<Entry> log_;
  std::vector<std::string> ingredient_stack_;
  std::set<std::string> visited_;
  std::string active_label_;
};

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
