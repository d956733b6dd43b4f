// The property the bundle leaf section must keep, shared by fuzz/bundle_leaves_fuzz.cpp and
// tests/bundle_test.cpp: the streaming reader (src/bundle_leaves.cpp) accepts exactly what the
// DOM reader it replaced accepted (kept below, literally, as the reference), with the same
// values; with limits it accepts a subset, and refuses exactly the inputs over a limit.
//
// Input: 4 bytes of limits (the file's leaves, then the leaf_count of video#0, audio#0 and
// image#0; 255 means no such stream), then the JSON value of a "leaves" member.
#pragma once

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bundle_leaves.h"
#include "json_stream.h"
#include "json_util.h"

namespace hallmark::leaves_property {

using json_util::json;

struct Leaves {
  std::vector<Digest> file;
  std::map<std::string, MediaLeaves> media;
};

// The reference: the leaves reading of src/bundle.cpp before streaming, on a DOM.
inline Result<std::vector<Digest>> reference_digests(const json& value, std::string_view what) {
  if (!value.is_string()) {
    return corrupt(std::string(what) + " must be a base64 string");
  }
  Result<Bytes> raw = from_base64(value.get_ref<const std::string&>());
  if (!raw.ok() || raw->size() % 32 != 0) {
    return corrupt(std::string(what) + " is not base64 of 32-byte hashes");
  }
  std::vector<Digest> out(raw->size() / 32);
  for (size_t i = 0; i < out.size(); ++i) {
    std::copy_n(raw->begin() + static_cast<ptrdiff_t>(i * 32), 32, out[i].begin());
  }
  return out;
}

inline Result<MediaLeaves> reference_media(const json& j) {
  if (!j.is_object()) {
    return corrupt("must be an object");
  }
  HALLMARK_TRY(json_util::only_keys(j, {"leaves", "aux_leaves", "times", "unit_names", "keyframes",
                                        "discarded", "visible_first", "visible_end"}));
  MediaLeaves m;
  if (!j.contains("leaves")) {
    return corrupt("\"leaves\" is missing");
  }
  Result<std::vector<Digest>> leaves = reference_digests(j["leaves"], "\"leaves\"");
  HALLMARK_TRY(leaves);
  m.leaves = std::move(leaves).value();
  if (j.contains("aux_leaves")) {
    Result<std::vector<Digest>> aux = reference_digests(j["aux_leaves"], "\"aux_leaves\"");
    HALLMARK_TRY(aux);
    m.aux_leaves = std::move(aux).value();
  }
  if (j.contains("times")) {
    Result<const json*> times = json_util::get_array(j, "times");
    HALLMARK_TRY(times);
    for (const json& t : **times) {
      if (t.is_null()) {
        m.times.push_back(std::nan(""));
      } else if (t.is_number()) {
        m.times.push_back(t.get<double>());
      } else {
        return corrupt("\"times\" must hold numbers or null");
      }
    }
  }
  if (j.contains("unit_names")) {
    Result<const json*> names = json_util::get_array(j, "unit_names");
    HALLMARK_TRY(names);
    for (const json& n : **names) {
      if (!n.is_string()) {
        return corrupt("\"unit_names\" must hold strings");
      }
      m.unit_names.push_back(n.get<std::string>());
    }
  }
  constexpr uint64_t kMax = uint64_t{1} << 53;
  if (j.contains("keyframes")) {
    Result<const json*> keyframes = json_util::get_array(j, "keyframes");
    HALLMARK_TRY(keyframes);
    for (const json& k : **keyframes) {
      if (!k.is_number_integer() || k.get<int64_t>() < 0 || k.get<uint64_t>() > kMax) {
        return corrupt("\"keyframes\" must be a non-negative integer");
      }
      m.keyframes.push_back(k.get<uint64_t>());
    }
  }
  for (auto [key, field] :
       {std::pair{"discarded", &m.discarded}, std::pair{"visible_first", &m.visible_first},
        std::pair{"visible_end", &m.visible_end}}) {
    if (j.contains(key)) {
      Result<uint64_t> v = json_util::get_uint(j, key, kMax);
      HALLMARK_TRY(v);
      *field = *v;
    }
  }
  return m;
}

inline Result<Leaves> reference_leaves(std::string_view text) {
  Result<json> doc = json_util::parse_strict(text, "bundle");
  HALLMARK_TRY(doc);
  if (!doc->is_object()) {
    return corrupt("\"leaves\" must be an object");
  }
  HALLMARK_TRY(json_util::only_keys(*doc, {"file", "media"}));
  Leaves out;
  if (doc->contains("file")) {
    Result<std::vector<Digest>> file = reference_digests((*doc)["file"], "\"file\"");
    HALLMARK_TRY(file);
    out.file = std::move(file).value();
  }
  if (doc->contains("media")) {
    Result<const json*> media = json_util::get_object(*doc, "media");
    HALLMARK_TRY(media);
    for (auto it = (*media)->begin(); it != (*media)->end(); ++it) {
      Result<MediaLeaves> m = reference_media(it.value());
      HALLMARK_TRY(m);
      out.media.emplace(it.key(), std::move(m).value());
    }
  }
  return out;
}

inline Result<Leaves> streamed_leaves(std::string_view text, const bundle_leaves::Limits& limits) {
  const json_stream::MemorySource source(text);
  json_stream::Parser p(source, 0, text.size());
  HALLMARK_TRY(p.skip_bom());
  Leaves out;
  HALLMARK_TRY(bundle_leaves::parse(p, limits, out.file, out.media));
  HALLMARK_TRY(p.expect_end());
  return out;
}

inline bool same_times(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0 && !(std::isnan(a[i]) && std::isnan(b[i]))) {
      return false;
    }
  }
  return true;
}

