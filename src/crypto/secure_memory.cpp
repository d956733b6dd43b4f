#include "crypto/secure_memory.h"

#include <cstdlib>

#include <sodium.h>

#include "crypto/sodium.h"

namespace hallmark::crypto {

std::byte* secure_alloc(size_t size) {
  ensure_sodium();
  const size_t n = size == 0 ? 1 : size;
  auto* block = static_cast<std::byte*>(sodium_malloc(n));
  if (block == nullptr) {
    std::abort();
  }
  sodium_memzero(block, n);
  return block;
}

void secure_free(std::byte* block) {
  if (block != nullptr) {
    sodium_free(block);  // Zeroes before freeing.
  }
}

}  // namespace hallmark::crypto
