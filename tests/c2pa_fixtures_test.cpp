// The C2PA fixture corpus (../shared/c2pa/fixtures, read in place) judged by hallmark and by
// c2pa-rs 0.15 (../shared/c2pa/expected-verdicts.json): validation_state, the failure codes of
// the active manifest and those of the ingredient deltas must be equal on every row, in both
// trust modes. Codes are compared as sorted sets, the way the reference file records them
// (c2pa-rs's own order depends on its internal logging order, which is not part of its API).
#include <algorithm>
#include <set>

#include "hallmark/c2pa.h"
#include "test_util.h"

namespace hallmark {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The reference verdicts were recorded on this day; certificate expiry is judged then.
constexpr int64_t kRecordedAt = 1795737600;  // 2026-11-27T00:00:00Z

std::vector<std::string> sorted_codes(const std::vector<C2paStatus>& statuses) {
  std::set<std::string> set;
  for (const C2paStatus& s : statuses) {
    set.insert(s.code);
  }
  return {set.begin(), set.end()};
}

std::vector<std::string> json_codes(const json& list) {
  std::vector<std::string> out;
  for (const json& c : list) {
    out.push_back(c.get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("c2pa: every fixture gets c2pa-rs's verdict and failure codes in both trust modes" *
          test::needs_shared("c2pa/expected-verdicts.json")) {
  const std::optional<fs::path> verdicts = test::shared_path("c2pa/expected-verdicts.json");
  if (!verdicts) {
    return;
  }
  const fs::path dir = verdicts->parent_path();
  const json rows = test::load_json(dir / "expected-verdicts.json");
  REQUIRE(rows.is_array());
  size_t matched = 0;
  for (const json& row : rows) {
    const std::string file = row.at("file").get<std::string>();
    const std::string trust = row.at("trust").get<std::string>();
    CAPTURE(file);
    CAPTURE(trust);
    C2paOptions options;
    options.now = kRecordedAt;
    if (trust == "trusted") {
      options.trust_anchor_paths.push_back(
          (dir / "fixtures/certs/test_cert_root_bundle.pem").string());
    }
    const Result<C2paReport> report =
        test::read_c2pa_path((dir / "fixtures" / file).string(), options);
    REQUIRE_MESSAGE(report.ok(), report.status().message());
    const bool want_present = row.at("manifest_present").get<bool>();
    const std::string want_state =
        row.at("validation_state").is_null() ? "" : row.at("validation_state").get<std::string>();
    std::vector<std::string> ingredient_failures;
    for (const C2paIngredientDelta& d : report->ingredient_deltas) {
      for (const std::string& c : sorted_codes(d.deltas.failure)) {
        ingredient_failures.push_back(c);
      }
    }
    std::sort(ingredient_failures.begin(), ingredient_failures.end());
    ingredient_failures.erase(std::unique(ingredient_failures.begin(), ingredient_failures.end()),
                              ingredient_failures.end());
    const bool same = report->manifest_present == want_present &&
                      report->validation_state == want_state &&
                      sorted_codes(report->active.failure) == json_codes(row.at("failure_codes")) &&
                      ingredient_failures == json_codes(row.at("ingredient_failure_codes"));
    CHECK(report->manifest_present == want_present);
    CHECK(report->validation_state == want_state);
    CHECK(sorted_codes(report->active.failure) == json_codes(row.at("failure_codes")));
    CHECK(ingredient_failures == json_codes(row.at("ingredient_failure_codes")));
    if (!want_present) {
      // c2pa-rs could not read one: hallmark says why instead of judging.
      CHECK_FALSE(report->reader_error.empty());
    }
    matched += same ? 1 : 0;
  }
  MESSAGE("c2pa fixtures: " << matched << "/" << rows.size() << " rows equal to c2pa-rs 0.15");
  CHECK(matched == rows.size());
}

}  // namespace
}  // namespace hallmark
