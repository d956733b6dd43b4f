// Bundle and manifest parsing: never crash; whatever parses must re-serialise to a bundle that
// parses to the same signed bytes (no two readings of one bundle).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hallmark/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hallmark::Result<hallmark::Bundle> b = hallmark::parse_bundle(text);
  (void)hallmark::parse_manifest(text);
  (void)hallmark::parse_log_entry(text);
  if (b.ok()) {
    hallmark::Result<hallmark::Bundle> again =
        hallmark::parse_bundle(hallmark::serialize_bundle(*b));
    if (!again.ok() || again->signed_manifest.canonical != b->signed_manifest.canonical ||
        again->signed_manifest.signatures != b->signed_manifest.signatures ||
        again->file_leaves != b->file_leaves || again->ancestors.size() != b->ancestors.size()) {
      std::abort();
    }
    for (const auto& s : b->signed_manifest.signatures) {
      (void)hallmark::verify_signature(b->signed_manifest, s);
    }
  }
  return 0;
}
