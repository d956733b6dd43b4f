#include "hallmark/canonical_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "json_util.h"

namespace hallmark {
namespace json_util {

std::string library_version() {
  return std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
         std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
         std::to_string(NLOHMANN_JSON_VERSION_PATCH);
}

namespace {

// RFC 8785 section 3.2.3: member names compare as arrays of UTF-16 code units. UTF-8 byte
// order agrees except that supplementary characters (4-byte UTF-8) sort below U+E000..U+FFFF
// in UTF-16, so compare on decoded code units.
std::u16string utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0;
    size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 6) {
      cp = c & 0x1f;
      n = 2;
    } else if ((c >> 4) == 14) {
      cp = c & 0x0f;
      n = 3;
    } else {
      cp = c & 0x07;
      n = 4;
    }
    for (size_t j = 1; j < n && i + j < s.size(); ++j) {
      cp = cp << 6 | (static_cast<unsigned char>(s[i + j]) & 0x3f);
    }
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xd800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xdc00 + (cp & 0x3ff)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

void write_string(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void write_value(const json& v, std::string& out) {
  switch (v.type()) {
    case json::value_t::null:
      out += "null";
      break;
    case json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: {
      // Integers that a double holds exactly print as themselves; larger ones as the double
      // they become, which is what RFC 8785 prescribes.
      const bool is_unsigned = v.type() == json::value_t::number_unsigned;
      const uint64_t mag =
          is_unsigned ? v.get<uint64_t>() : static_cast<uint64_t>(std::llabs(v.get<int64_t>()));
      if (mag <= (uint64_t{1} << 53)) {
        out += is_unsigned ? std::to_string(v.get<uint64_t>()) : std::to_string(v.get<int64_t>());
      } else {
        out += *es6_number(is_unsigned ? static_cast<double>(v.get<uint64_t>())
                                       : static_cast<double>(v.get<int64_t>()));
      }
      break;
    }
    case json::value_t::number_float:
      out += *es6_number(v.get<double>());
      break;
    case json::value_t::string:
      write_string(v.get_ref<const std::string&>(), out);
      break;
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& e : v) {
        if (!first) {
          out += ',';
        }
        first = false;
        write_value(e, out);
      }
      out += ']';
      break;
    }
    case json::value_t::object: {
      std::vector<std::pair<std::u16string, json::const_iterator>> members;
      members.reserve(v.size());
      for (auto it = v.begin(); it != v.end(); ++it) {
        members.emplace_back(utf16(it.key()), it);
      }
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out += '{';
      bool first = true;
      for (const auto& [_, it] : members) {
        if (!first) {
          out += ',';
        }
        first = false;
        write_string(it.key(), out);
        out += ':';
        write_value(it.value(), out);
      }
      out += '}';
      break;
    }
    case json::value_t::binary:
    case json::value_t::discarded:
      break;  // parse_strict never produces these.
  }
}

}  // namespace

Result<json> parse_strict(std::string_view text, std::string_view what) {
  // nlohmann/json takes a NUL byte for the end of the input, so "{}\0anything" would parse. A
  // NUL is never valid JSON (outside strings it is no token; inside, a raw control character).
  if (text.find('\0') != std::string_view::npos) {
    return corrupt(std::string(what) + ": not valid JSON");
  }
  std::vector<std::vector<std::string>> keys;  // Member names seen, per open object.
  std::string problem;
  const auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (!problem.empty()) {
      return false;
    }
    if (static_cast<size_t>(depth) > kMaxJsonDepth) {
      problem = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      return false;
    }
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) {
          keys.pop_back();
        }
        break;
      case json::parse_event_t::key: {
        const std::string& name = parsed.get_ref<const std::string&>();
        if (!keys.empty()) {
          auto& seen = keys.back();
          if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
            problem = "duplicate member \"" + name + "\"";
            return false;
          }
          seen.push_back(name);
        }
        break;
      }
      case json::parse_event_t::value:
        if (parsed.is_number_float() && !std::isfinite(parsed.get<double>())) {
          problem = "number out of range";
          return false;
        }
        break;
      default:
        break;
    }
    return true;
  };
  json doc = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  if (!problem.empty()) {
    return corrupt(std::string(what) + ": " + problem);
  }
  if (doc.is_discarded()) {
    return corrupt(std::string(what) + ": not valid JSON");
  }
  return doc;
}

std::string canonical(const json& value) {
  std::string out;
  write_value(value, out);
  return out;
}

Result<std::string> get_string(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    return corrupt("\"" + std::string(key) + "\" is missing");
  }
  if (!it->is_string()) {
    return corrupt("\"" + std::string(key) + "\" must be a string");
  }
  return it->get<std::string>();
}

Result<uint64_t> get_uint(const json& obj, std::string_view key, uint64_t max) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    return corrupt("\"" + std::string(key) + "\" is missing");
  }
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<int64_t>() >= 0)) {
    return corrupt("\"" + std::string(key) + "\" must be a non-negative integer");
  }
  const uint64_t v = it->get<uint64_t>();
  if (v > max) {
    return corrupt("\"" + std::string(key) + "\" is too large");
  }
  return v;
}

Result<const json*> get_object(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    return corrupt("\"" + std::string(key) + "\" is missing");
  }
  if (!it->is_object()) {
    return corrupt("\"" + std::string(key) + "\" must be an object");
  }
  return &*it;
}

Result<const json*> get_array(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    return corrupt("\"" + std::string(key) + "\" is missing");
  }
  if (!it->is_array()) {
    return corrupt("\"" + std::string(key) + "\" must be an array");
  }
  return &*it;
}

Status only_keys(const json& obj, std::initializer_list<std::string_view> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      return corrupt("unknown member \"" + it.key() + "\"");
    }
  }
  return {};
}

}  // namespace json_util

Result<std::string> es6_number(double value) {
  if (!std::isfinite(value)) {
    return invalid_argument("NaN and infinity have no JSON form");
  }
  if (value == 0) {
    return std::string("0");  // Also for -0.
  }
  // Shortest round-trip digits, as ECMAScript requires: "d.ddde±x".
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  std::string out;
  if (sci[0] == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  const size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') {
      digits += c;
    }
  }
  int exp10 = std::stoi(std::string(sci.substr(e + 1)));
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;  // The decimal point sits after n digits.
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) {
      out += "." + digits.substr(1);
    }
    out += "e";
    out += n - 1 >= 0 ? "+" : "-";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

Result<std::string> canonicalize_json(std::string_view text) {
  Result<json_util::json> doc = json_util::parse_strict(text, "json");
  if (!doc.ok()) {
    return doc.status();
  }
  return json_util::canonical(*doc);
}

}  // namespace hallmark
