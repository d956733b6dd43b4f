// CBOR reader: any input gives an item or kCorrupt; a parsed item's raw bytes are the input.
#include <cstdint>
#include <cstdlib>

#include "c2pa/cbor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const hallmark::ByteView in(reinterpret_cast<const std::byte*>(data), size);
  hallmark::Result<hallmark::c2pa::cbor::Item> item = hallmark::c2pa::cbor::parse(in);
  if (item.ok()) {
    if (item->raw.data() != in.data() || item->raw.size() != in.size()) {
      std::abort();
    }
    (void)hallmark::c2pa::cbor::to_diagnostic(*item);
  }
  return 0;
}
