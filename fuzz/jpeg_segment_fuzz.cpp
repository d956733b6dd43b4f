// libFuzzer target: the JPEG segmenter (src/media/jpeg.cpp) on arbitrary bytes, then libexif
// on any EXIF blob it finds, as bind_media() does.
#include <cstddef>
#include <cstdint>

#include "media/detect.h"
#include "media/exif.h"
#include "media/images.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hallmark::media::internal;
  const hallmark::ByteView input(reinterpret_cast<const std::byte*>(data), size);
  (void)detect_format(input);
  hallmark::Result<ImageSegments> seg = segment_jpeg(input);
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
