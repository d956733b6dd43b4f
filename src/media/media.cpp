// bind_media(): format detection and dispatch, still images, roots, comparison (media.h).
#include "hallmark/media.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "hallmark/merkle.h"
#include "media/av_streams.h"
#include "media/detect.h"
#include "media/exif.h"
#include "media/hashing.h"
#include "media/images.h"
#include "media/iptc.h"

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
  if (options.version >= 2) {
    s.leaf_info = leaf_info_digest(s);
  }
  out.streams.push_back(std::move(s));
  out.content_root = content_root(out.streams);
  out.metadata_digest = seg->metadata;
  out.trailer = seg->trailer;
  out.trailer_size = seg->trailer_size;
  out.warnings = std::move(seg->warnings);
  out.version = options.version;
  for (ByteView exif : seg->exif) {
    internal::ExifFacts facts = internal::read_exif(exif, options.include_location);
    if (facts.parsed) {
      out.claims = std::move(facts.claims);
      break;
    }
  }
  for (ByteView resources : seg->photoshop) {
    internal::IptcFacts iptc = internal::read_iptc(resources);
    if (iptc.caption || iptc.byline || iptc.copyright) {
      out.claims.caption = iptc.caption;
      if (!out.claims.artist) {
        out.claims.artist = iptc.byline;
      }
      if (!out.claims.copyright) {
        out.claims.copyright = iptc.copyright;
      }
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
  out.rendering_items = seg->rendering.size();
  return out;
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
  if (options.version < 1 || options.version > kMediaBindingVersion) {
    return invalid_argument("media binding version " + std::to_string(options.version) +
                            " is not known to this version of hallmark");
  }
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

Digest leaf_info_digest(const StreamBinding& s) {
  Sha256 sha;
  const auto u64 = [&](uint64_t v) {
    std::byte b[8];
    for (int i = 0; i < 8; ++i) {
      b[i] = std::byte(v >> (56 - 8 * i));
    }
    sha.update(ByteView(b, 8));
  };
  const std::byte tag = internal::kLeafInfoTag;
  sha.update(ByteView(&tag, 1));
  u64(s.times.size());
  for (double t : s.times) {
    // Whole microseconds, as a bundle stores them; NaN (no time) as the smallest int64.
    u64(std::isfinite(t) ? uint64_t(std::llround(t * 1e6)) : uint64_t(1) << 63);
  }
  u64(s.unit_names.size());
  for (const std::string& n : s.unit_names) {
    u64(n.size());
    sha.update(as_bytes(n));
  }
  u64(s.keyframes.size());
  for (uint64_t k : s.keyframes) {
    u64(k);
  }
  u64(s.discarded);
  u64(s.visible_first);
  u64(s.visible_end);
  return sha.finish();
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
  for (size_t i = 0; i < s.keyframes.size(); ++i) {
    if (s.keyframes[i] >= s.leaves.size() || (i > 0 && s.keyframes[i] <= s.keyframes[i - 1])) {
      return corrupt(label + ": keyframes are not increasing leaf indices");
    }
  }
  if (stream_root(s.kind, s.codec, s.config, merkle::root(s.leaves)) != s.root) {
    return verify_failed(label + ": leaf table does not match the stream root");
  }
  if (!s.aux_leaves.empty() && (!s.aux_root || merkle::root(s.aux_leaves) != *s.aux_root)) {
    return verify_failed(label + ": aux leaf table does not match the aux root");
  }
  if (s.leaf_info && leaf_info_digest(s) != *s.leaf_info) {
    return verify_failed(label + ": the leaf times, names or keyframes are not the signed ones");
  }
  return {};
}

}  // namespace hallmark::media
