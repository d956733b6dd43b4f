// JPEG segmenter (ITU T.81 markers), see images.h for the contract.
#include <cstring>
#include <string>

#include "media/hashing.h"
#include "media/images.h"

namespace hallmark::media::internal {
namespace {

constexpr uint8_t kSoi = 0xD8, kEoi = 0xD9, kSos = 0xDA, kDqt = 0xDB, kDht = 0xC4, kDac = 0xCC,
                  kDri = 0xDD, kDnl = 0xDC, kCom = 0xFE;

std::string hex_byte(uint8_t b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

bool is_sof(uint8_t m) {
  return m >= 0xC0 && m <= 0xCF && m != kDht && m != 0xC8 && m != kDac;
}

bool starts_with(ByteView b, std::string_view magic) {
  return b.size() >= magic.size() && std::memcmp(b.data(), magic.data(), magic.size()) == 0;
}

class JpegSegmenter {
 public:
  explicit JpegSegmenter(ByteView f) : f_(f) {}

  Result<ImageSegments> run() {
    out_.codec = "jpeg";
    if (f_.size() < 2 || u8(0) != 0xFF || u8(1) != kSoi) {
      return corrupt("jpeg: no SOI marker at the start");
    }
    size_t pos = 2;
    bool eoi = false;
    size_t skipped = 0;
    while (true) {
      // next_marker() as in libjpeg's jdmarker.c: skip anything that is not 0xFF, then fill
      // bytes; warn about what was skipped and carry on.
      const size_t start = pos;
      while (pos < f_.size() && u8(pos) != 0xFF) {
        ++pos;
      }
      skipped += pos - start;
      while (pos < f_.size() && u8(pos) == 0xFF) {
        ++pos;
      }
      if (pos >= f_.size()) {
        break;
      }
      const uint8_t marker = u8(pos++);
      if (marker == 0x00) {
        skipped += 2;  // A stuffed 0xFF outside a scan: garbage too.
        continue;
      }
      if (skipped > 0) {
        add_warning(out_.warnings, "jpeg: " + std::to_string(skipped) +
                                       " extraneous bytes before marker " + hex_byte(marker) +
                                       " at offset " + std::to_string(pos - 2));
        skipped = 0;
      }
      if (marker == kEoi) {
        eoi = true;
        break;
      }
      if (marker == kSoi) {
        return corrupt("jpeg: second SOI marker at offset " + std::to_string(pos - 2));
      }
      if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
        add_warning(out_.warnings, "jpeg: stray marker " + hex_byte(marker) + " at offset " +
                                       std::to_string(pos - 2));
        continue;
      }
      if (pos + 2 > f_.size()) {
        return corrupt("jpeg: marker " + hex_byte(marker) + " at offset " +
                       std::to_string(pos - 2) + ": truncated");
      }
      const size_t len = size_t(u8(pos)) << 8 | u8(pos + 1);
      if (len < 2 || pos + len > f_.size()) {
        return corrupt("jpeg: segment " + hex_byte(marker) + " at offset " +
                       std::to_string(pos - 2) + ": length " + std::to_string(len) +
                       (len < 2 ? " too small" : " runs past the end of the file"));
      }
      const ByteView payload = f_.subspan(pos + 2, len - 2);
      pos += len;
      if (marker == kSos) {
        pos = scan(marker, payload, pos);
      } else {
        segment(marker, payload);
      }
    }
    if (!eoi) {
      add_warning(out_.warnings, "jpeg: no EOI marker (truncated)");
    } else if (pos < f_.size()) {
      const ByteView rest = f_.subspan(pos);
      out_.trailer = LeafHasher().add(rest).finish();
      out_.trailer_size = rest.size();
    }
    if (!seen_frame_) {
      return corrupt("jpeg: no frame header (SOFn)");
    }
    if (scans_ == 0) {
      return corrupt("jpeg: no scan (SOS)");
    }
    if (have_icc_) {
      out_.rendering.emplace_back("icc", icc_.finish());
    }
    out_.metadata = metadata_.finish();
    return std::move(out_);
  }

 private:
  uint8_t u8(size_t i) const { return uint8_t(f_[i]); }

  void unit(std::string name, uint8_t marker, ByteView a, ByteView b = {}) {
    const std::byte m{marker};
    out_.leaves.push_back(leaf_.add(ByteView(&m, 1)).add(a).add(b).finish());
    out_.unit_names.push_back(std::move(name));
  }

  // The scan starting after an SOS header: entropy-coded data runs to the first marker that is
  // neither a stuffed 0xFF00 nor RSTn. Returns the offset of that marker's first 0xFF.
  size_t scan(uint8_t marker, ByteView header, size_t pos) {
    size_t end = f_.size();
    size_t q = pos;
    while (q < f_.size()) {
      const void* hit = std::memchr(f_.data() + q, 0xFF, f_.size() - q);
      if (hit == nullptr) {
        break;
      }
      const size_t ff = size_t(static_cast<const std::byte*>(hit) - f_.data());
      size_t s = ff + 1;
      while (s < f_.size() && u8(s) == 0xFF) {
        ++s;
      }
      if (s >= f_.size()) {
        end = ff;  // Fill bytes at the end of a truncated file.
        break;
      }
      const uint8_t m = u8(s);
      if (m == 0x00 || (m >= 0xD0 && m <= 0xD7)) {
        q = s + 1;
        continue;
      }
      end = ff;
      break;
    }
    unit("scan " + std::to_string(scans_++), marker, header, f_.subspan(pos, end - pos));
    return end;
  }

  void segment(uint8_t marker, ByteView p) {
    if (marker == kDqt) {
      size_t i = 0;
      while (i < p.size()) {
        const size_t size = 1 + 64 * ((uint8_t(p[i]) >> 4) != 0 ? 2 : 1);
        if (i + size > p.size()) {
          add_warning(out_.warnings, "jpeg: DQT: " + std::to_string(p.size() - i) +
                                         " bytes left over after the last table");
          unit("DQT rest", marker, p.subspan(i));
          break;
        }
        unit("DQT " + std::to_string(uint8_t(p[i]) & 15), marker, p.subspan(i, size));
        i += size;
      }
    } else if (marker == kDht) {
      size_t i = 0;
      while (i < p.size()) {
        size_t size = 17;
        for (size_t k = 1; k <= 16 && i + k < p.size(); ++k) {
          size += uint8_t(p[i + k]);
        }
        if (i + size > p.size()) {
          add_warning(out_.warnings, "jpeg: DHT: " + std::to_string(p.size() - i) +
                                         " bytes left over after the last table");
          unit("DHT rest", marker, p.subspan(i));
          break;
        }
        const uint8_t tc_th = uint8_t(p[i]);
        unit(std::string("DHT ") + ((tc_th >> 4) != 0 ? "AC" : "DC") + std::to_string(tc_th & 15),
             marker, p.subspan(i, size));
        i += size;
      }
    } else if (is_sof(marker)) {
      if (!seen_frame_ && p.size() >= 5) {
        out_.height = uint32_t(uint8_t(p[1])) << 8 | uint8_t(p[2]);
        out_.width = uint32_t(uint8_t(p[3])) << 8 | uint8_t(p[4]);
      }
      seen_frame_ = true;
      unit("SOF" + std::to_string(marker - 0xC0), marker, p);
    } else if (marker == kDac) {
      unit("DAC", marker, p);
    } else if (marker == kDri) {
      unit("DRI", marker, p);
    } else if (marker == kDnl) {
      unit("DNL", marker, p);
    } else if ((marker >= 0xE0 && marker <= 0xEF) || marker == kCom) {
      const std::string name = marker == kCom ? "COM" : "APP" + std::to_string(marker - 0xE0);
      metadata_.item(name, p);
      if (marker == 0xE1 && starts_with(p, std::string_view("Exif\0\0", 6))) {
        out_.exif.push_back(p.subspan(6));
      } else if (marker == 0xE2 && starts_with(p, std::string_view("ICC_PROFILE\0", 12)) &&
                 p.size() >= 14) {
        icc_.update(p.subspan(14));
        have_icc_ = true;
      } else if (marker == 0xED && starts_with(p, std::string_view("Photoshop 3.0\0", 14))) {
        out_.photoshop.push_back(p.subspan(14));
      } else if (marker == 0xEE && starts_with(p, "Adobe")) {
        out_.rendering.emplace_back("adobe", sha256(p));
      }
    } else {
      // Reserved and extension markers (JPG0-13, JPEG-LS LSE, ...): a decoder must understand
      // them, so they are content.
      unit("marker " + hex_byte(marker), marker, p);
    }
  }

  ByteView f_;
  ImageSegments out_;
  LeafHasher leaf_;
  ItemHasher metadata_{kMetadataTag};
  Sha256 icc_;
  bool have_icc_ = false;
  bool seen_frame_ = false;
  int scans_ = 0;
};

}  // namespace

Result<ImageSegments> segment_jpeg(ByteView file) {
  return JpegSegmenter(file).run();
}

}  // namespace hallmark::media::internal
