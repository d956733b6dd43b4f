// The bundle leaf section (src/bundle_leaves.cpp): the streaming reader agrees with the DOM
// reader it replaced, and its limits refuse exactly what is over them (see
// bundle_leaves_property.h for the input format and the property).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bundle_leaves_property.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string broken = hallmark::leaves_property::check(input);
  if (!broken.empty()) {
    std::fprintf(stderr, "bundle_leaves_fuzz: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
