#include "bundle_leaves.h"

#include <array>
#include <cmath>
#include <limits>

namespace hallmark::bundle_leaves {
namespace {

using json_stream::Number;
using json_stream::Parser;

constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();
// Times are written with at most 6 decimals; 64 characters hold any of them many times over.
constexpr size_t kMaxNumberChars = 64;
constexpr size_t kMaxMemberName = 256;       // Longer names are unknown; messages show this much.
constexpr uint64_t kElementSlack = 64;       // Whitespace and a comma around one array element.
constexpr uint64_t kStreamSlack = 32 << 10;  // Member names, counts and formatting per stream.
constexpr uint64_t kLeavesSlack = 64 << 10;

uint64_t add(uint64_t a, uint64_t b) {
  return a > kNoLimit - b ? kNoLimit : a + b;
}
uint64_t mul(uint64_t a, uint64_t b) {
  return b != 0 && a > kNoLimit / b ? kNoLimit : a * b;
}
// Characters of base64 for n 32-byte hashes.
uint64_t base64_size(uint64_t n) {
  return mul(4, add(mul(32, n), 2) / 3);
}
uint64_t names_budget(uint64_t leaf_count) {
  return add(mul(kMaxUnitNameBytesPerLeaf, leaf_count), 4096);
}

// from_base64's rules exactly (standard alphabet, padding required, no whitespace, no stray
// bits under the padding), decoded straight into 32-byte hashes: false unless `text` is the
// base64 of a whole number of them. (from_base64 and a copy would cost twice the time and
// memory on a large leaf table.)
bool decode_digests(std::string_view text, std::vector<Digest>& out) {
  static constexpr auto kValue = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 64; ++i) {
      t["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i]] =
          static_cast<int8_t>(i);
    }
    return t;
  }();
  if (text.size() % 4 != 0) {
    return false;
  }
  const size_t groups = text.size() / 4;
  int pad = 0;
  if (groups > 0 && text.back() == '=') {
    pad = text[text.size() - 2] == '=' ? 2 : 1;
  }
  const size_t bytes = groups * 3 - static_cast<size_t>(pad);
  if (bytes % 32 != 0) {
    return false;
  }
  out.resize(bytes / 32);
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  const auto* src = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t g = 0; g < groups; ++g, src += 4) {
    const int p = g + 1 == groups ? pad : 0;
    uint32_t v = 0;
    for (int j = 0; j < 4; ++j) {
      int d = 0;
      if (j < 4 - p) {
        d = kValue[src[j]];
        if (d < 0) {
          return false;
        }
      }
      v = v << 6 | static_cast<uint32_t>(d);
    }
    *dst++ = static_cast<unsigned char>(v >> 16);
    if (p < 2) {
      *dst++ = static_cast<unsigned char>(v >> 8);
    }
    if (p < 1) {
      *dst++ = static_cast<unsigned char>(v);
    }
    if ((p == 1 && (v & 0xff) != 0) || (p == 2 && (v & 0xffff) != 0)) {
      return false;
    }
  }
  return true;
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}
std::string shown_name(const std::string& name, uint64_t length) {
  return length > name.size() ? name + "…" : name;
}

// Reads values, or (keep == false) checks them and every limit without keeping anything.
class Reader {
 public:
  Reader(Parser& p, const Limits& limits, bool keep) : p_(p), limits_(limits), keep_(keep) {}

  Status leaves(std::vector<Digest>& file, std::map<std::string, MediaLeaves>& media) {
    if (p_.peek() != '{') {
      HALLMARK_TRY(p_.status());
      return corrupt("\"leaves\" must be an object");
    }
    HALLMARK_TRY(p_.begin_object());
    bool seen_file = false, seen_media = false;
    std::string name;
    uint64_t length = 0;
    while (true) {
      Result<bool> more = p_.next_member(name, kMaxMemberName, &length);
      HALLMARK_TRY(more.status().with_context("\"leaves\""));
      if (!*more) {
        return {};
      }
      bool* seen = name == "file" ? &seen_file : name == "media" ? &seen_media : nullptr;
      if (seen == nullptr) {
        return corrupt("\"leaves\": unknown member \"" + shown_name(name, length) + "\"");
      }
      if (*seen) {
        return corrupt("\"leaves\": duplicate member \"" + name + "\"");
      }
      *seen = true;
      if (seen == &seen_file) {
        HALLMARK_TRY(digests("file", limits_.bounded ? limits_.file_leaves : kNoLimit, file)
                         .with_context("\"leaves\""));
      } else {
        HALLMARK_TRY(streams(media));
      }
    }
  }

