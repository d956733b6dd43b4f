#include "media_record.h"

namespace hallmark::media_record {
namespace {

media::StreamKind kind_of(std::string_view name) {
  if (name == "audio") {
    return media::StreamKind::kAudio;
  }
  if (name == "image") {
    return media::StreamKind::kImage;
  }
  return media::StreamKind::kVideo;
}

}  // namespace

static_assert(media::kMediaBindingVersion == kMaxMediaBindingVersion);

MediaBindingInfo to_info(const media::MediaBinding& b) {
  MediaBindingInfo info;
  info.version = b.version;
  info.format = b.format;
  info.content_root = b.content_root;
  info.metadata = b.metadata_digest;
  info.rendering = b.rendering_digest;
  info.trailer = b.trailer;
  info.trailer_size = b.trailer_size;
  for (const media::StreamBinding& s : b.streams) {
    info.streams.push_back({std::string(media::kind_name(s.kind)), static_cast<uint64_t>(s.ordinal),
                            s.codec, s.root, s.leaf_count, s.config, s.aux_root, s.timing,
                            s.leaf_info});
  }
  return info;
}

std::map<std::string, MediaLeaves> take_leaves(media::MediaBinding& b) {
  std::map<std::string, MediaLeaves> out;
  for (media::StreamBinding& s : b.streams) {
    MediaLeaves& m = out[s.label()];
    m.leaves = std::move(s.leaves);
    m.aux_leaves = std::move(s.aux_leaves);
    m.times = std::move(s.times);
    m.unit_names = std::move(s.unit_names);
    m.keyframes = std::move(s.keyframes);
    m.discarded = s.discarded;
    m.visible_first = s.visible_first;
    m.visible_end = s.visible_end;
  }
  return out;
}

media::MediaBinding from_record(const MediaBindingInfo& info, const Claims& claims,
                                const std::map<std::string, MediaLeaves>& leaves) {
  media::MediaBinding b;
  b.version = info.version;
  b.claims = claims;
  b.format = info.format;
  b.content_root = info.content_root;
  b.metadata_digest = info.metadata;
  b.rendering_digest = info.rendering;
  b.trailer = info.trailer;
  b.trailer_size = info.trailer_size;
  for (const MediaStreamInfo& si : info.streams) {
    media::StreamBinding s;
    s.kind = kind_of(si.kind);
    s.ordinal = static_cast<int>(si.ordinal);
    s.codec = si.codec;
    s.root = si.root;
    s.leaf_count = si.leaf_count;
    s.config = si.config;
    s.aux_root = si.aux_root;
    s.timing = si.timing;
    s.leaf_info = si.leaf_info;
    s.visible_end = si.leaf_count;
    if (const auto it = leaves.find(s.label()); it != leaves.end()) {
      s.leaves = it->second.leaves;
      s.aux_leaves = it->second.aux_leaves;
      if (info.version >= 2) {  // Signed through leaf_info; version 1 did not sign them.
        s.times = it->second.times;
        s.unit_names = it->second.unit_names;
        s.keyframes = it->second.keyframes;
        s.discarded = it->second.discarded;
        s.visible_first = it->second.visible_first;
        s.visible_end = it->second.visible_end;
      }
    }
    b.streams.push_back(std::move(s));
  }
  return b;
}

}  // namespace hallmark::media_record
