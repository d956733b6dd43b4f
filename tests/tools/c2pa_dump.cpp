// Test helper: prints hallmark's C2PA verdict for one asset as JSON, in the shape the interop
// test and the fixture comparisons use. Usage:
//   c2pa_dump FILE [--trust PEM]... [--sidecar F] [--fragment F]... [--now UNIX]
// Exit: 0 when a report was produced (whatever its verdict), 2 when the file could not be read.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "hallmark/c2pa.h"

using nlohmann::json;

namespace {

json codes_json(const hallmark::C2paStatusCodes& c) {
  auto list = [](const std::vector<hallmark::C2paStatus>& v) {
    json a = json::array();
    for (const auto& s : v) {
      a.push_back({{"code", s.code}, {"url", s.url}, {"explanation", s.explanation}});
    }
    return a;
  };
  return {{"success", list(c.success)},
          {"informational", list(c.informational)},
          {"failure", list(c.failure)}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: c2pa_dump FILE [--trust PEM]... [--sidecar F] [--fragment F]...\n";
    return 2;
  }
  hallmark::C2paOptions options;
  std::string file = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--trust") {
      options.trust_anchor_paths.push_back(argv[i + 1]);
    } else if (flag == "--sidecar") {
      options.sidecar_path = argv[i + 1];
    } else if (flag == "--fragment") {
      options.fragment_paths.push_back(argv[i + 1]);
    } else if (flag == "--now") {
      options.now = std::atoll(argv[i + 1]);
    } else {
      std::cerr << "c2pa_dump: unknown flag " << flag << "\n";
      return 2;
    }
  }
  hallmark::Result<hallmark::InputFile> input = hallmark::InputFile::open(file);
  const hallmark::Result<hallmark::C2paReport> r =
      input.ok() ? hallmark::read_c2pa(*input, options)
                 : hallmark::Result<hallmark::C2paReport>(input.status());
  if (!r.ok()) {
    std::cout << json{{"error", r.status().message()}}.dump(
                     -1, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
    return 2;
  }
  json out;
  out["manifest_present"] = r->manifest_present;
  out["validation_state"] = r->manifest_present ? json(r->validation_state) : json(nullptr);
  out["reader_error"] = r->reader_error;
  out["active_manifest"] = r->active_manifest;
  out["remote_url"] = r->remote_url ? json(*r->remote_url) : json(nullptr);
  out["active"] = codes_json(r->active);
  json deltas = json::array();
  for (const auto& d : r->ingredient_deltas) {
    deltas.push_back({{"ingredientAssertionURI", d.ingredient_assertion_uri},
                      {"validationDeltas", codes_json(d.deltas)}});
  }
  out["ingredient_deltas"] = deltas;
  json manifests = json::array();
  for (const auto& m : r->manifests) {
    json actions = json::array();
    for (const auto& a : m.actions) {
      actions.push_back({{"action", a.action},
                         {"digital_source_type", a.digital_source_type},
                         {"when", a.when},
                         {"software_agent", a.software_agent}});
    }
    json ingredients = json::array();
    for (const auto& i : m.ingredients) {
      ingredients.push_back({{"title", i.title},
                             {"relationship", i.relationship},
                             {"manifest", i.manifest_label},
                             {"validation_codes", i.validation_codes}});
    }
    manifests.push_back({{"label", m.label},
                         {"claim_generator", m.claim_generator},
                         {"title", m.title},
                         {"signer", m.signer},
                         {"issuer", m.issuer},
                         {"signing_time", m.signing_time},
                         {"alg", m.alg},
                         {"ai_generated", m.ai_generated},
                         {"actions", actions},
                         {"ingredients", ingredients}});
  }
  out["manifests"] = manifests;
  std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}
