// libFuzzer target: the H.264/HEVC NAL normaliser (src/media/nal.cpp). Input layout:
//   byte 0: bit 0 codec (0 H.264, 1 HEVC); byte 1: extradata length n; n bytes of extradata;
//   then packets, each as [u16 length][bytes] (the last one takes what is left).
// Checks the invariant the binding relies on: normalising the same packet twice gives the same
// leaves, whatever came in between.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "media/nal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hallmark::media::internal;
  if (size < 2) {
    return 0;
  }
  const NalCodec codec = (data[0] & 1) != 0 ? NalCodec::kHevc : NalCodec::kH264;
  const size_t n = std::min<size_t>(data[1], size - 2);
  const hallmark::ByteView all(reinterpret_cast<const std::byte*>(data), size);
  NalNormaliser normaliser(codec, all.subspan(2, n));
  std::vector<hallmark::ByteView> packets;
  size_t i = 2 + n;
  while (i < size) {
    size_t len = size - i;
    if (size - i >= 2) {
      len = std::min<size_t>(size_t(data[i]) << 8 | data[i + 1], size - i - 2);
      i += 2;
    }
    packets.push_back(all.subspan(i, len));
    i += len;
  }
  std::vector<NalNormaliser::Packet> first;
  for (hallmark::ByteView p : packets) {
    first.push_back(normaliser.normalise(p));
  }
  for (size_t k = 0; k < packets.size(); ++k) {
    const NalNormaliser::Packet again = normaliser.normalise(packets[k]);
    if (again.leaf != first[k].leaf || again.aux_leaf != first[k].aux_leaf) {
      __builtin_trap();
    }
  }
  (void)normaliser.config();
  return 0;
}
