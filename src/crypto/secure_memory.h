// Guarded memory for secrets, over libsodium's sodium_malloc: each block sits between guard
// pages, is locked out of swap where the system allows, and is zeroed when freed. The storage
// of keys::Secret (hallmark/keys.h). Thread-safety: both functions are thread-safe.
#pragma once

#include <cstddef>

namespace hallmark::crypto {

// A zero-filled block of `size` bytes (one byte when `size` is 0), never nullptr: aborts when
// no memory can be had. Release it with secure_free(), never with free() or delete.
std::byte* secure_alloc(size_t size);

// Zeroes and frees a block of secure_alloc(); nullptr is a no-op.
void secure_free(std::byte* block);

}  // namespace hallmark::crypto
