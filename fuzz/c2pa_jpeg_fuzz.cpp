// The whole reader (extraction, store, validation) on a JPEG given as input.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "hallmark/c2pa.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/c2pa_jpeg_fuzz." + std::to_string(getpid()) + ".jpg";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return 0;
  }
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  hallmark::C2paOptions options;
  options.find_sidecar = false;
  options.now = 1795737600;
  hallmark::Result<hallmark::InputFile> input = hallmark::InputFile::open(path);
  std::remove(path.c_str());  // The open file stays readable; nothing is left in /tmp.
  if (input.ok()) {
    (void)hallmark::read_c2pa(*input, options);
  }
  return 0;
}
