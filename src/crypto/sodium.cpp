// The one file that includes libsodium: the seam behind random.h, kdf.h, base64.h,
// secure_memory.h, aead.h and ed25519.h (each header says what it offers), and libsodium's
// version for hallmark version. Every function initialises libsodium first where it needs it.
#include <cstdlib>
#include <mutex>
#include <optional>
#include <span>
#include <string>

#include <sodium.h>

#include "crypto/aead.h"
#include "crypto/base64.h"
#include "crypto/ed25519.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "crypto/secure_memory.h"
#include "library_versions.h"

namespace hallmark::crypto {
namespace {

// Initialises libsodium once per process (later calls return at once). Aborts if libsodium
// cannot start (no usable random source): no key can be made or used safely then.
void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::abort();
    }
  });
}

const unsigned char* uc(const std::byte* p) {
  return reinterpret_cast<const unsigned char*>(p);
}
unsigned char* uc(std::byte* p) {
  return reinterpret_cast<unsigned char*>(p);
}

}  // namespace

std::string libsodium_version() {
  return sodium_version_string();
}

// --- random.h: random bytes.

void random_bytes(std::span<std::byte> out) {
  ensure_sodium();
  randombytes_buf(out.data(), out.size());
}

// --- kdf.h: Argon2id.

static_assert(kArgon2idSaltSize == crypto_pwhash_SALTBYTES);
static_assert(kArgon2idMinOps == crypto_pwhash_OPSLIMIT_MIN);
static_assert(kArgon2idMinMem == crypto_pwhash_MEMLIMIT_MIN);

Status argon2id(std::span<std::byte> key, ByteView passphrase,
                std::span<const std::byte, kArgon2idSaltSize> salt, uint64_t ops, uint64_t mem) {
  ensure_sodium();
  if (crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                    reinterpret_cast<const char*>(passphrase.data()), passphrase.size(),
                    reinterpret_cast<const unsigned char*>(salt.data()), ops,
                    static_cast<size_t>(mem), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return io_error("argon2id key derivation ran out of memory");
  }
  return {};
}

// --- base64.h: constant-time base64 for secrets.

std::optional<size_t> secret_base64_decode(std::string_view text, std::span<std::byte> out) {
  ensure_sodium();
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  return len;
}

size_t secret_base64_encoded_size(size_t n) {
  return sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
}

void secret_base64_encode(ByteView bytes, std::span<char> out) {
  if (out.size() != secret_base64_encoded_size(bytes.size())) {
    std::abort();
  }
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
}

// --- secure_memory.h: guarded memory.

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

// --- aead.h: XChaCha20-Poly1305.

static_assert(kAeadKeySize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceSize == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagSize == crypto_aead_xchacha20poly1305_ietf_ABYTES);

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

// --- ed25519.h: Ed25519.

static_assert(kEd25519SeedSize == crypto_sign_SEEDBYTES);
static_assert(kEd25519PublicKeySize == crypto_sign_PUBLICKEYBYTES);
static_assert(kEd25519SecretKeySize == crypto_sign_SECRETKEYBYTES);
static_assert(kEd25519SignatureSize == crypto_sign_BYTES);

void ed25519_keypair_from_seed(std::span<const std::byte, kEd25519SeedSize> seed,
                               std::span<std::byte, kEd25519PublicKeySize> public_key,
                               std::span<std::byte, kEd25519SecretKeySize> secret_key) {
  ensure_sodium();
  crypto_sign_seed_keypair(uc(public_key.data()), uc(secret_key.data()), uc(seed.data()));
}

void ed25519_sign(std::span<const std::byte, kEd25519SecretKeySize> secret_key, ByteView message,
                  std::span<std::byte, kEd25519SignatureSize> signature) {
  ensure_sodium();
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