inline bool same(const Leaves& a, const Leaves& b) {
  if (a.file != b.file || a.media.size() != b.media.size()) {
    return false;
  }
  for (const auto& [label, x] : a.media) {
    const auto it = b.media.find(label);
    if (it == b.media.end()) {
      return false;
    }
    const MediaLeaves& y = it->second;
    if (x.leaves != y.leaves || x.aux_leaves != y.aux_leaves || !same_times(x.times, y.times) ||
        x.unit_names != y.unit_names || x.keyframes != y.keyframes || x.discarded != y.discarded ||
        x.visible_first != y.visible_first || x.visible_end != y.visible_end) {
      return false;
    }
  }
  return true;
}

// Whether leaves read without limits break one of `limits`.
inline bool over_limits(const Leaves& l, const bundle_leaves::Limits& limits) {
  if (l.file.size() > limits.file_leaves) {
    return true;
  }
  for (const auto& [label, m] : l.media) {
    const auto it = limits.streams.find(label);
    if (it == limits.streams.end()) {
      return true;
    }
    const uint64_t n = it->second;
    if (m.leaves.size() > n || m.aux_leaves.size() > n || m.times.size() > n ||
        m.unit_names.size() > n || m.keyframes.size() > n) {
      return true;
    }
    uint64_t total = 0;
    for (const std::string& name : m.unit_names) {
      if (name.size() > kMaxUnitNameSize) {
        return true;
      }
      total += name.size();
    }
    if (total > kMaxUnitNameBytesPerLeaf * n + 4096) {
      return true;
    }
  }
  return false;
}

// The one limit a DOM cannot show: the length of a number as written.
inline bool number_too_long(const Status& s) {
  return s.message().ends_with("a number longer than 64 characters");
}

inline bundle_leaves::Limits limits_from(std::string_view header) {
  bundle_leaves::Limits limits;
  limits.file_leaves = static_cast<unsigned char>(header[0]);
  const char* labels[] = {"video#0", "audio#0", "image#0"};
  for (int i = 0; i < 3; ++i) {
    const auto n = static_cast<unsigned char>(header[static_cast<size_t>(i) + 1]);
    if (n != 255) {
      limits.streams[labels[i]] = n;
    }
  }
  return limits;
}

// "" if the property holds for `input`, else what broke.
inline std::string check(std::string_view input) {
  if (input.size() < 4) {
    return "";
  }
  const bundle_leaves::Limits limits = limits_from(input.substr(0, 4));
  const std::string_view text = input.substr(4);

  const Result<Leaves> reference = reference_leaves(text);
  bundle_leaves::Limits none;
  none.bounded = false;
  const Result<Leaves> unbounded = streamed_leaves(text, none);
  if (unbounded.ok() != reference.ok()) {
    return std::string("the streaming reader ") + (unbounded.ok() ? "accepts" : "refuses") +
           " what the reference " + (reference.ok() ? "accepts" : "refuses") + ": " +
           (unbounded.ok() ? reference.status().message() : unbounded.status().message());
  }
  if (unbounded.ok() && !same(*unbounded, *reference)) {
    return "the streaming reader reads other values than the reference";
  }
  const Result<Leaves> bounded = streamed_leaves(text, limits);
  if (bounded.ok()) {
    if (!unbounded.ok() || !same(*bounded, *unbounded)) {
      return "with limits, the reader accepts or reads what it does not without";
    }
    if (over_limits(*bounded, limits)) {
      return "with limits, the reader accepts leaves over them";
    }
  } else if (unbounded.ok() && !over_limits(*unbounded, limits) &&
             !number_too_long(bounded.status())) {
    return "with limits, the reader refuses leaves within them: " + bounded.status().message();
  }
  // check() finds every limit that parse() enforces, without keeping anything.
  const json_stream::MemorySource source(text);
  json_stream::Parser p(source, 0, text.size());
  Status checked = p.skip_bom();
  if (checked.ok()) {
    checked = bundle_leaves::check(p, limits);
  }
  if (checked.ok()) {
    checked = p.expect_end();
  }
  if (bounded.ok() && !checked.ok()) {
    return "check() refuses what parse() accepts: " + checked.message();
  }
  if (!checked.ok() && unbounded.ok() && !over_limits(*unbounded, limits) &&
      !number_too_long(checked)) {
    return "check() refuses leaves within the limits: " + checked.message();
  }
  return "";
}

}  // namespace hallmark::leaves_property
