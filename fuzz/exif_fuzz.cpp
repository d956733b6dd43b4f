// libFuzzer target: libexif through hallmark's EXIF reader (src/media/exif.cpp), which every
// JPEG, PNG and WebP file's EXIF reaches. libexif has a long CVE history; this keeps our use of
// it (options, rational parsing, text trimming) under ASan.
#include <cstddef>
#include <cstdint>

#include "media/exif.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const hallmark::ByteView input(reinterpret_cast<const std::byte*>(data), size);
  const auto facts = hallmark::media::internal::read_exif(input, true);
  if (facts.claims.make && facts.claims.make->size() > 256) {
    __builtin_trap();
  }
  return 0;
}
