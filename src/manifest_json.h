// Internal: Manifest <-> nlohmann::json, shared by manifest.cpp and bundle.cpp.
#pragma once

#include "hallmark/manifest.h"
#include "json_util.h"

namespace hallmark::manifest_json {

json_util::json to_json(const Manifest& manifest);
// Strict: unknown members, wrong types and bad values are kCorrupt naming the field.
Result<Manifest> from_json(const json_util::json& doc);

}  // namespace hallmark::manifest_json
