#include "media/iptc.h"

#include <cstring>

#include "media/exif.h"
#include "media/hashing.h"

namespace hallmark::media::internal {
namespace {

void read_iim(ByteView d, IptcFacts& out) {
  size_t i = 0;
  while (i + 5 <= d.size()) {
    if (uint8_t(d[i]) != 0x1C) {
      return;  // Not a dataset tag: the rest is not IIM.
    }
    const uint8_t record = uint8_t(d[i + 1]);
    const uint8_t dataset = uint8_t(d[i + 2]);
    size_t len = load_be16(d.data() + i + 3);
    i += 5;
    if ((len & 0x8000) != 0) {
      // Extended dataset: the low bits give the size of the length field that follows.
      const size_t n = len & 0x7FFF;
      if (n == 0 || n > 4 || i + n > d.size()) {
        return;
      }
      len = 0;
      for (size_t k = 0; k < n; ++k) {
        len = len << 8 | uint8_t(d[i + k]);
      }
      i += n;
    }
    if (len > d.size() - i) {
      return;
    }
    const std::string_view value(reinterpret_cast<const char*>(d.data() + i), len);
    i += len;
    if (record != 2) {
      continue;
    }
    std::optional<std::string>* slot = dataset == 120   ? &out.caption
                                       : dataset == 80  ? &out.byline
                                       : dataset == 116 ? &out.copyright
                                                        : nullptr;
    if (slot != nullptr && !*slot) {
      *slot = claim_text(value);
    }
  }
}

}  // namespace

IptcFacts read_iptc(ByteView r) {
  IptcFacts out;
  size_t i = 0;
  while (i + 12 <= r.size() && std::memcmp(r.data() + i, "8BIM", 4) == 0) {
    const uint16_t id = load_be16(r.data() + i + 4);
    size_t p = i + 6;
    const size_t name = uint8_t(r[p]);
    p += (1 + name + 1) & ~size_t(1);  // Pascal string, padded to even length.
    if (p + 4 > r.size()) {
      break;
    }
    const size_t size = load_be32(r.data() + p);
    p += 4;
    if (size > r.size() - p) {
      break;
    }
    if (id == 0x0404) {
      read_iim(r.subspan(p, size), out);
    }
    i = p + size + (size & 1);
  }
  return out;
}

}  // namespace hallmark::media::internal
