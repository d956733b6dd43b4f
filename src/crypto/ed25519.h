// Ed25519 signatures (RFC 8032) over libsodium: a key pair from a 32-byte seed, detached
// signatures and their verification. Secret inputs and outputs are caller-owned buffers, which
// should be guarded memory (secure_memory.h); nothing secret is kept here.
// Thread-safety: all functions are thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "hallmark/bytes.h"

namespace hallmark::crypto {

constexpr size_t kEd25519SeedSize = 32;
constexpr size_t kEd25519PublicKeySize = 32;
constexpr size_t kEd25519SecretKeySize = 64;  // libsodium's expanded key: seed || public key.
constexpr size_t kEd25519SignatureSize = 64;

// The key pair whose RFC 8032 seed is `seed`: writes its public key and its expanded secret
// key.
void ed25519_keypair_from_seed(std::span<const std::byte, kEd25519SeedSize> seed,
                               std::span<std::byte, kEd25519PublicKeySize> public_key,
                               std::span<std::byte, kEd25519SecretKeySize> secret_key);

// Writes the signature of `message` by `secret_key` (as ed25519_keypair_from_seed made it).
void ed25519_sign(std::span<const std::byte, kEd25519SecretKeySize> secret_key, ByteView message,
                  std::span<std::byte, kEd25519SignatureSize> signature);

// True if `signature` is `public_key`'s signature of `message` (libsodium's strict checks: a
// non-canonical or small-order key or signature is refused).
bool ed25519_verify(std::span<const std::byte, kEd25519PublicKeySize> public_key, ByteView message,
                    std::span<const std::byte, kEd25519SignatureSize> signature);

}  // namespace hallmark::crypto
