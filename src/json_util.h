// Internal: the JSON seam. The one file that includes nlohmann/json: strict reading, canonical
// writing, and the documents the command line prints (it builds them from the library's report
// types). Not part of the public API; include/hallmark never shows a JSON type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::json_util {

using json = nlohmann::json;
// Members in the order they were added: the JSON the command line prints for people and tools.
using ordered_json = nlohmann::ordered_json;

// `j` as JSON text (pretty-printed with `indent` > 0). Bytes that are not UTF-8 are written as
// U+FFFD rather than making the document invalid.
template <typename J>
std::string dump_lossy(const J& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::detail::error_handler_t::replace);
}

// "3.11.2": the version compiled in (header-only).
std::string library_version();

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
