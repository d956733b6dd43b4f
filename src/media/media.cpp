// bind_media(): format detection and dispatch, still images, roots, comparison (media.h).
#include "hallmark/media.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "hallmark/merkle.h"
#include "media/av_streams.h"
#include "media/detect.h"
#include "media/exif.h"
#include "media/hashing.h"
#include "media/images.h"

namespace hallmark::media {
namespace {

using internal::Family;

// Still images are read whole; beyond this they are left to the file binding.
constexpr uint64_t kMaxImage = uint64_t(1) << 30;
constexpr size_t kHeadSize = 64 * 1024;

Result<Bytes> read_head(const InputFile& file) {
  return file.read(0, size_t(std::min<uint64_t>(file.size(), kHeadSize)));
}

Result<MediaBinding> bind_image(const InputFile& file, Family family, const MediaOptions& options) {
  if (file.size() > kMaxImage) {
    return unsupported("image larger than 1 GiB");
  }
  Result<Bytes> data = file.read_all(kMaxImage);
  HALLMARK_TRY(data);
  const ByteView bytes = *data;
  Result<internal::ImageSegments> seg = family == Family::kJpeg  ? internal::segment_jpeg(bytes)
                                        : family == Family::kPng ? internal::segment_png(bytes)
                                                                 : internal::segment_webp(bytes);
  if (!seg.ok()) {
    return seg.status();
  }
  MediaBinding out;
  out.format = seg->codec;
  StreamBinding s;
  s.kind = StreamKind::kImage;
  s.codec = seg->codec;
  s.leaves = std::move(seg->leaves);
  s.unit_names = std::move(seg->unit_names);
  s.leaf_count = s.leaves.size();
  s.visible_end = s.leaf_count;
  s.root = stream_root(s.kind, s.codec, std::nullopt, merkle::root(s.leaves));
  out.streams.push_back(std::move(s));
  out.content_root = content_root(out.streams);
  out.metadata_digest = seg->metadata;
  out.trailer = seg->trailer;
  out.trailer_size = seg->trailer_size;
  out.warnings = std::move(seg->warnings);
  for (ByteView exif : seg->exif) {
    internal::ExifFacts facts = internal::read_exif(exif, options.include_location);
    if (facts.parsed) {
      out.claims = std::move(facts.claims);
      break;
    }
  }
  // Orientation 1 is what a missing or invalid tag means to a viewer, so stripping an EXIF
  // that said 1 does not change how the picture is shown.
  const uint64_t orientation =
      out.claims.orientation && *out.claims.orientation >= 1 && *out.claims.orientation <= 8
          ? *out.claims.orientation
          : 1;
  internal::ItemHasher rendering(internal::kRenderingTag);
  rendering.item("orientation", as_bytes(std::to_string(orientation)));
  for (const auto& [name, digest] : seg->rendering) {
    rendering.item(name, digest);
  }
  out.rendering_digest = rendering.finish();
  return out;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

const StreamBinding* find_stream(const MediaBinding& m, const std::string& label) {
  for (const StreamBinding& s : m.streams) {
    if (s.label() == label) {
      return &s;
    }
  }
  return nullptr;
}

// Runs of differing leaves between `a` (signed) and `b` (actual): [first, count, actual_first,
// actual_count] each.
struct Run {
  uint64_t first, count, actual_first, actual_count;
};
std::vector<Run> diff_runs(const std::vector<Digest>& a, const std::vector<Digest>& b) {
  std::vector<Run> runs;
  if (a.size() == b.size()) {
    for (uint64_t i = 0; i < a.size();) {
      if (a[i] == b[i]) {
        ++i;
        continue;
      }
      uint64_t j = i;
      while (j < a.size() && a[j] != b[j]) {
        ++j;
      }
      runs.push_back({i, j - i, i, j - i});
      i = j;
    }
    return runs;
  }
  const uint64_t shorter = std::min(a.size(), b.size());
  uint64_t prefix = 0;
  while (prefix < shorter && a[prefix] == b[prefix]) {
    ++prefix;
  }
  uint64_t suffix = 0;
  while (suffix < shorter - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  runs.push_back({prefix, a.size() - suffix - prefix, prefix, b.size() - suffix - prefix});
  return runs;
}

ChangedRange make_range(const std::string& label, uint64_t first, uint64_t count,
                        uint64_t actual_first, uint64_t actual_count) {
  ChangedRange r;
  r.stream = label;
  r.first = first;
  r.count = count;
  r.actual_first = actual_first;
  r.actual_count = actual_count;
  return r;
}

void fill_range(ChangedRange& r, const StreamBinding& from, uint64_t first, uint64_t count) {
  if (from.kind == StreamKind::kImage) {
    r.noun = "unit";
    for (uint64_t i = first; i < first + count && i < from.unit_names.size(); ++i) {
      r.units.push_back(from.unit_names[i]);
    }
    return;
  }
  r.noun = from.codec.rfind("pcm_", 0) == 0 ? "block" : "packet";
  for (uint64_t i = first; i < first + count && i < from.times.size(); ++i) {
    const double t = from.times[i];
    if (std::isnan(t)) {
      continue;
    }
    r.start_seconds = r.start_seconds ? std::min(*r.start_seconds, t) : t;
    r.end_seconds = r.end_seconds ? std::max(*r.end_seconds, t) : t;
  }
}

}  // namespace

std::string_view kind_name(StreamKind kind) {
  switch (kind) {
    case StreamKind::kVideo:
      return "video";
    case StreamKind::kAudio:
      return "audio";
    case StreamKind::kImage:
      return "image";
  }
  return "unknown";
}

std::string StreamBinding::label() const {
  return std::string(kind_name(kind)) + "#" + std::to_string(ordinal);
}

Result<std::string> detect_media_format(const InputFile& file) {
  Result<Bytes> head = read_head(file);
  if (!head.ok()) {
    return head.status();
  }
  const internal::Detected detected = internal::detect_format(*head);
  return detected.family == Family::kUnknown ? std::string() : detected.name;
}

Result<MediaBinding> bind_media(const InputFile& file, const MediaOptions& options) {
  const std::string& path = file.path();
  Result<Bytes> head = read_head(file);
  if (!head.ok()) {
    return head.status();
  }
  if (head->empty()) {
    return unsupported(path + ": empty file");
  }
  const internal::Detected detected = internal::detect_format(*head);
  Result<MediaBinding> result = unsupported("not a recognised media format");
  switch (detected.family) {
    case Family::kUnknown:
      break;
    case Family::kUnsupported:
      result = unsupported(detected.name + " is not bound by this version");
      break;
    case Family::kJpeg:
    case Family::kPng:
    case Family::kWebp:
      result = bind_image(file, detected.family, options);
      break;
    case Family::kAv:
      result = internal::bind_av(file, detected.name, options);
      break;
  }
  if (!result.ok()) {
    return result.status().with_context(path);
  }
  return result;
}

Digest stream_root(StreamKind kind, std::string_view codec, const std::optional<Digest>& config,
                   const Digest& packet_root) {
  Sha256 sha;
  const std::string_view name = codec.substr(0, 255);
  const std::byte head[3] = {internal::kStreamRootTag, std::byte(kind), std::byte(name.size())};
  sha.update(ByteView(head, 3)).update(as_bytes(name));
  const std::byte has_config{config ? uint8_t(1) : uint8_t(0)};
  sha.update(ByteView(&has_config, 1));
  if (config) {
    sha.update(*config);
  }
  sha.update(packet_root);
  return sha.finish();
}

Digest content_root(const std::vector<StreamBinding>& streams) {
  std::vector<Digest> leaves;
  leaves.reserve(streams.size());
  for (const StreamBinding& s : streams) {
    leaves.push_back(merkle::hash_leaf(s.root));
  }
  return merkle::root(leaves);
}

Status check_leaves(const StreamBinding& s) {
  const std::string label = s.label();
  if (s.leaves.size() != s.leaf_count) {
    return corrupt(label + ": " + std::to_string(s.leaves.size()) + " leaves for leaf_count " +
                   std::to_string(s.leaf_count));
  }
  if (!s.times.empty() && s.times.size() != s.leaves.size()) {
    return corrupt(label + ": " + std::to_string(s.times.size()) + " times for " +
                   std::to_string(s.leaves.size()) + " leaves");
  }
  if (!s.unit_names.empty() && s.unit_names.size() != s.leaves.size()) {
    return corrupt(label + ": " + std::to_string(s.unit_names.size()) + " unit names for " +
                   std::to_string(s.leaves.size()) + " leaves");
  }
  if (!s.aux_leaves.empty() && s.aux_leaves.size() != s.leaves.size()) {
    return corrupt(label + ": " + std::to_string(s.aux_leaves.size()) + " aux leaves for " +
                   std::to_string(s.leaves.size()) + " leaves");
  }
  if (stream_root(s.kind, s.codec, s.config, merkle::root(s.leaves)) != s.root) {
    return verify_failed(label + ": leaf table does not match the stream root");
  }
  if (!s.aux_leaves.empty() && (!s.aux_root || merkle::root(s.aux_leaves) != *s.aux_root)) {
    return verify_failed(label + ": aux leaf table does not match the aux root");
  }
  return {};
}

std::string ChangedRange::describe() const {
  std::string text = stream + " ";
  const auto span = [&](uint64_t f, uint64_t n) {
    return n == 1 ? noun + " " + std::to_string(f)
                  : noun + "s " + std::to_string(f) + "–" + std::to_string(f + n - 1);
  };
  if (count == 0) {
    text += std::to_string(actual_count) + " " + noun + (actual_count == 1 ? "" : "s") +
            " inserted before " + noun + " " + std::to_string(first);
  } else {
    text += span(first, count);
    if (actual_count == 0) {
      text += " removed";
    } else if (actual_count != count) {
      text += " replaced by " + std::to_string(actual_count) + " " + noun +
              (actual_count == 1 ? "" : "s");
    }
  }
  if (start_seconds && end_seconds) {
    text += ", " + seconds_text(*start_seconds);
    if (*end_seconds != *start_seconds) {
      text += "–" + seconds_text(*end_seconds);
    }
    text += " s";
  }
  if (!units.empty()) {
    text += " (";
    for (size_t i = 0; i < units.size() && i < 8; ++i) {
      text += (i > 0 ? ", " : "") + units[i];
    }
    text += units.size() > 8 ? ", ...)" : ")";
  }
  if (aux_only) {
    text += " (side info only)";
  }
  return text;
}

Comparison compare(const MediaBinding& signed_binding, const MediaBinding& actual) {
  Comparison c;
  c.metadata_changed = signed_binding.metadata_digest != actual.metadata_digest;
  c.rendering_changed = signed_binding.rendering_digest != actual.rendering_digest;
  c.trailer_changed = signed_binding.trailer != actual.trailer ||
                      signed_binding.trailer_size != actual.trailer_size;
  c.format_changed = signed_binding.format != actual.format;
  bool roots_equal = true;
  for (const StreamBinding& s : signed_binding.streams) {
    const std::string label = s.label();
    const StreamBinding* a = find_stream(actual, label);
    if (a == nullptr) {
      c.missing_streams.push_back(label);
      roots_equal = false;
      continue;
    }
    if (a->codec != s.codec) {
      c.codec_changed.push_back(label);
      roots_equal = false;
      continue;
    }
    if (s.config != a->config) {
      c.config_changed.push_back(label);
    }
    const bool aux_differs = s.aux_root != a->aux_root;
    if (aux_differs) {
      c.aux_changed.push_back(label);
    }
    if (s.root == a->root && !aux_differs) {
      continue;
    }
    roots_equal = roots_equal && s.root == a->root;
    const bool usable = check_leaves(s).ok() && a->leaves.size() == a->leaf_count;
    if (!usable) {
      if (s.root != a->root) {
        c.unlocalised.push_back(label);
      }
      continue;
    }
    std::vector<bool> covered(s.leaves.size(), false);
    if (s.root != a->root) {
      for (const Run& run : diff_runs(s.leaves, a->leaves)) {
        ChangedRange r =
            make_range(label, run.first, run.count, run.actual_first, run.actual_count);
        if (run.count > 0) {
          fill_range(r, s, run.first, run.count);
        } else {
          fill_range(r, *a, run.actual_first, run.actual_count);
        }
        for (uint64_t i = run.first; i < run.first + run.count; ++i) {
          covered[i] = true;
        }
        c.changes.push_back(std::move(r));
      }
    }
    if (aux_differs && !s.aux_leaves.empty() && s.aux_leaves.size() == a->aux_leaves.size()) {
      // Side-info changes where the picture data did not change.
      for (const Run& run : diff_runs(s.aux_leaves, a->aux_leaves)) {
        uint64_t i = run.first;
        const uint64_t end = run.first + run.count;
        while (i < end) {
          if (covered[i]) {
            ++i;
            continue;
          }
          uint64_t j = i;
          while (j < end && !covered[j]) {
            ++j;
          }
          ChangedRange r = make_range(label, i, j - i, i, j - i);
          r.aux_only = true;
          fill_range(r, s, i, j - i);
          c.changes.push_back(std::move(r));
          i = j;
        }
      }
    }
  }
  for (const StreamBinding& a : actual.streams) {
    if (find_stream(signed_binding, a.label()) == nullptr) {
      c.extra_streams.push_back(a.label());
      roots_equal = false;
    }
  }
  c.content_equal = roots_equal && signed_binding.content_root == actual.content_root;
  return c;
}

}  // namespace hallmark::media
