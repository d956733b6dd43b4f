// JUMBF box reader and the manifest store on top of it: never crash, never read out of bounds.
#include <cstdint>
#include <memory>

#include "c2pa/jumbf.h"
#include "c2pa/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = std::make_shared<const hallmark::Bytes>(
      reinterpret_cast<const std::byte*>(data), reinterpret_cast<const std::byte*>(data) + size);
  hallmark::Result<hallmark::c2pa::Store> store = hallmark::c2pa::parse_store(bytes);
  if (store.ok()) {
    for (const hallmark::c2pa::Manifest& m : store->manifests) {
      (void)hallmark::c2pa::resolve_uri(*store, m, "self#jumbf=c2pa.assertions/c2pa.hash.data");
      (void)hallmark::c2pa::resolve_uri(*store, m,
                                        "self#jumbf=/c2pa/" + m.label + "/c2pa.signature");
    }
  }
  return 0;
}
