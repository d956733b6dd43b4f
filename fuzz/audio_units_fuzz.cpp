// libFuzzer target: the audio unit helpers (src/media/audio.cpp): ADTS stripping, trailing tag
// detection and PCM blocking. Checks that stripping never invents bytes and that the tag start
// lies within the file.
#include <cstddef>
#include <cstdint>

#include "media/audio.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hallmark::media::internal;
  const hallmark::ByteView input(reinterpret_cast<const std::byte*>(data), size);
  size_t total = 0;
  for (hallmark::ByteView p : aac_payloads(input)) {
    if (p.data() < input.data() || p.data() + p.size() > input.data() + input.size()) {
      __builtin_trap();
    }
    total += p.size();
  }
  if (total > size) {
    __builtin_trap();
  }
  const uint64_t file_size = size + (size > 0 ? data[0] : 0);  // A tail of a larger file.
  const uint64_t end = trailing_tags_start(input, file_size);
  if (end > file_size || end < file_size - size) {
    __builtin_trap();
  }
  if (size > 0) {
    const uint64_t block = 1 + data[size - 1];
    PcmBlocker blocker(block);
    uint64_t leaves = 0;
    blocker.feed(input.first(size / 2), [&](const hallmark::Digest&) { ++leaves; });
    blocker.feed(input.subspan(size / 2), [&](const hallmark::Digest&) { ++leaves; });
    blocker.finish([&](const hallmark::Digest&) { ++leaves; });
    if (leaves != (size + block - 1) / block) {
      __builtin_trap();
    }
  }
  return 0;
}
