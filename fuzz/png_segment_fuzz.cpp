// libFuzzer target: the PNG segmenter (src/media/png.cpp) on arbitrary bytes. Inputs without
// the PNG signature get one, so the fuzzer spends its time inside the chunk parser (CRCs are
// checked, so most mutations stop at the first chunk: see png_chunks_fuzz for the rest).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "media/exif.h"
#include "media/images.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hallmark::media::internal;
  std::vector<std::byte> file(8 + size);
  std::memcpy(file.data(), "\x89PNG\r\n\x1a\n", 8);
  if (size > 0) {
    std::memcpy(file.data() + 8, data, size);
  }
  hallmark::Result<ImageSegments> seg = segment_png(file);
  if (seg.ok()) {
    if (seg->leaves.size() != seg->unit_names.size()) {
      __builtin_trap();
    }
    for (hallmark::ByteView exif : seg->exif) {
      (void)read_exif(exif, true);
    }
  }
  return 0;
}
