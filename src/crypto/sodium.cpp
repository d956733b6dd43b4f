#include "crypto/sodium.h"

#include <cstdlib>
#include <mutex>

#include <sodium.h>

#include "library_versions.h"

namespace hallmark::crypto {

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::abort();
    }
  });
}

std::string libsodium_version() {
  return sodium_version_string();
}

}  // namespace hallmark::crypto
