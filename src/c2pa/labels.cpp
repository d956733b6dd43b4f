#include "c2pa/labels.h"

#include <algorithm>
#include <cstdint>

namespace hallmark::c2pa {
namespace {

// c2pa-rs's to_normalized_uri: the part after '=' (the first one, up to the next), with a
// leading '/' added to "c2pa/...".
std::string rs_normalized_uri(std::string_view uri) {
  std::string_view out = uri;
  if (const size_t eq = uri.find('='); eq != std::string_view::npos) {
    out = uri.substr(eq + 1);
    out = out.substr(0, out.find('='));
  }
  if (out.substr(0, 5) == "c2pa/") {
    return "/" + std::string(out);
  }
  return std::string(out);
}

// A decimal as Rust's usize::from_str reads it on the wasm32 reference (optional '+', digits,
// at most 2^32 - 1).
bool rs_parses_usize(std::string_view s) {
  if (!s.empty() && s[0] == '+') {
    s.remove_prefix(1);
  }
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  uint64_t v = 0;
  for (char c : s) {
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (v > UINT32_MAX) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string base_label(std::string_view label) {
  const size_t at = label.rfind("__");
  if (at != std::string_view::npos && at + 2 < label.size() &&
      std::all_of(label.begin() + at + 2, label.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(label.substr(0, at));
  }
  return std::string(label);
}

bool is_ingredient_label(std::string_view label) {
  const std::string b = base_label(label);
  return b == "c2pa.ingredient" || b == "c2pa.ingredient.v2" || b == "c2pa.ingredient.v3";
}
int ingredient_version(std::string_view label) {
  const std::string b = base_label(label);
  return b == "c2pa.ingredient.v3" ? 3 : b == "c2pa.ingredient.v2" ? 2 : 1;
}
bool is_hard_binding(std::string_view label) {
  const std::string b = base_label(label);
  return b == "c2pa.hash.data" || b == "c2pa.hash.bmff" || b == "c2pa.hash.bmff.v2" ||
         b == "c2pa.hash.bmff.v3" || b == "c2pa.hash.boxes" || b == "c2pa.hash.collection.data";
}

std::string strip_self(std::string_view uri) {
  constexpr std::string_view kSelf = "self#jumbf=";
  if (uri.substr(0, kSelf.size()) == kSelf) {
    uri.remove_prefix(kSelf.size());
  }
  return std::string(uri);
}

// c2pa-rs's to_absolute_uri: a relative JUMBF URI made absolute within a manifest.
std::string to_absolute(std::string_view manifest_label, std::string_view uri) {
  std::string path = strip_self(uri);
  if (path.rfind("/c2pa/", 0) == 0) {
    return "self#jumbf=" + path;
  }
  while (!path.empty() && path[0] == '/') {
    path.erase(0, 1);
  }
  return "self#jumbf=/c2pa/" + std::string(manifest_label) + "/" + path;
}

// The label the last path component of a URI names ("c2pa.assertions/c2pa.hash.data" ->
// "c2pa.hash.data").
std::string last_component(std::string_view uri) {
  const std::string path = strip_self(uri);
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<std::string_view> split_all(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    parts.push_back(
        s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) {
      return parts;
    }
    start = at + 1;
  }
}

// c2pa-rs's manifest_label_from_uri: "/c2pa/<label>/..." names <label>.
std::optional<std::string> rs_manifest_label_from_uri(std::string_view uri) {
  const std::string raw = rs_normalized_uri(uri);
  const std::vector<std::string_view> parts = split_all(raw, '/');
  if (parts.size() > 2 && parts[1] == "c2pa") {
    return std::string(parts[2]);
  }
  return std::nullopt;
}

// c2pa-rs's box_name_from_uri: the last path component.
std::string rs_box_name_from_uri(std::string_view uri) {
  const std::string raw = rs_normalized_uri(uri);
  return std::string(split_all(raw, '/').back());
}

// Whether c2pa-rs's manifest_label_to_parts accepts a manifest label, which a 2.x claim's
// label must pass: "urn:c2pa:<guid>[:<vendor>[:<version>[_<reason>]]]" (a vendor of at most 32
// ASCII characters and one word, numbers where numbers go), or the 1.x forms "urn:uuid:<guid>"
// and "<vendor>:urn:uuid:<guid>". The guid itself is not checked (c2pa-rs does not either).
bool label_conforms(std::string_view label) {
  const std::optional<std::string> inner = rs_manifest_label_from_uri(label);
  const std::string manifest = inner ? *inner : std::string(label);
  const std::vector<std::string_view> parts = split_all(manifest, ':');
  if (parts.size() < 3) {
    return false;
  }
  if (parts[0] == "urn") {
    const bool v1 = parts[1] == "uuid";
    if (v1) {
      return true;
    }
    if (parts[1] != "c2pa" || parts.size() > 5) {
      return false;
    }
    if (parts.size() > 3 && !parts[3].empty()) {
      const std::string_view vendor = parts[3];
      const bool ascii = std::all_of(vendor.begin(), vendor.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      // Rust's split_whitespace().count() == 1: one run of non-space characters.
      auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
      const auto first = std::find_if_not(vendor.begin(), vendor.end(), space);
      const auto gap = std::find_if(first, vendor.end(), space);
      const bool one_word =
          first != vendor.end() && std::find_if_not(gap, vendor.end(), space) == vendor.end();
      if (vendor.size() > 32 || !one_word || !ascii) {
        return false;
      }
    }
    if (parts.size() > 4 && !parts[4].empty()) {
      const std::vector<std::string_view> version = split_all(parts[4], '_');
      if (!rs_parses_usize(version[0]) || (version.size() > 1 && !rs_parses_usize(version[1]))) {
        return false;
      }
    }
    return true;
  }
  return parts[1] == "urn" && parts[2] == "uuid" && parts.size() == 4;
}

}  // namespace hallmark::c2pa
