// Authenticated encryption with associated data: XChaCha20-Poly1305 (IETF construction) over
// libsodium, which seals the seed of a passphrase-protected secret key file under the
// Argon2id key (kdf.h). The 24-byte nonce is random per file. Plaintexts, keys and outputs are
// caller-owned buffers (guarded memory for secrets). Thread-safety: thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "hallmark/bytes.h"

namespace hallmark::crypto {

constexpr size_t kAeadKeySize = 32;
constexpr size_t kAeadNonceSize = 24;
constexpr size_t kAeadTagSize = 16;

// Writes the ciphertext of `plaintext` followed by the tag that also covers `associated` to
// `sealed`, which must be plaintext.size() + kAeadTagSize bytes (aborts otherwise).
void aead_seal(std::span<std::byte> sealed, ByteView plaintext, ByteView associated,
               std::span<const std::byte, kAeadNonceSize> nonce,
               std::span<const std::byte, kAeadKeySize> key);

// Opens what aead_seal made into `plaintext` (sealed.size() - kAeadTagSize bytes). False when
// the sizes do not fit or the tag does not verify (wrong key, or `sealed` or `associated`
// altered); `plaintext` then holds nothing of use.
bool aead_open(std::span<std::byte> plaintext, ByteView sealed, ByteView associated,
               std::span<const std::byte, kAeadNonceSize> nonce,
               std::span<const std::byte, kAeadKeySize> key);

}  // namespace hallmark::crypto
