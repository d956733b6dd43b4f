#include "crypto/kdf.h"

#include <sodium.h>

#include "crypto/sodium.h"

namespace hallmark::crypto {

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

}  // namespace hallmark::crypto