 private:
  Status streams(std::map<std::string, MediaLeaves>& media) {
    if (p_.peek() != '{') {
      HALLMARK_TRY(p_.status());
      return corrupt("\"leaves\": \"media\" must be an object");
    }
    HALLMARK_TRY(p_.begin_object());
    std::string label;
    uint64_t length = 0;
    while (true) {
      Result<bool> more = p_.next_member(label, kMaxMemberName, &length);
      HALLMARK_TRY(more.status().with_context("\"leaves\".\"media\""));
      if (!*more) {
        return {};
      }
      const std::string where = "\"leaves\".\"media\".\"" + shown_name(label, length) + "\"";
      uint64_t leaf_count = kNoLimit;
      if (limits_.bounded) {
        const auto it =
            length == label.size() ? limits_.streams.find(label) : limits_.streams.end();
        if (it == limits_.streams.end()) {
          return corrupt(where + ": no such stream in the signed media binding");
        }
        leaf_count = it->second;
      }
      const auto [slot, fresh] = media.try_emplace(label);
      if (!fresh) {
        return corrupt("\"leaves\".\"media\": duplicate member \"" + label + "\"");
      }
      HALLMARK_TRY(stream(leaf_count, slot->second).with_context(where));
    }
  }

  Status stream(uint64_t leaf_count, MediaLeaves& m) {
    if (p_.peek() != '{') {
      HALLMARK_TRY(p_.status());
      return corrupt("must be an object");
    }
    HALLMARK_TRY(p_.begin_object());
    static constexpr std::string_view kMembers[] = {"leaves",        "aux_leaves", "times",
                                                    "unit_names",    "keyframes",  "discarded",
                                                    "visible_first", "visible_end"};
    bool seen[std::size(kMembers)] = {};
    std::string name;
    uint64_t length = 0;
    while (true) {
      Result<bool> more = p_.next_member(name, kMaxMemberName, &length);
      HALLMARK_TRY(more.status());
      if (!*more) {
        break;
      }
      const auto* it = std::find(std::begin(kMembers), std::end(kMembers), name);
      if (it == std::end(kMembers) || length != name.size()) {
        return corrupt("unknown member \"" + shown_name(name, length) + "\"");
      }
      const size_t index = static_cast<size_t>(it - std::begin(kMembers));
      if (seen[index]) {
        return corrupt("duplicate member \"" + name + "\"");
      }
      seen[index] = true;
      switch (index) {
        case 0:
          HALLMARK_TRY(digests("leaves", leaf_count, m.leaves));
          break;
        case 1:
          HALLMARK_TRY(digests("aux_leaves", leaf_count, m.aux_leaves));
          break;
        case 2:
          HALLMARK_TRY(per_leaf("times", "times", leaf_count, [&] { return time(m.times); }));
          break;
        case 3: {
          uint64_t total = 0;
          HALLMARK_TRY(per_leaf("unit_names", "unit names", leaf_count,
                                [&] { return unit_name(leaf_count, total, m.unit_names); }));
          break;
        }
        case 4:
          HALLMARK_TRY(per_leaf("keyframes", "keyframes", leaf_count, [&] {
            uint64_t k = 0;
            HALLMARK_TRY(uint("keyframes", k));
            if (keep_) {
              m.keyframes.push_back(k);
            }
            return Status{};
          }));
          break;
        case 5:
          HALLMARK_TRY(uint("discarded", m.discarded));
          break;
        case 6:
          HALLMARK_TRY(uint("visible_first", m.visible_first));
          break;
        default:
          HALLMARK_TRY(uint("visible_end", m.visible_end));
      }
    }
    if (!seen[0]) {
      return corrupt("\"leaves\" is missing");
    }
    return {};
  }

  // A base64 string of at most max_count 32-byte hashes.
  Status digests(std::string_view name, uint64_t max_count, std::vector<Digest>& out) {
    if (p_.peek() != '"') {
      HALLMARK_TRY(p_.status());
      return corrupt(quoted(name) + " must be a base64 string");
    }
    const uint64_t max_chars =
        max_count == kNoLimit ? kNoLimit : std::min(base64_size(max_count), kMaxBundleSize);
    std::string text;
    uint64_t length = 0;
    HALLMARK_TRY(p_.string(keep_ ? &text : nullptr, max_chars, &length));
    if (length > max_chars) {
      return corrupt(quoted(name) + " is " + std::to_string(length) +
                     " bytes of base64, more than " + std::to_string(max_count) + " leaves take");
    }
    if (!keep_) {
      return {};
    }
    if (!decode_digests(text, out)) {
      out.clear();
      return corrupt(quoted(name) + " is not base64 of 32-byte hashes");
    }
    return {};
  }

