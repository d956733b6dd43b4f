// Argon2id (RFC 9106, version 1.3) over libsodium: the key derivation of passphrase-protected
// secret key files (hallmark-keys(5)). Thread-safety: thread-safe; each call allocates `mem`
// bytes for its own use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::crypto {

constexpr size_t kArgon2idSaltSize = 16;
// The least cost libsodium accepts: passes over memory, and bytes of memory.
constexpr uint64_t kArgon2idMinOps = 1;
constexpr uint64_t kArgon2idMinMem = 8192;

// Fills `key` (1 byte or more; guarded memory) with the Argon2id key of `passphrase` and
// `salt` at cost `ops` passes over `mem` bytes. kIoError "argon2id key derivation ran out of
// memory" when libsodium refuses: out of memory, or a cost outside what it accepts (callers
// bound the cost first).
Status argon2id(std::span<std::byte> key, ByteView passphrase,
                std::span<const std::byte, kArgon2idSaltSize> salt, uint64_t ops, uint64_t mem);

}  // namespace hallmark::crypto
