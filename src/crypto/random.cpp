#include "crypto/random.h"

#include <sodium.h>

#include "crypto/sodium.h"

namespace hallmark::crypto {

void random_bytes(std::span<std::byte> out) {
  ensure_sodium();
  randombytes_buf(out.data(), out.size());
}

}  // namespace hallmark::crypto
