// libFuzzer target: the WebP segmenter (src/media/webp.cpp) on arbitrary bytes, then libexif on
// any EXIF chunk it finds.
#include <cstddef>
#include <cstdint>

#include "media/exif.h"
#include "media/images.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hallmark::media::internal;
  const hallmark::ByteView input(reinterpret_cast<const std::byte*>(data), size);
  hallmark::Result<ImageSegments> seg = segment_webp(input);
  if (seg.ok()) {
    if (seg->leaves.size() != seg->unit_names.size() || seg->leaves.empty()) {
      __builtin_trap();
    }
    for (hallmark::ByteView exif : seg->exif) {
      (void)read_exif(exif, true);
    }
  }
  return 0;
}
