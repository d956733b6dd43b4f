// Assertion labels and JUMBF URIs as c2pa-rs reads them: the base label of a numbered
// assertion, which labels are ingredients and hard bindings, relative URIs made absolute, and
// c2pa-rs's own URI and manifest-label parsing, whose quirks the verdicts depend on.
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::c2pa {

// "c2pa.ingredient__2" -> "c2pa.ingredient": the label without its "__<n>" instance suffix.
std::string base_label(std::string_view label);
bool is_ingredient_label(std::string_view label);
// 3 for c2pa.ingredient.v3, 2 for .v2, else 1.
int ingredient_version(std::string_view label);
// c2pa.hash.data, c2pa.hash.bmff (v1 to v3), c2pa.hash.boxes, c2pa.hash.collection.data.
bool is_hard_binding(std::string_view label);

// `uri` without a leading "self#jumbf=".
std::string strip_self(std::string_view uri);
// c2pa-rs's to_absolute_uri: a relative JUMBF URI made absolute within a manifest.
std::string to_absolute(std::string_view manifest_label, std::string_view uri);
// The label the last path component of a URI names ("c2pa.assertions/c2pa.hash.data" ->
// "c2pa.hash.data").
std::string last_component(std::string_view uri);

// `s` split at every `sep` (empty parts kept).
std::vector<std::string_view> split_all(std::string_view s, char sep);
// c2pa-rs's manifest_label_from_uri: "/c2pa/<label>/..." names <label>.
std::optional<std::string> rs_manifest_label_from_uri(std::string_view uri);
// c2pa-rs's box_name_from_uri: the last path component.
std::string rs_box_name_from_uri(std::string_view uri);
// Whether c2pa-rs's manifest_label_to_parts accepts a manifest label, which a 2.x claim's
// label must pass (labels.cpp says what that takes).
bool label_conforms(std::string_view label);

}  // namespace hallmark::c2pa
