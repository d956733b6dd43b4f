// PNG segmenter (PNG 3rd edition chunks, APNG), see images.h for the contract.
#include <array>
#include <optional>
#include <string>

#include "media/hashing.h"
#include "media/images.h"

namespace hallmark::media::internal {
namespace {

// CRC-32 (ISO 3309, as PNG uses it), table-driven.
uint32_t crc32(uint32_t crc, ByteView data) {
  static const std::array<uint32_t, 256> kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) {
        c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      }
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (std::byte b : data) {
    crc = kTable[(crc ^ uint8_t(b)) & 0xFF] ^ (crc >> 8);
  }
  return ~crc;
}

bool is_rendering(std::string_view type) {
  return type == "gAMA" || type == "cHRM" || type == "sRGB" || type == "iCCP" || type == "cICP" ||
         type == "mDCv" || type == "cLLi";
}

bool valid_type(ByteView t) {
  for (std::byte b : t) {
    const char c = char(b);
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
      return false;
    }
  }
  return true;
}

// A unit whose bytes arrive over several chunks (IDAT, one APNG frame's fdAT): it keeps its
// place in the unit list from its first chunk and is finished when the run ends.
struct SpanningUnit {
  std::optional<size_t> slot;
  LeafHasher hasher;
};

}  // namespace

Result<ImageSegments> segment_png(ByteView f) {
  ImageSegments out;
  out.codec = "png";
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (f.size() < 8 || as_chars(f.first(8)) != kSignature) {
    return corrupt("png: bad signature");
  }
  ItemHasher metadata(kMetadataTag);
  LeafHasher leaf;
  SpanningUnit idat, frame;
  int frames = 0;
  bool ihdr = false, iend = false, idat_ended = false;
  auto finish = [&](SpanningUnit& u) {
    if (u.slot) {
      out.leaves[*u.slot] = u.hasher.finish();
      u.slot.reset();
    }
  };
  auto start = [&](SpanningUnit& u, std::string name, std::string_view tag) {
    u.slot = out.leaves.size();
    out.leaves.emplace_back();
    out.unit_names.push_back(std::move(name));
    u.hasher.add(as_bytes(tag));
  };
  size_t pos = 8;
  while (pos < f.size()) {
    const std::string at = " at offset " + std::to_string(pos);
    if (f.size() - pos < 12) {
      return corrupt("png: chunk" + at + ": truncated");
    }
    const uint32_t len = load_be32(&f[pos]);
    const ByteView type_bytes = f.subspan(pos + 4, 4);
    const std::string type(as_chars(type_bytes));
    if (!valid_type(type_bytes)) {
      return corrupt("png: chunk" + at + ": bad chunk type");
    }
    if (len > 0x7FFFFFFFu || f.size() - pos - 12 < len) {
      return corrupt("png: " + type + at + ": truncated (" + std::to_string(len) +
                     " bytes of data declared)");
    }
    const ByteView data = f.subspan(pos + 8, len);
    if (crc32(crc32(0, type_bytes), data) != load_be32(&f[pos + 8 + len])) {
      return corrupt("png: " + type + at + ": CRC mismatch");
    }
    pos += 12 + size_t(len);
    if (!ihdr && type != "IHDR") {
      return corrupt("png: first chunk is " + type + ", not IHDR");
    }
    if (type != "IDAT" && idat.slot) {
      finish(idat);
      idat_ended = true;
    }
    if (type == "IHDR") {
      if (ihdr || len != 13) {
        return corrupt("png: IHDR" + at + (ihdr ? ": repeated" : ": length is not 13"));
      }
      ihdr = true;
      out.width = load_be32(&data[0]);
      out.height = load_be32(&data[4]);
      out.leaves.push_back(leaf.add(type_bytes).add(data).finish());
      out.unit_names.push_back(type);
    } else if (type == "IDAT") {
      if (!idat.slot) {
        if (idat_ended) {
          add_warning(out.warnings, "png: IDAT" + at + ": IDAT chunks are not consecutive");
        }
        start(idat, "IDAT", "IDAT");
      }
      idat.hasher.add(data);
    } else if (type == "IEND") {
      iend = true;
      break;
    } else if (type == "fcTL" || type == "fdAT") {
      // APNG: the 4-byte sequence number renumbers when chunks are split, so it is left out.
      if (len < 4) {
        return corrupt("png: " + type + at + ": shorter than its sequence number");
      }
      if (type == "fcTL") {
        finish(frame);
        out.leaves.push_back(leaf.add(type_bytes).add(data.subspan(4)).finish());
        out.unit_names.push_back("fcTL " + std::to_string(frames++));
      } else {
        if (!frame.slot) {
          start(frame, "fdAT " + std::to_string(frames > 0 ? frames - 1 : 0), "fdAT");
        }
        frame.hasher.add(data.subspan(4));
      }
    } else if (type == "PLTE" || type == "tRNS" || type == "acTL") {
      out.leaves.push_back(leaf.add(type_bytes).add(data).finish());
      out.unit_names.push_back(type);
    } else if (is_rendering(type)) {
      out.rendering.emplace_back(type, sha256(data));
    } else if ((uint8_t(type_bytes[0]) & 0x20) != 0) {
      // Ancillary: metadata. eXIf also goes to the EXIF reader.
      metadata.item(type, data);
      if (type == "eXIf") {
        out.exif.push_back(data);
      }
    } else {
      // An unknown critical chunk: decoders must refuse the file without it, so it is content.
      out.leaves.push_back(leaf.add(type_bytes).add(data).finish());
      out.unit_names.push_back(type);
    }
  }
  finish(idat);
  finish(frame);
  if (!ihdr) {
    return corrupt("png: no IHDR chunk");
  }
  bool have_idat = false;
  for (const std::string& name : out.unit_names) {
    have_idat = have_idat || name == "IDAT";
  }
  if (!have_idat) {
    return corrupt("png: no IDAT chunk");
  }
  if (!iend) {
    add_warning(out.warnings, "png: no IEND chunk (truncated)");
  } else if (pos < f.size()) {
    const ByteView rest = f.subspan(pos);
    out.trailer = LeafHasher().add(rest).finish();
    out.trailer_size = rest.size();
  }
  out.metadata = metadata.finish();
  return out;
}

}  // namespace hallmark::media::internal
