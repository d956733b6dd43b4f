// The C2PA part of what verification shows: c2pa-rs's verdict in words, the "c2pa" member of
// the JSON report and the ingredient tree (cli/output.h).
#include <algorithm>

#include "cli/output.h"

namespace hallmark::cli {

namespace {

using json = Json;

}  // namespace

// The C2PA store's verdict in a few words: "Trusted", "assertion.dataHash.mismatch (Invalid)".
std::string c2pa_text(const C2paReport& c) {
  if (c.validation_state == "Valid") {
    return "valid, but its signer is not trusted (Valid)";
  }
  std::string codes;
  for (const C2paStatus& s : c.active.failure) {
    if (s.code != "signingCredential.untrusted") {  // Said once an Invalid store is trusted.
      codes += (codes.empty() ? "" : ", ") + s.code;
    }
  }
  for (const C2paIngredientDelta& d : c.ingredient_deltas) {
    for (const C2paStatus& s : d.deltas.failure) {
      codes += (codes.empty() ? "ingredient " : ", ingredient ") + s.code;
    }
  }
  return codes.empty() ? c.validation_state : codes + " (" + c.validation_state + ")";
}

std::string short_source_type(const std::string& dst) {
  const size_t slash = dst.rfind('/');
  return slash == std::string::npos ? dst : dst.substr(slash + 1);
}

namespace {

// "created — by C2PA Signer (issuer ...) on 2026-..., with Generator [trainedAlgorithmicMedia]"
std::string c2pa_manifest_text(const C2paManifestSummary& m) {
  std::string actions, sources;
  for (const C2paAction& a : m.actions) {
    std::string word = a.action.rfind("c2pa.", 0) == 0 ? a.action.substr(5) : a.action;
    actions += (actions.empty() ? "" : ", ") + word;
    if (!a.digital_source_type.empty()) {
      sources += (sources.empty() ? "" : ", ") + short_source_type(a.digital_source_type);
    }
  }
  std::string out = (actions.empty() ? "no actions" : actions) + " — by " +
                    (m.signer.empty() ? std::string("?") : m.signer);
  if (!m.issuer.empty()) {
    out += " (issuer " + m.issuer + ")";
  }
  if (!m.signing_time.empty()) {
    out += " on " + m.signing_time.substr(0, 10);
  }
  if (!m.claim_generator.empty()) {
    out += ", with " + m.claim_generator;
  }
  if (!sources.empty()) {
    out += " [" + sources + (m.ai_generated ? ", AI" : "") + "]";
  }
  return out;
}

json c2pa_codes_json(const C2paStatusCodes& c) {
  auto list = [](const std::vector<C2paStatus>& v) {
    json a = json::array();
    for (const C2paStatus& s : v) {
      a.push_back({{"code", s.code}, {"url", s.url}, {"explanation", s.explanation}});
    }
    return a;
  };
  return {{"success", list(c.success)},
          {"informational", list(c.informational)},
          {"failure", list(c.failure)}};
}

}  // namespace

// "  C2PA: Trusted — signed by C2PA Signer (issuer ...) on 2026-...; with <generator>" and the
// failure codes, active manifest first.
std::vector<std::string> c2pa_lines(const C2paReport& c, bool verbose) {
  std::vector<std::string> lines;
  if (!c.manifest_present) {
    lines.push_back("  C2PA: " + (c.remote_url
                                      ? "remote manifest " + *c.remote_url + " (not fetched)"
                                      : "unreadable manifest: " + c.reader_error));
    return lines;
  }
  std::string line = "  C2PA: " + c.validation_state;
  if (!c.manifests.empty()) {
    const C2paManifestSummary& m = c.manifests.front();
    line += " — signed by " + (m.signer.empty() ? std::string("?") : m.signer);
    if (!m.issuer.empty()) {
      line += " (issuer " + m.issuer + ")";
    }
    if (!m.signing_time.empty()) {
      line += " on " + m.signing_time.substr(0, 10);
    }
    if (!m.claim_generator.empty()) {
      line += ", with " + m.claim_generator;
    }
  }
  lines.push_back(line);
  for (const C2paStatus& s : c.active.failure) {
    lines.push_back("    failure " + s.code + (verbose ? " " + s.url : ""));
  }
  for (const C2paIngredientDelta& d : c.ingredient_deltas) {
    for (const C2paStatus& s : d.deltas.failure) {
      lines.push_back("    ingredient failure " + s.code + (verbose ? " " + s.url : ""));
    }
  }
  if (!c.manifests.empty()) {
    const C2paManifestSummary& m = c.manifests.front();
    for (const C2paAction& a : m.actions) {
      if (verbose || !a.digital_source_type.empty()) {
        lines.push_back("    action " + a.action +
                        (a.digital_source_type.empty() ? "" : " (" + a.digital_source_type + ")"));
      }
    }
    if (!m.ingredients.empty()) {
      for (const std::string& row : render_tree(c2pa_tree(c))) {
        lines.push_back("    " + row);
      }
    }
  }
  return lines;
}

// The "c2pa" member of a file's report: c2pa-rs's validation_state and status codes verbatim,
// plus a summary of each manifest (active first).
Json c2pa_json(const C2paReport& c) {
  json out = {
      {"manifest_present", c.manifest_present},
      {"validation_state", c.manifest_present ? json(c.validation_state) : json(nullptr)},
      {"reader_error", c.reader_error.empty() ? json(nullptr) : json(c.reader_error)},
      {"remote_url", c.remote_url ? json(*c.remote_url) : json(nullptr)},
      {"source", c.manifest_source.empty() ? json(nullptr) : json(c.manifest_source)},
      {"active_manifest", c.active_manifest.empty() ? json(nullptr) : json(c.active_manifest)}};
  if (!c.manifest_present) {
    return out;
  }
  json deltas = json::array();
  for (const C2paIngredientDelta& d : c.ingredient_deltas) {
    deltas.push_back({{"ingredientAssertionURI", d.ingredient_assertion_uri},
                      {"validationDeltas", c2pa_codes_json(d.deltas)}});
  }
  out["validation_results"] = {{"activeManifest", c2pa_codes_json(c.active)},
                               {"ingredientDeltas", std::move(deltas)}};
  json manifests = json::array();
  for (const C2paManifestSummary& m : c.manifests) {
    json actions = json::array();
    for (const C2paAction& a : m.actions) {
      actions.push_back({{"action", a.action},
                         {"digital_source_type", a.digital_source_type},
                         {"when", a.when},
                         {"software_agent", a.software_agent}});
    }
    json ingredients = json::array();
    for (const C2paIngredient& i : m.ingredients) {
      ingredients.push_back(
          {{"title", i.title},
           {"relationship", i.relationship},
           {"manifest", i.manifest_label.empty() ? json(nullptr) : json(i.manifest_label)},
           {"validation_codes", i.validation_codes}});
    }
    manifests.push_back(
        {{"label", m.label},
         {"claim_generator", m.claim_generator},
         {"title", m.title},
         {"signer", m.signer},
         {"signer_org", m.signer_org},
         {"issuer", m.issuer},
         {"signing_time", m.signing_time.empty() ? json(nullptr) : json(m.signing_time)},
         {"alg", m.alg},
         {"claim_version", m.claim_version},
         {"ai_generated", m.ai_generated},
         {"actions", std::move(actions)},
         {"ingredients", std::move(ingredients)}});
  }
  out["manifests"] = std::move(manifests);
  return out;
}

std::vector<TreeRow> c2pa_tree(const C2paReport& c) {
  std::vector<TreeRow> rows;
  if (c.manifests.empty()) {
    return rows;
  }
  auto find = [&](const std::string& label) -> const C2paManifestSummary* {
    for (const C2paManifestSummary& m : c.manifests) {
      if (m.label == label) {
        return &m;
      }
    }
    return nullptr;
  };
  // Depth first with an explicit stack; a label already on the path is not entered again.
  struct Visit {
    const C2paManifestSummary* manifest;
    const C2paIngredient* ingredient;  // How the parent uses it; null for the active one.
    size_t depth;
    std::vector<std::string> path;
  };
  std::vector<Visit> stack = {{&c.manifests.front(), nullptr, 0, {}}};
  const bool active_ok = c.validation_state == "Trusted" || c.validation_state == "Valid";
  while (!stack.empty()) {
    Visit v = std::move(stack.back());
    stack.pop_back();
    TreeRow row;
    row.depth = v.depth;
    if (v.ingredient != nullptr) {
      const C2paIngredient& i = *v.ingredient;
      // The codes an ingredient assertion carries are what was recorded when it was added;
      // whether the chain holds now is the store's validation (its ingredient deltas).
      row.ok = std::none_of(c.ingredient_deltas.begin(), c.ingredient_deltas.end(),
                            [](const C2paIngredientDelta& d) { return !d.deltas.failure.empty(); });
      row.text = i.relationship + " \"" + (i.title.empty() ? "untitled" : i.title) + "\"";
      if (v.manifest == nullptr) {
        row.text += i.manifest_label.empty() ? " (no C2PA manifest)"
                                             : " (manifest " + i.manifest_label + " not found)";
      } else {
        row.text += " " + c2pa_manifest_text(*v.manifest);
      }
      if (!i.validation_codes.empty()) {
        std::string codes;
        for (const std::string& code : i.validation_codes) {
          codes += (codes.empty() ? "" : ", ") + code;
        }
        row.text += " (recorded then: " + codes + ")";
      }
    } else {
      row.ok = active_ok;
      row.text = c.validation_state + " " + c2pa_manifest_text(*v.manifest);
    }
    rows.push_back(std::move(row));
    if (v.manifest == nullptr || v.depth >= 64 ||
        std::find(v.path.begin(), v.path.end(), v.manifest->label) != v.path.end()) {
      continue;
    }
    std::vector<std::string> path = v.path;
    path.push_back(v.manifest->label);
    const std::vector<C2paIngredient>& ingredients = v.manifest->ingredients;
    for (auto it = ingredients.rbegin(); it != ingredients.rend(); ++it) {
      stack.push_back({it->manifest_label.empty() ? nullptr : find(it->manifest_label), &*it,
                       v.depth + 1, path});
    }
  }
  return rows;
}

}  // namespace hallmark::cli
