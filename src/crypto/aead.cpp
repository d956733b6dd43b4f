#include "crypto/aead.h"

#include <cstdlib>

#include <sodium.h>

#include "crypto/sodium.h"

namespace hallmark::crypto {
namespace {

static_assert(kAeadKeySize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceSize == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagSize == crypto_aead_xchacha20poly1305_ietf_ABYTES);

const unsigned char* uc(const std::byte* p) {
  return reinterpret_cast<const unsigned char*>(p);
}

}  // namespace

void aead_seal(std::span<std::byte> sealed, ByteView plaintext, ByteView associated,
               std::span<const std::byte, kAeadNonceSize> nonce,
               std::span<const std::byte, kAeadKeySize> key) {
  if (sealed.size() != plaintext.size() + kAeadTagSize) {
    std::abort();
  }
  ensure_sodium();
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(sealed.data()),
                                             nullptr, uc(plaintext.data()), plaintext.size(),
                                             uc(associated.data()), associated.size(), nullptr,
                                             uc(nonce.data()), uc(key.data()));
}

bool aead_open(std::span<std::byte> plaintext, ByteView sealed, ByteView associated,
               std::span<const std::byte, kAeadNonceSize> nonce,
               std::span<const std::byte, kAeadKeySize> key) {
  if (sealed.size() < kAeadTagSize || plaintext.size() != sealed.size() - kAeadTagSize) {
    return false;
  }
  ensure_sodium();
  return crypto_aead_xchacha20poly1305_ietf_decrypt(
             reinterpret_cast<unsigned char*>(plaintext.data()), nullptr, nullptr,
             uc(sealed.data()), sealed.size(), uc(associated.data()), associated.size(),
             uc(nonce.data()), uc(key.data())) == 0;
}

}  // namespace hallmark::crypto
