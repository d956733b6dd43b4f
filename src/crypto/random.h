// Cryptographically secure random bytes (libsodium's randombytes: the kernel's getrandom).
// Thread-safe.
#pragma once

#include <cstddef>
#include <span>

namespace hallmark::crypto {

// Fills `out` with random bytes. Never fails (libsodium aborts if the system has no source).
void random_bytes(std::span<std::byte> out);

}  // namespace hallmark::crypto
