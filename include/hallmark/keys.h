// Ed25519 keys, signatures and key files (format: man/hallmark-keys.5).
//
// Secret material (seeds, expanded secret keys, passphrases) lives only in Secret buffers:
// guarded, non-swappable memory that is zeroed when released. Public keys and signatures are
// plain values. Thread-safety: all functions are thread-safe; a SecretKey may be used for
// signing from several threads at once.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::keys {

constexpr size_t kPublicKeySize = 32;
constexpr size_t kSeedSize = 32;
constexpr size_t kSignatureSize = 64;

using Signature = std::array<std::byte, kSignatureSize>;

// A move-only buffer of secret bytes in sodium_malloc memory, zeroed and freed on destruction.
class Secret {
 public:
  Secret() = default;
  explicit Secret(size_t size);  // Zero-filled. Aborts if no memory can be had.
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  ~Secret();

  std::byte* data() { return data_; }
  const std::byte* data() const { return data_; }
  size_t size() const { return size_; }
  ByteView view() const { return {data_, size_}; }
  std::string_view chars() const { return as_chars(view()); }
  // Copies `text` into a new Secret; the caller should wipe its own copy.
  static Secret from(std::string_view text);

 private:
  std::byte* data_ = nullptr;
  size_t size_ = 0;
};

struct PublicKey {
  std::array<std::byte, kPublicKeySize> bytes{};

  // "ed25519:<standard base64 of the 32 bytes>", the form used in manifests and trust files.
  std::string to_string() const;
  // 16 lowercase hex digits: the first 8 bytes of SHA-256(bytes). For people, not for security.
  std::string id() const;
  bool operator==(const PublicKey&) const = default;
};

// Parses "ed25519:<base64>"; kCorrupt with a reason otherwise.
Result<PublicKey> parse_public_key(std::string_view text);

// OK if `signature` is `key`'s Ed25519 signature of `message`; kVerifyFailed otherwise.
Status verify(const PublicKey& key, ByteView message, const Signature& signature);

class SecretKey {
 public:
  // A fresh random key.
  static SecretKey generate();
  // The key whose RFC 8032 seed is `seed`; kInvalidArgument unless 32 bytes.
  static Result<SecretKey> from_seed(ByteView seed);

  const PublicKey& public_key() const { return public_key_; }
  // The 32-byte seed, for writing key files.
  const Secret& seed() const { return seed_; }
  Signature sign(ByteView message) const;

 private:
  SecretKey() = default;
  Secret seed_;
  Secret expanded_;  // libsodium's 64-byte secret key (seed || public key).
  PublicKey public_key_;
};

// A public key file: a name for people and the key.
struct NamedPublicKey {
  std::string name;
  PublicKey key;
};

struct NamedSecretKey {
  std::string name;
  SecretKey key;
};

// Asked for the passphrase only when a key file is encrypted.
using PassphraseSource = std::function<Result<Secret>()>;

// Argon2id cost of new key files; readers accept any cost up to the limits in hallmark-keys(5).
struct KdfCost {
  uint64_t ops = 3;
  uint64_t mem = 32ull << 20;  // Bytes. Small enough for sign's 64 MiB peak-RSS budget.
};

// A valid key name: 1 to 64 characters from [A-Za-z0-9._-], not starting with '.' or '-'.
Status check_key_name(std::string_view name);

std::string encode_public_key_file(const NamedPublicKey& key);
// kCorrupt with a reason when the text is not a public key file.
Result<NamedPublicKey> parse_public_key_file(std::string_view text);

// An encrypted file when `passphrase` is non-null, a plaintext one otherwise.
Result<Secret> encode_secret_key_file(std::string_view name, const SecretKey& key,
                                      const Secret* passphrase, KdfCost cost = {});
// kCorrupt for a malformed file; kVerifyFailed for a wrong passphrase (or an altered file);
// errors of `passphrase` are passed through.
Result<NamedSecretKey> parse_secret_key_file(std::string_view text,
                                             const PassphraseSource& passphrase);
// True if `text` looks like an encrypted secret key file (for prompts and hints).
bool is_encrypted_secret_key_file(std::string_view text);
// The name and public key a secret key file declares, read without decrypting anything (the
// secret itself is not checked). kCorrupt if the header is malformed.
Result<NamedPublicKey> public_key_of_secret_key_file(std::string_view text);

}  // namespace hallmark::keys
