#include "crypto/ed25519.h"

#include <sodium.h>

#include "crypto/sodium.h"

namespace hallmark::crypto {
namespace {

static_assert(kEd25519SeedSize == crypto_sign_SEEDBYTES);
static_assert(kEd25519PublicKeySize == crypto_sign_PUBLICKEYBYTES);
static_assert(kEd25519SecretKeySize == crypto_sign_SECRETKEYBYTES);
static_assert(kEd25519SignatureSize == crypto_sign_BYTES);

const unsigned char* uc(const std::byte* p) {
  return reinterpret_cast<const unsigned char*>(p);
}
unsigned char* uc(std::byte* p) {
  return reinterpret_cast<unsigned char*>(p);
}

}  // namespace

void ed25519_keypair_from_seed(std::span<const std::byte, kEd25519SeedSize> seed,
                               std::span<std::byte, kEd25519PublicKeySize> public_key,
                               std::span<std::byte, kEd25519SecretKeySize> secret_key) {
  ensure_sodium();
  crypto_sign_seed_keypair(uc(public_key.data()), uc(secret_key.data()), uc(seed.data()));
}

void ed25519_sign(std::span<const std::byte, kEd25519SecretKeySize> secret_key, ByteView message,
                  std::span<std::byte, kEd25519SignatureSize> signature) {
  crypto_sign_detached(uc(signature.data()), nullptr, uc(message.data()), message.size(),
                       uc(secret_key.data()));
}

bool ed25519_verify(std::span<const std::byte, kEd25519PublicKeySize> public_key, ByteView message,
                    std::span<const std::byte, kEd25519SignatureSize> signature) {
  ensure_sodium();
  return crypto_sign_verify_detached(uc(signature.data()), uc(message.data()), message.size(),
                                     uc(public_key.data())) == 0;
}

}  // namespace hallmark::crypto
