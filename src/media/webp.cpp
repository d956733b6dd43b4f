// WebP segmenter (RIFF container, RFC 9649), see images.h for the contract.
#include <algorithm>
#include <cstring>
#include <string>

#include "media/hashing.h"
#include "media/images.h"

namespace hallmark::media::internal {

Result<ImageSegments> segment_webp(ByteView f) {
  ImageSegments out;
  out.codec = "webp";
  if (f.size() < 12 || as_chars(f.first(4)) != "RIFF" || as_chars(f.subspan(8, 4)) != "WEBP") {
    return corrupt("webp: no RIFF/WEBP header");
  }
  const uint64_t riff_end = 8 + uint64_t(load_le32(&f[4]));
  size_t end = f.size();
  if (riff_end > f.size()) {
    add_warning(out.warnings, "webp: RIFF size " + std::to_string(riff_end - 8) +
                                  " runs past the end of the file (truncated)");
  } else {
    end = size_t(riff_end);
  }
  ItemHasher metadata(kMetadataTag);
  LeafHasher leaf;
  size_t pos = 12;
  while (pos < end && end - pos >= 8) {
    const ByteView fourcc = f.subspan(pos, 4);
    const std::string name(as_chars(fourcc));
    const uint32_t size = load_le32(&f[pos + 4]);
    const std::string at = " at offset " + std::to_string(pos);
    if (f.size() - pos - 8 < size) {
      return corrupt("webp: " + name + " chunk" + at + ": truncated (" + std::to_string(size) +
                     " bytes declared)");
    }
    const ByteView data = f.subspan(pos + 8, size);
    pos += 8 + size_t(size);
    pos += (size & 1) != 0 && pos < end ? 1 : 0;
    if (name == "VP8 " || name == "VP8L" || name == "ALPH" || name == "ANIM" || name == "ANMF") {
      out.leaves.push_back(leaf.add(fourcc).add(data).finish());
      out.unit_names.push_back(name == "VP8 " ? "VP8" : name);
      if (out.width == 0 && name == "VP8 " && size >= 10 && uint8_t(data[3]) == 0x9D &&
          uint8_t(data[4]) == 0x01 && uint8_t(data[5]) == 0x2A) {
        out.width = (uint32_t(uint8_t(data[6])) | uint32_t(uint8_t(data[7])) << 8) & 0x3FFF;
        out.height = (uint32_t(uint8_t(data[8])) | uint32_t(uint8_t(data[9])) << 8) & 0x3FFF;
      } else if (out.width == 0 && name == "VP8L" && size >= 5 && uint8_t(data[0]) == 0x2F) {
        const uint32_t bits = load_le32(&data[1]);
        out.width = (bits & 0x3FFF) + 1;
        out.height = ((bits >> 14) & 0x3FFF) + 1;
      }
    } else if (name == "VP8X") {
      // Canvas flags and size: rewritten or dropped by metadata tools; the image chunks
      // carry the picture. Only the size is read, for display.
      if (size >= 10) {
        out.width = (uint32_t(uint8_t(data[4])) | uint32_t(uint8_t(data[5])) << 8 |
                     uint32_t(uint8_t(data[6])) << 16) +
                    1;
        out.height = (uint32_t(uint8_t(data[7])) | uint32_t(uint8_t(data[8])) << 8 |
                      uint32_t(uint8_t(data[9])) << 16) +
                     1;
      }
    } else if (name == "ICCP") {
      out.rendering.emplace_back("icc", sha256(data));
    } else {
      metadata.item(name, data);
      if (name == "EXIF") {
        const bool prefixed = data.size() >= 6 && std::memcmp(data.data(), "Exif\0\0", 6) == 0;
        out.exif.push_back(prefixed ? data.subspan(6) : data);
      }
    }
  }
  if (pos < end) {
    // Too short for a chunk header: kept in the metadata digest so no byte goes unbound.
    add_warning(out.warnings,
                "webp: " + std::to_string(end - pos) + " stray bytes after the last chunk");
    metadata.item("stray", f.subspan(pos, end - pos));
  } else if (pos > end) {
    add_warning(out.warnings, "webp: the last chunk runs past the RIFF size");
    end = std::min(pos, f.size());
  }
  if (out.leaves.empty()) {
    return corrupt("webp: no image chunk (VP8, VP8L or ANMF)");
  }
  if (end < f.size()) {
    const ByteView rest = f.subspan(end);
    out.trailer = LeafHasher().add(rest).finish();
    out.trailer_size = rest.size();
  }
  out.metadata = metadata.finish();
  return out;
}

}  // namespace hallmark::media::internal
