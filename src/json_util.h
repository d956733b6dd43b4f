// Internal: strict JSON reading and canonical writing on nlohmann::json, for the modules that
// keep JSON behind their std-only public headers. Not part of the public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::json_util {

using json = nlohmann::json;

// Parses `text` strictly: duplicate member names, nesting deeper than kMaxJsonDepth, invalid
// UTF-8, non-finite numbers and anything after the value but whitespace (a NUL byte included)
// are kCorrupt. `what` names the document in messages.
Result<json> parse_strict(std::string_view text, std::string_view what);

// RFC 8785 canonical bytes of a value. Precondition: numbers are finite (parse_strict ensures).
std::string canonical(const json& value);

// Field access with type checks; messages are `"<key>" must be <type>`. The optional variants
// return OK with `found = false` when the member is absent.
Result<std::string> get_string(const json& obj, std::string_view key);
Result<uint64_t> get_uint(const json& obj, std::string_view key, uint64_t max);
Result<const json*> get_object(const json& obj, std::string_view key);
Result<const json*> get_array(const json& obj, std::string_view key);
// kCorrupt naming the first member of `obj` not in `allowed`.
Status only_keys(const json& obj, std::initializer_list<std::string_view> allowed);

}  // namespace hallmark::json_util
