// Bundle and manifest parsing: never crash; whatever parses must re-serialise to the same bytes
// (no two readings of one bundle), and nothing may follow the JSON value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hallmark/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hallmark::Result<hallmark::Bundle> b = hallmark::parse_bundle(text);
  (void)hallmark::parse_manifest(text);
  (void)hallmark::parse_log_entry(text);
  if (b.ok()) {
    const std::string once = hallmark::serialize_bundle(*b).value();
    hallmark::Result<hallmark::Bundle> again = hallmark::parse_bundle(once);
    if (!again.ok() || again->signed_manifest.canonical != b->signed_manifest.canonical ||
        again->signed_manifest.signatures != b->signed_manifest.signatures ||
        again->file_leaves != b->file_leaves || again->ancestors.size() != b->ancestors.size() ||
        hallmark::serialize_bundle(*again).value() != once) {
      std::abort();
    }
    if (hallmark::parse_bundle(std::string(text) + "x").ok() ||
        hallmark::parse_bundle(std::string(text) + '\0').ok()) {
      std::abort();  // Trailing bytes are malformed.
    }
    for (const auto& s : b->signed_manifest.signatures) {
      (void)hallmark::verify_signature(b->signed_manifest, s);
    }
  }
  return 0;
}
