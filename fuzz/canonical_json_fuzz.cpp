// The RFC 8785 canonicaliser: never crash, and canonical output is a fixed point.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hallmark/canonical_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hallmark::Result<std::string> once = hallmark::canonicalize_json(text);
  if (once.ok()) {
    hallmark::Result<std::string> twice = hallmark::canonicalize_json(*once);
    if (!twice.ok() || *twice != *once) {
      std::abort();
    }
  }
  return 0;
}
