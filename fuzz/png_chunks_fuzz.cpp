// libFuzzer target: the PNG segmenter's chunk logic without the CRC wall. The input is a list
// of chunks as [u8 type index or 4 raw type bytes][u16 length][data]; this harness writes them
// as a PNG with correct CRCs, so ordering, APNG frames, IDAT runs and trailers are explored.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "media/images.h"

namespace {

uint32_t crc32(const std::byte* p, size_t n) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) {
    crc ^= uint8_t(p[i]);
    for (int k = 0; k < 8; ++k) {
      crc = (crc >> 1) ^ ((crc & 1) != 0 ? 0xEDB88320u : 0);
    }
  }
  return ~crc;
}

void put32(std::vector<std::byte>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) {
    out.push_back(std::byte(v >> s));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<const char*, 16> kTypes = {
      "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "iCCP", "eXIf",
      "tEXt", "acTL", "fcTL", "fdAT", "sRGB", "cICP", "zzZz", "ZZZZ"};
  std::vector<std::byte> file(8);
  std::memcpy(file.data(), "\x89PNG\r\n\x1a\n", 8);
  size_t i = 0;
  while (i + 3 <= size) {
    std::array<char, 4> type;
    const uint8_t t = data[i];
    if (t < 0xF0) {
      std::memcpy(type.data(), kTypes[t % kTypes.size()], 4);
      i += 1;
    } else if (i + 4 <= size) {
      std::memcpy(type.data(), data + i, 4);
      i += 4;
    } else {
      break;
    }
    if (i + 2 > size) {
      break;
    }
    size_t len = size_t(data[i]) << 8 | data[i + 1];
    i += 2;
    len = std::min(len, size - i);
    const size_t start = file.size();
    put32(file, uint32_t(len));
    for (char c : type) {
      file.push_back(std::byte(c));
    }
    for (size_t k = 0; k < len; ++k) {
      file.push_back(std::byte(data[i + k]));
    }
    i += len;
    put32(file, crc32(file.data() + start + 4, 4 + len));
  }
  // Whatever is left is a trailer (or a truncated chunk).
  for (; i < size; ++i) {
    file.push_back(std::byte(data[i]));
  }
  (void)hallmark::media::internal::segment_png(file);
  return 0;
}
