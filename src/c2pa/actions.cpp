// The action rules of C2PA 2.x as c2pa-rs applies them (claim.rs verify_actions).
#include <algorithm>
#include <utility>

#include "c2pa/labels.h"
#include "c2pa/validator.h"

namespace hallmark::c2pa {

// Relationship of this claim's ingredient assertion named by the hashed URI `ref`, or "".
std::string Validator::referenced_relationship(const ClaimView& v, const cbor::Item& ref) {
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
std::optional<bool> Validator::names_ingredient(const ClaimView& v, const cbor::Item& params,
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
void Validator::verify_actions(ClaimView& v) {
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
        malformed("c2pa.translated action must have sourceLanguage and targetLanguage parameters");
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
void Validator::redaction_action(const cbor::Item* params, const std::string& url) {
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
      !assertion.empty() &&
      std::any_of(tv.assertions.begin(), tv.assertions.end(), [&](const ClaimView::HashedUri& hu) {
        return hu.url.find(assertion) != std::string::npos;
      });
  if (!listed) {
    log(Kind::kFailure, "assertion.notRedacted", url, "The assertion was not redacted");
  }
}

}  // namespace hallmark::c2pa
