#include "media/container_end.h"

#include <array>
#include <cstring>

#include "media/hashing.h"

namespace hallmark::media::internal {
namespace {

bool read(const InputFile& f, uint64_t offset, std::byte* out, size_t n) {
  return offset <= f.size() && n <= f.size() - offset &&
         f.read_exact(offset, std::span(out, n)).ok();
}

uint64_t load_be64(const std::byte* p) {
  return uint64_t(load_be32(p)) << 32 | load_be32(p + 4);
}

uint64_t load_le64(const std::byte* p) {
  return uint64_t(load_le32(p + 4)) << 32 | load_le32(p);
}

// Top-level box types of ISO BMFF (ISO/IEC 14496-12, 23001-7) and QuickTime files. Bytes that
// do not start one of these are not part of the file.
bool top_level_box(const std::byte* t) {
  static constexpr std::array<const char*, 22> kTypes = {
      "ftyp", "moov", "mdat", "free", "skip", "wide", "uuid", "meta", "moof", "mfra", "sidx",
      "ssix", "styp", "pdin", "emsg", "prft", "pnot", "junk", "udta", "PICT", "mfro", "fiin"};
  for (const char* k : kTypes) {
    if (std::memcmp(t, k, 4) == 0) {
      return true;
    }
  }
  return false;
}

uint64_t bmff_end(const InputFile& f) {
  uint64_t pos = 0;
  while (pos < f.size()) {
    std::byte h[16];
    if (!read(f, pos, h, 8) || !top_level_box(h + 4)) {
      return pos;
    }
    uint64_t size = load_be32(h);
    if (size == 0) {
      return f.size();  // The last box, to the end of the file.
    }
    if (size == 1) {
      if (!read(f, pos, h, 16)) {
        return pos;
      }
      size = load_be64(h + 8);
      if (size < 16) {
        return pos;
      }
    } else if (size < 8) {
      return pos;
    }
    if (size > f.size() - pos) {
      return f.size();  // Truncated: nothing was appended after it.
    }
    pos += size;
  }
  return f.size();
}

uint64_t riff_end(const InputFile& f, bool big_endian) {
  std::byte h[8];
  if (!read(f, 0, h, 8)) {
    return f.size();
  }
  if (std::memcmp(h, "RF64", 4) == 0) {
    return f.size();  // The size lives in the ds64 chunk; not worth the parse here.
  }
  const uint64_t size = big_endian ? load_be32(h + 4) : load_le32(h + 4);
  if (size == 0xFFFFFFFF || size == 0) {
    return f.size();  // Written while streaming: "to the end".
  }
  const uint64_t end = 8 + size + (size & 1);
  return end < f.size() ? end : f.size();
}

uint64_t w64_end(const InputFile& f) {
  std::byte h[24];
  if (!read(f, 0, h, 24)) {
    return f.size();
  }
  uint64_t end = load_le64(h + 16);
  end = (end + 7) & ~uint64_t(7);
  return end >= 24 && end < f.size() ? end : f.size();
}

// An EBML variable-length integer at `pos`: its value (with the length marker removed) and
// length; length 0 if invalid. `unknown` is set for the all-ones "unknown size".
size_t ebml_vint(const InputFile& f, uint64_t pos, bool id, uint64_t& value, bool& unknown) {
  std::byte b[8];
  if (!read(f, pos, b, 1)) {
    return 0;
  }
  const uint8_t first = uint8_t(b[0]);
  size_t len = 1;
  while (len <= 8 && (first & (0x80 >> (len - 1))) == 0) {
    ++len;
  }
  if (len > 8 || !read(f, pos, b, len)) {
    return 0;
  }
  value = id ? first : (first & (0xFF >> len));
  bool all_ones = value == (0xFFu >> len);
  for (size_t i = 1; i < len; ++i) {
    value = value << 8 | uint8_t(b[i]);
    all_ones = all_ones && uint8_t(b[i]) == 0xFF;
  }
  unknown = !id && all_ones;
  return len;
}

uint64_t matroska_end(const InputFile& f) {
  uint64_t pos = 0;
  while (pos < f.size()) {
    uint64_t id = 0, size = 0;
    bool unknown = false;
    const size_t id_len = ebml_vint(f, pos, true, id, unknown);
    if (id_len == 0 || (id != 0x1A45DFA3 && id != 0x18538067)) {
      return pos;  // Neither an EBML header nor a segment: not Matroska any more.
    }
    const size_t size_len = ebml_vint(f, pos + id_len, false, size, unknown);
    if (size_len == 0) {
      return pos;
    }
    const uint64_t data = pos + id_len + size_len;
    if (unknown || data > f.size() || size > f.size() - data) {
      return f.size();  // Live-written or truncated: to the end.
    }
    pos = data + size;
  }
  return f.size();
}

}  // namespace

uint64_t container_end(const InputFile& file, std::string_view format) {
  if (format == "mp4" || format == "mov" || format == "3gp") {
    return bmff_end(file);
  }
  if (format == "wav" || format == "avi") {
    return riff_end(file, false);
  }
  if (format == "aiff") {
    return riff_end(file, true);
  }
  if (format == "w64") {
    return w64_end(file);
  }
  if (format == "matroska" || format == "webm") {
    return matroska_end(file);
  }
  return file.size();
}

}  // namespace hallmark::media::internal
