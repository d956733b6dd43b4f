// The report (validation_results.rs from_store): statuses split into the active manifest's and
// the ingredient deltas, validation_state, and one summary per manifest.
#include <algorithm>
#include <cstring>
#include <ctime>
#include <tuple>

#include "c2pa/labels.h"
#include "c2pa/validator.h"

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

std::string format_time(int64_t t) {
  const time_t tt = static_cast<time_t>(t);
  struct tm tm;
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void Validator::fill(C2paReport& report) {
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

C2paManifestSummary Validator::summarize(ClaimView& v) {
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

}  // namespace c2pa
}  // namespace hallmark