  // An array with one element per leaf at most; past max_count the rest are checked and
  // counted for the message, not kept.
  template <typename Element>
  Status per_leaf(std::string_view name, std::string_view noun, uint64_t max_count,
                  Element element) {
    if (p_.peek() != '[') {
      HALLMARK_TRY(p_.status());
      return corrupt(quoted(name) + " must be an array");
    }
    HALLMARK_TRY(p_.begin_array());
    uint64_t n = 0;
    while (true) {
      if (n == max_count) {
        Result<uint64_t> rest = p_.skip_elements();
        HALLMARK_TRY(rest);
        n += *rest;
        break;
      }
      Result<bool> more = p_.next_element();
      HALLMARK_TRY(more.status());
      if (!*more) {
        break;
      }
      HALLMARK_TRY(element());
      ++n;
    }
    if (n > max_count) {
      return corrupt(std::to_string(n) + " " + std::string(noun) + " for " +
                     std::to_string(max_count) + " leaves");
    }
    return {};
  }

  Status time(std::vector<double>& times) {
    const int c = p_.peek();
    double t = 0;
    if (c == 'n') {
      HALLMARK_TRY(p_.null());
      t = std::nan("");
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      Number n;
      HALLMARK_TRY(p_.number(n, max_number_chars()));
      t = n.as_double();
    } else {
      HALLMARK_TRY(p_.status());
      return corrupt("\"times\" must hold numbers or null");
    }
    if (keep_) {
      times.push_back(t);
    }
    return {};
  }

  Status unit_name(uint64_t leaf_count, uint64_t& total, std::vector<std::string>& names) {
    if (p_.peek() != '"') {
      HALLMARK_TRY(p_.status());
      return corrupt("\"unit_names\" must hold strings");
    }
    const uint64_t max = limits_.bounded ? kMaxUnitNameSize : kNoLimit;
    std::string name;
    uint64_t length = 0;
    HALLMARK_TRY(p_.string(keep_ ? &name : nullptr, max, &length));
    if (length > max) {
      return corrupt("\"unit_names\": a name of " + std::to_string(length) + " bytes (at most " +
                     std::to_string(max) + ")");
    }
    total += length;
    if (limits_.bounded && total > names_budget(leaf_count)) {
      return corrupt("\"unit_names\": more than " + std::to_string(names_budget(leaf_count)) +
                     " bytes of names for " + std::to_string(leaf_count) + " leaves");
    }
    if (keep_) {
      names.push_back(std::move(name));
    }
    return {};
  }

  // As json_util::get_uint(obj, name, 2^53).
  Status uint(std::string_view name, uint64_t& out) {
    const int c = p_.peek();
    const std::string bad = quoted(name) + " must be a non-negative integer";
    if (c != '-' && (c < '0' || c > '9')) {
      HALLMARK_TRY(p_.status());
      return corrupt(bad);
    }
    Number n;
    HALLMARK_TRY(p_.number(n, max_number_chars()));
    uint64_t v = 0;
    if (n.kind == Number::Kind::kUnsigned) {
      v = n.u;
    } else if (n.kind == Number::Kind::kSigned && n.i >= 0) {
      v = static_cast<uint64_t>(n.i);
    } else {
      return corrupt(bad);
    }
    if (v > (uint64_t{1} << 53)) {
      return corrupt(quoted(name) + " is too large");
    }
    out = v;
    return {};
  }

  size_t max_number_chars() const { return limits_.bounded ? kMaxNumberChars : SIZE_MAX; }

  Parser& p_;
  const Limits& limits_;
  const bool keep_;
};

}  // namespace

uint64_t Limits::max_bytes() const {
  if (!bounded) {
    return kNoLimit;
  }
  uint64_t total = add(kLeavesSlack, add(base64_size(file_leaves), kElementSlack));
  for (const auto& [label, n] : streams) {
    // leaves and aux_leaves; a time and a keyframe index per leaf; the names, each escaped
    // at worst as \uXXXX.
    uint64_t s = add(kStreamSlack, mul(2, base64_size(n)));
    s = add(s, mul(n, 2 * (2 * kElementSlack + kMaxNumberChars)));
    s = add(s, mul(6, names_budget(n)));
    total = add(total, s);
  }
  return total;
}

Limits limits_for(const Manifest& manifest) {
  Limits out;
  if (manifest.file && manifest.file->chunk_size != 0) {
    const uint64_t c = manifest.file->chunk_size;
    out.file_leaves = manifest.file->size / c + (manifest.file->size % c != 0 ? 1 : 0);
  }
  if (manifest.media) {
    for (const MediaStreamInfo& s : manifest.media->streams) {
      uint64_t& n = out.streams[s.kind + "#" + std::to_string(s.ordinal)];
      n = std::max(n, s.leaf_count);
    }
  }
  return out;
}

Status parse(Parser& parser, const Limits& limits, std::vector<Digest>& file,
             std::map<std::string, MediaLeaves>& media) {
  return Reader(parser, limits, /*keep=*/true).leaves(file, media);
}

Status check(Parser& parser, const Limits& limits) {
  std::vector<Digest> file;
  std::map<std::string, MediaLeaves> media;
  return Reader(parser, limits, /*keep=*/false).leaves(file, media);
}

}  // namespace hallmark::bundle_leaves
